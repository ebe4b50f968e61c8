-- wrk: applies that succeed. Each wrk thread takes its own share of pre-issued access tokens of
-- students with complete profiles (file $TOKENS, one per line); each student applies to 5
-- different listings ($LISTINGS, comma-separated; open, no questions, capacity 10,000) — the
-- daily limit — and then the next student takes over, so no request is refused by a rule unless
-- the tokens run out, which `done` reports. Only 201s count as applies.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")
local threads = {}
local next_id = 0

function setup(thread)
    thread:set("id", next_id)
    next_id = next_id + 1
    table.insert(threads, thread)
end

function init(args)
    local count = tonumber(os.getenv("WRK_THREADS") or "2")
    tokens = {}
    local index = 0
    for line in io.lines(os.getenv("TOKENS")) do
        if index % count == id then table.insert(tokens, line) end
        index = index + 1
    end
    listings = {}
    for listing in string.gmatch(os.getenv("LISTINGS"), "%d+") do table.insert(listings, listing) end
    sent, created, refused, wrapped = 0, 0, 0, 0
    letter = string.rep("I would love to learn from your team and contribute to real projects. ", 2)
end

function request()
    local student = math.floor(sent / 5)
    if student >= #tokens then wrapped = 1 end
    local token = tokens[(student % #tokens) + 1]
    local listing = listings[((sent % 5) + student) % #listings + 1]
    sent = sent + 1
    local body = '{"listingID":' .. listing .. ',"coverLetter":"' .. letter .. '","answers":[]}'
    return wrk.format("POST", "/api/v1/applications",
        { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
end

function response(status, headers, body)
    if status == 201 then created = created + 1 else refused = refused + 1 end
end

function done(summary, latency, requests)
    local c, r, w = 0, 0, 0
    for _, thread in ipairs(threads) do
        c = c + thread:get("created")
        r = r + thread:get("refused")
        w = w + thread:get("wrapped")
    end
    local seconds = summary.duration / 1e6
    io.write(string.format("201 Created: %d (%.1f/s); other statuses: %d; tokens ran out: %s\n",
        c, c / seconds, r, w > 0 and "yes" or "no"))
    report(summary, latency, string.format(" created=%d ran_out=%d", c, w > 0 and 1 or 0))
end
