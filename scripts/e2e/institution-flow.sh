#!/usr/bin/env bash
# End-to-end test of the institution admin's work, in real terminals (tmux) on a fresh demo database:
# the demo institution admin makes a registration code; a new student signs up with it on the sign-in
# screen ("create account") and appears in Students; the admin imports a CSV with one bad row (refused
# with its line), fixes the file, checks it again and imports it (the one-time codes land in a file
# beside it); verifies the institution-only listing waiting in Listings; assigns the demo academic
# supervisor to the placement the demo student just accepted; and exports the placement report, whose
# CSV rows are the rows on screen. Local mode at 120×35. Waits for text on screen, never bare sleeps.
#
# Usage: scripts/e2e/institution-flow.sh                (builds with --scratch-path .build-tui)
#        EDULINK_BIN=/path/to/edulink scripts/e2e/institution-flow.sh
set -u

# shellcheck source=lib/tmux.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/tmux.sh"
e2e_begin institution

export EDULINK_BCRYPT_COST=4

# start SESSION WIDTH HEIGHT ARGS…: a shell running the app with ARGS.
start() {
    local session=$1 width=$2 height=$3
    shift 3
    "${TMUX_CMD[@]}" new-session -d -s "$session" -x "$width" -y "$height" \
        "env -i HOME='$WORK' PATH='$PATH' TERM=xterm-256color LANG=C.UTF-8 TZ=UTC PS1='e2e\$ ' bash --norc --noprofile -i"
    wait_for "$session" 'e2e$' >/dev/null
    send "$session" -l "XDG_DATA_HOME='$WORK/data-$session' XDG_CONFIG_HOME='$WORK/config' XDG_STATE_HOME='$WORK/state-$session' EDULINK_BCRYPT_COST=4 '$EDULINK_BIN' $*; echo EXIT=\$?"
    send "$session" Enter
}

sql() { sqlite3 "$DB" "$1"; }

DB="$WORK/campus.sqlite"
"$EDULINK_BIN" demo --db "$DB" >/dev/null 2>"$WORK/demo.log" || { cat "$WORK/demo.log"; echo "0 passed, 1 failed"; exit 1; }

# --- a registration code
start office 120 35 --db "$DB"
sign_in office "institution@edulink.demo"
check "the institution admin signs in on Students" wait_for office "1 Students" 30
send office r
check "r shows the registration codes" wait_for office "Registration codes"
send office n
check "n opens the new-code form" wait_for office "New registration code"
send office C-s
check "ctrl-s makes the code" wait_for office "Hand out EDUUON"
CODE=$(screen office | grep -o 'Hand out EDUUON[0-9]*-[0-9]*' | head -n 1 | sed 's/Hand out //')
check "the code is on screen ($CODE)" [ -n "$CODE" ]

# --- a new student signs up with it on the sign-in screen
start newcomer 120 35 --db "$DB"
check "the sign-in screen offers to create an account" wait_for newcomer "ctrl-n create account" 60
send newcomer C-n
check "ctrl-n opens the create-account form" wait_for newcomer "create a student account"
send newcomer -l "$CODE"
send newcomer Tab
send newcomer -l "Baraka Otieno"
send newcomer Tab
send newcomer -l "baraka.otieno@students.example"
send newcomer Tab
send newcomer -l "a long campus password"
send newcomer Tab
send newcomer -l "a long campus password"
send newcomer Tab
send newcomer -l "UON/2026/0042"
send newcomer Tab
send newcomer -l "BSc Computer Science"
send newcomer Tab
send newcomer -l "1"
send newcomer C-s
check "the new student is signed in" wait_for newcomer "1 Browse" 30
check "…tied to the institution" [ "$(sql "SELECT institution_id FROM users WHERE email = 'baraka.otieno@students.example'")" = "$(sql "SELECT institution_id FROM users WHERE email = 'institution@edulink.demo'")" ]
send office Escape
wait_gone office "Registration codes"
send office /
send office -l "baraka"
check "the new student appears in Students" wait_for office "Baraka Otieno"
send office Enter

# --- a CSV import with one bad row, fixed, then imported
CSV="$WORK/term.csv"
cat >"$CSV" <<'ROWS'
name,email,registration number,course,year
Zawadi Kiprop,zawadi.kiprop@students.example,UON/2026/0100,BSc Computer Science,1
Imani Wekesa,imani.wekesa@@students,UON/2026/0101,Bachelor of Laws,1
ROWS
send office x
send office i
check "i asks for the CSV's path" wait_for office "Import students from CSV"
send office -l "$CSV"
send office Enter
check "the dry run refuses the bad row" wait_for office "1 refused"
check "…naming its line" wait_for office "Line 3: Email must look like"
sed -i 's/imani.wekesa@@students/imani.wekesa@students.example/' "$CSV"
send office C-r
check "checked again, nothing is refused" wait_for office "Dry run: 2 new, 0 already imported, 0 refused"
send office a
check "a asks before importing" wait_for office "Press a again to create 2 students"
send office a
check "the file is imported" wait_for office "Imported: 2 new"
check "…the students are stored" [ "$(sql "SELECT count(*) FROM users WHERE email LIKE '%@students.example'")" = 3 ]
check "…and their one-time codes are in a file beside the CSV" [ "$(wc -l <"$WORK/term-codes.csv")" = 3 ]
check "…readable by its owner only" [ "$(stat -c %a "$WORK/term-codes.csv")" = 600 ]
send office Escape
wait_gone office "Import students from CSV"

# --- an institution-only listing waiting for verification
send office 3
check "Listings shows the listing waiting for the institution" select_until office "Campus Payments Analyst"
check "…opened beside the queue" wait_for office "verified organization"
send office v
check "v verifies and publishes it" wait_for office "verified and published"
check "…stored as published" [ "$(sql "SELECT status FROM listings WHERE title LIKE 'Campus Payments Analyst%'")" = published ]

# --- the demo student accepts an offer; the admin assigns the academic supervisor
start student 120 35 --db "$DB"
sign_in student "student@edulink.demo"
check "the demo student signs in" wait_for student "1 Browse" 30
send student 3
check "Applications lists the settlement offer" select_until student "offered  Settlement Operations"
send student A
wait_for student "Accept the offer" >/dev/null
send student y
check "the offer is accepted" wait_for student "Offer accepted."
send office 2
send office C-r
check "Placements lists the new placement" select_until office "Amani Wanjiru at Kusi Payments"
check "…without an academic supervisor" wait_for office "Academic: not assigned"
send office s
check "s opens the academic supervisor picker with loads" wait_for office "Joyce Otieno ·"
send office Enter
check "Joyce Otieno is assigned" wait_for office "Academic: Joyce Otieno"
check "…and stored" [ "$(sql "SELECT u.email FROM placements p JOIN users u ON u.id = p.academic_supervisor_id JOIN users s ON s.id = p.student_id WHERE s.email = 'student@edulink.demo'")" = lecturer.otieno@uon.ac.example ]

# --- the placement report, exported
send office 4
check "Reports shows the period's figures" wait_for office "Placed "
send office Tab
check "Tab shows the placement rates by course and year" wait_for office "Placement rate by course and year"
send office e
check "e asks where to write the CSV" wait_for office "Write "
send office Enter
check "the table is exported" wait_for office "rows written to"
REPORT=$(ls "$WORK"/placements-rates-*.csv 2>/dev/null | head -n 1)
check "the CSV is in the home folder" [ -n "$REPORT" ]
rows_match() {
    local rows shown
    rows=$(($(wc -l <"$REPORT") - 1))
    shown=$(screen office | grep -o '[0-9]* rows · e exports' | grep -o '^[0-9]*')
    [ "$rows" = "$shown" ] || { echo "    CSV $rows rows, screen $shown"; return 1; }
    # The first rows of the CSV (course, year, students, placed, rate) are rows on screen, in order:
    # the course's first 20 characters, then year, students, placed and rate in their columns.
    local course year students placed rate
    while IFS=, read -r course year students placed rate; do
        course=${course%\"}
        course=${course#\"}
        rate=${rate%$'\r'}
        screen office | grep -F -- " ${course:0:20}" |
            grep -qE -- " ${year:-—} +${students} +${placed} +${rate}" ||
            { echo "    $course, year ${year:-—}: $students students, $placed placed, $rate not on screen"; return 1; }
    done < <(tail -n +2 "$REPORT" | head -n 8)
}
check "…and its rows match the screen" rows_match

for session in office newcomer student; do
    send "$session" Escape
    send "$session" q
    wait_for "$session" "EXIT=0" >/dev/null
done
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
