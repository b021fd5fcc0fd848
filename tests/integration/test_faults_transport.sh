#!/usr/bin/env bash
# Fault matrix, the connection: refused, a server that stalls, one that
# trickles, one that cuts the body short. Each ends fast with a clear cause.
source "$(dirname "$0")/lib.sh"

W=81234567890
P=16778240

start_mock --quiet

# --- connection refused: retried, then exit 6 naming the cause
dead=$(closed_port_url)
run_zoomqos get "$W" "$P" --type past --api-url "$dead" --retries 1
expect_exit 6
expect_stderr_contains "could not connect (connection refused or unreachable)"
expect_stderr_contains "(2 attempts)"

# --- the server accepts and never answers: exit 6 within --timeout + 1 s
mock_faults '{"delay": 600000, "count": "forever"}'
run_zoomqos get "$W" "$P" --type past --timeout 2
expect_exit 6
expect_elapsed_below 3
expect_stderr_contains "request timed out"

# --- headers, then a body that never comes
mock_faults '{"stall": true, "count": "forever"}'
run_zoomqos get "$W" "$P" --type past --timeout 2
expect_exit 6
expect_elapsed_below 3

# --- a trickling body is cut off by the low-speed limit (1 KiB/s for a third
# of --timeout), long before --timeout itself
mock_faults '{"trickle": 200, "count": "forever"}'
run_zoomqos get "$W" "$P" --type past --timeout 9 --retries 0
expect_exit 6
expect_elapsed_below 6
expect_stderr_contains "Less than 1024 bytes/sec transferred the last 3 seconds"
expect_requests 1

# --- the connection cut mid-body, then a good answer: retried, exit 0
mock_faults '{"cut": true}'
run_zoomqos get "$W" "$P" --type past -o json -v
expect_exit 0
expect_requests 2
expect_stderr_contains "connection broken during the response"
expect_stdout_jq '.id != null'

# --- cut every time: exit 6 after the retries
mock_faults '{"cut": true, "count": "forever"}'
run_zoomqos get "$W" "$P" --type past --retries 1
expect_exit 6
expect_requests 2

finish
