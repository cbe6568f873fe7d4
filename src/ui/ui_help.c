/*
 * Overlays: the help box listing the current screen's keys (any key
 * closes it), and the confirmation before leaving a session.
 */
#include "ui_impl.h"

struct ui_help_line {
	const char *keys, *what;
};

/* The long screens' keys beyond the arrows (ui_doc_pager_key). */
#define UI_HELP_PAGER \
	{ "Space b, g G", "a page down, up; the top, the end (as less)" }, \
	{ "/ text Enter", "search, ignoring case (Esc cancels)" }, \
	{ "n N", "the next, the previous match" }

static const struct ui_help_line ui_help_menu[] = {
	{ "1-7, p d e s t r q", "practice drill exam stats trivia" },
	{ "", "roles quit" },
	{ "\u2191/\u2193 or j/k", "move" },
	{ "Enter or click", "choose" },
	{ "q or Esc", "quit" },
	{ NULL, NULL },
};

static const struct ui_help_line ui_help_banks[] = {
	{ "\u2191/\u2193 or j/k", "move" },
	{ "Enter or click", "start with these banks" },
	{ "1-9", "start with that row" },
	{ "Esc or q", "back to the menu" },
	{ NULL, NULL },
};

static const struct ui_help_line ui_help_question[] = {
	{ "1-8 or a-h", "pick that option" },
	{ "\u2191/\u2193 or j/k", "move the highlight" },
	{ "Home/End", "first or last option" },
	{ "Enter", "pick the highlighted option" },
	{ "click", "pick an option" },
	{ "q or Esc", "leave the session (answers are saved)" },
	{ "Ctrl-L", "redraw the screen" },
	{ NULL, NULL },
};

static const struct ui_help_line ui_help_feedback[] = {
	{ "Enter", "the next question (so does any other key)" },
	{ "\u2191/\u2193 PgUp/PgDn", "scroll, when it does not fit" },
	UI_HELP_PAGER,
	{ "q or Esc", "leave the session (answers are saved)" },
	{ NULL, NULL },
};

static const struct ui_help_line ui_help_summary[] = {
	{ "Enter", "back (to the menu, or out)" },
	{ "s", "your stats" },
	{ "\u2191/\u2193 PgUp/PgDn", "scroll, when it does not fit" },
	UI_HELP_PAGER,
	{ NULL, NULL },
};

static const struct ui_help_line ui_help_stats[] = {
	{ "\u2191/\u2193 or j/k", "scroll" },
	{ "PgUp/PgDn Home/End", "scroll by page, to the ends" },
	UI_HELP_PAGER,
	{ "\u2190/\u2192 or h/l", "the grid's columns, when they do not fit" },
	{ "q, Esc or Enter", "back" },
	{ "grid", "right answer by row, your pick by column:" },
	{ "", "picks/chances; ? = never offered together" },
	{ NULL, NULL },
};

static const struct ui_help_line ui_help_roles[] = {
	{ "\u2191/\u2193 or j/k", "scroll" },
	{ "PgUp/PgDn Home/End", "scroll by page, to the ends" },
	UI_HELP_PAGER,
	{ "q, Esc or Enter", "back" },
	{ NULL, NULL },
};

static const struct ui_help_line ui_help_exam_intro[] = {
	{ "Enter", "start the exam (the time starts now)" },
	{ "r", "resume the attempt not submitted, if any" },
	{ "\u2191/\u2193 PgUp/PgDn", "scroll, when it does not fit" },
	{ "Esc or q", "back, without starting" },
	{ NULL, NULL },
};

static const struct ui_help_line ui_help_exam_question[] = {
	{ "1-8 or a-h", "answer (or change the answer) and go on" },
	{ "\u2191/\u2193 j/k, Enter", "move the highlight, answer with it" },
	{ "click", "answer with that option" },
	{ "s or \u2192", "skip: it comes back at the end" },
	{ "p or \u2190", "the previous question" },
	{ "f", "flag it for review, or unflag it (not kept" },
	{ "", "by --resume; with 6+ options f is option f)" },
	{ "l or Tab", "the list of questions, to jump to one" },
	{ "S or F10", "submit (asks first)" },
	{ "q or Esc", "leave: submit now or keep going" },
	{ "Ctrl-C", "stop; the attempt is not submitted" },
	{ NULL, NULL },
};

static const struct ui_help_line ui_help_exam_list[] = {
	{ "\u2191/\u2193 or j/k", "move" },
	{ "Enter or click", "go to that question" },
	{ "f", "flag that question for review, or unflag it" },
	{ "S or F10", "submit (asks first)" },
	{ "Esc, q, l or Tab", "back to the question" },
	{ NULL, NULL },
};

static const struct ui_help_line ui_help_exam_results[] = {
	{ "\u2191/\u2193 PgUp/PgDn", "scroll through the review" },
	UI_HELP_PAGER,
	{ "Enter, q or Esc", "back (to the menu, or out)" },
	{ NULL, NULL },
};

static const struct ui_help_line ui_help_exam_submit[] = {
	{ "r or Enter", "try to submit again now" },
	{ "q or Esc", "give up for now: the attempt stays open," },
	{ "", "and 'rolecall exam --resume' submits it" },
	{ NULL, NULL },
};

static const struct ui_help_line ui_help_trivia[] = {
	{ "1-8 or a-h", "answer the question on the screen" },
	{ "\u2191/\u2193 Enter, click", "pick the highlighted option" },
	{ "Enter", "go on (question, leaderboard, next, podium)" },
	{ "c", "host: close the round now" },
	{ "r", "host: remove a player" },
	{ "\u2191/\u2193 PgUp/PgDn", "scroll answers and rankings" },
	{ "q or Esc", "end the game; a player leaves it" },
	{ "\u2191/\u2193 Tab \u2190/\u2192", "menu's form: next field, change a choice" },
	{ "F1, Esc", "help, back to the menu (in the form)" },
	{ NULL, NULL },
};

static const struct ui_help_line *const ui_help_by_screen[UI_SCR_COUNT] = {
	[UI_SCR_MENU] = ui_help_menu,
	[UI_SCR_BANKS] = ui_help_banks,
	[UI_SCR_QUESTION] = ui_help_question,
	[UI_SCR_FEEDBACK] = ui_help_feedback,
	[UI_SCR_SUMMARY] = ui_help_summary,
	[UI_SCR_STATS] = ui_help_stats,
	[UI_SCR_ROLES] = ui_help_roles,
	[UI_SCR_EXAM_INTRO] = ui_help_exam_intro,
	[UI_SCR_EXAM_QUESTION] = ui_help_exam_question,
	[UI_SCR_EXAM_LIST] = ui_help_exam_list,
	[UI_SCR_EXAM_RESULTS] = ui_help_exam_results,
	[UI_SCR_EXAM_SUBMIT] = ui_help_exam_submit,
	[UI_SCR_TRIVIA] = ui_help_trivia,
};

#define UI_HELP_KEYS_W 20

void ui_help_draw(struct ui *ui)
{
	const struct ui_help_line *lines = ui_help_by_screen[ui->screen];
	struct ui_doc d;
	int n = 0;

	while (lines[n].keys)
		n++;
	d = ui_draw_box(ui, n + 6, 66, "Keys");
	ui_doc_skip(&d, 1);
	for (int i = 0; i < n; i++) {
		int y = ui_doc_y(&d, d.row);

		ui_doc_skip(&d, 1);
		if (y < 0)
			continue;
		ui_put(ui, y, d.left, UI_HELP_KEYS_W, ui->style[UI_ST_KEY], lines[i].keys);
		ui_put(ui, y, d.left + UI_HELP_KEYS_W + 1, d.width - UI_HELP_KEYS_W - 1, A_NORMAL,
		       lines[i].what);
	}
	ui_doc_skip(&d, 1);
	ui_doc_para(ui, &d, 0, ui->style[UI_ST_DIM], "? help \u00b7 Ctrl-C quits at once \u00b7 "
		    "any key closes this help");
}

void ui_confirm_draw(struct ui *ui)
{
	struct ui_doc d = ui_draw_box(ui, 7, 56, "Leave this session?");

	ui_doc_skip(&d, 1);
	ui_doc_para(ui, &d, 0, A_NORMAL, "Everything you answered is already saved.");
	ui_doc_skip(&d, 1);
	ui_doc_para(ui, &d, 0, ui->style[UI_ST_KEY], "y, q or Enter: leave \u00b7 n or Esc: stay");
}

enum ui_action ui_confirm_key(struct ui *ui, const struct ui_key *k)
{
	(void)ui;
	if (k->cmd == UI_CMD_ENTER || k->cmd == UI_CMD_QUIT ||
	    (!k->fn && (k->ch == L'y' || k->ch == L'Y')))
		return UI_ACT_LEAVE;
	if (k->cmd == UI_CMD_BACK || (!k->fn && (k->ch == L'n' || k->ch == L'N')))
		return UI_ACT_CANCEL;
	return UI_ACT_NONE;
}
