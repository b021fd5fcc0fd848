#!/usr/bin/env bash
# --fail-on: output as usual, breached rules on stderr, exit 8; a malformed
# rule is a usage error (exit 2) that points at the character; --annotate
# adds the breaches to JSON.
source "$(dirname "$0")/lib.sh"

start_mock

W=81234567890
P=16778240 # Zoë Åkesson: latency up to 344 ms, loss up to 8 % around 14:03

run_zoomqos get "$W" "$P" --type past --fail-on 'latency>150,loss>2,audio_input.jitter>30,video_output.fps<15,cpu>90'
expect_exit 8
expect_stdout_contains "Verdict:" # the output is printed as usual
expect_stderr_contains "zoomqos: breach: latency>150 in 3 of 60 samples; worst video_input: latency 344 ms at 14:03 (threshold 150 ms)"
expect_stderr_contains "zoomqos: breach: audio_input.jitter>30 in 1 of 60 samples"
expect_stderr_not_contains "breach: cpu>90"
expect_stderr_contains "zoomqos: error: 4 of 5 --fail-on rules breached"

# Every format still prints in full; JSON stays valid.
run_zoomqos get "$W" "$P" --type past -o json --fail-on default
expect_exit 8
expect_stdout_jq '.user_qos | length == 60'
run_zoomqos get "$W" "$P" --type past -o csv --fail-on 'latency>150'
expect_exit 8
expect_stdout_lines 61

# Nothing breached: exit 0, stderr quiet.
run_zoomqos get "$W" "$P" --type past --fail-on 'latency>1000,cpu>99'
expect_exit 0
check "stderr is empty" test ! -s "$ERR"

# --thresholds changes what `default` means.
run_zoomqos get "$W" "$P" --type past --thresholds 'latency>1000,jitter>1000,loss>100,max_loss>100,fps<1' --fail-on default
expect_exit 0

# Both are ordinary long options, so the config file sets them too.
printf 'fail-on = "latency>150"\nthresholds = "latency>1000"\n' >"$TEST_TMP/config.toml"
run_zoomqos get "$W" "$P" --type past --config "$TEST_TMP/config.toml"
expect_exit 8
expect_stderr_contains "zoomqos: breach: latency>150 in 3 of 60 samples"
check "thresholds from the config file: 326 ms is not marked" grep -qE '^audio in +[0-9/]+ +66/326 ' "$OUT"

# Malformed rules: exit 2, before any request, with a caret under the place.
mock_reset
run_zoomqos get "$W" "$P" --type past --fail-on 'latency>150,jitter>>30'
expect_exit 2
expect_stderr_contains "zoomqos: error: --fail-on: expected a number (in ms) at character 20"
expect_stderr_contains "  latency>150,jitter>>30"
check "the caret sits under character 20" grep -qx '                     ^' "$ERR"
check "no request was made" test "$(mock_requests | jq length)" -eq 0
run_zoomqos get "$W" "$P" --type past --fail-on 'latncy>150'
expect_exit 2
expect_stderr_contains "unknown metric 'latncy'"
run_zoomqos get "$W" "$P" --type past --fail-on 'audio_input.cpu>5'
expect_exit 2
run_zoomqos get "$W" "$P" --type past -o raw --fail-on default
expect_exit 2

# --annotate: a breaches array, only with -o json.
run_zoomqos get "$W" "$P" --type past -o json --annotate --fail-on 'audio_input.jitter>30'
expect_exit 8
expect_stdout_jq '.breaches == [{"rule": "audio_input.jitter>30", "stream": "audio_input", "metric": "jitter", "date_time": "2026-11-20T14:03:00Z", "value": 53, "operator": ">", "threshold": 30}]'
run_zoomqos get "$W" "$P" --type past -o json --annotate
expect_exit 0
expect_stdout_jq '(.breaches | length) > 0 and all(.breaches[]; has("rule") and has("value"))'
run_zoomqos get "$W" "$P" --type past -o json
expect_stdout_jq 'has("breaches") | not'
run_zoomqos get "$W" "$P" --type past --annotate
expect_exit 2
expect_stderr_contains "--annotate needs -o json"

finish
