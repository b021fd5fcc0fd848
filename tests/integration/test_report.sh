#!/usr/bin/env bash
# `zoomqos report`: one event's participants, read page by page, written as
# one HTML file; the default file name, stdout, byte-identical output under
# SOURCE_DATE_EPOCH, Zoom's markup kept as text, errors that leave no file.
source "$(dirname "$0")/lib.sh"

start_mock
W=87000000001 # the mock's report webinar: 22 sessions, markup in names
export SOURCE_DATE_EPOCH=1764547200 # 2025-12-01T00:00:00Z
mkdir -p "$TEST_TMP/work"
cd "$TEST_TMP/work"

# --- the default file, from three pages of the list endpoint
mock_reset
run_zoomqos report "$W"
expect_exit 0
expect_requests 3
expect_stderr_contains "wrote zoomqos-report-$W.html (22 participants)"
REPORT="$TEST_TMP/work/zoomqos-report-$W.html"
check "the default file exists" test -s "$REPORT"
check "no partial file is left" test ! -e "$REPORT.partial"
check "the list endpoint, past by default" \
    grep -q "participants/qos?type=past&page_size=10" <(mock_requests | jq -r '.[].target')
check "a doctype" grep -q '^<!DOCTYPE html>' "$REPORT"
check "the CSP" grep -qF "content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-" "$REPORT"
check "generated at SOURCE_DATE_EPOCH" grep -qF "at 2025-12-01T00:00:00Z. All times are UTC." "$REPORT"
check "escaped script name" grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' "$REPORT"
check "escaped attribute breaker" grep -qF '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;' "$REPORT"
check "no raw img" bash -c "! grep -qF '<img' '$REPORT'"
check "one script element" test "$(grep -o '<script' "$REPORT" | wc -l)" -eq 1
check "no bidi override" bash -c "! grep -qP '\x{202E}' '$REPORT'"
check "no URL but the SVG namespace" \
    bash -c "! grep -oE '(https?:)?//[a-z0-9.-]+' '$REPORT' | grep -v '^http://www.w3.org\$' | grep -q ."
check "the spike is named" grep -qF "points at Zoom&#39;s platform or the host" "$REPORT"
check "the rejoin is two rows" test "$(grep -o '<td data-v="Kavya Nair">' "$REPORT" | wc -l)" -eq 2

# --- the same data gives the same bytes
run_zoomqos report "$W" -o "$TEST_TMP/again.html"
expect_exit 0
check "reproducible" cmp -s "$REPORT" "$TEST_TMP/again.html"

# --- stdout
run_zoomqos report "$W" -o -
expect_exit 0
expect_stdout_equals_file "$REPORT"

# --- --tz: every time of the page in the zone, named; the default is local
# time (TZ here is UTC), as in tables; an unknown zone is a usage error
mock_reset
run_zoomqos report "$W" --tz Asia/Tokyo -o "$TEST_TMP/tokyo.html"
expect_exit 0
check "the zone is named" grep -qF "All times are JST.</p>" "$TEST_TMP/tokyo.html"
check "the start in it" grep -qF "<dt>Start (JST)</dt><dd>2026-11-25T00:00:00+09:00</dd>" "$TEST_TMP/tokyo.html"
check "the spike at its minute in it" grep -qF "at 00:21 JST" "$TEST_TMP/tokyo.html"
check "joins in it" grep -qF '<td data-v="2026-11-25T00:00:00+09:00">' "$TEST_TMP/tokyo.html"
check "no UTC left" bash -c "! grep -q 'UTC' '$TEST_TMP/tokyo.html'"
run_zoomqos_env TZ=Asia/Tokyo -- report "$W" -o "$TEST_TMP/local.html"
expect_exit 0
check "local time by default" cmp -s "$TEST_TMP/tokyo.html" "$TEST_TMP/local.html"
mock_reset
run_zoomqos report "$W" --tz Mars/Olympus -o "$TEST_TMP/mars.html"
expect_exit 2
expect_stderr_contains "--tz: unknown time zone 'Mars/Olympus'"
expect_requests 0
check "no file" test ! -e "$TEST_TMP/mars.html"

# --- thresholds in force are shown; --fail-on writes the report, then exit 8
run_zoomqos report "$W" --thresholds 'latency>500' -o "$TEST_TMP/loose.html"
expect_exit 0
check "the changed threshold is shown" grep -qF '<code>latency&gt;500</code>' "$TEST_TMP/loose.html"
run_zoomqos report "$W" --fail-on default -o "$TEST_TMP/failing.html"
expect_exit 8
expect_stderr_contains "breach: participant"
check "written before the verdict" test -s "$TEST_TMP/failing.html"

# --- an instance UUID makes a safe file name
run_zoomqos report "/Zq0aA1b2Cc3Dd4=="
expect_exit 0
check "UUID file name" test -s "$TEST_TMP/work/zoomqos-report-_Zq0aA1b2Cc3Dd4__.html"

# --- errors: no file, the usual exit codes
run_zoomqos report 99999999999 -o "$TEST_TMP/missing.html"
expect_exit 4
check "no file for a missing event" test ! -e "$TEST_TMP/missing.html"
run_zoomqos report "$W" --type live -o "$TEST_TMP/live.html"
expect_exit 4
expect_stderr_contains "--type past"
run_zoomqos report "$W" -o "$TEST_TMP/no/such/dir/r.html"
expect_exit 1
expect_stderr_contains "cannot write"
run_zoomqos_env SOURCE_DATE_EPOCH=yesterday -- report "$W"
expect_exit 2
expect_stderr_contains "SOURCE_DATE_EPOCH"
run_zoomqos report "$W" --annotate
expect_exit 2

finish
