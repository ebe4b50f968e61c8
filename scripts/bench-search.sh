#!/usr/bin/env bash
# Warm search latency over 1,000,000 generated listings, per query: SQLiteStore.searchListings
# (median, p99), the very same statements run raw through the sqlite3 shell, their ratio, and the
# naive raw FTS5 query that ranks every match (`ORDER BY rank LIMIT 50`). Results go in
# BENCHMARKS.md, "## Search".
#
#   scripts/bench-search.sh [RUNS]            RUNS per query after 20 warm-up runs (default 200)
#   LISTINGS=100000 scripts/bench-search.sh   a smaller database (its own cache file)
#   NAIVE_RUNS=3                              runs of the naive ranked query (it takes seconds)
#   QUERY='data' scripts/bench-search.sh      one query instead of the list
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-200}"
LISTINGS="${LISTINGS:-1000000}"
NAIVE_RUNS="${NAIVE_RUNS:-3}"
SCRATCH=.build-bench
if [ "$LISTINGS" = 1000000 ]; then DB="$SCRATCH/bench-1m.sqlite"; else DB="$SCRATCH/bench-$LISTINGS.sqlite"; fi

# Builds only when sources changed (SwiftPM's own incremental build).
(cd Benchmarks/search && swift build -c release --scratch-path "../../$SCRATCH" >&2)
BENCH="$(cd Benchmarks/search && swift build -c release --scratch-path "../../$SCRATCH" --show-bin-path)/search-bench"

# The database is generated once; deadlines are 1-120 days after generation, so it is made again
# after a week to keep the open-listings filter realistic. Opening it with the store migrates it.
if [ -f "$DB" ] && [ -n "$(find "$DB" -mtime +7)" ]; then rm -f "$DB" "$DB-wal" "$DB-shm"; fi
if [ ! -f "$DB" ]; then
    echo "generating $LISTINGS listings into $DB …" >&2
    "$BENCH" generate "$DB" "$LISTINGS" data/vocabulary >&2
fi

ORG="$(sqlite3 "$DB" "SELECT name FROM organizations ORDER BY id LIMIT 1 OFFSET 100")"
if [ -n "${QUERY:-}" ]; then
    QUERIES=("$QUERY")
else
    QUERIES=(
        "d" "da" "dat" "data" "data a" "data an" "data ana" "data anal" "data analyst"
        "s" "so" "sof" "soft" "software" "software e" "software en" "software eng" "software engineer"
        "software engineer n" "software engineer na" "software engineer nairobi"
        "remote:yes stipend>=20000 category:technology"
        "marketing deadline<14d sort:deadline"
        "data sort:deadline"
        "data sort:stipend"
        "data remote:yes stipend>=75000 category:technology level:entry"
        "data org:\"$ORG\""
    )
fi

# Times a file of statements (one a line) RUNS times after 20 warm-ups in one sqlite3 shell; one
# run is the sum of its statements' "Run Time: real" lines. Prints "median p99" in ms.
raw() { # file, runs, warm-ups
    local file="$1" runs="$2" warm="$3" n script
    n="$(wc -l <"$file")"
    script=".timer on"$'\n'
    for _ in $(seq 1 $((runs + warm))); do script+="$(cat "$file")"$'\n'; done
    printf "%s" "$script" | sqlite3 "$DB" | awk '/Run Time/ {print $4 * 1000}' |
        awk -v n="$n" '{ s += $1 } NR % n == 0 { print s; s = 0 }' | tail -n "$runs" | sort -n |
        awk '{ v[NR] = $1 } END { printf "%.2f %.2f", v[int((NR + 1) / 2)], v[int(NR * 0.99 + 0.999)] }'
}

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores;" \
    "SQLite $(sqlite3 --version | cut -d' ' -f1); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "database: $DB ($(du -h "$DB" | cut -f1), $(sqlite3 "$DB" "SELECT count(*) FROM listings") listings)," \
    "runs per query: $RUNS (+20 warm-up), naive: $NAIVE_RUNS (+1 warm-up)"
echo
echo "| query | matches | store median | store p99 | raw median | raw p99 | ratio median | ratio p99 | naive \`ORDER BY rank\` median |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
for query in "${QUERIES[@]}"; do
    store="$("$BENCH" search "$DB" "$RUNS" "$query" | tail -n 1)"
    matches="$(echo "$store" | awk -F'|' '{ gsub(/ /, "", $3); print $3 }')"
    s_med="$(echo "$store" | awk -F'|' '{ gsub(/ /, "", $5); print $5 }')"
    s_p99="$(echo "$store" | awk -F'|' '{ gsub(/ /, "", $6); print $6 }')"
    "$BENCH" statements "$DB" "$query" >"$TMP/all"
    match="$(head -n 1 "$TMP/all")"
    tail -n +2 "$TMP/all" >"$TMP/sql"
    read -r r_med r_p99 <<<"$(raw "$TMP/sql" "$RUNS" 20)"
    naive="—"
    if [ -n "$match" ]; then
        escaped="${match//\'/\'\'}"
        echo "SELECT rowid FROM listings_fts WHERE listings_fts MATCH '$escaped' ORDER BY rank LIMIT 50;" >"$TMP/naive"
        naive="$(raw "$TMP/naive" "$NAIVE_RUNS" 1 | cut -d' ' -f1)"
    fi
    ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "—" }'; }
    printf '| `%s` | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$query" "$matches" "$s_med" "$s_p99" \
        "$r_med" "$r_p99" "$(ratio "$s_med" "$r_med")" "$(ratio "$s_p99" "$r_p99")" "$naive"
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
