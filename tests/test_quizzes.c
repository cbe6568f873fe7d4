/* The bundled banks: the content standards of the product, checked so
 * they cannot regress (counts per bank and role, explanations, sources,
 * contrasts, layout on an 80x24 screen). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include "rolecall/bank.h"

static struct catalog *cat;
static const char *const roles[] = { "pm", "po", "pmm", "pjm" };
static const char *const sections[] = {
	"Introduction", "Product Manager", "Product Owner",
	"Product Marketing Manager", "Project Manager", "Closing Remarks", NULL,
};

static int load_all(void **state)
{
	DIR *d = opendir(QUIZZES_DIR);
	struct dirent *e;
	struct diag_list diags;
	char path[4096];

	(void)state;
	assert_non_null(d);
	cat = catalog_new();
	diag_list_init(&diags, 100);
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);

		if (n < 6 || strcmp(e->d_name + n - 5, ".yaml"))
			continue;
		snprintf(path, sizeof path, "%s/%s", QUIZZES_DIR, e->d_name);
		if (catalog_load_file(cat, path, &diags) < 0) {
			for (size_t i = 0; i < diags.n; i++)
				print_error("%s:%d:%d: %s\n", diags.items[i].file,
					    diags.items[i].line, diags.items[i].col, diags.items[i].msg);
			fail_msg("bundled bank %s does not load", path);
		}
	}
	closedir(d);
	diag_list_free(&diags);
	return 0;
}

static int free_all(void **state)
{
	(void)state;
	catalog_free(cat);
	return 0;
}

static void test_totals(void **state)
{
	(void)state;
	assert_true(catalog_bank_count(cat) >= 5);
	assert_true(catalog_question_count(cat) >= 160);
	for (size_t b = 0; b < catalog_bank_count(cat); b++)
		assert_true(catalog_bank(cat, b)->n_questions >= 20);
}

static void test_each_role_answers_25(void **state)
{
	(void)state;
	for (int r = 0; r < 4; r++) {
		int role = catalog_find_role(cat, roles[r]);
		unsigned n = 0;

		assert_true(role >= 0);
		for (size_t b = 0; b < catalog_bank_count(cat); b++) {
			const struct bank *bk = catalog_bank(cat, b);

			for (size_t i = 0; i < bk->n_questions; i++)
				n += bk->questions[i].answer_role == role;
		}
		if (n < 25)
			fail_msg("role %s is the answer of only %u questions", roles[r], n);
	}
}

static int known_section(const char *s)
{
	for (int i = 0; sections[i]; i++)
		if (s && !strcmp(s, sections[i]))
			return 1;
	return 0;
}

static void test_explain_source_roles(void **state)
{
	(void)state;
	for (size_t b = 0; b < catalog_bank_count(cat); b++) {
		const struct bank *bk = catalog_bank(cat, b);

		for (size_t i = 0; i < bk->n_questions; i++) {
			const struct bank_question *q = &bk->questions[i];

			assert_true(strlen(q->explain) > 20);
			if (!known_section(q->source))
				fail_msg("%s: source '%s' is not a section of the article", q->id,
					 q->source ? q->source : "(none)");
			if (q->answer_role < 0) {
				/* A claim of the article that belongs to no role: its
				 * wrong picks are no confusion between roles, so no
				 * choice carries one, and it still counts toward the
				 * roles it is about. */
				if (q->kind != QUESTION_STATEMENTS || q->n_about == 0)
					fail_msg("%s: no answer role, yet not a statement about roles", q->id);
				for (unsigned k = 0; k < q->n_choices; k++)
					if (q->choices[k].role >= 0)
						fail_msg("%s: choice %u has a role, the answer none", q->id, k + 1);
				continue;
			}
			for (unsigned k = 0; k < q->n_choices; k++)
				if (q->choices[k].role < 0)
					fail_msg("%s: choice %u has no role", q->id, k + 1);
		}
	}
}

static void test_six_contrasts_everywhere(void **state)
{
	(void)state;
	for (size_t b = 0; b < catalog_bank_count(cat); b++) {
		const struct bank *bk = catalog_bank(cat, b);

		assert_int_equal(bk->n_contrasts, 6);
		for (int x = 0; x < 4; x++)
			for (int y = x + 1; y < 4; y++)
				assert_non_null(catalog_contrast(cat, catalog_find_role(cat, roles[x]),
								 catalog_find_role(cat, roles[y])));
	}
}

/* Lines a text takes when wrapped at `width` columns on word boundaries;
 * bytes stand in for columns (the banks are mostly ASCII, and a wide
 * character only makes the estimate safer). */
static unsigned wrapped_lines(const char *s, unsigned width)
{
	unsigned lines = 1, col = 0;

	while (*s) {
		size_t w = strcspn(s, " \n");

		if (col && col + 1 + w > width) {
			lines++;
			col = 0;
		}
		col += (col ? 1 : 0) + (unsigned)w;
		s += w;
		if (*s == '\n') {
			lines++;
			col = 0;
		}
		if (*s)
			s++;
	}
	return lines;
}

static void test_fits_80x24(void **state)
{
	(void)state;
	for (size_t b = 0; b < catalog_bank_count(cat); b++) {
		const struct bank *bk = catalog_bank(cat, b);

		for (size_t i = 0; i < bk->n_questions; i++) {
			const struct bank_question *q = &bk->questions[i];
			unsigned lines = wrapped_lines(q->prompt, 76);

			for (unsigned k = 0; k < q->n_choices; k++)
				lines += wrapped_lines(q->choices[k].text, 76 - 5);
			if (lines > 20)
				fail_msg("%s takes %u lines at 76 columns", q->id, lines);
		}
	}
}

static void test_correct_not_usually_longest(void **state)
{
	unsigned statements = 0, longest = 0;

	(void)state;
	for (size_t b = 0; b < catalog_bank_count(cat); b++) {
		const struct bank *bk = catalog_bank(cat, b);

		for (size_t i = 0; i < bk->n_questions; i++) {
			const struct bank_question *q = &bk->questions[i];
			size_t right = strlen(q->choices[q->correct].text);
			int is_longest = 1;

			if (q->kind != QUESTION_STATEMENTS)
				continue;
			statements++;
			for (unsigned k = 0; k < q->n_choices; k++)
				if (k != q->correct && strlen(q->choices[k].text) > right)
					is_longest = 0;
			longest += is_longest;
		}
	}
	assert_true(statements >= 40);
	/* With 3-5 choices chance is 20-33%; a giveaway would be near 100%. */
	if (longest * 100 > statements * 40)
		fail_msg("the right choice is the longest in %u of %u statement questions",
			 longest, statements);
}

/* The keyword guesser: a learner who knows only the four role names.  A
 * word of a role's name that no other role's name has ("owner",
 * "marketing", "project") is that role's cue, matched by its stem
 * ("own", "market", "project") at the start of a word, so that "owns",
 * "market" and "projects" count too.  Full role names are taken out of a
 * text first: naming a role is not a cue, "project" outside the name is. */
#define MAX_NAMES 32

struct cue {
	char stem[32];
	int role;
};

static struct cue cues[MAX_NAMES];
static unsigned n_cues;

static void lower_copy(char *dst, size_t n, const char *src)
{
	size_t i;

	for (i = 0; i + 1 < n && src[i]; i++)
		dst[i] = (src[i] >= 'A' && src[i] <= 'Z') ? (char)(src[i] - 'A' + 'a') : src[i];
	dst[i] = 0;
}

static int name_has_word(const char *name, const char *word)
{
	char lname[256];
	size_t w = strlen(word);

	lower_copy(lname, sizeof lname, name);
	for (const char *p = lname; (p = strstr(p, word)); p++)
		if ((p == lname || p[-1] == ' ') && (p[w] == 0 || p[w] == ' '))
			return 1;
	return 0;
}

static void build_cues(void)
{
	n_cues = 0;
	for (int r = 0; r < 4; r++) {
		int role = catalog_find_role(cat, roles[r]);
		char name[256];
		char *save = NULL;

		lower_copy(name, sizeof name, catalog_role(cat, role)->name);
		for (char *w = strtok_r(name, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
			int shared = 0;
			size_t n = strlen(w);

			for (int o = 0; o < 4; o++)
				if (o != r && name_has_word(catalog_role(cat, catalog_find_role(cat, roles[o]))->name, w))
					shared = 1;
			if (shared || n_cues == MAX_NAMES)
				continue;
			if (n > 5 && !strcmp(w + n - 3, "ing"))
				n -= 3;
			else if (n > 4 && !strcmp(w + n - 2, "er"))
				n -= 2;
			snprintf(cues[n_cues].stem, sizeof cues[n_cues].stem, "%.*s", (int)n, w);
			cues[n_cues++].role = role;
		}
	}
}

/* Bit r set: the text names role r in full (names) or by a cue (cued). */
static void scan(const char *text, unsigned *names, unsigned *cued)
{
	char t[BANK_MAX_TEXT + 1];

	lower_copy(t, sizeof t, text);
	*names = *cued = 0;
	for (int r = 0; r < 4; r++) {
		int role = catalog_find_role(cat, roles[r]);
		char name[256];
		size_t n;

		lower_copy(name, sizeof name, catalog_role(cat, role)->name);
		n = strlen(name);
		for (char *p = t; (p = strstr(p, name)); p += n) {
			*names |= 1u << role;
			memset(p, ' ', n);
		}
	}
	for (unsigned c = 0; c < n_cues; c++)
		for (const char *p = t; (p = strstr(p, cues[c].stem)); p++)
			if (p == t || !(p[-1] >= 'a' && p[-1] <= 'z'))
				*cued |= 1u << cues[c].role;
}

/* The guesser's expected score on one question.  Options are roles: it
 * picks among the roles the prompt cues.  Statements: it picks among the
 * choices that cue a role the prompt names or cues, or, when the prompt
 * names none, among the choices that cue any role.  No candidate: a
 * uniform guess. */
static double guess_score(const struct bank_question *q)
{
	unsigned pn, pc, cn, cc, picked = 0, right = 0;

	scan(q->prompt, &pn, &pc);
	for (unsigned k = 0; k < q->n_choices; k++) {
		int hit;

		if (q->kind == QUESTION_ROLES) {
			hit = q->choices[k].role >= 0 && (pc >> q->choices[k].role & 1);
		} else {
			scan(q->choices[k].text, &cn, &cc);
			hit = (pn | pc) ? (cc & (pn | pc)) != 0 : cc != 0;
		}
		if (hit) {
			picked++;
			right += k == q->correct;
		}
	}
	return picked ? (double)right / picked : 1.0 / q->n_choices;
}

static void test_keyword_guesser_at_chance(void **state)
{
	double guess = 0, chance = 0;
	size_t n = 0;

	(void)state;
	build_cues();
	assert_int_equal(n_cues, 3);
	for (size_t b = 0; b < catalog_bank_count(cat); b++) {
		const struct bank *bk = catalog_bank(cat, b);

		for (size_t i = 0; i < bk->n_questions; i++) {
			const struct bank_question *q = &bk->questions[i];
			double g = guess_score(q);

			if (getenv("ROLECALL_SHOW_LEAKS") && fabs(g - 1.0 / q->n_choices) > 1e-9)
				print_message("leak %s: %.2f vs %.2f\n", q->id, g, 1.0 / q->n_choices);
			guess += g;
			chance += 1.0 / q->n_choices;
			n++;
		}
	}
	print_message("keyword guesser %.1f%%, chance %.1f%%, over %zu questions\n",
		      100 * guess / n, 100 * chance / n, n);
	if (100 * (guess - chance) / n > 3 || 100 * (chance - guess) / n > 3)
		fail_msg("a learner who knows only the role names scores %.1f%%; chance is %.1f%%",
			 100 * guess / n, 100 * chance / n);
}

/* The angle a question takes on its claims: who does this (options are
 * roles), which statement fits, or a scene to read (the scenario and
 * interview banks, and any question tagged "scene"). */
enum { ANGLE_WHO = 1, ANGLE_STATEMENT = 2, ANGLE_SCENE = 4 };

static int has_tag(const struct bank_question *q, const char *tag)
{
	for (unsigned t = 0; t < q->n_tags; t++)
		if (!strcmp(q->tags[t], tag))
			return 1;
	return 0;
}

static unsigned angle_of(const struct bank_question *q)
{
	if (!strcmp(q->bank->id, "scenarios") || !strcmp(q->bank->id, "interview") ||
	    has_tag(q, "scene"))
		return ANGLE_SCENE;
	return q->kind == QUESTION_ROLES ? ANGLE_WHO : ANGLE_STATEMENT;
}

/* doc/banks.md promises that every claim of its map, "(`tag`)", is tested
 * from at least two angles. */
static void test_every_claim_two_angles(void **state)
{
	FILE *f = fopen(QUIZZES_DIR "/../doc/banks.md", "r");
	char line[2048];
	unsigned claims = 0;

	(void)state;
	assert_non_null(f);
	while (fgets(line, sizeof line, f)) {
		char tag[64];
		const char *p = strstr(line, "** (`");
		unsigned angles = 0, n = 0;

		if (strncmp(line, "- **", 4) || !p || sscanf(p, "** (`%63[a-z-]`)", tag) != 1)
			continue;
		claims++;
		for (size_t b = 0; b < catalog_bank_count(cat); b++) {
			const struct bank *bk = catalog_bank(cat, b);

			for (size_t i = 0; i < bk->n_questions; i++)
				if (has_tag(&bk->questions[i], tag)) {
					angles |= angle_of(&bk->questions[i]);
					n++;
				}
		}
		if (n < 2 || (angles & (angles - 1)) == 0)
			fail_msg("claim '%s' is tested by %u question(s) from one angle", tag, n);
	}
	fclose(f);
	assert_true(claims >= 50);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_totals),
		cmocka_unit_test(test_each_role_answers_25),
		cmocka_unit_test(test_explain_source_roles),
		cmocka_unit_test(test_six_contrasts_everywhere),
		cmocka_unit_test(test_fits_80x24),
		cmocka_unit_test(test_correct_not_usually_longest),
		cmocka_unit_test(test_keyword_guesser_at_chance),
		cmocka_unit_test(test_every_claim_two_angles),
	};

	return cmocka_run_group_tests(tests, load_all, free_all);
}
