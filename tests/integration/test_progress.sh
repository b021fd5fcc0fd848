#!/usr/bin/env bash
# Progress on long runs: on stderr when it is a terminal, never on stdout,
# never with --quiet, never when stderr is not a terminal.
source "$(dirname "$0")/lib.sh"

command -v script >/dev/null || fail "this test needs script(1) (util-linux)"

start_mock --participants 30
W=85000000000
seq 20000001 20000030 >"$TEST_TMP/ids"

# on_tty FILE ARGS...: runs zoomqos with stderr on a pseudo-terminal (what
# script(1) records goes to $TEST_TMP/tty) and stdout into FILE.
on_tty() {
    local out=$1
    shift
    local command
    command="$(printf '%q ' "$ZOOMQOS" "$@") <$(printf '%q' "$TEST_TMP/ids") >$(printf '%q' "$out")"
    LAST_CMD="script -qec '$command' /dev/null"
    LAST_EXIT=0
    timeout 30 script -qec "$command" /dev/null >"$TEST_TMP/tty" 2>&1 || LAST_EXIT=$?
    cp "$TEST_TMP/tty" "$ERR"
    cp "$out" "$OUT"
}

# 30 participants at 10 requests a second: about 3 s, long enough to show.
on_tty "$TEST_TMP/data" get "$W" - --type past -o ndjson --rate 10
expect_exit 0
expect_stderr_contains "/30 participants, "
expect_stderr_contains "/s, ETA "
check "all 30 participants on stdout" test "$(jq -r .participant_id "$OUT" | sort -u | wc -l)" -eq 30
expect_stdout_not_contains "ETA"
check "no carriage return on stdout" test "$(tr -cd '\r' <"$OUT" | wc -c)" -eq 0

on_tty "$TEST_TMP/quiet" get "$W" - --type past -o ndjson --rate 10 --quiet
expect_exit 0
expect_stderr_not_contains "participants, "

# list shows it too
on_tty "$TEST_TMP/list" list "$W" --type past -o ndjson --page-size 1 --rate 10 --limit 20
expect_exit 0
expect_stderr_contains "/20 participants, "

# stderr not a terminal: nothing
ZOOMQOS_STDIN="$TEST_TMP/ids" run_zoomqos get "$W" - --type past -o ndjson --rate 10
expect_exit 0
expect_stderr_not_contains "participants, "
check "stderr is empty" test ! -s "$ERR"

finish
