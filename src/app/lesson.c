/*
 * lesson.c: lesson setup. Shows a landscape (a catalog lesson, a scene's or
 * a typed formula's): the marked points, the critical points, the view
 * fitted to it, each runner's hyperparameters fitted to it (the lesson's
 * defaults, run_config_fit) with the command line's laid over them, and the
 * sim rebuilt from the run configurations. Also judges the runners after
 * each frame's steps.
 */
#include "app/app.h"

#include <math.h>
#include <stdio.h>

static void marks_locate(app *a)
{
    const landscape *l = a->lesson.land;
    a->lesson.n_marks = 0;
    for (int i = 0; i < l->n_marks && l->dim == 1; i++) {
        const landscape_mark *m = &l->marks[i];
        const landscape *on = m->of_function ? landscape_find(m->of_function) : l;
        double x;
        if (!on || !landscape_critical_1d(on, m->seed, &x))
            continue;
        landscape_point p;
        landscape_eval(on, &x, &p);
        a->lesson.marks[a->lesson.n_marks++] =
            (app_mark){.label = m->label, .on = on, .x = x, .f = p.f};
    }
}

/* Lays the command line's settings (a->runs.user) over the lesson's or scene's:
 * the hyperparameters on the first runner, while the first landscape is
 * shown (keep_given); noise decay, schedule and seed always. */
void app_apply_user(app *a, bool hyper)
{
    const run_layer *u = &a->runs.user;
    if (hyper) {
        run_config c = app_run_config(a, 0);
        const run_layer h = {.optim_given = u->optim_given, .optim = u->optim};
        run_config_apply(&c, &h);
        a->runs.cfg[0].optim = c.optim;
    }
    if (u->has_noise_decay)
        a->runs.noise_decay = u->noise_decay;
    if (u->has_sched)
        a->runs.sched = u->sched;
    if (u->has_seed)
        a->runs.seed = u->seed;
}

bool app_defined_start(app *a, const double *want, double *out)
{
    const landscape *l = a->lesson.land;
    if (landscape_defined_at(l, want)) {
        out[0] = want[0];
        out[1] = l->dim > 1 ? want[1] : 0.0;
        return true;
    }
    char at[64];
    if (l->dim > 1)
        snprintf(at, sizeof at, "(%.3g, %.3g)", want[0], want[1]);
    else
        snprintf(at, sizeof at, "x = %.3g", want[0]);
    if (!landscape_nearest_defined(l, want, out)) {
        app_message(a, 5000,
                    _("f is undefined at %s and nowhere in the domain: type another function or "
                      "domain (E)"),
                    at);
        return false;
    }
    if (l->dim > 1)
        app_message(a, 5000,
                    _("f is undefined at %s: the start is at (%.3g, %.3g), the nearest point "
                      "where it is defined; drag it where f is drawn"),
                    at, out[0], out[1]);
    else
        app_message(a, 5000,
                    _("f is undefined at %s: the start is at x = %.3g, the nearest point where it "
                      "is defined; drag it along the curve"),
                    at, out[0]);
    return true;
}

/* Rebuilds the sim for the current lesson and settings from start (NULL:
 * the lesson's), never from where f is undefined. */
static void sim_rebuild(app *a, const double *start)
{
    char err[256];
    double safe[2];
    if (app_defined_start(a, start ? start : a->lesson.land->start, safe))
        start = safe;
    runner_params p[SIM_MAX_RUNNERS];
    for (int i = 0; i < a->runs.n_runners; i++) {
        const run_config c = app_run_config(a, i);
        p[i] = run_config_runner(&c, a->lesson.land, start, (uint64_t)i);
    }
    const bool paused = a->sim.paused;
    const double sps = a->sim.steps_per_second > 0 ? a->sim.steps_per_second
                                                    : APP_DEFAULT_STEPS_PER_SECOND;
    for (int i = 0; i < SIM_MAX_RUNNERS; i++)
        assess_reset(&a->runs.assess[i]);
    if (!sim_init(&a->sim, p, a->runs.n_runners, sps, err, sizeof err)) {
        /* only reachable with bad hyperparameters, which the CLI and the
         * panel reject: fall back to one gradient-descent runner */
        app_message(a, 4000, "%s", err);
        a->runs.n_runners = 1;
        a->runs.selected = 0;
        a->runs.cfg[0] = (runner_cfg){.kind = OPTIM_SGD, .optim = optim_defaults(OPTIM_SGD)};
        run_config_fit(a->runs.cfg[0].kind, &a->runs.cfg[0].optim, a->lesson.land);
        const runner_params q = {
            .land = a->lesson.land, .optim = a->runs.cfg[0].optim, .start = start};
        sim_init(&a->sim, &q, 1, sps, err, sizeof err);
    }
    a->sim.paused = paused;
}

void app_set_landscape(app *a, const landscape *l)
{
    app_cloud_remove(a);
    a->lesson.land = l;
    a->runs.noise_sigma = l->noise > 0 ? l->noise : APP_DEFAULT_NOISE;
    a->lesson.companion =
        a->lesson.land->companion ? landscape_find(a->lesson.land->companion) : NULL;
    for (int i = 0; i < a->runs.n_runners; i++)
        run_config_fit(a->runs.cfg[i].kind, &a->runs.cfg[i].optim, a->lesson.land);
    app_apply_user(a, a->runs.keep_given); /* the command line's settings win over the lesson's */
    a->runs.keep_given = false;
    if (a->ui.drag == DRAG_START)
        a->sim.paused = a->ui.drag_was_paused;
    a->ui.drag = DRAG_NONE;
    marks_locate(a);
    critical_free(&a->lesson.crit);
    if (!critical_find(&a->lesson.crit, a->lesson.land, NULL))
        a->lesson.crit = (critical_set){0};
    double mark_f[APP_MAX_MARKS + 1];
    int n_f = 0;
    for (int i = 0; i < a->lesson.n_marks; i++)
        mark_f[n_f++] = a->lesson.marks[i].f;
    /* the lowest minimum's value, so a 2D scale starts at f* (0 on the
     * ill-conditioned bowl), not at the grid's lowest sample (6.25e-05) */
    const double fstar = critical_lowest_min(&a->lesson.crit);
    if (a->lesson.land->dim == 2 && isfinite(fstar))
        mark_f[n_f++] = fstar;
    view_fit(&a->view, a->lesson.land, a->lesson.companion, mark_f, n_f);
    sim_rebuild(a, NULL);
}

void app_rebuild(app *a, const double *start)
{
    sim_rebuild(a, start);
}

void app_scene_leave(app *a)
{
    if (a->scenes.has_scene) { /* the scene's runners and panels go with it */
        a->scenes.tour_last = a->scenes.tour_index;
        a->runs.n_runners = 1;
        a->runs.selected = 0;
        a->runs.panel_field = 0;
        a->runs.cfg[0] = (runner_cfg){.kind = OPTIM_SGD, .optim = optim_defaults(OPTIM_SGD)};
        a->ui.loss_panel = false;
    }
    a->scenes.has_scene = false;
    a->scenes.tour_index = -1;
    a->ui.exact = false;
    a->runs.noise_decay = 0.0; /* the lesson's: none (apply_user restores the command line's) */
    for (int i = 0; i < SIM_MAX_RUNNERS; i++)
        a->runs.cfg[i].has_noise = a->runs.cfg[i].has_color = false;
}

void app_lesson_design(app *a, const landscape *l)
{
    optim_kind kind = OPTIM_SGD;
    if (l && l->optimizer && !optim_kind_find(l->optimizer, &kind))
        kind = OPTIM_SGD;
    a->runs.n_runners = 1;
    a->runs.selected = 0;
    a->runs.panel_field = 0;
    a->runs.cfg[0] = (runner_cfg){.kind = kind, .optim = optim_defaults(kind)};
    a->runs.noise_on = false;
    a->runs.sched = (schedule){0};
    a->runs.keep_given = false;
    a->sim.steps_per_second = APP_DEFAULT_STEPS_PER_SECOND;
    a->sim.paused = false;
    a->view.contour = false; /* a 2D lesson opens on its surface (view_fit) */
}

bool app_loss_log(const app *a)
{
    return a->ui.loss_log && isfinite(critical_lowest_min(&a->lesson.crit));
}

void app_set_lesson(app *a, int index)
{
    app_scene_leave(a);
    const int n = landscape_count();
    index = ((index % n) + n) % n;
    app_set_landscape(a, landscape_at(index));
}

void app_assess(app *a)
{
    for (int i = 0; i < a->sim.n_runners; i++) {
        const runner *r = &a->sim.runners[i];
        if (r->step == 0)
            assess_reset(&a->runs.assess[i]); /* a new run */
        const int before = a->runs.assess[i].escapes;
        assess_runner(&a->runs.assess[i], r, &a->lesson.crit, a->view.f_range);
        if (a->runs.assess[i].escapes > before)
            app_message(a, 3000, _("%s left the local minimum's basin (escape %d)"),
                        optim_kind_name(r->opt.kind), a->runs.assess[i].escapes);
    }
}
