/*
 * CSV into a bank draft: a header row naming the columns (any order, case
 * aside), then one question a row.  The columns are documented in
 * doc/bank-format.md: id, prompt, choice1..choice8, role1..role8,
 * why1..why8, answer (the number of the right choice), explain, source,
 * difficulty.  Fields follow RFC 4180: quoted with "", "" inside quotes,
 * line breaks allowed inside quotes.
 */
#include "ix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { COL_ID, COL_PROMPT, COL_ANSWER, COL_EXPLAIN, COL_SOURCE, COL_DIFFICULTY,
       COL_CHOICE, COL_ROLE = COL_CHOICE + BANK_MAX_OPTIONS,
       COL_WHY = COL_ROLE + BANK_MAX_OPTIONS, COL_N = COL_WHY + BANK_MAX_OPTIONS };
#define MAX_FIELDS 64

struct csv {
	struct ix_bank *b;
	const char *name;
	const struct ix_role_map *map;
	struct diag_list *diags;
	const char *s, *end;
	int line;
	int col_of[MAX_FIELDS];   /* the column each field of a row is; -1 */
	const char *field[COL_N]; /* this row's, by column; NULL when absent */
	char *scratch;            /* a field being read: at most the whole text */
	int oom;
};

/* The next field into the bank's arena; 1 when it ended its row, 0 when
 * more follow, -1 when a quote is not closed. */
static int next_field(struct csv *c, const char **out)
{
	char *buf = c->scratch;
	size_t n = 0;
	int quoted = c->s < c->end && *c->s == '"';

	for (c->s += quoted; c->s < c->end; c->s++) {
		char ch = *c->s;

		if (quoted && ch == '"' && c->s + 1 < c->end && c->s[1] == '"') {
			buf[n++] = '"';
			c->s++;
		} else if (quoted && ch == '"') {
			quoted = 0;
		} else if (!quoted && (ch == ',' || ch == '\n' || ch == '\r')) {
			break;
		} else {
			c->line += ch == '\n';
			buf[n++] = ch;
		}
	}
	*out = arena_strndup(&c->b->arena, buf, n);
	c->oom |= !*out;
	if (!*out)
		*out = "";
	if (quoted)
		return -1;
	if (c->s < c->end && *c->s == ',')
		return c->s++, 0;
	if (c->s < c->end && *c->s == '\r')
		c->s++;
	if (c->s < c->end && *c->s == '\n')
		c->s++;
	c->line++;
	return 1;
}

static int column(const char *h)
{
	static const char *const fixed[] = { "id", "prompt", "answer", "explain", "source",
					     "difficulty", NULL };
	static const char *const numbered[] = { "choice", "role", "why", NULL };
	char low[32];
	size_t n = 0;

	for (; *h && n + 1 < sizeof low; h++)
		low[n++] = *h >= 'A' && *h <= 'Z' ? (char)(*h - 'A' + 'a') : *h;
	low[n] = '\0';
	for (int i = 0; fixed[i]; i++)
		if (!strcmp(low, fixed[i]))
			return i;
	for (int i = 0; numbered[i]; i++) {
		size_t k = strlen(numbered[i]);

		if (n == k + 1 && !strncmp(low, numbered[i], k) && low[k] >= '1' && low[k] <= '8')
			return COL_CHOICE + i * BANK_MAX_OPTIONS + (low[k] - '1');
	}
	return -1;
}

/* The header row: which column each field is.  -1 after reporting. */
static int read_header(struct csv *c)
{
	int k = 0, rc = 0, bad = 0, seen[COL_N] = { 0 };

	while (rc == 0) {
		const char *h;

		if (k == MAX_FIELDS) {
			/* asked before reading one more, which the rows would get */
			diag_add(c->diags, c->name, 1, 1, "the header row has more than %d fields",
				 MAX_FIELDS);
			bad = 1;
			break;
		}
		if ((rc = next_field(c, &h)) < 0)
			break;
		c->col_of[k] = column(h);
		if (c->col_of[k] < 0 || seen[c->col_of[k]]++) {
			diag_add(c->diags, c->name, 1, 1, "'%s' in the header row is %s column "
				 "(doc/bank-format.md lists them)", h, c->col_of[k] < 0 ?
				 "not a" : "a repeated");
			bad = 1;
		}
		k++;
	}
	for (; k < MAX_FIELDS; k++)
		c->col_of[k] = -1;
	if (rc < 0 || bad || !seen[COL_PROMPT] || !seen[COL_ANSWER] || !seen[COL_CHOICE] ||
	    !seen[COL_CHOICE + 1]) {
		if (!bad)
			diag_add(c->diags, c->name, 1, 1, "the header row needs the columns "
				 "prompt, choice1, choice2 and answer");
		return -1;
	}
	return 0;
}

enum { ROLE_BAD = -4 }; /* role_of's: not an id, or one too many */

/* The role column's id, declared with its --roles name (else the id):
 * its index, IX_NO_ROLE, IX_OOM, or ROLE_BAD with why filled. */
static int role_of(struct csv *c, const char *id, char *why, size_t cap)
{
	int rc;

	if (!id || !*id)
		return IX_NO_ROLE;
	if (!bank_id_valid(id, strlen(id))) {
		snprintf(why, cap, "'%.64s' is not a role id: " BANK_ID_RULE, id);
		return ROLE_BAD;
	}
	if ((rc = ix_bank_role(c->b, id, ix_role_map_name(c->map, id))) == IX_FULL) {
		ix_role_full(why, cap, id);
		return ROLE_BAD;
	}
	return rc;
}

/* The row's fields into q; -1 with why filled when it cannot be one,
 * IX_OOM. */
static int row_question(struct csv *c, struct ix_question *q, char *why, size_t cap)
{
	const char **f = c->field;
	char *end;
	int role;
	long right = f[COL_ANSWER] ? strtol(f[COL_ANSWER], &end, 10) : 0;

	for (unsigned i = 0; i < BANK_MAX_OPTIONS; i++) {
		if (!f[COL_CHOICE + i] || !*f[COL_CHOICE + i])
			continue;
		if ((role = role_of(c, f[COL_ROLE + i], why, cap)) == ROLE_BAD || role == IX_OOM)
			return role == IX_OOM ? IX_OOM : -1;
		q->choices[q->n_choices++] = (struct ix_choice){ f[COL_CHOICE + i],
			f[COL_WHY + i] && *f[COL_WHY + i] ? f[COL_WHY + i] : NULL, role };
		if (right == (long)i + 1)
			q->correct = q->n_choices - 1;
	}
	if (!f[COL_PROMPT] || !*f[COL_PROMPT])
		return snprintf(why, cap, "it has no prompt"), -1;
	if (q->n_choices < BANK_MIN_OPTIONS)
		return snprintf(why, cap, "it has fewer than 2 choices; a bank question offers "
				"2 to 8"), -1;
	if (!f[COL_ANSWER] || *end || right < 1 || right > BANK_MAX_OPTIONS ||
	    !f[COL_CHOICE + right - 1] || !*f[COL_CHOICE + right - 1])
		return snprintf(why, cap, "its answer '%.20s' is not the number of one of its "
				"choices (1 for choice1, ...)", f[COL_ANSWER] ? f[COL_ANSWER] : ""), -1;
	q->prompt = f[COL_PROMPT];
	q->source = f[COL_SOURCE] && *f[COL_SOURCE] ? f[COL_SOURCE] : NULL;
	q->difficulty = f[COL_DIFFICULTY] ? (unsigned)strtoul(f[COL_DIFFICULTY], NULL, 10) : 0;
	if (q->difficulty > 3)
		q->difficulty = 0;
	role = ix_question_roles(c->b, c->map, q, why, cap);
	return role == IX_OOM ? IX_OOM : role < 0 ? -1 : 0;
}

static void take_row(struct csv *c, int line)
{
	struct ix_question q, *slot;
	char why[400];
	const char *id = c->field[COL_ID] && *c->field[COL_ID] ? c->field[COL_ID] : NULL;
	int rc;

	memset(&q, 0, sizeof q);
	if ((rc = row_question(c, &q, why, sizeof why)) == -1)
		diag_add(c->diags, c->name, line, 1, "question%s%s%s not imported: %s",
			 id ? " '" : "", id ? id : "", id ? "'" : "", why);
	else if (rc < 0 || ix_question_finish(c->b, &q, id, c->field[COL_EXPLAIN]) < 0 ||
		 !(slot = ix_bank_add_question(c->b)))
		c->oom = 1;
	else
		*slot = q;
}

static int read_rows(struct csv *c)
{
	while (c->s < c->end) {
		int line = c->line, k = 0, rc = 0, blank = 1;

		memset(c->field, 0, sizeof c->field);
		while (rc == 0) {
			const char *v;

			if ((rc = next_field(c, &v)) < 0) {
				diag_add(c->diags, c->name, line, 1, "a quoted field that starts "
					 "on this row is not closed; nothing after it was read");
				return -1;
			}
			blank &= !*v;
			if (k < MAX_FIELDS && c->col_of[k] >= 0)
				c->field[c->col_of[k]] = v;
			k++;
		}
		if (!blank)
			take_row(c, line);
	}
	return 0;
}

int ix_read_csv(struct ix_bank *b, const char *name, const char *text, size_t len,
		const struct ix_role_map *roles, struct diag_list *diags)
{
	struct csv c = { .b = b, .name = name, .map = roles, .diags = diags, .s = text,
			 .end = text + len, .line = 1 };

	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		c.s += 3;
	if (!(c.scratch = malloc(len + 1)))
		return -1;
	if (read_header(&c) == 0)
		read_rows(&c);
	free(c.scratch);
	return c.oom ? -1 : 0;
}
