/*
 * sqlite_columns — a statement's current row as the shared decoders of
 * store_rows.h read it.
 */
#include "sqlite_impl.h"

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
