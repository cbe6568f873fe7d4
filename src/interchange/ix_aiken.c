/*
 * Aiken into a bank draft: a question's text on its lines, then its
 * answers "A) text" or "A. text" (a space after the mark optional, as
 * Moodle reads it), then "ANSWER: A"; questions apart by blank lines.
 * Aiken has no feedback and no roles: roles come from --roles.
 */
#include "ix.h"

#include <stdlib.h>
#include <string.h>

struct aiken {
	struct ix_bank *b;
	const char *name;
	const struct ix_role_map *map;
	struct diag_list *diags;
	struct ix_question q;
	char *text;        /* the question's lines so far */
	size_t text_len;
	int line;          /* where the question starts; 0: none started */
	int oom;
};

static const char *trim_dup(struct aiken *a, const char *s, const char *end)
{
	const char *t = ix_strndup_trimmed(&a->b->arena, s, end);

	a->oom |= !t;
	return t ? t : "";
}

static void report(struct aiken *a, int line, const char *why)
{
	diag_add(a->diags, a->name, line, 1, "question not imported: %s", why);
}

static void reset(struct aiken *a)
{
	memset(&a->q, 0, sizeof a->q);
	a->text_len = 0;
	a->line = 0;
}

/* "ANSWER: X" ends the question started at a->line. */
static void finish(struct aiken *a, const char *s, const char *end, int line)
{
	const char *letter = trim_dup(a, s, end);
	struct ix_question *slot;
	char why[400];
	int rc;

	if (strlen(letter) != 1 || *letter < 'A' || (unsigned)(*letter - 'A') >= a->q.n_choices) {
		report(a, line, "its 'ANSWER:' line names none of its answers");
	} else if (a->q.n_choices < BANK_MIN_OPTIONS) {
		report(a, a->line, "it has fewer than 2 answers; a bank question offers 2 to 8");
	} else {
		a->text[a->text_len] = '\0';
		a->q.prompt = trim_dup(a, a->text, a->text + a->text_len);
		a->q.correct = (unsigned)(*letter - 'A');
		rc = ix_question_roles(a->b, a->map, &a->q, why, sizeof why);
		if (rc < 0 && rc != IX_OOM)
			report(a, a->line, why);
		else if (rc < 0 || ix_question_finish(a->b, &a->q, NULL, NULL) < 0 ||
			 !(slot = ix_bank_add_question(a->b)))
			a->oom = 1;
		else
			*slot = a->q;
	}
	reset(a);
}

/* "A) text" or "A. text": the answer, in order from A. */
static int answer_line(const char *s, const char *end)
{
	return end - s >= 2 && *s >= 'A' && *s <= 'Z' && (s[1] == ')' || s[1] == '.');
}

static void take_answer(struct aiken *a, const char *s, const char *end, int line)
{
	if (!a->line) {
		report(a, line, "an answer comes before any question text");
		a->line = -1; /* skip to its ANSWER line or a blank line */
	}
	if (a->line < 0)
		return;
	if (*s - 'A' != (int)a->q.n_choices || a->q.n_choices == BANK_MAX_OPTIONS) {
		report(a, line, a->q.n_choices == BANK_MAX_OPTIONS ? "it has more than 8 "
		       "answers; a bank question offers 2 to 8" : "its answers are not "
		       "lettered A, B, C, ... in order");
		a->line = -1;
		return;
	}
	a->q.choices[a->q.n_choices++] = (struct ix_choice){ trim_dup(a, s + 2, end), NULL, -1 };
}

static void take_line(struct aiken *a, const char *s, const char *end, int line)
{
	const char *t = s + strspn(s, " \t");

	if (end > t && end[-1] == '\r')
		end--;
	if (t >= end) {
		if (a->line > 0)
			report(a, a->line, "it has no 'ANSWER:' line");
		reset(a);
	} else if (!strncmp(t, "ANSWER:", 7)) {
		if (a->line > 0)
			finish(a, t + 7, end, line);
		reset(a);
	} else if (answer_line(t, end)) {
		take_answer(a, t, end, line);
	} else if (a->line >= 0 && !a->q.n_choices) {
		if (!a->line)
			a->line = line;
		if (a->text_len)
			a->text[a->text_len++] = '\n';
		memcpy(a->text + a->text_len, t, (size_t)(end - t));
		a->text_len += (size_t)(end - t);
	} else if (a->line > 0) {
		report(a, a->line, "it has no 'ANSWER:' line");
		a->line = -1;
	}
}

int ix_read_aiken(struct ix_bank *b, const char *name, const char *text, size_t len,
		  const struct ix_role_map *roles, struct diag_list *diags)
{
	struct aiken a = { .b = b, .name = name, .map = roles, .diags = diags };
	const char *s = text, *end = text + len;

	if (!(a.text = malloc(len + 1)))
		return -1;
	for (int line = 1; s < end; line++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));

		take_line(&a, s, nl ? nl : end, line);
		s = nl ? nl + 1 : end;
	}
	if (a.line > 0)
		report(&a, a.line, "it has no 'ANSWER:' line");
	free(a.text);
	return a.oom ? -1 : 0;
}
