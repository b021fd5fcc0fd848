#!/usr/bin/env bash
# Installs the Debian 12 packages that building and testing zoomqos need,
# and nothing when they are all there already. Uses sudo only when not root.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libcurl4-openssl-dev libssl-dev nlohmann-json3-dev libcli11-dev catch2 libcpp-httplib-dev zlib1g-dev
  clang-format curl jq openssl ca-certificates procps time zsh
  sqlite3 # the README's SQLite example (tests/integration/test_sweep_sqlite.sh)
  prometheus-cpp-dev libcivetweb-dev prometheus
  chromium # the report's browser test (tests/browser)
  systemd man-db # systemd-analyze verify on the exporter's unit (tests/packaging)
  "$@"
)
# Node.js and npm for the browser test, from Debian only where the machine has
# none: Debian 12's nodejs comes without npm (its npm package provides it),
# and a Node.js that bundles npm (NodeSource's) conflicts with Debian's npm.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)

missing=()
for package in "${packages[@]}"; do
  if [[ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" != "install ok installed" ]]; then
    missing+=("$package")
  fi
done
((${#missing[@]} == 0)) && exit 0

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  sudo=(sudo)
fi
echo "Installing: ${missing[*]}" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
  "${missing[@]}" >/dev/null
