#!/usr/bin/env bash
# The employer's applicant screens over one listing with 10,000 applicants (release build, SQLite,
# through the local-mode repository as the terminal app runs it): opening the listing, switching stages,
# opening one application and paging, median and p99 per operation, each within one 60 Hz frame
# (16 ms); then a bulk reject of 1,000 applicants in one transaction and its undo. Results go in
# BENCHMARKS.md, "## Employer".
#
#   scripts/bench-employer.sh [APPLICANTS] [RUNS]     (defaults 10000 and 200)
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH=.build-bench
# Builds only when sources changed; the build plan is dropped first (SwiftPM keeps the path
# dependency's file list and misses added files).
rm -f "$SCRATCH/release.yaml" "$SCRATCH"/*/release/description.json
(cd Benchmarks/employer && swift build -c release --scratch-path "../../$SCRATCH" >&2)
BENCH="$(cd Benchmarks/employer && swift build -c release --scratch-path "../../$SCRATCH" --show-bin-path)/employer-bench"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$BENCH" "${1:-10000}" "${2:-200}"
