#!/usr/bin/env bash
# PostgreSQL beside SQLite: 200 learners recording at once and start-up on a
# URI (bench/pg.py), then a hosted trivia game of 100 players in separate
# processes (bench/pg_trivia.py); issue 16's targets, PASS/FAIL lines.
# Each starts its own throwaway server (tests/pg_server.py); not tests.
#
#     bench/pg.sh          # about 2 minutes
set -euo pipefail
cd "$(dirname "$0")/.."
build=${ROLECALL_BENCH_BUILD:-build-bench}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DROLECALL_BENCH=ON >/dev/null
cmake --build "$build" -j"$(nproc)" --target rolecall bench_record_answer >/dev/null
status=0
python3 bench/pg.py --build "$build" || status=1
python3 bench/pg_trivia.py --build "$build" || status=1
exit $status
