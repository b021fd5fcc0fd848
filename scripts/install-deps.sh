#!/usr/bin/env bash
# Installs the Debian 12 packages that building and testing zoomqos need,
# and nothing when they are all there already. Uses sudo only when not root.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libcurl4-openssl-dev nlohmann-json3-dev libcli11-dev catch2 libcpp-httplib-dev
  clang-format curl jq openssl ca-certificates procps time
  chromium nodejs # the report's browser test (tests/browser)
  "$@"
)
# Debian's nodejs comes without npm; builds of node that bundle it conflict
# with Debian's npm package.
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
