#!/usr/bin/env bash
# A run stopped by a signal at any moment still prints one valid JSON document,
# and that document says it is incomplete: list's object ends with
# "complete": false and a reason, an array of many participants with one more
# element {"complete": false, ...}. 40 runs, each signalled at a random moment
# after its first request reached the mock.
# ctest-timeout: 300
source "$(dirname "$0")/lib.sh"

# 40 participants one per page, 30 ms a request: a walk takes over a second.
start_mock --quiet --participants 40 --latency-ms 30
W=85000000000
seq 20000001 20000040 >"$TEST_TMP/ids"
signals=(INT TERM HUP)
codes=([1]=129 [2]=130 [15]=143)

run_signalled() { # SIGNAL ARGS...: signal zoomqos 0-1 s after its first request
    local signal=$1
    shift
    mock_reset
    LAST_CMD="zoomqos $(printf '%q ' "$@")(SIG$signal at a random moment)"
    timeout 30 env --default-signal=INT "$ZOOMQOS" "$@" >"$OUT" 2>"$ERR" <"$TEST_TMP/ids" &
    local pid=$! waited=0
    while [[ "$(mock_request_count)" -eq 0 ]] && ((waited < 500)); do
        sleep 0.02
        waited=$((waited + 1))
    done
    sleep "$(awk -v r="$RANDOM" 'BEGIN { printf "%.2f", r % 100 / 100 }')"
    kill -s "$signal" "$pid" 2>/dev/null || true
    LAST_EXIT=0
    wait "$pid" || LAST_EXIT=$?
}

for run in $(seq 40); do
    signal=${signals[$((run % 3))]}
    number=$(kill -l "$signal")
    if ((run % 2 == 0)); then
        run_signalled "$signal" list "$W" --type past -o json --page-size 1
        shape=".complete == false and (.reason | startswith(\"interrupted by SIG$signal\"))"
    else
        run_signalled "$signal" get "$W" - --type past -o json --concurrency 1
        shape="(last | .complete == false and (.reason | startswith(\"interrupted by SIG$signal\")))
               and ([.[] | select(has(\"complete\"))] | length == 1)"
    fi
    if [[ $LAST_EXIT -eq 0 ]]; then
        # The signal came after the run had ended: the document is whole.
        check "run $run ended before its signal: complete" jq -e \
            'if type == "array" then (map(select(has("complete"))) | length == 0) and length == 40
             else .complete == true and (.participants | length == 40) end' "$OUT"
        continue
    fi
    check "run $run: SIG$signal exits ${codes[$number]} (got $LAST_EXIT)" test "$LAST_EXIT" -eq "${codes[$number]}"
    check "run $run: stdout is one JSON document" jq -e 'true' "$OUT"
    check "run $run: it says it is incomplete" jq -e "$shape" "$OUT"
done

# A walk that fails (not a signal) closes its document the same way.
run_zoomqos list 89999999999 --type past -o json
expect_exit 4
check "a failed list is a document marked incomplete" \
    jq -e '.complete == false and (.reason | length > 0) and .participants == []' "$OUT"
finish
