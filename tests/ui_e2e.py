#!/usr/bin/env python3
"""End-to-end tests of the terminal UI: the real binary in a real terminal.

Each test starts rolecall in its own tmux server (a unique -L socket,
80x24), types with send-keys and reads the screen with capture-pane,
polling until the expected text appears.  The fixture bank
(tests/fixtures/e2e) starts every prompt with the id of the answer's role,
"(po) ...", so the test knows which option is right.  Everything runs in a
temporary HOME with --db files there.

After rolecall exits, the pane's shell prints EXIT=<status> and `stty -a`,
so a test can see that the terminal was given back (icanon, echo, no
alternate screen).  rolecall's stderr goes to a file, where sanitizer
reports would land too; every test fails on one.

Usage: ui_e2e.py ROLECALL_BINARY
"""
import json
import os
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testlib  # noqa: E402
import tmuxlib  # noqa: E402
from testlib import FIXTURES, NAMES  # noqa: E402
from tmuxlib import check_no_sanitizer, check_restored  # noqa: E402,F401

BIN = testlib.binary()
TMP = testlib.workdir("rolecall-ui-")
# Sanitizer builds are slower; nothing waits this long unless it is broken.
# reliability.py raises it for them after importing this module.
TIMEOUT = float(os.environ.get("UI_E2E_TIMEOUT", "20"))
# How long the feedback ignores the key that answered (a double press).
REPEAT_S = 0.45
CONTRAST = "PO: backlog and sprint. PM: roadmap and vision."

# A bank of "which statement fits?" questions, with typography the UI
# must show as it is: curly quotes, a dash, an emoji.
STATEMENTS = """\
bank: ui-statements
title: Statements — “fixture” 🚀
roles:
  - {id: pm, name: Product Manager}
  - {id: po, name: Product Owner}
  - {id: pjm, name: Project Manager}
questions:
  - id: ui-why
    prompt: "(po) [why] Which is the Product Owner — the “tactical” one? 🚀"
    choices:
      - {text: "Works the backlog and the sprints.", role: po, correct: true}
      - {text: "Sells the vision to the C-level.", role: pm, why: "Vision for the C-level is the Product Manager’s job."}
      - {text: "Keeps the project plan on time.", role: pjm, why: "That is the Project Manager."}
    explain: The PO is the tactical one.
  - id: ui-describes
    prompt: "(po) [describes] Which statement describes the Product Owner?"
    choices:
      - {text: "Accepts the team's work in the sprint review.", role: po, correct: true}
      - {text: "Tracks milestones and risks.", role: pjm}
    explain: Accepting work is the PO's.
"""

class Pane(tmuxlib.Pane):
    """rolecall in an 80x24 xterm of its own, its database in TMP."""

    def __init__(self, args, db="ui.db", size=(80, 24), env=None, term="xterm-256color",
                 lang="C.UTF-8"):
        e = tmuxlib.isolated_env(TMP, **tmuxlib.terminal(term, lang))
        e.update(env or {})
        argv = [BIN] + list(args)
        if db:
            argv += ["--db", testlib.db(os.path.join(TMP, db))]
        super().__init__(argv, e, TMP, "rolecall-ui", size, timeout=TIMEOUT)


def export_rows(db):
    p = subprocess.run([BIN, "export", "--format", "json", "--db", testlib.db(os.path.join(TMP, db))],
                       capture_output=True, text=True, timeout=60,
                       env=dict(os.environ, ROLECALL_QUIZZES=FIXTURES, USER="tester"))
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def stats_json(db, extra_env=None):
    env = dict(os.environ, ROLECALL_QUIZZES=FIXTURES, USER="tester", **(extra_env or {}))
    p = subprocess.run([BIN, "stats", "--format", "json", "--db", testlib.db(os.path.join(TMP, db))],
                       capture_output=True, text=True, timeout=60, env=env)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


# ---- reading the question screen -------------------------------------------

# Each pattern ends with the screen's status line: curses draws top to
# bottom, so once it is there the whole screen is.
QUESTION = r"question \d+ of \d+(?s:.*)(1-\d or a-[a-h] pick)"
FEEDBACK = r"^ The answer: \d\) (?s:.*)go on"
# The menu hint follows its items: "1-5 or p d e s q pick".
MENU = r"Hello, tester(?s:.*)1-\d or p d [a-z ]*q pick"
SUMMARY = r"^ (Practice|Drill) over(?s:.*)Enter: (back|exit)"
STATS = r"^ Stats(?s:.*)q back"
OPTION = re.compile(r"^ ([▸> ]) (\d)  (\S.*?)\s*$")


def parse_question(screen):
    lines = screen.splitlines()
    number = int(re.search(r"question (\d+) of", screen).group(1))
    prompt = next(l for l in lines if re.match(r"^ \(\w+\) ", l))
    options = []
    for row, line in enumerate(lines):
        m = OPTION.match(line)
        if m:
            options.append({"row": row, "n": int(m.group(2)), "text": m.group(3),
                            "sel": m.group(1) != " "})
    marker = re.match(r"^ \((\w+)\)", prompt).group(1)
    return {"number": number, "marker": marker, "prompt": prompt.strip(),
            "options": options, "again": "(again)" in lines[0]}


def right_index(q):
    """0-based position of the right option on a fixture question."""
    return [o["text"] for o in q["options"]].index(NAMES[q["marker"]])


def wait_question(p, after=0):
    """The next question screen with a number above `after`."""
    deadline = time.time() + TIMEOUT
    while True:
        s = p.wait(QUESTION)
        q = parse_question(s)
        if q["number"] > after and q["options"]:
            return q, s
        if time.time() > deadline:
            raise AssertionError("no question after %d:\n%s" % (after, s))
        time.sleep(0.05)


def answer(p, q, pos, how="number"):
    """Pick option pos (0-based) of the shown question; returns the feedback."""
    if how == "number":
        p.keys(str(pos + 1))
    elif how == "letter":
        p.keys("abcdefgh"[pos])
    elif how == "arrows":
        p.keys(*(["Down"] * pos + ["Enter"]))
    elif how == "jk":
        p.keys(*(["j"] * (pos + 1) + ["k", "Enter"]))
    fb = p.wait(FEEDBACK)
    if how in ("arrows", "jk"):
        # Enter answered: an Enter right after is taken for a double press
        # and ignored, so that the explanation is seen (issue 21)
        time.sleep(REPEAT_S)
    return fb


def play_to_summary(p, choose=None, after=0):
    """Answer until the summary; choose(q) gives the position (right by
    default).  Returns the questions and the feedback screens."""
    asked, feedback, last = [], [], 0
    q, s = wait_question(p, after)
    while True:
        asked.append(q)
        pos = choose(q) if choose else right_index(q)
        fb = answer(p, q, pos)
        feedback.append(fb)
        p.keys("Enter")
        last = q["number"]
        s = p.wait(QUESTION + "|" + SUMMARY)
        if re.search(SUMMARY, s, re.M):
            return asked, feedback, s
        q, s = wait_question(p, last)


def quit_and_exit(p, *keys):
    """Type keys; rolecall exits 0 with nothing from a sanitizer."""
    p.keys(*keys)
    rc, out = p.exit_status()
    assert rc == 0, out
    check_no_sanitizer(p)


def leave_session_and_exit(p):
    """q, y: leave the session; Enter on its summary; rolecall exits 0."""
    p.keys("q", "y")
    p.wait(SUMMARY)
    quit_and_exit(p, "Enter")


# ---- tests ------------------------------------------------------------------

def test_menu_shows_user_answers_and_due():
    db = "menu.db"
    # Three answers in plain mode, then the menu two months later: all due.
    r = subprocess.run([BIN, "practice", "--plain", "--count", "3", "--seed", "3", "--db",
                        testlib.db(os.path.join(TMP, db))], input="1\n1\n1\n", capture_output=True,
                       text=True, env=dict(os.environ, ROLECALL_QUIZZES=FIXTURES,
                                           USER="tester"), timeout=60)
    assert r.returncode == 0, r.stderr
    later = str(int(time.time()) + 60 * 86400)
    due = stats_json(db, {"ROLECALL_FAKE_NOW": later})["due"]
    assert due >= 1
    p = Pane([], db=db, env={"ROLECALL_FAKE_NOW": later})
    try:
        s = p.wait(MENU)
        assert re.search(r"^ 3 answers so far, \d+ right \(\d+%\)\. " + str(due) +
                         r" reviews? due now\.", s, re.M), s
        for item in ("1  Practice", "2  Drill weak spots", "3  Exam (20 questions, pass 80%)",
                     "4  Stats", "5  Trivia", "6  Roles", "7  Quit"):
            assert item in s, s
        p.keys("?")
        p.wait(r"Keys(?s:.*)practice drill exam stats trivia\s.*\n.*\sroles quit")
        p.keys("x")
        p.gone(r"any key closes")
        p.quit_cleanly("q")
    finally:
        p.close()


def test_practice_from_menu_every_way_to_answer():
    db = "flow.db"
    p = Pane(["--count", "4", "--seed", "11"], db=db)
    try:
        p.wait(MENU)
        p.keys("1")
        q, s = wait_question(p)
        assert re.search(r"^ End-to-end fixture\s+question 1 of 4$", s, re.M), s
        assert re.search(r"^ [░]+$", s.splitlines()[1]), s  # nothing answered yet
        assert q["options"][0]["sel"], s
        # 1: right, by number
        fb = answer(p, q, right_index(q), "number")
        assert "✔ Right!" in fb and "(your pick: right)" in fb, fb
        assert "The answer: %d) %s" % (right_index(q) + 1, NAMES[q["marker"]]) in fb
        assert "Why: Because the fixture says so (%s)." % q["marker"] in fb
        p.keys("Enter")
        # 2: right, by letter
        q, s = wait_question(p, 1)
        fb = answer(p, q, right_index(q), "letter")
        assert "✔ Right!" in fb, fb
        p.keys("Space")
        # 3: right, with arrows + Enter
        q, s = wait_question(p, 2)
        assert re.search(r"^ █+░+$", s.splitlines()[1]), s  # progress
        fb = answer(p, q, right_index(q), "arrows")
        assert "✔ Right!" in fb, fb
        p.keys("Enter")
        # 4: wrong, with j/k + Enter
        q, s = wait_question(p, 3)
        wrong = 1 if right_index(q) != 1 else 0
        fb = answer(p, q, wrong, "jk")
        assert "✘ Wrong." in fb and "(your pick)" in fb, fb
        assert "The answer: %d) %s" % (right_index(q) + 1, NAMES[q["marker"]]) in fb, fb
        assert "This question will come back in a few questions." in fb, fb
        p.keys("Enter")
        asked, _, s = play_to_summary(p, after=4)
        assert any(a["again"] for a in asked), asked
        total = 4 + len(asked)
        assert re.search(r"Score: %d of %d right" % (total - 1, total), s), s
        assert "Per role" in s and "Due for review now:" in s, s
        assert "Enter: back to the menu" in s
        p.keys("Enter")
        s = p.wait(MENU)
        assert re.search(r"%d answers so far" % total, s), s
        p.quit_cleanly("q")
        assert len(export_rows(db)) == total
    finally:
        p.close()


def confuse_po_pm(q):
    names = [o["text"] for o in q["options"]]
    if q["marker"] == "po" and NAMES["pm"] in names and not q["again"]:
        return names.index(NAMES["pm"])
    return right_index(q)


def test_confusion_contrast_summary_and_stats_grid():
    db = "confuse.db"
    p = Pane(["practice", "--count", "20", "--seed", "5"], db=db)
    try:
        asked, feedback, s = play_to_summary(p, confuse_po_pm)
        confused = [fb for fb in feedback if "✘ Wrong." in fb]
        assert confused, "no po question offered pm"
        for fb in confused:
            assert "Product Owner vs Product Manager:" in fb, fb
            assert CONTRAST in fb, fb
            assert "The answer: " in fb and "Product Owner  (the answer)" in fb, fb
        assert "Confused this session" in s, s
        assert ("You picked Product Manager when the answer was Product Owner (%d time"
                % len(confused)) in tmuxlib.flat(s), s
        assert "Enter: exit" in s  # started as "rolecall practice"
        p.quit_cleanly("Enter")
    finally:
        p.close()
    cells = {(c["answer"], c["picked"]): (c["count"], c["chances"])
             for c in stats_json(db)["confusions"]}
    count, chances = cells[("po", "pm")]
    assert count == len(confused), (cells, len(confused))
    p = Pane(["stats"], db=db)
    try:
        s = p.wait(r"Confusions \(rows(?s:.*)q back")
        lines = s.splitlines()
        head = next(i for i, l in enumerate(lines) if l.startswith(" Confusions")) + 1
        ids = {m.group(0): m.end() for m in re.finditer(r"\w+", lines[head])}
        row = next(l for l in lines[head + 1:] if l.startswith("   Product Owner"))
        cell = re.search(r"(\S+)\s*$", row[:ids["pm"]]).group(1)
        assert cell == "%d/%d" % (count, chances), (cell, row, lines[head])
        assert re.search(r"^   Product Owner\s+.*\s-(\s|$)", row), row  # the diagonal
        assert "Accuracy per role" in s and "█" in s, s
        assert "more ↓" in s, s  # the rest is a scroll away
        p.keys("NPage")
        s = p.wait(r"Last 14 days(?s:.*)more ↑")
        assert ("You picked Product Manager when the answer was Product Owner in %d of %d "
                "chances." % (count, chances)) in tmuxlib.flat(s), s
        assert re.search(r"\[ *[▁▂▃▄▅▆▇█]\]", s), s  # today, on the sparkline
        assert "Due for review now:" in s
        p.keys("?")
        p.wait(r"picks/chances; \? = never offered together")
        p.keys("Escape")
        p.gone(r"any key closes")
        p.quit_cleanly("q")
    finally:
        p.close()


def test_help_overlay_keeps_the_question():
    p = Pane(["practice", "--count", "3", "--seed", "2"], db="help.db")
    try:
        q, s = wait_question(p)
        p.keys("Down")
        p.wait(r"^ ▸ 2  ")
        p.keys("?")
        s = p.wait(r"Keys(?s:.*)any key closes this help")
        for text in ("1-8 or a-h", "pick that option", "leave the session (answers are saved)",
                     "any key closes this help"):
            assert text in s, s
        p.keys("z")
        p.gone(r"any key closes")
        s = p.wait(r"^ ▸ 2  (?s:.*)pick")
        assert "Keys" not in s and q["prompt"] in s, s
        p.keys("q")
        p.wait(r"Leave this session\?")
        p.keys("y")
        p.wait(SUMMARY)
        p.keys("Enter")
        rc, out = p.exit_status()
        assert rc == 0
    finally:
        p.close()


def test_resize_too_small_and_back_keeps_state():
    p = Pane(["practice", "--count", "3", "--seed", "4"], db="resize.db")
    try:
        q, s = wait_question(p)
        last = len(q["options"])
        p.keys(*["Down"] * (last - 1))
        p.wait(r"^ ▸ %d  " % last)
        p.resize(40, 12)
        s = p.wait(r"terminal too small(?s:.*)answers are")
        assert "60×16" in s.replace("\n", " ").replace("  ", " "), s
        p.keys("1")  # ignored while too small
        time.sleep(0.2)
        p.resize(80, 24)
        s = p.wait(r"^ ▸ %d  (?s:.*)pick" % last)
        assert q["prompt"] in s and "question 1 of 3" in s, s
        assert "The answer" not in s
        p.resize(100, 30)  # larger: the same screen, wider
        s = p.wait(r"^ End-to-end fixture {60,}question 1 of 3$(?s:.*)pick")
        assert len(s.splitlines()[0]) > 80 and q["prompt"] in s, s
        p.resize(80, 24)
        q2, s = wait_question(p)
        assert q2["options"][last - 1]["sel"], s
        p.keys("Enter")
        fb = p.wait(FEEDBACK)
        assert ("%s  (your pick" % q["options"][last - 1]["text"]) in fb, fb
        p.resize(40, 12)
        p.wait(r"terminal too small")
        p.resize(80, 24)
        p.wait(FEEDBACK)
        leave_session_and_exit(p)
    finally:
        p.close()


def test_mouse_click_picks_an_option():
    db = "mouse.db"
    p = Pane(["--count", "3", "--seed", "8"], db=db)
    try:
        s = p.wait(MENU)
        row = next(i for i, l in enumerate(s.splitlines()) if "1  Practice" in l)
        p.click(row, 8)  # the menu item
        q, s = wait_question(p)
        target = q["options"][right_index(q)]
        p.click(target["row"], 10)
        fb = p.wait(FEEDBACK)
        assert "✔ Right!" in fb, fb
        # A click on feedback goes on, like any key, once it is not the
        # second click of a double click.
        time.sleep(REPEAT_S)
        p.click(3, 3)
        q2, s = wait_question(p, q["number"])
        wrong = 1 if right_index(q2) != 1 else 0
        p.click(q2["options"][wrong]["row"], 20)
        fb = p.wait(FEEDBACK)
        assert "✘ Wrong." in fb, fb
        p.keys("q", "y")
        p.wait(SUMMARY)
        rows = export_rows(db)
        assert [r["correct"] for r in rows] == [1, 0], rows
        p.keys("Enter")
        p.wait(MENU)
        p.keys("q")
        rc, out = p.exit_status()
        assert rc == 0
    finally:
        p.close()


def test_quit_with_confirmation_keeps_answers():
    db = "quit.db"
    p = Pane(["practice", "--count", "6", "--seed", "6"], db=db)
    try:
        q, s = wait_question(p)
        answer(p, q, right_index(q))
        p.keys("Enter")
        q, s = wait_question(p, 1)
        answer(p, q, right_index(q))
        p.keys("Enter")
        q, s = wait_question(p, 2)
        p.keys("q")
        s = p.wait(r"Leave this session\?(?s:.*)n or Esc: stay")
        assert "Everything you answered is already saved." in s, s
        p.keys("n")
        s = p.gone(r"Leave this session")
        q3, s = wait_question(p)
        assert q3["number"] == 3
        p.keys("Escape")
        p.wait(r"Leave this session\?")
        p.keys("y")
        s = p.wait(SUMMARY)
        assert "Score: 2 of 2 right (100%)" in s, s
        p.quit_cleanly("Enter")
        assert len(export_rows(db)) == 2
    finally:
        p.close()


def signal_test(db, sig, status, word, with_keys):
    p = Pane(["practice", "--count", "6", "--seed", "7"], db=db)
    try:
        q, s = wait_question(p)
        answer(p, q, right_index(q))
        p.keys("Enter")
        q, s = wait_question(p, 1)
        answer(p, q, 1 if right_index(q) != 1 else 0)  # wrong, and recorded
        start = time.time()
        if with_keys:
            p.keys("C-c")
        else:
            os.kill(p.pid(), sig)
        rc, out = p.exit_status()
        assert rc == status, (rc, out)
        # The loop notices at once (the read returns on the signal).
        assert time.time() - start < 5, time.time() - start
        check_restored(p, out)
        check_no_sanitizer(p)
        assert "rolecall: %s; every answer given was saved" % word in p.stderr()
        rows = export_rows(db)
        assert [r["correct"] for r in rows] == [1, 0], rows
    finally:
        p.close()


def test_ctrl_c_restores_the_terminal():
    signal_test("sigint.db", signal.SIGINT, 130, "interrupted", True)


def test_sigterm_restores_the_terminal():
    signal_test("sigterm.db", signal.SIGTERM, 143, "terminated", False)


def test_sighup_restores_the_terminal():
    signal_test("sighup.db", signal.SIGHUP, 129, "hung up", False)


def test_store_error_ends_the_ui_cleanly():
    """An answer the store cannot commit (another process holds the
    database's write lock past the busy timeout) ends the UI: terminal
    restored, then the store's message, status 1, nothing half-saved."""
    import sqlite3
    testlib.sqlite_only("SQLite's write lock, held past its busy timeout")
    db = "locked.db"
    p = Pane(["practice", "--count", "3", "--seed", "14"], db=db)
    lock = None
    try:
        q, s = wait_question(p)
        answer(p, q, right_index(q))
        p.keys("Enter")
        q, s = wait_question(p, 1)
        lock = sqlite3.connect(testlib.db(os.path.join(TMP, db)), timeout=0, isolation_level=None)
        lock.execute("BEGIN EXCLUSIVE")
        p.keys(str(right_index(q) + 1))
        rc, out = p.exit_status()  # after the store's busy timeout
        lock.rollback()
        lock.close()
        lock = None
        assert rc == 1, out
        check_restored(p, out)
        check_no_sanitizer(p)
        err = p.stderr()
        assert re.search(r"^rolecall: .*(locked|busy)", err, re.M | re.I), err
        assert len(export_rows(db)) == 1
    finally:
        if lock:
            lock.close()
        p.close()


def test_a_server_gone_is_shown_and_waited_for():
    """On PostgreSQL: the server ends rolecall's session and refuses new
    ones for a while; the answer waits, the bottom line says so, and once
    the database takes connections again the answer is saved once and the
    session goes on."""
    if not testlib.on_pg():
        raise testlib.Skip("a file has no server to lose")
    db = "lost.db"
    name = "t_lost_db"
    p = Pane(["practice", "--count", "3", "--seed", "14"], db=db)
    try:
        q, s = wait_question(p)
        answer(p, q, right_index(q))
        p.keys("Enter")
        q, s = wait_question(p, 1)
        testlib.psql('ALTER DATABASE "%s" ALLOW_CONNECTIONS false' % name)
        testlib.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                     " WHERE datname = '%s' AND application_name = 'rolecall'" % name)
        p.keys(str(right_index(q) + 1))
        s = p.wait(r"server gone; trying again in \d\.\d s \(try \d+\); your answer is kept")
        testlib.psql('ALTER DATABASE "%s" ALLOW_CONNECTIONS true' % name)
        p.wait(FEEDBACK, timeout=TIMEOUT + 10)
        leave_session_and_exit(p)
        assert len(export_rows(db)) == 2
    finally:
        try:
            testlib.psql('ALTER DATABASE "%s" ALLOW_CONNECTIONS true' % name)
        finally:
            p.close()


def test_c_locale_is_ascii_and_works():
    db = "clocale.db"
    p = Pane(["--count", "2", "--seed", "9"], db=db, lang="C")
    try:
        s = p.wait(MENU)
        assert "> 1  Practice" in s and "|" in s, s
        p.keys("p")
        s = p.wait(QUESTION)
        assert re.search(r"^ -+$", s.splitlines()[1]), s
        assert all(ord(c) < 128 for c in s), s
        q = parse_question(s)
        fb = answer(p, q, right_index(q))
        assert "+ Right!" in fb, fb
        p.keys("Enter")
        q, s = wait_question(p, 1)
        fb = answer(p, q, 1 if right_index(q) != 1 else 0)
        assert "x Wrong." in fb, fb
        p.keys("Enter")
        q, s = wait_question(p, 2)
        p.keys("q", "y")
        s = p.wait(SUMMARY)
        assert all(ord(c) < 128 for c in s), s
        p.quit_cleanly("Enter", "q")
    finally:
        p.close()


def has_colour(escaped):
    for params in re.findall(r"\x1b\[([0-9;:]*)m", escaped):
        for x in re.split(r"[;:]", params):
            if x and (30 <= int(x) <= 38 or 40 <= int(x) <= 48 or 90 <= int(x) <= 107):
                return True
    return False


def feedback_escapes(env, term="xterm-256color", db="colour.db"):
    p = Pane(["practice", "--count", "2", "--seed", "10"], db=db, env=env, term=term)
    try:
        q, s = wait_question(p)
        answer(p, q, right_index(q))
        esc = p.screen(escapes=True)
        p.keys("Enter")
        q, s = wait_question(p, 1)
        fb = answer(p, q, 1 if right_index(q) != 1 else 0)
        assert "✘ Wrong." in fb  # in words, not only in colour
        p.keys("q", "y")
        p.wait(SUMMARY)
        p.quit_cleanly("Enter")
        return esc
    finally:
        p.close()


def test_colour_and_no_color():
    assert has_colour(feedback_escapes({}, db="colour.db"))
    esc = feedback_escapes({"NO_COLOR": "1"}, db="nocolour.db")
    assert not has_colour(esc), repr(esc)
    assert "\x1b[1m" in esc or re.search(r"\x1b\[[0-9;]*\b1\b", esc), repr(esc)  # bold instead


def test_other_terminal_types():
    for term in ("xterm", "screen", "tmux", "linux", "vt100"):
        esc = feedback_escapes({}, term=term, db="term-%s.db" % term)
        if term == "vt100":
            assert not has_colour(esc), term


def test_statement_banks_picker_and_typography():
    path = os.path.join(TMP, "statements.yaml")
    with open(path, "w") as f:
        f.write(STATEMENTS)
    db = "stmt.db"
    p = Pane(["--bank", "e2e", "--bank", path, "--seed", "12"], db=db)
    try:
        p.wait(MENU)
        p.keys("1")
        s = p.wait(r"Which banks(?s:.*)Esc back")
        assert re.search(r"▸ 1  All banks\s+22 questions", s), s
        assert re.search(r"2  End-to-end fixture\s+20 questions", s), s
        assert re.search(r"3  Statements — “fixture” 🚀\s+2 questions", s), s
        p.keys("Down", "Down")
        s = p.wait(r"▸ 3  Statements")
        p.keys("Enter")
        seen = set()
        last = 0
        while True:
            s = p.wait(QUESTION + "|" + SUMMARY)
            if "Practice over" in s:
                break
            q = parse_question(s)
            if q["number"] <= last:
                time.sleep(0.05)
                continue
            last = q["number"]
            texts = [o["text"] for o in q["options"]]
            if "[why]" in q["prompt"]:
                assert "the “tactical” one? 🚀" in q["prompt"], q["prompt"]
            if q["again"]:
                pos = [i for i, t in enumerate(texts) if t.startswith(("Works", "Accepts"))][0]
                fb = answer(p, q, pos)
            elif "[why]" in q["prompt"]:
                fb = answer(p, q, texts.index("Sells the vision to the C-level."))
                assert "That choice: Vision for the C-level is the Product Manager’s job." in fb, fb
                seen.add("why")
            else:
                fb = answer(p, q, texts.index("Tracks milestones and risks."))
                assert "That statement describes the Project Manager." in fb, fb
                seen.add("describes")
            p.keys("Enter")
        assert seen == {"why", "describes"}, seen
        assert re.search(r"Score: 2 of 4 right", s), s
        p.keys("Enter")
        p.wait(MENU)
        quit_and_exit(p, "q")
    finally:
        p.close()


def test_drill_without_confusions_says_so_and_stats_empty():
    p = Pane(["--count", "2", "--seed", "13"], db="drill.db")
    try:
        p.wait(MENU)
        p.keys("d")
        s = p.wait(r"No confusions recorded yet(?s:.*)pick")
        assert "question 1 of 2" in s, s
        p.keys("q", "y")
        s = p.wait(SUMMARY)
        assert "No questions answered." in s, s
        p.keys("s")
        s = p.wait(STATS)
        assert "No answers yet: start with Practice." in s, s
        p.keys("q")
        p.wait(MENU)
        p.keys("Escape")
        rc, out = p.exit_status()
        assert rc == 0, out
        check_no_sanitizer(p)
    finally:
        p.close()


def test_reasks_keep_the_planned_length_and_drill_names_its_pair():
    """A missed question coming back shows "question 4 of 3 (+1 again)",
    not a session that grew; its feedback keeps "(again)"; a drill says
    which confused pair its question puts side by side."""
    db = "again.db"
    p = Pane(["practice", "--count", "3", "--seed", "5"], db=db)
    try:
        missed = None

        def miss_first(q):
            nonlocal missed
            if missed is None:
                wrong = 1 if right_index(q) == 0 else 0
                missed = (NAMES[q["marker"]], q["options"][wrong]["text"])
                return wrong
            return right_index(q)

        asked, feedback, s = play_to_summary(p, miss_first)
        assert missed is not None, asked
        again = [q for q in asked if q["again"]]
        assert again, asked
        # the header of every question after the miss, as drawn: the
        # planned 3 and the re-ask beside it
        numbers = [q["number"] for q in asked]
        assert numbers == list(range(1, len(asked) + 1)), numbers
        fb_again = feedback[asked.index(again[0])]
        first = fb_again.splitlines()[0]
        assert re.search(r"\(again\)\s+question %d of 3 \(\+1 again\)$" % again[0]["number"],
                         first), first
        p.keys("Enter")
        rc, out = p.exit_status()
        assert rc == 0, out
    finally:
        p.close()
    p = Pane(["drill", "--count", "1", "--seed", "5"], db=db)
    try:
        s = p.wait(r"Drilling: (?s:.*)pick")
        assert "Drilling: %s vs %s" % missed in s, (missed, s)
        leave_session_and_exit(p)
    finally:
        p.close()


def eight_role_bank():
    """A folder with one bank of 8 roles whose ids are long: at 80 columns
    the confusion grid shows 4 of its 8 columns."""
    folder = os.path.join(TMP, "eight")
    os.makedirs(folder, exist_ok=True)
    roles = [("role-num-%d" % i, "Role " + "ABCDEFGH"[i]) for i in range(8)]
    text = "bank: eight\ntitle: Eight roles\nroles:\n"
    text += "".join("  - {id: %s, name: %s}\n" % r for r in roles)
    text += "questions:\n"
    for i, (rid, _) in enumerate(roles):
        text += ("  - id: q%d\n    prompt: \"(%s) Who?\"\n    answer: %s\n"
                 "    explain: It is %s.\n" % (i, rid, rid, rid))
    with open(os.path.join(folder, "eight.yaml"), "w") as f:
        f.write(text)
    return folder


def test_confusion_grid_scrolls_sideways_with_a_legend():
    folder = eight_role_bank()
    env = dict(os.environ, ROLECALL_QUIZZES=folder, USER="tester", HOME=TMP,
               XDG_DATA_HOME=os.path.join(TMP, "xdg"))
    r = subprocess.run([BIN, "practice", "--plain", "--count", "8", "--seed", "2", "--db",
                        testlib.db(os.path.join(TMP, "eight.db"))], input="1\n2\n3\n" * 3,
                       capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 0, r.stderr
    p = Pane(["stats"], db="eight.db", size=(80, 40), env={"ROLECALL_QUIZZES": folder})
    try:
        s = p.wait(r"columns 1–4 of 8: ←/→ scroll sideways(?s:.*)q back")
        lines = s.splitlines()
        head = next(i for i, l in enumerate(lines) if l.startswith(" Confusions")) + 1
        assert re.match(r"^ +role-num-0 +role-num-1 +role-num-2 +role-num-3 →$",
                        lines[head]), lines[head]
        # rows in the bank's order
        rows = [l.split()[1] for l in lines[head + 1:head + 9]]
        assert rows == list("ABCDEFGH"), lines[head + 1:head + 9]
        legend = " ".join(l.strip() for l in lines if "Role" in l and "=" in l)
        legend = legend.replace("\xa0", " ")  # no-break spaces keep id and name together
        assert legend.startswith("columns: role-num-0 = Role A · role-num-1 = Role B"), s
        assert "role-num-7 = Role H" in legend, legend
        p.keys("Right")
        s = p.wait(r"columns 2–5 of 8(?s:.*)q back")
        lines = s.splitlines()
        assert re.match(r"^ +← +role-num-1 +role-num-2 +role-num-3 +role-num-4 →$",
                        lines[head]), lines[head]
        p.keys(*["Right"] * 9)
        s = p.wait(r"columns 5–8 of 8(?s:.*)q back")
        assert re.match(r"^ +← +role-num-4 +role-num-5 +role-num-6 +role-num-7$",
                        s.splitlines()[head]), s
        p.keys("Left")
        p.wait(r"columns 4–7 of 8(?s:.*)q back")
        quit_and_exit(p, "q")
    finally:
        p.close()


def exit_status_when_small(p):
    """exit_status of a pane too small for the shell's report: grown back
    once the report is there."""
    p.wait(r"^STTY-END", join=True)
    p.resize(80, 24)
    return p.exit_status()


def test_too_small_q_quits_and_stats_fall_back_to_text():
    p = Pane(["practice", "--count", "2", "--seed", "1"], db="small.db")
    try:
        wait_question(p)
        p.resize(40, 12)
        s = p.wait(r"terminal too small(?s:.*)q quits")
        assert "(now 40×12; q quits, answers are saved)" in s.replace("\n", ""), s
        p.keys("q")
        rc, out = exit_status_when_small(p)
        assert rc == 0, out
        check_no_sanitizer(p)
    finally:
        p.close()
    p = Pane(["stats"], db="small.db", size=(50, 12))
    try:
        # the text (scrolled away by the shell's report by now) and not the
        # full-screen UI: the line that says so, and a clean exit
        rc, out = exit_status_when_small(p)
        assert rc == 0, out
        err = p.stderr()
        assert err == ("rolecall: the terminal is 50x12, smaller than the 60x16 the "
                       "full-screen UI needs: line mode instead, as with --plain\n"), err
    finally:
        p.close()


def test_double_press_keeps_the_explanation_and_less_keys_scroll():
    db = "double.db"
    p = Pane(["practice", "--count", "2", "--seed", "3"], db=db, size=(80, 16))
    try:
        q, s = wait_question(p)
        key = str(right_index(q) + 1)
        p.keys(key, key)  # a double press
        fb = p.wait(FEEDBACK)
        time.sleep(REPEAT_S)
        assert "✔ Right!" in p.screen(), p.screen()  # still the explanation
        p.keys(key)  # the same key, later: go on
        wait_question(p, q["number"])
        p.keys("q", "y")
        p.wait(SUMMARY)
        p.keys("s")
        s = p.wait(STATS)
        assert "more ↓" in s, s
        p.keys("G")
        s = p.wait(r"Due for review now:(?s:.*)more ↑")
        p.keys("g")
        s = p.wait(r"Accuracy per role(?s:.*)more ↓")
        p.keys("Space")
        s = p.wait(r"more ↑")
        assert "Accuracy per role" not in s, s
        p.keys("b")
        p.wait(r"Accuracy per role(?s:.*)more ↓")
        p.keys("q")  # stats from the summary of "rolecall practice": the end
        rc, out = exit_status_when_small(p)
        assert rc == 0, out
        check_no_sanitizer(p)
    finally:
        p.close()


def cursor(p):
    """(row, column, visible) of the terminal's cursor."""
    y, x, flag = p.tmux("display", "-p", "#{cursor_y} #{cursor_x} #{cursor_flag}").split()
    return int(y), int(x), flag == "1"


def marker_row(screen):
    return next(i for i, l in enumerate(screen.splitlines()) if l.startswith(" ▸"))


def test_cursor_sits_on_the_selection():
    p = Pane(["--count", "2", "--seed", "4"], db="cursor.db")
    try:
        s = p.wait(MENU)
        assert cursor(p) == (marker_row(s), 1, True), (cursor(p), s)
        p.keys("Down")
        s = p.wait(r"^ ▸ 2  Drill")
        assert cursor(p) == (marker_row(s), 1, True), (cursor(p), s)
        p.keys("Up", "Enter")
        q, s = wait_question(p)
        assert cursor(p) == (q["options"][0]["row"], 1, True), (cursor(p), s)
        p.keys("Down")
        s = p.wait(r"^ ▸ 2  ")
        assert cursor(p) == (marker_row(s), 1, True), (cursor(p), s)
        answer(p, q, right_index(q))
        assert not cursor(p)[2], "a cursor on the feedback, which has no selection"
        p.keys("q", "y")
        p.wait(SUMMARY)
        p.keys("Enter")
        p.wait(MENU)
        quit_and_exit(p, "q")
    finally:
        p.close()


def test_redirected_output_still_draws_on_the_terminal():
    """`rolecall practice > file` at a terminal (issue 15, item 15): the
    screens are drawn on the terminal (/dev/tty), not into the file, and
    the session works; the file gets nothing."""
    db = "redirect.db"
    out = os.path.join(TMP, "redirected.txt")
    e = tmuxlib.isolated_env(TMP, **tmuxlib.terminal("xterm-256color", "C.UTF-8"))
    e["OUT"] = out
    argv = ["/bin/sh", "-c", 'exec "$0" "$@" > "$OUT"', BIN, "practice", "--count", "1",
            "--seed", "3", "--db", testlib.db(os.path.join(TMP, db))]
    p = tmuxlib.Pane(argv, e, TMP, "rolecall-ui", (80, 24), timeout=TIMEOUT)
    try:
        q, s = wait_question(p)
        answer(p, q, right_index(q))
        leave_session_and_exit(p)
        assert os.path.getsize(out) == 0, open(out, errors="replace").read()[:200]
        assert len(export_rows(db)) == 1
    finally:
        p.close()
    # a terminal on stdin but no controlling terminal (a new session): there
    # is nowhere to draw, and it says so
    master, slave = os.openpty()
    try:
        with open(out, "w") as f:
            r = subprocess.run([BIN, "practice", "--count", "1", "--db",
                                testlib.db(os.path.join(TMP, db))],
                               stdin=slave, stdout=f, stderr=subprocess.PIPE, text=True,
                               env=dict(e, PATH=os.environ["PATH"]), timeout=60,
                               start_new_session=True)
    finally:
        os.close(master)
        os.close(slave)
    assert (r.returncode, r.stderr) == (1, "rolecall: standard output is not a terminal, "
                                        "and there is no terminal to draw on; use --plain "
                                        "for line mode\n"), (r.returncode, r.stderr)


def test_plain_wraps_at_word_boundaries_in_a_terminal():
    """--plain in a 40-column terminal: the bundled banks' long prompts and
    explanations wrap between words, never at the edge inside one (no row
    is full: the terminal never had to break a line itself); through a
    pipe the same session keeps one line per paragraph."""
    quizzes = os.path.join(os.path.dirname(testlib.HERE), "quizzes")
    args = ["practice", "--plain", "--count", "1", "--seed", "3"]
    p = Pane(args, db="wrap.db", size=(40, 40), env={"ROLECALL_QUIZZES": quizzes})
    try:
        s = p.wait(r"^>\s*$")
        p.keys("1", "Enter")  # wrong: the contrast and the return are said too
        s = p.wait(r"(?s)Why: .*come back.*^>\s*$")
        rows = s.split("\n")
        assert max(len(r.rstrip()) for r in rows) <= 39, s
        assert sum(1 for r in rows if r.startswith("  ") and r.strip()) > 0, s
    finally:
        p.close()
    env = dict(os.environ, ROLECALL_QUIZZES=quizzes, USER="tester", HOME=TMP,
               XDG_DATA_HOME=os.path.join(TMP, "xdg"))
    r = subprocess.run([BIN] + args + ["--db", testlib.db(os.path.join(TMP, "wrap2.db"))],
                       input="1\n", capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 0, r.stderr
    why = [l for l in r.stdout.splitlines() if l.startswith("Why: ")]
    assert len(why) == 1 and len(why[0]) > 40, r.stdout


def test_plain_and_pipes_stay_line_mode():
    env = dict(os.environ, ROLECALL_QUIZZES=FIXTURES, USER="tester", HOME=TMP,
               XDG_DATA_HOME=os.path.join(TMP, "xdg"))
    r = subprocess.run([BIN, "--count", "1", "--db", testlib.db(os.path.join(TMP, "pipe.db"))],
                       input="", capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 2 and "use --plain" in r.stderr, (r.returncode, r.stderr)
    # stats creates no database: db init makes it
    assert subprocess.run([BIN, "db", "init", "--db", testlib.db(os.path.join(TMP, "pipe.db"))],
                          capture_output=True, env=env, timeout=60).returncode == 0
    r = subprocess.run([BIN, "stats", "--db", testlib.db(os.path.join(TMP, "pipe.db"))], input="",
                       capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 0 and r.stdout.startswith("tester: 0 answers"), r.stdout


if __name__ == "__main__":
    sys.exit(tmuxlib.main("ui_e2e", globals(), TMP))
