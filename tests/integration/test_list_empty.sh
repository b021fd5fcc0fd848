#!/usr/bin/env bash
# `zoomqos list` over a webinar with no participants: one request, valid empty
# output in every format, exit 0.
source "$(dirname "$0")/lib.sh"

start_mock --participants 0
W=85000000000

run_zoomqos list "$W" --type past -o json
expect_exit 0
expect_requests 1
expect_stdout_jq '.total_records == 0 and .participants == []'
run_zoomqos list "$W" --type past -o ndjson
expect_exit 0
expect_stdout_lines 0
run_zoomqos list "$W" --type past -o csv
expect_exit 0
expect_stdout_lines 1 # the header only
run_zoomqos list "$W" --type past
expect_exit 0
expect_stdout_lines 1
expect_stdout_contains "PARTICIPANT"

finish
