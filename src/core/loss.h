/*
 * loss.h: the loss-over-steps series a panel plots: f at the iterates a
 * runner's trail holds, against the step, thinned to a fixed number of
 * samples, optionally as log10(f - f*). Where the gap f - f* is exactly 0
 * (or negative, f* being found numerically) the log has no value: the
 * series holds NAN there, a break in the line, and says at which step, so
 * the panel can write why instead of inventing a floor.
 */
#ifndef OPTIVIZ_CORE_LOSS_H
#define OPTIVIZ_CORE_LOSS_H

#include "core/sim.h"

#define LOSS_MAX_POINTS 512 /* samples per series (a panel is narrower) */

typedef struct loss_series {
    int n;
    double step[LOSS_MAX_POINTS];
    double y[LOSS_MAX_POINTS]; /* f, or after loss_log_gap log10(f - f*) or NAN */
    long zero_step;            /* log: first sample with f - f* == 0 exactly, or -1 */
    long below_step;           /* log: first sample with f < f*, or -1 */
} loss_series;

/* Samples l (the runner's landscape or another one over the same
 * coordinates, e.g. lesson 1's risk) at rn's trail points: at most
 * LOSS_MAX_POINTS evenly spread, the oldest and newest always included. */
void loss_sample(loss_series *c, const runner *rn, const landscape *l);

/* Turns the samples' f into log10(f - fstar); samples where f - fstar <= 0
 * become NAN (a break) and set zero_step / below_step. */
void loss_log_gap(loss_series *c, double fstar);

#endif
