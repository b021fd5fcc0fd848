#!/usr/bin/env bash
# `config show`: the API URL in effect and what decides it (a set api-url, or
# the token's api_url, read from the token cache, never from a new request);
# -o json is a JSON object of key -> {value, source}; other formats are refused.
source "$(dirname "$0")/lib.sh"

start_mock --account-id acct-42 --client-id cid-42 --client-secret s3cr3t-S2S-value

setting() { # NAME: "VALUE SOURCE" from config show's table
    awk -v n="$1" '$1 == n { $1 = ""; sub(/^ +/, ""); print }' "$OUT"
}

# --- a set API URL decides
run_zoomqos config show
expect_exit 0
check "effective-api-url from ZOOM_API_URL" test "$(setting effective-api-url)" = "$MOCK_URL api-url (env ZOOM_API_URL)"

run_zoomqos config show -o json
expect_exit 0
expect_stdout_jq '."api-url" == {"value": $u, "source": "env ZOOM_API_URL"}' --arg u "$MOCK_URL"
expect_stdout_jq '."effective-api-url".value == $u' --arg u "$MOCK_URL"
expect_stdout_jq '."timeout" == {"value": "30", "source": "default"}'
expect_stdout_jq '[.[] | keys == ["source", "value"]] | all'

run_zoomqos config show -o csv
expect_exit 2
expect_stderr_contains "config show prints a table or JSON"

# An `output` from the config file is get's and list's: config show stays a table.
printf 'output = "csv"\n' >"$TEST_TMP/output.toml"
run_zoomqos config show --config "$TEST_TMP/output.toml"
expect_exit 0
check "output from config, shown as a setting" test "$(setting output)" = "csv config $TEST_TMP/output.toml"

# --- S2S credentials and no API URL: the token's api_url decides
unset ZOOM_ACCESS_TOKEN ZOOM_API_URL
export ZOOM_OAUTH_URL=$MOCK_ROOT ZOOM_ACCOUNT_ID=acct-42 ZOOM_CLIENT_ID=cid-42 \
    ZOOM_CLIENT_SECRET=s3cr3t-S2S-value
mock_reset
run_zoomqos config show
expect_exit 0
check "no token yet: the row says a token request tells" grep -qE "^effective-api-url +https://api.zoom.us/v2 +api-url \(default\) unless the token's api_url says otherwise: known after a token request" "$OUT"
expect_requests 0
check "no token minted by config show" test "$(mock_requests | jq length)" -eq 0

run_zoomqos auth status # mints one and caches it
expect_exit 0
run_zoomqos config show -o json
expect_exit 0
expect_stdout_jq '."effective-api-url" == {"value": $u, "source": "token api_url (cached token)"}' --arg u "$MOCK_URL"
run_zoomqos config show --no-cache
expect_exit 0
check "--no-cache: the cache is not read" grep -qE "^effective-api-url +https://api.zoom.us/v2 +api-url \(default\) unless" "$OUT"

finish
