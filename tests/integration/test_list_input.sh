#!/usr/bin/env bash
# `zoomqos list --input FILE`: an archived event (line 1 the event, then one
# typed participant per line; gzip or plain) prints exactly what `list W`
# prints for the same participants, in every format, with no request and no
# credentials; a bad file is one line naming it and the line, exit 7.
# Many runs over two events and four formats: slow under ASan on a loaded machine.
# ctest-timeout: 300
source "$(dirname "$0")/lib.sh"

start_mock --participants 12

# archive W FILE: the event line, then `list W -o json`'s participants, compact.
archive() {
    run_zoomqos list "$1" --type past -o json
    expect_exit 0
    cp "$OUT" "$TEST_TMP/list-$1.json"
    {
        jq -c --arg id "$1" '{uuid: $id, id: ($id | tonumber), topic: "Archived", start_time: "2026-11-20T14:00:00Z", custom_keys: [{"key": "k", "value": "v"}]}' <<<'{}'
        jq -c '.participants[]' "$OUT"
    } >"$2"
}

offline() { # ARGS...: zoomqos with no credentials and no API URL
    run_zoomqos_env -u ZOOM_ACCESS_TOKEN -u ZOOM_API_URL -- "$@"
}

for W in 85000000000 81234567890; do
    archive "$W" "$TEST_TMP/$W.ndjson"
    gzip -c "$TEST_TMP/$W.ndjson" >"$TEST_TMP/$W.ndjson.gz"
    for format in table json ndjson csv; do
        for extra in "" "--summary" "--sort latency" "--sort bitrate --top 3"; do
            [[ "$format" == table && "$extra" == --summary ]] && continue
            # shellcheck disable=SC2086 # $extra is several words on purpose
            run_zoomqos list "$W" --type past -o "$format" $extra
            expect_exit 0
            cp "$OUT" "$TEST_TMP/online"
            mock_reset
            files=("$TEST_TMP/$W.ndjson.gz")
            [[ -z "$extra" ]] && files+=("$TEST_TMP/$W.ndjson") # plain text too, once per format
            for file in "${files[@]}"; do
                # shellcheck disable=SC2086
                offline list --input "$file" --type past -o "$format" $extra
                expect_exit 0
                check "$W -o $format $extra: --input $(basename "$file") prints the same" \
                    cmp -s "$TEST_TMP/online" "$OUT"
            done
            expect_requests 0
        done
    done
done

# The subject is the event line's uuid, else its id.
jq -c 'if has("uuid") then del(.uuid) else . end' <(head -1 "$TEST_TMP/81234567890.ndjson") \
    >"$TEST_TMP/by-id.ndjson"
tail -n +2 "$TEST_TMP/81234567890.ndjson" >>"$TEST_TMP/by-id.ndjson"
offline list --input "$TEST_TMP/by-id.ndjson" --type past -o json
expect_exit 0
expect_stdout_jq '.webinar_id == "81234567890" and .total_records == 5'

# --meeting names the rows' key; --limit stops early; --fail-on judges.
offline list --input "$TEST_TMP/81234567890.ndjson.gz" --meeting --type past --limit 2 -o ndjson
expect_exit 0
expect_stdout_jq '.meeting_id == "81234567890"'
check "--limit 2: two participants" test "$(jq -r .participant_id "$OUT" | sort -u | wc -l)" -eq 2
offline list --input "$TEST_TMP/81234567890.ndjson.gz" --type past --fail-on 'latency>300'
expect_exit 8
expect_stderr_contains "breach: participant"

# --- bad files: one line naming the file (and the line), exit 7
bad() { # FILE EXPECTED_TEXT
    offline list --input "$1" --type past -o ndjson
    expect_exit 7
    expect_stderr_contains "$2"
    check "one line on stderr" test "$(grep -c . "$ERR")" -eq 1
}
head -c 2000 "$TEST_TMP/85000000000.ndjson.gz" >"$TEST_TMP/truncated.gz"
bad "$TEST_TMP/truncated.gz" "truncated.gz line "
printf '{"id": 1}\n{"id": "a", "user_qos": [\n' >"$TEST_TMP/broken.ndjson"
bad "$TEST_TMP/broken.ndjson" "broken.ndjson line 2: the line is not valid JSON"
printf '[1]\n' >"$TEST_TMP/no-event.ndjson"
bad "$TEST_TMP/no-event.ndjson" "no-event.ndjson line 1: the first line is not the event object"
printf '{"topic": "x"}\n' >"$TEST_TMP/no-id.ndjson"
bad "$TEST_TMP/no-id.ndjson" "line 1: the event object has no uuid or id"
printf '{"id": 1}\n{"id": "a"}\n42\n' >"$TEST_TMP/not-object.ndjson"
bad "$TEST_TMP/not-object.ndjson" "not-object.ndjson line 3: a participant line is not a JSON object"
printf '{"id": 1}\n{"id": "a", "user_qos": 3}\n' | gzip -c >"$TEST_TMP/bad-shape.gz"
bad "$TEST_TMP/bad-shape.gz" "bad-shape.gz line 2: expected user_qos to be an array"
: >"$TEST_TMP/empty"
bad "$TEST_TMP/empty" "is empty"
head -c 100 /dev/urandom >"$TEST_TMP/noise.gz"
printf '\x1f\x8b\x08\x00garbage-after-the-magic' >"$TEST_TMP/noise.gz"
bad "$TEST_TMP/noise.gz" "noise.gz line 1"

offline list --input "$TEST_TMP/missing.gz" --type past
expect_exit 2
expect_stderr_contains "missing.gz"

# --- --input goes with neither WEBINAR nor connection options nor -o raw
offline list 81234567890 --input "$TEST_TMP/81234567890.ndjson"
expect_exit 2
expect_stderr_contains "--input"
offline list --input "$TEST_TMP/81234567890.ndjson" --api-url http://127.0.0.1:1/v2
expect_exit 2
expect_stderr_contains "--input"
offline list --input "$TEST_TMP/81234567890.ndjson" -o raw
expect_exit 2
offline list --type past
expect_exit 2
expect_stderr_contains "WEBINAR or --input FILE is required"

finish
