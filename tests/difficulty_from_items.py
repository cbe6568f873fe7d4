#!/usr/bin/env python3
"""scripts/difficulty_from_items.py labels questions from their facility:
which labels change, which are kept for want of answers, that a question
without a label gets one, and that nothing else in the file moves.

Usage: difficulty_from_items.py ROLECALL_BINARY"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "..", "scripts", "difficulty_from_items.py")
BIN = sys.argv[1]

BANK = """\
bank: d
title: D
roles: [{id: pm, name: Product Manager}, {id: po, name: Product Owner}]
questions:
  # --- one -----
  - id: easy
    prompt: Who works the roadmap?
    answer: pm
    explain: The Product Manager works the roadmap.
    difficulty: 2

  - id: hard
    prompt: Who works the backlog?
    answer: po
    explain: The Product Owner works the backlog.
    difficulty: 3

  - id: few
    prompt: Who sells the vision?
    answer: pm
    explain: The Product Manager sells the vision.
    difficulty: 3
  # --- two -----
  - id: unlabelled
    prompt: Who attends stand-ups?
    answer: po
    explain: The Product Owner attends stand-ups.
"""

WANT = BANK.replace("""explain: The Product Manager works the roadmap.
    difficulty: 2""", """explain: The Product Manager works the roadmap.
    difficulty: 1""").replace("""explain: The Product Owner attends stand-ups.
""", """explain: The Product Owner attends stand-ups.
    difficulty: 1
""")

ITEMS = [
    {"bank": "d", "question": "easy", "answers": 40, "correct": 36, "facility": 0.9},
    {"bank": "d", "question": "hard", "answers": 40, "correct": 12, "facility": 0.3},
    {"bank": "d", "question": "few", "answers": 5, "correct": 5, "facility": 1.0},
    {"bank": "d", "question": "unlabelled", "answers": 50, "correct": 48, "facility": 0.96},
    {"bank": "gone", "question": "not-in-any-bank", "answers": 90, "correct": 9,
     "facility": 0.1},
]

OUT = """\
d.yaml: easy: difficulty 2 -> 1 (facility 0.90 over 40 answers)
d.yaml: unlabelled: difficulty 2 -> 1 (facility 0.96 over 50 answers)
2 labels %s; 1 question with fewer than 30 answers kept theirs
"""


def run(folder, *args):
    return subprocess.run([sys.executable, SCRIPT, folder] + list(args), input=json.dumps(ITEMS),
                          capture_output=True, text=True, timeout=60)


def main():
    tmp = tempfile.mkdtemp(prefix="rolecall-difficulty-")
    path = os.path.join(tmp, "d.yaml")
    with open(path, "w") as f:
        f.write(BANK)
    r = run(tmp)
    assert (r.returncode, r.stdout, r.stderr) == (1, OUT % "to change", ""), r
    with open(path) as f:
        assert f.read() == BANK, "a dry run wrote"
    r = run(tmp, "--write")
    assert (r.returncode, r.stdout, r.stderr) == (0, OUT % "changed", ""), r
    with open(path) as f:
        got = f.read()
    assert got == WANT, got
    r = run(tmp)
    assert (r.returncode, r.stdout) == (0, "0 labels to change; 1 question with fewer than "
                                           "30 answers kept theirs\n"), r
    r = subprocess.run([BIN, "check", path], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r
    print("ok: difficulty labels from facility")
    return 0


if __name__ == "__main__":
    sys.exit(main())
