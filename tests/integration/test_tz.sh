#!/usr/bin/env bash
# --tz and the `tz` config key: tables show local time (lib.sh sets TZ=UTC)
# and name the zone; json, ndjson and csv keep Zoom's UTC strings unless a
# zone is asked for, then carry ISO-8601 with the offset; raw never changes.
# An unknown zone is a usage error before any request.
source "$(dirname "$0")/lib.sh"

start_mock

W=81234567890
P=16778240 # Zoë Åkesson: joined 14:00:12Z, samples 14:01-15:00 UTC on 2026-11-20

# --- the default table: local time (UTC here), named
run_zoomqos get "$W" "$P" --type past
expect_exit 0
expect_stdout_contains "Joined       2026-11-20T14:00:12Z"
expect_stdout_contains "14:01–15:00 UTC"

# --- the machine's zone decides the default table: TZ names it
run_zoomqos_env TZ=Europe/Stockholm -- get "$W" "$P" --type past
expect_exit 0
expect_stdout_contains "Joined       2026-11-20T15:00:12+01:00"
expect_stdout_contains "15:01–16:00 CET"
expect_stdout_contains "loss 8% at 15:03"

# --- --tz beats TZ; --samples names the zone over its times
run_zoomqos_env TZ=Europe/Stockholm -- get "$W" "$P" --type past --samples --tz Asia/Kolkata
expect_exit 0
expect_stdout_contains "TIME (IST)"
check "the first sample at 19:31:00" grep -qE '^19:31:00 ' "$OUT"
expect_stdout_contains "Joined       2026-11-20T19:30:12+05:30"

# --- machine formats: Zoom's UTC unless asked for
run_zoomqos_env TZ=Europe/Stockholm -- get "$W" "$P" --type past -o json
expect_exit 0
expect_stdout_jq '.join_time == "2026-11-20T14:00:12Z" and .user_qos[0].date_time == "2026-11-20T14:01:00Z"'
run_zoomqos get "$W" "$P" --type past -o json --tz Europe/Stockholm
expect_exit 0
expect_stdout_jq '.join_time == "2026-11-20T15:00:12+01:00" and .user_qos[0].date_time == "2026-11-20T15:01:00+01:00"'
run_zoomqos get "$W" "$P" --type past -o ndjson --tz America/St_Johns
expect_exit 0
check "every NDJSON line in -03:30" test "$(jq -r .date_time "$OUT" | grep -c -- '-03:30$')" -eq "$(wc -l <"$OUT")"
run_zoomqos get "$W" "$P" --type past -o csv --columns date_time,user_name --tz Europe/Stockholm
expect_exit 0
check "csv date_time with the offset" grep -q '^2026-11-20T15:01:00+01:00,' "$OUT"
run_zoomqos_env TZ=Europe/Stockholm -- get "$W" "$P" --type past -o json --tz utc
expect_exit 0
expect_stdout_jq '.user_qos[0].date_time == "2026-11-20T14:01:00Z"'

# --- raw is the body byte for byte, whatever the zone
run_zoomqos get "$W" "$P" --type past -o raw
cp "$OUT" "$TEST_TMP/raw_utc"
run_zoomqos get "$W" "$P" --type past -o raw --tz Asia/Kolkata
expect_exit 0
check "raw unchanged by --tz" cmp -s "$OUT" "$TEST_TMP/raw_utc"

# --- list too
run_zoomqos list "$W" --type past -o ndjson --tz Asia/Kolkata --limit 2
expect_exit 0
check "list's samples in +05:30" test "$(jq -r .date_time "$OUT" | grep -c -- '+05:30$')" -eq "$(wc -l <"$OUT")"

# --- the config key, below the flag
mkdir -p "$XDG_CONFIG_HOME/zoomqos"
printf 'tz = "Asia/Kolkata"\n' >"$XDG_CONFIG_HOME/zoomqos/config.toml"
run_zoomqos get "$W" "$P" --type past -o json
expect_exit 0
expect_stdout_jq '.user_qos[0].date_time == "2026-11-20T19:31:00+05:30"'
run_zoomqos get "$W" "$P" --type past -o json --tz UTC
expect_exit 0
expect_stdout_jq '.user_qos[0].date_time == "2026-11-20T14:01:00Z"'
run_zoomqos config show -o json
expect_exit 0
expect_stdout_jq '.tz.value == "Asia/Kolkata" and (.tz.source | startswith("config "))'
printf 'tz = "Asia/Kolkatta"\n' >"$XDG_CONFIG_HOME/zoomqos/config.toml"
run_zoomqos get "$W" "$P" --type past
expect_exit 2
expect_stderr_contains "unknown time zone 'Asia/Kolkatta'"
rm "$XDG_CONFIG_HOME/zoomqos/config.toml"

# --- a bad zone: exit 2 before any request, one line, nothing raw on screen
mock_reset
run_zoomqos get "$W" "$P" --type past --tz Mars/Olympus_Mons
expect_exit 2
expect_stderr_contains "zoomqos: error: --tz: unknown time zone 'Mars/Olympus_Mons'"
expect_stderr_contains "Europe/Stockholm"
expect_requests 0
run_zoomqos get "$W" "$P" --type past --tz $'\e[31m../../etc/passwd'
expect_exit 2
check "the escape made visible" bash -c "! grep -q $'\x1b' '$ERR'"
run_zoomqos get "$W" "$P" --type past --tz /etc/localtime
expect_exit 2

finish
