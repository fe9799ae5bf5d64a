/*
 * app.c: the interactive program. Owns the window, the renderer and the
 * simulation; turns events into actions (through input.c's table) and
 * actions into state changes; app_frame runs one frame of the loop.
 * Drawing lives in draw.c and only reads what this file writes.
 */
#include "app/app.h"

#include "optiviz_config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Ranges the keys keep lr and noise in; the command line may go beyond,
 * and its values are honoured as given. */
static const double LR_MIN = 1e-9, LR_MAX = 1e6;
static const double NOISE_MIN = 1e-6, NOISE_MAX = 1e6;

void layout_compute(int fb_w, int fb_h, float ui_scale, layout *out)
{
    const float w = (float)(fb_w > 1 ? fb_w : 1), h = (float)(fb_h > 1 ? fb_h : 1);
    float s = fminf(h / 1000.0f, w / 1400.0f);
    s = fmaxf(0.5f, fminf(s, 4.0f));
    if (ui_scale >= APP_UI_SCALE_MIN && ui_scale <= APP_UI_SCALE_MAX)
        s *= ui_scale;
    /* no larger than the HUD column's rows fit the height (Ctrl+Plus on a
     * small window) */
    s = fmaxf(0.4f, fminf(s, h / 700.0f));
    out->scale = s;
    out->fb_w = w;
    out->fb_h = h;
    const float side_w = floorf(fmaxf(fminf(520.0f * s, w * 0.36f), 180.0f));
    out->side_w = side_w;
    out->side_x = w - side_w;
    out->side_y = 0;
    out->side_h = h;
    out->plot_x = 110.0f * s;
    out->plot_y = 120.0f * s;
    out->plot_w = fmaxf(out->side_x - out->plot_x - 40.0f * s, 20.0f);
    out->plot_h = fmaxf(h - out->plot_y - 110.0f * s, 20.0f);
}

void app_layout(const app *a, int fb_w, int fb_h, layout *out)
{
    layout_compute(fb_w, fb_h, a->ui_scale, out);
    out->loss_x = out->loss_y = out->loss_w = out->loss_h = 0.0f;
    out->caption_x = out->caption_y = out->caption_w = out->caption_h = 0.0f;
    const float s = out->scale;
    if (app_scene_caption(a)[0]) { /* three lines under the plot's x axis */
        out->caption_h = floorf(3.0f * 26.0f * s * 1.3f + 16.0f * s);
        out->plot_h -= out->caption_h;
        out->caption_x = out->plot_x - 80.0f * s;
        out->caption_w = out->plot_w + 80.0f * s;
        out->caption_y = out->fb_h - out->caption_h - 8.0f * s;
    }
    if (!a->loss_panel)
        return;
    const float h = floorf(out->plot_h * 0.36f);
    out->plot_h -= h + 70.0f * s; /* the plot's x-axis labels stay above the panel */
    out->loss_x = out->plot_x - 80.0f * s;
    out->loss_w = out->plot_w + 80.0f * s;
    out->loss_y = out->plot_y + out->plot_h + 70.0f * s;
    out->loss_h = h + 50.0f * s; /* and the bottom margin the x-axis labels no longer need */
}

float view_x_to_px(const app *a, const layout *lay, double x)
{
    return lay->plot_x + (float)((x - a->view[0]) / (a->view[1] - a->view[0])) * lay->plot_w;
}

float view_y_to_px(const app *a, const layout *lay, double y)
{
    return lay->plot_y + lay->plot_h -
           (float)((y - a->view[2]) / (a->view[3] - a->view[2])) * lay->plot_h;
}

double view_px_to_y(const app *a, const layout *lay, float py)
{
    return a->view[2] + (double)(lay->plot_y + lay->plot_h - py) / lay->plot_h *
                            (a->view[3] - a->view[2]);
}

double view_px_to_x(const app *a, const layout *lay, float px)
{
    return a->view[0] + (double)(px - lay->plot_x) / lay->plot_w * (a->view[1] - a->view[0]);
}

void view3d_matrix(const app *a, const layout *lay, float out[16])
{
    float vp[16];
    camera_view_proj(&a->cam, lay->plot_w / lay->plot_h, vp);
    /* clip-space viewport transform: the plot rectangle's NDC square onto
     * the framebuffer's (x' = sx x + bx w, y' = sy y + by w) */
    const float sx = lay->plot_w / lay->fb_w, sy = lay->plot_h / lay->fb_h;
    const float bx = (2.0f * lay->plot_x + lay->plot_w) / lay->fb_w - 1.0f;
    const float by = 1.0f - (2.0f * lay->plot_y + lay->plot_h) / lay->fb_h;
    for (int col = 0; col < 4; col++) {
        const float *c = vp + 4 * col;
        out[4 * col + 0] = sx * c[0] + bx * c[3];
        out[4 * col + 1] = sy * c[1] + by * c[3];
        out[4 * col + 2] = c[2];
        out[4 * col + 3] = c[3];
    }
}

int app_cmp_double(const void *x, const void *y)
{
    const double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

void app_message(app *a, uint32_t ms, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->message, sizeof a->message, fmt, ap);
    va_end(ap);
    a->message_until = SDL_GetTicks() + ms;
    a->message_kind = MESSAGE_INFO;
}

void app_message_kind(app *a, message_kind kind, uint32_t ms, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->message, sizeof a->message, fmt, ap);
    va_end(ap);
    a->message_until = SDL_GetTicks() + ms;
    a->message_kind = kind;
}

/* Sets the 1D view to the domain and the value range of the lesson's
 * curves over it, with room below for the labels of the minima. */
/* The range of the n values v (sorted in place): their min and max, or,
 * when some are not finite (a pole, log of 0 on a typed formula), the
 * 5th to 95th percentile of the finite ones widened by half, so the curve
 * around the pole stays visible. False when none is finite. */
static bool value_range(double *v, int n, double *lo, double *hi)
{
    int m = 0;
    for (int i = 0; i < n; i++)
        if (isfinite(v[i]))
            v[m++] = v[i];
    if (m == 0)
        return false;
    double a = INFINITY, b = -INFINITY;
    for (int i = 0; i < m; i++) {
        a = fmin(a, v[i]);
        b = fmax(b, v[i]);
    }
    if (m < n) {
        qsort(v, (size_t)m, sizeof *v, app_cmp_double);
        const double p5 = v[m * 5 / 100], p95 = v[m * 95 / 100 < m ? m * 95 / 100 : m - 1];
        const double w = p95 - p5;
        a = fmax(a, p5 - 0.5 * w);
        b = fmin(b, p95 + 0.5 * w);
    }
    *lo = a;
    *hi = b;
    return true;
}

static void view_fit(app *a)
{
    const landscape *l = a->land;
    static double vals[2 * 1001];
    int n = 0;
    for (int i = 0; i <= 1000; i++) {
        const double x = l->lo[0] + (l->hi[0] - l->lo[0]) * i / 1000.0;
        landscape_point p;
        landscape_eval(l, &x, &p);
        vals[n++] = p.f;
        if (a->companion) {
            landscape_eval(a->companion, &x, &p);
            vals[n++] = p.f;
        }
    }
    double lo = -1.0, hi = 1.0;
    if (!value_range(vals, n, &lo, &hi)) {
        lo = -1.0; /* undefined everywhere: an empty plot with sane axes */
        hi = 1.0;
    }
    const double span = hi - lo > 1e-12 ? hi - lo : 1.0;
    a->f_range = span;
    const double pad_x = 0.02 * (l->hi[0] - l->lo[0]);
    a->view[0] = l->lo[0] - pad_x;
    a->view[1] = l->hi[0] + pad_x;
    /* room below for the labels of marked points that sit low */
    bool low_mark = false;
    for (int i = 0; i < a->n_marks; i++)
        low_mark = low_mark || a->marks[i].f < lo + 0.35 * span;
    a->view[2] = lo - (low_mark ? 0.30 : 0.08) * span;
    a->view[3] = hi + 0.10 * span;
}

static void surface_fit(app *a)
{
    const landscape *l = a->land;
    double lo = INFINITY, hi = -INFINITY;
    for (int j = 0; j < APP_GRID_N; j++)
        for (int i = 0; i < APP_GRID_N; i++) {
            const double x[2] = {l->lo[0] + (l->hi[0] - l->lo[0]) * i / (APP_GRID_N - 1),
                                 l->lo[1] + (l->hi[1] - l->lo[1]) * j / (APP_GRID_N - 1)};
            landscape_point p;
            landscape_eval(l, x, &p);
            a->heights[j * APP_GRID_N + i] = (float)p.f;
        }
    {
        static double vals[APP_GRID_N * APP_GRID_N];
        for (int k = 0; k < APP_GRID_N * APP_GRID_N; k++)
            vals[k] = a->heights[k];
        if (!value_range(vals, APP_GRID_N * APP_GRID_N, &lo, &hi)) {
            lo = -1.0;
            hi = 1.0;
        }
        /* poles and values far out are drawn at the edge of the range */
        for (int k = 0; k < APP_GRID_N * APP_GRID_N; k++) {
            const float h = a->heights[k];
            a->heights[k] = isnan(h) ? (float)hi : fminf((float)hi, fmaxf((float)lo, h));
        }
    }
    const double side = fmax(l->hi[0] - l->lo[0], l->hi[1] - l->lo[1]);
    a->view[0] = l->lo[0];
    a->view[1] = l->hi[0];
    a->view[2] = l->lo[1];
    a->view[3] = l->hi[1];
    a->z_scale = hi - lo > 1e-12 ? side / (hi - lo) : 1.0;
    a->f_range = hi - lo > 1e-12 ? hi - lo : 1.0;
    a->heights_id++;
    a->heights_lo = (float)lo;
    a->heights_hi = (float)hi;
    a->cam = (camera){
        .yaw = -0.65,
        .pitch = 0.42,
        .distance = 2.5 * side,
        .target = {0.5 * (l->lo[0] + l->hi[0]), 0.5 * (l->lo[1] + l->hi[1]),
                   a->z_scale * (0.6 * lo + 0.4 * hi)},
        .fov_y = 0.70,
    };
}

static void marks_locate(app *a)
{
    const landscape *l = a->land;
    a->n_marks = 0;
    for (int i = 0; i < l->n_marks && l->dim == 1; i++) {
        const landscape_mark *m = &l->marks[i];
        const landscape *on = m->of_function ? landscape_find(m->of_function) : l;
        double x;
        if (!on || !landscape_critical_1d(on, m->seed, &x))
            continue;
        landscape_point p;
        landscape_eval(on, &x, &p);
        a->marks[a->n_marks++] = (app_mark){.label = m->label, .on = on, .x = x, .f = p.f};
    }
}

static runner *selected(app *a)
{
    return &a->sim.runners[a->selected];
}

/* Okabe & Ito, "Color Universal Design" (2008): distinguishable with the
 * common color-vision deficiencies. Vermillion first (the lone runner),
 * then the others; sky blue and orange also draw the curves. */
rgba app_runner_color(const app *a, int i)
{
    if (i >= 0 && i < SIM_MAX_RUNNERS && i < a->n_runners && a->cfg[i].has_color)
        return a->cfg[i].color;
    const theme *t = theme_get(a->theme);
    return t->runners[((i % THEME_RUNNER_COLORS) + THEME_RUNNER_COLORS) % THEME_RUNNER_COLORS];
}

/* A learning rate that suits kind on the lesson: the lesson's own for
 * gradient descent; adaptive methods move about lr per step, so theirs is
 * 5% of the domain's width; Newton takes full steps; Adadelta keeps
 * torch's 1. */
static double lesson_lr(optim_kind kind, const landscape *l)
{
    const double width = l->hi[0] - l->lo[0];
    switch (kind) {
    case OPTIM_SGD:
        return l->lr;
    case OPTIM_ADAGRAD:
    case OPTIM_RMSPROP:
    case OPTIM_ADAM:
        return 0.05 * width;
    case OPTIM_NEWTON:
    case OPTIM_ADADELTA:
        return 1.0;
    case OPTIM_ANNEAL:
    case OPTIM_KIND_COUNT:
        break;
    }
    return l->lr;
}

/* Fits a runner's settings to the lesson: its lr; for RMSProp d2l's
 * alpha 0.9 and an lr whose first step (lr / sqrt(1 - alpha), torch has no
 * bias correction) is 5% of the domain; for annealing a proposal scaled to
 * the domain. */
static void cfg_fit(runner_cfg *c, const landscape *l)
{
    c->optim.lr = lesson_lr(c->kind, l);
    if (c->kind == OPTIM_RMSPROP) {
        c->optim.alpha = 0.9;
        c->optim.lr *= sqrt(1.0 - c->optim.alpha);
    }
    if (c->kind == OPTIM_ANNEAL)
        c->optim.proposal = (l->hi[0] - l->lo[0]) / 6.0;
}

int app_panel_fields(const app *a, int *out, int max)
{
    int count, n = 0;
    const optim_field *f = optim_fields(&count);
    const optim_kind kind = a->cfg[a->selected].kind;
    for (int i = 0; i < count && n < max; i++)
        if (optim_uses(kind, &f[i]))
            out[n++] = i;
    return n;
}

/* Rebuilds the sim for the current lesson and settings from start. */
static void sim_rebuild(app *a, const double *start)
{
    char err[256];
    runner_params p[SIM_MAX_RUNNERS];
    for (int i = 0; i < a->n_runners; i++) {
        p[i] = (runner_params){
            .land = a->land,
            .kind = a->cfg[i].kind,
            .optim = a->cfg[i].optim,
            .noise = a->cfg[i].has_noise ? a->cfg[i].noise : a->noise_on ? a->noise_sigma : 0.0,
            .noise_decay = a->noise_decay,
            .sched = a->sched,
            .seed = a->seed + (uint64_t)i,
            .start = start,
        };
    }
    const bool paused = a->sim.paused;
    const double sps = a->sim.steps_per_second > 0 ? a->sim.steps_per_second
                                                    : APP_DEFAULT_STEPS_PER_SECOND;
    for (int i = 0; i < SIM_MAX_RUNNERS; i++)
        assess_reset(&a->assess[i]);
    if (!sim_init(&a->sim, p, a->n_runners, sps, err, sizeof err)) {
        /* only reachable with bad hyperparameters, which the CLI and the
         * panel reject: fall back to one gradient-descent runner */
        app_message(a, 4000, "%s", err);
        a->n_runners = 1;
        a->selected = 0;
        a->cfg[0] = (runner_cfg){.kind = OPTIM_SGD, .optim = optim_defaults(OPTIM_SGD)};
        cfg_fit(&a->cfg[0], a->land);
        const runner_params q = {.land = a->land, .optim = a->cfg[0].optim, .start = start};
        sim_init(&a->sim, &q, 1, sps, err, sizeof err);
    }
    a->sim.paused = paused;
}

void app_set_landscape(app *a, const landscape *l)
{
    app_cloud_remove(a);
    a->land = l;
    a->noise_sigma = l->noise > 0 ? l->noise : APP_DEFAULT_NOISE;
    a->companion = a->land->companion ? landscape_find(a->land->companion) : NULL;
    for (int i = 0; i < a->n_runners; i++)
        cfg_fit(&a->cfg[i], a->land);
    if (a->keep_given) {
        /* the command line's hyperparameters win over the lesson's */
        int count;
        const optim_field *f = optim_fields(&count);
        for (int k = 0; k < count; k++)
            if (a->given & (1u << k))
                optim_field_set(&a->cfg[0].optim, &f[k], optim_field_get(&a->given_optim, &f[k]));
    }
    a->keep_given = false;
    if (a->drag == DRAG_START)
        a->sim.paused = a->drag_was_paused;
    a->drag = DRAG_NONE;
    marks_locate(a);
    critical_free(&a->crit);
    if (!critical_find(&a->crit, a->land, NULL))
        a->crit = (critical_set){0};
    if (a->land->dim == 1)
        view_fit(a);
    else
        surface_fit(a);
    sim_rebuild(a, NULL);
}

void app_rebuild(app *a, const double *start)
{
    sim_rebuild(a, start);
}

void app_scene_leave(app *a)
{
    if (a->has_scene) { /* the scene's runners and panels go with it */
        a->tour_last = a->tour_index;
        a->n_runners = 1;
        a->selected = 0;
        a->panel_field = 0;
        a->cfg[0] = (runner_cfg){.kind = OPTIM_SGD, .optim = optim_defaults(OPTIM_SGD)};
        a->loss_panel = false;
    }
    a->has_scene = false;
    a->tour_index = -1;
    a->noise_decay = 0.0;
    for (int i = 0; i < SIM_MAX_RUNNERS; i++)
        a->cfg[i].has_noise = a->cfg[i].has_color = false;
}

void app_set_lesson(app *a, int index)
{
    app_scene_leave(a);
    const int n = landscape_count();
    index = ((index % n) + n) % n;
    app_set_landscape(a, landscape_at(index));
}

static void set_lr(app *a, double lr)
{
    const double old = a->cfg[a->selected].optim.lr;
    if (lr > old)
        lr = fmax(old, fmin(LR_MAX, lr));
    else
        lr = fmin(old, fmax(LR_MIN, lr));
    a->cfg[a->selected].optim.lr = lr;
    selected(a)->opt.p.lr = lr;
    app_cloud_sync(a);
}

static void apply_noise(app *a)
{
    for (int i = 0; i < a->sim.n_runners; i++)
        a->sim.runners[i].noise = a->cfg[i].has_noise ? a->cfg[i].noise
                                  : a->noise_on       ? a->noise_sigma
                                                      : 0.0;
    app_cloud_sync(a);
}

/* Starts every runner again from the current start with the current
 * settings (after an optimizer or hyperparameter change). */
static void restart(app *a)
{
    double start[2];
    start[0] = a->sim.runners[0].start[0];
    start[1] = a->sim.runners[0].start[1];
    sim_rebuild(a, start);
    app_cloud_relaunch(a);
}

static void add_runner(app *a)
{
    if (a->n_runners >= SIM_MAX_RUNNERS) {
        app_message(a, 2500, "at most %d runners", SIM_MAX_RUNNERS);
        return;
    }
    const optim_kind next = (optim_kind)((a->cfg[a->n_runners - 1].kind + 1) % OPTIM_KIND_COUNT);
    runner_cfg *c = &a->cfg[a->n_runners];
    *c = (runner_cfg){.kind = next, .optim = optim_defaults(next)};
    cfg_fit(c, a->land);
    a->n_runners++;
    a->selected = a->n_runners - 1;
    a->panel_field = 0;
    restart(a);
}

static void remove_runner(app *a)
{
    if (a->n_runners <= 1) {
        app_message(a, 2500, "the last runner stays (A adds one, O changes its optimizer)");
        return;
    }
    for (int i = a->selected; i + 1 < a->n_runners; i++)
        a->cfg[i] = a->cfg[i + 1];
    a->n_runners--;
    if (a->selected >= a->n_runners)
        a->selected = a->n_runners - 1;
    a->panel_field = 0;
    restart(a);
}

static void cycle_optimizer(app *a)
{
    runner_cfg *c = &a->cfg[a->selected];
    c->kind = (optim_kind)((c->kind + 1) % OPTIM_KIND_COUNT);
    c->optim = optim_defaults(c->kind);
    cfg_fit(c, a->land);
    a->panel_field = 0;
    restart(a);
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
    const optim_field *f = &optim_fields(&count)[idx[a->panel_field % n]];
    runner_cfg *c = &a->cfg[a->selected];
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
    if (!optim_init(&check, c->kind, &c->optim, a->land->dim, err, sizeof err)) {
        c->optim = before;
        app_message(a, 3000, "%s", err);
        return;
    }
    if (strcmp(f->name, "lr") == 0) {
        set_lr(a, v); /* live, like Up/Down */
        return;
    }
    restart(a);
}

static void zoom(app *a, double factor, float px, float py)
{
    layout lay;
    app_layout(a, a->fb_w, a->fb_h, &lay);
    if (a->land->dim == 2 && !a->contour) {
        a->cam.distance /= factor;
        camera_clamp(&a->cam);
        return;
    }
    const double cx = view_px_to_x(a, &lay, px);
    const double cy = a->view[2] + (double)(lay.plot_y + lay.plot_h - py) / lay.plot_h *
                                       (a->view[3] - a->view[2]);
    const double w = (a->view[1] - a->view[0]) / factor, h = (a->view[3] - a->view[2]) / factor;
    /* from a thousandth of the domain to ten times it: beyond, the
     * landscape is a dot or a blur */
    const double own = a->land->hi[0] - a->land->lo[0];
    if (w < 1e-3 * own || w > 10.0 * own)
        return;
    const double fx = (cx - a->view[0]) / (a->view[1] - a->view[0]);
    const double fy = (cy - a->view[2]) / (a->view[3] - a->view[2]);
    a->view[0] = cx - fx * w;
    a->view[1] = a->view[0] + w;
    a->view[2] = cy - fy * h;
    a->view[3] = a->view[2] + h;
}

/* Remembers a key for the key-cast overlay (newest last, the oldest
 * dropped when full). */
static void keycast_push(app *a, const SDL_KeyboardEvent *key)
{
    if (a->n_keys == APP_KEYCAST_N) {
        memmove(&a->keys[0], &a->keys[1], sizeof a->keys[0] * (APP_KEYCAST_N - 1));
        a->n_keys--;
    }
    if (input_describe(key, a->keys[a->n_keys].text, sizeof a->keys[0].text)) {
        a->keys[a->n_keys].at = SDL_GetTicks();
        a->n_keys++;
    }
}

/* End: steps every runner until it converges, diverges or stops, at most
 * APP_RUN_LIMIT steps, judging each step, then pauses on the result. */
static void run_to_end(app *a)
{
    long steps = 0, limit = APP_RUN_LIMIT;
    if (a->cloud.n > 0) /* the cloud steps too, within its budget */
        limit = APP_CLOUD_END_BUDGET / (a->land->expr ? 5 : 1) / a->cloud.n;
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
    app_message(a, 3000, going ? "ran %ld steps (the limit): still going, paused"
                               : "ran %ld steps: every runner has settled, paused", steps);
}

void app_apply(app *a, action act)
{
    runner *r = selected(a);
    switch (act) {
    case ACTION_NONE:
    case ACTION_COUNT:
        break;
    case ACTION_LESSON_1:
    case ACTION_LESSON_2:
    case ACTION_LESSON_3:
    case ACTION_LESSON_4:
    case ACTION_LESSON_5:
        app_set_lesson(a, (int)(act - ACTION_LESSON_1));
        break;
    case ACTION_LESSON_NEXT:
        app_set_lesson(a, landscape_index(a->land) + 1);
        break;
    case ACTION_LESSON_PREV:
        app_set_lesson(a, landscape_index(a->land) - 1);
        break;
    case ACTION_LR_UP:
        set_lr(a, a->cfg[a->selected].optim.lr * APP_LR_FACTOR);
        break;
    case ACTION_LR_DOWN:
        set_lr(a, a->cfg[a->selected].optim.lr / APP_LR_FACTOR);
        break;
    case ACTION_OPTIM_CYCLE:
        cycle_optimizer(a);
        break;
    case ACTION_RUNNER_ADD:
        add_runner(a);
        break;
    case ACTION_RUNNER_REMOVE:
        remove_runner(a);
        break;
    case ACTION_RUNNER_SELECT:
        a->selected = (a->selected + 1) % a->n_runners;
        a->panel_field = 0;
        break;
    case ACTION_FIELD_PREV:
    case ACTION_FIELD_NEXT: {
        int idx[32];
        const int n = app_panel_fields(a, idx, 32);
        if (n > 0)
            a->panel_field = (a->panel_field + (act == ACTION_FIELD_NEXT ? 1 : n - 1)) % n;
        break;
    }
    case ACTION_FIELD_DEC:
    case ACTION_FIELD_INC:
        panel_change(a, act == ACTION_FIELD_INC ? 1 : -1);
        break;
    case ACTION_ARROWS:
        a->show_arrows = !a->show_arrows;
        break;
    case ACTION_ANNOTATE:
        a->annotate = !a->annotate;
        break;
    case ACTION_VIEW_TOGGLE:
        if (a->land->dim != 2) {
            app_message(a, 2500, "the contour view is for 2D landscapes (4, Tab)");
            break;
        }
        a->contour = !a->contour;
        a->view[0] = a->land->lo[0];
        a->view[1] = a->land->hi[0];
        a->view[2] = a->land->lo[1];
        a->view[3] = a->land->hi[1];
        break;
    case ACTION_FULLSCREEN: {
        char err[200];
        if (window_set_fullscreen(&a->win, !a->fullscreen, err, sizeof err))
            a->fullscreen = !a->fullscreen;
        else
            app_message(a, 3000, "%s", err);
        break;
    }
    case ACTION_UI_LARGER:
    case ACTION_UI_SMALLER:
        a->ui_scale = (float)fmin(APP_UI_SCALE_MAX,
                                  fmax(APP_UI_SCALE_MIN,
                                       round((a->ui_scale + (act == ACTION_UI_LARGER ? 0.1 : -0.1)) *
                                             10.0) / 10.0));
        app_message(a, 1500, "text and lines × %.1f", a->ui_scale);
        app_settings_save(a);
        break;
    case ACTION_UI_RESET:
        a->ui_scale = a->headless ? 1.0f : window_dpi_scale(&a->win);
        app_message(a, 1500, "text and lines × %.1f (the display's default)", a->ui_scale);
        app_settings_save(a);
        break;
    case ACTION_THEME:
        a->theme = (theme_kind)((a->theme + 1) % THEME_COUNT);
        app_message(a, 1500, "theme: %s", theme_get(a->theme)->name);
        app_settings_save(a);
        break;
    case ACTION_KEYCAST:
        a->keycast = !a->keycast;
        a->n_keys = 0;
        break;
    case ACTION_RUN_TO_END:
        run_to_end(a);
        break;
    case ACTION_TRAIL_SHORTER:
        a->trail_len = a->trail_len / 2 < APP_TRAIL_MIN ? APP_TRAIL_MIN : a->trail_len / 2;
        app_message(a, 1500, "trails: the last %d points", a->trail_len);
        break;
    case ACTION_TRAIL_LONGER:
        a->trail_len = a->trail_len * 2 > RUNNER_TRAIL_MAX ? RUNNER_TRAIL_MAX : a->trail_len * 2;
        app_message(a, 1500, "trails: the last %d points", a->trail_len);
        break;
    case ACTION_LOSS_PANEL:
        a->loss_panel = !a->loss_panel;
        break;
    case ACTION_LOSS_LOG:
        a->loss_panel = true;
        a->loss_log = !a->loss_log;
        break;
    case ACTION_EXPORT_PNG:
    case ACTION_EXPORT_CSV:
    case ACTION_RECORD:
        app_export_action(a, act);
        break;
    case ACTION_SCENE_NEXT:
    case ACTION_SCENE_PREV:
        app_tour_step(a, act == ACTION_SCENE_NEXT ? 1 : -1);
        break;
    case ACTION_SCENE_RELOAD:
        app_scene_reload(a);
        break;
    case ACTION_FORMULA:
        app_formula_open(a);
        break;
    case ACTION_LANGUAGE:
        a->korean = !a->korean;
        app_message(a, 1500, a->korean ? "한국어" : "English");
        break;
    case ACTION_EXPLAIN:
        a->explain = !a->explain;
        if (a->explain)
            a->sim.paused = true;
        break;
    case ACTION_SCHEDULE_CYCLE: {
        a->sched = (schedule){.kind = (schedule_kind)((a->sched.kind + 1) % SCHEDULE_KIND_COUNT)};
        char err[128];
        schedule_check(&a->sched, err, sizeof err);
        restart(a);
        break;
    }
    case ACTION_NOISE_TOGGLE:
        a->noise_on = !a->noise_on;
        apply_noise(a);
        break;
    case ACTION_NOISE_DOWN:
        a->noise_sigma = fmin(a->noise_sigma, fmax(NOISE_MIN, a->noise_sigma / APP_NOISE_FACTOR));
        apply_noise(a);
        break;
    case ACTION_NOISE_UP:
        a->noise_sigma = fmax(a->noise_sigma, fmin(NOISE_MAX, a->noise_sigma * APP_NOISE_FACTOR));
        apply_noise(a);
        break;
    case ACTION_PAUSE:
        a->sim.paused = !a->sim.paused;
        a->sim.accumulator = 0.0;
        break;
    case ACTION_STEP:
        if (!a->sim.paused)
            a->sim.paused = true;
        if (r->status != RUNNER_DIVERGED) /* a diverged run has its banner already */
            sim_step(&a->sim);
        app_cloud_steps(a, 1);
        break;
    case ACTION_RESET:
        sim_reset(&a->sim, NULL);
        app_cloud_reset(a);
        break;
    case ACTION_SPEED_DOWN:
        a->sim.steps_per_second = fmax(APP_SPEED_MIN, a->sim.steps_per_second / 2.0);
        break;
    case ACTION_SPEED_UP:
        a->sim.steps_per_second = fmin(APP_SPEED_MAX, a->sim.steps_per_second * 2.0);
        break;
    case ACTION_HELP:
        a->help_visible = !a->help_visible;
        break;
    case ACTION_QUIT:
        if (a->help_visible)
            a->help_visible = false;
        else
            a->quit = true;
        break;
    case ACTION_ROTATE_LEFT:
    case ACTION_ROTATE_RIGHT:
    case ACTION_ROTATE_UP:
    case ACTION_ROTATE_DOWN:
        if (a->land->dim != 2 || a->contour) {
            app_message(a, 2500, "rotation applies to the 3D surface view (lesson 4; C)");
            break;
        }
        a->cam.yaw += act == ACTION_ROTATE_LEFT ? -0.1 : act == ACTION_ROTATE_RIGHT ? 0.1 : 0.0;
        a->cam.pitch += act == ACTION_ROTATE_UP ? 0.1 : act == ACTION_ROTATE_DOWN ? -0.1 : 0.0;
        camera_clamp(&a->cam);
        break;
    case ACTION_ZOOM_IN:
    case ACTION_ZOOM_OUT: {
        layout lay;
        app_layout(a, a->fb_w, a->fb_h, &lay);
        zoom(a, act == ACTION_ZOOM_IN ? 1.25 : 0.8, lay.plot_x + lay.plot_w / 2,
             lay.plot_y + lay.plot_h / 2);
        break;
    }
    case ACTION_CLOUD_TOGGLE:
        app_cloud_toggle(a);
        break;
    }
}

/* Start point under the pointer, clamped to the domain; false when the
 * pointer is off the 3D surface. */
static bool start_from_pointer(app *a, const layout *lay, double *start)
{
    const landscape *l = a->land;
    if (l->dim == 1) {
        const double x = view_px_to_x(a, lay, a->mouse_x);
        start[0] = fmin(l->hi[0], fmax(l->lo[0], x));
        return true;
    }
    if (a->contour) {
        start[0] = fmin(l->hi[0], fmax(l->lo[0], view_px_to_x(a, lay, a->mouse_x)));
        start[1] = fmin(l->hi[1], fmax(l->lo[1], view_px_to_y(a, lay, a->mouse_y)));
        return true;
    }
    const double aspect = lay->plot_w / lay->plot_h;
    const double ndc_x = 2.0 * (a->mouse_x - lay->plot_x) / lay->plot_w - 1.0;
    const double ndc_y = 1.0 - 2.0 * (a->mouse_y - lay->plot_y) / lay->plot_h;
    double o[3], d[3];
    camera_ray(&a->cam, aspect, ndc_x, ndc_y, o, d);
    return camera_pick_surface(l, a->z_scale, o, d, start);
}

static bool in_plot(const layout *lay, float x, float y)
{
    return x >= lay->plot_x && x <= lay->plot_x + lay->plot_w && y >= lay->plot_y &&
           y <= lay->plot_y + lay->plot_h;
}

static void pointer_to_fb(app *a, int wx, int wy)
{
    int ww, wh;
    window_size(&a->win, &ww, &wh);
    a->mouse_x = (float)wx * (float)a->fb_w / (float)(ww > 0 ? ww : 1);
    a->mouse_y = (float)wy * (float)a->fb_h / (float)(wh > 0 ? wh : 1);
}

static void drag_start_move(app *a)
{
    layout lay;
    app_layout(a, a->fb_w, a->fb_h, &lay);
    double start[2];
    if (start_from_pointer(a, &lay, start))
        sim_reset(&a->sim, start);
}

void app_handle_event(app *a, const SDL_Event *e)
{
    if (app_formula_event(a, e))
        return;
    layout lay;
    app_layout(a, a->fb_w, a->fb_h, &lay);
    switch (e->type) {
    case SDL_QUIT:
        a->quit = true;
        break;
    case SDL_KEYDOWN: {
        const action act = input_translate_key(&e->key);
        if (a->keycast && act != ACTION_NONE && !e->key.repeat)
            keycast_push(a, &e->key);
        app_apply(a, act);
        break;
    }
    case SDL_MOUSEBUTTONDOWN:
        pointer_to_fb(a, e->button.x, e->button.y);
        if (e->button.button == SDL_BUTTON_LEFT && in_plot(&lay, a->mouse_x, a->mouse_y)) {
            double probe[2];
            if (a->land->dim == 2 && !start_from_pointer(a, &lay, probe)) {
                app_message(a, 2500, "press on the surface to move the start point");
                break;
            }
            a->drag = DRAG_START;
            a->drag_was_paused = a->sim.paused;
            a->sim.paused = true;
            drag_start_move(a);
        } else if (e->button.button == SDL_BUTTON_RIGHT && a->land->dim == 2 && !a->contour) {
            a->drag = DRAG_ROTATE;
        }
        break;
    case SDL_MOUSEMOTION: {
        const float px = a->mouse_x, py = a->mouse_y;
        pointer_to_fb(a, e->motion.x, e->motion.y);
        if (a->drag == DRAG_START) {
            drag_start_move(a);
        } else if (a->drag == DRAG_ROTATE) {
            a->cam.yaw += 0.008 * (a->mouse_x - px) / lay.scale;
            a->cam.pitch += 0.008 * (a->mouse_y - py) / lay.scale;
            camera_clamp(&a->cam);
        }
        break;
    }
    case SDL_MOUSEBUTTONUP:
        pointer_to_fb(a, e->button.x, e->button.y);
        if (a->drag == DRAG_START && e->button.button == SDL_BUTTON_LEFT) {
            drag_start_move(a);
            a->sim.paused = a->drag_was_paused;
            a->sim.accumulator = 0.0;
            a->drag = DRAG_NONE;
        } else if (a->drag == DRAG_ROTATE && e->button.button == SDL_BUTTON_RIGHT) {
            a->drag = DRAG_NONE;
        }
        break;
    case SDL_MOUSEWHEEL: {
        const float y = e->wheel.preciseY != 0.0f ? e->wheel.preciseY : (float)e->wheel.y;
        if (y != 0.0f) {
            int mx, my;
            SDL_GetMouseState(&mx, &my);
            pointer_to_fb(a, mx, my);
            const bool inside = in_plot(&lay, a->mouse_x, a->mouse_y);
            zoom(a, pow(1.15, y), inside ? a->mouse_x : lay.plot_x + lay.plot_w / 2,
                 inside ? a->mouse_y : lay.plot_y + lay.plot_h / 2);
        }
        break;
    }
    default:
        break;
    }
}

bool app_create(app *a, const app_params *p, char *err, size_t errlen)
{
    memset(a, 0, sizeof *a);
    const cli_options *o = p->cli;
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
    const renderer_params rp = {.load = window_gl_proc, .font_path = font, .fallback_font_path = font_ko};
    a->ren = renderer_create(&rp, err, errlen);
    if (!a->ren) {
        window_destroy(&a->win);
        return false;
    }
    window_drawable_size(&a->win, &a->fb_w, &a->fb_h);
    a->n_runners = 1;
    a->cfg[0].kind = o ? o->kind : OPTIM_SGD;
    a->cfg[0].optim = o ? o->optim : optim_defaults(a->cfg[0].kind);
    for (int i = 1; o && i < o->n_kinds && i < SIM_MAX_RUNNERS; i++) {
        /* racing runners: the hyperparameters given apply to the first */
        a->cfg[i] = (runner_cfg){.kind = o->kinds[i], .optim = optim_defaults(o->kinds[i])};
        a->n_runners++;
    }
    a->sched = o ? o->sched : (schedule){0};
    a->keep_given = o && o->optim_given != 0;
    a->given = o ? o->optim_given : 0;
    if (o)
        a->given_optim = o->optim;
    a->noise_on = o && o->noise > 0;
    a->seed = o ? o->seed : 0;
    a->sim.steps_per_second = APP_DEFAULT_STEPS_PER_SECOND;
    a->annotate = true;
    a->headless = p->headless;
    a->ui_scale = p->headless ? 1.0f : window_dpi_scale(&a->win);
    if (!p->headless)
        app_settings_load(a);
    export_init(&a->exp, o ? o->output_dir : NULL);
    SDL_StopTextInput(); /* on only while the formula line is open */
    a->trail_len = RUNNER_TRAIL_MAX;
    a->tour_index = a->tour_last = -1;
    a->noise_sigma = APP_DEFAULT_NOISE;
    if (o && o->land && landscape_index(o->land) < 0)
        app_set_landscape(a, o->land); /* --expr: a typed formula's landscape */
    else
        app_set_lesson(a, (o && o->land) ? landscape_index(o->land) : 0);
    if (o && o->noise > 0) { /* the command line's noise, on */
        a->noise_sigma = o->noise;
        app_rebuild(a, NULL);
    }
    if (o && o->has_scene && !app_load_scene(a, o->scene_path, err, errlen)) {
        app_destroy(a);
        return false;
    }
    if (p->open_tour && !(o && o->has_scene))
        app_tour_step(a, 1); /* the first scene; without the files, lesson 1 */
    if (o && o->contour && a->land->dim == 2)
        a->contour = true;
    if (o && o->has_start)
        sim_reset(&a->sim, o->start);
    if (o && o->particles > 0)
        app_cloud_launch(a, o->particles);
    a->last_counter = SDL_GetPerformanceCounter();
    return true;
}

void app_assess(app *a)
{
    for (int i = 0; i < a->sim.n_runners; i++) {
        const runner *r = &a->sim.runners[i];
        if (r->step == 0)
            assess_reset(&a->assess[i]); /* a new run */
        const int before = a->assess[i].escapes;
        assess_runner(&a->assess[i], r, &a->crit, a->f_range);
        if (a->assess[i].escapes > before)
            app_message(a, 3000, "%s left the local minimum's basin (escape %d)",
                        optim_kind_name(r->opt.kind), a->assess[i].escapes);
    }
}

void app_destroy(app *a)
{
    critical_free(&a->crit);
    app_cloud_remove(a);
    export_destroy(&a->exp);
    free(a->pixels);
    a->pixels = NULL;
    landscape_custom_free(&a->custom[0]);
    landscape_custom_free(&a->custom[1]);
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
    const int budget = APP_CLOUD_FRAME_BUDGET / (a->land->expr ? 5 : 1);
    const int cap = budget / a->cloud.n;
    return cap < 1 ? 1 : cap;
}

/* Steps and states of every runner and of the cloud: unchanged while
 * nothing moves (finished runners do not step; a paused sim takes none). */
static uint64_t motion_signature(const app *a)
{
    uint64_t h = (uint64_t)a->sim.n_runners;
    for (int i = 0; i < a->sim.n_runners; i++) {
        const runner *r = &a->sim.runners[i];
        h = h * 1000003u + (uint64_t)r->step;
        h = h * 31u + (uint64_t)r->status;
    }
    h = h * 1000003u + (uint64_t)a->cloud.step;
    return h * 31u + (uint64_t)a->cloud.n;
}

static bool message_shown(const app *a, uint32_t now)
{
    return a->message[0] && !SDL_TICKS_PASSED(now, a->message_until);
}

/* Key-cast entries on screen now; *fading set when one of them is fading
 * (draw_keycast's last second), *next_ms to when the next one starts to. */
static int keys_shown(const app *a, uint32_t now, bool *fading, uint32_t *next_ms)
{
    int n = 0;
    *fading = false;
    *next_ms = APP_WAIT_MAX_MS;
    for (int i = 0; a->keycast && i < a->n_keys; i++) {
        const uint32_t age = now - a->keys[i].at;
        if (age >= APP_KEYCAST_MS)
            continue;
        n++;
        if (age + 1000 > APP_KEYCAST_MS)
            *fading = true;
        else if (APP_KEYCAST_MS - 1000 - age < *next_ms)
            *next_ms = APP_KEYCAST_MS - 1000 - age;
    }
    return n;
}

bool app_needs_redraw(const app *a)
{
    const uint32_t now = SDL_GetTicks();
    bool fading;
    uint32_t next;
    const int keys = keys_shown(a, now, &fading, &next);
    return !a->drawn.valid || a->want_png || a->exp.recording || fading ||
           a->drawn.motion != motion_signature(a) || a->drawn.message_until != a->message_until ||
           a->drawn.message_shown != message_shown(a, now) || a->drawn.keys_shown != keys;
}

uint32_t app_wait_ms(const app *a)
{
    const uint32_t now = SDL_GetTicks();
    if (app_needs_redraw(a))
        return 0;
    bool fading;
    uint32_t wait;
    keys_shown(a, now, &fading, &wait);
    if (message_shown(a, now) && a->message_until - now + 1 < wait)
        wait = a->message_until - now + 1;
    bool going = a->cloud.n > 0;
    for (int i = 0; i < a->sim.n_runners; i++)
        going = going || a->sim.runners[i].status == RUNNER_RUNNING ||
                a->sim.runners[i].status == RUNNER_OUT_OF_VIEW;
    if (going && !a->sim.paused && a->drag == DRAG_NONE) {
        /* the next whole step is due when the accumulator reaches 1 */
        const double ms = (1.0 - a->sim.accumulator) / a->sim.steps_per_second * 1000.0;
        if (ms < (double)wait)
            wait = ms > 0.0 ? (uint32_t)ceil(ms) : 0;
    }
    return wait;
}

bool app_frame(app *a)
{
    SDL_Event e;
    bool events = false;
    while (SDL_PollEvent(&e)) {
        app_handle_event(a, &e);
        events = true;
    }
    if (a->quit)
        return false;
    const uint64_t now = SDL_GetPerformanceCounter();
    double dt = (double)(now - a->last_counter) / (double)SDL_GetPerformanceFrequency();
    a->last_counter = now;
    if (dt > 0.25)
        dt = 0.25; /* after a stall (window dragged, laptop asleep) do not jump */
    a->sim.max_per_advance = app_cloud_step_cap(a);
    if (a->drag == DRAG_NONE)
        app_cloud_steps(a, sim_advance(&a->sim, dt));
    app_assess(a);
    window_drawable_size(&a->win, &a->fb_w, &a->fb_h);
    if (!events && !app_needs_redraw(a)) {
        app_export_frame(a, dt); /* polls a background job only: nothing to read back */
        return true;
    }
    /* the clock before drawing: what draw shows is at most what this
     * remembers, so a difference can only cost one extra frame */
    const uint32_t ticks = SDL_GetTicks();
    app_draw(a, a->ren, a->fb_w, a->fb_h);
    app_export_frame(a, dt);
    window_swap(&a->win);
    bool fading;
    uint32_t next;
    a->drawn.valid = true;
    a->drawn.motion = motion_signature(a);
    a->drawn.message_until = a->message_until;
    a->drawn.message_shown = message_shown(a, ticks);
    a->drawn.keys_shown = keys_shown(a, ticks, &fading, &next);
    a->frames_drawn++;
    return true;
}
