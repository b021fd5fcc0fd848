#!/usr/bin/env bash
# --watch against a live webinar whose data advances: the mock adds one
# sample a second and drops the participant after four (404: "participant
# left", exit 0, after everything seen was printed). ZOOMQOS_WATCH_MIN_SECONDS (tests only) lets
# zoomqos poll every second instead of at least every 5.
source "$(dirname "$0")/lib.sh"

start_mock --live-sample-seconds 1 --live-samples-until-gone 4

W=82000000001
P=16778240 # Maja Lind: four samples, 09:01 to 09:04

run_zoomqos_env ZOOMQOS_WATCH_MIN_SECONDS=1 -- get "$W" "$P" --watch 1 -o ndjson
expect_exit 0
expect_stderr_contains "zoomqos: participant left (or the webinar ended)"
expect_stdout_lines 4
check "each sample printed once, in order" test \
    "$(jq -r .date_time "$OUT" | tr '\n' ' ')" == "2026-12-01T09:01:00Z 2026-12-01T09:02:00Z 2026-12-01T09:03:00Z 2026-12-01T09:04:00Z "
polls=$(mock_requests | jq '[.[] | select(.target | contains("/participants/16778240/qos"))] | length')
check "several polls, each one GET of the same URL ($polls)" test "$polls" -ge 4

# Table rows: the participant block and header once, then only new rows.
mock_reset
run_zoomqos_env ZOOMQOS_WATCH_MIN_SECONDS=1 -- get "$W" 16779264 --watch 1
expect_exit 0
check "one participant block" test "$(grep -c '^Participant ' "$OUT")" -eq 1
check "one header" test "$(grep -c '^TIME (UTC)' "$OUT")" -eq 1

# Ctrl-C ends the watch with exit 0. After 1.5 s only the samples of the
# first two polls exist: the data advanced between polls.
mock_reset
signal_after INT 1.5 ZOOMQOS_WATCH_MIN_SECONDS=1 -- get "$W" "$P" --watch 1 -o ndjson
status=$LAST_EXIT
check "SIGINT ends --watch with exit 0 (got $status)" test "$status" -eq 0
lines=$(wc -l <"$OUT")
check "what was seen before Ctrl-C was printed, and only that ($lines lines)" test "$lines" -ge 1 -a "$lines" -lt 4

# Usage errors.
run_zoomqos get "$W" "$P" --watch 2
expect_exit 2
expect_stderr_contains "--watch: 2 seconds is out of range (5 to 86400)"
run_zoomqos get 81234567890 "$P" --type past --watch 5
expect_exit 2
expect_stderr_contains "--watch needs --type live"
run_zoomqos get "$W" "$P" --watch 5 -o json
expect_exit 2

# --fail-on judges each poll's new samples: the first breach ends the watch
# with exit 8 after printing it. Maja Lind's first sample stays under 75 ms;
# her second (09:02) has 76 ms of video latency.
mock_reset
run_zoomqos_env ZOOMQOS_WATCH_MIN_SECONDS=1 -- get "$W" "$P" --watch 1 -o ndjson --fail-on 'latency>75'
expect_exit 8
expect_stdout_lines 2
expect_stderr_contains "breach: latency>75 in 1 of 1 samples"
check "the breaching sample was printed" test "$(jq -r .date_time "$OUT" | tail -1)" = 2026-12-01T09:02:00Z

finish
