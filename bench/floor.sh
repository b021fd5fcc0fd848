#!/usr/bin/env bash
# One HTTPS fetch against the floor: `zoomqos get W P -o json --cacert CA`
# (and `-o raw`) against a bare `curl -s --cacert CA` of the same URL, which
# parses nothing, both over loopback TLS to zoomqos-mock --cert/--key with a
# throw-away CA made here. Pairwise: bench/interleave.py runs curl, json, raw,
# curl, json, raw, ... (100 rounds after 3 warm-up ones), so that a machine
# whose speed drifts slows all three alike, and reports median wall and CPU
# time. Targets: json <= 1.15 x curl, raw <= 1.05 x.
# Then what the dynamic loader does for each (LD_DEBUG=statistics: symbols
# relocated, relative relocations, time), zoomqos's peak RSS, and the floor
# under any zoomqos: programs that only load the libraries (libcurl alone, as
# curl; zoomqos's; zoomqos-exporter's) and exit.
# Run on demand: ./bench/floor.sh  (figures go into bench/README.md).
# BUILD=DIR measures (and updates) another build tree instead of build/release.
# BASELINE=PATH adds another zoomqos binary (a build of an older commit) to the
# same rounds, as json-baseline and raw-baseline: a before/after in one run.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh python3 time curl openssl g++ binutils libcurl4-openssl-dev prometheus-cpp-dev
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

echo "100 rounds of curl, zoomqos -o json, zoomqos -o raw (ratios to curl; targets: json <= 1.15, raw <= 1.05):"
baseline=()
if [[ -n ${BASELINE:-} ]]; then
    old="$BASELINE get $webinar $participant --type past --cacert $work/ca.pem"
    baseline=("json-baseline=$old -o json" "raw-baseline=$old -o raw")
fi
python3 bench/interleave.py 100 "curl=$curl_cmd" "json=$get -o json" "raw=$get -o raw" "${baseline[@]}" |
    sed 's/^/  /'

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
# The floor: the same start-up and exit with nothing else done, for curl's
# libraries, zoomqos's (its NEEDED list, libstdc++ linked in as zoomqos links
# it) and zoomqos-exporter's (shared libstdc++, prometheus-cpp, civetweb:
# what every zoomqos loaded before the exporter became a program of its own).
cat >"$work/load.cpp" <<'CPP'
#include <curl/curl.h>
#ifdef WITH_LIBSTDCXX
#include <iostream>
#include <string>
#endif
#ifdef WITH_EXPORTER_LIBRARIES
#include <prometheus/exposer.h>
#include <prometheus/registry.h>
#include <memory>
#endif
int main(int argc, char** argv) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (argc > 99) { // never: only makes the libraries needed
#ifdef WITH_LIBSTDCXX
        std::cout << std::string(argv[1]);
#endif
#ifdef WITH_EXPORTER_LIBRARIES
        prometheus::Exposer exposer(argv[1]);
        exposer.RegisterCollectable(std::make_shared<prometheus::Registry>());
#endif
    }
    (void)argv;
    curl_global_cleanup();
    return 0;
}
CPP
gcc -O2 -x c "$work/load.cpp" -o "$work/load-curl" -lcurl
static=()
if readelf -d "$build/zoomqos" | grep -q 'libstdc++'; then
    echo "(this zoomqos loads libstdc++: ZOOMQOS_STATIC_LIBSTDCXX=OFF)"
else
    static=(-static-libstdc++ -static-libgcc)
fi
g++ -O2 -std=c++20 -DWITH_LIBSTDCXX "${static[@]}" "$work/load.cpp" -o "$work/load-zoomqos" -lcurl -lcrypto -lz
g++ -O2 -std=c++20 -DWITH_LIBSTDCXX -DWITH_EXPORTER_LIBRARIES "$work/load.cpp" -o "$work/load-exporter" -lcurl \
    -lprometheus-cpp-pull -lprometheus-cpp-core -lcivetweb-cpp -lcivetweb
echo "loading the libraries and exiting, 200 rounds (ratios to curl's libraries):"
python3 bench/interleave.py 200 "curl's=$work/load-curl" "zoomqos's=$work/load-zoomqos" \
    "zoomqos-exporter's=$work/load-exporter" | sed 's/^/  /'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
