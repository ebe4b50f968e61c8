-- wrk: POST /api/v1/applications for one listing the student already applied to: every request runs
-- the whole write path (token check, validation, the apply rules in a write transaction) and is
-- refused with 409 already_applied, so the database does not grow during the run.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")
request = function()
    local body = '{"listingID":' .. os.getenv("LISTING") .. ',"coverLetter":"' .. string.rep("I would love to learn from your team. ", 4) .. '","answers":[]}'
    return wrk.format("POST", "/api/v1/applications",
        { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TOKEN") }, body)
end

function done(summary, latency, requests) report(summary, latency) end
