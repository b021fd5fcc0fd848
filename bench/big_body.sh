#!/usr/bin/env bash
# Peak RSS of `zoomqos get` on one participant of 55,000 samples (~50 MB body)
# in every format, against the targets: <= 3 x body + 16 MB for json, ndjson
# and csv; <= body + 16 MB for raw. Also the time each takes.
# Run on demand: ./bench/big_body.sh  (figures go into bench/README.md)
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh time
# BUILD=build/dev measures an existing build instead of building Release.
build=${BUILD:-build/release}
if [[ -z ${BUILD:-} ]]; then
    cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DZOOMQOS_BUILD_TESTS=OFF >/dev/null
    cmake --build build/release -j"$(nproc)" >/dev/null
fi

work=$(mktemp -d)
"$build/zoomqos-mock" --port 0 --quiet >"$work/url" &
mock_pid=$!
trap 'kill "$mock_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do [[ -s $work/url ]] && break; sleep 0.05; done
base=$(head -n1 "$work/url")
root=${base%/v2}
export ZOOM_API_URL=$base ZOOM_ACCESS_TOKEN=mock-token

samples=${SAMPLES:-55000}
fault() { curl -sf --data "$1" "$root/_mock/faults" >/dev/null; }

fault "{\"samples\": $samples}"
body=$("$build/zoomqos" get 81234567890 16778240 --type past -o raw --max-body 1000000000 | wc -c)
echo "body: $body bytes, $samples samples"
printf '| format | delivery | peak RSS KiB | target KiB | wall s |\n| --- | --- | --- | --- | --- |\n'
for format in raw json ndjson csv; do
    for chunked in false true; do
        fault "{\"samples\": $samples, \"chunked\": $chunked}"
        /usr/bin/time -f '%M %e' -o "$work/time" "$build/zoomqos" get 81234567890 16778240 \
            --type past -o "$format" --max-body 1000000000 >/dev/null
        read -r rss wall <"$work/time"
        if [[ $format == raw ]]; then target=$((body / 1024 + 16384)); else target=$((3 * body / 1024 + 16384)); fi
        delivery=$([[ $chunked == true ]] && echo chunked || echo Content-Length)
        echo "| $format | $delivery | $rss | $target | $wall |"
    done
done
