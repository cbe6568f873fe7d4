/*
 * rolecall bank export|import: a bank to and from the formats a learning
 * management system reads (src/interchange/ does the formats).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "commands.h"
#include "ix.h"

/* The whole of a file, NUL-terminated; NULL after saying why. */
static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t got = 0, cap = 0;

	if (!f) {
		app_fail("cannot read '%s': %s", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		char *bigger;

		if (got == cap) {
			cap = cap ? 2 * cap : 64 * 1024;
			if (cap > BANK_MAX_FILE + 1 || !(bigger = realloc(buf, cap + 1))) {
				app_fail(cap > BANK_MAX_FILE + 1 ? "'%s' is larger than 64 MiB" :
					 "out of memory (reading '%s')", path);
				goto fail;
			}
			buf = bigger;
		}
		size_t n = fread(buf + got, 1, cap - got, f);

		got += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		app_fail("cannot read '%s': %s", path, strerror(errno));
		goto fail;
	}
	fclose(f);
	buf[got] = '\0';
	*len = got;
	return buf;
fail:
	fclose(f);
	free(buf);
	return NULL;
}

/* fn(out, what) into -o FILE, else standard output (whose errors main
 * reports): 0, or -1 after saying why.  A write may fail while fn runs
 * (a full buffer flushed) or only at fclose: the same message. */
static int write_output(const struct options *cli, int (*fn)(FILE *, const void *),
			const void *what)
{
	FILE *f;
	int rc, err;

	if (!cli->output)
		return fn(stdout, what);
	if (!(f = fopen(cli->output, "w"))) {
		app_fail("cannot write '%s': %s", cli->output, strerror(errno));
		return -1;
	}
	rc = fn(f, what);
	err = errno; /* fclose must not hide why the write failed */
	if (fclose(f) == EOF && rc == 0) {
		rc = -1;
		err = errno;
	}
	if (rc < 0)
		app_fail("cannot write '%s': %s", cli->output, strerror(err));
	return rc;
}

struct export {
	const char *format;
	const struct catalog *cat;
	const struct bank *bank;
};

static int write_export(FILE *out, const void *what)
{
	const struct export *e = what;

	return !strcmp(e->format, "gift") ? ix_write_gift(out, e->cat, e->bank) :
		ix_write_moodle_xml(out, e->cat, e->bank);
}

static int write_yaml(FILE *out, const void *b)
{
	return ix_write_yaml(out, b);
}

static int bank_export(const struct options *cli, const char *what)
{
	struct options one = *cli;
	const struct bank **sel = NULL;
	size_t n_sel = 0;
	struct catalog *cat;
	int rc;

	one.banks = &what;
	one.n_banks = 1;
	if (!(cat = app_load_banks(&one, &sel, &n_sel)))
		return EXIT_FAIL;
	rc = write_output(cli, write_export, &(struct export){ cli->format, cat, sel[0] });
	free(sel);
	catalog_free(cat);
	return rc < 0 ? EXIT_FAIL : EXIT_OK;
}

/* "questions-gift-txt" as "questions": the extensions say nothing. */
static void strip_extensions(char *id)
{
	static const char *const ext[] = { "-gift", "-txt", "-aiken", "-csv", NULL };

	for (int i = 0; ext[i]; i++) {
		size_t n = strlen(id), k = strlen(ext[i]);

		if (n > k && !strcmp(id + n - k, ext[i])) {
			id[n - k] = '\0';
			i = -1; /* and look again for one before it */
		}
	}
}

/* The bank's id and title, when the file did not give them: from its name. */
static int name_bank(struct ix_bank *b, const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char id[80], title[300];

	if (!b->id || !bank_id_valid(b->id, strlen(b->id))) {
		ix_make_id(base, id, sizeof id);
		strip_extensions(id);
		b->id = ix_strdup(b, *id ? id : "imported");
	}
	if (!b->title) {
		snprintf(title, sizeof title, "Imported from %s", base);
		b->title = ix_strdup(b, title);
	}
	return b->id && b->title ? 0 : -1;
}

static struct ix_role_map *read_role_map(const char *path)
{
	struct diag_list d;
	struct ix_role_map *m;
	size_t len;
	char *text = read_all(path, &len);

	if (!text)
		return NULL;
	diag_list_init(&d, BANK_MAX_ERRORS);
	m = ix_role_map_parse(path, text, len, &d);
	for (size_t i = 0; i < d.n; i++)
		rc_error_print(&d.items[i], stderr);
	diag_list_free(&d);
	free(text);
	return m;
}

/* What was read, written as a bank; 1 when something was reported. */
static int write_imported(const struct options *cli, struct ix_bank *b, const char *path,
			  size_t reported)
{
	if (!b->n_questions) {
		app_fail("%s: no question could be imported; no bank written", path);
		return EXIT_FAIL;
	}
	if (b->n_roles < 2) {
		app_fail("%s: the imported questions name %u role%s, and a bank needs at least "
			 "2; no bank written (map answers to roles with --roles FILE)", path,
			 b->n_roles, b->n_roles == 1 ? "" : "s");
		return EXIT_FAIL;
	}
	if (name_bank(b, path) < 0) {
		app_fail("out of memory");
		return EXIT_FAIL;
	}
	if (write_output(cli, write_yaml, b) < 0)
		return EXIT_FAIL;
	fprintf(stderr, "rolecall: %s: %zu question%s imported, %u roles", path, b->n_questions,
		b->n_questions == 1 ? "" : "s", b->n_roles);
	if (reported)
		fprintf(stderr, "; %zu problem%s reported above", reported,
			reported == 1 ? "" : "s");
	fputc('\n', stderr);
	return reported ? EXIT_FAIL : EXIT_OK;
}

static int bank_import(const struct options *cli, const char *path)
{
	struct ix_role_map *map = NULL;
	struct ix_bank *b = NULL;
	struct diag_list d;
	size_t len, reported;
	char *text = NULL;
	int rc = EXIT_FAIL;
	int (*reader)(struct ix_bank *, const char *, const char *, size_t,
		    const struct ix_role_map *, struct diag_list *) =
		!strcmp(cli->format, "gift") ? ix_read_gift :
		!strcmp(cli->format, "aiken") ? ix_read_aiken : ix_read_csv;

	diag_list_init(&d, BANK_MAX_ERRORS);
	if ((cli->roles && !(map = read_role_map(cli->roles))) ||
	    !(text = read_all(path, &len)))
		goto done;
	if (!(b = ix_bank_new()) || reader(b, path, text, len, map, &d) < 0) {
		app_fail("out of memory");
		goto done;
	}
	for (size_t i = 0; i < d.n; i++)
		rc_error_print(&d.items[i], stderr);
	reported = d.n + d.dropped;
	if (d.dropped)
		fprintf(stderr, "rolecall: %zu more problems not shown\n", d.dropped);
	rc = write_imported(cli, b, path, reported);
done:
	diag_list_free(&d);
	ix_bank_free(b);
	ix_role_map_free(map);
	free(text);
	return rc;
}

/* The formats each way: export writes Moodle XML and GIFT, import reads
 * GIFT, Aiken and CSV. */
static int check_format(const char *verb, const char *format)
{
	int exporting = !strcmp(verb, "export");

	const char *which = exporting ? "moodle-xml or gift" : "gift, aiken or csv";

	if (!format) {
		app_fail("'bank %s' needs --format (%s)", verb, which);
		return -1;
	}
	if (exporting ? strcmp(format, "gift") && strcmp(format, "moodle-xml") :
	    strcmp(format, "gift") && strcmp(format, "aiken") && strcmp(format, "csv")) {
		app_fail("'bank %s' takes --format %s, not '%s'", verb, which, format);
		return -1;
	}
	return 0;
}

int cmd_bank(const struct options *cli)
{
	const char *verb = cli->n_args ? cli->args[0] : NULL;

	if (!verb || (strcmp(verb, "export") && strcmp(verb, "import"))) {
		app_fail("'bank' is 'bank export --format FMT BANK' or 'bank import --format "
			 "FMT FILE'%s%s%s", verb ? ", not 'bank " : "", verb ? verb : "",
			 verb ? "'" : "");
		return EXIT_USAGE;
	}
	if (cli->n_args != 2) {
		app_fail("'bank %s' takes one %s", verb,
			 !strcmp(verb, "export") ? "bank (a file or a bundled bank's id)" : "file");
		return EXIT_USAGE;
	}
	if (check_format(verb, cli->format) < 0)
		return EXIT_USAGE;
	if (cli->roles && !strcmp(verb, "export")) {
		app_fail("--roles is for 'bank import'");
		return EXIT_USAGE;
	}
	return !strcmp(verb, "export") ? bank_export(cli, cli->args[1]) :
		bank_import(cli, cli->args[1]);
}
