#!/usr/bin/env bash
# The client secret lives in one buffer (#13). While the request that follows
# the token's minting is in flight, a read of the process's memory (what a
# debugger or a root process finds) holds the secret exactly once, whether it
# came from ZOOM_CLIENT_SECRET (in the ASan build, twice: see below),
# --client-secret-file or the config file, and
# not the base64 of the Basic auth pair "client-id:secret". Each is also
# looked for by its last 24 characters: malloc overwrites the first 16 bytes
# of a block it frees, so an unwiped copy left in freed memory has only its
# tail. The account ID, which nothing wipes, is found: the scan sees what it
# should.
# Skipped (exit 77) without root: zoomqos makes itself non-dumpable, so only
# root may read its memory.
source "$(dirname "$0")/lib.sh"

if [[ $(id -u) -ne 0 ]]; then
    echo "SKIP: reading another process's memory needs root"
    exit 77
fi
[[ -x "${ZOOMQOS_MEMSCAN:-}" ]] || fail "ZOOMQOS_MEMSCAN is not set (ctest sets it)"

W=81234567890
P=16778240
ACCOUNT=acct-memscan-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
CLIENT=cid-memscan
SECRET=zq-secret-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
BASIC=$(printf '%s' "$CLIENT:$SECRET" | base64 -w0)

start_mock --account-id "$ACCOUNT" --client-id "$CLIENT" --client-secret "$SECRET"
unset ZOOM_ACCESS_TOKEN ZOOM_CLIENT_SECRET
export ZOOM_OAUTH_URL=$MOCK_ROOT ZOOM_ACCOUNT_ID=$ACCOUNT ZOOM_CLIENT_ID=$CLIENT

requests_received() { # N
    [[ $(_curl "$MOCK_ROOT/_mock/stats" | jq .requests) -ge $1 ]]
}

# start_get [ARGS...]: a get in the background, its PID in GET_PID; not under
# timeout(1), whose PID would be the one scanned. The environment is the
# caller's: `ZOOM_CLIENT_SECRET=... start_get` passes the secret.
start_get() {
    "$ZOOMQOS" get "$W" "$P" --type past --no-cache --retries 0 --timeout 30 "$@" \
        >"$OUT" 2>"$ERR" </dev/null &
    GET_PID=$!
}

# scan_while_fetching WHAT COPIES [ARGS...]: a get whose token is minted at
# once and whose QoS request then stalls; zoomqos's memory is scanned once the
# mock has that request, then zoomqos is stopped. The secret must be found
# COPIES times.
scan_while_fetching() {
    local what=$1 copies=$2
    shift 2
    mock_faults '[{"delay": 1}, {"stall": true}]'
    start_get "$@"
    wait_for 20 "$what: the token minted and the QoS request sent" requests_received 2
    local counts
    counts=$("$ZOOMQOS_MEMSCAN" "$GET_PID" "$SECRET" "${SECRET: -24}" "${BASIC: -24}" "$ACCOUNT") ||
        fail "$what: memscan failed"
    kill -TERM "$GET_PID"
    wait "$GET_PID" || true
    mapfile -t found <<<"$counts"
    check "$what: the secret $copies time(s) (found ${found[0]})" test "${found[0]}" -eq "$copies"
    check "$what: its tail as often: no copy in freed memory (found ${found[1]})" \
        test "${found[1]}" -eq "$copies"
    check "$what: no base64 of client-id:secret, not even its tail (found ${found[2]})" \
        test "${found[2]}" -eq 0
    check "$what: the account ID is found (${found[3]})" test "${found[3]}" -ge 1
}

# While the token request itself is in flight, its header is in memory: the
# base64 needle is the right one.
mock_faults '{"stall": true}'
ZOOM_CLIENT_SECRET=$SECRET start_get
wait_for 20 "the token request sent" requests_received 1
during=$("$ZOOMQOS_MEMSCAN" "$GET_PID" "${BASIC: -24}") || fail "memscan failed"
kill -TERM "$GET_PID"
wait "$GET_PID" || true
check "the Basic auth header while minting (found $during)" test "$during" -ge 1

# The sanitizers' runtime reads /proc/self/environ into a buffer of its own
# before main() (for its options): in that build the variable has one more
# copy that zoomqos cannot reach.
env_copies=1
if built_with_asan; then
    env_copies=2
fi
ZOOM_CLIENT_SECRET=$SECRET scan_while_fetching "ZOOM_CLIENT_SECRET" "$env_copies"

printf '%s\n' "$SECRET" >"$TEST_TMP/secret"
chmod 600 "$TEST_TMP/secret"
scan_while_fetching "--client-secret-file" 1 --client-secret-file "$TEST_TMP/secret"

printf 'client-secret = "%s"\n' "$SECRET" >"$TEST_TMP/config.toml"
chmod 600 "$TEST_TMP/config.toml"
scan_while_fetching "the config file" 1 --config "$TEST_TMP/config.toml"

# A bare word in the config file is read the same way.
printf 'client-secret = %s # the app'"'"'s secret\n' "$SECRET" >"$TEST_TMP/bare.toml"
chmod 600 "$TEST_TMP/bare.toml"
scan_while_fetching "a bare config value" 1 --config "$TEST_TMP/bare.toml"

finish
