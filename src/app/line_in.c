#include "line_in.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "app_clock.h"

void line_in_init(struct line_in *in, int fd)
{
	memset(in, 0, sizeof *in);
	in->fd = fd;
	in->wake_fd = -1;
}

void line_in_wake(struct line_in *in, int wake_fd)
{
	in->wake_fd = wake_fd;
}

/* Move the first whole line (or an overlong or final partial one) into
 * line; 0 when there is none yet. */
static int line_take(struct line_in *in, char *line, size_t cap)
{
	char *nl = memchr(in->buf, '\n', in->len);
	size_t n, used;
	int was_discarding = in->discard;

	if (!nl && !in->eof && in->len < sizeof in->buf)
		return 0;
	if (!nl && !in->len)
		return 0;
	n = nl ? (size_t)(nl - in->buf) : in->len;
	used = nl ? n + 1 : n;
	if (n >= cap)
		n = cap - 1;
	memcpy(line, in->buf, n);
	line[n] = '\0';
	memmove(in->buf, in->buf + used, in->len - used);
	in->len -= used;
	in->discard = !nl && !in->eof;
	return !was_discarding;
}

/* Wait for more input until deadline_ms. */
static int line_wait(struct line_in *in, int64_t deadline_ms)
{
	struct pollfd p[2] = { { .fd = in->fd, .events = POLLIN },
			       { .fd = in->wake_fd, .events = POLLIN } };
	int64_t left = deadline_ms < 0 ? -1 : deadline_ms - app_ms();
	ssize_t n;

	if (deadline_ms >= 0 && left <= 0)
		return LINE_TIMEOUT;
	if (left > INT_MAX)
		left = INT_MAX;
	n = poll(p, in->wake_fd >= 0 ? 2 : 1, (int)left);
	if (n <= 0)
		/* an early wake or a signal: the caller looks at the clock again */
		return n == 0 || errno == EINTR ? LINE_OK : LINE_FAIL;
	if (!(p[0].revents & (POLLIN | POLLHUP | POLLERR)))
		return LINE_WAKE;
	n = read(in->fd, in->buf + in->len, sizeof in->buf - in->len);
	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? LINE_OK : LINE_FAIL;
	in->eof = n == 0;
	in->len += (size_t)n;
	return LINE_OK;
}

int line_in_read(struct line_in *in, int64_t deadline_ms, char *line, size_t cap)
{
	for (;;) {
		int rc;

		if (line_take(in, line, cap))
			return LINE_OK;
		if (in->eof && !in->len)
			return LINE_EOF;
		if ((rc = line_wait(in, deadline_ms)) != LINE_OK)
			return rc;
	}
}
