/*
 * rolecall report --trivia --leaderboard: the players ranked across games
 * (report.h).  Each player's line adds up the games it was in that played
 * at least one question: how many, their points, and its wins (first
 * place, by trivia_rank as the podium has it, in a game played to its
 * end).  Ranked by points, then wins, then fewer games, then name.  Team
 * games are left out: a team is not a person, and "Red" this week is not
 * last week's.  Names are matched exactly, as profiles are.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "report.h"
#include "rolecall/emit.h"
#include "strmap.h"

struct board_player {
	char name[STORE_TRIVIA_NAME_MAX + 1];
	unsigned games, wins;
	int64_t points;
};

struct report_board {
	struct arena arena;          /* the players; the map borrows their names */
	struct strmap by_name;       /* name -> struct board_player */
	struct board_player **v;     /* in the order first met, then ranked */
	size_t n, cap;
	unsigned games;              /* the games counted */
};

struct report_board *report_board_new(void)
{
	struct report_board *b = calloc(1, sizeof *b);

	if (!b)
		return NULL;
	arena_init(&b->arena, 64 * sizeof(struct board_player));
	strmap_init(&b->by_name);
	return b;
}

void report_board_free(struct report_board *b)
{
	if (!b)
		return;
	strmap_free(&b->by_name);
	arena_free(&b->arena);
	free(b->v);
	free(b);
}

/* The player of that name, added when new; NULL when out of memory. */
static struct board_player *board_player(struct report_board *b, const char *name)
{
	struct board_player *p = strmap_get(&b->by_name, name);

	if (p)
		return p;
	if (report_grow(&b->v, &b->cap, b->n, sizeof *b->v, 32) < 0)
		return NULL;
	if (!(p = arena_alloc(&b->arena, sizeof *p)))
		return NULL;
	memset(p, 0, sizeof *p);
	snprintf(p->name, sizeof p->name, "%s", name);
	if (strmap_put(&b->by_name, p->name, p) < 0)
		return NULL;
	b->v[b->n++] = p;
	return p;
}

int report_board_add(struct report_board *b, const struct store_trivia_state *st,
		     const struct trivia_player *rank, unsigned n)
{
	int finished = st->game.status == STORE_TRIVIA_DONE;

	/* a game that played nothing ranks nobody */
	if (st->game.teams || !n || !store_trivia_played(st))
		return 0;
	b->games++;
	for (unsigned i = 0; i < n; i++) {
		struct board_player *p = board_player(b, rank[i].name);

		if (!p)
			return -1;
		p->games++;
		p->points += rank[i].score;
		p->wins += i == 0 && finished;
	}
	return 0;
}

static int board_cmp(const void *a, const void *b)
{
	const struct board_player *x = *(struct board_player *const *)a;
	const struct board_player *y = *(struct board_player *const *)b;

	if (x->points != y->points)
		return x->points > y->points ? -1 : 1;
	if (x->wins != y->wins)
		return x->wins > y->wins ? -1 : 1;
	if (x->games != y->games)
		return x->games < y->games ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* ---- formats ---- */

static int board_shown(const struct board_player *p, const char *user)
{
	return !user || !strcmp(p->name, user);
}

static void board_text(const struct report_board *b, FILE *out, const char *user)
{
	int w = 6; /* "Player" */

	for (size_t i = 0; i < b->n; i++)
		if (board_shown(b->v[i], user) && emit_width(b->v[i]->name) > w)
			w = emit_width(b->v[i]->name);
	fprintf(out, "Trivia leaderboard: %zu player%s, %u game%s\n\n", b->n,
		b->n == 1 ? "" : "s", b->games, b->games == 1 ? "" : "s");
	fputs("Rank  ", out);
	emit_cell(out, "Player", w, 0);
	fputs("  Games   Points  Wins\n", out);
	for (size_t i = 0; i < b->n; i++) {
		const struct board_player *p = b->v[i];

		if (!board_shown(p, user))
			continue;
		fprintf(out, "%4zu  ", i + 1);
		emit_cell(out, p->name, w, 0);
		fprintf(out, "  %5u %8" PRId64 "  %4u\n", p->games, p->points, p->wins);
	}
	fprintf(out, "\n%s\n", REPORT_BOARD_RULE);
}

static void board_csv(const struct report_board *b, FILE *out, const char *user)
{
	fputs("rank,player,games,points,wins\n", out);
	for (size_t i = 0; i < b->n; i++) {
		if (!board_shown(b->v[i], user))
			continue;
		fprintf(out, "%zu,", i + 1);
		emit_csv_field(out, b->v[i]->name);
		fprintf(out, ",%u,%" PRId64 ",%u\n", b->v[i]->games, b->v[i]->points,
			b->v[i]->wins);
	}
}

static void board_json(const struct report_board *b, FILE *out, const char *user)
{
	int first = 1;

	fputs("[", out);
	for (size_t i = 0; i < b->n; i++) {
		if (!board_shown(b->v[i], user))
			continue;
		fprintf(out, "%s{\"rank\":%zu,\"name\":", first ? "" : ",\n", i + 1);
		emit_json_string(out, b->v[i]->name);
		fprintf(out, ",\"games\":%u,\"points\":%" PRId64 ",\"wins\":%u}",
			b->v[i]->games, b->v[i]->points, b->v[i]->wins);
		first = 0;
	}
	fputs("]\n", out);
}

size_t report_board_print(struct report_board *b, FILE *out, const char *fmt,
			  const char *user)
{
	size_t shown = 0;

	if (b->n) /* no board yet: v is NULL, which qsort may not be given */
		qsort(b->v, b->n, sizeof *b->v, board_cmp);
	for (size_t i = 0; i < b->n; i++)
		shown += board_shown(b->v[i], user);
	if (!strcmp(fmt, "csv"))
		board_csv(b, out, user);
	else if (!strcmp(fmt, "json"))
		board_json(b, out, user);
	else if (shown)
		board_text(b, out, user);
	return shown;
}
