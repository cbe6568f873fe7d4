/*
 * rng — a small seeded random number generator (xoshiro256**, seeded by
 * splitmix64).  Sessions, the simulator and tests take one as a parameter,
 * so a seed replays everything exactly on every machine.
 */
#ifndef ROLECALL_RNG_H
#define ROLECALL_RNG_H

#include <stdint.h>

struct rng {
	uint64_t s[4];
};

void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n); n > 0. */
uint64_t rng_below(struct rng *r, uint64_t n);
/* Uniform in [0, 1). */
double rng_unit(struct rng *r);
/* Shuffle n unsigned values in place (Fisher-Yates). */
void rng_shuffle(struct rng *r, unsigned *v, unsigned n);

#endif
