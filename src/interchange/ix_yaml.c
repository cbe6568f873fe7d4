/* An imported bank printed as a bank file: every text double-quoted, so
 * that no character of it can be read as YAML syntax. */
#include "ix.h"

#include <string.h>

#include "rolecall/emit.h"

static void quoted(FILE *out, const char *s)
{
	putc('"', out);
	while (*s) {
		long cp;
		size_t n = emit_utf8_next(s, strlen(s), &cp);

		if (cp == '"' || cp == '\\')
			fprintf(out, "\\%c", (char)cp);
		else if (cp == '\n')
			fputs("\\n", out);
		else if (cp == '\t')
			fputs("\\t", out);
		else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
			fprintf(out, "\\x%02lX", cp < 0 ? 0x3FL : cp);
		/* YAML reads these as line breaks even inside quotes */
		else if (cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF)
			fprintf(out, "\\u%04lX", cp);
		else
			fwrite(s, 1, n, out);
		s += n;
	}
	putc('"', out);
}

static void key_text(FILE *out, const char *indent, const char *key, const char *s)
{
	if (!s)
		return;
	fprintf(out, "%s%s: ", indent, key);
	quoted(out, s);
	putc('\n', out);
}

static void write_head(FILE *out, const struct ix_bank *b)
{
	fprintf(out, "bank: %s\n", b->id);
	key_text(out, "", "title", b->title);
	key_text(out, "", "description", b->description);
	if (b->exam_count)
		fprintf(out, "exam: {count: %u, pass: %u}\n", b->exam_count, b->exam_pass);
	fputs("\nroles:\n", out);
	for (unsigned i = 0; i < b->n_roles; i++) {
		fprintf(out, "  - id: %s\n", b->roles[i].id);
		key_text(out, "    ", "name", b->roles[i].name);
		key_text(out, "    ", "summary", b->roles[i].summary);
	}
	if (b->n_contrasts)
		fputs("\ncontrasts:\n", out);
	for (unsigned i = 0; i < b->n_contrasts; i++) {
		const struct ix_contrast *c = &b->contrasts[i];

		fprintf(out, "  - roles: [%s, %s]\n", b->roles[c->a].id, b->roles[c->b].id);
		key_text(out, "    ", "text", c->text);
	}
}

static void write_choices(FILE *out, const struct ix_bank *b, const struct ix_question *q)
{
	if (q->options_are_roles) {
		fprintf(out, "    answer: %s\n    options: [", b->roles[q->choices[q->correct].role].id);
		for (unsigned i = 0; i < q->n_choices; i++)
			fprintf(out, "%s%s", i ? ", " : "", b->roles[q->choices[i].role].id);
		fputs("]\n", out);
		return;
	}
	fputs("    choices:\n", out);
	for (unsigned i = 0; i < q->n_choices; i++) {
		const struct ix_choice *c = &q->choices[i];

		key_text(out, "      - ", "text", c->text);
		if (c->role >= 0)
			fprintf(out, "        role: %s\n", b->roles[c->role].id);
		if (i == q->correct)
			fputs("        correct: true\n", out);
		key_text(out, "        ", "why", c->why);
	}
}

static void write_question(FILE *out, const struct ix_bank *b, const struct ix_question *q)
{
	fprintf(out, "  - id: %s\n", q->id);
	key_text(out, "    ", "prompt", q->prompt);
	write_choices(out, b, q);
	key_text(out, "    ", "explain", q->explain);
	key_text(out, "    ", "source", q->source);
	if (q->n_tags) {
		fputs("    tags: [", out);
		for (unsigned i = 0; i < q->n_tags; i++) {
			fputs(i ? ", " : "", out);
			quoted(out, q->tags[i]);
		}
		fputs("]\n", out);
	}
	if (q->difficulty)
		fprintf(out, "    difficulty: %u\n", q->difficulty);
	if (q->n_about) {
		fputs("    roles: [", out);
		for (unsigned i = 0; i < q->n_about; i++)
			fprintf(out, "%s%s", i ? ", " : "", b->roles[q->about[i]].id);
		fputs("]\n", out);
	}
}

int ix_write_yaml(FILE *out, const struct ix_bank *b)
{
	fputs("# Written by 'rolecall bank import'; check it with 'rolecall check'.\n", out);
	write_head(out, b);
	fputs("\nquestions:\n", out);
	for (size_t i = 0; i < b->n_questions; i++)
		write_question(out, b, &b->questions[i]);
	return ferror(out) ? -1 : 0;
}
