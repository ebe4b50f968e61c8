#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests.
#
#   scripts/postgres-test-cluster.sh start   # create and start it (or reuse the running one); prints the URL
#   scripts/postgres-test-cluster.sh url     # print the URL of the running cluster
#   scripts/postgres-test-cluster.sh stop    # stop it and delete its files
#
# The cluster lives in a temporary folder, listens on a random free port on 127.0.0.1 only, trusts
# local connections (tests only!), and trades durability for speed (fsync off). PostgreSQL refuses
# to run as root, so when invoked as root the server runs as the unprivileged `postgres` user
# (created when missing). Prints `EDULINK_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:PORT/postgres`.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
state=${EDULINK_PG_CLUSTER_STATE:-/tmp/edulink-pg-cluster-$(printf '%s' "$repo" | cksum | cut -d' ' -f1)}

die() { echo "postgres-test-cluster: $*" >&2; exit 1; }

find_bin() {
    if command -v initdb >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v initdb)")"
        return
    fi
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
    [ -n "$dir" ] && [ -x "$dir/initdb" ] || die "initdb not found; install PostgreSQL (Debian: apt-get install postgresql)"
    echo "$dir"
}

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# A certificate authority of the cluster's own and a server certificate it signed for 127.0.0.1, so
# the tests can connect with TLS (sslmode=verify-full, sslrootcert=ca.crt; the server names the file in
# its ssl_ca_file). Without openssl the cluster runs without TLS and those tests say so.
make_certificates() {
    command -v openssl >/dev/null 2>&1 || return 1
    local dir=$1
    mkdir -p "$dir"
    (
        cd "$dir"
        openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj "/CN=Edulink test CA" \
            -keyout ca.key -out ca.crt
        openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout server.key -out server.csr
        printf 'subjectAltName=IP:127.0.0.1\n' >server.ext
        openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 7 \
            -extfile server.ext -out server.crt
    ) >"$dir/openssl.log" 2>&1 || return 1
    chmod 600 "$dir/server.key"
    chmod 644 "$dir/ca.crt" "$dir/server.crt"
    [ "$(id -u)" -eq 0 ] && chown -R postgres "$dir"
    return 0
}

url() { echo "EDULINK_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$1/postgres"; }

running() {
    [ -f "$state" ] || return 1
    # shellcheck disable=SC1090
    . "$state"
    [ -n "${CLUSTER_DIR:-}" ] && [ -d "$CLUSTER_DIR/data" ] || return 1
    as_owner "$BIN/pg_ctl" -D "$CLUSTER_DIR/data" status >/dev/null 2>&1
}

start() {
    if running; then
        url "$PORT"
        return
    fi
    stop_quietly
    BIN=$(find_bin)
    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    fi
    CLUSTER_DIR=$(mktemp -d "${TMPDIR:-/tmp}/edulink-pg.XXXXXX")
    chmod 755 "$CLUSTER_DIR"
    [ "$(id -u)" -eq 0 ] && chown postgres "$CLUSTER_DIR"
    local locale=C.UTF-8
    locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' || locale=C
    as_owner "$BIN/initdb" -D "$CLUSTER_DIR/data" -U postgres -A trust -E UTF8 --locale="$locale" \
        >"$CLUSTER_DIR/initdb.log" 2>&1 || { cat "$CLUSTER_DIR/initdb.log" >&2; die "initdb failed"; }
    local tls=""
    if make_certificates "$CLUSTER_DIR/tls"; then
        tls="-c ssl=on -c ssl_cert_file=$CLUSTER_DIR/tls/server.crt -c ssl_key_file=$CLUSTER_DIR/tls/server.key \
             -c ssl_ca_file=$CLUSTER_DIR/tls/ca.crt"
    fi
    local attempt
    for attempt in 1 2 3 4 5; do
        PORT=$(free_port)
        if as_owner "$BIN/pg_ctl" -D "$CLUSTER_DIR/data" -l "$CLUSTER_DIR/server.log" -w -t 30 start -o \
            "-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$CLUSTER_DIR -c fsync=off \
             -c synchronous_commit=off -c full_page_writes=off -c max_connections=500 -c shared_buffers=64MB $tls" \
            >/dev/null 2>&1; then
            printf 'BIN=%q\nCLUSTER_DIR=%q\nPORT=%q\n' "$BIN" "$CLUSTER_DIR" "$PORT" >"$state"
            url "$PORT"
            return
        fi
    done
    cat "$CLUSTER_DIR/server.log" >&2 || true
    die "the server did not start"
}

stop_quietly() {
    [ -f "$state" ] || return 0
    # shellcheck disable=SC1090
    . "$state"
    if [ -n "${CLUSTER_DIR:-}" ] && [ -d "$CLUSTER_DIR/data" ]; then
        as_owner "$BIN/pg_ctl" -D "$CLUSTER_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    [ -n "${CLUSTER_DIR:-}" ] && rm -rf "$CLUSTER_DIR"
    rm -f "$state"
}

case "${1:-}" in
start) start ;;
stop) stop_quietly ;;
url) running && url "$PORT" || die "no test cluster is running; run: $0 start" ;;
*) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
