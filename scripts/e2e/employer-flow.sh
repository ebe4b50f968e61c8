#!/usr/bin/env bash
# End-to-end test of the employer's tabs in a real terminal (tmux) on a fresh demo database: the demo
# employer writes a listing (bad values first, then good ones) and submits it; the admin verifies it
# from the command line (`edulink internships queue` / `verify`); the employer triages applicants
# through every stage with single keys (review on open, shortlist, reject with a reason, interview with
# time and place, offer with expiry), undoes one decision, bulk-rejects two with a reason after a
# preview, and exports the view to CSV (the file is checked); then the demo student signs in and sees
# the offer in Notifications and Applications. One more pass at 80×24 under NO_COLOR.
# Waits for text on screen, never bare sleeps.
#
# Usage: scripts/e2e/employer-flow.sh                  (builds with --scratch-path .build-tui)
#        EDULINK_BIN=/path/to/edulink scripts/e2e/employer-flow.sh
set -u

# shellcheck source=lib/tmux.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/tmux.sh"
e2e_begin employer

# start SESSION WIDTH HEIGHT [ENV…]: a shell running the app on the temporary data folder.
start() {
    local session=$1 width=$2 height=$3
    shift 3
    "${TMUX_CMD[@]}" new-session -d -s "$session" -x "$width" -y "$height" \
        "env -i HOME='$WORK' PATH='$PATH' TERM=xterm-256color LANG=C.UTF-8 TZ=UTC $* PS1='e2e\$ ' bash --norc --noprofile -i"
    wait_for "$session" 'e2e$' >/dev/null
    send "$session" -l "XDG_DATA_HOME='$WORK/data' XDG_CONFIG_HOME='$WORK/config' EDULINK_BCRYPT_COST=4 '$EDULINK_BIN'; echo EXIT=\$?"
    send "$session" Enter
}

# The command line as the local operator, on the same database file.
cli() { XDG_DATA_HOME="$WORK/data" EDULINK_BCRYPT_COST=4 "$EDULINK_BIN" "$@"; }

start_day=$(date -u -d "+40 days" +%F)
end_day=$(date -u -d "+124 days" +%F)
deadline="$(date -u -d "+20 days" +%F) 17:00"
description="You will help our lending team score merchant loan applications, build dashboards of repayment behaviour and present what you find every Friday."

# --- the employer writes a listing: bad values first
start main 120 35
sign_in main "employer@edulink.demo"
check "the demo employer signs in and lands on Listings" wait_for main "My listings"
send main n
check "n opens the listing form" wait_for main "New listing"
send main -l "SHOUTING TITLE FOR INTERNS"
send main Tab Tab Tab Tab Tab            # description (left empty), category, level, where
send main -l "Nairobi, Kenya"
send main Tab
send main -l "$start_day"
send main Tab
send main -l "$end_day"
send main Tab
send main -l "12"
send main Tab
send main -l "20000"
send main Tab Tab                       # currency
send main -l "SQL, Python"
send main Tab Tab Tab Tab Tab Tab       # preferred skills, years, courses, who sees it, institution
send main -l "$deadline"
send main Tab Tab Tab                   # capacity, positions
send main -l "* yes_no: Can you start in January?"
send main C-s
check "the service's errors show next to their fields" wait_for main "Title must not be all capitals."
check "…every one of them" wait_for main "Description is required."
# then good ones (the form focused the first field with an error)
send main C-u
send main -l "Risk Analyst Intern — Merchant Lending"
send main Tab
send main -l "$description"
send main C-s
check "the listing is saved as a draft" wait_for main "Saved \"Risk Analyst Intern"
send main s
check "s asks before submitting" wait_for main "Submit for review"
send main y
check "the listing waits for review" wait_for main "Submitted for review."

# --- the admin verifies it from the command line
id=$(cli internships queue | grep -F "Risk Analyst Intern" | cut -f1)
check "the listing is in the verification queue" [ -n "$id" ]
check "edulink internships verify publishes it" sh -c "XDG_DATA_HOME='$WORK/data' EDULINK_BCRYPT_COST=4 '$EDULINK_BIN' internships verify '$id' | grep -q 'is now published'"
send main C-r
check "the employer sees it published" wait_for main "published · closes"

# --- triage on the listing with applicants
send main 2
check "Applicants shows the stages with counts" wait_for main "pending 10"
send main l
wait_for main "Applicants ─" >/dev/null
send main t
check "t starts triage; opening marks reviewed" wait_for main "Triage 1 of 10"
send main s
check "s shortlists and the next applicant follows" wait_for main "→ shortlisted"
check "…the pending count drops" wait_for main "pending 8"
send main x
check "x asks for a reason from the list" wait_for main "Reject: why?"
send main Enter
check "the rejection is made" wait_for main "u undoes: Peter Achieng → rejected"
send main u
check "u undoes the last decision" wait_for main "Decision undone."
send main Escape
wait_gone main "Triage" >/dev/null
send main l l
check "the shortlisted stage" wait_for main "shortlisted 7"
send main t
wait_for main "Triage 1 of 7" >/dev/null
send main i
check "i asks when" wait_for main "When? YYYY-MM-DD HH:MM"
send main Enter
check "…and where" wait_for main "Where?"
send main -l "Kusi HQ, Westlands"
send main Enter
check "the interview is scheduled" wait_for main "→ interview"
send main Escape
wait_gone main "Triage" >/dev/null
send main l
check "the interview stage" wait_for main "Amani Wanjiru"
send main t
wait_for main "Triage 1 of" >/dev/null
send main o
check "o asks how long the offer stays open" wait_for main "The offer stays open"
send main Enter
check "the offer is made" wait_for main "Amani Wanjiru → offered"
send main Escape
wait_gone main "Triage" >/dev/null

# --- bulk reject with a preview, then export
send main h h h
check "back on the pending stage" wait_for main "pending 6"
# The header counts show at once; the marks must go on the pending stage's rows, so wait until the
# list shows them (a busy machine may still be drawing the previous stage's rows).
pending_rows() {
    local deadline=$((SECONDS + 15))
    while [ $SECONDS -le $deadline ]; do
        if screen main | grep -qE '│  [^│]{20,30} pending +[0-9]+d'; then return 0; fi
        sleep 0.05
    done
    return 1
}
check "…its rows on screen" pending_rows
send main Space Space
check "Space marks applicants" wait_for main "2 marked"
send main x
wait_for main "Reject: why?" >/dev/null
send main Down Enter
check "the bulk action previews what changes" wait_for main "2 applicants → rejected (position filled)"
send main y
check "the bulk rejection is one batch" wait_for main "2 applicants → rejected (one batch)"
check "…and the counts follow" wait_for main "pending 4"
send main e
check "e asks where to write the CSV" wait_for main "Export CSV"
send main C-u
send main -l "$WORK/pending.csv"
send main Enter
check "the export finishes and says so (its progress bar goes)" wait_for main "Exported 4 applicants"
# csv_ok FILE ROWS: the header, ROWS pending rows, every line ending in CRLF (RFC 4180).
csv_ok() {
    head -n 1 "$1" | grep -q '^application_id,student,status,' &&
        [ "$(grep -c $'\r$' "$1")" -eq $(($2 + 1)) ] &&
        [ "$(wc -l < "$1")" -eq $(($2 + 1)) ] &&
        [ "$(grep -c ',pending,' "$1")" -eq "$2" ]
}
check "the CSV has the header and one line per applicant (CRLF)" csv_ok "$WORK/pending.csv" 4
send main 3
check "the dashboard shows the funnel" wait_for main "Funnel"

# --- editing an institution-only listing keeps it institution-only (the form carries who sees it)
send main 1
wait_for main "My listings" >/dev/null
partnership="Data Engineer Intern — Data Platform (UoN partnership)"
found=no
for _ in $(seq 1 20); do
    send main e
    wait_for main "Edit listing" >/dev/null || break
    if screen main | grep -qF "$partnership"; then found=yes; break; fi
    send main Escape
    wait_gone main "Edit listing" >/dev/null
    send main j
done
check "the institution-only listing opens in the form" [ "$found" = yes ]
for _ in $(seq 1 16); do send main Tab; done   # down to the institution: the form scrolls with focus
check "…showing who sees it" wait_for main "institution only"
check "…and for which institution" wait_for main "University of Nairobi"
# audience: the listing's visibility and institution as stored.
audience() {
    sqlite3 "$WORK/data/edulink/edulink.sqlite" \
        "SELECT visibility || ' ' || coalesce(institution_id, '-') FROM listings WHERE title = '$partnership'"
}
before=$(audience)
send main C-s
check "saving it goes through" wait_for main "Saved \"Data Engineer Intern"
kept() { [[ $before == institution_only\ [0-9]* ]] && [ "$(audience)" = "$before" ]; }
check "…and it is still institution-only, for the same institution" kept
send main q
check "q quits" wait_for main "EXIT=0"

# --- the student sees the new status and the notification
start student 120 35
sign_in student "student@edulink.demo"
wait_for student "1 Browse" >/dev/null
send student 4
check "the student is told about the offer" wait_for student "You have an offer"
send student 3
check "the application shows the offer" wait_for student "offered"
send student q
wait_for student "EXIT=0" >/dev/null

# --- one pass at 80×24 under NO_COLOR
start small 80 24 NO_COLOR=1
sign_in small "employer@edulink.demo"
check "80×24: Listings" wait_for small "My listings"
send small 2
check "80×24: Applicants with short stage names" wait_for small "pend "
wait_for small "Amani Wanjiru" >/dev/null
send small t
check "80×24: triage" wait_for small "Triage 1 of"
send small Escape
wait_gone small "Triage" >/dev/null
send small 3
check "80×24: the dashboard" wait_for small "12 weeks"
send small 5
check "80×24: the organization profile" wait_for small "Organization profile"
# unsaved changes are never dropped without asking: Esc on a changed form, then q on the tab
send small e
wait_for small "ctrl-s save" >/dev/null
send small -l " Ltd"
send small Escape
check "80×24: Esc on a changed form asks first" wait_for small "Discard changes?"
send small n
check "80×24: …n keeps the form with the change" wait_for small " Ltd"
send small C-c
check "80×24: ctrl-c with a changed form asks before quitting" wait_for small "Quit without saving?"
send small y
check "80×24: …y quits with status 0" wait_for small "EXIT=0"

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
