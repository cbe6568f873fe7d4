/*
 * pg_store — the PostgreSQL connection: connecting, the schema check and
 * its migrations (`rolecall db init`), running statements, error
 * messages, transactions, and the operations table.
 *
 * Statements are prepared on first use, not at open: a short command uses
 * a handful of the forty, and each PQprepare is a round trip.
 *
 * Error messages go into err->msg with the database's name in them (the
 * URI without its password), because callers print err->msg alone.
 */
#include "pg_impl.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_sql.h"
#include "store_errors.h"


/* ---- parameters ---- */

void pg_i64(struct pg_args *a, int64_t v)
{
	if (a->n == PG_MAX_ARGS)
		return;
	snprintf(a->num[a->n], sizeof a->num[a->n], "%" PRId64, v);
	a->v[a->n] = a->num[a->n];
	a->n++;
}

/* %.17g gives the double back exactly. */
void pg_f64(struct pg_args *a, double v)
{
	if (a->n == PG_MAX_ARGS)
		return;
	snprintf(a->num[a->n], sizeof a->num[a->n], "%.17g", v);
	a->v[a->n] = a->num[a->n];
	a->n++;
}

void pg_text(struct pg_args *a, const char *v)
{
	if (a->n < PG_MAX_ARGS)
		a->v[a->n++] = v;
}

/* ---- rows ---- */

static int pg_col_null(const struct store_row *r, int col)
{
	return PQgetisnull(r->res, r->row, col);
}

static const char *pg_col_text(const struct store_row *r, int col)
{
	return pg_col_null(r, col) ? NULL : PQgetvalue(r->res, r->row, col);
}

static int64_t pg_col_i64(const struct store_row *r, int col)
{
	const char *v = pg_col_text(r, col);

	return v ? strtoll(v, NULL, 10) : 0;
}

static double pg_col_f64(const struct store_row *r, int col)
{
	const char *v = pg_col_text(r, col);

	return v ? strtod(v, NULL) : 0.0;
}

static const struct store_row_ops pg_row_ops = {
	pg_col_i64, pg_col_f64, pg_col_text, pg_col_null,
};

/* ---- errors ---- */

int pg_lost(const struct store_conn *c)
{
	return !c->db || PQstatus(c->db) != CONNECTION_OK || c->broken;
}

/* A failure of the line, not of the statement: libpq's own (no SQLSTATE,
 * as when the server closed the connection), a connection exception
 * (class 08) or the server shutting down (57P01-57P03).  libpq does not
 * always mark the connection bad for these. */
static int pg_line_failed(const char *state)
{
	return !state || !strncmp(state, "08", 2) || !strncmp(state, "57P", 3);
}

void pg_next_key(struct store_conn *c, char *key, size_t len)
{
	snprintf(key, len, "%s-%" PRIu64 "-%u", c->key_prefix, c->writes, c->logged);
	if (!c->logged++)
		snprintf(c->pending_key, sizeof c->pending_key, "%s", key);
}

static const char *pg_advice(const struct store_conn *c, const char *state)
{
	if (pg_lost(c))
		return "the connection to the server was lost; check that it is "
		       "running and try again";
	if (!state)
		return "if this persists, please report it";
	if (!strcmp(state, "RC001"))
		return "the database holds every candidate to the exam's rules "
		       "(doc/teams.md)";
	if (!strcmp(state, "42501"))
		return "your database role may not do this; ask the database's "
		       "owner (doc/teams.md)";
	if (!strcmp(state, "53100"))
		return "the server's disk is full; ask its administrator";
	if (!strcmp(state, "53200"))
		return "the server is out of memory; try again later";
	if (!strcmp(state, "40001") || !strcmp(state, "40P01"))
		return "another rolecall changed the same rows at once; try again";
	if (!strncmp(state, "23", 2))
		return "rolecall asked for something inconsistent; please report it";
	return "if this persists, please report it";
}

void pg_flatten(char *msg)
{
	char *out = msg;

	for (const char *in = msg; *in; in++) {
		char ch = *in == '\n' || *in == '\t' ? ' ' : *in;

		if (ch != ' ' || (out > msg && out[-1] != ' '))
			*out++ = ch;
	}
	while (out > msg && out[-1] == ' ')
		out--;
	*out = '\0';
}

int pg_fail(struct store_conn *c, const PGresult *res, const char *doing,
	    struct rc_error *err)
{
	const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	char why[256];

	c->broken = pg_line_failed(state);
	snprintf(why, sizeof why, "%s", primary ? primary :
		 c->db ? PQerrorMessage(c->db) : "no connection");
	pg_flatten(why);
	if (!strncmp(why, "ERROR:  ", 8))
		memmove(why, why + 8, strlen(why + 8) + 1);
	return rc_error_set(err, "%s: cannot %s: %s; %s", c->name, doing,
			    why[0] ? why : "unknown error", pg_advice(c, state));
}

int pg_unreadable(const struct store_conn *c, const struct store_bad *bad,
		  struct rc_error *err)
{
	return store_bad_value(c->name, bad, "psql", err);
}

int pg_decoded_row(struct store_conn *c, const struct store_row *r, void *ctx,
		   struct rc_error *err)
{
	const struct pg_decoded *d = ctx;
	struct store_bad bad;
	int rc = d->visit(r, d->ctx, &bad);

	return rc < 0 ? pg_unreadable(c, &bad, err) : rc;
}

/* ---- statements ---- */

static int pg_prepare(struct store_conn *c, enum pg_sql which, const char *doing,
		      struct rc_error *err)
{
	char name[16];
	PGresult *res;
	int ok;

	if (c->prepared[which])
		return 0;
	snprintf(name, sizeof name, "rc%d", (int)which);
	res = PQprepare(c->db, name, pg_sql_text[which], 0, NULL);
	ok = res && PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!ok)
		pg_fail(c, res, doing, err);
	PQclear(res);
	c->prepared[which] = (unsigned char)ok;
	return ok ? 0 : -1;
}

/* The result of a prepared statement, or NULL with err set. */
static PGresult *pg_run(struct store_conn *c, enum pg_sql which,
			const struct pg_args *a, const char *doing,
			struct rc_error *err)
{
	char name[16];
	PGresult *res;
	ExecStatusType st;

	if (pg_prepare(c, which, doing, err) < 0)
		return NULL;
	snprintf(name, sizeof name, "rc%d", (int)which);
	res = PQexecPrepared(c->db, name, a ? a->n : 0, a ? a->v : NULL, NULL,
			     NULL, 0);
	st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
		return res;
	pg_fail(c, res, doing, err);
	PQclear(res);
	return NULL;
}

int pg_cmd(struct store_conn *c, enum pg_sql which, const struct pg_args *a,
	   const char *doing, struct rc_error *err)
{
	PGresult *res = pg_run(c, which, a, doing, err);
	int changed;

	if (!res)
		return -1;
	changed = atoi(PQcmdTuples(res));
	PQclear(res);
	return changed;
}

int pg_rows(struct store_conn *c, enum pg_sql which, const struct pg_args *a,
	    const char *doing, pg_row_fn fn, void *ctx, struct rc_error *err)
{
	PGresult *res = pg_run(c, which, a, doing, err);
	struct store_row r = { &pg_row_ops, res, 0 };
	int got = 0;

	if (!res)
		return -1;
	for (int n = PQntuples(res); got == 0 && r.row < n; r.row++)
		got = fn(c, &r, ctx, err);
	PQclear(res);
	return got < 0 ? -1 : 0;
}

int pg_value(struct store_conn *c, enum pg_sql which, const struct pg_args *a,
	     const char *doing, int64_t *out, struct rc_error *err)
{
	PGresult *res = pg_run(c, which, a, doing, err);
	int found;

	if (!res)
		return -1;
	found = PQntuples(res) > 0 && PQnfields(res) > 0;
	if (found)
		*out = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return found;
}

int pg_exec(struct store_conn *c, const char *sql, const char *doing,
	    struct rc_error *err)
{
	PGresult *res = PQexec(c->db, sql);
	ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	int rc = 0;

	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
		rc = pg_fail(c, res, doing, err);
	PQclear(res);
	return rc;
}

/* ---- transactions ---- */

void pg_begin_count(struct store_conn *c)
{
	c->writes++;
	c->logged = 0;
	c->pending_key[0] = '\0';
	c->total_user = 0;
}

void pg_remember_total(struct store_conn *c, int64_t user_id, int64_t answers)
{
	c->total_user = user_id;
	c->total = answers;
}

int pg_begin(struct store_conn *c, const char *doing, struct rc_error *err)
{
	pg_begin_count(c);
	return pg_exec(c, "BEGIN", doing, err);
}

/* COMMIT of a transaction an error aborted answers ROLLBACK, not an
 * error: that is a failure here. */
static int pg_commit(struct store_conn *c, const char *doing, struct rc_error *err)
{
	PGresult *res = PQexec(c->db, "COMMIT");
	int ok = res && PQresultStatus(res) == PGRES_COMMAND_OK &&
		 !strcmp(PQcmdStatus(res), "COMMIT");
	int rc = 0;

	if (ok)
		c->pending_key[0] = '\0';
	if (!ok)
		rc = res && PQresultStatus(res) == PGRES_COMMAND_OK ?
		     rc_error_set(err, "%s: cannot %s: the server rolled the "
				  "transaction back; try again", c->name, doing) :
		     pg_fail(c, res, doing, err);
	PQclear(res);
	return rc;
}

int pg_finish(struct store_conn *c, int rc, const char *doing,
	      struct rc_error *err)
{
	c->total_user = 0;
	if (rc == 0)
		return pg_commit(c, doing, err);
	if (PQtransactionStatus(c->db) != PQTRANS_IDLE)
		/* the error that led here is the one to report */
		PQclear(PQexec(c->db, "ROLLBACK"));
	return -1;
}

int pg_outcome(struct store_conn *c, int rc, const char *doing,
	       struct rc_error *err)
{
	if (pg_finish(c, rc < 0 ? -1 : 0, doing, err) < 0)
		return -1;
	return rc;
}

int pg_begin_read(struct store_conn *c, const char *doing,
			 struct rc_error *err)
{
	/* one snapshot for every statement of the read */
	return pg_exec(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", doing,
		       err);
}

/* A profile's writer locks that profile's row (two learners never wait
 * for each other, two terminals of one learner do); a rebuild (user_id 0)
 * locks every profile's. */
int pg_begin_write(struct store_conn *c, int64_t user_id,
			  const char *doing, struct rc_error *err)
{
	char sql[128];
	PGresult *res;
	int ok;

	if (!user_id) {
		if (pg_begin(c, doing, err) < 0)
			return -1;
		if (pg_exec(c, "LOCK TABLE users IN EXCLUSIVE MODE", doing, err) < 0)
			return pg_finish(c, -1, doing, err);
		return 0;
	}
	/* One round trip for BEGIN and the lock, which also reads the total
	 * the catch-up asks for next (pg_stored): an answer is recorded in
	 * fewer waits for the server.  user_id is a number: no quoting. */
	pg_begin_count(c);
	snprintf(sql, sizeof sql, "BEGIN; SELECT answers FROM users WHERE id = %" PRId64
		 " FOR UPDATE", user_id);
	res = PQexec(c->db, sql);
	ok = res && PQresultStatus(res) == PGRES_TUPLES_OK;
	if (!ok)
		pg_fail(c, res, doing, err);
	else if (PQntuples(res) == 1)
		pg_remember_total(c, user_id, strtoll(PQgetvalue(res, 0, 0), NULL, 10));
	PQclear(res);
	return ok ? 0 : pg_finish(c, -1, doing, err);
}
