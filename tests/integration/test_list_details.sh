#!/usr/bin/env bash
# `zoomqos list --details`: the participants' details endpoint is read first
# (pages of 300), then each QoS participant gets its session: same user_id and
# join_time, else same user_id, never by name; unmatched ones keep nulls.
source "$(dirname "$0")/lib.sh"

start_mock --participants 350
R=86000000002 # Alex Kim twice (left and rejoined), a second Alex Kim, Priya, a guest

run_zoomqos list "$R" --type past --details -o json
expect_exit 0
expect_stdout_jq '(.participants | length) == 5'
who() { # USER_ID JOIN_TIME -> jq filter for that participant's details
    echo ".participants[] | select(.user_id == \"$1\" and .join_time == \"2026-11-24T$2\") | .details"
}
expect_stdout_jq "$(who 16790001 10:00:10Z) | .network_type == \"Wifi\" and .join_time == \"2026-11-24T10:00:10Z\""
expect_stdout_jq "$(who 16790001 10:08:05Z) | .network_type == \"Cellular\" and .device == \"iOS\""
expect_stdout_jq "$(who 16790002 10:01:00Z) | .network_type == \"Wired\" and .user_name == \"Alex Kim\""
# Priya's session says 10:00:31, her QoS entry 10:00:30: matched by user_id.
expect_stdout_jq "$(who 16790003 10:00:30Z) | .network_type == \"PPP\""
# The dial-in guest has no session: every field null, the keys still there.
expect_stdout_jq "$(who 16790004 10:02:00Z) | (to_entries | length) > 10 and all(.[]; . == null)"
expect_stdout_jq '[.participants[].details | keys_unsorted[0]] | unique == ["id"]'

mock_requests | jq -r '.[].target' >"$TEST_TMP/targets"
check "the details come first, 300 a page" \
    grep -q "^/v2/metrics/webinars/$R/participants?type=past&page_size=300\$" <(head -1 "$TEST_TMP/targets")
check "then the QoS pages" grep -q "participants/qos?type=past" <(tail -1 "$TEST_TMP/targets")

# The table gains NETWORK; CSV the detail_* columns; NDJSON the object per line.
run_zoomqos list "$R" --type past --details
expect_exit 0
check "NETWORK header" grep -qE '^PARTICIPANT +ID +DEVICE +NETWORK +MAX AUDIO LAT' "$OUT"
check "Alex's second visit on Cellular" grep -qE '^Alex Kim +[^ ]+ +iOS +Cellular ' "$OUT"
run_zoomqos list "$R" --type past
expect_stdout_not_contains "NETWORK"

run_zoomqos list "$R" --type past --details -o csv
expect_exit 0
check "csv detail columns" grep -q ',detail_id,detail_user_id,detail_user_name,detail_device,detail_ip_address,detail_location,detail_network_type,' "$OUT"
network_column=$(head -1 "$OUT" | tr ',' '\n' | grep -nx detail_network_type | cut -d: -f1)
check "csv: Cellular in its column" \
    bash -c "cut -d, -f$network_column '$OUT' | grep -qx Cellular"

run_zoomqos list "$R" --type past --details -o ndjson
expect_exit 0
check "every sample line carries details" jq -e -s 'all(.[]; has("details"))' "$OUT"

run_zoomqos list "$R" --type past --details --summary -o csv
expect_exit 0
expect_stdout_lines 6
check "summary csv: detail columns after verdict" grep -q ',verdict,detail_id,' "$OUT"

run_zoomqos list "$R" --type past --details --sort latency -o json
expect_exit 0
expect_stdout_jq '.participants[0].details.network_type == "Cellular"' # the rejoin on a slow link

# Without --details nothing changes.
run_zoomqos list "$R" --type past -o json
expect_stdout_jq '[.participants[] | has("details")] | any | not'

# --- many participants: two detail pages (300 + 50), served in another order
mock_reset
run_zoomqos list 85000000000 --type past --details --rate 200 -o json
expect_exit 0
expect_stdout_jq '(.participants | length) == 350'
expect_stdout_jq 'all(.participants[]; .details.user_id == .user_id and .details.join_time == .join_time)'
expect_stdout_jq '[.participants[].details.network_type] | unique | length == 5'
check "two detail pages" test "$(mock_requests | jq '[.[].target | select(test("/participants[?]"))] | length')" -eq 2

# --- meetings: /metrics/meetings/{id}/participants
mock_reset
run_zoomqos list 91234567890 --meeting --type past --details -o json
expect_exit 0
expect_stdout_jq 'all(.participants[]; .details.camera != null and .details.user_id == .user_id)'
mock_requests | jq -r '.[].target' >"$TEST_TMP/targets"
check "the meeting details endpoint" \
    grep -q '^/v2/metrics/meetings/91234567890/participants?type=past&page_size=300$' "$TEST_TMP/targets"

# --- errors: a details failure stops before any QoS page; raw refuses --details
mock_faults '[{"status": 404, "body": "{\"code\":3001,\"message\":\"Webinar does not exist.\"}"}]'
run_zoomqos list "$R" --type past --details -o ndjson
expect_exit 4
check "nothing printed" test ! -s "$OUT"
run_zoomqos list "$R" --type past --details -o raw
expect_exit 2
expect_stderr_contains "--details"

# --- --input with --details: the archive's details, NETWORK in the table
run_zoomqos list "$R" --type past --details -o json
{
    echo "{\"id\": $R}"
    jq -c '.participants[]' "$OUT"
} >"$TEST_TMP/archive.ndjson"
run_zoomqos list "$R" --type past --details
cp "$OUT" "$TEST_TMP/online"
run_zoomqos_env -u ZOOM_ACCESS_TOKEN -u ZOOM_API_URL -- list --input "$TEST_TMP/archive.ndjson" --type past --details
expect_exit 0
expect_stdout_equals_file "$TEST_TMP/online"

finish
