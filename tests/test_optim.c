/*
 * test_optim.c: every optimizer step against reference trajectories computed
 * with torch.optim in float64 (tests/gen_reference.py writes
 * tests/reference/ CSV files; torch is not needed to run this test). Each iterate
 * must match to 1e-10 relative.
 */
#include "core/sim.h"

#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/schedule.h"

static const char *reference_dir;

static bool header_value(const char *line, const char *key, char *out, size_t n)
{
    char pat[64];
    snprintf(pat, sizeof pat, " %s=", key);
    const char *p = strstr(line, pat);
    if (!p)
        return false;
    p += strlen(pat);
    size_t i = 0;
    while (p[i] && p[i] != ' ' && p[i] != '\n' && i + 1 < n) {
        out[i] = p[i];
        i++;
    }
    out[i] = '\0';
    return true;
}

/* Applies one "key=value" of a reference header: a hyperparameter field
 * (torch's name), a schedule parameter, or start/steps/function/optimizer. */
static void apply_key(runner_params *p, schedule *sched, double *start, const char *key,
                      const char *val)
{
    int count;
    const optim_field *f = optim_fields(&count);
    for (int i = 0; i < count; i++) {
        if (strcmp(f[i].name, key) == 0) {
            optim_field_set(&p->optim, &f[i], strtod(val, NULL));
            return;
        }
    }
    if (strcmp(key, "function") == 0 || strcmp(key, "optimizer") == 0 ||
        strcmp(key, "steps") == 0)
        return;
    if (strcmp(key, "start") == 0) {
        start[0] = strtod(val, NULL);
        if (strchr(val, ','))
            start[1] = strtod(strchr(val, ',') + 1, NULL);
    } else if (strcmp(key, "schedule") == 0) {
        assert_true(schedule_kind_find(val, &sched->kind));
    } else if (strcmp(key, "factor") == 0) {
        sched->factor = strtod(val, NULL);
    } else if (strcmp(key, "floor") == 0) {
        sched->floor = strtod(val, NULL);
    } else if (strcmp(key, "gamma") == 0) {
        sched->gamma = strtod(val, NULL);
    } else if (strcmp(key, "final_lr") == 0) {
        sched->final_lr = strtod(val, NULL);
    } else if (strcmp(key, "warmup") == 0) {
        sched->warmup = strtol(val, NULL, 10);
    } else if (strcmp(key, "max_steps") == 0) {
        sched->max_steps = strtol(val, NULL, 10);
    } else if (strcmp(key, "milestones") == 0) {
        const char *q = val;
        sched->n_milestones = 0;
        while (*q && sched->n_milestones < SCHEDULE_MAX_MILESTONES) {
            char *end;
            sched->milestones[sched->n_milestones++] = strtol(q, &end, 10);
            q = *end == ',' ? end + 1 : end;
            if (end == q && *q != ',')
                break;
        }
    } else {
        fail_msg("unknown key '%s' in a reference header", key);
    }
}

/* Runs one reference file; returns the number of rows compared. */
static int check_file(const char *path)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[2048], v[64];
    assert_non_null(fgets(line, sizeof line, f));
    assert_true(header_value(line, "function", v, sizeof v));
    const landscape *l = landscape_find(v);
    assert_non_null(l);
    assert_true(header_value(line, "optimizer", v, sizeof v));
    runner_params p = {.land = l};
    assert_true(optim_kind_find(v, &p.kind));
    p.optim = optim_defaults(p.kind);
    double start[2] = {0, 0};
    schedule sched = {0};
    char *save = NULL;
    for (char *tok = strtok_r(line + 1, " \n", &save); tok; tok = strtok_r(NULL, " \n", &save)) {
        char *eq = strchr(tok, '=');
        assert_non_null(eq);
        *eq = '\0';
        apply_key(&p, &sched, start, tok, eq + 1);
    }
    p.start = start;
    p.sched = sched;
    static runner r;
    char err[256];
    if (!runner_init(&r, &p, err, sizeof err))
        fail_msg("%s: %s", path, err);
    assert_non_null(fgets(line, sizeof line, f)); /* column header */
    int rows = 0;
    while (fgets(line, sizeof line, f)) {
        char *end;
        const long step = strtol(line, &end, 10);
        double ref[2] = {0, 0};
        ref[0] = strtod(end + 1, &end);
        if (l->dim == 2)
            ref[1] = strtod(end + 1, &end);
        while (r.step < step)
            runner_step(&r);
        for (int k = 0; k < l->dim; k++) {
            const double tol = 1e-10 * fmax(fabs(ref[k]), 1e-4);
            if (!(fabs(r.x[k] - ref[k]) <= tol))
                fail_msg("%s step %ld coordinate %d: optiviz %.17g, torch %.17g", path, step, k,
                         r.x[k], ref[k]);
        }
        rows++;
    }
    fclose(f);
    return rows;
}

static void test_reference_trajectories(void **state)
{
    (void)state;
    DIR *d = opendir(reference_dir);
    assert_non_null(d);
    int files = 0, rows = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const size_t n = strlen(e->d_name);
        if (n < 4 || strcmp(e->d_name + n - 4, ".csv") != 0)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", reference_dir, e->d_name);
        rows += check_file(path);
        files++;
    }
    closedir(d);
    print_message("compared %d rows in %d reference files\n", rows, files);
    assert_true(files >= 20);
    assert_true(rows >= 500);
}

static void test_sgd_first_momentum_step_takes_raw_gradient(void **state)
{
    (void)state;
    /* torch.optim.SGD: on the first step the buffer is the raw gradient,
     * without the (1 - dampening) factor. x^2-like: g = 2 at x = 1. */
    optim o;
    char err[128];
    const optim_params p = {.lr = 0.1, .momentum = 0.9, .dampening = 0.5};
    assert_true(optim_init(&o, OPTIM_SGD, &p, 1, err, sizeof err));
    double x = 1.0;
    const double g = 2.0;
    optim_step(&o, &x, &g, 0.1, NULL, NULL, NULL);
    assert_true(o.buf[0] == 2.0);
    assert_float_equal(x, 0.8, 1e-15);
    /* second step: b = 0.9*2 + 0.5*2 = 2.8; x = 0.8 - 0.28 */
    optim_step(&o, &x, &g, 0.1, NULL, NULL, NULL);
    assert_float_equal(o.buf[0], 2.8, 1e-15);
    assert_float_equal(x, 0.52, 1e-15);
}

static void test_sgd_rejects_bad_hyperparameters(void **state)
{
    (void)state;
    optim o;
    char err[128];
    const optim_params nesterov_no_momentum = {.lr = 0.1, .nesterov = true};
    assert_false(optim_init(&o, OPTIM_SGD, &nesterov_no_momentum, 1, err, sizeof err));
    assert_non_null(strstr(err, "nesterov"));
    const optim_params nesterov_dampening = {.lr = 0.1, .momentum = 0.9, .dampening = 0.1,
                                             .nesterov = true};
    assert_false(optim_init(&o, OPTIM_SGD, &nesterov_dampening, 1, err, sizeof err));
    const optim_params negative_lr = {.lr = -1};
    assert_false(optim_init(&o, OPTIM_SGD, &negative_lr, 1, err, sizeof err));
    const optim_params defaults = optim_defaults(OPTIM_SGD);
    assert_true(optim_init(&o, OPTIM_SGD, &defaults, 2, err, sizeof err));
    assert_true(o.p.lr == 0.1);
    optim_kind k;
    assert_true(optim_kind_find("gd", &k) && k == OPTIM_SGD);
    assert_true(optim_kind_find("adamw", &k) && k == OPTIM_ADAMW);
    assert_false(optim_kind_find("lamb", &k));
}

int main(int argc, char **argv)
{
    reference_dir = argc > 1 ? argv[1] : "tests/reference";
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_trajectories),
        cmocka_unit_test(test_sgd_first_momentum_step_takes_raw_gradient),
        cmocka_unit_test(test_sgd_rejects_bad_hyperparameters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
