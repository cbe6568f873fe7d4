#!/usr/bin/env bash
# PostgreSQL beside SQLite: 200 learners recording at once, and start-up on a
# URI (bench/pg.py; issue 16's targets, PASS/FAIL lines).  Starts its own
# throwaway server (tests/pg_server.py); not part of the tests.
#
#     bench/pg.sh [--learners N] [--answers A] [--think-ms T] [--runs R]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${ROLECALL_BENCH_BUILD:-build-bench}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DROLECALL_BENCH=ON >/dev/null
cmake --build "$build" -j"$(nproc)" --target rolecall bench_record_answer >/dev/null
exec python3 bench/pg.py --build "$build" "$@"
