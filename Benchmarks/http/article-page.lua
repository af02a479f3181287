-- wrk: POST the article-page query, each request for a random published slug. A request counter
-- goes along as an extra variable the query does not declare (GraphQL ignores it), so no two
-- requests are the same and none is answered from the response cache, even on a database whose
-- slugs all fit in the cache. SLUGS names a file with one slug per line; QUERY the file holding the
-- one-line query.
--
-- wrk runs on the same two cores as the server, so what the client spends a request is taken from
-- the server: the request line, headers and each slug's body up to the counter are put together
-- once, in init, and a request only appends its length and counter (wrk.format's table, pairs
-- and string.format per request cost the client more than building the request does).
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
local head -- the request line and headers, up to Content-Length's value
local starts = {} -- per slug, the body up to the counter

init = function(args)
  -- wrk.init has set the Host header by now (and may add more with -H).
  local fields = {}
  for name, value in pairs(wrk.headers) do fields[#fields + 1] = name .. ": " .. value .. "\r\n" end
  head = wrk.method .. " " .. wrk.path .. " HTTP/1.1\r\n" .. table.concat(fields) .. "Content-Length: "
  for i, slug in ipairs(slugs) do
    starts[i] = '{"query":"' .. query .. '","variables":{"slug":"' .. slug .. '","request":"' .. run .. '-'
  end
end

request = function()
  counter = counter + 1
  local start = starts[math.random(#starts)]
  local n = tostring(counter)
  return head .. (#start + #n + 3) .. "\r\n\r\n" .. start .. n .. '"}}'
end
