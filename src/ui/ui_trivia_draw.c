/*
 * The trivia views: each draws the whole screen from the game and the
 * view's state (so a resize is one more draw), and the keys of each set a
 * move for ui_trivia.c or change only what is highlighted.  Names typed
 * by players and bank text go through ui_put / ui_doc_*, which sanitise.
 */
#include "ui_trivia.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

/* Columns before an option's text: marker, number, gap (as ui_question). */
#define UI_TRIVIA_OPT_INDENT 5
#define UI_TRIVIA_NAME_W 20

static const char *const ui_trivia_place[] = { "1st", "2nd", "3rd" };

static struct ui_trivia *ui_tv(struct ui *ui)
{
	return ui->trivia;
}

/* The names column: as wide as the widest name, within reason. */
static int ui_trivia_name_w(struct ui *ui)
{
	const struct trivia_game *g = ui_tv(ui)->g;
	int w = 4;

	for (unsigned i = 0; i < g->n_players; i++)
		if (ui_width(ui, g->players[i].s.name) > w)
			w = ui_width(ui, g->players[i].s.name);
	return w > UI_TRIVIA_NAME_W ? UI_TRIVIA_NAME_W : w;
}

/* name padded with blanks to w columns (printf pads bytes, not columns). */
static const char *ui_trivia_pad(struct ui *ui, const char *name, int w, char *buf,
			     size_t len)
{
	int pad = w - ui_width(ui, name);

	snprintf(buf, len, "%s%*s", name, pad > 0 ? pad : 0, "");
	return buf;
}

static void ui_trivia_seconds(char *buf, size_t len, int64_t ms)
{
	snprintf(buf, len, "%" PRId64 ".%" PRId64 " s", ms / 1000, ms % 1000 / 100);
}

/* "question 2 of 5", or "game K7QXM" before the first. */
static void ui_trivia_where(const struct trivia_game *g, char *buf, size_t len)
{
	if (g->game.current_round)
		snprintf(buf, len, "question %u of %u", g->game.current_round,
			 g->game.rounds);
	else
		snprintf(buf, len, "game %s", g->game.code);
}

/* The countdown bar on row 1, and "14 s left" for the header. */
static void ui_trivia_clock_bar(struct ui *ui, char *right, size_t len)
{
	struct ui_trivia *t = ui_tv(ui);
	int64_t ms, secs = ui_trivia_seconds_left(ui, &ms);

	t->shown_secs = secs;
	snprintf(right, len, "%" PRId64 " s left", secs);
	ui_draw_bar(ui, 1, 1, COLS - 2, (unsigned)ms, (unsigned)t->g->rules.limit_ms,
		    secs <= 5 ? ui->style[UI_ST_WARN] : ui->style[UI_ST_BAR]);
}

static void ui_trivia_status(struct ui *ui, const char *keys)
{
	ui_draw_status(ui, keys);
}

/* ---- setup ---- */

#define UI_TRIVIA_LABEL_W 12

/* One row of the form: a marker on the field keys go to, its label, its
 * value (with a cursor on a text field) and a dim note after it. */
static void ui_trivia_field_row(struct ui *ui, struct ui_doc *d, enum ui_trivia_field f,
			    const char *label, const char *value, const char *note)
{
	struct ui_trivia *t = ui_tv(ui);
	int y = ui_doc_y(d, d->row), sel = t->field == f, x = d->left + 2 + UI_TRIVIA_LABEL_W;
	int text = f == UI_TRIVIA_F_NAMES || f == UI_TRIVIA_F_ROUNDS || f == UI_TRIVIA_F_SECONDS;

	ui_doc_skip(d, 1);
	if (y < 0)
		return;
	ui_put(ui, y, d->left, 2, A_NORMAL, sel ? "\u25b8" : " ");
	ui_put(ui, y, d->left + 2, UI_TRIVIA_LABEL_W, ui->style[UI_ST_DIM], label);
	x += ui_putf(ui, y, x, d->left + d->width - x - 1, sel ? ui->style[UI_ST_SEL] : A_NORMAL,
		     "%s", value);
	if (sel && text)
		x += ui_put(ui, y, x, 1, ui->style[UI_ST_SEL], " ");
	if (note && d->left + d->width - x > 2)
		ui_put(ui, y, x + 2, d->left + d->width - x - 2, ui->style[UI_ST_DIM], note);
}

static void ui_trivia_setup_rows(struct ui *ui, struct ui_doc *d)
{
	struct ui_trivia *t = ui_tv(ui);
	const struct app *app = ui->app;
	char banks[160];

	if (t->bank)
		snprintf(banks, sizeof banks, "\u2039 %s \u203a", app->banks[t->bank - 1]->title);
	else
		snprintf(banks, sizeof banks, "\u2039 all %zu bank%s \u203a", app->n_banks,
			 app->n_banks == 1 ? "" : "s");
	ui_trivia_field_row(ui, d, UI_TRIVIA_F_NAMES, "Players", t->host ? "" : t->input, t->host ?
			"(players join with the game code)" : "names, separated by commas");
	ui_trivia_field_row(ui, d, UI_TRIVIA_F_ROUNDS, "Questions", t->rounds,
			"1 to " UI_TRIVIA_STR(TRIVIA_GAME_MAX_ROUNDS));
	ui_trivia_field_row(ui, d, UI_TRIVIA_F_SECONDS, "Seconds", t->seconds,
			"per question, 1 to " UI_TRIVIA_STR(TRIVIA_GAME_MAX_SECONDS));
	ui_trivia_field_row(ui, d, UI_TRIVIA_F_BANKS, "Banks", banks, NULL);
	ui_trivia_field_row(ui, d, UI_TRIVIA_F_WHERE, "Play", t->host ?
			"\u2039 host a game for other terminals \u203a" :
			"\u2039 on this terminal, taking turns \u203a", NULL);
}

static void ui_trivia_setup_fill(struct ui *ui, struct ui_doc *d)
{
	struct ui_trivia *t = ui_tv(ui);

	ui_doc_para(ui, d, 0, ui->style[UI_ST_TITLE], "A new trivia game");
	ui_doc_skip(d, 1);
	ui_doc_para(ui, d, 0, A_NORMAL, "Everyone answers the same questions in the same "
		    "order, against the clock. Type the players' names, change what you "
		    "like below, then press Enter.");
	ui_doc_skip(d, 1);
	ui_trivia_setup_rows(ui, d);
	if (t->message[0]) {
		ui_doc_skip(d, 1);
		ui_doc_para(ui, d, 0, ui->style[UI_ST_WARN], t->message);
	}
	ui_doc_skip(d, 1);
	ui_doc_para(ui, d, 0, ui->style[UI_ST_DIM], t->host ? "Hosting shows a game code; "
		    "players join it from their own terminals with 'rolecall trivia join "
		    "CODE --name NAME' and the same --db." : "\u2191/\u2193 or Tab: another "
		    "field \u00b7 \u2190/\u2192: another bank, or host a game for several "
		    "terminals instead.");
}

/* Typing into a text field: every printable character for the names (q
 * and j/k included), digits for the numbers. */
static enum ui_action ui_trivia_type(char *buf, size_t cap, const struct ui_key *k, int digits)
{
	size_t n = strlen(buf);
	char mb[8];
	mbstate_t st;
	size_t len;

	if ((k->fn && (k->ch == KEY_BACKSPACE || k->ch == KEY_DC)) ||
	    (!k->fn && (k->ch == 127 || k->ch == 8))) {
		while (n && ((unsigned char)buf[n - 1] & 0xC0) == 0x80)
			n--; /* a whole UTF-8 character */
		buf[n ? n - 1 : 0] = '\0';
		return UI_ACT_REDRAW;
	}
	if (k->fn || k->ch < 0x20 || k->ch == 0x7F || (digits && (k->ch < L'0' || k->ch > L'9')))
		return UI_ACT_NONE;
	memset(&st, 0, sizeof st);
	len = wcrtomb(mb, (wchar_t)k->ch, &st);
	if (len == (size_t)-1 || n + len >= cap)
		return UI_ACT_NONE;
	memcpy(buf + n, mb, len);
	buf[n + len] = '\0';
	return UI_ACT_REDRAW;
}

/* ←/→ (or Space) on a choice: the next bank (all of them first), or
 * hosting instead of the hot seat. */
static enum ui_action ui_trivia_setup_change(struct ui *ui, int step)
{
	struct ui_trivia *t = ui_tv(ui);
	unsigned n = (unsigned)ui->app->n_banks + 1;

	if (t->field == UI_TRIVIA_F_BANKS)
		t->bank = step > 0 ? (t->bank + 1) % n : (t->bank + n - 1) % n;
	else if (t->field == UI_TRIVIA_F_WHERE)
		t->host = !t->host;
	else
		return UI_ACT_NONE;
	t->message[0] = '\0';
	return UI_ACT_REDRAW;
}

static enum ui_action ui_trivia_setup_key(struct ui *ui, const struct ui_key *k)
{
	struct ui_trivia *t = ui_tv(ui);

	if (k->cmd == UI_CMD_ENTER) {
		t->move = UI_TRIVIA_MOVE_CREATE;
		return UI_ACT_TRIVIA_MOVE;
	}
	if (k->cmd == UI_CMD_BACK)
		return UI_ACT_MENU;
	if (k->fn && k->ch == KEY_F(1))
		return UI_ACT_HELP;
	/* the arrows, not j/k: those are letters of names */
	if ((k->fn && k->ch == KEY_DOWN) || (!k->fn && k->ch == L'\t')) {
		t->field = (t->field + 1) % UI_TRIVIA_F_COUNT;
		return UI_ACT_REDRAW;
	}
	if (k->fn && (k->ch == KEY_UP || k->ch == KEY_BTAB)) {
		t->field = (t->field + UI_TRIVIA_F_COUNT - 1) % UI_TRIVIA_F_COUNT;
		return UI_ACT_REDRAW;
	}
	if (k->fn && (k->ch == KEY_LEFT || k->ch == KEY_RIGHT))
		return ui_trivia_setup_change(ui, k->ch == KEY_RIGHT ? 1 : -1);
	switch (t->field) {
	case UI_TRIVIA_F_NAMES:
		return t->host ? UI_ACT_NONE : ui_trivia_type(t->input, sizeof t->input, k, 0);
	case UI_TRIVIA_F_ROUNDS: return ui_trivia_type(t->rounds, sizeof t->rounds, k, 1);
	case UI_TRIVIA_F_SECONDS: return ui_trivia_type(t->seconds, sizeof t->seconds, k, 1);
	default:
		return !k->fn && k->ch == L' ' ? ui_trivia_setup_change(ui, 1) : UI_ACT_NONE;
	}
}

/* ---- rules and countdown ---- */

/* What scores, as this game sets it: the same sentences as line mode's. */
static void ui_trivia_rules_block(struct ui *ui, struct ui_doc *d)
{
	char line[256];

	ui_doc_para(ui, d, 0, ui->style[UI_ST_TITLE], "How it scores");
	for (unsigned i = 0; trivia_rules_text(&ui_tv(ui)->g->rules, i, line, sizeof line);
	     i++)
		ui_doc_para(ui, d, 2, A_NORMAL, line);
}

static void ui_trivia_rules_fill(struct ui *ui, struct ui_doc *d)
{
	const struct trivia_game *g = ui_tv(ui)->g;
	char names[STORE_TRIVIA_FILE_PLAYERS * (STORE_TRIVIA_NAME_MAX + 2) + 1];
	size_t at = 0;

	for (unsigned i = 0; i < g->n_players && at < sizeof names; i++)
		at += (size_t)snprintf(names + at, sizeof names - at, "%s%s", i ? ", " : "",
				       g->players[i].s.name);
	ui_doc_paraf(ui, d, 0, A_NORMAL, "%s: %s", g->game.teams ? "Teams" : "Players",
		     names);
	if (g->countdown_ms)
		ui_doc_paraf(ui, d, 0, A_NORMAL, "%u questions, %" PRId64 " seconds each, "
			     "each after a %" PRId64 "-second countdown.", g->game.rounds,
			     g->rules.limit_ms / 1000, g->countdown_ms / 1000);
	else
		ui_doc_paraf(ui, d, 0, A_NORMAL, "%u questions, %" PRId64 " seconds each.",
			     g->game.rounds, g->rules.limit_ms / 1000);
	ui_doc_skip(d, 1);
	ui_trivia_rules_block(ui, d);
	ui_doc_skip(d, 1);
	ui_doc_paraf(ui, d, 0, ui->style[UI_ST_KEY], "Press Enter for the first question; "
		     "%s has the keyboard first.", g->players[0].s.name);
}

/* "Ana · question 2 of 5", "Trivia host · ...": the question's header. */
static void ui_trivia_question_title(struct ui *ui, char *buf, size_t len)
{
	const struct trivia_game *g = ui_tv(ui)->g;
	char where[48];

	ui_trivia_where(g, where, sizeof where);
	snprintf(buf, len, "%s \u00b7 %s", g->role == TRIVIA_GAME_PLAYER ? g->my_name :
		 g->role == TRIVIA_GAME_HOST ? "Trivia host" :
		 g->players[ui_tv(ui)->turn].s.name, where);
}

static void ui_trivia_countdown_fill(struct ui *ui, struct ui_doc *d)
{
	struct ui_trivia *t = ui_tv(ui);

	t->shown_secs = (ui_trivia_countdown_ms(ui) + 999) / 1000;
	ui_doc_skip(d, 2);
	ui_doc_paraf(ui, d, 4, ui->style[UI_ST_TITLE], "Get ready: %" PRId64, t->shown_secs);
}

static void ui_trivia_countdown_draw(struct ui *ui)
{
	char title[160];

	ui_trivia_question_title(ui, title, sizeof title);
	ui_draw_header(ui, title, NULL);
	ui_doc_show(ui, 2, LINES - 1, ui_trivia_countdown_fill);
	ui_trivia_status(ui, ui_tv(ui)->g->role == TRIVIA_GAME_PLAYER ?
		     "the question is coming \u00b7 ? help \u00b7 q leave the game" :
		     "the question is coming \u00b7 ? help \u00b7 q quit");
}

/* ---- handover and question ---- */

static void ui_trivia_handover_fill(struct ui *ui, struct ui_doc *d)
{
	struct ui_trivia *t = ui_tv(ui);
	const char *name = t->g->players[t->turn].s.name;

	if (t->message[0]) {
		ui_doc_para(ui, d, 0, ui->style[UI_ST_DIM], t->message);
		ui_doc_skip(d, 1);
	}
	ui_doc_paraf(ui, d, 4, ui->style[UI_ST_TITLE], "Pass the keyboard to %s.", name);
	ui_doc_skip(d, 1);
	ui_doc_paraf(ui, d, 4, A_NORMAL, "%s: press Enter when you are ready. The %" PRId64
		     "-second countdown starts when the question shows; the others' "
		     "answers stay hidden until everyone has answered.", name,
		     t->g->rules.limit_ms / 1000);
}

static void ui_trivia_options(struct ui *ui, struct ui_doc *d, int pick)
{
	struct ui_trivia *t = ui_tv(ui);
	const struct trivia_game_question *tq = trivia_game_question(t->g);

	for (unsigned i = 0; i < tq->n_options; i++) {
		int sel = pick && (int)i == t->sel, first = d->row, y;
		attr_t a = sel ? ui->style[UI_ST_SEL] : A_NORMAL;

		ui_doc_para(ui, d, UI_TRIVIA_OPT_INDENT, a, tq->q->choices[tq->order[i]].text);
		if (pick)
			ui_hit_add(ui, d, first, d->row, (int)i);
		if ((y = ui_doc_y(d, first)) >= 0) {
			ui_put(ui, y, d->left, 2, A_NORMAL, sel ? "\u25b8" : " ");
			ui_putf(ui, y, d->left + 2, 2, a, "%u", i + 1);
		}
	}
}

static void ui_trivia_question_fill(struct ui *ui, struct ui_doc *d)
{
	const struct trivia_game_question *tq = trivia_game_question(ui_tv(ui)->g);

	ui_doc_para(ui, d, 0, ui->style[UI_ST_TITLE], tq->q->prompt);
	ui_doc_skip(d, 1);
	ui_trivia_options(ui, d, 1);
}

static void ui_trivia_question_draw(struct ui *ui)
{
	struct ui_trivia *t = ui_tv(ui);
	const struct trivia_game_question *tq = trivia_game_question(t->g);
	char title[160], right[32], keys[128];

	/* The answer time runs from the first time the question is seen, not
	 * from a redraw after a resize. */
	if (!t->shown_ms)
		t->shown_ms = app_ms();
	ui_trivia_question_title(ui, title, sizeof title);
	ui_trivia_clock_bar(ui, right, sizeof right);
	ui_draw_header(ui, title, right);
	ui_doc_show(ui, 3, LINES - 1, ui_trivia_question_fill);
	snprintf(keys, sizeof keys, "1-%u or a-%c answer \u00b7 \u2191/\u2193 Enter \u00b7 "
		 "? help \u00b7 q quit", tq->n_options, 'a' + tq->n_options - 1);
	ui_trivia_status(ui, keys);
}

static enum ui_action ui_trivia_question_key(struct ui *ui, const struct ui_key *k)
{
	struct ui_trivia *t = ui_tv(ui);
	int n = (int)trivia_game_question(t->g)->n_options, i;

	switch (k->cmd) {
	case UI_CMD_UP: t->sel = (t->sel + n - 1) % n; return UI_ACT_REDRAW;
	case UI_CMD_DOWN: t->sel = (t->sel + 1) % n; return UI_ACT_REDRAW;
	case UI_CMD_HOME: t->sel = 0; return UI_ACT_REDRAW;
	case UI_CMD_END: t->sel = n - 1; return UI_ACT_REDRAW;
	case UI_CMD_ENTER:
		t->move = UI_TRIVIA_MOVE_ANSWER;
		return UI_ACT_TRIVIA_MOVE;
	case UI_CMD_CLICK:
		if ((i = ui_hit_find(ui, k->y)) < 0)
			return UI_ACT_NONE;
		t->sel = i;
		t->move = UI_TRIVIA_MOVE_ANSWER;
		return UI_ACT_TRIVIA_MOVE;
	default: break;
	}
	if ((i = ui_option_key(k, (unsigned)n)) < 0)
		return UI_ACT_NONE;
	t->sel = i;
	t->move = UI_TRIVIA_MOVE_ANSWER;
	return UI_ACT_TRIVIA_MOVE;
}

/* ---- host: lobby and round; player: waiting ---- */

static void ui_trivia_roster(struct ui *ui, struct ui_doc *d, int marks)
{
	const struct trivia_game *g = ui_tv(ui)->g;
	unsigned answered, present = trivia_game_present(g, &answered);

	if (!g->n_players) {
		ui_doc_para(ui, d, 2, ui->style[UI_ST_DIM], "nobody yet");
		return;
	}
	if (marks)
		ui_doc_paraf(ui, d, 0, ui->style[UI_ST_TITLE], "Answered: %u of %u", answered,
			     present);
	else
		ui_doc_paraf(ui, d, 0, ui->style[UI_ST_TITLE], "Players here: %u", present);
	for (unsigned i = 0; i < g->n_players; i++) {
		const struct trivia_game_player *p = &g->players[i];
		const char *mark = p->s.removed ? "  (removed)" : !p->here ? "  (absent)" :
				   marks && p->s.answered ? "  \u2713 answered" : "";

		ui_doc_paraf(ui, d, 2, p->here ? A_NORMAL : ui->style[UI_ST_DIM], "%s%s",
			     p->s.name, mark);
	}
}

static void ui_trivia_lobby_fill(struct ui *ui, struct ui_doc *d)
{
	struct ui_trivia *t = ui_tv(ui);
	const struct trivia_game *g = t->g;
	char spaced[2 * STORE_TRIVIA_CODE_MAX + 1];
	unsigned answered;
	size_t at = 0;

	for (const char *c = g->game.code; *c; c++) {
		spaced[at++] = *c;
		spaced[at++] = c[1] ? ' ' : '\0';
	}
	spaced[at] = '\0';
	ui_doc_paraf(ui, d, 4, ui->style[UI_ST_TITLE], "Game code:  %s", spaced);
	ui_doc_skip(d, 1);
	ui_doc_paraf(ui, d, 0, A_NORMAL, "%u questions, %" PRId64 " seconds each. Players "
		     "join from another terminal of this machine with:", g->game.rounds,
		     g->rules.limit_ms / 1000);
	ui_doc_paraf(ui, d, 2, ui->style[UI_ST_KEY], "rolecall trivia join %s --name NAME "
		     "--db %s", g->game.code, store_path(g->env.store));
	ui_doc_skip(d, 1);
	ui_trivia_roster(ui, d, 0);
	/* "nobody has joined" is over once somebody has */
	if (t->message[0] && !trivia_game_present(g, &answered)) {
		ui_doc_skip(d, 1);
		ui_doc_para(ui, d, 0, ui->style[UI_ST_WARN], t->message);
	}
	ui_doc_skip(d, 1);
	ui_trivia_rules_block(ui, d);
}

static void ui_trivia_round_fill(struct ui *ui, struct ui_doc *d)
{
	const struct trivia_game_question *tq = trivia_game_question(ui_tv(ui)->g);

	ui_doc_para(ui, d, 0, ui->style[UI_ST_TITLE], tq->q->prompt);
	ui_doc_skip(d, 1);
	ui_trivia_options(ui, d, 0);
	ui_doc_skip(d, 1);
	ui_trivia_roster(ui, d, 1);
}

static void ui_trivia_wait_fill(struct ui *ui, struct ui_doc *d)
{
	struct ui_trivia *t = ui_tv(ui);
	const struct trivia_game *g = t->g;
	unsigned answered, present = trivia_game_present(g, &answered);

	if (t->message[0])
		ui_doc_para(ui, d, 0, ui->style[UI_ST_TITLE], t->message);
	if (g->game.phase == STORE_TRIVIA_QUESTION)
		ui_doc_paraf(ui, d, 0, A_NORMAL, "Waiting for the others: %u of %u answered.",
			     answered, present);
	else if (!g->game.current_round) {
		ui_doc_paraf(ui, d, 0, A_NORMAL, "You joined game %s as %s. Waiting for the "
			     "host to start: %u questions, %" PRId64 " seconds each.",
			     g->game.code, g->my_name, g->game.rounds,
			     g->rules.limit_ms / 1000);
		ui_doc_skip(d, 1);
		ui_trivia_rules_block(ui, d);
	} else
		ui_doc_para(ui, d, 0, A_NORMAL, "Waiting for the next question.");
	ui_doc_skip(d, 1);
	ui_trivia_roster(ui, d, 0);
}

/* ---- reveal, board, podium ---- */

static void ui_trivia_result(struct ui *ui, struct ui_doc *d, const struct trivia_game_player *p,
			 const struct trivia_game_question *tq)
{
	const struct store_trivia_player *s = &p->s;
	char t[32], name[128], pts[16];

	ui_trivia_seconds(t, sizeof t, s->elapsed_ms);
	snprintf(pts, sizeof pts, "+%d", s->points < 0 ? 0 : s->points);
	ui_trivia_pad(ui, s->name, ui_trivia_name_w(ui), name, sizeof name);
	if (s->picked < 0)
		ui_doc_paraf(ui, d, 2, ui->style[UI_ST_DIM], "%s  %-9s %6s", name,
			     s->removed ? "removed" : s->absent ? "absent" : "no answer", pts);
	else if (s->correct)
		ui_doc_paraf(ui, d, 2, ui->style[UI_ST_RIGHT], "%s  %-9s %6s  (%s)", name,
			     "right", pts, t);
	else
		ui_doc_paraf(ui, d, 2, ui->style[UI_ST_WRONG], "%s  %-9s %6s  (%s: %d. %s)",
			     name, "wrong", pts, t, s->picked + 1,
			     tq->q->choices[tq->order[s->picked]].text);
}

static void ui_trivia_reveal_fill(struct ui *ui, struct ui_doc *d)
{
	const struct trivia_game *g = ui_tv(ui)->g;
	const struct trivia_game_question *tq = trivia_game_question(g);

	if (ui_tv(ui)->message[0]) {
		ui_doc_para(ui, d, 0, ui->style[UI_ST_DIM], ui_tv(ui)->message);
		ui_doc_skip(d, 1);
	}
	ui_doc_para(ui, d, 0, A_NORMAL, tq->q->prompt);
	ui_doc_skip(d, 1);
	ui_doc_paraf(ui, d, 0, ui->style[UI_ST_RIGHT], "The answer: %u. %s", tq->right + 1,
		     tq->q->choices[tq->q->correct].text);
	ui_doc_skip(d, 1);
	for (unsigned i = 0; i < g->n_players; i++)
		ui_trivia_result(ui, d, &g->players[i], tq);
	ui_doc_skip(d, 1);
	ui_doc_paraf(ui, d, 0, A_NORMAL, "Why: %s", tq->q->explain);
}

static void ui_trivia_ranking(struct ui *ui, struct ui_doc *d, int full)
{
	const struct trivia_game *g = ui_tv(ui)->g;
	struct trivia_player rank[STORE_TRIVIA_MAX_PLAYERS];
	unsigned n = trivia_game_ranking(g, rank);
	int w = ui_trivia_name_w(ui);
	char t[32], name[128];

	for (unsigned i = 0; i < n; i++) {
		const struct trivia_game_player *p = trivia_game_find(g, rank[i].name);
		const char *absent = p && p->s.absent ? " (absent)" : "";

		ui_trivia_seconds(t, sizeof t, rank[i].time_ms);
		ui_trivia_pad(ui, rank[i].name, w, name, sizeof name);
		if (full)
			ui_doc_paraf(ui, d, 2, A_NORMAL, "%2u. %s %6" PRId64 " points, %u "
				     "right, %s%s", i + 1, name, rank[i].score, rank[i].right,
				     t, absent);
		else
			ui_doc_paraf(ui, d, 2, i ? A_NORMAL : ui->style[UI_ST_TITLE],
				     "%2u. %s %6" PRId64 "  (+%d)%s", i + 1, name,
				     rank[i].score,
				     rank[i].last_points < 0 ? 0 : rank[i].last_points, absent);
	}
}

static void ui_trivia_board_fill(struct ui *ui, struct ui_doc *d)
{
	ui_trivia_ranking(ui, d, 0);
}

/* The end without a podium: a player who left sees no ranking it has no
 * part in any more, and a game that played no round has nothing to rank. */
static int ui_trivia_no_podium(const struct ui_trivia *t)
{
	return t->left || !t->g->played;
}

static void ui_trivia_over_fill(struct ui *ui, struct ui_doc *d)
{
	struct ui_trivia *t = ui_tv(ui);

	if (t->message[0]) {
		ui_doc_para(ui, d, 0, ui->style[UI_ST_TITLE], t->message);
		ui_doc_skip(d, 1);
	}
	if (!t->left)
		ui_doc_paraf(ui, d, 0, ui->style[UI_ST_WARN], "%s.", TRIVIA_GAME_NOT_PLAYED);
	ui_doc_paraf(ui, d, 0, ui->style[UI_ST_DIM], "Game %s is saved; 'rolecall report "
		     "--trivia' lists it.", t->g->game.code);
}

static void ui_trivia_podium_fill(struct ui *ui, struct ui_doc *d)
{
	struct ui_trivia *t = ui_tv(ui);
	const struct trivia_game *g = t->g;
	struct trivia_player rank[STORE_TRIVIA_MAX_PLAYERS];
	unsigned n = trivia_game_ranking(g, rank);

	if (t->message[0])
		ui_doc_para(ui, d, 0, ui->style[UI_ST_WARN], t->message);
	if (g->game.status == STORE_TRIVIA_ABANDONED)
		ui_doc_paraf(ui, d, 0, ui->style[UI_ST_WARN], "The game was ended early, "
			     "after %u of %u questions.", g->played, g->game.rounds);
	if (t->message[0] || g->game.status == STORE_TRIVIA_ABANDONED)
		ui_doc_skip(d, 1);
	for (unsigned i = 0; i < n && i < 3; i++) {
		char name[128];

		ui_trivia_pad(ui, rank[i].name, ui_trivia_name_w(ui), name, sizeof name);
		ui_doc_paraf(ui, d, 6, i ? A_NORMAL : ui->style[UI_ST_TITLE], "%s  %s %6"
			     PRId64, ui_trivia_place[i], name, rank[i].score);
	}
	ui_doc_skip(d, 1);
	ui_doc_para(ui, d, 0, ui->style[UI_ST_TITLE], "Full ranking");
	ui_trivia_ranking(ui, d, 1);
	ui_doc_skip(d, 1);
	ui_doc_para(ui, d, 0, ui->style[UI_ST_DIM], TRIVIA_TIE_RULE);
	ui_doc_paraf(ui, d, 0, ui->style[UI_ST_DIM], "Game %s is saved; 'rolecall report "
		     "--trivia' lists it.", g->game.code);
}

/* ---- the screen ---- */

/* Enter goes on for whoever runs the game; a player waits for the host. */
static const char *ui_trivia_next_keys(const struct ui_trivia *t)
{
	int host = t->g->role == TRIVIA_GAME_HOST;

	if (t->g->role == TRIVIA_GAME_PLAYER)
		return "waiting for the host \u00b7 ? help \u00b7 q leave the game";
	if (t->view == UI_TRIVIA_REVEAL)
		return host ? "Enter leaderboard \u00b7 \u2191/\u2193 scroll \u00b7 r remove a "
			      "player \u00b7 ? help \u00b7 q quit" :
			      "Enter leaderboard \u00b7 \u2191/\u2193 scroll \u00b7 ? help \u00b7 q quit";
	if (trivia_game_last_round(t->g))
		return host ? "Enter podium \u00b7 \u2191/\u2193 scroll \u00b7 r remove a player "
			      "\u00b7 ? help \u00b7 q quit" :
			      "Enter podium \u00b7 \u2191/\u2193 scroll \u00b7 ? help \u00b7 q quit";
	return host ? "Enter next question \u00b7 \u2191/\u2193 scroll \u00b7 r remove a player "
		      "\u00b7 ? help \u00b7 q quit" :
		      "Enter next question \u00b7 \u2191/\u2193 scroll \u00b7 ? help \u00b7 q quit";
}

/* A view with a bar on row 1 (the handover's progress, a clock) starts
 * its text a row lower. */
static void ui_trivia_doc_view(struct ui *ui, const char *title, const char *right,
			   void (*fill)(struct ui *ui, struct ui_doc *d), const char *keys)
{
	int bar = ui_tv(ui)->view == UI_TRIVIA_HANDOVER || ui_trivia_seconds_left(ui, NULL) >= 0;

	ui_draw_header(ui, title, right);
	ui_doc_show(ui, bar ? 3 : 2, LINES - 1, fill);
	ui_trivia_status(ui, keys);
}

static void ui_trivia_quit_box(struct ui *ui)
{
	const struct trivia_game *g = ui_tv(ui)->g;
	struct ui_doc d = ui_draw_box(ui, 8, 58, g && g->role == TRIVIA_GAME_PLAYER ?
				      "Leave the game?" : "End the game?");

	ui_doc_skip(&d, 1);
	ui_doc_para(ui, &d, 0, A_NORMAL, g && g->role == TRIVIA_GAME_PLAYER ?
		    "The game goes on without you; rejoin with the same --name." :
		    "Every answer so far is saved; the ranking so far stands.");
	ui_doc_skip(&d, 1);
	ui_doc_para(ui, &d, 0, ui->style[UI_ST_KEY], "y or Enter: yes \u00b7 n or Esc: no");
}

static void ui_trivia_round_draw(struct ui *ui, const char *where)
{
	char right[32], title[96];

	ui_trivia_clock_bar(ui, right, sizeof right);
	snprintf(title, sizeof title, "Trivia host \u00b7 %s", where);
	ui_draw_header(ui, title, right);
	ui_doc_show(ui, 3, LINES - 1, ui_trivia_round_fill);
	ui_trivia_status(ui, "c close the round now \u00b7 r remove a player \u00b7 ? help \u00b7 "
		     "q quit");
}

static void ui_trivia_wait_draw(struct ui *ui, const char *where)
{
	const struct trivia_game *g = ui_tv(ui)->g;
	char right[48], title[96];

	snprintf(title, sizeof title, "Trivia \u00b7 game %s \u00b7 %s", g->game.code,
		 g->my_name);
	snprintf(right, sizeof right, "%s", where);
	/* answered: the round's time left stays on screen */
	if (ui_trivia_seconds_left(ui, NULL) >= 0)
		ui_trivia_clock_bar(ui, right, sizeof right);
	ui_trivia_doc_view(ui, title, right, ui_trivia_wait_fill,
		       "waiting for the host \u00b7 ? help \u00b7 q leave the game");
}

/* The host's "remove a player" box: the players not removed yet, a
 * window of them around the highlighted one. */
static void ui_trivia_remove_box(struct ui *ui)
{
	struct ui_trivia *t = ui_tv(ui);
	const struct trivia_game *g = t->g;
	struct ui_doc d = ui_draw_box(ui, 14, 50, "Remove a player");
	unsigned shown = 0, skip = t->remove_sel > 8 ? t->remove_sel - 8 : 0;

	ui_doc_skip(&d, 1);
	for (unsigned i = skip; i < g->n_players && shown < 9; i++) {
		const struct trivia_game_player *p = &g->players[i];

		if (p->s.removed)
			continue;
		ui_doc_paraf(ui, &d, 2, i == t->remove_sel ? ui->style[UI_ST_SEL] : A_NORMAL,
			     "%s%s", p->s.name, p->here ? "" : "  (absent)");
		shown++;
	}
	ui_doc_skip(&d, 1);
	ui_doc_para(ui, &d, 0, ui->style[UI_ST_KEY], "\u2191/\u2193 pick \u00b7 Enter remove "
		    "\u00b7 Esc cancel");
}

/* Over every screen of a player (lobby, question, answered, reveal),
 * just above the keys: how long the host has been silent, as it grows. */
static void ui_trivia_host_silent(struct ui *ui)
{
	struct ui_trivia *t = ui_tv(ui);
	char line[128];

	if (!t->g || t->g->role != TRIVIA_GAME_PLAYER)
		return;
	t->shown_silent = trivia_game_host_silent_s(t->g, trivia_game_now(t->g));
	if (!t->shown_silent)
		return;
	snprintf(line, sizeof line, "The host has not been heard from for %" PRId64
		 " seconds; the game may be over (q leaves).", t->shown_silent);
	ui_put(ui, LINES - 2, 1, COLS - 2, ui->style[UI_ST_WARN], line);
}

/* Between questions and at the end: the leaderboard, then the podium (or
 * what became of a game nobody played). */
static void ui_trivia_ranking_draw(struct ui *ui, struct ui_trivia *t)
{
	char title[96];

	if (t->view == UI_TRIVIA_BOARD) {
		snprintf(title, sizeof title, "Leaderboard after question %u of %u",
			 t->g->game.current_round, t->g->game.rounds);
		ui_trivia_doc_view(ui, title, NULL, ui_trivia_board_fill, ui_trivia_next_keys(t));
		return;
	}
	snprintf(title, sizeof title, "%s \u00b7 game %s", ui_trivia_no_podium(t) ?
		 "Trivia" : "Podium", t->g->game.code);
	ui_trivia_doc_view(ui, title, NULL,
			   ui_trivia_no_podium(t) ? ui_trivia_over_fill : ui_trivia_podium_fill,
			   "Enter or q done \u00b7 \u2191/\u2193 scroll");
}

void ui_trivia_draw(struct ui *ui)
{
	struct ui_trivia *t = ui_tv(ui);
	char where[48];

	if (!t)
		return;
	if (t->g)
		ui_trivia_where(t->g, where, sizeof where);
	switch (t->view) {
	case UI_TRIVIA_SETUP:
		ui_trivia_doc_view(ui, "rolecall \u00b7 trivia", NULL,
				   ui_trivia_setup_fill,
				   "\u2191/\u2193 Tab field \u00b7 \u2190/\u2192 change \u00b7 "
				   "Enter start \u00b7 Esc back \u00b7 F1 help");
		break;
	case UI_TRIVIA_RULES:
		ui_trivia_doc_view(ui, "Trivia \u00b7 the rules", where, ui_trivia_rules_fill,
			       "Enter first question \u00b7 ? help \u00b7 q quit");
		break;
	case UI_TRIVIA_COUNTDOWN:
		ui_trivia_countdown_draw(ui);
		break;
	case UI_TRIVIA_HANDOVER:
		ui_draw_bar(ui, 1, 1, COLS - 2, t->g->game.current_round - 1, t->g->game.rounds,
			    ui->style[UI_ST_BAR]);
		ui_trivia_doc_view(ui, "Trivia", where, ui_trivia_handover_fill,
			       "Enter show the question \u00b7 ? help \u00b7 q quit");
		break;
	case UI_TRIVIA_QUESTION:
		ui_trivia_question_draw(ui);
		break;
	case UI_TRIVIA_LOBBY:
		ui_trivia_doc_view(ui, "Trivia host \u00b7 lobby", where, ui_trivia_lobby_fill,
			       "Enter start the game \u00b7 r remove a player \u00b7 ? help "
			       "\u00b7 q quit");
		break;
	case UI_TRIVIA_ROUND:
		ui_trivia_round_draw(ui, where);
		break;
	case UI_TRIVIA_WAIT:
		ui_trivia_wait_draw(ui, where);
		break;
	case UI_TRIVIA_REVEAL:
		ui_trivia_doc_view(ui, "Answers", where, ui_trivia_reveal_fill,
				   ui_trivia_next_keys(t));
		break;
	case UI_TRIVIA_BOARD:
	case UI_TRIVIA_PODIUM:
		ui_trivia_ranking_draw(ui, t);
		break;
	}
	ui_trivia_host_silent(ui);
	if (t->ask_remove)
		ui_trivia_remove_box(ui);
	if (t->ask_quit)
		ui_trivia_quit_box(ui);
}

static enum ui_action ui_trivia_quit_key(struct ui *ui, const struct ui_key *k)
{
	struct ui_trivia *t = ui_tv(ui);

	if (k->cmd == UI_CMD_ENTER || (!k->fn && (k->ch == L'y' || k->ch == L'Y'))) {
		t->move = UI_TRIVIA_MOVE_QUIT;
		return UI_ACT_TRIVIA_MOVE;
	}
	if (k->cmd == UI_CMD_BACK || k->cmd == UI_CMD_QUIT ||
	    (!k->fn && (k->ch == L'n' || k->ch == L'N'))) {
		t->ask_quit = 0;
		return UI_ACT_REDRAW;
	}
	return UI_ACT_NONE;
}

/* The next player not removed from `from` on, stepping by step (+1, -1);
 * from itself when there is none. */
static unsigned ui_trivia_next_player(const struct trivia_game *g, unsigned from, int step)
{
	for (unsigned i = 1; i <= g->n_players; i++) {
		unsigned k = step > 0 ? (from + i) % g->n_players :
			     (from + g->n_players - i) % g->n_players;

		if (!g->players[k].s.removed)
			return k;
	}
	return from;
}

static enum ui_action ui_trivia_remove_key(struct ui *ui, const struct ui_key *k)
{
	struct ui_trivia *t = ui_tv(ui);

	switch (k->cmd) {
	case UI_CMD_UP:
		t->remove_sel = ui_trivia_next_player(t->g, t->remove_sel, -1);
		return UI_ACT_REDRAW;
	case UI_CMD_DOWN:
		t->remove_sel = ui_trivia_next_player(t->g, t->remove_sel, 1);
		return UI_ACT_REDRAW;
	case UI_CMD_ENTER:
		t->move = UI_TRIVIA_MOVE_REMOVE;
		return UI_ACT_TRIVIA_MOVE;
	case UI_CMD_BACK:
	case UI_CMD_QUIT:
		t->ask_remove = 0;
		return UI_ACT_REDRAW;
	default:
		return UI_ACT_NONE;
	}
}

/* The host's keys in a shared game: r opens the "remove a player" box
 * (when there is one to remove), c closes an open round. */
static enum ui_action ui_trivia_host_key(struct ui *ui, const struct ui_key *k)
{
	struct ui_trivia *t = ui_tv(ui);
	const struct trivia_game *g = t->g;

	if (!g || k->fn || g->role != TRIVIA_GAME_HOST || t->view == UI_TRIVIA_PODIUM)
		return UI_ACT_NONE;
	if ((k->ch == L'c' || k->ch == L'C') && t->view == UI_TRIVIA_ROUND) {
		t->move = UI_TRIVIA_MOVE_CLOSE;
		return UI_ACT_TRIVIA_MOVE;
	}
	if ((k->ch == L'r' || k->ch == L'R') && g->n_players) {
		t->remove_sel = g->n_players - 1;
		t->remove_sel = ui_trivia_next_player(g, t->remove_sel, 1);
		if (g->players[t->remove_sel].s.removed)
			return UI_ACT_NONE; /* all removed already */
		t->ask_remove = 1;
		return UI_ACT_REDRAW;
	}
	return UI_ACT_NONE;
}

/* Keys every game view shares: help, scrolling, asking to quit. */
static enum ui_action ui_trivia_common_key(struct ui *ui, const struct ui_key *k)
{
	struct ui_trivia *t = ui_tv(ui);

	if (k->cmd == UI_CMD_HELP)
		return UI_ACT_HELP;
	if (k->cmd == UI_CMD_QUIT || k->cmd == UI_CMD_BACK) {
		t->ask_quit = 1;
		return UI_ACT_REDRAW;
	}
	return ui_doc_scroll_key(ui, k) ? UI_ACT_REDRAW : UI_ACT_NONE;
}

enum ui_action ui_trivia_key(struct ui *ui, const struct ui_key *k)
{
	struct ui_trivia *t = ui_tv(ui);
	enum ui_action act;

	if (!t)
		return UI_ACT_MENU;
	if (t->ask_quit)
		return ui_trivia_quit_key(ui, k);
	if (t->ask_remove)
		return ui_trivia_remove_key(ui, k);
	if ((act = ui_trivia_host_key(ui, k)) != UI_ACT_NONE)
		return act;
	switch (t->view) {
	case UI_TRIVIA_SETUP:
		return ui_trivia_setup_key(ui, k);
	case UI_TRIVIA_PODIUM:
		if (k->cmd == UI_CMD_ENTER || k->cmd == UI_CMD_QUIT || k->cmd == UI_CMD_BACK)
			return UI_ACT_MENU;
		return ui_doc_scroll_key(ui, k) ? UI_ACT_REDRAW : UI_ACT_NONE;
	case UI_TRIVIA_QUESTION:
		if (k->cmd != UI_CMD_QUIT && k->cmd != UI_CMD_BACK && k->cmd != UI_CMD_HELP)
			return ui_trivia_question_key(ui, k);
		break;
	case UI_TRIVIA_HANDOVER:
		if (k->cmd == UI_CMD_ENTER) {
			t->move = UI_TRIVIA_MOVE_SHOW;
			return UI_ACT_TRIVIA_MOVE;
		}
		break;
	case UI_TRIVIA_RULES:
	case UI_TRIVIA_LOBBY:
	case UI_TRIVIA_REVEAL:
	case UI_TRIVIA_BOARD:
		if (k->cmd == UI_CMD_ENTER && t->g->role != TRIVIA_GAME_PLAYER) {
			t->move = UI_TRIVIA_MOVE_NEXT;
			return UI_ACT_TRIVIA_MOVE;
		}
		break;
	case UI_TRIVIA_COUNTDOWN:
	case UI_TRIVIA_ROUND:
	case UI_TRIVIA_WAIT:
		break;
	}
	return ui_trivia_common_key(ui, k);
}
