/*
 * slice.c: a 2D landscape cut along one axis (slice.h).
 */
#include "core/slice.h"

double landscape_slice(const landscape *l, const double *through, int axis, int n, double *t,
                       double *f)
{
    for (int i = 0; i < n; i++) {
        double p[2] = {through[0], through[1]};
        p[axis] = l->lo[axis] + (l->hi[axis] - l->lo[axis]) * i / (n - 1);
        landscape_point v;
        landscape_eval(l, p, &v);
        t[i] = p[axis];
        f[i] = v.f;
    }
    landscape_point at;
    landscape_eval(l, through, &at);
    return at.h[axis][axis];
}
