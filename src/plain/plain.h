/*
 * plain — the line-oriented front end: numbered options on stdout, one
 * answer per line on stdin.  For screen readers, pipes and scripted tests;
 * drives the same engine and store as the terminal UI.
 */
#ifndef ROLECALL_PLAIN_H
#define ROLECALL_PLAIN_H

#include <stdio.h>

#include "app.h"
#include "rolecall/engine.h"

/* Invalid lines in a row after which a non-terminal's session stops. */
#define PLAIN_MAX_INVALID 3
/* plain_run's result when it stopped for that. */
#define PLAIN_STOPPED 1

/* Run a session to its end (or EOF, or q); 0 when every answer given was
 * recorded, PLAIN_STOPPED when a non-terminal gave PLAIN_MAX_INVALID
 * invalid answers in a row, -1 after printing why not (both print why). */
int plain_run(struct app *app, struct session *s, FILE *in, FILE *out);

/* The width to wrap line mode's paragraphs at: the terminal's, when out
 * is one; 0 (do not wrap) for a pipe or a file. */
int plain_width(FILE *out);

/* prefix, then text wrapped at word boundaries to width columns (0: one
 * line), later lines indented by indent spaces; then a newline.  Text
 * goes through the terminal sanitiser. */
void plain_para(FILE *out, int width, int indent, const char *prefix, const char *text);

/* Print a session's summary: what the UI's summary screen (ui_summary.c)
 * shows, as lines. */
void plain_summary(const struct app *app, struct session *s, FILE *out);

#endif
