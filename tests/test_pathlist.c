/* pathlist: any bytes a path holds come back as they went in, a list
 * written before the encoding still reads, and a malformed one is refused
 * with why. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pathlist.h"

/* Encode n paths, check the text, decode it and get the paths back. */
static void round_trip(const char *const *paths, unsigned n, const char *want)
{
	struct rc_error err;
	const char **back;
	unsigned got;
	char *s = pathlist_encode(paths, n);

	assert_non_null(s);
	assert_string_equal(s, want);
	if (pathlist_decode(s, &back, &got, &err) < 0)
		fail_msg("pathlist_decode: %s", err.msg);
	assert_int_equal(got, n);
	for (unsigned i = 0; i < n; i++)
		assert_string_equal(back[i], paths[i]);
	free(back);
	free(s);
}

static void test_every_byte_a_path_holds(void **state)
{
	static const char *const plain[] = { "/srv/banks/a.yaml", "/b c/d.yml" };
	static const char *const odd[] = { "/tmp/two\nlines/e2e.yaml", "/x/100%/y", "/é/\r\t" };
	char every[256];

	(void)state;
	round_trip(NULL, 0, "");
	round_trip(plain, 2, "%paths\n/srv/banks/a.yaml\n/b c/d.yml\n");
	round_trip(odd, 3, "%paths\n/tmp/two%0Alines/e2e.yaml\n/x/100%25/y\n/%C3%A9/%0D%09\n");
	for (int i = 1; i < 256; i++)
		every[i - 1] = (char)i;
	every[255] = '\0';
	{
		const char *one[] = { every };
		struct rc_error err;
		const char **back;
		unsigned n;
		char *s = pathlist_encode(one, 1);

		assert_non_null(s);
		for (const char *p = s; *p; p++)  /* ASCII, and one newline a path */
			assert_true(*p > 0 && *p < 0x7F && (*p >= 0x20 || *p == '\n'));
		assert_int_equal(pathlist_decode(s, &back, &n, &err), 0);
		assert_int_equal(n, 1);
		assert_memory_equal(back[0], every, 256);
		free(back);
		free(s);
	}
}

static void test_the_old_newline_form_still_reads(void **state)
{
	struct rc_error err;
	const char **back;
	unsigned n;

	(void)state;
	assert_int_equal(pathlist_decode("/a/b.yaml\n/c/100%41.yaml", &back, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(back[0], "/a/b.yaml");
	assert_string_equal(back[1], "/c/100%41.yaml"); /* no escapes in the old form */
	free(back);
	assert_int_equal(pathlist_decode("/one.yaml", &back, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(back[0], "/one.yaml");
	free(back);
}

static void refused(const char *list, const char *why)
{
	struct rc_error err;
	const char **back = NULL;
	unsigned n = 7;

	assert_int_equal(pathlist_decode(list, &back, &n, &err), -1);
	assert_null(back);
	assert_int_equal(n, 0);
	assert_string_equal(err.msg, why);
}

static void test_malformed_lists_are_refused(void **state)
{
	(void)state;
	refused("a.yaml", "it starts with neither '%paths' nor '/'");
	refused("%paths\n", "its last path does not end its line");
	refused("%paths\n/a\n/b", "its last path does not end its line");
	refused("%paths\n/a\n\n", "path 2 is empty or has a byte that is not written as %XX");
	refused("%paths\n/a%0\n", "path 1 is empty or has a byte that is not written as %XX");
	refused("%paths\n/a%G1\n", "path 1 is empty or has a byte that is not written as %XX");
	refused("%paths\n/a%00b\n", "path 1 is empty or has a byte that is not written as %XX");
	refused("%paths\n/a\tb\n", "path 1 is empty or has a byte that is not written as %XX");
	refused("%paths\n/a%", "its last path does not end its line");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_byte_a_path_holds),
		cmocka_unit_test(test_the_old_newline_form_still_reads),
		cmocka_unit_test(test_malformed_lists_are_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
