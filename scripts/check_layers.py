#!/usr/bin/env python3
"""Check every #include in src/ and include/ against the layer order.

The layers, bottom up, are the folders of src/ (src/CMakeLists.txt builds
one library per folder, linking only downward).  A file may include the
headers of its own layer and of the layers below it; a public header in
include/rolecall/ belongs to the layer whose folder implements it (LAYER_OF
below).  Three headers are reserved: only src/bank/ includes <yaml.h>, only
src/store/sqlite/ <sqlite3.h>, only src/store/pg/ <libpq-fe.h>, only src/ui/
<curses.h>.

Prints each wrong-way include as FILE:LINE: what is wrong, and exits 1 when
there is any; prints the include graph's layers and exits 0 otherwise.
doc/architecture.md's layer diagram (its first ``` block), when the tree
has it, must name every layer.
Usage: check_layers.py [SOURCE_ROOT]
"""
import os
import re
import sys

# Bottom up.  report, plain and ui are side by side: none may include another.
ORDER = ["util", "bank", "interchange", "model", "store", "engine", "app",
         "report", "plain", "ui", "cli"]
SIDE_BY_SIDE = {"report", "plain", "ui"}

# Public headers (include/rolecall/NAME.h): the layer that implements them.
LAYER_OF = {
    "diag": "util", "emit": "util", "rng": "util", "sha256": "util",
    "bank": "bank", "exam_def": "bank",
    "history": "model", "sched": "model",
    "store": "store", "store_answers": "store", "store_exam": "store",
    "store_trivia": "store", "store_backend": "store", "trivia_types": "model",
    "engine": "engine", "evidence": "engine", "exam": "engine", "exam_flow": "engine",
    "explain": "engine", "input": "engine", "stats": "engine",
    "trivia": "engine", "trivia_game": "engine",
}

# System headers only one folder may include: the library behind each is
# that folder's business alone.
RESERVED = {"yaml.h": "src/bank/", "sqlite3.h": "src/store/sqlite/",
            "libpq-fe.h": "src/store/pg/", "curses.h": "src/ui/",
            "ncurses.h": "src/ui/", "term.h": "src/ui/"}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def rank(layer):
    return ORDER.index(layer)


def may_include(src, dst):
    if src == dst:
        return True
    if src in SIDE_BY_SIDE and dst in SIDE_BY_SIDE:
        return False
    return rank(dst) < rank(src)


def layer_of_file(root, path):
    rel = os.path.relpath(path, root).split(os.sep)
    if rel[0] == "include":
        name = os.path.splitext(rel[-1])[0]
        return LAYER_OF.get(name)
    if rel[0] == "src" and len(rel) > 2:
        return rel[1]
    return None


def private_headers(root):
    """Map a private header's name to its layer (src/LAYER/.../NAME.h)."""
    found = {}
    for layer in ORDER:
        top = os.path.join(root, "src", layer)
        for dirpath, dirs, files in os.walk(top):
            dirs.sort()
            for f in files:
                if f.endswith(".h"):
                    found.setdefault(f, set()).add(layer)
    return found


def sources(root):
    for top in ("src", "include"):
        for dirpath, dirs, files in os.walk(os.path.join(root, top)):
            dirs.sort()
            for f in sorted(files):
                if f.endswith((".c", ".h")):
                    yield os.path.join(dirpath, f)


def check_file(root, path, private, problems, edges):
    src = layer_of_file(root, path)
    rel = os.path.relpath(path, root)
    if src is None:
        problems.append(f"{rel}:1: belongs to no layer (add it to "
                        "scripts/check_layers.py)")
        return
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            kind, name = m.groups()
            base = os.path.basename(name)
            if kind == "<":
                folder = RESERVED.get(base)
                if folder is not None and not rel.startswith(folder):
                    problems.append(f"{rel}:{n}: <{name}> is reserved to "
                                    f"{folder}")
                continue
            if name.startswith("rolecall/"):
                dst = LAYER_OF.get(os.path.splitext(base)[0])
                if dst is None:
                    problems.append(f"{rel}:{n}: \"{name}\" has no layer in "
                                    "scripts/check_layers.py")
                    continue
            elif name == "config.h":
                dst = "app"
            else:
                layers = private.get(base)
                if not layers:
                    problems.append(f"{rel}:{n}: \"{name}\" is no header of src/")
                    continue
                dst = src if src in layers else sorted(layers, key=rank)[0]
            if not may_include(src, dst):
                problems.append(f"{rel}:{n}: the {src} layer includes \"{name}\" "
                                f"of the {dst} layer above it or beside it")
            elif src != dst:
                edges.add((src, dst))


def check_diagram(root, problems):
    doc = os.path.join(root, "doc", "architecture.md")
    if not os.path.exists(doc):
        return
    with open(doc, encoding="utf-8") as fh:
        parts = fh.read().split("```")
    diagram = parts[1] if len(parts) > 2 else ""
    for layer in ORDER:
        if not re.search(r"\b%s\b" % layer, diagram):
            problems.append(f"doc/architecture.md:1: the layer diagram does not show "
                            f"the {layer} layer")


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                           os.path.join(os.path.dirname(__file__), ".."))
    private = private_headers(root)
    problems, edges = [], set()
    for path in sources(root):
        check_file(root, path, private, problems, edges)
    check_diagram(root, problems)
    for p in problems:
        print(p)
    if problems:
        print(f"check_layers: {len(problems)} problem(s)")
        return 1
    for layer in ORDER:
        below = sorted({d for s, d in edges if s == layer}, key=rank)
        print(f"  {layer:7} -> {', '.join(below) if below else '(nothing)'}")
    print("check_layers: every include runs down a layer")
    return 0


if __name__ == "__main__":
    sys.exit(main())
