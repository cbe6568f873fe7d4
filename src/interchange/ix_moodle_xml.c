/*
 * A bank as Moodle XML: a <quiz> of one category and one multichoice
 * question (single answer) per bank question, in the elements Moodle's
 * XML importer reads.  Texts are HTML (escaped, line breaks as <br>) in
 * CDATA, which the escaping keeps free of "]]>".
 */
#include "ix.h"

/* s as XML character data (names, ids and tags), or with as_html as the
 * HTML a text is inside CDATA: '"' escaped too, a line break as <br>. */
static void escaped(FILE *out, const char *s, int as_html)
{
	for (; *s; s++)
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs(as_html ? "&quot;" : "\"", out); break;
		case '\n': fputs(as_html ? "<br>" : "\n", out); break;
		default: putc(*s, out);
		}
}

static void html(FILE *out, const char *s)
{
	escaped(out, s, 1);
}

static void xml(FILE *out, const char *s)
{
	escaped(out, s, 0);
}

static void html_text(FILE *out, const char *indent, const char *elem, const char *a,
		      const char *b)
{
	fprintf(out, "%s<%s format=\"html\"><text><![CDATA[", indent, elem);
	if (a)
		html(out, a);
	if (a && b)
		fputs("<br><br>", out);
	if (b)
		html(out, b);
	fprintf(out, "]]></text></%s>\n", elem);
}

static void write_answer(FILE *out, const struct catalog *cat, const struct bank_question *q,
			 unsigned i)
{
	const struct bank_choice *c = &q->choices[i];

	fprintf(out, "    <answer fraction=\"%d\" format=\"html\">\n      <text><![CDATA[",
		i == q->correct ? 100 : 0);
	html(out, c->text);
	fputs("]]></text>\n", out);
	html_text(out, "      ", "feedback", c->why, ix_choice_contrast(cat, q, i));
	fputs("    </answer>\n", out);
}

static void tag(FILE *out, const char *prefix, const char *s)
{
	fprintf(out, "      <tag><text>%s", prefix);
	xml(out, s);
	fputs("</text></tag>\n", out);
}

static void write_tags(FILE *out, const struct catalog *cat, const struct bank_question *q)
{
	fputs("    <tags>\n", out);
	for (unsigned i = 0; i < q->n_about; i++)
		tag(out, "role:", catalog_role(cat, q->about[i])->id);
	for (unsigned i = 0; i < q->n_tags; i++)
		tag(out, "", q->tags[i]);
	fputs("    </tags>\n", out);
}

static void write_question(FILE *out, const struct catalog *cat, const struct bank_question *q)
{
	fputs("  <question type=\"multichoice\">\n    <name><text>", out);
	xml(out, q->id);
	fputs("</text></name>\n", out);
	html_text(out, "    ", "questiontext", q->prompt, NULL);
	html_text(out, "    ", "generalfeedback", q->explain, NULL);
	fputs("    <defaultgrade>1.0000000</defaultgrade>\n"
	      "    <penalty>0.3333333</penalty>\n"
	      "    <hidden>0</hidden>\n    <idnumber>", out);
	xml(out, q->id);
	fputs("</idnumber>\n"
	      "    <single>true</single>\n"
	      "    <shuffleanswers>true</shuffleanswers>\n"
	      "    <answernumbering>abc</answernumbering>\n", out);
	for (unsigned i = 0; i < q->n_choices; i++)
		write_answer(out, cat, q, i);
	write_tags(out, cat, q);
	fputs("  </question>\n", out);
}

int ix_write_moodle_xml(FILE *out, const struct catalog *cat, const struct bank *b)
{
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n"
	      "  <question type=\"category\">\n    <category><text>$course$/top/rolecall/", out);
	xml(out, b->id);
	fputs("</text></category>\n    <info format=\"html\"><text><![CDATA[", out);
	html(out, b->title);
	fputs("]]></text></info>\n  </question>\n", out);
	for (size_t k = 0; k < b->n_questions; k++)
		write_question(out, cat, &b->questions[k]);
	fputs("</quiz>\n", out);
	return ferror(out) ? -1 : 0;
}
