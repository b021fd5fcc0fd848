# bash completion for zoomqos                                  -*- shell-script -*-
# zoomqos itself answers: `zoomqos __complete WORD...` prints the candidates
# for the last word, computed from its own command definitions, so commands,
# options and option values can never drift from the binary.

_zoomqos() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local candidates
    candidates=$("${COMP_WORDS[0]}" __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null) || return
    if [[ $candidates == __files__ ]]; then
        COMPREPLY=($(compgen -f -- "$cur"))
        return
    fi
    # One "word<TAB>description" per line; bash shows the words only.
    local words
    words=$(cut -f1 <<<"$candidates")
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
}

complete -F _zoomqos zoomqos
