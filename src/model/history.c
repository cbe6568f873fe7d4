#include "rolecall/history.h"

#include <stdlib.h>
#include <string.h>

#include "strmap.h"

struct qnode {
	struct question_state qs;
	char id[];
};

struct history {
	struct strmap questions; /* id -> struct qnode * */
	struct history_roles roles;
	struct role_tally tally[ROLECALL_MAX_ROLES];
	char *role_names[ROLECALL_MAX_ROLES]; /* NULL: none saved */
	struct confusion_cell *cells; /* [answer * ROLECALL_MAX_ROLES + picked] */
	uint64_t answers, correct;
};

static const char *const mode_names[] = { "practice", "drill", "exam", "trivia" };

const char *session_mode_name(enum session_mode mode)
{
	return (unsigned)mode < 4 ? mode_names[mode] : "unknown";
}

int session_mode_parse(const char *name)
{
	for (int i = 0; i < 4; i++)
		if (!strcmp(mode_names[i], name))
			return i;
	return -1;
}

const char *answer_record_picked_role(const struct answer_record *rec)
{
	if (rec->picked < 0 || (unsigned)rec->picked >= rec->n_shown)
		return NULL;
	return rec->shown_roles[rec->picked];
}

const char *answer_record_chance(const struct answer_record *rec, unsigned i)
{
	const char *x = i < rec->n_shown ? rec->shown_roles[i] : NULL;

	if (!x || !rec->answer_role || !strcmp(x, rec->answer_role))
		return NULL;
	for (unsigned j = 0; j < i; j++)
		if (rec->shown_roles[j] && !strcmp(rec->shown_roles[j], x))
			return NULL;
	return x;
}

int history_roles_find(const struct history_roles *t, const char *id)
{
	for (unsigned i = 0; i < t->n; i++)
		if (!strcmp(t->ids[i], id))
			return (int)i;
	return -1;
}

int history_roles_add(struct history_roles *t, const char *id)
{
	int i = history_roles_find(t, id);

	if (i >= 0 || t->n == ROLECALL_MAX_ROLES)
		return i;
	if (!(t->ids[t->n] = strdup(id)))
		return -1;
	return (int)t->n++;
}

void history_roles_clear(struct history_roles *t)
{
	for (unsigned i = 0; i < t->n; i++)
		free(t->ids[i]);
	t->n = 0;
}

struct history *history_new(void)
{
	struct history *h = calloc(1, sizeof *h);

	if (!h)
		return NULL;
	h->cells = calloc((size_t)ROLECALL_MAX_ROLES * ROLECALL_MAX_ROLES, sizeof *h->cells);
	if (!h->cells) {
		free(h);
		return NULL;
	}
	strmap_init(&h->questions);
	return h;
}

static void history_release(struct history *h)
{
	for (size_t i = 0; i < h->questions.cap; i++)
		free(h->questions.slots[i].value);
	strmap_free(&h->questions);
	for (unsigned i = 0; i < h->roles.n; i++) {
		free(h->role_names[i]);
		h->role_names[i] = NULL;
	}
	history_roles_clear(&h->roles);
}

void history_free(struct history *h)
{
	if (!h)
		return;
	history_release(h);
	free(h->cells);
	free(h);
}

void history_clear(struct history *h)
{
	history_release(h);
	strmap_init(&h->questions);
	memset(h->tally, 0, sizeof h->tally);
	memset(h->cells, 0, (size_t)ROLECALL_MAX_ROLES * ROLECALL_MAX_ROLES *
	       sizeof *h->cells);
	h->answers = 0;
	h->correct = 0;
}

int history_role_find(const struct history *h, const char *id)
{
	return history_roles_find(&h->roles, id);
}

static struct question_state *question_node(struct history *h, const char *id)
{
	struct qnode *n = strmap_get(&h->questions, id);
	size_t len;

	if (n)
		return &n->qs;
	len = strlen(id);
	n = calloc(1, sizeof *n + len + 1);
	if (!n)
		return NULL;
	memcpy(n->id, id, len + 1);
	n->qs.id = n->id;
	if (strmap_put(&h->questions, n->id, n) < 0) {
		free(n);
		return NULL;
	}
	return &n->qs;
}

static struct confusion_cell *cell(const struct history *h, unsigned a, unsigned p)
{
	return &h->cells[(size_t)a * ROLECALL_MAX_ROLES + p];
}

/* Every distinct role offered beside the answer was a chance to take it
 * for the answer; the pick, when wrong, is a confusion. */
static int count_confusions(struct history *h, const struct answer_record *rec)
{
	const char *picked = rec->correct ? NULL : answer_record_picked_role(rec);
	int y = history_roles_add(&h->roles, rec->answer_role);

	if (y < 0)
		return -1;
	for (unsigned i = 0; i < rec->n_shown; i++) {
		const char *x = answer_record_chance(rec, i);
		int xi;

		if (!x)
			continue;
		if ((xi = history_roles_add(&h->roles, x)) < 0)
			return -1;
		cell(h, (unsigned)y, (unsigned)xi)->chances++;
		if (picked && !strcmp(picked, x))
			cell(h, (unsigned)y, (unsigned)xi)->count++;
	}
	return 0;
}

int history_apply(struct history *h, const struct answer_record *rec, int64_t slow_ms)
{
	struct question_state *qs = question_node(h, rec->question_id);
	enum fsrs_grade grade = FSRS_GOOD;

	if (!qs)
		return -1;
	if (!rec->correct)
		grade = FSRS_AGAIN;
	else if (slow_ms > 0 && rec->elapsed_ms > slow_ms)
		grade = FSRS_HARD;
	fsrs_review(&fsrs_default_params, &qs->card, grade, rec->answered_at);
	qs->asked++;
	qs->wrong += !rec->correct;
	qs->last_seen = rec->answered_at;
	for (unsigned i = 0; i < rec->n_about; i++) {
		int r = history_roles_add(&h->roles, rec->about[i]);

		if (r < 0)
			return -1;
		h->tally[r].asked++;
		h->tally[r].correct += rec->correct != 0;
	}
	if (rec->answer_role && count_confusions(h, rec) < 0)
		return -1;
	h->answers++;
	h->correct += rec->correct != 0;
	return 0;
}

uint64_t history_answers(const struct history *h) { return h->answers; }
uint64_t history_correct(const struct history *h) { return h->correct; }

const struct question_state *history_question(const struct history *h, const char *id)
{
	const struct qnode *n = strmap_get(&h->questions, id);

	return n ? &n->qs : NULL;
}

void history_each_question(const struct history *h,
			   void (*fn)(void *ctx, const struct question_state *qs),
			   void *ctx)
{
	for (size_t i = 0; i < h->questions.cap; i++)
		if (h->questions.slots[i].key)
			fn(ctx, &((const struct qnode *)h->questions.slots[i].value)->qs);
}

unsigned history_role_count(const struct history *h) { return h->roles.n; }

const char *history_role_id(const struct history *h, unsigned i)
{
	return i < h->roles.n ? h->roles.ids[i] : NULL;
}

const char *history_role_name(const struct history *h, unsigned i)
{
	return i < h->roles.n ? h->role_names[i] : NULL;
}

const struct role_tally *history_role_tally(const struct history *h, unsigned i)
{
	return &h->tally[i < ROLECALL_MAX_ROLES ? i : 0];
}

const struct confusion_cell *history_confusion(const struct history *h,
					       unsigned answer, unsigned picked)
{
	static const struct confusion_cell none;

	if (answer >= h->roles.n || picked >= h->roles.n)
		return &none;
	return cell(h, answer, picked);
}

double history_confusion_score(const struct history *h, unsigned answer,
			       unsigned picked)
{
	const struct confusion_cell *c = history_confusion(h, answer, picked);

	if (!c->chances)
		return 0;
	return (c->count + 0.5) / (c->chances + 5.0);
}

int history_set_question(struct history *h, const struct question_state *qs)
{
	struct question_state *dst = question_node(h, qs->id);
	const char *id;

	if (!dst)
		return -1;
	id = dst->id;
	*dst = *qs;
	dst->id = id;
	return 0;
}

int history_set_role(struct history *h, const char *id, struct role_tally t)
{
	int r = history_roles_add(&h->roles, id);

	if (r < 0)
		return -1;
	h->tally[r] = t;
	return 0;
}

int history_set_role_name(struct history *h, const char *id, const char *name)
{
	int r = history_role_find(h, id);
	char *copy;

	if (r < 0 || !name || !*name || (h->role_names[r] && !strcmp(h->role_names[r], name)))
		return 0;
	if (!(copy = strdup(name)))
		return -1;
	free(h->role_names[r]);
	h->role_names[r] = copy;
	return 0;
}

int history_set_confusion(struct history *h, const char *answer, const char *picked,
			  struct confusion_cell c)
{
	int a = history_roles_add(&h->roles, answer);
	int p = history_roles_add(&h->roles, picked);

	if (a < 0 || p < 0)
		return -1;
	*cell(h, (unsigned)a, (unsigned)p) = c;
	return 0;
}

void history_set_totals(struct history *h, uint64_t answers, uint64_t correct)
{
	h->answers = answers;
	h->correct = correct;
}

static uint32_t add_capped(uint32_t a, uint32_t b)
{
	return b > UINT32_MAX - a ? UINT32_MAX : a + b;
}

int history_add(struct history *into, const struct history *from)
{
	int at[ROLECALL_MAX_ROLES];

	/* from's role i is into's role at[i]: the two met roles in their
	 * own orders */
	for (unsigned i = 0; i < from->roles.n; i++) {
		struct role_tally *t;

		if ((at[i] = history_roles_add(&into->roles, from->roles.ids[i])) < 0)
			return -1;
		t = &into->tally[at[i]];
		t->asked = add_capped(t->asked, from->tally[i].asked);
		t->correct = add_capped(t->correct, from->tally[i].correct);
	}
	for (unsigned a = 0; a < from->roles.n; a++)
		for (unsigned p = 0; p < from->roles.n; p++) {
			const struct confusion_cell *c = cell(from, a, p);
			struct confusion_cell *d = cell(into, (unsigned)at[a], (unsigned)at[p]);

			d->count = add_capped(d->count, c->count);
			d->chances = add_capped(d->chances, c->chances);
		}
	into->answers += from->answers;
	into->correct += from->correct;
	return 0;
}
