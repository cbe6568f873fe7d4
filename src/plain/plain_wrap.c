/*
 * plain_wrap — line mode's paragraphs, wrapped at word boundaries to the
 * terminal's width when standard output is one.  A pipe or a file gets
 * one line per paragraph, as before: scripts and screen readers read
 * lines, and a terminal's width means nothing to them.
 */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700 /* wcwidth */
#endif
#include "plain.h"

#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

#include "rolecall/emit.h"

int plain_width(FILE *out)
{
	struct winsize ws;
	int fd = fileno(out);

	if (fd < 0 || !isatty(fd) || ioctl(fd, TIOCGWINSZ, &ws) < 0 || ws.ws_col < 20)
		return 0;
	return ws.ws_col - 1; /* the last column would wrap on some terminals */
}

/* Columns the len bytes of s take (a character wcwidth does not know
 * counts one). */
static int plain_cols(const char *s, size_t len)
{
	int cols = 0;

	while (len) {
		long cp;
		size_t n = emit_utf8_next(s, len, &cp);
		int w = cp < 0 ? 1 : wcwidth((wchar_t)cp);

		cols += w < 0 ? 1 : w;
		s += n;
		len -= n;
	}
	return cols;
}

/* The next word of text at *at (after spaces): its bytes, 0 at the end. */
static size_t plain_word(const char **at)
{
	*at += strspn(*at, " ");
	return strcspn(*at, " ");
}

void plain_para(FILE *out, int width, int indent, const char *prefix, const char *text)
{
	int col = plain_cols(prefix, strlen(prefix));
	const char *at = text;
	size_t n;

	fputs(prefix, out);
	if (width <= 0 || col + plain_cols(text, strlen(text)) <= width) {
		emit_safe(out, text, strlen(text));
		putc('\n', out);
		return;
	}
	for (int first = 1; (n = plain_word(&at)) > 0; at += n, first = 0) {
		int w = plain_cols(at, n), gap = first ? 0 : 1;

		/* a word that does not fit goes to the next line, unless the
		 * line has nothing yet to leave there */
		if (col + gap + w > width && col > indent) {
			fprintf(out, "\n%*s", indent, "");
			col = indent;
		} else if (gap) {
			putc(' ', out);
			col++;
		}
		emit_safe(out, at, n);
		col += w;
	}
	putc('\n', out);
}
