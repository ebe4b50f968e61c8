#!/usr/bin/env bash
# End-to-end test of a deployment from nothing (issue #14), with no demo data.
#
# Part A, SQLite, from an empty folder: `edulink init` (the admin's password on standard input),
# `org create`, `user create --role employer`, `institution create` and `user create --role student`
# on the command line; the employer signs in to the terminal app (tmux) and posts a listing for
# review; the admin verifies it on the Listings tab; the student (at 80×24) completes their profile,
# finds the listing by words of its title and applies. `edulink jobs run --json` then delivers the
# outbox through msmtp (EDULINK_SENDMAIL) to a local SMTP server started here
# (lib/smtp-sink.py): the employer's "New applicant" email arrives with its recipient, subject and
# body; the report says so; a second run delivers nothing more.
#
# Part B, the same on a throwaway PostgreSQL cluster (scripts/postgres-test-cluster.sh with a state
# file of this run's: its own folder and port, run as the postgres user when root, stopped at exit):
# `createdb`, the same commands with --db postgres://…, two `edulink serve --jobs-every 2` on the
# one database (the first with --migrate), the employer in the terminal app on the first server and
# the student on the second (remote mode), the admin verifying from the command line. The servers'
# scheduler delivers the "New applicant" email once, and over at least four ticks with both servers
# up no tick ran twice: one `job_runs` row and one `jobs.run` audit event for each tick that ran, by
# one of the two servers (the logs agree). Ticks skipped because both servers were still busy are
# printed, not failed.
#
# Every terminal-app session must quit with status 0, leave the terminal sane and write nothing but
# its frames to the terminal (no log lines over the screen).
#
# Every process and folder started here goes at exit, on failure too. Waits for text on screen, in
# logs or in the data, never bare sleeps. Needs tmux, sqlite3, python3, msmtp and PostgreSQL.
#
# Usage: scripts/e2e/deploy-flow.sh                  (builds with --scratch-path .build-tui)
#        EDULINK_BIN=/path/to/edulink scripts/e2e/deploy-flow.sh
set -u

# shellcheck source=lib/tmux.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/tmux.sh"
e2e_begin deploy
LIB="$ROOT/scripts/e2e/lib"
# An interrupted run cleans up as well (the EXIT trap runs on these exits).
trap 'exit 130' INT
trap 'exit 143' TERM

SINK_PID=""
SERVER_PIDS=()
PG_STATE="$WORK/pg-cluster.state"

# running PID: the process is alive (an exited child not reaped yet is not).
running() {
    local state
    state=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $state != Z* ]]
}

# stop_processes SECONDS PID…: SIGTERM to each, then SIGKILL to those still running after SECONDS;
# reaps them. True when each ended by itself with status 0.
stop_processes() {
    local limit=$1 pid status=0 deadline
    shift
    deadline=$((SECONDS + limit))
    for pid in "$@"; do kill -TERM "$pid" 2>/dev/null; done
    for pid in "$@"; do
        while running "$pid" && [ $SECONDS -le $deadline ]; do sleep 0.1; done
        if running "$pid"; then
            echo "    process $pid ($(ps -o args= -p "$pid" | cut -c1-60)…) still runs ${limit} s after SIGTERM: killed"
            kill -KILL "$pid" 2>/dev/null
            status=1
        fi
        wait "$pid" 2>/dev/null || status=1
    done
    return "$status"
}

on_exit() {
    # shellcheck disable=SC2086 # SINK_PID is empty or one number
    stop_processes 15 "${SERVER_PIDS[@]}" $SINK_PID >/dev/null
    if [ -f "$PG_STATE" ]; then
        EDULINK_PG_CLUSTER_STATE="$PG_STATE" "$ROOT/scripts/postgres-test-cluster.sh" stop
    fi
}

# Every edulink process of this run keeps its files under $WORK (no config.toml of the machine's).
export XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data" XDG_STATE_HOME="$WORK/state"
export XDG_CACHE_HOME="$WORK/cache" EDULINK_BCRYPT_COST=4 LANG=C.UTF-8 TZ=UTC
# A calm machine with room on its disk: the mail the jobs runs deliver never includes a health alert
# raised by the machine the script runs on (a disk just under 20 % free between two runs).
export EDULINK_SYSTEM_FIGURES="cpu=10,memory=40,load=0.5,disk-free-gb=500,disk-total-gb=1000"
unset EDULINK_DB EDULINK_SENDMAIL EDULINK_MAIL_FROM

ADMIN_PASSWORD="Orchard-Lantern-5813"
EMPLOYER_PASSWORD="Copper-Heron-4471"
STUDENT_PASSWORD="Maple-Violet-9026"
MAIL_FROM="Edulink <noreply@edulink.test>"
START_DAY=$(date -u -d "+40 days" +%F)
END_DAY=$(date -u -d "+124 days" +%F)
DEADLINE="$(date -u -d "+20 days" +%F) 17:00"
DESCRIPTION="You will measure how solar minigrids and water kiosks are used across three counties, clean the meter data and present what you find to the operations team every Friday."
COVER_LETTER="I have cleaned and charted meter data for my university's energy office and built a small Python tool that flags faulty readings; I would love to do the same with your field team."

# eventually COMMAND…: polls COMMAND until it succeeds (LIMIT seconds, default 20).
eventually() {
    local deadline=$((SECONDS + ${LIMIT:-20}))
    while [ $SECONDS -le $deadline ]; do
        "$@" && return 0
        sleep 0.1
    done
    return 1
}

# cli_ok TEXT COMMAND…: runs an edulink command (stdin passes through); passes when it exits 0 and
# says TEXT. Its output stays in $OUT; on failure the command and its output are printed.
cli_ok() {
    local expect=$1 status
    shift
    OUT=$("$EDULINK_BIN" "$@" 2>&1)
    status=$?
    if [ "$status" -eq 0 ] && grep -qF -- "$expect" <<<"$OUT"; then return 0; fi
    echo "    \$ edulink $*"
    indent <<<"$OUT"
    echo "    (exit status $status)"
    return 1
}

# indent: standard input, indented under a check's line.
indent() { sed 's/^/    | /'; }

# id_in TEXT: the first "id N" in TEXT.
id_in() { grep -oE 'id [0-9]+' <<<"$1" | head -n 1 | grep -oE '[0-9]+'; }

# json_field FILE KEY: a top-level value of a JSON object.
json_field() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2" 2>/dev/null; }

# --- the terminal app in tmux

# start SESSION WIDTH HEIGHT ARGS…: a shell running `edulink ARGS` with folders of its own; the pane
# prints EXIT=status afterwards and saves `stty -a` for terminal_is_sane. What the app writes to the
# terminal is kept in $WORK/SESSION.raw. (No history file: the shell would write it into $WORK while
# the cleanup removes it.)
start() {
    local session=$1 width=$2 height=$3 home="$WORK/tui/$1"
    shift 3
    mkdir -p "$home"
    "${TMUX_CMD[@]}" new-session -d -s "$session" -x "$width" -y "$height" \
        "env -i HOME='$home' PATH='$PATH' TERM=xterm-256color LANG=C.UTF-8 TZ=UTC HISTFILE= PS1='e2e\$ ' bash --norc --noprofile -i"
    wait_for "$session" 'e2e$' >/dev/null
    "${TMUX_CMD[@]}" pipe-pane -t "$session" -o "cat >> '$WORK/$session.raw'"
    send "$session" -l "XDG_DATA_HOME='$home/data' XDG_CONFIG_HOME='$home/config' XDG_STATE_HOME='$home/state' EDULINK_BCRYPT_COST=4 '$EDULINK_BIN' $*; echo EXIT=\$?; stty -a > '$WORK/$session.stty'"
    send "$session" Enter
}

# sign_in_as SESSION EMAIL PASSWORD: on the login screen (no demo accounts here).
sign_in_as() {
    wait_for "$1" "Password" 60 >/dev/null
    send "$1" -l "$2"
    send "$1" Tab
    send "$1" -l "$3"
    send "$1" Enter
}

# no_log_lines SESSION: no log line (swift-log's "<time> <level> <label>: …") was written over the
# app's frames; the ones that were are printed.
no_log_lines() {
    local lines
    lines=$(sed 's/\x1b\[[0-9;?]*[A-Za-z]//g' "$WORK/$1.raw" 2>/dev/null |
        grep -aoE '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}[+-][0-9]{4} (trace|debug|info|notice|warning|error|critical) [^ ]+: .{0,160}')
    [ -z "$lines" ] || { indent <<<"$lines"; return 1; }
}

# quit SESSION LABEL: q, then the app's exit status and the terminal's state.
quit() {
    send "$1" q
    check "$2: q quits with status 0" wait_for "$1" "EXIT=0"
    check "$2: the terminal is sane afterwards" terminal_is_sane "$1"
    check "$2: nothing but the app's frames reached the terminal (no log lines)" no_log_lines "$1"
}

# post_listing SESSION LABEL TITLE: the signed-in employer writes the listing, saves it and submits it.
post_listing() {
    local session=$1 label=$2 title=$3
    check "$label: the employer lands on their (empty) listings" wait_for "$session" "My listings" 30
    send "$session" n
    check "$label: n opens the listing form" wait_for "$session" "New listing"
    send "$session" -l "$title"
    send "$session" Tab
    send "$session" -l "$DESCRIPTION"
    send "$session" Tab Tab Tab Tab      # category, level, where: their first choices
    send "$session" -l "Nakuru, Kenya"
    send "$session" Tab
    send "$session" -l "$START_DAY"
    send "$session" Tab
    send "$session" -l "$END_DAY"
    send "$session" Tab
    send "$session" -l "12"
    send "$session" Tab
    send "$session" -l "18000"
    send "$session" Tab Tab              # currency
    send "$session" -l "Python, SQL"
    send "$session" Tab Tab Tab Tab Tab Tab # preferred skills, years, courses, who sees it, institution
    send "$session" -l "$DEADLINE"
    send "$session" C-s
    check "$label: ctrl-s saves the listing as a draft" wait_for "$session" "Saved \"${title:0:20}"
    # s acts on the selected listing: wait until the reloaded list shows the draft's pipeline (the
    # toast says "s submits it for review" before that, and an s pressed then does nothing).
    check "$label: …it is selected in the list" wait_for "$session" "s submits it for review · e edits"
    send "$session" s
    check "$label: s asks before submitting" wait_for "$session" "Submit for review"
    send "$session" y
    check "$label: the listing waits for review" wait_for "$session" "Submitted for review."
}

# The Profile tab's rows, top to bottom (j moves down one).
PROFILE_ROWS=("Name" "Phone" "Institution" "Registration no." "Year of study" "Course" "Skills" "Interests" "GitHub")

# profile_field SESSION LABEL VALUE: moves the selection down to the row LABEL (from $PROFILE_ROW,
# the row selected now), edits it, types VALUE and keeps it.
profile_field() {
    local session=$1 label=$2 value=$3 row
    for row in "${!PROFILE_ROWS[@]}"; do
        [ "${PROFILE_ROWS[$row]}" = "$label" ] && break
    done
    while [ "$PROFILE_ROW" -lt "$row" ]; do
        send "$session" j
        PROFILE_ROW=$((PROFILE_ROW + 1))
    done
    wait_for "$session" "▸ $label" 5 || return 1
    send "$session" Enter
    send "$session" -l "$value"
    send "$session" Enter
    wait_for "$session" "$value" 5
}

# apply_to SESSION LABEL TITLE WORDS: the signed-in student completes their profile, searches WORDS,
# opens the listing TITLE and applies.
apply_to() {
    local session=$1 label=$2 title=$3 words=$4
    check "$label: the student signs in and lands on Browse" wait_for "$session" "1 Browse" 30
    send "$session" 5
    # "Missing: …" once the profile has loaded (keys before that would edit a form the load replaces).
    check "$label: a new student's profile is not complete enough to apply" wait_for "$session" "Missing: phone number"
    check "$label: …it says so" wait_for "$session" "Applying needs at least 70 %"
    fill_profile() {
        PROFILE_ROW=0
        profile_field "$session" "Phone" "+254 712 345 678" &&
            profile_field "$session" "Registration no." "SCT211-0042/2022" &&
            profile_field "$session" "Year of study" "3" &&
            profile_field "$session" "Course" "Computer Science" &&
            profile_field "$session" "Skills" "Python, SQL, Excel" &&
            profile_field "$session" "Interests" "Energy, Data" &&
            profile_field "$session" "GitHub" "https://github.com/wanjiru-dev"
    }
    check "$label: the profile's fields are filled in" fill_profile
    send "$session" C-s
    check "$label: ctrl-s saves the profile" wait_for "$session" "Profile saved"
    check "$label: …complete enough to apply" wait_for "$session" "Complete enough to apply."
    send "$session" 1
    wait_for "$session" "1 Browse" >/dev/null
    send "$session" /
    send "$session" -l "$words"
    send "$session" Enter
    check "$label: searching words of the title" wait_for "$session" "Showing: $words"
    check "$label: …finds the listing" wait_for "$session" "${title:0:24}"
    send "$session" Enter
    check "$label: Enter opens it and the student may apply" wait_for "$session" "You can apply — press a"
    send "$session" a
    check "$label: a opens the apply form on the listing" wait_for "$session" "Apply — ${title:0:12}"
    send "$session" -l "$COVER_LETTER"
    send "$session" C-s
    check "$label: ctrl-s asks before sending" wait_for "$session" "Send application"
    send "$session" Enter
    check "$label: the application is sent" wait_for "$session" "Application sent."
    check "$label: …and shows as pending" wait_for "$session" "pending by student"
}

# --- the SMTP server the mail goes to, and msmtp in front of it

# mails_to ADDRESS: the sink's messages whose envelope names ADDRESS.
mails_to() { grep -lF "X-Sink-Rcpt-To: <$1>" "$WORK"/mail/*.eml 2>/dev/null; }
mail_count() { find "$WORK/mail" -name '*.eml' | wc -l; }
# mails_to_domain DOMAIN: how many messages went to addresses at DOMAIN.
mails_to_domain() { grep -lE "^X-Sink-Rcpt-To: <[^@>]*@$1>" "$WORK"/mail/*.eml 2>/dev/null | wc -l; }

# new_applicant_mail_ok FILE EMPLOYER STUDENT TITLE: envelope and headers to the employer, the
# subject, the From of EDULINK_MAIL_FROM, a body naming the applicant and the listing.
new_applicant_mail_ok() {
    local file=$1
    if [ -z "$file" ] || [ ! -f "$file" ]; then
        echo "    no message for $2"
        return 1
    fi
    if grep -qF "X-Sink-Mail-From: <noreply@edulink.test>" "$file" &&
        grep -qE "^To: $2"$'\r?$' "$file" &&
        grep -qE "^Subject: New applicant"$'\r?$' "$file" &&
        grep -qF "From: $MAIL_FROM" "$file" &&
        grep -qF "$3 applied to \"$4\"." "$file"; then
        return 0
    fi
    indent <"$file"
    return 1
}

# the_new_applicant_mail EMPLOYER: the one message with that subject to the employer.
the_new_applicant_mail() {
    local file
    for file in $(mails_to "$1"); do
        if grep -qE "^Subject: New applicant"$'\r?$' "$file"; then echo "$file"; fi
    done
}

command -v msmtp >/dev/null || { echo "msmtp is missing (apt-get install msmtp)"; echo "0 passed, 1 failed"; exit 1; }
python3 "$LIB/smtp-sink.py" --dir "$WORK/mail" --port-file "$WORK/smtp.port" >"$WORK/smtp.log" 2>&1 &
SINK_PID=$!
LIMIT=10 eventually test -s "$WORK/smtp.port"
SMTP_PORT=$(cat "$WORK/smtp.port" 2>/dev/null)
check "the SMTP sink listens on a free port" [ -n "$SMTP_PORT" ]
SENDMAIL="msmtp --host=127.0.0.1 --port=$SMTP_PORT --auth=off --tls=off --read-envelope-from -t -i"

# ================================================================ Part A: SQLite
SITE="$WORK/site"
mkdir -p "$SITE"
DB="$SITE/edulink.sqlite"
check "A: the folder starts empty" [ -z "$(ls -A "$SITE")" ]
check "A: edulink init creates the database with its admin" \
    cli_ok "with admin admin@campus-a.test" init --db "$DB" --admin-email admin@campus-a.test --name "Site Admin" \
    <<<"$ADMIN_PASSWORD"
check "A: org create (verified, so its listings may be submitted)" \
    cli_ok "Created the organization Jua Power" org create --db "$DB" --name "Jua Power" --industry "Energy" \
    --size 11-50 --location "Nakuru" --description "Solar minigrids and water kiosks for rural towns." --verified
ORG=$(id_in "$OUT")
check "A: user create --role employer --organization $ORG" \
    cli_ok "Created employer@campus-a.test (employer" user create --db "$DB" --role employer \
    --organization "${ORG:-1}" --email employer@campus-a.test --name "Achieng Otieno" <<<"$EMPLOYER_PASSWORD"
check "A: institution create" \
    cli_ok "Created the institution Rift Valley Technical University" institution create --db "$DB" \
    --name "Rift Valley Technical University" --short-code RVTU --type university --verified
INSTITUTION=$(id_in "$OUT")
check "A: user create --role student --institution $INSTITUTION" \
    cli_ok "Created student@campus-a.test (student" user create --db "$DB" --role student \
    --institution "${INSTITUTION:-1}" --email student@campus-a.test --name "Wanjiru Kamau" <<<"$STUDENT_PASSWORD"
check "A: no demo data: three accounts, no listings" \
    [ "$(sqlite3 "$DB" "SELECT (SELECT count(*) FROM users) || ' ' || (SELECT count(*) FROM listings)")" = "3 0" ]

TITLE_A="Solar Minigrid Data Intern"
start emp-a 120 35 --db "'$DB'"
sign_in_as emp-a employer@campus-a.test "$EMPLOYER_PASSWORD"
post_listing emp-a "A employer" "$TITLE_A"
quit emp-a "A employer"
listing_status() { sqlite3 "$DB" "SELECT status FROM listings WHERE title = '$TITLE_A'"; }
check "A: the listing is pending review in the database" [ "$(listing_status)" = pending_review ]

start adm-a 120 35 --db "'$DB'"
sign_in_as adm-a admin@campus-a.test "$ADMIN_PASSWORD"
# (Its Checks panel rather than the tab bar: a log line written over the app scrolls the tab bar
# away, and no_log_lines reports that on its own.)
check "A admin: the admin signs in and lands on Health" wait_for adm-a "─ Checks ─" 30
send adm-a 3
check "A admin: the Listings tab shows the one listing waiting" wait_for adm-a "1 pending"
check "A admin: …the employer's listing" wait_for adm-a "$TITLE_A"
send adm-a v
check "A admin: v verifies and publishes it" wait_for adm-a "\"$TITLE_A\" verified and published"
check "A admin: the queue is empty" wait_for adm-a "0 pending"
quit adm-a "A admin"
check "A: the listing is published in the database" [ "$(listing_status)" = published ]

start stu-a 80 24 --db "'$DB'"
sign_in_as stu-a student@campus-a.test "$STUDENT_PASSWORD"
apply_to stu-a "A student (80×24)" "$TITLE_A" "minigrid data"
quit stu-a "A student"

# jobs_run NAME: `edulink jobs run --json` on the SQLite database, delivering through msmtp; the
# report in $WORK/NAME.json (and what went wrong printed).
jobs_run() {
    EDULINK_SENDMAIL="$SENDMAIL" EDULINK_MAIL_FROM="$MAIL_FROM" "$EDULINK_BIN" jobs run --db "$DB" --json \
        >"$WORK/$1.json" 2>"$WORK/$1.err" || { indent <"$WORK/$1.err"; return 1; }
}

# The scheduled jobs deliver the outbox through msmtp to the sink.
before=$(mail_count)
check "A: edulink jobs run --json (EDULINK_SENDMAIL=msmtp …) exits 0" jobs_run jobs-a1
delivered=$(json_field "$WORK/jobs-a1.json" messages_delivered)
counts_match() { [ -n "$delivered" ] && [ "$delivered" -ge 1 ] && [ "$delivered" = "$(($(mail_count) - before))" ]; }
check "A: the report counts as delivered every message the sink received" counts_match
check "A: one email per outbox row" [ "$(mails_to_domain campus-a.test)" = "$(sqlite3 "$DB" "SELECT count(*) FROM outbox")" ]
check "A: …and none failed" [ "$(json_field "$WORK/jobs-a1.json" messages_failed)" = 0 ]
check "A: the employer gets exactly one \"New applicant\" email" \
    [ "$(the_new_applicant_mail employer@campus-a.test | wc -l)" = 1 ]
check "A: …to the employer, with its subject, From, and the applicant and listing in the body" \
    new_applicant_mail_ok "$(the_new_applicant_mail employer@campus-a.test | head -n 1)" \
    employer@campus-a.test "Wanjiru Kamau" "$TITLE_A"
check "A: the outbox holds no message left to send" \
    [ "$(sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE status <> 'sent'")" = 0 ]
before=$(mail_count)
check "A: a second jobs run exits 0" jobs_run jobs-a2
nothing_more() { [ "$(json_field "$WORK/jobs-a2.json" messages_delivered)" = 0 ] && [ "$(mail_count)" = "$before" ]; }
check "A: a second jobs run delivers nothing more" nothing_more

# ================================================================ Part B: PostgreSQL, two servers
# psql_b SQL: one value from the database.
psql_b() { "$PG_BIN/psql" -X -q -At -h 127.0.0.1 -p "$PG_PORT" -U postgres -d edulink_deploy -c "$1" 2>&1; }

# listening_or_gone LOG PID: the server logged its "listening" line, or it exited.
listening_or_gone() { grep -q '"listening"' "$1" 2>/dev/null || ! running "$2"; }

# serve N ARGS…: `edulink serve` number N in the background with a state folder of its own; waits
# for its "listening" line and sets PORT_N.
serve() {
    local n=$1 log="$WORK/server-$1.log" pid
    shift
    EDULINK_SENDMAIL="$SENDMAIL" EDULINK_MAIL_FROM="$MAIL_FROM" "$EDULINK_BIN" serve --db "$PG_URL" \
        --jobs-every 2 --port 0 --state-dir "$WORK/server-$n-state" "$@" >/dev/null 2>"$log" &
    pid=$!
    SERVER_PIDS+=("$pid")
    LIMIT=60 eventually listening_or_gone "$log" "$pid"
    printf -v "PORT_$n" '%s' "$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -n 1 | grep -oE '[0-9]+$')"
    local port_var="PORT_$n"
    if [ -z "${!port_var}" ]; then indent <"$log"; return 1; fi
}

# pg_state NAME: BIN, CLUSTER_DIR or PORT of the cluster started below.
pg_state() {
    # shellcheck source=/dev/null
    (. "$PG_STATE" && echo "${!1}")
}

pg_ok=no
if cluster=$(EDULINK_PG_CLUSTER_STATE="$PG_STATE" "$ROOT/scripts/postgres-test-cluster.sh" start 2>"$WORK/pg.err"); then
    PG_BIN=$(pg_state BIN)
    PG_PORT=$(pg_state PORT)
    CREATEDB="$PG_BIN/createdb"
    [ -x "$CREATEDB" ] || CREATEDB=createdb
    [ -x "$PG_BIN/psql" ] || PG_BIN=$(dirname "$(command -v psql)")
    if "$CREATEDB" -h 127.0.0.1 -p "$PG_PORT" -U postgres edulink_deploy 2>"$WORK/createdb.err"; then pg_ok=yes; fi
fi
check "B: a throwaway PostgreSQL cluster runs and createdb made the database" [ "$pg_ok" = yes ]
if [ "$pg_ok" = no ]; then
    echo "    $cluster"
    cat "$WORK/pg.err" "$WORK/createdb.err" 2>/dev/null | indent
    echo "$PASSED passed, $FAILED failed"
    exit 1
fi
postmaster_user() { ps -o user= -p "$(head -n 1 "$(pg_state CLUSTER_DIR)/data/postmaster.pid")"; }
expected_user=$(id -un)
[ "$(id -u)" -eq 0 ] && expected_user=postgres
check "B: the cluster's server runs as $expected_user" [ "$(postmaster_user)" = "$expected_user" ]
PG_URL="postgres://postgres@127.0.0.1:$PG_PORT/edulink_deploy"

check "B: edulink init --db postgres://…" \
    cli_ok "with admin admin@campus-b.test" init --db "$PG_URL" --admin-email admin@campus-b.test --name "Site Admin" \
    <<<"$ADMIN_PASSWORD"
check "B: org create" \
    cli_ok "Created the organization Maji Kiosks" org create --db "$PG_URL" --name "Maji Kiosks" --industry "Water" \
    --size 11-50 --location "Kisumu" --description "Pay-as-you-go water kiosks for lakeside towns." --verified
ORG=$(id_in "$OUT")
check "B: user create --role employer" \
    cli_ok "Created employer@campus-b.test (employer" user create --db "$PG_URL" --role employer \
    --organization "${ORG:-1}" --email employer@campus-b.test --name "Otieno Odhiambo" <<<"$EMPLOYER_PASSWORD"
check "B: institution create" \
    cli_ok "Created the institution Lakeside Polytechnic" institution create --db "$PG_URL" \
    --name "Lakeside Polytechnic" --short-code LKP --type university --verified
INSTITUTION=$(id_in "$OUT")
check "B: user create --role student" \
    cli_ok "Created student@campus-b.test (student" user create --db "$PG_URL" --role student \
    --institution "${INSTITUTION:-1}" --email student@campus-b.test --name "Akinyi Njeri" <<<"$STUDENT_PASSWORD"
check "B: three accounts in PostgreSQL, no listings" \
    [ "$(psql_b "SELECT (SELECT count(*) FROM users) || ' ' || (SELECT count(*) FROM listings)")" = "3 0" ]

check "B: server 1 (--migrate) listens" serve 1 --migrate
check "B: server 2 listens on the same database" serve 2
# The first tick both servers were up for.
FIRST_TICK=$(($(date +%s) / 2 + 1))

TITLE_B="Water Kiosk Data Intern"
start emp-b 120 35 --server "http://127.0.0.1:${PORT_1:-0}"
check "B employer: the app opens on server 1 (remote mode)" wait_for emp-b "server 127.0.0.1:${PORT_1:-0}" 30
sign_in_as emp-b employer@campus-b.test "$EMPLOYER_PASSWORD"
post_listing emp-b "B employer (server 1)" "$TITLE_B"
quit emp-b "B employer"

LISTING_B=$("$EDULINK_BIN" internships queue --db "$PG_URL" 2>"$WORK/queue.err" | grep -F "$TITLE_B" | cut -f1)
check "B: edulink internships queue --db postgres://… lists it" [ -n "$LISTING_B" ]
[ -n "$LISTING_B" ] || indent <"$WORK/queue.err"
check "B: edulink internships verify publishes it" \
    cli_ok "is now published" internships verify --db "$PG_URL" "${LISTING_B:-0}"

start stu-b 120 35 --server "http://127.0.0.1:${PORT_2:-0}"
check "B student: the app opens on server 2 (remote mode)" wait_for stu-b "server 127.0.0.1:${PORT_2:-0}" 30
sign_in_as stu-b student@campus-b.test "$STUDENT_PASSWORD"
apply_to stu-b "B student (server 2)" "$TITLE_B" "kiosk data"
quit stu-b "B student"

has_new_applicant_mail() { [ -n "$(the_new_applicant_mail employer@campus-b.test)" ]; }
check "B: the servers' scheduler delivers the \"New applicant\" email through msmtp" eventually has_new_applicant_mail
check "B: …to the employer, with its subject, From, and the applicant and listing in the body" \
    new_applicant_mail_ok "$(the_new_applicant_mail employer@campus-b.test | head -n 1)" \
    employer@campus-b.test "Akinyi Njeri" "$TITLE_B"
outbox_sent() { [ "$(psql_b "SELECT count(*) FROM outbox WHERE status <> 'sent'")" = 0 ]; }
check "B: the outbox empties" eventually outbox_sent
# A second tick after that must not send it again.
settle_tick=$(($(date +%s) / 2 + 2))
ticked_past() { [ "$(psql_b "SELECT count(*) FROM job_runs WHERE tick >= $settle_tick AND finished_at IS NOT NULL")" -ge 1 ]; }
LIMIT=30 eventually ticked_past
check "B: …and it was delivered once, not once per server" \
    [ "$(the_new_applicant_mail employer@campus-b.test | wc -l)" = 1 ]
check "B: every message went out once: one email per outbox row" \
    [ "$(mails_to_domain campus-b.test)" = "$(psql_b "SELECT count(*) FROM outbox")" ]

# --- the scheduler: at least four ticks with both servers up, each run once
four_ticks() {
    [ "$(psql_b "SELECT count(*) FROM job_runs WHERE tick >= $FIRST_TICK AND finished_at IS NOT NULL")" -ge 4 ]
}
check "B: at least four scheduler ticks ran with both servers up" eventually four_ticks
both_up() { running "${SERVER_PIDS[0]}" && running "${SERVER_PIDS[1]}"; }
check "B: both servers are still running" both_up
LAST_TICK=$(psql_b "SELECT max(tick) FROM job_runs WHERE finished_at IS NOT NULL")
RANGE="tick BETWEEN $FIRST_TICK AND ${LAST_TICK:-0}"
runs=$(psql_b "SELECT count(*) FROM job_runs WHERE $RANGE")
audited=$(psql_b "SELECT count(*) FROM audit_events WHERE action = 'jobs.run' AND entity = 'job_run' AND entity_id BETWEEN $FIRST_TICK AND ${LAST_TICK:-0}")
distinct=$(psql_b "SELECT count(DISTINCT entity_id) FROM audit_events WHERE action = 'jobs.run' AND entity_id BETWEEN $FIRST_TICK AND ${LAST_TICK:-0}")
longest=$(psql_b "SELECT round(max(extract(epoch FROM finished_at - started_at))::numeric, 2) FROM job_runs WHERE $RANGE")
# A tick is skipped (not made up) when both servers are still busy with an earlier one.
echo "    ticks $FIRST_TICK–$LAST_TICK: $runs job_runs rows, $audited jobs.run audit events ($distinct ticks)," \
    "$((LAST_TICK - FIRST_TICK + 1 - runs)) skipped; the longest run took ${longest}s; server 1 ran" \
    "$(psql_b "SELECT count(*) FROM job_runs WHERE $RANGE AND instance LIKE '%-${SERVER_PIDS[0]}'"), server 2" \
    "$(psql_b "SELECT count(*) FROM job_runs WHERE $RANGE AND instance LIKE '%-${SERVER_PIDS[1]}'")"
check "B: each tick has exactly one jobs.run audit event, never two" [ "$audited $distinct" = "$runs $runs" ]
check "B: no run failed" [ "$(psql_b "SELECT count(*) FROM job_runs WHERE failure IS NOT NULL") $(psql_b "SELECT count(*) FROM audit_events WHERE action = 'jobs.fail'")" = "0 0" ]
ours() {
    local instance
    for instance in $(psql_b "SELECT DISTINCT instance FROM job_runs WHERE $RANGE"); do
        [[ $instance == *-"${SERVER_PIDS[0]}" || $instance == *-"${SERVER_PIDS[1]}" ]] || { echo "    $instance"; return 1; }
    done
}
check "B: every run was one of the two servers'" ours
# ticks_logged LOG: the ticks a server says it ran.
ticks_logged() { grep '"jobs ran"' "$1" | grep -oE '"tick":"?[0-9]+' | grep -oE '[0-9]+$'; }
logs_agree() {
    local logged
    logged=$({ ticks_logged "$WORK/server-1.log"; ticks_logged "$WORK/server-2.log"; } |
        awk -v a="$FIRST_TICK" -v b="$LAST_TICK" '$1 >= a && $1 <= b' | sort -n)
    [ "$(wc -l <<<"$logged")" = "$runs" ] && [ -z "$(uniq -d <<<"$logged")" ]
}
check "B: the servers' logs agree: each tick ran in one server only" logs_agree
# answered_all: both servers answered requests, none with a 5xx (those are printed when there are).
answered_all() {
    local failures
    grep -q '"status":"200"' "$WORK/server-1.log" && grep -q '"status":"200"' "$WORK/server-2.log" || return 1
    failures=$(grep -hE '"status":"5[0-9][0-9]' "$WORK/server-1.log" "$WORK/server-2.log")
    [ -z "$failures" ] && return 0
    sed 's/^/    /' <<<"$failures"
    grep -hE '"level":"(error|critical)"' "$WORK/server-1.log" "$WORK/server-2.log" | sed 's/^/    /'
    return 1
}
check "B: each server answered its client (no 5xx)" answered_all

stopped_cleanly() {
    local status=0 n
    stop_processes 15 "${SERVER_PIDS[@]}" || status=1
    SERVER_PIDS=()
    for n in 1 2; do
        grep -q '"stopped"' "$WORK/server-$n.log" || { echo "    server $n never logged \"stopped\""; status=1; }
    done
    [ "$status" = 0 ] || grep -v '"request"' "$WORK/server-1.log" "$WORK/server-2.log" | tail -n 8 | indent
    return "$status"
}
check "B: SIGTERM stops both servers within 15 s, with status 0" stopped_cleanly

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
