#include "arena.h"

#include <stdalign.h>
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

void *arena_alloc(struct arena *a, size_t size)
{
	const size_t align = alignof(max_align_t);
	struct arena_block *b = a->head;
	size_t need = (size + align - 1) & ~(align - 1);

	if (need < size)
		return NULL;
	if (!b || b->size - b->used < need) {
		size_t bsize = need > a->block_size ? need : a->block_size;

		b = malloc(sizeof *b + bsize);
		if (!b)
			return NULL;
		b->used = 0;
		b->size = bsize;
		b->next = a->head;
		a->head = b;
	}
	b->used += need;
	return b->data + b->used - need;
}

char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p = arena_alloc(a, len + 1);

	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}
