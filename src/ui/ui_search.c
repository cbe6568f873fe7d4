/*
 * less's search on the long screens: "/" reads a pattern on the bottom
 * line (any characters, through get_wch), Enter looks for it from the top
 * row shown down, n and N go to the next and the previous match, and every
 * match shown is marked.  Rows are what ui_doc_para wraps, so a match is
 * found within one screen row, never across a line break.
 */
#include "ui_impl.h"

#include <string.h>

#define UI_KEY_CTRL_U 21
#define UI_KEY_DEL 127
#define UI_KEY_BS 8

static int ui_search_here(const struct ui *ui)
{
	return ui->search.n_pat && ui->search.screen == ui->screen;
}

int ui_search_key(struct ui *ui, const struct ui_key *k)
{
	struct ui_search *sr = &ui->search;

	if (k->fn || k->cmd != UI_CMD_NONE)
		return 0;
	if (k->ch == L'/') {
		sr->prompt = 1;
		sr->n_input = 0;
		return 1;
	}
	/* Without a pattern n and N keep whatever the screen gives them. */
	if ((k->ch == L'n' || k->ch == L'N') && ui_search_here(ui)) {
		sr->want = k->ch == L'n' ? 2 : -2;
		return 1;
	}
	return 0;
}

static void ui_search_start(struct ui *ui)
{
	struct ui_search *sr = &ui->search;

	sr->prompt = 0;
	if (!sr->n_input) { /* Enter alone: the last pattern again, as in less */
		if (ui_search_here(ui))
			sr->want = 2;
		return;
	}
	memcpy(sr->pat, sr->input, sr->n_input * sizeof *sr->input);
	sr->n_pat = sr->n_input;
	sr->screen = ui->screen;
	sr->at = -1;
	sr->want = 1;
}

void ui_search_prompt_key(struct ui *ui, const struct ui_key *k)
{
	struct ui_search *sr = &ui->search;
	int erase = (k->fn && k->ch == KEY_BACKSPACE) ||
		    (!k->fn && (k->ch == UI_KEY_DEL || k->ch == UI_KEY_BS));

	if (k->cmd == UI_CMD_BACK)
		sr->prompt = 0;
	else if (k->cmd == UI_CMD_ENTER)
		ui_search_start(ui);
	else if (erase && sr->n_input)
		sr->n_input--;
	else if (erase) /* backspace on an empty prompt leaves it, as in less */
		sr->prompt = 0;
	else if (!k->fn && k->ch == UI_KEY_CTRL_U)
		sr->n_input = 0;
	else if (!k->fn && k->ch >= 0x20 && !(k->ch >= UI_KEY_DEL && k->ch <= 0x9F) &&
		 sr->n_input + 1 < UI_SEARCH_MAX)
		sr->input[sr->n_input++] = (wchar_t)k->ch;
}

/* Before the measuring pass: where n and N start.  From the current match
 * while it is on screen, else from the top row shown, as less does after
 * the page was scrolled by hand. */
void ui_search_measure(struct ui *ui, int view)
{
	struct ui_search *sr = &ui->search;
	int shown = sr->at >= ui->scroll && sr->at < ui->scroll + view;

	sr->origin = shown ? sr->at : ui->scroll;
	sr->first = sr->next = sr->prev = -1;
	if (!shown && sr->want == 2)
		sr->origin--; /* the top row itself is "next" */
}

void ui_search_row(struct ui *ui, int row, const wchar_t *s, size_t n)
{
	struct ui_search *sr = &ui->search;

	if (!sr->want || !ui_search_here(ui) ||
	    ui_text_find(s, n, sr->pat, sr->n_pat, 0) == n)
		return;
	if (sr->first < 0 && row >= ui->scroll)
		sr->first = row;
	if (sr->next < 0 && row > sr->origin)
		sr->next = row;
	if (row < sr->origin)
		sr->prev = row;
}

/* After the measuring pass (ui->scroll_max known): scroll to the match
 * asked for, its row on top where the document lets it. */
void ui_search_resolve(struct ui *ui)
{
	struct ui_search *sr = &ui->search;
	int row = sr->want == 1 ? sr->first : sr->want == 2 ? sr->next : sr->prev;

	if (!sr->want)
		return;
	sr->want = 0;
	if (row < 0) {
		sr->not_found = 1;
		return;
	}
	sr->at = row;
	ui->scroll = row < ui->scroll_max ? row : ui->scroll_max;
}

void ui_search_mark(const struct ui *ui, int y, int x, attr_t attr, const wchar_t *s,
		    size_t n)
{
	const struct ui_search *sr = &ui->search;
	size_t at = 0;

	if (!ui_search_here(ui))
		return;
	while ((at = ui_text_find(s, n, sr->pat, sr->n_pat, at)) < n) {
		attrset(attr | A_REVERSE);
		mvaddnwstr(y, x + ui_text_width(s, at), s + at, (int)sr->n_pat);
		attrset(A_NORMAL);
		at += sr->n_pat;
	}
}

int ui_search_status(struct ui *ui)
{
	const struct ui_search *sr = &ui->search;
	attr_t st = ui->style[UI_ST_STATUS];
	size_t from = 0;
	int x;

	if (!sr->prompt && !sr->not_found)
		return 0;
	attrset(st);
	mvhline(LINES - 1, 0, ' ', COLS);
	attrset(A_NORMAL);
	if (sr->not_found) {
		ui_put(ui, LINES - 1, 1, COLS - 2, st, "Pattern not found");
		return 1;
	}
	x = 1 + ui_put(ui, LINES - 1, 1, 1, st, "/");
	/* the end of what is typed stays in view on a narrow line */
	while (ui_text_width(sr->input + from, sr->n_input - from) > COLS - 3)
		from++;
	attrset(st);
	mvaddnwstr(LINES - 1, x, sr->input + from, (int)(sr->n_input - from));
	attrset(A_NORMAL);
	ui->cursor_y = LINES - 1;
	ui->cursor_x = x + ui_text_width(sr->input + from, sr->n_input - from);
	return 1;
}
