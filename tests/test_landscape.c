/*
 * test_landscape.c: each catalog landscape's gradient and Hessian against
 * central finite differences (tests only; the product never uses them) and
 * against the closed-form numbers of d2l 12.1 and DESIGN.md.
 */
#include "core/landscape.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

/* Central differences of the value (for g) and of the gradient (for H). */
static void check_derivatives_at(const landscape *l, const double *x)
{
    const double h = 1e-5;
    landscape_point p;
    landscape_eval(l, x, &p);
    for (int k = 0; k < l->dim; k++) {
        double xp[2] = {x[0], x[1]}, xm[2] = {x[0], x[1]};
        xp[k] += h;
        xm[k] -= h;
        landscape_point a, b;
        landscape_eval(l, xp, &a);
        landscape_eval(l, xm, &b);
        const double g_fd = (a.f - b.f) / (2 * h);
        assert_true(fabs(g_fd - p.g[k]) <= 1e-6 * fmax(1.0, fabs(p.g[k])));
        for (int j = 0; j < l->dim; j++) {
            const double h_fd = (a.g[j] - b.g[j]) / (2 * h);
            assert_true(fabs(h_fd - p.h[j][k]) <= 1e-5 * fmax(1.0, fabs(p.h[j][k])));
        }
    }
    assert_true(p.h[0][1] == p.h[1][0]);
}

static void test_derivatives_match_finite_differences(void **state)
{
    (void)state;
    for (int i = 0; i < landscape_count(); i++) {
        const landscape *l = landscape_at(i);
        for (int a = 0; a <= 10; a++) {
            for (int b = 0; b <= (l->dim == 2 ? 10 : 0); b++) {
                const double x[2] = {l->lo[0] + (l->hi[0] - l->lo[0]) * (a + 0.37) / 11.0,
                                     l->dim == 2 ? l->lo[1] + (l->hi[1] - l->lo[1]) * (b + 0.61) / 11.0 : 0.0};
                check_derivatives_at(l, x);
            }
        }
    }
}

static void test_design_numbers(void **state)
{
    (void)state;
    double x;
    const landscape *risk = landscape_find("risk");
    const landscape *emp = landscape_find("empirical-risk");
    landscape_point p;
    assert_non_null(risk);
    assert_non_null(emp);
    /* DESIGN.md: min of empirical risk x~1.01698 (g~-1.20846), risk x~1.09041 (f~-1.04672). */
    assert_true(landscape_critical_1d(emp, 1.02, &x));
    assert_float_equal(x, 1.01698, 5e-6);
    landscape_eval(emp, &x, &p);
    assert_float_equal(p.f, -1.20846, 5e-6);
    assert_true(p.h[0][0] > 0);
    assert_true(landscape_critical_1d(risk, 1.09, &x));
    assert_float_equal(x, 1.09041, 5e-6);
    landscape_eval(risk, &x, &p);
    assert_float_equal(p.f, -1.04672, 5e-6);
    /* local minimum of risk x~-0.27385, f~-0.17860 */
    assert_true(landscape_critical_1d(risk, -0.27, &x));
    assert_float_equal(x, -0.27385, 5e-6);
    landscape_eval(risk, &x, &p);
    assert_float_equal(p.f, -0.17860, 5e-6);
    /* tanh'(4) = 1 - tanh(4)^2 ~ 0.0013410 */
    const double four = 4.0;
    landscape_eval(landscape_find("tanh"), &four, &p);
    assert_float_equal(p.g[0], 0.0013410, 5e-8);
    /* x^3 at 0: f' = f'' = 0 */
    const double zero = 0.0;
    landscape_eval(landscape_find("cubic"), &zero, &p);
    assert_true(p.g[0] == 0.0 && p.h[0][0] == 0.0);
    /* saddle: Hessian diag(2, -2) everywhere */
    const double xy[2] = {0.3, -0.7};
    landscape_eval(landscape_find("saddle"), xy, &p);
    assert_float_equal(p.f, 0.09 - 0.49, 1e-15);
    assert_true(p.h[0][0] == 2.0 && p.h[1][1] == -2.0 && p.h[0][1] == 0.0);
}

static void test_catalog(void **state)
{
    (void)state;
    assert_int_equal(landscape_count(), 16);
    /* keys 1-5 are the lessons of d2l 12.1, in order */
    const char *lessons[] = {"empirical-risk", "risk", "cubic", "saddle", "tanh"};
    for (int i = 0; i < 5; i++)
        assert_string_equal(landscape_at(i)->name, lessons[i]);
    assert_null(landscape_find("nope"));
    for (int i = 0; i < landscape_count(); i++) {
        const landscape *l = landscape_at(i);
        assert_ptr_equal(landscape_find(l->name), l);
        assert_int_equal(landscape_index(l), i);
        assert_true(landscape_in_domain(l, l->start));
        assert_true(l->lr > 0.0);
    }
    const double out[1] = {2.5};
    assert_false(landscape_in_domain(landscape_find("risk"), out));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_derivatives_match_finite_differences),
        cmocka_unit_test(test_design_numbers),
        cmocka_unit_test(test_catalog),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
