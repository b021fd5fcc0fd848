#!/usr/bin/env bash
# A mock whose tokens are already expired when minted (--token-ttl 0) keeps
# answering 401: zoomqos mints, is refused, mints once more, retries once and
# exits 3. It never loops.
source "$(dirname "$0")/lib.sh"

start_mock --token-ttl 0
unset ZOOM_ACCESS_TOKEN
export ZOOM_OAUTH_URL=$MOCK_ROOT ZOOM_ACCOUNT_ID=mock-account ZOOM_CLIENT_ID=mock-client \
    ZOOM_CLIENT_SECRET=mock-secret

minted() { _curl --fail "$MOCK_ROOT/_mock/oauth" | jq -r .tokens_minted; }

run_zoomqos get 81234567890 16778240 --type past -v
expect_exit 3
expect_stderr_contains "HTTP 401, Zoom code 124"
expect_stderr_contains "check the Server-to-Server OAuth credentials"
check "exactly two tokens: the first and one re-mint" test "$(minted)" = 2
check "exactly two API requests: the first and one retry" \
    test "$(mock_requests | jq '[.[] | select(.target | startswith("/v2/"))] | length')" = 2
check "a token that expires at once is not cached" \
    test -z "$(find "$XDG_CACHE_HOME" -type f)"

finish
