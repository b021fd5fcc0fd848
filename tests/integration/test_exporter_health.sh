#!/usr/bin/env bash
# `zoomqos exporter`'s GET /healthz over HTTP, the real binary against the
# real zoomqos-mock: 200 while polls succeed; 503 once the last successful
# poll is three intervals old, whether polls fail (the mock answers 500) or
# hang (the mock accepts and never answers), while GET /metrics keeps serving
# the last values; 200 again once a poll succeeds; 503 before any poll has.
# Waits are bounds for a loaded machine, never timing assertions.
# ctest-timeout: 180
source "$(dirname "$0")/lib.sh"

W=82000000001 # the mock's live webinar, with two participants
start_mock

EXPORTER_PID=""
_stop_exporter() {
    local status=$?
    if [[ -n "$EXPORTER_PID" ]]; then
        kill -TERM "$EXPORTER_PID" 2>/dev/null || true
        wait "$EXPORTER_PID" 2>/dev/null || true
    fi
    if [[ $status -ne 0 && -f "$TEST_TMP/exporter.log" ]]; then
        echo "--- exporter log (last 20 lines):" >&2
        tail -n 20 "$TEST_TMP/exporter.log" >&2
    fi
    (exit "$status")
    _cleanup
}
trap _stop_exporter EXIT

# start_exporter ARGS...: an exporter on a port of its own choosing, polling
# $W every second; sets EXPORTER (its base URL).
start_exporter() {
    : >"$TEST_TMP/exporter.log"
    timeout 170 "$ZOOMQOS" exporter --listen 127.0.0.1:0 --events "$W" --interval 1 \
        --daily-budget 0 "$@" >/dev/null 2>"$TEST_TMP/exporter.log" &
    EXPORTER_PID=$!
    wait_for 30 "the exporter logs its start" port_logged
    EXPORTER="http://127.0.0.1:$(exporter_port)"
}
stop_exporter() {
    kill -TERM "$EXPORTER_PID"
    local status=0
    wait "$EXPORTER_PID" || status=$?
    EXPORTER_PID=""
    check "the exporter stops on SIGTERM (exit $status)" test "$status" -eq 143
}
exporter_port() { sed -n 's/.*msg="exporter started".* port=\([0-9][0-9]*\).*/\1/p' "$TEST_TMP/exporter.log"; }
port_logged() { [[ -n "$(exporter_port)" ]]; }

# status_of PATH: the HTTP status of GET $EXPORTER$PATH (000: no answer);
# the body goes to $TEST_TMP/answer.
status_of() { _curl -o "$TEST_TMP/answer" -w '%{http_code}' "$EXPORTER$1" || true; }
healthz_is() { [[ "$(status_of /healthz)" == "$1" ]]; }
polls_logged() { grep -c "msg=\"$1\"" "$TEST_TMP/exporter.log" || true; }
more_polls() { [[ "$(polls_logged "$1")" -gt "$2" ]]; }
# The Unix second of the last successful poll's log line (its ts, whole seconds).
last_ok_second() {
    date -u -d "$(sed -n 's/^ts=\([^ ]*\) level=info msg="poll done".*/\1/p' "$TEST_TMP/exporter.log" | tail -n 1)" +%s
}
# A participant's series of the webinar, still on /metrics.
serves_participants() {
    [[ "$(status_of /metrics)" == 200 ]] &&
        grep -q "^zoomqos_participant_info{.*event_id=\"$W\"" "$TEST_TMP/answer"
}

# --- polls succeed: 200
start_exporter --retries 0
wait_for 30 "a first successful poll" more_polls "poll done" 0
check "/healthz is 200 while polls succeed" healthz_is 200
check "and says ok" grep -qx ok "$TEST_TMP/answer"
check "/metrics serves the participants" serves_participants

# --- polls fail (every request answers 500): 503 after three intervals
mock_faults '{"status": 500, "count": "forever"}'
wait_for 30 "a failed poll is logged" more_polls "poll incomplete" 0
# From here on every poll fails.
ok_polls=$(polls_logged "poll done")
wait_for 60 "/healthz turns 503 while polls fail" healthz_is 503
seen_503=$(date -u +%s)
check "the 503 says why" grep -qx 'stale: no successful poll in three intervals' "$TEST_TMP/answer"
# Never before three intervals (3 s) after the last success; both times are
# whole seconds, rounded down.
last_ok=$(last_ok_second)
check "not before three intervals ($last_ok -> $seen_503)" test $((seen_503 - last_ok)) -ge 2
check "no successful poll since" test "$(polls_logged "poll done")" -eq "$ok_polls"
check "/metrics still 200 with the last values" serves_participants
check "which count the failed polls" grep -Eq '^zoomqos_exporter_polls_total\{result="failed"\} [1-9]' "$TEST_TMP/answer"
age=$(sed -n 's/^zoomqos_exporter_data_age_seconds //p' "$TEST_TMP/answer")
check "and how old they are: three intervals or more ($age s)" awk -v age="$age" 'BEGIN { exit !(age + 0 >= 3) }'
check "/healthz is still 503" healthz_is 503

# --- the mock answers again: the next poll succeeds and /healthz is 200
_curl --fail -X DELETE "$MOCK_ROOT/_mock/faults" >/dev/null || fail "DELETE /_mock/faults failed"
wait_for 30 "a successful poll after the failures" more_polls "poll done" "$ok_polls"
wait_for 30 "/healthz is 200 again" healthz_is 200

# --- a poll hangs (the mock accepts and never answers; --timeout 150):
# /healthz turns 503 during it and /metrics answers meanwhile, from
# civetweb's threads
stop_exporter
start_exporter --retries 0 --timeout 150
wait_for 30 "a first poll of the new exporter" more_polls "poll done" 0
_curl --fail --data '{"delay": 600000, "count": "forever"}' "$MOCK_ROOT/_mock/faults" >/dev/null ||
    fail "queueing the hang failed"
wait_for 60 "/healthz turns 503 while a poll hangs" healthz_is 503
check "/metrics answers while the poll hangs" serves_participants
# A poll that failed would say so; one that ended would be a success.
check "the poll is under way: none failed" test "$(polls_logged "poll incomplete")" -eq 0
done_polls=$(polls_logged "poll done")
sleep 2
check "and none ended in 2 s at a 1 s interval" test "$(polls_logged "poll done")" -eq "$done_polls"
check "/healthz is still 503" healthz_is 503
stop_exporter

# --- no successful poll yet (its first request hangs too): 503 from the
# start, /metrics 200 with the self metrics and no participant series
start_exporter --retries 0 --timeout 150
check "/healthz is 503 before any successful poll" healthz_is 503
check "/metrics answers 200" test "$(status_of /metrics)" = 200
check "without participant series" bash -c "! grep -q '^zoomqos_participant_' '$TEST_TMP/answer'"
check "with the self metrics" grep -q '^# TYPE zoomqos_exporter_retries_total counter' "$TEST_TMP/answer"
stop_exporter

finish
