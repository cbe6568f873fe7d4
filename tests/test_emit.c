/* emit: the CSV writer quotes what needs quoting and never hands a
 * spreadsheet a formula. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rolecall/emit.h"

static void check_csv(const char *in, const char *want)
{
	char buf[256] = { 0 };
	FILE *f = fmemopen(buf, sizeof buf - 1, "w");

	assert_non_null(f);
	emit_csv_field(f, in);
	fclose(f);
	assert_string_equal(buf, want);
}

static void test_csv_plain_and_quoted(void **state)
{
	(void)state;
	check_csv("alice", "alice");
	check_csv("a,b", "\"a,b\"");
	check_csv("say \"hi\"", "\"say \"\"hi\"\"\"");
	check_csv("two\nlines", "\"two\nlines\"");
	check_csv("", "");
}

static void test_csv_formulas_are_text(void **state)
{
	(void)state;
	check_csv("=HYPERLINK(\"http://x\",\"PASS\")",
		  "\"'=HYPERLINK(\"\"http://x\"\",\"\"PASS\"\")\"");
	check_csv("+1", "\"'+1\"");
	check_csv("-2+3", "\"'-2+3\"");
	check_csv("@SUM(A1)", "\"'@SUM(A1)\"");
	/* still a formula to a spreadsheet, and a control to a terminal */
	check_csv("\tx", "\"'?x\"");
	check_csv("\rx", "\"'?x\"");
	/* only the first character makes a formula */
	check_csv("a=1", "a=1");
}

/* Text from the database reaches a terminal through CSV too: ESC, OSC 52
 * (the clipboard), cursor movement, C1 CSI and bidi overrides are '?'. */
static void test_csv_is_sanitised(void **state)
{
	(void)state;
	check_csv("\x1b]52;c;ZXZpbA==\x07" "alice", "\"?]52;c;ZXZpbA==?alice\"");
	check_csv("FAIL\x1b[4DPASS", "\"FAIL?[4DPASS\"");
	check_csv("\xc2\x9b" "2J", "?2J");
	check_csv("evil\xe2\x80\xae" "txt", "evil?txt");
	check_csv("caf\xe9", "caf?");
	check_csv("Jos\xc3\xa9", "Jos\xc3\xa9");
}

static void check_cell(const char *in, int width, int right, const char *want)
{
	char buf[256] = { 0 };
	FILE *f = fmemopen(buf, sizeof buf - 1, "w");

	assert_non_null(f);
	emit_cell(f, in, width, right);
	fclose(f);
	assert_string_equal(buf, want);
}

/* Columns by display width, never a cut: two names that differ print
 * differently. */
static void test_cell_pads_by_display_width(void **state)
{
	(void)state;
	assert_int_equal(emit_width("Jos\xc3\xa9"), 4);
	assert_int_equal(emit_width("Jose\xcc\x81"), 4);        /* e + combining acute */
	assert_int_equal(emit_width("\xe7\x8e\x8b\xe8\x8a\xb3"), 4); /* 王芳 */
	assert_int_equal(emit_width("\x1b[2J"), 4);                 /* ?[2J */
	check_cell("Jos\xc3\xa9", 6, 0, "Jos\xc3\xa9  ");
	check_cell("\xe7\x8e\x8b\xe8\x8a\xb3", 6, 0, "\xe7\x8e\x8b\xe8\x8a\xb3  ");
	check_cell("po", 5, 1, "   po");
	check_cell("maria.gonzalez1", 14, 0, "maria.gonzalez1");
	check_cell("\x1b[1A\x1b[2KPASS", 12, 0, "?[1A?[2KPASS");
}

/* What prints as nothing, so that names cannot differ invisibly; letters,
 * accents and emoji print. */
static void test_invisible_chars(void **state)
{
	static const long invisible[] = { 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060,
					  0x2066, 0x061C, 0xFEFF, 0x00AD, 0xFE0F, 0xE0001,
					  0xE0041, 0xE007F, 0x2028, 0x3164 };
	static const long visible[] = { 'a', 0xE9, 0x301, 0x738B, 0x1F3AF, 0x2010, 0x20AC };

	(void)state;
	for (size_t i = 0; i < sizeof invisible / sizeof invisible[0]; i++)
		assert_true(emit_invisible_char(invisible[i]));
	for (size_t i = 0; i < sizeof visible / sizeof visible[0]; i++)
		assert_false(emit_invisible_char(visible[i]));
}

int main(void)
{
	/* wcwidth measures by the locale's tables: the UTF-8 one */
	if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "en_US.UTF-8"))
		return 77;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_plain_and_quoted),
		cmocka_unit_test(test_csv_formulas_are_text),
		cmocka_unit_test(test_csv_is_sanitised),
		cmocka_unit_test(test_cell_pads_by_display_width),
		cmocka_unit_test(test_invisible_chars),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
