/*
 * test_expr.c: typed formulas (core/expr.c, core/custom.c). Precedence and
 * associativity; every function's value, first and second derivative
 * against closed forms; 2D mixed partials; gradients and Hessians against
 * central finite differences (tests only) at random points; every kind of
 * error with its column and message, and the caret display; formulas that
 * spell a built-in landscape against it; the runner's "undefined" status;
 * and a fuzz run of random and mutated strings through expr_parse.
 */
#include "core/custom.h"
#include "core/expr.h"
#include "core/landscape.h"
#include "core/rng.h"
#include "core/sim.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static const double PI = 3.14159265358979323846;

/* Value, gradient and Hessian of text at x (dim inferred). */
static landscape_point eval_at(const char *text, double x, double y)
{
    expr_error err;
    expr *e = expr_parse(text, 0, &err);
    if (!e)
        fail_msg("'%s' refused: %s at column %d", text, err.message, err.column);
    const double p[2] = {x, y};
    landscape_point out;
    expr_eval(e, p, &out);
    expr_free(e);
    return out;
}

static void assert_near(double got, double want, double rel, const char *what)
{
    const double tol = rel * fmax(1.0, fabs(want));
    if (!(fabs(got - want) <= tol))
        fail_msg("%s: got %.17g, want %.17g", what, got, want);
}

static void test_precedence(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        double x, want;
    } cases[] = {
        {"2^3^2", 0, 512},       {"-x^2", 3, -9},       {"2*3+4", 0, 10},
        {"1-2-3", 0, -4},        {"8/4/2", 0, 1},       {"2^-1", 0, 0.5},
        {"-2^2", 0, -4},         {"(-2)^2", 0, 4},      {"2+3*4^2", 0, 50},
        {"1e-3*1000", 0, 1},     {".5 + 2.5e1", 0, 25.5}, {"2^-x", 2, 0.25},
        {"x^-2", 2, 0.25},       {"--x", 5, 5},         {"+x", 5, 5},
        {"2*-x", 3, -6},         {"(1+2)*(3+4)", 0, 21}, {"x/2/2", 8, 2},
        {"1E2", 0, 100},         {"2.5E+1", 0, 25},     {"x - -1", 1, 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const landscape_point p = eval_at(cases[i].text, cases[i].x, 0);
        if (p.f != cases[i].want)
            fail_msg("'%s' at %g: got %.17g, want %g", cases[i].text, cases[i].x, p.f,
                     cases[i].want);
    }
    assert_true(eval_at("pi", 0, 0).f == PI);
    assert_true(eval_at("e", 0, 0).f == exp(1.0));
    /* -x^2 is -(x^2): its derivative at 3 is -6, its second -2 */
    const landscape_point q = eval_at("-x^2", 3, 0);
    assert_true(q.g[0] == -6.0 && q.h[0][0] == -2.0);
}

/* Closed forms of each one-argument function: f, f', f''. */
typedef struct closed {
    const char *name;
    double (*f)(double);
    double (*d1)(double);
    double (*d2)(double);
    double lo, hi; /* points to try */
} closed;

static double d_sin(double u) { return cos(u); }
static double dd_sin(double u) { return -sin(u); }
static double d_cos(double u) { return -sin(u); }
static double dd_cos(double u) { return -cos(u); }
static double d_tan(double u) { return 1.0 / (cos(u) * cos(u)); }
static double dd_tan(double u) { return 2.0 * sin(u) / (cos(u) * cos(u) * cos(u)); }
static double d_log(double u) { return 1.0 / u; }
static double dd_log(double u) { return -1.0 / (u * u); }
static double d_sqrt(double u) { return 0.5 * pow(u, -0.5); }
static double dd_sqrt(double u) { return -0.25 * pow(u, -1.5); }
static double d_abs(double u) { return u > 0 ? 1.0 : -1.0; }
static double zero(double u) { (void)u; return 0.0; }
static double d_tanh(double u) { return 1.0 - tanh(u) * tanh(u); }
static double dd_tanh(double u) { return -2.0 * tanh(u) * (1.0 - tanh(u) * tanh(u)); }
static double sig(double u) { return 1.0 / (1.0 + exp(-u)); }
static double d_sig(double u) { return exp(-u) / ((1.0 + exp(-u)) * (1.0 + exp(-u))); }
static double dd_sig(double u) { return exp(-u) * (exp(-u) - 1.0) / pow(1.0 + exp(-u), 3.0); }
static double relu(double u) { return u > 0 ? u : 0.0; }
static double d_relu(double u) { return u > 0 ? 1.0 : 0.0; }
static double softplus(double u) { return log(1.0 + exp(u)); }

static const closed closed_forms[] = {
    {"sin", sin, d_sin, dd_sin, -3, 3},
    {"cos", cos, d_cos, dd_cos, -3, 3},
    {"tan", tan, d_tan, dd_tan, -1.2, 1.2},
    {"exp", exp, exp, exp, -3, 3},
    {"log", log, d_log, dd_log, 0.1, 5},
    {"sqrt", sqrt, d_sqrt, dd_sqrt, 0.1, 5},
    {"abs", fabs, d_abs, zero, -3, 3},
    {"tanh", tanh, d_tanh, dd_tanh, -3, 3},
    {"sinh", sinh, cosh, sinh, -3, 3},
    {"cosh", cosh, sinh, cosh, -3, 3},
    {"sigmoid", sig, d_sig, dd_sig, -6, 6},
    {"relu", relu, d_relu, zero, -3, 3},
    {"softplus", softplus, sig, d_sig, -6, 6},
};

static void test_functions_closed_forms(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof closed_forms / sizeof closed_forms[0]; i++) {
        const closed *c = &closed_forms[i];
        for (int k = 0; k < 9; k++) {
            const double u = c->lo + (c->hi - c->lo) * (k + 0.37) / 9.0;
            char text[64], what[96];
            snprintf(text, sizeof text, "%s(x)", c->name);
            const landscape_point p = eval_at(text, u, 0);
            snprintf(what, sizeof what, "%s at %g", text, u);
            assert_near(p.f, c->f(u), 1e-14, what);
            assert_near(p.g[0], c->d1(u), 1e-13, what);
            assert_near(p.h[0][0], c->d2(u), 1e-12, what);
            /* the chain rule through an inner 2x - 0.5: g = 2 f'(u), H = 4 f''(u) */
            snprintf(text, sizeof text, "%s(2*x - 0.5)", c->name);
            const double x = (u + 0.5) / 2.0;
            const landscape_point q = eval_at(text, x, 0);
            snprintf(what, sizeof what, "%s at %g", text, x);
            const double v = 2.0 * x - 0.5;
            assert_near(q.f, c->f(v), 1e-14, what);
            assert_near(q.g[0], 2.0 * c->d1(v), 1e-13, what);
            assert_near(q.h[0][0], 4.0 * c->d2(v), 1e-12, what);
        }
    }
}

static void test_powers_and_kinks(void **state)
{
    (void)state;
    landscape_point p = eval_at("x^2", 0, 0); /* power rule: defined at 0 */
    assert_true(p.f == 0.0 && p.g[0] == 0.0 && p.h[0][0] == 2.0);
    p = eval_at("x^3", -2, 0);
    assert_true(p.f == -8.0 && p.g[0] == 12.0 && p.h[0][0] == -12.0);
    p = eval_at("pow(x, 3)", -2, 0);
    assert_true(p.f == -8.0 && p.g[0] == 12.0 && p.h[0][0] == -12.0);
    p = eval_at("x^0.5", 4, 0);
    assert_near(p.f, 2.0, 1e-15, "x^0.5");
    assert_near(p.g[0], 0.25, 1e-15, "x^0.5'");
    assert_near(p.h[0][0], -1.0 / 32.0, 1e-15, "x^0.5''");
    p = eval_at("x^1", 0, 0);
    assert_true(p.g[0] == 1.0 && p.h[0][0] == 0.0);
    p = eval_at("x^0", 0, 0);
    assert_true(p.f == 1.0 && p.g[0] == 0.0 && p.h[0][0] == 0.0);
    /* variable exponent: x^x = exp(x log x), (x^x)' = x^x (log x + 1),
     * (x^x)'' = x^x ((log x + 1)^2 + 1/x) */
    p = eval_at("x^x", 2, 0);
    assert_near(p.f, 4.0, 1e-15, "x^x");
    assert_near(p.g[0], 4.0 * (log(2.0) + 1.0), 1e-14, "x^x'");
    assert_near(p.h[0][0], 4.0 * ((log(2.0) + 1.0) * (log(2.0) + 1.0) + 0.5), 1e-14, "x^x''");
    p = eval_at("2^x", 3, 0);
    assert_near(p.f, 8.0, 1e-15, "2^x");
    assert_near(p.g[0], 8.0 * log(2.0), 1e-14, "2^x'");
    assert_near(p.h[0][0], 8.0 * log(2.0) * log(2.0), 1e-14, "2^x''");
    assert_true(isnan(eval_at("x^x", -2, 0).g[0])); /* exp(b log a): undefined for a < 0 */
    /* torch's conventions at kinks */
    assert_true(eval_at("abs(x)", 0, 0).g[0] == 0.0);
    assert_true(eval_at("relu(x)", 0, 0).g[0] == 0.0);
    assert_true(eval_at("relu(x)", -1, 0).f == 0.0);
    p = eval_at("max(x, 1 - x)", 0.5, 0); /* tie: (1 + (-1)) / 2 */
    assert_true(p.f == 0.5 && p.g[0] == 0.0);
    p = eval_at("min(x, 2*x)", 0, 0); /* tie: (1 + 2) / 2 */
    assert_true(p.f == 0.0 && p.g[0] == 1.5);
    p = eval_at("min(x^2, 3*x)", 1, 0);
    assert_true(p.f == 1.0 && p.g[0] == 2.0 && p.h[0][0] == 2.0);
    p = eval_at("max(x^2, 3*x)", 1, 0);
    assert_true(p.f == 3.0 && p.g[0] == 3.0 && p.h[0][0] == 0.0);
    /* softplus is stable far out */
    assert_near(eval_at("softplus(x)", 800, 0).f, 800.0, 1e-15, "softplus(800)");
    assert_near(eval_at("softplus(x)", -800, 0).f, 0.0, 1e-15, "softplus(-800)");
    assert_true(eval_at("softplus(x)", -40, 0).f > 0.0);
    assert_near(eval_at("sigmoid(x)", -800, 0).f, 0.0, 1e-15, "sigmoid(-800)");
    assert_true(isfinite(eval_at("sigmoid(x)", -800, 0).g[0]));
    /* undefined points give NaN or infinity */
    assert_true(isnan(eval_at("log(x)", -1, 0).f));
    assert_true(isinf(eval_at("1/x", 0, 0).f));
    assert_true(isinf(eval_at("sqrt(x)", 0, 0).g[0]));
}

static void test_mixed_partials(void **state)
{
    (void)state;
    const double x = 1.5, y = -0.7;
    /* x^2 y^3: fx = 2xy^3, fy = 3x^2y^2, fxx = 2y^3, fxy = 6xy^2, fyy = 6x^2y */
    landscape_point p = eval_at("x^2*y^3", x, y);
    assert_near(p.f, x * x * y * y * y, 1e-15, "f");
    assert_near(p.g[0], 2 * x * y * y * y, 1e-15, "fx");
    assert_near(p.g[1], 3 * x * x * y * y, 1e-15, "fy");
    assert_near(p.h[0][0], 2 * y * y * y, 1e-15, "fxx");
    assert_near(p.h[0][1], 6 * x * y * y, 1e-15, "fxy");
    assert_near(p.h[1][0], 6 * x * y * y, 1e-15, "fyx");
    assert_near(p.h[1][1], 6 * x * x * y, 1e-15, "fyy");
    /* sin(xy): fxy = cos(xy) - xy sin(xy), fxx = -y^2 sin(xy) */
    p = eval_at("sin(x*y)", x, y);
    assert_near(p.h[0][1], cos(x * y) - x * y * sin(x * y), 1e-14, "sin fxy");
    assert_near(p.h[0][0], -y * y * sin(x * y), 1e-14, "sin fxx");
    assert_near(p.h[1][1], -x * x * sin(x * y), 1e-14, "sin fyy");
    /* exp(x)/y: fy = -e^x/y^2, fyy = 2e^x/y^3, fxy = -e^x/y^2 */
    p = eval_at("exp(x)/y", x, y);
    assert_near(p.g[0], exp(x) / y, 1e-14, "q fx");
    assert_near(p.g[1], -exp(x) / (y * y), 1e-14, "q fy");
    assert_near(p.h[1][1], 2 * exp(x) / (y * y * y), 1e-14, "q fyy");
    assert_near(p.h[0][1], -exp(x) / (y * y), 1e-14, "q fxy");
    /* x^y: fx = y x^(y-1), fy = x^y log x, fxy = x^(y-1) (1 + y log x) */
    p = eval_at("x^y", x, y);
    assert_near(p.g[0], y * pow(x, y - 1), 1e-14, "pow fx");
    assert_near(p.g[1], pow(x, y) * log(x), 1e-14, "pow fy");
    assert_near(p.h[0][1], pow(x, y - 1) * (1 + y * log(x)), 1e-14, "pow fxy");
    assert_near(p.h[1][1], pow(x, y) * log(x) * log(x), 1e-14, "pow fyy");
    assert_near(p.h[0][0], y * (y - 1) * pow(x, y - 2), 1e-14, "pow fxx");
    /* a 1D formula leaves the y entries zero */
    p = eval_at("x^3", 2, 0);
    assert_true(p.g[1] == 0.0 && p.h[0][1] == 0.0 && p.h[1][0] == 0.0 && p.h[1][1] == 0.0);
}

/* Gradients and Hessians against central differences at 200 random points
 * per formula, in a box where each is smooth. */
static void test_finite_differences(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        double lo[2], hi[2];
    } cases[] = {
        {"x*cos(pi*x) + 0.2*cos(5*pi*x)", {-1, -1}, {2, 1}},
        {"x^2 - y^2", {-1, -1}, {1, 1}},
        {"sin(x)*exp(y)", {-2, -2}, {2, 2}},
        {"log(1 + x^2 + y^2)", {-2, -2}, {2, 2}},
        {"sqrt(x^2 + y^2 + 1)", {-2, -2}, {2, 2}},
        {"tanh(x*y) + cosh(x) - sinh(y)", {-2, -2}, {2, 2}},
        {"sigmoid(3*x - y) + softplus(x - 2*y)", {-2, -2}, {2, 2}},
        {"x^y + pow(y, 2)/x", {0.5, -2}, {2, 2}},
        {"(x + 2*y)/(1 + x^2)", {-2, -2}, {2, 2}},
        {"tan(0.3*x*y) - 3*x*y^2 + x^3", {-2, -2}, {2, 2}},
        {"exp(-(x - 1)^2 - (y + 0.5)^2)", {-2, -2}, {2, 2}},
        {"2^(x*y) / (2 + sin(x))", {-2, -2}, {2, 2}},
        {"-x^2^0.5 * e + y", {0.1, -2}, {2, 2}},
    };
    rng r;
    rng_seed(&r, 12);
    const double h = 1e-5;
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        expr_error err;
        expr *e = expr_parse(cases[c].text, 2, &err);
        assert_non_null(e);
        for (int i = 0; i < 200; i++) {
            double x[2];
            for (int k = 0; k < 2; k++)
                x[k] = cases[c].lo[k] + (cases[c].hi[k] - cases[c].lo[k]) * rng_uniform(&r);
            landscape_point p;
            expr_eval(e, x, &p);
            assert_true(p.h[0][1] == p.h[1][0]);
            for (int k = 0; k < 2; k++) {
                double xp[2] = {x[0], x[1]}, xm[2] = {x[0], x[1]};
                xp[k] += h;
                xm[k] -= h;
                landscape_point a, b;
                expr_eval(e, xp, &a);
                expr_eval(e, xm, &b);
                char what[160];
                snprintf(what, sizeof what, "%s at (%g, %g), d/dx%d", cases[c].text, x[0], x[1],
                         k);
                const double scale = fmax(1.0, fabs(p.f));
                assert_near((a.f - b.f) / (2 * h), p.g[k], 1e-7 * scale, what);
                for (int j = 0; j < 2; j++)
                    assert_near((a.g[j] - b.g[j]) / (2 * h), p.h[j][k],
                                1e-6 * fmax(scale, fabs(p.g[j])), what);
            }
        }
        expr_free(e);
    }
}

static void test_errors(void **state)
{
    (void)state;
    char long_text[EXPR_MAX_TEXT + 8];
    for (int i = 0; i < EXPR_MAX_TEXT + 1; i++)
        long_text[i] = i % 2 ? '+' : 'x';
    long_text[EXPR_MAX_TEXT + 1] = '\0';
    char deep[2 * EXPR_MAX_DEPTH + 16];
    int n = 0;
    for (int i = 0; i < EXPR_MAX_DEPTH + 5; i++)
        deep[n++] = '(';
    deep[n++] = 'x';
    for (int i = 0; i < EXPR_MAX_DEPTH + 5; i++)
        deep[n++] = ')';
    deep[n] = '\0';
    char deep_ok[2 * EXPR_MAX_DEPTH + 16];
    n = 0;
    for (int i = 0; i < EXPR_MAX_DEPTH; i++)
        deep_ok[n++] = '(';
    deep_ok[n++] = 'x';
    for (int i = 0; i < EXPR_MAX_DEPTH; i++)
        deep_ok[n++] = ')';
    deep_ok[n] = '\0';
    char minus[EXPR_MAX_DEPTH + 8];
    memset(minus, '-', EXPR_MAX_DEPTH + 2);
    minus[EXPR_MAX_DEPTH + 2] = 'x';
    minus[EXPR_MAX_DEPTH + 3] = '\0';
    const struct {
        const char *text;
        int dim, column;
        const char *needle;
    } cases[] = {
        {"x*", 0, 3, "missing operand after '*'"},
        {"x *  ", 0, 6, "missing operand after '*'"},
        {"*x", 0, 1, "missing operand before '*'"},
        {"x^", 0, 3, "missing operand after '^'"},
        {"x+*2", 0, 3, "missing operand before '*'"},
        {"min(x,,y)", 0, 7, "missing operand before ','"},
        {"()", 0, 2, "missing operand before ')'"},
        {"(x+1", 0, 1, "unclosed '('"},
        {"x + (2*(x-1)", 0, 5, "unclosed '('"},
        {"sin(x", 0, 4, "unclosed '('"},
        {"x)", 0, 2, "unmatched ')'"},
        {"(x))+1", 0, 4, "unmatched ')'"},
        /* a product written as on paper: the message gives the spelling */
        {"x 2", 0, 3, "a product needs '*': write x*2"},
        {"2x", 0, 2, "a product needs '*': write 2*x"},
        {"(x y)", 0, 4, "write x*y"},
        {"sin(2x)", 0, 6, "write 2*x"},
        {"3 x^2 - 2x", 0, 3, "write 3*x"},
        {"(x+1)(x-1)", 0, 6, "write (x+1)*(x-1)"},
        {"2pi*x", 0, 2, "write 2*pi"},
        {"x^2 + 1 2", 0, 9, "after a complete formula"},
        {"sinn(x)", 0, 1, "unknown name 'sinn'"},
        {"x + foo", 0, 5, "unknown name 'foo'"},
        {"y", 1, 1, "unknown name 'y'"},
        {"x + y", 1, 5, "unknown name 'y'"},
        {"z", 0, 1, "use x, y, pi"},
        {"sin(x, 1)", 0, 1, "sin takes 1 argument, got 2"},
        {"max(x)", 0, 1, "max takes 2 arguments, got 1"},
        {"2*pow(x,1,2)", 0, 3, "pow takes 2 arguments, got 3"},
        {"sin()", 0, 1, "sin takes 1 argument, got 0"},
        {"sin x", 0, 5, "parentheses"},
        {"", 0, 1, "empty"},
        {"   ", 0, 1, "empty"},
        {long_text, 0, EXPR_MAX_TEXT + 1, "longer than"},
        {deep, 0, EXPR_MAX_DEPTH + 1, "deeper than"},
        {minus, 0, EXPR_MAX_DEPTH + 1, "deeper than"},
        {"1e999*x", 0, 1, "too large"},
        {"x # 2", 0, 3, "unexpected '#'"},
        {"x + \x01", 0, 5, "byte 0x01"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        expr_error err = {.column = -7};
        expr *e = expr_parse(cases[i].text, cases[i].dim, &err);
        if (e) {
            expr_free(e);
            fail_msg("'%s' accepted", cases[i].text);
        }
        if (err.column != cases[i].column || !strstr(err.message, cases[i].needle))
            fail_msg("'%.40s': column %d '%s', want column %d '%s'", cases[i].text, err.column,
                     err.message, cases[i].column, cases[i].needle);
    }
    /* the deepest accepted nesting, and a 512-byte formula, parse */
    expr *e = expr_parse(deep_ok, 0, NULL);
    assert_non_null(e);
    expr_free(e);
    long_text[EXPR_MAX_TEXT - 1] = '\0';
    e = expr_parse(long_text, 0, NULL);
    assert_non_null(e);
    landscape_point p;
    const double x = 1.5;
    expr_eval(e, &x, &p);
    assert_true(p.f == 256 * 1.5 && p.g[0] == 256.0);
    expr_free(e);
    /* dimension: inferred, forced */
    e = expr_parse("x + y", 0, NULL);
    assert_int_equal(expr_dim(e), 2);
    expr_free(e);
    e = expr_parse("x", 0, NULL);
    assert_int_equal(expr_dim(e), 1);
    expr_free(e);
    e = expr_parse("x", 2, NULL);
    assert_int_equal(expr_dim(e), 2);
    expr_free(e);
}

static void test_caret(void **state)
{
    (void)state;
    expr_error err;
    const char *text = "x + sinn(x)";
    assert_null(expr_parse(text, 0, &err));
    char buf[64];
    expr_error_caret(text, &err, buf, sizeof buf);
    assert_string_equal(buf, "x + sinn(x)\n    ^");
    text = "x*";
    assert_null(expr_parse(text, 0, &err));
    expr_error_caret(text, &err, buf, sizeof buf);
    assert_string_equal(buf, "x*\n  ^");
    text = "\tx)";
    assert_null(expr_parse(text, 0, &err));
    assert_int_equal(err.column, 3);
    expr_error_caret(text, &err, buf, sizeof buf);
    assert_string_equal(buf, "\tx)\n\t ^");
    /* a short buffer is cut, never overrun */
    char small[6];
    expr_error_caret("x + sinn(x)", &(expr_error){.column = 5}, small, sizeof small);
    assert_string_equal(small, "x + s");
}

/* The formula's value, gradient and Hessian against the built-in's at 1001
 * points across the domain; returns the largest difference relative to
 * max(1, |value|) and counts the points that are not bitwise equal. */
static double compare_builtin(const char *text, const char *name, int *not_bitwise)
{
    const landscape *l = landscape_find(name);
    assert_non_null(l);
    landscape_custom c;
    expr_error err;
    assert_true(landscape_custom_init(&c, text, l->dim, l->lo, l->hi, &err));
    double worst = 0.0;
    *not_bitwise = 0;
    const int n = l->dim == 1 ? 1001 : 41;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < (l->dim == 1 ? 1 : n); j++) {
            const double x[2] = {l->lo[0] + (l->hi[0] - l->lo[0]) * i / (n - 1),
                                 l->lo[1] + (l->hi[1] - l->lo[1]) * j / (n - 1)};
            landscape_point a, b;
            landscape_eval(l, x, &a);
            landscape_eval(&c.land, x, &b);
            const double ga[7] = {a.f, a.g[0], a.g[1], a.h[0][0], a.h[0][1], a.h[1][0], a.h[1][1]};
            const double gb[7] = {b.f, b.g[0], b.g[1], b.h[0][0], b.h[0][1], b.h[1][0], b.h[1][1]};
            bool same = true;
            for (int k = 0; k < 7; k++) {
                same = same && ga[k] == gb[k];
                worst = fmax(worst, fabs(ga[k] - gb[k]) / fmax(1.0, fabs(ga[k])));
            }
            *not_bitwise += !same;
        }
    landscape_custom_free(&c);
    print_message("%-34s vs %-15s max difference %.3g, %d points not bitwise equal\n", text,
                  name, worst, *not_bitwise);
    return worst;
}

static void test_builtins(void **state)
{
    (void)state;
    int nb;
    assert_true(compare_builtin("x*cos(pi*x)", "risk", &nb) <= 4e-15);
    assert_true(compare_builtin("x*cos(pi*x) + 0.2*cos(5*pi*x)", "empirical-risk", &nb) <= 4e-15);
    assert_true(compare_builtin("x^2 - y^2", "saddle", &nb) == 0.0 && nb == 0);
    assert_true(compare_builtin("tanh(x)", "tanh", &nb) == 0.0 && nb == 0);
    assert_true(compare_builtin("x^2", "quadratic", &nb) == 0.0 && nb == 0);
    assert_true(compare_builtin("x^3", "cubic", &nb) <= 4e-15);
    assert_true(compare_builtin("x^3 - 3*x*y^2", "monkey-saddle", &nb) <= 4e-15);
    /* Rosenbrock's fxx = 2 - 400y + 1200x^2 cancels; summed in another order
     * it differs by a few units in the last place of its largest term */
    assert_true(compare_builtin("(1 - x)^2 + 100*(y - x^2)^2", "rosenbrock", &nb) <= 1e-13);
}

static void test_custom_landscape(void **state)
{
    (void)state;
    landscape_custom c;
    expr_error err;
    assert_true(landscape_custom_init(&c, "x^2 - y^2", 0, NULL, NULL, &err));
    assert_int_equal(c.land.dim, 2);
    assert_string_equal(c.land.name, "expr");
    assert_string_equal(c.land.title, "f(x, y) = x² − y²");
    assert_string_equal(c.land.lesson, "Your function");
    assert_true(c.land.lo[0] == -2 && c.land.hi[1] == 2);
    assert_true(c.land.start[0] == -2 + 0.8 * 4 && c.land.start[1] == -2 + 0.55 * 4);
    assert_true(c.land.lr == 0.1 && c.land.n_marks == 0 && c.land.companion == NULL);
    landscape_point p;
    landscape_eval(&c.land, c.land.start, &p);
    const double s0 = c.land.start[0], s1 = c.land.start[1];
    assert_true(p.f == s0 * s0 - s1 * s1 && p.g[0] == 2.0 * s0 && p.g[1] == -2.0 * s1);
    assert_true(p.h[0][0] == 2.0 && p.h[1][1] == -2.0 && p.h[0][1] == 0.0);
    landscape_custom_free(&c);
    landscape_custom_free(&c); /* twice is safe */
    const double lo = -1, hi = 3;
    assert_true(landscape_custom_init(&c, "log(x)", 1, &lo, &hi, &err));
    assert_string_equal(c.land.title, "f(x) = log(x)");

    assert_true(c.land.start[0] == -1 + 0.8 * 4);
    landscape_custom_free(&c);
    assert_false(landscape_custom_init(&c, "x +", 1, &lo, &hi, &err));
    assert_int_equal(err.column, 4);
    assert_null(c.e);
    assert_false(landscape_custom_init(&c, "x", 1, &hi, &lo, &err));
    assert_int_equal(err.column, 0);
    assert_non_null(strstr(err.message, "domain"));
    assert_true(landscape_custom_init(&c, "pi*x^3 - x^10 + spin(x)", 1, NULL, NULL, &err) == false);
    assert_true(landscape_custom_init(&c, "pi*x^3 - x^10 + 2^0.5", 1, NULL, NULL, &err));
    assert_string_equal(c.land.title, "f(x) = π·x³ − x^10 + 2^0.5"); /* only single digits rise */
    assert_string_equal(c.land.formula, "pi*x^3 - x^10 + 2^0.5"); /* E opens with it as typed */
    landscape_custom_free(&c);
}

/* A run into a point where f is undefined stops as "undefined"; a run
 * that ran off stays "diverged". */
static void test_runner_undefined(void **state)
{
    (void)state;
    landscape_custom c;
    expr_error err;
    runner *r = calloc(1, sizeof *r);
    char msg[128];
    /* log(x) from 0.5 with lr 1: 0.5 - 1/0.5 = -1.5, log of a negative */
    assert_true(landscape_custom_init(&c, "log(x)", 1, NULL, NULL, &err));
    runner_params p = {.land = &c.land, .optim = {.lr = 1.0}, .start = (double[]){0.5}};
    assert_true(runner_init(r, &p, msg, sizeof msg));
    assert_int_equal(r->status, RUNNER_RUNNING);
    runner_step(r);
    assert_true(r->x[0] == -1.5);
    assert_int_equal(r->status, RUNNER_UNDEFINED);
    assert_string_equal(runner_status_name(r->status), "undefined");
    landscape_custom_free(&c);
    /* sqrt(x) from 1 with lr 2: 1 - 2 * 0.5 = 0, where the gradient is
     * infinite at a finite iterate: undefined, not diverged */
    assert_true(landscape_custom_init(&c, "sqrt(x)", 1, NULL, NULL, &err));
    p = (runner_params){.land = &c.land, .optim = {.lr = 2.0}, .start = (double[]){1.0}};
    assert_true(runner_init(r, &p, msg, sizeof msg));
    runner_step(r);
    assert_true(r->x[0] == 0.0 && isinf(r->at.g[0]));
    assert_int_equal(r->status, RUNNER_UNDEFINED);
    landscape_custom_free(&c);
    /* x^2 with lr 1.5 grows by 2x per step: far off the domain, diverged */
    assert_true(landscape_custom_init(&c, "x^2", 1, NULL, NULL, &err));
    p = (runner_params){.land = &c.land, .optim = {.lr = 1.5}, .start = (double[]){1.0}};
    assert_true(runner_init(r, &p, msg, sizeof msg));
    for (int i = 0; i < 10 && r->status != RUNNER_DIVERGED; i++)
        runner_step(r);
    assert_int_equal(r->status, RUNNER_DIVERGED);
    landscape_custom_free(&c);
    free(r);
}

/* Parses s; checks the error column or evaluates once; frees. */
static void fuzz_one(const char *s, int dim, rng *r)
{
    expr_error err = {.column = -1};
    expr *e = expr_parse(s, dim, &err);
    if (e) {
        const double x[2] = {4.0 * rng_uniform(r) - 2.0, 4.0 * rng_uniform(r) - 2.0};
        landscape_point p;
        expr_eval(e, x, &p);
        expr_free(e);
        return;
    }
    const int len = (int)strlen(s);
    if (!(err.column >= 1 && err.column <= len + 1 && err.message[0]))
        fail_msg("'%s': column %d (length %d), message '%s'", s, err.column, len, err.message);
}

static void test_fuzz(void **state)
{
    (void)state;
    static const char alphabet[] = "xy0123456789.e+-*/^(),  pisncoqrtablgmhfuwE";
    static const char *const valid[] = {
        "x*cos(pi*x) + 0.2*cos(5*pi*x)", "x^2 - y^2", "-x^2^-1", "max(x, min(y, 2))",
        "sigmoid(x)*softplus(y)/(1+abs(x))", "pow(x, y) + sqrt(tanh(x)^2)", "2^-x + 1e-3*y",
        "log(exp(x) + exp(y))", "relu(x - 1) * sinh(cosh(y))",
    };
    rng r;
    rng_seed(&r, 2026);
    char buf[128];
    int parsed = 0;
    for (int i = 0; i < 100000; i++) {
        const int len = (int)(rng_next(&r) % 41);
        for (int k = 0; k < len; k++) {
            const uint64_t u = rng_next(&r);
            buf[k] = (u & 3) ? alphabet[(u >> 8) % (sizeof alphabet - 1)]
                             : (char)(1 + (u >> 8) % 255);
        }
        buf[len] = '\0';
        fuzz_one(buf, (int)(rng_next(&r) % 3), &r);
    }
    for (int i = 0; i < 100000; i++) {
        const char *v = valid[rng_next(&r) % (sizeof valid / sizeof valid[0])];
        int len = (int)strlen(v);
        memcpy(buf, v, (size_t)len + 1);
        const int edits = 1 + (int)(rng_next(&r) % 3);
        for (int k = 0; k < edits; k++) {
            const uint64_t u = rng_next(&r);
            const char c = (u & 4) ? alphabet[(u >> 8) % (sizeof alphabet - 1)]
                                   : (char)(1 + (u >> 16) % 255);
            const int at = (int)((u >> 32) % (uint64_t)(len + 1));
            switch (u % 3) {
            case 0: /* insert */
                if (len + 1 < (int)sizeof buf) {
                    memmove(buf + at + 1, buf + at, (size_t)(len - at + 1));
                    buf[at] = c;
                    len++;
                }
                break;
            case 1: /* delete */
                if (at < len) {
                    memmove(buf + at, buf + at + 1, (size_t)(len - at));
                    len--;
                }
                break;
            default: /* replace */
                if (at < len)
                    buf[at] = c;
                break;
            }
        }
        expr *e = expr_parse(buf, 0, NULL);
        parsed += e != NULL;
        expr_free(e);
        fuzz_one(buf, (int)(rng_next(&r) % 3), &r);
    }
    /* the mutations keep a share of formulas valid, so evaluation is fuzzed too */
    assert_true(parsed > 1000);
    print_message("fuzz: %d of 100000 mutated formulas parsed\n", parsed);
}

/* Every catalog landscape's formula (what E opens with) parses in its
 * dimension and evaluates to the closed form's value, gradient and Hessian
 * on a 9 x 9 grid over the domain, to 1e-12 of max(1, |closed form|). */
static void test_catalog_formulas(void **state)
{
    (void)state;
    double worst = 0.0;
    for (int i = 0; i < landscape_count(); i++) {
        const landscape *l = landscape_at(i);
        assert_non_null(l->formula);
        expr_error err;
        expr *e = expr_parse(l->formula, l->dim, &err);
        if (!e)
            fail_msg("%s: '%s' refused at column %d: %s", l->name, l->formula, err.column,
                     err.message);
        assert_int_equal(expr_dim(e), l->dim);
        for (int a = 0; a < 9; a++)
            for (int b = 0; b < (l->dim == 2 ? 9 : 1); b++) {
                const double x[2] = {l->lo[0] + (l->hi[0] - l->lo[0]) * (a + 0.37) / 9.0,
                                     l->dim == 2 ? l->lo[1] + (l->hi[1] - l->lo[1]) * (b + 0.61) / 9.0
                                                 : 0.0};
                landscape_point want, got;
                landscape_eval(l, x, &want);
                expr_eval(e, x, &got);
                const double pairs[7][2] = {{want.f, got.f},
                                            {want.g[0], got.g[0]},
                                            {want.g[1], got.g[1]},
                                            {want.h[0][0], got.h[0][0]},
                                            {want.h[0][1], got.h[0][1]},
                                            {want.h[1][0], got.h[1][0]},
                                            {want.h[1][1], got.h[1][1]}};
                for (int k = 0; k < 7; k++) {
                    const double d = fabs(pairs[k][0] - pairs[k][1]) / fmax(1.0, fabs(pairs[k][0]));
                    worst = fmax(worst, d);
                    if (!(d <= 1e-12))
                        fail_msg("%s at (%g, %g): component %d closed form %.17g, formula %.17g",
                                 l->name, x[0], x[1], k, pairs[k][0], pairs[k][1]);
                }
            }
        expr_free(e);
    }
    printf("catalog formulas: largest difference %.3g of max(1, |value|)\n", worst);
}

/* A start where f is undefined has a nearest defined one: sqrt(x) - x/2 on
 * [-1, 6] from -0.5 (the dead end) goes just right of 0, where f
 * and f' are finite (at 0 itself f' = 1/(2 sqrt(x)) is infinite); a run
 * from there is not undefined. log(x) + y^2 from (-0.5, 0.3) keeps y. */
static void test_nearest_defined_start(void **state)
{
    (void)state;
    static landscape_custom c;
    expr_error err;
    const double lo = -1.0, hi = 6.0;
    assert_true(landscape_custom_init(&c, "sqrt(x) - x/2", 1, &lo, &hi, &err));
    const double bad = -0.5, zero = 0.0;
    assert_false(landscape_defined_at(&c.land, &bad));
    assert_false(landscape_defined_at(&c.land, &zero));
    double at;
    assert_true(landscape_nearest_defined(&c.land, &bad, &at));
    assert_true(at > 0.0 && at <= 2 * 7.0 / 2000 + 1e-12);
    assert_true(landscape_defined_at(&c.land, &at));
    const runner_params p = {.land = &c.land, .optim = optim_defaults(OPTIM_SGD), .start = &at};
    static runner r;
    char msg[128];
    assert_true(runner_init(&r, &p, msg, sizeof msg));
    assert_int_not_equal(r.status, RUNNER_UNDEFINED);
    const double good = 2.0;
    assert_true(landscape_nearest_defined(&c.land, &good, &at));
    assert_true(at == 2.0);
    landscape_custom_free(&c);

    const double lo2[2] = {-1, -1}, hi2[2] = {1, 1}, bad2[2] = {-0.5, 0.3};
    assert_true(landscape_custom_init(&c, "log(x) + y^2", 2, lo2, hi2, &err));
    double at2[2];
    assert_true(landscape_nearest_defined(&c.land, bad2, at2));
    assert_true(at2[0] > 0.0 && at2[0] <= 2 * 2.0 / 400 + 1e-12);
    assert_true(fabs(at2[1] - 0.3) <= 2.0 / 400);
    assert_true(landscape_defined_at(&c.land, at2));
    landscape_custom_free(&c);
    /* nowhere defined: false */
    assert_true(landscape_custom_init(&c, "log(-1 - x^2)", 1, &lo, &hi, &err));
    assert_false(landscape_nearest_defined(&c.land, &bad, &at));
    landscape_custom_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_precedence),
        cmocka_unit_test(test_functions_closed_forms),
        cmocka_unit_test(test_powers_and_kinks),
        cmocka_unit_test(test_mixed_partials),
        cmocka_unit_test(test_finite_differences),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_caret),
        cmocka_unit_test(test_builtins),
        cmocka_unit_test(test_catalog_formulas),
        cmocka_unit_test(test_custom_landscape),
        cmocka_unit_test(test_runner_undefined),
        cmocka_unit_test(test_fuzz),
        cmocka_unit_test(test_nearest_defined_start),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
