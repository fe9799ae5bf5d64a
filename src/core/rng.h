/*
 * rng.h: a small seeded random number generator, so every random draw in
 * optiviz (gradient noise, annealing, particle starts) is reproducible from
 * --seed. xoshiro256** (Blackman & Vigna, "Scrambled linear pseudorandom
 * number generators", 2021) seeded through splitmix64; normal draws by the
 * Box-Muller transform.
 */
#ifndef OPTIVIZ_CORE_RNG_H
#define OPTIVIZ_CORE_RNG_H

#include <stdbool.h>
#include <stdint.h>

typedef struct rng {
    uint64_t s[4];
    bool has_spare; /* Box-Muller makes normals in pairs */
    double spare;
} rng;

/* Seeds the generator; the same seed gives the same sequence everywhere. */
void rng_seed(rng *r, uint64_t seed);
/* Next 64 random bits. */
uint64_t rng_next(rng *r);
/* Uniform double in [0, 1), 53 random bits. */
double rng_uniform(rng *r);
/* Standard normal N(0, 1) draw. */
double rng_normal(rng *r);

#endif
