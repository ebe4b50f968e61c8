#!/usr/bin/env bash
# End-to-end test of the admin Health tab in a real terminal (tmux) on a fresh demo database: 21
# failed logins at the login screen raise the failed-logins alert; the demo admin signs in and sees
# real figures (database, system, requests, KPIs); the "no backup" alert is acknowledged, then clears
# by itself once `edulink db backup` has run; on the Users tab an account is found as you type,
# locked and unlocked (checked against `edulink user list`); on the Listings tab a listing from the
# verification queue is verified; the backup is verified by `edulink doctor` and restored, and the
# data is intact afterwards.
#
# The Data tab (backups, maintenance) has its own script: scripts/e2e/admin-data-flow.sh.
#
# Usage: scripts/e2e/admin-flow.sh                  (builds with --scratch-path .build-tui)
#        EDULINK_BIN=/path/to/edulink scripts/e2e/admin-flow.sh
set -u

# shellcheck source=lib/tmux.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/tmux.sh"
e2e_begin admin
DB="$WORK/data/edulink/edulink.sqlite"

cli() { XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config" EDULINK_BCRYPT_COST=4 "$EDULINK_BIN" "$@"; }

"${TMUX_CMD[@]}" new-session -d -s main -x 120 -y 35 \
    "env -i HOME='$WORK' PATH='$PATH' TERM=xterm-256color LANG=C.UTF-8 TZ=UTC PS1='e2e\$ ' bash --norc --noprofile -i"
wait_for main 'e2e$' >/dev/null
send main -l "XDG_DATA_HOME='$WORK/data' XDG_CONFIG_HOME='$WORK/config' EDULINK_BCRYPT_COST=4 '$EDULINK_BIN'; echo EXIT=\$?"
send main Enter
check "a fresh start creates the demo database" wait_for main "Demo accounts" 60

# wait_until COMMAND…: runs it every 0.1 s until it succeeds (at most 15 s).
wait_until() {
    local deadline=$((SECONDS + 15))
    while [ $SECONDS -le $deadline ]; do
        if "$@"; then return 0; fi
        sleep 0.1
    done
    return 1
}

# 21 failed logins (more than 20 in an hour), each answered before the next. The message on screen
# is the same for every attempt, so the last one's could pass for this one's while it is still
# signing in (and the next password typed then is not taken): each attempt waits for its own
# failure in the data, then for the form to show the message again.
send main -l "ghost@example.com"
send main Tab
failed_logins() {
    sqlite3 "$WORK/data/edulink/edulink.sqlite" "SELECT count(*) FROM security_events WHERE kind = 'login_failed'"
}
recorded_at_least() { [ "$(failed_logins)" -ge "$1" ]; }
failures_answered() {
    local before
    before=$(failed_logins)
    for attempt in $(seq 1 21); do
        send main -l "wrong-password-$attempt"
        send main Enter
        wait_until recorded_at_least $((before + attempt)) || return 1
        wait_for main "incorrect" 10 || return 1
        wait_gone main "Signing in" || return 1
        send main C-u
    done
}
check "21 failed logins are each refused" failures_answered

# Sign in as the demo admin: back to the email field, replace it.
send main BTab
send main C-u
send main -l "admin@edulink.demo"
send main Tab
send main C-u
send main -l "demo-password"
send main Enter
check "the demo admin lands on Health" wait_for main "1 Health"
check "the database check shows the schema" wait_for main "schema v"
check "the system panel shows real gauges" wait_for main "Memory    ["
check "the requests panel counts this session's calls" wait_for main "calls · p50"
check "the KPIs come from the data" wait_for main "open listings"
check "more than 20 failed logins in an hour raise an alert" wait_for main "Failed logins (1 h): 21"
check "no backup yet raises a critical alert" wait_for main "Last backup: none"

# Select the backup alert (the newest first, so find its row) and acknowledge it.
select_backup_alert() {
    for _ in 1 2 3 4 5 6; do
        send main a
        if screen main | grep -E "Last backup: none" | grep -q "ack"; then return 0; fi
        sleep 0.3
        if screen main | grep -E "Last backup: none" | grep -q "ack"; then return 0; fi
        send main j
    done
    return 1
}
check "the backup alert is acknowledged" select_backup_alert

backup_made() { cli db backup --keep-days 30 | grep -q "integrity ok"; }
check "a backup is made (cron form)" backup_made
check "the backup alert clears by itself on the next refresh" wait_gone main "Last backup: none"

# Users tab: find the demo student as you type, lock the account (confirmed), see it locked in the
# table and in the data, then unlock it the same way.
# wait_match SESSION REGEX: like wait_for, for an extended regular expression.
wait_match() {
    local deadline=$((SECONDS + 15))
    while [ $SECONDS -le $deadline ]; do
        if screen "$1" | grep -qE -- "$2"; then return 0; fi
        sleep 0.05
    done
    return 1
}
student_status() { cli user list --json | grep -A8 '"student@edulink.demo"' | grep -q "\"$1\""; }
send main 2
check "the Users tab lists the accounts" wait_for main "Role: all"
send main /
send main -l "student@edulink.demo"
send main Enter
check "searching as you type finds the student" wait_match main "student@edulink.demo +Amani"
send main l
check "locking asks first" wait_for main "Lock account"
send main y
check "the account shows locked" wait_match main "student +locked"
check "the account is locked in the data" student_status locked
send main u
check "unlocking asks first" wait_for main "Unlock account"
send main y
check "the account shows active again" wait_match main "student +active"
check "the account is active in the data" student_status active

# Listings tab: the first listing in the verification queue is verified and leaves the queue.
pending_count() { screen main | grep -oE "[0-9]+ pending" | head -n 1 | cut -d" " -f1; }
queue_loaded() { local n; n=$(pending_count); [ -n "$n" ] && [ "$n" -gt 0 ]; }
send main 3
# "0 pending" shows until the queue has loaded (the demo has some); only then is a listing selected
# for `v`.
check "the Listings tab shows the verification queue" wait_until queue_loaded
before_pending=$(pending_count)
send main v
one_fewer() { [ -n "$before_pending" ] && [ "$(pending_count)" = "$((before_pending - 1))" ]; }
check "the verified listing leaves the queue" wait_until one_fewer
# the newest submission is one key away, and the queue narrows as you type
newest=$(sqlite3 "$WORK/data/edulink/edulink.sqlite" \
    "SELECT title FROM listings WHERE status = 'pending_review' ORDER BY id DESC LIMIT 1")
send main G
check "G selects the newest submission" wait_for main "${newest:0:30}"
send main /
send main -l "$newest"
check "/ narrows the queue as you type" wait_for main "1 of $((before_pending - 1)) pending"
send main Enter
send main 5
check "the Audit tab shows the verification and the account changes" wait_for main "listing.verify"
check "the Audit tab shows the lock" wait_for main "user.lock"

# --- the audit CSV export through the TUI: the events the filter matches, CRLF, and the
# export itself recorded as a data_export security event
send main e
check "e asks where to write the audit CSV" wait_for main "Export audit (CSV)"
send main C-u
send main -l "$WORK/audit.csv"
send main Enter
check "the audit export finishes and says so" wait_for main "Exported "
audit_rows=$(sqlite3 "$WORK/data/edulink/edulink.sqlite" "SELECT count(*) FROM audit_events")
audit_csv_ok() {
    head -n 1 "$WORK/audit.csv" | grep -q '^id,at,actor_id,actor_role,action,entity,entity_id,summary,origin' &&
        grep -q 'listing.verify' "$WORK/audit.csv" && grep -q 'user.lock' "$WORK/audit.csv" &&
        [ "$(grep -c $'\r$' "$WORK/audit.csv")" -eq "$(wc -l <"$WORK/audit.csv")" ] &&
        [ "$(wc -l <"$WORK/audit.csv")" -ge 3 ] && [ "$(wc -l <"$WORK/audit.csv")" -le "$((audit_rows + 1))" ]
}
check "the audit CSV has the header, the verification and the lock, every line CRLF" audit_csv_ok
export_recorded() {
    [ "$(sqlite3 "$WORK/data/edulink/edulink.sqlite" \
        "SELECT count(*) FROM security_events WHERE kind = 'data_export'")" -ge 1 ]
}
check "the export is recorded as a data_export security event" wait_until export_recorded

doctor_verifies() {
    cli doctor --json >"$WORK/doctor.json"
    grep -q '"name" : "backups"' "$WORK/doctor.json" && grep -q '"label" : "Last verified"' "$WORK/doctor.json"
}
check "doctor sees the verified backup" doctor_verifies

restore_intact() {
    local before after file
    before="$(cli user list --json | grep -c '"id"') $(cli internships search --limit 500 --json data | grep -c '"id"')"
    file=$(ls "$WORK"/data/edulink/backups/*.sqlite | head -n 1)
    cli db restore "$file" --yes >/dev/null || return 1
    after="$(cli user list --json | grep -c '"id"') $(cli internships search --limit 500 --json data | grep -c '"id"')"
    echo "    users and listings before: $before, after: $after"
    [ "${before%% *}" -gt 0 ] && [ "$before" = "$after" ]
}
check "the backup restores and the data is intact" restore_intact

send main q
check "q quits the app" wait_for main "EXIT=0"

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
