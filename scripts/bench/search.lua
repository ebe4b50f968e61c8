-- wrk: POST /api/v1/listings/search with a few different queries.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")
local words = { "data", "python", "design", "finance", "marketing", "engineer", "research", "sql" }
local i = 0
request = function()
    i = i + 1
    local body = '{"filter":{"terms":[{"word":"' .. words[(i % #words) + 1] .. '"}]},"limit":20}'
    return wrk.format("POST", "/api/v1/listings/search",
        { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TOKEN") }, body)
end

function done(summary, latency, requests) report(summary, latency) end
