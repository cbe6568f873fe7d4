/*
 * sqlite_exam — exam attempts and their questions: begun in one
 * transaction, answered one question at a time, submitted (which logs the
 * answers like any others), read back for reports.
 */
#include "sqlite_impl.h"

#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

static int sqlite_malformed_item(const struct store_conn *s,
				const struct answer_record *rec,
				struct rc_error *err)
{
	return rc_error_set(err, "%s: cannot save the exam question '%s': its "
			    "options are malformed (a bug in rolecall; please "
			    "report it)", s->path,
			    rec->question_id ? rec->question_id : "?");
}

int sqlite_exam_item_add(struct store_conn *s, int64_t attempt_id,
			       unsigned position, const struct answer_record *rec,
			       struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_EXAM_ITEM_ADD];
	struct store_lists j;
	int rc = SQLITE_OK;

	if (store_join_record(&j, rec) < 0)
		return sqlite_malformed_item(s, rec, err);
	bind_i64(st, 1, attempt_id, &rc);
	bind_i64(st, 2, position, &rc);
	sqlite_bind_record(st, 3, rec, &j, &rc);
	return sqlite_run(s, st, rc, "save the exam's questions", err);
}

int sqlite_exam_add(struct store_conn *s, struct exam_attempt *a,
			  struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_EXAM_ADD];
	char seed[24];
	int rc = SQLITE_OK;

	/* SQLite integers are signed: a seed over INT64_MAX keeps its exact
	 * value as decimal text. */
	snprintf(seed, sizeof seed, "%" PRIu64, a->seed);
	bind_i64(st, 1, a->user_id, &rc);
	bind_i64(st, 2, a->started_at, &rc);
	bind_text(st, 3, seed, &rc);
	bind_i64(st, 4, a->count, &rc);
	bind_i64(st, 5, a->pass_mark, &rc);
	bind_i64(st, 6, a->time_limit, &rc);
	bind_text(st, 7, a->banks ? a->banks : "", &rc);
	bind_text(st, 8, a->definition, &rc);
	if (sqlite_run(s, st, rc, "save the exam attempt", err) < 0)
		return -1;
	a->id = sqlite3_last_insert_rowid(s->db);
	return 0;
}


/* Update one question's pick; it must exist and its attempt be open. */
int sqlite_exam_item_put(struct store_conn *s, int64_t attempt_id,
			       unsigned position, const struct answer_record *rec,
			       struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_EXAM_ITEM_PUT];
	int rc = SQLITE_OK;

	if (rec->picked < -1 || rec->picked >= (int)rec->n_shown)
		return sqlite_malformed_item(s, rec, err);
	bind_i64(st, 1, attempt_id, &rc);
	bind_i64(st, 2, position, &rc);
	bind_i64(st, 3, rec->picked, &rc);
	bind_text(st, 4, answer_record_picked_role(rec), &rc);
	bind_i64(st, 5, rec->correct != 0, &rc);
	if (sqlite_run(s, st, rc, "save the exam answer", err) < 0)
		return -1;
	if (sqlite3_changes(s->db) != 1)
		return rc_error_set(err, "%s: exam attempt %" PRId64 " has no open "
				    "question %u (submitted already, or another "
				    "rolecall changed it)", s->path, attempt_id,
				    position + 1);
	return 0;
}


int sqlite_exam_submit(struct store_conn *s, const struct exam_attempt *a, unsigned n,
		       struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_EXAM_SUBMIT];
	int rc = SQLITE_OK;

	bind_i64(st, 1, a->id, &rc);
	bind_i64(st, 2, a->ended_at, &rc);
	bind_i64(st, 3, a->timed_out != 0, &rc);
	bind_i64(st, 4, a->correct, &rc);
	bind_i64(st, 5, a->user_id, &rc);
	bind_i64(st, 6, n, &rc);
	if (sqlite_run(s, st, rc, "submit the exam", err) < 0)
		return -1;
	if (sqlite3_changes(s->db) != 1)
		return rc_error_set(err, "%s: exam attempt %" PRId64 " of %u "
				    "questions is not open for this profile "
				    "(submitted already?)", s->path, a->id, n);
	return 0;
}


/* ---- reading exams ---- */

/* Step one of the exam queries, bound to filter f, through fn. */
static int sqlite_exam_rows(struct store_conn *s, enum store_sql which,
			   const struct exam_filter *f, const char *doing,
			   sqlite_row_fn fn, void *ctx, struct rc_error *err)
{
	const struct sqlite_arg args[] = {
		SQLITE_ARG_I64(f->user_id), SQLITE_ARG_I64(f->attempt_id),
		SQLITE_ARG_I64(f->since), SQLITE_ARG_I64(f->submitted_only != 0),
		SQLITE_ARG_TEXT(f->definition),
	};

	return sqlite_rows_bound(s, s->stmt[which], args, sizeof args / sizeof *args,
				 doing, fn, ctx, err);
}

int sqlite_each_attempt(struct store_conn *s, const struct exam_filter *f,
		       int (*fn)(void *ctx, const struct exam_attempt *a),
		       void *ctx, struct rc_error *err)
{
	struct store_attempts v = { fn, ctx };
	struct sqlite_decoded d = { store_visit_attempt, &v };

	return sqlite_exam_rows(s, SQL_EXAM_EACH, f, "read the exam attempts",
			       sqlite_decoded_row, &d, err);
}

int sqlite_each_exam_item(struct store_conn *s, const struct exam_filter *f,
			 int (*fn)(void *ctx, const struct exam_item_row *row),
			 void *ctx, struct rc_error *err)
{
	struct store_items v = { fn, ctx };
	struct sqlite_decoded d = { store_visit_item, &v };

	return sqlite_exam_rows(s, SQL_EXAM_ITEMS, f, "read the exam questions",
			       sqlite_decoded_row, &d, err);
}
