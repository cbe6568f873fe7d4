/*
 * emit — writing values into JSON, CSV and terminal output safely.
 * Strings are UTF-8; control characters are escaped in JSON, and CSV
 * fields are quoted when they need to be (RFC 4180).
 *
 * The terminal sanitiser is the one definition of what may reach a
 * terminal: the bank loader refuses text with any character that
 * emit_unsafe_char names (newline excepted), and whatever is printed that
 * the loader has not checked (file names, messages quoting them) goes
 * through emit_safe.
 */
#ifndef ROLECALL_EMIT_H
#define ROLECALL_EMIT_H

#include <stddef.h>
#include <stdio.h>

/* Write s as a JSON string literal, quotes included; NULL writes null. */
void emit_json_string(FILE *f, const char *s);

/* Write s as one CSV field (quoted when it holds , " CR or LF, or another
 * C0 control).  What emit_unsafe_char names, newline excepted,
 * and bytes that are not UTF-8 are written as '?', as emit_safe does.  A field
 * a spreadsheet would take for a formula (it begins with = + - @, tab or
 * CR) is written quoted, after an apostrophe: '=1+1 reads as text. */
void emit_csv_field(FILE *f, const char *s);

/* Decode the UTF-8 character at s (left > 0 bytes): its length, at least
 * 1, and in *cp its code point, or -1 when the bytes are not valid UTF-8
 * (overlong forms and surrogates included); then the length is 1. */
size_t emit_utf8_next(const char *s, size_t left, long *cp);

/* 1 when code point cp must not reach a terminal as it is: C0 controls
 * (newline included), DEL and C1 controls, which start escape sequences,
 * and the bidirectional embeddings, overrides and isolates, which can make
 * a line display differently from what it is. */
int emit_unsafe_char(long cp);

/* 1 when code point cp prints as nothing, or only changes how the text
 * around it prints: zero-width spaces and joiners, bidirectional marks,
 * embeddings and isolates, variation selectors, tag characters, fillers,
 * line and paragraph separators.  A name holding one prints exactly like
 * the name without it, so names refuse them. */
int emit_invisible_char(long cp);

/* Write len bytes of s with every unsafe character and every byte that is
 * not valid UTF-8 as '?'. */
void emit_safe(FILE *f, const char *s, size_t len);

/* emit_safe of the NUL-terminated s; NULL writes nothing. */
void emit_text(FILE *f, const char *s);

/* The terminal columns s takes as emit_safe writes it: each character's
 * wcwidth in the current locale (0 for a combining mark, 2 for a wide
 * one), 1 for one replaced or that the locale cannot measure. */
int emit_width(const char *s);

/* s through emit_safe in at least width columns: padded with spaces after
 * it (before it when right is 1), by display width, never cut, so that no
 * two different values print alike. */
void emit_cell(FILE *f, const char *s, int width, int right);

/* The first line of s through emit_safe in exactly width columns (at
 * least 4): padded with spaces after it, or, when it is wider or more
 * lines follow, cut on a character boundary with "..." in the last three
 * columns.  A table's cell for text that may be long. */
void emit_clipped_cell(FILE *f, const char *s, int width);

/* Write s as HTML text or an attribute value (quoted with "): & < > " and '
 * as entities, a line break as the character reference &#10; (white space
 * in text, itself in an attribute, <title> or SVG), and what emit_safe
 * replaces as '?', so that no user text can open a tag, end an attribute
 * or start a script.  NULL writes nothing. */
void emit_html(FILE *f, const char *s);
/* The same for a paragraph of body text, whose line breaks show: <br>. */
void emit_html_lines(FILE *f, const char *s);

/* Write the first line of s, at most max bytes of it and never part of a
 * UTF-8 character, with "..." when anything was left out: one row of a
 * table.  s is text the bank loader has checked. */
void emit_clipped(FILE *f, const char *s, size_t max);

#endif
