/*
 * store_trivia — trivia games through the backend (store_backend.h).  The
 * one rule here is the answer's: a player's answer and, for a player with
 * a profile, its place in the answer log are one transaction, so the
 * round's score and the profile's history never disagree.
 */
#include "store_backend.h"

#include "store_errors.h"
#include "store_impl.h"

int store_trivia_create(struct store *s, struct store_trivia_game *g,
			const struct store_trivia_round *rounds,
			const char *const *players, unsigned n_players,
			int64_t now_ms, struct rc_error *err)
{
	return s->ops->trivia_create(s->c, g, rounds, players, n_players, now_ms,
				     err);
}

int store_trivia_join(struct store *s, int64_t game_id, const char *name,
		      int64_t now, int64_t now_ms, int64_t stale_ms,
		      struct rc_error *err)
{
	return s->ops->trivia_join(s->c, game_id, name, now, now_ms, stale_ms, err);
}

int store_trivia_seen(struct store *s, int64_t game_id, const char *name,
		      int64_t now_ms, struct rc_error *err)
{
	return s->ops->trivia_seen(s->c, game_id, name, now_ms, err);
}

int store_trivia_leave(struct store *s, int64_t game_id, const char *name,
		       struct rc_error *err)
{
	return s->ops->trivia_leave(s->c, game_id, name, err);
}

int store_trivia_mark_absent(struct store *s, int64_t game_id, int64_t before_ms,
			     struct rc_error *err)
{
	return s->ops->trivia_mark_absent(s->c, game_id, before_ms, err);
}

int store_trivia_set_phase(struct store *s, int64_t game_id,
			   enum store_trivia_status status,
			   enum store_trivia_phase phase, unsigned round,
			   int64_t round_started_at_ms, int64_t now,
			   struct rc_error *err)
{
	return s->ops->trivia_set_phase(s->c, game_id, status, phase, round,
					round_started_at_ms, now, err);
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
	return s->ops->max_players;
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

int store_trivia_close_round(struct store *s, int64_t game_id, unsigned round,
			     struct store_trivia_state *st,
			     int (*score)(void *ctx, struct store_trivia_state *st,
					  struct rc_error *err),
			     void *ctx, struct rc_error *err)
{
	return s->ops->trivia_close_round(s->c, game_id, round, st, score, ctx, err);
}

int store_trivia_state(struct store *s, int64_t game_id, unsigned round,
		       struct store_trivia_state *st, struct rc_error *err)
{
	return s->ops->trivia_state(s->c, game_id, round, st, err);
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
