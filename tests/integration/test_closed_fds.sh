#!/usr/bin/env bash
# Standard streams closed at start (`>&-`, `2>&-`, `<&-`): zoomqos never
# writes into a socket that took their number. A closed stdout is a broken
# pipe (exit 141, nothing written); a closed stderr or stdin changes nothing else.
source "$(dirname "$0")/lib.sh"

start_mock
W=81234567890
P=16778240

run_closed() { # REDIRECTION ARGS...: like run_zoomqos, with fds closed by REDIRECTION
    local redirection=$1
    shift
    LAST_CMD="zoomqos $* $redirection"
    LAST_EXIT=0
    case $redirection in
    '>&-') timeout 30 "$ZOOMQOS" "$@" 2>"$ERR" </dev/null >&- || LAST_EXIT=$? ;;
    '2>&-') timeout 30 "$ZOOMQOS" "$@" >"$OUT" </dev/null 2>&- || LAST_EXIT=$? ;;
    '<&-') timeout 30 "$ZOOMQOS" "$@" >"$OUT" 2>"$ERR" <&- || LAST_EXIT=$? ;;
    '>&- 2>&- <&-') timeout 30 "$ZOOMQOS" "$@" >&- 2>&- <&- || LAST_EXIT=$? ;;
    *) fail "run_closed: unknown redirection $redirection" ;;
    esac
}

# --- stdout closed: a broken pipe, whatever the format
for format in json table csv raw; do
    mock_reset
    : >"$ERR"
    run_closed '>&-' get "$W" "$P" --type past -o "$format"
    expect_exit 141
    check "$format: nothing on stderr" test ! -s "$ERR"
    expect_requests 1
done
mock_reset
run_closed '>&- 2>&- <&-' get "$W" "$P" --type past -o json
expect_exit 141
expect_requests 1

# --- stderr closed: the output is whole, the exit code unchanged
mock_reset
run_closed '2>&-' get "$W" "$P" --type past -o json
expect_exit 0
check "stdout is the participant's JSON" jq -e .user_name "$OUT"
expect_requests 1
mock_reset
run_closed '2>&-' get "$W" 99999999 --type past -o json
expect_exit 4
check "nothing on stdout" test ! -s "$OUT"
expect_requests 1

# --- stdin closed: reading participants from '-' sees no input
mock_reset
run_closed '<&-' get "$W" "$P" --type past -o json
expect_exit 0
check "stdout is the participant's JSON" jq -e .user_name "$OUT"

finish
