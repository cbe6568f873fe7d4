/*
 * store_errors — the messages the policy and every backend give for the
 * same fault, so that a user reads one wording whichever database they
 * use.  Each fills err naming the database (path) and returns -1.
 */
#ifndef ROLECALL_STORE_ERRORS_H
#define ROLECALL_STORE_ERRORS_H

#include <stdint.h>

#include "rolecall/history.h"

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

#endif
