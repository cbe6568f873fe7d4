/*
 * Tests for sched: FSRS-6 with py-fsrs 6.x defaults.
 *
 * Reference values come from the published implementations' own tests:
 *  - py-fsrs tests/test_basic.py (FSRS-6 era, DEFAULT_PARAMETERS 0.212 ...
 *    0.1542): test_review_card, test_memo_state,
 *    test_repeated_correct_reviews, test_stability_lower_bound;
 *  - fsrs-rs src/model_v6.rs tests: test_power_forgetting_curve,
 *    test_forward (f32 there, hence the looser tolerance).
 * Other expected values follow from the published formulas and weights; each
 * says how.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "rolecall/sched.h"

#define DAY 86400
/* 2022-11-29 12:30:00 UTC, the start time of the py-fsrs tests. */
#define T0 ((int64_t)1669725000)

#define assert_close(got, want, tol)                                        \
	do {                                                                \
		double got_ = (got);                                        \
		double want_ = (want);                                      \
		if (!(fabs(got_ - want_) < (tol)))                          \
			fail_msg("%s = %.10g, want %.10g", #got, got_, want_); \
	} while (0)

static const struct fsrs_params *defaults(void)
{
	return &fsrs_default_params;
}

static int64_t interval_days(const struct fsrs_card *c)
{
	return (c->due - c->last_review) / DAY;
}

static struct fsrs_card new_card(void)
{
	struct fsrs_card c;

	fsrs_card_init(&c);
	return c;
}

static void test_card_init(void **state)
{
	struct fsrs_card c = {
		.stability = 3, .difficulty = 4, .last_review = 5,
		.due = 6, .reps = 7, .lapses = 8,
	};

	(void)state;
	fsrs_card_init(&c);
	assert_true(c.stability == 0.0);
	assert_true(c.difficulty == 0.0);
	assert_int_equal(c.last_review, 0);
	assert_int_equal(c.due, 0);
	assert_int_equal(c.reps, 0);
	assert_int_equal(c.lapses, 0);
	assert_true(fsrs_retrievability(defaults(), &c, T0) == 0.0);
}

/* py-fsrs fsrs/scheduler.py DEFAULT_PARAMETERS and Scheduler defaults. */
static void test_default_params(void **state)
{
	static const double want[21] = {
		0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194,
		0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629,
		1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
	};

	(void)state;
	for (int i = 0; i < 21; i++)
		assert_true(fsrs_default_params.w[i] == want[i]);
	assert_true(fsrs_default_params.desired_retention == 0.9);
	assert_true(fsrs_default_params.maximum_interval_days == 36500.0);
}

/*
 * S0 = w[G-1]; D0 = clamp(w4 - e^(w5 (G-1)) + 1, 1, 10): 6.4133,
 * 5.1121707, 2.1181040 and 1 (Easy's raw -4.77 clamped).  Intervals are
 * round(S0) with R = 0.9, except Again's 10 minutes.
 */
static void test_first_review_each_grade(void **state)
{
	static const double want_d[4] = { 6.4133, 5.112170705601056,
					  2.118103970459016, 1.0 };
	static const int64_t want_days[4] = { 0, 1, 2, 8 };

	(void)state;
	for (int g = FSRS_AGAIN; g <= FSRS_EASY; g++) {
		struct fsrs_card c = new_card();

		fsrs_review(defaults(), &c, (enum fsrs_grade)g, T0);
		assert_close(c.stability, fsrs_default_params.w[g - 1], 1e-12);
		assert_close(c.difficulty, want_d[g - 1], 1e-9);
		assert_int_equal(c.last_review, T0);
		assert_int_equal(c.reps, 1);
		assert_int_equal(c.lapses, 0);
		assert_int_equal(interval_days(&c), want_days[g - 1]);
	}
}

/*
 * py-fsrs test_review_card: Good x6, Again x2, Good x5, each review at the
 * previous due time, expects intervals
 *   [0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21].
 * Its 0s are py-fsrs's (re)learning steps: the first Good is due again after
 * its 10-minute learning step, each Again after its 10-minute relearning step.
 * rolecall has no steps, so the replay puts the second review at +600 s, as
 * the caller's in-session re-ask would, and our first interval is the
 * long-term round(w2) = 2 instead of py-fsrs's step.  From then on every
 * memory state and interval must be py-fsrs's.
 */
static void test_py_fsrs_review_card_intervals(void **state)
{
	static const enum fsrs_grade grades[13] = {
		FSRS_GOOD, FSRS_GOOD, FSRS_GOOD, FSRS_GOOD, FSRS_GOOD,
		FSRS_GOOD, FSRS_AGAIN, FSRS_AGAIN, FSRS_GOOD, FSRS_GOOD,
		FSRS_GOOD, FSRS_GOOD, FSRS_GOOD,
	};
	static const int64_t want[13] = { 2, 2, 11, 46, 163, 498, 0,
					  0, 2, 4, 7, 12, 21 };
	struct fsrs_card c = new_card();
	int64_t now = T0;

	(void)state;
	for (int i = 0; i < 13; i++) {
		fsrs_review(defaults(), &c, grades[i], now);
		assert_int_equal(interval_days(&c), want[i]);
		now = i == 0 ? now + 600 : c.due;
	}
	assert_int_equal(c.reps, 13);
	assert_int_equal(c.lapses, 2);
}

/* py-fsrs test_memo_state: Again, Good x5 after 0, 0, 1, 3, 8, 21 days. */
static void test_py_fsrs_memo_state(void **state)
{
	static const enum fsrs_grade grades[6] = {
		FSRS_AGAIN, FSRS_GOOD, FSRS_GOOD, FSRS_GOOD, FSRS_GOOD,
		FSRS_GOOD,
	};
	static const int64_t gap_days[6] = { 0, 0, 1, 3, 8, 21 };
	struct fsrs_card c = new_card();
	int64_t now = T0;

	(void)state;
	for (int i = 0; i < 6; i++) {
		now += gap_days[i] * DAY;
		fsrs_review(defaults(), &c, grades[i], now);
	}
	assert_close(c.stability, 53.62691, 1e-4);
	assert_close(c.difficulty, 6.3574867, 1e-4);
}

/* py-fsrs test_repeated_correct_reviews: ten quick Easys reach D = 1. */
static void test_py_fsrs_repeated_easy_floors_difficulty(void **state)
{
	struct fsrs_card c = new_card();

	(void)state;
	for (int i = 0; i < 10; i++)
		fsrs_review(defaults(), &c, FSRS_EASY, T0);
	assert_true(c.difficulty == 1.0);
}

/*
 * fsrs-rs model_v6.rs test_forward: first review with grade G, then G
 * again after dt days.
 */
static void test_fsrs_rs_forward(void **state)
{
	static const struct {
		enum fsrs_grade g;
		int64_t dt;
		double s, d;
	} cases[6] = {
		{ FSRS_AGAIN, 1, 0.10088589, 8.806304 },
		{ FSRS_HARD, 1, 3.2494123, 6.7404594 },
		{ FSRS_GOOD, 1, 7.3153, 2.1112142 },
		{ FSRS_EASY, 1, 18.014914, 1.0 },
		{ FSRS_AGAIN, 2, 0.112798266, 8.806304 },
		{ FSRS_HARD, 2, 4.4694576, 6.7404594 },
	};

	(void)state;
	for (int i = 0; i < 6; i++) {
		struct fsrs_card c = new_card();

		fsrs_review(defaults(), &c, cases[i].g, T0);
		fsrs_review(defaults(), &c, cases[i].g, T0 + cases[i].dt * DAY);
		assert_close(c.stability, cases[i].s, 1e-4);
		assert_close(c.difficulty, cases[i].d, 1e-4);
	}
}

static struct fsrs_card reviewed_card(double stability, int64_t at)
{
	struct fsrs_card c = new_card();

	c.stability = stability;
	c.difficulty = 5.0;
	c.last_review = at;
	c.reps = 1;
	return c;
}

/* fsrs-rs model_v6.rs test_power_forgetting_curve. */
static void test_fsrs_rs_forgetting_curve(void **state)
{
	static const double t[6] = { 0, 1, 2, 3, 4, 5 };
	static const double s[6] = { 1, 2, 3, 4, 4, 2 };
	static const double want[6] = { 1.0, 0.9403443, 0.9253786,
					0.9185229, 0.9, 0.8261359 };

	(void)state;
	for (int i = 0; i < 6; i++) {
		struct fsrs_card c = reviewed_card(s[i], T0);
		int64_t now = T0 + (int64_t)t[i] * DAY;

		assert_close(fsrs_retrievability(defaults(), &c, now), want[i],
			     1e-5);
	}
}

/* Stability is, by definition, the time for R to fall from 1 to 0.9. */
static void test_retrievability_definition(void **state)
{
	struct fsrs_card c = reviewed_card(10.0, T0);
	struct fsrs_card fresh = new_card();
	const struct fsrs_params *p = defaults();

	(void)state;
	assert_close(fsrs_retrievability(p, &c, T0), 1.0, 1e-12);
	assert_close(fsrs_retrievability(p, &c, T0 - DAY), 1.0, 1e-12);
	assert_close(fsrs_retrievability(p, &c, T0 + 10 * DAY), 0.9, 1e-9);
	assert_true(fsrs_retrievability(p, &c, T0 + 11 * DAY) <
		    fsrs_retrievability(p, &c, T0 + 10 * DAY));

	/* Fractional stability: continuous time, not whole days. */
	fsrs_review(p, &fresh, FSRS_GOOD, T0);
	assert_close(fsrs_retrievability(p, &fresh, T0 + 199282), 0.9, 1e-6);
}

static void test_again_counts_lapses_and_returns_soon(void **state)
{
	const struct fsrs_params *p = defaults();
	struct fsrs_card c = new_card();
	int64_t now = T0;

	(void)state;
	/* The first review is learning, not forgetting. */
	fsrs_review(p, &c, FSRS_AGAIN, now);
	assert_int_equal(c.lapses, 0);
	assert_int_equal(c.due, now + FSRS_AGAIN_DELAY_SECONDS);

	now = c.due;
	fsrs_review(p, &c, FSRS_GOOD, now);
	assert_int_equal(c.lapses, 0);
	assert_true(c.due >= now + DAY);

	now = c.due;
	fsrs_review(p, &c, FSRS_AGAIN, now);
	assert_int_equal(c.lapses, 1);
	assert_int_equal(c.due, now + 600);

	now = c.due;
	fsrs_review(p, &c, FSRS_AGAIN, now);
	assert_int_equal(c.lapses, 2);
	assert_int_equal(c.due, now + 600);
	assert_int_equal(c.reps, 4);
}

static void assert_difficulty_in_range(enum fsrs_grade g, int64_t gap)
{
	struct fsrs_card c = new_card();
	int64_t now = T0;

	for (int i = 0; i < 200; i++) {
		fsrs_review(defaults(), &c, g, now);
		assert_true(c.difficulty >= 1.0 && c.difficulty <= 10.0);
		now = c.due + gap;
	}
}

static void test_difficulty_stays_in_range(void **state)
{
	(void)state;
	assert_difficulty_in_range(FSRS_AGAIN, DAY);
	assert_difficulty_in_range(FSRS_AGAIN, 0);
	assert_difficulty_in_range(FSRS_HARD, 0);
	assert_difficulty_in_range(FSRS_EASY, 0);
}

/* py-fsrs test_stability_lower_bound: Agains a day late never reach 0. */
static void test_stability_lower_bound(void **state)
{
	struct fsrs_card c = new_card();

	(void)state;
	for (int i = 0; i < 1000; i++) {
		fsrs_review(defaults(), &c, FSRS_AGAIN, c.due + DAY);
		assert_true(c.stability >= 0.001);
	}
}

/*
 * A lapse never leaves more than S / e^(w17 w18), the stability a same-day
 * Again would.  With D = 1, S = 0.1 and a year away the long-term lapse
 * formula gives 0.1226961, so the cap 0.0951728 must win.
 */
static void test_lapse_stability_capped(void **state)
{
	struct fsrs_card c = reviewed_card(0.1, T0);

	(void)state;
	c.difficulty = 1.0;
	fsrs_review(defaults(), &c, FSRS_AGAIN, T0 + 365 * DAY);
	assert_close(c.stability, 0.09517279993343508, 1e-9);
	assert_int_equal(c.lapses, 1);
}

static void test_interval_rounded_and_clamped(void **state)
{
	struct fsrs_params p = fsrs_default_params;
	struct fsrs_card c = new_card();
	int64_t now = T0;

	(void)state;
	/* At retention 0.9 the interval is the stability, rounded. */
	assert_true(fsrs_next_interval_days(&p, 10.0) == 10.0);
	assert_true(fsrs_next_interval_days(&p, 10.4) == 10.0);
	assert_true(fsrs_next_interval_days(&p, 10.6) == 11.0);
	assert_true(fsrs_next_interval_days(&p, 0.0) == 1.0);
	assert_true(fsrs_next_interval_days(&p, 0.3) == 1.0);
	assert_true(fsrs_next_interval_days(&p, 1.0e6) == 36500.0);

	/* Lower desired retention, longer wait. */
	p.desired_retention = 0.8;
	assert_true(fsrs_next_interval_days(&p, 10.0) > 10.0);

	p = fsrs_default_params;
	p.maximum_interval_days = 100.0;
	assert_true(fsrs_next_interval_days(&p, 500.0) == 100.0);
	for (int i = 0; i < 20; i++) {
		fsrs_review(&p, &c, FSRS_EASY, now);
		assert_true(interval_days(&c) <= 100);
		now = c.due;
	}
	assert_int_equal(interval_days(&c), 100);
}

/*
 * Under a day since the last review, FSRS-6 uses
 * S' = S e^(w17 (G - 3 + w18)) S^-w19, floored at S for Good and Easy.
 * After Again (S = w0 = 0.212) a Good an hour later gives 0.2466891878,
 * the state py-fsrs reaches in test_memo_state's second review; a day later
 * the long-term recall formula gives 1.8867876195.
 */
static void test_same_day_path(void **state)
{
	const struct fsrs_params *p = defaults();
	struct fsrs_card again = new_card();
	struct fsrs_card c;

	(void)state;
	fsrs_review(p, &again, FSRS_AGAIN, T0);

	c = again;
	fsrs_review(p, &c, FSRS_GOOD, T0 + 3600);
	assert_close(c.stability, 0.24668918777567272, 1e-9);
	assert_close(c.difficulty, 6.402115069296838, 1e-9);

	c = again;
	fsrs_review(p, &c, FSRS_GOOD, T0 + DAY - 1);
	assert_close(c.stability, 0.24668918777567272, 1e-9);

	c = again;
	fsrs_review(p, &c, FSRS_GOOD, T0 + DAY);
	assert_close(c.stability, 1.8867876195204154, 1e-9);

	/* Good on a steadier memory: the floor keeps S unchanged. */
	c = new_card();
	fsrs_review(p, &c, FSRS_GOOD, T0);
	fsrs_review(p, &c, FSRS_GOOD, T0 + 600);
	assert_close(c.stability, 2.3065, 1e-12);

	/* Hard and Again have no floor (py-fsrs). */
	c = new_card();
	fsrs_review(p, &c, FSRS_GOOD, T0);
	fsrs_review(p, &c, FSRS_HARD, T0 + 600);
	assert_close(c.stability, 1.3333787168039835, 1e-9);

	c = new_card();
	fsrs_review(p, &c, FSRS_GOOD, T0);
	fsrs_review(p, &c, FSRS_AGAIN, T0 + 600);
	assert_close(c.stability, 0.7750839828558984, 1e-9);
}

static void test_invalid_grade_is_noop(void **state)
{
	struct fsrs_card c = new_card();
	struct fsrs_card before;

	(void)state;
	fsrs_review(defaults(), &c, FSRS_GOOD, T0);
	before = c;
	fsrs_review(defaults(), &c, (enum fsrs_grade)0, T0 + DAY);
	fsrs_review(defaults(), &c, (enum fsrs_grade)5, T0 + DAY);
	assert_memory_equal(&c, &before, sizeof(c));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_card_init),
		cmocka_unit_test(test_default_params),
		cmocka_unit_test(test_first_review_each_grade),
		cmocka_unit_test(test_py_fsrs_review_card_intervals),
		cmocka_unit_test(test_py_fsrs_memo_state),
		cmocka_unit_test(test_py_fsrs_repeated_easy_floors_difficulty),
		cmocka_unit_test(test_fsrs_rs_forward),
		cmocka_unit_test(test_fsrs_rs_forgetting_curve),
		cmocka_unit_test(test_retrievability_definition),
		cmocka_unit_test(test_again_counts_lapses_and_returns_soon),
		cmocka_unit_test(test_difficulty_stays_in_range),
		cmocka_unit_test(test_stability_lower_bound),
		cmocka_unit_test(test_lapse_stability_capped),
		cmocka_unit_test(test_interval_rounded_and_clamped),
		cmocka_unit_test(test_same_day_path),
		cmocka_unit_test(test_invalid_grade_is_noop),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
