/* rolecall check: validate banks without starting a session. */
#ifndef _XOPEN_SOURCE /* ncursesw's flags may set it already */
#define _XOPEN_SOURCE 700 /* wcwidth, to put the caret under wide characters */
#endif

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#include "app.h"
#include "commands.h"
#include "paths.h"
#include "rolecall/diag.h"
#include "rolecall/emit.h"

/* Lines longer than this are shown cut around the column. */
#define ECHO_MAX 200

/* A bank file, read once to echo the lines its errors point at. */
struct source {
	char *data;
	size_t len;
};

/* Best effort: without the text, errors are printed without their line.
 * Only a regular file is read, so a FIFO cannot make this block. */
static void source_read(struct source *src, const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	size_t got = 0;

	src->data = NULL;
	src->len = 0;
	if (fd < 0)
		return;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (uintmax_t)st.st_size > BANK_MAX_FILE ||
	    !(src->data = malloc((size_t)st.st_size))) {
		close(fd);
		return;
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, src->data + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	src->len = got;
}

/* Line `line` (1-based) as [*start, *stop); 0 when the file is shorter.
 * Positions do not count a byte-order mark. */
static int find_line(const struct source *src, int line, const char **start,
		     const char **stop)
{
	const char *s = src->data, *end = src->data + src->len;

	if (src->len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		s += 3;
	for (int l = 1; l < line; s++) {
		size_t n;

		if (s >= end)
			return 0;
		if ((n = diag_break_len(s, end))) {
			l++;
			s += n - 1;
		}
	}
	*start = s;
	while (s < end && !diag_break_len(s, end))
		s++;
	*stop = s;
	return 1;
}

/* Terminal cells [s, end) takes as emit_safe writes it. */
static size_t cells(const char *s, const char *end)
{
	size_t w = 0;

	while (s < end) {
		long cp;
		size_t n = emit_utf8_next(s, (size_t)(end - s), &cp);
		int cw = cp < 0 || emit_unsafe_char(cp) ? 1 : wcwidth((wchar_t)cp);

		w += cw < 0 ? 1 : (size_t)cw;
		s += n;
	}
	return w;
}

/* The byte where 1-based character column `col` starts (libyaml counts
 * columns in characters), or stop when the line is shorter. */
static const char *column_at(const char *s, const char *stop, int col)
{
	long cp;

	for (int c = 1; c < col && s < stop; c++)
		s += emit_utf8_next(s, (size_t)(stop - s), &cp);
	return s;
}

/* Echo the line an error points at, cut to ECHO_MAX bytes around the
 * column, and a caret under the column. */
static void print_context(const struct rc_error *e, const struct source *src)
{
	const char *start, *stop, *at, *a, *b;

	if (!src || !src->data || e->line <= 0 ||
	    !find_line(src, e->line, &start, &stop))
		return;
	at = column_at(start, stop, e->col > 0 ? e->col : 1);
	a = start;
	b = stop;
	if (b - a > ECHO_MAX) {
		a = at - start > ECHO_MAX / 2 ? at - ECHO_MAX / 2 : start;
		b = stop - a > ECHO_MAX ? a + ECHO_MAX : stop;
		if (b == stop)
			a = stop - ECHO_MAX;
		/* Cut between characters, not inside one. */
		while (a < at && ((unsigned char)*a & 0xC0) == 0x80)
			a++;
		while (b > at && b < stop && ((unsigned char)*b & 0xC0) == 0x80)
			b--;
	}
	fputs("    ", stderr);
	if (a > start)
		fputs("...", stderr);
	emit_safe(stderr, a, (size_t)(b - a));
	if (b < stop)
		fputs("...", stderr);
	fprintf(stderr, "\n    %*s^\n", (int)(cells(a, at) + (a > start ? 3 : 0)), "");
}

/* Print one error, "FILE:LINE:COL: error: MSG" exactly (tests match it),
 * then the line it points at with a caret under the column.  Both go
 * through emit_safe: the file, and so its name and the values quoted in
 * messages, may be hostile and must not drive the terminal. */
static void print_error(const struct rc_error *e, const struct source *src)
{
	char buf[RC_ERROR_FILE_MAX + RC_ERROR_MSG_MAX + 64];

	rc_error_format(e, buf, sizeof buf);
	emit_safe(stderr, buf, strlen(buf));
	putc('\n', stderr);
	print_context(e, src);
}

static void print_dropped(const struct diag_list *d, const char *path)
{
	if (!d->dropped)
		return;
	emit_safe(stderr, path, strlen(path));
	fprintf(stderr, ": error: %zu more errors not shown\n", d->dropped);
}

/* Load one file; its errors go to stderr (or to the JSON report). */
static int check_file(struct catalog *cat, const char *path, int json, int *first_err)
{
	struct diag_list d;
	struct source src = { NULL, 0 };
	int rc;

	diag_list_init(&d, BANK_MAX_ERRORS);
	rc = catalog_load_file(cat, path, &d);
	if (!json && d.n)
		source_read(&src, path);
	for (size_t i = 0; i < d.n; i++) {
		if (!json) {
			print_error(&d.items[i], strcmp(d.items[i].file, path) ? NULL : &src);
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
	free(src.data);
	diag_list_free(&d);
	return rc;
}

static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
}

/* The path is a file name from a folder someone shared: sanitised too. */
static void print_bank_text(const struct bank *b)
{
	emit_safe(stdout, b->path, strlen(b->path));
	printf(": ok: bank '%s', %zu question%s, %u role%s, %u contrast%s\n", b->id, b->n_questions, plural(b->n_questions), b->n_roles,
	       plural(b->n_roles), b->n_contrasts, plural(b->n_contrasts));
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
static int collect(const struct options *cli, char ***files)
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
				app_fail("%s", err.msg);
				goto fail;
			}
			arg = dir;
		}
		if (paths_is_dir(arg)) {
			if ((k = paths_list_banks(arg, &list, &err)) < 0) {
				app_fail("%s", err.msg);
				goto fail;
			}
		} else {
			k = 1;
			list = malloc(sizeof *list);
			if (!list || !(list[0] = strdup(arg))) {
				free(list);
				goto oom;
			}
		}
		char **bigger = realloc(out, (size_t)(n + k + 1) * sizeof *out);

		if (!bigger) {
			paths_free_list(list, k);
			goto oom;
		}
		out = bigger;
		/* An empty folder gives no list at all: memcpy from NULL is undefined. */
		if (k)
			memcpy(out + n, list, (size_t)k * sizeof *list);
		n += k;
		free(list);
	}
	*files = out;
	return n;
oom:
	app_fail("out of memory");
fail:
	paths_free_list(out, n);
	return -1;
}

int cmd_check(const struct options *cli)
{
	struct catalog *cat = catalog_new();
	char **files = NULL;
	int n, failed = 0, first = 1;
	size_t questions;

	if (!cat) {
		app_fail("out of memory");
		return EXIT_FAIL;
	}
	if ((n = collect(cli, &files)) < 0) {
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
			fprintf(stderr, "%d of %d bank file%s %s errors\n", failed, n,
				plural((size_t)n), failed == 1 ? "has" : "have");
		else if (n)
			printf("%d bank%s, %zu question%s: all valid\n", n, plural((size_t)n),
			       questions, plural(questions));
	}
	paths_free_list(files, n);
	catalog_free(cat);
	return failed || n == 0 ? EXIT_FAIL : EXIT_OK;
}
