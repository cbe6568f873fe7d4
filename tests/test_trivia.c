/* Trivia scoring: exact points, streak cap, the switches, ties. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "rolecall/trivia.h"

static const struct trivia_rules std = { 1000, 1, 1, 20000 };

static void test_speed_formula(void **state)
{
	(void)state;
	assert_int_equal(trivia_answer_points(&std, 1, 0), 1000);
	assert_int_equal(trivia_answer_points(&std, 1, 20000), 500);
	assert_int_equal(trivia_answer_points(&std, 1, 10000), 750);
	/* 1000 * (1 - (7/20)/2) = 825 */
	assert_int_equal(trivia_answer_points(&std, 1, 7000), 825);
	/* 1000 * (1 - (3333/20000)/2) = 916.675 -> 917 */
	assert_int_equal(trivia_answer_points(&std, 1, 3333), 917);
	/* 1000 * (1 - (1/20000)/2) = 999.975 -> 1000 */
	assert_int_equal(trivia_answer_points(&std, 1, 1), 1000);
	assert_int_equal(trivia_answer_points(&std, 0, 0), 0);
	/* Late answers are clamped to T. */
	assert_int_equal(trivia_answer_points(&std, 1, 90000), 500);
}

static void test_point_values(void **state)
{
	struct trivia_rules r = std;

	(void)state;
	r.points = 2000;
	assert_int_equal(trivia_answer_points(&r, 1, 10000), 1500);
	r.points = 0;
	assert_int_equal(trivia_answer_points(&r, 1, 0), 0);
	assert_int_equal(trivia_streak_bonus(&r, 3), 0);
}

static void test_no_speed(void **state)
{
	struct trivia_rules r = std;

	(void)state;
	r.speed = 0;
	assert_int_equal(trivia_answer_points(&r, 1, 19999), 1000);
}

static void test_streak_bonus_and_cap(void **state)
{
	struct trivia_player p = { "Ana", 0, 0, 0, 0, 0 };
	const int expect[] = { 1000, 1100, 1200, 1300, 1400, 1500, 1500, 1500 };

	(void)state;
	for (int i = 0; i < 8; i++)
		assert_int_equal(trivia_score(&std, &p, 1, 1, 0), expect[i]);
	assert_int_equal(p.score, 10500);
	/* A miss resets the streak. */
	assert_int_equal(trivia_score(&std, &p, 1, 0, 5000), 0);
	assert_int_equal(p.streak, 0);
	assert_int_equal(trivia_score(&std, &p, 1, 1, 0), 1000);
	assert_int_equal(trivia_score(&std, &p, 1, 1, 0), 1100);
}

static void test_no_streak(void **state)
{
	struct trivia_rules r = std;
	struct trivia_player p = { "Ben", 0, 0, 0, 0, 0 };

	(void)state;
	r.streak = 0;
	for (int i = 0; i < 4; i++)
		assert_int_equal(trivia_score(&r, &p, 1, 1, 0), 1000);
}

static void test_missing_answer_counts_full_time(void **state)
{
	struct trivia_player p = { "Chen", 0, 0, 0, 0, 0 };

	(void)state;
	assert_int_equal(trivia_score(&std, &p, 0, 1, 100), 0);
	assert_int_equal(p.time_ms, 20000);
	assert_int_equal(p.right, 0);
}

static void test_ties(void **state)
{
	struct trivia_player p[] = {
		{ "Dee", 1500, 2, 0, 9000, 0 },
		{ "Ana", 1500, 2, 0, 9000, 0 },
		{ "Ben", 1500, 2, 0, 4000, 0 },
		{ "Cai", 2000, 2, 0, 30000, 0 },
	};

	(void)state;
	trivia_rank(p, 4);
	assert_string_equal(p[0].name, "Cai");
	assert_string_equal(p[1].name, "Ben"); /* same score, faster */
	assert_string_equal(p[2].name, "Ana"); /* same score and time: by name */
	assert_string_equal(p[3].name, "Dee");
}

static void test_rules_text(void **state)
{
	struct trivia_rules r = std;
	char buf[256];

	(void)state;
	assert_int_equal(trivia_rules_text(&r, 0, buf, sizeof buf), 1);
	assert_string_equal(buf, "A right answer earns 1000 points at once, down to 500 at "
			    "the last of the 20 seconds; a wrong or missing answer earns 0.");
	assert_int_equal(trivia_rules_text(&r, 1, buf, sizeof buf), 1);
	assert_string_equal(buf, "Right answers in a row add a streak bonus: +100 for the "
			    "2nd, +200 for the 3rd, ... up to +500; a miss resets it.");
	assert_int_equal(trivia_rules_text(&r, 2, buf, sizeof buf), 1);
	assert_string_equal(buf, TRIVIA_TIE_RULE);
	assert_int_equal(trivia_rules_text(&r, 3, buf, sizeof buf), 0);
	r.speed = 0;
	r.streak = 0;
	r.points = 2000;
	assert_int_equal(trivia_rules_text(&r, 0, buf, sizeof buf), 1);
	assert_string_equal(buf, "A right answer earns 2000 points, however long it takes "
			    "within the 20 seconds; a wrong or missing answer earns 0.");
	assert_int_equal(trivia_rules_text(&r, 1, buf, sizeof buf), 1);
	assert_string_equal(buf, "No streak bonus.");
	/* no points: no bonus either, just the answers and the tie rule */
	r.points = 0;
	r.streak = 1;
	assert_int_equal(trivia_rules_text(&r, 0, buf, sizeof buf), 1);
	assert_string_equal(buf, "No points this game: just the answers.");
	assert_int_equal(trivia_rules_text(&r, 1, buf, sizeof buf), 1);
	assert_string_equal(buf, TRIVIA_TIE_RULE);
	assert_int_equal(trivia_rules_text(&r, 2, buf, sizeof buf), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_speed_formula),
		cmocka_unit_test(test_point_values),
		cmocka_unit_test(test_no_speed),
		cmocka_unit_test(test_streak_bonus_and_cap),
		cmocka_unit_test(test_no_streak),
		cmocka_unit_test(test_missing_answer_counts_full_time),
		cmocka_unit_test(test_ties),
		cmocka_unit_test(test_rules_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
