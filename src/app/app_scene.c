/*
 * app_scene.c: scenes in the live app. A scene file (scene.c parses and
 * checks it) becomes the app's state: the landscape (a catalog one, on the
 * scene's domain if it gives one, or a typed formula), the view and camera,
 * the runners with their optimizers, hyperparameters, starts, noise and
 * colors, the noise, pace and seed, and the panels; the caption and the
 * annotations are drawn from the scene kept in the app. PageDown/PageUp
 * walk the bundled tour (assets/scenes, in the source material's order), F5
 * reads the file again. A scene that cannot be shown changes nothing.
 */
#include "app/app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Shows sc. Only a formula can still fail here (scene_load checked the
 * rest); it is parsed before anything changes. */
static bool scene_show(app *a, const scene *sc, char *err, size_t errlen)
{
    if (!sc->land) {
        expr_error e;
        expr *probe = expr_parse(sc->expr, sc->dim, &e);
        if (!probe) {
            snprintf(err, errlen, "%s:%d: [landscape] expr: column %d: %s", sc->path,
                     sc->expr_line, e.column, e.message);
            return false;
        }
        expr_free(probe);
    }
    /* runners first, so the landscape fits their learning rates */
    a->n_runners = sc->n_runners;
    a->selected = 0;
    a->panel_field = 0;
    for (int i = 0; i < sc->n_runners; i++) {
        const scene_runner *sr = &sc->runners[i];
        a->cfg[i] = (runner_cfg){
            .kind = sr->kind,
            .optim = optim_defaults(sr->kind),
            .has_noise = sr->has_noise,
            .noise = sr->noise,
            .has_color = sr->has_color,
            .color = {sr->color[0] / 255.0f, sr->color[1] / 255.0f, sr->color[2] / 255.0f, 1.0f},
        };
    }
    a->keep_given = false;
    a->noise_decay = sc->has_noise_decay ? sc->noise_decay : 0.0;
    if (sc->has_seed)
        a->seed = sc->seed;
    a->sim.steps_per_second = sc->has_steps_per_second ? sc->steps_per_second
                                                       : APP_DEFAULT_STEPS_PER_SECOND;
    if (sc->land) {
        const landscape *l = sc->land;
        if (sc->has_domain) { /* the catalog's landscape on the scene's domain */
            a->scene_land = *sc->land;
            for (int k = 0; k < sc->dim; k++) {
                a->scene_land.lo[k] = sc->lo[k];
                a->scene_land.hi[k] = sc->hi[k];
            }
            l = &a->scene_land;
        }
        app_set_landscape(a, l);
    } else {
        int column;
        char why[256];
        if (!app_set_formula_box(a, sc->expr, sc->dim, sc->lo, sc->hi, why, sizeof why, &column)) {
            snprintf(err, errlen, "%s:%d: [landscape] expr: %s", sc->path, sc->expr_line, why);
            return false; /* parsed above: not reached */
        }
    }
    if (sc->has_noise && sc->noise > 0)
        a->noise_sigma = sc->noise; /* else the lesson's, set with the landscape */
    a->noise_on = sc->has_noise && sc->noise > 0;
    /* the hyperparameters the file gives win over the lesson's fit */
    int count;
    const optim_field *f = optim_fields(&count);
    for (int i = 0; i < sc->n_runners; i++)
        for (int k = 0; k < count; k++)
            if (sc->runners[i].optim_given & (1u << k))
                optim_field_set(&a->cfg[i].optim, &f[k],
                                optim_field_get(&sc->runners[i].optim, &f[k]));
    const double *start = sc->runners[0].has_start ? sc->runners[0].start : NULL;
    app_rebuild(a, start);
    for (int i = 1; i < sc->n_runners; i++)
        if (sc->runners[i].has_start)
            runner_reset(&a->sim.runners[i], sc->runners[i].start);
    a->contour = a->land->dim == 2 && sc->has_view && sc->view == SCENE_VIEW_CONTOUR;
    if (sc->has_yaw)
        a->cam.yaw = sc->yaw;
    if (sc->has_pitch)
        a->cam.pitch = sc->pitch;
    if (sc->has_distance)
        a->cam.distance = sc->distance;
    camera_clamp(&a->cam);
    a->loss_panel = sc->has_loss_panel && sc->loss_panel;
    a->annotate = sc->has_annotate ? sc->annotate : true;
    a->sim.paused = false;
    a->sim.accumulator = 0.0;
    a->scene = *sc;
    a->scene_id++;
    a->has_scene = true;
    return true;
}

/* The bundled tour, listed on first need. */
static void tour_list(app *a)
{
    if (a->n_tour == 0)
        a->n_tour = scene_tour(a->tour, SCENE_TOUR_MAX);
}

bool app_load_scene(app *a, const char *path, char *err, size_t errlen)
{
    scene *sc = malloc(sizeof *sc);
    if (!sc) {
        snprintf(err, errlen, "%s: out of memory", path);
        return false;
    }
    const bool ok = scene_load(sc, path, err, errlen) && scene_show(a, sc, err, errlen);
    free(sc);
    if (ok) {
        tour_list(a);
        a->tour_index = -1;
        for (int i = 0; i < a->n_tour; i++)
            if (strcmp(a->tour[i].path, path) == 0)
                a->tour_index = i;
    }
    return ok;
}

void app_tour_step(app *a, int dir)
{
    tour_list(a);
    if (a->n_tour == 0) {
        app_message(a, 4000, _("no bundled scenes in %s"), scene_dir());
        return;
    }
    /* outside the tour, PageDown / PageUp come back to the scene left last */
    int next = a->tour_index >= 0 ? a->tour_index + dir
               : a->tour_last >= 0 && a->tour_last < a->n_tour ? a->tour_last
               : dir > 0 ? 0
                         : a->n_tour - 1;
    if (next < 0 || next >= a->n_tour) {
        app_message(a, 3000, "%s", next < 0 ? _("this is the tour's first scene")
                                            : _("end of the tour (PageUp goes back)"));
        return;
    }
    char err[600];
    if (!app_load_scene(a, a->tour[next].path, err, sizeof err)) {
        app_message_kind(a, MESSAGE_ERROR, 12000, "%s", err);
        return;
    }
    a->tour_index = next;
}

void app_scene_reload(app *a)
{
    if (!a->has_scene) {
        app_message(a, 3000, "%s",
                    _("F5 reloads a scene file; this view is not one (PageDown opens the tour)"));
        return;
    }
    char path[SCENE_PATH_MAX], err[600];
    snprintf(path, sizeof path, "%s", a->scene.path);
    const int index = a->tour_index;
    if (!app_load_scene(a, path, err, sizeof err)) {
        app_message_kind(a, MESSAGE_ERROR, 12000, "%s", err);
        return;
    }
    a->tour_index = index;
    app_message(a, 2000, _("reloaded %s"), path);
}

const char *app_scene_caption(const app *a)
{
    if (!a->has_scene)
        return "";
    return strcmp(a->lang, "ko") == 0 && a->scene.caption_ko[0] ? a->scene.caption_ko : a->scene.caption;
}
