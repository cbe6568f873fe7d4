/* Exams: even draw across roles, skip and change, scoring, pass mark. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "rolecall/exam.h"

#define T0 1800000000LL

static struct catalog *cat;
static const struct bank *bank;

/* 4 roles x 6 questions, exam defaults count 8 and pass 75. */
static int setup(void **state)
{
	char buf[8192];
	size_t len = 0;
	struct diag_list d;
	static const char *const roles[] = { "pm", "po", "pmm", "pjm" };

	(void)state;
	len += (size_t)snprintf(buf + len, sizeof buf - len,
		"bank: ex\ntitle: Exam fixture\nexam: {count: 8, pass: 75}\nroles:\n"
		"  - {id: pm, name: Product Manager}\n  - {id: po, name: Product Owner}\n"
		"  - {id: pmm, name: Product Marketing Manager}\n  - {id: pjm, name: Project Manager}\n"
		"questions:\n");
	for (int r = 0; r < 4; r++)
		for (int i = 0; i < 6; i++)
			len += (size_t)snprintf(buf + len, sizeof buf - len,
				"  - {id: %s-%d, prompt: 'Q %s %d', answer: %s, explain: x}\n",
				roles[r], i, roles[r], i, roles[r]);
	diag_list_init(&d, 10);
	cat = catalog_new();
	assert_int_equal(catalog_load_buffer(cat, "ex.yaml", buf, len, &d), 0);
	diag_list_free(&d);
	bank = catalog_bank(cat, 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	catalog_free(cat);
	return 0;
}

static struct exam *make(unsigned count, unsigned pass, int pass_given, uint64_t seed)
{
	struct exam_config cfg = { &bank, 1, count, pass, pass_given, 0, seed, T0 };
	struct rc_error err;
	struct exam *e;

	assert_int_equal(exam_new(cat, &cfg, &e, &err), 0);
	return e;
}

static int right_position(const struct exam_item *it)
{
	for (unsigned k = 0; k < it->n_options; k++)
		if (it->order[k] == it->q->correct)
			return (int)k;
	return -1;
}

static void test_defaults_from_bank(void **state)
{
	struct exam *e = make(0, 0, 0, 1);

	(void)state;
	assert_int_equal(exam_count(e), 8);
	assert_int_equal(exam_pass_mark(e), 75);
	exam_free(e);
	e = make(12, 0, 1, 1); /* --pass 0 is a real pass mark */
	assert_int_equal(exam_count(e), 12);
	assert_int_equal(exam_pass_mark(e), 0);
	exam_free(e);
}

static void test_even_across_roles(void **state)
{
	struct exam *e = make(12, 80, 1, 7);
	unsigned per_role[4] = { 0 };

	(void)state;
	for (unsigned i = 0; i < 12; i++)
		per_role[exam_item(e, i)->q->answer_role]++;
	for (int r = 0; r < 4; r++)
		assert_int_equal(per_role[r], 3);
	exam_free(e);
}

static void test_seed_replays(void **state)
{
	struct exam *a = make(10, 80, 1, 99), *b = make(10, 80, 1, 99), *c = make(10, 80, 1, 100);
	int differ = 0;

	(void)state;
	for (unsigned i = 0; i < 10; i++) {
		assert_ptr_equal(exam_item(a, i)->q, exam_item(b, i)->q);
		assert_memory_equal(exam_item(a, i)->order, exam_item(b, i)->order,
				    sizeof exam_item(a, i)->order);
		differ |= exam_item(a, i)->q != exam_item(c, i)->q;
	}
	assert_true(differ);
	exam_free(a);
	exam_free(b);
	exam_free(c);
}

static void test_skip_change_and_score(void **state)
{
	struct exam *e = make(8, 75, 1, 3);
	struct rc_error err;
	const struct exam_result *r;

	(void)state;
	/* Answer all but items 2 and 5, right; skipped ones come back in order. */
	for (unsigned i = 0; i < 8; i++)
		if (i != 2 && i != 5)
			assert_int_equal(exam_answer(e, i, right_position(exam_item(e, i)), &err), 0);
	assert_int_equal(exam_answered(e), 6);
	assert_int_equal(exam_next_unanswered(e, 7), 2);
	assert_int_equal(exam_next_unanswered(e, 2), 5);
	/* Change an answer: right, then wrong, then right again. */
	assert_int_equal(exam_answer(e, 0, (right_position(exam_item(e, 0)) + 1) %
					       (int)exam_item(e, 0)->n_options, &err), 0);
	assert_int_equal(exam_answer(e, 0, right_position(exam_item(e, 0)), &err), 0);
	assert_int_equal(exam_answer(e, 2, 9, &err), -1);
	assert_int_equal(exam_submit(e, T0 + 300, 0, &err), 0);
	r = exam_result(e);
	assert_int_equal(r->count, 8);
	assert_int_equal(r->correct, 6);
	assert_int_equal(r->percent, 75);
	assert_true(r->passed); /* 6 of 8 is exactly 75% */
	assert_int_equal(r->ended_at - r->started_at, 300);
	assert_int_equal(exam_answer(e, 2, 0, &err), -1);
	assert_string_equal(err.msg, "the exam is already submitted");
	exam_free(e);
}

static void test_pass_boundary_is_exact(void **state)
{
	struct exam *e = make(19, 79, 1, 5);
	struct rc_error err;

	(void)state;
	for (unsigned i = 0; i < 15; i++)
		assert_int_equal(exam_answer(e, i, right_position(exam_item(e, i)), &err), 0);
	assert_int_equal(exam_submit(e, T0 + 60, 1, &err), 0);
	assert_int_equal(exam_result(e)->correct, 15);
	assert_false(exam_result(e)->passed); /* 78.9% < 79% */
	assert_true(exam_result(e)->timed_out);
	exam_free(e);
}

static void test_records_and_role_scores(void **state)
{
	struct exam *e = make(8, 50, 1, 11);
	struct answer_record rec;
	struct rc_error err;
	unsigned asked = 0;

	(void)state;
	assert_int_equal(exam_answer(e, 0, right_position(exam_item(e, 0)), &err), 0);
	assert_int_equal(exam_submit(e, T0 + 10, 0, &err), 0);
	exam_item_record(e, 0, &rec);
	assert_int_equal(rec.correct, 1);
	assert_int_equal(rec.mode, MODE_EXAM);
	assert_string_equal(rec.question_id, exam_item(e, 0)->q->id);
	exam_item_record(e, 1, &rec);
	assert_int_equal(rec.picked, -1);
	assert_int_equal(rec.correct, 0);
	for (int r = 0; r < 4; r++)
		asked += exam_result(e)->role_asked[r];
	assert_int_equal(asked, 8);
	assert_int_equal(exam_result(e)->role_correct[exam_item(e, 0)->q->answer_role], 1);
	exam_free(e);
}

static void test_too_many_questions(void **state)
{
	struct exam_config cfg = { &bank, 1, 25, 80, 1, 0, 1, T0 };
	struct rc_error err;
	struct exam *e;

	(void)state;
	assert_int_equal(exam_new(cat, &cfg, &e, &err), -1);
	assert_string_equal(err.msg, "the exam asks 25 questions but the chosen banks have 24; "
				     "lower --count");
	assert_null(e);
}

static void test_countdown(void **state)
{
	struct exam_config cfg = { &bank, 1, 4, 80, 1, 600, 1, T0 };
	struct rc_error err;
	struct exam *e;

	(void)state;
	assert_int_equal(exam_new(cat, &cfg, &e, &err), 0);
	assert_int_equal(exam_seconds_left(e, T0 + 100), 500);
	assert_int_equal(exam_seconds_left(e, T0 + 700), 0);
	exam_free(e);
	e = make(4, 80, 1, 1);
	assert_int_equal(exam_seconds_left(e, T0), -1);
	exam_free(e);
}

static void test_end_time_is_clamped(void **state)
{
	struct exam_config cfg = { &bank, 1, 4, 80, 1, 600, 1, T0 };
	struct rc_error err;
	struct exam *e;

	(void)state;
	assert_int_equal(exam_new(cat, &cfg, &e, &err), 0);
	assert_int_equal(exam_end_time(e, T0 + 100, 0), T0 + 100);
	/* submitted late, or the limit ran out: it ended at the limit */
	assert_int_equal(exam_end_time(e, T0 + 700, 0), T0 + 600);
	assert_int_equal(exam_end_time(e, T0 + 100, 1), T0 + 600);
	/* the clock was set back: never before the start */
	assert_int_equal(exam_end_time(e, T0 - 50, 0), T0);
	exam_free(e);
	e = make(4, 80, 1, 1);
	assert_int_equal(exam_end_time(e, T0 + 99999, 0), T0 + 99999);
	assert_int_equal(exam_end_time(e, T0 - 5, 0), T0);
	exam_free(e);
}

/* An attempt rebuilt from its stored items (issue 15, item 1): the same
 * questions, options and answers, its own clock and pass mark, the same
 * score; items whose options no longer match their question refused. */
static void test_restore_goes_on_where_it_was_left(void **state)
{
	struct exam_config cfg = { &bank, 1, 6, 75, 1, 600, 3, T0 };
	struct exam_item items[6];
	struct exam *e, *back;
	struct rc_error err;

	(void)state;
	assert_int_equal(exam_new(cat, &cfg, &e, &err), 0);
	assert_int_equal(exam_answer(e, 0, right_position(exam_item(e, 0)), &err), 0);
	assert_int_equal(exam_answer(e, 2, right_position(exam_item(e, 2)) ? 0 : 1, &err), 0);
	for (unsigned i = 0; i < 6; i++)
		items[i] = *exam_item(e, i);
	cfg.count = 99; /* the items say how many */
	cfg.pass_given = 0;
	assert_int_equal(exam_restore(cat, &cfg, items, 6, &back, &err), 0);
	assert_int_equal(exam_count(back), 6);
	assert_int_equal(exam_pass_mark(back), 75);
	assert_int_equal(exam_answered(back), 2);
	assert_int_equal(exam_result(back)->started_at, T0);
	assert_int_equal(exam_seconds_left(back, T0 + 100), 500);
	for (unsigned i = 0; i < 6; i++)
		assert_memory_equal(exam_item(back, i), exam_item(e, i), sizeof items[i]);
	assert_int_equal(exam_answer(back, 1, right_position(exam_item(back, 1)), &err), 0);
	assert_int_equal(exam_answer(e, 1, right_position(exam_item(e, 1)), &err), 0);
	assert_int_equal(exam_submit(back, T0 + 60, 0, &err), 0);
	assert_int_equal(exam_submit(e, T0 + 60, 0, &err), 0);
	assert_int_equal(exam_result(back)->correct, 2);
	assert_memory_equal(exam_result(back), exam_result(e), sizeof *exam_result(e));
	exam_free(back);

	items[1].order[1] = items[1].order[0]; /* one choice twice */
	assert_int_equal(exam_restore(cat, &cfg, items, 6, &back, &err), -1);
	assert_null(back);
	assert_non_null(strstr(err.msg, "question 2 ("));
	items[1] = *exam_item(e, 1);
	items[3].n_options--; /* a choice more in the bank now */
	assert_int_equal(exam_restore(cat, &cfg, items, 6, &back, &err), -1);
	assert_non_null(strstr(err.msg, "question 4 ("));
	items[3] = *exam_item(e, 3);
	items[5].picked = (int)items[5].n_options;
	assert_int_equal(exam_restore(cat, &cfg, items, 6, &back, &err), -1);
	assert_non_null(strstr(err.msg, "question 6 ("));
	assert_int_equal(exam_restore(cat, &cfg, items, 0, &back, &err), -1);
	exam_free(e);
}

/* Flags are notes while the exam runs: they change no score, go away
 * with the exam (a restored one has none) and freeze at submit. */
static void test_flags(void **state)
{
	struct exam_config cfg = { &bank, 1, 6, 75, 1, 0, 3, T0 };
	struct exam_item items[6];
	struct exam *e, *back;
	struct rc_error err;

	(void)state;
	assert_int_equal(exam_new(cat, &cfg, &e, &err), 0);
	assert_int_equal(exam_flag_count(e), 0);
	assert_int_equal(exam_flag(e, 1, 1, &err), 0);
	assert_int_equal(exam_flag(e, 4, 1, &err), 0);
	assert_int_equal(exam_flag(e, 4, 1, &err), 0); /* twice is still once */
	assert_true(exam_flagged(e, 1));
	assert_false(exam_flagged(e, 0));
	assert_false(exam_flagged(e, 6));
	assert_int_equal(exam_flag_count(e), 2);
	assert_int_equal(exam_flag(e, 1, 0, &err), 0);
	assert_false(exam_flagged(e, 1));
	assert_int_equal(exam_flag_count(e), 1);
	assert_int_equal(exam_flag(e, 6, 1, &err), -1);
	assert_string_equal(err.msg, "there is no question 7");
	assert_int_equal(exam_answered(e), 0);
	for (unsigned i = 0; i < 6; i++)
		items[i] = *exam_item(e, i);
	assert_int_equal(exam_restore(cat, &cfg, items, 6, &back, &err), 0);
	assert_int_equal(exam_flag_count(back), 0);
	exam_free(back);
	assert_int_equal(exam_answer(e, 4, right_position(exam_item(e, 4)), &err), 0);
	assert_int_equal(exam_submit(e, T0 + 60, 0, &err), 0);
	assert_int_equal(exam_result(e)->correct, 1);
	assert_int_equal(exam_flag(e, 0, 1, &err), -1);
	assert_string_equal(err.msg, "the exam is already submitted");
	assert_true(exam_flagged(e, 4));
	exam_free(e);
}

static void test_open_until(void **state)
{
	(void)state;
	assert_int_equal(exam_open_until(T0, 600), T0 + 600);
	assert_int_equal(exam_open_until(T0, 0), T0 + EXAM_UNTIMED_OPEN_S);
	assert_int_equal(EXAM_UNTIMED_OPEN_S, 86400);
}

/* The position of the option standing for role r, or -1. */
static int position_of_role(const struct exam_item *it, int r)
{
	for (unsigned k = 0; k < it->n_options; k++)
		if (it->q->choices[it->order[k]].role == r)
			return (int)k;
	return -1;
}

/* Every pm item answered po, every po item answered pm, the rest right
 * but item 0 left unanswered: each pair is told once, at its first item,
 * with the number of items that made it. */
static void test_confusion_times_once_per_pair(void **state)
{
	struct exam *e = make(16, 50, 1, 7);
	int pm = catalog_find_role(cat, "pm"), po = catalog_find_role(cat, "po");
	unsigned want[2] = { 0, 0 }, told[2] = { 0, 0 }, first[2] = { 99, 99 };
	struct rc_error err;

	(void)state;
	for (unsigned i = 1; i < exam_count(e); i++) {
		const struct exam_item *it = exam_item(e, i);
		int a = it->q->answer_role, wrong = a == pm ? po : a == po ? pm : -1;
		int pos = wrong >= 0 ? position_of_role(it, wrong) : -1;

		if (pos >= 0) {
			want[a == po]++;
			if (first[a == po] == 99)
				first[a == po] = i;
		}
		assert_int_equal(exam_answer(e, i, pos >= 0 ? pos : right_position(it), &err), 0);
	}
	assert_true(want[0] >= 2 && want[1] >= 2); /* the seed gives both pairs twice */
	assert_int_equal(exam_submit(e, T0 + 60, 0, &err), 0);
	for (unsigned i = 0; i < exam_count(e); i++) {
		int a = -1, p = -1;
		unsigned times = exam_confusion_times(e, i, &a, &p);

		if (!times)
			continue;
		assert_true((a == pm && p == po) || (a == po && p == pm));
		assert_int_equal(i, first[a == po]);
		told[a == po] = times;
	}
	assert_int_equal(told[0], want[0]);
	assert_int_equal(told[1], want[1]);
	assert_int_equal(exam_confusion_times(e, exam_count(e), &(int){ 0 }, &(int){ 0 }), 0);
	exam_free(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_from_bank),
		cmocka_unit_test(test_even_across_roles),
		cmocka_unit_test(test_seed_replays),
		cmocka_unit_test(test_skip_change_and_score),
		cmocka_unit_test(test_pass_boundary_is_exact),
		cmocka_unit_test(test_records_and_role_scores),
		cmocka_unit_test(test_too_many_questions),
		cmocka_unit_test(test_countdown),
		cmocka_unit_test(test_end_time_is_clamped),
		cmocka_unit_test(test_confusion_times_once_per_pair),
		cmocka_unit_test(test_restore_goes_on_where_it_was_left),
		cmocka_unit_test(test_open_until),
		cmocka_unit_test(test_flags),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
