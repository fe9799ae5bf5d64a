/*
 * draw_contour.c: the contour view (2D landscapes, C): the viridis fill with
 * isolines under the curve view's axes, and the runners' trails, starts and
 * iterates on the map.
 */
#include "app/draw_internal.h"
#include "app/format.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The contour view's static part (C): viridis fill with isolines (drawn in
 * the fragment shader), axes in x and y, the negative gradient field as
 * arrows, labelled critical points. */
void draw_view_contour(const draw_ctx *dc)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    const theme *th = dc->th;
    const float s = lay->scale;
    const landscape *l = a->lesson.land;
    const float hlo = a->view.heights_lo, hhi = a->view.heights_hi;
    /* the levels (core/levels.h): even, or log-spaced where even ones would
     * leave the runners' valley in one band; the fill follows the same
     * scale, so color and lines agree */
    const levels *lv = &a->view.lv;
    render_clip(r, lay->plot_x, lay->plot_y, lay->plot_w, lay->plot_h);
    const float x0 = view_x_to_px(&a->view, lay, l->lo[0]), x1 = view_x_to_px(&a->view, lay, l->hi[0]);
    const float y0 = view_y_to_px(&a->view, lay, l->hi[1]), y1 = view_y_to_px(&a->view, lay, l->lo[1]);
    render_contour(r, a->view.mapped, APP_GRID_N, APP_GRID_N,
                   a->view.heights_id ^ (lv->log ? 0x40000000u : 0u), x0, y0, x1 - x0, y1 - y0,
                   (float)lv->lo, (float)lv->hi, (float)lv->step, 1.5f * s,
                   (rgba){1, 1, 1, 0.55f});
    /* -grad f, normalized by the largest on the grid of arrows */
    enum { AX = 17, AY = 11 };
    double gmax = 0;
    double g[AY][AX][2];
    for (int j = 0; j < AY; j++)
        for (int i = 0; i < AX; i++) {
            const double q[2] = {l->lo[0] + (l->hi[0] - l->lo[0]) * (i + 0.5) / AX,
                                 l->lo[1] + (l->hi[1] - l->lo[1]) * (j + 0.5) / AY};
            landscape_point p;
            landscape_eval(l, q, &p);
            g[j][i][0] = p.g[0];
            g[j][i][1] = p.g[1];
            if (isfinite(p.g[0]) && isfinite(p.g[1]))
                gmax = fmax(gmax, hypot(p.g[0], p.g[1]));
        }
    const float cell = fminf((x1 - x0) / AX, (y1 - y0) / AY);
    for (int j = 0; j < AY && gmax > 0; j++)
        for (int i = 0; i < AX; i++) {
            const double n = hypot(g[j][i][0], g[j][i][1]);
            if (!(n > 0) || !isfinite(n))
                continue;
            /* length grows with |grad f| (square root, so small ones show) */
            const float len = 0.8f * cell * (float)sqrt(n / gmax);
            if (len < 3 * s)
                continue;
            const float cx = x0 + (x1 - x0) * (i + 0.5f) / AX, cy = y1 - (y1 - y0) * (j + 0.5f) / AY;
            /* the direction on screen through the same mapping as the
             * steps: where a small step along -grad f lands */
            const double q[2] = {view_px_to_x(&a->view, lay, cx), view_px_to_y(&a->view, lay, cy)};
            const double e = 1e-3 * (a->view.box[1] - a->view.box[0]);
            const float tx = view_x_to_px(&a->view, lay, q[0] - e * g[j][i][0] / n);
            const float ty = view_y_to_px(&a->view, lay, q[1] - e * g[j][i][1] / n);
            const float dl = hypotf(tx - cx, ty - cy);
            if (!(dl > 0))
                continue;
            const float ux = (tx - cx) / dl, uy = (ty - cy) / dl;
            draw_arrow(r, cx - ux * len / 2, cy - uy * len / 2, cx + ux * len / 2, cy + uy * len / 2,
                       1.5f * s, (rgba){1, 1, 1, 0.6f});
        }
    if (a->ui.annotate) {
        /* the points, then their labels placed apart (minima first; one
         * with no free spot is left out) */
        label_placer pl = {0};
        const int n = a->lesson.crit.count < LABELS_MAX / 2 ? a->lesson.crit.count : LABELS_MAX / 2;
        for (int i = 0; i < n; i++) {
            const critical_point *c = &a->lesson.crit.points[i];
            const float px = view_x_to_px(&a->view, lay, c->x),
                        py = view_y_to_px(&a->view, lay, c->y);
            render_disc(r, px, py, 8 * s, GREEN, 2 * s, TEXT);
            labels_reserve(&pl, px - 10 * s, py - 10 * s, 20 * s, 20 * s);
        }
        for (int pass = 0; pass < 3; pass++)
            for (int i = 0; i < n; i++) {
                const critical_point *c = &a->lesson.crit.points[i];
                const int rank = c->kind == CRITICAL_GLOBAL_MIN || c->kind == CRITICAL_LOCAL_MIN ? 0
                                 : c->kind == CRITICAL_SADDLE || c->kind == CRITICAL_DEGENERATE ||
                                           c->kind == CRITICAL_UNDEFINED
                                     ? 1
                                     : 2;
                if (rank != pass)
                    continue;
                const char *label = c->kind == CRITICAL_GLOBAL_MIN  ? _("global minimum")
                                    : c->kind == CRITICAL_LOCAL_MIN ? _("local minimum")
                                    : c->kind == CRITICAL_SADDLE    ? _("saddle point")
                                    : c->kind == CRITICAL_DEGENERATE ? _("degenerate")
                                    : c->kind == CRITICAL_UNDEFINED ? _("critical (f″ undefined)")
                                                                     : _("maximum");
                const float px = view_x_to_px(&a->view, lay, c->x),
                            py = view_y_to_px(&a->view, lay, c->y);
                const float w = render_text_width(r, label, 20 * s) + 10 * s, h = 28 * s;
                float bx, by;
                if (!labels_place(&pl, lay, px, py, w, h, &bx, &by))
                    continue;
                const float ax = bx > px ? bx : bx + w, ay = by > py ? by : by + h;
                draw_arrow(r, ax, ay, px + (ax > px ? 9 : -9) * s, py + (ay > py ? 9 : -9) * s,
                           1.5f * s, GREEN);
                render_rect(r, bx, by, w, h, rgba_alpha(BG, 0.8f));
                render_text(r, label, bx + 5 * s, by + 3 * s, 20 * s, TEXT_LEFT, GREEN);
            }
    }
    render_clip(r, 0, 0, 0, 0);
    draw_axes_1d(dc);
    /* the colormap's scale */
    char lo_s[32], hi_s[32], text[200];
    format_sig(lo_s, sizeof lo_s, hlo, 3);
    format_sig(hi_s, sizeof hi_s, hhi, 3);
    if (lv->log && hlo == 0.0f)
        snprintf(text, sizeof text, "%s", _("log scale: log10 f, a line every half decade"));
    else if (lv->log)
        snprintf(text, sizeof text,
                 _("log scale: log10(f − %s), a line every half decade"), lo_s);
    else
        snprintf(text, sizeof text, _("color: f from %s (purple) to %s (yellow), isolines every %g"),
                 lo_s, hi_s, lv->step);
    draw_text_fit(r, text, lay->plot_x + lay->plot_w, lay->plot_y - 30 * s, 20 * s, 10.0f,
                  lay->plot_x + lay->plot_w - 20 * s, TEXT_RIGHT, DIM);
}

/* The contour view's moving part: trails, start, iterates. */
void draw_runners_contour(const draw_ctx *dc)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    const theme *th = dc->th;
    const float s = lay->scale;
    render_clip(r, lay->plot_x, lay->plot_y, lay->plot_w, lay->plot_h);
    float pts[2 * RUNNER_TRAIL_MAX];
    for (int w = a->sim.n_runners - 1; w >= 0; w--) {
        const runner *rn = &a->sim.runners[w];
        const rgba col = app_runner_color(a, w);
        const int first = trail_first(a, rn), n = rn->trail_len - first;
        for (int i = 0; i < n; i++) {
            double p[2];
            runner_trail_point(rn, first + i, p);
            pts[2 * i] = view_x_to_px(&a->view, lay, p[0]);
            pts[2 * i + 1] = view_y_to_px(&a->view, lay, p[1]);
        }
        render_polyline(r, pts, n, 3.0f * s, rgba_alpha(col, 0.9f));
        const int dots = n < 300 ? n : 300;
        for (int i = n - dots; i < n; i++)
            render_disc(r, pts[2 * i], pts[2 * i + 1], 4.0f * s, col, 0, BG);
    }
    const runner *r0 = &a->sim.runners[0];
    render_disc(r, view_x_to_px(&a->view, lay, r0->start[0]),
                view_y_to_px(&a->view, lay, r0->start[1]), 11 * s, rgba_alpha(BG, 0.0f), 3 * s,
                TEXT);
    for (int w = a->sim.n_runners - 1; w >= 0; w--) {
        const runner *rn = &a->sim.runners[w];
        if (!isfinite(rn->x[0]) || !isfinite(rn->x[1]))
            continue;
        const bool sel = w == a->runs.selected && a->runs.n_runners > 1;
        render_disc(r, view_x_to_px(&a->view, lay, rn->x[0]), view_y_to_px(&a->view, lay, rn->x[1]),
                    (sel ? 16.0f : 14.0f) * s, app_runner_color(a, w), 3 * s, TEXT);
    }
    render_clip(r, 0, 0, 0, 0);
}
