/*
 * Tests for bank: the banks in tests/good load into the model that
 * doc/bank-format.md describes; every bank in tests/bad is refused with
 * exactly the errors its .expect file lists; banks that clash across files
 * are refused and leave the catalog as it was; hostile input (alias bombs,
 * deep nesting, huge values, FIFOs...) fails cleanly and fast.
 *
 * A .expect file holds one error per line, as LINE:COL: MESSAGE.  Its lines
 * must be the first errors the bank produces, in order; unless its last
 * line is "...", no other error may follow.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "rolecall/bank.h"

#define GOOD_DIR TESTS_DIR "/good"
#define BAD_DIR TESTS_DIR "/bad"

/* Hostile input must fail in well under this (also under ASan). */
#define QUICK_SECONDS 10.0

/* ---- helpers ----------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && !strcmp(s + n - k, suffix);
}

/* The *.yaml files of a folder as full paths, sorted, NULL-terminated;
 * NULL when the folder cannot be read. */
static char **list_yaml(const char *dir, size_t *count)
{
	DIR *d = opendir(dir);
	const struct dirent *e;
	char **list = NULL;
	size_t n = 0;

	*count = 0;
	if (!d)
		return NULL;
	while ((e = readdir(d))) {
		char **bigger;

		if (e->d_name[0] == '.' || !has_suffix(e->d_name, ".yaml"))
			continue;
		bigger = realloc(list, (n + 2) * sizeof *list);
		assert_non_null(bigger);
		list = bigger;
		list[n] = malloc(strlen(dir) + strlen(e->d_name) + 2);
		assert_non_null(list[n]);
		sprintf(list[n++], "%s/%s", dir, e->d_name);
	}
	closedir(d);
	if (!list)
		return calloc(1, sizeof *list);
	list[n] = NULL;
	qsort(list, n, sizeof *list, cmp_str);
	*count = n;
	return list;
}

static void free_list(char **list)
{
	for (size_t i = 0; list && list[i]; i++)
		free(list[i]);
	free(list);
}

/* A whole file, NUL-terminated; *len without the NUL. */
static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, got;

	assert_non_null(f);
	do {
		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 8192;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got > 0);
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void print_diags(const struct diag_list *d)
{
	for (size_t i = 0; i < d->n; i++)
		print_message("    %s:%d:%d: %s\n", d->items[i].file, d->items[i].line,
			      d->items[i].col, d->items[i].msg);
	if (d->dropped)
		print_message("    (%zu more)\n", d->dropped);
}

/* 1 when some error's message contains `needle`. */
static int has_error(const struct diag_list *d, const char *needle)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->items[i].msg, needle))
			return 1;
	return 0;
}

static void assert_has_error(const struct diag_list *d, const char *needle)
{
	if (!has_error(d, needle)) {
		print_message("no error contains \"%s\"; the errors were:\n", needle);
		print_diags(d);
		fail();
	}
}

/* Valid UTF-8 without control characters: safe to print on a terminal and
 * to put in JSON, whatever the bank held. */
static int is_safe_text(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	while (*u) {
		size_t n = *u < 0x80 ? 1 : (*u & 0xE0) == 0xC0 ? 2 : (*u & 0xF0) == 0xE0 ? 3 :
			   (*u & 0xF8) == 0xF0 ? 4 : 0;

		if (!n || *u < 0x20 || *u == 0x7F || (u[0] == 0xC2 && u[1] < 0xA0))
			return 0;
		for (size_t i = 1; i < n; i++)
			if ((u[i] & 0xC0) != 0x80)
				return 0;
		u += n;
	}
	return 1;
}

static void assert_messages_safe(const struct diag_list *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (!is_safe_text(d->items[i].msg)) {
			print_message("unsafe bytes in message %zu: %s\n", i, d->items[i].msg);
			fail();
		}
}

/* Load a file that must be fine. */
static const struct bank *load_ok(struct catalog *cat, const char *path)
{
	struct diag_list d;
	int rc;

	diag_list_init(&d, BANK_MAX_ERRORS);
	rc = catalog_load_file(cat, path, &d);
	if (rc != 0 || d.n) {
		print_message("%s did not load:\n", path);
		print_diags(&d);
	}
	assert_int_equal(rc, 0);
	assert_int_equal(d.n, 0);
	diag_list_free(&d);
	return catalog_bank(cat, catalog_bank_count(cat) - 1);
}

static const struct bank *load_good(struct catalog *cat, const char *name)
{
	char path[1024];

	snprintf(path, sizeof path, "%s/%s", GOOD_DIR, name);
	return load_ok(cat, path);
}

/* Load a buffer that must be refused; the catalog must not change.  The
 * errors are left in *d (initialised here) for the caller to look at. */
static void load_refused(struct catalog *cat, const char *name, const char *data,
			 size_t len, struct diag_list *d)
{
	size_t banks = catalog_bank_count(cat), roles = catalog_role_count(cat);
	size_t questions = catalog_question_count(cat);
	double t0 = now(), took;
	int rc;

	diag_list_init(d, BANK_MAX_ERRORS);
	rc = catalog_load_buffer(cat, name, data, len, d);
	took = now() - t0;
	if (rc != -1 || d->n == 0) {
		print_message("%s: want -1 with errors, got %d with %zu errors\n", name, rc,
			      d->n);
		print_diags(d);
	}
	assert_int_equal(rc, -1);
	assert_true(d->n > 0);
	if (took > QUICK_SECONDS) {
		print_message("%s: took %.1f s to refuse\n", name, took);
		fail();
	}
	assert_int_equal(catalog_bank_count(cat), banks);
	assert_int_equal(catalog_role_count(cat), roles);
	assert_int_equal(catalog_question_count(cat), questions);
	assert_messages_safe(d);
}

/* Refused, with an error containing `needle`. */
static void refused_with(const char *name, const char *data, size_t len,
			 const char *needle)
{
	struct catalog *cat = catalog_new();
	struct diag_list d;

	assert_non_null(cat);
	load_refused(cat, name, data, len, &d);
	assert_has_error(&d, needle);
	diag_list_free(&d);
	catalog_free(cat);
}

/* For literals that hold NUL bytes: their length is their size. */
#define REFUSED(name, lit, needle) refused_with(name, lit, sizeof lit - 1, needle)

static int role(const struct catalog *cat, const char *id)
{
	int r = catalog_find_role(cat, id);

	if (r < 0)
		print_message("no role '%s' in the catalog\n", id);
	assert_true(r >= 0);
	return r;
}

/* A growing string for generated banks. */
struct buf {
	char *s;
	size_t len, cap;
};

static void buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;

		while (b->len + n + 1 > cap)
			cap *= 2;
		b->s = realloc(b->s, cap);
		assert_non_null(b->s);
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void buf_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void buf_repeat(struct buf *b, const char *s, size_t times)
{
	for (size_t i = 0; i < times; i++)
		buf_str(b, s);
}

/* The start of a valid bank, for generated ones. */
static const char bank_head[] =
	"bank: generated\n"
	"title: Generated\n"
	"roles:\n"
	"  - {id: pm, name: Product Manager}\n"
	"  - {id: po, name: Product Owner}\n"
	"questions:\n";

/* ---- good banks -------------------------------------------------------- */

static void test_good_banks_load(void **state)
{
	size_t n;
	char **files = list_yaml(GOOD_DIR, &n);
	struct catalog *all = catalog_new();

	(void)state;
	assert_non_null(files);
	assert_true(n >= 4);
	for (size_t i = 0; i < n; i++) {
		struct catalog *one = catalog_new();

		load_ok(one, files[i]);
		assert_int_equal(catalog_bank_count(one), 1);
		catalog_free(one);
		/* And all of them together: they share roles but no ids. */
		load_ok(all, files[i]);
	}
	assert_int_equal(catalog_bank_count(all), n);
	catalog_free(all);
	free_list(files);
}

static void test_good_pm_vs_po(void **state)
{
	struct catalog *cat = catalog_new();
	const struct bank *b = load_good(cat, "01-pm-vs-po.yaml");
	const struct bank_question *q;
	int pm, po, pmm, pjm;

	(void)state;
	assert_string_equal(b->id, "pm-vs-po");
	assert_string_equal(b->title, "Product Manager vs Product Owner");
	assert_string_equal(b->description, "Strategy versus tactics, roadmap versus backlog.");
	assert_string_equal(b->path, GOOD_DIR "/01-pm-vs-po.yaml");
	assert_int_equal(b->exam_count, 20);
	assert_int_equal(b->exam_pass, 80);
	assert_ptr_equal(catalog_find_bank(cat, "pm-vs-po"), b);
	assert_null(catalog_find_bank(cat, "nope"));

	/* Roles: catalog indices, in the order declared. */
	assert_int_equal(catalog_role_count(cat), 4);
	assert_int_equal(b->n_roles, 4);
	pm = role(cat, "pm");
	po = role(cat, "po");
	pmm = role(cat, "pmm");
	pjm = role(cat, "pjm");
	assert_int_equal(b->roles[0], pm);
	assert_int_equal(b->roles[1], po);
	assert_int_equal(b->roles[2], pmm);
	assert_int_equal(b->roles[3], pjm);
	assert_string_equal(catalog_role(cat, pm)->name, "Product Manager");
	assert_string_equal(catalog_role(cat, pm)->summary, "Strategy, vision and the roadmap.");
	assert_string_equal(catalog_role(cat, po)->name, "Product Owner");
	assert_null(catalog_role(cat, po)->summary);
	assert_string_equal(catalog_role(cat, pmm)->name, "Product Marketing Manager");
	assert_string_equal(catalog_role(cat, pjm)->name, "Project Manager");
	assert_null(catalog_role(cat, -1));
	assert_null(catalog_role(cat, 4));
	assert_int_equal(catalog_find_role(cat, "cto"), -1);

	/* Kind 1: the options are roles. */
	assert_int_equal(b->n_questions, 2);
	assert_int_equal(catalog_question_count(cat), 2);
	q = &b->questions[0];
	assert_ptr_equal(catalog_find_question(cat, "backlog-owner"), q);
	assert_ptr_equal(q->bank, b);
	assert_string_equal(q->id, "backlog-owner");
	assert_int_equal(q->line, 22);
	assert_int_equal(q->col, 9);
	assert_int_equal(q->kind, QUESTION_ROLES);
	assert_string_equal(q->prompt, "Who is intimate with the product backlog and "
			    "prioritizes it by business value?");
	assert_string_equal(q->explain, "The Product Owner works the backlog; the Product "
			    "Manager works the roadmap.");
	assert_string_equal(q->source, "Product Owner");
	assert_int_equal(q->n_choices, 3);
	assert_int_equal(q->choices[0].role, pm);
	assert_int_equal(q->choices[1].role, po);
	assert_int_equal(q->choices[2].role, pjm);
	assert_string_equal(q->choices[0].text, "Product Manager");
	assert_string_equal(q->choices[1].text, "Product Owner");
	assert_string_equal(q->choices[2].text, "Project Manager");
	assert_null(q->choices[1].why);
	assert_int_equal(q->correct, 1);
	assert_int_equal(q->answer_role, po);
	assert_int_equal(q->n_about, 1);
	assert_int_equal(q->about[0], po);
	assert_int_equal(q->n_tags, 1);
	assert_string_equal(q->tags[0], "backlog");
	assert_int_equal(q->difficulty, 1);

	/* Kind 2: statement choices, each tagged with a role. */
	q = &b->questions[1];
	assert_ptr_equal(catalog_find_question(cat, "pm-horizon"), q);
	assert_int_equal(q->kind, QUESTION_STATEMENTS);
	assert_int_equal(q->n_choices, 3);
	assert_string_equal(q->choices[0].text, "Looks at least a couple of years ahead and "
			    "sells the vision to C-level executives.");
	assert_int_equal(q->choices[0].role, pm);
	assert_null(q->choices[0].why);
	assert_int_equal(q->choices[1].role, po);
	assert_string_equal(q->choices[1].why, "That is the Product Owner, who works closely "
			    "with the development team.");
	assert_int_equal(q->choices[2].role, pjm);
	assert_null(q->choices[2].why);
	assert_int_equal(q->correct, 0);
	assert_int_equal(q->answer_role, pm);
	assert_int_equal(q->n_about, 1);
	assert_int_equal(q->about[0], pm);
	assert_int_equal(q->n_tags, 0);
	assert_int_equal(q->difficulty, 2);
	assert_null(catalog_find_question(cat, "nope"));

	/* The contrast is found in either order; other pairs have none. */
	assert_int_equal(b->n_contrasts, 1);
	assert_string_equal(catalog_contrast(cat, po, pm),
			    "PO: backlog and sprint-level detail. PM: roadmap, vision and strategy.");
	assert_string_equal(catalog_contrast(cat, pm, po), catalog_contrast(cat, po, pm));
	assert_null(catalog_contrast(cat, pm, pjm));
	assert_null(catalog_contrast(cat, pm, pm));
	catalog_free(cat);
}

static void test_good_every_role(void **state)
{
	struct catalog *cat = catalog_new();
	const struct bank *b = load_good(cat, "02-every-role.yaml");
	const struct bank_question *q;
	int pm, po, pmm, pjm;

	(void)state;
	pm = role(cat, "pm");
	po = role(cat, "po");
	pmm = role(cat, "pmm");
	pjm = role(cat, "pjm");
	assert_string_equal(b->title, "\u201cWho does it?\u201d \u2014 every role offered "
			    "\U0001F3AF");
	/* Folded (>): one line, and no final newline. */
	assert_string_equal(b->description, "Folded text: these two lines become one.");
	assert_int_equal(b->exam_count, 0);
	assert_int_equal(b->exam_pass, 0);
	assert_int_equal(b->n_questions, 3);

	/* No options: every role of the bank, in the order declared. */
	q = &b->questions[0];
	assert_string_equal(q->id, "go-to-market");
	assert_int_equal(q->kind, QUESTION_ROLES);
	assert_string_equal(q->prompt, "Who writes the go-to-market plan?\n"
			    "(Think \u201claunch\u201d, not \u201croadmap\u201d.)");
	assert_string_equal(q->explain, "The Product Marketing Manager carries the product "
			    "to its audience.");
	assert_null(q->source);
	assert_int_equal(q->n_choices, 4);
	for (unsigned k = 0; k < 4; k++) {
		assert_int_equal(q->choices[k].role, b->roles[k]);
		assert_string_equal(q->choices[k].text, catalog_role(cat, b->roles[k])->name);
	}
	assert_int_equal(q->choices[q->correct].role, pmm);
	assert_int_equal(q->correct, 2);
	assert_int_equal(q->answer_role, pmm);
	assert_int_equal(q->n_about, 1);
	assert_int_equal(q->about[0], pmm);
	assert_int_equal(q->difficulty, 2);
	assert_int_equal(q->n_tags, 2);
	assert_string_equal(q->tags[0], "launch");
	assert_string_equal(q->tags[1], "marketing");

	/* A statement question about roles its correct choice does not name. */
	q = &b->questions[1];
	assert_string_equal(q->id, "milestones-about");
	assert_int_equal(q->kind, QUESTION_STATEMENTS);
	assert_int_equal(q->n_choices, 2);
	assert_int_equal(q->choices[0].role, -1);
	assert_int_equal(q->choices[1].role, pm);
	assert_string_equal(q->choices[1].why, "The vision is the Product Manager\u2019s; "
			    "milestones are not a vision.");
	assert_int_equal(q->correct, 0);
	assert_int_equal(q->answer_role, -1);
	assert_int_equal(q->n_about, 2);
	assert_int_equal(q->about[0], pjm);
	assert_int_equal(q->about[1], pm);

	q = &b->questions[2];
	assert_string_equal(q->id, "sprint-review");
	assert_string_equal(q->prompt, "Who accepts the team\u2019s work at the sprint review?");
	assert_string_equal(q->explain, "The Product Owner accepts (or rejects) the increment "
			    "\u2014 it\u2019s their call.");
	assert_int_equal(q->n_choices, 4);
	assert_int_equal(q->correct, 1);
	assert_int_equal(q->answer_role, po);
	assert_int_equal(q->difficulty, 3);
	assert_int_equal(q->n_tags, 0);

	/* Written as [pjm, pm]: found in both orders. */
	assert_string_equal(catalog_contrast(cat, pm, pjm), "Both are called \u201cPM\u201d "
			    "\u2013 one owns the why, the other the when. \U0001F680");
	assert_string_equal(catalog_contrast(cat, pjm, pm), catalog_contrast(cat, pm, pjm));
	assert_null(catalog_contrast(cat, pm, po));
	catalog_free(cat);
}

static void test_good_bom_crlf(void **state)
{
	struct catalog *cat = catalog_new();
	const struct bank *b = load_good(cat, "03-bom-crlf.yaml");
	const struct bank_question *q = &b->questions[0];

	(void)state;
	assert_string_equal(b->id, "bom-crlf");
	assert_string_equal(b->title, "Saved by a Windows editor");
	assert_int_equal(b->n_roles, 2);
	assert_int_equal(b->n_questions, 1);
	/* CR LF is one line break, inside block and quoted text too. */
	assert_string_equal(q->prompt, "Who owns the roadmap?\nPick one.");
	assert_string_equal(q->explain, "The Product Manager owns the roadmap.");
	assert_int_equal(q->line, 10);
	assert_int_equal(q->col, 9);
	assert_int_equal(q->n_choices, 2);
	assert_int_equal(q->choices[0].role, role(cat, "po"));
	assert_int_equal(q->correct, 1);
	assert_int_equal(q->answer_role, role(cat, "pm"));
	catalog_free(cat);
}

static void test_good_shared_roles(void **state)
{
	struct catalog *cat = catalog_new();
	const struct bank *first = load_good(cat, "01-pm-vs-po.yaml");
	const struct bank *b = load_good(cat, "04-shared-roles.yaml");
	const struct bank_question *q;
	int pm, po;

	(void)state;
	/* Same ids, same roles: nothing new in the catalog. */
	assert_int_equal(catalog_bank_count(cat), 2);
	assert_int_equal(catalog_role_count(cat), 4);
	pm = role(cat, "pm");
	po = role(cat, "po");
	assert_int_equal(b->n_roles, 2);
	assert_int_equal(b->roles[0], po);
	assert_int_equal(b->roles[1], pm);
	assert_int_equal(first->roles[0], pm);
	/* The first bank gave po no summary; the second one did. */
	assert_string_equal(catalog_role(cat, po)->summary, "The backlog and the sprints.");
	assert_string_equal(catalog_role(cat, pm)->summary, "Strategy, vision and the roadmap.");

	q = catalog_find_question(cat, "shared-accepts");
	assert_non_null(q);
	assert_ptr_equal(q->bank, b);
	assert_int_equal(q->kind, QUESTION_STATEMENTS);
	assert_int_equal(q->choices[0].role, po);
	assert_int_equal(q->choices[1].role, pm);
	assert_string_equal(q->choices[1].why, "That is the Product Manager.");
	assert_int_equal(q->choices[2].role, -1);
	assert_int_equal(q->answer_role, po);
	assert_int_equal(q->n_tags, 0);
	assert_int_equal(catalog_question_count(cat), 3);
	assert_non_null(catalog_find_question(cat, "backlog-owner"));

	/* Both banks contrast pm and po: the first loaded one is shown. */
	assert_int_equal(b->n_contrasts, 1);
	assert_string_equal(catalog_contrast(cat, po, pm), first->contrasts[0].text);
	catalog_free(cat);
}

/* ---- the corpus of bad banks ------------------------------------------- */

/* The lines of a .expect file; *n of them, "..." included. */
static char **read_expect(const char *path, size_t *n)
{
	char *text = read_file(path, NULL), *line, *save = NULL;
	char **lines = calloc(strlen(text) + 1, sizeof *lines);

	assert_non_null(lines);
	*n = 0;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		if ((lines[*n] = strdup(line)))
			(*n)++;
	free(text);
	return lines;
}

/* Compare one bad bank's errors with its .expect; 0 when they agree,
 * else -1 after printing both lists. */
static int check_bad_bank(const char *path)
{
	char expect_path[1024], got[RC_ERROR_MSG_MAX + 32];
	struct catalog *cat = catalog_new();
	struct diag_list d;
	size_t n_want, n_fixed;
	char **want;
	int rc, ok = 1, more;

	snprintf(expect_path, sizeof expect_path, "%.*s.expect",
		 (int)(strlen(path) - strlen(".yaml")), path);
	if (access(expect_path, R_OK) != 0) {
		print_message("%s has no .expect file\n", path);
		catalog_free(cat);
		return -1;
	}
	want = read_expect(expect_path, &n_want);
	more = n_want > 0 && !strcmp(want[n_want - 1], "...");
	n_fixed = more ? n_want - 1 : n_want;
	diag_list_init(&d, BANK_MAX_ERRORS);
	rc = catalog_load_file(cat, path, &d);
	if (rc != -1 || catalog_bank_count(cat) || catalog_role_count(cat) ||
	    catalog_question_count(cat)) {
		print_message("%s: loaded (rc %d) or left banks in the catalog\n", path, rc);
		ok = 0;
	}
	if (n_fixed == 0 || d.n < n_fixed || (!more && d.n != n_fixed))
		ok = 0;
	for (size_t i = 0; i < n_fixed && i < d.n; i++) {
		snprintf(got, sizeof got, "%d:%d: %s", d.items[i].line, d.items[i].col,
			 d.items[i].msg);
		if (strcmp(got, want[i]) || strcmp(d.items[i].file, path))
			ok = 0;
	}
	for (size_t i = 0; i < d.n; i++)
		if (!is_safe_text(d.items[i].msg) || d.items[i].line < 1 || d.items[i].col < 1)
			ok = 0;
	if (!ok) {
		print_message("%s:\n  expected%s:\n", path, more ? " (then more)" : "");
		for (size_t i = 0; i < n_fixed; i++)
			print_message("    %s\n", want[i]);
		print_message("  actual:\n");
		for (size_t i = 0; i < d.n; i++)
			print_message("    %d:%d: %s\n", d.items[i].line, d.items[i].col,
				      d.items[i].msg);
	}
	for (size_t i = 0; i < n_want; i++)
		free(want[i]);
	free(want);
	diag_list_free(&d);
	catalog_free(cat);
	return ok ? 0 : -1;
}

static void test_bad_banks(void **state)
{
	size_t n, failed = 0;
	char **files = list_yaml(BAD_DIR, &n);

	(void)state;
	assert_non_null(files);
	/* The corpus covers every rule: one defect per file. */
	assert_true(n >= 32);
	for (size_t i = 0; i < n; i++)
		if (check_bad_bank(files[i]) < 0)
			failed++;
	if (failed)
		fail_msg("%zu of %zu bad banks did not give their expected errors", failed, n);
	free_list(files);
}

/* Every .expect belongs to a bank: none is left over from a renamed file. */
static void test_bad_expect_files_match(void **state)
{
	DIR *d = opendir(BAD_DIR);
	const struct dirent *e;
	char path[1024];

	(void)state;
	assert_non_null(d);
	while ((e = readdir(d))) {
		if (!has_suffix(e->d_name, ".expect"))
			continue;
		snprintf(path, sizeof path, "%s/%.*s.yaml", BAD_DIR,
			 (int)(strlen(e->d_name) - strlen(".expect")), e->d_name);
		if (access(path, R_OK) != 0)
			fail_msg("%s has no bank %s", e->d_name, path);
	}
	closedir(d);
}

/* ---- across banks ------------------------------------------------------ */

static void test_cross_role_renamed(void **state)
{
	static const char other[] =
		"bank: other\n"
		"title: Other\n"
		"roles:\n"
		"  - {id: pm, name: Product Manager}\n"
		"  - {id: po, name: Product Operations}\n"
		"questions:\n"
		"  - {id: other-q, prompt: p, explain: e, answer: po}\n";
	struct catalog *cat = catalog_new();
	struct diag_list d;
	char want[512];

	(void)state;
	load_good(cat, "01-pm-vs-po.yaml");
	load_refused(cat, "other.yaml", other, strlen(other), &d);
	/* Both places: here (the id's position) and the first declaration. */
	assert_int_equal(d.n, 1);
	assert_string_equal(d.items[0].file, "other.yaml");
	assert_int_equal(d.items[0].line, 5);
	assert_int_equal(d.items[0].col, 10);
	snprintf(want, sizeof want, "role 'po' is named 'Product Operations' here but "
		 "'Product Owner' in %s:12:10; a role id means the same role in every bank",
		 GOOD_DIR "/01-pm-vs-po.yaml");
	assert_string_equal(d.items[0].msg, want);
	assert_string_equal(catalog_role(cat, role(cat, "po"))->name, "Product Owner");
	diag_list_free(&d);
	catalog_free(cat);
}

static void test_cross_question_id(void **state)
{
	static const char other[] =
		"bank: other\n"
		"title: Other\n"
		"roles: [{id: pm, name: Product Manager}, {id: po, name: Product Owner}]\n"
		"questions:\n"
		"  - id: fresh\n"
		"    prompt: p\n"
		"    answer: po\n"
		"    explain: e\n"
		"  - id: backlog-owner\n"
		"    prompt: p\n"
		"    answer: pm\n"
		"    explain: e\n";
	struct catalog *cat = catalog_new();
	struct diag_list d;
	char want[512];

	(void)state;
	load_good(cat, "01-pm-vs-po.yaml");
	load_refused(cat, "other.yaml", other, strlen(other), &d);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.items[0].line, 9);
	assert_int_equal(d.items[0].col, 9);
	snprintf(want, sizeof want, "question id 'backlog-owner' is already used in "
		 "%s:22:9; question ids are unique across banks",
		 GOOD_DIR "/01-pm-vs-po.yaml");
	assert_string_equal(d.items[0].msg, want);
	/* Nothing of the refused bank was kept. */
	assert_null(catalog_find_question(cat, "fresh"));
	assert_null(catalog_find_bank(cat, "other"));
	diag_list_free(&d);
	catalog_free(cat);
}

static void test_cross_bank_id(void **state)
{
	static const char again[] =
		"bank: pm-vs-po\n"
		"title: The same id again\n"
		"roles: [{id: pm, name: Product Manager}, {id: cto, name: Chief Technology Officer}]\n"
		"questions:\n"
		"  - {id: again-q, prompt: p, explain: e, answer: cto}\n";
	struct catalog *cat = catalog_new();
	struct diag_list d;

	(void)state;
	load_good(cat, "01-pm-vs-po.yaml");
	load_refused(cat, "again.yaml", again, strlen(again), &d);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.items[0].file, "again.yaml");
	assert_has_error(&d, "bank id 'pm-vs-po' is already used by " GOOD_DIR
			 "/01-pm-vs-po.yaml");
	/* Reported where the id is written, not at the top of the file. */
	assert_int_equal(d.items[0].line, 1);
	assert_int_equal(d.items[0].col, 7);
	assert_int_equal(catalog_find_role(cat, "cto"), -1);
	diag_list_free(&d);

	/* The same file twice: its bank and question ids clash with themselves. */
	diag_list_init(&d, BANK_MAX_ERRORS);
	assert_int_equal(catalog_load_file(cat, GOOD_DIR "/01-pm-vs-po.yaml", &d), -1);
	assert_has_error(&d, "bank id 'pm-vs-po' is already used");
	assert_has_error(&d, "question id 'backlog-owner' is already used");
	assert_int_equal(catalog_bank_count(cat), 1);
	diag_list_free(&d);
	catalog_free(cat);
}

/* ---- loading from memory ----------------------------------------------- */

static void test_load_buffer(void **state)
{
	static const char good[] =
		"bank: in-memory\n"
		"title: From memory\n"
		"roles: [{id: pm, name: Product Manager}, {id: po, name: Product Owner}]\n"
		"questions:\n"
		"  - {id: mem-q, prompt: Who?, explain: Because., answer: pm, options: [po, pm]}\n";
	static const char bad[] = "bank: in-memory\ntitle: [oops]\n";
	struct catalog *cat = catalog_new();
	struct diag_list d;
	const struct bank *b;

	(void)state;
	diag_list_init(&d, BANK_MAX_ERRORS);
	assert_int_equal(catalog_load_buffer(cat, "memory.yaml", good, strlen(good), &d), 0);
	assert_int_equal(d.n, 0);
	b = catalog_find_bank(cat, "in-memory");
	assert_non_null(b);
	assert_string_equal(b->path, "memory.yaml");
	assert_int_equal(b->questions[0].correct, 1);
	assert_int_equal(b->questions[0].answer_role, role(cat, "pm"));
	diag_list_free(&d);

	/* Only len bytes count: what follows in memory is not read. */
	load_refused(cat, "short.yaml", good, 20, &d);
	assert_string_equal(d.items[0].file, "short.yaml");
	diag_list_free(&d);

	load_refused(cat, "bad.yaml", bad, strlen(bad), &d);
	assert_string_equal(d.items[0].file, "bad.yaml");
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[0].col, 8);
	assert_string_equal(d.items[0].msg, "'title' must be a single value, not a list");
	diag_list_free(&d);
	catalog_free(cat);
}

/* An unknown key far from every known one gets no suggestion. */
static void test_unknown_key_without_suggestion(void **state)
{
	struct buf b = {0};
	struct catalog *cat = catalog_new();
	struct diag_list d;

	(void)state;
	buf_str(&b, bank_head);
	buf_str(&b, "  - {id: q, prompt: p, explain: e, answer: po, colour: blue}\n");
	load_refused(cat, "colour.yaml", b.s, b.len, &d);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.items[0].msg, "unknown key 'colour' in a question");
	diag_list_free(&d);
	catalog_free(cat);
	free(b.s);
}

/* ---- hostile input ------------------------------------------------------ */

static void test_hostile_alias_bomb(void **state)
{
	struct buf b = {0};
	static const char levels[] = "abcdefghi";

	(void)state;
	/* The classic: 9 levels of 9 aliases, 9^9 "lol"s if expanded. */
	buf_str(&b, "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
	for (int i = 1; i < 9; i++) {
		char line[128];

		snprintf(line, sizeof line, "%c: &%c [", levels[i], levels[i]);
		buf_str(&b, line);
		for (int k = 0; k < 9; k++) {
			snprintf(line, sizeof line, "%s*%c", k ? "," : "", levels[i - 1]);
			buf_str(&b, line);
		}
		buf_str(&b, "]\n");
	}
	refused_with("bomb.yaml", b.s, b.len, "anchors (&a) are not allowed");
	refused_with("bomb.yaml", b.s, b.len, "aliases (*h) are not allowed");
	free(b.s);
}

static void test_hostile_deep_nesting(void **state)
{
	struct buf b = {0};
	struct catalog *cat = catalog_new();
	struct diag_list d;

	(void)state;
	/* 100,000 levels, closed. */
	buf_str(&b, "bank: deep\ndescription: ");
	buf_repeat(&b, "[", 100000);
	buf_repeat(&b, "]", 100000);
	buf_str(&b, "\n");
	load_refused(cat, "deep.yaml", b.s, b.len, &d);
	assert_has_error(&d, "nesting is too deep (more than 16 levels)");
	diag_list_free(&d);

	/* Not closed, and mappings. */
	b.len = 0;
	buf_str(&b, "bank: deep\ndescription: ");
	buf_repeat(&b, "{a: ", 100000);
	load_refused(cat, "deep.yaml", b.s, b.len, &d);
	assert_has_error(&d, "nesting is too deep");
	diag_list_free(&d);

	/* A whole file that is only a list of lists. */
	b.len = 0;
	buf_repeat(&b, "[", 100000);
	load_refused(cat, "deep.yaml", b.s, b.len, &d);
	assert_has_error(&d, "a bank must be a mapping");
	diag_list_free(&d);

	/* Block nesting: each level indented one more. */
	b.len = 0;
	buf_str(&b, "bank: deep\ndescription:\n");
	for (int i = 0; i < 2000; i++) {
		buf_repeat(&b, " ", (size_t)i);
		buf_str(&b, "- \n");
	}
	load_refused(cat, "deep.yaml", b.s, b.len, &d);
	assert_has_error(&d, "nesting is too deep");
	diag_list_free(&d);
	catalog_free(cat);
	free(b.s);
}

static void test_hostile_huge_string(void **state)
{
	const size_t size = 50u * 1024 * 1024;
	struct buf b = {0};
	char *s = malloc(size + 1);

	(void)state;
	assert_non_null(s);
	memset(s, 'a', size);
	s[size] = '\0';
	/* One 50 MB value: refused as too long, in quotes and plain. */
	buf_str(&b, bank_head);
	buf_str(&b, "  - id: q\n    answer: po\n    explain: e\n    prompt: \"");
	buf_add(&b, s, size);
	buf_str(&b, "\"\n");
	refused_with("huge.yaml", b.s, b.len, "'prompt' is too long (more than 4096 bytes)");
	free(b.s);
	memset(&b, 0, sizeof b);
	buf_str(&b, "bank: huge\ntitle: ");
	buf_add(&b, s, size);
	buf_str(&b, "\n");
	refused_with("huge.yaml", b.s, b.len, "'title' is too long");
	free(b.s);
	free(s);
}

static void test_hostile_many_options(void **state)
{
	struct buf b = {0};

	(void)state;
	buf_str(&b, bank_head);
	buf_str(&b, "  - {id: q, prompt: p, explain: e, answer: po, options: [po");
	buf_repeat(&b, ", pm", 99999);
	buf_str(&b, "]}\n");
	refused_with("options.yaml", b.s, b.len, "a question offers 2 to 8 options, not 100000");

	/* And as many statement choices, in block style. */
	b.len = 0;
	buf_str(&b, bank_head);
	buf_str(&b, "  - id: q\n    prompt: p\n    explain: e\n    choices:\n");
	buf_repeat(&b, "      - {text: t, role: po}\n", 100000);
	refused_with("choices.yaml", b.s, b.len, "a question offers 2 to 8 choices, not 100000");
	free(b.s);
}

static void test_hostile_bytes(void **state)
{
	static const char esc_key[] =
		"bank: x\ntitle: t\nroles: [{id: a, name: A}, {id: b, name: B}]\n"
		"questions:\n"
		"  - {id: q, prompt: p, explain: e, answer: \"\\e]0;pwned\\a\", options: [a, b]}\n"
		"  - {id: r, prompt: p, explain: e, \"\\e[2J\\e[31mpromt\": x, answer: a}\n"
		"  - {id: \"\\x9b31m\", prompt: p, explain: e, answer: a}\n"
		"  - {id: s, prompt: p, explain: e, answer: a, difficulty: \"\\e[5m\"}\n";
	struct buf b = {0};
	struct catalog *cat = catalog_new();
	struct diag_list d;

	(void)state;
	REFUSED("nul.yaml", "bank: x\0y\ntitle: t\n", "control character U+0000");
	REFUSED("nul.yaml", "\0\0\0\0", "control character U+0000");
	REFUSED("c1.yaml", "title: \xC2\x9B" "31m\n", "control character U+009B");
	REFUSED("latin1.yaml", "title: caf\xE9\n", "invalid UTF-8 (byte 0xE9)");
	REFUSED("cut.yaml", "title: caf\xC3", "invalid UTF-8 (byte 0xC3)");
	REFUSED("utf16.yaml", "\xFF\xFEt\0:\0 \0x\0", "invalid UTF-8 (byte 0xFF)");

	/* Escapes in values that are quoted in messages: shown as '?'. */
	load_refused(cat, "esc.yaml", esc_key, strlen(esc_key), &d);
	assert_true(d.n >= 4);
	assert_has_error(&d, "not '?]0;pwned?'");
	assert_has_error(&d, "unknown key '?[2J?[31mpromt' in a question");
	assert_has_error(&d, "not '?31m'");
	assert_has_error(&d, "'difficulty' must be a whole number from 1 to 3, not '?[5m'");
	diag_list_free(&d);

	/* A long id of multi-byte characters is cut between characters. */
	buf_str(&b, bank_head);
	buf_str(&b, "  - {id: ");
	buf_repeat(&b, "\u00e9", 100);
	buf_str(&b, ", prompt: p, explain: e, answer: po}\n");
	load_refused(cat, "long-id.yaml", b.s, b.len, &d);
	assert_has_error(&d, "...'");
	diag_list_free(&d);

	/* A 1 MB line: as a value, and as a key (too long to be a key). */
	b.len = 0;
	buf_str(&b, bank_head);
	buf_str(&b, "  - {id: q, explain: e, answer: po, prompt: ");
	buf_repeat(&b, "lorem ipsum ", 1024 * 1024 / 12);
	buf_str(&b, "}\n");
	load_refused(cat, "line.yaml", b.s, b.len, &d);
	assert_has_error(&d, "'prompt' is too long");
	diag_list_free(&d);
	b.len = 0;
	buf_str(&b, "bank: x\n");
	buf_repeat(&b, "k", 1024 * 1024);
	buf_str(&b, ": v\n");
	load_refused(cat, "key.yaml", b.s, b.len, &d);
	assert_has_error(&d, "or is longer than 1024 characters");
	diag_list_free(&d);
	catalog_free(cat);
	free(b.s);
}

/* At most BANK_MAX_ERRORS are kept; the rest are counted. */
static void test_error_limit(void **state)
{
	struct buf b = {0};
	struct catalog *cat = catalog_new();
	struct diag_list d;

	(void)state;
	buf_str(&b, bank_head);
	for (int i = 0; i < 1000; i++) {
		char q[96];

		snprintf(q, sizeof q, "  - {id: q%d, prompt: p, explain: e, answer: nobody}\n", i);
		buf_str(&b, q);
	}
	load_refused(cat, "many.yaml", b.s, b.len, &d);
	assert_int_equal(d.n, BANK_MAX_ERRORS);
	assert_int_equal(d.dropped, 1000 - BANK_MAX_ERRORS);
	diag_list_free(&d);
	catalog_free(cat);
	free(b.s);
}

/* ---- files that are not bank files ------------------------------------- */

static void refused_file(const char *path, const char *needle)
{
	struct catalog *cat = catalog_new();
	struct diag_list d;
	double t0 = now();

	diag_list_init(&d, BANK_MAX_ERRORS);
	assert_int_equal(catalog_load_file(cat, path, &d), -1);
	assert_true(now() - t0 < QUICK_SECONDS);
	assert_int_equal(catalog_bank_count(cat), 0);
	assert_true(d.n >= 1);
	assert_string_equal(d.items[0].file, path);
	assert_has_error(&d, needle);
	diag_list_free(&d);
	catalog_free(cat);
}

static void test_special_files(void **state)
{
	char dir[] = "/tmp/test_bank.XXXXXX", path[256];
	const char *good = GOOD_DIR "/01-pm-vs-po.yaml";
	size_t len;
	char *data = read_file(good, &len);
	int fd;

	(void)state;
	assert_non_null(mkdtemp(dir));
	refused_file(dir, "is a directory, not a bank file");

	/* A FIFO with no writer: must not wait for one. */
	snprintf(path, sizeof path, "%s/fifo.yaml", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	refused_file(path, "is not a regular file");
	unlink(path);

	snprintf(path, sizeof path, "%s/missing.yaml", dir);
	refused_file(path, "cannot open: No such file or directory");

	snprintf(path, sizeof path, "%s/empty.yaml", dir);
	write_file(path, "", 0);
	refused_file(path, "the file is empty");
	unlink(path);

	/* Over the size limit: refused before reading (the file is sparse). */
	snprintf(path, sizeof path, "%s/big.yaml", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)BANK_MAX_FILE + 1), 0);
	close(fd);
	refused_file(path, "a bank is at most 64 MiB");
	unlink(path);

	/* Unreadable: root reads it anyway, so only check as another user. */
	snprintf(path, sizeof path, "%s/locked.yaml", dir);
	write_file(path, data, len);
	assert_int_equal(chmod(path, 0), 0);
	if (geteuid() != 0)
		refused_file(path, "cannot open: Permission denied");
	else
		print_message("running as root: not checking an unreadable file\n");
	unlink(path);
	assert_int_equal(rmdir(dir), 0);
	free(data);
}

/* ---- the bundled banks ------------------------------------------------- */

static void test_bundled_banks(void **state)
{
	size_t n;
	char **files = list_yaml(QUIZZES_DIR, &n);
	struct catalog *cat;

	(void)state;
	if (!files || n == 0) {
		free_list(files);
		skip();
	}
	cat = catalog_new();
	for (size_t i = 0; i < n; i++)
		load_ok(cat, files[i]);
	assert_int_equal(catalog_bank_count(cat), n);
	catalog_free(cat);
	free_list(files);
}

/* catalog_roles_of: the first bank's roles in its order, then the roles a
 * later bank adds, each once, whatever the catalog's own order. */
static void test_roles_of_banks(void **state)
{
	static const char one[] =
		"bank: one\ntitle: One\n"
		"roles: [{id: po, name: Product Owner}, {id: pm, name: Product Manager}]\n"
		"questions:\n"
		"  - {id: one-q, prompt: Who?, explain: Because., answer: pm}\n";
	static const char two[] =
		"bank: two\ntitle: Two\n"
		"roles: [{id: pjm, name: Project Manager}, {id: pm, name: Product Manager},\n"
		"        {id: pmm, name: Product Marketing Manager}]\n"
		"questions:\n"
		"  - {id: two-q, prompt: Who?, explain: Because., answer: pjm}\n";
	struct catalog *cat = catalog_new();
	struct diag_list d;
	const struct bank *banks[2];
	int order[4] = { -1, -1, -1, -1 };

	(void)state;
	diag_list_init(&d, BANK_MAX_ERRORS);
	assert_int_equal(catalog_load_buffer(cat, "two.yaml", two, strlen(two), &d), 0);
	assert_int_equal(catalog_load_buffer(cat, "one.yaml", one, strlen(one), &d), 0);
	banks[0] = catalog_find_bank(cat, "one");
	banks[1] = catalog_find_bank(cat, "two");
	assert_int_equal(catalog_roles_of(banks, 2, order, 4), 4);
	assert_int_equal(order[0], role(cat, "po"));
	assert_int_equal(order[1], role(cat, "pm"));
	assert_int_equal(order[2], role(cat, "pjm"));
	assert_int_equal(order[3], role(cat, "pmm"));
	/* cap bounds what is written */
	order[2] = -1;
	assert_int_equal(catalog_roles_of(banks, 2, order, 2), 2);
	assert_int_equal(order[2], -1);
	assert_int_equal(catalog_roles_of(banks + 1, 1, order, 4), 3);
	assert_int_equal(order[0], role(cat, "pjm"));
	diag_list_free(&d);
	catalog_free(cat);
}

struct seen_contrasts {
	char text[256];
};

static void note_contrast(void *ctx, const struct bank_role *a, const struct bank_role *b,
			  const char *text)
{
	struct seen_contrasts *seen = ctx;
	size_t at = strlen(seen->text);

	snprintf(seen->text + at, sizeof seen->text - at, "[%s|%s|%s]", a->id, b->id, text);
}

/* catalog_each_contrast: each pair of the listed roles once, the earlier
 * role of the list first, only pairs with a contrast; the count back. */
static void test_each_contrast(void **state)
{
	static const char bank[] =
		"bank: c\ntitle: C\n"
		"roles: [{id: po, name: Product Owner}, {id: pm, name: Product Manager},\n"
		"        {id: pjm, name: Project Manager}]\n"
		"contrasts:\n"
		"  - {roles: [pm, po], text: vision}\n"
		"  - {roles: [pjm, po], text: dates}\n"
		"questions:\n"
		"  - {id: c-q, prompt: Who?, explain: Because., answer: pm}\n";
	struct catalog *cat = catalog_new();
	struct seen_contrasts seen = { "" };
	struct diag_list d;
	int order[3];

	(void)state;
	diag_list_init(&d, BANK_MAX_ERRORS);
	assert_int_equal(catalog_load_buffer(cat, "c.yaml", bank, strlen(bank), &d), 0);
	order[0] = role(cat, "pjm");
	order[1] = role(cat, "pm");
	order[2] = role(cat, "po");
	assert_int_equal(catalog_each_contrast(cat, order, 3, note_contrast, &seen), 2);
	assert_string_equal(seen.text, "[pjm|po|dates][pm|po|vision]");
	/* two roles without a contrast between them: none, fn never called */
	seen.text[0] = '\0';
	assert_int_equal(catalog_each_contrast(cat, order, 2, note_contrast, &seen), 0);
	assert_string_equal(seen.text, "");
	assert_int_equal(catalog_each_contrast(cat, order, 0, note_contrast, &seen), 0);
	diag_list_free(&d);
	catalog_free(cat);
}

/* A bank of BANK_MAX_ROLES roles of its own, r<first>..: ids no other
 * bank of the test uses. */
static size_t many_roles_bank(char *buf, size_t len, unsigned n, unsigned first)
{
	size_t at = (size_t)snprintf(buf, len, "bank: many%u\ntitle: Many\nroles:\n", n);

	for (unsigned i = 0; i < BANK_MAX_ROLES; i++)
		at += (size_t)snprintf(buf + at, len - at, "  - {id: r%u, name: Role %u}\n",
				       first + i, first + i);
	at += (size_t)snprintf(buf + at, len - at, "questions:\n  - {id: many%u-q, prompt: "
			       "Who?, explain: Because., answer: r%u, options: [r%u, r%u]}\n",
			       n, first, first, first + 1);
	return at;
}

/* The one role limit: banks that together name more than
 * ROLECALL_MAX_ROLES roles stop at the bank that passes it, with the
 * one message, and what loaded before stays usable. */
static void test_catalog_role_limit(void **state)
{
	struct catalog *cat = catalog_new();
	struct diag_list d;
	char buf[8192], name[32], want[160];
	unsigned loaded = 0;

	(void)state;
	assert_non_null(cat);
	diag_list_init(&d, BANK_MAX_ERRORS);
	for (unsigned n = 0; n * BANK_MAX_ROLES <= ROLECALL_MAX_ROLES; n++) {
		size_t len = many_roles_bank(buf, sizeof buf, n, n * BANK_MAX_ROLES);
		int rc;

		snprintf(name, sizeof name, "many%u.yaml", n);
		rc = catalog_load_buffer(cat, name, buf, len, &d);
		if ((n + 1) * BANK_MAX_ROLES <= ROLECALL_MAX_ROLES) {
			assert_int_equal(rc, 0);
			loaded++;
		} else {
			assert_int_not_equal(rc, 0);
		}
	}
	assert_int_equal(loaded, ROLECALL_MAX_ROLES / BANK_MAX_ROLES);
	assert_int_equal(catalog_role_count(cat), loaded * BANK_MAX_ROLES);
	assert_int_equal(d.n, 1);
	snprintf(name, sizeof name, "many%u.yaml", loaded);
	assert_string_equal(d.items[0].file, name);
	assert_int_equal(d.items[0].line, 1);
	snprintf(want, sizeof want, "with this bank the banks name more than %d different "
		 "roles, the most rolecall keeps apart", ROLECALL_MAX_ROLES);
	assert_string_equal(d.items[0].msg, want);
	diag_list_free(&d);
	catalog_free(cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_banks_load),
		cmocka_unit_test(test_good_pm_vs_po),
		cmocka_unit_test(test_good_every_role),
		cmocka_unit_test(test_good_bom_crlf),
		cmocka_unit_test(test_good_shared_roles),
		cmocka_unit_test(test_bad_banks),
		cmocka_unit_test(test_bad_expect_files_match),
		cmocka_unit_test(test_cross_role_renamed),
		cmocka_unit_test(test_cross_question_id),
		cmocka_unit_test(test_cross_bank_id),
		cmocka_unit_test(test_load_buffer),
		cmocka_unit_test(test_unknown_key_without_suggestion),
		cmocka_unit_test(test_hostile_alias_bomb),
		cmocka_unit_test(test_hostile_deep_nesting),
		cmocka_unit_test(test_hostile_huge_string),
		cmocka_unit_test(test_hostile_many_options),
		cmocka_unit_test(test_hostile_bytes),
		cmocka_unit_test(test_error_limit),
		cmocka_unit_test(test_special_files),
		cmocka_unit_test(test_bundled_banks),
		cmocka_unit_test(test_roles_of_banks),
		cmocka_unit_test(test_each_contrast),
		cmocka_unit_test(test_catalog_role_limit),
	};

	/* A hang (a FIFO read that blocks) must fail the test, not stall ctest. */
	alarm(300);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
