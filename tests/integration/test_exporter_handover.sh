#!/usr/bin/env bash
# `zoomqos exporter` is served by zoomqos-exporter, the one program that
# links prometheus-cpp and civetweb: zoomqos replaces itself with it (same
# process ID, arguments and environment), found next to zoomqos or in
# ../libexec/zoomqos as installed. zoomqos itself does not load the
# Prometheus libraries, runs every other command without the helper, and
# says so in one line, exit 1, when the helper is missing or cannot run.
source "$(dirname "$0")/lib.sh"

command -v readelf >/dev/null || fail "this test needs readelf (binutils)"
HELPER=$(dirname "$ZOOMQOS")/zoomqos-exporter
[[ -x "$HELPER" ]] || fail "no zoomqos-exporter next to $ZOOMQOS"

needed() { readelf -d "$1" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p'; }
needed "$ZOOMQOS" >"$TEST_TMP/zoomqos.needed"
needed "$HELPER" >"$TEST_TMP/helper.needed"
check "zoomqos needs libcurl" grep -q '^libcurl' "$TEST_TMP/zoomqos.needed"
check "zoomqos does not need prometheus-cpp or civetweb" \
    bash -c "! grep -Eq 'prometheus|civetweb' '$TEST_TMP/zoomqos.needed'"
check "zoomqos-exporter needs prometheus-cpp's pull library" grep -q '^libprometheus-cpp-pull' "$TEST_TMP/helper.needed"
check "zoomqos-exporter needs civetweb" grep -q '^libcivetweb' "$TEST_TMP/helper.needed"

start_mock
W=82000000001 # the mock's live webinar

EXPORTER_PID=""
_stop_all() {
    local status=$?
    [[ -z "$EXPORTER_PID" ]] || kill -KILL "$EXPORTER_PID" 2>/dev/null || true
    (exit "$status")
    _cleanup
}
trap _stop_all EXIT

# --- the same process, now zoomqos-exporter, with zoomqos's arguments
(exec "$ZOOMQOS" exporter --listen 127.0.0.1:0 --events "$W" --interval 5 \
    >"$TEST_TMP/exporter.out" 2>"$TEST_TMP/exporter.log") &
EXPORTER_PID=$!
started() { grep -q 'msg="exporter started"' "$TEST_TMP/exporter.log"; }
wait_for 60 "the exporter logs its start" started
check "the process zoomqos started is zoomqos-exporter now" \
    test "$(readlink "/proc/$EXPORTER_PID/exe")" = "$(readlink -f "$HELPER")"
tr '\0' ' ' <"/proc/$EXPORTER_PID/cmdline" >"$TEST_TMP/cmdline"
check "with zoomqos's arguments" \
    grep -qx "$HELPER exporter --listen 127.0.0.1:0 --events $W --interval 5 " "$TEST_TMP/cmdline"
kill -TERM "$EXPORTER_PID"
status=0
wait "$EXPORTER_PID" || status=$?
EXPORTER_PID=""
check "SIGTERM stops it as it stops zoomqos (exit 143)" test "$status" -eq 143
check "its log says so" grep -q 'msg=stopping signal=SIGTERM' "$TEST_TMP/exporter.log"

# --- installed: the helper in ../libexec/zoomqos
mkdir -p "$TEST_TMP/usr/bin" "$TEST_TMP/usr/libexec/zoomqos"
cp "$ZOOMQOS" "$TEST_TMP/usr/bin/zoomqos"
ZOOMQOS=$TEST_TMP/usr/bin/zoomqos
cp "$HELPER" "$TEST_TMP/usr/libexec/zoomqos/zoomqos-exporter"
run_zoomqos exporter --interval 0
expect_exit 2
expect_stderr_contains "--interval"
check "a usage error is told once" test "$(grep -c 'interval' "$ERR")" -eq 1
run_zoomqos exporter --help
expect_exit 0
expect_stdout_contains "Serve live webinars' (or meetings') QoS to Prometheus"
expect_stdout_contains "--daily-budget"

# --- a helper that cannot run is named, with the reason
chmod 644 "$TEST_TMP/usr/libexec/zoomqos/zoomqos-exporter"
run_zoomqos exporter --events "$W"
expect_exit 1
expect_stderr_contains "zoomqos: error: cannot run $TEST_TMP/usr/bin/../libexec/zoomqos/zoomqos-exporter: Permission denied"

# --- no helper: one line, exit 1; every other command still runs
rm "$TEST_TMP/usr/libexec/zoomqos/zoomqos-exporter"
run_zoomqos exporter --events "$W"
expect_exit 1
expect_stderr_contains "zoomqos: error: zoomqos-exporter is not installed: not in $TEST_TMP/usr/bin/zoomqos-exporter nor in $TEST_TMP/usr/bin/../libexec/zoomqos/zoomqos-exporter"
expect_stderr_contains "hint: zoomqos-exporter comes with zoomqos"
check "one error line and its hint" test "$(wc -l <"$ERR")" -eq 2
run_zoomqos get 81234567890 16778240 --type past -o ndjson
expect_exit 0
expect_stdout_lines 60
run_zoomqos --help
expect_exit 0
expect_stdout_contains "exporter"

finish
