#include "rolecall/trivia.h"

#include <math.h>
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
