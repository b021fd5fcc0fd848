#!/usr/bin/env bash
# SIGINT, SIGTERM and SIGHUP against a slow server: every command ends at once,
# whatever it is doing. Ctrl-C is how a --watch ends (exit 0, what was seen is
# printed); SIGTERM and SIGHUP interrupt like Ctrl-C interrupts get or list
# (exit 128 + the signal). A signal inherited as ignored stays ignored.
# The bounds are generous for a loaded machine: an idle one ends in
# milliseconds (the target for Ctrl-C during --watch is 0.5 s).
source "$(dirname "$0")/lib.sh"

# Every API answer takes 2 s; the live webinar gains one sample a second.
start_mock --quiet --latency-ms 2000 --live-sample-seconds 1
LIVE=82000000001
PAST=81234567890
P=16778240

# --- Ctrl-C during --watch while the first poll is in flight
signal_after INT 0.5 get "$LIVE" "$P" --watch 5 -o ndjson
expect_exit 0
expect_elapsed_below 1
expect_stdout_lines 0
expect_stderr_not_contains "interrupted"

# --- Ctrl-C during --watch while a later poll is in flight: the first poll's
# samples were printed, and nothing after the signal
signal_after INT 3 ZOOMQOS_WATCH_MIN_SECONDS=1 -- get "$LIVE" "$P" --watch 1 -o ndjson
expect_exit 0
expect_elapsed_below 1
check "the first poll's samples were printed" test "$(wc -l <"$OUT")" -ge 1
expect_stdout_jq 'all(.[]; .participant_id == "16778240")' --slurp

# --- Ctrl-C during the wait between two polls (the server is idle then)
signal_after INT 3 get "$LIVE" "$P" --watch 5 -o ndjson
expect_exit 0
expect_elapsed_below 1

# --- SIGTERM ends --watch too, but as an interruption: a supervisor stopped it
signal_after TERM 0.5 get "$LIVE" "$P" --watch 5 -o ndjson
expect_exit 143
expect_elapsed_below 1
expect_stderr_contains "zoomqos: interrupted by SIGTERM"

# --- get, one participant and several
signal_after TERM 0.5 get "$PAST" "$P" --type past
expect_exit 143
expect_elapsed_below 1
expect_stdout_lines 0
signal_after HUP 0.5 get "$PAST" "$P" 16779264 --type past -o ndjson
expect_exit 129
expect_elapsed_below 1
expect_stdout_lines 0
expect_stderr_contains "zoomqos: interrupted by SIGHUP"

# --- list: a page in flight after the first was printed. The JSON array
# already begun is not closed: the exit code is what says it is incomplete.
signal_after HUP 3 list "$PAST" --type past --page-size 1 -o json
expect_exit 129
expect_elapsed_below 1
check "the first page was printed" grep -q "\"user_name\"" "$OUT"
signal_after TERM 0.5 list "$PAST" --type past
expect_exit 143
expect_elapsed_below 1

# --- a SIGINT inherited as ignored (nohup, a background job) stays ignored:
# the run completes
signal_after INT 0.5 --ignore-signal=INT -- get "$PAST" "$P" --type past -o ndjson
expect_exit 0
check "the run completed despite the ignored SIGINT" test "$(wc -l <"$OUT")" -ge 1

finish
