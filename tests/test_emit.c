/* emit: the CSV writer quotes what needs quoting and never hands a
 * spreadsheet a formula; the terminal sanitiser, the JSON writer, the
 * UTF-8 decoder, the HTML escape and the one-line clip. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rolecall/emit.h"

/* What write makes of in, against want. */
static void check_writer(void (*write)(FILE *, const char *), const char *in,
			 const char *want)
{
	char buf[256] = { 0 };
	FILE *f = fmemopen(buf, sizeof buf - 1, "w");

	assert_non_null(f);
	write(f, in);
	fclose(f);
	assert_string_equal(buf, want);
}

static void check_csv(const char *in, const char *want)
{
	check_writer(emit_csv_field, in, want);
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

static void check_safe(const char *in, size_t len, const char *want)
{
	char buf[256] = { 0 };
	FILE *f = fmemopen(buf, sizeof buf - 1, "w");

	assert_non_null(f);
	emit_safe(f, in, len);
	fclose(f);
	assert_string_equal(buf, want);
}

#define SAFE(in, want) check_safe(in, sizeof in - 1, want)

/* What may not reach a terminal as it is becomes '?': C0 controls (ESC,
 * BEL, newline, tab), DEL, C1 controls, bidi embeddings, overrides and
 * isolates, and every byte that is not valid UTF-8. */
static void test_safe_replaces_controls(void **state)
{
	(void)state;
	SAFE("a\x1b[31mb", "a?[31mb");
	SAFE("\x07" "bell", "?bell");
	SAFE("two\nlines\tand", "two?lines?and");
	SAFE("del\x7f", "del?");
	SAFE("\xc2\x9b" "2J", "?2J");               /* C1 CSI */
	SAFE("\xc2\x85", "?");                      /* C1 NEL */
	SAFE("\xc2\xa0", "\xc2\xa0");               /* U+00A0: the first after C1 */
	SAFE("a\xe2\x80\xaa" "b", "a?b");           /* U+202A */
	SAFE("evil\xe2\x80\xae" "fdp.exe", "evil?fdp.exe"); /* U+202E */
	SAFE("\xe2\x81\xa6x\xe2\x81\xa9", "?x?");   /* U+2066 .. U+2069 */
	SAFE("\xe2\x80\xa9", "\xe2\x80\xa9");       /* U+2029: invisible, not unsafe */
	SAFE("caf\xff", "caf?");
	SAFE("\xc0\xaf", "??");                     /* overlong '/' */
	SAFE("\xed\xa0\x80", "???");                /* a surrogate */
	SAFE("\xf4\x90\x80\x80", "????");           /* past U+10FFFF */
	SAFE("Jos\xc3\xa9 \xe7\x8e\x8b \xf0\x9f\x8e\xaf", "Jos\xc3\xa9 \xe7\x8e\x8b \xf0\x9f\x8e\xaf");
	/* len bounds what is read: a cut sequence is not UTF-8 */
	check_safe("abc\x1b", 3, "abc");
	check_safe("\xe2\x80\xae", 2, "??");
	check_safe("x", 0, "");
}

static void test_text_is_safe_and_null_is_nothing(void **state)
{
	char buf[64] = { 0 };
	FILE *f = fmemopen(buf, sizeof buf - 1, "w");

	(void)state;
	assert_non_null(f);
	emit_text(f, NULL);
	emit_text(f, "ok\x1b]0;t\x07");
	fclose(f);
	assert_string_equal(buf, "ok?]0;t?");
}

static void check_html(const char *in, const char *want)
{
	check_writer(emit_html, in, want);
}

/* HTML: the five characters that end text or an attribute as entities,
 * what a terminal must not get as '?', the rest of UTF-8 kept. */
static void test_html(void **state)
{
	(void)state;
	check_html(NULL, "");
	check_html("<b>&\"x'", "&lt;b&gt;&amp;&quot;x&#39;");
	check_html("</script><script>", "&lt;/script&gt;&lt;script&gt;");
	check_html("a\x1b[31m\xff", "a?[31m?");
	check_html("Jos\xc3\xa9 \xe7\x8e\x8b", "Jos\xc3\xa9 \xe7\x8e\x8b");
	/* a bank text's line break, the one control character it may hold:
	 * a reference, which a <title>, an attribute or SVG text holds too;
	 * a paragraph of body text shows it */
	check_html("line one\nline two\r\n", "line one&#10;line two?&#10;");
	check_writer(emit_html_lines, "line one\nline two", "line one<br>line two");
	check_writer(emit_html_lines, "<a>\n", "&lt;a&gt;<br>");
}

static void check_json(const char *in, const char *want)
{
	check_writer(emit_json_string, in, want);
}

/* JSON keeps every character, escaped where JSON or a terminal needs it;
 * bytes that are not UTF-8 become U+FFFD. */
static void test_json_string(void **state)
{
	(void)state;
	check_json(NULL, "null");
	check_json("", "\"\"");
	check_json("a\"b\\c", "\"a\\\"b\\\\c\"");
	check_json("1\n2\r3\t4", "\"1\\n2\\r3\\t4\"");
	check_json("\x1b[2J\x7f", "\"\\u001b[2J\\u007f\"");
	check_json("\xc2\x9b" "x\xe2\x80\xae", "\"\\u009bx\\u202e\"");
	check_json("caf\xe9", "\"caf\\ufffd\"");
	check_json("Jos\xc3\xa9 \xf0\x9f\x8e\xaf", "\"Jos\xc3\xa9 \xf0\x9f\x8e\xaf\"");
}

static void check_utf8(const char *s, size_t left, size_t want_len, long want_cp)
{
	long cp = 0;

	assert_int_equal(emit_utf8_next(s, left, &cp), want_len);
	assert_int_equal(cp, want_cp);
}

static void test_utf8_next(void **state)
{
	(void)state;
	check_utf8("A", 1, 1, 'A');
	check_utf8("\xc3\xa9", 2, 2, 0xE9);
	check_utf8("\xe7\x8e\x8b", 3, 3, 0x738B);
	check_utf8("\xf0\x9f\x8e\xaf", 4, 4, 0x1F3AF);
	check_utf8("\xf4\x8f\xbf\xbf", 4, 4, 0x10FFFF);
	/* not UTF-8: one byte, -1 */
	check_utf8("\x80", 1, 1, -1);
	check_utf8("\xc1\xbf", 2, 1, -1);         /* overlong */
	check_utf8("\xe0\x9f\xbf", 3, 1, -1);     /* overlong */
	check_utf8("\xf0\x8f\xbf\xbf", 4, 1, -1); /* overlong */
	check_utf8("\xed\xbf\xbf", 3, 1, -1);     /* surrogate */
	check_utf8("\xf4\x90\x80\x80", 4, 1, -1); /* past U+10FFFF */
	check_utf8("\xc3(", 2, 1, -1);            /* no continuation */
	check_utf8("\xe7\x8e\x8b", 2, 1, -1);     /* cut by left */
	assert_true(emit_unsafe_char(0x1F));
	assert_true(emit_unsafe_char(0x9F));
	assert_false(emit_unsafe_char(0xA0));
	assert_false(emit_unsafe_char(' '));
	assert_true(emit_unsafe_char(0x2069));
	assert_false(emit_unsafe_char(0x206A));
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(emit_width(""), 0);
	assert_int_equal(emit_width("a\xcc\x81\xe7\x8e\x8b"), 3); /* 1 + 0 + 2 */
	assert_int_equal(emit_width("\xcc\x81"), 0);              /* a mark alone */
	assert_int_equal(emit_width("\xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88"), 6); /* テスト */
	assert_int_equal(emit_width("\xff\xfe"), 2);              /* each '?' */
}

static void check_clipped(const char *in, size_t max, const char *want)
{
	char buf[256] = { 0 };
	FILE *f = fmemopen(buf, sizeof buf - 1, "w");

	assert_non_null(f);
	emit_clipped(f, in, max);
	fclose(f);
	assert_string_equal(buf, want);
}

/* One row of a table: the first line, at most max bytes, never part of a
 * character, "..." when anything was left out. */
static void test_clipped(void **state)
{
	(void)state;
	check_clipped("short", 10, "short");
	check_clipped("abcdef", 6, "abcdef");
	check_clipped("abcdef", 3, "abc...");
	check_clipped("first\nsecond", 20, "first...");
	check_clipped("Jos\xc3\xa9!", 4, "Jos...");
	check_clipped("Jos\xc3\xa9!", 5, "Jos\xc3\xa9...");
	check_clipped("", 5, "");
}

static void check_clipped_cell(const char *in, int width, const char *want)
{
	char buf[256] = { 0 };
	FILE *f = fmemopen(buf, sizeof buf - 1, "w");

	assert_non_null(f);
	emit_clipped_cell(f, in, width);
	fclose(f);
	assert_string_equal(buf, want);
}

/* A cell of exactly width columns, cut by columns (not bytes) with "...". */
static void test_clipped_cell(void **state)
{
	(void)state;
	check_clipped_cell("short", 8, "short   ");
	check_clipped_cell("abcdefgh", 8, "abcdefgh");
	check_clipped_cell("abcdefghi", 8, "abcde...");
	check_clipped_cell("Jos\xc3\xa9 Jos\xc3\xa9", 8, "Jos\xc3\xa9 ...");
	check_clipped_cell("\xe7\x8e\x8b\xe8\x8a\xb3\xe7\x8e\x8b\xe8\x8a\xb3", 6,
			   "\xe7\x8e\x8b... ");    /* 王芳王芳: 王 and a space for half of 芳 */
	check_clipped_cell("\xe7\x8e\x8b\xe8\x8a\xb3\xe7\x8e\x8b\xe8\x8a\xb3", 7,
			   "\xe7\x8e\x8b\xe8\x8a\xb3..."); /* 王芳... */
	check_clipped_cell("\xe7\x8e\x8b\xe8\x8a\xb3\xe7\x8e\x8b\xe8\x8a\xb3", 8,
			   "\xe7\x8e\x8b\xe8\x8a\xb3\xe7\x8e\x8b\xe8\x8a\xb3"); /* fits */
	check_clipped_cell("first\nsecond", 10, "first...  ");
	check_clipped_cell("a\x1b", 4, "a?  ");
	check_clipped_cell("", 4, "    ");
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
		cmocka_unit_test(test_safe_replaces_controls),
		cmocka_unit_test(test_text_is_safe_and_null_is_nothing),
		cmocka_unit_test(test_json_string),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_utf8_next),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_clipped),
		cmocka_unit_test(test_clipped_cell),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
