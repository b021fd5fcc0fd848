#!/usr/bin/env bash
# What `zoomqos get` puts on the wire, as the mock recorded it: IDs as exactly
# one path segment, UUIDs beginning with '/' or holding "//" double-encoded,
# the type query, the User-Agent and the auth scheme.
source "$(dirname "$0")/lib.sh"

start_mock

W=81234567890

# expect_last_request JQ_FILTER: the mock's most recent API request matches.
expect_last_request() {
    mock_last_request >"$TEST_TMP/request.json"
    jq -e "$1" "$TEST_TMP/request.json" >/dev/null ||
        fail "last request: jq '$1' is not true: $(cat "$TEST_TMP/request.json")"
    CHECKS=$((CHECKS + 1))
}

# --- '/', '?', '#' and ".." inside a participant ID stay in one segment
run_zoomqos get "$W" 'a/b?c#d..e' --type past -o json
expect_exit 0
expect_stdout_jq '.user_id == "a/b?c#d..e"'
expect_last_request '.status == 200 and .participant_id == "a/b?c#d..e"'
expect_last_request '.path_segments | length == 7 and .[5] == "a/b?c#d..e"'
expect_last_request '.target | test("^/v2/metrics/webinars/81234567890/participants/[^/?#]+/qos\\?")'
expect_last_request '.query == {"type": "past"}'
expect_last_request '.user_agent | startswith("zoomqos/")'
expect_last_request '.authorization_scheme == "Bearer"'

# --- a UUID beginning with '/' is double-encoded, and Zoom finds it
run_zoomqos get '/Zq0aA1b2Cc3Dd4==' 16778240 --type past -o json
expect_exit 0
expect_stdout_jq '.user_name == "Élodie Durand"'
expect_last_request '.status == 200 and .event_id == "/Zq0aA1b2Cc3Dd4=="'
expect_last_request '.target | ascii_downcase | startswith("/v2/metrics/webinars/%252fzq0aa1b2cc3dd4%253d%253d/")'

# --- so is one holding "//"; one with a single '/' elsewhere is encoded once
run_zoomqos get 'Ab//Cd==' 16778240 --type past
expect_exit 4
expect_last_request '.event_id == "Ab//Cd==" and .status == 404'
expect_last_request '.target | ascii_downcase | contains("%252f%252f")'
run_zoomqos get 'Ab/Cd==' 16778240 --type past
expect_exit 4
expect_last_request '.event_id == "Ab/Cd==" and .path_segments[3] == "Ab/Cd=="'

# --- the type query: as given, and live by default
run_zoomqos get 82000000001 16778240
expect_exit 0
expect_last_request '.query.type == "live"'
run_zoomqos get 82000000001 16778240 --type live
expect_exit 0
expect_last_request '.query.type == "live"'

# --- non-ASCII IDs are percent-encoded, not sent raw
run_zoomqos get "$W" 'Zoë' --type past
expect_exit 4
expect_last_request '.participant_id == "Zoë" and (.target | test("^[\\x21-\\x7e]+$"))'

finish
