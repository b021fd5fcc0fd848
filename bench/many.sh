#!/usr/bin/env bash
# Many participants against a paced, slow mock (zoomqos-mock --latency-ms 50
# --rate-limit 40, loopback):
#  1. `zoomqos get W - --rate 40 --concurrency 8` over 400 participants: wall
#     time against the ideal 400/40 = 10 s, failed participants, 429s.
#  2. a sequential `curl | jq` loop over the same IDs.
#  3. `xargs -P 8 curl` with no pacing: how many answers were 429s.
#  4. `zoomqos list` over 2,000 participants (200 pages) and over 100: TCP
#     connections used and peak RSS.
# Run on demand: ./bench/many.sh  (figures go into bench/README.md)
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh time jq curl
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DZOOMQOS_BUILD_TESTS=OFF >/dev/null
cmake --build build/release -j"$(nproc)" >/dev/null
zoomqos=build/release/zoomqos

work=$(mktemp -d)
mock_pid=""
trap '[[ -z "$mock_pid" ]] || kill "$mock_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

# start_mock PARTICIPANTS: a fresh mock; sets base and root.
start_mock() {
    if [[ -n "$mock_pid" ]]; then
        kill "$mock_pid" 2>/dev/null || true
        wait "$mock_pid" 2>/dev/null || true
    fi
    rm -f "$work/url"
    build/release/zoomqos-mock --port 0 --quiet --latency-ms 50 --rate-limit 40 \
        --participants "$1" >"$work/url" &
    mock_pid=$!
    for _ in $(seq 100); do [[ -s $work/url ]] && break; sleep 0.05; done
    base=$(head -n1 "$work/url")
    root=${base%/v2}
    export ZOOM_API_URL=$base ZOOM_ACCESS_TOKEN=mock-token
}
stat() { curl -s "$root/_mock/stats" | jq ".$1"; }
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

webinar=85000000000
seq 20000001 20000400 >"$work/ids"

echo "== 1. zoomqos get, 400 participants, --rate 40 --concurrency 8 (ideal 10.00 s)"
start_mock 400
start=$(now)
status=0
$zoomqos get $webinar - --type past -o ndjson --rate 40 --concurrency 8 -v \
    <"$work/ids" >"$work/get.ndjson" 2>"$work/get.err" || status=$?
end=$(now)
wall=$(seconds "$start" "$end")
printed=$(jq -r .participant_id "$work/get.ndjson" | sort -u | wc -l)
echo "wall ${wall} s, ratio to ideal $(awk -v w="$wall" 'BEGIN { printf "%.3f", w / 10 }') (target <= 1.15)"
echo "exit $status, participants printed $printed/400, failed $((400 - printed))"
echo "mock: requests $(stat requests), 429s $(stat rate_limited), connections $(stat connections)"
tail -n1 "$work/get.err"

echo "== 2. sequential curl | jq loop over the same 400 IDs"
start_mock 400
start=$(now)
failed=0
while read -r id; do
    curl -s -H 'Authorization: Bearer mock-token' \
        "$base/metrics/webinars/$webinar/participants/$id/qos?type=past" |
        jq -e '.user_qos' >/dev/null || failed=$((failed + 1))
done <"$work/ids"
end=$(now)
loop=$(seconds "$start" "$end")
echo "wall ${loop} s, $(awk -v l="$loop" -v w="$wall" 'BEGIN { printf "%.2f", l / w }') x zoomqos; failed $failed"

echo "== 3. xargs -P 8 curl, no pacing"
start_mock 400
start=$(now)
sed "s|.*|$base/metrics/webinars/$webinar/participants/&/qos?type=past|" "$work/ids" |
    xargs -P 8 -n 1 curl -s -o /dev/null -w '%{http_code}\n' \
        -H 'Authorization: Bearer mock-token' >"$work/codes"
end=$(now)
echo "wall $(seconds "$start" "$end") s; answers: $(sort "$work/codes" | uniq -c | awk '{printf "%s x HTTP %s  ", $1, $2}')"
echo "failed participants (429, no retry): $(grep -c '^429$' "$work/codes" || true)"

echo "== 4. zoomqos list: 2,000 participants (200 pages) against 100 (10 pages), --rate 40"
for count in 100 2000; do
    start_mock "$count"
    start=$(now)
    /usr/bin/time -v $zoomqos list $webinar --type past -o ndjson --rate 40 \
        >"$work/list.ndjson" 2>"$work/time"
    end=$(now)
    rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$work/time")
    echo "$count participants: wall $(seconds "$start" "$end") s, pages $(stat requests)," \
        "TCP connections $(stat connections), peak RSS ${rss} KiB," \
        "participants $(jq -r .participant_id "$work/list.ndjson" | sort -u | wc -l)"
done
