#!/usr/bin/env bash
# rolecall's plain mode under valgrind memcheck: zero errors and zero
# leaks (definite, indirect and possible all count); valgrind makes any
# run that has one exit with status 99.
#
#   valgrind_plain.sh BINARY            the commands below: sessions with
#       scripted answers (practice, drill, exam), every output format of
#       stats, export and report, check on good and bad banks, and the
#       usual error paths (refused bank, refused database, usage errors)
#   valgrind_plain.sh BINARY SCRIPT.py  an end-to-end test script
#       (plain_e2e.py, exam_e2e.py) with every rolecall it starts run
#       under valgrind; a run with an error or a leak fails its test
#
# TESTS_DIR must name the tests folder.  Exits 77 (skipped) without
# valgrind, or when BINARY is built with AddressSanitizer, which does not
# run under valgrind.
set -uo pipefail

BIN=${1:?usage: valgrind_plain.sh BINARY [SCRIPT.py]}
SCRIPT=${2:-}
TESTS_DIR=${TESTS_DIR:?TESTS_DIR must name the tests folder}

if ! command -v valgrind >/dev/null; then
	echo "valgrind is not installed; skipping"
	exit 77
fi
if grep -q __asan_init "$BIN"; then
	echo "$BIN is built with AddressSanitizer, which valgrind cannot run; skipping"
	exit 77
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export HOME=$TMP XDG_DATA_HOME=$TMP/xdg USER=tester LC_ALL=C.UTF-8
export ROLECALL_QUIZZES=$TESTS_DIR/fixtures/e2e
DB=$TMP/v.db
VG=(valgrind -q --error-exitcode=99 --leak-check=full
    --errors-for-leak-kinds=definite,indirect,possible
    --show-leak-kinds=definite,indirect,possible
    --child-silent-after-fork=yes)

if [[ -n $SCRIPT ]]; then
	# The scripts start BINARY as they are given it: give them valgrind.
	{
		echo '#!/bin/bash'
		printf 'exec'
		printf ' %q' "${VG[@]}" "$(realpath "$BIN")"
		echo ' "$@"'
	} >"$TMP/rolecall"
	chmod +x "$TMP/rolecall"
	python3 "$SCRIPT" "$TMP/rolecall"
	exit
fi

passed=0
failed=0

# vg WANT_STATUS STDIN ARG...: rolecall ARG... under valgrind, STDIN fed in.
vg() {
	local want=$1 input=$2 rc=0
	shift 2
	printf '%b' "$input" | "${VG[@]}" "$BIN" "$@" >"$TMP/out" 2>"$TMP/err" || rc=$?
	if [[ $rc -eq $want ]] && ! grep -q '^==[0-9]*==' "$TMP/err"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		printf 'FAIL (status %s, wanted %s): rolecall %s\n' "$rc" "$want" "$*" >&2
		sed 's/^/    /' "$TMP/err" | head -n 60 >&2
	fi
}

answers='1\n2\n1\n1\n2\n?\nzz\n3\n1\n2\n1\n1\n'

# sessions
vg 0 "$answers" practice --plain --count 8 --seed 1 --db "$DB"
vg 0 "$answers" drill --plain --count 6 --seed 2 --db "$DB"
vg 0 'q\n' practice --plain --seed 3 --db "$DB"
vg 0 '' practice --plain --count 3 --db "$DB"
# an exam exits 1 on a fail: 1 of 5, then 1 of 4
vg 1 '1\n2\n1\n2\n1\nsubmit\ny\n' exam --plain --count 5 --seed 3 --db "$DB"
vg 1 '1\n2\n' exam --plain --count 4 --seed 4 --db "$DB"
vg 0 '1\n2\n3\n1\n' --bank "$TESTS_DIR/fixtures/exam/items.yaml" exam --plain \
	--count 4 --pass 50 --seed 5 --db "$DB"

# reading it back
for fmt in text json csv; do
	vg 0 '' stats --format "$fmt" --db "$DB"
	vg 0 '' report --format "$fmt" --db "$DB"
	vg 0 '' report --items --format "$fmt" --db "$DB"
done
vg 0 '' stats --rebuild --db "$DB"
vg 0 '' report --certificate 1 --db "$DB"
vg 0 '' report --all --since 2000-01-01 --db "$DB"
vg 0 '' export --format csv --db "$DB"
vg 0 '' export --format json --db "$DB"

# check
vg 0 '' check "$TESTS_DIR/good"
vg 0 '' check --json "$TESTS_DIR/good"
vg 1 '' check "$TESTS_DIR/bad"
vg 1 '' check --json "$TESTS_DIR/bad"
vg 0 '' check

# errors: each is a path that frees what it took
vg 1 '1\n' --bank "$TESTS_DIR/bad/13-answer-not-in-options.yaml" practice --plain --db "$DB"
vg 1 '1\n' --bank no-such-bank practice --plain --db "$DB"
vg 1 '' stats --db "$TESTS_DIR/good/01-pm-vs-po.yaml"
vg 1 '' report --certificate 999 --db "$DB"
vg 2 '' practice --db "$DB"
vg 2 '' --count 0 practice --plain
vg 2 '' frobnicate
vg 0 '' --help

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
