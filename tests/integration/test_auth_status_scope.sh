#!/usr/bin/env bash
# `zoomqos auth status` with a token that lacks every dashboard scope: the
# report says so and the exit code is 3.
source "$(dirname "$0")/lib.sh"

start_mock --scopes "user:read:admin meeting:read:admin"
unset ZOOM_ACCESS_TOKEN
export ZOOM_OAUTH_URL=$MOCK_ROOT ZOOM_ACCOUNT_ID=mock-account ZOOM_CLIENT_ID=mock-client \
    ZOOM_CLIENT_SECRET=mock-secret

run_zoomqos auth status
expect_exit 3
expect_stdout_contains "Scopes       user:read:admin meeting:read:admin"
expect_stdout_contains "QoS scope    MISSING"
expect_stderr_contains "lacks the dashboard scope"

run_zoomqos auth status -o json
expect_exit 3
expect_stdout_jq '.qos_scope == false'
expect_stdout_jq '.scopes == ["user:read:admin", "meeting:read:admin"]'

finish
