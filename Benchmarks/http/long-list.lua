-- wrk: POST a costly list query within the limits: two lists of 100 articles, each with ten related
-- articles (estimated cost 3,406 of the 5,000 allowed; several milliseconds at 100,000 articles,
-- in many short statements). A counter goes along as an extra variable, so no request is answered
-- from the response cache.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/graphql-response+json"

local query = "{ a: articles(first: 100, filter: {tag: \\\"sleep\\\"}) { totalCount nodes { slug related(first: 10) { slug } } } "
  .. "b: articles(first: 100, orderBy: UPDATED_AT_DESC) { totalCount nodes { slug related(first: 10) { slug summary } } } }"
-- The run's start time goes along with the counter: another run against the same server (a
-- warm-up, say) sends other requests.
local run = os.time()
local counter = 0

request = function()
  counter = counter + 1
  return wrk.format(nil, nil, nil, '{"query":"' .. query .. '","variables":{"request":"' .. run .. '-' .. counter .. '"}}')
end
