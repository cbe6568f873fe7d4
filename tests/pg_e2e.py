#!/usr/bin/env python3
"""What only a PostgreSQL store does, end to end: who may create the schema
(`rolecall db init`) and the messages for those who may not, a newer schema
refused, no password in any message, two learners who never wait for each
other, and a session that goes on, losing nothing, when its server
connection is killed or the server restarts mid-session.

Starts its own throwaway server (tests/pg_server.py).
Usage: pg_e2e.py ROLECALL_BINARY
"""
import json
import os
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testlib  # noqa: E402
from pg_server import PgServer  # noqa: E402

BIN = testlib.binary()
TMP = testlib.workdir("rolecall-pg-e2e-")
PG = None  # the server, for the whole run


def env(**more):
    e = testlib.home_env(TMP)
    e.pop("ROLECALL_DB", None)
    e.update(more)
    return e


def run(args, stdin="", timeout=60, **more):
    p = subprocess.run([BIN] + args, input=stdin, capture_output=True, text=True,
                       env=env(**more), timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def fresh(name):
    """A new database, its schema created by its owner."""
    uri = PG.createdb(name)
    rc, out, err = run(["db", "init", "--db", uri])
    assert (rc, out, err) == (0, "rolecall: the PostgreSQL database is ready (schema 3)\n",
                              ""), (rc, out, err)
    return uri


def export(uri, *more):
    rc, out, err = run(["export", "--format", "json", "--all", "--db", uri] + list(more))
    assert rc == 0, err
    return json.loads(out)


class Plain(testlib.PlainSession):
    """practice --plain driven one answer at a time."""

    def __init__(self, args):
        super().__init__([BIN] + args, env())

    def until(self, marker):
        while marker not in self.out:
            chunk = os.read(self.p.stdout.fileno(), 65536)
            if not chunk:
                raise AssertionError("ended before %r: %s" % (marker, self.out[-400:]))
            self.out += chunk

    def answer(self, line):
        """Send an answer and wait for its feedback, printed only once the
        answer is committed."""
        start = len(self.out)
        self.send(line)
        while b"Why: " not in self.out[start:]:
            chunk = os.read(self.p.stdout.fileno(), 65536)
            if not chunk:
                raise AssertionError("ended: %s\nstderr: %s" % (
                    self.out[start:].decode(), self.p.stderr.read().decode()))
            self.out += chunk

    def finish(self):
        return super().finish(timeout=60)


# ---- the schema and who may create it ------------------------------------------

def test_no_schema_says_what_to_run():
    uri = PG.createdb("bare")
    rc, out, err = run(["stats", "--db", uri])
    assert rc == 1
    assert err == ("rolecall: %s has no rolecall tables yet; create them with 'rolecall "
                   "db init --db URI' as a role that may create tables (doc/teams.md)\n"
                   % uri), err


def test_db_init_twice_is_harmless():
    uri = fresh("twice")
    rc, out, err = run(["db", "init", "--db", uri])
    assert (rc, out, err) == (0, "rolecall: the PostgreSQL database is ready (schema 3)\n", "")


def test_schema_1_is_upgraded_by_db_init():
    uri = fresh("upgraded")
    rc, out, err = run(["practice", "--plain", "--count", "2", "--seed", "1", "--db", uri],
                       "1\n1\n")
    assert rc == 0, err
    # back to what schema 1 was: no exam definitions, no rules
    PG.psql("DROP TRIGGER rolecall_item_rules ON exam_items;"
            " DROP TRIGGER rolecall_attempt_rules ON exam_attempts;"
            " DROP FUNCTION rolecall_item_rules(); DROP FUNCTION rolecall_attempt_rules();"
            " DROP FUNCTION rolecall_now(); DROP FUNCTION rolecall_trusted();"
            " ALTER TABLE exam_attempts DROP COLUMN definition_id;"
            " DROP TABLE exam_key; DROP TABLE exam_definitions; DROP TABLE role_names;"
            " UPDATE rolecall_schema SET version = 1", dbname="upgraded")
    rc, out, err = run(["stats", "--db", uri])
    assert (rc, err) == (1, "rolecall: %s was set up by an older rolecall (schema 1); "
                            "upgrade it with 'rolecall db init --db URI' as its owner "
                            "(doc/teams.md)\n" % uri), err
    rc, out, err = run(["db", "init", "--db", uri])
    assert (rc, out, err) == (0, "rolecall: the PostgreSQL database is ready (schema 3)\n", "")
    assert len(export(uri)) == 2
    path = os.path.join(TMP, "upgraded.yaml")
    with open(path, "w") as f:
        f.write("exam: after\nbanks: [e2e]\nquestions: 2\npass: 50\n")
    rc, out, err = run(["exam", "define", path, "--db", uri])
    assert rc == 0, err
    # schema 3's role names are saved from the next answer on
    rc, out, err = run(["practice", "--plain", "--count", "1", "--seed", "2", "--db", uri],
                       "1\n")
    assert rc == 0, err
    names = PG.psql("SELECT DISTINCT name FROM role_names ORDER BY name",
                    dbname="upgraded").stdout.split("\n")
    assert set(names) - {""} <= set(testlib.NAMES.values()) and len(names) > 1, names


def test_a_role_that_may_not_create_tables_is_told():
    PG.createdb("owned")
    PG.psql("CREATE ROLE lea LOGIN", dbname="postgres")
    uri = testlib.pg_uri("owned", "lea") if testlib.PG_SOCKET else PG.uri("owned", "lea")
    rc, out, err = run(["db", "init", "--db", uri])
    assert rc == 1
    assert err == ("rolecall: %s: cannot create rolecall's tables: permission denied for "
                   "schema public; your database role may not do this; ask the "
                   "database's owner (doc/teams.md)\n" % uri), err
    # nothing was left half-made
    assert PG.psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'",
                   dbname="owned").stdout == "0\n"


def test_newer_schema_refused_untouched():
    uri = fresh("newer")
    PG.psql("UPDATE rolecall_schema SET version = 99", dbname="newer")
    want = ("rolecall: %s was set up by a newer rolecall (schema 99; this one knows up "
            "to 3); not touching it (upgrade rolecall)\n" % uri)
    for args in (["stats"], ["db", "init"]):
        rc, out, err = run(args + ["--db", uri])
        assert (rc, err) == (1, want), (args, rc, err)
    assert PG.psql("SELECT version FROM rolecall_schema", dbname="newer").stdout == "99\n"


def test_another_programs_tables_refused():
    PG.createdb("theirs")
    PG.psql("CREATE TABLE users (id int)", dbname="theirs")
    uri = PG.uri("theirs")
    rc, out, err = run(["db", "init", "--db", uri])
    assert (rc, err) == (1, "rolecall: %s has a table 'users' that is not rolecall's; not "
                         "touching it (give --db another database)\n" % uri), err


def test_no_password_in_messages():
    uri = "postgresql://rc_admin:s3cret@/nosuchdb?host=" + PG.sock
    rc, out, err = run(["stats", "--db", uri])
    assert rc == 1 and "s3cret" not in err, err
    assert err.startswith("rolecall: postgresql://rc_admin@/nosuchdb?host=%s: cannot "
                          "connect to PostgreSQL: " % PG.sock), err
    assert err.endswith("; check --db or ROLECALL_DB and that the server is running\n"), err


def test_rolecall_db_sets_the_default():
    uri = fresh("team")
    rc, out, err = run(["practice", "--plain", "--count", "2", "--seed", "3"], "1\n1\n",
                       ROLECALL_DB=uri)
    assert rc == 0, err
    assert len(export(uri)) == 2
    # --db still wins over ROLECALL_DB
    other = fresh("mine")
    rc, out, err = run(["practice", "--plain", "--count", "1", "--db", other], "1\n",
                       ROLECALL_DB=uri)
    assert rc == 0, err
    assert (len(export(uri)), len(export(other))) == (2, 1)


# ---- concurrency ---------------------------------------------------------------

def test_two_learners_never_wait_for_each_other():
    """A writer locks its own profile's row: with ana's row locked by
    another session, bob records at once while ana's rolecall waits."""
    uri = fresh("two")
    for user in ("ana", "bob"):
        rc, out, err = run(["practice", "--plain", "--count", "1", "--user", user,
                            "--db", uri], "1\n")
        assert rc == 0, err
    holder = subprocess.Popen(["psql", "-X", "-q", "-d", PG.uri("two")], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    holder.stdin.write("BEGIN; SELECT id FROM users WHERE name = 'ana' FOR UPDATE;\n"
                       "\\echo locked\n")
    holder.stdin.flush()
    assert holder.stdout.readline().strip().endswith("1") or True
    while holder.stdout.readline().strip() != "locked":
        pass
    try:
        t0 = time.monotonic()
        rc, out, err = run(["practice", "--plain", "--count", "1", "--user", "bob",
                            "--db", uri], "1\n", timeout=20)
        bob_s = time.monotonic() - t0
        assert rc == 0, err
        assert bob_s < 5, bob_s
        ana = subprocess.Popen([BIN, "practice", "--plain", "--count", "1", "--user", "ana",
                                "--db", uri], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=env(), text=True)
        ana.stdin.write("1\n")
        ana.stdin.close()
        time.sleep(1.5)
        assert ana.poll() is None, "ana's answer did not wait for her locked row"
    finally:
        holder.stdin.write("ROLLBACK;\n")
        holder.stdin.close()
        holder.wait(timeout=20)
    assert ana.wait(timeout=20) == 0, ana.stderr.read()
    users = [r["user"] for r in export(uri)]
    assert sorted(users) == ["ana", "ana", "bob", "bob"], users


# ---- moving: db copy ------------------------------------------------------------

def views(db):
    """Everything a user reads back, as JSON."""
    out = {}
    for name, args in (("export", ["export", "--format", "json", "--all"]),
                       ("exams", ["report", "--all", "--format", "json"]),
                       ("items", ["report", "--items", "--format", "json"]),
                       ("games", ["report", "--trivia", "--format", "json"]),
                       ("ana", ["stats", "--format", "json", "--user", "ana"]),
                       ("bob", ["stats", "--format", "json", "--user", "bob"])):
        rc, text, err = run(args + ["--db", db])
        assert rc == 0, (name, err)
        out[name] = json.loads(text)
    return out


def test_db_copy_both_ways_keeps_everything():
    src = os.path.join(TMP, "solo.db")
    for user, seed in (("ana", "1"), ("bob", "2"), ("ana", "3")):
        rc, out, err = run(["practice", "--plain", "--count", "5", "--seed", seed,
                            "--user", user, "--db", src], "1\n2\n1\n2\n1\n")
        assert rc == 0, err
    rc, out, err = run(["exam", "--plain", "--count", "4", "--seed", "4", "--user", "bob",
                        "--db", src], "1\n2\n1\n2\n")
    assert rc == testlib.exam_status(out), err
    rc, out, err = run(["trivia", "--plain", "--countdown", "0",
                        "--players", "ana,bob", "--rounds", "2",
                        "--seed", "5", "--db", src], "1\n2\n1\n2\n")
    assert rc == 0, err
    before = views(src)
    uri = fresh("moved")
    rc, out, err = run(["db", "copy", src, uri])
    assert rc == 0, err
    assert out.startswith("rolecall: copied ") and out.endswith(
        " rows from %s to %s; the state rebuilt from the answer log there matches\n"
        % (src, uri)), out
    assert views(uri) == before
    back = os.path.join(TMP, "back.db")
    rc, out, err = run(["db", "copy", uri, back])
    assert rc == 0, err
    assert views(back) == before
    # a copy never merges
    rc, out, err = run(["db", "copy", src, uri])
    assert (rc, err) == (1, "rolecall: %s holds rolecall data already (3 profiles); copy "
                         "into a new database, never into a used one\n" % uri), err
    # the next answer at the destination gets the next id
    rc, out, err = run(["practice", "--plain", "--count", "1", "--user", "ana",
                        "--db", uri], "1\n")
    assert rc == 0, err
    ids = [r["id"] for r in export(uri)]
    assert ids == list(range(1, len(ids) + 1)), ids
    rc, out, err = run(["db", "copy", os.path.join(TMP, "nosuch.db"), fresh("unused")])
    assert (rc, err) == (1, "rolecall: %s: cannot copy from it: No such file or "
                         "directory\n" % os.path.join(TMP, "nosuch.db")), err


# ---- a server that goes away ---------------------------------------------------

def played(uri):
    rows = export(uri)
    return [(r["question"], r["picked"]) for r in rows]


def test_killed_connection_loses_no_answer():
    """The server ends rolecall's session (pg_terminate_backend) between
    two answers: the next answer reconnects, is saved once, and the session
    goes on to its end."""
    uri = fresh("terminated")
    s = Plain(["practice", "--plain", "--count", "4", "--seed", "5", "--db", uri])
    s.until(b"\n> ")
    s.answer("1")
    s.until(b"\n> ")
    PG.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE application_name = 'rolecall'", dbname="postgres")
    s.answer("1")
    s.until(b"\n> ")
    s.answer("1")
    rc, out, err = s.finish()
    assert rc == 0, err
    assert out.count("Why: ") == 3, out
    assert ": server gone; trying again in 0.2 s (try 1); your answer is kept\n" in err, err
    assert err.rstrip().endswith("connected again"), err
    assert len(played(uri)) == 3, played(uri)


def test_server_restart_mid_session_loses_no_answer():
    """The server stops (as a crash: immediate mode) after two answers and
    comes back 2 s later; the third answer waits, is sent once, and every
    answer shown as saved is in the log."""
    uri = fresh("restart")
    s = Plain(["practice", "--plain", "--count", "5", "--seed", "6", "--db", uri])
    for _ in range(2):
        s.until(b"\n> ")
        s.answer("1")
    s.until(b"\n> ")
    assert PG.stop("immediate")
    threading.Timer(2.0, PG.start).start()
    s.answer("2")
    s.until(b"\n> ")
    s.answer("1")
    rc, out, err = s.finish()
    assert rc == 0, err
    shown = out.count("Why: ")
    assert shown == 4, out
    assert "(try 2)" in err and "connected again" in err, err
    log = played(uri)
    assert len(log) == shown, log


def main():
    global PG
    with PgServer() as pg:
        PG = pg
        return testlib.main(testlib.tests_in(globals()), [TMP])


if __name__ == "__main__":
    sys.exit(main())
