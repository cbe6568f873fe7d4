#!/usr/bin/env python3
"""The long screens' keys, as in less (issue 21): Space and PgDn a page
down, b and PgUp a page up, g and Home the top, G and End the end, and "/"
to search (a prompt on the bottom line, Enter searches, Esc cancels; n and
N the next and the previous match, every match shown in reverse video,
"Pattern not found" when there is none).  On the Roles screen, whose text
the bank written here fixes line by line, and on the feedback of an answer,
whose footer says the same whether or not it scrolls.  In tmux.

Usage: ui_pager_e2e.py ROLECALL_BINARY
"""
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testlib  # noqa: E402
import tmuxlib  # noqa: E402
from tmuxlib import check_no_sanitizer  # noqa: E402

BIN = testlib.binary()
TMP = testlib.workdir("rolecall-pager-")
TIMEOUT = float(os.environ.get("UI_E2E_TIMEOUT", "20"))
BANKS = os.path.join(TMP, "banks")

# Eight roles of two rows each and a blank: 26 rows before the contrasts,
# more than a 60x16 terminal shows.  "backlog" is in three summaries;
# "Café" only in the last contrast, below the first page.
ROLES = [("r1", "Role One", "Keeps the backlog in order."),
         ("r2", "Role Two", "Writes the roadmap."),
         ("r3", "Role Three", "Plans the milestones."),
         ("r4", "Role Four", "Refines the backlog with the team."),
         ("r5", "Role Five", "Talks to the market."),
         ("r6", "Role Six", "Counts the budget."),
         ("r7", "Role Seven", "Reads the BACKLOG aloud."),
         ("r8", "Role Eight", "Opens the doors.")]
BANK = "bank: pager-fixture\ntitle: Pager fixture\nroles:\n" + "".join(
    '  - {id: %s, name: %s, summary: "%s"}\n' % r for r in ROLES) + """\
contrasts:
  - roles: [r1, r2]
    text: "One: the order. Two: the road."
  - roles: [r7, r8]
    text: "Seven reads in the Café Ökonom; Eight opens it."
questions:
  - id: pager-q
    prompt: Who keeps the backlog in order?
    answer: r1
    explain: "Role One keeps it; the explanation names the backlog once more."
"""

os.makedirs(BANKS, exist_ok=True)
with open(os.path.join(BANKS, "pager.yaml"), "w") as f:
    f.write(BANK)

FOOTER = "↑/↓ Space b g G · / search n N · ? help · q back"
FEEDBACK_FOOTER = {80: "Enter go on · ↑/↓ Space b g G scroll · / search · ? help · q quit",
                   60: "Enter go on · Space b g G / search · ? help"}


class Pane(tmuxlib.Pane):
    def __init__(self, args, size=(60, 16), db="pager.db"):
        env = tmuxlib.isolated_env(TMP, ROLECALL_QUIZZES=BANKS, **tmuxlib.terminal())
        argv = [BIN] + list(args) + ["--db", testlib.db(os.path.join(TMP, db))]
        super().__init__(argv, env, TMP, "rolecall-pager", size, timeout=TIMEOUT)


def top_line(s):
    """The document's first row shown (row 1 is the header's blank)."""
    return s.splitlines()[2].strip()


def bottom_line(s):
    return s.splitlines()[-1].strip() if s.splitlines() else ""


def wait_top(p, text):
    """The screen once its document's first row shown is text."""
    deadline = time.time() + TIMEOUT
    while True:
        s = p.screen()
        if top_line(s) == text:
            return s
        if time.time() > deadline:
            raise AssertionError("top row is not %r:\n%s" % (text, s))
        time.sleep(0.05)


def marked_text(p):
    """What the document shows in reverse video (the footer is too)."""
    return tmuxlib.reversed_text("\n".join(p.screen(escapes=True).splitlines()[:-1]))


def type_pattern(p, text):
    """"/" and text at the prompt on the bottom line; returns the screen
    before Enter, which the caller sends (or Esc)."""
    p.keys("/")
    p.wait(r"^ /$")
    p.literal(text)
    return p.wait(r"^ /%s$" % re.escape(text))


def started(p, ready):
    """p once ready() passed; its tmux server closed when it fails."""
    try:
        ready(p)
    except BaseException:
        p.close()
        raise
    return p


def roles(size=(60, 16)):
    return started(Pane(["roles"], size=size), lambda p: p.wait(r"^ Roles(?s:.*)q back"))


def quit_roles(p):
    p.quit_cleanly("q")


def test_footer_names_the_keys_and_less_keys_scroll_roles():
    p = roles()
    try:
        s = p.screen()
        assert bottom_line(s).startswith(FOOTER), s
        assert top_line(s) == "Role One", s
        for key in ("Space", "NPage"):
            p.keys(key)
            s = p.wait(r"more ↑")
            assert top_line(s) != "Role One", (key, s)
            p.keys("b" if key == "Space" else "PPage")
            s = p.wait(r"^ Role One$")
            assert top_line(s) == "Role One", (key, s)
        for end, top in (("G", "g"), ("End", "Home")):
            p.keys(end)
            s = p.wait(r"Eight opens it\.")
            assert "Keeps the backlog" not in s, (end, s)
            p.keys(top)
            s = p.wait(r"^ Role One$")
            assert "Eight opens it." not in s, (top, s)
        quit_roles(p)
    finally:
        p.close()


def test_search_finds_marks_next_and_previous():
    p = roles()
    try:
        s = type_pattern(p, "backlog")
        assert FOOTER not in s, s  # the prompt takes the bottom line
        p.keys("Enter")
        # The first match is already on the first page: its row goes on
        # top, every match shown is marked, and case does not matter.
        s = wait_top(p, "Keeps the backlog in order.")
        assert marked_text(p) == ["backlog", "backlog"], p.screen()
        p.keys("n")
        s = wait_top(p, "Refines the backlog with the team.")
        p.keys("n")
        # The last match: the document ends before its row could reach
        # the top, so the last page shows it.
        s = wait_top(p, "Role Seven")
        assert "Reads the BACKLOG aloud." in s and "more ↑" in s, s
        assert marked_text(p) == ["BACKLOG"], p.screen()
        p.keys("N")
        s = wait_top(p, "Refines the backlog with the team.")
        p.keys("N")
        s = wait_top(p, "Keeps the backlog in order.")
        p.keys("N")
        s = p.wait(r"Pattern not found")  # nothing before the first match
        assert bottom_line(s) == "Pattern not found", s
        # the next key puts the footer back and still acts
        p.keys("g")
        s = p.wait(r"^ Role One$(?s:.*)q back")
        assert bottom_line(s).startswith(FOOTER), s
        quit_roles(p)
    finally:
        p.close()


def test_search_not_found_cancel_and_a_utf8_pattern():
    p = roles()
    try:
        type_pattern(p, "zebra")
        p.keys("Enter")
        s = p.wait(r"Pattern not found")
        assert top_line(s) == "Role One", s  # nothing moved
        p.keys("Space")  # clears the message, and pages down
        s = p.wait(r"more ↑(?s:.*)")
        assert bottom_line(s).startswith(FOOTER) and top_line(s) != "Role One", s
        p.keys("g")
        p.wait(r"^ Role One$")
        # Esc cancels: nothing searched, nothing moved or marked
        type_pattern(p, "Ök")
        p.keys("BSpace")
        p.wait(r"^ /Ö$")
        p.keys("Escape")
        s = p.wait(r"q back")
        assert top_line(s) == "Role One" and marked_text(p) == [], s
        # A pattern beyond ASCII, typed in the other case: found on the
        # last page, and marked as the text shows it.
        type_pattern(p, "CAFÉ ök")
        p.keys("Enter")
        s = p.wait(r"Seven reads in the Café Ökonom(?s:.*)q back")
        assert "Keeps the backlog" not in s, s
        assert marked_text(p) == ["Café Ök"], p.screen(escapes=True)
        p.keys("n")
        s = p.wait(r"Pattern not found")
        quit_roles(p)
    finally:
        p.close()


def answer_right(p):
    s = p.wait(r"Who keeps the backlog in order\?")
    p.keys(re.search(r"(\d)  Role One$", s, re.M).group(1))  # right: asked once
    p.wait(r"✔ Right!")


def feedback(size):
    return started(Pane(["practice", "--count", "1"], size=size,
                        db="fb-%dx%d.db" % size), answer_right)


def test_feedback_footer_is_the_same_and_search_stays_on_it():
    for size in ((80, 24), (60, 16)):
        p = feedback(size)
        try:
            s = p.screen()
            assert bottom_line(s).startswith(FEEDBACK_FOOTER[size[0]]), (size, s)
            type_pattern(p, "backlog")
            p.keys("Enter")
            # still the feedback, the prompt's row on top when it scrolls
            s = p.wait(r"Who keeps the backlog in order\?(?s:.*)go on")
            assert "backlog" in marked_text(p), (size, p.screen(escapes=True))
            p.keys("Enter")
            p.wait(r"Practice over")
            p.keys("Enter")
            rc, s = p.exit_status()
            assert rc == 0, s
            check_no_sanitizer(p)
        finally:
            p.close()


if __name__ == "__main__":
    sys.exit(tmuxlib.main("ui_pager_e2e", globals(), TMP))
