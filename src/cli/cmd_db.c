/*
 * rolecall db: looking after a database.  'db init' creates or upgrades
 * its tables; on a shared PostgreSQL database that is the one step that
 * needs the owner's rights, so it is a command of its own (doc/teams.md).
 */
#include <stdio.h>
#include <string.h>

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

int cmd_db(const struct options *cli)
{
	if (cli->n_args < 1) {
		app_fail("'db' needs what to do: 'rolecall db init'");
		return EXIT_USAGE;
	}
	if (!strcmp(cli->args[0], "init"))
		return db_init(cli);
	app_fail("unknown 'db' command '%s'; 'rolecall db init' is the one there is",
		 cli->args[0]);
	return EXIT_USAGE;
}
