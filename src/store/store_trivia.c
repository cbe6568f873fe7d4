/*
 * store_trivia — the rules of a shared trivia game, written once for every
 * backend (store_backend.h): a game and its questions and players stored
 * together or not at all; who may join (a name taken by someone still
 * heard from, a full game, a game over, a rejoin that keeps the seat);
 * scoring a round once, while it is open, and closing it to answers in
 * the same transaction; and a player's answer and, for a player with a
 * profile, its place in the answer log in one transaction, so that the
 * round's score and the profile's history never disagree.
 */
#include "store_backend.h"

#include <inttypes.h>
#include <string.h>

#include "store_errors.h"
#include "store_impl.h"

/* Commit a transaction whose body returned an outcome (0, or a positive
 * code the caller acts on) or -1; the outcome when the commit succeeds. */
static int store_outcome(struct store *s, int rc, const char *doing,
			 struct rc_error *err)
{
	if (s->ops->finish(s->c, rc < 0 ? -1 : 0, doing, err) < 0)
		return -1;
	return rc;
}

static int store_trivia_name_ok(const struct store *s, const char *name,
				struct rc_error *err)
{
	if (!name || !*name || strlen(name) > STORE_TRIVIA_NAME_MAX)
		return store_bad_trivia(store_path(s), "a player's name is empty or too long",
					err);
	return 0;
}

static int store_trivia_create_locked(struct store *s, struct store_trivia_game *g,
				      const struct store_trivia_round *rounds,
				      const char *const *players, unsigned n_players,
				      int64_t now_ms, struct rc_error *err)
{
	int taken = s->ops->trivia_code_taken(s->c, g->code, err);

	if (taken != 0)
		return taken;
	if (s->ops->trivia_game_add(s->c, g, now_ms, err) < 0)
		return -1;
	for (unsigned i = 0; i < g->rounds; i++)
		if (s->ops->trivia_round_add(s->c, g->id, &rounds[i], err) < 0)
			return -1;
	for (unsigned i = 0; i < n_players; i++)
		if (store_trivia_name_ok(s, players[i], err) < 0 ||
		    s->ops->trivia_player_add(s->c, g->id, players[i], g->created_at,
					      now_ms, err) < 0)
			return -1;
	return 0;
}

int store_trivia_create(struct store *s, struct store_trivia_game *g,
			const struct store_trivia_round *rounds,
			const char *const *players, unsigned n_players,
			int64_t now_ms, struct rc_error *err)
{
	int rc;

	if (!g->code[0] || !g->rounds || n_players > s->ops->about.max_players)
		return store_bad_trivia(store_path(s), "no code, no questions or too many "
					"players", err);
	if (s->ops->begin_game(s->c, "start saving the trivia game", err) < 0)
		return -1;
	rc = store_trivia_create_locked(s, g, rounds, players, n_players, now_ms, err);
	/* 1, the code is taken: nothing was written, the empty transaction
	 * just ends */
	return store_outcome(s, rc, "save the trivia game", err);
}

static int store_trivia_join_locked(struct store *s, int64_t game_id,
				    const char *name, int64_t now, int64_t now_ms,
				    int64_t stale_ms, struct rc_error *err)
{
	struct store_trivia_look l = { 0 };

	if (s->ops->trivia_look(s->c, game_id, name, &l, err) < 0)
		return -1;
	if (!l.found)
		return rc_error_set(err, "%s: there is no trivia game %" PRId64,
				    store_path(s), game_id);
	if (l.status == STORE_TRIVIA_DONE || l.status == STORE_TRIVIA_ABANDONED)
		return STORE_TRIVIA_OVER;
	if (l.known && l.removed)
		return STORE_TRIVIA_REMOVED;
	if (l.known) {
		if (!l.absent && l.last_seen_ms >= now_ms - stale_ms)
			return STORE_TRIVIA_NAME_TAKEN;
		return s->ops->trivia_rejoin(s->c, game_id, name, now_ms, err) < 0 ? -1 :
		       STORE_TRIVIA_REJOINED;
	}
	if (l.players >= s->ops->about.max_players)
		return STORE_TRIVIA_FULL;
	return s->ops->trivia_player_add(s->c, game_id, name, now, now_ms, err) < 0 ? -1 :
	       STORE_TRIVIA_JOINED;
}

int store_trivia_join(struct store *s, int64_t game_id, const char *name,
		      int64_t now, int64_t now_ms, int64_t stale_ms,
		      struct rc_error *err)
{
	int rc;

	if (store_trivia_name_ok(s, name, err) < 0)
		return -1;
	if (s->ops->begin_game(s->c, "start joining the trivia game", err) < 0)
		return -1;
	rc = store_trivia_join_locked(s, game_id, name, now, now_ms, stale_ms, err);
	return store_outcome(s, rc, "join the trivia game", err);
}

int store_trivia_seen(struct store *s, int64_t game_id, const char *name,
		      int64_t now_ms, struct rc_error *err)
{
	return s->ops->trivia_seen(s->c, game_id, name, now_ms, err);
}

int store_trivia_leave(struct store *s, int64_t game_id, const char *name,
		       struct rc_error *err)
{
	return s->ops->trivia_leave(s->c, game_id, name, STORE_TRIVIA_ABSENT_LEFT, err);
}

int store_trivia_remove(struct store *s, int64_t game_id, const char *name,
			struct rc_error *err)
{
	if (store_trivia_name_ok(s, name, err) < 0)
		return -1;
	return s->ops->trivia_leave(s->c, game_id, name, STORE_TRIVIA_ABSENT_REMOVED, err);
}

void store_trivia_tidy(struct store *s)
{
	if (s->ops->tidy)
		s->ops->tidy(s->c);
}

int store_trivia_mark_absent(struct store *s, int64_t game_id, int64_t before_ms,
			     struct rc_error *err)
{
	return s->ops->trivia_mark_absent(s->c, game_id, before_ms, err);
}

int store_trivia_set_phase(struct store *s, int64_t game_id,
			   const struct store_trivia_step *to, int64_t now,
			   struct rc_error *err)
{
	return s->ops->trivia_set_phase(s->c, game_id, to, now, err);
}

struct store_trivia_pick {
	int64_t game_id;
	unsigned round;
	const char *player;
	int picked, correct;
	int64_t elapsed_ms, now_ms;
	const struct answer_record *rec;
	int64_t user_id;
	struct history *h;
};

static int store_trivia_answer_once(struct store *s, void *ctx, struct rc_error *err)
{
	const struct store_trivia_pick *p = ctx;
	int rc;

	if (s->ops->begin_write(s->c, p->user_id, "start saving the trivia answer",
				err) < 0)
		return -1;
	rc = s->ops->trivia_answer(s->c, p->game_id, p->round, p->player, p->picked,
				   p->correct, p->elapsed_ms, p->now_ms, err);
	if (rc == 0 && p->rec)
		rc = store_record_locked(s, p->user_id, p->rec, 1, p->h, err);
	/* 1 (closed, or answered already) wrote nothing: commit the nothing */
	if (s->ops->finish(s->c, rc < 0 ? -1 : 0, "save the trivia answer", err) < 0)
		return -1;
	return rc;
}

int store_trivia_listen(struct store *s, int64_t game_id, struct rc_error *err)
{
	return s->ops->trivia_listen ? s->ops->trivia_listen(s->c, game_id, err) : 0;
}

int store_wake_fd(const struct store *s)
{
	return s->ops->wake_fd ? s->ops->wake_fd(s->c) : -1;
}

int store_drain(struct store *s)
{
	return s->ops->drain ? s->ops->drain(s->c) : 0;
}

unsigned store_trivia_max_players(const struct store *s)
{
	return s->ops->about.max_players;
}

int store_trivia_answer(struct store *s, int64_t game_id, unsigned round,
			const char *player, int picked, int correct,
			int64_t elapsed_ms, int64_t now_ms,
			const struct answer_record *rec, int64_t user_id,
			struct history *h, struct rc_error *err)
{
	struct store_trivia_pick p = { game_id, round, player, picked, correct,
				       elapsed_ms, now_ms, rec, user_id, h };

	if (!player || picked < -1 || picked >= BANK_MAX_OPTIONS || elapsed_ms < 0 ||
	    (rec && (!rec->question_id || rec->mode != MODE_TRIVIA || !h)))
		return store_bad_trivia(store_path(s), "the answer is malformed", err);
	/* sent again after a lost connection, it is refused as answered
	 * already (1) if the first one landed */
	return store_write(s, store_trivia_answer_once, &p, err);
}

static int store_trivia_close_locked(struct store *s, int64_t game_id,
				     unsigned round, struct store_trivia_state *ts,
				     int (*score)(void *ctx, struct store_trivia_state *st,
						  struct rc_error *err),
				     void *ctx, struct rc_error *err)
{
	struct store_trivia_game *g = &ts->game;
	int64_t end_ms;
	int rc = s->ops->trivia_read(s->c, game_id, round, 1, ts, err);

	if (rc != 0)
		return rc;
	if (g->status != STORE_TRIVIA_RUNNING || g->phase != STORE_TRIVIA_QUESTION ||
	    g->current_round != round)
		return 1;
	if (score(ctx, ts, err) < 0)
		return -1;
	/* A missing answer is dated when the round's time ran out. */
	end_ms = g->round_started_at_ms + g->time_limit_ms;
	for (unsigned i = 0; i < ts->n_players; i++)
		if (s->ops->trivia_score_put(s->c, game_id, round, &ts->players[i], end_ms,
					     err) < 0)
			return -1;
	/* The status was read above under the game's lock: it cannot be over
	 * by now. */
	if (s->ops->trivia_set_phase(s->c, game_id, &(struct store_trivia_step){
					     STORE_TRIVIA_RUNNING, STORE_TRIVIA_REVEAL, round,
					     g->round_started_at_ms }, g->started_at, err) < 0)
		return -1;
	g->phase = STORE_TRIVIA_REVEAL;
	for (unsigned i = 0; i < ts->n_players; i++)
		ts->players[i].answered = 1;
	return 0;
}

int store_trivia_close_round(struct store *s, int64_t game_id, unsigned round,
			     struct store_trivia_state *st,
			     int (*score)(void *ctx, struct store_trivia_state *st,
					  struct rc_error *err),
			     void *ctx, struct rc_error *err)
{
	int rc;

	if (s->ops->begin_game(s->c, "start scoring the round", err) < 0)
		return -1;
	rc = store_trivia_close_locked(s, game_id, round, st, score, ctx, err);
	return store_outcome(s, rc, "score the round", err);
}

int store_trivia_state(struct store *s, int64_t game_id, unsigned round,
		       struct store_trivia_state *st, struct rc_error *err)
{
	int rc;

	/* One snapshot: the phase and the answers agree. */
	if (s->ops->begin_read(s->c, "start reading the trivia game", err) < 0)
		return -1;
	rc = s->ops->trivia_read(s->c, game_id, round, 0, st, err);
	return store_outcome(s, rc, "read the trivia game", err);
}

int store_trivia_each_game(struct store *s, const struct store_trivia_filter *f,
			   int (*fn)(void *ctx, const struct store_trivia_game *g),
			   void *ctx, struct rc_error *err)
{
	return s->ops->trivia_each_game(s->c, f, fn, ctx, err);
}

int store_trivia_each_round(struct store *s, int64_t game_id,
			    int (*fn)(void *ctx, const struct store_trivia_round *r),
			    void *ctx, struct rc_error *err)
{
	return s->ops->trivia_each_round(s->c, game_id, fn, ctx, err);
}

unsigned store_trivia_played(const struct store_trivia_state *st)
{
	unsigned r = st->game.current_round;

	/* Scoring writes every player's points for the round at once; before
	 * it, answers have none (-1).  Teams and players alike. */
	for (unsigned i = 0; r && i < st->n_players; i++)
		if (st->players[i].points >= 0)
			return r;
	return r ? r - 1 : 0;
}
