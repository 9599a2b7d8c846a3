#!/usr/bin/env bash
# Makes sure everything the build, the tests and the demo need is on this machine.
# As root it installs what is missing (Debian packages, then npm packages from the lock
# file); as anyone else it prints the exact command to run and stops.
set -euo pipefail
cd "$(dirname "$0")/.."

# The Debian packages, asked of dpkg by name (a file probe cannot tell
# libcurl4-openssl-dev from libcurl4-gnutls-dev, or Boost 1.81 from 1.74).
packages=(
  cmake g++ libgtest-dev nlohmann-json3-dev
  # The servers: Boost.Beast/Asio for HTTP, libcurl with OpenSSL towards Stripe.
  libboost1.81-dev libcurl4-openssl-dev libssl-dev
  # The TLS tests of the Stripe client make their own certificates.
  openssl
  libstb-dev emscripten
  # The unit tests under ASan and UBSan and the fuzz targets (scripts/build-sanitize.sh):
  # clang 14, its sanitizer and libFuzzer runtimes, and llvm-symbolizer for readable reports.
  clang libclang-rt-14-dev llvm-14
  # The three browser engines reviewers use, driven headless by the browser tests:
  # Chromium, Firefox over WebDriver BiDi, WebKitGTK's MiniBrowser through
  # WebKitWebDriver inside a virtual X display.
  chromium firefox-esr webkit2gtk-driver xvfb
  wrk
  # Lint: every shell script of the repository, and the C++ format (.clang-format).
  shellcheck clang-format
)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null | grep -qx installed || missing+=("$pkg")
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
