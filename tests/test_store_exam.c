/*
 * Tests for the exam part of store: attempts and their questions as
 * stored, answers committed one by one, submitting into the answer log,
 * filters, and the v1 -> v2 schema migration.
 *
 * Everything happens in a mkdtemp folder under /tmp.  The migration test
 * uses SQLite directly to turn a database back into the v1 layout; the
 * program itself includes sqlite3.h only in the store (store_impl.h).
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
#define SLOW_MS 30000
#define N_ITEMS 4

static const char *const roles[] = { "pm", "po", "pmm", "pjm" };
static const char *const qids[] = { "q-pm", "q-po", "q-pmm", "q-pjm" };

struct fixture {
	char dir[64];
	char db[128];
	struct store *s;
	int64_t alice, bob;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	if (!f)
		return -1;
	if (make_test_dir(f->dir, sizeof f->dir, "exam") < 0)
		return -1;
	snprintf(f->db, sizeof f->db, "%s/rolecall.db", f->dir);
	test_db(f->db, sizeof f->db, f->db);
	f->s = open_ok(f->db);
	f->alice = user_ok(f->s, "alice");
	f->bob = user_ok(f->s, "bob");
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

/* Question i: about role i, options shown as roles i, i+1, i+2 (mod 4),
 * so the right answer is at position 0 and choice index (i % 3). */
static struct answer_record item(unsigned i, int picked)
{
	struct answer_record r;

	memset(&r, 0, sizeof r);
	r.bank_id = "bank-a";
	r.question_id = qids[i % 4];
	r.answer_role = roles[i % 4];
	r.about[0] = roles[i % 4];
	r.n_about = 1;
	r.n_shown = 3;
	for (unsigned k = 0; k < 3; k++) {
		r.shown_roles[k] = roles[(i + k) % 4];
		r.shown_choices[k] = (i + k) % 3;
	}
	r.picked = picked;
	r.correct = picked == 0;
	r.mode = MODE_EXAM;
	return r;
}

static struct exam_attempt attempt(int64_t user_id, int64_t at, uint64_t seed)
{
	struct exam_attempt a;

	memset(&a, 0, sizeof a);
	a.user_id = user_id;
	a.started_at = at;
	a.seed = seed;
	a.count = N_ITEMS;
	a.pass_mark = 75;
	a.time_limit = 600;
	a.banks = "bank-a:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
	return a;
}

static int64_t begin_ok(struct store *s, struct exam_attempt *a)
{
	struct answer_record items[N_ITEMS];
	struct rc_error err;

	for (unsigned i = 0; i < N_ITEMS; i++)
		items[i] = item(i, -1);
	if (store_exam_begin(s, a, items, N_ITEMS, &err) < 0)
		fail_msg("store_exam_begin: %s", err.msg);
	assert_true(a->id > 0);
	return a->id;
}

/* ---- collecting what the store reads back ---- */

struct got_attempts {
	unsigned n;
	struct exam_attempt a[8];
	char user[8][16], banks[8][128];
};

static int got_attempt(void *ctx, const struct exam_attempt *a)
{
	struct got_attempts *g = ctx;

	assert_true(g->n < 8);
	g->a[g->n] = *a;
	snprintf(g->user[g->n], sizeof g->user[0], "%s", a->user);
	snprintf(g->banks[g->n], sizeof g->banks[0], "%s", a->banks);
	g->n++;
	return 0;
}

static void read_attempts(struct store *s, const struct exam_filter *f,
			  struct got_attempts *g)
{
	struct rc_error err;

	memset(g, 0, sizeof *g);
	if (store_each_attempt(s, f, got_attempt, g, &err) < 0)
		fail_msg("store_each_attempt: %s", err.msg);
}

struct got_items {
	unsigned n;
	int64_t attempt[16];
	unsigned position[16];
	int picked[16], correct[16];
	char picked_role[16][8], shown[16][32], about[16][8], answer[16][8];
};

static int got_item(void *ctx, const struct exam_item_row *row)
{
	struct got_items *g = ctx;
	const struct answer_record *r = &row->rec;
	size_t at = 0;

	assert_true(g->n < 16);
	assert_int_equal(r->mode, MODE_EXAM);
	g->attempt[g->n] = row->attempt_id;
	g->position[g->n] = row->position;
	g->picked[g->n] = r->picked;
	g->correct[g->n] = r->correct;
	snprintf(g->picked_role[g->n], 8, "%s", row->picked_role ? row->picked_role : "-");
	snprintf(g->about[g->n], 8, "%s", r->n_about ? r->about[0] : "");
	snprintf(g->answer[g->n], 8, "%s", r->answer_role);
	for (unsigned k = 0; k < r->n_shown; k++)
		at += (size_t)snprintf(g->shown[g->n] + at, 32 - at, "%s%s:%u",
				       k ? "," : "", r->shown_roles[k],
				       r->shown_choices[k]);
	g->n++;
	return 0;
}

static void read_items(struct store *s, const struct exam_filter *f,
		       struct got_items *g)
{
	struct rc_error err;

	memset(g, 0, sizeof *g);
	if (store_each_exam_item(s, f, got_item, g, &err) < 0)
		fail_msg("store_each_exam_item: %s", err.msg);
}

static int count_log(void *ctx, const struct log_row *row)
{
	unsigned *n = ctx;

	assert_int_equal(row->rec.mode, MODE_EXAM);
	(*n)++;
	return 0;
}

static unsigned log_count(struct store *s, int64_t uid)
{
	struct rc_error err;
	unsigned n = 0;

	if (store_each_answer(s, uid, count_log, &n, &err) < 0)
		fail_msg("store_each_answer: %s", err.msg);
	return n;
}

#define ALL ((struct exam_filter){ 0, 0, INT64_MIN, 0, NULL })

/* ---- tests ---- */

static void test_begin_stores_the_attempt_open(void **state)
{
	struct fixture *f = *state;
	struct exam_attempt a = attempt(f->alice, T0, UINT64_MAX);
	struct got_attempts ga;
	struct got_items gi;
	int64_t id = begin_ok(f->s, &a);

	read_attempts(f->s, &ALL, &ga);
	assert_int_equal(ga.n, 1);
	assert_int_equal(ga.a[0].id, id);
	assert_int_equal(ga.a[0].user_id, f->alice);
	assert_string_equal(ga.user[0], "alice");
	assert_int_equal(ga.a[0].started_at, T0);
	assert_int_equal(ga.a[0].ended_at, 0);
	assert_true(ga.a[0].seed == UINT64_MAX); /* beyond SQLite's signed range */
	assert_int_equal(ga.a[0].count, N_ITEMS);
	assert_int_equal(ga.a[0].pass_mark, 75);
	assert_int_equal(ga.a[0].time_limit, 600);
	assert_false(ga.a[0].submitted);
	assert_false(ga.a[0].timed_out);
	assert_int_equal(ga.a[0].correct, 0);
	assert_string_equal(ga.banks[0], a.banks);
	read_items(f->s, &ALL, &gi);
	assert_int_equal(gi.n, N_ITEMS);
	for (unsigned i = 0; i < N_ITEMS; i++) {
		char want[32];

		snprintf(want, sizeof want, "%s:%u,%s:%u,%s:%u", roles[i % 4], i % 3,
			 roles[(i + 1) % 4], (i + 1) % 3, roles[(i + 2) % 4], (i + 2) % 3);
		assert_int_equal(gi.attempt[i], id);
		assert_int_equal(gi.position[i], i);
		assert_int_equal(gi.picked[i], -1);
		assert_int_equal(gi.correct[i], 0);
		assert_string_equal(gi.picked_role[i], "-");
		assert_string_equal(gi.shown[i], want);
		assert_string_equal(gi.about[i], roles[i % 4]);
		assert_string_equal(gi.answer[i], roles[i % 4]);
	}
	/* nothing reaches the answer log before the exam is submitted */
	assert_int_equal(log_count(f->s, 0), 0);
}

static void test_answers_commit_and_change(void **state)
{
	struct fixture *f = *state;
	struct exam_attempt a = attempt(f->alice, T0, 1);
	struct answer_record r;
	struct rc_error err;
	struct got_items gi;
	struct store *other;
	int64_t id = begin_ok(f->s, &a);

	r = item(1, 2);
	assert_int_equal(store_exam_answer(f->s, id, 1, &r, &err), 0);
	r = item(2, 1);
	assert_int_equal(store_exam_answer(f->s, id, 2, &r, &err), 0);
	r = item(2, 0); /* changed: wrong, then right */
	assert_int_equal(store_exam_answer(f->s, id, 2, &r, &err), 0);
	/* committed: a second connection sees them at once */
	other = open_ok(f->db);
	read_items(other, &ALL, &gi);
	store_close(other);
	assert_int_equal(gi.picked[1], 2);
	assert_int_equal(gi.correct[1], 0);
	assert_string_equal(gi.picked_role[1], "pjm");
	assert_int_equal(gi.picked[2], 0);
	assert_int_equal(gi.correct[2], 1);
	assert_string_equal(gi.picked_role[2], "pmm");
	assert_int_equal(gi.picked[0], -1);
	r = item(0, 0);
	assert_int_equal(store_exam_answer(f->s, id, N_ITEMS, &r, &err), -1);
	assert_non_null(strstr(err.msg, "has no open question 5"));
	r.picked = 7;
	assert_int_equal(store_exam_answer(f->s, id, 0, &r, &err), -1);
	assert_non_null(strstr(err.msg, "malformed"));
}

/* Submit with items 0 and 1 right, 2 wrong, 3 unanswered: the history
 * gets the three answers, as the front ends apply them. */
static void submit_ok(struct fixture *f, struct exam_attempt *a, struct history *h)
{
	struct answer_record items[N_ITEMS] = { item(0, 0), item(1, 0), item(2, 1),
						item(3, -1) };
	struct rc_error err;

	for (unsigned i = 0; i < N_ITEMS; i++) {
		items[i].answered_at = T0 + 300;
		if (items[i].picked >= 0)
			assert_int_equal(history_apply(h, &items[i], SLOW_MS), 0);
	}
	a->ended_at = T0 + 300;
	a->timed_out = 1;
	a->correct = 2;
	if (store_exam_submit(f->s, a, items, N_ITEMS, h, &err) < 0)
		fail_msg("store_exam_submit: %s", err.msg);
}

static char *dump_ok(struct store *s)
{
	struct rc_error err;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	assert_non_null(out);
	if (store_dump_derived(s, out, &err) < 0)
		fail_msg("store_dump_derived: %s", err.msg);
	assert_int_equal(fclose(out), 0);
	return text;
}

/* Every question stays with the attempt; only the answered ones reach
 * the log and the derived state: a question left unanswered (time up, end
 * of input) counts against the score, not as a confusion. */
static void test_submit_logs_answered_questions(void **state)
{
	struct fixture *f = *state;
	struct exam_attempt a = attempt(f->alice, T0, 9);
	struct history *h = history_new(), *got = history_new();
	struct got_attempts ga;
	struct got_items gi;
	struct rc_error err;
	char *before, *after;

	begin_ok(f->s, &a);
	submit_ok(f, &a, h);
	read_attempts(f->s, &ALL, &ga);
	assert_true(ga.a[0].submitted);
	assert_true(ga.a[0].timed_out);
	assert_int_equal(ga.a[0].ended_at, T0 + 300);
	assert_int_equal(ga.a[0].correct, 2);
	read_items(f->s, &ALL, &gi);
	assert_int_equal(gi.picked[2], 1);
	assert_int_equal(gi.correct[2], 0);
	assert_int_equal(gi.n, N_ITEMS);
	assert_int_equal(gi.picked[3], -1);
	assert_int_equal(log_count(f->s, f->alice), N_ITEMS - 1);
	assert_int_equal(history_answers(h), N_ITEMS - 1);
	if (store_load_history(f->s, f->alice, got, &err) < 0)
		fail_msg("store_load_history: %s", err.msg);
	assert_int_equal(history_answers(got), N_ITEMS - 1);
	assert_int_equal(history_correct(got), 2);
	assert_null(history_question(got, "q-pjm"));
	history_free(got);
	/* the derived state is what a replay of the log gives */
	before = dump_ok(f->s);
	assert_int_equal(store_rebuild(f->s, SLOW_MS, &err), 0);
	after = dump_ok(f->s);
	assert_string_equal(before, after);
	assert_non_null(strstr(before, "users|1|alice|3|2"));
	assert_null(strstr(before, "q-pjm"));
	free(before);
	free(after);
	/* a submitted exam is closed: no more answers, no second submit */
	a.correct = 3;
	assert_int_equal(store_exam_submit(f->s, &a, NULL, 0, h, &err), -1);
	assert_non_null(strstr(err.msg, "is not open"));
	{
		struct answer_record r = item(3, 0);

		assert_int_equal(store_exam_answer(f->s, a.id, 3, &r, &err), -1);
		assert_non_null(strstr(err.msg, "no open question 4"));
	}
	assert_int_equal(log_count(f->s, 0), N_ITEMS - 1);
	history_free(h);
}

/* A practice answer recorded in another terminal while the exam ran: the
 * submit catches up with it instead of writing over its counts. */
static void test_submit_after_another_session(void **state)
{
	struct fixture *f = *state;
	struct exam_attempt a = attempt(f->alice, T0, 9);
	struct store *other = open_ok(f->db);
	struct history *h = history_new(), *h2 = history_new(), *got = history_new();
	struct answer_record r = item(1, 1);
	struct rc_error err;
	char *before, *after;

	begin_ok(f->s, &a);
	r.mode = MODE_PRACTICE;
	r.answered_at = T0 + 100;
	assert_int_equal(history_apply(h2, &r, SLOW_MS), 0);
	if (store_record(other, f->alice, &r, h2, &err) < 0)
		fail_msg("store_record: %s", err.msg);
	submit_ok(f, &a, h);
	assert_int_equal(history_answers(h), N_ITEMS);
	if (store_load_history(f->s, f->alice, got, &err) < 0)
		fail_msg("store_load_history: %s", err.msg);
	assert_int_equal(history_answers(got), N_ITEMS);
	assert_int_equal(history_question(got, "q-po")->asked, 2);
	before = dump_ok(f->s);
	assert_int_equal(store_rebuild(f->s, SLOW_MS, &err), 0);
	after = dump_ok(f->s);
	assert_string_equal(before, after);
	free(before);
	free(after);
	history_free(h);
	history_free(h2);
	history_free(got);
	store_close(other);
}

/* A submit tried again after one that failed (issue 15, item 1): the
 * failed one may have left the history half caught up, its count looking
 * right.  Here h counts 4 answers, as the store does with the exam's 3,
 * but holds a made-up one instead of the other session's: submitted
 * again, the rows come from the store, not from h. */
static void test_submit_again_loads_the_history_afresh(void **state)
{
	struct fixture *f = *state;
	struct exam_attempt a = attempt(f->alice, T0, 9);
	struct answer_record items[N_ITEMS] = { item(0, 0), item(1, 0), item(2, 1),
						item(3, -1) };
	struct answer_record r = item(1, 1), bogus = item(3, 2);
	struct store *other = open_ok(f->db);
	struct history *h = history_new(), *h2 = history_new(), *got = history_new();
	struct rc_error err;
	char *before, *after;

	begin_ok(f->s, &a);
	r.mode = MODE_PRACTICE;
	r.answered_at = T0 + 100;
	assert_int_equal(history_apply(h2, &r, SLOW_MS), 0);
	if (store_record(other, f->alice, &r, h2, &err) < 0)
		fail_msg("store_record: %s", err.msg);
	bogus.mode = MODE_PRACTICE;
	assert_int_equal(history_apply(h, &bogus, SLOW_MS), 0);
	for (unsigned i = 0; i < N_ITEMS; i++) {
		items[i].answered_at = T0 + 300;
		if (items[i].picked >= 0)
			assert_int_equal(history_apply(h, &items[i], SLOW_MS), 0);
	}
	a.ended_at = T0 + 300;
	a.correct = 2;
	if (store_exam_submit_again(f->s, &a, items, N_ITEMS, h, &err) < 0)
		fail_msg("store_exam_submit_again: %s", err.msg);
	assert_int_equal(history_answers(h), N_ITEMS);
	assert_null(history_question(h, "q-pjm"));
	if (store_load_history(f->s, f->alice, got, &err) < 0)
		fail_msg("store_load_history: %s", err.msg);
	assert_int_equal(history_question(got, "q-po")->asked, 2);
	assert_null(history_question(got, "q-pjm"));
	before = dump_ok(f->s);
	assert_int_equal(store_rebuild(f->s, SLOW_MS, &err), 0);
	after = dump_ok(f->s);
	assert_string_equal(before, after);
	/* stored once: a third try finds it closed */
	assert_int_equal(store_exam_submit_again(f->s, &a, items, N_ITEMS, h, &err), -1);
	assert_non_null(strstr(err.msg, "submitted already"));
	free(before);
	free(after);
	history_free(h);
	history_free(h2);
	history_free(got);
	store_close(other);
}

static void test_failed_submit_changes_nothing(void **state)
{
	struct fixture *f = *state;
	struct exam_attempt a = attempt(f->alice, T0, 9);
	struct answer_record items[N_ITEMS] = { item(0, 0), item(1, 0), item(2, 1),
						item(3, -1) };
	struct history *h = history_new();
	struct got_attempts ga;
	struct got_items gi;
	struct rc_error err;

	begin_ok(f->s, &a);
	/* not applied to the history: refused, and rolled back entirely */
	assert_int_equal(store_exam_submit(f->s, &a, items, N_ITEMS, h, &err), -1);
	assert_non_null(strstr(err.msg, "not applied to the history"));
	/* the wrong profile, or the wrong number of questions */
	for (unsigned i = 0; i < N_ITEMS; i++)
		assert_int_equal(history_apply(h, &items[i], SLOW_MS), 0);
	a.user_id = f->bob;
	assert_int_equal(store_exam_submit(f->s, &a, items, N_ITEMS, h, &err), -1);
	a.user_id = f->alice;
	assert_int_equal(store_exam_submit(f->s, &a, items, N_ITEMS - 1, h, &err), -1);
	items[1].mode = MODE_PRACTICE;
	assert_int_equal(store_exam_submit(f->s, &a, items, N_ITEMS, h, &err), -1);
	read_attempts(f->s, &ALL, &ga);
	assert_false(ga.a[0].submitted);
	read_items(f->s, &ALL, &gi);
	for (unsigned i = 0; i < N_ITEMS; i++)
		assert_int_equal(gi.picked[i], -1);
	assert_int_equal(log_count(f->s, 0), 0);
	history_free(h);
}

static void test_begin_checks_its_items(void **state)
{
	struct fixture *f = *state;
	struct exam_attempt a = attempt(f->alice, T0, 9);
	struct answer_record items[N_ITEMS] = { item(0, -1), item(1, -1), item(2, -1),
						item(3, -1) };
	struct got_attempts ga;
	struct rc_error err;

	assert_int_equal(store_exam_begin(f->s, &a, items, N_ITEMS - 1, &err), -1);
	items[3].shown_roles[1] = "p,m"; /* could not be split again */
	assert_int_equal(store_exam_begin(f->s, &a, items, N_ITEMS, &err), -1);
	assert_non_null(strstr(err.msg, "malformed"));
	read_attempts(f->s, &ALL, &ga);
	assert_int_equal(ga.n, 0); /* the attempt row went with the rollback */
}

static void test_filters(void **state)
{
	struct fixture *f = *state;
	struct exam_attempt a1 = attempt(f->alice, T0, 1), b1 = attempt(f->bob, T0 + 100, 2);
	struct exam_attempt a2 = attempt(f->alice, T0 + 200, 3);
	struct history *h = history_new();
	struct exam_filter only_alice = { f->alice, 0, INT64_MIN, 0, NULL };
	struct exam_filter since = { 0, 0, T0 + 100, 0, NULL };
	struct exam_filter submitted = { 0, 0, INT64_MIN, 1, NULL };
	struct got_attempts ga;
	struct got_items gi;

	begin_ok(f->s, &a1);
	begin_ok(f->s, &b1);
	begin_ok(f->s, &a2);
	submit_ok(f, &a2, h);
	read_attempts(f->s, &only_alice, &ga);
	assert_int_equal(ga.n, 2);
	assert_int_equal(ga.a[0].id, a1.id);
	assert_int_equal(ga.a[1].id, a2.id);
	read_attempts(f->s, &since, &ga);
	assert_int_equal(ga.n, 2);
	assert_int_equal(ga.a[0].id, b1.id);
	assert_string_equal(ga.user[0], "bob");
	read_attempts(f->s, &submitted, &ga);
	assert_int_equal(ga.n, 1);
	assert_int_equal(ga.a[0].id, a2.id);
	read_attempts(f->s, &(struct exam_filter){ 0, b1.id, INT64_MIN, 0, NULL }, &ga);
	assert_int_equal(ga.n, 1);
	assert_int_equal(ga.a[0].seed, 2);
	read_items(f->s, &submitted, &gi);
	assert_int_equal(gi.n, N_ITEMS);
	assert_int_equal(gi.attempt[0], a2.id);
	read_items(f->s, &ALL, &gi);
	assert_int_equal(gi.n, 3 * N_ITEMS);
	assert_int_equal(gi.attempt[N_ITEMS], b1.id);
	history_free(h);
}

static void test_find_user_does_not_create(void **state)
{
	struct fixture *f = *state;
	struct rc_error err;
	int64_t id = 0;

	assert_int_equal(store_find_user(f->s, "carol", &id, &err), 0);
	assert_int_equal(store_find_user(f->s, "bob", &id, &err), 1);
	assert_int_equal(id, f->bob);
	assert_int_equal(store_find_user(f->s, "carol", &id, &err), 0);
}

static void sql_ok(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
}

/* A v1 database is a v2 one without the exam tables: made that way, it
 * must come back as v2 with its answers and take exams. */
static void test_migrates_v1_to_v2(void **state)
{
	SQLITE_ONLY(); /* before anything is allocated */
	struct fixture *f = *state;
	struct answer_record r = item(0, 0);
	struct history *h = history_new();
	struct exam_attempt a;
	struct rc_error err;
	sqlite3 *db;
	sqlite3_stmt *st;

	r.mode = MODE_PRACTICE;
	r.answered_at = T0;
	assert_int_equal(history_apply(h, &r, SLOW_MS), 0);
	assert_int_equal(store_record(f->s, f->alice, &r, h, &err), 0);
	store_close(f->s);
	f->s = NULL; /* teardown closes it: not twice if the reopen fails */
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	/* later versions' tables go too: a v1 file never had them */
	sql_ok(db, "DROP TABLE trivia_answers; DROP TABLE trivia_rounds;"
		   " DROP TABLE trivia_players; DROP TABLE trivia_games;"
		   " DROP TABLE exam_items; DROP TABLE exam_key;"
		   " DROP TABLE exam_attempts; DROP TABLE exam_definitions;"
		   " DROP TABLE role_names; PRAGMA user_version = 1");
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
	f->s = open_ok(f->db);
	history_free(h);
	h = history_new();
	assert_int_equal(store_load_history(f->s, f->alice, h, &err), 0);
	assert_int_equal(history_answers(h), 1);
	a = attempt(f->alice, T0, 5);
	begin_ok(f->s, &a);
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), STORE_SCHEMA_VERSION);
	sqlite3_finalize(st);
	sqlite3_close(db);
	history_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_begin_stores_the_attempt_open),
		T(test_answers_commit_and_change),
		T(test_submit_logs_answered_questions),
		T(test_submit_after_another_session),
		T(test_submit_again_loads_the_history_afresh),
		T(test_failed_submit_changes_nothing),
		T(test_begin_checks_its_items),
		T(test_filters),
		T(test_find_user_does_not_create),
		T(test_migrates_v1_to_v2),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
