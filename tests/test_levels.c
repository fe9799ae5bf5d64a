/*
 * test_levels.c: contour levels show where the runners are. On Rosenbrock
 * over [-2, 2] x [-1, 3] even levels (every 200) leave over half the map
 * below the first line, the whole descent in one band: the levels become
 * log-spaced, with under 10 % below the first, and gradient descent from
 * (-1.2, 1) crosses many of them; on x^2 - y^2 and x^2 + 2y^2 they stay
 * even. levels_map and levels_unmap are inverse.
 */
#include "core/landscape.h"
#include "core/levels.h"
#include "core/sim.h"
#include "core/slice.h"

#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#define N 101 /* samples per side, as the app's grid */

static float h[N * N];
static sim s;

/* Samples l on the N x N grid of its domain; returns its range. */
static void sample(const landscape *l, double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    for (int j = 0; j < N; j++)
        for (int i = 0; i < N; i++) {
            const double x[2] = {l->lo[0] + (l->hi[0] - l->lo[0]) * i / (N - 1),
                                 l->lo[1] + (l->hi[1] - l->lo[1]) * j / (N - 1)};
            landscape_point p;
            landscape_eval(l, x, &p);
            h[j * N + i] = (float)p.f;
            *lo = fmin(*lo, p.f);
            *hi = fmax(*hi, p.f);
        }
}

/* Distinct levels (floor(mapped / step)) a run's iterates pass through. */
static int bands_crossed(const levels *lv, const landscape *l, double lr, const double *start,
                         int steps)
{
    optim_params op = optim_defaults(OPTIM_SGD);
    op.lr = lr;
    const runner_params p = {.land = l, .optim = op, .start = start};
    char err[128];
    assert_true(sim_init(&s, &p, 1, 8.0, err, sizeof err));
    long lo_band = LONG_MAX, hi_band = LONG_MIN;
    for (int t = 0; t <= steps; t++) {
        const long b = (long)floor(levels_map(lv, s.runners[0].at.f) / lv->step);
        lo_band = b < lo_band ? b : lo_band;
        hi_band = b > hi_band ? b : hi_band;
        runner_step(&s.runners[0]);
    }
    return (int)(hi_band - lo_band);
}

static void test_rosenbrock_gets_log_levels(void **state)
{
    (void)state;
    const landscape *l = landscape_find("rosenbrock");
    double lo, hi;
    sample(l, &lo, &hi);
    /* even levels alone: every 200, over half below the first */
    levels even = {.step = 200.0, .lo = lo, .hi = hi};
    int below = 0;
    for (int k = 0; k < N * N; k++)
        below += h[k] < 200.0;
    assert_true((double)below / (N * N) > 0.5);
    levels lv;
    levels_choose(h, N * N, lo, hi, &lv);
    assert_true(lv.log);
    assert_float_equal(lv.step, LEVELS_LOG_STEP, 0);
    assert_true(lv.flat_share < 0.10);
    assert_float_equal(lv.hi - lv.lo, log10((hi - lo) / ((hi - lo) * 1e-4) + 1.0), 1e-9);
    /* the descent from the lesson's start, (-1.2, 1), at lr 0.001: the
     * even levels see it in one or two bands, the log ones in many */
    const int crossed_log = bands_crossed(&lv, l, 0.001, l->start, 3000);
    const int crossed_even = bands_crossed(&even, l, 0.001, l->start, 3000);
    printf("rosenbrock: %.0f %% below the first even level, %.1f %% below the first log level; "
           "descent crosses %d even and %d log levels\n",
           100.0 * below / (N * N), 100.0 * lv.flat_share, crossed_even, crossed_log);
    assert_int_equal(crossed_even, 0);
    assert_true(crossed_log >= 4);
}

static void test_bowls_keep_even_levels(void **state)
{
    (void)state;
    const char *names[] = {"saddle", "elliptic", "himmelblau"};
    const double steps[] = {0.1, 2.0, 50.0};
    for (int i = 0; i < 3; i++) {
        double lo, hi;
        sample(landscape_find(names[i]), &lo, &hi);
        levels lv;
        levels_choose(h, N * N, lo, hi, &lv);
        printf("%s: %s levels every %g, %.1f %% below the first\n", names[i],
               lv.log ? "log" : "even", lv.step, 100.0 * lv.flat_share);
        assert_false(lv.log);
        assert_float_equal(lv.step, steps[i], 1e-12);
    }
}

static void test_map_inverse(void **state)
{
    (void)state;
    const levels lv = {.log = true, .base = -1.5, .step = 0.5};
    assert_float_equal(levels_map(&lv, 8.5), 1.0, 1e-15);
    assert_float_equal(levels_unmap(&lv, 1.0), 8.5, 1e-12);
    const levels ev = {.step = 2.0};
    assert_float_equal(levels_unmap(&ev, levels_map(&ev, 3.25)), 3.25, 0);
}

/* The saddle's slices (d2l 12.1): f(x, 0) = x^2, a minimum along x (f'' = 2);
 * f(0, y) = -y^2, a maximum along y (f'' = -2). */
static void test_saddle_slices(void **state)
{
    (void)state;
    const landscape *l = landscape_find("saddle");
    const double o[2] = {0, 0};
    double t[41], f[41];
    assert_float_equal(landscape_slice(l, o, 0, 41, t, f), 2.0, 0);
    for (int i = 0; i < 41; i++)
        assert_true(fabs(f[i] - t[i] * t[i]) < 1e-15 && fabs(t[i] - (-1.0 + i / 20.0)) < 1e-15);
    assert_float_equal(landscape_slice(l, o, 1, 41, t, f), -2.0, 0);
    for (int i = 0; i < 41; i++)
        assert_true(fabs(f[i] + t[i] * t[i]) < 1e-15);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rosenbrock_gets_log_levels),
        cmocka_unit_test(test_bowls_keep_even_levels),
        cmocka_unit_test(test_map_inverse),
        cmocka_unit_test(test_saddle_slices),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
