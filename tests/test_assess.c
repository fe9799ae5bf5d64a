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

#include <cmocka.h>

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
    char err[256];
    assert_true(runner_init(&r, &p, err, sizeof err));
    critical_set cs;
    assert_true(critical_find(&cs, l, NULL));
    const double range = f_range(l);
    assess_reset(st);
    for (int i = 0; i < steps; i++) {
        runner_step(&r);
        assess_runner(st, &r, &cs, range);
    }
    critical_free(&cs);
    return st->now;
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_situations),
        cmocka_unit_test(test_noise_escapes_a_local_minimum),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
