#!/usr/bin/env bash
# Runs every integration test with each zoomqos invocation under valgrind
# memcheck, then sums up what valgrind found. Not part of scripts/test.sh: it
# takes minutes, and checks of elapsed time can fail under valgrind's
# slowdown (tests/README.md, "valgrind").
#   scripts/valgrind.sh [BUILD]             default build/valgrind, a plain (non-sanitized) build
#   scripts/valgrind.sh --no-build BUILD    use the zoomqos and zoomqos-mock already built there
# Exits 1 when valgrind reported an error or definitely lost bytes in any run.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh valgrind
build_it=1
if [[ ${1:-} == --no-build ]]; then
    build_it=0
    shift
fi
build=${1:-build/valgrind}
if ((build_it)); then
    cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DZOOMQOS_SANITIZE=OFF >/dev/null
    cmake --build "$build" -j"$(nproc)" --target zoomqos zoomqos-mock >/dev/null
fi
if [[ "$(ldd "$build/zoomqos")" == *libasan* ]]; then
    echo "valgrind: $build/zoomqos is built with ASan, which valgrind cannot run" >&2
    exit 1
fi

run=$(realpath "$build")/valgrind
rm -rf "$run"
mkdir -p "$run/logs" "$run/tests"

# The tests run "$ZOOMQOS"; this wrapper puts valgrind in front of the real
# binary. exec keeps the PID, so signals the tests send reach valgrind, which
# passes them on.
cat >"$run/zoomqos" <<EOF
#!/bin/sh
exec valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \\
    --show-leak-kinds=definite --num-callers=30 --log-file="$run/logs/zoomqos.%p.log" \\
    "$(realpath "$build/zoomqos")" "\$@"
EOF
chmod +x "$run/zoomqos"

# Not through ctest: its ENVIRONMENT property (tests/CMakeLists.txt) sets
# ZOOMQOS to the built binary and wins over the caller's environment. The
# scripts get the same three variables ctest gives them.
export ZOOMQOS=$run/zoomqos
ZOOMQOS_MOCK=$(realpath "$build/zoomqos-mock")
FIXTURES=$(realpath tests/fixtures)
export ZOOMQOS_MOCK FIXTURES
echo "== integration tests, zoomqos under valgrind (logs in $run)"
# shellcheck disable=SC2016 # expanded by the inner shell
printf '%s\n' tests/integration/test_*.sh | xargs -P "$(nproc)" -I{} bash -c '
    name=$(basename "{}" .sh)
    status=0
    timeout 900 bash "{}" >"'"$run"'/tests/$name.log" 2>&1 || status=$?
    echo "$status" >"'"$run"'/tests/$name.status"
    if [[ $status -eq 0 ]]; then echo "  ok    $name"; else echo "  FAIL  $name (exit $status)"; fi'

runs=0 errors=0 lost=0 incomplete=0
flagged=()
for log in "$run"/logs/zoomqos.*.log; do
    [[ -e "$log" ]] || continue
    runs=$((runs + 1))
    count=$(sed -n 's/.*ERROR SUMMARY: \([0-9,]*\) errors.*/\1/p' "$log" | tr -d , | tail -n 1)
    bytes=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$log" | tr -d , | tail -n 1)
    if [[ -z "$count" ]]; then
        # Killed before it could report (a test's own time limit).
        incomplete=$((incomplete + 1))
        continue
    fi
    errors=$((errors + count))
    lost=$((lost + ${bytes:-0}))
    if ((count > 0 || ${bytes:-0} > 0)); then
        flagged+=("$log")
    fi
done

mapfile -t failed < <(grep -Lx 0 "$run"/tests/*.status | xargs -r -n1 basename | sed 's/\.status$//')
echo "== summary"
echo "zoomqos runs: $runs ($incomplete ended before valgrind's summary)"
echo "valgrind errors: $errors"
echo "definitely lost: $lost bytes"
if ((${#failed[@]} > 0)); then
    echo "failed tests (logs in $run/tests; timing checks can fail under valgrind):"
    printf '  %s\n' "${failed[@]}"
fi
if ((${#flagged[@]} > 0)); then
    echo "runs with findings:"
    for log in "${flagged[@]}"; do
        echo "  $log: $(grep -m1 -o 'Command: .*' "$log" | cut -c1-160)"
    done
    exit 1
fi
