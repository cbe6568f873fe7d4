#!/usr/bin/env python3
"""PostgreSQL beside SQLite (issue 16's targets), on a throwaway server of
this machine's own (tests/pg_server.py: a unix socket, no TCP port).

1. Learners at once: N learner processes (bench_record_answer, the same
   store_record call `rolecall practice` makes), each answering A
   questions with a think time of T ms on average, all on one database;
   the percentiles of recording an answer over every answer, and every
   row counted.  Target on PostgreSQL: p99 at most 20 ms, nothing lost.
   SQLite (one file shared by the same learners on one machine) beside it.
2. Start-up: `rolecall practice --plain --count 1`, one answer, on a URI
   and on a file; median and p90 over R runs, reported side by side.

    bench/pg.py --build DIR [--learners N] [--answers A] [--think-ms T] [--runs R]
"""
import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests"))
from pg_server import PgServer  # noqa: E402

BANK = os.path.join(ROOT, "quizzes", "pm-vs-po.yaml")
P99_TARGET_MS = 20.0


def percentile(v, p):
    v = sorted(v)
    return v[max(0, min(len(v) - 1, int(round(p / 100.0 * len(v) + 0.5)) - 1))]


def learners(build, db, n, answers, think_ms):
    """Every answer's latency in ms, and the exit statuses."""
    procs = []
    # every learner loads and connects first, then all start together
    start_at = time.time() + 3 + n * 0.02
    for k in range(n):
        procs.append(subprocess.Popen(
            [os.path.join(build, "bench", "bench_record_answer"), "--times", "--db", db,
             "--bank", BANK, "--user", "learner%03d" % k, "--answers", str(answers),
             "--seed", str(k + 1), "--think-ms", str(think_ms),
             "--start-at", "%.3f" % start_at],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    times, failed = [], 0
    for p in procs:
        out, err = p.communicate(timeout=600)
        if p.returncode != 0:
            failed += 1
            sys.stderr.write(err)
        times += [float(line.split()[1]) for line in out.splitlines()
                  if line.startswith("t_ms ")]
    return times, failed


def startup(build, db, runs, env):
    t = []
    for _ in range(runs + 1):
        t0 = time.monotonic()
        p = subprocess.run([os.path.join(build, "rolecall"), "practice", "--plain", "--count",
                            "1", "--bank", BANK, "--db", db], input="1\n",
                           capture_output=True, text=True, env=env)
        t.append((time.monotonic() - t0) * 1e3)
        assert p.returncode == 0, p.stderr
    return t[1:]  # the first warms the caches


def line(name, v):
    print("  %-34s p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms  max %7.2f ms"
          % (name, percentile(v, 50), percentile(v, 90), percentile(v, 99), max(v)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build-bench")
    ap.add_argument("--learners", type=int, default=200)
    ap.add_argument("--answers", type=int, default=20)
    ap.add_argument("--think-ms", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=15)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="rolecall-bench-pg-")
    env = dict(os.environ, HOME=tmp, XDG_DATA_HOME=os.path.join(tmp, "xdg"))
    env.pop("ROLECALL_DB", None)
    ok = True
    with PgServer() as pg:
        uri = pg.createdb("bench")
        subprocess.run([os.path.join(a.build, "rolecall"), "db", "init", "--db", uri],
                       check=True, capture_output=True)
        path = os.path.join(tmp, "bench.db")
        want = a.learners * a.answers
        print("1. %d learners at once, %d answers each, %d ms think time on average"
              % (a.learners, a.answers, a.think_ms))
        results = {}
        for name, db in (("PostgreSQL", uri), ("SQLite", path)):
            t0 = time.monotonic()
            times, failed = learners(a.build, db, a.learners, a.answers, a.think_ms)
            wall = time.monotonic() - t0
            if name == "PostgreSQL":
                rows = int(pg.psql("SELECT count(*) FROM answers", dbname="bench").stdout)
            else:
                con = sqlite3.connect(path)
                rows = con.execute("SELECT count(*) FROM answers").fetchone()[0]
                con.close()
            results[name] = times
            line("%s: record an answer" % name, times)
            print("  %-34s %d of %d rows, %d learners failed, %.1f s"
                  % ("", rows, want, failed, wall))
            if name == "PostgreSQL":
                good = percentile(times, 99) <= P99_TARGET_MS
                print("%s: PostgreSQL p99 %.2f ms (target at most %.0f ms)"
                      % ("PASS" if good else "FAIL", percentile(times, 99), P99_TARGET_MS))
                lost = rows == want and failed == 0 and len(times) == want
                print("%s: nothing lost: %d rows for %d answers shown as saved"
                      % ("PASS" if lost else "FAIL", rows, len(times)))
                ok = ok and good and lost
        print("   ratio PostgreSQL/SQLite p99: %.2f"
              % (percentile(results["PostgreSQL"], 99) / percentile(results["SQLite"], 99)))
        print("2. start-up of practice --plain --count 1, %d runs" % a.runs)
        s_pg = startup(a.build, uri, a.runs, env)
        s_sq = startup(a.build, path, a.runs, env)
        line("PostgreSQL (unix socket)", s_pg)
        line("SQLite file", s_sq)
        print("   ratio PostgreSQL/SQLite median: %.2f"
              % (statistics.median(s_pg) / statistics.median(s_sq)))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
