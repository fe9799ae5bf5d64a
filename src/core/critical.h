/*
 * critical.h: every critical point (zero gradient) of a landscape in a box,
 * with the verdict of the second-derivative (Hessian) test: the lesson of
 * d2l.ai 12.1.3 that a zero gradient can be a minimum, a maximum, a saddle
 * point, or a point the test cannot classify.
 *
 * 1D: sign changes of f' on a fine grid, each polished by Newton's method on
 * f' kept inside its bracket (bisection when a step would leave it), plus
 * grid points where f' is exactly zero and zeros where f' touches 0 without
 * changing sign (a local minimum of |f'| on the grid, polished by Newton and
 * kept only when f' vanishes there: x^3 at 0).
 * 2D: Newton's method on the gradient (solve H d = -g in closed form) from a
 * grid of seeds; converged points inside the closed box (with a margin of
 * 1e-9 of its size for rounding) are kept, and points closer than 1e-6 of
 * the box's diagonal are one point. Where the Hessian vanishes (monkey
 * saddle, x^3) Newton converges only linearly and the point is found to
 * about 1e-18 (printed as such, not rounded to 0).
 *
 * Only points with zero gradient are listed: extrema of f on the box's edge
 * where the gradient is not zero are not critical points and are not
 * reported (no boundary-min / boundary-max rows). The edge is still used to
 * call minima global: see critical_kind.
 */
#ifndef OPTIVIZ_CORE_CRITICAL_H
#define OPTIVIZ_CORE_CRITICAL_H

#include "core/landscape.h"

#include <stdbool.h>

/* The second-derivative test's verdict. A minimum is global when no value of
 * f on the closed box (its interior critical points and its edge) is lower,
 * up to ties within 1e-9 of f's range on the box (Himmelblau's four minima
 * are all global); otherwise local. The same for maxima. Degenerate: f'' or
 * a Hessian eigenvalue is zero within 1e-6 of the Hessian's size around the
 * point, so the test is inconclusive (x^3 at 0, the monkey saddle at 0). */
typedef enum critical_kind {
    CRITICAL_GLOBAL_MIN,
    CRITICAL_LOCAL_MIN,
    CRITICAL_GLOBAL_MAX,
    CRITICAL_LOCAL_MAX,
    CRITICAL_SADDLE,
    CRITICAL_DEGENERATE,
    CRITICAL_UNDEFINED, /* f'' or the Hessian is not finite at the point (NaN, inf):
                         * the test has no verdict (relu(x)^1.5 at 0) */
} critical_kind;

#define CRITICAL_MAX_FLAT 16 /* flat stretches listed at most (1D) */

typedef struct critical_point {
    double x, y;             /* y = 0 for a 1D landscape */
    double f;                /* value at the point */
    double d2f;              /* 1D: f''(x); 2D: 0 */
    double lambda1, lambda2; /* 2D: Hessian eigenvalues, lambda1 <= lambda2;
                              * 1D: both f''(x) (the 1x1 Hessian) */
    critical_kind kind;
} critical_point;

/* Zero means default. */
typedef struct critical_params {
    double lo[2], hi[2]; /* the box, lo < hi per coordinate; all zero: the domain */
    int intervals;       /* 1D grid intervals (and per edge in 2D); 0: 20000 */
    int seeds;           /* 2D Newton seeds per side; 0: 40 (40 x 40 seeds) */
} critical_params;

typedef struct critical_set {
    critical_point *points; /* sorted by x, then y; owned (critical_free) */
    int count;
    bool constant;          /* the gradient is exactly 0 at every grid node (1D) or
                             * seed (2D): every point is critical, none is listed */
    int n_flat;             /* 1D: stretches [flat_lo, flat_hi] where f' = 0 at
                             * neighbouring grid nodes; their points are not listed */
    double flat_lo[CRITICAL_MAX_FLAT], flat_hi[CRITICAL_MAX_FLAT];
} critical_set;

/* Finds and classifies every critical point of l in the box of p (NULL: all
 * defaults). Returns false (set empty) when the box is invalid (lo >= hi or
 * not finite) or memory runs out. The set is freed with critical_free. */
bool critical_find(critical_set *s, const landscape *l, const critical_params *p);
void critical_free(critical_set *s);

/* The lowest value f* among the set's global minima, or NAN when it has
 * none: f falls without bound (x^2 - y^2, x^3) or has no lowest point in the
 * box (tanh). The f* of the loss panel's log10(f - f*). */
double critical_lowest_min(const critical_set *s);

/* "global-min", "local-min", "global-max", "local-max", "saddle",
 * "degenerate", "undefined". */
const char *critical_kind_name(critical_kind k);

/* Eigenvalues of the symmetric 2x2 matrix [[a, b], [b, c]] in closed
 * form, ascending: m -+ r with m = (a + c)/2, r = hypot((a - c)/2, b). The
 * one of smaller magnitude is computed as (ac - b^2) / (the larger), which keeps
 * its relative precision when the other is much larger. vec (may be NULL)
 * gets unit eigenvectors, vec[i] belonging to lambda[i]; for a multiple of
 * the identity the coordinate axes. */
void critical_eigen2(double a, double b, double c, double lambda[2], double vec[2][2]);

#endif
