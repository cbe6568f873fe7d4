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

unsigned stats_percent(uint64_t part, uint64_t whole)
{
	return whole ? (unsigned)((part * 100 + whole / 2) / whole) : 0;
}
