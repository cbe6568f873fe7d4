#!/usr/bin/env bash
# Build the fuzzers with clang and run one: fuzz/run.sh bank|answer [SECONDS]
# Seeds come from the good and bad test banks and the bundled banks; new
# inputs collect in fuzz/corpus-<name>/ (ignored by git); crashes land in
# fuzz/crash-* and each becomes a regression test in tests/.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:-bank}
secs=${2:-600}
CC=clang cmake -S . -B build-fuzz -DROLECALL_FUZZ=ON -DROLECALL_SANITIZE=ON \
  -DBUILD_TESTING=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz --target "fuzz_$name" -j"$(nproc)" >/dev/null
corpus="fuzz/corpus-$name"
mkdir -p "$corpus"
seeds=()
if [ "$name" = bank ]; then
  seeds=(tests/good tests/bad quizzes tests/fixtures/e2e)
else
  printf '1\n' > "$corpus/seed-1"; printf ' b) \n' > "$corpus/seed-b"
  printf 'quit\n' > "$corpus/seed-q"; printf '?\n' > "$corpus/seed-h"
fi
./build-fuzz/fuzz/"fuzz_$name" -max_total_time="$secs" -max_len=65536 \
  -rss_limit_mb=2048 -artifact_prefix=fuzz/crash- -print_final_stats=1 \
  "$corpus" "${seeds[@]}"
