/*
 * sqlite_answers — profiles, the append-only answer log, and the state
 * derived from it (question schedules, role tallies, confusion counts,
 * totals): recording, loading, reading the log back, rebuilding, counting
 * per day, dumping.
 */
#include "sqlite_impl.h"

#include "store_errors.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <time.h>


#define STORE_DAY 86400

static int sqlite_bad_row(const struct store_conn *s, int64_t id, struct rc_error *err)
{
	return rc_error_set(err, "%s: answer %" PRId64 " in the log cannot be "
			    "read (unknown mode or malformed option lists: a newer "
			    "rolecall or a hand edit wrote it); fix that row with "
			    "sqlite3 or give --db another file", s->path, id);
}

/* ---- profiles ---- */

/* 1 and the id when the profile exists, 0 when not, -1 on error. */
static int sqlite_user_find(struct store_conn *s, const char *name, int64_t *user_id,
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
		found = sqlite_fail(s, rc, "look up the profile", err);
	}
	sqlite_reset(st);
	return found;
}

int sqlite_find_user(struct store_conn *s, const char *name, int64_t *user_id,
		    struct rc_error *err)
{
	if (!name || !*name)
		return 0;
	return sqlite_user_find(s, name, user_id, err);
}

int sqlite_user(struct store_conn *s, const char *name, int64_t *user_id,
	       struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_USER_ADD];
	int rc = SQLITE_OK, found;

	if (!name || !*name)
		return rc_error_set(err, "%s: a profile needs a name; give --user NAME",
				    s->path);
	/* Look first: most runs find the profile and need no write lock. */
	if ((found = sqlite_user_find(s, name, user_id, err)) != 0)
		return found < 0 ? -1 : 0;
	bind_text(st, 1, name, &rc);
	bind_i64(st, 2, (int64_t)time(NULL), &rc);
	if (sqlite_run(s, st, rc, "create the profile", err) < 0 ||
	    (found = sqlite_user_find(s, name, user_id, err)) < 0)
		return -1;
	if (!found)
		return rc_error_set(err, "%s: the profile '%s' vanished as it was "
				    "created; try again", s->path, name);
	return 0;
}

/* ---- writing derived state ---- */

int sqlite_question_put(struct store_conn *s, int64_t user_id,
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
	return sqlite_run(s, st, rc, "save the question's schedule", err);
}

/* A row of counts keyed by the profile and n role ids (a tally one, a
 * confusion two), then the two counts: the shape both rows share. */
static int sqlite_counts_put(struct store_conn *s, enum store_sql which, int64_t user_id,
			     const char *const *roles, int n, uint32_t n1, uint32_t n2,
			     const char *doing, struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[which];
	int rc = SQLITE_OK;

	bind_i64(st, 1, user_id, &rc);
	for (int i = 0; i < n; i++)
		bind_text(st, 2 + i, roles[i], &rc);
	bind_i64(st, 2 + n, n1, &rc);
	bind_i64(st, 3 + n, n2, &rc);
	return sqlite_run(s, st, rc, doing, err);
}

int sqlite_tally_put(struct store_conn *s, int64_t user_id, const char *role,
			   const struct role_tally *t, struct rc_error *err)
{
	const char *roles[] = { role };

	return sqlite_counts_put(s, SQL_TALLY_PUT, user_id, roles, 1, t->asked,
				 t->correct, "save the role tally", err);
}

int sqlite_confusion_put(struct store_conn *s, int64_t user_id,
			       const char *answer, const char *picked,
			       const struct confusion_cell *c,
			       struct rc_error *err)
{
	const char *roles[] = { answer, picked };

	return sqlite_counts_put(s, SQL_CONFUSION_PUT, user_id, roles, 2, c->count,
				 c->chances, "save the confusion counts", err);
}

int sqlite_role_name_put(struct store_conn *s, int64_t user_id, const char *role,
			 const char *name, struct rc_error *err)
{
	const struct sqlite_arg args[] = {
		SQLITE_ARG_I64(user_id), SQLITE_ARG_TEXT(role), SQLITE_ARG_TEXT(name),
	};

	return sqlite_run_bound(s, s->stmt[SQL_ROLE_NAME_PUT], args,
				sizeof args / sizeof *args, "save the role's name", err);
}

int sqlite_each_role_name(struct store_conn *s, int64_t user_id,
			  int (*fn)(void *ctx, const char *role, const char *name),
			  void *ctx, struct rc_error *err)
{
	struct store_role_names v = { fn, ctx };
	struct sqlite_decoded d = { store_visit_role_name, &v };
	const struct sqlite_arg args[] = { SQLITE_ARG_I64(user_id) };

	return sqlite_rows_bound(s, s->stmt[SQL_ROLE_NAMES_ALL], args, 1,
				 "read the role names", sqlite_decoded_row, &d, err);
}

int sqlite_totals_put(struct store_conn *s, int64_t user_id,
			     uint64_t answers, uint64_t correct, struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_TOTALS_PUT];
	int rc = SQLITE_OK;

	bind_i64(st, 1, user_id, &rc);
	bind_i64(st, 2, (int64_t)answers, &rc);
	bind_i64(st, 3, (int64_t)correct, &rc);
	if (sqlite_run(s, st, rc, "save the profile's totals", err) < 0)
		return -1;
	return sqlite3_changes(s->db) == 1 ? 0 : store_no_user(s->path, user_id, err);
}

/* ---- the answer log ---- */

void sqlite_bind_record(sqlite3_stmt *st, int first, const struct answer_record *rec,
			const struct store_lists *j, int *rc)
{
	bind_text(st, first, rec->bank_id, rc);
	bind_text(st, first + 1, rec->question_id, rc);
	bind_text(st, first + 2, rec->answer_role, rc);
	bind_text(st, first + 3, j->about, rc);
	bind_text(st, first + 4, j->shown, rc);
	bind_text(st, first + 5, j->choices, rc);
	bind_i64(st, first + 6, rec->picked, rc);
	bind_text(st, first + 7, answer_record_picked_role(rec), rc);
	bind_i64(st, first + 8, rec->correct != 0, rc);
}

int sqlite_log_add(struct store_conn *s, int64_t user_id,
			 const struct answer_record *rec, struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_LOG_ADD];
	struct store_lists j;
	int rc = SQLITE_OK;

	/* what could not be read back is refused now, not at the next export */
	if (session_mode_parse(session_mode_name(rec->mode)) < 0 ||
	    rec->n_about > BANK_MAX_OPTIONS || rec->n_shown > BANK_MAX_OPTIONS ||
	    rec->picked < -1 || rec->picked >= (int)rec->n_shown ||
	    store_join_ids(j.about, rec->about, rec->n_about) < 0 ||
	    store_join_ids(j.shown, rec->shown_roles, rec->n_shown) < 0 ||
	    store_join_choices(j.choices, rec->shown_choices, rec->n_shown) < 0)
		return rc_error_set(err, "%s: cannot save the answer to '%s': its "
				    "options are malformed (a bug in rolecall; please "
				    "report it)", s->path, rec->question_id);
	bind_i64(st, 1, user_id, &rc);
	sqlite_bind_record(st, 2, rec, &j, &rc);
	bind_i64(st, 11, rec->elapsed_ms, &rc);
	bind_i64(st, 12, rec->answered_at, &rc);
	bind_text(st, 13, session_mode_name(rec->mode), &rc);
	return sqlite_run(s, st, rc, "save the answer", err);
}

/* ---- loading derived state ---- */

static int sqlite_question_row(struct store_conn *s, sqlite3_stmt *st, void *ctx,
			      struct rc_error *err)
{
	struct store_row r = sqlite_row(st);
	struct question_state qs;
	struct store_bad bad;

	if (store_decode_question(&r, &qs, &bad) < 0)
		return sqlite_unreadable(s, &bad, err);
	if (history_set_question(ctx, &qs) < 0)
		return store_history_fail(s->path, ctx, "load the question schedules", err);
	return 0;
}

static int sqlite_tally_row(struct store_conn *s, sqlite3_stmt *st, void *ctx,
			   struct rc_error *err)
{
	struct store_row r = sqlite_row(st);
	struct store_bad bad;
	struct role_tally t;
	const char *role;

	if (store_decode_tally(&r, &role, &t, &bad) < 0)
		return sqlite_unreadable(s, &bad, err);
	if (history_set_role(ctx, role, t) < 0)
		return store_history_fail(s->path, ctx, "load the role tallies", err);
	return 0;
}

static int sqlite_role_name_row(struct store_conn *s, sqlite3_stmt *st, void *ctx,
				struct rc_error *err)
{
	struct store_row r = sqlite_row(st);
	const char *role, *name;
	struct store_bad bad;

	if (store_decode_role_name(&r, &role, &name, &bad) < 0)
		return sqlite_unreadable(s, &bad, err);
	if (history_set_role_name(ctx, role, name) < 0)
		return store_history_fail(s->path, ctx, "load the role names", err);
	return 0;
}

static int sqlite_confusion_row(struct store_conn *s, sqlite3_stmt *st, void *ctx,
			       struct rc_error *err)
{
	struct store_row r = sqlite_row(st);
	const char *answer, *picked;
	struct confusion_cell c;
	struct store_bad bad;

	if (store_decode_confusion(&r, &answer, &picked, &c, &bad) < 0)
		return sqlite_unreadable(s, &bad, err);
	if (history_set_confusion(ctx, answer, picked, c) < 0)
		return store_history_fail(s->path, ctx, "load the confusion counts", err);
	return 0;
}

/* The profile's totals; finding the row at all proves the profile exists. */
struct store_load {
	struct history *h;
	int64_t user_id;
	int found;
};

static int sqlite_totals_row(struct store_conn *s, sqlite3_stmt *st, void *ctx,
			    struct rc_error *err)
{
	struct store_load *l = ctx;
	struct store_row r = sqlite_row(st);
	uint64_t answers, correct;
	struct store_bad bad;

	if (store_decode_totals(&r, l->user_id, &answers, &correct, &bad) < 0)
		return sqlite_unreadable(s, &bad, err);
	history_set_totals(l->h, answers, correct);
	l->found = 1;
	return 1;
}

/* Run one of the per-user queries; ctx goes to fn. */
static int sqlite_load_part(struct store_conn *s, enum store_sql which,
			   int64_t user_id, sqlite_row_fn fn, void *ctx,
			   struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[which];
	int rc = SQLITE_OK;

	bind_i64(st, 1, user_id, &rc);
	return sqlite_rows(s, st, rc, "load the history", fn, ctx, err);
}

int sqlite_load_locked(struct store_conn *s, int64_t user_id,
			     struct history *h, struct rc_error *err)
{
	struct store_load l = { h, user_id, 0 };

	if (sqlite_load_part(s, SQL_TOTALS_GET, user_id, sqlite_totals_row, &l,
			    err) < 0)
		return -1;
	if (!l.found)
		return store_no_user(s->path, user_id, err);
	if (sqlite_load_part(s, SQL_QUESTION_GET, user_id, sqlite_question_row, h,
			    err) < 0 ||
	    sqlite_load_part(s, SQL_TALLY_GET, user_id, sqlite_tally_row, h, err) < 0)
		return -1;
	/* names after the tallies and counts: only roles met are named */
	if (sqlite_load_part(s, SQL_CONFUSION_GET, user_id, sqlite_confusion_row, h,
			     err) < 0)
		return -1;
	return sqlite_load_part(s, SQL_ROLE_NAMES_GET, user_id, sqlite_role_name_row, h,
				err);
}

/* ---- recording ---- */

static int sqlite_stored_answers(struct store_conn *s, sqlite3_stmt *st, void *ctx,
				struct rc_error *err)
{
	(void)s;
	(void)err;
	*(int64_t *)ctx = sqlite3_column_int64(st, 0);
	return 1;
}

int sqlite_stored(struct store_conn *s, int64_t user_id, int64_t *answers,
			 struct rc_error *err)
{
	*answers = -1;
	return sqlite_load_part(s, SQL_TOTALS_GET, user_id, sqlite_stored_answers,
				answers, err);
}

/* ---- reading the log ---- */

/* What to do with each decoded log row: 0 go on, 1 stop, -1 error. */
struct store_visit {
	store_log_fn fn;
	void *ctx;
};

static int sqlite_visit_row(struct store_conn *s, sqlite3_stmt *st, void *ctx,
			   struct rc_error *err)
{
	const struct store_visit *v = ctx;
	struct store_row r = sqlite_row(st);
	struct store_lists lists;
	struct store_bad bad;
	struct log_row row;

	if (store_decode_log_row(&r, &row, &lists, &bad) < 0)
		return bad.what ? sqlite_unreadable(s, &bad, err) :
		       sqlite_bad_row(s, sqlite3_column_int64(st, 0), err);
	return v->fn(v->ctx, sqlite3_column_int64(st, 14), &row);
}

int sqlite_log_scan(struct store_conn *s, int64_t user_id, int by_user,
			   store_log_fn fn, void *ctx, const char *doing,
			   struct rc_error *err)
{
	enum store_sql which = by_user ? SQL_LOG_REPLAY :
			       user_id ? SQL_LOG_USER : SQL_LOG_ALL;
	sqlite3_stmt *st = s->stmt[which];
	struct store_visit visit = { fn, ctx };
	struct store_visit *v = &visit;
	int rc = SQLITE_OK;

	if (which == SQL_LOG_USER)
		bind_i64(st, 1, user_id, &rc);
	return sqlite_rows(s, st, rc, doing, sqlite_visit_row, v, err);
}

/* ---- rebuild ---- */

int sqlite_clear_derived(struct store_conn *s, struct rc_error *err)
{
	return sqlite_exec(s, "DELETE FROM question_state; DELETE FROM role_tally;"
			   " DELETE FROM confusion;"
			   " UPDATE users SET answers = 0, correct = 0",
			   "clear the derived state", err);
}

/* ---- statistics and upkeep ---- */

struct store_days {
	uint32_t *answers;
	uint32_t *correct;
	unsigned days;
};

static int sqlite_day_row(struct store_conn *s, sqlite3_stmt *st, void *ctx,
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

int sqlite_daily(struct store_conn *s, int64_t user_id, int64_t now, unsigned days,
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
	return sqlite_rows(s, st, rc, "count the answers per day", sqlite_day_row,
			  &d, err);
}

/* Every column of a row, '|'-separated, reals exact. */
static int sqlite_dump_row(struct store_conn *s, sqlite3_stmt *st, void *ctx,
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

static const char *const sqlite_dump_sql[] = {
	"SELECT 'users', id, name, answers, correct FROM users ORDER BY id",
	"SELECT 'question_state', * FROM question_state"
	" ORDER BY user_id, question_id",
	"SELECT 'role_tally', * FROM role_tally ORDER BY user_id, role_id",
	"SELECT 'confusion', * FROM confusion"
	" ORDER BY user_id, answer_role, picked_role",
};

static int sqlite_dump_one(struct store_conn *s, const char *sql, FILE *out,
			  struct rc_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);

	if (rc != SQLITE_OK) {
		sqlite_fail(s, rc, "read the derived state", err);
		(void)sqlite3_finalize(st); /* st is NULL: nothing to report */
		return -1;
	}
	rc = sqlite_rows(s, st, SQLITE_OK, "read the derived state",
			sqlite_dump_row, out, err);
	(void)sqlite3_finalize(st); /* repeats the step's result, handled */
	return rc;
}

int sqlite_dump_derived(struct store_conn *s, FILE *out, struct rc_error *err)
{
	int rc = 0;

	if (sqlite_begin(s, SQL_BEGIN_READ, "start reading the derived state",
			err) < 0)
		return -1;
	for (size_t i = 0; rc == 0 && i < sizeof sqlite_dump_sql /
					  sizeof sqlite_dump_sql[0]; i++)
		rc = sqlite_dump_one(s, sqlite_dump_sql[i], out, err);
	if (rc == 0 && (fflush(out) != 0 || ferror(out)))
		rc = rc_error_set(err, "%s: cannot write the dump of the derived "
				  "state: %s; check where it goes", s->path,
				  strerror(errno));
	return sqlite_finish(s, rc, "read the derived state", err);
}
