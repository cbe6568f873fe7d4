#include "rolecall/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "rolecall/emit.h"

__attribute__((format(printf, 5, 0)))
static void error_vfill(struct rc_error *err, const char *file, int line,
			int col, const char *fmt, va_list ap)
{
	snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	err->line = line;
	err->col = col;
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
}

int rc_error_set(struct rc_error *err, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	va_start(ap, fmt);
	error_vfill(err, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return -1;
}

const char *rc_error_format(const struct rc_error *err, char *buf, size_t len)
{
	if (!err->file[0])
		snprintf(buf, len, "%s", err->msg);
	else if (err->line <= 0)
		snprintf(buf, len, "%s: error: %s", err->file, err->msg);
	else if (err->col <= 0)
		snprintf(buf, len, "%s:%d: error: %s", err->file, err->line, err->msg);
	else
		snprintf(buf, len, "%s:%d:%d: error: %s", err->file, err->line,
			 err->col, err->msg);
	return buf;
}

/* The file name may come from a folder someone shared: through the
 * terminal sanitiser, like everything from a bank. */
void rc_error_print(const struct rc_error *err, FILE *f)
{
	char buf[RC_ERROR_FILE_MAX + RC_ERROR_MSG_MAX + 64];

	rc_error_format(err, buf, sizeof buf);
	emit_safe(f, buf, strlen(buf));
	putc('\n', f);
}

void diag_list_init(struct diag_list *list, size_t limit)
{
	memset(list, 0, sizeof *list);
	list->limit = limit;
}

void diag_list_free(struct diag_list *list)
{
	size_t limit = list->limit;

	free(list->items);
	diag_list_init(list, limit);
}

int diag_full(const struct diag_list *list)
{
	return list->limit && list->n >= list->limit;
}

void diag_add(struct diag_list *list, const char *file, int line, int col,
	      const char *fmt, ...)
{
	va_list ap;

	if (diag_full(list)) {
		list->dropped++;
		return;
	}
	if (list->n == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 16;
		struct rc_error *items = realloc(list->items, cap * sizeof *items);

		if (!items) {
			list->dropped++;
			return;
		}
		list->items = items;
		list->cap = cap;
	}
	va_start(ap, fmt);
	error_vfill(&list->items[list->n++], file, line, col, fmt, ap);
	va_end(ap);
}

size_t diag_break_len(const char *s, const char *end)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t left = (size_t)(end - s);

	if (u[0] == '\r')
		return left > 1 && u[1] == '\n' ? 2 : 1;
	if (u[0] == '\n')
		return 1;
	if (left >= 2 && u[0] == 0xC2 && u[1] == 0x85)
		return 2;
	if (left >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xA8 || u[2] == 0xA9))
		return 3;
	return 0;
}
