#include "app_clock.h"

#include <stdlib.h>
#include <time.h>

int64_t app_now(void)
{
	const char *fake = getenv("ROLECALL_FAKE_NOW");

	if (fake && *fake)
		return strtoll(fake, NULL, 10);
	return (int64_t)time(NULL);
}

int64_t app_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
