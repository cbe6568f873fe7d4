/*
 * trivia_setup — what the app gives a trivia game before the controller
 * (rolecall/trivia_game.h) takes over: the settings from the command line,
 * the option values trivia defines, the real clock and a random seed for
 * join codes, and the bank files a player must load before app_open.
 */
#ifndef ROLECALL_TRIVIA_SETUP_H
#define ROLECALL_TRIVIA_SETUP_H

#include "app.h"
#include "rolecall/trivia_game.h"

/* The trivia options: --time SECONDS (per question), --rounds N,
 * --points 0|1000|2000 and --countdown SECONDS.  Print why and return -1
 * when the value is not one. */
int trivia_setup_parse_seconds(const char *s, unsigned *seconds);
int trivia_setup_parse_countdown(const char *s, long *seconds);
int trivia_setup_parse_rounds(const char *s, unsigned *rounds);
int trivia_setup_parse_points(const char *s, long *points);

/* A game's settings from the command line: the names of --players or
 * --teams, the rules, the seed and the bank files.  trivia_setup_free
 * releases what it holds. */
struct trivia_setup {
	struct trivia_game_config cfg;
	char **names;
	char *files;
};
int trivia_setup_from_cli(const struct options *cli, struct trivia_setup *ts,
			 struct rc_error *err);
void trivia_setup_free(struct trivia_setup *ts);

/* The controller's env for a game on app: its banks, store and profile,
 * the real clock, a join-code seed from the clock and the pid; shared
 * (host or player) also reads how far the store's clock is ahead. */
int trivia_setup_env(struct app *app, int shared, struct trivia_game_env *env,
		     struct rc_error *err);

/* The bank files a game's host loaded, which a player must load too
 * (before app_open): *files is malloc'd, "" when none.  Opens the
 * database at db_path for the look only. */
int trivia_setup_bank_files(const char *db_path, const char *code, char **files,
			    struct rc_error *err);

#endif
