#!/usr/bin/env bash
# Fault matrix, size: a body over --max-body is aborted while streaming
# (exit 7) and zoomqos's memory stays bounded.
source "$(dirname "$0")/lib.sh"

start_mock --quiet
W=81234567890
P=16778240

# A 300 MiB body against the default 64 MiB cap: exit 7, one request, and
# memory bounded by the cap (the buffer never grows past it; buffering the
# whole body would be far above the bound).
# The bound is checked where RSS can be measured (can_measure_rss); exit code
# and request count everywhere.
measure_rss=0
if can_measure_rss; then
    measure_rss=1
fi
expect_capped() {
    if ((measure_rss)); then
        LAST_CMD="time -v zoomqos get $W $P --type past"
        LAST_EXIT=0
        /usr/bin/time -v -o "$TEST_TMP/time" "$ZOOMQOS" get "$W" "$P" --type past >"$OUT" 2>"$ERR" ||
            LAST_EXIT=$?
        expect_exit 7
        rss_kb=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$TEST_TMP/time")
        echo "peak RSS: ${rss_kb} KiB"
        check "peak RSS ${rss_kb} KiB stays under 128 MiB" test "$rss_kb" -lt 131072
    else
        run_zoomqos get "$W" "$P" --type past
        expect_exit 7
    fi
    expect_stderr_contains "response body larger than the 67108864-byte limit; transfer aborted"
    expect_requests 1
}

# --- announced by Content-Length: refused before the body is read
mock_faults '{"size": 314572800}'
expect_capped
# --- chunked, no Content-Length: the cap must hold while streaming
mock_faults '{"size": 314572800, "chunked": true}'
expect_capped

# --- --max-body takes a plain byte count
mock_faults '{"size": 2000}'
run_zoomqos get "$W" "$P" --type past --max-body 1999 -o raw
expect_exit 7
expect_stderr_contains "larger than the 1999-byte limit"
expect_stdout_lines 0
mock_faults '{"size": 2000}'
run_zoomqos get "$W" "$P" --type past --max-body 2000 -o raw
expect_exit 0
check "the 2000-byte body came through" test "$(wc -c <"$OUT")" -eq 2000
run_zoomqos get "$W" "$P" --type past --max-body 64MiB
expect_exit 2

# --- a huge cap costs nothing up front: memory follows the bytes received
for chunked in false true; do
    mock_faults "{\"size\": 2000000, \"chunked\": $chunked}"
    run_zoomqos get "$W" "$P" --type past --max-body 100000000000 -o raw
    expect_exit 0
    check "chunked=$chunked: the 2 MB body came through under a 100 GB cap" \
        test "$(wc -c <"$OUT")" -eq 2000000
done

finish
