/*
 * app.c: the program's life: app_create opens the window, the renderer and
 * the first lesson (or scene) with the command line's settings;
 * app_frame runs one frame (events -> actions -> the simulation's whole
 * steps -> drawing -> export -> present, the last three only when the
 * picture changed: redraw.c); app_destroy undoes app_create.
 * The rooms it calls: lesson.c (setup), events.c (the input boundary),
 * actions.c (handlers), view.c, draw*.c, app_scene.c, app_cloud.c,
 * app_export.c.
 */
#include "app/app.h"

#include "optiviz_config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool app_create(app *a, const app_params *p, char *err, size_t errlen)
{
    memset(a, 0, sizeof *a);
    const cli_options *o = p->cli;
    a->plat = p->platform ? p->platform : platform_desktop();
    const window_params wp = {
        .title = "optiviz",
        .width = p->width > 0 ? p->width : 1280,
        .height = p->height > 0 ? p->height : 720,
        .headless = p->headless,
        .fullscreen = p->fullscreen,
        .vsync = !p->headless,
    };
    if (!window_create(&a->win, &wp, err, errlen))
        return false;
    const char *font = getenv("OPTIVIZ_FONT");
    if (!font || !font[0])
        font = OPTIVIZ_FONT_PATH;
    const char *font_ko = getenv("OPTIVIZ_FONT_KO");
    if (!font_ko || !font_ko[0])
        font_ko = OPTIVIZ_FONT_KO_PATH;
    const renderer_params rp = {
        .load = window_gl_proc, .font_path = font, .fallback_font_path = font_ko};
    a->ren = renderer_create(&rp, err, errlen);
    if (!a->ren) {
        window_destroy(&a->win);
        return false;
    }
    window_drawable_size(&a->win, &a->fb_w, &a->fb_h);
    a->runs.n_runners = 1;
    a->runs.cfg[0].kind = o ? o->run.kind : OPTIM_SGD;
    a->runs.cfg[0].optim = o ? o->run.optim : optim_defaults(a->runs.cfg[0].kind);
    const landscape *first = (o && o->land) ? o->land : landscape_at(0);
    optim_kind lesson_kind;
    if (!(o && o->run.has_kind) && first->optimizer &&
        optim_kind_find(first->optimizer, &lesson_kind)) {
        /* no --optimizer: the lesson's own (Newton's method runs Newton); the
         * hyperparameters given are laid over it with the landscape */
        a->runs.cfg[0].kind = lesson_kind;
        a->runs.cfg[0].optim = optim_defaults(lesson_kind);
    }
    for (int i = 1; o && i < o->n_kinds && i < SIM_MAX_RUNNERS; i++) {
        /* racing runners: the hyperparameters given apply to the first */
        a->runs.cfg[i] = (runner_cfg){.kind = o->kinds[i], .optim = optim_defaults(o->kinds[i])};
        a->runs.n_runners++;
    }
    if (o)
        a->runs.user = o->run;
    a->runs.keep_given = a->runs.user.optim_given != 0;
    a->runs.noise_on = a->runs.user.noise > 0;
    a->sim.steps_per_second = APP_DEFAULT_STEPS_PER_SECOND;
    a->ui.annotate = true;
    a->headless = p->headless;
    a->ui.ui_scale = p->headless ? 1.0f : window_dpi_scale(&a->win);
    /* the language: --lang, else the settings file's, else the system's */
    i18n_init();
    if (o && o->lang)
        app_set_language(a, o->lang);
    if (!p->headless)
        app_settings_load(a);
    if (!a->ui.lang[0])
        app_set_language(a, i18n_from_environment());
    export_init(&a->export.exp, o ? o->output_dir : NULL);
    SDL_StopTextInput(); /* on only while the formula line is open */
    a->ui.trail_len = RUNNER_TRAIL_MAX;
    a->scenes.tour_index = a->scenes.tour_last = -1;
    a->runs.noise_sigma = APP_DEFAULT_NOISE;
    if (o && o->land && landscape_index(o->land) < 0)
        app_set_landscape(a, o->land); /* --expr: a typed formula's landscape */
    else
        app_set_lesson(a, (o && o->land) ? landscape_index(o->land) : 0);
    if (o && o->has_scene && !app_load_scene(a, o->scene_path, err, errlen)) {
        app_destroy(a);
        return false;
    }
    if (p->open_tour && !(o && o->has_scene))
        app_tour_step(a, 1); /* the first scene; without the files, lesson 1 */
    /* the command line over a scene too: hyperparameters (its first
     * runner's), seed, noise decay and schedule as given, never dropped */
    const run_layer *u = &a->runs.user;
    const bool over_scene = a->scenes.has_scene && (u->optim_given || u->has_seed ||
                                                   u->has_noise_decay || u->has_sched);
    if (over_scene)
        app_apply_user(a, u->optim_given != 0);
    if (u->has_noise) { /* the command line's noise as given: on, or off with 0 */
        if (u->noise > 0)
            a->runs.noise_sigma = u->noise;
        a->runs.noise_on = u->noise > 0;
    }
    if (u->has_noise || over_scene) {
        const scene *sc = &a->scenes.scene; /* a scene's runners keep their starts */
        const bool starts = a->scenes.has_scene;
        app_rebuild(a, starts && sc->runners[0].has_start ? sc->runners[0].start : NULL);
        for (int i = 1; starts && i < sc->n_runners && i < a->sim.n_runners; i++)
            if (sc->runners[i].has_start)
                runner_reset(&a->sim.runners[i], sc->runners[i].start);
    }
    if (o && o->contour && a->view.kind != VIEW_CURVE)
        view_set_contour(&a->view, a->lesson.land, true);
    double start[2];
    if (o && o->has_start && app_defined_start(a, o->start, start))
        sim_reset(&a->sim, start); /* never from where f is undefined */
    if (o && o->particles > 0)
        app_cloud_launch(a, o->particles);
    return true;
}

void app_destroy(app *a)
{
    critical_free(&a->lesson.crit);
    app_cloud_remove(a);
    export_destroy(&a->export.exp);
    free(a->export.pixels);
    a->export.pixels = NULL;
    landscape_custom_free(&a->lesson.custom[0]);
    landscape_custom_free(&a->lesson.custom[1]);
    if (a->ren)
        renderer_free(a->ren);
    window_destroy(&a->win);
    a->ren = NULL;
}

/* Steps one advance may take with the cloud on, so a large cloud at a high
 * pace slows the pace instead of the frame (0: no cap). */
int app_cloud_step_cap(const app *a)
{
    if (a->cloud.n <= 0)
        return 0;
    const int budget = APP_CLOUD_FRAME_BUDGET / (a->lesson.land->expr ? 5 : 1);
    const int cap = budget / a->cloud.n;
    return cap < 1 ? 1 : cap;
}

bool app_frame(app *a, double dt)
{
    if (dt > 0.0)
        a->clock += dt;
    SDL_Event e;
    bool events = false;
    while (SDL_PollEvent(&e)) {
        app_handle_event(a, &e);
        events = true;
    }
    if (a->ui.quit)
        return false;
    if (!(dt >= 0.0))
        dt = 0.0;
    const double wall = dt; /* a recording keeps the time on screen, slow frames too */
    if (dt > 0.25)
        dt = 0.25; /* after a stall (window dragged, laptop asleep) do not jump */
    a->sim.max_per_advance = app_cloud_step_cap(a);
    if (a->ui.drag == DRAG_NONE)
        app_cloud_steps(a, sim_advance(&a->sim, dt));
    app_assess(a);
    window_drawable_size(&a->win, &a->fb_w, &a->fb_h);
    if (!events && !app_needs_redraw(a)) {
        app_export_frame(a, dt); /* polls a background job only: nothing to read back */
        return true;
    }
    app_draw(a, a->ren, a->fb_w, a->fb_h);
    app_redraw_done(a); /* the same clock as app_draw's: nothing drawn goes unremembered */
    app_export_frame(a, wall);
    if (a->export.exp.recording) { /* on screen, after the frame was taken */
        render_resume(a->ren);
        draw_rec_mark(a, a->ren, a->fb_w, a->fb_h);
        render_end(a->ren);
    }
    window_swap(&a->win);
    return true;
}
