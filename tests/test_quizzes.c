/* The bundled banks: the content standards of the product, checked so
 * they cannot regress (counts per bank and role, explanations, sources,
 * contrasts, layout on an 80x24 screen). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rolecall/bank.h"

static struct catalog *cat;
static const char *const roles[] = { "pm", "po", "pmm", "pjm" };
static const char *const sections[] = {
	"Introduction", "Product Manager", "Product Owner",
	"Product Marketing Manager", "Project Manager", "Closing Remarks", NULL,
};

static int load_all(void **state)
{
	DIR *d = opendir(QUIZZES_DIR);
	struct dirent *e;
	struct diag_list diags;
	char path[4096];

	(void)state;
	assert_non_null(d);
	cat = catalog_new();
	diag_list_init(&diags, 100);
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);

		if (n < 6 || strcmp(e->d_name + n - 5, ".yaml"))
			continue;
		snprintf(path, sizeof path, "%s/%s", QUIZZES_DIR, e->d_name);
		if (catalog_load_file(cat, path, &diags) < 0) {
			for (size_t i = 0; i < diags.n; i++)
				print_error("%s:%d:%d: %s\n", diags.items[i].file,
					    diags.items[i].line, diags.items[i].col, diags.items[i].msg);
			fail_msg("bundled bank %s does not load", path);
		}
	}
	closedir(d);
	diag_list_free(&diags);
	return 0;
}

static int free_all(void **state)
{
	(void)state;
	catalog_free(cat);
	return 0;
}

static void test_totals(void **state)
{
	(void)state;
	assert_true(catalog_bank_count(cat) >= 5);
	assert_true(catalog_question_count(cat) >= 160);
	for (size_t b = 0; b < catalog_bank_count(cat); b++)
		assert_true(catalog_bank(cat, b)->n_questions >= 20);
}

static void test_each_role_answers_25(void **state)
{
	(void)state;
	for (int r = 0; r < 4; r++) {
		int role = catalog_find_role(cat, roles[r]);
		unsigned n = 0;

		assert_true(role >= 0);
		for (size_t b = 0; b < catalog_bank_count(cat); b++) {
			const struct bank *bk = catalog_bank(cat, b);

			for (size_t i = 0; i < bk->n_questions; i++)
				n += bk->questions[i].answer_role == role;
		}
		if (n < 25)
			fail_msg("role %s is the answer of only %u questions", roles[r], n);
	}
}

static int known_section(const char *s)
{
	for (int i = 0; sections[i]; i++)
		if (s && !strcmp(s, sections[i]))
			return 1;
	return 0;
}

static void test_explain_source_roles(void **state)
{
	(void)state;
	for (size_t b = 0; b < catalog_bank_count(cat); b++) {
		const struct bank *bk = catalog_bank(cat, b);

		for (size_t i = 0; i < bk->n_questions; i++) {
			const struct bank_question *q = &bk->questions[i];

			assert_true(strlen(q->explain) > 20);
			if (!known_section(q->source))
				fail_msg("%s: source '%s' is not a section of the article", q->id,
					 q->source ? q->source : "(none)");
			assert_true(q->answer_role >= 0);
			for (unsigned k = 0; k < q->n_choices; k++)
				if (q->choices[k].role < 0)
					fail_msg("%s: choice %u has no role", q->id, k + 1);
		}
	}
}

static void test_six_contrasts_everywhere(void **state)
{
	(void)state;
	for (size_t b = 0; b < catalog_bank_count(cat); b++) {
		const struct bank *bk = catalog_bank(cat, b);

		assert_int_equal(bk->n_contrasts, 6);
		for (int x = 0; x < 4; x++)
			for (int y = x + 1; y < 4; y++)
				assert_non_null(catalog_contrast(cat, catalog_find_role(cat, roles[x]),
								 catalog_find_role(cat, roles[y])));
	}
}

/* Lines a text takes when wrapped at `width` columns on word boundaries;
 * bytes stand in for columns (the banks are mostly ASCII, and a wide
 * character only makes the estimate safer). */
static unsigned wrapped_lines(const char *s, unsigned width)
{
	unsigned lines = 1, col = 0;

	while (*s) {
		size_t w = strcspn(s, " \n");

		if (col && col + 1 + w > width) {
			lines++;
			col = 0;
		}
		col += (col ? 1 : 0) + (unsigned)w;
		s += w;
		if (*s == '\n') {
			lines++;
			col = 0;
		}
		if (*s)
			s++;
	}
	return lines;
}

static void test_fits_80x24(void **state)
{
	(void)state;
	for (size_t b = 0; b < catalog_bank_count(cat); b++) {
		const struct bank *bk = catalog_bank(cat, b);

		for (size_t i = 0; i < bk->n_questions; i++) {
			const struct bank_question *q = &bk->questions[i];
			unsigned lines = wrapped_lines(q->prompt, 76);

			for (unsigned k = 0; k < q->n_choices; k++)
				lines += wrapped_lines(q->choices[k].text, 76 - 5);
			if (lines > 20)
				fail_msg("%s takes %u lines at 76 columns", q->id, lines);
		}
	}
}

static void test_correct_not_usually_longest(void **state)
{
	unsigned statements = 0, longest = 0;

	(void)state;
	for (size_t b = 0; b < catalog_bank_count(cat); b++) {
		const struct bank *bk = catalog_bank(cat, b);

		for (size_t i = 0; i < bk->n_questions; i++) {
			const struct bank_question *q = &bk->questions[i];
			size_t right = strlen(q->choices[q->correct].text);
			int is_longest = 1;

			if (q->kind != QUESTION_STATEMENTS)
				continue;
			statements++;
			for (unsigned k = 0; k < q->n_choices; k++)
				if (k != q->correct && strlen(q->choices[k].text) > right)
					is_longest = 0;
			longest += is_longest;
		}
	}
	assert_true(statements >= 40);
	/* With 3-5 choices chance is 20-33%; a giveaway would be near 100%. */
	if (longest * 100 > statements * 40)
		fail_msg("the right choice is the longest in %u of %u statement questions",
			 longest, statements);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_totals),
		cmocka_unit_test(test_each_role_answers_25),
		cmocka_unit_test(test_explain_source_roles),
		cmocka_unit_test(test_six_contrasts_everywhere),
		cmocka_unit_test(test_fits_80x24),
		cmocka_unit_test(test_correct_not_usually_longest),
	};

	return cmocka_run_group_tests(tests, load_all, free_all);
}
