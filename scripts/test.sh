#!/usr/bin/env bash
# Installs what is missing, then builds and runs every test twice: once with
# warnings as errors, once under AddressSanitizer + UndefinedBehaviorSanitizer.
# The tests include the fuzz corpus, replayed by an ordinary main() (fuzz.*).
# Also checks formatting and clang-tidy, and builds the Debian package from
# the tested build. This is what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh
# puppeteer-core for the report's browser test, exactly as locked.
(cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
jobs=$(nproc)

build_and_test() {
  local dir=$1
  shift
  echo "== configure $dir ($*)"
  cmake -S . -B "$dir" -DZOOMQOS_WERROR=ON "$@" >/dev/null
  echo "== build $dir"
  cmake --build "$dir" -j"$jobs" >/dev/null
  echo "== test $dir"
  (cd "$dir" && ctest --output-on-failure -j"$jobs")
}

build_and_test build/test -DCMAKE_BUILD_TYPE=RelWithDebInfo
echo "== format-check"
cmake --build build/test --target format-check >/dev/null
echo "== clang-tidy"
./scripts/tidy.sh build/test
build_and_test build/asan -DCMAKE_BUILD_TYPE=Debug -DZOOMQOS_SANITIZE=ON
echo "== package"
./scripts/package.sh build/test
