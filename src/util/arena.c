#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
	struct arena_block *next;
	size_t used;
	size_t size;
	alignas(max_align_t) unsigned char data[];
};

void arena_init(struct arena *a, size_t block_size)
{
	a->head = NULL;
	a->block_size = block_size ? block_size : 64 * 1024;
}

void arena_free(struct arena *a)
{
	struct arena_block *b = a->head;

	while (b) {
		struct arena_block *next = b->next;

		free(b);
		b = next;
	}
	a->head = NULL;
}

void arena_reset(struct arena *a)
{
	struct arena_block *b = a->head;

	if (!b)
		return;
	/* Keep the newest block (the list is newest-first) and drop the rest. */
	while (b->next) {
		struct arena_block *next = b->next->next;

		free(b->next);
		b->next = next;
	}
	b->used = 0;
}

/* size bytes at a multiple of align (a power of two, at most that of
 * max_align_t, to which every block's data is aligned). */
static void *arena_alloc_at(struct arena *a, size_t size, size_t align)
{
	struct arena_block *b = a->head;
	size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;

	if (size > SIZE_MAX - sizeof *b)
		return NULL;
	if (!b || at > b->size || b->size - at < size) {
		size_t bsize = size > a->block_size ? size : a->block_size;

		b = malloc(sizeof *b + bsize);
		if (!b)
			return NULL;
		b->used = 0;
		b->size = bsize;
		b->next = a->head;
		a->head = b;
		at = 0;
	}
	b->used = at + size;
	return b->data + at;
}

void *arena_alloc(struct arena *a, size_t size)
{
	return arena_alloc_at(a, size, alignof(max_align_t));
}

char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	/* Strings need no alignment: packing them saves a bank of 100,000
	 * questions some 5 MB of padding. */
	char *p = len < SIZE_MAX ? arena_alloc_at(a, len + 1, 1) : NULL;

	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}
