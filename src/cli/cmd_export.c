/* rolecall export: the raw answer log, for spreadsheets and scripts. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "commands.h"
#include "report.h"
#include "rolecall/emit.h"

struct export {
	FILE *out;
	int json;
	int first;
};

static void iso_time(int64_t t, char *buf, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (gmtime_r(&tt, &tm))
		strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
	else
		snprintf(buf, len, "%" PRId64, t);
}

/* "pm,po,pjm" and "2,0,1": the options as shown. */
static void shown_lists(const struct answer_record *r, char *roles, char *choices, size_t len)
{
	size_t a = 0, b = 0;

	roles[0] = choices[0] = '\0';
	for (unsigned i = 0; i < r->n_shown; i++) {
		a += (size_t)snprintf(roles + a, a < len ? len - a : 0, "%s%s", i ? "," : "",
				      r->shown_roles[i] ? r->shown_roles[i] : "");
		b += (size_t)snprintf(choices + b, b < len ? len - b : 0, "%s%u", i ? "," : "",
				      r->shown_choices[i]);
	}
}

static void json_field(FILE *out, const char *key, const char *value)
{
	fprintf(out, ", \"%s\": ", key);
	emit_json_string(out, value);
}

static int export_row(void *ctx, const struct log_row *row)
{
	struct export *ex = ctx;
	const struct answer_record *r = &row->rec;
	char when[32], roles[512], choices[64];

	iso_time(r->answered_at, when, sizeof when);
	shown_lists(r, roles, choices, sizeof roles);
	if (ex->json) {
		fprintf(ex->out, "%s\n {\"id\": %" PRId64, ex->first ? "" : ",", row->id);
		ex->first = 0;
		json_field(ex->out, "user", row->user);
		json_field(ex->out, "answered_at", when);
		json_field(ex->out, "mode", session_mode_name(r->mode));
		json_field(ex->out, "bank", r->bank_id);
		json_field(ex->out, "question", r->question_id);
		json_field(ex->out, "answer_role", r->answer_role);
		fprintf(ex->out, ", \"picked\": %d", r->picked);
		json_field(ex->out, "picked_role", row->picked_role);
		fprintf(ex->out, ", \"correct\": %s, \"elapsed_ms\": %" PRId64,
			r->correct ? "true" : "false", r->elapsed_ms);
		json_field(ex->out, "shown_roles", roles);
		json_field(ex->out, "shown_choices", choices);
		fputc('}', ex->out);
		return 0;
	}
	fprintf(ex->out, "%" PRId64 ",", row->id);
	emit_csv_field(ex->out, row->user);
	fprintf(ex->out, ",%s,%s,", when, session_mode_name(r->mode));
	emit_csv_field(ex->out, r->bank_id);
	fputc(',', ex->out);
	emit_csv_field(ex->out, r->question_id);
	fputc(',', ex->out);
	emit_csv_field(ex->out, r->answer_role);
	fprintf(ex->out, ",%d,", r->picked);
	emit_csv_field(ex->out, row->picked_role);
	fprintf(ex->out, ",%d,%" PRId64 ",", r->correct ? 1 : 0, r->elapsed_ms);
	emit_csv_field(ex->out, roles);
	fputc(',', ex->out);
	emit_csv_field(ex->out, choices);
	fputc('\n', ex->out);
	return 0;
}

int cmd_export(const struct options *cli)
{
	struct export ex = { stdout, 0, 1 };
	struct rc_error err;
	struct app app;
	int moodle = cli->format && !strcmp(cli->format, "moodle-grades");
	int rc;

	if (cli->n_args) {
		app_fail("'export' takes no arguments (got '%s')", cli->args[0]);
		return EXIT_USAGE;
	}
	if (cli->format && !strcmp(cli->format, "text")) {
		app_fail("export writes csv or json, not text");
		return EXIT_USAGE;
	}
	if (cli->all && cli->user) {
		app_fail("--all and --user do not go together");
		return EXIT_USAGE;
	}
	if (moodle && cli->all) {
		app_fail("--format moodle-grades covers every user already (--user narrows it "
			 "to one); leave out --all");
		return EXIT_USAGE;
	}
	if (cli->feedback && !moodle) {
		app_fail("--feedback adds a column to --format moodle-grades; give that too");
		return EXIT_USAGE;
	}
	if (moodle)
		return report_grades(cli, stdout);
	ex.json = cli->format && !strcmp(cli->format, "json");
	if (app_open_read(cli, &app) < 0) {
		app_close(&app);
		return EXIT_FAIL;
	}
	if (ex.json)
		fputc('[', stdout);
	else
		fputs("id,user,answered_at,mode,bank,question,answer_role,picked,picked_role,"
		      "correct,elapsed_ms,shown_roles,shown_choices\n", stdout);
	/* user 0 is everyone's log */
	rc = store_each_answer(app.store, cli->all ? 0 : app.user_id, export_row, &ex, &err);
	if (ex.json)
		fputs(ex.first ? "]\n" : "\n]\n", stdout);
	if (rc < 0)
		app_fail("%s", err.msg);
	app_close(&app);
	return rc < 0 ? EXIT_FAIL : EXIT_OK;
}
