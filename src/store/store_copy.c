/*
 * store_copy — `rolecall db copy FROM TO`: what a person or a team has
 * recorded, moved between a file and a server (either way), table by
 * table with the ids kept, so that exam attempt numbers, certificates and
 * game codes stay what they were.  Derived state is not copied: it is
 * rebuilt from the log at the destination and checked equal to the
 * source's.  Role names are copied: the log holds only ids.
 *
 * The column lists are SQLite's schema, which the PostgreSQL one mirrors;
 * "$1, $2, ..." placeholders read the same to both (SQLite numbers "$N"
 * parameters in order of appearance).
 */
#include "store_backend.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store_errors.h"
#include "store_impl.h"

struct store_table {
	const char *name;
	const char *columns;
	unsigned n;
	const char *order;
};

/* Parents before children, as the foreign keys need. */
static const struct store_table store_tables[] = {
	{ "users", "id, name, created_at, answers, correct", 5, "id" },
	{ "answers", "id, user_id, bank_id, question_id, answer_role, about_roles,"
	  " shown_roles, shown_choices, picked, picked_role, correct, elapsed_ms,"
	  " answered_at, mode", 14, "id" },
	{ "role_names", "user_id, role_id, name", 3, "user_id, role_id" },
	{ "exam_definitions", "id, title, banks, count, pass_mark, time_limit, attempts,"
	  " defined_by, defined_at", 9, "id" },
	{ "exam_key", "definition_id, bank_id, question_id, answer_choice, n_choices", 5,
	  "definition_id, bank_id, question_id" },
	{ "exam_attempts", "id, user_id, started_at, ended_at, seed, count, pass_mark,"
	  " time_limit, status, timed_out, correct, banks, definition_id", 13, "id" },
	{ "exam_items", "attempt_id, position, bank_id, question_id, answer_role,"
	  " about_roles, shown_roles, shown_choices, picked, picked_role, correct", 11,
	  "attempt_id, position" },
	{ "trivia_games", "id, code, kind, host_user, created_at, started_at, ended_at,"
	  " status, phase, seed, rounds, time_limit_ms, points, speed, streak, teams,"
	  " banks, bank_files, current_round, round_started_at_ms, host_seen_ms", 21, "id" },
	{ "trivia_players", "game_id, name, seat, joined_at, last_seen_ms, absent, score,"
	  " right_count, streak, time_ms", 10, "game_id, seat" },
	{ "trivia_rounds", "game_id, round, bank_id, question_id, shown_choices", 5,
	  "game_id, round" },
	{ "trivia_answers", "game_id, round, player, picked, correct, elapsed_ms,"
	  " answered_at_ms, points", 8, "game_id, round, player" },
};

#define STORE_TABLES (sizeof store_tables / sizeof store_tables[0])

struct store_copying {
	struct store *to;
	const char *insert;
	unsigned n;
	unsigned long rows;
	struct rc_error *err;
};

static int store_copy_row(void *ctx, unsigned n, const char *const *values)
{
	struct store_copying *cp = ctx;

	if (n != cp->n)
		return rc_error_set(cp->err, "%s: a row has %u columns, not %u (a bug in "
				    "rolecall; please report it)", store_path(cp->to), n,
				    cp->n);
	cp->rows++;
	return cp->to->ops->raw_put(cp->to->c, cp->insert, n, values,
				    "save the copied row", cp->err) < 0 ? -1 : 0;
}

/* "INSERT INTO t (cols) VALUES ($1, ..., $n)" and its SELECT. */
static int store_copy_sql(const struct store_table *t, char *select, char *insert,
			  size_t len)
{
	size_t at;

	if ((size_t)snprintf(select, len, "SELECT %s FROM %s ORDER BY %s", t->columns,
			     t->name, t->order) >= len)
		return -1;
	at = (size_t)snprintf(insert, len, "INSERT INTO %s (%s) VALUES (", t->name,
			      t->columns);
	for (unsigned i = 1; i <= t->n && at < len; i++)
		at += (size_t)snprintf(insert + at, len - at, "%s$%u", i > 1 ? ", " : "", i);
	return at + 2 < len ? (snprintf(insert + at, len - at, ")"), 0) : -1;
}

static int store_copy_table(struct store *from, struct store *to,
			    const struct store_table *t, unsigned long *rows,
			    struct rc_error *err)
{
	char select[768], insert[1024];
	struct store_copying cp = { to, insert, t->n, 0, err };

	if (store_copy_sql(t, select, insert, sizeof select) < 0)
		return rc_error_set(err, "a copy query is too long (a bug in rolecall)");
	if (from->ops->raw_each(from->c, select, store_copy_row, &cp,
				 "read what to copy", err) < 0)
		return -1;
	*rows += cp.rows;
	return 0;
}

/* ---- the copy ---- */

static int store_count_row(void *ctx, unsigned n, const char *const *values)
{
	*(long *)ctx = n && values[0] ? strtol(values[0], NULL, 10) : -1;
	return 0;
}

/* A copy never merges: the destination has no profile yet. */
static int store_copy_check_empty(struct store *to, struct rc_error *err)
{
	long users = -1;

	if (to->ops->raw_each(to->c, "SELECT count(*) FROM users", store_count_row,
			      &users, "read what to copy", err) < 0)
		return -1;
	if (users != 0)
		return rc_error_set(err, "%s holds rolecall data already (%ld profiles); "
				    "copy into a new database, never into a used one",
				    store_path(to), users);
	return 0;
}

/* The derived state's dump (store_dump_derived) as text; NULL on error. */
static char *store_dump_text(struct store *s, struct rc_error *err)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int rc;

	if (!f) {
		store_oom(store_path(s), "compare the derived state", err);
		return NULL;
	}
	rc = s->ops->dump_derived(s->c, f, err);
	if (fclose(f) != 0 && rc == 0)
		rc = store_oom(store_path(s), "compare the derived state", err);
	if (rc < 0) {
		free(text);
		return NULL;
	}
	return text;
}

/* The destination's rebuilt derived state against the source's. */
static int store_copy_verify(struct store *from, struct store *to, struct rc_error *err)
{
	char *a, *b;
	int same;

	if (store_rebuild(to, HISTORY_SLOW_MS, err) < 0 || !(a = store_dump_text(from, err)))
		return -1;
	if (!(b = store_dump_text(to, err))) {
		free(a);
		return -1;
	}
	same = !strcmp(a, b);
	free(a);
	free(b);
	if (!same)
		return rc_error_set(err, "%s: copied, but the state rebuilt from the log "
				    "differs from %s's; run 'rolecall stats --rebuild' on "
				    "%s, then copy again into a new database",
				    store_path(to), store_path(from), store_path(from));
	return 0;
}

/* ---- backup ---- */

int store_backup(struct store *s, const char *path, struct rc_error *err)
{
	struct store *to;
	unsigned long rows;
	int rc;

	if (!store_target_is_file(path))
		return rc_error_set(err, "%s: a backup is a file; give a file name", path);
	if (access(path, F_OK) == 0 || errno != ENOENT)
		return rc_error_set(err, "%s exists already; give the backup a new file name",
				    path);
	if (s->ops->backup)
		return s->ops->backup(s->c, path, err);
	/* a server: its rows into a new file, checked, then folded into it */
	if (store_open(path, &to, err) < 0)
		return -1;
	rc = store_copy(s, to, &rows, err);
	if (rc == 0 && to->ops->fold)
		rc = to->ops->fold(to->c, err);
	store_close(to);
	return rc;
}

int store_copy(struct store *from, struct store *to, unsigned long *rows,
	       struct rc_error *err)
{
	int rc;

	*rows = 0;
	if (store_copy_check_empty(to, err) < 0)
		return -1;
	/* one snapshot of the source, one transaction at the destination */
	if (from->ops->begin_read(from->c, "start reading what to copy", err) < 0)
		return -1;
	rc = to->ops->begin_write(to->c, 0, "start the copy", err);
	for (size_t i = 0; rc == 0 && i < STORE_TABLES; i++)
		rc = store_copy_table(from, to, &store_tables[i], rows, err);
	if (rc == 0 && to->ops->after_copy)
		rc = to->ops->after_copy(to->c, err);
	if (to->ops->finish(to->c, rc, "save the copy", err) < 0)
		rc = -1;
	if (from->ops->finish(from->c, rc, "read what to copy", err) < 0 && rc == 0)
		rc = -1;
	return rc < 0 ? -1 : store_copy_verify(from, to, err);
}
