/*
 * The UI's side of a trivia game: the only UI code that calls the game
 * (trivia_game.h), so the only one that reaches the store.  Every move is
 * saved before the view changes; the clock (ui_trivia_tick) times out hot
 * seat questions, follows a shared game by polling it, and redraws the
 * countdown only when its seconds change.
 */
#include "ui_trivia.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct ui_trivia *ui_trivia_new(struct ui *ui)
{
	ui_trivia_end(ui);
	ui->trivia = calloc(1, sizeof *ui->trivia);
	if (!ui->trivia)
		snprintf(ui->error, sizeof ui->error, "out of memory");
	return ui->trivia;
}

static int ui_trivia_fail(struct ui *ui, const struct rc_error *err)
{
	snprintf(ui->error, sizeof ui->error, "%s", err->msg);
	return -1;
}

static void ui_trivia_view(struct ui *ui, enum ui_trivia_view view)
{
	/* a message is about the view it was set for */
	if (view != ui->trivia->view && view != UI_TRIVIA_WAIT && view != UI_TRIVIA_HANDOVER &&
	    !ui->trivia->left)
		ui->trivia->message[0] = '\0';
	ui->trivia->view = view;
	ui->scroll = 0;
	ui->dirty = 1;
}

/* ---- starting ---- */

/* The hot seat's first turn of a round. */
static int ui_trivia_round(struct ui *ui)
{
	struct ui_trivia *t = ui->trivia;
	struct rc_error err;

	if (trivia_game_start_round(t->g, &err) < 0)
		return ui_trivia_fail(ui, &err);
	t->turn = 0;
	ui_trivia_view(ui, UI_TRIVIA_HANDOVER);
	return 0;
}

static int ui_trivia_hotseat(struct ui *ui, const struct trivia_game_config *cfg)
{
	struct trivia_game_env env;
	struct rc_error err;

	if (trivia_setup_env(ui->app, 0, &env, &err) < 0 ||
	    trivia_game_new_hotseat(&env, cfg, &ui->trivia->g, &err) < 0)
		return ui_trivia_fail(ui, &err);
	/* what scores, before the first question */
	ui_trivia_view(ui, UI_TRIVIA_RULES);
	return 0;
}

static int ui_trivia_host(struct ui *ui, const struct trivia_game_config *cfg)
{
	struct trivia_game_env env;
	struct rc_error err;

	if (trivia_setup_env(ui->app, 1, &env, &err) < 0 ||
	    trivia_game_new_host(&env, cfg, &ui->trivia->g, &err) < 0)
		return ui_trivia_fail(ui, &err);
	ui_trivia_view(ui, UI_TRIVIA_LOBBY);
	return 0;
}

static void ui_trivia_follow(struct ui *ui);

static int ui_trivia_join(struct ui *ui)
{
	struct ui_trivia *t = ui->trivia;
	const struct options *cli = ui->cli;
	char code[STORE_TRIVIA_CODE_MAX + 1];
	struct trivia_game_env env;
	struct rc_error err;

	if (cli->n_args < 2 || trivia_game_parse_code(cli->args[1], code, &err) < 0 ||
	    trivia_setup_env(ui->app, 1, &env, &err) < 0 ||
	    trivia_game_join(&env, code, cli->name ? cli->name : ui->app->user, &t->g,
		       &err) < 0)
		return ui_trivia_fail(ui, &err);
	t->polled_ms = app_ms();
	ui_trivia_view(ui, UI_TRIVIA_WAIT);
	ui_trivia_follow(ui);
	return 0;
}

int ui_trivia_open(struct ui *ui)
{
	const struct options *cli = ui->cli;
	struct trivia_setup ts;
	struct rc_error err;
	int rc;

	ui->screen = UI_SCR_TRIVIA;
	if (!ui_trivia_new(ui))
		return -1;
	if (cli->n_args && !strcmp(cli->args[0], "join"))
		return ui_trivia_join(ui);
	if (trivia_setup_from_cli(cli, &ts, &err) < 0)
		return ui_trivia_fail(ui, &err);
	rc = cli->n_args ? ui_trivia_host(ui, &ts.cfg) : ui_trivia_hotseat(ui, &ts.cfg);
	trivia_setup_free(&ts);
	return rc;
}

int ui_trivia_setup(struct ui *ui)
{
	struct ui_trivia *t = ui_trivia_new(ui);

	if (!t)
		return -1;
	ui->screen = UI_SCR_TRIVIA;
	snprintf(t->rounds, sizeof t->rounds, "%d", TRIVIA_GAME_DEFAULT_ROUNDS);
	snprintf(t->seconds, sizeof t->seconds, "%d", TRIVIA_GAME_DEFAULT_SECONDS);
	ui_trivia_view(ui, UI_TRIVIA_SETUP);
	return 0;
}

/* A number typed in the form, lo to hi; 0 when it is one. */
static int ui_trivia_number(const char *s, unsigned lo, unsigned hi, unsigned *v)
{
	char *end;
	unsigned long n = strtoul(s, &end, 10);

	if (!*s || *end || n < lo || n > hi)
		return -1;
	*v = (unsigned)n;
	return 0;
}

/* The form's numbers and banks into cfg, or why not in t->message (-1). */
static int ui_trivia_form(struct ui *ui, struct trivia_game_config *cfg)
{
	struct ui_trivia *t = ui->trivia;
	const char *why = NULL;
	size_t have = 0;

	if (ui_trivia_number(t->rounds, 1, TRIVIA_GAME_MAX_ROUNDS, &cfg->rounds) < 0)
		why = "Questions: a whole number from 1 to "
		      UI_TRIVIA_STR(TRIVIA_GAME_MAX_ROUNDS) ".";
	else if (ui_trivia_number(t->seconds, 1, TRIVIA_GAME_MAX_SECONDS, &cfg->seconds) < 0)
		why = "Seconds: a whole number from 1 to "
		      UI_TRIVIA_STR(TRIVIA_GAME_MAX_SECONDS) ".";
	if (why) {
		snprintf(t->message, sizeof t->message, "%s", why);
		return -1;
	}
	cfg->banks = (const struct bank *const *)ui->app->banks + (t->bank ? t->bank - 1 : 0);
	cfg->n_banks = t->bank ? 1 : ui->app->n_banks;
	for (size_t i = 0; i < cfg->n_banks; i++)
		have += cfg->banks[i]->n_questions;
	if (have >= cfg->rounds)
		return 0;
	snprintf(t->message, sizeof t->message, "The chosen banks have %zu questions: ask "
		 "at most that many.", have);
	return -1;
}

/* Setup's Enter: the game the form describes, with the command line's
 * rules (points, speed, streaks, countdown). */
static int ui_trivia_create(struct ui *ui)
{
	struct ui_trivia *t = ui->trivia;
	struct trivia_setup ts;
	struct rc_error err;
	char **names = NULL;
	unsigned n = 0;
	int rc;

	if (trivia_setup_from_cli(ui->cli, &ts, &err) < 0)
		return ui_trivia_fail(ui, &err);
	t->message[0] = '\0';
	/* a host needs no names: players join with the code */
	if (ui_trivia_form(ui, &ts.cfg) == 0 && !t->host &&
	    trivia_game_parse_names(t->input, "players", &names, &n, &err) < 0)
		snprintf(t->message, sizeof t->message, "%s", err.msg);
	if (t->message[0]) {
		trivia_setup_free(&ts);
		return 0;
	}
	ts.cfg.names = (const char *const *)names;
	ts.cfg.n_names = n;
	ts.cfg.teams = 0;
	rc = t->host ? ui_trivia_host(ui, &ts.cfg) : ui_trivia_hotseat(ui, &ts.cfg);
	free(names);
	trivia_setup_free(&ts);
	return rc;
}

/* ---- moves ---- */

/* An answer (or time out): a joined player's waits for the others; the
 * hot seat's goes to the next turn, or to the reveal once everyone has
 * had theirs. */
static int ui_trivia_answer(struct ui *ui, int position)
{
	struct ui_trivia *t = ui->trivia;
	int64_t elapsed = t->shown_ms ? app_ms() - t->shown_ms : 0;
	struct rc_error err;
	int rc;

	if (t->g->role == TRIVIA_GAME_PLAYER) {
		if ((rc = trivia_game_answer(t->g, (unsigned)t->g->me, position, 0, &err)) < 0)
			return ui_trivia_fail(ui, &err);
		snprintf(t->message, sizeof t->message, "%s", rc ? "Too late: the round "
			 "is closed." : "Your answer is saved.");
		ui_trivia_view(ui, UI_TRIVIA_WAIT);
		return 0;
	}
	if (trivia_game_answer(t->g, t->turn, position, elapsed, &err) < 0)
		return ui_trivia_fail(ui, &err);
	snprintf(t->message, sizeof t->message, position < 0 ? "Time ran out for %s." :
		 "%s's answer is saved.", t->g->players[t->turn].s.name);
	t->shown_ms = 0;
	if (++t->turn < t->g->n_players) {
		ui_trivia_view(ui, UI_TRIVIA_HANDOVER);
		return 0;
	}
	if (trivia_game_close_round(t->g, &err) < 0)
		return ui_trivia_fail(ui, &err);
	t->message[0] = '\0';
	ui_trivia_view(ui, UI_TRIVIA_REVEAL);
	return 0;
}

/* Host and hot seat: rules or lobby -> first question, reveal -> board,
 * board -> next question or podium. */
static int ui_trivia_next(struct ui *ui)
{
	struct ui_trivia *t = ui->trivia;
	struct rc_error err;
	unsigned answered;

	switch (t->view) {
	case UI_TRIVIA_RULES:
		break;
	case UI_TRIVIA_LOBBY:
		if (!trivia_game_present(t->g, &answered)) {
			snprintf(t->message, sizeof t->message, "Nobody has joined yet.");
			return 0;
		}
		break;
	case UI_TRIVIA_REVEAL:
		if (trivia_game_show_board(t->g, &err) < 0)
			return ui_trivia_fail(ui, &err);
		ui_trivia_view(ui, UI_TRIVIA_BOARD);
		return 0;
	case UI_TRIVIA_BOARD:
		if (!trivia_game_last_round(t->g))
			break;
		if (trivia_game_finish(t->g, &err) < 0)
			return ui_trivia_fail(ui, &err);
		ui_trivia_view(ui, UI_TRIVIA_PODIUM);
		return 0;
	default:
		return 0;
	}
	t->message[0] = '\0';
	if (t->g->role == TRIVIA_GAME_HOTSEAT)
		return ui_trivia_round(ui);
	if (trivia_game_start_round(t->g, &err) < 0)
		return ui_trivia_fail(ui, &err);
	ui_trivia_view(ui, trivia_game_ms_to_start(t->g,
						   trivia_game_now(t->g)) ? UI_TRIVIA_COUNTDOWN :
		   UI_TRIVIA_ROUND);
	return 0;
}

static int ui_trivia_quit(struct ui *ui)
{
	struct ui_trivia *t = ui->trivia;
	struct rc_error err;

	t->ask_quit = 0;
	if (!t->g) /* setup: nothing started */
		return 0;
	if (t->g->role == TRIVIA_GAME_PLAYER) {
		if (trivia_game_leave(t->g, &err) < 0)
			return ui_trivia_fail(ui, &err);
		t->left = 1;
		snprintf(t->message, sizeof t->message, "You left game %s; rejoin it with "
			 "the same --name.", t->g->game.code);
	} else if (trivia_game_abandon(t->g, &err) < 0) {
		return ui_trivia_fail(ui, &err);
	}
	ui_trivia_view(ui, UI_TRIVIA_PODIUM);
	return 0;
}

/* The host's close: whoever has not answered gets no answer. */
static int ui_trivia_close(struct ui *ui)
{
	struct ui_trivia *t = ui->trivia;
	struct rc_error err;

	if (t->view != UI_TRIVIA_ROUND)
		return 0;
	if (trivia_game_close_round(t->g, &err) < 0)
		return ui_trivia_fail(ui, &err);
	ui_trivia_view(ui, UI_TRIVIA_REVEAL);
	snprintf(t->message, sizeof t->message, "You closed the round early.");
	return 0;
}

static int ui_trivia_remove(struct ui *ui)
{
	struct ui_trivia *t = ui->trivia;
	struct rc_error err;
	unsigned who = t->remove_sel;

	t->ask_remove = 0;
	ui->dirty = 1;
	if (who >= t->g->n_players || t->g->players[who].s.removed)
		return 0;
	/* the roster marks it "(removed)" and the rankings leave it out */
	return trivia_game_remove(t->g, who, &err) < 0 ? ui_trivia_fail(ui, &err) : 0;
}

int ui_trivia_act(struct ui *ui)
{
	struct ui_trivia *t = ui->trivia;
	enum ui_trivia_move move;

	if (!t)
		return 0;
	move = t->move;
	t->move = UI_TRIVIA_MOVE_NONE;
	switch (move) {
	case UI_TRIVIA_MOVE_NONE: return 0;
	case UI_TRIVIA_MOVE_CREATE: return ui_trivia_create(ui);
	case UI_TRIVIA_MOVE_SHOW:
		t->sel = 0;
		t->shown_ms = 0; /* the clock starts when the question is drawn */
		t->ready_ms = app_ms() + t->g->countdown_ms;
		ui_trivia_view(ui, t->g->countdown_ms ? UI_TRIVIA_COUNTDOWN : UI_TRIVIA_QUESTION);
		return 0;
	case UI_TRIVIA_MOVE_ANSWER: return ui_trivia_answer(ui, t->sel);
	case UI_TRIVIA_MOVE_NEXT: return ui_trivia_next(ui);
	case UI_TRIVIA_MOVE_QUIT: return ui_trivia_quit(ui);
	case UI_TRIVIA_MOVE_CLOSE: return ui_trivia_close(ui);
	case UI_TRIVIA_MOVE_REMOVE: return ui_trivia_remove(ui);
	}
	return 0;
}

/* ---- the clock and the shared game ---- */

/* A player who answered still sees the round's clock run for the others. */
static int ui_trivia_wait_clock(const struct ui_trivia *t)
{
	return t->view == UI_TRIVIA_WAIT && t->g->role == TRIVIA_GAME_PLAYER && !t->left &&
	       t->g->game.status == STORE_TRIVIA_RUNNING &&
	       t->g->game.phase == STORE_TRIVIA_QUESTION &&
	       t->round == t->g->game.current_round &&
	       !trivia_game_ms_to_start(t->g, trivia_game_now(t->g));
}

int64_t ui_trivia_countdown_ms(const struct ui *ui)
{
	const struct ui_trivia *t = ui->trivia;
	int64_t ms;

	if (!t || !t->g || t->view != UI_TRIVIA_COUNTDOWN)
		return 0;
	ms = t->g->role == TRIVIA_GAME_HOTSEAT ? t->ready_ms - app_ms() :
	     trivia_game_ms_to_start(t->g, trivia_game_now(t->g));
	return ms > 0 ? ms : 0;
}

int64_t ui_trivia_seconds_left(const struct ui *ui, int64_t *ms_left)
{
	const struct ui_trivia *t = ui->trivia;
	int64_t ms;

	if (!t || !t->g || (t->view != UI_TRIVIA_QUESTION && t->view != UI_TRIVIA_ROUND &&
			    !ui_trivia_wait_clock(t)))
		return -1;
	if (t->g->role == TRIVIA_GAME_HOTSEAT)
		ms = t->shown_ms ? t->shown_ms + t->g->rules.limit_ms - app_ms() :
				   t->g->rules.limit_ms;
	else
		ms = trivia_game_ms_left(t->g, trivia_game_now(t->g));
	if (ms < 0)
		ms = 0;
	if (ms_left)
		*ms_left = ms;
	return (ms + 999) / 1000;
}

/* A player's view follows the host's phase. */
static void ui_trivia_follow(struct ui *ui)
{
	struct ui_trivia *t = ui->trivia;
	const struct store_trivia_game *s = &t->g->game;
	int answered = t->g->me >= 0 && t->g->players[t->g->me].s.answered;

	if (t->left)
		return;
	if (trivia_game_removed(t->g)) {
		/* out of the game: no podium of it, no heartbeat, no rejoin */
		t->left = 1;
		ui->help = 0;
		t->ask_quit = 0;
		snprintf(t->message, sizeof t->message, "The host removed you from game %s.",
			 s->code);
		ui_trivia_view(ui, UI_TRIVIA_PODIUM);
		return;
	}
	if (s->status >= STORE_TRIVIA_DONE) {
		if (t->view != UI_TRIVIA_PODIUM)
			ui_trivia_view(ui, UI_TRIVIA_PODIUM);
		return;
	}
	switch (s->phase) {
	case STORE_TRIVIA_QUESTION:
		if (t->round == s->current_round)
			return; /* this round's question was shown already */
		t->round = s->current_round;
		t->sel = 0;
		t->message[0] = '\0';
		ui_trivia_view(ui, answered ? UI_TRIVIA_WAIT :
			   trivia_game_ms_to_start(t->g,
						   trivia_game_now(t->g)) ? UI_TRIVIA_COUNTDOWN :
			   UI_TRIVIA_QUESTION);
		return;
	case STORE_TRIVIA_REVEAL:
		if (t->view != UI_TRIVIA_REVEAL)
			ui_trivia_view(ui, UI_TRIVIA_REVEAL);
		return;
	case STORE_TRIVIA_BOARD:
		if (t->view != UI_TRIVIA_BOARD)
			ui_trivia_view(ui, UI_TRIVIA_BOARD);
		return;
	case STORE_TRIVIA_WAIT:
	case STORE_TRIVIA_PODIUM:
		return;
	}
}

/* Shared games: read the game again when a change was announced, else
 * every trivia_game_poll_ms. */
static int ui_trivia_poll(struct ui *ui)
{
	struct ui_trivia *t = ui->trivia;
	enum ui_trivia_view before = t->view;
	struct rc_error err;
	int changed;

	if (!t->woken && app_ms() - t->polled_ms < trivia_game_poll_ms(t->g))
		return 0;
	t->woken = 0;
	t->polled_ms = app_ms();
	if ((changed = trivia_game_poll(t->g, &err)) < 0)
		return ui_trivia_fail(ui, &err);
	if (changed || (t->g->role == TRIVIA_GAME_PLAYER &&
			trivia_game_host_silent_s(t->g, trivia_game_now(t->g)) != t->shown_silent))
		ui->dirty = 1;
	if (t->g->role == TRIVIA_GAME_PLAYER)
		ui_trivia_follow(ui);
	return t->view != before;
}

/* The host closes a round once everyone present answered or time ran out. */
static int ui_trivia_host_tick(struct ui *ui)
{
	struct ui_trivia *t = ui->trivia;
	struct rc_error err;

	if (t->view != UI_TRIVIA_ROUND || !trivia_game_round_over(t->g, trivia_game_now(t->g)))
		return 0;
	if (trivia_game_close_round(t->g, &err) < 0)
		return ui_trivia_fail(ui, &err);
	ui_trivia_view(ui, UI_TRIVIA_REVEAL);
	return 1;
}

/* The 3-2-1 ends in the question (the host's round); redrawn as each
 * second comes. */
static int ui_trivia_countdown(struct ui *ui)
{
	struct ui_trivia *t = ui->trivia;
	int64_t ms = ui_trivia_countdown_ms(ui);

	if (t->view != UI_TRIVIA_COUNTDOWN)
		return 0;
	if (ms > 0) {
		if ((ms + 999) / 1000 != t->shown_secs)
			ui->dirty = 1;
		return 0;
	}
	ui->help = 0;
	t->ask_quit = 0;
	ui_trivia_view(ui, t->g->role == TRIVIA_GAME_HOST ? UI_TRIVIA_ROUND : UI_TRIVIA_QUESTION);
	return 1;
}

static int ui_trivia_clock(struct ui *ui)
{
	struct ui_trivia *t = ui->trivia;
	int64_t ms, secs = ui_trivia_seconds_left(ui, &ms);

	if (secs < 0)
		return 0;
	if (t->view == UI_TRIVIA_QUESTION && ms == 0 &&
	    (t->shown_ms || t->g->role == TRIVIA_GAME_PLAYER)) {
		/* Whatever was open over the question closes: time is up. */
		ui->help = 0;
		t->ask_quit = 0;
		if (t->g->role == TRIVIA_GAME_PLAYER) {
			snprintf(t->message, sizeof t->message, "Time is up.");
			ui_trivia_view(ui, UI_TRIVIA_WAIT);
			return 1;
		}
		return ui_trivia_answer(ui, -1) < 0 ? -1 : 1;
	}
	if (secs != t->shown_secs)
		ui->dirty = 1;
	return 0;
}

int ui_trivia_tick(struct ui *ui)
{
	struct ui_trivia *t = ui->trivia;
	int r = 0;

	/* a player who left sends no heartbeat: it would bring it back */
	if (!t || !t->g || ui->screen != UI_SCR_TRIVIA || t->left)
		return 0;
	if (t->g->role != TRIVIA_GAME_HOTSEAT && (r = ui_trivia_poll(ui)) < 0)
		return -1;
	if (r == 0)
		r = ui_trivia_countdown(ui);
	if (r == 0 && t->g->role == TRIVIA_GAME_HOST)
		r = ui_trivia_host_tick(ui);
	if (r == 0)
		r = ui_trivia_clock(ui);
	return r;
}

/* Milliseconds until the number on screen (the 3-2-1 or the clock's
 * seconds) changes; -1 when none is running. */
static int64_t ui_trivia_next_change(const struct ui *ui)
{
	const struct ui_trivia *t = ui->trivia;
	int64_t ms;

	if (t->view == UI_TRIVIA_COUNTDOWN)
		ms = ui_trivia_countdown_ms(ui);
	else if (ui_trivia_seconds_left(ui, &ms) < 0 ||
		 (t->g->role == TRIVIA_GAME_HOTSEAT && !t->shown_ms))
		return -1;
	return ms <= 0 ? 0 : (ms - 1) % 1000 + 1;
}

static int ui_trivia_sooner(int wait, int64_t ms)
{
	return ms >= 0 && (wait < 0 || ms < wait) ? (int)ms : wait;
}

int ui_trivia_wait_ms(const struct ui *ui, int idle_ms)
{
	const struct ui_trivia *t = ui->trivia;
	int wait = idle_ms;

	if (!t || !t->g || ui->screen != UI_SCR_TRIVIA || t->left)
		return idle_ms;
	if (t->g->role != TRIVIA_GAME_HOTSEAT && t->g->game.status < STORE_TRIVIA_DONE)
		wait = ui_trivia_sooner(wait, trivia_game_poll_ms(t->g));
	/* until the number shown changes: a countdown never skips one */
	return ui_trivia_sooner(wait, ui_trivia_next_change(ui));
}

int ui_trivia_wake_fd(const struct ui *ui)
{
	const struct ui_trivia *t = ui->trivia;

	if (!t || !t->g || ui->screen != UI_SCR_TRIVIA || t->left ||
	    t->g->game.status >= STORE_TRIVIA_DONE)
		return -1;
	return trivia_game_wake_fd(t->g);
}

void ui_trivia_woken(struct ui *ui)
{
	if (ui->trivia)
		ui->trivia->woken = 1;
}

void ui_trivia_end(struct ui *ui)
{
	struct ui_trivia *t = ui->trivia;
	struct rc_error err;

	if (!t)
		return;
	/* Leaving mid-game is quitting it; a store error now has nobody left
	 * to tell but the next game, which will see the game as it is. */
	if (t->g && t->g->role == TRIVIA_GAME_PLAYER && !t->left)
		(void)trivia_game_leave(t->g, &err);
	else if (t->g && t->g->role != TRIVIA_GAME_PLAYER)
		(void)trivia_game_abandon(t->g, &err);
	trivia_game_free(t->g);
	free(t);
	ui->trivia = NULL;
}
