/*
 * test_loss.c: the loss panel's numbers. The log gap log10(f - f*) has no
 * floor (x^2 from 10 at lr 0.4: log10(100 * 0.04^t), -16.17 at step 13 and
 * on down), an exact zero gap is a break with its step, and the
 * early-stopping mark comes from every step of the run (lesson 1's risk is
 * lowest at step 833 of `--lr 0.00005 --start 1.2`, -1.046721108427444,
 * recomputed from `optiviz trace` with the risk x cos(pi x) in Python).
 */
#include "core/critical.h"
#include "core/loss.h"
#include "core/sim.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "near.h"

static sim s;
static loss_series ser;

static runner *one(const char *land, optim_kind kind, double lr, double start)
{
    optim_params op = optim_defaults(kind);
    op.lr = lr;
    const runner_params p = {.land = landscape_find(land), .kind = kind, .optim = op,
                             .start = &start};
    char err[256];
    assert_true(sim_init(&s, &p, 1, 8.0, err, sizeof err));
    return &s.runners[0];
}

/* f* as the panel takes it: the lowest global minimum critical_find gives. */
static double lowest_minimum(const landscape *l)
{
    critical_set cs = {0};
    assert_true(critical_find(&cs, l, NULL));
    const double best = critical_lowest_min(&cs);
    critical_free(&cs);
    return best;
}

static void test_log_gap_has_no_floor(void **state)
{
    (void)state;
    runner *r = one("quadratic", OPTIM_SGD, 0.4, 10.0);
    for (int i = 0; i < 20; i++)
        runner_step(r);
    loss_sample(&ser, r, r->land);
    assert_int_equal(ser.n, 21);
    loss_log_gap(&ser, lowest_minimum(r->land));
    const double right[4] = {-16.17, -17.57, -18.97, -20.37}; /* the values */
    for (int t = 13; t <= 16; t++) {
        assert_float_equal(ser.step[t], t, 0);
        assert_near(ser.y[t], 2.0 + t * log10(0.04), 1e-9);
        assert_float_equal(ser.y[t], right[t - 13], 0.005);
    }
    assert_near(ser.y[20], 2.0 + 20 * log10(0.04), 1e-9);
    assert_int_equal(ser.zero_step, -1);
    assert_int_equal(ser.below_step, -1);
}

static void test_exact_zero_gap_is_a_break(void **state)
{
    (void)state;
    /* Newton on x^2 lands on 0 exactly in one step */
    runner *r = one("quadratic", OPTIM_NEWTON, 1.0, 10.0);
    runner_step(r);
    runner_step(r);
    assert_true(r->x[0] == 0.0);
    loss_sample(&ser, r, r->land);
    loss_log_gap(&ser, 0.0);
    assert_near(ser.y[0], 2.0, 1e-12);
    assert_true(isnan(ser.y[1]) && isnan(ser.y[2]));
    assert_int_equal(ser.zero_step, 1);
    /* a value below f* is a break too */
    loss_sample(&ser, r, r->land);
    loss_log_gap(&ser, 1.0);
    assert_int_equal(ser.below_step, 1);
}

static void test_early_stopping_mark_from_whole_run(void **state)
{
    (void)state;
    runner *r = one("empirical-risk", OPTIM_SGD, 0.00005, 1.2);
    assert_non_null(r->watch);
    for (int i = 0; i < 5000; i++)
        runner_step(r);
    assert_int_equal(r->watch_best_step, 833);
    assert_near(r->watch_best, -1.046721108427444, 1e-12);
    assert_true(r->trail_len < 5001); /* the trail alone no longer holds step 833's neighbours */
    /* a reset starts the tracking again */
    runner_reset(r, NULL);
    assert_int_equal(r->watch_best_step, 0);
    assert_near(r->watch_best, 1.2 * cos(3.14159265358979323846 * 1.2), 1e-12);
    /* a landscape without a companion tracks nothing */
    assert_null(one("risk", OPTIM_SGD, 0.1, 0.5)->watch);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_log_gap_has_no_floor),
        cmocka_unit_test(test_exact_zero_gap_is_a_break),
        cmocka_unit_test(test_early_stopping_mark_from_whole_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
