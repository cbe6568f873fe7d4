/*
 * input — what a typed answer line means.  Pure; shared by the plain front
 * end and the fuzzer.
 */
#ifndef ROLECALL_INPUT_H
#define ROLECALL_INPUT_H

#include <stddef.h>

enum input_kind {
	INPUT_ANSWER,  /* *position is the 0-based option */
	INPUT_QUIT,    /* q, quit, exit */
	INPUT_HELP,    /* ?, help ('h' is the 8th option) */
	INPUT_EMPTY,   /* nothing but blanks */
	INPUT_INVALID, /* anything else, including an option out of range */
};

/* Parse one line (without or with its newline) for a question with
 * n_options options: "2", "b", "B", " 2 ", "2)" pick option 2. */
enum input_kind input_parse_answer(const char *line, size_t len,
				   unsigned n_options, int *position);

#endif
