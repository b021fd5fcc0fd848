#!/usr/bin/env bash
# Regenerates docs/report.png, the README's picture of `zoomqos report`, from
# the mock's report webinar: runs the browser test, which saves its
# screenshot where ZOOMQOS_SCREENSHOT says.
#   scripts/update-report-screenshot.sh [BUILD_DIR]   (default build/dev)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/dev}
[[ -x "$build/zoomqos" && -x "$build/zoomqos-mock" ]] ||
    { echo "build zoomqos and zoomqos-mock in $build first" >&2; exit 1; }
bash "$root/scripts/install-deps.sh"
ZOOMQOS_SCREENSHOT="$root/docs/report.png" \
    ctest --test-dir "$build" -R '^integration\.report_browser$' --output-on-failure
[[ -s "$root/docs/report.png" ]] || { echo "no screenshot was written" >&2; exit 1; }
echo "wrote docs/report.png"
