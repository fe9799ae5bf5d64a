/*
 * draw_curve.c: the curve view (1D landscapes): axes with ticks, the lesson's
 * curve and its companion with a legend, marked minima, the plateau band,
 * and the moving part: each runner's trail, iterate, arrows and the start
 * handle. Reads the state; the view (view.c) maps every point.
 */
#include "app/draw_internal.h"
#include "app/format.h"
#include "core/critical.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void draw_axes_1d(const draw_ctx *dc)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    const theme *th = dc->th;
    const float s = lay->scale;
    const float font = 22.0f * s;
    double ticks[16], step;
    int n = axis_ticks(a->view.box[0], a->view.box[1], 9, ticks, &step);
    for (int i = 0; i < n; i++) {
        const float px = view_x_to_px(&a->view, lay, ticks[i]);
        const float g[4] = {px, lay->plot_y, px, lay->plot_y + lay->plot_h};
        render_polyline(r, g, 2, 1.0f * s, GRID);
        const float t[4] = {px, lay->plot_y + lay->plot_h, px, lay->plot_y + lay->plot_h + 10 * s};
        render_polyline(r, t, 2, 2.0f * s, AXIS);
        char lbl[32];
        fmt_tick(lbl, sizeof lbl, ticks[i], step);
        render_text(r, lbl, px, lay->plot_y + lay->plot_h + 14 * s, font, TEXT_CENTER, TEXT);
    }
    n = axis_ticks(a->view.box[2], a->view.box[3], 7, ticks, &step);
    for (int i = 0; i < n; i++) {
        const float py = view_y_to_px(&a->view, lay, ticks[i]);
        const float g[4] = {lay->plot_x, py, lay->plot_x + lay->plot_w, py};
        render_polyline(r, g, 2, (ticks[i] == 0.0 ? 2.0f : 1.0f) * s,
                        ticks[i] == 0.0 ? rgba_alpha(AXIS, 0.35f) : GRID);
        const float t[4] = {lay->plot_x - 10 * s, py, lay->plot_x, py};
        render_polyline(r, t, 2, 2.0f * s, AXIS);
        char lbl[32];
        fmt_tick(lbl, sizeof lbl, ticks[i], step);
        draw_text_fit(r, lbl, lay->plot_x - 14 * s, py - font * 0.6f, font, 8.0f,
                      lay->plot_x - 18 * s, TEXT_RIGHT, TEXT);
    }
    const float box[10] = {lay->plot_x, lay->plot_y, lay->plot_x, lay->plot_y + lay->plot_h,
                           lay->plot_x + lay->plot_w, lay->plot_y + lay->plot_h,
                           lay->plot_x + lay->plot_w, lay->plot_y, lay->plot_x, lay->plot_y};
    render_polyline(r, box, 5, 2.0f * s, AXIS);
    render_text(r, "x", lay->plot_x + lay->plot_w / 2, lay->plot_y + lay->plot_h + 46 * s,
                26 * s, TEXT_CENTER, TEXT);
    char ylabel[32];
    snprintf(ylabel, sizeof ylabel, "%s(x)", a->lesson.land->symbol);
    const char *yl = a->view.kind == VIEW_CONTOUR ? "y" : a->lesson.companion ? _("loss") : ylabel;
    render_text(r, yl, lay->plot_x - 14 * s, lay->plot_y - 46 * s, 24 * s, TEXT_RIGHT, TEXT);
}

static void draw_curve(const draw_ctx *dc, const landscape *l,
                       float width, rgba c)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    enum { MAX_PTS = 4096 };
    float pts[2 * MAX_PTS];
    int n = (int)lay->plot_w;
    n = n < 2 ? 2 : n > MAX_PTS ? MAX_PTS : n;
    const float top = lay->plot_y - 50, bottom = lay->plot_y + lay->plot_h + 50;
    int side = 0; /* where the last point was clamped: -1 above, +1 below */
    for (int i = 0; i < n; i++) {
        const double x = a->view.box[0] + (a->view.box[1] - a->view.box[0]) * i / (n - 1);
        landscape_point p;
        landscape_eval(l, &x, &p);
        const float py = isfinite(p.f) ? view_y_to_px(&a->view, lay, p.f) : NAN;
        const int now = py < top ? -1 : py > bottom ? 1 : 0;
        pts[2 * i] = view_x_to_px(&a->view, lay, x);
        /* a pole: a jump from beyond one edge to beyond the other is not
         * drawn (NaN breaks the line); NaN where f is undefined */
        pts[2 * i + 1] = side * now < 0 || isnan(py) ? NAN : fminf(fmaxf(py, top), bottom);
        side = now;
    }
    render_polyline(r, pts, n, width, c);
}

/* A mark's label text. */
static void mark_text(const app_mark *m, char *text, size_t n)
{
    char ascii[48], num[64];
    snprintf(ascii, sizeof ascii, "%.5f", m->x);
    format_minus(num, sizeof num, ascii);
    if (m->x == 0.0)
        snprintf(text, n, "%s  x = 0", _(m->label));
    else
        snprintf(text, n, "%s  x ≈ %s", _(m->label), num);
}

int marks_layout_1d(const draw_ctx *dc, label_placer *pl, float box[][4])
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    const float s = lay->scale, font = 22.0f * s;
    if (a->lesson.companion) /* the legend, top-left (draw_view_1d) */
        labels_reserve(pl, lay->plot_x + 8 * s, lay->plot_y + 8 * s,
                       60 * s + render_text_width(r, _("risk f = x·cos(πx) (expected loss)"), 24 * s),
                       68 * s);
    for (int i = 0; i < a->lesson.n_marks; i++) {
        const app_mark *m = &a->lesson.marks[i];
        const float px = view_x_to_px(&a->view, lay, m->x), py = view_y_to_px(&a->view, lay, m->f);
        labels_reserve(pl, px - 10 * s, py - 10 * s, 20 * s, 20 * s);
        char text[160];
        mark_text(m, text, sizeof text);
        const float w = render_text_width(r, text, font) + 12 * s, h = font * 1.3f;
        /* below the point, stacked; kept inside a short plot (panels and a
         * caption take room), and above the point when there is no room */
        const float bottom =
            lay->plot_y + lay->plot_h - (float)(a->lesson.n_marks - i) * font * 1.45f;
        float ly = fminf(py + (58.0f + 34.0f * (float)i) * s, bottom);
        if (ly < py + 24.0f * s)
            ly = py - (58.0f + 34.0f * (float)i) * s - h;
        float tx = px - w / 2;
        tx = fmaxf(lay->plot_x + 6 * s, fminf(tx, lay->plot_x + lay->plot_w - w - 6 * s));
        box[i][2] = 0.0f;
        if (labels_free(pl, tx, ly, w, h)) {
            labels_reserve(pl, tx, ly, w, h);
        } else if (!labels_place(pl, lay, px, py, w, h, &tx, &ly)) {
            continue; /* no free spot: left out */
        }
        box[i][0] = tx;
        box[i][1] = ly;
        box[i][2] = w;
        box[i][3] = h;
    }
    return a->lesson.n_marks;
}

static void draw_marks_1d(const draw_ctx *dc)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    const theme *th = dc->th;
    const float s = lay->scale, font = 22.0f * s;
    label_placer pl = {0};
    float box[APP_MAX_MARKS][4];
    const int n = marks_layout_1d(dc, &pl, box);
    for (int i = 0; i < n; i++) {
        const app_mark *m = &a->lesson.marks[i];
        const float px = view_x_to_px(&a->view, lay, m->x), py = view_y_to_px(&a->view, lay, m->f);
        const rgba c = m->on == a->lesson.land ? GREEN : ORANGE;
        render_disc(r, px, py, 8.0f * s, rgba_alpha(BG, 0.0f), 3.0f * s, c);
        if (box[i][2] <= 0.0f)
            continue;
        char text[160];
        mark_text(m, text, sizeof text);
        const float tx = box[i][0], ly = box[i][1], w = box[i][2], h = box[i][3];
        /* the leader from the label's nearer edge to the point */
        const float ax = fminf(fmaxf(px, tx), tx + w);
        if (ly > py)
            draw_arrow(r, ax, ly - 2 * s, px, py + 12 * s, 2.0f * s, rgba_alpha(c, 0.9f));
        else
            draw_arrow(r, ax, ly + h + 2 * s, px, py - 12 * s, 2.0f * s, rgba_alpha(c, 0.9f));
        render_rect(r, tx, ly, w, h, rgba_alpha(BG, 0.85f));
        render_text(r, text, tx + 6 * s, ly + font * 0.1f, font, TEXT_LEFT, c);
    }
}

/* An arrow's label on a background, at (x, y) (its top centre) when that
 * is free in pl, else at the nearest free spot around the point (px, py),
 * else left out (the arrow stays): labels of several runners' arrows and
 * the minima's never pile up. */
static void arrow_label(const draw_ctx *dc, label_placer *pl, const char *text, float x, float y,
                        float px, float py, rgba c)
{
    renderer *r = dc->r;
    const theme *th = dc->th;
    const float s = dc->lay->scale, font = 22.0f * s;
    const float w = render_text_width(r, text, font) + 12 * s, h = font * 1.3f;
    const layout *lay = dc->lay;
    float tx = x - w / 2, ty = y;
    const bool inside = tx >= lay->plot_x && ty >= lay->plot_y &&
                        tx + w <= lay->plot_x + lay->plot_w && ty + h <= lay->plot_y + lay->plot_h;
    if (inside && labels_free(pl, tx, ty, w, h))
        labels_reserve(pl, tx, ty, w, h);
    else if (!labels_place(pl, dc->lay, px, py, w, h, &tx, &ty))
        return;
    render_rect(r, tx, ty, w, h, rgba_alpha(BG, 0.85f));
    render_text(r, text, tx + 6 * s, ty + font * 0.1f, font, TEXT_LEFT, c);
}

/* Arrows at a 1D iterate, in x units turned to pixels: where plain
 * gradient descent would step (-lr f'(x), white) and the optimizer's last
 * update (its color), both drawn at the iterate's height; their labels
 * placed apart in pl. */
static void draw_arrows_1d(const draw_ctx *dc, label_placer *pl, const runner *rn, rgba c)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    const theme *th = dc->th;
    const float s = lay->scale;
    const float px = view_x_to_px(&a->view, lay, rn->x[0]),
                py = view_y_to_px(&a->view, lay, rn->at.f);
    const double gd = -rn->lr_now * rn->at.g[0];
    const float gx = view_x_to_px(&a->view, lay, rn->x[0] + gd);
    if (fabsf(gx - px) > 3 * s) {
        draw_arrow(r, px, py - 22 * s, gx, py - 22 * s, 3 * s, TEXT);
        arrow_label(dc, pl, "−η∇f", gx, py - 60 * s, gx, py - 22 * s, TEXT);
    }
    const float ux = view_x_to_px(&a->view, lay, rn->x[0] + rn->last_step[0]);
    if (rn->step > 0 && fabsf(ux - px) > 3 * s) {
        draw_arrow(r, view_x_to_px(&a->view, lay, rn->x_prev[0]), py + 24 * s, px, py + 24 * s,
                   3 * s, c);
        arrow_label(dc, pl, _("last step"), px, py + 32 * s, px, py + 24 * s, c);
    }
}

static void draw_runner_1d(const draw_ctx *dc, label_placer *pl, int which)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    const theme *th = dc->th;
    const float s = lay->scale;
    const runner *rn = &a->sim.runners[which];
    const rgba col = app_runner_color(a, which);
    float pts[2 * RUNNER_TRAIL_MAX];
    const int first = trail_first(a, rn), n = rn->trail_len - first;
    for (int i = 0; i < n; i++) {
        double p[2];
        runner_trail_point(rn, first + i, p);
        landscape_point v;
        landscape_eval(a->lesson.land, p, &v);
        pts[2 * i] = view_x_to_px(&a->view, lay, p[0]);
        pts[2 * i + 1] = view_y_to_px(&a->view, lay, v.f);
    }
    render_polyline(r, pts, n, 3.0f * s, rgba_alpha(col, 0.7f));
    const int dots = n < 300 ? n : 300;
    for (int i = n - dots; i < n; i++)
        render_disc(r, pts[2 * i], pts[2 * i + 1], 4.5f * s, rgba_alpha(col, 0.9f), 0, BG);
    const double x = rn->x[0];
    if (!isfinite(x) || !isfinite(rn->at.f))
        return;
    if (x < a->view.box[0] || x > a->view.box[1]) {
        const bool right = x > a->view.box[1];
        const float ex = right ? lay->plot_x + lay->plot_w - 8 * s : lay->plot_x + 8 * s;
        const float ey = lay->plot_y + lay->plot_h / 2 + 44 * s * (float)which;
        draw_arrow(r, ex + (right ? -60 : 60) * s, ey, ex, ey, 5.0f * s, col);
        char num[48], text[96];
        format_num(num, sizeof num, x);
        snprintf(text, sizeof text, _("iterate at x = %s"), num);
        const float tw = render_text_width(r, text, 24 * s);
        const float tx = ex + (right ? -70 : 70) * s;
        render_rect(r, right ? tx - tw - 6 * s : tx - 6 * s, ey - 18 * s, tw + 12 * s, 36 * s,
                    rgba_alpha(BG, 0.85f));
        /* the arrow in the runner's color, the words in text color (a runner
         * color is a marker color, not held to text contrast) */
        render_text(r, text, tx, ey - 14 * s, 24 * s, right ? TEXT_RIGHT : TEXT_LEFT, TEXT);
        return;
    }
    const bool sel = which == a->runs.selected && a->runs.n_runners > 1;
    render_disc(r, view_x_to_px(&a->view, lay, x), view_y_to_px(&a->view, lay, rn->at.f),
                (sel ? 16.0f : 14.0f) * s, col, 3.0f * s, TEXT);
    if (a->ui.show_arrows)
        draw_arrows_1d(dc, pl, rn, col);
}

/* The start handle shared by all runners: a ring on the curve. */
static void draw_start_1d(const draw_ctx *dc)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    const theme *th = dc->th;
    const float s = lay->scale;
    const runner *rn = &a->sim.runners[0];
    landscape_point sv;
    landscape_eval(a->lesson.land, rn->start, &sv);
    render_disc(r, view_x_to_px(&a->view, lay, rn->start[0]), view_y_to_px(&a->view, lay, sv.f),
                11.0f * s, rgba_alpha(BG, 0.0f), 3.0f * s, TEXT);
}

static void legend_line(renderer *r, const theme *th, float x, float y, float s, rgba c,
                        const char *text)
{
    render_rect(r, x - 8 * s, y - 4 * s, 60 * s + render_text_width(r, text, 24 * s), 34 * s,
                rgba_alpha(BG, 0.85f));
    const float seg[4] = {x, y + 14 * s, x + 40 * s, y + 14 * s};
    render_polyline(r, seg, 2, 4.0f * s, c);
    render_text(r, text, x + 52 * s, y, 24 * s, TEXT_LEFT, TEXT);
}

/* Shades the plateaus (core/assess.h's assess_plateau, the status's own
 * test) over a stretch, labelled "vanishing gradient" (tanh's plateaus,
 * d2l 12.1.3.3). */
static void draw_plateau_1d(const draw_ctx *dc)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    const theme *th = dc->th;
    if (a->lesson.companion)
        return;
    const float s = lay->scale;
    const int n = 2000;
    double start = NAN;
    for (int i = 0; i <= n; i++) {
        const double x =
            a->lesson.land->lo[0] + (a->lesson.land->hi[0] - a->lesson.land->lo[0]) * i / n;
        const bool flat = assess_plateau(a->lesson.land, &a->lesson.crit, a->view.f_range, &x);
        if (flat && isnan(start))
            start = x;
        if ((!flat || i == n) && !isnan(start)) {
            const double end = x;
            if (end - start > 0.03 * (a->lesson.land->hi[0] - a->lesson.land->lo[0])) {
                const float x0 = view_x_to_px(&a->view, lay, start),
                            x1 = view_x_to_px(&a->view, lay, end);
                render_rect(r, x0, lay->plot_y, x1 - x0, lay->plot_h, rgba_alpha(YELLOW, 0.12f));
                /* full size, on a backing, kept inside the plot (not shrunk to the band) */
                const char *lbl = _("plateau: vanishing gradient");
                const float fs = 24 * s, tw = render_text_width(r, lbl, fs);
                const float cx = fminf(fmaxf((x0 + x1) / 2, lay->plot_x + tw / 2 + 10 * s),
                                       lay->plot_x + lay->plot_w - tw / 2 - 10 * s);
                const float ty = lay->plot_y + lay->plot_h - 70 * s;
                render_rect(r, cx - tw / 2 - 6 * s, ty - 4 * s, tw + 12 * s, fs * 1.4f,
                            rgba_alpha(BG, 0.85f));
                render_text(r, lbl, cx, ty, fs, TEXT_CENTER, YELLOW);
                const double mid = 0.5 * (start + end);
                landscape_point m;
                landscape_eval(a->lesson.land, &mid, &m);
                draw_arrow(r, (x0 + x1) / 2, lay->plot_y + lay->plot_h - 76 * s, (x0 + x1) / 2,
                           view_y_to_px(&a->view, lay, m.f) + 20 * s, 2 * s, YELLOW);
            }
            start = NAN;
        }
    }
}

/* The 1D view's static part: axes, curves, marked points, legend. */
void draw_view_1d(const draw_ctx *dc)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    const theme *th = dc->th;
    const float s = lay->scale;
    draw_axes_1d(dc);
    render_clip(r, lay->plot_x, lay->plot_y, lay->plot_w, lay->plot_h);
    if (a->lesson.companion)
        draw_curve(dc, a->lesson.companion, 4.0f * s, ORANGE);
    draw_curve(dc, a->lesson.land, 4.0f * s, BLUE);
    if (a->ui.annotate) {
        draw_plateau_1d(dc);
        draw_marks_1d(dc);
    }
    render_clip(r, 0, 0, 0, 0);
    /* legend, top-left inside the plot */
    float y = lay->plot_y + 12 * s;
    if (a->lesson.companion) {
        legend_line(r, th, lay->plot_x + 16 * s, y, s, BLUE, _("empirical risk g (training loss)"));
        y += 34 * s;
        legend_line(r, th, lay->plot_x + 16 * s, y, s, ORANGE,
                    _("risk f = x·cos(πx) (expected loss)"));
    }
}

/* The 1D view's moving part: the start handle, trails and iterates. */
void draw_runners_1d(const draw_ctx *dc)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    render_clip(r, lay->plot_x, lay->plot_y, lay->plot_w, lay->plot_h);
    draw_start_1d(dc);
    /* the arrows' labels go where the legend and the minima's labels are not */
    label_placer pl = {0};
    float box[APP_MAX_MARKS][4];
    marks_layout_1d(dc, &pl, box);
    for (int i = a->sim.n_runners - 1; i >= 0; i--) /* the first runner on top */
        draw_runner_1d(dc, &pl, i);
    render_clip(r, 0, 0, 0, 0);
}
