/*
 * store — SQLite persistence: profiles, the append-only answer log, and the
 * state derived from it.
 *
 * The answer log is the source of truth.  Per-question scheduling state,
 * role tallies and confusion counts are derived (struct history) and kept
 * in their own tables so that loading a person's history costs what their
 * number of questions costs, not their number of answers.
 *
 * Durability: WAL mode, synchronous=FULL, a busy timeout, and every answer
 * committed in its own transaction before store_record returns: an answer
 * reported as recorded survives kill -9.
 *
 * Ownership: a struct store owns its connection; store_close(NULL) is
 * safe.  Strings passed in are borrowed for the call.  Errors come back in
 * the struct rc_error, naming the database file.
 */
#ifndef ROLECALL_STORE_H
#define ROLECALL_STORE_H

#include <stdint.h>
#include <stdio.h>

#include "rolecall/diag.h"
#include "rolecall/history.h"

#define STORE_SCHEMA_VERSION 3
#define STORE_BUSY_TIMEOUT_MS 5000

struct store;

/* Open (creating the file 0600 and missing folders 0700) and migrate
 * forward.  A database from a newer rolecall is refused, never rewritten;
 * a corrupt one is refused and left untouched. */
int store_open(const char *path, struct store **out, struct rc_error *err);
void store_close(struct store *s);
const char *store_path(const struct store *s);

/* The id of a profile, created on first use. */
int store_user(struct store *s, const char *name, int64_t *user_id,
	       struct rc_error *err);

/* Look a profile up without creating it: 1 and its id when it exists, 0
 * when it does not, -1 on error.  For reports, which must not add the
 * people they ask about. */
int store_find_user(struct store *s, const char *name, int64_t *user_id,
		    struct rc_error *err);

/* Load a user's derived state into h (which should be empty). */
int store_load_history(struct store *s, int64_t user_id, struct history *h,
		       struct rc_error *err);

/* Append rec to the log and save what it changed in h, in one transaction.
 * h must already have rec applied (history_apply).  When another process
 * recorded answers for the profile since h was loaded, h is first loaded
 * again, under the write lock, and rec applied to it anew (with
 * HISTORY_SLOW_MS, as every front end applies answers).  Returns 0 only
 * once the transaction is committed. */
int store_record(struct store *s, int64_t user_id,
		 const struct answer_record *rec, struct history *h,
		 struct rc_error *err);

/* Recompute every user's derived state from the log, in one transaction. */
int store_rebuild(struct store *s, int64_t slow_ms, struct rc_error *err);

/* One row of the answer log, as read back.  Strings live until the next
 * callback returns. */
struct log_row {
	int64_t id;
	const char *user;
	struct answer_record rec;
	const char *picked_role;
};

/* Call fn for each logged answer of a user (all users when user_id is 0),
 * oldest first.  fn returns nonzero to stop.  fn must not call back into
 * the store: the query it comes from is still running. */
int store_each_answer(struct store *s, int64_t user_id,
		      int (*fn)(void *ctx, const struct log_row *row), void *ctx,
		      struct rc_error *err);

/* Accuracy per day over the last `days` days ending at `now`: answers[i]
 * and correct[i] for day i (0 = oldest), day i being
 * [now - (days - i) * 86400, now - (days - i - 1) * 86400); an answer given
 * at `now` itself counts in the last day.  All users when user_id is 0. */
int store_daily(struct store *s, int64_t user_id, int64_t now, unsigned days,
		uint32_t *answers, uint32_t *correct, struct rc_error *err);

/* SQLite's full integrity check of the file ("PRAGMA integrity_check"):
 * 0 when it is sound.  Reads the whole file; for a doctor command and
 * tests, not for every start. */
int store_check_integrity(struct store *s, struct rc_error *err);

/* Write every row of the derived tables and the profiles' totals to out,
 * one "table|column|..." line each, in primary key order, reals exact
 * (%.17g): two databases with the same derived state give the same text.
 * For checking store_rebuild and for diagnosis. */
int store_dump_derived(struct store *s, FILE *out, struct rc_error *err);

/*
 * Exams.  An attempt is stored with all its questions when it starts
 * ('open'), each answer is committed when given, and submitting marks it
 * 'submitted' and appends every question to the answer log (mode exam) in
 * one transaction.  An exam that is killed stays 'open': reports show it
 * as not submitted, with the answers it had.
 *
 * Exam questions are passed as answer records (exam_item_record), so the
 * log gets exactly what store_record would write.
 */
struct exam_attempt {
	int64_t id;            /* set by store_exam_begin */
	int64_t user_id;
	const char *user;      /* when read back */
	int64_t started_at;    /* unix seconds */
	int64_t ended_at;      /* 0 while open */
	uint64_t seed;
	unsigned count;        /* questions */
	unsigned pass_mark;    /* percent */
	unsigned time_limit;   /* seconds; 0 = untimed */
	int submitted;
	int timed_out;
	unsigned correct;      /* 0 while open */
	const char *banks;     /* "id:sha256,id:sha256", in the order used */
};

/* Store a new open attempt (a->id gets its id) and its n questions (n must
 * be a->count), in one transaction; items[i] is question i+1 as shown,
 * with its answer so far. */
int store_exam_begin(struct store *s, struct exam_attempt *a,
		     const struct answer_record *items, unsigned n,
		     struct rc_error *err);

/* Save the answer to question `position` (0-based) of an open attempt:
 * item's picked and correct.  Committed before it returns. */
int store_exam_answer(struct store *s, int64_t attempt_id, unsigned position,
		      const struct answer_record *item, struct rc_error *err);

/* Submit an open attempt: a->id, user_id, ended_at, timed_out and
 * correct; items are its n questions as answered, which go into the log
 * (mode exam) and h's derived state, as store_record does.  h must already
 * have every item applied (history_apply).  One transaction. */
int store_exam_submit(struct store *s, const struct exam_attempt *a,
		      const struct answer_record *items, unsigned n,
		      struct history *h, struct rc_error *err);

/* Which attempts to read. */
struct exam_filter {
	int64_t user_id;     /* 0: every user */
	int64_t attempt_id;  /* 0: every attempt */
	int64_t since;       /* attempts started at or after this (unix seconds) */
	int submitted_only;
};

/* Call fn for each attempt the filter lets through, oldest first.  Strings
 * live until fn returns; fn returns nonzero to stop and must not call back
 * into the store. */
int store_each_attempt(struct store *s, const struct exam_filter *f,
		       int (*fn)(void *ctx, const struct exam_attempt *a),
		       void *ctx, struct rc_error *err);

/* One question of an attempt, as stored.  rec.answered_at and elapsed_ms
 * are 0: the attempt's times are the questions' times. */
struct exam_item_row {
	int64_t attempt_id;
	unsigned position;           /* 0-based */
	struct answer_record rec;    /* mode MODE_EXAM */
	const char *picked_role;
};

/* Call fn for each question of the attempts the filter lets through,
 * ordered by attempt, then position; as store_each_attempt. */
int store_each_exam_item(struct store *s, const struct exam_filter *f,
			 int (*fn)(void *ctx, const struct exam_item_row *row),
			 void *ctx, struct rc_error *err);

/*
 * Trivia games.  A game is stored with its questions (one option order
 * for everyone) when it is created, players as they join, every answer as
 * it is given, and each round's points when the round is scored: scoring
 * closes the round to answers in the same transaction, so an answer is
 * either in the round's score or refused as too late.
 *
 * Several rolecall processes on one host share a game through these tables
 * alone: the host writes the phase and each round's start (wall clock),
 * players poll the game and write a heartbeat (last_seen_ms).
 */
#define STORE_TRIVIA_MAX_PLAYERS 32
#define STORE_TRIVIA_NAME_MAX 32 /* bytes of a player's (or team's) name */
#define STORE_TRIVIA_CODE_MAX 8

enum store_trivia_status {
	STORE_TRIVIA_LOBBY,     /* hosted, waiting for players */
	STORE_TRIVIA_RUNNING,
	STORE_TRIVIA_DONE,
	STORE_TRIVIA_ABANDONED, /* ended before its last round */
};

enum store_trivia_phase {
	STORE_TRIVIA_WAIT,      /* no question yet */
	STORE_TRIVIA_QUESTION,  /* current_round is open to answers */
	STORE_TRIVIA_REVEAL,    /* scored: the right answer and the points */
	STORE_TRIVIA_BOARD,     /* the leaderboard */
	STORE_TRIVIA_PODIUM,    /* the game is over */
};

struct store_trivia_game {
	int64_t id;                       /* set by store_trivia_create */
	char code[STORE_TRIVIA_CODE_MAX + 1];
	int hosted;                       /* 0: hot seat on one terminal */
	int teams;                        /* the players are teams */
	char host_user[65];
	int64_t created_at, started_at, ended_at; /* unix seconds; 0: not yet */
	enum store_trivia_status status;
	enum store_trivia_phase phase;
	uint64_t seed;
	unsigned rounds;
	int64_t time_limit_ms;
	unsigned points;
	int speed, streak;
	unsigned current_round;           /* 1-based; 0 before the first */
	int64_t round_started_at_ms;      /* wall clock (CLOCK_REALTIME) */
	int64_t host_seen_ms;             /* the host's heartbeat */
	/* "id:sha256,..." and the bank files the host loaded ("\n"-separated,
	 * "" when none): given to store_trivia_create, set in
	 * store_trivia_each_game's callback, NULL in a store_trivia_state. */
	const char *banks;
	const char *bank_files;
};

/* One question of a game, in the order shown to everyone. */
struct store_trivia_round {
	unsigned round;                   /* 1-based */
	const char *bank_id, *question_id;
	unsigned shown_choices[BANK_MAX_OPTIONS];
	unsigned n_shown;
};

struct store_trivia_player {
	char name[STORE_TRIVIA_NAME_MAX + 1];
	unsigned seat;                    /* join order, from 0 */
	int64_t joined_at;                /* unix seconds */
	int64_t last_seen_ms;             /* wall clock */
	int absent;                       /* quit, or its heartbeat stopped */
	int64_t score;                    /* totals after the scored rounds */
	unsigned right, streak;
	int64_t time_ms;
	/* Its answer to the round asked about: */
	int answered;                     /* 1: it had its turn (a row exists) */
	int picked;                       /* position as shown; -1: no answer */
	int correct;
	int64_t elapsed_ms;
	int points;                       /* -1 until the round is scored */
};

/* A game, its players by seat and their answers to one round, read in one
 * transaction. */
struct store_trivia_state {
	struct store_trivia_game game;
	unsigned n_players;
	struct store_trivia_player players[STORE_TRIVIA_MAX_PLAYERS];
};

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

/* Mark absent every player whose heartbeat is older than before_ms. */
int store_trivia_mark_absent(struct store *s, int64_t game_id, int64_t before_ms,
			     struct rc_error *err);

/* Move a game on (the host's job): status, phase, current round and its
 * start.  started_at is set the first time it runs, ended_at when it is
 * done or abandoned.  Returns 1, changing nothing, when the game is
 * already over. */
int store_trivia_set_phase(struct store *s, int64_t game_id,
			   enum store_trivia_status status,
			   enum store_trivia_phase phase, unsigned round,
			   int64_t round_started_at_ms, int64_t now,
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

/* Read a game, its players and their answers to `round`.  Returns 1 when
 * there is no such game. */
int store_trivia_state(struct store *s, int64_t game_id, unsigned round,
		       struct store_trivia_state *st, struct rc_error *err);

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
