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
