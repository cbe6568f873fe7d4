#include "rolecall/trivia.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int trivia_answer_points(const struct trivia_rules *r, int correct, int64_t elapsed_ms)
{
	double t;

	if (!correct)
		return 0;
	if (!r->speed || r->limit_ms <= 0)
		return (int)r->points;
	t = (double)elapsed_ms / (double)r->limit_ms;
	if (t < 0)
		t = 0;
	if (t > 1)
		t = 1;
	/* Half-up rounding; the product is never negative. */
	return (int)floor(r->points * (1.0 - t / 2.0) + 0.5);
}

int trivia_streak_bonus(const struct trivia_rules *r, unsigned streak)
{
	unsigned bonus;

	if (!r->streak || streak < 2 || r->points == 0)
		return 0;
	bonus = (streak - 1) * TRIVIA_STREAK_STEP;
	return (int)(bonus > TRIVIA_STREAK_CAP ? TRIVIA_STREAK_CAP : bonus);
}

int trivia_score(const struct trivia_rules *r, struct trivia_player *p, int answered,
		 int correct, int64_t elapsed_ms)
{
	int pts;

	correct = answered && correct;
	if (!answered || elapsed_ms > r->limit_ms)
		elapsed_ms = r->limit_ms;
	p->time_ms += elapsed_ms < 0 ? 0 : elapsed_ms;
	if (!correct) {
		p->streak = 0;
		p->last_points = 0;
		return 0;
	}
	p->streak++;
	p->right++;
	pts = trivia_answer_points(r, 1, elapsed_ms) + trivia_streak_bonus(r, p->streak);
	p->score += pts;
	p->last_points = pts;
	return pts;
}

static int cmp_players(const void *a, const void *b)
{
	const struct trivia_player *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->time_ms != y->time_ms)
		return x->time_ms < y->time_ms ? -1 : 1;
	return strcmp(x->name, y->name);
}

void trivia_rank(struct trivia_player *players, size_t n)
{
	qsort(players, n, sizeof *players, cmp_players);
}

static void trivia_points_text(const struct trivia_rules *r, char *buf, size_t len)
{
	if (!r->points)
		snprintf(buf, len, "No points this game: just the answers.");
	else if (r->speed)
		snprintf(buf, len, "A right answer earns %u points at once, down to %u at "
			 "the last of the %" PRId64 " seconds; a wrong or missing answer "
			 "earns 0.", r->points, r->points / 2, r->limit_ms / 1000);
	else
		snprintf(buf, len, "A right answer earns %u points, however long it takes "
			 "within the %" PRId64 " seconds; a wrong or missing answer earns 0.",
			 r->points, r->limit_ms / 1000);
}

int trivia_rules_text(const struct trivia_rules *r, unsigned i, char *buf, size_t len)
{
	/* with no points there is no bonus to speak of */
	if (i >= 1 && !r->points)
		i++;
	switch (i) {
	case 0:
		trivia_points_text(r, buf, len);
		return 1;
	case 1:
		if (r->streak)
			snprintf(buf, len, "Right answers in a row add a streak bonus: +%d for "
				 "the 2nd, +%d for the 3rd, ... up to +%d; a miss resets it.",
				 TRIVIA_STREAK_STEP, 2 * TRIVIA_STREAK_STEP, TRIVIA_STREAK_CAP);
		else
			snprintf(buf, len, "No streak bonus.");
		return 1;
	case 2:
		snprintf(buf, len, "%s", TRIVIA_TIE_RULE);
		return 1;
	default:
		return 0;
	}
}
