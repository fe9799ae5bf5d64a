/*
 * test_edges.c: typed formulas where double arithmetic is at its edges
 * (issue 13). Value, gradient and Hessian of expr_eval against the
 * high-precision references of tests/edge_reference.py (sympy derivatives
 * at 60 digits, committed as reference_edges/derivatives.csv): intermediates
 * that overflow or underflow while the result is moderate, zero bases of
 * powers (0^x has gradient 0, as torch's pow), and second derivatives that
 * do not exist (must not be finite). Then critical points there: the
 * maximum of log(exp(x)) - x^2/800 on [300, 400], an undefined f'' left
 * unclassified, a constant formula and a flat stretch reported as such.
 */
#include "core/critical.h"
#include "core/custom.h"
#include "core/expr.h"
#include "core/landscape.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static const char *ref_dir;

/* One reference entry: a value that must match, or "nan" (must not be
 * finite). Hessian entries are compared relative to the largest of the
 * entry and the gradient (the size of the terms the chain rule adds). */
static void check_entry(const char *formula, const char *name, double got, const char *want,
                        double scale)
{
    if (strcmp(want, "nan") == 0) {
        if (isfinite(got))
            fail_msg("%s: %s = %.17g, but it is undefined there (want a non-finite value)",
                     formula, name, got);
        return;
    }
    const double w = strtod(want, NULL);
    const double tol = 1e-13 * fmax(fabs(w), scale);
    if (!(fabs(got - w) <= tol))
        fail_msg("%s: %s = %.17g, reference %.17g (tolerance %.3g)", formula, name, got, w, tol);
}

static void test_reference_derivatives(void **state)
{
    (void)state;
    char path[1024];
    snprintf(path, sizeof path, "%s/derivatives.csv", ref_dir);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[512];
    assert_non_null(fgets(line, sizeof line, f)); /* header */
    int rows = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        char *field[9];
        int n = 0;
        for (char *p = line, *semi; n < 9; p = semi + 1) {
            field[n++] = p;
            semi = strchr(p, ';');
            if (!semi)
                break;
            *semi = '\0';
        }
        assert_int_equal(n, 9);
        expr_error err;
        expr *e = expr_parse(field[0], 0, &err);
        if (!e)
            fail_msg("'%s' refused: %s", field[0], err.message);
        const double x[2] = {strtod(field[1], NULL), strtod(field[2], NULL)};
        landscape_point p;
        expr_eval(e, x, &p);
        const bool two = expr_dim(e) == 2;
        const double gscale = fmax(fabs(p.g[0]), two ? fabs(p.g[1]) : 0.0);
        check_entry(field[0], "f", p.f, field[3], 0.0);
        check_entry(field[0], "df/dx", p.g[0], field[4], 0.0);
        check_entry(field[0], "d2f/dx2", p.h[0][0], field[6], gscale);
        if (two) {
            check_entry(field[0], "df/dy", p.g[1], field[5], 0.0);
            check_entry(field[0], "d2f/dxdy", p.h[0][1], field[7], gscale);
            check_entry(field[0], "d2f/dy2", p.h[1][1], field[8], gscale);
        }
        expr_free(e);
        rows++;
    }
    fclose(f);
    assert_true(rows >= 20);
}

/* critical_find on a typed formula over [lo, hi] (1D) or a box (2D). */
static void find(critical_set *s, landscape_custom *c, const char *text, int dim,
                 const double *lo, const double *hi)
{
    expr_error err;
    if (!landscape_custom_init(c, text, dim, lo, hi, &err))
        fail_msg("'%s' refused: %s", text, err.message);
    assert_true(critical_find(s, &c->land, NULL));
}

static void test_critical_edges(void **state)
{
    (void)state;
    landscape_custom c;
    critical_set s;
    /* log(exp(x)) - x^2/800: f' = 1 - x/400, f'' = -1/400; the maximum at
     * 400 (its f'' read as 1 - 1/400 when exp(x)^2 overflowed) */
    find(&s, &c, "log(exp(x)) - x^2/800", 1, (const double[]){300.0}, (const double[]){400.0});
    assert_int_equal(s.count, 1);
    assert_true(s.points[0].x == 400.0 && s.points[0].f == 200.0);
    assert_true(fabs(s.points[0].d2f + 0.0025) <= 1e-15);
    assert_int_equal(s.points[0].kind, CRITICAL_GLOBAL_MAX);
    critical_free(&s);
    landscape_custom_free(&c);

    /* relu(x)^1.5 + 0.01 x^2 at 0: f'' does not exist (0 from the left,
     * +inf from the right); no verdict is read from NaN */
    find(&s, &c, "relu(x)^1.5 + 0.01*x^2", 1, (const double[]){-2.0}, (const double[]){2.0});
    assert_int_equal(s.count, 1);
    assert_true(s.points[0].x == 0.0 && s.points[0].f == 0.0);
    assert_false(isfinite(s.points[0].d2f));
    assert_int_equal(s.points[0].kind, CRITICAL_UNDEFINED);
    assert_string_equal(critical_kind_name(CRITICAL_UNDEFINED), "undefined");
    critical_free(&s);
    landscape_custom_free(&c);

    /* a constant: every point is critical; none listed (not 20 001 rows) */
    find(&s, &c, "3", 1, (const double[]){-2.0}, (const double[]){2.0});
    assert_true(s.constant);
    assert_int_equal(s.count, 0);
    critical_free(&s);
    landscape_custom_free(&c);
    find(&s, &c, "2 + 0*x*y", 2, (const double[]){-1.0, -1.0}, (const double[]){1.0, 1.0});
    assert_true(s.constant);
    assert_int_equal(s.count, 0);
    critical_free(&s);
    landscape_custom_free(&c);

    /* relu(x) - relu(x - 1): flat on [-2, 0] and (1, 2] (f'(1) = 1, relu'(0)
     * being 0), a stretch each from grid node to grid node (step 2e-4); no
     * point listed */
    find(&s, &c, "relu(x) - relu(x - 1)", 1, (const double[]){-2.0}, (const double[]){2.0});
    assert_false(s.constant);
    assert_int_equal(s.n_flat, 2);
    assert_true(s.flat_lo[0] == -2.0 && s.flat_hi[0] == 0.0);
    assert_true(fabs(s.flat_lo[1] - 1.0002) < 1e-12 && s.flat_hi[1] == 2.0);
    assert_int_equal(s.count, 0);
    critical_free(&s);
    landscape_custom_free(&c);
}

int main(int argc, char **argv)
{
    ref_dir = argc > 1 ? argv[1] : "tests/reference_edges";
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_derivatives),
        cmocka_unit_test(test_critical_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
