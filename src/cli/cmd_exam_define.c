/*
 * rolecall exam define FILE.yaml and rolecall exam list: a manager's exams.
 * A definition is stored with the versions (SHA-256) of its banks and the
 * answer to every question in them, so that a shared database can score
 * an attempt itself (doc/teams.md).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "commands.h"
#include "rolecall/emit.h"
#include "rolecall/engine.h"
#include "rolecall/exam.h"

static int define_banks(struct app *app, const char *file, const struct exam_def *d,
			const struct bank **banks)
{
	for (size_t i = 0; i < d->n_banks; i++)
		if (!(banks[i] = catalog_find_bank(app->cat, d->bank_ids[i]))) {
			app_fail("%s: the bank '%s' is not among the banks here; give its "
				 "file with --bank", file, d->bank_ids[i]);
			return -1;
		}
	return 0;
}

/* The draw must be possible: the engine says so as it would to a candidate. */
static int define_check_draw(struct app *app, const char *file, const struct exam_def *d,
			     const struct bank **banks)
{
	struct exam_config cfg = { 0 };
	struct exam *e = NULL;
	struct rc_error err;

	cfg.banks = banks;
	cfg.n_banks = d->n_banks;
	cfg.count = d->count;
	cfg.pass = d->pass_mark;
	cfg.pass_given = 1;
	cfg.time_limit = d->time_limit;
	cfg.seed = 1;
	cfg.now = app_now();
	if (exam_new(app->cat, &cfg, &e, &err) < 0) {
		app_fail("%s: %s", file, err.msg);
		return -1;
	}
	exam_free(e);
	return 0;
}

/* The answer to every question of the banks: the server's scoring key. */
static struct exam_key *define_keys(const struct bank *const *banks, size_t n_banks,
				    size_t *n)
{
	struct exam_key *keys;
	size_t total = 0, k = 0;

	for (size_t i = 0; i < n_banks; i++)
		total += banks[i]->n_questions;
	if (!(keys = calloc(total ? total : 1, sizeof *keys)))
		return NULL;
	for (size_t i = 0; i < n_banks; i++)
		for (size_t q = 0; q < banks[i]->n_questions; q++, k++) {
			const struct bank_question *bq = &banks[i]->questions[q];

			keys[k].bank_id = banks[i]->id;
			keys[k].question_id = bq->id;
			keys[k].answer_choice = bq->correct;
			keys[k].n_choices = bq->n_choices;
		}
	*n = total;
	return keys;
}

static void print_rules(FILE *out, const struct exam_def *d)
{
	fprintf(out, "%u questions, pass mark %u%%, ", d->count, d->pass_mark);
	if (d->time_limit)
		fprintf(out, "%u minutes, ", d->time_limit / 60);
	else
		fputs("no time limit, ", out);
	if (d->attempts)
		fprintf(out, "%u attempt%s each", d->attempts, d->attempts == 1 ? "" : "s");
	else
		fputs("any number of attempts", out);
}

static int define_store(struct app *app, const char *file, struct exam_def *d)
{
	const struct bank *banks[EXAM_DEF_MAX_BANKS];
	struct exam_key *keys;
	struct rc_error err;
	size_t n;
	int rc;

	if (define_banks(app, file, d, banks) < 0 ||
	    define_check_draw(app, file, d, banks) < 0)
		return -1;
	d->defined_at = app_now();
	if (!(d->defined_by = strdup(app->user)) ||
	    !(d->banks = bank_versions_text(banks, d->n_banks)) ||
	    !(keys = define_keys(banks, d->n_banks, &n))) {
		app_fail("out of memory");
		return -1;
	}
	rc = store_exam_define(app->store, d, keys, n, &err);
	free(keys);
	if (rc < 0)
		app_fail("%s", err.msg);
	return rc;
}

int cmd_exam_define(const struct options *cli)
{
	struct exam_def *d;
	struct diag_list diags;
	struct app app;
	int rc = EXIT_FAIL;

	if (cli->n_args != 2) {
		app_fail("'exam define' takes one definition file, as in 'rolecall exam "
			 "define onboarding.yaml' (doc/teams.md shows one)");
		return EXIT_USAGE;
	}
	diag_list_init(&diags, BANK_MAX_ERRORS);
	if (exam_def_load(cli->args[1], &d, &diags) < 0) {
		for (size_t i = 0; i < diags.n; i++)
			rc_error_print(&diags.items[i], stderr);
		diag_list_free(&diags);
		return EXIT_FAIL;
	}
	diag_list_free(&diags);
	/* the manager defines an exam, not a profile: no 'not taken' for them */
	if (app_open_unprofiled(cli, &app) == 0 && define_store(&app, cli->args[1], d) == 0) {
		printf("rolecall: exam %s is defined: ", d->id);
		print_rules(stdout, d);
		printf("; candidates take it with 'rolecall exam %s'\n", d->id);
		rc = EXIT_OK;
	}
	exam_def_free(d);
	app_close(&app);
	return rc;
}

static int list_one(void *ctx, const struct exam_def *d)
{
	unsigned *n = ctx;

	if (!(*n)++)
		puts("Exams defined here (take one with 'rolecall exam ID'):");
	printf("  %-20s ", d->id);
	emit_text(stdout, d->title);
	fputs("\n  ", stdout);
	printf("%-20s ", "");
	print_rules(stdout, d);
	putchar('\n');
	return 0;
}

int cmd_exam_list(const struct options *cli)
{
	struct rc_error err;
	struct app app;
	unsigned n = 0;
	int rc = EXIT_FAIL;

	if (cli->n_args != 1) {
		app_fail("'exam list' takes no arguments");
		return EXIT_USAGE;
	}
	if (app_open_read(cli, &app) == 0) {
		if (store_each_exam_def(app.store, list_one, &n, &err) < 0) {
			app_fail("%s", err.msg);
		} else {
			if (!n)
				printf("No exams are defined in %s; a manager defines one with "
				       "'rolecall exam define FILE.yaml'.\n", store_path(app.store));
			rc = EXIT_OK;
		}
	}
	app_close(&app);
	return rc;
}
