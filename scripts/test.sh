#!/usr/bin/env bash
# The test command of the README: format lint, a warning-free build, every test with coverage,
# coverage per module, and the end-to-end terminal tests (beside the tests).
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8

# Each step says how long the one before it took, so a slow or stuck CI run shows where.
step_started=$SECONDS
step_name=""
step() {
    if [ -n "$step_name" ]; then printf -- '-- %s: %d s\n' "$step_name" "$((SECONDS - step_started))"; fi
    step_name="$*"
    step_started=$SECONDS
    printf '\n== %s\n' "$*"
}
# Every step is bounded: a test or script that hangs fails the run with its name instead of running
# into CI's own limit (minutes, override with TEST_TIME_LIMIT / E2E_TIME_LIMIT).
test_limit=${TEST_TIME_LIMIT:-30}
e2e_limit=${E2E_TIME_LIMIT:-10}

step "swift format lint --strict"
swift format lint --strict --recursive Sources Tests

step "swift build --build-tests --enable-code-coverage (warnings are errors)"
# One build serves every later step: the tests, Schemathesis's server, the end-to-end scripts and
# the install check all run these binaries (building without coverage later would rebuild it all).
log=$(mktemp)
# Instrumented programs write their profiles here, not into whatever folder they run in: any tool the
# build runs (a package plugin's) is instrumented too, and would leave default.profraw in the checkout.
profiles=$(mktemp -d "${TMPDIR:-/tmp}/edulink-profiles.XXXXXX")
LLVM_PROFILE_FILE="$profiles/build-%p.profraw" swift build --build-tests --enable-code-coverage 2>&1 | tee "$log" | grep -E "error|warning|Compiling|Build complete" | grep -v "^\[" || true
# The OpenAPI sources in Sources/EdulinkAPI/Generated are the generator's (scripts/generate-openapi.sh);
# their unused-import warnings are its own (it silences them from Swift 6.4 on), not ours.
own_warnings() { grep -E "(^|: )warning: " "$log" | grep -v "^warning: '" | grep -v "/Sources/EdulinkAPI/Generated/" || true; }
if [ -n "$(own_warnings)" ]; then
    echo "test.sh: the build has warnings:" >&2
    own_warnings | sort -u >&2
    exit 1
fi
grep -q "Build complete" "$log" || { echo "test.sh: build failed" >&2; tail -40 "$log" >&2; exit 1; }

step "PostgreSQL test cluster"
# A throwaway cluster for the PostgreSQL store and the contract suite, stopped on every exit path.
# An EDULINK_TEST_POSTGRES_URL already set (a server of your own) is used as it is.
if [ -z "${EDULINK_TEST_POSTGRES_URL:-}" ]; then
    if cluster=$(scripts/postgres-test-cluster.sh start); then
        trap 'scripts/postgres-test-cluster.sh stop' EXIT
        export "${cluster?}"
        echo "$cluster"
    elif [ "${CI:-}" = "true" ]; then
        echo "test.sh: could not start PostgreSQL, which CI requires" >&2
        exit 1
    else
        echo "test.sh: PostgreSQL is not available; its tests will be skipped" >&2
    fi
fi

bin=$(swift build --enable-code-coverage --show-bin-path)
# The steps besides the tests need nothing from them or from each other: Schemathesis's server, each
# end-to-end script (its own tmux socket, temporary folder and ports) and the install check. They run
# while the tests run, at most $lanes at once, longest first; each one's output is kept and printed
# whole when it ends, so the log reads as if they had run one after the other. (On two cores this
# saves about 2 of 46 minutes: all of it is CPU-bound, so the tests slow down by most of what the
# others cost.) The coverage report follows the tests, whose profiles it reads.
lanes=${SIDE_BY_SIDE:-2}

# side_by_side JOB…: runs each JOB (a command line of the functions below), at most $lanes at once,
# in the order given; prints each one's output and time as it ends; fails, after all have ended,
# when any failed, naming them.
side_by_side() {
    local out pid status n=0
    out=$(mktemp -d)
    local -A names=() started=() logs=()
    local failed=()
    while [ $# -gt 0 ] || [ ${#names[@]} -gt 0 ]; do
        while [ $# -gt 0 ] && [ ${#names[@]} -lt "$lanes" ]; do
            n=$((n + 1))
            (eval "$1") >"$out/$n.log" 2>&1 &
            names[$!]=$1
            started[$!]=$SECONDS
            logs[$!]=$out/$n.log
            shift
        done
        status=0
        wait -n -p pid "${!names[@]}" || status=$?
        printf -- '\n-- %s\n' "${names[$pid]}"
        cat "${logs[$pid]}"
        printf -- '-- %s: %d s' "${names[$pid]}" "$((SECONDS - started[$pid]))"
        if [ "$status" -ne 0 ]; then
            printf ', failed (exit %d)' "$status"
            [ "$status" -eq 124 ] && printf ': did not finish within its limit'
            failed+=("${names[$pid]}")
        fi
        printf '\n'
        unset "names[$pid]" "started[$pid]" "logs[$pid]"
    done
    rm -rf "$out"
    if [ ${#failed[@]} -gt 0 ]; then
        local IFS=';'
        echo "test.sh: failed: ${failed[*]}" >&2
        return 1
    fi
}

# Schemathesis against a running server.
run_schemathesis() { bash scripts/schemathesis.sh; }
# An end-to-end terminal script, bounded. From the profiles' folder: a pane started with `env -i`
# drops LLVM_PROFILE_FILE, and its instrumented binary then writes default.profraw where it runs,
# which must not be the checkout.
e2e() {
    local path=$PWD/$1
    cd "$profiles" && timeout --kill-after=10 "${e2e_limit}m" bash "$path"
}
# scripts/install.sh with this debug build into a temporary prefix: the installed binary finds its
# themes and demo data, man renders its page, bash loads its completions.
install_check() { bash scripts/check-install.sh "$bin"; }

step "swift test --enable-code-coverage; beside it, $lanes at a time: Schemathesis, the end-to-end terminal tests, the install check"
# Longest first, so the last to start are short: the order of the times measured in CI.
jobs=("run_schemathesis")
shopt -s nullglob
for script in scripts/e2e/student-flow.sh scripts/e2e/institution-flow.sh scripts/e2e/placements-flow.sh scripts/e2e/*.sh; do
    case " ${jobs[*]} " in *" e2e $script "*) ;; *) jobs+=("e2e $script") ;; esac
done
jobs+=("install_check")
besides=$(mktemp)
# Their programs write their profiles to the run's profiles folder (the tests' go to SwiftPM's).
(
    export LLVM_PROFILE_FILE="$profiles/%p.profraw" EDULINK_BIN="$bin/edulink" GALLERY_BIN="$bin/terminalkit-gallery"
    side_by_side "${jobs[@]}"
) >"$besides" 2>&1 &
besides_pid=$!
# ends_besides: waits for them (they are bounded), prints what they printed, and fails when they did.
ends_besides() {
    local status=0
    wait "$besides_pid" || status=$?
    cat "$besides"
    rm -f "$besides"
    return "$status"
}
# The tests' databases and folders go in a temporary folder of this run's, removed when it ends
# (what a test leaves behind, or a crash or a kill, goes with it).
scratch=$(mktemp -d "${TMPDIR:-/tmp}/edulink-test-run.XXXXXX")
rm -f "$bin"/codecov/*.profraw
# How many tests run at once. Unbounded, Swift Testing starts every test together: on two busy
# cores some 300 PostgreSQL worlds were then alive at once, each test took as long as the whole
# suite, and requests of in-process servers waited past their client's bound. Eight per core keeps
# the cores full (most tests wait on a database or a child process) and each test near its own time.
export SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH="${SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH:-$(($(nproc) * 8))}"
# A crash prints the crashed thread only: the other threads' stacks would push it out of sight.
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=yes,threads=crashed,registers=none,images=none}"
set +e
TMPDIR="$scratch" timeout --kill-after=30 "${test_limit}m" swift test --skip-build --enable-code-coverage 2>&1 | tee "$log" | grep -vE '^(\[|Test Case .* (started|passed))|^◇|^✔ Test "'
status=${PIPESTATUS[0]}
rm -rf "$scratch"
set -e
if [ "$status" -ne 0 ]; then
    # What ran beside the tests first (each is bounded), so the report below ends the log.
    ends_besides || true
    # The tests that started and never ended: after a crash, the one that crashed is among them.
    # (A parameterized test's cases and the run itself are left out: they never print an end line
    # of that shape, and dozens of them would push the failures out of a CI log's tail.)
    echo "test.sh: tests started and not ended:" >&2
    sed -nE 's/^◇ Test (.*) started\.$/\1/p' "$log" | grep -vE '^(case passing |run$)' |
        sort -u >"$log.started" || true
    sed -nE 's/^[✔✘] Test (".*"|[^ "]+)( with [0-9]+ test cases?)? (passed|failed) .*$/\1/p' "$log" |
        sort -u >"$log.ended"
    comm -23 "$log.started" "$log.ended" | sed 's/^/  /' >&2
    # Last, where a log's tail shows it: what failed and why, and a crash's own words.
    echo "test.sh: what failed:" >&2
    grep -aE '^✘ |^(error|Fatal error|💣)|[Cc]rash|unexpected signal' "$log" | grep -avE '^(✘ Test run with|✔|◇)' |
        tail -60 | cut -c1-400 >&2 || true
    grep -aE '^✘ Test run with' "$log" >&2 || true
    if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
        echo "test.sh: swift test did not finish within $test_limit minutes" >&2
    fi
    echo "test.sh: swift test failed" >&2
    exit "$status"
fi

step "line coverage per module"
python3 scripts/coverage.py "$bin"

step "waiting for what ran beside the tests"
ends_besides

rm -rf "$profiles"
step "done"
echo "test.sh: all green"
