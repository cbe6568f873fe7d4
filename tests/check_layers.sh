#!/usr/bin/env bash
# The layer check (scripts/check_layers.py) passes on the tree, and fails,
# with the exact message, on a copy of it with a wrong-way include added:
# the engine reaching up into the UI, and the store including curses.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
python3 "$root/scripts/check_layers.py" "$root"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src"
cp -r "$root/include" "$tmp/"
cp -r "$root/src/." "$tmp/src/"
printf '#include "ui_impl.h"\n' >> "$tmp/src/engine/stats.c"
printf '#include <curses.h>\n' >> "$tmp/src/store/store.c"
n_stats=$(wc -l < "$tmp/src/engine/stats.c")
n_store=$(wc -l < "$tmp/src/store/store.c")
if out=$(python3 "$root/scripts/check_layers.py" "$tmp"); then
  echo "FAIL: the check passed a tree with wrong-way includes"; exit 1
fi
expect="src/engine/stats.c:$n_stats: the engine layer includes \"ui_impl.h\" of the ui layer above it or beside it
src/store/store.c:$n_store: <curses.h> is reserved to src/ui/
check_layers: 2 problem(s)"
if [ "$out" != "$expect" ]; then
  printf 'FAIL: expected\n%s\ngot\n%s\n' "$expect" "$out"; exit 1
fi
echo "check_layers: a wrong-way include is refused with its file and line"
