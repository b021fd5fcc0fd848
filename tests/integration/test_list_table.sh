#!/usr/bin/env bash
# `list`'s table: each row names the participant ID, says which statistic each
# column shows, fits the output width (the verdict cut with an ellipsis, full
# in -o json); a participant with no samples is "no data", which --fail-on
# judges neither clean nor breached; breach lines name the user too.
source "$(dirname "$0")/lib.sh"

start_mock
W=81234567890 # the ended webinar: Zoë's breaches, Priya with no samples

widest() { # FILE: the widest line in columns (wc -L counts display width)
    wc -L <"$1"
}

run_zoomqos_env -u COLUMNS -- list "$W" --type past
expect_exit 0
check "the header names the statistics" grep -qE '^PARTICIPANT +ID +DEVICE +MAX AUDIO LAT +MAX LOSS +VERDICT$' "$OUT"
expect_stdout_contains "tMqX3vQ5SxOd4rA8Lw0bKg" # Zoë's participant ID
check "Zoë's row: name, ID, device" grep -qE '^Zoë Åkesson +tMqX3vQ5SxOd4rA8Lw0bKg +Mac ' "$OUT"
check "every line fits 100 columns ($(widest "$OUT"))" test "$(widest "$OUT")" -le 100
check "Zoë's verdict is cut with an ellipsis" grep -qE '^Zoë Åkesson .*…$' "$OUT"
check "Priya (no samples) is 'no data', not 'ok'" grep -qE '^Priya Raman +Xc0pLw5NQd6tYb2sJz9aHg +iOS .* no data$' "$OUT"

# A wider output (COLUMNS on a pipe) shows the whole verdict, as -o json has it.
run_zoomqos_env COLUMNS=160 -- list "$W" --type past
expect_exit 0
check "the whole verdict at 160 columns" grep -qE '^Zoë Åkesson .*\(threshold [0-9.]+ ?(ms|%|fps)\)$' "$OUT"
run_zoomqos list "$W" --type past -o json
expect_exit 0
expect_stdout_jq '[.participants[] | select(.user_name == "Zoë Åkesson")] | length == 1'

# --fail-on: lines name the ID and the user; the participant without data is
# noted and counted in neither group.
run_zoomqos list "$W" --type past --fail-on 'latency>300' -o ndjson
expect_exit 8
expect_stderr_contains "zoomqos: breach: participant tMqX3vQ5SxOd4rA8Lw0bKg (Zoë Åkesson): latency>300 in "
expect_stderr_contains "zoomqos: note: participant Xc0pLw5NQd6tYb2sJz9aHg (Priya Raman): no QoS data, nothing for --fail-on to judge"
expect_stderr_contains "participants with data breached --fail-on rules (1 without data not judged)"
expect_stderr_not_contains "breach: participant Xc0pLw5NQd6tYb2sJz9aHg"

# The participant without data alone: exit 0, not a breach, not silently clean.
run_zoomqos get "$W" Xc0pLw5NQd6tYb2sJz9aHg --type past --fail-on 'latency>1'
expect_exit 0
expect_stdout_contains "Verdict: no data"
expect_stderr_contains "zoomqos: note: no QoS data, nothing for --fail-on to judge"

# The default frame-rate threshold judges camera video, not screen share:
# Zoë shared her screen 14:20-14:29.
run_zoomqos get "$W" 16778240 --type past -o json --annotate
expect_exit 0
expect_stdout_jq '[.breaches[] | select(.metric == "fps") | .stream] - ["video_input", "video_output"] == []'
expect_stdout_jq '[.breaches[] | select(.metric == "fps" and (.stream | startswith("as_")))] | length == 0'
run_zoomqos get "$W" 16778240 --type past -o json --annotate --thresholds 'as_input.fps<100'
expect_exit 0
expect_stdout_jq '[.breaches[] | select(.stream == "as_input" and .metric == "fps")] | length > 0'

finish
