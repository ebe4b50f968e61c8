-- wrk: one machine-readable line at the end of a run, for scripts/bench-server.sh to turn into a
-- markdown row (wrk's own summary is printed before it). Load with
--   dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")
-- and call `report(summary, latency, extra)` from `done`. Times in microseconds; non2xx counts
-- responses with status >= 400 (wrk's "Non-2xx or 3xx responses").
function report(summary, latency, extra)
    local e = summary.errors
    io.write(string.format(
        "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d%s\n",
        summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
        e.status, e.connect, e.read, e.write, e.timeout, extra or ""))
end
