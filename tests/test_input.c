/* input: what a typed answer line means — digits and letters pick an
 * option, blanks around it do not matter, anything out of range or longer
 * is invalid, and the few words mean quit or help. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "rolecall/input.h"

/* The kind of line for a question of n options, and the position it
 * picks (-1 when it picks none: the position is left as it was). */
static enum input_kind parse(const char *line, unsigned n, int *position)
{
	*position = -1;
	return input_parse_answer(line, strlen(line), n, position);
}

static void assert_pick(const char *line, unsigned n, int want)
{
	int pos;

	assert_int_equal(parse(line, n, &pos), INPUT_ANSWER);
	assert_int_equal(pos, want);
}

static void assert_kind(const char *line, unsigned n, enum input_kind want)
{
	int pos;

	assert_int_equal(parse(line, n, &pos), want);
	assert_int_equal(pos, -1);
}

static void test_digits_and_letters(void **state)
{
	(void)state;
	assert_pick("1", 4, 0);
	assert_pick("4", 4, 3);
	assert_pick("8", 8, 7);
	assert_pick("a", 4, 0);
	assert_pick("b", 4, 1);
	assert_pick("B", 4, 1);
	assert_pick("h", 8, 7);
	assert_pick("H", 8, 7);
	/* as copied from the screen */
	assert_pick("2)", 4, 1);
	assert_pick("c.", 4, 2);
}

static void test_blanks_around(void **state)
{
	(void)state;
	assert_pick(" 2 ", 4, 1);
	assert_pick("\t3\r\n", 4, 2);
	assert_pick("2\n", 4, 1);
	assert_pick("  b)  \n", 4, 1);
	assert_kind("", 4, INPUT_EMPTY);
	assert_kind(" \t\r\n", 4, INPUT_EMPTY);
	assert_kind("\n", 4, INPUT_EMPTY);
}

static void test_out_of_range_and_other_text(void **state)
{
	(void)state;
	assert_kind("5", 4, INPUT_INVALID);
	assert_kind("e", 4, INPUT_INVALID);
	assert_kind("0", 4, INPUT_INVALID);
	assert_kind("9", 8, INPUT_INVALID);
	assert_kind("i", 8, INPUT_INVALID);
	assert_kind("c", 2, INPUT_INVALID);
	assert_kind("1", 0, INPUT_INVALID);
	assert_kind("12", 8, INPUT_INVALID);
	assert_kind("ab", 4, INPUT_INVALID);
	assert_kind("1 2", 4, INPUT_INVALID);
	assert_kind("2))", 4, INPUT_INVALID);
	assert_kind(")", 4, INPUT_INVALID);
	assert_kind("-1", 4, INPUT_INVALID);
	assert_kind("\xc3\xa9", 4, INPUT_INVALID);
	assert_kind("qq", 4, INPUT_INVALID);
}

static void test_quit_and_help(void **state)
{
	(void)state;
	assert_kind("q", 4, INPUT_QUIT);
	assert_kind("Q", 4, INPUT_QUIT);
	assert_kind("quit", 4, INPUT_QUIT);
	assert_kind(" EXIT\n", 4, INPUT_QUIT);
	assert_kind("?", 4, INPUT_HELP);
	assert_kind("help", 4, INPUT_HELP);
	assert_kind("Help\r\n", 4, INPUT_HELP);
	/* 'h' is the eighth option, not help */
	assert_pick("h", 8, 7);
	assert_kind("h", 4, INPUT_INVALID);
}

/* Only len bytes are read: a line need not end in a NUL. */
static void test_reads_only_len(void **state)
{
	int pos = -1;

	(void)state;
	assert_int_equal(input_parse_answer("2junk", 1, 4, &pos), INPUT_ANSWER);
	assert_int_equal(pos, 1);
	pos = -1;
	assert_int_equal(input_parse_answer("quitting", 4, 4, &pos), INPUT_QUIT);
	assert_int_equal(input_parse_answer("x", 0, 4, &pos), INPUT_EMPTY);
	assert_int_equal(pos, -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_digits_and_letters),
		cmocka_unit_test(test_blanks_around),
		cmocka_unit_test(test_out_of_range_and_other_text),
		cmocka_unit_test(test_quit_and_help),
		cmocka_unit_test(test_reads_only_len),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
