/*
 * emit — writing values into JSON and CSV output safely.
 * Strings are UTF-8; control characters are escaped in JSON, and CSV
 * fields are quoted when they need to be (RFC 4180).
 */
#ifndef ROLECALL_EMIT_H
#define ROLECALL_EMIT_H

#include <stdio.h>

/* Write s as a JSON string literal, quotes included; NULL writes null. */
void emit_json_string(FILE *f, const char *s);

/* Write s as one CSV field (quoted when it holds , " CR or LF). */
void emit_csv_field(FILE *f, const char *s);

#endif
