#!/usr/bin/env bash
# `zoomqos report --input FILE` and `--details`: the report of an archived
# event (a sweep's archive, or `list -o json`'s participants after an event
# line) made with the mock stopped and no credentials shows what the report
# made online shows; --details adds the network type and data center
# breakdowns, online and from an archive; a bad file is one line, exit 7.
# ctest-timeout: 300
source "$(dirname "$0")/lib.sh"

start_mock --today 2026-12-02
export SOURCE_DATE_EPOCH=1764547200 # 2025-12-01T00:00:00Z
W=87000000001 # the mock's report webinar: 22 sessions, markup in names

main_of() { # HTML: the sections after the header, where the figures are
    grep -o '<main>.*</main>' "$1"
}
offline() { # ARGS...: zoomqos with no credentials and no API URL
    run_zoomqos_env -u ZOOM_ACCESS_TOKEN -u ZOOM_API_URL -- "$@"
}
archive() { # W FILE [LIST_ARGS...]: an event line, then `list W -o json`'s participants
    local id=$1 file=$2
    shift 2
    run_zoomqos list "$id" --type past -o json "$@"
    expect_exit 0
    {
        jq -c --arg id "$id" '{kind: "webinar", uuid: null, id: ($id | tonumber), topic: "Archived <b>demo</b>", host: "Host \u202Ename"}' <<<'{}'
        jq -c '.participants[]' "$OUT"
    } >"$file"
}

# --- online, with and without --details
run_zoomqos report "$W" -o "$TEST_TMP/online.html"
expect_exit 0
run_zoomqos report "$W" --details -o "$TEST_TMP/online-details.html"
expect_exit 0
check "--details asks the details endpoint first" \
    grep -q "^/v2/metrics/webinars/$W/participants?type=past&page_size=300\$" \
    <(mock_requests | jq -r '.[].target' | tail -n +4 | head -1)
check "online --details: a network type breakdown" grep -qF '<h3>By network type</h3>' "$TEST_TMP/online-details.html"
check "online --details: a data center breakdown" grep -qF '<h3>By data center</h3>' "$TEST_TMP/online-details.html"
check "online --details: the drill-down names the network" grep -qE '<dt>Network</dt><dd>(Wifi|Wired|Cellular|PPP)' "$TEST_TMP/online-details.html"
check "without --details: no network breakdown" bash -c "! grep -qF 'By network type' '$TEST_TMP/online.html'"
check "breaches by stream name participants" grep -qE '<td>[0-9]+</td><td>[^<]+(, [^<]+)* and [0-9]+ more</td>' "$TEST_TMP/online.html"

# --- the inputs, made by the real binary while the mock runs
archive "$W" "$TEST_TMP/report.ndjson"
gzip -c "$TEST_TMP/report.ndjson" >"$TEST_TMP/report.ndjson.gz"
archive "$W" "$TEST_TMP/details.ndjson" --details
A="$TEST_TMP/sweep"
run_zoomqos sweep --from 2026-10-01 --to 2026-11-30 --archive "$A"
expect_exit 0
SWEPT=$(ls "$A"/*.ndjson.gz | head -n 1)
UUID=$(zcat "$SWEPT" | head -n 1 | jq -r .uuid)
run_zoomqos report "$UUID" -o "$TEST_TMP/swept-online.html"
expect_exit 0

kill -TERM "$MOCK_PID"
wait "$MOCK_PID" || true
MOCK_PID=""

# --- offline: the same figures, no request possible
for file in report.ndjson report.ndjson.gz; do
    offline report --input "$TEST_TMP/$file" -o "$TEST_TMP/offline.html"
    expect_exit 0
    expect_stderr_contains "wrote $TEST_TMP/offline.html (22 participants)"
    check "$file: the same sections and figures as online" \
        cmp -s <(main_of "$TEST_TMP/online.html") <(main_of "$TEST_TMP/offline.html")
done
check "the archive's topic, escaped" grep -qF '<h1>QoS report: Archived &lt;b&gt;demo&lt;/b&gt;</h1>' "$TEST_TMP/offline.html"
check "the archive's host, bidi control replaced" grep -qF $'<dd>Host \uFFFDname</dd>' "$TEST_TMP/offline.html"
check "the event's ID from the archive" grep -qF "<dd>$W</dd>" "$TEST_TMP/offline.html"

offline report --input "$TEST_TMP/details.ndjson" --details -o "$TEST_TMP/offline-details.html"
expect_exit 0
check "--details from the archive: the same as online" \
    cmp -s <(main_of "$TEST_TMP/online-details.html") <(main_of "$TEST_TMP/offline-details.html")
offline report --input "$TEST_TMP/report.ndjson" --details -o "$TEST_TMP/no-details.html"
expect_exit 0
check "--details of an archive without them: every network unknown" \
    grep -qF 'unknown: ' <(grep -o '<h3>By network type</h3>.*' "$TEST_TMP/no-details.html")

offline report --input "$SWEPT" -o "$TEST_TMP/swept-offline.html"
expect_exit 0
check "a sweep archive: the same figures as the report of its UUID" \
    cmp -s <(main_of "$TEST_TMP/swept-online.html") <(main_of "$TEST_TMP/swept-offline.html")

# The default file name comes from the archive's event; stdout works too.
mkdir -p "$TEST_TMP/work"
(cd "$TEST_TMP/work" && env -u ZOOM_ACCESS_TOKEN -u ZOOM_API_URL "$ZOOMQOS" report --input "$TEST_TMP/report.ndjson" 2>/dev/null)
check "default file name from the archive's id" test -s "$TEST_TMP/work/zoomqos-report-$W.html"
offline report --input "$TEST_TMP/report.ndjson" -o -
expect_exit 0
expect_stdout_equals_file "$TEST_TMP/offline.html"
offline report --input "$TEST_TMP/report.ndjson" --fail-on default -o "$TEST_TMP/failing.html"
expect_exit 8
check "written before the verdict" test -s "$TEST_TMP/failing.html"

# --- bad input: one line on stderr naming the file, the documented exit code, no file
bad() { # FILE EXIT EXPECTED_TEXT
    rm -f "$TEST_TMP/bad.html"
    offline report --input "$1" -o "$TEST_TMP/bad.html"
    expect_exit "$2"
    expect_stderr_contains "$3"
    # A usage error (exit 2) adds cli::run's pointer to --help as its second line.
    check "$(basename "$1"): one error line on stderr" \
        test "$(grep -vc "^Run 'zoomqos report --help' for usage.\$" "$ERR")" -eq 1
    check "$(basename "$1"): no report written" test ! -e "$TEST_TMP/bad.html"
}
bad "$TEST_TMP/missing.ndjson.gz" 2 "missing.ndjson.gz"
{ head -n 3 "$TEST_TMP/report.ndjson"; printf 'garbage\x1b[31m\n'; } >"$TEST_TMP/garbage.ndjson"
bad "$TEST_TMP/garbage.ndjson" 7 "garbage.ndjson line 4: the line is not valid JSON"
check "no raw escape byte on stderr" bash -c "! grep -q $'\x1b' '$ERR'"
head -c 3000 "$TEST_TMP/report.ndjson.gz" >"$TEST_TMP/truncated.gz"
bad "$TEST_TMP/truncated.gz" 7 "truncated.gz line "
: >"$TEST_TMP/empty"
bad "$TEST_TMP/empty" 7 "is empty"
printf '{"id": 1}\n{"id": "a", "user_qos": 3}\n' >"$TEST_TMP/bad-shape.ndjson"
bad "$TEST_TMP/bad-shape.ndjson" 7 "bad-shape.ndjson line 2: expected user_qos to be an array"
LONG="$TEST_TMP/"$'\t'"$(printf 'x%.0s' {1..240}).gz"
bad "$LONG" 2 "/?xxxxx"
check "a control character in the name made visible" bash -c "! grep -q $'\t' '$ERR'"
check "a long name is cut" test "$(wc -c <"$ERR")" -lt 300

# --- --input goes with neither WEBINAR nor connection options
offline report "$W" --input "$TEST_TMP/report.ndjson"
expect_exit 2
expect_stderr_contains "--input"
offline report --input "$TEST_TMP/report.ndjson" --api-url http://127.0.0.1:1/v2
expect_exit 2
expect_stderr_contains "--input"
offline report
expect_exit 2
expect_stderr_contains "WEBINAR or --input FILE is required"

finish
