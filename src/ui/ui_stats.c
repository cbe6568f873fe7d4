/*
 * The stats screen: accuracy per role as bars, the confusion matrix as a
 * shaded grid (picks/chances; "?" where a pair was never offered side by
 * side), the worst pairs in words, leeches, and accuracy per day as a
 * sparkline.  It mirrors what "rolecall stats" prints (cmd_stats.c), read
 * from the same history.  The document scrolls when it does not fit.
 */
#include "ui_impl.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rolecall/stats.h"

#define UI_LABEL_W 26

static void ui_due_collect(const struct ui *ui, struct stats_due *st)
{
	stats_due(ui->app->h, ui->app->cat, app_now(), st);
}

unsigned ui_due_now(const struct ui *ui, unsigned *seen)
{
	struct stats_due st;

	ui_due_collect(ui, &st);
	*seen = st.seen;
	return st.due;
}

/* A role of the history by its name (explain_history_role). */
static const char *ui_stats_role(const struct ui *ui, unsigned i)
{
	return explain_history_role(ui->app->cat, ui->app->h, i);
}

/* ---- per role ------------------------------------------------------------ */

static void ui_stats_roles(struct ui *ui, struct ui_doc *d)
{
	const struct history *h = ui->app->h;
	int name_w = d->width - 40 < UI_LABEL_W ? d->width - 40 : UI_LABEL_W;
	int bar_w = d->width - name_w - 22 > 30 ? 30 : d->width - name_w - 22;

	ui_doc_para(ui, d, 0, ui->style[UI_ST_TITLE], "Accuracy per role");
	for (unsigned i = 0; i < history_role_count(h); i++) {
		const struct role_tally *t = history_role_tally(h, i);
		int y = ui_doc_y(d, d->row);

		if (!t->asked)
			continue;
		ui_doc_skip(d, 1);
		if (y < 0)
			continue;
		ui_put(ui, y, d->left + 2, name_w, A_NORMAL, ui_stats_role(ui, i));
		ui_putf(ui, y, d->left + 3 + name_w, 16, A_NORMAL, "%5u/%-5u %3u%%", t->correct,
			t->asked, stats_percent(t->correct, t->asked));
		ui_draw_bar(ui, y, d->left + 20 + name_w, bar_w, t->correct, t->asked,
			    ui->style[UI_ST_BAR]);
	}
}

/* ---- the confusion grid -------------------------------------------------- */

static attr_t ui_heat(const struct ui *ui, const struct confusion_cell *c)
{
	if (!c->count)
		return A_NORMAL;
	if (c->count * 4 < c->chances)
		return ui->style[UI_ST_HEAT1];
	if (c->count * 2 < c->chances)
		return ui->style[UI_ST_HEAT2];
	return ui->style[UI_ST_HEAT3];
}

static void ui_cell_text(const struct history *h, unsigned a, unsigned p, char *buf, size_t len)
{
	const struct confusion_cell *c = history_confusion(h, a, p);

	if (a == p)
		snprintf(buf, len, "-");
	else if (!c->chances)
		snprintf(buf, len, "?");
	else
		snprintf(buf, len, "%u/%u", c->count, c->chances);
}

/* Cells are as wide as the widest count or role id, plus a gap. */
static int ui_cell_width(const struct ui *ui, unsigned n)
{
	const struct history *h = ui->app->h;
	int w = 5;
	char buf[32];

	for (unsigned a = 0; a < n; a++) {
		int iw = ui_width(ui, history_role_id(h, a));

		w = iw > w ? iw : w;
		for (unsigned p = 0; p < n; p++) {
			ui_cell_text(h, a, p, buf, sizeof buf);
			w = (int)strlen(buf) > w ? (int)strlen(buf) : w;
		}
	}
	return w > 12 ? 13 : w + 1;
}

/* The history's roles in the banks' order (the catalog's), then any
 * role no loaded bank declares, in the history's: a grid reads like the
 * bank.  The caller frees it; NULL when out of memory. */
static unsigned *ui_grid_order(const struct ui *ui, unsigned n)
{
	unsigned *order = malloc((n ? n : 1) * sizeof *order), k = 0;
	const struct catalog *cat = ui->app->cat;

	if (!order)
		return NULL;
	for (size_t r = 0; r < catalog_role_count(cat); r++) {
		int i = history_role_find(ui->app->h, catalog_role(cat, (int)r)->id);

		if (i >= 0)
			order[k++] = (unsigned)i;
	}
	for (unsigned i = 0; i < n; i++)
		if (catalog_find_role(cat, history_role_id(ui->app->h, i)) < 0)
			order[k++] = i;
	return order;
}

static void ui_grid_row(struct ui *ui, int y, int x, int cw, unsigned a,
			const unsigned *cols, unsigned shown)
{
	const struct history *h = ui->app->h;
	char text[32], cell[48];

	for (unsigned j = 0; j < shown; j++, x += cw) {
		unsigned p = cols[j];
		const struct confusion_cell *c = history_confusion(h, a, p);
		attr_t at = a == p || !c->chances ? ui->style[UI_ST_DIM] : ui_heat(ui, c);

		ui_cell_text(h, a, p, text, sizeof text);
		/* Padded inside the attribute, so the shade reads as a block. */
		snprintf(cell, sizeof cell, "%*s ", cw - 2, text);
		ui_put(ui, y, x + 1, cw - 1, at, cell);
	}
}

static void ui_grid_legend(struct ui *ui, struct ui_doc *d)
{
	int y = ui_doc_y(d, d->row), x = d->left + 2;

	ui_doc_skip(d, 1);
	if (y < 0)
		return;
	x += ui_put(ui, y, x, d->width - 2, ui->style[UI_ST_DIM], "picked in: ");
	x += ui_put(ui, y, x, 12, ui->style[UI_ST_HEAT1], " < 25% ") + 1;
	x += ui_put(ui, y, x, 12, ui->style[UI_ST_HEAT2], " < 50% ") + 1;
	x += ui_put(ui, y, x, 12, ui->style[UI_ST_HEAT3], " \u2265 50% ") + 1;
	ui_put(ui, y, x, d->left + d->width - x, ui->style[UI_ST_DIM],
	       "of chances; ? never offered side by side");
}

/* Which role each column id stands for, in the grid's order. */
static void ui_grid_ids(struct ui *ui, struct ui_doc *d, const unsigned *order, unsigned n)
{
	const struct history *h = ui->app->h;
	char line[1024];
	size_t at = 0;

	/* no-break spaces keep each id with its name when the line wraps */
	at += (size_t)snprintf(line, sizeof line, "columns:");
	for (unsigned p = 0; p < n && at < sizeof line; p++)
		at += (size_t)snprintf(line + at, sizeof line - at, "%s %s\u00a0=\u00a0%s",
				       p ? " \u00b7" : "", history_role_id(h, order[p]),
				       ui_stats_role(ui, order[p]));
	ui_doc_para(ui, d, 2, ui->style[UI_ST_DIM], line);
}

/* The header row: the ids of the columns shown, with an arrow on a side
 * that has more columns. */
static void ui_grid_header(struct ui *ui, int y, int x, int cw, const unsigned *order,
			   unsigned first, unsigned shown, unsigned n)
{
	const struct history *h = ui->app->h;

	if (first)
		ui_put(ui, y, x - 2, 2, ui->style[UI_ST_WARN], "\u2190");
	for (unsigned p = first; p < first + shown; p++)
		ui_putf(ui, y, x + (int)(p - first) * cw + 1, cw - 1, ui->style[UI_ST_KEY],
			"%*s", cw - 2, history_role_id(h, order[p]));
	if (first + shown < n)
		ui_put(ui, y, x + (int)shown * cw + 1, 2, ui->style[UI_ST_WARN], "\u2192");
}

static void ui_stats_grid(struct ui *ui, struct ui_doc *d)
{
	const struct history *h = ui->app->h;
	unsigned n = history_role_count(h), shown, first;
	int cw = ui_cell_width(ui, n), lw = UI_LABEL_W + 2, y;
	unsigned *order = ui_grid_order(ui, n);

	if (!order) {
		ui_doc_para(ui, d, 0, ui->style[UI_ST_WARN], "Out of memory for the grid.");
		return;
	}
	/* room for the arrows when the columns do not all fit */
	shown = (unsigned)((d->width - lw) / cw);
	if (shown < n)
		shown = (unsigned)((d->width - lw - 3) / cw);
	shown = shown > n ? n : shown ? shown : 1;
	if (ui->grid_first > n - shown)
		ui->grid_first = n - shown;
	first = ui->grid_first;
	ui_doc_skip(d, 1);
	ui_doc_para(ui, d, 0, ui->style[UI_ST_TITLE],
		    "Confusions (rows: the right answer; columns: what you picked)");
	if ((y = ui_doc_y(d, d->row)) >= 0)
		ui_grid_header(ui, y, d->left + lw, cw, order, first, shown, n);
	ui_doc_skip(d, 1);
	for (unsigned a = 0; a < n; a++) {
		if ((y = ui_doc_y(d, d->row)) >= 0) {
			ui_put(ui, y, d->left + 2, UI_LABEL_W, A_NORMAL, ui_stats_role(ui, order[a]));
			ui_grid_row(ui, y, d->left + lw, cw, order[a], order + first, shown);
		}
		ui_doc_skip(d, 1);
	}
	ui_grid_legend(ui, d);
	ui_grid_ids(ui, d, order, n);
	free(order);
	if (shown < n)
		ui_doc_paraf(ui, d, 2, ui->style[UI_ST_WARN],
			     "columns %u\u2013%u of %u: \u2190/\u2192 scroll sideways", first + 1,
			     first + shown, n);
}

/* ---- pairs, leeches, days ------------------------------------------------ */

static void ui_stats_pairs(struct ui *ui, struct ui_doc *d)
{
	const struct history *h = ui->app->h;
	struct stats_pair top[STATS_TOP_PAIRS];
	unsigned k = stats_top_pairs(h, top, STATS_TOP_PAIRS);

	if (!k)
		return;
	ui_doc_skip(d, 1);
	ui_doc_para(ui, d, 0, ui->style[UI_ST_TITLE], "Most confused");
	for (unsigned i = 0; i < k; i++) {
		const struct confusion_cell *c = history_confusion(h, top[i].answer,
								   top[i].picked);
		char line[EXPLAIN_MAX];

		explain_confusion(line, sizeof line, "You", ui_stats_role(ui, top[i].picked),
				  ui_stats_role(ui, top[i].answer), c->count, c->chances);
		ui_doc_paraf(ui, d, 2, A_NORMAL, "%s.", line);
	}
}

static void ui_stats_leeches(struct ui *ui, struct ui_doc *d, const struct stats_due *st)
{
	if (!st->n_leech)
		return;
	ui_doc_skip(d, 1);
	ui_doc_paraf(ui, d, 0, ui->style[UI_ST_TITLE],
		     "Leeches (missed %d or more times: hard, or badly worded?)",
		     HISTORY_LEECH_MISSES);
	for (unsigned i = 0; i < st->n_leech; i++) {
		const struct bank_question *q = catalog_find_question(ui->app->cat,
								      st->leech[i]->id);

		ui_doc_paraf(ui, d, 2, A_NORMAL, "%s (%u misses): %s", st->leech[i]->id,
			     st->leech[i]->wrong, q ? q->prompt : "");
	}
}

static void ui_stats_days(struct ui *ui, struct ui_doc *d)
{
	static const char *const blocks[] = { "\u2581", "\u2582", "\u2583", "\u2584",
					      "\u2585", "\u2586", "\u2587", "\u2588" };
	char line[UI_DAYS * 4 + 1] = "";
	uint32_t n = 0, c = 0;

	for (unsigned i = 0; i < UI_DAYS; i++) {
		uint32_t a = ui->day_answers[i], r = ui->day_correct[i];

		n += a;
		c += r;
		/* Eight heights for 0..100%, rounded; a day without answers is
		 * a gap, not a zero. */
		strcat(line, a ? blocks[(r * 7 + a / 2) / a] : " ");
	}
	ui_doc_skip(d, 1);
	ui_doc_paraf(ui, d, 0, ui->style[UI_ST_TITLE], "Last %d days", UI_DAYS);
	ui_doc_paraf(ui, d, 2, ui->style[UI_ST_BAR], "[%s]", line);
	ui_doc_paraf(ui, d, 2, ui->style[UI_ST_DIM],
		     "accuracy per day, oldest first (blank: no answers); %" PRIu32
		     " answers, %u%% right", n, stats_percent(c, n));
}

static void ui_stats_fill(struct ui *ui, struct ui_doc *d)
{
	const struct history *h = ui->app->h;
	uint64_t n = history_answers(h), c = history_correct(h);
	struct stats_due st;

	ui_doc_paraf(ui, d, 0, ui->style[UI_ST_TITLE], "%s: %" PRIu64 " answers, %" PRIu64
		     " right (%u%%)", ui->app->user, n, c, stats_percent(c, n));
	if (!n) {
		ui_doc_para(ui, d, 0, A_NORMAL, "No answers yet: start with Practice.");
		return;
	}
	ui_due_collect(ui, &st);
	ui_doc_skip(d, 1);
	ui_stats_roles(ui, d);
	ui_stats_grid(ui, d);
	ui_stats_pairs(ui, d);
	ui_stats_leeches(ui, d, &st);
	ui_stats_days(ui, d);
	ui_doc_skip(d, 1);
	ui_doc_paraf(ui, d, 0, A_NORMAL, "Due for review now: %u of %u questions seen.", st.due,
		     st.seen);
}

void ui_stats_draw(struct ui *ui)
{
	ui_doc_screen_draw(ui, "Stats", ui_stats_fill);
}

enum ui_action ui_stats_key(struct ui *ui, const struct ui_key *k)
{
	/* sideways through the confusion grid's columns (drawing clamps) */
	if ((k->fn && k->ch == KEY_RIGHT) || (!k->fn && k->ch == L'l')) {
		ui->grid_first++;
		return UI_ACT_REDRAW;
	}
	if ((k->fn && k->ch == KEY_LEFT) || (!k->fn && k->ch == L'h')) {
		if (ui->grid_first)
			ui->grid_first--;
		return UI_ACT_REDRAW;
	}
	return ui_doc_screen_key(ui, k);
}
