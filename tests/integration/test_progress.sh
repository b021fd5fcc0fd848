#!/usr/bin/env bash
# Progress on long runs: on stderr when it is a terminal, never on stdout,
# never with --quiet, never when stderr is not a terminal.
source "$(dirname "$0")/lib.sh"

start_mock --participants 30
W=85000000000
seq 20000001 20000030 >"$TEST_TMP/ids"

# 30 participants at 10 requests a second: about 3 s, long enough to show.
ZOOMQOS_STDIN="$TEST_TMP/ids" run_zoomqos_tty get "$W" - --type past -o ndjson --rate 10
expect_exit 0
expect_stderr_contains "/30 participants, "
expect_stderr_contains "/s, ETA "
check "all 30 participants on stdout" test "$(jq -r .participant_id "$OUT" | sort -u | wc -l)" -eq 30
expect_stdout_not_contains "ETA"
check "no carriage return on stdout" test "$(tr -cd '\r' <"$OUT" | wc -c)" -eq 0

ZOOMQOS_STDIN="$TEST_TMP/ids" run_zoomqos_tty get "$W" - --type past -o ndjson --rate 10 --quiet
expect_exit 0
expect_stderr_not_contains "participants, "

# list shows it too
ZOOMQOS_STDIN="$TEST_TMP/ids" run_zoomqos_tty list "$W" --type past -o ndjson --page-size 1 --rate 10 --limit 20
expect_exit 0
expect_stderr_contains "/20 participants, "

# one participant: a 429's pause is said, not silent, and erased before the data
mock_faults '{"status": 429, "headers": {"Retry-After": "1"}}'
run_zoomqos_tty get "$W" 20000001 --type past -o ndjson
expect_exit 0
expect_stderr_contains "rate limited, waiting 1 s"
check "the participant on stdout" test "$(jq -r .participant_id "$OUT" | sort -u)" = 20000001
expect_stdout_not_contains "rate limited"
mock_faults '{"status": 429, "headers": {"Retry-After": "1"}}'
run_zoomqos_tty get "$W" 20000001 --type past -o ndjson -q
expect_exit 0
expect_stderr_not_contains "rate limited"

# stderr not a terminal: nothing
ZOOMQOS_STDIN="$TEST_TMP/ids" run_zoomqos get "$W" - --type past -o ndjson --rate 10
expect_exit 0
expect_stderr_not_contains "participants, "
check "stderr is empty" test ! -s "$ERR"

finish
