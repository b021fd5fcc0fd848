#!/usr/bin/env bash
# A cached token that the API rejects (401, code 124) is dropped, exactly one
# new token is minted and the request retried once; a static token that gets
# a 401 is not retried.
source "$(dirname "$0")/lib.sh"

start_mock
unset ZOOM_ACCESS_TOKEN
export ZOOM_OAUTH_URL=$MOCK_ROOT ZOOM_ACCOUNT_ID=mock-account ZOOM_CLIENT_ID=mock-client \
    ZOOM_CLIENT_SECRET=mock-secret

W=81234567890
P=16778240
minted() { _curl --fail "$MOCK_ROOT/_mock/oauth" | jq -r .tokens_minted; }
api_requests() { mock_requests | jq '[.[] | select(.target | startswith("/v2/"))] | length'; }

run_zoomqos get "$W" "$P" --type past
expect_exit 0
check "one token minted" test "$(minted)" = 1
CACHE_FILE=$(find "$XDG_CACHE_HOME/zoomqos" -type f)
OLD=$(jq -r .access_token "$CACHE_FILE")

# --- the cached token is revoked: one re-mint, one retry, success
_curl --fail --data "" "$MOCK_ROOT/_mock/oauth/revoke" >/dev/null || fail "revoke failed"
mock_reset
run_zoomqos get "$W" "$P" --type past -o json -v
expect_exit 0
expect_stdout_jq '.user_qos | length > 0'
expect_stderr_contains "HTTP 401"
expect_stderr_contains "retrying once"
check "exactly one re-mint" test "$(minted)" = 2
check "two API requests: the 401 and the retry" test "$(api_requests)" = 2
check "the statuses were 401 then 200" \
    test "$(mock_requests | jq -c '[.[] | select(.target | startswith("/v2/")) | .status]')" = "[401,200]"
NEW=$(jq -r .access_token "$CACHE_FILE")
check "the cache holds the new token" test "$NEW" != "$OLD"
check "the cache file is still 0600" test "$(stat -c %a "$CACHE_FILE")" = 600

# --- and the next run uses the new cached token without minting
run_zoomqos get "$W" "$P" --type past
expect_exit 0
check "no mint after the refresh" test "$(minted)" = 2

# --- a static token that gets a 401 is not retried
mock_reset
run_zoomqos_env ZOOM_ACCESS_TOKEN=not-a-valid-token -- get "$W" "$P" --type past
expect_exit 3
expect_stderr_contains "ZOOM_ACCESS_TOKEN"
check "one API request only" test "$(api_requests)" = 1
check "nothing minted for a static token" test "$(minted)" = 2

finish
