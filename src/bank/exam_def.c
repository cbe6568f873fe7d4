/*
 * exam_def — reading a manager's exam definition file (exam_def.h).  The
 * YAML is streamed by bank_parse like a bank's, and checked with the same
 * care: every problem at its FILE:LINE:COL, in words.
 */
#include "rolecall/exam_def.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank_impl.h"
#include "bank_node.h"
#include "rolecall/bank.h"
#include "rolecall/emit.h"

/* A definition is a few lines; a big file is a mistake. */
#define EXAM_DEF_MAX_FILE (64 * 1024)

enum def_key { K_EXAM, K_TITLE, K_BANKS, K_QUESTIONS, K_PASS, K_TIME, K_ATTEMPTS, K_N };

static const char *const def_keys[K_N] = {
	"exam", "title", "banks", "questions", "pass", "time", "attempts",
};

struct def_reader {
	const char *name;
	struct diag_list *diags;
	struct exam_def *d;
	int seen[K_N];
	int oom;
};

#define def_err(r, at, ...) bnode_err((r)->diags, (r)->name, (at), __VA_ARGS__)

static char *def_strdup(struct def_reader *r, const char *s, size_t len)
{
	char *out = malloc(len + 1);

	if (!out) {
		r->oom = 1;
		return NULL;
	}
	memcpy(out, s, len);
	out[len] = '\0';
	return out;
}

static int def_scalar(struct def_reader *r, const struct bnode *v, const char *key)
{
	if (v->kind == BNODE_SCALAR)
		return 0;
	def_err(r, v, "'%s' must be a single value, not a list or mapping", key);
	return -1;
}

static int def_number(struct def_reader *r, const struct bnode *v, const char *key,
		      unsigned lo, unsigned hi, unsigned *out)
{
	char *end;
	long n;

	if (def_scalar(r, v, key) < 0)
		return -1;
	errno = 0;
	n = strtol(v->str, &end, 10);
	if (!v->plain || !v->len || *end || errno || n < (long)lo || n > (long)hi) {
		def_err(r, v, "'%s' must be a whole number from %u to %u", key, lo, hi);
		return -1;
	}
	*out = (unsigned)n;
	return 0;
}

static void def_bank(struct def_reader *r, const struct bnode *v)
{
	struct exam_def *d = r->d;

	if (def_scalar(r, v, "banks") < 0)
		return;
	if (!bank_id_valid(v->str, v->len)) {
		def_err(r, v, "'%s' is not a bank id (" BANK_ID_RULE ")", "banks");
		return;
	}
	for (size_t i = 0; i < d->n_banks; i++)
		if (!strcmp(d->bank_ids[i], v->str)) {
			def_err(r, v, "bank '%s' is listed twice", d->bank_ids[i]);
			return;
		}
	if (d->n_banks == EXAM_DEF_MAX_BANKS) {
		def_err(r, v, "an exam uses at most %d banks", EXAM_DEF_MAX_BANKS);
		return;
	}
	d->bank_ids[d->n_banks] = def_strdup(r, v->str, v->len);
	d->n_banks += d->bank_ids[d->n_banks] != NULL;
}

/* A title reaches terminals and reports: no control or bidi characters. */
static int def_safe_line(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		long cp;

		i += emit_utf8_next(s + i, len - i, &cp);
		if (cp < 0 || cp == '\n' || emit_unsafe_char(cp) || emit_invisible_char(cp))
			return 0;
	}
	return 1;
}

static void def_text(struct def_reader *r, const struct bnode *v, enum def_key k)
{
	struct exam_def *d = r->d;

	if (def_scalar(r, v, def_keys[k]) < 0)
		return;
	if (k == K_EXAM && !bank_id_valid(v->str, v->len)) {
		def_err(r, v, "'%s' must be an id, as candidates will type it: " BANK_ID_RULE,
			"exam");
		return;
	}
	if (k == K_TITLE && (!v->len || v->len > 200 || strlen(v->str) != v->len ||
			     !def_safe_line(v->str, v->len))) {
		def_err(r, v, "'%s' must be one line of 1 to 200 bytes of UTF-8 text, "
			"without control or invisible characters", "title");
		return;
	}
	if (k == K_EXAM)
		d->id = def_strdup(r, v->str, v->len);
	else
		d->title = def_strdup(r, v->str, v->len);
}

static void def_on_key(void *ctx, const struct bnode *key, const struct bnode *v)
{
	struct def_reader *r = ctx;
	unsigned minutes;
	int k;

	for (k = 0; k < K_N && strcmp(def_keys[k], key->str); k++)
		;
	if (k == K_N) {
		def_err(r, key, "unknown key '%s' in an exam definition; the keys are exam, "
			"title, banks, questions, pass, time and attempts", key->str);
		return;
	}
	if (r->seen[k]++) {
		def_err(r, key, "'%s' is given twice", def_keys[k]);
		return;
	}
	switch (k) {
	case K_EXAM: case K_TITLE: def_text(r, v, (enum def_key)k); break;
	case K_BANKS:
		if (v->kind == BNODE_SCALAR)
			def_bank(r, v);
		else if (v->kind == BNODE_MAP)
			def_err(r, v, "'%s' must be a list of bank ids", "banks");
		break;
	case K_QUESTIONS: def_number(r, v, "questions", 1, 1000, &r->d->count); break;
	case K_PASS: def_number(r, v, "pass", 0, 100, &r->d->pass_mark); break;
	case K_TIME:
		if (def_number(r, v, "time", 1, EXAM_DEF_MAX_MINUTES, &minutes) == 0)
			r->d->time_limit = minutes * 60;
		break;
	case K_ATTEMPTS: def_number(r, v, "attempts", 1, 1000, &r->d->attempts); break;
	}
}

static void def_on_item(void *ctx, const struct bnode *key, const struct bnode *item)
{
	struct def_reader *r = ctx;

	if (!strcmp(key->str, "banks"))
		def_bank(r, item);
	else
		def_err(r, item, "'%s' must be a single value, not a list", key->str);
}

/* What every definition must say. */
static void def_required(struct def_reader *r)
{
	static const char *const why[K_N] = {
		[K_EXAM] = "its id, as candidates type it",
		[K_BANKS] = "the bank ids it draws from",
		[K_QUESTIONS] = "how many questions each candidate gets",
		[K_PASS] = "the pass mark in percent",
	};

	for (int k = 0; k < K_N; k++)
		if (why[k] && !r->seen[k])
			diag_add(r->diags, r->name, 0, 0, "the exam definition has no '%s' (%s)",
				 def_keys[k], why[k]);
	if (r->seen[K_BANKS] && !r->d->n_banks && r->diags->n == 0)
		diag_add(r->diags, r->name, 0, 0, "'banks' lists no bank");
}

static int def_read_file(const char *path, char **data, size_t *len,
			 struct diag_list *diags)
{
	FILE *f = fopen(path, "rb");
	char *buf;

	if (!f) {
		diag_add(diags, path, 0, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (!(buf = malloc(EXAM_DEF_MAX_FILE + 1))) {
		fclose(f);
		diag_add(diags, path, 0, 0, "out of memory");
		return -1;
	}
	*len = fread(buf, 1, EXAM_DEF_MAX_FILE + 1, f);
	if (ferror(f) || *len > EXAM_DEF_MAX_FILE) {
		diag_add(diags, path, 0, 0, ferror(f) ? "cannot read: %s" :
			 "is over 64 KiB; an exam definition is a few lines%s",
			 ferror(f) ? strerror(errno) : "");
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	*data = buf;
	return 0;
}

int exam_def_load(const char *path, struct exam_def **out, struct diag_list *diags)
{
	struct def_reader r = { path, diags, NULL, { 0 }, 0 };
	struct bank_parse_ops ops = { &r, def_on_key, def_on_item };
	size_t before = diags->n + diags->dropped, len;
	char *data;

	*out = NULL;
	if (def_read_file(path, &data, &len, diags) < 0)
		return -1;
	if (!(r.d = calloc(1, sizeof *r.d))) {
		free(data);
		diag_add(diags, path, 0, 0, "out of memory");
		return -1;
	}
	if (bank_parse(path, data, len, &ops, diags) == 0 && !r.oom)
		def_required(&r);
	free(data);
	if (r.oom)
		diag_add(diags, path, 0, 0, "out of memory");
	if (diags->n + diags->dropped > before) {
		exam_def_free(r.d);
		return -1;
	}
	if (!r.d->title && !(r.d->title = def_strdup(&r, r.d->id, strlen(r.d->id)))) {
		exam_def_free(r.d);
		diag_add(diags, path, 0, 0, "out of memory");
		return -1;
	}
	*out = r.d;
	return 0;
}

static int dup_into(char **dst, const char *src)
{
	if (!src)
		return 0;
	*dst = strdup(src);
	return *dst ? 0 : -1;
}

struct exam_def *exam_def_dup(const struct exam_def *d)
{
	struct exam_def *c = calloc(1, sizeof *c);
	int bad;

	if (!c)
		return NULL;
	*c = *d;
	c->id = c->title = c->banks = c->defined_by = NULL;
	memset(c->bank_ids, 0, sizeof c->bank_ids);
	bad = dup_into(&c->id, d->id) | dup_into(&c->title, d->title) |
	      dup_into(&c->banks, d->banks) | dup_into(&c->defined_by, d->defined_by);
	for (size_t i = 0; i < d->n_banks; i++)
		bad |= dup_into(&c->bank_ids[i], d->bank_ids[i]);
	if (bad) {
		exam_def_free(c);
		return NULL;
	}
	return c;
}

void exam_def_free(struct exam_def *d)
{
	if (!d)
		return;
	free(d->id);
	free(d->title);
	for (size_t i = 0; i < d->n_banks; i++)
		free(d->bank_ids[i]);
	free(d->banks);
	free(d->defined_by);
	free(d);
}

const char *exam_def_bank_sha(const struct exam_def *d, const char *id)
{
	size_t n = strlen(id);

	for (const char *p = d->banks; p && *p;) {
		const char *end = p + strcspn(p, ",");

		if ((size_t)(end - p) == n + 65 && !strncmp(p, id, n) && p[n] == ':')
			return p + n + 1;
		p = *end ? end + 1 : end;
	}
	return NULL;
}
