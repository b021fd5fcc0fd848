#!/usr/bin/env bash
# Server-to-Server OAuth: the first run mints one token and caches it (0600 in
# a 0700 directory), later runs reuse it; a static token beats S2S credentials;
# the token response's api_url is used when no API URL is set.
source "$(dirname "$0")/lib.sh"

start_mock --account-id acct-42 --client-id cid-42 --client-secret s3cr3t-S2S-value
unset ZOOM_ACCESS_TOKEN
export ZOOM_OAUTH_URL=$MOCK_ROOT ZOOM_ACCOUNT_ID=acct-42 ZOOM_CLIENT_ID=cid-42 \
    ZOOM_CLIENT_SECRET=s3cr3t-S2S-value

W=81234567890
P=16778240
minted() { _curl --fail "$MOCK_ROOT/_mock/oauth" | jq -r .tokens_minted; }
CACHE_DIR="$XDG_CACHE_HOME/zoomqos"

# --- first run: exactly one token minted, cached 0600 in a 0700 directory
run_zoomqos get "$W" "$P" --type past -o json -v
expect_exit 0
expect_stdout_jq '.user_qos | length > 0'
expect_stderr_contains "Server-to-Server OAuth"
check "one token minted" test "$(minted)" = 1
check "the token request was a Basic-auth POST to /oauth/token" \
    test "$(mock_requests | jq -r '[.[] | select(.target == "/oauth/token")][0] | "\(.method) \(.authorization_scheme) \(.status)"')" = "POST Basic 200"
mapfile -t files < <(find "$CACHE_DIR" -type f)
check "one cache file" test "${#files[@]}" = 1
check "cache file mode 0600" test "$(stat -c %a "${files[0]}")" = 600
check "cache directory mode 0700" test "$(stat -c %a "$CACHE_DIR")" = 700
check "no temporary file left behind" test -z "$(find "$CACHE_DIR" -name '.token-*')"
CACHED=$(jq -r .access_token "${files[0]}")
check "the cache holds a minted token" test "${CACHED#mock-s2s-}" != "$CACHED"

# --- second run: the cache is hit, nothing minted
run_zoomqos get "$W" "$P" --type past -o json -v
expect_exit 0
expect_stderr_contains "access token from the cache"
check "no token minted on the second run" test "$(minted)" = 1

# --- --no-cache: mints, and leaves the cache file alone
before=$(cat "${files[0]}")
run_zoomqos get "$W" "$P" --type past -o csv --no-cache
expect_exit 0
check "--no-cache mints" test "$(minted)" = 2
check "--no-cache does not rewrite the cache" test "$(cat "${files[0]}")" = "$before"

# --- another client ID is another cache file
run_zoomqos_env ZOOM_CLIENT_ID=other-client -- get "$W" "$P" --type past
expect_exit 3
check "a refused key writes no cache file" test "$(find "$CACHE_DIR" -type f | wc -l)" = 1

# --- no API URL set: requests go to the token response's api_url + /v2
mock_reset
run_zoomqos_env -u ZOOM_API_URL -- get "$W" "$P" --type past -o json --no-cache -v
expect_exit 0
expect_stderr_contains "GET $MOCK_URL/metrics/webinars/$W/participants/$P/qos"
check "the QoS request reached the mock" \
    test "$(mock_requests | jq '[.[] | select(.target | startswith("/v2/"))] | length')" = 1

# --- a static token beats S2S credentials: nothing minted
n=$(minted)
run_zoomqos_env ZOOM_ACCESS_TOKEN=mock-token -- get "$W" "$P" --type past -v
expect_exit 0
expect_stderr_contains "credentials: env ZOOM_ACCESS_TOKEN"
check "a static token mints nothing" test "$(minted)" = "$n"

# --- incomplete S2S credentials name what is missing
run_zoomqos_env -u ZOOM_CLIENT_SECRET -- get "$W" "$P" --type past
expect_exit 3
expect_stderr_contains "missing the client secret"

# --- the OAuth URL follows the API URL's rule: http only on loopback
run_zoomqos_env ZOOM_OAUTH_URL=http://zoom.example.com -- get "$W" "$P" --type past
expect_exit 2
expect_stderr_contains "ZOOM_OAUTH_URL: refusing plain http://"
run_zoomqos get "$W" "$P" --type past --oauth-url http://zoom.example.com
expect_exit 2
expect_stderr_contains "--oauth-url: refusing plain http://"

finish
