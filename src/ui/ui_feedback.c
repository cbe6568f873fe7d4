/*
 * Feedback after an answer, drawn only once the answer is committed:
 * right or wrong in words (colour only repeats it), every option marked,
 * the explanation, what a wrong pick really describes, and the contrast
 * of the pair that was confused.  All of it comes from the engine's
 * answer_result; the screen decides nothing.
 */
#include "ui_impl.h"

#include <stdio.h>

static void ui_feedback_verdict(struct ui *ui, struct ui_doc *d)
{
	const struct answer_result *res = &ui->res;

	if (res->correct)
		ui_doc_para(ui, d, 0, ui->style[UI_ST_RIGHT], "\u2714 Right!");
	else if (res->picked)
		ui_doc_para(ui, d, 0, ui->style[UI_ST_WRONG], "\u2718 Wrong.");
	else
		ui_doc_para(ui, d, 0, ui->style[UI_ST_WRONG], "\u2718 No answer.");
	ui_doc_skip(d, 1);
	ui_doc_para(ui, d, 0, ui->style[UI_ST_DIM], ui->fb_q.q->prompt);
	ui_doc_skip(d, 1);
}

static void ui_feedback_options(struct ui *ui, struct ui_doc *d)
{
	const struct shown_question *sq = &ui->fb_q;
	const struct answer_result *res = &ui->res;
	char text[BANK_MAX_TEXT + 64];

	for (unsigned i = 0; i < sq->n_options; i++) {
		const struct bank_choice *c = &sq->q->choices[sq->order[i]];
		int right = i == res->right_position, picked = c == res->picked;
		attr_t a = right ? ui->style[UI_ST_RIGHT] :
			   picked ? ui->style[UI_ST_WRONG] : ui->style[UI_ST_DIM];
		const char *mark = right ? "\u2714" : picked ? "\u2718" : " ";
		int y = ui_doc_y(d, d->row);

		snprintf(text, sizeof text, "%s%s", c->text,
			 right && picked ? "  (your pick: right)" :
			 right ? "  (the answer)" : picked ? "  (your pick)" : "");
		ui_doc_para(ui, d, 5, a, text);
		if (y >= 0) {
			ui_put(ui, y, d->left, 2, a, mark);
			ui_putf(ui, y, d->left + 2, 2, a, "%u", i + 1);
		}
	}
	ui_doc_skip(d, 1);
}

static void ui_feedback_explain(struct ui *ui, struct ui_doc *d)
{
	const struct answer_result *res = &ui->res;
	const struct bank_question *q = ui->fb_q.q;
	char line[EXPLAIN_MAX];

	ui_doc_paraf(ui, d, 0, A_NORMAL, "The answer: %u) %s", res->right_position + 1,
		     res->right->text);
	if (explain_pick(line, sizeof line, ui->app->cat, q, res->picked))
		ui_doc_para(ui, d, 0, A_NORMAL, line);
	ui_doc_paraf(ui, d, 0, A_NORMAL, "Why: %s", q->explain);
	if (res->contrast) {
		ui_doc_skip(d, 1);
		explain_contrast_title(line, sizeof line, ui->app->cat, res->confused_answer,
				       res->confused_picked);
		ui_doc_paraf(ui, d, 0, ui->style[UI_ST_TITLE], "%s:", line);
		ui_doc_para(ui, d, 2, A_NORMAL, res->contrast);
	}
	if (res->will_return) {
		ui_doc_skip(d, 1);
		ui_doc_para(ui, d, 0, ui->style[UI_ST_WARN],
			    "This question will come back in a few questions.");
	}
}

static void ui_feedback_fill(struct ui *ui, struct ui_doc *d)
{
	ui_feedback_verdict(ui, d);
	ui_feedback_options(ui, d);
	ui_feedback_explain(ui, d);
}

#define UI_FEEDBACK_KEYS \
	"Enter go on \u00b7 \u2191/\u2193 Space b g G scroll \u00b7 / search \u00b7 ? help \u00b7 q quit"
#define UI_FEEDBACK_KEYS_NARROW "Enter go on \u00b7 Space b g G / search \u00b7 ? help"

void ui_feedback_draw(struct ui *ui)
{
	const struct shown_question *sq = &ui->fb_q;
	ui_question_header(ui, sq);
	ui_draw_bar(ui, 1, 1, COLS - 2, sq->number, sq->total, ui->style[UI_ST_BAR]);
	ui_doc_show(ui, 3, LINES - 1, ui_feedback_fill);
	/* The same words whether or not it scrolls (room is kept for "more"
	 * either way): a key that scrolls here goes on where there is nothing
	 * to scroll, and Enter always does. */
	ui_draw_status(ui, ui_width(ui, UI_FEEDBACK_KEYS) <= COLS - 12 ? UI_FEEDBACK_KEYS :
		       UI_FEEDBACK_KEYS_NARROW);
}

/* A double press of the answer key (or a double click) lands its second
 * press here: within this long after the feedback came up, the same key
 * again is taken for that, not for "go on", so the explanation is seen. */
#define UI_FEEDBACK_REPEAT_MS 400

static int ui_feedback_repeat(const struct ui *ui, const struct ui_key *k)
{
	const struct ui_key *a = &ui->answer_key;

	return app_ms() - ui->feedback_ms < UI_FEEDBACK_REPEAT_MS && k->fn == a->fn &&
	       k->ch == a->ch && k->cmd == a->cmd;
}

enum ui_action ui_feedback_key(struct ui *ui, const struct ui_key *k)
{
	if (k->cmd == UI_CMD_HELP)
		return UI_ACT_HELP;
	if (k->cmd == UI_CMD_QUIT || k->cmd == UI_CMD_BACK)
		return UI_ACT_CONFIRM;
	if (ui_feedback_repeat(ui, k))
		return UI_ACT_NONE;
	/* Scroll keys scroll only when there is something to scroll to;
	 * otherwise they are "any key", like everything else. */
	if (ui_doc_pager_key(ui, k))
		return UI_ACT_REDRAW;
	/* A wheel turned by accident must not skip the explanation. */
	if (k->cmd == UI_CMD_WHEEL_UP || k->cmd == UI_CMD_WHEEL_DOWN)
		return UI_ACT_NONE;
	return UI_ACT_NEXT;
}
