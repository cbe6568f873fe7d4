/*
 * pg_exam — exam attempts and their questions on PostgreSQL: begun in one
 * transaction, answered one question at a time, closed inside the
 * policy's submit transaction, read back for reports.
 */
#include "pg_impl.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int pg_malformed_item(const struct store_conn *c,
			     const struct answer_record *rec, struct rc_error *err)
{
	return rc_error_set(err, "%s: cannot save the exam question '%s': its "
			    "options are malformed (a bug in rolecall; please "
			    "report it)", c->name,
			    rec->question_id ? rec->question_id : "?");
}

int pg_exam_item_add(struct store_conn *c, int64_t attempt_id,
			    unsigned position, const struct answer_record *rec,
			    struct rc_error *err)
{
	struct store_lists j;
	struct pg_args a = { 0 };

	if (store_join_record(&j, rec) < 0)
		return pg_malformed_item(c, rec, err);
	pg_i64(&a, attempt_id);
	pg_i64(&a, position);
	pg_record_args(&a, rec, &j);
	return pg_cmd(c, PG_EXAM_ITEM_ADD, &a, "save the exam's questions", err) < 0 ?
	       -1 : 0;
}

int pg_exam_add(struct store_conn *c, struct exam_attempt *at,
		       struct rc_error *err)
{
	struct pg_args a = { 0 };
	char seed[24];

	/* decimal text, as in SQLite: a seed over INT64_MAX stays exact */
	snprintf(seed, sizeof seed, "%" PRIu64, at->seed);
	pg_i64(&a, at->user_id);
	pg_i64(&a, at->started_at);
	pg_text(&a, seed);
	pg_i64(&a, at->count);
	pg_i64(&a, at->pass_mark);
	pg_i64(&a, at->time_limit);
	pg_text(&a, at->banks ? at->banks : "");
	pg_text(&a, at->definition);
	return pg_value(c, PG_EXAM_ADD, &a, "save the exam attempt", &at->id, err) == 1 ?
	       0 : -1;
}


int pg_exam_item_put(struct store_conn *c, int64_t attempt_id,
			    unsigned position, const struct answer_record *rec,
			    struct rc_error *err)
{
	struct pg_args a = { 0 };
	int changed;

	if (rec->picked < -1 || rec->picked >= (int)rec->n_shown)
		return pg_malformed_item(c, rec, err);
	pg_i64(&a, attempt_id);
	pg_i64(&a, position);
	pg_i64(&a, rec->picked);
	pg_text(&a, answer_record_picked_role(rec));
	pg_i64(&a, rec->correct != 0);
	if ((changed = pg_cmd(c, PG_EXAM_ITEM_PUT, &a, "save the exam answer", err)) < 0)
		return -1;
	if (changed != 1)
		return rc_error_set(err, "%s: exam attempt %" PRId64 " has no open "
				    "question %u (submitted already, or another "
				    "rolecall changed it)", c->name, attempt_id,
				    position + 1);
	return 0;
}


int pg_exam_submit(struct store_conn *c, const struct exam_attempt *at, unsigned n,
		   struct rc_error *err)
{
	struct pg_args a = { 0 };
	int changed;

	pg_i64(&a, at->id);
	pg_i64(&a, at->ended_at);
	pg_i64(&a, at->timed_out != 0);
	pg_i64(&a, at->correct);
	pg_i64(&a, at->user_id);
	pg_i64(&a, n);
	if ((changed = pg_cmd(c, PG_EXAM_SUBMIT, &a, "submit the exam", err)) < 0)
		return -1;
	if (changed != 1)
		return rc_error_set(err, "%s: exam attempt %" PRId64 " of %u "
				    "questions is not open for this profile "
				    "(submitted already?)", c->name, at->id, n);
	return 0;
}

/* ---- reading exams ---- */

static int pg_exam_rows(struct store_conn *c, enum pg_sql which,
			const struct exam_filter *f, const char *doing,
			pg_row_fn fn, void *ctx, struct rc_error *err)
{
	struct pg_args a = { 0 };

	pg_i64(&a, f->user_id);
	pg_i64(&a, f->attempt_id);
	pg_i64(&a, f->since);
	pg_i64(&a, f->submitted_only != 0);
	pg_text(&a, f->definition);
	return pg_rows(c, which, &a, doing, fn, ctx, err);
}

int pg_each_attempt(struct store_conn *c, const struct exam_filter *f,
		    int (*fn)(void *ctx, const struct exam_attempt *a),
		    void *ctx, struct rc_error *err)
{
	struct store_attempts v = { fn, ctx };
	struct pg_decoded d = { store_visit_attempt, &v };

	return pg_exam_rows(c, PG_EXAM_EACH, f, "read the exam attempts",
			    pg_decoded_row, &d, err);
}

int pg_each_exam_item(struct store_conn *c, const struct exam_filter *f,
		      int (*fn)(void *ctx, const struct exam_item_row *row),
		      void *ctx, struct rc_error *err)
{
	struct store_items v = { fn, ctx };
	struct pg_decoded d = { store_visit_item, &v };

	return pg_exam_rows(c, PG_EXAM_ITEMS, f, "read the exam questions",
			    pg_decoded_row, &d, err);
}
