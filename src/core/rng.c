/*
 * rng.c: xoshiro256** with splitmix64 seeding, and Box-Muller normals.
 */
#include "core/rng.h"

#include <math.h>

static const double TWO_PI = 6.28318530717958647692;

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

void rng_seed(rng *r, uint64_t seed)
{
    uint64_t st = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&st);
    r->has_spare = false;
    r->spare = 0.0;
}

uint64_t rng_next(rng *r)
{
    uint64_t *s = r->s;
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double rng_uniform(rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

double rng_normal(rng *r)
{
    if (r->has_spare) {
        r->has_spare = false;
        return r->spare;
    }
    double u1 = rng_uniform(r);
    while (u1 <= 0.0)
        u1 = rng_uniform(r);
    const double u2 = rng_uniform(r);
    const double rad = sqrt(-2.0 * log(u1));
    r->spare = rad * sin(TWO_PI * u2);
    r->has_spare = true;
    return rad * cos(TWO_PI * u2);
}
