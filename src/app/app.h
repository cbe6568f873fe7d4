/*
 * app — what a session command opens before it starts: banks, the database,
 * the profile and its history.  Private to the executable; app_close
 * releases everything app_open set up, also after a partial failure.
 */
#ifndef ROLECALL_APP_H
#define ROLECALL_APP_H

#include <stdint.h>

#include "app_clock.h"
#include "options.h"
#include "rolecall/evidence.h"
#include "rolecall/exam_def.h"
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
	char login[64]; /* a shared database's login the profile is bound to */
	struct evidence *ev; /* the drill's, from app_drill_evidence */
	/* The manager's exam this run takes (app_exam_prepare), or NULL; its
	 * banks, found among those loaded, in its order. */
	struct exam_def *exam_def;
	const struct bank *exam_banks[EXAM_DEF_MAX_BANKS];
	/* The banks of a resumed exam attempt (app_exam_resume), in its
	 * order; NULL before. */
	const struct bank **attempt_banks;
	size_t n_attempt_banks;
};

/* Open banks, database, profile and history; prints what went wrong. */
int app_open(const struct options *cli, struct app *app);
/* The same for a command that only reads (stats, export): the database
 * must exist and may be read-only; an unknown profile is not created, its
 * user_id is -1 and its history empty. */
int app_open_read(const struct options *cli, struct app *app);
/* For a command that writes but answers nothing (exam define): the
 * database is created if need be, the profile is not, as app_open_read. */
int app_open_unprofiled(const struct options *cli, struct app *app);
void app_close(struct app *app);

/* The drill's evidence, replayed afresh from the profile's answer log
 * (recent answers weigh more, which the stored counts cannot tell): into
 * app->ev, which *out then borrows for one session.  -1 with err set when
 * the log cannot be read or memory runs out. */
int app_drill_evidence(struct app *app, struct evidence **out, struct rc_error *err);


/* The seed of the n-th session of this run: --seed + n, so "--seed N"
 * replays in either front end; otherwise from the clock and the pid. */
uint64_t app_seed(const struct options *cli, unsigned n);

/* The user name: --user, else the login name. */
const char *app_user_name(const struct options *cli);

/* 0 when name can be a profile's: at most 64 bytes of UTF-8 text without
 * anything the terminal sanitiser would replace.  Otherwise says why and
 * returns -1. */
int app_check_user(const char *name);

/* Print "rolecall: MESSAGE" on stderr. */
void app_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A command that asks questions on standard input needs a terminal there
 * unless it runs in --plain mode: 0, or EXIT_USAGE after saying so. */
int app_need_terminal(const struct options *cli);
/* The same for a session or an exam, which take no operands either. */
int app_check_session(const struct options *cli);

/* Load banks for a session: the bundled ones, plus files and folders given
 * with --bank; *selected gets the banks --bank chose (all when none).
 * Prints every error; returns NULL on failure. */
struct catalog *app_load_banks(const struct options *cli,
			       const struct bank ***selected, size_t *n_selected);

#endif
