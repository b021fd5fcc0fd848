#!/usr/bin/env bash
# zoomqos-mock's load-test knobs, through curl: the generated webinar
# (--participants), the generated live one (--live-participants, --churn),
# Zoom's per-second 429 (--rate-limit), --latency-ms, and the
# counters of /_mock/stats (rate_limited, connections).
source "$(dirname "$0")/lib.sh"

G=85000000000
generated_list="/metrics/webinars/$G/participants/qos?type=past"
bearer="Authorization: Bearer mock-token"
# A participant of the fixed data set (one without samples: a small body).
fixed_path="/metrics/webinars/81234567890/participants/16781312/qos?type=past"

# restart_mock ARGS...: stops the running mock, then start_mock ARGS.
restart_mock() {
    if [[ -n "$MOCK_PID" ]]; then
        kill -TERM "$MOCK_PID"
        local rc=0
        wait "$MOCK_PID" || rc=$?
        [[ "$rc" -eq 0 ]] || fail "zoomqos-mock exited $rc on SIGTERM"
        MOCK_PID=""
    fi
    start_mock "$@"
}

expect_status() {
    [[ "$HTTP_STATUS" == "$1" ]] || fail "expected HTTP $1, got $HTTP_STATUS: $(head -c 300 "$TEST_TMP/body")"
    CHECKS=$((CHECKS + 1))
}

body_jq() {
    jq -e "$@" "$TEST_TMP/body" >/dev/null || fail "body: jq $* is not true: $(head -c 300 "$TEST_TMP/body")"
    CHECKS=$((CHECKS + 1))
}

# stats_jq FILTER: GET /_mock/stats (on a new connection) and FILTER is true.
stats_jq() {
    local stats
    stats=$(_curl --fail "$MOCK_ROOT/_mock/stats") || fail "GET /_mock/stats failed"
    jq -e "$1" <<<"$stats" >/dev/null || fail "/_mock/stats: jq '$1' is not true: $stats"
    CHECKS=$((CHECKS + 1))
}

# --- without --participants there is no generated webinar
start_mock
api_get "$generated_list"
expect_status 404
body_jq '.code == 3001'

# --- --participants 25: every participant exactly once over the pages
restart_mock --participants 25
ids=()
sizes=()
token=""
for ((page = 0; page < 10; page++)); do
    api_get "$generated_list&page_size=10&next_page_token=$token"
    expect_status 200
    body_jq '.page_size == 10 and .page_count == 3 and .total_records == 25'
    sizes+=("$(jq '.participants | length' "$TEST_TMP/body")")
    while IFS= read -r id; do ids+=("$id"); done < <(jq -r '.participants[].user_id' "$TEST_TMP/body")
    token=$(jq -r '.next_page_token' "$TEST_TMP/body")
    [[ -n "$token" ]] || break
done
check "3 pages of 10, 10 and 5" test "${sizes[*]}" = "10 10 5"
check "25 participants over the pages" test "${#ids[@]}" -eq 25
check "each participant once, 20000001 to 20000025" \
    test "$(printf '%s\n' "${ids[@]}" | sort -u | tr '\n' ' ')" = "$(seq 20000001 20000025 | tr '\n' ' ')"
jq -c '.participants[-1]' "$TEST_TMP/body" >"$TEST_TMP/listed.json"

# --- ... and one by one, the same as listed, by user_id or by id
api_get "/metrics/webinars/$G/participants/20000025/qos?type=past"
expect_status 200
body_jq '.user_id == "20000025" and .user_name == "Participant 25" and .id == "GenParticipant00000025"'
body_jq '(.user_qos | length) == 5 and .user_qos[0].date_time == "2026-11-25T10:25:00Z"'
check "single endpoint serves what the list did" \
    test "$(jq -cS . "$TEST_TMP/body")" = "$(jq -cS . "$TEST_TMP/listed.json")"
cp "$TEST_TMP/body" "$TEST_TMP/first.json"
api_get "/metrics/webinars/$G/participants/20000025/qos?type=past"
check "generated participants are deterministic" cmp "$TEST_TMP/first.json" "$TEST_TMP/body"
api_get "/metrics/webinars/$G/participants/GenParticipant00000010/qos?type=past"
expect_status 200
body_jq '.user_id == "20000010" and .health == "Warning" and (.issue_list | length) > 0'
for missing in 20000026 20000000 GenParticipant00000000 020000001; do
    api_get "/metrics/webinars/$G/participants/$missing/qos?type=past"
    expect_status 404
done
# Ended, like 81234567890: type=live (also the default) has nothing.
api_get "/metrics/webinars/$G/participants/20000001/qos?type=live"
expect_status 404
body_jq '.code == 3001'
api_get "/metrics/webinars/$G/participants/qos"
expect_status 404

# --- connections: a new curl is a new connection; one curl keeps one open.
# Only connections with API requests count, so asking for the stats does not.
single="$MOCK_URL/metrics/webinars/$G/participants/20000001/qos?type=past"
mock_reset
stats_jq '.connections == 0'
for i in 1 2 3; do
    _curl --fail -o /dev/null -H "$bearer" "$single" || fail "GET $single failed"
done
stats_jq '.connections == 3 and .requests == 3'
stats_jq '.connections == 3'
mock_reset
# The bodies arrive concatenated on stdout; the last one is the stats.
last=$(_curl --fail -H "$bearer" "$single" "$single" "$single" "$MOCK_ROOT/_mock/stats" | jq -s -c '.[-1]')
check "3 requests on 1 connection: $last" jq -e '.connections == 1 and .requests == 3' <<<"$last"
# More than httplib's default of 5 requests per connection.
urls=()
for i in $(seq 30); do urls+=("$single"); done
mock_reset
last=$(_curl --fail -H "$bearer" "${urls[@]}" "$MOCK_ROOT/_mock/stats" | jq -s -c '.[-1]')
check "30 requests on 1 connection: $last" jq -e '.connections == 1 and .requests == 30' <<<"$last"

# --- --participants 0: the webinar exists, with no one in it
restart_mock --participants 0
api_get "$generated_list&page_size=10"
expect_status 200
body_jq '.participants == [] and .next_page_token == "" and .total_records == 0'
api_get "/metrics/webinars/$G/participants/20000001/qos?type=past"
expect_status 404
rc=0
"$ZOOMQOS_MOCK" --port 0 --participants 100001 >/dev/null 2>&1 || rc=$?
check "--participants above 100000 is a usage error" test "$rc" -eq 2

# --- --live-participants 25 --churn 4: a live webinar whose list, walked
# again, finds the 4 who joined first gone and 4 new ones
L=82000000002
live_list="/metrics/webinars/$L/participants/qos?type=live"
# walk_live FILE: one walk of the live list, 10 a page; the user_ids into FILE.
walk_live() {
    local token="" page
    : >"$1"
    for ((page = 0; page < 10; page++)); do
        api_get "$live_list&page_size=10&next_page_token=$token"
        expect_status 200
        body_jq '.total_records == 25 and all(.participants[]; .leave_time == "")'
        jq -r '.participants[].user_id' "$TEST_TMP/body" >>"$1"
        token=$(jq -r '.next_page_token' "$TEST_TMP/body")
        [[ -n "$token" ]] || break
    done
}
ids_are() { # FILE FIRST LAST: FILE lists user_ids FIRST..LAST, in order
    [[ "$(tr '\n' ' ' <"$1")" == "$(seq "$2" "$3" | tr '\n' ' ')" ]]
}
restart_mock --live-participants 25 --churn 4
walk_live "$TEST_TMP/walk1"
check "the first walk: participants 1 to 25" ids_are "$TEST_TMP/walk1" 20000001 20000025
walk_live "$TEST_TMP/walk2"
check "the second: 1 to 4 left, 26 to 29 joined" ids_are "$TEST_TMP/walk2" 20000005 20000029
walk_live "$TEST_TMP/walk3"
check "the third: 4 more each way" ids_are "$TEST_TMP/walk3" 20000009 20000033
api_get "/metrics/webinars/$L/participants/20000033/qos?type=live"
expect_status 200
body_jq '.id == "GenParticipant00000033" and .leave_time == "" and (.user_qos | length) == 5'
api_get "/metrics/webinars/$L/participants/20000008/qos?type=live"
expect_status 404
body_jq '.code == 3001'
api_get "/metrics/webinars/$L/participants/20000034/qos?type=live"
expect_status 404
# Live: type=past has nothing.
api_get "/metrics/webinars/$L/participants/qos?type=past&page_size=10"
expect_status 404
today=$(date -u +%F)
api_get "/metrics/webinars?type=live&from=$today&to=$today"
expect_status 200
body_jq 'any(.webinars[]; .id == 82000000002 and .participants == 25 and .end_time == "")'
mock_reset
walk_live "$TEST_TMP/walk1"
check "after /_mock/reset the first walk again" ids_are "$TEST_TMP/walk1" 20000001 20000025
# Without --churn every walk finds the same participants.
restart_mock --live-participants 25
walk_live "$TEST_TMP/walk1"
walk_live "$TEST_TMP/walk2"
check "no churn: the same 25 twice" bash -c "cmp -s '$TEST_TMP/walk1' '$TEST_TMP/walk2' && test \$(wc -l <'$TEST_TMP/walk1') -eq 25"
api_get "$generated_list"
check "no ended generated webinar with it alone" test "$HTTP_STATUS" = 404
rc=0
"$ZOOMQOS_MOCK" --port 0 --churn 4 >/dev/null 2>&1 || rc=$?
check "--churn without --live-participants is a usage error" test "$rc" -eq 2

# --- --rate-limit 2: 20 requests at once, the excess answered like Zoom. The
# limit is low so that the burst overflows a window even when a busy machine
# starts the 20 curls over several seconds.
restart_mock --rate-limit 2
pids=()
for i in $(seq 20); do
    _curl -o "$TEST_TMP/rl.body.$i" -D "$TEST_TMP/rl.headers.$i" -w '%{http_code}\n' -H "$bearer" \
        "$MOCK_URL$fixed_path" >"$TEST_TMP/rl.status.$i" &
    pids+=($!)
done
for pid in "${pids[@]}"; do
    wait "$pid" || fail "a concurrent curl failed"
done
ok=$(cat "$TEST_TMP"/rl.status.* | grep -c '^200$' || true)
limited=$(cat "$TEST_TMP"/rl.status.* | grep -c '^429$' || true)
check "20 answers, each 200 or 429 ($ok + $limited)" test $((ok + limited)) -eq 20
# Whatever windows the burst straddles, the first one admits 2 (or all it saw).
check "at least 2 admitted ($ok)" test "$ok" -ge 2
check "some refused ($limited)" test "$limited" -ge 1
stats_jq ".rate_limited == $limited and .requests == 20"
check "the log records the 429s" \
    test "$(mock_requests | jq '[.[] | select(.status == 429)] | length')" -eq "$limited"
one=$(grep -l '^HTTP/1.1 429' "$TEST_TMP"/rl.headers.* | head -n 1)
one_body="$TEST_TMP/rl.body.${one##*.}"
for header in 'X-RateLimit-Category: Heavy' 'X-RateLimit-Type: QPS' 'X-RateLimit-Limit: 2' \
    'X-RateLimit-Remaining: 0' 'Retry-After: 1'; do
    check "429 has '$header'" grep -qi "^$header"$'\r'"\$" "$one"
done
check "429 has Zoom's body" jq -e '. == {"code": 429, "message": "You have reached the maximum per-second rate limit for this API. Try again later."}' \
    "$one_body"
# Neither the control plane nor /oauth/token counts: refused until a 429, then
# more of those in the same second get no 429. At 2 a second, two requests in
# one window come within a few tries however slow each curl is.
for ((i = 0; i < 20; i++)); do
    api_get "$fixed_path"
    [[ "$HTTP_STATUS" != 429 ]] || break
done
expect_status 429
stats_jq '.rate_limited > 0'
oauth_status=$(_curl -o /dev/null -w '%{http_code}' --data "grant_type=account_credentials" "$MOCK_ROOT/oauth/token")
check "/oauth/token not rate limited ($oauth_status)" test "$oauth_status" != 429
mock_reset
stats_jq '.rate_limited == 0 and .requests == 0 and .connections == 0'

# --- --latency-ms 200: every API request waits at least that long
restart_mock --latency-ms 200
elapsed=$(_curl --fail -o /dev/null -w '%{time_total}' -H "$bearer" "$MOCK_URL$fixed_path") ||
    fail "GET $fixed_path failed"
check "answered after ≥ 0.2 s ($elapsed s)" awk -v t="$elapsed" 'BEGIN { exit !(t >= 0.2) }'
elapsed=$(_curl -o /dev/null -w '%{time_total}' -H "$bearer" "$MOCK_URL/no/such/endpoint")
check "a 404 waits too ($elapsed s)" awk -v t="$elapsed" 'BEGIN { exit !(t >= 0.2) }'

finish
