#!/usr/bin/env bash
# End-to-end test of the admin Data tab in a real terminal (tmux) on a fresh demo database: the
# demo admin runs the integrity check, makes a backup and verifies it; a user is then created with
# the CLI; the backup is restored from the tab (after a confirmation naming the file) and the data is
# as it was at backup time (the new user is gone, the counts are equal) and `edulink db check`
# passes; the terminal is sane after quitting.
#
# Usage: scripts/e2e/admin-data-flow.sh             (builds with --scratch-path .build-tui)
#        EDULINK_BIN=/path/to/edulink scripts/e2e/admin-data-flow.sh
set -u

# shellcheck source=lib/tmux.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/tmux.sh"
e2e_begin data

cli() { XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config" EDULINK_BCRYPT_COST=4 "$EDULINK_BIN" "$@"; }
users() { cli user list --json | grep -c '"email"'; }

"${TMUX_CMD[@]}" new-session -d -s main -x 120 -y 35 \
    "env -i HOME='$WORK' PATH='$PATH' TERM=xterm-256color LANG=C.UTF-8 TZ=UTC PS1='e2e\$ ' bash --norc --noprofile -i"
wait_for main 'e2e$' >/dev/null
send main -l "XDG_DATA_HOME='$WORK/data' XDG_CONFIG_HOME='$WORK/config' EDULINK_BCRYPT_COST=4 '$EDULINK_BIN'; echo EXIT=\$?; stty -a > '$WORK/main.stty'"
send main Enter
check "a fresh start creates the demo database" wait_for main "Demo accounts" 60

send main C-u
send main -l "admin@edulink.demo"
send main Tab
send main C-u
send main -l "demo-password"
send main Enter
check "the demo admin signs in" wait_for main "6 Data"

send main 6
check "the Data tab shows the schema and no backups" wait_for main "No backups yet"
check "the key hints are in the status bar" wait_for main "b backup"

send main c
check "the integrity check passes" wait_for main "Integrity check passed"
check "the status panel shows the check" wait_for main "ok, checked"

send main b
check "a backup is made and verified" wait_for main "Backed up to edulink-"
BEFORE=$(users)

send main v
check "the selected backup verifies" wait_for main "Backup verified: edulink-"

create_user() {
    printf 'a long e2e password\n' |
        cli user create --email late@example.com --name "Late Comer" --role student >/dev/null &&
        [ "$(users)" -eq $((BEFORE + 1)) ]
}
check "a user is created after the backup (CLI)" create_user

send main r
names_the_file() {
    wait_for main "Replace the database with" && screen main | grep "│ edulink-" | grep -q "? The current"
}
check "restore asks first, naming the file" names_the_file
check "the dialog says the current database is backed up first" wait_for main "backed up first"
send main y
check "the backup is restored" wait_for main "Restored edulink-"

restored_as_backed_up() {
    local after
    after=$(users)
    echo "    users at backup: $BEFORE, after the restore: $after"
    [ "$BEFORE" -gt 0 ] && [ "$after" -eq "$BEFORE" ] && ! cli user list --json | grep -q "late@example.com"
}
check "the data is as at backup time (the new user is gone)" restored_as_backed_up
check "edulink db check passes" cli db check
check "the previous database was kept as a backup" wait_for main "(previous: edulink-"
# A restore ends every session (the snapshot holds sessions that had ended since): this one too.
check "the restore ends the admin's own session, saying why" wait_for main "restored the database"
check "…back on the sign-in screen" wait_for main "Edulink — sign in"

send main C-c
check "ctrl-c quits from the sign-in screen" wait_for main "EXIT=0"
check "the terminal is sane after quitting" terminal_is_sane main

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
