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

/* The slot holding key, or the empty slot where it would go.  The stored
 * hash is compared first, so a probe reads only the key it is after: with
 * 100,000 ids the keys are scattered over megabytes, and each one read is a
 * cache miss. */
static struct strmap_slot *find_slot(struct strmap_slot *slots, size_t cap,
				     const char *key, uint64_t h)
{
	size_t i = h & (cap - 1);

	while (slots[i].key && (slots[i].hash != h || strcmp(slots[i].key, key) != 0))
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

void *strmap_get(const struct strmap *m, const char *key)
{
	if (!m->cap)
		return NULL;
	return find_slot(m->slots, m->cap, key, hash_str(key))->value;
}

static int resize(struct strmap *m, size_t cap)
{
	struct strmap_slot *slots = calloc(cap, sizeof *slots);

	if (!slots)
		return -1;
	/* Keys are distinct: each goes to the first free slot of its probe. */
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].key) {
			size_t j = m->slots[i].hash & (cap - 1);

			while (slots[j].key)
				j = (j + 1) & (cap - 1);
			slots[j] = m->slots[i];
		}
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

int strmap_add(struct strmap *m, const char *key, void *value, void **prev)
{
	struct strmap_slot *slot;
	uint64_t h = hash_str(key);

	if (strmap_reserve(m, m->n + 1) < 0)
		return -1;
	slot = find_slot(m->slots, m->cap, key, h);
	if (slot->key) {
		*prev = slot->value;
		return 1;
	}
	*slot = (struct strmap_slot){ key, value, h };
	m->n++;
	return 0;
}

int strmap_put(struct strmap *m, const char *key, void *value)
{
	struct strmap_slot *slot;
	uint64_t h = hash_str(key);

	/* Keep the load under 1/2 so probes stay short. */
	if (strmap_reserve(m, m->n + 1) < 0)
		return -1;
	slot = find_slot(m->slots, m->cap, key, h);
	if (!slot->key) {
		slot->key = key;
		slot->hash = h;
		m->n++;
	}
	slot->value = value;
	return 0;
}
