#!/usr/bin/env bash
# A wrong OAuth URL (a path the server does not know, or the API URL given as
# the OAuth URL) is named as such: the hint points at ZOOM_OAUTH_URL /
# --oauth-url, not at the client ID and secret.
source "$(dirname "$0")/lib.sh"

start_mock --account-id acct-42 --client-id cid-42 --client-secret s3cr3t-S2S-value
unset ZOOM_ACCESS_TOKEN
export ZOOM_ACCOUNT_ID=acct-42 ZOOM_CLIENT_ID=cid-42 ZOOM_CLIENT_SECRET=s3cr3t-S2S-value

W=81234567890
P=16778240
HINT="hint: check the OAuth URL (ZOOM_OAUTH_URL or --oauth-url)"

# The token endpoint answers 404 (a proxy or server that has no such path).
mock_faults '{"status": 404, "body": "{\"status\": 404, \"error\": \"Not Found\", \"path\": \"/oauth/token\"}"}'
run_zoomqos_env ZOOM_OAUTH_URL="$MOCK_ROOT" -- get "$W" "$P" --type past
expect_exit 3
expect_stderr_contains "was not answered by an OAuth server (HTTP 404)"
expect_stderr_contains "$HINT"
expect_stderr_not_contains "client secret"
check "the 404 answered the token request" \
    test "$(mock_requests | jq -r '.[0] | "\(.target) \(.status)"')" = "/oauth/token 404"

# A path the mock does not serve as OAuth: its API's 401, not OAuth's shape.
mock_reset
run_zoomqos_env ZOOM_OAUTH_URL="$MOCK_ROOT/nowhere" -- get "$W" "$P" --type past
expect_exit 3
expect_stderr_contains "was not answered by an OAuth server (HTTP 401)"
expect_stderr_contains "$HINT"
check "the token request went to the wrong path" \
    test "$(mock_requests | jq -r '[.[] | select(.target == "/nowhere/oauth/token")] | length')" -ge 1

# The API URL given as the OAuth URL: the API's own 401, not OAuth's shape.
mock_reset
run_zoomqos get "$W" "$P" --type past --oauth-url "$MOCK_URL"
expect_exit 3
expect_stderr_contains "$HINT"
expect_stderr_not_contains "client secret"

# The right URL with a wrong secret still blames the credentials.
run_zoomqos_env ZOOM_OAUTH_URL="$MOCK_ROOT" ZOOM_CLIENT_SECRET=wrong -- get "$W" "$P" --type past
expect_exit 3
expect_stderr_contains "check the client ID (cid-42) and the client secret"
expect_stderr_not_contains "$HINT"

finish
