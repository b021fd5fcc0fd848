#!/usr/bin/env bash
# --watch when the watch starts late: the samples already there (the history)
# have their --fail-on breaches listed once without ending the watch; the
# participant leaving (404) ends it with "participant left" and exit 0, or 8
# when the history breached. Rows mark values beyond a threshold and stay
# aligned; on a terminal stderr shows a dim "polling every N s…".
# The mock adds a sample every 2 s and drops the participant after four.
source "$(dirname "$0")/lib.sh"

start_mock --live-sample-seconds 2 --live-samples-until-gone 4
W=82000000001
P=16778240 # Maja Lind: 09:01 to 09:04; only 09:02 has a latency over 75 ms

# A fresh live clock, then wait until at least two samples (09:01, 09:02)
# exist: the history. The participant is gone 8 s after the reset.
late_start() {
    mock_reset
    sleep 2.5
}

# --- a watch with no --fail-on: the participant leaves, exit 0
late_start
run_zoomqos_env ZOOMQOS_WATCH_MIN_SECONDS=1 -- get "$W" "$P" --watch 1 -o ndjson
expect_exit 0
expect_stderr_contains "zoomqos: participant left (or the webinar ended)"
expect_stderr_not_contains "HTTP 404"
expect_stdout_lines 4
expect_stderr_not_contains "polling every" # stderr is no terminal

# A 404 at the very first request is no participant leaving: exit 4.
run_zoomqos_env ZOOMQOS_WATCH_MIN_SECONDS=1 -- get "$W" 99999999 --watch 1
expect_exit 4
expect_stderr_not_contains "participant left"

# --- the history breaches: listed once, the watch goes on to the end, exit 8
late_start
run_zoomqos_env ZOOMQOS_WATCH_MIN_SECONDS=1 -- get "$W" "$P" --watch 1 -o ndjson --fail-on 'latency>75'
expect_exit 8
expect_stderr_contains "zoomqos: breach: before the watch: latency>75 in 1 of "
check "the history's breach is listed once" test "$(grep -c 'breach:' "$ERR")" -eq 1
expect_stdout_lines 4 # the watch went on after the history's breach
expect_stderr_contains "zoomqos: participant left (or the webinar ended)"

# --- table rows: marks as in the summary ('!' without colour), aligned
late_start
run_zoomqos_env ZOOMQOS_WATCH_MIN_SECONDS=1 -- get "$W" "$P" --watch 1 --thresholds 'latency>75'
expect_exit 0
check "a value beyond the threshold is marked with '!'" grep -qE ' [0-9.]+ ms! ' "$OUT"
ends() { # PATTERN: the display widths of the rows matching PATTERN, one per line
    local line
    grep -E "$1" "$OUT" | while IFS= read -r line; do printf '%s' "$line" | wc -L; done | sort -u
}
check "several polls' audio rows" test "$(grep -cE ' audio (in|out) ' "$OUT")" -ge 6
check "every audio row ends in the same column" test "$(ends ' audio (in|out) ' | wc -l)" -eq 1
check "every video row ends in the same column" test "$(ends ' video (in|out) ' | wc -l)" -eq 1

# --- on a terminal: the dim status while waiting, erased before output
late_start
run_zoomqos_tty ZOOMQOS_WATCH_MIN_SECONDS=1 -- get "$W" "$P" --watch 1 -o ndjson
expect_exit 0
expect_stderr_contains $'\e[2m'"polling every 1 s…"$'\e[0m'
expect_stderr_contains $'\r\e[K'
expect_stdout_not_contains "polling"
expect_stdout_lines 4

# --- -q: no status line on the terminal either
late_start
run_zoomqos_tty ZOOMQOS_WATCH_MIN_SECONDS=1 -- get "$W" "$P" --watch 1 -o ndjson -q
expect_exit 0
expect_stderr_not_contains "polling every"
expect_stdout_lines 4

finish
