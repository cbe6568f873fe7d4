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
#include "trivia_game.h"

struct rt_game {
	struct store_trivia_game g; /* banks points at the copy */
	char *banks;
};

struct rt_games {
	struct rt_game *v;
	size_t n, cap;
	int oom;
};

/* What became of a game.  A host killed with -9 cannot record that its
 * game ended; its heartbeat stopping is what tells. */
static const char *rt_status(const struct store_trivia_game *g)
{
	static const char *const names[] = { "lobby", "running", "done", "abandoned" };

	if (g->hosted && g->status < STORE_TRIVIA_DONE &&
	    g->host_seen_ms < tgame_wall_ms() - TGAME_HOST_STALE_MS)
		return "interrupted";
	return names[g->status];
}

static int rt_take(void *ctx, const struct store_trivia_game *g)
{
	struct rt_games *gs = ctx;
	struct rt_game *v;

	if (gs->n == gs->cap) {
		size_t cap = gs->cap ? gs->cap * 2 : 16;

		if (!(v = realloc(gs->v, cap * sizeof *v))) {
			gs->oom = 1;
			return 1;
		}
		gs->v = v;
		gs->cap = cap;
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

static void rt_free(struct rt_games *gs)
{
	for (size_t i = 0; i < gs->n; i++)
		free(gs->v[i].banks);
	free(gs->v);
}

/* A game's players in ranking order; 0 when the game has no player of
 * the name asked for (--user). */
static unsigned rt_rank(const struct store_trivia_state *st, const char *user,
			struct trivia_player *out)
{
	int found = !user;

	for (unsigned i = 0; i < st->n_players; i++) {
		const struct store_trivia_player *p = &st->players[i];

		out[i] = (struct trivia_player){ p->name, p->score, p->right, p->streak,
						 p->time_ms, 0 };
		found |= user && !strcmp(p->name, user);
	}
	if (!found)
		return 0;
	trivia_rank(out, st->n_players);
	return st->n_players;
}

static int rt_absent(const struct store_trivia_state *st, const char *name)
{
	for (unsigned i = 0; i < st->n_players; i++)
		if (!strcmp(st->players[i].name, name))
			return st->players[i].absent;
	return 0;
}

static void rt_seconds(char *buf, size_t len, int64_t ms)
{
	snprintf(buf, len, "%" PRId64 ".%" PRId64 " s", ms / 1000, ms % 1000 / 100);
}

/* ---- formats ---- */

static void rt_text_game(FILE *out, const struct store_trivia_state *st,
			 const struct trivia_player *rank, unsigned n)
{
	const struct store_trivia_game *g = &st->game;
	char when[32] = "?", t[32];
	time_t tt = (time_t)g->created_at;
	struct tm tm;

	if (gmtime_r(&tt, &tm))
		strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
	fputs("\nGame ", out);
	emit_text(out, g->code);
	fprintf(out, ", %s: %s, %u question%s of %" PRId64 " s, %s; %s\n", when,
		g->hosted ? "hosted" : "hot seat", g->rounds,
		g->rounds == 1 ? "" : "s", g->time_limit_ms / 1000,
		g->teams ? "teams" : "players", rt_status(g));
	if (!n)
		fputs("  nobody joined\n", out);
	for (unsigned i = 0; i < n; i++) {
		fprintf(out, "  %2u. ", i + 1);
		emit_text(out, rank[i].name);
		rt_seconds(t, sizeof t, rank[i].time_ms);
		fprintf(out, ": %" PRId64 " points, %u right, %s%s\n", rank[i].score,
			rank[i].right, t, rt_absent(st, rank[i].name) ? " (absent)" : "");
	}
}

static void rt_csv_game(FILE *out, const struct store_trivia_state *st,
			const struct trivia_player *rank, unsigned n)
{
	const struct store_trivia_game *g = &st->game;
	char when[32];

	report_iso_time(when, sizeof when, g->created_at);
	for (unsigned i = 0; i < n; i++) {
		fprintf(out, "%" PRId64 ",", g->id);
		emit_csv_field(out, g->code);
		fprintf(out, ",%s,%s,%s,%u,%" PRId64 ",%u,",
			g->hosted ? "hosted" : "hotseat", rt_status(g), when,
			g->rounds, g->time_limit_ms / 1000, i + 1);
		emit_csv_field(out, rank[i].name);
		fprintf(out, ",%" PRId64 ",%u,%" PRId64 ",%d\n", rank[i].score, rank[i].right,
			rank[i].time_ms, rt_absent(st, rank[i].name));
	}
}

static void rt_json_time(FILE *out, const char *key, int64_t t)
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

static void rt_json_game(FILE *out, const struct store_trivia_state *st,
			 const char *banks, const struct trivia_player *rank,
			 unsigned n, int first)
{
	const struct store_trivia_game *g = &st->game;

	fprintf(out, "%s{\"id\":%" PRId64 ",\"code\":", first ? "" : ",", g->id);
	emit_json_string(out, g->code);
	fprintf(out, ",\"kind\":\"%s\",\"status\":\"%s\",\"host\":",
		g->hosted ? "hosted" : "hotseat", rt_status(g));
	emit_json_string(out, g->host_user);
	rt_json_time(out, "created_at", g->created_at);
	rt_json_time(out, "started_at", g->started_at);
	rt_json_time(out, "ended_at", g->ended_at);
	fprintf(out, ",\"seed\":\"%" PRIu64 "\",\"rounds\":%u,\"rounds_played\":%u,"
		"\"seconds\":%" PRId64 ",\"points\":%u,\"speed\":%s,\"streak\":%s,"
		"\"teams\":%s,\"banks\":", g->seed, g->rounds, g->current_round,
		g->time_limit_ms / 1000, g->points, g->speed ? "true" : "false",
		g->streak ? "true" : "false", g->teams ? "true" : "false");
	emit_json_string(out, banks);
	fputs(",\"ranking\":[", out);
	for (unsigned i = 0; i < n; i++) {
		fprintf(out, "%s{\"rank\":%u,\"name\":", i ? "," : "", i + 1);
		emit_json_string(out, rank[i].name);
		fprintf(out, ",\"score\":%" PRId64 ",\"right\":%u,\"time_ms\":%" PRId64
			",\"absent\":%s}", rank[i].score, rank[i].right, rank[i].time_ms,
			rt_absent(st, rank[i].name) ? "true" : "false");
	}
	fprintf(out, "],\"tie_rule\":");
	emit_json_string(out, TRIVIA_TIE_RULE);
	fputs("}\n", out);
}

/* ---- the report ---- */

struct rt_run {
	const struct options *cli;
	const char *fmt;
	struct store *store;
	FILE *out;
	unsigned shown;
};

static int rt_game(struct rt_run *r, const struct rt_game *gm)
{
	struct store_trivia_state *st = malloc(sizeof *st);
	struct trivia_player rank[STORE_TRIVIA_MAX_PLAYERS];
	struct rc_error err;
	unsigned n;
	int rc;

	if (!st) {
		app_fail("out of memory");
		return -1;
	}
	if ((rc = store_trivia_state(r->store, gm->g.id, 0, st, &err)) < 0)
		app_fail("%s", err.msg);
	n = rc == 0 ? rt_rank(st, r->cli->user, rank) : 0;
	if (rc == 0 && (n || !r->cli->user)) {
		if (!strcmp(r->fmt, "csv"))
			rt_csv_game(r->out, st, rank, n);
		else if (!strcmp(r->fmt, "json"))
			rt_json_game(r->out, st, gm->banks, rank, n, r->shown == 0);
		else
			rt_text_game(r->out, st, rank, n);
		r->shown++;
	}
	free(st);
	return rc < 0 ? -1 : 0;
}

static int rt_print(struct rt_run *r, const struct rt_games *gs)
{
	if (!strcmp(r->fmt, "csv"))
		fputs("game_id,code,kind,status,created_at,rounds,seconds,rank,player,"
		      "score,right,time_ms,absent\n", r->out);
	else if (!strcmp(r->fmt, "json"))
		fputs("[", r->out);
	for (size_t i = 0; i < gs->n; i++)
		if (rt_game(r, &gs->v[i]) < 0)
			return -1;
	if (!strcmp(r->fmt, "json"))
		fputs("]\n", r->out);
	else if (!strcmp(r->fmt, "text") && r->shown)
		fprintf(r->out, "\n%s\n", TRIVIA_TIE_RULE);
	else if (!strcmp(r->fmt, "text"))
		fputs("No trivia games yet; 'rolecall trivia --players \"Ana,Ben\"' starts "
		      "one.\n", r->out);
	return 0;
}

static int rt_check(const struct options *cli)
{
	if (cli->items || cli->certificate || cli->cohort || cli->exam_id || cli->n_args) {
		app_fail("report --trivia takes --format, --since, --user and --db only");
		return -1;
	}
	return 0;
}

int report_trivia(const struct options *cli)
{
	struct store_trivia_filter f = { 0, NULL, cli->since, 0 };
	struct rt_run r = { cli, cli->format ? cli->format : "text", NULL, stdout, 0 };
	struct rt_games gs = { 0 };
	struct rc_error err;
	char path[4096];
	int rc = -1;

	if (rt_check(cli) < 0)
		return EXIT_USAGE;
	if (paths_db(cli->db, path, sizeof path, &err) < 0) {
		app_fail("%s", err.msg);
		return EXIT_FAIL;
	}
	if (store_open_existing(path, &r.store, &err) < 0 ||
	    store_trivia_each_game(r.store, &f, rt_take, &gs, &err) < 0)
		app_fail("%s", err.msg);
	else if (gs.oom)
		app_fail("out of memory");
	else
		rc = rt_print(&r, &gs);
	rt_free(&gs);
	store_close(r.store);
	return rc < 0 ? EXIT_FAIL : EXIT_OK;
}
