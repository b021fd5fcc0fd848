#!/usr/bin/env bash
# A whole account's date range into an archive: `zoomqos sweep` over 50
# webinars of 500 participants each (25,000 participants, 5 samples each)
# against zoomqos-mock --latency-ms 50 --rate-limit 40 on loopback, at
# --rate 40 --concurrency 4 --page-size 10:
#  - wall time against requests / rate (target <= 1.1 x),
#  - peak RSS (target <= 32 MB), from /usr/bin/time -v,
#  - archive bytes per participant-sample.
# Run on demand: ./bench/sweep.sh  (figures go into bench/README.md).
# ZOOMQOS_BENCH_BUILD=build/dev uses an existing build instead of a Release one.
set -euo pipefail
cd "$(dirname "$0")/.."

build=${ZOOMQOS_BENCH_BUILD:-}
if [[ -z $build ]]; then
    ./scripts/install-deps.sh time jq curl
    cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DZOOMQOS_BUILD_TESTS=OFF >/dev/null
    cmake --build build/release -j"$(nproc)" --target zoomqos zoomqos-mock >/dev/null
    build=build/release
fi
zoomqos=$build/zoomqos

events=50
per_event=500
rate=40
work=$(mktemp -d)
mock_pid=""
trap '[[ -z "$mock_pid" ]] || kill "$mock_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

"$build/zoomqos-mock" --port 0 --quiet --latency-ms 50 --rate-limit "$rate" \
    --participants "$per_event" --generated-webinars "$events" >"$work/url" &
mock_pid=$!
for _ in $(seq 100); do [[ -s $work/url ]] && break; sleep 0.05; done
base=$(head -n1 "$work/url")
root=${base%/v2}
export ZOOM_API_URL=$base ZOOM_ACCESS_TOKEN=mock-token
stat() { curl -s "$root/_mock/stats" | jq ".$1"; }

# The load-test webinars are the only events of 2026-11-25.
range=(--from 2026-11-25 --to 2026-11-25)
echo "== sweep: $events webinars x $per_event participants, --rate $rate --concurrency 4 --page-size 10"
start=$(date +%s.%N)
/usr/bin/time -v "$zoomqos" sweep "${range[@]}" --archive "$work/archive" --rate "$rate" \
    --concurrency 4 --page-size 10 -o ndjson >"$work/lines" 2>"$work/err"
end=$(date +%s.%N)
requests=$(stat requests)
wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
ideal=$(awk -v r="$requests" -v rate="$rate" 'BEGIN { printf "%.2f", r / rate }')
rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$work/err")
grep '^zoomqos: plan: [0-9]* requests' "$work/err"
participants=$(jq -s 'map(.participants) | add' "$work/lines")
samples=$(zcat "$work/archive"/*.ndjson.gz | jq -n '[inputs | select(.user_qos) | .user_qos | length] | add')
bytes=$(du -cb "$work/archive"/*.ndjson.gz | tail -n1 | cut -f1)
echo "events $(wc -l <"$work/lines"), participants $participants, samples $samples"
echo "requests $requests (429s $(stat rate_limited), connections $(stat connections))"
echo "wall ${wall} s, requests/rate ${ideal} s, ratio $(awk -v w="$wall" -v i="$ideal" 'BEGIN { printf "%.3f", w / i }') (target <= 1.1)"
echo "peak RSS ${rss} KiB (target <= 32,768 KiB)"
echo "archive $bytes bytes, $(awk -v b="$bytes" -v s="$samples" 'BEGIN { printf "%.1f", b / s }') bytes per participant-sample," \
    "$(awk -v b="$bytes" -v p="$participants" 'BEGIN { printf "%.0f", b / p }') per participant"
