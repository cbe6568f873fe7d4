/*
 * store — the policy every backend shares (store_backend.h): which backend
 * a --db target names, what one answer changes in the derived state, the
 * catch-up with another process of the same profile, the replay of the
 * log into a rebuild, and the transactions that join an exam's or a trivia
 * answer's own rows to the log.  The rest passes straight to the backend.
 */
#include "store_backend.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rolecall/bank.h"

#include "store_errors.h"
#include "store_impl.h"

/* ---- open and close ---- */

/* libpq's connection strings: a URI, or "keyword=value ..." starting with
 * one of the keywords a team would write first.  A file path that merely
 * contains '=' is still a file. */
static int store_is_pg_target(const char *target)
{
	static const char *const starts[] = {
		"postgresql://", "postgres://", "host=", "hostaddr=", "dbname=",
		"user=", "port=", "service=",
	};

	for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++)
		if (!strncmp(target, starts[i], strlen(starts[i])))
			return 1;
	return 0;
}

int store_target_is_file(const char *target)
{
	return !store_is_pg_target(target);
}

const struct store_ops *store_backend_for(const char *target,
					  struct rc_error *err)
{
	if (!store_is_pg_target(target))
		return &store_sqlite_ops;
#ifdef ROLECALL_HAVE_PG
	(void)err;
	return &store_pg_ops;
#else
	rc_error_set(err, "%s: this rolecall was built without PostgreSQL "
		     "support; build it with libpq (Debian: libpq-dev) or give "
		     "--db a file", target);
	return NULL;
#endif
}

static int store_open_as(const char *target, int read, struct store **out,
			 struct rc_error *err)
{
	const struct store_ops *ops;
	struct store *s;

	*out = NULL;
	if (!target || !*target)
		return rc_error_set(err, "no database file given; give --db FILE");
	if (!(ops = store_backend_for(target, err)))
		return -1;
	if (!(s = calloc(1, sizeof *s)))
		return rc_error_set(err, "%s: cannot open the database: out of "
				    "memory", target);
	s->ops = ops;
	if ((read && ops->open_read ? ops->open_read : ops->open)(target, &s->c, err) < 0) {
		free(s);
		return -1;
	}
	*out = s;
	return 0;
}

int store_open(const char *target, struct store **out, struct rc_error *err)
{
	return store_open_as(target, 0, out, err);
}

int store_open_existing(const char *target, struct store **out, struct rc_error *err)
{
	return store_open_as(target, 1, out, err);
}

int store_init(const char *target, const char **backend, int *version,
	       struct rc_error *err)
{
	const struct store_ops *ops;

	if (!target || !*target)
		return rc_error_set(err, "no database given; give --db FILE or URI");
	if (!(ops = store_backend_for(target, err)))
		return -1;
	*backend = ops->about.name;
	*version = ops->about.schema_version;
	return ops->init(target, err);
}

void store_close(struct store *s)
{
	if (!s)
		return;
	s->ops->close(s->c);
	free(s);
}

const char *store_path(const struct store *s)
{
	return s->ops->path(s->c);
}

/* ---- a server that goes away ---- */

/* How long a write waits for the server before it gives up: a restart
 * takes seconds; a longer outage is one to tell the user about. */
#define STORE_RECONNECT_MS 60000
#define STORE_RECONNECT_MAX_DELAY_MS 2000

void store_set_notice(struct store *s, store_notice_fn fn, void *ctx)
{
	s->notice = fn;
	s->notice_ctx = ctx;
}

void store_set_role_names(struct store *s, const struct catalog *cat)
{
	s->names = cat;
	memset(s->named, 0, sizeof s->named);
}

static void store_notice(const struct store *s, const char *line)
{
	if (s->notice)
		s->notice(s->notice_ctx, line);
}

static void store_sleep_ms(unsigned ms)
{
	struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* Connect again, waiting longer each time; err holds why the write
 * failed, and on giving up says so. */
static int store_reconnect(struct store *s, struct rc_error *err)
{
	unsigned delay = 250, waited = 0;
	char line[RC_ERROR_MSG_MAX + 96];

	for (int tries = 1;; tries++) {
		/* short enough for a terminal's bottom line after the path */
		snprintf(line, sizeof line, "%s: server gone; trying again in %.1f s "
			 "(try %d); your answer is kept", store_path(s), delay / 1000.0,
			 tries);
		store_notice(s, line);
		store_sleep_ms(delay);
		waited += delay;
		if (s->ops->reconnect(s->c, err) == 0)
			break;
		if (waited >= STORE_RECONNECT_MS)
			return rc_error_set(err, "%s: no answer from the server for %u s, "
					    "so the last answer is not saved; start "
					    "rolecall again once the server is back",
					    store_path(s), waited / 1000);
		delay = delay * 2 > STORE_RECONNECT_MAX_DELAY_MS ?
			STORE_RECONNECT_MAX_DELAY_MS : delay * 2;
	}
	snprintf(line, sizeof line, "%s: connected again", store_path(s));
	store_notice(s, line);
	return 0;
}

/* A write that failed rolled back the names it saved: save them again. */
static int store_written(struct store *s, int rc)
{
	if (rc < 0)
		memset(s->named, 0, sizeof s->named);
	return rc;
}

int store_write(struct store *s, store_write_fn fn, void *ctx, struct rc_error *err)
{
	int rc = store_written(s, fn(s, ctx, err));

	while (rc < 0 && s->ops->lost && s->ops->lost(s->c)) {
		int landed;

		if (store_reconnect(s, err) < 0)
			return -1;
		landed = s->ops->landed(s->c, err);
		if (landed > 0)
			return 0; /* the commit reached the server before the line broke */
		rc = landed < 0 ? -1 : store_written(s, fn(s, ctx, err));
	}
	return rc;
}

/* ---- logins ---- */

int store_grant(struct store *s, int manager, const char *name, struct rc_error *err)
{
	if (!s->ops->grant)
		return rc_error_set(err, "%s is a file, which has no database logins; "
				    "'db grant' is for a PostgreSQL database (doc/teams.md)",
				    store_path(s));
	return s->ops->grant(s->c, manager, name, err);
}

int store_login(struct store *s, char *login, size_t len, int *manager,
		struct rc_error *err)
{
	*manager = 0;
	return s->ops->login ? s->ops->login(s->c, login, len, manager, err) : 0;
}

/* ---- the server's clock ---- */

int store_clock_offset(struct store *s, int64_t (*local_ms)(void), int64_t *offset,
		       struct rc_error *err)
{
	int64_t best = -1;

	*offset = 0;
	if (!s->ops->server_ms)
		return 0;
	/* the quickest of three round trips says the most */
	for (int i = 0; i < 3; i++) {
		int64_t before = local_ms(), server, after;

		if (s->ops->server_ms(s->c, &server, err) < 0)
			return -1;
		after = local_ms();
		if (best < 0 || after - before < best) {
			best = after - before;
			*offset = server - (before + after) / 2;
		}
	}
	return 0;
}

/* ---- profiles ---- */

int store_find_user(struct store *s, const char *name, int64_t *user_id,
		    struct rc_error *err)
{
	return s->ops->user_find(s->c, name, user_id, err);
}

int store_user(struct store *s, const char *name, int64_t *user_id,
	       struct rc_error *err)
{
	return s->ops->user(s->c, name, user_id, err);
}

/* ---- derived state ---- */

int store_load_history(struct store *s, int64_t user_id, struct history *h,
		       struct rc_error *err)
{
	int rc;

	/* One read transaction, so that the derived tables come from the
	 * same moment even while another rolecall records answers. */
	if (s->ops->begin_read(s->c, "start loading the history", err) < 0)
		return -1;
	rc = s->ops->load_derived(s->c, user_id, h, err);
	return s->ops->finish(s->c, rc, "load the history", err);
}

static int store_put_tallies(struct store *s, int64_t user_id,
			     const struct answer_record *rec,
			     const struct history *h, struct rc_error *err)
{
	for (unsigned i = 0; i < rec->n_about; i++) {
		int r = history_role_find(h, rec->about[i]);

		if (r < 0)
			return store_unapplied(store_path(s), rec, err);
		if (s->ops->put_tally(s->c, user_id, rec->about[i],
				      history_role_tally(h, (unsigned)r), err) < 0)
			return -1;
	}
	return 0;
}

/* The cells this answer was a chance for: (answer, X) for every role X
 * shown beside the answer's own. */
static int store_put_confusions(struct store *s, int64_t user_id,
				const struct answer_record *rec,
				const struct history *h, struct rc_error *err)
{
	int y;

	if (!rec->answer_role)
		return 0;
	if ((y = history_role_find(h, rec->answer_role)) < 0)
		return store_unapplied(store_path(s), rec, err);
	for (unsigned i = 0; i < rec->n_shown; i++) {
		const char *x = rec->shown_roles[i];
		int xi;

		if (!x || !strcmp(x, rec->answer_role))
			continue;
		if ((xi = history_role_find(h, x)) < 0)
			return store_unapplied(store_path(s), rec, err);
		if (s->ops->put_confusion(s->c, user_id, rec->answer_role, x,
					  history_confusion(h, (unsigned)y, (unsigned)xi),
					  err) < 0)
			return -1;
	}
	return 0;
}

/* The log row and every derived row one answer changed. */
static int store_put_answer(struct store *s, int64_t user_id,
			    const struct answer_record *rec,
			    const struct history *h, struct rc_error *err)
{
	const struct question_state *qs = history_question(h, rec->question_id);

	if (!qs)
		return store_unapplied(store_path(s), rec, err);
	if (s->ops->log_add(s->c, user_id, rec, err) < 0 ||
	    s->ops->put_question(s->c, user_id, qs, err) < 0 ||
	    store_put_tallies(s, user_id, rec, h, err) < 0 ||
	    store_put_confusions(s, user_id, rec, h, err) < 0)
		return -1;
	return s->ops->put_totals(s->c, user_id, history_answers(h),
				  history_correct(h), err);
}

static int store_put_role_name(struct store *s, int64_t user_id, const char *id,
			       struct rc_error *err)
{
	int r = id ? catalog_find_role(s->names, id) : -1;

	if (r < 0 || s->named[r])
		return 0;
	if (s->ops->put_role_name(s->c, user_id, id, catalog_role(s->names, r)->name,
				  err) < 0)
		return -1;
	s->named[r] = 1;
	return 0;
}

struct store_naming {
	int64_t user_id;
	struct history *h;
};

/* The catalog's index of role i of h when its saved name is missing or
 * not the catalog's; -1 when it needs no saving. */
static int store_unnamed(const struct store *s, const struct history *h, unsigned i)
{
	int r = catalog_find_role(s->names, history_role_id(h, i));
	const char *saved = history_role_name(h, i);

	return r >= 0 && (!saved || strcmp(saved, catalog_role(s->names, r)->name)) ? r : -1;
}

static int store_name_roles_once(struct store *s, void *ctx, struct rc_error *err)
{
	const struct store_naming *n = ctx;
	int rc = 0;

	if (s->ops->begin_write(s->c, n->user_id, "start saving the role names", err) < 0)
		return -1;
	s->named_user = n->user_id;
	memset(s->named, 0, sizeof s->named);
	for (unsigned i = 0, count = history_role_count(n->h); i < count; i++) {
		int r = store_unnamed(s, n->h, i);

		if (r >= 0 && (rc = store_put_role_name(s, n->user_id,
							 history_role_id(n->h, i), err)) < 0)
			break;
	}
	return s->ops->finish(s->c, rc, "save the role names", err);
}

int store_name_roles(struct store *s, int64_t user_id, struct history *h,
		     struct rc_error *err)
{
	struct store_naming n = { user_id, h };
	unsigned i, count = history_role_count(h);

	if (!s->names)
		return 0;
	for (i = 0; i < count && store_unnamed(s, h, i) < 0; i++)
		;
	if (i == count)
		return 0;
	if (store_write(s, store_name_roles_once, &n, err) < 0)
		return -1;
	/* h named only now that the rows are: a retried write must still
	 * see in h what is unsaved */
	for (i = 0; i < count; i++) {
		int r = catalog_find_role(s->names, history_role_id(h, i));

		if (r >= 0 && history_set_role_name(h, history_role_id(h, i),
						    catalog_role(s->names, r)->name) < 0)
			return store_history_fail(store_path(s), h, "name the roles", err);
	}
	return 0;
}

/* Every role the answer brings into the history: its answer, the roles
 * it counts toward and those shown beside it. */
static int store_put_role_names(struct store *s, int64_t user_id,
				const struct answer_record *rec, struct rc_error *err)
{
	if (!s->names)
		return 0;
	if (s->named_user != user_id) {
		memset(s->named, 0, sizeof s->named);
		s->named_user = user_id;
	}
	if (store_put_role_name(s, user_id, rec->answer_role, err) < 0)
		return -1;
	for (unsigned i = 0; i < rec->n_about; i++)
		if (store_put_role_name(s, user_id, rec->about[i], err) < 0)
			return -1;
	for (unsigned i = 0; i < rec->n_shown; i++)
		if (store_put_role_name(s, user_id, rec->shown_roles[i], err) < 0)
			return -1;
	return 0;
}

/* h as the rows have it now, with recs applied. */
static int store_reload(struct store *s, int64_t user_id,
			const struct answer_record *recs, unsigned n,
			struct history *h, struct rc_error *err)
{
	history_clear(h);
	if (s->ops->load_derived(s->c, user_id, h, err) < 0)
		return -1;
	for (unsigned i = 0; i < n; i++)
		if (history_apply(h, &recs[i], HISTORY_SLOW_MS) < 0)
			return store_history_fail(store_path(s), h,
						  "catch up with another rolecall", err);
	return 0;
}

/*
 * Another rolecall of the same profile (a second terminal, another
 * laptop) may have recorded answers since h was loaded: the rows it wrote
 * count them, and rows written from h would count them no more.  The
 * profile's total, read under the write lock, tells: every writer keeps it
 * equal to the answers the rows count.  Then h is loaded again and the new
 * answers applied.
 */
static int store_catch_up(struct store *s, int64_t user_id,
			  const struct answer_record *recs, unsigned n,
			  struct history *h, struct rc_error *err)
{
	int64_t stored;

	if (s->ops->stored_answers(s->c, user_id, &stored, err) < 0)
		return -1;
	if (stored < 0)
		return store_no_user(store_path(s), user_id, err);
	if ((uint64_t)stored + n == history_answers(h))
		return 0;
	return store_reload(s, user_id, recs, n, h, err);
}

int store_record_locked(struct store *s, int64_t user_id,
			const struct answer_record *recs, unsigned n,
			struct history *h, struct rc_error *err)
{
	/* checked before catching up, which would apply them itself */
	for (unsigned i = 0; i < n; i++)
		if (!history_question(h, recs[i].question_id))
			return store_unapplied(store_path(s), &recs[i], err);
	if (store_catch_up(s, user_id, recs, n, h, err) < 0)
		return -1;
	for (unsigned i = 0; i < n; i++)
		if (store_put_answer(s, user_id, &recs[i], h, err) < 0 ||
		    store_put_role_names(s, user_id, &recs[i], err) < 0)
			return -1;
	return 0;
}

struct store_one {
	int64_t user_id;
	const struct answer_record *rec;
	struct history *h;
};

static int store_record_once(struct store *s, void *ctx, struct rc_error *err)
{
	const struct store_one *o = ctx;
	int rc;

	if (s->ops->begin_write(s->c, o->user_id, "start saving the answer", err) < 0)
		return -1;
	rc = store_record_locked(s, o->user_id, o->rec, 1, o->h, err);
	return s->ops->finish(s->c, rc, "save the answer", err);
}

int store_record(struct store *s, int64_t user_id,
		 const struct answer_record *rec, struct history *h,
		 struct rc_error *err)
{
	struct store_one o = { user_id, rec, h };

	if (!rec->question_id)
		return store_unapplied(store_path(s), rec, err);
	return store_write(s, store_record_once, &o, err);
}

/* ---- rebuilding ---- */

struct store_saver {
	struct store *s;
	int64_t user_id;
	struct rc_error *err;
	int failed;
};

static void store_save_question(void *ctx, const struct question_state *qs)
{
	struct store_saver *sv = ctx;

	if (!sv->failed &&
	    sv->s->ops->put_question(sv->s->c, sv->user_id, qs, sv->err) < 0)
		sv->failed = 1;
}

/* Every row of h's derived state.  Roles never asked and pairs never
 * offered are left out, as store_record never writes them either. */
static int store_save_history(struct store *s, int64_t user_id,
			      const struct history *h, struct rc_error *err)
{
	struct store_saver sv = { s, user_id, err, 0 };
	unsigned n = history_role_count(h);

	history_each_question(h, store_save_question, &sv);
	if (sv.failed)
		return -1;
	for (unsigned a = 0; a < n; a++) {
		const struct role_tally *t = history_role_tally(h, a);

		if ((t->asked || t->correct) &&
		    s->ops->put_tally(s->c, user_id, history_role_id(h, a), t, err) < 0)
			return -1;
		for (unsigned p = 0; p < n; p++) {
			const struct confusion_cell *c = history_confusion(h, a, p);

			if ((c->count || c->chances) &&
			    s->ops->put_confusion(s->c, user_id, history_role_id(h, a),
						  history_role_id(h, p), c, err) < 0)
				return -1;
		}
	}
	return s->ops->put_totals(s->c, user_id, history_answers(h),
				  history_correct(h), err);
}

/* The log comes ordered by user, so one history at a time is enough. */
struct store_replay {
	struct store *s;
	struct rc_error *err;
	int64_t slow_ms;
	int64_t user_id;
	struct history *h;
};

static int store_replay_flush(struct store_replay *r)
{
	int rc = 0;

	if (r->h)
		rc = store_save_history(r->s, r->user_id, r->h, r->err);
	history_free(r->h);
	r->h = NULL;
	return rc;
}

static int store_replay_row(void *ctx, int64_t user_id, const struct log_row *row)
{
	struct store_replay *r = ctx;

	if (!r->h || user_id != r->user_id) {
		if (store_replay_flush(r) < 0)
			return -1;
		if (!(r->h = history_new()))
			return store_oom(store_path(r->s), "rebuild the derived state",
					 r->err);
		r->user_id = user_id;
	}
	if (history_apply(r->h, &row->rec, r->slow_ms) < 0)
		return store_history_fail(store_path(r->s), r->h,
					  "replay the answer log", r->err);
	return 0;
}

int store_rebuild(struct store *s, int64_t slow_ms, struct rc_error *err)
{
	struct store_replay r = { s, err, slow_ms, 0, NULL };
	int rc;

	if (s->ops->begin_write(s->c, 0, "start rebuilding the derived state",
				err) < 0)
		return -1;
	rc = s->ops->clear_derived(s->c, err);
	if (rc == 0)
		rc = s->ops->log_scan(s->c, 0, 1, store_replay_row, &r,
				      "replay the answer log", err);
	if (rc == 0)
		rc = store_replay_flush(&r);
	history_free(r.h);
	return s->ops->finish(s->c, rc < 0 ? -1 : 0, "save the rebuilt state", err);
}

/* ---- reading the log ---- */

struct store_each {
	int (*fn)(void *ctx, const struct log_row *row);
	void *ctx;
};

static int store_each_visit(void *ctx, int64_t user_id, const struct log_row *row)
{
	const struct store_each *e = ctx;

	(void)user_id;
	return e->fn(e->ctx, row) ? 1 : 0;
}

int store_each_answer(struct store *s, int64_t user_id,
		      int (*fn)(void *ctx, const struct log_row *row), void *ctx,
		      struct rc_error *err)
{
	struct store_each e = { fn, ctx };

	return s->ops->log_scan(s->c, user_id, 0, store_each_visit, &e,
				"read the answer log", err);
}

int store_daily(struct store *s, int64_t user_id, int64_t now, unsigned days,
		uint32_t *answers, uint32_t *correct, struct rc_error *err)
{
	return s->ops->daily(s->c, user_id, now, days, answers, correct, err);
}

int store_check_integrity(struct store *s, struct rc_error *err)
{
	return s->ops->check_integrity(s->c, err);
}

int store_dump_derived(struct store *s, FILE *out, struct rc_error *err)
{
	return s->ops->dump_derived(s->c, out, err);
}

/* ---- exams ---- */

static int store_malformed_item(const struct store *s, const struct answer_record *rec,
				struct rc_error *err)
{
	return rc_error_set(err, "%s: cannot save the exam question '%s': its options are "
			    "malformed (a bug in rolecall; please report it)", store_path(s),
			    rec->question_id ? rec->question_id : "?");
}

/* The attempt and its questions, stored when the exam starts, so that
 * one that is killed is still there, as not submitted. */
int store_exam_begin(struct store *s, struct exam_attempt *a,
		     const struct answer_record *items, unsigned n,
		     struct rc_error *err)
{
	int rc;

	if (n != a->count)
		return rc_error_set(err, "%s: cannot save an exam of %u questions "
				    "with %u of them (a bug in rolecall; please "
				    "report it)", store_path(s), a->count, n);
	if (s->ops->begin_game(s->c, "start saving the exam", err) < 0)
		return -1;
	rc = s->ops->exam_add(s->c, a, err);
	for (unsigned i = 0; rc == 0 && i < n; i++)
		rc = s->ops->exam_item_add(s->c, a->id, i, &items[i], err);
	return s->ops->finish(s->c, rc, "save the exam attempt", err);
}

struct store_exam_write {
	const struct exam_attempt *a;
	int64_t attempt_id;
	unsigned position;
	const struct answer_record *items;
	unsigned n;
	struct history *h;
};

/* Setting a pick twice changes nothing: sent again after a lost
 * connection, it is harmless. */
static int store_exam_answer_once(struct store *s, void *ctx, struct rc_error *err)
{
	const struct store_exam_write *w = ctx;
	int rc;

	if (s->ops->begin_game(s->c, "start saving the exam answer", err) < 0)
		return -1;
	rc = s->ops->exam_item_put(s->c, w->attempt_id, w->position, w->items, err);
	return s->ops->finish(s->c, rc, "save the exam answer", err);
}

int store_exam_answer(struct store *s, int64_t attempt_id, unsigned position,
		      const struct answer_record *item, struct rc_error *err)
{
	struct store_exam_write w = { NULL, attempt_id, position, item, 1, NULL };

	return store_write(s, store_exam_answer_once, &w, err);
}

struct store_exam_submit {
	struct store_exam_write w;
	const struct answer_record *answered; /* the items that were answered */
	unsigned n_answered;
	int again;  /* after a submit that failed: h is loaded afresh first */
};

/* The final answers first, while the attempt is open (they are right even
 * if a save during the exam was lost), then the attempt closed, then the
 * answered ones logged: one transaction. */
static int store_exam_close(struct store *s, const struct store_exam_submit *x,
			    struct rc_error *err)
{
	const struct store_exam_write *w = &x->w;

	for (unsigned i = 0; i < w->n; i++) {
		if (!w->items[i].question_id || w->items[i].mode != MODE_EXAM)
			return store_malformed_item(s, &w->items[i], err);
		if (s->ops->exam_item_put(s->c, w->a->id, i, &w->items[i], err) < 0)
			return -1;
	}
	if (s->ops->exam_submit(s->c, w->a, w->n, err) < 0)
		return -1;
	return store_record_locked(s, w->a->user_id, x->answered, x->n_answered, w->h,
				   err);
}

static int store_exam_submit_once(struct store *s, void *ctx, struct rc_error *err)
{
	const struct store_exam_submit *x = ctx;
	const struct store_exam_write *w = &x->w;

	int rc;

	if (s->ops->begin_write(s->c, w->a->user_id, "start submitting the exam",
				err) < 0)
		return -1;
	/* A submit that failed may have left h half caught up; under the
	 * lock, the rows say what it is. */
	rc = x->again ? store_reload(s, w->a->user_id, x->answered, x->n_answered, w->h,
				     err) : 0;
	if (rc == 0)
		rc = store_exam_close(s, x, err);
	return s->ops->finish(s->c, rc, "submit the exam", err);
}

/* A question left unanswered (end of input, time up, skipped) counts
 * against the exam's score, which the attempt keeps; it is no evidence of
 * what the person confuses, so the log and the derived state never see
 * it. */
static int store_exam_submit_as(struct store *s, const struct exam_attempt *a,
				const struct answer_record *items, unsigned n,
				struct history *h, int again, struct rc_error *err)
{
	struct store_exam_submit x = { { a, a->id, 0, items, n, h }, NULL, 0, again };
	struct answer_record *answered = malloc((n ? n : 1) * sizeof *answered);
	int rc;

	if (!answered)
		return store_oom(store_path(s), "submit the exam", err);
	for (unsigned i = 0; i < n; i++)
		if (items[i].picked >= 0)
			answered[x.n_answered++] = items[i];
	x.answered = answered;
	rc = store_write(s, store_exam_submit_once, &x, err);
	free(answered);
	return rc;
}

int store_exam_submit(struct store *s, const struct exam_attempt *a,
		      const struct answer_record *items, unsigned n,
		      struct history *h, struct rc_error *err)
{
	return store_exam_submit_as(s, a, items, n, h, 0, err);
}

int store_exam_submit_again(struct store *s, const struct exam_attempt *a,
			    const struct answer_record *items, unsigned n,
			    struct history *h, struct rc_error *err)
{
	return store_exam_submit_as(s, a, items, n, h, 1, err);
}

int store_each_role_name(struct store *s, int64_t user_id,
			 int (*fn)(void *ctx, const char *role, const char *name),
			 void *ctx, struct rc_error *err)
{
	return s->ops->each_role_name(s->c, user_id, fn, ctx, err);
}

int store_each_attempt(struct store *s, const struct exam_filter *f,
		       int (*fn)(void *ctx, const struct exam_attempt *a),
		       void *ctx, struct rc_error *err)
{
	return s->ops->each_attempt(s->c, f, fn, ctx, err);
}

int store_each_exam_item(struct store *s, const struct exam_filter *f,
			 int (*fn)(void *ctx, const struct exam_item_row *row),
			 void *ctx, struct rc_error *err)
{
	return s->ops->each_exam_item(s->c, f, fn, ctx, err);
}
