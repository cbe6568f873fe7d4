/*
 * rolecall report: checks the command line, opens the banks and the
 * database, and hands over to the report layer (src/report/): attempts,
 * the cohort, a certificate, --items or --trivia.  A report never creates
 * a profile.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "commands.h"
#include "paths.h"
#include "report.h"

int cmd_report_parse_date(const char *s, int64_t *when)
{
	struct tm tm = { 0 }, back;
	int y, m, d, used = 0;
	time_t t;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 ||
	    used != 10 || s[4] != '-' || s[7] != '-') {
		app_fail("--since needs a date as YYYY-MM-DD, not '%s'", s);
		return -1;
	}
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	t = timegm(&tm);
	/* timegm normalises 2027-02-30 to March: refuse what moved */
	if (!gmtime_r(&t, &back) || back.tm_year != y - 1900 || back.tm_mon != m - 1 ||
	    back.tm_mday != d) {
		app_fail("--since: there is no date %s", s);
		return -1;
	}
	*when = (int64_t)t;
	return 0;
}

static int is_html(const struct options *cli)
{
	return cli->format && !strcmp(cli->format, "html");
}

static int check_args(const struct options *cli)
{
	const char *why = NULL;

	if (cli->n_args)
		why = "'report' takes no arguments";
	else if (cli->has_mode && !cli->items)
		why = "--mode chooses the answers of --items; give it with --items";
	else if (cli->leaderboard)
		why = "--leaderboard ranks trivia players: give it with --trivia";
	else if (cli->all && cli->user)
		why = "--all and --user do not go together";
	else if (cli->certificate && cli->items)
		why = "--certificate and --items do not go together";
	else if (cli->certificate && cli->format && !strcmp(cli->format, "csv"))
		why = "a certificate is text, JSON or HTML; leave out --format csv";
	else if (is_html(cli) && !cli->cohort && !cli->certificate)
		why = CMD_HTML_FOR;
	else if (cli->verify && (cli->certificate || cli->items || cli->all || cli->format ||
				 cli->cohort || cli->exam_id))
		why = "--verify FILE goes alone: the file says which attempt, and in what "
		      "format";
	else if (cli->cohort && (cli->certificate || cli->items))
		why = "--cohort is a report of its own; leave out --certificate and --items";
	else if (cli->cohort && cli->all)
		why = "--cohort covers every user already (--user narrows it to one); "
		      "leave out --all";
	else if (cli->exam_id && (cli->certificate || cli->items))
		why = "--exam chooses the attempts of the list or of --cohort; leave out "
		      "--certificate and --items";
	if (why)
		app_fail("%s; see 'rolecall --help'", why);
	return why ? -1 : 0;
}

/* Whose attempts: --all, --user, else the login name.  Item analysis and
 * the cohort are over every user unless --user names one. */
static int report_of_one(const struct options *cli)
{
	return !cli->all && !((cli->items || cli->cohort) && !cli->user);
}

static int report_who(struct report *rp)
{
	const struct options *cli = rp->cli;
	struct rc_error err;
	int found;

	rp->filter.user_id = 0;
	rp->filter.since = cli->since;
	rp->filter.definition = cli->exam_id;
	if (!report_of_one(cli))
		return 0;
	rp->who = app_user_name(cli);
	/* a database that binds profiles to logins: yours is your login */
	if (!cli->user && store_login(rp->store, rp->login, sizeof rp->login, &found,
				      &err) > 0)
		rp->who = rp->login;
	if ((found = store_find_user(rp->store, rp->who, &rp->filter.user_id, &err)) < 0) {
		app_fail("%s", err.msg);
		return -1;
	}
	if (!found)
		rp->filter.user_id = -1; /* no one: ids start at 1 */
	return 0;
}

/* --exam names a definition: it must be one, and its title heads the
 * cohort. */
static int report_exam(struct report *rp)
{
	struct rc_error err;

	if (!rp->cli->exam_id)
		return 0;
	if (store_exam_def_find(rp->store, rp->cli->exam_id, &rp->exam, &err) < 0) {
		app_fail("%s", err.msg);
		return -1;
	}
	if (!rp->exam) {
		app_fail("%s has no exam '%s'; 'rolecall exam list' shows the exams defined "
			 "there", store_path(rp->store), rp->cli->exam_id);
		return -1;
	}
	return 0;
}

static int report_open(struct report *rp)
{
	struct rc_error err;
	char path[4096];

	/* a bad name is refused before anything is opened */
	if (report_of_one(rp->cli) && app_check_user(app_user_name(rp->cli)) < 0)
		return -1;
	if (!(rp->cat = app_load_banks(rp->cli, &rp->banks, &rp->n_banks)))
		return -1;
	if (paths_db(rp->cli->db, path, sizeof path, &err) < 0) {
		app_fail("%s", err.msg);
		return -1;
	}
	if (store_open_existing(path, &rp->store, &err) < 0) {
		app_fail("%s", err.msg);
		return -1;
	}
	if (report_exam(rp) < 0 || report_who(rp) < 0)
		return -1;
	return report_load_role_names(rp);
}

int cmd_report(const struct options *cli)
{
	struct report rp = { .cli = cli, .out = stdout };
	int rc;

	strmap_init(&rp.saved_names);
	arena_init(&rp.names_arena, 4096);
	if (cli->trivia && is_html(cli)) {
		app_fail("%s; see 'rolecall --help'", CMD_HTML_FOR);
		return EXIT_USAGE;
	}
	if (cli->trivia)
		return report_trivia(cli);
	if (check_args(cli) < 0)
		return EXIT_USAGE;
	if (report_open(&rp) < 0)
		rc = -1;
	else if (cli->verify)
		rc = report_verify(&rp, cli->verify) != 0 ? -1 : 0;
	else if (cli->certificate)
		rc = report_certificate(&rp);
	else if (cli->items)
		rc = report_items(&rp);
	else if (cli->cohort)
		rc = report_cohort(&rp);
	else
		rc = report_attempts(&rp);
	exam_def_free(rp.exam);
	report_free_role_names(&rp);
	store_close(rp.store);
	free(rp.banks);
	catalog_free(rp.cat);
	return rc < 0 ? EXIT_FAIL : EXIT_OK;
}
