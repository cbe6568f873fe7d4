/*
 * Text for the terminal: the one sanitiser every bank string goes through,
 * and word wrapping by display width.  Pure: no curses, so it is unit
 * tested on its own.
 */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700 /* wcwidth */
#endif
#include "ui.h"

#include <string.h>
#include <wchar.h>
#include <wctype.h>

#define UI_REPLACEMENT 0xFFFD

/* ASCII look-alikes for the characters the banks and the UI itself use,
 * so a C-locale terminal shows "--" for a dash instead of '?'. */
static const struct { unsigned cp; const char *ascii; } ui_ascii_map[] = {
	{ 0x00A0, " " }, { 0x00AB, "<<" }, { 0x00B7, "|" }, { 0x00BB, ">>" },
	{ 0x00D7, "x" }, { 0x2010, "-" }, { 0x2011, "-" }, { 0x2012, "-" },
	{ 0x2013, "-" }, { 0x2014, "--" }, { 0x2015, "--" }, { 0x2018, "'" },
	{ 0x2019, "'" }, { 0x201A, "'" }, { 0x201B, "'" }, { 0x2022, "*" },
	{ 0x2026, "..." }, { 0x2032, "'" }, { 0x2039, "<" }, { 0x203A, ">" },
	{ 0x2190, "<-" }, { 0x2191, "Up" }, { 0x2192, "->" }, { 0x2193, "Down" },
	{ 0x2212, "-" }, { 0x2265, ">=" }, { 0x2500, "-" }, { 0x2502, "|" },
	{ 0x250C, "+" }, { 0x2510, "+" }, { 0x2514, "+" }, { 0x2518, "+" },
	{ 0x2581, "_" }, { 0x2582, "." }, { 0x2583, ":" }, { 0x2584, "-" },
	{ 0x2585, "=" }, { 0x2586, "+" }, { 0x2587, "*" }, { 0x2588, "#" },
	{ 0x2591, "-" }, { 0x25B8, ">" }, { 0x2714, "+" }, { 0x2718, "x" },
	{ 0x201C, "\"" }, { 0x201D, "\"" }, { 0x201E, "\"" }, { 0x2033, "\"" },
	{ UI_REPLACEMENT, "?" },
};

/* Decode one UTF-8 sequence; returns its length and the code point, or
 * 1 with U+FFFD for a byte that does not start a valid sequence
 * (overlong forms, surrogates and values past U+10FFFF included). */
static size_t ui_utf8_decode(const unsigned char *s, unsigned *cp)
{
	unsigned c = s[0], n, min, v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
		n = 1, min = 0x80, v = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 2, min = 0x800, v = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 3, min = 0x10000, v = c & 0x07;
	else
		goto bad;
	for (unsigned i = 1; i <= n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			goto bad; /* also stops at the terminating NUL */
		v = v << 6 | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		goto bad;
	*cp = v;
	return n + 1;
bad:
	*cp = UI_REPLACEMENT;
	return 1;
}

static int ui_is_control(unsigned cp)
{
	return (cp < 0x20 && cp != '\n') || (cp >= 0x7F && cp <= 0x9F);
}

static const char *ui_ascii_for(unsigned cp)
{
	for (size_t i = 0; i < sizeof ui_ascii_map / sizeof *ui_ascii_map; i++)
		if (ui_ascii_map[i].cp == cp)
			return ui_ascii_map[i].ascii;
	return "?";
}

size_t ui_text_sanitize(const char *utf8, int ascii, wchar_t *out, size_t cap)
{
	const unsigned char *s = (const unsigned char *)(utf8 ? utf8 : "");
	size_t n = 0;
	unsigned cp;

	while (*s && n + 1 < cap) {
		s += ui_utf8_decode(s, &cp);
		if (ui_is_control(cp))
			cp = UI_REPLACEMENT;
		if (!ascii || cp < 0x80) {
			out[n++] = (wchar_t)cp;
			continue;
		}
		for (const char *a = ui_ascii_for(cp); *a && n + 1 < cap; a++)
			out[n++] = (wchar_t)*a;
	}
	out[n] = L'\0';
	return n;
}

int ui_text_char_width(wchar_t c)
{
	int w = wcwidth(c);

	return w < 0 ? 1 : w;
}

int ui_text_width(const wchar_t *s, size_t n)
{
	int w = 0;

	for (size_t i = 0; i < n; i++)
		w += ui_text_char_width(s[i]);
	return w;
}

size_t ui_text_fit(const wchar_t *s, size_t len, int width)
{
	size_t i = 0;
	int w = 0;

	while (i < len && w + ui_text_char_width(s[i]) <= width)
		w += ui_text_char_width(s[i++]);
	/* Zero-width characters (combining marks) belong to the one before. */
	while (i < len && ui_text_char_width(s[i]) == 0)
		i++;
	return i;
}

static size_t ui_skip_blanks(const wchar_t *s, size_t i, size_t len)
{
	while (i < len && s[i] == L' ')
		i++;
	return i;
}

static size_t ui_trim_end(const wchar_t *s, size_t n)
{
	while (n && s[n - 1] == L' ')
		n--;
	return n;
}

size_t ui_text_break(const wchar_t *s, size_t len, int width, size_t *next)
{
	size_t fit, end, i;

	if (len == 0) {
		*next = 0;
		return 0;
	}
	fit = ui_text_fit(s, len, width);
	for (i = 0; i < fit; i++)
		if (s[i] == L'\n') {
			*next = i + 1;
			return ui_trim_end(s, i);
		}
	if (fit == len) {
		*next = len;
		return ui_trim_end(s, len);
	}
	if (fit == 0) /* a character wider than the line: show it anyway */
		fit = 1;
	if (s[fit] == L' ' || s[fit] == L'\n') {
		*next = s[fit] == L'\n' ? fit + 1 : ui_skip_blanks(s, fit, len);
		return ui_trim_end(s, fit);
	}
	for (end = fit; end > 0 && s[end - 1] != L' '; end--)
		;
	if (end == 0 || ui_trim_end(s, end) == 0)
		end = fit; /* one word wider than the line: split it */
	*next = ui_skip_blanks(s, end, len);
	return ui_trim_end(s, end);
}

int ui_text_rows(const wchar_t *s, size_t len, int width)
{
	size_t at = 0, next;
	int rows = 0;

	while (at < len) {
		ui_text_break(s + at, len - at, width, &next);
		at += next;
		rows++;
	}
	return rows;
}

size_t ui_text_find(const wchar_t *s, size_t len, const wchar_t *pat, size_t m, size_t from)
{
	if (!m || m > len)
		return len;
	for (size_t i = from; i + m <= len; i++) {
		size_t j = 0;

		while (j < m && towlower((wint_t)s[i + j]) == towlower((wint_t)pat[j]))
			j++;
		if (j == m)
			return i;
	}
	return len;
}
