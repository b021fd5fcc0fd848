#!/usr/bin/env bash
# `zoomqos auth status` with a token that has the dashboard scope: where the
# credentials come from, the token's source, expiry, API URL and scopes; exit 0.
source "$(dirname "$0")/lib.sh"

start_mock --scopes "user:read:admin dashboard_webinars:read:admin"
unset ZOOM_ACCESS_TOKEN
export ZOOM_OAUTH_URL=$MOCK_ROOT ZOOM_ACCOUNT_ID=mock-account ZOOM_CLIENT_ID=mock-client \
    ZOOM_CLIENT_SECRET=mock-secret

run_zoomqos auth status
expect_exit 0
expect_stdout_contains "Server-to-Server OAuth (account ID from env ZOOM_ACCOUNT_ID"
expect_stdout_contains "minted at $MOCK_ROOT"
expect_stdout_contains "API URL      $MOCK_URL"
expect_stdout_contains "Scopes       user:read:admin dashboard_webinars:read:admin"
expect_stdout_contains "QoS scope    yes"

# The second time the token comes from the cache.
run_zoomqos auth status -o json
expect_exit 0
expect_stdout_jq '.token_source | startswith("cache ")'
expect_stdout_jq '.qos_scope == true'
expect_stdout_jq '.scopes == ["user:read:admin", "dashboard_webinars:read:admin"]'
expect_stdout_jq '.expires_in_seconds > 3500 and .expires_in_seconds <= 3599'
expect_stdout_jq '.expires_at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")'
# shellcheck disable=SC2016 # $url is jq's variable
expect_stdout_jq '.api_url == $url' --arg url "$MOCK_URL"
check "one token minted for both" \
    test "$(_curl --fail "$MOCK_ROOT/_mock/oauth" | jq -r .tokens_minted)" = 1

# A static token: its source, scopes unknown; one request asks the API
# whether it accepts the token.
mock_reset
run_zoomqos_env ZOOM_ACCESS_TOKEN=mock-token -- auth status -o json
expect_exit 0
expect_stdout_jq '.credentials == "env ZOOM_ACCESS_TOKEN" and .scopes == null'
expect_stdout_jq '.api_check | startswith("accepted")'
expect_requests 1

# A static token the API refuses: exit 3, said on stdout and stderr.
run_zoomqos_env ZOOM_ACCESS_TOKEN=not-the-mock-token -- auth status
expect_exit 3
expect_stdout_contains "API check    refused"
expect_stderr_contains "(HTTP 401"

# No credentials at all: exit 3.
run_zoomqos_env -u ZOOM_ACCOUNT_ID -u ZOOM_CLIENT_ID -u ZOOM_CLIENT_SECRET -- auth status
expect_exit 3
expect_stderr_contains "no credentials"

finish
