#!/usr/bin/env bash
# Fault matrix, bad answers: 5xx are retried (and end in exit 6), a 200 that
# is not a participant object is exit 7 and never retried.
source "$(dirname "$0")/lib.sh"

start_mock --quiet
W=81234567890
P=16778240

# --- 503 twice, then 200
mock_faults '{"status": 503, "count": 2}'
run_zoomqos get "$W" "$P" --type past -o json -v
expect_exit 0
expect_requests 3
expect_stderr_contains "after HTTP 503 (backoff)"
expect_stdout_jq '.id != null'

# --- 500 forever: exit 6 after --retries, the last attempt's error
mock_faults '{"status": 500, "count": "forever", "body": "{\"code\": 500, \"message\": \"Internal error.\"}"}'
run_zoomqos get "$W" "$P" --type past --retries 2
expect_exit 6
expect_requests 3
expect_stderr_contains "Zoom server error (HTTP 500, Zoom code 500)"
expect_stderr_contains "gave up after 3 attempts"

# --- an HTML 502 page from a proxy: retried, then exit 6; no HTML on screen
mock_faults '{"status": 502, "html": true, "count": "forever"}'
run_zoomqos get "$W" "$P" --type past --retries 1
expect_exit 6
expect_requests 2
expect_stderr_contains "(HTTP 502)"
expect_stderr_not_contains "<html>"

# --- invalid JSON in a 200: exit 7 at once, no retry
mock_faults '{"invalid-json": true, "count": "forever"}'
run_zoomqos get "$W" "$P" --type past
expect_exit 7
expect_requests 1
expect_stderr_contains "zoomqos: error:"

# --- a JSON array instead of an object: exit 7, no retry
mock_faults '{"array": true, "count": "forever"}'
run_zoomqos get "$W" "$P" --type past
expect_exit 7
expect_requests 1

# --- 4xx are never retried
mock_faults '{"status": 400, "count": "forever", "body": "{\"code\": 12702, \"message\": \"Too old.\"}"}'
run_zoomqos get "$W" "$P" --type past
expect_exit 1
expect_requests 1

# --- a 302 to another host: reported, not followed; that host receives nothing
other_file="$TEST_TMP/other.url"
: >"$other_file"
timeout 60 "$ZOOMQOS_MOCK" --port 0 --quiet >"$other_file" 2>/dev/null &
other_pid=$!
other=$(_wait_for_url "$other_pid" "$other_file") || fail "the second mock did not start"
other_root=${other%/v2}
mock_faults "{\"redirect\": \"$other/metrics/webinars/$W/participants/$P/qos?type=past\", \"count\": \"forever\"}"
run_zoomqos get "$W" "$P" --type past
expect_exit 1
expect_requests 1
expect_stderr_contains "unexpected redirect (not followed) (HTTP 302"
expect_stderr_contains "the server redirects to $other/metrics"
check "the other host received nothing" test "$(_curl "$other_root/_mock/stats" | jq .requests)" -eq 0
kill -TERM "$other_pid"
wait "$other_pid" || true

finish
