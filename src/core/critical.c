/*
 * critical.c: critical points of a landscape in a box and their kinds.
 *
 * 1D roots of f' come from a scan of a fine grid (roots_1d): each interval
 * where f' changes sign brackets one root, polished by Newton on f' with
 * bisection as a safeguard (Numerical Recipes' rtsafe); a grid node where f'
 * is exactly 0 is a root; a local minimum of |f'| without a sign change is
 * tried with Newton and kept when it converges to a zero of f' (a double
 * root such as x^3 at 0, where Newton converges linearly). The same scan
 * runs along the box's four edges in 2D, to know f's extremes there.
 *
 * 2D: Newton on the gradient, x <- x - H^-1 g (2x2 solve by Cramer's rule),
 * from a grid of seeds; a seed whose Hessian turns singular or whose iterate
 * runs far off is dropped. Points closer than 1e-6 of the box's diagonal are
 * merged, keeping the one with the smallest gradient.
 *
 * Classification (the second-derivative test, d2l.ai 12.1.3 and 11.2):
 * f'' > 0 or both eigenvalues > 0 a minimum, < 0 a maximum, eigenvalues of
 * opposite signs a saddle; a value within 1e-6 of the local Hessian size of
 * zero makes it degenerate; a Hessian that is not finite there (NaN or
 * infinite: relu(x)^1.5 at 0) leaves it undefined, with no verdict read
 * from NaN. Global means extreme over the closed box. A 1D stretch where f'
 * is exactly 0 at neighbouring grid nodes (a constant, relu for x < 0) is
 * reported as a stretch, not as thousands of points.
 */
#include "core/critical.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { DEFAULT_INTERVALS = 20000, DEFAULT_SEEDS = 40, NEWTON_MAX = 200 };

static const double MERGE_REL = 1e-6;   /* same point: closer than this x box size */
static const double DEGEN_REL = 1e-6;   /* zero eigenvalue: below this x local size */
static const double TIE_REL = 1e-9;     /* same value: closer than this x f's range */
static const double INSIDE_REL = 1e-9;  /* margin of the closed box, x its size */

/* f restricted to one coordinate: t is coordinate axis, the others fixed.
 * For a 1D landscape axis 0 and nothing fixed. */
typedef struct line_fn {
    const landscape *land;
    int axis;
    double fixed[2];
} line_fn;

static void line_eval(const line_fn *ln, double t, double *f, double *g, double *h)
{
    double x[2] = {ln->fixed[0], ln->fixed[1]};
    x[ln->axis] = t;
    landscape_point p;
    landscape_eval(ln->land, x, &p);
    *f = p.f;
    *g = p.g[ln->axis];
    *h = p.h[ln->axis][ln->axis];
}

/* Root of g in [a, b] where ga and gb have opposite signs: Newton's step
 * when it stays in the bracket, else bisection; the bracket shrinks each
 * iteration. */
static double polish_bracket(const line_fn *ln, double a, double b, double ga, double span)
{
    double x = 0.5 * (a + b);
    for (int it = 0; it < NEWTON_MAX; it++) {
        double f, g, h;
        line_eval(ln, x, &f, &g, &h);
        if (g == 0.0 || !isfinite(g))
            return x;
        if ((g < 0.0) == (ga < 0.0)) {
            a = x;
            ga = g;
        } else {
            b = x;
        }
        double xn = x - g / h;
        const double tol = 4.0 * DBL_EPSILON * fabs(x) + 1e-3 * DBL_EPSILON * span;
        const bool newton = h != 0.0 && isfinite(xn) && xn >= a && xn <= b;
        if (newton && fabs(xn - x) <= tol) /* converged (x may be an end of the bracket) */
            return xn;
        if (!(newton && xn > a && xn < b))
            xn = 0.5 * (a + b);
        if (b - a <= tol)
            return xn;
        x = xn;
    }
    return x;
}

/* A double root near x0 (f' touches zero): Newton on f' kept in [a, b].
 * True with the root when it converges there and f' vanishes to within
 * gtol. */
static bool polish_touch(const line_fn *ln, double x0, double a, double b, double span,
                         double gtol, double *root)
{
    double x = x0;
    for (int it = 0; it < NEWTON_MAX; it++) {
        double f, g, h;
        line_eval(ln, x, &f, &g, &h);
        if (g == 0.0) {
            *root = x;
            return true;
        }
        if (h == 0.0 || !isfinite(g) || !isfinite(h))
            return false;
        const double xn = x - g / h;
        if (!(xn >= a && xn <= b))
            return false;
        const double tol = 4.0 * DBL_EPSILON * fabs(xn) + 1e-3 * DBL_EPSILON * span;
        if (fabs(xn - x) <= tol) {
            line_eval(ln, xn, &f, &g, &h);
            *root = xn;
            return fabs(g) <= gtol;
        }
        x = xn;
    }
    return false;
}

/* Zeros of f' of ln on [lo, hi] scanned on n intervals, ascending, merged
 * closer than MERGE_REL of the span. Writes at most 2n + 2 of them to out
 * (allocated by the caller) and the count; flo/fhi get the extremes of f
 * over the grid nodes and the roots. */
static int roots_1d(const line_fn *ln, double lo, double hi, int n, double *out, double *gs,
                    double *flo, double *fhi, critical_set *flats)
{
    const double span = hi - lo;
    double gmax = 0.0;
    for (int i = 0; i <= n; i++) {
        const double t = i == n ? hi : lo + span * i / n;
        double f, h;
        line_eval(ln, t, &f, &gs[i], &h);
        if (isfinite(gs[i]))
            gmax = fmax(gmax, fabs(gs[i]));
        if (isfinite(f)) {
            *flo = fmin(*flo, f);
            *fhi = fmax(*fhi, f);
        }
    }
    int count = 0;
    for (int i = 0; i <= n; i++) {
        const double t = i == n ? hi : lo + span * i / n;
        const double g = gs[i];
        if (!isfinite(g))
            continue;
        if (g == 0.0) {
            /* f' = 0 at neighbouring nodes too: a flat stretch (a constant
             * f, relu on x < 0), every point of which is critical; it is
             * reported as a stretch, not node by node */
            const bool flat = (i > 0 && gs[i - 1] == 0.0) || (i < n && gs[i + 1] == 0.0);
            if (!flat)
                out[count++] = t;
            else if (flats && flats->n_flat > 0 && i > 0 && gs[i - 1] == 0.0)
                flats->flat_hi[flats->n_flat - 1] = t;
            else if (flats && flats->n_flat < CRITICAL_MAX_FLAT) {
                flats->flat_lo[flats->n_flat] = flats->flat_hi[flats->n_flat] = t;
                flats->n_flat++;
            }
            continue;
        }
        if (i < n && isfinite(gs[i + 1]) && g * gs[i + 1] < 0.0) {
            const double tn = i + 1 == n ? hi : lo + span * (i + 1) / n;
            out[count++] = polish_bracket(ln, t, tn, g, span);
        }
        /* f' touches zero near an interior node: |f'| smallest there, same
         * sign on both sides */
        if (i > 0 && i < n && isfinite(gs[i - 1]) && isfinite(gs[i + 1]) &&
            fabs(g) <= fabs(gs[i - 1]) && fabs(g) <= fabs(gs[i + 1]) && g * gs[i - 1] > 0.0 &&
            g * gs[i + 1] > 0.0) {
            const double a = lo + span * (i - 1) / n;
            const double b = i + 1 == n ? hi : lo + span * (i + 1) / n;
            double r;
            if (polish_touch(ln, t, a, b, span, 1e-10 * gmax, &r))
                out[count++] = r;
        }
    }
    /* ascending, then merged; a double root found from two nodes is one */
    for (int i = 1; i < count; i++)
        for (int j = i; j > 0 && out[j] < out[j - 1]; j--) {
            const double s = out[j];
            out[j] = out[j - 1];
            out[j - 1] = s;
        }
    int m = 0;
    for (int i = 0; i < count; i++) {
        if (m > 0 && out[i] - out[m - 1] <= MERGE_REL * span) {
            double f, ga, gb, h;
            line_eval(ln, out[m - 1], &f, &ga, &h);
            line_eval(ln, out[i], &f, &gb, &h);
            if (fabs(gb) < fabs(ga))
                out[m - 1] = out[i];
            continue;
        }
        out[m++] = out[i];
    }
    for (int i = 0; i < m; i++) {
        double f, g, h;
        line_eval(ln, out[i], &f, &g, &h);
        if (isfinite(f)) {
            *flo = fmin(*flo, f);
            *fhi = fmax(*fhi, f);
        }
    }
    return m;
}

void critical_eigen2(double a, double b, double c, double lambda[2], double vec[2][2])
{
    const double m = 0.5 * (a + c);
    const double r = hypot(0.5 * (a - c), b);
    /* the eigenvalue of larger magnitude, then the other from the determinant */
    const double big = m >= 0.0 ? m + r : m - r;
    const double small = big != 0.0 ? (a * c - b * b) / big : 0.0;
    lambda[0] = fmin(big, small);
    lambda[1] = fmax(big, small);
    if (!vec)
        return;
    for (int i = 0; i < 2; i++) {
        const double l = lambda[i];
        /* (h - l I) v = 0: v = (b, l - a) or (l - c, b), the longer one */
        double v[2] = {b, l - a};
        const double w[2] = {l - c, b};
        if (hypot(w[0], w[1]) > hypot(v[0], v[1])) {
            v[0] = w[0];
            v[1] = w[1];
        }
        const double n = hypot(v[0], v[1]);
        if (n == 0.0 || !isfinite(n)) { /* a multiple of the identity */
            vec[i][0] = i == 0 ? 1.0 : 0.0;
            vec[i][1] = i == 0 ? 0.0 : 1.0;
        } else {
            vec[i][0] = v[0] / n;
            vec[i][1] = v[1] / n;
        }
    }
}

double critical_lowest_min(const critical_set *s)
{
    double best = NAN;
    for (int i = 0; i < s->count; i++)
        if (s->points[i].kind == CRITICAL_GLOBAL_MIN && !(s->points[i].f >= best))
            best = s->points[i].f;
    return best;
}

const char *critical_kind_name(critical_kind k)
{
    switch (k) {
    case CRITICAL_GLOBAL_MIN:
        return "global-min";
    case CRITICAL_LOCAL_MIN:
        return "local-min";
    case CRITICAL_GLOBAL_MAX:
        return "global-max";
    case CRITICAL_LOCAL_MAX:
        return "local-max";
    case CRITICAL_SADDLE:
        return "saddle";
    case CRITICAL_DEGENERATE:
        return "degenerate";
    case CRITICAL_UNDEFINED:
        return "undefined";
    }
    return "?";
}

/* Largest |eigenvalue| of the Hessian at x and at x -+ 1e-3 of the box along
 * each axis: the Hessian's size around the point, against which a small
 * eigenvalue is called zero (it stays meaningful when the Hessian vanishes
 * at the point itself, as for x^3 and the monkey saddle at 0). */
static double hessian_size(const landscape *l, const double *x, const double *span)
{
    double size = 0.0;
    for (int k = -1; k < 2 * l->dim; k++) {
        double y[2] = {x[0], l->dim == 2 ? x[1] : 0.0};
        if (k >= 0)
            y[k / 2] += (k % 2 ? 1e-3 : -1e-3) * span[k / 2];
        landscape_point p;
        landscape_eval(l, y, &p);
        double lam[2];
        critical_eigen2(p.h[0][0], p.h[0][1], p.h[1][1], lam, NULL);
        const double s = fmax(fabs(lam[0]), fabs(lam[1]));
        if (isfinite(s))
            size = fmax(size, s);
    }
    return size;
}

/* Kind from the test alone (minima and maxima local for now). */
static critical_kind test_kind(double l1, double l2, double size)
{
    if (!isfinite(l1) || !isfinite(l2)) /* f'' does not exist there: no verdict */
        return CRITICAL_UNDEFINED;
    const double tol = DEGEN_REL * size;
    if (fabs(l1) <= tol || fabs(l2) <= tol)
        return CRITICAL_DEGENERATE;
    if (l1 > 0.0)
        return CRITICAL_LOCAL_MIN;
    if (l2 < 0.0)
        return CRITICAL_LOCAL_MAX;
    return CRITICAL_SADDLE;
}

/* Newton on the gradient from seed; true with the point when it settles. */
static bool newton_2d(const landscape *l, const double *seed, const double *lo, const double *hi,
                      double *x_out, double *gnorm)
{
    double x[2] = {seed[0], seed[1]};
    const double span = hypot(hi[0] - lo[0], hi[1] - lo[1]);
    for (int it = 0; it < NEWTON_MAX; it++) {
        landscape_point p;
        landscape_eval(l, x, &p);
        if (p.g[0] == 0.0 && p.g[1] == 0.0) {
            x_out[0] = x[0], x_out[1] = x[1];
            *gnorm = 0.0;
            return true;
        }
        const double det = p.h[0][0] * p.h[1][1] - p.h[0][1] * p.h[1][0];
        if (det == 0.0 || !isfinite(det))
            return false;
        /* H d = -g by Cramer's rule */
        const double d0 = -(p.h[1][1] * p.g[0] - p.h[0][1] * p.g[1]) / det;
        const double d1 = -(p.h[0][0] * p.g[1] - p.h[1][0] * p.g[0]) / det;
        x[0] += d0;
        x[1] += d1;
        if (!isfinite(x[0]) || !isfinite(x[1]))
            return false;
        for (int k = 0; k < 2; k++) /* far off: it will not come back */
            if (x[k] < lo[k] - 2.0 * (hi[k] - lo[k]) || x[k] > hi[k] + 2.0 * (hi[k] - lo[k]))
                return false;
        const double tol = 4.0 * DBL_EPSILON * hypot(x[0], x[1]) + 1e-3 * DBL_EPSILON * span;
        if (hypot(d0, d1) <= tol) {
            landscape_eval(l, x, &p);
            x_out[0] = x[0], x_out[1] = x[1];
            *gnorm = hypot(p.g[0], p.g[1]);
            return isfinite(*gnorm);
        }
    }
    return false;
}

static int compare_points(const void *pa, const void *pb)
{
    const critical_point *a = pa, *b = pb;
    if (a->x != b->x)
        return a->x < b->x ? -1 : 1;
    if (a->y != b->y)
        return a->y < b->y ? -1 : 1;
    return 0;
}

/* Extremes of f on the box's edge (2D: each edge scanned as a 1D function;
 * its endpoints are the corners) and over the seeds, into flo/fhi. */
static bool edge_extremes(const landscape *l, const double *lo, const double *hi, int n,
                          double *flo, double *fhi)
{
    double *roots = malloc(sizeof(double) * (size_t)(2 * n + 2));
    double *gs = malloc(sizeof(double) * (size_t)(n + 1));
    bool ok = roots && gs;
    for (int e = 0; ok && e < 4; e++) {
        /* edges: y = lo, y = hi (t = x), x = lo, x = hi (t = y) */
        const int axis = e < 2 ? 0 : 1;
        line_fn ln = {.land = l, .axis = axis};
        ln.fixed[1 - axis] = e % 2 ? hi[1 - axis] : lo[1 - axis];
        roots_1d(&ln, lo[axis], hi[axis], n, roots, gs, flo, fhi, NULL);
    }
    free(roots);
    free(gs);
    return ok;
}

static bool find_1d(critical_set *s, const landscape *l, const double *lo, const double *hi,
                    int n, double *flo, double *fhi)
{
    double *roots = malloc(sizeof(double) * (size_t)(2 * n + 2));
    double *gs = malloc(sizeof(double) * (size_t)(n + 1));
    bool ok = false;
    if (!roots || !gs)
        goto cleanup;
    const line_fn ln = {.land = l};
    const int m = roots_1d(&ln, lo[0], hi[0], n, roots, gs, flo, fhi, s);
    s->constant = s->n_flat == 1 && s->flat_lo[0] == lo[0] && s->flat_hi[0] == hi[0];
    s->points = calloc((size_t)(m > 0 ? m : 1), sizeof *s->points);
    if (!s->points)
        goto cleanup;
    const double span[1] = {hi[0] - lo[0]};
    for (int i = 0; i < m; i++) {
        landscape_point p;
        landscape_eval(l, &roots[i], &p);
        critical_point *c = &s->points[s->count++];
        c->x = roots[i];
        c->f = p.f;
        c->d2f = c->lambda1 = c->lambda2 = p.h[0][0];
        c->kind = test_kind(c->d2f, c->d2f, hessian_size(l, &c->x, span));
    }
    ok = true;
cleanup:
    free(roots);
    free(gs);
    return ok;
}

static bool find_2d(critical_set *s, const landscape *l, const double *lo, const double *hi,
                    int n_seeds, double *flo, double *fhi)
{
    const double span[2] = {hi[0] - lo[0], hi[1] - lo[1]};
    const double diag = hypot(span[0], span[1]);
    s->points = calloc((size_t)n_seeds * (size_t)n_seeds, sizeof *s->points);
    double *gnorms = calloc((size_t)n_seeds * (size_t)n_seeds, sizeof *gnorms);
    bool ok = false;
    if (!s->points || !gnorms)
        goto cleanup;
    int nonzero = 0; /* seeds where the gradient is not exactly 0 */
    for (int i = 0; i < n_seeds; i++) {
        for (int j = 0; j < n_seeds; j++) {
            /* seeds at the centers of an n x n grid of cells */
            const double seed[2] = {lo[0] + span[0] * (i + 0.5) / n_seeds,
                                    lo[1] + span[1] * (j + 0.5) / n_seeds};
            landscape_point p;
            landscape_eval(l, seed, &p);
            if (isfinite(p.f)) {
                *flo = fmin(*flo, p.f);
                *fhi = fmax(*fhi, p.f);
            }
            if (p.g[0] != 0.0 || p.g[1] != 0.0)
                nonzero++;
            double x[2], gn;
            if (!newton_2d(l, seed, lo, hi, x, &gn))
                continue;
            bool inside = true;
            for (int k = 0; k < 2; k++)
                inside = inside && x[k] >= lo[k] - INSIDE_REL * span[k] &&
                         x[k] <= hi[k] + INSIDE_REL * span[k];
            if (!inside)
                continue;
            int same = -1;
            for (int q = 0; q < s->count && same < 0; q++)
                if (hypot(s->points[q].x - x[0], s->points[q].y - x[1]) <= MERGE_REL * diag)
                    same = q;
            if (same >= 0 && gnorms[same] <= gn)
                continue;
            const int q = same >= 0 ? same : s->count++;
            s->points[q].x = x[0];
            s->points[q].y = x[1];
            gnorms[q] = gn;
        }
    }
    if (nonzero == 0) { /* a constant: every point is critical, none listed */
        s->constant = true;
        s->count = 0;
    }
    for (int q = 0; q < s->count; q++) {
        critical_point *c = &s->points[q];
        const double x[2] = {c->x, c->y};
        landscape_point p;
        landscape_eval(l, x, &p);
        double lam[2];
        critical_eigen2(p.h[0][0], p.h[0][1], p.h[1][1], lam, NULL);
        c->f = p.f;
        c->lambda1 = lam[0];
        c->lambda2 = lam[1];
        c->kind = test_kind(lam[0], lam[1], hessian_size(l, x, span));
        if (isfinite(p.f)) {
            *flo = fmin(*flo, p.f);
            *fhi = fmax(*fhi, p.f);
        }
    }
    ok = true;
cleanup:
    free(gnorms);
    return ok;
}

bool critical_find(critical_set *s, const landscape *l, const critical_params *p)
{
    const critical_params none = {0};
    if (!p)
        p = &none;
    memset(s, 0, sizeof *s);
    double lo[2] = {p->lo[0], p->lo[1]}, hi[2] = {p->hi[0], p->hi[1]};
    bool given = false;
    for (int k = 0; k < l->dim; k++)
        given = given || lo[k] != 0.0 || hi[k] != 0.0;
    if (!given)
        for (int k = 0; k < 2; k++)
            lo[k] = l->lo[k], hi[k] = l->hi[k];
    for (int k = 0; k < l->dim; k++)
        if (!(isfinite(lo[k]) && isfinite(hi[k]) && lo[k] < hi[k] &&
              isfinite(hi[k] - lo[k])))
            return false;
    const int n = p->intervals > 0 ? p->intervals : DEFAULT_INTERVALS;
    const int seeds = p->seeds > 0 ? p->seeds : DEFAULT_SEEDS;

    /* f's extremes over the closed box: critical points, edge, samples */
    double flo = INFINITY, fhi = -INFINITY;
    if (l->dim == 1) {
        if (!find_1d(s, l, lo, hi, n, &flo, &fhi))
            goto fail;
    } else if (!find_2d(s, l, lo, hi, seeds, &flo, &fhi) ||
               !edge_extremes(l, lo, hi, n, &flo, &fhi)) {
        goto fail;
    }
    const double tie = TIE_REL * (fhi - flo);
    for (int q = 0; q < s->count; q++) {
        critical_point *c = &s->points[q];
        if (c->kind == CRITICAL_LOCAL_MIN && c->f <= flo + tie)
            c->kind = CRITICAL_GLOBAL_MIN;
        else if (c->kind == CRITICAL_LOCAL_MAX && c->f >= fhi - tie)
            c->kind = CRITICAL_GLOBAL_MAX;
    }
    if (s->count > 1)
        qsort(s->points, (size_t)s->count, sizeof *s->points, compare_points);
    return true;
fail:
    critical_free(s);
    return false;
}

void critical_free(critical_set *s)
{
    free(s->points);
    s->points = NULL;
    s->count = 0;
}
