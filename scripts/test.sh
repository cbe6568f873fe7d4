#!/usr/bin/env bash
# Run every test: the layer check and the unit tests built with gcc and
# with clang (Release), the whole suite in the developer build, then the
# whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer.
# Expects scripts/setup.sh to have run.  Warnings are errors in every build
# here.  Tests use temporary folders, never your home or database.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

echo "== the layers: every #include runs down a layer"
python3 scripts/check_layers.py

echo "== unit and end-to-end tests (build/, gcc)"
(cd build && ctest --output-on-failure -j"$jobs")

echo "== unit tests built with clang, Release (build-clang/)"
CC=clang cmake -S . -B build-clang -DCMAKE_BUILD_TYPE=Release -DROLECALL_WERROR=ON \
  -DROLECALL_BENCH=OFF >/dev/null
cmake --build build-clang -j"$jobs" >/dev/null
(cd build-clang && ctest --output-on-failure -j"$jobs" -L unit)

echo "== the same suite under ASan + UBSan (build-asan/)"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DROLECALL_SANITIZE=ON \
  -DROLECALL_WERROR=ON >/dev/null
cmake --build build-asan -j"$jobs" >/dev/null
(cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
   UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j"$jobs")
