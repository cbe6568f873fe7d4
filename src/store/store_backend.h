/*
 * store_backend — what the store's policy (src/store/store*.c) needs from a
 * database engine, as a table of operations in the shape of SQLite's
 * sqlite3_io_methods: each backend (src/store/sqlite/, src/store/pg/)
 * fills one in, and the policy never asks which one it runs on.
 *
 * The policy owns the rules every backend shares: when a profile's derived
 * state must be reloaded because another process recorded answers (the
 * catch-up), what one answer changes in the derived tables, how the log is
 * replayed into a rebuild, and which arguments are refused before anything
 * is written.  A backend owns its connection, its SQL, its schema and its
 * migrations, and what "the write lock" means for it: SQLite takes the
 * database's one writer lock; a server backend locks the profile's row, so
 * two learners never wait for each other.
 *
 * What every backend guarantees:
 *  - finish(c, 0, ...) returns 0 only once the transaction is durable: an
 *    answer reported as recorded survives the process being killed;
 *  - between begin_write(c, user_id) and finish, no other writer changes
 *    that profile's rows (user_id 0: the whole store, for a rebuild);
 *  - a schema newer than its own is refused untouched, an older one is
 *    migrated forward, each step in one transaction;
 *  - error messages name the database (path()) and say what to do.
 *
 * Each backend defines its own struct store_conn; the policy only passes
 * the pointer back.  Operations marked "in a transaction" expect the
 * caller to have begun one; the others manage their own.
 */
#ifndef ROLECALL_STORE_BACKEND_H
#define ROLECALL_STORE_BACKEND_H

#include <stdint.h>
#include <stdio.h>

#include "rolecall/store.h"

struct store_conn;

/* What a trivia join must know about a game and a name. */
struct store_trivia_look {
	int found;          /* the game exists */
	int status;         /* enum store_trivia_status; -1 when unreadable */
	unsigned players;
	int known;          /* the name is a player of it */
	int absent;
	int removed;        /* by the host */
	int64_t last_seen_ms;
};

/* Visits one answer of the log with the profile it belongs to: 0 to go
 * on, 1 to stop, -1 on an error already in err. */
typedef int (*store_log_fn)(void *ctx, int64_t user_id, const struct log_row *row);

/* What a backend is, apart from what it does. */
struct store_about {
	const char *name;   /* "SQLite", "PostgreSQL": for messages */
	int schema_version; /* what init leaves */
	unsigned max_players; /* in one trivia game */
};

struct store_ops {
	struct store_about about;

	/* ---- the connection ---- */
	int (*open)(const char *target, struct store_conn **out,
		    struct rc_error *err);
	/* Open only to read (store_open_existing): nothing created, and read
	 * access enough.  NULL: open. */
	int (*open_read)(const char *target, struct store_conn **out,
			 struct rc_error *err);
	/* Create or migrate the schema, as `rolecall db init` does: for
	 * SQLite, what open does anyway; on a server, the one operation
	 * that changes the schema, so that it needs the owner's rights. */
	int (*init)(const char *target, struct rc_error *err);
	void (*close)(struct store_conn *c);
	const char *(*path)(const struct store_conn *c);

	/* ---- a server that goes away (NULL for a file) ---- */
	/* 1 when the connection is gone: the last operation failed with it. */
	int (*lost)(const struct store_conn *c);
	/* One try at connecting again. */
	int (*reconnect)(struct store_conn *c, struct rc_error *err);
	/* After a lost write transaction: 1 when its commit reached the
	 * server after all (its answers are in the log), 0 when not or when
	 * it logged none (then it is simply sent again), -1 on error. */
	int (*landed)(struct store_conn *c, struct rc_error *err);

	/* The server's clock in unix milliseconds (NULL: the processes share
	 * one machine's clock, and there is no other). */
	int (*server_ms)(struct store_conn *c, int64_t *ms, struct rc_error *err);

	/* Logins (NULL: a file has none).  grant makes name a learner or a
	 * manager; login says whether profiles are bound to logins here (1,
	 * with the session's login and whether it may act for others) or not
	 * (0), as store_login. */
	int (*grant)(struct store_conn *c, int manager, const char *name,
		     struct rc_error *err);
	int (*login)(struct store_conn *c, char *login, size_t len, int *manager,
		     struct rc_error *err);
	/* The logins granted learner, in byte order: every one when all is
	 * set (a manager), else only the session's own, if it is one; fn
	 * returns nonzero to stop.  NULL: no logins (login is NULL too). */
	int (*learners)(struct store_conn *c, int all,
			int (*fn)(void *ctx, const char *name), void *ctx,
			struct rc_error *err);

	/* ---- transactions ---- */
	int (*begin_read)(struct store_conn *c, const char *doing,
			  struct rc_error *err);
	int (*begin_write)(struct store_conn *c, int64_t user_id,
			   const char *doing, struct rc_error *err);
	/* Commit when rc is 0, else roll back; returns 0 only once committed. */
	int (*finish)(struct store_conn *c, int rc, const char *doing,
		      struct rc_error *err);

	/* ---- profiles: as store_find_user and store_user ---- */
	int (*user_find)(struct store_conn *c, const char *name, int64_t *user_id,
			 struct rc_error *err);
	int (*user)(struct store_conn *c, const char *name, int64_t *user_id,
		    struct rc_error *err);

	/* ---- derived state (in a transaction) ---- */
	/* The profile's recorded total; *answers is -1 when there is none. */
	int (*stored_answers)(struct store_conn *c, int64_t user_id,
			      int64_t *answers, struct rc_error *err);
	/* Load the profile's derived state into h (empty). */
	int (*load_derived)(struct store_conn *c, int64_t user_id,
			    struct history *h, struct rc_error *err);
	int (*put_question)(struct store_conn *c, int64_t user_id,
			    const struct question_state *qs, struct rc_error *err);
	int (*put_tally)(struct store_conn *c, int64_t user_id, const char *role,
			 const struct role_tally *t, struct rc_error *err);
	int (*put_confusion)(struct store_conn *c, int64_t user_id,
			     const char *answer, const char *picked,
			     const struct confusion_cell *cell,
			     struct rc_error *err);
	/* The name role had in its bank; load_derived gives it back. */
	int (*put_role_name)(struct store_conn *c, int64_t user_id,
			     const char *role, const char *name, struct rc_error *err);
	/* The saved names of user_id's roles (0: every profile's), by profile. */
	int (*each_role_name)(struct store_conn *c, int64_t user_id,
			      int (*fn)(void *ctx, const char *role, const char *name),
			      void *ctx, struct rc_error *err);
	int (*put_totals)(struct store_conn *c, int64_t user_id,
			  uint64_t answers, uint64_t correct, struct rc_error *err);
	/* Empty every profile's derived state and totals, for a rebuild. */
	int (*clear_derived)(struct store_conn *c, struct rc_error *err);

	/* ---- the answer log ---- */
	/* Append one answer (in a transaction). */
	int (*log_add)(struct store_conn *c, int64_t user_id,
		       const struct answer_record *rec, struct rc_error *err);
	/* Every answer of user_id (every profile's when 0), oldest first;
	 * by_user orders them by profile first, as a replay needs. */
	int (*log_scan)(struct store_conn *c, int64_t user_id, int by_user,
			store_log_fn fn, void *ctx, const char *doing,
			struct rc_error *err);
	int (*daily)(struct store_conn *c, int64_t user_id, int64_t now,
		     unsigned days, uint32_t *answers, uint32_t *correct,
		     struct rc_error *err);
	int (*check_integrity)(struct store_conn *c, struct rc_error *err);
	int (*dump_derived)(struct store_conn *c, FILE *out, struct rc_error *err);

	/* ---- rows as text (db copy, exam definitions) ---- */
	/* Every row of a SELECT, its columns as text (NULL for NULL); `doing`
	 * names the work in an error ("read the exam definitions"). */
	int (*raw_each)(struct store_conn *c, const char *sql,
			int (*fn)(void *ctx, unsigned n, const char *const *values),
			void *ctx, const char *doing, struct rc_error *err);
	/* One statement with "$1".."$n" bound to values as text, inside the
	 * caller's transaction. */
	int (*raw_put)(struct store_conn *c, const char *sql, unsigned n,
		       const char *const *values, const char *doing,
		       struct rc_error *err);
	/* After rows went in with their ids: what the next id will be (NULL
	 * when the backend needs nothing). */
	int (*after_copy)(struct store_conn *c, struct rc_error *err);
	/* A consistent copy of the whole database into the new file path, in
	 * one file (NULL: the policy copies it with store_copy). */
	int (*backup)(struct store_conn *c, const char *path, struct rc_error *err);
	/* Everything committed into the main file, so that it alone is the
	 * database (NULL: nothing to fold). */
	int (*fold)(struct store_conn *c, struct rc_error *err);
	/* The same without waiting for anyone, best effort (NULL: nothing). */
	void (*tidy)(struct store_conn *c);

	/* ---- exams ---- */
	/* In a transaction (begin_game, or the submit's begin_write). */
	/* A new open attempt: its id into a->id. */
	int (*exam_add)(struct store_conn *c, struct exam_attempt *a, struct rc_error *err);
	int (*exam_item_add)(struct store_conn *c, int64_t attempt_id, unsigned position,
			     const struct answer_record *rec, struct rc_error *err);
	/* One question's pick; refused (-1, said in err) unless the attempt
	 * is open and has the question. */
	int (*exam_item_put)(struct store_conn *c, int64_t attempt_id, unsigned position,
			     const struct answer_record *rec, struct rc_error *err);
	/* Mark the open attempt of a->user_id with n questions submitted
	 * (ended_at, timed_out, correct from a); refused unless it is. */
	int (*exam_submit)(struct store_conn *c, const struct exam_attempt *a, unsigned n,
			   struct rc_error *err);
	int (*each_attempt)(struct store_conn *c, const struct exam_filter *f,
			    int (*fn)(void *ctx, const struct exam_attempt *a),
			    void *ctx, struct rc_error *err);
	int (*each_exam_item)(struct store_conn *c, const struct exam_filter *f,
			      int (*fn)(void *ctx, const struct exam_item_row *row),
			      void *ctx, struct rc_error *err);

	/* ---- trivia ---- */
	/* Hearing of a game's changes at once (NULL: a file, which is read
	 * again every TRIVIA_GAME_POLL_MS): listen to the game, the descriptor that
	 * becomes readable when a change was announced, and drain, which
	 * consumes what arrived and returns how many changes (0 or more; -1
	 * when the line is gone: the next read reports it). */
	int (*trivia_listen)(struct store_conn *c, int64_t game_id, struct rc_error *err);
	int (*wake_fd)(const struct store_conn *c);
	int (*drain)(struct store_conn *c);
	/* A write transaction for a game's rows (not a profile's). */
	int (*begin_game)(struct store_conn *c, const char *doing, struct rc_error *err);
	/* The rest of this group runs in a transaction. */
	int (*trivia_code_taken)(struct store_conn *c, const char *code,
				 struct rc_error *err); /* 1, 0 or -1 */
	/* Insert the game (its id into g->id) as lobby when hosted, else running. */
	int (*trivia_game_add)(struct store_conn *c, struct store_trivia_game *g,
			       int64_t now_ms, struct rc_error *err);
	int (*trivia_round_add)(struct store_conn *c, int64_t game_id,
				const struct store_trivia_round *r, struct rc_error *err);
	/* The next seat, in join order. */
	int (*trivia_player_add)(struct store_conn *c, int64_t game_id, const char *name,
				 int64_t now, int64_t now_ms, struct rc_error *err);
	/* What a join must know, the game locked against other joiners. */
	int (*trivia_look)(struct store_conn *c, int64_t game_id, const char *name,
			   struct store_trivia_look *l, struct rc_error *err);
	int (*trivia_rejoin)(struct store_conn *c, int64_t game_id, const char *name,
			     int64_t now_ms, struct rc_error *err);
	/* The game and its players with their answers to round; with lock, the
	 * game locked against answers and other scorers; 1 when no game. */
	int (*trivia_read)(struct store_conn *c, int64_t game_id, unsigned round,
			   int lock, struct store_trivia_state *st, struct rc_error *err);
	/* A scored player's round (a missing answer dated end_ms) and totals. */
	int (*trivia_score_put)(struct store_conn *c, int64_t game_id, unsigned round,
				const struct store_trivia_player *p, int64_t end_ms,
				struct rc_error *err);
	int (*trivia_seen)(struct store_conn *c, int64_t game_id, const char *name,
			   int64_t now_ms, struct rc_error *err);
	/* Mark a player absent (STORE_TRIVIA_ABSENT_*); never undoes a removal. */
	int (*trivia_leave)(struct store_conn *c, int64_t game_id, const char *name,
			    int mark, struct rc_error *err);
	int (*trivia_mark_absent)(struct store_conn *c, int64_t game_id,
				  int64_t before_ms, struct rc_error *err);
	int (*trivia_set_phase)(struct store_conn *c, int64_t game_id,
				const struct store_trivia_step *to, int64_t now,
				struct rc_error *err);
	/* Save one player's answer (in a transaction): 1, writing nothing,
	 * when the round is closed to it or the player answered already. */
	int (*trivia_answer)(struct store_conn *c, int64_t game_id, unsigned round,
			     const char *player, int picked, int correct,
			     int64_t elapsed_ms, int64_t now_ms,
			     struct rc_error *err);
	int (*trivia_state)(struct store_conn *c, int64_t game_id, unsigned round,
			    struct store_trivia_state *st, struct rc_error *err);
	int (*trivia_each_game)(struct store_conn *c,
				const struct store_trivia_filter *f,
				int (*fn)(void *ctx, const struct store_trivia_game *g),
				void *ctx, struct rc_error *err);
	int (*trivia_each_round)(struct store_conn *c, int64_t game_id,
				 int (*fn)(void *ctx, const struct store_trivia_round *r),
				 void *ctx, struct rc_error *err);
};

/* The backends this rolecall was built with. */
extern const struct store_ops store_sqlite_ops;
#ifdef ROLECALL_HAVE_PG
extern const struct store_ops store_pg_ops;
#endif

/* The backend a --db target names: PostgreSQL for a postgresql:// or
 * postgres:// URI or a libpq "key=value" string, SQLite (a file path)
 * for anything else.  NULL, with the reason in err, when the target names
 * a backend this rolecall was built without. */
const struct store_ops *store_backend_for(const char *target,
					  struct rc_error *err);

#endif
