/*
 * rolecall db: looking after a database.  'db init' creates or upgrades
 * its tables; on a shared PostgreSQL database that is the one step that
 * needs the owner's rights, so it is a command of its own (doc/teams.md).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "commands.h"
#include "paths.h"
#include "rolecall/store.h"

static int db_init(const struct options *cli)
{
	const char *backend = "";
	struct rc_error err;
	char target[4096];
	int version = 0;

	if (cli->n_args > 1) {
		app_fail("'db init' takes no operand after 'init'; give the database "
			 "with --db");
		return EXIT_USAGE;
	}
	if (paths_db(cli->db, target, sizeof target, &err) < 0 ||
	    store_init(target, &backend, &version, &err) < 0) {
		app_fail("%s", err.msg);
		return EXIT_FAIL;
	}
	/* not the target: a URI may hold a password */
	printf("rolecall: the %s database is ready (schema %d)\n", backend, version);
	return EXIT_OK;
}

/* A copy reads an existing source: opening a mistyped file would create
 * an empty one and copy nothing. */
static int db_open_source(const char *target, struct store **s, struct rc_error *err)
{
	if (store_target_is_file(target) && access(target, F_OK) < 0)
		return rc_error_set(err, "%s: cannot copy from it: %s", target,
				    strerror(errno));
	return store_open(target, s, err);
}

static int db_copy(const struct options *cli)
{
	struct store *from = NULL, *to = NULL;
	unsigned long rows = 0;
	struct rc_error err;
	int rc;

	if (cli->n_args != 3 || cli->db) {
		app_fail("'db copy' takes the two databases, FROM and TO, and no --db: "
			 "rolecall db copy FROM TO");
		return EXIT_USAGE;
	}
	rc = db_open_source(cli->args[1], &from, &err) < 0 ||
	     store_open(cli->args[2], &to, &err) < 0 || store_copy(from, to, &rows, &err) < 0;
	if (rc)
		app_fail("%s", err.msg);
	else
		printf("rolecall: copied %lu rows from %s to %s; the state rebuilt from "
		       "the answer log there matches\n", rows, store_path(from),
		       store_path(to));
	store_close(to);
	store_close(from);
	return rc ? EXIT_FAIL : EXIT_OK;
}

/* db grant learner|manager NAME: the owner lets a login in. */
static int db_grant(const struct options *cli)
{
	struct store *s = NULL;
	struct rc_error err;
	char target[4096];
	int manager;

	if (cli->n_args != 3 || (strcmp(cli->args[1], "learner") &&
				 strcmp(cli->args[1], "manager"))) {
		app_fail("'db grant' takes learner or manager, then the database role: "
			 "rolecall db grant learner NAME");
		return EXIT_USAGE;
	}
	manager = !strcmp(cli->args[1], "manager");
	if (paths_db(cli->db, target, sizeof target, &err) < 0 ||
	    store_open(target, &s, &err) < 0 ||
	    store_grant(s, manager, cli->args[2], &err) < 0) {
		app_fail("%s", err.msg);
		store_close(s);
		return EXIT_FAIL;
	}
	printf(manager ? "rolecall: %s is a manager: they read every profile's results\n" :
	       "rolecall: %s is a learner: they add to and read their own profile only\n",
	       cli->args[2]);
	store_close(s);
	return EXIT_OK;
}

/* rolecall backup FILE: the database (--db, ROLECALL_DB or the default)
 * as one new file that can be copied alone. */
int cmd_backup(const struct options *cli)
{
	struct store *s = NULL;
	struct rc_error err;
	char target[4096];

	if (cli->n_args != 1) {
		app_fail("'backup' takes the file to write: rolecall backup FILE");
		return EXIT_USAGE;
	}
	if (paths_db(cli->db, target, sizeof target, &err) < 0 ||
	    db_open_source(target, &s, &err) < 0 ||
	    store_backup(s, cli->args[0], &err) < 0) {
		app_fail("%s", err.msg);
		store_close(s);
		return EXIT_FAIL;
	}
	printf("rolecall: %s backed up to %s, one file that can be copied alone\n",
	       store_path(s), cli->args[0]);
	store_close(s);
	return EXIT_OK;
}

int cmd_db(const struct options *cli)
{
	if (cli->n_args < 1) {
		app_fail("'db' needs what to do: 'rolecall db init', 'rolecall db copy "
			 "FROM TO' or 'rolecall db grant learner|manager NAME'");
		return EXIT_USAGE;
	}
	if (!strcmp(cli->args[0], "init"))
		return db_init(cli);
	if (!strcmp(cli->args[0], "copy"))
		return db_copy(cli);
	if (!strcmp(cli->args[0], "grant"))
		return db_grant(cli);
	app_fail("unknown 'db' command '%s'; there are 'db init', 'db copy' and "
		 "'db grant'", cli->args[0]);
	return EXIT_USAGE;
}
