#!/usr/bin/env bash
# Fault matrix, Ctrl-C: SIGINT during a Retry-After wait, or during a stalled
# transfer (one, several at once, a list page), ends zoomqos promptly with 130
# and no output.
source "$(dirname "$0")/lib.sh"

start_mock --quiet
W=81234567890
P=16778240

# --- during a 30 s Retry-After wait
mock_faults '{"status": 429, "headers": {"Retry-After": "30"}, "count": "forever"}'
signal_after INT 0.5 get "$W" "$P" --type past
expect_exit 130
expect_elapsed_below 1
expect_stdout_lines 0
expect_stderr_contains "zoomqos: interrupted"
expect_requests 1

# --- during a transfer that stalls after the headers
mock_faults '{"stall": true, "count": "forever"}'
signal_after INT 0.5 get "$W" "$P" --type past --timeout 20
expect_exit 130
expect_elapsed_below 1
expect_stdout_lines 0
expect_requests 1

# --- many participants, each transfer stalled, on one multi handle
mock_faults '{"stall": true, "count": "forever"}'
# (2 s: the three transfers start paced, which a loaded sanitizer build may take
# most of a second to do; they stall whatever the delay.)
signal_after INT 2 get "$W" "$P" 16779264 16780288 --type past --timeout 20 -o ndjson
expect_exit 130
expect_elapsed_below 1
expect_stdout_lines 0
expect_requests 3

# --- a list walk whose page stalls
mock_faults '{"stall": true, "count": "forever"}'
signal_after INT 0.5 list "$W" --type past --timeout 20
expect_exit 130
expect_elapsed_below 1
expect_requests 1

finish
