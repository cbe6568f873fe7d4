/*
 * The terminal UI's frame: curses set-up and tear-down, signals, the key
 * table, and the loop that draws the current screen, reads a key, and
 * acts on what the screen's key handler returns.
 *
 * Signals only set ui_caught; the loop sees it because get_wch returns
 * (EINTR or its one-second timeout) and then unwinds normally, so endwin
 * always runs in ordinary code.  Fatal signals are the exception: their
 * handler restores the terminal itself before the signal goes on.
 */
#include "ui_impl.h"
#include "ui_exam.h"
#include "ui_trivia.h"

#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <term.h>
#include <unistd.h>

/* How long get_wch waits before the loop looks at ui_caught again: only a
 * safety net for a signal that lands just before the read, so it can be
 * long and the idle UI costs nothing. */
#define UI_WAIT_MS 1000
#define UI_ESC_DELAY_MS 25
#define UI_COUNT(a) (sizeof (a) / sizeof *(a))

static volatile sig_atomic_t ui_caught;
static volatile sig_atomic_t ui_in_curses;

static const int ui_stop_signals[] = { SIGINT, SIGTERM, SIGHUP };
static const int ui_fatal_signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
static struct sigaction ui_old_stop[UI_COUNT(ui_stop_signals)];
static struct sigaction ui_old_fatal[UI_COUNT(ui_fatal_signals)];

/* ---- signals ------------------------------------------------------------ */

static void ui_on_stop(int sig)
{
	ui_caught = sig;
}

static void ui_on_fatal(int sig)
{
	/* endwin is not async-signal-safe, but the process is dying and a
	 * terminal left without echo is the worse outcome. */
	if (ui_in_curses) {
		ui_in_curses = 0;
		endwin();
	}
	for (size_t i = 0; i < UI_COUNT(ui_fatal_signals); i++)
		if (ui_fatal_signals[i] == sig)
			sigaction(sig, &ui_old_fatal[i], NULL);
	/* Delivered with the old disposition (default, or a sanitizer's
	 * report) as soon as this handler returns. */
	raise(sig);
}

static void ui_atexit(void)
{
	if (ui_in_curses) {
		ui_in_curses = 0;
		endwin();
	}
}

static void ui_signals_install(const int *sigs, size_t n, struct sigaction *old,
			       void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: the read must return on a signal */
	for (size_t i = 0; i < n; i++)
		sigaction(sigs[i], &sa, &old[i]);
}

static void ui_signals_restore(const int *sigs, size_t n, const struct sigaction *old)
{
	for (size_t i = 0; i < n; i++)
		sigaction(sigs[i], &old[i], NULL);
}

/* ---- keys ---------------------------------------------------------------- */

static const struct ui_keymap {
	int fn;
	wint_t ch;
	enum ui_cmd cmd;
} ui_keymap[] = {
	{ 1, KEY_UP, UI_CMD_UP },       { 0, L'k', UI_CMD_UP },
	{ 1, KEY_DOWN, UI_CMD_DOWN },   { 0, L'j', UI_CMD_DOWN },
	{ 1, KEY_PPAGE, UI_CMD_PGUP },  { 1, KEY_NPAGE, UI_CMD_PGDN },
	{ 1, KEY_HOME, UI_CMD_HOME },   { 1, KEY_END, UI_CMD_END },
	{ 1, KEY_ENTER, UI_CMD_ENTER }, { 0, L'\n', UI_CMD_ENTER },
	{ 0, L'\r', UI_CMD_ENTER },     { 0, L'?', UI_CMD_HELP },
	{ 1, KEY_F(1), UI_CMD_HELP },   { 0, L'q', UI_CMD_QUIT },
	{ 0, L'Q', UI_CMD_QUIT },       { 0, 27, UI_CMD_BACK },
	{ 0, 12, UI_CMD_REDRAW },       /* Ctrl-L */
};

static enum ui_cmd ui_key_command(const struct ui_key *k)
{
	for (size_t i = 0; i < UI_COUNT(ui_keymap); i++)
		if (ui_keymap[i].fn == k->fn && ui_keymap[i].ch == k->ch)
			return ui_keymap[i].cmd;
	return UI_CMD_NONE;
}

/* Only a completed click and the wheel mean anything; a lone press or
 * release would otherwise count as "any key" on the feedback screen. */
static int ui_read_mouse(struct ui_key *k)
{
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return 0;
	k->y = ev.y;
	k->x = ev.x;
	if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_RELEASED))
		k->cmd = UI_CMD_CLICK;
	else if (ev.bstate & BUTTON4_PRESSED)
		k->cmd = UI_CMD_WHEEL_UP;
	else if (ev.bstate & BUTTON5_PRESSED)
		k->cmd = UI_CMD_WHEEL_DOWN;
	else
		return 0;
	return 1;
}

/* A key whose sequence the terminfo entry does not know arrives as Esc
 * and the rest of the sequence; Esc means "back", so an unknown key must
 * not.  1 when what follows Esc was a CSI or SS3 sequence (now eaten). */
static int ui_unknown_sequence(void)
{
	wint_t c;
	int r, eaten = 0;

	wtimeout(stdscr, 0);
	r = get_wch(&c);
	if (r == OK && (c == L'[' || c == L'O')) {
		/* Parameters, then one final byte in 0x40..0x7E. */
		while ((r = get_wch(&c)) == OK && !(c >= 0x40 && c <= 0x7E))
			;
		eaten = 1;
	} else if (r == OK) {
		unget_wch((wchar_t)c);
	} else if (r == KEY_CODE_YES) {
		ungetch((int)c);
	}
	wtimeout(stdscr, UI_WAIT_MS);
	return eaten;
}

/* 1 with a key in k; 0 after the timeout or a signal. */
static int ui_read_key(struct ui_key *k)
{
	wint_t ch;
	int r = get_wch(&ch);

	if (r == ERR)
		return 0;
	memset(k, 0, sizeof *k);
	k->ch = ch;
	k->fn = r == KEY_CODE_YES;
	if (k->fn && ch == KEY_MOUSE)
		return ui_read_mouse(k);
	if (!k->fn && ch == 27 && ui_unknown_sequence())
		return 0;
	k->cmd = ui_key_command(k);
	return 1;
}

/* Home and End have several encodings (xterm, vt220, rxvt, and tmux or
 * screen panes whatever TERM says); teach curses the common ones. */
static void ui_define_keys(void)
{
	static const struct { const char *seq; int key; } extra[] = {
		{ "\033[1~", KEY_HOME }, { "\033[7~", KEY_HOME }, { "\033[H", KEY_HOME },
		{ "\033OH", KEY_HOME },  { "\033[4~", KEY_END },  { "\033[8~", KEY_END },
		{ "\033[F", KEY_END },   { "\033OF", KEY_END },
	};

	for (size_t i = 0; i < UI_COUNT(extra); i++)
		if (key_defined(extra[i].seq) == 0)
			define_key(extra[i].seq, extra[i].key);
}

/* ---- screens and actions ------------------------------------------------ */

static const struct {
	void (*draw)(struct ui *ui);
	enum ui_action (*key)(struct ui *ui, const struct ui_key *k);
} ui_screens[UI_SCR_COUNT] = {
	[UI_SCR_MENU] = { ui_menu_draw, ui_menu_key },
	[UI_SCR_BANKS] = { ui_banks_draw, ui_banks_key },
	[UI_SCR_QUESTION] = { ui_question_draw, ui_question_key },
	[UI_SCR_FEEDBACK] = { ui_feedback_draw, ui_feedback_key },
	[UI_SCR_SUMMARY] = { ui_summary_draw, ui_summary_key },
	[UI_SCR_STATS] = { ui_stats_draw, ui_stats_key },
	[UI_SCR_ROLES] = { ui_roles_draw, ui_roles_key },
	[UI_SCR_EXAM_INTRO] = { ui_exam_intro_draw, ui_exam_intro_key },
	[UI_SCR_EXAM_QUESTION] = { ui_exam_question_draw, ui_exam_question_key },
	[UI_SCR_EXAM_LIST] = { ui_exam_list_draw, ui_exam_list_key },
	[UI_SCR_EXAM_RESULTS] = { ui_exam_results_draw, ui_exam_results_key },
	[UI_SCR_EXAM_SUBMIT] = { ui_exam_submit_draw, ui_exam_submit_key },
	[UI_SCR_TRIVIA] = { ui_trivia_draw, ui_trivia_key },
};

static void ui_draw(struct ui *ui)
{
	erase();
	ui->n_hits = 0;
	ui->scroll_max = 0;
	ui->cursor_y = ui->cursor_x = -1;
	ui->too_small = COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS;
	if (ui->too_small) {
		ui_draw_too_small(ui);
	} else {
		ui_screens[ui->screen].draw(ui);
		if (ui->help)
			ui_help_draw(ui);
		else if (ui->confirm)
			ui_confirm_draw(ui);
	}
	/* The cursor shows where the selection is; hidden where there is
	 * none, or an overlay covers it. */
	if (ui->cursor_y >= 0 && !ui->too_small && !ui->help && !ui->confirm) {
		move(ui->cursor_y, ui->cursor_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
	refresh();
}

static void ui_fail(struct ui *ui)
{
	ui->done = 1;
	ui->status = EXIT_FAIL;
}

static void ui_set_screen(struct ui *ui, enum ui_screen screen)
{
	ui->screen = screen;
	ui->scroll = 0;
}

static void ui_go_menu(struct ui *ui)
{
	ui_session_end(ui);
	ui_exam_end(ui);
	ui_trivia_end(ui);
	/* Started as "rolecall practice" or "rolecall stats": back to the
	 * shell, as the command line asked for one thing. */
	if (ui->start != UI_START_MENU)
		ui->done = 1;
	else
		ui_set_screen(ui, UI_SCR_MENU);
}

static void ui_go_stats(struct ui *ui)
{
	if (ui_stats_load(ui) < 0)
		ui_fail(ui);
	else
		ui_set_screen(ui, UI_SCR_STATS);
}

static void ui_go_session(struct ui *ui, enum session_mode mode, int pick_banks)
{
	ui->mode = mode;
	ui->bank_sel = 0;
	if (pick_banks && ui->app->n_banks > 1)
		ui_set_screen(ui, UI_SCR_BANKS);
	else if (ui_session_start(ui) < 0)
		ui_fail(ui);
}

static void ui_go_exam(struct ui *ui, int pick_banks)
{
	ui->mode = MODE_EXAM;
	ui->bank_sel = 0;
	if (pick_banks && ui->app->n_banks > 1)
		ui_set_screen(ui, UI_SCR_BANKS);
	else if (ui_exam_open(ui) < 0)
		ui_fail(ui);
}

static void ui_act(struct ui *ui, enum ui_action act)
{
	switch (act) {
	case UI_ACT_NONE: return;
	case UI_ACT_REDRAW: break;
	case UI_ACT_HELP: ui->help = 1; break;
	case UI_ACT_CONFIRM: ui->confirm = 1; break;
	case UI_ACT_CANCEL: ui->confirm = 0; break;
	case UI_ACT_EXIT: ui->done = 1; break;
	case UI_ACT_MENU: ui_go_menu(ui); break;
	case UI_ACT_PRACTICE: ui_go_session(ui, MODE_PRACTICE, 1); break;
	case UI_ACT_DRILL: ui_go_session(ui, MODE_DRILL, 1); break;
	case UI_ACT_STATS: ui_go_stats(ui); break;
	case UI_ACT_ROLES: ui_set_screen(ui, UI_SCR_ROLES); break;
	case UI_ACT_START:
		if ((ui->mode == MODE_EXAM ? ui_exam_open(ui) : ui_session_start(ui)) < 0)
			ui_fail(ui);
		break;
	case UI_ACT_EXAM: ui_go_exam(ui, 1); break;
	case UI_ACT_EXAM_BEGIN:
	case UI_ACT_EXAM_RESUME:
	case UI_ACT_EXAM_ANSWER:
	case UI_ACT_EXAM_SUBMIT:
	case UI_ACT_EXAM_RETRY:
	case UI_ACT_EXAM_GIVE_UP:
		if (ui_exam_act(ui, act) < 0)
			ui_fail(ui);
		break;
	case UI_ACT_TRIVIA:
	case UI_ACT_TRIVIA_MOVE:
		if ((act == UI_ACT_TRIVIA ? ui_trivia_setup(ui) : ui_trivia_act(ui)) < 0)
			ui_fail(ui);
		break;
	case UI_ACT_ANSWER:
		if (ui_session_answer(ui) < 0)
			ui_fail(ui);
		break;
	case UI_ACT_NEXT: ui_session_next(ui); break;
	case UI_ACT_LEAVE:
		ui->confirm = 0;
		ui_set_screen(ui, UI_SCR_SUMMARY);
		break;
	}
	ui->dirty = 1;
}

static void ui_handle(struct ui *ui, const struct ui_key *k)
{
	if (k->fn && k->ch == KEY_RESIZE) {
		clearok(stdscr, TRUE);
		ui->dirty = 1;
		return;
	}
	if (k->cmd == UI_CMD_REDRAW) {
		clearok(stdscr, TRUE);
		ui->dirty = 1;
		return;
	}
	/* Keys wait until there is room to show what they would do; q
	 * leaves (everything answered is saved). */
	if (ui->too_small) {
		if (k->cmd == UI_CMD_QUIT)
			ui->done = 1;
		return;
	}
	/* "Pattern not found" stays until the next key, which still acts. */
	if (ui->search.not_found) {
		ui->search.not_found = 0;
		ui->dirty = 1;
	}
	if (ui->search.prompt) {
		ui_search_prompt_key(ui, k);
		ui->dirty = 1;
		return;
	}
	if (ui->help) {
		ui->help = 0;
		ui->dirty = 1;
		return;
	}
	ui_act(ui, ui->confirm ? ui_confirm_key(ui, k) : ui_screens[ui->screen].key(ui, k));
}

/* A timed exam's clock: 1 when the time ran out (and the exam was
 * submitted), so a key read at that moment must not act on the results. */
static int ui_clock(struct ui *ui)
{
	int r = ui_exam_tick(ui);

	if (r == 0)
		r = ui_trivia_tick(ui);
	if (r < 0)
		ui_fail(ui);
	return r;
}

/*
 * A key, or 0 after wait_ms (-1: none) or a signal.  A shared trivia game
 * also wakes on its store's announcements: curses cannot wait on a second
 * descriptor, so a key it may hold already is taken first, then poll()
 * waits on the terminal and the store together.
 */
static int ui_wait_key(struct ui *ui, int wait_ms, struct ui_key *k)
{
	struct pollfd p[2] = { { .fd = STDIN_FILENO, .events = POLLIN },
			       { .fd = ui_trivia_wake_fd(ui), .events = POLLIN } };
	int got;

	if (p[1].fd < 0 || wait_ms == 0) {
		wtimeout(stdscr, wait_ms);
		return ui_read_key(k);
	}
	wtimeout(stdscr, 0);
	if ((got = ui_read_key(k)) != 0)
		return got;
	if (poll(p, 2, wait_ms) > 0 && (p[1].revents & POLLIN) &&
	    !(p[0].revents & POLLIN)) {
		ui_trivia_woken(ui);
		return 0;
	}
	return ui_read_key(k);
}

static void ui_loop(struct ui *ui)
{
	struct ui_key k;
	int got;

	ui->dirty = 1;
	while (!ui->done && !ui_caught) {
		if (ui->dirty) {
			ui->dirty = 0;
			ui_draw(ui);
		}
		/* Only a running timed exam or a trivia game wakes up by itself. */
		got = ui_wait_key(ui, ui_trivia_wait_ms(ui, ui_exam_wait_ms(ui, UI_WAIT_MS)),
				  &k);
		if (ui_clock(ui) == 0 && got)
			ui_handle(ui, &k);
	}
}

static void ui_first_screen(struct ui *ui)
{
	switch (ui->start) {
	case UI_START_MENU: ui_set_screen(ui, UI_SCR_MENU); break;
	case UI_START_PRACTICE: ui_go_session(ui, MODE_PRACTICE, 0); break;
	case UI_START_DRILL: ui_go_session(ui, MODE_DRILL, 0); break;
	case UI_START_STATS: ui_go_stats(ui); break;
	case UI_START_ROLES: ui_set_screen(ui, UI_SCR_ROLES); break;
	case UI_START_EXAM: ui_go_exam(ui, 0); break;
	case UI_START_TRIVIA:
		if (ui_trivia_open(ui) < 0)
			ui_fail(ui);
		break;
	}
}

/* ---- curses ------------------------------------------------------------ */

static int ui_locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8") || !strcmp(cs, "utf-8"));
}

/* newterm, not initscr: initscr exits the process when the terminal type
 * is unknown, before we could say what to do.  A terminal that cannot move
 * the cursor ("dumb", Emacs shell buffers) would only show garbage. */
/* The terminal's type, checked before newterm, which leaks its half-made
 * screen when the type is unknown, and before anything is sent to a
 * terminal that could not show it.  0, or -1 with the reason in why. */
static int ui_term_ok(const char *term, char *why, size_t cap)
{
	int found, can_move;

	if (!term || !*term) {
		snprintf(why, cap, "TERM is not set, so the full-screen UI cannot tell how "
			 "to drive this terminal; set TERM (for example TERM=xterm-256color) "
			 "or use --plain");
		return -1;
	}
	if (setupterm(term, STDOUT_FILENO, &found) != OK) {
		snprintf(why, cap, "terminal type '%.64s' is unknown here (no terminfo "
			 "entry); set TERM to a type this system knows (for example "
			 "xterm-256color) or use --plain", term);
		return -1;
	}
	can_move = cursor_address != NULL;
	del_curterm(cur_term);
	if (!can_move) {
		snprintf(why, cap, "terminal type '%.64s' cannot move the cursor, which the "
			 "full-screen UI needs; use --plain", term);
		return -1;
	}
	return 0;
}

int ui_usable(int need_size, char *why, size_t cap)
{
	const char *term = getenv("TERM");
	struct winsize ws;
	int found;

	why[0] = '\0';
	if (!term || !*term || setupterm(term, STDOUT_FILENO, &found) != OK)
		return 1;
	found = cursor_address != NULL;
	del_curterm(cur_term);
	if (!found) {
		snprintf(why, cap, "terminal type '%.64s' cannot move the cursor", term);
		return 0;
	}
	if (need_size && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col &&
	    (ws.ws_col < UI_MIN_COLS || ws.ws_row < UI_MIN_ROWS)) {
		snprintf(why, cap, "the terminal is %ux%u, smaller than the %dx%d the "
			 "full-screen UI needs", ws.ws_col, ws.ws_row, UI_MIN_COLS, UI_MIN_ROWS);
		return 0;
	}
	return 1;
}

/* Where to draw: standard output, or the terminal itself when that is
 * redirected (`rolecall practice > file` would write the screens into the
 * file, and show the person nothing).  NULL, with why in ui->error, when
 * there is no terminal to draw on. */
static FILE *ui_screen_out(struct ui *ui)
{
	if (isatty(STDOUT_FILENO))
		return stdout;
	if ((ui->tty_out = fopen("/dev/tty", "w")))
		return ui->tty_out;
	snprintf(ui->error, sizeof ui->error, "standard output is not a terminal, and "
		 "there is no terminal to draw on; use --plain for line mode");
	return NULL;
}

static SCREEN *ui_newterm(struct ui *ui)
{
	const char *term = getenv("TERM");
	SCREEN *scr;
	FILE *out;

	if (ui_term_ok(term, ui->error, sizeof ui->error) < 0 || !(out = ui_screen_out(ui)))
		return NULL;
	if (!(scr = newterm(NULL, out, stdin)))
		snprintf(ui->error, sizeof ui->error, "cannot set up the terminal (type "
			 "'%.64s'); use --plain", term);
	return scr;
}

static SCREEN *ui_begin(struct ui *ui)
{
	const char *no_color = getenv("NO_COLOR");
	SCREEN *scr = ui_newterm(ui);

	if (!scr)
		return NULL;
	ui_in_curses = 1;
	set_term(scr);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	ui_define_keys();
	curs_set(0);
	set_escdelay(UI_ESC_DELAY_MS);
	wtimeout(stdscr, UI_WAIT_MS);
	mousemask(BUTTON1_CLICKED | BUTTON1_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	ui->ascii = !ui_locale_utf8();
	/* NO_COLOR: "when present and not an empty string" (no-color.org). */
	ui->colour = has_colors() && !(no_color && *no_color);
	ui_draw_styles(ui);
	ui_signals_install(ui_fatal_signals, UI_COUNT(ui_fatal_signals), ui_old_fatal,
			   ui_on_fatal);
	return scr;
}

static void ui_finish(SCREEN *scr)
{
	if (!scr)
		return;
	ui_signals_restore(ui_fatal_signals, UI_COUNT(ui_fatal_signals), ui_old_fatal);
	if (ui_in_curses) {
		ui_in_curses = 0;
		endwin();
	}
	delscreen(scr);
}

static void ui_report_signal(struct ui *ui)
{
	const char *name = ui_caught == SIGINT ? "interrupted" :
			   ui_caught == SIGTERM ? "terminated" : "hung up";
	int64_t attempt = ui_exam_open_attempt(ui);

	ui->status = 128 + ui_caught;
	if (!ui->error[0] && attempt)
		snprintf(ui->error, sizeof ui->error, "%s; exam attempt %lld is not submitted; "
			 "every answer given was saved", name, (long long)attempt);
	else if (!ui->error[0])
		snprintf(ui->error, sizeof ui->error, "%s; every answer given was saved", name);
}

/* A shared database that went away mid-answer: the store waits for it
 * (store_write) and says so here, on the bottom line, over the key hints;
 * the next redraw puts them back. */
static void ui_store_notice(void *ctx, const char *line)
{
	const struct ui *ui = ctx;
	/* the database's name (a long URI) would crowd out what happens */
	const char *what = strstr(line, ": ");

	if (!ui->started)
		return;
	move(LINES - 1, 0);
	clrtoeol();
	ui_put(ui, LINES - 1, 1, COLS - 2, ui->style[UI_ST_WRONG], what ? what + 2 : line);
	refresh();
}

int ui_main(const struct options *cli, enum ui_start start)
{
	static int atexit_done;
	struct app app;
	struct ui ui;
	SCREEN *scr;
	int usage = 0;

	if (app_open(cli, &app) < 0 ||
	    (start == UI_START_EXAM && app_exam_prepare(cli, &app, &usage) < 0)) {
		app_close(&app);
		return usage ? EXIT_USAGE : EXIT_FAIL;
	}
	memset(&ui, 0, sizeof ui);
	ui.app = &app;
	ui.cli = cli;
	ui.start = start;
	ui.status = EXIT_OK;
	ui.exam_outcome = -1;
	if (!atexit_done)
		atexit_done = atexit(ui_atexit) == 0;
	ui_caught = 0;
	/* Before newterm: ncurses only installs its own SIGINT/SIGTERM
	 * handlers (which exit) where none is set. */
	ui_signals_install(ui_stop_signals, UI_COUNT(ui_stop_signals), ui_old_stop, ui_on_stop);
	if ((scr = ui_begin(&ui))) {
		ui.started = 1;
		store_set_notice(app.store, ui_store_notice, &ui);
		ui_first_screen(&ui);
		ui_loop(&ui);
	} else {
		ui.status = EXIT_FAIL;
	}
	store_set_notice(app.store, NULL, NULL);
	ui.started = 0;
	ui_finish(scr);
	if (ui.tty_out)
		fclose(ui.tty_out);
	ui_signals_restore(ui_stop_signals, UI_COUNT(ui_stop_signals), ui_old_stop);
	ui_session_end(&ui);
	if (ui_caught)
		ui_report_signal(&ui);
	ui_exam_exit_status(&ui);
	ui_exam_end(&ui);
	ui_trivia_end(&ui);
	if (ui.error[0])
		app_fail("%s", ui.error);
	app_close(&app);
	return ui.status;
}
