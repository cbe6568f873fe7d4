/*
 * strmap — a string-keyed hash map of borrowed keys to borrowed values.
 *
 * The map owns only its table: keys and values must outlive it.  Used for
 * question and role ids, where a bank can hold 100,000 questions.
 */
#ifndef ROLECALL_STRMAP_H
#define ROLECALL_STRMAP_H

#include <stddef.h>
#include <stdint.h>

struct strmap_slot {
	const char *key;
	void *value;
	uint64_t hash; /* of key: probes and resizes need not read the key */
};

struct strmap {
	struct strmap_slot *slots;
	size_t cap; /* power of two, or 0 */
	size_t n;
};

void strmap_init(struct strmap *m);
void strmap_free(struct strmap *m);
void *strmap_get(const struct strmap *m, const char *key);
/* Make room for n keys in all, so that puts up to n cannot fail. */
int strmap_reserve(struct strmap *m, size_t n);
/* Insert or replace; -1 on allocation failure. */
int strmap_put(struct strmap *m, const char *key, void *value);
/* Insert unless the key is there: 0 when inserted, 1 when it was there
 * (*prev = its value, left as it was), -1 on allocation failure.  One probe
 * where strmap_get then strmap_put take two. */
int strmap_add(struct strmap *m, const char *key, void *value, void **prev);

#endif
