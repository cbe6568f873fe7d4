/*
 * exam_plan — what the plain exam (cmd_exam.c) and the UI exam
 * (ui_exam.c) share: the rules an exam is taken under, either a manager's
 * definition named on the command line or the options, and the store
 * calls that begin, answer and submit its attempt, in the one order both
 * follow: the attempt and every question stored when it begins, each pick
 * committed as it is made, and at the end the score, the log and the
 * history in one transaction, tried again while the store refuses it.
 * An attempt left open can be gone on with (exam_resume.c).
 */
#ifndef ROLECALL_EXAM_PLAN_H
#define ROLECALL_EXAM_PLAN_H

#include "app.h"
#include "rolecall/exam.h"

/* For `rolecall exam ID`: the definition into app->exam_def and its banks
 * into app->exam_banks, after checking that the command line changes none
 * of its rules, that the banks here are the versions it was defined on
 * and that the candidate has an attempt left (with --resume, none is
 * taken).  0 when there is no ID; prints what is wrong and returns -1
 * (EXIT_USAGE when *usage is set, as for a rule option with --resume). */
int app_exam_prepare(const struct options *cli, struct app *app, int *usage);

/* A configuration whose rules were fixed before (a definition, or the
 * attempt being resumed): the pass mark counts as given; seed and now
 * are left 0 for the caller. */
void app_exam_fixed_config(struct exam_config *cfg, const struct bank *const *banks,
			   size_t n_banks, unsigned count, unsigned pass, unsigned time_limit);

/* The exam's configuration: the definition's rules when there is one
 * (banks chosen elsewhere are ignored), else the command line's over the
 * given banks.  session is the n-th exam of this run (for --seed). */
void app_exam_config(const struct app *app, const struct options *cli,
		     const struct bank *const *banks, size_t n_banks, unsigned session,
		     struct exam_config *cfg);

/* Store the attempt e begins (at cfg->now), with every question: att is
 * filled, *banks_text (which att->banks points to) is the caller's to
 * free. */
int app_exam_begin(struct app *app, const struct exam *e, const struct exam_config *cfg,
		   struct exam_attempt *att, char **banks_text, struct rc_error *err);

/* Answer question i (position among its options) and commit it. */
int app_exam_answer(struct app *app, struct exam *e, const struct exam_attempt *att,
		    unsigned i, int position, struct rc_error *err);

/* Submitting, in two steps.  Score the exam at app_now() (timed_out when
 * the time ran out; once: it cannot be answered after this) and apply
 * every answered question to app->h. */
int app_exam_score(struct app *app, struct exam *e, struct exam_attempt *att,
		   int timed_out, struct rc_error *err);
/* Store the scored exam: the attempt closed, its answers logged.  When it
 * fails nothing is stored, and the exam, att and the history stay as they
 * were, so the front end can call it again (tries: how many times it
 * failed before), until it is stored or the person gives up. */
int app_exam_store(struct app *app, const struct exam *e, const struct exam_attempt *att,
		   unsigned tries, struct rc_error *err);

/* Seconds to wait after the tries-th failed submit (0-based) before the
 * next: 1, 2, 4, 8, 16, then APP_EXAM_RETRY_MAX_S. */
#define APP_EXAM_RETRY_MAX_S 30
unsigned app_exam_retry_delay(unsigned tries);

/* ---- going on with an attempt not submitted (exam_resume.c) ---- */

/* The user's most recent open attempt (at app->exam_def's exam when there
 * is one), as the exam's first screen offers it; id 0 when there is none. */
struct app_exam_open {
	int64_t id;
	int64_t started_at;
	unsigned count, answered, time_limit;
};
int app_exam_find_open(struct app *app, struct app_exam_open *o, struct rc_error *err);

/* The exam of open attempt `id` of app's user, rebuilt from the store:
 * the same questions, order of options and answers so far, into *e; its
 * rules into cfg (cfg->now is when it began); its row into att, with
 * att->banks pointing into *banks_text (the caller frees it).  An attempt
 * at a defined exam gets its definition in app->exam_def.  Refused when a
 * bank it drew from is missing here or is another version. */
int app_exam_resume(struct app *app, int64_t id, struct exam_config *cfg, struct exam **e,
		    struct exam_attempt *att, char **banks_text, struct rc_error *err);
/* The same for the attempt app_exam_find_open finds; an error that says
 * so when there is none. */
int app_exam_resume_open(struct app *app, struct exam_config *cfg, struct exam **e,
			 struct exam_attempt *att, char **banks_text, struct rc_error *err);
/* Where a resumed exam goes on: *cur the first unanswered question after
 * the furthest answered one (wrapping; -1 when every one is answered),
 * *furthest the last one reached in order. */
void app_exam_resume_point(const struct exam *e, int *cur, int *furthest);
/* "attempt 3, begun 2027-01-15 08:00 UTC, 2 of 5 questions answered":
 * how both front ends name an open attempt. */
void app_exam_open_text(const struct app_exam_open *o, char *buf, size_t len);
/* The same facts of a resumed exam, from the exam itself. */
void app_exam_open_of(const struct exam *e, const struct exam_attempt *att,
		      struct app_exam_open *o);
/* "rolecall exam --resume", or "rolecall exam ID --resume" for a defined
 * exam: what to run to go on with it. */
void app_exam_resume_command(const struct app *app, char *buf, size_t len);

#endif
