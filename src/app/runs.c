/*
 * runs.c: what the racing runners are, read by the sim, the cloud, the
 * panels and the drawing: each runner's run configuration (app_run_config),
 * the hyperparameters its panel edits, and its color; adding, removing and
 * restarting one runner without touching the others.
 */
#include "app/app.h"

/* The theme's runner colors (theme.c: none near the curve, companion,
 * mark, accent, start ring or error colors); vermillion first (the lone
 * runner). A scene may give its own. */
rgba app_runner_color(const app *a, int i)
{
    if (i >= 0 && i < SIM_MAX_RUNNERS && i < a->runs.n_runners && a->runs.cfg[i].has_color)
        return a->runs.cfg[i].color;
    const theme *t = theme_get(a->ui.theme);
    return t->runners[((i % THEME_RUNNER_COLORS) + THEME_RUNNER_COLORS) % THEME_RUNNER_COLORS];
}

int app_panel_fields(const app *a, int *out, int max)
{
    int count, n = 0;
    const optim_field *f = optim_fields(&count);
    const optim_kind kind = a->runs.cfg[a->runs.selected].kind;
    for (int i = 0; i < count && n < max; i++)
        if (optim_uses(kind, &f[i]))
            out[n++] = i;
    return n;
}

run_config app_run_config(const app *a, int i)
{
    const runner_cfg *c = &a->runs.cfg[i];
    return (run_config){
        .kind = c->kind,
        .optim = c->optim,
        .noise = c->has_noise ? c->noise : a->runs.noise_on ? a->runs.noise_sigma : 0.0,
        .noise_decay = a->runs.noise_decay,
        .sched = a->runs.sched,
        .seed = a->runs.seed,
    };
}

/* The runner params of runner i as configured, from the shared start. */
static runner_params params_of(const app *a, int i, run_config *c)
{
    *c = app_run_config(a, i);
    return run_config_runner(c, a->lesson.land, a->sim.runners[0].start, (uint64_t)i);
}

/* Starts runner i (and no other) again from the shared start with its
 * current settings: the rest of a comparison keeps its runs. */
void app_runner_restart(app *a, int i)
{
    run_config c;
    const runner_params p = params_of(a, i, &c);
    char err[256];
    if (!sim_replace_runner(&a->sim, i, &p, err, sizeof err))
        app_message(a, 3000, "%s", err);
    assess_reset(&a->runs.assess[i]);
    app_cloud_relaunch(a);
}

void app_runner_add(app *a)
{
    if (a->runs.n_runners >= SIM_MAX_RUNNERS) {
        app_message(a, 2500, _n("at most %d runner", "at most %d runners", SIM_MAX_RUNNERS),
                    SIM_MAX_RUNNERS);
        return;
    }
    const int i = a->runs.n_runners;
    const optim_kind next = (optim_kind)((a->runs.cfg[i - 1].kind + 1) % OPTIM_KIND_COUNT);
    runner_cfg *c = &a->runs.cfg[i];
    *c = (runner_cfg){.kind = next, .optim = optim_defaults(next)};
    run_config_fit(c->kind, &c->optim, a->lesson.land);
    run_config rc;
    const runner_params p = params_of(a, i, &rc);
    char err[256];
    if (!sim_add_runner(&a->sim, &p, err, sizeof err)) {
        app_message(a, 3000, "%s", err);
        return;
    }
    a->runs.n_runners++;
    a->runs.selected = i;
    a->runs.panel_field = 0;
    assess_reset(&a->runs.assess[i]);
    app_cloud_relaunch(a);
}

void app_runner_remove(app *a)
{
    if (a->runs.n_runners <= 1) {
        app_message(a, 2500, "%s",
                    _("the last runner stays (A adds one, O changes its optimizer)"));
        return;
    }
    const int sel = a->runs.selected;
    for (int i = sel; i + 1 < a->runs.n_runners; i++) {
        a->runs.cfg[i] = a->runs.cfg[i + 1];
        a->runs.assess[i] = a->runs.assess[i + 1];
    }
    sim_remove_runner(&a->sim, sel);
    a->runs.n_runners--;
    if (a->runs.selected >= a->runs.n_runners)
        a->runs.selected = a->runs.n_runners - 1;
    a->runs.panel_field = 0;
    app_cloud_relaunch(a);
}
