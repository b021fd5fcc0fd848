#!/usr/bin/env bash
# Installs what is missing, builds zoomqos and runs `zoomqos get` (or, with
# `report` first, `zoomqos report`).
#
#   ./scripts/demo.sh                 no credentials: against zoomqos-mock, a sample webinar
#   ./scripts/demo.sh -o json         the same, with extra options
#   ./scripts/demo.sh report          the mock's report webinar as an HTML file in the current
#                                     directory (zoomqos-report-87000000001.html)
#   ZOOM_ACCESS_TOKEN=... ./scripts/demo.sh WEBINAR PARTICIPANT [options]
#   ZOOM_ACCESS_TOKEN=... ./scripts/demo.sh report WEBINAR [options]
#                                     credentials set (a token, or ZOOM_ACCOUNT_ID and
#                                     ZOOM_CLIENT_ID for OAuth): against the real Zoom API
set -euo pipefail
caller=$PWD # a report is written where the demo was started
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

command=get
if [[ ${1:-} == report ]]; then
  command=report
  shift
fi

./scripts/install-deps.sh
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DZOOMQOS_BUILD_TESTS=OFF >/dev/null
cmake --build build/release -j"$(nproc)" >/dev/null
zoomqos=$root/build/release/zoomqos

# Credentials set (a token, or Server-to-Server OAuth): the real Zoom API.
if [[ -n ${ZOOM_ACCESS_TOKEN:-} || (-n ${ZOOM_ACCOUNT_ID:-} && -n ${ZOOM_CLIENT_ID:-}) ]]; then
  cd "$caller"
  exec "$zoomqos" "$command" "$@"
fi

# No credentials: serve a realistic ended webinar from the project's mock.
mock_out=$(mktemp)
build/release/zoomqos-mock --port 0 --quiet >"$mock_out" &
mock_pid=$!
trap 'kill "$mock_pid" 2>/dev/null || true; rm -f "$mock_out"' EXIT
for _ in $(seq 100); do
  [[ -s $mock_out ]] && break
  sleep 0.05
done
export ZOOM_API_URL ZOOM_ACCESS_TOKEN
ZOOM_API_URL=$(head -n1 "$mock_out")
ZOOM_ACCESS_TOKEN=mock-token
echo "No Zoom credentials set: showing sample data from zoomqos-mock at $ZOOM_API_URL" >&2
cd "$caller"
if [[ $command == report ]]; then
  # The report's demo webinar: 21 people, a platform-wide spike, bad Wi-Fi,
  # a hot CPU, a rejoin and names carrying markup (tests/README.md).
  echo "\$ zoomqos report 87000000001 $*" >&2
  "$zoomqos" report 87000000001 "$@"
else
  echo "\$ zoomqos get 81234567890 16778240 --type past $*" >&2
  "$zoomqos" get 81234567890 16778240 --type past "$@"
fi
