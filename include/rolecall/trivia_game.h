/*
 * trivia_game — one trivia game as a front end plays it: its questions
 * (drawn once, seeded, with one option order for everyone), its players
 * and their scores, and the moves of the game, each saved in the store
 * before the function returns.  A game is played in one of three roles:
 *
 *   hot seat  one process; the players (or teams) answer in turn at one
 *             terminal;
 *   host      runs a shared game: opens a lobby under a short code, starts
 *             each round, closes it when every present player has answered
 *             or the time ran out (plus TRIVIA_GAME_GRACE_MS), scores it, and
 *             moves on to the reveal, the leaderboard and the podium;
 *   player    joined a shared game by its code: follows the host's phases
 *             by polling the store (trivia_game_poll) and answers for itself.
 *
 * Processes share a game only through the database (WAL: readers never
 * block the writer).  The host writes each round's start on the wall
 * clock, so every terminal counts down from the same moment.  Scoring is
 * trivia.h's, applied once per round inside the transaction that closes
 * the round to answers.
 *
 * Answers given by players (not teams) also go into the answer log of the
 * player's profile, mode trivia, so a game counts toward each player's
 * stats; a question that timed out is not logged.
 *
 * Pure: the controller reads no clock and makes no code of its own.  The
 * time comes from the clock in struct trivia_game_env (a test's fake clock, the
 * app's real one), the join code from its seed, and everything stored goes
 * through the store in it.  Front ends read the struct; only these
 * functions change it.  trivia_game_free(NULL) is safe.
 */
#ifndef ROLECALL_TRIVIA_GAME_H
#define ROLECALL_TRIVIA_GAME_H

#include <stdint.h>

#include "rolecall/bank.h"
#include "rolecall/history.h"
#include "rolecall/store.h"
#include "rolecall/store_trivia.h"
#include "rolecall/trivia.h"

#define TRIVIA_GAME_DEFAULT_ROUNDS 10
#define TRIVIA_GAME_MAX_ROUNDS 100
#define TRIVIA_GAME_DEFAULT_SECONDS 20
#define TRIVIA_GAME_MAX_SECONDS 600
/* The 3-2-1 before each question (--countdown), in seconds. */
#define TRIVIA_GAME_DEFAULT_COUNTDOWN 3
#define TRIVIA_GAME_MAX_COUNTDOWN 10
#define TRIVIA_GAME_CODE_LEN 5
/* How often a shared game is read again, and a heartbeat written. */
#define TRIVIA_GAME_POLL_MS 200
#define TRIVIA_GAME_BEAT_MS 1000
/* ... when the store announces every change (a server, LISTEN/NOTIFY): a
 * fallback, since the announcement wakes the reader at once. */
#define TRIVIA_GAME_NOTIFIED_POLL_MS 1000
/* A player silent for this long is absent; a host, gone. */
#define TRIVIA_GAME_STALE_MS 5000
#define TRIVIA_GAME_HOST_STALE_MS 15000
/* An answer the store refused is tried again this often until its round
 * closes; the host tidies the store (folds SQLite's WAL in) this often. */
#define TRIVIA_GAME_RETRY_MS 250
#define TRIVIA_GAME_FOLD_MS 5000
/* A hosted round stays open this long after its time, for the answers
 * given in the last moment and still on their way to the database. */
#define TRIVIA_GAME_GRACE_MS 500

/* What both front ends say instead of a podium when no round was played. */
#define TRIVIA_GAME_NOT_PLAYED "The game ended before its first question was over; " \
	"there is no ranking"

enum trivia_game_role { TRIVIA_GAME_HOTSEAT, TRIVIA_GAME_HOST, TRIVIA_GAME_PLAYER };

/* Where the controller gets its time: ms is the wall clock in unix
 * milliseconds (what rounds start and heartbeats are counted on), s the
 * unix seconds stored as dates, pause waits (the retry of an answer the
 * store refused).  A test passes a fake clock whose pause moves its time. */
struct trivia_game_clock {
	int64_t (*ms)(void *ctx);
	int64_t (*s)(void *ctx);
	void (*pause)(void *ctx, int64_t ms);
	void *ctx;
};

/* What a game runs on, borrowed for its whole life: the banks, the store,
 * the profile that hosts or joins (its history may be replaced, so *h),
 * the clock, how far the store's clock is ahead of it (offset_ms, from
 * store_clock_offset; 0 for a file) and the seed the join codes are drawn
 * from (random in the app, so that a replayed game gets its own code). */
struct trivia_game_env {
	const struct catalog *cat;
	const struct bank *const *banks;
	size_t n_banks;
	struct store *store;
	const char *user;
	int64_t user_id;
	struct history **h;
	struct trivia_game_clock clock;
	int64_t offset_ms;
	uint64_t code_seed;
};

struct trivia_game_config {
	const char *const *names; /* hot seat: players or teams, in turn order */
	unsigned n_names;
	int teams;
	unsigned rounds;          /* 0: TRIVIA_GAME_DEFAULT_ROUNDS */
	unsigned seconds;         /* per question; 0: TRIVIA_GAME_DEFAULT_SECONDS */
	unsigned countdown;       /* seconds before each question shows */
	unsigned points;          /* P: 0, 1000 or 2000 */
	int speed, streak;
	uint64_t seed;
	const char *bank_files;   /* host: bank files joiners must load, a pathlist */
	const struct bank *const *banks; /* the banks to draw from; NULL: the env's */
	size_t n_banks;
};

struct trivia_game_question {
	const struct bank_question *q;
	unsigned order[BANK_MAX_OPTIONS]; /* choice index shown at each position */
	unsigned n_options;
	unsigned right;                   /* the position of the right option */
};

struct trivia_game_player {
	struct store_trivia_player s; /* as last read or written */
	int here;                     /* not absent, and heard from lately */
	int64_t user_id;              /* hot seat: the profile answers go to */
	struct history *h;            /* its history; NULL when not logged */
};

struct trivia_game {
	struct trivia_game_env env;
	enum trivia_game_role role;
	struct store_trivia_game game;    /* as last read (banks are NULL) */
	struct trivia_rules rules;
	struct trivia_game_question *questions; /* game.rounds of them */
	unsigned n_players;
	struct trivia_game_player players[STORE_TRIVIA_MAX_PLAYERS];
	int me;                           /* player: my index, -1 when not seen */
	char my_name[STORE_TRIVIA_NAME_MAX + 1];
	int64_t beat_ms;                  /* the last heartbeat tried */
	unsigned beats_missed;            /* heartbeats that failed in a row */
	int64_t folded_ms;                /* host: when the store was last tidied */
	int64_t countdown_ms;             /* host and hot seat: before each question */
	unsigned version;                 /* changes whenever anything shown does */
	unsigned played;                  /* rounds scored (store_trivia_played) */
	const struct bank *const *banks;  /* host and hot seat: drawn from these */
	size_t n_banks;
};

/* The descriptor that becomes readable when the store announces a change
 * to the game (-1: none; read it every TRIVIA_GAME_POLL_MS), and how often to
 * read the game when nothing is announced. */
int trivia_game_wake_fd(const struct trivia_game *g);
int trivia_game_poll_ms(const struct trivia_game *g);

/* The game's clock: the wall clock of the store's server when it has one
 * (laptops whose clocks disagree count the same seconds and get fair
 * speed points: env.offset_ms), else this machine's, which every process
 * shares. */
int64_t trivia_game_now(const struct trivia_game *g);

/* A player's or team's name: 1 to STORE_TRIVIA_NAME_MAX bytes of UTF-8,
 * no control characters, no comma, no blanks at either end.  0, or -1
 * with why in err. */
int trivia_game_check_name(const char *name, struct rc_error *err);

/* Split "Ana, Ben,Chen" into checked, distinct names (case ignored), 1 to
 * STORE_TRIVIA_FILE_PLAYERS of them.  *names is one allocation (free it);
 * what names what (players or teams) is only for messages. */
int trivia_game_parse_names(const char *list, const char *what, char ***names,
		      unsigned *n, struct rc_error *err);

/* A game code as typed ("k7qx-m") made canonical ("K7QXM") into code
 * (STORE_TRIVIA_CODE_MAX + 1 bytes); -1 with why in err. */
int trivia_game_parse_code(const char *arg, char *code, struct rc_error *err);

/* Start a game: draw the questions and store it, with its players (hot
 * seat) or as a lobby (host). */
int trivia_game_new_hotseat(const struct trivia_game_env *env, const struct trivia_game_config *cfg,
		      struct trivia_game **out, struct rc_error *err);
int trivia_game_new_host(const struct trivia_game_env *env, const struct trivia_game_config *cfg,
		   struct trivia_game **out, struct rc_error *err);

/* The bank files the host of the game with this code loaded, which a
 * player must load too: *files is malloc'd, "" when none.  code as
 * trivia_game_parse_code made it, here and in trivia_game_join. */
int trivia_game_files(struct store *s, const char *code, char **files,
		     struct rc_error *err);

/* Join (or rejoin, by the same name) the game with this code.  env must
 * hold the game's banks; its profile is the player's. */
int trivia_game_join(const struct trivia_game_env *env, const char *code, const char *name,
	       struct trivia_game **out, struct rc_error *err);

void trivia_game_free(struct trivia_game *g);

/* Read a shared game again and write the heartbeat when it is due; the
 * host also marks silent players absent.  1 when anything shown changed,
 * 0 when not, -1 on error. */
int trivia_game_poll(struct trivia_game *g, struct rc_error *err);

/* Host and hot seat: ask the next question (the game starts with the
 * first); a hosted game needs a player present.  A hosted round starts
 * (its clock and its question) after the countdown, the same moment on
 * every terminal; the hot seat counts down each turn itself. */
int trivia_game_start_round(struct trivia_game *g, struct rc_error *err);

/* Player `who` answers the current question: position as shown, -1 for
 * none (time out); elapsed_ms from when it showed (hot seat) — a player's
 * time is counted from the round's start instead.  Returns 1 when the
 * answer came too late (the round was closed) or was already given. */
int trivia_game_answer(struct trivia_game *g, unsigned who, int position, int64_t elapsed_ms,
		 struct rc_error *err);

/* Host and hot seat: 1 when the current round can be closed now. */
int trivia_game_round_over(const struct trivia_game *g, int64_t now_ms);

/* Host and hot seat: score the current round and show its answers.  The
 * host may close it early: who has not answered gets no answer. */
int trivia_game_close_round(struct trivia_game *g, struct rc_error *err);
/* Host: remove player `who` from the game: absent for good, left out of
 * the rankings, and it may not rejoin; its answers stay on record.  A
 * running game goes on even when nobody is left. */
int trivia_game_remove(struct trivia_game *g, unsigned who, struct rc_error *err);
/* Host and hot seat: show the leaderboard. */
int trivia_game_show_board(struct trivia_game *g, struct rc_error *err);
/* Host and hot seat: end the game normally (after the last round) or
 * early (abandoned; the scores so far stand). */
int trivia_game_finish(struct trivia_game *g, struct rc_error *err);
int trivia_game_abandon(struct trivia_game *g, struct rc_error *err);
/* Player: quit; marked absent, the game goes on without it. */
int trivia_game_leave(struct trivia_game *g, struct rc_error *err);
/* Player: 1 when the host removed it from the game. */
int trivia_game_removed(const struct trivia_game *g);

/* The current round's question, or NULL before the first. */
const struct trivia_game_question *trivia_game_question(const struct trivia_game *g);
/* 1 when the current round is the last. */
int trivia_game_last_round(const struct trivia_game *g);
/* Milliseconds left in a shared round at now_ms (0 when out). */
int64_t trivia_game_ms_left(const struct trivia_game *g, int64_t now_ms);
/* Milliseconds until a shared round's question shows (0 once it has). */
int64_t trivia_game_ms_to_start(const struct trivia_game *g, int64_t now_ms);
/* Players present, and how many of them answered the current round. */
unsigned trivia_game_present(const struct trivia_game *g, unsigned *answered);
/* 1 when a shared game not over has not heard from its host for
 * TRIVIA_GAME_HOST_STALE_MS: players are warned, and report --trivia
 * calls the game interrupted. */
int trivia_game_host_gone(const struct store_trivia_game *game, int64_t now_ms);
/* How long the host has been silent at now_ms, in whole seconds, once it
 * is gone (trivia_game_host_gone); 0 while it is heard from. */
int64_t trivia_game_host_silent_s(const struct trivia_game *g, int64_t now_ms);

/* The players in ranking order (trivia_rank), those the host removed left
 * out; names point into g.  Returns how many. */
unsigned trivia_game_ranking(const struct trivia_game *g, struct trivia_player *out);
/* A player by name, or NULL. */
const struct trivia_game_player *trivia_game_find(const struct trivia_game *g, const char *name);

#endif
