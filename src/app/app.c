#include "app.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "paths.h"
#include "rolecall/emit.h"

uint64_t app_seed(const struct options *cli, unsigned n)
{
	struct timespec ts;

	if (cli->has_seed)
		return cli->seed + n;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000007ULL ^ (uint64_t)ts.tv_nsec ^
	       ((uint64_t)getpid() << 32) ^ n;
}

const char *app_user_name(const struct options *cli)
{
	const char *u = cli->user;
	const struct passwd *pw;

	if (u && *u)
		return u;
	if ((u = getenv("USER")) && *u)
		return u;
	pw = getpwuid(getuid());
	return pw && pw->pw_name && *pw->pw_name ? pw->pw_name : "me";
}

/* A server that went away is waited for, and the user told so, on stderr
 * in line mode; the full-screen UI sets its own, on its bottom line. */
static void app_store_notice(void *ctx, const char *line)
{
	(void)ctx;
	fprintf(stderr, "rolecall: %s\n", line);
}

/*
 * On a shared database where `db grant` bound profiles to logins, a
 * profile is its database login: the default user, and the only one a
 * learner may act as (row-level security refuses the rest anyway; this
 * says why in words).  A manager may give --user.
 */
static int app_bind_login(const struct options *cli, struct app *app)
{
	struct rc_error err;
	int manager, bound = store_login(app->store, app->login, sizeof app->login,
					 &manager, &err);

	if (bound < 0) {
		app_fail("%s", err.msg);
		return -1;
	}
	if (!bound)
		return 0;
	if (!cli->user || !*cli->user || cli->user_is_name) {
		app->user = app->login;
		return 0;
	}
	if (strcmp(cli->user, app->login) && !manager) {
		app_fail("%s: you are logged in to the database as %s, and only a manager "
			 "acts for another profile; leave out --user %s", store_path(app->store),
			 app->login, cli->user);
		return -1;
	}
	return 0;
}

/* How a command opens the store. */
enum app_open_mode {
	APP_ANSWERS,    /* database and profile made when missing */
	APP_READ,       /* neither: an unknown profile has no answers */
	APP_UNPROFILED, /* the database made when missing, the profile not */
};

static int open_store(const struct options *cli, struct app *app, enum app_open_mode mode)
{
	struct rc_error err;
	char path[4096];
	int found = 1;

	if (paths_db(cli->db, path, sizeof path, &err) < 0) {
		app_fail("%s", err.msg);
		return -1;
	}
	if ((mode == APP_READ ? store_open_existing : store_open)(path, &app->store, &err) < 0) {
		app_fail("%s", err.msg);
		return -1;
	}
	if (cli->plain)
		store_set_notice(app->store, app_store_notice, NULL);
	store_set_role_names(app->store, app->cat);
	if (app_bind_login(cli, app) < 0)
		return -1;
	if (mode != APP_ANSWERS)
		found = store_find_user(app->store, app->user, &app->user_id, &err);
	else if (store_user(app->store, app->user, &app->user_id, &err) < 0)
		found = -1;
	if (found == 0)
		app->user_id = -1; /* no one: ids start at 1 */
	if (found < 0 || (found && store_load_history(app->store, app->user_id, app->h,
						      &err) < 0)) {
		app_fail("%s", err.msg);
		return -1;
	}
	/* a command that answers writes anyway: name what older answers did not */
	if (mode == APP_ANSWERS &&
	    store_name_roles(app->store, app->user_id, app->h, &err) < 0) {
		app_fail("%s", err.msg);
		return -1;
	}
	return 0;
}

/* The name is stored and shown by stats, reports and the UI: the terminal
 * sanitiser's definition decides, C1 controls and bidirectional overrides
 * included, which a byte test would miss.  A character that prints as
 * nothing would make `alice` and `alice<U+200B>` two people who look the
 * same, so it is refused too. */
int app_check_user(const char *name)
{
	if (strlen(name) > 64) {
		app_fail("the user name is too long (at most 64 bytes)");
		return -1;
	}
	for (size_t left = strlen(name); left;) {
		long cp;
		size_t n = emit_utf8_next(name, left, &cp);

		if (cp < 0 || emit_unsafe_char(cp)) {
			app_fail("the user name must be UTF-8 text without control characters");
			return -1;
		}
		if (emit_invisible_char(cp)) {
			app_fail("the user name holds U+%04lX, which prints as nothing (a "
				 "zero-width, bidirectional or tag character): it would "
				 "look like another name", cp);
			return -1;
		}
		name += n;
		left -= n;
	}
	return 0;
}

static int app_open_as(const struct options *cli, struct app *app,
		       enum app_open_mode mode)
{
	memset(app, 0, sizeof *app);
	app->user = app_user_name(cli);
	if (app_check_user(app->user) < 0)
		return -1;
	app->cat = app_load_banks(cli, &app->banks, &app->n_banks);
	if (!app->cat)
		return -1;
	if (!(app->h = history_new())) {
		app_fail("out of memory");
		return -1;
	}
	return open_store(cli, app, mode);
}

int app_open(const struct options *cli, struct app *app)
{
	return app_open_as(cli, app, APP_ANSWERS);
}

int app_open_read(const struct options *cli, struct app *app)
{
	return app_open_as(cli, app, APP_READ);
}

int app_open_unprofiled(const struct options *cli, struct app *app)
{
	return app_open_as(cli, app, APP_UNPROFILED);
}

struct replay {
	struct evidence *ev;
	int oom;
};

/* A stop is no error for store_each_answer: the flag says why it stopped. */
static int replay_answer(void *ctx, const struct log_row *row)
{
	struct replay *r = ctx;

	r->oom = evidence_apply(r->ev, &row->rec) < 0;
	return r->oom;
}

int app_drill_evidence(struct app *app, struct evidence **out, struct rc_error *err)
{
	struct replay r = { NULL, 0 };

	*out = NULL;
	evidence_free(app->ev);
	if (!(app->ev = r.ev = evidence_new()))
		return rc_error_set(err, "out of memory");
	if (store_each_answer(app->store, app->user_id, replay_answer, &r, err) < 0)
		return -1;
	if (r.oom)
		return rc_error_set(err, "out of memory");
	*out = app->ev;
	return 0;
}

void app_close(struct app *app)
{
	evidence_free(app->ev);
	exam_def_free(app->exam_def);
	free(app->attempt_banks);
	store_close(app->store);
	history_free(app->h);
	free(app->banks);
	catalog_free(app->cat);
	memset(app, 0, sizeof *app);
}
