/*
 * levels.h: which heights a contour map draws its isolines at. Evenly
 * spaced levels suit a bowl; when f spans decades (Rosenbrock: 0 at the
 * minimum, 2509 in a corner) they leave the valley the runners walk in
 * below the first line, one flat band. Then the map is drawn in log10 of
 * the gap to f's lowest value, with a line every half decade, so the
 * levels are dense where the runners are. The rule: levels are log-spaced
 * when more than LEVELS_FLAT_SHARE of the samples lie below the first even
 * level above the lowest value.
 */
#ifndef OPTIVIZ_CORE_LEVELS_H
#define OPTIVIZ_CORE_LEVELS_H

#include <stdbool.h>

#define LEVELS_EVEN_COUNT 14     /* about this many even levels over the range */
#define LEVELS_FLAT_SHARE 0.25   /* share of samples below the first level that is too many */
#define LEVELS_LOG_DECADES 4.0   /* decades shown below the range's top in log mode */
#define LEVELS_LOG_STEP 0.5      /* decades between log-mode levels */

typedef struct levels {
    bool log;          /* the plotted height is log10(f - base) */
    double base;       /* log mode: f's lowest sample minus the floor gap */
    double step;       /* spacing of the levels in plotted height (f, or decades) */
    double lo, hi;     /* plotted height of the lowest and highest sample */
    double flat_share; /* share of samples below the first level (of the mode chosen) */
} levels;

/* Chooses the levels for n samples h of f (non-finite ones ignored) whose
 * finite range is [lo, hi]. Even levels: a 1-2-5 step giving about
 * LEVELS_EVEN_COUNT lines. */
void levels_choose(const float *h, int n, double lo, double hi, levels *out);

/* The plotted height of value f (f itself, or log10(f - base)). */
double levels_map(const levels *lv, double f);

/* The value f of plotted height v (the inverse of levels_map). */
double levels_unmap(const levels *lv, double v);

#endif
