#!/usr/bin/env bash
# A wrong client secret exits 3 naming the credential to check; no secret and
# no token ever reaches stdout or stderr, with or without -v.
source "$(dirname "$0")/lib.sh"

SECRET="zq-CL1ENT-5ecret-0a9b8c7d6e5f"
start_mock --client-secret "$SECRET"
unset ZOOM_ACCESS_TOKEN
export ZOOM_OAUTH_URL=$MOCK_ROOT ZOOM_ACCOUNT_ID=mock-account ZOOM_CLIENT_ID=mock-client

W=81234567890
P=16778240
expect_no_secret() { # SECRET
    expect_stdout_not_contains "$1"
    expect_stderr_not_contains "$1"
    expect_stderr_not_contains "${1:3:14}"
}

WRONG="zq-WR0NG-5ecret-1f2e3d4c5b6a"
for verbose in "" -v; do
    run_zoomqos_env ZOOM_CLIENT_SECRET="$WRONG" -- get "$W" "$P" --type past $verbose
    expect_exit 3
    expect_stderr_contains "token request"
    expect_stderr_contains "Invalid client_id or client_secret"
    expect_stderr_contains "check the client ID (mock-client) and the client secret (from env ZOOM_CLIENT_SECRET)"
    expect_no_secret "$WRONG"
    expect_no_secret "$SECRET"
    run_zoomqos_env ZOOM_CLIENT_SECRET="$WRONG" -- auth status $verbose
    expect_exit 3
    expect_no_secret "$WRONG"
done

# A wrong account ID points at the account ID instead.
run_zoomqos_env ZOOM_CLIENT_SECRET="$SECRET" ZOOM_ACCOUNT_ID=nope -- get "$W" "$P" --type past
expect_exit 3
expect_stderr_contains "check the account ID (nope)"

# Success, verbose: neither the secret nor the minted token shows.
printf '%s\n' "$SECRET" >"$TEST_TMP/secret"
run_zoomqos get "$W" "$P" --type past --client-secret-file "$TEST_TMP/secret" --no-cache -v
expect_exit 0
expect_stderr_contains "client secret from --client-secret-file $TEST_TMP/secret"
expect_no_secret "$SECRET"
for args in "get $W $P --type past -v" "get $W $P --type past -v -o raw" "auth status -v" \
    "auth status -o json -v" "config show -v"; do
    # shellcheck disable=SC2086 # word splitting wanted
    run_zoomqos_env ZOOM_CLIENT_SECRET="$SECRET" -- $args
    expect_exit 0
    expect_no_secret "$SECRET"
    TOKEN=$(jq -r .access_token "$(find "$XDG_CACHE_HOME/zoomqos" -type f)")
    check "a minted token is cached" test -n "$TOKEN"
    expect_no_secret "$TOKEN"
done
check "the secret file was used" test "$(mock_requests | jq '[.[] | select(.target == "/oauth/token" and .status == 200)] | length')" -ge 2

finish
