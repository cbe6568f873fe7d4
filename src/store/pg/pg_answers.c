/*
 * pg_answers — profiles, the append-only answer log and the state derived
 * from it, on PostgreSQL: the SQLite backend's sqlite_answers.c in libpq.
 */
#include "pg_impl.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pg_sql.h"
#include "store_errors.h"

#define PG_DAY 86400

/* ---- profiles ---- */

int pg_user_find(struct store_conn *c, const char *name, int64_t *user_id,
		 struct rc_error *err)
{
	struct pg_args a = { 0 };

	if (!name || !*name)
		return 0;
	pg_text(&a, name);
	return pg_value(c, PG_USER_FIND, &a, "look up the profile", user_id, err);
}

int pg_user(struct store_conn *c, const char *name, int64_t *user_id,
	    struct rc_error *err)
{
	struct pg_args a = { 0 };
	int found;

	if (!name || !*name)
		return rc_error_set(err, "%s: a profile needs a name; give --user NAME",
				    c->name);
	if ((found = pg_user_find(c, name, user_id, err)) != 0)
		return found < 0 ? -1 : 0;
	pg_text(&a, name);
	pg_i64(&a, (int64_t)time(NULL));
	if (pg_cmd(c, PG_USER_ADD, &a, "create the profile", err) < 0 ||
	    (found = pg_user_find(c, name, user_id, err)) < 0)
		return -1;
	if (!found)
		return rc_error_set(err, "%s: the profile '%s' vanished as it was "
				    "created; try again", c->name, name);
	return 0;
}

/* ---- writing derived state ---- */

/* Run a write whose one row must exist. */
static int pg_put(struct store_conn *c, enum pg_sql which, const struct pg_args *a,
		  const char *doing, struct rc_error *err)
{
	return pg_cmd(c, which, a, doing, err) < 0 ? -1 : 0;
}

int pg_question_put(struct store_conn *c, int64_t user_id,
		    const struct question_state *qs, struct rc_error *err)
{
	struct pg_args a = { 0 };

	pg_i64(&a, user_id);
	pg_text(&a, qs->id);
	pg_f64(&a, qs->card.stability);
	pg_f64(&a, qs->card.difficulty);
	pg_i64(&a, qs->card.last_review);
	pg_i64(&a, qs->card.due);
	pg_i64(&a, qs->card.reps);
	pg_i64(&a, qs->card.lapses);
	pg_i64(&a, qs->asked);
	pg_i64(&a, qs->wrong);
	pg_i64(&a, qs->last_seen);
	return pg_put(c, PG_QUESTION_PUT, &a, "save the question's schedule", err);
}

int pg_tally_put(struct store_conn *c, int64_t user_id, const char *role,
		 const struct role_tally *t, struct rc_error *err)
{
	struct pg_args a = { 0 };

	pg_i64(&a, user_id);
	pg_text(&a, role);
	pg_i64(&a, t->asked);
	pg_i64(&a, t->correct);
	return pg_put(c, PG_TALLY_PUT, &a, "save the role tally", err);
}

int pg_confusion_put(struct store_conn *c, int64_t user_id, const char *answer,
		     const char *picked, const struct confusion_cell *cell,
		     struct rc_error *err)
{
	struct pg_args a = { 0 };

	pg_i64(&a, user_id);
	pg_text(&a, answer);
	pg_text(&a, picked);
	pg_i64(&a, cell->count);
	pg_i64(&a, cell->chances);
	return pg_put(c, PG_CONFUSION_PUT, &a, "save the confusion counts", err);
}

int pg_role_name_put(struct store_conn *c, int64_t user_id, const char *role,
		     const char *name, struct rc_error *err)
{
	struct pg_args a = { 0 };

	pg_i64(&a, user_id);
	pg_text(&a, role);
	pg_text(&a, name);
	return pg_put(c, PG_ROLE_NAME_PUT, &a, "save the role's name", err);
}

int pg_each_role_name(struct store_conn *c, int64_t user_id,
		      int (*fn)(void *ctx, const char *role, const char *name),
		      void *ctx, struct rc_error *err)
{
	struct store_role_names v = { fn, ctx };
	struct pg_decoded d = { store_visit_role_name, &v };
	struct pg_args a = { 0 };

	pg_i64(&a, user_id);
	return pg_rows(c, PG_ROLE_NAMES_ALL, &a, "read the role names", pg_decoded_row, &d,
		       err);
}

int pg_totals_put(struct store_conn *c, int64_t user_id, uint64_t answers,
		  uint64_t correct, struct rc_error *err)
{
	struct pg_args a = { 0 };
	int changed;

	c->total_user = 0;
	pg_i64(&a, user_id);
	pg_i64(&a, (int64_t)answers);
	pg_i64(&a, (int64_t)correct);
	changed = pg_cmd(c, PG_TOTALS_PUT, &a, "save the profile's totals", err);
	if (changed < 0)
		return -1;
	return changed == 1 ? 0 : store_no_user(c->name, user_id, err);
}

int pg_clear_derived(struct store_conn *c, struct rc_error *err)
{
	return pg_exec(c, "DELETE FROM question_state; DELETE FROM role_tally;"
		       " DELETE FROM confusion; UPDATE users SET answers = 0, correct = 0",
		       "clear the derived state", err);
}

/* ---- the answer log ---- */

void pg_record_args(struct pg_args *a, const struct answer_record *rec,
		    const struct store_lists *j)
{
	pg_text(a, rec->bank_id);
	pg_text(a, rec->question_id);
	pg_text(a, rec->answer_role);
	pg_text(a, j->about);
	pg_text(a, j->shown);
	pg_text(a, j->choices);
	pg_i64(a, rec->picked);
	pg_text(a, answer_record_picked_role(rec));
	pg_i64(a, rec->correct != 0);
}

int pg_log_add(struct store_conn *c, int64_t user_id,
	       const struct answer_record *rec, struct rc_error *err)
{
	struct store_lists j;
	struct pg_args a = { 0 };
	char key[64];

	if (session_mode_parse(session_mode_name(rec->mode)) < 0 ||
	    store_join_record(&j, rec) < 0)
		return rc_error_set(err, "%s: cannot save the answer to '%s': its "
				    "options are malformed (a bug in rolecall; please "
				    "report it)", c->name,
				    rec->question_id ? rec->question_id : "?");
	pg_i64(&a, user_id);
	pg_record_args(&a, rec, &j);
	pg_i64(&a, rec->elapsed_ms);
	pg_i64(&a, rec->answered_at);
	pg_text(&a, session_mode_name(rec->mode));
	pg_next_key(c, key, sizeof key);
	pg_text(&a, key);
	return pg_put(c, PG_LOG_ADD, &a, "save the answer", err);
}

/* ---- loading derived state ---- */

static int pg_question_row(struct store_conn *c, const struct store_row *r,
			   void *ctx, struct rc_error *err)
{
	struct question_state qs;
	struct store_bad bad;

	if (store_decode_question(r, &qs, &bad) < 0)
		return pg_unreadable(c, &bad, err);
	if (history_set_question(ctx, &qs) < 0)
		return store_history_fail(c->name, ctx, "load the question schedules", err);
	return 0;
}

static int pg_tally_row(struct store_conn *c, const struct store_row *r,
			void *ctx, struct rc_error *err)
{
	struct store_bad bad;
	struct role_tally t;
	const char *role;

	if (store_decode_tally(r, &role, &t, &bad) < 0)
		return pg_unreadable(c, &bad, err);
	if (history_set_role(ctx, role, t) < 0)
		return store_history_fail(c->name, ctx, "load the role tallies", err);
	return 0;
}

static int pg_role_name_row(struct store_conn *c, const struct store_row *r,
			    void *ctx, struct rc_error *err)
{
	const char *role, *name;
	struct store_bad bad;

	if (store_decode_role_name(r, &role, &name, &bad) < 0)
		return pg_unreadable(c, &bad, err);
	if (history_set_role_name(ctx, role, name) < 0)
		return store_history_fail(c->name, ctx, "load the role names", err);
	return 0;
}

static int pg_confusion_row(struct store_conn *c, const struct store_row *r,
			    void *ctx, struct rc_error *err)
{
	const char *answer, *picked;
	struct confusion_cell cell;
	struct store_bad bad;

	if (store_decode_confusion(r, &answer, &picked, &cell, &bad) < 0)
		return pg_unreadable(c, &bad, err);
	if (history_set_confusion(ctx, answer, picked, cell) < 0)
		return store_history_fail(c->name, ctx, "load the confusion counts", err);
	return 0;
}

static int pg_load_part(struct store_conn *c, enum pg_sql which, int64_t user_id,
			pg_row_fn fn, void *ctx, struct rc_error *err)
{
	struct pg_args a = { 0 };

	pg_i64(&a, user_id);
	return pg_rows(c, which, &a, "load the history", fn, ctx, err);
}

int pg_stored(struct store_conn *c, int64_t user_id, int64_t *answers,
	      struct rc_error *err)
{
	struct pg_args a = { 0 };
	int found;

	if (c->total_user && c->total_user == user_id) {
		*answers = c->total;
		return 0;
	}
	pg_i64(&a, user_id);
	found = pg_value(c, PG_TOTALS_GET, &a, "load the history", answers, err);
	if (found == 0)
		*answers = -1;
	return found < 0 ? -1 : 0;
}

/* The profile's totals; finding the row at all proves the profile exists. */
struct pg_load {
	struct history *h;
	int64_t user_id;
	int found;
};

static int pg_totals_row(struct store_conn *c, const struct store_row *r,
			 void *ctx, struct rc_error *err)
{
	struct pg_load *l = ctx;
	uint64_t answers, correct;
	struct store_bad bad;

	if (store_decode_totals(r, l->user_id, &answers, &correct, &bad) < 0)
		return pg_unreadable(c, &bad, err);
	history_set_totals(l->h, answers, correct);
	l->found = 1;
	return 1;
}

int pg_load_derived(struct store_conn *c, int64_t user_id, struct history *h,
		    struct rc_error *err)
{
	struct pg_load l = { h, user_id, 0 };

	if (pg_load_part(c, PG_TOTALS_GET, user_id, pg_totals_row, &l, err) < 0)
		return -1;
	if (!l.found)
		return store_no_user(c->name, user_id, err);
	if (pg_load_part(c, PG_QUESTION_GET, user_id, pg_question_row, h, err) < 0 ||
	    pg_load_part(c, PG_TALLY_GET, user_id, pg_tally_row, h, err) < 0 ||
	    pg_load_part(c, PG_CONFUSION_GET, user_id, pg_confusion_row, h, err) < 0)
		return -1;
	/* names after the tallies and counts: only roles met are named */
	return pg_load_part(c, PG_ROLE_NAMES_GET, user_id, pg_role_name_row, h, err);
}

/* ---- reading the log ---- */

struct pg_visit {
	store_log_fn fn;
	void *ctx;
};

static int pg_visit_row(struct store_conn *c, const struct store_row *r,
			void *ctx, struct rc_error *err)
{
	const struct pg_visit *v = ctx;
	struct store_lists lists;
	struct store_bad bad;
	struct log_row row;

	if (store_decode_log_row(r, &row, &lists, &bad) < 0)
		return bad.what ? pg_unreadable(c, &bad, err) : rc_error_set(err, "%s: answer %" PRId64 " in the log cannot be "
				    "read (unknown mode or malformed option lists: a "
				    "newer rolecall or a hand edit wrote it); fix that "
				    "row with psql", c->name, row_i64(r, 0));
	return v->fn(v->ctx, row_i64(r, 14), &row);
}

int pg_log_scan(struct store_conn *c, int64_t user_id, int by_user,
		store_log_fn fn, void *ctx, const char *doing,
		struct rc_error *err)
{
	enum pg_sql which = by_user ? PG_LOG_REPLAY : user_id ? PG_LOG_USER : PG_LOG_ALL;
	struct pg_visit v = { fn, ctx };
	struct pg_args a = { 0 };

	if (which == PG_LOG_USER)
		pg_i64(&a, user_id);
	return pg_rows(c, which, &a, doing, pg_visit_row, &v, err);
}

/* ---- statistics ---- */

struct pg_days {
	uint32_t *answers;
	uint32_t *correct;
	unsigned days;
};

static int pg_day_row(struct store_conn *c, const struct store_row *r, void *ctx,
		      struct rc_error *err)
{
	const struct pg_days *d = ctx;
	int64_t day = row_i64(r, 0);

	(void)c;
	(void)err;
	if (day >= 0 && day < (int64_t)d->days) {
		d->answers[day] = row_u32(r, 1);
		d->correct[day] = row_u32(r, 2);
	}
	return 0;
}

int pg_daily(struct store_conn *c, int64_t user_id, int64_t now, unsigned days,
	     uint32_t *answers, uint32_t *correct, struct rc_error *err)
{
	struct pg_days d = { answers, correct, days };
	struct pg_args a = { 0 };

	if (!days)
		return 0;
	memset(answers, 0, days * sizeof *answers);
	memset(correct, 0, days * sizeof *correct);
	pg_i64(&a, user_id);
	pg_i64(&a, now - (int64_t)days * PG_DAY);
	pg_i64(&a, now);
	pg_i64(&a, (int64_t)days - 1);
	return pg_rows(c, PG_DAILY, &a, "count the answers per day", pg_day_row, &d,
		       err);
}

/* ---- the dump ---- */

#define PG_FLOAT8_OID 701 /* pg_type.h: the one column type printed apart */

static void pg_dump_rows(const PGresult *res, FILE *out)
{
	for (int row = 0; row < PQntuples(res); row++) {
		for (int col = 0; col < PQnfields(res); col++) {
			fputs(col ? "|" : "", out);
			if (PQgetisnull(res, row, col))
				fputs("NULL", out);
			else if (PQftype(res, col) == PG_FLOAT8_OID)
				fprintf(out, "%.17g", strtod(PQgetvalue(res, row, col), NULL));
			else
				fputs(PQgetvalue(res, row, col), out);
		}
		fputc('\n', out);
	}
}

int pg_dump_derived(struct store_conn *c, FILE *out, struct rc_error *err)
{
	int rc = pg_begin_read(c, "start reading the derived state", err);

	for (int i = 0; rc == 0 && i < PG_DUMP_COUNT; i++) {
		PGresult *res = PQexec(c->db, pg_dump_sql[i]);

		if (res && PQresultStatus(res) == PGRES_TUPLES_OK)
			pg_dump_rows(res, out);
		else
			rc = pg_fail(c, res, "read the derived state", err);
		PQclear(res);
	}
	if (rc == 0 && (fflush(out) != 0 || ferror(out)))
		rc = rc_error_set(err, "%s: cannot write the dump of the derived "
				  "state: %s; check where it goes", c->name,
				  strerror(errno));
	return rc < 0 && PQtransactionStatus(c->db) == PQTRANS_IDLE ? -1 :
	       pg_finish(c, rc, "read the derived state", err);
}

/* ---- rows as text, for db copy ---- */

int pg_raw_each(struct store_conn *c, const char *sql,
		int (*fn)(void *ctx, unsigned n, const char *const *values),
		void *ctx, const char *doing, struct rc_error *err)
{
	PGresult *res = PQexec(c->db, sql);
	const char *values[32];
	unsigned n;
	int got = 0;

	if (!res || PQresultStatus(res) != PGRES_TUPLES_OK || PQnfields(res) > 32) {
		pg_fail(c, res, doing, err);
		PQclear(res);
		return -1;
	}
	n = (unsigned)PQnfields(res);
	for (int row = 0; got == 0 && row < PQntuples(res); row++) {
		for (unsigned i = 0; i < n; i++)
			values[i] = PQgetisnull(res, row, (int)i) ? NULL :
				    PQgetvalue(res, row, (int)i);
		got = fn(ctx, n, values);
	}
	PQclear(res);
	return got < 0 ? -1 : 0;
}

int pg_raw_put(struct store_conn *c, const char *sql, unsigned n,
	       const char *const *values, const char *doing, struct rc_error *err)
{
	PGresult *res = PQexecParams(c->db, sql, (int)n, NULL, values, NULL, NULL, 0);
	int ok = res && PQresultStatus(res) == PGRES_COMMAND_OK;

	if (!ok)
		pg_fail(c, res, doing, err);
	PQclear(res);
	return ok ? 0 : -1;
}

/* Rows came in with their ids: each sequence goes on after the largest. */
int pg_after_copy(struct store_conn *c, struct rc_error *err)
{
	static const char *const tables[] = { "users", "answers", "exam_attempts",
					      "trivia_games" };
	char sql[192];

	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		snprintf(sql, sizeof sql, "SELECT setval(pg_get_serial_sequence('%s', 'id'),"
			 " coalesce(max(id), 0) + 1, false) FROM %s", tables[i], tables[i]);
		if (pg_exec(c, sql, "set the next ids", err) < 0)
			return -1;
	}
	return 0;
}
