#!/usr/bin/env bash
# `zoomqos list --sort/--top/--summary`: one row per participant, ranked worst
# first after the last page, in every format; the order checked against the
# rows' own columns (recomputed here with jq), ties by participant ID.
source "$(dirname "$0")/lib.sh"

start_mock --participants 40
W=85000000000 # the generated webinar: 40 participants, some of them troubled

# The unsorted summary rows: one per participant, in page order.
run_zoomqos list "$W" --type past --summary -o ndjson
expect_exit 0
expect_stdout_lines 40
expect_stdout_jq '.participant_id != null and .samples > 0 and has("audio_input_latency_avg_ms")'
cp "$OUT" "$TEST_TMP/rows.ndjson"
check "40 distinct participants" \
    test "$(jq -r .participant_id "$TEST_TMP/rows.ndjson" | sort -u | wc -l)" -eq 40

# jq's own ranking of those rows: KEY_EXPR picks the value, DIR is -1 for
# worst-is-highest; unknown values last, ties by participant_id.
expected_order() { # KEY_EXPR DIR
    jq -r -s --argjson dir "$2" "
        map({id: .participant_id, v: ($1)})
        | sort_by([(if .v == null then 1 else 0 end), (if .v == null then 0 else .v * \$dir end), .id])
        | .[].id" "$TEST_TMP/rows.ndjson"
}
streams='["audio_input","audio_output","video_input","video_output","as_input","as_output"]'
highest() { echo "[$streams[] as \$s | .[\$s + \"_$1\"] | select(. != null)] | max"; }
lowest() { echo "[$streams[] as \$s | .[\$s + \"_$1\"] | select(. != null)] | min"; }

check_sorted() { # SORT KEY_EXPR DIR
    run_zoomqos list "$W" --type past --sort "$1" -o ndjson
    expect_exit 0
    expect_stdout_lines 40
    jq -r .participant_id "$OUT" >"$TEST_TMP/got"
    expected_order "$2" "$3" >"$TEST_TMP/want"
    check "--sort $1 orders as its column says" cmp -s "$TEST_TMP/got" "$TEST_TMP/want"
}
check_sorted latency "$(highest latency_avg_ms)" -1
check_sorted jitter "$(highest jitter_avg_ms)" -1
check_sorted loss "$(highest loss_avg_pct)" -1
check_sorted max_loss "$(highest loss_max_pct)" -1
check_sorted bitrate "$(lowest bitrate_min_kbps)" 1
check_sorted fps "$(lowest frame_rate_min_fps)" 1
check_sorted cpu ".cpu_zoom_avg_pct" -1
check_sorted breaches ".breaches" -1

# The ranking is not the page order (else the checks above prove little).
run_zoomqos list "$W" --type past --sort latency -o ndjson
jq -r .participant_id "$OUT" >"$TEST_TMP/by_latency"
jq -r .participant_id "$TEST_TMP/rows.ndjson" >"$TEST_TMP/page_order"
check "sorting changes the order" bash -c "! cmp -s '$TEST_TMP/by_latency' '$TEST_TMP/page_order'"
check "the worst latency really is first" test "$(head -1 "$TEST_TMP/by_latency")" = \
    "$(expected_order "$(highest latency_avg_ms)" -1 | head -1)"

# --- --top N: the first N of the same ranking, in every format
run_zoomqos list "$W" --type past --sort latency --top 5 -o ndjson
expect_exit 0
expect_stdout_lines 5
check "--top 5 is the head of the ranking" \
    cmp -s <(jq -r .participant_id "$OUT") <(head -5 "$TEST_TMP/by_latency")

run_zoomqos list "$W" --type past --sort latency --top 5 -o json
expect_exit 0
expect_stdout_jq '.webinar_id == "85000000000" and .type == "past" and .total_records == 40'
expect_stdout_jq '(.participants | length) == 5'
check "json: the same five" \
    cmp -s <(jq -r '.participants[].participant_id' "$OUT") <(head -5 "$TEST_TMP/by_latency")

run_zoomqos list "$W" --type past --sort latency --top 5 -o csv
expect_exit 0
expect_stdout_lines 6
check "csv header" grep -q '^event_id,participant_id,user_id,user_name,device,location,join_time,leave_time,samples,audio_input_latency_avg_ms,' "$OUT"
check "csv: the same five" \
    cmp -s <(tail -n +2 "$OUT" | cut -d, -f2) <(head -5 "$TEST_TMP/by_latency")

run_zoomqos list "$W" --type past --sort latency --top 5
expect_exit 0
expect_stdout_lines 6
expect_stdout_contains "PARTICIPANT"
first_name=$(jq -r -s --arg id "$(head -1 "$TEST_TMP/by_latency")" \
    '.[] | select(.participant_id == $id) | .user_name' "$TEST_TMP/rows.ndjson")
check "table: the worst participant first" bash -c "sed -n 2p '$OUT' | grep -qF '$first_name'"

# --top alone ranks by breaches.
run_zoomqos list "$W" --type past --top 3 -o ndjson
expect_exit 0
expect_stdout_lines 3
check "--top alone: by breaches" \
    cmp -s <(jq -r .participant_id "$OUT") <(expected_order .breaches -1 | head -3)

# --- a small webinar with messy participants: every format works sorted
run_zoomqos list 81234567890 --type past --sort bitrate -o csv
expect_exit 0
expect_stdout_lines 6
run_zoomqos list 81234567890 --type past --summary -o json
expect_exit 0
expect_stdout_jq '(.participants | length) == 5 and (.participants | map(.verdict | type) | unique) == ["string"]'
expect_stdout_jq '[.participants[] | select(.health != null)] | length > 0'

# --- --fail-on still judges every participant
run_zoomqos list 81234567890 --type past --sort latency --fail-on 'latency>300' -o ndjson
expect_exit 8
expect_stderr_contains "breach: participant"
expect_stdout_lines 5

# --- usage errors
run_zoomqos list "$W" --type past --sort latency -o raw
expect_exit 2
expect_stderr_contains "raw"
run_zoomqos list "$W" --type past --summary
expect_exit 2
expect_stderr_contains "--summary"
run_zoomqos list "$W" --type past --sort speed
expect_exit 2
run_zoomqos list "$W" --type past --top 0
expect_exit 2

finish
