/*
 * The exam's intro and question screens, and the "submit?" overlay over
 * them.  Nothing here says whether an answer is right: the exam shows no
 * feedback until it is submitted.  Which question is shown and which
 * option is highlighted live in ui->exam, so a resize redraws the same
 * state, and the clock is the exam's own (ui_exam.c).
 */
#include "ui_exam.h"

#include <stdio.h>

#define UI_EXAM_KEYS \
	"s skip \u00b7 p back \u00b7 f flag \u00b7 l list \u00b7 S submit \u00b7 ? help \u00b7 q leave"
/* Without p, which the intro and ? list and \u2190 does too: what fits 80
 * columns next to the answer keys. */
#define UI_EXAM_KEYS_SHORT \
	"s skip \u00b7 f flag \u00b7 l list \u00b7 S submit \u00b7 ? help \u00b7 q leave"

/* ---- intro ---------------------------------------------------------------- */

/* An attempt of this user that was not submitted: offered first. */
static void ui_exam_intro_open(struct ui *ui, struct ui_doc *d)
{
	const struct ui_exam *ex = ui->exam;
	char what[160];

	if (!ex->open.id)
		return;
	app_exam_open_text(&ex->open, what, sizeof what);
	ui_doc_paraf(ui, d, 0, ui->style[UI_ST_WARN], "You have an exam attempt that was not "
		     "submitted (%s).", what);
	ui_doc_para(ui, d, 0, ui->style[UI_ST_KEY], "Press r to resume it; Enter starts a new "
		    "attempt and leaves that one open.");
	ui_doc_skip(d, 1);
}

static void ui_exam_intro_fill(struct ui *ui, struct ui_doc *d)
{
	const struct ui_exam *ex = ui->exam;
	unsigned limit = exam_time_limit(ex->e);
	const struct exam_def *def = ui->app->exam_def;
	char rule[EXPLAIN_MAX];

	ui_exam_intro_open(ui, d);
	if (def)
		ui_doc_paraf(ui, d, 0, ui->style[UI_ST_TITLE], "Exam %s: %s (defined by %s; "
			     "its rules are the same for every candidate)", def->id,
			     def->title, def->defined_by);
	explain_pass_rule(rule, sizeof rule, exam_count(ex->e), exam_pass_mark(ex->e));
	ui_doc_paraf(ui, d, 0, ui->style[UI_ST_TITLE], "%u questions, %s.", exam_count(ex->e),
		     rule);
	for (size_t i = 0; i < ex->cfg.n_banks; i++)
		ui_doc_paraf(ui, d, 2, ui->style[UI_ST_DIM], "%s", ex->cfg.banks[i]->title);
	ui_doc_skip(d, 1);
	if (limit)
		ui_doc_paraf(ui, d, 0, A_NORMAL, "Time limit: %02u:%02u. The time starts at the "
			     "first question; when it runs out the exam is submitted, and "
			     "unanswered questions count as wrong.", limit / 60, limit % 60);
	else
		ui_doc_para(ui, d, 0, A_NORMAL, "No time limit.");
	ui_doc_para(ui, d, 0, A_NORMAL, "No feedback until you submit: you see your score "
		    "and a review of every miss at the end.");
	ui_doc_skip(d, 1);
	ui_doc_para(ui, d, 0, ui->style[UI_ST_TITLE], "Keys");
	ui_doc_para(ui, d, 2, A_NORMAL, "1-8 or a-h answer (and go on) \u00b7 \u2191/\u2193 "
		    "Enter \u00b7 click");
	ui_doc_para(ui, d, 2, A_NORMAL, "s or \u2192 skip (skipped questions come back at the "
		    "end) \u00b7 p or \u2190 previous");
	ui_doc_para(ui, d, 2, A_NORMAL, "f flag the question for review (f again unflags it)");
	ui_doc_para(ui, d, 2, A_NORMAL, "l or Tab the list of questions, to change an answer");
	ui_doc_para(ui, d, 2, A_NORMAL, "S or F10 submit \u00b7 ? help \u00b7 q or Esc leave "
		    "(submits)");
	ui_doc_skip(d, 1);
	ui_doc_para(ui, d, 0, ui->style[UI_ST_KEY], "Press Enter to start.");
}

void ui_exam_intro_draw(struct ui *ui)
{
	char status[128];

	ui_draw_header(ui, "Exam", ui->app->user);
	ui_doc_show(ui, 2, LINES - 1, ui_exam_intro_fill);
	snprintf(status, sizeof status, "Enter start%s \u00b7 ? help \u00b7 %s",
		 ui->exam->open.id ? " \u00b7 r resume" : "",
		 ui->start == UI_START_MENU ? "Esc back to the menu" : "Esc quit");
	ui_draw_status(ui, status);
}

enum ui_action ui_exam_intro_key(struct ui *ui, const struct ui_key *k)
{
	if (ui->exam->open.id && !k->fn && (k->ch == L'r' || k->ch == L'R'))
		return UI_ACT_EXAM_RESUME;
	switch (k->cmd) {
	case UI_CMD_ENTER: return UI_ACT_EXAM_BEGIN;
	case UI_CMD_HELP: return UI_ACT_HELP;
	case UI_CMD_QUIT: case UI_CMD_BACK: return UI_ACT_MENU;
	default: break;
	}
	return ui_doc_scroll_key(ui, k) ? UI_ACT_REDRAW : UI_ACT_NONE;
}

/* ---- question -------------------------------------------------------------- */

static const struct exam_item *ui_exam_cur(const struct ui *ui)
{
	return exam_item(ui->exam->e, (unsigned)ui->exam->cur);
}

static void ui_exam_options(struct ui *ui, struct ui_doc *d, int *first, int *end)
{
	const struct exam_item *it = ui_exam_cur(ui);
	char text[BANK_MAX_TEXT + 32];

	for (unsigned i = 0; i < it->n_options; i++) {
		int sel = (int)i == ui->exam->sel, mine = (int)i == it->picked;
		attr_t a = sel ? ui->style[UI_ST_SEL] : mine ? ui->style[UI_ST_KEY] : A_NORMAL;

		/* The answer so far in words, not only in an attribute. */
		snprintf(text, sizeof text, "%s%s", it->q->choices[it->order[i]].text,
			 mine ? "  (your answer)" : "");
		ui_doc_option(ui, d, i, sel, a, text, &first[i], &end[i]);
	}
}

static void ui_exam_question_fill(struct ui *ui, struct ui_doc *d, int *first, int *end)
{
	if (ui->exam->notice[0]) {
		ui_doc_para(ui, d, 0, ui->style[UI_ST_WARN], ui->exam->notice);
		ui_doc_skip(d, 1);
	}
	ui_doc_para(ui, d, 0, ui->style[UI_ST_TITLE], ui_exam_cur(ui)->q->prompt);
	ui_doc_skip(d, 1);
	ui_exam_options(ui, d, first, end);
}

/* The longest of the key hints that fits; the answer keys are the
 * options' numbers, so they go after p. */
static void ui_exam_question_status(struct ui *ui, unsigned n)
{
	static const char *const rest[] = { UI_EXAM_KEYS, UI_EXAM_KEYS_SHORT };
	char keys[160];

	for (size_t i = 0; i < sizeof rest / sizeof *rest; i++) {
		snprintf(keys, sizeof keys, "1-%u/a-%c answer \u00b7 %s", n, 'a' + n - 1,
			 rest[i]);
		if (ui_width(ui, keys) <= COLS - 2) {
			ui_draw_status(ui, keys);
			return;
		}
	}
	ui_draw_status(ui, ui_width(ui, UI_EXAM_KEYS) <= COLS - 2 ? UI_EXAM_KEYS :
			   UI_EXAM_KEYS_SHORT);
}

void ui_exam_question_draw(struct ui *ui)
{
	const struct ui_exam *ex = ui->exam;
	const struct exam_item *it = ui_exam_cur(ui);
	char right[96], title[BANK_MAX_TEXT + 64];

	ui_exam_status_text(ui, right, sizeof right);
	snprintf(title, sizeof title, "Question %d of %u \u00b7 %s%s", ex->cur + 1,
		 exam_count(ex->e), exam_flagged(ex->e, (unsigned)ex->cur) ?
		 "flagged \u00b7 " : "", it->q->bank->title);
	ui_draw_header_note(ui, title, right, ui_exam_status_attr(ui));
	ui_draw_bar(ui, 1, 1, COLS - 2, exam_answered(ex->e), exam_count(ex->e),
		    ui->style[UI_ST_BAR]);
	ui_doc_show_options(ui, 3, LINES - 1, ex->sel, ui_exam_question_fill);
	ui_exam_question_status(ui, it->n_options);
	if (ex->ask)
		ui_exam_ask_draw(ui);
}

static enum ui_action ui_exam_answer(struct ui *ui, int i)
{
	ui->exam->sel = i;
	return UI_ACT_EXAM_ANSWER;
}

/* Keys that move between questions or open something; UI_ACT_NONE when
 * the key is none of them. */
static enum ui_action ui_exam_nav_key(struct ui *ui, const struct ui_key *k)
{
	wint_t c = k->fn ? 0 : k->ch;
	int fn = k->fn ? (int)k->ch : 0;

	if (k->cmd != UI_CMD_NONE)
		return UI_ACT_NONE;
	if (c == L's' || fn == KEY_RIGHT) {
		ui_exam_skip(ui);
	} else if (c == L'p' || fn == KEY_LEFT) {
		ui_exam_back(ui);
	} else if (c == L'S' || fn == KEY_F(10)) {
		ui->exam->ask = UI_EXAM_ASK_SUBMIT;
	} else if (c == L'f') {
		ui_exam_flag(ui, ui->exam->cur);
	} else if (c == L'l' || c == L'\t') {
		ui->exam->list_sel = ui->exam->cur;
		ui->screen = UI_SCR_EXAM_LIST;
		ui->scroll = 0;
	} else {
		return UI_ACT_NONE;
	}
	return UI_ACT_REDRAW;
}

enum ui_action ui_exam_question_key(struct ui *ui, const struct ui_key *k)
{
	struct ui_exam *ex = ui->exam;
	int n = (int)ui_exam_cur(ui)->n_options, i;

	if (ex->ask)
		return ui_exam_ask_key(ui, k);
	switch (k->cmd) {
	case UI_CMD_UP: ex->sel = (ex->sel + n - 1) % n; return UI_ACT_REDRAW;
	case UI_CMD_DOWN: ex->sel = (ex->sel + 1) % n; return UI_ACT_REDRAW;
	case UI_CMD_HOME: ex->sel = 0; return UI_ACT_REDRAW;
	case UI_CMD_END: ex->sel = n - 1; return UI_ACT_REDRAW;
	case UI_CMD_ENTER: return UI_ACT_EXAM_ANSWER;
	case UI_CMD_HELP: return UI_ACT_HELP;
	case UI_CMD_QUIT: case UI_CMD_BACK:
		ex->ask = UI_EXAM_ASK_LEAVE;
		return UI_ACT_REDRAW;
	case UI_CMD_CLICK:
		i = ui_hit_find(ui, k->y);
		return i >= 0 ? ui_exam_answer(ui, i) : UI_ACT_NONE;
	default: break;
	}
	if ((i = ui_option_key(k, (unsigned)n)) >= 0)
		return ui_exam_answer(ui, i);
	return ui_exam_nav_key(ui, k);
}

/* ---- the submit question ------------------------------------------------- */

static void ui_exam_ask_text(const struct ui *ui, char *buf, size_t len)
{
	const struct ui_exam *ex = ui->exam;
	unsigned n = exam_count(ex->e), left = n - exam_answered(ex->e);

	if (!left)
		snprintf(buf, len, "All %u questions are answered.", n);
	else
		snprintf(buf, len, "%u of %u questions %s unanswered; unanswered questions "
			 "count as wrong.", left, n, left == 1 ? "is" : "are");
}

void ui_exam_ask_draw(struct ui *ui)
{
	const struct ui_exam *ex = ui->exam;
	const char *title = ex->ask == UI_EXAM_ASK_LEAVE ? "Leave the exam?" : "Submit the exam?";
	unsigned flagged = exam_flag_count(ex->e);
	struct ui_doc d = ui_draw_box(ui, (ex->ask == UI_EXAM_ASK_LEAVE ? 10 : 9) + !!flagged,
				      60, title);
	char text[160];

	ui_exam_ask_text(ui, text, sizeof text);
	ui_doc_skip(&d, 1);
	if (ex->ask == UI_EXAM_ASK_LEAVE)
		ui_doc_para(ui, &d, 0, A_NORMAL, "Leaving submits the exam now.");
	ui_doc_para(ui, &d, 0, A_NORMAL, text);
	/* A flag is a "come back to this": the last chance to. */
	if (flagged)
		ui_doc_paraf(ui, &d, 0, ui->style[UI_ST_WARN], "%u flagged for review.", flagged);
	ui_doc_para(ui, &d, 0, A_NORMAL, "Answers cannot be changed after this.");
	ui_doc_skip(&d, 1);
	ui_doc_para(ui, &d, 0, ui->style[UI_ST_KEY],
		    "y or Enter: submit now \u00b7 n or Esc: keep going");
}

enum ui_action ui_exam_ask_key(struct ui *ui, const struct ui_key *k)
{
	if (k->cmd == UI_CMD_ENTER || (!k->fn && (k->ch == L'y' || k->ch == L'Y'))) {
		ui->exam->ask = UI_EXAM_ASK_NONE;
		return UI_ACT_EXAM_SUBMIT;
	}
	if (k->cmd == UI_CMD_BACK || k->cmd == UI_CMD_QUIT ||
	    (!k->fn && (k->ch == L'n' || k->ch == L'N'))) {
		ui->exam->ask = UI_EXAM_ASK_NONE;
		return UI_ACT_REDRAW;
	}
	return UI_ACT_NONE;
}
