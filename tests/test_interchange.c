/* Banks to and from an LMS's formats (src/interchange/): every bundled bank
 * exported as GIFT and imported again is the same bank, field by field;
 * the YAML writer's quoting survives the bank loader; GIFT's features
 * parse as the format documents them. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ix.h"
#include "ix_gift.h"
#include "rolecall/bank.h"

/* malloc, wrapped for this binary (tests/CMakeLists.txt): a request of
 * fail_from to fail_to bytes fails as out of memory. */
void *__real_malloc(size_t n);
void *__wrap_malloc(size_t n);

static size_t fail_from, fail_to;

void *__wrap_malloc(size_t n)
{
	return n >= fail_from && n < fail_to ? NULL : __real_malloc(n);
}

static const char *const bundled[] = { "four-roles", "interview", "pm-vs-po",
	"pmm-and-project-manager", "scenarios", "trivia", NULL };

static void same_text(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static const char *role_id(const struct catalog *cat, int i)
{
	return i < 0 ? NULL : catalog_role(cat, i)->id;
}

/* Everything a bank says about one question, in both catalogs. */
static void same_question(const struct catalog *ca, const struct bank_question *a,
			  const struct catalog *cb, const struct bank_question *b)
{
	assert_string_equal(a->id, b->id);
	assert_string_equal(a->prompt, b->prompt);
	assert_string_equal(a->explain, b->explain);
	same_text(a->source, b->source);
	assert_int_equal(a->kind, b->kind);
	assert_int_equal(a->n_choices, b->n_choices);
	assert_int_equal(a->correct, b->correct);
	assert_int_equal(a->difficulty, b->difficulty);
	same_text(role_id(ca, a->answer_role), role_id(cb, b->answer_role));
	for (unsigned i = 0; i < a->n_choices; i++) {
		assert_string_equal(a->choices[i].text, b->choices[i].text);
		same_text(a->choices[i].why, b->choices[i].why);
		same_text(role_id(ca, a->choices[i].role), role_id(cb, b->choices[i].role));
	}
	assert_int_equal(a->n_about, b->n_about);
	for (unsigned i = 0; i < a->n_about; i++)
		assert_string_equal(role_id(ca, a->about[i]), role_id(cb, b->about[i]));
	assert_int_equal(a->n_tags, b->n_tags);
	for (unsigned i = 0; i < a->n_tags; i++)
		assert_string_equal(a->tags[i], b->tags[i]);
}

static void same_bank(const struct catalog *ca, const struct bank *a, const struct catalog *cb,
		      const struct bank *b)
{
	assert_string_equal(a->id, b->id);
	assert_string_equal(a->title, b->title);
	same_text(a->description, b->description);
	assert_int_equal(a->exam_count, b->exam_count);
	assert_int_equal(a->exam_pass, b->exam_pass);
	assert_int_equal(a->n_roles, b->n_roles);
	for (unsigned i = 0; i < a->n_roles; i++) {
		const struct bank_role *x = catalog_role(ca, a->roles[i]);
		const struct bank_role *y = catalog_role(cb, b->roles[i]);

		assert_string_equal(x->id, y->id);
		assert_string_equal(x->name, y->name);
		same_text(x->summary, y->summary);
	}
	assert_int_equal(a->n_contrasts, b->n_contrasts);
	for (unsigned i = 0; i < a->n_contrasts; i++) {
		assert_string_equal(role_id(ca, a->contrasts[i].role_a),
				    role_id(cb, b->contrasts[i].role_a));
		assert_string_equal(a->contrasts[i].text, b->contrasts[i].text);
	}
	assert_int_equal(a->n_questions, b->n_questions);
	for (size_t i = 0; i < a->n_questions; i++)
		same_question(ca, &a->questions[i], cb, &b->questions[i]);
}

/* GIFT text read, written as YAML and loaded: 0 with the catalog. */
static struct catalog *import_gift(const char *gift, size_t len, const struct ix_role_map *map,
				   struct diag_list *d)
{
	struct ix_bank *ib = ix_bank_new();
	struct catalog *cat = catalog_new();
	struct diag_list load;
	char *yaml = NULL;
	size_t ylen = 0;
	FILE *f = open_memstream(&yaml, &ylen);

	assert_non_null(ib);
	assert_non_null(f);
	assert_int_equal(ix_read_gift(ib, "in.gift", gift, len, map, d), 0);
	if (!ib->id)
		ib->id = "imported";
	if (!ib->title)
		ib->title = "Imported";
	assert_int_equal(ix_write_yaml(f, ib), 0);
	fclose(f);
	diag_list_init(&load, 100);
	if (catalog_load_buffer(cat, "out.yaml", yaml, ylen, &load) < 0) {
		for (size_t i = 0; i < load.n; i++)
			rc_error_print(&load.items[i], stderr);
		fail_msg("the imported bank does not load:\n%s", yaml);
	}
	diag_list_free(&load);
	free(yaml);
	ix_bank_free(ib);
	return cat;
}

static void gift_round_trips_every_bundled_bank(void **state)
{
	(void)state;
	for (int k = 0; bundled[k]; k++) {
		struct catalog *ca = catalog_new(), *cb;
		struct diag_list d;
		char path[4096], *gift = NULL;
		size_t glen = 0;
		FILE *f = open_memstream(&gift, &glen);

		snprintf(path, sizeof path, "%s/%s.yaml", QUIZZES_DIR, bundled[k]);
		diag_list_init(&d, 100);
		assert_int_equal(catalog_load_file(ca, path, &d), 0);
		assert_int_equal(ix_write_gift(f, ca, catalog_bank(ca, 0)), 0);
		fclose(f);
		cb = import_gift(gift, glen, NULL, &d);
		assert_int_equal(d.n, 0); /* nothing reported: all of it came back */
		same_bank(ca, catalog_bank(ca, 0), cb, catalog_bank(cb, 0));
		diag_list_free(&d);
		free(gift);
		catalog_free(ca);
		catalog_free(cb);
	}
}

/* A bank as YAML, exported as GIFT (into *gift, freed by the caller) and
 * imported again: the same bank, with nothing reported. */
static void gift_round_trip(const char *yaml, char **gift)
{
	struct catalog *ca = catalog_new(), *cb;
	struct diag_list d;
	size_t glen = 0;
	FILE *f = open_memstream(gift, &glen);

	assert_non_null(f);
	diag_list_init(&d, 100);
	assert_int_equal(catalog_load_buffer(ca, "in.yaml", yaml, strlen(yaml), &d), 0);
	assert_int_equal(ix_write_gift(f, ca, catalog_bank(ca, 0)), 0);
	fclose(f);
	cb = import_gift(*gift, glen, NULL, &d);
	for (size_t i = 0; i < d.n; i++)
		rc_error_print(&d.items[i], stderr);
	assert_int_equal(d.n, 0);
	same_bank(ca, catalog_bank(ca, 0), cb, catalog_bank(cb, 0));
	diag_list_free(&d);
	catalog_free(ca);
	catalog_free(cb);
}

static const char arrows[] =
	"bank: arrows\n"
	"title: Arrows\n"
	"roles:\n"
	"  - {id: pm, name: Product Manager}\n"
	"  - {id: po, name: Product Owner}\n"
	"questions:\n"
	"  - id: flow\n"
	"    prompt: \"Which way does the work flow?\"\n"
	"    explain: \"From the roadmap to the backlog.\"\n"
	"    choices:\n"
	"      - {text: \"roadmap -> backlog\", role: po, correct: true}\n"
	"      - {text: \"backlog -> roadmap\", role: pm, why: \"Backwards -> no.\"}\n";

/* Moodle reads an answer block with a '~' as multiple choice, "->" or not. */
static void gift_choice_with_an_arrow_round_trips(void **state)
{
	char *gift = NULL;
	(void)state;

	gift_round_trip(arrows, &gift);
	assert_non_null(strstr(gift, "\t=roadmap -> backlog\n"));
	free(gift);
}

static const char markup[] =
	"bank: markup\n"
	"title: Markup\n"
	"roles:\n"
	"  - {id: pm, name: Product Manager}\n"
	"  - {id: po, name: Product Owner}\n"
	"questions:\n"
	"  - id: head\n"
	"    prompt: \"What does <head> hold & <br> mean?\"\n"
	"    explain: \"Text, not HTML.\"\n"
	"    answer: pm\n"
	"    options: [pm, po]\n"
	"  - id: marker\n"
	"    prompt: \"[html] starts this prompt &amp; stays.\"\n"
	"    explain: \"Text, not a marker.\"\n"
	"    answer: po\n"
	"    options: [pm, po]\n";

/* Moodle reads a prompt without a format marker as HTML: ours say plain
 * (answers and feedback take the prompt's format), and our reader drops
 * the marker, only that one. */
static void gift_export_marks_prompts_plain(void **state)
{
	char *gift = NULL;
	(void)state;

	gift_round_trip(markup, &gift);
	assert_non_null(strstr(gift, "::head::[plain]What does <head> hold & <br> mean? {\n"));
	assert_non_null(strstr(gift, "::marker::[plain][html] starts this prompt &amp; stays. {\n"));
	free(gift);
}

/* An [html] text that ends in the start of an entity is decoded from its
 * own bytes only: the arena's block holds, just after them, what would
 * complete one. */
static void gift_html_text_ends_where_it_ends(void **state)
{
	struct arena a;
	static const char in[] = "[html]x &";
	char *old, *t;
	(void)state;

	arena_init(&a, 64);
	old = arena_alloc(&a, 64);
	assert_non_null(old);
	memset(old, 0, 64);
	memcpy(old + 3, "lt;", 3); /* where "x &"'s own bytes end */
	arena_reset(&a);
	t = gift_text(&a, in, in + strlen(in), 1);
	assert_ptr_equal(t, old);
	assert_string_equal(t, "x &");
	arena_free(&a);
}

static const char features[] =
	"// a comment, skipped\n"
	"$CATEGORY: $course$/top/Onboarding\n"
	"\n"
	"::Escapes \\: all::Who says \\{ \\} \\~ \\= \\# \\: and \\\\?\\nA second line.{\n"
	"  =%100%[html]Product <b>Owner</b> &amp; co # [markdown]right\\: good\n"
	"  ~%0%Product Manager # the roadmap\n"
	"  ~Project Manager\n"
	"  #### [html]The <i>backlog</i>.\n"
	"}\n"
	"\n"
	"::Missing word::The backlog is owned by the {=Product Owner ~Project Manager} in Scrum.\n";

static struct ix_role_map *features_map(void)
{
	static const char map[] = "# roles of the answers\n"
		"po = Product Owner\npo = Product Owner & co\n"
		"pm = Product Manager\npjm = Project Manager\n";
	struct diag_list d;
	struct ix_role_map *m;

	diag_list_init(&d, 10);
	m = ix_role_map_parse("roles.txt", map, strlen(map), &d);
	assert_non_null(m);
	assert_int_equal(d.n, 0);
	diag_list_free(&d);
	return m;
}

static void gift_features_parse_as_documented(void **state)
{
	struct ix_role_map *m = features_map();
	struct diag_list d;
	struct catalog *cat;
	const struct bank_question *q;
	(void)state;

	diag_list_init(&d, 100);
	cat = import_gift(features, strlen(features), m, &d);
	assert_int_equal(d.n, 0);
	assert_string_equal(catalog_bank(cat, 0)->title, "Onboarding");
	q = catalog_find_question(cat, "escapes-all");
	assert_non_null(q);
	assert_string_equal(q->prompt, "Who says { } ~ = # : and \\?\nA second line.");
	assert_int_equal(q->kind, QUESTION_STATEMENTS);
	assert_string_equal(q->choices[0].text, "Product Owner & co");
	assert_string_equal(q->choices[0].why, "right: good");
	assert_string_equal(q->choices[1].why, "the roadmap");
	assert_null(q->choices[2].why);
	assert_string_equal(q->explain, "The backlog.");
	assert_string_equal(role_id(cat, q->answer_role), "po");
	q = catalog_find_question(cat, "missing-word");
	assert_non_null(q);
	assert_string_equal(q->prompt, "The backlog is owned by the _____ in Scrum.");
	assert_int_equal(q->kind, QUESTION_ROLES); /* each answer is its role's name */
	assert_string_equal(q->explain, "The right answer is: Product Owner.");
	catalog_free(cat);
	diag_list_free(&d);
	ix_role_map_free(m);
}

static const char unmappable[] =
	"::TF::The PO owns the backlog.{T}\n"
	"\n"
	"::Short::Who owns the backlog?{=Product Owner =PO}\n"
	"\n"
	"::Match::Match them.{=Backlog -> PO =Roadmap -> PM =Plan -> PjM}\n"
	"\n"
	"::Num::How many roles?{#4}\n"
	"\n"
	"::Essay::Describe the PO.{}\n"
	"\n"
	"::Description::Roles are easy to confuse.\n"
	"\n"
	"::Multi::Which are product roles?{~%50%Product Owner ~%50%Product Manager ~%-100%Project Manager}\n"
	"\n"
	"::No role::Who owns the roadmap?{=The strategist ~The team}\n"
	"\n"
	"::Open::Who owns the backlog?{=Product Owner ~Product Manager\n";

static void unmappable_questions_are_reported_with_their_line(void **state)
{
	static const char *const want[] = {
		"in.gift:1:1: error: question 'TF' not imported: it is a true/false question",
		"in.gift:3:1: error: question 'Short' not imported: it is a short-answer question "
		"(every answer starts with '=')",
		"in.gift:5:1: error: question 'Match' not imported: it is a matching question",
		"in.gift:7:1: error: question 'Num' not imported: it is a numerical question",
		"in.gift:9:1: error: question 'Essay' not imported: it is an essay question (no "
		"answers to choose from)",
		"in.gift:11:1: error: question 'Description' not imported: it is a description "
		"(it has no answers)",
		"in.gift:13:1: error: question 'Multi' not imported: it gives several right "
		"answers or partial marks; a bank question has exactly one right answer",
		"in.gift:15:1: error: question 'No role' not imported: no role for its right "
		"answer 'The strategist'; map the answer to a role with --roles FILE (a line "
		"'ROLE-ID = The strategist')",
		"in.gift:17:1: error: GIFT syntax: the '{' that starts the answers has no closing "
		"'}' (question 'Open')",
		NULL };
	struct ix_role_map *m = features_map();
	struct ix_bank *b = ix_bank_new();
	struct diag_list d;
	char buf[2048];
	size_t n = 0;
	(void)state;

	diag_list_init(&d, 100);
	assert_int_equal(ix_read_gift(b, "in.gift", unmappable, strlen(unmappable), m, &d), 0);
	assert_int_equal(b->n_questions, 0);
	for (; want[n]; n++) {
		assert_true(n < d.n);
		assert_string_equal(rc_error_format(&d.items[n], buf, sizeof buf), want[n]);
	}
	assert_int_equal(d.n, n);
	diag_list_free(&d);
	ix_bank_free(b);
	ix_role_map_free(m);
}

static void yaml_quoting_survives_the_loader(void **state)
{
	static const char *const hard[] = { "\"quoted\" \\ back: slash # not a comment",
		"- a dash, [brackets], {braces}, &anchor *alias !tag | > %", "yes",
		"line one\nline two", "\xE2\x80\xA8separator and \xC3\xA9t\xC3\xA9", NULL };
	(void)state;

	for (int i = 0; hard[i]; i++) {
		struct ix_bank *b = ix_bank_new();
		struct ix_question *q = ix_bank_add_question(b);
		struct catalog *cat = catalog_new();
		struct diag_list d;
		char *yaml = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&yaml, &len);

		b->id = "quoting";
		b->title = hard[i];
		ix_bank_role(b, "a", hard[i]);
		ix_bank_role(b, "b", "B");
		*q = (struct ix_question){ .id = "q", .prompt = hard[i], .explain = hard[i],
			.n_choices = 2, .choices = { { hard[i], hard[i], 0 }, { "x", NULL, 1 } } };
		assert_int_equal(ix_write_yaml(f, b), 0);
		fclose(f);
		diag_list_init(&d, 10);
		assert_int_equal(catalog_load_buffer(cat, "q.yaml", yaml, len, &d), 0);
		q = NULL;
		assert_string_equal(catalog_find_question(cat, "q")->prompt, hard[i]);
		assert_string_equal(catalog_find_question(cat, "q")->choices[0].why, hard[i]);
		assert_string_equal(catalog_role(cat, catalog_find_role(cat, "a"))->name, hard[i]);
		diag_list_free(&d);
		catalog_free(cat);
		free(yaml);
		ix_bank_free(b);
	}
}

static void a_roles_file_line_without_equals_is_refused(void **state)
{
	static const char map[] = "po = Product Owner\nProduct Manager\nPM = x\npm =\n";
	struct diag_list d;
	char buf[512];
	(void)state;

	diag_list_init(&d, 10);
	assert_null(ix_role_map_parse("roles.txt", map, strlen(map), &d));
	assert_int_equal(d.n, 3);
	assert_string_equal(rc_error_format(&d.items[0], buf, sizeof buf),
			    "roles.txt:2:1: error: a line of a roles file is 'ROLE-ID = ANSWER "
			    "TEXT', and this one has no '='");
	assert_string_equal(rc_error_format(&d.items[1], buf, sizeof buf),
			    "roles.txt:3:1: error: 'PM' is not a role id: 1 to 64 lowercase "
			    "letters, digits, '-' or '_', starting with a letter or digit");
	assert_string_equal(rc_error_format(&d.items[2], buf, sizeof buf),
			    "roles.txt:4:1: error: there is no answer text after '='");
	diag_list_free(&d);
}

/* Each reader's first problem, after reading text: want, exactly. */
static void first_problem(int (*read)(struct ix_bank *, const char *, const char *, size_t,
				      const struct ix_role_map *, struct diag_list *),
			  const char *name, const char *text, const struct ix_role_map *m,
			  const char *want)
{
	struct ix_bank *b = ix_bank_new();
	struct diag_list d;
	char buf[512];

	diag_list_init(&d, 100);
	assert_int_equal(read(b, name, text, strlen(text), m, &d), 0);
	assert_int_equal(b->n_roles, BANK_MAX_ROLES);
	assert_true(d.n >= 1);
	assert_string_equal(rc_error_format(&d.items[0], buf, sizeof buf), want);
	diag_list_free(&d);
	ix_bank_free(b);
}

/* One role more than a bank holds is the file's problem, said as such, in
 * every reader: not "out of memory", not a role silently dropped. */
static void one_role_too_many_is_reported(void **state)
{
	char gift[4096] = "", csv[4096] = "id,prompt,choice1,role1,choice2,role2,answer\n";
	char aiken[8192] = "", map[4096] = "";
	struct diag_list d;
	struct ix_role_map *m;
	(void)state;

	for (int i = 1; i <= BANK_MAX_ROLES + 1; i++)
		snprintf(gift + strlen(gift), sizeof gift - strlen(gift),
			 "// rolecall role: r%d Role %d\n", i, i);
	strcat(gift, "::Q::Who?{=Role 1 ~Role 2}\n");
	first_problem(ix_read_gift, "in.gift", gift, NULL,
		      "in.gift:33:1: error: role 'r33' is one too many: a bank holds at most 32 "
		      "roles; it was left out");
	for (int i = 1; i <= BANK_MAX_ROLES / 2 + 1; i++) {
		snprintf(csv + strlen(csv), sizeof csv - strlen(csv),
			 "q%d,Who?,A,r%d,B,r%d,1\n", i, 2 * i - 1, 2 * i);
		snprintf(aiken + strlen(aiken), sizeof aiken - strlen(aiken),
			 "Who %d?\nA) Role %d\nB) Role %d\nANSWER: A\n\n", i, 2 * i - 1, 2 * i);
		snprintf(map + strlen(map), sizeof map - strlen(map), "r%d = Role %d\nr%d = Role %d\n",
			 2 * i - 1, 2 * i - 1, 2 * i, 2 * i);
	}
	first_problem(ix_read_csv, "in.csv", csv, NULL,
		      "in.csv:18:1: error: question 'q17' not imported: role 'r33' is one too "
		      "many: a bank holds at most 32 roles");
	diag_list_init(&d, 10);
	m = ix_role_map_parse("roles.txt", map, strlen(map), &d);
	assert_non_null(m);
	first_problem(ix_read_aiken, "in.txt", aiken, m,
		      "in.txt:81:1: error: question not imported: role 'r33' is one too many: a "
		      "bank holds at most 32 roles");
	ix_role_map_free(m);
	diag_list_free(&d);
}

/* A header row of 65 fields: the 65th is said, not read as a question. */
static void a_csv_header_over_64_fields_is_refused(void **state)
{
	char csv[2048] = "prompt,answer,choice1,choice2", buf[512];
	struct ix_bank *b = ix_bank_new();
	struct diag_list d;
	(void)state;

	for (int i = 5; i <= 65; i++)
		snprintf(csv + strlen(csv), sizeof csv - strlen(csv), ",x%d", i);
	strcat(csv, "\nWho?,1,Product Owner,Product Manager\n");
	diag_list_init(&d, 100);
	assert_int_equal(ix_read_csv(b, "in.csv", csv, strlen(csv), NULL, &d), 0);
	assert_int_equal(d.n, 61);
	assert_string_equal(rc_error_format(&d.items[59], buf, sizeof buf),
			    "in.csv:1:1: error: 'x64' in the header row is not a column "
			    "(doc/bank-format.md lists them)");
	assert_string_equal(rc_error_format(&d.items[60], buf, sizeof buf),
			    "in.csv:1:1: error: the header row has more than 64 fields");
	assert_int_equal(b->n_questions, 0);
	diag_list_free(&d);
	ix_bank_free(b);
}

/* "\\\\" is an escaped backslash: a '~' after it starts the next answer. */
static void gift_answers_split_after_an_escaped_backslash(void **state)
{
	static const char gift[] = "// rolecall role: a A\n// rolecall role: b B\n"
		"// rolecall roles: a b\n::Q::Which?{=back\\\\slash\\\\~not\\~split}\n";
	struct ix_bank *b = ix_bank_new();
	struct diag_list d;
	(void)state;

	diag_list_init(&d, 10);
	assert_int_equal(ix_read_gift(b, "in.gift", gift, strlen(gift), NULL, &d), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(b->n_questions, 1);
	assert_int_equal(b->questions[0].n_choices, 2);
	assert_string_equal(b->questions[0].choices[0].text, "back\\slash\\");
	assert_string_equal(b->questions[0].choices[1].text, "not~split");
	diag_list_free(&d);
	ix_bank_free(b);
}

/* Text of n copies of c. */
static char *repeated(char c, size_t n)
{
	char *s = malloc(n + 1);

	assert_non_null(s);
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

/* One text of the GIFT below is BIG bytes, an arena block of its own, and
 * that block is refused; the file as a whole is more (a comment), so its
 * buffer is not. */
#define BIG 72000
#define GIFT_HEAD "// rolecall role: a A\n// rolecall role: b B\n// rolecall roles: a b\n"

static void refused(const char *form, const char *a, const char *b)
{
	static char text[3 * BIG];
	struct ix_bank *ib = ix_bank_new();
	struct diag_list d;
	char *filler = repeated('/', 5000);
	int rc;

	snprintf(text, sizeof text, "%s\n%s", filler, GIFT_HEAD);
	snprintf(text + strlen(text), sizeof text - strlen(text), form, a, b);
	diag_list_init(&d, 10);
	fail_from = BIG;
	fail_to = BIG + 1000;
	rc = ix_read_gift(ib, "in.gift", text, strlen(text), NULL, &d);
	fail_from = fail_to = 0;
	if (rc != -1)
		fail_msg("not out of memory: %s", form);
	diag_list_free(&d);
	ix_bank_free(ib);
	free(filler);
}

/* Out of memory on any text of a question fails the import: not a
 * question imported without it, nor a problem of the file. */
static void gift_out_of_memory_on_any_text_fails_the_import(void **state)
{
	char *big = repeated('x', BIG), *part = repeated('y', 30000);
	char *why = malloc(BIG + 30002);
	(void)state;

	assert_non_null(why);
	snprintf(why, BIG + 30002, "%s %s", big, part);

	refused("::Q::Who?{=A ~B ####%s}\n%s", big, "");
	refused("::%s::Who?{=A ~B}\n%s", big, "");
	refused("::Q::%s{=A ~B}\n%s", big, "");
	refused("$CATEGORY: %s\n\n::Q::Who?{=A ~B}\n%s", big, "");
	/* a wrong answer's why, less the contrast the export appended */
	refused("// rolecall contrast: a b %s\n::Q::Who?{=A ~B#%s}\n", part, why);
	free(why);
	free(big);
	free(part);
}

static const char contrasted[] =
	"bank: contrasted\n"
	"title: Contrasted\n"
	"roles:\n"
	"  - {id: pm, name: Product Manager}\n"
	"  - {id: po, name: Product Owner}\n"
	"contrasts:\n"
	"  - {roles: [pm, po], text: \"Roadmap versus backlog.\"}\n"
	"questions:\n"
	"  - id: q\n"
	"    prompt: \"Who?\"\n"
	"    explain: \"The PO.\"\n"
	"    choices:\n"
	"      - {text: \"The backlog\", role: po, correct: true}\n"
	"      - {text: \"The roadmap\", role: pm}\n"
	"      - {text: \"The backlog again\", role: po}\n"
	"      - {text: \"Nobody's\"}\n";

/* Only a wrong choice of another role stands for a contrast. */
static void a_wrong_choice_stands_for_its_contrast(void **state)
{
	struct catalog *cat = catalog_new();
	const struct bank_question *q;
	struct diag_list d;
	(void)state;

	diag_list_init(&d, 10);
	assert_int_equal(catalog_load_buffer(cat, "c.yaml", contrasted, strlen(contrasted), &d), 0);
	q = catalog_find_question(cat, "q");
	assert_null(ix_choice_contrast(cat, q, 0));    /* the right one */
	assert_string_equal(ix_choice_contrast(cat, q, 1), "Roadmap versus backlog.");
	assert_null(ix_choice_contrast(cat, q, 2));    /* the answer's own role */
	assert_null(ix_choice_contrast(cat, q, 3));    /* no role */
	diag_list_free(&d);
	catalog_free(cat);
}

/* Moodle XML: texts are HTML in CDATA ('"' and line breaks too), ids and
 * tags plain XML character data. */
static void moodle_xml_escapes_texts_as_html_and_tags_as_xml(void **state)
{
	static const char yaml[] =
		"bank: esc\n"
		"title: \"Esc & <co>\"\n"
		"roles:\n"
		"  - {id: pm, name: Product Manager}\n"
		"  - {id: po, name: Product Owner}\n"
		"questions:\n"
		"  - id: q\n"
		"    prompt: \"A \\\"<b>\\\" & \\nB\"\n"
		"    explain: \"x\"\n"
		"    answer: pm\n"
		"    options: [pm, po]\n"
		"    tags: [\"a&b <\\\"c\\\">\"]\n";
	struct catalog *cat = catalog_new();
	struct diag_list d;
	char *xml = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&xml, &len);
	(void)state;

	diag_list_init(&d, 10);
	assert_int_equal(catalog_load_buffer(cat, "e.yaml", yaml, strlen(yaml), &d), 0);
	assert_int_equal(ix_write_moodle_xml(f, cat, catalog_bank(cat, 0)), 0);
	fclose(f);
	assert_non_null(strstr(xml, "<info format=\"html\"><text><![CDATA[Esc &amp; &lt;co&gt;]]>"));
	assert_non_null(strstr(xml, "<questiontext format=\"html\"><text><![CDATA[A &quot;&lt;b&gt;"
			       "&quot; &amp; <br>B]]></text></questiontext>"));
	assert_non_null(strstr(xml, "<tag><text>a&amp;b &lt;\"c\"&gt;</text></tag>"));
	free(xml);
	diag_list_free(&d);
	catalog_free(cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gift_round_trips_every_bundled_bank),
		cmocka_unit_test(gift_features_parse_as_documented),
		cmocka_unit_test(gift_choice_with_an_arrow_round_trips),
		cmocka_unit_test(gift_export_marks_prompts_plain),
		cmocka_unit_test(gift_html_text_ends_where_it_ends),
		cmocka_unit_test(unmappable_questions_are_reported_with_their_line),
		cmocka_unit_test(yaml_quoting_survives_the_loader),
		cmocka_unit_test(a_roles_file_line_without_equals_is_refused),
		cmocka_unit_test(one_role_too_many_is_reported),
		cmocka_unit_test(a_csv_header_over_64_fields_is_refused),
		cmocka_unit_test(gift_answers_split_after_an_escaped_backslash),
		cmocka_unit_test(gift_out_of_memory_on_any_text_fails_the_import),
		cmocka_unit_test(a_wrong_choice_stands_for_its_contrast),
		cmocka_unit_test(moodle_xml_escapes_texts_as_html_and_tags_as_xml),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
