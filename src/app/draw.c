/*
 * draw.c: the frame as the window shows it, drawn from the app's state
 * (read only): the heading, the view's static part (kept in the renderer's
 * static layer, keyed by what it depends on), the view's moving part, the
 * cloud, the panels, the HUD column, help and transient messages. Each view
 * kind draws from its own file (draw_curve.c, draw_surface.c,
 * draw_contour.c). Sizes scale with the framebuffer (layout.scale), so a
 * projector at 1920x1080 gets 28 px HUD text and 4 px curves.
 */
#include "app/app.h"
#include "app/draw_internal.h"
#include "app/explain.h"
#include "app/format.h"
#include "app/theme.h"
#include "core/critical.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* What does not move from frame to frame for a given lesson, view and
 * window: heading, axes, curves, marks, the wireframe, the HUD's panel. */
static void draw_static(const draw_ctx *dc)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    const theme *th = dc->th;
    const float s = lay->scale;
    char heading[400];
    if (a->scenes.has_scene) {
        const bool ko = strcmp(a->ui.lang, "ko") == 0;
        const char *title = ko && a->scenes.scene.title_ko[0] ? a->scenes.scene.title_ko
                                                              : a->scenes.scene.title;
        if (a->scenes.tour_index >= 0)
            snprintf(heading, sizeof heading, _("scene %d/%d · %s"),
                     a->scenes.tour_index + 1, a->scenes.n_tour, title);
        else
            snprintf(heading, sizeof heading, "%s", title);
    } else if (landscape_index(a->lesson.land) < 0) /* a typed formula: no lesson number */
        snprintf(heading, sizeof heading, "%s", _(a->lesson.land->lesson));
    else
        snprintf(heading, sizeof heading, "%d · %s", landscape_index(a->lesson.land) + 1,
                 _(a->lesson.land->lesson));
    const float head_w = lay->side_x - lay->plot_x - 20 * s;
    draw_text_fit(r, heading, lay->plot_x, 18 * s, 24 * s, fmaxf(12.0f, 18 * s), head_w, TEXT_LEFT,
                  DIM);
    draw_text_fit(r, _(a->lesson.land->title), lay->plot_x, 52 * s, 38 * s, fmaxf(14.0f, 24 * s),
                  head_w, TEXT_LEFT, TEXT);
    if (a->view.kind == VIEW_CURVE)
        draw_view_1d(dc);
    else if (a->view.kind == VIEW_CONTOUR)
        draw_view_contour(dc);
    else
        draw_view_3d(dc);
    draw_scene_annotations(dc);
    draw_scene_caption(dc);
    render_rect(r, lay->side_x, lay->side_y, lay->side_w, lay->side_h, PANEL);
}

/* 64-bit FNV-1a over bytes, for the static layer's key. */
static uint64_t fnv1a(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* Everything the static part depends on; a change redraws it. */
static uint64_t static_key(const app *a, int fb_w, int fb_h)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    const int idx = landscape_index(a->lesson.land);
    h = fnv1a(h, &idx, sizeof idx);
    h = fnv1a(h, a->lesson.land->title,
              strlen(a->lesson.land->title)); /* typed formulas share idx -1 */
    h = fnv1a(h, &fb_w, sizeof fb_w);
    h = fnv1a(h, &fb_h, sizeof fb_h);
    h = fnv1a(h, a->view.box, sizeof a->view.box);
    h = fnv1a(h, &a->view.cam, sizeof a->view.cam);
    h = fnv1a(h, &a->view.z_scale, sizeof a->view.z_scale);
    h = fnv1a(h, &a->view.heights_id, sizeof a->view.heights_id);
    h = fnv1a(h, &a->ui.annotate, sizeof a->ui.annotate);
    h = fnv1a(h, &a->view.kind, sizeof a->view.kind);
    h = fnv1a(h, &a->ui.theme, sizeof a->ui.theme);
    h = fnv1a(h, &a->ui.ui_scale, sizeof a->ui.ui_scale);
    h = fnv1a(h, a->ui.lang, strlen(a->ui.lang)); /* every word drawn */
    h = fnv1a(h, &a->ui.loss_panel, sizeof a->ui.loss_panel);
    h = fnv1a(h, &a->scenes.has_scene, sizeof a->scenes.has_scene);
    h = fnv1a(h, &a->scenes.tour_index, sizeof a->scenes.tour_index);
    h = fnv1a(h, &a->scenes.scene_id,
              sizeof a->scenes.scene_id); /* another scene, or one reloaded */
    return h ? h : 1; /* 0 means "no layer" to the renderer */
}

void app_draw(const app *a, renderer *r, int fb_w, int fb_h)
{
    const theme *th = theme_get(a->ui.theme);
    layout lay;
    render_set_stroke(r, th->stroke);
    app_layout(a, fb_w, fb_h, &lay);
    /* the back row's minimum: 20 px at 1920x1080 (scale 1.08), less on a
     * small window, more when the teacher enlarges (Ctrl+Plus) */
    render_set_text_min(r, LAYOUT_TEXT_MIN * lay.scale);
    const draw_ctx ctx = {.a = a, .r = r, .th = th, .lay = &lay, .now_ms = app_now_ms(a)};
    const draw_ctx *dc = &ctx;
    const float s = lay.scale;
    render_begin(r, fb_w, fb_h, BG);
    if (fb_w < LAYOUT_MIN_W || fb_h < LAYOUT_MIN_H) {
        /* smaller than the layout fits (a window manager that ignores the
         * minimum size): say so instead of drawing the HUD over the plot */
        char msg[160];
        snprintf(msg, sizeof msg, _("make the window larger: at least %d×%d"), LAYOUT_MIN_W,
                 LAYOUT_MIN_H);
        const float fs = 16.0f;
        draw_text_wrap(r, msg, 10.0f, 10.0f, fs, (float)fb_w - 20.0f, fs * 1.25f, TEXT_LEFT, TEXT,
                       true);
        render_end(r);
        return;
    }
    if (render_layer_begin(r, static_key(a, fb_w, fb_h))) {
        draw_static(dc);
        render_layer_end(r);
    }
    draw_cloud(dc);
    if (a->view.kind == VIEW_CURVE)
        draw_runners_1d(dc);
    else if (a->view.kind == VIEW_CONTOUR)
        draw_runners_contour(dc);
    else
        draw_runners_3d(dc);
    if (a->ui.slices && a->lesson.land->dim == 2)
        draw_slices(dc);
    draw_cloud_panel(dc);
    draw_hud(dc);
    draw_loss_panel(dc);
    const runner *rn = &a->sim.runners[a->runs.selected];
    if (rn->status == RUNNER_DIVERGED || rn->status == RUNNER_STOPPED ||
        rn->status == RUNNER_UNDEFINED) {
        /* running off downhill is the lesson of a function with no minimum
         * that way (x^2 - y^2 along y); growing steps call for a lower lr */
        const bool downhill = rn->status == RUNNER_DIVERGED && rn->downhill;
        const rgba banner = downhill ? YELLOW : RED;
        const char *msg = rn->status == RUNNER_STOPPED
                              ? _("stopped: the Hessian is singular (press R to reset)")
                          : rn->status == RUNNER_UNDEFINED
                              ? _("undefined: f has no value or gradient here (press R to reset)")
                          : downhill
                              ? _("diverged downhill: f has no minimum that way (R resets)")
                              : _("diverged: the steps grew (press R to reset, Down to lower lr)");
        /* in the HUD column above its hint line, clear of the plot's axes
         * and paths, wrapped to the column; the panel color behind, the
         * warning color as a frame and in the words: readable on every theme */
        const float fs = 26 * s, lh = fs * 1.25f, w = lay.side_w - 36 * s;
        const int lines = draw_text_wrap(r, msg, 0, 0, fs, w - 24 * s, lh, TEXT_LEFT, banner,
                                         false);
        const float h = (float)lines * lh + 20 * s;
        const float x0 = lay.side_x + 18 * s, x1 = x0 + w;
        const float by = lay.side_h - 90 * s - h;
        render_rect(r, x0, by, w, h, rgba_alpha(PANEL, 0.98f));
        const float frame[10] = {x0, by, x1, by, x1, by + h, x0, by + h, x0, by};
        render_polyline(r, frame, 5, 4 * s, banner);
        draw_text_wrap(r, msg, x0 + 12 * s, by + 10 * s, fs, w - 24 * s, lh, TEXT_LEFT, banner,
                       true);
    }
    /* a file's path stays out of a recording's frames */
    if (a->ui.message[0] && !SDL_TICKS_PASSED(dc->now_ms, a->ui.message_until) &&
        !(a->ui.message_kind == MESSAGE_FILE && a->export.exp.recording)) {
        const bool error = a->ui.message_kind == MESSAGE_ERROR;
        const float max_w = lay.fb_w - 60 * s;
        const float tw = fminf(render_text_width(r, a->ui.message, 26 * s), max_w);
        /* centred under the plot, moved in where a long line would leave the window */
        float cx = fminf(fmaxf(lay.plot_x + lay.plot_w / 2, tw / 2 + 26 * s),
                         lay.fb_w - tw / 2 - 26 * s);
        /* above a scene's caption, so the caption stays readable */
        float my = lay.caption_w > 0 ? lay.caption_y - 56 * s : lay.fb_h - 56 * s;
        /* the curve and contour views name the x axis under the plot's
         * middle (draw_axes_1d): a toast at that height goes beside it,
         * under the plot, else (too long) inside the plot's lower edge */
        const float lx = lay.plot_x + lay.plot_w / 2, ly = lay.plot_y + lay.plot_h + 46 * s;
        const float lw = render_text_width(r, "x", 26 * s) / 2 + 16 * s;
        if (a->view.kind != VIEW_SURFACE && my - 8 * s < ly + 32 * s && my + 38 * s > ly &&
            fabsf(cx - lx) < tw / 2 + 16 * s + lw) {
            if (lx - lw - lay.plot_x >= tw + 32 * s)
                cx = lx - lw - tw / 2 - 16 * s; /* left of the axis name */
            else if (lay.plot_x + lay.plot_w - (lx + lw) >= tw + 32 * s)
                cx = lx + lw + tw / 2 + 16 * s; /* right of it */
            else
                my = lay.plot_y + lay.plot_h - 52 * s;
        }
        render_rect(r, cx - tw / 2 - 16 * s, my - 8 * s, tw + 32 * s, 46 * s,
                    rgba_alpha(PANEL, 0.97f));
        if (error) {
            const float x0 = cx - tw / 2 - 16 * s, x1 = cx + tw / 2 + 16 * s;
            const float box[10] = {x0, my - 8 * s, x1, my - 8 * s, x1, my + 38 * s, x0, my + 38 * s,
                                   x0, my - 8 * s};
            render_polyline(r, box, 5, 3 * s, RED);
        }
        draw_text_fit(r, a->ui.message, cx, my, 26 * s, fmaxf(10.0f, 14 * s), max_w, TEXT_CENTER,
                      error ? RED : YELLOW);
    }
    if (a->ui.explain)
        draw_explain(dc);
    draw_formula_line(dc);
    draw_keycast(dc);
    if (a->ui.help_visible)
        draw_help(dc);
    render_end(r);
}
