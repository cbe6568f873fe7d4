/*
 * ui_impl — what the UI's files share: the state of the whole UI, the
 * screens' draw/key pairs, and the drawing helpers.  Only ui*.c include
 * this header (and so <curses.h>).
 *
 * Each screen has ui_<screen>_draw, which draws the whole screen from the
 * state (so a resize is just another draw), and ui_<screen>_key, which
 * updates the screen's own state and returns an action; the loop in ui.c
 * acts on it (engine, store, switching screens).  Keys reach screens
 * already translated by the key table into commands.
 *
 * Everything the UI shows from a bank passes through ui_put / ui_doc_*,
 * which sanitise it (ui_text_sanitize).
 */
#ifndef ROLECALL_UI_IMPL_H
#define ROLECALL_UI_IMPL_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <stdint.h>

#include "app.h"
#include "rolecall/engine.h"
#include "rolecall/explain.h"
#include "ui.h"

#define UI_MAX_HITS 64
#define UI_DAYS 14

enum ui_screen {
	UI_SCR_MENU,
	UI_SCR_BANKS,
	UI_SCR_QUESTION,
	UI_SCR_FEEDBACK,
	UI_SCR_SUMMARY,
	UI_SCR_STATS,
	UI_SCR_ROLES,         /* ui_roles.c */
	UI_SCR_EXAM_INTRO,    /* ui_exam*.c */
	UI_SCR_EXAM_QUESTION,
	UI_SCR_EXAM_LIST,
	UI_SCR_EXAM_RESULTS,
	UI_SCR_EXAM_SUBMIT,   /* a submit that failed, tried again */
	UI_SCR_TRIVIA,        /* ui_trivia*.c: one screen, views of its own */
	UI_SCR_COUNT,
};

/* What a key means, whatever key it was (see the key table in ui.c). */
enum ui_cmd {
	UI_CMD_NONE,   /* look at ch */
	UI_CMD_UP,
	UI_CMD_DOWN,
	UI_CMD_PGUP,
	UI_CMD_PGDN,
	UI_CMD_HOME,
	UI_CMD_END,
	UI_CMD_ENTER,
	UI_CMD_HELP,
	UI_CMD_QUIT,   /* q */
	UI_CMD_BACK,   /* Esc */
	UI_CMD_REDRAW, /* Ctrl-L */
	UI_CMD_CLICK,  /* y, x say where */
	UI_CMD_WHEEL_UP,
	UI_CMD_WHEEL_DOWN,
};

struct ui_key {
	wint_t ch;       /* the character, or a KEY_* code when fn */
	int fn;
	enum ui_cmd cmd;
	int y, x;        /* where a click landed */
};

/* What a key handler asks the loop to do. */
enum ui_action {
	UI_ACT_NONE,     /* nothing changed */
	UI_ACT_REDRAW,   /* the screen's state changed */
	UI_ACT_HELP,     /* open the help overlay */
	UI_ACT_CONFIRM,  /* ask before leaving the session */
	UI_ACT_CANCEL,   /* close the confirmation */
	UI_ACT_EXIT,     /* leave rolecall */
	UI_ACT_MENU,     /* back to the menu, or out when started directly */
	UI_ACT_PRACTICE, /* menu choices */
	UI_ACT_DRILL,
	UI_ACT_STATS,
	UI_ACT_ROLES,
	UI_ACT_START,    /* the bank picker chose: start the session */
	UI_ACT_ANSWER,   /* the question's ui->sel was picked */
	UI_ACT_NEXT,     /* feedback read: the next question */
	UI_ACT_LEAVE,    /* end the session now: the summary */
	UI_ACT_EXAM,     /* menu: the exam's banks, then its intro */
	UI_ACT_EXAM_BEGIN,  /* the intro's Enter: store the attempt, start */
	UI_ACT_EXAM_ANSWER, /* ui->exam->sel was picked */
	UI_ACT_EXAM_SUBMIT, /* confirmed: score, store, the results */
	UI_ACT_EXAM_RESUME, /* the intro's r: go on with the open attempt */
	UI_ACT_EXAM_RETRY,  /* a failed submit: try again now */
	UI_ACT_EXAM_GIVE_UP, /* a failed submit: leave the attempt open */
	UI_ACT_TRIVIA,      /* menu: the trivia names field */
	UI_ACT_TRIVIA_MOVE, /* a trivia view asked for ui->trivia->move */
};

enum ui_style {
	UI_ST_NORMAL,
	UI_ST_TITLE,
	UI_ST_DIM,
	UI_ST_SEL,
	UI_ST_RIGHT,
	UI_ST_WRONG,
	UI_ST_KEY,
	UI_ST_STATUS,
	UI_ST_BAR,
	UI_ST_WARN,
	UI_ST_HEAT1,
	UI_ST_HEAT2,
	UI_ST_HEAT3,
	UI_ST_COUNT,
};

#define UI_SEARCH_MAX 64

/* less's "/" on a long screen (ui_search.c).  A search is asked for by a
 * key and resolved by the next draw, which is where the document's rows
 * are known. */
struct ui_search {
	int prompt;                    /* the bottom line reads a pattern */
	wchar_t input[UI_SEARCH_MAX];  /* what is typed there */
	size_t n_input;
	wchar_t pat[UI_SEARCH_MAX];    /* the last pattern searched */
	size_t n_pat;
	enum ui_screen screen;         /* the screen pat belongs to */
	int want;                      /* for the next draw: 0, 1 the first match
					* from the top shown, 2 the next, -2 the
					* previous */
	int at;                        /* logical row of the current match; -1 */
	int origin, first, next, prev; /* the measuring pass's findings */
	int not_found;                 /* "Pattern not found" until a key */
};

/* A clickable area: screen rows [top, bottom). */
struct ui_hit {
	int top, bottom, index;
};

struct ui {
	struct app *app;
	const struct options *cli;
	enum ui_start start;
	enum ui_screen screen;
	int ascii;           /* the terminal is not UTF-8 */
	int colour;
	attr_t style[UI_ST_COUNT];
	int dirty, help, confirm, too_small;
	int done, status;
	int exam_outcome;    /* 'rolecall exam': EXIT_OK after a pass, EXIT_FAIL
			      * after a fail; -1 before a result */
	int started;         /* curses is up: a store notice may draw */
	FILE *tty_out;       /* /dev/tty, drawn on when stdout is redirected */
	char error[1024];    /* printed after endwin */

	struct ui_hit hits[UI_MAX_HITS];
	unsigned n_hits;
	int scroll, scroll_max; /* rows of the current screen's document */

	int menu_sel;
	int bank_sel;        /* 0 = all banks, i = app->banks[i - 1] */

	enum session_mode mode;
	unsigned n_sessions;
	struct session *s;
	const struct shown_question *sq;
	int sel;             /* the highlighted option */
	int64_t shown_ms;    /* when the question was first drawn; 0 = not yet */
	int notice;          /* drill fell back to practice: say so once */
	char count_notice[160]; /* fewer questions than --count: said once */
	unsigned grid_first;    /* stats: the confusion grid's first column shown */
	struct ui_key answer_key; /* the key that answered the last question */
	int cursor_y, cursor_x; /* the selected item's marker; -1: no cursor */
	int64_t feedback_ms;    /* when its feedback came up */
	struct shown_question fb_q; /* the answered question, for feedback */
	struct answer_result res;

	struct ui_search search;
	struct ui_exam *exam; /* the exam screens' state (ui_exam.h), or NULL */
	struct ui_trivia *trivia; /* the trivia game's (ui_trivia.h), or NULL */

	uint32_t day_answers[UI_DAYS], day_correct[UI_DAYS];
};

/* A document: paragraphs laid out from logical row 0 down, shown in the
 * screen rows [top, bottom) from logical row `scroll`.  With draw == 0 it
 * only measures (row ends as the document's height). */
struct ui_doc {
	int top, bottom, left, width;
	int scroll, row, draw;
	int search; /* the screen's document: its rows are searched and marked */
};

/* ---- screens ----------------------------------------------------------- */

void ui_menu_draw(struct ui *ui);
enum ui_action ui_menu_key(struct ui *ui, const struct ui_key *k);
void ui_banks_draw(struct ui *ui);
enum ui_action ui_banks_key(struct ui *ui, const struct ui_key *k);
void ui_question_draw(struct ui *ui);
/* The header of a question and of its feedback: the bank's title, with
 * " (again)" on a missed question come back, and "question 3 of 10" with
 * "(+1 again)" once missed questions lengthen the session. */
void ui_question_header(struct ui *ui, const struct shown_question *sq);
/* "Drilling: Product Owner vs Product Manager": the confused pair the
 * drill's question puts side by side; "" outside a drill. */
void ui_drill_pair(const struct ui *ui, const struct shown_question *sq, char *buf,
		   size_t cap);
enum ui_action ui_question_key(struct ui *ui, const struct ui_key *k);
void ui_feedback_draw(struct ui *ui);
enum ui_action ui_feedback_key(struct ui *ui, const struct ui_key *k);
void ui_summary_draw(struct ui *ui);
/* The "Per role" table of a summary, by catalog role index: shared with the
 * exam's results. */
void ui_summary_roles(struct ui *ui, struct ui_doc *d, const unsigned *asked,
		      const unsigned *correct);
enum ui_action ui_summary_key(struct ui *ui, const struct ui_key *k);
void ui_stats_draw(struct ui *ui);
enum ui_action ui_stats_key(struct ui *ui, const struct ui_key *k);
void ui_roles_draw(struct ui *ui);
enum ui_action ui_roles_key(struct ui *ui, const struct ui_key *k);

/* Overlays drawn over the current screen (ui_help.c). */
void ui_help_draw(struct ui *ui);
void ui_confirm_draw(struct ui *ui);
enum ui_action ui_confirm_key(struct ui *ui, const struct ui_key *k);

/* ---- sessions (ui_session.c): the only code that calls engine/store -- */

/* Start a session of ui->mode on the picked banks and show its first
 * question; -1 with ui->error set when it cannot start. */
int ui_session_start(struct ui *ui);
/* Answer ui->sel: session_answer, store_record, then the feedback screen;
 * -1 with ui->error set when the answer could not be recorded. */
int ui_session_answer(struct ui *ui);
/* The next question, or the summary when the session is over. */
void ui_session_next(struct ui *ui);
void ui_session_end(struct ui *ui);
/* Load what the stats screen shows that is not in the history. */
int ui_stats_load(struct ui *ui);

/* Questions of the loaded banks due for review now (ui_stats.c); *seen
 * gets how many of them were ever answered. */
unsigned ui_due_now(const struct ui *ui, unsigned *seen);

/* ---- drawing (ui_draw.c) ----------------------------------------------- */

void ui_draw_styles(struct ui *ui);
/* Draw text at y, x clipped to maxw columns ("…" when cut); returns the
 * columns used. */
int ui_put(const struct ui *ui, int y, int x, int maxw, attr_t attr, const char *text);
int ui_putf(const struct ui *ui, int y, int x, int maxw, attr_t attr, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Columns text takes once sanitised. */
int ui_width(const struct ui *ui, const char *text);
/* Title on the left and a note on the right of row 0. */
void ui_draw_header(struct ui *ui, const char *title, const char *right);
/* The same with the note in attribute note (an exam's clock running out). */
void ui_draw_header_note(struct ui *ui, const char *title, const char *right, attr_t note);
/* A bar of `width` columns, filled part/whole. */
void ui_draw_bar(struct ui *ui, int y, int x, int width, unsigned part, unsigned whole,
		 attr_t attr);
/* The key hints on the last row. */
void ui_draw_status(struct ui *ui, const char *text);
void ui_draw_too_small(struct ui *ui);
/* Clear a boxed area for an overlay; returns the inner document. */
struct ui_doc ui_draw_box(struct ui *ui, int h, int w, const char *title);

void ui_doc_init(struct ui_doc *d, int top, int bottom, int left, int width, int draw);
/* The screen row of logical row r, or -1 when not shown. */
int ui_doc_y(const struct ui_doc *d, int r);
/* A wrapped paragraph, indent columns in; returns its first logical row. */
int ui_doc_para(struct ui *ui, struct ui_doc *d, int indent, attr_t attr, const char *text);
int ui_doc_paraf(struct ui *ui, struct ui_doc *d, int indent, attr_t attr, const char *fmt,
		 ...) __attribute__((format(printf, 5, 6)));
void ui_doc_skip(struct ui_doc *d, int rows);
/* Lay out fill twice (measure, then draw) in rows [top, bottom), keeping
 * ui->scroll within the document, with "more" marks when it overflows. */
void ui_doc_show(struct ui *ui, int top, int bottom,
		 void (*fill)(struct ui *ui, struct ui_doc *d));
/* The "▸" of a selected item at y, x (a blank when not sel): the
 * terminal's cursor goes there too, for braille displays and screen
 * magnifiers, which follow it. */
void ui_draw_marker(struct ui *ui, int y, int x, int sel);

/* The long screens' footer: the keys ui_doc_pager_key takes. */
#define UI_PAGER_KEYS "\u2191/\u2193 Space b g G \u00b7 / search n N"

/* A screen that is one long document (stats, roles): its header, the
 * document, the pager's keys; and those keys, with ? for help and q, Esc
 * or Enter back to the menu. */
void ui_doc_screen_draw(struct ui *ui, const char *title,
			void (*fill)(struct ui *ui, struct ui_doc *d));
enum ui_action ui_doc_screen_key(struct ui *ui, const struct ui_key *k);

/* Scroll keys for a document screen; 1 when the key scrolled. */
int ui_doc_scroll_key(struct ui *ui, const struct ui_key *k);
/* The same with less's keys too (Space and b a page, g and G the ends, and
 * the search: / n N), for long screens where no letter means anything
 * else; "/" always opens the search, even on a screen that fits. */
int ui_doc_pager_key(struct ui *ui, const struct ui_key *k);
/* less's search (ui_search.c).  ui_search_key: "/" opens the prompt, n
 * and N go to the next and previous match; 1 when it took the key.
 * ui_search_prompt_key: every key while the prompt is open.  The rest is
 * for ui_doc_show and ui_doc_para: a measuring pass looks at each row, a
 * drawing pass marks the matches, ui_search_resolve scrolls to the one
 * asked for.  ui_search_status draws the prompt or "Pattern not found"
 * on the bottom line; 1 when it did. */
int ui_search_key(struct ui *ui, const struct ui_key *k);
void ui_search_prompt_key(struct ui *ui, const struct ui_key *k);
void ui_search_measure(struct ui *ui, int view);
void ui_search_row(struct ui *ui, int row, const wchar_t *s, size_t n);
void ui_search_resolve(struct ui *ui);
void ui_search_mark(const struct ui *ui, int y, int x, attr_t attr, const wchar_t *s,
		    size_t n);
int ui_search_status(struct ui *ui);

/* Scroll as little as it takes to show logical rows [first, end) in a view
 * of `view` rows, their top when they do not fit: keeps what is highlighted
 * on screen without jumping. */
void ui_scroll_into_view(struct ui *ui, int first, int end, int view);
/* ui_doc_show for a question: fill puts each option's logical rows into
 * first[] and end[], and the view shows the whole of option sel (and the
 * prompt, when everything fits). */
void ui_doc_show_options(struct ui *ui, int top, int bottom, int sel,
			 void (*fill)(struct ui *ui, struct ui_doc *d, int *first, int *end));
/* Option i of a question: its number, the marker when sel, text in attr a,
 * and a click target; *first and *end get its logical rows. */
void ui_doc_option(struct ui *ui, struct ui_doc *d, unsigned i, int sel, attr_t a,
		   const char *text, int *first, int *end);

/* Clickable rows: logical rows [first, end) of d, clipped to the view. */
void ui_hit_add(struct ui *ui, const struct ui_doc *d, int first, int end, int index);
/* The index of what is at screen row y, or -1. */
int ui_hit_find(const struct ui *ui, int y);

/* The name of a catalog role, or "?". */
const char *ui_role_name(const struct ui *ui, int role);
/* "1" .. "8" and "a" .. "h": an option chosen by its label, or -1. */
int ui_option_key(const struct ui_key *k, unsigned n);

#endif
