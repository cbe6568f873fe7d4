/*
 * diag — errors a user can read.
 *
 * Every function that can fail returns 0 on success and -1 on failure and fills
 * a struct rc_error that the caller prints.  Where one call can find many
 * problems (loading a bank), each is appended to a struct diag_list.
 *
 * A struct rc_error is a plain value: no allocation, safe to copy.  A
 * diag_list owns its array; diag_list_free releases it and leaves it empty.
 */
#ifndef ROLECALL_DIAG_H
#define ROLECALL_DIAG_H

#include <stddef.h>
#include <stdio.h>

#define RC_ERROR_FILE_MAX 512
#define RC_ERROR_MSG_MAX 768

struct rc_error {
	char file[RC_ERROR_FILE_MAX]; /* "" when the error has no file */
	int line;                     /* 1-based; 0 when unknown */
	int col;                      /* 1-based; 0 when unknown */
	char msg[RC_ERROR_MSG_MAX];
};

/* Set err to a message without a position. err may be NULL. Returns -1. */
int rc_error_set(struct rc_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Write "FILE:LINE:COL: error: MSG" (parts that are unknown are left out)
 * into buf; returns buf. */
const char *rc_error_format(const struct rc_error *err, char *buf, size_t len);

/* Print the formatted error and a newline to f, control characters and
 * invalid UTF-8 as '?' (emit_safe). */
void rc_error_print(const struct rc_error *err, FILE *f);

struct diag_list {
	struct rc_error *items;
	size_t n;
	size_t cap;
	size_t dropped; /* errors not kept because of `limit` */
	size_t limit;   /* 0 = unlimited */
};

void diag_list_init(struct diag_list *list, size_t limit);
void diag_list_free(struct diag_list *list);

/* Append an error; when the list is full (limit) it is counted in `dropped`.
 * Allocation failure is counted as dropped too: reporting must not fail. */
void diag_add(struct diag_list *list, const char *file, int line, int col,
	      const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* 1 when the limit is reached and callers may stop looking for more. */
int diag_full(const struct diag_list *list);

/* Length of the line break at s (before end), or 0.  These are the breaks
 * libyaml ends a line at (CR LF, CR, LF, NEL, LS, PS): every line number
 * rolecall reports must count lines as the parser does. */
size_t diag_break_len(const char *s, const char *end);

#endif
