#!/usr/bin/env bash
# Makes sure everything the build, the tests and the demo need is on this machine.
# As root it installs what is missing (Debian packages, then npm packages from the lock
# file); as anyone else it prints the exact command to run and stops.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian package -> a file that proves it is installed.
declare -A probe=(
  [cmake]=/usr/bin/cmake
  [g++]=/usr/bin/g++
  [libgtest-dev]=/usr/include/gtest/gtest.h
  [nlohmann-json3-dev]=/usr/include/nlohmann/json.hpp
  [libcpp-httplib-dev]=/usr/include/httplib.h
  [libssl-dev]=/usr/include/openssl/ssl.h
  [libstb-dev]=/usr/include/stb/stb_image_write.h
  [emscripten]=/usr/bin/em++
  [chromium]=/usr/bin/chromium
  [wrk]=/usr/bin/wrk
  [shellcheck]=/usr/bin/shellcheck
)
missing=()
for pkg in "${!probe[@]}"; do
  [ -e "${probe[$pkg]}" ] || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "ensure-deps: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "ensure-deps: missing Debian packages: ${missing[*]}" >&2
    echo "Install them, then run this command again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# npm packages: install when node_modules is absent or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "ensure-deps: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
