#!/usr/bin/env bash
# Installs edulink under PREFIX (default /usr/local): the binary and its resource bundles in
# PREFIX/lib/edulink/ (the binary finds its themes and demo data beside itself), a PREFIX/bin/edulink
# link to it, shell completions for bash, zsh and fish, the man page edulink(1) generated from the
# command definitions, and the examples of contrib/ in PREFIX/share/doc/edulink/.
#
#   scripts/install.sh [--debug | --from DIR] [PREFIX]   build a release (or take a build) and install
#   scripts/install.sh --uninstall [PREFIX]              remove what an install put there
#
# A release build goes to .build-release (about a quarter of an hour from scratch). --debug (or
# EDULINK_INSTALL_BUILD=debug) installs the debug build already in .build/debug without building;
# --from DIR installs the build in DIR. Installing again replaces the previous install.
set -euo pipefail

usage() {
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
}

fail() {
    echo "install.sh: $*" >&2
    exit 1
}

mode=${EDULINK_INSTALL_BUILD:-release}
from=
action=install
prefix=
while [ $# -gt 0 ]; do
    case "$1" in
        --debug) mode=debug ;;
        --release) mode=release ;;
        --from)
            [ $# -ge 2 ] || fail "--from needs a folder"
            from=$2
            shift
            ;;
        --from=*) from=${1#--from=} ;;
        --uninstall) action=uninstall ;;
        -h | --help)
            usage
            exit 0
            ;;
        -*)
            usage >&2
            echo "install.sh: unknown option $1" >&2
            exit 64
            ;;
        *)
            [ -z "$prefix" ] || {
                echo "install.sh: one PREFIX only (got $prefix and $1)" >&2
                exit 64
            }
            prefix=$1
            ;;
    esac
    shift
done
case "$mode" in
    release | debug) ;;
    *) fail "EDULINK_INSTALL_BUILD is '$mode'; use release or debug" ;;
esac
prefix=${prefix:-/usr/local}
prefix=${prefix%/}
[ -n "$prefix" ] || fail "PREFIX / is not supported; give a folder such as /usr/local or ~/.local"
case "$prefix" in
    /*) ;;
    *) prefix=$PWD/$prefix ;;
esac
if [ -n "$from" ]; then
    from=$(cd "$from" 2>/dev/null && pwd) || fail "--from: no folder $from"
fi

cd "$(dirname "$0")/.."
root=$PWD

lib=$prefix/lib/edulink
bin=$prefix/bin
man1=$prefix/share/man/man1
bash_completions=$prefix/share/bash-completion/completions
zsh_completions=$prefix/share/zsh/site-functions
fish_completions=$prefix/share/fish/vendor_completions.d
doc=$prefix/share/doc/edulink

# Every folder written must be writable, or creatable in its nearest existing parent: checked
# before a build of a quarter of an hour, not after it.
writable() {
    local folder=$1
    while [ ! -e "$folder" ]; do folder=$(dirname "$folder"); done
    [ -d "$folder" ] && [ -w "$folder" ]
}
for folder in "$prefix/lib" "$bin" "$man1" "$bash_completions" "$zsh_completions" "$fish_completions" "$doc"; do
    writable "$folder" || fail "cannot write to $folder (PREFIX $prefix): run it as a user who can (sudo scripts/install.sh), or give a PREFIX of yours such as ~/.local"
done

installed=()

if [ "$action" = uninstall ]; then
    if [ -L "$bin/edulink" ] && [ "$(readlink "$bin/edulink")" = ../lib/edulink/edulink ]; then
        rm -f "$bin/edulink"
        installed+=("$bin/edulink")
    fi
    for path in "$lib" "$man1/edulink.1" "$bash_completions/edulink" "$zsh_completions/_edulink" \
        "$fish_completions/edulink.fish" "$doc"; do
        if [ -e "$path" ]; then
            rm -rf "$path"
            installed+=("$path")
        fi
    done
    if [ ${#installed[@]} -eq 0 ]; then
        echo "install.sh: nothing of edulink's under $prefix"
    else
        echo "install.sh: removed"
        printf '  %s\n' "${installed[@]}"
    fi
    exit 0
fi

command -v python3 >/dev/null || fail "python3 is needed to write the man page"

# The build to install.
if [ -n "$from" ]; then
    build=$from
elif [ "$mode" = debug ]; then
    build=$root/.build/debug
else
    echo "install.sh: building a release (swift build -c release, in .build-release)"
    swift build -c release --product edulink --scratch-path .build-release
    build=$(swift build -c release --scratch-path .build-release --show-bin-path)
fi
[ -x "$build/edulink" ] || fail "no edulink binary in $build (build it first, or leave out --debug/--from to build a release)"
for bundle in Edulink_EdulinkDemo.resources Edulink_TerminalKit.resources; do
    [ -d "$build/$bundle" ] || fail "$build has no $bundle: the build is incomplete"
done

# The binary and its bundles are put together in a folder beside PREFIX/lib/edulink, then swapped
# in: a running `edulink serve` keeps the files it started with, and nothing of an older install
# (a bundle since renamed) stays behind.
mkdir -p "$prefix/lib"
stage=$(mktemp -d "$prefix/lib/.edulink-install.XXXXXX")
generated=$(mktemp -d)
trap 'rm -rf "$stage" "$generated"' EXIT
install -m 755 "$build/edulink" "$stage/edulink"
for bundle in "$build"/*.resources; do
    case "$(basename "$bundle")" in
        *Tests.resources) continue ;; # test targets' bundles
    esac
    cp -R "$bundle" "$stage/"
done
chmod -R u=rwX,go=rX "$stage"

# What the binary says about itself: the completions and the man page.
"$stage/edulink" --generate-completion-script bash >"$generated/edulink.bash"
"$stage/edulink" --generate-completion-script zsh >"$generated/_edulink"
"$stage/edulink" --generate-completion-script fish >"$generated/edulink.fish"
version=$("$stage/edulink" --version)
page_date=$(git -C "$root" log -1 --format=%cs 2>/dev/null || date +%F)
"$stage/edulink" --experimental-dump-help >"$generated/help.json"
python3 "$root/scripts/man-page.py" --version "$version" --date "$page_date" "$generated/help.json" \
    >"$generated/edulink.1"

if [ -e "$lib" ]; then
    old=$(mktemp -d "$prefix/lib/.edulink-old.XXXXXX")
    mv "$lib" "$old/"
    mv "$stage" "$lib"
    rm -rf "$old"
else
    mv "$stage" "$lib"
fi
installed+=("$lib/edulink" "$lib/"*.resources)

mkdir -p "$bin"
ln -sfn ../lib/edulink/edulink "$bin/edulink"
installed+=("$bin/edulink -> ../lib/edulink/edulink")

install -d "$man1" "$bash_completions" "$zsh_completions" "$fish_completions" "$doc"
install -m 644 "$generated/edulink.1" "$man1/edulink.1"
install -m 644 "$generated/edulink.bash" "$bash_completions/edulink"
install -m 644 "$generated/_edulink" "$zsh_completions/_edulink"
install -m 644 "$generated/edulink.fish" "$fish_completions/edulink.fish"
installed+=("$man1/edulink.1" "$bash_completions/edulink" "$zsh_completions/_edulink" "$fish_completions/edulink.fish")

# The examples, with the unit's paths pointing into this PREFIX.
sed "s|/usr/local/bin/edulink|$bin/edulink|g" contrib/edulink.service >"$doc/edulink.service"
sed "s|/usr/local/bin/edulink|$bin/edulink|g" contrib/edulink.cron >"$doc/edulink.cron"
install -m 644 contrib/config.toml.example "$doc/config.toml.example"
chmod 644 "$doc/edulink.service" "$doc/edulink.cron"
installed+=("$doc/edulink.service" "$doc/edulink.cron" "$doc/config.toml.example")

echo "install.sh: installed edulink $version from $build"
printf '  %s\n' "${installed[@]}"
case ":$PATH:" in
    *":$bin:"*) ;;
    *) echo "install.sh: $bin is not on your PATH" ;;
esac
