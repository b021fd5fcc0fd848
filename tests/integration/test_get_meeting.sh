#!/usr/bin/env bash
# `zoomqos get --meeting` asks /metrics/meetings and labels output meeting_id.
source "$(dirname "$0")/lib.sh"

start_mock

M=91234567890
P=16778240 # Ana Souza, 10 samples

run_zoomqos get "$M" "$P" --meeting --type past -o ndjson
expect_exit 0
expect_stdout_lines 10
check "every line names the meeting, not a webinar" jq -e -s \
    'length == 10 and all(.meeting_id == "91234567890" and .participant_id == "16778240" and (has("webinar_id") | not))' \
    "$OUT"
mock_last_request >"$TEST_TMP/request.json"
check "the meeting endpoint was asked" jq -e \
    '.status == 200 and .path_segments[2] == "meetings" and .event_id == "91234567890"' \
    "$TEST_TMP/request.json"

run_zoomqos get "$M" "$P" --meeting --type past -o json
expect_exit 0
expect_stdout_jq '.user_name == "Ana Souza" and .meeting_number == "91234567890"'

run_zoomqos get "$M" "$P" --meeting --type past -o csv
expect_exit 0
expect_stdout_lines 11
check "CSV rows start with the meeting ID" test "$(grep -c "^$M,$P," "$OUT")" -eq 10

# Without --meeting the same IDs name a webinar, which does not exist.
run_zoomqos get "$M" "$P" --type past
expect_exit 4
check "the webinar endpoint was asked" test \
    "$(mock_last_request | jq -r '.path_segments[2]')" = webinars

finish
