/*
 * defined.c: where a landscape is defined: f and its gradient finite at a
 * point, and the nearest such point of the domain to one where they are
 * not (a start dropped on sqrt(x) left of 0).
 */
#include "core/landscape.h"

#include <math.h>

bool landscape_defined_at(const landscape *l, const double *x)
{
    landscape_point p;
    landscape_eval(l, x, &p);
    bool ok = isfinite(p.f);
    for (int k = 0; k < l->dim; k++)
        ok = ok && isfinite(p.g[k]);
    return ok;
}

bool landscape_nearest_defined(const landscape *l, const double *x, double *out)
{
    if (landscape_defined_at(l, x)) {
        for (int k = 0; k < l->dim; k++)
            out[k] = x[k];
        return true;
    }
    const int n = l->dim == 1 ? 2000 : 400;
    const int ny = l->dim == 1 ? 0 : n;
    double best = INFINITY, q[2] = {0, 0}, cell[2];
    for (int k = 0; k < l->dim; k++)
        cell[k] = (l->hi[k] - l->lo[k]) / n;
    for (int j = 0; j <= ny; j++)
        for (int i = 0; i <= n; i++) {
            const double p[2] = {l->lo[0] + cell[0] * i, l->dim > 1 ? l->lo[1] + cell[1] * j : 0};
            const double d = hypot(p[0] - x[0], l->dim > 1 ? p[1] - x[1] : 0.0);
            if (d < best && landscape_defined_at(l, p)) {
                best = d;
                q[0] = p[0];
                q[1] = p[1];
            }
        }
    if (!isfinite(best))
        return false;
    /* one cell further from x, if still defined and inside: away from the
     * boundary of where f is defined */
    double r[2] = {q[0], q[1]};
    for (int k = 0; k < l->dim; k++) {
        const double away = q[k] - x[k];
        if (fabs(away) > cell[k]) /* moved along k, not just onto the grid */
            r[k] = q[k] + (away > 0 ? cell[k] : -cell[k]);
    }
    const bool inside = landscape_in_domain(l, r) && landscape_defined_at(l, r);
    for (int k = 0; k < l->dim; k++)
        out[k] = inside ? r[k] : q[k];
    return true;
}
