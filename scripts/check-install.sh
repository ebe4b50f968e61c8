#!/usr/bin/env bash
# scripts/install.sh into a temporary prefix, then the installed edulink as a user would meet it:
# run through PREFIX/bin from / with a fresh home, it finds its demo data, themes and OpenAPI
# document in the bundles beside it (and not in this checkout, which the binary also knows about),
# `man -l` renders its page without a warning, bash loads its completions; a second install
# replaces the first, and --uninstall removes it all.
#
#   scripts/check-install.sh [BUILD-FOLDER]    default .build/debug: nothing is built
#   VERBOSE=1 scripts/check-install.sh         what each check saw, passed or not
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
root=$PWD
build=$(cd "${1:-.build/debug}" && pwd) || {
    echo "check-install.sh: no build folder ${1:-.build/debug}"
    echo "0 passed, 1 failed"
    exit 1
}

# Resolved: the binary reports the paths it looked in without symbolic links.
work=$(cd "$(mktemp -d "${TMPDIR:-/tmp}/edulink-check-install.XXXXXX")" && pwd -P)
prefix=$work/prefix
lib=$prefix/lib/edulink
server_pid=
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null; fi
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/home"

PASSED=0
FAILED=0
# check NAME COMMAND...: runs COMMAND; on failure prints what it left in $work/out.
check() {
    local name=$1
    shift
    if "$@" >"$work/out" 2>&1; then
        PASSED=$((PASSED + 1))
        echo "ok - $name"
        if [ -n "${VERBOSE:-}" ]; then sed 's/^/    /' "$work/out" | tail -20; fi
    else
        FAILED=$((FAILED + 1))
        echo "not ok - $name"
        sed 's/^/    /' "$work/out" | tail -20
    fi
}

# installed [NAME=VALUE...] ARGUMENTS...: the installed binary, from /, with a home of its own and
# none of the variables that would point it elsewhere (but the NAME=VALUE given).
installed() {
    local argv
    installed_argv "$@"
    (cd / && exec "${argv[@]}")
}

# installed_argv [NAME=VALUE...] ARGUMENTS...: sets argv to that command line.
installed_argv() {
    local assignments=()
    while [[ ${1:-} =~ ^[A-Z_]+= ]]; do
        assignments+=("$1")
        shift
    done
    argv=(env -u EDULINK_BIN -u EDULINK_DB -u EDULINK_SERVER -u EDULINK_THEME -u NO_COLOR
        HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
        XDG_STATE_HOME="$work/home/.local/state" "${assignments[@]}" "$prefix/bin/edulink" "$@")
}

install_into_prefix() {
    scripts/install.sh --from "$build" "$prefix" && [ -L "$prefix/bin/edulink" ] && [ -x "$lib/edulink" ]
}

version_runs() {
    local version
    version=$(installed --version) && echo "$version" && [ "$version" = "$("$build/edulink" --version)" ]
}

nothing_left_behind() {
    ls -A "$prefix/lib"
    [ "$(ls -A "$prefix/lib")" = edulink ]
}

# demo_loads NAME: a demo database NAME.sqlite, searched.
demo_loads() {
    installed demo --db "$work/$1.sqlite" && installed internships search --db "$work/$1.sqlite" data remote:yes
}

# Without the installed bundle's dataset, demo fails naming the installed file: the data come
# from PREFIX/lib/edulink, not from this checkout's data/.
demo_reads_the_installed_bundle() {
    local dataset=$lib/Edulink_EdulinkDemo.resources/data/demo-dataset.json status=0
    mv "$dataset" "$dataset.away"
    installed demo --db "$work/demo-without-data.sqlite" && status=1
    mv "$dataset.away" "$dataset"
    grep -F "looked in $dataset" "$work/out" >/dev/null || status=1
    return "$status"
}

# doctor's configuration check names the theme it loaded.
theme_found() {
    installed EDULINK_THEME="$1" doctor --db "$work/demo.sqlite" --json >"$work/doctor.json"
    python3 - "$work/doctor.json" "$1" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
summary = next(check["summary"] for check in report["checks"] if check["name"] == "configuration")
print(summary)
sys.exit(0 if "theme ok" in summary else 1)
EOF
}

shipped_themes_found() {
    local theme
    for theme in default light solarized-dark high-contrast mono; do
        theme_found "$theme" || return 1
    done
}

# A theme only the installed bundle has is found: the bundle beside the binary is the themes folder
# in use, not this checkout's themes/.
themes_come_from_the_installed_bundle() {
    local themes=$lib/Edulink_TerminalKit.resources/themes status=0
    [ ! -e "$root/themes/install-check.toml" ] || return 1
    cp "$themes/light.toml" "$themes/install-check.toml"
    theme_found install-check || status=1
    rm -f "$themes/install-check.toml"
    return "$status"
}

# serve answers /openapi.yaml from the EdulinkAPI bundle.
serve_has_its_openapi_document() {
    local argv
    installed_argv serve --db "$work/demo.sqlite" --port 0 --state-dir "$work/state"
    (cd / && exec "${argv[@]}" 2>"$work/serve.log") &
    server_pid=$!
    local address="" deadline=$((SECONDS + 30))
    while [ -z "$address" ] && [ $SECONDS -le $deadline ] && kill -0 "$server_pid" 2>/dev/null; do
        sleep 0.2
        address=$(sed -nE 's/.*"address":"(http:[^"]*)".*/\1/p' "$work/serve.log" | head -1)
    done
    [ -n "$address" ] || {
        cat "$work/serve.log"
        return 1
    }
    python3 - "$address" <<'EOF'
import sys, urllib.request
base = sys.argv[1]
document = urllib.request.urlopen(base + "/openapi.yaml", timeout=10).read().decode()
print(document.splitlines()[0])
assert document.startswith("openapi: 3.1"), "not the OpenAPI document"
assert urllib.request.urlopen(base + "/healthz", timeout=10).status == 200
EOF
    local status=$?
    kill "$server_pid" && wait "$server_pid"
    server_pid=
    return "$status"
}

man_page=$prefix/share/man/man1/edulink.1

man_renders() {
    MANWIDTH=80 man -l "$man_page" >"$work/man.txt" 2>"$work/man.err"
    cat "$work/man.err"
    [ ! -s "$work/man.err" ] && grep -q "^EDULINK(1)" "$work/man.txt" && grep -q "^EXIT STATUS" "$work/man.txt"
}

groff_has_no_warnings() {
    local warnings
    warnings=$(groff -man -Tutf8 -ww -z "$man_page" 2>&1)
    echo "$warnings"
    [ -z "$warnings" ]
}

# Every command the binary defines (hidden ones and help aside) has its section in the page.
man_covers_every_command() {
    installed --experimental-dump-help >"$work/help.json" || return 1
    python3 - "$work/help.json" "$work/man.txt" <<'EOF'
import json, sys
page = open(sys.argv[2]).read()
def paths(command, prefix):
    for sub in command.get("subcommands", []):
        if sub.get("shouldDisplay", True) and sub["commandName"] != "help":
            path = prefix + [sub["commandName"]]
            yield " ".join(path)
            yield from paths(sub, path)
commands = list(paths(json.load(open(sys.argv[1]))["command"], ["edulink"]))
missing = [name for name in commands if "   " + name + "\n" not in page]
print(len(commands), "commands;", "missing:", missing or "none")
sys.exit(1 if missing or len(commands) < 20 else 0)
EOF
}

man_finds_it_on_the_prefix() {
    MANPATH=$prefix/share/man man -w edulink | grep -qF "$man_page"
}

bash_loads_completions() {
    bash -c 'source "$1" && complete -p edulink' _ "$prefix/share/bash-completion/completions/edulink" |
        grep -F -- "-F _edulink edulink"
}

bash_completes_commands() {
    bash -c '
        source "$1"
        COMP_WORDS=(edulink db "") COMP_CWORD=2 COMP_LINE="edulink db " COMP_POINT=11
        _edulink edulink "" db
        printf "%s\n" "${COMPREPLY[@]}"' _ "$prefix/share/bash-completion/completions/edulink" >"$work/completions"
    cat "$work/completions"
    grep -qx backup "$work/completions" && grep -qx restore "$work/completions"
}

zsh_completions() {
    local file=$prefix/share/zsh/site-functions/_edulink
    [ -s "$file" ] && head -1 "$file" | grep -qx "#compdef edulink" || return 1
    if command -v zsh >/dev/null; then zsh -n "$file"; fi
}

fish_completions() {
    local file=$prefix/share/fish/vendor_completions.d/edulink.fish
    [ -s "$file" ] && grep -q "^complete -c 'edulink'" "$file" || return 1
    if command -v fish >/dev/null; then fish -n "$file"; fi
}

examples_installed() {
    grep -F "ExecStart=$prefix/bin/edulink serve" "$prefix/share/doc/edulink/edulink.service" &&
        [ -s "$prefix/share/doc/edulink/config.toml.example" ] && [ -s "$prefix/share/doc/edulink/edulink.cron" ]
}

# The example config has only keys the app knows, with good values: doctor, which reports every
# problem of config.toml, finds none, as it is and with `server` instead of `database`.
example_config_is_clean() {
    local config=$work/home/.config/edulink/config.toml status=0
    mkdir -p "$(dirname "$config")"
    cp contrib/config.toml.example "$config"
    theme_found default || status=1
    sed -e 's/^database = /# database = /' -e 's/^# server = /server = /' contrib/config.toml.example >"$config"
    grep -q '^server = ' "$config" && theme_found default || status=1
    rm -f "$config"
    return "$status"
}

refuses_a_prefix_it_cannot_write() {
    touch "$work/not-a-folder"
    ! scripts/install.sh --from "$build" "$work/not-a-folder/prefix" && grep -q "cannot write to" "$work/out"
}

uninstall_removes_everything() {
    scripts/install.sh --uninstall "$prefix" || return 1
    find "$prefix" -name '*edulink*'
    [ -z "$(find "$prefix" -name '*edulink*')" ]
}

check "install.sh installs the build into a temporary prefix" install_into_prefix
check "the installed binary runs (--version, through PREFIX/bin)" version_runs
check "demo creates a database from the installed demo data (run from /, fresh HOME)" demo_loads demo
check "the demo data are read from PREFIX/lib/edulink" demo_reads_the_installed_bundle
check "the five shipped themes are found (doctor)" shipped_themes_found
check "the themes are read from PREFIX/lib/edulink" themes_come_from_the_installed_bundle
check "serve answers /openapi.yaml from the installed bundle" serve_has_its_openapi_document
check "man -l renders the page without a message" man_renders
check "groff -ww finds nothing to warn about" groff_has_no_warnings
check "the man page has a section for every command" man_covers_every_command
check "man finds the page in PREFIX/share/man" man_finds_it_on_the_prefix
check "bash loads the completions" bash_loads_completions
check "bash completes 'edulink db <Tab>'" bash_completes_commands
check "the zsh completions are installed" zsh_completions
check "the fish completions are installed" fish_completions
check "the unit, cron file and config example are installed for this PREFIX" examples_installed
check "config.toml.example has only keys edulink knows" example_config_is_clean
check "installing again replaces the install" install_into_prefix
check "nothing of the previous install is left in PREFIX/lib" nothing_left_behind
check "the new install works (demo from /, fresh HOME)" demo_loads demo-again
check "a PREFIX it cannot write is refused with a message" refuses_a_prefix_it_cannot_write
check "--uninstall removes everything it installed" uninstall_removes_everything

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
