#!/usr/bin/env bash
# The config file: flag beats env beats config beats default, shown by
# `zoomqos config show`; secrets shown as ***; malformed files and unknown
# keys exit 2 naming file and line; a readable secret warns.
source "$(dirname "$0")/lib.sh"

start_mock
unset ZOOM_ACCESS_TOKEN ZOOM_API_URL
CONF="$XDG_CONFIG_HOME/zoomqos/config.toml"
mkdir -p "$(dirname "$CONF")"
SECRET="zq-C0NFIG-5ecret-77aa88bb99cc"
cat >"$CONF" <<TOML
# zoomqos settings
api-url = "https://config.zoom.us/v2"
oauth-url = "$MOCK_ROOT"
account-id = "mock-account"
client-id = "mock-client"
client-secret = "mock-secret"
timeout = 7
type = "past"
TOML
chmod 600 "$CONF"

setting() { # NAME: "VALUE SOURCE" from config show's table
    awk -v n="$1" '$1 == n { $1 = ""; sub(/^ +/, ""); print }' "$OUT"
}

# --- config only
run_zoomqos config show
expect_exit 0
check "api-url from config" test "$(setting api-url)" = "https://config.zoom.us/v2 config $CONF"
check "timeout from config" test "$(setting timeout)" = "7 config $CONF"
check "the secret is ***" test "$(setting client-secret)" = "*** config $CONF"
check "default stays default" test "$(setting no-cache)" = "false default"
expect_stdout_not_contains "mock-secret"
expect_stderr_not_contains "warning"

# --- env beats config
run_zoomqos_env ZOOM_API_URL=https://env.zoom.us/v2 ZOOM_CLIENT_SECRET="$SECRET" -- config show
expect_exit 0
check "api-url from env" test "$(setting api-url)" = "https://env.zoom.us/v2 env ZOOM_API_URL"
check "secret from env" test "$(setting client-secret)" = "*** env ZOOM_CLIENT_SECRET"
expect_stdout_not_contains "$SECRET"

# --- flag beats env
run_zoomqos_env ZOOM_API_URL=https://env.zoom.us/v2 -- config show --api-url https://flag.zoom.us/v2 --timeout 9
expect_exit 0
check "api-url from the flag" test "$(setting api-url)" = "https://flag.zoom.us/v2 flag"
check "timeout from the flag" test "$(setting timeout)" = "9 flag"

# --- the config file drives a real run: credentials and type=past from it
run_zoomqos get 81234567890 16778240 --api-url "$MOCK_URL" -o json
expect_exit 0
check "type=past came from the config" test "$(mock_last_request | jq -r .query.type)" = past

# --- a value the option refuses names file and line
printf 'timeout = 0\n' >"$TEST_TMP/bad-value.toml"
run_zoomqos config show --config "$TEST_TMP/bad-value.toml"
expect_exit 2
expect_stderr_contains "$TEST_TMP/bad-value.toml:1:"

# --- malformed: file and line
printf '# ok\napi-url = "https://x.zoom.us/v2"\ntype = "past\n' >"$TEST_TMP/bad.toml"
run_zoomqos config show --config "$TEST_TMP/bad.toml"
expect_exit 2
expect_stderr_contains "$TEST_TMP/bad.toml:3: malformed config"
printf 'timeout = 5\njust some words\n' >"$TEST_TMP/bad2.toml"
run_zoomqos get 1 2 --config "$TEST_TMP/bad2.toml"
expect_exit 2
expect_stderr_contains "$TEST_TMP/bad2.toml:2: malformed config"

# --- unknown key: file and line
printf 'timeout = 5\n\napi-ulr = "https://x.zoom.us/v2"\n' >"$TEST_TMP/typo.toml"
run_zoomqos config show --config "$TEST_TMP/typo.toml"
expect_exit 2
expect_stderr_contains "$TEST_TMP/typo.toml:3: unknown key 'api-ulr'"

# --- sections are refused rather than silently ignored
printf 'timeout = 5\n[get]\ntype = "past"\n' >"$TEST_TMP/section.toml"
run_zoomqos config show --config "$TEST_TMP/section.toml"
expect_exit 2
expect_stderr_contains "$TEST_TMP/section.toml:2: sections are not supported"

# --- a missing --config file is an error; a missing default file is not
run_zoomqos config show --config "$TEST_TMP/nope.toml"
expect_exit 2
expect_stderr_contains "nope.toml"
run_zoomqos_env XDG_CONFIG_HOME="$TEST_TMP/empty" -- config show
expect_exit 0
check "api-url default without a config file" \
    test "$(setting api-url)" = "https://api.zoom.us/v2 default"

# --- a secret in a file others can read: a warning, and the run goes on
chmod 644 "$CONF"
run_zoomqos config show
expect_exit 0
expect_stderr_contains "warning: config file '$CONF' holds client-secret and is readable by others"
expect_stderr_not_contains "mock-secret"

finish
