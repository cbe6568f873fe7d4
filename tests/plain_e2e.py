#!/usr/bin/env python3
"""End-to-end tests of plain mode: the real binary, scripted answers on stdin.

The fixture bank (tests/fixtures/e2e) starts every prompt with the id of the
answer's role, so a driver can answer right, wrong, or confuse a chosen pair
on purpose, and the test can check what the store recorded against what was
shown.  Usage: plain_e2e.py ROLECALL_BINARY
"""
import json
import os
import re
import signal
import stat
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testlib  # noqa: E402
from testlib import NAMES  # noqa: E402

BIN = testlib.binary()
ROLE_OF = {v: k for k, v in NAMES.items()}

TMP = testlib.workdir("rolecall-e2e-")
ENV = testlib.home_env(TMP)


def run(args, stdin="", env=None):
    p = subprocess.run([BIN] + args, input=stdin, capture_output=True,
                       text=True, env=env or ENV, timeout=60)
    return p.returncode, p.stdout, p.stderr


class Plain(testlib.PlainSession):
    """A plain-mode session driven one question at a time."""

    def __init__(self, args):
        super().__init__([BIN] + args, ENV)


def parse_question(block):
    """The last question in a chunk of output: marker role and options."""
    heads = list(re.finditer(r"^\[(\d+)/(\d+)\] (.*)$", block, re.M))
    assert heads, "no question in: " + block[-500:]
    tail = block[heads[-1].end():]
    prompt = tail.strip().splitlines()[0]
    options = re.findall(r"^  (\d)\) (.*)$", tail, re.M)
    return {"number": int(heads[-1].group(1)), "again": "(again)" in heads[-1].group(3),
            "marker": re.match(r"\((\w+)\)", prompt).group(1),
            "options": [ROLE_OF[text] for _, text in options]}


def pick(q, strategy, i):
    """1-based option for a strategy."""
    right = q["options"].index(q["marker"]) + 1
    wrong = 1 if right != 1 else 2
    if strategy == "right":
        return right
    if strategy == "alternate":
        return right if i % 2 == 0 else wrong
    if strategy == "confuse-po-pm":
        if q["marker"] == "po" and "pm" in q["options"] and not q["again"]:
            return q["options"].index("pm") + 1
        return right
    raise ValueError(strategy)


def play(args, strategy, stop_after=None):
    """Play a session; returns (questions, exit code, output, stderr, proc)."""
    s = Plain(args)
    questions = []
    while True:
        block = s.read_prompt()
        if block is None:
            break
        q = parse_question(block)
        questions.append(q)
        s.send(str(pick(q, strategy, len(questions) - 1)))
        if stop_after and len(questions) == stop_after:
            return questions, s
    rc, out, err = s.finish()
    return questions, rc, out, err


def dbp(name):
    """The --db of a test's database `name`: a file in TMP, or on
    PostgreSQL a database of the test server."""
    return testlib.db(os.path.join(TMP, name))


def db_args(name, *more):
    return ["--plain", "--db", dbp(name)] + list(more)


def export_rows(name):
    rc, out, err = run(["export", "--format", "json", "--db", dbp(name)])
    assert rc == 0, err
    return json.loads(out)


def stats_json(name):
    rc, out, err = run(["stats", "--format", "json", "--db", dbp(name)])
    assert rc == 0, err
    return json.loads(out)


# ---- tests ---------------------------------------------------------------

def test_scripted_run_records_every_answer():
    qs, rc, out, err = play(["practice"] + db_args("a.db", "--count", "8", "--seed", "5"),
                            "alternate")
    assert rc == 0, err
    feedback = len(re.findall(r"^(Right: |Wrong\. )", out, re.M))
    assert feedback == len(qs) >= 8, (feedback, len(qs))
    rows = export_rows("a.db")
    assert len(rows) == len(qs), (len(rows), len(qs))
    right = len(re.findall(r"^Right: ", out, re.M))
    assert sum(r["correct"] for r in rows) == right
    for q, r in zip(qs, rows):
        assert r["shown_roles"] == ",".join(q["options"]), (r, q)
        assert r["answer_role"] == q["marker"]
    st = stats_json("a.db")
    assert st["user"] == "tester"
    assert st["answers"] == len(rows) and st["correct"] == right
    expect_conf, expect_roles = {}, {}
    for r in rows:
        y = r["answer_role"]
        t = expect_roles.setdefault(y, [0, 0])
        t[0] += 1
        t[1] += r["correct"]
        for x in dict.fromkeys(r["shown_roles"].split(",")):
            if x and x != y:
                c = expect_conf.setdefault((y, x), [0, 0])
                c[1] += 1
                if not r["correct"] and r["picked_role"] == x:
                    c[0] += 1
    got_conf = {(c["answer"], c["picked"]): [c["count"], c["chances"]]
                for c in st["confusions"]}
    assert got_conf == expect_conf, (got_conf, expect_conf)
    got_roles = {r["id"]: [r["asked"], r["correct"]] for r in st["roles"] if r["asked"]}
    assert got_roles == expect_roles, (got_roles, expect_roles)
    assert "Session: " in out and "Due for review now" in out


def test_drill_targets_the_confused_pair():
    for seed in (1, 2, 3):
        qs, rc, out, err = play(["practice"] + db_args("d.db", "--count", "20",
                                                       "--seed", str(seed)), "confuse-po-pm")
        assert rc == 0, err
    assert "PO: backlog and sprint. PM: roadmap and vision." in out
    st = stats_json("d.db")
    conf = {(c["answer"], c["picked"]): c["count"] for c in st["confusions"]}
    assert conf.get(("po", "pm"), 0) >= 3, conf
    qs, rc, out, err = play(["drill"] + db_args("d.db", "--count", "6", "--seed", "9"), "right")
    assert rc == 0, err
    planned = [q for q in qs if not q["again"]]
    assert len(planned) == 6
    for q in planned:
        assert q["marker"] in ("po", "pm") and {"po", "pm"} <= set(q["options"]), q


def test_same_seed_same_session():
    a = play(["practice"] + db_args("s1.db", "--count", "6", "--seed", "77"), "alternate")
    b = play(["practice"] + db_args("s2.db", "--count", "6", "--seed", "77"), "alternate")
    assert a[0] == b[0]
    c = play(["practice"] + db_args("s3.db", "--count", "6", "--seed", "78"), "alternate")
    assert a[0] != c[0]


def test_kill9_loses_no_recorded_answer():
    for k in range(1, 21):
        name = "k%d.db" % k
        n = 1 + k % 7
        qs, s = play(["practice"] + db_args(name, "--count", "15", "--seed", str(k)),
                     "alternate", stop_after=n)
        # The feedback of answer n is printed after its commit: wait for it.
        sent_at = len(s.out)
        while b"Why: " not in s.out[sent_at:] and s.p.poll() is None:
            s.out += os.read(s.p.stdout.fileno(), 65536)
        os.kill(s.p.pid, signal.SIGKILL)
        s.p.wait()
        rows = export_rows(name)
        assert len(rows) == n, (k, len(rows), n)
        if not testlib.on_pg():
            assert testlib.query(dbp(name), "PRAGMA integrity_check") == [("ok",)]


def test_eof_ends_with_a_summary():
    rc, out, err = run(["practice"] + db_args("eof.db", "--count", "5", "--seed", "1"), "1\n1\n")
    assert rc == 0, err
    assert out.count("Why: ") == 2
    assert "Session: " in out
    assert len(export_rows("eof.db")) == 2


def test_bad_input_help_and_quit():
    rc, out, err = run(["practice"] + db_args("in.db", "--count", "3", "--seed", "1"),
                       "9\nzz\n?\n\nq\n")
    assert rc == 0, err
    assert "Please answer with a number from 1 to " in out
    assert "Type the number (1-" in out
    assert "No questions answered." in out
    assert export_rows("in.db") == []


def test_piped_invalid_answers_stop():
    """`yes 4 | rolecall practice --plain` once asked a 3-option question
    forever (76 GB in ten minutes).  From a pipe, 3 invalid lines in a row
    stop the session with status 2 and one message; what was answered
    stays saved."""
    rc, out, err = run(["practice"] + db_args("yes.db", "--count", "10", "--seed", "1"),
                       "1\n1\n" + "9\n" * 10000)
    assert rc == 2, err
    assert out.count("> 9") == 3 and len(out) < 20000, out
    n = re.findall(r"a number from 1 to (\d) or a letter from a to (\w)", out)[-1]
    assert err == ("rolecall: 3 invalid answers in a row from standard input, which "
                   "is not a terminal: stopped (every answer given so far is saved); "
                   "answer with 1-%s or a-%s\n" % n), err
    assert len(export_rows("yes.db")) == 2


def test_not_a_terminal_suggests_plain():
    rc, out, err = run(["practice", "--db", dbp("t.db")], "1\n")
    assert rc == 2
    assert err == ("rolecall: standard input is not a terminal; use --plain for line "
                   "mode (numbered options, one answer per line)\n"), err


def test_database_modes():
    testlib.sqlite_only("the file's and its folder's modes")
    rc, out, err = run(["practice", "--plain", "--count", "1"], "1\n")
    assert rc == 0, err
    path = os.path.join(TMP, "xdg", "rolecall", "rolecall.db")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode) == 0o700


def test_stats_before_any_answer():
    # stats creates no database (a typo in --db is not a new one)
    if not testlib.on_pg():
        rc, out, err = run(["stats", "--db", dbp("empty.db")])
        assert (rc, out, err) == (1, "", "rolecall: %s: no such database; check --db, or start"
                                  " one with 'rolecall practice'\n" % dbp("empty.db")), err
        assert not os.path.exists(dbp("empty.db"))
    assert run(["db", "init", "--db", dbp("empty.db")])[0] == 0
    rc, out, err = run(["stats", "--db", dbp("empty.db")])
    assert rc == 0, err
    assert out == "tester: 0 answers, 0 right (0%)\nNo answers yet: start with 'rolecall practice'.\n"


DESIGN_BANK = """bank: design
title: Design roles
description: "Two roles that no other bank of the tests has."
roles:
  - {id: ux, name: UX Designer}
  - {id: ba, name: Business Analyst}
contrasts:
  - {roles: [ux, ba], text: 'UX: the experience. BA: the requirements.'}
questions:
  - {id: design-ux, prompt: 'Who designs the experience?', answer: ux, options: [ux, ba],
     explain: Because designing the experience is the UX Designer's job.}
  - {id: design-ba, prompt: 'Who writes the requirements?', answer: ba, options: [ux, ba],
     explain: Because writing the requirements is the Business Analyst's job.}
"""


def test_stats_name_the_roles_of_a_bank_no_longer_loaded():
    # issue 21: the names are saved with the answers, so stats run without
    # the bank still say "UX Designer", not "ux"
    path = os.path.join(TMP, "design.yaml")
    with open(path, "w") as f:
        f.write(DESIGN_BANK)
    db = dbp("design.db")
    rc, out, err = run(["practice", "--plain", "--bank", path, "--count", "2", "--seed", "3",
                        "--db", db], "2\n\n2\n\n")
    assert rc == 0, err
    rc, out, err = run(["stats", "--db", db])
    assert rc == 0, err
    rows = [line.split() for line in out.splitlines() if "/ 1 " in line]
    assert [" ".join(r[:2]) for r in rows] == ["Business Analyst", "UX Designer"], out
    assert ("You picked UX Designer when the answer was Business Analyst in 1 of 1 chances."
            in out), out
    rc, out, err = run(["stats", "--format", "json", "--db", db])
    assert rc == 0, err
    names = {r["id"]: r["name"] for r in json.loads(out)["roles"]}
    assert names == {"ux": "UX Designer", "ba": "Business Analyst"}, names
    # answers saved before names were (an upgraded database): the next run
    # with the bank names their roles, before it asks anything
    testlib.query(db, "DELETE FROM role_names")
    assert "UX Designer" not in run(["stats", "--db", db])[1]
    rc, out, err = run(["practice", "--plain", "--bank", path, "--count", "1", "--db", db], "")
    assert rc == 0, err
    assert "UX Designer" in run(["stats", "--db", db])[1]
    # an exam's report names them too, the bank gone
    rc, out, err = run(["exam", "--plain", "--bank", path, "--count", "2", "--seed", "1",
                        "--db", db], "1\n1\ny\n")
    assert rc in (0, 1), err
    rc, out, err = run(["report", "--format", "json", "--db", db])
    assert rc == 0, err
    names = {r["id"]: r["name"] for r in json.loads(out)[-1]["roles"]}
    assert names == {"ux": "UX Designer", "ba": "Business Analyst"}, names


def test_export_csv_header_and_rows():
    rc, out, err = run(["export", "--db", dbp("a.db")])
    assert rc == 0, err
    lines = out.splitlines()
    assert lines[0] == ("id,user,answered_at,mode,bank,question,answer_role,picked,"
                        "picked_role,correct,elapsed_ms,shown_roles,shown_choices")
    assert len(lines) == 1 + len(export_rows("a.db"))
    assert lines[1].split(",")[3] == "practice"


def test_csv_never_starts_a_formula():
    # A user name a spreadsheet would run (issue 15, item 7) is written as text.
    name = '=HYPERLINK("http://x.example","hi")'
    db = dbp("formula.db")
    rc, out, err = run(["practice", "--plain", "--count", "1", "--user", name, "--db", db], "1\n")
    assert rc == 0, err
    want = '"\'=HYPERLINK(""http://x.example"",""hi"")"'
    rc, out, err = run(["export", "--user", name, "--db", db])
    assert rc == 0, err
    assert out.splitlines()[1].split(",", 2)[1] != name
    assert "," + want + "," in out.splitlines()[1], out
    rc, out, err = run(["exam", "--plain", "--count", "1", "--user", name, "--db", db], "1\n")
    assert rc == testlib.exam_status(out), err
    rc, out, err = run(["report", "--all", "--format", "csv", "--db", db])
    assert rc == 0, err
    assert want in out, out
    assert "\n=" not in out and ",=" not in out, out


def test_percentages_round_the_same_everywhere():
    """2 of 3 is 67% in plain mode as in stats and the UI (issue 14, item 3:
    plain once said 66%)."""
    qs, rc, out, err = play(["practice"] + db_args("pct.db", "--count", "2", "--seed", "5"),
                            "alternate")
    assert rc == 0, err
    m = re.search(r"^Session: (\d+) of (\d+) right \((\d+)%\)", out, re.M)
    assert m and (m.group(1), m.group(2)) == ("2", "3"), out
    assert m.group(3) == "67", out
    rc, out, err = run(["stats", "--db", dbp("pct.db")])
    assert rc == 0 and out.startswith("tester: 3 answers, 2 right (67%)\n"), out


def test_one_wording_for_a_confusion():
    """Feedback, the session's summary and stats word a confusion one way
    (issue 21): "You picked X when the answer was Y"."""
    qs, rc, out, err = play(["practice"] + db_args("word.db", "--count", "12", "--seed", "4"),
                            "confuse-po-pm")
    assert rc == 0, err
    n = sum(1 for q in qs if q["marker"] == "po" and "pm" in q["options"] and not q["again"])
    assert n >= 1, qs
    assert out.count("\nProduct Owner vs Product Manager: PO: backlog and sprint. PM: "
                     "roadmap and vision.\n") == n, out
    assert ("Confused this session:\n  You picked Product Manager when the answer was "
            "Product Owner (%d time%s)\n" % (n, "" if n == 1 else "s")) in out, out
    assert "took" not in out, out
    st = stats_json("word.db")
    c = [c for c in st["confusions"] if (c["answer"], c["picked"]) == ("po", "pm")][0]
    rc, out, err = run(["stats", "--db", dbp("word.db")])
    assert rc == 0, err
    assert ("\nMost confused\n  You picked Product Manager when the answer was Product "
            "Owner in %d of %d chances.\n" % (n, c["chances"])) in out, out
    assert c["count"] == n, c


def test_backup_is_one_file_that_can_be_copied_alone():
    """rolecall backup FILE (issue 15, item 5): answers still in the -wal
    are in the backup, which alone, copied elsewhere, reads the same."""
    rc, out, err = run(["practice"] + db_args("bk.db", "--count", "12", "--seed", "8"),
                       "1\n2\n" * 12)
    assert rc == 0, err
    if not testlib.on_pg():  # the answers are still in the -wal: no read folded them
        assert os.path.getsize(dbp("bk.db") + "-wal") > 0
    dest = os.path.join(TMP, "bk-backup.db")
    rc, out, err = run(["backup", "--db", dbp("bk.db"), dest])
    assert rc == 0, err
    before = stats_json("bk.db")
    assert before["answers"] >= 12, before
    assert out == ("rolecall: %s backed up to %s, one file that can be copied alone\n"
                   % (dbp("bk.db"), dest)), out
    assert stat.S_IMODE(os.stat(dest).st_mode) == 0o600
    alone = os.path.join(TMP, "elsewhere", "bk-alone.db")
    os.makedirs(os.path.dirname(alone), exist_ok=True)
    with open(dest, "rb") as f, open(alone, "wb") as g:
        g.write(f.read())
    rc, out, err = run(["stats", "--format", "json", "--db", alone])
    assert rc == 0, err
    assert json.loads(out) == before
    rc, out, err = run(["backup", "--db", dbp("bk.db"), dest])
    assert (rc, err) == (1, "rolecall: %s exists already; give the backup a new file "
                         "name\n" % dest), err


def test_a_path_too_long_for_sqlite_is_refused_and_nothing_made():
    """Issue 15, item 14: a --db whose full path SQLite cannot open failed
    as "unable to open database file" and left folders and an empty file
    behind; now it says the limit and makes nothing.  504 bytes work."""
    testlib.sqlite_only("a file's path")
    top = os.path.join(TMP, "long")

    def path_of(n):
        head = os.path.join(top, "a" * 200, "b" * 200)
        return os.path.join(head, "c" * (n - len(head) - 1 - 3) + ".db")

    rc, out, err = run(["practice", "--plain", "--count", "1", "--db", path_of(505)], "1\n")
    assert (rc, err) == (1, "rolecall: %s: the database's full path is 505 bytes, and "
                         "SQLite takes at most 504; give --db a shorter path\n"
                         % path_of(505)), err
    assert not os.path.exists(top)
    rc, out, err = run(["practice", "--plain", "--count", "1", "--db", path_of(504)], "1\n")
    assert rc == 0, err


def bad_row_message(name, row, what, value):
    tool = "psql" if testlib.on_pg() else "sqlite3"
    return ("rolecall: %s: %s has an impossible %s (%s); the database was changed by "
            "something other than rolecall: fix that row with %s or give --db another "
            "file\n" % (dbp(name), row, what, value, tool))


def test_out_of_range_numbers_are_a_bad_row():
    """Issue 15, item 10: a number read back out of the range rolecall
    writes (an end time of -1e308, a last review at -Inf, a negative
    count) was undefined behaviour under UBSan (a subtraction that
    overflowed) or wrapped; now each read names the row, the column and
    the value.  SQLite keeps such a number as a real; a server's bigint
    holds the extreme integers and its double precision -Infinity."""
    name = "range.db"
    for args, stdin in ((["practice", "--count", "3", "--seed", "1"], "1\n2\n1\n"),
                        (["exam", "--count", "3", "--seed", "2"], "1\n1\n1\nsubmit\ny\n"),
                        (["trivia", "--players", "Ana,Ben", "--rounds", "2", "--time", "5",
                          "--seed", "3"], "1\n" * 8)):
        rc, out, err = run(args + db_args(name), stdin)
        assert rc == (testlib.exam_status(out) if args[0] == "exam" else 0), (args, err)
    db = dbp(name)
    qid = testlib.query(db, "SELECT min(question_id) FROM question_state"
                        " WHERE user_id = 1")[0][0]
    role = testlib.query(db, "SELECT min(role_id) FROM role_tally WHERE user_id = 1")[0][0]
    low, neg_inf = ("-9223372036854775808", "'-Infinity'") if testlib.on_pg() else \
        ("-1e308", "-9e999")
    low_shown = "-9223372036854775808" if testlib.on_pg() else "-1e+308"
    cases = [
        ("exam_attempts", "ended_at", low, "id = 1", [["report"], ["report", "--all"]],
         "exam attempt 1", "end time", low_shown),
        ("question_state", "last_review", neg_inf if not testlib.on_pg() else low,
         "user_id = 1 AND question_id = '%s'" % qid,
         [["stats"], ["drill", "--plain"], ["practice", "--plain"]],
         "the schedule of question " + qid, "time of last review",
         low_shown if testlib.on_pg() else "-inf"),
        ("question_state", "stability", neg_inf, "user_id = 1 AND question_id = '%s'" % qid, [["stats"]],
         "the schedule of question " + qid, "stability", "-inf"),
        ("question_state", "reps", "-1", "user_id = 1 AND question_id = '%s'" % qid, [["stats"]],
         "the schedule of question " + qid, "number of reviews", "-1"),
        ("answers", "answered_at", low, "id = 2", [["export"], ["drill", "--plain"]],
         "answer 2 in the log", "time of answer", low_shown),
        ("role_tally", "asked", "4294967296", "user_id = 1 AND role_id = '%s'" % role, [["stats"]],
         "the tally of role " + role, "number of times asked", "4294967296"),
        ("users", "answers", "-5", "name = 'tester'", [["stats"]],
         "profile 1", "number of answers", "-5"),
        ("trivia_players", "score", "9223372036854775807", "name = 'Ana'",
         [["report", "--trivia"]], "player Ana of trivia game 1", "score",
         "9223372036854775807"),
        ("trivia_games", "time_limit_ms", "-1", "id = 1", [["report", "--trivia"]],
         "trivia game 1", "time limit", "-1"),
    ]
    for table, column, value, where, commands, row, what, shown in cases:
        before = testlib.query(db, "SELECT %s FROM %s WHERE %s" % (column, table, where))
        assert len(before) == 1, (table, where, before)
        testlib.query(db, "UPDATE %s SET %s = %s WHERE %s" % (table, column, value, where))
        for args in commands:
            rc, out, err = run(args + ["--db", db], "1\nq\n")
            assert (rc, err) == (1, bad_row_message(name, row, what, shown)), (args, rc, err)
        testlib.query(db, "UPDATE %s SET %s = ? WHERE %s" % (table, column, where), before[0])
    rc, out, err = run(["stats", "--db", db])
    assert rc == 0, err


def test_fake_now_out_of_range_is_refused():
    """Issue 15, item 10: ROLECALL_FAKE_NOW near INT64_MAX overflowed the
    next due time; a clock before 1970 or after 9999 is refused."""
    for value in ("9223372036854775000", "253402300800", "-1", "12abc"):
        env = dict(ENV, ROLECALL_FAKE_NOW=value)
        rc, out, err = run(["practice"] + db_args("fake-now.db", "--count", "1"), "1\n", env)
        assert (rc, err) == (2, "rolecall: ROLECALL_FAKE_NOW is '%s', not a time rolecall "
                             "can keep: give unix seconds from 0 to 253402300799 (the end "
                             "of the year 9999), or unset it\n" % value), (value, err)
    env = dict(ENV, ROLECALL_FAKE_NOW="253402300799")
    rc, out, err = run(["practice"] + db_args("fake-now.db", "--count", "2"), "1\n1\n", env)
    assert rc == 0, err
    assert [r["answered_at"] for r in export_rows("fake-now.db")] == \
        ["9999-12-31T23:59:59Z"] * 2


def test_rebuild_gives_the_same_stats():
    before = stats_json("d.db")
    rc, out, err = run(["stats", "--rebuild", "--format", "json", "--db",
                        dbp("d.db")])
    assert rc == 0, err
    assert json.loads(out) == before


def test_unknown_bank_id_is_not_a_path():
    rc, out, err = run(["practice", "--plain", "--bank", "..", "--db", dbp("x.db")])
    assert rc == 1
    assert err == "rolecall: no bank with id '..'; 'rolecall check' lists the banks\n", err


def main():
    # Order matters only where a test reads another's database.
    order = ["test_scripted_run_records_every_answer", "test_drill_targets_the_confused_pair"]
    tests = sorted(testlib.tests_in(globals()),
                   key=lambda t: (order.index(t[0]) if t[0] in order else len(order), t[0]))
    return testlib.main(tests, [TMP])


if __name__ == "__main__":
    sys.exit(main())
