#!/usr/bin/env python3
"""One wording for a confusion in the documents (issue 21): README.md, the
man page and doc/*.md say "you picked X when the answer was Y", as the
program does (src/engine/explain.c), and none of the wordings it replaced
("took X for Y", "mistook", "picked X instead of Y", "you pick X when the
answer is Y") comes back.

Usage: wording_docs.py SOURCE_ROOT
"""
import glob
import os
import re
import sys

# Each wording rolecall once used, or could drift back to, for a confusion.
OLD = [
    ("took X for Y", re.compile(r"\btook (?:the )?[A-Z][\w ]*? for ")),
    ("mistook", re.compile(r"\bmistook\b", re.I)),
    ("picked X instead of Y", re.compile(r"\bpick(?:ed|s)? [^.;:]*? instead of\b", re.I)),
    ("you pick X when the answer is Y",
     re.compile(r"\byou pick [^.;:]*? when the answer is\b", re.I)),
]
NEW = re.compile(r"\bpicked [A-Z][\w ]*? when the answer was [A-Z]", re.I)


def plain_text(path):
    """The file's words on one line: roff escapes and line breaks gone, so
    a wording split over two lines is still found."""
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    if path.endswith(".1"):
        text = re.sub(r"\\f[BIRP]|\\\(\w\w|\\-|\\&", " ", text)
        text = re.sub(r"^\.\S+ ?", "", text, flags=re.M)
    return re.sub(r"\s+", " ", text)


def old_wordings(text):
    return [(name, m.group(0)) for name, rx in OLD for m in rx.finditer(text)]


def check_patterns():
    """The patterns catch what they are for, and leave the new wording and
    the document's other uses of the same words alone."""
    for bad in ("you took Product Owner for Product Manager in 4 of 6 chances",
                "  took Project Manager for Product Owner (2 times)",
                "She mistook the PO for the PM.",
                "you picked Product Manager instead of Product Owner",
                "you pick Product Manager when the answer is Product Owner"):
        assert old_wordings(bad), bad
    for good in ("you picked Product Owner when the answer was Product Manager",
                 "Submitted: 2027-01-16 (took 0:03; time limit 0:03)",
                 "the time the first passing attempt took, for each",
                 "one PostgreSQL database instead of a file"):
        assert not old_wordings(good), (good, old_wordings(good))
        assert "picked" not in good or NEW.search(good), good


def main():
    root = os.path.abspath(sys.argv[1])
    check_patterns()
    docs = [os.path.join(root, "README.md"), os.path.join(root, "doc", "rolecall.1")]
    docs += sorted(glob.glob(os.path.join(root, "doc", "*.md")))
    problems = []
    for path in docs:
        for name, found in old_wordings(plain_text(path)):
            problems.append("%s: the old wording '%s' for a confusion: \"%s\""
                            % (os.path.relpath(path, root), name, found))
    for path in docs[:2]:  # the two a user reads first name it as rolecall says it
        if not NEW.search(plain_text(path)):
            problems.append("%s: no confusion worded \"picked X when the answer was Y\""
                            % os.path.relpath(path, root))
    for p in problems:
        print(p)
    if problems:
        return 1
    print("wording_docs: %d documents, one wording for a confusion" % len(docs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
