/*
 * pg_trivia — trivia games, their rounds, players and answers on
 * PostgreSQL, where the players sit at their own machines.  Each change is
 * its own transaction; joining and scoring lock the game's row, so that
 * two joiners never take one seat and a late answer never slips into a
 * scored round.
 */
#include "pg_impl.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "store_errors.h"

static int pg_trivia_notify(struct store_conn *c, int64_t game_id,
			    struct rc_error *err);

/* ---- reading ---- */

static int pg_game_rows(struct store_conn *c, const struct store_trivia_filter *f,
			const char *doing, pg_row_fn fn, void *ctx,
			struct rc_error *err)
{
	struct pg_args a = { 0 };

	pg_i64(&a, f->game_id);
	pg_text(&a, f->code);
	pg_i64(&a, f->since);
	pg_i64(&a, f->finished_only != 0);
	return pg_rows(c, PG_TRIVIA_GAMES, &a, doing, fn, ctx, err);
}

/* Lock the game's row for the transaction: 1 when there is no such game. */
static int pg_game_lock(struct store_conn *c, int64_t game_id, struct rc_error *err)
{
	struct pg_args a = { 0 };
	int64_t id;
	int found;

	pg_i64(&a, game_id);
	found = pg_value(c, PG_TRIVIA_GAME_LOCK, &a, "lock the trivia game", &id, err);
	return found < 0 ? -1 : !found;
}

/* ---- creating and joining ---- */

int pg_trivia_game_add(struct store_conn *c, struct store_trivia_game *g,
			      int64_t now_ms, struct rc_error *err)
{
	struct pg_args a = { 0 };
	char seed[24];

	snprintf(seed, sizeof seed, "%" PRIu64, g->seed);
	pg_text(&a, g->code);
	pg_text(&a, g->hosted ? "hosted" : "hotseat");
	pg_text(&a, g->host_user);
	pg_i64(&a, g->created_at);
	pg_text(&a, store_trivia_status_word(g->hosted ? STORE_TRIVIA_LOBBY :
					     STORE_TRIVIA_RUNNING));
	pg_text(&a, seed);
	pg_i64(&a, g->rounds);
	pg_i64(&a, g->time_limit_ms);
	pg_i64(&a, g->points);
	pg_i64(&a, g->speed != 0);
	pg_i64(&a, g->streak != 0);
	pg_i64(&a, g->teams != 0);
	pg_text(&a, g->banks ? g->banks : "");
	pg_text(&a, g->bank_files ? g->bank_files : "");
	pg_i64(&a, now_ms);
	if (pg_value(c, PG_TRIVIA_GAME_ADD, &a, "save the trivia game", &g->id, err) != 1)
		return -1;
	g->status = g->hosted ? STORE_TRIVIA_LOBBY : STORE_TRIVIA_RUNNING;
	g->phase = STORE_TRIVIA_WAIT;
	return 0;
}

int pg_trivia_round_add(struct store_conn *c, int64_t game_id,
			       const struct store_trivia_round *r,
			       struct rc_error *err)
{
	char choices[STORE_LIST_MAX];
	struct pg_args a = { 0 };

	if (!r->bank_id || !r->question_id || r->n_shown < 1 ||
	    r->n_shown > BANK_MAX_OPTIONS ||
	    store_join_choices(choices, r->shown_choices, r->n_shown) < 0)
		return store_bad_trivia(c->name, "a question is malformed", err);
	pg_i64(&a, game_id);
	pg_i64(&a, r->round);
	pg_text(&a, r->bank_id);
	pg_text(&a, r->question_id);
	pg_text(&a, choices);
	return pg_cmd(c, PG_TRIVIA_ROUND_ADD, &a, "save the trivia questions", err) < 0 ?
	       -1 : 0;
}

int pg_trivia_player_add(struct store_conn *c, int64_t game_id,
				const char *name, int64_t now, int64_t now_ms,
				struct rc_error *err)
{
	struct pg_args a = { 0 };

	if (!name || !*name || strlen(name) > STORE_TRIVIA_NAME_MAX)
		return store_bad_trivia(c->name, "a player's name is empty or too long",
					err);
	pg_i64(&a, game_id);
	pg_text(&a, name);
	pg_i64(&a, now);
	pg_i64(&a, now_ms);
	if (pg_cmd(c, PG_TRIVIA_PLAYER_ADD, &a, "save the trivia player", err) < 0)
		return -1;
	return pg_trivia_notify(c, game_id, err);
}



/* Where a look's row goes, and what names it. */
struct pg_join_look {
	struct store_trivia_look *l;
	int64_t game_id;
	const char *name;
};

static int pg_join_row(struct store_conn *c, const struct store_row *r, void *ctx,
		       struct rc_error *err)
{
	struct pg_join_look *j = ctx;
	struct store_bad bad;

	if (store_decode_look(r, j->game_id, j->name, j->l, &bad) < 0)
		return pg_unreadable(c, &bad, err);
	return 1;
}

/* The game's row locked first: two joiners at once take turns, so that
 * neither takes a seat or the last place the other counted. */
int pg_trivia_look(struct store_conn *c, int64_t game_id, const char *name,
		   struct store_trivia_look *l, struct rc_error *err)
{
	struct pg_join_look j = { l, game_id, name };
	struct pg_args a = { 0 };

	memset(l, 0, sizeof *l);
	if (pg_game_lock(c, game_id, err) < 0)
		return -1;
	pg_i64(&a, game_id);
	pg_text(&a, name);
	return pg_rows(c, PG_TRIVIA_PLAYER_GET, &a, "look up the trivia game", pg_join_row,
		       &j, err);
}

int pg_trivia_rejoin(struct store_conn *c, int64_t game_id, const char *name,
		     int64_t now_ms, struct rc_error *err)
{
	struct pg_args a = { 0 };

	pg_i64(&a, game_id);
	pg_text(&a, name);
	pg_i64(&a, now_ms);
	if (pg_cmd(c, PG_TRIVIA_REJOIN, &a, "rejoin the trivia game", err) < 0)
		return -1;
	return pg_trivia_notify(c, game_id, err);
}

int pg_trivia_code_taken(struct store_conn *c, const char *code, struct rc_error *err)
{
	struct pg_args a = { 0 };
	int64_t id;

	pg_text(&a, code);
	return pg_value(c, PG_TRIVIA_CODE_FIND, &a, "look up the game code", &id, err);
}



/* ---- playing ---- */

int pg_trivia_seen(struct store_conn *c, int64_t game_id, const char *name,
		   int64_t now_ms, struct rc_error *err)
{
	struct pg_args a = { 0 };

	pg_i64(&a, game_id);
	if (name)
		pg_text(&a, name);
	pg_i64(&a, now_ms);
	return pg_cmd(c, name ? PG_TRIVIA_SEEN : PG_TRIVIA_HOST_SEEN, &a,
		      "save the heartbeat", err) < 0 ? -1 : 0;
}

int pg_trivia_leave(struct store_conn *c, int64_t game_id, const char *name,
		    int mark, struct rc_error *err)
{
	struct pg_args a = { 0 };

	pg_i64(&a, game_id);
	pg_text(&a, name);
	pg_i64(&a, mark);
	if (pg_cmd(c, PG_TRIVIA_LEAVE, &a, mark == STORE_TRIVIA_ABSENT_REMOVED ?
		   "remove the player" : "leave the trivia game", err) < 0)
		return -1;
	return pg_trivia_notify(c, game_id, err);
}

int pg_trivia_mark_absent(struct store_conn *c, int64_t game_id,
			  int64_t before_ms, struct rc_error *err)
{
	struct pg_args a = { 0 };

	pg_i64(&a, game_id);
	pg_i64(&a, before_ms);
	return pg_cmd(c, PG_TRIVIA_MARK_ABSENT, &a, "mark silent players absent",
		      err) < 0 ? -1 : 0;
}

int pg_trivia_set_phase(struct store_conn *c, int64_t game_id,
			const struct store_trivia_step *to, int64_t now,
			struct rc_error *err)
{
	struct pg_args a = { 0 };
	int changed;

	if (!store_trivia_status_word(to->status) || !store_trivia_phase_word(to->phase))
		return store_bad_trivia(c->name, "unknown status or phase", err);
	pg_i64(&a, game_id);
	pg_text(&a, store_trivia_status_word(to->status));
	pg_text(&a, store_trivia_phase_word(to->phase));
	pg_i64(&a, to->round);
	pg_i64(&a, to->round_started_at_ms);
	pg_i64(&a, now);
	if ((changed = pg_cmd(c, PG_TRIVIA_PHASE, &a, "move the trivia game on", err)) < 0)
		return -1;
	if (changed != 1)
		return 1;
	return pg_trivia_notify(c, game_id, err);
}

int pg_trivia_answer(struct store_conn *c, int64_t game_id, unsigned round,
		     const char *player, int picked, int correct,
		     int64_t elapsed_ms, int64_t now_ms, struct rc_error *err)
{
	struct pg_args a = { 0 };
	int changed;

	pg_i64(&a, game_id);
	pg_i64(&a, round);
	pg_text(&a, player);
	pg_i64(&a, picked);
	pg_i64(&a, correct != 0);
	pg_i64(&a, elapsed_ms);
	pg_i64(&a, now_ms);
	if ((changed = pg_cmd(c, PG_TRIVIA_ANSWER_ADD, &a, "save the trivia answer",
			      err)) < 0)
		return -1;
	if (changed != 1)
		return 1;
	return pg_trivia_notify(c, game_id, err);
}

/* ---- the state and scoring ---- */

struct pg_game_look {
	struct store_trivia_game *g;
	int found;
};

static int pg_game_row(struct store_conn *c, const struct store_row *r, void *ctx,
		       struct rc_error *err)
{
	struct pg_game_look *l = ctx;
	struct store_bad bad;

	if (store_decode_game(r, l->g, &bad) < 0)
		return pg_unreadable(c, &bad, err);
	/* the strings die with the result */
	l->g->banks = NULL;
	l->g->bank_files = NULL;
	l->found = 1;
	return 1;
}

static int pg_player_row(struct store_conn *c, const struct store_row *r,
			 void *ctx, struct rc_error *err)
{
	struct store_trivia_state *ts = ctx;
	struct store_bad bad;

	if (ts->n_players == STORE_TRIVIA_MAX_PLAYERS)
		return 1;
	if (store_decode_player(r, ts->game.id, &ts->players[ts->n_players], &bad) < 0)
		return pg_unreadable(c, &bad, err);
	ts->n_players++;
	return 0;
}

int pg_trivia_read(struct store_conn *c, int64_t game_id, unsigned round, int lock,
		   struct store_trivia_state *ts, struct rc_error *err)
{
	struct store_trivia_filter f = { game_id, NULL, INT64_MIN, 0 };
	struct pg_game_look l = { &ts->game, 0 };
	struct pg_args a = { 0 };

	memset(ts, 0, sizeof *ts);
	if (lock) {
		int none = pg_game_lock(c, game_id, err);

		if (none != 0)
			return none;
	}
	if (pg_game_rows(c, &f, "read the trivia game", pg_game_row, &l, err) < 0)
		return -1;
	if (!l.found)
		return 1;
	pg_i64(&a, game_id);
	pg_i64(&a, round);
	return pg_rows(c, PG_TRIVIA_PLAYERS, &a, "read the trivia players",
		       pg_player_row, ts, err);
}


int pg_trivia_score_put(struct store_conn *c, int64_t game_id,
			       unsigned round, const struct store_trivia_player *p,
			       int64_t end_ms, struct rc_error *err)
{
	struct pg_args a = { 0 }, b = { 0 };

	pg_i64(&a, game_id);
	pg_i64(&a, round);
	pg_text(&a, p->name);
	if (p->answered) {
		pg_i64(&a, p->points < 0 ? 0 : p->points);
	} else {
		pg_i64(&a, p->elapsed_ms);
		pg_i64(&a, end_ms);
	}
	if (pg_cmd(c, p->answered ? PG_TRIVIA_ANSWER_POINTS : PG_TRIVIA_ANSWER_MISS,
		   &a, "save the round's points", err) < 0)
		return -1;
	pg_i64(&b, game_id);
	pg_text(&b, p->name);
	pg_i64(&b, p->score);
	pg_i64(&b, p->right);
	pg_i64(&b, p->streak);
	pg_i64(&b, p->time_ms);
	return pg_cmd(c, PG_TRIVIA_PLAYER_SCORE, &b, "save the player's score", err) < 0 ?
	       -1 : 0;
}



int pg_trivia_each_game(struct store_conn *c, const struct store_trivia_filter *f,
			int (*fn)(void *ctx, const struct store_trivia_game *g),
			void *ctx, struct rc_error *err)
{
	struct store_games v = { fn, ctx };
	struct pg_decoded d = { store_visit_game, &v };

	return pg_game_rows(c, f, "read the trivia games", pg_decoded_row, &d, err);
}

int pg_trivia_each_round(struct store_conn *c, int64_t game_id,
			 int (*fn)(void *ctx, const struct store_trivia_round *r),
			 void *ctx, struct rc_error *err)
{
	struct store_rounds v = { fn, ctx, game_id };
	struct pg_decoded d = { store_visit_round, &v };
	struct pg_args a = { 0 };

	pg_i64(&a, game_id);
	return pg_rows(c, PG_TRIVIA_ROUNDS, &a, "read the trivia questions",
		       pg_decoded_row, &d, err);
}

/* ---- hearing of changes at once ---- */

static int pg_trivia_notify(struct store_conn *c, int64_t game_id, struct rc_error *err)
{
	struct pg_args a = { 0 };

	pg_i64(&a, game_id);
	return pg_cmd(c, PG_TRIVIA_NOTIFY, &a, "announce the change", err) < 0 ? -1 : 0;
}

int pg_trivia_listen(struct store_conn *c, int64_t game_id, struct rc_error *err)
{
	char sql[64];

	/* LISTEN takes a name, not a parameter: the id is a number */
	snprintf(sql, sizeof sql, "LISTEN rolecall_trivia_%" PRId64, game_id);
	return pg_exec(c, sql, "listen to the trivia game", err);
}

int pg_wake_fd(const struct store_conn *c)
{
	return PQsocket(c->db);
}

int pg_drain(struct store_conn *c)
{
	PGnotify *n;
	int count = 0;

	if (!PQconsumeInput(c->db))
		return -1;
	while ((n = PQnotifies(c->db))) {
		count++;
		PQfreemem(n);
	}
	return count;
}
