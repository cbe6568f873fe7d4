/*
 * What the store tests share: a fresh mkdtemp folder under /tmp (never
 * under $HOME) for the database, and the store calls that must succeed,
 * where a failure fails the test with the store's message.
 *
 * Static inline, so that a test that needs only some of them compiles
 * without unused-function warnings.
 */
#ifndef ROLECALL_TESTS_STORE_FIXTURE_H
#define ROLECALL_TESTS_STORE_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "rolecall/store.h"

/* dir becomes a new folder /tmp/rolecall-<name>-XXXXXX; -1 if it cannot. */
static inline int make_test_dir(char *dir, size_t size, const char *name)
{
	snprintf(dir, size, "/tmp/rolecall-%s-XXXXXX", name);
	return mkdtemp(dir) ? 0 : -1;
}

/* The database, the WAL and shared-memory files SQLite keeps beside it,
 * then the folder, which holds nothing else. */
static inline void remove_db_and_dir(const char *db, const char *dir)
{
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	char path[160];

	for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
		snprintf(path, sizeof path, "%s%s", db, suffixes[i]);
		unlink(path);
	}
	rmdir(dir);
}

/* 1 when the suite runs against the throwaway PostgreSQL server of
 * tests/pg_server.py (which sets ROLECALL_TEST_PG_SOCKET). */
static inline int on_pg(void)
{
	return getenv("ROLECALL_TEST_PG_SOCKET") != NULL;
}

/* For a test of the SQLite file itself: it runs in the SQLite pass. */
#define SQLITE_ONLY()                                                          \
	do {                                                                   \
		if (on_pg())                                                   \
			skip();                                                \
	} while (0)

/* The database a test uses: the file path (file may be db itself), or on
 * the test server a fresh database, set up as `rolecall db init` would,
 * whose URI goes in db. */
static inline void test_db(char *db, size_t len, const char *file)
{
	const char *sock = getenv("ROLECALL_TEST_PG_SOCKET");
	static unsigned made;
	const char *backend;
	struct rc_error err;
	char cmd[512], name[48];
	int version;

	if (!sock) {
		if (db != file)
			snprintf(db, len, "%s", file);
		return;
	}
	snprintf(name, sizeof name, "t_%ld_%u", (long)getpid(), made++);
	snprintf(cmd, sizeof cmd, "psql -X -q -d 'postgresql://rc_admin@/postgres?host=%s'"
		 " -c 'CREATE DATABASE %s'", sock, name);
	if (system(cmd) != 0)
		fail_msg("cannot create the test database: %s", cmd);
	snprintf(db, len, "postgresql://rc_admin@/%s?host=%s", name, sock);
	if (store_init(db, &backend, &version, &err) < 0)
		fail_msg("store_init: %s", err.msg);
}

static inline struct store *open_ok(const char *path)
{
	struct rc_error err;
	struct store *s;

	if (store_open(path, &s, &err) < 0)
		fail_msg("store_open: %s", err.msg);
	return s;
}

static inline int64_t user_ok(struct store *s, const char *name)
{
	struct rc_error err;
	int64_t id;

	if (store_user(s, name, &id, &err) < 0)
		fail_msg("store_user: %s", err.msg);
	return id;
}

#endif
