/* GIFT's text rules: escapes, the [format] marker, HTML reduced to text. */
#include "ix_gift.h"

#include <string.h>

/* The first place in [s, end) not escaped where match(s, what) holds:
 * a backslash escapes the one character after it, a backslash too. */
static const char *scan(const char *s, const char *end, size_t n, const char *what,
			int (*match)(const char *s, const char *what, size_t n))
{
	for (; s + n <= end; s++) {
		if (*s == '\\' && s + 1 < end) {
			s++;
			continue;
		}
		if (match(s, what, n))
			return s;
	}
	return NULL;
}

static int same(const char *s, const char *what, size_t n)
{
	return !memcmp(s, what, n);
}

static int one_of(const char *s, const char *set, size_t n)
{
	(void)n;
	return *s && strchr(set, *s);
}

const char *gift_find(const char *s, const char *end, const char *what)
{
	return scan(s, end, strlen(what), what, same);
}

const char *gift_find_any(const char *s, const char *end, const char *set)
{
	const char *at = scan(s, end, 1, set, one_of);

	return at ? at : end;
}

/* HTML's markup dropped and its common entities decoded: a bank's text is
 * plain.  s[n] is '\0'. */
static size_t strip_html(char *s, size_t n)
{
	static const struct { const char *ent, *ch; } ents[] = {
		{ "&lt;", "<" }, { "&gt;", ">" }, { "&amp;", "&" }, { "&quot;", "\"" },
		{ "&#39;", "'" }, { "&nbsp;", " " }, { NULL, NULL } };
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '<') {
			int br = !strncmp(s + i, "<br", 3) || !strncmp(s + i, "<p", 2);
			const char *gt = memchr(s + i, '>', n - i);

			if (gt) {
				if (br && o)
					s[o++] = '\n';
				i = (size_t)(gt - s);
				continue;
			}
		}
		if (s[i] == '&') {
			int k;

			for (k = 0; ents[k].ent; k++)
				if (!strncmp(s + i, ents[k].ent, strlen(ents[k].ent)))
					break;
			if (ents[k].ent) {
				s[o++] = ents[k].ch[0];
				i += strlen(ents[k].ent) - 1;
				continue;
			}
		}
		s[o++] = s[i];
	}
	return o;
}

char *gift_text(struct arena *a, const char *s, const char *end, int formats)
{
	int is_html = 0;
	char *out;
	size_t o = 0;

	while (s < end && (*s == ' ' || *s == '\t' || *s == '\n'))
		s++;
	if (formats && s < end && *s == '[') {
		static const char *const marks[] = { "[html]", "[moodle]", "[plain]", "[markdown]",
						     NULL };

		for (int i = 0; marks[i]; i++)
			if ((size_t)(end - s) >= strlen(marks[i]) &&
			    !strncmp(s, marks[i], strlen(marks[i]))) {
				is_html = i == 0;
				s += strlen(marks[i]);
				break;
			}
	}
	if (!(out = arena_alloc(a, (size_t)(end - s) + 1)))
		return NULL;
	for (; s < end; s++) {
		if (*s == '\\' && s + 1 < end) {
			s++;
			out[o++] = *s == 'n' ? '\n' : *s;
			continue;
		}
		out[o++] = *s;
	}
	/* strip_html compares whole tags and entities: they stop at the end */
	out[o] = '\0';
	if (is_html)
		o = strip_html(out, o);
	while (o && (out[o - 1] == ' ' || out[o - 1] == '\t' || out[o - 1] == '\n'))
		o--;
	out[o] = '\0';
	while (*out == ' ' || *out == '\t' || *out == '\n')
		out++;
	return out;
}
