/*
 * test_escape.c: the noise and annealing lessons make their point within
 * about 30 seconds at their own pace. From the local minimum, with the
 * lesson's optimizer, learning rate and noise (or annealing schedule), a
 * run escapes when it first stands nearer the global minimum than the local
 * one and farther than ASSESS_LEFT of the domain from the local one. For at
 * least 16 of the seeds 0..19 that happens within 30 s of steps at the
 * lesson's steps per second (8 in the window's lessons, the scene's own in
 * the tour), and over the next 90 s the runs spend most of their time
 * (>= 75 %) in the global minimum's basin: noise that only stirred would not
 * teach anything. The measured numbers are printed for the record.
 */
#include "app/scene.h"
#include "core/assess.h"
#include "core/critical.h"
#include "core/sim.h"

#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define SEEDS 20
#define SECONDS 30.0
#define WINDOW_STEPS_PER_SECOND 8.0 /* app.h's APP_DEFAULT_STEPS_PER_SECOND */

static runner r;

static int cmp_long(const void *a, const void *b)
{
    const long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* Index of the nearest critical point of kind k to x, its distance in *d. */
static int nearest(const critical_set *cs, const landscape *l, const double *x, critical_kind k,
                   double *d)
{
    int best = -1;
    *d = INFINITY;
    for (int i = 0; i < cs->count; i++) {
        if (cs->points[i].kind != k)
            continue;
        const double e = hypot(x[0] - cs->points[i].x, l->dim > 1 ? x[1] - cs->points[i].y : 0);
        if (e < *d) {
            *d = e;
            best = i;
        }
    }
    return best;
}

typedef struct lesson {
    const char *what;
    const landscape *land;
    optim_kind kind;
    optim_params optim;
    double noise;
    double steps_per_second;
} lesson;

/* Runs the lesson from the local minimum nearest the landscape's lesson
 * start for each seed; asserts the shares and prints them. */
static void check_lesson(const lesson *ls)
{
    const landscape *l = ls->land;
    critical_set cs;
    assert_true(critical_find(&cs, l, NULL));
    double d, side = l->hi[0] - l->lo[0];
    if (l->dim > 1)
        side = fmax(side, l->hi[1] - l->lo[1]);
    const int lm = nearest(&cs, l, l->start, CRITICAL_LOCAL_MIN, &d);
    assert_true(lm >= 0);
    const double start[2] = {cs.points[lm].x, cs.points[lm].y};
    const long limit = (long)(SECONDS * ls->steps_per_second);
    long first[SEEDS];
    int within = 0;
    long in_global = 0, later = 0;
    for (int seed = 0; seed < SEEDS; seed++) {
        const runner_params p = {.land = l, .kind = ls->kind, .optim = ls->optim,
                                 .noise = ls->noise, .seed = (uint64_t)seed, .start = start};
        char err[256];
        assert_true(runner_init(&r, &p, err, sizeof err));
        first[seed] = LONG_MAX;
        for (long t = 0; t < 4 * limit && r.status != RUNNER_DIVERGED; t++) {
            runner_step(&r);
            double dg, dl;
            nearest(&cs, l, r.x, CRITICAL_GLOBAL_MIN, &dg);
            dl = hypot(r.x[0] - start[0], l->dim > 1 ? r.x[1] - start[1] : 0);
            const bool global = dg < dl && dl / side > ASSESS_LEFT;
            if (global && first[seed] == LONG_MAX)
                first[seed] = r.step;
            if (r.step > limit) {
                in_global += dg < dl;
                later++;
            }
        }
        within += first[seed] <= limit;
    }
    qsort(first, SEEDS, sizeof first[0], cmp_long);
    const double share = later ? (double)in_global / (double)later : 0.0;
    printf("%-34s escape within %.0f s (%ld steps at %g/s): %2d of %d seeds, median %.1f s; "
           "afterwards %.0f %% of the time in the global basin\n",
           ls->what, SECONDS, limit, ls->steps_per_second, within, SEEDS,
           first[SEEDS / 2 - 1] == LONG_MAX ? INFINITY
                                            : (double)first[SEEDS / 2 - 1] / ls->steps_per_second,
           100.0 * share);
    critical_free(&cs);
    if (within < 16)
        fail_msg("%s: escaped within %.0f s for %d of %d seeds", ls->what, SECONDS, within, SEEDS);
    if (share < 0.75)
        fail_msg("%s: only %.0f %% of the later time in the global basin", ls->what,
                 100.0 * share);
}

/* A window lesson with N: gradient descent at the lesson's lr and noise. */
static void test_window_noise_lessons(void **state)
{
    (void)state;
    const char *names[] = {"risk", "two-basin"};
    for (int i = 0; i < 2; i++) {
        const landscape *l = landscape_find(names[i]);
        optim_params op = optim_defaults(OPTIM_SGD);
        op.lr = l->lr;
        char what[64];
        snprintf(what, sizeof what, "%s with N (lr %g, sigma %g)", names[i], l->lr, l->noise);
        const lesson ls = {what, l, OPTIM_SGD, op, l->noise, WINDOW_STEPS_PER_SECOND};
        check_lesson(&ls);
    }
}

/* The tour's noise and annealing scenes: the runner that is not the
 * control, with the scene's settings and pace. */
static void test_tour_scenes(void **state)
{
    (void)state;
    unsetenv("OPTIVIZ_SCENES");
    const char *names[] = {"noise", "anneal"};
    for (int i = 0; i < 2; i++) {
        char path[SCENE_PATH_MAX], err[512];
        assert_true(scene_resolve(names[i], path, sizeof path, err, sizeof err));
        scene *s = calloc(1, sizeof *s);
        assert_non_null(s);
        assert_true(scene_load(s, path, err, sizeof err));
        const scene_runner *sr = &s->runners[s->n_runners - 1];
        char what[64];
        snprintf(what, sizeof what, "scene %s (%s)", names[i], optim_kind_name(sr->kind));
        const lesson ls = {what, s->land, sr->kind, sr->optim, sr->has_noise ? sr->noise : s->noise,
                           s->has_steps_per_second ? s->steps_per_second : 8.0};
        check_lesson(&ls);
        free(s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_window_noise_lessons),
        cmocka_unit_test(test_tour_scenes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
