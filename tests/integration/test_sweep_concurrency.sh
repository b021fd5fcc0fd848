#!/usr/bin/env bash
# `zoomqos sweep --concurrency`: several events read at once on the shared
# pacer, so that slow answers do not leave --rate idle; the archive is the
# sequential sweep's, byte for byte, and the plan's request count still the
# mock's; a daily limit mid-sweep leaves only complete files and reruns
# complete them.
# ctest-timeout: 300
source "$(dirname "$0")/lib.sh"

# Every answer takes 200 ms: one event after another, 16 requests take over
# 3 s; four at a time at --rate 20, about half of that (the all-hands
# webinar's 5 pages in a row are the longest chain).
start_mock --today 2026-12-02 --latency-ms 200
RANGE=(--from 2026-10-01 --to 2026-11-30 --page-size 1 --rate 20)

snapshot() { # DIR: "name md5-of-contents" per file
    (cd "$1" && for f in *; do printf '%s ' "$f"; zcat "$f" | md5sum; done)
}
seconds() { # the last run's wall time as a number
    awk -v t="$LAST_ELAPSED" 'BEGIN { printf "%.3f", t }'
}

S="$TEST_TMP/sequential"
run_zoomqos sweep "${RANGE[@]}" --archive "$S" --concurrency 1 -o ndjson
expect_exit 0
expect_stderr_contains "16 requests (2 event-list + 14 QoS at --page-size 1)"
expect_requests 16
sequential=$(seconds)
snapshot "$S" >"$TEST_TMP/sequential.txt"
check "six files" test "$(wc -l <"$TEST_TMP/sequential.txt")" -eq 6

mock_reset
C="$TEST_TMP/concurrent"
run_zoomqos sweep "${RANGE[@]}" --archive "$C" --concurrency 4 -o ndjson
expect_exit 0
expect_requests 16
concurrent=$(seconds)
expect_stdout_lines 6
check "one line per event, each event once" test "$(jq -r .uuid "$OUT" | sort -u | wc -l)" -eq 6
check "byte-identical contents" cmp -s "$TEST_TMP/sequential.txt" <(snapshot "$C")
check "no temporary file left" test "$(ls -A "$C" | wc -l)" -eq 6
check "--concurrency 4 (${concurrent} s) under 0.75 x --concurrency 1 (${sequential} s)" \
    awk -v c="$concurrent" -v s="$sequential" 'BEGIN { exit !(c < 0.75 * s) }'
# Several events were in flight at once: some QoS request started before
# another event's file was finished (sequentially every event's pages are
# contiguous in the request log).
mock_requests | jq -r '.[] | select(.target | test("/qos")) | .event_id' >"$TEST_TMP/order"
check "events interleaved" test "$(uniq "$TEST_TMP/order" | wc -l)" -gt 6

# --- the daily limit mid-sweep, four events at a time: exit 5, only
# complete files, and a rerun completes the same archive
kill -TERM "$MOCK_PID"
wait "$MOCK_PID" || true
MOCK_PID=""
start_mock --today 2026-12-02 --daily-limit 8
D="$TEST_TMP/daily"
run_zoomqos sweep "${RANGE[@]}" --archive "$D" --concurrency 4
expect_exit 5
expect_stderr_contains "daily rate limit"
expect_stderr_contains "events archived in this run"
for file in "$D"/*.ndjson.gz; do
    [[ -e "$file" ]] || continue
    zcat "$file" >"$TEST_TMP/whole" || fail "$file: not a complete gzip file"
    expected=$(head -n 1 "$TEST_TMP/whole" | jq .participants)
    [[ $(wc -l <"$TEST_TMP/whole") -eq $((expected + 1)) ]] || fail "$file lacks participants"
done
CHECKS=$((CHECKS + 1))
check "no temporary file left" test -z "$(ls -A "$D" | grep -v '\.ndjson\.gz$' || true)"
check "not every file" test "$(ls -A "$D" | wc -l)" -lt 6
# Each night the quota is back (and used up again after 8 requests): the
# sweep ends within a few runs, every run archiving something.
for night in 1 2 3 4 5; do
    before=$(ls -A "$D" | wc -l)
    mock_reset
    run_zoomqos sweep "${RANGE[@]}" --archive "$D" --concurrency 4
    [[ $LAST_EXIT -eq 0 ]] && break
    expect_exit 5
    [[ $(ls -A "$D" | wc -l) -gt $before ]] || fail "night $night archived nothing"
done
expect_exit 0
check "the resumed archive equals the sequential one" cmp -s "$TEST_TMP/sequential.txt" <(snapshot "$D")

# --- --concurrency outside 1..32 is a usage error before any request
mock_reset
run_zoomqos sweep "${RANGE[@]}" --archive "$D" --concurrency 0
expect_exit 2
run_zoomqos sweep "${RANGE[@]}" --archive "$D" --concurrency 33
expect_exit 2
expect_requests 0

finish
