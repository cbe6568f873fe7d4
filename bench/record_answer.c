/*
 * bench_record_answer — how long recording one answer takes, commit
 * included, with the durability settings rolecall ships with (WAL,
 * synchronous=FULL: store_record returns once the answer is on disk).
 *
 *     bench_record_answer --db FILE|URI --bank FILE --user NAME [--answers N]
 *                         [--seed N] [--now T] [--think-ms N] [--times]
 *
 * Runs practice sessions on the bank through the engine, answering at
 * random (right about half the time), and times every store_record call:
 * the same call `rolecall practice` makes after each answer.  Prints
 * percentiles in milliseconds as "name value" lines for bench/run.sh.
 * --think-ms N waits 0 to 2N ms (N on average) before each answer, as a
 * learner reading the question would, outside the timing; --times prints
 * every latency too ("t_ms X"), for a benchmark that runs many learners at
 * once and takes the percentiles over all of them (bench/pg.py); --start-at
 * T waits, once the bank is loaded and the store open, until unix time T
 * (seconds, decimals allowed), so that many learners start answering
 * together and nobody's start-up is timed as someone's answer.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench_util.h"
#include "rolecall/engine.h"
#include "rolecall/rng.h"
#include "rolecall/store.h"

static int fail(const struct rc_error *err)
{
	rc_error_print(err, stderr);
	return 1;
}

int main(int argc, char **argv)
{
	const char *db = NULL, *bank = NULL, *user = NULL;
	long n = 1000, think_ms = 0;
	double start_at = 0;
	int times = 0;
	uint64_t seed = 7;
	int64_t now = (int64_t)time(NULL);
	struct catalog *cat;
	struct store *s;
	struct history *h;
	struct rc_error err;
	struct rng r;
	int64_t uid;
	double *t, sum = 0;
	long done = 0;

	for (int i = 1; i < argc; i += 2) {
		if (!strcmp(argv[i], "--times")) {
			times = 1;
			i--;
		} else if (i + 1 == argc) {
			db = NULL; /* a valued option without its value */
		} else if (!strcmp(argv[i], "--db"))
			db = argv[i + 1];
		else if (!strcmp(argv[i], "--bank"))
			bank = argv[i + 1];
		else if (!strcmp(argv[i], "--user"))
			user = argv[i + 1];
		else if (!strcmp(argv[i], "--answers"))
			n = strtol(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--seed"))
			seed = strtoull(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--now"))
			now = strtoll(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--think-ms"))
			think_ms = strtol(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--start-at"))
			start_at = strtod(argv[i + 1], NULL);
		else
			db = NULL, i = argc;
	}
	if (!db || !bank || !user || n < 1 || think_ms < 0) {
		fprintf(stderr, "usage: %s --db FILE|URI --bank FILE --user NAME [--answers N] "
			"[--seed N] [--now T] [--think-ms N] [--times]\n", argv[0]);
		return 2;
	}
	if (!(cat = bench_load_bank(bank)))
		return 1;
	if (!(t = calloc((size_t)n, sizeof *t)) || !(h = history_new()))
		return 1;
	if (store_open(db, &s, &err) < 0 || store_user(s, user, &uid, &err) < 0 ||
	    store_load_history(s, uid, h, &err) < 0)
		return fail(&err);
	rng_seed(&r, seed);
	bench_sleep_until(start_at);
	while (done < n) {
		const struct bank *banks[1] = { catalog_bank(cat, 0) };
		struct session_config cfg = { .mode = MODE_PRACTICE, .banks = banks,
					      .n_banks = 1, .count = 20,
					      .seed = rng_next(&r), .now = now };
		const struct shown_question *sq;
		struct session *sess;

		if (session_new(cat, h, &cfg, &sess, &err) < 0)
			return fail(&err);
		while (done < n && (sq = session_next(sess))) {
			struct answer_result res;
			int pos = (int)rng_below(&r, sq->n_options);
			double t0;

			now += 5 + (int64_t)rng_below(&r, 20);
			if (session_answer(sess, pos, 4000, now, &res, &err) < 0)
				return fail(&err);
			if (think_ms)
				usleep((useconds_t)rng_below(&r, (uint64_t)think_ms * 2 + 1) * 1000);
			t0 = bench_now();
			if (store_record(s, uid, &res.record, h, &err) < 0)
				return fail(&err);
			t[done] = (bench_now() - t0) * 1e3;
			sum += t[done++];
		}
		session_free(sess);
	}
	for (long i = 0; times && i < n; i++)
		printf("t_ms %.3f\n", t[i]);
	printf("answers %ld\nmean_ms %.3f\n", n, sum / (double)n);
	printf("p50_ms %.3f\n", bench_percentile(t, (size_t)n, 50));
	printf("p90_ms %.3f\n", bench_percentile(t, (size_t)n, 90));
	printf("p99_ms %.3f\n", bench_percentile(t, (size_t)n, 99));
	printf("max_ms %.3f\n", bench_percentile(t, (size_t)n, 100));
	store_close(s);
	history_free(h);
	catalog_free(cat);
	free(t);
	return 0;
}
