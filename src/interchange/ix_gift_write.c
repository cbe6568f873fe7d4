/*
 * A bank as GIFT, Moodle's text format: one multiple-choice question per
 * bank question.  What GIFT has no place for (roles, contrasts, tags,
 * difficulty, source) goes into "// rolecall KEY: VALUE" comments, which
 * Moodle skips and `rolecall bank import` reads back.
 */
#include "ix.h"

#include <string.h>

/* GIFT's special characters, a backslash before each; a line break as \n. */
static void gift_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			fputs("\\n", out);
		else if (strchr("~=#{}:\\", *s))
			fprintf(out, "\\%c", *s);
		else
			putc(*s, out);
	}
}

static void meta(FILE *out, const char *key, const char *v1, const char *v2)
{
	if (!v2)
		return;
	fprintf(out, "// rolecall %s: ", key);
	if (v1)
		fprintf(out, "%s ", v1);
	gift_text(out, v2);
	putc('\n', out);
}

static const char *role_id(const struct catalog *cat, int i)
{
	return i >= 0 ? catalog_role(cat, i)->id : "-";
}

static void write_head(FILE *out, const struct catalog *cat, const struct bank *b)
{
	fputs("// Written by 'rolecall bank export'.  The \"// rolecall\" comments\n"
	      "// are for 'rolecall bank import'; Moodle skips them.\n", out);
	meta(out, "bank", NULL, b->id);
	meta(out, "title", NULL, b->title);
	meta(out, "description", NULL, b->description);
	if (b->exam_count)
		fprintf(out, "// rolecall exam: %u %u\n", b->exam_count, b->exam_pass);
	for (unsigned i = 0; i < b->n_roles; i++) {
		const struct bank_role *r = catalog_role(cat, b->roles[i]);

		meta(out, "role", r->id, r->name);
		meta(out, "summary", r->id, r->summary);
	}
	for (unsigned i = 0; i < b->n_contrasts; i++) {
		const struct bank_contrast *c = &b->contrasts[i];
		char pair[160];

		snprintf(pair, sizeof pair, "%s %s", role_id(cat, c->role_a),
			 role_id(cat, c->role_b));
		meta(out, "contrast", pair, c->text);
	}
	fprintf(out, "\n$CATEGORY: rolecall/%s\n\n", b->id);
}

static void write_meta(FILE *out, const struct catalog *cat, const struct bank_question *q)
{
	char diff[4];

	fputs("// rolecall roles:", out);
	for (unsigned i = 0; i < q->n_choices; i++)
		fprintf(out, " %s", role_id(cat, q->choices[i].role));
	putc('\n', out);
	snprintf(diff, sizeof diff, "%u", q->difficulty);
	meta(out, "difficulty", NULL, diff);
	meta(out, "source", NULL, q->source);
	for (unsigned i = 0; i < q->n_tags; i++)
		meta(out, "tag", NULL, q->tags[i]);
	if (q->n_about == 1 && q->about[0] == q->answer_role)
		return; /* the default: the answer's role */
	fputs("// rolecall about:", out);
	for (unsigned i = 0; i < q->n_about; i++)
		fprintf(out, " %s", role_id(cat, q->about[i]));
	putc('\n', out);
}

/* A wrong choice's feedback: what it really describes, then the contrast
 * of the pair a learner confuses by picking it. */
static void feedback(FILE *out, const struct catalog *cat, const struct bank_question *q,
		     unsigned i)
{
	const struct bank_choice *c = &q->choices[i];
	const char *contrast = ix_choice_contrast(cat, q, i);

	if (!c->why && !contrast)
		return;
	putc('#', out);
	if (c->why)
		gift_text(out, c->why);
	if (c->why && contrast)
		putc(' ', out);
	if (contrast)
		gift_text(out, contrast);
}

int ix_write_gift(FILE *out, const struct catalog *cat, const struct bank *b)
{
	write_head(out, cat, b);
	for (size_t k = 0; k < b->n_questions; k++) {
		const struct bank_question *q = &b->questions[k];

		write_meta(out, cat, q);
		fputs("::", out);
		gift_text(out, q->id);
		/* Without a marker Moodle reads the prompt as HTML ("<head>" lost,
		 * "&amp;" decoded); its answers and feedback take its format. */
		fputs("::[plain]", out);
		gift_text(out, q->prompt);
		fputs(" {\n", out);
		for (unsigned i = 0; i < q->n_choices; i++) {
			fputs(i == q->correct ? "\t=" : "\t~", out);
			gift_text(out, q->choices[i].text);
			feedback(out, cat, q, i);
			putc('\n', out);
		}
		fputs("\t####", out);
		gift_text(out, q->explain);
		fputs("\n}\n\n", out);
	}
	return ferror(out) ? -1 : 0;
}
