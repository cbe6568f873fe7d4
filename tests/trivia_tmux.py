#!/usr/bin/env python3
"""End-to-end tests of trivia in the terminal UI, driven in tmux.

Each rolecall runs in a tmux server of its own (a unique -L socket, 80x24):
send-keys types, capture-pane reads the screen, polling until the expected
text appears.  The fixture bank (tests/fixtures/e2e) starts every prompt with
the id of the answer's role, "(po) ...", so a test knows which option is
right.  Everything runs in a temporary HOME with --db files there.

  - a hot-seat game with a fixed seed: handovers, hidden answers, a time
    out, reveal, leaderboard, podium with the tie rule, exact points;
  - the menu's Trivia entry: names typed in a field, then ending early;
  - a host and two players in three tmux sessions on one database, playing
    a full short game, one player quitting mid-game.

After rolecall exits, the pane's shell prints EXIT=<status> and `stty -a`.

Usage: trivia_tmux.py ROLECALL_BINARY
"""
import contextlib
import math
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testlib  # noqa: E402
import tmuxlib  # noqa: E402
from testlib import NAMES  # noqa: E402

BIN = testlib.binary()
TIE_RULE = "Ties are broken by total answer time (faster first), then by name."
TMP = testlib.workdir("rolecall-trivia-ui-")
TIMEOUT = float(os.environ.get("UI_E2E_TIMEOUT", "20"))


class Pane(tmuxlib.Pane):
    """rolecall in an 80x24 xterm of its own; user names the player, as
    several share one database."""

    def __init__(self, args, db, size=(80, 24), user="tester"):
        # Unlike the other UI scripts, no slow full-stack malloc under ASan:
        # only the libgpm suppression needs it, xterm-256color never loads
        # libgpm, and the game's time limits are a few seconds.
        e = tmuxlib.isolated_env(TMP, user=user, full_malloc_stacks=False,
                                 **tmuxlib.terminal())
        argv = [BIN] + list(args) + ["--db", testlib.db(os.path.join(TMP, db))]
        super().__init__(argv, e, TMP, "rolecall-trivia", size, timeout=TIMEOUT)


class SharedGame:
    """A hosted game: the host's pane, its lobby screen, the game's code
    and the panes of the players that joined it."""

    def __init__(self, db, host_args):
        self.db = db
        self.host = Pane(["trivia", "host"] + list(host_args), db, user="host")
        self.panes = [self.host]
        self.lobby = self.code = None

    def join(self, name, code=None):
        """A player's pane joining by name (as the profile of that name)."""
        pl = Pane(["trivia", "join", code or self.code, "--name", name], self.db,
                  user=name.lower())
        self.panes.append(pl)
        return pl


@contextlib.contextmanager
def shared_game(db, host_args):
    """Host a game in a pane and wait for its code; every pane of the game
    is closed when the with-block ends."""
    g = SharedGame(db, host_args)
    try:
        g.lobby = g.host.wait(r"rolecall trivia join (\w+) --name NAME")
        g.code = re.search(r"rolecall trivia join (\w+) --name NAME", g.lobby).group(1)
        yield g
    finally:
        for pane in g.panes:
            pane.close()


def check_clean_exit(p, status=0):
    """rolecall ended with status and gave the terminal back in line mode
    (trivia does not check the alternate screen)."""
    rc, s = p.exit_status()
    assert rc == status, (rc, s, p.stderr())
    tmuxlib.check_line_mode(s)
    tmuxlib.check_no_sanitizer(p)


OPTION = re.compile(r"^ ([▸ ]) (\d)  (\S.*?)\s*$")


def parse_question(screen):
    """The question on screen: who (hot seat or player), round, and the
    right option's number, from the prompt's "(role)" marker."""
    head = re.search(r"^ (\S+) · question (\d) of (\d)", screen, re.M)
    marker = re.search(r"^ \((\w+)\) Question", screen, re.M).group(1)
    options = {}
    for line in screen.splitlines():
        m = OPTION.match(line)
        if m:
            options[m.group(3)] = int(m.group(2))
    return {"who": head.group(1), "round": int(head.group(2)), "of": int(head.group(3)),
            "options": options, "right": options[NAMES[marker]],
            "wrong": next(n for t, n in options.items() if t != NAMES[marker])}


def question_on(p, who):
    return parse_question(p.wait(r"^ %s · question \d of \d(?s:.*)answer · " % who))


def expected_points(elapsed, limit_ms, streak):
    pts = math.floor(1000 * (1.0 - min(elapsed / limit_ms, 1.0) / 2.0) + 0.5)
    return pts + (min((streak - 1) * 100, 500) if streak >= 2 else 0)


def flat(screen):
    """The screen's words in order, blanks and line breaks as one space:
    sentences compare exactly whatever the wrapping."""
    return " ".join(screen.split())


RULES = ("How it scores A right answer earns 1000 points at once, down to 500 at the last of "
         "the %d seconds; a wrong or missing answer earns 0. Right answers in a row add a "
         "streak bonus: +100 for the 2nd, +200 for the 3rd, ... up to +500; a miss resets "
         "it. " + TIE_RULE)


def db_rows(db, sql, *args):
    return testlib.query(testlib.db(os.path.join(TMP, db)), sql, args)


# ---- hot seat ---------------------------------------------------------------

def test_hotseat_game_with_fixed_seed():
    db = "hotseat.db"
    p = Pane(["trivia", "--countdown", "0", "--players", "Ana,Ben", "--rounds", "2", "--time", "4",
              "--seed", "21"], db)
    try:
        seen = []
        # the rules first, as this game sets them
        s = p.wait(r"^ Trivia · the rules(?s:.*)Enter first question")
        assert ("Players: Ana, Ben 2 questions, 4 seconds each. " + RULES % 4 +
                " Press Enter for the first question; Ana has the keyboard first.") \
            in flat(s), s
        p.keys("Enter")
        # round 1: Ana right (by number), Ben wrong (by letter)
        s = p.wait(r"Pass the keyboard to Ana\.(?s:.*)Enter show the question")
        assert "question 1 of 2" in s
        p.keys("Enter")
        q = question_on(p, "Ana")
        seen.append(q)
        p.keys(str(q["right"]))
        s = p.wait(r"Pass the keyboard to Ben\.")
        assert "Ana's answer is saved." in s
        assert "right" not in s.lower().replace("right answer", ""), s  # hidden
        p.keys("Enter")
        q2 = question_on(p, "Ben")
        assert q2["options"] == q["options"]  # same question, same order
        p.keys("abcdefgh"[q2["wrong"] - 1])
        s = p.wait(r"^ Answers(?s:.*)Enter leaderboard")
        assert re.search(r"The answer: %d\. " % q["right"], s), s
        assert re.search(r"^   Ana +right +\+\d+ +\(\d+\.\d s\)", s, re.M), s
        assert re.search(r"^   Ben +wrong +\+0 +\(", s, re.M), s
        assert "Why: Because the fixture says so" in s
        p.keys("Enter")
        s = p.wait(r"^ Leaderboard after question 1 of 2(?s:.*)Enter next question")
        assert re.search(r"^    1\. Ana +\d+ +\(\+\d+\)", s, re.M), s
        # round 2: Ana right with the arrow keys and Enter, Ben's time runs out
        p.keys("Enter")
        p.wait(r"Pass the keyboard to Ana\.")
        p.keys("Enter")
        q = question_on(p, "Ana")
        for _ in range(q["right"] - 1):
            p.keys("Down")
        p.keys("Enter")
        p.wait(r"Pass the keyboard to Ben\.")
        p.keys("Enter")
        question_on(p, "Ben")
        s = p.wait(r"^ Answers +question 2 of 2(?s:.*)Enter leaderboard",
                   timeout=TIMEOUT + 5)
        assert re.search(r"^   Ben +no answer +\+0", s, re.M), s
        p.keys("Enter")
        p.wait(r"Leaderboard after question 2 of 2(?s:.*)Enter podium")
        p.keys("Enter")
        s = p.wait(r"^ Podium(?s:.*)Enter or q done")
        assert re.search(r"1st  Ana +\d+", s) and re.search(r"2nd  Ben +0", s), s
        assert TIE_RULE in p.screen(join=True)
        p.keys("Enter")
        check_clean_exit(p)
    finally:
        p.close()
    rows = db_rows(db, "SELECT round, player, picked, correct, elapsed_ms, points"
                   " FROM trivia_answers ORDER BY round, player")
    assert [(r[0], r[1], r[3]) for r in rows] == [(1, "Ana", 1), (1, "Ben", 0),
                                                  (2, "Ana", 1), (2, "Ben", 0)], rows
    assert rows[3][2] == -1 and rows[3][4] == 4000, rows
    for streak, r in ((1, rows[0]), (2, rows[2])):
        assert r[5] == expected_points(r[4], 4000, streak), r
    assert db_rows(db, "SELECT status, seed FROM trivia_games") == [("done", "21")]


def test_menu_trivia_names_then_end_early():
    db = "menu.db"
    p = Pane([], db)
    try:
        p.wait(r"Hello, tester(?s:.*)pick")
        p.keys("t")
        p.wait(r"A new trivia game(?s:.*)Enter start")
        p.literal("Jo, jo")  # j is a letter here, not "down"
        p.keys("Enter")
        p.wait(r"named twice")
        for _ in range(2):
            p.keys("BSpace")
        p.literal("Kim")
        s = p.wait(r"Jo, Kim")
        p.keys("Enter")
        s = p.wait(r"^ Trivia · the rules(?s:.*)Enter first question")
        assert "Players: Jo, Kim 10 questions, 20 seconds each, each after a 3-second " \
            "countdown. " + RULES % 20 in flat(s), s
        p.keys("Enter")
        p.wait(r"Pass the keyboard to Jo\.")
        # a resize redraws the same view; too small says so and keeps it
        p.resize(50, 12)
        p.wait(r"terminal too small")
        p.keys("Enter")  # ignored while too small
        p.resize(80, 24)
        p.wait(r"Pass the keyboard to Jo\.")
        p.keys("q")
        p.wait(r"End the game\?")
        p.keys("y")
        # nobody answered: no podium, no ranking of zeros
        s = p.wait(r"^ Trivia · game (\w+)(?s:.*)Enter or q done")
        code = re.search(r"^ Trivia · game (\w+)", s, re.M).group(1)
        assert re.search(r"^ The game ended before its first question was over; there"
                         r" is no ranking\.\n Game %s is saved; 'rolecall report --trivia'"
                         r" lists it\.\n" % code, s, re.M), s
        assert "Podium" not in s and "1st" not in s and "Full ranking" not in s, s
        p.keys("Enter")
        p.wait(r"Hello, tester(?s:.*)pick")
        p.keys("q")
        check_clean_exit(p)
    finally:
        p.close()
    assert db_rows(db, "SELECT status FROM trivia_games") == [("abandoned",)]


def test_countdown_before_the_question():
    """--countdown 2: "Get ready: 2", "Get ready: 1", then the question,
    whose clock starts only then."""
    db = "countdown.db"
    p = Pane(["trivia", "--countdown", "2", "--players", "Ana", "--rounds", "1", "--time",
              "9", "--seed", "3"], db)
    try:
        p.wait(r"Trivia · the rules")
        p.keys("Enter")
        p.wait(r"Pass the keyboard to Ana\.")
        p.keys("Enter")
        s = p.wait(r"^ Ana · question 1 of 1\s*$(?s:.*)^     Get ready: 2\s*$")
        assert "Question" not in s and "answer ·" not in s, s  # nothing to answer yet
        p.keys("1")  # not an answer: there is no question yet
        p.wait(r"^     Get ready: 1\s*$")
        q = question_on(p, "Ana")
        assert re.search(r"9 s left", p.screen()), p.screen()
        p.keys(str(q["right"]))
        p.wait(r"^ Answers(?s:.*)Enter leaderboard")
        p.keys("Enter", "Enter")
        p.wait(r"^ Podium")
        p.keys("Enter")
        check_clean_exit(p)
    finally:
        p.close()
    rows = db_rows(db, "SELECT player, correct, elapsed_ms FROM trivia_answers")
    assert len(rows) == 1 and rows[0][1] == 1 and rows[0][2] < 2000, rows


def field(screen, label):
    """The value shown for a field of the menu's trivia form, and whether
    keys go to it (the ▸ marker)."""
    m = re.search(r"^ ([▸ ]) %s +(.*?)\s*$" % label, screen, re.M)
    return m.group(2), m.group(1) == "▸"


def test_menu_trivia_form_sets_rounds_time_and_banks():
    db = "menuform.db"
    p = Pane([], db)
    try:
        p.wait(r"Hello, tester(?s:.*)pick")
        p.keys("t")
        s = p.wait(r"A new trivia game(?s:.*)Enter start")
        assert field(s, "Questions") == ("10  1 to 100", False), s
        assert field(s, "Seconds") == ("20  per question, 1 to 600", False), s
        assert field(s, "Banks") == ("‹ all 1 bank ›", False), s
        assert field(s, "Play") == ("‹ on this terminal, taking turns ›", False), s
        p.literal("Ana")
        p.keys("Down", "BSpace", "BSpace")
        p.literal("x21")  # digits only: the x is not taken
        p.keys("Down", "BSpace", "BSpace")
        p.literal("7")
        p.keys("Enter")
        s = p.wait(r"The chosen banks have 20 questions: ask at most that many\.")
        assert field(s, "Questions") == ("21  1 to 100", False), s
        assert field(s, "Seconds") == ("7   per question, 1 to 600", True), s
        p.keys("Up", "BSpace", "BSpace", "Enter")
        p.wait(r"Questions: a whole number from 1 to 100\.")
        p.literal("2")
        p.keys("Down", "Down", "Right")
        s = p.wait(r"‹ End-to-end fixture ›")
        assert field(s, "Banks") == ("‹ End-to-end fixture ›", True), s
        p.keys("Enter")
        s = p.wait(r"^ Trivia · the rules(?s:.*)Enter first question")
        assert "Players: Ana 2 questions, 7 seconds each, each after a 3-second " \
            "countdown. " + RULES % 7 in flat(s), s
        p.keys("Enter")
        p.wait(r"Pass the keyboard to Ana\.")
        p.keys("q")
        p.wait(r"End the game\?")
        p.keys("y")
        p.wait(r"there is no ranking")
        p.keys("Enter")
        p.wait(r"Hello, tester(?s:.*)pick")
        p.keys("q")
        check_clean_exit(p)
    finally:
        p.close()
    assert db_rows(db, "SELECT kind, rounds, time_limit_ms FROM trivia_games") == \
        [("hotseat", 2, 7000)]
    assert db_rows(db, "SELECT DISTINCT bank_id FROM trivia_rounds") == [("e2e",)]


def test_menu_trivia_form_hosts_a_game():
    db = "menuhost.db"
    p = Pane([], db)
    try:
        p.wait(r"Hello, tester(?s:.*)pick")
        p.keys("t")
        p.wait(r"A new trivia game")
        p.keys("Down", "BSpace", "BSpace")
        p.literal("3")
        p.keys("Tab", "Tab", "Tab", "Space")
        s = p.wait(r"‹ host a game for other terminals ›")
        assert field(s, "Players") == ("(players join with the game code)", False), s
        assert field(s, "Play") == ("‹ host a game for other terminals ›", True), s
        p.keys("Enter")
        s = p.wait(r"Trivia host · lobby(?s:.*)Game code:")
        code = re.search(r"rolecall trivia join (\w+) --name NAME", s).group(1)
        assert "3 questions, 20 seconds each." in flat(s), s
        p.keys("q")
        p.wait(r"End the game\?")
        p.keys("y")
        p.wait(r"^ Trivia · game %s(?s:.*)there is no ranking" % code)
        p.keys("Enter")
        p.wait(r"Hello, tester(?s:.*)pick")
        p.keys("q")
        check_clean_exit(p)
    finally:
        p.close()
    assert db_rows(db, "SELECT code, kind, status, rounds FROM trivia_games") == \
        [(code, "hosted", "abandoned", 3)]


# ---- several terminals -----------------------------------------------------

def test_hosted_countdown_and_the_time_left_after_answering():
    """The host's countdown shows on every terminal from the same start;
    a player who answered still sees the round's time left."""
    db = "countdown-shared.db"
    with shared_game(db, ["--countdown", "2", "--rounds", "1", "--time", "30",
                          "--seed", "4"]) as g:
        host, code = g.host, g.code
        # the lobby says what scores
        assert RULES % 30 in flat(g.lobby), g.lobby
        ana = g.join("Ana")
        s = ana.wait(r"You joined game %s as Ana\.(?s:.*)Players here" % code)
        assert RULES % 30 in flat(s), s
        # Ben keeps the round open: he does not answer
        ben = g.join("Ben")
        host.wait(r"Players here: 2")
        host.keys("Enter")
        for pl in (host, ana, ben):
            pl.wait(r"Get ready: [12]")
        host.wait(r"Trivia host · question 1 of 1(?s:.*)Answered: 0 of 2")
        q = question_on(ana, "Ana")
        ana.keys(str(q["right"]))
        s = ana.wait(r"Your answer is saved\.(?s:.*)1 of 2 answered")
        m = re.search(r"^ Trivia · game %s · Ana +(\d+) s left\s*$" % code, s, re.M)
        assert m and 25 <= int(m.group(1)) <= 30, s
        host.keys("c")
        host.wait(r"^ Answers +question 1 of 1")
    rows = db_rows(db, "SELECT player, correct, elapsed_ms FROM trivia_answers")
    assert rows[0][:2] == ("Ana", 1) and 0 <= rows[0][2] < 3000, rows


def test_host_closes_a_round_early_and_removes_a_player():
    """c closes the open round at once (no answer for who had none yet);
    r picks a player to remove: its screen says so, without a podium, and
    the rankings leave it out."""
    db = "hostkeys.db"
    with shared_game(db, ["--countdown", "0", "--rounds", "2", "--time", "60",
                          "--seed", "8", "--no-speed"]) as g:
        host, code = g.host, g.code
        for name in ("Ana", "Ben"):
            g.join(name).wait(r"You joined game %s as %s\." % (code, name))
        ana, ben = g.panes[1:]
        host.wait(r"Players here: 2")
        assert "r remove a player" in host.screen()
        host.keys("Enter")
        s = host.wait(r"Answered: 0 of 2(?s:.*)c close the round now · r remove a player")
        q = question_on(ana, "Ana")
        question_on(ben, "Ben")
        ana.keys(str(q["right"]))
        host.wait(r"Answered: 1 of 2")
        host.keys("c")
        # the header can be drawn a frame before the answers' rows: wait
        # for the whole reveal, not its first line
        s = host.wait(r"^ Answers +question 1 of 2(?s:.*)^   Ana +right +\+1000"
                      r"(?s:.*)^   Ben +no answer +\+0")
        assert "You closed the round early." in s, s
        ben.wait(r"^ Answers +question 1 of 2")
        host.keys("r")
        s = host.wait(r"Remove a player(?s:.*)Enter remove · Esc cancel")
        assert re.search(r"│ +Ana +│(?s:.*)│ +Ben +│", s), s
        host.keys("Down", "Enter")
        host.gone(r"Remove a player")
        s = ben.wait(r"^ Trivia · game %s(?s:.*)The host removed you from game %s\." %
                     (code, code))
        assert "Podium" not in s and "1st" not in s and "ranking" not in s, s
        host.wait(r"^   Ben +removed +\+0")
        ben.keys("Enter")
        check_clean_exit(ben)
        host.keys("Enter")
        s = host.wait(r"Leaderboard after question 1 of 2")
        assert "Ben" not in s, s
        host.keys("Enter")
        s = host.wait(r"Answered: 0 of 1(?s:.*)Ben +\(removed\)")
        q = question_on(ana, "Ana")
        ana.keys(str(q["right"]))
        host.wait(r"^ Answers +question 2 of 2")
        host.keys("Enter")
        host.wait(r"Leaderboard after question 2 of 2")
        host.keys("Enter")
        s = host.wait(r"^ Podium · game %s" % code)
        assert re.search(r"1st  Ana +2100", s) and "Ben" not in s, s
    # removed for good (Ana's mark depends on when her pane was closed)
    assert db_rows(db, "SELECT absent FROM trivia_players WHERE name = 'Ben'") == [(2,)]


def test_host_and_two_players_with_one_quitting():
    db = "shared.db"
    with shared_game(db, ["--countdown", "0", "--rounds", "3", "--time", "20",
                          "--seed", "5"]) as g:
        host, code = g.host, g.code
        assert re.search(r"Game code:(?s:.*)rolecall trivia join", g.lobby), g.lobby
        host.keys("Enter")
        host.wait(r"Nobody has joined yet\.")
        ana = g.join("Ana")
        ana.wait(r"You joined game %s as Ana\. Waiting for the host" % code)
        ben = g.join("Ben", code=code.lower())
        ben.wait(r"You joined game %s as Ben\. Waiting for the host" % code)
        s = host.wait(r"Players here: 2\n +Ana\n +Ben\n")
        assert "Nobody has joined yet" not in s, s
        host.keys("Enter")
        # round 1: both see the question, from the same start; Ana right,
        # Ben wrong; the host sees how many answered, not what
        qa, qb = question_on(ana, "Ana"), question_on(ben, "Ben")
        assert qa["options"] == qb["options"] and qa["round"] == 1
        s = host.wait(r"Trivia host · question 1 of 3(?s:.*)Answered: 0 of 2")
        ana.keys(str(qa["right"]))
        ana.wait(r"Your answer is saved\.(?s:.*)1 of 2 answered")
        host.wait(r"Answered: 1 of 2(?s:.*)Ana +✓ answered")
        ben.keys(str(qb["wrong"]))
        for pl in (host, ana, ben):
            s = pl.wait(r"^ Answers +question 1 of 3")
            assert re.search(r"^   Ana +right +\+\d+", s, re.M), s
            assert re.search(r"^   Ben +wrong +\+0", s, re.M), s
        host.keys("Enter")
        for pl in (host, ana, ben):
            pl.wait(r"Leaderboard after question 1 of 3")
        host.keys("Enter")
        # round 2: Ben quits mid-question; the round ends when Ana answers
        qa, qb = question_on(ana, "Ana"), question_on(ben, "Ben")
        ben.keys("q")
        ben.wait(r"Leave the game\?")
        ben.keys("y")
        s = ben.wait(r"^ Trivia · game %s(?s:.*)You left game %s; rejoin it with the same"
                     r" --name\.\n\n Game %s is saved" % (code, code, code))
        assert "Podium" not in s and "1st" not in s and "ranking" not in s, s
        ben.keys("Enter")
        check_clean_exit(ben)
        host.wait(r"Ben +\(absent\)")
        host.wait(r"Answered: 0 of 1")
        ana.keys(str(qa["right"]))
        for pl in (host, ana):
            s = pl.wait(r"^ Answers +question 2 of 3")
            assert re.search(r"^   Ben +absent +\+0", s, re.M), s
        host.keys("Enter")
        host.wait(r"Leaderboard after question 2 of 3")
        host.keys("Enter")
        # round 3: Ana alone
        qa = question_on(ana, "Ana")
        ana.keys(str(qa["right"]))
        host.wait(r"^ Answers +question 3 of 3(?s:.*)Enter leaderboard")
        host.keys("Enter")
        host.wait(r"Leaderboard after question 3 of 3(?s:.*)Enter podium")
        host.keys("Enter")
        for pl in (host, ana):
            s = pl.wait(r"^ Podium · game %s" % code)
            assert re.search(r"1st  Ana +\d+", s) and re.search(r"2nd  Ben +0", s), s
            assert re.search(r"Ben +0 points, 0 right, .* \(absent\)", s), s
            assert TIE_RULE in pl.screen(join=True)
        for pl in (host, ana):
            pl.keys("Enter")
            check_clean_exit(pl)
    game = db_rows(db, "SELECT id, status, kind FROM trivia_games")
    assert [g[1:] for g in game] == [("done", "hosted")], game
    rows = db_rows(db, "SELECT round, player, picked >= 0, correct, elapsed_ms, points"
                   " FROM trivia_answers ORDER BY round, player")
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        (1, "Ana", 1, 1), (1, "Ben", 1, 0), (2, "Ana", 1, 1), (2, "Ben", 0, 0),
        (3, "Ana", 1, 1), (3, "Ben", 0, 0)], rows
    for streak, r in ((1, rows[0]), (2, rows[2]), (3, rows[4])):
        assert r[5] == expected_points(r[4], 20000, streak), r
    score = db_rows(db, "SELECT name, score, absent FROM trivia_players ORDER BY seat")
    assert score == [("Ana", rows[0][5] + rows[2][5] + rows[4][5], 0), ("Ben", 0, 1)], score


if __name__ == "__main__":
    sys.exit(tmuxlib.main("trivia_tmux", globals(), TMP))
