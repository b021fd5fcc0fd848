#!/usr/bin/env bash
# Fault matrix, 429s: Retry-After in seconds, as an HTTP-date and as an ISO
# date is waited out; a Daily-limit 429, or one asking for longer than
# --max-wait, ends with exit 5 at once; 429 forever ends with 5 after --retries.
source "$(dirname "$0")/lib.sh"

start_mock --quiet
W=81234567890
P=16778240

# --- 429 then 200, Retry-After in seconds: one wait of 1 s, then success
mock_faults '{"status": 429, "headers": {"Retry-After": "1"}}'
run_zoomqos get "$W" "$P" --type past -o json -v
expect_exit 0
expect_stdout_jq '.user_qos | length > 0'
expect_requests 2
expect_stderr_contains "* retry 1/3 in 1.0 s after HTTP 429 (Retry-After)"
check "waited about a second" awk -v t="$LAST_ELAPSED" 'BEGIN { exit !(t >= 0.9 && t < 10) }'

# --- 429 then 200, Retry-After as an HTTP-date in the past and an ISO date in the past
mock_faults '[{"status": 429, "headers": {"Retry-After": "Sun, 06 Nov 1994 08:49:37 GMT"}},
              {"status": 429, "headers": {"Retry-After": "2020-05-31T00:00:00Z"}}]'
run_zoomqos get "$W" "$P" --type past -o json -v
expect_exit 0
expect_requests 3
expect_stderr_contains "in 0.0 s after HTTP 429 (Retry-After)"
expect_elapsed_below 2

# --- an HTTP-date ahead is waited out too. The date has whole seconds and
# zoomqos may start late on a busy machine, so the wait it announces is
# checked against the date, and the run's length against that wait.
when=$(LC_ALL=C date -u -d '+4 seconds' '+%a, %d %b %Y %H:%M:%S GMT')
mock_faults "{\"status\": 429, \"headers\": {\"Retry-After\": \"$when\"}}"
run_zoomqos get "$W" "$P" --type past -o json -v
expect_exit 0
expect_requests 2
wait_s=$(sed -n 's/^\* retry 1\/3 in \([0-9.]*\) s after HTTP 429 (Retry-After)$/\1/p' "$ERR")
check "announced a wait until the HTTP-date ($wait_s s)" \
    awk -v w="$wait_s" 'BEGIN { exit !(w != "" && w > 0.5 && w <= 4.05) }'
check "waited what it announced (${LAST_ELAPSED} s)" \
    awk -v t="$LAST_ELAPSED" -v w="$wait_s" 'BEGIN { exit !(t >= w - 0.05) }'

# --- Daily-limit: exit 5 at once, with the reset time in local time
mock_faults '{"status": 429, "count": "forever", "body": "{\"code\": 429, \"message\": \"You have reached the maximum daily rate limit for this API.\"}",
              "headers": {"X-RateLimit-Type": "Daily-limit", "Retry-After": "2099-05-31T00:00:00Z"}}'
run_zoomqos_env TZ=UTC0 -- get "$W" "$P" --type past
expect_exit 5
expect_requests 1
expect_elapsed_below 1
expect_stderr_contains "rate limit reached (HTTP 429, Zoom code 429)"
expect_stderr_contains "hint: Zoom's daily rate limit is used up; it resets at 2099-05-31 00:00:00 UTC"
run_zoomqos_env TZ=EST5 -- get "$W" "$P" --type past
expect_exit 5
expect_stderr_contains "resets at 2099-05-30 19:00:00 EST"

# --- a Retry-After beyond --max-wait: exit 5 at once
mock_faults '{"status": 429, "headers": {"Retry-After": "3600"}}'
run_zoomqos get "$W" "$P" --type past --max-wait 60
expect_exit 5
expect_requests 1
expect_elapsed_below 1
expect_stderr_contains "longer than --max-wait allows"

# --- 429 forever, no Retry-After: backoff, then exit 5 after --retries
mock_faults '{"status": 429, "count": "forever"}'
run_zoomqos get "$W" "$P" --type past --retries 1
expect_exit 5
expect_requests 2
expect_stderr_contains "gave up after 2 attempts"

# --- --retries 0: exactly one request
mock_faults '{"status": 429, "count": "forever", "headers": {"Retry-After": "1"}}'
run_zoomqos get "$W" "$P" --type past --retries 0
expect_exit 5
expect_requests 1

finish
