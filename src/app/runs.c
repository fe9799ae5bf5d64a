/*
 * runs.c: what the racing runners are, read by the sim, the cloud, the
 * panels and the drawing: each runner's run configuration (app_run_config),
 * the hyperparameters its panel edits, and its color.
 */
#include "app/app.h"

/* Okabe & Ito, "Color Universal Design" (2008): distinguishable with the
 * common color-vision deficiencies. Vermillion first (the lone runner),
 * then the others; sky blue and orange also draw the curves. */
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
