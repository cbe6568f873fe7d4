/* The --roles mapping: which role an answer's text stands for. */
#include "ix.h"

#include <stdlib.h>
#include <string.h>

struct ix_role_map {
	struct arena arena;
	struct { const char *id, *text; } *pairs;
	size_t n;
};

void ix_role_map_free(struct ix_role_map *m)
{
	if (!m)
		return;
	arena_free(&m->arena);
	free(m->pairs);
	free(m);
}

/* One "ID = TEXT" line; 0 when blank or a comment, -1 when reported. */
static int parse_line(struct ix_role_map *m, const char *name, int line, const char *s,
		      const char *end, struct diag_list *diags)
{
	const char *eq = memchr(s, '=', (size_t)(end - s)), *id, *text;

	while (s < end && (*s == ' ' || *s == '\t' || *s == '\r'))
		s++;
	if (s == end || *s == '#')
		return 0;
	if (!eq) {
		diag_add(diags, name, line, 1, "a line of a roles file is 'ROLE-ID = ANSWER "
			 "TEXT', and this one has no '='");
		return -1;
	}
	id = ix_strndup_trimmed(&m->arena, s, eq);
	text = ix_strndup_trimmed(&m->arena, eq + 1, end);
	if (!id || !text)
		return -2;
	if (!bank_id_valid(id, strlen(id)) || !*text) {
		diag_add(diags, name, line, 1, !*text ? "there is no answer text after '='" :
			 "'%s' is not a role id: " BANK_ID_RULE, id);
		return -1;
	}
	m->pairs[m->n].id = id;
	m->pairs[m->n++].text = text;
	return 0;
}

struct ix_role_map *ix_role_map_parse(const char *name, const char *text, size_t len,
				      struct diag_list *diags)
{
	struct ix_role_map *m = calloc(1, sizeof *m);
	const char *s = text, *end = text + len;
	int line = 1, bad = 0;
	size_t lines = 1;

	for (size_t i = 0; i < len; i++)
		lines += text[i] == '\n';
	if (!m || !(m->pairs = calloc(lines, sizeof *m->pairs))) {
		free(m);
		diag_add(diags, name, 0, 0, "out of memory");
		return NULL;
	}
	arena_init(&m->arena, 0);
	for (; s < end; line++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		int rc = parse_line(m, name, line, s, nl ? nl : end, diags);

		if (rc == -2)
			diag_add(diags, name, 0, 0, "out of memory");
		bad |= rc < 0;
		s = nl ? nl + 1 : end;
	}
	if (!bad)
		return m;
	ix_role_map_free(m);
	return NULL;
}

static int same_text(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;

		if (x != y)
			return 0;
	}
	return *a == *b;
}

const char *ix_role_map_name(const struct ix_role_map *m, const char *id)
{
	for (size_t i = 0; m && i < m->n; i++)
		if (!strcmp(m->pairs[i].id, id))
			return m->pairs[i].text;
	return id;
}

int ix_role_map_find(const struct ix_role_map *m, struct ix_bank *b, const char *text,
		     char *why, size_t cap)
{
	for (size_t i = 0; m && i < m->n; i++) {
		const char *id = m->pairs[i].id;
		int rc;

		if (!same_text(m->pairs[i].text, text))
			continue;
		if ((rc = ix_bank_role(b, id, ix_role_map_name(m, id))) == IX_FULL)
			ix_role_full(why, cap, id);
		return rc;
	}
	return IX_NO_ROLE;
}
