/*
 * test_run_config.c: one run configuration for every consumer. The window's
 * runner (app_create from the command line, headless) and `optiviz trace`
 * given the same flags, noise decay and a schedule included, produce the
 * same iterates bit for bit; a particle of the window's cloud put at the
 * runner's start with the runner's random stream steps exactly as the
 * runner does (same optimizer, hyperparameters, noise, decay, schedule).
 */
#include "app/app.h"
#include "app/commands.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define STEPS 60

/* The run flags shared by the window and trace (argv after the command). */
static const char *const flags_1d[] = {
    "--function", "risk", "--optimizer", "sgd", "--lr", "0.05", "--momentum", "0.5",
    "--noise", "0.3", "--noise-decay", "0.93", "--schedule", "factor", "--factor", "0.97",
    "--seed", "7", "--start", "0.2",
};
static const char *const flags_2d[] = {
    "--function", "saddle", "--optimizer", "adam", "--lr", "0.02", "--amsgrad",
    "--noise", "0.4", "--noise-decay", "0.9", "--schedule", "multistep", "--milestones", "10,30",
    "--seed", "11", "--start", "0.3,0.05",
};

static bool parse(const char *command, const char *const *flags, int n, cli_options *o)
{
    char *argv[40];
    int argc = 0;
    argv[argc++] = "optiviz";
    if (command)
        argv[argc++] = (char *)command;
    for (int i = 0; i < n; i++)
        argv[argc++] = (char *)flags[i];
    if (command) {
        argv[argc++] = "--steps";
        argv[argc++] = "60";
    }
    char err[512];
    const bool ok = cli_parse(argc, argv, o, err, sizeof err);
    if (!ok)
        fprintf(stderr, "%s\n", err);
    return ok;
}

/* Rows of trace's CSV: iterates x (and y) per step. */
static int trace_rows(const cli_options *o, double xs[][2])
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    assert_int_equal(command_trace(o, out, stderr), 0);
    fclose(out);
    int rows = 0;
    char *save = NULL;
    strtok_r(buf, "\n", &save); /* header */
    for (char *line = strtok_r(NULL, "\n", &save); line && rows <= STEPS;
         line = strtok_r(NULL, "\n", &save)) {
        long step;
        char *p = line;
        step = strtol(p, &p, 10);
        assert_int_equal(step, rows);
        xs[rows][0] = strtod(p + 1, &p);
        xs[rows][1] = o->land->dim == 2 ? strtod(p + 1, &p) : 0.0;
        rows++;
    }
    free(buf);
    return rows;
}

static app *window(const char *const *flags, int n, cli_options *o)
{
    assert_true(parse(NULL, flags, n, o));
    app *a = calloc(1, sizeof *a);
    assert_non_null(a);
    char err[512];
    const app_params p = {.cli = o, .headless = true, .width = 640, .height = 360};
    assert_true(app_create(a, &p, err, sizeof err));
    return a;
}

static void window_matches_trace(const char *const *flags, int n)
{
    cli_options t, w;
    assert_true(parse("trace", flags, n, &t));
    static double xs[STEPS + 1][2];
    assert_int_equal(trace_rows(&t, xs), STEPS + 1);
    app *a = window(flags, n, &w);
    const runner *r = &a->sim.runners[0];
    assert_true(r->noise > 0.0);
    assert_true(r->noise_decay < 1.0); /* --noise-decay reached the window's runner */
    assert_int_equal(r->sched.kind, t.run.sched.kind);
    for (int s = 0; s <= STEPS; s++) {
        assert_int_equal(r->step, s);
        assert_true(r->x[0] == xs[s][0]);
        if (a->lesson.land->dim == 2)
            assert_true(r->x[1] == xs[s][1]);
        sim_step(&a->sim);
    }
    app_destroy(a);
    free(a);
    cli_free(&t);
    cli_free(&w);
}

static void test_window_runner_matches_trace_1d(void **state)
{
    (void)state;
    window_matches_trace(flags_1d, (int)(sizeof flags_1d / sizeof flags_1d[0]));
}

static void test_window_runner_matches_trace_2d(void **state)
{
    (void)state;
    window_matches_trace(flags_2d, (int)(sizeof flags_2d / sizeof flags_2d[0]));
}

/* A one-particle cloud, its particle moved to the runner's start with the
 * runner's stream: both step alike. */
static void particle_matches_runner(const char *const *flags, int n)
{
    cli_options w;
    app *a = window(flags, n, &w);
    app_cloud_launch(a, 1);
    assert_int_equal(a->cloud.n, 1);
    assert_true(a->cloud.noise_decay < 1.0); /* the cloud takes the noise decay */
    runner *r = &a->sim.runners[0];
    cloud_particle *q = &a->cloud.p[0];
    q->x[0] = q->start[0] = r->x[0];
    q->x[1] = q->start[1] = r->x[1];
    rng_seed(&q->rng, r->seed);
    landscape_eval(a->lesson.land, q->x, &q->at);
    for (int s = 0; s < STEPS; s++) {
        runner_step(r);
        cloud_step(&a->cloud);
        assert_true(q->x[0] == r->x[0]);
        assert_true(q->x[1] == r->x[1]);
    }
    app_destroy(a);
    free(a);
    cli_free(&w);
}

static void test_cloud_particle_matches_runner_1d(void **state)
{
    (void)state;
    particle_matches_runner(flags_1d, (int)(sizeof flags_1d / sizeof flags_1d[0]));
}

static void test_cloud_particle_matches_runner_2d(void **state)
{
    (void)state;
    particle_matches_runner(flags_2d, (int)(sizeof flags_2d / sizeof flags_2d[0]));
}

/* Layers: a new kind resets the hyperparameters to its defaults; only the
 * fields given replace the config's. */
static void test_apply_layers(void **state)
{
    (void)state;
    run_config c = run_config_defaults(OPTIM_SGD);
    c.optim.lr = 0.3; /* the lesson's fit */
    run_config_apply(&c, &(run_layer){.has_noise = true, .noise = 0.2});
    assert_true(c.optim.lr == 0.3 && c.noise == 0.2 && c.kind == OPTIM_SGD);
    run_config_apply(&c, &(run_layer){.has_kind = true, .kind = OPTIM_ADAM, .optim_given = 1u,
                                      .optim = {.lr = 0.01, .beta1 = 0.5}});
    assert_int_equal(c.kind, OPTIM_ADAM);
    assert_true(c.optim.lr == 0.01);  /* given (bit 0: lr) */
    assert_true(c.optim.beta1 == 0.9); /* not given: adam's default */
    assert_true(c.noise == 0.2);
    const runner_params p = run_config_runner(&c, landscape_find("risk"), NULL, 3);
    assert_true(p.seed == 3 && p.noise == 0.2 && p.kind == OPTIM_ADAM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_apply_layers),
        cmocka_unit_test(test_window_runner_matches_trace_1d),
        cmocka_unit_test(test_window_runner_matches_trace_2d),
        cmocka_unit_test(test_cloud_particle_matches_runner_1d),
        cmocka_unit_test(test_cloud_particle_matches_runner_2d),
    };
    const int failed = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return failed;
}
