#!/usr/bin/env bash
# Run every test: the normal build, then the whole suite again under
# AddressSanitizer + UndefinedBehaviorSanitizer.  Expects scripts/setup.sh
# to have run.  Tests use temporary folders, never your home or database.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

echo "== unit and end-to-end tests (build/)"
(cd build && ctest --output-on-failure -j"$jobs")

echo "== the same suite under ASan + UBSan (build-asan/)"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DROLECALL_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs" >/dev/null
(cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
   UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j"$jobs")
