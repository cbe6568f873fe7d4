/*
 * pg_open — connecting to PostgreSQL, the schema check every command makes,
 * `rolecall db init` (create or migrate the schema), closing, and the
 * operations table.
 *
 * Only `db init` creates or changes the schema: on a shared database that
 * is the owner's job, and a learner's rolecall must not try it with the
 * learner's rights.  Every other command checks the version and says what
 * to run when it is missing or old.
 */
#include "pg_impl.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pg_sql.h"

#define PG_MIGRATE_LOCK "1380142156" /* "RCLL": any number all rolecalls share */

/* ---- the name in messages ---- */

/* The target with any password taken out: "postgresql://u:pw@h/db" gives
 * "postgresql://u@h/db"; "password=pw" in a key=value string is dropped. */
static char *pg_redact(const char *target)
{
	char *out = strdup(target), *p;

	if (!out)
		return NULL;
	if ((p = strstr(out, "://"))) {
		char *at = strchr(p + 3, '@'), *colon = strchr(p + 3, ':');

		if (at && colon && colon < at)
			memmove(colon, at, strlen(at) + 1);
	}
	while ((p = strstr(out, "password="))) {
		char *end = strchr(p, ' ');

		if (end)
			memmove(p, end + 1, strlen(end + 1) + 1);
		else
			*p = '\0';
	}
	return out;
}

/* ---- connecting ---- */

/* libpq prints the server's notices on stderr, over the question screen. */
static void pg_quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static int pg_connect(struct store_conn *c, struct rc_error *err)
{
	const char *keys[] = { "dbname", "application_name", "connect_timeout", NULL };
	const char *values[] = { c->target, "rolecall", "10", NULL };
	char why[256];

	c->db = PQconnectdbParams(keys, values, 1);
	if (!c->db)
		return rc_error_set(err, "%s: cannot connect: out of memory", c->name);
	if (PQstatus(c->db) != CONNECTION_OK) {
		snprintf(why, sizeof why, "%s", PQerrorMessage(c->db));
		pg_flatten(why);
		return rc_error_set(err, "%s: cannot connect to PostgreSQL: %s; check "
				    "--db or ROLECALL_DB and that the server is "
				    "running", c->name, why);
	}
	PQsetNoticeProcessor(c->db, pg_quiet, NULL);
	return 0;
}

/* ---- the schema ---- */

/* The schema version: 0 when there is no rolecall schema, -1 on error
 * (another program's tables, or a failed query). */
static int pg_version(struct store_conn *c, int64_t *version, struct rc_error *err)
{
	PGresult *res = PQexec(c->db, "SELECT to_regclass('rolecall_schema') IS NOT NULL,"
			       " to_regclass('users') IS NOT NULL");
	int ours, theirs;

	if (!res || PQresultStatus(res) != PGRES_TUPLES_OK) {
		pg_fail(c, res, "read the schema's version", err);
		PQclear(res);
		return -1;
	}
	ours = PQgetvalue(res, 0, 0)[0] == 't';
	theirs = PQgetvalue(res, 0, 1)[0] == 't';
	PQclear(res);
	*version = 0;
	if (!ours)
		return theirs ? rc_error_set(err, "%s has a table 'users' that is not "
					     "rolecall's; not touching it (give --db "
					     "another database)", c->name) : 0;
	res = PQexec(c->db, "SELECT max(version) FROM rolecall_schema");
	if (!res || PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1) {
		pg_fail(c, res, "read the schema's version", err);
		PQclear(res);
		return -1;
	}
	*version = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return 0;
}

static int pg_newer(const struct store_conn *c, int64_t version, struct rc_error *err)
{
	return rc_error_set(err, "%s was set up by a newer rolecall (schema %" PRId64
			    "; this one knows up to %d); not touching it (upgrade "
			    "rolecall)", c->name, version, PG_SCHEMA_VERSION);
}

/* What every command but `db init` asks of the schema. */
static int pg_check_schema(struct store_conn *c, struct rc_error *err)
{
	int64_t version;

	if (pg_version(c, &version, err) < 0)
		return -1;
	if (version == PG_SCHEMA_VERSION)
		return 0;
	if (version > PG_SCHEMA_VERSION)
		return pg_newer(c, version, err);
	if (version == 0)
		return rc_error_set(err, "%s has no rolecall tables yet; create them "
				    "with 'rolecall db init --db URI' as a role that "
				    "may create tables (doc/teams.md)", c->name);
	return rc_error_set(err, "%s was set up by an older rolecall (schema %" PRId64
			    "); upgrade it with 'rolecall db init --db URI' as "
			    "its owner (doc/teams.md)", c->name, version);
}

/* After an upgrade, the rights `db grant` gave (if it ever ran on this
 * database) cover the tables the upgrade added too: a learner keeps
 * saving answers. */
static int pg_regrant(struct store_conn *c, struct rc_error *err)
{
	int64_t groups = 0;

	if (pg_value(c, PG_GROUPS_MADE, NULL, "look for rolecall's roles", &groups,
		     err) < 0)
		return -1;
	return groups > 0 ? pg_exec(c, pg_roles_sql, "extend the roles' rights", err) : 0;
}

/* Inside the migration's transaction, under its lock: look again, since
 * another `db init` may have run meanwhile. */
static int pg_migrate_locked(struct store_conn *c, struct rc_error *err)
{
	char sql[96];
	int64_t version;

	if (pg_exec(c, "SELECT pg_advisory_xact_lock(" PG_MIGRATE_LOCK ")",
		    "lock the schema", err) < 0 || pg_version(c, &version, err) < 0)
		return -1;
	if (version > PG_SCHEMA_VERSION)
		return pg_newer(c, version, err);
	for (int64_t v = version; v < PG_SCHEMA_VERSION; v++)
		if (pg_exec(c, pg_migrations[v], "create rolecall's tables", err) < 0)
			return -1;
	snprintf(sql, sizeof sql, "UPDATE rolecall_schema SET version = %d",
		 PG_SCHEMA_VERSION);
	if (pg_exec(c, sql, "record the schema's version", err) < 0)
		return -1;
	return version > 0 && version < PG_SCHEMA_VERSION ? pg_regrant(c, err) : 0;
}

/* ---- a connection lost and found again ---- */

/* Unique across processes and machines: 64 random bits, read once. */
static void pg_make_key_prefix(struct store_conn *c)
{
	unsigned char b[8] = { 0 };
	FILE *f = fopen("/dev/urandom", "rb");
	uint64_t v = 0;

	if (!f || fread(b, 1, sizeof b, f) != sizeof b) {
		/* no /dev/urandom: the process and the time are unique enough
		 * for one machine's writers */
		v = (uint64_t)getpid() << 32 ^ (uint64_t)time(NULL);
	}
	if (f)
		fclose(f);
	for (int i = 0; i < 8; i++)
		v = v << 8 ^ b[i];
	snprintf(c->key_prefix, sizeof c->key_prefix, "%016" PRIx64, v);
}

int pg_reconnect(struct store_conn *c, struct rc_error *err)
{
	PQreset(c->db);
	/* prepared statements died with the old session */
	memset(c->prepared, 0, sizeof c->prepared);
	c->broken = 0;
	if (PQstatus(c->db) != CONNECTION_OK) {
		char why[256];

		snprintf(why, sizeof why, "%s", PQerrorMessage(c->db));
		pg_flatten(why);
		return rc_error_set(err, "%s: cannot connect to PostgreSQL: %s", c->name,
				    why);
	}
	PQsetNoticeProcessor(c->db, pg_quiet, NULL);
	return 0;
}

int pg_server_ms(struct store_conn *c, int64_t *ms, struct rc_error *err)
{
	return pg_value(c, PG_SERVER_MS, NULL, "read the server's clock", ms, err) == 1 ?
	       0 : -1;
}

int pg_landed(struct store_conn *c, struct rc_error *err)
{
	struct pg_args a = { 0 };
	int64_t n = 0;

	if (!c->pending_key[0])
		return 0;
	pg_text(&a, c->pending_key);
	if (pg_value(c, PG_LOG_LANDED, &a, "see whether the answer was saved", &n,
		     err) < 0)
		return -1;
	c->pending_key[0] = '\0';
	return n > 0;
}

/* ---- open and close ---- */

static void pg_close(struct store_conn *c)
{
	if (!c)
		return;
	PQfinish(c->db);
	free(c->target);
	free(c->name);
	free(c);
}

static int pg_connect_new(const char *target, struct store_conn **out,
			  struct rc_error *err)
{
	struct store_conn *c = calloc(1, sizeof *c);

	*out = NULL;
	if (!c || !(c->target = strdup(target)) || !(c->name = pg_redact(target))) {
		pg_close(c);
		return rc_error_set(err, "cannot open the database: out of memory");
	}
	if (pg_connect(c, err) < 0) {
		pg_close(c);
		return -1;
	}
	pg_make_key_prefix(c);
	*out = c;
	return 0;
}

static int pg_open(const char *target, struct store_conn **out, struct rc_error *err)
{
	if (pg_connect_new(target, out, err) < 0)
		return -1;
	if (pg_check_schema(*out, err) < 0) {
		pg_close(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

static int pg_init(const char *target, struct rc_error *err)
{
	struct store_conn *c;
	int rc;

	if (pg_connect_new(target, &c, err) < 0)
		return -1;
	rc = pg_begin(c, "start creating rolecall's tables", err);
	if (rc == 0)
		rc = pg_finish(c, pg_migrate_locked(c, err), "create rolecall's tables",
			       err);
	pg_close(c);
	return rc;
}

static const char *pg_path(const struct store_conn *c)
{
	return c->name;
}

/* The server checks its own pages; what can be checked from here is that
 * it answers and the schema is ours. */
static int pg_check_integrity(struct store_conn *c, struct rc_error *err)
{
	return pg_check_schema(c, err);
}

const struct store_ops store_pg_ops = {
	.about = { "PostgreSQL", PG_SCHEMA_VERSION, STORE_TRIVIA_MAX_PLAYERS },
	.open = pg_open,
	.init = pg_init,
	.close = pg_close,
	.path = pg_path,
	.server_ms = pg_server_ms,
	.grant = pg_grant,
	.login = pg_login,
	.learners = pg_learners,
	.lost = pg_lost,
	.reconnect = pg_reconnect,
	.landed = pg_landed,
	.begin_read = pg_begin_read,
	.begin_write = pg_begin_write,
	.finish = pg_finish,
	.user_find = pg_user_find,
	.user = pg_user,
	.stored_answers = pg_stored,
	.load_derived = pg_load_derived,
	.put_question = pg_question_put,
	.put_tally = pg_tally_put,
	.put_confusion = pg_confusion_put,
	.put_role_name = pg_role_name_put,
	.each_role_name = pg_each_role_name,
	.put_totals = pg_totals_put,
	.clear_derived = pg_clear_derived,
	.log_add = pg_log_add,
	.log_scan = pg_log_scan,
	.daily = pg_daily,
	.check_integrity = pg_check_integrity,
	.dump_derived = pg_dump_derived,
	.raw_each = pg_raw_each,
	.raw_put = pg_raw_put,
	.after_copy = pg_after_copy,
	.exam_add = pg_exam_add,
	.exam_item_add = pg_exam_item_add,
	.exam_item_put = pg_exam_item_put,
	.exam_submit = pg_exam_submit,
	.each_attempt = pg_each_attempt,
	.each_exam_item = pg_each_exam_item,
	.begin_game = pg_begin,
	.trivia_code_taken = pg_trivia_code_taken,
	.trivia_game_add = pg_trivia_game_add,
	.trivia_round_add = pg_trivia_round_add,
	.trivia_player_add = pg_trivia_player_add,
	.trivia_look = pg_trivia_look,
	.trivia_rejoin = pg_trivia_rejoin,
	.trivia_read = pg_trivia_read,
	.trivia_score_put = pg_trivia_score_put,
	.trivia_seen = pg_trivia_seen,
	.trivia_leave = pg_trivia_leave,
	.trivia_mark_absent = pg_trivia_mark_absent,
	.trivia_set_phase = pg_trivia_set_phase,
	.trivia_answer = pg_trivia_answer,
	.trivia_each_game = pg_trivia_each_game,
	.trivia_each_round = pg_trivia_each_round,
	.trivia_listen = pg_trivia_listen,
	.wake_fd = pg_wake_fd,
	.drain = pg_drain,
};
