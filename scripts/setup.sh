#!/usr/bin/env bash
# Install what rolecall needs from Debian's packages (only what is missing),
# then configure and build it in build/.  Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# libpq-dev: the PostgreSQL backend; postgresql: the throwaway servers the
# tests start (never as a service: the package's own cluster is not used);
# faketime: a trivia player whose clock is wrong, in the tests;
# chromium: the HTML reports rendered headless, in the tests.
packages=(build-essential clang cmake pkg-config libyaml-dev libsqlite3-dev
          libncurses-dev libcmocka-dev libpq-dev postgresql faketime tmux python3
          libxml2-utils
          sqlite3 valgrind chromium)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DROLECALL_WERROR=ON >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
echo "setup: built build/rolecall"
