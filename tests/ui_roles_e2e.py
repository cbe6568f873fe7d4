#!/usr/bin/env python3
"""The Roles screen (issue 19, item 6): each role's summary and every
contrast of the banks in use, reached by `rolecall roles` and from the
menu, in a real terminal (tmux); and the same as text in a pipe or with
--plain.  The bank is written here, so every line on screen is known.

Usage: ui_roles_e2e.py ROLECALL_BINARY
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testlib  # noqa: E402
import tmuxlib  # noqa: E402
from tmuxlib import check_no_sanitizer  # noqa: E402

BIN = testlib.binary()
TMP = testlib.workdir("rolecall-roles-")
TIMEOUT = float(os.environ.get("UI_E2E_TIMEOUT", "20"))
BANKS = os.path.join(TMP, "banks")

# Three roles, two contrasts: the pair without one (pjm / po) must not be
# listed, and the roles keep the bank's order, not the alphabet's.
BANK = """\
bank: roles-fixture
title: Roles fixture
roles:
  - {id: pm, name: Product Manager, summary: "Strategy, vision and the roadmap."}
  - {id: pjm, name: Project Manager, summary: "Plans, milestones and risks."}
  - {id: po, name: Product Owner}
contrasts:
  - roles: [pm, po]
    text: "PM: the roadmap. PO: the backlog."
  - roles: [pjm, pm]
    text: "PM: direction. Project Manager: delivery on time."
questions:
  - id: roles-q
    prompt: Who works the backlog?
    answer: po
    explain: The Product Owner works the backlog.
"""

TEXT = """\
Product Manager
  Strategy, vision and the roadmap.

Project Manager
  Plans, milestones and risks.

Product Owner
  (no summary in the banks)

What tells them apart

  Product Manager / Project Manager
    PM: direction. Project Manager: delivery on time.

  Product Manager / Product Owner
    PM: the roadmap. PO: the backlog.
"""

os.makedirs(BANKS, exist_ok=True)
with open(os.path.join(BANKS, "roles.yaml"), "w") as f:
    f.write(BANK)


class Pane(tmuxlib.Pane):
    def __init__(self, args, size=(80, 24)):
        env = tmuxlib.isolated_env(TMP, ROLECALL_QUIZZES=BANKS, **tmuxlib.terminal())
        argv = [BIN] + list(args) + ["--db", os.path.join(TMP, "roles.db")]
        super().__init__(argv, env, TMP, "rolecall-roles", size, timeout=TIMEOUT)


def screen_lines(s):
    return [line.rstrip() for line in s.splitlines()]


def check_roles_screen(s):
    """The document's lines, in order, at their indents (the screen's left
    margin is one column)."""
    lines = screen_lines(s)
    want = [" Product Manager", "   Strategy, vision and the roadmap.",
            " Project Manager", "   Plans, milestones and risks.",
            " Product Owner", "   (no summary in the banks)",
            " What tells them apart",
            "   Product Manager / Project Manager",
            "     PM: direction. Project Manager: delivery on time.",
            "   Product Manager / Product Owner",
            "     PM: the roadmap. PO: the backlog."]
    at = [lines.index(w) if w in lines else -1 for w in want]
    assert -1 not in at, "missing %r in\n%s" % (want[at.index(-1)], s)
    assert at == sorted(at), "out of order: %r\n%s" % (at, s)
    assert "Project Manager / Product Owner" not in s, s


def test_roles_command_shows_summaries_and_contrasts():
    p = Pane(["roles"])
    try:
        s = p.wait(r"^ Roles(?s:.*)q back")
        check_roles_screen(s)
        p.keys("?")
        p.wait(r"Keys(?s:.*)scroll(?s:.*)back")
        p.keys("x")
        p.gone(r"any key closes")
        p.quit_cleanly("q")
    finally:
        p.close()


def test_roles_from_the_menu_and_back():
    p = Pane([])
    try:
        s = p.wait(r"Hello, tester(?s:.*)q pick")
        assert "6  Roles" in s and "7  Quit" in s, s
        p.keys("r")
        check_roles_screen(p.wait(r"^ Roles(?s:.*)q back"))
        p.keys("Escape")
        p.wait(r"Hello, tester(?s:.*)q pick")
        p.keys("6")
        p.wait(r"^ Roles(?s:.*)q back")
        p.keys("q")
        p.wait(r"Hello, tester(?s:.*)q pick")
        p.quit_cleanly("q")
    finally:
        p.close()


def test_roles_scroll_in_a_small_terminal():
    """At 60x16 the contrasts fall below the screen; End shows the last."""
    p = Pane(["roles"], size=(60, 16))
    try:
        s = p.wait(r"^ Roles(?s:.*)q back")
        assert "PM: the roadmap. PO: the backlog." not in s, s
        p.keys("End")
        s = p.wait(r"PM: the roadmap\. PO: the backlog\.")
        assert "Strategy, vision and the roadmap." not in s, s
        p.keys("Home")
        p.wait(r"Strategy, vision and the roadmap\.")
        p.keys("q")
        rc, s = p.exit_status()
        assert rc == 0, s
        check_no_sanitizer(p)
    finally:
        p.close()


def test_roles_as_text_in_a_pipe_and_with_plain():
    env = testlib.home_env(TMP, quizzes=BANKS)
    for extra in ([], ["--plain"]):
        r = subprocess.run([BIN, "roles"] + extra, capture_output=True, text=True, env=env,
                           stdin=subprocess.DEVNULL, timeout=30)
        assert (r.returncode, r.stdout, r.stderr) == (0, TEXT, ""), (extra, r)
    r = subprocess.run([BIN, "roles", "extra"], capture_output=True, text=True, env=env,
                       stdin=subprocess.DEVNULL, timeout=30)
    assert (r.returncode, r.stdout, r.stderr) == (
        2, "", "rolecall: 'roles' takes no arguments (got 'extra')\n"), r


if __name__ == "__main__":
    sys.exit(tmuxlib.main("ui_roles_e2e", globals(), TMP))
