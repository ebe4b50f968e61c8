-- wrk: POST /api/v1/listings/search over a fixed set of request bodies.
--   MIX_BODIES    a file with one JSON request body per line (scripts/bench/search-mix.py prepare)
--   MIX_SEQUENCE  optional: a file of 0-based body indices, one per line (the Zipf-drawn order of
--                 requests); without it the bodies are sent in turn
--   TOKEN         the bearer token; WRK_THREADS the -t given to wrk (default 2)
-- Every request is formatted once, in `init`; each wrk thread starts at its own offset into the
-- sequence (thread k of n at k/n of it) and wraps around at its end.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")

local next_id = 0
function setup(thread)
    thread:set("id", next_id)
    next_id = next_id + 1
end

function init(args)
    local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TOKEN") }
    requests = {}
    for line in io.lines(os.getenv("MIX_BODIES")) do
        if line ~= "" then
            table.insert(requests, wrk.format("POST", "/api/v1/listings/search", headers, line))
        end
    end
    sequence = {}
    local file = os.getenv("MIX_SEQUENCE")
    if file and file ~= "" then
        for line in io.lines(file) do
            if line ~= "" then table.insert(sequence, tonumber(line) + 1) end
        end
    else
        for i = 1, #requests do sequence[i] = i end
    end
    for _, index in ipairs(sequence) do
        if not requests[index] then error("search-mix.lua: index " .. (index - 1) .. " has no body") end
    end
    position = math.floor(#sequence * id / tonumber(os.getenv("WRK_THREADS") or "2"))
end

function request()
    position = position + 1
    if position > #sequence then position = 1 end
    return requests[sequence[position]]
end

function done(summary, latency, requests)
    report(summary, latency)
end
