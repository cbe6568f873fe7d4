/*
 * rolecall users: the profiles of the database, for a manager who wants
 * to see who is there (src/report/report_users.c writes the list).
 */
#include "app.h"
#include "commands.h"
#include "report.h"

int cmd_users(const struct options *cli)
{
	if (cli->n_args) {
		app_fail("'users' takes no arguments (got '%s')", cli->args[0]);
		return EXIT_USAGE;
	}
	return report_users(cli);
}
