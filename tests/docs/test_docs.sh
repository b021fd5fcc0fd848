#!/usr/bin/env bash
# The man page must know every command and option that `--help` shows, and
# both completion scripts (which ask the binary) must offer exactly those.
set -euo pipefail
zoomqos=${ZOOMQOS:?path of the zoomqos binary}
root=$(cd "$(dirname "$0")/../.." && pwd)
failures=0
checks=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# Subcommands from the top-level help ("Subcommands:" section, one per line).
commands=$("$zoomqos" --help | awk '/^Subcommands:/ {s = 1; next} s && !NF {exit} s {print $1}')
[[ -n $commands ]] || fail "no subcommands found in zoomqos --help"

man_text=$(sed 's/\\-/-/g' "$root/docs/zoomqos.1")

# The bash completion, sourced, asks zoomqos itself (`zoomqos __complete`);
# COMP_WORDS[0] is the binary under test.
# shellcheck source=/dev/null
source "$root/completions/zoomqos.bash"
complete_words() { # words after "zoomqos"... -> completions of the last word
    COMP_WORDS=("$zoomqos" "$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _zoomqos
    ((${#COMPREPLY[@]} == 0)) || printf '%s\n' "${COMPREPLY[@]}"
}
expect_completion() { # expected -- words after "zoomqos"...
    local expected=$1
    shift 2
    local got
    got=$(complete_words "$@" | sort | tr '\n' ' ')
    checks=$((checks + 1))
    [[ $got == "$expected" ]] || fail "bash completing 'zoomqos $*': expected '$expected', got '$got'"
}

# zsh, when installed: the completion function runs in a real zsh with the
# completion system's builtins replaced by ones that print what they are given.
zsh_completion() { # words after "zoomqos"... -> completions of the last word
    local words=("$zoomqos" "$@")
    zsh -f -c '
        _describe() { local -a offered; offered=("${(@P)${@[-1]}}"); print -rl -- "${offered[@]%%:*}"; }
        _files() { print -r -- "(files)"; }
        source "$1"
        shift
        words=("$@"); CURRENT=$#
        _zoomqos' zsh "$root/completions/_zoomqos" "${words[@]}" 2>&1
}
expect_zsh_completion() { # expected -- words after "zoomqos"...
    local expected=$1
    shift 2
    local got
    got=$(zsh_completion "$@" | sed 's/\\:/:/g' | sort | tr '\n' ' ')
    checks=$((checks + 1))
    [[ $got == "$expected" ]] || fail "zsh completing 'zoomqos $*': expected '$expected', got '$got'"
}
have_zsh=false
command -v zsh >/dev/null && have_zsh=true

# Every command path (`get`, `auth status`, ...) as `--help` lists them.
subcommands_of() { # command words... -> their subcommands
    "$zoomqos" "$@" --help | awk '/^Subcommands:/ {s = 1; next} s && !NF {exit} s {print $1}'
}
paths=()
for command in $commands; do
    paths+=("$command")
    for sub in $(subcommands_of "$command"); do
        paths+=("$command $sub")
    done
done

top_level=$(printf '%s\n' $commands | sort | tr '\n' ' ')
expect_completion "$top_level" -- ""
$have_zsh && expect_zsh_completion "$top_level" -- ""

for path in "${paths[@]}"; do
    read -r -a words <<<"$path"
    checks=$((checks + 1))
    grep -qw -- "${words[-1]}" <<<"$man_text" || fail "man page lacks command '$path'"
    help=$("$zoomqos" "${words[@]}" --help)
    # Options are the -x / --long-name words of the option list; the examples
    # in the footer hold other programs' options (cut -f1, jq -c).
    option_list=$(awk '/^Options:/ { listing = 1; next } listing && /^[^ ]/ { exit } listing' <<<"$help")
    options=$(grep -oE '(^|[ ,])--?[a-zA-Z][a-zA-Z0-9-]*' <<<"$option_list" | sed 's/^[ ,]//' | sort -u)
    offered=$(complete_words "${words[@]}" - | sort -u)
    $have_zsh && zsh_offered=$(zsh_completion "${words[@]}" - | sort -u)
    for option in $options; do
        checks=$((checks + 1))
        grep -qE -- "(^|[^a-zA-Z0-9-])$option([^a-zA-Z0-9-]|$)" <<<"$man_text" ||
            fail "man page lacks '$option' of 'zoomqos $path'"
        grep -qxF -- "$option" <<<"$offered" || fail "bash completion lacks '$option' of 'zoomqos $path'"
        if $have_zsh; then
            grep -qxF -- "$option" <<<"$zsh_offered" || fail "zsh completion lacks '$option' of 'zoomqos $path'"
        fi
    done
    # Nothing offered that --help does not show.
    for word in $offered; do
        checks=$((checks + 1))
        grep -qxF -- "$word" <<<"$options" || fail "bash completion offers '$word' that 'zoomqos $path --help' lacks"
    done
    # A command with subcommands offers exactly those.
    subs=$(subcommands_of "${words[@]}" | sort | tr '\n' ' ')
    if [[ -n $subs ]]; then
        expect_completion "$subs" -- "${words[@]}" ""
        $have_zsh && expect_zsh_completion "$subs" -- "${words[@]}" ""
    fi
    for variable in $(grep -oE 'Env:[A-Z_]+' <<<"$help" | cut -d: -f2 | sort -u); do
        checks=$((checks + 1))
        grep -qw -- "$variable" <<<"$man_text" || fail "man page lacks environment variable $variable"
    done
done

# Values: fixed sets from the command's own definition, files for paths,
# nothing for free values; options that take a value swallow the next word.
expect_completion "get " -- g
expect_completion "status " -- auth st
expect_completion "show " -- config ""
expect_completion "live past " -- get 1 2 --type ""
expect_completion "past " -- get --type p
expect_completion "csv " -- get 1 2 -o c
expect_completion "csv json ndjson raw table " -- get 1 2 --output ""
expect_completion "json table " -- auth status -o ""
expect_completion "--meeting " -- get 1 2 --me
expect_completion "--type " -- get --type past 1 2 --ty
expect_completion "" -- get 1 2 --rate ""
expect_completion "csv json ndjson raw table " -- list 1 -o ""
expect_completion "--meeting " -- report 1 --mee
scratch=$(mktemp -d)
touch "$scratch/zoomqos-config.toml"
expect_completion "$scratch/zoomqos-config.toml " -- get --config "$scratch/zoomqos-c"
touch "$scratch/qos.html"
expect_completion "$scratch/qos.html " -- report 1 -o "$scratch/qos"
rm -rf "$scratch"
if $have_zsh; then
    expect_zsh_completion "status " -- auth st
    expect_zsh_completion "json table " -- auth status -o ""
    expect_zsh_completion "(files) " -- get --config ""
    expect_zsh_completion "--meeting " -- get 1 2 --me
else
    echo "skip: zsh is not installed (scripts/install-deps.sh installs it)"
fi

if ((failures > 0)); then
    echo "$failures of $checks checks failed" >&2
    exit 1
fi
echo "ok: $checks checks"
