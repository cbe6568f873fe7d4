/*
 * store_exam — exam attempts in the store (see store.h for the store
 * itself).
 *
 * An attempt is stored with all its questions when it starts
 * ('open'), each answer is committed when given, and submitting marks it
 * 'submitted' and appends every question to the answer log (mode exam) in
 * one transaction.  An exam that is killed stays 'open': reports show it
 * as not submitted, with the answers it had.
 *
 * Exam questions are passed as answer records (exam_item_record), so the
 * log gets exactly what store_record would write.
 */
#ifndef ROLECALL_STORE_EXAM_H
#define ROLECALL_STORE_EXAM_H

#include <stdint.h>

#include "rolecall/exam_def.h"
#include "rolecall/history.h"

struct store;

struct exam_attempt {
	int64_t id;            /* set by store_exam_begin */
	int64_t user_id;
	const char *user;      /* when read back */
	int64_t started_at;    /* unix seconds */
	int64_t ended_at;      /* 0 while open */
	uint64_t seed;
	unsigned count;        /* questions */
	unsigned pass_mark;    /* percent */
	unsigned time_limit;   /* seconds; 0 = untimed */
	int submitted;
	int timed_out;
	unsigned correct;      /* 0 while open */
	const char *banks;     /* "id:sha256,id:sha256", in the order used */
	const char *definition; /* the manager's exam it is an attempt at, or
				 * NULL when its rules came from the command line */
};

/* Store a new open attempt (a->id gets its id) and its n questions (n must
 * be a->count), in one transaction; items[i] is question i+1 as shown,
 * with its answer so far. */
int store_exam_begin(struct store *s, struct exam_attempt *a,
		     const struct answer_record *items, unsigned n,
		     struct rc_error *err);

/* Save the answer to question `position` (0-based) of an open attempt:
 * item's picked and correct.  Committed before it returns. */
int store_exam_answer(struct store *s, int64_t attempt_id, unsigned position,
		      const struct answer_record *item, struct rc_error *err);

/* Submit an open attempt: a->id, user_id, ended_at, timed_out and
 * correct; items are its n questions as answered, all kept with the
 * attempt.  Those answered (picked >= 0) go into the log (mode exam) and
 * h's derived state, as store_record does; an unanswered one counts only
 * against the attempt's score.  h must already have every answered item
 * applied (history_apply), and no other.  One transaction. */
int store_exam_submit(struct store *s, const struct exam_attempt *a,
		      const struct answer_record *items, unsigned n,
		      struct history *h, struct rc_error *err);
/* The same, again after a store_exam_submit that failed (nothing of it
 * is stored): h, which it may have left half loaded, is loaded afresh
 * under the write lock, with the answered items applied, before the
 * attempt is closed.  Call it as often as it fails. */
int store_exam_submit_again(struct store *s, const struct exam_attempt *a,
			    const struct answer_record *items, unsigned n,
			    struct history *h, struct rc_error *err);

/* Which attempts to read. */
struct exam_filter {
	int64_t user_id;     /* 0: every user */
	int64_t attempt_id;  /* 0: every attempt */
	int64_t since;       /* attempts started at or after this (unix seconds) */
	int submitted_only;
	const char *definition; /* NULL: attempts at any exam */
};

/* Call fn for each attempt the filter lets through, oldest first.  Strings
 * live until fn returns; fn returns nonzero to stop and must not call back
 * into the store. */
int store_each_attempt(struct store *s, const struct exam_filter *f,
		       int (*fn)(void *ctx, const struct exam_attempt *a),
		       void *ctx, struct rc_error *err);

/* How many attempts the filter lets through, into *n, and how many of them
 * are not submitted, into *open (when open is not NULL). */
int store_count_attempts(struct store *s, const struct exam_filter *f, unsigned long *n,
			 unsigned long *open, struct rc_error *err);

/* One question of an attempt, as stored.  rec.answered_at and elapsed_ms
 * are 0: the attempt's times are the questions' times. */
struct exam_item_row {
	int64_t attempt_id;
	unsigned position;           /* 0-based */
	struct answer_record rec;    /* mode MODE_EXAM */
	const char *picked_role;
};

/* Call fn for each question of the attempts the filter lets through,
 * ordered by attempt, then position; as store_each_attempt. */
int store_each_exam_item(struct store *s, const struct exam_filter *f,
			 int (*fn)(void *ctx, const struct exam_item_row *row),
			 void *ctx, struct rc_error *err);

/* ---- exams defined by a manager ---- */

/* The answer to one question of a defined exam, kept with the definition
 * so that a shared database can score an attempt itself. */
struct exam_key {
	const char *bank_id;
	const char *question_id;
	unsigned answer_choice; /* the right choice's index in the bank */
	unsigned n_choices;
};

/* Store d (with d->banks, defined_by and defined_at set) and the answers
 * to every question of its banks, in one transaction.  A definition that
 * candidates have attempted already is never replaced (its attempts were
 * made under its rules); on PostgreSQL only a manager may define. */
int store_exam_define(struct store *s, const struct exam_def *d,
		      const struct exam_key *keys, size_t n, struct rc_error *err);

/* Call fn for each definition, by id; as store_each_attempt. */
int store_each_exam_def(struct store *s,
			int (*fn)(void *ctx, const struct exam_def *d),
			void *ctx, struct rc_error *err);

/* The definition with this id into *out (the caller frees it), or *out =
 * NULL when there is none. */
int store_exam_def_find(struct store *s, const char *id, struct exam_def **out,
			struct rc_error *err);

#endif
