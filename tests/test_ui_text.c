/* Unit tests of the UI's text functions (src/ui_text.c): the sanitiser
 * every bank string goes through, wrapping by display width, and the
 * search's matching. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>

#include <cmocka.h>

#include "ui.h"

#define CAP 256

static int setup_utf8(void **state)
{
	(void)state;
	/* wcwidth needs a UTF-8 locale; C.UTF-8 is in every glibc since 2.35. */
	if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "en_US.UTF-8"))
		return -1;
	return 0;
}

static void test_sanitize_keeps_text_and_newlines(void **state)
{
	wchar_t out[CAP];

	(void)state;
	assert_int_equal(ui_text_sanitize("a\xe2\x80\x94" "b\n\xf0\x9f\x9a\x80", 0, out, CAP), 5);
	assert_true(out[0] == L'a' && out[1] == 0x2014 && out[2] == L'b');
	assert_true(out[3] == L'\n' && out[4] == 0x1F680 && out[5] == L'\0');
}

static void test_sanitize_replaces_controls_and_bad_bytes(void **state)
{
	wchar_t out[CAP];
	/* ESC, tab, DEL, a C1 control (U+009B, CSI), a lone continuation byte,
	 * an overlong '/', a surrogate. */
	const char *evil = "\x1b[2J\t\x7f\xc2\x9b\x80\xc0\xaf\xed\xa0\x80!";
	size_t n = ui_text_sanitize(evil, 0, out, CAP);

	(void)state;
	for (size_t i = 0; i < n; i++)
		assert_false(out[i] < 0x20 || (out[i] >= 0x7F && out[i] <= 0x9F));
	assert_true(out[0] == 0xFFFD && out[1] == L'[' && out[4] == 0xFFFD);
	assert_true(out[n - 1] == L'!');
}

static void test_sanitize_ascii_transliterates(void **state)
{
	wchar_t out[CAP];

	(void)state;
	ui_text_sanitize("\xe2\x80\x9cPO\xe2\x80\x9d \xe2\x80\x94 it\xe2\x80\x99s\xe2\x80\xa6 "
			 "\xc3\xa9\xf0\x9f\x9a\x80\x1b", 1, out, CAP);
	assert_true(wcscmp(out, L"\"PO\" -- it's... ???") == 0);
}

static void test_sanitize_truncates_at_cap(void **state)
{
	wchar_t out[4];

	(void)state;
	assert_int_equal(ui_text_sanitize("abcdef", 0, out, 4), 3);
	assert_true(wcscmp(out, L"abc") == 0);
	/* A transliteration is cut too, never overrunning. */
	assert_int_equal(ui_text_sanitize("ab\xe2\x80\xa6", 1, out, 4), 3);
	assert_true(wcscmp(out, L"ab.") == 0);
}

static void test_width_counts_columns(void **state)
{
	(void)state;
	assert_int_equal(ui_text_width(L"abc", 3), 3);
	assert_int_equal(ui_text_width(L"\U0001F680x", 2), 3);  /* emoji: two columns */
	assert_int_equal(ui_text_width(L"e\u0301", 2), 1);      /* combining accent */
	assert_int_equal(ui_text_fit(L"a\U0001F680b", 3, 2), 1); /* never half an emoji */
	assert_int_equal(ui_text_fit(L"e\u0301x", 3, 1), 2);     /* the accent stays */
}

static void test_break_on_words(void **state)
{
	const wchar_t *s = L"Who owns the backlog?";
	size_t next, len = ui_text_break(s, wcslen(s), 12, &next);

	(void)state;
	assert_int_equal(len, 12); /* "Who owns the", the space after it dropped */
	assert_int_equal(next, 13);
	/* "Who owns t" would split a word: the line ends after "owns". */
	len = ui_text_break(s, wcslen(s), 10, &next);
	assert_int_equal(len, 8);
	assert_int_equal(next, 9);
	assert_int_equal(ui_text_rows(s, wcslen(s), 10), 3);
	assert_int_equal(ui_text_rows(s, wcslen(s), 80), 1);
	assert_int_equal(ui_text_rows(L"", 0, 10), 0);
}

static void test_break_splits_long_words_and_keeps_newlines(void **state)
{
	size_t next, len;

	(void)state;
	len = ui_text_break(L"abcdefghij", 10, 4, &next);
	assert_int_equal(len, 4);
	assert_int_equal(next, 4);
	len = ui_text_break(L"ab\ncd", 5, 40, &next);
	assert_int_equal(len, 2);
	assert_int_equal(next, 3);
	assert_int_equal(ui_text_rows(L"ab\n\ncd", 6, 40), 3);
	/* Wide characters: three emoji in five columns are two lines. */
	assert_int_equal(ui_text_rows(L"\U0001F680\U0001F680\U0001F680", 3, 5), 2);
	/* Wider than the line: shown alone rather than looping forever. */
	len = ui_text_break(L"\U0001F680", 1, 1, &next);
	assert_int_equal(len, 1);
	assert_int_equal(next, 1);
}

static void test_find_ignores_case_beyond_ascii(void **state)
{
	const wchar_t *s = L"Caf\u00e9 \u00d6konom, caf\u00e9";

	(void)state;
	assert_int_equal(ui_text_find(s, wcslen(s), L"CAF\u00c9", 4, 0), 0);
	assert_int_equal(ui_text_find(s, wcslen(s), L"\u00f6k", 2, 0), 5);
	/* from: the second occurrence, for marking every match on a row */
	assert_int_equal(ui_text_find(s, wcslen(s), L"caf\u00e9", 4, 1), 13);
	/* absent, longer than the row, or empty: the row's length */
	assert_int_equal(ui_text_find(s, wcslen(s), L"zebra", 5, 0), wcslen(s));
	assert_int_equal(ui_text_find(L"ab", 2, L"abc", 3, 0), 2);
	assert_int_equal(ui_text_find(L"ab", 2, L"", 0, 0), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sanitize_keeps_text_and_newlines),
		cmocka_unit_test(test_sanitize_replaces_controls_and_bad_bytes),
		cmocka_unit_test(test_sanitize_ascii_transliterates),
		cmocka_unit_test(test_sanitize_truncates_at_cap),
		cmocka_unit_test(test_width_counts_columns),
		cmocka_unit_test(test_break_on_words),
		cmocka_unit_test(test_break_splits_long_words_and_keeps_newlines),
		cmocka_unit_test(test_find_ignores_case_beyond_ascii),
	};

	return cmocka_run_group_tests(tests, setup_utf8, NULL);
}
