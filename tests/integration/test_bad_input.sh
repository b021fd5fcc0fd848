#!/usr/bin/env bash
# Bad input to `zoomqos get`: odd IDs, out-of-range options, a bad
# ZOOM_API_URL and unusable token files. Each is either sent exactly as one
# encoded path segment (the raw target the mock recorded) or refused before
# any request with exit 2 (usage) or 3 (auth) and a message naming what was
# wrong; never a crash, never a request to another path. IDs that
# test_get_encoding.sh already covers ('/', "//", '?', '#', ".." inside an ID,
# a leading '/', non-ASCII letters) are not repeated here.
source "$(dirname "$0")/lib.sh"

start_mock

W=81234567890
P=16778240
BASE=/v2/metrics/webinars

# expect_no_crash: the last run ended with one of zoomqos's documented exit
# codes (0-8), or by SIGINT/SIGPIPE (130/141); anything else is a crash.
expect_no_crash() {
    [[ "$LAST_EXIT" -le 8 || "$LAST_EXIT" -eq 130 || "$LAST_EXIT" -eq 141 ]] ||
        fail "exit code $LAST_EXIT: zoomqos crashed"
    CHECKS=$((CHECKS + 1))
}

# sent_as TARGET ARGS...: `zoomqos ARGS...` made exactly one request, to the
# raw path and query TARGET (type=past, nothing injected), as seven segments.
sent_as() {
    local target=$1
    shift
    mock_reset
    run_zoomqos "$@" --type past --retries 0
    expect_no_crash
    expect_requests 1
    mock_last_request >"$TEST_TMP/request.json"
    jq -e --arg target "$target" \
        '.target == $target and .query == {"type": "past"} and (.path_segments | length) == 7' \
        "$TEST_TMP/request.json" >/dev/null ||
        fail "expected a request to $target, got: $(cat "$TEST_TMP/request.json")"
    CHECKS=$((CHECKS + 1))
}

# refused EXIT TEXT [ENV_ARGS... --] ARGS...: `zoomqos ARGS...` exits with
# EXIT, says TEXT on stderr and sends nothing to the mock.
refused() {
    local code=$1 text=$2
    shift 2
    mock_reset
    if [[ " $* " == *" -- "* ]]; then
        run_zoomqos_env "$@"
    else
        run_zoomqos "$@"
    fi
    expect_no_crash
    expect_exit "$code"
    expect_stderr_contains "$text"
    expect_requests 0
}

# ----------------------------------------------------------------- IDs (get)

refused 2 "webinar ID is empty" get "" "$P" --type past
refused 2 "participant ID is empty" get "$W" "" --type past
refused 2 "webinar ID is empty" get "   " "$P" --type past
refused 2 "participant ID is empty" get "$W" $' \t ' --type past

# Dot segments and a traversal: encoded, so that neither curl nor a server
# can resolve them into another path.
sent_as "$BASE/$W/participants/%2E%2E/qos?type=past" get "$W" ".."
sent_as "$BASE/$W/participants/%2E/qos?type=past" get "$W" "."
sent_as "$BASE/$W/participants/..%2F..%2Fx/qos?type=past" get "$W" "../../x"
sent_as "$BASE/..%2F..%2Fx/participants/$P/qos?type=past" get "../../x" "$P"

# A query in an ID stays in the path: the real query is still type=past alone.
sent_as "$BASE/$W/participants/%3Ftype%3Dpast/qos?type=past" get "$W" "?type=past"

# An ID that looks encoded already is encoded again, never decoded.
sent_as "$BASE/$W/participants/%252F/qos?type=past" get "$W" "%2F"

# Control bytes, bytes that are not UTF-8, an escape sequence, a tab and a
# space: every one percent-encoded.
junk=$(printf '\001\002\037\200\377\376\177\033[31m\t x')
sent_as "$BASE/$W/participants/%01%02%1F%80%FF%FE%7F%1B%5B31m%09%20x/qos?type=past" get "$W" "$junk"

# A character outside the BMP (four UTF-8 bytes).
sent_as "$BASE/$W/participants/%F0%9F%98%80/qos?type=past" get "$W" "😀"

# An instance UUID with '+', one '/' (not leading) and "==": encoded once.
sent_as "$BASE/4%2BXm2TkzQHeM%2Fr9y7pQ0bA%3D%3D/participants/$P/qos?type=past" \
    get "4+Xm2TkzQHeM/r9y7pQ0bA==" "$P"

# A 10,000-character ID: no Zoom ID is anywhere near that long; refused
# before any request rather than earning an HTTP 414.
long_id=$(printf '%*s' 10000 '' | tr ' ' a)
refused 2 "participant ID is 10000 bytes long" get "$W" "$long_id" --type past
refused 2 "webinar ID is 10000 bytes long" get "$long_id" "$P" --type past
printf '%s\n' "$P" "$long_id" >"$TEST_TMP/long-ids"
ZOOMQOS_STDIN="$TEST_TMP/long-ids" refused 2 "participant ID is 10000 bytes long" get "$W" - --type past

# ------------------------------------------------------------ options (get)

refused 2 "--timeout" get "$W" "$P" --type past --timeout -1
refused 2 "--timeout" get "$W" "$P" --type past --timeout 0
refused 2 "--timeout" get "$W" "$P" --type past --timeout 1e9
refused 2 "--timeout" get "$W" "$P" --type past --timeout 99999999999999999999
# NaN and infinity pass a plain range check (every comparison with NaN is
# false): refused by name.
refused 2 "--timeout" get "$W" "$P" --type past --timeout nan
refused 2 "--timeout" get "$W" "$P" --type past --timeout inf
refused 2 "--max-wait" get "$W" "$P" --type past --max-wait nan

refused 2 "--retries" get "$W" "$P" --type past --retries -1
refused 2 "--retries" get "$W" "$P" --type past --retries 11
refused 2 "--retries" get "$W" "$P" --type past --retries 99999999999999999999
refused 2 "--retries" get "$W" "$P" --type past --retries 1.5

refused 2 "--output" get "$W" "$P" --type past --output xml
refused 2 "--output" get "$W" "$P" --type past --output ""
refused 2 "--json" get "$W" "$P" --type past --json -o csv
expect_stderr_contains "--output"
refused 2 "--json" get "$W" "$P" --type past -o csv --json

# --------------------------------------------------------- environment (get)

refused 2 "garbage" ZOOM_API_URL=garbage -- get "$W" "$P" --type past
refused 2 "ftp" ZOOM_API_URL=ftp://127.0.0.1/v2 -- get "$W" "$P" --type past
refused 2 "192.0.2.1" ZOOM_API_URL=http://192.0.2.1/v2 -- get "$W" "$P" --type past
refused 2 "127.0.0.1.example.com" \
    ZOOM_API_URL=http://127.0.0.1.example.com/v2 -- get "$W" "$P" --type past
# The message names where the value came from.
refused 2 "ZOOM_API_URL: not a valid URL" ZOOM_API_URL=garbage -- get "$W" "$P" --type past
refused 2 "--api-url: not a valid URL" get "$W" "$P" --type past --api-url garbage

# ---------------------------------------------------------- token file (get)

: >"$TEST_TMP/empty-token"
mkdir "$TEST_TMP/token-dir"
refused 3 "$TEST_TMP/missing-token" \
    -u ZOOM_ACCESS_TOKEN -- get "$W" "$P" --type past --token-file "$TEST_TMP/missing-token"
refused 3 "$TEST_TMP/empty-token" \
    -u ZOOM_ACCESS_TOKEN -- get "$W" "$P" --type past --token-file "$TEST_TMP/empty-token"
refused 3 "$TEST_TMP/token-dir" \
    -u ZOOM_ACCESS_TOKEN -- get "$W" "$P" --type past --token-file "$TEST_TMP/token-dir"
if [[ $(id -u) -eq 0 ]]; then
    echo "skip: unreadable token file (running as root, which can read a mode-000 file)"
else
    printf 'mock-token\n' >"$TEST_TMP/unreadable-token"
    chmod 000 "$TEST_TMP/unreadable-token"
    refused 3 "$TEST_TMP/unreadable-token" -u ZOOM_ACCESS_TOKEN -- \
        get "$W" "$P" --type past --token-file "$TEST_TMP/unreadable-token"
fi

# ------------------------------------------------------- many IDs and list

refused 2 "--concurrency" get "$W" "$P" 16779264 --type past --concurrency 0
refused 2 "--concurrency" get "$W" "$P" 16779264 --type past --concurrency 33
refused 2 "--rate" get "$W" "$P" 16779264 --type past --rate 0
refused 2 "--rate" get "$W" "$P" 16779264 --type past --rate nan
refused 2 "--rate" list "$W" --type past --rate -1
refused 2 "--page-size" list "$W" --type past --page-size 0
refused 2 "--page-size" list "$W" --type past --page-size 301
refused 2 "--limit" list "$W" --type past --limit -3
refused 2 "--output" list "$W" --type past -o xml
refused 2 "webinar ID is empty" list "  " --type past
refused 2 "ZOOM_API_URL" ZOOM_API_URL=ftp://127.0.0.1/v2 -- list "$W" --type past
# An event ID with '/', '?' and '..' is one encoded segment in a list request too.
mock_reset
run_zoomqos list "../x?type=live" --type past
expect_no_crash
check "one list request, the ID encoded" test \
    "$(mock_requests | jq -r '.[0].target')" = "/v2/metrics/webinars/..%2Fx%3Ftype%3Dlive/participants/qos?type=past&page_size=10"

# Stdout closed early: no error spam, a quiet exit.
set +o pipefail
"$ZOOMQOS" list "$W" --type past --page-size 1 -o ndjson 2>"$ERR" | head -1 >/dev/null
set -o pipefail
check "list | head -1: nothing on stderr" test ! -s "$ERR"
set +o pipefail
"$ZOOMQOS" get "$W" "$P" 16779264 16780288 --type past -o csv 2>"$ERR" | head -1 >/dev/null
set -o pipefail
check "get many | head -1: nothing on stderr" test ! -s "$ERR"

finish
