#!/usr/bin/env bash
# Mapping throughput, offline: typed NDJSON out of Zoom's raw list pages, per
# core, against a `jq -c` that does a simpler flattening of the same pages (no
# unit parsing), and against the floor of any mapping built on nlohmann/json:
# its parser alone accepting the pages (Json::accept, no value built). Then
# the two halves of the mapping timed apart, as nanoseconds per input byte:
# parsing and mapping (parse_page, nothing written) and writing the typed
# NDJSON of pages mapped before the clock (render::ndjson alone).
# The pages: 1,000 participants of zoomqos-mock's generated webinar, saved with
# `zoomqos list -o raw` (100 pages, 5.4 MB). The driver, zoomqos_map_bench,
# maps them with the functions `zoomqos list -o ndjson` uses, and its output is
# checked against that command's before it is timed.
# Targets: >= 100 MB/s of input, >= 3 x jq.
# Run on demand: ./bench/mapping.sh  (figures go into bench/README.md).
# BUILD=DIR measures another build tree instead of build/release.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh jq
build=${BUILD:-build/release}
if [[ ! -f $build/CMakeCache.txt ]]; then
    cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DZOOMQOS_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$build" -j"$(nproc)" --target zoomqos zoomqos-mock zoomqos_map_bench >/dev/null

work=$(mktemp -d)
mock_pid=""
trap '[[ -z "$mock_pid" ]] || kill "$mock_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
"$build/zoomqos-mock" --port 0 --quiet --participants 1000 >"$work/url" &
mock_pid=$!
for _ in $(seq 100); do [[ -s $work/url ]] && break; sleep 0.05; done
export ZOOM_API_URL=$(head -n1 "$work/url") ZOOM_ACCESS_TOKEN=mock-token HOME=$work/home
mkdir -p "$work/home"

webinar=85000000000
"$build/zoomqos" list $webinar --type past -o raw --rate 1000 >"$work/pages.jsonl"
"$build/zoomqos" list $webinar --type past -o ndjson --rate 1000 >"$work/list.ndjson"
"$build/zoomqos_map_bench" "$work/pages.jsonl" >"$work/bench.ndjson" 2>/dev/null
cmp -s "$work/list.ndjson" "$work/bench.ndjson" || {
    echo "mapping.sh: the driver's NDJSON differs from zoomqos list -o ndjson" >&2
    exit 1
}
bytes=$(wc -c <"$work/pages.jsonl")
echo "pages: $(wc -l <"$work/pages.jsonl") pages, $bytes bytes, $(wc -l <"$work/list.ndjson") NDJSON lines"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"

# best of 5 runs of 20 passes (about 110 MB of input each)
best() {
    local mode=$1 best=0 rate
    for _ in 1 2 3 4 5; do
        rate=$("$build/zoomqos_map_bench" "$work/pages.jsonl" 20 $mode 2>&1 >/dev/null | sed -E 's/.*: ([0-9.]+) MB\/s/\1/')
        best=$(awk -v a="$best" -v b="$rate" 'BEGIN { print (b > a) ? b : a }')
    done
    echo "$best"
}
mapping=$(best "")
floor=$(best --accept-only)
map_only=$(best --map-only)
write_only=$(best --write-only)

# jq: each sample with its participant's ID and name, streams as Zoom wrote them.
jq_filter='.participants[] as $p | $p.user_qos[] | {participant_id: $p.id, user_name: $p.user_name} + .'
jq_best=999
for _ in 1 2 3; do
    start=$(date +%s.%N)
    jq -c "$jq_filter" "$work/pages.jsonl" >/dev/null
    jq_best=$(awk -v a="$jq_best" -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { t = e - s; print (t < a) ? t : a }')
done
jq_rate=$(awk -v b="$bytes" -v t="$jq_best" 'BEGIN { printf "%.1f", b / t / 1e6 }')

echo "zoomqos mapping:   $mapping MB/s (target >= 100)"
echo "nlohmann accept:   $floor MB/s (the parser alone: the floor for a mapping built on it)"
ns() { awk -v r="$1" 'BEGIN { printf "%.1f ns", 1000 / r }'; }
echo "per input byte: all $(ns "$mapping"); parser alone $(ns "$floor"), parsing and mapping $(ns "$map_only"), writing alone $(ns "$write_only"); 100 MB/s allows 10.0 ns"
echo "jq -c flattening:  $jq_rate MB/s; zoomqos / jq = $(awk -v a="$mapping" -v b="$jq_rate" 'BEGIN { printf "%.2f", a / b }') x (target >= 3)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
