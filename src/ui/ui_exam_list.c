/*
 * The exam's question list: every question with the answer given so far
 * and its flag for review, to jump to one (and change its answer) before
 * submitting.  Row i is question i + 1; the highlighted row is
 * ui->exam->list_sel.
 */
#include "ui_exam.h"

#include <stdio.h>

/* Logical rows before the first question (a line and a blank). */
#define UI_LIST_TOP 2
/* Columns: marker, number, flag, the answer, then the prompt. */
#define UI_LIST_FLAG_X 7
#define UI_LIST_ANSWER_X 9
#define UI_LIST_ANSWER_W 28

static void ui_exam_list_row(struct ui *ui, struct ui_doc *d, unsigned i)
{
	const struct exam_item *it = exam_item(ui->exam->e, i);
	int y = ui_doc_y(d, d->row), sel = (int)i == ui->exam->list_sel;
	attr_t a = sel ? ui->style[UI_ST_SEL] : A_NORMAL;
	int answer_w = d->width - UI_LIST_ANSWER_X < UI_LIST_ANSWER_W ?
		d->width - UI_LIST_ANSWER_X : UI_LIST_ANSWER_W;
	int prompt_x = UI_LIST_ANSWER_X + answer_w + 2;

	ui_hit_add(ui, d, d->row, d->row + 1, (int)i);
	ui_doc_skip(d, 1);
	if (y < 0)
		return;
	ui_put(ui, y, d->left, 2, A_NORMAL, sel ? "\u25b8" : " ");
	ui_putf(ui, y, d->left + 2, 4, a, "%3u", i + 1);
	if (exam_flagged(ui->exam->e, i))
		ui_put(ui, y, d->left + UI_LIST_FLAG_X, 1, sel ? a : ui->style[UI_ST_WARN],
		       ui->ascii ? "F" : "\u2691");
	if (it->picked >= 0)
		ui_putf(ui, y, d->left + UI_LIST_ANSWER_X, answer_w, a, "%d) %s", it->picked + 1,
			it->q->choices[it->order[it->picked]].text);
	else
		ui_put(ui, y, d->left + UI_LIST_ANSWER_X, answer_w,
		       sel ? a : ui->style[UI_ST_WARN], "not answered");
	ui_put(ui, y, d->left + prompt_x, d->width - prompt_x, sel ? a : ui->style[UI_ST_DIM],
	       it->q->prompt);
}

static void ui_exam_list_fill(struct ui *ui, struct ui_doc *d)
{
	const struct exam *e = ui->exam->e;

	ui_doc_paraf(ui, d, 0, A_NORMAL, "%u of %u questions answered, %u flagged for review; "
		     "Enter goes to the highlighted one.", exam_answered(e), exam_count(e),
		     exam_flag_count(e));
	ui_doc_skip(d, 1);
	for (unsigned i = 0; i < exam_count(e); i++)
		ui_exam_list_row(ui, d, i);
}

void ui_exam_list_draw(struct ui *ui)
{
	int view = LINES - 3, row = UI_LIST_TOP + ui->exam->list_sel;
	char right[96];

	ui_exam_status_text(ui, right, sizeof right);
	ui_draw_header_note(ui, "Questions", right, ui_exam_status_attr(ui));
	ui_scroll_into_view(ui, row, row + 1, view);
	ui_doc_show(ui, 2, LINES - 1, ui_exam_list_fill);
	ui_draw_status(ui, "Enter go to it \u00b7 \u2191/\u2193 move \u00b7 f flag \u00b7 "
			   "S submit \u00b7 ? help \u00b7 Esc back");
	if (ui->exam->ask)
		ui_exam_ask_draw(ui);
}

static enum ui_action ui_exam_list_move(struct ui *ui, int to)
{
	int n = (int)exam_count(ui->exam->e);

	ui->exam->list_sel = to < 0 ? 0 : to >= n ? n - 1 : to;
	return UI_ACT_REDRAW;
}

static enum ui_action ui_exam_list_go(struct ui *ui, int i)
{
	ui_exam_go(ui, i);
	return UI_ACT_REDRAW;
}

/* Back to the question that was on screen. */
static enum ui_action ui_exam_list_close(struct ui *ui)
{
	ui->screen = UI_SCR_EXAM_QUESTION;
	ui->scroll = 0;
	return UI_ACT_REDRAW;
}

enum ui_action ui_exam_list_key(struct ui *ui, const struct ui_key *k)
{
	int page = LINES - 4 > 1 ? LINES - 4 : 1, sel = ui->exam->list_sel, i;

	if (ui->exam->ask)
		return ui_exam_ask_key(ui, k);
	switch (k->cmd) {
	case UI_CMD_UP: return ui_exam_list_move(ui, sel - 1);
	case UI_CMD_DOWN: return ui_exam_list_move(ui, sel + 1);
	case UI_CMD_PGUP: return ui_exam_list_move(ui, sel - page);
	case UI_CMD_PGDN: return ui_exam_list_move(ui, sel + page);
	case UI_CMD_HOME: return ui_exam_list_move(ui, 0);
	case UI_CMD_END: return ui_exam_list_move(ui, (int)exam_count(ui->exam->e) - 1);
	case UI_CMD_WHEEL_UP: return ui_exam_list_move(ui, sel - 1);
	case UI_CMD_WHEEL_DOWN: return ui_exam_list_move(ui, sel + 1);
	case UI_CMD_ENTER: return ui_exam_list_go(ui, sel);
	case UI_CMD_HELP: return UI_ACT_HELP;
	case UI_CMD_QUIT: case UI_CMD_BACK: return ui_exam_list_close(ui);
	case UI_CMD_CLICK:
		i = ui_hit_find(ui, k->y);
		return i >= 0 ? ui_exam_list_go(ui, i) : UI_ACT_NONE;
	default: break;
	}
	if (k->fn && k->ch == KEY_F(10)) {
		ui->exam->ask = UI_EXAM_ASK_SUBMIT;
		return UI_ACT_REDRAW;
	}
	if (k->fn)
		return UI_ACT_NONE;
	if (k->ch == L'S') {
		ui->exam->ask = UI_EXAM_ASK_SUBMIT;
		return UI_ACT_REDRAW;
	}
	if (k->ch == L'l' || k->ch == L'\t')
		return ui_exam_list_close(ui);
	if (k->ch == L'f') {
		ui_exam_flag(ui, sel);
		return UI_ACT_REDRAW;
	}
	return UI_ACT_NONE;
}
