/* libFuzzer harness: any bytes through the bank loader must give a clean
 * load or clean errors — no crash, no leak, no sanitizer report. */
#include <stddef.h>
#include <stdint.h>

#include "rolecall/bank.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct catalog *cat = catalog_new();
	struct diag_list d;

	if (!cat)
		return 0;
	diag_list_init(&d, BANK_MAX_ERRORS);
	/* Twice into one catalog: the second load exercises the cross-bank
	 * checks (duplicate ids, role names). */
	catalog_load_buffer(cat, "fuzz.yaml", (const char *)data, size, &d);
	catalog_load_buffer(cat, "fuzz2.yaml", (const char *)data, size, &d);
	for (size_t i = 0; i < d.n; i++)
		if (!d.items[i].msg[0])
			__builtin_trap(); /* every error says something */
	diag_list_free(&d);
	catalog_free(cat);
	return 0;
}
