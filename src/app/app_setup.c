/* Helpers the commands share: messages and loading banks. */
#include "app.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "paths.h"
#include "rolecall/emit.h"

/* Messages quote file names, database paths and values from the command
 * line: through the terminal sanitiser, so none of them can drive it. */
void app_fail(const char *fmt, ...)
{
	char msg[8192];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fputs("rolecall: ", stderr);
	emit_safe(stderr, msg, n < 0 ? 0 : (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1);
	fputc('\n', stderr);
}

int app_need_terminal(const struct options *cli)
{
	if (cli->plain || isatty(STDIN_FILENO))
		return 0;
	app_fail("standard input is not a terminal; use --plain for line mode "
		 "(numbered options, one answer per line)");
	return EXIT_USAGE;
}

int app_check_session(const struct options *cli)
{
	if (app_need_terminal(cli))
		return EXIT_USAGE;
	if (!cli->n_args)
		return 0;
	app_fail("'%s' takes no arguments (got '%s'); use --bank to choose banks",
		 cli->command, cli->args[0]);
	return EXIT_USAGE;
}

static void print_diags(struct diag_list *d)
{
	for (size_t i = 0; i < d->n; i++)
		rc_error_print(&d->items[i], stderr);
	if (d->dropped)
		fprintf(stderr, "rolecall: %zu more errors not shown\n", d->dropped);
	diag_list_free(d);
}

/* A --bank value is a path when it looks like one; otherwise it is a bank
 * id and never becomes a path (no "--bank ../x" traversal). */
static int looks_like_path(const char *s)
{
	size_t n = strlen(s);

	return strchr(s, '/') || (n > 5 && !strcmp(s + n - 5, ".yaml")) ||
	       (n > 4 && !strcmp(s + n - 4, ".yml"));
}

/* A bundled bank that a bank given by file replaces (loaded first, so
 * it is the one kept): said on stderr, unless the file is that bank. */
static int load_bundled(struct catalog *cat, const char *path, struct diag_list *d)
{
	const struct bank *kept = NULL;
	char *a, *b;
	int rc = catalog_load_file_yielding(cat, path, d, &kept);

	if (rc != 1 || !kept)
		return rc < 0 ? -1 : 0;
	a = realpath(path, NULL);
	b = realpath(kept->path, NULL);
	if (!a || !b || strcmp(a, b))
		app_fail("%s replaces the bundled bank '%s' (%s)", kept->path, kept->id, path);
	free(a);
	free(b);
	return 0;
}

/* A folder the user named must hold banks: an empty one is a wrong path,
 * and taking it for "every bundled bank" would hide that. */
static int load_path(struct catalog *cat, const char *path, int user_given,
		     struct diag_list *d)
{
	struct rc_error err;
	char **files;
	int n, rc = 0;

	if (!paths_is_dir(path))
		return user_given ? catalog_load_file(cat, path, d) : load_bundled(cat, path, d);
	if ((n = paths_list_banks(path, &files, &err)) < 0) {
		app_fail("%s", err.msg);
		return -1;
	}
	if (n == 0 && user_given) {
		diag_add(d, path, 0, 0, "no bank files (*.yaml, *.yml) in this folder; "
			 "give --bank a bank file or a folder of them");
		rc = -1;
	}
	for (int i = 0; i < n; i++)
		if ((user_given ? catalog_load_file(cat, files[i], d) :
		     load_bundled(cat, files[i], d)) < 0)
			rc = -1;
	paths_free_list(files, n);
	return rc;
}

/* Add b to sel unless it is there: "--bank ID --bank FILE" may name one
 * bank twice when FILE replaced the bundled ID. */
static void select_once(const struct bank **sel, size_t *n, const struct bank *b)
{
	for (size_t i = 0; i < *n; i++)
		if (sel[i] == b)
			return;
	sel[(*n)++] = b;
}

static int select_banks(const struct options *cli, struct catalog *cat, size_t n_user,
			const struct bank ***selected, size_t *n_selected)
{
	const struct bank **sel = calloc(catalog_bank_count(cat) + 1, sizeof *sel);
	size_t n = 0;

	if (!sel)
		return -1;
	for (int i = 0; i < cli->n_banks; i++) {
		const struct bank *b;

		if (looks_like_path(cli->banks[i]))
			continue;
		if (!(b = catalog_find_bank(cat, cli->banks[i]))) {
			app_fail("no bank with id '%s'; 'rolecall check' lists the banks",
				 cli->banks[i]);
			free(sel);
			return -1;
		}
		select_once(sel, &n, b);
	}
	/* Banks loaded from paths the user gave (first) are chosen too. */
	for (size_t i = 0; i < n_user; i++)
		select_once(sel, &n, catalog_bank(cat, i));
	if (n == 0)
		for (size_t i = 0; i < catalog_bank_count(cat); i++)
			sel[n++] = catalog_bank(cat, i);
	*selected = sel;
	*n_selected = n;
	return 0;
}

struct catalog *app_load_banks(const struct options *cli, const struct bank ***selected,
			       size_t *n_selected)
{
	struct catalog *cat = catalog_new();
	/* Commands that record or compare which version of a bank was used
	 * (exam attempts, trivia games, their reports, and the menu that
	 * starts them) need each file's SHA-256; practice does not pay for it. */
	static const char *const hashing[] = { "exam", "trivia", "report", "menu", NULL };
	struct diag_list d;
	struct rc_error err;
	char dir[4096];
	size_t n_user;
	int rc;

	if (!cat) {
		app_fail("out of memory");
		return NULL;
	}
	for (int i = 0; hashing[i]; i++)
		if (cli->command && !strcmp(cli->command, hashing[i]))
			catalog_want_sha256(cat, 1);
	diag_list_init(&d, BANK_MAX_ERRORS);
	if (paths_quizzes_dir(dir, sizeof dir, &err) < 0) {
		app_fail("%s", err.msg);
		catalog_free(cat);
		return NULL;
	}
	/* Files first: a bundled bank of the same id then yields to them. */
	rc = 0;
	for (int i = 0; i < cli->n_banks; i++)
		if (looks_like_path(cli->banks[i]) && load_path(cat, cli->banks[i], 1, &d) < 0)
			rc = -1;
	n_user = catalog_bank_count(cat);
	if (load_path(cat, dir, 0, &d) < 0)
		rc = -1;
	if (rc < 0 || d.n) {
		print_diags(&d);
		catalog_free(cat);
		return NULL;
	}
	diag_list_free(&d);
	if (select_banks(cli, cat, n_user, selected, n_selected) < 0) {
		catalog_free(cat);
		return NULL;
	}
	return cat;
}
