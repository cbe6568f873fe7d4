/*
 * store_answers — profiles, the append-only answer log, and the state
 * derived from it (question schedules, role tallies, confusion counts,
 * totals): recording, loading, reading the log back, rebuilding, counting
 * per day, dumping.
 */
#include "store_impl.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <time.h>


#define STORE_DAY 86400

/* The caller handed store_record an answer its history has not seen. */
static int store_unapplied(const struct store *s,
			   const struct answer_record *rec, struct rc_error *err)
{
	return rc_error_set(err, "%s: cannot save the answer to '%s': it was not "
			    "applied to the history first (a bug in rolecall; "
			    "please report it)", s->path,
			    rec->question_id ? rec->question_id : "?");
}

static int store_no_user(const struct store *s, int64_t user_id,
			 struct rc_error *err)
{
	return rc_error_set(err, "%s: there is no profile with id %" PRId64
			    "; open the profile with store_user first (a bug in "
			    "rolecall; please report it)", s->path, user_id);
}

/* history_* fail when out of memory or when a history is full of roles. */
static int store_history_fail(const struct store *s, const struct history *h,
			      const char *doing, struct rc_error *err)
{
	if (history_role_count(h) >= HISTORY_MAX_ROLES)
		return rc_error_set(err, "%s: cannot %s: more than %d roles; keep "
				    "fewer banks in one database (give --db another "
				    "file)", s->path, doing, HISTORY_MAX_ROLES);
	return store_oom(s, doing, err);
}

static int store_bad_row(const struct store *s, int64_t id, struct rc_error *err)
{
	return rc_error_set(err, "%s: answer %" PRId64 " in the log cannot be "
			    "read (unknown mode or malformed option lists: a newer "
			    "rolecall or a hand edit wrote it); fix that row with "
			    "sqlite3 or give --db another file", s->path, id);
}

/* ---- profiles ---- */

/* 1 and the id when the profile exists, 0 when not, -1 on error. */
static int store_user_find(struct store *s, const char *name, int64_t *user_id,
			   struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_USER_FIND];
	int rc = sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int found = 0;

	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*user_id = sqlite3_column_int64(st, 0);
		found = 1;
	} else if (rc != SQLITE_DONE) {
		found = store_fail(s, rc, "look up the profile", err);
	}
	store_reset(st);
	return found;
}

int store_find_user(struct store *s, const char *name, int64_t *user_id,
		    struct rc_error *err)
{
	if (!name || !*name)
		return 0;
	return store_user_find(s, name, user_id, err);
}

int store_user(struct store *s, const char *name, int64_t *user_id,
	       struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_USER_ADD];
	int rc = SQLITE_OK, found;

	if (!name || !*name)
		return rc_error_set(err, "%s: a profile needs a name; give --user NAME",
				    s->path);
	/* Look first: most runs find the profile and need no write lock. */
	if ((found = store_user_find(s, name, user_id, err)) != 0)
		return found < 0 ? -1 : 0;
	bind_text(st, 1, name, &rc);
	bind_i64(st, 2, (int64_t)time(NULL), &rc);
	if (store_run(s, st, rc, "create the profile", err) < 0 ||
	    (found = store_user_find(s, name, user_id, err)) < 0)
		return -1;
	if (!found)
		return rc_error_set(err, "%s: the profile '%s' vanished as it was "
				    "created; try again", s->path, name);
	return 0;
}

/* ---- writing derived state ---- */

static int store_question_put(struct store *s, int64_t user_id,
			      const struct question_state *qs,
			      struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_QUESTION_PUT];
	int rc = SQLITE_OK;

	bind_i64(st, 1, user_id, &rc);
	bind_text(st, 2, qs->id, &rc);
	bind_f64(st, 3, qs->card.stability, &rc);
	bind_f64(st, 4, qs->card.difficulty, &rc);
	bind_i64(st, 5, qs->card.last_review, &rc);
	bind_i64(st, 6, qs->card.due, &rc);
	bind_i64(st, 7, qs->card.reps, &rc);
	bind_i64(st, 8, qs->card.lapses, &rc);
	bind_i64(st, 9, qs->asked, &rc);
	bind_i64(st, 10, qs->wrong, &rc);
	bind_i64(st, 11, qs->last_seen, &rc);
	return store_run(s, st, rc, "save the question's schedule", err);
}

static int store_tally_put(struct store *s, int64_t user_id, const char *role,
			   const struct role_tally *t, struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_TALLY_PUT];
	int rc = SQLITE_OK;

	bind_i64(st, 1, user_id, &rc);
	bind_text(st, 2, role, &rc);
	bind_i64(st, 3, t->asked, &rc);
	bind_i64(st, 4, t->correct, &rc);
	return store_run(s, st, rc, "save the role tally", err);
}

static int store_confusion_put(struct store *s, int64_t user_id,
			       const char *answer, const char *picked,
			       const struct confusion_cell *c,
			       struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_CONFUSION_PUT];
	int rc = SQLITE_OK;

	bind_i64(st, 1, user_id, &rc);
	bind_text(st, 2, answer, &rc);
	bind_text(st, 3, picked, &rc);
	bind_i64(st, 4, c->count, &rc);
	bind_i64(st, 5, c->chances, &rc);
	return store_run(s, st, rc, "save the confusion counts", err);
}

static int store_totals_put(struct store *s, int64_t user_id,
			    const struct history *h, struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_TOTALS_PUT];
	int rc = SQLITE_OK;

	bind_i64(st, 1, user_id, &rc);
	bind_i64(st, 2, (int64_t)history_answers(h), &rc);
	bind_i64(st, 3, (int64_t)history_correct(h), &rc);
	if (store_run(s, st, rc, "save the profile's totals", err) < 0)
		return -1;
	return sqlite3_changes(s->db) == 1 ? 0 : store_no_user(s, user_id, err);
}

/* ---- the answer log ---- */

static int store_log_add(struct store *s, int64_t user_id,
			 const struct answer_record *rec, struct rc_error *err)
{
	char about[STORE_LIST_MAX], shown[STORE_LIST_MAX], choices[STORE_LIST_MAX];
	sqlite3_stmt *st = s->stmt[SQL_LOG_ADD];
	int rc = SQLITE_OK;

	/* what could not be read back is refused now, not at the next export */
	if (session_mode_parse(session_mode_name(rec->mode)) < 0 ||
	    rec->n_about > BANK_MAX_OPTIONS || rec->n_shown > BANK_MAX_OPTIONS ||
	    rec->picked < -1 || rec->picked >= (int)rec->n_shown ||
	    store_join_ids(about, rec->about, rec->n_about) < 0 ||
	    store_join_ids(shown, rec->shown_roles, rec->n_shown) < 0 ||
	    store_join_choices(choices, rec->shown_choices, rec->n_shown) < 0)
		return rc_error_set(err, "%s: cannot save the answer to '%s': its "
				    "options are malformed (a bug in rolecall; please "
				    "report it)", s->path, rec->question_id);
	bind_i64(st, 1, user_id, &rc);
	bind_text(st, 2, rec->bank_id, &rc);
	bind_text(st, 3, rec->question_id, &rc);
	bind_text(st, 4, rec->answer_role, &rc);
	bind_text(st, 5, about, &rc);
	bind_text(st, 6, shown, &rc);
	bind_text(st, 7, choices, &rc);
	bind_i64(st, 8, rec->picked, &rc);
	bind_text(st, 9, answer_record_picked_role(rec), &rc);
	bind_i64(st, 10, rec->correct != 0, &rc);
	bind_i64(st, 11, rec->elapsed_ms, &rc);
	bind_i64(st, 12, rec->answered_at, &rc);
	bind_text(st, 13, session_mode_name(rec->mode), &rc);
	return store_run(s, st, rc, "save the answer", err);
}

static int store_record_tallies(struct store *s, int64_t user_id,
				const struct answer_record *rec,
				const struct history *h, struct rc_error *err)
{
	for (unsigned i = 0; i < rec->n_about; i++) {
		int r = history_role_find(h, rec->about[i]);

		if (r < 0)
			return store_unapplied(s, rec, err);
		if (store_tally_put(s, user_id, rec->about[i],
				    history_role_tally(h, (unsigned)r), err) < 0)
			return -1;
	}
	return 0;
}

/* The cells this answer was a chance for: (answer, X) for every role X
 * shown beside the answer's own. */
static int store_record_confusions(struct store *s, int64_t user_id,
				   const struct answer_record *rec,
				   const struct history *h,
				   struct rc_error *err)
{
	int y;

	if (!rec->answer_role)
		return 0;
	if ((y = history_role_find(h, rec->answer_role)) < 0)
		return store_unapplied(s, rec, err);
	for (unsigned i = 0; i < rec->n_shown; i++) {
		const char *x = rec->shown_roles[i];
		int xi;

		if (!x || !strcmp(x, rec->answer_role))
			continue;
		if ((xi = history_role_find(h, x)) < 0)
			return store_unapplied(s, rec, err);
		if (store_confusion_put(s, user_id, rec->answer_role, x,
					history_confusion(h, (unsigned)y, (unsigned)xi),
					err) < 0)
			return -1;
	}
	return 0;
}

static int store_record_one(struct store *s, int64_t user_id,
			    const struct answer_record *rec,
			    const struct history *h, struct rc_error *err)
{
	const struct question_state *qs = history_question(h, rec->question_id);

	if (!qs)
		return store_unapplied(s, rec, err);
	if (store_log_add(s, user_id, rec, err) < 0 ||
	    store_question_put(s, user_id, qs, err) < 0 ||
	    store_record_tallies(s, user_id, rec, h, err) < 0 ||
	    store_record_confusions(s, user_id, rec, h, err) < 0)
		return -1;
	return store_totals_put(s, user_id, h, err);
}

/* ---- loading derived state ---- */

static int store_question_row(struct store *s, sqlite3_stmt *st, void *ctx,
			      struct rc_error *err)
{
	struct question_state qs = {
		.id = col_text(st, 0),
		.card = {
			.stability = sqlite3_column_double(st, 1),
			.difficulty = sqlite3_column_double(st, 2),
			.last_review = sqlite3_column_int64(st, 3),
			.due = sqlite3_column_int64(st, 4),
			.reps = col_u32(st, 5),
			.lapses = col_u32(st, 6),
		},
		.asked = col_u32(st, 7),
		.wrong = col_u32(st, 8),
		.last_seen = sqlite3_column_int64(st, 9),
	};

	if (!qs.id || history_set_question(ctx, &qs) < 0)
		return store_history_fail(s, ctx, "load the question schedules", err);
	return 0;
}

static int store_tally_row(struct store *s, sqlite3_stmt *st, void *ctx,
			   struct rc_error *err)
{
	struct role_tally t = { col_u32(st, 1), col_u32(st, 2) };
	const char *role = col_text(st, 0);

	if (!role || history_set_role(ctx, role, t) < 0)
		return store_history_fail(s, ctx, "load the role tallies", err);
	return 0;
}

static int store_confusion_row(struct store *s, sqlite3_stmt *st, void *ctx,
			       struct rc_error *err)
{
	struct confusion_cell c = { col_u32(st, 2), col_u32(st, 3) };
	const char *answer = col_text(st, 0), *picked = col_text(st, 1);

	if (!answer || !picked || history_set_confusion(ctx, answer, picked, c) < 0)
		return store_history_fail(s, ctx, "load the confusion counts", err);
	return 0;
}

/* The profile's totals; finding the row at all proves the profile exists. */
struct store_load {
	struct history *h;
	int found;
};

static int store_totals_row(struct store *s, sqlite3_stmt *st, void *ctx,
			    struct rc_error *err)
{
	struct store_load *l = ctx;

	(void)s;
	(void)err;
	history_set_totals(l->h, (uint64_t)sqlite3_column_int64(st, 0),
			   (uint64_t)sqlite3_column_int64(st, 1));
	l->found = 1;
	return 1;
}

/* Run one of the per-user queries; ctx goes to fn. */
static int store_load_part(struct store *s, enum store_sql which,
			   int64_t user_id, store_row_fn fn, void *ctx,
			   struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[which];
	int rc = SQLITE_OK;

	bind_i64(st, 1, user_id, &rc);
	return store_rows(s, st, rc, "load the history", fn, ctx, err);
}

static int store_load_locked(struct store *s, int64_t user_id,
			     struct history *h, struct rc_error *err)
{
	struct store_load l = { h, 0 };

	if (store_load_part(s, SQL_TOTALS_GET, user_id, store_totals_row, &l,
			    err) < 0)
		return -1;
	if (!l.found)
		return store_no_user(s, user_id, err);
	if (store_load_part(s, SQL_QUESTION_GET, user_id, store_question_row, h,
			    err) < 0 ||
	    store_load_part(s, SQL_TALLY_GET, user_id, store_tally_row, h, err) < 0)
		return -1;
	return store_load_part(s, SQL_CONFUSION_GET, user_id, store_confusion_row,
			       h, err);
}

int store_load_history(struct store *s, int64_t user_id, struct history *h,
		       struct rc_error *err)
{
	int rc;

	/* One read transaction, so that the four tables come from the same
	 * moment even while another rolecall records answers. */
	if (store_begin(s, SQL_BEGIN_READ, "start loading the history", err) < 0)
		return -1;
	rc = store_load_locked(s, user_id, h, err);
	return store_finish(s, rc, "load the history", err);
}

/* ---- recording ---- */

static int store_stored_answers(struct store *s, sqlite3_stmt *st, void *ctx,
				struct rc_error *err)
{
	(void)s;
	(void)err;
	*(int64_t *)ctx = sqlite3_column_int64(st, 0);
	return 1;
}

/*
 * Another rolecall of the same profile (a second terminal) may have
 * recorded answers since h was loaded: the rows it wrote count them, and
 * rows written from h would count them no more.  The profile's total, read
 * under the write lock, tells: every writer keeps it equal to the answers
 * the rows count.  Then h is loaded again and the new answers applied.
 */
static int store_catch_up(struct store *s, int64_t user_id,
			  const struct answer_record *recs, unsigned n,
			  struct history *h, struct rc_error *err)
{
	int64_t stored = -1;

	if (store_load_part(s, SQL_TOTALS_GET, user_id, store_stored_answers,
			    &stored, err) < 0)
		return -1;
	if (stored < 0)
		return store_no_user(s, user_id, err);
	if ((uint64_t)stored + n == history_answers(h))
		return 0;
	history_clear(h);
	if (store_load_locked(s, user_id, h, err) < 0)
		return -1;
	for (unsigned i = 0; i < n; i++)
		if (history_apply(h, &recs[i], HISTORY_SLOW_MS) < 0)
			return store_history_fail(s, h, "catch up with another rolecall",
						  err);
	return 0;
}

int store_record_locked(struct store *s, int64_t user_id,
			const struct answer_record *recs, unsigned n,
			struct history *h, struct rc_error *err)
{
	/* checked before catching up, which would apply them itself */
	for (unsigned i = 0; i < n; i++)
		if (!history_question(h, recs[i].question_id))
			return store_unapplied(s, &recs[i], err);
	if (store_catch_up(s, user_id, recs, n, h, err) < 0)
		return -1;
	for (unsigned i = 0; i < n; i++)
		if (store_record_one(s, user_id, &recs[i], h, err) < 0)
			return -1;
	return 0;
}

int store_record(struct store *s, int64_t user_id,
		 const struct answer_record *rec, struct history *h,
		 struct rc_error *err)
{
	int rc;

	if (!rec->question_id)
		return store_unapplied(s, rec, err);
	if (store_begin(s, SQL_BEGIN_WRITE, "start saving the answer", err) < 0)
		return -1;
	rc = store_record_locked(s, user_id, rec, 1, h, err);
	return store_finish(s, rc, "save the answer", err);
}

/* ---- reading the log ---- */

static int store_decode(const struct store *s, sqlite3_stmt *st,
			struct log_row *row, struct store_lists *l,
			struct rc_error *err)
{
	struct answer_record *rec = &row->rec;
	const char *mode = col_text(st, 13);
	int64_t picked = sqlite3_column_int64(st, 8);
	int m = mode ? session_mode_parse(mode) : -1;

	memset(row, 0, sizeof *row);
	row->id = sqlite3_column_int64(st, 0);
	row->user = col_text(st, 1);
	row->picked_role = col_text(st, 9);
	rec->bank_id = col_text(st, 2);
	rec->question_id = col_text(st, 3);
	rec->answer_role = col_text(st, 4);
	rec->correct = sqlite3_column_int64(st, 10) != 0;
	rec->elapsed_ms = sqlite3_column_int64(st, 11);
	rec->answered_at = sqlite3_column_int64(st, 12);
	if (!row->user || !rec->bank_id || !rec->question_id || m < 0 ||
	    store_decode_lists(st, rec, l) < 0 || picked < -1 ||
	    picked >= (int64_t)rec->n_shown)
		return store_bad_row(s, row->id, err);
	rec->picked = (int)picked;
	rec->mode = (enum session_mode)m;
	return 0;
}

/* What to do with each decoded log row: 0 go on, 1 stop, -1 error. */
struct store_visit {
	int (*fn)(void *ctx, int64_t user_id, const struct log_row *row);
	void *ctx;
};

static int store_visit_row(struct store *s, sqlite3_stmt *st, void *ctx,
			   struct rc_error *err)
{
	const struct store_visit *v = ctx;
	struct store_lists lists;
	struct log_row row;

	if (store_decode(s, st, &row, &lists, err) < 0)
		return -1;
	return v->fn(v->ctx, sqlite3_column_int64(st, 14), &row);
}

static int store_scan(struct store *s, enum store_sql which, int64_t user_id,
		      struct store_visit *v, const char *doing,
		      struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[which];
	int rc = SQLITE_OK;

	if (which == SQL_LOG_USER)
		bind_i64(st, 1, user_id, &rc);
	return store_rows(s, st, rc, doing, store_visit_row, v, err);
}

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
	struct store_visit v = { store_each_visit, &e };

	return store_scan(s, user_id ? SQL_LOG_USER : SQL_LOG_ALL, user_id, &v,
			  "read the answer log", err);
}

/* ---- rebuild ---- */

struct store_saver {
	struct store *s;
	int64_t user_id;
	struct rc_error *err;
	int failed;
};

static void store_save_question(void *ctx, const struct question_state *qs)
{
	struct store_saver *sv = ctx;

	if (!sv->failed && store_question_put(sv->s, sv->user_id, qs, sv->err) < 0)
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
		    store_tally_put(s, user_id, history_role_id(h, a), t, err) < 0)
			return -1;
		for (unsigned p = 0; p < n; p++) {
			const struct confusion_cell *c = history_confusion(h, a, p);

			if ((c->count || c->chances) &&
			    store_confusion_put(s, user_id, history_role_id(h, a),
						history_role_id(h, p), c, err) < 0)
				return -1;
		}
	}
	return store_totals_put(s, user_id, h, err);
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
			return store_oom(r->s, "rebuild the derived state", r->err);
		r->user_id = user_id;
	}
	if (history_apply(r->h, &row->rec, r->slow_ms) < 0)
		return store_history_fail(r->s, r->h, "replay the answer log", r->err);
	return 0;
}

int store_rebuild(struct store *s, int64_t slow_ms, struct rc_error *err)
{
	struct store_replay r = { s, err, slow_ms, 0, NULL };
	struct store_visit v = { store_replay_row, &r };
	int rc;

	if (store_begin(s, SQL_BEGIN_WRITE, "start rebuilding the derived state",
			err) < 0)
		return -1;
	rc = store_exec(s, "DELETE FROM question_state; DELETE FROM role_tally;"
			" DELETE FROM confusion;"
			" UPDATE users SET answers = 0, correct = 0",
			"clear the derived state", err);
	if (rc == 0)
		rc = store_scan(s, SQL_LOG_REPLAY, 0, &v, "replay the answer log", err);
	if (rc == 0)
		rc = store_replay_flush(&r);
	history_free(r.h);
	return store_finish(s, rc, "save the rebuilt state", err);
}

/* ---- statistics and upkeep ---- */

struct store_days {
	uint32_t *answers;
	uint32_t *correct;
	unsigned days;
};

static int store_day_row(struct store *s, sqlite3_stmt *st, void *ctx,
			 struct rc_error *err)
{
	const struct store_days *d = ctx;
	int64_t day = sqlite3_column_int64(st, 0);

	(void)s;
	(void)err;
	if (day >= 0 && day < (int64_t)d->days) {
		d->answers[day] = col_u32(st, 1);
		d->correct[day] = col_u32(st, 2);
	}
	return 0;
}

int store_daily(struct store *s, int64_t user_id, int64_t now, unsigned days,
		uint32_t *answers, uint32_t *correct, struct rc_error *err)
{
	struct store_days d = { answers, correct, days };
	sqlite3_stmt *st = s->stmt[user_id ? SQL_DAILY_USER : SQL_DAILY_ALL];
	int rc = SQLITE_OK;

	if (!days)
		return 0;
	memset(answers, 0, days * sizeof *answers);
	memset(correct, 0, days * sizeof *correct);
	/* ?1 is only in the per-user query; binding it in the other is
	 * harmless, since ?2..?4 make room for it. */
	bind_i64(st, 1, user_id, &rc);
	bind_i64(st, 2, now - (int64_t)days * STORE_DAY, &rc);
	bind_i64(st, 3, now, &rc);
	bind_i64(st, 4, (int64_t)days - 1, &rc);
	return store_rows(s, st, rc, "count the answers per day", store_day_row,
			  &d, err);
}

/* Every column of a row, '|'-separated, reals exact. */
static int store_dump_row(struct store *s, sqlite3_stmt *st, void *ctx,
			  struct rc_error *err)
{
	FILE *out = ctx;
	int n = sqlite3_column_count(st);

	(void)s;
	(void)err;
	for (int i = 0; i < n; i++) {
		fputs(i ? "|" : "", out);
		switch (sqlite3_column_type(st, i)) {
		case SQLITE_INTEGER:
			fprintf(out, "%" PRId64, (int64_t)sqlite3_column_int64(st, i));
			break;
		case SQLITE_FLOAT:
			fprintf(out, "%.17g", sqlite3_column_double(st, i));
			break;
		case SQLITE_NULL:
			fputs("NULL", out);
			break;
		default:
			fputs(col_text(st, i) ? col_text(st, i) : "", out);
		}
	}
	fputc('\n', out);
	return 0;
}

static const char *const store_dump_sql[] = {
	"SELECT 'users', id, name, answers, correct FROM users ORDER BY id",
	"SELECT 'question_state', * FROM question_state"
	" ORDER BY user_id, question_id",
	"SELECT 'role_tally', * FROM role_tally ORDER BY user_id, role_id",
	"SELECT 'confusion', * FROM confusion"
	" ORDER BY user_id, answer_role, picked_role",
};

static int store_dump_one(struct store *s, const char *sql, FILE *out,
			  struct rc_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);

	if (rc != SQLITE_OK) {
		store_fail(s, rc, "read the derived state", err);
		(void)sqlite3_finalize(st); /* st is NULL: nothing to report */
		return -1;
	}
	rc = store_rows(s, st, SQLITE_OK, "read the derived state",
			store_dump_row, out, err);
	(void)sqlite3_finalize(st); /* repeats the step's result, handled */
	return rc;
}

int store_dump_derived(struct store *s, FILE *out, struct rc_error *err)
{
	int rc = 0;

	if (store_begin(s, SQL_BEGIN_READ, "start reading the derived state",
			err) < 0)
		return -1;
	for (size_t i = 0; rc == 0 && i < sizeof store_dump_sql /
					  sizeof store_dump_sql[0]; i++)
		rc = store_dump_one(s, store_dump_sql[i], out, err);
	if (rc == 0 && (fflush(out) != 0 || ferror(out)))
		rc = rc_error_set(err, "%s: cannot write the dump of the derived "
				  "state: %s; check where it goes", s->path,
				  strerror(errno));
	return store_finish(s, rc, "read the derived state", err);
}
