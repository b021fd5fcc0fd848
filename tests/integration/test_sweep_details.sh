#!/usr/bin/env bash
# `zoomqos sweep --details`: each event's details pages are counted in the
# plan and read before its QoS pages, and every archived participant carries
# the session `list --details` joins to it; `list --input FILE --details`
# shows it again with no request.
# ctest-timeout: 300
source "$(dirname "$0")/lib.sh"

start_mock --today 2026-12-02 --participants 301
RANGE=(--from 2026-10-01 --to 2026-11-30 --page-size 10)
A="$TEST_TMP/archive"
GENERATED="Gq5uN7rS9tUvWx1yZ2aB3c==" # the --participants webinar

# 7 events (the generated webinar's 301 participants take 2 details pages).
run_zoomqos sweep "${RANGE[@]}" --archive "$A" --details --dry-run
expect_exit 0
expect_stderr_contains "47 requests (2 event-list + 37 QoS at --page-size 10 + 8 details)"
expect_requests 2

mock_reset
run_zoomqos sweep "${RANGE[@]}" --archive "$A" --details -o ndjson --rate 100
expect_exit 0
expect_requests 47
expect_stdout_lines 7
mock_requests >"$TEST_TMP/requests.json"
check "the details 300 a page, by instance UUID" jq -e 'any(.[]; .target | test("/webinars/Hq8%252F%252FtR5wXyZ2aBc3dE4fg%253D%253D/participants\\?type=past&page_size=300$"))' "$TEST_TMP/requests.json"
check "two details pages for 301 participants" test "$(jq '[.[] | select(.event_id == "'"$GENERATED"'" and (.target | test("/participants\\?type=past&page_size=300")))] | length' "$TEST_TMP/requests.json")" -eq 2

for file in "$A"/*.ndjson.gz; do
    zcat "$file" >"$TEST_TMP/whole"
    uuid=$(head -n 1 "$TEST_TMP/whole" | jq -r .uuid)
    tail -n +2 "$TEST_TMP/whole" | jq -sc 'map(.details)' >"$TEST_TMP/archived"
    jq -e 'length > 0 and all(.[]; type == "object" and has("network_type"))' "$TEST_TMP/archived" >/dev/null ||
        fail "$file: a participant without its details object"
    # The same join as list --details makes from the API...
    run_zoomqos list "$uuid" --type past --details -o json
    expect_exit 0
    jq -c '[.participants[].details]' "$OUT" >"$TEST_TMP/listed"
    cmp -s "$TEST_TMP/archived" "$TEST_TMP/listed" || fail "$file: details differ from list --details"
    # ...and list --input renders it back from the file.
    run_zoomqos list --input "$file" --type past --details -o json
    expect_exit 0
    jq -c '[.participants[].details]' "$OUT" >"$TEST_TMP/input"
    cmp -s "$TEST_TMP/archived" "$TEST_TMP/input" || fail "$file: list --input --details differs"
done
CHECKS=$((CHECKS + 1))
allhands=$(ls "$A" | grep _81234567890_)
check "matched sessions, not just nulls" test "$(zcat "$A/$allhands" | tail -n +2 | jq -s '[.[].details.network_type | select(. != null)] | length')" -ge 4
run_zoomqos list --input "$A/$allhands" --type past --details
expect_exit 0
check "the table's NETWORK column from the archive" grep -qE '^PARTICIPANT +ID +DEVICE +NETWORK ' "$OUT"

# Without --details: no details request, no details key.
B="$TEST_TMP/plain"
mock_reset
run_zoomqos sweep "${RANGE[@]}" --archive "$B" --rate 100
expect_exit 0
expect_requests 39
check "no details requested" test "$(mock_requests | jq '[.[] | select(.target | test("/participants\\?"))] | length')" -eq 0
check "no details key" test "$(zcat "$B"/*.ndjson.gz | jq -s '[.[] | select(has("details"))] | length')" -eq 0

finish
