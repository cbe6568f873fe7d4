/*
 * pathlist — paths in one text column (pathlist.h).
 */
#include "pathlist.h"

#include <stdlib.h>
#include <string.h>

#define PATHLIST_HEAD "%paths\n"
#define PATHLIST_HEAD_LEN (sizeof PATHLIST_HEAD - 1)

/* A byte written as itself; every other one is %XX. */
static int pathlist_plain(unsigned char c)
{
	return c != '%' && c >= 0x20 && c < 0x7F;
}

char *pathlist_encode(const char *const *paths, unsigned n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t len = PATHLIST_HEAD_LEN + 1, at = PATHLIST_HEAD_LEN;
	char *s;

	if (n == 0)
		return calloc(1, 1);
	for (unsigned i = 0; i < n; i++) {
		for (const unsigned char *p = (const unsigned char *)paths[i]; *p; p++)
			len += pathlist_plain(*p) ? 1 : 3;
		len++;
	}
	if (!(s = malloc(len)))
		return NULL;
	memcpy(s, PATHLIST_HEAD, PATHLIST_HEAD_LEN);
	for (unsigned i = 0; i < n; i++) {
		for (const unsigned char *p = (const unsigned char *)paths[i]; *p; p++) {
			if (pathlist_plain(*p)) {
				s[at++] = (char)*p;
				continue;
			}
			s[at++] = '%';
			s[at++] = hex[*p >> 4];
			s[at++] = hex[*p & 15];
		}
		s[at++] = '\n';
	}
	s[at] = '\0';
	return s;
}

static int pathlist_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static unsigned pathlist_newlines(const char *s)
{
	unsigned n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* Room for n pointers and then as many bytes as s holds (its NUL too), in
 * one block: the paths of s go there. */
static const char **pathlist_block(unsigned n, const char *s, struct rc_error *err)
{
	const char **block = malloc((size_t)n * sizeof *block + strlen(s) + 1);

	if (!block)
		rc_error_set(err, "out of memory");
	return block;
}

/* One encoded line at *at into out, up to its newline; the bytes written
 * (with the NUL), 0 when malformed. */
static size_t pathlist_line(const char **at, char *out)
{
	const char *p = *at;
	size_t len = 0;

	while (*p != '\n') {
		int hi, lo;

		if (*p != '%') {
			if (!pathlist_plain((unsigned char)*p))
				return 0; /* a raw byte the encoder escapes, or the end */
			out[len++] = *p++;
			continue;
		}
		/* p[2] is read only when p[1] is a digit, so never past the NUL */
		if ((hi = pathlist_hex(p[1])) < 0 || (lo = pathlist_hex(p[2])) < 0 ||
		    (hi | lo) == 0)
			return 0;
		out[len++] = (char)(hi * 16 + lo);
		p += 3;
	}
	*at = p + 1;
	out[len++] = '\0';
	return len > 1 ? len : 0;
}

static int pathlist_decode_lines(const char *body, const char ***paths, unsigned *n,
				 struct rc_error *err)
{
	unsigned count = pathlist_newlines(body);
	const char **block;
	char *out;

	/* a newline in body makes it one byte long at least */
	if (!count || body[strlen(body) - 1] != '\n')
		return rc_error_set(err, "its last path does not end its line");
	if (!(block = pathlist_block(count, body, err)))
		return -1;
	out = (char *)(block + count);
	for (unsigned i = 0; i < count; i++) {
		size_t len = pathlist_line(&body, out);

		if (!len) {
			free(block);
			return rc_error_set(err, "path %u is empty or has a byte that is "
					    "not written as %%XX", i + 1);
		}
		block[i] = out;
		out += len;
	}
	*paths = block;
	*n = count;
	return 0;
}

/* The old form: paths joined by newlines, none empty. */
static int pathlist_decode_old(const char *list, const char ***paths, unsigned *n,
			       struct rc_error *err)
{
	unsigned count = pathlist_newlines(list) + 1;
	const char **block = pathlist_block(count, list, err);
	char *out;

	if (!block)
		return -1;
	out = strcpy((char *)(block + count), list);
	count = 0;
	for (char *p = out, *nl; *p; p = nl + 1) {
		if (*p != '\n')
			block[count++] = p;
		if (!(nl = strchr(p, '\n')))
			break;
		*nl = '\0';
	}
	*paths = block;
	*n = count;
	return 0;
}

int pathlist_decode(const char *list, const char ***paths, unsigned *n,
		    struct rc_error *err)
{
	*paths = NULL;
	*n = 0;
	if (!*list)
		return 0;
	if (!strncmp(list, PATHLIST_HEAD, PATHLIST_HEAD_LEN))
		return pathlist_decode_lines(list + PATHLIST_HEAD_LEN, paths, n, err);
	if (*list == '/')
		return pathlist_decode_old(list, paths, n, err);
	return rc_error_set(err, "it starts with neither '%%paths' nor '/'");
}
