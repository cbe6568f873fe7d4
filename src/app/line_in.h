/*
 * line_in — lines from a file descriptor against a deadline, for timed
 * questions in line mode.  Standard input is read with poll() and a buffer
 * of our own, not stdio: stdio reads ahead into a buffer poll() cannot see,
 * and a countdown must end when time runs out even while it waits for a
 * line.  Used by the timed exam and trivia in line mode.  Private to the
 * executable.
 */
#ifndef ROLECALL_LINE_IN_H
#define ROLECALL_LINE_IN_H

#include <stddef.h>
#include <stdint.h>

struct line_in {
	int fd;
	int wake_fd; /* -1, or a descriptor whose input ends a wait (LINE_WAKE) */
	int eof;
	int discard; /* dropping the rest of an overlong line */
	size_t len;
	char buf[1024];
};

enum { LINE_FAIL = -1, LINE_EOF = 0, LINE_OK = 1, LINE_TIMEOUT = 2, LINE_WAKE = 3 };

void line_in_init(struct line_in *in, int fd);

/* The next line, without its newline, into line (cap bytes; longer lines
 * are cut): LINE_OK; LINE_TIMEOUT once deadline_ms (app_ms; -1: none) has
 * passed; LINE_EOF at the end of input; LINE_FAIL (errno set) when
 * reading fails. */
int line_in_read(struct line_in *in, int64_t deadline_ms, char *line, size_t cap);

/* While line_in_read waits, input on wake_fd (-1: none) ends the wait with
 * LINE_WAKE, before the deadline: a trivia game's store announcing a
 * change.  The caller consumes that input before reading again. */
void line_in_wake(struct line_in *in, int wake_fd);

#endif
