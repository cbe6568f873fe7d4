/*
 * The exam's flow in the terminal UI: the only exam code that changes the
 * exam or calls the store.  The store calls and the order are the plain
 * exam's (cmd_exam.c): store_exam_begin with every question when the exam
 * begins, store_exam_answer as each pick is made (so Ctrl-C or a crash
 * leaves an open attempt with every answer given), and at the end
 * exam_submit, history_apply of every question and store_exam_submit,
 * tried again on a countdown while the store refuses it.
 */
#include "ui_exam.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rolecall/engine.h"

static int ui_exam_fail(struct ui *ui, const char *msg)
{
	snprintf(ui->error, sizeof ui->error, "%s", msg);
	return -1;
}

/* The banks the picker chose: one, or all of the command line's. */
static void ui_exam_banks(const struct ui *ui, struct exam_config *cfg)
{
	if (ui->bank_sel > 0 && (size_t)ui->bank_sel <= ui->app->n_banks) {
		cfg->banks = &ui->app->banks[ui->bank_sel - 1];
		cfg->n_banks = 1;
	} else {
		cfg->banks = ui->app->banks;
		cfg->n_banks = ui->app->n_banks;
	}
}

static void ui_exam_config(const struct ui *ui, struct exam_config *cfg)
{
	struct exam_config picked;

	ui_exam_banks(ui, &picked);
	app_exam_config(ui->app, ui->cli, picked.banks, picked.n_banks, ui->n_sessions, cfg);
}

void ui_exam_menu_label(const struct ui *ui, char *buf, size_t len)
{
	struct exam_config cfg;
	struct exam *e;
	struct rc_error err;

	/* A draft with every bank: the engine settles the defaults, so the
	 * label says what the exam will be.  Cheap next to a keystroke. */
	ui_exam_config(ui, &cfg);
	cfg.banks = ui->app->banks;
	cfg.n_banks = ui->app->n_banks;
	if (exam_new(ui->app->cat, &cfg, &e, &err) < 0) {
		snprintf(buf, len, "Exam");
		return;
	}
	snprintf(buf, len, "Exam (%u questions, pass %u%%)", exam_count(e), exam_pass_mark(e));
	exam_free(e);
}

static int ui_exam_resume(struct ui *ui, int64_t id);

int ui_exam_open(struct ui *ui)
{
	struct ui_exam *ex;
	struct rc_error err;

	ui_exam_end(ui);
	if (!(ex = calloc(1, sizeof *ex)))
		return ui_exam_fail(ui, "out of memory");
	ui->exam = ex;
	ex->deadline_ms = -1;
	ex->shown_left = -1;
	if (ui->cli->resume)
		return ui_exam_resume(ui, 0);
	ui_exam_config(ui, &ex->cfg);
	if (exam_new(ui->app->cat, &ex->cfg, &ex->e, &err) < 0 ||
	    app_exam_find_open(ui->app, &ex->open, &err) < 0)
		return ui_exam_fail(ui, err.msg);
	ui->screen = UI_SCR_EXAM_INTRO;
	ui->scroll = 0;
	return 0;
}

/* ---- beginning ----------------------------------------------------------- */

static int ui_exam_store_begin(struct ui *ui)
{
	struct ui_exam *ex = ui->exam;
	struct rc_error err;

	if (app_exam_begin(ui->app, ex->e, &ex->cfg, &ex->att, &ex->banks, &err) < 0)
		return ui_exam_fail(ui, err.msg);
	return 0;
}

static void ui_exam_show(struct ui *ui, int i)
{
	struct ui_exam *ex = ui->exam;
	int picked = exam_item(ex->e, (unsigned)i)->picked;

	ex->cur = i;
	ex->sel = picked >= 0 ? picked : 0;
	ex->notice[0] = '\0';
	ui->screen = UI_SCR_EXAM_QUESTION;
	ui->scroll = 0;
}

/* The intro's draft was drawn when the intro opened; the exam itself is
 * drawn again (same seed, same questions) now, because its clock starts
 * when it is created and the time starts at the first question. */
static int ui_exam_begin(struct ui *ui)
{
	struct ui_exam *ex = ui->exam;
	struct rc_error err;
	int64_t start_ms = app_ms();

	exam_free(ex->e);
	ex->e = NULL;
	ex->cfg.now = app_now();
	if (exam_new(ui->app->cat, &ex->cfg, &ex->e, &err) < 0)
		return ui_exam_fail(ui, err.msg);
	ui->n_sessions++;
	if (ui_exam_store_begin(ui) < 0)
		return -1;
	ex->begun = 1;
	if (ex->cfg.time_limit)
		ex->deadline_ms = start_ms + ex->cfg.time_limit * 1000LL;
	ui_exam_show(ui, 0);
	return 0;
}

static int ui_exam_finish(struct ui *ui, int timed_out);
static void ui_exam_all_answered(struct ui *ui);

/* Attempt id (0: the one app_exam_find_open finds), rebuilt from the store
 * and going on where it was left, on its own clock: one whose time ran
 * out while it was away is submitted as it was left. */
static int ui_exam_resume(struct ui *ui, int64_t id)
{
	struct ui_exam *ex = ui->exam;
	struct app_exam_open o;
	struct rc_error err;
	char what[160];
	int64_t left;
	int cur;

	exam_free(ex->e);
	ex->e = NULL;
	if ((id ? app_exam_resume(ui->app, id, &ex->cfg, &ex->e, &ex->att, &ex->banks, &err) :
	     app_exam_resume_open(ui->app, &ex->cfg, &ex->e, &ex->att, &ex->banks, &err)) < 0)
		return ui_exam_fail(ui, err.msg);
	ex->begun = 1;
	ex->open.id = 0;
	if ((left = exam_seconds_left(ex->e, app_now())) == 0)
		return ui_exam_finish(ui, 1);
	if (left > 0)
		ex->deadline_ms = app_ms() + left * 1000;
	app_exam_resume_point(ex->e, &cur, &ex->furthest);
	ui_exam_show(ui, cur < 0 ? 0 : cur);
	app_exam_open_of(ex->e, &ex->att, &o);
	app_exam_open_text(&o, what, sizeof what);
	snprintf(ex->notice, sizeof ex->notice, "Resumed exam %s.", what);
	if (cur < 0)
		ui_exam_all_answered(ui);
	return 0;
}

/* ---- moving ------------------------------------------------------------ */

static void ui_exam_all_answered(struct ui *ui)
{
	struct ui_exam *ex = ui->exam;

	/* Offered once, as in plain mode; after that the notice says how. */
	if (!ex->offered) {
		ex->offered = 1;
		ex->ask = UI_EXAM_ASK_DONE;
	}
	snprintf(ex->notice, sizeof ex->notice, "All %u questions are answered: S submits; "
		 "l lists them to change an answer.", exam_count(ex->e));
}

/* After a pick or a skip: on in order (back to where the person left off
 * when they went back to change an answer), then the skipped ones again. */
static void ui_exam_advance(struct ui *ui)
{
	struct ui_exam *ex = ui->exam;
	unsigned n = exam_count(ex->e), left;
	int next, back = 0;

	if (ex->cur < ex->furthest && exam_item(ex->e, (unsigned)ex->furthest)->picked < 0) {
		next = ex->furthest;
	} else if (ex->furthest + 1 < (int)n) {
		next = ++ex->furthest;
	} else {
		next = exam_next_unanswered(ex->e, (unsigned)ex->cur);
		if (next < 0) {
			ui_exam_all_answered(ui);
			return;
		}
		back = !ex->returned;
		ex->returned = 1;
	}
	ui_exam_show(ui, next);
	left = n - exam_answered(ex->e);
	if (back)
		snprintf(ex->notice, sizeof ex->notice, "You skipped %u question%s; here %s "
			 "again.", left, left == 1 ? "" : "s", left == 1 ? "it is" : "they are");
}

void ui_exam_skip(struct ui *ui)
{
	struct ui_exam *ex = ui->exam;
	unsigned n = exam_count(ex->e);

	if (exam_answered(ex->e) == n) {
		/* Nothing left to come back to: skipping is just "next". */
		if (ex->cur + 1 < (int)n)
			ui_exam_show(ui, ex->cur + 1);
		else
			snprintf(ex->notice, sizeof ex->notice,
				 "This is the last question; S submits.");
		return;
	}
	if (exam_next_unanswered(ex->e, (unsigned)ex->cur) == ex->cur &&
	    ex->furthest + 1 == (int)n) {
		snprintf(ex->notice, sizeof ex->notice, "This is the only unanswered question.");
		return;
	}
	ui_exam_advance(ui);
}

void ui_exam_back(struct ui *ui)
{
	struct ui_exam *ex = ui->exam;

	if (ex->cur == 0)
		snprintf(ex->notice, sizeof ex->notice, "This is the first question.");
	else
		ui_exam_show(ui, ex->cur - 1);
}

void ui_exam_go(struct ui *ui, int i)
{
	struct ui_exam *ex = ui->exam;

	if (i < 0 || i >= (int)exam_count(ex->e))
		return;
	if (i > ex->furthest)
		ex->furthest = i;
	ui_exam_show(ui, i);
}

void ui_exam_flag(struct ui *ui, int i)
{
	struct ui_exam *ex = ui->exam;
	int on = !exam_flagged(ex->e, (unsigned)i);
	struct rc_error err;

	if (exam_flag(ex->e, (unsigned)i, on, &err) < 0)
		snprintf(ex->notice, sizeof ex->notice, "%.200s", err.msg);
	else if (on)
		snprintf(ex->notice, sizeof ex->notice, "Question %d is flagged for review; "
			 "f again unflags it.", i + 1);
	else
		snprintf(ex->notice, sizeof ex->notice, "Question %d is no longer flagged.",
			 i + 1);
}

/* ---- answering and submitting ------------------------------------------ */

static int ui_exam_pick(struct ui *ui)
{
	struct ui_exam *ex = ui->exam;
	struct rc_error err;

	if (app_exam_answer(ui->app, ex->e, &ex->att, (unsigned)ex->cur, ex->sel, &err) < 0)
		return ui_exam_fail(ui, err.msg);
	ui_exam_advance(ui);
	return 0;
}

/* Store the scored exam and show the results; when the store refuses it,
 * the countdown to the next try. */
static void ui_exam_store(struct ui *ui)
{
	struct ui_exam *ex = ui->exam;
	struct rc_error err;

	ex->trying = 0;
	if (app_exam_store(ui->app, ex->e, &ex->att, ex->tries, &err) == 0) {
		ex->stored = 1;
		ex->retry_ms = 0;
		ui->screen = UI_SCR_EXAM_RESULTS;
		ui->exam_outcome = exam_result(ex->e)->passed ? EXIT_OK : EXIT_FAIL;
	} else {
		snprintf(ex->why, sizeof ex->why, "%s", err.msg);
		ex->retry_ms = app_ms() + app_exam_retry_delay(ex->tries) * 1000LL;
		ex->tries++;
		ui->screen = UI_SCR_EXAM_SUBMIT;
	}
	ui->help = 0;
	ui->scroll = 0;
	ui->dirty = 1;
}

/* Score it, put every answered question in the log and the history, and
 * show the results. */
static int ui_exam_finish(struct ui *ui, int timed_out)
{
	struct ui_exam *ex = ui->exam;
	struct rc_error err;

	ex->ask = UI_EXAM_ASK_NONE;
	if (app_exam_score(ui->app, ex->e, &ex->att, timed_out, &err) < 0)
		return ui_exam_fail(ui, err.msg);
	ui_exam_store(ui);
	return 0;
}

/* q on the countdown: the attempt stays open, to be resumed. */
static int ui_exam_give_up(struct ui *ui)
{
	struct ui_exam *ex = ui->exam;
	char cmd[160];

	app_exam_resume_command(ui->app, cmd, sizeof cmd);
	snprintf(ui->error, sizeof ui->error, "exam attempt %lld is not submitted (%.700s); it "
		 "stays open with every answer given, and '%s' submits it later",
		 (long long)ex->att.id, ex->why, cmd);
	return -1;
}

/* A failed submit waiting for its next try: r tries now (once the screen
 * says so), q gives up. */
static int ui_exam_waiting_act(struct ui *ui, enum ui_action act)
{
	struct ui_exam *ex = ui->exam;

	if (act == UI_ACT_EXAM_GIVE_UP)
		return ui_exam_give_up(ui);
	if (act == UI_ACT_EXAM_RETRY)
		ex->trying = 1;
	return 0;
}

int ui_exam_act(struct ui *ui, enum ui_action act)
{
	struct ui_exam *ex = ui->exam;

	if (!ex || !ex->e)
		return 0;
	if (act == UI_ACT_EXAM_BEGIN)
		return ex->begun ? 0 : ui_exam_begin(ui);
	if (act == UI_ACT_EXAM_RESUME)
		return ex->begun || !ex->open.id ? 0 : ui_exam_resume(ui, ex->open.id);
	if (!ex->begun)
		return 0;
	if (exam_submitted(ex->e))
		return ex->stored ? 0 : ui_exam_waiting_act(ui, act);
	if (act == UI_ACT_EXAM_ANSWER)
		return ui_exam_pick(ui);
	if (act == UI_ACT_EXAM_SUBMIT)
		return ui_exam_finish(ui, 0);
	return 0;
}

/* ---- the clock ------------------------------------------------------------ */

static int ui_exam_running(const struct ui_exam *ex)
{
	return ex && ex->begun && !exam_submitted(ex->e);
}

static int64_t ui_exam_seconds_left(const struct ui_exam *ex)
{
	int64_t ms = ex->deadline_ms - app_ms();

	/* Rounded up: "00:00" shows only when the time is up. */
	return ms > 0 ? (ms + 999) / 1000 : 0;
}

int64_t ui_exam_retry_left(const struct ui_exam *ex)
{
	int64_t ms = ex->retry_ms - app_ms();

	return ms > 0 ? (ms + 999) / 1000 : 0;
}

/* A failed submit's countdown: at zero the screen first says that it
 * tries now (the store may wait seconds for a lock), then it tries. */
static int ui_exam_retry_tick(struct ui *ui)
{
	struct ui_exam *ex = ui->exam;

	if (ex->trying) {
		ui_exam_store(ui);
		return 1;
	}
	if (app_ms() >= ex->retry_ms)
		ex->trying = 1;
	if (ex->trying || ui_exam_retry_left(ex) != ex->shown_left)
		ui->dirty = 1;
	return 0;
}

static int ui_exam_waiting(const struct ui_exam *ex)
{
	return ex && ex->begun && ex->e && exam_submitted(ex->e) && !ex->stored;
}

int ui_exam_tick(struct ui *ui)
{
	struct ui_exam *ex = ui->exam;

	if (ui_exam_waiting(ex))
		return ui_exam_retry_tick(ui);
	if (!ui_exam_running(ex) || ex->deadline_ms < 0)
		return 0;
	if (app_ms() >= ex->deadline_ms) {
		/* Whatever was open over the question closes: time is up. */
		ui->help = 0;
		ui->dirty = 1;
		return ui_exam_finish(ui, 1) < 0 ? -1 : 1;
	}
	if (ui_exam_seconds_left(ex) != ex->shown_left)
		ui->dirty = 1;
	return 0;
}

int ui_exam_wait_ms(const struct ui *ui, int idle_ms)
{
	const struct ui_exam *ex = ui->exam;
	int64_t ms;
	int wait;

	if (ui_exam_waiting(ex) && ex->trying)
		return 0;
	if (ui_exam_waiting(ex))
		ms = ex->retry_ms - app_ms();
	else if (!ui_exam_running(ex) || ex->deadline_ms < 0)
		return idle_ms;
	else
		ms = ex->deadline_ms - app_ms();
	if (ms <= 0)
		return 0;
	/* Until the shown seconds change: the clock never skips a second. */
	wait = (int)((ms - 1) % 1000) + 1;
	return idle_ms >= 0 && idle_ms < wait ? idle_ms : wait;
}

attr_t ui_exam_status_attr(const struct ui *ui)
{
	const struct ui_exam *ex = ui->exam;
	unsigned limit = ex->e ? exam_time_limit(ex->e) : 0;

	/* the last tenth of the time: the warning's colour, bold without */
	if (ex->deadline_ms < 0 || !limit || ui_exam_seconds_left(ex) * 10 > limit)
		return A_NORMAL;
	return ui->style[UI_ST_WARN];
}

void ui_exam_status_text(struct ui *ui, char *buf, size_t len)
{
	struct ui_exam *ex = ui->exam;
	int64_t left;
	int at;

	at = snprintf(buf, len, "answered %u/%u", exam_answered(ex->e), exam_count(ex->e));
	if (ex->deadline_ms < 0 || at < 0 || (size_t)at >= len)
		return;
	left = ex->shown_left = ui_exam_seconds_left(ex);
	snprintf(buf + at, len - (size_t)at, " \u00b7 time left %02lld:%02lld",
		 (long long)(left / 60), (long long)(left % 60));
}

int64_t ui_exam_open_attempt(const struct ui *ui)
{
	const struct ui_exam *ex = ui->exam;

	return ui_exam_running(ex) || ui_exam_waiting(ex) ? ex->att.id : 0;
}

void ui_exam_exit_status(struct ui *ui)
{
	int64_t open = ui_exam_open_attempt(ui);

	if (ui->start != UI_START_EXAM || ui->status != EXIT_OK || ui->error[0])
		return;
	if (ui->exam_outcome >= 0) {
		ui->status = ui->exam_outcome;
		return;
	}
	/* no result is no pass: a script must not take it for one */
	ui->status = EXIT_FAIL;
	if (open)
		snprintf(ui->error, sizeof ui->error, "the exam was left before it was "
			 "submitted; exam attempt %lld stays open, with every answer given",
			 (long long)open);
	else
		snprintf(ui->error, sizeof ui->error, "the exam was left before it began; "
			 "no attempt was stored");
}

void ui_exam_end(struct ui *ui)
{
	if (!ui->exam)
		return;
	exam_free(ui->exam->e);
	free(ui->exam->banks);
	free(ui->exam);
	ui->exam = NULL;
}

