#!/usr/bin/env bash
# A cache file that cannot be trusted — corrupt, group/world-readable, for
# other credentials, a symlink, another user's — is ignored: a fresh token is minted and the
# file rewritten 0600.
source "$(dirname "$0")/lib.sh"

start_mock
unset ZOOM_ACCESS_TOKEN
export ZOOM_OAUTH_URL=$MOCK_ROOT ZOOM_ACCOUNT_ID=mock-account ZOOM_CLIENT_ID=mock-client \
    ZOOM_CLIENT_SECRET=mock-secret

W=81234567890
P=16778240
minted() { _curl --fail "$MOCK_ROOT/_mock/oauth" | jq -r .tokens_minted; }

run_zoomqos get "$W" "$P" --type past
expect_exit 0
FILE=$(find "$XDG_CACHE_HOME/zoomqos" -type f)
GOOD=$(cat "$FILE")

expect_fresh_mint() { # WHAT EXPECTED_MINTS
    run_zoomqos get "$W" "$P" --type past -v
    expect_exit 0
    expect_stderr_contains "token cache: $1"
    check "$1: a fresh token minted" test "$(minted)" = "$2"
    check "$1: the file is rewritten 0600" test "$(stat -c %a "$FILE")" = 600
    check "$1: the file holds the new token" \
        test "$(jq -r .access_token "$FILE")" != "$(jq -r .access_token <<<"$GOOD")"
    check "$1: the file is a regular file" test -f "$FILE" -a ! -L "$FILE"
}

# --- corrupt
printf '{"access_token": "half a fi' >"$FILE"
expect_fresh_mint "cache file is corrupt" 2

# --- a valid file, but readable by group and others
printf '%s\n' "$GOOD" >"$FILE"
chmod 644 "$FILE"
expect_fresh_mint "cache file is readable or writable by group or others" 3

# --- a valid file for other credentials (e.g. a hash collision or a copy)
jq -c '.client_id = "someone-else"' <<<"$GOOD" >"$FILE"
chmod 600 "$FILE"
expect_fresh_mint "cache file is for other credentials" 4

# --- a token that expires within the minute is not reused
jq -c ".expires_at = $(($(date +%s) + 30))" <<<"$GOOD" >"$FILE"
chmod 600 "$FILE"
expect_fresh_mint "cached token expires within a minute" 5

# --- a symlink planted in its place is not followed
printf '%s\n' "$GOOD" >"$TEST_TMP/elsewhere"
chmod 600 "$TEST_TMP/elsewhere"
rm -f "$FILE"
ln -s "$TEST_TMP/elsewhere" "$FILE"
expect_fresh_mint "cache file unreadable" 6
check "the symlink's target was not written" test "$(cat "$TEST_TMP/elsewhere")" = "$GOOD"

# --- a valid, private file owned by another user (only root can make one)
if [[ $(id -u) -eq 0 ]]; then
    rm -f "$FILE"
    printf '%s\n' "$GOOD" >"$FILE"
    chmod 600 "$FILE"
    chown 65534:65534 "$FILE"
    expect_fresh_mint "cache file is owned by another user" 7
    check "the replacement is owned by the user who ran zoomqos" test "$(stat -c %u "$FILE")" = 0
else
    echo "skip: a cache file owned by another user (creating one needs root)"
fi

# --- a group-writable cache directory is made private again
chmod 777 "$XDG_CACHE_HOME/zoomqos"
rm -f "$FILE"
run_zoomqos get "$W" "$P" --type past
expect_exit 0
check "the directory is 0700 again" test "$(stat -c %a "$XDG_CACHE_HOME/zoomqos")" = 700

# --- two runs at once: each reads a whole file or none
rm -f "$FILE"
pids=()
for i in 1 2 3 4; do
    timeout 30 "$ZOOMQOS" get "$W" "$P" --type past -o csv >"$TEST_TMP/par$i" 2>&1 &
    pids+=($!)
done
for pid in "${pids[@]}"; do
    wait "$pid" || fail "a concurrent run failed: $(cat "$TEST_TMP"/par*)"
done
check "after concurrent runs the cache is valid JSON" jq -e .access_token "$FILE"
check "no temporary files left" test -z "$(find "$XDG_CACHE_HOME/zoomqos" -name '.token-*')"

# --- a changed client secret is not vouched for by the token the old one
# minted: auth status mints anew and fails; the right secret still uses the file
check "the file holds a digest of the credential, not the secret" \
    test "$(jq -r '.credential_sha256 | length' "$FILE")" -eq 64 -a -z "$(grep -F mock-secret "$FILE")"
mints=$(minted)
run_zoomqos_env ZOOM_CLIENT_SECRET=a-wrong-secret -- auth status
expect_exit 3
expect_stderr_contains "client secret"
run_zoomqos get "$W" "$P" --type past -v
expect_exit 0
expect_stderr_contains "access token from the cache"
check "only the wrong secret's attempt reached the token endpoint" test "$(minted)" = "$mints"

finish
