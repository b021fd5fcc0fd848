#!/usr/bin/env bash
# A hostile server (or cache, config file, stdin) cannot write terminal
# escapes through zoomqos: an OSC window title (ESC ] 0 ; title BEL), a CSI
# clear screen (ESC [ 2 J), a C1 CSI (U+009B), a right-to-left override
# (U+202E) and NUL, sent through every text that zoomqos echoes, reach
# neither stdout nor stderr raw.
source "$(dirname "$0")/lib.sh"

start_mock --quiet
W=81234567890
P=16778240

# expect_no_raw_controls: none of the bytes above in the last run's output.
# LC_ALL=C so that \xC2\x9B means two bytes, not two code points.
expect_no_raw_controls() {
    local file
    for file in "$OUT" "$ERR"; do
        if LC_ALL=C grep -aqP '\x1b|\x07|\x00|\xC2\x9B|\xE2\x80\xAE' "$file"; then
            fail "a raw control byte reached $(basename "$file"): $(od -c "$file" | head -20)"
        fi
    done
    CHECKS=$((CHECKS + 1))
}

# The hostile text, as JSON escapes: one level for a JSON string the mock
# decodes itself (a fault's header or redirect), two for JSON inside a fault's
# body, which the mock sends as it is and zoomqos decodes. A literal ';' would
# end a fault item (faults.hpp), hence \u003b. Header values cannot hold NUL.
HEADER_EVIL='\u001b[2Jx\u0007\u009b\u202e'
BODY_EVIL='\\u001b]0\\u003btitle\\u0007\\u001b[2J\\u009b\\u202e\\u0000end'

# --- Zoom's error message (JSON body) and tracking ID (header)
mock_faults "{\"status\": 404, \"headers\": {\"x-zm-trackingid\": \"$HEADER_EVIL\"},
              \"body\": \"{\\\"code\\\": 3001, \\\"message\\\": \\\"$BODY_EVIL\\\"}\"}"
run_zoomqos get "$W" "$P" --type past
expect_exit 4
expect_stderr_contains "Zoom says: ?]0;title??[2J???end"
expect_stderr_contains "tracking id: ?[2Jx???"
expect_no_raw_controls

# --- a redirect's Location, quoted in the hint
mock_faults "{\"redirect\": \"http://127.0.0.1:1/v2$HEADER_EVIL\"}"
run_zoomqos get "$W" "$P" --type past
expect_exit 1
expect_stderr_contains "the server redirects to http://127.0.0.1:1/v2?[2Jx???; check --api-url"
expect_no_raw_controls

# --- participant IDs from stdin, echoed with their error
printf '%s\n' "$P" $'1677\e]0;t\a\xc2\x9b\xe2\x80\xae' >"$TEST_TMP/ids.txt"
mock_faults '{"status": 404, "body": "{\"code\": 3001, \"message\": \"No such participant.\"}"}'
ZOOMQOS_STDIN="$TEST_TMP/ids.txt" run_zoomqos get "$W" - --type past -o ndjson
expect_exit 4
expect_stderr_contains "participant 16778240: "
expect_stderr_contains "participant 1677?]0;t???: "
expect_no_raw_controls

# --- CSV and the table: a participant whose name and ID carry the escapes
participant="{\\\"id\\\": \\\"$BODY_EVIL\\\", \\\"user_name\\\": \\\"Eve$BODY_EVIL\\\", "
participant+="\\\"user_qos\\\": [{\\\"date_time\\\": \\\"2026-11-20T14:01:00Z\\\", "
participant+="\\\"audio_input\\\": {\\\"bitrate\\\": \\\"27.15kbps\\\", \\\"latency\\\": \\\"126ms\\\"}}]}"
for output in csv table; do
    mock_faults "{\"body\": \"$participant\"}"
    run_zoomqos get "$W" "$P" --type past -o "$output"
    expect_exit 0
    expect_stdout_contains "Eve?]0;title??[2J???end"
    expect_no_raw_controls
done

# --- S2S credentials: the token response's scope (minted, then from the cache)
unset ZOOM_ACCESS_TOKEN
export ZOOM_OAUTH_URL=$MOCK_ROOT ZOOM_ACCOUNT_ID=mock-account ZOOM_CLIENT_ID=mock-client \
    ZOOM_CLIENT_SECRET=mock-secret
token_response() { # SCOPE API_URL
    local body="{\\\"access_token\\\": \\\"mock-token\\\", \\\"token_type\\\": \\\"bearer\\\", "
    body+="\\\"expires_in\\\": 3599, \\\"scope\\\": \\\"$1\\\", \\\"api_url\\\": \\\"$2\\\"}"
    echo "{\"status\": 200, \"body\": \"$body\"}"
}
mock_faults "$(token_response "dashboard_webinars:read:admin $BODY_EVIL" "$MOCK_ROOT")"
run_zoomqos auth status
expect_exit 0
expect_stdout_contains "Scopes       dashboard_webinars:read:admin ?]0;title??[2J???end"
expect_no_raw_controls
mock_reset
run_zoomqos auth status
expect_exit 0
check "the second run read the cache" test "$(mock_request_count)" = 0
expect_stdout_contains "Scopes       dashboard_webinars:read:admin ?]0;title??[2J???end"
expect_no_raw_controls

# --- the token response's api_url, echoed when it is refused (an invalid
# response: exit 7)
mock_faults "$(token_response dashboard_webinars:read:admin "http://evil.example.com/$BODY_EVIL")"
run_zoomqos_env -u ZOOM_API_URL -- get "$W" "$P" --type past --no-cache
expect_exit 7
expect_stderr_contains "has an unusable api_url: not a valid URL: 'http://evil.example.com/?]0;title??[2J???end/v2'"
expect_no_raw_controls

# --- URLs from the environment, a flag and a config file, echoed when refused
evil=$'\e]0;title\a\e[2J\xc2\x9b\xe2\x80\xae'
run_zoomqos_env ZOOM_API_URL="https://api.zoom.us/v2?$evil" -- get "$W" "$P" --type past
expect_exit 2
expect_stderr_contains "ZOOM_API_URL: not a valid URL: 'https://api.zoom.us/v2??]0;title??[2J??'"
expect_no_raw_controls
run_zoomqos get "$W" "$P" --type past --oauth-url "http://$evil.example.com"
expect_exit 2
expect_no_raw_controls
mkdir -p "$XDG_CONFIG_HOME/zoomqos"
printf 'api-url = "https://api.zoom.us/v2?%s"\n' "$evil" >"$XDG_CONFIG_HOME/zoomqos/config.toml"
run_zoomqos_env -u ZOOM_API_URL -- get "$W" "$P" --type past
expect_exit 2
expect_stderr_contains "api-url in $XDG_CONFIG_HOME/zoomqos/config.toml: not a valid URL: 'https://api.zoom.us/v2??]0;title??[2J??'"
expect_no_raw_controls
run_zoomqos_env -u ZOOM_API_URL -- config show
expect_exit 0
expect_stdout_contains "https://api.zoom.us/v2??]0;title??[2J??"
expect_no_raw_controls

finish
