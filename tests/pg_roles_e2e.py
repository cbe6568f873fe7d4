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
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testlib  # noqa: E402
from pg_server import PgServer  # noqa: E402

BIN = testlib.binary()
TMP = testlib.workdir("rolecall-pg-roles-")
PG = None
DB = "team"


def uri(user):
    return PG.uri(DB, user)


def run(user, args, stdin=""):
    env = testlib.home_env(TMP, user="someone-else")
    env.pop("ROLECALL_DB", None)
    env["ROLECALL_DB"] = uri(user)
    p = subprocess.run([BIN] + args, input=stdin, capture_output=True, text=True,
                       env=env, timeout=60)
    return p.returncode, p.stdout, p.stderr


def psql(user, sql):
    """psql as user: (status, output, error) without raising."""
    p = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", uri(user),
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
    for table in ("answers", "exam_attempts", "exam_items", "question_state"):
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


def test_only_the_owner_changes_the_schema():
    rc, out, err = psql("ana", "CREATE TABLE mine (i int)")
    assert rc == 1 and err.startswith("ERROR:  permission denied for schema public\n"), err
    rc, out, err = psql("meg", "ALTER TABLE answers DROP COLUMN mode")
    assert rc == 1 and err == "ERROR:  must be owner of table answers\n", err


def main():
    global PG
    with PgServer() as pg:
        PG = pg
        setup()
        return testlib.main(testlib.tests_in(globals()), [TMP])


if __name__ == "__main__":
    sys.exit(main())
