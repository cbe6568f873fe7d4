#!/usr/bin/env bash
# `rolecall check` as a process: exit status, the one-line summaries of good
# banks, every error of each bad bank as FILE:LINE:COL: error: MESSAGE with
# the offending line and a caret, --json output, folders, usage errors.
#
# Usage: check_cli.sh BINARY, with TESTS_DIR (the tests folder) in the
# environment.  Ends with "N passed, 0 failed", or lists each failure with
# what was expected and what happened, and exits 1.
set -euo pipefail

BIN=${1:?usage: check_cli.sh BINARY}
TESTS_DIR=${TESTS_DIR:?TESTS_DIR must name the tests folder}
GOOD=$TESTS_DIR/good
BAD=$TESTS_DIR/bad

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# Never touch the real home: check reads no database, and must not start to.
export HOME=$TMP/home XDG_DATA_HOME=$TMP/data
mkdir -p "$HOME" "$XDG_DATA_HOME"
export LC_ALL=C.UTF-8
unset ROLECALL_QUIZZES

passed=0
failed=0

pass() { passed=$((passed + 1)); }

# fail WHAT [DETAIL...]
fail() {
	failed=$((failed + 1))
	printf 'FAIL: %s\n' "$1" >&2
	shift
	for line in "$@"; do
		printf '    %s\n' "$line" >&2
	done
}

# run ARG...: the exit status in $rc, the output in $TMP/out and $TMP/err.
run() {
	rc=0
	"$BIN" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null || rc=$?
}

# expect_rc WHAT STATUS
expect_rc() {
	if [[ $rc -eq $2 ]]; then
		pass
	else
		fail "$1: exit status" "expected: $2" "actual:   $rc" \
			"stderr: $(head -c 400 "$TMP/err")"
	fi
}

# expect_line WHAT FILE LINE: FILE has LINE, exactly, as one of its lines.
expect_line() {
	if grep -qxF -- "$3" "$2"; then
		pass
	else
		fail "$1: missing line" "expected: $3" "actual:" \
			"$(head -n 8 "$2" | sed 's/^/  /')"
	fi
}

# expect_grep WHAT FILE PATTERN (extended regular expression)
expect_grep() {
	if grep -qE -- "$3" "$2"; then
		pass
	else
		fail "$1: no match" "expected /$3/" "actual:" "$(head -n 8 "$2" | sed 's/^/  /')"
	fi
}

# expect_count WHAT WANT GOT
expect_count() {
	if [[ $2 -eq $3 ]]; then
		pass
	else
		fail "$1" "expected: $2" "actual:   $3"
	fi
}

# expect_py WHAT SCRIPT ARG...: a python3 check; it prints why when it fails.
expect_py() {
	local what=$1 why
	shift
	if why=$(python3 -c "$@" 2>&1); then
		pass
	else
		fail "$what" "$why"
	fi
}

# Every error line is followed by its source line (indented 4 spaces) and a
# caret under the column, and no byte may drive the terminal.  Arguments:
# pairs of (captured stderr, bank file).
check_echo='
import sys

def check(err, path):
    raw = open(err, "rb").read()
    bad = [b for b in raw if (b < 0x20 and b != 0x0A) or b == 0x7F]
    assert not bad, "%s: control bytes on stderr: %r" % (path, bad[:5])
    text = raw.decode("utf-8")
    assert not any(0x80 <= ord(c) < 0xA0 for c in text), path + ": C1 control"
    src = open(path, "rb").read()
    if src.startswith(b"\xef\xbb\xbf"):
        src = src[3:]
    lines = src.replace(b"\r\n", b"\n").split(b"\n")
    out = text.split("\n")
    prefix = path + ":"
    for i, line in enumerate(out):
        if not src or not line.startswith(prefix) or ": error: " not in line:
            continue
        where = line[len(prefix):].split(": error: ")[0].split(":")
        if len(where) != 2 or int(where[0]) > len(lines):
            continue
        ln, col = int(where[0]), int(where[1])
        s = lines[ln - 1]
        if not all(0x20 <= b < 0x7F for b in s):
            continue  # tabs, binary, UTF-8: shown as ?, checked elsewhere
        s = s.decode()
        echo, caret = out[i + 1], out[i + 2]
        assert echo.startswith("    ") and caret.strip() == "^", (line, echo, caret)
        at = len(caret) - 1
        if len(s) <= 200:
            assert echo == "    " + s, (line, echo, s)
            assert at == 3 + col, (line, at, col)
        else:
            assert len(echo) <= 4 + 3 + 200 + 3 and "..." in echo, (line, len(echo))
        if col <= len(s):
            assert echo[at] == s[col - 1], (line, echo[at], s[col - 1])

args = sys.argv[1:]
for err, path in zip(args[::2], args[1::2]):
    check(err, path)
'

# ---- good banks: exit 0, one line per bank ------------------------------

n_good=0
for f in "$GOOD"/*.yaml; do
	n_good=$((n_good + 1))
	run check "$f"
	expect_rc "check $f" 0
	expect_grep "summary of $f" "$TMP/out" "^$(printf '%s' "$f" | sed 's/[].[*^$\\/]/\\&/g'): ok: bank '[a-z0-9_-]+', [0-9]+ questions?, [0-9]+ roles?, [0-9]+ contrasts?\$"
	expect_grep "total of $f" "$TMP/out" '^1 bank, [0-9]+ questions?: all valid$'
	expect_count "check $f: stdout lines" 2 "$(wc -l <"$TMP/out")"
	expect_count "check $f: stderr lines" 0 "$(wc -l <"$TMP/err")"
done
expect_count "good banks found" 1 "$((n_good >= 4))"

run check "$GOOD/01-pm-vs-po.yaml"
expect_line "pm-vs-po summary" "$TMP/out" \
	"$GOOD/01-pm-vs-po.yaml: ok: bank 'pm-vs-po', 2 questions, 4 roles, 1 contrast"

# A folder: every bank in it, in name order, and the total.
run check "$GOOD"
expect_rc "check GOOD_DIR" 0
expect_count "check GOOD_DIR: one line per bank and a total" "$((n_good + 1))" \
	"$(wc -l <"$TMP/out")"
expect_line "check GOOD_DIR: total" "$TMP/out" "$n_good banks, 7 questions: all valid"
expect_line "check GOOD_DIR: first" "$TMP/out" \
	"$GOOD/01-pm-vs-po.yaml: ok: bank 'pm-vs-po', 2 questions, 4 roles, 1 contrast"

# No argument: the bundled banks, found through ROLECALL_QUIZZES here.
rc=0
ROLECALL_QUIZZES=$GOOD "$BIN" check >"$TMP/out" 2>"$TMP/err" || rc=$?
expect_rc "check with ROLECALL_QUIZZES" 0
expect_line "check with ROLECALL_QUIZZES: total" "$TMP/out" \
	"$n_good banks, 7 questions: all valid"

# ---- bad banks: exit 1, every error on stderr -----------------------------

n_bad=0
echo_pairs=()
mkdir "$TMP/echo"
for f in "$BAD"/*.yaml; do
	n_bad=$((n_bad + 1))
	expect=${f%.yaml}.expect
	run check "$f"
	expect_rc "check $f" 1
	expect_count "check $f: nothing on stdout" 0 "$(wc -c <"$TMP/out")"
	while IFS= read -r want; do
		[[ $want == "..." ]] && continue
		expect_line "check $f" "$TMP/err" "$f:${want%%: *}: error: ${want#*: }"
	done <"$expect"
	# The first line on stderr is the first error.
	first=$(head -n 1 "$expect")
	expect_count "check $f: first error first" 1 \
		"$([[ $(head -n 1 "$TMP/err") == "$f:${first%%: *}: error: ${first#*: }" ]] && echo 1 || echo 0)"
	expect_line "check $f: summary" "$TMP/err" "1 of 1 bank file has errors"
	cp "$TMP/err" "$TMP/echo/$n_bad.err"
	echo_pairs+=("$TMP/echo/$n_bad.err" "$f")
done
expect_py "bad banks: echoed lines and carets" "$check_echo" "${echo_pairs[@]}"
expect_count "bad banks found (at least 32)" 1 "$((n_bad >= 32))"

# The folder of bad banks: all refused, all counted.
run check "$BAD"
expect_rc "check BAD_DIR" 1
expect_line "check BAD_DIR: summary" "$TMP/err" "$n_bad of $n_bad bank files have errors"

# Good and bad together: the good one is still reported, the status is 1.
run check "$GOOD/01-pm-vs-po.yaml" "$BAD/13-answer-not-in-options.yaml"
expect_rc "check good and bad" 1
expect_line "check good and bad: good one" "$TMP/out" \
	"$GOOD/01-pm-vs-po.yaml: ok: bank 'pm-vs-po', 2 questions, 4 roles, 1 contrast"
expect_line "check good and bad: bad one" "$TMP/err" \
	"$BAD/13-answer-not-in-options.yaml:11:13: error: the answer 'po' is not among the options; add it to 'options'"
expect_line "check good and bad: summary" "$TMP/err" "1 of 2 bank files has errors"

# The echo of a tab and of binary bytes is '?', under a caret.
run check "$BAD/37-tab-indentation.yaml"
expect_line "tab echo" "$TMP/err" "    ?answer: po"
expect_line "tab caret" "$TMP/err" "    ^"

# A hostile file: an escape sequence as a raw byte and as a YAML escape in a
# key; neither may reach the terminal.
printf 'bank: x\ntitle: t\nroles: [{id: a, name: A}, {id: b, name: B}]\nquestions:\n  - {id: q, prompt: p, explain: e, answer: a, "\\e[2Jpromt": x}\n' \
	>"$TMP/esc-key.yaml"
run check "$TMP/esc-key.yaml"
expect_rc "escape in a key" 1
expect_line "escape in a key" "$TMP/err" \
	"$TMP/esc-key.yaml:5:47: error: unknown key '?[2Jpromt' in a question"
expect_py "escape in a key: nothing raw" "$check_echo" "$TMP/err" "$TMP/esc-key.yaml"
printf 'bank: x\ntitle: \033]0;pwned\007\n' >"$TMP/esc-raw.yaml"
run check "$TMP/esc-raw.yaml"
expect_rc "raw escape byte" 1
expect_line "raw escape byte" "$TMP/err" \
	"$TMP/esc-raw.yaml:2:8: error: the file contains the control character U+001B; is it a text file?"
expect_line "raw escape byte: echo" "$TMP/err" "    title: ?]0;pwned?"
expect_py "raw escape byte: nothing raw" "$check_echo" "$TMP/err" "$TMP/esc-raw.yaml"

# A long line is cut around the column, which stays under the caret.
{
	printf 'bank: long\ntitle: t\nroles: [{id: a, name: A}, {id: b, name: B}]\nquestions:\n'
	printf '  - {id: q, explain: e, answer: a, prompt: %s, colour: red}\n' "$(printf 'x%.0s' {1..500})"
} >"$TMP/long.yaml"
run check "$TMP/long.yaml"
expect_line "long line" "$TMP/err" "$TMP/long.yaml:5:546: error: unknown key 'colour' in a question"
expect_py "long line: cut, caret on the key" "$check_echo" "$TMP/err" "$TMP/long.yaml"

# Files that are not banks.
run check "$TMP/missing.yaml"
expect_rc "missing file" 1
expect_line "missing file" "$TMP/err" "$TMP/missing.yaml: error: cannot open: No such file or directory"
mkfifo "$TMP/fifo.yaml"
run check "$TMP/fifo.yaml"
expect_rc "FIFO" 1
expect_line "FIFO" "$TMP/err" "$TMP/fifo.yaml: error: is not a regular file; a bank is a YAML file"
mkdir "$TMP/empty"
run check "$TMP/empty"
expect_rc "empty folder" 1
expect_line "empty folder" "$TMP/err" "rolecall: no bank files (*.yaml, *.yml) found"

# ---- --json ------------------------------------------------------------------

run --json check "$GOOD/01-pm-vs-po.yaml"
expect_rc "--json valid" 0
expect_py "--json valid: document" '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["valid"] is True, d
assert d["errors"] == [], d
assert d["questions"] == 2, d
[b] = d["banks"]
assert b == {"file": sys.argv[2], "bank": "pm-vs-po",
             "title": "Product Manager vs Product Owner",
             "questions": 2, "roles": 4, "contrasts": 1}, b
' "$TMP/out" "$GOOD/01-pm-vs-po.yaml"

run check --json "$GOOD"
expect_rc "--json GOOD_DIR" 0
expect_py "--json GOOD_DIR: document" '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["valid"] is True and d["errors"] == [], d
assert len(d["banks"]) == int(sys.argv[2]), d
assert d["banks"][1]["title"] == "\u201cWho does it?\u201d \u2014 every role offered \U0001F3AF", d
' "$TMP/out" "$n_good"

# Every bad bank at once: each expected error is in the report.
run --json check "$BAD"
expect_rc "--json BAD_DIR" 1
expect_count "--json BAD_DIR: stderr" 0 "$(wc -c <"$TMP/err")"
expect_py "--json BAD_DIR: every expected error" '
import glob, json, os, sys
d = json.load(open(sys.argv[1]))
assert d["valid"] is False and d["banks"] == [] and d["questions"] == 0, d["valid"]
got = {(e["file"], e["line"], e["column"], e["message"]) for e in d["errors"]}
for expect in sorted(glob.glob(os.path.join(sys.argv[2], "*.expect"))):
    path = expect[:-len(".expect")] + ".yaml"
    for want in open(expect, encoding="utf-8").read().splitlines():
        if want == "...":
            continue
        pos, msg = want.split(": ", 1)
        line, col = map(int, pos.split(":"))
        assert (path, line, col, msg) in got, "missing: %s:%s" % (path, want)
' "$TMP/out" "$BAD"

run --json check "$TMP/esc-key.yaml" "$TMP/esc-raw.yaml" "$BAD/38-binary-file.yaml"
expect_rc "--json hostile" 1
expect_py "--json hostile: parses, messages are plain" '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["valid"] is False and len(d["errors"]) == 3, d
for e in d["errors"]:
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in e["message"]), e
' "$TMP/out"

run --json check "$TMP/empty"
expect_rc "--json empty folder" 1
expect_py "--json empty folder" '
import json, sys
d = json.load(open(sys.argv[1]))
assert d == {"errors": [], "banks": [], "valid": False, "questions": 0}, d
' "$TMP/out"

# ---- usage ---------------------------------------------------------------------

run --help
expect_rc "--help" 0
expect_grep "--help" "$TMP/out" '^Usage: rolecall '
expect_grep "--help lists check" "$TMP/out" '^  check '
expect_count "--help: stderr" 0 "$(wc -c <"$TMP/err")"
run --version
expect_rc "--version" 0
expect_grep "--version" "$TMP/out" '^rolecall [0-9]+\.[0-9]+\.[0-9]+'
run check --help
expect_rc "check --help" 0
run --no-such-option check
expect_rc "unknown option" 2
expect_grep "unknown option" "$TMP/err" "unrecognized option '--no-such-option'"
expect_line "unknown option" "$TMP/err" "Try 'rolecall --help' for more information."
run check --no-such-option "$GOOD"
expect_rc "unknown option after the command" 2
run frobnicate
expect_rc "unknown command" 2
expect_line "unknown command" "$TMP/err" "rolecall: unknown command 'frobnicate'; see 'rolecall --help'"

# ---- help per command, options per command (issue 21) ------------------------
run help
expect_rc "help" 0
expect_line "help" "$TMP/out" "Usage: rolecall [OPTION]... [COMMAND] [ARG]..."
run help practice
expect_rc "help practice" 0
expect_line "help practice" "$TMP/out" "Usage: rolecall practice [OPTION]..."
expect_line "help practice: its options" "$TMP/out" "  -n, --count N        number of questions in the session"
if grep -q -- '--pass' "$TMP/out"; then fail "help practice lists --pass"; else pass; fi
cp "$TMP/out" "$TMP/help-practice"
run practice --help
expect_rc "practice --help" 0
if cmp -s "$TMP/out" "$TMP/help-practice"; then pass; else fail "practice --help differs from help practice"; fi
run --help trivia
expect_line "--help trivia" "$TMP/out" "      --time SECONDS   the time per question (default 20)"
run exam --help
expect_line "exam --help" "$TMP/out" "      --time MINUTES   exam time limit; decimals allowed (0.5 is 30 seconds)"
run help frobnicate
expect_rc "help frobnicate" 2
expect_line "help frobnicate" "$TMP/err" "rolecall: unknown command 'frobnicate'; see 'rolecall --help'"
# expect_usage WHAT MESSAGE ARG...: exit 2 and that one line on stderr
expect_usage() {
	local what=$1 msg=$2
	shift 2
	run "$@"
	expect_rc "$what" 2
	expect_line "$what" "$TMP/err" "$msg"
}
expect_usage "stats --all" \
	"rolecall: 'stats' does not take --all (it is an option of export and report); see 'rolecall help stats'" \
	stats --all --db "$TMP/o.db"
expect_usage "practice --pass" \
	"rolecall: 'practice' does not take --pass (it is an option of exam); see 'rolecall help practice'" \
	practice --plain --pass 50 --name foo --db "$TMP/o.db"
expect_usage "drill --time" \
	"rolecall: 'drill' does not take --time (it is an option of exam and trivia); see 'rolecall help drill'" \
	drill --plain --time 3 --db "$TMP/o.db"
expect_usage "check --format" \
	"rolecall: 'check' does not take --format (it is an option of stats, export, report, users and bank); see 'rolecall help check'" \
	check --format json
expect_usage "export --all --user" "rolecall: --all and --user do not go together" \
	export --all --user ana --db "$TMP/o.db"
expect_usage "ambiguous option" "rolecall: ambiguous option '--no'" check --no
expect_usage "unknown short option" "rolecall: unrecognized option '-z'" check -z
expect_usage "missing value" "rolecall: --count needs a value" practice --count
# export --all: every user's answers, export alone only yours
printf '1\n' | "$BIN" practice --plain --count 1 --seed 1 --user ana --db "$TMP/o.db" >/dev/null 2>&1
printf '1\n' | "$BIN" practice --plain --count 1 --seed 1 --user ben --db "$TMP/o.db" >/dev/null 2>&1
run export --all --db "$TMP/o.db"
expect_rc "export --all" 0
expect_count "export --all: rows of both users" 3 "$(wc -l <"$TMP/out")"
run export --user ben --db "$TMP/o.db"
expect_count "export --user: one user's rows" 2 "$(wc -l <"$TMP/out")"
# --count beyond the banks says how many it asks
rc=0
printf 'q\n' | "$BIN" practice --plain --count 100000 --bank pm-vs-po --db "$TMP/o.db" >"$TMP/out" 2>"$TMP/err" || rc=$?
expect_grep "--count beyond the banks" "$TMP/out" '^--count 100000, but these banks have [0-9]+ questions: this session asks [0-9]+\.$'

# A bare rolecall without a terminal runs nothing without --plain, as the
# man page says; with --plain it runs practice.
run --db "$TMP/o.db"
expect_rc "bare rolecall, stdin not a terminal" 2
expect_line "bare rolecall, stdin not a terminal" "$TMP/err" \
	"rolecall: standard input is not a terminal; use --plain for line mode (numbered options, one answer per line)"
run --plain --count 1 --seed 1 --db "$TMP/o.db"
expect_rc "bare rolecall --plain" 0
expect_grep "bare rolecall --plain: practice" "$TMP/out" '^\[1/1\] '

# ---- a bank given by file replaces the bundled bank of its id --------------
QUIZ_DIR=$TESTS_DIR/../quizzes
cp "$QUIZ_DIR/four-roles.yaml" "$TMP/copy.yaml"
rc=0
printf 'q\n' | "$BIN" practice --plain --count 1 --bank "$TMP/copy.yaml" --db "$TMP/o.db" \
	>"$TMP/out" 2>"$TMP/err" || rc=$?
expect_rc "--bank copy of a bundled bank" 0
expect_count "--bank copy: one line on stderr" 1 "$(wc -l <"$TMP/err")"
expect_grep "--bank copy: says so" "$TMP/err" \
	"^rolecall: $TMP/copy.yaml replaces the bundled bank 'four-roles' \(.*/four-roles\.yaml\)$"
rc=0
printf 'q\n' | "$BIN" practice --plain --count 1 --bank "$QUIZ_DIR/four-roles.yaml" \
	--bank four-roles --db "$TMP/o.db" >"$TMP/out" 2>"$TMP/err" || rc=$?
expect_rc "--bank the bundled file itself" 0
expect_count "--bank the bundled file: nothing on stderr" 0 "$(wc -c <"$TMP/err")"
expect_line "--bank the bundled file: its session" "$TMP/out" "[1/1] All four roles"

# Joining through a database that is not there creates nothing.
run trivia join K7QXM --name ana --plain --db "$TMP/no-such/trivia.db"
expect_rc "join: missing database" 1
expect_line "join: missing database" "$TMP/err" \
	"rolecall: $TMP/no-such/trivia.db: no such database, so no trivia game K7QXM in it; give the --db the host uses"
expect_count "join: missing database: nothing created" 0 "$(find "$TMP" -name 'no-such*' | wc -l)"
run trivia join K7QXM --name ana --plain
expect_rc "join: missing default database" 1
expect_grep "join: missing default database" "$TMP/err" "no such database, so no trivia game K7QXM"

# Nothing was written under HOME or XDG_DATA_HOME.
expect_count "HOME untouched" 0 "$(find "$HOME" "$XDG_DATA_HOME" -mindepth 1 | wc -l)"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
