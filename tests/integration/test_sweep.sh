#!/usr/bin/env bash
# `zoomqos sweep`: the plan and its exact request count, --dry-run, one
# archive file per instance (the '/' and '//' UUIDs through double-encoded
# URLs), reruns that skip what exists, a failing event, --max-requests.
source "$(dirname "$0")/lib.sh"

start_mock --today 2026-12-02
RANGE=(--from 2026-10-01 --to 2026-11-30 --page-size 2)
A="$TEST_TMP/archive"

# --- --dry-run: the plan, no QoS request, no file
run_zoomqos sweep "${RANGE[@]}" --archive "$A" --dry-run
expect_exit 0
expect_stderr_contains "6 webinars from 2026-10-01 to 2026-11-30, 0 already archived, 6 to read with 14 participants"
expect_stderr_contains "11 requests (2 event-list + 9 QoS at --page-size 2)"
expect_requests 2
check "no QoS request" test "$(mock_requests | jq '[.[] | select(.target | test("/qos"))] | length')" -eq 0
check "no file" test -z "$(ls -A "$A")"

# --- the sweep makes exactly the requests its plan announced
mock_reset
run_zoomqos sweep "${RANGE[@]}" --archive "$A" -o ndjson
expect_exit 0
expect_stderr_contains "11 requests (2 event-list + 9 QoS"
expect_requests 11
expect_stdout_lines 6
check "six files" test "$(ls "$A" | wc -l)" -eq 6
check "named start_ID_hash.ndjson.gz" test "$(ls "$A" | grep -cE '^2026-1[01]-[0-9]{2}T[0-9]{2}-[0-9]{2}-00Z_[0-9]{11}_[0-9a-f]{8}\.ndjson\.gz$')" -eq 6
check "sorted by start time" test "$(ls "$A" | head -n 1 | cut -d_ -f2)" = 84000000001
check "nothing else in the directory" test "$(ls -A "$A" | wc -l)" -eq 6
cp "$OUT" "$TEST_TMP/sweep.ndjson"

# Line 1 is the event exactly as `events -o ndjson` prints it.
run_zoomqos events --from 2026-10-01 --to 2026-11-30 -o ndjson
cp "$OUT" "$TEST_TMP/events.ndjson"
for file in "$A"/*.ndjson.gz; do
    # Whole files, not `zcat | head`: under pipefail zcat's SIGPIPE would fail the test.
    zcat "$file" >"$TEST_TMP/whole"
    head -n 1 "$TEST_TMP/whole" >"$TEST_TMP/line1"
    grep -qxF -f "$TEST_TMP/line1" "$TEST_TMP/events.ndjson" || fail "$file: line 1 is not an event line of 'events -o ndjson'"
    expected=$(jq .participants "$TEST_TMP/line1")
    [[ $(tail -n +2 "$TEST_TMP/whole" | wc -l) -eq $expected ]] || fail "$file: not $expected participants"
done
CHECKS=$((CHECKS + 1))
slash=$(ls "$A" | grep "_83456789012_" | head -n 1)
check "the '/' instance's own participant" test "$(zcat "$A/$slash" | sed -n 2p | jq -r .user_name)" = "Élodie Durand"
check "participant lines are typed" test "$(zcat "$A/$slash" | sed -n 2p | jq -r '.user_qos[0].audio_input.latency_ms | type')" = number
mock_requests >"$TEST_TMP/requests.json"
check "the '/' instance by its double-encoded UUID" jq -e 'any(.[]; .event_id == "/Zq0aA1b2Cc3Dd4==" and (.target | contains("/webinars/%252FZq0aA1b2Cc3Dd4%253D%253D/participants/qos")) and .status == 200)' "$TEST_TMP/requests.json"
check "the '//' instance by its double-encoded UUID" jq -e 'any(.[]; .event_id == "Hq8//tR5wXyZ2aBc3dE4fg==" and (.target | contains("/webinars/Hq8%252F%252FtR5wXyZ2aBc3dE4fg%253D%253D/participants/qos")) and .status == 200)' "$TEST_TMP/requests.json"
check "no request by the bare recurring ID" jq -e 'all(.[]; .event_id != "83456789012")' "$TEST_TMP/requests.json"
check "the all-hands line" jq -e -s 'map(select(.id == 81234567890))[0] | .participants == 5 and .participants_breached >= 1 and .worst != "ok"' "$TEST_TMP/sweep.ndjson"
check "a quiet instance is ok" jq -e -s 'map(select(.uuid == "/Zq0aA1b2Cc3Dd4=="))[0] | .participants == 1 and .worst == "ok"' "$TEST_TMP/sweep.ndjson"
(cd "$A" && for f in *; do printf '%s ' "$f"; zcat "$f" | md5sum; done) >"$TEST_TMP/reference"

# --- a rerun skips every existing file: only the event lists are read
mock_reset
run_zoomqos sweep "${RANGE[@]}" --archive "$A"
expect_exit 0
expect_stderr_contains "6 already archived, 0 to read"
expect_stderr_contains "2 requests (2 event-list + 0 QoS"
expect_requests 2
check "the table header only" grep -qE '^START +ID +TOPIC +PARTICIPANTS +BREACHED +WORST$' "$OUT"
expect_stdout_lines 1

# --- a failing event is reported, the others are written, a rerun retries it
B="$TEST_TMP/failing"
mock_reset
run_zoomqos sweep --from 2026-11-27 --to 2026-12-01 --archive "$B" -o csv
expect_exit 4
expect_stderr_contains "webinar 84000000003 instance PeNdInG3aB4cD5eF6gH7iJ=="
expect_stderr_contains "Zoom code 3001"
expect_stderr_contains "1 archived, 0 already there, 1 failed"
check "the other event's file" test "$(ls "$B" | wc -l)" -eq 1
check "the CSV header and one row" test "$(head -n 1 "$OUT")" = $'start_time,id,uuid,topic,participants,participants_breached,worst\r'
expect_stdout_lines 2
mock_reset
run_zoomqos sweep --from 2026-11-27 --to 2026-12-01 --archive "$B"
expect_exit 4
expect_requests 2 # the list, then the failing event again
expect_stderr_contains "1 already archived, 1 to read"

# --- --max-requests stops before the request that would exceed it; a rerun completes
C="$TEST_TMP/budget"
mock_reset
run_zoomqos sweep "${RANGE[@]}" --archive "$C" --max-requests 5
expect_exit 5
expect_stderr_contains "--max-requests 5 reached"
expect_requests 5
check "complete files only" test "$(ls -A "$C" | wc -l)" -eq 3
run_zoomqos sweep "${RANGE[@]}" --archive "$C" --max-requests 1
expect_exit 5
run_zoomqos sweep "${RANGE[@]}" --archive "$C"
expect_exit 0
(cd "$C" && for f in *; do printf '%s ' "$f"; zcat "$f" | md5sum; done) >"$TEST_TMP/resumed"
check "the same archive as one uninterrupted sweep" cmp -s "$TEST_TMP/reference" "$TEST_TMP/resumed"

# --- usage errors before any request
mock_reset
run_zoomqos sweep --from 2026-10-01 --archive "$A"
expect_exit 2
run_zoomqos sweep --from 2026-10-01 --to 2026-11-30 --archive "$A/$(ls "$A" | head -n 1)"
expect_exit 2
expect_stderr_contains "is not a directory"
run_zoomqos sweep --meeting --from 2025-01-01 --to 2025-01-31 --archive "$A"
expect_exit 2
expect_requests 0

finish
