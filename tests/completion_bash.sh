#!/usr/bin/env bash
# The bash completion (completions/rolecall.bash) run in bash: it offers
# the commands, a command's own options and not another's, bank ids after
# --bank, and the values of --format.
#
# Usage: completion_bash.sh BINARY, with TESTS_DIR in the environment.
set -uo pipefail

BIN=${1:?usage: completion_bash.sh BINARY}
TESTS_DIR=${TESTS_DIR:?TESTS_DIR must name the tests folder}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export HOME=$TMP/home XDG_DATA_HOME=$TMP/data LC_ALL=C.UTF-8
unset ROLECALL_QUIZZES
cd "$TMP" || exit 1
# compopt only works inside a real completion; here it is a no-op
compopt() { :; }
# shellcheck source=../completions/rolecall.bash
source "$TESTS_DIR/../completions/rolecall.bash"

failed=0
# expect WHAT WANT WORD...: completing the last WORD offers exactly WANT
expect() {
	local what=$1 want=$2 got
	shift 2
	COMP_WORDS=("$BIN" "$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_rolecall
	got="${COMPREPLY[*]}"
	if [[ $got == "$want" ]]; then
		echo "ok: $what"
	else
		echo "FAIL: $what" "expected: '$want'" "actual: '$got'" >&2
		failed=1
	fi
}

expect "commands" "practice drill stats export exam report users trivia roles db backup bank check help" ""
expect "commands by prefix" "export exam" ex
expect "practice's options" "--bank --user --db --count --seed --plain --help" practice --
expect "exam's options, after a global option and its value" "--plain --pass" \
	--bank pm-vs-po exam --p
expect "check's options" "--json --help" check --
expect "bank ids" "pm-vs-po pmm-and-project-manager" practice --bank pm
expect "formats" "json" stats --format j
expect "help COMMAND" "stats" help st
expect "trivia" "host join" trivia ""
expect "report's --leaderboard" "--leaderboard" report --trivia --le
expect "db" "init copy grant" db ""
expect "bank" "export import" bank ""
expect "bank's formats" "moodle-xml gift aiken csv" bank export --format ""
expect "bank's options" "--output" bank import --ou
expect "exam, with nothing defined" "define list" exam ""
printf 'exam: onboarding\nbanks: [pm-vs-po]\nquestions: 4\npass: 75\n' > onb.yaml
"$BIN" exam define onb.yaml >/dev/null || { echo "FAIL: exam define" >&2; failed=1; }
expect "exam ids" "define list onboarding" exam ""
expect "an exam id by prefix" "onboarding" exam on
expect "report --exam ID" "onboarding" report --exam ""
expect "report's cohort option" "--cohort" report --co
exit $failed
