/*
 * The main menu: who is practising, how far they are, what is due, and
 * the modes.  The exam's entry says how long it is and its pass mark.
 */
#include "ui_impl.h"
#include "ui_exam.h"
#include "rolecall/stats.h"

#include <inttypes.h>
#include <stdio.h>

static const struct ui_menu_item {
	wint_t key;
	const char *label, *hint;
	enum ui_action act;
} ui_menu_items[] = {
	{ L'p', "Practice", "due reviews, weak spots and new questions", UI_ACT_PRACTICE },
	{ L'd', "Drill weak spots", "the distinctions you confuse most", UI_ACT_DRILL },
	{ L'e', "Exam", "no hints until you submit; a stored result", UI_ACT_EXAM },
	{ L's', "Stats", "accuracy per role, confusion matrix", UI_ACT_STATS },
	{ L't', "Trivia", "players take turns against the clock", UI_ACT_TRIVIA },
	{ L'r', "Roles", "each role and what tells it apart", UI_ACT_ROLES },
	{ L'q', "Quit", "", UI_ACT_EXIT },
};

#define UI_MENU_N ((int)(sizeof ui_menu_items / sizeof *ui_menu_items))
#define UI_MENU_LABEL 64
/* Labels take at least this many columns, so the hints line up. */
#define UI_MENU_LABEL_W 18

static void ui_menu_progress(struct ui *ui, struct ui_doc *d)
{
	uint64_t n = history_answers(ui->app->h), c = history_correct(ui->app->h);
	unsigned seen, due = ui_due_now(ui, &seen);

	ui_doc_paraf(ui, d, 0, ui->style[UI_ST_TITLE], "Hello, %s.", ui->app->user);
	if (n)
		ui_doc_paraf(ui, d, 0, A_NORMAL,
			     "%" PRIu64 " answer%s so far, %" PRIu64 " right (%u%%). "
			     "%u review%s due now.", n, n == 1 ? "" : "s", c, stats_percent(c, n), due,
			     due == 1 ? "" : "s");
	else
		ui_doc_para(ui, d, 0, A_NORMAL,
			    "0 answers so far: start with Practice. 0 reviews due now.");
}

static void ui_menu_bank_line(struct ui *ui, struct ui_doc *d)
{
	size_t q = 0;

	for (size_t i = 0; i < ui->app->n_banks; i++)
		q += ui->app->banks[i]->n_questions;
	ui_doc_paraf(ui, d, 0, ui->style[UI_ST_DIM], "%zu bank%s, %zu questions.",
		     ui->app->n_banks, ui->app->n_banks == 1 ? "" : "s", q);
}

/* The exam's label says what the exam will be: its length and pass mark
 * come from the banks' defaults and the command line. */
static int ui_menu_labels(const struct ui *ui, char labels[][UI_MENU_LABEL])
{
	int w = UI_MENU_LABEL_W;

	for (int i = 0; i < UI_MENU_N; i++) {
		if (ui_menu_items[i].act == UI_ACT_EXAM)
			ui_exam_menu_label(ui, labels[i], UI_MENU_LABEL);
		else
			snprintf(labels[i], UI_MENU_LABEL, "%s", ui_menu_items[i].label);
		w = ui_width(ui, labels[i]) > w ? ui_width(ui, labels[i]) : w;
	}
	return w;
}

static void ui_menu_fill(struct ui *ui, struct ui_doc *d)
{
	char labels[UI_MENU_N][UI_MENU_LABEL];
	int lw = ui_menu_labels(ui, labels), hx = lw + 7;

	ui_menu_progress(ui, d);
	ui_doc_skip(d, 1);
	for (int i = 0; i < UI_MENU_N; i++) {
		const struct ui_menu_item *it = &ui_menu_items[i];
		int row = d->row, y = ui_doc_y(d, row), sel = i == ui->menu_sel;
		attr_t a = sel ? ui->style[UI_ST_SEL] : A_NORMAL;

		ui_doc_skip(d, 1);
		ui_hit_add(ui, d, row, row + 1, i);
		if (y < 0)
			continue;
		ui_draw_marker(ui, y, d->left, sel);
		ui_putf(ui, y, d->left + 2, lw + 3, a, "%d  %-*s", i + 1, lw, labels[i]);
		ui_put(ui, y, d->left + hx, d->width - hx, ui->style[UI_ST_DIM], it->hint);
	}
	ui_doc_skip(d, 1);
	ui_menu_bank_line(ui, d);
}

/* The key hint, from the table, so it follows the items. */
static void ui_menu_status(struct ui *ui)
{
	char keys[2 * UI_MENU_N], status[128];

	for (int i = 0; i < UI_MENU_N; i++) {
		keys[2 * i] = (char)ui_menu_items[i].key;
		keys[2 * i + 1] = i + 1 < UI_MENU_N ? ' ' : '\0';
	}
	snprintf(status, sizeof status, "1-%d or %s pick \u00b7 \u2191/\u2193 Enter \u00b7 "
		 "? help \u00b7 q quit", UI_MENU_N, keys);
	ui_draw_status(ui, status);
}

void ui_menu_draw(struct ui *ui)
{
	ui_draw_header(ui, "rolecall", ui->app->user);
	ui_doc_show(ui, 2, LINES - 1, ui_menu_fill);
	ui_menu_status(ui);
}

/* Up from the first item wraps to the last, and down from the last to
 * the first: the menu is short enough to go round. */
static enum ui_action ui_menu_move(struct ui *ui, int to)
{
	ui->menu_sel = to % UI_MENU_N;
	return UI_ACT_REDRAW;
}

static enum ui_action ui_menu_pick(struct ui *ui, int i)
{
	ui->menu_sel = i;
	return ui_menu_items[i].act;
}

enum ui_action ui_menu_key(struct ui *ui, const struct ui_key *k)
{
	int i;

	switch (k->cmd) {
	case UI_CMD_UP: return ui_menu_move(ui, ui->menu_sel + UI_MENU_N - 1);
	case UI_CMD_DOWN: return ui_menu_move(ui, ui->menu_sel + 1);
	case UI_CMD_HOME: return ui_menu_move(ui, 0);
	case UI_CMD_END: return ui_menu_move(ui, UI_MENU_N - 1);
	case UI_CMD_ENTER: return ui_menu_pick(ui, ui->menu_sel);
	case UI_CMD_HELP: return UI_ACT_HELP;
	case UI_CMD_QUIT: case UI_CMD_BACK: return UI_ACT_EXIT;
	case UI_CMD_CLICK:
		i = ui_hit_find(ui, k->y);
		return i >= 0 ? ui_menu_pick(ui, i) : UI_ACT_NONE;
	default: break;
	}
	if (!k->fn && k->ch >= L'1' && k->ch < (wint_t)(L'1' + UI_MENU_N))
		return ui_menu_pick(ui, (int)(k->ch - L'1'));
	for (i = 0; i < UI_MENU_N; i++)
		if (!k->fn && k->ch == ui_menu_items[i].key)
			return ui_menu_pick(ui, i);
	return UI_ACT_NONE;
}
