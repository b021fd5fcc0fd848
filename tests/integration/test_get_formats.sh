#!/usr/bin/env bash
# `zoomqos get` output formats against the mock's data set: table, typed JSON,
# NDJSON, CSV, and raw (byte for byte).
source "$(dirname "$0")/lib.sh"

start_mock

W=81234567890
P=16778240 # Zoë Åkesson: 60 per-minute samples

# The mock's own answer, to compare the typed outputs with.
api_get "/metrics/webinars/$W/participants/$P/qos?type=past"
[[ "$HTTP_STATUS" == 200 ]] || fail "mock answered HTTP $HTTP_STATUS"
cp "$TEST_TMP/body" "$TEST_TMP/zoom.json"
samples=$(jq '.user_qos | length' "$TEST_TMP/zoom.json")
check "the data set has 60 samples" test "$samples" -eq 60
first_latency=$(jq -r '.user_qos[0].audio_input.latency | sub(" ?ms$"; "")' "$TEST_TMP/zoom.json")

# --- table
run_zoomqos get "$W" "$P" --type past
expect_exit 0
expect_stdout_contains "Zoë Åkesson"
run_zoomqos get "$W" "$P" --type past -o table
expect_exit 0
expect_stdout_contains "Zoë Åkesson"

# --- typed JSON: unit strings become numbers, "" becomes null, unknowns pass through
run_zoomqos get "$W" "$P" --type past -o json
expect_exit 0
expect_stdout_jq '.user_qos[0].audio_input.latency_ms | type == "number"'
# shellcheck disable=SC2016 # $l is jq's
expect_stdout_jq '.user_qos[0].audio_input.latency_ms == ($l | tonumber)' --arg l "$first_latency"
expect_stdout_jq '.user_name == "Zoë Åkesson" and (.user_qos | length) == 60'
expect_stdout_jq '.user_qos[0].video_input.resolution == {"width": 1280, "height": 720}'
expect_stdout_jq '.user_qos[0].as_input.latency_ms == null' # an idle stream: every value ""
expect_stdout_jq '[.user_qos[0].cpu_usage | to_entries[] | select(.key | endswith("_cpu_usage_pct")) | .value | type] == ["number", "number", "number", "number"]'
expect_stdout_jq '[.user_qos[] | select(.as_connection_type == "UDP")] | length > 0'
run_zoomqos get "$W" "$P" --type past --json
expect_exit 0
expect_stdout_jq '.user_qos[0].audio_input.latency_ms | type == "number"'
run_zoomqos get "$W" 16779264 --type past -o json # null values, a missing stream, vdi_plugin_info
expect_exit 0
expect_stdout_jq '.vdi_plugin_info.vdi_client == "Citrix Workspace"'

# --- NDJSON: one JSON object per sample
run_zoomqos get "$W" "$P" --type past -o ndjson
expect_exit 0
expect_stdout_lines "$samples"
check "every NDJSON line is a JSON object" jq -e -s 'length == 60 and all(type == "object")' "$OUT"
expect_stdout_jq '.[0] | .date_time == "2026-11-20T14:01:00Z"
    and .webinar_id == "81234567890" and .participant_id == "16778240"
    and .user_name == "Zoë Åkesson" and (.audio_input.latency_ms | type == "number")' --slurp

# --- CSV: a header, then one row per sample
run_zoomqos get "$W" "$P" --type past -o csv
expect_exit 0
expect_stdout_lines $((samples + 1))
check "CSV header" grep -q '^event_id,participant_id,user_id,user_name,date_time,audio_input_bitrate_kbps,' "$OUT"
check "CSV rows name the event and participant" test \
    "$(grep -c "^$W,$P," "$OUT")" -eq "$samples"

# --- raw: the body exactly as received
run_zoomqos get fixture mock-messy -o raw
expect_exit 0
expect_stdout_equals_file "$FIXTURES/mock-messy.json"
run_zoomqos get "$W" "$P" --type past -o raw
expect_exit 0
expect_stdout_equals_file "$TEST_TMP/zoom.json"

# --- a participant without samples is not an error
run_zoomqos get "$W" 16781312 --type past -o ndjson
expect_exit 0
expect_stdout_lines 0
run_zoomqos get "$W" 16781312 --type past -o csv
expect_exit 0
expect_stdout_lines 1
expect_stdout_contains "event_id,participant_id,user_id,user_name,date_time,"
run_zoomqos get "$W" 16781312 --type past
expect_exit 0
expect_stdout_contains "Priya Raman"
expect_stdout_contains "No QoS samples"

finish
