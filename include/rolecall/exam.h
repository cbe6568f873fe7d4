/*
 * exam — a fixed set of questions with a pass mark, for onboarding.
 *
 * An exam draws N questions evenly across the roles of its banks (seeded),
 * shows no feedback while it runs, lets questions be skipped and answers be
 * changed until it is submitted, and counts unanswered questions as wrong.
 * Pure: time is a parameter, like everything else in the engine.
 *
 * Ownership: an exam borrows the catalog and banks (they must outlive it)
 * and owns the rest; exam_free(NULL) is safe.
 */
#ifndef ROLECALL_EXAM_H
#define ROLECALL_EXAM_H

#include <stdint.h>

#include "rolecall/bank.h"
#include "rolecall/history.h"

#define EXAM_DEFAULT_COUNT 20
#define EXAM_DEFAULT_PASS 80
#define EXAM_MAX_COUNT 1000

struct exam_config {
	const struct bank *const *banks;
	size_t n_banks;
	unsigned count;       /* 0: the banks' default, else EXAM_DEFAULT_COUNT */
	unsigned pass;        /* percent; 0: the banks' default, else 80 */
	int pass_given;       /* pass was set explicitly (0 is a valid mark) */
	unsigned time_limit;  /* seconds; 0 = untimed */
	uint64_t seed;
	int64_t now;
};

struct exam_item {
	const struct bank_question *q;
	unsigned order[BANK_MAX_OPTIONS]; /* choice index shown at each position */
	unsigned n_options;
	int picked;                        /* position, or -1 while unanswered */
};

struct exam_result {
	unsigned count, correct, percent; /* percent rounded down */
	unsigned pass;
	int passed;
	int timed_out;
	int64_t started_at, ended_at;
	unsigned role_asked[ROLECALL_MAX_ROLES];
	unsigned role_correct[ROLECALL_MAX_ROLES];
};

/* The pass rule, on the exact counts, never the rounded percent: 15 of 19
 * is 78.9%, a fail at a pass mark of 79. */
int exam_passes(unsigned correct, unsigned count, unsigned pass_mark);

struct exam;

int exam_new(const struct catalog *cat, const struct exam_config *cfg,
	     struct exam **out, struct rc_error *err);
/* The exam of a stored attempt, to go on with it: the n items as they
 * were shown (each question, the choice at each position, the answer so
 * far), under cfg's rules (cfg->pass with pass_given, the time limit, the
 * seed, and cfg->now the time it began; count and banks are not used).
 * Refused when an item's options are not its question's choices, each
 * once: the bank changed since. */
int exam_restore(const struct catalog *cat, const struct exam_config *cfg,
		 const struct exam_item *items, unsigned n, struct exam **out,
		 struct rc_error *err);
void exam_free(struct exam *e);

unsigned exam_count(const struct exam *e);
unsigned exam_pass_mark(const struct exam *e);
uint64_t exam_seed(const struct exam *e);
unsigned exam_time_limit(const struct exam *e);
/* Seconds left at `now` (0 when over), or -1 when untimed. */
int64_t exam_seconds_left(const struct exam *e, int64_t now);
/* When the exam ended, submitted at `now`: never before it started (the
 * clock may have been set back) nor after its time ran out. */
int64_t exam_end_time(const struct exam *e, int64_t now, int timed_out);

/* An attempt not submitted is "in progress" until this time and
 * "abandoned" after: a timed one until its time runs out, an untimed one
 * for EXAM_UNTIMED_OPEN_S after it began (as long as the longest timed
 * exam).  Either can still be resumed. */
#define EXAM_UNTIMED_OPEN_S (24 * 3600)
int64_t exam_open_until(int64_t started_at, unsigned time_limit);

const struct exam_item *exam_item(const struct exam *e, unsigned i);
/* Answer (or change the answer to) item i; position -1 clears it. */
int exam_answer(struct exam *e, unsigned i, int position, struct rc_error *err);
unsigned exam_answered(const struct exam *e);
/* Flag item i for review (on) or unflag it.  A flag is a note to oneself
 * while the exam runs: it does not change the score and is never stored,
 * so a resumed exam starts with none. */
int exam_flag(struct exam *e, unsigned i, int on, struct rc_error *err);
/* 1 when item i is flagged (0 for an i out of range). */
int exam_flagged(const struct exam *e, unsigned i);
unsigned exam_flag_count(const struct exam *e);
/* The first unanswered item after `from` (wrapping), or -1 when none: how
 * skipped questions come back at the end. */
int exam_next_unanswered(const struct exam *e, unsigned from);
int exam_submitted(const struct exam *e);

/* Submit at `now` (timed_out when the limit ran out) and score it. */
int exam_submit(struct exam *e, int64_t now, int timed_out, struct rc_error *err);
const struct exam_result *exam_result(const struct exam *e);
/* 1 when item i was answered right (after submit). */
int exam_item_correct(const struct exam *e, unsigned i);
/* Each confused pair once: how many missed items took role *picked for
 * role *answer, counted at the first item that did, and 0 at item i when
 * it is no such miss or an earlier item was the same confusion. */
unsigned exam_confusion_times(const struct exam *e, unsigned i, int *answer,
			      int *picked);

/* Fill the log record of item i (after submit); strings are borrowed from
 * the catalog. */
void exam_item_record(const struct exam *e, unsigned i, struct answer_record *rec);

#endif
