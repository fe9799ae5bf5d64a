/*
 * expr_ad.c: evaluation of a parsed formula (expr_internal.h) by
 * second-order forward-mode automatic differentiation. Every node yields a
 * jet (value, gradient, Hessian) from its children's jets by the sum,
 * product, quotient and chain rules, with f' and f'' of each elementary
 * function in closed form (no finite differences). Conventions at kinks
 * follow torch autograd: abs'(0) = relu'(0) = 0, min/max split the
 * gradient evenly on a tie; x^c with a constant c uses the power rule,
 * a^b with a variable exponent uses exp(b log a).
 */
#include "core/expr_internal.h"

#include <math.h>
#include <string.h>

/* A jet: value, gradient and the Hessian's three distinct entries
 * (h[0] = d2/dx2, h[1] = d2/dxdy, h[2] = d2/dy2). */
typedef struct jet {
    double v;
    double g[2];
    double h[3];
} jet;

static double sigmoid(double u)
{
    if (u >= 0.0)
        return 1.0 / (1.0 + exp(-u));
    const double e = exp(u);
    return e / (1.0 + e);
}

/* log(1 + e^u) without overflow for large u or loss for very negative u. */
static double softplus(double u)
{
    return u > 0.0 ? u + log1p(exp(-u)) : log1p(exp(u));
}

/* a^n by multiplication for n = 1, 2, 3 (the same rounding as the
 * catalog's x*x and x*x*x), by pow otherwise. */
static double power(double a, double n)
{
    if (n == 1.0)
        return a;
    if (n == 2.0)
        return a * a;
    if (n == 3.0)
        return a * a * a;
    return pow(a, n);
}

/* Chain rule for a one-argument function with f(u), f'(u) and f''(u):
 * g = f' u_g, H = f'' u_g u_g^T + f' u_H. f2 is f'' as computed directly;
 * f2p * f2q is the same number split in two factors, used when f2 itself
 * underflowed, overflowed or is NaN: the term is then formed as
 * (f2p u_g_i)(f2q u_g_j), each factor scaled by the gradient first, which
 * stays finite where f'' alone cannot be represented while the product is
 * moderate. log(exp(x)) at x = 360 has f'' = -1/u^2 = -0 (u^2 overflows)
 * against u_g^2 = inf, but (u_g/u) * (-u_g/u) = -1. A direct f2 that is a
 * normal number is kept (x^3 at 1e-200: 6e-200, whose split factor f' =
 * 3e-400 would underflow). When neither form is finite the plain product
 * is used, so a truly infinite or undefined f'' still gives inf or NaN. */
static jet chain(const jet *u, double f, double f1, double f2, double f2p, double f2q)
{
    jet r = {.v = f};
    r.g[0] = f1 * u->g[0];
    r.g[1] = f1 * u->g[1];
    const double p[2] = {f2p * u->g[0], f2p * u->g[1]};
    const double q[2] = {f2q * u->g[0], f2q * u->g[1]};
    const bool split_ok = isfinite(p[0]) && isfinite(p[1]) && isfinite(q[0]) && isfinite(q[1]);
    static const int I[3] = {0, 0, 1}, J[3] = {0, 1, 1};
    for (int k = 0; k < 3; k++) {
        const int i = I[k], j = J[k];
        const double plain = f2 * u->g[i] * u->g[j];
        const double second =
            ((isnormal(f2) && isfinite(plain)) || !split_ok) ? plain : p[i] * q[j];
        r.h[k] = second + f1 * u->h[k];
    }
    return r;
}

/* Two-argument chain rule for F(a, b) with partials Fa, Fb, Faa, Fab, Fbb:
 * g = Fa a_g + Fb b_g, H = Faa a_g a_g^T + Fab (a_g b_g^T + b_g a_g^T)
 * + Fbb b_g b_g^T + Fa a_H + Fb b_H. */
static jet chain2(const jet *a, const jet *b, double f, const double d[5])
{
    jet r = {.v = f};
    for (int k = 0; k < 2; k++)
        r.g[k] = d[0] * a->g[k] + d[1] * b->g[k];
    static const int I[3] = {0, 0, 1}, J[3] = {0, 1, 1};
    for (int k = 0; k < 3; k++) {
        const int i = I[k], j = J[k];
        r.h[k] = d[2] * a->g[i] * a->g[j] + d[3] * (a->g[i] * b->g[j] + b->g[i] * a->g[j]) +
                 d[4] * b->g[i] * b->g[j] + d[0] * a->h[k] + d[1] * b->h[k];
    }
    return r;
}

static jet scale(const jet *u, double k)
{
    jet r = {.v = u->v * k};
    for (int i = 0; i < 2; i++)
        r.g[i] = u->g[i] * k;
    for (int i = 0; i < 3; i++)
        r.h[i] = u->h[i] * k;
    return r;
}

static jet eval_node(const expr *e, const double *x, int i);

static jet eval_mul(const expr *e, const double *x, const node *n)
{
    const jet a = eval_node(e, x, n->a), b = eval_node(e, x, n->b);
    /* a constant factor scales the other's jet (no 0 * inf terms) */
    if (e->nodes[n->a].kind == N_NUM)
        return scale(&b, a.v);
    if (e->nodes[n->b].kind == N_NUM)
        return scale(&a, b.v);
    /* product rule: (ab)' = a'b + ab', (ab)'' = a''b + a'b'^T + b'a'^T + ab'' */
    jet r = {.v = a.v * b.v};
    for (int k = 0; k < 2; k++)
        r.g[k] = a.g[k] * b.v + a.v * b.g[k];
    r.h[0] = a.h[0] * b.v + 2.0 * (a.g[0] * b.g[0]) + a.v * b.h[0];
    r.h[1] = a.h[1] * b.v + (a.g[0] * b.g[1] + a.g[1] * b.g[0]) + a.v * b.h[1];
    r.h[2] = a.h[2] * b.v + 2.0 * (a.g[1] * b.g[1]) + a.v * b.h[2];
    return r;
}

static jet eval_div(const expr *e, const double *x, const node *n)
{
    const jet a = eval_node(e, x, n->a), b = eval_node(e, x, n->b);
    if (e->nodes[n->b].kind == N_NUM) {
        jet r = {.v = a.v / b.v};
        for (int k = 0; k < 2; k++)
            r.g[k] = a.g[k] / b.v;
        for (int k = 0; k < 3; k++)
            r.h[k] = a.h[k] / b.v;
        return r;
    }
    /* quotient rule with q = a/b: q' = (a' - q b')/b,
     * q'' = (a'' - q' b'^T - b' q'^T - q b'')/b */
    jet q = {.v = a.v / b.v};
    for (int k = 0; k < 2; k++)
        q.g[k] = (a.g[k] - q.v * b.g[k]) / b.v;
    q.h[0] = (a.h[0] - 2.0 * q.g[0] * b.g[0] - q.v * b.h[0]) / b.v;
    q.h[1] = (a.h[1] - q.g[0] * b.g[1] - q.g[1] * b.g[0] - q.v * b.h[1]) / b.v;
    q.h[2] = (a.h[2] - 2.0 * q.g[1] * b.g[1] - q.v * b.h[2]) / b.v;
    return q;
}

/* a^c, c constant: the power rule f' = c a^(c-1), f'' = c (c-1) a^(c-2)
 * = f' (c-1)/a (split so the Hessian survives a large or tiny a, see
 * chain), with the terms whose coefficient is zero left out (so x^1 and x^2
 * have finite derivatives at 0). At a = 0 (and for c = 2) the plain f''
 * is used: 2 for c = 2, 0 for c > 2, infinite for 1 < c < 2 (x^1.5 has
 * no second derivative at 0, and it must not look finite). */
static jet eval_powc(const jet *a, double c)
{
    const double v = power(a->v, c);
    const double f1 = c == 0.0 ? 0.0 : c * power(a->v, c - 1.0);
    if (c == 0.0 || c == 1.0)
        return chain(a, v, f1, 0.0, 0.0, 0.0);
    const double f2 = c * (c - 1.0) * power(a->v, c - 2.0);
    if (a->v != 0.0 && isfinite(v) && v != 0.0 && (!isnormal(f1) || !isfinite(f2))) {
        /* a^(c-1) or a^(c-2) overflowed or underflowed where a^c did not
         * ((1/exp(x))^-0.5 at 700): the derivatives through ratios to a,
         * g = c v (a_g / a), H = c (c-1) v (a_g/a)(a_g/a)^T + c v (a_H / a) */
        jet r = {.v = v};
        const double rg[2] = {a->g[0] / a->v, a->g[1] / a->v};
        static const int I[3] = {0, 0, 1}, J[3] = {0, 1, 1};
        for (int k = 0; k < 2; k++)
            r.g[k] = c * v * rg[k];
        for (int k = 0; k < 3; k++)
            r.h[k] = c * (c - 1.0) * v * rg[I[k]] * rg[J[k]] + c * v * (a->h[k] / a->v);
        return r;
    }
    if (a->v == 0.0 || c == 2.0)
        return chain(a, v, f1, f2, f2, 1.0);
    return chain(a, v, f1, f2, f1, (c - 1.0) / a->v);
}

/* a^b = exp(b log a) with a variable exponent: Fa = b a^(b-1),
 * Fb = a^b log a, Faa = b (b-1) a^(b-2), Fab = a^(b-1) (1 + b log a),
 * Fbb = a^b (log a)^2. Undefined (NaN) for a < 0. At a = 0 with b >= 0
 * the log a terms are 0, as torch's pow gradient has it (a^b log a -> 0
 * as a -> 0+ for b > 0): 0^x has gradient 0, not 0 * -inf = NaN. */
static jet eval_pow(const jet *a, const jet *b, bool a_const)
{
    const double f = a->v < 0.0 ? NAN : pow(a->v, b->v);
    const bool zero_base = a->v == 0.0 && b->v >= 0.0;
    const double la = log(a->v);
    const double fla = zero_base ? 0.0 : f * la, fla2 = zero_base ? 0.0 : f * la * la;
    if (a_const) /* only the exponent varies: the chain rule of exp(b log a) */
        return chain(b, f, fla, fla2, fla, zero_base ? 0.0 : la);
    const double am1 = pow(a->v, b->v - 1.0);
    const double fab = !zero_base ? am1 * (1.0 + b->v * la) : b->v > 1.0 ? 0.0 : -INFINITY;
    const double d[5] = {b->v * am1, fla, b->v * (b->v - 1.0) * pow(a->v, b->v - 2.0), fab,
                         fla2};
    return chain2(a, b, f, d);
}

/* min (want_max false) or max of two jets; a tie splits the derivatives
 * evenly, as torch.minimum/maximum do. */
static jet eval_minmax(const jet *a, const jet *b, bool want_max)
{
    if (a->v == b->v) {
        jet r = {.v = a->v};
        for (int k = 0; k < 2; k++)
            r.g[k] = 0.5 * (a->g[k] + b->g[k]);
        for (int k = 0; k < 3; k++)
            r.h[k] = 0.5 * (a->h[k] + b->h[k]);
        return r;
    }
    if (isnan(a->v) || isnan(b->v))
        return (jet){.v = NAN, .g = {NAN, NAN}, .h = {NAN, NAN, NAN}};
    return ((a->v > b->v) == want_max) ? *a : *b;
}

static jet eval_func(node_kind k, const jet *u)
{
    const double x = u->v;
    switch (k) {
    case N_SIN: {
        const double s = sin(x), c = cos(x);
        return chain(u, s, c, -s, -s, 1.0);
    }
    case N_COS: {
        const double s = sin(x), c = cos(x);
        return chain(u, c, -s, -c, -c, 1.0);
    }
    case N_TAN: {
        /* tan' = 1 + tan^2, tan'' = 2 tan (1 + tan^2) */
        const double t = tan(x), d = 1.0 + t * t;
        return chain(u, t, d, 2.0 * t * d, d, 2.0 * t);
    }
    case N_EXP: {
        const double v = exp(x);
        return chain(u, v, v, v, v, 1.0);
    }
    case N_LOG:
        return chain(u, log(x), 1.0 / x, -1.0 / (x * x), 1.0 / x, -1.0 / x);
    case N_SQRT: {
        /* sqrt' = 1/(2 sqrt x), sqrt'' = -1/(4 x sqrt x) */
        const double r = sqrt(x);
        return chain(u, r, 0.5 / r, -0.25 / (x * r), 0.5 / r, -0.5 / x);
    }
    case N_ABS:
        return chain(u, fabs(x), x > 0.0 ? 1.0 : x < 0.0 ? -1.0 : 0.0, 0.0, 0.0, 0.0);
    case N_TANH: {
        /* tanh' = sech^2 = 1/cosh^2 (full precision on the plateau, as the
         * catalog's tanh), tanh'' = -2 tanh sech^2 */
        const double t = tanh(x), c = cosh(x), sech2 = 1.0 / (c * c);
        return chain(u, t, sech2, -2.0 * t * sech2, sech2, -2.0 * t);
    }
    case N_SINH:
        return chain(u, sinh(x), cosh(x), sinh(x), sinh(x), 1.0);
    case N_COSH:
        return chain(u, cosh(x), sinh(x), cosh(x), cosh(x), 1.0);
    case N_SIGMOID: {
        /* s' = s (1 - s), s'' = s (1 - s)(1 - 2s), with 1 - s(x) = s(-x):
         * exact where 1 - s rounds to 0 (s'(40) = 4.2e-18, not 0) */
        const double s = sigmoid(x), sn = sigmoid(-x), d = s * sn;
        return chain(u, s, d, d * (sn - s), d, sn - s);
    }
    case N_RELU:
        return chain(u, x > 0.0 ? x : 0.0, x > 0.0 ? 1.0 : 0.0, 0.0, 0.0, 0.0);
    case N_SOFTPLUS: {
        /* softplus' = sigmoid, softplus'' = sigmoid (1 - sigmoid) */
        const double s = sigmoid(x), sn = sigmoid(-x);
        return chain(u, softplus(x), s, s * sn, s, sn);
    }
    default:
        return (jet){.v = NAN};
    }
}

static jet eval_node(const expr *e, const double *x, int i)
{
    const node *n = &e->nodes[i];
    switch (n->kind) {
    case N_NUM:
        return (jet){.v = n->value};
    case N_X:
        return (jet){.v = x[0], .g = {1.0, 0.0}};
    case N_Y:
        return (jet){.v = x[1], .g = {0.0, 1.0}};
    case N_NEG: {
        const jet a = eval_node(e, x, n->a);
        return (jet){.v = -a.v, .g = {-a.g[0], -a.g[1]}, .h = {-a.h[0], -a.h[1], -a.h[2]}};
    }
    case N_ADD:
    case N_SUB: {
        const jet a = eval_node(e, x, n->a), b = eval_node(e, x, n->b);
        const bool sub = n->kind == N_SUB;
        jet r = {.v = sub ? a.v - b.v : a.v + b.v};
        for (int k = 0; k < 2; k++)
            r.g[k] = sub ? a.g[k] - b.g[k] : a.g[k] + b.g[k];
        for (int k = 0; k < 3; k++)
            r.h[k] = sub ? a.h[k] - b.h[k] : a.h[k] + b.h[k];
        return r;
    }
    case N_MUL:
        return eval_mul(e, x, n);
    case N_DIV:
        return eval_div(e, x, n);
    case N_POWC: {
        const jet a = eval_node(e, x, n->a);
        return eval_powc(&a, n->value);
    }
    case N_POW: {
        const jet a = eval_node(e, x, n->a), b = eval_node(e, x, n->b);
        return eval_pow(&a, &b, e->nodes[n->a].kind == N_NUM);
    }
    case N_MIN:
    case N_MAX: {
        const jet a = eval_node(e, x, n->a), b = eval_node(e, x, n->b);
        return eval_minmax(&a, &b, n->kind == N_MAX);
    }
    default: {
        const jet a = eval_node(e, x, n->a);
        return eval_func(n->kind, &a);
    }
    }
}

void expr_eval(const expr *e, const double *x, landscape_point *out)
{
    memset(out, 0, sizeof *out);
    const jet r = eval_node(e, x, e->root);
    out->f = r.v;
    out->g[0] = r.g[0];
    out->h[0][0] = r.h[0];
    if (e->dim == 2) {
        out->g[1] = r.g[1];
        out->h[0][1] = out->h[1][0] = r.h[1];
        out->h[1][1] = r.h[2];
    }
}

double expr_node_value(const expr *e, int i)
{
    const double none[2] = {0.0, 0.0};
    return eval_node(e, none, i).v;
}
