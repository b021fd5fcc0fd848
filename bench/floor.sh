#!/usr/bin/env bash
# One HTTPS fetch against the floor: `zoomqos get W P -o json --cacert CA`
# (and `-o raw`) against a bare `curl -s --cacert CA` of the same URL, which
# parses nothing, both over loopback TLS to zoomqos-mock --cert/--key with a
# throw-away CA made here. hyperfine, pairwise (-N, no shell), 25 runs each
# after a warm-up. Targets: json <= 1.15 x curl, raw <= 1.05 x.
# Then what the dynamic loader does for each (LD_DEBUG=statistics: symbols
# relocated, relative relocations, time) and zoomqos's peak RSS.
# Run on demand: ./bench/floor.sh  (figures go into bench/README.md).
# BUILD=DIR measures (and updates) another build tree instead of build/release.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh hyperfine time curl openssl jq
build=${BUILD:-build/release}
if [[ ! -f $build/CMakeCache.txt ]]; then
    cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DZOOMQOS_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$build" -j"$(nproc)" --target zoomqos zoomqos-mock >/dev/null

work=$(mktemp -d)
mock_pid=""
trap '[[ -z "$mock_pid" ]] || kill "$mock_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
openssl req -x509 "${ec[@]}" -keyout "$work/ca.key" -out "$work/ca.pem" -days 2 \
    -subj "/CN=zoomqos bench CA" 2>/dev/null
openssl req "${ec[@]}" -keyout "$work/server.key" -out "$work/server.csr" -subj "/CN=127.0.0.1" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n' >"$work/ext"
openssl x509 -req -in "$work/server.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial \
    -out "$work/server.pem" -days 2 -extfile "$work/ext" 2>/dev/null

"$build/zoomqos-mock" --port 0 --quiet --cert "$work/server.pem" --key "$work/server.key" >"$work/url" &
mock_pid=$!
for _ in $(seq 100); do [[ -s $work/url ]] && break; sleep 0.05; done
base=$(head -n1 "$work/url")
# zoomqos reads these; HOME and XDG_* point at an empty directory so that no
# config file or token cache of the machine's user takes part.
export ZOOM_API_URL=$base ZOOM_ACCESS_TOKEN=mock-token HOME=$work/home XDG_CONFIG_HOME=$work/home/.config \
    XDG_CACHE_HOME=$work/home/.cache
mkdir -p "$work/home"

webinar=81234567890
participant=16778240 # the participant with 60 per-minute samples
url="$base/metrics/webinars/$webinar/participants/$participant/qos?type=past"
curl_cmd="curl -s --cacert $work/ca.pem -H 'Authorization: Bearer mock-token' $url"
get="$build/zoomqos get $webinar $participant --type past --cacert $work/ca.pem"
echo "response: $(curl -s --cacert "$work/ca.pem" -H 'Authorization: Bearer mock-token' "$url" | wc -c) bytes"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"

# compare NAME ZOOMQOS_ARGS TARGET: hyperfine of zoomqos against curl, and the ratio of the means.
compare() {
    hyperfine -N --warmup 5 --runs 25 --export-json "$work/$1.json" \
        -n "zoomqos $1" "$get $2" -n curl "$curl_cmd" >"$work/$1.txt"
    grep -E "Time|Range" "$work/$1.txt" | sed 's/^ */  /'
    jq -r --arg name "$1" --arg target "$3" '.results |
        "\($name): zoomqos \(.[0].mean * 1000 | . * 100 | round / 100) ms, curl \(.[1].mean * 1000 | . * 100 | round / 100) ms, ratio \(.[0].mean / .[1].mean * 1000 | round / 1000) (target <= \($target))"' \
        "$work/$1.json"
}
compare json "-o json" 1.15
compare raw "-o raw" 1.05

# loader SUMMARY: what ld.so says it did for one run.
loader() {
    LD_DEBUG=statistics LD_DEBUG_OUTPUT="$work/ld" "$@" >/dev/null 2>&1 || true
    local file
    file=$(ls "$work"/ld.* | head -n 1)
    awk '/total startup time in dynamic loader/ { t = $(NF - 1) " cycles" } /number of relocations:/ { r = $NF }
        /number of relocations from cache:/ { c = $NF } /number of relative relocations:/ { rr = $NF }
        END { printf "startup in ld.so %s, relocations %s (from cache %s), relative %s\n", t, r, c, rr }' "$file"
    rm -f "$work"/ld.*
}
echo "zoomqos loader: $(loader $get -o json)"
echo "curl loader:    $(loader curl -s --cacert "$work/ca.pem" -H 'Authorization: Bearer mock-token' -o /dev/null "$url")"
/usr/bin/time -v $get -o json >/dev/null 2>"$work/time"
echo "zoomqos peak RSS: $(awk -F': ' '/Maximum resident/ {print $2}' "$work/time") KiB (target <= 16384)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
