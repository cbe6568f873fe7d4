/*
 * The bank picker: the session draws from all the banks the command line
 * selected (the default) or from one of them.  Row 0 is "All banks",
 * row i is app->banks[i - 1].
 */
#include "ui_impl.h"

#include <stdio.h>

/* Logical rows before the first item (an intro line and a blank). */
#define UI_BANKS_TOP 2

static int ui_banks_rows(const struct ui *ui)
{
	return (int)ui->app->n_banks + 1;
}

static void ui_banks_item(struct ui *ui, struct ui_doc *d, int i, const char *title,
			  size_t questions)
{
	int y = ui_doc_y(d, d->row), sel = i == ui->bank_sel, cw;
	attr_t a = sel ? ui->style[UI_ST_SEL] : A_NORMAL;
	char count[32];

	ui_hit_add(ui, d, d->row, d->row + 1, i);
	ui_doc_skip(d, 1);
	if (y < 0)
		return;
	snprintf(count, sizeof count, "%zu questions", questions);
	cw = ui_width(ui, count);
	ui_draw_marker(ui, y, d->left, sel);
	if (i < 9)
		ui_putf(ui, y, d->left + 2, 3, a, "%d", i + 1);
	ui_put(ui, y, d->left + 5, d->width - 5 - cw - 2, a, title);
	ui_put(ui, y, d->left + d->width - cw, cw, ui->style[UI_ST_DIM], count);
}

static void ui_banks_fill(struct ui *ui, struct ui_doc *d)
{
	const struct app *app = ui->app;
	size_t total = 0;
	const struct bank *b;

	ui_doc_para(ui, d, 0, A_NORMAL, "Which banks should the questions come from?");
	ui_doc_skip(d, 1);
	for (size_t i = 0; i < app->n_banks; i++)
		total += app->banks[i]->n_questions;
	ui_banks_item(ui, d, 0, "All banks", total);
	for (size_t i = 0; i < app->n_banks; i++)
		ui_banks_item(ui, d, (int)i + 1, app->banks[i]->title, app->banks[i]->n_questions);
	ui_doc_skip(d, 1);
	b = ui->bank_sel > 0 ? app->banks[ui->bank_sel - 1] : NULL;
	if (b && b->description)
		ui_doc_para(ui, d, 0, ui->style[UI_ST_DIM], b->description);
	else if (!b)
		ui_doc_paraf(ui, d, 0, ui->style[UI_ST_DIM], "Every question of the %zu banks.",
			     app->n_banks);
}

void ui_banks_draw(struct ui *ui)
{
	int view = LINES - 3, row = UI_BANKS_TOP + ui->bank_sel;

	ui_draw_header(ui, ui->mode == MODE_DRILL ? "Drill weak spots: choose the banks" :
			   ui->mode == MODE_EXAM ? "Exam: choose the banks" :
						   "Practice: choose the banks", ui->app->user);
	ui_scroll_into_view(ui, row, row + 1, view);
	ui_doc_show(ui, 2, LINES - 1, ui_banks_fill);
	ui_draw_status(ui, "Enter start \u00b7 \u2191/\u2193 move \u00b7 1-9 pick \u00b7 "
			   "? help \u00b7 Esc back");
}

static enum ui_action ui_banks_move(struct ui *ui, int to)
{
	int n = ui_banks_rows(ui);

	ui->bank_sel = to < 0 ? 0 : to >= n ? n - 1 : to;
	return UI_ACT_REDRAW;
}

enum ui_action ui_banks_key(struct ui *ui, const struct ui_key *k)
{
	int page = LINES - 4 > 1 ? LINES - 4 : 1, i;

	switch (k->cmd) {
	case UI_CMD_UP: return ui_banks_move(ui, ui->bank_sel - 1);
	case UI_CMD_DOWN: return ui_banks_move(ui, ui->bank_sel + 1);
	case UI_CMD_PGUP: return ui_banks_move(ui, ui->bank_sel - page);
	case UI_CMD_PGDN: return ui_banks_move(ui, ui->bank_sel + page);
	case UI_CMD_HOME: return ui_banks_move(ui, 0);
	case UI_CMD_END: return ui_banks_move(ui, ui_banks_rows(ui) - 1);
	case UI_CMD_ENTER: return UI_ACT_START;
	case UI_CMD_HELP: return UI_ACT_HELP;
	case UI_CMD_QUIT: case UI_CMD_BACK: return UI_ACT_MENU;
	case UI_CMD_CLICK:
		if ((i = ui_hit_find(ui, k->y)) < 0)
			return UI_ACT_NONE;
		ui->bank_sel = i;
		return UI_ACT_START;
	default: break;
	}
	if (!k->fn && k->ch >= L'1' && k->ch <= L'9' && (int)(k->ch - L'1') < ui_banks_rows(ui)) {
		ui->bank_sel = (int)(k->ch - L'1');
		return UI_ACT_START;
	}
	return UI_ACT_NONE;
}
