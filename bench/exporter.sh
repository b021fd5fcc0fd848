#!/usr/bin/env bash
# `zoomqos exporter` against zoomqos-mock on loopback:
#  1. memory: polling a live webinar of 500 participants whose list turns
#     over by 25 every poll (--live-participants 500 --churn 25: 25 leave, 25
#     join, so every poll removes and adds series), 1,000 polls at
#     --interval 1, the shortest the exporter takes (about 17 minutes on an
#     idle machine). VmRSS from /proc/PID/status every 0.5 s over polls 50-100
#     (after warm-up) and over the last 50: a poll's own buffers come and go,
#     so the windows' medians and maxima are compared. Target: growth <= 2 MB.
#  2. scrape time: GET /metrics holding ~30,000 series (a live webinar of
#     1,100 participants), 200 scrapes timed by curl's %{time_total}, plain
#     and gzip (what Prometheus asks for), then hyperfine over `curl` (which
#     adds curl's own start-up). Target: <= 100 ms.
# Run on demand: ./bench/exporter.sh  (figures go into bench/README.md).
# POLLS=N shortens part 1 (0 skips it); BUILD=DIR uses (and updates) another
# build tree.
set -euo pipefail
cd "$(dirname "$0")/.."

polls=${POLLS:-1000}
[[ $polls -eq 0 || $polls -ge 150 ]] || { echo "POLLS: 0, or at least 150" >&2; exit 2; }
warmup=50
build=${BUILD:-build/release}

./scripts/install-deps.sh jq curl hyperfine
if [[ ! -f "$build/CMakeCache.txt" ]]; then
    cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DZOOMQOS_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$build" -j"$(nproc)" --target zoomqos zoomqos-mock >/dev/null
zoomqos=$build/zoomqos

work=$(mktemp -d)
mock_pid=""
exporter_pid=""
stop() { # PID...: SIGTERM, then wait
    local pid
    for pid in "$@"; do
        [[ -z "$pid" ]] || kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "$@"; do
        [[ -z "$pid" ]] || wait "$pid" 2>/dev/null || true
    done
}
trap 'stop "$exporter_pid" "$mock_pid"; rm -rf "$work"' EXIT

# start_mock ARGS...: a fresh mock; sets root.
start_mock() {
    stop "$mock_pid"
    rm -f "$work/url"
    "$build/zoomqos-mock" --port 0 --quiet "$@" >"$work/url" &
    mock_pid=$!
    for _ in $(seq 200); do [[ -s $work/url ]] && break; sleep 0.05; done
    root=$(head -n1 "$work/url")
    root=${root%/v2}
    export ZOOM_API_URL=$root/v2 ZOOM_ACCESS_TOKEN=mock-token
}
# start_exporter ARGS...: a fresh exporter on a port of its own; sets metrics.
start_exporter() {
    stop "$exporter_pid"
    : >"$work/exporter.log"
    "$zoomqos" exporter --listen 127.0.0.1:0 --rate 1000 --daily-budget 0 "$@" \
        2>"$work/exporter.log" &
    exporter_pid=$!
    local port=""
    for _ in $(seq 200); do
        port=$(sed -n 's/.*msg="exporter started".* port=\([0-9]*\).*/\1/p' "$work/exporter.log")
        [[ -n "$port" ]] && break
        sleep 0.05
    done
    [[ -n "$port" ]] || { echo "the exporter did not start" >&2; cat "$work/exporter.log" >&2; exit 1; }
    metrics=http://127.0.0.1:$port/metrics
}
polls_done() { grep -c 'msg="poll done"' "$work/exporter.log" || true; }
polls_failed() { grep -c 'msg="poll incomplete"' "$work/exporter.log" || true; }
wait_polls() { # N
    while [[ $(polls_done) -lt $1 ]]; do
        kill -0 "$exporter_pid" 2>/dev/null || { echo "the exporter died" >&2; tail "$work/exporter.log" >&2; exit 1; }
        sleep 0.5
    done
}
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$exporter_pid/status"; }
# rss_window UNTIL FILE: VmRSS into FILE every 0.5 s until UNTIL polls are done.
rss_window() {
    : >"$2"
    while [[ $(polls_done) -lt $1 ]]; do
        rss_kib >>"$2"
        sleep 0.5
    done
}
stats() { # FILE of KiB values
    sort -n "$1" | awk '{ v[NR] = $1 } END {
        printf "min %d, median %d, max %d KiB (%d samples)", v[1], v[int((NR + 1) / 2)], v[NR], NR }'
}
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
maximum() { sort -n "$1" | tail -n 1; }
hwm_kib() { awk '/^VmHWM:/ { print $2 }' "/proc/$exporter_pid/status"; }
last_poll() { grep 'msg="poll done"' "$work/exporter.log" | tail -n 1; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; } # logfmt field of stdin's line
load() { cut -d' ' -f1-3 /proc/loadavg; }

memory() {
    echo "== 1. memory: live webinar of 500, churn 25 a poll, $polls polls at --interval 1"
    echo "load average before: $(load) ($(nproc) cores)"
    start_mock --live-participants 500 --churn 25
    started=$(date +%s)
    start_exporter --events 82000000002 --interval 1
    wait_polls "$warmup"
    rss_window $((warmup + 50)) "$work/warm"
    echo "polls $warmup-$((warmup + 50)): VmRSS $(stats "$work/warm") ($(last_poll | field series) series)"
    wait_polls $((polls - 50))
    rss_window "$polls" "$work/end"
    echo "polls $((polls - 50))-$polls: VmRSS $(stats "$work/end")"
    line=$(last_poll)
    echo "end: $(polls_done) polls ($(polls_failed) incomplete) in $(($(date +%s) - started)) s;" \
        "last poll: $(field participants <<<"$line") participants, $(field series <<<"$line") series," \
        "$(field requests <<<"$line") requests, $(field duration_seconds <<<"$line") s"
    first_id=$(curl -s "$metrics" | sed -n 's/^zoomqos_participant_info{.*participant_id="\([^"]*\)".*/\1/p' | sort | head -n 1)
    echo "lowest participant on /metrics now: $first_id (churn moved the window)"
    echo "growth: median $(($(median "$work/end") - $(median "$work/warm"))) KiB," \
        "max $(($(maximum "$work/end") - $(maximum "$work/warm"))) KiB (target <= 2048); VmHWM $(hwm_kib) KiB"
    echo "load average after: $(load)"
    stop "$exporter_pid"
    exporter_pid=""
}
[[ $polls -eq 0 ]] || memory

echo "== 2. scrape time: live webinar of 1,100 participants"
start_mock --live-participants 1100
start_exporter --events 82000000002 --interval 60
wait_polls 1
curl -s "$metrics" >"$work/metrics.txt"
series=$(grep -vc '^#' "$work/metrics.txt")
echo "$series series, $(wc -c <"$work/metrics.txt") bytes;" \
    "gzip: $(curl -s --compressed -o /dev/null -w '%{size_download}' "$metrics") bytes"
echo "load average before: $(load)"
# scrape_times FILE CURL_ARGS...: 200 scrapes' %{time_total} into FILE.
scrape_times() {
    local file=$1 i
    shift
    : >"$file"
    for ((i = 0; i < 200; i++)); do
        curl -s -o /dev/null -w '%{time_total}\n' "$@" "$metrics" >>"$file"
    done
}
summary() { # FILE: median, p95, max in ms
    sort -n "$1" | awk '{ t[NR] = $1 * 1000 } END {
        printf "median %.1f ms, p95 %.1f ms, max %.1f ms (%d scrapes)\n", t[int((NR + 1) / 2)], t[int(NR * 0.95)], t[NR], NR }'
}
scrape_times "$work/plain"
echo "plain: $(summary "$work/plain")"
scrape_times "$work/gzip" --compressed
echo "gzip:  $(summary "$work/gzip")"
hyperfine --warmup 5 --runs 100 -N "curl -s -o /dev/null $metrics" \
    "curl -s --compressed -o /dev/null $metrics" 2>&1 | grep -E 'Benchmark|Time|Range'
echo "polls during the scrapes: $(polls_done); load average after: $(load)"
