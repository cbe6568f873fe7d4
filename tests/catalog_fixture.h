/* A catalog from YAML text in a test, or the test fails with the first
 * diagnostic: the one loader the unit tests share.  Include after cmocka.h. */
#ifndef ROLECALL_TEST_CATALOG_FIXTURE_H
#define ROLECALL_TEST_CATALOG_FIXTURE_H

#include <string.h>

#include "rolecall/bank.h"

static inline struct catalog *catalog_from_yaml(const char *file, const char *yaml)
{
	struct catalog *cat = catalog_new();
	struct diag_list d;

	assert_non_null(cat);
	diag_list_init(&d, 10);
	if (catalog_load_buffer(cat, file, yaml, strlen(yaml), &d) != 0)
		fail_msg("%s does not load: %s", file, d.n ? d.items[0].msg : "?");
	diag_list_free(&d);
	return cat;
}

#endif
