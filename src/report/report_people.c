/*
 * report_people — the one way the reports that list people (the cohort,
 * the gradebook) keep them: an array of records found by name through a
 * strmap while it is gathered, so that a person met as a learner, in an
 * attempt and as a profile is one row.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "strmap.h"

long report_person(struct report_people *p, const char *name, int add)
{
	size_t at = (size_t)(uintptr_t)strmap_get(p->map, name);
	char *copy, *rec;

	if (at || !add)
		return (long)at;
	if (*p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		void *v = realloc(*p->v, cap * p->size);

		if (!v)
			return -1;
		*p->v = v;
		p->cap = cap;
	}
	rec = (char *)*p->v + *p->n * p->size;
	if (!(copy = strdup(name)) ||
	    strmap_put(p->map, copy, (void *)(uintptr_t)(*p->n + 1)) < 0) {
		free(copy);
		return -1;
	}
	memset(rec, 0, p->size);
	memcpy(rec, &copy, sizeof copy);
	return (long)++*p->n;
}
