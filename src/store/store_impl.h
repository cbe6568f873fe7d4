/*
 * store_impl.h — what the parts of the store share and nothing else
 * includes: the connection, its statements, and the helpers that step
 * them.  This header is where <sqlite3.h> comes in, so only src/store*.c
 * include it.
 *
 * The store is split by job: store.c (the connection: open, schema,
 * migrations, statements, errors, transactions, close), store_columns.c
 * (how lists and numbers are kept in columns), store_answers.c (profiles,
 * the answer log and its derived state), store_exam.c, store_trivia.c.
 */
#ifndef ROLECALL_STORE_IMPL_H
#define ROLECALL_STORE_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "rolecall/store.h"

/* A comma-separated list of BANK_MAX_OPTIONS ids of up to 64 bytes fits
 * with room to spare; anything longer is not ours. */
#define STORE_LIST_MAX 1024

/* Every statement of the store, prepared once in store_open: the text of
 * each is in store_sql_text[] in store.c. */
enum store_sql {
	SQL_BEGIN_READ,
	SQL_BEGIN_WRITE,
	SQL_COMMIT,
	SQL_ROLLBACK,
	SQL_USER_FIND,
	SQL_USER_ADD,
	SQL_TOTALS_PUT,
	SQL_TOTALS_GET,
	SQL_LOG_ADD,
	SQL_LOG_ALL,
	SQL_LOG_USER,
	SQL_LOG_REPLAY,
	SQL_QUESTION_PUT,
	SQL_QUESTION_GET,
	SQL_TALLY_PUT,
	SQL_TALLY_GET,
	SQL_CONFUSION_PUT,
	SQL_CONFUSION_GET,
	SQL_DAILY_ALL,
	SQL_DAILY_USER,
	SQL_EXAM_ADD,
	SQL_EXAM_ITEM_ADD,
	SQL_EXAM_ITEM_PUT,
	SQL_EXAM_SUBMIT,
	SQL_EXAM_EACH,
	SQL_EXAM_ITEMS,
	SQL_TRIVIA_CODE_FIND,
	SQL_TRIVIA_GAME_ADD,
	SQL_TRIVIA_ROUND_ADD,
	SQL_TRIVIA_PLAYER_ADD,
	SQL_TRIVIA_PLAYER_GET,
	SQL_TRIVIA_REJOIN,
	SQL_TRIVIA_SEEN,
	SQL_TRIVIA_HOST_SEEN,
	SQL_TRIVIA_LEAVE,
	SQL_TRIVIA_MARK_ABSENT,
	SQL_TRIVIA_PHASE,
	SQL_TRIVIA_ANSWER_ADD,
	SQL_TRIVIA_ANSWER_MISS,
	SQL_TRIVIA_ANSWER_POINTS,
	SQL_TRIVIA_PLAYER_SCORE,
	SQL_TRIVIA_GAMES,
	SQL_TRIVIA_PLAYERS,
	SQL_TRIVIA_ROUNDS,
	SQL_COUNT
};

struct store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *stmt[SQL_COUNT];
	int wal_frames; /* pages in the WAL after our last commit */
};

/* Binders keep the first failure in *rc so that a statement's bindings are
 * checked once, where it is stepped. */
static inline void bind_i64(sqlite3_stmt *st, int i, int64_t v, int *rc)
{
	if (*rc == SQLITE_OK)
		*rc = sqlite3_bind_int64(st, i, v);
}

static inline void bind_f64(sqlite3_stmt *st, int i, double v, int *rc)
{
	if (*rc == SQLITE_OK)
		*rc = sqlite3_bind_double(st, i, v);
}

/* Strings are borrowed for the call: store_reset clears them before the
 * caller can free them. */
static inline void bind_text(sqlite3_stmt *st, int i, const char *v, int *rc)
{
	if (*rc != SQLITE_OK)
		return;
	*rc = v ? sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC)
		: sqlite3_bind_null(st, i);
}

static inline void store_reset(sqlite3_stmt *st)
{
	/* sqlite3_reset repeats the last step's result, already handled by
	 * whoever stepped; sqlite3_clear_bindings always succeeds. */
	(void)sqlite3_reset(st);
	(void)sqlite3_clear_bindings(st);
}
/* Visits one result row: 0 to go on, 1 to stop, -1 on an error it has
 * already put in err. */
typedef int (*store_row_fn)(struct store *s, sqlite3_stmt *st, void *ctx,
			    struct rc_error *err);

static inline uint32_t col_u32(sqlite3_stmt *st, int i)
{
	int64_t v = sqlite3_column_int64(st, i);

	return v < 0 ? 0 : v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

static inline const char *col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* ---- store.c: errors, statements, transactions ---- */

/* Report a failed SQLite call: rc is its result, doing says what for. */
int store_fail(const struct store *s, int rc, const char *doing,
	       struct rc_error *err);
int store_oom(const struct store *s, const char *doing, struct rc_error *err);
/* A row that cannot be decoded: what is "exam attempt", "trivia game". */
int store_unreadable(const struct store *s, const char *what, int64_t id,
		     struct rc_error *err);
/* Step a statement that returns no rows.  rc is the result of binding it. */
int store_run(const struct store *s, sqlite3_stmt *st, int rc,
	      const char *doing, struct rc_error *err);
/* Step a bound statement (rc: the binding result) through all its rows. */
int store_rows(struct store *s, sqlite3_stmt *st, int rc, const char *doing,
	       store_row_fn fn, void *ctx, struct rc_error *err);
/* Run SQL text that is not worth caching (open, migrate, rebuild). */
int store_exec(const struct store *s, const char *sql, const char *doing,
	       struct rc_error *err);
/* which: SQL_BEGIN_READ or SQL_BEGIN_WRITE. */
int store_begin(struct store *s, enum store_sql which, const char *doing,
		struct rc_error *err);
/* Commit, or roll back when anything went wrong; rc is 0 or -1 so far. */
int store_finish(struct store *s, int rc, const char *doing,
		 struct rc_error *err);

/* ---- store_columns.c ---- */

/* The log row's lists, split in place; the row's strings point here. */
struct store_lists {
	char about[STORE_LIST_MAX];
	char shown[STORE_LIST_MAX];
	char choices[STORE_LIST_MAX];
};

int store_join_ids(char *buf, const char *const *ids, unsigned n);
int store_join_choices(char *buf, const unsigned *choices, unsigned n);
/* Copy a text column into buf; -1 when missing or cap is too small. */
int store_col_copy(sqlite3_stmt *st, int i, char *buf, size_t cap);
int store_split(char *text, char **parts, int empty_is_none);
int store_parse_uint(const char *text, unsigned *out);
int store_parse_u64(const char *text, uint64_t *out);
int store_col_small(sqlite3_stmt *st, int i, unsigned *out);
int store_decode_lists(sqlite3_stmt *st, struct answer_record *rec,
		       struct store_lists *l);

/* ---- store_answers.c ---- */

/* Log n answers and save what they changed in h (which has them applied),
 * inside the caller's write transaction: exams and trivia record their
 * answers with it too. */
int store_record_locked(struct store *s, int64_t user_id,
			const struct answer_record *recs, unsigned n,
			struct history *h, struct rc_error *err);

#endif
