/*
 * ui — the ncurses front end: menu, bank picker, questions, feedback,
 * session summary and stats, in a terminal of at least UI_MIN_COLS x
 * UI_MIN_ROWS (smaller terminals get a "terminal too small" screen until
 * they grow).  Private to the executable.
 *
 * ui_main opens the app (banks, database, profile), runs the screens and
 * closes everything before it returns; the terminal is restored on every
 * path out, including SIGINT, SIGTERM and SIGHUP (then the status is
 * 128 + the signal number).  Errors are printed on stderr after the
 * terminal is restored.
 *
 * The text functions below are pure (no curses), so unit tests can link
 * ui_text.c alone.  They work on wide characters decoded by
 * ui_text_sanitize, never on raw bank bytes.
 */
#ifndef ROLECALL_UI_H
#define ROLECALL_UI_H

#include <stddef.h>
#include <wchar.h>

struct options;

#define UI_MIN_COLS 60
#define UI_MIN_ROWS 16

enum ui_start { UI_START_MENU, UI_START_PRACTICE, UI_START_DRILL, UI_START_STATS, UI_START_EXAM,
	       UI_START_TRIVIA, UI_START_ROLES };

/* Run the terminal UI from the given screen; returns the exit status:
 * EXIT_OK, EXIT_FAIL (message printed), or 128 + a signal number. */
int ui_main(const struct options *cli, enum ui_start start);

/* 0 when this terminal is one the full-screen UI cannot drive but line
 * mode can: a type that cannot move the cursor (TERM=dumb) or, with
 * need_size, smaller than UI_MIN_COLS x UI_MIN_ROWS; the reason is then in
 * why (always terminated), for a command that falls back to line mode.
 * Otherwise 1: an unset or unknown TERM is ui_main's to report. */
int ui_usable(int need_size, char *why, size_t cap);

/* ---- text (ui_text.c, pure) ------------------------------------------- */

/* Decode UTF-8 into wide characters that are safe to print.  Control
 * characters (C0 other than newline, DEL, C1) and invalid bytes become
 * U+FFFD; newline is kept as a line break.  With ascii set (a terminal
 * that is not UTF-8) typographic characters become ASCII look-alikes
 * (curly quotes, dashes, arrows, block elements) and anything else that
 * is not ASCII becomes '?'.  Writes at most cap - 1 characters and a
 * terminating L'\0' (cap must be at least 1); returns the length. */
size_t ui_text_sanitize(const char *utf8, int ascii, wchar_t *out, size_t cap);

/* Columns one character takes: wcwidth, with anything unprintable
 * counted as one column (the sanitiser already replaced it). */
int ui_text_char_width(wchar_t c);

/* Columns taken by the first n characters of s. */
int ui_text_width(const wchar_t *s, size_t n);

/* One line of s[0..len) wrapped to width columns (width >= 1): breaks
 * after a space or at a newline when it can, inside a word only when the
 * word alone is wider than the line, never inside a character.  Returns
 * the line's length in characters without trailing blanks; *next gets
 * where the following line starts (its leading blanks skipped).  At the
 * end of s it returns 0 with *next == len. */
size_t ui_text_break(const wchar_t *s, size_t len, int width, size_t *next);

/* How many rows s[0..len) takes wrapped to width columns (0 when empty). */
int ui_text_rows(const wchar_t *s, size_t len, int width);

/* The longest prefix of s[0..len) that fits in width columns. */
size_t ui_text_fit(const wchar_t *s, size_t len, int width);
/* Where pat (m characters) first occurs in s[from, len), ignoring case as
 * towlower sees it, so "product" finds "Product"; len when it does not. */
size_t ui_text_find(const wchar_t *s, size_t len, const wchar_t *pat, size_t m, size_t from);

#endif
