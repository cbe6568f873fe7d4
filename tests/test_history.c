/* history: what answers add up to (tallies, confusion counts and their
 * chances, the FSRS grade of each answer, totals), the role table, and
 * setting derived state directly as the store loads it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "rolecall/history.h"

#define T0 1800000000LL /* a fixed "now": tests never read the clock */

/* One answer to question qid whose answer is `answer`, with the options
 * shown (NULL: an option standing for no role) and the 0-based pick. */
static struct answer_record record(const char *qid, const char *answer,
				   const char *const *shown, unsigned n_shown, int picked,
				   int64_t at)
{
	struct answer_record r;

	memset(&r, 0, sizeof r);
	r.bank_id = "fx";
	r.question_id = qid;
	r.answer_role = answer;
	if (answer) {
		r.about[0] = answer;
		r.n_about = 1;
	}
	for (unsigned i = 0; i < n_shown; i++) {
		r.shown_roles[i] = shown[i];
		r.shown_choices[i] = i;
	}
	r.n_shown = n_shown;
	r.picked = picked;
	r.correct = picked >= 0 && shown[picked] && answer && !strcmp(shown[picked], answer);
	r.elapsed_ms = 2000;
	r.answered_at = at;
	r.mode = MODE_PRACTICE;
	return r;
}

static int role(const struct history *h, const char *id)
{
	int i = history_role_find(h, id);

	assert_true(i >= 0);
	return i;
}

static const struct confusion_cell *cell(const struct history *h, const char *answer,
					 const char *picked)
{
	return history_confusion(h, (unsigned)role(h, answer), (unsigned)role(h, picked));
}

/* The card history_apply should leave: one review of a new card. */
static struct fsrs_card reviewed(enum fsrs_grade grade, int64_t at)
{
	struct fsrs_card c;

	fsrs_card_init(&c);
	fsrs_review(&fsrs_default_params, &c, grade, at);
	return c;
}

static void assert_card(const struct fsrs_card *got, const struct fsrs_card *want)
{
	assert_true(got->stability == want->stability);
	assert_true(got->difficulty == want->difficulty);
	assert_int_equal(got->last_review, want->last_review);
	assert_int_equal(got->due, want->due);
	assert_int_equal(got->reps, want->reps);
	assert_int_equal(got->lapses, want->lapses);
}

static void test_tallies_and_totals(void **state)
{
	static const char *const shown[] = { "pm", "po", "pjm" };
	struct history *h = history_new();
	struct answer_record right = record("q1", "pm", shown, 3, 0, T0);
	struct answer_record wrong = record("q2", "po", shown, 3, 0, T0 + 60);
	const struct question_state *qs;
	struct fsrs_card want;

	(void)state;
	assert_non_null(h);
	assert_int_equal(history_apply(h, &right, HISTORY_SLOW_MS), 0);
	assert_int_equal(history_apply(h, &wrong, HISTORY_SLOW_MS), 0);
	assert_int_equal(history_answers(h), 2);
	assert_int_equal(history_correct(h), 1);
	/* roles in the order first seen: the about role, then the options */
	assert_int_equal(history_role_count(h), 3);
	assert_string_equal(history_role_id(h, 0), "pm");
	assert_string_equal(history_role_id(h, 1), "po");
	assert_string_equal(history_role_id(h, 2), "pjm");
	assert_null(history_role_id(h, 3));
	assert_int_equal(history_role_find(h, "pmm"), -1);
	assert_int_equal(history_role_tally(h, 0)->asked, 1);
	assert_int_equal(history_role_tally(h, 0)->correct, 1);
	assert_int_equal(history_role_tally(h, 1)->asked, 1);
	assert_int_equal(history_role_tally(h, 1)->correct, 0);
	assert_int_equal(history_role_tally(h, 2)->asked, 0);

	qs = history_question(h, "q1");
	assert_non_null(qs);
	assert_string_equal(qs->id, "q1");
	assert_int_equal(qs->asked, 1);
	assert_int_equal(qs->wrong, 0);
	assert_int_equal(qs->last_seen, T0);
	want = reviewed(FSRS_GOOD, T0);
	assert_card(&qs->card, &want);
	qs = history_question(h, "q2");
	assert_int_equal(qs->wrong, 1);
	want = reviewed(FSRS_AGAIN, T0 + 60);
	assert_card(&qs->card, &want);
	assert_null(history_question(h, "q3"));
	history_free(h);
	history_free(NULL);
}

/* Each other role shown is one chance of the pair; the wrong pick is a
 * confusion.  A right answer adds chances and no confusion. */
static void test_confusion_counts_and_chances(void **state)
{
	static const char *const shown[] = { "pm", "po", "pjm" };
	struct history *h = history_new();
	struct answer_record r;

	(void)state;
	r = record("q2", "po", shown, 3, 0, T0); /* po answered as pm */
	assert_int_equal(history_apply(h, &r, 0), 0);
	r = record("q2", "po", shown, 3, 1, T0 + 60); /* right */
	assert_int_equal(history_apply(h, &r, 0), 0);
	r = record("q2", "po", shown, 3, 2, T0 + 120); /* po answered as pjm */
	assert_int_equal(history_apply(h, &r, 0), 0);
	assert_int_equal(cell(h, "po", "pm")->count, 1);
	assert_int_equal(cell(h, "po", "pm")->chances, 3);
	assert_int_equal(cell(h, "po", "pjm")->count, 1);
	assert_int_equal(cell(h, "po", "pjm")->chances, 3);
	/* the answer is never its own chance; other directions untouched */
	assert_int_equal(cell(h, "po", "po")->chances, 0);
	assert_int_equal(cell(h, "pm", "po")->chances, 0);
	assert_int_equal(cell(h, "pm", "po")->count, 0);
	/* (count + 0.5) / (chances + 5); a pair never offered scores 0 */
	assert_true(history_confusion_score(h, (unsigned)role(h, "po"),
					    (unsigned)role(h, "pm")) == 1.5 / 8.0);
	assert_true(history_confusion_score(h, (unsigned)role(h, "pm"),
					    (unsigned)role(h, "po")) == 0.0);
	/* out of range: an empty cell, never a read past the table */
	assert_int_equal(history_confusion(h, 99, 0)->chances, 0);
	assert_int_equal(history_confusion(h, 0, ROLECALL_MAX_ROLES)->count, 0);
	history_free(h);
}

/* A role shown twice is one chance; an option for no role is none; a time
 * out (no pick) counts chances and no confusion, and grades Again. */
static void test_repeats_blanks_and_time_out(void **state)
{
	static const char *const shown[] = { "pm", "po", "pm", NULL };
	struct history *h = history_new();
	struct answer_record r = record("q1", "po", shown, 4, 2, T0);

	(void)state;
	assert_string_equal(answer_record_picked_role(&r), "pm");
	assert_int_equal(history_apply(h, &r, 0), 0);
	assert_int_equal(cell(h, "po", "pm")->chances, 1);
	assert_int_equal(cell(h, "po", "pm")->count, 1);
	assert_int_equal(history_role_count(h), 2);

	r = record("q1", "po", shown, 4, -1, T0 + 60);
	assert_null(answer_record_picked_role(&r));
	assert_int_equal(r.correct, 0);
	assert_int_equal(history_apply(h, &r, 0), 0);
	assert_int_equal(cell(h, "po", "pm")->chances, 2);
	assert_int_equal(cell(h, "po", "pm")->count, 1);
	assert_int_equal(history_question(h, "q1")->wrong, 2);
	assert_int_equal(history_question(h, "q1")->card.lapses, 1);
	assert_int_equal(history_correct(h), 0);
	history_free(h);
}

/* A right answer slower than slow_ms is Hard; 0 means never. */
static void test_slow_right_answer_is_hard(void **state)
{
	static const char *const shown[] = { "pm", "po" };
	struct history *h = history_new();
	struct answer_record r = record("q1", "pm", shown, 2, 0, T0);
	struct fsrs_card want;

	(void)state;
	r.elapsed_ms = HISTORY_SLOW_MS + 1;
	assert_int_equal(history_apply(h, &r, HISTORY_SLOW_MS), 0);
	want = reviewed(FSRS_HARD, T0);
	assert_card(&history_question(h, "q1")->card, &want);
	r.question_id = "q2";
	assert_int_equal(history_apply(h, &r, 0), 0);
	want = reviewed(FSRS_GOOD, T0);
	assert_card(&history_question(h, "q2")->card, &want);
	/* exactly slow_ms is not slower */
	r.question_id = "q3";
	r.elapsed_ms = HISTORY_SLOW_MS;
	assert_int_equal(history_apply(h, &r, HISTORY_SLOW_MS), 0);
	assert_card(&history_question(h, "q3")->card, &want);
	history_free(h);
}

/* Which shown options are chances of a pair. */
static void test_record_chances(void **state)
{
	static const char *const shown[] = { "po", "pm", NULL, "pm", "pjm" };
	struct answer_record r = record("q1", "po", shown, 5, 0, T0);

	(void)state;
	assert_null(answer_record_chance(&r, 0));       /* the answer */
	assert_string_equal(answer_record_chance(&r, 1), "pm");
	assert_null(answer_record_chance(&r, 2));       /* no role */
	assert_null(answer_record_chance(&r, 3));       /* pm again */
	assert_string_equal(answer_record_chance(&r, 4), "pjm");
	assert_null(answer_record_chance(&r, 5));       /* past the options */
	r.answer_role = NULL;
	assert_null(answer_record_chance(&r, 1));
}

static void test_role_table(void **state)
{
	struct history_roles t;
	char id[16];

	(void)state;
	memset(&t, 0, sizeof t);
	assert_int_equal(history_roles_find(&t, "pm"), -1);
	assert_int_equal(history_roles_add(&t, "pm"), 0);
	assert_int_equal(history_roles_add(&t, "po"), 1);
	assert_int_equal(history_roles_add(&t, "pm"), 0);
	assert_int_equal(history_roles_find(&t, "po"), 1);
	assert_int_equal(t.n, 2);
	for (unsigned i = 2; i < ROLECALL_MAX_ROLES; i++) {
		snprintf(id, sizeof id, "r%u", i);
		assert_int_equal(history_roles_add(&t, id), (int)i);
	}
	/* full: a new id is refused, a known one still found */
	assert_int_equal(history_roles_add(&t, "one-too-many"), -1);
	assert_int_equal(history_roles_add(&t, "po"), 1);
	assert_int_equal(t.n, ROLECALL_MAX_ROLES);
	history_roles_clear(&t);
	assert_int_equal(t.n, 0);
	assert_int_equal(history_roles_find(&t, "pm"), -1);
}

static void count_question(void *ctx, const struct question_state *qs)
{
	unsigned *n = ctx;

	assert_non_null(qs->id);
	(*n)++;
}

/* As the store loads derived state, without the log; clear empties it. */
static void test_set_and_clear(void **state)
{
	struct history *h = history_new();
	struct question_state qs;
	struct role_tally t = { 7, 5 };
	struct confusion_cell c = { 2, 9 };
	unsigned n = 0;

	(void)state;
	memset(&qs, 0, sizeof qs);
	qs.id = "q9";
	qs.asked = 4;
	qs.wrong = HISTORY_LEECH_MISSES;
	qs.card.due = T0;
	assert_int_equal(history_set_question(h, &qs), 0);
	assert_int_equal(history_set_role(h, "pm", t), 0);
	assert_int_equal(history_set_confusion(h, "po", "pm", c), 0);
	history_set_totals(h, 11, 6);
	assert_int_equal(history_question(h, "q9")->asked, 4);
	assert_int_equal(history_question(h, "q9")->wrong, HISTORY_LEECH_MISSES);
	assert_int_equal(history_question(h, "q9")->card.due, T0);
	assert_int_equal(history_role_tally(h, (unsigned)role(h, "pm"))->asked, 7);
	assert_int_equal(history_role_tally(h, (unsigned)role(h, "pm"))->correct, 5);
	assert_int_equal(cell(h, "po", "pm")->count, 2);
	assert_int_equal(cell(h, "po", "pm")->chances, 9);
	assert_int_equal(history_answers(h), 11);
	assert_int_equal(history_correct(h), 6);
	history_each_question(h, count_question, &n);
	assert_int_equal(n, 1);

	history_clear(h);
	n = 0;
	history_each_question(h, count_question, &n);
	assert_int_equal(n, 0);
	assert_int_equal(history_role_count(h), 0);
	assert_int_equal(history_answers(h), 0);
	assert_int_equal(history_correct(h), 0);
	assert_null(history_question(h, "q9"));
	/* usable again after clear */
	assert_int_equal(history_set_role(h, "po", t), 0);
	assert_int_equal(history_role_find(h, "po"), 0);
	assert_int_equal(history_confusion(h, 0, 0)->chances, 0);
	history_free(h);
}

static void test_mode_names(void **state)
{
	(void)state;
	assert_string_equal(session_mode_name(MODE_PRACTICE), "practice");
	assert_string_equal(session_mode_name(MODE_DRILL), "drill");
	assert_string_equal(session_mode_name(MODE_EXAM), "exam");
	assert_string_equal(session_mode_name(MODE_TRIVIA), "trivia");
	assert_string_equal(session_mode_name((enum session_mode)9), "unknown");
	assert_int_equal(session_mode_parse("drill"), MODE_DRILL);
	assert_int_equal(session_mode_parse("trivia"), MODE_TRIVIA);
	assert_int_equal(session_mode_parse("Drill"), -1);
	assert_int_equal(session_mode_parse(""), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tallies_and_totals),
		cmocka_unit_test(test_confusion_counts_and_chances),
		cmocka_unit_test(test_repeats_blanks_and_time_out),
		cmocka_unit_test(test_slow_right_answer_is_hard),
		cmocka_unit_test(test_record_chances),
		cmocka_unit_test(test_role_table),
		cmocka_unit_test(test_set_and_clear),
		cmocka_unit_test(test_mode_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
