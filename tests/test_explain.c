/* explain: the words both front ends say — role names and their fallbacks,
 * what a wrong pick describes, the confusion wording, scores and their
 * rounding, the wait until the next review, and the pass rule. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "rolecall/exam.h"
#include "rolecall/explain.h"
#include "catalog_fixture.h"

static const char bank[] =
	"bank: ex\ntitle: Explain\n"
	"roles: [{id: pm, name: Product Manager}, {id: po, name: Product Owner},\n"
	"        {id: pjm, name: Project Manager}]\n"
	"questions:\n"
	"  - {id: who, prompt: Who?, answer: pm, explain: x}\n"
	"  - id: which\n"
	"    prompt: Which fits the PM?\n"
	"    choices:\n"
	"      - {text: Sets the vision., role: pm, correct: true}\n"
	"      - {text: Runs the sprint., role: po}\n"
	"      - {text: Tracks the risks., role: pjm, why: That is the Project Manager's job.}\n"
	"    explain: y\n";

static int setup(void **state)
{
	struct catalog *cat = catalog_new();
	struct diag_list d;

	diag_list_init(&d, 10);
	if (!cat || catalog_load_buffer(cat, "ex.yaml", bank, strlen(bank), &d) != 0) {
		diag_list_free(&d);
		catalog_free(cat);
		return -1;
	}
	diag_list_free(&d);
	*state = cat;
	return 0;
}

static int teardown(void **state)
{
	catalog_free(*state);
	return 0;
}

static void test_role_names(void **state)
{
	const struct catalog *cat = *state;
	int po = catalog_find_role(cat, "po");

	assert_true(po >= 0);
	assert_string_equal(explain_role(cat, po), "Product Owner");
	assert_string_equal(explain_role(cat, -1), "?");
	assert_string_equal(explain_role(cat, 1000), "?");
	assert_string_equal(explain_role_id(cat, "pjm"), "Project Manager");
	assert_string_equal(explain_role_id(cat, "gone"), "gone");
}

static void test_pick(void **state)
{
	const struct catalog *cat = *state;
	const struct bank_question *which = catalog_find_question(cat, "which");
	const struct bank_question *who = catalog_find_question(cat, "who");
	char buf[EXPLAIN_MAX];

	assert_non_null(which);
	assert_non_null(who);
	/* a statement with its own why: the why */
	assert_int_equal(explain_pick(buf, sizeof buf, cat, which, &which->choices[2]), 1);
	assert_string_equal(buf, "That choice: That is the Project Manager's job.");
	/* a statement without one: the role it really describes */
	assert_int_equal(explain_pick(buf, sizeof buf, cat, which, &which->choices[1]), 1);
	assert_string_equal(buf, "That statement describes the Product Owner.");
	/* right, no pick, or a role option without a why: nothing to add */
	assert_int_equal(explain_pick(buf, sizeof buf, cat, which, &which->choices[0]), 0);
	assert_string_equal(buf, "");
	assert_int_equal(explain_pick(buf, sizeof buf, cat, which, NULL), 0);
	assert_int_equal(explain_pick(buf, sizeof buf, cat, who,
				      &who->choices[who->correct == 0 ? 1 : 0]), 0);
	assert_string_equal(buf, "");
}

/* A why is bank text, up to BANK_MAX_TEXT bytes: the learner reads it all. */
static void test_a_long_why_is_kept_whole(void **state)
{
	static char yaml[BANK_MAX_TEXT + 512], why[BANK_MAX_TEXT - 64];
	struct catalog *cat;
	const struct bank_question *q;
	char buf[EXPLAIN_MAX], want[sizeof why + 16];

	(void)state;
	memset(why, 'w', sizeof why - 1);
	snprintf(yaml, sizeof yaml, "bank: long\ntitle: Long\n"
		 "roles: [{id: pm, name: Product Manager}, {id: po, name: Product Owner}]\n"
		 "questions:\n  - id: q\n    prompt: Which?\n    explain: x\n"
		 "    choices:\n      - {text: A., role: pm, correct: true}\n"
		 "      - {text: B., role: po, why: %s}\n", why);
	cat = catalog_from_yaml("long.yaml", yaml);
	assert_non_null(q = catalog_find_question(cat, "q"));
	assert_int_equal(explain_pick(buf, sizeof buf, cat, q, &q->choices[1]), 1);
	snprintf(want, sizeof want, "That choice: %s", why);
	assert_string_equal(buf, want);
	catalog_free(cat);
}

/* A role whose bank is no longer loaded: the name saved with its answers,
 * else its id; a loaded bank's name wins over a saved one. */
static void test_history_role_names(void **state)
{
	const struct catalog *cat = *state;
	struct history *h = history_new();
	struct role_tally t = { 1, 1 };

	assert_non_null(h);
	assert_int_equal(history_set_role(h, "pm", t), 0);
	assert_int_equal(history_set_role(h, "ux", t), 0);
	assert_int_equal(history_set_role(h, "ba", t), 0);
	assert_int_equal(history_set_role_name(h, "pm", "Old name"), 0);
	assert_int_equal(history_set_role_name(h, "ux", "UX Designer"), 0);
	assert_int_equal(history_set_role_name(h, "never-met", "Nobody"), 0);
	assert_int_equal(history_set_role(h, "blank", t), 0);
	assert_int_equal(history_set_role_name(h, "blank", ""), 0);
	assert_int_equal(history_role_count(h), 4);
	assert_string_equal(explain_history_role(cat, h, 0), "Product Manager");
	assert_string_equal(explain_history_role(cat, h, 1), "UX Designer");
	assert_string_equal(explain_history_role(cat, h, 2), "ba");
	/* a saved name that prints as nothing is no name */
	assert_string_equal(explain_history_role(cat, h, 3), "blank");
	assert_string_equal(explain_history_role(cat, h, 4), "?");
	history_free(h);
}

static void test_contrast_title(void **state)
{
	const struct catalog *cat = *state;
	char buf[EXPLAIN_MAX];

	explain_contrast_title(buf, sizeof buf, cat, catalog_find_role(cat, "po"),
			       catalog_find_role(cat, "pm"));
	assert_string_equal(buf, "Product Owner vs Product Manager");
	explain_contrast_title(buf, sizeof buf, cat, -1, catalog_find_role(cat, "pm"));
	assert_string_equal(buf, "? vs Product Manager");
}

static void test_confusion(void **state)
{
	char buf[EXPLAIN_MAX], tiny[16];

	(void)state;
	explain_confusion(buf, sizeof buf, "You", "Product Manager", "Product Owner", 1, 0);
	assert_string_equal(buf, "You picked Product Manager when the answer was "
			    "Product Owner (1 time)");
	explain_confusion(buf, sizeof buf, "You", "A", "B", 3, 0);
	assert_string_equal(buf, "You picked A when the answer was B (3 times)");
	explain_confusion(buf, sizeof buf, "You", "A", "B", 4, 6);
	assert_string_equal(buf, "You picked A when the answer was B in 4 of 6 chances");
	/* a group's: no subject */
	explain_confusion(buf, sizeof buf, NULL, "A", "B", 13, 35);
	assert_string_equal(buf, "picked A when the answer was B in 13 of 35 chances");
	explain_confusion(tiny, sizeof tiny, "You", "A", "B", 4, 6);
	assert_string_equal(tiny, "You picked A wh"); /* cut, and terminated */
}

/* Rounded half up: 0.5 goes up, so 2 of 3 is 67% and 1 of 8 is 13%. */
static void test_score_rounds_half_up(void **state)
{
	static const struct { uint64_t correct, count; const char *said; } cases[] = {
		{ 2, 3, "2 of 3 right (67%)" },
		{ 1, 8, "1 of 8 right (13%)" },       /* 12.5 */
		{ 1, 3, "1 of 3 right (33%)" },
		{ 1, 200, "1 of 200 right (1%)" },    /* 0.5 */
		{ 199, 200, "199 of 200 right (100%)" }, /* 99.5, though not all right */
		{ 0, 0, "0 of 0 right (0%)" },
	};
	char buf[EXPLAIN_MAX];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		explain_score(buf, sizeof buf, cases[i].correct, cases[i].count);
		assert_string_equal(buf, cases[i].said);
	}
}

static void test_next_review(void **state)
{
	static const struct { int64_t seconds; const char *said; } cases[] = {
		{ 0, "next review now" },
		{ -5, "next review now" },
		{ 1, "next review in 1 minute" },         /* rounded up, never sooner */
		{ 61, "next review in 2 minutes" },
		{ 3599, "next review in 60 minutes" },
		{ 3600, "next review in 1 hour" },
		{ 3601, "next review in 2 hours" },
		{ 86400, "next review in 1 day" },
		{ 10 * 86400 + 1, "next review in 11 days" },
	};
	char buf[EXPLAIN_MAX];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		explain_next_review(buf, sizeof buf, cases[i].seconds);
		assert_string_equal(buf, cases[i].said);
	}
}

/* The least passing count agrees with exam_passes everywhere. */
static void test_pass_rule(void **state)
{
	char buf[EXPLAIN_MAX];

	(void)state;
	for (unsigned count = 1; count <= 60; count++)
		for (unsigned mark = 0; mark <= 100; mark++) {
			unsigned k = explain_pass_needs(count, mark);

			assert_true(k <= count);
			assert_true(exam_passes(k, count, mark));
			if (k)
				assert_false(exam_passes(k - 1, count, mark));
		}
	explain_pass_rule(buf, sizeof buf, 10, 80);
	assert_string_equal(buf, "pass mark 80%: at least 8 of 10 right");
	explain_pass_rule(buf, sizeof buf, 19, 79); /* 15 of 19 is 78.9% */
	assert_string_equal(buf, "pass mark 79%: at least 16 of 19 right");
	explain_pass_rule(buf, sizeof buf, 3, 0);
	assert_string_equal(buf, "pass mark 0%: at least 0 of 3 right");
	explain_pass_rule(buf, sizeof buf, 6, 50);
	assert_string_equal(buf, "pass mark 50%: at least 3 of 6 right");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_role_names),
		cmocka_unit_test(test_pick),
		cmocka_unit_test(test_a_long_why_is_kept_whole),
		cmocka_unit_test(test_history_role_names),
		cmocka_unit_test(test_contrast_title),
		cmocka_unit_test(test_confusion),
		cmocka_unit_test(test_score_rounds_half_up),
		cmocka_unit_test(test_next_review),
		cmocka_unit_test(test_pass_rule),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
