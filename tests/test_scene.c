/*
 * test_scene.c: scene files (src/app/scene.c). Every bundled scene loads
 * with the values its file gives, the numbers its caption quotes are what
 * the simulation computes, the tour is in order, names resolve, README's
 * example parses, and each kind of malformed file gives its one
 * file:line:key message and leaves the output untouched.
 */
#include "app/fileio.h"
#include "app/scene.h"
#include "core/sim.h"

#include "optiviz_config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "near.h"

static char tmpdir[256];

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static scene *load_bundled(const char *name)
{
    char path[SCENE_PATH_MAX], err[512];
    assert_true(scene_resolve(name, path, sizeof path, err, sizeof err));
    scene *s = calloc(1, sizeof *s);
    assert_non_null(s);
    if (!scene_load(s, path, err, sizeof err))
        fail_msg("%s", err);
    assert_true(s->title[0] && s->title_ko[0] && s->caption[0] && s->caption_ko[0]);
    return s;
}

/* Runs runner i of the scene for steps steps (the scene's noise and seed)
 * and returns the runner; the caller frees it. */
/* Runner i of s after steps steps as the window shows it: a sim steps only
 * runners still going (a diverged, converged or stopped one stays where it
 * stopped), so the numbers a caption quotes must be those. */
static runner *run(const scene *s, int i, long steps)
{
    const scene_runner *sr = &s->runners[i];
    sim *sm = calloc(1, sizeof *sm);
    runner *r = calloc(1, sizeof *r);
    assert_non_null(sm);
    assert_non_null(r);
    const runner_params p = {
        .land = s->land,
        .kind = sr->kind,
        .optim = sr->optim,
        .noise = sr->has_noise ? sr->noise : s->noise,
        .seed = s->seed,
        .start = sr->has_start ? sr->start : NULL,
    };
    char err[256];
    assert_true(sim_init(sm, &p, 1, 8.0, err, sizeof err));
    for (long t = 0; t < steps; t++)
        sim_step(sm);
    *r = sm->runners[0];
    free(sm);
    return r;
}

static double risk(double x)
{
    return x * cos(3.14159265358979323846 * x);
}

/* A caption states what is on screen: where a scene's runners differ in
 * learning rate, both captions name every rate shown. */
static void test_captions_name_every_lr(void **state)
{
    (void)state;
    unsetenv("OPTIVIZ_SCENES");
    scene_entry tour[SCENE_TOUR_MAX];
    const int n = scene_tour(tour, SCENE_TOUR_MAX);
    int checked = 0;
    for (int i = 0; i < n; i++) {
        scene *s = load_bundled(tour[i].name);
        bool differ = false;
        for (int k = 1; k < s->n_runners; k++)
            differ = differ || s->runners[k].optim.lr != s->runners[0].optim.lr;
        for (int k = 0; differ && k < s->n_runners; k++) {
            char lr[32];
            snprintf(lr, sizeof lr, "%g", s->runners[k].optim.lr);
            if (!strstr(s->caption, lr) || !strstr(s->caption_ko, lr))
                fail_msg("scene %s: runner %d's lr %s is not in its captions", tour[i].name,
                         k + 1, lr);
            checked++;
        }
        free(s);
    }
    assert_int_equal(checked, 9); /* learning-rate, momentum, adaptive: 3 runners each */
}

/* One name per coordinate: the axes and the HUD say x and y, so every 2D
 * landscape's title and every scene's title and captions do too (no x1,
 * x2, x₁, x₂ beside axes named x, y; tryout 7). */
static void test_coordinates_named_as_the_axes(void **state)
{
    (void)state;
    unsetenv("OPTIVIZ_SCENES");
    static const char *other[] = {"x1", "x2", "x₁", "x₂"};
    for (int i = 0; i < landscape_count(); i++)
        for (size_t k = 0; k < sizeof other / sizeof other[0]; k++)
            if (strstr(landscape_at(i)->title, other[k]))
                fail_msg("function %s: title has %s", landscape_at(i)->name, other[k]);
    scene_entry tour[SCENE_TOUR_MAX];
    const int n = scene_tour(tour, SCENE_TOUR_MAX);
    for (int i = 0; i < n; i++) {
        scene *s = load_bundled(tour[i].name);
        const char *texts[4] = {s->title, s->title_ko, s->caption, s->caption_ko};
        for (int t = 0; t < 4; t++)
            for (size_t k = 0; k < sizeof other / sizeof other[0]; k++)
                if (strstr(texts[t], other[k]))
                    fail_msg("scene %s: '%s' has %s", tour[i].name, texts[t], other[k]);
        free(s);
    }
    assert_non_null(strstr(landscape_find("ill-conditioned")->title, "f(x, y) = 0.1x² + 2y²"));
}

/* Tour 3: the analytical solution x* = 0 of x^2 beside gradient descent's
 * iterate, |x - x*| = 10 * 0.6^t: the numbers its caption quotes. */
static void test_scene_analytic(void **state)
{
    (void)state;
    scene *s = load_bundled("analytic");
    assert_true(s->has_exact && s->exact);
    assert_string_equal(s->land->name, "quadratic");
    for (int t = 10; t <= 20; t += 10) {
        runner *r = run(s, 0, t);
        assert_near(fabs(r->x[0]), 10.0 * pow(0.6, t), 1e-12);
        free(r);
    }
    assert_non_null(strstr(s->caption, "0.0605 after 10 steps, 0.00037 after 20"));
    assert_near(10.0 * pow(0.6, 10), 0.0605, 5e-5);
    assert_near(10.0 * pow(0.6, 20), 0.00037, 5e-6);
    free(s);
}

static void test_tour_order(void **state)
{
    (void)state;
    unsetenv("OPTIVIZ_SCENES");
    assert_string_equal(scene_dir(), OPTIVIZ_SCENE_DIR);
    scene_entry tour[SCENE_TOUR_MAX];
    const int n = scene_tour(tour, SCENE_TOUR_MAX);
    static const char *const names[] = {"risk", "local-min", "analytic", "cubic", "saddle",
                                        "tanh", "noise", "anneal", "learning-rate", "momentum",
                                        "adaptive"};
    assert_int_equal(n, 11);
    for (int i = 0; i < n; i++) {
        assert_string_equal(tour[i].name, names[i]);
        char prefix[16];
        snprintf(prefix, sizeof prefix, "/%02d-", i + 1);
        assert_non_null(strstr(tour[i].path, prefix));
    }
}

static void test_scenes_risk_local_cubic(void **state)
{
    (void)state;
    scene *s = load_bundled("risk");
    assert_string_equal(s->land->name, "empirical-risk");
    assert_int_equal(s->n_runners, 1);
    assert_int_equal(s->runners[0].kind, OPTIM_SGD);
    assert_float_equal(s->runners[0].optim.lr, 0.01, 0);
    assert_float_equal(s->runners[0].start[0], 1.2, 0);
    assert_true(s->has_loss_panel && s->loss_panel);
    assert_true(s->has_steps_per_second && s->steps_per_second == 4.0);
    assert_int_equal(s->view, SCENE_VIEW_CURVE);
    assert_int_equal(s->n_annotations, 1);
    /* the caption: risk f lowest at step 5 (-1.046), final g -1.208 at
     * 1.017, final f -1.016 */
    runner *r = run(s, 0, 200);
    assert_float_equal(r->x[0], 1.01698, 5e-6);
    assert_float_equal(r->at.f, -1.208, 5e-4);
    assert_float_equal(risk(r->x[0]), -1.016, 5e-4);
    free(r);
    int best = 0;
    double fbest = INFINITY;
    for (int t = 0; t <= 40; t++) {
        r = run(s, 0, t);
        if (risk(r->x[0]) < fbest)
            fbest = risk(r->x[0]), best = t;
        if (t == 5)
            assert_float_equal(r->x[0], s->annotations[0].at[0], 5e-6);
        free(r);
    }
    assert_int_equal(best, 5);
    assert_float_equal(fbest, -1.046, 5e-4);
    free(s);

    s = load_bundled("local-min");
    assert_string_equal(s->land->name, "risk");
    assert_int_equal(s->n_runners, 2);
    assert_float_equal(s->runners[0].start[0], -0.9, 0);
    assert_float_equal(s->runners[1].start[0], 0.5, 0);
    r = run(s, 0, 200);
    assert_float_equal(r->x[0], -0.274, 5e-4);
    assert_float_equal(r->at.f, -0.179, 5e-4);
    free(r);
    r = run(s, 1, 200);
    assert_float_equal(r->x[0], 1.090, 5e-4);
    assert_float_equal(r->at.f, -1.047, 5e-4);
    free(r);
    free(s);

    s = load_bundled("cubic");
    assert_string_equal(s->land->name, "cubic");
    assert_float_equal(s->runners[0].optim.lr, 0.05, 0);
    r = run(s, 0, 100);
    assert_float_equal(r->x[0], 0.062, 5e-4);
    free(r);
    r = run(s, 0, 200);
    assert_float_equal(r->x[0], 0.032, 5e-4);
    free(r);
    free(s);
}

static void test_scenes_saddle_tanh_noise_anneal(void **state)
{
    (void)state;
    scene *s = load_bundled("saddle");
    assert_int_equal(s->dim, 2);
    assert_int_equal(s->view, SCENE_VIEW_SURFACE);
    assert_float_equal(s->runners[0].start[1], 0.01, 0);
    assert_true(s->has_pitch && s->pitch == 0.5 && s->has_distance && s->distance == 5.0);
    assert_true(s->annotations[0].at[0] == 0.0 && s->annotations[0].at[1] == 0.0);
    runner *r = run(s, 0, 25);
    assert_true(r->x[1] <= 1.0);
    runner_step(r);
    assert_true(r->x[1] > 1.0); /* leaves the view along y at step 26 */
    assert_true(fabs(r->x[0]) < 0.01);
    free(r);
    free(s);

    s = load_bundled("tanh");
    assert_float_equal(s->runners[0].start[0], 4.0, 0);
    r = run(s, 0, 0);
    assert_float_equal(r->at.g[0], 0.0013410, 5e-8);
    free(r);
    r = run(s, 0, 100);
    assert_float_equal(r->x[0], 3.928, 5e-4);
    free(r);
    free(s);

    s = load_bundled("noise");
    assert_true(s->has_noise && s->noise == 3.0 && s->has_seed && s->seed == 7);
    assert_int_equal(s->n_runners, 2);
    assert_true(s->runners[0].has_noise && s->runners[0].noise == 0.0);
    assert_true(s->runners[0].has_color && s->runners[0].color[0] == 0x9e);
    assert_false(s->runners[1].has_noise);
    r = run(s, 0, 300); /* the control stays */
    assert_float_equal(r->x[0], -0.27385, 1e-5);
    free(r);
    r = run(s, 1, 300); /* the noisy one has crossed the hump */
    bool crossed = false;
    for (int i = 0; i < r->trail_len; i++) {
        double x[2];
        runner_trail_point(r, i, x);
        crossed = crossed || x[0] > 0.27385;
    }
    assert_true(crossed);
    free(r);
    free(s);

    s = load_bundled("anneal");
    int count;
    const optim_field *f = optim_fields(&count);
    assert_int_equal(s->runners[0].kind, OPTIM_ANNEAL);
    assert_float_equal(s->runners[0].optim.cooling, 0.99, 0);
    for (int i = 0; i < count; i++) {
        const bool want = strcmp(f[i].name, "t0") == 0 || strcmp(f[i].name, "cooling") == 0 ||
                          strcmp(f[i].name, "proposal") == 0;
        assert_int_equal((s->runners[0].optim_given >> i) & 1u, want);
    }
    r = run(s, 0, 1000);
    assert_float_equal(r->x[0], 1.090, 0.1);
    free(r);
    free(s);
}

static void test_scenes_rates(void **state)
{
    (void)state;
    scene *s = load_bundled("learning-rate");
    assert_string_equal(s->land->name, "quadratic");
    assert_int_equal(s->n_runners, 3);
    const double lr[3] = {0.05, 0.2, 1.1}, x10[3] = {3.487, 0.060, 61.9};
    for (int i = 0; i < 3; i++) {
        assert_float_equal(s->runners[i].optim.lr, lr[i], 0);
        runner *r = run(s, i, 10);
        assert_float_equal(r->x[0], x10[i], i == 2 ? 0.05 : 5e-4);
        free(r);
    }
    runner *r = run(s, 2, 20);
    assert_int_equal(r->status, RUNNER_DIVERGED);
    free(r);
    free(s);

    s = load_bundled("momentum");
    assert_string_equal(s->land->name, "ill-conditioned");
    assert_int_equal(s->view, SCENE_VIEW_CONTOUR);
    assert_float_equal(s->runners[2].optim.momentum, 0.5, 0);
    r = run(s, 0, 20);
    assert_float_equal(r->x[0], -0.943, 5e-4);
    free(r);
    r = run(s, 1, 20); /* stopped as diverged at step 9, y = 41.3 (trace) */
    assert_int_equal(r->status, RUNNER_DIVERGED);
    assert_int_equal(r->step, 9);
    assert_near(r->x[1], 41.322093568, 1e-6);
    assert_near(r->x[1], -2.0 * pow(-1.4, 9), 1e-9); /* y *= 1 - 0.6 * 4 */
    assert_non_null(strstr(s->caption, "step 9 (y ≈ 41.3)"));
    free(r);
    r = run(s, 2, 20);
    assert_float_equal(r->x[0], 0.007, 5e-4);
    assert_float_equal(r->x[1], 0.003, 5e-4);
    free(r);
    free(s);

    s = load_bundled("adaptive");
    /* Adam runs at half the others' lr, and the caption says so */
    assert_float_equal(s->runners[2].optim.lr, 0.5 * s->runners[0].optim.lr, 0);
    assert_non_null(strstr(s->caption, "half that lr (0.2)"));
    assert_int_equal(s->runners[0].kind, OPTIM_ADAGRAD);
    assert_int_equal(s->runners[1].kind, OPTIM_RMSPROP);
    assert_int_equal(s->runners[2].kind, OPTIM_ADAM);
    assert_float_equal(s->runners[1].optim.alpha, 0.9, 0);
    assert_float_equal(s->runners[2].optim.beta1, 0.9, 0); /* torch's default */
    assert_int_equal(s->runners[2].optim_given, 1u);        /* lr only */
    const double want[3][2] = {{-2.38, -0.16}, {-0.011, 0.0}, {-1.31, 0.54}};
    for (int i = 0; i < 3; i++) {
        r = run(s, i, 20);
        assert_float_equal(r->x[0], want[i][0], i == 1 ? 5e-4 : 5e-3);
        assert_float_equal(r->x[1], want[i][1], i == 1 ? 5e-4 : 5e-3);
        free(r);
    }
    free(s);
}

static void test_resolve(void **state)
{
    (void)state;
    unsetenv("OPTIVIZ_SCENES");
    char path[SCENE_PATH_MAX], err[512];
    assert_true(scene_resolve("cubic", path, sizeof path, err, sizeof err));
    assert_string_equal(path, OPTIVIZ_SCENE_DIR "/04-cubic.ini");
    assert_true(scene_resolve("04-cubic", path, sizeof path, err, sizeof err));
    assert_string_equal(path, OPTIVIZ_SCENE_DIR "/04-cubic.ini");
    assert_true(scene_resolve("lessons/mine", path, sizeof path, err, sizeof err));
    assert_string_equal(path, "lessons/mine");
    assert_true(scene_resolve("mine.ini", path, sizeof path, err, sizeof err));
    assert_string_equal(path, "mine.ini");
    assert_false(scene_resolve("nope", path, sizeof path, err, sizeof err));
    assert_non_null(strstr(err, "'nope'"));

    /* OPTIVIZ_SCENES: another directory, its *.ini files sorted by name */
    char dir[300], file[400];
    snprintf(dir, sizeof dir, "%s/tour", tmpdir);
    assert_int_equal(mkdir(dir, 0700), 0);
    const char *body = "[scene]\ntitle = t\n[landscape]\nfunction = risk\n";
    snprintf(file, sizeof file, "%s/02-second.ini", dir);
    write_file(file, body);
    snprintf(file, sizeof file, "%s/01-first.ini", dir);
    write_file(file, body);
    snprintf(file, sizeof file, "%s/notes.txt", dir);
    write_file(file, body);
    setenv("OPTIVIZ_SCENES", dir, 1);
    assert_string_equal(scene_dir(), dir);
    scene_entry tour[4];
    assert_int_equal(scene_tour(tour, 4), 2);
    assert_string_equal(tour[0].name, "first");
    assert_string_equal(tour[1].name, "second");
    assert_true(scene_resolve("second", path, sizeof path, err, sizeof err));
    snprintf(file, sizeof file, "%s/02-second.ini", dir);
    assert_string_equal(path, file);
    assert_false(scene_resolve("cubic", path, sizeof path, err, sizeof err));
    unsetenv("OPTIVIZ_SCENES");
}

/* A file that must load: continuation lines, the implicit runner, a
 * formula with its domain. */
static void test_good_files(void **state)
{
    (void)state;
    char path[300], err[512];
    snprintf(path, sizeof path, "%s/good.ini", tmpdir);
    write_file(path, "; comment\n[scene]\ntitle = Mine\ncaption = first part\n"
                     "  second part\n\n[landscape]\nfunction = risk\n");
    scene *s = calloc(1, sizeof *s);
    assert_non_null(s);
    if (!scene_load(s, path, err, sizeof err))
        fail_msg("%s", err);
    assert_string_equal(s->caption, "first part second part");
    assert_int_equal(s->n_runners, 1);
    assert_int_equal(s->runners[0].kind, OPTIM_SGD);
    assert_float_equal(s->runners[0].optim.lr, 0.05, 0); /* risk's lesson lr */
    assert_false(s->runners[0].has_start);
    assert_int_equal(s->runners[0].optim_given, 0u);
    assert_false(s->has_domain);
    assert_true(s->lo[0] == -1.0 && s->hi[0] == 2.0);
    assert_false(s->has_noise || s->has_seed || s->has_view);

    write_file(path, "[scene]\ntitle = F\n[landscape]\nexpr = x^2 - y^2\ndomain = -1:1, -2:2\n"
                     "[runner 3]\nstart = 0.5,1.5\n[runner 1]\noptimizer = adam\nlr = 0.1\n");
    if (!scene_load(s, path, err, sizeof err))
        fail_msg("%s", err);
    assert_null(s->land);
    assert_string_equal(s->expr, "x^2 - y^2");
    assert_int_equal(s->expr_line, 4);
    assert_int_equal(s->dim, 2);
    assert_true(s->lo[1] == -2.0 && s->hi[1] == 2.0);
    assert_int_equal(s->n_runners, 2);
    assert_int_equal(s->runners[0].index, 1);
    assert_int_equal(s->runners[0].kind, OPTIM_ADAM);
    assert_int_equal(s->runners[1].index, 3);
    assert_int_equal(s->runners[1].line, 6);
    assert_float_equal(s->runners[1].start[1], 1.5, 0);
    free(s);
}

/* README's example (the ```ini block after "<!-- scene example -->")
 * loads. */
static void test_readme_example(void **state)
{
    (void)state;
    FILE *f = fopen(OPTIVIZ_SCENE_DIR "/../../README.md", "r");
    assert_non_null(f);
    static char readme[1 << 16];
    const size_t n = fread(readme, 1, sizeof readme - 1, f);
    fclose(f);
    readme[n] = '\0';
    const char *mark = strstr(readme, "<!-- scene example -->");
    assert_non_null(mark);
    const char *begin = strstr(mark, "```ini\n");
    assert_non_null(begin);
    begin += 7;
    const char *end = strstr(begin, "```");
    assert_non_null(end);
    char path[300], err[512];
    snprintf(path, sizeof path, "%s/readme.ini", tmpdir);
    FILE *out = fopen(path, "w");
    assert_non_null(out);
    fwrite(begin, 1, (size_t)(end - begin), out);
    fclose(out);
    scene *s = calloc(1, sizeof *s);
    assert_non_null(s);
    if (!scene_load(s, path, err, sizeof err))
        fail_msg("%s", err);
    assert_int_equal(s->n_runners, 2);
    assert_int_equal(s->n_annotations, 1);
    assert_true(s->title_ko[0] && s->caption_ko[0]);
    free(s);
}

typedef struct bad_case {
    const char *text;
    const char *message; /* after "PATH" */
} bad_case;

#define HEAD "[scene]\ntitle = t\n"
#define RISK HEAD "[landscape]\nfunction = risk\n"

static const bad_case bad[] = {
    {HEAD "[bogus]\nx = 1\n", ":3: [bogus]: unknown section"},
    {HEAD "colour = red\n", ":3: [scene] colour: unknown key"},
    {RISK "[runner 1]\nlr = 0.x\n", ":6: [runner 1] lr: '0.x' is not a number"},
    {RISK "[runner 1]\noptimizer = lamb\n",
     ":6: [runner 1] optimizer: unknown optimizer 'lamb'"},
    {HEAD "[landscape]\nfunction = riskk\n", ":4: [landscape] function: unknown function 'riskk'"},
    {RISK "[runner 2]\nbeta1 = 0.9\noptimizer = sgd\n",
     ":6: [runner 2] beta1: optimizer 'sgd' does not use it"},
    {RISK "[runner 1]\nstart = 5\n", ":6: [runner 1] start: 5 is outside the domain [-1, 2]"},
    {RISK "[runner 9]\nlr = 1\n", ":5: [runner 9]: a runner needs a number 1..8"},
    {RISK "[runner 0]\n", ":5: [runner 0]: a runner needs a number 1..8"},
    {HEAD "[runner 1]\nlr = 1\n", ": [landscape] function: missing"},
    {"[landscape]\nfunction = risk\n", ": [scene] title: missing"},
    {HEAD "[landscape]\nfunction = saddle\n[runner 1]\nstart = 0.5\n",
     ":6: [runner 1] start: the landscape is 2D and needs X,Y"},
    {RISK "[runner 1]\nstart = 0.5,0.5\n", ":6: [runner 1] start: the landscape is 1D"},
    {RISK "[runner 1]\nnesterov = true\n", ":6: [runner 1] nesterov: nesterov needs momentum > 0"},
    {RISK "[runner 1]\nlr = -1\n", ":6: [runner 1] lr: lr must be in (0"},
    {RISK "[runner 1]\nmomentum = 0.9\nnesterov = yes\n",
     ":7: [runner 1] nesterov: 'yes' is not true or false"},
    {RISK "[runner 1]\nlr = 0.1\nlr = 0.2\n", ":7: [runner 1] lr: given twice (first on line 6)"},
    {RISK "[camera]\npitch = 2\n", ":6: [camera] pitch: 2 is out of range [-1.5, 1.5]"},
    {HEAD "[landscape]\nfunction = saddle\n[camera]\npitch = 2\n",
     ":6: [camera] pitch: 2 is out of range [-1.5, 1.5]"},
    {RISK "[camera]\nyaw = 1\n", ":5: [camera]: the camera is for 2D landscapes"},
    {RISK "view = surface\n", ":5: [landscape] view: 'surface' is for 2D landscapes"},
    {RISK "domain = -1:1,0:1\n", ":5: [landscape] domain: 'risk' is 1D and needs A:B"},
    {RISK "domain = 2:1\n", ":5: [landscape] domain: '2:1' has a range 2:1 whose start is not below its end"},
    {HEAD "[landscape]\nexpr = x^2\n", ":4: [landscape] expr: a formula needs domain="},
    {HEAD "[landscape]\nexpr = \n", ":4: [landscape] expr: empty formula"},
    {HEAD "[landscape]\nfunction = risk\nexpr = x\n",
     ":5: [landscape] expr: give one of function= and expr=, not both"},
    {RISK "[runner 1]\noptimizer = adam\n  sgd\n",
     ":7: [runner 1] optimizer: an indented line continues"},
    {RISK "[runner 1]\ncolor = red\n", ":6: [runner 1] color: 'red' is not a color #rrggbb"},
    {RISK "[scene]\n", ":5: [scene]: section given twice"},
    {RISK "[annotation 1]\ntext = here\n", ":5: [annotation 1] at: missing"},
    {RISK "[annotation 1]\nat = 0,1\ntext = here\n",
     ":6: [annotation 1] at: the landscape is 1D and needs X"},
    {RISK "[annotation 2]\nat = 3\ntext = far\n",
     ":6: [annotation 2] at: outside the domain [-1, 2]"},
    {HEAD "noise = -1\n", ":3: [scene] noise: -1 is out of range [0, 1e+06]"},
    {HEAD "seed = 1.5\n", ":3: [scene] seed: '1.5' is not a whole number"},
    /* every numeric key range-checked before use (issue 13: seed = 1e30 was
     * an undefined float-to-integer cast, seed = abc an unread value) */
    {HEAD "seed = 1e30\n", ":3: [scene] seed: 1e30 is out of range [0, 9.0072e+15]"},
    {HEAD "seed = abc\n", ":3: [scene] seed: 'abc' is not a number"},
    {HEAD "seed = -1\n", ":3: [scene] seed: -1 is out of range [0, 9.0072e+15]"},
    {HEAD "seed = nan\n", ":3: [scene] seed: 'nan' is not a number"},
    {HEAD "seed = 1e400\n", ":3: [scene] seed: '1e400' is not a number"},
    {HEAD "steps_per_second = 0\n", ":3: [scene] steps_per_second: 0 is out of range (0, 1000]"},
    {HEAD "steps_per_second = 1e30\n",
     ":3: [scene] steps_per_second: 1e30 is out of range (0, 1000]"},
    {HEAD "noise_decay = 2\n", ":3: [scene] noise_decay: 2 is out of range (0, 1]"},
    {HEAD "noise = inf\n", ":3: [scene] noise: 'inf' is not a number"},
    {HEAD "[landscape]\nfunction = saddle\n[camera]\nyaw = -1e30\n",
     ":6: [camera] yaw: -1e30 is out of range [-1000, 1000]"},
    {HEAD "[landscape]\nfunction = saddle\n[camera]\ndistance = 1e3\n",
     ":6: [camera] distance: 1e3 is out of range [0.5, 100]"},
    /* one number parser everywhere: decimal, so hexadecimal is refused as
     * on the command line */
    {HEAD "[landscape]\nfunction = saddle\n[camera]\ndistance = 0x10\n",
     ":6: [camera] distance: '0x10' is not a number"},
    {RISK "[runner 1]\nlr = 1e999\n", ":6: [runner 1] lr: '1e999' is not a number"},
    {RISK "[runner 1]\nstart = 1e30\n", ":6: [runner 1] start: 1e+30 is outside the domain"},
    {RISK "[runner 1]\nnoise = 1e7\n", ":6: [runner 1] noise: 1e7 is out of range [0, 1e+06]"},
    {RISK "[annotation 1]\nat = nan\ntext = x\n",
     ":6: [annotation 1] at: 'nan' is not a point X or X,Y"},
    {RISK "domain = 0:1e300\n", ":5: [landscape] domain: '0:1e300' has a range wider than 1e12"},
    /* old-Mac line ends, NUL bytes and control characters (shown escaped) */
    {"[scene]\rtitle = t\r[landscape]\rfunction = risk\r",
     ":1: the lines end in CR alone (old Mac line ends); save the file with LF or CRLF"},
    {HEAD "seed = \x1b[31mred\n", ":3: [scene] seed: '\\x1b[31mred' is not a number"},
    {HEAD "loss_panel = maybe\n", ":3: [scene] loss_panel: 'maybe' is not true or false"},
    {"lr = 1\n", ":1: lr: key outside a section"},
    {HEAD "just words\n", ":3: [scene]: 'just words' is not KEY = VALUE"},
    {HEAD "[landscape\n", ":3: '[landscape': a section header needs a closing ']'"},
    {HEAD "caption = "
          "0123456789012345678901234567890123456789012345678901234567890123456789012345678901"
          "2345678901234567890123456789012345678901234567890123456789012345678901234567890123"
          "45678901234567890123456789\n",
     ":3: [scene] caption: line longer than 198 bytes"},
};

static void test_bad_files(void **state)
{
    (void)state;
    char path[300], err[512], want[700];
    snprintf(path, sizeof path, "%s/bad.ini", tmpdir);
    scene *s = malloc(sizeof *s), *before = malloc(sizeof *s);
    assert_non_null(s);
    assert_non_null(before);
    memset(before, 0x5a, sizeof *before);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        write_file(path, bad[i].text);
        memcpy(s, before, sizeof *s);
        err[0] = '\0';
        const bool ok = scene_load(s, path, err, sizeof err);
        snprintf(want, sizeof want, "%s%s", path, bad[i].message);
        if (ok || strncmp(err, want, strlen(want)) != 0)
            fail_msg("case %zu: got '%s', want '%s...'", i, ok ? "(loaded)" : err, want);
        assert_null(strchr(err, '\n'));
        assert_memory_equal(s, before, sizeof *s);
    }
    /* a missing file and a directory */
    snprintf(path, sizeof path, "%s/missing.ini", tmpdir);
    assert_false(scene_load(s, path, err, sizeof err));
    snprintf(want, sizeof want, "%s: No such file or directory", path);
    assert_string_equal(err, want);
    assert_false(scene_load(s, tmpdir, err, sizeof err));
    snprintf(want, sizeof want, "%s: not a regular file (a directory); a scene file is needed",
             tmpdir);
    assert_string_equal(err, want);
    /* /dev/zero never ends: refused before reading (issue 13) */
    assert_false(scene_load(s, "/dev/zero", err, sizeof err));
    assert_string_equal(err, "/dev/zero: not a regular file (a character device); a scene file "
                             "is needed");
    /* a FIFO nobody writes to: refused without blocking */
    snprintf(path, sizeof path, "%s/fifo.ini", tmpdir);
    assert_int_equal(mkfifo(path, 0600), 0);
    assert_false(scene_load(s, path, err, sizeof err));
    snprintf(want, sizeof want, "%s: not a regular file (a pipe); a scene file is needed", path);
    assert_string_equal(err, want);
    unlink(path);
    /* a NUL byte inside a line */
    snprintf(path, sizeof path, "%s/nul.ini", tmpdir);
    FILE *nul = fopen(path, "w");
    assert_non_null(nul);
    fwrite(HEAD "caption = a\0b\n", 1, sizeof HEAD "caption = a\0b\n" - 1, nul);
    fclose(nul);
    assert_false(scene_load(s, path, err, sizeof err));
    snprintf(want, sizeof want, "%s:3: a NUL byte: not a text file", path);
    assert_string_equal(err, want);
    /* more than FILEIO_SCENE_MAX bytes */
    snprintf(path, sizeof path, "%s/big.ini", tmpdir);
    FILE *big = fopen(path, "w");
    assert_non_null(big);
    for (long i = 0; i <= FILEIO_SCENE_MAX / 16; i++)
        fputs("; a comment ...\n", big);
    fclose(big);
    assert_false(scene_load(s, path, err, sizeof err));
    snprintf(want, sizeof want, "%s: 1048592 bytes, more than the 1048576 a scene file may have",
             path);
    assert_string_equal(err, want);
    unlink(path);
    assert_memory_equal(s, before, sizeof *s);
    free(s);
    free(before);
}

static int make_tmpdir(void **state)
{
    (void)state;
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/optiviz-scene-XXXXXX", base && base[0] ? base : "/tmp");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
    (void)state;
    static const char *const files[] = {"good.ini", "bad.ini", "readme.ini", "tour/01-first.ini",
                                        "tour/02-second.ini", "tour/notes.txt", "tour", "nul.ini"};
    char path[400];
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", tmpdir, files[i]);
        remove(path);
    }
    return rmdir(tmpdir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tour_order),
        cmocka_unit_test(test_scene_analytic),
        cmocka_unit_test(test_captions_name_every_lr),
        cmocka_unit_test(test_coordinates_named_as_the_axes),
        cmocka_unit_test(test_scenes_risk_local_cubic),
        cmocka_unit_test(test_scenes_saddle_tanh_noise_anneal),
        cmocka_unit_test(test_scenes_rates),
        cmocka_unit_test(test_resolve),
        cmocka_unit_test(test_good_files),
        cmocka_unit_test(test_readme_example),
        cmocka_unit_test(test_bad_files),
    };
    return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
