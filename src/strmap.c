#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return h;
}

void strmap_init(struct strmap *m)
{
	m->slots = NULL;
	m->cap = 0;
	m->n = 0;
}

void strmap_free(struct strmap *m)
{
	free(m->slots);
	strmap_init(m);
}

static struct strmap_slot *find_slot(struct strmap_slot *slots, size_t cap,
				     const char *key)
{
	size_t i = hash_str(key) & (cap - 1);

	while (slots[i].key && strcmp(slots[i].key, key) != 0)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

void *strmap_get(const struct strmap *m, const char *key)
{
	if (!m->cap)
		return NULL;
	return find_slot(m->slots, m->cap, key)->value;
}

static int resize(struct strmap *m, size_t cap)
{
	struct strmap_slot *slots = calloc(cap, sizeof *slots);

	if (!slots)
		return -1;
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].key)
			*find_slot(slots, cap, m->slots[i].key) = m->slots[i];
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
	return 0;
}

int strmap_reserve(struct strmap *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 64;

	while ((n + 1) * 2 > cap)
		cap *= 2;
	return cap == m->cap ? 0 : resize(m, cap);
}

int strmap_put(struct strmap *m, const char *key, void *value)
{
	struct strmap_slot *slot;

	/* Keep the load under 1/2 so probes stay short. */
	if (strmap_reserve(m, m->n + 1) < 0)
		return -1;
	slot = find_slot(m->slots, m->cap, key);
	if (!slot->key) {
		slot->key = key;
		m->n++;
	}
	slot->value = value;
	return 0;
}
