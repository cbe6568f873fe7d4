/*
 * sqlite_columns — how the store keeps lists and numbers in columns: option
 * lists as comma-joined text, seeds as decimal text (SQLite integers are
 * signed), counts as small non-negative integers.  What rolecall did not
 * write is refused here, so that the readers can trust what they get.
 */
#include "sqlite_impl.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Join ids with commas; a NULL id is written empty.  An id holding a comma
 * could not be split again, so it is refused. */
int sqlite_join_ids(char *buf, const char *const *ids, unsigned n)
{
	size_t at = 0;

	buf[0] = '\0';
	for (unsigned i = 0; i < n; i++) {
		const char *id = ids[i] ? ids[i] : "";
		int w;

		if (strchr(id, ','))
			return -1;
		w = snprintf(buf + at, STORE_LIST_MAX - at, "%s%s", i ? "," : "", id);
		if (w < 0 || (size_t)w >= STORE_LIST_MAX - at)
			return -1;
		at += (size_t)w;
	}
	return 0;
}

int sqlite_join_choices(char *buf, const unsigned *choices, unsigned n)
{
	size_t at = 0;

	buf[0] = '\0';
	for (unsigned i = 0; i < n; i++) {
		int w = snprintf(buf + at, STORE_LIST_MAX - at, "%s%u", i ? "," : "",
				 choices[i]);

		if (w < 0 || (size_t)w >= STORE_LIST_MAX - at)
			return -1;
		at += (size_t)w;
	}
	return 0;
}

/* Copy a text column into a fixed buffer; -1 when missing or too long. */
int sqlite_col_copy(sqlite3_stmt *st, int i, char *buf, size_t cap)
{
	const char *text = col_text(st, i);
	int len = sqlite3_column_bytes(st, i);

	if (!text || len < 0 || (size_t)len >= cap)
		return -1;
	memcpy(buf, text, (size_t)len + 1);
	return 0;
}

/* Split text at commas, in place.  "" is no part when empty_is_none, else
 * one empty part.  Returns the number of parts, -1 when too many. */
int sqlite_split(char *text, char **parts, int empty_is_none)
{
	int n = 0;

	if (!*text && empty_is_none)
		return 0;
	for (;;) {
		char *comma = strchr(text, ',');

		if (n == BANK_MAX_OPTIONS)
			return -1;
		parts[n++] = text;
		if (!comma)
			return n;
		*comma = '\0';
		text = comma + 1;
	}
}

int sqlite_parse_uint(const char *text, unsigned *out)
{
	char *end;
	unsigned long v;

	if (*text < '0' || *text > '9')
		return -1;
	errno = 0;
	v = strtoul(text, &end, 10);
	if (*end || errno || v > UINT_MAX)
		return -1;
	*out = (unsigned)v;
	return 0;
}

/* shown_choices gives the number of options; shown_roles must match it. */
int sqlite_decode_lists(sqlite3_stmt *st, struct answer_record *rec,
		       struct store_lists *l)
{
	char *parts[BANK_MAX_OPTIONS];
	int n;

	if (sqlite_col_copy(st, 5, l->about, sizeof l->about) < 0 ||
	    sqlite_col_copy(st, 6, l->shown, sizeof l->shown) < 0 ||
	    sqlite_col_copy(st, 7, l->choices, sizeof l->choices) < 0 ||
	    (n = sqlite_split(l->choices, parts, 1)) < 0)
		return -1;
	rec->n_shown = (unsigned)n;
	for (int i = 0; i < n; i++)
		if (sqlite_parse_uint(parts[i], &rec->shown_choices[i]) < 0)
			return -1;
	if (sqlite_split(l->shown, parts, n == 0) != n)
		return -1;
	for (int i = 0; i < n; i++)
		rec->shown_roles[i] = parts[i][0] ? parts[i] : NULL;
	if ((n = sqlite_split(l->about, parts, 1)) < 0)
		return -1;
	rec->n_about = (unsigned)n;
	for (int i = 0; i < n; i++)
		rec->about[i] = parts[i];
	return 0;
}

int sqlite_parse_u64(const char *text, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (!text || *text < '0' || *text > '9')
		return -1;
	errno = 0;
	v = strtoull(text, &end, 10);
	if (*end || errno)
		return -1;
	*out = v;
	return 0;
}

/* Counts and percentages are small and never negative; anything else
 * was not written by rolecall. */
int sqlite_col_small(sqlite3_stmt *st, int i, unsigned *out)
{
	int64_t v = sqlite3_column_int64(st, i);

	if (v < 0 || v > UINT_MAX)
		return -1;
	*out = (unsigned)v;
	return 0;
}
