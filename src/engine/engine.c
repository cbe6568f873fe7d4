/*
 * The session engine.  Practice rotates between three sources — questions
 * due for review, questions that test the person's confused pairs, and new
 * questions — so a session is never all old or all new.  Drill asks what
 * is expected to teach most and tell most: questions that put a pair still
 * believed confused side by side, the confused way round (the true role
 * asked, the role taken for it among the options), shared out evenly over
 * those pairs, and among them those that also offer pairs it knows little
 * about.  What it believes is the evidence's (evidence.h), where recent
 * answers weigh more than old ones, so a pair cleared is let go.  In
 * practice a missed question comes back a few questions
 * later, as a tutor would ask it again; in a drill the missed pair comes
 * back through its other questions.
 * doc/efficacy.md measures what this buys against simpler orders.
 */
#include "rolecall/engine.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rolecall/rng.h"

/* A pair counts as weak (for practice) from this score on: one slip in a
 * few chances is (1 + 0.5) / (3 + 5) = 0.19, below it; two slips in four is
 * 0.28. */
#define WEAK_THRESHOLD 0.2
/*
 * What the drill believes about a pair is the evidence's (evidence.h): the
 * probability that it is still confused.  A pair missed at least once and
 * believed confused at least DRILL_CONFIRMED is drilled (named, and
 * preferred over pure probes); below DRILL_CLEARED a pair is taken as
 * cleared and taught no more.  Every bit a question is expected to tell
 * about which pairs are confused is worth DRILL_REVEAL of a pair taught.
 */
#define DRILL_CONFIRMED 0.08
#define DRILL_CLEARED 0.08
#define DRILL_REVEAL 1.0
/* Weight of the reverse of a drilled pair (the role taken asked, the true
 * role offered): the contrast serves both ways, the confusion is one way. */
#define DRILL_REVERSE 0.05
/* A drill question of difficulty d weighs 1 + DRILL_HARDER (d - 2): a
 * harder question puts the distinction under more pressure, a miss there
 * comes with the contrast, and its evidence is clearer. */
#define DRILL_HARDER 0.2
/* Within a pair the drill climbs: a question harder than one step above
 * the hardest of the pair's questions answered right so far weighs only
 * DRILL_AHEAD, so easier ones come first and harder ones once those are
 * answered right (issue 19). */
#define DRILL_AHEAD 0.6
/* Before anything else, the drill offers every pair this many times; and
 * a question that probes only (drills no pair) may come every
 * PROBE_EVERY-th question (the 7th, 14th...), else only when no question
 * drills a pair.  The simulation found every 2nd to 7th question alike. */
#define PROBE_URGENT 3
#define PROBE_EVERY 7
#define MAX_PENDING 64

struct cand {
	const struct bank_question *q;
	double jitter;     /* seeded tie-break, fixed for the session */
	unsigned reasks;
	int used;
};

struct reask {
	size_t cand;
	unsigned at; /* shown when this many questions have been shown */
};

struct session {
	const struct catalog *cat;
	struct history *h;
	struct session_config cfg;
	struct rng rng;
	struct cand *cands;
	size_t n_cands;
	unsigned count;     /* planned questions, not counting re-asks */
	unsigned primary;   /* planned questions shown so far */
	unsigned shown;     /* all questions shown so far */
	unsigned slot;      /* rotates the practice sources */
	struct reask pending[MAX_PENDING];
	unsigned n_pending;
	struct shown_question cur;
	size_t cur_cand;
	int have_cur;
	struct evidence *ev;      /* drill: cfg.evidence, or own_ev */
	struct evidence *own_ev;
	struct pair_state *pairs; /* drill: [answer * n_roles + picked] */
	int *hr;                  /* drill: 0 a session role, -2 not */
	unsigned n_roles;         /* catalog roles */
	int drill_fallback;
	struct session_summary sum;
	int64_t now;
};

/* ---- looking at the history through catalog role indices ------------- */

static int hrole(const struct session *s, int role)
{
	const struct bank_role *r = catalog_role(s->cat, role);

	return r ? history_role_find(s->h, r->id) : -1;
}

static double pair_score(const struct session *s, int answer, int picked)
{
	int a = hrole(s, answer), p = hrole(s, picked);

	return a < 0 || p < 0 ? 0 : history_confusion_score(s->h, (unsigned)a, (unsigned)p);
}

/* How much q exercises the person's confusions: the worst pair it tests. */
static double weak_score(const struct session *s, const struct bank_question *q)
{
	double best = 0;

	if (q->answer_role < 0)
		return 0;
	for (unsigned i = 0; i < q->n_choices; i++) {
		int x = q->choices[i].role;
		double sc;

		if (x < 0 || x == q->answer_role)
			continue;
		sc = fmax(pair_score(s, q->answer_role, x), pair_score(s, x, q->answer_role));
		best = fmax(best, sc);
	}
	return best;
}

static int is_session_role(const struct session *s, int role)
{
	for (size_t i = 0; i < s->cfg.n_banks; i++)
		for (unsigned k = 0; k < s->cfg.banks[i]->n_roles; k++)
			if (s->cfg.banks[i]->roles[k] == role)
				return 1;
	return 0;
}

unsigned session_weak_pairs(const struct session *s, struct weak_pair *out, unsigned max)
{
	unsigned n = 0, nroles = (unsigned)catalog_role_count(s->cat);

	for (unsigned a = 0; a < nroles; a++) {
		for (unsigned p = 0; p < nroles; p++) {
			int ha = hrole(s, (int)a), hp = hrole(s, (int)p);
			const struct confusion_cell *c;
			struct weak_pair w;
			unsigned at;

			if (a == p || ha < 0 || hp < 0 || !is_session_role(s, (int)a) ||
			    !is_session_role(s, (int)p))
				continue;
			c = history_confusion(s->h, (unsigned)ha, (unsigned)hp);
			if (!c->count)
				continue;
			w = (struct weak_pair){ (int)a, (int)p, c->count, c->chances,
						history_confusion_score(s->h, (unsigned)ha, (unsigned)hp) };
			/* Insertion into a short sorted list, worst first. */
			for (at = n; at > 0 && out[at - 1].score < w.score; at--)
				if (at < max)
					out[at] = out[at - 1];
			if (at < max)
				out[at] = w;
			if (n < max)
				n++;
		}
	}
	return n;
}

/* ---- choosing ---------------------------------------------------------- */

enum source { SRC_DUE, SRC_WEAK, SRC_NEW, SRC_ANY };

/* Higher is better; negative means "not from this source". */
static double source_key(const struct session *s, const struct cand *c, enum source src)
{
	const struct question_state *qs = history_question(s->h, c->q->id);
	double r = qs ? fsrs_retrievability(&fsrs_default_params, &qs->card, s->now) : 0;

	switch (src) {
	case SRC_DUE:
		return qs && qs->card.due <= s->now ? 2 - r + c->jitter * 1e-3 : -1;
	case SRC_WEAK: {
		double w = weak_score(s, c->q);

		return w >= WEAK_THRESHOLD ? w + c->jitter * 1e-3 : -1;
	}
	case SRC_NEW:
		/* Easier questions first, so a newcomer starts on firm ground. */
		return qs ? -1 : 4.0 - c->q->difficulty + c->jitter;
	default:
		/* Nothing due or new: review what is closest to being forgotten. */
		return 2 - r + c->jitter * 1e-3;
	}
}

static long best_of(const struct session *s, enum source src)
{
	long best = -1;
	double best_key = -1;

	for (size_t i = 0; i < s->n_cands; i++) {
		double k;

		if (s->cands[i].used)
			continue;
		k = source_key(s, &s->cands[i], src);
		if (k >= 0 && k > best_key) {
			best_key = k;
			best = (long)i;
		}
	}
	return best;
}

static long pick_practice(struct session *s, enum pick_reason *why)
{
	static const enum source order[3] = { SRC_DUE, SRC_WEAK, SRC_NEW };
	static const enum pick_reason reasons[3] = { PICK_DUE, PICK_WEAK, PICK_NEW };

	for (unsigned k = 0; k < 3; k++) {
		unsigned src = (s->slot + k) % 3;
		long i = best_of(s, order[src]);

		if (i >= 0) {
			s->slot++;
			*why = reasons[src];
			return i;
		}
	}
	*why = PICK_REVIEW;
	return best_of(s, SRC_ANY);
}

/* ---- drill -------------------------------------------------------------- */

/* What the drill keeps about a pair (answer Y, role X offered beside it)
 * during the session. */
struct pair_state {
	double belief;    /* P(still confused), as of the last pick */
	double reveal;    /* bits one more chance would tell about that */
	int drilled;      /* missed at least once, and belief >= DRILL_CONFIRMED */
	unsigned offered; /* this session */
	unsigned missed;  /* X picked for Y, this session */
	unsigned level;   /* hardest difficulty answered right showing the pair; 0 none */
};

static struct pair_state *pstate(const struct session *s, int answer, int picked)
{
	if (!s->pairs || answer < 0 || picked < 0 || (unsigned)answer >= s->n_roles ||
	    (unsigned)picked >= s->n_roles)
		return NULL;
	return &s->pairs[(size_t)answer * s->n_roles + (size_t)picked];
}

static uint32_t pair_chances(const struct session *s, int answer, int picked)
{
	int a = hrole(s, answer), p = hrole(s, picked);

	return a < 0 || p < 0 ? 0 : history_confusion(s->h, (unsigned)a, (unsigned)p)->chances;
}

/* For each distinct role q offers beside its answer, both session roles,
 * fn(s, answer, role, ctx). */
static void each_lure(const struct session *s, const struct bank_question *q,
		      void (*fn)(const struct session *s, int y, int x, void *ctx), void *ctx)
{
	int y = q->answer_role;

	if (y < 0 || !is_session_role(s, y))
		return;
	for (unsigned i = 0; i < q->n_choices; i++) {
		int x = q->choices[i].role, dup = 0;

		if (x < 0 || x == y || !is_session_role(s, x))
			continue;
		for (unsigned j = 0; j < i; j++)
			dup |= q->choices[j].role == x;
		if (!dup)
			fn(s, y, x, ctx);
	}
}

struct probe_ctx {
	unsigned below;
	double sum;
};

static void probe_lure(const struct session *s, int y, int x, void *ctx)
{
	struct probe_ctx *pc = ctx;
	uint32_t ch = pair_chances(s, y, x);

	if (ch < pc->below)
		pc->sum += (double)(pc->below - ch) / pc->below;
}

/* The question that offers the least-offered pairs, or -1 when every pair
 * was offered `below` times. */
static long pick_probe(struct session *s, unsigned below, enum pick_reason *why)
{
	long best = -1;
	double best_key = 0;

	for (size_t i = 0; i < s->n_cands; i++) {
		struct probe_ctx pc = { below, 0 };

		if (s->cands[i].used)
			continue;
		each_lure(s, s->cands[i].q, probe_lure, &pc);
		if (pc.sum > 0 && (pc.sum += s->cands[i].jitter * 1e-3) > best_key) {
			best_key = pc.sum;
			best = (long)i;
		}
	}
	if (best >= 0)
		*why = history_question(s->h, s->cands[best].q->id) ? PICK_REVIEW : PICK_NEW;
	return best;
}

/* One pair's belief, from the evidence (by role id: a role the evidence
 * never saw gets the prior). */
static void refresh_pair(struct session *s, unsigned a, unsigned p)
{
	struct pair_state *ps = &s->pairs[a * s->n_roles + p];
	struct pair_seen seen = evidence_pair(s->ev, catalog_role(s->cat, (int)a)->id,
					      catalog_role(s->cat, (int)p)->id, s->now);

	ps->belief = seen.confused;
	ps->reveal = seen.reveal;
	ps->drilled = seen.all_misses > 0 && ps->belief >= DRILL_CONFIRMED;
}

/* Every pair's belief, read once per question (the evidence changes with
 * every answer, so a confusion found this session is drilled this
 * session).  Only the session's roles matter: drill_value reads no other. */
static void refresh_beliefs(struct session *s)
{
	for (unsigned r = 0; r < s->n_roles; r++)
		s->hr[r] = is_session_role(s, (int)r) ? 0 : -2;
	for (unsigned a = 0; a < s->n_roles; a++)
		for (unsigned p = 0; p < s->n_roles; p++)
			if (a != p && s->hr[a] != -2 && s->hr[p] != -2)
				refresh_pair(s, a, p);
}

static double belief(const struct session *s, int answer, int picked)
{
	const struct pair_state *ps = pstate(s, answer, picked);

	return ps ? ps->belief : EVIDENCE_PRIOR_CONFUSED;
}

static double reveal(const struct session *s, int answer, int picked)
{
	const struct pair_state *ps = pstate(s, answer, picked);

	return ps ? ps->reveal : 0;
}

static int is_drilled(const struct session *s, int answer, int picked)
{
	const struct pair_state *ps = pstate(s, answer, picked);

	return ps && ps->drilled;
}

/* A drilled pair's claim on the next question, shared out over what this
 * session already gave it: every question that offered it, and once more
 * every miss (the miss came with the contrast, and the pair's other
 * questions come back anyway).  Even sharing, not the worst first: the
 * confusion that is cleared last decides, and right answers beside a
 * lure, spaced over the days, teach too. */
static double share(const struct session *s, int answer, int picked)
{
	const struct pair_state *ps = pstate(s, answer, picked);

	return ps ? 1.0 / (1 + ps->offered + ps->missed) : 1;
}

struct value_ctx {
	double teach, reveal;
	int drills;
	unsigned step; /* the lowest next step of the pairs it teaches; 0 none */
};

/* The difficulty a pair is ready for: one above what was answered right. */
static void note_step(const struct session *s, int answer, int picked, struct value_ctx *vc)
{
	const struct pair_state *ps = pstate(s, answer, picked);
	unsigned step = (ps ? ps->level : 0) + 1;

	if (!vc->step || step < vc->step)
		vc->step = step;
}

/* A pair believed cleared is taught no more; what asking tells about it
 * still counts. */
static void value_lure(const struct session *s, int y, int x, void *ctx)
{
	struct value_ctx *vc = ctx;
	double b = belief(s, y, x), r = belief(s, x, y);

	if (b >= DRILL_CLEARED) {
		vc->teach += b * share(s, y, x);
		note_step(s, y, x, vc);
	}
	vc->reveal += reveal(s, y, x);
	vc->drills |= is_drilled(s, y, x);
	if (is_drilled(s, x, y)) {
		vc->teach += DRILL_REVERSE * r * share(s, x, y);
		vc->drills = 1;
	}
}

/* What asking q is worth to the drill: how many still-confused pairs it is
 * expected to show the confused way round (belief, shared out over the
 * session), a little for their reverse, and DRILL_REVEAL per bit it is
 * expected to tell about which pairs are confused; harder questions weigh
 * more.  *drills: it shows a drilled pair. */
static double drill_value(const struct session *s, const struct bank_question *q, int *drills)
{
	struct value_ctx vc = { 0, 0, 0, 0 };
	double weight = 1 + DRILL_HARDER * ((double)q->difficulty - 2);

	each_lure(s, q, value_lure, &vc);
	*drills = vc.drills;
	if (vc.step && q->difficulty > vc.step)
		weight *= DRILL_AHEAD;
	return (vc.teach + DRILL_REVEAL * vc.reveal) * weight;
}

/*
 * Drill: first offer every pair PROBE_URGENT times; then the question worth
 * most (drill_value), among equals what was not just seen.  A question that
 * drills no pair (a pure probe) comes only when none drills one, or as
 * every PROBE_EVERY-th question: a short drill stays on the confusions it
 * knows.  With nothing worth asking, practise.
 */
static long pick_drill(struct session *s, enum pick_reason *why)
{
	long best;
	double best_key = 0;
	int best_drills = 0, probe_ok = s->primary % PROBE_EVERY == PROBE_EVERY - 1;

	if ((best = pick_probe(s, PROBE_URGENT, why)) >= 0)
		return best;
	refresh_beliefs(s);
	for (size_t i = 0; i < s->n_cands; i++) {
		const struct cand *c = &s->cands[i];
		const struct question_state *qs;
		int drills;
		double key;

		if (c->used)
			continue;
		key = drill_value(s, c->q, &drills) * (1 + 1e-2 * c->jitter);
		if ((qs = history_question(s->h, c->q->id)))
			key *= 1 - 0.1 * fsrs_retrievability(&fsrs_default_params, &qs->card, s->now);
		if (!probe_ok && best_drills > drills)
			continue;
		if (key > best_key || (!probe_ok && drills > best_drills)) {
			best_key = key;
			best = (long)i;
			best_drills = drills;
		}
	}
	if (best < 0)
		return pick_practice(s, why);
	if (best_drills)
		*why = PICK_WEAK;
	else
		*why = history_question(s->h, s->cands[best].q->id) ? PICK_REVIEW : PICK_NEW;
	return best;
}

/* After an answer in a drill: what the session gave the pairs q offered. */
static void drill_answered(struct session *s, const struct bank_question *q, int picked_role,
			   int correct)
{
	struct pair_state *ps;

	for (unsigned i = 0; i < q->n_choices; i++) {
		int x = q->choices[i].role, dup = 0;

		for (unsigned j = 0; j < i; j++)
			dup |= q->choices[j].role == x;
		if (dup || x == q->answer_role || !(ps = pstate(s, q->answer_role, x)))
			continue;
		ps->offered++;
		ps->missed += x == picked_role;
		if (correct && q->difficulty > ps->level)
			ps->level = q->difficulty;
	}
}

static void show(struct session *s, size_t ci, enum pick_reason why)
{
	const struct bank_question *q = s->cands[ci].q;
	struct shown_question *sq = &s->cur;

	sq->q = q;
	sq->n_options = q->n_choices;
	for (unsigned i = 0; i < q->n_choices; i++)
		sq->order[i] = i;
	rng_shuffle(&s->rng, sq->order, q->n_choices);
	sq->number = ++s->shown;
	sq->total = s->count + (s->shown - s->primary) + s->n_pending;
	sq->reason = why;
	s->cur_cand = ci;
	s->have_cur = 1;
}

static int take_reask(struct session *s, int any)
{
	for (unsigned i = 0; i < s->n_pending; i++) {
		if (!any && s->pending[i].at > s->shown)
			continue;
		size_t ci = s->pending[i].cand;

		memmove(&s->pending[i], &s->pending[i + 1],
			(s->n_pending - i - 1) * sizeof *s->pending);
		s->n_pending--;
		show(s, ci, PICK_REASK);
		return 1;
	}
	return 0;
}

const struct shown_question *session_next(struct session *s)
{
	enum pick_reason why;
	long i;

	if (s->have_cur)
		return &s->cur;
	if (take_reask(s, 0))
		return &s->cur;
	if (s->primary < s->count) {
		/* A drill with nothing to drill yet probes: see pick_drill. */
		i = s->cfg.mode == MODE_DRILL ? pick_drill(s, &why) : pick_practice(s, &why);
		if (i >= 0) {
			s->cands[i].used = 1;
			s->primary++;
			show(s, (size_t)i, why);
			return &s->cur;
		}
		s->count = s->primary; /* the banks ran out */
	}
	/* The planned questions are done: the re-asks still waiting come now. */
	return take_reask(s, 1) ? &s->cur : NULL;
}

/* ---- answering --------------------------------------------------------- */

static const char *role_id(const struct catalog *cat, int role)
{
	const struct bank_role *r = catalog_role(cat, role);

	return r ? r->id : NULL;
}

void answer_record_init(struct answer_record *rec, const struct catalog *cat,
			const struct bank_question *q, const unsigned *order,
			unsigned n_shown, enum session_mode mode)
{
	memset(rec, 0, sizeof *rec);
	rec->bank_id = q->bank->id;
	rec->question_id = q->id;
	rec->answer_role = role_id(cat, q->answer_role);
	for (unsigned i = 0; i < q->n_about && i < BANK_MAX_OPTIONS; i++)
		rec->about[rec->n_about++] = role_id(cat, q->about[i]);
	rec->n_shown = n_shown;
	for (unsigned i = 0; i < n_shown; i++) {
		rec->shown_choices[i] = order[i];
		rec->shown_roles[i] = role_id(cat, q->choices[order[i]].role);
	}
	rec->picked = -1;
	rec->mode = mode;
}

static void fill_record(const struct session *s, int position, int64_t elapsed_ms,
			int64_t now, int correct, struct answer_record *rec)
{
	answer_record_init(rec, s->cat, s->cur.q, s->cur.order, s->cur.n_options, s->cfg.mode);
	rec->picked = position;
	rec->correct = correct;
	rec->elapsed_ms = elapsed_ms < 0 ? 0 : elapsed_ms;
	rec->answered_at = now;
}

static void tally(struct session *s, const struct answer_result *res)
{
	struct session_summary *sum = &s->sum;
	const struct bank_question *q = s->cur.q;

	sum->asked++;
	if (res->correct) {
		sum->correct++;
		if (++sum->streak > sum->best_streak)
			sum->best_streak = sum->streak;
	} else {
		sum->streak = 0;
	}
	for (unsigned i = 0; i < q->n_about; i++) {
		sum->role_asked[q->about[i]]++;
		sum->role_correct[q->about[i]] += res->correct != 0;
	}
	if (res->confused_answer < 0)
		return;
	for (unsigned i = 0; i < sum->n_confusions; i++) {
		if (sum->confusions[i].answer == res->confused_answer &&
		    sum->confusions[i].picked == res->confused_picked) {
			sum->confusions[i].count++;
			return;
		}
	}
	if (sum->n_confusions < sizeof sum->confusions / sizeof *sum->confusions)
		sum->confusions[sum->n_confusions++] =
			(struct session_confusion){ res->confused_answer, res->confused_picked, 1 };
}

static void queue_reask(struct session *s, struct answer_result *res)
{
	struct cand *c = &s->cands[s->cur_cand];

	if (c->reasks >= SESSION_MAX_REASKS || s->n_pending == MAX_PENDING)
		return;
	c->reasks++;
	s->pending[s->n_pending++] = (struct reask){ s->cur_cand, s->shown + SESSION_REASK_GAP };
	res->will_return = 1;
}

int session_answer(struct session *s, int position, int64_t elapsed_ms, int64_t now,
		   struct answer_result *res, struct rc_error *err)
{
	const struct bank_question *q = s->cur.q;

	if (!s->have_cur)
		return rc_error_set(err, "no question is waiting for an answer");
	if (position < -1 || position >= (int)s->cur.n_options)
		return rc_error_set(err, "answer %d is not one of the %u options", position + 1,
				    s->cur.n_options);
	memset(res, 0, sizeof *res);
	res->correct = position >= 0 && s->cur.order[position] == q->correct;
	res->right = &q->choices[q->correct];
	res->picked = position >= 0 ? &q->choices[s->cur.order[position]] : NULL;
	for (unsigned i = 0; i < s->cur.n_options; i++)
		if (s->cur.order[i] == q->correct)
			res->right_position = i;
	res->confused_answer = res->confused_picked = -1;
	if (!res->correct && res->picked && res->picked->role >= 0 && q->answer_role >= 0 &&
	    res->picked->role != q->answer_role) {
		res->confused_answer = q->answer_role;
		res->confused_picked = res->picked->role;
		res->contrast = catalog_contrast(s->cat, q->answer_role, res->picked->role);
	}
	fill_record(s, position, elapsed_ms, now, res->correct, &res->record);
	if (history_apply(s->h, &res->record, HISTORY_SLOW_MS) < 0 ||
	    (s->ev && evidence_apply(s->ev, &res->record) < 0))
		return rc_error_set(err, "out of memory");
	s->now = now;
	/* A drill asks no question again: the missed pair keeps its claim and
	 * comes back through its other questions (see pick_drill). */
	if (s->cfg.mode == MODE_DRILL)
		drill_answered(s, q, res->correct ? -1 : res->picked ? res->picked->role : -1,
			       res->correct);
	else if (!res->correct)
		queue_reask(s, res);
	tally(s, res);
	s->have_cur = 0;
	return 0;
}

/* ---- the session ------------------------------------------------------- */

static int gather(struct session *s, struct rc_error *err)
{
	size_t n = 0;

	for (size_t b = 0; b < s->cfg.n_banks; b++)
		n += s->cfg.banks[b]->n_questions;
	if (n == 0)
		return rc_error_set(err, "the chosen banks have no questions");
	s->cands = calloc(n, sizeof *s->cands);
	if (!s->cands)
		return rc_error_set(err, "out of memory");
	for (size_t b = 0; b < s->cfg.n_banks; b++)
		for (size_t i = 0; i < s->cfg.banks[b]->n_questions; i++) {
			struct cand *c = &s->cands[s->n_cands++];

			c->q = &s->cfg.banks[b]->questions[i];
			c->jitter = rng_unit(&s->rng);
		}
	return 0;
}

/* Where each pair stands on the ladder of difficulty: the hardest of its
 * questions (answer Y, X offered) ever answered right, from the history. */
static void drill_levels(struct session *s)
{
	for (size_t i = 0; i < s->n_cands; i++) {
		const struct bank_question *q = s->cands[i].q;
		const struct question_state *qs = history_question(s->h, q->id);
		struct pair_state *ps;

		if (!qs || qs->asked <= qs->wrong)
			continue;
		for (unsigned k = 0; k < q->n_choices; k++)
			if (q->choices[k].role != q->answer_role &&
			    (ps = pstate(s, q->answer_role, q->choices[k].role)) &&
			    q->difficulty > ps->level)
				ps->level = q->difficulty;
	}
}

/* The drill's state: its pairs, its evidence (the caller's, or its own
 * from the history's counts), and whether it has a confusion to start
 * from or must probe for one. */
static int drill_init(struct session *s, struct rc_error *err)
{
	struct weak_pair worst;

	s->n_roles = (unsigned)catalog_role_count(s->cat);
	s->pairs = calloc((size_t)s->n_roles * s->n_roles + 1, sizeof *s->pairs);
	s->hr = calloc((size_t)s->n_roles + 1, sizeof *s->hr);
	if (!s->pairs || !s->hr)
		return rc_error_set(err, "out of memory");
	if (!s->ev) {
		if (!(s->own_ev = evidence_new()) || evidence_seed(s->own_ev, s->h, s->now) < 0)
			return rc_error_set(err, "out of memory");
		s->ev = s->own_ev;
	}
	drill_levels(s);
	s->drill_fallback = session_weak_pairs(s, &worst, 1) == 0;
	return 0;
}

int session_new(const struct catalog *cat, struct history *h,
		const struct session_config *cfg, struct session **out,
		struct rc_error *err)
{
	struct session *s;

	*out = NULL;
	if (cfg->mode != MODE_PRACTICE && cfg->mode != MODE_DRILL)
		return rc_error_set(err, "%s mode has no practice session (a bug in "
				    "rolecall; please report it)",
				    session_mode_name(cfg->mode));
	if (!(s = calloc(1, sizeof *s)))
		return rc_error_set(err, "out of memory");
	s->cat = cat;
	s->h = h;
	s->cfg = *cfg;
	s->now = cfg->now;
	s->ev = cfg->evidence;
	rng_seed(&s->rng, cfg->seed);
	if (gather(s, err) < 0) {
		session_free(s);
		return -1;
	}
	s->count = cfg->count ? cfg->count : SESSION_DEFAULT_COUNT;
	if (s->count > s->n_cands)
		s->count = (unsigned)s->n_cands;
	if (cfg->mode == MODE_DRILL && drill_init(s, err) < 0) {
		session_free(s);
		return -1;
	}
	*out = s;
	return 0;
}

void session_free(struct session *s)
{
	if (!s)
		return;
	free(s->cands);
	free(s->pairs);
	free(s->hr);
	evidence_free(s->own_ev);
	free(s);
}

int session_drill_fallback(const struct session *s)
{
	return s->drill_fallback;
}

unsigned session_planned(const struct session *s)
{
	return s->count;
}

int session_count_notice(const struct session *s, char *buf, size_t cap)
{
	if (cap)
		buf[0] = '\0';
	if (!s->cfg.count || s->cfg.count <= s->count)
		return 0;
	snprintf(buf, cap, "--count %u, but %s %u question%s: this session asks %u.",
		 s->cfg.count, s->cfg.mode == MODE_DRILL ? "this drill has" :
		 "these banks have", s->count, s->count == 1 ? "" : "s", s->count);
	return 1;
}

const struct session_summary *session_summary(struct session *s)
{
	struct session_summary *sum = &s->sum;

	sum->due_now = 0;
	sum->next_due = 0;
	for (size_t i = 0; i < s->n_cands; i++) {
		const struct question_state *qs = history_question(s->h, s->cands[i].q->id);

		if (!qs)
			continue;
		if (qs->card.due <= s->now)
			sum->due_now++;
		else if (!sum->next_due || qs->card.due < sum->next_due)
			sum->next_due = qs->card.due;
	}
	return sum;
}
