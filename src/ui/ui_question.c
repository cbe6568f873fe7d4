/*
 * The question screen: bank, position and progress, the prompt, and the
 * options in the order the engine shuffled them.  The highlighted option
 * lives in ui->sel, so a resize redraws the same state.
 */
#include "ui_impl.h"

#include <stdio.h>

static void ui_question_options(struct ui *ui, struct ui_doc *d, int *first, int *end)
{
	const struct shown_question *sq = ui->sq;

	for (unsigned i = 0; i < sq->n_options; i++) {
		int sel = (int)i == ui->sel;

		ui_doc_option(ui, d, i, sel, sel ? ui->style[UI_ST_SEL] : A_NORMAL,
			      sq->q->choices[sq->order[i]].text, &first[i], &end[i]);
	}
}

static void ui_question_fill(struct ui *ui, struct ui_doc *d, int *first, int *end)
{
	char pair[2 * BANK_MAX_TEXT + 16];

	if (ui->notice) {
		ui_doc_para(ui, d, 0, ui->style[UI_ST_WARN],
			    SESSION_PROBE_NOTICE);
		ui_doc_skip(d, 1);
	}
	ui_drill_pair(ui, ui->sq, pair, sizeof pair);
	if (pair[0]) {
		ui_doc_para(ui, d, 0, ui->style[UI_ST_WARN], pair);
		ui_doc_skip(d, 1);
	}
	if (ui->count_notice[0]) {
		ui_doc_para(ui, d, 0, ui->style[UI_ST_WARN], ui->count_notice);
		ui_doc_skip(d, 1);
	}
	ui_doc_para(ui, d, 0, ui->style[UI_ST_TITLE], ui->sq->q->prompt);
	ui_doc_skip(d, 1);
	ui_question_options(ui, d, first, end);
}

void ui_question_header(struct ui *ui, const struct shown_question *sq)
{
	char right[64], title[BANK_MAX_TEXT + 16];
	unsigned planned = ui->s ? session_planned(ui->s) : sq->total;

	/* The planned length stays put; re-asks are counted beside it. */
	if (planned && sq->total > planned)
		snprintf(right, sizeof right, "question %u of %u (+%u again)", sq->number,
			 planned, sq->total - planned);
	else
		snprintf(right, sizeof right, "question %u of %u", sq->number, sq->total);
	snprintf(title, sizeof title, "%s%s", sq->q->bank->title,
		 sq->reason == PICK_REASK ? " (again)" : "");
	ui_draw_header(ui, title, right);
}

/* Does the question offer a choice of this role? */
static int offers_role(const struct shown_question *sq, int role)
{
	for (unsigned i = 0; i < sq->n_options; i++)
		if (sq->q->choices[sq->order[i]].role == role)
			return 1;
	return 0;
}

void ui_drill_pair(const struct ui *ui, const struct shown_question *sq, char *buf,
		   size_t cap)
{
	struct weak_pair wp[4];
	char pair[EXPLAIN_MAX];
	unsigned n = 0, k;

	buf[0] = '\0';
	if (ui->mode != MODE_DRILL || !ui->s || session_drill_fallback(ui->s))
		return;
	n = session_weak_pairs(ui->s, wp, 4);
	for (k = 0; k < n; k++)
		if (offers_role(sq, wp[k].answer) && offers_role(sq, wp[k].picked))
			break;
	if (k == n)
		return;
	explain_contrast_title(pair, sizeof pair, ui->app->cat, wp[k].answer, wp[k].picked);
	snprintf(buf, cap, "Drilling: %s", pair);
}

void ui_question_draw(struct ui *ui)
{
	const struct shown_question *sq = ui->sq;
	char keys[128];

	ui_question_header(ui, sq);
	ui_draw_bar(ui, 1, 1, COLS - 2, sq->number - 1, sq->total, ui->style[UI_ST_BAR]);
	ui_doc_show_options(ui, 3, LINES - 1, ui->sel, ui_question_fill);
	snprintf(keys, sizeof keys, "1-%u or a-%c pick \u00b7 \u2191/\u2193 Enter \u00b7 "
		 "? help \u00b7 q quit", sq->n_options, 'a' + sq->n_options - 1);
	ui_draw_status(ui, keys);
	/* The answer time runs from the first time the question is seen, not
	 * from a redraw after a resize. */
	if (!ui->shown_ms)
		ui->shown_ms = app_ms();
}

enum ui_action ui_question_key(struct ui *ui, const struct ui_key *k)
{
	int n = (int)ui->sq->n_options, i;

	ui->answer_key = *k; /* the feedback ignores a quick repeat of it */
	switch (k->cmd) {
	case UI_CMD_UP: ui->sel = (ui->sel + n - 1) % n; return UI_ACT_REDRAW;
	case UI_CMD_DOWN: ui->sel = (ui->sel + 1) % n; return UI_ACT_REDRAW;
	case UI_CMD_HOME: ui->sel = 0; return UI_ACT_REDRAW;
	case UI_CMD_END: ui->sel = n - 1; return UI_ACT_REDRAW;
	case UI_CMD_ENTER: return UI_ACT_ANSWER;
	case UI_CMD_HELP: return UI_ACT_HELP;
	case UI_CMD_QUIT: case UI_CMD_BACK: return UI_ACT_CONFIRM;
	case UI_CMD_CLICK:
		if ((i = ui_hit_find(ui, k->y)) < 0)
			return UI_ACT_NONE;
		ui->sel = i;
		return UI_ACT_ANSWER;
	default: break;
	}
	if ((i = ui_option_key(k, (unsigned)n)) < 0)
		return UI_ACT_NONE;
	ui->sel = i;
	return UI_ACT_ANSWER;
}
