/*
 * sqlite_impl.h — what the parts of the SQLite backend share and nothing
 * else includes: the connection, its statements, the helpers that step
 * them, and the operations store_sqlite_ops points at.  This header is
 * where <sqlite3.h> comes in, so only src/store/sqlite/ includes it.
 *
 * The backend is split by job: sqlite_store.c (the connection: open, schema,
 * migrations, statements, errors, transactions, close, the ops table), sqlite_columns.c
 * (the row the shared decoders read), sqlite_answers.c (profiles,
 * the answer log and its derived state), sqlite_exam.c, sqlite_trivia.c.
 */
#ifndef ROLECALL_SQLITE_IMPL_H
#define ROLECALL_SQLITE_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "store_backend.h"
#include "store_rows.h"

/* Every statement of the store, prepared once in sqlite_open: the text of
 * each is in sqlite_sql_text[] in store.c. */
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
	SQL_ROLE_NAME_PUT,
	SQL_ROLE_NAMES_GET,
	SQL_ROLE_NAMES_ALL,
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

struct store_conn {
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

/* Strings are borrowed for the call: sqlite_reset clears them before the
 * caller can free them. */
static inline void bind_text(sqlite3_stmt *st, int i, const char *v, int *rc)
{
	if (*rc != SQLITE_OK)
		return;
	*rc = v ? sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC)
		: sqlite3_bind_null(st, i);
}

static inline void sqlite_reset(sqlite3_stmt *st)
{
	/* sqlite3_reset repeats the last step's result, already handled by
	 * whoever stepped; sqlite3_clear_bindings always succeeds. */
	(void)sqlite3_reset(st);
	(void)sqlite3_clear_bindings(st);
}
/* Visits one result row: 0 to go on, 1 to stop, -1 on an error it has
 * already put in err. */
typedef int (*sqlite_row_fn)(struct store_conn *s, sqlite3_stmt *st, void *ctx,
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
int sqlite_fail(const struct store_conn *s, int rc, const char *doing,
	       struct rc_error *err);
int sqlite_oom(const struct store_conn *s, const char *doing, struct rc_error *err);
/* A row a shared decoder refused (store_rows.h). */
int sqlite_unreadable(const struct store_conn *s, const struct store_bad *bad,
		     struct rc_error *err);
/* A policy visitor (store_rows.h) run as a sqlite_row_fn: pass
 * sqlite_decoded_row and a struct sqlite_decoded; a row it cannot decode
 * stops the query with sqlite_unreadable's message. */
struct sqlite_decoded {
	store_visit_fn visit;
	void *ctx;
};
int sqlite_decoded_row(struct store_conn *s, sqlite3_stmt *st, void *ctx,
		       struct rc_error *err);
/* Step a statement that returns no rows.  rc is the result of binding it. */
int sqlite_run(const struct store_conn *s, sqlite3_stmt *st, int rc,
	      const char *doing, struct rc_error *err);
/* Step a bound statement (rc: the binding result) through all its rows. */
int sqlite_rows(struct store_conn *s, sqlite3_stmt *st, int rc, const char *doing,
	       sqlite_row_fn fn, void *ctx, struct rc_error *err);
/* A statement's parameters in order from ?1, for the queries bound from a
 * filter: each then says only what it binds.  Text NULL binds NULL. */
struct sqlite_arg {
	int is_text;
	int64_t value;
	const char *text;
};
#define SQLITE_ARG_I64(v) { 0, (int64_t)(v), NULL }
#define SQLITE_ARG_TEXT(t) { 1, 0, (t) }
/* Bind args[0..n) to st, then step it through all its rows like sqlite_rows. */
int sqlite_rows_bound(struct store_conn *s, sqlite3_stmt *st,
		      const struct sqlite_arg *args, size_t n, const char *doing,
		      sqlite_row_fn fn, void *ctx, struct rc_error *err);
/* Bind args[0..n) to st, then run it like sqlite_run. */
int sqlite_run_bound(const struct store_conn *s, sqlite3_stmt *st,
		     const struct sqlite_arg *args, size_t n, const char *doing,
		     struct rc_error *err);
/* Run SQL text that is not worth caching (open, migrate, rebuild). */
int sqlite_exec(const struct store_conn *s, const char *sql, const char *doing,
	       struct rc_error *err);
/* which: SQL_BEGIN_READ or SQL_BEGIN_WRITE. */
int sqlite_begin(struct store_conn *s, enum store_sql which, const char *doing,
		struct rc_error *err);
/* Commit, or roll back when anything went wrong; rc is 0 or -1 so far. */
int sqlite_finish(struct store_conn *s, int rc, const char *doing,
		 struct rc_error *err);

/* ---- sqlite_columns.c ---- */

/* The row st is on, for the shared decoders of store_rows.h. */
struct store_row sqlite_row(sqlite3_stmt *st);
/* db copy's row readers and writers (store_backend.h). */
int sqlite_raw_each(struct store_conn *s, const char *sql,
		    int (*fn)(void *ctx, unsigned n, const char *const *values),
		    void *ctx, const char *doing, struct rc_error *err);
int sqlite_raw_put(struct store_conn *s, const char *sql, unsigned n,
		   const char *const *values, const char *doing, struct rc_error *err);
int sqlite_backup(struct store_conn *s, const char *path, struct rc_error *err);
int sqlite_fold(struct store_conn *s, struct rc_error *err);
void sqlite_tidy(struct store_conn *s);

/* ---- sqlite_answers.c: the operations of store_sqlite_ops ---- */

/* The columns an answer in the log and an exam question share, bank_id
 * to correct (store_rows.h decodes them), bound from parameter first on:
 * j holds rec's lists. */
void sqlite_bind_record(sqlite3_stmt *st, int first, const struct answer_record *rec,
			const struct store_lists *j, int *rc);
int sqlite_find_user(struct store_conn *s, const char *name, int64_t *user_id,
		    struct rc_error *err);
int sqlite_user(struct store_conn *s, const char *name, int64_t *user_id,
	       struct rc_error *err);
int sqlite_question_put(struct store_conn *s, int64_t user_id,
			      const struct question_state *qs,
			      struct rc_error *err);
int sqlite_tally_put(struct store_conn *s, int64_t user_id, const char *role,
			   const struct role_tally *t, struct rc_error *err);
int sqlite_confusion_put(struct store_conn *s, int64_t user_id,
			       const char *answer, const char *picked,
			       const struct confusion_cell *c,
			       struct rc_error *err);
int sqlite_role_name_put(struct store_conn *s, int64_t user_id, const char *role,
			 const char *name, struct rc_error *err);
int sqlite_each_role_name(struct store_conn *s, int64_t user_id,
			  int (*fn)(void *ctx, const char *role, const char *name),
			  void *ctx, struct rc_error *err);
int sqlite_totals_put(struct store_conn *s, int64_t user_id,
			     uint64_t answers, uint64_t correct, struct rc_error *err);
int sqlite_log_add(struct store_conn *s, int64_t user_id,
			 const struct answer_record *rec, struct rc_error *err);
int sqlite_load_locked(struct store_conn *s, int64_t user_id,
			     struct history *h, struct rc_error *err);
int sqlite_stored(struct store_conn *s, int64_t user_id, int64_t *answers,
			 struct rc_error *err);
int sqlite_log_scan(struct store_conn *s, int64_t user_id, int by_user,
			   store_log_fn fn, void *ctx, const char *doing,
			   struct rc_error *err);
int sqlite_clear_derived(struct store_conn *s, struct rc_error *err);
int sqlite_daily(struct store_conn *s, int64_t user_id, int64_t now, unsigned days,
		uint32_t *answers, uint32_t *correct, struct rc_error *err);
int sqlite_dump_derived(struct store_conn *s, FILE *out, struct rc_error *err);

/* ---- sqlite_exam.c: the operations of store_sqlite_ops ---- */

int sqlite_exam_add(struct store_conn *s, struct exam_attempt *a, struct rc_error *err);
int sqlite_exam_item_add(struct store_conn *s, int64_t attempt_id, unsigned position,
			 const struct answer_record *rec, struct rc_error *err);
int sqlite_exam_item_put(struct store_conn *s, int64_t attempt_id, unsigned position,
			 const struct answer_record *rec, struct rc_error *err);
int sqlite_exam_submit(struct store_conn *s, const struct exam_attempt *a, unsigned n,
		       struct rc_error *err);
int sqlite_each_attempt(struct store_conn *s, const struct exam_filter *f,
		       int (*fn)(void *ctx, const struct exam_attempt *a),
		       void *ctx, struct rc_error *err);
int sqlite_each_exam_item(struct store_conn *s, const struct exam_filter *f,
			 int (*fn)(void *ctx, const struct exam_item_row *row),
			 void *ctx, struct rc_error *err);

/* ---- sqlite_trivia.c: the operations of store_sqlite_ops ---- */

int sqlite_begin_game(struct store_conn *s, const char *doing, struct rc_error *err);
int sqlite_trivia_code_taken(struct store_conn *s, const char *code, struct rc_error *err);
int sqlite_trivia_game_add(struct store_conn *s, struct store_trivia_game *g,
			   int64_t now_ms, struct rc_error *err);
int sqlite_trivia_round_add(struct store_conn *s, int64_t game_id,
			    const struct store_trivia_round *r, struct rc_error *err);
int sqlite_trivia_player_add(struct store_conn *s, int64_t game_id, const char *name,
			     int64_t now, int64_t now_ms, struct rc_error *err);
int sqlite_trivia_look(struct store_conn *s, int64_t game_id, const char *name,
		       struct store_trivia_look *l, struct rc_error *err);
int sqlite_trivia_rejoin(struct store_conn *s, int64_t game_id, const char *name,
			 int64_t now_ms, struct rc_error *err);
int sqlite_trivia_read(struct store_conn *s, int64_t game_id, unsigned round,
		       int lock, struct store_trivia_state *st, struct rc_error *err);
int sqlite_trivia_score_put(struct store_conn *s, int64_t game_id, unsigned round,
			    const struct store_trivia_player *p, int64_t end_ms,
			    struct rc_error *err);
int sqlite_trivia_seen(struct store_conn *s, int64_t game_id, const char *name,
		      int64_t now_ms, struct rc_error *err);
int sqlite_trivia_leave(struct store_conn *s, int64_t game_id, const char *name, int mark,
		       struct rc_error *err);
int sqlite_trivia_mark_absent(struct store_conn *s, int64_t game_id, int64_t before_ms,
			     struct rc_error *err);
int sqlite_trivia_set_phase(struct store_conn *s, int64_t game_id,
			   const struct store_trivia_step *to, int64_t now,
			   struct rc_error *err);
int sqlite_trivia_answer(struct store_conn *s, int64_t game_id,
			  unsigned round, const char *player, int picked,
			  int correct, int64_t elapsed_ms, int64_t now_ms,
			  struct rc_error *err);
int sqlite_trivia_each_game(struct store_conn *s, const struct store_trivia_filter *f,
			   int (*fn)(void *ctx, const struct store_trivia_game *g),
			   void *ctx, struct rc_error *err);
int sqlite_trivia_each_round(struct store_conn *s, int64_t game_id,
			    int (*fn)(void *ctx, const struct store_trivia_round *r),
			    void *ctx, struct rc_error *err);

#endif
