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
};

/* Log n answers and save what they changed in h (which has them applied),
 * inside the caller's write transaction, catching up first with answers
 * another process recorded for the profile: exams and trivia record
 * their answers with it too. */
int store_record_locked(struct store *s, int64_t user_id,
			const struct answer_record *recs, unsigned n,
			struct history *h, struct rc_error *err);

#endif
