/*
 * app — what a session command opens before it starts: banks, the database,
 * the profile and its history.  Private to the executable; app_close
 * releases everything app_open set up, also after a partial failure.
 */
#ifndef ROLECALL_APP_H
#define ROLECALL_APP_H

#include <stdint.h>

#include "cli.h"
#include "rolecall/history.h"
#include "rolecall/store.h"

struct app {
	struct catalog *cat;
	const struct bank **banks; /* chosen with --bank, or all */
	size_t n_banks;
	struct store *store;
	int64_t user_id;
	const char *user;
	struct history *h;
};

/* Open banks, database, profile and history; prints what went wrong. */
int app_open(const struct cli *cli, struct app *app);
void app_close(struct app *app);

/* The clock, in unix seconds.  ROLECALL_FAKE_NOW overrides it, so tests can
 * replay days of practice in a second. */
int64_t app_now(void);
/* Milliseconds on a monotonic clock, for answer times. */
int64_t app_ms(void);

/* The seed of the n-th session of this run: --seed + n, so "--seed N"
 * replays in either front end; otherwise from the clock and the pid. */
uint64_t app_seed(const struct cli *cli, unsigned n);

/* The user name: --user, else the login name. */
const char *app_user_name(const struct cli *cli);

/* 0 when name can be a profile's: at most 64 bytes of UTF-8 text without
 * anything the terminal sanitiser would replace.  Otherwise says why and
 * returns -1. */
int app_check_user(const char *name);

#endif
