/* The draft of an imported bank: what a reader fills in; and what both
 * writers ask of a loaded bank. */
#include "ix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ix_bank *ix_bank_new(void)
{
	struct ix_bank *b = calloc(1, sizeof *b);

	if (b)
		arena_init(&b->arena, 64 * 1024);
	return b;
}

void ix_bank_free(struct ix_bank *b)
{
	if (!b)
		return;
	arena_free(&b->arena);
	free(b->questions);
	free(b);
}

struct ix_question *ix_bank_add_question(struct ix_bank *b)
{
	if (b->n_questions == b->cap_questions) {
		size_t cap = b->cap_questions ? 2 * b->cap_questions : 64;
		struct ix_question *q = realloc(b->questions, cap * sizeof *q);

		if (!q)
			return NULL;
		b->questions = q;
		b->cap_questions = cap;
	}
	memset(&b->questions[b->n_questions], 0, sizeof b->questions[0]);
	return &b->questions[b->n_questions++];
}

char *ix_strdup(struct ix_bank *b, const char *s)
{
	return s ? arena_strndup(&b->arena, s, strlen(s)) : NULL;
}

char *ix_strndup_trimmed(struct arena *a, const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		end--;
	return arena_strndup(a, s, (size_t)(end - s));
}

int ix_bank_find_role(const struct ix_bank *b, const char *id)
{
	for (unsigned i = 0; i < b->n_roles; i++)
		if (!strcmp(b->roles[i].id, id))
			return (int)i;
	return IX_NO_ROLE;
}

int ix_bank_role(struct ix_bank *b, const char *id, const char *name)
{
	int i = ix_bank_find_role(b, id);
	struct ix_role *r;

	if (i >= 0)
		return i;
	if (b->n_roles == BANK_MAX_ROLES)
		return IX_FULL;
	r = &b->roles[b->n_roles];
	r->id = ix_strdup(b, id);
	r->name = ix_strdup(b, name);
	r->summary = NULL;
	if (!r->id || !r->name)
		return IX_OOM;
	return (int)b->n_roles++;
}

void ix_role_full(char *why, size_t cap, const char *id)
{
	snprintf(why, cap, "role '%.64s' is one too many: a bank holds at most %d roles", id,
		 BANK_MAX_ROLES);
}

const char *ix_bank_contrast(const struct ix_bank *b, int x, int y)
{
	for (unsigned i = 0; i < b->n_contrasts; i++) {
		const struct ix_contrast *c = &b->contrasts[i];

		if ((c->a == x && c->b == y) || (c->a == y && c->b == x))
			return c->text;
	}
	return NULL;
}

static int id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

void ix_make_id(const char *s, char *buf, size_t cap)
{
	size_t n = 0;
	int dash = 0;

	if (cap > 65)
		cap = 65; /* an id is at most 64 characters */
	for (; *s && n + 1 < cap; s++) {
		char c = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;

		if (id_char(c) && c != '-') {
			if (dash && n)
				buf[n++] = '-';
			dash = 0;
			if (n + 1 < cap)
				buf[n++] = c;
		} else {
			dash = 1;
		}
	}
	while (n && (buf[n - 1] == '-' || buf[n - 1] == '_'))
		n--;
	buf[n] = '\0';
	if (buf[0] == '_')
		buf[0] = 'q';
}

const char *ix_choice_contrast(const struct catalog *cat, const struct bank_question *q,
			       unsigned i)
{
	const struct bank_choice *c = &q->choices[i];

	if (i == q->correct || c->role < 0 || q->answer_role < 0 || c->role == q->answer_role)
		return NULL;
	return catalog_contrast(cat, q->answer_role, c->role);
}
