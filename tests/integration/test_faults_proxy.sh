#!/usr/bin/env bash
# Proxies come from the standard variables, which libcurl reads itself:
# http_proxy sends the (loopback http) request through the proxy, NO_PROXY
# exempts a host. A second mock stands in for the proxy and records what
# reached it. (HTTPS_PROXY works the same way, through a CONNECT tunnel.)
source "$(dirname "$0")/lib.sh"

start_mock --quiet
W=81234567890
P=16778240

proxy_file="$TEST_TMP/proxy.url"
timeout 60 "$ZOOMQOS_MOCK" --port 0 --quiet >"$proxy_file" 2>/dev/null &
proxy_pid=$!
for _ in $(seq 100); do [[ -s "$proxy_file" ]] && break; sleep 0.05; done
proxy_root=$(head -n 1 "$proxy_file")
proxy_root=${proxy_root%/v2}

# --- through the proxy: it receives the request in absolute form
run_zoomqos_env -u NO_PROXY -u no_proxy http_proxy="$proxy_root" -- get "$W" "$P" --type past --retries 0
check "the proxy received the request for the API host" \
    test "$(_curl "$proxy_root/_mock/requests" | jq -r '.[0].target')" == \
    "$MOCK_URL/metrics/webinars/$W/participants/$P/qos?type=past"
expect_requests 0

# --- NO_PROXY exempts the API host: straight to it, the proxy sees nothing more
run_zoomqos_env NO_PROXY=127.0.0.1 http_proxy="$proxy_root" -- get "$W" "$P" --type past -o json
expect_exit 0
expect_requests 1
check "the proxy saw only the first request" test "$(_curl "$proxy_root/_mock/stats" | jq .requests)" -eq 1

kill -TERM "$proxy_pid"
wait "$proxy_pid" || true
finish
