/*
 * store_errors — the messages the policy and every backend give for the
 * same fault, so that a user reads one wording whichever database they
 * use.  Each fills err naming the database (path) and returns -1.
 */
#ifndef ROLECALL_STORE_ERRORS_H
#define ROLECALL_STORE_ERRORS_H

#include <stdint.h>

#include "rolecall/history.h"
#include "store_rows.h"

/* The caller handed the store an answer its history has not seen. */
int store_unapplied(const char *path, const struct answer_record *rec,
		    struct rc_error *err);
int store_no_user(const char *path, int64_t user_id, struct rc_error *err);
int store_oom(const char *path, const char *doing, struct rc_error *err);
/* history_* fail when out of memory or when a history is full of roles. */
int store_history_fail(const char *path, const struct history *h,
		       const char *doing, struct rc_error *err);
/* An argument no caller of rolecall's own passes: a trivia game's. */
int store_bad_trivia(const char *path, const char *what, struct rc_error *err);

/* A row a decoder refused.  With bad->what, the value it holds out of its
 * range ("exam attempt 3 has an impossible end time (-1e+308)"); else the
 * row is malformed otherwise (an unknown word, a broken list).  tool is
 * what fixes a row by hand: "sqlite3", "psql". */
int store_bad_value(const char *path, const struct store_bad *bad, const char *tool,
		    struct rc_error *err);

#endif
