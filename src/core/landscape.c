/*
 * landscape.c: closed-form value, gradient and Hessian of each catalog
 * landscape, and the catalog itself. Formulas are those of d2l.ai 12.1 and
 * the classic test functions (Rosenbrock, Himmelblau, Beale, six-hump camel;
 * see each one's comment); the derivatives are worked out by hand and checked against finite differences
 * and closed forms in tests/test_landscape.c.
 */
#include "core/landscape.h"

#include "core/nls.h"

#include "core/expr.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <ctype.h>
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

/* f(x, y) = x^2 + 2 y^2 (d2l writes x1, x2): d2l 12.3.2 multivariate gradient descent. */
static void eval_elliptic(const double *x, landscape_point *out)
{
    out->f = x[0] * x[0] + 2.0 * x[1] * x[1];
    out->g[0] = 2.0 * x[0];
    out->g[1] = 4.0 * x[1];
    out->h[0][0] = 2.0;
    out->h[1][1] = 4.0;
}

/* f(x, y) = 0.1 x^2 + 2 y^2 (d2l writes x1, x2): d2l 12.6 momentum's ill-conditioned problem. */
static void eval_ill_conditioned(const double *x, landscape_point *out)
{
    out->f = 0.1 * x[0] * x[0] + 2.0 * x[1] * x[1];
    out->g[0] = 0.2 * x[0];
    out->g[1] = 4.0 * x[1];
    out->h[0][0] = 0.2;
    out->h[1][1] = 4.0;
}

/* f(x, y) = x^3 - 3 x y^2, the monkey saddle: gradient (3x^2 - 3y^2, -6xy),
 * Hessian [[6x, -6y], [-6y, -6x]], which vanishes at the origin: a critical
 * point the Hessian test cannot classify (three valleys meet there). */
static void eval_monkey_saddle(const double *x, landscape_point *out)
{
    const double a = x[0], b = x[1];
    out->f = a * a * a - 3.0 * a * b * b;
    out->g[0] = 3.0 * a * a - 3.0 * b * b;
    out->g[1] = -6.0 * a * b;
    out->h[0][0] = 6.0 * a;
    out->h[0][1] = out->h[1][0] = -6.0 * b;
    out->h[1][1] = -6.0 * a;
}

/* f(x, y) = (1 - x)^2 + 100 (y - x^2)^2, Rosenbrock (1960): a curved valley,
 * minimum f(1, 1) = 0. fx = -2(1 - x) - 400 x (y - x^2), fy = 200 (y - x^2);
 * fxx = 2 - 400 y + 1200 x^2, fxy = -400 x, fyy = 200. */
static void eval_rosenbrock(const double *x, landscape_point *out)
{
    const double a = x[0], b = x[1], v = b - a * a;
    out->f = (1.0 - a) * (1.0 - a) + 100.0 * v * v;
    out->g[0] = -2.0 * (1.0 - a) - 400.0 * a * v;
    out->g[1] = 200.0 * v;
    out->h[0][0] = 2.0 - 400.0 * b + 1200.0 * a * a;
    out->h[0][1] = out->h[1][0] = -400.0 * a;
    out->h[1][1] = 200.0;
}

/* f(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2, Himmelblau (1972): four
 * minima of value 0, one maximum, four saddles. With u = x^2 + y - 11 and
 * v = x + y^2 - 7: fx = 4xu + 2v, fy = 2u + 4yv; fxx = 4u + 8x^2 + 2,
 * fxy = 4x + 4y, fyy = 4v + 8y^2 + 2. */
static void eval_himmelblau(const double *x, landscape_point *out)
{
    const double a = x[0], b = x[1];
    const double u = a * a + b - 11.0, v = a + b * b - 7.0;
    out->f = u * u + v * v;
    out->g[0] = 4.0 * a * u + 2.0 * v;
    out->g[1] = 2.0 * u + 4.0 * b * v;
    out->h[0][0] = 4.0 * u + 8.0 * a * a + 2.0;
    out->h[0][1] = out->h[1][0] = 4.0 * a + 4.0 * b;
    out->h[1][1] = 4.0 * v + 8.0 * b * b + 2.0;
}

/* f(x, y) = sum_{i=1..3} u_i^2 with u_i = c_i - x + x y^i, c = (1.5, 2.25,
 * 2.625), Beale (1958): minimum f(3, 0.5) = 0 in a flat, curved valley.
 * With u_i' = (y^i - 1, i x y^(i-1)): f_k = 2 sum u_i u_i,k and
 * f_jk = 2 sum (u_i,j u_i,k + u_i u_i,jk), where u_i,xx = 0,
 * u_i,xy = i y^(i-1), u_i,yy = i (i-1) x y^(i-2). */
static void eval_beale(const double *x, landscape_point *out)
{
    static const double c[3] = {1.5, 2.25, 2.625};
    const double a = x[0], b = x[1];
    const double ypow[4] = {1.0, b, b * b, b * b * b};
    for (int i = 1; i <= 3; i++) {
        const double u = c[i - 1] - a + a * ypow[i];
        const double ux = ypow[i] - 1.0, uy = i * a * ypow[i - 1];
        const double uxy = i * ypow[i - 1];
        const double uyy = i >= 2 ? i * (i - 1) * a * ypow[i - 2] : 0.0;
        out->f += u * u;
        out->g[0] += 2.0 * u * ux;
        out->g[1] += 2.0 * u * uy;
        out->h[0][0] += 2.0 * ux * ux;
        out->h[0][1] += 2.0 * (ux * uy + u * uxy);
        out->h[1][1] += 2.0 * (uy * uy + u * uyy);
    }
    out->h[1][0] = out->h[0][1];
}

/* f(x, y) = (4 - 2.1 x^2 + x^4 / 3) x^2 + x y + (-4 + 4 y^2) y^2, the
 * six-hump camel (Dixon and Szego 1978): six minima, two of them global at
 * (+-0.0898, -+0.7126) with f = -1.0316. fx = 8x - 8.4x^3 + 2x^5 + y,
 * fy = x - 8y + 16y^3; fxx = 8 - 25.2x^2 + 10x^4, fxy = 1, fyy = -8 + 48y^2. */
static void eval_six_hump_camel(const double *x, landscape_point *out)
{
    const double a = x[0], b = x[1], a2 = a * a, b2 = b * b;
    out->f = (4.0 - 2.1 * a2 + a2 * a2 / 3.0) * a2 + a * b + (-4.0 + 4.0 * b2) * b2;
    out->g[0] = 8.0 * a - 8.4 * a2 * a + 2.0 * a2 * a2 * a + b;
    out->g[1] = a - 8.0 * b + 16.0 * b2 * b;
    out->h[0][0] = 8.0 - 25.2 * a2 + 10.0 * a2 * a2;
    out->h[0][1] = out->h[1][0] = 1.0;
    out->h[1][1] = -8.0 + 48.0 * b2;
}

/* One Gaussian well -d exp(-|x - c|^2) added to out: gradient
 * 2 d e (x - c), Hessian 2 d e (I - 2 (x - c)(x - c)^T), e = exp(-|x - c|^2). */
static void add_well(const double *x, double cx, double cy, double d, landscape_point *out)
{
    const double dx = x[0] - cx, dy = x[1] - cy;
    const double e = exp(-(dx * dx + dy * dy));
    out->f -= d * e;
    out->g[0] += 2.0 * d * e * dx;
    out->g[1] += 2.0 * d * e * dy;
    out->h[0][0] += 2.0 * d * e * (1.0 - 2.0 * dx * dx);
    out->h[0][1] += 2.0 * d * e * (-2.0 * dx * dy);
    out->h[1][1] += 2.0 * d * e * (1.0 - 2.0 * dy * dy);
    out->h[1][0] = out->h[0][1];
}

/* f(x, y) = 0.1 (x^2 + y^2) - 2 exp(-|(x, y) - (1.2, 0.6)|^2)
 *           - exp(-|(x, y) - (-1.4, -0.5)|^2):
 * a gentle bowl with a deep well and a shallow one. Critical points (checked
 * with sympy + mpmath in tests/critical_reference.py): global minimum
 * (1.14203, 0.57106) f = -1.82908, local minimum (-1.26696, -0.45225)
 * f = -0.80075, and the saddle between them (-0.26614, -0.03958)
 * f = -0.37124: the noise lesson in 2D (d2l 12.4: noise lets SGD leave the
 * shallow basin). */
static void eval_two_basin(const double *x, landscape_point *out)
{
    out->f = 0.1 * (x[0] * x[0] + x[1] * x[1]);
    out->g[0] = 0.2 * x[0];
    out->g[1] = 0.2 * x[1];
    out->h[0][0] = 0.2;
    out->h[1][1] = 0.2;
    add_well(x, 1.2, 0.6, 2.0, out);
    add_well(x, -1.4, -0.5, 1.0, out);
}

static const landscape catalog[] = {
    {
        .name = "empirical-risk",
        .formula = "x*cos(pi*x) + 0.2*cos(5*pi*x)",
        .lesson = N_("Risk vs empirical risk: the training loss's minimum is not the risk's"),
        .dim = 1,
        .lo = {0.5},
        .hi = {1.5},
        .title = N_("empirical risk g(x) = x·cos(πx) + 0.2·cos(5πx)"),
        .symbol = "g",
        .description = "empirical risk of d2l 12.1: risk plus a ripple; "
                       "its minimum is not the risk's",
        .start = {1.2},
        .lr = 0.01,
        .companion = "risk",
        .n_marks = 2,
        .marks =
            {
                {.label = N_("min of empirical risk"), .of_function = NULL, .seed = 1.02},
                {.label = N_("min of risk"), .of_function = "risk", .seed = 1.09},
            },
        .eval = eval_empirical_risk,
    },
    {
        .name = "risk",
        .formula = "x*cos(pi*x)",
        .lesson = N_("Local vs global minimum: gradient descent stops in the nearest basin"),
        .dim = 1,
        .lo = {-1.0},
        .hi = {2.0},
        .title = N_("risk f(x) = x·cos(πx)"),
        .symbol = "f",
        .description = "risk of d2l 12.1: a local minimum near -0.27 and the "
                       "global minimum near 1.09",
        .start = {-0.9},
        .lr = 0.05,
        .noise = 3.0, /* escapes within 30 s at 8 steps/s for 18 of 20 seeds (test_escape) */
        .n_marks = 2,
        .marks =
            {
                {.label = N_("local minimum"), .seed = -0.27},
                {.label = N_("global minimum"), .seed = 1.09},
            },
        .eval = eval_risk,
    },
    {
        .name = "cubic",
        .formula = "x^3",
        .lesson =
            N_("Saddle point in 1D: f′(0) = f″(0) = 0, the second-derivative test is inconclusive"),
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
        .marks = {{.label = N_("saddle point"), .seed = 0.0}},
        .eval = eval_cubic,
    },
    {
        .name = "saddle",
        .formula = "x^2 - y^2",
        .lesson =
            N_("Saddle point in 2D: Hessian eigenvalues 2 and −2, gradient descent leaves along y"),
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
        .formula = "tanh(x)",
        .lesson =
            N_("Vanishing gradient: on the plateau of tanh, f′(4) ≈ 0.0013 and steps are tiny"),
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
        .formula = "x^2",
        .lesson = N_("Learning rate: too small crawls, too large overshoots and diverges"),
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
        .marks = {{.label = N_("global minimum"), .seed = 0.0}},
        .eval = eval_quadratic,
    },
    {
        .name = "cosh",
        .formula = "cosh(0.5*x)",
        .lesson = N_("Newton's method: on a convex function it converges in a few steps"),
        .title = "f(x) = cosh(x/2)",
        .symbol = "f",
        .dim = 1,
        .lo = {-12.0},
        .hi = {12.0},
        .description = "cosh(x/2): d2l 12.3.3 Newton's method on a convex function",
        .start = {10.0},
        .lr = 0.2,
        .optimizer = "newton",
        .n_marks = 1,
        .marks = {{.label = N_("global minimum"), .seed = 0.0}},
        .eval = eval_cosh,
    },
    {
        .name = "nonconvex",
        .formula = "x*cos(0.15*pi*x)",
        .lesson = N_("Nonconvex: a large learning rate jumps basins; Newton may climb"),
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
        .formula = "x^2 + 2*y^2",
        .lesson = N_("Gradient descent in 2D: the path follows the steepest descent"),
        .title = "f(x, y) = x² + 2y²",
        .symbol = "f",
        .dim = 2,
        .lo = {-5.5, -3.0},
        .hi = {1.0, 1.0},
        .description = "x^2 + 2*y^2: d2l 12.3.2 gradient descent from (-5, -2)",
        .start = {-5.0, -2.0},
        .lr = 0.1,
        .eval = eval_elliptic,
    },
    {
        .name = "ill-conditioned",
        .formula = "0.1*x^2 + 2*y^2",
        .lesson = N_("Ill-conditioned: momentum speeds up the slow direction"),
        .title = "f(x, y) = 0.1x² + 2y²",
        .symbol = "f",
        .dim = 2,
        .lo = {-5.5, -3.0},
        .hi = {1.0, 1.0},
        .description = "0.1*x^2 + 2*y^2: d2l 12.6 momentum from (-5, -2)",
        .start = {-5.0, -2.0},
        .lr = 0.4,
        .eval = eval_ill_conditioned,
    },
    {
        .name = "monkey-saddle",
        .formula = "x^3 - 3*x*y^2",
        .lesson = N_("Monkey saddle: the Hessian vanishes at 0, the test is inconclusive"),
        .title = "f(x, y) = x³ − 3xy²",
        .symbol = "f",
        .dim = 2,
        .lo = {-1.0, -1.0},
        .hi = {1.0, 1.0},
        .description = "x^3 - 3*x*y^2: the Hessian is zero at the origin, a degenerate "
                       "critical point with three valleys",
        .start = {0.8, 0.01},
        .lr = 0.05,
        .eval = eval_monkey_saddle,
    },
    {
        .name = "rosenbrock",
        .formula = "(1 - x)^2 + 100*(y - x^2)^2",
        .lesson = N_("Rosenbrock: a narrow curved valley, gradient descent crawls along it"),
        .title = "f(x, y) = (1 − x)² + 100(y − x²)²",
        .symbol = "f",
        .dim = 2,
        .lo = {-2.0, -1.0},
        .hi = {2.0, 3.0},
        .description = "(1-x)^2 + 100*(y-x^2)^2: Rosenbrock's banana valley, "
                       "minimum at (1, 1)",
        .start = {-1.2, 1.0},
        .lr = 0.001,
        .eval = eval_rosenbrock,
    },
    {
        .name = "himmelblau",
        .formula = "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
        .lesson = N_("Himmelblau: four global minima; the start decides which one"),
        .title = "f(x, y) = (x² + y − 11)² + (x + y² − 7)²",
        .symbol = "f",
        .dim = 2,
        .lo = {-5.0, -5.0},
        .hi = {5.0, 5.0},
        .description = "(x^2+y-11)^2 + (x+y^2-7)^2: four minima of value 0, "
                       "one maximum, four saddles",
        .start = {0.0, 0.0},
        .lr = 0.01,
        .eval = eval_himmelblau,
    },
    {
        .name = "beale",
        .formula = "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
        .lesson = N_("Beale: steep walls and a flat valley floor"),
        .title = "f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²",
        .symbol = "f",
        .dim = 2,
        .lo = {-4.5, -4.5},
        .hi = {4.5, 4.5},
        .description = "Beale's function: minimum at (3, 0.5) in a flat valley, "
                       "saddles at (0, 1) and near (0.1, -2.64)",
        .start = {1.0, 1.0},
        .lr = 0.01,
        .eval = eval_beale,
    },
    {
        .name = "six-hump-camel",
        .formula = "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2",
        .lesson = N_("Six-hump camel: six minima, two of them global"),
        .title = "f(x, y) = (4 − 2.1x² + x⁴/3)x² + xy + (−4 + 4y²)y²",
        .symbol = "f",
        .dim = 2,
        .lo = {-2.0, -1.0},
        .hi = {2.0, 1.0},
        .description = "six-hump camel: six minima, global ones at (0.0898, -0.7126) "
                       "and (-0.0898, 0.7126)",
        .start = {-1.5, 0.9},
        .lr = 0.02,
        .eval = eval_six_hump_camel,
    },
    {
        .name = "two-basin",
        .formula =
            "0.1*(x^2 + y^2) - 2*exp(-(x - 1.2)^2 - (y - 0.6)^2) - exp(-(x + 1.4)^2 - (y + 0.5)^2)",
        .lesson =
            N_("Two basins: noise lets the iterate leave the shallow minimum for the deep one"),
        .title = "f(x, y) = 0.1(x² + y²) − 2·exp(−(x − 1.2)² − (y − 0.6)²) − exp(−(x + 1.4)² − (y "
                 "+ 0.5)²)",
        .symbol = "f",
        .dim = 2,
        .lo = {-3.0, -3.0},
        .hi = {3.0, 3.0},
        .description = "a bowl with two Gaussian wells: global minimum near (1.14, 0.57), "
                       "local minimum near (-1.27, -0.45), a saddle between",
        .start = {-2.5, -1.5},
        .lr = 0.1,
        .noise = 2.5, /* escapes within 30 s at 8 steps/s for 19 of 20 seeds (test_escape);
                         1.5 took a median of 1,500 steps, over 3 minutes */
        .eval = eval_two_basin,
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
    if (l->expr)
        expr_eval(l->expr, x, out);
    else
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
