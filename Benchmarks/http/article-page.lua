-- wrk: POST the article-page query, each request for a random published slug. A request counter
-- goes along as an extra variable the query does not declare (GraphQL ignores it), so no two
-- requests are the same and none is answered from the response cache, even on a database whose
-- slugs all fit in the cache. SLUGS names a file with one slug per line; QUERY the file holding the
-- one-line query.
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

-- The run's start time goes along with the counter: another run against the same server (a
-- warm-up, say) sends other requests.
local run = os.time()
local counter = 0

request = function()
  counter = counter + 1
  local slug = slugs[math.random(#slugs)]
  local body = '{"query":"' .. query .. '","variables":{"slug":"' .. slug .. '","request":"' .. run .. '-' .. counter .. '"}}'
  return wrk.format(nil, nil, nil, body)
end
