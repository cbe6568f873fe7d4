/*
 * sqlite_columns — a statement's current row as the shared decoders of
 * store_rows.h read it; rows as text for db copy; the whole file at once
 * for a backup.
 */
#include "sqlite_impl.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

static int64_t sqlite_col_i64(const struct store_row *r, int col)
{
	return sqlite3_column_int64(r->res, col);
}

static double sqlite_col_f64(const struct store_row *r, int col)
{
	return sqlite3_column_double(r->res, col);
}

static const char *sqlite_col_text(const struct store_row *r, int col)
{
	return (const char *)sqlite3_column_text(r->res,
						 col);
}

static int sqlite_col_null(const struct store_row *r, int col)
{
	return sqlite3_column_type(r->res, col) ==
	       SQLITE_NULL;
}

static const struct store_row_ops sqlite_row_ops = {
	sqlite_col_i64, sqlite_col_f64, sqlite_col_text, sqlite_col_null,
};

struct store_row sqlite_row(sqlite3_stmt *st)
{
	struct store_row r = { &sqlite_row_ops, st, 0 };

	return r;
}

/* ---- rows as text, for db copy ---- */

int sqlite_raw_each(struct store_conn *s, const char *sql,
		    int (*fn)(void *ctx, unsigned n, const char *const *values),
		    void *ctx, const char *doing, struct rc_error *err)
{
	const char *values[32];
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), got = 0;
	unsigned n = 0;

	if (rc == SQLITE_OK && (n = (unsigned)sqlite3_column_count(st)) > 32)
		rc = SQLITE_TOOBIG;
	while (rc == SQLITE_OK && got == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (unsigned i = 0; i < n; i++)
			values[i] = (const char *)sqlite3_column_text(st, (int)i);
		got = fn(ctx, n, values);
		rc = SQLITE_OK;
	}
	if (got == 0 && rc != SQLITE_DONE && rc != SQLITE_OK)
		got = sqlite_fail(s, rc, doing, err);
	(void)sqlite3_finalize(st); /* repeats the step's result, handled */
	return got < 0 ? -1 : 0;
}

int sqlite_raw_put(struct store_conn *s, const char *sql, unsigned n,
		   const char *const *values, const char *doing, struct rc_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);

	for (unsigned i = 0; rc == SQLITE_OK && i < n; i++)
		bind_text(st, (int)i + 1, values[i], &rc);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		sqlite_fail(s, rc, doing, err);
	(void)sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* ---- backup ---- */

/* VACUUM INTO writes one consistent file from a read transaction, WAL
 * included; the new file is made private, as rolecall's databases are. */
int sqlite_backup(struct store_conn *s, const char *path, struct rc_error *err)
{
	char *sql = sqlite3_mprintf("VACUUM INTO %Q", path);
	int rc;

	if (!sql)
		return sqlite_oom(s, "back up the database", err);
	rc = sqlite_exec(s, sql, "back up the database", err);
	sqlite3_free(sql);
	if (rc == 0 && chmod(path, 0600) < 0)
		return rc_error_set(err, "%s: cannot make the backup private: %s", path,
				    strerror(errno));
	return rc;
}

/* PASSIVE never waits for the players reading the game: what it cannot
 * copy now it copies next time.  Once all of the WAL is copied, the next
 * write starts it again from the top, cut back to journal_size_limit. */
void sqlite_tidy(struct store_conn *s)
{
	(void)sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
}

int sqlite_fold(struct store_conn *s, struct rc_error *err)
{
	return sqlite_exec(s, "PRAGMA wal_checkpoint(TRUNCATE)", "fold the log into the file",
			   err);
}
