#!/usr/bin/env bash
# A supervisor with 50 interns × 24 weeks and 1,000 submitted logbook entries (release build, SQLite,
# through the local-mode repository as the terminal app runs it): the Interns tab, one intern's
# detail, the Logbooks queue into its view-model, a move in the queue and one approval, median and p99
# per operation; then a batch approval of 200 entries in one transaction. Results go in BENCHMARKS.md,
# "## Placements".
#
#   scripts/bench-placements.sh [INTERNS] [RUNS]     (defaults 50 and 100)
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH=.build-bench
rm -f "$SCRATCH/release.yaml" "$SCRATCH"/*/release/description.json
(cd Benchmarks/placements && swift build -c release --scratch-path "../../$SCRATCH" >&2)
BENCH="$(cd Benchmarks/placements && swift build -c release --scratch-path "../../$SCRATCH" --show-bin-path)/placements-bench"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$BENCH" "${1:-50}" "${2:-100}"
