#!/usr/bin/env bash
# Installs what is missing, then builds and runs every test twice: once with
# warnings as errors, once under AddressSanitizer + UndefinedBehaviorSanitizer.
# The tests include the fuzz corpus, replayed by an ordinary main() (fuzz.*).
# Also checks formatting and clang-tidy, and builds the Debian package from
# the tested build. This is what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

# Everything the steps below install for themselves, at once: clang-tidy then
# runs in the background with no apt-get of its own.
./scripts/install-deps.sh clang-tidy-14 dpkg-dev file
# puppeteer-core for the report's browser test, exactly as locked.
(cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
jobs=$(nproc)

build() {
  local dir=$1
  shift
  echo "== configure $dir ($*)"
  cmake -S . -B "$dir" -DZOOMQOS_WERROR=ON "$@" >/dev/null
  echo "== build $dir"
  cmake --build "$dir" -j"$jobs" >/dev/null
}
run_tests() {
  echo "== test $1"
  (cd "$1" && ctest --output-on-failure -j"$jobs")
}

build build/test -DCMAKE_BUILD_TYPE=RelWithDebInfo
# clang-tidy is the longest step and CPU-bound, while the tests mostly wait on
# sockets, timers and child processes: it runs at the lowest priority beside
# the tests and the ASan build, taking only the CPU they leave idle.
echo "== clang-tidy (in the background, at nice 19)"
nice -n 19 ./scripts/tidy.sh build/test >build/test/tidy.out 2>&1 &
tidy_pid=$!
trap 'kill "$tidy_pid" 2>/dev/null || true' EXIT
run_tests build/test
echo "== format-check"
cmake --build build/test --target format-check >/dev/null
build build/asan -DCMAKE_BUILD_TYPE=Debug -DZOOMQOS_SANITIZE=ON
run_tests build/asan
echo "== clang-tidy (waiting for it)"
tidy_status=0
wait "$tidy_pid" || tidy_status=$?
trap - EXIT
cat build/test/tidy.out
((tidy_status == 0)) || exit "$tidy_status"
echo "== package"
./scripts/package.sh build/test
