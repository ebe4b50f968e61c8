#!/usr/bin/env bash
# Warm search latency over 1,000,000 generated listings, per query: SQLiteStore.searchListings
# (median, p99), the very same statements run raw on one of the store's SQLite connections (the
# sqlite3 shell cannot: they call the store's FTS5 function edulink_rank, and its timer has 1 ms
# steps), their ratio, countListings for the same filter (the total Browse asks for beside every
# search; the empty query is the first search after sign-in), and the naive raw FTS5 query that
# ranks every match (`ORDER BY rank LIMIT 50`) in the sqlite3 shell. Results go in BENCHMARKS.md,
# "## Search".
#
#   scripts/bench-search.sh [RUNS]            RUNS per query after 20 warm-up runs (default 200)
#   LISTINGS=100000 scripts/bench-search.sh   a smaller database (its own cache file)
#   NAIVE_RUNS=3                              runs of the naive ranked query (it takes seconds)
#   QUERY='data' scripts/bench-search.sh      one query instead of the list (QUERY='': the empty one)
#   BENCH_DB=/path/x.sqlite                   another database (generated there if missing)
#   BENCH_DB=postgres://user@host:port/db     an Edulink PostgreSQL database instead (never generated:
#                                             fill it with scripts/bench/sqlite-to-postgres.py); the
#                                             store's page and count only, no raw statements and no
#                                             naive query
#   COUNT_RUNS=10                             fewer runs of the counts (2 warm-up runs), which can take seconds
#   WARM_UP=3                                 fewer warm-up runs of the pages (default 20)
#   COMPARE="before=/a/search-bench:/a.sqlite after=/b/search-bench:/b.sqlite"
#                                             two builds side by side, no build and no naive query:
#                                             each on its own copy of the database (at its own
#                                             schema), query by query in turn, the order swapped
#                                             every query, so a machine whose load drifts weighs on
#                                             both alike; one row per build and query
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-200}"
LISTINGS="${LISTINGS:-1000000}"
NAIVE_RUNS="${NAIVE_RUNS:-3}"
SCRATCH=.build-bench
if [ "$LISTINGS" = 1000000 ]; then DB="$SCRATCH/bench-1m.sqlite"; else DB="$SCRATCH/bench-$LISTINGS.sqlite"; fi
DB=${BENCH_DB:-$DB}
if [ -n "${COMPARE:-}" ]; then
    read -ra SIDES <<<"$COMPARE"
    first=${SIDES[0]#*=}
    DB=${first#*:}
fi
POSTGRES=0
case "$DB" in postgres://* | postgresql://*) POSTGRES=1 ;; esac
# One answer from the database, whichever store it is (psql from PATH, else PostgreSQL's own folder).
PSQL=$(command -v psql || ls -d /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -1 || true)
ask() {
    if [ "$POSTGRES" = 1 ]; then "$PSQL" "$DB" -Atqc "$1"; else sqlite3 "$DB" "$1"; fi
}
engine() {
    if [ "$POSTGRES" = 1 ]; then echo "PostgreSQL $(ask "SHOW server_version" | cut -d' ' -f1)"; else echo "SQLite $(sqlite3 --version | cut -d' ' -f1)"; fi
}

if [ -z "${COMPARE:-}" ]; then
    # Builds only when sources changed (SwiftPM's own incremental build). The build plan is dropped
    # first: SwiftPM keeps the file list of the path dependency (Edulink) and misses added files.
    rm -f "$SCRATCH/release.yaml" "$SCRATCH"/*/release/description.json
    (cd Benchmarks/search && swift build -c release --scratch-path "../../$SCRATCH" >&2)
    BENCH="$(cd Benchmarks/search && swift build -c release --scratch-path "../../$SCRATCH" --show-bin-path)/search-bench"

    # The database is generated once; deadlines are 1-120 days after generation, so it is made again
    # after a week to keep the open-listings filter realistic. Opening it with the store migrates it.
    if [ "$POSTGRES" = 0 ] && [ -f "$DB" ] && [ -n "$(find "$DB" -mtime +7)" ]; then rm -f "$DB" "$DB-wal" "$DB-shm"; fi
    if [ "$POSTGRES" = 0 ] && [ ! -f "$DB" ]; then
        echo "generating $LISTINGS listings into $DB …" >&2
        "$BENCH" generate "$DB" "$LISTINGS" data/vocabulary >&2
    fi

fi

# The 101st organization, or the middle one of a small database.
ORG="$(ask "SELECT name FROM organizations ORDER BY id LIMIT 1 OFFSET (SELECT CASE WHEN count(*) / 2 < 100 THEN count(*) / 2 ELSE 100 END FROM organizations)")"
if [ -n "${QUERY+set}" ]; then
    QUERIES=("$QUERY")
else
    QUERIES=(
        "" "d" "da" "dat" "data" "data a" "data an" "data ana" "data anal" "data analyst"
        "s" "so" "sof" "soft" "software" "software e" "software en" "software eng" "software engineer"
        "software engineer n" "software engineer na" "software engineer nairobi"
        "graphic de" "graphic des" "graphic design" "mobile developer mo" "mobile developer mom"
        "remote:yes stipend>=20000 category:technology"
        "marketing deadline<14d sort:deadline"
        "data sort:deadline"
        "data sort:stipend"
        "data remote:yes stipend>=75000 category:technology level:entry"
        "data org:\"$ORG\""
        "software engineer org:\"$ORG\""
        "marketing org:\"$ORG\""
        "data org:\"$ORG\" sort:deadline"
    )
fi

if [ -n "${COMPARE:-}" ]; then
    echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores;" \
        "$(engine); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "runs per query: $RUNS (+${WARM_UP:-20} warm-up); $COMPARE"
    echo
    header=0
    turn=0
    for query in "${QUERIES[@]}"; do
        if [ $((turn % 2)) = 0 ]; then order=("${SIDES[@]}"); else order=("${SIDES[1]}" "${SIDES[0]}"); fi
        turn=$((turn + 1))
        for side in "${order[@]}"; do
            label=${side%%=*} rest=${side#*=}
            out=$("${rest%%:*}" search "${rest#*:}" "$RUNS" "$query")
            if [ $header = 0 ]; then
                echo "$out" | sed -n 1p | sed 's/^|/| build |/'
                echo "$out" | sed -n 2p | sed 's/^|/|---|/'
                header=1
            fi
            echo "$out" | tail -n 1 | sed "s/^|/| $label |/"
        done
    done
    echo
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    exit 0
fi

# The naive query, for contrast: the same FTS5 match ranked whole by bm25 (`ORDER BY rank`) in the
# sqlite3 shell, NAIVE_RUNS times after one warm-up; median in ms (the shell's timer has 1 ms steps).
naive() { # match expression
    local escaped="${1//\'/\'\'}" script
    script=".timer on"$'\n'
    for _ in $(seq 1 $((NAIVE_RUNS + 1))); do
        script+="SELECT rowid FROM listings_fts WHERE listings_fts MATCH '$escaped' ORDER BY rank LIMIT 50;"$'\n'
    done
    printf "%s" "$script" | sqlite3 "$DB" | awk '/Run Time/ {print $4 * 1000}' | tail -n "$NAIVE_RUNS" | sort -n |
        awk '{ v[NR] = $1 } END { printf "%.0f", v[int((NR + 1) / 2)] }'
}

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores;" \
    "$(engine); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$POSTGRES" = 1 ]; then
    echo "database: $DB ($(ask "SELECT pg_size_pretty(pg_database_size(current_database()))"), $(ask "SELECT count(*) FROM listings") listings)," \
        "runs per query: $RUNS (+${WARM_UP:-20} warm-up)"
    echo
    echo "PostgresStore.searchListings (first page of 50, open listings) and countListings:"
    "$BENCH" search "$DB" "$RUNS" "${QUERIES[@]}"
    echo
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    exit 0
fi
echo "database: $DB ($(du -h "$DB" | cut -f1), $(ask "SELECT count(*) FROM listings") listings)," \
    "runs per query: $RUNS (+${WARM_UP:-20} warm-up), naive: $NAIVE_RUNS (+1 warm-up)"
echo
echo "SQLiteStore.searchListings (first page of 50, open listings) beside its own statements run raw:"
"$BENCH" search "$DB" "$RUNS" "${QUERIES[@]}"
echo
echo "Naive, sqlite3 shell: \`SELECT rowid FROM listings_fts WHERE listings_fts MATCH ? ORDER BY rank LIMIT 50\`"
echo "| query | match | naive median ms |"
echo "|---|---|---:|"
for query in "${QUERIES[@]}"; do
    match="$("$BENCH" statements "$DB" "$query" | head -n 1)"
    if [ -n "$match" ]; then printf '| `%s` | `%s` | %s |\n' "$query" "$match" "$(naive "$match")"; fi
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
