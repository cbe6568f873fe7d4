/*
 * rolecall_sim — does rolecall's selection teach faster than going through
 * questions in order?  A simulation with simulated learners.
 *
 * Every learner has, for each ordered pair of roles (true role Y -> role X
 * they would pick), a hidden probability of confusing them.  Five policies
 * teach the same learners from the same banks: random order, BSD `quiz -t`
 * (random order, missed questions asked again), FSRS alone per question,
 * rolecall practice and rolecall drill.  The last two go through the real
 * engine (session_new / session_next / session_answer, with an in-memory
 * history): the engine sees only which option was picked and when, exactly
 * as with a person.  Four reference bounds read the hidden learner, which no
 * program can: they show how far any selection could go; one of them,
 * oracle-still, is issue 20's yardstick.  --population picks one of four
 * learner populations, --seeds pools several seeds.  The learner model
 * is documented in doc/efficacy.md; every parameter is an option (--help)
 * and every run is seeded: the same options give the same output, whatever
 * the number of threads.
 *
 * Output: a table (stdout, and --table FILE as Markdown) and the learning
 * curve (--curve FILE: share of confused pairs cleared after each question,
 * one column per policy) for gnuplot.  bench/sim.sh is the one command.
 */
#include <getopt.h>
#include <glob.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rolecall/bank.h"
#include "rolecall/engine.h"
#include "rolecall/history.h"
#include "rolecall/rng.h"
#include "rolecall/sched.h"

#ifndef QUIZZES_DIR
#define QUIZZES_DIR "quizzes"
#endif

#define SIM_MAX_ROLES 16
#define SIM_MAX_JOBS 64
#define DAY_SECONDS 86400
#define T_START 1800000000LL /* day 0, 09:00 or so; the clock is never read */
#define ANSWER_SECONDS 20    /* time a simulated answer takes */
#define ANSWER_MS 8000       /* reported answer time: under HISTORY_SLOW_MS */
#define NOT_CLEARED UINT_MAX

/* ---- parameters -------------------------------------------------------- */

/* The hidden learner: see doc/efficacy.md, "The learner model". */
struct model {
	unsigned confused_min, confused_max; /* confused pairs per learner */
	double high_min, high_max;           /* their initial probability */
	double low_max;                      /* every other pair: U(0, low_max) */
	double slip;                         /* a random wrong pick, any question */
	double difficulty_effect;            /* p x (1 + e (difficulty - 2)) */
	double learn_miss;                   /* a miss with feedback: p x (1 - a) */
	double learn_contrast;               /* ... and the pair's contrast shown: x (1 - c) */
	double transfer;                     /* the contrast helps the reverse pair: x (1 - t c) */
	double learn_hit;                    /* resisting the lure, confirmed: p x (1 - h) */
	double stability0;                   /* days, before any practice */
	double growth;                       /* S x (1 + g (1 - r)) at each practice */
	double decay;                        /* forgetting curve (1 + F t / S)^-decay */
	double clear_below;                  /* a pair is cleared below this */
};

static const struct model model_defaults = {
	.confused_min = 2, .confused_max = 3,
	.high_min = 0.35, .high_max = 0.75, .low_max = 0.05,
	.slip = 0.02, .difficulty_effect = 0.25,
	.learn_miss = 0.20, .learn_contrast = 0.15, .transfer = 0.5, .learn_hit = 0.05,
	.stability0 = 0.5, .growth = 10.0, .decay = 0.5,
	.clear_below = 0.10,
};

/* The last three are reference bounds, not policies: they read the hidden
 * learner, which no program can. */
enum policy {
	POL_RANDOM, POL_QUIZ_T, POL_FSRS, POL_PRACTICE, POL_DRILL,
	POL_ORACLE_DAY2, POL_ORACLE_PAIRS, POL_ORACLE, POL_ORACLE_STILL, N_POLICIES
};

static const char *const policy_names[N_POLICIES] = {
	"random", "quiz-t", "fsrs", "practice", "drill", "oracle-day2", "oracle-pairs", "oracle",
	"oracle-still",
};
static const char *const policy_titles[N_POLICIES] = {
	"random order", "re-ask missed (quiz -t)", "FSRS alone", "rolecall practice",
	"rolecall drill", "*bound: knows which pairs from day 2*", "*bound: knows which pairs*",
	"*bound: knows every p*",
	"*oracle: asks only still-confused pairs*",
};

struct run {
	unsigned learners; /* in all: per_seed learners under each of seeds seeds */
	unsigned per_seed, seeds;
	unsigned per_day;  /* planned questions per daily session */
	unsigned budget;   /* questions answered per learner and policy */
	unsigned gap_days; /* the retention test */
	unsigned jobs;
	uint64_t seed;
	unsigned policies; /* bit mask */
	const char *curve_path, *table_path;
	const char *row; /* print only a sensitivity-table row with this label */
	int diag;        /* print where rolecall's questions went, by reason */
	const char *target_row; /* print only issue 20's target row, this label */
};

/* ---- the catalog, read-only and shared by every thread ---------------- */

struct world {
	const struct catalog *cat;
	const struct bank **banks;
	size_t n_banks;
	const struct bank_question **qs; /* every question of every bank */
	size_t n_qs;
	unsigned n_roles;
	/* testable[y][x]: some question has answer y and offers x */
	unsigned char testable[SIM_MAX_ROLES][SIM_MAX_ROLES];
	unsigned char contrast[SIM_MAX_ROLES][SIM_MAX_ROLES];
	const struct model *m;
	const struct run *r;
};

/* ---- the learner ------------------------------------------------------- */

struct pair {
	double p0; /* where the confusion returns to when forgotten */
	double q;  /* the confusion right after the last practice */
	double s;  /* days: stability of what was learned */
	int64_t t; /* the last practice */
};

struct learner {
	unsigned n_roles;
	struct pair pair[SIM_MAX_ROLES][SIM_MAX_ROLES];
	unsigned n_confused;
	unsigned char confused[SIM_MAX_ROLES * SIM_MAX_ROLES][2];
	struct rng rng; /* the learner's answers */
};

static uint64_t mix(uint64_t a, uint64_t b, uint64_t c)
{
	struct rng r;

	rng_seed(&r, a ^ (b * 0x9E3779B97F4A7C15ULL) ^ (c * 0xC2B2AE3D27D4EB4FULL));
	return rng_next(&r);
}

static double uniform(struct rng *r, double lo, double hi)
{
	return lo + (hi - lo) * rng_unit(r);
}

/* Learner idx of a run of several seeds is learner idx % per_seed of seed
 * seed + idx / per_seed: one seed gives the same learners as before. */
static uint64_t seed_of(const struct run *r, unsigned idx)
{
	return r->seed + idx / r->per_seed;
}

static void learner_init(struct learner *L, const struct world *w, unsigned idx)
{
	const struct model *m = w->m;
	struct rng r;
	unsigned cand[SIM_MAX_ROLES * SIM_MAX_ROLES], n_cand = 0, k;
	uint64_t seed = seed_of(w->r, idx);

	memset(L, 0, sizeof *L);
	L->n_roles = w->n_roles;
	idx %= w->r->per_seed;
	rng_seed(&r, mix(seed, idx, 1));
	rng_seed(&L->rng, mix(seed, idx, 2));
	for (unsigned y = 0; y < w->n_roles; y++)
		for (unsigned x = 0; x < w->n_roles; x++) {
			struct pair *p = &L->pair[y][x];

			if (x == y)
				continue;
			p->p0 = p->q = uniform(&r, 0, m->low_max);
			p->s = m->stability0;
			p->t = T_START;
			if (w->testable[y][x])
				cand[n_cand++] = y * SIM_MAX_ROLES + x;
		}
	k = m->confused_min + (unsigned)rng_below(&r, m->confused_max - m->confused_min + 1);
	if (k > n_cand)
		k = n_cand;
	rng_shuffle(&r, cand, n_cand);
	for (unsigned i = 0; i < k; i++) {
		unsigned y = cand[i] / SIM_MAX_ROLES, x = cand[i] % SIM_MAX_ROLES;

		L->pair[y][x].p0 = L->pair[y][x].q = uniform(&r, m->high_min, m->high_max);
		L->confused[L->n_confused][0] = (unsigned char)y;
		L->confused[L->n_confused][1] = (unsigned char)x;
		L->n_confused++;
	}
}

/* Share of the learned gap p0 - q still held after `days` (FSRS's curve
 * shape: 0.9 at days == s when decay is 0.5). */
static double held(const struct model *m, double days, double s)
{
	const double f = 19.0 / 81.0;

	return days <= 0 ? 1 : pow(1 + f * days / s, -m->decay);
}

static double pair_days(const struct pair *p, int64_t now)
{
	return now > p->t ? (double)(now - p->t) / DAY_SECONDS : 0;
}

static double confusion(const struct model *m, const struct pair *p, int64_t now)
{
	return p->p0 - (p->p0 - p->q) * held(m, pair_days(p, now), p->s);
}

/* A practice of the pair at `now` that leaves `factor` of its confusion:
 * the confusion drops, and the memory of the distinction grows the more it
 * had faded (spacing). */
static void practise(const struct model *m, struct pair *p, int64_t now, double factor,
		     int grow)
{
	double r = held(m, pair_days(p, now), p->s);

	p->q = confusion(m, p, now) * factor;
	if (grow)
		p->s *= 1 + m->growth * (1 - r);
	p->t = now;
}

static double difficulty_factor(const struct model *m, const struct bank_question *q)
{
	return 1 + m->difficulty_effect * ((double)q->difficulty - 2);
}

static int sim_role(const struct world *w, int role)
{
	return role >= 0 && (unsigned)role < w->n_roles ? role : -1;
}

/* The choice the learner picks.  Each distinct role X shown beside the
 * answer Y lures with p(Y->X); the learner resists all of them with
 * prod(1 - p), else falls for one in proportion to p.  A slip picks any
 * wrong choice. */
static unsigned learner_pick(struct learner *L, const struct world *w,
			     const struct bank_question *q, int64_t now)
{
	const struct model *m = w->m;
	int y = sim_role(w, q->answer_role);
	int lure[BANK_MAX_OPTIONS];
	double pl[BANK_MAX_OPTIONS], none = 1, sum = 0, u;
	unsigned n_lure = 0, n_wrong = q->n_choices - 1, pickc[BANK_MAX_OPTIONS], n_pick = 0;
	int role = -1;

	if (rng_unit(&L->rng) < m->slip) {
		unsigned k = (unsigned)rng_below(&L->rng, n_wrong);

		for (unsigned i = 0; i < q->n_choices; i++)
			if (i != q->correct && k-- == 0)
				return i;
	}
	if (y < 0)
		return q->correct;
	for (unsigned i = 0; i < q->n_choices; i++) {
		int x = sim_role(w, q->choices[i].role), dup = 0;

		if (x < 0 || x == y || i == q->correct)
			continue;
		for (unsigned j = 0; j < n_lure; j++)
			dup |= lure[j] == x;
		if (dup)
			continue;
		lure[n_lure] = x;
		pl[n_lure] = fmin(0.95, confusion(m, &L->pair[y][x], now) * difficulty_factor(m, q));
		none *= 1 - pl[n_lure];
		sum += pl[n_lure];
		n_lure++;
	}
	if (!n_lure || rng_unit(&L->rng) < none || sum <= 0)
		return q->correct;
	u = rng_unit(&L->rng) * sum;
	for (unsigned j = 0; j < n_lure; j++) {
		role = lure[j];
		if (u < pl[j])
			break;
		u -= pl[j];
	}
	for (unsigned i = 0; i < q->n_choices; i++)
		if (i != q->correct && q->choices[i].role == role)
			pickc[n_pick++] = i;
	return pickc[rng_below(&L->rng, n_pick)];
}

/* Feedback after the answer (every policy shows the right answer, the
 * explanation and, on a confusion, the pair's contrast when the bank has
 * one). */
static void learner_feedback(struct learner *L, const struct world *w,
			     const struct bank_question *q, unsigned picked, int64_t now)
{
	const struct model *m = w->m;
	int y = sim_role(w, q->answer_role);
	int x = sim_role(w, q->choices[picked].role);
	unsigned char done[SIM_MAX_ROLES] = { 0 };
	double f = 1 - m->learn_miss;

	if (y < 0)
		return;
	if (picked != q->correct) {
		/* A pick of no role, or of the answer's own role, teaches no pair. */
		if (x < 0 || x == y)
			return;
		if (w->contrast[y][x]) {
			f *= 1 - m->learn_contrast;
			practise(m, &L->pair[x][y], now, 1 - m->transfer * m->learn_contrast, 0);
		}
		practise(m, &L->pair[y][x], now, f, 1);
		return;
	}
	for (unsigned i = 0; i < q->n_choices; i++) {
		int z = sim_role(w, q->choices[i].role);

		if (z < 0 || z == y || done[z])
			continue;
		done[z] = 1;
		practise(m, &L->pair[y][z], now, 1 - m->learn_hit, 1);
	}
}

/* ---- what a run measures ---------------------------------------------- */

struct outcome {
	unsigned clear_at;        /* questions until every pair cleared */
	unsigned n_confused;
	unsigned cleared_end;     /* confused pairs cleared when the budget ends */
	unsigned cleared_gap;     /* ... and gap_days later */
	unsigned cleared_clear_gap; /* gap_days after the first full clear */
};

#define FOUND_DAYS 4
#define N_REASONS 5 /* enum pick_reason */

/* What a question showed the learner (--diag). */
enum shows { SHOWS_USEFUL, SHOWS_CLEARED, SHOWS_REVERSE, SHOWS_OTHER, N_SHOWS };

struct tally {
	uint64_t *pairs;    /* [budget + 1]: confused pairs cleared after k answers */
	uint64_t *learners; /* [budget + 1]: learners fully cleared after k answers */
	/* Until the first full clear: questions asked, and those that showed a
	 * pair still confused (p >= clear_below) the confused way round. */
	uint64_t asked, useful;
	/* rolecall only: confused pairs the engine had seen confused (a miss
	 * counted) at the start of day d + 1. */
	uint64_t found[FOUND_DAYS];
	/* --diag, rolecall only, until the first full clear: questions by the
	 * engine's reason (enum pick_reason) and by what they showed (enum
	 * shows). */
	uint64_t diag[N_REASONS][N_SHOWS];
	/* ... the same, of the learners slower than SLOW_LEARNER questions */
	uint64_t diag_slow[N_REASONS][N_SHOWS], n_slow;
};

#define SLOW_LEARNER 100

struct track {
	const struct world *w;
	struct learner *L;
	struct outcome *out;
	struct tally *tal;
	unsigned answered;
	int64_t last; /* time of the last answer */
};

static unsigned count_cleared(const struct world *w, const struct learner *L, int64_t t)
{
	unsigned n = 0;

	for (unsigned i = 0; i < L->n_confused; i++)
		n += confusion(w->m, &L->pair[L->confused[i][0]][L->confused[i][1]], t) <
		     w->m->clear_below;
	return n;
}

static void track_point(struct track *tr, int64_t now)
{
	unsigned n = count_cleared(tr->w, tr->L, now);
	int all = n == tr->L->n_confused;

	tr->tal->pairs[tr->answered] += n;
	tr->tal->learners[tr->answered] += (unsigned)all;
	if (all && tr->out->clear_at == NOT_CLEARED) {
		tr->out->clear_at = tr->answered;
		tr->out->cleared_clear_gap = count_cleared(
			tr->w, tr->L, now + (int64_t)tr->w->r->gap_days * DAY_SECONDS);
	}
}

/* 1 when q shows a pair the learner still confuses, the confused way round. */
static int useful(const struct track *tr, const struct bank_question *q, int64_t now)
{
	const struct learner *L = tr->L;

	for (unsigned z = 0; z < L->n_confused; z++) {
		unsigned y = L->confused[z][0], x = L->confused[z][1];

		if (q->answer_role != (int)y ||
		    confusion(tr->w->m, &L->pair[y][x], now) < tr->w->m->clear_below)
			continue;
		for (unsigned c = 0; c < q->n_choices; c++)
			if (q->choices[c].role == (int)x)
				return 1;
	}
	return 0;
}

/* --diag: a confused pair still confused the confused way round (useful),
 * else one already cleared, else the reverse of one still confused, else
 * none of the learner's confused pairs. */
static enum shows classify(const struct track *tr, const struct bank_question *q, int64_t now)
{
	const struct learner *L = tr->L;
	enum shows best = SHOWS_OTHER;

	if (useful(tr, q, now))
		return SHOWS_USEFUL;
	for (unsigned z = 0; z < L->n_confused; z++) {
		unsigned y = L->confused[z][0], x = L->confused[z][1];
		int still = confusion(tr->w->m, &L->pair[y][x], now) >= tr->w->m->clear_below;

		for (unsigned c = 0; c < q->n_choices; c++) {
			if (q->answer_role == (int)y && q->choices[c].role == (int)x)
				best = SHOWS_CLEARED;
			else if (still && q->answer_role == (int)x && q->choices[c].role == (int)y &&
				 best == SHOWS_OTHER)
				best = SHOWS_REVERSE;
		}
	}
	return best;
}

/* The learner answers q at `now` and takes in the feedback; returns the
 * choice picked. */
static unsigned ask(struct track *tr, const struct bank_question *q, int64_t now)
{
	unsigned c;

	if (tr->out->clear_at == NOT_CLEARED) {
		tr->tal->asked++;
		tr->tal->useful += (unsigned)useful(tr, q, now);
	}
	c = learner_pick(tr->L, tr->w, q, now);
	learner_feedback(tr->L, tr->w, q, c, now);
	tr->answered++;
	tr->last = now;
	track_point(tr, now);
	return c;
}

static int budget_left(const struct track *tr)
{
	return tr->answered < tr->w->r->budget;
}

static int64_t day_start(unsigned day)
{
	return T_START + (int64_t)day * DAY_SECONDS;
}

/* ---- baselines: run by the simulator over the same questions ---------- */

static void policy_random(struct track *tr, uint64_t seed)
{
	const struct world *w = tr->w;
	size_t n = w->n_qs, at = n;
	unsigned *deck = malloc(n * sizeof *deck);
	struct rng r;

	if (!deck)
		abort();
	rng_seed(&r, seed);
	for (unsigned day = 0; budget_left(tr); day++) {
		int64_t now = day_start(day);

		for (unsigned k = 0; k < w->r->per_day && budget_left(tr); k++) {
			if (at == n) {
				for (size_t i = 0; i < n; i++)
					deck[i] = (unsigned)i;
				rng_shuffle(&r, deck, (unsigned)n);
				at = 0;
			}
			ask(tr, w->qs[deck[at++]], now);
			now += ANSWER_SECONDS;
		}
	}
	free(deck);
}

/*
 * BSD quiz(6) -t, as games/quiz/quiz.c does it: draw a random index, walk
 * forward to the first question not yet answered right; in tutorial mode,
 * 79 times in 100 walk on to the first question asked but missed (none
 * there: draw again).  A right answer retires a question; a miss keeps it.
 * quiz keeps nothing between runs: each day is a new run, and the learner
 * stops after the day's planned questions plus one more per miss.
 */
static void policy_quiz_t(struct track *tr, uint64_t seed)
{
	const struct world *w = tr->w;
	size_t n = w->n_qs;
	unsigned char *asked = malloc(n), *answered = malloc(n);
	struct rng r;

	if (!asked || !answered)
		abort();
	rng_seed(&r, seed);
	for (unsigned day = 0; budget_left(tr); day++) {
		int64_t now = day_start(day);
		unsigned target = w->r->per_day, done = 0;
		size_t qsize = n;

		memset(asked, 0, n);
		memset(answered, 0, n);
		while (done < target && budget_left(tr) && qsize > 0) {
			size_t next = (size_t)rng_below(&r, qsize), i = next;

			while (i < n && answered[i])
				i++;
			if (i == n) {
				qsize = next;
				continue;
			}
			if (rng_below(&r, 100) > 20) {
				while (i < n && (!asked[i] || answered[i]))
					i++;
				if (i == n)
					continue;
			}
			asked[i] = 1;
			if (ask(tr, w->qs[i], now) == w->qs[i]->correct)
				answered[i] = 1;
			else if (target < 2 * w->r->per_day)
				target++;
			done++;
			now += ANSWER_SECONDS;
		}
	}
	free(asked);
	free(answered);
}

/* Due cards, least retrievable first; then a new card; then the card
 * closest to being forgotten.  -1 when every card was used today. */
static long fsrs_pick(const struct fsrs_card *card, const unsigned char *used, size_t n,
		      const unsigned *order, size_t *next_new, int64_t now)
{
	long pick = -1;
	double best = 2;

	for (size_t i = 0; i < n; i++) {
		double ret;

		if (used[i] || !card[i].reps || card[i].due > now)
			continue;
		ret = fsrs_retrievability(&fsrs_default_params, &card[i], now);
		if (ret < best) {
			best = ret;
			pick = (long)i;
		}
	}
	if (pick >= 0)
		return pick;
	while (*next_new < n) {
		unsigned i = order[(*next_new)++];

		if (!card[i].reps && !used[i])
			return (long)i;
	}
	for (size_t i = 0; i < n; i++) {
		double ret;

		if (used[i])
			continue;
		ret = fsrs_retrievability(&fsrs_default_params, &card[i], now);
		if (ret < best) {
			best = ret;
			pick = (long)i;
		}
	}
	return pick;
}

/*
 * FSRS alone: one FSRS card per question, graded as rolecall grades (miss =
 * Again, right = Good).  Each day: the due cards, least retrievable first;
 * then new cards in random order; with neither, the card closest to being
 * forgotten.  A miss comes back SESSION_REASK_GAP questions later (at most
 * SESSION_MAX_REASKS times), as in rolecall's sessions, so the only
 * difference from rolecall practice is which question is chosen.
 */
static void policy_fsrs(struct track *tr, uint64_t seed)
{
	const struct world *w = tr->w;
	size_t n = w->n_qs, next_new = 0;
	struct fsrs_card *card = calloc(n, sizeof *card);
	unsigned *order = malloc(n * sizeof *order), *reasks = calloc(n, sizeof *reasks);
	unsigned char *used = malloc(n);
	struct { size_t q; unsigned at; } pend[64];
	struct rng r;

	if (!card || !order || !reasks || !used)
		abort();
	rng_seed(&r, seed);
	for (size_t i = 0; i < n; i++)
		order[i] = (unsigned)i;
	rng_shuffle(&r, order, (unsigned)n);
	for (unsigned day = 0; budget_left(tr); day++) {
		int64_t now = day_start(day);
		unsigned planned = 0, shown = 0, n_pend = 0;

		memset(used, 0, n);
		memset(reasks, 0, n * sizeof *reasks);
		while (budget_left(tr)) {
			long pick = -1;
			unsigned k;

			for (k = 0; k < n_pend && pick < 0; k++)
				if (pend[k].at <= shown || planned == w->r->per_day)
					pick = (long)pend[k].q;
			if (pick >= 0) {
				k--;
				memmove(&pend[k], &pend[k + 1], (n_pend - k - 1) * sizeof *pend);
				n_pend--;
			} else if (planned < w->r->per_day) {
				pick = fsrs_pick(card, used, n, order, &next_new, now);
				if (pick < 0)
					break;
				used[pick] = 1;
				planned++;
			} else {
				break;
			}
			shown++;
			{
				const struct bank_question *q = w->qs[pick];
				int right = ask(tr, q, now) == q->correct;

				fsrs_review(&fsrs_default_params, &card[pick],
					    right ? FSRS_GOOD : FSRS_AGAIN, now);
				if (!right && reasks[pick] < SESSION_MAX_REASKS && n_pend < 64) {
					reasks[pick]++;
					pend[n_pend].q = (size_t)pick;
					pend[n_pend++].at = shown + SESSION_REASK_GAP;
				}
			}
			now += ANSWER_SECONDS;
		}
	}
	free(card);
	free(order);
	free(reasks);
	free(used);
}

/* ---- reference bounds: they read the hidden learner ------------------- */

enum knows { KNOWS_PAIRS_DAY2, KNOWS_PAIRS, KNOWS_P, KNOWS_STILL };

/* What the bound's rule makes of q; p: every pair's confusion now, above:
 * some pair is still above the cleared line, seen: the confused pairs'
 * questions today. */
static double oracle_value(const struct world *w, const struct learner *L,
			   const struct bank_question *q, enum knows knows,
			   double p[SIM_MAX_ROLES][SIM_MAX_ROLES], int above, const unsigned *seen)
{
	int y = sim_role(w, q->answer_role);
	double v = 0;

	for (unsigned c = 0; y >= 0 && c < q->n_choices; c++) {
		int x = sim_role(w, q->choices[c].role), dup = 0;

		if (x < 0 || x == y)
			continue;
		for (unsigned j = 0; j < c; j++)
			dup |= q->choices[j].role == x;
		if (dup)
			continue;
		if (knows == KNOWS_P && (!above || p[y][x] >= w->m->clear_below))
			v += p[y][x];
		for (unsigned z = 0; knows != KNOWS_P && z < L->n_confused; z++) {
			double share = 1.0 / (1 + seen[z]);

			if (L->confused[z][0] != y || L->confused[z][1] != x)
				continue;
			/* KNOWS_STILL: only a pair still confused counts; once every
			 * pair is cleared, the cleared ones, to keep them so. */
			if (knows == KNOWS_STILL && p[y][x] < w->m->clear_below)
				share *= above ? 0 : 1;
			v += share;
		}
	}
	return v;
}

/*
 * Greedy, no re-asks, the day's planned questions each day.  KNOWS_P
 * ("oracle") knows every pair's confusion right now and asks the question
 * whose options hold the most confusion still above the cleared line (when
 * everything is cleared: the most confusion).  KNOWS_PAIRS ("oracle-pairs")
 * knows only which pairs the learner confuses, from the first question on,
 * and shares each day's questions out evenly over them, as drill does over
 * the pairs it found.  KNOWS_PAIRS_DAY2 ("oracle-day2") asks random
 * questions on the first day and knows the pairs from the second: what
 * finding every confusion in one day, for free, would give.  KNOWS_STILL
 * ("oracle-still", issue 20's oracle) sees the hidden state and asks only
 * questions that test a pair still confused, the confused way round, shared
 * out evenly over those pairs.
 */
static void policy_oracle(struct track *tr, uint64_t seed, enum knows knows)
{
	const struct world *w = tr->w;
	const struct learner *L = tr->L;
	size_t n = w->n_qs;
	unsigned char *used = malloc(n);
	double p[SIM_MAX_ROLES][SIM_MAX_ROLES];
	struct rng r;

	if (!used)
		abort();
	rng_seed(&r, seed);
	for (unsigned day = 0; budget_left(tr); day++) {
		int64_t now = day_start(day);
		unsigned seen[SIM_MAX_ROLES * SIM_MAX_ROLES] = { 0 };

		memset(used, 0, n);
		for (unsigned k = 0; k < w->r->per_day && budget_left(tr); k++) {
			long best = -1;
			double best_v = -1;
			int above = 0;

			for (unsigned y = 0; y < w->n_roles; y++)
				for (unsigned x = 0; x < w->n_roles; x++) {
					p[y][x] = x == y ? 0 : confusion(w->m, &L->pair[y][x], now);
					above |= p[y][x] >= w->m->clear_below;
				}
			for (size_t i = 0; i < n; i++) {
				double v = rng_unit(&r) * 1e-9;

				if (used[i])
					continue;
				if (!(knows == KNOWS_PAIRS_DAY2 && day == 0))
					v += oracle_value(w, L, w->qs[i], knows, p, above, seen);
				if (v > best_v) {
					best_v = v;
					best = (long)i;
				}
			}
			used[best] = 1;
			for (unsigned z = 0; z < L->n_confused; z++)
				if (w->qs[best]->answer_role == L->confused[z][0])
					for (unsigned c = 0; c < w->qs[best]->n_choices; c++)
						if (w->qs[best]->choices[c].role == L->confused[z][1]) {
							seen[z]++;
							break;
						}
			ask(tr, w->qs[best], now);
			now += ANSWER_SECONDS;
		}
	}
	free(used);
}

/* ---- rolecall: the real engine, fed only the learner's picks ----------- */

/* How many of the learner's confused pairs the history shows confused at
 * least once (measurement only: the engine never sees the learner). */
static unsigned found(const struct world *w, const struct learner *L, const struct history *h)
{
	unsigned n = 0;

	for (unsigned z = 0; z < L->n_confused; z++) {
		int a = history_role_find(h, catalog_role(w->cat, L->confused[z][0])->id);
		int p = history_role_find(h, catalog_role(w->cat, L->confused[z][1])->id);

		n += a >= 0 && p >= 0 && history_confusion(h, (unsigned)a, (unsigned)p)->count > 0;
	}
	return n;
}

static void policy_engine(struct track *tr, enum session_mode mode, uint64_t seed)
{
	const struct world *w = tr->w;
	struct history *h = history_new();
	/* What the binary replays from the answer log before a drill. */
	struct evidence *ev = evidence_new();
	uint64_t diag[N_REASONS][N_SHOWS] = { { 0 } };

	if (!h || !ev)
		abort();
	for (unsigned day = 0; budget_left(tr); day++) {
		struct session_config cfg = {
			.mode = mode, .banks = w->banks, .n_banks = w->n_banks,
			.count = w->r->per_day, .seed = mix(seed, day, 3), .now = day_start(day),
			.evidence = mode == MODE_DRILL ? ev : NULL,
		};
		int64_t now = day_start(day);
		const struct shown_question *sq;
		struct session *s;
		struct rc_error err;

		if (day >= 1 && day <= FOUND_DAYS)
			tr->tal->found[day - 1] += found(w, tr->L, h);
		if (session_new(w->cat, h, &cfg, &s, &err) < 0) {
			fprintf(stderr, "rolecall_sim: %s\n", err.msg);
			exit(1);
		}
		while (budget_left(tr) && (sq = session_next(s))) {
			struct answer_result res;
			int pos = -1;
			unsigned c;

			if (tr->out->clear_at == NOT_CLEARED && (unsigned)sq->reason < N_REASONS)
				diag[sq->reason][classify(tr, sq->q, now)]++;
			c = ask(tr, sq->q, now);

			for (unsigned i = 0; i < sq->n_options; i++)
				if (sq->order[i] == c)
					pos = (int)i;
			if (session_answer(s, pos, ANSWER_MS, now, &res, &err) < 0) {
				fprintf(stderr, "rolecall_sim: %s\n", err.msg);
				exit(1);
			}
			now += ANSWER_SECONDS;
		}
		session_free(s);
	}
	for (unsigned a = 0; a < N_REASONS; a++)
		for (unsigned b = 0; b < N_SHOWS; b++) {
			tr->tal->diag[a][b] += diag[a][b];
			if (tr->out->clear_at == NOT_CLEARED || tr->out->clear_at >= SLOW_LEARNER)
				tr->tal->diag_slow[a][b] += diag[a][b];
		}
	tr->tal->n_slow += tr->out->clear_at == NOT_CLEARED || tr->out->clear_at >= SLOW_LEARNER;
	history_free(h);
	evidence_free(ev);
}

/* ---- running everything ------------------------------------------------ */

struct job {
	const struct world *w;
	unsigned first, step;
	struct outcome *out;         /* [policy][learner] */
	struct tally tal[N_POLICIES];
};

static void run_one(const struct world *w, unsigned idx, enum policy pol,
		    struct outcome *out, struct tally *tal)
{
	struct learner L;
	struct track tr = { w, &L, out, tal, 0, T_START };
	uint64_t seed = mix(seed_of(w->r, idx), idx % w->r->per_seed, 100 + (uint64_t)pol);
	int64_t end;

	learner_init(&L, w, idx);
	memset(out, 0, sizeof *out);
	out->clear_at = NOT_CLEARED;
	out->n_confused = L.n_confused;
	track_point(&tr, T_START);
	switch (pol) {
	case POL_RANDOM: policy_random(&tr, seed); break;
	case POL_QUIZ_T: policy_quiz_t(&tr, seed); break;
	case POL_FSRS: policy_fsrs(&tr, seed); break;
	case POL_PRACTICE: policy_engine(&tr, MODE_PRACTICE, seed); break;
	case POL_DRILL: policy_engine(&tr, MODE_DRILL, seed); break;
	case POL_ORACLE_DAY2: policy_oracle(&tr, seed, KNOWS_PAIRS_DAY2); break;
	case POL_ORACLE_PAIRS: policy_oracle(&tr, seed, KNOWS_PAIRS); break;
	case POL_ORACLE_STILL: policy_oracle(&tr, seed, KNOWS_STILL); break;
	default: policy_oracle(&tr, seed, KNOWS_P); break;
	}
	/* The gap is counted from the last answer. */
	end = tr.last;
	for (unsigned i = 0; i < L.n_confused; i++) {
		const struct pair *p = &L.pair[L.confused[i][0]][L.confused[i][1]];
		int now_ok = confusion(w->m, p, end) < w->m->clear_below;
		int gap_ok = confusion(w->m, p, end + (int64_t)w->r->gap_days * DAY_SECONDS) <
			     w->m->clear_below;

		out->cleared_end += (unsigned)now_ok;
		out->cleared_gap += (unsigned)gap_ok;
	}
}

static void *worker(void *arg)
{
	struct job *j = arg;
	const struct world *w = j->w;

	for (unsigned i = j->first; i < w->r->learners; i += j->step)
		for (unsigned p = 0; p < N_POLICIES; p++)
			if (w->r->policies & (1u << p))
				run_one(w, i, (enum policy)p, &j->out[(size_t)p * w->r->learners + i],
					&j->tal[p]);
	return NULL;
}

/* ---- reporting --------------------------------------------------------- */

static int cmp_uint(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

	return (x > y) - (x < y);
}

/* Nearest-rank quantile; NOT_CLEARED when it falls on a learner not cleared
 * within the budget. */
static unsigned quantile(const unsigned *sorted, unsigned n, double p)
{
	unsigned k = (unsigned)ceil(p * n);

	return sorted[k ? k - 1 : 0];
}

struct summary {
	unsigned median, p90, n_cleared;
	double share_end, share_gap, share_clear_gap;
};

static void summarise(const struct world *w, const struct outcome *o, struct summary *s)
{
	unsigned n = w->r->learners, *v = malloc(n * sizeof *v);
	unsigned long conf = 0, end = 0, gap = 0, cg = 0, cg_n = 0;

	if (!v)
		abort();
	memset(s, 0, sizeof *s);
	for (unsigned i = 0; i < n; i++) {
		v[i] = o[i].clear_at;
		s->n_cleared += o[i].clear_at != NOT_CLEARED;
		conf += o[i].n_confused;
		end += o[i].cleared_end;
		gap += o[i].cleared_gap;
		if (o[i].clear_at != NOT_CLEARED) {
			cg += o[i].cleared_clear_gap;
			cg_n += o[i].n_confused;
		}
	}
	qsort(v, n, sizeof *v, cmp_uint);
	s->median = quantile(v, n, 0.5);
	s->p90 = quantile(v, n, 0.9);
	s->share_end = conf ? (double)end / (double)conf : 0;
	s->share_gap = conf ? (double)gap / (double)conf : 0;
	s->share_clear_gap = cg_n ? (double)cg / (double)cg_n : 0;
	free(v);
}

static void fmt_q(char *buf, size_t len, unsigned v, unsigned budget)
{
	if (v == NOT_CLEARED)
		snprintf(buf, len, "> %u", budget);
	else
		snprintf(buf, len, "%u", v);
}

static void fmt_ratio(char *buf, size_t len, unsigned a, unsigned b)
{
	if (a == NOT_CLEARED || b == NOT_CLEARED || b == 0)
		snprintf(buf, len, "n/a");
	else
		snprintf(buf, len, "%.0f%%", 100.0 * a / b);
}

static int has(const struct run *r, enum policy p)
{
	return (r->policies & (1u << p)) != 0;
}

static void print_table(FILE *f, const struct world *w, const struct summary *sum)
{
	const struct run *r = w->r;
	const struct summary *rnd = has(r, POL_RANDOM) ? &sum[POL_RANDOM] : NULL;
	const struct summary *fs = has(r, POL_FSRS) ? &sum[POL_FSRS] : NULL;

	fprintf(f, "| policy | questions to clear: median | p90 | cleared within %u | "
		   "median / random | p90 / random | median / FSRS | p90 / FSRS | "
		   "pairs cleared at the end | %u days later | %u days after the first clear |\n",
		r->budget, r->gap_days, r->gap_days);
	fprintf(f, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
	for (unsigned p = 0; p < N_POLICIES; p++) {
		const struct summary *s = &sum[p];
		char med[32], p90[32], r1[16], r2[16], r3[16], r4[16];

		if (!has(r, (enum policy)p))
			continue;
		fmt_q(med, sizeof med, s->median, r->budget);
		fmt_q(p90, sizeof p90, s->p90, r->budget);
		fmt_ratio(r1, sizeof r1, s->median, rnd ? rnd->median : NOT_CLEARED);
		fmt_ratio(r2, sizeof r2, s->p90, rnd ? rnd->p90 : NOT_CLEARED);
		fmt_ratio(r3, sizeof r3, s->median, fs ? fs->median : NOT_CLEARED);
		fmt_ratio(r4, sizeof r4, s->p90, fs ? fs->p90 : NOT_CLEARED);
		fprintf(f, "| %s | %s | %s | %.1f%% | %s | %s | %s | %s | %.1f%% | %.1f%% | %.1f%% |\n",
			policy_titles[p], med, p90, 100.0 * s->n_cleared / r->learners, r1, r2,
			r3, r4, 100 * s->share_end, 100 * s->share_gap, 100 * s->share_clear_gap);
	}
}

/* The targets: the drill clears in at most 50% of the questions
 * random order needs and 75% of what FSRS alone needs (median and p90),
 * without worse retention after the gap. */
static void print_verdict(FILE *f, const struct world *w, const struct summary *sum)
{
	const struct summary *d = &sum[POL_DRILL], *rnd = &sum[POL_RANDOM], *fs = &sum[POL_FSRS];
	const struct run *r = w->r;
	struct {
		const char *what;
		unsigned a, b;
		double limit;
	} t[4] = {
		{ "median vs random", d->median, rnd->median, 0.50 },
		{ "p90 vs random", d->p90, rnd->p90, 0.50 },
		{ "median vs FSRS", d->median, fs->median, 0.75 },
		{ "p90 vs FSRS", d->p90, fs->p90, 0.75 },
	};

	if (!has(r, POL_DRILL) || !has(r, POL_RANDOM) || !has(r, POL_FSRS))
		return;
	for (unsigned i = 0; i < 4; i++) {
		int known = t[i].a != NOT_CLEARED && t[i].b != NOT_CLEARED;
		double ratio = known ? (double)t[i].a / t[i].b : 0;

		fprintf(f, "target: drill %s <= %.0f%%: ", t[i].what, 100 * t[i].limit);
		if (known)
			fprintf(f, "%.0f%%, %s\n", 100 * ratio, ratio <= t[i].limit ? "met" : "MISSED");
		else
			fprintf(f, "not measurable within the budget\n");
	}
	fprintf(f, "target: retention %u days after the budget, drill %.1f%% vs random %.1f%%, "
		   "FSRS %.1f%%: %s\n",
		r->gap_days, 100 * d->share_gap, 100 * rnd->share_gap, 100 * fs->share_gap,
		d->share_gap >= rnd->share_gap && d->share_gap >= fs->share_gap ? "not worse"
										 : "WORSE");
}

/* Where the questions went, and how fast rolecall found the confusions. */
static void print_where(FILE *f, const struct world *w, const struct tally *tal)
{
	const struct run *r = w->r;

	fprintf(f, "Questions, until the first clear, that showed a still-confused pair the "
		   "confused way round:");
	for (unsigned p = 0; p < N_POLICIES; p++)
		if (has(r, (enum policy)p) && tal[p].asked)
			fprintf(f, " %s %.0f%%;", policy_names[p],
				100.0 * (double)tal[p].useful / (double)tal[p].asked);
	fputc('\n', f);
	for (unsigned p = POL_PRACTICE; p <= POL_DRILL; p++) {
		if (!has(r, (enum policy)p) || !tal[p].pairs[r->budget + 1])
			continue;
		fprintf(f, "Confused pairs rolecall %s had seen confused, at the start of day",
			policy_names[p]);
		for (unsigned d = 0; d < FOUND_DAYS; d++)
			fprintf(f, " %u: %.1f%%;", d + 2,
				100.0 * (double)tal[p].found[d] / (double)tal[p].pairs[r->budget + 1]);
		fputc('\n', f);
	}
}

static void print_diag_rows(FILE *f, const uint64_t rows[N_REASONS][N_SHOWS], uint64_t per)
{
	static const char *const reasons[N_REASONS] = { "new", "due", "weak", "re-ask",
							 "review" };

	for (unsigned a = 0; a < N_REASONS; a++) {
		uint64_t n = 0;

		for (unsigned b = 0; b < N_SHOWS; b++)
			n += rows[a][b];
		if (!n)
			continue;
		fprintf(f, "  %-7s %6.1f:", reasons[a], (double)n / (double)per);
		for (unsigned b = 0; b < N_SHOWS; b++)
			fprintf(f, " %6.1f", (double)rows[a][b] / (double)per);
		fputc('\n', f);
	}
}

/* --diag: rolecall's questions until the first clear, by the engine's
 * reason and by what they showed; per learner, and per learner among the
 * slow ones. */
static void print_diag(FILE *f, const struct world *w, const struct tally *tal)
{
	const struct run *r = w->r;

	for (unsigned p = POL_PRACTICE; p <= POL_DRILL; p++) {
		if (!has(r, (enum policy)p))
			continue;
		fprintf(f, "diag %s, questions per learner until the first clear "
			   "(all / useful / cleared pair / reverse / other):\n", policy_names[p]);
		print_diag_rows(f, tal[p].diag, r->learners);
		if (!tal[p].n_slow)
			continue;
		fprintf(f, "  the %" PRIu64 " learners cleared after %u questions or never:\n",
			tal[p].n_slow, SLOW_LEARNER);
		print_diag_rows(f, tal[p].diag_slow, tal[p].n_slow);
	}
}

/* One line of the sensitivity table (bench/sim.sh): random, FSRS and drill
 * under one variant of the model. */
static void print_row(FILE *f, const struct world *w, const struct summary *sum,
		      const char *label)
{
	const struct summary *d = &sum[POL_DRILL], *rnd = &sum[POL_RANDOM], *fs = &sum[POL_FSRS];
	char a[8][32];

	fmt_q(a[0], sizeof a[0], rnd->median, w->r->budget);
	fmt_q(a[1], sizeof a[1], rnd->p90, w->r->budget);
	fmt_q(a[2], sizeof a[2], fs->median, w->r->budget);
	fmt_q(a[3], sizeof a[3], fs->p90, w->r->budget);
	fmt_q(a[4], sizeof a[4], d->median, w->r->budget);
	fmt_q(a[5], sizeof a[5], d->p90, w->r->budget);
	fmt_ratio(a[6], sizeof a[6], d->median, rnd->median);
	fmt_ratio(a[7], sizeof a[7], d->p90, rnd->p90);
	fprintf(f, "| %s | %s / %s | %s / %s | %s / %s | %s / %s", label, a[0], a[1], a[2], a[3],
		a[4], a[5], a[6], a[7]);
	fmt_ratio(a[6], sizeof a[6], d->median, fs->median);
	fmt_ratio(a[7], sizeof a[7], d->p90, fs->p90);
	fprintf(f, " | %s / %s | %.0f%% / %.0f%% / %.0f%% |\n", a[6], a[7], 100 * rnd->share_gap,
		100 * fs->share_gap, 100 * d->share_gap);
}

static void pass_ratio(FILE *f, unsigned a, unsigned b, double limit)
{
	if (a == NOT_CLEARED || b == NOT_CLEARED || b == 0)
		fprintf(f, " | n/a FAIL");
	else
		fprintf(f, " | %.2f %s", (double)a / b, (double)a / b <= limit ? "PASS" : "FAIL");
}

/* Issue 20's targets, one population a line (bench/sim.sh): the drill at
 * most 1.3 times the oracle's questions and 0.5 times random order's,
 * median and p90, and at least FSRS alone's share of pairs still cleared
 * gap_days after the last session. */
static void print_target_row(FILE *f, const struct world *w, const struct summary *sum,
			     const char *label)
{
	const struct summary *d = &sum[POL_DRILL], *rnd = &sum[POL_RANDOM];
	const struct summary *fs = &sum[POL_FSRS], *o = &sum[POL_ORACLE_STILL];
	const struct summary *col[3] = { o, rnd, d };

	fprintf(f, "| %s", label);
	for (unsigned i = 0; i < 3; i++) {
		char a[32], b[32];

		fmt_q(a, sizeof a, col[i]->median, w->r->budget);
		fmt_q(b, sizeof b, col[i]->p90, w->r->budget);
		fprintf(f, " | %s / %s", a, b);
	}
	pass_ratio(f, d->median, o->median, 1.3);
	pass_ratio(f, d->p90, o->p90, 1.3);
	pass_ratio(f, d->median, rnd->median, 0.5);
	pass_ratio(f, d->p90, rnd->p90, 0.5);
	fprintf(f, " | %.1f%% / %.1f%% %s |\n", 100 * d->share_gap, 100 * fs->share_gap,
		d->share_gap >= fs->share_gap ? "PASS" : "FAIL");
}

static void print_model(FILE *f, const struct world *w)
{
	const struct model *m = w->m;
	const struct run *r = w->r;

	if (r->seeds > 1)
		fprintf(f, "%u seeds from %" PRIu64 ", %u learners each: ", r->seeds, r->seed,
			r->per_seed);
	fprintf(f, "%u learners, seed %" PRIu64 ", %zu banks, %zu questions, %u roles; "
		   "%u planned questions a day, budget %u questions, gap %u days.\n",
		r->learners, r->seed, w->n_banks, w->n_qs, w->n_roles, r->per_day, r->budget,
		r->gap_days);
	fprintf(f, "Model: %u-%u confused pairs at U(%.2f, %.2f), others U(0, %.2f); slip %.2f; "
		   "difficulty effect %.2f; miss %.2f, contrast %.2f, transfer %.2f, hit %.2f; "
		   "stability %.1f d, growth %.1f, decay %.2f; cleared below %.2f.\n",
		m->confused_min, m->confused_max, m->high_min, m->high_max, m->low_max, m->slip,
		m->difficulty_effect, m->learn_miss, m->learn_contrast, m->transfer, m->learn_hit,
		m->stability0, m->growth, m->decay, m->clear_below);
}

/* A policy's title without the Markdown emphasis of the bounds. */
static void put_title(FILE *f, enum policy p)
{
	for (const char *c = policy_titles[p]; *c; c++)
		if (*c != '*')
			fputc(*c, f);
}

/* Tab-separated: a header line of titles, then one line per number of
 * questions answered: the share (%) of confused pairs cleared under each
 * policy, then the share of learners with every pair cleared. */
static int write_curve(const char *path, const struct world *w, struct tally *tal)
{
	const struct run *r = w->r;
	FILE *f = fopen(path, "w");

	if (!f) {
		perror(path);
		return -1;
	}
	fprintf(f, "questions");
	for (unsigned round = 0; round < 2; round++)
		for (unsigned p = 0; p < N_POLICIES; p++)
			if (has(r, (enum policy)p)) {
				fputc('\t', f);
				put_title(f, (enum policy)p);
			}
	fputc('\n', f);
	for (unsigned k = 0; k <= r->budget; k++) {
		fprintf(f, "%u", k);
		for (unsigned p = 0; p < N_POLICIES; p++)
			if (has(r, (enum policy)p))
				fprintf(f, "\t%.3f", 100.0 * (double)tal[p].pairs[k] /
							     (double)tal[p].pairs[r->budget + 1]);
		for (unsigned p = 0; p < N_POLICIES; p++)
			if (has(r, (enum policy)p))
				fprintf(f, "\t%.3f", 100.0 * (double)tal[p].learners[k] / r->learners);
		fputc('\n', f);
	}
	return fclose(f);
}

/* ---- options ----------------------------------------------------------- */

static void usage(FILE *f)
{
	fprintf(f,
		"usage: rolecall_sim [options] [BANK.yaml ...]\n"
		"Simulated learners taught by five policies, beside four bounds that read\n"
		"the hidden learner; see doc/efficacy.md.\n"
		"Without banks, loads " QUIZZES_DIR "/*.yaml.\n\n"
		"run:\n"
		"  --learners N        learners (1000)\n"
		"  --seed N            seed (1)\n"
		"  --per-day N         planned questions per daily session (15)\n"
		"  --budget N          questions answered per learner and policy (300)\n"
		"  --gap-days N        retention test gap (30)\n"
		"  --policies LIST     comma-separated, of random,quiz-t,fsrs,practice,drill,\n"
		"                      oracle-day2,oracle-pairs,oracle,oracle-still (all)\n"
		"  --jobs N            threads (2)\n"
		"  --curve FILE        write the learning curves (tab-separated)\n"
		"  --table FILE        write the table (Markdown)\n"
		"  --row LABEL         print only one sensitivity-table row (needs random,\n"
		"                      fsrs and drill)\n"
		"  --diag              also print where rolecall's questions went, by reason\n"
		"  --seeds N           pool N seeds (seed, seed + 1...), --learners each (1)\n"
		"  --target-row LABEL  print only issue 20's target row (needs random, fsrs,\n"
		"                      drill and oracle-still)\n"
		"learner model:\n"
		"  --confused-min N --confused-max N   confused pairs per learner (2, 3)\n"
		"  --high-min P --high-max P           their confusion probability (0.35, 0.75)\n"
		"  --low-max P                         every other pair, U(0, P) (0.05)\n"
		"  --slip P                            random wrong pick (0.02)\n"
		"  --difficulty-effect E               p x (1 + E (difficulty - 2)) (0.25)\n"
		"  --learn-miss A                      a miss with feedback: p x (1 - A) (0.20)\n"
		"  --learn-contrast C                  contrast shown: also x (1 - C) (0.15)\n"
		"  --transfer T                        reverse pair x (1 - T C) (0.5)\n"
		"  --learn-hit H                       right beside the lure: p x (1 - H) (0.05)\n"
		"  --stability S                       days, before practice (0.5)\n"
		"  --growth G                          S x (1 + G (1 - held)) per practice (10)\n"
		"  --decay D                           held = (1 + 19/81 t/S)^-D (0.5)\n"
		"  --clear-below P                     cleared threshold (0.10)\n"
		"  --population NAME                   default; mild (2-3 pairs, U(0.2, 0.4));\n"
		"                                      severe (3-4 pairs, U(0.55, 0.9), miss and\n"
		"                                      contrast 0.10); many (4-6 pairs).  Set\n"
		"                                      first: later options change it\n");
}

static int parse_policies(const char *s, unsigned *mask)
{
	char buf[256], *save = NULL, *tok;

	snprintf(buf, sizeof buf, "%s", s);
	*mask = 0;
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		unsigned p;

		for (p = 0; p < N_POLICIES && strcmp(tok, policy_names[p]); p++)
			;
		if (p == N_POLICIES)
			return -1;
		*mask |= 1u << p;
	}
	return *mask ? 0 : -1;
}

static int num(const char *name, const char *s, double lo, double hi, double *out)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || *end || !(v >= lo && v <= hi)) {
		fprintf(stderr, "rolecall_sim: --%s wants a number in [%g, %g], not '%s'\n", name,
			lo, hi, s);
		return -1;
	}
	*out = v;
	return 0;
}

enum {
	O_LEARNERS = 256, O_SEED, O_PER_DAY, O_BUDGET, O_GAP, O_POLICIES, O_JOBS, O_CURVE,
	O_TABLE, O_ROW, O_CMIN, O_CMAX, O_HMIN, O_HMAX, O_LMAX, O_SLIP, O_DIFF, O_MISS,
	O_CONTRAST, O_TRANSFER, O_HIT, O_STAB, O_GROWTH, O_DECAY, O_CLEAR, O_SEEDS,
	O_POPULATION, O_TARGET_ROW, O_HELP, O_DIAG,
};

/* Issue 20's learner populations: each changes the defaults it names. */
static int set_population(const char *name, struct model *m)
{
	if (!strcmp(name, "default")) {
		*m = model_defaults;
	} else if (!strcmp(name, "mild")) {
		m->confused_min = 2, m->confused_max = 3;
		m->high_min = 0.20, m->high_max = 0.40;
	} else if (!strcmp(name, "severe")) {
		m->confused_min = 3, m->confused_max = 4;
		m->high_min = 0.55, m->high_max = 0.90;
		m->learn_miss = 0.10, m->learn_contrast = 0.10;
	} else if (!strcmp(name, "many")) {
		m->confused_min = 4, m->confused_max = 6;
	} else {
		fprintf(stderr, "rolecall_sim: --population wants default, mild, severe or many, "
				"not '%s'\n", name);
		return -1;
	}
	return 0;
}

static int parse_args(int argc, char **argv, struct run *r, struct model *m)
{
	static const struct option opts[] = {
		{ "learners", required_argument, NULL, O_LEARNERS },
		{ "seed", required_argument, NULL, O_SEED },
		{ "per-day", required_argument, NULL, O_PER_DAY },
		{ "budget", required_argument, NULL, O_BUDGET },
		{ "gap-days", required_argument, NULL, O_GAP },
		{ "policies", required_argument, NULL, O_POLICIES },
		{ "jobs", required_argument, NULL, O_JOBS },
		{ "curve", required_argument, NULL, O_CURVE },
		{ "table", required_argument, NULL, O_TABLE },
		{ "row", required_argument, NULL, O_ROW },
		{ "confused-min", required_argument, NULL, O_CMIN },
		{ "confused-max", required_argument, NULL, O_CMAX },
		{ "high-min", required_argument, NULL, O_HMIN },
		{ "high-max", required_argument, NULL, O_HMAX },
		{ "low-max", required_argument, NULL, O_LMAX },
		{ "slip", required_argument, NULL, O_SLIP },
		{ "difficulty-effect", required_argument, NULL, O_DIFF },
		{ "learn-miss", required_argument, NULL, O_MISS },
		{ "learn-contrast", required_argument, NULL, O_CONTRAST },
		{ "transfer", required_argument, NULL, O_TRANSFER },
		{ "learn-hit", required_argument, NULL, O_HIT },
		{ "stability", required_argument, NULL, O_STAB },
		{ "growth", required_argument, NULL, O_GROWTH },
		{ "decay", required_argument, NULL, O_DECAY },
		{ "clear-below", required_argument, NULL, O_CLEAR },
		{ "seeds", required_argument, NULL, O_SEEDS },
		{ "population", required_argument, NULL, O_POPULATION },
		{ "target-row", required_argument, NULL, O_TARGET_ROW },
		{ "help", no_argument, NULL, O_HELP },
		{ "diag", no_argument, NULL, O_DIAG },
		{ NULL, 0, NULL, 0 },
	};
	int c, idx;

	while ((c = getopt_long(argc, argv, "", opts, &idx)) != -1) {
		double v = 0;
		const char *name = c >= O_LEARNERS && c < O_HELP ? opts[c - O_LEARNERS].name : "";
		int bad = 0;

		switch (c) {
		case O_LEARNERS: bad = num(name, optarg, 1, 1e7, &v); r->learners = (unsigned)v; break;
		case O_SEED: bad = num(name, optarg, 0, 1.8e19, &v); r->seed = (uint64_t)v; break;
		case O_PER_DAY: bad = num(name, optarg, 1, 1000, &v); r->per_day = (unsigned)v; break;
		case O_BUDGET: bad = num(name, optarg, 1, 1e6, &v); r->budget = (unsigned)v; break;
		case O_GAP: bad = num(name, optarg, 0, 36500, &v); r->gap_days = (unsigned)v; break;
		case O_JOBS: bad = num(name, optarg, 1, SIM_MAX_JOBS, &v); r->jobs = (unsigned)v; break;
		case O_POLICIES:
			if (parse_policies(optarg, &r->policies) < 0) {
				fprintf(stderr, "rolecall_sim: unknown policy in '%s'\n", optarg);
				bad = -1;
			}
			break;
		case O_CURVE: r->curve_path = optarg; break;
		case O_TABLE: r->table_path = optarg; break;
		case O_ROW: r->row = optarg; break;
		case O_CMIN: bad = num(name, optarg, 0, 200, &v); m->confused_min = (unsigned)v; break;
		case O_CMAX: bad = num(name, optarg, 0, 200, &v); m->confused_max = (unsigned)v; break;
		case O_HMIN: bad = num(name, optarg, 0, 1, &m->high_min); break;
		case O_HMAX: bad = num(name, optarg, 0, 1, &m->high_max); break;
		case O_LMAX: bad = num(name, optarg, 0, 1, &m->low_max); break;
		case O_SLIP: bad = num(name, optarg, 0, 1, &m->slip); break;
		case O_DIFF: bad = num(name, optarg, 0, 0.5, &m->difficulty_effect); break;
		case O_MISS: bad = num(name, optarg, 0, 1, &m->learn_miss); break;
		case O_CONTRAST: bad = num(name, optarg, 0, 1, &m->learn_contrast); break;
		case O_TRANSFER: bad = num(name, optarg, 0, 1, &m->transfer); break;
		case O_HIT: bad = num(name, optarg, 0, 1, &m->learn_hit); break;
		case O_STAB: bad = num(name, optarg, 0.001, 36500, &m->stability0); break;
		case O_GROWTH: bad = num(name, optarg, 0, 1000, &m->growth); break;
		case O_DECAY: bad = num(name, optarg, 0.01, 10, &m->decay); break;
		case O_CLEAR: bad = num(name, optarg, 0, 1, &m->clear_below); break;
		case O_SEEDS: bad = num(name, optarg, 1, 1000, &v); r->seeds = (unsigned)v; break;
		case O_POPULATION: bad = set_population(optarg, m); break;
		case O_TARGET_ROW: r->target_row = optarg; break;
		case O_HELP: usage(stdout); exit(0);
		case O_DIAG: r->diag = 1; break;
		default: usage(stderr); return -1;
		}
		if (bad)
			return -1;
	}
	if (r->row && !(has(r, POL_RANDOM) && has(r, POL_FSRS) && has(r, POL_DRILL))) {
		fprintf(stderr, "rolecall_sim: --row needs the random, fsrs and drill policies\n");
		return -1;
	}
	if (r->target_row && !(has(r, POL_RANDOM) && has(r, POL_FSRS) && has(r, POL_DRILL) &&
			       has(r, POL_ORACLE_STILL))) {
		fprintf(stderr, "rolecall_sim: --target-row needs the random, fsrs, drill and "
				"oracle-still policies\n");
		return -1;
	}
	if ((double)r->learners * r->seeds > 1e7) {
		fprintf(stderr, "rolecall_sim: at most 10,000,000 learners in all\n");
		return -1;
	}
	r->per_seed = r->learners;
	r->learners *= r->seeds;
	if (m->confused_min > m->confused_max || m->high_min > m->high_max) {
		fprintf(stderr, "rolecall_sim: a minimum is above its maximum\n");
		return -1;
	}
	return optind;
}

/* ---- main -------------------------------------------------------------- */

static int load_banks(struct catalog *cat, int n, char **paths)
{
	glob_t g = { 0 };
	int loaded = 0;

	if (n == 0) {
		if (glob(QUIZZES_DIR "/*.yaml", 0, NULL, &g) != 0) {
			fprintf(stderr, "rolecall_sim: no banks in %s\n", QUIZZES_DIR);
			return -1;
		}
		n = (int)g.gl_pathc;
		paths = g.gl_pathv;
	}
	for (int i = 0; i < n; i++) {
		struct diag_list d;

		diag_list_init(&d, 5);
		if (catalog_load_file(cat, paths[i], &d) == 0)
			loaded++;
		else
			fprintf(stderr, "rolecall_sim: skipping %s: it does not load "
					"(rolecall check %s)\n", paths[i], paths[i]);
		diag_list_free(&d);
	}
	globfree(&g);
	if (!loaded)
		fprintf(stderr, "rolecall_sim: no bank loaded\n");
	return loaded ? 0 : -1;
}

static int build_world(struct world *w, const struct catalog *cat)
{
	size_t nq = 0;

	w->cat = cat;
	w->n_banks = catalog_bank_count(cat);
	w->n_roles = (unsigned)catalog_role_count(cat);
	if (w->n_roles > SIM_MAX_ROLES) {
		fprintf(stderr, "rolecall_sim: %u roles; the simulator models at most %d\n",
			w->n_roles, SIM_MAX_ROLES);
		return -1;
	}
	w->banks = calloc(w->n_banks, sizeof *w->banks);
	for (size_t b = 0; b < w->n_banks; b++)
		nq += catalog_bank(cat, b)->n_questions;
	w->qs = calloc(nq, sizeof *w->qs);
	if (!w->banks || !w->qs)
		return -1;
	for (size_t b = 0; b < w->n_banks; b++) {
		const struct bank *bk = catalog_bank(cat, b);

		w->banks[b] = bk;
		for (size_t i = 0; i < bk->n_questions; i++) {
			const struct bank_question *q = &bk->questions[i];

			w->qs[w->n_qs++] = q;
			if (q->answer_role < 0)
				continue;
			for (unsigned c = 0; c < q->n_choices; c++)
				if (q->choices[c].role >= 0 && q->choices[c].role != q->answer_role)
					w->testable[q->answer_role][q->choices[c].role] = 1;
		}
	}
	for (unsigned a = 0; a < w->n_roles; a++)
		for (unsigned b = 0; b < w->n_roles; b++)
			w->contrast[a][b] = a != b && catalog_contrast(cat, (int)a, (int)b) != NULL;
	return 0;
}

int main(int argc, char **argv)
{
	struct run r = { .learners = 1000, .seeds = 1, .per_day = 15, .budget = 300,
			 .gap_days = 30, .jobs = 2, .seed = 1, .policies = (1u << N_POLICIES) - 1 };
	struct model m = model_defaults;
	struct world w = { 0 };
	struct catalog *cat;
	struct job jobs[SIM_MAX_JOBS];
	pthread_t th[SIM_MAX_JOBS];
	struct outcome *out;
	struct tally tal[N_POLICIES];
	struct summary sum[N_POLICIES];
	int first = parse_args(argc, argv, &r, &m);

	if (first < 0)
		return 2;
	w.m = &m;
	w.r = &r;
	if (!(cat = catalog_new()) || load_banks(cat, argc - first, argv + first) < 0 ||
	    build_world(&w, cat) < 0)
		return 1;
	if (r.jobs > r.learners)
		r.jobs = r.learners;
	out = calloc((size_t)N_POLICIES * r.learners, sizeof *out);
	if (!out)
		return 1;
	for (unsigned j = 0; j < r.jobs; j++) {
		jobs[j] = (struct job){ &w, j, r.jobs, out, { { 0 } } };
		for (unsigned p = 0; p < N_POLICIES; p++) {
			/* One slot more: [budget + 1] holds the confused-pair count. */
			jobs[j].tal[p].pairs = calloc(r.budget + 2, sizeof(uint64_t));
			jobs[j].tal[p].learners = calloc(r.budget + 2, sizeof(uint64_t));
			if (!jobs[j].tal[p].pairs || !jobs[j].tal[p].learners)
				return 1;
		}
		if (pthread_create(&th[j], NULL, worker, &jobs[j]) != 0) {
			fprintf(stderr, "rolecall_sim: cannot start a thread\n");
			return 1;
		}
	}
	for (unsigned p = 0; p < N_POLICIES; p++) {
		tal[p].pairs = calloc(r.budget + 2, sizeof(uint64_t));
		tal[p].learners = calloc(r.budget + 2, sizeof(uint64_t));
		if (!tal[p].pairs || !tal[p].learners)
			return 1;
	}
	for (unsigned j = 0; j < r.jobs; j++) {
		pthread_join(th[j], NULL);
		for (unsigned p = 0; p < N_POLICIES; p++) {
			for (unsigned k = 0; k <= r.budget; k++) {
				tal[p].pairs[k] += jobs[j].tal[p].pairs[k];
				tal[p].learners[k] += jobs[j].tal[p].learners[k];
			}
			tal[p].asked += jobs[j].tal[p].asked;
			tal[p].useful += jobs[j].tal[p].useful;
			for (unsigned d = 0; d < FOUND_DAYS; d++)
				tal[p].found[d] += jobs[j].tal[p].found[d];
			for (unsigned a = 0; a < N_REASONS; a++)
				for (unsigned b = 0; b < N_SHOWS; b++)
					tal[p].diag[a][b] += jobs[j].tal[p].diag[a][b];
			for (unsigned a = 0; a < N_REASONS; a++)
				for (unsigned b = 0; b < N_SHOWS; b++)
					tal[p].diag_slow[a][b] += jobs[j].tal[p].diag_slow[a][b];
			tal[p].n_slow += jobs[j].tal[p].n_slow;
			free(jobs[j].tal[p].pairs);
			free(jobs[j].tal[p].learners);
		}
	}
	for (unsigned p = 0; p < N_POLICIES; p++) {
		const struct outcome *o = &out[(size_t)p * r.learners];

		if (!(r.policies & (1u << p)))
			continue;
		for (unsigned i = 0; i < r.learners; i++)
			tal[p].pairs[r.budget + 1] += o[i].n_confused;
		summarise(&w, o, &sum[p]);
	}
	if (r.target_row) {
		print_target_row(stdout, &w, sum, r.target_row);
	} else if (r.row) {
		print_row(stdout, &w, sum, r.row);
	} else {
		print_model(stdout, &w);
		print_table(stdout, &w, sum);
		print_verdict(stdout, &w, sum);
		print_where(stdout, &w, tal);
		if (r.diag)
			print_diag(stdout, &w, tal);
	}
	if (r.table_path) {
		FILE *f = fopen(r.table_path, "w");

		if (!f) {
			perror(r.table_path);
			return 1;
		}
		print_model(f, &w);
		fputc('\n', f);
		print_table(f, &w, sum);
		if (fclose(f) != 0)
			return 1;
	}
	if (r.curve_path && write_curve(r.curve_path, &w, tal) < 0)
		return 1;
	for (unsigned p = 0; p < N_POLICIES; p++) {
		free(tal[p].pairs);
		free(tal[p].learners);
	}
	free(out);
	free(w.banks);
	free(w.qs);
	catalog_free(cat);
	return 0;
}
