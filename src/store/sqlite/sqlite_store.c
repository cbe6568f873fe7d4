/*
 * store — the connection: opening (file, schema, migrations), the
 * statements, error messages, transactions, closing, upkeep.  The rest of
 * the store is in src/store_*.c (sqlite_impl.h lists them).
 *
 * Every statement is prepared once at open.  Writes start with BEGIN
 * IMMEDIATE so that a second rolecall on the same database queues on the
 * busy timeout before it writes anything, instead of failing half-way
 * through a transaction when it finds the lock taken.
 *
 * Error messages go into err->msg with the database path in them, because
 * callers print err->msg alone.
 */
#include "sqlite_impl.h"

#include "store_errors.h"
#include "store_sql.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

/* "RCLL" in the file header: tells rolecall's databases from other
 * programs' so that we never add our tables to someone else's file. */
#define STORE_APPLICATION_ID 0x52434c4c

/* An answer and an exam item record the question as it was shown in the
 * same columns, so that one decoder reads both. */
#define SQLITE_SHOWN_QUESTION \
	" bank_id TEXT NOT NULL," \
	" question_id TEXT NOT NULL," \
	" answer_role TEXT," \
	" about_roles TEXT NOT NULL," \
	" shown_roles TEXT NOT NULL," \
	" shown_choices TEXT NOT NULL,"

/*
 * sqlite_migrations[v] takes a database from schema v to v + 1, inside the
 * transaction that also sets user_version.  A new schema version is one
 * more entry here and STORE_SCHEMA_VERSION + 1; a released entry never
 * changes, since databases out there were made by it.
 */
static const char *const sqlite_migrations[] = {
	/* v1: profiles, the append-only answer log, derived state. */
	"CREATE TABLE users ("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL UNIQUE,"
	" created_at INTEGER NOT NULL,"
	" answers INTEGER NOT NULL DEFAULT 0,"
	" correct INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE answers ("
	" id INTEGER PRIMARY KEY,"
	" user_id INTEGER NOT NULL REFERENCES users (id),"
	SQLITE_SHOWN_QUESTION
	" picked INTEGER NOT NULL,"
	" picked_role TEXT,"
	" correct INTEGER NOT NULL,"
	" elapsed_ms INTEGER NOT NULL,"
	" answered_at INTEGER NOT NULL,"
	" mode TEXT NOT NULL);"
	"CREATE INDEX answers_user_time ON answers (user_id, answered_at);"
	"CREATE TABLE question_state ("
	" user_id INTEGER NOT NULL REFERENCES users (id),"
	" question_id TEXT NOT NULL,"
	" stability REAL NOT NULL,"
	" difficulty REAL NOT NULL,"
	" last_review INTEGER NOT NULL,"
	" due INTEGER NOT NULL,"
	" reps INTEGER NOT NULL,"
	" lapses INTEGER NOT NULL,"
	" asked INTEGER NOT NULL,"
	" wrong INTEGER NOT NULL,"
	" last_seen INTEGER NOT NULL,"
	" PRIMARY KEY (user_id, question_id)) WITHOUT ROWID;"
	"CREATE TABLE role_tally ("
	" user_id INTEGER NOT NULL REFERENCES users (id),"
	" role_id TEXT NOT NULL,"
	" asked INTEGER NOT NULL,"
	" correct INTEGER NOT NULL,"
	" PRIMARY KEY (user_id, role_id)) WITHOUT ROWID;"
	"CREATE TABLE confusion ("
	" user_id INTEGER NOT NULL REFERENCES users (id),"
	" answer_role TEXT NOT NULL,"
	" picked_role TEXT NOT NULL,"
	" count INTEGER NOT NULL,"
	" chances INTEGER NOT NULL,"
	" PRIMARY KEY (user_id, answer_role, picked_role)) WITHOUT ROWID;",
	/* v2: exam attempts and their questions, stored when an exam starts
	 * so that one that is killed is still there, as not submitted. */
	"CREATE TABLE exam_attempts ("
	" id INTEGER PRIMARY KEY,"
	" user_id INTEGER NOT NULL REFERENCES users (id),"
	" started_at INTEGER NOT NULL,"
	" ended_at INTEGER,"
	" seed TEXT NOT NULL,"
	" count INTEGER NOT NULL,"
	" pass_mark INTEGER NOT NULL,"
	" time_limit INTEGER NOT NULL,"
	" status TEXT NOT NULL CHECK (status IN ('open', 'submitted')),"
	" timed_out INTEGER NOT NULL DEFAULT 0,"
	" correct INTEGER,"
	" banks TEXT NOT NULL);"
	"CREATE INDEX exam_attempts_user ON exam_attempts (user_id, started_at);"
	"CREATE TABLE exam_items ("
	" attempt_id INTEGER NOT NULL REFERENCES exam_attempts (id),"
	" position INTEGER NOT NULL,"
	SQLITE_SHOWN_QUESTION
	" picked INTEGER NOT NULL DEFAULT -1,"
	" picked_role TEXT,"
	" correct INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY (attempt_id, position)) WITHOUT ROWID;",
	/* v3: trivia games, shared by the processes that play them.  Times
	 * in *_ms columns are wall-clock milliseconds (one host's clock). */
	"CREATE TABLE trivia_games ("
	" id INTEGER PRIMARY KEY,"
	" code TEXT NOT NULL UNIQUE,"
	" kind TEXT NOT NULL CHECK (kind IN ('hotseat', 'hosted')),"
	" host_user TEXT NOT NULL,"
	" created_at INTEGER NOT NULL,"
	" started_at INTEGER,"
	" ended_at INTEGER,"
	" status TEXT NOT NULL"
	"  CHECK (status IN ('lobby', 'running', 'done', 'abandoned')),"
	" phase TEXT NOT NULL"
	"  CHECK (phase IN ('wait', 'question', 'reveal', 'board', 'podium')),"
	" seed TEXT NOT NULL,"
	" rounds INTEGER NOT NULL,"
	" time_limit_ms INTEGER NOT NULL,"
	" points INTEGER NOT NULL,"
	" speed INTEGER NOT NULL,"
	" streak INTEGER NOT NULL,"
	" teams INTEGER NOT NULL,"
	" banks TEXT NOT NULL,"
	" bank_files TEXT NOT NULL,"
	" current_round INTEGER NOT NULL DEFAULT 0,"
	" round_started_at_ms INTEGER NOT NULL DEFAULT 0,"
	" host_seen_ms INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE trivia_players ("
	" game_id INTEGER NOT NULL REFERENCES trivia_games (id),"
	" name TEXT NOT NULL,"
	" seat INTEGER NOT NULL,"
	" joined_at INTEGER NOT NULL,"
	" last_seen_ms INTEGER NOT NULL,"
	" absent INTEGER NOT NULL DEFAULT 0,"
	" score INTEGER NOT NULL DEFAULT 0,"
	" right_count INTEGER NOT NULL DEFAULT 0,"
	" streak INTEGER NOT NULL DEFAULT 0,"
	" time_ms INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY (game_id, name)) WITHOUT ROWID;"
	"CREATE TABLE trivia_rounds ("
	" game_id INTEGER NOT NULL REFERENCES trivia_games (id),"
	" round INTEGER NOT NULL,"
	" bank_id TEXT NOT NULL,"
	" question_id TEXT NOT NULL,"
	" shown_choices TEXT NOT NULL,"
	" PRIMARY KEY (game_id, round)) WITHOUT ROWID;"
	"CREATE TABLE trivia_answers ("
	" game_id INTEGER NOT NULL,"
	" round INTEGER NOT NULL,"
	" player TEXT NOT NULL,"
	" picked INTEGER NOT NULL,"
	" correct INTEGER NOT NULL,"
	" elapsed_ms INTEGER NOT NULL,"
	" answered_at_ms INTEGER NOT NULL,"
	" points INTEGER,"
	" PRIMARY KEY (game_id, round, player),"
	" FOREIGN KEY (game_id, round) REFERENCES trivia_rounds (game_id, round),"
	" FOREIGN KEY (game_id, player) REFERENCES trivia_players (game_id, name))"
	" WITHOUT ROWID;",
	/* v4: exams defined by a manager.  In a file these are a manager's
	 * convenience, not a guarantee: whoever has the file can change it. */
	"CREATE TABLE exam_definitions ("
	" id TEXT PRIMARY KEY,"
	" title TEXT NOT NULL,"
	" banks TEXT NOT NULL,"
	" count INTEGER NOT NULL,"
	" pass_mark INTEGER NOT NULL,"
	" time_limit INTEGER NOT NULL,"
	" attempts INTEGER NOT NULL,"
	" defined_by TEXT NOT NULL,"
	" defined_at INTEGER NOT NULL);"
	"CREATE TABLE exam_key ("
	" definition_id TEXT NOT NULL REFERENCES exam_definitions (id),"
	" bank_id TEXT NOT NULL,"
	" question_id TEXT NOT NULL,"
	" answer_choice INTEGER NOT NULL,"
	" n_choices INTEGER NOT NULL,"
	" PRIMARY KEY (definition_id, bank_id, question_id)) WITHOUT ROWID;"
	/* no REFERENCES: a column with one could never be dropped again */
	"ALTER TABLE exam_attempts ADD COLUMN definition_id TEXT;",
	/* v5: each role's name as its bank had it, saved with the answers,
	 * so that stats of a bank no longer loaded still name its roles. */
	"CREATE TABLE role_names ("
	" user_id INTEGER NOT NULL REFERENCES users (id),"
	" role_id TEXT NOT NULL,"
	" name TEXT NOT NULL,"
	" PRIMARY KEY (user_id, role_id)) WITHOUT ROWID;",
};

_Static_assert(sizeof sqlite_migrations / sizeof sqlite_migrations[0] ==
		       STORE_SCHEMA_VERSION,
	       "one migration per schema version");

/* The parameters of struct exam_filter, ?1 to ?4; 0 means "any". */
#define STORE_EXAM_WHERE                                                       \
	" WHERE (?1 = 0 OR a.user_id = ?1) AND (?2 = 0 OR a.id = ?2)"          \
	" AND a.started_at >= ?3 AND (?4 = 0 OR a.status = 'submitted')"      \
	" AND (?5 IS NULL OR a.definition_id = ?5)"

/* Day ?4 is the last one: an answer given at `now` itself still counts. */
#define STORE_DAILY_SELECT                                                     \
	"SELECT min((answered_at - ?2) / 86400, ?4), count(*), sum(correct)"   \
	" FROM answers WHERE answered_at BETWEEN ?2 AND ?3"

/* One of STORE_SQL_EACH's statements, as an entry of this table. */
#define SQLITE_SQL_SHARED(name, text) [SQL_##name] = text,

static const char *const sqlite_sql_text[SQL_COUNT] = {
	/* the statements every backend runs alike (store_sql.h) */
	STORE_SQL_EACH(SQLITE_SQL_SHARED, "?")
	[SQL_BEGIN_READ] = "BEGIN",
	[SQL_BEGIN_WRITE] = "BEGIN IMMEDIATE",
	[SQL_COMMIT] = "COMMIT",
	[SQL_ROLLBACK] = "ROLLBACK",
	[SQL_LOG_ADD] = "INSERT INTO answers (user_id, bank_id, question_id,"
			" answer_role, about_roles, shown_roles, shown_choices, picked,"
			" picked_role, correct, elapsed_ms, answered_at, mode)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
	[SQL_QUESTION_PUT] = "INSERT OR REPLACE INTO question_state (user_id,"
			     " question_id, stability, difficulty, last_review, due,"
			     " reps, lapses, asked, wrong, last_seen)"
			     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[SQL_QUESTION_GET] = "SELECT question_id, stability, difficulty,"
			     " last_review, due, reps, lapses, asked, wrong, last_seen"
			     " FROM question_state WHERE user_id = ?1",
	[SQL_ROLE_NAMES_ALL] = "SELECT role_id, name FROM role_names"
			       " WHERE ?1 = 0 OR user_id = ?1 ORDER BY user_id, role_id",
	[SQL_TALLY_PUT] = "INSERT OR REPLACE INTO role_tally (user_id, role_id,"
			  " asked, correct) VALUES (?1, ?2, ?3, ?4)",
	[SQL_TALLY_GET] = "SELECT role_id, asked, correct FROM role_tally"
			  " WHERE user_id = ?1",
	[SQL_CONFUSION_PUT] = "INSERT OR REPLACE INTO confusion (user_id,"
			      " answer_role, picked_role, count, chances)"
			      " VALUES (?1, ?2, ?3, ?4, ?5)",
	[SQL_CONFUSION_GET] = "SELECT answer_role, picked_role, count, chances"
			      " FROM confusion WHERE user_id = ?1",
	[SQL_DAILY_ALL] = STORE_DAILY_SELECT " GROUP BY 1",
	[SQL_DAILY_USER] = STORE_DAILY_SELECT " AND user_id = ?1 GROUP BY 1",
	[SQL_EXAM_ADD] = "INSERT INTO exam_attempts (user_id, started_at, seed,"
			 " count, pass_mark, time_limit, status, banks, definition_id)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open', ?7, ?8)",
	[SQL_EXAM_EACH] = "SELECT a.id, a.user_id, u.name, a.started_at, a.ended_at,"
			  " a.seed, a.count, a.pass_mark, a.time_limit, a.status,"
			  " a.timed_out, a.correct, a.banks, a.definition_id"
			  " FROM exam_attempts a JOIN users u ON u.id = a.user_id"
			  STORE_EXAM_WHERE " ORDER BY a.id",
	[SQL_EXAM_ITEMS] = STORE_SQL_ITEM_SELECT STORE_EXAM_WHERE
			   " ORDER BY i.attempt_id, i.position",
	[SQL_TRIVIA_GAME_ADD] = "INSERT INTO trivia_games (code, kind, host_user,"
				" created_at, status, phase, seed, rounds, time_limit_ms,"
				" points, speed, streak, teams, banks, bank_files,"
				" host_seen_ms) VALUES (?1, ?2, ?3, ?4, ?5, 'wait', ?6, ?7,"
				" ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
	[SQL_TRIVIA_PHASE] = "UPDATE trivia_games SET status = ?2, phase = ?3,"
			     " current_round = ?4, round_started_at_ms = ?5,"
			     " started_at = CASE WHEN ?2 = 'running'"
			     "  THEN coalesce(started_at, ?6) ELSE started_at END,"
			     " ended_at = CASE WHEN ?2 IN ('done', 'abandoned')"
			     "  THEN coalesce(ended_at, ?6) ELSE ended_at END"
			     " WHERE id = ?1 AND status NOT IN ('done', 'abandoned')",
	/* Only into the open round, once per player: what makes a late
	 * answer impossible rather than merely unlikely. */
	[SQL_TRIVIA_ANSWER_ADD] = "INSERT OR IGNORE INTO trivia_answers (game_id, round,"
				  " player, picked, correct, elapsed_ms, answered_at_ms)"
				  " SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 FROM trivia_games g"
				  " JOIN trivia_players p ON p.game_id = g.id AND p.name = ?3"
				  " WHERE g.id = ?1 AND g.current_round = ?2"
				  " AND g.phase = 'question' AND g.status = 'running'",
	[SQL_TRIVIA_GAMES] = STORE_SQL_GAME_SELECT
			     " WHERE (?1 = 0 OR id = ?1) AND (?2 IS NULL OR code = ?2)"
			     " AND created_at >= ?3 AND (?4 = 0 OR status = 'done')"
			     " ORDER BY id",
};


/* SQLite's own auto-checkpoint threshold, in pages: a WAL this long takes
 * about 1.5 ms to read back at start-up (doc/benchmarks.md). */
#define STORE_WAL_FOLD_FRAMES 1000

/* ---- errors ---- */

static const char *sqlite_advice(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return "another program has held it locked for too long; "
		       "close it and try again";
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_CANTOPEN:
	case SQLITE_AUTH:
		return "check that you can write the file and its folder, "
		       "or give --db another file";
	case SQLITE_FULL:
		return "free some disk space and try again";
	case SQLITE_IOERR:
		return "check the disk and try again";
	case SQLITE_NOMEM:
		return "free some memory and try again";
	case SQLITE_CONSTRAINT:
		return "rolecall asked for something inconsistent; please report it";
	default:
		return "if this persists, please report it";
	}
}

/*
 * Why a write failed, when it is the disk or the file-size limit: SQLite
 * says only "disk I/O error" for EFBIG, and the errno it keeps is often
 * that of its clean-up after the failed write (0 or unrelated), so when
 * it is not telling, look at the disk and at the limit.  NULL otherwise.
 */
static const char *sqlite_write_cause(const struct store_conn *s, int rc, int e,
				     char *buf, size_t len)
{
	struct statvfs fs;
	struct rlimit rl;

	if (e == ENOSPC || (e != EFBIG && statvfs(s->path, &fs) == 0 && fs.f_bavail == 0))
		return "the disk is full; free some disk space and try again";
	/* SQLITE_FULL without ENOSPC is SQLite's own page limit */
	if ((e == EFBIG || (e == 0 && (rc & 0xff) == SQLITE_IOERR)) &&
	    getrlimit(RLIMIT_FSIZE, &rl) == 0 &&
	    rl.rlim_cur != RLIM_INFINITY) {
		snprintf(buf, len, "the database would grow past the file-size "
			 "limit (ulimit -f) of %ju bytes; raise the limit and try "
			 "again", (uintmax_t)rl.rlim_cur);
		return buf;
	}
	return NULL;
}

/* Report a failed SQLite call: rc is its result, doing says what for. */
int sqlite_fail(const struct store_conn *s, int rc, const char *doing,
	       struct rc_error *err)
{
	const char *why = s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
	/* "disk I/O error" alone does not say that the disk is full or the
	 * file too large; the system's error does. */
	int e = s->db ? sqlite3_system_errno(s->db) : 0;
	const char *cause;
	char buf[160];

	if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
		return rc_error_set(err, "%s is not a rolecall database or is corrupt: "
				    "%s; move it aside or give --db another file",
				    s->path, why);
	if (((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_FULL) &&
	    (cause = sqlite_write_cause(s, rc, e, buf, sizeof buf)))
		return rc_error_set(err, "%s: cannot %s: %s", s->path, doing, cause);
	if (e && ((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_FULL ||
		  (rc & 0xff) == SQLITE_CANTOPEN))
		return rc_error_set(err, "%s: cannot %s: %s (%s); %s", s->path, doing,
				    why, strerror(e), sqlite_advice(rc));
	return rc_error_set(err, "%s: cannot %s: %s; %s", s->path, doing, why,
			    sqlite_advice(rc));
}

int sqlite_oom(const struct store_conn *s, const char *doing,
	      struct rc_error *err)
{
	return rc_error_set(err, "%s: cannot %s: out of memory; free some memory "
			    "and try again", s->path, doing);
}

int sqlite_unreadable(const struct store_conn *s, const struct store_bad *bad,
		     struct rc_error *err)
{
	return store_bad_value(s->path, bad, "sqlite3", err);
}

int sqlite_decoded_row(struct store_conn *s, sqlite3_stmt *st, void *ctx,
		       struct rc_error *err)
{
	const struct sqlite_decoded *d = ctx;
	struct store_row r = sqlite_row(st);
	struct store_bad bad;
	int rc = d->visit(&r, d->ctx, &bad);

	return rc < 0 ? sqlite_unreadable(s, &bad, err) : rc;
}

/* ---- statements ---- */

/* Step a statement that returns no rows.  rc is the result of binding it. */
int sqlite_run(const struct store_conn *s, sqlite3_stmt *st, int rc,
	      const char *doing, struct rc_error *err)
{
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		sqlite_fail(s, rc, doing, err);
	sqlite_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Step a bound statement (rc: the binding result) through all its rows. */
int sqlite_rows(struct store_conn *s, sqlite3_stmt *st, int rc,
	       const char *doing, sqlite_row_fn fn, void *ctx,
	       struct rc_error *err)
{
	int got = 0;

	if (rc == SQLITE_OK)
		while ((rc = sqlite3_step(st)) == SQLITE_ROW &&
		       (got = fn(s, st, ctx, err)) == 0)
			;
	if (got == 0 && rc != SQLITE_DONE) {
		sqlite_fail(s, rc, doing, err);
		got = -1;
	}
	sqlite_reset(st);
	return got < 0 ? -1 : 0;
}

static int sqlite_bind_args(sqlite3_stmt *st, const struct sqlite_arg *args, size_t n)
{
	int rc = SQLITE_OK;

	for (size_t i = 0; i < n; i++) {
		if (args[i].is_text)
			bind_text(st, (int)i + 1, args[i].text, &rc);
		else
			bind_i64(st, (int)i + 1, args[i].value, &rc);
	}
	return rc;
}

int sqlite_rows_bound(struct store_conn *s, sqlite3_stmt *st,
		      const struct sqlite_arg *args, size_t n, const char *doing,
		      sqlite_row_fn fn, void *ctx, struct rc_error *err)
{
	return sqlite_rows(s, st, sqlite_bind_args(st, args, n), doing, fn, ctx, err);
}

int sqlite_run_bound(const struct store_conn *s, sqlite3_stmt *st,
		     const struct sqlite_arg *args, size_t n, const char *doing,
		     struct rc_error *err)
{
	return sqlite_run(s, st, sqlite_bind_args(st, args, n), doing, err);
}

/* Run SQL text that is not worth caching (open, migrate, rebuild). */
int sqlite_exec(const struct store_conn *s, const char *sql,
	       const char *doing, struct rc_error *err)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : sqlite_fail(s, rc, doing, err);
}

/* The header fields that say whose file this is, read in one statement so
 * that they come from one snapshot even while another rolecall migrates. */
struct store_header {
	int64_t app, version, objects;
};

static int sqlite_read_header(const struct store_conn *s, struct store_header *hd,
			     struct rc_error *err)
{
	static const char sql[] =
		"SELECT a.application_id, v.user_version,"
		" (SELECT count(*) FROM sqlite_master)"
		" FROM pragma_application_id a, pragma_user_version v";
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		hd->app = sqlite3_column_int64(st, 0);
		hd->version = sqlite3_column_int64(st, 1);
		hd->objects = sqlite3_column_int64(st, 2);
	} else {
		sqlite_fail(s, rc, "open the database", err);
	}
	/* finalize repeats the step's result, handled above */
	(void)sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* A database deleted or moved while we run: SQLite would go on writing to
 * the old file, and every answer after that would vanish with it.  So
 * nothing is written then; the caller stops with this message. */
static int sqlite_moved(const struct store_conn *s, struct rc_error *err)
{
	int moved = 0;

	if (sqlite3_file_control(s->db, "main", SQLITE_FCNTL_HAS_MOVED, &moved) !=
	    SQLITE_OK || !moved)
		return 0;
	return rc_error_set(err, "%s was deleted or moved while rolecall was running, "
			    "so nothing more can be saved in it; put the file back, or "
			    "start rolecall again to use a new one", s->path);
}

int sqlite_begin(struct store_conn *s, enum store_sql which, const char *doing,
		struct rc_error *err)
{
	if (which == SQL_BEGIN_WRITE && sqlite_moved(s, err) < 0)
		return -1;
	return sqlite_run(s, s->stmt[which], SQLITE_OK, doing, err);
}

/* Undo the open transaction after an error already reported in err. */
static void sqlite_rollback(struct store_conn *s)
{
	/* SQLite rolls back by itself on some errors (SQLITE_FULL, IOERR);
	 * then there is nothing left to undo. */
	if (sqlite3_get_autocommit(s->db))
		return;
	/* If even ROLLBACK fails, the error that led here is the one to
	 * report, and SQLite rolls back when the connection closes. */
	(void)sqlite3_step(s->stmt[SQL_ROLLBACK]);
	sqlite_reset(s->stmt[SQL_ROLLBACK]);
}

/* Commit, or roll back when anything went wrong; rc is 0 or -1 so far. */
int sqlite_finish(struct store_conn *s, int rc, const char *doing,
		 struct rc_error *err)
{
	if (rc == 0)
		rc = sqlite_run(s, s->stmt[SQL_COMMIT], SQLITE_OK, doing, err);
	if (rc < 0)
		sqlite_rollback(s);
	return rc;
}

/* ---- open ---- */

static int sqlite_file_error(const char *path, const char *doing, int e,
			    struct rc_error *err)
{
	if (e == EACCES || e == EPERM || e == EROFS)
		return rc_error_set(err, "cannot %s %s: %s; check that you can write "
				    "it and its folder, or give --db another file",
				    doing, path, strerror(e));
	if (e == EISDIR)
		return rc_error_set(err, "%s is a folder, not a database file; give "
				    "--db a file name", path);
	return rc_error_set(err, "cannot %s %s: %s; give --db another file", doing,
			    path, strerror(e));
}

static int sqlite_make_dir(const char *dir, const char *path,
			  struct rc_error *err)
{
	struct stat st;
	int e;

	if (stat(dir, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return 0;
		return rc_error_set(err, "cannot use %s: %s is not a folder; give "
				    "--db another file", path, dir);
	}
	/* mkdir's mode goes through the umask; the folder is new and ours,
	 * so set the mode exactly: the answers in it are personal. */
	if (mkdir(dir, 0700) == 0)
		return chmod(dir, 0700) == 0 ? 0 :
		       sqlite_file_error(dir, "set the mode of", errno, err);
	e = errno;
	/* another rolecall may have made it since we looked */
	if (e == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	return sqlite_file_error(dir, "create the folder", e, err);
}

/* Create every missing folder on the way to path. */
static int sqlite_make_parents(const char *path, struct rc_error *err)
{
	char dir[PATH_MAX];

	if ((size_t)snprintf(dir, sizeof dir, "%s", path) >= sizeof dir)
		return rc_error_set(err, "%s: the path is too long; give --db a "
				    "shorter one", path);
	for (char *p = strchr(dir + 1, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (sqlite_make_dir(dir, path, err) < 0)
			return -1;
		*p = '/';
	}
	return 0;
}

/* The answers are personal: a file of ours that others may read (an old
 * 0644 database, or its -wal and -shm, which SQLite gives the database's
 * mode when it makes them) loses the group's and others' bits.  A file
 * someone else owns is theirs to share. */
static int sqlite_tighten_fd(int fd, const struct stat *st, const char *path,
			     struct rc_error *err)
{
	if (!S_ISREG(st->st_mode) || st->st_uid != geteuid() || !(st->st_mode & 077))
		return 0;
	if (fchmod(fd, st->st_mode & 0700) == 0)
		return 0;
	return rc_error_set(err, "cannot make %s private (its mode is %04o): %s; "
			    "chmod 600 it, or give --db another file", path,
			    (unsigned)(st->st_mode & 07777), strerror(errno));
}

/* The database's -wal and -shm files, where they exist. */
static int sqlite_tighten_side_files(const char *path, struct rc_error *err)
{
	static const char *const suffix[] = { "-wal", "-shm" };

	for (size_t i = 0; i < 2; i++) {
		char side[PATH_MAX + 8];
		struct stat st;
		int fd, rc;

		snprintf(side, sizeof side, "%s%s", path, suffix[i]);
		fd = open(side, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0)
			continue; /* none yet: SQLite makes it with the database's mode */
		rc = fstat(fd, &st) < 0 ? sqlite_file_error(side, "set up", errno, err) :
		     sqlite_tighten_fd(fd, &st, side, err);
		close(fd);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* The database file and its side files, for a read-only open. */
static int sqlite_tighten(const char *path, struct rc_error *err)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC), rc;

	if (fd < 0)
		return 0; /* opening it says why */
	rc = fstat(fd, &st) < 0 ? 0 : sqlite_tighten_fd(fd, &st, path, err);
	close(fd);
	return rc < 0 ? -1 : sqlite_tighten_side_files(path, err);
}

/* Create the file ourselves so that it is 0600 whatever the umask, and see
 * that an existing one is a writable regular file, made private when it is
 * ours. */
static int sqlite_make_file(const char *path, struct rc_error *err)
{
	struct stat st;
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	int created = fd >= 0;

	if (fd < 0 && errno == EEXIST)
		fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return sqlite_file_error(path, "open", errno, err);
	if ((created && fchmod(fd, 0600) < 0) || fstat(fd, &st) < 0) {
		int e = errno;

		close(fd);
		return sqlite_file_error(path, "set up", e, err);
	}
	if (sqlite_tighten_fd(fd, &st, path, err) < 0) {
		close(fd);
		return -1;
	}
	close(fd);
	if (!S_ISREG(st.st_mode))
		return rc_error_set(err, "%s is not a regular file; give --db a "
				    "database file", path);
	return sqlite_tighten_side_files(path, err);
}

static int sqlite_connect(struct store_conn *s, struct rc_error *err)
{
	int rc = sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE, NULL);

	/* The timeout comes first: even reading the header waits while
	 * another rolecall writes in rollback-journal mode. */
	if (rc == SQLITE_OK)
		rc = sqlite3_busy_timeout(s->db, STORE_BUSY_TIMEOUT_MS);
	if (rc != SQLITE_OK)
		return sqlite_fail(s, rc, "open the database", err);
	/* SQLite quietly falls back to read-only on a write-protected file. */
	if (sqlite3_db_readonly(s->db, "main") != 0)
		return rc_error_set(err, "%s is read-only; check that you can write "
				    "it and its folder, or give --db another file",
				    s->path);
	return 0;
}

/* Refuse, before writing anything, a file we must not touch.  Garbage
 * shows up here as SQLITE_NOTADB. */
static int sqlite_check_file(const struct store_conn *s, int64_t *version_out,
			    struct rc_error *err)
{
	struct store_header hd;

	if (sqlite_read_header(s, &hd, err) < 0)
		return -1;
	if (hd.app != STORE_APPLICATION_ID &&
	    (hd.app != 0 || hd.version != 0 || hd.objects != 0))
		return rc_error_set(err, "%s is another program's database, not "
				    "rolecall's; not touching it (give --db another "
				    "file)", s->path);
	if (hd.version > STORE_SCHEMA_VERSION)
		return rc_error_set(err, "%s was written by a newer rolecall (schema "
				    "%" PRId64 "; this one knows up to %d); not "
				    "touching it (upgrade rolecall, or give --db "
				    "another file)", s->path, hd.version,
				    STORE_SCHEMA_VERSION);
	*version_out = hd.version;
	return 0;
}

/*
 * Switching a new file to WAL takes an exclusive lock, and SQLite does not
 * always wait for it on the busy handler (it returns SQLITE_BUSY at once
 * where waiting could deadlock), so wait here, as long as the handler
 * would.  Where WAL is impossible (some network file systems) SQLite keeps
 * the rollback journal, which with synchronous=FULL is as durable.
 */
static int sqlite_use_wal(const struct store_conn *s, struct rc_error *err)
{
	int rc, waited = 0;

	while ((rc = sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL, NULL,
				  NULL)) == SQLITE_BUSY &&
	       waited < STORE_BUSY_TIMEOUT_MS)
		waited += sqlite3_sleep(10);
	return rc == SQLITE_OK ? 0 : sqlite_fail(s, rc, "switch it to WAL mode", err);
}

/*
 * SQLite's auto-checkpoint, plus a note of the WAL's length for
 * sqlite_close.  In-process the checkpoint lets the next commit start the
 * WAL again from the top; a process that exits without folding it in would
 * leave the next one a WAL that only grows (SQLite forgets, on reopening,
 * how much of it was already copied).
 */
static int sqlite_wal_hook(void *arg, sqlite3 *db, const char *name, int frames)
{
	struct store_conn *s = arg;

	s->wal_frames = frames;
	if (frames >= STORE_WAL_FOLD_FRAMES)
		/* a checkpoint that cannot finish now is finished later */
		(void)sqlite3_wal_checkpoint(db, name);
	return SQLITE_OK;
}

static int sqlite_configure(struct store_conn *s, struct rc_error *err)
{
	if (sqlite_use_wal(s, err) < 0)
		return -1;
	(void)sqlite3_wal_hook(s->db, sqlite_wal_hook, s);
	/* a WAL started again from the top is cut back to 64 KiB, so that a
	 * long trivia game's file stays small (store_trivia_tidy) */
	return sqlite_exec(s, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
			  " PRAGMA journal_size_limit = 65536",
			  "set up the database connection", err);
}

/* Run under the write lock: another rolecall may have migrated the file
 * since we looked, so look again. */
static int sqlite_migrate_locked(const struct store_conn *s, struct rc_error *err)
{
	char sql[128];
	int64_t version;

	if (sqlite_check_file(s, &version, err) < 0)
		return -1;
	for (int64_t v = version; v < STORE_SCHEMA_VERSION; v++)
		if (sqlite_exec(s, sqlite_migrations[v], "upgrade the schema", err) < 0)
			return -1;
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA "
		 "user_version = %d", STORE_APPLICATION_ID, STORE_SCHEMA_VERSION);
	return sqlite_exec(s, sql, "upgrade the schema", err);
}

/* version: what sqlite_check_file found before the connection was set up. */
static int sqlite_migrate(const struct store_conn *s, int64_t version,
			 struct rc_error *err)
{
	if (version == STORE_SCHEMA_VERSION)
		return 0;
	if (sqlite_exec(s, "BEGIN IMMEDIATE", "start the schema upgrade", err) < 0)
		return -1;
	if (sqlite_migrate_locked(s, err) < 0 ||
	    sqlite_exec(s, "COMMIT", "upgrade the schema", err) < 0) {
		if (!sqlite3_get_autocommit(s->db))
			/* the first error is the one to report */
			(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

static int sqlite_prepare(struct store_conn *s, struct rc_error *err)
{
	for (int i = 0; i < SQL_COUNT; i++) {
		int rc = sqlite3_prepare_v3(s->db, sqlite_sql_text[i], -1,
					    SQLITE_PREPARE_PERSISTENT,
					    &s->stmt[i], NULL);

		if (rc != SQLITE_OK)
			return sqlite_fail(s, rc, "prepare its queries", err);
	}
	return 0;
}

static void sqlite_close(struct store_conn *s);

/* SQLite's unix files take full paths of fewer than SQLITE_PATH_MAX bytes
 * (its mxPathname, 512, less room for a "-journal" beside it: measured,
 * 504 bytes open and 505 do not), the folder we run in counted for a
 * relative one.  A longer one failed as "unable to open database file",
 * after we had made the folders and an empty file: now it is refused
 * before anything is made. */
#define SQLITE_PATH_MAX 505

static int sqlite_path_fits(const char *path, struct rc_error *err)
{
	char cwd[PATH_MAX];
	size_t len = strlen(path);

	if (path[0] != '/')
		len += getcwd(cwd, sizeof cwd) ? strlen(cwd) + 1 : PATH_MAX;
	if (len < SQLITE_PATH_MAX)
		return 0;
	return rc_error_set(err, "%s: the database's full path is %zu bytes, and SQLite "
			    "takes at most %d; give --db a shorter path", path, len,
			    SQLITE_PATH_MAX - 1);
}

static int sqlite_open(const char *path, struct store_conn **out, struct rc_error *err)
{
	struct store_conn *s;
	int64_t version;

	*out = NULL;
	if (!path || !*path)
		return rc_error_set(err, "no database file given; give --db FILE");
	if (sqlite_path_fits(path, err) < 0 || sqlite_make_parents(path, err) < 0 ||
	    sqlite_make_file(path, err) < 0)
		return -1;
	s = calloc(1, sizeof *s);
	if (!s || !(s->path = strdup(path))) {
		free(s);
		return rc_error_set(err, "%s: cannot open the database: out of "
				    "memory", path);
	}
	if (sqlite_connect(s, err) < 0 || sqlite_check_file(s, &version, err) < 0 ||
	    sqlite_configure(s, err) < 0 || sqlite_migrate(s, version, err) < 0 ||
	    sqlite_prepare(s, err) < 0) {
		sqlite_close(s);
		return -1;
	}
	*out = s;
	return 0;
}

/* ---- opening to read ---- */

/* 1 when this process may write path and the folder its -wal and -shm
 * files go in. */
static int sqlite_writable(const char *path)
{
	char dir[PATH_MAX];
	char *slash;

	if ((size_t)snprintf(dir, sizeof dir, "%s", path) >= sizeof dir)
		return 0;
	slash = strrchr(dir, '/');
	if (slash == dir)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	return access(path, W_OK) == 0 && access(slash ? dir : ".", W_OK | X_OK) == 0;
}

/* "file:PATH?immutable=1" with PATH percent-encoded, for sqlite3_open_v2
 * with SQLITE_OPEN_URI. */
static int sqlite_immutable_uri(const char *path, char *uri, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t at = (size_t)snprintf(uri, len, "file:");

	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (at + 4 >= len)
			return -1;
		if (strchr("?#%", *p) || *p < 0x21 || *p >= 0x7F) {
			uri[at++] = '%';
			uri[at++] = hex[*p >> 4];
			uri[at++] = hex[*p & 15];
		} else {
			uri[at++] = (char)*p;
		}
	}
	return (size_t)snprintf(uri + at, len - at, "?immutable=1") < len - at ? 0 : -1;
}

/*
 * A file that can be read but not written: opened read-only.  SQLite reads
 * a WAL database so only when it can reach its -shm file; where none can
 * be made (a read-only folder) and there is no -wal, the file alone holds
 * everything, and it is opened as immutable.
 */
static int sqlite_connect_read_only(struct store_conn *s, struct rc_error *err)
{
	char wal[PATH_MAX + 8], uri[3 * PATH_MAX + 32];
	struct store_header hd;
	struct stat st;
	int rc = sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READONLY, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_busy_timeout(s->db, STORE_BUSY_TIMEOUT_MS);
	if (rc == SQLITE_OK && sqlite_read_header(s, &hd, err) == 0)
		return 0;
	snprintf(wal, sizeof wal, "%s-wal", s->path);
	if (stat(wal, &st) == 0 && st.st_size > 0)
		return rc_error_set(err, "%s: its latest answers are in %s, which can be "
				    "read only beside a -shm file, and you cannot make "
				    "one in its folder; ask its owner to run 'rolecall "
				    "stats' once", s->path, wal);
	if (sqlite_immutable_uri(s->path, uri, sizeof uri) < 0)
		return rc == SQLITE_OK ? -1 : sqlite_fail(s, rc, "open the database", err);
	(void)sqlite3_close_v2(s->db);
	rc = sqlite3_open_v2(uri, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	return rc == SQLITE_OK ? 0 : sqlite_fail(s, rc, "open the database", err);
}

static int sqlite_open_read_only(struct store_conn *s, struct rc_error *err)
{
	int64_t version;

	if (sqlite_connect_read_only(s, err) < 0 || sqlite_check_file(s, &version, err) < 0)
		return -1;
	if (version != STORE_SCHEMA_VERSION)
		return rc_error_set(err, "%s must be upgraded to this rolecall's schema "
				    "(%" PRId64 " to %d), and you cannot write it; run "
				    "rolecall once as someone who can", s->path, version,
				    STORE_SCHEMA_VERSION);
	if (sqlite_exec(s, "PRAGMA foreign_keys = ON", "set up the database connection",
			err) < 0)
		return -1;
	return sqlite_prepare(s, err);
}

/* For stats, report and export: never create the file or its folders (a
 * typo in --db is not a new database), and read a file one cannot write. */
static int sqlite_open_read(const char *path, struct store_conn **out,
			    struct rc_error *err)
{
	struct store_conn *s;
	struct stat st;

	*out = NULL;
	if (!path || !*path)
		return rc_error_set(err, "no database file given; give --db FILE");
	if (sqlite_path_fits(path, err) < 0)
		return -1;
	if (stat(path, &st) < 0)
		return errno == ENOENT || errno == ENOTDIR ?
		       rc_error_set(err, "%s: no such database; check --db, or start "
				    "one with 'rolecall practice'", path) :
		       rc_error_set(err, "cannot read %s: %s; give --db another file",
				    path, strerror(errno));
	if (S_ISDIR(st.st_mode))
		return rc_error_set(err, "%s is a folder, not a database file; give "
				    "--db a file name", path);
	if (!S_ISREG(st.st_mode))
		return rc_error_set(err, "%s is not a regular file; give --db a "
				    "database file", path);
	if (sqlite_writable(path))
		return sqlite_open(path, out, err);
	if (access(path, R_OK) < 0)
		return rc_error_set(err, "cannot read %s: %s; give --db another file",
				    path, strerror(errno));
	if (sqlite_tighten(path, err) < 0)
		return -1;
	s = calloc(1, sizeof *s);
	if (!s || !(s->path = strdup(path))) {
		free(s);
		return rc_error_set(err, "%s: cannot open the database: out of memory", path);
	}
	if (sqlite_open_read_only(s, err) < 0) {
		sqlite_close(s);
		return -1;
	}
	*out = s;
	return 0;
}

static void sqlite_close(struct store_conn *s)
{
	if (!s)
		return;
	/* finalize repeats each statement's last error, already reported */
	for (int i = 0; i < SQL_COUNT; i++)
		(void)sqlite3_finalize(s->stmt[i]);
	/*
	 * Folding the WAL into the database file on the way out costs two
	 * more waits for the disk (WAL, then database), which was most of
	 * what a short session took on a slow disk (doc/benchmarks.md).  The
	 * answers are as safe in the WAL, synced at every commit.  A long WAL
	 * is folded in and removed, as is the WAL of a connection that only
	 * read, so a read-only command leaves a complete database file.
	 */
	if (s->db && sqlite3_total_changes(s->db) > 0 &&
	    s->wal_frames < STORE_WAL_FOLD_FRAMES)
		(void)sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1,
					(int *)NULL);
	/* close_v2 cannot fail: it only defers while statements are alive,
	 * and none are left */
	(void)sqlite3_close_v2(s->db);
	free(s->path);
	free(s);
}

/* Opening creates and migrates the file: that is all an init is. */
static int sqlite_init(const char *path, struct rc_error *err)
{
	struct store_conn *s;

	if (sqlite_open(path, &s, err) < 0)
		return -1;
	sqlite_close(s);
	return 0;
}

static const char *sqlite_path(const struct store_conn *s)
{
	return s->path;
}

/* ---- upkeep ---- */

static int sqlite_check_integrity(struct store_conn *s, struct rc_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st, NULL);
	int ok = 0;

	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *verdict = col_text(st, 0);

		ok = verdict && !strcmp(verdict, "ok");
		if (!ok)
			rc_error_set(err, "%s failed its integrity check: %s; copy it "
				     "aside and recover it with sqlite3's .recover, or "
				     "give --db another file", s->path,
				     verdict ? verdict : "out of memory");
	} else {
		sqlite_fail(s, rc, "check the database's integrity", err);
	}
	/* finalize repeats the step's result, handled above */
	(void)sqlite3_finalize(st);
	return ok ? 0 : -1;
}

/* ---- the operations table (store_backend.h) ---- */

static int sqlite_begin_read(struct store_conn *s, const char *doing,
			     struct rc_error *err)
{
	return sqlite_begin(s, SQL_BEGIN_READ, doing, err);
}

/* SQLite has one writer at a time: the profile's lock is the database's. */
static int sqlite_begin_write(struct store_conn *s, int64_t user_id,
			      const char *doing, struct rc_error *err)
{
	(void)user_id;
	return sqlite_begin(s, SQL_BEGIN_WRITE, doing, err);
}

const struct store_ops store_sqlite_ops = {
	.about = { "SQLite", STORE_SCHEMA_VERSION, STORE_TRIVIA_FILE_PLAYERS },
	.open = sqlite_open,
	.open_read = sqlite_open_read,
	.init = sqlite_init,
	.close = sqlite_close,
	.path = sqlite_path,
	.begin_read = sqlite_begin_read,
	.begin_write = sqlite_begin_write,
	.finish = sqlite_finish,
	.user_find = sqlite_find_user,
	.user = sqlite_user,
	.stored_answers = sqlite_stored,
	.load_derived = sqlite_load_locked,
	.put_question = sqlite_question_put,
	.put_tally = sqlite_tally_put,
	.put_confusion = sqlite_confusion_put,
	.put_role_name = sqlite_role_name_put,
	.each_role_name = sqlite_each_role_name,
	.put_totals = sqlite_totals_put,
	.clear_derived = sqlite_clear_derived,
	.log_add = sqlite_log_add,
	.log_scan = sqlite_log_scan,
	.daily = sqlite_daily,
	.check_integrity = sqlite_check_integrity,
	.dump_derived = sqlite_dump_derived,
	.raw_each = sqlite_raw_each,
	.raw_put = sqlite_raw_put,
	.backup = sqlite_backup,
	.fold = sqlite_fold,
	.tidy = sqlite_tidy,
	.exam_add = sqlite_exam_add,
	.exam_item_add = sqlite_exam_item_add,
	.exam_item_put = sqlite_exam_item_put,
	.exam_submit = sqlite_exam_submit,
	.each_attempt = sqlite_each_attempt,
	.each_exam_item = sqlite_each_exam_item,
	.begin_game = sqlite_begin_game,
	.trivia_code_taken = sqlite_trivia_code_taken,
	.trivia_game_add = sqlite_trivia_game_add,
	.trivia_round_add = sqlite_trivia_round_add,
	.trivia_player_add = sqlite_trivia_player_add,
	.trivia_look = sqlite_trivia_look,
	.trivia_rejoin = sqlite_trivia_rejoin,
	.trivia_read = sqlite_trivia_read,
	.trivia_score_put = sqlite_trivia_score_put,
	.trivia_seen = sqlite_trivia_seen,
	.trivia_leave = sqlite_trivia_leave,
	.trivia_mark_absent = sqlite_trivia_mark_absent,
	.trivia_set_phase = sqlite_trivia_set_phase,
	.trivia_answer = sqlite_trivia_answer,
	.trivia_each_game = sqlite_trivia_each_game,
	.trivia_each_round = sqlite_trivia_each_round,
};
