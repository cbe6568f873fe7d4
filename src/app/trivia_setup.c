/*
 * trivia_setup — what a trivia game gets from the app: its settings from
 * the command line and the option values trivia defines (--time,
 * --rounds, --points, --countdown), and the env the controller runs on
 * (the real clock, a random seed for join codes).  Both front ends and
 * 'rolecall trivia' start a game from here.
 */
#include "trivia_setup.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pathlist.h"

/* ---- option values ---- */

static int trivia_setup_whole(const char *opt, const char *s, unsigned lo, unsigned hi,
			unsigned *out)
{
	char *end;
	unsigned long v;

	if (*s < '0' || *s > '9' || (v = strtoul(s, &end, 10), *end) || v < lo || v > hi) {
		app_fail("%s needs a whole number from %u to %u, not '%s'", opt, lo, hi, s);
		return -1;
	}
	*out = (unsigned)v;
	return 0;
}

int trivia_setup_parse_seconds(const char *s, unsigned *seconds)
{
	return trivia_setup_whole("--time (seconds per trivia question)", s, 1,
			    TRIVIA_GAME_MAX_SECONDS, seconds);
}

int trivia_setup_parse_rounds(const char *s, unsigned *rounds)
{
	return trivia_setup_whole("--rounds", s, 1, TRIVIA_GAME_MAX_ROUNDS, rounds);
}

int trivia_setup_parse_countdown(const char *s, long *seconds)
{
	unsigned v;

	if (trivia_setup_whole("--countdown (seconds before each trivia question)", s, 0,
			 TRIVIA_GAME_MAX_COUNTDOWN, &v) < 0)
		return -1;
	*seconds = (long)v;
	return 0;
}

int trivia_setup_parse_points(const char *s, long *points)
{
	if (strcmp(s, "0") && strcmp(s, "1000") && strcmp(s, "2000")) {
		app_fail("--points is 0, 1000 or 2000, not '%s'", s);
		return -1;
	}
	*points = strtol(s, NULL, 10);
	return 0;
}

/* ---- settings ---- */

static int trivia_setup_looks_like_path(const char *s)
{
	size_t n = strlen(s);

	return strchr(s, '/') || (n > 5 && !strcmp(s + n - 5, ".yaml")) ||
	       (n > 4 && !strcmp(s + n - 4, ".yml"));
}

/* The bank files given with --bank, made absolute and encoded as a
 * pathlist (a path may hold a newline): players on other terminals load
 * them too, wherever they started.  NULL when out of memory. */
static char *trivia_setup_abs_files(const struct options *cli)
{
	size_t n = cli->n_banks > 0 ? (size_t)cli->n_banks : 1;
	const char **paths = calloc(n, sizeof *paths);
	char **abs = calloc(n, sizeof *abs), *s = NULL;
	unsigned k = 0;

	if (paths && abs) {
		for (int i = 0; i < cli->n_banks; i++) {
			if (!trivia_setup_looks_like_path(cli->banks[i]))
				continue;
			/* a path realpath cannot resolve is kept as given */
			abs[k] = realpath(cli->banks[i], NULL);
			paths[k] = abs[k] ? abs[k] : cli->banks[i];
			k++;
		}
		s = pathlist_encode(paths, k);
	}
	for (unsigned i = 0; abs && i < k; i++)
		free(abs[i]);
	free(abs);
	free(paths);
	return s;
}

int trivia_setup_from_cli(const struct options *cli, struct trivia_setup *ts,
			 struct rc_error *err)
{
	const char *list = cli->players ? cli->players : cli->teams;
	struct trivia_game_config *cfg = &ts->cfg;

	memset(ts, 0, sizeof *ts);
	if (list && trivia_game_parse_names(list, cli->players ? "players" : "teams",
				      &ts->names, &cfg->n_names, err) < 0)
		return -1;
	cfg->names = (const char *const *)ts->names;
	cfg->teams = cli->teams != NULL;
	cfg->rounds = cli->rounds;
	cfg->seconds = cli->time_limit;
	cfg->countdown = cli->countdown >= 0 ? (unsigned)cli->countdown :
			 TRIVIA_GAME_DEFAULT_COUNTDOWN;
	cfg->points = cli->points >= 0 ? (unsigned)cli->points : TRIVIA_DEFAULT_POINTS;
	cfg->speed = !cli->no_speed;
	cfg->streak = !cli->no_streak;
	cfg->seed = app_seed(cli, 0);
	if (!(ts->files = trivia_setup_abs_files(cli))) {
		trivia_setup_free(ts);
		return rc_error_set(err, "out of memory");
	}
	cfg->bank_files = ts->files;
	return 0;
}

void trivia_setup_free(struct trivia_setup *ts)
{
	free(ts->names);
	free(ts->files);
	memset(ts, 0, sizeof *ts);
}


/* ---- what the controller runs on ---- */

static int64_t trivia_setup_ms(void *ctx)
{
	(void)ctx;
	return app_wall_ms();
}

static int64_t trivia_setup_s(void *ctx)
{
	(void)ctx;
	return app_now();
}

static void trivia_setup_pause(void *ctx, int64_t ms)
{
	struct timespec pause = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000L };

	(void)ctx;
	nanosleep(&pause, NULL);
}

int trivia_setup_env(struct app *app, int shared, struct trivia_game_env *env,
		     struct rc_error *err)
{
	memset(env, 0, sizeof *env);
	env->cat = app->cat;
	env->banks = (const struct bank *const *)app->banks;
	env->n_banks = app->n_banks;
	env->store = app->store;
	env->user = app->user;
	env->user_id = app->user_id;
	env->h = &app->h;
	env->clock = (struct trivia_game_clock){ trivia_setup_ms, trivia_setup_s,
					   trivia_setup_pause, NULL };
	/* random, not seeded: a game replayed with --seed still gets its own code */
	env->code_seed = (uint64_t)app_wall_ms() ^ ((uint64_t)getpid() << 40) ^
			 (uint64_t)clock();
	if (shared && store_clock_offset(app->store, app_wall_ms, &env->offset_ms, err) < 0)
		return -1;
	return 0;
}

int trivia_setup_bank_files(const char *db_path, const char *code, char **files,
			    struct rc_error *err)
{
	struct store *s;
	int rc;

	*files = NULL;
	/* Opening would create the file: a mistyped --db would leave an empty
	 * database behind and only then say there is no game in it. */
	if (store_target_is_file(db_path) && access(db_path, F_OK) < 0 &&
	    errno == ENOENT)
		return rc_error_set(err, "%s: no such database, so no trivia game %s "
				    "in it; give the --db the host uses", db_path,
				    code);
	if (store_open(db_path, &s, err) < 0)
		return -1;
	rc = trivia_game_files(s, code, files, err);
	store_close(s);
	return rc;
}
