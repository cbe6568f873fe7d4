/* The GIFT reader's parts (src/interchange/ only). */
#ifndef ROLECALL_IX_GIFT_H
#define ROLECALL_IX_GIFT_H

#include "ix.h"

/* The first `what` in [s, end) not escaped by a backslash, or NULL. */
const char *gift_find(const char *s, const char *end, const char *what);
/* The first of the characters of set in [s, end) not escaped, or end. */
const char *gift_find_any(const char *s, const char *end, const char *set);
/* [s, end) unescaped and trimmed, into a; with formats, a leading [html],
 * [moodle], [plain] or [markdown] is dropped (HTML reduced to its text).
 * NULL when out of memory. */
char *gift_text(struct arena *a, const char *s, const char *end, int formats);

#endif
