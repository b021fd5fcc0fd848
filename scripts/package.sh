#!/usr/bin/env bash
# Builds the Debian package and checks it: the file list (unpacked with
# dpkg -x into a scratch root), the declared dependencies, and that the
# unpacked zoomqos runs and fetches from zoomqos-mock.
#   ./scripts/package.sh         -> build/package/zoomqos_<version>_<arch>.deb
#   ./scripts/package.sh BUILD   packages an already configured build directory
#                                (CI packages the very binary its tests ran)
# The package is built as Debian builds (-O2 -g, RelWithDebInfo) and CPack
# strips it.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh dpkg-dev file
dir=${1:-build/package}
if [[ ! -f $dir/CMakeCache.txt ]]; then
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DZOOMQOS_BUILD_TESTS=OFF \
    -DZOOMQOS_WERROR=ON >/dev/null
fi
cmake --build "$dir" -j"$(nproc)" --target zoomqos zoomqos-mock >/dev/null
rm -f "$dir"/zoomqos_*.deb
(cd "$dir" && cpack -G DEB >/dev/null)
deb=$(ls "$dir"/zoomqos_*.deb)
echo "== $deb"

scratch=$(mktemp -d)
mock_pid=
cleanup() {
  [[ -n $mock_pid ]] && kill "$mock_pid" 2>/dev/null
  rm -rf "$scratch"
}
trap cleanup EXIT
dpkg-deb -x "$deb" "$scratch/root"

status=0
expect_file() {
  if [[ ! -f $scratch/root/$1 ]]; then
    echo "FAIL: package lacks /$1" >&2
    status=1
  fi
}
expect_file usr/bin/zoomqos
expect_file usr/libexec/zoomqos/zoomqos-exporter
expect_file usr/share/man/man1/zoomqos.1
expect_file usr/share/bash-completion/completions/zoomqos
expect_file usr/share/zsh/vendor-completions/_zoomqos
expect_file usr/share/doc/zoomqos/README.md
expect_file usr/share/doc/zoomqos/LICENSE
expect_file usr/lib/systemd/system/zoomqos-exporter.service
expect_file usr/share/doc/zoomqos/examples/exporter.env.example
expect_file usr/share/doc/zoomqos/examples/zoomqos-alerts.yml
expect_file usr/share/doc/zoomqos/examples/zoomqos-dashboard.json
if [[ -e $scratch/root/usr/bin/zoomqos-mock ]]; then
  echo "FAIL: the package must not ship zoomqos-mock" >&2
  status=1
fi
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
[[ $depends == *libcurl4* ]] || { echo "FAIL: Depends lacks libcurl4" >&2; status=1; }
[[ $depends == *libprometheus-cpp* ]] || { echo "FAIL: Depends lacks prometheus-cpp" >&2; status=1; }
version=$(dpkg-deb -f "$deb" Version)
[[ $version == "$(sed -n 's/^project(zoomqos VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)" ]] ||
  { echo "FAIL: package version $version is not the project version" >&2; status=1; }

"$scratch/root/usr/bin/zoomqos" --version
# Only the exporter loads the Prometheus libraries; the package's zoomqos
# finds it where the package put it. libstdc++ is linked into zoomqos
# (ZOOMQOS_STATIC_LIBSTDCXX).
if readelf -d "$scratch/root/usr/bin/zoomqos" | grep -Eq 'prometheus|civetweb|libstdc\+\+'; then
  echo "FAIL: the packaged zoomqos loads prometheus-cpp, civetweb or libstdc++" >&2
  status=1
fi
"$scratch/root/usr/bin/zoomqos" exporter --help | grep -q 'Serve live webinars' ||
  { echo "FAIL: the packaged zoomqos did not hand 'exporter --help' to zoomqos-exporter" >&2; status=1; }
"$dir/zoomqos-mock" --port 0 --quiet >"$scratch/url" &
mock_pid=$!
for _ in $(seq 100); do [[ -s $scratch/url ]] && break; sleep 0.05; done
ZOOM_API_URL=$(head -n1 "$scratch/url") ZOOM_ACCESS_TOKEN=mock-token \
  "$scratch/root/usr/bin/zoomqos" get 81234567890 16778240 --type past -o ndjson | wc -l |
  grep -qx 60 || { echo "FAIL: the packaged zoomqos did not fetch 60 samples from the mock" >&2; status=1; }

if ((status == 0)); then
  echo "package ok: $(dpkg-deb -c "$deb" | wc -l) entries"
fi
exit $status
