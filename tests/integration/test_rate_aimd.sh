#!/usr/bin/env bash
# Repeated per-second 429s (X-RateLimit-Type: QPS) lower the run's rate
# (halve, then grow back: AIMD) and -v says where it settled; on a terminal
# the progress line says "rate limited, waiting N s" during a 429's pause.
# The mock admits 2 requests a second; the run asks for 10.
source "$(dirname "$0")/lib.sh"

start_mock --participants 16 --rate-limit 2
W=85000000000
seq 20000001 20000016 >"$TEST_TMP/ids"

ZOOMQOS_STDIN="$TEST_TMP/ids" run_zoomqos get "$W" - --type past -o ndjson --rate 10 --retries 10 -v
expect_exit 0
check "all 16 participants" test "$(jq -r .participant_id "$OUT" | sort -u | wc -l)" -eq 16
expect_stderr_contains "after repeated per-second 429s, settled at "
check "the rate was lowered below 10" grep -qE -- '--rate 10 lowered [0-9]+ times? after repeated per-second 429s, settled at ([0-9]|[0-9]\.[0-9]+) requests/s' "$ERR"

# The same on a terminal: the pause shows on the progress line.
mock_reset
ZOOMQOS_STDIN="$TEST_TMP/ids" TTY_TIMEOUT=60 run_zoomqos_tty get "$W" - --type past -o ndjson --rate 10 --retries 10
expect_exit 0
expect_stderr_contains "rate limited, waiting 1 s"
expect_stdout_not_contains "rate limited"

# Without a terminal: no progress line, only the data.
mock_reset
ZOOMQOS_STDIN="$TEST_TMP/ids" run_zoomqos get "$W" - --type past -o ndjson --rate 10 --retries 10
expect_exit 0
expect_stderr_not_contains "rate limited, waiting"

finish
