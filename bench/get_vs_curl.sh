#!/usr/bin/env bash
# One `zoomqos get -o json` against the equivalent `curl | jq .`, both against
# zoomqos-mock on loopback, timed with hyperfine; then zoomqos's peak RSS.
# Run on demand: ./bench/get_vs_curl.sh  (figures go into bench/README.md)
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh hyperfine time
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DZOOMQOS_BUILD_TESTS=OFF >/dev/null
cmake --build build/release -j"$(nproc)" >/dev/null

work=$(mktemp -d)
build/release/zoomqos-mock --port 0 --quiet >"$work/url" &
mock_pid=$!
trap 'kill "$mock_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do [[ -s $work/url ]] && break; sleep 0.05; done
base=$(head -n1 "$work/url")
export ZOOM_API_URL=$base ZOOM_ACCESS_TOKEN=mock-token

webinar=81234567890
participant=16778240 # the participant with 60 per-minute samples
url="$base/metrics/webinars/$webinar/participants/$participant/qos?type=past"
zoomqos="build/release/zoomqos get $webinar $participant --type past -o json"
curl_jq="curl -s -H 'Authorization: Bearer mock-token' '$url' | jq ."

echo "response size: $(curl -s -H 'Authorization: Bearer mock-token' "$url" | wc -c) bytes"
hyperfine --warmup 5 --runs 50 --export-json "$work/hyperfine.json" \
  -n zoomqos "$zoomqos >/dev/null" -n 'curl | jq' "$curl_jq >/dev/null"
jq -r '.results | "ratio zoomqos / (curl|jq): \(.[0].mean / .[1].mean * 1000 | round / 1000)"' \
  "$work/hyperfine.json"

/usr/bin/time -v $zoomqos >/dev/null 2>"$work/time"
echo "zoomqos peak RSS: $(awk -F': ' '/Maximum resident/ {print $2}' "$work/time") KiB (target < 16384)"
