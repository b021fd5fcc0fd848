#!/usr/bin/env bash
# The token request retries like every other request: a 503 and a 429 from
# the OAuth endpoint are waited out, a 401 (bad secret) is not retried.
source "$(dirname "$0")/lib.sh"

# The first request of the run is the token POST: it gets a 503, then a 429.
start_mock --account-id acct-1 --client-id cid-1 --client-secret right-secret \
    --fault 'status=503' --fault 'status=429;header=Retry-After: 1'
unset ZOOM_ACCESS_TOKEN
export ZOOM_OAUTH_URL=$MOCK_ROOT ZOOM_ACCOUNT_ID=acct-1 ZOOM_CLIENT_ID=cid-1 \
    ZOOM_CLIENT_SECRET=right-secret
minted() { _curl --fail "$MOCK_ROOT/_mock/oauth" | jq -r .tokens_minted; }
token_posts() { mock_requests | jq '[.[] | select(.target == "/oauth/token")] | map(.status)'; }

run_zoomqos get 81234567890 16778240 --type past -o json --no-cache -v
expect_exit 0
expect_stdout_jq '.user_qos | length == 60'
check "one token minted" test "$(minted)" = 1
check "the token POST was answered 503, 429, 200" test "$(token_posts | jq -c .)" = "[503,429,200]"
expect_stderr_contains "retry 1/3"
expect_stderr_contains "retry 2/3"
expect_stderr_not_contains "right-secret"

# A wrong secret is a 401 from the OAuth endpoint: final at once.
mock_reset
run_zoomqos_env ZOOM_CLIENT_SECRET=wrong-secret -- get 81234567890 16778240 --type past --no-cache
expect_exit 3
check "one token POST, not retried" test "$(token_posts | jq length)" = 1
expect_stderr_not_contains "wrong-secret"

finish
