/* libFuzzer harness for the plain-mode answer parser. */
#include <stddef.h>
#include <stdint.h>

#include "rolecall/input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (unsigned n = 1; n <= 8; n++) {
		int pos = -1;
		enum input_kind k = input_parse_answer((const char *)data, size, n, &pos);

		if (k == INPUT_ANSWER && (pos < 0 || pos >= (int)n))
			__builtin_trap();
	}
	return 0;
}
