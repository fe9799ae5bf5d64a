/*
 * test_assess.c: a runner's situation on scripted runs: a plateau (tanh
 * from x = 4), a local and a global minimum (risk), lingering near a saddle
 * (x^2 - y^2 from the x axis, x^3), and escapes from a local minimum with
 * gradient noise (two-basin) that plain gradient descent never makes.
 */
#include "core/assess.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "near.h"

static runner r;

/* f's range over the domain (grid samples), as the app computes it. */
static double f_range(const landscape *l)
{
    double lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i <= 200; i++)
        for (int j = 0; j <= (l->dim > 1 ? 200 : 0); j++) {
            const double x[2] = {l->lo[0] + (l->hi[0] - l->lo[0]) * i / 200.0,
                                 l->dim > 1 ? l->lo[1] + (l->hi[1] - l->lo[1]) * j / 200.0 : 0};
            landscape_point p;
            landscape_eval(l, x, &p);
            lo = fmin(lo, p.f);
            hi = fmax(hi, p.f);
        }
    return hi - lo;
}

/* Runs a runner of params p for steps steps, assessing it at the start
 * (when at_start) and after each step; returns the final situation. */
static situation run_params(const runner_params *p, int steps, bool at_start, assess_state *st)
{
    char err[256];
    assert_true(runner_init(&r, p, err, sizeof err));
    critical_set cs;
    assert_true(critical_find(&cs, p->land, NULL));
    const double range = f_range(p->land);
    assess_reset(st);
    if (at_start)
        assess_runner(st, &r, &cs, range);
    for (int i = 0; i < steps; i++) {
        runner_step(&r);
        assess_runner(st, &r, &cs, range);
    }
    critical_free(&cs);
    return st->now;
}

/* Runs steps steps and assesses after each; returns the final situation. */
static situation run(const char *name, double lr, double noise, uint64_t seed, double x0,
                     double y0, int steps, assess_state *st)
{
    const landscape *l = landscape_find(name);
    assert_non_null(l);
    const double start[2] = {x0, y0};
    optim_params op = optim_defaults(OPTIM_SGD);
    op.lr = lr;
    const runner_params p = {.land = l, .optim = op, .noise = noise, .seed = seed, .start = start};
    return run_params(&p, steps, false, st);
}

static void test_situations(void **state)
{
    (void)state;
    assess_state st;
    assert_int_equal(run("tanh", 0.5, 0, 0, 4.0, 0, 10, &st), SITUATION_PLATEAU);
    assert_int_equal(run("risk", 0.05, 0, 0, -0.9, 0, 300, &st), SITUATION_LOCAL_MIN);
    assert_int_equal(run("risk", 0.05, 0, 0, 1.5, 0, 300, &st), SITUATION_GLOBAL_MIN);
    assert_int_equal(run("saddle", 0.1, 0, 0, 0.5, 0.0, 100, &st), SITUATION_SADDLE);
    assert_int_equal(run("cubic", 0.05, 0, 0, 1.5, 0, 3000, &st), SITUATION_SADDLE);
    /* early on the way down, x^3 is just moving */
    assert_int_equal(run("cubic", 0.05, 0, 0, 1.5, 0, 2, &st), SITUATION_MOVING);
    assert_int_equal(st.escapes, 0);
}

static void test_noise_escapes_a_local_minimum(void **state)
{
    (void)state;
    assess_state st;
    /* plain gradient descent stays in the shallow basin of two-basin */
    assert_int_equal(run("two-basin", 0.1, 0.0, 0, -1.27, -0.45, 3000, &st), SITUATION_LOCAL_MIN);
    assert_int_equal(st.escapes, 0);
    /* with gradient noise, most seeds settle there, then leave it */
    int escaped = 0;
    for (uint64_t seed = 0; seed < 20; seed++) {
        run("two-basin", 0.1, 1.5, seed, -1.27, -0.45, 3000, &st);
        escaped += st.escapes > 0;
    }
    print_message("two-basin, noise 1.5: %d of 20 seeds escaped the local minimum\n", escaped);
    assert_true(escaped >= 10);
}

/* A runner of kind placed at (x0, y0), stepped steps times and assessed. */
static situation place(const char *name, optim_kind kind, double x0, double y0, int steps,
                       assess_state *st)
{
    const double start[2] = {x0, y0};
    const runner_params p = {.land = landscape_find(name), .kind = kind,
                             .optim = optim_defaults(kind), .start = start};
    return run_params(&p, steps, true, st);
}

/* Newton's method heads for the nearest critical point: from 0.6 on the
 * risk x cos(pi x) it settles on the maximum near 0.5 (f' = 0, f'' < 0).
 * That is not success: the status says maximum, in the bad tone. */
static void test_newton_on_a_maximum_is_not_praised(void **state)
{
    (void)state;
    assess_state st;
    assert_int_equal(place("risk", OPTIM_NEWTON, 0.6, 0, 30, &st), SITUATION_MAXIMUM);
    assert_int_equal(r.status, RUNNER_CONVERGED);
    /* f'(x) = cos(pi x) - pi x sin(pi x) = 0 near 0.5: x tan(pi x) = 1/pi */
    assert_near(r.x[0] * tan(3.14159265358979323846 * r.x[0]), 1 / 3.14159265358979323846,
                       1e-9);
    status_tone tone;
    const char *w = assess_status(r.status, st.now, false, &tone);
    assert_int_equal(tone, TONE_BAD);
    assert_non_null(strstr(w, "maximum"));
    /* a global minimum is the one good status; a local one is caution */
    assess_status(RUNNER_CONVERGED, SITUATION_GLOBAL_MIN, false, &tone);
    assert_int_equal(tone, TONE_GOOD);
    assess_status(RUNNER_CONVERGED, SITUATION_LOCAL_MIN, false, &tone);
    assert_int_equal(tone, TONE_CAUTION);
    assess_status(RUNNER_CONVERGED, SITUATION_SADDLE, false, &tone);
    assert_int_equal(tone, TONE_CAUTION);
    assess_status(RUNNER_CONVERGED, SITUATION_MOVING, false, &tone);
    assert_true(tone != TONE_GOOD);
}

/* Rosenbrock's valley floor y = x^2 at x = -1.5: the gradient (-2(1 - x), 0)
 * = (-5, 0) is small against f's range (2509 over the domain), but the
 * Hessian [[2 + 1200x^2 - 400y, -400x], [-400x, 200]] = [[1802, 600], [600,
 * 200]] (trace 2002, det 400) has curvatures 1001 -+ sqrt(1001^2 - 400) =
 * 0.1998 along and 2001.8 across: a narrow valley, not a plateau. */
static void test_rosenbrock_valley_is_not_a_plateau(void **state)
{
    (void)state;
    assess_state st;
    assert_int_equal(place("rosenbrock", OPTIM_SGD, -1.5, 2.25, 0, &st), SITUATION_VALLEY);
    double lam[2];
    critical_eigen2(r.at.h[0][0], r.at.h[0][1], r.at.h[1][1], lam, NULL);
    assert_near(lam[0], 1001.0 - sqrt(1001.0 * 1001.0 - 400.0), 1e-9);
    assert_near(lam[1], 1001.0 + sqrt(1001.0 * 1001.0 - 400.0), 1e-9);
    status_tone tone;
    assert_string_equal(assess_status(RUNNER_RUNNING, st.now, false, &tone),
                        "narrow valley: ill-conditioned");
}

/* tanh on [-2, 5]: the plateau test (the shaded band) and the status agree
 * at every point, and the plateau starts where |f'| D / range = 0.01:
 * sech^2 x = 0.01 range / 7, x = acosh(1 / sqrt(that)) = 3.63. */
static void test_one_plateau_threshold(void **state)
{
    (void)state;
    const landscape *l = landscape_find("tanh");
    critical_set cs;
    assert_true(critical_find(&cs, l, NULL));
    const double range = f_range(l);
    double first = NAN;
    for (int i = 0; i <= 700; i++) {
        const double x = -2.0 + 7.0 * i / 700.0;
        const bool band = assess_plateau(l, &cs, range, &x);
        assess_state st;
        const situation sit = place("tanh", OPTIM_SGD, x, 0, 0, &st);
        assert_int_equal(band, sit == SITUATION_PLATEAU);
        if (band && isnan(first))
            first = x;
    }
    critical_free(&cs);
    const double want = acosh(1.0 / sqrt(ASSESS_PLATEAU * range / 7.0));
    assert_float_equal(want, 3.63, 0.01);
    assert_float_equal(first, want, 0.011);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_situations),
        cmocka_unit_test(test_noise_escapes_a_local_minimum),
        cmocka_unit_test(test_newton_on_a_maximum_is_not_praised),
        cmocka_unit_test(test_rosenbrock_valley_is_not_a_plateau),
        cmocka_unit_test(test_one_plateau_threshold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
