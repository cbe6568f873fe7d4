/*
 * Per-pair belief about the confusion rate, followed through time: see
 * evidence.h.  Each pair holds a distribution over a geometric grid of
 * rates (GRID cells, a factor STEP apart, EVIDENCE_CLEAR_LINE falling
 * between two cells), as of its last answer; reading it brings it forward
 * in time.  A grid, not a Beta: learning moves the rate, and a moved Beta
 * is no Beta.
 */
#include "rolecall/evidence.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define GRID 26
#define STEP 1.25
#define FIRST_CONFUSED 15 /* cells at or above the clear line */
#define LAST_BACKGROUND 7 /* the prior's never-confused cells: rates <= 0.02 */

struct cell {
	double w[GRID]; /* as of `at`; sums to 1 */
	int64_t at;
	uint32_t all_misses, all_chances;
};

struct evidence {
	struct history_roles roles;
	struct cell **cells; /* [answer * ROLECALL_MAX_ROLES + picked], NULL: never offered */
};

static double rate(unsigned j)
{
	return EVIDENCE_CLEAR_LINE * pow(STEP, (double)j - (FIRST_CONFUSED - 0.5));
}

static void prior(double *w)
{
	for (unsigned j = 0; j < GRID; j++)
		w[j] = j <= LAST_BACKGROUND ? (1 - EVIDENCE_PRIOR_CONFUSED) / (LAST_BACKGROUND + 1)
		       : j >= FIRST_CONFUSED ? EVIDENCE_PRIOR_CONFUSED / (GRID - FIRST_CONFUSED)
					     : 0;
}

struct evidence *evidence_new(void)
{
	struct evidence *ev = calloc(1, sizeof *ev);

	if (!ev)
		return NULL;
	ev->cells = calloc((size_t)ROLECALL_MAX_ROLES * ROLECALL_MAX_ROLES, sizeof *ev->cells);
	if (!ev->cells) {
		free(ev);
		return NULL;
	}
	return ev;
}

void evidence_free(struct evidence *ev)
{
	if (!ev)
		return;
	history_roles_clear(&ev->roles);
	for (size_t i = 0; i < (size_t)ROLECALL_MAX_ROLES * ROLECALL_MAX_ROLES; i++)
		free(ev->cells[i]);
	free(ev->cells);
	free(ev);
}

/* The pair's cell, made (at the prior) when new; NULL when out of memory. */
static struct cell *cell_for(struct evidence *ev, int a, int p, int64_t now)
{
	struct cell **c = &ev->cells[(size_t)a * ROLECALL_MAX_ROLES + (size_t)p];

	if (!*c && (*c = calloc(1, sizeof **c))) {
		prior((*c)->w);
		(*c)->at = now;
	}
	return *c;
}

/* Time forgets: back toward the prior, half of the way per half-life. */
static void forget(double *w, int64_t at, int64_t now)
{
	double pr[GRID], keep;

	if (now <= at)
		return;
	keep = pow(0.5, (double)(now - at) / 86400.0 / EVIDENCE_HALF_LIFE_DAYS);
	prior(pr);
	for (unsigned j = 0; j < GRID; j++)
		w[j] = keep * w[j] + (1 - keep) * pr[j];
}

static double miss_chance(unsigned j)
{
	return fmin(rate(j) + EVIDENCE_SLIP, 0.99);
}

/* Bayes: a chance of the pair, missed or not. */
static void observe(double *w, int missed)
{
	double sum = 0;

	for (unsigned j = 0; j < GRID; j++)
		sum += w[j] *= missed ? miss_chance(j) : 1 - miss_chance(j);
	for (unsigned j = 0; j < GRID; j++)
		w[j] /= sum;
}

/* Feedback may teach: with EVIDENCE_LEARN_CHANCE the rate becomes rate x
 * factor (a shift down the grid, shared between the two nearest cells),
 * else it stays.  Not for certain: a person who misses a pair time after
 * time has not learned it, and the evidence must be able to say so. */
static void learn(double *w, double factor)
{
	double out[GRID] = { 0 }, d = log(factor) / log(STEP);

	for (unsigned j = 0; j < GRID; j++) {
		double at = fmax(0, (double)j + d), moved = w[j] * EVIDENCE_LEARN_CHANCE;
		unsigned lo = (unsigned)at;
		double frac = at - lo;

		out[j] += w[j] - moved;
		out[lo] += moved * (1 - frac);
		out[lo + 1 < GRID ? lo + 1 : lo] += moved * frac;
	}
	memcpy(w, out, sizeof out);
}

static void add_chance(struct cell *c, int missed, int answered_right, int64_t now)
{
	forget(c->w, c->at, now);
	if (now > c->at)
		c->at = now;
	observe(c->w, missed);
	/* A miss shows the right answer and the pair's contrast; a right answer
	 * confirms the pair apart; a miss of another role says nothing of it. */
	if (missed)
		learn(c->w, 1 - EVIDENCE_LEARN_MISS);
	else if (answered_right)
		learn(c->w, 1 - EVIDENCE_LEARN_HIT);
	c->all_misses += missed != 0;
	c->all_chances++;
}

int evidence_apply(struct evidence *ev, const struct answer_record *rec)
{
	const char *picked = rec->correct ? NULL : answer_record_picked_role(rec);
	int y;

	if (!rec->answer_role)
		return 0;
	if ((y = history_roles_add(&ev->roles, rec->answer_role)) < 0)
		return -1;
	for (unsigned i = 0; i < rec->n_shown; i++) {
		const char *x = answer_record_chance(rec, i);
		struct cell *c;
		int xi;

		if (!x)
			continue;
		if ((xi = history_roles_add(&ev->roles, x)) < 0 ||
		    !(c = cell_for(ev, y, xi, rec->answered_at)))
			return -1;
		/* Another role picked hid this one: its lure may not have been
		 * resisted, so the chance says nothing of it (but is counted). */
		if (picked && strcmp(picked, x)) {
			c->all_chances++;
			continue;
		}
		add_chance(c, picked != NULL, rec->correct, rec->answered_at);
	}
	return 0;
}

int evidence_seed(struct evidence *ev, const struct history *h, int64_t now)
{
	unsigned n = history_role_count(h);

	for (unsigned a = 0; a < n; a++)
		for (unsigned p = 0; p < n; p++) {
			const struct confusion_cell *hc = history_confusion(h, a, p);
			int ea, ep;
			struct cell *c;

			if (a == p || !hc->chances)
				continue;
			ea = history_roles_add(&ev->roles, history_role_id(h, a));
			ep = history_roles_add(&ev->roles, history_role_id(h, p));
			if (ea < 0 || ep < 0 || !(c = cell_for(ev, ea, ep, now)))
				return -1;
			/* The order is lost: misses spread evenly, the rest right. */
			for (uint32_t k = 0; k < hc->chances; k++)
				add_chance(c, (uint64_t)(k + 1) * hc->count / hc->chances >
						      (uint64_t)k * hc->count / hc->chances, 1, now);
		}
	return 0;
}

static double bits(double p)
{
	return p <= 0 || p >= 1 ? 0 : -(p * log2(p) + (1 - p) * log2(1 - p));
}

/* P(confused), and what one more chance would tell about it. */
static void summarise(const double *w, struct pair_seen *out)
{
	double conf = 0, miss = 0, conf_miss = 0;

	for (unsigned j = 0; j < GRID; j++) {
		miss += w[j] * miss_chance(j);
		if (j >= FIRST_CONFUSED) {
			conf += w[j];
			conf_miss += w[j] * miss_chance(j);
		}
	}
	out->confused = conf;
	out->reveal = bits(conf) - miss * bits(conf_miss / miss) -
		      (1 - miss) * bits((conf - conf_miss) / (1 - miss));
}

struct pair_seen evidence_pair(const struct evidence *ev, const char *answer,
			       const char *picked, int64_t now)
{
	int a = history_roles_find(&ev->roles, answer);
	int p = history_roles_find(&ev->roles, picked);
	const struct cell *c = a < 0 || p < 0 ? NULL
				: ev->cells[(size_t)a * ROLECALL_MAX_ROLES + (size_t)p];
	struct pair_seen out = { 0, 0, 0, 0 };
	double w[GRID];

	if (c) {
		memcpy(w, c->w, sizeof w);
		forget(w, c->at, now);
		out.all_misses = c->all_misses;
		out.all_chances = c->all_chances;
	} else {
		prior(w);
	}
	summarise(w, &out);
	return out;
}
