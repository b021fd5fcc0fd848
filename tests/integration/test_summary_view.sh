#!/usr/bin/env bash
# The default table of `zoomqos get` is the summary: participant block, one
# row per stream, sparklines, marks and a verdict; --samples gives the
# per-sample table. Colour, '!' marks, ASCII fallback and width follow the
# environment (NO_COLOR, CLICOLOR_FORCE, LC_ALL, COLUMNS).
source "$(dirname "$0")/lib.sh"

start_mock

W=81234567890
P=16778240 # Zoë Åkesson: 60 samples with a bad minute at 14:02-14:03

# --- the summary (lib.sh sets NO_COLOR=1 and LC_ALL=C.UTF-8)
run_zoomqos get "$W" "$P" --type past
expect_exit 0
expect_stdout_contains "Participant  Zoë Åkesson"
expect_stdout_contains "Duration     1h 00m 29s"
expect_stdout_contains "14:01–15:00"
# 3 of 60: the screen share (5 fps, 14:20-14:29) is not judged by the camera frame-rate default.
expect_stdout_contains "Verdict: audio_input: loss 8% at 14:03 (threshold 2%); 3 of 60 samples beyond a threshold"
check "a '!' marks values beyond a threshold" grep -qE '^audio in .*/326!' "$OUT"
check "no colour with NO_COLOR" bash -c "! grep -q $'\x1b' '$OUT'"
check "UTF-8 sparklines" grep -q '▂▂▂▂' "$OUT"
check "no more than 100 columns" test "$(wc -L <"$OUT")" -le 100
check "far fewer lines than the 60 samples" test "$(wc -l <"$OUT")" -lt 25
expect_stdout_not_contains "TIME (UTC)"

# --- --samples: the per-sample table of the first slice
run_zoomqos get "$W" "$P" --type past --samples
expect_exit 0
expect_stdout_contains "TIME (UTC)  STREAM"
expect_stdout_not_contains "Verdict:"
check "one block per sample" test "$(grep -c '^1[45]:[0-9][0-9]:00 ' "$OUT")" -eq 60
run_zoomqos get "$W" "$P" --type past --samples -o json
expect_exit 2
expect_stderr_contains "--samples applies to table output only"

# --- colour: forced on a pipe by CLICOLOR_FORCE; NO_COLOR still wins
run_zoomqos_env -u NO_COLOR CLICOLOR_FORCE=1 -- get "$W" "$P" --type past
expect_exit 0
check "red for a sustained breach or yellow for a spike" grep -q $'\x1b\\[3[13]m' "$OUT"
check "no '!' when colour marks" bash -c "! grep -q '!' '$OUT'"
run_zoomqos_env NO_COLOR=1 CLICOLOR_FORCE=1 -- get "$W" "$P" --type past
check "NO_COLOR beats CLICOLOR_FORCE" bash -c "! grep -q $'\x1b' '$OUT'"
run_zoomqos_env -u NO_COLOR -- get "$W" "$P" --type past
check "no colour on a pipe" bash -c "! grep -q $'\x1b' '$OUT'"

# --- ASCII when the locale is not UTF-8
run_zoomqos_env -u LC_ALL LANG=C -- get "$W" "$P" --type past
expect_exit 0
expect_stdout_contains "14:01-15:00"
check "ASCII sparklines" grep -qE '^audio in .*  #[-:=+*#._ ]+$' "$OUT"
check "only Zoom's own text is non-ASCII" bash -c "! grep -v 'Zoë' '$OUT' | LC_ALL=C grep -q '[^ -~]'"

# --- a wider terminal (COLUMNS) gets longer sparklines
run_zoomqos_env COLUMNS=160 -- get "$W" "$P" --type past
expect_exit 0
check "wider than 100 with COLUMNS=160" test "$(wc -L <"$OUT")" -gt 100
check "no more than 160" test "$(wc -L <"$OUT")" -le 160

# --- --thresholds moves the limits the marks and the verdict use
run_zoomqos get "$W" "$P" --type past --thresholds 'latency>1000,jitter>1000,loss>100,max_loss>100,fps<1,cpu>100'
expect_exit 0
expect_stdout_contains "Verdict: no threshold breached"
expect_stdout_not_contains "!"
run_zoomqos get "$W" "$P" --type past --thresholds 'latency>'
expect_exit 2
expect_stderr_contains "--thresholds: expected a number (in ms) at character 9"

# --- a participant without samples still gets its block and a verdict: no data
run_zoomqos get "$W" 16781312 --type past
expect_exit 0
expect_stdout_contains "Priya Raman"
expect_stdout_contains "Verdict: no data"

finish
