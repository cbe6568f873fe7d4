/*
 * pg_roles — who is using a shared database: the group roles and
 * row-level security that `rolecall db grant` sets up (pg_roles_sql), and
 * the login a profile is bound to once they are there.
 */
#include "pg_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_sql.h"

/* Create the login role when it is missing, and make it a member of the
 * group: name is quoted by libpq, never pasted. */
static int pg_grant_member(struct store_conn *c, const char *group, const char *name,
			   struct rc_error *err)
{
	char *id = PQescapeIdentifier(c->db, name, strlen(name));
	char *lit = PQescapeLiteral(c->db, name, strlen(name));
	char sql[512];
	int rc = -1;

	if (!id || !lit) {
		rc_error_set(err, "%s: cannot quote the role name: out of memory", c->name);
	} else if ((size_t)snprintf(sql, sizeof sql, "DO $$ BEGIN IF to_regrole(%s) IS NULL"
				    " THEN CREATE ROLE %s LOGIN; END IF; END $$;"
				    " GRANT %s TO %s", lit, id, group, id) >= sizeof sql) {
		rc_error_set(err, "%s: the role name is too long", c->name);
	} else {
		rc = pg_exec(c, sql, "grant the role", err);
	}
	PQfreemem(id);
	PQfreemem(lit);
	return rc;
}

int pg_grant(struct store_conn *c, int manager, const char *name, struct rc_error *err)
{
	int rc;

	if (!name || !*name || strlen(name) > 63)
		return rc_error_set(err, "%s: a role name is 1 to 63 bytes", c->name);
	if (pg_begin(c, "start granting the role", err) < 0)
		return -1;
	rc = pg_exec(c, pg_roles_sql, "set up the roles and their rights", err);
	if (rc == 0)
		rc = pg_grant_member(c, manager ? "rolecall_manager" : "rolecall_learner", name,
				     err);
	return pg_finish(c, rc, "grant the role", err);
}

struct pg_learner_visit {
	int (*fn)(void *ctx, const char *name);
	void *ctx;
};

static int pg_learner_row(struct store_conn *c, const struct store_row *r, void *ctx,
			  struct rc_error *err)
{
	const struct pg_learner_visit *v = ctx;
	const char *name = row_text(r, 0);

	(void)c;
	(void)err;
	return name && v->fn(v->ctx, name) ? 1 : 0;
}

int pg_learners(struct store_conn *c, int all, int (*fn)(void *ctx, const char *name),
		void *ctx, struct rc_error *err)
{
	struct pg_learner_visit v = { fn, ctx };
	struct pg_args a = { 0 };

	pg_i64(&a, all != 0);
	return pg_rows(c, PG_LEARNERS, &a, "read the learners", pg_learner_row, &v, err);
}

/* 1 when profiles are bound to logins here (db grant made the groups):
 * *login the session's role, *manager whether it may act for others (a
 * manager, or the tables' owner, whom the policies do not bind); 0 when
 * nobody ran db grant: everyone shares what the tables allow. */
int pg_login(struct store_conn *c, char *login, size_t len, int *manager,
	     struct rc_error *err)
{
	PGresult *res = PQexec(c->db,
		"SELECT session_user::text,"
		" to_regrole('rolecall_learner') IS NOT NULL"
		"  AND to_regrole('rolecall_manager') IS NOT NULL,"
		" CASE WHEN to_regrole('rolecall_manager') IS NULL THEN false"
		"  ELSE pg_has_role(session_user, 'rolecall_manager', 'member') END"
		"  OR EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 'users'"
		"   AND schemaname = current_schema() AND tableowner = session_user)");
	int bound;

	if (!res || PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1) {
		pg_fail(c, res, "find out who is logged in", err);
		PQclear(res);
		return -1;
	}
	snprintf(login, len, "%s", PQgetvalue(res, 0, 0));
	bound = PQgetvalue(res, 0, 1)[0] == 't';
	*manager = PQgetvalue(res, 0, 2)[0] == 't';
	PQclear(res);
	return bound;
}
