#!/usr/bin/env bash
# Fuzzes a running `edulink serve` against its own /openapi.yaml with Schemathesis (from PyPI):
# no 5xx and no response that breaks the schema. Loopback only, bounded examples and time.
#   scripts/schemathesis.sh            (builds edulink if needed; EDULINK_BIN=PATH runs that binary)
# Env: SCHEMATHESIS_VERSION (default 4.32.5), SCHEMATHESIS_MAX_EXAMPLES (20), SCHEMATHESIS_TIMEOUT (900 s)
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8
version=${SCHEMATHESIS_VERSION:-4.32.5}
venv=.build/schemathesis-venv
if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q "$version"; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "schemathesis==$version"
fi
if [ -n "${EDULINK_BIN:-}" ]; then
    bin=$EDULINK_BIN
else
    swift build --product edulink >/dev/null
    bin=$(swift build --show-bin-path)/edulink
fi
work=$(mktemp -d)
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
export EDULINK_BCRYPT_COST=4
"$bin" demo --db "$work/demo.sqlite" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
"$bin" serve --db "sqlite:$work/demo.sqlite" --host 127.0.0.1 --port "$port" --state-dir "$work/state" \
    --rate-limit 1000000 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    sleep 0.1
done
token=$(curl -fsS -X POST "http://127.0.0.1:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d '{"email":"admin@edulink.demo","password":"demo-password"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
status=0
# Left out: the operations that end the session the fuzzing runs on (signing out, a wrong password
# at reauthentication or on a password change, and a restore, which ends every session).
timeout "${SCHEMATHESIS_TIMEOUT:-900}" "$venv/bin/schemathesis" run "http://127.0.0.1:$port/openapi.yaml" \
    --checks not_a_server_error,response_schema_conformance \
    --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-20}" \
    --exclude-operation-id logout --exclude-operation-id reauthenticate --exclude-operation-id changePassword \
    --exclude-operation-id restoreBackup \
    --header "Authorization: Bearer $token" --no-color || status=$?
if grep -q '"status":"5' "$work/server.log"; then
    echo "schemathesis.sh: the server answered 5xx:" >&2
    grep '"status":"5' "$work/server.log" | head -20 >&2
    status=1
fi
exit "$status"
