/*
 * app_cloud.c: the particle cloud in the app (key M, --particles): launched
 * from the selected runner's settings, stepped with the sim's steps of each
 * frame, kept in step with the noise key and the learning rate, removed
 * when the lesson changes. The cloud itself is core/cloud.c; drawing is
 * draw_cloud.c.
 */
#include "app/app.h"

#include <math.h>

void app_cloud_launch(app *a, int n)
{
    cloud_free(&a->cloud);
    if (n <= 0)
        n = a->runs.cloud_n > 0 ? a->runs.cloud_n : CLOUD_DEFAULT;
    const int sel = a->runs.selected;
    const run_config rc = app_run_config(a, sel);
    const cloud_params p = run_config_cloud(&rc, a->lesson.land, n);
    char err[256];
    if (!cloud_init(&a->cloud, &p, err, sizeof err)) {
        app_message(a, 4000, _("no cloud: %s"), err);
        return;
    }
    a->runs.cloud_n = n;
    a->runs.cloud_runner = sel;
}

void app_cloud_remove(app *a)
{
    cloud_free(&a->cloud);
}

void app_cloud_toggle(app *a)
{
    if (a->cloud.n > 0) {
        app_cloud_remove(a);
        app_message(a, 2500, "%s", _("particle cloud removed (M launches one)"));
        return;
    }
    app_cloud_launch(a, 0);
    if (a->cloud.n > 0)
        app_message(a, 3500,
                    a->runs.noise_on
                        ? _n("%d particle from random starts, %s, noise on (M removes it)",
                             "%d particles from random starts, %s, noise on (M removes them)",
                             a->cloud.n)
                        : _n("%d particle from random starts, %s, noise off (M removes it)",
                             "%d particles from random starts, %s, noise off (M removes them)",
                             a->cloud.n),
                    a->cloud.n, optim_kind_name(a->runs.cfg[a->runs.cloud_runner].kind));
}

void app_cloud_relaunch(app *a)
{
    if (a->cloud.n > 0)
        app_cloud_launch(a, a->cloud.n);
}

void app_cloud_steps(app *a, int steps)
{
    for (int i = 0; i < steps && a->cloud.n > 0; i++)
        cloud_step(&a->cloud);
}

void app_cloud_sync(app *a)
{
    cloud *c = &a->cloud;
    if (c->n <= 0)
        return;
    const int w = a->runs.cloud_runner < a->runs.n_runners ? a->runs.cloud_runner : 0;
    c->noise = app_run_config(a, w).noise;
    if (a->runs.cfg[w].kind != c->p[0].opt.kind)
        return; /* its runner has another optimizer now */
    for (int i = 0; i < c->n; i++)
        c->p[i].opt.p.lr = a->runs.cfg[w].optim.lr;
}

void app_cloud_reset(app *a)
{
    if (a->cloud.n > 0)
        cloud_reset(&a->cloud);
}
