-- wrk: POST /api/v1/listings/search drawn from QUERIES (scripts/bench/make-query-mix.py: a thousand
-- bodies) with a Zipf distribution (s = 1, the first line most popular); a tenth of the draws ask
-- for the query's second page instead (NEXT_PAGES, scripts/bench/next-pages.py: the same line of
-- that file, with the cursor its first page gave; the first page when it had no second).
local bodies = {}
local following = {}
local cumulative = {}

init = function(args)
    for line in io.lines(os.getenv("QUERIES")) do bodies[#bodies + 1] = line end
    for line in io.lines(os.getenv("NEXT_PAGES")) do following[#following + 1] = line end
    local total = 0
    for k = 1, #bodies do
        total = total + 1 / k
        cumulative[k] = total
    end
    for k = 1, #bodies do cumulative[k] = cumulative[k] / total end
    math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 1000)
end

local function draw()
    local u = math.random()
    local lo, hi = 1, #cumulative
    while lo < hi do
        local mid = math.floor((lo + hi) / 2)
        if cumulative[mid] < u then lo = mid + 1 else hi = mid end
    end
    return lo
end

request = function()
    local k = draw()
    local body = bodies[k]
    if math.random() < 0.1 and following[k] and following[k] ~= "" then body = following[k] end
    return wrk.format("POST", "/api/v1/listings/search",
        { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TOKEN") }, body)
end
