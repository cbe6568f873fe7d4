/*
 * Tests for the trivia part of store: games with their questions and
 * players, joining and rejoining, answers refused once a round is closed,
 * scoring a round in one transaction, heartbeats and absence, reading
 * games back, and the v2 -> v3 schema migration.
 *
 * Everything happens in a mkdtemp folder under /tmp.  The migration test
 * uses SQLite directly to turn a database back into the v2 layout.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "rolecall/history.h"
#include "rolecall/store.h"
#include "store_fixture.h"

#define T0 1800000000LL
#define MS0 (T0 * 1000)
#define LIMIT_MS 20000
#define STALE_MS 5000

struct fixture {
	char dir[64];
	char db[128];
	struct store *s;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	assert_non_null(f);
	assert_int_equal(make_test_dir(f->dir, sizeof f->dir, "trivia"), 0);
	snprintf(f->db, sizeof f->db, "%s/rolecall.db", f->dir);
	test_db(f->db, sizeof f->db, f->db);
	f->s = open_ok(f->db);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	store_close(f->s);
	remove_db_and_dir(f->db, f->dir);
	free(f);
	return 0;
}

static const struct store_trivia_round rounds[] = {
	{ 1, "e2e", "e2e-po-1", { 2, 0, 1 }, 3 },
	{ 2, "e2e", "e2e-pm-0", { 1, 0 }, 2 },
};

static struct store_trivia_game game(const char *code, int hosted)
{
	struct store_trivia_game g;

	memset(&g, 0, sizeof g);
	snprintf(g.code, sizeof g.code, "%s", code);
	snprintf(g.host_user, sizeof g.host_user, "host");
	g.hosted = hosted;
	g.created_at = T0;
	g.seed = UINT64_MAX;
	g.rounds = 2;
	g.time_limit_ms = LIMIT_MS;
	g.points = 1000;
	g.speed = 1;
	g.streak = 1;
	g.banks = "e2e:abc";
	g.bank_files = "/tmp/x.yaml";
	return g;
}

static int64_t create_ok(struct store *s, const char *code, int hosted,
			 const char *const *players, unsigned n)
{
	struct store_trivia_game g = game(code, hosted);
	struct rc_error err;

	if (store_trivia_create(s, &g, rounds, players, n, MS0, &err) != 0)
		fail_msg("store_trivia_create: %s", err.msg);
	assert_true(g.id > 0);
	return g.id;
}

static void state_ok(struct store *s, int64_t id, unsigned round,
		     struct store_trivia_state *st)
{
	struct rc_error err;

	if (store_trivia_state(s, id, round, st, &err) != 0)
		fail_msg("store_trivia_state: %s", err.msg);
}

static void phase_ok(struct store *s, int64_t id, enum store_trivia_status status,
		     enum store_trivia_phase phase, unsigned round, int64_t start_ms)
{
	struct rc_error err;

	struct store_trivia_step to = { status, phase, round, start_ms };

	if (store_trivia_set_phase(s, id, &to, T0 + 1, &err) != 0)
		fail_msg("store_trivia_set_phase: %s", err.msg);
}

static int answer(struct store *s, int64_t id, unsigned round, const char *who,
		  int picked, int correct, int64_t elapsed)
{
	struct rc_error err;
	int rc = store_trivia_answer(s, id, round, who, picked, correct, elapsed,
				     MS0 + elapsed, NULL, 0, NULL, &err);

	if (rc < 0)
		fail_msg("store_trivia_answer: %s", err.msg);
	return rc;
}

static void test_create_stores_game_rounds_players(void **state)
{
	struct fixture *f = *state;
	const char *const players[] = { "Ana", "Ben", "Chen" };
	struct store_trivia_game g = game("ABCDE", 0);
	struct store_trivia_state st;
	struct rc_error err;
	int64_t id = create_ok(f->s, "ABCDE", 0, players, 3);

	state_ok(f->s, id, 0, &st);
	assert_string_equal(st.game.code, "ABCDE");
	assert_int_equal(st.game.hosted, 0);
	assert_int_equal(st.game.status, STORE_TRIVIA_RUNNING);
	assert_int_equal(st.game.phase, STORE_TRIVIA_WAIT);
	assert_true(st.game.seed == UINT64_MAX);
	assert_int_equal(st.game.rounds, 2);
	assert_int_equal(st.game.time_limit_ms, LIMIT_MS);
	assert_null(st.game.banks);
	assert_int_equal(st.n_players, 3);
	for (unsigned i = 0; i < 3; i++) {
		assert_string_equal(st.players[i].name, players[i]);
		assert_int_equal(st.players[i].seat, i);
		assert_int_equal(st.players[i].answered, 0);
		assert_int_equal(st.players[i].points, -1);
	}
	/* The same code again is refused, with nothing written. */
	assert_int_equal(store_trivia_create(f->s, &g, rounds, players, 3, MS0, &err), 1);
	assert_int_equal(store_trivia_state(f->s, id + 1, 0, &st, &err), 1);
}

struct seen_rounds {
	unsigned n;
	char ids[4][32];
	unsigned shown[4][BANK_MAX_OPTIONS], n_shown[4];
};

static int take_round(void *ctx, const struct store_trivia_round *r)
{
	struct seen_rounds *sr = ctx;

	assert_int_equal(r->round, sr->n + 1);
	snprintf(sr->ids[sr->n], sizeof sr->ids[0], "%s", r->question_id);
	memcpy(sr->shown[sr->n], r->shown_choices, sizeof r->shown_choices);
	sr->n_shown[sr->n] = r->n_shown;
	sr->n++;
	return 0;
}

struct seen_games {
	unsigned n;
	int64_t id;
	char banks[64], files[64];
};

static int take_game(void *ctx, const struct store_trivia_game *g)
{
	struct seen_games *sg = ctx;

	sg->n++;
	sg->id = g->id;
	snprintf(sg->banks, sizeof sg->banks, "%s", g->banks);
	snprintf(sg->files, sizeof sg->files, "%s", g->bank_files);
	return 0;
}

static void test_reading_rounds_and_games(void **state)
{
	struct fixture *f = *state;
	struct store_trivia_filter by_code = { 0, "QWERT", INT64_MIN, 0 };
	struct store_trivia_filter done = { 0, NULL, INT64_MIN, 1 };
	struct seen_rounds sr = { 0 };
	struct seen_games sg = { 0 };
	struct rc_error err;
	int64_t id;

	create_ok(f->s, "ABCDE", 1, NULL, 0);
	id = create_ok(f->s, "QWERT", 1, NULL, 0);
	assert_int_equal(store_trivia_each_round(f->s, id, take_round, &sr, &err), 0);
	assert_int_equal(sr.n, 2);
	assert_string_equal(sr.ids[0], "e2e-po-1");
	assert_int_equal(sr.n_shown[0], 3);
	assert_int_equal(sr.shown[0][0], 2);
	assert_int_equal(sr.shown[0][2], 1);
	assert_int_equal(sr.n_shown[1], 2);
	assert_int_equal(store_trivia_each_game(f->s, &by_code, take_game, &sg, &err), 0);
	assert_int_equal(sg.n, 1);
	assert_int_equal(sg.id, id);
	assert_string_equal(sg.banks, "e2e:abc");
	assert_string_equal(sg.files, "/tmp/x.yaml");
	sg.n = 0;
	assert_int_equal(store_trivia_each_game(f->s, &done, take_game, &sg, &err), 0);
	assert_int_equal(sg.n, 0);
	phase_ok(f->s, id, STORE_TRIVIA_DONE, STORE_TRIVIA_PODIUM, 2, MS0);
	assert_int_equal(store_trivia_each_game(f->s, &done, take_game, &sg, &err), 0);
	assert_int_equal(sg.n, 1);
}

static int join(struct store *s, int64_t id, const char *name, int64_t now_ms)
{
	struct rc_error err;
	int rc = store_trivia_join(s, id, name, T0, now_ms, STALE_MS, &err);

	if (rc < 0)
		fail_msg("store_trivia_join: %s", err.msg);
	return rc;
}

static void test_join_rejoin_and_absence(void **state)
{
	struct fixture *f = *state;
	struct store_trivia_state st;
	struct rc_error err;
	int64_t id = create_ok(f->s, "LOBBY", 1, NULL, 0);
	char name[16];

	state_ok(f->s, id, 0, &st);
	assert_int_equal(st.game.status, STORE_TRIVIA_LOBBY);
	assert_int_equal(join(f->s, id, "Ana", MS0), STORE_TRIVIA_JOINED);
	assert_int_equal(join(f->s, id, "Ben", MS0), STORE_TRIVIA_JOINED);
	/* Ana is playing: her name is taken. */
	assert_int_equal(join(f->s, id, "Ana", MS0 + 1000), STORE_TRIVIA_NAME_TAKEN);
	/* She quits; she may come back, in her seat. */
	assert_int_equal(store_trivia_leave(f->s, id, "Ana", &err), 0);
	state_ok(f->s, id, 0, &st);
	assert_int_equal(st.players[0].absent, 1);
	assert_int_equal(join(f->s, id, "Ana", MS0 + 2000), STORE_TRIVIA_REJOINED);
	state_ok(f->s, id, 0, &st);
	assert_int_equal(st.players[0].absent, 0);
	assert_int_equal(st.players[0].seat, 0);
	assert_int_equal(st.players[0].last_seen_ms, MS0 + 2000);
	/* Ben's heartbeat stops: marked absent by the host, back by his own
	 * heartbeat, and his name is free once he is silent. */
	assert_int_equal(store_trivia_seen(f->s, id, "Ana", MS0 + 9000, &err), 0);
	assert_int_equal(store_trivia_seen(f->s, id, NULL, MS0 + 9000, &err), 0);
	assert_int_equal(store_trivia_mark_absent(f->s, id, MS0 + 9000 - STALE_MS, &err), 0);
	state_ok(f->s, id, 0, &st);
	assert_int_equal(st.game.host_seen_ms, MS0 + 9000);
	assert_int_equal(st.players[0].absent, 0);
	assert_int_equal(st.players[1].absent, 1);
	assert_int_equal(store_trivia_seen(f->s, id, "Ben", MS0 + 9500, &err), 0);
	state_ok(f->s, id, 0, &st);
	assert_int_equal(st.players[1].absent, 0);
	assert_int_equal(join(f->s, id, "Ben", MS0 + 9500 + STALE_MS + 1), STORE_TRIVIA_REJOINED);
	/* The host removes Ben: neither his heartbeat, nor leaving, nor a
	 * rejoin brings him back. */
	assert_int_equal(store_trivia_remove(f->s, id, "Ben", &err), 0);
	assert_int_equal(store_trivia_seen(f->s, id, "Ben", MS0 + 9600, &err), 0);
	assert_int_equal(store_trivia_leave(f->s, id, "Ben", &err), 0);
	state_ok(f->s, id, 0, &st);
	assert_int_equal(st.players[1].absent, 1);
	assert_int_equal(st.players[1].removed, 1);
	assert_int_equal(st.players[0].removed, 0);
	assert_int_equal(join(f->s, id, "Ben", MS0 + 99000), STORE_TRIVIA_REMOVED);
	/* A full game takes nobody more; a finished one nobody at all. */
	for (int i = 2; i < (int)store_trivia_max_players(f->s); i++) {
		snprintf(name, sizeof name, "P%d", i);
		assert_int_equal(join(f->s, id, name, MS0), STORE_TRIVIA_JOINED);
	}
	assert_int_equal(join(f->s, id, "Late", MS0), STORE_TRIVIA_FULL);
	phase_ok(f->s, id, STORE_TRIVIA_ABANDONED, STORE_TRIVIA_PODIUM, 0, 0);
	assert_int_equal(join(f->s, id, "Ana", MS0 + 99000), STORE_TRIVIA_OVER);
	assert_int_equal(store_trivia_set_phase(f->s, id, &(struct store_trivia_step){
							STORE_TRIVIA_RUNNING, STORE_TRIVIA_QUESTION,
							1, MS0 }, T0, &err), 1);
	assert_true(store_trivia_join(f->s, id + 7, "Ana", T0, MS0, STALE_MS, &err) < 0);
}

/* The score callback: 100 points per right answer, no answer costs the
 * whole time. */
static int score_simple(void *ctx, struct store_trivia_state *st, struct rc_error *err)
{
	unsigned *calls = ctx;

	(void)err;
	(*calls)++;
	for (unsigned i = 0; i < st->n_players; i++) {
		struct store_trivia_player *p = &st->players[i];

		if (!p->answered)
			p->elapsed_ms = st->game.time_limit_ms;
		p->points = p->answered && p->correct ? 100 : 0;
		p->score += p->points;
		p->right += p->points > 0;
		p->streak = p->points > 0 ? p->streak + 1 : 0;
		p->time_ms += p->elapsed_ms;
	}
	return 0;
}

static void test_answers_and_scoring(void **state)
{
	struct fixture *f = *state;
	const char *const players[] = { "Ana", "Ben", "Chen" };
	struct store_trivia_state st;
	struct rc_error err;
	unsigned calls = 0;
	int64_t id = create_ok(f->s, "PLAYS", 0, players, 3);

	/* Nothing is accepted before the round opens. */
	assert_int_equal(answer(f->s, id, 1, "Ana", 0, 1, 500), 1);
	phase_ok(f->s, id, STORE_TRIVIA_RUNNING, STORE_TRIVIA_QUESTION, 1, MS0);
	assert_int_equal(answer(f->s, id, 1, "Ana", 0, 1, 500), 0);
	/* once per player, only the open round, only players */
	assert_int_equal(answer(f->s, id, 1, "Ana", 1, 0, 600), 1);
	assert_int_equal(answer(f->s, id, 2, "Ben", 0, 1, 600), 1);
	assert_int_equal(answer(f->s, id, 1, "Zoe", 0, 1, 600), 1);
	assert_int_equal(answer(f->s, id, 1, "Ben", 2, 0, 1500), 0);
	state_ok(f->s, id, 1, &st);
	assert_int_equal(st.players[0].answered, 1);
	assert_int_equal(st.players[0].picked, 0);
	assert_int_equal(st.players[0].correct, 1);
	assert_int_equal(st.players[0].elapsed_ms, 500);
	assert_int_equal(st.players[0].points, -1);
	assert_int_equal(st.players[2].answered, 0);
	/* answered but not scored: no round played yet */
	assert_int_equal(store_trivia_played(&st), 0);
	/* Scoring: Chen gets a "no answer" row, everyone their totals. */
	assert_int_equal(store_trivia_close_round(f->s, id, 1, &st, score_simple, &calls,
						  &err), 0);
	assert_int_equal(calls, 1);
	assert_int_equal(st.game.phase, STORE_TRIVIA_REVEAL);
	state_ok(f->s, id, 1, &st);
	assert_int_equal(st.game.phase, STORE_TRIVIA_REVEAL);
	assert_int_equal(st.players[0].points, 100);
	assert_int_equal(st.players[0].score, 100);
	assert_int_equal(st.players[0].streak, 1);
	assert_int_equal(st.players[1].points, 0);
	assert_int_equal(st.players[1].time_ms, 1500);
	assert_int_equal(st.players[2].answered, 1);
	assert_int_equal(st.players[2].picked, -1);
	assert_int_equal(st.players[2].points, 0);
	assert_int_equal(st.players[2].elapsed_ms, LIMIT_MS);
	assert_int_equal(st.players[2].time_ms, LIMIT_MS);
	assert_int_equal(store_trivia_played(&st), 1);
	/* Closed: too late to answer, and it is scored only once. */
	assert_int_equal(answer(f->s, id, 1, "Chen", 0, 1, 100), 1);
	assert_int_equal(store_trivia_close_round(f->s, id, 1, &st, score_simple, &calls,
						  &err), 1);
	assert_int_equal(calls, 1);
	state_ok(f->s, id, 1, &st);
	assert_int_equal(st.players[0].score, 100);
	/* Ended during round 2, before it was scored: 1 played; a game in
	 * its lobby played none. */
	phase_ok(f->s, id, STORE_TRIVIA_RUNNING, STORE_TRIVIA_QUESTION, 2, MS0);
	assert_int_equal(answer(f->s, id, 2, "Ana", 0, 1, 500), 0);
	phase_ok(f->s, id, STORE_TRIVIA_ABANDONED, STORE_TRIVIA_PODIUM, 2, MS0);
	state_ok(f->s, id, 2, &st);
	assert_int_equal(store_trivia_played(&st), 1);
	state_ok(f->s, create_ok(f->s, "LOBBY", 1, NULL, 0), 0, &st);
	assert_int_equal(store_trivia_played(&st), 0);
}

static int score_fails(void *ctx, struct store_trivia_state *st, struct rc_error *err)
{
	(void)ctx;
	st->players[0].score = 12345;
	return rc_error_set(err, "no");
}

static void test_failed_scoring_changes_nothing(void **state)
{
	struct fixture *f = *state;
	const char *const players[] = { "Ana" };
	struct store_trivia_state st;
	struct rc_error err;
	int64_t id = create_ok(f->s, "FAILS", 0, players, 1);

	phase_ok(f->s, id, STORE_TRIVIA_RUNNING, STORE_TRIVIA_QUESTION, 1, MS0);
	assert_true(store_trivia_close_round(f->s, id, 1, &st, score_fails, NULL, &err) < 0);
	state_ok(f->s, id, 1, &st);
	assert_int_equal(st.game.phase, STORE_TRIVIA_QUESTION);
	assert_int_equal(st.players[0].score, 0);
	assert_int_equal(st.players[0].answered, 0);
}

static int count_trivia(void *ctx, const struct log_row *row)
{
	unsigned *n = ctx;

	assert_int_equal(row->rec.mode, MODE_TRIVIA);
	assert_string_equal(row->rec.question_id, "e2e-po-1");
	(*n)++;
	return 0;
}

/* With a record, the answer also goes into the player's profile. */
static void test_answer_goes_into_the_log(void **state)
{
	struct fixture *f = *state;
	const char *const players[] = { "Ana" };
	struct answer_record rec;
	struct history *h = history_new();
	struct rc_error err;
	int64_t id = create_ok(f->s, "LOGIT", 0, players, 1), ana;
	unsigned n = 0;

	assert_non_null(h);
	assert_int_equal(store_user(f->s, "Ana", &ana, &err), 0);
	memset(&rec, 0, sizeof rec);
	rec.bank_id = "e2e";
	rec.question_id = "e2e-po-1";
	rec.answer_role = "po";
	rec.about[0] = "po";
	rec.n_about = 1;
	rec.shown_roles[0] = "po";
	rec.shown_roles[1] = "pm";
	rec.shown_choices[0] = 0;
	rec.shown_choices[1] = 1;
	rec.n_shown = 2;
	rec.picked = 0;
	rec.correct = 1;
	rec.elapsed_ms = 700;
	rec.answered_at = T0;
	rec.mode = MODE_TRIVIA;
	assert_int_equal(history_apply(h, &rec, 30000), 0);
	phase_ok(f->s, id, STORE_TRIVIA_RUNNING, STORE_TRIVIA_QUESTION, 1, MS0);
	assert_int_equal(store_trivia_answer(f->s, id, 1, "Ana", 0, 1, 700, MS0 + 700, &rec,
					     ana, h, &err), 0);
	/* A refused answer logs nothing either. */
	assert_int_equal(store_trivia_answer(f->s, id, 1, "Ana", 0, 1, 700, MS0 + 700, &rec,
					     ana, h, &err), 1);
	assert_int_equal(store_each_answer(f->s, ana, count_trivia, &n, &err), 0);
	assert_int_equal(n, 1);
	rec.mode = MODE_PRACTICE;
	assert_true(store_trivia_answer(f->s, id, 1, "Ana", 0, 1, 7, MS0, &rec, ana, h,
					&err) < 0);
	history_free(h);
}

static void sql_ok(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
}

/* A v2 database is a v3 one without the trivia tables: it must come back
 * as v3 and hold games. */
static void test_migrates_v2_to_now(void **state)
{
	SQLITE_ONLY(); /* before anything is allocated */
	struct fixture *f = *state;
	struct store_trivia_state st;
	sqlite3 *db;
	sqlite3_stmt *q;
	int64_t id;

	store_close(f->s);
	f->s = NULL; /* teardown closes it: not twice if the reopen fails */
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	sql_ok(db, "DROP TABLE trivia_answers; DROP TABLE trivia_rounds;"
		   " DROP TABLE trivia_players; DROP TABLE trivia_games;"
		   " DROP TABLE exam_key; DROP TABLE exam_definitions;"
		   " ALTER TABLE exam_attempts DROP COLUMN definition_id;"
		   " DROP TABLE role_names; PRAGMA user_version = 2");
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
	f->s = open_ok(f->db);
	id = create_ok(f->s, "AFTER", 0, (const char *const[]){ "Ana" }, 1);
	state_ok(f->s, id, 0, &st);
	assert_int_equal(st.n_players, 1);
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(q, 0), STORE_SCHEMA_VERSION);
	sqlite3_finalize(q);
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_create_stores_game_rounds_players),
		T(test_reading_rounds_and_games),
		T(test_join_rejoin_and_absence),
		T(test_answers_and_scoring),
		T(test_failed_scoring_changes_nothing),
		T(test_answer_goes_into_the_log),
		T(test_migrates_v2_to_now),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
