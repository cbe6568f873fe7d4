/*
 * Tests for store: files, modes, schema versions, the log, derived state,
 * and what two processes or a kill -9 do to a database.
 *
 * Everything happens in a mkdtemp folder under /tmp, never under $HOME.
 * Child processes never call cmocka: they report through their exit status
 * (and a line on stderr saying why).
 */
#define _XOPEN_SOURCE 700 /* nftw */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rolecall/engine.h"
#include "rolecall/history.h"
#include "rolecall/store.h"
#include "catalog_fixture.h"
#include "store_fixture.h"

#define T0 1800000000LL /* a fixed "now": tests never read the clock */
#define DAY 86400
#define SLOW_MS 8000
#define NOBODY 65534

struct fixture {
	char dir[64];
	char db[128];
};

static const char *const roles[] = { "pm", "po", "pmm", "pjm" };
static const char *const questions[] = { "q0", "q1", "q2", "q3", "q4", "q5",
					 "q6", "q7", "q8", "q9", "q10" };

/* ---- fixture ---- */

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	if (!f)
		return -1;
	if (make_test_dir(f->dir, sizeof f->dir, "store") < 0)
		return -1;
	snprintf(f->db, sizeof f->db, "%s/data/rolecall.db", f->dir);
	test_db(f->db, sizeof f->db, f->db);
	*state = f;
	return 0;
}

static int make_writable(const char *path, const struct stat *st, int type,
			 struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type == FTW_D || type == FTW_DNR)
		chmod(path, 0700);
	return 0;
}

static int remove_entry(const char *path, const struct stat *st, int type,
			struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	remove(path);
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	/* the read-only tests leave folders we could not empty otherwise */
	nftw(f->dir, make_writable, 16, FTW_PHYS);
	nftw(f->dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

/* ---- helpers ---- */

static void assert_msg_has(const struct rc_error *err, const char *needle)
{
	if (!strstr(err->msg, needle))
		fail_msg("message \"%s\" lacks \"%s\"", err->msg, needle);
}

/*
 * Answer i of a deterministic mix: role questions, options that stand for
 * no role, questions about no single role, time-outs, slow answers, every
 * mode.
 */
static struct answer_record make_answer(unsigned i, int64_t at)
{
	struct answer_record r;
	unsigned seed = i * 2654435761u;
	unsigned y = i % 4, pos;

	memset(&r, 0, sizeof r);
	r.bank_id = i % 7 ? "pm-vs-po" : "other";
	r.question_id = questions[i % 11];
	r.n_shown = 3 + i % 2;
	pos = (seed >> 4) % r.n_shown;
	for (unsigned k = 0; k < r.n_shown; k++) {
		r.shown_roles[k] = roles[(y + k) % 4];
		r.shown_choices[k] = (k + i) % r.n_shown;
	}
	r.shown_roles[0] = r.shown_roles[pos];
	r.shown_roles[pos] = roles[y];
	if (i % 5 == 3 && pos != r.n_shown - 1)
		r.shown_roles[r.n_shown - 1] = NULL;
	r.answer_role = i % 11 == 5 ? NULL : roles[y];
	r.about[0] = r.answer_role ? r.answer_role : "pm";
	r.about[1] = "po";
	r.n_about = r.answer_role ? 1 : 2;
	r.picked = i % 13 == 0 ? -1 : (int)((seed >> 12) % r.n_shown);
	r.correct = r.picked == (int)pos;
	r.elapsed_ms = 500 + (seed >> 16) % 12000;
	r.answered_at = at;
	r.mode = (enum session_mode)(i % 4);
	return r;
}

/* Apply and record, as the engine and a front end do. */
static void record_ok(struct store *s, int64_t uid, struct history *h,
		      const struct answer_record *r)
{
	struct rc_error err;

	assert_int_equal(history_apply(h, r, SLOW_MS), 0);
	if (store_record(s, uid, r, h, &err) < 0)
		fail_msg("store_record: %s", err.msg);
}

static struct history *load_ok(struct store *s, int64_t uid)
{
	struct history *h = history_new();
	struct rc_error err;

	assert_non_null(h);
	if (store_load_history(s, uid, h, &err) < 0)
		fail_msg("store_load_history: %s", err.msg);
	return h;
}

struct qcmp {
	const struct history *other;
	unsigned n;
};

static void question_in_other(void *ctx, const struct question_state *a)
{
	struct qcmp *c = ctx;
	const struct question_state *b = history_question(c->other, a->id);

	if (!b)
		fail_msg("question %s missing", a->id);
	assert_true(a->card.stability == b->card.stability);
	assert_true(a->card.difficulty == b->card.difficulty);
	assert_int_equal(a->card.last_review, b->card.last_review);
	assert_int_equal(a->card.due, b->card.due);
	assert_int_equal(a->card.reps, b->card.reps);
	assert_int_equal(a->card.lapses, b->card.lapses);
	assert_int_equal(a->asked, b->asked);
	assert_int_equal(a->wrong, b->wrong);
	assert_int_equal(a->last_seen, b->last_seen);
	c->n++;
}

/* Every tally and confusion cell of a that is not zero is in b, by id. */
static void roles_in_other(const struct history *a, const struct history *b)
{
	unsigned n = history_role_count(a);

	for (unsigned i = 0; i < n; i++) {
		const struct role_tally *t = history_role_tally(a, i);
		int bi = history_role_find(b, history_role_id(a, i));

		if (t->asked || t->correct) {
			if (bi < 0)
				fail_msg("role %s missing", history_role_id(a, i));
			assert_int_equal(t->asked, history_role_tally(b, (unsigned)bi)->asked);
			assert_int_equal(t->correct,
					 history_role_tally(b, (unsigned)bi)->correct);
		}
		for (unsigned k = 0; k < n; k++) {
			const struct confusion_cell *c = history_confusion(a, i, k);
			int bk = history_role_find(b, history_role_id(a, k));

			if (!c->count && !c->chances)
				continue;
			if (bi < 0 || bk < 0)
				fail_msg("confusion %s->%s missing", history_role_id(a, i),
					 history_role_id(a, k));
			assert_int_equal(c->count, history_confusion(b, (unsigned)bi,
								     (unsigned)bk)->count);
			assert_int_equal(c->chances, history_confusion(b, (unsigned)bi,
								       (unsigned)bk)->chances);
		}
	}
}

static void assert_history_equal(const struct history *a, const struct history *b)
{
	struct qcmp ab = { b, 0 }, ba = { a, 0 };

	assert_int_equal(history_answers(a), history_answers(b));
	assert_int_equal(history_correct(a), history_correct(b));
	history_each_question(a, question_in_other, &ab);
	history_each_question(b, question_in_other, &ba);
	assert_int_equal(ab.n, ba.n);
	roles_in_other(a, b);
	roles_in_other(b, a);
}

static char *dump_ok(struct store *s)
{
	struct rc_error err;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	if (store_dump_derived(s, f, &err) < 0)
		fail_msg("store_dump_derived: %s", err.msg);
	assert_int_equal(fclose(f), 0);
	return text;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void spit(const char *path, const void *data, size_t len, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	assert_int_equal(close(fd), 0);
}

/* Overwrite a 4-byte big-endian field of the SQLite header of a closed
 * database (60: user_version, 68: application_id). */
static void patch_header(const char *path, long offset, uint32_t v)
{
	unsigned char b[4] = { v >> 24, v >> 16, v >> 8, v };
	FILE *f = fopen(path, "r+b");

	assert_non_null(f);
	assert_int_equal(fseek(f, offset, SEEK_SET), 0);
	assert_int_equal(fwrite(b, 1, 4, f), 4);
	assert_int_equal(fclose(f), 0);
}

static mode_t mode_of(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		fail_msg("stat %s: %s", path, strerror(errno));
	return st.st_mode & 07777;
}

struct rows {
	unsigned n;
	int64_t last_id;
	struct answer_record want[32];
	const char *want_user[32];
	unsigned stop_after;
};

static int count_row(void *ctx, const struct log_row *row)
{
	struct rows *r = ctx;

	assert_true(row->id > r->last_id);
	r->last_id = row->id;
	r->n++;
	return 0;
}

static unsigned log_count(struct store *s, int64_t uid)
{
	struct rows r = { 0 };
	struct rc_error err;

	if (store_each_answer(s, uid, count_row, &r, &err) < 0)
		fail_msg("store_each_answer: %s", err.msg);
	return r.n;
}

/* ---- files and modes ---- */

static void test_open_creates_private_file(void **state)
{
	SQLITE_ONLY(); /* before anything is allocated */
	struct fixture *f = *state;
	char a[160], b[160], wal[160];
	mode_t old = umask(0); /* the modes must not depend on the umask */
	struct history *h = history_new();
	struct answer_record r = make_answer(1, T0);
	struct store *s;

	snprintf(a, sizeof a, "%s/a", f->dir);
	snprintf(b, sizeof b, "%s/a/b", f->dir);
	snprintf(f->db, sizeof f->db, "%s/a/b/c.db", f->dir);
	snprintf(wal, sizeof wal, "%s-wal", f->db);
	s = open_ok(f->db);
	umask(old);
	assert_int_equal(mode_of(a), 0700);
	assert_int_equal(mode_of(b), 0700);
	assert_int_equal(mode_of(f->db), 0600);
	assert_string_equal(store_path(s), f->db);
	record_ok(s, user_ok(s, "alice"), h, &r);
	assert_int_equal(mode_of(wal), 0600);
	store_close(s);
	history_free(h);
	store_close(NULL);
}

/* An existing folder is the user's to arrange; an existing database file
 * of ours, and its -wal, hold answers: others lose their read bits. */
static void test_existing_file_made_private_folder_kept(void **state)
{
	SQLITE_ONLY(); /* before anything is allocated */
	struct fixture *f = *state;
	char dir[160], wal[200];

	snprintf(dir, sizeof dir, "%s/data", f->dir);
	snprintf(wal, sizeof wal, "%s-wal", f->db);
	assert_int_equal(mkdir(dir, 0750), 0);
	assert_int_equal(chmod(dir, 0750), 0);
	spit(f->db, "", 0, 0640);
	assert_int_equal(chmod(f->db, 0640), 0);
	spit(wal, "", 0, 0644);
	assert_int_equal(chmod(wal, 0644), 0);
	store_close(open_ok(f->db));
	assert_int_equal(mode_of(dir), 0750);
	assert_int_equal(mode_of(f->db), 0600);
	if (access(wal, F_OK) == 0)
		assert_int_equal(mode_of(wal), 0600);
}

/* Opening to read creates nothing: a missing file is "no such database",
 * its folders are not made; an existing one is read as store_open would. */
static void test_open_existing_creates_nothing(void **state)
{
	SQLITE_ONLY(); /* before anything is allocated */
	struct fixture *f = *state;
	char missing[200], want[300];
	struct rc_error err;
	struct store *s = NULL;
	struct stat st;

	snprintf(missing, sizeof missing, "%s/no/such/x.db", f->dir);
	snprintf(want, sizeof want, "%s: no such database; check --db, or start one "
		 "with 'rolecall practice'", missing);
	assert_int_equal(store_open_existing(missing, &s, &err), -1);
	assert_null(s);
	assert_string_equal(err.msg, want);
	snprintf(missing, sizeof missing, "%s/no", f->dir);
	assert_int_equal(stat(missing, &st), -1);
	store_close(open_ok(f->db));
	assert_int_equal(store_open_existing(f->db, &s, &err), 0);
	assert_string_equal(store_path(s), f->db);
	store_close(s);
	assert_int_equal(store_open_existing(f->dir, &s, &err), -1);
	assert_non_null(strstr(err.msg, "is a folder, not a database file"));
}

static void test_migrates_an_empty_file(void **state)
{
	SQLITE_ONLY(); /* before anything is allocated */
	struct fixture *f = *state;
	char dir[160];
	struct store *s;
	struct stat st;
	int64_t id;

	snprintf(dir, sizeof dir, "%s/data", f->dir);
	assert_int_equal(mkdir(dir, 0700), 0);
	spit(f->db, "", 0, 0600);
	s = open_ok(f->db);
	id = user_ok(s, "alice");
	store_close(s);
	assert_int_equal(stat(f->db, &st), 0);
	assert_true(st.st_size > 0);
	s = open_ok(f->db);
	assert_int_equal(user_ok(s, "alice"), id);
	store_close(s);
}

static void test_path_is_a_folder(void **state)
{
	SQLITE_ONLY(); /* before anything is allocated */
	struct fixture *f = *state;
	struct rc_error err;
	struct store *s = (struct store *)1;

	assert_int_equal(store_open(f->dir, &s, &err), -1);
	assert_null(s);
	assert_msg_has(&err, f->dir);
	assert_msg_has(&err, "is a folder");
	assert_int_equal(store_open("", &s, &err), -1);
	assert_msg_has(&err, "--db");
}

/* ---- refusing files ---- */

static void expect_refused(const char *path, const char *needle)
{
	struct rc_error err;
	struct store *s;
	size_t before_len, after_len;
	char *before = slurp(path, &before_len), *after;

	assert_int_equal(store_open(path, &s, &err), -1);
	assert_null(s);
	assert_msg_has(&err, path);
	assert_msg_has(&err, needle);
	after = slurp(path, &after_len);
	assert_int_equal(before_len, after_len);
	assert_memory_equal(before, after, before_len);
	free(before);
	free(after);
}

static void test_newer_schema_refused_untouched(void **state)
{
	SQLITE_ONLY(); /* before anything is allocated */
	struct fixture *f = *state;
	char want[128];

	store_close(open_ok(f->db));
	patch_header(f->db, 60, 99);
	snprintf(want, sizeof want, "was written by a newer rolecall (schema 99; "
		 "this one knows up to %d); not touching it", STORE_SCHEMA_VERSION);
	expect_refused(f->db, want);
	/* and again: the first refusal changed nothing */
	expect_refused(f->db, want);
}

static void test_other_programs_database_refused(void **state)
{
	SQLITE_ONLY(); /* before anything is allocated */
	struct fixture *f = *state;

	store_close(open_ok(f->db));
	patch_header(f->db, 68, 0x12345678);
	expect_refused(f->db, "another program's database");
}

static void test_corrupt_file_refused_untouched(void **state)
{
	SQLITE_ONLY(); /* before anything is allocated */
	struct fixture *f = *state;
	char garbage[4096], dir[160];

	for (size_t i = 0; i < sizeof garbage; i++)
		garbage[i] = "not a database\n"[i % 15];
	snprintf(dir, sizeof dir, "%s/data", f->dir);
	assert_int_equal(mkdir(dir, 0700), 0);
	spit(f->db, garbage, sizeof garbage, 0600);
	expect_refused(f->db, "is not a rolecall database or is corrupt: ");
}

/*
 * Read-only files and folders, checked as a user that modes apply to: as
 * root (who ignores modes) the checks run in a child that becomes nobody.
 * Returns 0 when all hold; prints the one that does not.
 */
static int read_only_checks(const char *dir)
{
	char ro[160], path[200];
	struct rc_error err;
	struct store *s;

	snprintf(ro, sizeof ro, "%s/ro", dir);
	snprintf(path, sizeof path, "%s/ro/x.db", dir);
	if (store_open(path, &s, &err) < 0) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return 1;
	}
	store_close(s);
	const struct {
		mode_t dir_mode, file_mode;
		const char *target, *needle;
	} cases[] = {
		{ 0700, 0400, path, "x.db" },        /* read-only file */
		{ 0500, 0600, path, "x.db" },        /* read-only folder */
		{ 0500, 0600, "new.db", "new.db" },  /* cannot create the file */
		{ 0500, 0600, "sub/y.db", "sub" },   /* cannot create the folder */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char target[240];

		snprintf(target, sizeof target, "%s%s%s", cases[i].target[0] == '/' ?
			 "" : ro, cases[i].target[0] == '/' ? "" : "/", cases[i].target);
		chmod(ro, 0700);
		chmod(path, cases[i].file_mode);
		chmod(ro, cases[i].dir_mode);
		if (store_open(target, &s, &err) == 0) {
			fprintf(stderr, "case %zu: %s opened\n", i, target);
			store_close(s);
			return 1;
		}
		if (!strstr(err.msg, cases[i].needle) || !strstr(err.msg, "--db")) {
			fprintf(stderr, "case %zu: unclear message: %s\n", i, err.msg);
			return 1;
		}
		fprintf(stderr, "case %zu: %s\n", i, err.msg);
	}
	chmod(ro, 0700);
	return 0;
}

static void test_read_only_file_and_folder(void **state)
{
	SQLITE_ONLY(); /* before anything is allocated */
	struct fixture *f = *state;
	char dir[160];
	int status;
	pid_t pid;

	snprintf(dir, sizeof dir, "%s/ro-test", f->dir);
	assert_int_equal(mkdir(dir, 0700), 0);
	if (geteuid() == 0) {
		/* nobody must reach the folder and own it */
		assert_int_equal(chmod(f->dir, 0711), 0);
		if (chown(dir, NOBODY, NOBODY) < 0)
			skip();
	}
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (geteuid() == 0 && (setgroups(0, NULL) < 0 || setgid(NOBODY) < 0 ||
				       setuid(NOBODY) < 0))
			_exit(77);
		_exit(read_only_checks(dir));
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) == 77)
		skip();
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* ---- profiles, log, derived state ---- */

static void test_user_is_idempotent(void **state)
{
	struct fixture *f = *state;
	struct store *s = open_ok(f->db);
	int64_t alice = user_ok(s, "alice"), bob = user_ok(s, "bob");
	struct rc_error err;
	int64_t id;

	assert_true(alice > 0);
	assert_true(bob != alice);
	assert_int_equal(user_ok(s, "alice"), alice);
	assert_int_equal(store_user(s, "", &id, &err), -1);
	assert_msg_has(&err, f->db);
	store_close(s);
	s = open_ok(f->db);
	assert_int_equal(user_ok(s, "bob"), bob);
	assert_int_equal(user_ok(s, "alice"), alice);
	store_close(s);
}

static void test_reopen_keeps_data(void **state)
{
	struct fixture *f = *state;
	struct store *s = open_ok(f->db);
	int64_t uid = user_ok(s, "alice");
	struct history *h = history_new(), *got;

	for (unsigned i = 0; i < 20; i++) {
		struct answer_record r = make_answer(i, T0 + i * 600);

		record_ok(s, uid, h, &r);
	}
	store_close(s);
	s = open_ok(f->db);
	assert_int_equal(log_count(s, uid), 20);
	got = load_ok(s, uid);
	assert_history_equal(h, got);
	store_close(s);
	history_free(h);
	history_free(got);
}

static void test_reload_equals_memory(void **state)
{
	struct fixture *f = *state;
	struct store *s = open_ok(f->db);
	int64_t uid[2] = { user_ok(s, "alice"), user_ok(s, "bob") };
	struct history *h[2] = { history_new(), history_new() };

	for (unsigned i = 0; i < 400; i++) {
		struct answer_record r = make_answer(i, T0 + i * 3000);

		record_ok(s, uid[i % 3 == 0], h[i % 3 == 0], &r);
	}
	for (int k = 0; k < 2; k++) {
		struct history *got = load_ok(s, uid[k]);

		assert_history_equal(h[k], got);
		/* a reloaded history carries on exactly like the original */
		struct answer_record r = make_answer(1000 + (unsigned)k, T0 + 400 * 3000);

		assert_int_equal(history_apply(got, &r, SLOW_MS), 0);
		record_ok(s, uid[k], h[k], &r);
		assert_history_equal(h[k], got);
		history_free(got);
		history_free(h[k]);
	}
	store_close(s);
}

static void test_rebuild_equals_incremental(void **state)
{
	struct fixture *f = *state;
	struct store *s = open_ok(f->db);
	int64_t uid[3] = { user_ok(s, "alice"), user_ok(s, "bob"), user_ok(s, "idle") };
	struct history *h[2] = { history_new(), history_new() };
	struct rc_error err;
	char *before, *after;

	for (unsigned i = 0; i < 300; i++) {
		struct answer_record r = make_answer(i, T0 + i * 5000);

		record_ok(s, uid[i % 2], h[i % 2], &r);
	}
	before = dump_ok(s);
	assert_non_null(strstr(before, "confusion|"));
	if (store_rebuild(s, SLOW_MS, &err) < 0)
		fail_msg("store_rebuild: %s", err.msg);
	after = dump_ok(s);
	assert_string_equal(before, after);
	free(before);
	free(after);
	history_free(h[0]);
	history_free(h[1]);
	store_close(s);
}

static struct catalog *catalog_ok(const char *pm_name)
{
	char yaml[512];

	snprintf(yaml, sizeof yaml, "bank: names\ntitle: Names\nroles:\n"
		 "  - {id: pm, name: %s}\n  - {id: po, name: Product Owner}\n"
		 "  - {id: pmm, name: Product Marketing Manager}\n"
		 "  - {id: pjm, name: Project Manager}\n"
		 "questions:\n  - {id: q0, prompt: Who?, answer: pm, explain: x}\n", pm_name);
	return catalog_from_yaml("names.yaml", yaml);
}

/* Each role of h named as cat names it. */
static void assert_named_as(const struct history *h, const struct catalog *cat)
{
	assert_true(history_role_count(h) > 0);
	for (unsigned i = 0; i < history_role_count(h); i++) {
		int r = catalog_find_role(cat, history_role_id(h, i));

		assert_true(r >= 0);
		assert_non_null(history_role_name(h, i));
		assert_string_equal(history_role_name(h, i), catalog_role(cat, r)->name);
	}
}

/* The banks' role names go with the answers, per profile; a history loaded
 * with no bank at hand still has them, a rebuild keeps them, and a bank
 * that renames a role renames it from its next answer on. */
static void test_role_names_saved_with_answers(void **state)
{
	struct fixture *f = *state;
	struct catalog *cat = catalog_ok("Product Manager"), *renamed = catalog_ok("Product Lead");
	struct store *s = open_ok(f->db);
	int64_t uid[2] = { user_ok(s, "alice"), user_ok(s, "bob") };
	struct history *h[2] = { history_new(), history_new() }, *got;
	struct answer_record r;
	struct rc_error err;

	store_set_role_names(s, cat);
	for (unsigned i = 0; i < 40; i++) {
		r = make_answer(i, T0 + i * 600);
		record_ok(s, uid[i % 2], h[i % 2], &r);
	}
	store_close(s);
	s = open_ok(f->db);
	for (int k = 0; k < 2; k++) {
		got = load_ok(s, uid[k]);
		assert_named_as(got, cat);
		history_free(got);
	}
	if (store_rebuild(s, SLOW_MS, &err) < 0)
		fail_msg("store_rebuild: %s", err.msg);
	got = load_ok(s, uid[0]);
	assert_named_as(got, cat);
	history_free(got);
	store_set_role_names(s, renamed);
	r = make_answer(0, T0 + 100 * 600);
	record_ok(s, uid[0], h[0], &r);
	got = load_ok(s, uid[0]);
	assert_named_as(got, renamed);
	history_free(got);
	got = load_ok(s, uid[1]);
	assert_named_as(got, cat);
	history_free(got);
	store_close(s);
	history_free(h[0]);
	history_free(h[1]);
	catalog_free(cat);
	catalog_free(renamed);
}

/* Answers saved before names were: the next run that loads the profile
 * with the banks names their roles, in one write, and then has nothing to
 * write; a bank that renamed a role renames it there too. */
static void test_older_answers_get_their_role_names(void **state)
{
	struct fixture *f = *state;
	struct catalog *cat = catalog_ok("Product Manager"), *renamed = catalog_ok("Product Lead");
	struct store *s = open_ok(f->db);
	int64_t uid = user_ok(s, "alice");
	struct history *h = history_new(), *got;
	struct rc_error err;

	for (unsigned i = 0; i < 20; i++) {
		struct answer_record r = make_answer(i, T0 + i * 600);

		record_ok(s, uid, h, &r);
	}
	got = load_ok(s, uid);
	for (unsigned i = 0; i < history_role_count(got); i++)
		assert_null(history_role_name(got, i));
	store_set_role_names(s, cat);
	if (store_name_roles(s, uid, got, &err) < 0)
		fail_msg("store_name_roles: %s", err.msg);
	assert_named_as(got, cat);  /* the history in hand is named too */
	assert_int_equal(store_name_roles(s, uid, got, &err), 0);
	history_free(got);
	got = load_ok(s, uid);
	assert_named_as(got, cat);
	store_set_role_names(s, renamed);
	assert_int_equal(store_name_roles(s, uid, got, &err), 0);
	history_free(got);
	got = load_ok(s, uid);
	assert_named_as(got, renamed);
	history_free(got);
	history_free(h);
	store_close(s);
	catalog_free(cat);
	catalog_free(renamed);
}

/* Two sessions of one profile at once (two terminals), each with the
 * history it loaded: every answer of both counts, in the log and in the
 * derived state, as if one session had given them all. */
static void test_same_profile_in_two_sessions(void **state)
{
	struct fixture *f = *state;
	struct store *s[2] = { open_ok(f->db), open_ok(f->db) };
	int64_t uid = user_ok(s[0], "alice");
	struct history *h[2] = { load_ok(s[0], uid), load_ok(s[1], uid) };
	struct history *all = history_new(), *got;
	struct rc_error err;

	for (unsigned i = 0; i < 60; i++) {
		struct answer_record r = make_answer(i, T0 + i * 700);
		unsigned who = i % 3 != 0; /* runs of one and two answers */

		assert_int_equal(history_apply(all, &r, HISTORY_SLOW_MS), 0);
		assert_int_equal(history_apply(h[who], &r, HISTORY_SLOW_MS), 0);
		if (store_record(s[who], uid, &r, h[who], &err) < 0)
			fail_msg("store_record: %s", err.msg);
		/* the writer caught up with the other before writing */
		assert_history_equal(all, h[who]);
	}
	got = load_ok(s[0], uid);
	assert_history_equal(all, got);
	history_free(got);
	if (store_rebuild(s[0], HISTORY_SLOW_MS, &err) < 0)
		fail_msg("store_rebuild: %s", err.msg);
	got = load_ok(s[1], uid);
	assert_history_equal(all, got);
	history_free(got);
	for (unsigned k = 0; k < 2; k++) {
		history_free(h[k]);
		store_close(s[k]);
	}
	history_free(all);
}

static void test_failed_record_rolls_back(void **state)
{
	struct fixture *f = *state;
	struct store *s = open_ok(f->db);
	int64_t uid = user_ok(s, "alice");
	struct history *h = history_new(), *got;
	struct answer_record r = make_answer(1, T0);
	struct rc_error err;
	char *before, *after;

	record_ok(s, uid, h, &r);
	before = dump_ok(s);
	/* the log row and the question state are written before the tally
	 * of a role the history never saw fails */
	r = make_answer(2, T0 + 60);
	assert_int_equal(history_apply(h, &r, SLOW_MS), 0);
	r.about[r.n_about++] = "never-applied";
	assert_int_equal(store_record(s, uid, &r, h, &err), -1);
	assert_msg_has(&err, f->db);
	assert_msg_has(&err, "not applied");
	assert_int_equal(log_count(s, 0), 1);
	after = dump_ok(s);
	assert_string_equal(before, after);
	/* an unknown profile */
	r = make_answer(3, T0 + 120);
	assert_int_equal(history_apply(h, &r, SLOW_MS), 0);
	assert_int_equal(store_record(s, uid + 100, &r, h, &err), -1);
	assert_msg_has(&err, f->db);
	assert_int_equal(log_count(s, 0), 1);
	got = history_new();
	assert_int_equal(store_load_history(s, uid + 100, got, &err), -1);
	assert_msg_has(&err, "no profile");
	/* a mode that could not be read back */
	r.mode = (enum session_mode)42;
	assert_int_equal(store_record(s, uid, &r, h, &err), -1);
	assert_msg_has(&err, "malformed");
	r.mode = MODE_EXAM;
	assert_int_equal(log_count(s, 0), 1);
	/* and the store still works */
	record_ok(s, uid, h, &r);
	assert_int_equal(log_count(s, 0), 2);
	free(before);
	free(after);
	history_free(got);
	history_free(h);
	store_close(s);
}

static int check_row(void *ctx, const struct log_row *row)
{
	struct rows *r = ctx;
	const struct answer_record *w = &r->want[r->n], *g = &row->rec;

	assert_true(row->id > r->last_id);
	r->last_id = row->id;
	assert_string_equal(row->user, r->want_user[r->n]);
	assert_string_equal(g->bank_id, w->bank_id);
	assert_string_equal(g->question_id, w->question_id);
	if (w->answer_role)
		assert_string_equal(g->answer_role, w->answer_role);
	else
		assert_null(g->answer_role);
	assert_int_equal(g->n_about, w->n_about);
	for (unsigned i = 0; i < w->n_about; i++)
		assert_string_equal(g->about[i], w->about[i]);
	assert_int_equal(g->n_shown, w->n_shown);
	for (unsigned i = 0; i < w->n_shown; i++) {
		if (w->shown_roles[i])
			assert_string_equal(g->shown_roles[i], w->shown_roles[i]);
		else
			assert_null(g->shown_roles[i]);
		assert_int_equal(g->shown_choices[i], w->shown_choices[i]);
	}
	assert_int_equal(g->picked, w->picked);
	if (answer_record_picked_role(w))
		assert_string_equal(row->picked_role, answer_record_picked_role(w));
	else
		assert_null(row->picked_role);
	assert_int_equal(g->correct, w->correct);
	assert_int_equal(g->elapsed_ms, w->elapsed_ms);
	assert_int_equal(g->answered_at, w->answered_at);
	assert_int_equal(g->mode, w->mode);
	return ++r->n == r->stop_after;
}

static void test_each_answer_order_and_fields(void **state)
{
	struct fixture *f = *state;
	struct store *s = open_ok(f->db);
	int64_t uid[2] = { user_ok(s, "alice"), user_ok(s, "bob") };
	struct history *h[2] = { history_new(), history_new() };
	struct rows all = { 0 }, alice = { 0 }, first3 = { .stop_after = 3 };
	struct rc_error err;

	/* 0..15 cover time-outs, untagged options, no answer role, 4 modes;
	 * written out of time order: the log's order is the order of answering */
	for (unsigned i = 0; i < 16; i++) {
		struct answer_record r = make_answer(i, T0 - i * 100);
		unsigned who = i % 4 == 1;

		record_ok(s, uid[who], h[who], &r);
		all.want[all.n] = r;
		all.want_user[all.n++] = who ? "bob" : "alice";
		if (!who) {
			alice.want[alice.n] = r;
			alice.want_user[alice.n++] = "alice";
		}
		first3.want[i] = r;
		first3.want_user[i] = all.want_user[i];
	}
	all.n = alice.n = 0;
	assert_int_equal(store_each_answer(s, 0, check_row, &all, &err), 0);
	assert_int_equal(all.n, 16);
	assert_int_equal(store_each_answer(s, uid[0], check_row, &alice, &err), 0);
	assert_int_equal(alice.n, 12);
	assert_int_equal(store_each_answer(s, 0, check_row, &first3, &err), 0);
	assert_int_equal(first3.n, 3);
	history_free(h[0]);
	history_free(h[1]);
	store_close(s);
}

struct profiles {
	unsigned n;
	struct { char name[16]; struct store_profile p; } got[4];
};

static int take_profile(void *ctx, const struct store_profile *p)
{
	struct profiles *ps = ctx;

	if (ps->n == 4)
		return 1;
	snprintf(ps->got[ps->n].name, sizeof ps->got[ps->n].name, "%s", p->name);
	ps->got[ps->n++].p = *p;
	return 0;
}

static int take_learner(void *ctx, const char *name)
{
	(void)name;
	++*(unsigned *)ctx;
	return 0;
}

/* Each profile with its answers and first and last activity, by id; one
 * with nothing yet has none; a file has no learners, so its profiles are
 * the cohort. */
static void test_each_profile_and_its_activity(void **state)
{
	struct fixture *f = *state;
	struct store *s = open_ok(f->db);
	int64_t bob = user_ok(s, "bob"), alice = user_ok(s, "alice");
	struct history *h = history_new();
	struct profiles ps = { 0 };
	struct rc_error err;
	unsigned learners = 0;

	user_ok(s, "cy");
	for (unsigned i = 0; i < 3; i++) {
		struct answer_record r = make_answer(i, T0 + (3 - i) * DAY);

		record_ok(s, alice, h, &r);
	}
	assert_int_equal(store_each_profile(s, take_profile, &ps, &err), 0);
	assert_int_equal(ps.n, 3);
	assert_string_equal(ps.got[0].name, "bob");
	assert_int_equal(ps.got[0].p.id, bob);
	assert_int_equal(ps.got[0].p.answers, 0);
	assert_int_equal(ps.got[0].p.first, -1);
	assert_int_equal(ps.got[0].p.last, -1);
	assert_string_equal(ps.got[1].name, "alice");
	assert_int_equal(ps.got[1].p.answers, 3);
	assert_int_equal(ps.got[1].p.attempts, 0);
	assert_int_equal(ps.got[1].p.first, T0 + DAY);
	assert_int_equal(ps.got[1].p.last, T0 + 3 * DAY);
	assert_string_equal(ps.got[2].name, "cy");
	assert_int_equal(store_each_learner(s, take_learner, &learners, &err), 0);
	assert_int_equal(learners, 0);
	history_free(h);
	store_close(s);
}

static void test_daily_buckets(void **state)
{
	struct fixture *f = *state;
	struct store *s = open_ok(f->db);
	int64_t uid[2] = { user_ok(s, "alice"), user_ok(s, "bob") };
	struct history *h[2] = { history_new(), history_new() };
	const int64_t now = T0 + 500, start = now - 7 * DAY;
	const struct {
		int64_t at;
		int who, correct;
	} given[] = {
		{ start - 1, 0, 1 },      /* before the window */
		{ start, 0, 1 },          /* day 0 */
		{ start + DAY - 1, 0, 0 },/* day 0 */
		{ start + DAY, 0, 1 },    /* day 1 */
		{ start + 3 * DAY + 7, 1, 1 }, /* day 3, bob */
		{ now - 1, 0, 0 },        /* day 6 */
		{ now, 0, 1 },            /* day 6: `now` itself counts */
		{ now + 1, 0, 1 },        /* after the window */
	};
	uint32_t answers[7], correct[7];
	const uint32_t alice_n[7] = { 2, 1, 0, 0, 0, 0, 2 }, alice_c[7] = { 1, 1, 0, 0, 0, 0, 1 };
	struct rc_error err;

	for (unsigned i = 0; i < sizeof given / sizeof given[0]; i++) {
		struct answer_record r = make_answer(i, given[i].at);

		r.correct = given[i].correct;
		record_ok(s, uid[given[i].who], h[given[i].who], &r);
	}
	memset(answers, 0xff, sizeof answers);
	if (store_daily(s, uid[0], now, 7, answers, correct, &err) < 0)
		fail_msg("store_daily: %s", err.msg);
	assert_memory_equal(answers, alice_n, sizeof answers);
	assert_memory_equal(correct, alice_c, sizeof correct);
	if (store_daily(s, 0, now, 7, answers, correct, &err) < 0)
		fail_msg("store_daily: %s", err.msg);
	assert_int_equal(answers[3], 1);
	assert_int_equal(correct[3], 1);
	assert_int_equal(answers[0] + answers[1] + answers[6], 5);
	assert_int_equal(store_daily(s, uid[1], now, 0, answers, correct, &err), 0);
	history_free(h[0]);
	history_free(h[1]);
	store_close(s);
}

/* ---- processes ---- */

#define WRITER_ANSWERS 200

/* A child: wait for the start signal, then record WRITER_ANSWERS answers
 * through a store of its own. */
static int writer(const char *db, const char *user, int go, unsigned base)
{
	struct history *h = history_new();
	struct rc_error err;
	struct store *s;
	int64_t uid;
	char c;

	if (read(go, &c, 1) < 0 || !h)
		return 2;
	if (store_open(db, &s, &err) < 0 || store_user(s, user, &uid, &err) < 0) {
		fprintf(stderr, "%s: %s\n", user, err.msg);
		return 1;
	}
	for (unsigned i = 0; i < WRITER_ANSWERS; i++) {
		struct answer_record r = make_answer(base + i, T0 + i * 60);

		if (history_apply(h, &r, SLOW_MS) < 0 ||
		    store_record(s, uid, &r, h, &err) < 0) {
			fprintf(stderr, "%s, answer %u: %s\n", user, i, err.msg);
			return 1;
		}
	}
	store_close(s);
	history_free(h);
	return 0;
}

struct tally {
	unsigned n[2], correct[2];
};

static int tally_row(void *ctx, const struct log_row *row)
{
	struct tally *t = ctx;
	int who = !strcmp(row->user, "w1");

	t->n[who]++;
	t->correct[who] += row->rec.correct != 0;
	return 0;
}

static void test_two_processes_write_at_once(void **state)
{
	struct fixture *f = *state;
	static const char *const users[2] = { "w0", "w1" };
	struct tally t = { { 0, 0 }, { 0, 0 } };
	struct rc_error err;
	pid_t pid[2];
	int go[2], status;
	struct store *s;
	char *before, *after;

	/* both also race to create and migrate the file: it does not exist */
	assert_int_equal(pipe(go), 0);
	for (int k = 0; k < 2; k++) {
		pid[k] = fork();
		assert_true(pid[k] >= 0);
		if (pid[k] == 0) {
			close(go[1]);
			_exit(writer(f->db, users[k], go[0], (unsigned)k * 1000));
		}
	}
	close(go[0]);
	close(go[1]); /* the start signal: both reads return */
	for (int k = 0; k < 2; k++) {
		assert_int_equal(waitpid(pid[k], &status, 0), pid[k]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	s = open_ok(f->db);
	assert_int_equal(store_each_answer(s, 0, tally_row, &t, &err), 0);
	assert_int_equal(t.n[0] + t.n[1], 2 * WRITER_ANSWERS);
	for (int k = 0; k < 2; k++) {
		struct history *h = load_ok(s, user_ok(s, users[k]));

		assert_int_equal(t.n[k], WRITER_ANSWERS);
		assert_int_equal(history_answers(h), t.n[k]);
		assert_int_equal(history_correct(h), t.correct[k]);
		history_free(h);
	}
	if (store_check_integrity(s, &err) < 0)
		fail_msg("%s", err.msg);
	before = dump_ok(s);
	assert_int_equal(store_rebuild(s, SLOW_MS, &err), 0);
	after = dump_ok(s);
	assert_string_equal(before, after);
	free(before);
	free(after);
	store_close(s);
}

/* A child: record answers until killed, reporting each index on `out`
 * once store_record has returned. */
static int recorder(const char *db, int out)
{
	struct history *h = history_new();
	struct rc_error err;
	struct store *s;
	int64_t uid;

	if (!h || store_open(db, &s, &err) < 0 || store_user(s, "k", &uid, &err) < 0)
		return 1;
	for (uint32_t i = 0; i < 100000; i++) {
		struct answer_record r = make_answer(i, T0 + i);

		r.elapsed_ms = i; /* the index, to find it in the log */
		if (history_apply(h, &r, SLOW_MS) < 0 ||
		    store_record(s, uid, &r, h, &err) < 0) {
			fprintf(stderr, "recorder: %s\n", err.msg);
			return 1;
		}
		if (write(out, &i, sizeof i) != (ssize_t)sizeof i)
			return 1;
	}
	return 0;
}

struct seen {
	unsigned char *bits;
	uint32_t max;
	unsigned n;
};

static int mark_seen(void *ctx, const struct log_row *row)
{
	struct seen *sn = ctx;

	if (row->rec.elapsed_ms >= 0 && row->rec.elapsed_ms < sn->max)
		sn->bits[row->rec.elapsed_ms] = 1;
	sn->n++;
	return 0;
}

static void test_kill_9_loses_nothing_reported(void **state)
{
	struct fixture *f = *state;
	uint32_t *reported = calloc(100000, sizeof *reported), n = 0, i;
	struct seen sn = { calloc(100000, 1), 100000, 0 };
	struct rc_error err;
	struct history *h;
	struct store *s;
	int fds[2], status;
	pid_t pid;

	assert_non_null(sn.bits);
	assert_non_null(reported);
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		_exit(recorder(f->db, fds[1]));
	}
	close(fds[1]);
	while (n < 40 && read(fds[0], &i, sizeof i) == (ssize_t)sizeof i)
		reported[n++] = i;
	assert_int_equal(n, 40);
	assert_int_equal(kill(pid, SIGKILL), 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	/* what it reported before dying counts as recorded too */
	while (n < 100000 && read(fds[0], &i, sizeof i) == (ssize_t)sizeof i)
		reported[n++] = i;
	close(fds[0]);

	s = open_ok(f->db);
	if (store_check_integrity(s, &err) < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(store_each_answer(s, 0, mark_seen, &sn, &err), 0);
	for (uint32_t k = 0; k < n; k++)
		if (!sn.bits[reported[k]])
			fail_msg("answer %u was reported recorded but is not in the log",
				 reported[k]);
	assert_true(sn.n >= n);
	/* the log row and the totals went in the same transaction */
	h = load_ok(s, user_ok(s, "k"));
	assert_int_equal(history_answers(h), sn.n);
	history_free(h);
	store_close(s);
	free(sn.bits);
	free(reported);
}

/* ---- the WAL left between runs (store_close) ---- */

static off_t size_of(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? st.st_size : -1;
}

/* One short session: what a `practice --count 1` run does to the file. */
static void one_run(const char *db, unsigned i)
{
	struct store *s = open_ok(db);
	int64_t uid = user_ok(s, "alice");
	struct history *h = load_ok(s, uid);
	struct answer_record r = make_answer(i, T0 + i * 600);

	record_ok(s, uid, h, &r);
	history_free(h);
	store_close(s);
}

static void check_integrity_ok(struct store *s)
{
	struct rc_error err;

	if (store_check_integrity(s, &err) < 0)
		fail_msg("integrity: %s", err.msg);
}

static void test_wal_stays_short_across_runs(void **state)
{
	SQLITE_ONLY(); /* before anything is allocated */
	struct fixture *f = *state;
	char wal[160];
	off_t longest = 0;
	struct store *s;

	snprintf(wal, sizeof wal, "%s-wal", f->db);
	for (unsigned i = 0; i < 400; i++) {
		one_run(f->db, i);
		if (size_of(wal) > longest)
			longest = size_of(wal);
	}
	/* a run leaves its answer in the WAL (no fold on the way out)... */
	assert_true(size_of(wal) > 0);
	/* ...but the WAL is folded in once it reaches 1000 pages of 4 KiB
	 * (plus a 24-byte frame header each), so it does not keep growing */
	assert_true(longest > 900 * 4120);
	assert_true(longest < 1100 * 4120);
	s = open_ok(f->db);
	assert_int_equal(log_count(s, user_ok(s, "alice")), 400);
	check_integrity_ok(s);
	store_close(s);
}

/* A command that only reads (stats, export) leaves a complete database
 * file: what a backup that copies the .db alone gets. */
static void test_reader_folds_the_wal_in(void **state)
{
	SQLITE_ONLY(); /* before anything is allocated */
	struct fixture *f = *state;
	char wal[160], copy[160], cmd[400];
	struct store *s;

	snprintf(wal, sizeof wal, "%s-wal", f->db);
	snprintf(copy, sizeof copy, "%s/copy.db", f->dir);
	for (unsigned i = 0; i < 3; i++)
		one_run(f->db, i);
	assert_true(size_of(wal) > 0);
	s = open_ok(f->db);
	assert_int_equal(log_count(s, user_ok(s, "alice")), 3);
	store_close(s);
	assert_int_equal(size_of(wal), -1);
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", f->db, copy);
	assert_int_equal(system(cmd), 0);
	s = open_ok(copy);
	assert_int_equal(log_count(s, user_ok(s, "alice")), 3);
	store_close(s);
}

/* Deleting rolecall.db to start again leaves its WAL and shared-memory
 * file behind; a new database must not inherit their pages.  (SQLite
 * drops a WAL found next to an empty database file.) */
static void test_stale_wal_of_a_deleted_database(void **state)
{
	SQLITE_ONLY(); /* before anything is allocated */
	struct fixture *f = *state;
	char wal[160], shm[160];
	struct store *s;

	snprintf(wal, sizeof wal, "%s-wal", f->db);
	snprintf(shm, sizeof shm, "%s-shm", f->db);
	for (unsigned i = 0; i < 5; i++)
		one_run(f->db, i);
	assert_true(size_of(wal) > 0 && size_of(shm) > 0);
	assert_int_equal(unlink(f->db), 0);
	s = open_ok(f->db);
	assert_int_equal(log_count(s, user_ok(s, "alice")), 0);
	check_integrity_ok(s);
	store_close(s);
	one_run(f->db, 9);
	s = open_ok(f->db);
	assert_int_equal(log_count(s, user_ok(s, "alice")), 1);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_open_creates_private_file),
		T(test_existing_file_made_private_folder_kept),
		T(test_open_existing_creates_nothing),
		T(test_migrates_an_empty_file),
		T(test_path_is_a_folder),
		T(test_newer_schema_refused_untouched),
		T(test_other_programs_database_refused),
		T(test_corrupt_file_refused_untouched),
		T(test_read_only_file_and_folder),
		T(test_user_is_idempotent),
		T(test_reopen_keeps_data),
		T(test_reload_equals_memory),
		T(test_rebuild_equals_incremental),
		T(test_role_names_saved_with_answers),
		T(test_older_answers_get_their_role_names),
		T(test_same_profile_in_two_sessions),
		T(test_failed_record_rolls_back),
		T(test_each_answer_order_and_fields),
		T(test_each_profile_and_its_activity),
		T(test_daily_buckets),
		T(test_two_processes_write_at_once),
		T(test_kill_9_loses_nothing_reported),
		T(test_wal_stays_short_across_runs),
		T(test_reader_folds_the_wal_in),
		T(test_stale_wal_of_a_deleted_database),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
