/*
 * The UI's side of a session: the only UI code that calls the engine and
 * the store.  The order is the plain front end's: question, answer,
 * store_record, feedback, next; every answer is committed before its
 * feedback is drawn, so leaving at any point loses nothing answered.
 */
#include "ui_impl.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int ui_session_start(struct ui *ui)
{
	struct session_config cfg = { 0 };
	struct rc_error err;

	ui_session_end(ui);
	cfg.mode = ui->mode;
	if (ui->bank_sel > 0 && (size_t)ui->bank_sel <= ui->app->n_banks) {
		cfg.banks = &ui->app->banks[ui->bank_sel - 1];
		cfg.n_banks = 1;
	} else {
		cfg.banks = ui->app->banks;
		cfg.n_banks = ui->app->n_banks;
	}
	cfg.count = ui->cli->count > 0 ? (unsigned)ui->cli->count : 0;
	cfg.seed = app_seed(ui->cli, ui->n_sessions);
	cfg.now = app_now();
	if ((cfg.mode == MODE_DRILL && app_drill_evidence(ui->app, &cfg.evidence, &err) < 0) ||
	    session_new(ui->app->cat, ui->app->h, &cfg, &ui->s, &err) < 0) {
		snprintf(ui->error, sizeof ui->error, "%s", err.msg);
		return -1;
	}
	ui->n_sessions++;
	ui->notice = session_drill_fallback(ui->s);
	session_count_notice(ui->s, ui->count_notice, sizeof ui->count_notice);
	ui_session_next(ui);
	return 0;
}

void ui_session_next(struct ui *ui)
{
	ui->scroll = 0;
	ui->sq = ui->s ? session_next(ui->s) : NULL;
	if (!ui->sq) {
		ui->screen = UI_SCR_SUMMARY;
		return;
	}
	ui->screen = UI_SCR_QUESTION;
	ui->sel = 0;
	ui->shown_ms = 0; /* the clock starts when the question is drawn */
}

int ui_session_answer(struct ui *ui)
{
	struct rc_error err;
	int64_t elapsed = ui->shown_ms ? app_ms() - ui->shown_ms : 0;

	if (!ui->s || !ui->sq)
		return 0;
	/* The shown question is the engine's and changes with session_next:
	 * keep a copy for the feedback screen. */
	ui->fb_q = *ui->sq;
	if (session_answer(ui->s, ui->sel, elapsed, app_now(), &ui->res, &err) < 0 ||
	    store_record(ui->app->store, ui->app->user_id, &ui->res.record, ui->app->h,
			 &err) < 0) {
		snprintf(ui->error, sizeof ui->error, "%s", err.msg);
		return -1;
	}
	ui->sq = NULL;
	ui->notice = 0;
	ui->count_notice[0] = '\0';
	ui->screen = UI_SCR_FEEDBACK;
	ui->feedback_ms = app_ms();
	ui->scroll = 0;
	return 0;
}

void ui_session_end(struct ui *ui)
{
	session_free(ui->s);
	ui->s = NULL;
	ui->sq = NULL;
}

int ui_stats_load(struct ui *ui)
{
	struct rc_error err;

	memset(ui->day_answers, 0, sizeof ui->day_answers);
	memset(ui->day_correct, 0, sizeof ui->day_correct);
	if (store_daily(ui->app->store, ui->app->user_id, app_now(), UI_DAYS, ui->day_answers,
			ui->day_correct, &err) < 0) {
		snprintf(ui->error, sizeof ui->error, "%s", err.msg);
		return -1;
	}
	return 0;
}
