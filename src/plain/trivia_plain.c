/*
 * Trivia in line mode: the hot seat, the host and the player.  The game
 * moves are trivia_game.c's; this file only prints and reads.  The output
 * is meant to be read by people and by scripts alike:
 *
 *   [Q 2/5] Ana: Bank title        a question (hot seat: whose turn)
 *   -- Answers to question 2 of 5 --
 *     Ana: right, 912 points (1.7 s)
 *   -- Leaderboard after question 2 of 5 --
 *   == Podium ==
 */
#include "trivia_plain.h"

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "line_in.h"
#include "rolecall/emit.h"
#include "rolecall/input.h"

#define TP_LINE 256

/* What tp_line returns besides the LINE_* results: the idle callback
 * asked to stop waiting. */
enum { TP_STOP = 3 };

/* How a turn or a wait ended. */
enum tp_end { TP_ON, TP_QUIT, TP_FAIL };

struct tplain {
	struct tgame *g;
	struct line_in in;
	FILE *out;
	int echo;              /* input is not a terminal: echo it */
	int tty;               /* a person at a terminal: wait for Enter */
	unsigned known;        /* players announced so far (host) */
	int was_here[STORE_TRIVIA_MAX_PLAYERS];
	unsigned answered;     /* answers announced this round (host) */
	int64_t host_said_s;   /* player: the host's silence last said, in seconds */
	int64_t host_said_at;  /* ... and the heartbeat it was counted from */
	unsigned revealed;     /* player: the last round whose answers it showed */
	unsigned seen_round;   /* player: the round, phase and status shown */
	enum store_trivia_phase seen_phase;
	enum store_trivia_status seen_status;
};

static int tp_fail(const char *msg)
{
	fflush(stdout);
	app_fail("%s", msg);
	return -1;
}

/* ---- printing ---- */

static void tp_seconds(char *buf, size_t len, int64_t ms)
{
	/* by hand: printf's %f follows the locale's decimal point */
	if (ms < 0)
		ms = 0;
	snprintf(buf, len, "%" PRId64 ".%" PRId64 " s", ms / 1000, ms % 1000 / 100);
}

static int tp_name_width(const struct tgame *g)
{
	int w = 4;

	/* columns, not bytes: "José" and "王芳" line up with "Ana" */
	for (unsigned i = 0; i < g->n_players; i++)
		if (emit_width(g->players[i].s.name) > w)
			w = emit_width(g->players[i].s.name);
	return w;
}

/* What scores, before the first question: the same sentences as the UI's. */
static void tp_rules(const struct tplain *p)
{
	char line[256];

	fputs("Rules:\n", p->out);
	for (unsigned i = 0; trivia_rules_text(&p->g->rules, i, line, sizeof line); i++)
		fprintf(p->out, "  %s\n", line);
}

static void tp_intro(const struct tplain *p)
{
	const struct tgame *g = p->g;

	fprintf(p->out, "Trivia game %s: %u question%s, %" PRId64 " seconds each.\n",
		g->game.code, g->game.rounds, g->game.rounds == 1 ? "" : "s",
		g->rules.limit_ms / 1000);
	if (g->role == TGAME_HOTSEAT) {
		fputs(g->game.teams ? "Teams:" : "Players:", p->out);
		for (unsigned i = 0; i < g->n_players; i++) {
			fputs(i ? ", " : " ", p->out);
			emit_text(p->out, g->players[i].s.name);
		}
		fputc('\n', p->out);
	}
	tp_rules(p);
}

static void tp_question(const struct tplain *p, const char *who)
{
	const struct tgame *g = p->g;
	const struct tgame_question *tq = tgame_question(g);

	fprintf(p->out, "\n[Q %u/%u] %s%s%s\n%s\n", g->game.current_round, g->game.rounds,
		who ? who : "", who ? ": " : "", tq->q->bank->title, tq->q->prompt);
	for (unsigned i = 0; i < tq->n_options; i++)
		fprintf(p->out, "  %u) %s\n", i + 1, tq->q->choices[tq->order[i]].text);
}

static void tp_player_result(const struct tplain *p, const struct tgame_player *pl,
			     const struct tgame_question *tq)
{
	const struct store_trivia_player *s = &pl->s;
	int bonus = s->correct ? trivia_streak_bonus(&p->g->rules, s->streak) : 0;
	char t[32];

	tp_seconds(t, sizeof t, s->elapsed_ms);
	/* names come from the store, written by other processes */
	fputs("  ", p->out);
	emit_text(p->out, s->name);
	if (s->picked < 0)
		fprintf(p->out, ": %s, 0 points\n", s->removed ? "removed" : s->absent ?
			"absent" : "no answer");
	else if (s->correct && bonus)
		fprintf(p->out, ": right, %d points (%s; streak of %u: +%d)\n", s->points, t,
			s->streak, bonus);
	else if (s->correct)
		fprintf(p->out, ": right, %d points (%s)\n", s->points, t);
	else
		fprintf(p->out, ": wrong (%d) %s), 0 points (%s)\n", s->picked + 1,
			tq->q->choices[tq->order[s->picked]].text, t);
}

static void tp_reveal(const struct tplain *p)
{
	const struct tgame *g = p->g;
	const struct tgame_question *tq = tgame_question(g);

	fprintf(p->out, "\n-- Answers to question %u of %u --\nThe answer: %u) %s\nWhy: %s\n",
		g->game.current_round, g->game.rounds, tq->right + 1,
		tq->q->choices[tq->q->correct].text, tq->q->explain);
	for (unsigned i = 0; i < g->n_players; i++)
		tp_player_result(p, &g->players[i], tq);
}

static void tp_standings(const struct tplain *p, int full)
{
	struct trivia_player rank[STORE_TRIVIA_MAX_PLAYERS];
	unsigned n = tgame_ranking(p->g, rank);
	int w = tp_name_width(p->g);
	char t[32];

	for (unsigned i = 0; i < n; i++) {
		const struct tgame_player *pl = tgame_find(p->g, rank[i].name);

		fprintf(p->out, "  %2u. ", i + 1);
		emit_cell(p->out, rank[i].name, w, 0);
		fprintf(p->out, " %6" PRId64, rank[i].score);
		tp_seconds(t, sizeof t, rank[i].time_ms);
		if (full)
			fprintf(p->out, " points, %u right, %s", rank[i].right, t);
		fputs(pl && pl->s.absent ? " (absent)\n" : "\n", p->out);
	}
}

static void tp_board(const struct tplain *p)
{
	fprintf(p->out, "\n-- Leaderboard after question %u of %u --\n",
		p->g->game.current_round, p->g->game.rounds);
	tp_standings(p, 0);
}

static void tp_podium(const struct tplain *p)
{
	static const char *const place[] = { "1st", "2nd", "3rd" };
	struct trivia_player rank[STORE_TRIVIA_MAX_PLAYERS];
	unsigned n = tgame_ranking(p->g, rank);
	int w = tp_name_width(p->g);

	/* a ranking of nothing but zeros is no podium */
	if (!p->g->played) {
		fprintf(p->out, "\n== %s ==\nGame %s is saved; 'rolecall report --trivia' "
			"lists it.\n", TGAME_NOT_PLAYED, p->g->game.code);
		return;
	}
	if (p->g->game.status == STORE_TRIVIA_ABANDONED)
		fprintf(p->out, "\n== The game was ended early, after %u of %u questions ==\n",
			p->g->played, p->g->game.rounds);
	fputs("\n== Podium ==\n", p->out);
	for (unsigned i = 0; i < n && i < 3; i++) {
		fprintf(p->out, "  %s  ", place[i]);
		emit_cell(p->out, rank[i].name, w, 0);
		fprintf(p->out, " %6" PRId64 "\n", rank[i].score);
	}
	fputs("Full ranking:\n", p->out);
	tp_standings(p, 1);
	fprintf(p->out, "%s\nGame %s is saved; 'rolecall report --trivia' lists it.\n",
		TRIVIA_TIE_RULE, p->g->game.code);
}

/* ---- reading ---- */

/* Through the terminal sanitiser, as practice echoes: a byte test lets
 * C1 controls and bidi overrides through. */
static void tp_echo(const char *line, FILE *out)
{
	emit_safe(out, line, strcspn(line, "\n"));
	putc('\n', out);
}

/*
 * A line before deadline_ms (app_ms; -1: none).  While it waits, idle is
 * called every TGAME_POLL_MS: 0 to go on waiting, 1 to stop (TP_STOP), -1
 * on an error it printed (LINE_FAIL).
 */
static int tp_line(struct tplain *p, int64_t deadline_ms, int (*idle)(struct tplain *p),
		   char *line)
{
	for (;;) {
		int64_t until = deadline_ms, now = app_ms();
		int rc, r;

		fflush(p->out);
		if (idle && (until < 0 || until > now + tgame_poll_ms(p->g)))
			until = now + tgame_poll_ms(p->g);
		/* an announced change wakes the wait at once (idle reads it) */
		line_in_wake(&p->in, idle ? tgame_wake_fd(p->g) : -1);
		rc = line_in_read(&p->in, until, line, TP_LINE);
		if (rc == LINE_WAKE || (rc == LINE_TIMEOUT && until != deadline_ms)) {
			if ((r = idle(p)) < 0)
				return LINE_FAIL;
			if (r > 0)
				return TP_STOP;
			continue;
		}
		if (rc == LINE_FAIL) {
			char msg[160];

			snprintf(msg, sizeof msg, "cannot read standard input: %s",
				 strerror(errno));
			tp_fail(msg);
		}
		if (rc == LINE_OK && p->echo)
			tp_echo(line, p->out);
		return rc;
	}
}

static int tp_host_command(struct tplain *p, const char *w);

/* A person at a terminal presses Enter to go on; q (or the end of input)
 * ends the game; a host may also remove a player.  Scripts go on at once. */
static enum tp_end tp_enter(struct tplain *p, const char *what,
			    int (*idle)(struct tplain *p))
{
	char line[TP_LINE];
	int rc, host = p->g->role == TGAME_HOST;

	if (!p->tty && p->g->role == TGAME_HOTSEAT)
		return TP_ON;
	fprintf(p->out, "%s\n", what);
	while ((rc = tp_line(p, -1, idle, line)) == LINE_OK) {
		const char *w = line + strspn(line, " \t\r");

		if (!*w)
			return TP_ON;
		if (!strcmp(w, "q") || !strcmp(w, "quit"))
			return TP_QUIT;
		if (host && (rc = tp_host_command(p, w)) != 0) {
			if (rc < 0)
				return TP_FAIL;
			continue;
		}
		fputs(host ? "Press Enter to go on, 'remove NAME' to remove a player, or q "
		      "to end the game.\n" : "Press Enter to go on, or q to end the game.\n",
		      p->out);
	}
	return rc == LINE_FAIL ? TP_FAIL : TP_QUIT;
}

static enum tp_end tp_game_error(struct rc_error *err)
{
	tp_fail(err->msg);
	return TP_FAIL;
}

/*
 * The 3-2-1 until app_ms reaches until_ms: "Get ready: 3... 2... 1...",
 * each number as its second comes.  Input is not read meanwhile (a
 * script's answers wait in the pipe for the question); idle, every
 * TGAME_POLL_MS, keeps a shared game's heartbeat and returns 1 to stop
 * (the game moved), -1 on an error it printed.
 */
static int tp_countdown(struct tplain *p, int64_t until_ms, int (*idle)(struct tplain *p))
{
	int64_t shown = -1, left;
	int r = 0;

	while (r == 0 && (left = until_ms - app_ms()) > 0) {
		int64_t secs = (left + 999) / 1000, nap = left - (secs - 1) * 1000;

		if (secs != shown) {
			fprintf(p->out, "%s%" PRId64 "...", shown < 0 ? "\nGet ready: " : " ",
				secs);
			fflush(p->out);
			shown = secs;
		}
		if (idle && nap > tgame_poll_ms(p->g))
			nap = tgame_poll_ms(p->g);
		(void)poll(NULL, 0, (int)nap);
		if (idle)
			r = idle(p);
	}
	if (shown >= 0)
		fputc('\n', p->out);
	return r;
}

/* Ask the current question until an answer, the deadline or q.  *pos is
 * the answer (-1: none), *elapsed its time from shown_ms.  With idle, a
 * shared round can close under the prompt (TP_STOP in *how). */
static enum tp_end tp_ask(struct tplain *p, int64_t shown_ms, int64_t deadline_ms,
			  int (*idle)(struct tplain *p), int *pos, int64_t *elapsed)
{
	const struct tgame_question *tq = tgame_question(p->g);
	char line[TP_LINE];

	*pos = -1;
	for (;;) {
		int rc;

		fputs("> ", p->out);
		rc = tp_line(p, deadline_ms, idle, line);
		if (rc == LINE_TIMEOUT)
			fputs("\nTime is up.\n", p->out);
		if (rc == TP_STOP || rc == LINE_TIMEOUT)
			return TP_ON;
		if (rc != LINE_OK)
			return rc == LINE_EOF ? TP_QUIT : TP_FAIL;
		switch (input_parse_answer(line, strlen(line), tq->n_options, pos)) {
		case INPUT_ANSWER:
			*elapsed = app_ms() - shown_ms;
			if (app_ms() > deadline_ms) {
				*pos = -1;
				fputs("Time is up.\n", p->out);
			}
			return TP_ON;
		case INPUT_QUIT: return TP_QUIT;
		case INPUT_EMPTY: break;
		case INPUT_HELP:
		case INPUT_INVALID:
			fprintf(p->out, "Answer with a number from 1 to %u or a letter from a to "
				"%c before the time runs out; q ends the game.\n", tq->n_options,
				'a' + tq->n_options - 1);
		}
		*pos = -1;
	}
}

/* ---- the hot seat ---- */

static enum tp_end tp_turn(struct tplain *p, unsigned who)
{
	struct tgame *g = p->g;
	const char *name = g->players[who].s.name;
	char msg[96];
	struct rc_error err;
	int64_t shown, elapsed = 0;
	enum tp_end end;
	int pos;

	snprintf(msg, sizeof msg, "\nPass the keyboard to %s - press Enter.", name);
	if ((end = tp_enter(p, msg, NULL)) != TP_ON)
		return end;
	tp_countdown(p, app_ms() + g->countdown_ms, NULL);
	tp_question(p, name);
	fprintf(p->out, "You have %" PRId64 " seconds.\n", g->rules.limit_ms / 1000);
	shown = app_ms();
	if ((end = tp_ask(p, shown, shown + g->rules.limit_ms, NULL, &pos, &elapsed)) != TP_ON)
		return end;
	if (tgame_answer(g, who, pos, elapsed, &err) < 0)
		return tp_game_error(&err);
	/* right or wrong stays hidden until everyone has answered */
	if (pos >= 0)
		fputs("Answer saved.\n", p->out);
	return TP_ON;
}

static enum tp_end tp_hotseat_round(struct tplain *p)
{
	struct tgame *g = p->g;
	struct rc_error err;
	enum tp_end end;

	if (tgame_start_round(g, &err) < 0)
		return tp_game_error(&err);
	for (unsigned who = 0; who < g->n_players; who++)
		if ((end = tp_turn(p, who)) != TP_ON)
			return end;
	if (tgame_close_round(g, &err) < 0)
		return tp_game_error(&err);
	tp_reveal(p);
	if (tgame_show_board(g, &err) < 0)
		return tp_game_error(&err);
	tp_board(p);
	return TP_ON;
}

/* The end of a game: normally after its last round, early on q. */
static int tp_end_game(struct tplain *p, enum tp_end end)
{
	struct rc_error err;

	if (end == TP_FAIL)
		return -1;
	if ((end == TP_QUIT ? tgame_abandon(p->g, &err) : tgame_finish(p->g, &err)) < 0)
		return tp_fail(err.msg);
	tp_podium(p);
	return 0;
}

static void tp_init(struct tplain *p, struct tgame *g)
{
	memset(p, 0, sizeof *p);
	p->g = g;
	p->out = stdout;
	line_in_init(&p->in, STDIN_FILENO);
	p->tty = isatty(STDIN_FILENO);
	p->echo = !p->tty;
}

int trivia_plain_hotseat(struct app *app, const struct tgame_config *cfg)
{
	struct tplain p;
	struct tgame_env env;
	struct rc_error err;
	struct tgame *g;
	enum tp_end end = TP_ON;
	int rc;

	if (trivia_setup_env(app, 0, &env, &err) < 0 ||
	    tgame_new_hotseat(&env, cfg, &g, &err) < 0)
		return tp_fail(err.msg);
	tp_init(&p, g);
	tp_intro(&p);
	while (end == TP_ON && !tgame_last_round(g)) {
		if ((end = tp_hotseat_round(&p)) == TP_ON && !tgame_last_round(g))
			end = tp_enter(&p, "Press Enter for the next question.", NULL);
	}
	rc = tp_end_game(&p, end);
	tgame_free(g);
	return rc;
}

/* ---- the host ---- */

/* Who joined, left or came back since the host last said. */
static void tp_roster_news(struct tplain *p)
{
	const struct tgame *g = p->g;

	for (unsigned i = 0; i < g->n_players; i++) {
		const struct tgame_player *pl = &g->players[i];
		const char *news = i >= p->known ? " joined.\n" :
				   pl->here && !p->was_here[i] ? " is back.\n" :
				   !pl->here && p->was_here[i] ?
				   (pl->s.removed ? " was removed.\n" : " left.\n") : NULL;

		if (news) {
			fputs(pl->here || i >= p->known ? "+ " : "- ", p->out);
			/* from the store: another process wrote it */
			emit_text(p->out, pl->s.name);
			fputs(news, p->out);
		}
		p->was_here[i] = pl->here;
	}
	p->known = g->n_players;
}

static int tp_host_poll(struct tplain *p)
{
	struct rc_error err;

	if (tgame_poll(p->g, &err) < 0) {
		tp_fail(err.msg);
		return -1;
	}
	tp_roster_news(p);
	return 0;
}

static int tp_host_lobby_idle(struct tplain *p)
{
	return tp_host_poll(p);
}

/* "remove NAME": 1 when w was that (done or said why not), 0 when it is
 * not a host's command, -1 after printing a store error. */
static int tp_host_command(struct tplain *p, const char *w)
{
	const struct tgame_player *pl;
	struct rc_error err;
	const char *name;

	if (strncmp(w, "remove ", 7))
		return 0;
	name = w + 7 + strspn(w + 7, " ");
	pl = tgame_find(p->g, name);
	if (!pl || pl->s.removed) {
		fputs(pl ? "Already removed: " : "No player is called ", p->out);
		emit_text(p->out, name);
		fputs(pl ? ".\n" : " in this game.\n", p->out);
		return 1;
	}
	if (tgame_remove(p->g, (unsigned)(pl - p->g->players), &err) < 0) {
		tp_fail(err.msg);
		return -1;
	}
	tp_roster_news(p);
	return 1;
}

static int tp_host_round_idle(struct tplain *p)
{
	unsigned answered, present;

	if (tp_host_poll(p) < 0)
		return -1;
	present = tgame_present(p->g, &answered);
	if (answered != p->answered) {
		p->answered = answered;
		fprintf(p->out, "Answered: %u of %u.\n", answered, present);
	}
	return tgame_round_over(p->g, tgame_now(p->g));
}

static enum tp_end tp_host_lobby(struct tplain *p)
{
	struct tgame *g = p->g;
	char line[TP_LINE];
	unsigned answered;
	int rc;

	fputs("Players join with:\n  rolecall trivia join ", p->out);
	emit_text(p->out, g->game.code);
	fputs(" --name NAME --db ", p->out);
	emit_text(p->out, store_path(g->env.store));
	fputs("\nPress Enter to start once everyone has joined (q ends the game).\n", p->out);
	while ((rc = tp_line(p, -1, tp_host_lobby_idle, line)) == LINE_OK) {
		const char *w = line + strspn(line, " \t\r");
		int cmd;

		if (!strcmp(w, "q") || !strcmp(w, "quit"))
			return TP_QUIT;
		if ((cmd = tp_host_command(p, w)) < 0)
			return TP_FAIL;
		if (cmd)
			continue;
		if (*w)
			fputs("Press Enter to start, 'remove NAME' to remove a player, or q to "
			      "end the game.\n", p->out);
		else if (tgame_present(g, &answered))
			return TP_ON;
		else
			fputs("Nobody has joined yet.\n", p->out);
	}
	return rc == LINE_FAIL ? TP_FAIL : TP_QUIT;
}

static enum tp_end tp_host_round(struct tplain *p)
{
	struct tgame *g = p->g;
	char line[TP_LINE];
	struct rc_error err;
	enum tp_end end;
	unsigned present;
	int rc;

	if (tgame_start_round(g, &err) < 0)
		return tp_game_error(&err);
	/* the host's 10 seconds at most without a poll are well within its
	 * heartbeat's TGAME_HOST_STALE_MS */
	tp_countdown(p, app_ms() + tgame_ms_to_start(g, tgame_now(g)), NULL);
	tp_question(p, NULL);
	present = tgame_present(g, &p->answered);
	fprintf(p->out, "%" PRId64 " seconds. Answered: 0 of %u.\n", g->rules.limit_ms / 1000,
		present);
	while ((rc = tp_line(p, -1, tp_host_round_idle, line)) == LINE_OK) {
		const char *w = line + strspn(line, " \t\r");
		int cmd;

		if (!strcmp(w, "q") || !strcmp(w, "quit"))
			return TP_QUIT;
		if (!strcmp(w, "c") || !strcmp(w, "close")) {
			/* who has not answered gets no answer, as at the time out */
			fputs("Round closed early.\n", p->out);
			rc = TP_STOP;
			break;
		}
		if ((cmd = tp_host_command(p, w)) < 0)
			return TP_FAIL;
		if (!cmd && *w)
			fputs("Type 'close' to close the round now, 'remove NAME' to remove a "
			      "player, or q to end the game.\n", p->out);
	}
	if (rc != TP_STOP)
		return rc == LINE_FAIL ? TP_FAIL : TP_QUIT;
	if (tgame_close_round(g, &err) < 0)
		return tp_game_error(&err);
	tp_reveal(p);
	if ((end = tp_enter(p, "Press Enter for the leaderboard.", tp_host_lobby_idle)) != TP_ON)
		return end;
	if (tgame_show_board(g, &err) < 0)
		return tp_game_error(&err);
	tp_board(p);
	return tp_enter(p, tgame_last_round(g) ? "Press Enter for the podium." :
			"Press Enter for the next question.", tp_host_lobby_idle);
}

int trivia_plain_host(struct app *app, const struct tgame_config *cfg)
{
	struct tplain p;
	struct tgame_env env;
	struct rc_error err;
	struct tgame *g;
	enum tp_end end;
	int rc;

	if (trivia_setup_env(app, 1, &env, &err) < 0 ||
	    tgame_new_host(&env, cfg, &g, &err) < 0)
		return tp_fail(err.msg);
	tp_init(&p, g);
	tp_intro(&p);
	end = tp_host_lobby(&p);
	while (end == TP_ON && !tgame_last_round(g))
		end = tp_host_round(&p);
	rc = tp_end_game(&p, end);
	tgame_free(g);
	return rc;
}

/* ---- the player ---- */

/* 1 when the game moved to another phase, round or status. */
static int tp_moved(const struct tplain *p)
{
	const struct store_trivia_game *s = &p->g->game;

	return s->current_round != p->seen_round || s->phase != p->seen_phase ||
	       s->status != p->seen_status;
}

static int tp_player_idle(struct tplain *p)
{
	struct rc_error err;
	int64_t silent;

	if (tgame_poll(p->g, &err) < 0) {
		tp_fail(err.msg);
		return -1;
	}
	/* said when it begins, then every half minute it lasts, wherever the
	 * player is (lobby, question, answered, reveal) */
	silent = tgame_host_silent_s(p->g, tgame_now(p->g));
	if (silent && (p->host_said_at != p->g->game.host_seen_ms ||
		       silent >= p->host_said_s + 30)) {
		fprintf(p->out, "\nThe host has not been heard from for %" PRId64 " seconds; "
			"the game may be over (q leaves).\n", silent);
		fflush(p->out);
		p->host_said_s = silent;
		p->host_said_at = p->g->game.host_seen_ms;
	}
	return tp_moved(p) || tgame_removed(p->g);
}

static enum tp_end tp_player_ask(struct tplain *p)
{
	struct tgame *g = p->g;
	struct rc_error err;
	int64_t left, elapsed = 0;
	enum tp_end end;
	int pos, rc;

	if ((rc = tp_countdown(p, app_ms() + tgame_ms_to_start(g, tgame_now(g)),
			       tp_player_idle)) != 0)
		return rc < 0 ? TP_FAIL : TP_ON; /* the game moved on meanwhile */
	left = tgame_ms_left(g, tgame_now(g));
	tp_question(p, NULL);
	if (g->me >= 0 && g->players[g->me].s.answered) {
		fputs("You have answered this one; waiting for the others.\n", p->out);
		return TP_ON;
	}
	fprintf(p->out, "You have %" PRId64 " seconds.\n", (left + 999) / 1000);
	end = tp_ask(p, app_ms(), app_ms() + left, tp_player_idle, &pos, &elapsed);
	if (end != TP_ON)
		return end;
	if (tp_moved(p)) {
		fputs("\nThe round is closed.\n", p->out);
		return TP_ON;
	}
	if (pos < 0 || g->me < 0)
		return TP_ON;
	if ((rc = tgame_answer(g, (unsigned)g->me, pos, 0, &err)) < 0)
		return tp_game_error(&err);
	/* the time left is the others' now: line mode says it once */
	if (rc)
		fputs("Too late: the round is closed.\n", p->out);
	else
		fprintf(p->out, "Answer saved; waiting for the others (%" PRId64 " s left).\n",
			(tgame_ms_left(g, tgame_now(g)) + 999) / 1000);
	return TP_ON;
}

/* A round's answers, once: also when the host moved on before this
 * player looked (a reveal lasts as long as the host wants). */
static void tp_player_reveal(struct tplain *p)
{
	const struct store_trivia_game *s = &p->g->game;
	int scored = s->phase == STORE_TRIVIA_REVEAL || s->phase == STORE_TRIVIA_BOARD ||
		     s->status == STORE_TRIVIA_DONE;

	if (!s->current_round || p->revealed == s->current_round || !scored)
		return;
	p->revealed = s->current_round;
	tp_reveal(p);
}

/* Show what the game's phase calls for, once. */
static enum tp_end tp_player_show(struct tplain *p)
{
	const struct store_trivia_game *s = &p->g->game;

	if (tgame_removed(p->g)) {
		/* no podium of a game it is out of, and no "rejoin" */
		fprintf(p->out, "\nThe host removed you from game %s.\n", s->code);
		return TP_QUIT;
	}
	tp_player_reveal(p);
	p->seen_round = s->current_round;
	p->seen_phase = s->phase;
	p->seen_status = s->status;
	if (s->status == STORE_TRIVIA_ABANDONED) {
		fputs("\nThe host ended the game.\n", p->out);
		tp_podium(p);
		return TP_QUIT;
	}
	switch (s->phase) {
	case STORE_TRIVIA_QUESTION: return tp_player_ask(p);
	case STORE_TRIVIA_REVEAL: break;
	case STORE_TRIVIA_BOARD: tp_board(p); break;
	case STORE_TRIVIA_PODIUM: tp_podium(p); return TP_QUIT;
	case STORE_TRIVIA_WAIT: break;
	}
	return TP_ON;
}

/* Wait for the game to move; a line meanwhile can only be q. */
static enum tp_end tp_player_wait(struct tplain *p)
{
	char line[TP_LINE];
	int rc;

	while ((rc = tp_line(p, -1, tp_player_idle, line)) == LINE_OK) {
		const char *w = line + strspn(line, " \t\r");

		if (!strcmp(w, "q") || !strcmp(w, "quit"))
			return TP_QUIT;
		if (*w)
			fputs("Wait for the next question (q leaves the game).\n", p->out);
	}
	return rc == TP_STOP ? TP_ON : rc == LINE_FAIL ? TP_FAIL : TP_QUIT;
}

int trivia_plain_join(struct app *app, const char *code, const char *name)
{
	struct tplain p;
	struct tgame_env env;
	struct rc_error err;
	struct tgame *g;
	enum tp_end end;
	int rc = 0;

	if (trivia_setup_env(app, 1, &env, &err) < 0 ||
	    tgame_join(&env, code, name, &g, &err) < 0)
		return tp_fail(err.msg);
	tp_init(&p, g);
	tp_intro(&p);
	fprintf(p.out, "You joined as %s. Waiting for the host to start.\n", name);
	p.seen_phase = STORE_TRIVIA_WAIT;
	p.seen_status = STORE_TRIVIA_LOBBY;
	end = tp_moved(&p) ? tp_player_show(&p) : TP_ON;
	while (end == TP_ON && (end = tp_player_wait(&p)) == TP_ON)
		end = tp_player_show(&p);
	/* leaving a game that is over changes nothing */
	if (end == TP_FAIL)
		rc = -1;
	else if (tgame_removed(g))
		rc = 0;
	else if (tgame_leave(g, &err) < 0)
		rc = tp_fail(err.msg);
	if (rc == 0 && g->game.status < STORE_TRIVIA_DONE && !tgame_removed(g))
		fprintf(p.out, "You left game %s; rejoin with the same --name.\n", g->game.code);
	tgame_free(g);
	return rc;
}
