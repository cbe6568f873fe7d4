/*
 * store_define — exams defined by a manager (store_exam.h): stored with
 * the answer to every question of their banks, read back by id.  Written
 * once for both backends, as rows of text through the operations table;
 * the statements read the same to SQLite and PostgreSQL.  On PostgreSQL
 * the grants of `rolecall db grant` decide who may define: a learner's
 * insert is refused by the database itself.
 */
#include "store_backend.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_errors.h"
#include "store_impl.h"

#define DEF_COLUMNS "id, title, banks, count, pass_mark, time_limit, attempts," \
		    " defined_by, defined_at"

struct store_def_count {
	unsigned long n, open;
};

static int store_def_counted(void *ctx, const struct exam_attempt *a)
{
	struct store_def_count *c = ctx;

	c->n++;
	c->open += !a->submitted;
	return 0;
}

int store_count_attempts(struct store *s, const struct exam_filter *f, unsigned long *n,
			 unsigned long *open, struct rc_error *err)
{
	struct store_def_count c = { 0, 0 };
	int rc = s->ops->each_attempt(s->c, f, store_def_counted, &c, err);

	*n = c.n;
	if (open)
		*open = c.open;
	return rc;
}

/* Attempts were made under the definition's rules: it stays as it is. */
static int store_def_unused(struct store *s, const char *id, struct rc_error *err)
{
	struct exam_filter f = { 0, 0, INT64_MIN, 0, id };
	unsigned long n = 0;

	if (store_count_attempts(s, &f, &n, NULL, err) < 0)
		return -1;
	if (n)
		return rc_error_set(err, "%s: exam %s has %lu attempt%s already, made under "
				    "its rules; define the new rules under a new id",
				    store_path(s), id, n, n == 1 ? "" : "s");
	return 0;
}

static int store_def_put(struct store *s, const struct exam_def *d, struct rc_error *err)
{
	char nums[5][24];
	const char *v[9];

	snprintf(nums[0], sizeof nums[0], "%u", d->count);
	snprintf(nums[1], sizeof nums[1], "%u", d->pass_mark);
	snprintf(nums[2], sizeof nums[2], "%u", d->time_limit);
	snprintf(nums[3], sizeof nums[3], "%u", d->attempts);
	snprintf(nums[4], sizeof nums[4], "%" PRId64, d->defined_at);
	v[0] = d->id, v[1] = d->title, v[2] = d->banks;
	v[3] = nums[0], v[4] = nums[1], v[5] = nums[2], v[6] = nums[3];
	v[7] = d->defined_by, v[8] = nums[4];
	/* first, so that a login without the right is refused on this table */
	return s->ops->raw_put(s->c, "INSERT INTO exam_definitions (" DEF_COLUMNS ")"
			       " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
			       " ON CONFLICT (id) DO UPDATE SET title = excluded.title,"
			       " banks = excluded.banks, count = excluded.count,"
			       " pass_mark = excluded.pass_mark,"
			       " time_limit = excluded.time_limit,"
			       " attempts = excluded.attempts,"
			       " defined_by = excluded.defined_by,"
			       " defined_at = excluded.defined_at", 9, v,
			       "define the exam", err);
}

static int store_def_keys(struct store *s, const char *id, const struct exam_key *keys,
			  size_t n, struct rc_error *err)
{
	const char *v[5] = { id };
	char choice[12], count[12];

	if (s->ops->raw_put(s->c, "DELETE FROM exam_key WHERE definition_id = $1", 1, v,
			    "define the exam", err) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		snprintf(choice, sizeof choice, "%u", keys[i].answer_choice);
		snprintf(count, sizeof count, "%u", keys[i].n_choices);
		v[1] = keys[i].bank_id, v[2] = keys[i].question_id;
		v[3] = choice, v[4] = count;
		if (s->ops->raw_put(s->c, "INSERT INTO exam_key (definition_id, bank_id,"
				    " question_id, answer_choice, n_choices)"
				    " VALUES ($1, $2, $3, $4, $5)", 5, v,
				    "store the exam's answers", err) < 0)
			return -1;
	}
	return 0;
}

int store_exam_define(struct store *s, const struct exam_def *d,
		      const struct exam_key *keys, size_t n, struct rc_error *err)
{
	int rc;

	if (s->ops->begin_game(s->c, "start saving the exam definition", err) < 0)
		return -1;
	rc = store_def_put(s, d, err);
	if (rc == 0)
		rc = store_def_unused(s, d->id, err);
	if (rc == 0)
		rc = store_def_keys(s, d->id, keys, n, err);
	return s->ops->finish(s->c, rc, "save the exam definition", err);
}

/* ---- reading ---- */

struct store_defs {
	int (*fn)(void *ctx, const struct exam_def *d);
	void *ctx;
	const char *path;
	struct rc_error *err;
};

static int store_def_number(const char *text, int64_t max, int64_t *out)
{
	char *end;
	long long v;

	if (!text || !*text)
		return -1;
	v = strtoll(text, &end, 10);
	if (*end || v < 0 || v > max)
		return -1;
	*out = v;
	return 0;
}

/* The bank ids of "id:sha256,id:sha256". */
static int store_def_bank_ids(struct exam_def *d)
{
	for (const char *p = d->banks; *p;) {
		size_t len = strcspn(p, ":,");

		if (!len || d->n_banks == EXAM_DEF_MAX_BANKS ||
		    !(d->bank_ids[d->n_banks] = strndup(p, len)))
			return -1;
		d->n_banks++;
		p += strcspn(p, ",");
		p += *p == ',';
	}
	return d->n_banks ? 0 : -1;
}

static int store_def_decode(unsigned n, const char *const *v, struct exam_def *d)
{
	int64_t num[5];

	if (n != 9 || !v[0] || !v[1] || !v[2] || !v[7])
		return -1;
	if (store_def_number(v[3], 1000, &num[0]) < 0 ||
	    store_def_number(v[4], 100, &num[1]) < 0 ||
	    store_def_number(v[5], 24 * 3600, &num[2]) < 0 ||
	    store_def_number(v[6], 1000, &num[3]) < 0 ||
	    store_def_number(v[8], INT64_MAX, &num[4]) < 0)
		return -1;
	d->count = (unsigned)num[0];
	d->pass_mark = (unsigned)num[1];
	d->time_limit = (unsigned)num[2];
	d->attempts = (unsigned)num[3];
	d->defined_at = num[4];
	if (!(d->id = strdup(v[0])) || !(d->title = strdup(v[1])) ||
	    !(d->banks = strdup(v[2])) || !(d->defined_by = strdup(v[7])))
		return -1;
	return store_def_bank_ids(d);
}

static int store_def_row(void *ctx, unsigned n, const char *const *values)
{
	struct store_defs *w = ctx;
	struct exam_def *d = calloc(1, sizeof *d);
	int rc;

	if (!d)
		return store_oom(w->path, "read the exam definitions", w->err);
	if (store_def_decode(n, values, d) < 0) {
		exam_def_free(d);
		return rc_error_set(w->err, "%s: the exam definition '%s' cannot be read "
				    "(malformed columns: a newer rolecall or a hand edit "
				    "wrote it)", w->path, n && values[0] ? values[0] : "?");
	}
	rc = w->fn(w->ctx, d);
	exam_def_free(d);
	return rc ? 1 : 0;
}

int store_each_exam_def(struct store *s,
			int (*fn)(void *ctx, const struct exam_def *d),
			void *ctx, struct rc_error *err)
{
	struct store_defs w = { fn, ctx, store_path(s), err };

	return s->ops->raw_each(s->c, "SELECT " DEF_COLUMNS " FROM exam_definitions"
				" ORDER BY id", store_def_row, &w,
				"read the exam definitions", err);
}

struct store_def_find {
	const char *id;
	struct exam_def *found;
	int oom;
};

static int store_def_match(void *ctx, const struct exam_def *d)
{
	struct store_def_find *f = ctx;

	if (strcmp(d->id, f->id))
		return 0;
	f->found = exam_def_dup(d);
	f->oom = !f->found;
	return 1;
}

int store_exam_def_find(struct store *s, const char *id, struct exam_def **out,
			struct rc_error *err)
{
	struct store_def_find f = { id, NULL, 0 };

	*out = NULL;
	if (store_each_exam_def(s, store_def_match, &f, err) < 0)
		return -1;
	if (f.oom)
		return store_oom(store_path(s), "read the exam definition", err);
	*out = f.found;
	return 0;
}
