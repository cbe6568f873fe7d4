#!/usr/bin/env python3
"""End-to-end tests of 'rolecall trivia --plain' and 'rolecall report --trivia'.

The real binary, scripted answers on stdin, everything in a temporary folder
(HOME and XDG_DATA_HOME point there; every run names its --db).  The fixture
bank (tests/fixtures/e2e) starts each prompt with the id of the answer's
role, "(po) Question 4 about po?", so a driver can answer right or wrong on
purpose.

Scores are checked exactly: with --no-speed the totals are known in advance;
with speed on, every answer's points must be round(P * (1 - (t/T)/2)) plus
the streak bonus, t being the elapsed_ms the game stored.  A hosted game is
played by three processes (host and two players) on one database, with a
player leaving, one killed, and one rejoining.

Usage: trivia_e2e.py ROLECALL_BINARY
"""
import contextlib
import fcntl
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testlib  # noqa: E402
from testlib import NAMES  # noqa: E402

BIN = testlib.binary()
E2E = testlib.FIXTURES
ROLE_OF = {v: k for k, v in NAMES.items()}
TIE_RULE = "Ties are broken by total answer time (faster first), then by name."
# Sanitizer builds start slowly; nothing waits this long unless it is broken.
TIMEOUT = float(os.environ.get("TRIVIA_E2E_TIMEOUT", "20"))

TMP = testlib.workdir("rolecall-trivia-")


def env(user="tester"):
    return testlib.home_env(TMP, user=user)


def db(name):
    return testlib.db(os.path.join(TMP, name))


def run(args, stdin=""):
    p = subprocess.run([BIN] + args, input=stdin, capture_output=True, text=True,
                       env=env(), timeout=60)
    return p.returncode, p.stdout, p.stderr


class Proc:
    """rolecall in line mode, driven one line at a time; output is read
    without blocking and matched from where the last match ended."""

    def __init__(self, args, prefix=(), **more_env):
        self.p = subprocess.Popen(list(prefix) + [BIN] + args, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  env=dict(env(), **more_env))
        fd = self.p.stdout.fileno()
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) | os.O_NONBLOCK)
        self.out = ""
        self.pos = 0

    def _read(self):
        try:
            chunk = os.read(self.p.stdout.fileno(), 65536)
        except BlockingIOError:
            return False
        self.out += chunk.decode()
        return bool(chunk)

    def wait(self, pattern, timeout=TIMEOUT, keep=False):
        """The match of pattern after the last one, waiting for output;
        with keep, the next wait still starts where this one did."""
        rx = re.compile(pattern, re.S | re.M)
        deadline = time.time() + timeout
        while True:
            m = rx.search(self.out, self.pos)
            if m:
                self.pos = self.pos if keep else m.end()
                return m
            if time.time() > deadline:
                raise AssertionError("timed out waiting for %r in:\n%s\nstderr: %s"
                                     % (pattern, self.out[-3000:], self.stderr()))
            if not self._read():
                time.sleep(0.02)

    def send(self, line):
        self.p.stdin.write((line + "\n").encode())
        self.p.stdin.flush()

    def stderr(self):
        if self.p.poll() is None:
            return "(running)"
        return self.p.stderr.read().decode()

    def finish(self, timeout=TIMEOUT):
        try:
            self.p.stdin.close()
        except BrokenPipeError:
            pass
        self.p.wait(timeout=timeout)
        while self._read():
            pass
        err = self.p.stderr.read().decode()
        assert "Sanitizer" not in err and "runtime error" not in err, err
        return self.p.returncode, self.out, err

    def kill(self):
        if self.p.poll() is None:
            self.p.kill()
        self.p.wait(timeout=TIMEOUT)


class Game:
    """A hosted game in line mode: its host and every player that joined
    it (all killed when the game's with-block ends)."""

    def __init__(self, dbname, host_args):
        self.dbname = dbname
        self.host = Proc(["trivia", "host", "--plain", "--countdown", "0"] + host_args
                         + ["--db", db(dbname)])
        self.procs = [self.host]
        self.code = None

    def join(self, name, code=None, **proc_kw):
        """A player joining (or rejoining) by name; returns once it says so."""
        pl = Proc(["trivia", "join", code or self.code, "--name", name, "--plain",
                   "--db", db(self.dbname)], **proc_kw)
        self.procs.append(pl)
        pl.wait(r"You joined as %s" % name)
        return pl


@contextlib.contextmanager
def hosted(dbname, host_args, *names):
    """Host a game with host_args (--countdown 0 unless they say another),
    and join it as each of names, the host seeing each join; yields the
    Game, whose players are g.procs[1:] in order."""
    g = Game(dbname, host_args)
    try:
        g.code = g.host.wait(r"rolecall trivia join (\w+) --name NAME --db ").group(1)
        for name in names:
            g.join(name)
            g.host.wait(r"^\+ %s joined\." % name)
        yield g
    finally:
        for pl in g.procs:
            pl.kill()


QUESTION = r"^\[Q (\d+)/(\d+)\] (?:(\S+): )?[^\n]*\n([^\n]*)\n((?:  \d\) [^\n]*\n)+)"


def question(m):
    """A question block matched by QUESTION, with the right option."""
    prompt = m.group(4)
    options = [ROLE_OF[t] for t in re.findall(r"^  \d\) (.*)$", m.group(5), re.M)]
    marker = re.match(r"\((\w+)\)", prompt).group(1)
    return {"round": int(m.group(1)), "of": int(m.group(2)), "who": m.group(3),
            "options": options, "right": options.index(marker) + 1}


def wrong(q):
    return 1 if q["right"] != 1 else 2


def expected_points(elapsed, limit_ms, points=1000, speed=True):
    if not speed:
        return points
    t = min(max(elapsed / limit_ms, 0.0), 1.0)
    return math.floor(points * (1.0 - t / 2.0) + 0.5)


def bonus(streak, points=1000):
    return 0 if streak < 2 or points == 0 else min((streak - 1) * 100, 500)


def game_row(name, code=None):
    q = "SELECT id, code, kind, status, phase, rounds, time_limit_ms, points, speed," \
        " streak, current_round FROM trivia_games"
    return testlib.query(db(name), q + (" WHERE code = ?" if code else "") + " ORDER BY id",
                         (code,) if code else ())[-1]


def answers(name, game_id):
    return testlib.query(db(name), "SELECT round, player, picked, correct, elapsed_ms, points"
                         " FROM trivia_answers WHERE game_id = ? ORDER BY round, player",
                         (game_id,))


def players(name, game_id):
    rows = testlib.query(db(name), "SELECT name, seat, absent, score, right_count, streak,"
                         " time_ms FROM trivia_players WHERE game_id = ? ORDER BY seat",
                         (game_id,))
    return {r[0]: r for r in rows}


def hotseat(dbname, args, strategy, players_arg="Ana,Ben,Chen"):
    """Play a hot-seat game: strategy(q) -> a line to send, or None to let
    the time run out.  Returns (questions seen, exit code, output, stderr)."""
    p = Proc(["trivia", "--plain", "--countdown", "0",
              "--players", players_arg, "--db", db(dbname)] + args)
    seen = []
    while True:
        m = p.wait(QUESTION + r"|^== Podium ==")
        if m.group(0).startswith("=="):
            break
        q = question(m)
        seen.append(q)
        p.wait(r"^> ")
        line = strategy(q)
        if line is None:
            p.wait(r"Time is up\.")
        else:
            p.send(line)
    rc, out, err = p.finish()
    return seen, rc, out, err


def podium(out):
    """The full ranking at the end: [(name, score, right)]."""
    tail = out[out.rindex("Full ranking:"):]
    return [(m.group(1), int(m.group(2)), int(m.group(3))) for m in
            re.finditer(r"^ +\d+\. (\S+) +(-?\d+) points, (\d+) right", tail, re.M)]


# ---- hot seat -----------------------------------------------------------------

def test_hotseat_exact_scores_without_speed():
    # Ana: always right; Ben: right, wrong, right, right; Chen: wrong, no
    # answer (time out), right, wrong.
    plan = {"Ana": "RRRR", "Ben": "RWRR", "Chen": "WTRW"}

    def strategy(q):
        move = plan[q["who"]][q["round"] - 1]
        return None if move == "T" else str(q["right"] if move == "R" else wrong(q))

    seen, rc, out, err = hotseat("exact.db", ["--rounds", "4", "--time", "2", "--seed", "7",
                                              "--no-speed"], strategy)
    assert rc == 0, err
    assert [q["who"] for q in seen] == ["Ana", "Ben", "Chen"] * 4, seen
    # every player answered the same questions in the same option order
    for r in range(4):
        assert len({tuple(q["options"]) for q in seen[3 * r:3 * r + 3]}) == 1
    want = {"Ana": 1000 + 1100 + 1200 + 1300, "Ben": 1000 + 0 + 1000 + 1100,
            "Chen": 0 + 0 + 1000 + 0}
    assert podium(out) == [("Ana", want["Ana"], 4), ("Ben", want["Ben"], 3),
                           ("Chen", want["Chen"], 1)], out
    assert TIE_RULE in out
    # right or wrong stays hidden until everyone answered: no verdict before
    # the first reveal
    first = out[out.index("[Q 1/4]"):out.index("-- Answers to question 1 of 4 --")]
    assert "right" not in first, first
    # the rules, as set, before the first question
    assert out.index("\nRules:\n  A right answer earns 1000 points, however long it takes "
                     "within the 2 seconds; a wrong or missing answer earns 0.\n"
                     "  Right answers in a row add a streak bonus: +100 for the 2nd, +200 "
                     "for the 3rd, ... up to +500; a miss resets it.\n  %s\n" % TIE_RULE) \
        < out.index("[Q 1/4]"), out
    gid, code, kind, status, phase, rounds, limit, points, speed, streak, cur = \
        game_row("exact.db")
    assert (kind, status, phase, rounds, limit, points, speed, streak, cur) == \
        ("hotseat", "done", "podium", 4, 2000, 1000, 0, 1, 4)
    rows = answers("exact.db", gid)
    assert len(rows) == 12
    chen2 = [r for r in rows if r[:2] == (2, "Chen")][0]
    assert chen2[2:] == (-1, 0, 2000, 0), chen2
    pl = players("exact.db", gid)
    for name, score in want.items():
        assert pl[name][3] == score
        assert pl[name][3] == sum(r[5] for r in rows if r[1] == name)
    assert pl["Chen"][6] >= 2000
    # the answers given also went into each player's profile (not the time out)
    log = testlib.query(db("exact.db"), "SELECT u.name, count(*), sum(a.correct) FROM answers a"
                        " JOIN users u ON u.id = a.user_id WHERE mode = 'trivia'"
                        " GROUP BY u.name ORDER BY u.name")
    assert log == [("Ana", 4, 4), ("Ben", 4, 3), ("Chen", 3, 1)], log


def test_hotseat_speed_points_follow_the_formula():
    """Every stored answer's points are the formula's for the time stored
    with it.  What the formula gives at once, halfway and at the limit is
    test_trivia_game's, on a fake clock: nothing here sleeps to make an
    answer slow."""
    def strategy(q):
        if q["who"] == "Ben" and q["round"] == 2:
            return str(wrong(q))
        return str(q["right"])

    seen, rc, out, err = hotseat("speed.db", ["--rounds", "3", "--time", "4", "--seed", "3"],
                                 strategy, "Ana,Ben")
    assert rc == 0, err
    gid = game_row("speed.db")[0]
    rows = answers("speed.db", gid)
    streak = {"Ana": 0, "Ben": 0}
    total = {"Ana": 0, "Ben": 0}
    for rnd, who, picked, correct, elapsed, points in rows:
        if correct:
            streak[who] += 1
            want = expected_points(elapsed, 4000) + bonus(streak[who])
        else:
            streak[who] = 0
            want = 0
        assert points == want, (rnd, who, elapsed, points, want)
        total[who] += points
    assert all(0 <= r[4] < 4000 for r in rows), rows
    assert podium(out) == sorted([(n, total[n], 2 if n == "Ben" else 3) for n in total],
                                 key=lambda x: -x[1]), out
    assert re.search(r"^  Ana: right, \d+ points \(\d\.\d s; streak of 3: \+200\)$", out,
                     re.M), out


def test_streak_cap_points_and_switches():
    def all_right(q):
        return str(q["right"])

    cases = [(["--points", "2000", "--no-speed"], 2000 * 8 + 2500),
             (["--no-speed", "--no-streak"], 8000),
             (["--points", "0"], 0)]
    for i, (flags, want) in enumerate(cases):
        name = "streak%d.db" % i
        seen, rc, out, err = hotseat(name, ["--rounds", "8", "--time", "5", "--seed", "2"]
                                     + flags, all_right, "Solo")
        assert rc == 0, err
        assert podium(out) == [("Solo", want, 8)], (flags, out)
        gid = game_row(name)[0]
        pts = [r[5] for r in answers(name, gid)]
        if flags[0] == "--points" and flags[1] == "2000":
            assert pts == [2000, 2100, 2200, 2300, 2400, 2500, 2500, 2500], pts


def test_ties_broken_by_name_on_the_podium():
    """Same score and the same time (both let the time run out): by name,
    and the podium says the rule.  A tie broken by time is
    test_trivia_game's, on a fake clock."""
    seen, rc, out, err = hotseat("tie2.db", ["--rounds", "1", "--time", "1", "--seed", "4"],
                                 lambda q: None, "Zed,Amy")
    assert rc == 0, err
    assert podium(out) == [("Amy", 0, 0), ("Zed", 0, 0)], out
    assert TIE_RULE in out


NOT_PLAYED = "== The game ended before its first question was over; there is no ranking =="


def test_teams_and_the_end_of_input():
    p = Proc(["trivia", "--plain", "--countdown", "0",
              "--teams", "Red,Blue", "--rounds", "3", "--time", "5",
              "--seed", "1", "--no-speed", "--db", db("teams.db")])
    for who, right in (("Red", True), ("Blue", False)):
        q = question(p.wait(QUESTION))
        assert q["who"] == who
        p.wait(r"^> ")
        p.send(str(q["right"] if right else wrong(q)))
    q = question(p.wait(QUESTION))
    assert (q["who"], q["round"]) == ("Red", 2)
    rc, out, err = p.finish()  # the end of input ends the game early
    assert rc == 0, err
    assert "Teams: Red, Blue" in out
    # the question left open is not counted as played
    assert "\n== The game was ended early, after 1 of 3 questions ==\n\n== Podium ==\n" \
        in out, out
    assert podium(out) == [("Red", 1000, 1), ("Blue", 0, 0)], out
    gid, code, kind, status = game_row("teams.db")[:4]
    assert status == "abandoned"
    assert testlib.query(db("teams.db"), "SELECT count(*) FROM answers") == [(0,)]
    assert testlib.query(db("teams.db"), "SELECT count(*) FROM users"
                         " WHERE name IN ('Red', 'Blue')") == [(0,)]
    assert testlib.query(db("teams.db"), "SELECT teams FROM trivia_games") == [(1,)]


def test_no_podium_for_a_game_that_never_started():
    """Ended during its first question (Ana answered, Ben had not): no
    round was scored, so no podium and no ranking of zeros."""
    p = Proc(["trivia", "--plain", "--countdown", "0",
              "--players", "Ana,Ben", "--rounds", "2", "--time", "5",
              "--seed", "1", "--db", db("never.db")])
    q = question(p.wait(QUESTION))
    p.wait(r"^> ")
    p.send(str(q["right"]))
    assert question(p.wait(QUESTION))["who"] == "Ben"
    rc, out, err = p.finish()
    assert rc == 0, err
    code = game_row("never.db")[1]
    assert out.endswith("\n%s\nGame %s is saved; 'rolecall report --trivia' lists it.\n"
                        % (NOT_PLAYED, code)), out
    end = out[out.rindex("[Q "):]
    assert "Podium" not in end and "Full ranking" not in end and TIE_RULE not in end, out
    assert game_row("never.db")[3] == "abandoned"


def test_countdown_before_each_question():
    """--countdown 1 and 2: "Get ready: 2... 1..." before each question, which
    shows (and its clock starts) only then; the time left stays with a
    hosted player after its answer.  Every other test says --countdown 0."""
    t0 = time.time()
    p = subprocess.run([BIN, "trivia", "--plain", "--countdown", "1", "--players", "Ana",
                        "--rounds", "2", "--time", "5", "--seed", "1", "--db",
                        db("countdown.db")], input="1\n1\n", capture_output=True, text=True,
                       env=env(), timeout=60)
    assert p.returncode == 0, p.stderr
    assert time.time() - t0 >= 2.0
    assert p.stdout.count("\n\nGet ready: 1...\n\n[Q ") == 2, p.stdout
    assert re.search(r"\n  Ties are broken[^\n]*\n\nGet ready: 1\.\.\.\n\n\[Q 1/2\] ",
                     p.stdout), p.stdout
    # the answer's time runs from the question, not from the countdown
    assert all(r[4] < 2000 for r in answers("countdown.db", game_row("countdown.db")[0]))
    dbname = "countdown-hosted.db"
    with hosted(dbname, ["--countdown", "2", "--rounds", "1", "--time", "20", "--seed", "3"],
                "Ana") as g:
        host, ana, code = g.host, g.procs[1], g.code
        host.send("")
        host.wait(r"^Get ready: 2\.\.\. 1\.\.\.\n\n\[Q 1/1\] ")
        ana.wait(r"^Get ready: (2\.\.\. )?1\.\.\.\n\n\[Q 1/1\] ", keep=True)
        q = question(ana.wait(QUESTION))
        ana.wait(r"^You have 20 seconds\.\n> ")
        ana.send(str(q["right"]))
        m = ana.wait(r"^Answer saved; waiting for the others \((\d+) s left\)\.$")
        assert 17 <= int(m.group(1)) <= 20, m.group(0)
        elapsed = answers(dbname, game_row(dbname, code)[0])[0][4]
        assert 0 <= elapsed < 3000, elapsed


def test_same_seed_same_questions():
    def first(q):
        return "1"

    a = hotseat("seed1.db", ["--rounds", "3", "--time", "5", "--seed", "42"], first, "Ana")[0]
    b = hotseat("seed2.db", ["--rounds", "3", "--time", "5", "--seed", "42"], first, "Ana")[0]
    assert [(q["options"], q["right"]) for q in a] == [(q["options"], q["right"]) for q in b]


# ---- several terminals ----------------------------------------------------

def host_next(host, *players_seen):
    """After a reveal: wait for every player to show it, Enter for the board,
    the same for the board, Enter again."""
    host.wait(r"Press Enter for the leaderboard\.")
    for pl in players_seen:
        pl.wait(r"^-- Answers to question")
    host.send("")
    m = host.wait(r"Press Enter for the (next question|podium)\.")
    for pl in players_seen:
        pl.wait(r"^-- Leaderboard after question")
    host.send("")
    return m.group(1)


def test_hosted_game_with_a_player_leaving_dying_and_rejoining():
    dbname = "hosted.db"
    with hosted(dbname, ["--rounds", "4", "--time", "3", "--seed", "9", "--no-speed"],
                "Ana") as g:
        host, ana, code = g.host, g.procs[1], g.code
        ben = g.join("Ben", code=code.lower())
        host.wait(r"^\+ Ben joined\.")
        # a second Ana is refused while the first plays
        rc, out, err = run(["trivia", "join", code, "--name", "Ana", "--plain",
                            "--db", db(dbname)])
        assert rc == 1 and "someone called Ana is playing" in err, (rc, err)
        host.send("")
        # round 1: both right; everyone sees the same question and order
        qs = [question(pl.wait(QUESTION)) for pl in (host, ana, ben)]
        assert qs[0]["options"] == qs[1]["options"] == qs[2]["options"]
        for pl in (ana, ben):
            pl.wait(r"^> ")
            pl.send(str(qs[1]["right"]))
            pl.wait(r"Answer saved; waiting for the others \(\d+ s left\)\.")
        host.wait(r"Answered: 2 of 2\.")
        host_next(host, ana, ben)
        # round 2: Ben leaves (q); the round ends once Ana answered
        q = question(ana.wait(QUESTION))
        ben.wait(QUESTION)
        ben.wait(r"^> ")
        ben.send("q")
        rc, out, err = ben.finish()
        assert rc == 0 and "You left game %s" % code in out, (rc, out, err)
        host.wait(r"^- Ben left\.")
        ana.wait(r"^> ")
        ana.send(str(wrong(q)))
        host_next(host, ana)
        # round 3: Ben rejoins by name; Ana's process dies (kill -9)
        ben = g.join("Ben")
        host.wait(r"^\+ Ben is back\.")
        q = question(ben.wait(QUESTION))
        ana.wait(QUESTION)
        ana.kill()
        ben.wait(r"^> ")
        ben.send(str(q["right"]))
        # Ana's heartbeat stops: absent after a few seconds (maybe after the
        # round's time ran out), and the game goes on
        host.wait(r"^- Ana left\.", timeout=TIMEOUT + 10, keep=True)
        host_next(host, ben)
        # round 4: only Ben, who lets the time run out
        ben.wait(QUESTION)
        ben.wait(r"Time is up\.")
        assert host_next(host, ben) == "podium"
        host.wait(r"^Game %s is saved" % code)
        ben.wait(r"^Game %s is saved" % code)
        for pl in (host, ben):
            rc, out, err = pl.finish()
            assert rc == 0, err
            assert TIE_RULE in out
        assert podium(host.out) == [("Ben", 2000, 2), ("Ana", 1000, 1)], host.out
        assert podium(ben.out) == podium(host.out)
    gid, code2, kind, status, phase = game_row(dbname)[:5]
    assert (code2, kind, status, phase) == (code, "hosted", "done", "podium")
    rows = answers(dbname, gid)
    assert [(r[0], r[1], r[3], r[5]) for r in rows] == [
        (1, "Ana", 1, 1000), (1, "Ben", 1, 1000),
        (2, "Ana", 0, 0), (2, "Ben", 0, 0),
        (3, "Ana", 0, 0), (3, "Ben", 1, 1000),
        (4, "Ana", 0, 0), (4, "Ben", 0, 0)], rows
    assert [r[2] for r in rows if (r[0], r[1]) in ((2, "Ben"), (3, "Ana"), (4, "Ben"))] \
        == [-1, -1, -1]
    pl = players(dbname, gid)
    assert pl["Ana"][2] == 1 and pl["Ben"][2] == 0  # Ana absent at the end
    assert (pl["Ana"][1], pl["Ben"][1]) == (0, 1)   # seats kept on rejoin
    # the game is over: nobody joins it any more
    rc, out, err = run(["trivia", "join", code, "--name", "Cy", "--plain", "--db", db(dbname)])
    assert rc == 1 and "is over" in err, err


def test_bank_path_with_a_newline_can_be_joined():
    """Issue 15, item 12: the host keeps the bank files it loaded for the
    players, joined by newlines, so a path holding a newline came back as
    two that do not exist ("/tmp/.../two: cannot open") and nobody could
    join.  Now each path is kept with %XX escapes, and a joiner loads the
    very file."""
    folder = os.path.join(TMP, "two\nlines %")
    os.makedirs(folder, exist_ok=True)
    bank = os.path.join(folder, "e2e.yaml")
    shutil.copy(os.path.join(E2E, "e2e.yaml"), bank)
    dbname = "newline.db"
    with hosted(dbname, ["--rounds", "1", "--time", "5", "--seed", "4", "--bank", bank],
                "Ana") as g:
        host, ana, code = g.host, g.procs[1], g.code
        host.send("")
        q = question(ana.wait(QUESTION))
        ana.wait(r"^> ")
        ana.send(str(q["right"]))
        host.wait(r"Answered: 1 of 1\.")
        ana.kill()
        host.send("q")
        rc, out, err = host.finish()
        assert rc == 0, err
    assert [r[1:4] for r in answers(dbname, game_row(dbname, code)[0])] == \
        [("Ana", q["right"] - 1, 1)]
    stored = testlib.query(db(dbname), "SELECT bank_files FROM trivia_games WHERE code = ?",
                           (code,))[0][0]
    assert stored == "%paths\n" + os.path.realpath(bank).replace("%", "%25").replace(
        "\n", "%0A") + "\n", stored


def test_host_closes_a_round_early_and_removes_a_player():
    dbname = "hostcmds.db"
    with hosted(dbname, ["--rounds", "2", "--time", "60", "--seed", "6", "--no-speed"],
                "Ana", "Ben", "Cy") as g:
        host, code = g.host, g.code
        pls = dict(zip(("Ana", "Ben", "Cy"), g.procs[1:]))
        host.send("")
        q = question(pls["Ana"].wait(QUESTION))
        for pl in pls.values():
            pl.wait(r"^> ")
        pls["Ana"].send(str(q["right"]))
        pls["Ana"].wait(r"Answer saved")
        host.wait(r"Answered: 1 of 3\.")
        t0 = time.time()
        host.send("oops")
        host.wait(r"^Type 'close' to close the round now, 'remove NAME' to remove a "
                  r"player, or q to end the game\.$")
        host.send("close")
        host.wait(r"^Round closed early\.\n\n-- Answers to question 1 of 2 --\n.*"
                  r"^  Ana: right, 1000 points \([^)]*\)\n  Ben: no answer, 0 points\n"
                  r"  Cy: no answer, 0 points\n")
        assert time.time() - t0 < 10
        for name in ("Ben", "Cy"):
            pls[name].wait(r"^The round is closed\.$")
        host.wait(r"Press Enter for the leaderboard\.")
        host.send("remove Zed")
        host.wait(r"^No player is called Zed in this game\.$")
        host.send("remove Cy")
        host.wait(r"^- Cy was removed\.$")
        host.send("remove Cy")
        host.wait(r"^Already removed: Cy\.$")
        pls["Cy"].wait(r"The host removed you from game %s\.\n" % code)
        rc, out, err = pls["Cy"].finish()
        assert rc == 0, err
        assert out.endswith("\nThe host removed you from game %s.\n" % code), out
        assert "Podium" not in out and "rejoin" not in out, out
        rc, out, err = run(["trivia", "join", code, "--name", "Cy", "--plain",
                            "--db", db(dbname)])
        assert (rc, err) == (1, "rolecall: the host removed Cy from game %s; it cannot be "
                             "rejoined under that name\n" % code), (rc, err)
        host.send("")
        m = host.wait(r"^-- Leaderboard after question 1 of 2 --\n((?:   \d\. [^\n]*\n)+)")
        assert [l.split()[1] for l in m.group(1).splitlines()] == ["Ana", "Ben"], m.group(0)
        host.send("")
        # round 2: the round is over once Ana and Ben answered; Cy is not waited for
        host.wait(r"Answered: 0 of 2\.")
        for name in ("Ana", "Ben"):
            q = question(pls[name].wait(QUESTION))
            pls[name].wait(r"^> ")
            pls[name].send(str(q["right"]))
        host.wait(r"Press Enter for the leaderboard\.")
        host.send("")
        host.wait(r"Press Enter for the podium\.")
        host.send("")
        host.wait(r"^Game %s is saved" % code)
        assert podium(host.out) == [("Ana", 2100, 2), ("Ben", 1000, 1)], host.out
    gid = game_row(dbname, code)[0]
    assert players(dbname, gid)["Cy"][2] == 2  # removed, for good
    rc, out, err = run(["report", "--trivia", "--format", "json", "--db", db(dbname)])
    assert [r["name"] for r in json.loads(out)[0]["ranking"]] == ["Ana", "Ben"], out


def test_a_laptop_whose_clock_is_wrong_gets_fair_time():
    """On a server, every process counts on the server's clock: a player
    whose clock runs 30 s ahead (libfaketime) answering at once gets the
    speed points of an answer given at once, as does one whose clock is
    right.  (Processes sharing a file share one machine's clock.)"""
    if not testlib.on_pg():
        raise testlib.Skip("one machine, one clock: a file's players share it")
    if not shutil.which("faketime"):
        raise AssertionError("faketime is missing: scripts/setup.sh installs it")
    dbname = "clock.db"
    # libfaketime is preloaded: a sanitizer build must be told that is fine
    asan = ":".join(x for x in (os.environ.get("ASAN_OPTIONS"), "verify_asan_link_order=0")
                    if x)
    with hosted(dbname, ["--rounds", "1", "--time", "20", "--seed", "3"], "Ana") as g:
        host, ana, code = g.host, g.procs[1], g.code
        ben = g.join("Ben", prefix=["faketime", "-f", "+30s"], DONT_FAKE_MONOTONIC="1",
                     ASAN_OPTIONS=asan)
        host.wait(r"^\+ Ben joined\.")
        host.send("")
        for pl in (ana, ben):
            q = question(pl.wait(QUESTION))
            pl.wait(r"^You have (\d+) seconds\.")
            pl.wait(r"^> ")
            pl.send(str(q["right"]))
            pl.wait(r"Answer saved; waiting for the others \(\d+ s left\)\.")
        host.wait(r"Answered: 2 of 2\.")
        gid = game_row(dbname, code)[0]
        rows = {r[1]: r for r in answers(dbname, gid)}
        for name in ("Ana", "Ben"):
            elapsed = rows[name][4]
            assert 0 <= elapsed < 5000, (name, rows[name])
            assert rows[name][5] == expected_points(elapsed, 20000), (name, rows[name])


def test_host_quits_and_players_hear_of_it():
    dbname = "quit.db"
    with hosted(dbname, ["--rounds", "2", "--time", "5"], "Ana") as g:
        host, ana = g.host, g.procs[1]
        host.send("")
        ana.wait(QUESTION)
        host.send("q")
        rc, out, err = host.finish()
        assert rc == 0, err
        # during the first question: nothing was scored, nothing to rank
        assert NOT_PLAYED in out and "Podium" not in out, out
        ana.wait(r"The host ended the game\.\n\n%s\n" % re.escape(NOT_PLAYED))
        rc, out, err = ana.finish()
        assert rc == 0, err
        assert game_row(dbname)[3] == "abandoned"


def test_host_quits_in_the_lobby_and_nobody_gets_a_podium():
    dbname = "lobbyquit.db"
    with hosted(dbname, ["--rounds", "2", "--time", "5"], "Ana") as g:
        host, ana, code = g.host, g.procs[1], g.code
        host.send("q")
        rc, out, err = host.finish()
        assert rc == 0, err
        assert out.endswith("\n%s\nGame %s is saved; 'rolecall report --trivia' lists "
                            "it.\n" % (NOT_PLAYED, code)), out
        ana.wait(r"The host ended the game\.\n\n%s\n" % re.escape(NOT_PLAYED))
        rc, out, err = ana.finish()
        assert rc == 0, err
        assert "Podium" not in out and "Full ranking" not in out, out


def hold_write_lock(dbname, seconds, held=None):
    """Another program holds the file's write lock for longer than
    rolecall's 5 s busy timeout; held (an Event) is set once it has it."""
    import sqlite3
    c = sqlite3.connect(db(dbname), timeout=0, isolation_level=None)
    c.execute("BEGIN IMMEDIATE")
    if held:
        held.set()
    time.sleep(seconds)
    c.execute("ROLLBACK")
    c.close()


def test_a_held_lock_ends_no_game():
    """Issue 15, item 2: one heartbeat the store refused (the lock held 8 s)
    ended the host and every player.  A heartbeat is best effort now, and
    an answer is tried again until its round closes."""
    testlib.sqlite_only("holds a SQLite file's write lock")
    dbname = "locked.db"
    with hosted(dbname, ["--rounds", "1", "--time", "40", "--seed", "3"], "Ana") as g:
        host, ana, code = g.host, g.procs[1], g.code
        hold_write_lock(dbname, 8)  # every heartbeat of those 8 s fails
        assert host.p.poll() is None and ana.p.poll() is None, (host.stderr(), ana.stderr())
        # Ana's heartbeats failed too: she was away for a while, and is back
        host.wait(r"^\+ Ana is back\.")
        host.send("")
        host.wait(r"Answered: 0 of 1\.")
        q = question(ana.wait(QUESTION))
        ana.wait(r"^> ")
        # the answer meets the lock, and is saved once it is let go
        import threading
        held = threading.Event()
        holder = threading.Thread(target=hold_write_lock, args=(dbname, 7, held))
        holder.start()
        assert held.wait(TIMEOUT)
        t0 = time.time()
        ana.send(str(q["right"]))
        ana.wait(r"Answer saved; waiting for the others", timeout=20)
        holder.join()
        assert time.time() - t0 >= 6, time.time() - t0
        host.wait(r"Answered: 1 of 1\.")
        host.wait(r"^  Ana: right, \d+ points")
        host.send("q")
        rc, out, err = host.finish()
        assert (rc, err) == (0, ""), err
        rc, out, err = ana.finish()
        assert (rc, err) == (0, ""), err
    assert [r[1:4] for r in answers(dbname, game_row(dbname, code)[0])] == \
        [("Ana", q["right"] - 1, 1)]


def test_a_long_game_keeps_its_wal_small():
    """Heartbeats alone grew a game's WAL toward SQLite's 4 MB checkpoint
    mark; the host folds it in every 5 s."""
    testlib.sqlite_only("measures a SQLite file's WAL")
    dbname = "wal.db"
    with hosted(dbname, ["--rounds", "1", "--time", "40"], "Ana"):
        sizes = []
        for _ in range(8):
            time.sleep(2)
            sizes.append(os.path.getsize(db(dbname) + "-wal"))
        # two heartbeats a second write about 16 KB a second; 5 s of them at most
        assert max(sizes[2:]) < 128 * 1024, sizes


def host_seen(dbname):
    return testlib.query(db(dbname), "SELECT host_seen_ms FROM trivia_games")[-1][0]


def wait_until(check, timeout=TIMEOUT):
    """Poll check() until it is true, instead of sleeping for as long as
    it might take."""
    deadline = time.time() + timeout
    while not check():
        if time.time() > deadline:
            raise AssertionError("timed out waiting for %r" % check)
        time.sleep(0.05)


def test_players_are_told_how_long_the_host_has_been_silent():
    """On every screen of a player, with the real time since the host was
    last heard from (the host stopped with SIGSTOP, its last heartbeat
    moved 20 s back)."""
    dbname = "silent.db"
    with hosted(dbname, ["--rounds", "1", "--time", "60", "--seed", "2"], "Ana") as g:
        host, ana = g.host, g.procs[1]
        silence = r"^The host has not been heard from for (\d+) seconds; the game may be " \
                  r"over \(q leaves\)\.$"
        for screen in ("lobby", "question"):
            host.p.send_signal(signal.SIGSTOP)
            testlib.query(db(dbname), "UPDATE trivia_games SET host_seen_ms ="
                          " host_seen_ms - 20000")
            stale = host_seen(dbname)
            m = ana.wait(silence)
            assert 20 <= int(m.group(1)) <= 30, (screen, m.group(0))
            host.p.send_signal(signal.SIGCONT)
            # a heartbeat a second: heard from again
            wait_until(lambda: host_seen(dbname) > stale + 15000)
            if screen == "lobby":
                host.send("")
                question(ana.wait(QUESTION))
                ana.wait(r"^> ")
        ana.send("q")
        ana.finish()
        host.p.send_signal(signal.SIGCONT)


def test_host_killed_shows_as_interrupted():
    """A host killed with -9 cannot record that its game ended: while its
    heartbeat is fresh the game is running, once it is older than 15 s the
    report says interrupted."""
    dbname = "killed.db"
    with hosted(dbname, ["--rounds", "2", "--time", "5"]) as g:
        host, code = g.host, g.code
        host.p.kill()
        host.p.wait()
        assert game_row(dbname)[3] == "lobby"
        rc, out, err = run(["report", "--trivia", "--format", "json", "--db", db(dbname)])
        assert rc == 0 and json.loads(out)[0]["status"] == "lobby", (out, err)
        testlib.query(db(dbname), "UPDATE trivia_games SET host_seen_ms = host_seen_ms - 16000")
        rc, out, err = run(["report", "--trivia", "--db", db(dbname)])
        assert rc == 0, err
        assert re.search(r"^Game %s, .*; interrupted$" % code, out, re.M), out
        rc, out, err = run(["report", "--trivia", "--format", "json", "--db", db(dbname)])
        assert rc == 0 and json.loads(out)[0]["status"] == "interrupted", out


def test_report_reads_a_servers_heartbeats_on_its_clock():
    """On a server the host's heartbeat is on the server's clock: a report
    from a machine whose clock runs 60 s ahead (faketime) still sees the
    fresh heartbeat of a host just gone as a live lobby."""
    if not testlib.on_pg():
        raise testlib.Skip("the server's clock: PostgreSQL only")
    if not shutil.which("faketime"):
        raise testlib.Skip("no faketime")
    dbname = "skewed.db"
    with hosted(dbname, ["--rounds", "1", "--time", "5"]) as g:
        g.host.p.kill()
        g.host.p.wait()
        p = subprocess.run(["faketime", "-f", "+60s", BIN, "report", "--trivia", "--format",
                            "json", "--db", db(dbname)], capture_output=True, text=True,
                           env=dict(env(), ASAN_OPTIONS="verify_asan_link_order=0"),
                           timeout=60)
        assert p.returncode == 0, p.stderr
        assert json.loads(p.stdout)[0]["status"] == "lobby", p.stdout


# ---- reports and errors -----------------------------------------------------

def test_report_trivia_lists_games_and_rankings():
    rc, out, err = run(["report", "--trivia", "--db", db("exact.db")])
    assert rc == 0, err
    assert re.search(r"^Game \w{5}, \d{4}-\d\d-\d\d \d\d:\d\d UTC: hot seat, players, "
                     r"4 of 4 questions played \(2 s each\); done$", out, re.M), out
    assert re.search(r"^   1\. Ana: 4600 points, 4 right, \d+\.\d s$", out, re.M), out
    assert re.search(r"^   3\. Chen: 1000 points, 1 right", out, re.M), out
    assert TIE_RULE in out
    rc, out, err = run(["report", "--trivia", "--format", "csv", "--db", db("exact.db")])
    assert rc == 0, err
    lines = out.splitlines()
    assert lines[0] == ("game_id,code,kind,status,created_at,rounds,seconds,rank,"
                        "player,score,right,time_ms,absent,rounds_played")
    assert [l.split(",")[8:11] + l.split(",")[13:] for l in lines[1:]] == [
        ["Ana", "4600", "4", "4"], ["Ben", "3100", "3", "4"], ["Chen", "1000", "1", "4"]], out
    rc, out, err = run(["report", "--trivia", "--format", "json", "--db", db("hosted.db")])
    assert rc == 0, err
    games = json.loads(out)
    assert len(games) == 1 and games[0]["kind"] == "hosted"
    assert [(r["name"], r["score"], r["absent"]) for r in games[0]["ranking"]] == \
        [("Ben", 2000, False), ("Ana", 1000, True)]
    assert games[0]["tie_rule"] == TIE_RULE
    assert (games[0]["rounds"], games[0]["rounds_played"]) == (4, 4)
    rc, out, err = run(["report", "--trivia", "--user", "Chen", "--db", db("exact.db")])
    assert rc == 0 and "Chen" in out, out
    rc, out, err = run(["report", "--trivia", "--user", "Nobody", "--db", db("exact.db")])
    assert rc == 0 and "No trivia games yet" in out, out
    rc, out, err = run(["report", "--trivia", "--since", "2999-01-01", "--db", db("exact.db")])
    assert rc == 0 and "No trivia games yet" in out, out


def test_report_trivia_says_how_many_rounds_were_played():
    """An abandoned game counts the rounds scored, not the question left
    open; a game that played none lists who was in it, unranked."""
    rc, out, err = run(["report", "--trivia", "--db", db("teams.db")])
    assert rc == 0, err
    assert re.search(r"^Game \w{5}, .* UTC: hot seat, teams, 1 of 3 questions played "
                     r"\(5 s each\); abandoned\n   1\. Red: 1000 points, 1 right, "
                     r"\d+\.\d s\n   2\. Blue: 0 points, 0 right", out, re.M), out
    rc, out, err = run(["report", "--trivia", "--db", db("never.db")])
    assert rc == 0, err
    assert re.search(r"^Game \w{5}, .* UTC: hot seat, players, 0 of 2 questions played "
                     r"\(5 s each\); abandoned\n  no question was played: Ana, Ben\n", out,
                     re.M), out
    assert "points" not in out, out
    rc, out, err = run(["report", "--trivia", "--format", "csv", "--db", db("never.db")])
    assert rc == 0 and [l.rsplit(",", 1)[1] for l in out.splitlines()[1:]] == ["0", "0"], out
    rc, out, err = run(["report", "--trivia", "--format", "json", "--db", db("lobbyquit.db")])
    assert rc == 0, err
    g = json.loads(out)[0]
    assert (g["status"], g["rounds"], g["rounds_played"]) == ("abandoned", 2, 0), g


def play_until(dbname, players_arg, rounds, plan, stop=None, who="--players"):
    """A hot-seat game with --no-speed: plan[who] is a string of R (right)
    and W (wrong) per round; stop=(round, who) ends the input when that
    turn's question shows."""
    p = Proc(["trivia", "--plain", "--countdown", "0", who, players_arg, "--rounds", str(rounds),
              "--time", "5", "--seed", "5", "--no-speed", "--db", db(dbname)])
    while True:
        m = p.wait(QUESTION + r"|^== ")
        if m.group(0).startswith("=="):
            break
        q = question(m)
        if stop == (q["round"], q["who"]):
            break
        p.wait(r"^> ")
        p.send(str(q["right"] if plan[q["who"]][q["round"] - 1] == "R" else wrong(q)))
    rc, out, err = p.finish()
    assert rc == 0, err
    return out


BOARD_RULE = ("Ranked by total points, then wins, then fewer games, then name.\n"
              "A win is first place in a game played to its end; team games and games\n"
              "that played no question are left out.\n")


def test_report_trivia_leaderboard_ranks_players_across_games():
    name = "board.db"
    play_until(name, "Ana,Ben", 2, {"Ana": "RR", "Ben": "WW"})           # Ana wins, 2100
    play_until(name, "Ben,Chen,=Zed", 1, {"Ben": "R", "Chen": "W", "=Zed": "W"})  # Ben wins
    # ended after one scored round: its points count, nobody wins it
    play_until(name, "Ana,Ben", 2, {"Ana": "W", "Ben": "R"}, stop=(2, "Ana"))
    # never started, and a team game: neither counts
    play_until(name, "Ana,Chen", 2, {"Ana": "R"}, stop=(1, "Chen"))
    play_until(name, "Ana", 1, {"Ana": "R"}, who="--teams")
    rc, out, err = run(["report", "--trivia", "--leaderboard", "--db", db(name)])
    assert rc == 0, err
    assert out == ("Trivia leaderboard: 4 players, 3 games\n\n"
                   "Rank  Player  Games   Points  Wins\n"
                   "   1  Ana         2     2100     1\n"
                   "   2  Ben         3     2000     1\n"
                   "   3  =Zed        1        0     0\n"
                   "   4  Chen        1        0     0\n\n" + BOARD_RULE), out
    rc, out, err = run(["report", "--trivia", "--leaderboard", "--format", "csv",
                        "--db", db(name)])
    assert rc == 0, err
    # the formula-looking name is neutralised, as in every CSV
    assert out == ("rank,player,games,points,wins\n1,Ana,2,2100,1\n2,Ben,3,2000,1\n"
                   "3,\"'=Zed\",1,0,0\n4,Chen,1,0,0\n"), out
    rc, out, err = run(["report", "--trivia", "--leaderboard", "--format", "json",
                        "--db", db(name)])
    assert rc == 0, err
    assert json.loads(out) == [
        {"rank": 1, "name": "Ana", "games": 2, "points": 2100, "wins": 1},
        {"rank": 2, "name": "Ben", "games": 3, "points": 2000, "wins": 1},
        {"rank": 3, "name": "=Zed", "games": 1, "points": 0, "wins": 0},
        {"rank": 4, "name": "Chen", "games": 1, "points": 0, "wins": 0}], out
    # --user: that player's line, rank kept
    rc, out, err = run(["report", "--trivia", "--leaderboard", "--user", "Ben",
                        "--db", db(name)])
    assert rc == 0 and "\n   2  Ben         3     2000     1\n\n" in out, out
    assert "Ana" not in out, out
    rc, out, err = run(["report", "--trivia", "--leaderboard", "--since", "2999-01-01",
                        "--db", db(name)])
    assert (rc, out) == (0, "No trivia games yet; 'rolecall trivia --players \"Ana,Ben\"'"
                         " starts one.\n"), out
    rc, out, err = run(["report", "--trivia", "--leaderboard", "--format", "json",
                        "--since", "2999-01-01", "--db", db(name)])
    assert (rc, out) == (0, "[]\n"), out
    rc, out, err = run(["report", "--leaderboard", "--db", db(name)])
    assert rc == 2 and err == ("rolecall: --leaderboard ranks trivia players: give it with"
                               " --trivia; see 'rolecall --help'\n"), err


def test_leaderboard_lines_up_by_display_width():
    """Names padded by the columns they take, not their bytes: "José" is 5
    bytes in 4 columns, "王芳芳" 9 bytes in 6."""
    cols = {"Ana": 3, "José": 4, "王芳芳": 6}
    p = subprocess.run([BIN, "trivia", "--plain", "--countdown", "0",
                        "--players", ",".join(cols), "--rounds", "1",
                        "--time", "5", "--seed", "3", "--db", db("widths.db")],
                       input="1\n" * 3, capture_output=True, text=True, timeout=60,
                       env=dict(env(), LC_ALL="C.UTF-8"))
    assert p.returncode == 0, p.stderr
    # the name's field, a blank, then the score in 6 columns
    podium = re.findall(r"^  (?:1st|2nd|3rd)  (.*) [ \d]{5}\d$", p.stdout, re.M)
    ranking = re.findall(r"^   \d\. (.*) [ \d]{5}\d points, ", p.stdout, re.M)
    assert len(podium) == len(ranking) == 3, p.stdout
    for field in podium + ranking:
        name = field.rstrip(" ")
        assert field == name + " " * (6 - cols[name]), (field, p.stdout)


def test_usage_errors():
    cases = [
        (["trivia", "--plain"], "who plays?"),
        (["trivia", "--plain", "--players", "A", "--teams", "B"], "not both"),
        (["trivia", "--plain", "--players", "Ana,ana"], "named twice"),
        (["trivia", "--plain", "--players", "Ana,,Ben"], "cannot be empty"),
        (["trivia", "--plain", "--players", "A" * 40], "too long"),
        (["trivia", "--plain", "--players", "Ana", "--points", "500"], "0, 1000 or 2000"),
        (["trivia", "--plain", "--players", "Ana", "--time", "0"], "from 1 to 600"),
        (["trivia", "--plain", "--players", "Ana", "--time", "1.5"], "whole number"),
        (["trivia", "--plain", "--players", "Ana", "--rounds", "0"], "from 1 to 100"),
        (["trivia", "--plain", "--players", "Ana", "--countdown", "11"],
         "--countdown (seconds before each trivia question) needs a whole number from 0 "
         "to 10, not '11'"),
        (["trivia", "--plain", "join", "ABCDE", "--countdown", "0"], "the host sets the game"),
        (["trivia", "--plain", "join"], "takes the game's code"),
        (["trivia", "--plain", "join", "K0OI1"], "is not a game code"),
        (["trivia", "--plain", "join", "ABCDE", "--rounds", "3"], "the host sets the game"),
        (["trivia", "--plain", "host", "--players", "Ana"], "on one terminal"),
        (["trivia", "--plain", "--players", "Ana", "--name", "X"], "--name is for"),
        (["trivia", "--plain", "party"], "takes 'host' or 'join CODE'"),
        (["trivia", "--players", "Ana"], "use --plain"),
        (["report", "--trivia", "--items"], "report --trivia takes"),
    ]
    for args, msg in cases:
        rc, out, err = run(args + ["--db", db("usage.db")])
        assert rc == 2 and msg in err, (args, rc, err)
    for extra, more in (("--verify", ["cert.txt"]), ("--all", []), ("--mode", ["exam"]),
                        ("--items", [])):
        rc, out, err = run(["report", "--trivia", extra] + more + ["--db", db("usage.db")])
        assert (rc, out, err) == (2, "", "rolecall: report --trivia takes --leaderboard, "
                                  "--format, --since, --user and --db only; leave out "
                                  "%s\n" % extra), err
    if not testlib.on_pg():  # a server's database is there or not: no file to create
        rc, out, err = run(["trivia", "--plain", "join", "ABCDE", "--name", "Ana",
                            "--db", db("usage.db")])
        assert rc == 1 and "no such database, so no trivia game ABCDE" in err, err
        assert not os.path.exists(db("usage.db")), "join created the database"
    # stats only reads (it creates no database): db init makes it
    assert run(["db", "init", "--db", db("usage.db")])[0] == 0
    rc, out, err = run(["trivia", "--plain", "join", "ABCDE", "--name", "Ana",
                        "--db", db("usage.db")])
    assert rc == 1 and "no trivia game with the code ABCDE" in err, err
    rc, out, err = run(["trivia", "--plain", "--players", "Ana", "--rounds", "99",
                        "--db", db("usage.db")])
    assert rc == 1 and "lower --rounds" in err, err
    # exam keeps --time in minutes
    rc, out, err = run(["exam", "--plain", "--time", "x", "--db", db("usage.db")])
    assert rc == 2 and "number of minutes" in err, err


def main():
    return testlib.main(testlib.tests_in(globals()), [TMP], os.environ.get("TRIVIA_E2E_ONLY"))


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
