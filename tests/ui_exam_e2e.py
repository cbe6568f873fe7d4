#!/usr/bin/env python3
"""End-to-end tests of the exam in the terminal UI: the real binary in a
real terminal.

Like ui_e2e.py: each test starts rolecall in its own tmux server (a unique
-L socket, 80x24, TERM=xterm-256color), types with send-keys and polls
capture-pane.  The fixture bank (tests/fixtures/e2e) starts every prompt
with the id of the answer's role, "(po) ...", so the test knows which
option is right.  Everything runs in a temporary HOME with --db files
there, at a fixed clock (ROLECALL_FAKE_NOW), and the stored attempt is
checked with `rolecall report --format json` field by field.

After rolecall exits, the pane's shell prints EXIT=<status> and `stty -a`,
so a test can see that the terminal was given back.  rolecall's stderr
goes to a file, where sanitizer reports would land too; every test fails
on one.

Usage: ui_exam_e2e.py ROLECALL_BINARY
"""
import hashlib
import json
import os
import re
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testlib  # noqa: E402
import tmuxlib  # noqa: E402
from testlib import FIXTURES, NAMES  # noqa: E402
from tmuxlib import check_no_sanitizer, check_restored  # noqa: E402

BIN = testlib.binary()
T0 = 1800000000  # 2027-01-15T08:00:00Z
TMP = testlib.workdir("rolecall-uix-")
# Sanitizer builds are slower; nothing waits this long unless it is broken.
TIMEOUT = float(os.environ.get("UI_E2E_TIMEOUT", "20"))

STATEMENTS = """\
bank: uix-statements
title: Exam statements
roles:
  - {id: po, name: Product Owner}
  - {id: pjm, name: Project Manager}
questions:
  - id: uix-1
    prompt: "(po) Which statement describes the Product Owner?"
    choices:
      - {text: "Accepts the team's work in the sprint review.", role: po, correct: true}
      - {text: "Tracks milestones and risks.", role: pjm}
    explain: Accepting work is the PO's.
"""

def env_for(extra=None):
    return tmuxlib.isolated_env(TMP, ROLECALL_FAKE_NOW=str(T0), **(extra or {}))


class Pane(tmuxlib.Pane):
    """rolecall in an 80x24 xterm of its own at the fixed clock T0."""

    def __init__(self, args, db, size=(80, 24), env=None):
        e = env_for(tmuxlib.terminal())
        e.update(env or {})
        argv = [BIN] + list(args) + ["--db", testlib.db(os.path.join(TMP, db))]
        super().__init__(argv, e, TMP, "rolecall-uix", size, timeout=TIMEOUT)


def finish(p, status=0):
    return p.ended(status)


def run(args, db):
    r = subprocess.run([BIN] + args + ["--db", testlib.db(os.path.join(TMP, db))], capture_output=True,
                       text=True, timeout=60, env=dict(os.environ, **env_for()))
    assert r.returncode == 0, r.stderr
    return r.stdout


def report(db):
    return json.loads(run(["report", "--format", "json"], db))


def exam_items(db):
    return testlib.query(testlib.db(os.path.join(TMP, db)), "SELECT position, question_id,"
                         " picked, correct FROM exam_items ORDER BY position")


def sha256_of(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


# ---- reading the exam screens ---------------------------------------------

# Each pattern ends with the screen's status line: curses draws top to
# bottom, so once it is there the whole screen is.
INTRO = r"^ Exam {10,}(?s:.*)Press Enter to start(?s:.*)Enter start"
QUESTION = r"^ Question \d+ of \d+ (?s:.*)S submit · \? help · q leave"
LIST = r"^ Questions (?s:.*)Enter go to it"
RESULTS = r"^ Exam results(?s:.*)Enter: (back|exit)"
MENU = r"Hello, tester(?s:.*)1-\d or p d e [a-z ]*q pick"
HEADER = re.compile(r"^ Question (\d+) of (\d+) · .*?answered (\d+)/(\d+)"
                    r"(?: · time left (\d\d):(\d\d))?\s*$")
OPTION = re.compile(r"^ ([▸ ]) (\d)  (\S.*?)(  \(your answer\))?\s*$")
ROW = re.compile(r"^ ([▸ ])\s+(\d+)  ([⚑ ]) (\d\) .*?|not answered)\s{2,}(\(\w+\) .*?)\s*$")


def parse_question(screen):
    lines = screen.splitlines()
    h = HEADER.match(lines[0])
    assert h, screen
    prompt = next(l for l in lines if re.match(r"^ \(\w+\) ", l)).strip()
    options = []
    for row, line in enumerate(lines):
        m = OPTION.match(line)
        if m:
            options.append({"row": row, "text": m.group(3), "sel": m.group(1) == "▸",
                            "mine": bool(m.group(4))})
    left = int(h.group(5)) * 60 + int(h.group(6)) if h.group(5) else None
    return {"number": int(h.group(1)), "of": int(h.group(2)),
            "answered": int(h.group(3)), "left": left, "prompt": prompt,
            "marker": re.match(r"^\((\w+)\)", prompt).group(1), "options": options}


def right(q):
    """0-based position of the right option."""
    return [o["text"] for o in q["options"]].index(NAMES[q["marker"]])


def wrong(q):
    return 1 if right(q) != 1 else 0


def complete(q, screen):
    """A capture can land in the middle of a redraw: trust it only when
    the options agree with the prompt and with the status line."""
    texts = [o["text"] for o in q["options"]]
    m = re.search(r"1-(\d)/a-[a-h] answer", screen)
    return (NAMES.get(q["marker"]) in texts and m and int(m.group(1)) == len(texts) and
            [o["row"] for o in q["options"]] == list(range(q["options"][0]["row"],
                                                           q["options"][0]["row"] + len(texts))))


def wait_question(p, number, extra=""):
    """The question screen showing question `number`; returns it parsed."""
    deadline = time.time() + TIMEOUT
    while True:
        s = p.wait(QUESTION)
        if re.match(r"^ Question %d of " % number, s) and re.search(extra, s, re.M):
            q = parse_question(s)
            # a capture taken while curses is still drawing can show the
            # new header over the old prompt: take it only once it is still
            time.sleep(0.05)
            if complete(q, s) and p.screen() == s:
                q["screen"] = s
                return q
        if time.time() > deadline:
            raise AssertionError("no question %d (%r):\n%s" % (number, extra, s))
        time.sleep(0.05)


def no_feedback(q):
    s = q["screen"]
    for word in ("Right", "Wrong", "Why:", "The answer", "correct"):
        assert word not in s, (word, s)


def checked_report(db, **want):
    """The one attempt of db, its fields checked against want."""
    got = report(db)
    assert len(got) == 1, got
    a = got[0]
    for k, v in want.items():
        assert a[k] == v, (k, a[k], v, a)
    return a


# ---- tests ------------------------------------------------------------------

def test_exam_from_the_command_line():
    """Right and wrong answers every way, skip and come back, change an
    answer via the list, submit with confirmation, the results, the
    stored attempt field by field."""
    db = "cli.db"
    p = Pane(["exam", "--count", "6", "--seed", "21", "--pass", "50"], db)
    picks = {}
    try:
        s = p.wait(INTRO)
        assert "6 questions, pass mark 50%: at least 3 of 6 right." in s and "End-to-end fixture" in s, s
        assert "No time limit." in s and "No feedback until you submit" in s, s
        assert "Enter start · ? help · Esc quit" in s, s
        p.keys("Enter")
        q = wait_question(p, 1)
        assert (q["of"], q["answered"], q["left"]) == (6, 0, None), q
        assert q["options"][0]["sel"] and not any(o["mine"] for o in q["options"]), q
        no_feedback(q)
        qs = {1: q}
        p.keys(str(right(q) + 1))                      # 1: right, by number
        picks[1] = right(q)
        qs[2] = q = wait_question(p, 2, r"answered 1/6")
        no_feedback(q)
        p.keys("s")                                    # 2: skipped
        qs[3] = q = wait_question(p, 3)
        p.keys("abcdefgh"[wrong(q)])                   # 3: wrong, by letter
        picks[3] = wrong(q)
        qs[4] = q = wait_question(p, 4, r"answered 2/6")
        p.keys("Right")                                # 4: skipped with →
        qs[5] = q = wait_question(p, 5)
        p.keys(*(["Down"] * right(q) + ["Enter"]))     # 5: right, arrows + Enter
        picks[5] = right(q)
        qs[6] = q = wait_question(p, 6, r"answered 3/6")
        p.click(q["options"][wrong(q)]["row"], 10)     # 6: wrong, by a click
        picks[6] = wrong(q)
        # The skipped ones come back, the first with a notice.
        q = wait_question(p, 2, r"You skipped 2 questions; here they are again\.")
        assert q["prompt"] == qs[2]["prompt"] and q["answered"] == 4, q
        no_feedback(q)
        p.keys(str(right(q) + 1))
        picks[2] = right(q)
        q = wait_question(p, 4, r"answered 5/6")
        assert q["prompt"] == qs[4]["prompt"], q
        p.keys("s")  # the only one left stays
        q = wait_question(p, 4, r"This is the only unanswered question\.")
        p.keys(*(["j"] * wrong(q) + ["Enter"]))        # 4: wrong, j + Enter
        picks[4] = wrong(q)
        # All answered: submitting is offered once; n keeps going.
        s = p.wait(r"Submit the exam\?(?s:.*)n or Esc: keep going")
        assert "All 6 questions are answered." in s, s
        p.keys("n")
        p.gone(r"Submit the exam\?")
        # Change question 3's answer through the list.
        p.keys("l")
        s = p.wait(LIST)
        rows = [ROW.match(l) for l in s.splitlines() if ROW.match(l)]
        assert [int(r.group(2)) for r in rows] == list(range(1, 7)), s
        assert all(r.group(4) != "not answered" for r in rows), s
        assert "6 of 6 questions answered" in s, s
        sel = [int(r.group(2)) for r in rows if r.group(1) == "▸"][0]
        p.keys(*(["Up"] * (sel - 3) if sel >= 3 else ["Down"] * (3 - sel)))
        p.wait(r"^ ▸\s+3    \d\) ")
        p.keys("Enter")
        q = wait_question(p, 3)
        assert q["prompt"] == qs[3]["prompt"], q
        assert [o["mine"] for o in q["options"]].index(True) == picks[3], q
        assert q["options"][picks[3]]["sel"], q  # the highlight starts on the answer
        p.keys(str(right(q) + 1))
        picks[3] = right(q)
        q = wait_question(p, 3, r"All 6 questions are answered: S submits")
        assert q["options"][picks[3]]["mine"], q
        assert "Submit the exam?" not in q["screen"]  # offered once only
        p.keys("p")                                    # back to 2: its answer shows
        q = wait_question(p, 2)
        assert q["options"][picks[2]]["mine"], q
        p.keys("Tab")
        p.wait(LIST)
        p.keys("Escape")
        wait_question(p, 2)
        p.keys("?")
        s = p.wait(r"Keys(?s:.*)any key closes this help")
        assert "skip: it comes back at the end" in s, s
        p.keys("x")
        p.gone(r"any key closes")
        p.keys("S")
        s = p.wait(r"Submit the exam\?(?s:.*)y or Enter: submit now")
        assert "All 6 questions are answered." in s, s
        p.keys("y")
        p.wait(RESULTS)
        assert sum(1 for n in picks if picks[n] == right(qs[n])) == 4, picks
        s = p.wait_all(["Score: 4 of 6 right (67%).", "Result: PASS (pass mark 50%: at least 3 of 6 right).",
                        "Attempt 1 is saved for tester; 'rolecall report' shows it.",
                        "Per role", "Distinctions confused",
                        "Review of the 2 missed questions"])
        assert "Time is up" not in s
        p.keys("End")
        review = []
        for n in (4, 6):
            q = qs[n]
            review += ["Question %d of 6" % n,
                       "Your answer: %d) %s" % (picks[n] + 1, q["options"][picks[n]]["text"]),
                       "The answer: %d) %s" % (right(q) + 1, NAMES[q["marker"]])]
        p.wait_all(review + ["more ↑"])
        # less's keys and search on the results too (issue 21)
        p.keys("g")
        p.wait(r"Score: 4 of 6 right(?s:.*)/ search n N")
        p.keys("/")
        p.wait(r"^ /$")
        p.literal("your ANSWER")
        p.keys("Enter")
        s = p.wait(r"^ +Your answer: (?s:.*)more ↑")
        assert "Your answer" in tmuxlib.reversed_text(p.screen(escapes=True)), s
        p.keys("Enter")
        finish(p)
    finally:
        p.close()
    sha = sha256_of(os.path.join(FIXTURES, "e2e.yaml"))
    a = checked_report(db, id=1, user="tester", started_at=iso(T0), ended_at=iso(T0),
                       status="submitted", count=6, answered=6, correct=4, percent=67,
                       pass_mark=50, passed=True, result="pass", timed_out=False,
                       duration_s=0, time_limit_s=0, seed="21",
                       banks=[{"id": "e2e", "sha256": sha}])
    roles = {r["id"]: (r["asked"], r["correct"]) for r in a["roles"] if r["asked"]}
    want = {}
    for n, q in qs.items():
        asked, ok = want.get(q["marker"], (0, 0))
        want[q["marker"]] = (asked + 1, ok + (picks[n] == right(q)))
    assert roles == want, (roles, want)
    items = exam_items(db)
    assert [(pos, picked, correct) for pos, _, picked, correct in items] == [
        (n - 1, picks[n], int(picks[n] == right(qs[n]))) for n in range(1, 7)], items
    # Submitted exam answers go into the answer log.
    stats = json.loads(run(["stats", "--format", "json"], db))
    assert (stats["answers"], stats["correct"]) == (6, 4), stats


def list_rows(s):
    """The list's rows: {number: (flagged, answer)}, and the highlighted one."""
    rows = [ROW.match(l) for l in s.splitlines() if ROW.match(l)]
    return ({int(r.group(2)): (r.group(3) == "⚑", r.group(4)) for r in rows},
            [int(r.group(2)) for r in rows if r.group(1) == "▸"])


def test_flag_for_review():
    """f flags and unflags on a question and on the list; the header, the
    list (with each answer given) and the submit question show it."""
    db = "flag.db"
    p = Pane(["exam", "--count", "4", "--seed", "21", "--pass", "50"], db)
    try:
        p.wait(INTRO)
        p.keys("Enter")
        q1 = wait_question(p, 1)
        assert "f flag · l list" in q1["screen"], q1["screen"]
        p.keys("f")
        q = wait_question(p, 1, r"Question 1 is flagged for review; f again unflags it\.")
        assert q["screen"].startswith(" Question 1 of 4 · flagged · End-to-end fixture"), q
        p.keys(str(right(q1) + 1))
        q2 = wait_question(p, 2, r"answered 1/4")
        assert "flagged" not in q2["screen"].splitlines()[0], q2["screen"]
        p.keys("f")
        wait_question(p, 2, r"^ Question 2 of 4 · flagged · ")
        p.keys("f")
        q = wait_question(p, 2, r"Question 2 is no longer flagged\.")
        assert "flagged ·" not in q["screen"].splitlines()[0], q["screen"]
        p.keys("s")
        q3 = wait_question(p, 3)
        p.keys("f", str(wrong(q3) + 1))
        wait_question(p, 4, r"answered 2/4")
        p.keys("l")
        s = p.wait(LIST + r"(?s:.*)f flag · S submit")
        assert "2 of 4 questions answered, 2 flagged for review;" in s, s
        rows, sel = list_rows(s)
        assert rows == {1: (True, "%d) %s" % (right(q1) + 1, NAMES[q1["marker"]])),
                        2: (False, "not answered"),
                        3: (True, "%d) %s" % (wrong(q3) + 1,
                                              q3["options"][wrong(q3)]["text"])),
                        4: (False, "not answered")}, s
        assert sel == [4], s
        p.keys("f")                                    # flag 4 from the list
        p.keys("Home", "f")                            # unflag 1
        s = p.wait(r"2 of 4 questions answered, 2 flagged for review;(?s:.*)^ ▸\s+1    %d\) "
                   % (right(q1) + 1))
        rows, sel = list_rows(s)
        assert [n for n in rows if rows[n][0]] == [3, 4] and sel == [1], s
        p.keys("S")
        s = p.wait(r"Submit the exam\?(?s:.*)y or Enter: submit now")
        assert "2 flagged for review." in s, s
        assert "2 of 4 questions are unanswered" in tmuxlib.flat(s), s
        p.keys("n")
        p.gone(r"Submit the exam\?")
        p.keys("Enter")                                # question 1, flag gone
        q = wait_question(p, 1)
        assert "flagged ·" not in q["screen"].splitlines()[0], q["screen"]
        p.keys("?")
        s = p.wait(r"Keys(?s:.*)any key closes this help")
        assert "flag it for review, or unflag it" in s, s
        p.keys("x")
        p.gone(r"any key closes")
        p.keys("S")
        p.wait(r"Submit the exam\?(?s:.*)y or Enter: submit now")
        p.keys("y")
        p.wait(RESULTS)
        p.keys("Enter")
        finish(p, 1)                                   # 1 of 4 is no pass
    finally:
        p.close()
    checked_report(db, status="submitted", count=4, answered=2, correct=1, passed=False)


def test_exam_from_the_menu_with_the_bank_picker():
    path = os.path.join(TMP, "statements.yaml")
    with open(path, "w") as f:
        f.write(STATEMENTS)
    db = "menu.db"
    p = Pane(["--bank", "e2e", "--bank", path, "--count", "4", "--seed", "5"], db)
    try:
        s = p.wait(MENU)
        assert re.search(r"^ {3}3  Exam \(4 questions, pass 80%\)", s, re.M), s
        assert re.search(r"^ {3}4  Stats", s, re.M), s
        p.keys("e")
        s = p.wait(r"Exam: choose the banks(?s:.*)Esc back")
        p.keys("2")  # the e2e bank
        s = p.wait(INTRO)
        assert "4 questions, pass mark 80%: at least 4 of 4 right." in s and "End-to-end fixture" in s, s
        assert "Exam statements" not in s
        assert "Esc back to the menu" in s
        p.keys("Escape")  # nothing started: back to the menu
        p.wait(MENU)
        p.keys("3")
        p.wait(r"Exam: choose the banks")
        p.keys("Down", "Enter")
        p.wait(INTRO)
        p.keys("Enter")
        qs = []
        for n in range(1, 5):
            q = wait_question(p, n, r"answered %d/4" % (n - 1))
            no_feedback(q)
            qs.append(q)
            p.keys(str(wrong(q) + 1))
        s = p.wait(r"Submit the exam\?")
        p.keys("Enter")
        pairs = {}
        for q in qs:
            key = (q["options"][wrong(q)]["text"], NAMES[q["marker"]])
            pairs[key] = pairs.get(key, 0) + 1
        confused = ["You picked %s when the answer was %s (%d time%s)." % (
                        picked, answer, n, "" if n == 1 else "s")
                    for (picked, answer), n in pairs.items()]
        p.wait(RESULTS)
        p.wait_all(["Score: 0 of 4 right (0%).", "Result: FAIL (pass mark 80%: at least 4 of 4 right).",
                    "Enter: back to the menu", "Distinctions confused"] + confused, wrapped=True)
        p.keys("Enter")
        p.wait(MENU)
        p.wait(r"4 answers so far, 0 right")  # exam answers are logged
        p.keys("q")
        finish(p)
    finally:
        p.close()
    checked_report(db, status="submitted", count=4, answered=4, correct=0, percent=0,
                   pass_mark=80, passed=False, result="fail", seed="5")


def test_a_defined_exam_in_the_ui():
    """`rolecall exam ID` in the terminal: the intro names the exam and its
    author, the rules are the definition's, the attempt is stored at it."""
    db = "defined.db"
    path = os.path.join(TMP, "onboarding.yaml")
    with open(path, "w") as f:
        f.write("exam: onboarding\ntitle: Onboarding check\nbanks: [e2e]\n"
                "questions: 4\npass: 75\ntime: 10\n")
    run(["exam", "define", path], db)
    p = Pane(["exam", "onboarding"], db)
    try:
        s = p.wait(INTRO)
        assert re.search(r"Exam onboarding: Onboarding check \(defined by tester; its\s+"
                         r"rules\s+are\s+the\s+same\s+for\s+every\s+candidate\)", s), s
        assert "4 questions, pass mark 75%: at least 3 of 4 right." in s and "Time limit: 10:00." in s, s
        p.keys("Enter")
        for n in range(1, 5):
            q = wait_question(p, n, r"answered %d/4" % (n - 1))
            p.keys(str(right(q) + 1))
        p.wait(r"Submit the exam\?")
        p.keys("Enter")
        p.wait(RESULTS)
        p.wait_all(["Score: 4 of 4 right (100%).", "Result: PASS (pass mark 75%: at least 3 of 4 right)."])
        p.keys("Enter")
        finish(p)
    finally:
        p.close()
    a = checked_report(db, status="submitted", count=4, correct=4, pass_mark=75,
                       time_limit_s=600, result="pass")
    assert testlib.query(testlib.db(os.path.join(TMP, db)), "SELECT definition_id FROM"
                         " exam_attempts WHERE id = %d" % a["id"]) == [("onboarding",)]
    # the command line cannot change it, in the UI either
    p = Pane(["exam", "onboarding", "--count", "2"], db)
    try:
        out = finish(p, 2)
    finally:
        p.close()
    assert ("exam onboarding is defined by a manager, with the same questions, pass mark "
            "and time for every candidate: --count cannot change it") in p.stderr(), \
        p.stderr()


def test_timed_exam_runs_out_while_waiting():
    db = "timed.db"
    p = Pane(["exam", "--count", "5", "--seed", "3", "--time", "0.05"], db)
    try:
        s = p.wait(INTRO)
        assert "Time limit: 00:03. The time starts at the first question" in s, s
        time.sleep(1.5)  # the intro does not count
        p.keys("Enter")
        q = wait_question(p, 1)
        assert q["left"] in (2, 3), q
        p.keys(str(right(q) + 1))
        q = wait_question(p, 2)
        p.keys(str(wrong(q) + 1))
        q = wait_question(p, 3)
        started = time.monotonic()
        seen = {q["left"]}
        while True:  # the clock counts down on its own
            s = p.screen()
            m = HEADER.match(s.splitlines()[0]) if s else None
            if m and m.group(5):
                seen.add(int(m.group(5)) * 60 + int(m.group(6)))
            if "Exam results" in s:
                break
            assert time.monotonic() - started < 8, s
            time.sleep(0.1)
        assert 1 in seen and len(seen) >= 2, seen
        p.wait(RESULTS)
        p.wait_all(["Time is up.", "Score: 1 of 5 right (20%).", "Result: FAIL"])
        p.keys("End")
        s = p.wait(r"more ↑")
        p.keys("Home")
        s = p.wait(r"^ Time is up\.")
        p.keys("Enter")
        finish(p, 1)  # a fail exits 1
    finally:
        p.close()
    checked_report(db, status="submitted", timed_out=True, count=5, answered=2, correct=1,
                   percent=20, passed=False, result="fail", duration_s=3, time_limit_s=3,
                   started_at=iso(T0), ended_at=iso(T0 + 3))
    assert [picked for _, _, picked, _ in exam_items(db)][2:] == [-1, -1, -1]


def test_resize_keeps_the_exam():
    db = "resize.db"
    p = Pane(["exam", "--count", "4", "--seed", "4", "--time", "5"], db)
    try:
        p.wait(INTRO)
        p.keys("Enter")
        q1 = wait_question(p, 1)
        p.keys(str(right(q1) + 1))
        q = wait_question(p, 2)
        last = len(q["options"])
        p.keys(*["Down"] * (last - 1))
        p.wait(r"^ ▸ %d  " % last)
        p.resize(40, 12)
        s = p.wait(r"terminal too small")
        p.keys("1")  # ignored while too small
        time.sleep(0.3)
        p.resize(80, 24)
        q2 = wait_question(p, 2, r"^ ▸ %d  " % last)
        assert q2["prompt"] == q["prompt"] and q2["answered"] == 1, q2
        assert 290 <= q2["left"] <= 300, q2
        p.resize(100, 30)
        q3 = wait_question(p, 2, r"^ Question 2 of 4 · End-to-end fixture {25,}answered 1/4")
        assert q3["options"][last - 1]["sel"], q3
        p.keys("l")
        p.wait(LIST)
        p.resize(70, 20)
        s = p.wait(LIST)
        assert re.search(r"^ ▸\s+2    not answered", s, re.M), s
        p.keys("Escape")
        p.resize(80, 24)
        q4 = wait_question(p, 2, r"^ ▸ %d  " % last)
        assert q4["left"] <= q2["left"]
        p.keys("Enter")  # the highlighted (last) option
        wait_question(p, 3, r"answered 2/4")
        p.keys("q")
        s = p.wait(r"Leave the exam\?(?s:.*)keep going")
        assert "Leaving submits the exam now." in s, s
        assert "2 of 4 questions are unanswered" in s, s
        p.keys("Escape")
        p.gone(r"Leave the exam")
        p.keys("Escape")
        p.wait(r"Leave the exam\?")
        p.keys("y")
        p.wait(RESULTS)
        s = p.wait_all(["Score: ", "Result: "])
        assert "Time is up" not in s, s
        p.keys("Enter")
        finish(p, 1)  # a fail exits 1
    finally:
        p.close()
    a = checked_report(db, status="submitted", timed_out=False, answered=2, time_limit_s=300)
    assert [picked for _, _, picked, _ in exam_items(db)] == [right(q1), last - 1, -1, -1]
    assert a["correct"] == 1 + (last - 1 == right(q2))


def test_leaving_before_it_begins_is_no_pass():
    """'rolecall exam' exits 0 only on a pass: Esc on the intro stores
    nothing and exits 1, saying so after the terminal is restored."""
    db = "left.db"
    p = Pane(["exam", "--count", "3", "--seed", "15"], db)
    try:
        p.wait(INTRO)
        p.keys("Escape")
        finish(p, 1)
        assert p.stderr() == ("rolecall: the exam was left before it began; no attempt "
                              "was stored\n"), p.stderr()
    finally:
        p.close()
    assert report(db) == []


def test_ctrl_c_leaves_the_attempt_open():
    db = "sigint.db"
    p = Pane(["exam", "--count", "5", "--seed", "7"], db)
    try:
        p.wait(INTRO)
        p.keys("Enter")
        q1 = wait_question(p, 1)
        p.keys(str(right(q1) + 1))
        q2 = wait_question(p, 2)
        p.keys(str(wrong(q2) + 1))
        wait_question(p, 3)
        start = time.time()
        p.keys("C-c")
        finish(p, 130)
        assert time.time() - start < 5
        assert ("rolecall: interrupted; exam attempt 1 is not submitted; every answer "
                "given was saved") in p.stderr(), p.stderr()
    finally:
        p.close()
    checked_report(db, status="open", result="in progress", answered=2, correct=None,
                   ended_at=None, count=5)
    text = run(["report"], db)
    assert re.search(r"^1 +tester +2027-01-15 08:00  - +80% +in progress +-$", text,
                     re.M), text
    assert [picked for _, _, picked, _ in exam_items(db)] == [right(q1), wrong(q2), -1, -1, -1]


def test_store_error_ends_the_ui_cleanly():
    """A pick the store cannot commit (another process holds the write
    lock past the busy timeout) ends the UI: terminal restored, then the
    store's message, status 1; the picks before it are kept."""
    testlib.sqlite_only("SQLite's write lock, held past its busy timeout")
    db = "locked.db"
    p = Pane(["exam", "--count", "3", "--seed", "14"], db)
    lock = None
    try:
        p.wait(INTRO)
        p.keys("Enter")
        q = wait_question(p, 1)
        p.keys(str(right(q) + 1))
        q2 = wait_question(p, 2)
        lock = sqlite3.connect(testlib.db(os.path.join(TMP, db)), timeout=0, isolation_level=None)
        lock.execute("BEGIN EXCLUSIVE")
        p.keys(str(right(q2) + 1))
        rc, out = p.exit_status()
        lock.rollback()
        lock.close()
        lock = None
        assert rc == 1, out
        check_restored(p, out)
        check_no_sanitizer(p)
        assert re.search(r"^rolecall: .*(locked|busy)", p.stderr(), re.M | re.I), p.stderr()
    finally:
        if lock:
            lock.close()
        p.close()
    checked_report(db, status="open", answered=1)


def killed_after(db, args, answers):
    """An exam begun in the UI, answered right for `answers` questions,
    then killed with SIGKILL: the questions seen."""
    p = Pane(["exam"] + args, db)
    qs = []
    try:
        p.wait(INTRO)
        p.keys("Enter")
        for n in range(1, answers + 2):
            qs.append(wait_question(p, n))
            if n <= answers:
                p.keys(str(right(qs[-1]) + 1))
        os.kill(p.pid(), 9)
        p.wait(r"EXIT=137")  # the terminal is left as it was: no stty line to read
    finally:
        p.close()
    return qs


def test_resume_from_the_intro_after_kill_9():
    """A new exam's intro offers the attempt a kill -9 left open; r goes on
    with it at the question it was on, the same options, its answers, and
    submits it: no new attempt is begun."""
    db = "resume.db"
    qs = killed_after(db, ["--count", "4", "--seed", "5"], 2)
    p = Pane(["exam", "--count", "4"], db)
    try:
        s = p.wait(INTRO)
        assert ("You have an exam attempt that was not submitted (attempt 1, begun "
                "2027-01-15 08:00 UTC, 2 of 4 questions answered).") in " ".join(
                    l.strip() for l in s.splitlines()), s
        assert "Press r to resume it; Enter starts a new attempt and leaves that one open." \
            in s, s
        assert "Enter start · r resume · ? help · Esc quit" in s, s
        p.keys("r")
        q = wait_question(p, 3, r"Resumed exam attempt 1, begun 2027-01-15 08:00 UTC, 2 of "
                                r"4 questions answered\.")
        assert (q["prompt"], [o["text"] for o in q["options"]], q["answered"]) == (
            qs[2]["prompt"], [o["text"] for o in qs[2]["options"]], 2), q
        p.keys("p")
        q = wait_question(p, 2)
        assert q["options"][right(qs[1])]["mine"], q  # its answer from before the kill
        p.keys("s")
        q = wait_question(p, 3)
        p.keys(str(right(q) + 1))
        q = wait_question(p, 4)
        p.keys(str(wrong(q) + 1))
        p.wait(r"Submit the exam\?(?s:.*)y or Enter: submit now")
        p.keys("y")
        p.wait_all(["Score: 3 of 4 right (75%).", "Attempt 1 is saved for tester"])
        p.keys("Enter")
        finish(p, 1)  # 75% is under the pass mark: a fail exits 1
    finally:
        p.close()
    checked_report(db, id=1, status="submitted", answered=4, correct=3, seed="5")
    assert json.loads(run(["stats", "--format", "json"], db))["answers"] == 4


def test_resume_option_submits_a_timed_out_attempt():
    """`exam --resume` an hour after a timed attempt was killed: its time
    is over, so it is submitted at once, ended at its limit."""
    db = "resume-timed.db"
    killed_after(db, ["--count", "3", "--seed", "6", "--time", "1"], 1)
    p = Pane(["exam", "--resume"], db, env={"ROLECALL_FAKE_NOW": str(T0 + 3600)})
    try:
        p.wait(RESULTS)
        p.wait_all(["Time is up.", "Score: 1 of 3 right (33%)."])
        p.keys("Enter")
        finish(p, 1)  # a fail exits 1
    finally:
        p.close()
    checked_report(db, status="submitted", timed_out=True, ended_at=iso(T0 + 60),
                   duration_s=60, answered=1, correct=1)


def sgr_before(line, text):
    """The SGR parameters set just before text on a captured line."""
    m = re.search(r"((?:\x1b\[[0-9;:]*m)*)" + re.escape(text), line)
    assert m, (text, line)
    return set(x for x in re.split(r"[;:m]|\x1b\[", m.group(1)) if x)


def test_time_left_changes_colour_in_the_last_tenth():
    """A one-minute attempt resumed with 8 s left: its clock is drawn as
    usual, then in the warning's colour (yellow; bold with NO_COLOR) once
    6 s (the last 10%) are left."""
    for name, extra, mark in (("tenth.db", {}, "33"), ("tenth-mono.db", {"NO_COLOR": "1"}, "1")):
        killed_after(name, ["--count", "3", "--seed", "6", "--time", "1"], 0)
        env = dict(extra, ROLECALL_FAKE_NOW=str(T0 + 52))
        p = Pane(["exam", "--resume"], name, env=env)
        try:
            p.wait(r"time left 00:0[78](?s:.*)q leave")
            head = p.screen(escapes=True).splitlines()[0]
            assert mark not in sgr_before(head, "answered 0/3"), (name, repr(head))
            p.wait(r"time left 00:0[1-5](?s:.*)q leave")
            head = p.screen(escapes=True).splitlines()[0]
            assert mark in sgr_before(head, "answered 0/3"), (name, repr(head))
        finally:
            p.close()


SUBMIT = r"^ Submitting the exam(?s:.*)Could not submit; trying again"


def test_a_failed_submit_counts_down_then_gives_up_or_retries():
    """The write lock held past the busy timeout as the exam is submitted:
    the UI counts down to the next try on its screen and bottom line (it
    exited with status 1 before); q leaves the attempt open.  --resume
    then meets the lock again, and once it is gone r submits it, once."""
    testlib.sqlite_only("SQLite's write lock, held past its busy timeout")
    db = "retry.db"
    path = testlib.db(os.path.join(TMP, db))
    p = Pane(["exam", "--count", "2", "--seed", "8"], db)
    lock = None
    try:
        p.wait(INTRO)
        p.keys("Enter")
        for n in (1, 2):
            p.keys(str(right(wait_question(p, n)) + 1))
        p.wait(r"Submit the exam\?(?s:.*)y or Enter: submit now")
        lock = sqlite3.connect(path, timeout=0, isolation_level=None)
        lock.execute("BEGIN IMMEDIATE")
        p.keys("y")
        s = p.wait(SUBMIT + r" in 1 s · r retries now · q gives up", timeout=TIMEOUT + 10)
        flat = " ".join(l.strip() for l in s.splitlines())
        assert ("Could not submit: %s: cannot start submitting the exam: database is "
                "locked;" % path) in flat, s
        assert "Trying again in 1 s (try 2)." in flat, s
        assert ("q gives up for now: attempt 1 stays open with every answer given, and "
                "'rolecall exam --resume' submits it later.") in flat, s
        # the second try fails too; its countdown is 2 s, drawn each second
        p.wait(r"Trying again in 2 s \(try 3\)\.(?s:.*)trying again in 2 s", timeout=TIMEOUT + 10)
        p.wait(r"Trying again in 1 s \(try 3\)\.(?s:.*)trying again in 1 s")
        p.quit_cleanly("q", status=1)
        assert ("rolecall: exam attempt 1 is not submitted (%s: cannot start submitting the "
                "exam: database is locked; another program has held it locked for too long; "
                "close it and try again); it stays open with every answer given, and "
                "'rolecall exam --resume' submits it later\n" % path) in p.stderr(), \
            p.stderr()
    finally:
        p.close()
    checked_report(db, status="open", result="in progress", answered=2)
    p = Pane(["exam", "--resume"], db)
    try:
        # every question answered: submitting is offered at once
        p.wait(r"All 2 questions are answered: S submits(?s:.*)Submit the exam\?(?s:.*)"
               r"y or Enter: submit now")
        p.keys("y")
        p.wait(SUBMIT, timeout=TIMEOUT + 10)
        lock.rollback()
        lock.close()
        lock = None
        p.keys("r")
        p.wait_all(["Score: 2 of 2 right (100%).", "Attempt 1 is saved for tester"])
        p.keys("Enter")
        finish(p)
    finally:
        if lock:
            lock.close()
        p.close()
    checked_report(db, status="submitted", answered=2, correct=2)
    assert testlib.query(path, "SELECT count(*) FROM answers") == [(2,)]
    assert json.loads(run(["stats", "--format", "json"], db))["answers"] == 2


def cpu_ticks(pid):
    with open("/proc/%d/stat" % pid) as f:
        stat = f.read()
    fields = stat[stat.rindex(")") + 2:].split()
    return int(fields[11]) + int(fields[12])


def test_idle_exam_costs_no_cpu():
    """Untimed, the exam waits for keys; timed, it wakes once a second."""
    for args, most in ((["--count", "3"], 5), (["--count", "3", "--time", "5"], 20)):
        p = Pane(["exam", "--seed", "2"] + args, "idle.db")
        try:
            p.wait(INTRO)
            p.keys("Enter")
            wait_question(p, 1)
            pid = p.pid()
            before = cpu_ticks(pid)
            time.sleep(2)
            used = cpu_ticks(pid) - before
            assert used <= most, (args, used)
            p.keys("C-c")
            finish(p, 130)
        finally:
            p.close()


def test_pipes_still_need_plain():
    r = subprocess.run([BIN, "exam", "--db", testlib.db(os.path.join(TMP, "pipe.db"))], input="",
                       capture_output=True, text=True, timeout=60,
                       env=dict(os.environ, **env_for()))
    assert r.returncode == 2 and "use --plain" in r.stderr, (r.returncode, r.stderr)


if __name__ == "__main__":
    sys.exit(tmuxlib.main("ui_exam_e2e", globals(), TMP))
