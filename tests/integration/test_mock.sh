#!/usr/bin/env bash
# zoomqos-mock on its own, through curl: the contract the other integration
# tests rely on (auth, error shapes, encoding rules, pagination, fixtures,
# inspection, shutdown).
source "$(dirname "$0")/lib.sh"

start_mock

W=81234567890
single="/metrics/webinars/$W/participants/16778240/qos?type=past"

# expect_api STATUS [CODE]: the last api_get answered STATUS with a JSON body
# whose "code" is CODE, and a tracking ID.
expect_api() {
    [[ "$HTTP_STATUS" == "$1" ]] || fail "expected HTTP $1, got $HTTP_STATUS: $(cat "$TEST_TMP/body")"
    grep -qi '^content-type: application/json' "$TEST_TMP/headers" || fail "no JSON content type"
    grep -qi '^x-zm-trackingid: mock-[0-9]' "$TEST_TMP/headers" || fail "no x-zm-trackingid header"
    if [[ $# -ge 2 ]]; then
        jq -e --argjson code "$2" '.code == $code and (.message | type == "string")' \
            "$TEST_TMP/body" >/dev/null || fail "expected Zoom code $2, got: $(cat "$TEST_TMP/body")"
    fi
    CHECKS=$((CHECKS + 1))
}

body_jq() {
    jq -e "$@" "$TEST_TMP/body" >/dev/null || fail "body: jq $* is not true: $(head -c 300 "$TEST_TMP/body")"
    CHECKS=$((CHECKS + 1))
}

# --- auth
api_get "$single" -H "Authorization:"
expect_api 401 124
body_jq '.message == "Invalid access token."'
api_get "$single" -H "Authorization: Bearer not-the-token"
expect_api 401 124
api_get "$single" -H "Authorization: Basic bW9jay10b2tlbg=="
expect_api 401 124
api_get "$single"
expect_api 200
body_jq '.user_name == "Zoë Åkesson" and (.user_qos | length) == 60'
body_jq '.user_qos[0].date_time == "2026-11-20T14:01:00Z" and .user_qos[59].date_time == "2026-11-20T15:00:00Z"'

# --- the data set's quirks
body_jq '.user_qos[2].audio_input.avg_loss == "8%"'
body_jq '[.user_qos[] | select(.video_input.bitrate == "")] | length > 0'
body_jq '[.user_qos[] | select(.as_connection_type == "UDP")] | length > 0'
api_get "/metrics/webinars/$W/participants/16779264/qos?type=past"
expect_api 200
body_jq '.user_name == "田中 太郎" and (.vdi_plugin_info | type == "object")'
body_jq '[.user_qos[] | keys[] | select(endswith("_rwg"))] | length > 0'
api_get "/metrics/webinars/$W/participants/16780288/qos?type=past"
body_jq '.location == "" and .ip_address == ""'
body_jq '[.user_qos[] | keys[] | select(endswith("_crc"))] | length > 0'
api_get "/metrics/webinars/$W/participants/16781312/qos?type=past"
body_jq '.user_qos == []'

# --- 404s and validation
api_get "/metrics/webinars/999/participants/16778240/qos?type=past"
expect_api 404 3001
body_jq '.message == "Webinar does not exist: 999."'
api_get "/metrics/meetings/999/participants/16778240/qos?type=past"
expect_api 404 3001
body_jq '.message == "Meeting does not exist: 999."'
api_get "/metrics/webinars/$W/participants/424242/qos?type=past"
expect_api 404 3001
api_get "/metrics/webinars/$W/participants/16778240/qos?type=live"
expect_api 404 3001
api_get "/metrics/webinars/$W/participants/16778240/qos"
expect_api 404 3001
api_get "/metrics/webinars/82000000001/participants/16778240/qos?type=live"
expect_api 200
api_get "/metrics/webinars/82000000001/participants/16778240/qos?type=past"
expect_api 404 3001
api_get "/metrics/webinars/$W/participants/16778240/qos?type=pastOne"
expect_api 400 300
api_get "/metrics/webinars/$W/participants/16778240/qos/extra?type=past"
expect_api 404
api_get "/metrics/webinars/$W/participants/../participants/16778240/qos?type=past"
expect_api 404
api_get "/metrics/webinars/$W/participants/%ZZ/qos?type=past"
expect_api 404
api_get "/metrics/meetings/91234567890/participants/16778240/qos?type=past"
expect_api 200
body_jq '.meeting_number == "91234567890" and (has("health") | not)'

# --- percent-encoding: one segment per ID, UUIDs with '/' double-encoded
api_get "/metrics/webinars/$W/participants/a%2Fb%3Fc%23d..e/qos?type=past"
expect_api 200
body_jq '.user_id == "a/b?c#d..e"'
api_get "/metrics/webinars/%252FZq0aA1b2Cc3Dd4%253D%253D/participants/16778240/qos?type=past"
expect_api 200
api_get "/metrics/webinars/%2FZq0aA1b2Cc3Dd4%3D%3D/participants/16778240/qos?type=past"
expect_api 404 3001
mock_requests >"$TEST_TMP/requests.json"
check "encoded participant is one decoded segment" jq -e \
    'map(select(.participant_id == "a/b?c#d..e"))[0].path_segments[5] == "a/b?c#d..e"' \
    "$TEST_TMP/requests.json"
check "double-encoded UUID resolves" jq -e \
    'map(select(.status == 200 and .event_id == "/Zq0aA1b2Cc3Dd4==")) | length == 1' \
    "$TEST_TMP/requests.json"

# --- list endpoint: every participant exactly once across pages
list="/metrics/webinars/$W/participants/qos?type=past"
seen=()
token=""
for ((page = 0; page < 20; page++)); do
    api_get "$list&page_size=2&next_page_token=$token"
    expect_api 200
    while IFS= read -r id; do seen+=("$id"); done < <(jq -r '.participants[].user_id' "$TEST_TMP/body")
    token=$(jq -r '.next_page_token' "$TEST_TMP/body")
    [[ -n "$token" ]] || break
done
body_jq '.page_size == 2 and .total_records == 5 and .page_count == 3'
check "5 participants over the pages" test "${#seen[@]}" -eq 5
check "each participant once" test "$(printf '%s\n' "${seen[@]}" | sort -u | wc -l)" -eq 5
api_get "$list"
body_jq '.page_size == 1 and (.participants | length) == 1 and .next_page_token != ""'
api_get "$list&page_size=50"
body_jq '.page_size == 10 and (.participants | length) == 5 and .next_page_token == ""'
api_get "$list&page_size=0"
expect_api 400 300
api_get "$list&next_page_token=bogus"
expect_api 300 300
api_get "/metrics/meetings/91234567890/participants/qos?type=past&page_size=10"
body_jq '.total_records == 2 and ([.participants[].user_id] == ["16778240", "16779264"])'

# --- fixtures: served byte for byte, names limited to plain file names
api_get "/metrics/webinars/fixture/participants/mock-messy/qos"
expect_api 200
check "fixture served byte for byte" cmp "$FIXTURES/mock-messy.json" "$TEST_TMP/body"
api_get "/metrics/webinars/fixture/participants/..%2Fmock-messy/qos"
expect_api 404 3001
api_get "/metrics/webinars/fixture/participants/no-such-fixture/qos"
expect_api 404 3001

# --- inspection: never the credential, stats agree, reset empties
mock_requests >"$TEST_TMP/requests.json"
check "no credential recorded" bash -c "! grep -q -e mock-token -e bW9jay10b2tlbg -e not-the-token '$TEST_TMP/requests.json'"
check "schemes recorded" jq -e '[.[].authorization_scheme] | index("Basic") != null and index("Bearer") != null and index(null) != null' \
    "$TEST_TMP/requests.json"
count=$(jq length "$TEST_TMP/requests.json")
check "stats match the log" test "$(_curl "$MOCK_ROOT/_mock/stats" | jq .requests)" -eq "$count"
mock_reset
check "reset empties the log" test "$(mock_requests | jq length)" -eq 0

# --- process behaviour: loopback only, clean exit on SIGTERM
rc=0
"$ZOOMQOS_MOCK" --host 0.0.0.0 --port 0 >/dev/null 2>&1 || rc=$?
check "non-loopback host refused with exit 2" test "$rc" -eq 2
: >"$TEST_TMP/second.url"
"$ZOOMQOS_MOCK" --port 0 --quiet >"$TEST_TMP/second.url" 2>/dev/null &
second=$!
_wait_for_url "$second" "$TEST_TMP/second.url" >/dev/null || fail "second mock did not start"
kill -TERM "$second"
rc=0
wait "$second" || rc=$?
check "SIGTERM exits 0" test "$rc" -eq 0

finish
