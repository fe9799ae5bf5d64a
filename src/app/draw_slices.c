/*
 * draw_slices.c: the slices of a 2D landscape through a point (Shift+C):
 * f(x, y0) and f(x0, y) as two small curve plots in the plot's top
 * corners, the point marked on each, with the verdict its curvature gives
 * along that axis (core/slice.h).
 */
#include "app/draw_internal.h"
#include "app/format.h"
#include "core/slice.h"

#include <math.h>
#include <stdio.h>

#define SLICE_N 161

/* One slice plot in the box (x, y, w, h). */
static void slice_plot(const draw_ctx *dc, const double *at, int axis, float x, float y, float w,
                       float h)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    const theme *th = dc->th;
    const float s = lay->scale, fs = 20 * s;
    double t[SLICE_N], f[SLICE_N];
    const double curv = landscape_slice(a->lesson.land, at, axis, SLICE_N, t, f);
    double lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i < SLICE_N; i++)
        if (isfinite(f[i])) {
            lo = fmin(lo, f[i]);
            hi = fmax(hi, f[i]);
        }
    if (!(hi > lo))
        hi = lo + 1.0;
    render_rect(r, x, y, w, h, rgba_alpha(PANEL, 0.94f));
    char c0[32], c1[32], title[128], verdict[96];
    format_sig(c0, sizeof c0, axis == 0 ? at[1] : at[0], 3);
    snprintf(title, sizeof title, axis == 0 ? _("along x: f(x, %s)") : _("along y: f(%s, y)"), c0);
    render_text(r, title, x + 10 * s, y + 6 * s, fs, TEXT_LEFT, TEXT);
    format_sig(c1, sizeof c1, curv, 3);
    const rgba vc = curv > 0 ? GREEN : curv < 0 ? RED : ORANGE;
    const char *what = axis == 0 ? (curv > 0   ? _("∂²f/∂x² = %s: a minimum along x")
                                    : curv < 0 ? _("∂²f/∂x² = %s: a maximum along x")
                                               : _("∂²f/∂x² = %s: flat along x"))
                                 : (curv > 0   ? _("∂²f/∂y² = %s: a minimum along y")
                                    : curv < 0 ? _("∂²f/∂y² = %s: a maximum along y")
                                               : _("∂²f/∂y² = %s: flat along y"));
    snprintf(verdict, sizeof verdict, what, c1);
    draw_text_fit(r, verdict, x + 10 * s, y + h - fs * 1.4f, fs, fmaxf(12.0f, 16 * s),
                  w - 20 * s, TEXT_LEFT, vc);
    const float gx = x + 12 * s, gy = y + fs * 1.8f, gw = w - 24 * s, gh = h - fs * 3.6f;
    if (gh < 10 * s)
        return;
    float pts[2 * SLICE_N];
    const landscape *l = a->lesson.land;
    for (int i = 0; i < SLICE_N; i++) {
        pts[2 * i] = gx + (float)((t[i] - l->lo[axis]) / (l->hi[axis] - l->lo[axis])) * gw;
        pts[2 * i + 1] = isfinite(f[i]) ? gy + gh - (float)((f[i] - lo) / (hi - lo)) * gh : NAN;
    }
    render_polyline(r, pts, SLICE_N, 3.0f * s, BLUE);
    landscape_point v;
    landscape_eval(l, at, &v);
    const float px = gx + (float)((at[axis] - l->lo[axis]) / (l->hi[axis] - l->lo[axis])) * gw;
    const float py = gy + gh - (float)((v.f - lo) / (hi - lo)) * gh;
    render_disc(r, px, py, 7 * s, vc, 2 * s, TEXT);
}

void draw_slices(const draw_ctx *dc)
{
    const app *a = dc->a;
    const layout *lay = dc->lay;
    const runner *rn = &a->sim.runners[a->runs.selected];
    double at[2] = {rn->x[0], rn->x[1]}, best = INFINITY;
    for (int i = 0; i < a->lesson.crit.count; i++) {
        const critical_point *c = &a->lesson.crit.points[i];
        const double d = hypot(c->x - rn->x[0], c->y - rn->x[1]);
        if (d < best) {
            best = d;
            at[0] = c->x;
            at[1] = c->y;
        }
    }
    const float s = lay->scale;
    const float w = fminf(lay->plot_w * 0.34f, 420 * s), h = fminf(lay->plot_h * 0.34f, 260 * s);
    slice_plot(dc, at, 0, lay->plot_x + 8 * s, lay->plot_y + 8 * s, w, h);
    slice_plot(dc, at, 1, lay->plot_x + lay->plot_w - w - 8 * s, lay->plot_y + 8 * s, w, h);
}
