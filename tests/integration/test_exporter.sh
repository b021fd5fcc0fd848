#!/usr/bin/env bash
# `zoomqos exporter`: polls zoomqos-mock's live webinar and serves its QoS on
# /metrics, scraped by a real Prometheus server (Debian's `prometheus`,
# started here on loopback with its own storage). Checks the values against
# the mock's latest samples in base units, a participant who leaves vanishing,
# the self metrics against the mock's own request log, promtool on the
# exposition and on the alert rules, the dashboard's metric names, faults
# (429, 5xx, a revoked token, a daily limit) and SIGTERM; then `--events live`,
# the default, finding the live webinar through GET /metrics/webinars?type=live.
# A real Prometheus server starts, scrapes and waits out a daily-limit pause:
# about a minute on a loaded machine, more under sanitizers.
# ctest-timeout: 300
source "$(dirname "$0")/lib.sh"

for tool in prometheus promtool; do
    command -v "$tool" >/dev/null ||
        fail "this test needs '$tool' (scripts/install-deps.sh installs it)"
done
DOCS=$(cd "$(dirname "$0")/../../docs" && pwd)

W=82000000001 # the mock's live webinar, with two participants
start_mock
unset ZOOM_ACCESS_TOKEN
export ZOOM_OAUTH_URL=$MOCK_ROOT ZOOM_ACCOUNT_ID=mock-account ZOOM_CLIENT_ID=mock-client \
    ZOOM_CLIENT_SECRET=mock-secret
minted() { _curl --fail "$MOCK_ROOT/_mock/oauth" | jq -r .tokens_minted; }
minted_is() { [[ "$(minted)" == "$1" ]]; }

EXPORTER_PID=""
PROM_PID=""
_stop_all() {
    local status=$?
    [[ -z "$EXPORTER_PID" ]] || kill -TERM "$EXPORTER_PID" 2>/dev/null || true
    [[ -z "$PROM_PID" ]] || kill -TERM "$PROM_PID" 2>/dev/null || true
    [[ -z "$EXPORTER_PID" ]] || wait "$EXPORTER_PID" 2>/dev/null || true
    [[ -z "$PROM_PID" ]] || wait "$PROM_PID" 2>/dev/null || true
    if [[ $status -ne 0 && -f "$TEST_TMP/exporter.log" ]]; then
        echo "--- exporter log (last 20 lines):" >&2
        tail -n 20 "$TEST_TMP/exporter.log" >&2
    fi
    (exit "$status")
    _cleanup
}
trap _stop_all EXIT

# A loopback port nothing listens on now (from /proc, no helper needed).
free_port() {
    local used port
    used=$(awk 'NR > 1 { split($2, a, ":"); print a[2] }' /proc/net/tcp /proc/net/tcp6 2>/dev/null)
    while :; do
        port=$((20000 + RANDOM % 40000))
        grep -qix "$(printf '%04X' "$port")" <<<"$used" || break
    done
    echo "$port"
}

# --- usage errors come before anything listens or asks Zoom
run_zoomqos exporter --interval 0
expect_exit 2
expect_stderr_contains "--interval"
run_zoomqos exporter --events 'a b,'
expect_exit 2
expect_stderr_contains "--events: an event ID is empty"
expect_requests 0

# --- the oracle: the mock's live page as Zoom would send it (then forgotten)
api_get "/metrics/webinars/$W/participants/qos?type=live&page_size=10" -H "Authorization: Bearer mock-token"
[[ "$HTTP_STATUS" == 200 ]] || fail "the mock's live page answered $HTTP_STATUS"
cp "$TEST_TMP/body" "$TEST_TMP/live.json"
check "two live participants" jq -e '.participants | length == 2' "$TEST_TMP/live.json"
# Their participant IDs: `id`, what the series are labelled with.
P1=$(jq -r '.participants[0].id' "$TEST_TMP/live.json")
P2=$(jq -r '.participants[1].id' "$TEST_TMP/live.json")
mock_reset

# --- the exporter on a port it picks itself
# A daily budget large enough for one poll a second (the default, 15,000,
# would stretch the interval to 5.76 s).
timeout 300 "$ZOOMQOS" exporter --listen 127.0.0.1:0 --events "$W" --interval 1 \
    --daily-budget 100000 --thresholds 'latency>1' >"$TEST_TMP/exporter.out" 2>"$TEST_TMP/exporter.log" &
EXPORTER_PID=$!
exporter_port() { sed -n 's/.*msg="exporter started".* port=\([0-9][0-9]*\).*/\1/p' "$TEST_TMP/exporter.log"; }
port_logged() { [[ -n "$(exporter_port)" ]]; }
wait_for 30 "the exporter logs its start" port_logged
EXPORTER="http://127.0.0.1:$(exporter_port)"
check "start line names the budget" grep -q 'interval_seconds=1 planned_interval_seconds=1 requests_per_poll=1 rate=10 daily_budget=100000$' "$TEST_TMP/exporter.log"
wait_for 30 "a first poll" grep -q 'msg="poll done"' "$TEST_TMP/exporter.log"
check "poll line in logfmt" grep -Eq '^ts=[0-9T:-]+Z level=info msg="poll done" events=1 participants=2 series=[0-9]+ requests=[0-9]+ duration_seconds=[0-9.]+$' "$TEST_TMP/exporter.log"
check "no secret in the log" bash -c "! grep -q 'mock-secret\|Bearer' '$TEST_TMP/exporter.log'"
check "/healthz is 200 after a poll" test "$(_curl -o /dev/null -w '%{http_code}' "$EXPORTER/healthz")" = 200

metrics() { _curl --fail "$EXPORTER/metrics"; }
metrics >"$TEST_TMP/metrics.txt" || fail "GET /metrics failed"
check "promtool check metrics: no problem at all" bash -c "promtool check metrics <'$TEST_TMP/metrics.txt' >'$TEST_TMP/promtool.out' 2>&1 && ! test -s '$TEST_TMP/promtool.out'"
check "an info series per participant" test "$(grep -c '^zoomqos_participant_info{' "$TEST_TMP/metrics.txt")" -eq 2
check "the breaching count of the --thresholds rule" grep -q '^zoomqos_event_participants_breaching{event_id="82000000001",rule="latency>1"} 2$' "$TEST_TMP/metrics.txt"
check "user_name only on the info series" bash -c "! grep -v '^zoomqos_participant_info' '$TEST_TMP/metrics.txt' | grep -q user_name"

# --- a real Prometheus scrapes it every second
PROM_PORT=$(free_port)
PROM="http://127.0.0.1:$PROM_PORT"
cat >"$TEST_TMP/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: zoomqos
    static_configs:
      - targets: ['127.0.0.1:$(exporter_port)']
YAML
timeout 300 prometheus --config.file="$TEST_TMP/prometheus.yml" \
    --storage.tsdb.path="$TEST_TMP/prometheus-data" --web.listen-address="127.0.0.1:$PROM_PORT" \
    --log.level=warn >"$TEST_TMP/prometheus.log" 2>&1 &
PROM_PID=$!
query() { # PROMQL: the JSON result vector
    _curl --fail -G --data-urlencode "query=$1" "$PROM/api/v1/query" | jq -c '.data.result'
}
wait_for 60 "Prometheus is ready" _curl --fail "$PROM/-/ready"
wait_for 60 "Prometheus scraped the exporter" \
    bash -c "curl -q -s -G --data-urlencode 'query=zoomqos_participant_info' '$PROM/api/v1/query' | jq -e '.data.result | length == 2'"

# near PROMQL EXPECTED: the single value Prometheus holds is EXPECTED (to 1e-9)
near() {
    query "$1" | jq -e --argjson want "$2" \
        'length == 1 and ((.[0].value[1] | tonumber) - $want | fabs) <= 1e-9 * ([1, ($want | fabs)] | max)'
}
latest() { # PARTICIPANT_ID JQ: the mock's latest sample of the participant through JQ
    jq -r --arg p "$1" ".participants[] | select(.id == \$p) | .user_qos[-1] | $2" "$TEST_TMP/live.json"
}
number() { sed -E 's/[^0-9.]//g' <<<"$1"; } # "126 ms" -> 126
for P in "$P1" "$P2"; do
    labels="event_id=\"$W\",participant_id=\"$P\""
    ms=$(number "$(latest "$P" .audio_input.latency)")
    check "$P latency in seconds" near "zoomqos_participant_latency_seconds{$labels,stream=\"audio_input\"}" "$(jq -n "$ms / 1000")"
    ms=$(number "$(latest "$P" .audio_output.jitter)")
    check "$P jitter in seconds" near "zoomqos_participant_jitter_seconds{$labels,stream=\"audio_output\"}" "$(jq -n "$ms / 1000")"
    pct=$(number "$(latest "$P" .audio_input.avg_loss)")
    check "$P loss as a ratio" near "zoomqos_participant_avg_loss_ratio{$labels,stream=\"audio_input\"}" "$(jq -n "$pct / 100")"
    pct=$(number "$(latest "$P" .audio_output.max_loss)")
    check "$P max loss as a ratio" near "zoomqos_participant_max_loss_ratio{$labels,stream=\"audio_output\"}" "$(jq -n "$pct / 100")"
    kbps=$(number "$(latest "$P" .audio_input.bitrate)")
    check "$P bitrate in bytes/s" near "zoomqos_participant_bitrate_bytes_per_second{$labels,stream=\"audio_input\"}" "$(jq -n "$kbps * 1000 / 8")"
    pct=$(number "$(latest "$P" .cpu_usage.zoom_avg_cpu_usage)")
    check "$P Zoom CPU as a ratio" near "zoomqos_participant_cpu_usage_ratio{$labels,process=\"zoom\",stat=\"avg\"}" "$(jq -n "$pct / 100")"
    when=$(latest "$P" .date_time)
    check "$P sample time" near "zoomqos_participant_sample_timestamp_seconds{$labels}" "$(date -u -d "$when" +%s)"
    name=$(jq -r --arg p "$P" '.participants[] | select(.id == $p) | .user_name' "$TEST_TMP/live.json")
    check "$P info carries the name" near "zoomqos_participant_info{$labels,user_name=\"$name\"}" 1
done
fps=$(number "$(latest "$P1" .video_input.frame_rate)")
check "frame rate of a video stream" near "zoomqos_participant_frame_rate_frames_per_second{event_id=\"$W\",participant_id=\"$P1\",stream=\"video_input\"}" "$fps"
check "participants per event" near "zoomqos_event_participants{event_id=\"$W\"}" 2

# --- a participant leaves: gone from /metrics and from Prometheus' view
_curl --fail --data "" "$MOCK_ROOT/_mock/live/leave?participant=$P2" >/dev/null || fail "leave failed"
wait_for 30 "the leaver's series go from /metrics" bash -c "! curl -q -s '$EXPORTER/metrics' | grep -q 'participant_id=\"$P2\"'"
wait_for 30 "and from Prometheus" bash -c "curl -q -s -G --data-urlencode 'query=zoomqos_participant_latency_seconds{participant_id=\"$P2\"}' '$PROM/api/v1/query' | jq -e '.data.result == []'"
wait_for 30 "one participant left in the event" near "zoomqos_event_participants{event_id=\"$W\"}" 1
check "the other stays" near "zoomqos_participant_info{participant_id=\"$P1\"}" 1

# --- the self metrics (checked exactly below, while polling pauses)
# mock_by_status: {"200": N, ...} of the exporter's API requests at the mock.
mock_by_status() {
    mock_requests | jq -c -S '[.[] | select(.target | startswith("/v2/"))] | group_by(.status) |
        map({key: (.[0].status | tostring), value: length}) | from_entries'
}
exporter_by_status() {
    metrics | sed -n 's/^zoomqos_exporter_api_requests_total{status="\([0-9]*\)"} \([0-9.e+]*\)$/\1 \2/p' |
        jq -R -s -c -S 'split("\n") | map(select(length > 0) | split(" ") | {key: .[0], value: (.[1] | tonumber)}) | from_entries'
}
# The mock's count before and after the exporter's: equal only while no
# request is under way (a poll takes milliseconds, these curls longer: the
# exact comparison waits for the daily-limit pause below).
same_counts() {
    local before counted after
    before=$(mock_by_status)
    counted=$(exporter_by_status)
    after=$(mock_by_status)
    [[ "$before" == "$after" && "$counted" == "$before" ]]
}
check "the token minted once" test "$(minted)" = 1
check "token_mints_total says so" bash -c "curl -q -s '$EXPORTER/metrics' | grep -qx 'zoomqos_exporter_token_mints_total 1'"

# --- faults: a QPS 429, a 503 and a 500, then a revoked token
_curl --fail --data '[{"status": 429, "headers": {"Retry-After": "1", "X-RateLimit-Type": "QPS", "X-RateLimit-Remaining": "1234"}}, {"status": 503}, {"status": 500}]' \
    "$MOCK_ROOT/_mock/faults" >/dev/null || fail "queueing faults failed"
wait_for 30 "the faults were served" bash -c "curl -q -s '$MOCK_ROOT/_mock/faults' | jq -e '.pending == 0'"
# The poll that met the faults is the next one to end.
polls_done() { grep -c 'msg="poll done"' "$TEST_TMP/exporter.log"; }
polls_before=$(polls_done)
more_polls() { [[ "$(polls_done)" -gt "$polls_before" ]]; }
wait_for 30 "the poll that met the faults ends" more_polls
metrics >"$TEST_TMP/metrics.txt"
check "the 429 by its type" grep -qx 'zoomqos_exporter_rate_limited_total{type="QPS"} 1' "$TEST_TMP/metrics.txt"
check "three retries" grep -qx 'zoomqos_exporter_retries_total 3' "$TEST_TMP/metrics.txt"
check "X-RateLimit-Remaining" grep -qx 'zoomqos_exporter_daily_requests_remaining 1234' "$TEST_TMP/metrics.txt"
wait_for 10 "the QPS 429 slowed the polls" grep -q 'msg="poll interval changed".* slowdown=2 ' "$TEST_TMP/exporter.log"
check "/metrics still serves the participant" grep -q "participant_id=\"$P1\"" "$TEST_TMP/metrics.txt"

_curl --fail --data "" "$MOCK_ROOT/_mock/oauth/revoke" >/dev/null || fail "revoke failed"
wait_for 30 "a new token after the 401" minted_is 2
wait_for 30 "token_mints_total follows" bash -c "curl -q -s '$EXPORTER/metrics' | grep -qx 'zoomqos_exporter_token_mints_total 2'"
check "/healthz still 200" test "$(_curl -o /dev/null -w '%{http_code}' "$EXPORTER/healthz")" = 200

# --- a daily limit: polling pauses until the reset, /metrics keeps serving
reset_at=$(date -u -d '+20 seconds' +%Y-%m-%dT%H:%M:%SZ)
_curl --fail --data "{\"status\": 429, \"headers\": {\"Retry-After\": \"$reset_at\", \"X-RateLimit-Type\": \"Daily-limit\"}}" \
    "$MOCK_ROOT/_mock/faults" >/dev/null || fail "queueing the daily limit failed"
wait_for 30 "the pause is logged" grep -q "msg=\"daily limit reached; polling paused\" until=$reset_at" "$TEST_TMP/exporter.log"
metrics >"$TEST_TMP/metrics.txt"
check "paused gauge" grep -qx 'zoomqos_exporter_daily_limit_paused 1' "$TEST_TMP/metrics.txt"
check "last values still served" grep -q "zoomqos_participant_latency_seconds{event_id=\"$W\",participant_id=\"$P1\"" "$TEST_TMP/metrics.txt"
check "with their age" grep -q '^zoomqos_exporter_data_age_seconds ' "$TEST_TMP/metrics.txt"
paused_count=$(mock_requests | jq '[.[] | select(.target | startswith("/v2/"))] | length')
# No request while paused: the counts stand still, and the exporter's equal
# the mock's log status by status (200s, the 429s, 503, 500 and 401).
check "api_requests_total by status equals the mock's log" same_counts
metrics >"$TEST_TMP/metrics.txt"
check "the 503, 500 and 401 once each" test "$(grep -c '^zoomqos_exporter_api_requests_total{status="\(503\|500\|401\)"} 1$' "$TEST_TMP/metrics.txt")" -eq 3
check "the QPS and the daily 429" grep -qx 'zoomqos_exporter_api_requests_total{status="429"} 2' "$TEST_TMP/metrics.txt"
sleep 2
check "no request while paused" test "$(mock_requests | jq '[.[] | select(.target | startswith("/v2/"))] | length')" -eq "$paused_count"
wait_for 30 "polling resumes after the reset" grep -q 'msg="daily limit reset; polling resumes"' "$TEST_TMP/exporter.log"
wait_for 30 "the paused gauge clears" bash -c "curl -q -s '$EXPORTER/metrics' | grep -qx 'zoomqos_exporter_daily_limit_paused 0'"
check "the Daily-limit 429 by its type" bash -c "curl -q -s '$EXPORTER/metrics' | grep -qx 'zoomqos_exporter_rate_limited_total{type=\"Daily-limit\"} 1'"

# --- the alert rules and the dashboard
check "promtool check rules" promtool check rules "$DOCS/prometheus/zoomqos-alerts.yml"
DASHBOARD="$DOCS/grafana/zoomqos-dashboard.json"
check "the dashboard is JSON with panels" jq -e '.panels | length > 0' "$DASHBOARD"
metrics >"$TEST_TMP/metrics.txt"
jq -r '.. | .expr? // empty' "$DASHBOARD" | grep -o 'zoomqos_[a-z_]*' | sort -u >"$TEST_TMP/dashboard-names"
check "the dashboard names metrics" test -s "$TEST_TMP/dashboard-names"
while read -r name; do
    check "dashboard metric $name is exposed" grep -q "^# TYPE $name " "$TEST_TMP/metrics.txt"
done <"$TEST_TMP/dashboard-names"
grep -o 'zoomqos_[a-z_]*' "$DOCS/prometheus/zoomqos-alerts.yml" | sort -u >"$TEST_TMP/alert-names"
while read -r name; do
    check "alert metric $name is exposed" grep -q "^# TYPE $name " "$TEST_TMP/metrics.txt"
done <"$TEST_TMP/alert-names"

# --- SIGTERM: the exporter ends at once
sent=$(date +%s%N)
kill -TERM "$EXPORTER_PID"
status=0
wait "$EXPORTER_PID" || status=$?
EXPORTER_PID=""
elapsed=$(awk -v a="$sent" -v b="$(date +%s%N)" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
check "SIGTERM exits 143" test "$status" -eq 143
check "within 5 s (took $elapsed s)" awk -v t="$elapsed" 'BEGIN { exit !(t < 5) }'
check "the stop is logged" grep -q 'msg=stopping signal=SIGTERM' "$TEST_TMP/exporter.log"

# --- --events live (the default): the live webinar found through the listing
mock_reset # everyone is back, the request log starts again
day_before=$(date -u +%F)
# The first exporter's log goes before the child truncates it: port_logged
# must not read the old port.
: >"$TEST_TMP/exporter.log"
timeout 300 "$ZOOMQOS" exporter --listen 127.0.0.1:0 --interval 1 --daily-budget 100000 \
    >"$TEST_TMP/exporter.out" 2>"$TEST_TMP/exporter.log" &
EXPORTER_PID=$!
wait_for 30 "the live exporter logs its start" port_logged
EXPORTER="http://127.0.0.1:$(exporter_port)"
check "the start line says live" grep -q 'msg="exporter started" .* events=live ' "$TEST_TMP/exporter.log"
wait_for 30 "a first poll of the live events" grep -q 'msg="poll done"' "$TEST_TMP/exporter.log"
check "one live event, both participants" grep -q 'msg="poll done" events=1 participants=2 ' "$TEST_TMP/exporter.log"
listings() { # the exporter's requests for the live webinar listing
    mock_requests | jq -c '[.[] | select(.target | test("^/v2/metrics/webinars[?]type=live&from=[0-9-]+&to=[0-9-]+&page_size=300$"))]'
}
check "the listing was asked for" jq -e 'length >= 1' <<<"$(listings)"
# today (UTC) and the day before; the run may straddle midnight
check "yesterday and today, UTC" jq -e --arg a "$day_before" --arg b "$(date -u +%F)" \
    '.[0].target | capture("from=(?<from>[0-9-]+)&to=(?<to>[0-9-]+)") |
     (.to == $a or .to == $b) and
     ((.to + "T00:00:00Z" | fromdate) - (.from + "T00:00:00Z" | fromdate) == 86400)' <<<"$(listings)"
check "then the event it lists" jq -e 'any(.[]; .target | startswith("/v2/metrics/webinars/82000000001/participants/qos?type=live"))' <<<"$(mock_requests)"
metrics >"$TEST_TMP/metrics.txt" || fail "GET /metrics of the live exporter failed"
for P in "$P1" "$P2"; do
    check "$P of the discovered webinar on /metrics" grep -qE "^zoomqos_participant_latency_seconds\{event_id=\"$W\",participant_id=\"$P\",stream=\"audio_input\"\} " "$TEST_TMP/metrics.txt"
done
check "participants of the discovered webinar" grep -qx "zoomqos_event_participants{event_id=\"$W\"} 2" "$TEST_TMP/metrics.txt"
kill -TERM "$EXPORTER_PID"
status=0
wait "$EXPORTER_PID" || status=$?
EXPORTER_PID=""
check "the live exporter stops on SIGTERM" test "$status" -eq 143

finish
