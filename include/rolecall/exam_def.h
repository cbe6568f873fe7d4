/*
 * exam_def — an exam defined by a manager: which banks (in which version),
 * how many questions, the pass mark, the time limit and how many attempts
 * each candidate has.  A candidate takes it by its id (`rolecall exam ID`)
 * and cannot change its rules; every candidate gets a fresh draw.
 *
 * Written as a small YAML file (doc/teams.md):
 *
 *   exam: onboarding
 *   title: Onboarding check
 *   banks: [pm-vs-po, four-roles]
 *   questions: 10
 *   pass: 80          # percent
 *   time: 20          # minutes; leave out for no limit
 *   attempts: 2       # leave out for no limit
 *
 * Ownership: an exam_def owns all its strings; exam_def_free(NULL) is safe.
 */
#ifndef ROLECALL_EXAM_DEF_H
#define ROLECALL_EXAM_DEF_H

#include <stddef.h>
#include <stdint.h>

#include "rolecall/diag.h"

#define EXAM_DEF_MAX_BANKS 16
#define EXAM_DEF_MAX_MINUTES (24 * 60)

struct exam_def {
	char *id;
	char *title;
	char *bank_ids[EXAM_DEF_MAX_BANKS];
	size_t n_banks;
	unsigned count;       /* questions */
	unsigned pass_mark;   /* percent */
	unsigned time_limit;  /* seconds; 0 = untimed */
	unsigned attempts;    /* per candidate; 0 = no limit */
	/* Set when the definition is stored: */
	char *banks;          /* "id:sha256,..." the versions it was defined on */
	char *defined_by;
	int64_t defined_at;   /* unix seconds */
};

/* Read a definition file.  0 and *out set; or -1 with every problem in
 * diags, each as FILE:LINE:COL. */
int exam_def_load(const char *path, struct exam_def **out, struct diag_list *diags);

/* A copy of d (strings and all), or NULL when out of memory. */
struct exam_def *exam_def_dup(const struct exam_def *d);

void exam_def_free(struct exam_def *d);

/* The sha256 d was defined on for bank `id`, or NULL when d->banks does not
 * name that bank.  Points into d->banks: 64 hex digits, not NUL-ended. */
const char *exam_def_bank_sha(const struct exam_def *d, const char *id);

#endif
