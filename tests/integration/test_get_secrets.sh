#!/usr/bin/env bash
# The access token never reaches stdout or stderr, not even with -v, and
# --token-file reads the token from the file's first line.
source "$(dirname "$0")/lib.sh"

TOKEN="zq-T0KEN-5ecret-9f8e7d6c5b4a"
start_mock --token "$TOKEN"

W=81234567890
P=16778240

expect_no_secret() { # SECRET
    expect_stdout_not_contains "$1"
    expect_stderr_not_contains "$1"
    # A redaction that keeps a long prefix or suffix still leaks it.
    expect_stderr_not_contains "${1:3:14}"
}

# --- success, verbose
run_zoomqos get "$W" "$P" --type past -v
expect_exit 0
expect_stderr_contains "GET"
expect_stderr_contains "200"
expect_no_secret "$TOKEN"
run_zoomqos get "$W" "$P" --type past -v -o raw
expect_exit 0
expect_no_secret "$TOKEN"

# --- 401, verbose: the rejected token is not echoed either
WRONG="zq-WR0NG-5ecret-1a2b3c4d5e6f"
run_zoomqos_env ZOOM_ACCESS_TOKEN="$WRONG" -- get "$W" "$P" --type past -v
expect_exit 3
expect_stderr_contains "401"
expect_no_secret "$WRONG"

# --- 404, verbose
run_zoomqos get "$W" 99999999 --type past -v
expect_exit 4
expect_no_secret "$TOKEN"

# --- --token-file: the first line is the token
printf '%s\n%s\n' "$TOKEN" "second-line-is-not-the-token" >"$TEST_TMP/token"
chmod 600 "$TEST_TMP/token"
run_zoomqos_env -u ZOOM_ACCESS_TOKEN -- get "$W" "$P" --type past --token-file "$TEST_TMP/token" -v
expect_exit 0
expect_no_secret "$TOKEN"
expect_stdout_not_contains "second-line-is-not-the-token"
expect_stderr_not_contains "second-line-is-not-the-token"
check "the mock saw a bearer token" test "$(mock_last_request | jq -r .authorization_scheme)" = Bearer

# A token file whose first line is wrong fails even if a later line is right.
printf '%s\n%s\n' "$WRONG" "$TOKEN" >"$TEST_TMP/wrong-first"
chmod 600 "$TEST_TMP/wrong-first"
run_zoomqos_env -u ZOOM_ACCESS_TOKEN -- get "$W" "$P" --type past --token-file "$TEST_TMP/wrong-first"
expect_exit 3
expect_no_secret "$WRONG"

finish
