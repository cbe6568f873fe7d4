/*
 * pathlist — a list of file paths kept in one text column, for any bytes a
 * path can hold.
 *
 * A path may hold every byte but NUL, a newline too, so a list of paths
 * joined by newlines cannot be split again.  An encoded list is "" (no
 * paths), or the line "%paths" and then one line a path, where '%', every
 * byte below 0x20, 0x7F and every byte from 0x80 are written %XX (two hex
 * digits): no raw newline is left inside an entry, and the text is ASCII,
 * which any database's text column keeps (PostgreSQL refuses bytes that
 * are not UTF-8).
 *
 * Lists written before this encoding were absolute paths joined by "\n"
 * (realpath's, so each starts with '/'); pathlist_decode still reads them
 * that way, which is right unless a path held a newline, the very case
 * those lists could not keep.  Such an old list cannot be told from two
 * shorter paths.
 *
 * Both functions allocate: the caller frees what they return.
 */
#ifndef ROLECALL_PATHLIST_H
#define ROLECALL_PATHLIST_H

#include "rolecall/diag.h"

/* The n paths encoded, NULL when out of memory. */
char *pathlist_encode(const char *const *paths, unsigned n);

/* The paths of list, into *paths (one allocation: free(*paths) frees the
 * array and its strings) and their number into *n; *paths is NULL when
 * there are none.  -1 with why in err when list is malformed or memory
 * runs out. */
int pathlist_decode(const char *list, const char ***paths, unsigned *n,
		    struct rc_error *err);

#endif
