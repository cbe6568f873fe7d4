/*
 * arena — one owner for many small allocations that die together.
 *
 * The bank model is immutable once loaded, so all its strings and arrays live
 * in one arena and are released by one arena_free.  Allocation failure
 * returns NULL; the arena stays usable.
 */
#ifndef ROLECALL_ARENA_H
#define ROLECALL_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t block_size;
};

void arena_init(struct arena *a, size_t block_size);
void arena_free(struct arena *a);
/* Keep the first block, forget everything else: cheap reuse for scratch. */
void arena_reset(struct arena *a);
void *arena_alloc(struct arena *a, size_t size);
/* Copy len bytes and add a NUL. */
char *arena_strndup(struct arena *a, const char *s, size_t len);

#endif
