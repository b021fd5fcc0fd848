#!/usr/bin/env bash
# `zoomqos get` exit codes: 0 ok, 2 usage, 3 auth, 4 not found, 6 network,
# 7 invalid response; and the error line format on stderr.
source "$(dirname "$0")/lib.sh"

start_mock

W=81234567890
P=16778240

# --- 0
run_zoomqos get "$W" "$P" --type past
expect_exit 0

# --- 2: usage
run_zoomqos get "$W" "$P" --type bogus
expect_exit 2
run_zoomqos get "$W" "$P" --type past -o bogus
expect_exit 2
run_zoomqos get "$W" "$P" --type past --api-url http://example.com/v2
expect_exit 2
expect_stderr_contains "http"
run_zoomqos get "$W"
expect_exit 2
run_zoomqos get
expect_exit 2
check "no usage error reached the API" test "$(mock_requests | jq length)" -eq 1

# --- 3: auth
run_zoomqos_env -u ZOOM_ACCESS_TOKEN -- get "$W" "$P" --type past
expect_exit 3
expect_stderr_contains "ZOOM_ACCESS_TOKEN"
run_zoomqos_env ZOOM_ACCESS_TOKEN=wrong-token -- get "$W" "$P" --type past
expect_exit 3
expect_stderr_contains "zoomqos: error:"
expect_stderr_contains "HTTP 401"
expect_stderr_contains "Zoom code 124"
expect_stderr_contains "tracking id: mock-"

# --- 4: not found
run_zoomqos get "$W" 99999999 --type past
expect_exit 4
expect_stderr_contains "(HTTP 404, Zoom code 3001)"
run_zoomqos get 11111111111 "$P" --type past
expect_exit 4
# The webinar has ended: the default type=live answers 3001, and the hint says what to do.
run_zoomqos get "$W" "$P"
expect_exit 4
expect_stderr_contains "hint:"
expect_stderr_contains "--type past"

# --- 7: a 200 whose body is not a participant object
run_zoomqos get fixture mock-not-json
expect_exit 7
expect_stdout_not_contains "<html>"
run_zoomqos get fixture mock-array
expect_exit 7

# --- 6: nothing listening
dead=$(closed_port_url)
run_zoomqos get "$W" "$P" --type past --api-url "$dead" --retries 0
expect_exit 6
expect_stderr_contains "zoomqos: error:"

finish
