/*
 * pg_impl.h — what the parts of the PostgreSQL backend share and nothing
 * else includes: the connection, its statements, the helpers that run
 * them, and the operations store_pg_ops points at.  This header is where
 * <libpq-fe.h> comes in, so only src/store/pg/ includes it.
 *
 * The backend is split by job as the SQLite one is: pg_store.c (the
 * connection: open, schema, migrations, statements, errors, transactions,
 * the ops table), pg_answers.c (profiles, the answer log, derived state),
 * pg_exam.c, pg_trivia.c.  Its SELECTs put their columns where the shared
 * decoders of store_rows.h expect them.
 *
 * Parameters go as text ($1, $2, ...): libpq's text format needs no
 * byte-order care and PostgreSQL checks every value against its column.
 */
#ifndef ROLECALL_PG_IMPL_H
#define ROLECALL_PG_IMPL_H

#include <stdint.h>

#include <libpq-fe.h>

#include "store_backend.h"
#include "store_rows.h"

/* The PostgreSQL schema's own version: its migrations are not SQLite's. */
#define PG_SCHEMA_VERSION 3

enum pg_sql {
	PG_USER_FIND,
	PG_USER_ADD,
	PG_TOTALS_PUT,
	PG_TOTALS_GET,
	PG_LOG_ADD,
	PG_LOG_ALL,
	PG_LOG_LANDED,
	PG_GROUPS_MADE,
	PG_LOG_USER,
	PG_LOG_REPLAY,
	PG_QUESTION_PUT,
	PG_QUESTION_GET,
	PG_ROLE_NAME_PUT,
	PG_ROLE_NAMES_GET,
	PG_ROLE_NAMES_ALL,
	PG_TALLY_PUT,
	PG_TALLY_GET,
	PG_CONFUSION_PUT,
	PG_CONFUSION_GET,
	PG_DAILY,
	PG_EXAM_ADD,
	PG_EXAM_ITEM_ADD,
	PG_EXAM_ITEM_PUT,
	PG_EXAM_SUBMIT,
	PG_EXAM_EACH,
	PG_EXAM_ITEMS,
	PG_SERVER_MS,
	PG_LEARNERS,
	PG_TRIVIA_NOTIFY,
	PG_TRIVIA_CODE_FIND,
	PG_TRIVIA_GAME_ADD,
	PG_TRIVIA_GAME_LOCK,
	PG_TRIVIA_ROUND_ADD,
	PG_TRIVIA_PLAYER_ADD,
	PG_TRIVIA_PLAYER_GET,
	PG_TRIVIA_REJOIN,
	PG_TRIVIA_SEEN,
	PG_TRIVIA_HOST_SEEN,
	PG_TRIVIA_LEAVE,
	PG_TRIVIA_MARK_ABSENT,
	PG_TRIVIA_PHASE,
	PG_TRIVIA_ANSWER_ADD,
	PG_TRIVIA_ANSWER_MISS,
	PG_TRIVIA_ANSWER_POINTS,
	PG_TRIVIA_PLAYER_SCORE,
	PG_TRIVIA_GAMES,
	PG_TRIVIA_PLAYERS,
	PG_TRIVIA_ROUNDS,
	PG_SQL_COUNT
};

struct store_conn {
	PGconn *db;
	char *target;   /* as given, for reconnecting */
	char *name;     /* for messages: never the password */
	unsigned char prepared[PG_SQL_COUNT];
	/* The key of each answer logged: this process's random prefix, the
	 * write transaction's number, the answer's place in it. */
	char key_prefix[24];
	uint64_t writes;        /* write transactions begun */
	unsigned logged;        /* answers logged in the current one */
	char pending_key[64];   /* the first of them, until it commits */
	int broken;             /* the last failure was the connection's */
	/* The profile total read with the write lock, for pg_stored; 0: none. */
	int64_t total_user, total;
};

/* A write transaction begins: a new number, no answer logged yet. */
void pg_begin_count(struct store_conn *c);
/* The total the lock read: valid until a write of it or the finish. */
void pg_remember_total(struct store_conn *c, int64_t user_id, int64_t answers);

/* The key log_add gives the next answer of the current transaction. */
void pg_next_key(struct store_conn *c, char *key, size_t len);

#define PG_MAX_ARGS 16

/* The parameters of one statement, as text; numbers are printed here. */
struct pg_args {
	int n;
	const char *v[PG_MAX_ARGS];
	char num[PG_MAX_ARGS][32];
};

void pg_i64(struct pg_args *a, int64_t v);
void pg_f64(struct pg_args *a, double v);
/* Borrowed for the call; NULL is SQL NULL. */
void pg_text(struct pg_args *a, const char *v);

/* Visits one result row: 0 to go on, 1 to stop, -1 on an error it has
 * already put in err. */
typedef int (*pg_row_fn)(struct store_conn *c, const struct store_row *r,
			 void *ctx, struct rc_error *err);

/* libpq's messages span lines, with tabs and a final newline: one line,
 * single spaces. */
void pg_flatten(char *msg);
/* Report a failed call; res may be NULL (then the connection's error). */
int pg_fail(struct store_conn *c, const PGresult *res, const char *doing,
	    struct rc_error *err);
/* A row a shared decoder refused (store_rows.h). */
int pg_unreadable(const struct store_conn *c, const struct store_bad *bad,
		  struct rc_error *err);
/* A policy visitor (store_rows.h) run as a pg_row_fn: pass pg_decoded_row
 * and a struct pg_decoded; a row it cannot decode stops the query with
 * pg_unreadable's message. */
struct pg_decoded {
	store_visit_fn visit;
	void *ctx;
};
int pg_decoded_row(struct store_conn *c, const struct store_row *r, void *ctx,
		   struct rc_error *err);
/* Run a statement that returns no rows: the rows it changed, or -1. */
int pg_cmd(struct store_conn *c, enum pg_sql which, const struct pg_args *a,
	   const char *doing, struct rc_error *err);
/* Run a statement through all its rows. */
int pg_rows(struct store_conn *c, enum pg_sql which, const struct pg_args *a,
	    const char *doing, pg_row_fn fn, void *ctx, struct rc_error *err);
/* The first column of the first row as a number: 1 and *out when there is
 * a row, 0 when none, -1 on error. */
int pg_value(struct store_conn *c, enum pg_sql which, const struct pg_args *a,
	     const char *doing, int64_t *out, struct rc_error *err);
/* Run SQL text that is not worth preparing (open, migrate, rebuild). */
int pg_exec(struct store_conn *c, const char *sql, const char *doing,
	    struct rc_error *err);
int pg_begin(struct store_conn *c, const char *doing, struct rc_error *err);
/* A read on one snapshot; a write holding the profile's row lock (every
 * profile's when user_id is 0). */
int pg_begin_read(struct store_conn *c, const char *doing, struct rc_error *err);
int pg_lost(const struct store_conn *c);
int pg_grant(struct store_conn *c, int manager, const char *name, struct rc_error *err);
int pg_login(struct store_conn *c, char *login, size_t len, int *manager,
	     struct rc_error *err);
int pg_learners(struct store_conn *c, int all, int (*fn)(void *ctx, const char *name),
		void *ctx, struct rc_error *err);
int pg_server_ms(struct store_conn *c, int64_t *ms, struct rc_error *err);
int pg_reconnect(struct store_conn *c, struct rc_error *err);
int pg_landed(struct store_conn *c, struct rc_error *err);
int pg_begin_write(struct store_conn *c, int64_t user_id, const char *doing,
		   struct rc_error *err);
/* Commit when rc is 0, else roll back; returns 0 only once committed. */
int pg_finish(struct store_conn *c, int rc, const char *doing,
	      struct rc_error *err);
/* As pg_finish for a body whose outcome is 0, a positive code the caller
 * acts on, or -1: the outcome when the commit succeeds. */
int pg_outcome(struct store_conn *c, int rc, const char *doing,
	       struct rc_error *err);

/* ---- pg_answers.c ---- */

/* The columns an answer in the log and an exam question share, bank_id
 * to correct (store_rows.h decodes them), onto a: j holds rec's lists. */
void pg_record_args(struct pg_args *a, const struct answer_record *rec,
		    const struct store_lists *j);
int pg_user_find(struct store_conn *c, const char *name, int64_t *user_id,
		 struct rc_error *err);
int pg_user(struct store_conn *c, const char *name, int64_t *user_id,
	    struct rc_error *err);
int pg_stored(struct store_conn *c, int64_t user_id, int64_t *answers,
	      struct rc_error *err);
int pg_load_derived(struct store_conn *c, int64_t user_id, struct history *h,
		    struct rc_error *err);
int pg_question_put(struct store_conn *c, int64_t user_id,
		    const struct question_state *qs, struct rc_error *err);
int pg_tally_put(struct store_conn *c, int64_t user_id, const char *role,
		 const struct role_tally *t, struct rc_error *err);
int pg_confusion_put(struct store_conn *c, int64_t user_id, const char *answer,
		     const char *picked, const struct confusion_cell *cell,
		     struct rc_error *err);
int pg_role_name_put(struct store_conn *c, int64_t user_id, const char *role,
		     const char *name, struct rc_error *err);
int pg_each_role_name(struct store_conn *c, int64_t user_id,
		      int (*fn)(void *ctx, const char *role, const char *name),
		      void *ctx, struct rc_error *err);
int pg_totals_put(struct store_conn *c, int64_t user_id, uint64_t answers,
		  uint64_t correct, struct rc_error *err);
int pg_clear_derived(struct store_conn *c, struct rc_error *err);
int pg_log_add(struct store_conn *c, int64_t user_id,
	       const struct answer_record *rec, struct rc_error *err);
int pg_log_scan(struct store_conn *c, int64_t user_id, int by_user,
		store_log_fn fn, void *ctx, const char *doing,
		struct rc_error *err);
int pg_daily(struct store_conn *c, int64_t user_id, int64_t now, unsigned days,
	     uint32_t *answers, uint32_t *correct, struct rc_error *err);
int pg_dump_derived(struct store_conn *c, FILE *out, struct rc_error *err);
int pg_raw_each(struct store_conn *c, const char *sql,
		int (*fn)(void *ctx, unsigned n, const char *const *values),
		void *ctx, const char *doing, struct rc_error *err);
int pg_raw_put(struct store_conn *c, const char *sql, unsigned n,
	       const char *const *values, const char *doing, struct rc_error *err);
int pg_after_copy(struct store_conn *c, struct rc_error *err);

/* ---- pg_exam.c ---- */

int pg_exam_add(struct store_conn *c, struct exam_attempt *a, struct rc_error *err);
int pg_exam_item_add(struct store_conn *c, int64_t attempt_id, unsigned position,
		     const struct answer_record *rec, struct rc_error *err);
int pg_exam_item_put(struct store_conn *c, int64_t attempt_id, unsigned position,
		     const struct answer_record *rec, struct rc_error *err);
int pg_exam_submit(struct store_conn *c, const struct exam_attempt *a, unsigned n,
		   struct rc_error *err);
int pg_each_attempt(struct store_conn *c, const struct exam_filter *f,
		    int (*fn)(void *ctx, const struct exam_attempt *a),
		    void *ctx, struct rc_error *err);
int pg_each_exam_item(struct store_conn *c, const struct exam_filter *f,
		      int (*fn)(void *ctx, const struct exam_item_row *row),
		      void *ctx, struct rc_error *err);

/* ---- pg_trivia.c ---- */

int pg_trivia_code_taken(struct store_conn *c, const char *code, struct rc_error *err);
int pg_trivia_game_add(struct store_conn *c, struct store_trivia_game *g,
		       int64_t now_ms, struct rc_error *err);
int pg_trivia_round_add(struct store_conn *c, int64_t game_id,
			const struct store_trivia_round *r, struct rc_error *err);
int pg_trivia_player_add(struct store_conn *c, int64_t game_id, const char *name,
			 int64_t now, int64_t now_ms, struct rc_error *err);
int pg_trivia_look(struct store_conn *c, int64_t game_id, const char *name,
		   struct store_trivia_look *l, struct rc_error *err);
int pg_trivia_rejoin(struct store_conn *c, int64_t game_id, const char *name,
		     int64_t now_ms, struct rc_error *err);
int pg_trivia_read(struct store_conn *c, int64_t game_id, unsigned round, int lock,
		   struct store_trivia_state *st, struct rc_error *err);
int pg_trivia_score_put(struct store_conn *c, int64_t game_id, unsigned round,
			const struct store_trivia_player *p, int64_t end_ms,
			struct rc_error *err);
int pg_trivia_seen(struct store_conn *c, int64_t game_id, const char *name,
		   int64_t now_ms, struct rc_error *err);
int pg_trivia_leave(struct store_conn *c, int64_t game_id, const char *name, int mark,
		    struct rc_error *err);
int pg_trivia_mark_absent(struct store_conn *c, int64_t game_id,
			  int64_t before_ms, struct rc_error *err);
int pg_trivia_set_phase(struct store_conn *c, int64_t game_id,
			const struct store_trivia_step *to, int64_t now,
			struct rc_error *err);
int pg_trivia_answer(struct store_conn *c, int64_t game_id, unsigned round,
		     const char *player, int picked, int correct,
		     int64_t elapsed_ms, int64_t now_ms, struct rc_error *err);
int pg_trivia_each_game(struct store_conn *c, const struct store_trivia_filter *f,
			int (*fn)(void *ctx, const struct store_trivia_game *g),
			void *ctx, struct rc_error *err);
int pg_trivia_listen(struct store_conn *c, int64_t game_id, struct rc_error *err);
int pg_wake_fd(const struct store_conn *c);
int pg_drain(struct store_conn *c);
int pg_trivia_each_round(struct store_conn *c, int64_t game_id,
			 int (*fn)(void *ctx, const struct store_trivia_round *r),
			 void *ctx, struct rc_error *err);

#endif
