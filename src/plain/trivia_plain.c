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

#define TRIVIA_PLAIN_LINE 256

/* What trivia_plain_line returns besides the LINE_* results: the idle callback
 * asked to stop waiting. */
enum { TRIVIA_PLAIN_STOP = 3 };

/* How a turn or a wait ended. */
enum trivia_plain_end { TRIVIA_PLAIN_ON, TRIVIA_PLAIN_QUIT, TRIVIA_PLAIN_FAIL };

struct trivia_plain {
	struct trivia_game *g;
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

static int trivia_plain_fail(const char *msg)
{
	fflush(stdout);
	app_fail("%s", msg);
	return -1;
}

/* ---- printing ---- */

static void trivia_plain_seconds(char *buf, size_t len, int64_t ms)
{
	/* by hand: printf's %f follows the locale's decimal point */
	if (ms < 0)
		ms = 0;
	snprintf(buf, len, "%" PRId64 ".%" PRId64 " s", ms / 1000, ms % 1000 / 100);
}

static int trivia_plain_name_width(const struct trivia_game *g)
{
	int w = 4;

	/* columns, not bytes: "José" and "王芳" line up with "Ana" */
	for (unsigned i = 0; i < g->n_players; i++)
		if (emit_width(g->players[i].s.name) > w)
			w = emit_width(g->players[i].s.name);
	return w;
}

/* What scores, before the first question: the same sentences as the UI's. */
static void trivia_plain_rules(const struct trivia_plain *p)
{
	char line[256];

	fputs("Rules:\n", p->out);
	for (unsigned i = 0; trivia_rules_text(&p->g->rules, i, line, sizeof line); i++)
		fprintf(p->out, "  %s\n", line);
}

static void trivia_plain_intro(const struct trivia_plain *p)
{
	const struct trivia_game *g = p->g;

	fprintf(p->out, "Trivia game %s: %u question%s, %" PRId64 " seconds each.\n",
		g->game.code, g->game.rounds, g->game.rounds == 1 ? "" : "s",
		g->rules.limit_ms / 1000);
	if (g->role == TRIVIA_GAME_HOTSEAT) {
		fputs(g->game.teams ? "Teams:" : "Players:", p->out);
		for (unsigned i = 0; i < g->n_players; i++) {
			fputs(i ? ", " : " ", p->out);
			emit_text(p->out, g->players[i].s.name);
		}
		fputc('\n', p->out);
	}
	trivia_plain_rules(p);
}

static void trivia_plain_question(const struct trivia_plain *p, const char *who)
{
	const struct trivia_game *g = p->g;
	const struct trivia_game_question *tq = trivia_game_question(g);

	fprintf(p->out, "\n[Q %u/%u] %s%s%s\n%s\n", g->game.current_round, g->game.rounds,
		who ? who : "", who ? ": " : "", tq->q->bank->title, tq->q->prompt);
	for (unsigned i = 0; i < tq->n_options; i++)
		fprintf(p->out, "  %u) %s\n", i + 1, tq->q->choices[tq->order[i]].text);
}

static void trivia_plain_player_result(const struct trivia_plain *p,
				       const struct trivia_game_player *pl,
			     const struct trivia_game_question *tq)
{
	const struct store_trivia_player *s = &pl->s;
	int bonus = s->correct ? trivia_streak_bonus(&p->g->rules, s->streak) : 0;
	char t[32];

	trivia_plain_seconds(t, sizeof t, s->elapsed_ms);
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

static void trivia_plain_reveal(const struct trivia_plain *p)
{
	const struct trivia_game *g = p->g;
	const struct trivia_game_question *tq = trivia_game_question(g);

	fprintf(p->out, "\n-- Answers to question %u of %u --\nThe answer: %u) %s\nWhy: %s\n",
		g->game.current_round, g->game.rounds, tq->right + 1,
		tq->q->choices[tq->q->correct].text, tq->q->explain);
	for (unsigned i = 0; i < g->n_players; i++)
		trivia_plain_player_result(p, &g->players[i], tq);
}

static void trivia_plain_standings(const struct trivia_plain *p, int full)
{
	struct trivia_player rank[STORE_TRIVIA_MAX_PLAYERS];
	unsigned n = trivia_game_ranking(p->g, rank);
	int w = trivia_plain_name_width(p->g);
	char t[32];

	for (unsigned i = 0; i < n; i++) {
		const struct trivia_game_player *pl = trivia_game_find(p->g, rank[i].name);

		fprintf(p->out, "  %2u. ", i + 1);
		emit_cell(p->out, rank[i].name, w, 0);
		fprintf(p->out, " %6" PRId64, rank[i].score);
		trivia_plain_seconds(t, sizeof t, rank[i].time_ms);
		if (full)
			fprintf(p->out, " points, %u right, %s", rank[i].right, t);
		fputs(pl && pl->s.absent ? " (absent)\n" : "\n", p->out);
	}
}

static void trivia_plain_board(const struct trivia_plain *p)
{
	fprintf(p->out, "\n-- Leaderboard after question %u of %u --\n",
		p->g->game.current_round, p->g->game.rounds);
	trivia_plain_standings(p, 0);
}

static void trivia_plain_podium(const struct trivia_plain *p)
{
	static const char *const place[] = { "1st", "2nd", "3rd" };
	struct trivia_player rank[STORE_TRIVIA_MAX_PLAYERS];
	unsigned n = trivia_game_ranking(p->g, rank);
	int w = trivia_plain_name_width(p->g);

	/* a ranking of nothing but zeros is no podium */
	if (!p->g->played) {
		fprintf(p->out, "\n== %s ==\nGame %s is saved; 'rolecall report --trivia' "
			"lists it.\n", TRIVIA_GAME_NOT_PLAYED, p->g->game.code);
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
	trivia_plain_standings(p, 1);
	fprintf(p->out, "%s\nGame %s is saved; 'rolecall report --trivia' lists it.\n",
		TRIVIA_TIE_RULE, p->g->game.code);
}

/* ---- reading ---- */

/* Through the terminal sanitiser, as practice echoes: a byte test lets
 * C1 controls and bidi overrides through. */
static void trivia_plain_echo(const char *line, FILE *out)
{
	emit_safe(out, line, strcspn(line, "\n"));
	putc('\n', out);
}

/*
 * A line before deadline_ms (app_ms; -1: none).  While it waits, idle is
 * called every TRIVIA_GAME_POLL_MS: 0 to go on waiting, 1 to stop (TRIVIA_PLAIN_STOP), -1
 * on an error it printed (LINE_FAIL).
 */
static int trivia_plain_line(struct trivia_plain *p, int64_t deadline_ms,
			     int (*idle)(struct trivia_plain *p),
		   char *line)
{
	for (;;) {
		int64_t until = deadline_ms, now = app_ms();
		int rc, r;

		fflush(p->out);
		if (idle && (until < 0 || until > now + trivia_game_poll_ms(p->g)))
			until = now + trivia_game_poll_ms(p->g);
		/* an announced change wakes the wait at once (idle reads it) */
		line_in_wake(&p->in, idle ? trivia_game_wake_fd(p->g) : -1);
		rc = line_in_read(&p->in, until, line, TRIVIA_PLAIN_LINE);
		if (rc == LINE_WAKE || (rc == LINE_TIMEOUT && until != deadline_ms)) {
			if ((r = idle(p)) < 0)
				return LINE_FAIL;
			if (r > 0)
				return TRIVIA_PLAIN_STOP;
			continue;
		}
		if (rc == LINE_FAIL) {
			char msg[160];

			snprintf(msg, sizeof msg, "cannot read standard input: %s",
				 strerror(errno));
			trivia_plain_fail(msg);
		}
		if (rc == LINE_OK && p->echo)
			trivia_plain_echo(line, p->out);
		return rc;
	}
}

static int trivia_plain_host_command(struct trivia_plain *p, const char *w);

/* A person at a terminal presses Enter to go on; q (or the end of input)
 * ends the game; a host may also remove a player.  Scripts go on at once. */
static enum trivia_plain_end trivia_plain_enter(struct trivia_plain *p, const char *what,
			    int (*idle)(struct trivia_plain *p))
{
	char line[TRIVIA_PLAIN_LINE];
	int rc, host = p->g->role == TRIVIA_GAME_HOST;

	if (!p->tty && p->g->role == TRIVIA_GAME_HOTSEAT)
		return TRIVIA_PLAIN_ON;
	fprintf(p->out, "%s\n", what);
	while ((rc = trivia_plain_line(p, -1, idle, line)) == LINE_OK) {
		const char *w = line + strspn(line, " \t\r");

		if (!*w)
			return TRIVIA_PLAIN_ON;
		if (!strcmp(w, "q") || !strcmp(w, "quit"))
			return TRIVIA_PLAIN_QUIT;
		if (host && (rc = trivia_plain_host_command(p, w)) != 0) {
			if (rc < 0)
				return TRIVIA_PLAIN_FAIL;
			continue;
		}
		fputs(host ? "Press Enter to go on, 'remove NAME' to remove a player, or q "
		      "to end the game.\n" : "Press Enter to go on, or q to end the game.\n",
		      p->out);
	}
	return rc == LINE_FAIL ? TRIVIA_PLAIN_FAIL : TRIVIA_PLAIN_QUIT;
}

static enum trivia_plain_end trivia_plain_game_error(struct rc_error *err)
{
	trivia_plain_fail(err->msg);
	return TRIVIA_PLAIN_FAIL;
}

/*
 * The 3-2-1 until app_ms reaches until_ms: "Get ready: 3... 2... 1...",
 * each number as its second comes.  Input is not read meanwhile (a
 * script's answers wait in the pipe for the question); idle, every
 * TRIVIA_GAME_POLL_MS, keeps a shared game's heartbeat and returns 1 to stop
 * (the game moved), -1 on an error it printed.
 */
static int trivia_plain_countdown(struct trivia_plain *p, int64_t until_ms,
				  int (*idle)(struct trivia_plain *p))
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
		if (idle && nap > trivia_game_poll_ms(p->g))
			nap = trivia_game_poll_ms(p->g);
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
 * shared round can close under the prompt (TRIVIA_PLAIN_STOP in *how). */
static enum trivia_plain_end trivia_plain_ask(struct trivia_plain *p, int64_t shown_ms,
					      int64_t deadline_ms,
			  int (*idle)(struct trivia_plain *p), int *pos, int64_t *elapsed)
{
	const struct trivia_game_question *tq = trivia_game_question(p->g);
	char line[TRIVIA_PLAIN_LINE];

	*pos = -1;
	for (;;) {
		int rc;

		fputs("> ", p->out);
		rc = trivia_plain_line(p, deadline_ms, idle, line);
		if (rc == LINE_TIMEOUT)
			fputs("\nTime is up.\n", p->out);
		if (rc == TRIVIA_PLAIN_STOP || rc == LINE_TIMEOUT)
			return TRIVIA_PLAIN_ON;
		if (rc != LINE_OK)
			return rc == LINE_EOF ? TRIVIA_PLAIN_QUIT : TRIVIA_PLAIN_FAIL;
		switch (input_parse_answer(line, strlen(line), tq->n_options, pos)) {
		case INPUT_ANSWER:
			*elapsed = app_ms() - shown_ms;
			if (app_ms() > deadline_ms) {
				*pos = -1;
				fputs("Time is up.\n", p->out);
			}
			return TRIVIA_PLAIN_ON;
		case INPUT_QUIT: return TRIVIA_PLAIN_QUIT;
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

static enum trivia_plain_end trivia_plain_turn(struct trivia_plain *p, unsigned who)
{
	struct trivia_game *g = p->g;
	const char *name = g->players[who].s.name;
	char msg[96];
	struct rc_error err;
	int64_t shown, elapsed = 0;
	enum trivia_plain_end end;
	int pos;

	snprintf(msg, sizeof msg, "\nPass the keyboard to %s - press Enter.", name);
	if ((end = trivia_plain_enter(p, msg, NULL)) != TRIVIA_PLAIN_ON)
		return end;
	trivia_plain_countdown(p, app_ms() + g->countdown_ms, NULL);
	trivia_plain_question(p, name);
	fprintf(p->out, "You have %" PRId64 " seconds.\n", g->rules.limit_ms / 1000);
	shown = app_ms();
	if ((end = trivia_plain_ask(p, shown, shown + g->rules.limit_ms, NULL, &pos,
				    &elapsed)) != TRIVIA_PLAIN_ON)
		return end;
	if (trivia_game_answer(g, who, pos, elapsed, &err) < 0)
		return trivia_plain_game_error(&err);
	/* right or wrong stays hidden until everyone has answered */
	if (pos >= 0)
		fputs("Answer saved.\n", p->out);
	return TRIVIA_PLAIN_ON;
}

static enum trivia_plain_end trivia_plain_hotseat_round(struct trivia_plain *p)
{
	struct trivia_game *g = p->g;
	struct rc_error err;
	enum trivia_plain_end end;

	if (trivia_game_start_round(g, &err) < 0)
		return trivia_plain_game_error(&err);
	for (unsigned who = 0; who < g->n_players; who++)
		if ((end = trivia_plain_turn(p, who)) != TRIVIA_PLAIN_ON)
			return end;
	if (trivia_game_close_round(g, &err) < 0)
		return trivia_plain_game_error(&err);
	trivia_plain_reveal(p);
	if (trivia_game_show_board(g, &err) < 0)
		return trivia_plain_game_error(&err);
	trivia_plain_board(p);
	return TRIVIA_PLAIN_ON;
}

/* The end of a game: normally after its last round, early on q. */
static int trivia_plain_end_game(struct trivia_plain *p, enum trivia_plain_end end)
{
	struct rc_error err;

	if (end == TRIVIA_PLAIN_FAIL)
		return -1;
	if ((end == TRIVIA_PLAIN_QUIT ? trivia_game_abandon(p->g,
							    &err) : trivia_game_finish(p->g,
										       &err)) < 0)
		return trivia_plain_fail(err.msg);
	trivia_plain_podium(p);
	return 0;
}

static void trivia_plain_init(struct trivia_plain *p, struct trivia_game *g)
{
	memset(p, 0, sizeof *p);
	p->g = g;
	p->out = stdout;
	line_in_init(&p->in, STDIN_FILENO);
	p->tty = isatty(STDIN_FILENO);
	p->echo = !p->tty;
}

int trivia_plain_hotseat(struct app *app, const struct trivia_game_config *cfg)
{
	struct trivia_plain p;
	struct trivia_game_env env;
	struct rc_error err;
	struct trivia_game *g;
	enum trivia_plain_end end = TRIVIA_PLAIN_ON;
	int rc;

	if (trivia_setup_env(app, 0, &env, &err) < 0 ||
	    trivia_game_new_hotseat(&env, cfg, &g, &err) < 0)
		return trivia_plain_fail(err.msg);
	trivia_plain_init(&p, g);
	trivia_plain_intro(&p);
	while (end == TRIVIA_PLAIN_ON && !trivia_game_last_round(g)) {
		if ((end = trivia_plain_hotseat_round(&p)) == TRIVIA_PLAIN_ON &&
		    !trivia_game_last_round(g))
			end = trivia_plain_enter(&p, "Press Enter for the next question.", NULL);
	}
	rc = trivia_plain_end_game(&p, end);
	trivia_game_free(g);
	return rc;
}

/* ---- the host ---- */

/* Who joined, left or came back since the host last said. */
static void trivia_plain_roster_news(struct trivia_plain *p)
{
	const struct trivia_game *g = p->g;

	for (unsigned i = 0; i < g->n_players; i++) {
		const struct trivia_game_player *pl = &g->players[i];
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

static int trivia_plain_host_poll(struct trivia_plain *p)
{
	struct rc_error err;

	if (trivia_game_poll(p->g, &err) < 0) {
		trivia_plain_fail(err.msg);
		return -1;
	}
	trivia_plain_roster_news(p);
	return 0;
}

static int trivia_plain_host_lobby_idle(struct trivia_plain *p)
{
	return trivia_plain_host_poll(p);
}

/* "remove NAME": 1 when w was that (done or said why not), 0 when it is
 * not a host's command, -1 after printing a store error. */
static int trivia_plain_host_command(struct trivia_plain *p, const char *w)
{
	const struct trivia_game_player *pl;
	struct rc_error err;
	const char *name;

	if (strncmp(w, "remove ", 7))
		return 0;
	name = w + 7 + strspn(w + 7, " ");
	pl = trivia_game_find(p->g, name);
	if (!pl || pl->s.removed) {
		fputs(pl ? "Already removed: " : "No player is called ", p->out);
		emit_text(p->out, name);
		fputs(pl ? ".\n" : " in this game.\n", p->out);
		return 1;
	}
	if (trivia_game_remove(p->g, (unsigned)(pl - p->g->players), &err) < 0) {
		trivia_plain_fail(err.msg);
		return -1;
	}
	trivia_plain_roster_news(p);
	return 1;
}

static int trivia_plain_host_round_idle(struct trivia_plain *p)
{
	unsigned answered, present;

	if (trivia_plain_host_poll(p) < 0)
		return -1;
	present = trivia_game_present(p->g, &answered);
	if (answered != p->answered) {
		p->answered = answered;
		fprintf(p->out, "Answered: %u of %u.\n", answered, present);
	}
	return trivia_game_round_over(p->g, trivia_game_now(p->g));
}

static enum trivia_plain_end trivia_plain_host_lobby(struct trivia_plain *p)
{
	struct trivia_game *g = p->g;
	char line[TRIVIA_PLAIN_LINE];
	unsigned answered;
	int rc;

	fputs("Players join with:\n  rolecall trivia join ", p->out);
	emit_text(p->out, g->game.code);
	fputs(" --name NAME --db ", p->out);
	emit_text(p->out, store_path(g->env.store));
	fputs("\nPress Enter to start once everyone has joined (q ends the game).\n", p->out);
	while ((rc = trivia_plain_line(p, -1, trivia_plain_host_lobby_idle, line)) == LINE_OK) {
		const char *w = line + strspn(line, " \t\r");
		int cmd;

		if (!strcmp(w, "q") || !strcmp(w, "quit"))
			return TRIVIA_PLAIN_QUIT;
		if ((cmd = trivia_plain_host_command(p, w)) < 0)
			return TRIVIA_PLAIN_FAIL;
		if (cmd)
			continue;
		if (*w)
			fputs("Press Enter to start, 'remove NAME' to remove a player, or q to "
			      "end the game.\n", p->out);
		else if (trivia_game_present(g, &answered))
			return TRIVIA_PLAIN_ON;
		else
			fputs("Nobody has joined yet.\n", p->out);
	}
	return rc == LINE_FAIL ? TRIVIA_PLAIN_FAIL : TRIVIA_PLAIN_QUIT;
}

static enum trivia_plain_end trivia_plain_host_round(struct trivia_plain *p)
{
	struct trivia_game *g = p->g;
	char line[TRIVIA_PLAIN_LINE];
	struct rc_error err;
	enum trivia_plain_end end;
	unsigned present;
	int rc;

	if (trivia_game_start_round(g, &err) < 0)
		return trivia_plain_game_error(&err);
	/* the host's 10 seconds at most without a poll are well within its
	 * heartbeat's TRIVIA_GAME_HOST_STALE_MS */
	trivia_plain_countdown(p, app_ms() + trivia_game_ms_to_start(g, trivia_game_now(g)), NULL);
	trivia_plain_question(p, NULL);
	present = trivia_game_present(g, &p->answered);
	fprintf(p->out, "%" PRId64 " seconds. Answered: 0 of %u.\n", g->rules.limit_ms / 1000,
		present);
	while ((rc = trivia_plain_line(p, -1, trivia_plain_host_round_idle, line)) == LINE_OK) {
		const char *w = line + strspn(line, " \t\r");
		int cmd;

		if (!strcmp(w, "q") || !strcmp(w, "quit"))
			return TRIVIA_PLAIN_QUIT;
		if (!strcmp(w, "c") || !strcmp(w, "close")) {
			/* who has not answered gets no answer, as at the time out */
			fputs("Round closed early.\n", p->out);
			rc = TRIVIA_PLAIN_STOP;
			break;
		}
		if ((cmd = trivia_plain_host_command(p, w)) < 0)
			return TRIVIA_PLAIN_FAIL;
		if (!cmd && *w)
			fputs("Type 'close' to close the round now, 'remove NAME' to remove a "
			      "player, or q to end the game.\n", p->out);
	}
	if (rc != TRIVIA_PLAIN_STOP)
		return rc == LINE_FAIL ? TRIVIA_PLAIN_FAIL : TRIVIA_PLAIN_QUIT;
	if (trivia_game_close_round(g, &err) < 0)
		return trivia_plain_game_error(&err);
	trivia_plain_reveal(p);
	if ((end = trivia_plain_enter(p, "Press Enter for the leaderboard.",
				      trivia_plain_host_lobby_idle)) != TRIVIA_PLAIN_ON)
		return end;
	if (trivia_game_show_board(g, &err) < 0)
		return trivia_plain_game_error(&err);
	trivia_plain_board(p);
	return trivia_plain_enter(p, trivia_game_last_round(g) ? "Press Enter for the podium." :
			"Press Enter for the next question.", trivia_plain_host_lobby_idle);
}

int trivia_plain_host(struct app *app, const struct trivia_game_config *cfg)
{
	struct trivia_plain p;
	struct trivia_game_env env;
	struct rc_error err;
	struct trivia_game *g;
	enum trivia_plain_end end;
	int rc;

	if (trivia_setup_env(app, 1, &env, &err) < 0 ||
	    trivia_game_new_host(&env, cfg, &g, &err) < 0)
		return trivia_plain_fail(err.msg);
	trivia_plain_init(&p, g);
	trivia_plain_intro(&p);
	end = trivia_plain_host_lobby(&p);
	while (end == TRIVIA_PLAIN_ON && !trivia_game_last_round(g))
		end = trivia_plain_host_round(&p);
	rc = trivia_plain_end_game(&p, end);
	trivia_game_free(g);
	return rc;
}

/* ---- the player ---- */

/* 1 when the game moved to another phase, round or status. */
static int trivia_plain_moved(const struct trivia_plain *p)
{
	const struct store_trivia_game *s = &p->g->game;

	return s->current_round != p->seen_round || s->phase != p->seen_phase ||
	       s->status != p->seen_status;
}

static int trivia_plain_player_idle(struct trivia_plain *p)
{
	struct rc_error err;
	int64_t silent;

	if (trivia_game_poll(p->g, &err) < 0) {
		trivia_plain_fail(err.msg);
		return -1;
	}
	/* said when it begins, then every half minute it lasts, wherever the
	 * player is (lobby, question, answered, reveal) */
	silent = trivia_game_host_silent_s(p->g, trivia_game_now(p->g));
	if (silent && (p->host_said_at != p->g->game.host_seen_ms ||
		       silent >= p->host_said_s + 30)) {
		fprintf(p->out, "\nThe host has not been heard from for %" PRId64 " seconds; "
			"the game may be over (q leaves).\n", silent);
		fflush(p->out);
		p->host_said_s = silent;
		p->host_said_at = p->g->game.host_seen_ms;
	}
	return trivia_plain_moved(p) || trivia_game_removed(p->g);
}

static enum trivia_plain_end trivia_plain_player_ask(struct trivia_plain *p)
{
	struct trivia_game *g = p->g;
	struct rc_error err;
	int64_t left, elapsed = 0;
	enum trivia_plain_end end;
	int pos, rc;

	if ((rc = trivia_plain_countdown(p, app_ms() +
					 trivia_game_ms_to_start(g, trivia_game_now(g)),
					 trivia_plain_player_idle)) != 0)
		/* the game moved on meanwhile */
		return rc < 0 ? TRIVIA_PLAIN_FAIL : TRIVIA_PLAIN_ON;
	left = trivia_game_ms_left(g, trivia_game_now(g));
	trivia_plain_question(p, NULL);
	if (g->me >= 0 && g->players[g->me].s.answered) {
		fputs("You have answered this one; waiting for the others.\n", p->out);
		return TRIVIA_PLAIN_ON;
	}
	fprintf(p->out, "You have %" PRId64 " seconds.\n", (left + 999) / 1000);
	end = trivia_plain_ask(p, app_ms(), app_ms() + left, trivia_plain_player_idle, &pos,
			       &elapsed);
	if (end != TRIVIA_PLAIN_ON)
		return end;
	if (trivia_plain_moved(p)) {
		fputs("\nThe round is closed.\n", p->out);
		return TRIVIA_PLAIN_ON;
	}
	if (pos < 0 || g->me < 0)
		return TRIVIA_PLAIN_ON;
	if ((rc = trivia_game_answer(g, (unsigned)g->me, pos, 0, &err)) < 0)
		return trivia_plain_game_error(&err);
	/* the time left is the others' now: line mode says it once */
	if (rc)
		fputs("Too late: the round is closed.\n", p->out);
	else
		fprintf(p->out, "Answer saved; waiting for the others (%" PRId64 " s left).\n",
			(trivia_game_ms_left(g, trivia_game_now(g)) + 999) / 1000);
	return TRIVIA_PLAIN_ON;
}

/* A round's answers, once: also when the host moved on before this
 * player looked (a reveal lasts as long as the host wants). */
static void trivia_plain_player_reveal(struct trivia_plain *p)
{
	const struct store_trivia_game *s = &p->g->game;
	int scored = s->phase == STORE_TRIVIA_REVEAL || s->phase == STORE_TRIVIA_BOARD ||
		     s->status == STORE_TRIVIA_DONE;

	if (!s->current_round || p->revealed == s->current_round || !scored)
		return;
	p->revealed = s->current_round;
	trivia_plain_reveal(p);
}

/* Show what the game's phase calls for, once. */
static enum trivia_plain_end trivia_plain_player_show(struct trivia_plain *p)
{
	const struct store_trivia_game *s = &p->g->game;

	if (trivia_game_removed(p->g)) {
		/* no podium of a game it is out of, and no "rejoin" */
		fprintf(p->out, "\nThe host removed you from game %s.\n", s->code);
		return TRIVIA_PLAIN_QUIT;
	}
	trivia_plain_player_reveal(p);
	p->seen_round = s->current_round;
	p->seen_phase = s->phase;
	p->seen_status = s->status;
	if (s->status == STORE_TRIVIA_ABANDONED) {
		fputs("\nThe host ended the game.\n", p->out);
		trivia_plain_podium(p);
		return TRIVIA_PLAIN_QUIT;
	}
	switch (s->phase) {
	case STORE_TRIVIA_QUESTION: return trivia_plain_player_ask(p);
	case STORE_TRIVIA_REVEAL: break;
	case STORE_TRIVIA_BOARD: trivia_plain_board(p); break;
	case STORE_TRIVIA_PODIUM: trivia_plain_podium(p); return TRIVIA_PLAIN_QUIT;
	case STORE_TRIVIA_WAIT: break;
	}
	return TRIVIA_PLAIN_ON;
}

/* Wait for the game to move; a line meanwhile can only be q. */
static enum trivia_plain_end trivia_plain_player_wait(struct trivia_plain *p)
{
	char line[TRIVIA_PLAIN_LINE];
	int rc;

	while ((rc = trivia_plain_line(p, -1, trivia_plain_player_idle, line)) == LINE_OK) {
		const char *w = line + strspn(line, " \t\r");

		if (!strcmp(w, "q") || !strcmp(w, "quit"))
			return TRIVIA_PLAIN_QUIT;
		if (*w)
			fputs("Wait for the next question (q leaves the game).\n", p->out);
	}
	return rc == TRIVIA_PLAIN_STOP ? TRIVIA_PLAIN_ON :
	       rc == LINE_FAIL ? TRIVIA_PLAIN_FAIL : TRIVIA_PLAIN_QUIT;
}

int trivia_plain_join(struct app *app, const char *code, const char *name)
{
	struct trivia_plain p;
	struct trivia_game_env env;
	struct rc_error err;
	struct trivia_game *g;
	enum trivia_plain_end end;
	int rc = 0;

	if (trivia_setup_env(app, 1, &env, &err) < 0 ||
	    trivia_game_join(&env, code, name, &g, &err) < 0)
		return trivia_plain_fail(err.msg);
	trivia_plain_init(&p, g);
	trivia_plain_intro(&p);
	fprintf(p.out, "You joined as %s. Waiting for the host to start.\n", name);
	p.seen_phase = STORE_TRIVIA_WAIT;
	p.seen_status = STORE_TRIVIA_LOBBY;
	end = trivia_plain_moved(&p) ? trivia_plain_player_show(&p) : TRIVIA_PLAIN_ON;
	while (end == TRIVIA_PLAIN_ON && (end = trivia_plain_player_wait(&p)) == TRIVIA_PLAIN_ON)
		end = trivia_plain_player_show(&p);
	/* leaving a game that is over changes nothing */
	if (end == TRIVIA_PLAIN_FAIL)
		rc = -1;
	else if (trivia_game_removed(g))
		rc = 0;
	else if (trivia_game_leave(g, &err) < 0)
		rc = trivia_plain_fail(err.msg);
	if (rc == 0 && g->game.status < STORE_TRIVIA_DONE && !trivia_game_removed(g))
		fprintf(p.out, "You left game %s; rejoin with the same --name.\n", g->game.code);
	trivia_game_free(g);
	return rc;
}
