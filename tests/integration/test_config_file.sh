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

# --- a key only another command takes is no error: one file serves them all
# (a run builds only its own command's options, and looks further for a key
# they do not know)
printf 'listen = "127.0.0.1:9999"\narchive = "/tmp/zoomqos-archive"\ntimeout = 5\n' >"$TEST_TMP/shared.toml"
run_zoomqos config show --config "$TEST_TMP/shared.toml"
expect_exit 0
expect_stdout_contains "timeout"
printf 'listen = "127.0.0.1:9999"\nlisten-addr = "x"\n' >"$TEST_TMP/shared-typo.toml"
run_zoomqos config show --config "$TEST_TMP/shared-typo.toml"
expect_exit 2
expect_stderr_contains "$TEST_TMP/shared-typo.toml:2: unknown key 'listen-addr'"

# --- sections are refused rather than silently ignored
printf 'timeout = 5\n[get]\ntype = "past"\n' >"$TEST_TMP/section.toml"
run_zoomqos config show --config "$TEST_TMP/section.toml"
expect_exit 2
expect_stderr_contains "$TEST_TMP/section.toml:2: sections are not supported"

# --- every key alike: set twice or to an array is refused with file and line
for key in client-secret client-id timeout; do
    printf '%s = "1"\n%s = "2"\n' "$key" "$key" >"$TEST_TMP/dup.toml"
    run_zoomqos config show --config "$TEST_TMP/dup.toml"
    expect_exit 2
    expect_stderr_contains "$TEST_TMP/dup.toml:2: malformed config: '$key' is set twice (first on line 1)"
    printf '# x\n%s = ["1", "2"]\n' "$key" >"$TEST_TMP/array.toml"
    run_zoomqos config show --config "$TEST_TMP/array.toml"
    expect_exit 2
    expect_stderr_contains "$TEST_TMP/array.toml:2: malformed config: '$key' takes one value, not an array"
done

# --- a huge bad value is refused, and one under the size cap is echoed cut to 80
# characters
{
    printf 'rate = "'
    head -c 10000000 /dev/zero | tr '\0' x
    printf '"\n'
} >"$TEST_TMP/long-value.toml"
run_zoomqos config show --config "$TEST_TMP/long-value.toml"
expect_exit 2
expect_stderr_contains "config file '$TEST_TMP/long-value.toml' is larger than 1 MiB"
check "stderr is short" test "$(wc -c <"$ERR")" -lt 1000
{
    printf 'rate = "'
    head -c 500000 /dev/zero | tr '\0' x
    printf '"\n'
} >"$TEST_TMP/long-value.toml"
run_zoomqos config show --config "$TEST_TMP/long-value.toml"
expect_exit 2
expect_stderr_contains "$TEST_TMP/long-value.toml:1: "
expect_stderr_contains "$(printf 'x%.0s' {1..80})..."
expect_stderr_not_contains "$(printf 'x%.0s' {1..81})"
check "stderr is short" test "$(wc -c <"$ERR")" -lt 1000
printf 'timeout = 5\n%s = 1\n' "$(printf 'k%.0s' {1..5000})" >"$TEST_TMP/long-key.toml"
run_zoomqos config show --config "$TEST_TMP/long-key.toml"
expect_exit 2
expect_stderr_contains "$TEST_TMP/long-key.toml:2: unknown key '$(printf 'k%.0s' {1..80})...'"

# --- a file over 1 MiB is refused before it is read (a huge comment costs nothing)
{
    printf 'timeout = 5\n# '
    head -c 104857600 /dev/zero | tr '\0' c
    printf '\n'
} >"$TEST_TMP/huge.toml"
LAST_CMD="time -v zoomqos config show --config huge.toml"
LAST_EXIT=0
if can_measure_rss; then
    /usr/bin/time -v -o "$TEST_TMP/time" "$ZOOMQOS" config show --config "$TEST_TMP/huge.toml" \
        >"$OUT" 2>"$ERR" || LAST_EXIT=$?
    rss_kb=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$TEST_TMP/time")
    check "peak RSS ${rss_kb} KiB stays under 64 MiB" test "$rss_kb" -lt 65536
else
    "$ZOOMQOS" config show --config "$TEST_TMP/huge.toml" >"$OUT" 2>"$ERR" || LAST_EXIT=$?
fi
expect_exit 2
expect_stderr_contains "config file '$TEST_TMP/huge.toml' is larger than 1 MiB"
rm -f "$TEST_TMP/huge.toml"
head -c 1048576 /dev/zero | tr '\0' '\n' >"$TEST_TMP/exactly.toml"
run_zoomqos config show --config "$TEST_TMP/exactly.toml"
expect_exit 0

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
