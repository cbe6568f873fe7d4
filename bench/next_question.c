/*
 * bench_next_question — what choosing the next question costs for a user
 * with a long history, measured in the process.
 *
 *     bench_next_question --db FILE --bank FILE --user NAME [--runs N] [--now T]
 *
 * Loads the bank once (its cost does not depend on the history), then, N
 * times over: opens the store, finds the profile, loads its history,
 * builds a practice session and calls session_next once; closes it all.
 * That is what every `rolecall practice` does before it can show the first
 * question.  Prints the median and minimum of the whole and of its parts,
 * in milliseconds, as "name value" lines for bench/run.sh.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"
#include "rolecall/engine.h"
#include "rolecall/store.h"

#define MAX_RUNS 1000

static double t_open[MAX_RUNS], t_load[MAX_RUNS], t_next[MAX_RUNS], t_all[MAX_RUNS];

static int fail(const struct rc_error *err)
{
	rc_error_print(err, stderr);
	return 1;
}

int main(int argc, char **argv)
{
	const char *db = NULL, *bank = NULL, *user = NULL;
	long runs = 50;
	int64_t now = (int64_t)time(NULL);
	uint64_t answers = 0;
	struct catalog *cat = catalog_new();
	struct diag_list d;

	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--db"))
			db = argv[i + 1];
		else if (!strcmp(argv[i], "--bank"))
			bank = argv[i + 1];
		else if (!strcmp(argv[i], "--user"))
			user = argv[i + 1];
		else if (!strcmp(argv[i], "--runs"))
			runs = strtol(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--now"))
			now = strtoll(argv[i + 1], NULL, 10);
		else
			db = NULL, i = argc;
	}
	if (!db || !bank || !user || runs < 1 || runs > MAX_RUNS || argc % 2 == 0) {
		fprintf(stderr, "usage: %s --db FILE --bank FILE --user NAME [--runs N<=%d] "
			"[--now T]\n", argv[0], MAX_RUNS);
		return 2;
	}
	diag_list_init(&d, 10);
	if (!cat || catalog_load_file(cat, bank, &d) < 0) {
		for (size_t i = 0; i < d.n; i++)
			rc_error_print(&d.items[i], stderr);
		return 1;
	}
	diag_list_free(&d);
	for (long run = 0; run < runs; run++) {
		const struct bank *banks[1] = { catalog_bank(cat, 0) };
		struct session_config cfg = { .mode = MODE_PRACTICE, .banks = banks,
					     .n_banks = 1, .seed = 42, .now = now };
		struct store *s;
		struct history *h;
		struct session *sess;
		struct rc_error err;
		int64_t uid;
		double t0, t1, t2, t3;

		t0 = bench_now();
		if (store_open(db, &s, &err) < 0 || store_user(s, user, &uid, &err) < 0)
			return fail(&err);
		t1 = bench_now();
		if (!(h = history_new()))
			return 1;
		if (store_load_history(s, uid, h, &err) < 0)
			return fail(&err);
		t2 = bench_now();
		if (session_new(cat, h, &cfg, &sess, &err) < 0)
			return fail(&err);
		if (!session_next(sess)) {
			fputs("session_next gave no question\n", stderr);
			return 1;
		}
		t3 = bench_now();
		answers = history_answers(h);
		session_free(sess);
		history_free(h);
		store_close(s);
		t_open[run] = (t1 - t0) * 1e3;
		t_load[run] = (t2 - t1) * 1e3;
		t_next[run] = (t3 - t2) * 1e3;
		t_all[run] = (t3 - t0) * 1e3;
	}
	printf("answers %" PRIu64 "\nruns %ld\n", answers, runs);
	printf("open_ms %.3f\n", bench_median(t_open, (size_t)runs));
	printf("load_history_ms %.3f\n", bench_median(t_load, (size_t)runs));
	printf("session_next_ms %.3f\n", bench_median(t_next, (size_t)runs));
	printf("min_ms %.3f\n", bench_percentile(t_all, (size_t)runs, 0));
	printf("median_ms %.3f\n", bench_median(t_all, (size_t)runs));
	catalog_free(cat);
	return 0;
}
