/*
 * rolecall trivia: a game on one terminal (the hot seat: --players or
 * --teams take turns), or shared by several terminals of one host
 * ('trivia host' opens a game under a code, 'trivia join CODE --name NAME'
 * joins it; they meet only in the database).  This file checks the
 * command line, turns it into the game's settings, and hands over to the
 * terminal UI or, with --plain, to line mode (trivia_plain.c).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "commands.h"
#include "pathlist.h"
#include "paths.h"
#include "trivia_plain.h"
#include "trivia_setup.h"
#include "ui.h"

enum cmd_trivia_how { CMD_TRIVIA_HOTSEAT, CMD_TRIVIA_HOST, CMD_TRIVIA_JOIN };

/* ---- the command line ---- */

static int cmd_trivia_usage(const char *msg)
{
	app_fail("%s", msg);
	return -1;
}

static int cmd_trivia_mode(const struct options *cli, enum cmd_trivia_how *how)
{
	const char *sub = cli->n_args ? cli->args[0] : NULL;

	if (!sub)
		*how = CMD_TRIVIA_HOTSEAT;
	else if (!strcmp(sub, "host") && cli->n_args == 1)
		*how = CMD_TRIVIA_HOST;
	else if (!strcmp(sub, "join") && cli->n_args == 2)
		*how = CMD_TRIVIA_JOIN;
	else if (!strcmp(sub, "join"))
		return cmd_trivia_usage("'trivia join' takes the game's code: rolecall "
				    "trivia join CODE --name NAME");
	else {
		app_fail("'trivia' takes 'host' or 'join CODE', not '%s'", sub);
		return -1;
	}
	return 0;
}

static int cmd_trivia_check(const struct options *cli, enum cmd_trivia_how how)
{
	int game_opts = cli->rounds || cli->time_arg || cli->points >= 0 ||
			cli->no_speed || cli->no_streak || cli->has_seed ||
			cli->countdown >= 0;

	if (cli->players && cli->teams)
		return cmd_trivia_usage("give --players or --teams, not both");
	if (how == CMD_TRIVIA_HOTSEAT && !cli->players && !cli->teams)
		return cmd_trivia_usage("who plays? rolecall trivia --players \"Ana,Ben\" "
				    "(or --teams) on one terminal, or 'rolecall trivia "
				    "host' for a game on several terminals");
	if (how != CMD_TRIVIA_HOTSEAT && (cli->players || cli->teams))
		return cmd_trivia_usage("--players and --teams are for a game on one "
				    "terminal; on several, players join with --name");
	if (how != CMD_TRIVIA_JOIN && cli->name)
		return cmd_trivia_usage("--name is for 'trivia join'");
	if (how == CMD_TRIVIA_JOIN && game_opts)
		return cmd_trivia_usage("the host sets the game (--rounds, --time, "
				    "--countdown, --points, --no-speed, --no-streak, "
				    "--seed); join takes only --name");
	return 0;
}

/* The database the game is in: --db, else ROLECALL_DB, else the default. */
static int cmd_trivia_db(const struct options *cli, char *path, size_t cap)
{
	struct rc_error err;

	if (paths_db(cli->db, path, cap, &err) < 0) {
		app_fail("%s", err.msg);
		return -1;
	}
	return 0;
}

/* The joining player's command line: its profile is its name, and it
 * loads the bank files the host loaded (unless it gives its own). */
static int cmd_trivia_join_cli(const struct options *cli, struct options *c2, const char *name,
			   const char *files)
{
	struct rc_error err;
	const char **paths;
	unsigned n;

	*c2 = *cli;
	c2->user = name;
	/* on a database that binds profiles to logins the login wins */
	c2->user_is_name = 1;
	c2->name = name;
	if (cli->n_banks)
		return 0;
	if (pathlist_decode(files, &paths, &n, &err) < 0) {
		app_fail("the game's list of bank files cannot be read: %s", err.msg);
		return -1;
	}
	if (n) {
		c2->banks = paths; /* one block: cmd_trivia_join frees it */
		c2->n_banks = (int)n;
	}
	return 0;
}

static int cmd_trivia_join(const struct options *cli, const char *code)
{
	const char *name = cli->name ? cli->name : app_user_name(cli);
	struct rc_error err;
	char path[4096], *files = NULL;
	struct options c2;
	struct app app;
	int rc = EXIT_FAIL;

	if (trivia_game_check_name(name, &err) < 0) {
		app_fail("--name: %s", err.msg);
		return EXIT_USAGE;
	}
	if (cmd_trivia_db(cli, path, sizeof path) < 0)
		return EXIT_FAIL;
	if (trivia_setup_bank_files(path, code, &files, &err) < 0) {
		app_fail("%s", err.msg);
		return EXIT_FAIL;
	}
	if (cmd_trivia_join_cli(cli, &c2, name, files) == 0) {
		if (!cli->plain) {
			rc = ui_main(&c2, UI_START_TRIVIA);
		} else {
			if (app_open(&c2, &app) == 0 &&
			    trivia_plain_join(&app, code, name) == 0)
				rc = EXIT_OK;
			app_close(&app);
		}
	}
	if (c2.banks != cli->banks)
		free(c2.banks);
	free(files);
	return rc;
}

static int cmd_trivia_local(const struct options *cli, enum cmd_trivia_how how)
{
	struct trivia_setup ts;
	struct rc_error err;
	struct app app;
	int rc = EXIT_FAIL;

	if (!cli->plain)
		return ui_main(cli, UI_START_TRIVIA);
	if (trivia_setup_from_cli(cli, &ts, &err) < 0) {
		app_fail("%s", err.msg);
		return EXIT_USAGE;
	}
	if (app_open(cli, &app) == 0 &&
	    (how == CMD_TRIVIA_HOST ? trivia_plain_host(&app, &ts.cfg) :
	     trivia_plain_hotseat(&app, &ts.cfg)) == 0)
		rc = EXIT_OK;
	app_close(&app);
	trivia_setup_free(&ts);
	return rc;
}

int cmd_trivia(const struct options *cli)
{
	enum cmd_trivia_how how;
	struct trivia_setup ts;
	struct rc_error err;
	char code[STORE_TRIVIA_CODE_MAX + 1];

	if (cmd_trivia_mode(cli, &how) < 0 || cmd_trivia_check(cli, how) < 0)
		return EXIT_USAGE;
	if (app_need_terminal(cli))
		return EXIT_USAGE;
	if (how == CMD_TRIVIA_JOIN) {
		if (trivia_game_parse_code(cli->args[1], code, &err) < 0) {
			app_fail("%s", err.msg);
			return EXIT_USAGE;
		}
		return cmd_trivia_join(cli, code);
	}
	/* the names are checked here, before any terminal set-up */
	if (trivia_setup_from_cli(cli, &ts, &err) < 0) {
		app_fail("%s", err.msg);
		return EXIT_USAGE;
	}
	trivia_setup_free(&ts);
	return cmd_trivia_local(cli, how);
}
