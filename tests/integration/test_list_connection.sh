#!/usr/bin/env bash
# A 30-page list walk reuses one keep-alive TCP connection, and is paced by
# --rate.
source "$(dirname "$0")/lib.sh"

start_mock --participants 300
W=85000000000

run_zoomqos list "$W" --type past -o ndjson --rate 100 -v
expect_exit 0
expect_requests 30
check "300 participants" test "$(jq -r .participant_id "$OUT" | sort -u | wc -l)" -eq 300
connections=$(_curl --fail "$MOCK_ROOT/_mock/stats" | jq .connections)
check "30 pages over one connection (got $connections)" test "$connections" -eq 1
expect_stderr_contains "300 participants; 30 requests, 0 retries"
rate=$(grep -o '[0-9.]* requests/s' "$ERR" | cut -d' ' -f1)
check "paced at no more than --rate 100 (achieved $rate/s)" awk -v r="$rate" 'BEGIN { exit !(r > 0 && r <= 100.0) }'

finish
