/*
 * store_trivia — trivia games in the store (see store.h for the store
 * itself).
 *
 * A game is stored with its questions (one option order
 * for everyone) when it is created, players as they join, every answer as
 * it is given, and each round's points when the round is scored: scoring
 * closes the round to answers in the same transaction, so an answer is
 * either in the round's score or refused as too late.
 *
 * Several rolecall processes on one host share a game through these tables
 * alone: the host writes the phase and each round's start (wall clock),
 * players poll the game and write a heartbeat (last_seen_ms).
 */
#ifndef ROLECALL_STORE_TRIVIA_H
#define ROLECALL_STORE_TRIVIA_H

#include "rolecall/history.h"
#include "rolecall/trivia_types.h"

struct store;

/* Store a new game (status lobby when hosted, else running), its
 * g->rounds questions and its first players (seats in order), in one
 * transaction; g->id gets its id.  Returns 1, writing nothing, when
 * g->code is taken: pick another. */
int store_trivia_create(struct store *s, struct store_trivia_game *g,
			const struct store_trivia_round *rounds,
			const char *const *players, unsigned n_players,
			int64_t now_ms, struct rc_error *err);

enum store_trivia_join {
	STORE_TRIVIA_JOINED,
	STORE_TRIVIA_REJOINED,   /* the name was absent or silent: taken over */
	STORE_TRIVIA_NAME_TAKEN, /* a player of that name is playing */
	STORE_TRIVIA_FULL,
	STORE_TRIVIA_OVER,       /* the game is done or abandoned */
	STORE_TRIVIA_REMOVED,    /* the host removed a player of that name */
};

/* Join a game by name, or rejoin it as a player who quit or whose
 * heartbeat is older than stale_ms.  Returns an enum store_trivia_join,
 * or -1 on error. */
int store_trivia_join(struct store *s, int64_t game_id, const char *name,
		      int64_t now, int64_t now_ms, int64_t stale_ms,
		      struct rc_error *err);

/* A heartbeat: the player (the host when name is NULL) is here at now_ms.
 * A player's heartbeat also clears its absent mark. */
int store_trivia_seen(struct store *s, int64_t game_id, const char *name,
		      int64_t now_ms, struct rc_error *err);

/* The player quit: marked absent, the game goes on. */
int store_trivia_leave(struct store *s, int64_t game_id, const char *name,
		       struct rc_error *err);

/* The host removed the player: absent for good (its heartbeat does not
 * bring it back, it may not rejoin) and left out of rankings; its answers
 * so far stay in the record. */
int store_trivia_remove(struct store *s, int64_t game_id, const char *name,
			struct rc_error *err);

/* Best effort, between transactions: keep what a long game writes small
 * (a file's WAL is folded into it; a server needs nothing). */
void store_trivia_tidy(struct store *s);

/* Mark absent every player whose heartbeat is older than before_ms. */
int store_trivia_mark_absent(struct store *s, int64_t game_id, int64_t before_ms,
			     struct rc_error *err);

/* Where the host moves a game to. */
struct store_trivia_step {
	enum store_trivia_status status;
	enum store_trivia_phase phase;
	unsigned round;              /* the current round */
	int64_t round_started_at_ms; /* its start */
};

/* Move a game on (the host's job).  started_at is set the first time it
 * runs, ended_at when it is done or abandoned.  Returns 1, changing
 * nothing, when the game is already over. */
int store_trivia_set_phase(struct store *s, int64_t game_id,
			   const struct store_trivia_step *to, int64_t now,
			   struct rc_error *err);

/* Save a player's answer to a round (picked -1: no answer) as given,
 * committed before it returns.  With rec (mode trivia, already applied to
 * h), it also goes into user_id's answer log and derived state, as
 * store_record does, in the same transaction.  Returns 1, writing nothing,
 * when the round is not open to answers or the player answered it. */
int store_trivia_answer(struct store *s, int64_t game_id, unsigned round,
			const char *player, int picked, int correct,
			int64_t elapsed_ms, int64_t now_ms,
			const struct answer_record *rec, int64_t user_id,
			struct history *h, struct rc_error *err);

/* Score a round, in one transaction: it reads the game and every player
 * with its answer into st (the round must be open: status running, phase
 * question, current round `round`), calls score(ctx, st), which sets each
 * player's totals and points (and elapsed_ms for those without an
 * answer), then writes them (a "no answer" row for players without one)
 * and moves the game to the reveal.  Returns 1, writing nothing, when the
 * round was not open; score returns -1 (its message in err) to cancel. */
int store_trivia_close_round(struct store *s, int64_t game_id, unsigned round,
			     struct store_trivia_state *st,
			     int (*score)(void *ctx, struct store_trivia_state *st,
					  struct rc_error *err),
			     void *ctx, struct rc_error *err);

/* Hear of a game's changes as they are committed, where the store can
 * announce them (a server): store_wake_fd becomes readable (-1: it cannot;
 * read the game again every TRIVIA_GAME_POLL_MS), and store_drain consumes
 * what came: the number of changes, -1 when the line is gone (the next
 * read says so). */
int store_trivia_listen(struct store *s, int64_t game_id, struct rc_error *err);
int store_wake_fd(const struct store *s);
int store_drain(struct store *s);

/* How many players a game in this store takes: STORE_TRIVIA_MAX_PLAYERS
 * on a server, STORE_TRIVIA_FILE_PLAYERS in a file. */
unsigned store_trivia_max_players(const struct store *s);

/* Read a game, its players and their answers to `round`.  Returns 1 when
 * there is no such game. */
int store_trivia_state(struct store *s, int64_t game_id, unsigned round,
		       struct store_trivia_state *st, struct rc_error *err);

/* How many rounds of a game were played (scored), from st as
 * store_trivia_state read it for st->game.current_round: the current
 * round counts once it is scored (its answers have points), so a game
 * ended during its first question, or in its lobby, played none.  Pure. */
unsigned store_trivia_played(const struct store_trivia_state *st);

/* Which games to read; 0 and NULL mean "any". */
struct store_trivia_filter {
	int64_t game_id;
	const char *code;
	int64_t since;       /* created at or after (unix seconds) */
	int finished_only;   /* status done */
};

/* Call fn for each game the filter lets through, oldest first; strings
 * live until fn returns.  fn returns nonzero to stop and must not call
 * back into the store. */
int store_trivia_each_game(struct store *s, const struct store_trivia_filter *f,
			   int (*fn)(void *ctx, const struct store_trivia_game *g),
			   void *ctx, struct rc_error *err);

/* Call fn for each question of a game, in order; as store_trivia_each_game. */
int store_trivia_each_round(struct store *s, int64_t game_id,
			    int (*fn)(void *ctx, const struct store_trivia_round *r),
			    void *ctx, struct rc_error *err);

#endif
