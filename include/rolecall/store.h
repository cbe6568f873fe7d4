/*
 * store — persistence: profiles, the append-only answer log, and the state
 * derived from it, in SQLite (a file: the default) or, through the same
 * calls, another backend (src/store/store_backend.h; the --db target
 * chooses).
 *
 * The answer log is the source of truth.  Per-question scheduling state,
 * role tallies and confusion counts are derived (struct history) and kept
 * in their own tables so that loading a person's history costs what their
 * number of questions costs, not their number of answers.
 *
 * Durability: every answer committed in its own transaction before
 * store_record returns (SQLite: WAL mode, synchronous=FULL, a busy
 * timeout): an answer reported as recorded survives kill -9.
 *
 * Ownership: a struct store owns its connection; store_close(NULL) is
 * safe.  Strings passed in are borrowed for the call.  Errors come back in
 * the struct rc_error, naming the database file.
 */
#ifndef ROLECALL_STORE_H
#define ROLECALL_STORE_H

#include <stdint.h>
#include <stdio.h>

#include "rolecall/diag.h"
#include "rolecall/history.h"

#define STORE_SCHEMA_VERSION 5
#define STORE_BUSY_TIMEOUT_MS 5000
/* The latest time the store keeps (9999-12-31 23:59:59 UTC, unix seconds):
 * a time read back outside 0..STORE_TIME_MAX is a bad row, and the clock
 * (ROLECALL_FAKE_NOW) is refused beyond it, so that adding days or
 * milliseconds to a time never overflows. */
#define STORE_TIME_MAX INT64_C(253402300799)

struct store;

/* What the store tells the user while it waits for a server that went
 * away ("... trying again in 2 s"): one line, no newline. */
typedef void (*store_notice_fn)(void *ctx, const char *line);

/* Open a database: a file path (SQLite), or a PostgreSQL URI
 * (postgresql://, postgres://) or libpq "key=value" string.  A file is
 * created 0600 (missing folders 0700) and migrated forward; a server's
 * schema must exist already (store_init).  A database from a newer
 * rolecall is refused, never rewritten; a corrupt one is refused and left
 * untouched. */
int store_open(const char *path, struct store **out, struct rc_error *err);
/* Open a database to read it (stats, report, export): a file must exist
 * ("no such database" otherwise), and neither it nor its folders are
 * created; one this user can read but not write is opened read-only, and
 * then every write fails.  A server target is opened as store_open does. */
int store_open_existing(const char *path, struct store **out, struct rc_error *err);
/* Copy every profile, the answer log, exam attempts and trivia games from
 * one store to another (a file and a server, either way), ids kept, into a
 * destination without profiles; then rebuild the destination's derived
 * state and check it equal to the source's.  *rows: the rows copied. */
int store_copy(struct store *from, struct store *to, unsigned long *rows,
	       struct rc_error *err);
/* `rolecall backup FILE`: a consistent copy of the whole database in one
 * new file (SQLite's VACUUM INTO; from a server, store_copy into it and
 * its WAL folded in), which can be copied alone.  Refused when path
 * exists. */
int store_backup(struct store *s, const char *path, struct rc_error *err);
/* 1 when target names a file (SQLite), 0 when a server (a URI or a
 * libpq "key=value" string). */
int store_target_is_file(const char *target);
/* Create or migrate the schema of target, as `rolecall db init` does;
 * *backend gets the backend's name ("SQLite", "PostgreSQL"), *version
 * the schema version it leaves. */
int store_init(const char *target, const char **backend, int *version,
	       struct rc_error *err);
void store_close(struct store *s);
/* How far the store's clock is ahead of local_ms (unix milliseconds):
 * on a server, what a process adds to its own clock so that every machine
 * of a trivia game counts from the server's; 0 for a file. */
int store_clock_offset(struct store *s, int64_t (*local_ms)(void), int64_t *offset,
		       struct rc_error *err);
/* `rolecall db grant`: make the database role name (created when
 * missing) a learner or a manager of a shared database, setting up the
 * group roles and row-level security on the way; the owner runs it. */
int store_grant(struct store *s, int manager, const char *name, struct rc_error *err);
/* 1 when the store binds profiles to database logins (after db grant):
 * login gets the session's, *manager whether it may act for another
 * profile; 0 when it does not (a file, or a shared role); -1 on error. */
int store_login(struct store *s, char *login, size_t len, int *manager,
		struct rc_error *err);
/* Who hears the notices (NULL: nobody). */
void store_set_notice(struct store *s, store_notice_fn fn, void *ctx);
/* Save, with the answers, the name cat gives each role they mention
 * (once a run per role while one profile answers; again when another
 * profile's answers come between), so that stats of a bank no longer
 * loaded still name its roles.  cat is borrowed: it outlives s, or is
 * replaced first.  NULL: no names are saved. */
void store_set_role_names(struct store *s, const struct catalog *cat);
/* Save, in one write, the name cat gives each role of h (the profile's
 * history, just loaded) that has none saved or another: roles answered
 * before names were saved, or renamed by their bank since.  Nothing is
 * written when every name is saved already. */
int store_name_roles(struct store *s, int64_t user_id, struct history *h,
		     struct rc_error *err);
/* Call fn with each role name saved with user_id's answers, or with every
 * profile's that this login may read when user_id is 0 (profile by
 * profile); fn returns non-zero to stop.  For reports of attempts at a
 * bank no longer loaded. */
int store_each_role_name(struct store *s, int64_t user_id,
			 int (*fn)(void *ctx, const char *role, const char *name),
			 void *ctx, struct rc_error *err);
const char *store_path(const struct store *s);

/* The id of a profile, created on first use. */
int store_user(struct store *s, const char *name, int64_t *user_id,
	       struct rc_error *err);

/* Look a profile up without creating it: 1 and its id when it exists, 0
 * when it does not, -1 on error.  For reports, which must not add the
 * people they ask about. */
int store_find_user(struct store *s, const char *name, int64_t *user_id,
		    struct rc_error *err);

/* One profile as store_each_profile reads it; name lives until fn
 * returns. */
struct store_profile {
	int64_t id;
	const char *name;
	uint64_t answers;   /* in the log */
	uint64_t attempts;  /* exam attempts begun */
	int64_t first;      /* the first answer or exam attempt (unix seconds); -1: none */
	int64_t last;       /* the last answer, attempt begun or submitted; -1: none */
};

/* Call fn for each profile this session may read, by id: every profile,
 * except that on a database that binds profiles to logins a learner reads
 * only their own (the database's row-level security decides).  fn returns
 * nonzero to stop and must not call back into the store. */
int store_each_profile(struct store *s, int (*fn)(void *ctx, const struct store_profile *p),
		       void *ctx, struct rc_error *err);

/* The people a cohort covers who may have no profile yet: on a database
 * that binds profiles to logins (store_login), fn gets each login granted
 * learner, in byte order of their names (a manager: all of them; a learner:
 * only themself), and it returns 1.  It returns 0, calling fn for no one,
 * where there are no logins (a file, or a shared database nobody ran
 * 'db grant' on): there the profiles are the cohort.  -1 on error. */
int store_each_learner(struct store *s, int (*fn)(void *ctx, const char *name),
		       void *ctx, struct rc_error *err);

/* Load a user's derived state into h (which should be empty). */
int store_load_history(struct store *s, int64_t user_id, struct history *h,
		       struct rc_error *err);

/* Append rec to the log and save what it changed in h, in one transaction.
 * h must already have rec applied (history_apply).  When another process
 * recorded answers for the profile since h was loaded, h is first loaded
 * again, under the write lock, and rec applied to it anew (with
 * HISTORY_SLOW_MS, as every front end applies answers).  Returns 0 only
 * once the transaction is committed. */
int store_record(struct store *s, int64_t user_id,
		 const struct answer_record *rec, struct history *h,
		 struct rc_error *err);

/* Recompute every user's derived state from the log, in one transaction. */
int store_rebuild(struct store *s, int64_t slow_ms, struct rc_error *err);

/* One row of the answer log, as read back.  Strings live until the next
 * callback returns. */
struct log_row {
	int64_t id;
	const char *user;
	struct answer_record rec;
	const char *picked_role;
};

/* Call fn for each logged answer of a user (all users when user_id is 0),
 * oldest first.  fn returns nonzero to stop.  fn must not call back into
 * the store: the query it comes from is still running. */
int store_each_answer(struct store *s, int64_t user_id,
		      int (*fn)(void *ctx, const struct log_row *row), void *ctx,
		      struct rc_error *err);

/* Accuracy per day over the last `days` days ending at `now`: answers[i]
 * and correct[i] for day i (0 = oldest), day i being
 * [now - (days - i) * 86400, now - (days - i - 1) * 86400); an answer given
 * at `now` itself counts in the last day.  All users when user_id is 0. */
int store_daily(struct store *s, int64_t user_id, int64_t now, unsigned days,
		uint32_t *answers, uint32_t *correct, struct rc_error *err);

/* SQLite's full integrity check of the file ("PRAGMA integrity_check"):
 * 0 when it is sound.  Reads the whole file; for a doctor command and
 * tests, not for every start. */
int store_check_integrity(struct store *s, struct rc_error *err);

/* Write every row of the derived tables and the profiles' totals to out,
 * one "table|column|..." line each, in primary key order, reals exact
 * (%.17g): two databases with the same derived state give the same text.
 * For checking store_rebuild and for diagnosis. */
int store_dump_derived(struct store *s, FILE *out, struct rc_error *err);

/* Exams and trivia, the store's other two subsystems. */
#include "rolecall/store_exam.h"
#include "rolecall/store_trivia.h"

#endif
