#!/usr/bin/env bash
# rolecall's benchmark suite, the one command: rolecall against baselines,
# measured in the same run, a PASS or FAIL line per target.  Not part of the
# tests.  Method and latest figures: doc/benchmarks.md.
#
#     bench/run.sh [--runs N] [--only 1,2,3,4] [--data DIR] [--profile]
#
# Installs the tools it needs when they are missing (Debian: apt-get, with
# sudo when not root), builds rolecall and the helpers in bench/ with the
# project's RelWithDebInfo flags into build-bench/ (ROLECALL_BENCH_BUILD
# overrides), then runs bench/bench.py.  Exit status 0 when every target
# passes, 1 when one fails, 2 when the benchmark could not run.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${ROLECALL_BENCH_BUILD:-build-bench}

# Debian package -> how to tell it is there.
missing=()
/usr/bin/python3 -c 'import yaml; yaml.CSafeLoader' 2>/dev/null || missing+=(python3-yaml)
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v valgrind >/dev/null || missing+=(valgrind)
command -v perf >/dev/null || missing+=(linux-perf)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
command -v strace >/dev/null || missing+=(strace)
command -v cmake >/dev/null || missing+=(cmake)
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DROLECALL_BENCH=ON >/dev/null
cmake --build "$build" -j"$(nproc)" --target rolecall bench_gen_bank bench_yaml_floor \
  bench_history_rows bench_next_question bench_record_answer bench_slow_sync >/dev/null
exec /usr/bin/python3 bench/bench.py --build "$build" "$@"
