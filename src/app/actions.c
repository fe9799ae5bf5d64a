/*
 * actions.c: what each action of the binding table (input.h) does, as a
 * table of handlers indexed by action. A new key is a row in input.c's
 * table plus, when it does something new, one handler here.
 */
#include "app/app.h"

#include <math.h>
#include <string.h>

/* Ranges the keys keep lr and noise in; the command line may go beyond,
 * and its values are honoured as given. */
static const double LR_MIN = 1e-9, LR_MAX = 1e6;
static const double NOISE_MIN = 1e-6, NOISE_MAX = 1e6;

static runner *selected(app *a)
{
    return &a->sim.runners[a->runs.selected];
}

static void set_lr(app *a, double lr)
{
    const double old = a->runs.cfg[a->runs.selected].optim.lr;
    if (lr > old)
        lr = fmax(old, fmin(LR_MAX, lr));
    else
        lr = fmin(old, fmax(LR_MIN, lr));
    a->runs.cfg[a->runs.selected].optim.lr = lr;
    selected(a)->opt.p.lr = lr;
    runner_wake(selected(a)); /* a settled run moves on if the new rate lets it */
    app_cloud_sync(a);
}

static void apply_noise(app *a)
{
    for (int i = 0; i < a->sim.n_runners; i++) {
        a->sim.runners[i].noise = a->runs.cfg[i].has_noise ? a->runs.cfg[i].noise
                                  : a->runs.noise_on       ? a->runs.noise_sigma
                                                           : 0.0;
        runner_wake(&a->sim.runners[i]); /* noise on: a settled run moves on from there */
    }
    app_cloud_sync(a);
}

static void cycle_optimizer(app *a)
{
    runner_cfg *c = &a->runs.cfg[a->runs.selected];
    c->kind = (optim_kind)((c->kind + 1) % OPTIM_KIND_COUNT);
    c->optim = optim_defaults(c->kind);
    run_config_fit(c->kind, &c->optim, a->lesson.land);
    a->runs.panel_field = 0;
    app_runner_restart(a, a->runs.selected);
}

/* Changes the panel's selected field of the selected runner one notch:
 * booleans flip; decay rates (optim_field.rate: momentum, alpha, beta1,
 * cooling) move 1 - v by a factor 1.25; the rest scale by 1.25, from a
 * small start when they are zero. */
static void panel_change(app *a, int dir)
{
    int idx[32];
    const int n = app_panel_fields(a, idx, 32);
    if (n == 0)
        return;
    int count;
    const optim_field *f = &optim_fields(&count)[idx[a->runs.panel_field % n]];
    runner_cfg *c = &a->runs.cfg[a->runs.selected];
    const optim_params before = c->optim;
    double v = optim_field_get(&c->optim, f);
    if (f->type == FIELD_BOOL) {
        v = v != 0.0 ? 0.0 : 1.0;
    } else if (f->rate) {
        double rest = 1.0 - v;
        if (rest <= 0.0)
            rest = 1e-3;
        rest = dir > 0 ? rest / APP_LR_FACTOR : rest * APP_LR_FACTOR;
        v = fmax(0.0, 1.0 - rest);
        if (v < 1e-3 && dir < 0)
            v = 0.0;
    } else if (v == 0.0) {
        v = dir > 0 ? (strcmp(f->name, "eps") == 0 ? 1e-8 : 0.01) : 0.0;
    } else {
        v = dir > 0 ? v * APP_LR_FACTOR : v / APP_LR_FACTOR;
    }
    optim_field_set(&c->optim, f, v);
    optim check;
    char err[256];
    if (!optim_init(&check, c->kind, &c->optim, a->lesson.land->dim, err, sizeof err)) {
        c->optim = before;
        app_message(a, 3000, "%s", err);
        return;
    }
    if (strcmp(f->name, "lr") == 0) {
        set_lr(a, v); /* live, like Up/Down */
        return;
    }
    /* live too: the run goes on from where it is with the new value (as
     * torch lets a param group change), and a settled one wakes */
    runner *r = selected(a);
    r->opt.p = c->optim;
    runner_wake(r);
    app_cloud_sync(a);
}

static void zoom(app *a, double factor, float px, float py)
{
    layout lay;
    app_layout(a, a->fb_w, a->fb_h, &lay);
    view_zoom(&a->view, a->lesson.land, &lay, factor, px, py);
}

/* End: steps every runner until it converges, diverges or stops, at most
 * APP_RUN_LIMIT steps, judging each step, then pauses on the result. */
static void run_to_end(app *a)
{
    long steps = 0, limit = APP_RUN_LIMIT;
    if (a->cloud.n > 0) /* the cloud steps too, within its budget */
        limit = APP_CLOUD_END_BUDGET / (a->lesson.land->expr ? 5 : 1) / a->cloud.n;
    bool going = true;
    while (going && steps < limit) {
        going = false;
        for (int i = 0; i < a->sim.n_runners; i++) {
            const runner_status st = a->sim.runners[i].status;
            going = going || st == RUNNER_RUNNING || st == RUNNER_OUT_OF_VIEW;
        }
        if (!going)
            break;
        sim_step(&a->sim);
        app_cloud_steps(a, 1);
        app_assess(a);
        steps++;
    }
    a->sim.paused = true;
    a->sim.accumulator = 0.0;
    app_message(a, 3000,
                going ? _n("ran %ld step (the limit): still going, paused",
                           "ran %ld steps (the limit): still going, paused", steps)
                      : _n("ran %ld step: every runner has settled, paused",
                           "ran %ld steps: every runner has settled, paused", steps),
                steps);
}

/* Lesson index (wrapped) as designed: nothing of the lesson before carries
 * over (its runners, optimizers, noise, pace). */
static void lesson_as_designed(app *a, int index)
{
    const int n = landscape_count();
    index = ((index % n) + n) % n;
    app_lesson_design(a, landscape_at(index));
    app_set_lesson(a, index);
}

static void on_lesson(app *a, action act)
{
    lesson_as_designed(a, (int)(act - ACTION_LESSON_1));
}

static void on_lesson_next(app *a, action act)
{
    (void)act;
    lesson_as_designed(a, landscape_index(a->lesson.land) + 1);
}

static void on_lesson_prev(app *a, action act)
{
    (void)act;
    lesson_as_designed(a, landscape_index(a->lesson.land) - 1);
}

/* Shift+R: the current lesson or scene as designed. */
static void on_lesson_reset(app *a, action act)
{
    (void)act;
    if (a->scenes.has_scene) {
        app_scene_reload(a);
    } else if (landscape_index(a->lesson.land) >= 0) {
        lesson_as_designed(a, landscape_index(a->lesson.land));
    } else { /* a typed formula: its landscape, one gradient-descent runner */
        app_lesson_design(a, a->lesson.land);
        app_set_landscape(a, a->lesson.land);
    }
    app_message(a, 2000, "%s", _("the lesson as designed"));
}

static void on_lr_up(app *a, action act)
{
    (void)act;
    set_lr(a, a->runs.cfg[a->runs.selected].optim.lr * APP_LR_FACTOR);
}

static void on_lr_down(app *a, action act)
{
    (void)act;
    set_lr(a, a->runs.cfg[a->runs.selected].optim.lr / APP_LR_FACTOR);
}

static void on_optim_cycle(app *a, action act)
{
    (void)act;
    cycle_optimizer(a);
}

static void on_runner_add(app *a, action act)
{
    (void)act;
    app_runner_add(a);
}

static void on_runner_remove(app *a, action act)
{
    (void)act;
    app_runner_remove(a);
}

static void on_runner_select(app *a, action act)
{
    (void)act;
    a->runs.selected = (a->runs.selected + 1) % a->runs.n_runners;
    a->runs.panel_field = 0;
}

static void on_field_move(app *a, action act)
{
    int idx[32];
    const int n = app_panel_fields(a, idx, 32);
    if (n > 0)
        a->runs.panel_field = (a->runs.panel_field + (act == ACTION_FIELD_NEXT ? 1 : n - 1)) % n;
}

static void on_field_change(app *a, action act)
{
    panel_change(a, act == ACTION_FIELD_INC ? 1 : -1);
}

static void on_arrows(app *a, action act)
{
    (void)act;
    a->ui.show_arrows = !a->ui.show_arrows;
}

static void on_annotate(app *a, action act)
{
    (void)act;
    a->ui.annotate = !a->ui.annotate;
}

static void on_view_toggle(app *a, action act)
{
    (void)act;
    if (a->view.kind == VIEW_CURVE) {
        app_message(a, 2500, "%s", _("the contour view is for 2D landscapes (4, Tab)"));
        return;
    }
    view_set_contour(&a->view, a->lesson.land, a->view.kind != VIEW_CONTOUR);
}

static void on_slices(app *a, action act)
{
    (void)act;
    if (a->lesson.land->dim != 2) {
        app_message(a, 2500, "%s", _("slices are for 2D landscapes (4, Tab)"));
        return;
    }
    a->ui.slices = !a->ui.slices;
}

static void on_fullscreen(app *a, action act)
{
    (void)act;
    char err[200];
    if (window_set_fullscreen(&a->win, !a->ui.fullscreen, err, sizeof err))
        a->ui.fullscreen = !a->ui.fullscreen;
    else
        app_message(a, 3000, "%s", err);
}

static void on_ui_scale(app *a, action act)
{
    a->ui.ui_scale = (float)fmin(APP_UI_SCALE_MAX,
                              fmax(APP_UI_SCALE_MIN,
                                   round((a->ui.ui_scale + (act == ACTION_UI_LARGER ? 0.1 : -0.1)) *
                                         10.0) / 10.0));
    a->ui.ui_scale_chosen = true;
    app_message(a, 1500, _("text and lines × %.1f"), a->ui.ui_scale);
    app_settings_save(a);
}

static void on_ui_reset(app *a, action act)
{
    (void)act;
    a->ui.ui_scale = a->headless ? 1.0f : window_dpi_scale(&a->win);
    a->ui.ui_scale_chosen = false; /* follow the display, here and on the next one */
    app_message(a, 1500, _("text and lines × %.1f (the display's default)"), a->ui.ui_scale);
    app_settings_save(a);
}

static void on_theme(app *a, action act)
{
    (void)act;
    a->ui.theme = (theme_kind)((a->ui.theme + 1) % THEME_COUNT);
    app_message(a, 1500, _("theme: %s"), _(theme_get(a->ui.theme)->name));
    app_settings_save(a);
}

static void on_keycast(app *a, action act)
{
    (void)act;
    a->ui.keycast = !a->ui.keycast;
    a->ui.n_keys = 0;
}

static void on_run_to_end(app *a, action act)
{
    (void)act;
    run_to_end(a);
}

static void on_trail_shorter(app *a, action act)
{
    (void)act;
    a->ui.trail_len = a->ui.trail_len / 2 < APP_TRAIL_MIN ? APP_TRAIL_MIN : a->ui.trail_len / 2;
    app_message(a, 1500,
                _n("trails: the last %d point", "trails: the last %d points", a->ui.trail_len),
                a->ui.trail_len);
}

static void on_trail_longer(app *a, action act)
{
    (void)act;
    a->ui.trail_len =
        a->ui.trail_len * 2 > RUNNER_TRAIL_MAX ? RUNNER_TRAIL_MAX : a->ui.trail_len * 2;
    app_message(a, 1500,
                _n("trails: the last %d point", "trails: the last %d points", a->ui.trail_len),
                a->ui.trail_len);
}

static void on_loss_panel(app *a, action act)
{
    (void)act;
    a->ui.loss_panel = !a->ui.loss_panel;
}

static void on_loss_log(app *a, action act)
{
    (void)act;
    a->ui.loss_panel = true;
    if (!a->ui.loss_log && !isfinite(critical_lowest_min(&a->lesson.crit))) {
        app_message(a, 4000, "%s",
                    _("no lowest minimum here (f falls without bound or has no lowest point): "
                      "log10(f − f*) has no f*, the panel stays linear"));
        return;
    }
    a->ui.loss_log = !a->ui.loss_log;
}

static void on_export(app *a, action act)
{
    app_export_action(a, act);
}

static void on_scene_step(app *a, action act)
{
    app_tour_step(a, act == ACTION_SCENE_NEXT ? 1 : -1);
}

static void on_scene_reload(app *a, action act)
{
    (void)act;
    app_scene_reload(a);
}

static void on_formula(app *a, action act)
{
    (void)act;
    app_formula_open(a);
}

static void on_language(app *a, action act)
{
    (void)act;
    app_set_language(a, i18n_next());
    snprintf(a->ui.lang_setting, sizeof a->ui.lang_setting, "%s", a->ui.lang);
    app_settings_save(a); /* remembered for the next start */
    /* TRANSLATORS: the name of your language in itself ("Deutsch",
     * "한국어"), shown when L switches to it. */
    app_message(a, 1500, "%s", _("English"));
}

static void on_explain(app *a, action act)
{
    (void)act;
    a->ui.explain = !a->ui.explain;
    if (a->ui.explain)
        a->sim.paused = true;
}

static void on_schedule_cycle(app *a, action act)
{
    (void)act;
    a->runs.sched =
        (schedule){.kind = (schedule_kind)((a->runs.sched.kind + 1) % SCHEDULE_KIND_COUNT)};
    char err[128];
    schedule_check(&a->runs.sched, err, sizeof err);
    for (int i = 0; i < a->sim.n_runners; i++) { /* live: from the step each run is at */
        a->sim.runners[i].sched = a->runs.sched;
        runner_wake(&a->sim.runners[i]);
    }
    app_cloud_relaunch(a);
}

static void on_noise_toggle(app *a, action act)
{
    (void)act;
    a->runs.noise_on = !a->runs.noise_on;
    apply_noise(a);
}

static void on_noise_down(app *a, action act)
{
    (void)act;
    a->runs.noise_sigma = fmin(a->runs.noise_sigma, fmax(NOISE_MIN,
                                                         a->runs.noise_sigma / APP_NOISE_FACTOR));
    apply_noise(a);
}

static void on_noise_up(app *a, action act)
{
    (void)act;
    a->runs.noise_sigma = fmax(a->runs.noise_sigma, fmin(NOISE_MAX,
                                                         a->runs.noise_sigma * APP_NOISE_FACTOR));
    apply_noise(a);
}

static void on_pause(app *a, action act)
{
    (void)act;
    a->sim.paused = !a->sim.paused;
    a->sim.accumulator = 0.0;
}

static void on_step(app *a, action act)
{
    runner *r = selected(a);
    (void)act;
    if (!a->sim.paused)
        a->sim.paused = true;
    if (r->status != RUNNER_DIVERGED) /* a diverged run has its banner already */
        sim_step(&a->sim);
    app_cloud_steps(a, 1);
}

/* Left: the last step taken back, exactly; Right repeats it. */
static void on_step_back(app *a, action act)
{
    (void)act;
    a->sim.paused = true;
    a->sim.accumulator = 0.0;
    if (!sim_step_back(&a->sim)) {
        app_message(a, 2500,
                    _("no step to take back (the last %d steps are kept; a reset or a new "
                      "runner starts afresh)"),
                    RUNNER_HISTORY);
        return;
    }
    app_assess(a);
    if (a->cloud.n > 0)
        app_message(a, 2500, "%s", _("the runners stepped back; the particle cloud does not"));
}

static void on_reset(app *a, action act)
{
    (void)act;
    sim_reset(&a->sim, NULL);
    app_cloud_reset(a);
}

static void on_speed_down(app *a, action act)
{
    (void)act;
    a->sim.steps_per_second = fmax(APP_SPEED_MIN, a->sim.steps_per_second / 2.0);
}

static void on_speed_up(app *a, action act)
{
    (void)act;
    a->sim.steps_per_second = fmin(APP_SPEED_MAX, a->sim.steps_per_second * 2.0);
}

static void on_help(app *a, action act)
{
    (void)act;
    a->ui.help_visible = !a->ui.help_visible;
}

static void on_quit(app *a, action act)
{
    (void)act;
    if (a->ui.help_visible)
        a->ui.help_visible = false;
    else
        a->ui.quit = true;
}

static void on_rotate(app *a, action act)
{
    if (a->view.kind != VIEW_SURFACE) {
        app_message(a, 2500, "%s", _("rotation applies to the 3D surface view (lesson 4; C)"));
        return;
    }
    a->view.cam.yaw += act == ACTION_ROTATE_LEFT ? -0.1 : act == ACTION_ROTATE_RIGHT ? 0.1 : 0.0;
    a->view.cam.pitch += act == ACTION_ROTATE_UP ? 0.1 : act == ACTION_ROTATE_DOWN ? -0.1 : 0.0;
    camera_clamp(&a->view.cam);
}

static void on_zoom(app *a, action act)
{
    layout lay;
    app_layout(a, a->fb_w, a->fb_h, &lay);
    zoom(a, act == ACTION_ZOOM_IN ? 1.25 : 0.8, lay.plot_x + lay.plot_w / 2,
         lay.plot_y + lay.plot_h / 2);
}

static void on_cloud_toggle(app *a, action act)
{
    (void)act;
    app_cloud_toggle(a);
}

static void on_line(app *a, action act)
{
    app_formula_action(a, act);
}

/* The handler of each action (ACTION_NONE: none). */
static void (*const handlers[ACTION_COUNT])(app *a, action act) = {
    [ACTION_LESSON_1] = on_lesson,
    [ACTION_LESSON_2] = on_lesson,
    [ACTION_LESSON_3] = on_lesson,
    [ACTION_LESSON_4] = on_lesson,
    [ACTION_LESSON_5] = on_lesson,
    [ACTION_LESSON_NEXT] = on_lesson_next,
    [ACTION_LESSON_PREV] = on_lesson_prev,
    [ACTION_LR_UP] = on_lr_up,
    [ACTION_LR_DOWN] = on_lr_down,
    [ACTION_OPTIM_CYCLE] = on_optim_cycle,
    [ACTION_RUNNER_ADD] = on_runner_add,
    [ACTION_RUNNER_REMOVE] = on_runner_remove,
    [ACTION_RUNNER_SELECT] = on_runner_select,
    [ACTION_FIELD_PREV] = on_field_move,
    [ACTION_FIELD_NEXT] = on_field_move,
    [ACTION_FIELD_DEC] = on_field_change,
    [ACTION_FIELD_INC] = on_field_change,
    [ACTION_ARROWS] = on_arrows,
    [ACTION_ANNOTATE] = on_annotate,
    [ACTION_VIEW_TOGGLE] = on_view_toggle,
    [ACTION_FULLSCREEN] = on_fullscreen,
    [ACTION_UI_LARGER] = on_ui_scale,
    [ACTION_UI_SMALLER] = on_ui_scale,
    [ACTION_UI_RESET] = on_ui_reset,
    [ACTION_THEME] = on_theme,
    [ACTION_KEYCAST] = on_keycast,
    [ACTION_RUN_TO_END] = on_run_to_end,
    [ACTION_TRAIL_SHORTER] = on_trail_shorter,
    [ACTION_TRAIL_LONGER] = on_trail_longer,
    [ACTION_LOSS_PANEL] = on_loss_panel,
    [ACTION_LOSS_LOG] = on_loss_log,
    [ACTION_EXPORT_PNG] = on_export,
    [ACTION_EXPORT_CSV] = on_export,
    [ACTION_RECORD] = on_export,
    [ACTION_SCENE_NEXT] = on_scene_step,
    [ACTION_SCENE_PREV] = on_scene_step,
    [ACTION_SCENE_RELOAD] = on_scene_reload,
    [ACTION_FORMULA] = on_formula,
    [ACTION_LANGUAGE] = on_language,
    [ACTION_EXPLAIN] = on_explain,
    [ACTION_SCHEDULE_CYCLE] = on_schedule_cycle,
    [ACTION_NOISE_TOGGLE] = on_noise_toggle,
    [ACTION_NOISE_DOWN] = on_noise_down,
    [ACTION_NOISE_UP] = on_noise_up,
    [ACTION_PAUSE] = on_pause,
    [ACTION_STEP] = on_step,
    [ACTION_RESET] = on_reset,
    [ACTION_STEP_BACK] = on_step_back,
    [ACTION_LESSON_RESET] = on_lesson_reset,
    [ACTION_SLICES] = on_slices,
    [ACTION_SPEED_DOWN] = on_speed_down,
    [ACTION_SPEED_UP] = on_speed_up,
    [ACTION_HELP] = on_help,
    [ACTION_QUIT] = on_quit,
    [ACTION_ROTATE_LEFT] = on_rotate,
    [ACTION_ROTATE_RIGHT] = on_rotate,
    [ACTION_ROTATE_UP] = on_rotate,
    [ACTION_ROTATE_DOWN] = on_rotate,
    [ACTION_ZOOM_IN] = on_zoom,
    [ACTION_ZOOM_OUT] = on_zoom,
    [ACTION_CLOUD_TOGGLE] = on_cloud_toggle,
    [ACTION_LINE_APPLY] = on_line,
    [ACTION_LINE_CANCEL] = on_line,
    [ACTION_LINE_SWITCH] = on_line,
    [ACTION_LINE_LEFT] = on_line,
    [ACTION_LINE_RIGHT] = on_line,
    [ACTION_LINE_HOME] = on_line,
    [ACTION_LINE_END] = on_line,
    [ACTION_LINE_BACKSPACE] = on_line,
    [ACTION_LINE_DELETE] = on_line,
    [ACTION_LINE_CLEAR] = on_line,
    [ACTION_LINE_RECALL_PREV] = on_line,
    [ACTION_LINE_RECALL_NEXT] = on_line,
};

void app_apply(app *a, action act)
{
    if (act > ACTION_NONE && act < ACTION_COUNT && handlers[act])
        handlers[act](a, act);
}
