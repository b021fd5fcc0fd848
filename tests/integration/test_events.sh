#!/usr/bin/env bash
# `zoomqos events`: the Dashboard event lists over a range split into monthly
# windows, every page, each instance once; the recurring webinar's instances
# by UUID; formats; ranges refused before any request; the mock's own refusals.
source "$(dirname "$0")/lib.sh"

start_mock --today 2026-12-02

# --- three windows (October, November, two days of December), pages of 2
run_zoomqos events --from 2026-10-01 --to 2026-12-02 --page-size 2 -o ndjson
expect_exit 0
mock_requests | jq -r '.[].target' >"$TEST_TMP/targets"
check "the October window" grep -q 'metrics/webinars?type=past&from=2026-10-01&to=2026-10-31&page_size=2$' "$TEST_TMP/targets"
check "the November window" grep -q 'from=2026-11-01&to=2026-11-30&page_size=2$' "$TEST_TMP/targets"
check "the last window ends at --to" grep -q 'from=2026-12-01&to=2026-12-02&page_size=2$' "$TEST_TMP/targets"
check "November's 5 events over 3 pages" test "$(grep -c 'from=2026-11-01.*next_page_token=' "$TEST_TMP/targets")" -eq 2
expect_requests 5
expect_stdout_lines 7
check "each instance once" test "$(jq -r .uuid "$OUT" | sort -u | wc -l)" -eq 7
check "the event across two windows listed once" test "$(grep -c 'HaL0wEeN9nIgHt8LaTe7sW==' "$OUT")" -eq 1
check "in window order" test "$(jq -r .id "$OUT" | head -n 2 | tr '\n' ' ')" = "84000000001 84000000002 "
jq -c 'select(.id == 83456789012) | .uuid' "$OUT" | tr -d '\n' >"$TEST_TMP/instances"
check "the recurring webinar's three instances, by UUID" test "$(cat "$TEST_TMP/instances")" = '"/Zq0aA1b2Cc3Dd4==""Hq8//tR5wXyZ2aBc3dE4fg==""Pn4kW7sQRmu1vX9yZ0aB2c=="'
check "typed duration, times in UTC" jq -e -s 'map(select(.id == 81234567890))[0] | .duration_seconds == 3660 and .start_time == "2026-11-20T14:00:00Z" and .end_time == "2026-11-20T15:01:00Z" and .kind == "webinar" and .participants == 5 and .has_recording == true' "$OUT"
check "a MM:SS duration" jq -e -s 'map(select(.uuid == "/Zq0aA1b2Cc3Dd4=="))[0].duration_seconds == 300' "$OUT"
check "unknown fields kept" jq -e -s 'map(select(.id == 81234567890))[0] | .audience_type == "internal" and .custom_keys[0].value == "4711" and .dept == "Communications"' "$OUT"
check "no raw duration" jq -e -s 'all(has("duration") | not)' "$OUT"
cp "$OUT" "$TEST_TMP/all.ndjson"

# --- json: one complete document with the same events
run_zoomqos events --from 2026-10-01 --to 2026-12-02 -o json
expect_exit 0
expect_stdout_jq 'type == "array" and length == 7'
check "json and ndjson agree" test "$(jq -c '.[]' "$OUT")" = "$(jq -c . "$TEST_TMP/all.ndjson")"

# --- csv: the documented header, one row per event
run_zoomqos events --from 2026-10-01 --to 2026-12-02 -o csv
expect_exit 0
check "the CSV header" test "$(head -n 1 "$OUT")" = $'start_time,end_time,id,uuid,topic,host,email,duration_seconds,participants\r'
expect_stdout_lines 8
expect_stdout_contains $'2026-11-20T14:00:00Z,2026-11-20T15:01:00Z,81234567890,kF3mQ8rTSpeW0cYv2xN1bA==,Quarterly all-hands,Mika Virtanen,mika.virtanen@example.fi,3660,5\r'

# --- table: a UUID column only when an ID has several instances
run_zoomqos events --from 2026-11-01 --to 2026-11-30
expect_exit 0
check "the table's header" grep -qE '^START +ID +UUID +TOPIC +DURATION +PARTICIPANTS +HOST$' "$OUT"
expect_stdout_contains "Hq8//tR5wXyZ2aBc3dE4fg=="
expect_stdout_contains "1:01:00"
run_zoomqos events --from 2026-11-19 --to 2026-11-21
expect_exit 0
check "no UUID column for distinct IDs" grep -qE '^START +ID +TOPIC +DURATION +PARTICIPANTS +HOST$' "$OUT"
expect_stdout_lines 3

# --- --from defaults to six days before --to
mock_reset
run_zoomqos events --to 2026-11-30 -o ndjson
expect_exit 0
check "the default --from" grep -q 'from=2026-11-24&to=2026-11-30&page_size=300$' <(mock_requests | jq -r '.[].target')
check "the week's one event" test "$(jq -r .uuid "$OUT")" = "Pn4kW7sQRmu1vX9yZ0aB2c=="

# --- meetings and live events
run_zoomqos events --meeting --from 2026-11-01 --to 2026-11-30 -o ndjson
expect_exit 0
check "the meeting list" jq -e -s 'length == 1 and .[0].kind == "meeting" and .[0].id == 91234567890' "$OUT"
run_zoomqos events --type live --from 2026-12-01 --to 2026-12-02 -o ndjson
expect_exit 0
check "the live webinar" jq -e -s 'length == 1 and .[0].id == 82000000001 and .[0].end_time == null' "$OUT"
run_zoomqos events --from 2026-01-01 --to 2026-01-05
expect_exit 0
expect_stderr_contains "no webinars from 2026-01-01 to 2026-01-05"

# --- ranges Zoom cannot serve: one clear error, exit 2, no request
mock_reset
run_zoomqos events --from 2026-12-01 --to 2026-11-30
expect_exit 2
expect_stderr_contains "--from 2026-12-01 is after --to 2026-11-30"
run_zoomqos events --from 2026-11-31 --to 2026-12-01
expect_exit 2
expect_stderr_contains "not a date YYYY-MM-DD"
run_zoomqos events --meeting --from 2025-01-01 --to 2025-01-31
expect_exit 2
expect_stderr_contains "Zoom keeps meeting data for the last six months only"
run_zoomqos events --page-size 301
expect_exit 2
expect_requests 0

# --- the mock refuses what Zoom refuses
api_get "/metrics/webinars?type=past&from=2026-10-01&to=2026-11-15"
check "a range over a month is refused" test "$HTTP_STATUS" = 400
check "with Zoom's body" jq -e '.code == 300 and (.message | test("one month"))' "$TEST_TMP/body"
api_get "/metrics/meetings?type=past&from=2026-05-01&to=2026-05-20"
check "old meeting ranges are refused" test "$HTTP_STATUS" = 400
check "naming six months" jq -e '.message | test("six months")' "$TEST_TMP/body"
api_get "/metrics/webinars?type=pastOne&from=2026-11-01&to=2026-11-20"
check "pastOne is for meetings only" test "$HTTP_STATUS" = 400
api_get "/metrics/webinars?type=past&from=2026-11-01&to=2026-11-30&page_size=500"
check "page_size is capped at 300" jq -e '.page_size == 300 and .total_records == 5 and .from == "2026-11-01" and (.webinars | length) == 5' "$TEST_TMP/body"
api_get "/metrics/webinars?type=past&from=2026-11-01&to=2026-11-30"
check "30 a page by default" jq -e '.page_size == 30 and .next_page_token == ""' "$TEST_TMP/body"

# --- each instance answers with its own participants; the number with the latest
run_zoomqos list 83456789012 --type past -o ndjson
expect_exit 0
latest=$(jq -r .user_name "$OUT" | sort -u | tr '\n' ,)
run_zoomqos list 'Pn4kW7sQRmu1vX9yZ0aB2c==' --type past -o ndjson
expect_exit 0
check "the bare ID answers the latest instance" test "$(jq -r .user_name "$OUT" | sort -u | tr '\n' ,)" = "$latest"
check "three participants there" test "$(jq -r .participant_id "$OUT" | sort -u | wc -l)" -eq 3
run_zoomqos list 'Hq8//tR5wXyZ2aBc3dE4fg==' --type past -o ndjson
expect_exit 0
check "the // instance's own two" test "$(jq -r .participant_id "$OUT" | sort -u | wc -l)" -eq 2
check "through the double-encoded URL" test "$(mock_last_request | jq -r .target)" != ""
mock_last_request | jq -r .target >"$TEST_TMP/target"
check "encoded twice" grep -q '/metrics/webinars/Hq8%252F%252FtR5wXyZ2aBc3dE4fg%253D%253D/participants/qos' "$TEST_TMP/target"
run_zoomqos list '/Zq0aA1b2Cc3Dd4==' --type past -o ndjson
expect_exit 0
check "the / instance's one participant" test "$(jq -r .user_name "$OUT" | sort -u)" = "Élodie Durand"

finish
