#include "app_clock.h"

#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "rolecall/store.h"

/* ROLECALL_FAKE_NOW as unix seconds: 1 and the time when it is set, 0 when
 * it is not (or empty), -1 when it is not a time rolecall keeps. */
static int app_fake_now(int64_t *now)
{
	const char *fake = getenv("ROLECALL_FAKE_NOW");
	char *end;
	long long v;

	if (!fake || !*fake)
		return 0;
	if (*fake < '0' || *fake > '9')
		return -1;
	errno = 0;
	v = strtoll(fake, &end, 10);
	if (*end || errno || v > STORE_TIME_MAX)
		return -1;
	*now = (int64_t)v;
	return 1;
}

int app_clock_check(struct rc_error *err)
{
	int64_t now;

	if (app_fake_now(&now) >= 0)
		return 0;
	return rc_error_set(err, "ROLECALL_FAKE_NOW is '%.40s', not a time rolecall "
			    "can keep: give unix seconds from 0 to %lld (the end of "
			    "the year 9999), or unset it", getenv("ROLECALL_FAKE_NOW"),
			    (long long)STORE_TIME_MAX);
}

int64_t app_now(void)
{
	int64_t now;

	/* main refused a ROLECALL_FAKE_NOW out of range before any command ran */
	if (app_fake_now(&now) > 0)
		return now;
	return (int64_t)time(NULL);
}

int64_t app_wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t app_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
