/* libFuzzer harness for the plain-mode answer parser, and for the terminal
 * sanitiser that every printed line goes through. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "rolecall/emit.h"
#include "rolecall/input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* emit_safe's promise: what it writes is valid UTF-8 without one
 * character that could drive a terminal. */
static void check_sanitiser(const char *s, size_t size)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	if (!f)
		return;
	emit_safe(f, s, size);
	fclose(f);
	for (size_t i = 0; i < len;) {
		long cp;
		size_t n = emit_utf8_next(out + i, len - i, &cp);

		if (n < 1 || n > len - i || cp < 0 || emit_unsafe_char(cp))
			__builtin_trap();
		i += n;
	}
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (unsigned n = 1; n <= 8; n++) {
		int pos = -1;
		enum input_kind k = input_parse_answer((const char *)data, size, n, &pos);

		if (k == INPUT_ANSWER && (pos < 0 || pos >= (int)n))
			__builtin_trap();
	}
	check_sanitiser((const char *)data, size);
	return 0;
}
