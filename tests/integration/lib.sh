# shellcheck shell=bash
# Sourced by every tests/integration/test_*.sh. ctest provides:
#   ZOOMQOS       path of the zoomqos binary
#   ZOOMQOS_MOCK  path of the zoomqos-mock binary
#   FIXTURES      absolute path of tests/fixtures
# A test starts one mock (start_mock), runs zoomqos (run_zoomqos), checks the
# result (expect_*, check) and ends with `finish`, which prints "ok: N checks".
# The first failed check prints what zoomqos printed and exits 1.

set -euo pipefail

: "${ZOOMQOS:?ZOOMQOS must name the zoomqos binary (ctest sets it)}"
: "${ZOOMQOS_MOCK:?ZOOMQOS_MOCK must name the zoomqos-mock binary (ctest sets it)}"
: "${FIXTURES:?FIXTURES must name tests/fixtures (ctest sets it)}"

for _tool in curl jq cmp timeout; do
    if ! command -v "$_tool" >/dev/null; then
        echo "FAIL: this test needs '$_tool' (scripts/install-deps.sh installs it)" >&2
        exit 1
    fi
done
unset _tool

TEST_NAME=$(basename "$0" .sh)
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/zoomqos-${TEST_NAME}.XXXXXX")
OUT="$TEST_TMP/stdout" # what the last run_zoomqos printed
ERR="$TEST_TMP/stderr"
CHECKS=0
MOCK_PID=""
LAST_EXIT=""
LAST_ELAPSED=0
LAST_CMD=""

# A zoomqos under test must not see the developer's own configuration,
# credentials, token cache or proxy: everything it could read lives in TEST_TMP.
export HOME="$TEST_TMP/home"
export XDG_CONFIG_HOME="$HOME/.config" XDG_CACHE_HOME="$HOME/.cache"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
unset ZOOM_ACCESS_TOKEN ZOOM_API_URL ZOOM_ACCOUNT_ID ZOOM_CLIENT_ID ZOOM_CLIENT_SECRET \
    http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY CLICOLOR_FORCE
export NO_PROXY="127.0.0.1,localhost,::1" no_proxy="127.0.0.1,localhost,::1"
export NO_COLOR=1 LC_ALL=C.UTF-8
# Tables show local time (--tz): the same everywhere, whatever the machine's zone.
export TZ=UTC

_cleanup() {
    local status=$?
    if [[ -n "$MOCK_PID" ]]; then
        kill -TERM "$MOCK_PID" 2>/dev/null || true
        wait "$MOCK_PID" 2>/dev/null || true
    fi
    rm -rf "$TEST_TMP"
    exit "$status"
}
trap _cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ------------------------------------------------------------------ failures

_show_file() { # LABEL FILE
    if [[ -s "$2" ]]; then
        echo "--- $1:"
        head -c 4000 "$2"
        echo
    else
        echo "--- $1: (empty)"
    fi
}

# Prints MSG, the last zoomqos command with its output, and the mock's log.
fail() {
    {
        echo "FAIL [$TEST_NAME]: $*"
        if [[ -n "$LAST_CMD" ]]; then
            echo "--- last command: $LAST_CMD"
            echo "--- exit code: $LAST_EXIT"
            _show_file stdout "$OUT"
            _show_file stderr "$ERR"
        fi
        if [[ -f "$TEST_TMP/mock.log" ]]; then
            echo "--- mock log (last 20 lines):"
            tail -n 20 "$TEST_TMP/mock.log"
        fi
    } >&2
    exit 1
}

# check DESCRIPTION COMMAND...: counts a check that passes when COMMAND does.
check() {
    local what=$1
    shift
    if ! "$@" >/dev/null 2>&1; then
        fail "$what (failed: $*)"
    fi
    CHECKS=$((CHECKS + 1))
}

finish() {
    echo "ok: $CHECKS checks"
}

# wait_for SECONDS DESCRIPTION COMMAND...: a check that passes once COMMAND
# does, tried every 0.2 s; fails after SECONDS (bounds for a loaded machine,
# not timing assertions).
wait_for() {
    local seconds=$1 what=$2 i
    shift 2
    for ((i = 0; i < seconds * 5; i++)); do
        if "$@" >/dev/null 2>&1; then
            CHECKS=$((CHECKS + 1))
            return 0
        fi
        sleep 0.2
    done
    fail "$what (not within $seconds s: $*)"
}

# ---------------------------------------------------------------------- mock

# Reads the first line of FILE once the process PID has written it (10 s).
_wait_for_url() { # PID FILE
    local i
    for ((i = 0; i < 200; i++)); do
        if [[ $(wc -l <"$2") -ge 1 ]]; then
            head -n 1 "$2"
            return 0
        fi
        kill -0 "$1" 2>/dev/null || return 1
        sleep 0.05
    done
    return 1
}

# start_mock [ARGS...]: starts zoomqos-mock on a free port and exports
# ZOOM_API_URL and ZOOM_ACCESS_TOKEN (mock-token, or the value of --token).
# Sets MOCK_URL (the /v2 base) and MOCK_ROOT (without /v2).
# shellcheck disable=SC2120 # the arguments are optional
start_mock() {
    [[ -z "$MOCK_PID" ]] || fail "start_mock called twice"
    local token=mock-token previous=""
    local arg
    for arg in "$@"; do
        [[ "$previous" == --token ]] && token=$arg
        previous=$arg
    done
    # The redirection below happens in the background child, so a URL file
    # left by an earlier mock must be emptied here, or the wait may read the
    # old line just as the child truncates it. timeout(1) is the safety net
    # that ends a mock the trap could not (the test killed with SIGKILL).
    : >"$TEST_TMP/mock.url"
    timeout 300 "$ZOOMQOS_MOCK" --port 0 --fixtures "$FIXTURES" "$@" \
        >"$TEST_TMP/mock.url" 2>"$TEST_TMP/mock.log" &
    MOCK_PID=$!
    local url
    if ! url=$(_wait_for_url "$MOCK_PID" "$TEST_TMP/mock.url"); then
        fail "zoomqos-mock did not print its URL within 10 s"
    fi
    [[ "$url" =~ ^https?://127\.0\.0\.1:[0-9]+/v2$ ]] || fail "unexpected mock URL line: '$url'"
    MOCK_URL=$url
    MOCK_ROOT=${url%/v2}
    export ZOOM_API_URL=$url ZOOM_ACCESS_TOKEN=$token
}

# A URL on which nothing listens: a mock's port right after it has exited.
closed_port_url() {
    local file="$TEST_TMP/dead.url" pid url
    : >"$file" # emptied before the child starts (see start_mock)
    "$ZOOMQOS_MOCK" --port 0 --quiet >"$file" 2>/dev/null &
    pid=$!
    url=$(_wait_for_url "$pid" "$file") || fail "could not start a mock to find a closed port"
    kill -TERM "$pid"
    wait "$pid" || true
    echo "$url"
}

# curl with no proxy and no config, for talking to the mock directly.
_curl() {
    curl -q --noproxy '*' --silent --show-error --max-time 10 "$@"
}

# mock_requests: the JSON array of API requests the mock has received.
mock_requests() {
    _curl --fail "$MOCK_ROOT/_mock/requests" || fail "GET /_mock/requests failed"
}

# mock_last_request: the most recent one, as a JSON object.
mock_last_request() {
    mock_requests | jq -c '.[-1]'
}

mock_reset() {
    _curl --fail --data "" "$MOCK_ROOT/_mock/reset" >/dev/null || fail "POST /_mock/reset failed"
}

# mock_faults JSON: queues faults (src/mock/faults.hpp) for the next requests,
# after clearing the request log and any fault still pending.
mock_faults() {
    mock_reset
    _curl --fail -X DELETE "$MOCK_ROOT/_mock/faults" >/dev/null || fail "DELETE /_mock/faults failed"
    _curl --fail --data "$1" "$MOCK_ROOT/_mock/faults" >/dev/null || fail "POST /_mock/faults failed: $1"
}

# mock_request_count: how many API requests the mock has received.
mock_request_count() {
    _curl --fail "$MOCK_ROOT/_mock/stats" | jq .requests
}

# expect_requests N: the mock received exactly N API requests.
expect_requests() {
    local count
    count=$(mock_request_count)
    [[ "$count" -eq "$1" ]] || fail "expected $1 requests at the mock, got $count"
    CHECKS=$((CHECKS + 1))
}

# expect_elapsed_below SECONDS: the last run_zoomqos took less than that.
expect_elapsed_below() {
    awk -v t="$LAST_ELAPSED" -v max="$1" 'BEGIN { exit !(t < max) }' ||
        fail "took ${LAST_ELAPSED} s, expected under $1 s"
    CHECKS=$((CHECKS + 1))
}

# api_get PATH_AND_QUERY [CURL_ARGS...]: GET $MOCK_URL$PATH_AND_QUERY with
# the bearer token, unless CURL_ARGS hold their own "-H Authorization: ..."
# ("Authorization:" alone sends none). Sets HTTP_STATUS; the body is in
# $TEST_TMP/body, the headers in $TEST_TMP/headers.
api_get() {
    local path=$1
    shift
    local auth=(-H "Authorization: Bearer ${ZOOM_ACCESS_TOKEN:-}") arg
    for arg in "$@"; do
        [[ "$arg" == Authorization:* ]] && auth=()
    done
    # shellcheck disable=SC2034 # read by the test scripts
    HTTP_STATUS=$(_curl --path-as-is -o "$TEST_TMP/body" -D "$TEST_TMP/headers" \
        -w '%{http_code}' "${auth[@]}" "$@" "$MOCK_URL$path") ||
        fail "curl could not reach the mock for $path"
}

# ------------------------------------------------------------------- zoomqos

# run_zoomqos ARGS...: runs zoomqos (30 s limit) and records its exit code in
# LAST_EXIT, its output in $TEST_TMP/stdout and $TEST_TMP/stderr. Never fails
# by itself. Stdin is /dev/null, or the file named by ZOOMQOS_STDIN
# (`ZOOMQOS_STDIN=ids.txt run_zoomqos get W -`).
run_zoomqos() {
    run_zoomqos_env -- "$@"
}

# run_zoomqos_env ENV_ARGS... -- ARGS...: the same with env(1) arguments first,
# e.g. `run_zoomqos_env -u ZOOM_ACCESS_TOKEN -- get 1 2`.
run_zoomqos_env() {
    local env_args=()
    while [[ $# -gt 0 && "$1" != -- ]]; do
        env_args+=("$1")
        shift
    done
    [[ "${1:-}" == -- ]] || fail "run_zoomqos_env: missing --"
    shift
    LAST_CMD="zoomqos $(printf '%q ' "$@")"
    [[ ${#env_args[@]} -eq 0 ]] || LAST_CMD="env ${env_args[*]} $LAST_CMD"
    LAST_EXIT=0
    local started
    started=$(date +%s%N)
    env "${env_args[@]}" timeout 30 "$ZOOMQOS" "$@" \
        >"$OUT" 2>"$ERR" <"${ZOOMQOS_STDIN:-/dev/null}" || LAST_EXIT=$?
    LAST_ELAPSED=$(awk -v a="$started" -v b="$(date +%s%N)" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    if [[ "$LAST_EXIT" -eq 124 ]]; then
        fail "zoomqos did not finish within 30 s"
    fi
}

# built_with_asan: whether zoomqos is the ASan+UBSan build.
built_with_asan() {
    # ldd's output is read whole: under pipefail, `ldd | grep -q` fails when
    # grep exits at the first match and ldd dies of SIGPIPE.
    local libraries
    libraries=$(ldd "$ZOOMQOS" 2>/dev/null) || true
    [[ $libraries == *libasan* ]]
}

# can_measure_rss: whether a peak-RSS bound means anything here: GNU time is
# installed and zoomqos is not built with ASan (whose shadow memory and
# quarantine dominate RSS; exit codes and output are checked on both builds).
can_measure_rss() {
    [[ -x /usr/bin/time ]] && ! built_with_asan
}

# split_env_args [ENV_ARGS... --] ARGS...: the env(1) arguments before a "--"
# (none without one) in ENV_ARGS, and in ENV_ARGS_SHIFT how many words to
# shift to reach ARGS.
split_env_args() {
    ENV_ARGS=()
    ENV_ARGS_SHIFT=0
    [[ " $* " == *" -- "* ]] || return 0
    while [[ "$1" != -- ]]; do
        ENV_ARGS+=("$1")
        shift
    done
    ENV_ARGS_SHIFT=$((${#ENV_ARGS[@]} + 1))
}

# run_zoomqos_tty [ENV_ARGS... --] ARGS...: runs zoomqos with stderr on a
# pseudo-terminal (script(1)); stdout goes to $TEST_TMP/stdout, what the
# terminal showed to $TEST_TMP/stderr, the exit code to LAST_EXIT. Stdin is
# /dev/null or the file named by ZOOMQOS_STDIN; ${TTY_TIMEOUT:-30} s limit.
run_zoomqos_tty() {
    command -v script >/dev/null || fail "this test needs script(1) (util-linux)"
    split_env_args "$@"
    local env_args=("${ENV_ARGS[@]}")
    shift "$ENV_ARGS_SHIFT"
    local command
    command="$(printf '%q ' env "${env_args[@]}" "$ZOOMQOS" "$@")"
    command+=" <$(printf '%q' "${ZOOMQOS_STDIN:-/dev/null}") >$(printf '%q' "$TEST_TMP/tty_stdout")"
    LAST_CMD="script -qec '$command' /dev/null"
    LAST_EXIT=0
    timeout "${TTY_TIMEOUT:-30}" script -qec "$command" /dev/null >"$ERR" 2>&1 || LAST_EXIT=$?
    cp "$TEST_TMP/tty_stdout" "$OUT"
}

# signal_after SIGNAL SECONDS [ENV_ARGS... --] ARGS...: starts zoomqos in the
# background, sends SIGNAL (INT, TERM, HUP) after SECONDS, and records the exit
# code in LAST_EXIT and in LAST_ELAPSED how long zoomqos took to end after the
# signal. Stdin is /dev/null.
signal_after() {
    local signal=$1 delay=$2
    shift 2
    split_env_args "$@"
    local env_args=("${ENV_ARGS[@]}")
    shift "$ENV_ARGS_SHIFT"
    LAST_CMD="zoomqos $(printf '%q ' "$@")(SIG$signal after $delay s)"
    [[ ${#env_args[@]} -eq 0 ]] || LAST_CMD="env ${env_args[*]} $LAST_CMD"
    # A background job of a script starts with SIGINT ignored; env restores
    # the default so that zoomqos handles it as under a terminal. timeout(1)
    # passes the signal on, and ends a zoomqos that ignores it (exit 124).
    timeout 30 env --default-signal=INT "${env_args[@]}" "$ZOOMQOS" "$@" \
        >"$OUT" 2>"$ERR" </dev/null &
    local pid=$!
    sleep "$delay"
    local sent
    sent=$(date +%s%N)
    kill -"$signal" "$pid"
    LAST_EXIT=0
    wait "$pid" || LAST_EXIT=$?
    LAST_ELAPSED=$(awk -v a="$sent" -v b="$(date +%s%N)" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    if [[ "$LAST_EXIT" -eq 124 ]]; then
        fail "zoomqos did not finish within 30 s"
    fi
}

expect_exit() {
    [[ "$LAST_EXIT" == "$1" ]] || fail "expected exit code $1, got $LAST_EXIT"
    CHECKS=$((CHECKS + 1))
}

expect_stdout_contains() {
    grep -qF -- "$1" "$OUT" || fail "stdout does not contain '$1'"
    CHECKS=$((CHECKS + 1))
}

expect_stderr_contains() {
    grep -qF -- "$1" "$ERR" || fail "stderr does not contain '$1'"
    CHECKS=$((CHECKS + 1))
}

expect_stdout_not_contains() {
    ! grep -qF -- "$1" "$OUT" || fail "stdout contains '$1'"
    CHECKS=$((CHECKS + 1))
}

expect_stderr_not_contains() {
    ! grep -qF -- "$1" "$ERR" || fail "stderr contains '$1'"
    CHECKS=$((CHECKS + 1))
}

# expect_stdout_jq FILTER [JQ_ARGS...]: stdout is JSON and FILTER is true.
expect_stdout_jq() {
    local filter=$1
    shift
    jq -e "$@" "$filter" "$OUT" >/dev/null 2>&1 || fail "stdout: jq '$filter' is not true"
    CHECKS=$((CHECKS + 1))
}

# expect_stdout_lines N: stdout has exactly N lines.
expect_stdout_lines() {
    local lines
    lines=$(wc -l <"$OUT")
    [[ "$lines" -eq "$1" ]] || fail "expected $1 lines on stdout, got $lines"
    CHECKS=$((CHECKS + 1))
}

# expect_stdout_equals_file FILE: stdout is byte for byte FILE.
expect_stdout_equals_file() {
    cmp -s "$1" "$OUT" || fail "stdout differs from $1 ($(cmp "$1" "$OUT" 2>&1 || true))"
    CHECKS=$((CHECKS + 1))
}
