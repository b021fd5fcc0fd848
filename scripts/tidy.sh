#!/usr/bin/env bash
# clang-tidy (Debian's clang-tidy-14) over src/ with the checked-in
# .clang-tidy; any finding fails. Needs a configured build directory for
# compile_commands.json (default build/test, as scripts/test.sh makes).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh clang-tidy-14
build=${1:-build/test}
[[ -f $build/compile_commands.json ]] || cmake -S . -B "$build" >/dev/null
mapfile -t files < <(git ls-files 'src/*.cpp')
run-clang-tidy-14 -quiet -p "$build" -j"$(nproc)" "${files[@]}" >"$build/clang-tidy.log" 2>&1 || {
  grep -E "(error|warning):" "$build/clang-tidy.log" | sort -u >&2
  echo "clang-tidy: findings above" >&2
  exit 1
}
echo "clang-tidy: ${#files[@]} files clean"
