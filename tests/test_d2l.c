/*
 * test_d2l.c: the numbers d2l.ai prints in its optimization chapters,
 * reproduced by optiviz's optimizers (12.3 gradient descent and Newton's
 * method, 12.6 momentum, 12.7 Adagrad, 12.8 RMSProp), plus the simulated
 * annealing lesson: from the local minimum of the risk it reaches the
 * global basin where gradient descent never does.
 * d2l puts eps inside the square root for Adagrad/RMSProp, torch outside;
 * optiviz follows torch, so those two comparisons allow for the difference.
 */
#include "core/sim.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

static runner r;

/* Runs steps steps of kind on name from (x0, y0) with p; returns the runner. */
static const runner *run(const char *name, optim_kind kind, optim_params p, double x0, double y0,
                         int steps)
{
    const double start[2] = {x0, y0};
    const runner_params rp = {.land = landscape_find(name), .kind = kind, .optim = p,
                              .start = start};
    char err[256];
    assert_non_null(rp.land);
    if (!runner_init(&r, &rp, err, sizeof err))
        fail_msg("%s", err);
    for (int i = 0; i < steps; i++)
        runner_step(&r);
    return &r;
}

static optim_params with_lr(optim_kind kind, double lr)
{
    optim_params p = optim_defaults(kind);
    p.lr = lr;
    return p;
}

static void test_gradient_descent_12_3(void **state)
{
    (void)state;
    /* d2l 12.3.1: x^2 from 10, 10 steps: "epoch 10, x: 0.060466" (eta 0.2),
     * 3.486784 (eta 0.05), 61.917364 (eta 1.1) */
    assert_float_equal(run("quadratic", OPTIM_SGD, with_lr(OPTIM_SGD, 0.2), 10, 0, 10)->x[0],
                       0.060466, 5e-7);
    assert_float_equal(run("quadratic", OPTIM_SGD, with_lr(OPTIM_SGD, 0.05), 10, 0, 10)->x[0],
                       3.486784, 5e-7);
    assert_float_equal(run("quadratic", OPTIM_SGD, with_lr(OPTIM_SGD, 1.1), 10, 0, 10)->x[0],
                       61.917364, 5e-7);
    /* nonconvex x cos(0.15 pi x) from 10 with eta 2: "epoch 10, x: -1.528166" */
    assert_float_equal(run("nonconvex", OPTIM_SGD, with_lr(OPTIM_SGD, 2.0), 10, 0, 10)->x[0],
                       -1.528166, 5e-7);
}

static void test_newton_12_3_3(void **state)
{
    (void)state;
    /* cosh(x/2) from 10: Newton converges to 0 */
    assert_true(fabs(run("cosh", OPTIM_NEWTON, with_lr(OPTIM_NEWTON, 1.0), 10, 0, 10)->x[0]) <
                1e-6);
    /* nonconvex from 10: "epoch 10, x: 26.834133" (eta 1), 7.26986 (eta 0.5) */
    assert_float_equal(run("nonconvex", OPTIM_NEWTON, with_lr(OPTIM_NEWTON, 1.0), 10, 0, 10)->x[0],
                       26.834133, 5e-6);
    assert_float_equal(run("nonconvex", OPTIM_NEWTON, with_lr(OPTIM_NEWTON, 0.5), 10, 0, 10)->x[0],
                       7.26986, 5e-5);
    /* x^3 at 0: singular Hessian stops the run, nothing moves */
    const runner *c = run("cubic", OPTIM_NEWTON, with_lr(OPTIM_NEWTON, 1.0), 0.0, 0, 1);
    assert_int_equal(c->status, RUNNER_STOPPED);
    assert_true(c->x[0] == 0.0 && c->step == 0);
    /* on the risk near its local maximum, Newton climbs to the maximum */
    const runner *m = run("risk", OPTIM_NEWTON, with_lr(OPTIM_NEWTON, 1.0), 0.35, 0, 20);
    assert_float_equal(m->x[0], 0.2738527, 1e-6);
    assert_non_null(m->note);
}

static void test_momentum_12_6(void **state)
{
    (void)state;
    /* ill-conditioned 0.1 x1^2 + 2 x2^2 from (-5, -2), eta 0.6, beta 0.5, 20 epochs:
     * "epoch 20, x1: 0.007188, x2: 0.002553" */
    optim_params p = with_lr(OPTIM_SGD, 0.6);
    p.momentum = 0.5;
    const runner *m = run("ill-conditioned", OPTIM_SGD, p, -5, -2, 20);
    assert_float_equal(m->x[0], 0.007188, 5e-7);
    assert_float_equal(m->x[1], 0.002553, 5e-7);
}

static void test_adagrad_rmsprop_12_7_12_8(void **state)
{
    (void)state;
    /* Adagrad eta 0.4, 20 epochs: "x1: -2.382563, x2: -0.158591" (d2l, eps 1e-6 inside
     * the root); torch's eps 1e-10 outside moves the digits by less than 1e-6 here */
    const runner *a = run("ill-conditioned", OPTIM_ADAGRAD, with_lr(OPTIM_ADAGRAD, 0.4), -5, -2,
                          20);
    assert_float_equal(a->x[0], -2.382562, 2e-6);
    assert_float_equal(a->x[1], -0.158591, 2e-6);
    /* RMSProp eta 0.4, gamma (alpha) 0.9: "x1: -0.010599, x2: 0.000000" */
    optim_params p = with_lr(OPTIM_RMSPROP, 0.4);
    p.alpha = 0.9;
    const runner *m = run("ill-conditioned", OPTIM_RMSPROP, p, -5, -2, 20);
    assert_float_equal(m->x[0], -0.010598, 2e-6);
    assert_float_equal(m->x[1], 0.0, 2e-6);
}

static void test_annealing_escapes_where_gd_stays(void **state)
{
    (void)state;
    /* From the local minimum of the risk (x = -0.27) plain gradient descent
     * stays put; annealing with its defaults reaches the global basin
     * (beyond the local maximum at 0.27385) in most seeded runs within 2000
     * steps. */
    const runner *g = run("risk", OPTIM_SGD, with_lr(OPTIM_SGD, 0.05), -0.27, 0, 2000);
    assert_float_equal(g->x[0], -0.2738527, 1e-6);
    int escaped = 0;
    const int seeds = 200;
    for (int seed = 0; seed < seeds; seed++) {
        const double start = -0.27;
        const runner_params rp = {.land = landscape_find("risk"), .kind = OPTIM_ANNEAL,
                                  .optim = optim_defaults(OPTIM_ANNEAL), .seed = (uint64_t)seed,
                                  .start = &start};
        char err[256];
        assert_true(runner_init(&r, &rp, err, sizeof err));
        for (int i = 0; i < 2000; i++)
            runner_step(&r);
        escaped += r.x[0] > 0.2738527;
        assert_true(landscape_in_domain(r.land, r.x)); /* annealing searches the domain */
    }
    print_message("annealing reached the global basin in %d of %d seeded runs\n", escaped, seeds);
    assert_true(escaped > seeds / 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gradient_descent_12_3),
        cmocka_unit_test(test_newton_12_3_3),
        cmocka_unit_test(test_momentum_12_6),
        cmocka_unit_test(test_adagrad_rmsprop_12_7_12_8),
        cmocka_unit_test(test_annealing_escapes_where_gd_stays),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
