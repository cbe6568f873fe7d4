/*
 * rolecall report --trivia: past trivia games with their rankings — in
 * text, one block per game; in CSV, one row per player per game; in JSON,
 * one object per game with its ranking.  Rankings are trivia_rank's, so a
 * report ranks as the podium did.  Times are UTC.  --since keeps the games
 * created from that day on, --user the games that person played in.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "paths.h"
#include "app.h"
#include "report.h"
#include "rolecall/emit.h"
#include "rolecall/trivia.h"
#include "rolecall/trivia_game.h"

struct report_trivia_game {
	struct store_trivia_game g; /* banks points at the copy */
	char *banks;
};

struct report_trivia_games {
	struct report_trivia_game *v;
	size_t n, cap;
	int oom;
};

/* What became of a game.  A host killed with -9 cannot record that its
 * game ended; its heartbeat stopping is what tells.  The heartbeat is on
 * the store's clock: offset_ms is how far it runs ahead of ours. */
static const char *report_trivia_status(const struct store_trivia_game *g, int64_t offset_ms)
{
	static const char *const names[] = { "lobby", "running", "done", "abandoned" };

	if (trivia_game_host_gone(g, app_wall_ms() + offset_ms))
		return "interrupted";
	return names[g->status];
}

static int report_trivia_take(void *ctx, const struct store_trivia_game *g)
{
	struct report_trivia_games *gs = ctx;
	struct report_trivia_game *v;

	if (report_grow(&gs->v, &gs->cap, gs->n, sizeof *gs->v, 16) < 0) {
		gs->oom = 1;
		return 1;
	}
	v = &gs->v[gs->n];
	v->g = *g;
	v->g.bank_files = NULL;
	if (!(v->banks = strdup(g->banks))) {
		gs->oom = 1;
		return 1;
	}
	v->g.banks = v->banks;
	gs->n++;
	return 0;
}

static void report_trivia_free(struct report_trivia_games *gs)
{
	for (size_t i = 0; i < gs->n; i++)
		free(gs->v[i].banks);
	free(gs->v);
}

/* A game's players in ranking order, as the podium had them (those the
 * host removed left out); 0 when the game has no player of the name asked
 * for (--user). */
static unsigned report_trivia_rank(const struct store_trivia_state *st, const char *user,
			struct trivia_player *out)
{
	int found = !user;
	unsigned n = 0;

	for (unsigned i = 0; i < st->n_players; i++) {
		const struct store_trivia_player *p = &st->players[i];

		if (p->removed)
			continue;
		out[n++] = (struct trivia_player){ p->name, p->score, p->right, p->streak,
						   p->time_ms, 0 };
		found |= user && !strcmp(p->name, user);
	}
	if (!found)
		return 0;
	trivia_rank(out, n);
	return n;
}

static int report_trivia_absent(const struct store_trivia_state *st, const char *name)
{
	for (unsigned i = 0; i < st->n_players; i++)
		if (!strcmp(st->players[i].name, name))
			return st->players[i].absent;
	return 0;
}

static void report_trivia_seconds(char *buf, size_t len, int64_t ms)
{
	snprintf(buf, len, "%" PRId64 ".%" PRId64 " s", ms / 1000, ms % 1000 / 100);
}

/* ---- formats ---- */

/* Who was in a game that played no round: zeros for everyone would read
 * as a ranking. */
static void report_trivia_text_unplayed(FILE *out, const struct store_trivia_state *st)
{
	fputs("  no question was played:", out);
	for (unsigned i = 0; i < st->n_players; i++) {
		fputs(i ? ", " : " ", out);
		emit_text(out, st->players[i].name);
	}
	fputc('\n', out);
}

static void report_trivia_text_game(FILE *out, const struct store_trivia_state *st,
			 const char *status, const struct trivia_player *rank, unsigned n)
{
	const struct store_trivia_game *g = &st->game;
	char when[32] = "?", t[32];
	time_t tt = (time_t)g->created_at;
	struct tm tm;

	if (gmtime_r(&tt, &tm))
		strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
	fputs("\nGame ", out);
	emit_text(out, g->code);
	fprintf(out, ", %s: %s, %s, %u of %u question%s played (%" PRId64 " s each); "
		"%s\n", when, g->hosted ? "hosted" : "hot seat",
		g->teams ? "teams" : "players", store_trivia_played(st), g->rounds,
		g->rounds == 1 ? "" : "s", g->time_limit_ms / 1000, status);
	if (!n)
		fputs("  nobody joined\n", out);
	else if (!store_trivia_played(st))
		report_trivia_text_unplayed(out, st);
	for (unsigned i = 0; store_trivia_played(st) && i < n; i++) {
		fprintf(out, "  %2u. ", i + 1);
		emit_text(out, rank[i].name);
		report_trivia_seconds(t, sizeof t, rank[i].time_ms);
		fprintf(out, ": %" PRId64 " points, %u right, %s%s\n", rank[i].score,
			rank[i].right, t, report_trivia_absent(st,
							       rank[i].name) ? " (absent)" : "");
	}
}

static void report_trivia_csv_game(FILE *out, const struct store_trivia_state *st,
			const char *status, const struct trivia_player *rank, unsigned n)
{
	const struct store_trivia_game *g = &st->game;
	char when[32];

	report_iso_time(when, sizeof when, g->created_at);
	for (unsigned i = 0; i < n; i++) {
		fprintf(out, "%" PRId64 ",", g->id);
		emit_csv_field(out, g->code);
		fprintf(out, ",%s,%s,%s,%u,%" PRId64 ",%u,",
			g->hosted ? "hosted" : "hotseat", status, when,
			g->rounds, g->time_limit_ms / 1000, i + 1);
		emit_csv_field(out, rank[i].name);
		fprintf(out, ",%" PRId64 ",%u,%" PRId64 ",%d,%u\n", rank[i].score,
			rank[i].right, rank[i].time_ms, report_trivia_absent(st, rank[i].name),
			store_trivia_played(st));
	}
}

static void report_trivia_json_time(FILE *out, const char *key, int64_t t)
{
	char buf[32];

	fprintf(out, ",\"%s\":", key);
	if (!t) {
		fputs("null", out);
		return;
	}
	report_iso_time(buf, sizeof buf, t);
	emit_json_string(out, buf);
}

static void report_trivia_json_game(FILE *out, const struct store_trivia_state *st,
			 const char *status, const char *banks,
			 const struct trivia_player *rank, unsigned n, int first)
{
	const struct store_trivia_game *g = &st->game;

	fprintf(out, "%s{\"id\":%" PRId64 ",\"code\":", first ? "" : ",", g->id);
	emit_json_string(out, g->code);
	fprintf(out, ",\"kind\":\"%s\",\"status\":\"%s\",\"host\":",
		g->hosted ? "hosted" : "hotseat", status);
	emit_json_string(out, g->host_user);
	report_trivia_json_time(out, "created_at", g->created_at);
	report_trivia_json_time(out, "started_at", g->started_at);
	report_trivia_json_time(out, "ended_at", g->ended_at);
	fprintf(out, ",\"seed\":\"%" PRIu64 "\",\"rounds\":%u,\"rounds_played\":%u,"
		"\"seconds\":%" PRId64 ",\"points\":%u,\"speed\":%s,\"streak\":%s,"
		"\"teams\":%s,\"banks\":", g->seed, g->rounds, store_trivia_played(st),
		g->time_limit_ms / 1000, g->points, g->speed ? "true" : "false",
		g->streak ? "true" : "false", g->teams ? "true" : "false");
	emit_json_string(out, banks);
	fputs(",\"ranking\":[", out);
	for (unsigned i = 0; i < n; i++) {
		fprintf(out, "%s{\"rank\":%u,\"name\":", i ? "," : "", i + 1);
		emit_json_string(out, rank[i].name);
		fprintf(out, ",\"score\":%" PRId64 ",\"right\":%u,\"time_ms\":%" PRId64
			",\"absent\":%s}", rank[i].score, rank[i].right, rank[i].time_ms,
			report_trivia_absent(st, rank[i].name) ? "true" : "false");
	}
	fprintf(out, "],\"tie_rule\":");
	emit_json_string(out, TRIVIA_TIE_RULE);
	fputs("}\n", out);
}

/* ---- the report ---- */

struct report_trivia_run {
	const struct options *cli;
	const char *fmt;
	struct store *store;
	int64_t offset_ms;           /* the store's clock ahead of ours */
	FILE *out;
	unsigned shown;
	struct report_board *board;  /* --leaderboard; NULL: the games */
};

/* A game as it is now: the current round's answers tell whether it was
 * played (read again when a running game moved on meanwhile).  0, 1 when
 * it vanished, or -1 after printing why. */
static int report_trivia_read(struct report_trivia_run *r, const struct report_trivia_game *gm,
		   struct store_trivia_state *st)
{
	struct rc_error err;
	int rc = store_trivia_state(r->store, gm->g.id, gm->g.current_round, st, &err);

	if (rc == 0 && st->game.current_round != gm->g.current_round)
		rc = store_trivia_state(r->store, gm->g.id, st->game.current_round, st, &err);
	if (rc < 0)
		app_fail("%s", err.msg);
	return rc;
}

static void report_trivia_show(struct report_trivia_run *r, const struct report_trivia_game *gm,
		    const struct store_trivia_state *st)
{
	struct trivia_player rank[STORE_TRIVIA_MAX_PLAYERS];
	unsigned n = report_trivia_rank(st, r->cli->user, rank);
	const char *status = report_trivia_status(&st->game, r->offset_ms);

	if (!n && r->cli->user)
		return;
	if (!strcmp(r->fmt, "csv"))
		report_trivia_csv_game(r->out, st, status, rank, n);
	else if (!strcmp(r->fmt, "json"))
		report_trivia_json_game(r->out, st, status, gm->banks, rank, n, r->shown == 0);
	else
		report_trivia_text_game(r->out, st, status, rank, n);
	r->shown++;
}

static int report_trivia_game(struct report_trivia_run *r, const struct report_trivia_game *gm)
{
	struct store_trivia_state *st = malloc(sizeof *st);
	struct trivia_player rank[STORE_TRIVIA_MAX_PLAYERS];
	int rc;

	if (!st) {
		app_fail("out of memory");
		return -1;
	}
	rc = report_trivia_read(r, gm, st);
	if (rc == 0 && !r->board)
		report_trivia_show(r, gm, st);
	/* the board ranks everyone; --user picks a line when it is printed */
	if (rc == 0 && r->board &&
	    report_board_add(r->board, st, rank, report_trivia_rank(st, NULL, rank)) < 0) {
		app_fail("out of memory");
		rc = -1;
	}
	free(st);
	return rc < 0 ? -1 : 0;
}

static void report_trivia_none(FILE *out)
{
	fputs("No trivia games yet; 'rolecall trivia --players \"Ana,Ben\"' starts "
	      "one.\n", out);
}

static int report_trivia_print_board(struct report_trivia_run *r,
				     const struct report_trivia_games *gs)
{
	for (size_t i = 0; i < gs->n; i++)
		if (report_trivia_game(r, &gs->v[i]) < 0)
			return -1;
	if (!report_board_print(r->board, r->out, r->fmt, r->cli->user) &&
	    !strcmp(r->fmt, "text"))
		report_trivia_none(r->out);
	return 0;
}

static int report_trivia_print(struct report_trivia_run *r, const struct report_trivia_games *gs)
{
	if (r->board)
		return report_trivia_print_board(r, gs);
	if (!strcmp(r->fmt, "csv"))
		fputs("game_id,code,kind,status,created_at,rounds,seconds,rank,player,"
		      "score,right,time_ms,absent,rounds_played\n", r->out);
	else if (!strcmp(r->fmt, "json"))
		fputs("[", r->out);
	for (size_t i = 0; i < gs->n; i++)
		if (report_trivia_game(r, &gs->v[i]) < 0)
			return -1;
	if (!strcmp(r->fmt, "json"))
		fputs("]\n", r->out);
	else if (!strcmp(r->fmt, "text") && r->shown)
		fprintf(r->out, "\n%s\n", TRIVIA_TIE_RULE);
	else if (!strcmp(r->fmt, "text"))
		report_trivia_none(r->out);
	return 0;
}

/* The first option given that a trivia report has no use for, or NULL. */
static const char *report_trivia_extra(const struct options *cli)
{
	return cli->items ? "--items" : cli->certificate ? "--certificate" :
	       cli->cohort ? "--cohort" : cli->exam_id ? "--exam" :
	       cli->verify ? "--verify" : cli->all ? "--all" :
	       cli->has_mode ? "--mode" : NULL;
}

static int report_trivia_check(const struct options *cli)
{
	const char *extra = report_trivia_extra(cli);

	if (cli->n_args) {
		app_fail("'report' takes no arguments; see 'rolecall help report'");
		return -1;
	}
	if (extra) {
		app_fail("report --trivia takes --leaderboard, --format, --since, --user "
			 "and --db only; leave out %s", extra);
		return -1;
	}
	return 0;
}

int report_trivia(const struct options *cli)
{
	struct store_trivia_filter f = { 0, NULL, cli->since, 0 };
	struct report_trivia_run r = { cli, cli->format ? cli->format : "text", NULL, 0,
				       stdout, 0, NULL };
	struct report_trivia_games gs = { 0 };
	struct rc_error err;
	char path[4096];
	int rc = -1;

	if (report_trivia_check(cli) < 0)
		return EXIT_USAGE;
	if (paths_db(cli->db, path, sizeof path, &err) < 0) {
		app_fail("%s", err.msg);
		return EXIT_FAIL;
	}
	if (cli->leaderboard && !(r.board = report_board_new()))
		app_fail("out of memory");
	else if (store_open_existing(path, &r.store, &err) < 0 ||
		 store_clock_offset(r.store, app_wall_ms, &r.offset_ms, &err) < 0 ||
		 store_trivia_each_game(r.store, &f, report_trivia_take, &gs, &err) < 0)
		app_fail("%s", err.msg);
	else if (gs.oom)
		app_fail("out of memory");
	else
		rc = report_trivia_print(&r, &gs);
	report_trivia_free(&gs);
	report_board_free(r.board);
	store_close(r.store);
	return rc < 0 ? EXIT_FAIL : EXIT_OK;
}
