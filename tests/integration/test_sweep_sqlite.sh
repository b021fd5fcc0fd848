#!/usr/bin/env bash
# README's SQLite example, exactly as README.md shows it (between its
# sqlite-example markers), run against an archive a real sweep made: the
# participants and samples it counts per file are the archive's.
source "$(dirname "$0")/lib.sh"

command -v sqlite3 >/dev/null || fail "this test needs 'sqlite3' (scripts/install-deps.sh installs it)"
README="$(dirname "$0")/../../README.md"
awk '/<!-- sqlite-example:begin -->/ { s = 1; next } /<!-- sqlite-example:end -->/ { s = 0 }
     s && !/^```/' "$README" >"$TEST_TMP/example.sh"
check "README has the example" grep -q 'sqlite3 qos.db' "$TEST_TMP/example.sh"

start_mock --today 2026-12-02
run_zoomqos sweep --from 2026-10-01 --to 2026-11-30 --archive "$TEST_TMP/qos" --details
expect_exit 0
check "six files" test "$(ls "$TEST_TMP/qos" | wc -l)" -eq 6

# What the archive holds: "file,id,participants,samples" per file.
for f in "$TEST_TMP"/qos/*.ndjson.gz; do
    zcat "$f" >"$TEST_TMP/whole"
    id=$(head -n 1 "$TEST_TMP/whole" | jq .id)
    participants=$(($(wc -l <"$TEST_TMP/whole") - 1))
    samples=$(tail -n +2 "$TEST_TMP/whole" | jq -s 'map(.user_qos | length) | add')
    echo "${f##*/},$id,$participants,$samples"
done >"$TEST_TMP/expected.csv"

run_example() {
    (cd "$TEST_TMP" && bash -euo pipefail example.sh) >"$TEST_TMP/got.csv" 2>"$TEST_TMP/example.err" ||
        fail "README's example failed: $(cat "$TEST_TMP/example.err")"
}
run_example
check "per file: the archive's participants and samples" cmp -s "$TEST_TMP/expected.csv" <(tr -d '\r' <"$TEST_TMP/got.csv")
check "not an empty answer" test "$(wc -l <"$TEST_TMP/got.csv")" -eq 6
# Loaded again (the next night's cron run): replaced, not doubled.
run_example
check "a second load counts the same" cmp -s "$TEST_TMP/expected.csv" <(tr -d '\r' <"$TEST_TMP/got.csv")
check "the details are there to query" test "$(sqlite3 "$TEST_TMP/qos.db" \
    "SELECT count(*) FROM lines WHERE n > 0 AND line ->> '\$.details.network_type' IS NOT NULL;")" -gt 0

finish
