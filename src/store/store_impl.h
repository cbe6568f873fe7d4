/*
 * store_impl.h — what the policy's files (store.c, store_trivia.c) share:
 * a store is a backend's operations and its connection.
 */
#ifndef ROLECALL_STORE_IMPL_H
#define ROLECALL_STORE_IMPL_H

#include "store_backend.h"

struct store {
	const struct store_ops *ops;
	struct store_conn *c;
	store_notice_fn notice; /* what to tell the user while reconnecting */
	void *notice_ctx;
	const struct catalog *names; /* the role names to save; NULL: none */
	int64_t named_user;          /* whose names named[] says are saved */
	unsigned char named[ROLECALL_MAX_ROLES]; /* by catalog role index */
};

/* A write the policy sends again when the connection was lost before its
 * commit was known: 0, a positive outcome, or -1. */
typedef int (*store_write_fn)(struct store *s, void *ctx, struct rc_error *err);

/* Run fn; when it fails because the server went away, reconnect with
 * back-off (telling the user), ask whether its commit landed after all,
 * and run it again only if not: what fn logs is logged exactly once. */
int store_write(struct store *s, store_write_fn fn, void *ctx, struct rc_error *err);

/* Log n answers and save what they changed in h (which has them applied),
 * inside the caller's write transaction, catching up first with answers
 * another process recorded for the profile: exams and trivia record
 * their answers with it too. */
int store_record_locked(struct store *s, int64_t user_id,
			const struct answer_record *recs, unsigned n,
			struct history *h, struct rc_error *err);

#endif
