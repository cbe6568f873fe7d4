#!/usr/bin/env python3
"""rolecall's benchmark suite: rolecall against baselines, measured in the
same run, with ratios and a PASS or FAIL line per target.

bench/run.sh is the one command: it installs what is missing, builds, and
runs this script.  The method is in doc/benchmarks.md.

    bench/bench.py --build DIR [--data DIR] [--runs N] [--only 1,2,3,4]

Every timing is of a whole process, from spawn to exit (wall clock), with
its CPU time and peak memory from wait4(2), except where a C helper in
bench/ measures inside the process and says so.  Commands that are
compared run in interleaved rounds (A, B, A, B, ...), so that whatever
else the machine is doing falls on both alike; figures are medians.
"""
import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYTHON = "/usr/bin/python3"  # Debian's, with python3-yaml (CSafeLoader)

TARGETS = []  # (id, what, figure, ok)
PROFILE = False


def target(tid, what, figure, ok):
    TARGETS.append((tid, what, figure, ok))
    print(f"{'PASS' if ok else 'FAIL'}  [{tid}] {what}: {figure}")


def say(msg=""):
    print(msg, flush=True)


# ---- running things --------------------------------------------------------

class Failed(Exception):
    pass


def run_timed(argv, stdin=None, env=None, quiet=True):
    """Run argv to completion: wall seconds, CPU seconds, peak RSS in KiB,
    and its stdout when quiet is False.  Output goes to files, not pipes,
    so that wait4 can reap the process itself and report its resources."""
    full_env = dict(os.environ, **(env or {}))
    with open(stdin or os.devnull, "rb") as fin, tempfile.TemporaryFile() as fout, \
            tempfile.TemporaryFile() as ferr:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdin=fin, env=full_env,
                             stdout=subprocess.DEVNULL if quiet else fout, stderr=ferr)
        _, status, ru = os.wait4(p.pid, 0)
        t1 = time.perf_counter()
        p.returncode = os.waitstatus_to_exitcode(status)
        fout.seek(0)
        ferr.seek(0)
        out, err = fout.read(), ferr.read()
    if p.returncode != 0:
        raise Failed(f"{' '.join(argv)} exited with {p.returncode}:\n"
                     f"{err.decode(errors='replace')[-2000:]}")
    return {"wall": t1 - t0, "cpu": ru.ru_utime + ru.ru_stime,
            "rss_kb": ru.ru_maxrss, "out": out.decode(errors="replace")}


def interleaved(cmds, rounds, warmup=1):
    """cmds: name -> dict(argv=..., stdin=..., env=...).  Runs every command
    once per round, in turn; returns name -> list of samples."""
    for _ in range(warmup):
        for c in cmds.values():
            run_timed(c["argv"], c.get("stdin"), c.get("env"))
    samples = {name: [] for name in cmds}
    for _ in range(rounds):
        for name, c in cmds.items():
            samples[name].append(run_timed(c["argv"], c.get("stdin"), c.get("env")))
    return samples


def med(samples, key):
    return statistics.median(s[key] for s in samples)


def capture(argv, env=None, stdin=None):
    full_env = dict(os.environ, **(env or {}))
    fin = open(stdin, "rb") if stdin else subprocess.DEVNULL
    try:
        p = subprocess.run(argv, env=full_env, stdin=fin, capture_output=True, text=True)
    finally:
        if stdin:
            fin.close()
    if p.returncode != 0:
        raise Failed(f"{' '.join(argv)} exited with {p.returncode}:\n{p.stderr[-2000:]}")
    return p.stdout


def kv_lines(text):
    """'name value' lines, as the C helpers print them."""
    out = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2:
            try:
                out[parts[0]] = float(parts[1])
            except ValueError:
                out[parts[0]] = parts[1]
    return out


# ---- the machine ------------------------------------------------------------

def machine():
    cpu = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem_kb = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    distro = ""
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    distro = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "mem_gib": mem_kb / 1024 / 1024,
        "kernel": platform.release(),
        "os": distro,
        "load": os.getloadavg(),
    }


def flush_latency(folder, n=200):
    """What one fdatasync of a freshly written 4 KiB page costs on this
    disk, in ms: (median, 99th percentile).  The floor for any durable
    commit, and so for benchmarks 2 and 4."""
    path = os.path.join(folder, "fdatasync-probe")
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    times = []
    try:
        for i in range(n):
            os.pwrite(fd, os.urandom(4096), (i % 64) * 4096)
            t = time.perf_counter()
            os.fdatasync(fd)
            times.append((time.perf_counter() - t) * 1e3)
    finally:
        os.close(fd)
        os.remove(path)
    times.sort()
    return statistics.median(times), times[int(n * 0.99) - 1]


def count_syncs(argv, stdin, env):
    """fsync and fdatasync calls of one run (strace), or None."""
    if not shutil.which("strace"):
        return None
    with open(stdin, "rb") as fin:
        p = subprocess.run(["strace", "-f", "-c", "-e", "trace=fsync,fdatasync"] + argv,
                           stdin=fin, env=dict(os.environ, **env), capture_output=True,
                           text=True)
    n = 0
    for line in p.stderr.splitlines():
        parts = line.split()
        if parts and parts[-1] in ("fsync", "fdatasync"):
            n += int(parts[3])
    return n


def filesystem(path):
    try:
        return capture(["df", "-T", path]).splitlines()[1].split()[1]
    except (Failed, IndexError, OSError):
        return "unknown"


# ---- 1. loading a large bank -----------------------------------------------

def bench_load(b, data, runs):
    say("== 1. Loading a large bank: rolecall check vs libyaml's parser and PyYAML")
    bank = os.path.join(data, "large.yaml")
    capture([b("bench/bench_gen_bank"), "--seed", "1", "--questions", "100000", bank])
    size = os.path.getsize(bank)
    say(f"bank: {bank}, 100,000 questions, {size / 1e6:.1f} MB "
        f"({size / 2**20:.1f} MiB), bench_gen_bank --seed 1")
    out = capture([b("rolecall"), "check", bank])
    if "100000 questions" not in out:
        raise Failed(f"rolecall check did not load the whole bank:\n{out}")
    s = interleaved({
        "floor": {"argv": [b("bench/bench_yaml_floor"), bank]},
        "rolecall": {"argv": [b("rolecall"), "check", bank]},
    }, rounds=runs)
    py_runs = max(3, runs // 4)
    say(f"PyYAML CSafeLoader: {py_runs} runs (each takes a while)...")
    py = interleaved({"pyyaml": {"argv": [PYTHON, os.path.join(ROOT, "bench/pyyaml_load.py"),
                                          bank]}}, rounds=py_runs, warmup=0)["pyyaml"]
    floor, rc = s["floor"], s["rolecall"]
    f_w, r_w, p_w = med(floor, "wall"), med(rc, "wall"), med(py, "wall")
    f_c, r_c, p_c = med(floor, "cpu"), med(rc, "cpu"), med(py, "cpu")
    rss = max(x["rss_kb"] for x in rc) * 1024
    say(f"{'':30s} {'wall (median)':>14s} {'CPU (median)':>14s} {'peak RSS':>10s}")
    for name, smp in (("libyaml event parser (floor)", floor), ("rolecall check", rc),
                      ("PyYAML CSafeLoader", py)):
        say(f"{name:30s} {med(smp, 'wall') * 1e3:11.0f} ms {med(smp, 'cpu') * 1e3:11.0f} ms "
            f"{max(x['rss_kb'] for x in smp) / 1024:7.1f} MiB")
    say(f"runs: {runs} interleaved (floor, rolecall), {py_runs} PyYAML")
    say(f"rolecall / floor: {r_w / f_w:.2f}x wall, {r_c / f_c:.2f}x CPU; "
        f"PyYAML / rolecall: {p_w / r_w:.1f}x wall, {p_c / r_c:.1f}x CPU; "
        f"peak RSS / file size: {rss / size:.2f}x")
    if PROFILE and shutil.which("perf"):
        perf_data = os.path.join(data, "perf.check.data")
        subprocess.run(["perf", "record", "-F", "5000", "-g", "-o", perf_data, b("rolecall"),
                        "check", bank], capture_output=True, check=True)
        rep = subprocess.run(["perf", "report", "-i", perf_data, "--stdio", "--no-children",
                              "--sort", "dso,symbol", "-g", "none"], capture_output=True,
                             text=True).stdout
        say(f"where rolecall check spends its time (perf report -i {perf_data}):")
        for line in [x for x in rep.splitlines() if "%" in x and not x.startswith("#")][:15]:
            say("  " + line.strip())
    target("1a", "rolecall check <= 1.5x the libyaml floor (wall)", f"{r_w / f_w:.2f}x",
           r_w / f_w <= 1.5)
    target("1b", "rolecall check >= 4x faster than PyYAML CSafeLoader (wall)",
           f"{p_w / r_w:.1f}x", p_w / r_w >= 4)
    target("1c", "peak memory <= 3x the file size", f"{rss / 2**20:.1f} MiB = "
           f"{rss / size:.2f}x {size / 2**20:.1f} MiB", rss <= 3 * size)
    return {"size": size, "floor_ms": f_w * 1e3, "rolecall_ms": r_w * 1e3,
            "pyyaml_ms": p_w * 1e3, "floor_cpu_ms": f_c * 1e3, "rolecall_cpu_ms": r_c * 1e3,
            "pyyaml_cpu_ms": p_c * 1e3, "rss": rss}


# ---- 2. start-up ------------------------------------------------------------

def callgrind_instructions(argv, stdin, env, out_file):
    full_env = dict(os.environ, **env)
    with open(stdin, "rb") as fin:
        p = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out_file}"]
                           + argv, stdin=fin, env=full_env, capture_output=True, text=True)
    m = re.search(r"Collected\s*:\s*(\d+)", p.stderr)
    if p.returncode != 0 or not m:
        raise Failed(f"callgrind failed:\n{p.stderr[-2000:]}")
    return int(m.group(1))


SLOW_SYNC_MS = 4  # one fdatasync on the disk of an earlier run of this suite


def slow_disk_startup(b, argv, answer, env, rounds):
    """Median wall ms of the start-up run with every sync made slower, or
    None when the module was not built."""
    module = b("bench/libbench_slow_sync.so")
    if not os.path.exists(module):
        return None
    slow_env = dict(env, LD_PRELOAD=module, ROLECALL_SYNC_DELAY_MS=str(SLOW_SYNC_MS))
    smp = interleaved({"slow": {"argv": argv, "stdin": answer, "env": slow_env}},
                      rounds=rounds, warmup=1)["slow"]
    return med(smp, "wall") * 1e3


def bench_startup(b, data, runs):
    say("== 2. Start-up: rolecall practice --plain --count 1, one answer piped in")
    work = os.path.join(data, "startup")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    answer = os.path.join(work, "answer.txt")
    with open(answer, "w") as f:
        f.write("1\n")
    db = os.path.join(work, "rolecall.db")
    env = {"ROLECALL_QUIZZES": os.path.join(ROOT, "quizzes")}
    argv = [b("rolecall"), "--db", db, "--user", "bench", "--seed", "7",
            "practice", "--plain", "--count", "1"]
    banks = sorted(f for f in os.listdir(env["ROLECALL_QUIZZES"]) if f.endswith(".yaml"))
    say(f"bundled banks: {len(banks)} files, "
        f"{sum(os.path.getsize(os.path.join(ROOT, 'quizzes', f)) for f in banks) / 1e3:.0f} kB; "
        f"database: {db}")
    rounds = max(runs * 3, 30)
    smp = interleaved({"startup": {"argv": argv, "stdin": answer, "env": env}},
                      rounds=rounds, warmup=3)["startup"]
    walls = sorted(x["wall"] * 1e3 for x in smp)
    wall = statistics.median(walls)
    say(f"wall: median {wall:.1f} ms, min {walls[0]:.1f} ms, "
        f"90th percentile {walls[int(len(walls) * 0.9)]:.1f} ms ({rounds} runs, 3 warm-up); "
        f"CPU median {med(smp, 'cpu') * 1e3:.1f} ms; peak RSS "
        f"{max(x['rss_kb'] for x in smp) / 1024:.1f} MiB")
    hf = None
    if shutil.which("hyperfine"):
        js = os.path.join(work, "hyperfine.json")
        cmd = " ".join(argv) + " < " + answer
        subprocess.run(["hyperfine", "--style", "none", "--warmup", "3", "--runs", str(rounds),
                        "--export-json", js, cmd], env=dict(os.environ, **env),
                       capture_output=True, check=True)
        with open(js) as f:
            hf = json.load(f)["results"][0]["median"] * 1e3
        say(f"hyperfine (shell start-up subtracted): median {hf:.1f} ms")
    # On a database of its own in a fixed state (one earlier run), so that
    # the count does not depend on how many timed runs its WAL holds.
    cg_db = os.path.join(work, "callgrind.db")
    cg_argv = [cg_db if a == db else a for a in argv]
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(cg_db + suffix):
            os.remove(cg_db + suffix)
    capture(cg_argv, env=env, stdin=answer)
    cg = os.path.join(work, "callgrind.out")
    ir = callgrind_instructions(cg_argv, answer, env, cg)
    say(f"instructions (callgrind, second run on a new database): {ir:,}  "
        f"(profile: callgrind_annotate {cg})")
    if PROFILE:
        top = subprocess.run(["callgrind_annotate", "--inclusive=yes", cg], capture_output=True,
                             text=True).stdout.splitlines()
        rows = [x for x in top if re.match(r"\s*[\d,]+ \(", x)][:25]
        for line in rows:
            say("  " + line.strip()[:120])
    syncs = count_syncs(argv, answer, env)
    fl_med, fl_p99 = flush_latency(work)
    if syncs is not None:
        say(f"durability: {syncs} fsync/fdatasync calls per run (strace); one fdatasync on "
            f"this disk takes {fl_med:.1f} ms (median; 99th percentile {fl_p99:.1f} ms), so "
            f"{syncs * fl_med:.1f} ms of the run is waiting for the disk")
    slow = slow_disk_startup(b, argv, answer, env, rounds)
    if slow is not None:
        say(f"on a slower disk (every fsync/fdatasync made {SLOW_SYNC_MS} ms longer with "
            f"LD_PRELOAD=bench/libbench_slow_sync.so): median {slow:.1f} ms")
    target("2", "start-up to exit, median wall <= 20 ms", f"{wall:.1f} ms", wall <= 20)
    return {"wall_ms": wall, "hyperfine_ms": hf, "instructions": ir, "syncs": syncs,
            "slow_disk_ms": slow,
            "flush_ms": fl_med, "flush_p99_ms": fl_p99,
            "cpu_ms": med(smp, "cpu") * 1e3}


# ---- 3. history -------------------------------------------------------------

IMPORT_SQL = """\
CREATE TEMP TABLE staging (id, user_id, bank_id, question_id, answer_role,
  about_roles, shown_roles, shown_choices, picked, picked_role, correct,
  elapsed_ms, answered_at, mode);
.mode csv
.import '{csv}' staging
BEGIN;
INSERT INTO answers (id, user_id, bank_id, question_id, answer_role, about_roles,
  shown_roles, shown_choices, picked, picked_role, correct, elapsed_ms, answered_at, mode)
SELECT CAST(id AS INTEGER), CAST(user_id AS INTEGER), bank_id, question_id,
  nullif(answer_role, ''), about_roles, shown_roles, shown_choices,
  CAST(picked AS INTEGER), nullif(picked_role, ''), CAST(correct AS INTEGER),
  CAST(elapsed_ms AS INTEGER), CAST(answered_at AS INTEGER), mode FROM staging;
COMMIT;
"""


def build_history(b, data, env, label, answers, now):
    """A database with `answers` logged answers of user 'bench' over the
    history bank, spread over the 3 years before now; derived state rebuilt
    by rolecall itself.  Returns (path, rebuild seconds)."""
    db = os.path.join(data, f"history-{label}.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    bank = os.path.join(data, "history", "history.yaml")
    capture([b("rolecall"), "--db", db, "--user", "bench", "stats", "--format", "json"], env)
    csv = os.path.join(data, f"history-{label}.csv")
    with open(csv, "w") as f:
        subprocess.run([b("bench/bench_history_rows"), "--bank", bank, "--answers", str(answers),
                        "--seed", "3", "--now", str(now), "--years", "3"], stdout=f, check=True)
    p = subprocess.run(["sqlite3", db], input=IMPORT_SQL.format(csv=csv), text=True,
                       capture_output=True)
    os.remove(csv)
    if p.returncode != 0 or p.stderr:
        raise Failed(f"importing the history into {db} failed:\n{p.stderr}")
    t = run_timed([b("rolecall"), "--db", db, "--user", "bench", "stats", "--rebuild",
                   "--format", "json"], env=env, quiet=False)
    got = json.loads(t["out"])["answers"]
    if got != answers:
        raise Failed(f"{db}: stats counts {got} answers, not {answers}")
    return db, t["wall"]


def bench_history(b, data, runs):
    say("== 3. History: 1,000,000 answers over 1,000 questions")
    hist_dir = os.path.join(data, "history")
    os.makedirs(hist_dir, exist_ok=True)
    bank = os.path.join(hist_dir, "history.yaml")
    capture([b("bench/bench_gen_bank"), "--seed", "2", "--questions", "1000",
             "--id", "bench-history", bank])
    env = {"ROLECALL_QUIZZES": hist_dir}
    now = int(time.time())
    dbs = {}
    for label, n in (("10k", 10_000), ("1m", 1_000_000)):
        t0 = time.perf_counter()
        db, rebuild = build_history(b, data, env, label, n, now)
        dbs[label] = db
        say(f"{label}: {n:,} answers, {os.path.getsize(db) / 2**20:.0f} MiB "
            f"(built in {time.perf_counter() - t0:.1f} s; rolecall stats --rebuild "
            f"replayed the log in {rebuild * 1e3:.0f} ms)")
    stats = {label: {"argv": [b("rolecall"), "--db", db, "--user", "bench", "stats",
                              "--format", "json"], "env": env}
             for label, db in dbs.items()}
    s = interleaved(stats, rounds=runs)
    st10k, st1m = med(s["10k"], "wall") * 1e3, med(s["1m"], "wall") * 1e3
    say(f"rolecall stats --format json: median {st1m:.1f} ms with 1M answers, "
        f"{st10k:.1f} ms with 10k ({runs} runs each, interleaved)")
    nxt = kv_lines(capture([b("bench/bench_next_question"), "--bank", bank, "--user", "bench",
                            "--db", f"10k={dbs['10k']}", "--db", f"1m={dbs['1m']}",
                            "--runs", "100", "--now", str(now)]))
    say("choosing the next question, in the process (bench_next_question, median of 100, "
        "interleaved):")
    say(f"{'':8s} {'open store':>11s} {'load history':>13s} {'session+next':>13s} {'total':>9s}")
    for label in ("10k", "1m"):
        say(f"{label:8s} {nxt[label + '.open_ms']:8.3f} ms {nxt[label + '.load_history_ms']:10.3f} ms "
            f"{nxt[label + '.session_next_ms']:10.3f} ms {nxt[label + '.median_ms']:6.3f} ms")
    ratio = nxt["1m.median_ms"] / nxt["10k.median_ms"]
    # The same from the outside: a whole `rolecall practice` to its first
    # question and exit, on copies (it records the answer).
    answer = os.path.join(data, "answer.txt")
    with open(answer, "w") as f:
        f.write("1\n")
    procs = {}
    for label, db in dbs.items():
        copy = os.path.join(data, f"practice-{label}.db")
        shutil.copyfile(db, copy)
        procs[label] = {"argv": [b("rolecall"), "--db", copy, "--user", "bench", "--seed", "7",
                                 "practice", "--plain", "--count", "1"],
                        "stdin": answer, "env": env}
    pr = interleaved(procs, rounds=runs)
    p10k, p1m = med(pr["10k"], "wall") * 1e3, med(pr["1m"], "wall") * 1e3
    say(f"whole process, rolecall practice --plain --count 1: {p1m:.1f} ms with 1M, "
        f"{p10k:.1f} ms with 10k ({p1m / p10k:.2f}x)")
    target("3a", "rolecall stats --format json with 1M answers <= 300 ms", f"{st1m:.1f} ms",
           st1m <= 300)
    target("3b", "choosing the next question, 1M vs 10k answers <= 1.5x",
           f"{nxt['1m.median_ms']:.3f} / {nxt['10k.median_ms']:.3f} ms = {ratio:.2f}x",
           ratio <= 1.5)
    return {"dbs": dbs, "bank": bank, "env": env, "now": now, "stats_1m_ms": st1m,
            "stats_10k_ms": st10k, "next_1m_ms": nxt["1m.median_ms"],
            "next_10k_ms": nxt["10k.median_ms"], "ratio": ratio,
            "practice_1m_ms": p1m, "practice_10k_ms": p10k}


# ---- 4. answering -----------------------------------------------------------

def bench_answer(b, data, hist, n):
    say("== 4. Answering: recording one answer, commit included")
    db = os.path.join(data, "record.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    shutil.copyfile(hist["dbs"]["1m"], db)
    say(f"database: a copy of the 1M-answer history, on {filesystem(data)}; "
        "WAL, synchronous=FULL, every answer its own transaction (src/store.c)")
    argv = [b("bench/bench_record_answer"), "--db", db, "--bank", hist["bank"],
            "--user", "bench", "--answers", str(n), "--now", str(hist["now"])]
    r = kv_lines(capture(argv))
    say(f"store_record over {n} answers: median {r['p50_ms']:.2f} ms, 90th {r['p90_ms']:.2f} ms, "
        f"99th {r['p99_ms']:.2f} ms, max {r['max_ms']:.2f} ms, mean {r['mean_ms']:.2f} ms")
    module = b("bench/libbench_slow_sync.so")
    if os.path.exists(module):
        slow = kv_lines(capture(argv, env={"LD_PRELOAD": module,
                                           "ROLECALL_SYNC_DELAY_MS": str(SLOW_SYNC_MS)}))
        say(f"on a slower disk (every sync {SLOW_SYNC_MS} ms longer, as in benchmark 2): "
            f"median {slow['p50_ms']:.2f} ms, 99th {slow['p99_ms']:.2f} ms")
        r["slow_disk_p99_ms"] = slow["p99_ms"]
    fl_med, fl_p99 = flush_latency(data)
    say(f"the disk itself: one fdatasync of a 4 KiB write takes {fl_med:.2f} ms (median), "
        f"{fl_p99:.2f} ms (99th percentile)")
    r["flush_ms"], r["flush_p99_ms"] = fl_med, fl_p99
    target("4", "recording one answer, p99 <= 10 ms", f"{r['p99_ms']:.2f} ms",
           r["p99_ms"] <= 10)
    return r


# ---- main -------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", required=True, help="the CMake build folder")
    ap.add_argument("--data", help="where to write banks and databases "
                    "(default: BUILD/bench-data)")
    ap.add_argument("--runs", type=int, default=11, help="runs per timing (default 11)")
    ap.add_argument("--answers", type=int, default=1000,
                    help="answers recorded in benchmark 4 (default 1000)")
    ap.add_argument("--only", default="1,2,3,4", help="which benchmarks, e.g. 1,3")
    ap.add_argument("--profile", action="store_true",
                    help="also profile rolecall check with perf and show where time goes")
    args = ap.parse_args()
    global PROFILE
    PROFILE = args.profile
    build = os.path.abspath(args.build)
    data = os.path.abspath(args.data or os.path.join(build, "bench-data"))
    os.makedirs(data, exist_ok=True)
    only = set(args.only.split(","))

    def b(rel):
        return os.path.join(build, rel)

    m = machine()
    say(f"rolecall benchmarks, {m['date']}")
    say(f"machine: {m['nproc']} CPUs, {m['cpu']}, {m['mem_gib']:.1f} GiB RAM; {m['os']}, "
        f"Linux {m['kernel']}; load average at start {m['load'][0]:.2f}")
    say(f"binaries: {build} ({capture([b('rolecall'), '--version']).strip()}); data: {data}")
    say()
    results = {"machine": m}
    try:
        if "1" in only:
            results["load"] = bench_load(b, data, args.runs)
            say()
        if "2" in only:
            results["startup"] = bench_startup(b, data, args.runs)
            say()
        if "3" in only or "4" in only:
            results["history"] = bench_history(b, data, args.runs)
            say()
        if "4" in only:
            results["answer"] = bench_answer(b, data, results["history"], args.answers)
            say()
    except Failed as e:
        say(f"FAIL  the benchmark could not run: {e}")
        return 2
    results["machine"]["load_end"] = os.getloadavg()
    results["targets"] = TARGETS
    with open(os.path.join(data, "results.json"), "w") as f:
        json.dump(results, f, indent=1, default=str)
    say(f"== Summary (load average at the end {os.getloadavg()[0]:.2f}; "
        f"details in {os.path.join(data, 'results.json')})")
    for tid, what, figure, ok in TARGETS:
        say(f"{'PASS' if ok else 'FAIL'}  [{tid}] {what}: {figure}")
    return 0 if all(t[3] for t in TARGETS) else 1


if __name__ == "__main__":
    sys.exit(main())
