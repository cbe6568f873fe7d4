#!/usr/bin/env python3
"""A throwaway PostgreSQL server for the tests: Debian's postgresql package,
initdb and pg_ctl run as an unprivileged user in a temporary folder,
listening only on a unix socket inside it (no TCP port), removed afterwards.
Never a system service.

As a module: `with PgServer() as pg:` gives pg.uri(dbname), pg.createdb(),
pg.psql(sql, user=...), pg.stop()/pg.start() (for a server that goes away
mid-session) and pg.kill() (the postmaster killed with SIGKILL).

As a command: `pg_server.py -- CMD ARG...` runs CMD with ROLECALL_TEST_PG
set to the URI of a fresh database "rolecall" (admin role, schema not yet
created), then removes the server; exits with CMD's status.
"""
import glob
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ADMIN = "rc_admin"  # the superuser initdb creates: the database's owner


def pg_bindir():
    """The newest installed server's programs (postgresql-NN)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    if not found:
        raise RuntimeError("no PostgreSQL server installed (Debian: postgresql); "
                           "scripts/setup.sh installs it")
    return os.path.dirname(found[-1])


class PgServer:
    def __init__(self):
        self.bindir = pg_bindir()
        self.dir = tempfile.mkdtemp(prefix="rolecall-pg-")
        self.data = os.path.join(self.dir, "data")
        self.sock = self.dir
        self.log = os.path.join(self.dir, "server.log")
        # initdb refuses to run as root: the server runs as the postgres
        # user the package created (or nobody), the clients as we are.
        self.runas = None
        if os.geteuid() == 0:
            for name in ("postgres", "nobody"):
                try:
                    self.runas = pwd.getpwnam(name)
                    break
                except KeyError:
                    pass
            os.chown(self.dir, self.runas.pw_uid, self.runas.pw_gid)
            os.chmod(self.dir, 0o755)

    # ---- running the server's programs ----

    def _as_server(self, args, **kw):
        if self.runas:
            args = ["runuser", "-u", self.runas.pw_name, "--"] + args
        return subprocess.run(args, capture_output=True, text=True, **kw)

    def _check(self, p, what):
        if p.returncode != 0:
            raise RuntimeError("%s failed (%d): %s%s" % (what, p.returncode, p.stdout, p.stderr))

    def initdb(self):
        p = self._as_server([os.path.join(self.bindir, "initdb"), "-D", self.data,
                             "-U", ADMIN, "--auth=trust", "-E", "UTF8",
                             "--locale=C.UTF-8", "--no-instructions"])
        self._check(p, "initdb")

    def start(self):
        # room for the benchmark's 200 learners, each with a connection
        opts = ("-c listen_addresses='' -c unix_socket_directories='%s'"
                " -c max_connections=300" % self.sock)
        p = self._as_server([os.path.join(self.bindir, "pg_ctl"), "-D", self.data,
                             "-l", self.log, "-o", opts, "-w", "-t", "60", "start"])
        self._check(p, "pg_ctl start")

    def stop(self, mode="fast"):
        p = self._as_server([os.path.join(self.bindir, "pg_ctl"), "-D", self.data,
                             "-m", mode, "-w", "stop"])
        return p.returncode == 0

    def kill(self):
        """The postmaster killed outright, as a crash would."""
        with open(os.path.join(self.data, "postmaster.pid")) as f:
            pid = int(f.readline())
        os.kill(pid, signal.SIGKILL)
        for _ in range(200):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        # its backends die on their own once the postmaster is gone
        time.sleep(0.3)

    # ---- clients ----

    def uri(self, dbname="rolecall", user=ADMIN):
        return "postgresql://%s@/%s?host=%s" % (user, dbname, self.sock)

    def psql(self, sql, dbname="rolecall", user=ADMIN, check=True):
        p = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At",
                            "-d", self.uri(dbname, user), "-c", sql],
                           capture_output=True, text=True)
        if check:
            self._check(p, "psql " + sql)
        return p

    def createdb(self, dbname):
        self.psql('CREATE DATABASE "%s"' % dbname, dbname="postgres")
        return self.uri(dbname)

    def __enter__(self):
        try:
            self.initdb()
            self.start()
        except Exception:
            self.remove()
            raise
        return self

    def __exit__(self, *exc):
        self.remove()
        return False

    def remove(self):
        if os.path.exists(os.path.join(self.data, "postmaster.pid")):
            self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


def main(argv):
    if "--" not in argv:
        print("usage: pg_server.py -- CMD [ARG]...", file=sys.stderr)
        return 2
    cmd = argv[argv.index("--") + 1:]
    with PgServer() as pg:
        pg.createdb("rolecall")
        env = dict(os.environ, ROLECALL_TEST_PG=pg.uri("rolecall"),
                   ROLECALL_TEST_PG_SOCKET=pg.sock)
        return subprocess.call(cmd, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
