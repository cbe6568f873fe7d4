/*
 * bench_history_rows — a long answer history, as CSV rows of rolecall's
 * answer log, for building the history benchmark's databases.
 *
 *     bench_history_rows --bank FILE --answers N [--seed N] [--now T]
 *                        [--years Y] [--user-id ID]
 *
 * Writes one CSV line per answer with the columns of the `answers` table
 * (schema 1, src/store.c) in order, id included.  Each answer is to a
 * question of the bank drawn at random, shown in a shuffled order and
 * answered right three times in four (else a random wrong option), spread
 * evenly over the Y years before T.  The records are filled by the engine's
 * answer_record_init, so they are what rolecall itself would log; lists
 * are joined as src/store_columns.c joins them.  Only the store
 * (src/store*.c) talks to SQLite: the driver (bench/run.sh) imports these
 * rows with the sqlite3 shell and has rolecall derive its state with
 * `rolecall stats --rebuild`.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"
#include "rolecall/bank.h"
#include "rolecall/engine.h"
#include "rolecall/rng.h"

static void put_list(const char *const *ids, unsigned n)
{
	putchar('"');
	for (unsigned i = 0; i < n; i++)
		printf("%s%s", i ? "," : "", ids[i] ? ids[i] : "");
	putchar('"');
}

int main(int argc, char **argv)
{
	const char *bank_path = NULL;
	unsigned long long answers = 0, seed = 1, years = 3, user_id = 1;
	long long now = 1767225600; /* 2026-01-01 */
	struct catalog *cat;
	struct rng r;
	const struct bank *b;

	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--bank"))
			bank_path = argv[i + 1];
		else if (!strcmp(argv[i], "--answers"))
			answers = strtoull(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--seed"))
			seed = strtoull(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--now"))
			now = strtoll(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--years"))
			years = strtoull(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--user-id"))
			user_id = strtoull(argv[i + 1], NULL, 10);
		else
			bank_path = NULL, i = argc;
	}
	if (!bank_path || !answers || argc % 2 == 0) {
		fprintf(stderr, "usage: %s --bank FILE --answers N [--seed N] [--now T] "
			"[--years Y] [--user-id ID]\n", argv[0]);
		return 2;
	}
	if (!(cat = bench_load_bank(bank_path)))
		return 1;
	b = catalog_bank(cat, 0);
	rng_seed(&r, seed);
	for (unsigned long long i = 0; i < answers; i++) {
		const struct bank_question *q = &b->questions[rng_below(&r, b->n_questions)];
		unsigned order[BANK_MAX_OPTIONS];
		struct answer_record rec;
		long long span = (long long)years * 365 * 86400;
		int picked;

		for (unsigned k = 0; k < q->n_choices; k++)
			order[k] = k;
		rng_shuffle(&r, order, q->n_choices);
		answer_record_init(&rec, cat, q, order, q->n_choices, MODE_PRACTICE);
		picked = 0;
		while (order[picked] != q->correct)
			picked++;
		rec.correct = rng_below(&r, 4) != 0;
		if (!rec.correct)
			picked = (picked + 1 + (int)rng_below(&r, q->n_choices - 1)) %
				 (int)q->n_choices;
		rec.picked = picked;
		rec.elapsed_ms = 1500 + (int64_t)rng_below(&r, 20000);
		rec.answered_at = now - span + (int64_t)((double)span * (double)i / (double)answers);
		printf("%llu,%llu,%s,%s,%s,", i + 1, user_id, rec.bank_id, rec.question_id,
		       rec.answer_role ? rec.answer_role : "");
		put_list(rec.about, rec.n_about);
		putchar(',');
		put_list(rec.shown_roles, rec.n_shown);
		putchar(',');
		putchar('"');
		for (unsigned k = 0; k < rec.n_shown; k++)
			printf("%s%u", k ? "," : "", rec.shown_choices[k]);
		putchar('"');
		printf(",%d,%s,%d,%" PRId64 ",%" PRId64 ",%s\n", rec.picked,
		       answer_record_picked_role(&rec) ? answer_record_picked_role(&rec) : "",
		       rec.correct, rec.elapsed_ms, rec.answered_at, session_mode_name(rec.mode));
	}
	catalog_free(cat);
	return fflush(stdout) == 0 ? 0 : 1;
}
