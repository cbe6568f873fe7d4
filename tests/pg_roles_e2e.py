#!/usr/bin/env python3
"""Who can see and change what on a shared PostgreSQL database, after
`rolecall db grant`: two learners and a manager, each a database login,
each refusal asserted exactly, through rolecall and through psql directly
(row-level security holds for any client, not only for rolecall).

Starts its own throwaway server (tests/pg_server.py).
Usage: pg_roles_e2e.py ROLECALL_BINARY
"""
import csv
import io
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testlib  # noqa: E402
from pg_server import PgServer  # noqa: E402

BIN = testlib.binary()
TMP = testlib.workdir("rolecall-pg-roles-")
PG = None
DB = "team"


def uri(user, db=DB):
    return PG.uri(db, user)


def run(user, args, stdin="", db=DB):
    env = testlib.home_env(TMP, user="someone-else")
    env.pop("ROLECALL_DB", None)
    env["ROLECALL_DB"] = uri(user, db)
    p = subprocess.run([BIN] + args, input=stdin, capture_output=True, text=True,
                       env=env, timeout=60)
    return p.returncode, p.stdout, p.stderr


def psql(user, sql, db=DB):
    """psql as user: (status, output, error) without raising."""
    p = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", uri(user, db),
                        "-c", sql], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def setup():
    PG.createdb(DB)
    rc, out, err = run("rc_admin", ["db", "init"])
    assert rc == 0, err
    # cyd is granted but never runs rolecall: a learner without a profile
    for kind, name in (("learner", "ana"), ("learner", "bob"), ("learner", "cyd"),
                       ("manager", "meg")):
        rc, out, err = run("rc_admin", ["db", "grant", kind, name])
        assert rc == 0, err
        want = {"learner": "rolecall: %s is a learner: they add to and read their own "
                           "profile only\n",
                "manager": "rolecall: %s is a manager: they read every profile's "
                           "results\n"}[kind] % name
        assert out == want, out
    for user, seed in (("ana", "1"), ("bob", "2")):
        rc, out, err = run(user, ["practice", "--plain", "--count", "3", "--seed", seed],
                           "1\n2\n1\n")
        assert rc == 0, err
        rc, out, err = run(user, ["exam", "--plain", "--count", "3", "--seed", seed],
                           "1\n2\n1\n")
        assert rc == testlib.exam_status(out), err


# ---- through rolecall -----------------------------------------------------------

def test_a_profile_is_the_login():
    rc, out, err = run("ana", ["export", "--format", "json", "--all"])
    assert rc == 0, err
    rows = json.loads(out)
    assert rows and {r["user"] for r in rows} == {"ana"}, rows


def test_a_learner_cannot_act_as_another():
    rc, out, err = run("ana", ["stats", "--user", "bob"])
    assert rc == 1
    assert err == ("rolecall: %s: you are logged in to the database as ana, and only a "
                   "manager acts for another profile; leave out --user bob\n"
                   % uri("ana")), err


def test_a_learner_sees_only_their_own_attempts():
    rc, out, err = run("ana", ["report", "--all", "--format", "json"])
    assert rc == 0, err
    assert [a["user"] for a in json.loads(out)] == ["ana"], out


def test_a_manager_sees_every_learner():
    rc, out, err = run("meg", ["report", "--all", "--format", "json"])
    assert rc == 0, err
    assert sorted(a["user"] for a in json.loads(out)) == ["ana", "bob"], out
    rc, out, err = run("meg", ["stats", "--user", "bob", "--format", "json"])
    assert rc == 0, err
    assert json.loads(out)["answers"] > 0, out


def test_users_a_learner_sees_only_their_own_profile():
    rc, out, err = run("ana", ["users", "--format", "json"])
    assert (rc, err) == (0, ""), err
    assert [(u["user"], u["answers"], u["exam_attempts"]) for u in json.loads(out)] == [
        ("ana", 6, 1)], out
    rc, out, err = run("meg", ["users", "--format", "json"])
    assert (rc, err) == (0, ""), err
    assert [(u["user"], u["answers"], u["exam_attempts"]) for u in json.loads(out)] == [
        ("ana", 6, 1), ("bob", 6, 1)], out


def test_cohort_a_manager_sees_every_learner_a_learner_only_themself():
    """The cohort on a shared database is the logins granted learner: cyd,
    who never ran rolecall, is "not taken"; meg, a manager, is not in it.
    A learner's cohort is themself alone."""
    rc, out, err = run("meg", ["report", "--all", "--format", "json"])
    assert rc == 0, err
    result = {a["user"]: (a["correct"], a["count"], a["passed"]) for a in json.loads(out)}
    assert sorted(result) == ["ana", "bob"], result
    rc, out, err = run("meg", ["report", "--cohort", "--format", "csv"])
    assert (rc, err) == (0, ""), err
    rows = list(csv.reader(io.StringIO(out)))
    want = []
    for user in ("ana", "bob"):
        ok, n, passed = result[user]
        pct = str((ok * 100 + n // 2) // n)
        want.append([user, "passed" if passed else "not passed", "1", "1", str(ok), str(n),
                     pct, str(ok), str(n), pct] +
                    (["2027-01-15T08:00:00Z"] if passed else [""]) +
                    ["0", "pass" if passed else "latest"])
    assert [r[:10] + r[11:] for r in rows[1:]] == [w[:10] + w[11:] for w in want] + [
        ["cyd", "not taken", "0", "0"] + [""] * 8], rows
    assert all(r[10] == "" or r[10].endswith("Z") for r in rows[1:]), rows
    rc, out, err = run("meg", ["report", "--cohort"])
    assert (rc, err) == (0, ""), err
    assert "\ncyd                0  -            -            not taken      -\n" in out, out
    assert "meg" not in out, out
    rc, out, err = run("ana", ["report", "--cohort", "--format", "json"])
    assert (rc, err) == (0, ""), err
    got = json.loads(out)
    assert [p["user"] for p in got["people"]] == ["ana"], out
    rc, out, err = run("ana", ["stats", "--format", "json"])
    own = json.loads(out)
    assert sorted((c["answer"], c["picked"], c["count"]) for c in got["confusions"]) == \
        sorted((c["answer"], c["picked"], c["count"]) for c in own["confusions"]
               if c["count"]), (got, own)
    rc, out, err = run("cyd", ["report", "--cohort", "--format", "csv"])
    assert (rc, err) == (0, ""), err
    assert out.splitlines()[1:] == ["cyd,not taken,0,0,,,,,,,,,"], out


def test_a_learner_cannot_grant():
    rc, out, err = run("ana", ["db", "grant", "manager", "ana"])
    assert rc == 1
    assert err == ("rolecall: %s: cannot set up the roles and their rights: permission "
                   "denied for schema public; your database role may not do this; ask "
                   "the database's owner (doc/teams.md)\n" % uri("ana")), err


# ---- through psql: the database itself refuses ------------------------------------

def count(user, table):
    rc, out, err = psql(user, "SELECT count(*) FROM %s" % table)
    assert rc == 0, err
    return int(out)


def test_a_learner_reads_only_their_own_rows():
    for table in ("answers", "exam_attempts", "exam_items", "question_state", "role_names"):
        own = int(psql("rc_admin", "SELECT count(*) FROM %s t WHERE %s" % (
            table, "t.user_id = (SELECT id FROM users WHERE name = 'ana')"
            if table != "exam_items" else
            "t.attempt_id IN (SELECT a.id FROM exam_attempts a JOIN users u"
            " ON u.id = a.user_id WHERE u.name = 'ana')"))[1])
        everyone = count("rc_admin", table)
        assert 0 < own < everyone, (table, own, everyone)
        assert count("ana", table) == own, table
    rc, out, err = psql("ana", "SELECT name FROM users ORDER BY name")
    assert out == "ana\n", out


def test_a_learner_cannot_rewrite_results():
    before = psql("rc_admin", "SELECT id, correct, status FROM exam_attempts ORDER BY id")[1]
    rc, out, err = psql("ana", "UPDATE exam_attempts SET correct = 3")
    assert rc == 0 and err == "", err  # a submitted attempt is not the learner's to change
    rc, out, err = psql("ana", "UPDATE exam_items SET correct = 1")
    assert rc == 0 and err == "", err
    assert psql("rc_admin", "SELECT id, correct, status FROM exam_attempts ORDER BY id"
                )[1] == before
    for sql, table in (("DELETE FROM exam_attempts", "exam_attempts"),
                       ("DELETE FROM exam_items", "exam_items"),
                       ("DELETE FROM answers", "answers"),
                       ("UPDATE answers SET correct = 1", "answers")):
        rc, out, err = psql("ana", sql)
        assert rc == 1 and err == "ERROR:  permission denied for table %s\n" % table, \
            (sql, err)


def test_a_learner_cannot_write_for_another():
    bob = psql("rc_admin", "SELECT id FROM users WHERE name = 'bob'")[1].strip()
    rc, out, err = psql("ana", "INSERT INTO answers (user_id, bank_id, question_id,"
                        " about_roles, shown_roles, shown_choices, picked, correct,"
                        " elapsed_ms, answered_at, mode) VALUES (%s, 'b', 'q', '', '', '',"
                        " 0, 1, 0, 0, 'practice')" % bob)
    assert rc == 1 and err == ('ERROR:  new row violates row-level security policy for '
                               'table "answers"\n'), err
    rc, out, err = psql("ana", "INSERT INTO users (name, created_at) VALUES ('eve', 0)")
    assert rc == 1 and err == ('ERROR:  new row violates row-level security policy for '
                               'table "users"\n'), err


def test_a_learner_cannot_name_roles_for_another():
    bob = psql("rc_admin", "SELECT id FROM users WHERE name = 'bob'")[1].strip()
    rc, out, err = psql("ana", "INSERT INTO role_names VALUES (%s, 'x', 'X')" % bob)
    assert rc == 1 and err == ('ERROR:  new row violates row-level security policy for '
                               'table "role_names"\n'), err
    rc, out, err = psql("ana", "UPDATE role_names SET name = 'X'")
    assert rc == 0, err
    assert psql("rc_admin", "SELECT count(*) FROM role_names r JOIN users u"
                " ON u.id = r.user_id WHERE u.name = 'bob' AND r.name = 'X'")[1] == "0\n"


def test_an_upgrade_keeps_learners_saving():
    """A schema 2 database where db grant ran: db init's upgrade gives the
    learners their rights on the new table too, without another grant."""
    PG.createdb("older")
    assert run("rc_admin", ["db", "init"], db="older")[0] == 0
    rc, out, err = run("rc_admin", ["db", "grant", "learner", "ana"], db="older")
    assert rc == 0, err
    rc, out, err = psql("rc_admin", "DROP TABLE role_names;"
                        " UPDATE rolecall_schema SET version = 2", db="older")
    assert rc == 0, err
    rc, out, err = run("rc_admin", ["db", "init"], db="older")
    assert (rc, out) == (0, "rolecall: the PostgreSQL database is ready (schema 3)\n"), err
    rc, out, err = run("ana", ["practice", "--plain", "--count", "2", "--seed", "4"],
                       "1\n2\n", db="older")
    assert rc == 0, err
    rc, out, err = psql("ana", "SELECT count(*) FROM role_names", db="older")
    assert rc == 0 and int(out) > 0, (out, err)


def test_only_the_owner_changes_the_schema():
    rc, out, err = psql("ana", "CREATE TABLE mine (i int)")
    assert rc == 1 and err.startswith("ERROR:  permission denied for schema public\n"), err
    rc, out, err = psql("meg", "ALTER TABLE answers DROP COLUMN mode")
    assert rc == 1 and err == "ERROR:  must be owner of table answers\n", err


# ---- exams a manager defines: the database holds every learner to their rules ------

DEFINITION = """exam: onboarding
title: Onboarding check
banks: [e2e]
questions: 4
pass: 75
attempts: 3
"""


def write(name, text):
    path = os.path.join(TMP, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def defined(name, text):
    """The exam defined by the manager, once."""
    if name not in DEFINED:
        rc, out, err = run("meg", ["exam", "define", write(name + ".yaml", text)])
        assert rc == 0, err
        DEFINED.add(name)


DEFINED = set()


def admin(sql):
    rc, out, err = psql("rc_admin", sql)
    assert rc == 0, err
    return out


def take_exam(user, exam, pick="right", **env):
    """Take a defined exam in plain mode, one prompt at a time: the fixture
    bank starts each prompt with its answer's role id, as "(po) ..."."""
    e = testlib.home_env(TMP, user="someone-else", **env)
    e["ROLECALL_DB"] = uri(user)
    s = testlib.PlainSession([BIN, "exam", exam, "--plain"], e)
    while s.read_prompt() is not None:
        text = s.out.decode()
        tail = text[text.rfind("[Q "):]
        if "Submit now?" in tail:
            s.send("y")
            continue
        marker = re.search(r"^\((\w+)\) ", tail.splitlines()[1]).group(1)
        options = re.findall(r"^  \d\) (.*)$", tail, re.M)
        want = testlib.NAMES[marker]
        n = options.index(want) + 1 if pick == "right" else \
            (1 if options[0] != want else 2)
        s.send(str(n))
    return s.finish()


def test_a_learner_cannot_define_an_exam():
    path = write("mine.yaml", DEFINITION.replace("onboarding", "mine"))
    rc, out, err = run("ana", ["exam", "define", path])
    assert (rc, err) == (1, "rolecall: %s: cannot define the exam: permission denied "
                            "for table exam_definitions; your database role may not do "
                            "this; ask the database's owner (doc/teams.md)\n" % uri("ana")), err
    rc, out, err = psql("ana", "INSERT INTO exam_definitions VALUES ('mine', 't', 'e2e:x',"
                        " 1, 0, 0, 0, 'ana', 0)")
    assert (rc, err) == (1, "ERROR:  permission denied for table exam_definitions\n"), err
    defined("onboarding", DEFINITION)
    rc, out, err = psql("ana", "UPDATE exam_definitions SET pass_mark = 0")
    assert (rc, err) == (1, "ERROR:  permission denied for table exam_definitions\n"), err
    # the answers are not the learner's to read
    rc, out, err = psql("ana", "SELECT * FROM exam_key")
    assert (rc, err) == (1, "ERROR:  permission denied for table exam_key\n"), err


def test_a_learner_cannot_change_a_defined_exams_rules():
    defined("onboarding", DEFINITION)
    rc, out, err = run("ana", ["exam", "onboarding", "--plain", "--pass", "0"])
    assert (rc, err) == (2, "rolecall: exam onboarding is defined by a manager, with the "
                            "same questions, pass mark and time for every candidate: "
                            "--pass cannot change it; leave it out\n"), err


def test_a_defined_exam_is_timed_by_the_server():
    defined("onboarding", DEFINITION)
    # a candidate whose clock says 2027 still starts and ends now, by the server
    rc, out, err = take_exam("bob", "onboarding", ROLECALL_FAKE_NOW="1800000000")
    assert rc == 0, err
    assert "Result: PASS" in out, out
    row = admin("SELECT started_at, ended_at, correct, count, definition_id FROM"
                " exam_attempts WHERE definition_id = 'onboarding' AND user_id ="
                " (SELECT id FROM users WHERE name = 'bob')").split("|")
    now = int(admin("SELECT floor(extract(epoch FROM now()))::bigint"))
    assert abs(int(row[0]) - now) < 120 and abs(int(row[1]) - now) < 120, (row, now)
    assert row[2:] == ["4", "4", "onboarding\n"], row


def test_no_pass_without_answering_right():
    defined("onboarding", DEFINITION)
    ana = admin("SELECT id FROM users WHERE name = 'ana'").strip()
    # the learner writes the rows herself, claiming the rules, times and score
    rc, out, err = psql("ana", "INSERT INTO exam_attempts (user_id, started_at, seed, count,"
                        " pass_mark, time_limit, status, banks, definition_id, correct)"
                        " VALUES (%s, 0, '1', 1, 0, 0, 'submitted', 'x', 'onboarding', 9)"
                        " RETURNING id, started_at > 0, count, pass_mark, status,"
                        " coalesce(correct, -1)" % ana)
    assert rc == 0, err
    attempt, started, count, mark, status, correct = out.strip().split("|")
    assert (started, count, mark, status, correct) == ("t", "4", "75", "open", "-1"), out
    keys = admin("SELECT question_id, answer_choice, n_choices FROM exam_key WHERE"
                 " definition_id = 'onboarding' ORDER BY question_id LIMIT 5").split()
    item = ("INSERT INTO exam_items (attempt_id, position, bank_id, question_id,"
            " about_roles, shown_roles, shown_choices, picked, correct) VALUES"
            " (%s, %d, 'e2e', '%s', 'pm', regexp_replace('%s', '[0-9]+', '', 'g'), '%s',"
            " %d, 1)")
    # a question shown with the answer in every place
    qid, answer, n = keys[0].split("|")
    same = ",".join([answer] * int(n))
    rc, out, err = psql("ana", item % (attempt, 0, qid, same, same, 0))
    assert (rc, err.splitlines()[0]) == (1, "ERROR:  question e2e/%s must show each of "
                                            "its %s choices once" % (qid, n)), err
    for pos, k in enumerate(keys[:4]):
        qid, answer, n = k.split("|")
        choices = ",".join(str(c) for c in range(int(n)))
        wrong = (int(answer) + 1) % int(n)
        rc, out, err = psql("ana", item % (attempt, pos, qid, choices, choices, wrong))
        assert rc == 0, err
    # every pick is wrong whatever the row says, and stays wrong when rewritten
    assert admin("SELECT sum(correct) FROM exam_items WHERE attempt_id = %s" % attempt) \
        == "0\n"
    rc, out, err = psql("ana", "UPDATE exam_items SET correct = 1 WHERE attempt_id = %s"
                        % attempt)
    assert rc == 0, err
    assert admin("SELECT sum(correct) FROM exam_items WHERE attempt_id = %s" % attempt) \
        == "0\n"
    # a question that is not the exam's, or one more than the exam has
    qid, answer, n = keys[4].split("|")
    rc, out, err = psql("ana", item % (attempt, 3, "nosuch", "0,1,2", "0,1,2", 0))
    assert (rc, err.splitlines()[0]) == (1, "ERROR:  question e2e/nosuch is not in exam "
                                            "onboarding"), err
    rc, out, err = psql("ana", item % (attempt, 4, qid, "0,1,2", "0,1,2", 0))
    assert (rc, err.splitlines()[0]) == (1, "ERROR:  question e2e/%s cannot be question 5 "
                                            "of an attempt at exam onboarding" % qid), err
    rc, out, err = psql("ana", "DELETE FROM exam_items WHERE attempt_id = %s" % attempt)
    assert rc == 1, err
    # submitted with a claimed score: the database counts the items instead
    rc, out, err = psql("ana", "UPDATE exam_attempts SET status = 'submitted', correct = 4"
                        " WHERE id = %s RETURNING correct, ended_at >= started_at" % attempt)
    assert (rc, out) == (0, "0|t\n"), (out, err)
    rc, out, err = run("ana", ["report", "--certificate", attempt])
    assert rc == 0, err
    assert out.startswith("ROLECALL EXAM RESULT SLIP\n"), out
    assert "\nScore:      0 of 4 right (0%)\n" in out and "\nResult:     FAIL\n" in out
    # and once submitted it is not the learner's to change
    rc, out, err = psql("ana", "UPDATE exam_attempts SET correct = 4 WHERE id = %s"
                        % attempt)
    assert (rc, out, err) == (0, "", ""), err
    assert admin("SELECT correct FROM exam_attempts WHERE id = %s" % attempt) == "0\n"
    rc, out, err = psql("ana", "INSERT INTO exam_items (attempt_id, position, bank_id,"
                        " question_id, about_roles, shown_roles, shown_choices, picked)"
                        " VALUES (%s, 3, 'e2e', '%s', '', '', '0,0,0,0', 0)"
                        % (attempt, qid))
    assert (rc, err.splitlines()[0]) == (1, "ERROR:  exam attempt %s is not open: no "
                                            "question can be added to it" % attempt), err


def test_the_server_enforces_the_time_limit():
    defined("timed", DEFINITION.replace("onboarding", "timed") + "time: 10\n")
    ana = admin("SELECT id FROM users WHERE name = 'ana'").strip()
    rc, out, err = psql("ana", "INSERT INTO exam_attempts (user_id, started_at, seed, count,"
                        " pass_mark, time_limit, status, banks, definition_id) VALUES"
                        " (%s, 0, '1', 4, 75, 0, 'open', 'x', 'timed') RETURNING id,"
                        " time_limit" % ana)
    assert rc == 0, err
    attempt, limit = out.strip().split("|")
    assert limit == "600", out
    qid, answer, n = admin("SELECT question_id, answer_choice, n_choices FROM exam_key"
                           " WHERE definition_id = 'timed' LIMIT 1").strip().split("|")
    choices = ",".join(str(c) for c in range(int(n)))
    rc, out, err = psql("ana", "INSERT INTO exam_items (attempt_id, position, bank_id,"
                        " question_id, about_roles, shown_roles, shown_choices) VALUES"
                        " (%s, 0, 'e2e', '%s', '', '', '%s')" % (attempt, qid, choices))
    assert rc == 0, err
    # eleven minutes later (the owner moves the start back), the right pick comes
    admin("UPDATE exam_attempts SET started_at = started_at - 660 WHERE id = %s" % attempt)
    rc, out, err = psql("ana", "UPDATE exam_items SET picked = %s WHERE attempt_id = %s"
                        % (answer, attempt))
    assert rc == 0, err
    assert admin("SELECT picked, correct FROM exam_items WHERE attempt_id = %s"
                 % attempt) == "-1|0\n"
    rc, out, err = psql("ana", "UPDATE exam_attempts SET status = 'submitted' WHERE id = %s"
                        " RETURNING timed_out, ended_at - started_at, correct" % attempt)
    assert (rc, out) == (0, "1|600|0\n"), (out, err)


def test_attempts_allowed_are_enforced():
    defined("once", DEFINITION.replace("onboarding", "once").replace("attempts: 3",
                                                                     "attempts: 1"))
    rc, out, err = take_exam("bob", "once", pick="wrong")
    assert (rc, err) == (1, ""), err  # a fail
    rc, out, err = run("bob", ["exam", "once", "--plain"])
    assert (rc, err) == (1, "rolecall: bob has taken exam once 1 time, and it allows 1 "
                            "attempt; 'rolecall report' shows them\n"), err
    bob = admin("SELECT id FROM users WHERE name = 'bob'").strip()
    rc, out, err = psql("bob", "INSERT INTO exam_attempts (user_id, started_at, seed, count,"
                        " pass_mark, time_limit, status, banks, definition_id) VALUES"
                        " (%s, 0, '1', 4, 75, 0, 'open', 'x', 'once')" % bob)
    assert (rc, err.splitlines()[0]) == (1, "ERROR:  exam once allows 1 attempts, and they "
                                            "have all been taken"), err


def test_an_edited_certificate_fails_verify():
    defined("onboarding", DEFINITION)
    rc, out, err = take_exam("ana", "onboarding")
    assert rc == 0 and "Result: PASS" in out, (out, err)
    attempt = re.search(r"Attempt (\d+) is saved", out).group(1)
    rc, cert, err = run("ana", ["report", "--certificate", attempt])
    assert rc == 0, err
    assert cert.startswith("ROLECALL EXAM CERTIFICATE\n"), cert
    assert "\nExam:       onboarding  Onboarding check\n" in cert, cert
    assert "\nRecorded:   on a shared database, which scored and timed it\n" in cert, cert
    path = write("ana-cert.txt", cert)
    rc, out, err = run("meg", ["report", "--verify", path])
    assert (rc, err) == (0, ""), err
    assert out.endswith("It matches the database.\n"), out
    write("ana-cert.txt", cert.replace("Candidate:  ana", "Candidate:  bob"))
    rc, out, err = run("meg", ["report", "--verify", path])
    assert rc == 1, err
    assert ("    the certificate says: 'Candidate:  bob'\n"
            "    the database says   : 'Candidate:  ana'\n") in out, out
    # a learner cannot verify (nor see) another's attempt
    rc, out, err = run("bob", ["report", "--verify", path])
    assert (rc, err) == (1, "rolecall: there is no exam attempt %s; 'rolecall report "
                            "--all' lists them\n" % attempt), err


def main():
    global PG
    with PgServer() as pg:
        PG = pg
        setup()
        return testlib.main(testlib.tests_in(globals()), [TMP])


if __name__ == "__main__":
    sys.exit(main())
