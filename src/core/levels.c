/*
 * levels.c: even or log-spaced contour levels (see levels.h).
 */
#include "core/levels.h"

#include <math.h>

/* A 1-2-5 step near span / count. */
static double nice_step(double span, int count)
{
    const double raw = span / count;
    const double p = pow(10.0, floor(log10(raw)));
    const double m = raw / p;
    return (m < 1.5 ? 1.0 : m < 3.5 ? 2.0 : m < 7.5 ? 5.0 : 10.0) * p;
}

/* Share of the finite samples whose plotted height is below the first
 * multiple of lv->step above lv->lo. */
static double share_below_first(const levels *lv, const float *h, int n)
{
    const double first = (floor(lv->lo / lv->step) + 1.0) * lv->step;
    int below = 0, finite = 0;
    for (int i = 0; i < n; i++) {
        if (!isfinite(h[i]))
            continue;
        finite++;
        below += levels_map(lv, h[i]) < first;
    }
    return finite ? (double)below / finite : 0.0;
}

void levels_choose(const float *h, int n, double lo, double hi, levels *out)
{
    const double span = hi - lo > 0 ? hi - lo : 1.0;
    *out = (levels){.log = false, .step = nice_step(span, LEVELS_EVEN_COUNT), .lo = lo, .hi = hi};
    out->flat_share = share_below_first(out, h, n);
    if (out->flat_share <= LEVELS_FLAT_SHARE)
        return;
    /* log10 of the gap to the lowest value, floored LEVELS_LOG_DECADES
     * below the range so the minimum itself is finite */
    const double gap = span * pow(10.0, -LEVELS_LOG_DECADES);
    const levels lg = {.log = true, .base = lo - gap, .step = LEVELS_LOG_STEP,
                       .lo = log10(gap), .hi = log10(span + gap)};
    *out = lg;
    out->flat_share = share_below_first(out, h, n);
}

double levels_map(const levels *lv, double f)
{
    return lv->log ? log10(f - lv->base) : f;
}

double levels_unmap(const levels *lv, double v)
{
    return lv->log ? lv->base + pow(10.0, v) : v;
}
