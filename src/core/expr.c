/*
 * expr.c: typed formulas (expr.h). A recursive-descent parser builds the
 * tree in one array allocated once (children always precede their parent;
 * a formula of n bytes has at most n nodes), folding constant subtrees
 * into numbers as it goes. Evaluation is second-order forward-mode
 * automatic differentiation: every node yields a jet (value, gradient,
 * Hessian) from its children's jets by the sum, product, quotient and chain
 * rules, with f' and f'' of each elementary function in closed form.
 * Conventions at kinks follow torch autograd: abs'(0) = relu'(0) = 0,
 * min/max split the gradient evenly on a tie; x^c with a constant c uses the
 * power rule, a^b with a variable exponent uses exp(b log a).
 */
#include "core/expr.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum node_kind {
    N_NUM,
    N_X,
    N_Y,
    N_NEG,
    N_ADD,
    N_SUB,
    N_MUL,
    N_DIV,
    N_POWC, /* a ^ constant */
    N_POW,  /* a ^ b, b not constant */
    N_MIN,
    N_MAX,
    N_SIN,
    N_COS,
    N_TAN,
    N_EXP,
    N_LOG,
    N_SQRT,
    N_ABS,
    N_TANH,
    N_SINH,
    N_COSH,
    N_SIGMOID,
    N_RELU,
    N_SOFTPLUS,
} node_kind;

typedef struct node {
    node_kind kind;
    int a, b;     /* children (indices into nodes), -1 when absent */
    double value; /* N_NUM: the number; N_POWC: the exponent */
} node;

struct expr {
    int dim;
    int root;
    int n;
    node nodes[]; /* n used, allocated for strlen(text) + 1 */
};

/* A jet: value, gradient and the Hessian's three distinct entries
 * (h[0] = d2/dx2, h[1] = d2/dxdy, h[2] = d2/dy2). */
typedef struct jet {
    double v;
    double g[2];
    double h[3];
} jet;

static const double PI = 3.14159265358979323846;

static const struct {
    const char *name;
    node_kind kind;
    int args;
} functions[] = {
    {"sin", N_SIN, 1},       {"cos", N_COS, 1},     {"tan", N_TAN, 1},
    {"exp", N_EXP, 1},       {"log", N_LOG, 1},     {"sqrt", N_SQRT, 1},
    {"abs", N_ABS, 1},       {"tanh", N_TANH, 1},   {"sinh", N_SINH, 1},
    {"cosh", N_COSH, 1},     {"sigmoid", N_SIGMOID, 1}, {"relu", N_RELU, 1},
    {"softplus", N_SOFTPLUS, 1}, {"min", N_MIN, 2}, {"max", N_MAX, 2},
    {"pow", N_POWC, 2},
};
enum { FUNCTION_COUNT = (int)(sizeof functions / sizeof functions[0]) };

/* ---- evaluation ---------------------------------------------------- */

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

/* Chain rule for a one-argument function with f(u), f'(u), f''(u):
 * g = f' u_g, H = f'' u_g u_g^T + f' u_H. */
static jet chain(const jet *u, double f, double f1, double f2)
{
    jet r = {.v = f};
    r.g[0] = f1 * u->g[0];
    r.g[1] = f1 * u->g[1];
    r.h[0] = f2 * u->g[0] * u->g[0] + f1 * u->h[0];
    r.h[1] = f2 * u->g[0] * u->g[1] + f1 * u->h[1];
    r.h[2] = f2 * u->g[1] * u->g[1] + f1 * u->h[2];
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
    if (e->nodes[n->a].kind == N_NUM) {
        jet r = scale(&b, a.v);
        r.v = a.v * b.v;
        return r;
    }
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

/* a^c, c constant: the power rule f' = c a^(c-1), f'' = c (c-1) a^(c-2),
 * with the terms whose coefficient is zero left out (so x^1 and x^2 have
 * finite derivatives at 0). */
static jet eval_powc(const jet *a, double c)
{
    const double f1 = c == 0.0 ? 0.0 : c * power(a->v, c - 1.0);
    const double f2 = (c == 0.0 || c == 1.0) ? 0.0 : c * (c - 1.0) * power(a->v, c - 2.0);
    return chain(a, power(a->v, c), f1, f2);
}

/* a^b = exp(b log a) with a variable exponent: Fa = b a^(b-1),
 * Fb = a^b log a, Faa = b (b-1) a^(b-2), Fab = a^(b-1) (1 + b log a),
 * Fbb = a^b (log a)^2. Undefined (NaN) for a < 0. */
static jet eval_pow(const jet *a, const jet *b, bool a_const)
{
    const double f = a->v < 0.0 ? NAN : pow(a->v, b->v);
    const double la = log(a->v);
    if (a_const) /* only the exponent varies: the chain rule of exp(b log a) */
        return chain(b, f, f * la, f * la * la);
    const double am1 = pow(a->v, b->v - 1.0);
    const double d[5] = {b->v * am1, f * la, b->v * (b->v - 1.0) * pow(a->v, b->v - 2.0),
                         am1 * (1.0 + b->v * la), f * la * la};
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
        return chain(u, s, c, -s);
    }
    case N_COS: {
        const double s = sin(x), c = cos(x);
        return chain(u, c, -s, -c);
    }
    case N_TAN: {
        /* tan' = 1 + tan^2, tan'' = 2 tan (1 + tan^2) */
        const double t = tan(x), d = 1.0 + t * t;
        return chain(u, t, d, 2.0 * t * d);
    }
    case N_EXP: {
        const double v = exp(x);
        return chain(u, v, v, v);
    }
    case N_LOG:
        return chain(u, log(x), 1.0 / x, -1.0 / (x * x));
    case N_SQRT: {
        /* sqrt' = 1/(2 sqrt x), sqrt'' = -1/(4 x sqrt x) */
        const double r = sqrt(x);
        return chain(u, r, 0.5 / r, -0.25 / (x * r));
    }
    case N_ABS:
        return chain(u, fabs(x), x > 0.0 ? 1.0 : x < 0.0 ? -1.0 : 0.0, 0.0);
    case N_TANH: {
        /* tanh' = sech^2 = 1/cosh^2 (full precision on the plateau, as the
         * catalog's tanh), tanh'' = -2 tanh sech^2 */
        const double t = tanh(x), c = cosh(x), sech2 = 1.0 / (c * c);
        return chain(u, t, sech2, -2.0 * t * sech2);
    }
    case N_SINH:
        return chain(u, sinh(x), cosh(x), sinh(x));
    case N_COSH:
        return chain(u, cosh(x), sinh(x), cosh(x));
    case N_SIGMOID: {
        /* s' = s (1 - s), s'' = s (1 - s)(1 - 2s) */
        const double s = sigmoid(x), d = s * (1.0 - s);
        return chain(u, s, d, d * (1.0 - 2.0 * s));
    }
    case N_RELU:
        return chain(u, x > 0.0 ? x : 0.0, x > 0.0 ? 1.0 : 0.0, 0.0);
    case N_SOFTPLUS: {
        /* softplus' = sigmoid, softplus'' = sigmoid (1 - sigmoid) */
        const double s = sigmoid(x);
        return chain(u, softplus(x), s, s * (1.0 - s));
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

/* ---- parsing ------------------------------------------------------- */

typedef struct parser {
    const char *s;
    size_t pos, len;
    int depth;
    int dim;     /* 1: x only; 0 or 2: x and y */
    bool uses_y;
    bool failed;
    expr *e;
    expr_error *err;
} parser;

static int fail(parser *p, size_t at, const char *fmt, const char *arg)
{
    if (!p->failed) {
        p->failed = true;
        p->err->column = (int)at + 1;
        snprintf(p->err->message, sizeof p->err->message, fmt, arg ? arg : "");
    }
    return -1;
}

static void skip_space(parser *p)
{
    while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' ||
                               p->s[p->pos] == '\n' || p->s[p->pos] == '\r'))
        p->pos++;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_name_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* Appends a node; folds it into a number when all its children are. */
static int add_node(parser *p, node_kind kind, int a, int b, double value)
{
    if (p->failed)
        return -1;
    expr *e = p->e;
    const int i = e->n++;
    e->nodes[i] = (node){.kind = kind, .a = a, .b = b, .value = value};
    const bool leaf = kind == N_NUM || kind == N_X || kind == N_Y;
    if (!leaf && e->nodes[a].kind == N_NUM && (b < 0 || e->nodes[b].kind == N_NUM)) {
        const double none[2] = {0.0, 0.0};
        const double v = eval_node(e, none, i).v;
        e->nodes[i] = (node){.kind = N_NUM, .a = -1, .b = -1, .value = v};
    }
    return i;
}

/* base ^ exponent: the power rule when the exponent is a constant. */
static int add_power(parser *p, int base, int exponent)
{
    if (p->failed)
        return -1;
    if (p->e->nodes[exponent].kind == N_NUM)
        return add_node(p, N_POWC, base, -1, p->e->nodes[exponent].value);
    return add_node(p, N_POW, base, exponent, 0.0);
}

static bool enter(parser *p)
{
    if (++p->depth > EXPR_MAX_DEPTH) {
        char msg[64];
        snprintf(msg, sizeof msg, "nesting deeper than %d levels", EXPR_MAX_DEPTH);
        fail(p, p->pos, "%s", msg);
        return false;
    }
    return true;
}

static int parse_sum(parser *p);
static int parse_unary(parser *p);

/* A byte shown in a message: the character, or its hex code. */
static const char *show_byte(char c, char *buf, size_t n)
{
    const unsigned char u = (unsigned char)c;
    if (u >= 0x21 && u < 0x7f)
        snprintf(buf, n, "'%c'", c);
    else
        snprintf(buf, n, "byte 0x%02X", u);
    return buf;
}

static int parse_number(parser *p)
{
    const size_t start = p->pos;
    size_t i = p->pos;
    while (i < p->len && is_digit(p->s[i]))
        i++;
    if (i < p->len && p->s[i] == '.')
        for (i++; i < p->len && is_digit(p->s[i]);)
            i++;
    if (i < p->len && (p->s[i] == 'e' || p->s[i] == 'E')) {
        size_t j = i + 1;
        if (j < p->len && (p->s[j] == '+' || p->s[j] == '-'))
            j++;
        if (j < p->len && is_digit(p->s[j])) {
            while (j < p->len && is_digit(p->s[j]))
                j++;
            i = j;
        }
    }
    char buf[EXPR_MAX_TEXT + 1];
    memcpy(buf, p->s + start, i - start);
    buf[i - start] = '\0';
    const double v = strtod(buf, NULL);
    p->pos = i;
    if (!isfinite(v)) {
        char shown[40];
        snprintf(shown, sizeof shown, "%.24s%s", buf, i - start > 24 ? "..." : "");
        return fail(p, start, "number %s is too large", shown);
    }
    return add_node(p, N_NUM, -1, -1, v);
}

/* name ( args ): checks the argument count against the function's. */
static int parse_call(parser *p, int f, size_t name_at)
{
    const size_t open = p->pos;
    if (!enter(p))
        return -1;
    p->pos++; /* '(' */
    int args[2] = {-1, -1}, count = 0;
    skip_space(p);
    if (p->pos < p->len && p->s[p->pos] == ')') {
        p->pos++;
    } else {
        for (;;) {
            const int a = parse_sum(p);
            if (p->failed)
                return -1;
            if (count < 2)
                args[count] = a;
            count++;
            skip_space(p);
            if (p->pos >= p->len)
                return fail(p, open, "unclosed '(' (no matching ')')%s", NULL);
            if (p->s[p->pos] == ',') {
                p->pos++;
                continue;
            }
            if (p->s[p->pos] == ')') {
                p->pos++;
                break;
            }
            char b[16];
            return fail(p, p->pos, "expected ',' or ')' in the arguments, found %s",
                        show_byte(p->s[p->pos], b, sizeof b));
        }
    }
    p->depth--;
    if (count != functions[f].args) {
        char msg[64];
        snprintf(msg, sizeof msg, "%s takes %d argument%s, got %d", functions[f].name,
                 functions[f].args, functions[f].args == 1 ? "" : "s", count);
        return fail(p, name_at, "%s", msg);
    }
    if (functions[f].kind == N_POWC)
        return add_power(p, args[0], args[1]);
    return add_node(p, functions[f].kind, args[0], args[1], 0.0);
}

static int parse_name(parser *p)
{
    const size_t start = p->pos;
    while (p->pos < p->len && (is_name_start(p->s[p->pos]) || is_digit(p->s[p->pos])))
        p->pos++;
    const size_t n = p->pos - start;
    const char *w = p->s + start;
#define IS(lit) (n == sizeof(lit) - 1 && strncmp(w, lit, n) == 0)
    if (IS("pi"))
        return add_node(p, N_NUM, -1, -1, PI);
    if (IS("e"))
        return add_node(p, N_NUM, -1, -1, exp(1.0));
    if (IS("x"))
        return add_node(p, N_X, -1, -1, 0.0);
    if (IS("y") && p->dim != 1) {
        p->uses_y = true;
        return add_node(p, N_Y, -1, -1, 0.0);
    }
    for (int f = 0; f < FUNCTION_COUNT; f++) {
        if (!(strlen(functions[f].name) == n && strncmp(w, functions[f].name, n) == 0))
            continue;
        skip_space(p);
        if (p->pos >= p->len || p->s[p->pos] != '(')
            return fail(p, p->pos, "%s needs its argument in parentheses, e.g. sin(x)",
                        NULL);
        return parse_call(p, f, start);
    }
    char name[24];
    snprintf(name, sizeof name, "%.*s%s", n > 16 ? 16 : (int)n, w, n > 16 ? "..." : "");
    char msg[256];
    snprintf(msg, sizeof msg, "unknown name '%s'%s; use %s, pi, e or a function: sin cos tan "
                              "exp log sqrt abs tanh sinh cosh sigmoid relu softplus min max pow",
             name, p->dim == 1 && IS("y") ? " in a 1D formula" : "", p->dim == 1 ? "x" : "x, y");
#undef IS
    return fail(p, start, "%.159s", msg);
}

static int parse_primary(parser *p)
{
    skip_space(p);
    if (p->pos >= p->len) {
        size_t k = p->pos;
        while (k > 0 && (p->s[k - 1] == ' ' || p->s[k - 1] == '\t'))
            k--;
        char b[16] = "";
        if (k > 0)
            show_byte(p->s[k - 1], b, sizeof b);
        return fail(p, p->len, k > 0 ? "missing operand after %s" : "missing operand%s", b);
    }
    const char c = p->s[p->pos];
    if (is_digit(c) || (c == '.' && p->pos + 1 < p->len && is_digit(p->s[p->pos + 1])))
        return parse_number(p);
    if (is_name_start(c))
        return parse_name(p);
    if (c == '(') {
        const size_t open = p->pos;
        if (!enter(p))
            return -1;
        p->pos++;
        const int inner = parse_sum(p);
        if (p->failed)
            return -1;
        skip_space(p);
        if (p->pos >= p->len)
            return fail(p, open, "unclosed '(' (no matching ')')%s", NULL);
        if (p->s[p->pos] != ')') {
            char b[16];
            return fail(p, p->pos, "expected ')' or an operator, found %s",
                        show_byte(p->s[p->pos], b, sizeof b));
        }
        p->pos++;
        p->depth--;
        return inner;
    }
    char b[16];
    show_byte(c, b, sizeof b);
    if (strchr("*/^,)", c))
        return fail(p, p->pos, "missing operand before %s", b);
    return fail(p, p->pos, "unexpected %s", b);
}

/* power := primary [ '^' unary ]  (right associative; -x^2 = -(x^2), 2^-1) */
static int parse_power(parser *p)
{
    const int base = parse_primary(p);
    if (p->failed)
        return -1;
    skip_space(p);
    if (p->pos < p->len && p->s[p->pos] == '^') {
        if (!enter(p))
            return -1;
        p->pos++;
        const int exponent = parse_unary(p);
        p->depth--;
        return add_power(p, base, exponent);
    }
    return base;
}

/* unary := ('-' | '+') unary | power */
static int parse_unary(parser *p)
{
    skip_space(p);
    if (p->pos < p->len && (p->s[p->pos] == '-' || p->s[p->pos] == '+')) {
        const bool neg = p->s[p->pos] == '-';
        if (!enter(p))
            return -1;
        p->pos++;
        const int u = parse_unary(p);
        p->depth--;
        return neg ? add_node(p, N_NEG, u, -1, 0.0) : u;
    }
    return parse_power(p);
}

/* product := unary { ('*' | '/') unary } */
static int parse_product(parser *p)
{
    int t = parse_unary(p);
    for (;;) {
        if (p->failed)
            return -1;
        skip_space(p);
        if (p->pos >= p->len || (p->s[p->pos] != '*' && p->s[p->pos] != '/'))
            return t;
        const node_kind k = p->s[p->pos] == '*' ? N_MUL : N_DIV;
        p->pos++;
        const int r = parse_unary(p);
        t = add_node(p, k, t, r, 0.0);
    }
}

/* sum := product { ('+' | '-') product } */
static int parse_sum(parser *p)
{
    int t = parse_product(p);
    for (;;) {
        if (p->failed)
            return -1;
        skip_space(p);
        if (p->pos >= p->len || (p->s[p->pos] != '+' && p->s[p->pos] != '-'))
            return t;
        const node_kind k = p->s[p->pos] == '+' ? N_ADD : N_SUB;
        p->pos++;
        const int r = parse_product(p);
        t = add_node(p, k, t, r, 0.0);
    }
}

expr *expr_parse(const char *text, int dim, expr_error *err)
{
    expr_error scratch;
    if (!err)
        err = &scratch;
    err->column = 0;
    err->message[0] = '\0';
    if (!text)
        text = "";
    const size_t len = strlen(text);
    if (len > EXPR_MAX_TEXT) {
        err->column = EXPR_MAX_TEXT + 1;
        snprintf(err->message, sizeof err->message, "formula longer than %d bytes",
                 EXPR_MAX_TEXT);
        return NULL;
    }
    parser p = {.s = text, .len = len, .dim = dim, .err = err};
    skip_space(&p);
    if (p.pos == len) {
        err->column = 1;
        snprintf(err->message, sizeof err->message, "empty formula");
        return NULL;
    }
    p.e = malloc(sizeof(expr) + (len + 1) * sizeof(node));
    if (!p.e) {
        err->column = 1;
        snprintf(err->message, sizeof err->message, "out of memory");
        return NULL;
    }
    p.e->n = 0;
    const int root = parse_sum(&p);
    skip_space(&p);
    if (!p.failed && p.pos < len) {
        char b[16];
        show_byte(text[p.pos], b, sizeof b);
        if (text[p.pos] == ')')
            fail(&p, p.pos, "unmatched ')'%s", NULL);
        else
            fail(&p, p.pos, "unexpected %s after a complete formula (missing operator?)", b);
    }
    if (p.failed) {
        free(p.e);
        return NULL;
    }
    p.e->root = root;
    p.e->dim = dim == 2 || p.uses_y ? 2 : 1;
    return p.e;
}

void expr_free(expr *e)
{
    free(e);
}

int expr_dim(const expr *e)
{
    return e->dim;
}

void expr_error_caret(const char *text, const expr_error *err, char *buf, size_t len)
{
    if (!buf || len == 0)
        return;
    const size_t n = text ? strlen(text) : 0;
    size_t col = err->column < 1 ? 1 : (size_t)err->column;
    if (col > n + 1)
        col = n + 1;
    size_t k = 0;
    /* the formula on one line (line breaks shown as spaces), then the caret
     * under the column (tabs copied so it lines up) */
    for (size_t i = 0; i < n && k + 1 < len; i++)
        buf[k++] = (text[i] == '\n' || text[i] == '\r') ? ' ' : text[i];
    if (k + 1 < len)
        buf[k++] = '\n';
    for (size_t i = 0; i + 1 < col && k + 1 < len; i++)
        buf[k++] = text[i] == '\t' ? '\t' : ' ';
    if (k + 1 < len)
        buf[k++] = '^';
    buf[k] = '\0';
}
