/* rolecall check: validate banks without starting a session. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "paths.h"
#include "rolecall/emit.h"

struct checked {
	const char *path;
	int ok;
};

/* Print one error and the line it points at, with a caret under the
 * column.  Control characters in the echoed line are shown as '?': the
 * file may be hostile and must not drive the terminal. */
static void print_error(const struct rc_error *e)
{
	rc_error_print(e, stderr);
}

static void print_dropped(const struct diag_list *d, const char *path)
{
	if (d->dropped)
		fprintf(stderr, "%s: error: %zu more errors not shown\n", path, d->dropped);
}

/* Load one file; its errors go to stderr (or to the JSON report). */
static int check_file(struct catalog *cat, const char *path, int json, int *first_err)
{
	struct diag_list d;
	int rc;

	diag_list_init(&d, BANK_MAX_ERRORS);
	rc = catalog_load_file(cat, path, &d);
	for (size_t i = 0; i < d.n; i++) {
		if (!json) {
			print_error(&d.items[i]);
			continue;
		}
		fputs(*first_err ? "\n    {\"file\": " : ",\n    {\"file\": ", stdout);
		*first_err = 0;
		emit_json_string(stdout, d.items[i].file);
		printf(", \"line\": %d, \"column\": %d, \"message\": ", d.items[i].line,
		       d.items[i].col);
		emit_json_string(stdout, d.items[i].msg);
		fputs("}", stdout);
	}
	if (!json)
		print_dropped(&d, path);
	diag_list_free(&d);
	return rc;
}

static void print_bank_text(const struct bank *b)
{
	printf("%s: ok: bank '%s', %zu questions, %u roles, %u contrasts\n", b->path,
	       b->id, b->n_questions, b->n_roles, b->n_contrasts);
}

static void print_bank_json(const struct bank *b, int first)
{
	fputs(first ? "\n    {\"file\": " : ",\n    {\"file\": ", stdout);
	emit_json_string(stdout, b->path);
	fputs(", \"bank\": ", stdout);
	emit_json_string(stdout, b->id);
	fputs(", \"title\": ", stdout);
	emit_json_string(stdout, b->title);
	printf(", \"questions\": %zu, \"roles\": %u, \"contrasts\": %u}", b->n_questions,
	       b->n_roles, b->n_contrasts);
}

/* Expand folders into their bank files, in order. */
static int collect(const struct cli *cli, char ***files)
{
	char dir[4096], **out = NULL;
	int n = 0;
	struct rc_error err;

	for (int i = 0; i <= cli->n_args; i++) {
		const char *arg = i < cli->n_args ? cli->args[i] : NULL;
		char **list;
		int k;

		if (!arg && cli->n_args)
			break;
		if (!arg) {
			if (paths_quizzes_dir(dir, sizeof dir, &err) < 0) {
				cli_fail("%s", err.msg);
				goto fail;
			}
			arg = dir;
		}
		if (paths_is_dir(arg)) {
			if ((k = paths_list_banks(arg, &list, &err)) < 0) {
				cli_fail("%s", err.msg);
				goto fail;
			}
		} else {
			k = 1;
			list = malloc(sizeof *list);
			if (!list || !(list[0] = strdup(arg))) {
				free(list);
				goto fail;
			}
		}
		char **bigger = realloc(out, (size_t)(n + k + 1) * sizeof *out);

		if (!bigger) {
			paths_free_list(list, k);
			goto fail;
		}
		out = bigger;
		memcpy(out + n, list, (size_t)k * sizeof *list);
		n += k;
		free(list);
	}
	*files = out;
	return n;
fail:
	paths_free_list(out, n);
	return -1;
}

int cmd_check(const struct cli *cli)
{
	struct catalog *cat = catalog_new();
	char **files = NULL;
	int n, failed = 0, first = 1;
	size_t questions;

	if (!cat || (n = collect(cli, &files)) < 0) {
		catalog_free(cat);
		return EXIT_FAIL;
	}
	if (cli->json)
		fputs("{\n  \"errors\": [", stdout);
	for (int i = 0; i < n; i++)
		if (check_file(cat, files[i], cli->json, &first) < 0)
			failed++;
	if (n == 0 && !cli->json)
		fprintf(stderr, "rolecall: no bank files (*.yaml, *.yml) found\n");
	questions = catalog_question_count(cat);
	if (cli->json) {
		fputs(first ? "],\n  \"banks\": [" : "\n  ],\n  \"banks\": [", stdout);
		for (size_t i = 0; i < catalog_bank_count(cat); i++)
			print_bank_json(catalog_bank(cat, i), i == 0);
		printf("%s],\n  \"valid\": %s,\n  \"questions\": %zu\n}\n",
		       catalog_bank_count(cat) ? "\n  " : "",
		       failed || n == 0 ? "false" : "true", questions);
	} else {
		for (size_t i = 0; i < catalog_bank_count(cat); i++)
			print_bank_text(catalog_bank(cat, i));
		if (failed)
			fprintf(stderr, "%d of %d bank files have errors\n", failed, n);
		else if (n)
			printf("%d banks, %zu questions: all valid\n", n, questions);
	}
	paths_free_list(files, n);
	catalog_free(cat);
	return failed || n == 0 ? EXIT_FAIL : EXIT_OK;
}
