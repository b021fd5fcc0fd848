#!/usr/bin/env bash
# clang-tidy (Debian's clang-tidy-14) over src/ with the checked-in
# .clang-tidy; any finding fails. Needs a configured build directory for
# compile_commands.json (default build/test, as scripts/test.sh makes).
#   scripts/tidy.sh [BUILD]                    every tracked src/*.cpp
#   scripts/tidy.sh BUILD src/auth src/quality  only the .cpp files under these
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh clang-tidy-14
build=${1:-build/test}
shift || true
[[ -f $build/compile_commands.json ]] || cmake -S . -B "$build" >/dev/null
if (($# > 0)); then
  mapfile -t files < <(find "$@" -name '*.cpp' | sort)
else
  mapfile -t files < <(git ls-files 'src/*.cpp')
fi
run-clang-tidy-14 -quiet -p "$build" -j"$(nproc)" "${files[@]}" >"$build/clang-tidy.log" 2>&1 || {
  grep -E "(error|warning):" "$build/clang-tidy.log" | sort -u >&2
  echo "clang-tidy: findings above" >&2
  exit 1
}
echo "clang-tidy: ${#files[@]} files clean"
