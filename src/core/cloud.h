/*
 * cloud.h: a particle cloud, the statistical form of "noise lets SGD escape
 * local minima" (d2l 12.1, 12.4). N particles start at uniform random points
 * of the landscape's domain and each steps exactly as a runner would (its
 * own optimizer state and random stream; the same noisy-gradient step,
 * sim_noisy_step). After every step each particle is sorted into the basin
 * of a minimum of critical_find, or "moving", or "left", and the counts per
 * basin are kept: with noise, the share at the global minimum grows.
 *
 * Settling rules. 1D: a particle in the domain belongs to the minimum whose
 * basin interval holds it, the interval running from the nearest local
 * maximum (or domain end) on its left to the one on its right; a point in
 * no interval (beyond the last maximum, where f falls off the domain) is
 * moving. 2D: a particle belongs to the nearest minimum when it lies within
 * CLOUD_RADIUS of the domain's diagonal of it and its exact gradient is
 * small: |grad f| below CLOUD_GRAD_TOL * (f's range / diagonal) plus twice
 * the gradient noise's sigma of the step (a gradient lost in the noise is
 * a particle jittering at the minimum, not one heading elsewhere);
 * otherwise moving.
 * A particle outside the domain or with a non-finite iterate has left.
 * Counts always add up to N.
 */
#ifndef OPTIVIZ_CORE_CLOUD_H
#define OPTIVIZ_CORE_CLOUD_H

#include "core/landscape.h"
#include "core/optim.h"
#include "core/rng.h"
#include "core/schedule.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CLOUD_MIN 1
#define CLOUD_MAX 10000
#define CLOUD_DEFAULT 500
#define CLOUD_MAX_MINIMA 16   /* basins tracked (the lowest ones first) */
#define CLOUD_RADIUS 0.05     /* 2D: settled within this share of the diagonal */
#define CLOUD_GRAD_TOL 0.1    /* 2D: and |grad f| below this share of range / diagonal */

/* Basin of a particle besides a minimum's index (0..n_minima-1). */
#define CLOUD_MOVING (-1)
#define CLOUD_LEFT (-2)

typedef struct cloud_params {
    const landscape *land; /* required */
    int n;                 /* particles, CLOUD_MIN..CLOUD_MAX; 0: CLOUD_DEFAULT */
    optim_kind kind;
    optim_params optim;    /* validated by optim_init */
    double noise;          /* gradient noise standard deviation, >= 0 */
    double noise_decay;    /* as runner_params: 0 means 1 */
    schedule sched;        /* learning-rate schedule (zero: constant) */
    uint64_t seed;         /* starts and every particle's stream */
} cloud_params;

/* One light runner: iterate, exact evaluation there, optimizer state, its
 * random stream. */
typedef struct cloud_particle {
    double x[2];
    double start[2];
    landscape_point at;
    optim opt;
    rng rng;
    bool stopped; /* non-finite, or Newton on a singular Hessian: no more steps */
} cloud_particle;

typedef struct cloud_minimum {
    double x, y;   /* y = 0 in 1D */
    double f;
    bool global;   /* kind global-min in critical_find */
    double lo, hi; /* 1D: its basin interval */
    int count;     /* particles in its basin now */
} cloud_minimum;

typedef struct cloud {
    const landscape *land;
    int n;
    cloud_particle *p; /* n particles, owned (cloud_free) */
    double noise;      /* may change while running (noise on/off) */
    double noise_decay;
    schedule sched;
    uint64_t seed;
    long step;         /* steps taken since the start */
    int n_minima;
    cloud_minimum minima[CLOUD_MAX_MINIMA]; /* sorted by x, then y */
    int moving, left;  /* counts outside the minima's basins */
    double diag;       /* domain diagonal (2D radius scale) */
    double f_range;    /* f's range over the domain (2D gradient scale) */
} cloud;

/* Allocates and starts a cloud (particles at seeded uniform random points of
 * the domain), finds the minima and their basins and counts. Returns false
 * with one line in err on bad parameters or no memory; c is then empty
 * (cloud_free is safe on it, as on a zeroed cloud). */
bool cloud_init(cloud *c, const cloud_params *p, char *err, size_t errlen);
void cloud_free(cloud *c);
/* Back to the start: the same starts, optimizer states cleared, streams
 * reseeded (a run is repeated exactly). */
void cloud_reset(cloud *c);
/* One step of every particle not stopped, then the counts. */
void cloud_step(cloud *c);
/* The basin particle i is in now: a minimum's index, CLOUD_MOVING or
 * CLOUD_LEFT. */
int cloud_classify(const cloud *c, int i);
/* Share of the particles in the basins of global minima, in [0, 1]. */
double cloud_global_fraction(const cloud *c);

#endif
