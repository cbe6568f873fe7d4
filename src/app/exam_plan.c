/*
 * exam_plan — the rules an exam is taken under, and its attempt's store
 * calls, for both front ends (exam_plan.h).
 */
#include "exam_plan.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "rolecall/engine.h"

/* A defined exam's rules are the same for every candidate. */
static int exam_plan_fixed(const struct options *cli, const char *id)
{
	const char *opt = cli->count >= 0 ? "--count" : cli->pass >= 0 ? "--pass" :
			  cli->has_seed ? "--seed" : cli->n_banks ? "--bank" :
			  cli->time_arg ? "--time" : NULL;

	if (!opt)
		return 0;
	app_fail("exam %s is defined by a manager, with the same questions, pass mark "
		 "and time for every candidate: %s cannot change it; leave it out", id, opt);
	return -1;
}

/* Every candidate answers the same questions: the banks here must be the
 * versions the exam was defined on. */
static int exam_plan_banks(struct app *app, const struct exam_def *d)
{
	for (size_t i = 0; i < d->n_banks; i++) {
		const struct bank *b = catalog_find_bank(app->cat, d->bank_ids[i]);
		const char *sha = exam_def_bank_sha(d, d->bank_ids[i]);

		if (!b) {
			app_fail("exam %s draws from the bank '%s', which is not among the "
				 "banks here; ask the manager for the bank file", d->id,
				 d->bank_ids[i]);
			return -1;
		}
		if (!sha || strncmp(sha, b->sha256, 64)) {
			app_fail("exam %s was defined on the bank '%s' as it was then "
				 "(sha256 %.12s...); the bank here, %s, differs (sha256 "
				 "%.12s...); ask the manager for the version the exam uses",
				 d->id, d->bank_ids[i], sha ? sha : "?", b->path, b->sha256);
			return -1;
		}
		app->exam_banks[i] = b;
	}
	return 0;
}

/* --resume goes on under the rules its attempt began with. */
static int exam_plan_resume_rules(const struct options *cli)
{
	const char *opt = cli->count >= 0 ? "--count" : cli->pass >= 0 ? "--pass" :
			  cli->has_seed ? "--seed" : cli->time_arg ? "--time" : NULL;

	if (!opt)
		return 0;
	app_fail("--resume goes on with an attempt under the rules it began with: %s "
		 "cannot change them; leave it out", opt);
	return -1;
}

static int exam_plan_attempts_left(struct app *app, const struct exam_def *d)
{
	struct exam_filter f = { app->user_id, 0, INT64_MIN, 0, d->id };
	unsigned long taken, open;
	struct rc_error err;

	if (!d->attempts)
		return 0;
	if (store_count_attempts(app->store, &f, &taken, &open, &err) < 0) {
		app_fail("%s", err.msg);
		return -1;
	}
	if (taken < d->attempts)
		return 0;
	if (open)
		app_fail("%s has taken exam %s %lu time%s, and it allows %u attempt%s; "
			 "one is not submitted: 'rolecall exam %s --resume' goes on with it",
			 app->user, d->id, taken, taken == 1 ? "" : "s", d->attempts,
			 d->attempts == 1 ? "" : "s", d->id);
	else
		app_fail("%s has taken exam %s %lu time%s, and it allows %u attempt%s; "
			 "'rolecall report' shows them", app->user, d->id, taken,
			 taken == 1 ? "" : "s", d->attempts, d->attempts == 1 ? "" : "s");
	return -1;
}

void app_exam_fixed_config(struct exam_config *cfg, const struct bank *const *banks,
			   size_t n_banks, unsigned count, unsigned pass, unsigned time_limit)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->banks = banks;
	cfg->n_banks = n_banks;
	cfg->count = count;
	cfg->pass = pass;
	cfg->pass_given = 1;
	cfg->time_limit = time_limit;
}

int app_exam_prepare(const struct options *cli, struct app *app, int *usage)
{
	struct rc_error err;
	const char *id;

	*usage = 0;
	if (cli->resume && exam_plan_resume_rules(cli) < 0) {
		*usage = 1;
		return -1;
	}
	if (!cli->n_args)
		return 0;
	id = cli->args[0];
	if (exam_plan_fixed(cli, id) < 0) {
		*usage = 1;
		return -1;
	}
	if (store_exam_def_find(app->store, id, &app->exam_def, &err) < 0) {
		app_fail("%s", err.msg);
		return -1;
	}
	if (!app->exam_def) {
		app_fail("%s has no exam '%s'; 'rolecall exam list' shows the exams defined "
			 "there", store_path(app->store), id);
		return -1;
	}
	/* going on with an attempt takes no new one */
	return exam_plan_banks(app, app->exam_def) < 0 ||
	       (!cli->resume && exam_plan_attempts_left(app, app->exam_def) < 0) ? -1 : 0;
}

void app_exam_config(const struct app *app, const struct options *cli,
		     const struct bank *const *banks, size_t n_banks, unsigned session,
		     struct exam_config *cfg)
{
	const struct exam_def *d = app->exam_def;

	memset(cfg, 0, sizeof *cfg);
	if (d) {
		app_exam_fixed_config(cfg, app->exam_banks, d->n_banks, d->count, d->pass_mark,
				      d->time_limit);
		/* no --seed for a defined exam: a fresh draw for every candidate */
		cfg->seed = app_seed(cli, session);
		cfg->now = app_now();
		return;
	}
	cfg->now = app_now();
	cfg->seed = app_seed(cli, session);
	cfg->banks = banks;
	cfg->n_banks = n_banks;
	cfg->count = cli->count > 0 ? (unsigned)cli->count : 0;
	cfg->pass = cli->pass >= 0 ? (unsigned)cli->pass : 0;
	cfg->pass_given = cli->pass >= 0;
	cfg->time_limit = cli->time_limit;
}

int app_exam_begin(struct app *app, const struct exam *e, const struct exam_config *cfg,
		   struct exam_attempt *att, char **banks_text, struct rc_error *err)
{
	unsigned n = exam_count(e);
	struct answer_record *recs = calloc(n, sizeof *recs);
	int rc;

	if (!recs || !(*banks_text = bank_versions_text(cfg->banks, cfg->n_banks))) {
		free(recs);
		return rc_error_set(err, "out of memory");
	}
	for (unsigned i = 0; i < n; i++)
		exam_item_record(e, i, &recs[i]);
	memset(att, 0, sizeof *att);
	att->user_id = app->user_id;
	att->started_at = cfg->now;
	att->seed = exam_seed(e);
	att->count = n;
	att->pass_mark = exam_pass_mark(e);
	att->time_limit = exam_time_limit(e);
	att->banks = *banks_text;
	att->definition = app->exam_def ? app->exam_def->id : NULL;
	rc = store_exam_begin(app->store, att, recs, n, err);
	free(recs);
	return rc;
}

int app_exam_answer(struct app *app, struct exam *e, const struct exam_attempt *att,
		    unsigned i, int position, struct rc_error *err)
{
	struct answer_record rec;

	if (exam_answer(e, i, position, err) < 0)
		return -1;
	exam_item_record(e, i, &rec);
	return store_exam_answer(app->store, att->id, i, &rec, err);
}

int app_exam_score(struct app *app, struct exam *e, struct exam_attempt *att,
		   int timed_out, struct rc_error *err)
{
	struct answer_record rec;

	att->ended_at = exam_end_time(e, app_now(), timed_out);
	att->timed_out = timed_out;
	if (exam_submit(e, att->ended_at, timed_out, err) < 0)
		return -1;
	att->correct = exam_result(e)->correct;
	for (unsigned i = 0; i < exam_count(e); i++) {
		exam_item_record(e, i, &rec);
		/* unanswered: against the score only (store_exam_submit) */
		if (rec.picked >= 0 && history_apply(app->h, &rec, HISTORY_SLOW_MS) < 0)
			return rc_error_set(err, "out of memory");
	}
	return 0;
}

int app_exam_store(struct app *app, const struct exam *e, const struct exam_attempt *att,
		   unsigned tries, struct rc_error *err)
{
	unsigned n = exam_count(e);
	struct answer_record *recs = calloc(n, sizeof *recs);
	int rc = -1;

	if (!recs)
		return rc_error_set(err, "out of memory");
	for (unsigned i = 0; i < n; i++)
		exam_item_record(e, i, &recs[i]);
	/* a failed one may have left the history half caught up */
	rc = (tries ? store_exam_submit_again : store_exam_submit)(app->store, att, recs, n,
								  app->h, err);
	free(recs);
	return rc;
}

unsigned app_exam_retry_delay(unsigned tries)
{
	/* 1, 2, 4 ... s: a lock held a little too long is over soon; a full
	 * disk waits for a person, who can say "now" */
	return tries >= 5 ? APP_EXAM_RETRY_MAX_S : 1u << tries;
}
