#!/usr/bin/env bash
# Runs the whole test suite RUNS times in a row (default 3) while a busy loop keeps every core
# occupied beside it, to show that no test depends on the machine's speed. Prints one line per run
# (exit status, seconds, Swift Testing's closing line) and exits non-zero when any run failed.
# Start PostgreSQL first (or set EDULINK_TEST_POSTGRES_URL) so that its tests run too.
#
# Usage: scripts/test-under-load.sh [RUNS]
#        SCRATCH_PATH=.build-load scripts/test-under-load.sh 3   (a build folder of its own, so work
#                                                                 can go on in .build meanwhile)
set -uo pipefail
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8
runs=${1:-3}
# As scripts/test.sh runs it: at most eight tests per core at once.
export SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH="${SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH:-$(($(nproc) * 8))}"
scratch=${SCRATCH_PATH:-.build}

swift build --build-tests --scratch-path "$scratch" >/dev/null || { echo "test-under-load: build failed" >&2; exit 1; }

burners=()
for _ in $(seq 1 "$(nproc)"); do
    (while :; do :; done) &
    burners+=($!)
done
trap 'kill "${burners[@]}" 2>/dev/null' EXIT
echo "test-under-load: ${#burners[@]} busy loops beside the suite; load $(cut -d' ' -f1-3 /proc/loadavg)"

failed=0
for run in $(seq 1 "$runs"); do
    log=$(mktemp)
    started=$SECONDS
    swift test --skip-build --scratch-path "$scratch" >"$log" 2>&1
    status=$?
    summary=$(grep -E "^✔ Test run|^✘ Test run" "$log" | tail -1)
    echo "run $run: exit $status in $((SECONDS - started)) s, load $(cut -d' ' -f1-3 /proc/loadavg): $summary"
    if [ "$status" -ne 0 ]; then
        failed=1
        grep -E "^✘ Test .* (failed|recorded an issue)" "$log" | head -20
        echo "  full log: $log"
    else
        rm -f "$log"
    fi
done
exit "$failed"
