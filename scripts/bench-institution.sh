#!/usr/bin/env bash
# An institution with 20,000 students and 5,000 placements (release build, SQLite, through the
# local-mode repository as the terminal app runs it): the placement report, median and p99; then a
# 10,000-row CSV import: a dry run with one bad row (reported by line), the whole file refused, the
# fixed file checked and applied in one transaction, and applied again (nothing changes). Results go
# in BENCHMARKS.md, "## Institution".
#
#   scripts/bench-institution.sh [STUDENTS] [PLACEMENTS] [IMPORT_ROWS] [RUNS]   (20000 5000 10000 50)
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH=.build-bench
rm -f "$SCRATCH/release.yaml" "$SCRATCH"/*/release/description.json
(cd Benchmarks/institution && swift build -c release --scratch-path "../../$SCRATCH" >&2)
BENCH="$(cd Benchmarks/institution && swift build -c release --scratch-path "../../$SCRATCH" --show-bin-path)/institution-bench"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$BENCH" "${1:-20000}" "${2:-5000}" "${3:-10000}" "${4:-50}"
