/* emit: the CSV writer quotes what needs quoting and never hands a
 * spreadsheet a formula. */
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
	check_csv("\tx", "\"'\tx\"");
	check_csv("\rx", "\"'\rx\"");
	/* only the first character makes a formula */
	check_csv("a=1", "a=1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_plain_and_quoted),
		cmocka_unit_test(test_csv_formulas_are_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
