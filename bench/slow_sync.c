/*
 * bench_slow_sync: an LD_PRELOAD module that makes every fsync and
 * fdatasync ROLECALL_SYNC_DELAY_MS milliseconds slower (default 4), to show
 * what a run costs on a slower disk than the one at hand: start-up on this
 * machine's disk says little about a laptop's or a network home's.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int fsync(int fd);
int fdatasync(int fd);

static void slow_down(void)
{
	const char *ms = getenv("ROLECALL_SYNC_DELAY_MS");
	long delay_ms = ms ? strtol(ms, NULL, 10) : 4;
	struct timespec t = { delay_ms / 1000, (delay_ms % 1000) * 1000000L };

	while (nanosleep(&t, &t) != 0)
		;
}

int fsync(int fd)
{
	int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fsync");

	slow_down();
	return real ? real(fd) : -1;
}

int fdatasync(int fd)
{
	int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");

	slow_down();
	return real ? real(fd) : -1;
}
