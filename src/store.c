/*
 * store — SQLite persistence of profiles, the answer log and the state
 * derived from it.  The only file of rolecall that includes <sqlite3.h>.
 *
 * Every statement is prepared once at open.  Writes start with BEGIN
 * IMMEDIATE so that a second rolecall on the same database queues on the
 * busy timeout before it writes anything, instead of failing half-way
 * through a transaction when it finds the lock taken.
 *
 * Error messages go into err->msg with the database path in them, because
 * callers print err->msg alone.
 */
#include "rolecall/store.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

/* "RCLL" in the file header: tells rolecall's databases from other
 * programs' so that we never add our tables to someone else's file. */
#define STORE_APPLICATION_ID 0x52434c4c
/* A comma-separated list of BANK_MAX_OPTIONS ids of up to 64 bytes fits
 * with room to spare; anything longer is not ours. */
#define STORE_LIST_MAX 1024
#define STORE_DAY 86400

/*
 * store_migrations[v] takes a database from schema v to v + 1, inside the
 * transaction that also sets user_version.  A new schema version is one
 * more entry here and STORE_SCHEMA_VERSION + 1; a released entry never
 * changes, since databases out there were made by it.
 */
static const char *const store_migrations[] = {
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
	" bank_id TEXT NOT NULL,"
	" question_id TEXT NOT NULL,"
	" answer_role TEXT,"
	" about_roles TEXT NOT NULL,"
	" shown_roles TEXT NOT NULL,"
	" shown_choices TEXT NOT NULL,"
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
	" bank_id TEXT NOT NULL,"
	" question_id TEXT NOT NULL,"
	" answer_role TEXT,"
	" about_roles TEXT NOT NULL,"
	" shown_roles TEXT NOT NULL,"
	" shown_choices TEXT NOT NULL,"
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
};

_Static_assert(sizeof store_migrations / sizeof store_migrations[0] ==
		       STORE_SCHEMA_VERSION,
	       "one migration per schema version");

enum store_sql {
	SQL_BEGIN_READ,
	SQL_BEGIN_WRITE,
	SQL_COMMIT,
	SQL_ROLLBACK,
	SQL_USER_FIND,
	SQL_USER_ADD,
	SQL_TOTALS_PUT,
	SQL_TOTALS_GET,
	SQL_LOG_ADD,
	SQL_LOG_ALL,
	SQL_LOG_USER,
	SQL_LOG_REPLAY,
	SQL_QUESTION_PUT,
	SQL_QUESTION_GET,
	SQL_TALLY_PUT,
	SQL_TALLY_GET,
	SQL_CONFUSION_PUT,
	SQL_CONFUSION_GET,
	SQL_DAILY_ALL,
	SQL_DAILY_USER,
	SQL_EXAM_ADD,
	SQL_EXAM_ITEM_ADD,
	SQL_EXAM_ITEM_PUT,
	SQL_EXAM_SUBMIT,
	SQL_EXAM_EACH,
	SQL_EXAM_ITEMS,
	SQL_TRIVIA_CODE_FIND,
	SQL_TRIVIA_GAME_ADD,
	SQL_TRIVIA_ROUND_ADD,
	SQL_TRIVIA_PLAYER_ADD,
	SQL_TRIVIA_PLAYER_GET,
	SQL_TRIVIA_REJOIN,
	SQL_TRIVIA_SEEN,
	SQL_TRIVIA_HOST_SEEN,
	SQL_TRIVIA_LEAVE,
	SQL_TRIVIA_MARK_ABSENT,
	SQL_TRIVIA_PHASE,
	SQL_TRIVIA_ANSWER_ADD,
	SQL_TRIVIA_ANSWER_MISS,
	SQL_TRIVIA_ANSWER_POINTS,
	SQL_TRIVIA_PLAYER_SCORE,
	SQL_TRIVIA_GAMES,
	SQL_TRIVIA_PLAYERS,
	SQL_TRIVIA_ROUNDS,
	SQL_COUNT
};

/* Column 14, the user id, is for the replay, which log_row has no room for. */
#define STORE_LOG_SELECT                                                       \
	"SELECT a.id, u.name, a.bank_id, a.question_id, a.answer_role,"        \
	" a.about_roles, a.shown_roles, a.shown_choices, a.picked,"            \
	" a.picked_role, a.correct, a.elapsed_ms, a.answered_at, a.mode,"      \
	" a.user_id FROM answers a JOIN users u ON u.id = a.user_id"

/* The parameters of struct exam_filter, ?1 to ?4; 0 means "any". */
#define STORE_EXAM_WHERE                                                       \
	" WHERE (?1 = 0 OR a.user_id = ?1) AND (?2 = 0 OR a.id = ?2)"          \
	" AND a.started_at >= ?3 AND (?4 = 0 OR a.status = 'submitted')"

/* The same columns, in the same places, as STORE_LOG_SELECT, so that one
 * decoder reads both. */
#define STORE_ITEM_SELECT                                                      \
	"SELECT i.attempt_id, i.position, i.bank_id, i.question_id,"           \
	" i.answer_role, i.about_roles, i.shown_roles, i.shown_choices,"       \
	" i.picked, i.picked_role, i.correct"                                  \
	" FROM exam_items i JOIN exam_attempts a ON a.id = i.attempt_id"

/* The columns store_decode_game reads, in its order. */
#define STORE_TRIVIA_GAME_SELECT                                               \
	"SELECT id, code, kind, host_user, created_at, started_at, ended_at,"  \
	" status, phase, seed, rounds, time_limit_ms, points, speed, streak,"  \
	" teams, banks, bank_files, current_round, round_started_at_ms,"       \
	" host_seen_ms FROM trivia_games"

/* Day ?4 is the last one: an answer given at `now` itself still counts. */
#define STORE_DAILY_SELECT                                                     \
	"SELECT min((answered_at - ?2) / 86400, ?4), count(*), sum(correct)"   \
	" FROM answers WHERE answered_at BETWEEN ?2 AND ?3"

static const char *const store_sql_text[SQL_COUNT] = {
	[SQL_BEGIN_READ] = "BEGIN",
	[SQL_BEGIN_WRITE] = "BEGIN IMMEDIATE",
	[SQL_COMMIT] = "COMMIT",
	[SQL_ROLLBACK] = "ROLLBACK",
	[SQL_USER_FIND] = "SELECT id FROM users WHERE name = ?1",
	[SQL_USER_ADD] = "INSERT INTO users (name, created_at) VALUES (?1, ?2)"
			 " ON CONFLICT (name) DO NOTHING",
	[SQL_TOTALS_PUT] = "UPDATE users SET answers = ?2, correct = ?3 WHERE id = ?1",
	[SQL_TOTALS_GET] = "SELECT answers, correct FROM users WHERE id = ?1",
	[SQL_LOG_ADD] = "INSERT INTO answers (user_id, bank_id, question_id,"
			" answer_role, about_roles, shown_roles, shown_choices, picked,"
			" picked_role, correct, elapsed_ms, answered_at, mode)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
	[SQL_LOG_ALL] = STORE_LOG_SELECT " ORDER BY a.id",
	[SQL_LOG_USER] = STORE_LOG_SELECT " WHERE a.user_id = ?1 ORDER BY a.id",
	[SQL_LOG_REPLAY] = STORE_LOG_SELECT " ORDER BY a.user_id, a.id",
	[SQL_QUESTION_PUT] = "INSERT OR REPLACE INTO question_state (user_id,"
			     " question_id, stability, difficulty, last_review, due,"
			     " reps, lapses, asked, wrong, last_seen)"
			     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[SQL_QUESTION_GET] = "SELECT question_id, stability, difficulty,"
			     " last_review, due, reps, lapses, asked, wrong, last_seen"
			     " FROM question_state WHERE user_id = ?1",
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
			 " count, pass_mark, time_limit, status, banks)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open', ?7)",
	[SQL_EXAM_ITEM_ADD] = "INSERT INTO exam_items (attempt_id, position,"
			      " bank_id, question_id, answer_role, about_roles,"
			      " shown_roles, shown_choices, picked, picked_role, correct)"
			      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[SQL_EXAM_ITEM_PUT] = "UPDATE exam_items SET picked = ?3, picked_role = ?4,"
			      " correct = ?5 WHERE attempt_id = ?1 AND position = ?2"
			      " AND (SELECT status FROM exam_attempts WHERE id = ?1)"
			      " = 'open'",
	[SQL_EXAM_SUBMIT] = "UPDATE exam_attempts SET status = 'submitted',"
			    " ended_at = ?2, timed_out = ?3, correct = ?4"
			    " WHERE id = ?1 AND user_id = ?5 AND count = ?6"
			    " AND status = 'open'",
	[SQL_EXAM_EACH] = "SELECT a.id, a.user_id, u.name, a.started_at, a.ended_at,"
			  " a.seed, a.count, a.pass_mark, a.time_limit, a.status,"
			  " a.timed_out, a.correct, a.banks"
			  " FROM exam_attempts a JOIN users u ON u.id = a.user_id"
			  STORE_EXAM_WHERE " ORDER BY a.id",
	[SQL_EXAM_ITEMS] = STORE_ITEM_SELECT STORE_EXAM_WHERE
			   " ORDER BY i.attempt_id, i.position",
	[SQL_TRIVIA_CODE_FIND] = "SELECT id FROM trivia_games WHERE code = ?1",
	[SQL_TRIVIA_GAME_ADD] = "INSERT INTO trivia_games (code, kind, host_user,"
				" created_at, status, phase, seed, rounds, time_limit_ms,"
				" points, speed, streak, teams, banks, bank_files,"
				" host_seen_ms) VALUES (?1, ?2, ?3, ?4, ?5, 'wait', ?6, ?7,"
				" ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
	[SQL_TRIVIA_ROUND_ADD] = "INSERT INTO trivia_rounds (game_id, round, bank_id,"
				 " question_id, shown_choices) VALUES (?1, ?2, ?3, ?4, ?5)",
	/* Seats in join order: rejoining keeps the seat. */
	[SQL_TRIVIA_PLAYER_ADD] = "INSERT INTO trivia_players (game_id, name, seat,"
				  " joined_at, last_seen_ms) VALUES (?1, ?2,"
				  " (SELECT count(*) FROM trivia_players WHERE game_id = ?1),"
				  " ?3, ?4)",
	[SQL_TRIVIA_PLAYER_GET] = "SELECT g.status, (SELECT count(*) FROM trivia_players"
				  " WHERE game_id = ?1), p.absent, p.last_seen_ms"
				  " FROM trivia_games g LEFT JOIN trivia_players p"
				  " ON p.game_id = g.id AND p.name = ?2 WHERE g.id = ?1",
	[SQL_TRIVIA_REJOIN] = "UPDATE trivia_players SET absent = 0, last_seen_ms = ?3"
			      " WHERE game_id = ?1 AND name = ?2",
	[SQL_TRIVIA_SEEN] = "UPDATE trivia_players SET absent = 0, last_seen_ms = ?3"
			    " WHERE game_id = ?1 AND name = ?2",
	[SQL_TRIVIA_HOST_SEEN] = "UPDATE trivia_games SET host_seen_ms = ?2 WHERE id = ?1",
	[SQL_TRIVIA_LEAVE] = "UPDATE trivia_players SET absent = 1"
			     " WHERE game_id = ?1 AND name = ?2",
	[SQL_TRIVIA_MARK_ABSENT] = "UPDATE trivia_players SET absent = 1"
				   " WHERE game_id = ?1 AND absent = 0 AND last_seen_ms < ?2",
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
	[SQL_TRIVIA_ANSWER_MISS] = "INSERT INTO trivia_answers (game_id, round, player,"
				   " picked, correct, elapsed_ms, answered_at_ms, points)"
				   " VALUES (?1, ?2, ?3, -1, 0, ?4, ?5, 0)",
	[SQL_TRIVIA_ANSWER_POINTS] = "UPDATE trivia_answers SET points = ?4"
				     " WHERE game_id = ?1 AND round = ?2 AND player = ?3",
	[SQL_TRIVIA_PLAYER_SCORE] = "UPDATE trivia_players SET score = ?3,"
				    " right_count = ?4, streak = ?5, time_ms = ?6"
				    " WHERE game_id = ?1 AND name = ?2",
	[SQL_TRIVIA_GAMES] = STORE_TRIVIA_GAME_SELECT
			     " WHERE (?1 = 0 OR id = ?1) AND (?2 IS NULL OR code = ?2)"
			     " AND created_at >= ?3 AND (?4 = 0 OR status = 'done')"
			     " ORDER BY id",
	[SQL_TRIVIA_PLAYERS] = "SELECT p.name, p.seat, p.joined_at, p.last_seen_ms,"
			       " p.absent, p.score, p.right_count, p.streak, p.time_ms,"
			       " a.picked, a.correct, a.elapsed_ms, a.points"
			       " FROM trivia_players p LEFT JOIN trivia_answers a"
			       " ON a.game_id = p.game_id AND a.player = p.name"
			       " AND a.round = ?2 WHERE p.game_id = ?1 ORDER BY p.seat",
	[SQL_TRIVIA_ROUNDS] = "SELECT round, bank_id, question_id, shown_choices"
			      " FROM trivia_rounds WHERE game_id = ?1 ORDER BY round",
};

struct store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *stmt[SQL_COUNT];
	int wal_frames; /* pages in the WAL after our last commit */
};

/* SQLite's own auto-checkpoint threshold, in pages: a WAL this long takes
 * about 1.5 ms to read back at start-up (doc/benchmarks.md). */
#define STORE_WAL_FOLD_FRAMES 1000

/* ---- errors ---- */

static const char *store_advice(int rc)
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
static const char *store_write_cause(const struct store *s, int rc, int e,
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
static int store_fail(const struct store *s, int rc, const char *doing,
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
	    (cause = store_write_cause(s, rc, e, buf, sizeof buf)))
		return rc_error_set(err, "%s: cannot %s: %s", s->path, doing, cause);
	if (e && ((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_FULL ||
		  (rc & 0xff) == SQLITE_CANTOPEN))
		return rc_error_set(err, "%s: cannot %s: %s (%s); %s", s->path, doing,
				    why, strerror(e), store_advice(rc));
	return rc_error_set(err, "%s: cannot %s: %s; %s", s->path, doing, why,
			    store_advice(rc));
}

static int store_oom(const struct store *s, const char *doing,
		     struct rc_error *err)
{
	return rc_error_set(err, "%s: cannot %s: out of memory; free some memory "
			    "and try again", s->path, doing);
}

/* The caller handed store_record an answer its history has not seen. */
static int store_unapplied(const struct store *s,
			   const struct answer_record *rec, struct rc_error *err)
{
	return rc_error_set(err, "%s: cannot save the answer to '%s': it was not "
			    "applied to the history first (a bug in rolecall; "
			    "please report it)", s->path,
			    rec->question_id ? rec->question_id : "?");
}

static int store_no_user(const struct store *s, int64_t user_id,
			 struct rc_error *err)
{
	return rc_error_set(err, "%s: there is no profile with id %" PRId64
			    "; open the profile with store_user first (a bug in "
			    "rolecall; please report it)", s->path, user_id);
}

/* history_* fail when out of memory or when a history is full of roles. */
static int store_history_fail(const struct store *s, const struct history *h,
			      const char *doing, struct rc_error *err)
{
	if (history_role_count(h) >= HISTORY_MAX_ROLES)
		return rc_error_set(err, "%s: cannot %s: more than %d roles; keep "
				    "fewer banks in one database (give --db another "
				    "file)", s->path, doing, HISTORY_MAX_ROLES);
	return store_oom(s, doing, err);
}

static int store_bad_row(const struct store *s, int64_t id, struct rc_error *err)
{
	return rc_error_set(err, "%s: answer %" PRId64 " in the log cannot be "
			    "read (unknown mode or malformed option lists: a newer "
			    "rolecall or a hand edit wrote it); fix that row with "
			    "sqlite3 or give --db another file", s->path, id);
}

/* ---- statements ---- */

/* Binders keep the first failure in *rc so that a statement's bindings are
 * checked once, where it is stepped. */
static void bind_i64(sqlite3_stmt *st, int i, int64_t v, int *rc)
{
	if (*rc == SQLITE_OK)
		*rc = sqlite3_bind_int64(st, i, v);
}

static void bind_f64(sqlite3_stmt *st, int i, double v, int *rc)
{
	if (*rc == SQLITE_OK)
		*rc = sqlite3_bind_double(st, i, v);
}

/* Strings are borrowed for the call: store_reset clears them before the
 * caller can free them. */
static void bind_text(sqlite3_stmt *st, int i, const char *v, int *rc)
{
	if (*rc != SQLITE_OK)
		return;
	*rc = v ? sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC)
		: sqlite3_bind_null(st, i);
}

static void store_reset(sqlite3_stmt *st)
{
	/* sqlite3_reset repeats the last step's result, already handled by
	 * whoever stepped; sqlite3_clear_bindings always succeeds. */
	(void)sqlite3_reset(st);
	(void)sqlite3_clear_bindings(st);
}

/* Step a statement that returns no rows.  rc is the result of binding it. */
static int store_run(const struct store *s, sqlite3_stmt *st, int rc,
		     const char *doing, struct rc_error *err)
{
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		store_fail(s, rc, doing, err);
	store_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Visits one result row: 0 to go on, 1 to stop, -1 on an error it has
 * already put in err. */
typedef int (*store_row_fn)(struct store *s, sqlite3_stmt *st, void *ctx,
			    struct rc_error *err);

/* Step a bound statement (rc: the binding result) through all its rows. */
static int store_rows(struct store *s, sqlite3_stmt *st, int rc,
		      const char *doing, store_row_fn fn, void *ctx,
		      struct rc_error *err)
{
	int got = 0;

	if (rc == SQLITE_OK)
		while ((rc = sqlite3_step(st)) == SQLITE_ROW &&
		       (got = fn(s, st, ctx, err)) == 0)
			;
	if (got == 0 && rc != SQLITE_DONE) {
		store_fail(s, rc, doing, err);
		got = -1;
	}
	store_reset(st);
	return got < 0 ? -1 : 0;
}

/* Run SQL text that is not worth caching (open, migrate, rebuild). */
static int store_exec(const struct store *s, const char *sql,
		      const char *doing, struct rc_error *err)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : store_fail(s, rc, doing, err);
}

/* The header fields that say whose file this is, read in one statement so
 * that they come from one snapshot even while another rolecall migrates. */
struct store_header {
	int64_t app, version, objects;
};

static int store_read_header(const struct store *s, struct store_header *hd,
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
		store_fail(s, rc, "open the database", err);
	}
	/* finalize repeats the step's result, handled above */
	(void)sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* A database deleted or moved while we run: SQLite would go on writing to
 * the old file, and every answer after that would vanish with it.  So
 * nothing is written then; the caller stops with this message. */
static int store_moved(const struct store *s, struct rc_error *err)
{
	int moved = 0;

	if (sqlite3_file_control(s->db, "main", SQLITE_FCNTL_HAS_MOVED, &moved) !=
	    SQLITE_OK || !moved)
		return 0;
	return rc_error_set(err, "%s was deleted or moved while rolecall was running, "
			    "so nothing more can be saved in it; put the file back, or "
			    "start rolecall again to use a new one", s->path);
}

static int store_begin(struct store *s, enum store_sql which, const char *doing,
		       struct rc_error *err)
{
	if (which == SQL_BEGIN_WRITE && store_moved(s, err) < 0)
		return -1;
	return store_run(s, s->stmt[which], SQLITE_OK, doing, err);
}

/* Undo the open transaction after an error already reported in err. */
static void store_rollback(struct store *s)
{
	/* SQLite rolls back by itself on some errors (SQLITE_FULL, IOERR);
	 * then there is nothing left to undo. */
	if (sqlite3_get_autocommit(s->db))
		return;
	/* If even ROLLBACK fails, the error that led here is the one to
	 * report, and SQLite rolls back when the connection closes. */
	(void)sqlite3_step(s->stmt[SQL_ROLLBACK]);
	store_reset(s->stmt[SQL_ROLLBACK]);
}

/* Commit, or roll back when anything went wrong; rc is 0 or -1 so far. */
static int store_finish(struct store *s, int rc, const char *doing,
			struct rc_error *err)
{
	if (rc == 0)
		rc = store_run(s, s->stmt[SQL_COMMIT], SQLITE_OK, doing, err);
	if (rc < 0)
		store_rollback(s);
	return rc;
}

/* ---- open ---- */

static int store_file_error(const char *path, const char *doing, int e,
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

static int store_make_dir(const char *dir, const char *path,
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
		       store_file_error(dir, "set the mode of", errno, err);
	e = errno;
	/* another rolecall may have made it since we looked */
	if (e == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	return store_file_error(dir, "create the folder", e, err);
}

/* Create every missing folder on the way to path. */
static int store_make_parents(const char *path, struct rc_error *err)
{
	char dir[PATH_MAX];

	if ((size_t)snprintf(dir, sizeof dir, "%s", path) >= sizeof dir)
		return rc_error_set(err, "%s: the path is too long; give --db a "
				    "shorter one", path);
	for (char *p = strchr(dir + 1, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (store_make_dir(dir, path, err) < 0)
			return -1;
		*p = '/';
	}
	return 0;
}

/* Create the file ourselves so that it is 0600 whatever the umask, and see
 * that an existing one is a writable regular file.  An existing file keeps
 * the mode its owner gave it. */
static int store_make_file(const char *path, struct rc_error *err)
{
	struct stat st;
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	int created = fd >= 0;

	if (fd < 0 && errno == EEXIST)
		fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return store_file_error(path, "open", errno, err);
	if ((created && fchmod(fd, 0600) < 0) || fstat(fd, &st) < 0) {
		int e = errno;

		close(fd);
		return store_file_error(path, "set up", e, err);
	}
	close(fd);
	if (!S_ISREG(st.st_mode))
		return rc_error_set(err, "%s is not a regular file; give --db a "
				    "database file", path);
	return 0;
}

static int store_connect(struct store *s, struct rc_error *err)
{
	int rc = sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE, NULL);

	/* The timeout comes first: even reading the header waits while
	 * another rolecall writes in rollback-journal mode. */
	if (rc == SQLITE_OK)
		rc = sqlite3_busy_timeout(s->db, STORE_BUSY_TIMEOUT_MS);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "open the database", err);
	/* SQLite quietly falls back to read-only on a write-protected file. */
	if (sqlite3_db_readonly(s->db, "main") != 0)
		return rc_error_set(err, "%s is read-only; check that you can write "
				    "it and its folder, or give --db another file",
				    s->path);
	return 0;
}

/* Refuse, before writing anything, a file we must not touch.  Garbage
 * shows up here as SQLITE_NOTADB. */
static int store_check_file(const struct store *s, int64_t *version_out,
			    struct rc_error *err)
{
	struct store_header hd;

	if (store_read_header(s, &hd, err) < 0)
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
static int store_use_wal(const struct store *s, struct rc_error *err)
{
	int rc, waited = 0;

	while ((rc = sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL, NULL,
				  NULL)) == SQLITE_BUSY &&
	       waited < STORE_BUSY_TIMEOUT_MS)
		waited += sqlite3_sleep(10);
	return rc == SQLITE_OK ? 0 : store_fail(s, rc, "switch it to WAL mode", err);
}

/*
 * SQLite's auto-checkpoint, plus a note of the WAL's length for
 * store_close.  In-process the checkpoint lets the next commit start the
 * WAL again from the top; a process that exits without folding it in would
 * leave the next one a WAL that only grows (SQLite forgets, on reopening,
 * how much of it was already copied).
 */
static int store_wal_hook(void *arg, sqlite3 *db, const char *name, int frames)
{
	struct store *s = arg;

	s->wal_frames = frames;
	if (frames >= STORE_WAL_FOLD_FRAMES)
		/* a checkpoint that cannot finish now is finished later */
		(void)sqlite3_wal_checkpoint(db, name);
	return SQLITE_OK;
}

static int store_configure(struct store *s, struct rc_error *err)
{
	if (store_use_wal(s, err) < 0)
		return -1;
	(void)sqlite3_wal_hook(s->db, store_wal_hook, s);
	return store_exec(s, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON",
			  "set up the database connection", err);
}

/* Run under the write lock: another rolecall may have migrated the file
 * since we looked, so look again. */
static int store_migrate_locked(const struct store *s, struct rc_error *err)
{
	char sql[128];
	int64_t version;

	if (store_check_file(s, &version, err) < 0)
		return -1;
	for (int64_t v = version; v < STORE_SCHEMA_VERSION; v++)
		if (store_exec(s, store_migrations[v], "upgrade the schema", err) < 0)
			return -1;
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA "
		 "user_version = %d", STORE_APPLICATION_ID, STORE_SCHEMA_VERSION);
	return store_exec(s, sql, "upgrade the schema", err);
}

/* version: what store_check_file found before the connection was set up. */
static int store_migrate(const struct store *s, int64_t version,
			 struct rc_error *err)
{
	if (version == STORE_SCHEMA_VERSION)
		return 0;
	if (store_exec(s, "BEGIN IMMEDIATE", "start the schema upgrade", err) < 0)
		return -1;
	if (store_migrate_locked(s, err) < 0 ||
	    store_exec(s, "COMMIT", "upgrade the schema", err) < 0) {
		if (!sqlite3_get_autocommit(s->db))
			/* the first error is the one to report */
			(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

static int store_prepare(struct store *s, struct rc_error *err)
{
	for (int i = 0; i < SQL_COUNT; i++) {
		int rc = sqlite3_prepare_v3(s->db, store_sql_text[i], -1,
					    SQLITE_PREPARE_PERSISTENT,
					    &s->stmt[i], NULL);

		if (rc != SQLITE_OK)
			return store_fail(s, rc, "prepare its queries", err);
	}
	return 0;
}

int store_open(const char *path, struct store **out, struct rc_error *err)
{
	struct store *s;
	int64_t version;

	*out = NULL;
	if (!path || !*path)
		return rc_error_set(err, "no database file given; give --db FILE");
	if (store_make_parents(path, err) < 0 || store_make_file(path, err) < 0)
		return -1;
	s = calloc(1, sizeof *s);
	if (!s || !(s->path = strdup(path))) {
		free(s);
		return rc_error_set(err, "%s: cannot open the database: out of "
				    "memory", path);
	}
	if (store_connect(s, err) < 0 || store_check_file(s, &version, err) < 0 ||
	    store_configure(s, err) < 0 || store_migrate(s, version, err) < 0 ||
	    store_prepare(s, err) < 0) {
		store_close(s);
		return -1;
	}
	*out = s;
	return 0;
}

void store_close(struct store *s)
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

const char *store_path(const struct store *s)
{
	return s->path;
}

/* ---- profiles ---- */

/* 1 and the id when the profile exists, 0 when not, -1 on error. */
static int store_user_find(struct store *s, const char *name, int64_t *user_id,
			   struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_USER_FIND];
	int rc = sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int found = 0;

	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*user_id = sqlite3_column_int64(st, 0);
		found = 1;
	} else if (rc != SQLITE_DONE) {
		found = store_fail(s, rc, "look up the profile", err);
	}
	store_reset(st);
	return found;
}

int store_find_user(struct store *s, const char *name, int64_t *user_id,
		    struct rc_error *err)
{
	if (!name || !*name)
		return 0;
	return store_user_find(s, name, user_id, err);
}

int store_user(struct store *s, const char *name, int64_t *user_id,
	       struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_USER_ADD];
	int rc = SQLITE_OK, found;

	if (!name || !*name)
		return rc_error_set(err, "%s: a profile needs a name; give --user NAME",
				    s->path);
	/* Look first: most runs find the profile and need no write lock. */
	if ((found = store_user_find(s, name, user_id, err)) != 0)
		return found < 0 ? -1 : 0;
	bind_text(st, 1, name, &rc);
	bind_i64(st, 2, (int64_t)time(NULL), &rc);
	if (store_run(s, st, rc, "create the profile", err) < 0 ||
	    (found = store_user_find(s, name, user_id, err)) < 0)
		return -1;
	if (!found)
		return rc_error_set(err, "%s: the profile '%s' vanished as it was "
				    "created; try again", s->path, name);
	return 0;
}

/* ---- writing derived state ---- */

static int store_question_put(struct store *s, int64_t user_id,
			      const struct question_state *qs,
			      struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_QUESTION_PUT];
	int rc = SQLITE_OK;

	bind_i64(st, 1, user_id, &rc);
	bind_text(st, 2, qs->id, &rc);
	bind_f64(st, 3, qs->card.stability, &rc);
	bind_f64(st, 4, qs->card.difficulty, &rc);
	bind_i64(st, 5, qs->card.last_review, &rc);
	bind_i64(st, 6, qs->card.due, &rc);
	bind_i64(st, 7, qs->card.reps, &rc);
	bind_i64(st, 8, qs->card.lapses, &rc);
	bind_i64(st, 9, qs->asked, &rc);
	bind_i64(st, 10, qs->wrong, &rc);
	bind_i64(st, 11, qs->last_seen, &rc);
	return store_run(s, st, rc, "save the question's schedule", err);
}

static int store_tally_put(struct store *s, int64_t user_id, const char *role,
			   const struct role_tally *t, struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_TALLY_PUT];
	int rc = SQLITE_OK;

	bind_i64(st, 1, user_id, &rc);
	bind_text(st, 2, role, &rc);
	bind_i64(st, 3, t->asked, &rc);
	bind_i64(st, 4, t->correct, &rc);
	return store_run(s, st, rc, "save the role tally", err);
}

static int store_confusion_put(struct store *s, int64_t user_id,
			       const char *answer, const char *picked,
			       const struct confusion_cell *c,
			       struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_CONFUSION_PUT];
	int rc = SQLITE_OK;

	bind_i64(st, 1, user_id, &rc);
	bind_text(st, 2, answer, &rc);
	bind_text(st, 3, picked, &rc);
	bind_i64(st, 4, c->count, &rc);
	bind_i64(st, 5, c->chances, &rc);
	return store_run(s, st, rc, "save the confusion counts", err);
}

static int store_totals_put(struct store *s, int64_t user_id,
			    const struct history *h, struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_TOTALS_PUT];
	int rc = SQLITE_OK;

	bind_i64(st, 1, user_id, &rc);
	bind_i64(st, 2, (int64_t)history_answers(h), &rc);
	bind_i64(st, 3, (int64_t)history_correct(h), &rc);
	if (store_run(s, st, rc, "save the profile's totals", err) < 0)
		return -1;
	return sqlite3_changes(s->db) == 1 ? 0 : store_no_user(s, user_id, err);
}

/* ---- the answer log ---- */

/* Join ids with commas; a NULL id is written empty.  An id holding a comma
 * could not be split again, so it is refused. */
static int store_join_ids(char *buf, const char *const *ids, unsigned n)
{
	size_t at = 0;

	buf[0] = '\0';
	for (unsigned i = 0; i < n; i++) {
		const char *id = ids[i] ? ids[i] : "";
		int w;

		if (strchr(id, ','))
			return -1;
		w = snprintf(buf + at, STORE_LIST_MAX - at, "%s%s", i ? "," : "", id);
		if (w < 0 || (size_t)w >= STORE_LIST_MAX - at)
			return -1;
		at += (size_t)w;
	}
	return 0;
}

static int store_join_choices(char *buf, const unsigned *choices, unsigned n)
{
	size_t at = 0;

	buf[0] = '\0';
	for (unsigned i = 0; i < n; i++) {
		int w = snprintf(buf + at, STORE_LIST_MAX - at, "%s%u", i ? "," : "",
				 choices[i]);

		if (w < 0 || (size_t)w >= STORE_LIST_MAX - at)
			return -1;
		at += (size_t)w;
	}
	return 0;
}

static int store_log_add(struct store *s, int64_t user_id,
			 const struct answer_record *rec, struct rc_error *err)
{
	char about[STORE_LIST_MAX], shown[STORE_LIST_MAX], choices[STORE_LIST_MAX];
	sqlite3_stmt *st = s->stmt[SQL_LOG_ADD];
	int rc = SQLITE_OK;

	/* what could not be read back is refused now, not at the next export */
	if (session_mode_parse(session_mode_name(rec->mode)) < 0 ||
	    rec->n_about > BANK_MAX_OPTIONS || rec->n_shown > BANK_MAX_OPTIONS ||
	    rec->picked < -1 || rec->picked >= (int)rec->n_shown ||
	    store_join_ids(about, rec->about, rec->n_about) < 0 ||
	    store_join_ids(shown, rec->shown_roles, rec->n_shown) < 0 ||
	    store_join_choices(choices, rec->shown_choices, rec->n_shown) < 0)
		return rc_error_set(err, "%s: cannot save the answer to '%s': its "
				    "options are malformed (a bug in rolecall; please "
				    "report it)", s->path, rec->question_id);
	bind_i64(st, 1, user_id, &rc);
	bind_text(st, 2, rec->bank_id, &rc);
	bind_text(st, 3, rec->question_id, &rc);
	bind_text(st, 4, rec->answer_role, &rc);
	bind_text(st, 5, about, &rc);
	bind_text(st, 6, shown, &rc);
	bind_text(st, 7, choices, &rc);
	bind_i64(st, 8, rec->picked, &rc);
	bind_text(st, 9, answer_record_picked_role(rec), &rc);
	bind_i64(st, 10, rec->correct != 0, &rc);
	bind_i64(st, 11, rec->elapsed_ms, &rc);
	bind_i64(st, 12, rec->answered_at, &rc);
	bind_text(st, 13, session_mode_name(rec->mode), &rc);
	return store_run(s, st, rc, "save the answer", err);
}

static int store_record_tallies(struct store *s, int64_t user_id,
				const struct answer_record *rec,
				const struct history *h, struct rc_error *err)
{
	for (unsigned i = 0; i < rec->n_about; i++) {
		int r = history_role_find(h, rec->about[i]);

		if (r < 0)
			return store_unapplied(s, rec, err);
		if (store_tally_put(s, user_id, rec->about[i],
				    history_role_tally(h, (unsigned)r), err) < 0)
			return -1;
	}
	return 0;
}

/* The cells this answer was a chance for: (answer, X) for every role X
 * shown beside the answer's own. */
static int store_record_confusions(struct store *s, int64_t user_id,
				   const struct answer_record *rec,
				   const struct history *h,
				   struct rc_error *err)
{
	int y;

	if (!rec->answer_role)
		return 0;
	if ((y = history_role_find(h, rec->answer_role)) < 0)
		return store_unapplied(s, rec, err);
	for (unsigned i = 0; i < rec->n_shown; i++) {
		const char *x = rec->shown_roles[i];
		int xi;

		if (!x || !strcmp(x, rec->answer_role))
			continue;
		if ((xi = history_role_find(h, x)) < 0)
			return store_unapplied(s, rec, err);
		if (store_confusion_put(s, user_id, rec->answer_role, x,
					history_confusion(h, (unsigned)y, (unsigned)xi),
					err) < 0)
			return -1;
	}
	return 0;
}

static int store_record_locked(struct store *s, int64_t user_id,
			       const struct answer_record *rec,
			       const struct history *h, struct rc_error *err)
{
	const struct question_state *qs = history_question(h, rec->question_id);

	if (!qs)
		return store_unapplied(s, rec, err);
	if (store_log_add(s, user_id, rec, err) < 0 ||
	    store_question_put(s, user_id, qs, err) < 0 ||
	    store_record_tallies(s, user_id, rec, h, err) < 0 ||
	    store_record_confusions(s, user_id, rec, h, err) < 0)
		return -1;
	return store_totals_put(s, user_id, h, err);
}

int store_record(struct store *s, int64_t user_id,
		 const struct answer_record *rec, const struct history *h,
		 struct rc_error *err)
{
	int rc;

	if (!rec->question_id)
		return store_unapplied(s, rec, err);
	if (store_begin(s, SQL_BEGIN_WRITE, "start saving the answer", err) < 0)
		return -1;
	rc = store_record_locked(s, user_id, rec, h, err);
	return store_finish(s, rc, "save the answer", err);
}

/* ---- loading derived state ---- */

static uint32_t col_u32(sqlite3_stmt *st, int i)
{
	int64_t v = sqlite3_column_int64(st, i);

	return v < 0 ? 0 : v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

static const char *col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static int store_question_row(struct store *s, sqlite3_stmt *st, void *ctx,
			      struct rc_error *err)
{
	struct question_state qs = {
		.id = col_text(st, 0),
		.card = {
			.stability = sqlite3_column_double(st, 1),
			.difficulty = sqlite3_column_double(st, 2),
			.last_review = sqlite3_column_int64(st, 3),
			.due = sqlite3_column_int64(st, 4),
			.reps = col_u32(st, 5),
			.lapses = col_u32(st, 6),
		},
		.asked = col_u32(st, 7),
		.wrong = col_u32(st, 8),
		.last_seen = sqlite3_column_int64(st, 9),
	};

	if (!qs.id || history_set_question(ctx, &qs) < 0)
		return store_history_fail(s, ctx, "load the question schedules", err);
	return 0;
}

static int store_tally_row(struct store *s, sqlite3_stmt *st, void *ctx,
			   struct rc_error *err)
{
	struct role_tally t = { col_u32(st, 1), col_u32(st, 2) };
	const char *role = col_text(st, 0);

	if (!role || history_set_role(ctx, role, t) < 0)
		return store_history_fail(s, ctx, "load the role tallies", err);
	return 0;
}

static int store_confusion_row(struct store *s, sqlite3_stmt *st, void *ctx,
			       struct rc_error *err)
{
	struct confusion_cell c = { col_u32(st, 2), col_u32(st, 3) };
	const char *answer = col_text(st, 0), *picked = col_text(st, 1);

	if (!answer || !picked || history_set_confusion(ctx, answer, picked, c) < 0)
		return store_history_fail(s, ctx, "load the confusion counts", err);
	return 0;
}

/* The profile's totals; finding the row at all proves the profile exists. */
struct store_load {
	struct history *h;
	int found;
};

static int store_totals_row(struct store *s, sqlite3_stmt *st, void *ctx,
			    struct rc_error *err)
{
	struct store_load *l = ctx;

	(void)s;
	(void)err;
	history_set_totals(l->h, (uint64_t)sqlite3_column_int64(st, 0),
			   (uint64_t)sqlite3_column_int64(st, 1));
	l->found = 1;
	return 1;
}

/* Run one of the per-user queries; ctx goes to fn. */
static int store_load_part(struct store *s, enum store_sql which,
			   int64_t user_id, store_row_fn fn, void *ctx,
			   struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[which];
	int rc = SQLITE_OK;

	bind_i64(st, 1, user_id, &rc);
	return store_rows(s, st, rc, "load the history", fn, ctx, err);
}

static int store_load_locked(struct store *s, int64_t user_id,
			     struct history *h, struct rc_error *err)
{
	struct store_load l = { h, 0 };

	if (store_load_part(s, SQL_TOTALS_GET, user_id, store_totals_row, &l,
			    err) < 0)
		return -1;
	if (!l.found)
		return store_no_user(s, user_id, err);
	if (store_load_part(s, SQL_QUESTION_GET, user_id, store_question_row, h,
			    err) < 0 ||
	    store_load_part(s, SQL_TALLY_GET, user_id, store_tally_row, h, err) < 0)
		return -1;
	return store_load_part(s, SQL_CONFUSION_GET, user_id, store_confusion_row,
			       h, err);
}

int store_load_history(struct store *s, int64_t user_id, struct history *h,
		       struct rc_error *err)
{
	int rc;

	/* One read transaction, so that the four tables come from the same
	 * moment even while another rolecall records answers. */
	if (store_begin(s, SQL_BEGIN_READ, "start loading the history", err) < 0)
		return -1;
	rc = store_load_locked(s, user_id, h, err);
	return store_finish(s, rc, "load the history", err);
}

/* ---- reading the log ---- */

/* The log row's lists, split in place; the row's strings point here. */
struct store_lists {
	char about[STORE_LIST_MAX];
	char shown[STORE_LIST_MAX];
	char choices[STORE_LIST_MAX];
};

static int store_copy_col(sqlite3_stmt *st, int i, char *buf)
{
	const char *text = col_text(st, i);
	int len = sqlite3_column_bytes(st, i);

	if (!text || len < 0 || len >= STORE_LIST_MAX)
		return -1;
	memcpy(buf, text, (size_t)len + 1);
	return 0;
}

/* Split text at commas, in place.  "" is no part when empty_is_none, else
 * one empty part.  Returns the number of parts, -1 when too many. */
static int store_split(char *text, char **parts, int empty_is_none)
{
	int n = 0;

	if (!*text && empty_is_none)
		return 0;
	for (;;) {
		char *comma = strchr(text, ',');

		if (n == BANK_MAX_OPTIONS)
			return -1;
		parts[n++] = text;
		if (!comma)
			return n;
		*comma = '\0';
		text = comma + 1;
	}
}

static int store_parse_uint(const char *text, unsigned *out)
{
	char *end;
	unsigned long v;

	if (*text < '0' || *text > '9')
		return -1;
	errno = 0;
	v = strtoul(text, &end, 10);
	if (*end || errno || v > UINT_MAX)
		return -1;
	*out = (unsigned)v;
	return 0;
}

/* shown_choices gives the number of options; shown_roles must match it. */
static int store_decode_lists(sqlite3_stmt *st, struct answer_record *rec,
			      struct store_lists *l)
{
	char *parts[BANK_MAX_OPTIONS];
	int n;

	if (store_copy_col(st, 5, l->about) < 0 ||
	    store_copy_col(st, 6, l->shown) < 0 ||
	    store_copy_col(st, 7, l->choices) < 0 ||
	    (n = store_split(l->choices, parts, 1)) < 0)
		return -1;
	rec->n_shown = (unsigned)n;
	for (int i = 0; i < n; i++)
		if (store_parse_uint(parts[i], &rec->shown_choices[i]) < 0)
			return -1;
	if (store_split(l->shown, parts, n == 0) != n)
		return -1;
	for (int i = 0; i < n; i++)
		rec->shown_roles[i] = parts[i][0] ? parts[i] : NULL;
	if ((n = store_split(l->about, parts, 1)) < 0)
		return -1;
	rec->n_about = (unsigned)n;
	for (int i = 0; i < n; i++)
		rec->about[i] = parts[i];
	return 0;
}

static int store_decode(const struct store *s, sqlite3_stmt *st,
			struct log_row *row, struct store_lists *l,
			struct rc_error *err)
{
	struct answer_record *rec = &row->rec;
	const char *mode = col_text(st, 13);
	int64_t picked = sqlite3_column_int64(st, 8);
	int m = mode ? session_mode_parse(mode) : -1;

	memset(row, 0, sizeof *row);
	row->id = sqlite3_column_int64(st, 0);
	row->user = col_text(st, 1);
	row->picked_role = col_text(st, 9);
	rec->bank_id = col_text(st, 2);
	rec->question_id = col_text(st, 3);
	rec->answer_role = col_text(st, 4);
	rec->correct = sqlite3_column_int64(st, 10) != 0;
	rec->elapsed_ms = sqlite3_column_int64(st, 11);
	rec->answered_at = sqlite3_column_int64(st, 12);
	if (!row->user || !rec->bank_id || !rec->question_id || m < 0 ||
	    store_decode_lists(st, rec, l) < 0 || picked < -1 ||
	    picked >= (int64_t)rec->n_shown)
		return store_bad_row(s, row->id, err);
	rec->picked = (int)picked;
	rec->mode = (enum session_mode)m;
	return 0;
}

/* What to do with each decoded log row: 0 go on, 1 stop, -1 error. */
struct store_visit {
	int (*fn)(void *ctx, int64_t user_id, const struct log_row *row);
	void *ctx;
};

static int store_visit_row(struct store *s, sqlite3_stmt *st, void *ctx,
			   struct rc_error *err)
{
	const struct store_visit *v = ctx;
	struct store_lists lists;
	struct log_row row;

	if (store_decode(s, st, &row, &lists, err) < 0)
		return -1;
	return v->fn(v->ctx, sqlite3_column_int64(st, 14), &row);
}

static int store_scan(struct store *s, enum store_sql which, int64_t user_id,
		      struct store_visit *v, const char *doing,
		      struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[which];
	int rc = SQLITE_OK;

	if (which == SQL_LOG_USER)
		bind_i64(st, 1, user_id, &rc);
	return store_rows(s, st, rc, doing, store_visit_row, v, err);
}

struct store_each {
	int (*fn)(void *ctx, const struct log_row *row);
	void *ctx;
};

static int store_each_visit(void *ctx, int64_t user_id, const struct log_row *row)
{
	const struct store_each *e = ctx;

	(void)user_id;
	return e->fn(e->ctx, row) ? 1 : 0;
}

int store_each_answer(struct store *s, int64_t user_id,
		      int (*fn)(void *ctx, const struct log_row *row), void *ctx,
		      struct rc_error *err)
{
	struct store_each e = { fn, ctx };
	struct store_visit v = { store_each_visit, &e };

	return store_scan(s, user_id ? SQL_LOG_USER : SQL_LOG_ALL, user_id, &v,
			  "read the answer log", err);
}

/* ---- rebuild ---- */

struct store_saver {
	struct store *s;
	int64_t user_id;
	struct rc_error *err;
	int failed;
};

static void store_save_question(void *ctx, const struct question_state *qs)
{
	struct store_saver *sv = ctx;

	if (!sv->failed && store_question_put(sv->s, sv->user_id, qs, sv->err) < 0)
		sv->failed = 1;
}

/* Every row of h's derived state.  Roles never asked and pairs never
 * offered are left out, as store_record never writes them either. */
static int store_save_history(struct store *s, int64_t user_id,
			      const struct history *h, struct rc_error *err)
{
	struct store_saver sv = { s, user_id, err, 0 };
	unsigned n = history_role_count(h);

	history_each_question(h, store_save_question, &sv);
	if (sv.failed)
		return -1;
	for (unsigned a = 0; a < n; a++) {
		const struct role_tally *t = history_role_tally(h, a);

		if ((t->asked || t->correct) &&
		    store_tally_put(s, user_id, history_role_id(h, a), t, err) < 0)
			return -1;
		for (unsigned p = 0; p < n; p++) {
			const struct confusion_cell *c = history_confusion(h, a, p);

			if ((c->count || c->chances) &&
			    store_confusion_put(s, user_id, history_role_id(h, a),
						history_role_id(h, p), c, err) < 0)
				return -1;
		}
	}
	return store_totals_put(s, user_id, h, err);
}

/* The log comes ordered by user, so one history at a time is enough. */
struct store_replay {
	struct store *s;
	struct rc_error *err;
	int64_t slow_ms;
	int64_t user_id;
	struct history *h;
};

static int store_replay_flush(struct store_replay *r)
{
	int rc = 0;

	if (r->h)
		rc = store_save_history(r->s, r->user_id, r->h, r->err);
	history_free(r->h);
	r->h = NULL;
	return rc;
}

static int store_replay_row(void *ctx, int64_t user_id, const struct log_row *row)
{
	struct store_replay *r = ctx;

	if (!r->h || user_id != r->user_id) {
		if (store_replay_flush(r) < 0)
			return -1;
		if (!(r->h = history_new()))
			return store_oom(r->s, "rebuild the derived state", r->err);
		r->user_id = user_id;
	}
	if (history_apply(r->h, &row->rec, r->slow_ms) < 0)
		return store_history_fail(r->s, r->h, "replay the answer log", r->err);
	return 0;
}

int store_rebuild(struct store *s, int64_t slow_ms, struct rc_error *err)
{
	struct store_replay r = { s, err, slow_ms, 0, NULL };
	struct store_visit v = { store_replay_row, &r };
	int rc;

	if (store_begin(s, SQL_BEGIN_WRITE, "start rebuilding the derived state",
			err) < 0)
		return -1;
	rc = store_exec(s, "DELETE FROM question_state; DELETE FROM role_tally;"
			" DELETE FROM confusion;"
			" UPDATE users SET answers = 0, correct = 0",
			"clear the derived state", err);
	if (rc == 0)
		rc = store_scan(s, SQL_LOG_REPLAY, 0, &v, "replay the answer log", err);
	if (rc == 0)
		rc = store_replay_flush(&r);
	history_free(r.h);
	return store_finish(s, rc, "save the rebuilt state", err);
}

/* ---- statistics and upkeep ---- */

struct store_days {
	uint32_t *answers;
	uint32_t *correct;
	unsigned days;
};

static int store_day_row(struct store *s, sqlite3_stmt *st, void *ctx,
			 struct rc_error *err)
{
	const struct store_days *d = ctx;
	int64_t day = sqlite3_column_int64(st, 0);

	(void)s;
	(void)err;
	if (day >= 0 && day < (int64_t)d->days) {
		d->answers[day] = col_u32(st, 1);
		d->correct[day] = col_u32(st, 2);
	}
	return 0;
}

int store_daily(struct store *s, int64_t user_id, int64_t now, unsigned days,
		uint32_t *answers, uint32_t *correct, struct rc_error *err)
{
	struct store_days d = { answers, correct, days };
	sqlite3_stmt *st = s->stmt[user_id ? SQL_DAILY_USER : SQL_DAILY_ALL];
	int rc = SQLITE_OK;

	if (!days)
		return 0;
	memset(answers, 0, days * sizeof *answers);
	memset(correct, 0, days * sizeof *correct);
	/* ?1 is only in the per-user query; binding it in the other is
	 * harmless, since ?2..?4 make room for it. */
	bind_i64(st, 1, user_id, &rc);
	bind_i64(st, 2, now - (int64_t)days * STORE_DAY, &rc);
	bind_i64(st, 3, now, &rc);
	bind_i64(st, 4, (int64_t)days - 1, &rc);
	return store_rows(s, st, rc, "count the answers per day", store_day_row,
			  &d, err);
}

int store_check_integrity(struct store *s, struct rc_error *err)
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
		store_fail(s, rc, "check the database's integrity", err);
	}
	/* finalize repeats the step's result, handled above */
	(void)sqlite3_finalize(st);
	return ok ? 0 : -1;
}

/* Every column of a row, '|'-separated, reals exact. */
static int store_dump_row(struct store *s, sqlite3_stmt *st, void *ctx,
			  struct rc_error *err)
{
	FILE *out = ctx;
	int n = sqlite3_column_count(st);

	(void)s;
	(void)err;
	for (int i = 0; i < n; i++) {
		fputs(i ? "|" : "", out);
		switch (sqlite3_column_type(st, i)) {
		case SQLITE_INTEGER:
			fprintf(out, "%" PRId64, (int64_t)sqlite3_column_int64(st, i));
			break;
		case SQLITE_FLOAT:
			fprintf(out, "%.17g", sqlite3_column_double(st, i));
			break;
		case SQLITE_NULL:
			fputs("NULL", out);
			break;
		default:
			fputs(col_text(st, i) ? col_text(st, i) : "", out);
		}
	}
	fputc('\n', out);
	return 0;
}

static const char *const store_dump_sql[] = {
	"SELECT 'users', id, name, answers, correct FROM users ORDER BY id",
	"SELECT 'question_state', * FROM question_state"
	" ORDER BY user_id, question_id",
	"SELECT 'role_tally', * FROM role_tally ORDER BY user_id, role_id",
	"SELECT 'confusion', * FROM confusion"
	" ORDER BY user_id, answer_role, picked_role",
};

static int store_dump_one(struct store *s, const char *sql, FILE *out,
			  struct rc_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);

	if (rc != SQLITE_OK) {
		store_fail(s, rc, "read the derived state", err);
		(void)sqlite3_finalize(st); /* st is NULL: nothing to report */
		return -1;
	}
	rc = store_rows(s, st, SQLITE_OK, "read the derived state",
			store_dump_row, out, err);
	(void)sqlite3_finalize(st); /* repeats the step's result, handled */
	return rc;
}

int store_dump_derived(struct store *s, FILE *out, struct rc_error *err)
{
	int rc = 0;

	if (store_begin(s, SQL_BEGIN_READ, "start reading the derived state",
			err) < 0)
		return -1;
	for (size_t i = 0; rc == 0 && i < sizeof store_dump_sql /
					  sizeof store_dump_sql[0]; i++)
		rc = store_dump_one(s, store_dump_sql[i], out, err);
	if (rc == 0 && (fflush(out) != 0 || ferror(out)))
		rc = rc_error_set(err, "%s: cannot write the dump of the derived "
				  "state: %s; check where it goes", s->path,
				  strerror(errno));
	return store_finish(s, rc, "read the derived state", err);
}

/* ---- exams ---- */

static int store_bad_exam(const struct store *s, int64_t attempt_id,
			  struct rc_error *err)
{
	return rc_error_set(err, "%s: exam attempt %" PRId64 " cannot be read "
			    "(malformed columns: a newer rolecall or a hand edit "
			    "wrote it); fix it with sqlite3 or give --db another "
			    "file", s->path, attempt_id);
}

/* The lists of an exam question, joined as the log joins them. */
struct store_joined {
	char about[STORE_LIST_MAX];
	char shown[STORE_LIST_MAX];
	char choices[STORE_LIST_MAX];
};

static int store_join_record(struct store_joined *j,
			     const struct answer_record *rec)
{
	if (rec->n_about > BANK_MAX_OPTIONS || rec->n_shown > BANK_MAX_OPTIONS ||
	    rec->picked < -1 || rec->picked >= (int)rec->n_shown ||
	    !rec->bank_id || !rec->question_id)
		return -1;
	if (store_join_ids(j->about, rec->about, rec->n_about) < 0 ||
	    store_join_ids(j->shown, rec->shown_roles, rec->n_shown) < 0 ||
	    store_join_choices(j->choices, rec->shown_choices, rec->n_shown) < 0)
		return -1;
	return 0;
}

static int store_malformed_item(const struct store *s,
				const struct answer_record *rec,
				struct rc_error *err)
{
	return rc_error_set(err, "%s: cannot save the exam question '%s': its "
			    "options are malformed (a bug in rolecall; please "
			    "report it)", s->path,
			    rec->question_id ? rec->question_id : "?");
}

static int store_exam_item_add(struct store *s, int64_t attempt_id,
			       unsigned position, const struct answer_record *rec,
			       struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_EXAM_ITEM_ADD];
	struct store_joined j;
	int rc = SQLITE_OK;

	if (store_join_record(&j, rec) < 0)
		return store_malformed_item(s, rec, err);
	bind_i64(st, 1, attempt_id, &rc);
	bind_i64(st, 2, position, &rc);
	bind_text(st, 3, rec->bank_id, &rc);
	bind_text(st, 4, rec->question_id, &rc);
	bind_text(st, 5, rec->answer_role, &rc);
	bind_text(st, 6, j.about, &rc);
	bind_text(st, 7, j.shown, &rc);
	bind_text(st, 8, j.choices, &rc);
	bind_i64(st, 9, rec->picked, &rc);
	bind_text(st, 10, answer_record_picked_role(rec), &rc);
	bind_i64(st, 11, rec->correct != 0, &rc);
	return store_run(s, st, rc, "save the exam's questions", err);
}

static int store_exam_add(struct store *s, struct exam_attempt *a,
			  struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_EXAM_ADD];
	char seed[24];
	int rc = SQLITE_OK;

	/* SQLite integers are signed: a seed over INT64_MAX keeps its exact
	 * value as decimal text. */
	snprintf(seed, sizeof seed, "%" PRIu64, a->seed);
	bind_i64(st, 1, a->user_id, &rc);
	bind_i64(st, 2, a->started_at, &rc);
	bind_text(st, 3, seed, &rc);
	bind_i64(st, 4, a->count, &rc);
	bind_i64(st, 5, a->pass_mark, &rc);
	bind_i64(st, 6, a->time_limit, &rc);
	bind_text(st, 7, a->banks ? a->banks : "", &rc);
	if (store_run(s, st, rc, "save the exam attempt", err) < 0)
		return -1;
	a->id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int store_exam_begin(struct store *s, struct exam_attempt *a,
		     const struct answer_record *items, unsigned n,
		     struct rc_error *err)
{
	int rc;

	if (n != a->count)
		return rc_error_set(err, "%s: cannot save an exam of %u questions "
				    "with %u of them (a bug in rolecall; please "
				    "report it)", s->path, a->count, n);
	if (store_begin(s, SQL_BEGIN_WRITE, "start saving the exam", err) < 0)
		return -1;
	rc = store_exam_add(s, a, err);
	for (unsigned i = 0; rc == 0 && i < n; i++)
		rc = store_exam_item_add(s, a->id, i, &items[i], err);
	return store_finish(s, rc, "save the exam attempt", err);
}

/* Update one question's pick; it must exist and its attempt be open. */
static int store_exam_item_put(struct store *s, int64_t attempt_id,
			       unsigned position, const struct answer_record *rec,
			       struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_EXAM_ITEM_PUT];
	int rc = SQLITE_OK;

	if (rec->picked < -1 || rec->picked >= (int)rec->n_shown)
		return store_malformed_item(s, rec, err);
	bind_i64(st, 1, attempt_id, &rc);
	bind_i64(st, 2, position, &rc);
	bind_i64(st, 3, rec->picked, &rc);
	bind_text(st, 4, answer_record_picked_role(rec), &rc);
	bind_i64(st, 5, rec->correct != 0, &rc);
	if (store_run(s, st, rc, "save the exam answer", err) < 0)
		return -1;
	if (sqlite3_changes(s->db) != 1)
		return rc_error_set(err, "%s: exam attempt %" PRId64 " has no open "
				    "question %u (submitted already, or another "
				    "rolecall changed it)", s->path, attempt_id,
				    position + 1);
	return 0;
}

int store_exam_answer(struct store *s, int64_t attempt_id, unsigned position,
		      const struct answer_record *item, struct rc_error *err)
{
	int rc;

	if (store_begin(s, SQL_BEGIN_WRITE, "start saving the exam answer", err) < 0)
		return -1;
	rc = store_exam_item_put(s, attempt_id, position, item, err);
	return store_finish(s, rc, "save the exam answer", err);
}

static int store_exam_close(struct store *s, int64_t user_id,
			    const struct exam_attempt *a, unsigned n,
			    struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_EXAM_SUBMIT];
	int rc = SQLITE_OK;

	bind_i64(st, 1, a->id, &rc);
	bind_i64(st, 2, a->ended_at, &rc);
	bind_i64(st, 3, a->timed_out != 0, &rc);
	bind_i64(st, 4, a->correct, &rc);
	bind_i64(st, 5, user_id, &rc);
	bind_i64(st, 6, n, &rc);
	if (store_run(s, st, rc, "submit the exam", err) < 0)
		return -1;
	if (sqlite3_changes(s->db) != 1)
		return rc_error_set(err, "%s: exam attempt %" PRId64 " of %u "
				    "questions is not open for this profile "
				    "(submitted already?)", s->path, a->id, n);
	return 0;
}

static int store_exam_submit_locked(struct store *s, int64_t user_id,
				    const struct exam_attempt *a,
				    const struct answer_record *items, unsigned n,
				    const struct history *h, struct rc_error *err)
{
	/* The final answers first, while the attempt is open: they are right
	 * even if a save during the exam was lost. */
	for (unsigned i = 0; i < n; i++) {
		if (!items[i].question_id || items[i].mode != MODE_EXAM)
			return store_malformed_item(s, &items[i], err);
		if (store_exam_item_put(s, a->id, i, &items[i], err) < 0)
			return -1;
	}
	if (store_exam_close(s, user_id, a, n, err) < 0)
		return -1;
	for (unsigned i = 0; i < n; i++)
		if (store_record_locked(s, user_id, &items[i], h, err) < 0)
			return -1;
	return 0;
}

int store_exam_submit(struct store *s, const struct exam_attempt *a,
		      const struct answer_record *items, unsigned n,
		      const struct history *h, struct rc_error *err)
{
	int rc;

	if (store_begin(s, SQL_BEGIN_WRITE, "start submitting the exam", err) < 0)
		return -1;
	rc = store_exam_submit_locked(s, a->user_id, a, items, n, h, err);
	return store_finish(s, rc, "submit the exam", err);
}

/* ---- reading exams ---- */

static void store_bind_filter(sqlite3_stmt *st, const struct exam_filter *f,
			      int *rc)
{
	bind_i64(st, 1, f->user_id, rc);
	bind_i64(st, 2, f->attempt_id, rc);
	bind_i64(st, 3, f->since, rc);
	bind_i64(st, 4, f->submitted_only != 0, rc);
}

static int store_parse_u64(const char *text, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (!text || *text < '0' || *text > '9')
		return -1;
	errno = 0;
	v = strtoull(text, &end, 10);
	if (*end || errno)
		return -1;
	*out = v;
	return 0;
}

/* Counts and percentages are small and never negative; anything else
 * was not written by rolecall. */
static int store_col_small(sqlite3_stmt *st, int i, unsigned *out)
{
	int64_t v = sqlite3_column_int64(st, i);

	if (v < 0 || v > UINT_MAX)
		return -1;
	*out = (unsigned)v;
	return 0;
}

static int store_decode_attempt(sqlite3_stmt *st, struct exam_attempt *a)
{
	const char *status = col_text(st, 9);

	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(st, 0);
	a->user_id = sqlite3_column_int64(st, 1);
	a->user = col_text(st, 2);
	a->started_at = sqlite3_column_int64(st, 3);
	a->ended_at = sqlite3_column_int64(st, 4);
	a->banks = col_text(st, 12);
	a->timed_out = sqlite3_column_int64(st, 10) != 0;
	if (!a->user || !a->banks || !status ||
	    store_parse_u64(col_text(st, 5), &a->seed) < 0 ||
	    store_col_small(st, 6, &a->count) < 0 ||
	    store_col_small(st, 7, &a->pass_mark) < 0 ||
	    store_col_small(st, 8, &a->time_limit) < 0 ||
	    store_col_small(st, 11, &a->correct) < 0)
		return -1;
	if (!strcmp(status, "submitted"))
		a->submitted = 1;
	else if (strcmp(status, "open"))
		return -1;
	return 0;
}

struct store_attempts {
	int (*fn)(void *ctx, const struct exam_attempt *a);
	void *ctx;
};

static int store_attempt_row(struct store *s, sqlite3_stmt *st, void *ctx,
			     struct rc_error *err)
{
	const struct store_attempts *v = ctx;
	struct exam_attempt a;

	if (store_decode_attempt(st, &a) < 0)
		return store_bad_exam(s, sqlite3_column_int64(st, 0), err);
	return v->fn(v->ctx, &a) ? 1 : 0;
}

int store_each_attempt(struct store *s, const struct exam_filter *f,
		       int (*fn)(void *ctx, const struct exam_attempt *a),
		       void *ctx, struct rc_error *err)
{
	struct store_attempts v = { fn, ctx };
	sqlite3_stmt *st = s->stmt[SQL_EXAM_EACH];
	int rc = SQLITE_OK;

	store_bind_filter(st, f, &rc);
	return store_rows(s, st, rc, "read the exam attempts", store_attempt_row,
			  &v, err);
}

static int store_decode_item(sqlite3_stmt *st, struct exam_item_row *row,
			     struct store_lists *l)
{
	struct answer_record *rec = &row->rec;
	int64_t picked = sqlite3_column_int64(st, 8);
	int64_t position = sqlite3_column_int64(st, 1);

	memset(row, 0, sizeof *row);
	row->attempt_id = sqlite3_column_int64(st, 0);
	row->picked_role = col_text(st, 9);
	rec->bank_id = col_text(st, 2);
	rec->question_id = col_text(st, 3);
	rec->answer_role = col_text(st, 4);
	rec->correct = sqlite3_column_int64(st, 10) != 0;
	rec->mode = MODE_EXAM;
	if (!rec->bank_id || !rec->question_id || position < 0 ||
	    position > UINT_MAX || store_decode_lists(st, rec, l) < 0 ||
	    picked < -1 || picked >= (int64_t)rec->n_shown)
		return -1;
	row->position = (unsigned)position;
	rec->picked = (int)picked;
	return 0;
}

struct store_items {
	int (*fn)(void *ctx, const struct exam_item_row *row);
	void *ctx;
};

static int store_item_row(struct store *s, sqlite3_stmt *st, void *ctx,
			  struct rc_error *err)
{
	const struct store_items *v = ctx;
	struct store_lists lists;
	struct exam_item_row row;

	if (store_decode_item(st, &row, &lists) < 0)
		return store_bad_exam(s, sqlite3_column_int64(st, 0), err);
	return v->fn(v->ctx, &row) ? 1 : 0;
}

int store_each_exam_item(struct store *s, const struct exam_filter *f,
			 int (*fn)(void *ctx, const struct exam_item_row *row),
			 void *ctx, struct rc_error *err)
{
	struct store_items v = { fn, ctx };
	sqlite3_stmt *st = s->stmt[SQL_EXAM_ITEMS];
	int rc = SQLITE_OK;

	store_bind_filter(st, f, &rc);
	return store_rows(s, st, rc, "read the exam questions", store_item_row,
			  &v, err);
}

/* ---- trivia ---- */

static const char *const store_trivia_statuses[] = {
	[STORE_TRIVIA_LOBBY] = "lobby",
	[STORE_TRIVIA_RUNNING] = "running",
	[STORE_TRIVIA_DONE] = "done",
	[STORE_TRIVIA_ABANDONED] = "abandoned",
};

static const char *const store_trivia_phases[] = {
	[STORE_TRIVIA_WAIT] = "wait",
	[STORE_TRIVIA_QUESTION] = "question",
	[STORE_TRIVIA_REVEAL] = "reveal",
	[STORE_TRIVIA_BOARD] = "board",
	[STORE_TRIVIA_PODIUM] = "podium",
};

#define STORE_COUNT(a) ((int)(sizeof (a) / sizeof *(a)))

static int store_word_index(const char *const *words, int n, const char *text)
{
	for (int i = 0; text && i < n; i++)
		if (!strcmp(words[i], text))
			return i;
	return -1;
}

static int store_bad_trivia(const struct store *s, const char *what,
			    struct rc_error *err)
{
	return rc_error_set(err, "%s: cannot save the trivia game: %s (a bug in "
			    "rolecall; please report it)", s->path, what);
}

static int store_bad_game(const struct store *s, int64_t game_id,
			  struct rc_error *err)
{
	return rc_error_set(err, "%s: trivia game %" PRId64 " cannot be read "
			    "(malformed columns: a newer rolecall or a hand edit "
			    "wrote it); fix it with sqlite3 or give --db another "
			    "file", s->path, game_id);
}

/* Copy a text column into a fixed buffer; -1 when missing or too long. */
static int store_col_copy(sqlite3_stmt *st, int i, char *buf, size_t cap)
{
	const char *text = col_text(st, i);
	int len = sqlite3_column_bytes(st, i);

	if (!text || len < 0 || (size_t)len >= cap)
		return -1;
	memcpy(buf, text, (size_t)len + 1);
	return 0;
}

static int store_decode_game(sqlite3_stmt *st, struct store_trivia_game *g)
{
	const char *kind = col_text(st, 2);
	int status = store_word_index(store_trivia_statuses,
				      STORE_COUNT(store_trivia_statuses), col_text(st, 7));
	int phase = store_word_index(store_trivia_phases,
				     STORE_COUNT(store_trivia_phases), col_text(st, 8));

	memset(g, 0, sizeof *g);
	g->id = sqlite3_column_int64(st, 0);
	if (store_col_copy(st, 1, g->code, sizeof g->code) < 0 ||
	    store_col_copy(st, 3, g->host_user, sizeof g->host_user) < 0 || !kind ||
	    (strcmp(kind, "hosted") && strcmp(kind, "hotseat")) || status < 0 ||
	    phase < 0 || store_parse_u64(col_text(st, 9), &g->seed) < 0 ||
	    store_col_small(st, 10, &g->rounds) < 0 ||
	    store_col_small(st, 12, &g->points) < 0 ||
	    store_col_small(st, 18, &g->current_round) < 0)
		return -1;
	g->hosted = !strcmp(kind, "hosted");
	g->created_at = sqlite3_column_int64(st, 4);
	g->started_at = sqlite3_column_int64(st, 5);
	g->ended_at = sqlite3_column_int64(st, 6);
	g->status = (enum store_trivia_status)status;
	g->phase = (enum store_trivia_phase)phase;
	g->time_limit_ms = sqlite3_column_int64(st, 11);
	g->speed = sqlite3_column_int64(st, 13) != 0;
	g->streak = sqlite3_column_int64(st, 14) != 0;
	g->teams = sqlite3_column_int64(st, 15) != 0;
	g->banks = col_text(st, 16);
	g->bank_files = col_text(st, 17);
	g->round_started_at_ms = sqlite3_column_int64(st, 19);
	g->host_seen_ms = sqlite3_column_int64(st, 20);
	return g->banks && g->bank_files ? 0 : -1;
}

static int store_decode_player(sqlite3_stmt *st, struct store_trivia_player *p)
{
	int64_t picked = sqlite3_column_int64(st, 9);

	memset(p, 0, sizeof *p);
	if (store_col_copy(st, 0, p->name, sizeof p->name) < 0 ||
	    store_col_small(st, 1, &p->seat) < 0 ||
	    store_col_small(st, 6, &p->right) < 0 ||
	    store_col_small(st, 7, &p->streak) < 0)
		return -1;
	p->joined_at = sqlite3_column_int64(st, 2);
	p->last_seen_ms = sqlite3_column_int64(st, 3);
	p->absent = sqlite3_column_int64(st, 4) != 0;
	p->score = sqlite3_column_int64(st, 5);
	p->time_ms = sqlite3_column_int64(st, 8);
	p->answered = sqlite3_column_type(st, 9) != SQLITE_NULL;
	p->picked = -1;
	p->points = -1;
	if (!p->answered)
		return 0;
	if (picked < -1 || picked >= BANK_MAX_OPTIONS)
		return -1;
	p->picked = (int)picked;
	p->correct = sqlite3_column_int64(st, 10) != 0;
	p->elapsed_ms = sqlite3_column_int64(st, 11);
	if (sqlite3_column_type(st, 12) != SQLITE_NULL)
		p->points = (int)sqlite3_column_int64(st, 12);
	return 0;
}

static void store_bind_game_filter(sqlite3_stmt *st,
				   const struct store_trivia_filter *f, int *rc)
{
	bind_i64(st, 1, f->game_id, rc);
	bind_text(st, 2, f->code, rc);
	bind_i64(st, 3, f->since, rc);
	bind_i64(st, 4, f->finished_only != 0, rc);
}

/* ---- trivia: creating and joining ---- */

/* 1 when the first row of a bound query exists, 0 when not, -1 on error. */
static int store_exists(const struct store *s, sqlite3_stmt *st, int rc,
			const char *doing, struct rc_error *err)
{
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	store_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_fail(s, rc, doing, err);
}

static int store_trivia_game_add(struct store *s, struct store_trivia_game *g,
				 int64_t now_ms, struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_TRIVIA_GAME_ADD];
	char seed[24];
	int rc = SQLITE_OK;

	snprintf(seed, sizeof seed, "%" PRIu64, g->seed);
	bind_text(st, 1, g->code, &rc);
	bind_text(st, 2, g->hosted ? "hosted" : "hotseat", &rc);
	bind_text(st, 3, g->host_user, &rc);
	bind_i64(st, 4, g->created_at, &rc);
	bind_text(st, 5, store_trivia_statuses[g->hosted ? STORE_TRIVIA_LOBBY :
					       STORE_TRIVIA_RUNNING], &rc);
	bind_text(st, 6, seed, &rc);
	bind_i64(st, 7, g->rounds, &rc);
	bind_i64(st, 8, g->time_limit_ms, &rc);
	bind_i64(st, 9, g->points, &rc);
	bind_i64(st, 10, g->speed != 0, &rc);
	bind_i64(st, 11, g->streak != 0, &rc);
	bind_i64(st, 12, g->teams != 0, &rc);
	bind_text(st, 13, g->banks ? g->banks : "", &rc);
	bind_text(st, 14, g->bank_files ? g->bank_files : "", &rc);
	bind_i64(st, 15, now_ms, &rc);
	if (store_run(s, st, rc, "save the trivia game", err) < 0)
		return -1;
	g->id = sqlite3_last_insert_rowid(s->db);
	g->status = g->hosted ? STORE_TRIVIA_LOBBY : STORE_TRIVIA_RUNNING;
	g->phase = STORE_TRIVIA_WAIT;
	return 0;
}

static int store_trivia_round_add(struct store *s, int64_t game_id,
				  const struct store_trivia_round *r,
				  struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_TRIVIA_ROUND_ADD];
	char choices[STORE_LIST_MAX];
	int rc = SQLITE_OK;

	if (!r->bank_id || !r->question_id || r->n_shown < 1 ||
	    r->n_shown > BANK_MAX_OPTIONS ||
	    store_join_choices(choices, r->shown_choices, r->n_shown) < 0)
		return store_bad_trivia(s, "a question is malformed", err);
	bind_i64(st, 1, game_id, &rc);
	bind_i64(st, 2, r->round, &rc);
	bind_text(st, 3, r->bank_id, &rc);
	bind_text(st, 4, r->question_id, &rc);
	bind_text(st, 5, choices, &rc);
	return store_run(s, st, rc, "save the trivia questions", err);
}

static int store_trivia_player_add(struct store *s, int64_t game_id,
				   const char *name, int64_t now, int64_t now_ms,
				   struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_TRIVIA_PLAYER_ADD];
	int rc = SQLITE_OK;

	if (!name || !*name || strlen(name) > STORE_TRIVIA_NAME_MAX)
		return store_bad_trivia(s, "a player's name is empty or too long", err);
	bind_i64(st, 1, game_id, &rc);
	bind_text(st, 2, name, &rc);
	bind_i64(st, 3, now, &rc);
	bind_i64(st, 4, now_ms, &rc);
	return store_run(s, st, rc, "save the trivia player", err);
}

/* 1 when the code is taken, 0 when free, -1 on error. */
static int store_trivia_code_taken(struct store *s, const char *code,
				   struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_TRIVIA_CODE_FIND];
	int rc = SQLITE_OK;

	bind_text(st, 1, code, &rc);
	return store_exists(s, st, rc, "look up the game code", err);
}

static int store_trivia_create_locked(struct store *s, struct store_trivia_game *g,
				      const struct store_trivia_round *rounds,
				      const char *const *players, unsigned n_players,
				      int64_t now_ms, struct rc_error *err)
{
	int taken = store_trivia_code_taken(s, g->code, err);

	if (taken != 0)
		return taken;
	if (store_trivia_game_add(s, g, now_ms, err) < 0)
		return -1;
	for (unsigned i = 0; i < g->rounds; i++)
		if (store_trivia_round_add(s, g->id, &rounds[i], err) < 0)
			return -1;
	for (unsigned i = 0; i < n_players; i++)
		if (store_trivia_player_add(s, g->id, players[i], g->created_at, now_ms,
					    err) < 0)
			return -1;
	return 0;
}

int store_trivia_create(struct store *s, struct store_trivia_game *g,
			const struct store_trivia_round *rounds,
			const char *const *players, unsigned n_players,
			int64_t now_ms, struct rc_error *err)
{
	int rc;

	if (!g->code[0] || !g->rounds || n_players > STORE_TRIVIA_MAX_PLAYERS)
		return store_bad_trivia(s, "no code, no questions or too many players",
					err);
	if (store_begin(s, SQL_BEGIN_WRITE, "start saving the trivia game", err) < 0)
		return -1;
	rc = store_trivia_create_locked(s, g, rounds, players, n_players, now_ms, err);
	if (rc == 1) {
		/* nothing was written: the empty transaction just ends */
		return store_finish(s, 0, "save the trivia game", err) < 0 ? -1 : 1;
	}
	return store_finish(s, rc, "save the trivia game", err);
}

/* What store_trivia_join needs to know about a game and a name. */
struct store_join_look {
	int found;          /* the game exists */
	int status;
	unsigned players;
	int known;          /* the name is a player of it */
	int absent;
	int64_t last_seen_ms;
};

static int store_join_row(struct store *s, sqlite3_stmt *st, void *ctx,
			  struct rc_error *err)
{
	struct store_join_look *l = ctx;

	(void)s;
	(void)err;
	l->found = 1;
	l->status = store_word_index(store_trivia_statuses,
				     STORE_COUNT(store_trivia_statuses), col_text(st, 0));
	l->players = col_u32(st, 1);
	l->known = sqlite3_column_type(st, 2) != SQLITE_NULL;
	l->absent = sqlite3_column_int64(st, 2) != 0;
	l->last_seen_ms = sqlite3_column_int64(st, 3);
	return 1;
}

static int store_trivia_join_locked(struct store *s, int64_t game_id,
				    const char *name, int64_t now, int64_t now_ms,
				    int64_t stale_ms, struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_TRIVIA_PLAYER_GET];
	struct store_join_look l = { 0 };
	int rc = SQLITE_OK;

	bind_i64(st, 1, game_id, &rc);
	bind_text(st, 2, name, &rc);
	if (store_rows(s, st, rc, "look up the trivia game", store_join_row, &l,
		       err) < 0)
		return -1;
	if (!l.found)
		return rc_error_set(err, "%s: there is no trivia game %" PRId64,
				    s->path, game_id);
	if (l.status == STORE_TRIVIA_DONE || l.status == STORE_TRIVIA_ABANDONED)
		return STORE_TRIVIA_OVER;
	if (l.known) {
		if (!l.absent && l.last_seen_ms >= now_ms - stale_ms)
			return STORE_TRIVIA_NAME_TAKEN;
		st = s->stmt[SQL_TRIVIA_REJOIN];
		rc = SQLITE_OK;
		bind_i64(st, 1, game_id, &rc);
		bind_text(st, 2, name, &rc);
		bind_i64(st, 3, now_ms, &rc);
		return store_run(s, st, rc, "rejoin the trivia game", err) < 0 ? -1 :
		       STORE_TRIVIA_REJOINED;
	}
	if (l.players >= STORE_TRIVIA_MAX_PLAYERS)
		return STORE_TRIVIA_FULL;
	return store_trivia_player_add(s, game_id, name, now, now_ms, err) < 0 ? -1 :
	       STORE_TRIVIA_JOINED;
}

int store_trivia_join(struct store *s, int64_t game_id, const char *name,
		      int64_t now, int64_t now_ms, int64_t stale_ms,
		      struct rc_error *err)
{
	int rc;

	if (!name || !*name || strlen(name) > STORE_TRIVIA_NAME_MAX)
		return store_bad_trivia(s, "a player's name is empty or too long", err);
	if (store_begin(s, SQL_BEGIN_WRITE, "start joining the trivia game", err) < 0)
		return -1;
	rc = store_trivia_join_locked(s, game_id, name, now, now_ms, stale_ms, err);
	if (store_finish(s, rc < 0 ? -1 : 0, "join the trivia game", err) < 0)
		return -1;
	return rc;
}

/* ---- trivia: playing ---- */

/* Run one UPDATE on (game, name) with a value; its own transaction. */
static int store_trivia_update(struct store *s, enum store_sql which,
			       int64_t game_id, const char *name, int64_t v,
			       const char *doing, struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[which];
	int rc = SQLITE_OK;

	bind_i64(st, 1, game_id, &rc);
	if (name) {
		bind_text(st, 2, name, &rc);
		bind_i64(st, 3, v, &rc);
	} else {
		bind_i64(st, 2, v, &rc);
	}
	return store_run(s, st, rc, doing, err);
}

int store_trivia_seen(struct store *s, int64_t game_id, const char *name,
		      int64_t now_ms, struct rc_error *err)
{
	return store_trivia_update(s, name ? SQL_TRIVIA_SEEN : SQL_TRIVIA_HOST_SEEN,
				   game_id, name, now_ms, "save the heartbeat", err);
}

int store_trivia_leave(struct store *s, int64_t game_id, const char *name,
		       struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_TRIVIA_LEAVE];
	int rc = SQLITE_OK;

	bind_i64(st, 1, game_id, &rc);
	bind_text(st, 2, name, &rc);
	return store_run(s, st, rc, "leave the trivia game", err);
}

int store_trivia_mark_absent(struct store *s, int64_t game_id, int64_t before_ms,
			     struct rc_error *err)
{
	return store_trivia_update(s, SQL_TRIVIA_MARK_ABSENT, game_id, NULL,
				   before_ms, "mark silent players absent", err);
}

static int store_trivia_phase_put(struct store *s, int64_t game_id,
				  enum store_trivia_status status,
				  enum store_trivia_phase phase, unsigned round,
				  int64_t start_ms, int64_t now, struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_TRIVIA_PHASE];
	int rc = SQLITE_OK;

	if ((int)status < 0 || status >= STORE_COUNT(store_trivia_statuses) ||
	    (int)phase < 0 || phase >= STORE_COUNT(store_trivia_phases))
		return store_bad_trivia(s, "unknown status or phase", err);
	bind_i64(st, 1, game_id, &rc);
	bind_text(st, 2, store_trivia_statuses[status], &rc);
	bind_text(st, 3, store_trivia_phases[phase], &rc);
	bind_i64(st, 4, round, &rc);
	bind_i64(st, 5, start_ms, &rc);
	bind_i64(st, 6, now, &rc);
	if (store_run(s, st, rc, "move the trivia game on", err) < 0)
		return -1;
	return sqlite3_changes(s->db) == 1 ? 0 : 1;
}

int store_trivia_set_phase(struct store *s, int64_t game_id,
			   enum store_trivia_status status,
			   enum store_trivia_phase phase, unsigned round,
			   int64_t round_started_at_ms, int64_t now,
			   struct rc_error *err)
{
	return store_trivia_phase_put(s, game_id, status, phase, round,
				      round_started_at_ms, now, err);
}

static int store_trivia_answer_locked(struct store *s, int64_t game_id,
				      unsigned round, const char *player,
				      int picked, int correct, int64_t elapsed_ms,
				      int64_t now_ms, struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[SQL_TRIVIA_ANSWER_ADD];
	int rc = SQLITE_OK;

	bind_i64(st, 1, game_id, &rc);
	bind_i64(st, 2, round, &rc);
	bind_text(st, 3, player, &rc);
	bind_i64(st, 4, picked, &rc);
	bind_i64(st, 5, correct != 0, &rc);
	bind_i64(st, 6, elapsed_ms, &rc);
	bind_i64(st, 7, now_ms, &rc);
	if (store_run(s, st, rc, "save the trivia answer", err) < 0)
		return -1;
	return sqlite3_changes(s->db) == 1 ? 0 : 1;
}

int store_trivia_answer(struct store *s, int64_t game_id, unsigned round,
			const char *player, int picked, int correct,
			int64_t elapsed_ms, int64_t now_ms,
			const struct answer_record *rec, int64_t user_id,
			const struct history *h, struct rc_error *err)
{
	int rc;

	if (!player || picked < -1 || picked >= BANK_MAX_OPTIONS || elapsed_ms < 0 ||
	    (rec && (!rec->question_id || rec->mode != MODE_TRIVIA || !h)))
		return store_bad_trivia(s, "the answer is malformed", err);
	if (store_begin(s, SQL_BEGIN_WRITE, "start saving the trivia answer", err) < 0)
		return -1;
	rc = store_trivia_answer_locked(s, game_id, round, player, picked, correct,
					elapsed_ms, now_ms, err);
	if (rc == 0 && rec)
		rc = store_record_locked(s, user_id, rec, h, err);
	if (store_finish(s, rc < 0 ? -1 : 0, "save the trivia answer", err) < 0)
		return -1;
	return rc;
}

/* ---- trivia: reading and scoring ---- */

struct store_game_look {
	struct store_trivia_game *g;
	int found, bad;
};

static int store_game_row(struct store *s, sqlite3_stmt *st, void *ctx,
			  struct rc_error *err)
{
	struct store_game_look *l = ctx;

	if (store_decode_game(st, l->g) < 0)
		return store_bad_game(s, sqlite3_column_int64(st, 0), err);
	/* the strings die with the row */
	l->g->banks = NULL;
	l->g->bank_files = NULL;
	l->found = 1;
	return 1;
}

static int store_player_row(struct store *s, sqlite3_stmt *st, void *ctx,
			    struct rc_error *err)
{
	struct store_trivia_state *ts = ctx;

	if (ts->n_players == STORE_TRIVIA_MAX_PLAYERS)
		return 1; /* more than a join lets in: a hand edit; show the first */
	if (store_decode_player(st, &ts->players[ts->n_players]) < 0)
		return store_bad_game(s, ts->game.id, err);
	ts->n_players++;
	return 0;
}

/* The game and its players with their answers to `round`, inside the
 * caller's transaction; 1 when there is no such game. */
static int store_trivia_read(struct store *s, int64_t game_id, unsigned round,
			     struct store_trivia_state *ts, struct rc_error *err)
{
	struct store_trivia_filter f = { game_id, NULL, INT64_MIN, 0 };
	struct store_game_look l = { &ts->game, 0, 0 };
	sqlite3_stmt *st = s->stmt[SQL_TRIVIA_GAMES];
	int rc = SQLITE_OK;

	memset(ts, 0, sizeof *ts);
	store_bind_game_filter(st, &f, &rc);
	if (store_rows(s, st, rc, "read the trivia game", store_game_row, &l, err) < 0)
		return -1;
	if (!l.found)
		return 1;
	st = s->stmt[SQL_TRIVIA_PLAYERS];
	rc = SQLITE_OK;
	bind_i64(st, 1, game_id, &rc);
	bind_i64(st, 2, round, &rc);
	return store_rows(s, st, rc, "read the trivia players", store_player_row, ts,
			  err);
}

int store_trivia_state(struct store *s, int64_t game_id, unsigned round,
		       struct store_trivia_state *st, struct rc_error *err)
{
	int rc;

	/* One snapshot: the phase and the answers agree. */
	if (store_begin(s, SQL_BEGIN_READ, "start reading the trivia game", err) < 0)
		return -1;
	rc = store_trivia_read(s, game_id, round, st, err);
	if (store_finish(s, rc < 0 ? -1 : 0, "read the trivia game", err) < 0)
		return -1;
	return rc;
}

static int store_trivia_score_put(struct store *s, int64_t game_id,
				  unsigned round, const struct store_trivia_player *p,
				  int64_t now_ms, struct rc_error *err)
{
	sqlite3_stmt *st = s->stmt[p->answered ? SQL_TRIVIA_ANSWER_POINTS :
				   SQL_TRIVIA_ANSWER_MISS];
	int rc = SQLITE_OK;

	bind_i64(st, 1, game_id, &rc);
	bind_i64(st, 2, round, &rc);
	bind_text(st, 3, p->name, &rc);
	if (p->answered) {
		bind_i64(st, 4, p->points < 0 ? 0 : p->points, &rc);
	} else {
		bind_i64(st, 4, p->elapsed_ms, &rc);
		bind_i64(st, 5, now_ms, &rc);
	}
	if (store_run(s, st, rc, "save the round's points", err) < 0)
		return -1;
	st = s->stmt[SQL_TRIVIA_PLAYER_SCORE];
	rc = SQLITE_OK;
	bind_i64(st, 1, game_id, &rc);
	bind_text(st, 2, p->name, &rc);
	bind_i64(st, 3, p->score, &rc);
	bind_i64(st, 4, p->right, &rc);
	bind_i64(st, 5, p->streak, &rc);
	bind_i64(st, 6, p->time_ms, &rc);
	return store_run(s, st, rc, "save the player's score", err);
}

static int store_trivia_close_locked(struct store *s, int64_t game_id,
				     unsigned round, struct store_trivia_state *ts,
				     int (*score)(void *ctx,
						  struct store_trivia_state *st,
						  struct rc_error *err),
				     void *ctx, struct rc_error *err)
{
	struct store_trivia_game *g = &ts->game;
	int64_t end_ms;
	int rc = store_trivia_read(s, game_id, round, ts, err);

	if (rc != 0)
		return rc;
	if (g->status != STORE_TRIVIA_RUNNING || g->phase != STORE_TRIVIA_QUESTION ||
	    g->current_round != round)
		return 1;
	if (score(ctx, ts, err) < 0)
		return -1;
	/* A missing answer is dated when the round's time ran out. */
	end_ms = g->round_started_at_ms + g->time_limit_ms;
	for (unsigned i = 0; i < ts->n_players; i++)
		if (store_trivia_score_put(s, game_id, round, &ts->players[i], end_ms,
					   err) < 0)
			return -1;
	/* The status was checked above, in this transaction: it cannot be
	 * over by now. */
	if (store_trivia_phase_put(s, game_id, STORE_TRIVIA_RUNNING,
				   STORE_TRIVIA_REVEAL, round, g->round_started_at_ms,
				   g->started_at, err) < 0)
		return -1;
	g->phase = STORE_TRIVIA_REVEAL;
	for (unsigned i = 0; i < ts->n_players; i++)
		ts->players[i].answered = 1;
	return 0;
}

int store_trivia_close_round(struct store *s, int64_t game_id, unsigned round,
			     struct store_trivia_state *st,
			     int (*score)(void *ctx, struct store_trivia_state *st,
					  struct rc_error *err),
			     void *ctx, struct rc_error *err)
{
	int rc;

	if (store_begin(s, SQL_BEGIN_WRITE, "start scoring the round", err) < 0)
		return -1;
	rc = store_trivia_close_locked(s, game_id, round, st, score, ctx, err);
	if (store_finish(s, rc < 0 ? -1 : 0, "score the round", err) < 0)
		return -1;
	return rc;
}

struct store_games {
	int (*fn)(void *ctx, const struct store_trivia_game *g);
	void *ctx;
};

static int store_games_row(struct store *s, sqlite3_stmt *st, void *ctx,
			   struct rc_error *err)
{
	const struct store_games *v = ctx;
	struct store_trivia_game g;

	if (store_decode_game(st, &g) < 0)
		return store_bad_game(s, sqlite3_column_int64(st, 0), err);
	return v->fn(v->ctx, &g) ? 1 : 0;
}

int store_trivia_each_game(struct store *s, const struct store_trivia_filter *f,
			   int (*fn)(void *ctx, const struct store_trivia_game *g),
			   void *ctx, struct rc_error *err)
{
	struct store_games v = { fn, ctx };
	sqlite3_stmt *st = s->stmt[SQL_TRIVIA_GAMES];
	int rc = SQLITE_OK;

	store_bind_game_filter(st, f, &rc);
	return store_rows(s, st, rc, "read the trivia games", store_games_row, &v,
			  err);
}

struct store_rounds {
	int (*fn)(void *ctx, const struct store_trivia_round *r);
	void *ctx;
	int64_t game_id;
};

static int store_decode_round(sqlite3_stmt *st, struct store_trivia_round *r,
			      char *choices)
{
	char *parts[BANK_MAX_OPTIONS];
	int n;

	memset(r, 0, sizeof *r);
	r->bank_id = col_text(st, 1);
	r->question_id = col_text(st, 2);
	if (store_col_small(st, 0, &r->round) < 0 || !r->bank_id || !r->question_id ||
	    store_copy_col(st, 3, choices) < 0 ||
	    (n = store_split(choices, parts, 1)) < 1)
		return -1;
	r->n_shown = (unsigned)n;
	for (int i = 0; i < n; i++)
		if (store_parse_uint(parts[i], &r->shown_choices[i]) < 0)
			return -1;
	return 0;
}

static int store_rounds_row(struct store *s, sqlite3_stmt *st, void *ctx,
			    struct rc_error *err)
{
	const struct store_rounds *v = ctx;
	struct store_trivia_round r;
	char choices[STORE_LIST_MAX];

	if (store_decode_round(st, &r, choices) < 0)
		return store_bad_game(s, v->game_id, err);
	return v->fn(v->ctx, &r) ? 1 : 0;
}

int store_trivia_each_round(struct store *s, int64_t game_id,
			    int (*fn)(void *ctx, const struct store_trivia_round *r),
			    void *ctx, struct rc_error *err)
{
	struct store_rounds v = { fn, ctx, game_id };
	sqlite3_stmt *st = s->stmt[SQL_TRIVIA_ROUNDS];
	int rc = SQLITE_OK;

	bind_i64(st, 1, game_id, &rc);
	return store_rows(s, st, rc, "read the trivia questions", store_rounds_row,
			  &v, err);
}
