/*
 * bench_next_question — what choosing the next question costs for a user
 * with a long history, measured in the process.
 *
 *     bench_next_question --bank FILE --user NAME --db LABEL=FILE
 *                         [--db LABEL=FILE ...] [--runs N] [--now T]
 *
 * Loads the bank once (its cost does not depend on the history), then, N
 * times for each database in turn (so that all of them see the same
 * machine): opens the store, finds the profile, loads its history, builds a
 * practice session and calls session_next once; closes it all.  That is
 * what every `rolecall practice` does before it can show the first
 * question.  Prints, per database, the median of the whole and of its
 * parts in milliseconds, as "LABEL.name value" lines for bench/bench.py.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"
#include "rolecall/engine.h"
#include "rolecall/store.h"

#define MAX_RUNS 1000
#define MAX_DBS 4

struct db_times {
	const char *label, *path;
	uint64_t answers;
	double open[MAX_RUNS], load[MAX_RUNS], next[MAX_RUNS], all[MAX_RUNS];
};

static struct db_times dbs[MAX_DBS];

static int fail(const struct rc_error *err)
{
	rc_error_print(err, stderr);
	return 1;
}

/* One measured run on d: store, profile, history, session, first question. */
static int run_once(struct db_times *d, long run, const struct catalog *cat,
		    const char *user, int64_t now)
{
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
	if (store_open(d->path, &s, &err) < 0 || store_user(s, user, &uid, &err) < 0)
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
	d->answers = history_answers(h);
	session_free(sess);
	history_free(h);
	store_close(s);
	d->open[run] = (t1 - t0) * 1e3;
	d->load[run] = (t2 - t1) * 1e3;
	d->next[run] = (t3 - t2) * 1e3;
	d->all[run] = (t3 - t0) * 1e3;
	return 0;
}

int main(int argc, char **argv)
{
	const char *bank = NULL, *user = NULL;
	long runs = 50;
	int n_dbs = 0, bad = argc % 2 == 0;
	int64_t now = (int64_t)time(NULL);
	struct catalog *cat;

	for (int i = 1; i + 1 < argc && !bad; i += 2) {
		if (!strcmp(argv[i], "--bank")) {
			bank = argv[i + 1];
		} else if (!strcmp(argv[i], "--user")) {
			user = argv[i + 1];
		} else if (!strcmp(argv[i], "--runs")) {
			runs = strtol(argv[i + 1], NULL, 10);
		} else if (!strcmp(argv[i], "--now")) {
			now = strtoll(argv[i + 1], NULL, 10);
		} else if (!strcmp(argv[i], "--db") && n_dbs < MAX_DBS &&
			   strchr(argv[i + 1], '=')) {
			char *eq = strchr(argv[i + 1], '=');

			*eq = '\0';
			dbs[n_dbs].label = argv[i + 1];
			dbs[n_dbs++].path = eq + 1;
		} else {
			bad = 1;
		}
	}
	if (bad || !bank || !user || !n_dbs || runs < 1 || runs > MAX_RUNS) {
		fprintf(stderr, "usage: %s --bank FILE --user NAME --db LABEL=FILE "
			"[--db LABEL=FILE ...] [--runs N<=%d] [--now T]\n", argv[0], MAX_RUNS);
		return 2;
	}
	if (!(cat = bench_load_bank(bank)))
		return 1;
	/* One run of each first, untimed: the files into the page cache. */
	for (int k = 0; k < n_dbs; k++)
		if (run_once(&dbs[k], 0, cat, user, now))
			return 1;
	for (long run = 0; run < runs; run++)
		for (int k = 0; k < n_dbs; k++)
			if (run_once(&dbs[k], run, cat, user, now))
				return 1;
	for (int k = 0; k < n_dbs; k++) {
		struct db_times *t = &dbs[k];

		printf("%s.answers %" PRIu64 "\n", t->label, t->answers);
		printf("%s.runs %ld\n", t->label, runs);
		printf("%s.open_ms %.3f\n", t->label, bench_median(t->open, (size_t)runs));
		printf("%s.load_history_ms %.3f\n", t->label, bench_median(t->load, (size_t)runs));
		printf("%s.session_next_ms %.3f\n", t->label, bench_median(t->next, (size_t)runs));
		printf("%s.median_ms %.3f\n", t->label, bench_median(t->all, (size_t)runs));
	}
	catalog_free(cat);
	return 0;
}
