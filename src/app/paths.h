/*
 * paths — where rolecall finds its banks and keeps its database.
 * Private to the executable.
 */
#ifndef ROLECALL_PATHS_H
#define ROLECALL_PATHS_H

#include <stddef.h>

#include "rolecall/diag.h"

/* The folder of the bundled banks: $ROLECALL_QUIZZES, else the installed
 * share/rolecall/quizzes beside the binary, else the source tree's. */
int paths_quizzes_dir(char *buf, size_t len, struct rc_error *err);

/* The default database: $XDG_DATA_HOME/rolecall/rolecall.db, or
 * ~/.local/share/rolecall/rolecall.db. */
int paths_default_db(char *buf, size_t len, struct rc_error *err);

/* The database a command uses: given (--db) when not NULL, else
 * $ROLECALL_DB when set (a team's shared database, doc/teams.md), else
 * the default file. */
int paths_db(const char *given, char *buf, size_t len, struct rc_error *err);

/* The *.yaml and *.yml files of a folder, sorted; the caller frees each
 * name and the array.  Returns the count, or -1 with err set. */
int paths_list_banks(const char *dir, char ***names, struct rc_error *err);
void paths_free_list(char **names, int n);

/* 1 when path names an existing folder. */
int paths_is_dir(const char *path);

#endif
