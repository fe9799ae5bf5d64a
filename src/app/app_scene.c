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
    a->runs.n_runners = sc->n_runners;
    a->runs.selected = 0;
    a->runs.panel_field = 0;
    for (int i = 0; i < sc->n_runners; i++) {
        const scene_runner *sr = &sc->runners[i];
        a->runs.cfg[i] = (runner_cfg){
            .kind = sr->kind,
            .optim = optim_defaults(sr->kind),
            .has_noise = sr->has_noise,
            .noise = sr->noise,
            .has_color = sr->has_color,
            .color = {sr->color[0] / 255.0f, sr->color[1] / 255.0f, sr->color[2] / 255.0f, 1.0f},
        };
    }
    a->runs.keep_given = false;
    a->runs.noise_decay = sc->has_noise_decay ? sc->noise_decay : 0.0;
    if (sc->has_seed)
        a->runs.seed = sc->seed;
    a->sim.steps_per_second = sc->has_steps_per_second ? sc->steps_per_second
                                                       : APP_DEFAULT_STEPS_PER_SECOND;
    if (sc->land) {
        const landscape *l = sc->land;
        if (sc->has_domain) { /* the catalog's landscape on the scene's domain */
            a->lesson.scene_land = *sc->land;
            for (int k = 0; k < sc->dim; k++) {
                a->lesson.scene_land.lo[k] = sc->lo[k];
                a->lesson.scene_land.hi[k] = sc->hi[k];
            }
            l = &a->lesson.scene_land;
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
        a->runs.noise_sigma = sc->noise; /* else the lesson's, set with the landscape */
    a->runs.noise_on = sc->has_noise && sc->noise > 0;
    /* the hyperparameters the file gives win over the lesson's fit */
    int count;
    const optim_field *f = optim_fields(&count);
    for (int i = 0; i < sc->n_runners; i++)
        for (int k = 0; k < count; k++)
            if (sc->runners[i].optim_given & (1u << k))
                optim_field_set(&a->runs.cfg[i].optim, &f[k],
                                optim_field_get(&sc->runners[i].optim, &f[k]));
    const double *start = sc->runners[0].has_start ? sc->runners[0].start : NULL;
    app_rebuild(a, start);
    for (int i = 1; i < sc->n_runners; i++)
        if (sc->runners[i].has_start)
            runner_reset(&a->sim.runners[i], sc->runners[i].start);
    view_set_contour(&a->view, a->lesson.land, sc->has_view && sc->view == SCENE_VIEW_CONTOUR);
    if (sc->has_yaw)
        a->view.cam.yaw = sc->yaw;
    if (sc->has_pitch)
        a->view.cam.pitch = sc->pitch;
    if (sc->has_distance)
        a->view.cam.distance = sc->distance;
    camera_clamp(&a->view.cam);
    a->ui.loss_panel = sc->has_loss_panel && sc->loss_panel;
    a->ui.annotate = sc->has_annotate ? sc->annotate : true;
    a->ui.exact = sc->has_exact && sc->exact;
    a->sim.paused = false;
    a->sim.accumulator = 0.0;
    a->scenes.scene = *sc;
    a->scenes.scene_id++;
    a->scenes.has_scene = true;
    return true;
}

/* The bundled tour, listed on first need. */
static void tour_list(app *a)
{
    if (a->scenes.n_tour == 0)
        a->scenes.n_tour = scene_tour(a->scenes.tour, SCENE_TOUR_MAX);
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
        a->scenes.tour_index = -1;
        for (int i = 0; i < a->scenes.n_tour; i++)
            if (strcmp(a->scenes.tour[i].path, path) == 0)
                a->scenes.tour_index = i;
    }
    return ok;
}

void app_tour_step(app *a, int dir)
{
    tour_list(a);
    if (a->scenes.n_tour == 0) {
        app_message(a, 4000, _("no bundled scenes in %s"), scene_dir());
        return;
    }
    /* outside the tour, PageDown / PageUp come back to the scene left last */
    int next = a->scenes.tour_index >= 0 ? a->scenes.tour_index + dir
               : a->scenes.tour_last >= 0 && a->scenes.tour_last < a->scenes.n_tour
                   ? a->scenes.tour_last
               : dir > 0 ? 0
                         : a->scenes.n_tour - 1;
    if (next < 0 || next >= a->scenes.n_tour) {
        app_message(a, 3000, "%s", next < 0 ? _("this is the tour's first scene")
                                            : _("end of the tour (PageUp goes back)"));
        return;
    }
    char err[600];
    if (!app_load_scene(a, a->scenes.tour[next].path, err, sizeof err)) {
        app_message_kind(a, MESSAGE_ERROR, 12000, "%s", err);
        return;
    }
    a->scenes.tour_index = next;
}

void app_scene_reload(app *a)
{
    if (!a->scenes.has_scene) {
        app_message(a, 3000, "%s",
                    _("F5 reloads a scene file; this view is not one (PageDown opens the tour)"));
        return;
    }
    char path[SCENE_PATH_MAX], err[600];
    snprintf(path, sizeof path, "%s", a->scenes.scene.path);
    const int index = a->scenes.tour_index;
    if (!app_load_scene(a, path, err, sizeof err)) {
        app_message_kind(a, MESSAGE_ERROR, 12000, "%s", err);
        return;
    }
    a->scenes.tour_index = index;
    app_message(a, 2000, _("reloaded %s"), path);
}

const char *app_scene_caption(const app *a)
{
    if (!a->scenes.has_scene)
        return "";
    return strcmp(a->ui.lang, "ko") == 0 && a->scenes.scene.caption_ko[0]
               ? a->scenes.scene.caption_ko
               : a->scenes.scene.caption;
}
