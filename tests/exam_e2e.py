#!/usr/bin/env python3
"""End-to-end tests of 'rolecall exam --plain' and 'rolecall report'.

The real binary, scripted answers on stdin, everything in a temporary folder
(HOME and XDG_DATA_HOME point there; every run names its --db).  The fixture
banks start each prompt with the id of the answer's role, so a driver can
answer right or wrong on purpose:

  tests/fixtures/e2e/e2e.yaml    "(po) Question 4 about po?" is e2e-po-4
  tests/fixtures/exam/items.yaml "(x) #1 ..." is ix-1; four questions, so a
                                 four-question exam asks all of them

Usage: exam_e2e.py ROLECALL_BINARY
"""
import csv
import fractions
import hashlib
import io
import json
import math
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testlib  # noqa: E402

BIN = testlib.binary()
E2E = testlib.FIXTURES
ITEMS = os.path.join(testlib.HERE, "fixtures", "exam")
T0 = 1800000000  # 2027-01-15T08:00:00Z
NAMES = dict(testlib.NAMES, x="Role X", y="Role Y", z="Role Z")
ROLE_OF = {v: k for k, v in NAMES.items()}

TMP = testlib.workdir("rolecall-exam-")


def env(quizzes=E2E, now=T0, user="tester"):
    return testlib.home_env(TMP, quizzes, user, ROLECALL_FAKE_NOW=str(now))


BUILT = set()  # the databases the report tests share, once made


def db(name):
    return testlib.db(os.path.join(TMP, name))


def run(args, stdin="", **kw):
    p = subprocess.run([BIN] + args, input=stdin, capture_output=True, text=True,
                       env=env(**kw), timeout=60)
    return p.returncode, p.stdout, p.stderr


def sha256_of(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class Exam(testlib.PlainSession):
    """An exam driven one prompt at a time."""

    def __init__(self, args, **kw):
        super().__init__([BIN, "exam", "--plain"] + args, env(**kw))


def question(block):
    """The last question shown in a chunk of output."""
    heads = list(re.finditer(r"^\[Q (\d+)/(\d+)\] (.*)$", block, re.M))
    assert heads, "no question in: " + block[-400:]
    tail = block[heads[-1].end():]
    prompt = tail.strip().splitlines()[0]
    options = [ROLE_OF[t] for t in re.findall(r"^  \d\) (.*)$", tail, re.M)]
    m = re.match(r"\((\w+)\) (?:#(\d)|Question (\d))", prompt)
    qid = ("ix-%s" % m.group(2)) if m.group(2) else "e2e-%s-%s" % (m.group(1), m.group(3))
    so_far = re.search(r"^Your answer so far: (\d)\)", tail, re.M)
    return {"n": int(heads[-1].group(1)), "of": int(heads[-1].group(2)), "id": qid,
            "marker": m.group(1), "options": options, "prompt": prompt,
            "so_far": int(so_far.group(1)) if so_far else None}


def right(q):
    return q["options"].index(q["marker"]) + 1


def wrong(q):
    return 1 if right(q) != 1 else 2


def report_json(name, *more, **kw):
    rc, out, err = run(["report", "--format", "json", "--db", db(name)] + list(more), **kw)
    assert rc == 0, err
    return json.loads(out)


def play_all(name, count, strategy, *more, **kw):
    """Answer every question once, in order, by strategy(q) -> line; say y at
    the end.  Returns (questions, exit code, output, stderr)."""
    counted = ["--count", str(count)] if count else []  # None: a defined exam's
    ex = Exam(["--db", db(name)] + counted + list(more), **kw)
    block, qs = ex.read_prompt(), []
    while block is not None and "[Q " in block and "Submit now?" not in block:
        q = question(block)
        qs.append(q)
        block = ex.answer(str(strategy(q)))
    assert block is not None and "Submit now?" in block, block
    ex.send("y")
    return (qs,) + ex.finish()


# ---- the exam ----------------------------------------------------------------

def test_pass_all_right():
    qs, rc, out, err = play_all("pass.db", 8, right, "--seed", "1", "--pass", "75")
    assert (rc, err) == (0, ""), err  # a pass exits 0
    assert out.startswith("Exam: 8 questions, pass mark 75%: at least 6 of 8 right. "
                          "No feedback until you submit.\n"), out[:200]
    assert [q["n"] for q in qs] == list(range(1, 9))
    assert len({q["id"] for q in qs}) == 8
    # no feedback while it runs
    assert "Right" not in out and "Wrong" not in out and "Why:" not in out
    assert ("Exam submitted: 8 of 8 right (100%). Result: PASS (pass mark 75%: at least 6 of "
            "8 right).\n") in out
    assert "Distinctions confused:\n  none\n" in out
    assert "Review of" not in out
    # even across roles: 8 questions over 4 roles is 2 each
    per_role = {}
    for q in qs:
        per_role[q["marker"]] = per_role.get(q["marker"], 0) + 1
    assert sorted(per_role.values()) == [2, 2, 2, 2], per_role
    for role in ("pm", "po", "pmm", "pjm"):
        assert re.search(r"^  %s +2 of 2$" % NAMES[role], out, re.M), role
    assert "Attempt 1 is saved for tester; 'rolecall report' shows it.\n" in out


def test_fail_reviews_every_miss():
    qs, rc, out, err = play_all("fail.db", 6, wrong, "--seed", "2")
    assert (rc, err) == (1, ""), err  # a fail exits 1, so that a script can act
    assert ("Exam submitted: 0 of 6 right (0%). Result: FAIL (pass mark 80%: at least 5 of "
            "6 right).\n") in out
    assert "Review of the 6 missed questions:" in out
    review = out[out.index("Review of"):]
    for q in qs:
        picked, answer = q["options"][wrong(q) - 1], q["marker"]
        block = re.search(r"^\[Q %d/6\] %s\n(.*?)(?=\n\n|\nAttempt)" % (
            q["n"], re.escape(q["prompt"])), review, re.M | re.S)
        assert block, q
        assert "  Your answer: %d) %s\n" % (wrong(q), NAMES[picked]) in block.group(0)
        assert "  The answer: %d) %s\n" % (right(q), NAMES[answer]) in block.group(0)
        assert "  Why: Because the fixture says so (%s)." % answer in block.group(0)
    # the distinctions confused, each pair once with its count
    pairs = {}
    for q in qs:
        key = (q["options"][wrong(q) - 1], q["marker"])
        pairs[key] = pairs.get(key, 0) + 1
    listed = re.findall(r"^  You picked (.*) when the answer was (.*) \((\d+) times?\)$", out, re.M)
    assert {(ROLE_OF[a], ROLE_OF[b]): int(n) for a, b, n in listed} == pairs


def test_timeout_ends_the_exam_while_waiting():
    ex = Exam(["--db", db("time.db"), "--count", "5", "--seed", "3", "--time", "0.05"])
    block = ex.read_prompt()
    assert "Time limit: 00:03. The exam ends when it runs out" in ex.out.decode()
    assert re.search(r"^Time left: 00:0[23]$", block, re.M), block
    q1 = question(block)
    q2 = question(ex.answer(str(right(q1))))
    ex.answer(str(wrong(q2)))
    started = time.monotonic()
    # stdin stays open: the exam must end on its own
    rest = b""
    while True:
        chunk = os.read(ex.p.stdout.fileno(), 65536)
        if not chunk:
            break
        rest += chunk
    waited = time.monotonic() - started
    assert ex.p.wait(timeout=10) == 1  # 1 of 5: a fail
    out = rest.decode()
    assert waited < 6, waited
    # the last tenth of 3 s is said first, while the prompt waits (issue 21)
    assert out.startswith("\n1 second left.\n> \nTime is up.\nExam submitted: 1 of 5 right "
                          "(20%)."), out[:200]
    assert "Result: FAIL" in out
    assert out.count("  Your answer: no answer\n") == 3
    a = report_json("time.db")[0]
    assert a["timed_out"] is True and a["status"] == "submitted"
    assert a["duration_s"] == 3 and a["time_limit_s"] == 3
    assert a["ended_at"] == "2027-01-15T08:00:03Z"
    assert (a["answered"], a["correct"], a["result"]) == (2, 1, "fail")


def test_skip_and_return():
    ex = Exam(["--db", db("skip.db"), "--count", "6", "--seed", "4"])
    block, seen = ex.read_prompt(), []
    for n in range(1, 7):
        q = question(block)
        assert q["n"] == n
        seen.append(q)
        block = ex.answer("s" if n in (2, 5) else str(right(q)))
    assert "\nYou skipped 2 questions; here they are again.\n" in block
    q = question(block)
    assert (q["n"], q["id"]) == (2, seen[1]["id"])
    block = ex.answer(str(right(q)))
    q = question(block)
    assert (q["n"], q["id"]) == (5, seen[4]["id"])
    block = ex.answer("s")  # the last one left comes back at once
    assert "This is the only unanswered question." in block
    assert question(block)["n"] == 5
    block = ex.answer(str(right(q)))
    assert "All 6 questions are answered.\nSubmit now?" in block
    ex.send("y")
    rc, out, err = ex.finish()
    assert rc == 0, err
    assert "Exam submitted: 6 of 6 right (100%)." in out


def test_change_an_answer_before_submitting():
    ex = Exam(["--db", db("change.db"), "--count", "4", "--seed", "5"])
    block, qs = ex.read_prompt(), []
    for _ in range(4):
        q = question(block)
        qs.append(q)
        block = ex.answer(str(wrong(q)))
    assert "Submit now?" in block
    block = ex.answer("n")
    assert "Not submitted.\nType g N to change the answer" in block
    block = ex.answer("g 2")
    q = question(block)
    assert q["n"] == 2 and q["so_far"] == wrong(qs[1])
    block = ex.answer(str(right(q)))
    assert "All questions are answered. Type submit" in block
    block = ex.answer("g 3")
    block = ex.answer("p")  # back from 3 to 2 shows the new answer
    assert question(block)["so_far"] == right(qs[1])
    block = ex.answer("l")
    assert "4 of 4 questions answered:" in block
    block = ex.answer("submit")
    assert "Submit now? Answers cannot be changed after this. (y/n)" in block
    block = ex.answer("maybe")
    assert "Please answer y or n." in block
    ex.send("y")
    rc, out, err = ex.finish()
    assert (rc, err) == (1, ""), err
    assert "Exam submitted: 1 of 4 right (25%)." in out
    picks = testlib.query(db("change.db"), "SELECT position, picked, correct FROM exam_items"
                          " ORDER BY position")
    assert picks == [(i, (right(q) if i == 1 else wrong(q)) - 1, int(i == 1))
                     for i, q in enumerate(qs)], picks


def list_row(n, flagged, answer, q):
    return "  %3d  %-7s  %-28s  %s\n" % (n, "flagged" if flagged else "", answer, q["prompt"])


def test_flag_for_review():
    """f and flag flag and unflag the question on screen; the list shows
    each answer given and the flags, the submit question how many are
    flagged; flags are not stored, so --resume starts with none."""
    name = "flag.db"
    ex = Exam(["--db", db(name), "--count", "4", "--seed", "21"])
    q1 = question(ex.read_prompt())
    assert ex.answer("f") == "f\nQuestion 1 is flagged for review; f again unflags it.\n> "
    q2 = question(ex.answer(str(right(q1))))
    assert "Flagged for review" not in ex.out.decode().split("[Q 2/4]")[1]
    assert ex.answer("flag") == ("flag\nQuestion 2 is flagged for review; f again unflags "
                                 "it.\n> ")
    assert ex.answer("F") == "F\nQuestion 2 is no longer flagged.\n> "
    q3 = question(ex.answer("s"))
    assert q3["n"] == 3
    ex.answer("f")
    q4 = question(ex.answer(str(wrong(q3))))
    block = ex.answer("l")
    assert block.startswith(
        "l\n\n2 of 4 questions answered, 2 flagged for review:\n" +
        list_row(1, True, "%d) %s" % (right(q1), NAMES[q1["marker"]]), q1) +
        list_row(2, False, "not answered", q2) +
        list_row(3, True, "%d) %s" % (wrong(q3), NAMES[q3["options"][wrong(q3) - 1]]), q3) +
        list_row(4, False, "not answered", q4) + "\n[Q 4/4] "), block
    assert "Flagged for review" not in block
    block = ex.answer("g 3")
    assert question(block)["so_far"] == wrong(q3)
    assert block.endswith("\nFlagged for review (f unflags it).\n> "), block
    assert ex.answer("submit") == (
        "submit\n2 questions are unanswered; unanswered questions count as wrong.\n"
        "2 flagged for review.\nSubmit now? Answers cannot be changed after this. (y/n)\n> ")
    assert ex.answer("n").startswith("n\nNot submitted.\n")
    os.kill(ex.p.pid, signal.SIGKILL)
    ex.p.wait()
    ex = Exam(["--db", db(name), "--resume"])
    block = ex.read_prompt()
    assert "Flagged for review" not in block, block
    assert ex.answer("l").startswith("l\n\n2 of 4 questions answered:\n" +
                                     list_row(1, False, "%d) %s" % (
                                         right(q1), NAMES[q1["marker"]]), q1)), ex.out
    block = ex.answer("submit")
    assert "2 questions are unanswered" in block and "flagged" not in block, block
    ex.send("y")
    rc, out, err = ex.finish()
    assert (rc, err) == (1, ""), err
    assert "Exam submitted: 1 of 4 right (25%)." in out


def test_a_lone_f_is_option_f_of_six():
    """With six or more options f answers, as g does with seven; flag
    still flags."""
    bank = ("bank: six\ntitle: Six options\nroles:\n" +
            "".join("  - {id: r%d, name: Role %d}\n" % (i, i) for i in range(6)) +
            "questions:\n  - id: six-1\n    prompt: Which one?\n    answer: r5\n"
            "    options: [r0, r1, r2, r3, r4, r5]\n    explain: x\n")
    d = os.path.join(TMP, "six")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "six.yaml"), "w") as f:
        f.write(bank)
    rc, out, err = run(["exam", "--plain", "--count", "1", "--seed", "1", "--db",
                        db("six.db")], "flag\nf\ny\n", quizzes=d)
    sixth = re.search(r"^  6\) Role (\d)$", out, re.M).group(1)
    assert (rc, err) == (0 if sixth == "5" else 1, ""), err
    assert "> flag\nQuestion 1 is flagged for review; f again unflags it.\n> f\n" in out, out
    assert "All 1 questions are answered.\n1 flagged for review.\nSubmit now?" in out, out
    assert testlib.query(db("six.db"), "SELECT picked FROM exam_items") == [(5,)]


def test_eof_submits():
    rc, out, err = run(["exam", "--plain", "--db", db("eof.db"), "--count", "5",
                        "--seed", "6"], "1\n1\n1\n")
    assert (rc, err) == (1, ""), err  # 3 of 5 at most: a fail
    assert "Exam submitted: " in out and "Submit now?" not in out
    assert out.count("  Your answer: no answer\n") == 2
    a = report_json("eof.db")[0]
    assert (a["status"], a["answered"], a["count"]) == ("submitted", 3, 5)


def test_unanswered_count_against_the_score_only():
    """End of input before any answer: the attempt keeps its 5 questions
    and its 0 of 5, but the answer log, the stats and the confusions get
    nothing (they used to get "5 answers, 0 right")."""
    rc, out, err = run(["exam", "--plain", "--db", db("unanswered.db"), "--count", "5",
                        "--seed", "6", "--user", "una"], "")
    assert (rc, err) == (1, ""), err
    assert "Exam submitted: 0 of 5 right (0%)." in out, out
    rc, out, err = run(["stats", "--db", db("unanswered.db"), "--user", "una"])
    assert (rc, out) == (0, "una: 0 answers, 0 right (0%)\n"
                         "No answers yet: start with 'rolecall practice'.\n"), (rc, out, err)
    assert testlib.query(db("unanswered.db"), "SELECT count(*) FROM answers") == [(0,)]
    items = testlib.query(db("unanswered.db"), "SELECT picked, correct FROM exam_items")
    assert items == [(-1, 0)] * 5, items
    a = report_json("unanswered.db", "--user", "una")[0]
    assert (a["status"], a["answered"], a["count"], a["correct"]) == ("submitted", 0, 5, 0), a
    # three answered, two left at the end of input: three in the log
    rc, out, err = run(["exam", "--plain", "--db", db("unanswered.db"), "--count", "5",
                        "--seed", "6", "--user", "una"], "1\n1\n1\n")
    assert (rc, err) == (1, ""), err
    rc, out, err = run(["stats", "--format", "json", "--db", db("unanswered.db"), "--user",
                        "una"])
    st = json.loads(out)
    assert st["answers"] == 3 and sum(r["asked"] for r in st["roles"]) == 3, st
    assert sum(c["chances"] for c in st["confusions"]) <= 3 * 3, st
    log = testlib.query(db("unanswered.db"), "SELECT picked FROM answers")
    assert len(log) == 3 and all(p >= 0 for (p,) in log), log
    assert report_json("unanswered.db", "--user", "una")[1]["answered"] == 3


def test_help_and_bad_input():
    rc, out, err = run(["exam", "--plain", "--db", db("bad.db"), "--count", "3",
                        "--seed", "7"], "?\n9\nzz\ng 99\np\n")
    assert (rc, err) == (1, ""), err
    assert "  g N       go to question N, to answer it or change its answer\n" in out
    assert "Please answer with a number from 1 to " in out
    assert "Give a question number from 1 to 3, as in g 3." in out
    assert "This is the first question." in out
    assert "Exam submitted: 0 of 3 right (0%)." in out


def test_attempt_stored_exactly():
    qs, rc, out, err = play_all("exact.db", 6, lambda q: right(q) if q["n"] % 2 else wrong(q),
                                "--seed", "8", "--pass", "50", "--user", "ana",
                                now=T0 + 3600)
    assert rc == 0, err
    att = testlib.query(db("exact.db"), "SELECT a.id, u.name, started_at, ended_at, seed, count, pass_mark,"
                      " time_limit, status, timed_out, a.correct, banks FROM exam_attempts a"
                      " JOIN users u ON u.id = a.user_id")
    assert att == [(1, "ana", T0 + 3600, T0 + 3600, "8", 6, 50, 0, "submitted", 0, 3,
                    "e2e:" + sha256_of(os.path.join(E2E, "e2e.yaml")))], att
    items = testlib.query(db("exact.db"), "SELECT position, bank_id, question_id, shown_roles,"
                          " picked, picked_role, correct, answer_role, about_roles"
                          " FROM exam_items ORDER BY position")
    assert len(items) == 6
    for q, (pos, bank, qid, shown, picked, picked_role, correct, answer, about) in zip(qs, items):
        want = right(q) if q["n"] % 2 else wrong(q)
        assert (pos, bank, qid) == (q["n"] - 1, "e2e", q["id"])
        assert shown == ",".join(q["options"])
        assert (picked, picked_role, correct) == (want - 1, q["options"][want - 1],
                                                  int(want == right(q)))
        assert answer == about == q["marker"]
    log = testlib.query(db("exact.db"), "SELECT question_id, picked, correct, mode,"
                        " answered_at FROM answers ORDER BY id")
    assert log == [(q["id"], i[4], i[6], "exam", T0 + 3600) for q, i in zip(qs, items)]
    if not testlib.on_pg():
        assert testlib.query(db("exact.db"), "PRAGMA user_version")[0][0] >= 2
    rc, out, err = run(["stats", "--format", "json", "--db", db("exact.db"), "--user", "ana"])
    assert rc == 0, err
    assert (json.loads(out)["answers"], json.loads(out)["correct"]) == (6, 3)


def test_killed_exam_is_not_submitted():
    ex = Exam(["--db", db("kill.db"), "--count", "5", "--seed", "9"])
    q1 = question(ex.read_prompt())
    q2 = question(ex.answer(str(right(q1))))
    block = ex.answer(str(wrong(q2)))  # the third question shows: answer 2 is saved
    assert question(block)["n"] == 3
    os.kill(ex.p.pid, signal.SIGKILL)
    ex.p.wait()
    a = report_json("kill.db")[0]
    assert (a["status"], a["result"], a["answered"], a["correct"], a["ended_at"]) == (
        "open", "in progress", 2, None, None), a
    rc, out, err = run(["report", "--db", db("kill.db")])
    assert rc == 0, err
    assert re.search(r"^1 +tester +2027-01-15 08:00  - +80% +in progress +-$", out, re.M), out
    assert "      2 of 5 questions answered so far\n" in out
    assert out.endswith("1 attempt: 0 passed, 0 failed, 1 in progress, 0 abandoned.\n")
    # untimed, it could still be going for 24 hours; then it is abandoned
    assert report_json("kill.db", now=T0 + 86399)[0]["result"] == "in progress"
    assert report_json("kill.db", now=T0 + 86400)[0]["result"] == "abandoned"
    rc, out, err = run(["report", "--db", db("kill.db")], now=T0 + 86400)
    assert re.search(r"^1 +tester +2027-01-15 08:00  - +80% +abandoned +-$", out, re.M), out
    assert "      2 of 5 questions answered when it stopped\n" in out
    assert out.endswith("1 attempt: 0 passed, 0 failed, 0 in progress, 1 abandoned.\n")
    rc, out, err = run(["report", "--format", "csv", "--db", db("kill.db")], now=T0 + 86400)
    assert out.splitlines()[1].split(",")[4:11] == ["open", "5", "2", "", "", "80",
                                                     "abandoned"], out
    assert testlib.query(db("kill.db"), "SELECT picked FROM exam_items ORDER BY position") == [
        (right(q1) - 1,), (wrong(q2) - 1,), (-1,), (-1,), (-1,)]
    assert testlib.query(db("kill.db"), "SELECT count(*) FROM answers") == [(0,)]
    rc, out, err = run(["report", "--certificate", "1", "--db", db("kill.db")])
    assert rc == 1
    assert err == ("rolecall: exam attempt 1 was not submitted, so it has no result "
                   "to certify\n"), err


# ---- a submit that fails, and --resume (issue 15, item 1) ---------------------

RETRY = ("\nCould not submit: %s: cannot start submitting the exam: database is locked; "
         "another program has held it locked for too long; close it and try again; "
         "trying again in %d s (r retries now, q gives up: the attempt stays open and "
         "'rolecall exam --resume' submits it later)\n> ")


def answered_then_locked(name, strategy, count, seed):
    """An exam with every question answered by strategy, and another
    program holding the database's write lock as it is submitted: the
    exam, its questions and the lock (a connection to roll back)."""
    ex = Exam(["--db", db(name), "--count", str(count), "--seed", str(seed)])
    block, qs = ex.read_prompt(), []
    while "Submit now?" not in block:
        qs.append(question(block))
        block = ex.answer(str(strategy(qs[-1])))
    lock = sqlite3.connect(db(name), timeout=0, isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")
    ex.send("y")
    return ex, qs, lock


def stored_once(name, count, answered, correct):
    """The database holds one attempt, submitted once, and its answers
    once: in the log, and in stats (nothing counted twice by a retry)."""
    assert testlib.query(db(name), "SELECT id, status, correct FROM exam_attempts") == [
        (1, "submitted", correct)]
    assert testlib.query(db(name), "SELECT count(*) FROM answers") == [(answered,)]
    rc, out, err = run(["stats", "--format", "json", "--db", db(name)])
    st = json.loads(out)
    assert (st["answers"], st["correct"]) == (answered, correct), st
    assert sum(r["asked"] for r in st["roles"]) == answered, st
    a = report_json(name)
    assert len(a) == 1 and (a[0]["count"], a[0]["answered"]) == (count, answered), a


def test_a_failed_submit_is_tried_again_until_it_is_stored():
    """Another program holds the write lock past the busy timeout (5 s) as
    the exam is submitted.  Before, rolecall exited with 'close it and try
    again', status 1, and the attempt stayed open for good.  Now it says so
    with a countdown (1 s, then 2 s), tries again, and once the lock is
    gone r submits at once: stored exactly once."""
    testlib.sqlite_only("SQLite's write lock, held past its busy timeout")
    ex, qs, lock = answered_then_locked("retry.db", right, 3, 31)
    try:
        t0 = time.monotonic()
        block = ex.read_prompt()
        first = time.monotonic() - t0
        assert block == "y\n" + RETRY % (db("retry.db"), 1), block
        assert first > 4.5, first  # the busy timeout ran out
        t0 = time.monotonic()
        block = ex.read_prompt()  # 1 s, then the busy timeout again
        assert block == RETRY % (db("retry.db"), 2), block
        assert time.monotonic() - t0 > 5.5
    finally:
        lock.rollback()
        lock.close()
    t0 = time.monotonic()
    ex.send("r")
    rc, out, err = ex.finish()
    assert time.monotonic() - t0 < 1.9  # r did not wait out the 2 s
    assert (rc, err) == (0, ""), (rc, err)
    assert out.endswith(RETRY % (db("retry.db"), 2) + "r\n\nSubmitted on try 3.\n\n"
                        "Exam submitted: 3 of 3 right (100%). Result: PASS (pass mark "
                        "80%: at least 3 of 3 right).\n" + out[out.index("\nPer role:"):]), out[-900:]
    stored_once("retry.db", 3, 3, 3)


def test_giving_up_leaves_the_attempt_for_resume():
    """q while a failed submit waits: status 1, the attempt open with its
    answers; 'exam --resume' then submits it, once."""
    testlib.sqlite_only("SQLite's write lock, held past its busy timeout")
    ex, qs, lock = answered_then_locked("giveup.db", lambda q: wrong(q) if q["n"] == 2 else
                                        right(q), 3, 32)
    try:
        assert ex.read_prompt() == "y\n" + RETRY % (db("giveup.db"), 1)
        block = ex.answer("maybe")
        assert block == "maybe\nType r to try again now, or q to give up for now.\n> ", block
        ex.send("q")
        rc, out, err = ex.finish()
    finally:
        lock.rollback()
        lock.close()
    assert rc == 1 and out.endswith("> q\n"), (rc, out[-300:])
    assert err == ("rolecall: exam attempt 1 is not submitted (%s: cannot start submitting "
                   "the exam: database is locked; another program has held it locked for "
                   "too long; close it and try again); it stays open with every answer "
                   "given, and 'rolecall exam --resume' submits it later\n"
                   % db("giveup.db")), err
    a = report_json("giveup.db")[0]
    assert (a["status"], a["result"], a["answered"]) == ("open", "in progress", 3), a
    assert testlib.query(db("giveup.db"), "SELECT count(*) FROM answers") == [(0,)]
    rc, out, err = run(["exam", "--plain", "--resume", "--db", db("giveup.db")], "y\n")
    assert (rc, err) == (1, ""), err
    assert out.startswith("Resuming exam attempt 1, begun 2027-01-15 08:00 UTC, 3 of 3 "
                          "questions answered.\nExam: 3 questions, pass mark 80%: at least 3 of 3 "
                          "right."), out
    assert "\nAll 3 questions are answered.\nSubmit now? " in out, out
    assert ("Exam submitted: 2 of 3 right (67%). Result: FAIL (pass mark 80%: at least 3 "
            "of 3 right).\n") in out
    stored_once("giveup.db", 3, 3, 2)
    rc, out, err = run(["exam", "--plain", "--resume", "--db", db("giveup.db")], "y\n")
    assert (rc, err) == (1, "rolecall: tester has no open exam attempt to resume; "
                            "'rolecall exam' begins one\n"), (rc, err)


def test_resume_after_kill_9():
    """kill -9 at question 5 of 5, with question 3 skipped; a new exam
    says so on its first lines; --resume shows the same questions with
    the same options and the answers so far, goes on at question 5, then
    the skipped one, and submits: every answer once."""
    name = "resume.db"
    ex = Exam(["--db", db(name), "--count", "5", "--seed", "9"])
    q1 = question(ex.read_prompt())
    q2 = question(ex.answer(str(right(q1))))
    q3 = question(ex.answer(str(wrong(q2))))
    q4 = question(ex.answer("s"))
    q5 = question(ex.answer(str(right(q4))))
    assert [q["n"] for q in (q1, q2, q3, q4, q5)] == [1, 2, 3, 4, 5]
    os.kill(ex.p.pid, signal.SIGKILL)
    ex.p.wait()
    rc, out, err = run(["exam", "--plain", "--count", "2", "--db", db(name)], "")
    assert rc == 1, err
    assert out.startswith("You have an exam attempt that was not submitted (attempt 1, "
                          "begun 2027-01-15 08:00 UTC, 3 of 5 questions answered).  This "
                          "is a new attempt; 'rolecall exam --resume' goes on with that "
                          "one instead.\nExam: 2 questions, pass mark 80%: at least 2 of 2 "
                          "right."), out
    ex = Exam(["--db", db(name), "--resume"], now=T0 + 600)
    block = ex.read_prompt()
    assert block.startswith("Resuming exam attempt 1, begun 2027-01-15 08:00 UTC, 3 of 5 "
                            "questions answered.\nExam: 5 questions, pass mark 80%: at "
                            "least 4 of 5 right. No feedback until you submit.\n"), block
    q = question(block)
    assert (q["n"], q["id"], q["options"], q["so_far"]) == (5, q5["id"], q5["options"], None)
    q = question(ex.answer("g 2"))
    assert (q["id"], q["options"], q["so_far"]) == (q2["id"], q2["options"], wrong(q2))
    q = question(ex.answer(str(right(q2))))  # changed; back to where it was left
    assert q["n"] == 5
    block = ex.answer(str(right(q5)))
    assert "\nYou skipped 1 question; here it is again.\n" in block, block
    q = question(block)
    assert (q["n"], q["id"], q["options"]) == (3, q3["id"], q3["options"])
    assert "All 5 questions are answered.\nSubmit now?" in ex.answer(str(wrong(q3)))
    ex.send("y")
    rc, out, err = ex.finish()
    assert (rc, err) == (0, ""), err
    assert ("Exam submitted: 4 of 5 right (80%). Result: PASS (pass mark 80%: at least 4 "
            "of 5 right).\n") in out
    a = report_json(name)[0]
    assert (a["id"], a["status"], a["answered"], a["correct"], a["seed"], a["ended_at"],
            a["duration_s"]) == (1, "submitted", 5, 4, "9", "2027-01-15T08:10:00Z", 600), a
    assert testlib.query(db(name), "SELECT picked FROM exam_items WHERE attempt_id = 1"
                         " ORDER BY position") == [
        (right(q1) - 1,), (right(q2) - 1,), (wrong(q3) - 1,), (right(q4) - 1,),
        (right(q5) - 1,)]
    # attempt 2 had no answers: the log holds attempt 1's five, once
    assert testlib.query(db(name), "SELECT count(*) FROM answers") == [(5,)]
    rc, out, err = run(["stats", "--format", "json", "--db", db(name)])
    assert json.loads(out)["answers"] == 5


def test_resume_a_timed_attempt():
    """A timed attempt goes on with the time it has left; once its time
    is over it is in progress no more, and --resume submits it at once as
    timed out, ended at the start plus the limit."""
    name = "timed-resume.db"
    ex = Exam(["--db", db(name), "--count", "3", "--seed", "5", "--time", "1"])
    q1 = question(ex.read_prompt())
    q2 = question(ex.answer(str(right(q1))))
    os.kill(ex.p.pid, signal.SIGKILL)
    ex.p.wait()
    ex = Exam(["--db", db(name), "--resume"], now=T0 + 20)
    block = ex.read_prompt()
    assert re.search(r"^Time left: 00:40$", block, re.M), block
    assert question(block)["id"] == q2["id"]
    os.kill(ex.p.pid, signal.SIGKILL)
    ex.p.wait()
    assert report_json(name, now=T0 + 59)[0]["result"] == "in progress"
    assert report_json(name, now=T0 + 60)[0]["result"] == "abandoned"
    rc, out, err = run(["exam", "--plain", "--resume", "--db", db(name)], "", now=T0 + 3600)
    assert (rc, err) == (1, ""), err
    assert out.startswith("Resuming exam attempt 1, begun 2027-01-15 08:00 UTC, 1 of 3 "
                          "questions answered.\n"), out
    assert ("\nIts time ran out at 2027-01-15 08:01:00 UTC; it is submitted with the "
            "answers it has.\n\nTime is up.\nExam submitted: 1 of 3 right (33%).") in out, out
    a = report_json(name)[0]
    assert (a["status"], a["timed_out"], a["ended_at"], a["duration_s"], a["answered"],
            a["correct"]) == ("submitted", True, "2027-01-15T08:01:00Z", 60, 1, 1), a


def killed_timed_exam(name, minutes):
    """An exam begun at T0 with --time minutes, killed at its first question."""
    ex = Exam(["--db", db(name), "--count", "3", "--seed", "5", "--time", str(minutes)])
    question(ex.read_prompt())
    os.kill(ex.p.pid, signal.SIGKILL)
    ex.p.wait()


def resumed_first_block(name, now):
    ex = Exam(["--db", db(name), "--resume"], now=now)
    return ex, ex.read_prompt()


def kill(ex):
    os.kill(ex.p.pid, signal.SIGKILL)
    ex.p.wait()


def test_time_command_and_the_last_tenth_said_once():
    """t (or time) prints the time left; the last 10% of the time is said
    once: at the first prompt when it has begun already (minutes while
    there are any), or while a prompt waits, which is then shown again.
    Resumed attempts, with ROLECALL_FAKE_NOW, put the clock there."""
    rc, out, err = run(["exam", "--plain", "--count", "2", "--db", db("untimed-t.db")],
                       "t\ntime\n")
    assert out.count("> t\nThis exam has no time limit.\n") == 1, out
    assert out.count("> time\nThis exam has no time limit.\n") == 1, out
    killed_timed_exam("tenth-min.db", 30)
    ex, block = resumed_first_block("tenth-min.db", T0 + 26 * 60)  # 4 of 30 minutes left
    assert re.search(r"^Time left: 04:00$", block, re.M) and " left.\n" not in block, block
    kill(ex)
    ex, block = resumed_first_block("tenth-min.db", T0 + 27 * 60)  # 3 minutes: the last 10%
    assert block.endswith("Time left: 03:00\n\n3 minutes left.\n> "), block
    block = ex.answer("t")
    assert block == "t\nTime left: 03:00\n> ", block
    assert " left.\n" not in ex.answer("l"), ex.out  # said once
    kill(ex)
    killed_timed_exam("tenth-wait.db", 1)
    ex, block = resumed_first_block("tenth-wait.db", T0 + 50)  # 10 s left, warned at 6
    assert block.endswith("Time left: 00:10\n> "), block
    assert ex.read_prompt() == "\n6 seconds left.\n> ", ex.out
    assert re.fullmatch(r"time\nTime left: 00:0[1-6]\n> ", ex.answer("time")), ex.out
    kill(ex)


def test_resume_refusals():
    """Nothing to resume; rules given with --resume; a bank changed since
    the attempt began (and, put back, the attempt resumes)."""
    rc, out, err = run(["exam", "--plain", "--resume", "--db", db("nothing.db")], "")
    assert (rc, err) == (1, "rolecall: tester has no open exam attempt to resume; "
                            "'rolecall exam' begins one\n"), (rc, err)
    for opt, value in (("--count", "2"), ("--pass", "0"), ("--seed", "7"), ("--time", "5")):
        rc, out, err = run(["exam", "--plain", "--resume", opt, value, "--db",
                            db("nothing.db")], "")
        assert (rc, err) == (2, "rolecall: --resume goes on with an attempt under the rules "
                                "it began with: %s cannot change them; leave it out\n"
                             % opt), (opt, rc, err)
    rc, out, err = run(["report", "--resume", "--db", db("nothing.db")])
    assert (rc, err) == (2, "rolecall: 'report' does not take --resume (it is an option of "
                            "exam); see 'rolecall help report'\n"), err
    folder = os.path.join(TMP, "resume-bank")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(E2E, "e2e.yaml")) as f:
        text = f.read()
    bank = write(os.path.join("resume-bank", "e2e.yaml"), text)
    old = sha256_of(bank)
    ex = Exam(["--db", db("changed-resume.db"), "--count", "3", "--seed", "4"],
              quizzes=folder)
    question(ex.answer(str(right(question(ex.read_prompt())))))
    os.kill(ex.p.pid, signal.SIGKILL)
    ex.p.wait()
    write(os.path.join("resume-bank", "e2e.yaml"), text + "# changed\n")
    rc, out, err = run(["exam", "--plain", "--resume", "--db", db("changed-resume.db")], "",
                       quizzes=folder)
    assert (rc, err) == (1, "rolecall: exam attempt 1 was begun on the bank 'e2e' as it was "
                            "then (sha256 %s...); the bank here, %s, differs (sha256 "
                            "%s...), so its questions may not be the ones asked; resume it "
                            "with that version (--bank FILE)\n"
                         % (old[:12], bank, sha256_of(bank)[:12])), err
    write(os.path.join("resume-bank", "e2e.yaml"), text)
    rc, out, err = run(["exam", "--plain", "--resume", "--db", db("changed-resume.db")], "",
                       quizzes=folder)
    assert (rc, err) == (1, ""), err
    assert "Exam submitted: 1 of 3 right (33%)." in out, out


def test_resume_a_defined_exam():
    """An attempt at a defined exam of one attempt, killed: 'exam ID'
    refuses a second and says how to go on; --resume goes on under the
    definition (the result slip names it) and takes no new attempt."""
    define("defined-resume.db", ONBOARDING.replace("attempts: 2", "attempts: 1"))
    ex = Exam(["--db", db("defined-resume.db"), "onboarding"])
    q1 = question(ex.read_prompt())
    ex.answer(str(right(q1)))
    os.kill(ex.p.pid, signal.SIGKILL)
    ex.p.wait()
    rc, out, err = run(["exam", "onboarding", "--plain", "--db", db("defined-resume.db")])
    assert (rc, err) == (1, "rolecall: tester has taken exam onboarding 1 time, and it "
                            "allows 1 attempt; one is not submitted: 'rolecall exam "
                            "onboarding --resume' goes on with it\n"), err
    rc, out, err = run(["exam", "onboarding", "--plain", "--resume", "--db",
                        db("defined-resume.db")], "")
    assert (rc, err) == (1, ""), err
    assert out.startswith("Resuming exam attempt 1, begun 2027-01-15 08:00 UTC, 1 of 4 "
                          "questions answered.\nExam onboarding: Onboarding check\nExam: 4 "
                          "questions, pass mark 75%: at least 3 of 4 right."), out
    assert ("Exam submitted: 1 of 4 right (25%). Result: FAIL (pass mark 75%: at least 3 "
            "of 4 right).\n") in out
    rc, out, err = run(["report", "--certificate", "1", "--db", db("defined-resume.db")])
    assert rc == 0, err
    assert "\nExam:       onboarding  Onboarding check\n" in out, out
    assert testlib.query(db("defined-resume.db"), "SELECT count(*) FROM exam_attempts") == [
        (1,)]


def test_bank_defaults_and_flags():
    rc, out, err = run(["exam", "--plain", "--db", db("def.db"), "--seed", "1"], "",
                       quizzes=ITEMS)
    assert (rc, err) == (1, ""), err  # nothing answered: a fail
    assert out.startswith("Exam: 4 questions, pass mark 75%: at least 3 of 4 right.")
    rc, out, err = run(["exam", "--plain", "--db", db("def.db"), "--seed", "1", "--count",
                        "3", "--pass", "0"], "", quizzes=ITEMS)
    assert (rc, err) == (0, ""), err
    assert out.startswith("Exam: 3 questions, pass mark 0%: at least 0 of 3 right.")
    assert "Result: PASS" in out  # 0 of 3 meets a pass mark of 0


def test_usage_errors():
    cases = [
        (["exam", "--db", db("u.db")], 2, "rolecall: standard input is not a terminal; "
         "use --plain for line mode (numbered options, one answer per line)\n"),
        (["exam", "--plain", "--time", "abc"], 2, "rolecall: --time needs a number of "
         "minutes up to 1440 (such as 30 or 0.5), not 'abc'\n"),
        (["exam", "--plain", "--time", "0.001"], 2,
         "rolecall: --time must be at least one second (0.01 minutes)\n"),
        (["exam", "--plain", "--pass", "101"], 2,
         "rolecall: --pass needs a whole number up to 100, not '101'\n"),
        (["report", "--since", "2027-02-30"], 2, "rolecall: --since: there is no date "
         "2027-02-30\n"),
        (["report", "--since", "15.1.2027"], 2, "rolecall: --since needs a date as "
         "YYYY-MM-DD, not '15.1.2027'\n"),
        (["report", "--all", "--user", "x"], 2, "rolecall: --all and --user do not go "
         "together; see 'rolecall --help'\n"),
        (["report", "--certificate", "1", "--format", "csv"], 2, "rolecall: a "
         "certificate is text, JSON or HTML; leave out --format csv; see 'rolecall --help'\n"),
        (["report", "--verify", "c.txt", "--certificate", "1"], 2, "rolecall: --verify "
         "FILE goes alone: the file says which attempt, and in what format; see "
         "'rolecall --help'\n"),
        (["exam", "--plain", "--db", db("u.db"), "--count", "99"], 1, "rolecall: the exam "
         "asks 99 questions but the chosen banks have 20; lower --count\n"),
    ]
    for args, code, msg in cases:
        rc, out, err = run(args)
        assert (rc, err) == (code, msg), (args, rc, err)


# ---- exams a manager defines --------------------------------------------------

ONBOARDING = """exam: onboarding
title: Onboarding check
banks: [e2e]
questions: 4
pass: 75
attempts: 2
"""


def write(name, text):
    path = os.path.join(TMP, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def define(name, text=ONBOARDING, **kw):
    rc, out, err = run(["exam", "define", write("def-%s.yaml" % name, text),
                        "--db", db(name)], **kw)
    assert rc == 0, err
    return out


def test_define_list_and_take():
    out = define("defined.db")
    assert out == ("rolecall: exam onboarding is defined: 4 questions, pass mark 75%, "
                   "no time limit, 2 attempts each; candidates take it with 'rolecall exam "
                   "onboarding'\n"), out
    # defining is no answer: the manager gets no profile, so no "not taken"
    assert testlib.query(db("defined.db"), "SELECT count(*) FROM users") == [(0,)]
    rc, out, err = run(["exam", "list", "--db", db("defined.db")])
    assert (rc, err) == (0, ""), err
    assert out == ("Exams defined here (take one with 'rolecall exam ID'):\n"
                   "  onboarding           Onboarding check\n"
                   "                       4 questions, pass mark 75%, no time limit, "
                   "2 attempts each\n"), out
    qs, rc, out, err = play_all("defined.db", None, right, "onboarding")
    assert rc == 0, err
    assert out.startswith("Exam onboarding: Onboarding check\n"
                          "Exam: 4 questions, pass mark 75%: at least 3 of 4 right."), out[:200]
    assert ("Exam submitted: 4 of 4 right (100%). Result: PASS (pass mark 75%: at least 3 of "
            "4 right).\n") in out
    # a fresh draw for every candidate: the seed is not the command line's
    first = report_json("defined.db")[0]
    qs2, rc, out, err = play_all("defined.db", None, wrong, "onboarding")
    assert (rc, err) == (1, ""), err
    second = report_json("defined.db")[1]
    assert first["seed"] != second["seed"]
    assert (second["count"], second["pass_mark"], second["result"]) == (4, 75, "fail")
    rc, out, err = run(["report", "--certificate", str(first["id"]), "--db",
                        db("defined.db")])
    assert rc == 0, err
    assert out.startswith("ROLECALL EXAM CERTIFICATE\n\n"), out
    assert "\nExam:       onboarding  Onboarding check\n" in out, out
    # two attempts allowed, two taken
    rc, out, err = run(["exam", "onboarding", "--plain", "--db", db("defined.db")])
    assert (rc, err) == (1, "rolecall: tester has taken exam onboarding 2 times, and it "
                            "allows 2 attempts; 'rolecall report' shows them\n"), err


def test_a_defined_exam_keeps_its_rules():
    define("rules.db")
    for opt, value in (("--count", "2"), ("--pass", "0"), ("--seed", "7"),
                       ("--bank", "e2e"), ("--time", "5")):
        rc, out, err = run(["exam", "onboarding", "--plain", opt, value, "--db",
                            db("rules.db")])
        assert (rc, err) == (2, "rolecall: exam onboarding is defined by a manager, with "
                                "the same questions, pass mark and time for every "
                                "candidate: %s cannot change it; leave it out\n" % opt), err
    rc, out, err = run(["exam", "nosuch", "--plain", "--db", db("rules.db")])
    assert (rc, err) == (1, "rolecall: %s has no exam 'nosuch'; 'rolecall exam list' "
                            "shows the exams defined there\n" % db("rules.db")), err
    rc, out, err = run(["exam", "onboarding", "extra", "--plain", "--db", db("rules.db")])
    assert (rc, err) == (2, "rolecall: 'exam' takes one exam id at most (got 'extra' "
                            "after 'onboarding')\n"), err


def test_a_changed_bank_is_refused():
    folder = os.path.join(TMP, "changing")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(E2E, "e2e.yaml")) as f:
        text = f.read()
    bank = write(os.path.join("changing", "e2e.yaml"), text)
    old = sha256_of(bank)
    define("changed.db", quizzes=folder)
    write(os.path.join("changing", "e2e.yaml"), text + "# edited\n")
    rc, out, err = run(["exam", "onboarding", "--plain", "--db", db("changed.db")],
                       quizzes=folder)
    assert (rc, err) == (1, "rolecall: exam onboarding was defined on the bank 'e2e' as "
                            "it was then (sha256 %s...); the bank here, %s, differs "
                            "(sha256 %s...); ask the manager for the version the exam "
                            "uses\n" % (old[:12], bank, sha256_of(bank)[:12])), err


def test_definition_errors_say_where():
    cases = [
        ("exam: onboarding\nbanks: [e2e]\nquestions: 4\npass: 75\ncolour: red\n",
         "%s:5:1: error: unknown key 'colour' in an exam definition; the keys are exam, "
         "title, banks, questions, pass, time and attempts\n"),
        ("exam: Onboarding!\nbanks: [e2e]\nquestions: 4\npass: 75\n",
         "%s:1:7: error: 'exam' must be an id, as candidates will type it: 1 to 64 "
         "lowercase letters, digits, '-' or '_', starting with a letter or digit\n"),
        ("exam: onboarding\nbanks: [e2e]\nquestions: 0\npass: 75\n",
         "%s:3:12: error: 'questions' must be a whole number from 1 to 1000\n"),
        ("exam: onboarding\nbanks: [e2e, e2e]\nquestions: 4\npass: 75\n",
         "%s:2:14: error: bank 'e2e' is listed twice\n"),
        ("exam: onboarding\nquestions: 4\n",
         "%s: error: the exam definition has no 'banks' (the bank ids it draws from)\n"
         "%s: error: the exam definition has no 'pass' (the pass mark in percent)\n"),
        ("exam: onboarding\nbanks: [nosuch]\nquestions: 4\npass: 75\n",
         "rolecall: %s: the bank 'nosuch' is not among the banks here; give its file "
         "with --bank\n"),
        ("exam: onboarding\nbanks: [e2e]\nquestions: 400\npass: 75\n",
         "rolecall: %s: the exam asks 400 questions but the chosen banks have 20; lower "
         "--count\n"),
    ]
    for i, (text, want) in enumerate(cases):
        path = write("bad-%d.yaml" % i, text)
        rc, out, err = run(["exam", "define", path, "--db", db("bad-def.db")])
        assert (rc, err) == (1, want.replace("%s", path)), (text, err)
    rc, out, err = run(["exam", "define", "--db", db("bad-def.db")])
    assert (rc, err) == (2, "rolecall: 'exam define' takes one definition file, as in "
                            "'rolecall exam define onboarding.yaml' (doc/teams.md shows "
                            "one)\n"), err


def test_redefining_an_attempted_exam_is_refused():
    define("redef.db")
    define("redef.db", ONBOARDING.replace("pass: 75", "pass: 50"))  # no attempts yet
    play_all("redef.db", None, right, "onboarding")
    rc, out, err = run(["exam", "define", write("def-redef.db.yaml", ONBOARDING), "--db",
                        db("redef.db")])
    assert (rc, err) == (1, "rolecall: %s: exam onboarding has 1 attempt already, made "
                            "under its rules; define the new rules under a new id\n"
                         % db("redef.db")), err
    assert report_json("redef.db")[0]["pass_mark"] == 50


def test_verify_a_certificate():
    define("verify.db")
    play_all("verify.db", None, right, "onboarding")
    attempt = str(report_json("verify.db")[0]["id"])
    for fmt in ("text", "json"):
        rc, cert, err = run(["report", "--certificate", attempt, "--format", fmt, "--db",
                             db("verify.db")], now=T0 + 86400)
        assert rc == 0, err
        path = write("cert." + fmt, cert)
        rc, out, err = run(["report", "--verify", path, "--db", db("verify.db")])
        assert (rc, err) == (0, ""), err
        assert out == ("%s against exam attempt %s in %s:\nIt matches the database.\n"
                       % (path, attempt, db("verify.db"))), out
        forged = cert.replace("tester", "someone") if fmt == "text" else \
            cert.replace('"correct": 4', '"correct": 3')
        write("cert." + fmt, forged)
        rc, out, err = run(["report", "--verify", path, "--db", db("verify.db")])
        line = [i + 1 for i, (a, b) in enumerate(zip(cert.splitlines(),
                                                     forged.splitlines())) if a != b]
        assert len(line) == 1, line
        was = cert.splitlines()[line[0] - 1]
        now = forged.splitlines()[line[0] - 1]
        assert (rc, err) == (1, ""), err
        assert out == ("%s against exam attempt %s in %s:\n"
                       "  line %d differs:\n"
                       "    the certificate says: '%s'\n"
                       "    the database says   : '%s'\n"
                       "It does NOT match: the certificate was changed, or is not of "
                       "this database.\n" % (path, attempt, db("verify.db"), line[0],
                                             now, was)), out
    rc, out, err = run(["report", "--verify", write("nocert.txt", "hello\n"), "--db",
                        db("verify.db")])
    assert (rc, err) == (1, "rolecall: %s is not a rolecall certificate: it names no "
                            "exam attempt (no 'Attempt:' line)\n"
                         % os.path.join(TMP, "nocert.txt")), err


# ---- reports -----------------------------------------------------------------

def make_report_db():
    """ana passes at T0, bob fails on time at T0 + 1 day, cy is killed at
    T0 + 2 days, ana retakes at T0 + 3 days."""
    name = "rep.db"
    if name in BUILT:
        return name
    BUILT.add(name)
    day = 86400
    qs, rc, out, err = play_all(name, 4, right, "--seed", "11", "--user", "ana")
    assert rc == 0, err
    ex = Exam(["--db", db(name), "--count", "4", "--seed", "12", "--user", "bob",
               "--time", "0.05", "--pass", "50"], now=T0 + day)
    ex.read_prompt()
    assert ex.p.wait(timeout=15) == 1  # stdin stays open: time runs out, a fail
    ex.p.stdin.close()
    ex = Exam(["--db", db(name), "--count", "4", "--seed", "13", "--user", "cy"],
              now=T0 + 2 * day)
    q = question(ex.read_prompt())
    assert question(ex.answer(str(right(q))))["n"] == 2
    os.kill(ex.p.pid, signal.SIGKILL)
    ex.p.wait()
    qs, rc, out, err = play_all(name, 4, lambda q: right(q) if q["n"] < 4 else wrong(q),
                                "--seed", "14", "--user", "ana", "--pass", "75",
                                now=T0 + 3 * day)
    assert rc == 0, err
    return name


def test_report_json_fields():
    name = make_report_db()
    # a day after cy's attempt began: it is abandoned
    got = report_json(name, "--all", now=T0 + 3 * 86400)
    sha = sha256_of(os.path.join(E2E, "e2e.yaml"))
    common = {"count": 4, "banks": [{"id": "e2e", "sha256": sha}]}
    want = [
        dict(common, id=1, user="ana", started_at="2027-01-15T08:00:00Z",
             ended_at="2027-01-15T08:00:00Z", status="submitted", answered=4, correct=4,
             percent=100, pass_mark=80, passed=True, result="pass", timed_out=False,
             duration_s=0, time_limit_s=0, seed="11"),
        dict(common, id=2, user="bob", started_at="2027-01-16T08:00:00Z",
             ended_at="2027-01-16T08:00:03Z", status="submitted", answered=0, correct=0,
             percent=0, pass_mark=50, passed=False, result="fail", timed_out=True,
             duration_s=3, time_limit_s=3, seed="12"),
        dict(common, id=3, user="cy", started_at="2027-01-17T08:00:00Z", ended_at=None,
             status="open", answered=1, correct=None, percent=None, pass_mark=80,
             passed=None, result="abandoned", timed_out=False, duration_s=None,
             time_limit_s=0, seed="13"),
        dict(common, id=4, user="ana", started_at="2027-01-18T08:00:00Z",
             ended_at="2027-01-18T08:00:00Z", status="submitted", answered=4, correct=3,
             percent=75, pass_mark=75, passed=True, result="pass", timed_out=False,
             duration_s=0, time_limit_s=0, seed="14"),
    ]
    for g, w in zip(got, want):
        roles = g.pop("roles")
        assert g == w, (g, w)
        if g["status"] == "open":
            assert roles == []
            continue
        # four questions over four roles: one each, named
        assert [r["id"] for r in roles] == ["pm", "po", "pmm", "pjm"], roles
        assert all(r["name"] == NAMES[r["id"]] and r["asked"] == 1 for r in roles)
        assert sum(r["correct"] for r in roles) == g["correct"]
    assert len(got) == 4
    # default: only the login user's; --user, --since
    assert [a["id"] for a in report_json(name, user="ana")] == [1, 4]
    assert [a["id"] for a in report_json(name, "--user", "bob")] == [2]
    assert report_json(name, "--user", "nobody") == []
    assert [a["id"] for a in report_json(name, "--all", "--since", "2027-01-16")] == [2, 3, 4]
    assert [a["id"] for a in report_json(name, "--all", "--since", "2027-01-18")] == [4]
    # a report never creates a profile
    assert testlib.query(db(name), "SELECT count(*) FROM users WHERE name = 'nobody'") == [(0,)]


def test_report_csv_fields():
    name = make_report_db()
    rc, out, err = run(["report", "--all", "--format", "csv", "--db", db(name)])
    assert rc == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["id", "user", "started_at", "ended_at", "status", "count", "answered",
                       "correct", "percent", "pass_mark", "result", "timed_out",
                       "duration_s", "time_limit_s", "seed", "banks", "pm_correct",
                       "pm_asked", "po_correct", "po_asked", "pmm_correct", "pmm_asked",
                       "pjm_correct", "pjm_asked"]
    assert len(rows) == 5
    banks = "e2e:" + sha256_of(os.path.join(E2E, "e2e.yaml"))
    assert rows[1] == ["1", "ana", "2027-01-15T08:00:00Z", "2027-01-15T08:00:00Z",
                       "submitted", "4", "4", "4", "100", "80", "pass", "0", "0", "0", "11",
                       banks, "1", "1", "1", "1", "1", "1", "1", "1"]
    assert rows[2][:16] == ["2", "bob", "2027-01-16T08:00:00Z", "2027-01-16T08:00:03Z",
                            "submitted", "4", "0", "0", "0", "50", "fail", "1", "3", "3",
                            "12", banks]
    assert rows[2][16:] == ["0", "1"] * 4
    assert rows[3] == ["3", "cy", "2027-01-17T08:00:00Z", "", "open", "4", "1", "", "",
                       "80", "in progress", "0", "", "0", "13", banks] + [""] * 8
    assert rows[4][:11] == ["4", "ana", "2027-01-18T08:00:00Z", "2027-01-18T08:00:00Z",
                            "submitted", "4", "4", "3", "75", "75", "pass"]
    assert sorted(rows[4][16::2]) == ["0", "1", "1", "1"] and rows[4][17::2] == ["1"] * 4


def test_report_text_table():
    name = make_report_db()
    rc, out, err = run(["report", "--all", "--db", db(name)], now=T0 + 4 * 86400)
    assert rc == 0, err
    lines = out.splitlines()
    assert lines[0] == "Exam attempts of every user (times in UTC)"
    assert lines[2].split() == ["ID", "User", "Started", "Score", "Pass", "Result", "Time"]
    assert max(len(l) for l in lines) <= 80, max(lines, key=len)
    rows = [l for l in lines if re.match(r"^\d+ +\S+ +\d{4}-", l)]
    assert re.match(r"^1 +ana +2027-01-15 08:00  4/4 100% +80% +PASS +0:00$", rows[0]), rows[0]
    assert re.match(r"^2 +bob +2027-01-16 08:00  0/4   0% +50% +FAIL, time up  0:03$",
                    rows[1]), rows[1]
    # the widest result and the time keep two spaces between them (issue 21)
    head = lines[2]
    for row in rows:
        cut = head.index("Time")
        assert row[cut - 2:cut] == "  " and row[cut] != " ", (head, row)
    assert re.match(r"^3 +cy +2027-01-17 08:00  - +80% +abandoned +-$", rows[2]), rows[2]
    assert re.match(r"^4 +ana +2027-01-18 08:00  3/4  75% +75% +PASS +0:00$", rows[3]), rows[3]
    assert lines[lines.index(rows[0]) + 1] == "      pm 1/1 po 1/1 pmm 1/1 pjm 1/1"
    assert "Roles: pm = Product Manager, po = Product Owner," in out
    assert lines[-1] == "4 attempts: 2 passed, 1 failed, 0 in progress, 1 abandoned."
    rc, out, err = run(["report", "--db", db(name), "--since", "2027-01-16"], user="ana")
    assert rc == 0, err
    assert out.startswith("Exam attempts of ana since 2027-01-16 (times in UTC)\n")
    assert len([l for l in out.splitlines() if re.match(r"^\d+ +\S+ +\d{4}-", l)]) == 1
    # a report creates no database: there must be one
    assert run(["db", "init", "--db", db("empty.db")])[0] == 0
    rc, out, err = run(["report", "--db", db("empty.db")])
    assert (rc, out) == (0, "Exam attempts of tester (times in UTC)\nNo exam attempts.\n")


def test_users_in_every_format():
    """rolecall users on the report database: every profile by name, with
    its first and last activity (answers, attempts begun or submitted),
    answers and attempts; cy's killed exam logged no answer."""
    name = make_report_db()
    rc, out, err = run(["users", "--db", db(name)])
    assert (rc, err) == (0, ""), err
    assert out == (
        "Profiles (times in UTC)\n\n"
        "User           First activity    Last activity     Answers  Exams\n"
        "ana            2027-01-15 08:00  2027-01-18 08:00        8      2\n"
        "bob            2027-01-16 08:00  2027-01-16 08:00        0      1\n"
        "cy             2027-01-17 08:00  2027-01-17 08:00        0      1\n"
        "\n3 profiles.\n"), out
    rc, out, err = run(["users", "--format", "csv", "--db", db(name)])
    assert (rc, err) == (0, ""), err
    assert out == ("user,first_activity,last_activity,answers,exam_attempts\n"
                   "ana,2027-01-15T08:00:00Z,2027-01-18T08:00:00Z,8,2\n"
                   "bob,2027-01-16T08:00:00Z,2027-01-16T08:00:03Z,0,1\n"
                   "cy,2027-01-17T08:00:00Z,2027-01-17T08:00:00Z,0,1\n"), out
    rc, out, err = run(["users", "--format", "json", "--db", db(name)])
    assert (rc, err) == (0, ""), err
    assert out == (
        '[\n {"user": "ana", "first_activity": "2027-01-15T08:00:00Z", "last_activity": '
        '"2027-01-18T08:00:00Z", "answers": 8, "exam_attempts": 2},\n'
        ' {"user": "bob", "first_activity": "2027-01-16T08:00:00Z", "last_activity": '
        '"2027-01-16T08:00:03Z", "answers": 0, "exam_attempts": 1},\n'
        ' {"user": "cy", "first_activity": "2027-01-17T08:00:00Z", "last_activity": '
        '"2027-01-17T08:00:00Z", "answers": 0, "exam_attempts": 1}\n]\n'), out
    # a profile with nothing yet, a formula for a name, an empty database
    users = "users-extra.db"
    rc, out, err = run(["practice", "--plain", "--count", "1", "--seed", "1", "--user",
                        "=cmd|x", "--db", db(users)], "1\n")
    assert rc == 0, err
    testlib.query(db(users), "INSERT INTO users (name, created_at) VALUES ('Zoe', 0)")
    rc, out, err = run(["users", "--format", "csv", "--db", db(users)])
    assert (rc, out) == (0, "user,first_activity,last_activity,answers,exam_attempts\n"
                            "\"'=cmd|x\",2027-01-15T08:00:00Z,2027-01-15T08:00:00Z,1,0\n"
                            "Zoe,,,0,0\n"), (out, err)
    rc, out, err = run(["users", "--format", "json", "--db", db(users)])
    assert json.loads(out)[1] == {"user": "Zoe", "first_activity": None,
                                  "last_activity": None, "answers": 0, "exam_attempts": 0}
    rc, out, err = run(["users", "--db", db(users)])
    assert out.splitlines()[4] == "Zoe            -                 -                       0" \
        "      0", out
    assert run(["db", "init", "--db", db("users-empty.db")])[0] == 0
    rc, out, err = run(["users", "--db", db("users-empty.db")])
    assert (rc, out, err) == (0, "Profiles (times in UTC)\nNo profiles yet.\n", "")
    rc, out, err = run(["users", "--all", "--db", db(users)])
    assert (rc, err) == (2, "rolecall: 'users' does not take --all (it is an option of "
                            "export and report); see 'rolecall help users'\n"), err


def test_report_names_by_display_width_never_cut():
    """The User column is as wide as the widest name, in columns: two
    names that differ in their 15th character both print whole, and
    "王芳" (2 wide characters) and "José" line up with them."""
    name = "widths.db"
    for user in ("maria.gonzalez1", "maria.gonzalez2", "王芳", "José"):
        rc, out, err = run(["exam", "--plain", "--count", "2", "--seed", "1", "--user", user,
                            "--db", db(name)], "")
        assert (rc, err) == (1, ""), err
    p = subprocess.run([BIN, "report", "--all", "--db", db(name)], capture_output=True,
                       text=True, timeout=60, env=dict(env(), LC_ALL="C.UTF-8"))
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert lines[2] == ("ID    User            Started           Score        Pass  Result"
                        "         Time"), lines
    cols = {"maria.gonzalez1": 15, "maria.gonzalez2": 15, "王芳": 4, "José": 4}
    rows = [re.match(r"^(\d)     (\S+)( +)(\d{4}-\d\d-\d\d )", l) for l in lines]
    rows = [(m.group(1), m.group(2), cols[m.group(2)] + len(m.group(3))) for m in rows if m]
    # every name whole, and Started at the same column (16 after the name's)
    assert rows == [("1", "maria.gonzalez1", 16), ("2", "maria.gonzalez2", 16),
                    ("3", "王芳", 16), ("4", "José", 16)], rows


def test_certificate():
    name = make_report_db()
    rc, out, err = run(["report", "--certificate", "2", "--db", db(name)], now=T0 + 10 * 86400)
    assert rc == 0, err
    sha = sha256_of(os.path.join(E2E, "e2e.yaml"))
    # a fail gets a result slip, not a certificate
    assert out.startswith(
        "ROLECALL EXAM RESULT SLIP\n\n"
        "Attempt:    2\n"
        "Candidate:  bob\n"
        "Exam:       none defined (the candidate chose the rules)\n"
        "Started:    2027-01-16 08:00:00 UTC\n"
        "Submitted:  2027-01-16 08:00:03 UTC (took 0:03; time limit 0:03, ran out)\n"
        "Questions:  4, drawn with seed 12\n"
        "Banks:      e2e  End-to-end fixture\n"
        "            sha256 %s\n"
        "Score:      0 of 4 right (0%%)\n"
        "Pass mark:  50%%\n"
        "Result:     FAIL\n"
        "Recorded:   %s\n\n"
        "Per role:\n"
        "  Product Manager              0 of 1\n" % (sha, RECORDED)), out
    assert "\nThis attempt did not reach the pass mark: this is a result slip, not a\n" \
        "certificate.\n" in out
    assert out.endswith("Issued by rolecall %s on 2027-01-25 08:00:00 UTC.\n" % version())
    rc, out, err = run(["report", "--certificate", "99", "--db", db(name)])
    assert (rc, err) == (1, "rolecall: there is no exam attempt 99; 'rolecall report --all' "
                            "lists them\n")


# ---- the cohort ----------------------------------------------------------------

DAY = 86400


def first_right(k):
    """A strategy: the first k questions right, the rest wrong."""
    return lambda q: right(q) if q["n"] <= k else wrong(q)


def make_cohort_db():
    """Exam onboarding (4 questions, pass 75%, 2 attempts each): ana 4/4 at
    T0; bob 0/4 at T0 + 1 day, 3/4 at T0 + 2 days; cy 2/4 at T0 + 1 day,
    1/4 at T0 + 3 days; eve killed after one answer at T0 + 2 days.  dee
    only practises; fay runs out of time on an exam of her own rules (1 of
    4 at 50%, T0 + 1 day); ana passes one of her own (2/4 at 50%, T0 + 4
    days).  Attempt ids 1 to 8 in that order of time."""
    name = "cohort.db"
    if name in BUILT:
        return name
    BUILT.add(name)
    define(name)
    rc, out, err = run(["practice", "--plain", "--count", "3", "--seed", "1", "--user", "dee",
                        "--db", db(name)], "1\n2\n1\n")
    assert rc == 0, err
    for user, k, day in (("ana", 4, 0), ("bob", 0, 1), ("cy", 2, 1)):
        qs, rc, out, err = play_all(name, None, first_right(k), "onboarding", "--user", user,
                                    now=T0 + day * DAY)
        assert (rc, err) == (0 if k == 4 else 1, ""), (user, err)
    ex = Exam(["--db", db(name), "--count", "4", "--seed", "12", "--user", "fay", "--time",
               "0.05", "--pass", "50"], now=T0 + DAY)
    ex.answer(str(right(question(ex.read_prompt()))))
    assert ex.p.wait(timeout=15) == 1  # time runs out: 1 of 4, a fail
    ex.p.stdin.close()
    qs, rc, out, err = play_all(name, None, first_right(3), "onboarding", "--user", "bob",
                                now=T0 + 2 * DAY)
    assert (rc, err) == (0, ""), err
    ex = Exam(["--db", db(name), "onboarding", "--user", "eve"], now=T0 + 2 * DAY)
    q = question(ex.read_prompt())
    assert question(ex.answer(str(right(q))))["n"] == 2
    os.kill(ex.p.pid, signal.SIGKILL)
    ex.p.wait()
    qs, rc, out, err = play_all(name, None, first_right(1), "onboarding", "--user", "cy",
                                now=T0 + 3 * DAY)
    assert (rc, err) == (1, ""), err
    qs, rc, out, err = play_all(name, 4, first_right(2), "--seed", "15", "--pass", "50",
                                "--user", "ana", now=T0 + 4 * DAY)
    assert (rc, err) == (0, ""), err
    return name


def cohort(name, *more):
    rc, out, err = run(["report", "--cohort", "--db", db(name)] + list(more))
    assert (rc, err) == (0, ""), err
    return out


def group_expected(name, users):
    """What the group section must say, worked out apart from the report:
    each person's 'stats --format json' summed, ranked by hand (pairs by
    (count + 0.5) / (chances + 5), then count, then ids; roles by exact
    share right, then the more asked, then id)."""
    roles, pairs = {}, {}
    for user in users:
        rc, out, err = run(["stats", "--format", "json", "--user", user, "--db", db(name)])
        assert rc == 0, err
        st = json.loads(out)
        for r in st["roles"]:
            t = roles.setdefault(r["id"], [0, 0])
            t[0], t[1] = t[0] + r["asked"], t[1] + r["correct"]
        for c in st["confusions"]:
            t = pairs.setdefault((c["answer"], c["picked"]), [0, 0])
            t[0], t[1] = t[0] + c["count"], t[1] + c["chances"]
    confused = sorted(((a, p, n, ch) for (a, p), (n, ch) in pairs.items() if n),
                      key=lambda t: (-(t[2] + 0.5) / (t[3] + 5.0), -t[2], t[0], t[1]))
    weak = sorted(((r, asked, ok) for r, (asked, ok) in roles.items() if asked),
                  key=lambda t: (fractions.Fraction(t[2], t[1]), -t[1], t[0]))
    return confused, weak


def percent(part, whole):
    return (part * 100 + whole // 2) // whole if whole else 0


def wrapped(line, width=80):
    """A line of the cohort's text as it prints: indented 2, wrapped at
    spaces to width columns, the rest indented 4."""
    out, col = "  ", 2
    for i, word in enumerate(line.split(" ")):
        if i and col + 1 + len(word) > width:
            out, col = out + "\n    ", 4
        elif i:
            out, col = out + " ", col + 1
        out, col = out + word, col + len(word)
    return out + "\n"


def group_text(confused, weak):
    if not weak:
        return ""
    text = "\nMost confused pairs (all answers of these people, not only exams):\n"
    text += "".join(wrapped("picked %s when the answer was %s in %d of %d chances"
                            % (NAMES[p], NAMES[a], n, ch))
                    for a, p, n, ch in confused[:5]) or "  none\n"
    text += "\nWeakest roles (the same answers):\n"
    text += "".join("  %-28s %d of %d right (%d%%)\n" % (NAMES[r], ok, asked,
                                                         percent(ok, asked))
                    for r, asked, ok in weak[:5])
    return text


# tester defined the exam, which makes no profile: a manager is not a
# candidate ("not taken") in a file's cohort
EVERYONE = ["ana", "bob", "cy", "dee", "eve", "fay"]
ONBOARDING_HEAD = ("Cohort report (times in UTC)\n"
                   "Exam:    onboarding  Onboarding check\n")
TABLE_HEAD = "User           Tries  Best         Latest       Passed         Time\n"


def test_cohort_of_a_defined_exam_in_text():
    name = make_cohort_db()
    out = cohort(name, "--exam", "onboarding")
    assert out == (
        ONBOARDING_HEAD +
        "People:  6 (2 passed, 1 not passed, 1 not submitted, 2 not taken)\n\n" +
        TABLE_HEAD +
        "ana                1  4/4 100%     4/4 100%     2027-01-15     0:00 (pass)\n"
        "bob                2  3/4  75%     3/4  75%     2027-01-17     0:00 (pass)\n"
        "cy                 2  2/4  50%     1/4  25%     not passed     0:00 (latest)\n"
        "dee                0  -            -            not taken      -\n"
        "eve                1  -            -            not submitted  -\n"
        "fay                0  -            -            not taken      -\n" +
        group_text(*group_expected(name, EVERYONE))), out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_cohort_of_every_exam_since_and_of_one_user():
    name = make_cohort_db()
    group = group_text(*group_expected(name, EVERYONE))
    assert cohort(name) == (
        "Cohort report (times in UTC)\n"
        "Exam:    every exam attempt, whatever its rules\n"
        "People:  6 (2 passed, 2 not passed, 1 not submitted, 1 not taken)\n\n" +
        TABLE_HEAD +
        "ana                2  4/4 100%     2/4  50%     2027-01-15     0:00 (pass)\n"
        "bob                2  3/4  75%     3/4  75%     2027-01-17     0:00 (pass)\n"
        "cy                 2  2/4  50%     1/4  25%     not passed     0:00 (latest)\n"
        "dee                0  -            -            not taken      -\n"
        "eve                1  -            -            not submitted  -\n"
        "fay                1  1/4  25%     1/4  25%     not passed     0:03 (latest)\n" + group)
    assert cohort(name, "--exam", "onboarding", "--since", "2027-01-17") == (
        ONBOARDING_HEAD + "Since:   2027-01-17\n"
        "People:  6 (1 passed, 1 not passed, 1 not submitted, 3 not taken)\n\n" +
        TABLE_HEAD +
        "ana                0  -            -            not taken      -\n"
        "bob                1  3/4  75%     3/4  75%     2027-01-17     0:00 (pass)\n"
        "cy                 1  1/4  25%     1/4  25%     not passed     0:00 (latest)\n"
        "dee                0  -            -            not taken      -\n"
        "eve                1  -            -            not submitted  -\n"
        "fay                0  -            -            not taken      -\n" + group)
    assert cohort(name, "--exam", "onboarding", "--user", "cy") == (
        ONBOARDING_HEAD +
        "People:  1 (0 passed, 1 not passed, 0 not submitted, 0 not taken)\n\n" +
        TABLE_HEAD +
        "cy                 2  2/4  50%     1/4  25%     not passed     0:00 (latest)\n" +
        group_text(*group_expected(name, ["cy"])))
    assert cohort(name, "--user", "nobody") == (
        "Cohort report (times in UTC)\n"
        "Exam:    every exam attempt, whatever its rules\n"
        "People:  0 (0 passed, 0 not passed, 0 not submitted, 0 not taken)\n\n"
        "No one is in the cohort.\n")
    assert testlib.query(db(name), "SELECT count(*) FROM users WHERE name = 'nobody'") == [(0,)]


def test_cohort_csv_and_json():
    name = make_cohort_db()
    out = cohort(name, "--exam", "onboarding", "--format", "csv")
    assert out == (
        "user,status,attempts,submitted,best_correct,best_count,best_percent,"
        "latest_correct,latest_count,latest_percent,passed_at,duration_s,duration_of\n"
        "ana,passed,1,1,4,4,100,4,4,100,2027-01-15T08:00:00Z,0,pass\n"
        "bob,passed,2,2,3,4,75,3,4,75,2027-01-17T08:00:00Z,0,pass\n"
        "cy,not passed,2,2,2,4,50,1,4,25,,0,latest\n"
        "dee,not taken,0,0,,,,,,,,,\n"
        "eve,not submitted,1,0,,,,,,,,,\n"
        "fay,not taken,0,0,,,,,,,,,\n"), out
    out = cohort(name, "--format", "csv")
    assert out.splitlines()[1] == "ana,passed,2,2,4,4,100,2,4,50,2027-01-15T08:00:00Z,0,pass"
    assert out.splitlines()[6] == "fay,not passed,1,1,1,4,25,1,4,25,,3,latest"
    out = cohort(name, "--exam", "onboarding", "--since", "2027-01-16", "--format", "json")
    confused, weak = group_expected(name, EVERYONE)

    def score(attempt, correct):
        return {"attempt": attempt, "correct": correct, "count": 4,
                "percent": percent(correct, 4)}

    def person(user, status, attempts, submitted, best=None, latest=None, passed_at=None,
               duration_of=None):
        return {"user": user, "status": status, "attempts": attempts,
                "submitted": submitted, "best": best, "latest": latest,
                "passed_at": passed_at, "duration_s": 0 if duration_of else None,
                "duration_of": duration_of}
    assert json.loads(out) == {
        "exam": "onboarding", "exam_title": "Onboarding check",
        "since": "2027-01-16T00:00:00Z", "user": None,
        "people": [
            person("ana", "not taken", 0, 0),
            person("bob", "passed", 2, 2, score(5, 3), score(5, 3), "2027-01-17T08:00:00Z",
                   "pass"),
            person("cy", "not passed", 2, 2, score(3, 2), score(7, 1), None, "latest"),
            person("dee", "not taken", 0, 0),
            person("eve", "not submitted", 1, 0),
            person("fay", "not taken", 0, 0)],
        "confusions": [{"answer": a, "answer_name": NAMES[a], "picked": p,
                        "picked_name": NAMES[p], "count": n, "chances": ch}
                       for a, p, n, ch in confused],
        "roles": [{"id": r, "name": NAMES[r], "asked": asked, "correct": ok,
                   "percent": percent(ok, asked)} for r, asked, ok in weak]}, out
    # the object opens with its filters, one key a line below them
    assert out.startswith('{"exam": "onboarding", "exam_title": "Onboarding check", '
                          '"since": "2027-01-16T00:00:00Z", "user": null,\n "people": [\n'
                          '  {"user": "ana", "status": "not taken", "attempts": 0, '
                          '"submitted": 0, "best": null, "latest": null, "passed_at": null, '
                          '"duration_s": null, "duration_of": null},\n'), out
    assert out.endswith("]}\n")


def test_cohort_refusals():
    name = make_cohort_db()
    rc, out, err = run(["report", "--cohort", "--exam", "nosuch", "--db", db(name)])
    assert (rc, out, err) == (1, "", "rolecall: %s has no exam 'nosuch'; 'rolecall exam "
                                     "list' shows the exams defined there\n" % db(name)), err
    cases = [
        (["--all"], "--cohort covers every user already (--user narrows it to one); "
         "leave out --all"),
        (["--items"], "--cohort is a report of its own; leave out --certificate and --items"),
        (["--certificate", "1"], "--cohort is a report of its own; leave out --certificate "
         "and --items"),
    ]
    for more, why in cases:
        rc, out, err = run(["report", "--cohort", "--db", db(name)] + more)
        assert (rc, err) == (2, "rolecall: %s; see 'rolecall --help'\n" % why), (more, err)
    rc, out, err = run(["report", "--items", "--exam", "onboarding", "--db", db(name)])
    assert (rc, err) == (2, "rolecall: --exam chooses the attempts of the list or of "
                            "--cohort; leave out --certificate and --items; see 'rolecall "
                            "--help'\n"), err
    rc, out, err = run(["report", "--trivia", "--cohort", "--db", db(name)])
    assert (rc, err) == (2, "rolecall: report --trivia takes --leaderboard, --format, "
                            "--since, --user and --db only; leave out --cohort\n"), err
    rc, out, err = run(["stats", "--cohort", "--db", db(name)])
    assert (rc, err) == (2, "rolecall: 'stats' does not take --cohort (it is an option of "
                            "report); see 'rolecall help stats'\n"), err
    # --exam also narrows the list of attempts
    got = report_json(name, "--all", "--exam", "onboarding")
    assert [a["id"] for a in got] == [1, 2, 3, 5, 6, 7], got
    rc, out, err = run(["report", "--all", "--exam", "onboarding", "--db", db(name)])
    assert out.startswith("Exam attempts of every user at exam onboarding (times in UTC)\n")


RECORDED = ("on a shared database (rules chosen by the candidate)" if testlib.on_pg()
            else "in a file (a self-reported local result)")


def version():
    return run(["--version"])[1].split()[1]


# ---- item analysis -----------------------------------------------------------

# Who gets which question right (1) or wrong (0) in a four-question exam
# on the ix fixture; None leaves it unanswered.  A wrong answer picks the
# option named in WRONG_PICK.
SCRIPT = {
    "u1": {"ix-1": 1, "ix-2": 1, "ix-3": 1, "ix-4": 1},
    "u2": {"ix-1": 1, "ix-2": 1, "ix-3": 1, "ix-4": 0},
    "u3": {"ix-1": 1, "ix-2": 0, "ix-3": 1, "ix-4": 0},
    "u4": {"ix-1": 0, "ix-2": 1, "ix-3": 0, "ix-4": 0},
    "u5": {"ix-1": 1, "ix-2": 0, "ix-3": 0, "ix-4": None},
}
WRONG_PICK = {"ix-1": "z", "ix-2": "x", "ix-3": "x", "ix-4": "y"}


def pearson(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return None if sxx == 0 or syy == 0 else sxy / math.sqrt(sxx * syy)


def make_items_db():
    name = "items.db"
    if name in BUILT:
        return name
    BUILT.add(name)
    for k, (user, plan) in enumerate(sorted(SCRIPT.items())):
        ex = Exam(["--db", db(name), "--seed", str(20 + k), "--user", user], quizzes=ITEMS)
        block = ex.read_prompt()
        while "Submit now?" not in block:
            q = question(block)
            mark = plan[q["id"]]
            if mark is None and "You skipped" in block:
                break  # leave it unanswered: the end of input submits
            block = ex.answer("s" if mark is None else str(right(q)) if mark else
                              str(q["options"].index(WRONG_PICK[q["id"]]) + 1))
        else:
            ex.send("y")
        rc, out, err = ex.finish()
        passed = sum(1 for v in plan.values() if v) * 100 >= 75 * 4
        assert (rc, err) == (0 if passed else 1, ""), (user, err)
    # u1 also practises: two more answers, both right, count for facility only
    practised = []
    p = subprocess.Popen([BIN, "practice", "--plain", "--db", db(name), "--user", "u1",
                          "--count", "2", "--seed", "1"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, env=env(quizzes=ITEMS), text=True)
    buf = ""
    while len(practised) < 2:
        ch = p.stdout.read(1)
        assert ch, buf
        buf += ch
        if buf.endswith("\n> "):
            m = list(re.finditer(r"^\((\w)\) #(\d).*\n((?:  \d\) .*\n)+)", buf, re.M))[-1]
            opts = [ROLE_OF[t] for t in re.findall(r"^  \d\) (.*)$", m.group(3), re.M)]
            practised.append("ix-" + m.group(2))
            p.stdin.write("%d\n" % (opts.index(m.group(1)) + 1))
            p.stdin.flush()
            buf = ""
    p.stdin.close()
    p.stdout.read()
    assert p.wait(timeout=30) == 0
    with open(os.path.join(TMP, name + ".practised"), "w") as f:
        f.write(" ".join(practised))
    return name


def expected_items():
    """Facility, picks and discrimination by hand from SCRIPT."""
    with open(os.path.join(TMP, "items.db.practised")) as f:
        practised = f.read().split()
    options = {"ix-1": ["x", "y", "z"], "ix-2": ["y", "x", "z"], "ix-3": ["z", "x"],
               "ix-4": ["x", "y"]}
    want = {}
    for qid, opts in options.items():
        marks = [plan[qid] for plan in SCRIPT.values()]
        answers = len(marks) + practised.count(qid)
        correct = sum(1 for m in marks if m) + practised.count(qid)
        picks = [0] * len(opts)
        picks[0] = correct
        picks[opts.index(WRONG_PICK[qid])] += sum(1 for m in marks if m == 0)
        # rest of the exam: the attempt's other three questions right, out of 3
        xs = [1 if plan[qid] else 0 for plan in SCRIPT.values()]
        ys = [(sum(1 for v in plan.values() if v) - x) / 3 for plan, x in
              zip(SCRIPT.values(), xs)]
        want[qid] = {"answers": answers, "correct": correct, "facility": correct / answers,
                     "picks": picks, "no_answer": sum(1 for m in marks if m is None),
                     "exam_attempts": 5, "discrimination": pearson(xs, ys)}
    return want


def test_items_against_hand_computed_values():
    name = make_items_db()
    want = expected_items()
    # By hand.  ix-1: x = 1,1,1,0,1 (mean 0.8), rest = 3,2,1,1,0 right of
    # the other three (mean 1.4): sum of products of deviations 0.4, sums
    # of squares 0.8 and 5.2, r = 0.4 / sqrt(0.8 * 5.2) = 0.1961.
    # ix-4: x = 1,0,0,0,0 (mean 0.2), rest = 3,3,2,1,1 (mean 2): 1.0,
    # 0.8 and 4.0, r = 1 / sqrt(3.2) = 0.5590.  (Shares of 3 instead of
    # counts scale y only: r is the same.)
    assert round(want["ix-1"]["discrimination"], 4) == 0.1961
    assert round(want["ix-4"]["discrimination"], 4) == 0.5590
    got = report_json(name, "--items", quizzes=ITEMS)
    assert [g["question"] for g in got] == ["ix-1", "ix-2", "ix-3", "ix-4"]
    for g in got:
        w = want[g["question"]]
        assert g["bank"] == "ix"
        assert (g["answers"], g["correct"], g["no_answer"], g["exam_attempts"]) == (
            w["answers"], w["correct"], w["no_answer"], w["exam_attempts"]), (g, w)
        assert abs(g["facility"] - w["facility"]) < 1e-4, (g, w)
        assert [o["picks"] for o in g["options"]] == w["picks"], (g, w)
        assert [o["right"] for o in g["options"]] == [True] + [False] * (len(w["picks"]) - 1)
        if w["discrimination"] is None:
            assert g["discrimination"] is None
        else:
            assert abs(g["discrimination"] - w["discrimination"]) < 1e-4, (g, w)
    rc, out, err = run(["report", "--items", "--format", "csv", "--db", db(name)],
                       quizzes=ITEMS)
    assert rc == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0].keys()) == ["bank", "question", "answers", "correct", "facility",
                                    "no_answer", "right_choice", "picks", "exam_attempts",
                                    "discrimination", "notes"]
    for r in rows:
        w = want[r["question"]]
        assert r["facility"] == "%.4f" % w["facility"], (r, w)
        assert r["picks"] == ";".join(map(str, w["picks"]))
        assert r["right_choice"] == "1"
        assert r["discrimination"] == ("" if w["discrimination"] is None
                                       else "%.4f" % w["discrimination"]), (r, w)
    rc, out, err = run(["report", "--items", "--db", db(name)], quizzes=ITEMS)
    assert rc == 0, err
    assert "discrimination over 5 submitted exam attempts." in out
    assert max(len(l) for l in out.splitlines()) <= 80
    row = re.search(r"^ix-1 +(\d+) +(\d+)% +(\S+) +5$", out, re.M)
    assert row and int(row.group(1)) == want["ix-1"]["answers"], out
    assert row.group(3) == "%.2f" % want["ix-1"]["discrimination"]
    # only one user's answers with --user; none from a bank left out
    got = report_json(name, "--items", "--user", "u4", quizzes=ITEMS)
    assert {g["question"]: g["correct"] for g in got} == {"ix-1": 0, "ix-2": 1, "ix-3": 0,
                                                          "ix-4": 0}
    assert all(g["discrimination"] is None for g in got)
    assert report_json(name, "--items", "--bank", os.path.join(E2E, "e2e.yaml"),
                       quizzes=ITEMS) == []


LONG_BANK = """bank: long
title: A long prompt
description: One question whose prompt is longer than a line.
roles:
  - {id: pm, name: Product Manager}
  - {id: po, name: Product Owner}
questions:
  - id: long-1
    prompt: '(pm) %s'
    answer: pm
    options: [pm, po]
    explain: Because.
""" % ("word " * 40).strip()


def test_items_by_mode_with_prompts_and_flagged_list():
    name = make_items_db()
    practised = open(os.path.join(TMP, "items.db.practised")).read().split()
    exams = report_json(name, "--items", "--mode", "exam", quizzes=ITEMS)
    assert [(g["question"], g["prompt"], g["answers"], g["correct"], g["exam_attempts"])
            for g in exams] == [
        ("ix-%d" % n, "(%s) #%d Which role is this?" % (r, n), 5,
         sum(1 for plan in SCRIPT.values() if plan["ix-%d" % n]), 5)
        for n, r in ((1, "x"), (2, "y"), (3, "z"), (4, "x"))]
    practice = report_json(name, "--items", "--mode", "practice", quizzes=ITEMS)
    assert sorted((g["question"], g["answers"], g["correct"]) for g in practice) == sorted(
        (q, practised.count(q), practised.count(q)) for q in set(practised))
    assert all((g["exam_attempts"], g["discrimination"]) == (0, None) for g in practice)
    assert report_json(name, "--items", "--mode", "drill", quizzes=ITEMS) == []
    # text: each prompt under its row, then the flagged questions in one list
    rc, out, err = run(["report", "--items", "--mode", "exam", "--db", db(name)],
                       quizzes=ITEMS)
    assert (rc, err) == (0, "")
    assert out.startswith("Item analysis of every user's exam answers: 4 questions, "
                          "20 answers;\n")
    for g in exams:
        assert re.search(r"^%s +5 .*\n  \(.\) #%s Which role is this\?\n" % (
            g["question"], g["question"][-1]), out, re.M), out
    flagged = [(g["question"], g["notes"]) for g in exams if g["notes"]]
    assert flagged, exams  # ix-4: 1 of 5 right is hard
    assert out.endswith("\nFlagged questions: %d\n" % len(flagged) + "".join(
        "  %-24s %s\n" % f for f in flagged)), out


def test_items_prompt_is_clipped_to_the_line():
    folder = os.path.join(TMP, "long-bank")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "long.yaml"), "w") as f:
        f.write(LONG_BANK)
    rc, out, err = run(["practice", "--plain", "--count", "1", "--db", db("long.db")], "1\n",
                       quizzes=folder)
    assert rc == 0, err
    rc, out, err = run(["report", "--items", "--db", db("long.db")], quizzes=folder)
    assert (rc, err) == (0, "")
    prompt = "(pm) " + ("word " * 40).strip()
    assert "\n  %s...\n" % prompt[:75] in out, out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert out.endswith("\nFlagged questions: 0\n")


def test_items_mode_refusals():
    for args, msg in ((["report", "--mode", "exam"], "--mode chooses the answers of "
                       "--items; give it with --items; see 'rolecall --help'"),
                      (["report", "--items", "--mode", "quiz"], "--mode is practice, "
                       "drill, exam or trivia, not 'quiz'"),
                      (["stats", "--mode", "exam"], None)):
        rc, out, err = run(args)
        if msg:
            assert (rc, out, err) == (2, "", "rolecall: " + msg + "\n"), (args, err)
        else:
            assert rc == 2 and err.startswith("rolecall: 'stats' does not take --mode"), err


def main():
    return testlib.main(sorted(testlib.tests_in(globals())), [TMP])


if __name__ == "__main__":
    sys.exit(main())
