/* rolecall practice / drill: a session in the terminal UI or in plain mode. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "app.h"
#include "commands.h"
#include "plain.h"
#include "ui.h"

int cmd_line_mode_instead(const struct options *cli, int need_size, struct options *plain)
{
	char why[160];

	if (cli->plain || ui_usable(need_size, why, sizeof why))
		return 0;
	app_fail("%s: line mode instead, as with --plain", why);
	*plain = *cli;
	plain->plain = 1;
	return 1;
}

static int run_session(const struct options *opts, enum session_mode mode)
{
	struct session_config cfg = { 0 };
	struct session *s = NULL;
	struct rc_error err;
	struct app app;
	struct options line;
	const struct options *cli = opts;
	int rc = EXIT_FAIL;

	if (app_check_session(cli))
		return EXIT_USAGE;
	if (cmd_line_mode_instead(opts, 0, &line))
		cli = &line;
	if (!cli->plain)
		return ui_main(cli, mode == MODE_DRILL ? UI_START_DRILL : UI_START_PRACTICE);
	if (app_open(cli, &app) < 0)
		goto out;
	cfg.mode = mode;
	cfg.banks = app.banks;
	cfg.n_banks = app.n_banks;
	cfg.count = cli->count > 0 ? (unsigned)cli->count : 0;
	cfg.seed = app_seed(cli, 0);
	cfg.now = app_now();
	if ((mode == MODE_DRILL && app_drill_evidence(&app, &cfg.evidence, &err) < 0) ||
	    session_new(app.cat, app.h, &cfg, &s, &err) < 0) {
		app_fail("%s", err.msg);
		goto out;
	}
	switch (plain_run(&app, s, stdin, stdout)) {
	case 0: rc = EXIT_OK; break;
	case PLAIN_STOPPED: rc = EXIT_USAGE; break;
	}
out:
	session_free(s);
	app_close(&app);
	return rc;
}

int cmd_practice(const struct options *cli)
{
	return run_session(cli, MODE_PRACTICE);
}

int cmd_drill(const struct options *cli)
{
	return run_session(cli, MODE_DRILL);
}
