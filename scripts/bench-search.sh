#!/usr/bin/env bash
# Warm search latency over 1,000,000 generated listings: SQLiteStore.searchListings (median, p99)
# beside the bare FTS5 query through the sqlite3 shell. Results go in BENCHMARKS.md, "## Search".
#
#   scripts/bench-search.sh [RUNS]        RUNS per query after 20 warm-up runs (default 200)
#   LISTINGS=100000 scripts/bench-search.sh   a smaller database (its own cache file)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-200}"
LISTINGS="${LISTINGS:-1000000}"
SCRATCH=.build-bench
if [ "$LISTINGS" = 1000000 ]; then DB="$SCRATCH/bench-1m.sqlite"; else DB="$SCRATCH/bench-$LISTINGS.sqlite"; fi

# Builds only when sources changed (SwiftPM's own incremental build).
(cd Benchmarks/search && swift build -c release --scratch-path "../../$SCRATCH" >&2)
BENCH="$(cd Benchmarks/search && swift build -c release --scratch-path "../../$SCRATCH" --show-bin-path)/search-bench"

# The database is generated once; deadlines are 1-120 days after generation, so it is made again
# after a week to keep the open-listings filter realistic.
if [ -f "$DB" ] && [ -n "$(find "$DB" -mtime +7)" ]; then rm -f "$DB" "$DB-wal" "$DB-shm"; fi
if [ ! -f "$DB" ]; then
    echo "generating $LISTINGS listings into $DB …" >&2
    "$BENCH" generate "$DB" "$LISTINGS" data/vocabulary >&2
fi

QUERIES=(
    "data"
    "dat"
    "software engineer nairobi"
    "remote:yes stipend>=20000 category:technology"
    "marketing deadline<14d sort:deadline"
)

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; SQLite $(sqlite3 --version | cut -d' ' -f1)"
echo "database: $DB ($(du -h "$DB" | cut -f1)), runs per query: $RUNS"
echo
echo "SQLiteStore.searchListings, first page of 50:"
"$BENCH" search "$DB" "$RUNS" "${QUERIES[@]}"

# The floor: the same full-text match ranked and limited, in the sqlite3 shell, nothing else.
# (The filter-only query has no full-text part; its floor is the same filters in plain SQL.)
NOW_US="$(( $(date +%s) * 1000000 ))"
raw() { # label, SQL
    local sql="$2" script
    script=".timer on"$'\n'
    for _ in $(seq 1 $((RUNS + 20))); do script+="$sql"$'\n'; done
    printf "%s" "$script" | sqlite3 "$DB" | awk '/Run Time/ {print $4 * 1000}' | tail -n "$RUNS" |
        sort -n | awk -v label="$1" '{ v[NR] = $1 } END {
            m = v[int((NR + 1) / 2)]; p = v[int(NR * 0.99 + 0.999)];
            printf "| %s | %.2f | %.2f |\n", label, m, p }'
}
echo
echo "sqlite3 shell (.timer on), same match, first 50 by rank:"
echo "| query | median ms | p99 ms |"
echo "|---|---:|---:|"
raw '`"data"*`' "SELECT rowid FROM listings_fts WHERE listings_fts MATCH '\"data\"*' ORDER BY rank LIMIT 50;"
raw '`"dat"*`' "SELECT rowid FROM listings_fts WHERE listings_fts MATCH '\"dat\"*' ORDER BY rank LIMIT 50;"
raw '`"software" AND "engineer" AND "nairobi"*`' \
    "SELECT rowid FROM listings_fts WHERE listings_fts MATCH '\"software\" AND \"engineer\" AND \"nairobi\"*' ORDER BY rank LIMIT 50;"
raw 'filters only, plain SQL' \
    "SELECT id FROM listings WHERE status = 'published' AND verified_at IS NOT NULL AND deadline > $NOW_US AND visibility = 'public' AND location_type = 'remote' AND stipend_kes >= 20000 AND category = 'technology' ORDER BY published_at DESC, id DESC LIMIT 51;"
raw '`"marketing"*` by deadline' \
    "SELECT l.id FROM listings_fts CROSS JOIN listings AS l ON l.id = listings_fts.rowid WHERE listings_fts MATCH '\"marketing\"*' AND l.deadline > $NOW_US AND l.deadline <= $((NOW_US + 14 * 86400 * 1000000)) ORDER BY l.deadline, l.id LIMIT 51;"
