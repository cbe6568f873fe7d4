#include "rolecall/stats.h"

#include <string.h>

struct due_ctx {
	const struct catalog *cat;
	int64_t now;
	struct stats_due *out;
};

static void visit(void *ctx, const struct question_state *qs)
{
	struct due_ctx *c = ctx;
	struct stats_due *o = c->out;

	if (!catalog_find_question(c->cat, qs->id))
		return;
	o->seen++;
	if (qs->card.due <= c->now)
		o->due++;
	if (qs->wrong >= HISTORY_LEECH_MISSES && o->n_leech < STATS_MAX_LEECHES)
		o->leech[o->n_leech++] = qs;
}

void stats_due(const struct history *h, const struct catalog *cat, int64_t now,
	       struct stats_due *out)
{
	struct due_ctx c = { cat, now, out };

	memset(out, 0, sizeof *out);
	history_each_question(h, visit, &c);
}

unsigned stats_top_pairs(const struct history *h, struct stats_pair *out, unsigned max)
{
	unsigned n = history_role_count(h), k = 0;

	for (unsigned a = 0; a < n; a++)
		for (unsigned p = 0; p < n; p++) {
			struct stats_pair x = { a, p, history_confusion_score(h, a, p) };
			unsigned at;

			if (a == p || !history_confusion(h, a, p)->count)
				continue;
			/* Insertion into a short sorted list, worst first. */
			for (at = k; at > 0 && out[at - 1].score < x.score; at--)
				if (at < max)
					out[at] = out[at - 1];
			if (at < max)
				out[at] = x;
			k += k < max;
		}
	return k;
}

/* 1 when role a goes before role b among the weakest. */
static int weaker(const struct role_tally *a, const struct role_tally *b)
{
	/* a->correct / a->asked < b->correct / b->asked, in integers */
	uint64_t left = (uint64_t)a->correct * b->asked, right = (uint64_t)b->correct * a->asked;

	return left != right ? left < right : a->asked > b->asked;
}

static int weaker_role(const struct history *h, unsigned a, unsigned b)
{
	const struct role_tally *x = history_role_tally(h, a), *y = history_role_tally(h, b);

	if (weaker(x, y) || weaker(y, x))
		return weaker(x, y);
	return strcmp(history_role_id(h, a), history_role_id(h, b)) < 0;
}

unsigned stats_weak_roles(const struct history *h, unsigned *out, unsigned max)
{
	unsigned k = 0;

	for (unsigned r = 0; r < history_role_count(h); r++) {
		const struct role_tally *t = history_role_tally(h, r);
		unsigned at;

		if (!t->asked)
			continue;
		/* insertion into a short sorted list, as stats_top_pairs */
		for (at = k; at > 0 && weaker_role(h, r, out[at - 1]); at--)
			if (at < max)
				out[at] = out[at - 1];
		if (at < max)
			out[at] = r;
		k += k < max;
	}
	return k;
}

unsigned stats_percent(uint64_t part, uint64_t whole)
{
	return whole ? (unsigned)((part * 100 + whole / 2) / whole) : 0;
}
