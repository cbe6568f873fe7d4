/*
 * bench_gen_bank — write a large, valid question bank for the benchmarks.
 *
 *     bench_gen_bank [--seed N] [--questions N] [--id BANK] FILE
 *
 * Seeded (rolecall's own xoshiro256**), so the same arguments always give
 * the same bytes.  The file uses everything a hand-written bank does: both
 * kinds of question, block and flow collections, plain, quoted and folded
 * text, comments, tags, difficulties, UTF-8 punctuation; about 300 bytes a
 * question, so 100,000 questions make about 30 MB.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rolecall/rng.h"

static const char *const words[] = {
	"product", "owner", "manager", "backlog", "roadmap", "vision", "strategy",
	"sprint", "team", "customer", "market", "launch", "release", "risk",
	"milestone", "stakeholder", "feature", "priority", "value", "research",
	"message", "position", "budget", "plan", "schedule", "review", "demo",
	"story", "epic", "metric", "goal", "outcome", "user", "feedback",
	"pricing", "channel", "campaign", "brand", "segment", "persona",
	"competitor", "timeline", "resource", "scope", "quality", "delivery",
	"acceptance", "criteria", "estimate", "velocity", "retrospective",
	"standup", "dependency", "contract", "vendor", "approval", "decision",
	"tradeoff", "experiment", "hypothesis", "insight", "interview", "survey",
	"the", "a", "and", "of", "for", "with", "who", "which", "when", "every",
	"owns", "writes", "decides", "tracks", "sells", "explains", "measures",
	"plans", "accepts", "ranks", "shapes", "reports", "guides", "tests",
	"quarterly", "daily", "weekly", "early", "late", "clear", "shared",
	"new", "small", "large", "key", "main", "long-term", "short-term",
};
#define N_WORDS (sizeof words / sizeof *words)

static const char *const tag_words[] = {
	"backlog", "roadmap", "strategy", "go-to-market", "execution", "people",
	"metrics", "discovery", "delivery", "planning",
};

struct role { const char *id, *name; };

static const struct role roles[] = {
	{ "pm", "Product Manager" },
	{ "po", "Product Owner" },
	{ "pmm", "Product Marketing Manager" },
	{ "pjm", "Project Manager" },
	{ "ba", "Business Analyst" },
	{ "sm", "Scrum Master" },
};
#define N_ROLES (sizeof roles / sizeof *roles)

/* n words; the first capitalised; curly quotes or a dash now and then. */
static void sentence(FILE *f, struct rng *r, unsigned n, int end_mark)
{
	for (unsigned i = 0; i < n; i++) {
		const char *w = words[rng_below(r, N_WORDS)];
		unsigned x = (unsigned)rng_below(r, 40);

		if (i)
			fputc(' ', f);
		if (i == 0)
			fprintf(f, "%c%s", w[0] - 'a' + 'A', w + 1);
		else if (x == 0)
			fprintf(f, "\u201c%s\u201d", w);
		else if (x == 1)
			fprintf(f, "\u2014 %s", w);
		else
			fputs(w, f);
	}
	if (end_mark)
		fputc(end_mark, f);
}

/* Distinct role indices: out[0] is the answer. */
static void pick_roles(struct rng *r, unsigned *out, unsigned n)
{
	unsigned all[N_ROLES];

	for (unsigned i = 0; i < N_ROLES; i++)
		all[i] = i;
	rng_shuffle(r, all, N_ROLES);
	memcpy(out, all, n * sizeof *out);
}

static void roles_question(FILE *f, struct rng *r, unsigned long q)
{
	unsigned pick[4], n = 3 + (unsigned)rng_below(r, 2), shown[4];

	pick_roles(r, pick, n);
	memcpy(shown, pick, sizeof pick);
	rng_shuffle(r, shown, n);
	fprintf(f, "  - id: q%06lu-%s\n    prompt: ", q, words[q % 20]);
	sentence(f, r, 6 + (unsigned)rng_below(r, 5), '?');
	fprintf(f, "\n    answer: %s\n    options: [", roles[pick[0]].id);
	for (unsigned i = 0; i < n; i++)
		fprintf(f, "%s%s", i ? ", " : "", roles[shown[i]].id);
	fputs("]\n    explain: ", f);
	sentence(f, r, 5 + (unsigned)rng_below(r, 5), '.');
	fputc('\n', f);
	if (rng_below(r, 2))
		fprintf(f, "    tags: [%s, %s]\n", tag_words[rng_below(r, 10)],
			tag_words[rng_below(r, 10)] /* may repeat: tags allow it */);
	if (rng_below(r, 3) == 0)
		fprintf(f, "    difficulty: %u\n", 1 + (unsigned)rng_below(r, 3));
}

static void statements_question(FILE *f, struct rng *r, unsigned long q)
{
	unsigned pick[4], n = 3, correct = (unsigned)rng_below(r, n);

	pick_roles(r, pick, n);
	fprintf(f, "  - id: q%06lu-%s\n    prompt: \"Which statement describes the %s?\"\n"
		"    choices:\n", q, words[q % 20], roles[pick[correct]].name);
	for (unsigned i = 0; i < n; i++) {
		if (i % 2 == 0) {
			fputs("      - text: ", f);
			sentence(f, r, 3 + (unsigned)rng_below(r, 4), '.');
			fprintf(f, "\n        role: %s\n", roles[pick[i]].id);
			if (i == correct)
				fputs("        correct: true\n", f);
		} else {
			fputs("      - {text: \"", f);
			sentence(f, r, 3 + (unsigned)rng_below(r, 4), '.');
			fprintf(f, "\", role: %s%s}\n", roles[pick[i]].id,
				i == correct ? ", correct: true" : "");
		}
	}
	fputs("    explain: >-\n      ", f);
	sentence(f, r, 5 + (unsigned)rng_below(r, 4), '.');
	fprintf(f, "\n    source: %s\n", roles[pick[correct]].name);
}

int main(int argc, char **argv)
{
	unsigned long n = 100000, seed = 1;
	const char *id = "bench-large", *path = NULL;
	struct rng r;
	FILE *f;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed = strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--questions") && i + 1 < argc)
			n = strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--id") && i + 1 < argc)
			id = argv[++i];
		else if (argv[i][0] != '-' && !path)
			path = argv[i];
		else {
			fprintf(stderr, "usage: %s [--seed N] [--questions N] [--id BANK] FILE\n",
				argv[0]);
			return 2;
		}
	}
	if (!path || n == 0) {
		fprintf(stderr, "usage: %s [--seed N] [--questions N] [--id BANK] FILE\n", argv[0]);
		return 2;
	}
	if (!(f = fopen(path, "w"))) {
		perror(path);
		return 1;
	}
	rng_seed(&r, seed);
	fprintf(f, "# Generated by bench_gen_bank --seed %lu --questions %lu: a large bank\n"
		"# for rolecall's benchmarks.  Do not edit; run it again.\n"
		"bank: %s\ntitle: Benchmark bank (%lu questions)\n"
		"description: \"Seeded, generated questions about six confusable roles.\"\n"
		"exam: {count: 40, pass: 75}\n\nroles:\n", seed, n, id, n);
	for (unsigned i = 0; i < N_ROLES; i++)
		fprintf(f, "  - id: %s\n    name: %s\n", roles[i].id, roles[i].name);
	fputs("\ncontrasts:\n", f);
	for (unsigned a = 0; a < N_ROLES; a++)
		for (unsigned b = a + 1; b < N_ROLES; b++) {
			fprintf(f, "  - roles: [%s, %s]\n    text: \"", roles[a].id, roles[b].id);
			sentence(f, &r, 14, '.');
			fputs("\"\n", f);
		}
	fputs("\nquestions:\n", f);
	for (unsigned long q = 1; q <= n; q++) {
		if (q % 1000 == 1)
			fprintf(f, "  # --- questions %lu to %lu ---\n", q, q + 999);
		if (rng_below(&r, 2))
			roles_question(f, &r, q);
		else
			statements_question(f, &r, q);
	}
	if (fclose(f) != 0) {
		perror(path);
		return 1;
	}
	return 0;
}
