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

/* Run a session to its end (or EOF, or q); 0 when every answer given was
 * recorded, -1 after printing why not. */
int plain_run(struct app *app, struct session *s, FILE *in, FILE *out);

/* Print a session's summary (shared with the UI's non-terminal paths). */
void plain_summary(const struct app *app, struct session *s, FILE *out);

#endif
