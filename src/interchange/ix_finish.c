/* What every reader does to a question once its text and answers are
 * read: roles from --roles, the kind, an explanation, a unique id. */
#include "ix.h"

#include <stdio.h>
#include <string.h>

int ix_question_roles(struct ix_bank *b, const struct ix_role_map *map, struct ix_question *q,
		      char *why, size_t cap)
{
	const char *t = q->choices[q->correct].text;

	for (unsigned i = 0; i < q->n_choices; i++) {
		int rc;

		if (q->choices[i].role >= 0)
			continue;
		rc = ix_role_map_find(map, b, q->choices[i].text, why, cap);
		if (rc == IX_OOM || rc == IX_FULL)
			return rc;
		q->choices[i].role = rc;
	}
	if (q->choices[q->correct].role >= 0)
		return 0;
	snprintf(why, cap, "no role for its right answer '%.80s'; map the answer to a role "
		 "with --roles FILE (a line 'ROLE-ID = %.80s')", t, t);
	return -1;
}

/* Each choice its role's name, each role once: the options are roles. */
static int options_are_roles(const struct ix_bank *b, const struct ix_question *q)
{
	for (unsigned i = 0; i < q->n_choices; i++) {
		const struct ix_choice *c = &q->choices[i];

		if (c->role < 0 || c->why || strcmp(c->text, b->roles[c->role].name))
			return 0;
		for (unsigned j = 0; j < i; j++)
			if (q->choices[j].role == c->role)
				return 0;
	}
	return 1;
}

static int id_taken(const struct ix_bank *b, const char *id)
{
	for (size_t i = 0; i < b->n_questions; i++)
		if (b->questions[i].id && !strcmp(b->questions[i].id, id))
			return 1;
	return 0;
}

/* The question's id: its title made an id, else q and its number; made
 * unique with -2, -3, ... */
static const char *question_id(struct ix_bank *b, const char *title)
{
	char base[80], id[96];

	ix_make_id(title ? title : "", base, sizeof base);
	if (!*base)
		snprintf(base, sizeof base, "q%zu", b->n_questions + 1);
	snprintf(id, sizeof id, "%s", base);
	for (unsigned k = 2; id_taken(b, id); k++)
		snprintf(id, sizeof id, "%.60s-%u", base, k);
	return ix_strdup(b, id);
}

int ix_question_finish(struct ix_bank *b, struct ix_question *q, const char *title,
		       const char *general)
{
	q->options_are_roles = options_are_roles(b, q);
	q->explain = general && *general ? general : q->choices[q->correct].why;
	if (q->explain == q->choices[q->correct].why)
		q->choices[q->correct].why = NULL;
	if (!q->explain) {
		/* a bank question must explain itself; an LMS's need not */
		const char *t = q->choices[q->correct].text;
		size_t n = strlen(t);
		char *e = arena_alloc(&b->arena, n + 32);

		if (e)
			sprintf(e, "The right answer is: %s%s", t,
				n && strchr(".?!", t[n - 1]) ? "" : ".");
		q->explain = e;
	}
	q->id = question_id(b, title);
	return q->explain && q->id ? 0 : -1;
}
