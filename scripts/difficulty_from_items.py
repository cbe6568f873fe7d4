#!/usr/bin/env python3
"""Difficulty labels from the data (issue 19, item 5): read the item
analysis that `rolecall report --items --all --format json` prints and
label each question from its facility, the share of answers that were
right, instead of the author's guess:

    facility >= 0.80   difficulty 1
    facility >= 0.50   difficulty 2
    below              difficulty 3

A question with fewer than --min-answers answers keeps its label: a
facility from a handful of answers says little.  Without --write it only
lists the labels that would change (and exits 1 when any would, so CI can
hold banks to their data); with --write it rewrites the `difficulty:`
lines of the bank files in place, leaving every other byte as it was.

Usage: rolecall report --items --all --format json | \\
       difficulty_from_items.py [--min-answers N] [--write] QUIZ_DIR
"""
import argparse
import json
import os
import re
import sys

EASY, HARD = 0.80, 0.50


def label(facility):
    return 1 if facility >= EASY else 2 if facility >= HARD else 3


def question_spans(text):
    """{question id: (start, end)} of each question's block in a bank."""
    spans = {}
    for m in re.finditer(r"^  - id: *([^\s#]+)", text, re.M):
        # the block ends where the next question, a section comment or a
        # top-level key begins
        nxt = re.compile(r"^(  - |  #|\S)", re.M).search(text, m.end())
        spans[m.group(1)] = (m.start(), nxt.start() if nxt else len(text))
    return spans


def relabel(text, qid, new):
    """text with question qid at difficulty new: its `difficulty:` line
    rewritten, or one added after its last line when it has none."""
    s, e = question_spans(text)[qid]
    block = text[s:e]
    m = re.search(r"^(    difficulty: *)(\d+)", block, re.M)
    if m:
        block = block[:m.start(2)] + str(new) + block[m.end(2):]
    else:
        body = block.rstrip("\n")
        block = body + "\n    difficulty: %d" % new + block[len(body):]
    return text[:s] + block + text[e:]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("quizzes")
    ap.add_argument("--min-answers", type=int, default=30)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    items = json.load(sys.stdin)
    files = {}
    for name in sorted(os.listdir(args.quizzes)):
        if name.endswith((".yaml", ".yml")):
            with open(os.path.join(args.quizzes, name), encoding="utf-8") as f:
                files[name] = f.read()
    where = {qid: name for name, text in files.items() for qid in question_spans(text)}
    changed = kept = 0
    for it in sorted(items, key=lambda i: i["question"]):
        qid = it["question"]
        if qid not in where:
            continue
        if it["answers"] < args.min_answers:
            kept += 1
            continue
        name = where[qid]
        s, e = question_spans(files[name])[qid]
        m = re.search(r"^    difficulty: *(\d+)", files[name][s:e], re.M)
        old = int(m.group(1)) if m else 2
        new = label(it["facility"])
        if new == old:
            continue
        changed += 1
        print("%s: %s: difficulty %d -> %d (facility %.2f over %d answers)"
              % (name, qid, old, new, it["facility"], it["answers"]))
        files[name] = relabel(files[name], qid, new)
    print("%d label%s %s; %d question%s with fewer than %d answers kept theirs"
          % (changed, "" if changed == 1 else "s", "changed" if args.write else "to change",
             kept, "" if kept == 1 else "s", args.min_answers))
    if args.write:
        for name, text in files.items():
            with open(os.path.join(args.quizzes, name), "w", encoding="utf-8") as f:
                f.write(text)
        return 0
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
