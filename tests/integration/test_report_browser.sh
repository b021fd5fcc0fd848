#!/usr/bin/env bash
# `zoomqos report` in a real browser: builds the report of the mock's report
# webinar (with --details) with the real binary, then
# tests/browser/check_report.js loads it in headless Chromium (no console
# error, no request beyond the file, the sections and charts, hover titles,
# no element made from names, sorting, a non-blank screenshot). Skipped (exit 77) without chromium or node:
# `bash scripts/install-deps.sh` installs them; the test runs
# `npm ci` in tests/browser when puppeteer-core is missing there.
# Alone: ctest --test-dir build/dev -R report_browser --output-on-failure
source "$(dirname "$0")/lib.sh"

BROWSER_DIR=$(cd "$(dirname "$0")/../browser" && pwd)
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [[ ! -x "$CHROMIUM" ]] || ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "SKIP: needs chromium, node and npm (scripts/install-deps.sh installs them)"
    exit 77
fi
if [[ ! -d "$BROWSER_DIR/node_modules/puppeteer-core" ]]; then
    (cd "$BROWSER_DIR" && npm ci --ignore-scripts --no-audit --no-fund >"$TEST_TMP/npm.log" 2>&1) ||
        fail "npm ci in tests/browser failed: $(tail -n 5 "$TEST_TMP/npm.log")"
fi

start_mock
run_zoomqos_env SOURCE_DATE_EPOCH=1764547200 -- report 87000000001 --details -o "$TEST_TMP/report.html"
expect_exit 0

SHOT=${ZOOMQOS_SCREENSHOT:-$TEST_TMP/report.png}
if ! CHROMIUM=$CHROMIUM timeout 120 node "$BROWSER_DIR/check_report.js" "$TEST_TMP/report.html" \
    "$SHOT" >"$TEST_TMP/node.out" 2>&1; then
    cat "$TEST_TMP/node.out" >&2
    fail "the browser checks failed"
fi
cat "$TEST_TMP/node.out"
CHECKS=$((CHECKS + 1))
finish
