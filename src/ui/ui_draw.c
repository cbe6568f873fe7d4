/*
 * Drawing helpers shared by the screens: styles with a monochrome
 * fallback, sanitised and clipped text, wrapped documents that scroll,
 * header, bars, status line, overlay boxes and click areas.
 */
#include "ui_impl.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Long enough for any bank text (BANK_MAX_TEXT bytes decode to at most as
 * many characters) plus what the UI wraps around it. */
#define UI_WBUF (BANK_MAX_TEXT + 512)

enum {
	UI_PAIR_TITLE = 1,
	UI_PAIR_RIGHT,
	UI_PAIR_WRONG,
	UI_PAIR_WARN,
	UI_PAIR_HEAT2,
	UI_PAIR_HEAT3,
	UI_PAIR_SEL,
};

static void ui_colour_styles(struct ui *ui)
{
	short bg = use_default_colors() == OK ? -1 : COLOR_BLACK;

	init_pair(UI_PAIR_TITLE, COLOR_CYAN, bg);
	init_pair(UI_PAIR_RIGHT, COLOR_GREEN, bg);
	init_pair(UI_PAIR_WRONG, COLOR_RED, bg);
	init_pair(UI_PAIR_WARN, COLOR_YELLOW, bg);
	init_pair(UI_PAIR_HEAT2, COLOR_BLACK, COLOR_YELLOW);
	init_pair(UI_PAIR_HEAT3, COLOR_WHITE, COLOR_RED);
	init_pair(UI_PAIR_SEL, COLOR_BLACK, COLOR_CYAN);
	ui->style[UI_ST_TITLE] = COLOR_PAIR(UI_PAIR_TITLE) | A_BOLD;
	ui->style[UI_ST_SEL] = COLOR_PAIR(UI_PAIR_SEL) | A_BOLD;
	ui->style[UI_ST_RIGHT] = COLOR_PAIR(UI_PAIR_RIGHT) | A_BOLD;
	ui->style[UI_ST_WRONG] = COLOR_PAIR(UI_PAIR_WRONG) | A_BOLD;
	ui->style[UI_ST_BAR] = COLOR_PAIR(UI_PAIR_RIGHT);
	ui->style[UI_ST_WARN] = COLOR_PAIR(UI_PAIR_WARN) | A_BOLD;
	ui->style[UI_ST_HEAT1] = COLOR_PAIR(UI_PAIR_WARN) | A_BOLD;
	ui->style[UI_ST_HEAT2] = COLOR_PAIR(UI_PAIR_HEAT2);
	ui->style[UI_ST_HEAT3] = COLOR_PAIR(UI_PAIR_HEAT3) | A_BOLD;
}

/* Monochrome: every distinction colour makes is also made by an attribute
 * or by words on the screen, so nothing depends on colour alone. */
void ui_draw_styles(struct ui *ui)
{
	memset(ui->style, 0, sizeof ui->style);
	ui->style[UI_ST_TITLE] = A_BOLD;
	ui->style[UI_ST_DIM] = A_DIM;
	ui->style[UI_ST_SEL] = A_REVERSE;
	ui->style[UI_ST_RIGHT] = A_BOLD;
	ui->style[UI_ST_WRONG] = A_BOLD | A_UNDERLINE;
	ui->style[UI_ST_KEY] = A_BOLD;
	ui->style[UI_ST_STATUS] = A_REVERSE;
	ui->style[UI_ST_WARN] = A_BOLD;
	ui->style[UI_ST_HEAT1] = A_BOLD | A_UNDERLINE;
	ui->style[UI_ST_HEAT2] = A_REVERSE;
	ui->style[UI_ST_HEAT3] = A_REVERSE | A_BOLD;
	if (ui->colour && start_color() == OK)
		ui_colour_styles(ui);
}

/* ---- text ---------------------------------------------------------------- */

static void ui_addw(int y, int x, attr_t attr, const wchar_t *s, size_t n)
{
	if (!n)
		return;
	attrset(attr);
	mvaddnwstr(y, x, s, (int)n);
	attrset(A_NORMAL);
}

int ui_width(const struct ui *ui, const char *text)
{
	static wchar_t buf[UI_WBUF];
	size_t n = ui_text_sanitize(text, ui->ascii, buf, UI_WBUF);

	return ui_text_width(buf, n);
}

int ui_put(const struct ui *ui, int y, int x, int maxw, attr_t attr, const char *text)
{
	static wchar_t buf[UI_WBUF];
	size_t n = ui_text_sanitize(text, ui->ascii, buf, UI_WBUF), fit;
	const wchar_t *more = ui->ascii ? L"~" : L"\u2026";

	if (maxw <= 0)
		return 0;
	fit = ui_text_fit(buf, n, maxw);
	if (fit < n && maxw > 1) {
		/* Cut: keep room for the ellipsis so the cut is visible. */
		fit = ui_text_fit(buf, n, maxw - 1);
		ui_addw(y, x, attr, buf, fit);
		ui_addw(y, x + ui_text_width(buf, fit), attr, more, 1);
		return ui_text_width(buf, fit) + 1;
	}
	ui_addw(y, x, attr, buf, fit);
	return ui_text_width(buf, fit);
}

int ui_putf(const struct ui *ui, int y, int x, int maxw, attr_t attr, const char *fmt, ...)
{
	char buf[UI_WBUF];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return ui_put(ui, y, x, maxw, attr, buf);
}

/* ---- documents --------------------------------------------------------- */

void ui_doc_init(struct ui_doc *d, int top, int bottom, int left, int width, int draw)
{
	*d = (struct ui_doc){ .top = top, .bottom = bottom, .left = left,
			      .width = width < 1 ? 1 : width, .draw = draw };
}

int ui_doc_y(const struct ui_doc *d, int r)
{
	int y = d->top + r - d->scroll;

	return d->draw && y >= d->top && y < d->bottom ? y : -1;
}

void ui_doc_skip(struct ui_doc *d, int rows)
{
	d->row += rows;
}

int ui_doc_para(struct ui *ui, struct ui_doc *d, int indent, attr_t attr, const char *text)
{
	static wchar_t buf[UI_WBUF];
	size_t n = ui_text_sanitize(text, ui->ascii, buf, UI_WBUF), at = 0, next, len;
	int first = d->row, width = d->width - indent;

	if (width < 1)
		width = 1;
	while (at < n) {
		int y = ui_doc_y(d, d->row++);

		len = ui_text_break(buf + at, n - at, width, &next);
		if (d->search && !d->draw)
			ui_search_row(ui, d->row - 1, buf + at, len);
		if (y >= 0)
			ui_addw(y, d->left + indent, attr, buf + at, len);
		if (y >= 0 && d->search)
			ui_search_mark(ui, y, d->left + indent, attr, buf + at, len);
		at += next;
	}
	return first;
}

int ui_doc_paraf(struct ui *ui, struct ui_doc *d, int indent, attr_t attr, const char *fmt,
		 ...)
{
	char buf[UI_WBUF];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return ui_doc_para(ui, d, indent, attr, buf);
}

/* Keep ui->scroll within a document of `rows` rows shown in `view`. */
static void ui_doc_clamp(struct ui *ui, int rows, int view)
{
	ui->scroll_max = rows > view ? rows - view : 0;
	if (ui->scroll > ui->scroll_max)
		ui->scroll = ui->scroll_max;
	if (ui->scroll < 0)
		ui->scroll = 0;
}

void ui_doc_show(struct ui *ui, int top, int bottom,
		 void (*fill)(struct ui *ui, struct ui_doc *d))
{
	struct ui_doc d;

	ui_doc_init(&d, top, bottom, 1, COLS - 2, 0);
	d.search = 1;
	ui_search_measure(ui, bottom - top);
	fill(ui, &d);
	ui_doc_clamp(ui, d.row, bottom - top);
	ui_search_resolve(ui);
	ui_doc_init(&d, top, bottom, 1, COLS - 2, 1);
	d.scroll = ui->scroll;
	d.search = 1;
	fill(ui, &d);
}

void ui_scroll_into_view(struct ui *ui, int first, int end, int view)
{
	if (end > ui->scroll + view)
		ui->scroll = end - view;
	if (first < ui->scroll)
		ui->scroll = first;
}

void ui_doc_show_options(struct ui *ui, int top, int bottom, int sel,
			 void (*fill)(struct ui *ui, struct ui_doc *d, int *first, int *end))
{
	int first[BANK_MAX_OPTIONS], end[BANK_MAX_OPTIONS];
	struct ui_doc d;

	ui_doc_init(&d, top, bottom, 1, COLS - 2, 0);
	fill(ui, &d, first, end);
	ui_scroll_into_view(ui, first[sel], end[sel], bottom - top);
	ui_doc_clamp(ui, d.row, bottom - top);
	ui_doc_init(&d, top, bottom, 1, COLS - 2, 1);
	d.scroll = ui->scroll;
	fill(ui, &d, first, end);
}

/* Columns before an option's text: marker, number, gap. */
#define UI_OPT_INDENT 5

void ui_doc_option(struct ui *ui, struct ui_doc *d, unsigned i, int sel, attr_t a,
		   const char *text, int *first, int *end)
{
	int y;

	*first = d->row;
	ui_doc_para(ui, d, UI_OPT_INDENT, a, text);
	*end = d->row;
	ui_hit_add(ui, d, *first, *end, (int)i);
	if ((y = ui_doc_y(d, *first)) >= 0) {
		ui_draw_marker(ui, y, d->left, sel);
		ui_putf(ui, y, d->left + 2, 2, a, "%u", i + 1);
	}
}

void ui_draw_marker(struct ui *ui, int y, int x, int sel)
{
	ui_put(ui, y, x, 2, A_NORMAL, sel ? "\u25b8" : " ");
	if (sel) {
		ui->cursor_y = y;
		ui->cursor_x = x;
	}
}

int ui_doc_scroll_key(struct ui *ui, const struct ui_key *k)
{
	int page = LINES - 4 > 1 ? LINES - 4 : 1;

	if (!ui->scroll_max)
		return 0;
	switch (k->cmd) {
	case UI_CMD_UP: case UI_CMD_WHEEL_UP: ui->scroll--; break;
	case UI_CMD_DOWN: case UI_CMD_WHEEL_DOWN: ui->scroll++; break;
	case UI_CMD_PGUP: ui->scroll -= page; break;
	case UI_CMD_PGDN: ui->scroll += page; break;
	case UI_CMD_HOME: ui->scroll = 0; break;
	case UI_CMD_END: ui->scroll = ui->scroll_max; break;
	default: return 0;
	}
	if (ui->scroll < 0)
		ui->scroll = 0;
	if (ui->scroll > ui->scroll_max)
		ui->scroll = ui->scroll_max;
	return 1;
}

void ui_doc_screen_draw(struct ui *ui, const char *title,
			void (*fill)(struct ui *ui, struct ui_doc *d))
{
	ui_draw_header(ui, title, ui->app->user);
	ui_doc_show(ui, 2, LINES - 1, fill);
	ui_draw_status(ui, UI_PAGER_KEYS " \u00b7 ? help \u00b7 q back");
}

enum ui_action ui_doc_screen_key(struct ui *ui, const struct ui_key *k)
{
	if (k->cmd == UI_CMD_HELP)
		return UI_ACT_HELP;
	if (ui_doc_pager_key(ui, k))
		return UI_ACT_REDRAW;
	if (k->cmd == UI_CMD_QUIT || k->cmd == UI_CMD_BACK || k->cmd == UI_CMD_ENTER)
		return UI_ACT_MENU;
	return UI_ACT_NONE;
}

int ui_doc_pager_key(struct ui *ui, const struct ui_key *k)
{
	static const struct { wchar_t ch; enum ui_cmd cmd; } less[] = {
		{ L' ', UI_CMD_PGDN }, { L'b', UI_CMD_PGUP }, { L'g', UI_CMD_HOME },
		{ L'G', UI_CMD_END },
	};
	struct ui_key as = *k;

	if (ui_search_key(ui, k))
		return 1;
	for (size_t i = 0; !k->fn && i < sizeof less / sizeof *less; i++)
		if (k->ch == (wint_t)less[i].ch)
			as.cmd = less[i].cmd;
	return ui_doc_scroll_key(ui, &as);
}

/* ---- clicks ------------------------------------------------------------ */

void ui_hit_add(struct ui *ui, const struct ui_doc *d, int first, int end, int index)
{
	int view = d->bottom - d->top;
	int from = first > d->scroll ? first : d->scroll;
	int to = end < d->scroll + view ? end : d->scroll + view;

	if (!d->draw || from >= to || ui->n_hits == UI_MAX_HITS)
		return;
	ui->hits[ui->n_hits++] = (struct ui_hit){ d->top + from - d->scroll,
						  d->top + to - d->scroll, index };
}

int ui_hit_find(const struct ui *ui, int y)
{
	for (unsigned i = 0; i < ui->n_hits; i++)
		if (y >= ui->hits[i].top && y < ui->hits[i].bottom)
			return ui->hits[i].index;
	return -1;
}

/* ---- chrome -------------------------------------------------------------- */

void ui_draw_header(struct ui *ui, const char *title, const char *right)
{
	ui_draw_header_note(ui, title, right, A_NORMAL);
}

void ui_draw_header_note(struct ui *ui, const char *title, const char *right, attr_t note)
{
	int rw = right ? ui_width(ui, right) : 0;

	if (rw > COLS / 2)
		rw = COLS / 2;
	ui_put(ui, 0, 1, COLS - 2 - (rw ? rw + 2 : 0), ui->style[UI_ST_TITLE], title);
	if (rw)
		ui_put(ui, 0, COLS - 1 - rw, rw, note, right);
}

static void ui_repeat(const struct ui *ui, int y, int x, int n, attr_t attr, const char *cell)
{
	char buf[2048];
	size_t len = strlen(cell), at = 0;

	for (int i = 0; i < n && at + len < sizeof buf; i++, at += len)
		memcpy(buf + at, cell, len);
	buf[at] = '\0';
	ui_put(ui, y, x, n, attr, buf);
}

void ui_draw_bar(struct ui *ui, int y, int x, int width, unsigned part, unsigned whole,
		 attr_t attr)
{
	int full = whole ? (int)((uint64_t)width * part / whole) : 0;

	if (full > width)
		full = width;
	ui_repeat(ui, y, x, full, attr, "\u2588");
	ui_repeat(ui, y, x + full, width - full, ui->style[UI_ST_DIM], "\u2591");
}

void ui_draw_status(struct ui *ui, const char *text)
{
	attr_t st = ui->style[UI_ST_STATUS];
	const char *more = ui->scroll_max == 0 ? NULL :
			   ui->scroll == 0 ? "more \u2193" :
			   ui->scroll == ui->scroll_max ? "more \u2191" : "more \u2191\u2193";
	int mw = more ? ui_width(ui, more) : 0;

	if (ui_search_status(ui))
		return;
	attrset(st);
	mvhline(LINES - 1, 0, ' ', COLS);
	attrset(A_NORMAL);
	ui_put(ui, LINES - 1, 1, COLS - 2 - (mw ? mw + 2 : 0), st, text);
	if (more)
		ui_put(ui, LINES - 1, COLS - 1 - mw, mw, st, more);
}

void ui_draw_too_small(struct ui *ui)
{
	struct ui_doc d;

	ui_doc_init(&d, LINES / 2 - 1 > 0 ? LINES / 2 - 1 : 0, LINES, 1, COLS - 2, 1);
	ui_doc_paraf(ui, &d, 0, ui->style[UI_ST_WARN],
		     "terminal too small \u2014 resize to at least %d\u00d7%d", UI_MIN_COLS,
		     UI_MIN_ROWS);
	ui_doc_paraf(ui, &d, 0, A_NORMAL, "(now %d\u00d7%d; q quits, answers are saved)",
		     COLS, LINES);
}

struct ui_doc ui_draw_box(struct ui *ui, int h, int w, const char *title)
{
	struct ui_doc d;
	int y, x;

	h = h > LINES - 2 ? LINES - 2 : h;
	w = w > COLS - 2 ? COLS - 2 : w;
	y = (LINES - h) / 2;
	x = (COLS - w) / 2;
	/* Box characters as text, not the alternate character set: they go
	 * through the sanitiser like everything else, ASCII on a C locale. */
	ui_put(ui, y, x, 1, A_NORMAL, "\u250c");
	ui_repeat(ui, y, x + 1, w - 2, A_NORMAL, "\u2500");
	ui_put(ui, y, x + w - 1, 1, A_NORMAL, "\u2510");
	for (int r = 1; r < h - 1; r++) {
		ui_put(ui, y + r, x, 1, A_NORMAL, "\u2502");
		mvhline(y + r, x + 1, ' ', w - 2);
		ui_put(ui, y + r, x + w - 1, 1, A_NORMAL, "\u2502");
	}
	ui_put(ui, y + h - 1, x, 1, A_NORMAL, "\u2514");
	ui_repeat(ui, y + h - 1, x + 1, w - 2, A_NORMAL, "\u2500");
	ui_put(ui, y + h - 1, x + w - 1, 1, A_NORMAL, "\u2518");
	ui_putf(ui, y, x + 2, w - 4, ui->style[UI_ST_TITLE], " %s ", title);
	ui_doc_init(&d, y + 1, y + h - 1, x + 2, w - 4, 1);
	return d;
}

/* ---- small shared things ----------------------------------------------- */

const char *ui_role_name(const struct ui *ui, int role)
{
	return explain_role(ui->app->cat, role);
}

int ui_option_key(const struct ui_key *k, unsigned n)
{
	if (k->fn || k->cmd != UI_CMD_NONE)
		return -1;
	if (k->ch >= L'1' && k->ch < (wint_t)(L'1' + n))
		return (int)(k->ch - L'1');
	if (k->ch >= L'a' && k->ch < (wint_t)(L'a' + n))
		return (int)(k->ch - L'a');
	if (k->ch >= L'A' && k->ch < (wint_t)(L'A' + n))
		return (int)(k->ch - L'A');
	return -1;
}

