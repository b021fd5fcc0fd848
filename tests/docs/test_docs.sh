#!/usr/bin/env bash
# The man page and both completion files must know every command and option
# that `--help` shows, so that they cannot drift from the binary.
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
bash_text=$(cat "$root/completions/zoomqos.bash")
zsh_text=$(cat "$root/completions/_zoomqos")

for command in $commands; do
    checks=$((checks + 1))
    grep -qw -- "$command" <<<"$man_text" || fail "man page lacks command '$command'"
    grep -qw -- "$command" <<<"$bash_text" || fail "bash completion lacks command '$command'"
    grep -qw -- "$command" <<<"$zsh_text" || fail "zsh completion lacks command '$command'"
    help=$("$zoomqos" "$command" --help)
    # Options are the -x / --long-name words of the option list; the examples
    # in the footer hold other programs' options (cut -f1, jq -c).
    option_list=$(awk '/^Options:/ { listing = 1; next } listing && /^[^ ]/ { exit } listing' <<<"$help")
    options=$(grep -oE '(^|[ ,])--?[a-zA-Z][a-zA-Z0-9-]*' <<<"$option_list" | sed 's/^[ ,]//' | sort -u)
    for option in $options; do
        checks=$((checks + 1))
        grep -qE -- "(^|[^a-zA-Z0-9-])$option([^a-zA-Z0-9-]|$)" <<<"$man_text" ||
            fail "man page lacks '$option' of 'zoomqos $command'"
        grep -qE -- "(^|[^a-zA-Z0-9-])$option([^a-zA-Z0-9-]|$)" <<<"$bash_text" ||
            fail "bash completion lacks '$option' of 'zoomqos $command'"
        grep -qE -- "(^|[^a-zA-Z0-9-])$option([^a-zA-Z0-9-]|$)" <<<"$zsh_text" ||
            fail "zsh completion lacks '$option' of 'zoomqos $command'"
    done
    for variable in $(grep -oE 'Env:[A-Z_]+' <<<"$help" | cut -d: -f2 | sort -u); do
        checks=$((checks + 1))
        grep -qw -- "$variable" <<<"$man_text" || fail "man page lacks environment variable $variable"
    done
done

# The bash completion, sourced, completes commands, options and values.
complete_words() { # words... -> completions of the last word
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _zoomqos
    printf '%s\n' "${COMPREPLY[@]}"
}
# shellcheck source=/dev/null
source "$root/completions/zoomqos.bash"
expect_completion() { # expected -- words...
    local expected=$1
    shift 2
    local got
    got=$(complete_words "$@" | sort | tr '\n' ' ')
    checks=$((checks + 1))
    [[ $got == "$expected" ]] || fail "completing '$*': expected '$expected', got '$got'"
}
expect_completion "get " -- zoomqos g
expect_completion "live past " -- zoomqos get 1 2 --type ""
expect_completion "past " -- zoomqos get --type p
expect_completion "csv " -- zoomqos get 1 2 -o c
expect_completion "csv json ndjson raw table " -- zoomqos get 1 2 --output ""
expect_completion "--meeting " -- zoomqos get 1 2 --me
expect_completion "--type " -- zoomqos get --type past 1 2 --ty
expect_completion "csv json ndjson raw table " -- zoomqos list 1 -o ""
expect_completion "--meeting " -- zoomqos report 1 --mee

if ((failures > 0)); then
    echo "$failures of $checks checks failed" >&2
    exit 1
fi
echo "ok: $checks checks"
