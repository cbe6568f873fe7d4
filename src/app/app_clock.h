/*
 * app_clock — the two clocks every layer above the core reads: wall time
 * for what is stored and shown, a monotonic clock for deadlines.  The core
 * never reads a clock: times are passed in.
 */
#ifndef ROLECALL_APP_CLOCK_H
#define ROLECALL_APP_CLOCK_H

#include <stdint.h>

#include "rolecall/diag.h"

/* The clock, in unix seconds.  ROLECALL_FAKE_NOW overrides it, so tests can
 * replay days of practice in a second. */
int64_t app_now(void);
/* -1 with why in err when ROLECALL_FAKE_NOW is set to something other than
 * unix seconds from 0 to STORE_TIME_MAX: main checks it before a command
 * runs, so that no time a command stores or adds to can overflow. */
int app_clock_check(struct rc_error *err);
/* Milliseconds on this machine's wall clock (CLOCK_REALTIME): what the
 * processes of one trivia game count from. */
int64_t app_wall_ms(void);
/* Milliseconds on a monotonic clock, for answer times. */
int64_t app_ms(void);

#endif
