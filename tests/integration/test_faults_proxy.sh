#!/usr/bin/env bash
# Proxies come from the standard variables, which libcurl reads itself. A proxy
# sees a cleartext request whole, bearer token and Basic credentials included,
# so loopback (and so every plain-http) request goes direct whatever the
# environment says; https elsewhere goes through a proxy's CONNECT tunnel. A
# second mock stands in for the proxy and records whatever reaches it.
source "$(dirname "$0")/lib.sh"

start_mock --quiet
W=81234567890
P=16778240

proxy_file="$TEST_TMP/proxy.url"
: >"$proxy_file"
timeout 60 "$ZOOMQOS_MOCK" --port 0 --quiet >"$proxy_file" 2>/dev/null &
proxy_pid=$!
proxy_root=$(_wait_for_url "$proxy_pid" "$proxy_file") || fail "the proxy mock did not start"
proxy_root=${proxy_root%/v2}

proxy_requests() { _curl "$proxy_root/_mock/stats" | jq .requests; }
before=$(proxy_requests)

# --- every proxy variable at once: the token request (Basic credentials) and
# the API request (bearer token) both go straight to the loopback mock
for variable in http_proxy HTTP_PROXY https_proxy HTTPS_PROXY all_proxy ALL_PROXY; do
    run_zoomqos_env -u NO_PROXY -u no_proxy "$variable=$proxy_root" -- \
        get "$W" "$P" --type past -o json --retries 0
    expect_exit 0
done
run_zoomqos_env -u NO_PROXY -u no_proxy http_proxy="$proxy_root" ALL_PROXY="$proxy_root" -- \
    auth status
expect_exit 0
check "the proxy saw nothing" test "$(proxy_requests)" -eq "$before"
check "the mock answered every request itself" \
    test "$(mock_requests | jq '[.[] | select(.target | contains("/qos"))] | length')" -ge 6

kill -TERM "$proxy_pid"
wait "$proxy_pid" || true
finish
