/*
 * exam_plan — what the plain exam (cmd_exam.c) and the UI exam
 * (ui_exam.c) share: the rules an exam is taken under, either a manager's
 * definition named on the command line or the options, and the store
 * calls that begin, answer and submit its attempt, in the one order both
 * follow: the attempt and every question stored when it begins, each pick
 * committed as it is made, and at the end the score, the log and the
 * history in one transaction.
 */
#ifndef ROLECALL_EXAM_PLAN_H
#define ROLECALL_EXAM_PLAN_H

#include "app.h"
#include "rolecall/exam.h"

/* For `rolecall exam ID`: the definition into app->exam_def and its banks
 * into app->exam_banks, after checking that the command line changes none
 * of its rules, that the banks here are the versions it was defined on
 * and that the candidate has an attempt left.  0 when there is no ID;
 * prints what is wrong and returns -1 (EXIT_USAGE when *usage is set). */
int app_exam_prepare(const struct options *cli, struct app *app, int *usage);

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

/* Submit at app_now() (timed_out when the time ran out): score it, apply
 * every answered question to the history and store it all. */
int app_exam_submit(struct app *app, struct exam *e, struct exam_attempt *att,
		    int timed_out, struct rc_error *err);

#endif
