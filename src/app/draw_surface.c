/*
 * draw_surface.c: the surface view (2D landscapes in 3D): the shaded
 * wireframe, its axes with ticks, the critical points labelled as the source
 * figures are, and the runners' trails and iterates lifted above the
 * surface. Points go through the view's one projection (view.c).
 */
#include "app/draw_internal.h"
#include "app/format.h"
#include "core/critical.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* One axis of the box from p0 to p1 (world units) with ticks for lo..hi,
 * its labels offset by off; name and tick labels are taken in pl, and a
 * tick label that would overlap one taken (another axis's at a shared
 * corner, a steep view's crowded ticks) is left out. */
static void draw_axis3d(renderer *r, const theme *th, const layout *lay, const float vp[16],
                        const double p0[3], const double p1[3], double lo, double hi,
                        const char *name, const double off[3], label_placer *pl)
{
    const float s = lay->scale;
    /* the axis name beside the middle of the axis; a vertical axis gets it
     * above its top end instead, clear of its tick labels */
    const bool vertical = p0[0] == p1[0] && p0[1] == p1[1];
    double mid[3];
    for (int k = 0; k < 3; k++)
        mid[k] = vertical ? p1[k] + off[k] : 0.5 * (p0[k] + p1[k]) + 2.4 * off[k];
    if (vertical)
        mid[2] += 0.12 * (p1[2] - p0[2]);
    float nx, ny;
    const bool name_ok = view_world_to_px(vp, lay, mid, &nx, &ny);
    if (name_ok) {
        const float w = render_text_width(r, name, 26 * s);
        labels_reserve(pl, nx - w / 2 - 2 * s, ny - 13 * s, w + 4 * s, 26 * s * 1.2f);
    }
    const float seg[6] = {(float)p0[0], (float)p0[1], (float)p0[2],
                          (float)p1[0], (float)p1[1], (float)p1[2]};
    render_polyline3d(r, seg, 2, vp, 2.0f * s, AXIS);
    double ticks[16], step;
    const int n = axis_ticks(lo, hi, 5, ticks, &step);
    for (int i = 0; i < n; i++) {
        const double t = (ticks[i] - lo) / (hi - lo);
        double q[3];
        for (int k = 0; k < 3; k++)
            q[k] = p0[k] + t * (p1[k] - p0[k]) + off[k];
        float px, py;
        const bool ok = view_world_to_px(vp, lay, q, &px, &py);
        if (!ok)
            continue;
        char lbl[32];
        fmt_tick(lbl, sizeof lbl, ticks[i], step);
        const float w = render_text_width(r, lbl, 22 * s) + 4 * s, h = 22 * s * 1.2f;
        if (!labels_free(pl, px - w / 2, py - 11 * s, w, h))
            continue;
        labels_reserve(pl, px - w / 2, py - 11 * s, w, h);
        render_text(r, lbl, px, py - 11 * s, 22 * s, TEXT_CENTER, TEXT);
    }
    if (name_ok)
        render_text(r, name, nx, ny - 13 * s, 26 * s, TEXT_CENTER, YELLOW);
}

/* The critical points' labels, placed without overlapping each other or
 * the points (global minima first, maxima last; one that finds no free spot
 * is left out), each with a leader line to its point. */
static void draw_critical_labels(const draw_ctx *dc, const float vp[16], const label_placer *taken)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    const theme *th = dc->th;
    const float s = lay->scale, fs = 22 * s;
    const landscape *l = a->lesson.land;
    const double zs = a->view.z_scale;
    const double side = fmax(l->hi[0] - l->lo[0], l->hi[1] - l->lo[1]);
    label_placer pl = *taken; /* the axes' labels stay uncovered too */
    float px[LABELS_MAX], py[LABELS_MAX];
    bool on[LABELS_MAX];
    const int n = a->lesson.crit.count < LABELS_MAX / 2 ? a->lesson.crit.count : LABELS_MAX / 2;
    for (int i = 0; i < n; i++) { /* the points themselves stay uncovered */
        const critical_point *c = &a->lesson.crit.points[i];
        const double pd[3] = {c->x, c->y, zs * c->f};
        on[i] = view_world_to_px(vp, lay, pd, &px[i], &py[i]);
        if (on[i])
            labels_reserve(&pl, px[i] - 10 * s, py[i] - 10 * s, 20 * s, 20 * s);
    }
    static const critical_kind order[] = {CRITICAL_GLOBAL_MIN, CRITICAL_LOCAL_MIN,
                                          CRITICAL_SADDLE, CRITICAL_DEGENERATE,
                                          CRITICAL_UNDEFINED, CRITICAL_GLOBAL_MAX,
                                          CRITICAL_LOCAL_MAX};
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++)
        for (int i = 0; i < n; i++) {
            const critical_point *c = &a->lesson.crit.points[i];
            if (c->kind != order[k] || !on[i])
                continue;
            const char *label = c->kind == CRITICAL_GLOBAL_MIN  ? _("global minimum")
                                : c->kind == CRITICAL_LOCAL_MIN ? _("local minimum")
                                : c->kind == CRITICAL_SADDLE    ? _("saddle point")
                                : c->kind == CRITICAL_DEGENERATE
                                    ? _("degenerate (test inconclusive)")
                                : c->kind == CRITICAL_UNDEFINED ? _("critical (f″ undefined)")
                                                                : _("maximum");
            char text[128], nx[32], ny[32];
            /* Newton finds a degenerate point only to ~1e-18: that is 0 */
            format_sig(nx, sizeof nx, fabs(c->x) < 1e-9 * side ? 0.0 : c->x, 3);
            format_sig(ny, sizeof ny, fabs(c->y) < 1e-9 * side ? 0.0 : c->y, 3);
            snprintf(text, sizeof text, "%s (%s, %s)", label, nx, ny);
            const float w = render_text_width(r, text, fs) + 12 * s, h = fs * 1.4f;
            float bx, by;
            if (!labels_place(&pl, lay, px[i], py[i], w, h, &bx, &by))
                continue;
            /* the leader from the box's nearest corner to the point */
            const float ax = bx > px[i] ? bx : bx + w, ay = by > py[i] ? by : by + h;
            draw_arrow(r, ax, ay, px[i] + (ax > px[i] ? 10 : -10) * s,
                       py[i] + (ay > py[i] ? 10 : -10) * s, 2.0f * s, GREEN);
            render_rect(r, bx, by, w, h, rgba_alpha(BG, 0.85f));
            render_text(r, text, bx + 6 * s, by + 3 * s, fs, TEXT_LEFT, GREEN);
        }
}

/* The critical points on the surface, labelled as the source figures are
 * ("global minimum", "local minimum", "saddle point"), and at a saddle its
 * Hessian's eigenvector directions draped on the surface: green where the
 * eigenvalue is positive (f curves up), red where negative. */
static void draw_critical_3d(const draw_ctx *dc, const float vp[16],
                             double lift, const label_placer *taken)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    const theme *th = dc->th;
    const float s = lay->scale;
    const landscape *l = a->lesson.land;
    const double zs = a->view.z_scale;
    const double side = fmax(l->hi[0] - l->lo[0], l->hi[1] - l->lo[1]);
    for (int i = 0; i < a->lesson.crit.count; i++) {
        const critical_point *c = &a->lesson.crit.points[i];
        if (c->kind == CRITICAL_SADDLE) {
            double lam[2], vec[2][2];
            landscape_point h;
            const double at[2] = {c->x, c->y};
            landscape_eval(l, at, &h);
            critical_eigen2(h.h[0][0], h.h[0][1], h.h[1][1], lam, vec);
            for (int k = 0; k < 2; k++) {
                float seg[3 * 33];
                int m = 0;
                for (int j = -16; j <= 16; j++) {
                    const double t = 0.18 * side * j / 16.0;
                    const double q[2] = {c->x + t * vec[k][0], c->y + t * vec[k][1]};
                    if (!landscape_in_domain(l, q))
                        continue;
                    landscape_point v;
                    landscape_eval(l, q, &v);
                    seg[3 * m] = (float)q[0];
                    seg[3 * m + 1] = (float)q[1];
                    seg[3 * m + 2] = (float)(zs * v.f + lift);
                    m++;
                }
                render_polyline3d(r, seg, m, vp, 4.0f * s,
                                  lam[k] > 0 ? GREEN : RED);
            }
        }
        const float p3[3] = {(float)c->x, (float)c->y, (float)(zs * c->f + lift)};
        render_disc3d(r, p3, vp, 8.0f * s, GREEN, 2.0f * s, TEXT);
    }
    draw_critical_labels(dc, vp, taken);
}

void draw_view_3d(const draw_ctx *dc)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    const theme *th = dc->th;
    const float s = lay->scale;
    const landscape *l = a->lesson.land;
    float vp[16];
    view3d_matrix(&a->view, lay, vp);
    render_clip(r, lay->plot_x, lay->plot_y, lay->plot_w, lay->plot_h);
    const float hlo = a->view.heights_lo, hhi = a->view.heights_hi;
    render_surface(r, a->view.heights, APP_GRID_N, APP_GRID_N, (float)l->lo[0], (float)l->hi[0],
                   (float)l->lo[1], (float)l->hi[1], (float)a->view.z_scale, a->view.heights_id, vp,
                   hlo, hhi, 0.55f);
    render_wireframe(r, a->view.heights, APP_GRID_N, APP_GRID_N, (float)l->lo[0], (float)l->hi[0],
                     (float)l->lo[1], (float)l->hi[1], (float)a->view.z_scale, a->view.heights_id,
                     vp, 1.2f * s, th->wire);
    /* axes along three edges of the bounding box */
    const double zlo = hlo, zhi = hhi;
    const double zs = a->view.z_scale;
    const double span = fmax(l->hi[0] - l->lo[0], l->hi[1] - l->lo[1]);
    const double o = 0.08 * span;
    /* the floor of the bounding box, faint, so the axes read as a box */
    const float fz = (float)(zs * zlo);
    const float floor_box[15] = {(float)l->lo[0], (float)l->lo[1], fz, (float)l->lo[0],
                                 (float)l->hi[1], fz, (float)l->hi[0], (float)l->hi[1], fz,
                                 (float)l->hi[0], (float)l->lo[1], fz, (float)l->lo[0],
                                 (float)l->lo[1], fz};
    render_polyline3d(r, floor_box, 5, vp, 1.5f * s, rgba_alpha(AXIS, 0.35f));
    label_placer axes = {0}; /* the axes' names and tick labels, apart */
    {
        const double p0[3] = {l->lo[0], l->lo[1], zs * zlo}, p1[3] = {l->hi[0], l->lo[1], zs * zlo};
        const double off[3] = {0, -o, 0};
        draw_axis3d(r, th, lay, vp, p0, p1, l->lo[0], l->hi[0], "x", off, &axes);
    }
    {
        const double p0[3] = {l->hi[0], l->lo[1], zs * zlo}, p1[3] = {l->hi[0], l->hi[1], zs * zlo};
        const double off[3] = {o, 0, 0};
        draw_axis3d(r, th, lay, vp, p0, p1, l->lo[1], l->hi[1], "y", off, &axes);
    }
    {
        const double p0[3] = {l->lo[0], l->lo[1], zs * zlo}, p1[3] = {l->lo[0], l->lo[1], zs * zhi};
        const double off[3] = {-o * 1.3, o * 0.4, 0};
        draw_axis3d(r, th, lay, vp, p0, p1, zlo, zhi, "f", off, &axes);
    }
    const double lift = 0.01 * span;
    if (a->ui.annotate)
        draw_critical_3d(dc, vp, lift, &axes);
    render_clip(r, 0, 0, 0, 0);
    draw_text_fit(r,
                  _("right-drag or Shift+arrows: rotate · left-drag: move the start · wheel: zoom"),
                  lay->plot_x + lay->plot_w / 2, lay->plot_y + lay->plot_h + 14 * s, 22 * s,
                  fmaxf(12.0f, 16 * s), lay->plot_w, TEXT_CENTER, DIM);
}

/* The 3D view's moving part: trails draped on the surface, the start
 * handle, iterates and arrows. */
void draw_runners_3d(const draw_ctx *dc)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    const theme *th = dc->th;
    const float s = lay->scale;
    const landscape *l = a->lesson.land;
    float vp[16];
    view3d_matrix(&a->view, lay, vp);
    const double zs = a->view.z_scale;
    const double span = fmax(l->hi[0] - l->lo[0], l->hi[1] - l->lo[1]);
    render_clip(r, lay->plot_x, lay->plot_y, lay->plot_w, lay->plot_h);
    /* trails and iterates on the surface */
    const double lift = 0.01 * span;
    float pts[3 * RUNNER_TRAIL_MAX];
    for (int w = a->sim.n_runners - 1; w >= 0; w--) {
        const runner *rn = &a->sim.runners[w];
        const rgba col = app_runner_color(a, w);
        /* each step draped over the surface (a straight chord would pass
         * under a concave surface and vanish behind it) */
        int k = 0;
        double prev[2] = {0, 0};
        const int first = trail_first(a, rn);
        for (int i = first; i < rn->trail_len && k < RUNNER_TRAIL_MAX - 1; i++) {
            double p[2];
            runner_trail_point(rn, i, p);
            if (!landscape_in_domain(l, p))
                break; /* the part on the surface; beyond it the run is out of view */
            const double len = i == first ? 0.0 : hypot(p[0] - prev[0], p[1] - prev[1]);
            int sub = (int)ceil(len / (span / 60.0));
            sub = sub < 1 ? 1 : sub > 24 ? 24 : sub;
            for (int j = i == first ? sub : 1; j <= sub && k < RUNNER_TRAIL_MAX - 1; j++) {
                const double t = (double)j / sub;
                const double q[2] = {prev[0] + t * (p[0] - prev[0]),
                                     prev[1] + t * (p[1] - prev[1])};
                landscape_point v;
                landscape_eval(l, i == first ? p : q, &v);
                pts[3 * k] = (float)(i == first ? p[0] : q[0]);
                pts[3 * k + 1] = (float)(i == first ? p[1] : q[1]);
                pts[3 * k + 2] = (float)(zs * v.f + lift);
                k++;
            }
            prev[0] = p[0];
            prev[1] = p[1];
        }
        render_polyline3d(r, pts, k, vp, 3.0f * s, rgba_alpha(col, 0.85f));
    }
    const runner *r0 = &a->sim.runners[0];
    landscape_point sv;
    landscape_eval(l, r0->start, &sv);
    const float start3[3] = {(float)r0->start[0], (float)r0->start[1], (float)(zs * sv.f + lift)};
    render_disc3d(r, start3, vp, 10.0f * s, rgba_alpha(BG, 0.0f), 3.0f * s, TEXT);
    for (int w = a->sim.n_runners - 1; w >= 0; w--) {
        const runner *rn = &a->sim.runners[w];
        if (!landscape_in_domain(l, rn->x) || !isfinite(rn->at.f))
            continue;
        const float it3[3] = {(float)rn->x[0], (float)rn->x[1], (float)(zs * rn->at.f + lift)};
        const bool sel = w == a->runs.selected && a->runs.n_runners > 1;
        render_disc3d(r, it3, vp, (sel ? 16.0f : 14.0f) * s, app_runner_color(a, w), 3.0f * s,
                      TEXT);
        if (a->ui.show_arrows) {
            /* -lr grad (white) and the last update (runner color), on the surface */
            const double gd[2] = {rn->x[0] - rn->lr_now * rn->at.g[0],
                                  rn->x[1] - rn->lr_now * rn->at.g[1]};
            landscape_point gv;
            landscape_eval(l, gd, &gv);
            const float seg[6] = {it3[0], it3[1], it3[2], (float)gd[0], (float)gd[1],
                                  (float)(zs * gv.f + lift)};
            render_polyline3d(r, seg, 2, vp, 4.0f * s, TEXT);
            landscape_point pv;
            landscape_eval(l, rn->x_prev, &pv);
            const float up[6] = {(float)rn->x_prev[0], (float)rn->x_prev[1],
                                 (float)(zs * pv.f + lift), it3[0], it3[1], it3[2]};
            if (rn->step > 0)
                render_polyline3d(r, up, 2, vp, 5.0f * s, app_runner_color(a, w));
        }
    }
    render_clip(r, 0, 0, 0, 0);
}
