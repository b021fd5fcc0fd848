#!/usr/bin/env bash
# Many participants against a rate-limited mock: paced under the limit, no
# 429 at all; paced at it, no failed participant (a request that arrives a
# millisecond early in the mock's one-second window may still get a 429,
# and is retried); paced at twice the limit, the 429s are retried after a
# pause every request shares, and still none fails.
source "$(dirname "$0")/lib.sh"

start_mock --participants 100 --rate-limit 20
W=85000000000
seq 20000001 20000100 >"$TEST_TMP/ids"

stat() { _curl --fail "$MOCK_ROOT/_mock/stats" | jq ".$1"; }

# --- under the limit: every participant, no 429
ZOOMQOS_STDIN="$TEST_TMP/ids" run_zoomqos get "$W" - --type past -o ndjson --rate 18 --concurrency 8 -v
expect_exit 0
check "all 100 participants printed" test "$(jq -r .participant_id "$OUT" | sort -u | wc -l)" -eq 100
expect_stderr_not_contains "error"
check "100 requests" test "$(stat requests)" -eq 100
check "no 429 sent" test "$(stat rate_limited)" -eq 0
expect_stderr_contains "100 requests, 0 retries, 0 rate limited (HTTP 429)"

# --- at the limit: every participant
mock_reset
ZOOMQOS_STDIN="$TEST_TMP/ids" run_zoomqos get "$W" - --type past -o ndjson --rate 20 --concurrency 8
expect_exit 0
check "all 100 participants printed" test "$(jq -r .participant_id "$OUT" | sort -u | wc -l)" -eq 100
check "each 429 (if any) was retried" test "$(stat requests)" -eq $((100 + $(stat rate_limited)))

# --- twice the limit: 429s come back, are waited out together and retried
mock_reset
ZOOMQOS_STDIN="$TEST_TMP/ids" run_zoomqos get "$W" - --type past -o json --rate 40 --concurrency 8 -v
expect_exit 0
expect_stdout_jq 'length == 100 and ([.[].id] | unique | length) == 100'
sent=$(stat rate_limited)
check "the mock sent 429s ($sent)" test "$sent" -gt 0
expect_stderr_contains "rate limited (HTTP 429)"
seen=$(grep -o '[0-9]* rate limited (HTTP 429)' "$ERR" | cut -d' ' -f1)
check "zoomqos counted each 429 the mock sent ($seen of $sent)" test "$seen" -eq "$sent"
check "every 429 was retried" test "$(stat requests)" -eq $((100 + sent))

finish
