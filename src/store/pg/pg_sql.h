/*
 * pg_sql.h — the PostgreSQL backend's SQL text (pg_sql.c).
 */
#ifndef ROLECALL_PG_SQL_H
#define ROLECALL_PG_SQL_H

#include "pg_impl.h"

#define PG_DUMP_COUNT 4

extern const char *const pg_migrations[PG_SCHEMA_VERSION];
extern const char *const pg_sql_text[PG_SQL_COUNT];
extern const char *const pg_dump_sql[PG_DUMP_COUNT];
extern const char pg_roles_sql[];

#endif
