/*
 * report_verify — 'rolecall report --verify FILE': a certificate (or
 * result slip), text or JSON as rolecall wrote it, against the attempt it
 * names in the database.  The certificate is written again from the
 * database and the two compared line by line, leaving out what is not the
 * attempt's (when it was issued, the local title of a bank), so that a
 * hand edit is named by its line.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "report.h"
#include "rolecall/emit.h"

#define VERIFY_MAX_FILE (64 * 1024)
#define VERIFY_MAX_SHOWN 10

struct lines {
	char **v;
	size_t n;
	char *text; /* owns what v points into */
};

static int read_text(const char *path, char **out)
{
	FILE *f = fopen(path, "rb");
	size_t n;
	char *buf;

	if (!f) {
		app_fail("%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	buf = malloc(VERIFY_MAX_FILE + 1);
	n = buf ? fread(buf, 1, VERIFY_MAX_FILE + 1, f) : 0;
	fclose(f);
	if (!buf || n > VERIFY_MAX_FILE || memchr(buf, '\0', n)) {
		app_fail("%s: %s", path, !buf ? "out of memory" :
			 "is not a rolecall certificate (too big, or not text)");
		free(buf);
		return -1;
	}
	buf[n] = '\0';
	*out = buf;
	return 0;
}

/* What is not the attempt's is left out or cut: the line then compares
 * equal wherever and whenever the certificate was issued. */
static int keep_line(char *line)
{
	static const char changed[] = " (the file has changed since)";
	size_t len = strlen(line), cut = sizeof changed - 1;

	if (!strncmp(line, "Issued by ", 10) || !strncmp(line, " \"issued_", 9))
		return 0;
	if (len > cut && !strcmp(line + len - cut, changed))
		line[len - cut] = '\0';
	/* "Banks:      id  title": the title is the local bank's */
	if ((!strncmp(line, "Banks:", 6) || !strncmp(line, "            ", 12)) &&
	    strncmp(line + 12, "sha256 ", 7) && strlen(line) > 12)
		line[12 + strcspn(line + 12, " ")] = '\0';
	return 1;
}

static int split_lines(char *text, struct lines *ls)
{
	size_t cap = 64;

	ls->text = text;
	ls->n = 0;
	if (!(ls->v = malloc(cap * sizeof *ls->v)))
		return -1;
	for (char *p = text, *end; *p; p = end) {
		end = p + strcspn(p, "\n");
		if (*end)
			*end++ = '\0';
		if (!keep_line(p))
			continue;
		if (ls->n == cap) {
			char **v = realloc(ls->v, (cap *= 2) * sizeof *v);

			if (!v)
				return -1;
			ls->v = v;
		}
		ls->v[ls->n++] = p;
	}
	return 0;
}

static void lines_free(struct lines *ls)
{
	free(ls->v);
	free(ls->text);
}

/* The attempt a certificate names: "Attempt:    12" or ' "attempt": 12,'. */
static int64_t named_attempt(const struct lines *ls, int json)
{
	const char *key = json ? " \"attempt\": " : "Attempt:";
	size_t n = strlen(key);

	for (size_t i = 0; i < ls->n; i++)
		if (!strncmp(ls->v[i], key, n)) {
			char *end;
			long long id = strtoll(ls->v[i] + n, &end, 10);

			return id > 0 && (*end == '\0' || *end == ',') ? id : -1;
		}
	return -1;
}

static char *written_again(const struct report *rp, int64_t id, int json)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int rc;

	if (!f) {
		app_fail("out of memory");
		return NULL;
	}
	rc = report_certificate_of(rp, id, json ? "json" : "text", f);
	if (fclose(f) != 0 && rc == 0) {
		app_fail("out of memory");
		rc = -1;
	}
	if (rc < 0) {
		free(text);
		return NULL;
	}
	return text;
}

static void show_line(FILE *out, const char *who, const char *line)
{
	fprintf(out, "    %s: ", who);
	if (line) {
		putc('\'', out);
		emit_text(out, line);
		fputs("'\n", out);
	} else {
		fputs("(no such line)\n", out);
	}
}

static int compare(const struct lines *file, const struct lines *db, FILE *out)
{
	size_t n = file->n > db->n ? file->n : db->n, shown = 0, differ = 0;

	for (size_t i = 0; i < n; i++) {
		const char *a = i < file->n ? file->v[i] : NULL;
		const char *b = i < db->n ? db->v[i] : NULL;

		if (a && b && !strcmp(a, b))
			continue;
		if (differ++ && shown == VERIFY_MAX_SHOWN)
			continue;
		fprintf(out, "  line %zu differs:\n", i + 1);
		show_line(out, "the certificate says", a);
		show_line(out, "the database says   ", b);
		shown++;
	}
	if (differ > shown)
		fprintf(out, "  and %zu more lines\n", differ - shown);
	return differ ? 1 : 0;
}

int report_verify(const struct report *rp, const char *file)
{
	struct lines mine = { 0 }, theirs = { 0 };
	char *text, *again;
	int64_t id;
	int json, rc = -1;

	if (read_text(file, &text) < 0)
		return -1;
	json = text[strspn(text, " \t\r\n")] == '{';
	if (split_lines(text, &theirs) < 0) {
		app_fail("out of memory");
		goto out;
	}
	if ((id = named_attempt(&theirs, json)) < 0) {
		app_fail("%s is not a rolecall certificate: it names no exam attempt "
			 "(%s)", file, json ? "no \"attempt\" key" : "no 'Attempt:' line");
		goto out;
	}
	if (!(again = written_again(rp, id, json)))
		goto out;
	if (split_lines(again, &mine) < 0) {
		app_fail("out of memory");
		goto out;
	}
	printf("%s against exam attempt %" PRId64 " in %s:\n", file, id,
	       store_path(rp->store));
	rc = compare(&theirs, &mine, stdout);
	puts(rc ? "It does NOT match: the certificate was changed, or is not of this "
		  "database." : "It matches the database.");
out:
	lines_free(&theirs);
	lines_free(&mine);
	return rc;
}
