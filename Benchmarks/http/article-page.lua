-- wrk: POST the article-page query, each request for a random published slug (so none is a cache hit).
-- SLUGS names a file with one slug per line; QUERY the file holding the one-line query.
local function lines(path)
  local list = {}
  for line in io.lines(path) do if #line > 0 then list[#list + 1] = line end end
  return list
end

local slugs = lines(os.getenv("SLUGS"))
local query = lines(os.getenv("QUERY"))[1]
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/graphql-response+json"

request = function()
  local slug = slugs[math.random(#slugs)]
  local body = '{"query":"' .. query .. '","variables":{"slug":"' .. slug .. '"}}'
  return wrk.format(nil, nil, nil, body)
end
