#!/usr/bin/env bash
# A token response whose api_url is unusable (plain http to another host, not a
# URL) is an invalid response (exit 7) naming the OAuth URL, and is not cached:
# the next run mints again and succeeds.
source "$(dirname "$0")/lib.sh"

start_mock
# No API URL set: the token response's api_url is the base.
unset ZOOM_ACCESS_TOKEN ZOOM_API_URL
export ZOOM_OAUTH_URL=$MOCK_ROOT ZOOM_ACCOUNT_ID=mock-account ZOOM_CLIENT_ID=mock-client \
    ZOOM_CLIENT_SECRET=mock-secret

W=81234567890
P=16778240
CACHE="$XDG_CACHE_HOME/zoomqos"

bad_token_response() { # API_URL
    mock_faults "$(jq -cn --arg api "$1" '{body: ({access_token: "poison", expires_in: 3600,
        scope: "dashboard_webinars:read:admin", api_url: $api} | tojson)}')"
}

for api in "http://evil.example" "not a url" "https://user:pw@api.zoom.us"; do
    bad_token_response "$api"
    run_zoomqos get "$W" "$P" --type past
    expect_exit 7
    expect_stderr_contains "zoomqos: error: the token response from $MOCK_ROOT"
    expect_stderr_contains "api_url"
    check "$api: one error line" test "$(grep -c 'zoomqos: error:' "$ERR")" = 1
    check "$api: nothing cached" test -z "$(find "$CACHE" -type f 2>/dev/null)"

    # The next run is not poisoned: it mints a good token and succeeds.
    run_zoomqos get "$W" "$P" --type past
    expect_exit 0
    check "$api: the good token is cached" test -n "$(find "$CACHE" -name 'token-*' -type f)"
    rm -rf "$CACHE"
done

# A poisoned file left by an older version is not trusted either.
run_zoomqos get "$W" "$P" --type past
expect_exit 0
FILE=$(find "$CACHE" -name 'token-*' -type f)
jq -c '.api_url = "http://evil.example"' "$FILE" >"$TEST_TMP/poisoned"
cat "$TEST_TMP/poisoned" >"$FILE"
run_zoomqos get "$W" "$P" --type past -v
expect_exit 0
expect_stderr_contains "token cache: cache file is corrupt"
check "the poisoned file is replaced" test "$(jq -r .api_url "$FILE")" != "http://evil.example"

finish
