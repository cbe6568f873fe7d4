/* wcwidth */
#define _XOPEN_SOURCE 700

#include "rolecall/emit.h"

#include <string.h>
#include <wchar.h>

/* Control and bidirectional characters are escaped, so that JSON shown on
 * a terminal cannot drive it either; bytes that are not UTF-8 become
 * U+FFFD, so that the output stays valid JSON. */
void emit_json_string(FILE *f, const char *s)
{
	size_t left;

	if (!s) {
		fputs("null", f);
		return;
	}
	putc('"', f);
	for (left = strlen(s); left;) {
		long cp;
		size_t n = emit_utf8_next(s, left, &cp);

		switch (cp) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		case -1: fputs("\\ufffd", f); break;
		default:
			if (emit_unsafe_char(cp))
				fprintf(f, "\\u%04lx", cp);
			else
				fwrite(s, 1, n, f);
		}
		s += n;
		left -= n;
	}
	putc('"', f);
}

/* A spreadsheet reads a field that begins with one of these as a formula
 * (=HYPERLINK(...) in a user name would run when the manager opens the
 * report): such a field gets a leading apostrophe, as spreadsheet-safe
 * CSV writers do, and quotes. */
static int emit_csv_formula(const char *s)
{
	return *s && strchr("=+-@\t\r", *s);
}

/* CSV is read on terminals as often as by spreadsheets, so its text goes
 * through the sanitiser too: a newline stays (it is quoted), anything
 * else unsafe becomes '?'.  JSON is the format that keeps every byte. */
static void csv_text(FILE *f, const char *s)
{
	for (size_t left = strlen(s); left;) {
		long cp;
		size_t n = emit_utf8_next(s, left, &cp);

		if (cp == '"')
			fputs("\"\"", f);
		else if (cp == '\n' || (cp >= 0 && !emit_unsafe_char(cp)))
			fwrite(s, 1, n, f);
		else
			putc('?', f);
		s += n;
		left -= n;
	}
}

static int csv_needs_quotes(const char *s)
{
	for (; *s; s++)
		if (strchr(",\"\r\n", *s) || (unsigned char)*s < 0x20 || *s == 0x7F)
			return 1;
	return 0;
}

void emit_csv_field(FILE *f, const char *s)
{
	int formula, quote;

	if (!s)
		return;
	formula = emit_csv_formula(s);
	quote = formula || csv_needs_quotes(s);
	if (quote)
		putc('"', f);
	if (formula)
		putc('\'', f);
	csv_text(f, s);
	if (quote)
		putc('"', f);
}

size_t emit_utf8_next(const char *s, size_t left, long *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n;
	long c;

	*cp = -1;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	n = u[0] >= 0xF0 && u[0] < 0xF5 ? 4 : u[0] >= 0xE0 && u[0] < 0xF0 ? 3 :
	    u[0] >= 0xC2 && u[0] < 0xE0 ? 2 : 0;
	if (!n || n > left)
		return 1;
	c = u[0] & (0x7F >> n);
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 1;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 1;
	*cp = c;
	return n;
}

int emit_unsafe_char(long cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

int emit_invisible_char(long cp)
{
	static const long ranges[][2] = {
		{ 0x00AD, 0x00AD }, { 0x034F, 0x034F }, { 0x061C, 0x061C },
		{ 0x115F, 0x1160 }, { 0x17B4, 0x17B5 }, { 0x180B, 0x180F },
		{ 0x200B, 0x200F }, { 0x2028, 0x202E }, { 0x2060, 0x206F },
		{ 0x3164, 0x3164 }, { 0xFE00, 0xFE0F }, { 0xFEFF, 0xFEFF },
		{ 0xFFA0, 0xFFA0 }, { 0xFFF9, 0xFFFB }, { 0x1D173, 0x1D17A },
		{ 0xE0000, 0xE007F }, { 0xE0100, 0xE01EF },
	};

	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
		if (cp >= ranges[i][0] && cp <= ranges[i][1])
			return 1;
	return 0;
}

/* Each character of s, entity(cp)'s text when it gives one (asked first:
 * it may give one for a control character), else '?' for one a terminal
 * must not be sent. */
static void emit_each(FILE *f, const char *s, size_t len, const char *(*entity)(long cp))
{
	while (len) {
		long cp;
		size_t n = emit_utf8_next(s, len, &cp);
		const char *e = NULL;

		if (cp >= 0 && entity && (e = entity(cp)) != NULL)
			fputs(e, f);
		else if (cp < 0 || emit_unsafe_char(cp))
			putc('?', f);
		else
			fwrite(s, 1, n, f);
		s += n;
		len -= n;
	}
}

void emit_safe(FILE *f, const char *s, size_t len)
{
	emit_each(f, s, len, NULL);
}

static const char *html_entity(long cp)
{
	switch (cp) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	case '\n': return "&#10;"; /* bank texts may hold line breaks */
	default: return NULL;
	}
}

static const char *html_line_entity(long cp)
{
	return cp == '\n' ? "<br>" : html_entity(cp);
}

void emit_html(FILE *f, const char *s)
{
	emit_each(f, s, s ? strlen(s) : 0, html_entity);
}

void emit_html_lines(FILE *f, const char *s)
{
	emit_each(f, s, s ? strlen(s) : 0, html_line_entity);
}

void emit_text(FILE *f, const char *s)
{
	if (s)
		emit_safe(f, s, strlen(s));
}

/* Columns of one character as emit_safe writes it: '?' for what it
 * replaces, and 1 for what the locale cannot measure. */
static int char_width(long cp)
{
	int w;

	if (cp < 0 || emit_unsafe_char(cp))
		return 1;
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

int emit_width(const char *s)
{
	int w = 0;

	for (size_t left = strlen(s); left;) {
		long cp;
		size_t n = emit_utf8_next(s, left, &cp);

		w += char_width(cp);
		s += n;
		left -= n;
	}
	return w;
}

void emit_cell(FILE *f, const char *s, int width, int right)
{
	int pad = width - emit_width(s);

	for (; right && pad > 0; pad--)
		putc(' ', f);
	emit_text(f, s);
	for (; pad > 0; pad--)
		putc(' ', f);
}

/* How many bytes of s[0..len) fit in max columns; their width in *w. */
static size_t fit_columns(const char *s, size_t len, int max, int *w)
{
	size_t n = 0;

	*w = 0;
	while (n < len) {
		long cp;
		size_t k = emit_utf8_next(s + n, len - n, &cp);
		int cw = char_width(cp);

		if (*w + cw > max)
			break;
		*w += cw;
		n += k;
	}
	return n;
}

void emit_clipped_cell(FILE *f, const char *s, int width)
{
	size_t line = strcspn(s, "\n"), n;
	int w;

	n = fit_columns(s, line, width, &w);
	if (n < line || s[line]) {
		n = fit_columns(s, line, width - 3, &w);
		emit_safe(f, s, n);
		fputs("...", f);
		w += 3;
	} else {
		emit_safe(f, s, n);
	}
	for (; w < width; w++)
		putc(' ', f);
}

void emit_clipped(FILE *f, const char *s, size_t max)
{
	size_t n = 0;

	while (s[n] && s[n] != '\n' && n < max)
		n++;
	/* never end inside a UTF-8 sequence */
	if (s[n] && s[n] != '\n')
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	fprintf(f, "%.*s%s", (int)n, s, s[n] ? "..." : "");
}
