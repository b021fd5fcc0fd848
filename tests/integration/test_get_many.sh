#!/usr/bin/env bash
# `zoomqos get W P1 P2 ...` and `zoomqos get W -`: many participants fetched
# concurrently; output order, stdin IDs, one failure among successes.
source "$(dirname "$0")/lib.sh"

start_mock
W=81234567890
ZOE=16778240
TANAKA=16779264
ROOM=16780288

# --- JSON: an array in input order, whatever order the answers came in
run_zoomqos get "$W" "$ROOM" "$ZOE" "$TANAKA" --type past -o json
expect_exit 0
expect_requests 3
expect_stdout_jq '[.[].user_name] == ["Boardroom 4 (H.323)", "Zoë Åkesson", "田中 太郎"]'

# --- NDJSON and CSV rows name their participant
run_zoomqos get "$W" "$ZOE" "$TANAKA" --type past -o ndjson
expect_exit 0
check "rows of both participants" test "$(jq -r .participant_id "$OUT" | sort -u | tr '\n' ' ')" = "$ZOE $TANAKA "
run_zoomqos get "$W" "$ZOE" "$TANAKA" --type past -o csv
expect_exit 0
check "one CSV header" test "$(grep -c '^event_id,participant_id,' "$OUT")" -eq 1
check "rows of both" test "$(cut -d, -f2 "$OUT" | sort -u | grep -c '^1677')" -eq 2

# --- table: one section per participant, in input order
run_zoomqos get "$W" "$TANAKA" "$ZOE" --type past
expect_exit 0
first=$(grep -n -m1 '田中 太郎' "$OUT" | cut -d: -f1)
second=$(grep -n -m1 'Zoë Åkesson' "$OUT" | cut -d: -f1)
check "sections in input order" test "$first" -lt "$second"

# --- stdin: comments, blank lines and spaces skipped
printf '# the complainers\n%s\n\n   \n  %s  \r\n#%s\n' "$ZOE" "$TANAKA" "$ROOM" >"$TEST_TMP/ids"
mock_reset
ZOOMQOS_STDIN="$TEST_TMP/ids" run_zoomqos get "$W" - --type past -o json
expect_exit 0
expect_requests 2
expect_stdout_jq '[.[].id] | length == 2'
expect_stdout_jq '[.[].user_name] == ["Zoë Åkesson", "田中 太郎"]'
printf '# nothing\n\n' >"$TEST_TMP/none"
ZOOMQOS_STDIN="$TEST_TMP/none" run_zoomqos get "$W" - --type past
expect_exit 2
expect_stderr_contains "no participant IDs"
run_zoomqos get "$W" - - --type past
expect_exit 2
expect_stderr_contains "given twice"
run_zoomqos get "$W" "$ZOE" "" --type past
expect_exit 2
expect_stderr_contains "participant ID is empty"

# --- one bad ID among good ones: the rest are printed, the exit code is the
# failure's, and its error names it
run_zoomqos get "$W" "$ZOE" 999 "$TANAKA" --type past -o ndjson
expect_exit 4
expect_stderr_contains "participant 999: "
check "the good ones printed" test "$(jq -r .participant_id "$OUT" | sort -u | tr '\n' ' ')" = "$ZOE $TANAKA "
run_zoomqos get "$W" "$ZOE" 999 "$TANAKA" --type past -o json
expect_exit 4
expect_stdout_jq 'length == 2'
check "the error is said once" test "$(grep -c 'participant 999' "$ERR")" -eq 1

# The first failure in input order decides the exit code: 404 (4) before a
# 401 (3) that came back first.
mock_faults '[{"status": 401, "body": "{\"code\":124,\"message\":\"Invalid access token.\"}", "delay": 0}]'
run_zoomqos get "$W" "$ZOE" 999 --type past -o json --concurrency 1
expect_exit 3
run_zoomqos get "$W" 999 "$ZOE" --type past -o json --concurrency 1
expect_exit 4

# --- a daily-limit 429 ends the run: the participants not yet requested are
# not sent, and are told about once, not one error each
mock_faults '{"status": 429, "headers": {"X-RateLimit-Type": "Daily-limit", "Retry-After": "2030-01-01T00:00:00Z"}, "count": "forever"}'
run_zoomqos get "$W" "$ZOE" "$TANAKA" "$ROOM" 16781312 --type past -o ndjson --concurrency 1
expect_exit 5
expect_requests 1
expect_stderr_contains "participant $ZOE: rate limit reached"
expect_stderr_contains "3 of 4 participants not requested"
check "one error line per cause" test "$(grep -c '^zoomqos: error:' "$ERR")" -eq 2
mock_faults '[]'

# --- options that need one participant, and option ranges
run_zoomqos get "$W" "$ZOE" "$TANAKA" --type past -o raw
expect_exit 2
expect_stderr_contains "-o raw"
run_zoomqos get "$W" "$ZOE" "$TANAKA" --watch 5
expect_exit 2
expect_stderr_contains "--watch"
for bad in 0 33 -1 x; do
    run_zoomqos get "$W" "$ZOE" "$TANAKA" --type past --concurrency "$bad"
    expect_exit 2
    expect_stderr_contains "--concurrency"
done
for bad in 0 -5 1e9 nope; do
    run_zoomqos get "$W" "$ZOE" --type past --rate "$bad"
    expect_exit 2
    expect_stderr_contains "--rate"
done

# --- --fail-on over many: breaches are named per participant, exit 8
run_zoomqos get "$W" "$ZOE" "$TANAKA" --type past --fail-on 'latency>150' -o ndjson
expect_exit 8
expect_stderr_contains "breach: participant $ZOE (Zoë Åkesson): latency>150"
expect_stderr_contains "1 of 2 participants with data breached"

# --- -v ends with what the run did
run_zoomqos get "$W" "$ZOE" "$TANAKA" --type past -o json -v
expect_exit 0
expect_stderr_contains "2 requests, 0 retries, 0 rate limited (HTTP 429)"

finish
