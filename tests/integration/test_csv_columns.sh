#!/usr/bin/env bash
# -o csv: the default header is fixed; --columns picks columns (basic, or
# names in order; an unknown name is a usage error naming the valid ones);
# --bom starts the file with a UTF-8 byte order mark.
source "$(dirname "$0")/lib.sh"

start_mock
W=81234567890
P=16778240

run_zoomqos get "$W" "$P" --type past -o csv
expect_exit 0
check "the default header has every column (135)" test "$(head -1 "$OUT" | tr -d '\r' | tr ',' '\n' | wc -l)" -eq 135
check "no BOM by default" test "$(head -c 8 "$OUT")" = "event_id"

run_zoomqos get "$W" "$P" --type past -o csv --columns basic --bom
expect_exit 0
check "the BOM first" test "$(head -c 3 "$OUT" | od -An -tx1 | tr -d ' ')" = efbbbf
check "basic: 51 columns" test "$(head -1 "$OUT" | tr -d '\r' | tr ',' '\n' | wc -l)" -eq 51
check "basic has no connector paths" test "$(head -1 "$OUT" | grep -c '_crc_\|_rwg_')" -eq 0
expect_stdout_lines 61 # the header and 60 samples

run_zoomqos list "$W" --type past -o csv --columns 'date_time,user_name,audio_input_latency_ms'
expect_exit 0
check "the columns in the order given" test "$(head -1 "$OUT")" = $'date_time,user_name,audio_input_latency_ms\r'
check "a row of Zoë's" grep -q $'^2026-11-20T14:03:00Z,Zoë Åkesson,[0-9.]*\r$' "$OUT"

mock_reset
run_zoomqos get "$W" "$P" --type past -o csv --columns 'date_time,latency'
expect_exit 2
expect_stderr_contains "zoomqos: error: --columns: unknown column 'latency'"
expect_stderr_contains "  valid: basic, event_id, participant_id,"
check "the valid names on lines of at most 100 columns" test "$(wc -L <"$ERR")" -le 100
expect_stderr_contains "audio_input_latency_ms"
expect_requests 0
run_zoomqos get "$W" "$P" --type past --columns basic
expect_exit 2
expect_stderr_contains "--columns applies to -o csv only"
run_zoomqos get "$W" "$P" --type past -o json --bom
expect_exit 2
expect_stderr_contains "--bom applies to -o csv only"

finish
