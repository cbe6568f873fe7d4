/* Small helpers the benchmark programs share: a clock and order statistics. */
#ifndef ROLECALL_BENCH_UTIL_H
#define ROLECALL_BENCH_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "rolecall/bank.h"

/* A catalog of the one bank at path, or NULL after printing why. */
static inline struct catalog *bench_load_bank(const char *path)
{
	struct catalog *cat = catalog_new();
	struct diag_list d;
	int rc;

	if (!cat) {
		fputs("out of memory\n", stderr);
		return NULL;
	}
	diag_list_init(&d, 10);
	rc = catalog_load_file(cat, path, &d);
	for (size_t i = 0; i < d.n; i++)
		rc_error_print(&d.items[i], stderr);
	diag_list_free(&d);
	if (rc < 0) {
		catalog_free(cat);
		return NULL;
	}
	return cat;
}

/* Seconds on the monotonic clock. */
static inline double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Sleep until unix time t (seconds); at once when it has passed. */
static inline void bench_sleep_until(double t)
{
	struct timespec now, ts;
	double left;

	clock_gettime(CLOCK_REALTIME, &now);
	left = t - ((double)now.tv_sec + (double)now.tv_nsec * 1e-9);
	if (left <= 0)
		return;
	ts.tv_sec = (time_t)left;
	ts.tv_nsec = (long)((left - (double)ts.tv_sec) * 1e9);
	nanosleep(&ts, NULL);
}

static inline int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The p-th percentile (0..100) of v[0..n-1], nearest rank; sorts v. */
static inline double bench_percentile(double *v, size_t n, double p)
{
	size_t rank;

	if (n == 0)
		return 0;
	qsort(v, n, sizeof *v, bench_cmp_double);
	rank = (size_t)(p / 100.0 * (double)n + 0.999999);
	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return v[rank - 1];
}

/* The median: the middle value, or the mean of the two middle ones. */
static inline double bench_median(double *v, size_t n)
{
	if (n == 0)
		return 0;
	qsort(v, n, sizeof *v, bench_cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

#endif
