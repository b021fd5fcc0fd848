#!/usr/bin/env bash
# `zoomqos list`: walks every page of the list endpoint (next_page_token),
# prints each page as it arrives, in every format; --limit, an empty webinar,
# an expired page token, and a long walk over one TCP connection.
source "$(dirname "$0")/lib.sh"

start_mock --participants 25
W=85000000000 # the mock's generated webinar: 25 participants

# --- every participant exactly once, over 3 pages of 10, 10 and 5
run_zoomqos list "$W" --type past -o ndjson
expect_exit 0
expect_requests 3
mock_requests | jq -r '.[].target' >"$TEST_TMP/targets"
check "the first page asks for 10" grep -q 'participants/qos?type=past&page_size=10$' "$TEST_TMP/targets"
check "later pages carry the token" test "$(grep -c 'next_page_token=' "$TEST_TMP/targets")" -eq 2
check "25 distinct participants" test "$(jq -r .participant_id "$OUT" | sort -u | wc -l)" -eq 25
jq -r .user_name "$OUT" | sort -u >"$TEST_TMP/seen"
seq 1 25 | sed 's/^/Participant /' | sort >"$TEST_TMP/expected"
check "each of the 25 exactly once" cmp -s "$TEST_TMP/seen" "$TEST_TMP/expected"

run_zoomqos list "$W" --type past -o json
expect_exit 0
expect_stdout_jq '.webinar_id == "85000000000" and .type == "past" and .total_records == 25'
expect_stdout_jq '(.participants | length) == 25 and ([.participants[].id] | unique | length) == 25'
expect_stdout_jq '.participants[0].user_qos[0] | has("audio_input")'

run_zoomqos list "$W" --type past -o csv
expect_exit 0
check "one CSV header" test "$(grep -c '^event_id,participant_id,' "$OUT")" -eq 1
check "CRLF rows" grep -q $'\r$' "$OUT"

run_zoomqos list "$W" --type past
expect_exit 0
expect_stdout_contains "PARTICIPANT"
expect_stdout_contains "VERDICT"
expect_stdout_lines 26 # the header and one row per participant

# Raw: each page's body on its own line, as received.
run_zoomqos list "$W" --type past -o raw
expect_exit 0
expect_stdout_lines 3
check "every line is a page" jq -e -s 'map(.participants | length) == [10, 10, 5]' "$OUT"

# --- page size, --limit
mock_reset
run_zoomqos list "$W" --type past --page-size 4 --limit 7 -o ndjson
expect_exit 0
expect_requests 2
check "7 participants" test "$(jq -r .participant_id "$OUT" | sort -u | wc -l)" -eq 7
run_zoomqos list "$W" --type past --limit 0
expect_exit 2
expect_stderr_contains "--limit"
run_zoomqos list "$W" --type past --page-size 0
expect_exit 2
expect_stderr_contains "--page-size"

# --- the real webinar's messy participants pass through
run_zoomqos list 81234567890 --type past -o json
expect_exit 0
expect_stdout_jq '.total_records == 5 and (.participants | length) == 5'
expect_stdout_jq '[.participants[].user_name] | index("田中 太郎") != null'

# --- a 404 (live asked of an ended webinar) is exit 4 with the usual hint
run_zoomqos list 81234567890
expect_exit 4
expect_stderr_contains "--type past"

# --- an expired next page token (HTTP 300, code 300) on the second page
mock_faults '[{"delay": 1}, {"status": 300, "body": "{\"code\":300,\"message\":\"The next page token is invalid or expired.\"}"}]'
run_zoomqos list "$W" --type past -o ndjson
expect_exit 4
expect_stderr_contains "next page token"
expect_stderr_contains "15 minutes"
check "the first page was printed" test "$(jq -r .participant_id "$OUT" | sort -u | wc -l)" -eq 10

# --- fail-on judges every participant
run_zoomqos list 81234567890 --type past --fail-on 'latency>300' -o ndjson
expect_exit 8
expect_stderr_contains "breach: participant"

# --- stdout closed early: quiet, and the walk stops
mock_reset
set +o pipefail
"$ZOOMQOS" list "$W" --type past --page-size 1 -o ndjson 2>"$ERR" | head -1 >/dev/null
set -o pipefail
check "no error spam on a closed pipe" test ! -s "$ERR"
requests=$(mock_request_count)
check "the walk stopped early ($requests requests)" test "$requests" -lt 25

finish
