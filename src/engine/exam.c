/*
 * Exams.  Questions are drawn round-robin over the roles that are answers
 * in the chosen banks, so a 20-question exam over four roles asks five
 * about each: a pass cannot come from knowing one role well.
 */
#include "rolecall/exam.h"

#include <stdlib.h>
#include <string.h>

#include "rolecall/engine.h"
#include "rolecall/rng.h"
#include "rolecall/stats.h"

int exam_passes(unsigned correct, unsigned count, unsigned pass_mark)
{
	return (uint64_t)correct * 100 >= (uint64_t)pass_mark * count;
}

struct exam {
	const struct catalog *cat;
	struct exam_config cfg;
	struct exam_item *items;
	/* Flags for review live beside the items, not in them: an item is
	 * what the store keeps, and flags are never stored. */
	unsigned char *flags;
	unsigned n;
	int submitted;
	struct exam_result res;
};

static unsigned bank_default(const struct exam_config *cfg, int count)
{
	for (size_t i = 0; i < cfg->n_banks; i++) {
		unsigned v = count ? cfg->banks[i]->exam_count : cfg->banks[i]->exam_pass;

		if (v)
			return v;
	}
	return 0;
}

/* All questions of the banks, shuffled, then dealt round-robin by answer
 * role; questions without an answer role fill what is left. */
static unsigned draw(struct exam *e, struct rng *rng, const struct bank_question **pool,
		     unsigned n_pool)
{
	unsigned *idx = malloc((n_pool ? n_pool : 1) * sizeof *idx), taken = 0;
	unsigned char *used = calloc(n_pool ? n_pool : 1, 1);

	if (!idx || !used) {
		free(idx);
		free(used);
		return 0;
	}
	for (unsigned i = 0; i < n_pool; i++)
		idx[i] = i;
	rng_shuffle(rng, idx, n_pool);
	while (taken < e->n) {
		unsigned before = taken;

		for (int role = 0; role < (int)catalog_role_count(e->cat) && taken < e->n; role++)
			for (unsigned k = 0; k < n_pool; k++) {
				if (used[idx[k]] || pool[idx[k]]->answer_role != role)
					continue;
				used[idx[k]] = 1;
				e->items[taken++].q = pool[idx[k]];
				break;
			}
		if (taken > before)
			continue;
		for (unsigned k = 0; k < n_pool && taken < e->n; k++)
			if (!used[idx[k]]) {
				used[idx[k]] = 1;
				e->items[taken++].q = pool[idx[k]];
			}
		break;
	}
	free(idx);
	free(used);
	return taken;
}

static const struct bank_question **gather(const struct exam_config *cfg, unsigned *n)
{
	const struct bank_question **pool;
	size_t total = 0, k = 0;

	for (size_t i = 0; i < cfg->n_banks; i++)
		total += cfg->banks[i]->n_questions;
	pool = malloc((total ? total : 1) * sizeof *pool);
	if (!pool)
		return NULL;
	for (size_t i = 0; i < cfg->n_banks; i++)
		for (size_t j = 0; j < cfg->banks[i]->n_questions; j++)
			pool[k++] = &cfg->banks[i]->questions[j];
	*n = (unsigned)total;
	return pool;
}

static int setup_items(struct exam *e, struct rc_error *err)
{
	const struct bank_question **pool;
	unsigned n_pool = 0;
	struct rng rng;

	rng_seed(&rng, e->cfg.seed);
	if (!(pool = gather(&e->cfg, &n_pool)))
		return rc_error_set(err, "out of memory");
	if (n_pool < e->n) {
		free(pool);
		return rc_error_set(err, "the exam asks %u questions but the chosen banks have %u; "
				    "lower --count", e->n, n_pool);
	}
	e->items = calloc(e->n, sizeof *e->items);
	e->flags = calloc(e->n, 1);
	if (!e->items || !e->flags || draw(e, &rng, pool, n_pool) != e->n) {
		free(pool);
		return rc_error_set(err, "out of memory");
	}
	free(pool);
	/* Dealt by role, the order would give the answers away: shuffle it. */
	for (unsigned i = e->n; i > 1; i--) {
		unsigned j = (unsigned)rng_below(&rng, i);
		struct exam_item t = e->items[i - 1];

		e->items[i - 1] = e->items[j];
		e->items[j] = t;
	}
	for (unsigned i = 0; i < e->n; i++) {
		struct exam_item *it = &e->items[i];

		it->n_options = it->q->n_choices;
		for (unsigned k = 0; k < it->n_options; k++)
			it->order[k] = k;
		rng_shuffle(&rng, it->order, it->n_options);
		it->picked = -1;
	}
	return 0;
}

int exam_new(const struct catalog *cat, const struct exam_config *cfg, struct exam **out,
	     struct rc_error *err)
{
	struct exam *e;

	*out = NULL;
	if (!(e = calloc(1, sizeof *e)))
		return rc_error_set(err, "out of memory");
	e->cat = cat;
	e->cfg = *cfg;
	e->n = cfg->count ? cfg->count : bank_default(cfg, 1);
	if (!e->n)
		e->n = EXAM_DEFAULT_COUNT;
	if (!cfg->pass_given)
		e->cfg.pass = bank_default(cfg, 0) ? bank_default(cfg, 0) : EXAM_DEFAULT_PASS;
	if (e->n > EXAM_MAX_COUNT || e->cfg.pass > 100) {
		exam_free(e);
		return rc_error_set(err, "an exam has 1 to %d questions and a pass mark of 0 to 100%%",
				    EXAM_MAX_COUNT);
	}
	if (setup_items(e, err) < 0) {
		exam_free(e);
		return -1;
	}
	e->res.started_at = cfg->now;
	*out = e;
	return 0;
}

/* Item i of a stored attempt: its options must be its question's
 * choices, each once, and its answer one of them. */
static int restore_item(const struct exam_item *it, unsigned i, struct rc_error *err)
{
	unsigned seen = 0;

	if (!it->q || it->n_options != it->q->n_choices)
		return rc_error_set(err, "question %u (%s) was shown with %u options, and its "
				    "bank now gives it %u", i + 1, it->q ? it->q->id : "?",
				    it->n_options, it->q ? it->q->n_choices : 0);
	for (unsigned k = 0; k < it->n_options; k++) {
		if (it->order[k] >= it->n_options || (seen >> it->order[k] & 1u))
			return rc_error_set(err, "question %u (%s) was shown with options "
					    "its bank no longer has", i + 1, it->q->id);
		seen |= 1u << it->order[k];
	}
	if (it->picked < -1 || it->picked >= (int)it->n_options)
		return rc_error_set(err, "question %u (%s) has an answer (%d) that is not one "
				    "of its %u options", i + 1, it->q->id, it->picked + 1,
				    it->n_options);
	return 0;
}

int exam_restore(const struct catalog *cat, const struct exam_config *cfg,
		 const struct exam_item *items, unsigned n, struct exam **out,
		 struct rc_error *err)
{
	struct exam *e;

	*out = NULL;
	if (!n || n > EXAM_MAX_COUNT || cfg->pass > 100)
		return rc_error_set(err, "an exam has 1 to %d questions and a pass mark of 0 "
				    "to 100%%", EXAM_MAX_COUNT);
	for (unsigned i = 0; i < n; i++)
		if (restore_item(&items[i], i, err) < 0)
			return -1;
	if (!(e = calloc(1, sizeof *e)) || !(e->items = malloc(n * sizeof *e->items)) ||
	    !(e->flags = calloc(n, 1))) {
		exam_free(e);
		return rc_error_set(err, "out of memory");
	}
	e->cat = cat;
	e->cfg = *cfg;
	e->cfg.count = n;
	e->cfg.pass_given = 1;
	e->n = n;
	memcpy(e->items, items, n * sizeof *e->items);
	e->res.started_at = cfg->now;
	*out = e;
	return 0;
}

void exam_free(struct exam *e)
{
	if (!e)
		return;
	free(e->items);
	free(e->flags);
	free(e);
}

unsigned exam_count(const struct exam *e) { return e->n; }
unsigned exam_pass_mark(const struct exam *e) { return e->cfg.pass; }
uint64_t exam_seed(const struct exam *e) { return e->cfg.seed; }
unsigned exam_time_limit(const struct exam *e) { return e->cfg.time_limit; }
int exam_submitted(const struct exam *e) { return e->submitted; }
const struct exam_result *exam_result(const struct exam *e) { return &e->res; }

int64_t exam_seconds_left(const struct exam *e, int64_t now)
{
	int64_t left;

	if (!e->cfg.time_limit)
		return -1;
	left = e->res.started_at + e->cfg.time_limit - now;
	return left > 0 ? left : 0;
}

int64_t exam_open_until(int64_t started_at, unsigned time_limit)
{
	return started_at + (time_limit ? (int64_t)time_limit : EXAM_UNTIMED_OPEN_S);
}

int64_t exam_end_time(const struct exam *e, int64_t now, int timed_out)
{
	int64_t start = e->res.started_at;
	unsigned limit = e->cfg.time_limit;

	if (limit && (timed_out || now > start + limit))
		return start + limit;
	return now < start ? start : now;
}

const struct exam_item *exam_item(const struct exam *e, unsigned i)
{
	return i < e->n ? &e->items[i] : NULL;
}

int exam_answer(struct exam *e, unsigned i, int position, struct rc_error *err)
{
	if (e->submitted)
		return rc_error_set(err, "the exam is already submitted");
	if (i >= e->n)
		return rc_error_set(err, "there is no question %u", i + 1);
	if (position < -1 || position >= (int)e->items[i].n_options)
		return rc_error_set(err, "answer %d is not one of the %u options", position + 1,
				    e->items[i].n_options);
	e->items[i].picked = position;
	return 0;
}

unsigned exam_answered(const struct exam *e)
{
	unsigned n = 0;

	for (unsigned i = 0; i < e->n; i++)
		n += e->items[i].picked >= 0;
	return n;
}

int exam_flag(struct exam *e, unsigned i, int on, struct rc_error *err)
{
	if (e->submitted)
		return rc_error_set(err, "the exam is already submitted");
	if (i >= e->n)
		return rc_error_set(err, "there is no question %u", i + 1);
	e->flags[i] = on != 0;
	return 0;
}

int exam_flagged(const struct exam *e, unsigned i)
{
	return i < e->n && e->flags[i];
}

unsigned exam_flag_count(const struct exam *e)
{
	unsigned n = 0;

	for (unsigned i = 0; i < e->n; i++)
		n += e->flags[i];
	return n;
}

int exam_next_unanswered(const struct exam *e, unsigned from)
{
	for (unsigned k = 1; k <= e->n; k++) {
		unsigned i = (from + k) % e->n;

		if (e->items[i].picked < 0)
			return (int)i;
	}
	return -1;
}

int exam_item_correct(const struct exam *e, unsigned i)
{
	const struct exam_item *it = &e->items[i];

	return it->picked >= 0 && it->order[it->picked] == it->q->correct;
}

/* The (answer, picked) roles of a miss that took one role for another,
 * or 0 when item i is none. */
static int exam_item_confusion(const struct exam *e, unsigned i, int *answer,
			       int *picked)
{
	const struct exam_item *it = &e->items[i];

	if (it->picked < 0 || exam_item_correct(e, i) || it->q->answer_role < 0)
		return 0;
	*answer = it->q->answer_role;
	*picked = it->q->choices[it->order[it->picked]].role;
	return *picked >= 0 && *picked != *answer;
}

unsigned exam_confusion_times(const struct exam *e, unsigned i, int *answer,
			      int *picked)
{
	unsigned times = 0;
	int a, p;

	if (i >= e->n || !exam_item_confusion(e, i, answer, picked))
		return 0;
	for (unsigned k = 0; k < e->n; k++)
		if (exam_item_confusion(e, k, &a, &p) && a == *answer && p == *picked) {
			if (k < i)
				return 0;
			times++;
		}
	return times;
}

int exam_submit(struct exam *e, int64_t now, int timed_out, struct rc_error *err)
{
	struct exam_result *r = &e->res;

	if (e->submitted)
		return rc_error_set(err, "the exam is already submitted");
	e->submitted = 1;
	r->count = e->n;
	r->pass = e->cfg.pass;
	r->timed_out = timed_out;
	r->ended_at = now;
	for (unsigned i = 0; i < e->n; i++) {
		const struct bank_question *q = e->items[i].q;
		int ok = exam_item_correct(e, i);

		r->correct += ok;
		for (unsigned k = 0; k < q->n_about; k++) {
			r->role_asked[q->about[k]]++;
			r->role_correct[q->about[k]] += ok;
		}
	}
	r->percent = stats_percent(r->correct, r->count);
	r->passed = exam_passes(r->correct, r->count, r->pass);
	return 0;
}

void exam_item_record(const struct exam *e, unsigned i, struct answer_record *rec)
{
	const struct exam_item *it = &e->items[i];

	answer_record_init(rec, e->cat, it->q, it->order, it->n_options, MODE_EXAM);
	rec->picked = it->picked;
	rec->correct = exam_item_correct(e, i);
	rec->answered_at = e->res.ended_at;
}
