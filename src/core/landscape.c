/*
 * landscape.c: closed-form value, gradient and Hessian of each catalog
 * landscape, and the catalog itself. Formulas are those of d2l.ai 12.1; the
 * derivatives are worked out by hand and checked against finite differences
 * and closed forms in tests/test_landscape.c.
 */
#include "core/landscape.h"

#include <math.h>
#include <string.h>

static const double PI = 3.14159265358979323846;

/* f(x) = x cos(pi x): the risk of d2l 12.1.
 * f' = cos(pi x) - pi x sin(pi x); f'' = -2 pi sin(pi x) - pi^2 x cos(pi x). */
static void eval_risk(const double *x, landscape_point *out)
{
    const double c = cos(PI * x[0]), s = sin(PI * x[0]);
    out->f = x[0] * c;
    out->g[0] = c - PI * x[0] * s;
    out->h[0][0] = -2.0 * PI * s - PI * PI * x[0] * c;
}

/* g(x) = f(x) + 0.2 cos(5 pi x): the empirical risk of d2l 12.1.
 * g' = f' - pi sin(5 pi x); g'' = f'' - 5 pi^2 cos(5 pi x). */
static void eval_empirical_risk(const double *x, landscape_point *out)
{
    eval_risk(x, out);
    out->f += 0.2 * cos(5.0 * PI * x[0]);
    out->g[0] -= PI * sin(5.0 * PI * x[0]);
    out->h[0][0] -= 5.0 * PI * PI * cos(5.0 * PI * x[0]);
}

/* f(x) = x^3: f'(0) = f''(0) = 0, the 1D saddle point of d2l 12.1.3.2. */
static void eval_cubic(const double *x, landscape_point *out)
{
    out->f = x[0] * x[0] * x[0];
    out->g[0] = 3.0 * x[0] * x[0];
    out->h[0][0] = 6.0 * x[0];
}

/* f(x) = tanh(x): f' = sech^2 x = 1 - tanh^2 x, f'' = -2 tanh x sech^2 x;
 * the vanishing gradient of d2l 12.1.3.3. sech^2 is computed as 1/cosh^2,
 * which keeps full relative precision on the plateau where 1 - tanh^2
 * cancels (at x = 10 the difference is 1e-8 relative). */
static void eval_tanh(const double *x, landscape_point *out)
{
    const double t = tanh(x[0]);
    const double c = cosh(x[0]);
    const double sech2 = 1.0 / (c * c);
    out->f = t;
    out->g[0] = sech2;
    out->h[0][0] = -2.0 * t * sech2;
}

/* f(x, y) = x^2 - y^2: Hessian diag(2, -2), the saddle of d2l 12.1.3.2. */
static void eval_saddle(const double *x, landscape_point *out)
{
    out->f = x[0] * x[0] - x[1] * x[1];
    out->g[0] = 2.0 * x[0];
    out->g[1] = -2.0 * x[1];
    out->h[0][0] = 2.0;
    out->h[1][1] = -2.0;
}

/* f(x) = x^2: d2l 11.3 / 12.3 gradient descent on a quadratic. */
static void eval_quadratic(const double *x, landscape_point *out)
{
    out->f = x[0] * x[0];
    out->g[0] = 2.0 * x[0];
    out->h[0][0] = 2.0;
}

/* f(x) = cosh(x / 2): d2l 12.3.3 Newton's method, convex.
 * f' = sinh(x / 2) / 2, f'' = cosh(x / 2) / 4. */
static void eval_cosh(const double *x, landscape_point *out)
{
    out->f = cosh(0.5 * x[0]);
    out->g[0] = 0.5 * sinh(0.5 * x[0]);
    out->h[0][0] = 0.25 * cosh(0.5 * x[0]);
}

/* f(x) = x cos(c x), c = 0.15 pi: d2l 12.3 nonconvex example.
 * f' = cos(cx) - c x sin(cx); f'' = -2c sin(cx) - c^2 x cos(cx). */
static void eval_nonconvex(const double *x, landscape_point *out)
{
    const double c = 0.15 * PI, cs = cos(c * x[0]), sn = sin(c * x[0]);
    out->f = x[0] * cs;
    out->g[0] = cs - c * x[0] * sn;
    out->h[0][0] = -2.0 * c * sn - c * c * x[0] * cs;
}

/* f(x1, x2) = x1^2 + 2 x2^2: d2l 12.3.2 multivariate gradient descent. */
static void eval_elliptic(const double *x, landscape_point *out)
{
    out->f = x[0] * x[0] + 2.0 * x[1] * x[1];
    out->g[0] = 2.0 * x[0];
    out->g[1] = 4.0 * x[1];
    out->h[0][0] = 2.0;
    out->h[1][1] = 4.0;
}

/* f(x1, x2) = 0.1 x1^2 + 2 x2^2: d2l 12.6 momentum's ill-conditioned problem. */
static void eval_ill_conditioned(const double *x, landscape_point *out)
{
    out->f = 0.1 * x[0] * x[0] + 2.0 * x[1] * x[1];
    out->g[0] = 0.2 * x[0];
    out->g[1] = 4.0 * x[1];
    out->h[0][0] = 0.2;
    out->h[1][1] = 4.0;
}

static const landscape catalog[] = {
    {
        .name = "empirical-risk",
        .lesson = "Risk vs empirical risk: the training loss's minimum is not the risk's",
        .dim = 1,
        .lo = {0.5},
        .hi = {1.5},
        .title = "empirical risk g(x) = x·cos(πx) + 0.2·cos(5πx)",
        .symbol = "g",
        .description = "empirical risk of d2l 12.1: risk plus a ripple; "
                       "its minimum is not the risk's",
        .start = {1.2},
        .lr = 0.01,
        .companion = "risk",
        .n_marks = 2,
        .marks = {
            {.label = "min of empirical risk", .of_function = NULL, .seed = 1.02},
            {.label = "min of risk", .of_function = "risk", .seed = 1.09},
        },
        .eval = eval_empirical_risk,
    },
    {
        .name = "risk",
        .lesson = "Local vs global minimum: gradient descent stops in the nearest basin",
        .dim = 1,
        .lo = {-1.0},
        .hi = {2.0},
        .title = "risk f(x) = x·cos(πx)",
        .symbol = "f",
        .description = "risk of d2l 12.1: a local minimum near -0.27 and the "
                       "global minimum near 1.09",
        .start = {-0.9},
        .lr = 0.05,
        .n_marks = 2,
        .marks = {
            {.label = "local minimum", .seed = -0.27},
            {.label = "global minimum", .seed = 1.09},
        },
        .eval = eval_risk,
    },
    {
        .name = "cubic",
        .lesson = "Saddle point in 1D: f′(0) = f″(0) = 0, the second-derivative test is inconclusive",
        .dim = 1,
        .lo = {-2.0},
        .hi = {2.0},
        .title = "f(x) = x³",
        .symbol = "f",
        .description = "x^3: f'(0) = f''(0) = 0, a saddle point the "
                       "second-derivative test cannot classify",
        .start = {1.5},
        .lr = 0.05,
        .n_marks = 1,
        .marks = {{.label = "saddle point", .seed = 0.0}},
        .eval = eval_cubic,
    },
    {
        .name = "saddle",
        .lesson = "Saddle point in 2D: Hessian eigenvalues 2 and −2, gradient descent leaves along y",
        .dim = 2,
        .lo = {-1.0, -1.0},
        .hi = {1.0, 1.0},
        .title = "f(x, y) = x² − y²",
        .symbol = "f",
        .description = "x^2 - y^2: Hessian diag(2, -2), one positive and one "
                       "negative eigenvalue, a saddle point at 0",
        .start = {0.8, 0.01},
        .lr = 0.1,
        .eval = eval_saddle,
    },
    {
        .name = "tanh",
        .lesson = "Vanishing gradient: on the plateau of tanh, f′(4) ≈ 0.0013 and steps are tiny",
        .dim = 1,
        .lo = {-2.0},
        .hi = {5.0},
        .title = "f(x) = tanh(x)",
        .symbol = "f",
        .description = "tanh: at x = 4 the gradient is 0.0013, a plateau "
                       "where gradient descent barely moves",
        .start = {4.0},
        .lr = 0.5,
        .eval = eval_tanh,
    },
    {
        .name = "quadratic",
        .lesson = "Learning rate: too small crawls, too large overshoots and diverges",
        .title = "f(x) = x²",
        .symbol = "f",
        .dim = 1,
        .lo = {-10.0},
        .hi = {10.0},
        .description = "x^2: d2l 12.3 gradient descent from x = 10 (lr 0.2 converges, "
                       "1.1 diverges)",
        .start = {10.0},
        .lr = 0.2,
        .n_marks = 1,
        .marks = {{.label = "global minimum", .seed = 0.0}},
        .eval = eval_quadratic,
    },
    {
        .name = "cosh",
        .lesson = "Newton's method: on a convex function it converges in a few steps",
        .title = "f(x) = cosh(x/2)",
        .symbol = "f",
        .dim = 1,
        .lo = {-12.0},
        .hi = {12.0},
        .description = "cosh(x/2): d2l 12.3.3 Newton's method on a convex function",
        .start = {10.0},
        .lr = 0.2,
        .n_marks = 1,
        .marks = {{.label = "global minimum", .seed = 0.0}},
        .eval = eval_cosh,
    },
    {
        .name = "nonconvex",
        .lesson = "Nonconvex: a large learning rate jumps basins; Newton may climb",
        .title = "f(x) = x·cos(0.15πx)",
        .symbol = "f",
        .dim = 1,
        .lo = {-15.0},
        .hi = {15.0},
        .description = "x*cos(0.15*pi*x): d2l 12.3 nonconvex example",
        .start = {10.0},
        .lr = 0.2,
        .eval = eval_nonconvex,
    },
    {
        .name = "elliptic",
        .lesson = "Gradient descent in 2D: the path follows the steepest descent",
        .title = "f(x₁, x₂) = x₁² + 2x₂²",
        .symbol = "f",
        .dim = 2,
        .lo = {-5.5, -3.0},
        .hi = {1.0, 1.0},
        .description = "x1^2 + 2*x2^2: d2l 12.3.2 gradient descent from (-5, -2)",
        .start = {-5.0, -2.0},
        .lr = 0.1,
        .eval = eval_elliptic,
    },
    {
        .name = "ill-conditioned",
        .lesson = "Ill-conditioned: momentum speeds up the slow direction",
        .title = "f(x₁, x₂) = 0.1x₁² + 2x₂²",
        .symbol = "f",
        .dim = 2,
        .lo = {-5.5, -3.0},
        .hi = {1.0, 1.0},
        .description = "0.1*x1^2 + 2*x2^2: d2l 12.6 momentum from (-5, -2)",
        .start = {-5.0, -2.0},
        .lr = 0.4,
        .eval = eval_ill_conditioned,
    },
};

enum { CATALOG_COUNT = (int)(sizeof catalog / sizeof catalog[0]) };

int landscape_count(void)
{
    return CATALOG_COUNT;
}

const landscape *landscape_at(int i)
{
    return (i >= 0 && i < CATALOG_COUNT) ? &catalog[i] : NULL;
}

const landscape *landscape_find(const char *name)
{
    for (int i = 0; name && i < CATALOG_COUNT; i++)
        if (strcmp(catalog[i].name, name) == 0)
            return &catalog[i];
    return NULL;
}

int landscape_index(const landscape *l)
{
    for (int i = 0; i < CATALOG_COUNT; i++)
        if (&catalog[i] == l)
            return i;
    return -1;
}

void landscape_eval(const landscape *l, const double *x, landscape_point *out)
{
    memset(out, 0, sizeof *out);
    l->eval(x, out);
}

bool landscape_in_domain(const landscape *l, const double *x)
{
    for (int k = 0; k < l->dim; k++)
        if (!(x[k] >= l->lo[k] && x[k] <= l->hi[k]))
            return false;
    return true;
}

bool landscape_critical_1d(const landscape *l, double seed, double *x_out)
{
    double x = seed;
    for (int it = 0; it < 50; it++) {
        landscape_point p;
        landscape_eval(l, &x, &p);
        if (p.h[0][0] == 0.0 || !isfinite(p.h[0][0]))
            return p.g[0] == 0.0 ? (*x_out = x, true) : false;
        const double step = p.g[0] / p.h[0][0];
        x -= step;
        if (!isfinite(x))
            return false;
        if (fabs(step) <= 1e-15 * fmax(1.0, fabs(x))) {
            *x_out = x;
            return true;
        }
    }
    return false;
}
