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
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
