/*
 * Trivia games: drawing, storing, joining, polling and scoring.  Every
 * move goes to the store first and is copied into the struct after; what
 * the struct shows is what the database says (see trivia_game.h).
 */
#include "rolecall/trivia_game.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rolecall/emit.h"
#include "rolecall/engine.h"
#include "rolecall/exam.h"
#include "rolecall/rng.h"

/* No 0/O, no 1/I: a code read aloud or off another screen is typed right. */
static const char trivia_game_alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
#define TRIVIA_GAME_CODE_TRIES 50

int64_t trivia_game_now(const struct trivia_game *g)
{
	return g->env.clock.ms(g->env.clock.ctx) + g->env.offset_ms;
}

/* The unix seconds stored as dates. */
static int64_t trivia_game_date(const struct trivia_game *g)
{
	return g->env.clock.s(g->env.clock.ctx);
}

/* ---- names ---- */

int trivia_game_check_name(const char *name, struct rc_error *err)
{
	size_t n = strlen(name);

	if (!n)
		return rc_error_set(err, "a name cannot be empty");
	if (n > STORE_TRIVIA_NAME_MAX)
		return rc_error_set(err, "'%.*s...' is too long for a name (at most %d "
				    "bytes)", 16, name, STORE_TRIVIA_NAME_MAX);
	if (name[0] == ' ' || name[n - 1] == ' ')
		return rc_error_set(err, "'%s': a name cannot start or end with a blank",
				    name);
	/* Names reach other players' terminals: nothing that could steer one. */
	for (size_t at = 0; at < n;) {
		long cp;

		at += emit_utf8_next(name + at, n - at, &cp);
		if (cp < 0 || cp == ',' || emit_unsafe_char(cp))
			return rc_error_set(err, "a name cannot hold a comma, a control "
					    "character or bytes that are not UTF-8");
		if (emit_invisible_char(cp))
			return rc_error_set(err, "a name cannot hold U+%04lX, which prints "
					    "as nothing (a zero-width, bidirectional or "
					    "tag character): it would look like another "
					    "name", cp);
	}
	return 0;
}

/* Trim blanks around [s, e) in place; returns the new start. */
static char *trivia_game_trim(char *s, char *e)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	*e = '\0';
	return s;
}

static int trivia_game_split_names(char *text, char **v, unsigned *n, const char *what,
			     struct rc_error *err)
{
	char *at = text;

	*n = 0;
	for (;;) {
		char *comma = strchr(at, ','), *end = comma ? comma : at + strlen(at);
		char *name = trivia_game_trim(at, end);

		if (*n == STORE_TRIVIA_FILE_PLAYERS)
			return rc_error_set(err, "at most %d %s", STORE_TRIVIA_FILE_PLAYERS,
					    what);
		if (trivia_game_check_name(name, err) < 0)
			return -1;
		for (unsigned i = 0; i < *n; i++)
			if (!strcasecmp(v[i], name))
				return rc_error_set(err, "'%s' is named twice among the %s",
						    name, what);
		v[(*n)++] = name;
		if (!comma)
			return 0;
		at = comma + 1;
	}
}

int trivia_game_parse_names(const char *list, const char *what, char ***names,
		      unsigned *n, struct rc_error *err)
{
	size_t len = strlen(list) + 1;
	/* the pointers, then the text they point into, in one block */
	char **v = malloc(STORE_TRIVIA_MAX_PLAYERS * sizeof *v + len);
	char *text;

	*names = NULL;
	if (!v)
		return rc_error_set(err, "out of memory");
	text = (char *)(v + STORE_TRIVIA_MAX_PLAYERS);
	memcpy(text, list, len);
	if (trivia_game_split_names(text, v, n, what, err) < 0) {
		free(v);
		return -1;
	}
	*names = v;
	return 0;
}

int trivia_game_parse_code(const char *arg, char *code, struct rc_error *err)
{
	size_t n = 0;

	for (const char *p = arg; *p; p++) {
		char c = *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;

		if (c == ' ' || c == '-')
			continue;
		if (n == STORE_TRIVIA_CODE_MAX || !c || !strchr(trivia_game_alphabet, c))
			return rc_error_set(err, "'%s' is not a game code (%d letters and "
					    "digits from the host's screen, without 0, O, "
					    "1 or I)", arg, TRIVIA_GAME_CODE_LEN);
		code[n++] = c;
	}
	code[n] = '\0';
	if (n < 4)
		return rc_error_set(err, "'%s' is not a game code (%d letters and digits "
				    "from the host's screen)", arg, TRIVIA_GAME_CODE_LEN);
	return 0;
}

/* ---- drawing and creating ---- */

/* The questions, as an exam would draw them: evenly across roles, seeded,
 * one option order. */
static int trivia_game_draw(struct trivia_game *g, const struct trivia_game_config *cfg,
		      struct rc_error *err)
{
	struct exam_config ec = { 0 };
	struct exam *e;
	size_t have = 0;

	for (size_t i = 0; i < g->n_banks; i++)
		have += g->banks[i]->n_questions;
	if (have < g->game.rounds)
		return rc_error_set(err, "the game asks %u questions but the chosen banks "
				    "have %zu; lower --rounds", g->game.rounds, have);
	ec.banks = g->banks;
	ec.n_banks = g->n_banks;
	ec.count = g->game.rounds;
	ec.pass_given = 1;
	ec.seed = cfg->seed;
	ec.now = trivia_game_date(g);
	if (exam_new(g->env.cat, &ec, &e, err) < 0)
		return -1;
	g->questions = calloc(g->game.rounds, sizeof *g->questions);
	if (!g->questions) {
		exam_free(e);
		return rc_error_set(err, "out of memory");
	}
	for (unsigned i = 0; i < g->game.rounds; i++) {
		const struct exam_item *it = exam_item(e, i);
		struct trivia_game_question *tq = &g->questions[i];

		tq->q = it->q;
		tq->n_options = it->n_options;
		memcpy(tq->order, it->order, sizeof tq->order);
		for (unsigned k = 0; k < tq->n_options; k++)
			if (tq->order[k] == tq->q->correct)
				tq->right = k;
	}
	exam_free(e);
	return 0;
}

static void trivia_game_make_code(char *code, struct rng *rng)
{
	for (int i = 0; i < TRIVIA_GAME_CODE_LEN; i++)
		code[i] = trivia_game_alphabet[rng_below(rng, sizeof trivia_game_alphabet - 1)];
	code[TRIVIA_GAME_CODE_LEN] = '\0';
}

static void trivia_game_rules(struct trivia_game *g)
{
	g->rules.points = g->game.points;
	g->rules.speed = g->game.speed;
	g->rules.streak = g->game.streak;
	g->rules.limit_ms = g->game.time_limit_ms;
}

static struct trivia_game *trivia_game_alloc(const struct trivia_game_env *env,
					     enum trivia_game_role role)
{
	struct trivia_game *g = calloc(1, sizeof *g);

	if (!g)
		return NULL;
	g->env = *env;
	g->role = role;
	g->me = -1;
	return g;
}

static void trivia_game_setup(struct trivia_game *g, const struct trivia_game_config *cfg,
			      int hosted)
{
	struct store_trivia_game *sg = &g->game;

	sg->hosted = hosted;
	sg->teams = cfg->teams;
	snprintf(sg->host_user, sizeof sg->host_user, "%s", g->env.user);
	sg->created_at = trivia_game_date(g);
	sg->seed = cfg->seed;
	sg->rounds = cfg->rounds ? cfg->rounds : TRIVIA_GAME_DEFAULT_ROUNDS;
	sg->time_limit_ms = (int64_t)(cfg->seconds ? cfg->seconds :
				      TRIVIA_GAME_DEFAULT_SECONDS) * 1000;
	sg->points = cfg->points;
	sg->speed = cfg->speed;
	sg->streak = cfg->streak;
	g->countdown_ms = (int64_t)cfg->countdown * 1000;
	g->banks = cfg->banks ? cfg->banks : g->env.banks;
	g->n_banks = cfg->banks ? cfg->n_banks : g->env.n_banks;
	trivia_game_rules(g);
}

/* Store the game under a fresh code, drawn from env.code_seed (not the
 * game's seed, so that a replayed game still gets its own). */
static int trivia_game_store(struct trivia_game *g, const char *const *names, unsigned n,
		       struct rc_error *err)
{
	struct store_trivia_round *r = calloc(g->game.rounds, sizeof *r);
	/* joiners need these, the ones questions are drawn from */
	char *banks = bank_versions_text(g->banks, g->n_banks);
	struct rng rng;
	int rc = 1;

	if (!r || !banks) {
		free(r);
		free(banks);
		return rc_error_set(err, "out of memory");
	}
	g->game.banks = banks;
	for (unsigned i = 0; i < g->game.rounds; i++) {
		r[i].round = i + 1;
		r[i].bank_id = g->questions[i].q->bank->id;
		r[i].question_id = g->questions[i].q->id;
		r[i].n_shown = g->questions[i].n_options;
		memcpy(r[i].shown_choices, g->questions[i].order, sizeof r[i].shown_choices);
	}
	rng_seed(&rng, g->env.code_seed);
	for (int i = 0; rc == 1 && i < TRIVIA_GAME_CODE_TRIES; i++) {
		trivia_game_make_code(g->game.code, &rng);
		rc = store_trivia_create(g->env.store, &g->game, r, names, n,
					 trivia_game_now(g), err);
	}
	free(r);
	free(banks);
	g->game.banks = NULL;
	g->game.bank_files = NULL;
	if (rc == 1)
		return rc_error_set(err, "no free game code found; try again");
	return rc;
}

/* Copy what the store says into the struct; 1 when anything shown changed. */
static int trivia_game_take(struct trivia_game *g, const struct store_trivia_state *st,
		      int64_t now_ms)
{
	int changed = st->n_players != g->n_players ||
		      st->game.status != g->game.status ||
		      st->game.phase != g->game.phase ||
		      st->game.current_round != g->game.current_round;

	g->game = st->game;
	g->played = store_trivia_played(st);
	for (unsigned i = 0; i < st->n_players; i++) {
		struct trivia_game_player *p = &g->players[i];
		const struct store_trivia_player *s = &st->players[i];
		int here = !s->absent && (g->role == TRIVIA_GAME_HOTSEAT ||
					  s->last_seen_ms >= now_ms - TRIVIA_GAME_STALE_MS);

		if (i >= g->n_players || strcmp(p->s.name, s->name))
			changed = 1;
		else
			changed |= p->here != here || p->s.answered != s->answered ||
				   p->s.points != s->points || p->s.score != s->score ||
				   p->s.absent != s->absent || p->s.removed != s->removed;
		p->s = *s;
		p->here = here;
	}
	g->n_players = st->n_players;
	if (g->role == TRIVIA_GAME_PLAYER) {
		g->me = -1;
		for (unsigned i = 0; i < g->n_players; i++)
			if (!strcmp(g->players[i].s.name, g->my_name))
				g->me = (int)i;
	}
	if (changed)
		g->version++;
	return changed;
}

static int trivia_game_refresh(struct trivia_game *g, struct rc_error *err)
{
	struct store_trivia_state *st = malloc(sizeof *st);
	int rc;

	if (!st)
		return rc_error_set(err, "out of memory");
	rc = store_trivia_state(g->env.store, g->game.id, g->game.current_round, st, err);
	/* The host moved on since we looked: the answers we want are the
	 * new round's. */
	if (rc == 0 && st->game.current_round != g->game.current_round)
		rc = store_trivia_state(g->env.store, g->game.id,
					st->game.current_round, st, err);
	if (rc == 1)
		rc = rc_error_set(err, "%s: trivia game %s has vanished from the database",
				  store_path(g->env.store), g->game.code);
	if (rc == 0)
		rc = trivia_game_take(g, st, trivia_game_now(g));
	free(st);
	return rc;
}

/* Hot seat with players: each answers into their own profile. */
static int trivia_game_load_profiles(struct trivia_game *g, struct rc_error *err)
{
	for (unsigned i = 0; i < g->n_players; i++) {
		struct trivia_game_player *p = &g->players[i];

		if (!(p->h = history_new()))
			return rc_error_set(err, "out of memory");
		if (store_user(g->env.store, p->s.name, &p->user_id, err) < 0 ||
		    store_load_history(g->env.store, p->user_id, p->h, err) < 0)
			return -1;
	}
	return 0;
}

int trivia_game_new_hotseat(const struct trivia_game_env *env, const struct trivia_game_config *cfg,
		      struct trivia_game **out, struct rc_error *err)
{
	struct trivia_game *g = trivia_game_alloc(env, TRIVIA_GAME_HOTSEAT);

	*out = NULL;
	if (!g)
		return rc_error_set(err, "out of memory");
	trivia_game_setup(g, cfg, 0);
	if (trivia_game_draw(g, cfg, err) < 0 ||
	    trivia_game_store(g, cfg->names, cfg->n_names, err) < 0 ||
	    trivia_game_refresh(g, err) < 0 ||
	    (!cfg->teams && trivia_game_load_profiles(g, err) < 0)) {
		trivia_game_free(g);
		return -1;
	}
	*out = g;
	return 0;
}

int trivia_game_new_host(const struct trivia_game_env *env, const struct trivia_game_config *cfg,
		   struct trivia_game **out, struct rc_error *err)
{
	struct trivia_game *g = trivia_game_alloc(env, TRIVIA_GAME_HOST);

	*out = NULL;
	if (!g)
		return rc_error_set(err, "out of memory");
	trivia_game_setup(g, cfg, 1);
	g->game.bank_files = cfg->bank_files;
	if (trivia_game_draw(g, cfg, err) < 0 || trivia_game_store(g, NULL, 0, err) < 0 ||
	    store_trivia_listen(env->store, g->game.id, err) < 0 ||
	    trivia_game_refresh(g, err) < 0) {
		trivia_game_free(g);
		return -1;
	}
	g->beat_ms = trivia_game_now(g);
	*out = g;
	return 0;
}

void trivia_game_free(struct trivia_game *g)
{
	if (!g)
		return;
	for (unsigned i = 0; i < STORE_TRIVIA_MAX_PLAYERS; i++)
		history_free(g->players[i].h);
	free(g->questions);
	free(g);
}

/* ---- joining ---- */

/* The game with a code, and a copy of its bank lists. */
struct trivia_game_found {
	struct store_trivia_game game;
	char *banks, *files;
	int found, oom;
};

static int trivia_game_take_found(void *ctx, const struct store_trivia_game *g)
{
	struct trivia_game_found *f = ctx;

	f->found = 1;
	f->game = *g;
	f->banks = strdup(g->banks);
	f->files = strdup(g->bank_files);
	f->oom = !f->banks || !f->files;
	f->game.banks = f->game.bank_files = NULL;
	return 1;
}

static void trivia_game_found_free(struct trivia_game_found *f)
{
	free(f->banks);
	free(f->files);
}

static int trivia_game_find_code(struct store *s, const char *code, struct trivia_game_found *f,
			   struct rc_error *err)
{
	struct store_trivia_filter filter = { 0, code, INT64_MIN, 0 };

	memset(f, 0, sizeof *f);
	if (store_trivia_each_game(s, &filter, trivia_game_take_found, f, err) < 0)
		return -1;
	if (f->oom)
		return rc_error_set(err, "out of memory");
	if (!f->found)
		return rc_error_set(err, "%s: there is no trivia game with the code %s; "
				    "check the code on the host's screen and that you "
				    "use the host's --db", store_path(s), code);
	return 0;
}

int trivia_game_files(struct store *s, const char *code, char **files,
		     struct rc_error *err)
{
	struct trivia_game_found f;
	int rc;

	*files = NULL;
	rc = trivia_game_find_code(s, code, &f, err);
	if (rc == 0) {
		*files = f.files;
		f.files = NULL;
	}
	trivia_game_found_free(&f);
	return rc;
}

/* Every bank the host used must be here, in the same version: otherwise
 * the players would not see the same questions. */
static int trivia_game_check_banks(const struct catalog *cat, const char *banks,
			     struct rc_error *err)
{
	const char *p = banks;

	while (*p) {
		const char *colon = strchr(p, ','), *end = colon ? colon : p + strlen(p);
		const char *sep = memchr(p, ':', (size_t)(end - p));
		char id[256];
		const struct bank *b;

		if (!sep || (size_t)(sep - p) >= sizeof id)
			return rc_error_set(err, "the game's list of banks is malformed");
		memcpy(id, p, (size_t)(sep - p));
		id[sep - p] = '\0';
		if (!(b = catalog_find_bank(cat, id)))
			return rc_error_set(err, "the game uses the bank '%s', which is not "
					    "loaded here; give the host's --bank", id);
		if (strlen(b->sha256) != (size_t)(end - sep - 1) ||
		    strncmp(b->sha256, sep + 1, (size_t)(end - sep - 1)))
			return rc_error_set(err, "your copy of the bank '%s' (%s) differs "
					    "from the host's; use the same file", id, b->path);
		p = *end ? end + 1 : end;
	}
	return 0;
}

struct trivia_game_loader {
	struct trivia_game *g;
	struct rc_error *err;
	int failed;
};

static int trivia_game_take_round(void *ctx, const struct store_trivia_round *r)
{
	struct trivia_game_loader *l = ctx;
	const struct bank_question *q = catalog_find_question(l->g->env.cat,
							      r->question_id);
	struct trivia_game_question *tq;

	if (r->round < 1 || r->round > l->g->game.rounds || !q ||
	    strcmp(q->bank->id, r->bank_id) || r->n_shown != q->n_choices) {
		l->failed = rc_error_set(l->err, "question %u of the game ('%s') is not "
					 "in your banks as the host has it", r->round,
					 r->question_id);
		return 1;
	}
	tq = &l->g->questions[r->round - 1];
	tq->q = q;
	tq->n_options = r->n_shown;
	for (unsigned k = 0; k < r->n_shown; k++) {
		if (r->shown_choices[k] >= q->n_choices) {
			l->failed = rc_error_set(l->err, "question %u of the game is "
						 "malformed", r->round);
			return 1;
		}
		tq->order[k] = r->shown_choices[k];
		if (tq->order[k] == q->correct)
			tq->right = k;
	}
	return 0;
}

static int trivia_game_load_rounds(struct trivia_game *g, struct rc_error *err)
{
	struct trivia_game_loader l = { g, err, 0 };

	if (!(g->questions = calloc(g->game.rounds, sizeof *g->questions)))
		return rc_error_set(err, "out of memory");
	if (store_trivia_each_round(g->env.store, g->game.id, trivia_game_take_round, &l,
				    err) < 0 || l.failed)
		return -1;
	for (unsigned i = 0; i < g->game.rounds; i++)
		if (!g->questions[i].q)
			return rc_error_set(err, "question %u of the game is missing", i + 1);
	return 0;
}

static int trivia_game_join_as(struct trivia_game *g, const char *name, struct rc_error *err)
{
	int64_t now_ms = trivia_game_now(g);
	int rc = store_trivia_join(g->env.store, g->game.id, name, trivia_game_date(g), now_ms,
				   TRIVIA_GAME_STALE_MS, err);

	switch (rc) {
	case STORE_TRIVIA_JOINED:
	case STORE_TRIVIA_REJOINED:
		g->beat_ms = now_ms;
		return 0;
	case STORE_TRIVIA_NAME_TAKEN:
		return rc_error_set(err, "someone called %s is playing in game %s; pick "
				    "another --name (or wait %d seconds if that was you "
				    "on a terminal that died)", name, g->game.code,
				    TRIVIA_GAME_STALE_MS / 1000);
	case STORE_TRIVIA_FULL:
		return rc_error_set(err, "game %s is full (%u players)", g->game.code,
				    store_trivia_max_players(g->env.store));
	case STORE_TRIVIA_OVER:
		return rc_error_set(err, "game %s is over; 'rolecall report --trivia' "
				    "shows its ranking", g->game.code);
	case STORE_TRIVIA_REMOVED:
		return rc_error_set(err, "the host removed %s from game %s; it cannot be "
				    "rejoined under that name", name, g->game.code);
	default:
		return -1;
	}
}

int trivia_game_join(const struct trivia_game_env *env, const char *code, const char *name,
	       struct trivia_game **out, struct rc_error *err)
{
	struct trivia_game *g = trivia_game_alloc(env, TRIVIA_GAME_PLAYER);
	struct trivia_game_found f;
	int rc;

	*out = NULL;
	if (!g)
		return rc_error_set(err, "out of memory");
	/* find_code may fail with one of the lists copied: freed either way */
	memset(&f, 0, sizeof f);
	snprintf(g->my_name, sizeof g->my_name, "%s", name);
	rc = trivia_game_check_name(name, err);
	if (rc == 0 && (rc = trivia_game_find_code(env->store, code, &f, err)) == 0) {
		g->game = f.game;
		trivia_game_rules(g);
		rc = trivia_game_check_banks(env->cat, f.banks, err);
	}
	trivia_game_found_free(&f);
	if (rc < 0 || store_trivia_listen(env->store, g->game.id, err) < 0 ||
	    trivia_game_load_rounds(g, err) < 0 || trivia_game_join_as(g, name, err) < 0 ||
	    trivia_game_refresh(g, err) < 0) {
		trivia_game_free(g);
		return -1;
	}
	*out = g;
	return 0;
}

/* ---- playing ---- */

/* A heartbeat is best effort: one the store refuses (another program
 * holds the lock, the disk is full) is skipped and tried again a beat
 * later, never the end of the game.  Only reading the game is vital. */
static void trivia_game_beat(struct trivia_game *g, int64_t now_ms)
{
	const char *who = g->role == TRIVIA_GAME_PLAYER ? g->my_name : NULL;
	struct rc_error ignored;

	if (now_ms - g->beat_ms < TRIVIA_GAME_BEAT_MS)
		return;
	g->beat_ms = now_ms;
	if (store_trivia_seen(g->env.store, g->game.id, who, now_ms, &ignored) < 0)
		g->beats_missed++;
	else
		g->beats_missed = 0;
}

/* The host marks silent players absent, so the record says who left; a
 * write only when there is someone to mark, and as best effort as a
 * heartbeat: the next poll tries again. */
static void trivia_game_mark_silent(struct trivia_game *g, int64_t now_ms)
{
	struct rc_error ignored;

	for (unsigned i = 0; i < g->n_players; i++)
		if (!g->players[i].s.absent && !g->players[i].here) {
			(void)store_trivia_mark_absent(g->env.store, g->game.id,
						       now_ms - TRIVIA_GAME_STALE_MS, &ignored);
			return;
		}
}

/* Heartbeats alone would grow a file's WAL to SQLite's 4 MB checkpoint
 * mark over a long game: the host folds it in every few seconds. */
static void trivia_game_tidy(struct trivia_game *g, int64_t now_ms)
{
	if (now_ms - g->folded_ms < TRIVIA_GAME_FOLD_MS)
		return;
	g->folded_ms = now_ms;
	store_trivia_tidy(g->env.store);
}

int trivia_game_wake_fd(const struct trivia_game *g)
{
	return g->role == TRIVIA_GAME_HOTSEAT ? -1 : store_wake_fd(g->env.store);
}

int trivia_game_poll_ms(const struct trivia_game *g)
{
	return trivia_game_wake_fd(g) >= 0 ? TRIVIA_GAME_NOTIFIED_POLL_MS : TRIVIA_GAME_POLL_MS;
}

int trivia_game_poll(struct trivia_game *g, struct rc_error *err)
{
	int64_t now_ms = trivia_game_now(g);
	int changed;

	if (g->role == TRIVIA_GAME_HOTSEAT)
		return 0;
	/* what was announced is consumed now, so that the wake descriptor
	 * rests; -1 (the line is gone) is reported by the read below */
	(void)store_drain(g->env.store);
	if (g->role == TRIVIA_GAME_PLAYER && g->game.status >= STORE_TRIVIA_DONE)
		return 0; /* over: nothing comes any more, and no heartbeat */
	trivia_game_beat(g, now_ms);
	if ((changed = trivia_game_refresh(g, err)) < 0)
		return -1;
	if (g->role == TRIVIA_GAME_HOST && g->game.status < STORE_TRIVIA_DONE) {
		trivia_game_mark_silent(g, now_ms);
		trivia_game_tidy(g, now_ms);
	}
	return changed;
}

static int trivia_game_phase(struct trivia_game *g, enum store_trivia_status status,
		       enum store_trivia_phase phase, unsigned round, int64_t start_ms,
		       struct rc_error *err)
{
	struct store_trivia_step to = { status, phase, round, start_ms };
	int rc = store_trivia_set_phase(g->env.store, g->game.id, &to, trivia_game_date(g),
					err);

	if (rc == 1)
		return rc_error_set(err, "game %s is already over", g->game.code);
	if (rc < 0)
		return -1;
	return trivia_game_refresh(g, err) < 0 ? -1 : 0;
}

int trivia_game_start_round(struct trivia_game *g, struct rc_error *err)
{
	unsigned next = g->game.current_round + 1;
	unsigned dummy;

	if (g->role == TRIVIA_GAME_PLAYER || next > g->game.rounds)
		return rc_error_set(err, "there is no question %u to ask", next);
	/* Once it runs, a game goes on even when everyone has left. */
	if (g->role == TRIVIA_GAME_HOST && g->game.status == STORE_TRIVIA_LOBBY &&
	    !trivia_game_present(g, &dummy))
		return rc_error_set(err, "no player has joined yet");
	/* players read the start and count down to it: nothing else says a
	 * countdown runs */
	return trivia_game_phase(g, STORE_TRIVIA_RUNNING, STORE_TRIVIA_QUESTION, next,
				 trivia_game_now(g) +
				 (g->role == TRIVIA_GAME_HOST ? g->countdown_ms : 0), err);
}

const struct trivia_game_question *trivia_game_question(const struct trivia_game *g)
{
	unsigned r = g->game.current_round;

	return r >= 1 && r <= g->game.rounds ? &g->questions[r - 1] : NULL;
}

int trivia_game_last_round(const struct trivia_game *g)
{
	return g->game.current_round >= g->game.rounds;
}

/* The profile a player's answer goes to, or NULL when it is not logged. */
static struct history *trivia_game_history(struct trivia_game *g, unsigned who, int64_t *user_id)
{
	if (g->game.teams)
		return NULL;
	if (g->role == TRIVIA_GAME_PLAYER) {
		*user_id = g->env.user_id;
		return *g->env.h;
	}
	*user_id = g->players[who].user_id;
	return g->players[who].h;
}

/* The history got an answer the store refused: read it again, so that
 * nothing unlogged is ever saved as derived state. */
static int trivia_game_reload(struct trivia_game *g, struct history **h, int64_t user_id,
			struct rc_error *err)
{
	struct history *fresh = history_new();

	if (!fresh)
		return rc_error_set(err, "out of memory");
	if (store_load_history(g->env.store, user_id, fresh, err) < 0) {
		history_free(fresh);
		return -1;
	}
	history_free(*h);
	*h = fresh;
	return 0;
}

static struct history **trivia_game_history_slot(struct trivia_game *g, unsigned who)
{
	return g->role == TRIVIA_GAME_PLAYER ? g->env.h : &g->players[who].h;
}

/* An answer the store refuses (the lock held past its timeout, a full
 * disk) is tried again until its round closes: a player's pick is worth
 * the wait, and the round's end is the last moment it could count. */
static int trivia_game_save_retried(struct trivia_game *g, unsigned who, int position, int correct,
			      int64_t elapsed, const struct answer_record *logged,
			      int64_t user_id, struct history *h, struct rc_error *err)
{
	int64_t closes = g->game.round_started_at_ms + g->rules.limit_ms + TRIVIA_GAME_GRACE_MS;
	int rc;

	for (;;) {
		rc = store_trivia_answer(g->env.store, g->game.id, g->game.current_round,
					 g->players[who].s.name, position, correct, elapsed,
					 trivia_game_now(g), logged, user_id, h, err);
		if (rc >= 0 || g->role == TRIVIA_GAME_HOTSEAT || trivia_game_now(g) >= closes)
			return rc;
		g->env.clock.pause(g->env.clock.ctx, TRIVIA_GAME_RETRY_MS);
	}
}

static int trivia_game_save(struct trivia_game *g, unsigned who,
			    const struct trivia_game_question *tq,
		      int position, int correct, int64_t elapsed, struct rc_error *err)
{
	struct answer_record rec, *logged = NULL;
	int64_t user_id = 0;
	struct history *h = position >= 0 ? trivia_game_history(g, who, &user_id) : NULL;
	int rc;

	if (h) {
		answer_record_init(&rec, g->env.cat, tq->q, tq->order, tq->n_options,
				   MODE_TRIVIA);
		rec.picked = position;
		rec.correct = correct;
		rec.elapsed_ms = elapsed;
		rec.answered_at = trivia_game_date(g);
		if (history_apply(h, &rec, HISTORY_SLOW_MS) < 0)
			return rc_error_set(err, "out of memory");
		logged = &rec;
	}
	rc = trivia_game_save_retried(g, who, position, correct, elapsed, logged, user_id, h, err);
	if (rc == 1 && h && trivia_game_reload(g, trivia_game_history_slot(g, who), user_id,
					       err) < 0)
		return -1;
	return rc;
}

int trivia_game_answer(struct trivia_game *g, unsigned who, int position, int64_t elapsed_ms,
		 struct rc_error *err)
{
	const struct trivia_game_question *tq = trivia_game_question(g);
	int correct, rc;

	if (!tq || g->game.phase != STORE_TRIVIA_QUESTION || who >= g->n_players ||
	    position < -1 || position >= (int)tq->n_options)
		return 1;
	if (g->role == TRIVIA_GAME_PLAYER)
		elapsed_ms = trivia_game_now(g) - g->game.round_started_at_ms;
	if (position < 0 || elapsed_ms > g->rules.limit_ms)
		elapsed_ms = g->rules.limit_ms;
	if (elapsed_ms < 0)
		elapsed_ms = 0;
	correct = position >= 0 && tq->order[position] == tq->q->correct;
	if ((rc = trivia_game_save(g, who, tq, position, correct, elapsed_ms, err)) != 0)
		return rc;
	g->players[who].s.answered = 1;
	g->players[who].s.picked = position;
	g->players[who].s.correct = correct;
	g->players[who].s.elapsed_ms = elapsed_ms;
	g->version++;
	return 0;
}

unsigned trivia_game_present(const struct trivia_game *g, unsigned *answered)
{
	unsigned n = 0;

	*answered = 0;
	for (unsigned i = 0; i < g->n_players; i++)
		if (g->players[i].here) {
			n++;
			*answered += g->players[i].s.answered;
		}
	return n;
}

int64_t trivia_game_ms_left(const struct trivia_game *g, int64_t now_ms)
{
	int64_t left = g->game.round_started_at_ms + g->rules.limit_ms - now_ms;

	return left > 0 ? left : 0;
}

int64_t trivia_game_ms_to_start(const struct trivia_game *g, int64_t now_ms)
{
	int64_t wait = g->game.round_started_at_ms - now_ms;

	return g->game.phase == STORE_TRIVIA_QUESTION && wait > 0 ? wait : 0;
}

int trivia_game_round_over(const struct trivia_game *g, int64_t now_ms)
{
	unsigned answered, present = trivia_game_present(g, &answered);

	if (g->game.phase != STORE_TRIVIA_QUESTION || g->role == TRIVIA_GAME_PLAYER)
		return 0;
	if (present && answered == present)
		return 1;
	return g->role == TRIVIA_GAME_HOST &&
	       now_ms >= g->game.round_started_at_ms + g->rules.limit_ms + TRIVIA_GAME_GRACE_MS;
}

/* Inside the store's transaction: the round's answers as committed. */
static int trivia_game_score(void *ctx, struct store_trivia_state *st, struct rc_error *err)
{
	const struct trivia_game *g = ctx;
	const struct trivia_game_question *tq = &g->questions[st->game.current_round - 1];

	(void)err;
	for (unsigned i = 0; i < st->n_players; i++) {
		struct store_trivia_player *p = &st->players[i];
		struct trivia_player tp = { p->name, p->score, p->right, p->streak,
					    p->time_ms, 0 };
		int given = p->answered && p->picked >= 0 && p->picked < (int)tq->n_options;
		/* correctness from the question itself, not from what a
		 * player's process wrote */
		int correct = given && tq->order[p->picked] == tq->q->correct;

		if (!p->answered)
			p->elapsed_ms = g->rules.limit_ms;
		p->correct = correct;
		p->points = trivia_score(&g->rules, &tp, given, correct, p->elapsed_ms);
		p->score = tp.score;
		p->right = tp.right;
		p->streak = tp.streak;
		p->time_ms = tp.time_ms;
	}
	return 0;
}

int trivia_game_close_round(struct trivia_game *g, struct rc_error *err)
{
	struct store_trivia_state *st = malloc(sizeof *st);
	int rc;

	if (!st)
		return rc_error_set(err, "out of memory");
	rc = store_trivia_close_round(g->env.store, g->game.id, g->game.current_round,
				      st, trivia_game_score, g, err);
	if (rc == 0)
		trivia_game_take(g, st, trivia_game_now(g));
	else if (rc == 1)
		/* closed before: show what the store has */
		rc = trivia_game_refresh(g, err) < 0 ? -1 : 0;
	free(st);
	return rc;
}

int trivia_game_show_board(struct trivia_game *g, struct rc_error *err)
{
	return trivia_game_phase(g, STORE_TRIVIA_RUNNING, STORE_TRIVIA_BOARD,
			   g->game.current_round, g->game.round_started_at_ms, err);
}

int trivia_game_finish(struct trivia_game *g, struct rc_error *err)
{
	return trivia_game_phase(g, STORE_TRIVIA_DONE, STORE_TRIVIA_PODIUM,
			   g->game.current_round, g->game.round_started_at_ms, err);
}

int trivia_game_abandon(struct trivia_game *g, struct rc_error *err)
{
	int rc;

	if (g->game.status >= STORE_TRIVIA_DONE)
		return 0;
	rc = store_trivia_set_phase(g->env.store, g->game.id, &(struct store_trivia_step){
					    STORE_TRIVIA_ABANDONED, STORE_TRIVIA_PODIUM,
					    g->game.current_round, g->game.round_started_at_ms },
				    trivia_game_date(g), err);
	if (rc < 0)
		return -1;
	return trivia_game_refresh(g, err) < 0 ? -1 : 0;
}

int trivia_game_leave(struct trivia_game *g, struct rc_error *err)
{
	if (g->game.status >= STORE_TRIVIA_DONE)
		return 0;
	return store_trivia_leave(g->env.store, g->game.id, g->my_name, err);
}

int trivia_game_remove(struct trivia_game *g, unsigned who, struct rc_error *err)
{
	if (g->role != TRIVIA_GAME_HOST || who >= g->n_players)
		return rc_error_set(err, "only the host removes players");
	if (store_trivia_remove(g->env.store, g->game.id, g->players[who].s.name, err) < 0)
		return -1;
	return trivia_game_refresh(g, err) < 0 ? -1 : 0;
}

int trivia_game_removed(const struct trivia_game *g)
{
	return g->role == TRIVIA_GAME_PLAYER && g->me >= 0 && g->players[g->me].s.removed;
}

int trivia_game_host_gone(const struct store_trivia_game *game, int64_t now_ms)
{
	return game->hosted && game->status < STORE_TRIVIA_DONE &&
	       game->host_seen_ms < now_ms - TRIVIA_GAME_HOST_STALE_MS;
}

int64_t trivia_game_host_silent_s(const struct trivia_game *g, int64_t now_ms)
{
	return trivia_game_host_gone(&g->game, now_ms) ?
	       (now_ms - g->game.host_seen_ms) / 1000 : 0;
}

unsigned trivia_game_ranking(const struct trivia_game *g, struct trivia_player *out)
{
	unsigned n = 0;

	for (unsigned i = 0; i < g->n_players; i++) {
		const struct store_trivia_player *p = &g->players[i].s;

		if (!p->removed)
			out[n++] = (struct trivia_player){ p->name, p->score, p->right,
							   p->streak, p->time_ms, p->points };
	}
	trivia_rank(out, n);
	return n;
}

const struct trivia_game_player *trivia_game_find(const struct trivia_game *g, const char *name)
{
	for (unsigned i = 0; i < g->n_players; i++)
		if (!strcmp(g->players[i].s.name, name))
			return &g->players[i];
	return NULL;
}
