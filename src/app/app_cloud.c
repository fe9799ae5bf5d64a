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
        n = a->cloud_n > 0 ? a->cloud_n : CLOUD_DEFAULT;
    const int sel = a->selected;
    const cloud_params p = {
        .land = a->land,
        .n = n,
        .kind = a->cfg[sel].kind,
        .optim = a->cfg[sel].optim,
        .noise = a->noise_on ? a->noise_sigma : 0.0,
        .sched = a->sched,
        .seed = a->seed,
    };
    char err[256];
    if (!cloud_init(&a->cloud, &p, err, sizeof err)) {
        app_message(a, 4000, _("no cloud: %s"), err);
        return;
    }
    a->cloud_n = n;
    a->cloud_runner = sel;
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
                    a->noise_on ? _n("%d particle from random starts, %s, noise on (M removes it)",
                                     "%d particles from random starts, %s, noise on (M removes them)",
                                     a->cloud.n)
                                : _n("%d particle from random starts, %s, noise off (M removes it)",
                                     "%d particles from random starts, %s, noise off (M removes them)",
                                     a->cloud.n),
                    a->cloud.n, optim_kind_name(a->cfg[a->cloud_runner].kind));
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
    c->noise = a->noise_on ? a->noise_sigma : 0.0;
    const int w = a->cloud_runner < a->n_runners ? a->cloud_runner : 0;
    if (a->cfg[w].kind != c->p[0].opt.kind)
        return; /* its runner has another optimizer now */
    for (int i = 0; i < c->n; i++)
        c->p[i].opt.p.lr = a->cfg[w].optim.lr;
}

void app_cloud_reset(app *a)
{
    if (a->cloud.n > 0)
        cloud_reset(&a->cloud);
}
