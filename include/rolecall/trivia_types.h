/*
 * trivia_types — what a trivia game is, as the store keeps it and the front
 * ends draw it: the game, its rounds, its players and a round's state.
 * Plain data, no functions: the store fills these, the game controller
 * and the screens read them.  Strings are owned by whoever filled the
 * struct, as each function that fills one says.
 */
#ifndef ROLECALL_TRIVIA_TYPES_H
#define ROLECALL_TRIVIA_TYPES_H

#include <stdint.h>

#include "rolecall/bank.h"

/* Room for the most players a backend takes (store_trivia_max_players):
 * a server takes this many; a file, shared by processes of one machine
 * and one writer at a time, STORE_TRIVIA_FILE_PLAYERS.  A hot seat game
 * on one terminal takes the file's number too. */
#define STORE_TRIVIA_MAX_PLAYERS 200
#define STORE_TRIVIA_FILE_PLAYERS 32
#define STORE_TRIVIA_NAME_MAX 32 /* bytes of a player's (or team's) name */
#define STORE_TRIVIA_CODE_MAX 8
/* The stored absent mark: 0 here, 1 gone (quit or silent: a heartbeat or a
 * rejoin brings it back), 2 removed by the host (nothing brings it back).
 * An older rolecall reads 2 as absent. */
#define STORE_TRIVIA_ABSENT_LEFT 1
#define STORE_TRIVIA_ABSENT_REMOVED 2

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
	/* "id:sha256,..." and the bank files the host loaded (a pathlist,
	 * src/util/pathlist.h: "" when none; the store keeps the text as it
	 * is): given to store_trivia_create, set in
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
	int removed;                      /* the host removed it: absent for good */
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

#endif
