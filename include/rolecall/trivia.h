/*
 * trivia — points, streaks and the ranking of a trivia game.
 *
 * A right answer earns round(P * (1 - (t / T) / 2)): P for an instant
 * answer, P/2 at the last moment; a wrong or missing answer earns 0.  The
 * streak bonus is +100 for the 2nd right answer in a row, +200 for the 3rd,
 * capped at +500; a miss resets it.  Hosts can turn speed and streaks off:
 * they are known to discourage players outside the top few.  Ties are
 * broken by total answer time, then by name.  Pure; no I/O, no clock.
 */
#ifndef ROLECALL_TRIVIA_H
#define ROLECALL_TRIVIA_H

#include <stddef.h>
#include <stdint.h>

#define TRIVIA_DEFAULT_POINTS 1000
#define TRIVIA_STREAK_STEP 100
#define TRIVIA_STREAK_CAP 500
#define TRIVIA_TIE_RULE "Ties are broken by total answer time (faster first), then by name."

struct trivia_rules {
	unsigned points;   /* P: 0, 1000 or 2000 */
	int speed;         /* 1: faster right answers earn more */
	int streak;        /* 1: streak bonus */
	int64_t limit_ms;  /* T, the time limit per question */
};

struct trivia_player {
	const char *name;  /* borrowed */
	int64_t score;
	unsigned right;
	unsigned streak;   /* right answers in a row */
	int64_t time_ms;   /* total answer time, for ties */
	int last_points;   /* points of the latest question, bonus included */
};

/* Points for one answer, before the streak bonus. */
int trivia_answer_points(const struct trivia_rules *r, int correct, int64_t elapsed_ms);

/* The streak bonus for a right answer that makes a streak of `streak`. */
int trivia_streak_bonus(const struct trivia_rules *r, unsigned streak);

/* Score one answer of a player: points, bonus, streak, time. A missing
 * answer counts the whole time limit. Returns the points earned. */
int trivia_score(const struct trivia_rules *r, struct trivia_player *p, int answered,
		 int correct, int64_t elapsed_ms);

/* Sort players into ranking order (best first) by the rules above. */
void trivia_rank(struct trivia_player *players, size_t n);

/* The rules as players read them before the first question, as r sets
 * them (points, speed, streaks, ties): sentence i (from 0) into buf, a
 * line of its own in either front end.  0 when there is no sentence i. */
int trivia_rules_text(const struct trivia_rules *r, unsigned i, char *buf, size_t len);

#endif
