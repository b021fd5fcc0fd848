#!/usr/bin/env bash
# `zoomqos sweep` interrupted: SIGKILL at random moments leaves no partial
# file under a final name and a rerun yields the archive of an uninterrupted
# sweep; Zoom's daily limit mid-sweep ends it with exit 5, and a rerun once
# the limit has reset completes it.
source "$(dirname "$0")/lib.sh"

# The daily limit lets 7 requests through: the 2 event lists, 4 events'
# single QoS pages and the all-hands webinar's first page; its second is
# refused.
start_mock --today 2026-12-02 --daily-limit 7
RANGE=(--from 2026-10-01 --to 2026-11-30 --page-size 2)

snapshot() { # DIR: "name md5-of-contents" per file
    (cd "$1" && for f in *; do printf '%s ' "$f"; zcat "$f" | md5sum; done)
}

# --- Zoom's daily limit: exit 5, how many are done, when it resets
D="$TEST_TMP/daily"
run_zoomqos sweep "${RANGE[@]}" --archive "$D"
expect_exit 5
expect_stderr_contains "daily rate limit"
expect_stderr_contains "4 of 6 events archived in this run, 2 left"
expect_stderr_contains "resets at"
expect_requests 8
check "the refusal was Zoom's daily 429" jq -e '.[-1].status == 429' <(mock_requests)
check "four complete files" test "$(ls -A "$D" | wc -l)" -eq 4
mock_reset # midnight UTC: the quota is back
run_zoomqos sweep "${RANGE[@]}" --archive "$D"
expect_exit 0
expect_stderr_contains "4 already archived, 2 to read"
expect_requests 7 # the 2 lists, then 3 + 2 pages: nothing archived is read twice
check "all six files" test "$(ls -A "$D" | wc -l)" -eq 6

# --- the reference: one uninterrupted sweep, on a mock without the limit
kill -TERM "$MOCK_PID"
wait "$MOCK_PID" || true
MOCK_PID=""
start_mock --today 2026-12-02
R="$TEST_TMP/reference"
run_zoomqos sweep "${RANGE[@]}" --archive "$R"
expect_exit 0
snapshot "$R" >"$TEST_TMP/reference.txt"
check "the resumed archive equals it" cmp -s "$TEST_TMP/reference.txt" <(snapshot "$D")

# --- SIGKILL at five random moments of a paced sweep, then a rerun
K="$TEST_TMP/killed"
mkdir -p "$K"
# First a kill while a file is certainly being written: its temporary file
# stays behind, hidden, and nothing has its final name.
"$ZOOMQOS" sweep "${RANGE[@]}" --archive "$K" --rate 1 >/dev/null 2>&1 &
pid=$!
for ((i = 0; i < 2000; i++)); do
    temporary=$(ls -A "$K" 2>/dev/null | grep '^\..*\.ndjson\.gz\.tmp\.[0-9]*$' | head -n 1 || true)
    [[ -z $temporary ]] || break
    sleep 0.01
done
kill -KILL "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
check "a temporary file while writing" test -n "$temporary"
check "it is still there after SIGKILL" test -e "$K/$temporary"
final=${temporary#.}
final=${final%.tmp.*}
check "no file under its final name" test ! -e "$K/$final"
for attempt in 1 2 3 4 5; do
    mock_reset
    delay=$(awk -v seed="$RANDOM" 'BEGIN { srand(seed); printf "%.2f", 0.2 + rand() * 2.3 }')
    # Not under timeout(1): the SIGKILL must reach zoomqos itself.
    "$ZOOMQOS" sweep "${RANGE[@]}" --archive "$K" --rate 4 >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    # Whatever has a final name is complete: a valid gzip stream with the
    # event line and every participant.
    for file in "$K"/*.ndjson.gz; do
        [[ -e "$file" ]] || continue
        gzip -t "$file" || fail "attempt $attempt (${delay} s): $file is not a complete gzip file"
        zcat "$file" >"$TEST_TMP/whole"
        expected=$(head -n 1 "$TEST_TMP/whole" | jq .participants)
        [[ $(wc -l <"$TEST_TMP/whole") -eq $((expected + 1)) ]] ||
            fail "attempt $attempt (${delay} s): $file lacks participants"
    done
    CHECKS=$((CHECKS + 1))
done
mock_reset
run_zoomqos sweep "${RANGE[@]}" --archive "$K"
expect_exit 0
check "no temporary file left" test "$(ls -A "$K" | wc -l)" -eq 6
check "the same archive as the uninterrupted sweep" cmp -s "$TEST_TMP/reference.txt" <(snapshot "$K")

finish
