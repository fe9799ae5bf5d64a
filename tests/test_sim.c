/*
 * test_sim.c: runners and fixed-rate stepping: statuses on scripted runs,
 * seeded noise, the trail ring, and the lessons' default runs doing what the
 * lesson says (lesson 1 settles at the empirical risk's minimum).
 */
#include "core/sim.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "near.h"

static sim s; /* large (trails): keep it off the stack */

static void init_one(const char *name, const optim_params *op, double noise, const double *start)
{
    const runner_params p = {.land = landscape_find(name), .optim = *op, .noise = noise,
                             .seed = 7, .start = start};
    char err[256];
    assert_true(sim_init(&s, &p, 1, 8.0, err, sizeof err));
}

static void test_lesson1_settles_at_empirical_risk_minimum(void **state)
{
    (void)state;
    const landscape *l = landscape_find("empirical-risk");
    const optim_params op = {.lr = l->lr};
    init_one("empirical-risk", &op, 0.0, NULL);
    runner *r = &s.runners[0];
    bool passed_risk_min = false;
    for (int i = 0; i < 500 && r->status == RUNNER_RUNNING; i++) {
        sim_step(&s);
        if (r->x[0] < 1.09041 && r->x[0] > 1.02)
            passed_risk_min = true;
    }
    assert_int_equal(r->status, RUNNER_CONVERGED);
    assert_float_equal(r->x[0], 1.01698, 5e-6);
    assert_true(passed_risk_min);
    assert_true(r->step > 5);
}

static void test_fixed_rate_stepping(void **state)
{
    (void)state;
    const optim_params op = {.lr = 0.05};
    init_one("risk", &op, 0.0, NULL);
    /* 8 steps/s: 0.1 s -> 0 steps, then 0.1 s more -> 1 step (0.8 + 0.8 = 1.6) */
    assert_int_equal(sim_advance(&s, 0.1), 0);
    assert_int_equal(sim_advance(&s, 0.1), 1);
    assert_int_equal(sim_advance(&s, 1.0), 8);
    assert_int_equal(s.runners[0].step, 9);
    s.paused = true;
    assert_int_equal(sim_advance(&s, 10.0), 0);
    s.paused = false;
    /* a long stall is capped, not replayed as a burst */
    s.steps_per_second = 1000.0;
    assert_int_equal(sim_advance(&s, 1000.0), SIM_MAX_STEPS_PER_ADVANCE);
    assert_true(s.accumulator < 1.0);
    /* a smaller cap of the caller's (a particle cloud's frame budget) */
    s.max_per_advance = 7;
    sim_reset(&s, NULL); /* a fresh run, so the runner does step */
    assert_int_equal(sim_advance(&s, 0.25), 7);
    assert_int_equal(s.runners[0].step, 7);
    assert_true(s.accumulator < 1.0);
    s.max_per_advance = 0;
}

static void test_divergence_and_out_of_view(void **state)
{
    (void)state;
    /* x^3 from -1 with lr 0.3: x <- x - 0.9 x^2 runs off to -inf. */
    const optim_params op = {.lr = 0.3};
    const double start = -1.0;
    init_one("cubic", &op, 0.0, &start);
    runner *r = &s.runners[0];
    sim_step(&s);
    assert_float_equal(r->x[0], -1.9, 1e-15);
    assert_int_equal(r->status, RUNNER_RUNNING);
    sim_step(&s); /* -1.9 - 0.9*3.61 = -5.149: outside [-2, 2], within 10 widths */
    assert_int_equal(r->status, RUNNER_OUT_OF_VIEW);
    sim_step(&s); /* -5.149 - 0.9*26.5 = -29.01: still within 10 widths (-42) */
    assert_int_equal(r->status, RUNNER_OUT_OF_VIEW);
    sim_step(&s); /* -29.01 - 0.9*841.7 = -786.5: far outside */
    assert_int_equal(r->status, RUNNER_DIVERGED);
    const long step = r->step;
    sim_step(&s); /* a diverged runner no longer steps */
    assert_int_equal(r->step, step);
    sim_reset(&s, NULL);
    assert_int_equal(r->status, RUNNER_RUNNING);
    assert_true(r->x[0] == -1.0 && r->step == 0 && r->trail_len == 1);
}

static void test_saddle_leaves_along_y(void **state)
{
    (void)state;
    const landscape *l = landscape_find("saddle");
    const optim_params op = {.lr = l->lr};
    init_one("saddle", &op, 0.0, NULL);
    runner *r = &s.runners[0];
    for (int i = 0; i < 20; i++)
        sim_step(&s);
    /* x_k = 0.8 * 0.8^k shrinks, y_k = 0.01 * 1.2^k grows */
    assert_float_equal(r->x[0], 0.8 * pow(0.8, 20), 1e-15);
    assert_float_equal(r->x[1], 0.01 * pow(1.2, 20), 1e-13);
    assert_int_equal(r->status, RUNNER_RUNNING);
}

static void test_noise_is_seeded(void **state)
{
    (void)state;
    const optim_params op = {.lr = 0.05};
    init_one("risk", &op, 0.5, NULL);
    for (int i = 0; i < 30; i++)
        sim_step(&s);
    const double a = s.runners[0].x[0];
    sim_reset(&s, NULL);
    for (int i = 0; i < 30; i++)
        sim_step(&s);
    assert_true(s.runners[0].x[0] == a);
    init_one("risk", &op, 0.0, NULL);
    for (int i = 0; i < 30; i++)
        sim_step(&s);
    assert_true(s.runners[0].x[0] != a);
    /* the noise-free run on empirical risk converges; with noise it never
     * counts as converged, it keeps jittering */
    const optim_params lesson = {.lr = 0.01};
    init_one("empirical-risk", &lesson, 0.0, NULL);
    for (int i = 0; i < 500; i++)
        sim_step(&s);
    assert_int_equal(s.runners[0].status, RUNNER_CONVERGED);
    init_one("empirical-risk", &lesson, 0.5, NULL);
    for (int i = 0; i < 500; i++)
        sim_step(&s);
    assert_int_equal(s.runners[0].status, RUNNER_RUNNING);
}

static void test_trail_ring(void **state)
{
    (void)state;
    const optim_params op = {.lr = 1e-6};
    init_one("tanh", &op, 0.0, NULL);
    runner *r = &s.runners[0];
    for (int i = 0; i < RUNNER_TRAIL_MAX + 10; i++)
        runner_step(r);
    assert_int_equal(r->trail_len, RUNNER_TRAIL_MAX);
    double last[2], first[2];
    runner_trail_point(r, RUNNER_TRAIL_MAX - 1, last);
    assert_true(last[0] == r->x[0]);
    runner_trail_point(r, 0, first);
    assert_true(first[0] > last[0]); /* oldest point is the one furthest right */
}

static void test_bad_params(void **state)
{
    (void)state;
    char err[256];
    const runner_params bad_noise = {.land = landscape_find("risk"), .noise = -1};
    assert_false(sim_init(&s, &bad_noise, 1, 8.0, err, sizeof err));
    assert_non_null(strstr(err, "noise"));
    const runner_params ok = {.land = landscape_find("risk")};
    assert_false(sim_init(&s, &ok, 1, 0.0, err, sizeof err));
    assert_false(sim_init(&s, &ok, SIM_MAX_RUNNERS + 1, 8.0, err, sizeof err));
}

/* Left, then Right: a step taken back restores the optimizer's exact state
 * (moments, noise generator, iterate, status, the early-stopping watch) and
 * the next step repeats the same step bit for bit, noise included. */
static void test_step_back_replays_exactly(void **state)
{
    (void)state;
    static const struct {
        const char *land;
        optim_kind kind;
        double noise;
    } cases[] = {{"two-basin", OPTIM_ADAM, 1.5}, {"risk", OPTIM_ANNEAL, 0.0},
                 {"empirical-risk", OPTIM_SGD, 0.5}, {"elliptic", OPTIM_RMSPROP, 0.3}};
    static double xs[41][2];
    static runner_snapshot snap[41];
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        optim_params op = optim_defaults(cases[c].kind);
        op.lr = cases[c].kind == OPTIM_SGD ? 0.01 : op.lr;
        const runner_params p = {.land = landscape_find(cases[c].land), .kind = cases[c].kind,
                                 .optim = op, .noise = cases[c].noise, .seed = 11};
        char err[256];
        assert_true(sim_init(&s, &p, 1, 8.0, err, sizeof err));
        runner *r = &s.runners[0];
        for (int t = 0; t <= 40; t++) {
            xs[t][0] = r->x[0];
            xs[t][1] = r->x[1];
            snap[t] = (runner_snapshot){.opt = r->opt, .rng = r->rng, .step = r->step,
                                        .watch_best_step = r->watch_best_step};
            if (t < 40)
                runner_step(r);
        }
        const int trail = r->trail_len;
        for (int t = 39; t >= 25; t--) {
            assert_true(runner_step_back(r));
            assert_int_equal(r->step, t);
            assert_memory_equal(r->x, xs[t], sizeof xs[t]);
            assert_memory_equal(&r->opt, &snap[t].opt, sizeof r->opt);
            assert_memory_equal(&r->rng, &snap[t].rng, sizeof r->rng);
            assert_int_equal(r->watch_best_step, snap[t].watch_best_step);
        }
        assert_int_equal(r->trail_len, trail - 15);
        for (int t = 26; t <= 40; t++) {
            runner_step(r);
            assert_memory_equal(r->x, xs[t], sizeof xs[t]); /* the same step, noise and all */
        }
        /* back to the start and no further */
        for (int t = 0; t < 40; t++)
            assert_true(runner_step_back(r));
        assert_int_equal(r->step, 0);
        assert_false(runner_step_back(r));
        assert_memory_equal(r->x, xs[0], sizeof xs[0]);
    }
}

/* The sim takes back only the runners that stepped: a diverged runner
 * stays where it stopped until the sim steps back past its last step. */
static void test_sim_step_back(void **state)
{
    (void)state;
    const double start = 10.0;
    optim_params slow = optim_defaults(OPTIM_SGD), wild = slow;
    slow.lr = 0.05;
    wild.lr = 1.1; /* x *= -1.2 each step: diverged after 17 steps */
    const runner_params p[2] = {{.land = landscape_find("quadratic"), .optim = slow, .start = &start},
                                {.land = landscape_find("quadratic"), .optim = wild, .start = &start}};
    char err[256];
    assert_true(sim_init(&s, p, 2, 8.0, err, sizeof err));
    for (int t = 0; t < 25; t++)
        sim_step(&s);
    assert_int_equal(s.runners[1].status, RUNNER_DIVERGED);
    const long stopped = s.runners[1].step;
    assert_int_equal(s.runners[0].step, 25);
    for (int t = 0; t < 25 - (int)stopped; t++)
        assert_true(sim_step_back(&s));
    assert_int_equal(s.runners[0].step, stopped);
    assert_int_equal(s.runners[1].step, stopped); /* untouched so far */
    assert_true(sim_step_back(&s));
    assert_int_equal(s.runners[1].step, stopped - 1);
    assert_near(s.runners[1].x[0], 10.0 * pow(-1.2, (double)(stopped - 1)), 1e-9);
    assert_int_equal(s.runners[1].status, RUNNER_OUT_OF_VIEW);
    sim_reset(&s, NULL);
    assert_false(sim_step_back(&s));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lesson1_settles_at_empirical_risk_minimum),
        cmocka_unit_test(test_fixed_rate_stepping),
        cmocka_unit_test(test_divergence_and_out_of_view),
        cmocka_unit_test(test_saddle_leaves_along_y),
        cmocka_unit_test(test_noise_is_seeded),
        cmocka_unit_test(test_trail_ring),
        cmocka_unit_test(test_bad_params),
        cmocka_unit_test(test_step_back_replays_exactly),
        cmocka_unit_test(test_sim_step_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
