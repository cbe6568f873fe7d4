/*
 * Tests for the trivia game controller (rolecall/trivia_game.h) on a fake
 * clock: a host and its players in one process, on one store, with the
 * time moved by the test.  Speed points at the start, mid-window and at
 * the limit; a round closing on time and early; a player joining late,
 * leaving, removed; ties on the podium; no podium for a game that never
 * started; join codes from the injected seed.
 *
 * The database lives in a mkdtemp folder under /tmp (or on the test
 * server: test_trivia_game_pg).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rolecall/trivia_game.h"
#include "store_fixture.h"

#define T0 1800000000LL
#define LIMIT_MS 20000
#define N_PLAYERS 3

struct fake_clock {
	int64_t ms;
};

static int64_t fake_ms(void *ctx)
{
	return ((struct fake_clock *)ctx)->ms;
}

static int64_t fake_s(void *ctx)
{
	return ((struct fake_clock *)ctx)->ms / 1000;
}

/* Waiting moves the fake time on, so a retry loop ends. */
static void fake_pause(void *ctx, int64_t ms)
{
	((struct fake_clock *)ctx)->ms += ms;
}

/* A player's own process: its profile, its history, its game. */
struct seat {
	struct history *h;
	struct trivia_game_env env;
	struct trivia_game *g;
};

struct fixture {
	char dir[64], db[128];
	struct store *s;
	struct catalog *cat;
	const struct bank *bank;
	struct fake_clock clock;
	struct trivia_game_env env;    /* the host's */
	struct trivia_game *host;
	struct seat seats[N_PLAYERS];
};

static const char *const names[N_PLAYERS] = { "Ana", "Ben", "Chen" };

/* strdup and free, wrapped for this binary (tests/CMakeLists.txt): the
 * copy of fail_copy_of fails as out of memory, and whether the copy made
 * just before it was freed is seen. */
char *__real_strdup(const char *s);
char *__wrap_strdup(const char *s);
void __real_free(void *p);
void __wrap_free(void *p);

static const char *fail_copy_of;
static void *copy_before;
static int copy_before_freed;

char *__wrap_strdup(const char *s)
{
	char *p;

	if (fail_copy_of && !strcmp(s, fail_copy_of))
		return NULL;
	p = __real_strdup(s);
	copy_before = p;
	copy_before_freed = 0;
	return p;
}

void __wrap_free(void *p)
{
	if (p && p == copy_before)
		copy_before_freed = 1;
	__real_free(p);
}

/* 4 roles x 3 questions: enough for any game here. */
static struct catalog *load_bank(void)
{
	static const char *const roles[] = { "pm", "po", "pmm", "pjm" };
	char buf[4096];
	size_t len = 0;
	struct diag_list d;
	struct catalog *cat = catalog_new();

	assert_non_null(cat);
	len += (size_t)snprintf(buf + len, sizeof buf - len,
		"bank: tg\ntitle: Trivia fixture\nroles:\n"
		"  - {id: pm, name: Product Manager}\n  - {id: po, name: Product Owner}\n"
		"  - {id: pmm, name: Product Marketing Manager}\n"
		"  - {id: pjm, name: Project Manager}\nquestions:\n");
	for (int r = 0; r < 4; r++)
		for (int i = 0; i < 3; i++)
			len += (size_t)snprintf(buf + len, sizeof buf - len,
				"  - {id: %s-%d, prompt: 'Q %s %d', answer: %s, explain: x}\n",
				roles[r], i, roles[r], i, roles[r]);
	diag_list_init(&d, 10);
	catalog_want_sha256(cat, 1);
	assert_int_equal(catalog_load_buffer(cat, "tg.yaml", buf, len, &d), 0);
	diag_list_free(&d);
	return cat;
}

static void env_for(struct fixture *f, struct trivia_game_env *env, const char *user,
		    struct history **h)
{
	struct rc_error err;

	memset(env, 0, sizeof *env);
	env->cat = f->cat;
	env->banks = &f->bank;
	env->n_banks = 1;
	env->store = f->s;
	env->user = user;
	env->h = h;
	env->clock = (struct trivia_game_clock){ fake_ms, fake_s, fake_pause, &f->clock };
	env->code_seed = 42;
	if (h) {
		assert_int_equal(store_user(f->s, user, &env->user_id, &err), 0);
		assert_non_null(*h = history_new());
	}
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	assert_non_null(f);
	assert_int_equal(make_test_dir(f->dir, sizeof f->dir, "trivia-game"), 0);
	snprintf(f->db, sizeof f->db, "%s/rolecall.db", f->dir);
	test_db(f->db, sizeof f->db, f->db);
	f->s = open_ok(f->db);
	f->cat = load_bank();
	f->bank = catalog_bank(f->cat, 0);
	f->clock.ms = T0 * 1000;
	env_for(f, &f->env, "host", NULL);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	trivia_game_free(f->host);
	for (int i = 0; i < N_PLAYERS; i++) {
		trivia_game_free(f->seats[i].g);
		history_free(f->seats[i].h);
	}
	catalog_free(f->cat);
	store_close(f->s);
	remove_db_and_dir(f->db, f->dir);
	free(f);
	return 0;
}

static struct trivia_game_config config(unsigned rounds)
{
	struct trivia_game_config cfg;

	memset(&cfg, 0, sizeof cfg);
	cfg.rounds = rounds;
	cfg.seconds = LIMIT_MS / 1000;
	cfg.points = 1000;
	cfg.speed = 1;
	cfg.streak = 1;
	cfg.seed = 7;
	cfg.bank_files = "";
	return cfg;
}

static void host_ok(struct fixture *f, unsigned rounds)
{
	struct trivia_game_config cfg = config(rounds);
	struct rc_error err;

	if (trivia_game_new_host(&f->env, &cfg, &f->host, &err) < 0)
		fail_msg("trivia_game_new_host: %s", err.msg);
}

static void join_ok(struct fixture *f, int i)
{
	struct seat *s = &f->seats[i];
	struct rc_error err;

	env_for(f, &s->env, names[i], &s->h);
	if (trivia_game_join(&s->env, f->host->game.code, names[i], &s->g, &err) < 0)
		fail_msg("trivia_game_join %s: %s", names[i], err.msg);
}

/* Every process polls, as its loop would. */
static void poll_all(struct fixture *f)
{
	struct rc_error err;

	for (int i = 0; i < N_PLAYERS; i++)
		if (f->seats[i].g && f->seats[i].g->game.status < STORE_TRIVIA_DONE &&
		    !trivia_game_removed(f->seats[i].g))
			assert_true(trivia_game_poll(f->seats[i].g, &err) >= 0);
	assert_true(trivia_game_poll(f->host, &err) >= 0);
}

/* Move the time on by ms, polling every TRIVIA_GAME_BEAT_MS so that nobody
 * present falls silent. */
static void advance(struct fixture *f, int64_t ms)
{
	while (ms > 0) {
		int64_t step = ms < TRIVIA_GAME_BEAT_MS ? ms : TRIVIA_GAME_BEAT_MS;

		f->clock.ms += step;
		ms -= step;
		poll_all(f);
	}
}

static void start_ok(struct fixture *f)
{
	struct rc_error err;

	poll_all(f); /* the host sees who joined, as its loop would */
	if (trivia_game_start_round(f->host, &err) < 0)
		fail_msg("trivia_game_start_round: %s", err.msg);
	poll_all(f);
}

/* A hosted game of `rounds` whose first n players joined, its first
 * question open. */
static void playing(struct fixture *f, unsigned rounds, int n)
{
	host_ok(f, rounds);
	for (int i = 0; i < n; i++)
		join_ok(f, i);
	start_ok(f);
}

static void answer(struct fixture *f, int i, int right)
{
	struct trivia_game *g = f->seats[i].g;
	const struct trivia_game_question *tq = trivia_game_question(g);
	struct rc_error err;
	int pos = right ? (int)tq->right : (int)(tq->right + 1) % (int)tq->n_options;

	assert_int_equal(trivia_game_answer(g, (unsigned)g->me, pos, 0, &err), 0);
}

static void close_ok(struct fixture *f)
{
	struct rc_error err;

	if (trivia_game_close_round(f->host, &err) < 0)
		fail_msg("trivia_game_close_round: %s", err.msg);
	poll_all(f);
}

static const struct store_trivia_player *player(const struct trivia_game *g, const char *name)
{
	const struct trivia_game_player *p = trivia_game_find(g, name);

	assert_non_null(p);
	return &p->s;
}

/* A hosted round counts from its start on the store's clock: 1000 points
 * at once, 750 halfway, 500 at the limit. */
static void test_speed_points_at_start_middle_and_limit(void **state)
{
	struct fixture *f = *state;
	unsigned answered;

	playing(f, 2, N_PLAYERS);
	assert_int_equal(trivia_game_ms_left(f->host, trivia_game_now(f->host)), LIMIT_MS);
	answer(f, 0, 1);
	advance(f, LIMIT_MS / 2);
	answer(f, 1, 1);
	advance(f, LIMIT_MS / 2);
	assert_int_equal(trivia_game_ms_left(f->seats[2].g, trivia_game_now(f->seats[2].g)), 0);
	answer(f, 2, 1);
	poll_all(f);
	assert_int_equal(trivia_game_present(f->host, &answered), 3);
	assert_int_equal(answered, 3);
	assert_true(trivia_game_round_over(f->host, trivia_game_now(f->host)));
	close_ok(f);
	assert_int_equal(f->host->game.phase, STORE_TRIVIA_REVEAL);
	assert_int_equal(player(f->host, "Ana")->points, 1000);
	assert_int_equal(player(f->host, "Ben")->points, 750);
	assert_int_equal(player(f->host, "Chen")->points, 500);
	assert_int_equal(player(f->host, "Ben")->elapsed_ms, LIMIT_MS / 2);
	/* what players read is what the host scored */
	assert_int_equal(player(f->seats[0].g, "Chen")->score, 500);
	assert_int_equal(f->seats[0].g->played, 1);
}

/* Nobody answers: the round stays open through its time and the grace
 * for answers on their way, then closes; a missing answer scores 0 and
 * counts the whole limit. */
static void test_round_closes_on_time(void **state)
{
	struct fixture *f = *state;

	playing(f, 2, 2);
	answer(f, 0, 0);
	advance(f, LIMIT_MS);
	assert_false(trivia_game_round_over(f->host, trivia_game_now(f->host)));
	advance(f, TRIVIA_GAME_GRACE_MS - 1);
	assert_false(trivia_game_round_over(f->host, trivia_game_now(f->host)));
	advance(f, 1);
	assert_true(trivia_game_round_over(f->host, trivia_game_now(f->host)));
	close_ok(f);
	assert_int_equal(player(f->host, "Ana")->points, 0);
	assert_int_equal(player(f->host, "Ben")->points, 0);
	/* the close records the missing answer: none picked, the whole limit */
	assert_int_equal(player(f->host, "Ben")->picked, -1);
	assert_int_equal(player(f->host, "Ben")->time_ms, LIMIT_MS);
	assert_int_equal(f->host->played, 1);
}

/* The host closes a round early: who had not answered gets nothing, and
 * an answer after the close is refused (1) rather than counted. */
static void test_round_closed_early(void **state)
{
	struct fixture *f = *state;
	struct rc_error err;
	int late;

	playing(f, 2, 2);
	advance(f, 3000);
	answer(f, 0, 1);
	assert_false(trivia_game_round_over(f->host, trivia_game_now(f->host)));
	/* closed before Ben's process polls again */
	assert_int_equal(trivia_game_close_round(f->host, &err), 0);
	assert_int_equal(player(f->host, "Ana")->points, 925); /* 1000 * (1 - 0.15 / 2) */
	assert_int_equal(player(f->host, "Ben")->points, 0);
	assert_int_equal(player(f->host, "Ben")->picked, -1);
	/* Ben's screen still shows the question until its next poll: his
	 * answer then reaches a closed round */
	late = trivia_game_answer(f->seats[1].g, (unsigned)f->seats[1].g->me,
			    (int)trivia_game_question(f->seats[1].g)->right, 0, &err);
	assert_int_equal(late, 1);
	poll_all(f);
	assert_int_equal(player(f->host, "Ben")->points, 0);
	assert_int_equal(player(f->seats[1].g, "Ben")->picked, -1);
}

/* Chen joins while the first question is open, answers it, and is scored
 * from the round's start like everyone else. */
static void test_player_joins_late(void **state)
{
	struct fixture *f = *state;
	unsigned answered;

	host_ok(f, 2);
	join_ok(f, 0);
	start_ok(f);
	advance(f, 4000);
	join_ok(f, 2);
	poll_all(f);
	assert_int_equal(trivia_game_present(f->host, &answered), 2);
	assert_non_null(trivia_game_question(f->seats[2].g));
	answer(f, 2, 1);
	answer(f, 0, 1);
	poll_all(f);
	assert_true(trivia_game_round_over(f->host, trivia_game_now(f->host)));
	close_ok(f);
	assert_int_equal(player(f->host, "Chen")->points, 900);
	assert_int_equal(player(f->host, "Chen")->elapsed_ms, 4000);
}

/* A player who leaves is absent at once: the round is over when those
 * still here have answered, and the leaver scores 0. */
static void test_player_leaves(void **state)
{
	struct fixture *f = *state;
	struct rc_error err;
	unsigned answered;

	playing(f, 2, N_PLAYERS);
	answer(f, 0, 1);
	answer(f, 1, 1);
	poll_all(f);
	assert_false(trivia_game_round_over(f->host, trivia_game_now(f->host)));
	assert_int_equal(trivia_game_leave(f->seats[2].g, &err), 0);
	trivia_game_free(f->seats[2].g);
	f->seats[2].g = NULL;
	poll_all(f);
	assert_int_equal(trivia_game_present(f->host, &answered), 2);
	assert_int_equal(player(f->host, "Chen")->absent, 1);
	assert_true(trivia_game_round_over(f->host, trivia_game_now(f->host)));
	close_ok(f);
	assert_int_equal(player(f->host, "Chen")->points, 0);
}

/* A player whose process stops polling is absent after TRIVIA_GAME_STALE_MS. */
static void test_silent_player_is_absent(void **state)
{
	struct fixture *f = *state;
	struct rc_error err;
	unsigned answered;

	playing(f, 2, 2);
	for (int64_t t = 0; t <= TRIVIA_GAME_STALE_MS; t += TRIVIA_GAME_BEAT_MS) {
		f->clock.ms += TRIVIA_GAME_BEAT_MS;
		assert_true(trivia_game_poll(f->seats[0].g, &err) >= 0);
		assert_true(trivia_game_poll(f->host, &err) >= 0);
	}
	assert_int_equal(trivia_game_present(f->host, &answered), 1);
	assert_false(trivia_game_find(f->host, "Ben")->here);
}

/* A host that stops polling (its process died) is gone after
 * TRIVIA_GAME_HOST_STALE_MS, and players are told for how long. */
static void test_host_gone(void **state)
{
	struct fixture *f = *state;
	struct trivia_game *ana;
	struct rc_error err;

	host_ok(f, 1);
	join_ok(f, 0);
	ana = f->seats[0].g;
	for (int64_t t = 0; t < TRIVIA_GAME_HOST_STALE_MS; t += TRIVIA_GAME_BEAT_MS) {
		f->clock.ms += TRIVIA_GAME_BEAT_MS;
		assert_true(trivia_game_poll(ana, &err) >= 0);
	}
	assert_false(trivia_game_host_gone(&ana->game, trivia_game_now(ana)));
	assert_int_equal(trivia_game_host_silent_s(ana, trivia_game_now(ana)), 0);
	f->clock.ms += 2000;
	assert_true(trivia_game_poll(ana, &err) >= 0);
	assert_true(trivia_game_host_gone(&ana->game, trivia_game_now(ana)));
	assert_int_equal(trivia_game_host_silent_s(ana, trivia_game_now(ana)),
			 TRIVIA_GAME_HOST_STALE_MS / 1000 + 2);
}

/* The host removes Ben: his screen learns it, he is left out of the
 * ranking and cannot rejoin under his name. */
static void test_player_removed(void **state)
{
	struct fixture *f = *state;
	struct trivia_player rank[STORE_TRIVIA_MAX_PLAYERS];
	struct trivia_game *again = NULL;
	struct rc_error err;
	char want[160];

	playing(f, 1, 2);
	answer(f, 1, 1);
	assert_int_equal(trivia_game_remove(f->host, 1, &err), 0);
	poll_all(f);
	assert_true(trivia_game_removed(f->seats[1].g));
	assert_false(trivia_game_removed(f->seats[0].g));
	assert_int_equal(trivia_game_remove(f->seats[0].g, 0, &err), -1);
	assert_string_equal(err.msg, "only the host removes players");
	answer(f, 0, 0);
	poll_all(f);
	assert_true(trivia_game_round_over(f->host, trivia_game_now(f->host)));
	close_ok(f);
	assert_int_equal(trivia_game_ranking(f->host, rank), 1);
	assert_string_equal(rank[0].name, "Ana");
	assert_int_equal(trivia_game_join(&f->seats[1].env, f->host->game.code, "Ben", &again,
				    &err), -1);
	assert_null(again);
	snprintf(want, sizeof want, "the host removed Ben from game %s; it cannot be "
		 "rejoined under that name", f->host->game.code);
	assert_string_equal(err.msg, want);
}

/* Hot seat: same score, the faster first; same score and time, by name. */
static void test_ties_on_the_podium(void **state)
{
	struct fixture *f = *state;
	static const char *const seat[] = { "Zed", "Amy", "Bob" };
	struct trivia_game_config cfg = config(2);
	struct trivia_player rank[STORE_TRIVIA_MAX_PLAYERS];
	struct rc_error err;
	struct trivia_game *g;
	const int64_t took[2][3] = { { 2000, 2000, 1000 }, { 2000, 2000, 3000 } };

	cfg.names = seat;
	cfg.n_names = 3;
	cfg.speed = 0;
	if (trivia_game_new_hotseat(&f->env, &cfg, &g, &err) < 0)
		fail_msg("trivia_game_new_hotseat: %s", err.msg);
	for (int r = 0; r < 2; r++) {
		assert_int_equal(trivia_game_start_round(g, &err), 0);
		for (unsigned i = 0; i < 3; i++)
			assert_int_equal(trivia_game_answer(g, i,
							    (int)trivia_game_question(g)->right,
						      took[r][i], &err), 0);
		assert_true(trivia_game_round_over(g, trivia_game_now(g)));
		assert_int_equal(trivia_game_close_round(g, &err), 0);
	}
	assert_int_equal(trivia_game_finish(g, &err), 0);
	assert_int_equal(trivia_game_ranking(g, rank), 3);
	/* all 2100 points; Amy and Zed 4000 ms, Bob 4000 ms too: by name */
	assert_string_equal(rank[0].name, "Amy");
	assert_string_equal(rank[1].name, "Bob");
	assert_string_equal(rank[2].name, "Zed");
	assert_int_equal(rank[0].score, 2100);
	assert_int_equal(rank[2].score, 2100);
	trivia_game_free(g);
}

/* Same score, different times: the faster player ranks first. */
static void test_tie_broken_by_time(void **state)
{
	struct fixture *f = *state;
	static const char *const seat[] = { "Amy", "Zed" };
	struct trivia_game_config cfg = config(1);
	struct trivia_player rank[STORE_TRIVIA_MAX_PLAYERS];
	struct rc_error err;
	struct trivia_game *g;

	cfg.names = seat;
	cfg.n_names = 2;
	cfg.speed = 0;
	if (trivia_game_new_hotseat(&f->env, &cfg, &g, &err) < 0)
		fail_msg("trivia_game_new_hotseat: %s", err.msg);
	assert_int_equal(trivia_game_start_round(g, &err), 0);
	assert_int_equal(trivia_game_answer(g, 0, (int)trivia_game_question(g)->right, 300,
					    &err), 0);
	assert_int_equal(trivia_game_answer(g, 1, (int)trivia_game_question(g)->right, 100,
					    &err), 0);
	assert_int_equal(trivia_game_close_round(g, &err), 0);
	assert_int_equal(trivia_game_ranking(g, rank), 2);
	assert_string_equal(rank[0].name, "Zed");
	assert_int_equal(rank[0].score, rank[1].score);
	trivia_game_free(g);
}

/* A game abandoned in its lobby, or during its first question, played no
 * round: there is no podium to show. */
static void test_no_podium_when_never_started(void **state)
{
	struct fixture *f = *state;
	struct rc_error err;

	host_ok(f, 2);
	assert_int_equal(trivia_game_start_round(f->host, &err), -1);
	assert_string_equal(err.msg, "no player has joined yet");
	join_ok(f, 0);
	poll_all(f);
	assert_int_equal(trivia_game_abandon(f->host, &err), 0);
	poll_all(f);
	assert_int_equal(f->host->game.status, STORE_TRIVIA_ABANDONED);
	assert_int_equal(f->host->played, 0);
	assert_int_equal(f->seats[0].g->played, 0);
	assert_int_equal(f->seats[0].g->game.status, STORE_TRIVIA_ABANDONED);
	trivia_game_free(f->host);
	f->host = NULL;
	/* ... and one ended before its first question was scored */
	host_ok(f, 2);
	join_ok(f, 1);
	start_ok(f);
	answer(f, 1, 1);
	assert_int_equal(trivia_game_abandon(f->host, &err), 0);
	assert_int_equal(f->host->played, 0);
}

/* Join codes come from the seed the env gives: the same seed twice
 * collides, and the second game takes the next code. */
static void test_codes_from_the_injected_seed(void **state)
{
	struct fixture *f = *state;
	struct trivia_game_config cfg = config(1);
	char code[STORE_TRIVIA_CODE_MAX + 1];
	struct rc_error err;
	struct trivia_game *other;

	host_ok(f, 1);
	assert_int_equal(strlen(f->host->game.code), TRIVIA_GAME_CODE_LEN);
	assert_int_equal(trivia_game_parse_code(f->host->game.code, code, &err), 0);
	assert_string_equal(code, f->host->game.code);
	if (trivia_game_new_host(&f->env, &cfg, &other, &err) < 0)
		fail_msg("trivia_game_new_host: %s", err.msg);
	assert_string_not_equal(other->game.code, f->host->game.code);
	trivia_game_free(other);
}

/* A join that runs out of memory copying the game's bank lists frees
 * the copy it had made. */
static void test_join_out_of_memory_frees_what_it_took(void **state)
{
	struct fixture *f = *state;
	struct trivia_game_config cfg = config(1);
	struct seat *s = &f->seats[0];
	struct rc_error err;

	cfg.bank_files = "/nowhere/tg.yaml";
	if (trivia_game_new_host(&f->env, &cfg, &f->host, &err) < 0)
		fail_msg("trivia_game_new_host: %s", err.msg);
	env_for(f, &s->env, names[0], &s->h);
	fail_copy_of = cfg.bank_files;
	assert_int_equal(trivia_game_join(&s->env, f->host->game.code, names[0], &s->g, &err),
			 -1);
	fail_copy_of = NULL;
	assert_string_equal(err.msg, "out of memory");
	assert_null(s->g);
	assert_non_null(copy_before);
	assert_true(copy_before_freed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_speed_points_at_start_middle_and_limit,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_closes_on_time, setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_closed_early, setup, teardown),
		cmocka_unit_test_setup_teardown(test_player_joins_late, setup, teardown),
		cmocka_unit_test_setup_teardown(test_player_leaves, setup, teardown),
		cmocka_unit_test_setup_teardown(test_silent_player_is_absent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_player_removed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_host_gone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ties_on_the_podium, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tie_broken_by_time, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_podium_when_never_started, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_codes_from_the_injected_seed, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_join_out_of_memory_frees_what_it_took,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
