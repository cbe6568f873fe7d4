/*
 * The catalog owns loaded banks and makes their roles one set: a role id
 * means the same role in every bank, so confusions are counted across banks.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bank_impl.h"

struct catalog_role {
	struct bank_role role;
	const char *file;
	int line, col;
};

struct catalog {
	struct bank_impl **banks;
	size_t n_banks, cap_banks;
	struct catalog_role roles[ROLECALL_MAX_ROLES];
	size_t n_roles;
	size_t n_questions;         /* question ids: each bank's own map */
	int want_sha256;
	int yielding;               /* catalog_load_file_yielding is loading */
	const struct bank *kept;    /* what it yielded to */
};

void catalog_want_sha256(struct catalog *cat, int on)
{
	cat->want_sha256 = on;
}

struct catalog *catalog_new(void)
{
	return calloc(1, sizeof(struct catalog));
}

void catalog_free(struct catalog *cat)
{
	if (!cat)
		return;
	for (size_t i = 0; i < cat->n_banks; i++)
		bank_impl_free(cat->banks[i]);
	free(cat->banks);
	free(cat);
}

size_t catalog_bank_count(const struct catalog *cat) { return cat->n_banks; }

const struct bank *catalog_bank(const struct catalog *cat, size_t i)
{
	return i < cat->n_banks ? &cat->banks[i]->pub : NULL;
}

const struct bank *catalog_find_bank(const struct catalog *cat, const char *id)
{
	for (size_t i = 0; i < cat->n_banks; i++)
		if (!strcmp(cat->banks[i]->pub.id, id))
			return &cat->banks[i]->pub;
	return NULL;
}

size_t catalog_role_count(const struct catalog *cat) { return cat->n_roles; }

const struct bank_role *catalog_role(const struct catalog *cat, int i)
{
	return i >= 0 && (size_t)i < cat->n_roles ? &cat->roles[i].role : NULL;
}

int catalog_find_role(const struct catalog *cat, const char *id)
{
	for (size_t i = 0; i < cat->n_roles; i++)
		if (!strcmp(cat->roles[i].role.id, id))
			return (int)i;
	return -1;
}

size_t catalog_question_count(const struct catalog *cat) { return cat->n_questions; }

/* The question of a bank with this id, or NULL. */
static const struct bank_question *bank_question(const struct bank_impl *b,
						 const char *id)
{
	uintptr_t i = (uintptr_t)strmap_get(&b->ids, id);

	return i ? &b->questions[i - 1] : NULL;
}

/* A lookup per bank: banks are few, and a catalog-wide map would cost a
 * 100,000-question bank a second table and as many random inserts (a
 * twentieth of its loading time). */
const struct bank_question *catalog_find_question(const struct catalog *cat,
						  const char *id)
{
	const struct bank_question *q = NULL;

	for (size_t i = 0; i < cat->n_banks && !q; i++)
		q = bank_question(cat->banks[i], id);
	return q;
}

const char *catalog_contrast(const struct catalog *cat, int a, int b)
{
	for (size_t i = 0; i < cat->n_banks; i++) {
		const struct bank *bk = &cat->banks[i]->pub;

		for (unsigned k = 0; k < bk->n_contrasts; k++) {
			const struct bank_contrast *c = &bk->contrasts[k];

			if ((c->role_a == a && c->role_b == b) ||
			    (c->role_a == b && c->role_b == a))
				return c->text;
		}
	}
	return NULL;
}

unsigned catalog_each_contrast(const struct catalog *cat, const int *order, unsigned n,
			       void (*fn)(void *ctx, const struct bank_role *a,
					  const struct bank_role *b, const char *text),
			       void *ctx)
{
	unsigned pairs = 0;

	for (unsigned a = 0; a < n; a++)
		for (unsigned b = a + 1; b < n; b++) {
			const char *text = catalog_contrast(cat, order[a], order[b]);

			if (!text)
				continue;
			pairs++;
			fn(ctx, catalog_role(cat, order[a]), catalog_role(cat, order[b]), text);
		}
	return pairs;
}

/* How much of a name to quote in a message: names may be 4,096 bytes, a
 * message is short.  Cut between UTF-8 characters (names are checked
 * UTF-8 without control characters). */
#define QUOTE_MAX 60

static int quote_len(const char *s)
{
	size_t n = strlen(s);

	if (n <= QUOTE_MAX)
		return (int)n;
	n = QUOTE_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

static const char *ellipsis(const char *s)
{
	return strlen(s) > QUOTE_MAX ? "..." : "";
}

/* What would clash with banks already loaded: the bank id, question ids,
 * a role id that another bank names differently.  Reported, not fixed. */
static int check_against_catalog(struct catalog *cat, const struct bank_impl *b,
				 struct diag_list *diags)
{
	const struct bank *pub = &b->pub;
	const struct bank *same = catalog_find_bank(cat, pub->id);
	size_t before = diags->n + diags->dropped;
	size_t new_roles = 0;

	if (same)
		diag_add(diags, pub->path, b->id_line, b->id_col, "bank id '%s' is already used by %s",
			 pub->id, same->path);
	for (unsigned i = 0; i < b->n_roles; i++) {
		const struct role_decl *d = &b->roles[i];
		int g = catalog_find_role(cat, d->role.id);

		if (g < 0) {
			new_roles++;
		} else if (strcmp(cat->roles[g].role.name, d->role.name)) {
			const struct catalog_role *r = &cat->roles[g];

			diag_add(diags, pub->path, d->line, d->col,
				 "role '%s' is named '%.*s%s' here but '%.*s%s' in %s:%d:%d; "
				 "a role id means the same role in every bank", d->role.id,
				 quote_len(d->role.name), d->role.name, ellipsis(d->role.name),
				 quote_len(r->role.name), r->role.name, ellipsis(r->role.name),
				 r->file, r->line, r->col);
		}
	}
	if (cat->n_roles + new_roles > ROLECALL_MAX_ROLES)
		diag_add(diags, pub->path, 1, 1, "with this bank the banks name "
			 ROLECALL_ROLES_FULL, ROLECALL_MAX_ROLES);
	for (size_t i = 0; i < pub->n_questions; i++) {
		const struct bank_question *q = &pub->questions[i];
		const struct bank_question *prev = catalog_find_question(cat, q->id);

		if (prev)
			diag_add(diags, pub->path, (int)q->line, (int)q->col,
				 "question id '%s' is already used in %s:%u:%u; question ids "
				 "are unique across banks", q->id, prev->bank->path, prev->line,
				 prev->col);
	}
	return diags->n + diags->dropped > before ? -1 : 0;
}

static void remap(int *role, const int *global)
{
	if (*role >= 0)
		*role = global[*role];
}

/* Turn the bank's own role indices into catalog indices. */
static void adopt_roles(struct catalog *cat, struct bank_impl *b)
{
	struct bank *pub = &b->pub;
	int *roles = arena_alloc(&b->arena, b->n_roles * sizeof *roles);

	for (unsigned i = 0; i < b->n_roles; i++) {
		int g = catalog_find_role(cat, b->roles[i].role.id);

		if (g < 0) {
			g = (int)cat->n_roles++;
			cat->roles[g] = (struct catalog_role){ b->roles[i].role, pub->path,
							      b->roles[i].line, b->roles[i].col };
		} else if (!cat->roles[g].role.summary) {
			/* The first bank to declare a role need not describe it. */
			cat->roles[g].role.summary = b->roles[i].role.summary;
		}
		b->global[i] = g;
		if (roles)
			roles[i] = g;
	}
	pub->roles = roles;
	pub->n_roles = roles ? b->n_roles : 0;
	for (size_t i = 0; i < pub->n_questions; i++) {
		struct bank_question *q = &b->questions[i];

		for (unsigned k = 0; k < q->n_choices; k++)
			remap(&((struct bank_choice *)q->choices)[k].role, b->global);
		for (unsigned k = 0; k < q->n_about; k++)
			remap((int *)&q->about[k], b->global);
		remap(&q->answer_role, b->global);
	}
	for (unsigned k = 0; k < pub->n_contrasts; k++) {
		struct bank_contrast *c = (struct bank_contrast *)&pub->contrasts[k];

		remap(&c->role_a, b->global);
		remap(&c->role_b, b->global);
	}
}

int catalog_load_buffer(struct catalog *cat, const char *name, const char *data,
			size_t len, struct diag_list *diags)
{
	struct bank_impl *b;

	if (len > BANK_MAX_FILE) {
		diag_add(diags, name, 0, 0, "the file is %zu MiB; a bank is at most %u MiB",
			 len >> 20, BANK_MAX_FILE >> 20);
		return -1;
	}
	b = bank_build(name, data, len, cat->want_sha256, diags);
	if (!b)
		return -1;
	if (cat->yielding && (cat->kept = catalog_find_bank(cat, b->pub.id))) {
		bank_impl_free(b);
		return 1;
	}
	if (check_against_catalog(cat, b, diags) < 0)
		goto fail;
	if (cat->n_banks == cat->cap_banks) {
		size_t cap = cat->cap_banks ? cat->cap_banks * 2 : 8;
		struct bank_impl **banks = realloc(cat->banks, cap * sizeof *banks);

		if (!banks)
			goto oom;
		cat->banks = banks;
		cat->cap_banks = cap;
	}
	adopt_roles(cat, b);
	cat->banks[cat->n_banks++] = b;
	cat->n_questions += b->pub.n_questions;
	return 0;
oom:
	diag_add(diags, name, 0, 0, "out of memory");
fail:
	bank_impl_free(b);
	return -1;
}

static int read_all(int fd, const char *path, size_t size, char **out,
		    struct diag_list *diags)
{
	char *buf = malloc(size ? size : 1);
	size_t got = 0;

	if (!buf) {
		diag_add(diags, path, 0, 0, "out of memory reading %zu bytes", size);
		return -1;
	}
	while (got < size) {
		ssize_t n = read(fd, buf + got, size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			diag_add(diags, path, 0, 0, "cannot read: %s",
				 n < 0 ? strerror(errno) : "the file shrank while being read");
			free(buf);
			return -1;
		}
		got += (size_t)n;
	}
	*out = buf;
	return 0;
}

int catalog_load_file(struct catalog *cat, const char *path, struct diag_list *diags)
{
	struct stat st;
	char *data = NULL;
	int fd, rc;

	/* O_NONBLOCK: opening a FIFO must not hang waiting for a writer. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		diag_add(diags, path, 0, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		diag_add(diags, path, 0, 0, "cannot read: %s", strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_add(diags, path, 0, 0, "%s",
			 S_ISDIR(st.st_mode) ? "is a directory, not a bank file" :
			 "is not a regular file; a bank is a YAML file");
		close(fd);
		return -1;
	}
	if ((uintmax_t)st.st_size > BANK_MAX_FILE) {
		diag_add(diags, path, 0, 0, "the file is %jd MiB; a bank is at most %u MiB",
			 (intmax_t)st.st_size >> 20, BANK_MAX_FILE >> 20);
		close(fd);
		return -1;
	}
	rc = read_all(fd, path, (size_t)st.st_size, &data, diags);
	close(fd);
	if (rc == 0)
		rc = catalog_load_buffer(cat, path, data, (size_t)st.st_size, diags);
	free(data);
	return rc;
}

int catalog_load_file_yielding(struct catalog *cat, const char *path,
			       struct diag_list *diags, const struct bank **kept)
{
	int rc;

	cat->yielding = 1;
	cat->kept = NULL;
	rc = catalog_load_file(cat, path, diags);
	cat->yielding = 0;
	*kept = cat->kept;
	return rc;
}

char *bank_versions_text(const struct bank *const *banks, size_t n)
{
	size_t cap = 1, at = 0;
	char *s;

	for (size_t i = 0; i < n; i++)
		cap += strlen(banks[i]->id) + 2 + sizeof banks[i]->sha256;
	if (!(s = malloc(cap)))
		return NULL;
	s[0] = '\0';
	for (size_t i = 0; i < n; i++)
		at += (size_t)snprintf(s + at, cap - at, "%s%s:%s", i ? "," : "",
				       banks[i]->id, banks[i]->sha256);
	return s;
}

unsigned catalog_roles_of(const struct bank *const *banks, size_t n, int *order,
			  unsigned cap)
{
	unsigned got = 0;

	for (size_t b = 0; b < n; b++)
		for (unsigned r = 0; r < banks[b]->n_roles && got < cap; r++) {
			unsigned k = 0;

			while (k < got && order[k] != banks[b]->roles[r])
				k++;
			if (k == got)
				order[got++] = banks[b]->roles[r];
		}
	return got;
}
