/*
 * store_people — who is in a database, for `rolecall users` and the
 * cohort report (store.h): every profile with its activity, and the
 * logins granted learner, who may have none yet.  The profiles are read
 * once for both backends, as rows of text through the operations table
 * (the statement reads the same to SQLite and PostgreSQL); row-level
 * security on a shared database decides whose rows come back, so a
 * learner reads their own profile only.
 */
#include "store_backend.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_errors.h"
#include "store_impl.h"

/* Activity is an answer logged or an exam attempt begun or submitted:
 * an attempt killed before its first answer is activity too. */
#define PROFILE_SELECT                                                         \
	"SELECT u.id, u.name,"                                                 \
	" (SELECT count(*) FROM answers a WHERE a.user_id = u.id),"            \
	" (SELECT min(a.answered_at) FROM answers a WHERE a.user_id = u.id),"  \
	" (SELECT max(a.answered_at) FROM answers a WHERE a.user_id = u.id),"  \
	" (SELECT count(*) FROM exam_attempts e WHERE e.user_id = u.id),"      \
	" (SELECT min(e.started_at) FROM exam_attempts e"                      \
	"  WHERE e.user_id = u.id),"                                           \
	" (SELECT max(coalesce(e.ended_at, e.started_at)) FROM exam_attempts e" \
	"  WHERE e.user_id = u.id)"                                            \
	" FROM users u ORDER BY u.id"

struct store_profiles {
	int (*fn)(void *ctx, const struct store_profile *p);
	void *ctx;
	const char *path;
	struct rc_error *err;
};

/* A count, or a time from 0 to STORE_TIME_MAX, into *out; NULL (the
 * min or max of no rows) is -1. */
static int store_people_number(const char *text, int64_t max, int64_t *out)
{
	uint64_t v;

	*out = -1;
	if (!text)
		return 0;
	if (store_parse_u64(text, &v) < 0 || v > (uint64_t)max)
		return -1;
	*out = (int64_t)v;
	return 0;
}

/* The earlier (first) or the later of two times, -1 meaning none. */
static int64_t store_people_pick(int64_t a, int64_t b, int first)
{
	if (a < 0 || b < 0)
		return a < 0 ? b : a;
	return first == (a < b) ? a : b;
}

static int store_people_decode(unsigned n, const char *const *v, struct store_profile *p)
{
	int64_t num[8];

	if (n != 8 || !v[0] || !v[1] || !v[2] || !v[5])
		return -1;
	for (unsigned i = 0; i < 8; i++)
		if (i != 1 && store_people_number(v[i], i == 0 || i == 2 || i == 5 ?
						  INT64_MAX : STORE_TIME_MAX, &num[i]) < 0)
			return -1;
	p->id = num[0];
	p->name = v[1];
	p->answers = (uint64_t)num[2];
	p->attempts = (uint64_t)num[5];
	p->first = store_people_pick(num[3], num[6], 1);
	p->last = store_people_pick(num[4], num[7], 0);
	return 0;
}

static int store_people_row(void *ctx, unsigned n, const char *const *values)
{
	struct store_profiles *w = ctx;
	struct store_profile p;

	if (store_people_decode(n, values, &p) < 0)
		return rc_error_set(w->err, "%s: the profile '%s' cannot be read (a count or "
				    "a time of its answers or exam attempts is out of range: "
				    "a newer rolecall or a hand edit wrote it)", w->path,
				    n > 1 && values[1] ? values[1] : "?");
	return w->fn(w->ctx, &p) ? 1 : 0;
}

int store_each_profile(struct store *s, int (*fn)(void *ctx, const struct store_profile *p),
		       void *ctx, struct rc_error *err)
{
	struct store_profiles w = { fn, ctx, store_path(s), err };

	return s->ops->raw_each(s->c, PROFILE_SELECT, store_people_row, &w,
				"read the profiles", err);
}

int store_each_learner(struct store *s, int (*fn)(void *ctx, const char *name),
		       void *ctx, struct rc_error *err)
{
	char login[256];
	int bound, manager;

	if ((bound = store_login(s, login, sizeof login, &manager, err)) <= 0)
		return bound;
	/* bound implies a backend with logins, which lists them */
	if (!s->ops->learners)
		return 0;
	return s->ops->learners(s->c, manager, fn, ctx, err) < 0 ? -1 : 1;
}
