/*
 * exam_resume — going on with an exam attempt that was not submitted
 * (exam_plan.h): the user's open attempt found, and its exam rebuilt from
 * the store, with the same questions in the same order, the same order of
 * options and the answers given so far, under the rules it began with.
 */
#include "exam_plan.h"

#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- finding it ---- */

static int resume_open_seen(void *ctx, const struct exam_attempt *a)
{
	struct app_exam_open *o = ctx;

	/* oldest first: the last one seen is the most recent */
	if (!a->submitted) {
		o->id = a->id;
		o->started_at = a->started_at;
		o->count = a->count;
		o->time_limit = a->time_limit;
	}
	return 0;
}

static int resume_answered_seen(void *ctx, const struct exam_item_row *row)
{
	struct app_exam_open *o = ctx;

	o->answered += row->rec.picked >= 0;
	return 0;
}

int app_exam_find_open(struct app *app, struct app_exam_open *o, struct rc_error *err)
{
	struct exam_filter f = { app->user_id, 0, INT64_MIN, 0,
				 app->exam_def ? app->exam_def->id : NULL };

	memset(o, 0, sizeof *o);
	if (store_each_attempt(app->store, &f, resume_open_seen, o, err) < 0)
		return -1;
	if (!o->id)
		return 0;
	f.attempt_id = o->id;
	return store_each_exam_item(app->store, &f, resume_answered_seen, o, err);
}

/* ---- its rules and banks ---- */

/* The attempt's row, its strings copied (into *banks_text and
 * a->definition's copy in *definition). */
struct resume_row {
	struct exam_attempt a;
	char *banks, *definition;
	int found, oom;
};

static int resume_row_seen(void *ctx, const struct exam_attempt *a)
{
	struct resume_row *r = ctx;

	r->a = *a;
	r->found = 1;
	r->banks = strdup(a->banks ? a->banks : "");
	r->definition = a->definition ? strdup(a->definition) : NULL;
	r->oom = !r->banks || (a->definition && !r->definition);
	return 1;
}

/* A defined exam's attempt goes on under its definition: into
 * app->exam_def, unless app_exam_prepare loaded it already. */
static int resume_definition(struct app *app, const char *id, int64_t attempt,
			     struct rc_error *err)
{
	if (app->exam_def && !strcmp(app->exam_def->id, id))
		return 0;
	exam_def_free(app->exam_def);
	app->exam_def = NULL;
	if (store_exam_def_find(app->store, id, &app->exam_def, err) < 0)
		return -1;
	if (!app->exam_def)
		return rc_error_set(err, "exam attempt %" PRId64 " is an attempt at exam %s, "
				    "which %s no longer defines", attempt, id,
				    store_path(app->store));
	return 0;
}

/* One "id:sha256" of the attempt's banks, found here in that version. */
static int resume_bank(struct app *app, int64_t attempt, const char *entry, size_t len,
		       const struct bank **out, struct rc_error *err)
{
	size_t colon = strcspn(entry, ":");
	char id[256];
	const struct bank *b;

	if (colon > len)
		colon = len;
	snprintf(id, sizeof id, "%.*s", (int)(colon < sizeof id ? colon : sizeof id - 1),
		 entry);
	if (!(b = catalog_find_bank(app->cat, id)))
		return rc_error_set(err, "exam attempt %" PRId64 " draws from the bank '%s', "
				    "which is not among the banks here; give its file with "
				    "--bank", attempt, id);
	if (colon == len || len - colon - 1 != 64 || strncmp(entry + colon + 1, b->sha256, 64))
		return rc_error_set(err, "exam attempt %" PRId64 " was begun on the bank '%s' "
				    "as it was then (sha256 %.12s...); the bank here, %s, "
				    "differs (sha256 %.12s...), so its questions may not be "
				    "the ones asked; resume it with that version (--bank FILE)",
				    attempt, id, colon < len ? entry + colon + 1 : "?", b->path,
				    b->sha256);
	*out = b;
	return 0;
}

/* The attempt's banks, in its order, into app->attempt_banks. */
static int resume_banks(struct app *app, const struct exam_attempt *a, struct rc_error *err)
{
	size_t n = *a->banks ? 1 : 0;

	for (const char *p = a->banks; *p; p++)
		n += *p == ',';
	free(app->attempt_banks);
	app->n_attempt_banks = 0;
	if (!(app->attempt_banks = malloc((n ? n : 1) * sizeof *app->attempt_banks)))
		return rc_error_set(err, "out of memory");
	for (const char *p = a->banks; *p; ) {
		size_t len = strcspn(p, ",");

		if (resume_bank(app, a->id, p, len, &app->attempt_banks[app->n_attempt_banks],
				err) < 0)
			return -1;
		app->n_attempt_banks++;
		p += len + (p[len] == ',');
	}
	return 0;
}

/* ---- its questions ---- */

struct resume_items {
	struct app *app;
	struct exam_item *v;
	unsigned n, got;
	struct rc_error *err;
	int bad;
};

static int resume_item_seen(void *ctx, const struct exam_item_row *row)
{
	struct resume_items *r = ctx;
	const struct answer_record *rec = &row->rec;
	const struct bank_question *q = catalog_find_question(r->app->cat, rec->question_id);
	struct exam_item *it;

	if (row->position != r->got || r->got == r->n) {
		rc_error_set(r->err, "its question %u is stored out of place (the database "
			     "was changed by something other than rolecall)", row->position + 1);
		return r->bad = 1;
	}
	if (!q || strcmp(q->bank->id, rec->bank_id)) {
		rc_error_set(r->err, "its question %u (%s in the bank '%s') is not in that "
			     "bank any more", r->got + 1, rec->question_id, rec->bank_id);
		return r->bad = 1;
	}
	it = &r->v[r->got++];
	it->q = q;
	it->n_options = rec->n_shown;
	memcpy(it->order, rec->shown_choices, sizeof it->order);
	it->picked = rec->picked;
	return 0;
}

static int resume_questions(struct app *app, const struct exam_attempt *a,
			    struct exam_item *items, struct rc_error *err)
{
	struct exam_filter f = { app->user_id, a->id, INT64_MIN, 0, NULL };
	struct resume_items r = { app, items, a->count, 0, err, 0 };

	if (store_each_exam_item(app->store, &f, resume_item_seen, &r, err) < 0 || r.bad)
		return -1;
	if (r.got != a->count)
		return rc_error_set(err, "only %u of its %u questions are stored", r.got,
				    a->count);
	return 0;
}

/* ---- rebuilding it ---- */

static void resume_config(const struct app *app, const struct exam_attempt *a,
			  struct exam_config *cfg)
{
	app_exam_fixed_config(cfg, app->attempt_banks,
			      app->n_attempt_banks, a->count, a->pass_mark, a->time_limit);
	cfg->seed = a->seed;
	cfg->now = a->started_at;
}

/* The exam of the attempt in r, once its rules are known. */
static int resume_exam(struct app *app, struct resume_row *r, struct exam_config *cfg,
		       struct exam **e, struct rc_error *err)
{
	struct exam_item *items = calloc(r->a.count ? r->a.count : 1, sizeof *items);
	struct rc_error why;
	int rc = -1;

	if (!items)
		return rc_error_set(err, "out of memory");
	if (r->definition && resume_definition(app, r->definition, r->a.id, err) < 0)
		goto out;
	if (resume_banks(app, &r->a, err) < 0)
		goto out;
	resume_config(app, &r->a, cfg);
	if (resume_questions(app, &r->a, items, &why) < 0 ||
	    exam_restore(app->cat, cfg, items, r->a.count, e, &why) < 0)
		rc_error_set(err, "exam attempt %" PRId64 " cannot be resumed: %s", r->a.id,
			     why.msg);
	else
		rc = 0;
out:
	free(items);
	return rc;
}

int app_exam_resume(struct app *app, int64_t id, struct exam_config *cfg, struct exam **e,
		    struct exam_attempt *att, char **banks_text, struct rc_error *err)
{
	struct exam_filter f = { app->user_id, id, INT64_MIN, 0, NULL };
	struct resume_row r = { 0 };
	int rc = -1;

	*e = NULL;
	*banks_text = NULL;
	if (store_each_attempt(app->store, &f, resume_row_seen, &r, err) < 0)
		goto out;
	if (r.oom) {
		rc_error_set(err, "out of memory");
		goto out;
	}
	if (!r.found || r.a.submitted) {
		rc_error_set(err, "%s has no open exam attempt %" PRId64 " to resume; "
			     "'rolecall report' lists the attempts", app->user, id);
		goto out;
	}
	r.a.banks = r.banks;
	if (resume_exam(app, &r, cfg, e, err) < 0)
		goto out;
	*att = r.a;
	att->user = app->user;
	att->definition = r.definition ? app->exam_def->id : NULL;
	*banks_text = r.banks;
	r.banks = NULL;
	rc = 0;
out:
	free(r.banks);
	free(r.definition);
	return rc;
}

int app_exam_resume_open(struct app *app, struct exam_config *cfg, struct exam **e,
			 struct exam_attempt *att, char **banks_text, struct rc_error *err)
{
	struct app_exam_open o;

	*e = NULL;
	*banks_text = NULL;
	if (app_exam_find_open(app, &o, err) < 0)
		return -1;
	if (!o.id && app->exam_def)
		return rc_error_set(err, "%s has no open attempt at exam %s to resume; "
				    "'rolecall exam %s' begins one", app->user,
				    app->exam_def->id, app->exam_def->id);
	if (!o.id)
		return rc_error_set(err, "%s has no open exam attempt to resume; "
				    "'rolecall exam' begins one", app->user);
	return app_exam_resume(app, o.id, cfg, e, att, banks_text, err);
}

void app_exam_resume_point(const struct exam *e, int *cur, int *furthest)
{
	unsigned n = exam_count(e);
	int last = -1;

	for (unsigned i = 0; i < n; i++)
		if (exam_item(e, i)->picked >= 0)
			last = (int)i;
	*furthest = last < 0 ? 0 : last;
	/* on after the furthest answered question, then any skipped before */
	*cur = exam_next_unanswered(e, last < 0 ? n - 1 : (unsigned)last);
	if (*cur > *furthest)
		*furthest = *cur;
}

void app_exam_open_text(const struct app_exam_open *o, char *buf, size_t len)
{
	time_t t = (time_t)o->started_at;
	char when[40] = "at an unknown time";
	struct tm tm;

	if (gmtime_r(&t, &tm))
		strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
	snprintf(buf, len, "attempt %" PRId64 ", begun %s, %u of %u question%s answered",
		 o->id, when, o->answered, o->count, o->count == 1 ? "" : "s");
}

void app_exam_open_of(const struct exam *e, const struct exam_attempt *att,
		      struct app_exam_open *o)
{
	o->id = att->id;
	o->started_at = att->started_at;
	o->count = exam_count(e);
	o->answered = exam_answered(e);
	o->time_limit = exam_time_limit(e);
}

void app_exam_resume_command(const struct app *app, char *buf, size_t len)
{
	if (app->exam_def)
		snprintf(buf, len, "rolecall exam %s --resume", app->exam_def->id);
	else
		snprintf(buf, len, "rolecall exam --resume");
}
