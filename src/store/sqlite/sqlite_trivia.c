/*
 * sqlite_trivia — trivia games, their rounds, players and answers: what
 * lets several rolecalls on one database play one game.  Each change is
 * its own transaction, so that every player sees a consistent game.
 */
#include "sqlite_impl.h"

#include "store_errors.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* Step SQL_TRIVIA_GAMES, bound to filter f, through fn. */
static int sqlite_game_rows(struct store_conn *s, const struct store_trivia_filter *f,
			   const char *doing, sqlite_row_fn fn, void *ctx,
			   struct rc_error *err)
{
	const struct sqlite_arg args[] = {
		SQLITE_ARG_I64(f->game_id), SQLITE_ARG_TEXT(f->code),
		SQLITE_ARG_I64(f->since), SQLITE_ARG_I64(f->finished_only != 0),
	};

	return sqlite_rows_bound(s, s->stmt[SQL_TRIVIA_GAMES], args,
				 sizeof args / sizeof *args, doing, fn, ctx, err);
}


/* ---- trivia: creating and joining ---- */

/* 1 when the first row of a bound query exists, 0 when not, -1 on error. */
static int sqlite_exists(const struct store_conn *s, sqlite3_stmt *st, int rc,
			const char *doing, struct rc_error *err)
{
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : sqlite_fail(s, rc, doing, err);
}

int sqlite_trivia_game_add(struct store_conn *s, struct store_trivia_game *g,
				 int64_t now_ms, struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_TRIVIA_GAME_ADD];
	char seed[24];
	int rc = SQLITE_OK;

	snprintf(seed, sizeof seed, "%" PRIu64, g->seed);
	bind_text(st, 1, g->code, &rc);
	bind_text(st, 2, g->hosted ? "hosted" : "hotseat", &rc);
	bind_text(st, 3, g->host_user, &rc);
	bind_i64(st, 4, g->created_at, &rc);
	bind_text(st, 5, store_trivia_status_word(g->hosted ? STORE_TRIVIA_LOBBY :
						  STORE_TRIVIA_RUNNING), &rc);
	bind_text(st, 6, seed, &rc);
	bind_i64(st, 7, g->rounds, &rc);
	bind_i64(st, 8, g->time_limit_ms, &rc);
	bind_i64(st, 9, g->points, &rc);
	bind_i64(st, 10, g->speed != 0, &rc);
	bind_i64(st, 11, g->streak != 0, &rc);
	bind_i64(st, 12, g->teams != 0, &rc);
	bind_text(st, 13, g->banks ? g->banks : "", &rc);
	bind_text(st, 14, g->bank_files ? g->bank_files : "", &rc);
	bind_i64(st, 15, now_ms, &rc);
	if (sqlite_run(s, st, rc, "save the trivia game", err) < 0)
		return -1;
	g->id = sqlite3_last_insert_rowid(s->db);
	g->status = g->hosted ? STORE_TRIVIA_LOBBY : STORE_TRIVIA_RUNNING;
	g->phase = STORE_TRIVIA_WAIT;
	return 0;
}

int sqlite_trivia_round_add(struct store_conn *s, int64_t game_id,
				  const struct store_trivia_round *r,
				  struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_TRIVIA_ROUND_ADD];
	char choices[STORE_LIST_MAX];
	int rc = SQLITE_OK;

	if (!r->bank_id || !r->question_id || r->n_shown < 1 ||
	    r->n_shown > BANK_MAX_OPTIONS ||
	    store_join_choices(choices, r->shown_choices, r->n_shown) < 0)
		return store_bad_trivia(s->path, "a question is malformed", err);
	bind_i64(st, 1, game_id, &rc);
	bind_i64(st, 2, r->round, &rc);
	bind_text(st, 3, r->bank_id, &rc);
	bind_text(st, 4, r->question_id, &rc);
	bind_text(st, 5, choices, &rc);
	return sqlite_run(s, st, rc, "save the trivia questions", err);
}

int sqlite_trivia_player_add(struct store_conn *s, int64_t game_id,
				   const char *name, int64_t now, int64_t now_ms,
				   struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_TRIVIA_PLAYER_ADD];
	int rc = SQLITE_OK;

	if (!name || !*name || strlen(name) > STORE_TRIVIA_NAME_MAX)
		return store_bad_trivia(s->path, "a player's name is empty or too long", err);
	bind_i64(st, 1, game_id, &rc);
	bind_text(st, 2, name, &rc);
	bind_i64(st, 3, now, &rc);
	bind_i64(st, 4, now_ms, &rc);
	return sqlite_run(s, st, rc, "save the trivia player", err);
}

/* 1 when the code is taken, 0 when free, -1 on error. */
int sqlite_trivia_code_taken(struct store_conn *s, const char *code,
				   struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_TRIVIA_CODE_FIND];
	int rc = SQLITE_OK;

	bind_text(st, 1, code, &rc);
	return sqlite_exists(s, st, rc, "look up the game code", err);
}



/* Where a look's row goes, and what names it. */
struct store_join_look {
	struct store_trivia_look *l;
	int64_t game_id;
	const char *name;
};

static int sqlite_join_row(struct store_conn *s, sqlite3_stmt *st, void *ctx,
			  struct rc_error *err)
{
	struct store_join_look *j = ctx;
	struct store_row r = sqlite_row(st);
	struct store_bad bad;

	if (store_decode_look(&r, j->game_id, j->name, j->l, &bad) < 0)
		return sqlite_unreadable(s, &bad, err);
	return 1;
}

/* The caller's BEGIN IMMEDIATE holds the file's one writer lock: no other
 * joiner can run between this look and the insert. */
int sqlite_trivia_look(struct store_conn *s, int64_t game_id, const char *name,
		       struct store_trivia_look *l, struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_TRIVIA_PLAYER_GET];
	struct store_join_look j = { l, game_id, name };
	int rc = SQLITE_OK;

	memset(l, 0, sizeof *l);
	bind_i64(st, 1, game_id, &rc);
	bind_text(st, 2, name, &rc);
	return sqlite_rows(s, st, rc, "look up the trivia game", sqlite_join_row, &j, err);
}

int sqlite_trivia_rejoin(struct store_conn *s, int64_t game_id, const char *name,
			 int64_t now_ms, struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_TRIVIA_REJOIN];
	int rc = SQLITE_OK;

	bind_i64(st, 1, game_id, &rc);
	bind_text(st, 2, name, &rc);
	bind_i64(st, 3, now_ms, &rc);
	return sqlite_run(s, st, rc, "rejoin the trivia game", err);
}

int sqlite_begin_game(struct store_conn *s, const char *doing, struct rc_error *err)
{
	return sqlite_begin(s, SQL_BEGIN_WRITE, doing, err);
}

/* ---- trivia: playing ---- */

/* Run one UPDATE on (game, name) with a value; its own transaction. */
static int sqlite_trivia_update(struct store_conn *s, enum store_sql which,
			       int64_t game_id, const char *name, int64_t v,
			       const char *doing, struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[which];
	int rc = SQLITE_OK;

	bind_i64(st, 1, game_id, &rc);
	if (name) {
		bind_text(st, 2, name, &rc);
		bind_i64(st, 3, v, &rc);
	} else {
		bind_i64(st, 2, v, &rc);
	}
	return sqlite_run(s, st, rc, doing, err);
}

int sqlite_trivia_seen(struct store_conn *s, int64_t game_id, const char *name,
		      int64_t now_ms, struct rc_error *err)
{
	return sqlite_trivia_update(s, name ? SQL_TRIVIA_SEEN : SQL_TRIVIA_HOST_SEEN,
				   game_id, name, now_ms, "save the heartbeat", err);
}

int sqlite_trivia_leave(struct store_conn *s, int64_t game_id, const char *name,
		       int mark, struct rc_error *err)
{
	return sqlite_trivia_update(s, SQL_TRIVIA_LEAVE, game_id, name, mark,
				   mark == STORE_TRIVIA_ABSENT_REMOVED ? "remove the player" :
				   "leave the trivia game", err);
}

int sqlite_trivia_mark_absent(struct store_conn *s, int64_t game_id, int64_t before_ms,
			     struct rc_error *err)
{
	return sqlite_trivia_update(s, SQL_TRIVIA_MARK_ABSENT, game_id, NULL,
				   before_ms, "mark silent players absent", err);
}

int sqlite_trivia_set_phase(struct store_conn *s, int64_t game_id,
			   const struct store_trivia_step *to, int64_t now,
			   struct rc_error *err)
{
	const char *status = store_trivia_status_word(to->status);
	const char *phase = store_trivia_phase_word(to->phase);
	const struct sqlite_arg args[] = {
		SQLITE_ARG_I64(game_id), SQLITE_ARG_TEXT(status), SQLITE_ARG_TEXT(phase),
		SQLITE_ARG_I64(to->round), SQLITE_ARG_I64(to->round_started_at_ms),
		SQLITE_ARG_I64(now),
	};

	if (!status || !phase)
		return store_bad_trivia(s->path, "unknown status or phase", err);
	if (sqlite_run_bound(s, s->stmt[SQL_TRIVIA_PHASE], args, sizeof args / sizeof *args,
			     "move the trivia game on", err) < 0)
		return -1;
	return sqlite3_changes(s->db) == 1 ? 0 : 1;
}

int sqlite_trivia_answer(struct store_conn *s, int64_t game_id,
			  unsigned round, const char *player, int picked,
			  int correct, int64_t elapsed_ms, int64_t now_ms,
			  struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_TRIVIA_ANSWER_ADD];
	int rc = SQLITE_OK;

	bind_i64(st, 1, game_id, &rc);
	bind_i64(st, 2, round, &rc);
	bind_text(st, 3, player, &rc);
	bind_i64(st, 4, picked, &rc);
	bind_i64(st, 5, correct != 0, &rc);
	bind_i64(st, 6, elapsed_ms, &rc);
	bind_i64(st, 7, now_ms, &rc);
	if (sqlite_run(s, st, rc, "save the trivia answer", err) < 0)
		return -1;
	return sqlite3_changes(s->db) == 1 ? 0 : 1;
}

/* ---- trivia: reading and scoring ---- */

struct store_game_look {
	struct store_trivia_game *g;
	int found, bad;
};

static int sqlite_game_row(struct store_conn *s, sqlite3_stmt *st, void *ctx,
			  struct rc_error *err)
{
	struct store_game_look *l = ctx;
	struct store_row r = sqlite_row(st);
	struct store_bad bad;

	if (store_decode_game(&r, l->g, &bad) < 0)
		return sqlite_unreadable(s, &bad, err);
	/* the strings die with the row */
	l->g->banks = NULL;
	l->g->bank_files = NULL;
	l->found = 1;
	return 1;
}

static int sqlite_player_row(struct store_conn *s, sqlite3_stmt *st, void *ctx,
			    struct rc_error *err)
{
	struct store_trivia_state *ts = ctx;
	struct store_bad bad;
	struct store_row r;

	if (ts->n_players == STORE_TRIVIA_MAX_PLAYERS)
		return 1; /* more than a join lets in: a hand edit; show the first */
	r = sqlite_row(st);
	if (store_decode_player(&r, ts->game.id, &ts->players[ts->n_players], &bad) < 0)
		return sqlite_unreadable(s, &bad, err);
	ts->n_players++;
	return 0;
}

/* The game and its players with their answers to `round`, inside the
 * caller's transaction (a write one holds the file's lock: lock asks for
 * nothing more); 1 when there is no such game. */
int sqlite_trivia_read(struct store_conn *s, int64_t game_id, unsigned round,
		       int lock, struct store_trivia_state *ts, struct rc_error *err)
{
	struct store_trivia_filter f = { game_id, NULL, INT64_MIN, 0 };
	struct store_game_look l = { &ts->game, 0, 0 };
	sqlite3_stmt *st = s->stmt[SQL_TRIVIA_PLAYERS];
	int rc = SQLITE_OK;

	(void)lock;
	memset(ts, 0, sizeof *ts);
	if (sqlite_game_rows(s, &f, "read the trivia game", sqlite_game_row, &l, err) < 0)
		return -1;
	if (!l.found)
		return 1;
	bind_i64(st, 1, game_id, &rc);
	bind_i64(st, 2, round, &rc);
	return sqlite_rows(s, st, rc, "read the trivia players", sqlite_player_row, ts,
			  err);
}


int sqlite_trivia_score_put(struct store_conn *s, int64_t game_id,
				  unsigned round, const struct store_trivia_player *p,
				  int64_t now_ms, struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[p->answered ? SQL_TRIVIA_ANSWER_POINTS :
				   SQL_TRIVIA_ANSWER_MISS];
	int rc = SQLITE_OK;

	bind_i64(st, 1, game_id, &rc);
	bind_i64(st, 2, round, &rc);
	bind_text(st, 3, p->name, &rc);
	if (p->answered) {
		bind_i64(st, 4, p->points < 0 ? 0 : p->points, &rc);
	} else {
		bind_i64(st, 4, p->elapsed_ms, &rc);
		bind_i64(st, 5, now_ms, &rc);
	}
	if (sqlite_run(s, st, rc, "save the round's points", err) < 0)
		return -1;
	st = s->stmt[SQL_TRIVIA_PLAYER_SCORE];
	rc = SQLITE_OK;
	bind_i64(st, 1, game_id, &rc);
	bind_text(st, 2, p->name, &rc);
	bind_i64(st, 3, p->score, &rc);
	bind_i64(st, 4, p->right, &rc);
	bind_i64(st, 5, p->streak, &rc);
	bind_i64(st, 6, p->time_ms, &rc);
	return sqlite_run(s, st, rc, "save the player's score", err);
}



int sqlite_trivia_each_game(struct store_conn *s, const struct store_trivia_filter *f,
			   int (*fn)(void *ctx, const struct store_trivia_game *g),
			   void *ctx, struct rc_error *err)
{
	struct store_games v = { fn, ctx };
	struct sqlite_decoded d = { store_visit_game, &v };

	return sqlite_game_rows(s, f, "read the trivia games", sqlite_decoded_row, &d,
			       err);
}

int sqlite_trivia_each_round(struct store_conn *s, int64_t game_id,
			    int (*fn)(void *ctx, const struct store_trivia_round *r),
			    void *ctx, struct rc_error *err)
{
	struct store_rounds v = { fn, ctx, game_id };
	struct sqlite_decoded d = { store_visit_round, &v };
	sqlite3_stmt *st = s->stmt[SQL_TRIVIA_ROUNDS];
	int rc = SQLITE_OK;

	bind_i64(st, 1, game_id, &rc);
	return sqlite_rows(s, st, rc, "read the trivia questions", sqlite_decoded_row,
			  &d, err);
}
