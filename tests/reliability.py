#!/usr/bin/env python3
"""Reliability and security tests of the real binary (issue 9).

Each test is one case of the issue that no other test covers at the level
of the process (doc/reliability.md maps every case to its test): hostile
bank files through `rolecall check` within 2 s and 256 MB, database faults
(read-only, disk full, file-size limit, locked, corrupt, deleted, newer
schema), terminal and process faults (TERM, closed stdout, resize storms,
signals at every screen, kill -9 in a loop of 100 runs), and the security
promises (file modes, no shell, no path from a bank id, nothing raw on the
terminal).

Everything happens in a temporary folder; the fixture bank is
tests/fixtures/e2e, whose prompts start with the answer's role id.  Tests
that need root (tmpfs, another user) or tmux say so and are skipped
without them.  Sanitizer builds get more time and no address-space limit
(ASan reserves terabytes of it).

Usage: reliability.py ROLECALL_BINARY [NAME-SUBSTRING]
Ends with "N passed, M failed, K skipped"; exit status 1 on any failure.
"""
import json
import os
import pwd
import random
import re
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testlib  # noqa: E402
from testlib import FIXTURES, HERE, NAMES, Skip  # noqa: E402

BIN = testlib.binary()
ONLY = sys.argv[2] if len(sys.argv) > 2 else os.environ.get("RELIABILITY_ONLY")
ROLE_OF = {v: k for k, v in NAMES.items()}

with open(BIN, "rb") as _f:
    SANITIZED = b"__asan_init" in _f.read()
# The limits for a hostile bank; a sanitizer build is several times
# slower and maps far more address space, so it gets time and no AS limit.
CPU_LIMIT = 2 * (8 if SANITIZED else 1)
WALL_LIMIT = 3.0 * CPU_LIMIT
AS_LIMIT = None if SANITIZED else 256 * 1024 * 1024
ROOT = os.geteuid() == 0

TMP = testlib.workdir("rolecall-rel-")
os.chmod(TMP, 0o755)  # another user (nobody) must reach files made here
ENV = testlib.home_env(TMP, LC_ALL="C.UTF-8")
ENV.pop("ROLECALL_FAKE_NOW", None)
FIGURES = {}  # printed at the end: what doc/reliability.md quotes


def path(*parts):
    return os.path.join(TMP, *parts)


_NOBODY = []


def nobody():
    """uid and gid of the unprivileged user that modes apply to, once it
    is known that it can run rolecall here (the checkout may sit in a
    folder only its owner can enter)."""
    if not _NOBODY:
        try:
            pw = pwd.getpwnam("nobody")
            user = (pw.pw_uid, pw.pw_gid)
            p = subprocess.run([BIN, "check", FIXTURES], capture_output=True, env=ENV,
                               timeout=60, preexec_fn=preexec(as_user=user))
            _NOBODY.append(user if p.returncode == 0 else None)
        except (KeyError, OSError, subprocess.SubprocessError):
            _NOBODY.append(None)
    if not _NOBODY[0]:
        raise Skip("the user nobody cannot run %s here" % BIN)
    return _NOBODY[0]


def preexec(limits=(), umask=None, as_user=None):
    """A preexec_fn setting resource limits, a umask, another user; None
    when there is nothing to set, since a preexec_fn is not safe where
    threads run (the kill -9 loop)."""
    if not limits and umask is None and not as_user:
        return None

    def fn():
        for res, value in limits:
            resource.setrlimit(res, (value, value))
        if umask is not None:
            os.umask(umask)
        if as_user:
            os.setgroups([])
            os.setgid(as_user[1])
            os.setuid(as_user[0])
    return fn


def run(args, stdin=b"", env=None, timeout=60, **kw):
    """Run rolecall; returns (status, stdout, stderr, seconds)."""
    t0 = time.monotonic()
    p = subprocess.run([BIN] + list(args), input=stdin, capture_output=True,
                       env=env or ENV, timeout=timeout, preexec_fn=preexec(**kw))
    return p.returncode, p.stdout.decode("utf-8", "replace"), \
        p.stderr.decode("utf-8", "replace"), time.monotonic() - t0


def db_rows(db):
    """The answer log of a database, through rolecall export."""
    rc, out, err, _ = run(["export", "--format", "json", "--db", db])
    assert rc == 0, err
    return json.loads(out)


def integrity(db):
    c = sqlite3.connect(db)
    try:
        return c.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        c.close()


def checkpoint(db):
    """Move everything from the WAL into the database file and delete the
    WAL, so that a test can work on the file's bytes."""
    c = sqlite3.connect(db)
    c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    c.close()  # the last connection to close deletes the WAL
    for suffix in ("-wal", "-shm"):
        assert not os.path.exists(db + suffix), db + suffix


def raw_controls(text):
    """Characters that could drive a terminal: C0 but newline, DEL, C1,
    and bidirectional controls."""
    return [c for c in text if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) < 0xA0
            or 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069]


def assert_clean(*texts):
    for t in texts:
        bad = raw_controls(t)
        assert not bad, "raw control characters reach the terminal: %r in %r" % (bad[:5], t[:300])


def assert_one_message(err, *needles):
    """A clear message: rolecall's prefix, what went wrong, nothing raw,
    no sanitizer report."""
    assert err.startswith("rolecall: ") or re.match(r"^\S+:\d*:?\d*:? ?error: ", err), err
    for n in needles:
        assert re.search(n, err, re.I), "no /%s/ in %r" % (n, err)
    assert "Sanitizer" not in err and "runtime error" not in err, err
    assert_clean(err)


class Session:
    """A plain-mode session driven one question at a time."""

    def __init__(self, args, **kw):
        self.p = subprocess.Popen([BIN] + list(args), stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  env=kw.pop("env", ENV), preexec_fn=preexec(**kw))
        self.out = b""
        self.mark = 0

    def read_until(self, token, timeout=30):
        """Read until token appears after the last mark; False at EOF."""
        deadline = time.monotonic() + timeout
        while token not in self.out[self.mark:]:
            if time.monotonic() > deadline:
                raise AssertionError("timed out waiting for %r: %r" % (token, self.out[-300:]))
            chunk = os.read(self.p.stdout.fileno(), 65536)
            if not chunk:
                return False
            self.out += chunk
        self.mark = self.out.index(token, self.mark) + len(token)
        return True

    def question(self):
        """Wait for the next prompt; the marker role and options, or None."""
        start = self.mark
        if not self.read_until(b"\n> "):
            return None
        block = self.out[start:self.mark].decode()
        heads = list(re.finditer(r"^\[(\d+)/(\d+)\] .*$", block, re.M))
        assert heads, block
        tail = block[heads[-1].end():]
        marker = re.match(r"\((\w+)\)", tail.strip()).group(1)
        options = [ROLE_OF[t] for t in re.findall(r"^  \d\) (.*)$", tail, re.M)]
        return {"marker": marker, "options": options}

    def send(self, line):
        self.p.stdin.write((line + "\n").encode())
        self.p.stdin.flush()

    def answer(self, q, right=True):
        """Answer and wait for the feedback, printed once it is committed."""
        pos = q["options"].index(q["marker"])
        if not right:
            pos = 1 if pos == 0 else 0
        self.send(str(pos + 1))
        return self.read_until(b"Why: ")

    def finish(self, timeout=60):
        try:
            self.p.stdin.close()
        except BrokenPipeError:
            pass
        self.out += self.p.stdout.read()
        err = self.p.stderr.read().decode("utf-8", "replace")
        self.p.wait(timeout=timeout)
        return self.p.returncode, self.out.decode("utf-8", "replace"), err

    def kill(self):
        if self.p.poll() is None:
            self.p.kill()
        self.p.wait()
        for f in (self.p.stdin, self.p.stdout, self.p.stderr):
            try:
                f.close()
            except OSError:
                pass


def session_with_answers(db, n, seed=1, **kw):
    """A session that answered n questions and waits at the next one."""
    s = Session(["practice", "--plain", "--count", "30", "--seed", str(seed), "--db", db], **kw)
    for i in range(n):
        q = s.question()
        assert q, s.finish()
        assert s.answer(q, right=i % 2 == 0), s.finish()
    q = s.question()
    assert q, s.finish()
    return s, q


def record(db, n, seed=1):
    s, q = session_with_answers(db, n, seed)
    s.send("q")
    rc, out, err = s.finish()
    assert rc == 0, err
    assert len(db_rows(db)) >= n


# ---- hostile banks through `rolecall check` ----------------------------------

HEAD = ("bank: hostile\ntitle: Hostile\nroles:\n  - {id: pm, name: Product Manager}\n"
        "  - {id: po, name: Product Owner}\nquestions:\n")
GOOD_Q = "  - {id: q1, prompt: Who owns the backlog?, answer: po, explain: The PO.}\n"


def write(name, data, mode=0o644):
    p = path("banks", name)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    os.chmod(p, mode)
    return p


def check_file(target, status, *needles, extra=(), **kw):
    """rolecall check on one file within the time and memory limits: the
    CPU time it may use is a hard limit (SIGXCPU past it), and the wall
    clock catches waiting (a FIFO); its limit has room for a loaded
    machine (ctest -j), since the CPU limit is the one that measures us."""
    limits = [(resource.RLIMIT_CPU, CPU_LIMIT)]
    if AS_LIMIT:
        limits.append((resource.RLIMIT_AS, AS_LIMIT))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    rc, out, err, secs = run(["check"] + list(extra) + [target], limits=limits,
                             timeout=30, **kw)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    worst = FIGURES.setdefault("hostile banks: worst CPU / wall / max RSS", [0, 0, 0])
    worst[:] = [max(worst[0], round(cpu, 2)), max(worst[1], round(secs, 2)),
                max(worst[2], after.ru_maxrss // 1024)]
    assert rc != -signal.SIGXCPU, "%s: more than %d s of CPU" % (target, CPU_LIMIT)
    assert cpu < CPU_LIMIT, "%s took %.2f s of CPU (limit %d s)" % (target, cpu, CPU_LIMIT)
    assert secs < WALL_LIMIT, "%s took %.2f s (limit %.1f s)" % (target, secs, WALL_LIMIT)
    assert rc == status, (target, rc, out[-300:], err[-600:])
    for n in needles:
        assert n in (err if status else out), "no %r in %r" % (n, (err if status else out)[:800])
    assert "Sanitizer" not in err and "runtime error" not in err, err
    assert_clean(out, err)
    return out, err


def test_hostile_alias_bomb():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        lines.append("%s: &%s [%s]" % ("abcdefghi"[i], "abcdefghi"[i],
                                       ",".join(["*" + "abcdefghi"[i - 1]] * 9)))
    f = write("bomb.yaml", "\n".join(lines) + "\n")
    check_file(f, 1, f + ":1:4: error: anchors (&a) are not allowed")


def test_hostile_deep_nesting():
    f = write("deep.yaml", "bank: deep\ndescription: " + "[" * 100000 + "]" * 100000 + "\n")
    check_file(f, 1, "nesting is too deep (more than 16 levels)")
    f = write("deep-open.yaml", "bank: deep\ndescription: " + "{a: " * 100000)
    check_file(f, 1, "nesting is too deep")


def test_hostile_50mb_string():
    f = write("huge.yaml", HEAD + "  - id: q\n    answer: po\n    explain: e\n    prompt: \""
              + "a" * (50 * 1024 * 1024) + "\"\n")
    check_file(f, 1, f + ":10:13: error: 'prompt' is too long (more than 4096 bytes)")
    f = write("huge-plain.yaml", "bank: huge\ntitle: " + "a" * (50 * 1024 * 1024) + "\n")
    check_file(f, 1, "'title' is too long")
    os.unlink(f)


def test_hostile_100000_options():
    f = write("options.yaml", HEAD + "  - {id: q, prompt: p, explain: e, answer: po, "
              "options: [po" + ", pm" * 99999 + "]}\n")
    check_file(f, 1, "a question offers 2 to 8 options, not 100000")
    f = write("choices.yaml", HEAD + "  - id: q\n    prompt: p\n    explain: e\n    choices:\n"
              + "      - {text: t, role: po}\n" * 100000)
    check_file(f, 1, "a question offers 2 to 8 choices, not 100000")


def test_hostile_nul_bytes():
    f = write("nul.yaml", (HEAD + GOOD_Q).replace("backlog", "back\0log").encode())
    check_file(f, 1, f + ":7:%d: error: the file contains the control character U+0000"
               % (GOOD_Q.index("backlog") + 5))
    f = write("nuls.yaml", b"\0" * 4096)
    check_file(f, 1, "control character U+0000")


def test_hostile_invalid_utf8():
    f = write("latin1.yaml", (HEAD + GOOD_Q).encode().replace(b"backlog", b"caf\xe9"))
    check_file(f, 1, f + ":7:%d: error: invalid UTF-8 (byte 0xE9)"
               % (GOOD_Q.index("backlog") + 4))
    f = write("overlong.yaml", (HEAD + GOOD_Q).encode().replace(b"backlog", b"\xc0\xaf"))
    check_file(f, 1, "invalid UTF-8")
    f = write("surrogate.yaml", (HEAD + GOOD_Q).encode().replace(b"backlog", b"\xed\xa0\x80"))
    check_file(f, 1, "invalid UTF-8")


def test_bom_and_crlf_load_fine():
    data = b"\xef\xbb\xbf" + (HEAD + GOOD_Q).replace("\n", "\r\n").encode()
    f = write("bom-crlf.yaml", data)
    out, err = check_file(f, 0, ": ok: bank 'hostile', 1 question, 2 roles")
    # and a session on it shows the text without a stray CR or BOM
    rc, out, err, _ = run(["practice", "--plain", "--bank", f, "--db", path("bom.db")],
                          stdin=b"q\n")
    assert rc == 0, err
    assert "Who owns the backlog?\n" in out and "\r" not in out and "\ufeff" not in out, repr(out)


# Text that would drive a terminal: refused, with the character and where it is.
ESCAPES = [
    # (what, YAML value of the prompt, expected code point, character number)
    ("CSI clear screen", r'"Who \e[2J owns it?"', "U+001B", 5),
    ("OSC window title", r'"\e]0;pwned\a Who?"', "U+001B", 1),
    ("C1 CSI", r'"Who\u009b31m owns it?"', "U+009B", 4),
    ("bell", r'"Who\a owns it?"', "U+0007", 4),
    ("backspace", r'"Who owns\b\b\b\bit?"', "U+0008", 9),
    ("carriage return", r'"safe text\rrm -rf"', "U+000D", 10),
    ("delete", r'"Who\x7f?"', "U+007F", 4),
    ("tab", r'"Who\towns it?"', "U+0009", 4),
]


def test_escape_sequences_refused_with_position():
    for what, value, cp, at in ESCAPES:
        f = write("esc.yaml", HEAD + "  - {id: q1, answer: po, explain: e, prompt: %s}\n" % value)
        check_file(f, 1, f + ":7:46: error: 'prompt' contains the control character %s at "
                   "character %d" % (cp, at))
    # bidirectional overrides make text read differently from what it is
    f = write("bidi.yaml", HEAD + '  - {id: q1, answer: po, explain: "ok \\u202e sdrawkcab", '
              "prompt: p}\n")
    check_file(f, 1, "'explain' contains the bidirectional control U+202E at character 4")
    # a raw ESC byte anywhere in the file: refused where it is
    f = write("raw.yaml", HEAD.replace("Hostile", "\x1b]0;pwned\x07") + GOOD_Q)
    check_file(f, 1, f + ":2:8: error: the file contains the control character U+001B")
    # in role names, choices and contrasts too
    f = write("choice.yaml", HEAD + "  - id: q1\n    prompt: p\n    explain: e\n    choices:\n"
              '      - {text: "\\e[31mred", role: po, correct: true}\n'
              "      - {text: plain, role: pm}\n")
    check_file(f, 1, "'text' contains the control character U+001B at character 1")
    f = write("role.yaml", HEAD.replace("name: Product Owner", 'name: "Own\\e[8mer"') + GOOD_Q)
    check_file(f, 1, "'name' contains the control character U+001B at character 4")
    # --json says the same, as JSON; nothing raw either
    out, err = check_file(f, 1, extra=["--json"])
    d = json.loads(out)
    assert any("U+001B at character 4" in e["message"] for e in d["errors"]), d


def test_escape_bank_never_reaches_a_session():
    f = write("esc-session.yaml", HEAD + '  - {id: q1, answer: po, explain: e, '
              'prompt: "\\e[2J\\e]0;pwned\\a Who?"}\n')
    rc, out, err, _ = run(["practice", "--plain", "--bank", f, "--db", path("esc.db")],
                          stdin=b"1\n")
    assert rc == 1, (rc, out, err)
    assert_one_message(err, "U\\+001B at character 1")
    assert_clean(out)
    assert not os.path.exists(path("esc.db")), "a refused bank must not open the database"


def test_hostile_file_names_are_sanitised():
    name = "\x1b]0;pwned\x07\x1b[2J\u202eevil.yaml"
    f = write(name, HEAD + GOOD_Q)
    out, err = check_file(f, 0, "?]0;pwned??[2J?evil.yaml: ok: bank 'hostile'")
    rc, out, err, _ = run(["check", path("banks", "\x1b[31mmissing.yaml")])
    assert rc == 1
    assert "?[31mmissing.yaml: error: cannot open" in err, err
    assert_clean(out, err)
    rc, out, err, _ = run(["--bank", path("banks", "\x1b[31mnope"), "practice", "--plain",
                           "--db", path("names.db")])
    assert rc == 1
    assert_clean(out, err)
    rc, out, err, _ = run(["stats", "--db", path("\x1b[2J", "\x1b]0;x\x07.db"), "--user",
                           "tester"])
    assert_clean(out, err)
    os.unlink(f)


def test_user_names_are_text():
    """A profile name is shown by stats, reports and the UI: nothing the
    sanitiser would replace gets in, C1 controls and bidi overrides too."""
    assert run(["db", "init", "--db", path("names.db")])[0] == 0
    for name in ("\x1b[2Jmallory", "\u009b31m", "evil\u202etxt", "tab\there",
                 b"caf\xe9".decode("utf-8", "surrogateescape"), "x" * 65):
        for args in (["stats"], ["report"], ["practice", "--plain"], ["export"]):
            rc, out, err, _ = run(args + ["--user", name, "--db", path("names.db")],
                                  stdin=b"1\n")
            assert rc == 1, (name, args, rc, out)
            assert_one_message(err, "user name")
            assert_clean(out)
    rc, out, err, _ = run(["stats", "--user", "Zoë 🎯", "--db", path("names.db")])
    assert rc == 0 and out.startswith("Zoë 🎯: 0 answers"), (rc, out, err)
    # a piped answer is echoed through the same sanitiser
    rc, out, err, _ = run(["practice", "--plain", "--count", "1", "--db", path("names.db")],
                          stdin="\u009b2J\x1b]0;x\x07\nq\n".encode())
    assert rc == 0, err
    assert "> ?2J?]0;x?\n" in out, out
    assert_clean(out)


# What a hand edit, another program or a shared server could have put in
# the database: the clipboard (OSC 52), a line moved up and wiped to
# repaint a FAIL as PASS, a C1 CSI and a right-to-left override.
EVIL = "\x1b]52;c;ZXZpbA==\x07\x1b[1A\x1b[2KPASS\u009b2J\u202e"
EVIL_SHOWN = "?]52;c;ZXZpbA==??[1A?[2KPASS?2J?"
# a player's name holds 32 bytes
EVIL_SHORT, SHORT_SHOWN = "\x1b[1A\x1b[2K\u009b2J\u202e", "?[1A?[2K?2J?"


def hostile_store():
    """A database with practice, an exam and a trivia game, and then
    every kind of stored text made hostile."""
    db = path("stored-text.db")
    rc, out, err, _ = run(["practice", "--plain", "--count", "3", "--seed", "1", "--db", db],
                          stdin=b"1\n2\n1\n")
    assert rc == 0, err
    rc, out, err, _ = run(["exam", "--plain", "--count", "3", "--seed", "2", "--db", db],
                          stdin=b"1\n1\n1\nsubmit\ny\n")
    assert rc == (0 if "Result: PASS" in out else 1), err  # 1: a fail
    rc, out, err, _ = run(["trivia", "--plain", "--countdown", "0",
                           "--players", "Ana,Ben", "--rounds", "2",
                           "--time", "5", "--seed", "3", "--db", db], stdin=b"1\n" * 8)
    assert rc == 0, err
    c = sqlite3.connect(db)
    for sql in ("UPDATE role_tally SET role_id = ? || role_id",
                "UPDATE confusion SET answer_role = ? || answer_role",
                "UPDATE answers SET bank_id = ? || bank_id, question_id = ? || question_id,"
                " about_roles = ? || about_roles",
                "UPDATE exam_items SET about_roles = ? || about_roles",
                "UPDATE exam_attempts SET banks = ? || banks"):
        c.execute(sql, (EVIL,) * sql.count("?"))
    for sql in ("UPDATE trivia_players SET name = ? || name",
                "UPDATE trivia_answers SET player = ? || player"):
        c.execute(sql, (EVIL_SHORT,))
    c.commit()
    c.close()
    return db


def test_stored_text_reaches_the_terminal_sanitised():
    """User names, bank, question and role ids and player names come from
    the database, not from a bank the loader checked: each goes through
    the sanitiser in every text and CSV output."""
    db = hostile_store()
    reads = (["stats"], ["stats", "--format", "csv"], ["report", "--items"],
             ["report", "--items", "--format", "csv"], ["report", "--trivia"],
             ["report", "--trivia", "--format", "csv"], ["report", "--trivia", "--leaderboard"],
             ["report", "--trivia", "--leaderboard", "--format", "csv"], ["report", "--cohort"])
    rename = ("UPDATE users SET name = ? || name WHERE name = 'tester'", (EVIL,))
    after = (["report", "--all"], ["report", "--all", "--format", "csv"],
             ["report", "--certificate", "1"], ["report", "--cohort", "--format", "csv"],
             ["users"], ["users", "--format", "csv"])
    shown = 0
    for args in reads + (rename,) + after:
        if args is rename:
            testlib.query(db, *rename)
            continue
        rc, out, err, _ = run(args + ["--db", db])
        assert rc == 0, (args, err)
        assert_clean(out, err)
        shown += out.count(EVIL_SHOWN) + out.count(SHORT_SHOWN)
        assert EVIL_SHOWN in out or SHORT_SHOWN in out, (args, out)
    rc, out, err, _ = run(["report", "--all", "--db", db])
    assert "\n1     " + EVIL_SHOWN + "tester " in out, out
    rc, out, err, _ = run(["report", "--certificate", "1", "--db", db])
    assert "\nCandidate:  " + EVIL_SHOWN + "tester\n" in out, out
    rc, out, err, _ = run(["report", "--cohort", "--db", db])
    assert "\n" + EVIL_SHOWN + "tester " in out and "  picked " in out, out
    rc, out, err, _ = run(["users", "--db", db])
    assert "\n" + EVIL_SHOWN + "tester " in out, out
    rc, out, err, _ = run(["report", "--trivia", "--db", db])
    assert re.search(r"\n   1\. \?\[1A\?\[2K\?2J\?(Ana|Ben): ", out), out
    rc, out, err, _ = run(["report", "--trivia", "--format", "csv", "--db", db])
    assert ',"' + SHORT_SHOWN + 'Ana",' in out, out
    FIGURES["stored strings sanitised"] = "%d across %d outputs" % (shown, len(reads + after))


def test_hosted_trivia_names_from_the_store_are_sanitised():
    """A hosted game's players are rows another process wrote: the host's
    line mode prints their names through the sanitiser."""
    db = path("hosted-names.db")
    host = subprocess.Popen([BIN, "trivia", "host", "--plain", "--countdown", "0",
                             "--rounds", "1", "--db", db],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=ENV)
    try:
        out = b""
        while b"Press Enter to start" not in out:
            chunk = os.read(host.stdout.fileno(), 4096)
            assert chunk, out
            out += chunk
        now_ms = int(time.time() * 1000)
        testlib.query(db, "INSERT INTO trivia_players (game_id, name, seat, joined_at,"
                      " last_seen_ms) VALUES (1, ?, 1, ?, ?)",
                      (EVIL_SHORT + "Eve", now_ms // 1000, now_ms))
        deadline = time.monotonic() + 30
        while b"joined." not in out and time.monotonic() < deadline:
            chunk = os.read(host.stdout.fileno(), 4096)
            if not chunk:
                break
            out += chunk
        host.stdin.write(b"q\n")
        host.stdin.close()
        out += host.stdout.read()
        host.wait(timeout=30)
    finally:
        if host.poll() is None:
            host.kill()
            host.wait()
    text = out.decode("utf-8", "replace")
    assert "\n+ " + SHORT_SHOWN + "Eve joined.\n" in text, text
    assert_clean(text)


def test_plain_echoes_and_paths_are_sanitised():
    """Piped answers in the exam and in trivia are echoed through the same
    sanitiser as practice; so is the --db that trivia host prints."""
    rc, out, err, _ = run(["exam", "--plain", "--count", "1", "--seed", "2", "--db",
                           path("echo.db")], stdin="\u009b2J\u202eup\nq\ny\n".encode())
    assert rc == (0 if "Result: PASS" in out else 1), err  # 1: a fail
    assert "> ?2J?up\n" in out, out
    assert_clean(out, err)
    rc, out, err, _ = run(["trivia", "--plain", "--countdown", "0",
                           "--players", "Ana", "--rounds", "1", "--time",
                           "5", "--seed", "3", "--db", path("echo.db")],
                          stdin="\u009b2J\u202eup\n1\n".encode())
    assert rc == 0, err
    assert "> ?2J?up\n" in out, out
    assert_clean(out, err)
    host_db = path("\x1b]52;c;eA==\x07\u202ehost.db")
    rc, out, err, _ = run(["trivia", "host", "--plain", "--countdown", "0",
                           "--rounds", "1", "--db", host_db],
                          stdin=b"q\n")
    assert " --name NAME --db " + path("?]52;c;eA==??host.db") + "\n" in out, out
    assert_clean(out, err)


INVISIBLE = ("alice\u200b", "\u200dalice", "al\u2060ice", "alice\u200e", "alice\u061c",
             "alice\U000e0041", "alice\ufe0f", "ali\u00adce", "\ufeffalice", "alice\u2028")


def test_invisible_characters_refused_in_names():
    """`alice` and `alice<U+200B>` print the same: zero-width, bidi and tag
    characters are refused in user and player names, with the code point."""
    db = path("invisible.db")
    assert run(["db", "init", "--db", db])[0] == 0
    for name in INVISIBLE:
        cp = next(c for c in name if c not in "alice")
        want = ("rolecall: the user name holds U+%04X, which prints as nothing (a zero-width,"
                " bidirectional or tag character): it would look like another name\n" % ord(cp))
        for args in (["stats"], ["report"], ["practice", "--plain"], ["export"]):
            rc, out, err, _ = run(args + ["--user", name, "--db", db], stdin=b"1\n")
            assert (rc, err) == (1, want), (name, args, rc, err)
            assert out == "", out
        rc, out, err, _ = run(["trivia", "--plain", "--players", "alice," + name, "--db", db])
        assert (rc, err) == (2, "rolecall: a name cannot hold U+%04X, which prints as nothing"
                             " (a zero-width, bidirectional or tag character): it would look"
                             " like another name\n" % ord(cp)), (name, rc, err)
    rc, out, err, _ = run(["practice", "--plain", "--count", "1", "--user", "alice", "--db",
                           db], stdin=b"1\n")
    assert rc == 0, err
    names = [r[0] for r in testlib.query(db, "SELECT name FROM users")]
    assert names == ["alice"], names


def test_hostile_1mb_line():
    f = write("line.yaml", HEAD + "  - {id: q, explain: e, answer: po, prompt: "
              + "lorem ipsum " * (1024 * 1024 // 12) + "}\n")
    out, err = check_file(f, 1, "'prompt' is too long")
    # the echoed line is cut, not a megabyte on the terminal
    assert len(err) < 4096, len(err)
    f = write("key.yaml", "bank: x\n" + "k" * (1024 * 1024) + ": v\n")
    check_file(f, 1, "longer than 1024 characters")


def test_hostile_directory_fifo_device():
    d = path("banks", "dir.yaml")
    os.makedirs(d, exist_ok=True)
    check_file(path("banks", "dir.yaml"), 1, "no bank files")
    # a folder of banks holding a folder named like a bank, a FIFO and a
    # link to a device: each refused, none waited on
    folder = path("special")
    os.makedirs(os.path.join(folder, "sub.yaml"))
    os.mkfifo(os.path.join(folder, "fifo.yaml"))
    os.symlink("/dev/zero", os.path.join(folder, "zero.yaml"))
    out, err = check_file(folder, 1, "sub.yaml: error: is a directory, not a bank file",
                          "fifo.yaml: error: is not a regular file",
                          "zero.yaml: error: is not a regular file")
    # the same through --bank, for a session: refused, nothing waits
    for target in ("fifo.yaml", "zero.yaml"):
        rc, out, err, secs = run(["practice", "--plain", "--bank", os.path.join(folder, target),
                                  "--db", path("special.db")], timeout=30)
        assert rc == 1 and "is not a regular file" in err, (rc, err)
        assert secs < WALL_LIMIT, secs
    # an empty folder given with --bank is an error, not "all banks"
    rc, out, err, _ = run(["practice", "--plain", "--bank", d, "--db", path("special.db")],
                          stdin=b"1\n")
    assert rc == 1 and "no bank files" in err and d in err, (rc, out, err)


def test_hostile_unreadable():
    f = write("locked.yaml", HEAD + GOOD_Q, mode=0)
    user = nobody() if ROOT else None
    check_file(f, 1, f + ": error: cannot open: Permission denied", as_user=user)


# ---- database faults ----------------------------------------------------------

def test_read_only_database_file():
    if not ROOT:
        folder = path("ro-file")
        os.makedirs(folder)
        user = None
    else:
        folder = path("ro-file")
        os.makedirs(folder)
        user = nobody()
        os.chown(folder, *user)
    db = os.path.join(folder, "a.db")
    rc, out, err, _ = run(["practice", "--plain", "--count", "3", "--seed", "2", "--db", db],
                          stdin=b"1\n1\n1\n", as_user=user)
    assert rc == 0, err
    checkpoint(db)
    os.chmod(db, 0o444)
    before = os.stat(db)
    rc, out, err, _ = run(["practice", "--plain", "--db", db], stdin=b"1\n", as_user=user)
    assert rc == 1, (rc, out, err)
    assert_one_message(err, re.escape(db), "read-only|permission", "--db")
    # the commands that only read work on a file one can read
    read_only_reads(db, user)
    assert (os.stat(db).st_mtime_ns, os.stat(db).st_size) == (before.st_mtime_ns,
                                                              before.st_size)
    assert len(db_rows(db)) == 3


def read_only_reads(db, user):
    """stats, export and report on a database of 3 answers (1, 1, 1 with
    seed 2) and no exam, that this user may read and not write."""
    rc, out, err, _ = run(["stats", "--format", "json", "--db", db], as_user=user)
    assert rc == 0 and json.loads(out)["answers"] == 3, (rc, out, err)
    rc, out, err, _ = run(["export", "--format", "json", "--db", db], as_user=user)
    assert rc == 0 and len(json.loads(out)) == 3, (rc, out, err)
    for args in (["report"], ["report", "--items"], ["report", "--trivia"]):
        rc, out, err, _ = run(args + ["--db", db], as_user=user)
        assert (rc, err) == (0, ""), (args, rc, err)
    rc, out, err, _ = run(["report", "--items", "--format", "csv", "--db", db], as_user=user)
    assert rc == 0 and sum(int(l.split(",")[2]) for l in out.splitlines()[1:]) == 3, out


def test_read_only_database_folder():
    folder = path("ro-folder")
    os.makedirs(folder)
    user = nobody() if ROOT else None
    if user:
        os.chown(folder, *user)
    db = os.path.join(folder, "a.db")
    rc, out, err, _ = run(["practice", "--plain", "--count", "3", "--seed", "2", "--db", db],
                          stdin=b"1\n1\n1\n", as_user=user)
    assert rc == 0, err
    checkpoint(db)
    if user:
        os.chown(db, *user)
    os.chmod(folder, 0o555)
    try:
        rc, out, err, _ = run(["practice", "--plain", "--db", db], stdin=b"1\n", as_user=user)
        assert rc == 1, (rc, out, err)
        assert_one_message(err, re.escape(db), "read-?only|permission", "folder")
        rc, out, err, _ = run(["practice", "--plain", "--db", os.path.join(folder, "new.db")],
                              stdin=b"1\n", as_user=user)
        assert rc == 1, (rc, out, err)
        assert_one_message(err, "new.db", "permission", "--db")
        # reading needs neither the folder nor the file writable
        read_only_reads(db, user)
        os.chmod(db, 0o444)
        read_only_reads(db, user)
        assert sorted(os.listdir(folder)) == ["a.db"], os.listdir(folder)
        # answers in a -wal that cannot be read without a -shm: said so
        os.chmod(folder, 0o755)
        os.chmod(db, 0o644)
        rc, out, err, _ = run(["practice", "--plain", "--count", "1", "--db", db],
                              stdin=b"1\n", as_user=user)
        assert rc == 0, err
        os.unlink(db + "-shm")
        os.chmod(folder, 0o555)
        rc, out, err, _ = run(["stats", "--db", db], as_user=user)
        assert (rc, err) == (1, "rolecall: %s: its latest answers are in %s-wal, which can be"
                             " read only beside a -shm file, and you cannot make one in its"
                             " folder; ask its owner to run 'rolecall stats' once\n"
                             % (db, db)), (rc, err)
    finally:
        os.chmod(folder, 0o755)
    assert len(db_rows(db)) == 4


def test_read_commands_never_create_a_database():
    """A typo in --db is not a new database: stats, export and report say
    "no such database" and create neither the file nor its folders; the
    same for the default database before anything was recorded."""
    for target in (path("typo", "deep", "rolecal.db"), path("typo.db")):
        want = ("rolecall: %s: no such database; check --db, or start one with"
                " 'rolecall practice'\n" % target)
        for args in (["stats"], ["stats", "--format", "csv"], ["export"], ["report"],
                     ["report", "--all"], ["report", "--items"], ["report", "--trivia"],
                     ["report", "--certificate", "1"]):
            rc, out, err, _ = run(args + ["--db", target])
            assert (rc, out, err) == (1, "", want), (args, rc, out, err)
    assert not os.path.exists(path("typo")) and not os.path.exists(path("typo.db"))
    home = path("fresh-home")
    env = dict(ENV, XDG_DATA_HOME=os.path.join(home, "xdg"))
    rc, out, err, _ = run(["stats"], env=env)
    assert (rc, err) == (1, "rolecall: %s: no such database; check --db, or start one with"
                         " 'rolecall practice'\n" % os.path.join(home, "xdg", "rolecall",
                                                                "rolecall.db")), (rc, err)
    assert not os.path.exists(home)
    # once practice made it, the same commands read it, and add no profile
    rc, out, err, _ = run(["practice", "--plain", "--count", "1", "--db", path("typo.db")],
                          stdin=b"1\n")
    assert rc == 0, err
    rc, out, err, _ = run(["stats", "--user", "nobody-yet", "--db", path("typo.db")])
    assert (rc, out.splitlines()[0]) == (0, "nobody-yet: 0 answers, 0 right (0%)"), (rc, out)
    users = testlib.query(path("typo.db"), "SELECT name FROM users")
    assert users == [("tester",)], users


def full_disk_session(db, fill, what):
    """Answer two questions, make the disk (or the file limit) full, go on
    answering: a clear message, and the two answers kept."""
    s, q = session_with_answers(db, 2, seed=4, **what)
    fill()
    for _ in range(20):
        try:
            s.send("1")
        except BrokenPipeError:
            break
    rc, out, err = s.finish()
    return rc, out, err


def test_disk_full():
    if not ROOT or not shutil.which("mount"):
        raise Skip("mounting a tiny tmpfs needs root")
    mnt = path("tiny")
    os.makedirs(mnt)
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,mode=755", "tmpfs", mnt],
                      capture_output=True).returncode != 0:
        raise Skip("cannot mount a tmpfs here")
    try:
        db = os.path.join(mnt, "a.db")
        filler = os.path.join(mnt, "filler")

        def fill():
            fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
            try:
                while True:
                    os.write(fd, b"\0" * 65536)
            except OSError:
                pass
            try:
                while True:
                    os.write(fd, b"\0")
            except OSError:
                pass
            os.close(fd)

        rc, out, err = full_disk_session(db, fill, {})
        assert rc == 1, (rc, out[-500:], err)
        assert_one_message(err, re.escape(db), "disk is full|no space", "free some disk space")
        os.unlink(filler)
        rows = db_rows(db)
        answered = out.count("Why: ")
        assert len(rows) == answered >= 2, (len(rows), answered)
        assert integrity(db) == "ok"
    finally:
        subprocess.run(["umount", "-l", mnt])


def test_file_size_limit():
    """ulimit -f: SQLite's write fails with EFBIG, and the message names the
    limit.  SIGXFSZ has its default action here (subprocess resets it), so
    this also shows that rolecall ignores it rather than dying of it."""
    db = path("fsize.db")
    rc, out, err, _ = run(["practice", "--plain", "--count", "2", "--seed", "2", "--db", db],
                          stdin=b"1\n1\n")
    assert rc == 0, err
    checkpoint(db)
    size = os.path.getsize(db)
    # room for the database as it is, not for the WAL of the next answers
    limit = size + 8192
    rc, out, err, _ = run(["practice", "--plain", "--count", "30", "--seed", "5", "--db", db],
                          stdin=b"1\n" * 30, limits=[(resource.RLIMIT_FSIZE, limit)])
    assert rc == 1, (rc, out[-300:], err)
    assert_one_message(err, re.escape(db), "file-size limit|ulimit -f")
    answered = out.count("Why: ")
    assert len(db_rows(db)) == 2 + answered, (len(db_rows(db)), answered)
    assert integrity(db) == "ok"


class Locker:
    """Another program holding the database's write lock until released
    (at most a minute), so that rolecall's whole busy timeout runs out
    however slow the machine is."""

    def __init__(self, db):
        self.ready, self.release = threading.Event(), threading.Event()
        self.t = threading.Thread(target=self.hold, args=(db,))
        self.t.start()
        assert self.ready.wait(30)

    def hold(self, db):
        c = sqlite3.connect(db, timeout=0, isolation_level=None)
        c.execute("BEGIN EXCLUSIVE")
        self.ready.set()
        self.release.wait(60)
        c.rollback()
        c.close()

    def done(self):
        self.release.set()
        self.t.join()


def test_locked_longer_than_the_busy_timeout():
    db = path("locked.db")
    s, q = session_with_answers(db, 2, seed=7)
    lock = Locker(db)
    try:
        t0 = time.monotonic()
        s.send(str(q["options"].index(q["marker"]) + 1))
        rc, out, err = s.finish()
        waited = time.monotonic() - t0
    finally:
        lock.done()
    assert rc == 1, (rc, out[-300:], err)
    assert waited > 4.5, waited  # STORE_BUSY_TIMEOUT_MS
    assert_one_message(err, re.escape(db), "locked", "close it and try again")
    assert "Why: " not in out[out.rindex("> "):], "an answer was shown as saved"
    assert len(db_rows(db)) == 2
    # at open, too: the same message after the same wait
    lock = Locker(db)
    try:
        rc, out, err, secs = run(["practice", "--plain", "--db", db], stdin=b"1\n")
    finally:
        lock.done()
    assert rc == 1 and secs > 4.5, (rc, secs, err)
    assert_one_message(err, re.escape(db), "locked")
    assert len(db_rows(db)) == 2 and integrity(db) == "ok"


def page_of(db, table):
    c = sqlite3.connect(db)
    try:
        return c.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                         (table,)).fetchone()[0]
    finally:
        c.close()


def test_corrupted_page():
    """One page of a table overwritten with noise: every command that reads
    it stops with a message naming the file; nothing is written to it."""
    readers = {"answers": (["export"], ["practice", "--plain"]),
               "question_state": (["stats"], ["practice", "--plain"])}
    for table, must_fail in readers.items():
        db = path("corrupt-%s.db" % table)
        record(db, 6, seed=3)
        checkpoint(db)
        page = page_of(db, table)
        with open(db, "r+b") as f:
            f.seek((page - 1) * 4096)
            f.write(bytes(random.Random(page).randrange(256) for _ in range(4096)))
        with open(db, "rb") as f:
            before = f.read()
        for args in (["export"], ["stats"], ["report"], ["practice", "--plain"]):
            rc, out, err, _ = run(args + ["--db", db], stdin=b"1\n1\n1\n")
            if args in must_fail or rc != 0:
                assert rc == 1, (table, args, rc, out[-300:], err)
                assert_one_message(err, re.escape(db), "corrupt", "move it aside")
        with open(db, "rb") as f:
            assert f.read() == before, "%s: the corrupt file was written to" % table
        wal = db + "-wal"
        assert not os.path.exists(wal) or os.path.getsize(wal) == 0, \
            "%s: something was committed to a corrupt database" % table


def test_deleted_mid_session():
    for victims in (("",), ("", "-wal", "-shm")):
        db = path("deleted%d.db" % len(victims))
        s, q = session_with_answers(db, 2, seed=8)
        for v in victims:
            if os.path.exists(db + v):
                os.unlink(db + v)
        s.send(str(q["options"].index(q["marker"]) + 1))
        rc, out, err = s.finish()
        assert rc == 1, (rc, out[-300:], err)
        assert_one_message(err, re.escape(db), "deleted or moved")
        assert "Why: " not in out[out.rindex("> "):], "an answer was shown as saved"
    # moved: the answers stay in the moved file, nothing more goes in
    db = path("moved.db")
    s, q = session_with_answers(db, 2, seed=9)
    os.rename(db, db + ".bak")
    for suffix in ("-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.rename(db + suffix, db + ".bak" + suffix)
    s.send(str(q["options"].index(q["marker"]) + 1))
    rc, out, err = s.finish()
    assert rc == 1 and "deleted or moved" in err, (rc, err)
    assert len(db_rows(db + ".bak")) == 2


def test_deleted_between_runs_leaves_its_wal():
    """A short run leaves its answers in the WAL (synced, not folded into
    the database file: doc/benchmarks.md).  Deleting rolecall.db alone to
    start again must give a fresh, sound database, not the old pages."""
    db = path("restart.db")
    rc, out, err, _ = run(["practice", "--plain", "--count", "3", "--seed", "4", "--db", db],
                          stdin=b"1\n1\n1\n")
    assert rc == 0, err
    assert os.path.getsize(db + "-wal") > 0, "the run folded its WAL in"
    os.unlink(db)
    rc, out, err, _ = run(["practice", "--plain", "--count", "1", "--seed", "4", "--db", db],
                          stdin=b"1\n")
    assert rc == 0, err
    assert len(db_rows(db)) == 1
    assert integrity(db) == "ok"
    # export only reads, so it folded the WAL in: the .db alone is complete
    assert not os.path.exists(db + "-wal")


def test_newer_schema_refused_untouched():
    db = path("newer.db")
    record(db, 2)
    c = sqlite3.connect(db)
    c.execute("PRAGMA user_version = 99")
    c.close()
    checkpoint(db)
    with open(db, "rb") as f:
        before = f.read()
    for args in (["practice", "--plain"], ["stats"], ["export"], ["report"]):
        rc, out, err, _ = run(args + ["--db", db], stdin=b"1\n")
        assert rc == 1, (args, rc, err)
        assert_one_message(err, re.escape(db), "newer rolecall", "schema 99", "not touching it")
    with open(db, "rb") as f:
        assert f.read() == before
    assert not os.path.exists(db + "-wal")


# ---- terminal and process faults -----------------------------------------------

def test_not_a_terminal_suggests_plain():
    for args in ([], ["practice"], ["drill"], ["exam"]):
        rc, out, err, _ = run(args + ["--db", path("tty.db")], stdin=b"1\n")
        assert rc == 2, (args, rc, err)
        assert_one_message(err, "standard input is not a terminal", "--plain")
        assert out == ""


def in_pty(args, term, keys=b""):
    """Run rolecall with a pseudo-terminal as stdin and stdout; keys are
    typed at once."""
    import pty
    env = dict(ENV)
    env.pop("TERM", None)
    if term is not None:
        env["TERM"] = term
    master, slave = pty.openpty()
    try:
        p = subprocess.Popen([BIN] + args, stdin=slave, stdout=slave, stderr=subprocess.PIPE,
                             env=env)
        os.close(slave)
        slave = None
        if keys:
            os.write(master, keys)
        out = b""
        deadline = time.monotonic() + 20
        while p.poll() is None and time.monotonic() < deadline:
            import select
            if select.select([master], [], [], 0.1)[0]:
                try:
                    out += os.read(master, 65536)
                except OSError:
                    break
        try:
            p.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
            raise AssertionError("rolecall still runs with TERM=%r: %r" % (term, out[-300:]))
        return p.returncode, out.decode("utf-8", "replace"), p.stderr.read().decode()
    finally:
        if slave is not None:
            os.close(slave)
        os.close(master)


def test_term_unset_or_unknown():
    for term, needle in ((None, "TERM is not set"), ("", "TERM is not set"),
                         ("unknown-term-xyz", "terminal type 'unknown-term-xyz' is unknown"),
                         ("\x1b[2Jevil", "terminal type '?[2Jevil' is unknown")):
        rc, out, err = in_pty(["practice", "--db", path("term.db")], term)
        assert rc == 1, (term, rc, err)
        assert_one_message(err, re.escape(needle), "--plain")
        assert "\x1b" not in out, (term, out)  # the terminal was never set up
    # a terminal that cannot move the cursor gets line mode, and says so
    # (issue 21: it used to refuse)
    rc, out, err = in_pty(["practice", "--count", "1", "--db", path("term.db")], "dumb",
                          keys=b"q\n")
    assert rc == 0, (rc, err)
    assert err == ("rolecall: terminal type 'dumb' cannot move the cursor: line mode "
                   "instead, as with --plain\n"), err
    assert "[1/1] " in out and "\x1b" not in out, out
    # --plain works whatever TERM says
    rc, out, err, _ = run(["practice", "--plain", "--db", path("term.db")], stdin=b"q\n",
                          env=dict(ENV, TERM="unknown-term-xyz"))
    assert rc == 0, err


def test_stdout_closed_or_full():
    db = path("closed.db")
    record(db, 1)
    for args in (["check", FIXTURES], ["stats", "--db", db], ["export", "--db", db],
                 ["report", "--db", db], ["practice", "--plain", "--db", db]):
        p = subprocess.run([BIN] + args, input=b"1\n", stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, env=ENV, timeout=60,
                           preexec_fn=lambda: os.close(1))
        err = p.stderr.decode()
        assert p.returncode == 1, (args, p.returncode, err)
        assert_one_message(err, "standard output is closed")
        with open("/dev/full", "wb") as full:
            p = subprocess.run([BIN] + args, input=b"1\n", stdout=full, stderr=subprocess.PIPE,
                               env=ENV, timeout=60)
        err = p.stderr.decode()
        assert p.returncode == 1, (args, p.returncode, err)
        assert_one_message(err, "cannot write")
    # nothing was recorded while nobody could see the questions
    assert len(db_rows(db)) == 1
    # stdin and stderr closed: plain mode sees end of input, exits cleanly
    p = subprocess.run([BIN, "practice", "--plain", "--db", db], stdin=subprocess.DEVNULL,
                       capture_output=True, env=ENV, timeout=60,
                       preexec_fn=lambda: (os.close(0), os.close(2)))
    assert p.returncode == 0 and b"No questions answered." in p.stdout, p


def test_signals_in_plain_mode():
    """Ctrl-C, SIGTERM or a closed terminal (SIGHUP) in line mode: the
    process ends, every answer it showed as saved is there."""
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        db = path("plain-sig-%d.db" % sig)
        s, q = session_with_answers(db, 3, seed=sig)
        s.p.send_signal(sig)
        s.p.wait(timeout=30)
        assert s.p.returncode == -sig, (sig, s.p.returncode)
        s.kill()
        assert len(db_rows(db)) == 3 and integrity(db) == "ok"


# ---- the terminal UI (tmux) ------------------------------------------------------

def ui():
    """The tmux driver of ui_e2e.py, imported once."""
    if not shutil.which("tmux"):
        raise Skip("tmux is not installed")
    import ui_e2e
    ui_e2e.TIMEOUT = float(os.environ.get("UI_E2E_TIMEOUT", "60" if SANITIZED else "20"))
    return ui_e2e


def test_resize_storm_during_a_question():
    u = ui()
    db = "storm.db"
    p = u.Pane(["practice", "--count", "3", "--seed", "4"], db=db)
    try:
        q, s = u.wait_question(p)
        sizes = [(80, 24), (120, 40), (40, 12), (200, 60), (61, 17), (59, 15), (100, 30),
                 (20, 5), (81, 25), (300, 80)]
        for i in range(20):
            p.resize(*sizes[i % len(sizes)])
            time.sleep(0.01)
        p.resize(80, 24)
        q2, s = u.wait_question(p)
        assert q2["prompt"] == q["prompt"] and q2["number"] == 1, s
        assert [o["text"] for o in q2["options"]] == [o["text"] for o in q["options"]], s
        assert len(s.splitlines()[0]) <= 80 and "terminal too small" not in s, s
        fb = u.answer(p, q2, u.right_index(q2))
        assert "Right" in fb, fb
        p.keys("q", "y")
        p.wait(u.SUMMARY)
        p.keys("Enter")
        rc, out = p.exit_status()
        assert rc == 0, out
        u.check_restored(p, out)
        u.check_no_sanitizer(p)
        assert [r["correct"] for r in u.export_rows(db)] == [1]
    finally:
        p.close()


SIGNALS = ((signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated"),
           (signal.SIGHUP, 129, "hung up"))


def goto_screen(u, p, screen):
    """From the menu, reach a screen; returns the answers recorded."""
    p.wait(u.MENU)
    if screen == "menu":
        return 0
    if screen == "stats":
        p.keys("s")
        p.wait(u.STATS)
        return 0
    p.keys("p")
    q, s = u.wait_question(p)
    if screen == "question":
        return 0
    if screen == "help":
        p.keys("?")
        p.wait(r"Keys")
        return 0
    if screen == "leave?":
        p.keys("q")
        p.wait(r"Leave this session\?")
        return 0
    u.answer(p, q, u.right_index(q))
    if screen == "feedback":
        return 1
    p.keys("q", "y")
    p.wait(u.SUMMARY)
    return 1


def test_signals_at_every_screen():
    u = ui()
    runs = 0
    screens = ("menu", "question", "help", "leave?", "feedback", "summary", "stats")
    for screen in screens:
        for sig, status, word in SIGNALS:
            db = "sig-%s-%d.db" % (screen.strip("?"), sig)
            p = u.Pane(["--count", "5", "--seed", "3"], db=db)
            try:
                recorded = goto_screen(u, p, screen)
                os.kill(p.pid(), sig)
                rc, out = p.exit_status()
                assert rc == status, (screen, sig, rc, out)
                u.check_restored(p, out)
                u.check_no_sanitizer(p)
                assert "rolecall: %s; every answer given was saved" % word in p.stderr(), \
                    p.stderr()
                assert len(u.export_rows(db)) == recorded, (screen, sig)
                runs += 1
            finally:
                p.close()
    FIGURES["signals at UI screens"] = "%d runs (%d screens x 3 signals), terminal " \
        "restored and answers kept in each" % (runs, len(screens))


# ---- kill -9 ------------------------------------------------------------------------

KILL_RUNS = int(os.environ.get("RELIABILITY_KILL_RUNS", "100"))


def kill_worker(db, seeds, results, lock):
    base = shown = sent = 0
    for seed in seeds:
        rng = random.Random(seed)
        s = Session(["practice", "--plain", "--count", "12", "--seed", str(seed), "--db", db])
        try:
            n = rng.randrange(0, 6)
            for i in range(n):
                q = s.question()
                assert q, s.finish()
                sent += 1
                assert s.answer(q, right=rng.random() < 0.5), s.out[-300:]
                shown += 1
            # one more answer in flight, killed at a random moment: before,
            # during or after its commit
            q = s.question()
            assert q
            s.send(str(rng.randrange(1, len(q["options"]) + 1)))
            sent += 1
            time.sleep(rng.random() * 0.004)
        finally:
            s.kill()
        rows = len(db_rows(db))
        ok = integrity(db)
        with lock:
            results.append((seed, shown - base, rows - base))
        assert shown <= rows <= sent, (db, seed, shown, rows, sent)
        assert ok == "ok", (db, seed, ok)
        # the in-flight answer may or may not have been committed
        base = shown = sent = rows


def test_kill_9_loop():
    """kill -9 in a loop of runs mid-session, four databases side by side:
    every answer shown as recorded is in the database, which stays sound."""
    results, lock, errors = [], threading.Lock(), []
    workers = 4
    threads = []
    for w in range(workers):
        seeds = range(1000 + w, 1000 + KILL_RUNS, workers)

        def go(db=path("kill-%d.db" % w), seeds=seeds):
            try:
                kill_worker(db, seeds, results, lock)
            except Exception:
                errors.append(traceback.format_exc())
        threads.append(threading.Thread(target=go))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[0]
    assert len(results) == KILL_RUNS, len(results)
    FIGURES["kill -9 runs survived"] = (
        "%d of %d; %d answers shown as saved, all found; %d in-flight answers committed "
        "before the kill" % (len(results), KILL_RUNS, sum(r[1] for r in results),
                             sum(r[2] - r[1] for r in results)))


# ---- security ----------------------------------------------------------------------

def test_database_and_folder_modes_with_umask_000():
    data = path("modes", "deep", "er")
    env = dict(ENV, XDG_DATA_HOME=data)
    rc, out, err, _ = run(["practice", "--plain", "--count", "1"], stdin=b"1\n", env=env,
                          umask=0)
    assert rc == 0, err
    db = os.path.join(data, "rolecall", "rolecall.db")
    assert stat.S_IMODE(os.stat(db).st_mode) == 0o600, oct(os.stat(db).st_mode)
    for d in (os.path.dirname(db), data, os.path.dirname(data)):
        assert stat.S_IMODE(os.stat(d).st_mode) == 0o700, (d, oct(os.stat(d).st_mode))
    # the WAL and shared-memory files, while a session holds them open
    s, q = session_with_answers(db, 1, umask=0, env=env)
    try:
        for suffix in ("-wal", "-shm"):
            if os.path.exists(db + suffix):
                m = stat.S_IMODE(os.stat(db + suffix).st_mode)
                assert m == 0o600, (suffix, oct(m))
    finally:
        s.kill()
    # --db in a new folder
    db = path("modes2", "a", "b.db")
    rc, out, err, _ = run(["practice", "--plain", "--count", "1", "--db", db], stdin=b"1\n",
                          umask=0)
    assert rc == 0, err
    assert stat.S_IMODE(os.stat(db).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(os.path.dirname(db)).st_mode) == 0o700


def modes(db):
    return {sfx: stat.S_IMODE(os.stat(db + sfx).st_mode) for sfx in ("", "-wal", "-shm")
            if os.path.exists(db + sfx)}


def test_existing_database_modes_tightened():
    """A database made readable by others (an old 0644 file, a copy) and
    its -wal and -shm become 0600 when rolecall, their owner, opens them,
    to record or only to read; a file another user owns keeps its mode."""
    db = path("loose", "a.db")
    os.makedirs(os.path.dirname(db))
    for args, stdin in ((["practice", "--plain", "--count", "1"], b"1\n"), (["stats"], b""),
                        (["report", "--all"], b""), (["export"], b"")):
        rc, out, err, _ = run(["practice", "--plain", "--count", "1", "--db", db], stdin=b"1\n")
        assert rc == 0, err
        assert sorted(modes(db)) == ["", "-shm", "-wal"], modes(db)
        for sfx, mode in zip(("", "-wal", "-shm"), (0o644, 0o666, 0o640)):
            os.chmod(db + sfx, mode)
        rc, out, err, _ = run(args + ["--db", db], stdin=stdin)
        assert rc == 0, (args, err)
        assert set(modes(db).values()) == {0o600}, (args, {k: oct(v) for k, v in modes(db).items()})
    # read-only and ours: group and others lose read, the owner gains nothing
    rc, out, err, _ = run(["stats", "--db", db])  # folds the WAL in, removes it
    os.chmod(db, 0o444)
    rc, out, err, _ = run(["stats", "--db", db])
    assert rc == 0, err
    assert modes(db)[""] == 0o400, oct(modes(db)[""])
    if ROOT:
        user = nobody()
        theirs = path("loose", "theirs.db")
        rc, out, err, _ = run(["practice", "--plain", "--count", "1", "--db", theirs],
                              stdin=b"1\n")
        assert rc == 0, err
        checkpoint(theirs)
        os.chown(theirs, *user)
        os.chmod(theirs, 0o644)
        rc, out, err, _ = run(["stats", "--db", theirs])
        assert rc == 0, err
        assert modes(theirs)[""] == 0o644, oct(modes(theirs)[""])
    FIGURES["modes tightened"] = "0644/0666/0640 to 0600 after practice, stats, report, export"


SHELL_CALLS = re.compile(r"\b(system|popen|execl|execlp|execle|execv|execvp|execvpe|fexecve|"
                         r"fork|vfork|posix_spawnp?|dlopen)\s*\(")


def test_no_shell_is_ever_run():
    src = os.path.join(HERE, "..", "src")
    hits = []
    for name in sorted(os.listdir(src)):
        if name.endswith((".c", ".h")):
            with open(os.path.join(src, name), encoding="utf-8") as f:
                for i, line in enumerate(f, 1):
                    if SHELL_CALLS.search(line):
                        hits.append("%s:%d: %s" % (name, i, line.strip()))
    assert not hits, hits
    if shutil.which("nm"):
        p = subprocess.run(["nm", "-D", "--undefined-only", BIN], capture_output=True, text=True)
        syms = {l.split()[-1].split("@")[0] for l in p.stdout.splitlines() if l.strip()}
        bad = {"system", "popen", "execl", "execlp", "execle", "execv", "execvp", "execvpe",
               "fexecve", "fork", "vfork", "posix_spawn", "posix_spawnp"} & syms
        assert not bad, bad


def test_bank_id_never_becomes_a_path():
    # a valid bank beside the bundled folder, and one in the working folder
    q = path("traversal", "quizzes")
    os.makedirs(q)
    shutil.copy(os.path.join(FIXTURES, "e2e.yaml"), q)
    with open(path("traversal", "evil.yaml"), "w") as f:
        f.write(HEAD.replace("bank: hostile", "bank: evil") + GOOD_Q)
    env = dict(ENV, ROLECALL_QUIZZES=q)
    work = path("traversal", "work")
    os.makedirs(work)
    for bank in ("evil", "../evil", "../../evil", "..", "../quizzes/../evil", "e2e/../evil"):
        p = subprocess.run([BIN, "--bank", bank, "practice", "--plain", "--db",
                            path("trav.db")], input=b"1\n", capture_output=True, env=env,
                           timeout=60, cwd=work)
        err = p.stderr.decode()
        assert p.returncode == 1, (bank, p.returncode, p.stdout[-200:])
        assert "Who owns the backlog" not in p.stdout.decode(), bank
        assert re.search(r"no bank with id|cannot open|is a directory", err), (bank, err)
    # a path is a path: refused as not a bank, the message sanitised
    rc, out, err, _ = run(["--bank", "/etc/passwd", "practice", "--plain", "--db",
                           path("trav.db")], stdin=b"1\n")
    assert rc == 1, rc
    assert_one_message(err, "/etc/passwd:1:1: error: a bank must be a mapping")
    assert len(err.splitlines()) <= 3, err


def test_check_never_writes():
    home = path("check-home")
    os.makedirs(home)
    env = dict(ENV, HOME=home, XDG_DATA_HOME=os.path.join(home, "xdg"))
    folder = path("banks")
    rc, out, err, _ = run(["check", folder], env=env, timeout=120)
    assert rc == 1, rc
    assert_clean(out, err)
    assert os.listdir(home) == [], os.listdir(home)


# ---- main ------------------------------------------------------------------------------

def main():
    tally = testlib.run_tests(testlib.tests_in(globals()), ONLY)
    for k, v in FIGURES.items():
        print("figure: %s: %s" % (k, v))
    workdirs = [TMP]
    if "ui_e2e" in sys.modules:
        workdirs.append(sys.modules["ui_e2e"].TMP)
    return testlib.conclude(tally, workdirs)


if __name__ == "__main__":
    sys.exit(main())
