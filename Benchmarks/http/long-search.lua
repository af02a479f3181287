-- wrk: POST a full-text search for sixteen common three-letter prefixes (the most words a search
-- takes), which costs most of a second at 100,000 articles. A counter goes along as an extra
-- variable, so no request is answered from the response cache.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/graphql-response+json"

local query = "query ($q: String!) { search(query: $q, first: 10) { totalCount nodes { score article { slug } } } }"
local words = "pai hea spi sle mig tre neu pos rec sym tin nec bal wea inf cho"
-- The run's start time goes along with the counter: another run against the same server (a
-- warm-up, say) sends other requests.
local run = os.time()
local counter = 0

request = function()
  counter = counter + 1
  return wrk.format(nil, nil, nil, '{"query":"' .. query .. '","variables":{"q":"' .. words .. '","request":"' .. run .. '-' .. counter .. '"}}')
end
