/*
 * The screen of a submit the store refused (another program held the
 * database locked too long, the disk is full): why, and the countdown to
 * the next try, which the bottom line repeats.  The exam is scored and
 * kept in memory meanwhile; r tries now, q gives up and leaves the attempt
 * open for 'rolecall exam --resume'.  ui_exam.c runs the countdown.
 */
#include "ui_exam.h"

#include <stdio.h>

static void ui_exam_submit_fill(struct ui *ui, struct ui_doc *d)
{
	struct ui_exam *ex = ui->exam;
	char cmd[160];

	app_exam_resume_command(ui->app, cmd, sizeof cmd);
	ui_doc_paraf(ui, d, 0, ui->style[UI_ST_WARN], "Could not submit: %s", ex->why);
	ui_doc_skip(d, 1);
	if (ex->trying)
		ui_doc_para(ui, d, 0, ui->style[UI_ST_TITLE], "Trying again now\u2026");
	else
		ui_doc_paraf(ui, d, 0, ui->style[UI_ST_TITLE], "Trying again in %lld s (try %u).",
			     (long long)ex->shown_left, ex->tries + 1);
	ui_doc_skip(d, 1);
	ui_doc_paraf(ui, d, 0, A_NORMAL, "The exam is kept as it is (%u of %u questions "
		     "answered): nothing is lost while it waits.", exam_answered(ex->e),
		     exam_count(ex->e));
	ui_doc_para(ui, d, 0, A_NORMAL, "r tries again now.");
	ui_doc_paraf(ui, d, 0, A_NORMAL, "q gives up for now: attempt %lld stays open with "
		     "every answer given, and '%s' submits it later.", (long long)ex->att.id,
		     cmd);
}

void ui_exam_submit_draw(struct ui *ui)
{
	struct ui_exam *ex = ui->exam;
	char status[160];

	ex->shown_left = ui_exam_retry_left(ex);
	ui_draw_header(ui, "Submitting the exam", ui->app->user);
	ui_doc_show(ui, 2, LINES - 1, ui_exam_submit_fill);
	if (ex->trying)
		snprintf(status, sizeof status, "Could not submit; trying again now\u2026");
	else
		snprintf(status, sizeof status, "Could not submit; trying again in %lld s "
			 "\u00b7 r retries now \u00b7 q gives up", (long long)ex->shown_left);
	ui_draw_status(ui, status);
}

enum ui_action ui_exam_submit_key(struct ui *ui, const struct ui_key *k)
{
	if (ui->exam->trying)
		return UI_ACT_NONE;
	if (k->cmd == UI_CMD_QUIT || k->cmd == UI_CMD_BACK)
		return UI_ACT_EXAM_GIVE_UP;
	if (k->cmd == UI_CMD_ENTER || (!k->fn && (k->ch == L'r' || k->ch == L'R')))
		return UI_ACT_EXAM_RETRY;
	if (k->cmd == UI_CMD_HELP)
		return UI_ACT_HELP;
	return ui_doc_scroll_key(ui, k) ? UI_ACT_REDRAW : UI_ACT_NONE;
}
