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

int report_grow(void *vp, size_t *cap, size_t n, size_t size, size_t first)
{
	size_t want;
	void *v;

	if (n < *cap)
		return 0;
	want = *cap ? *cap * 2 : first;
	/* vp points at a typed pointer: copy it out and back rather than alias it */
	memcpy(&v, vp, sizeof v);
	if (!(v = realloc(v, want * size)))
		return -1;
	memcpy(vp, &v, sizeof v);
	*cap = want;
	return 0;
}

long report_person(struct report_people *p, const char *name, int add)
{
	size_t at = (size_t)(uintptr_t)strmap_get(p->map, name);
	char *copy, *rec;

	if (at || !add)
		return (long)at;
	if (report_grow(p->v, &p->cap, *p->n, p->size, 16) < 0)
		return -1;
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
