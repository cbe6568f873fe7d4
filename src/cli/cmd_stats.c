/* rolecall stats: what the store knows about a profile, for people (text,
 * or the UI's Stats screen in a terminal) and for programs (--format json
 * or csv).  The raw log is rolecall export's (cmd_export.c). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "commands.h"
#include "rolecall/emit.h"
#include "rolecall/engine.h"
#include "rolecall/explain.h"
#include "rolecall/stats.h"
#include "ui.h"

static void text_roles(const struct app *app, FILE *out)
{
	const struct history *h = app->h;

	fputs("\nPer role                        right / asked\n", out);
	for (unsigned i = 0; i < history_role_count(h); i++) {
		const struct role_tally *t = history_role_tally(h, i);
		unsigned p = stats_percent(t->correct, t->asked), bar = (p + 5) / 10;

		if (!t->asked)
			continue;
		fputs("  ", out);
		emit_cell(out, explain_history_role(app->cat, h, i), 28, 0);
		fprintf(out, " %5u / %-5u %3u%%  ", t->correct, t->asked, p);
		for (unsigned k = 0; k < 10; k++)
			fputs(k < bar ? "#" : ".", out);
		fputc('\n', out);
	}
}

static void text_matrix(const struct app *app, FILE *out)
{
	const struct history *h = app->h;
	unsigned n = history_role_count(h);

	fputs("\nConfusions (rows: the right answer; columns: what you picked; "
	      "picks/chances)\n  ", out);
	fprintf(out, "%-10s", "");
	for (unsigned p = 0; p < n; p++) {
		putc(' ', out);
		emit_cell(out, history_role_id(h, p), 9, 1);
	}
	fputc('\n', out);
	for (unsigned a = 0; a < n; a++) {
		fputs("  ", out);
		emit_cell(out, history_role_id(h, a), 10, 0);
		for (unsigned p = 0; p < n; p++) {
			const struct confusion_cell *c = history_confusion(h, a, p);
			char cellbuf[32];

			if (a == p)
				snprintf(cellbuf, sizeof cellbuf, "-");
			else if (!c->chances)
				snprintf(cellbuf, sizeof cellbuf, "?");
			else
				snprintf(cellbuf, sizeof cellbuf, "%u/%u", c->count, c->chances);
			fprintf(out, " %9s", cellbuf);
		}
		fputc('\n', out);
	}
	fputs("  (? = never offered side by side, so unknown)\n", out);
}

static void text_top_pairs(const struct app *app, FILE *out)
{
	const struct history *h = app->h;
	struct stats_pair top[STATS_TOP_PAIRS];
	unsigned k = stats_top_pairs(h, top, STATS_TOP_PAIRS);

	if (k)
		fputs("\nMost confused\n", out);
	for (unsigned i = 0; i < k; i++) {
		const struct confusion_cell *c = history_confusion(h, top[i].answer, top[i].picked);
		char line[EXPLAIN_MAX];

		explain_confusion(line, sizeof line, "You",
				  explain_history_role(app->cat, h, top[i].picked),
				  explain_history_role(app->cat, h, top[i].answer),
				  c->count, c->chances);
		fputs("  ", out);
		emit_text(out, line);
		fputs(".\n", out);
	}
}

static void print_text(const struct app *app, const struct stats_due *st, FILE *out)
{
	uint64_t n = history_answers(app->h), c = history_correct(app->h);

	emit_text(out, app->user);
	fprintf(out, ": %" PRIu64 " answers, %" PRIu64 " right (%u%%)\n", n, c,
		stats_percent(c, n));
	if (!n) {
		fputs("No answers yet: start with 'rolecall practice'.\n", out);
		return;
	}
	text_roles(app, out);
	text_matrix(app, out);
	text_top_pairs(app, out);
	if (st->n_leech)
		fputs("\nLeeches (missed 6 or more times; hard, or badly worded?)\n", out);
	for (unsigned i = 0; i < st->n_leech; i++) {
		const struct bank_question *q = catalog_find_question(app->cat, st->leech[i]->id);

		fputs("  ", out);
		emit_text(out, st->leech[i]->id);
		fprintf(out, " (%u misses): ", st->leech[i]->wrong);
		emit_clipped(out, q ? q->prompt : "", 60);
		putc('\n', out);
	}
	fprintf(out, "\nDue for review now: %u of %u questions seen.\n", st->due, st->seen);
}

static void print_json(const struct app *app, const struct stats_due *st, FILE *out)
{
	const struct history *h = app->h;
	unsigned n = history_role_count(h);
	int first = 1;

	fputs("{\"user\": ", out);
	emit_json_string(out, app->user);
	fprintf(out, ", \"answers\": %" PRIu64 ", \"correct\": %" PRIu64
		", \"seen\": %u, \"due\": %u,\n \"roles\": [", history_answers(h),
		history_correct(h), st->seen, st->due);
	for (unsigned i = 0; i < n; i++) {
		const struct role_tally *t = history_role_tally(h, i);

		fputs(i ? ",\n  {\"id\": " : "\n  {\"id\": ", out);
		emit_json_string(out, history_role_id(h, i));
		fputs(", \"name\": ", out);
		emit_json_string(out, explain_history_role(app->cat, h, i));
		fprintf(out, ", \"asked\": %u, \"correct\": %u}", t->asked, t->correct);
	}
	fputs("],\n \"confusions\": [", out);
	for (unsigned a = 0; a < n; a++)
		for (unsigned p = 0; p < n; p++) {
			const struct confusion_cell *c = history_confusion(h, a, p);

			if (a == p || !c->chances)
				continue;
			fputs(first ? "\n  {\"answer\": " : ",\n  {\"answer\": ", out);
			first = 0;
			emit_json_string(out, history_role_id(h, a));
			fputs(", \"picked\": ", out);
			emit_json_string(out, history_role_id(h, p));
			fprintf(out, ", \"count\": %u, \"chances\": %u}", c->count, c->chances);
		}
	fputs("],\n \"leeches\": [", out);
	for (unsigned i = 0; i < st->n_leech; i++) {
		fputs(i ? ", {\"id\": " : "{\"id\": ", out);
		emit_json_string(out, st->leech[i]->id);
		fprintf(out, ", \"misses\": %u}", st->leech[i]->wrong);
	}
	fputs("]}\n", out);
}

static void print_csv(const struct app *app, FILE *out)
{
	const struct history *h = app->h;
	unsigned n = history_role_count(h);

	fputs("record,role,picked,count,total\n", out);
	for (unsigned i = 0; i < n; i++) {
		const struct role_tally *t = history_role_tally(h, i);

		fputs("role,", out);
		emit_csv_field(out, history_role_id(h, i));
		fprintf(out, ",,%u,%u\n", t->correct, t->asked);
	}
	for (unsigned a = 0; a < n; a++)
		for (unsigned p = 0; p < n; p++) {
			const struct confusion_cell *c = history_confusion(h, a, p);

			if (a == p || !c->chances)
				continue;
			fputs("confusion,", out);
			emit_csv_field(out, history_role_id(h, a));
			fputc(',', out);
			emit_csv_field(out, history_role_id(h, p));
			fprintf(out, ",%u,%u\n", c->count, c->chances);
		}
}

static int rebuild(struct app *app)
{
	struct rc_error err;
	struct history *fresh = history_new();

	if (!fresh) {
		app_fail("out of memory");
		return -1;
	}
	if (store_rebuild(app->store, HISTORY_SLOW_MS, &err) < 0 ||
	    store_load_history(app->store, app->user_id, fresh, &err) < 0) {
		history_free(fresh);
		app_fail("%s", err.msg);
		return -1;
	}
	history_free(app->h);
	app->h = fresh;
	return 0;
}

int cmd_stats(const struct options *cli)
{
	struct app app;
	struct stats_due st;
	struct options line;
	const char *fmt = cli->format ? cli->format : "text";

	if (cli->n_args) {
		app_fail("'stats' takes no arguments (got '%s')", cli->args[0]);
		return EXIT_USAGE;
	}
	if ((cli->rebuild ? app_open : app_open_read)(cli, &app) < 0 ||
	    (cli->rebuild && rebuild(&app) < 0)) {
		app_close(&app);
		return EXIT_FAIL;
	}
	if (!cli->format && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) &&
	    !cmd_line_mode_instead(cli, 1, &line) && !cli->plain) {
		/* A rebuild is in the database by now; the UI opens it afresh. */
		app_close(&app);
		return ui_main(cli, UI_START_STATS);
	}
	stats_due(app.h, app.cat, app_now(), &st);
	if (!strcmp(fmt, "json"))
		print_json(&app, &st, stdout);
	else if (!strcmp(fmt, "csv"))
		print_csv(&app, stdout);
	else
		print_text(&app, &st, stdout);
	app_close(&app);
	return EXIT_OK;
}
