"""What the end-to-end scripts share: the fixture bank, a temporary HOME
for each script, and the loop that runs a script's test_* functions.

ctest runs each script as `python3 tests/X.py BINARY` from the build
folder, so a script puts its own folder on sys.path before importing this.
"""
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures", "e2e")
# The fixture bank starts every prompt with the id of its answer's role,
# "(po) ...", so a test knows which option is right by these names.
NAMES = {"pm": "Product Manager", "po": "Product Owner",
         "pmm": "Product Marketing Manager", "pjm": "Project Manager"}
SKIPPED = 77  # SKIP_RETURN_CODE in tests/CMakeLists.txt


class Skip(Exception):
    """A test that cannot run here (no root, no tmux) raises this."""


class PlainSession:
    """rolecall in plain mode on pipes, driven a line at a time."""

    def __init__(self, argv, env):
        self.p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, env=env)
        self.out = b""

    def read_prompt(self):
        """The output up to the next '> ' prompt; None at the end of output."""
        start = len(self.out)
        while True:
            text = self.out[start:]
            if text.endswith(b"\n> ") or text == b"> ":
                return text.decode()
            chunk = os.read(self.p.stdout.fileno(), 65536)
            if not chunk:
                return None
            self.out += chunk

    def send(self, line):
        self.p.stdin.write((line + "\n").encode())
        self.p.stdin.flush()

    def answer(self, line):
        """Send a line; the output up to the next prompt (None at the end)."""
        self.send(line)
        return self.read_prompt()

    def finish(self, timeout=30):
        """End the input: (status, all the output, stderr)."""
        self.p.stdin.close()
        self.out += self.p.stdout.read()
        err = self.p.stderr.read().decode()
        self.p.wait(timeout=timeout)
        return self.p.returncode, self.out.decode(), err


def binary():
    """The rolecall under test: the script's first argument, absolute so
    that a test may change folder."""
    return os.path.abspath(sys.argv[1])


def workdir(prefix):
    return tempfile.mkdtemp(prefix=prefix)


def home_env(tmp, quizzes=FIXTURES, user="tester", **more):
    """The caller's environment with HOME and the data folder inside tmp:
    no test may reach the real home or database.  On PostgreSQL the
    default database is one of the test server's."""
    env = dict(os.environ, HOME=tmp, XDG_DATA_HOME=os.path.join(tmp, "xdg"),
               ROLECALL_QUIZZES=quizzes, USER=user, **more)
    env.pop("ROLECALL_DB", None)
    if PG_SOCKET:
        env["ROLECALL_DB"] = db("default.db")
    return env


# ---- the backend under test ----
# tests/pg_server.py sets these when a suite runs against its throwaway
# PostgreSQL server: every database a test names is then a database of
# that server (created, and set up with `rolecall db init`, on first use),
# and ROLECALL_DB points the commands that name none at one of them.

PG_SOCKET = os.environ.get("ROLECALL_TEST_PG_SOCKET")
PG_ADMIN = "rc_admin"
_made = {}


def on_pg():
    return bool(PG_SOCKET)


def sqlite_only(why):
    """For a test of the SQLite file itself (its mode, its WAL): it runs in
    the SQLite pass of the suite, and says why not in the PostgreSQL one."""
    if on_pg():
        raise Skip("SQLite only: " + why)


def pg_uri(dbname, user=PG_ADMIN):
    return "postgresql://%s@/%s?host=%s" % (user, dbname, PG_SOCKET)


def psql(sql, dbname="postgres", user=PG_ADMIN):
    p = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", "-d",
                        pg_uri(dbname, user), "-c", sql], capture_output=True, text=True)
    if p.returncode != 0:
        raise AssertionError("psql %s: %s" % (sql, p.stderr))
    return p.stdout


def db(path):
    """The --db a test gives for the file `path`: the path itself, or on
    PostgreSQL the URI of a database named after its file name."""
    if not PG_SOCKET:
        return path
    name = "t_" + re.sub(r"[^a-z0-9]", "_", os.path.basename(path).lower())
    if name not in _made:
        psql('CREATE DATABASE "%s"' % name)
        p = subprocess.run([binary(), "db", "init", "--db", pg_uri(name)],
                           capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
        _made[name] = pg_uri(name)
    return _made[name]


def _pg_literal(v):
    if v is None:
        return "NULL"
    if isinstance(v, (int, float)):
        return repr(v)
    return "'" + str(v).replace("'", "''") + "'"


def query(target, sql, args=()):
    """Rows of sql (with ? parameters) in the database target, as tuples
    of Python values on either backend; [] for a statement that returns
    none.  For reading what rolecall stored, and for tampering with it."""
    if not target.startswith("postgresql://"):
        con = sqlite3.connect(target)
        try:
            rows = con.execute(sql, args).fetchall()
            con.commit()
            return rows
        finally:
            con.close()
    args = list(args)
    sql = re.sub(r"\?", lambda m: _pg_literal(args.pop(0)), sql)
    dbname = target.split("/")[3].split("?")[0]
    if not sql.lstrip().upper().startswith("SELECT"):
        psql(sql, dbname)
        return []
    # row_to_json keeps each value's type and the columns' order
    out = psql("SELECT row_to_json(t) FROM (%s) t" % sql, dbname)
    return [tuple(json.loads(line, object_pairs_hook=lambda kv: [v for _, v in kv]))
            for line in out.splitlines()]


def exam_status(out):
    """What `rolecall exam` exits with for the result its output shows: 0
    for a pass, 1 for a fail."""
    return 0 if "Result: PASS" in out else 1


def tests_in(namespace):
    """A script's test_* functions in the order they are defined."""
    return [(n, f) for n, f in namespace.items() if n.startswith("test_") and callable(f)]


class Tally:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0
        self.started = time.monotonic()


def run_tests(tests, only=None):
    """Runs every test, even after a failure, so that one run reports all
    of them; only, a substring of the names to run."""
    tally = Tally()
    for name, fn in tests:
        if only and only not in name:
            continue
        t0 = time.monotonic()
        try:
            fn()
            tally.passed += 1
            print("ok   %s (%.1fs)" % (name, time.monotonic() - t0), flush=True)
        except Skip as e:
            tally.skipped += 1
            print("skip %s: %s" % (name, e), flush=True)
        except Exception:
            tally.failed += 1
            print("FAIL %s\n%s" % (name, traceback.format_exc()), flush=True)
    return tally


def conclude(tally, workdirs):
    """Prints the summary; removes the work folders after a clean run and
    keeps them, for a look, after a failure.  Returns the exit status."""
    print("%d passed, %d failed, %d skipped (%.0fs)"
          % (tally.passed, tally.failed, tally.skipped, time.monotonic() - tally.started))
    if tally.failed:
        print("files kept in " + " ".join(workdirs))
        return 1
    for folder in workdirs:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


def main(tests, workdirs, only=None):
    return conclude(run_tests(tests, only), workdirs)
