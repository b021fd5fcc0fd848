#!/usr/bin/env bash
# A participant of tens of thousands of samples (a ~50 MB body) is mapped
# whole and written in every format, with memory a small multiple of the body
# (each sample is mapped as soon as it is parsed; -o json writes sample by
# sample). The exact targets are measured by bench/big_body.sh; the bound here
# is loose enough for any machine and still far below the 8-11 x a DOM costs.
# ctest-timeout: 300
source "$(dirname "$0")/lib.sh"

start_mock --quiet
W=81234567890
P=16778240
# A minute apart: 38 days, about 50 MB. Where RSS means nothing (ASan) a
# tenth of it checks the same paths in a tenth of the time.
N=55000
measure_rss=0
if can_measure_rss; then
    measure_rss=1
else
    N=5500
fi
LAST_SAMPLE_TIME=$(date -u -d "2026-11-20T00:00:00Z + $((N - 1)) minutes" +%Y-%m-%dT%H:%M:%SZ)

# run_measured ARGS...: zoomqos with the body cap raised; its peak RSS in KiB in RSS_KB.
run_measured() {
    if ((measure_rss)); then
        LAST_CMD="time -v zoomqos $*"
        LAST_EXIT=0
        timeout 120 /usr/bin/time -v -o "$TEST_TMP/time" "$ZOOMQOS" "$@" --max-body 100000000 \
            >"$OUT" 2>"$ERR" || LAST_EXIT=$?
        RSS_KB=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$TEST_TMP/time")
    else
        run_zoomqos "$@" --max-body 100000000
    fi
}

# expect_rss_within MULTIPLE: peak RSS at most MULTIPLE x the body + 32 MiB.
expect_rss_within() {
    ((measure_rss)) || return 0
    local bound=$(($1 * BODY_BYTES / 1024 + 32768))
    echo "peak RSS: ${RSS_KB} KiB for a ${BODY_BYTES}-byte body (bound ${bound} KiB)"
    check "peak RSS ${RSS_KB} KiB within $1 x body + 32 MiB" test "$RSS_KB" -le "$bound"
}

# --- raw: the body as served, byte for byte; and its size for the bounds below
mock_faults "{\"samples\": $N}"
run_measured get "$W" "$P" --type past -o raw
expect_exit 0
BODY_BYTES=$(wc -c <"$OUT")
check "a body of over $((N * 800)) bytes ($BODY_BYTES)" test "$BODY_BYTES" -gt $((N * 800))
jq -e --argjson n "$N" '.user_qos | length == $n' "$OUT" >/dev/null || fail "the mock's body is not $N samples"
expect_rss_within 2

for chunked in false true; do
    # --- json: every sample, in order, the same text as a DOM would print
    mock_faults "{\"samples\": $N, \"chunked\": $chunked}"
    run_measured get "$W" "$P" --type past -o json
    expect_exit 0
    expect_stdout_jq '.user_qos | length == $n' --argjson n "$N"
    expect_stdout_jq '.user_qos[0].date_time == "2026-11-20T00:00:00Z" and .user_qos[-1].date_time == $last' --arg last "$LAST_SAMPLE_TIME"
    expect_stdout_jq '.user_qos[-1].video_input.resolution == {"width": 1280, "height": 720} and .user_qos[-1].audio_input.bitrate_kbps == 28'
    check "chunked=$chunked: pretty-printed as jq prints it" cmp -s <(jq --indent 2 . "$OUT") "$OUT"
    expect_rss_within 3
done

# --- ndjson and csv: a line per sample
mock_faults "{\"samples\": $N}"
run_measured get "$W" "$P" --type past -o ndjson
expect_exit 0
expect_stdout_lines "$N"
expect_rss_within 3
mock_faults "{\"samples\": $N}"
run_measured get "$W" "$P" --type past -o csv
expect_exit 0
expect_stdout_lines $((N + 1))
expect_rss_within 3

# --- a broken sample deep in a big body is still refused, naming it
mock_faults '{"body": "{\"id\": \"x\", \"user_qos\": [{\"date_time\": \"2026-11-20T00:00:00Z\"}, 7]}"}'
run_zoomqos get "$W" "$P" --type past -o json
expect_exit 7
expect_stderr_contains "expected user_qos[1] to be an object, got a number"

finish
