/*
 * draw.c: what the window shows, drawn from the app's state (read only):
 * the lesson heading and formula, the 1D plot (axes, ticks, curves, marked
 * minima, trail, iterate, start handle) or the 3D wireframe with its trail,
 * the HUD column, the help overlay generated from the binding table, and
 * transient messages. Sizes scale with the framebuffer (layout.scale), so a
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

/* The theme of the frame being drawn: app_draw sets it from the app's state
 * before anything is drawn (the color names: draw_internal.h). */
static const theme *th;

/* Tick label with as few decimals as the tick step needs. */
static void fmt_tick(char *out, size_t n, double v, double step)
{
    int dec = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
    if (fabs(step * pow(10, dec) - round(step * pow(10, dec))) > 1e-6)
        dec++;
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", dec, v);
    format_minus(out, n, buf);
}

static void draw_arrow(renderer *r, float x0, float y0, float x1, float y1, float w, rgba c)
{
    const float dx = x1 - x0, dy = y1 - y0;
    const float len = sqrtf(dx * dx + dy * dy);
    if (len < 1e-3f)
        return;
    const float ux = dx / len, uy = dy / len, head = 4.0f * w;
    const float bx = x1 - ux * head, by = y1 - uy * head;
    const float line[4] = {x0, y0, bx, by};
    render_polyline(r, line, 2, w, c);
    const float tri[6] = {x1, y1, bx - uy * head * 0.6f, by + ux * head * 0.6f,
                          bx + uy * head * 0.6f, by - ux * head * 0.6f};
    render_triangle(r, tri, c);
}

static void draw_axes_1d(const app *a, renderer *r, const layout *lay)
{
    const float s = lay->scale;
    const float font = 22.0f * s;
    double ticks[16], step;
    int n = axis_ticks(a->view[0], a->view[1], 9, ticks, &step);
    for (int i = 0; i < n; i++) {
        const float px = view_x_to_px(a, lay, ticks[i]);
        const float g[4] = {px, lay->plot_y, px, lay->plot_y + lay->plot_h};
        render_polyline(r, g, 2, 1.0f * s, GRID);
        const float t[4] = {px, lay->plot_y + lay->plot_h, px, lay->plot_y + lay->plot_h + 10 * s};
        render_polyline(r, t, 2, 2.0f * s, AXIS);
        char lbl[32];
        fmt_tick(lbl, sizeof lbl, ticks[i], step);
        render_text(r, lbl, px, lay->plot_y + lay->plot_h + 14 * s, font, TEXT_CENTER, TEXT);
    }
    n = axis_ticks(a->view[2], a->view[3], 7, ticks, &step);
    for (int i = 0; i < n; i++) {
        const float py = view_y_to_px(a, lay, ticks[i]);
        const float g[4] = {lay->plot_x, py, lay->plot_x + lay->plot_w, py};
        render_polyline(r, g, 2, (ticks[i] == 0.0 ? 2.0f : 1.0f) * s,
                        ticks[i] == 0.0 ? rgba_alpha(AXIS, 0.35f) : GRID);
        const float t[4] = {lay->plot_x - 10 * s, py, lay->plot_x, py};
        render_polyline(r, t, 2, 2.0f * s, AXIS);
        char lbl[32];
        fmt_tick(lbl, sizeof lbl, ticks[i], step);
        draw_text_fit(r, lbl, lay->plot_x - 14 * s, py - font * 0.6f, font, 8.0f, lay->plot_x - 18 * s,
                 TEXT_RIGHT, TEXT);
    }
    const float box[10] = {lay->plot_x, lay->plot_y, lay->plot_x, lay->plot_y + lay->plot_h,
                           lay->plot_x + lay->plot_w, lay->plot_y + lay->plot_h,
                           lay->plot_x + lay->plot_w, lay->plot_y, lay->plot_x, lay->plot_y};
    render_polyline(r, box, 5, 2.0f * s, AXIS);
    render_text(r, "x", lay->plot_x + lay->plot_w / 2, lay->plot_y + lay->plot_h + 46 * s,
                26 * s, TEXT_CENTER, TEXT);
    char ylabel[32];
    snprintf(ylabel, sizeof ylabel, "%s(x)", a->land->symbol);
    const char *yl = a->land->dim == 2 ? "y" : a->companion ? "loss" : ylabel;
    render_text(r, yl, lay->plot_x - 14 * s, lay->plot_y - 46 * s, 24 * s, TEXT_RIGHT, TEXT);
}

static void draw_curve(const app *a, renderer *r, const layout *lay, const landscape *l,
                       float width, rgba c)
{
    enum { MAX_PTS = 4096 };
    float pts[2 * MAX_PTS];
    int n = (int)lay->plot_w;
    n = n < 2 ? 2 : n > MAX_PTS ? MAX_PTS : n;
    const float top = lay->plot_y - 50, bottom = lay->plot_y + lay->plot_h + 50;
    int side = 0; /* where the last point was clamped: -1 above, +1 below */
    for (int i = 0; i < n; i++) {
        const double x = a->view[0] + (a->view[1] - a->view[0]) * i / (n - 1);
        landscape_point p;
        landscape_eval(l, &x, &p);
        const float py = isfinite(p.f) ? view_y_to_px(a, lay, p.f) : NAN;
        const int now = py < top ? -1 : py > bottom ? 1 : 0;
        pts[2 * i] = view_x_to_px(a, lay, x);
        /* a pole: a jump from beyond one edge to beyond the other is not
         * drawn (NaN breaks the line); NaN where f is undefined */
        pts[2 * i + 1] = side * now < 0 || isnan(py) ? NAN : fminf(fmaxf(py, top), bottom);
        side = now;
    }
    render_polyline(r, pts, n, width, c);
}

static void draw_marks_1d(const app *a, renderer *r, const layout *lay)
{
    const float s = lay->scale, font = 22.0f * s;
    for (int i = 0; i < a->n_marks; i++) {
        const app_mark *m = &a->marks[i];
        const float px = view_x_to_px(a, lay, m->x), py = view_y_to_px(a, lay, m->f);
        /* below the point, stacked; kept inside a short plot (panels and a
         * caption take room), and above the point when there is no room */
        const float bottom = lay->plot_y + lay->plot_h - (float)(a->n_marks - i) * font * 1.45f;
        float ly = fminf(py + (58.0f + 34.0f * (float)i) * s, bottom);
        if (ly < py + 24.0f * s)
            ly = py - (58.0f + 34.0f * (float)i) * s - font * 1.3f;
        char ascii[48], num[64], text[160];
        snprintf(ascii, sizeof ascii, "%.5f", m->x);
        format_minus(num, sizeof num, ascii);
        if (m->x == 0.0)
            snprintf(text, sizeof text, "%s  x = 0", m->label);
        else
            snprintf(text, sizeof text, "%s  x ≈ %s", m->label, num);
        const float tw = render_text_width(r, text, font);
        float tx = px - tw / 2;
        tx = fmaxf(lay->plot_x + 6 * s, fminf(tx, lay->plot_x + lay->plot_w - tw - 6 * s));
        const rgba c = m->on == a->land ? GREEN : ORANGE;
        if (ly > py)
            draw_arrow(r, px, ly - 2 * s, px, py + 12 * s, 2.0f * s, rgba_alpha(c, 0.9f));
        else
            draw_arrow(r, px, ly + font * 1.3f + 2 * s, px, py - 12 * s, 2.0f * s, rgba_alpha(c, 0.9f));
        render_disc(r, px, py, 8.0f * s, rgba_alpha(BG, 0.0f), 3.0f * s, c);
        render_rect(r, tx - 6 * s, ly, tw + 12 * s, font * 1.3f, rgba_alpha(BG, 0.85f));
        render_text(r, text, tx, ly + font * 0.1f, font, TEXT_LEFT, c);
    }
}

/* Arrows at a 1D iterate, in x units turned to pixels: where plain
 * gradient descent would step (-lr f'(x), white) and the optimizer's last
 * update (its color), both drawn at the iterate's height. */
static void draw_arrows_1d(const app *a, renderer *r, const layout *lay, const runner *rn, rgba c)
{
    const float s = lay->scale;
    const float px = view_x_to_px(a, lay, rn->x[0]), py = view_y_to_px(a, lay, rn->at.f);
    const double gd = -rn->lr_now * rn->at.g[0];
    const float gx = view_x_to_px(a, lay, rn->x[0] + gd);
    if (fabsf(gx - px) > 3 * s) {
        draw_arrow(r, px, py - 22 * s, gx, py - 22 * s, 3 * s, TEXT);
        render_text(r, "−η∇f", gx, py - 52 * s, 20 * s, TEXT_CENTER, TEXT);
    }
    const float ux = view_x_to_px(a, lay, rn->x[0] + rn->last_step[0]);
    if (rn->step > 0 && fabsf(ux - px) > 3 * s) {
        draw_arrow(r, view_x_to_px(a, lay, rn->x_prev[0]), py + 24 * s, px, py + 24 * s, 3 * s, c);
        render_text(r, "last step", px, py + 32 * s, 20 * s, TEXT_CENTER, c);
    }
}

/* First trail point drawn: the trail is shortened to a->trail_len points
 * ({ and }), the newest kept. */
static int trail_first(const app *a, const runner *rn)
{
    /* with a particle cloud the cloud is the picture: the last 20 steps only */
    const int keep = a->cloud.n > 0 && a->trail_len > 20 ? 20 : a->trail_len;
    return rn->trail_len > keep ? rn->trail_len - keep : 0;
}

static void draw_runner_1d(const app *a, renderer *r, const layout *lay, int which)
{
    const float s = lay->scale;
    const runner *rn = &a->sim.runners[which];
    const rgba col = app_runner_color(a, which);
    float pts[2 * RUNNER_TRAIL_MAX];
    const int first = trail_first(a, rn), n = rn->trail_len - first;
    for (int i = 0; i < n; i++) {
        double p[2];
        runner_trail_point(rn, first + i, p);
        landscape_point v;
        landscape_eval(a->land, p, &v);
        pts[2 * i] = view_x_to_px(a, lay, p[0]);
        pts[2 * i + 1] = view_y_to_px(a, lay, v.f);
    }
    render_polyline(r, pts, n, 3.0f * s, rgba_alpha(col, 0.7f));
    const int dots = n < 300 ? n : 300;
    for (int i = n - dots; i < n; i++)
        render_disc(r, pts[2 * i], pts[2 * i + 1], 4.5f * s, rgba_alpha(col, 0.9f), 0, BG);
    const double x = rn->x[0];
    if (!isfinite(x) || !isfinite(rn->at.f))
        return;
    if (x < a->view[0] || x > a->view[1]) {
        const bool right = x > a->view[1];
        const float ex = right ? lay->plot_x + lay->plot_w - 8 * s : lay->plot_x + 8 * s;
        const float ey = lay->plot_y + lay->plot_h / 2 + 44 * s * (float)which;
        draw_arrow(r, ex + (right ? -60 : 60) * s, ey, ex, ey, 5.0f * s, col);
        char num[48], text[96];
        format_num(num, sizeof num, x);
        snprintf(text, sizeof text, "iterate at x = %s", num);
        const float tw = render_text_width(r, text, 24 * s);
        const float tx = ex + (right ? -70 : 70) * s;
        render_rect(r, right ? tx - tw - 6 * s : tx - 6 * s, ey - 18 * s, tw + 12 * s, 36 * s,
                    rgba_alpha(BG, 0.85f));
        /* the arrow in the runner's color, the words in text color (a runner
         * color is a marker color, not held to text contrast) */
        render_text(r, text, tx, ey - 14 * s, 24 * s, right ? TEXT_RIGHT : TEXT_LEFT, TEXT);
        return;
    }
    const bool sel = which == a->selected && a->n_runners > 1;
    render_disc(r, view_x_to_px(a, lay, x), view_y_to_px(a, lay, rn->at.f),
                (sel ? 16.0f : 14.0f) * s, col, 3.0f * s, TEXT);
    if (a->show_arrows)
        draw_arrows_1d(a, r, lay, rn, col);
}

/* The start handle shared by all runners: a ring on the curve. */
static void draw_start_1d(const app *a, renderer *r, const layout *lay)
{
    const float s = lay->scale;
    const runner *rn = &a->sim.runners[0];
    landscape_point sv;
    landscape_eval(a->land, rn->start, &sv);
    render_disc(r, view_x_to_px(a, lay, rn->start[0]), view_y_to_px(a, lay, sv.f), 11.0f * s,
                rgba_alpha(BG, 0.0f), 3.0f * s, TEXT);
}

static void legend_line(renderer *r, float x, float y, float s, rgba c, const char *text)
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
static void draw_plateau_1d(const app *a, renderer *r, const layout *lay)
{
    if (a->companion)
        return;
    const float s = lay->scale;
    const int n = 2000;
    double start = NAN;
    for (int i = 0; i <= n; i++) {
        const double x = a->land->lo[0] + (a->land->hi[0] - a->land->lo[0]) * i / n;
        const bool flat = assess_plateau(a->land, &a->crit, a->f_range, &x);
        if (flat && isnan(start))
            start = x;
        if ((!flat || i == n) && !isnan(start)) {
            const double end = x;
            if (end - start > 0.03 * (a->land->hi[0] - a->land->lo[0])) {
                const float x0 = view_x_to_px(a, lay, start), x1 = view_x_to_px(a, lay, end);
                render_rect(r, x0, lay->plot_y, x1 - x0, lay->plot_h, rgba_alpha(YELLOW, 0.12f));
                /* full size, on a backing, kept inside the plot (not shrunk to the band) */
                const char *lbl = "plateau: vanishing gradient";
                const float fs = 24 * s, tw = render_text_width(r, lbl, fs);
                const float cx = fminf(fmaxf((x0 + x1) / 2, lay->plot_x + tw / 2 + 10 * s),
                                       lay->plot_x + lay->plot_w - tw / 2 - 10 * s);
                const float ty = lay->plot_y + lay->plot_h - 70 * s;
                render_rect(r, cx - tw / 2 - 6 * s, ty - 4 * s, tw + 12 * s, fs * 1.4f,
                            rgba_alpha(BG, 0.85f));
                render_text(r, lbl, cx, ty, fs, TEXT_CENTER, YELLOW);
                const double mid = 0.5 * (start + end);
                landscape_point m;
                landscape_eval(a->land, &mid, &m);
                draw_arrow(r, (x0 + x1) / 2, lay->plot_y + lay->plot_h - 76 * s, (x0 + x1) / 2,
                           view_y_to_px(a, lay, m.f) + 20 * s, 2 * s, YELLOW);
            }
            start = NAN;
        }
    }
}

/* The 1D view's static part: axes, curves, marked points, legend. */
static void draw_view_1d(const app *a, renderer *r, const layout *lay)
{
    const float s = lay->scale;
    draw_axes_1d(a, r, lay);
    render_clip(r, lay->plot_x, lay->plot_y, lay->plot_w, lay->plot_h);
    if (a->companion)
        draw_curve(a, r, lay, a->companion, 4.0f * s, ORANGE);
    draw_curve(a, r, lay, a->land, 4.0f * s, BLUE);
    if (a->annotate) {
        draw_plateau_1d(a, r, lay);
        draw_marks_1d(a, r, lay);
    }
    render_clip(r, 0, 0, 0, 0);
    /* legend, top-left inside the plot */
    float y = lay->plot_y + 12 * s;
    if (a->companion) {
        legend_line(r, lay->plot_x + 16 * s, y, s, BLUE, "empirical risk g (training loss)");
        y += 34 * s;
        legend_line(r, lay->plot_x + 16 * s, y, s, ORANGE, "risk f = x·cos(πx) (expected loss)");
    }
}

/* ---- 3D ---- */

/* The 1D view's moving part: the start handle, trails and iterates. */
static void draw_runners_1d(const app *a, renderer *r, const layout *lay)
{
    render_clip(r, lay->plot_x, lay->plot_y, lay->plot_w, lay->plot_h);
    draw_start_1d(a, r, lay);
    for (int i = a->sim.n_runners - 1; i >= 0; i--) /* the first runner on top */
        draw_runner_1d(a, r, lay, i);
    render_clip(r, 0, 0, 0, 0);
}

static void project_px(const layout *lay, const float vp[16], const double p[3], float *px,
                       float *py, bool *ok)
{
    double ndc[2];
    *ok = camera_project(vp, p, ndc);
    *px = (float)(ndc[0] + 1.0) * 0.5f * lay->fb_w;
    *py = (float)(1.0 - ndc[1]) * 0.5f * lay->fb_h;
}

static void draw_axis3d(renderer *r, const layout *lay, const float vp[16], const double p0[3],
                        const double p1[3], double lo, double hi, const char *name,
                        const double off[3])
{
    const float s = lay->scale;
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
        bool ok;
        project_px(lay, vp, q, &px, &py, &ok);
        if (!ok)
            continue;
        char lbl[32];
        fmt_tick(lbl, sizeof lbl, ticks[i], step);
        render_text(r, lbl, px, py - 11 * s, 22 * s, TEXT_CENTER, TEXT);
    }
    /* the axis name beside the middle of the axis; a vertical axis gets it
     * above its top end instead, clear of its tick labels */
    const bool vertical = p0[0] == p1[0] && p0[1] == p1[1];
    double mid[3];
    for (int k = 0; k < 3; k++)
        mid[k] = vertical ? p1[k] + off[k] : 0.5 * (p0[k] + p1[k]) + 2.4 * off[k];
    if (vertical)
        mid[2] += 0.12 * (p1[2] - p0[2]);
    float px, py;
    bool ok;
    project_px(lay, vp, mid, &px, &py, &ok);
    if (ok)
        render_text(r, name, px, py - 13 * s, 26 * s, TEXT_CENTER, YELLOW);
}

/* The critical points on the surface, labelled as the source figures are
 * ("global minimum", "local minimum", "saddle point"), and at a saddle its
 * Hessian's eigenvector directions draped on the surface: green where the
 * eigenvalue is positive (f curves up), red where negative. */
static void draw_critical_3d(const app *a, renderer *r, const layout *lay, const float vp[16],
                             double lift)
{
    const float s = lay->scale;
    const landscape *l = a->land;
    const double zs = a->z_scale;
    const double side = fmax(l->hi[0] - l->lo[0], l->hi[1] - l->lo[1]);
    for (int i = 0; i < a->crit.count; i++) {
        const critical_point *c = &a->crit.points[i];
        const char *label = NULL;
        switch (c->kind) {
        case CRITICAL_GLOBAL_MIN:
            label = "global minimum";
            break;
        case CRITICAL_LOCAL_MIN:
            label = "local minimum";
            break;
        case CRITICAL_SADDLE:
            label = "saddle point";
            break;
        case CRITICAL_DEGENERATE:
            label = "degenerate (test inconclusive)";
            break;
        case CRITICAL_GLOBAL_MAX:
        case CRITICAL_LOCAL_MAX:
            label = "maximum";
            break;
        }
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
        const double pd[3] = {c->x, c->y, zs * c->f};
        float px, py;
        bool ok;
        project_px(lay, vp, pd, &px, &py, &ok);
        if (!ok || !label)
            continue;
        char text[96];
        char nx[32], ny[32];
        /* Newton finds a degenerate point only to ~1e-18: that is 0 */
        format_sig(nx, sizeof nx, fabs(c->x) < 1e-9 * side ? 0.0 : c->x, 3);
        format_sig(ny, sizeof ny, fabs(c->y) < 1e-9 * side ? 0.0 : c->y, 3);
        snprintf(text, sizeof text, "%s (%s, %s)", label, nx, ny);
        const float tw = render_text_width(r, text, 22 * s);
        draw_arrow(r, px + 70 * s, py + 70 * s, px + 10 * s, py + 10 * s, 2.0f * s, GREEN);
        render_rect(r, px + 64 * s, py + 68 * s, tw + 12 * s, 30 * s, rgba_alpha(BG, 0.85f));
        render_text(r, text, px + 70 * s, py + 72 * s, 22 * s, TEXT_LEFT, GREEN);
    }
}

static void draw_view_3d(const app *a, renderer *r, const layout *lay)
{
    const float s = lay->scale;
    const landscape *l = a->land;
    float vp[16];
    view3d_matrix(a, lay, vp);
    render_clip(r, lay->plot_x, lay->plot_y, lay->plot_w, lay->plot_h);
    const float hlo = a->heights_lo, hhi = a->heights_hi;
    render_surface(r, a->heights, APP_GRID_N, APP_GRID_N, (float)l->lo[0], (float)l->hi[0],
                   (float)l->lo[1], (float)l->hi[1], (float)a->z_scale, a->heights_id, vp, hlo,
                   hhi, 0.55f);
    render_wireframe(r, a->heights, APP_GRID_N, APP_GRID_N, (float)l->lo[0], (float)l->hi[0],
                     (float)l->lo[1], (float)l->hi[1], (float)a->z_scale, a->heights_id, vp,
                     1.2f * s, th->wire);
    /* axes along three edges of the bounding box */
    const double zlo = hlo, zhi = hhi;
    const double zs = a->z_scale;
    const double span = fmax(l->hi[0] - l->lo[0], l->hi[1] - l->lo[1]);
    const double o = 0.08 * span;
    /* the floor of the bounding box, faint, so the axes read as a box */
    const float fz = (float)(zs * zlo);
    const float floor_box[15] = {(float)l->lo[0], (float)l->lo[1], fz, (float)l->lo[0],
                                 (float)l->hi[1], fz, (float)l->hi[0], (float)l->hi[1], fz,
                                 (float)l->hi[0], (float)l->lo[1], fz, (float)l->lo[0],
                                 (float)l->lo[1], fz};
    render_polyline3d(r, floor_box, 5, vp, 1.5f * s, rgba_alpha(AXIS, 0.35f));
    {
        const double p0[3] = {l->lo[0], l->lo[1], zs * zlo}, p1[3] = {l->hi[0], l->lo[1], zs * zlo};
        const double off[3] = {0, -o, 0};
        draw_axis3d(r, lay, vp, p0, p1, l->lo[0], l->hi[0], "x", off);
    }
    {
        const double p0[3] = {l->hi[0], l->lo[1], zs * zlo}, p1[3] = {l->hi[0], l->hi[1], zs * zlo};
        const double off[3] = {o, 0, 0};
        draw_axis3d(r, lay, vp, p0, p1, l->lo[1], l->hi[1], "y", off);
    }
    {
        const double p0[3] = {l->lo[0], l->lo[1], zs * zlo}, p1[3] = {l->lo[0], l->lo[1], zs * zhi};
        const double off[3] = {-o * 1.3, o * 0.4, 0};
        draw_axis3d(r, lay, vp, p0, p1, zlo, zhi, "f", off);
    }
    const double lift = 0.01 * span;
    if (a->annotate)
        draw_critical_3d(a, r, lay, vp, lift);
    render_clip(r, 0, 0, 0, 0);
    draw_text_fit(r, "right-drag or Shift+arrows: rotate · left-drag: move the start · wheel: zoom",
             lay->plot_x + lay->plot_w / 2, lay->plot_y + lay->plot_h + 14 * s, 22 * s,
             fmaxf(12.0f, 16 * s), lay->plot_w, TEXT_CENTER, DIM);
}

/* The 3D view's moving part: trails draped on the surface, the start
 * handle, iterates and arrows. */
static void draw_runners_3d(const app *a, renderer *r, const layout *lay)
{
    const float s = lay->scale;
    const landscape *l = a->land;
    float vp[16];
    view3d_matrix(a, lay, vp);
    const double zs = a->z_scale;
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
                const double q[2] = {prev[0] + t * (p[0] - prev[0]), prev[1] + t * (p[1] - prev[1])};
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
        const bool sel = w == a->selected && a->n_runners > 1;
        render_disc3d(r, it3, vp, (sel ? 16.0f : 14.0f) * s, app_runner_color(a, w), 3.0f * s, TEXT);
        if (a->show_arrows) {
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

/* ---- HUD ---- */

/* The contour view's static part (C): viridis fill with isolines (drawn in
 * the fragment shader), axes in x and y, the negative gradient field as
 * arrows, labelled critical points. */
static void draw_view_contour(const app *a, renderer *r, const layout *lay)
{
    const float s = lay->scale;
    const landscape *l = a->land;
    const float hlo = a->heights_lo, hhi = a->heights_hi;
    double levels[32], step = 1.0;
    axis_ticks(hlo, hhi, 14, levels, &step);
    render_clip(r, lay->plot_x, lay->plot_y, lay->plot_w, lay->plot_h);
    const float x0 = view_x_to_px(a, lay, l->lo[0]), x1 = view_x_to_px(a, lay, l->hi[0]);
    const float y0 = view_y_to_px(a, lay, l->hi[1]), y1 = view_y_to_px(a, lay, l->lo[1]);
    render_contour(r, a->heights, APP_GRID_N, APP_GRID_N, a->heights_id, x0, y0, x1 - x0, y1 - y0,
                   hlo, hhi, (float)step, 1.5f * s, (rgba){1, 1, 1, 0.55f});
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
            const float ux = (float)(-g[j][i][0] / n), uy = (float)(g[j][i][1] / n);
            draw_arrow(r, cx - ux * len / 2, cy - uy * len / 2, cx + ux * len / 2, cy + uy * len / 2,
                       1.5f * s, (rgba){1, 1, 1, 0.6f});
        }
    if (a->annotate) {
        for (int i = 0; i < a->crit.count; i++) {
            const critical_point *c = &a->crit.points[i];
            const char *label = c->kind == CRITICAL_GLOBAL_MIN  ? "global minimum"
                                : c->kind == CRITICAL_LOCAL_MIN ? "local minimum"
                                : c->kind == CRITICAL_SADDLE    ? "saddle point"
                                : c->kind == CRITICAL_DEGENERATE ? "degenerate"
                                                                 : "maximum";
            const float px = view_x_to_px(a, lay, c->x), py = view_y_to_px(a, lay, c->y);
            render_disc(r, px, py, 8 * s, GREEN, 2 * s, TEXT);
            const float tw = render_text_width(r, label, 20 * s);
            render_rect(r, px + 10 * s, py + 8 * s, tw + 10 * s, 28 * s, rgba_alpha(BG, 0.8f));
            render_text(r, label, px + 15 * s, py + 11 * s, 20 * s, TEXT_LEFT, GREEN);
        }
    }
    render_clip(r, 0, 0, 0, 0);
    draw_axes_1d(a, r, lay);
    /* the colormap's scale */
    char lo_s[32], hi_s[32], text[160];
    format_sig(lo_s, sizeof lo_s, hlo, 3);
    format_sig(hi_s, sizeof hi_s, hhi, 3);
    snprintf(text, sizeof text, "color: f from %s (purple) to %s (yellow), isolines every %g", lo_s,
             hi_s, step);
    draw_text_fit(r, text, lay->plot_x + lay->plot_w, lay->plot_y - 30 * s, 20 * s, 10.0f,
             lay->plot_w * 0.6f, TEXT_RIGHT, DIM);
}

/* The contour view's moving part: trails, start, iterates. */
static void draw_runners_contour(const app *a, renderer *r, const layout *lay)
{
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
            pts[2 * i] = view_x_to_px(a, lay, p[0]);
            pts[2 * i + 1] = view_y_to_px(a, lay, p[1]);
        }
        render_polyline(r, pts, n, 3.0f * s, rgba_alpha(col, 0.9f));
        const int dots = n < 300 ? n : 300;
        for (int i = n - dots; i < n; i++)
            render_disc(r, pts[2 * i], pts[2 * i + 1], 4.0f * s, col, 0, BG);
    }
    const runner *r0 = &a->sim.runners[0];
    render_disc(r, view_x_to_px(a, lay, r0->start[0]), view_y_to_px(a, lay, r0->start[1]),
                11 * s, rgba_alpha(BG, 0.0f), 3 * s, TEXT);
    for (int w = a->sim.n_runners - 1; w >= 0; w--) {
        const runner *rn = &a->sim.runners[w];
        if (!isfinite(rn->x[0]) || !isfinite(rn->x[1]))
            continue;
        const bool sel = w == a->selected && a->n_runners > 1;
        render_disc(r, view_x_to_px(a, lay, rn->x[0]), view_y_to_px(a, lay, rn->x[1]),
                    (sel ? 16.0f : 14.0f) * s, app_runner_color(a, w), 3 * s, TEXT);
    }
    render_clip(r, 0, 0, 0, 0);
}

/* What does not move from frame to frame for a given lesson, view and
 * window: heading, axes, curves, marks, the wireframe, the HUD's panel. */
static void draw_static(const app *a, renderer *r, const layout *lay)
{
    const float s = lay->scale;
    char heading[400];
    if (a->has_scene) {
        const char *title = a->korean && a->scene.title_ko[0] ? a->scene.title_ko : a->scene.title;
        if (a->tour_index >= 0)
            snprintf(heading, sizeof heading, "%s %d/%d · %s", a->korean ? "장면" : "scene",
                     a->tour_index + 1, a->n_tour, title);
        else
            snprintf(heading, sizeof heading, "%s", title);
    } else if (landscape_index(a->land) < 0) /* a typed formula: no lesson number */
        snprintf(heading, sizeof heading, "%s", a->land->lesson);
    else
        snprintf(heading, sizeof heading, "%d · %s", landscape_index(a->land) + 1,
                 a->land->lesson);
    const float head_w = lay->side_x - lay->plot_x - 20 * s;
    draw_text_fit(r, heading, lay->plot_x, 18 * s, 24 * s, fmaxf(12.0f, 18 * s), head_w, TEXT_LEFT, DIM);
    draw_text_fit(r, a->land->title, lay->plot_x, 52 * s, 38 * s, fmaxf(14.0f, 24 * s), head_w,
             TEXT_LEFT, TEXT);
    if (a->land->dim == 1)
        draw_view_1d(a, r, lay);
    else if (a->contour)
        draw_view_contour(a, r, lay);
    else
        draw_view_3d(a, r, lay);
    draw_scene_annotations(a, r, lay);
    draw_scene_caption(a, r, lay);
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
    const int idx = landscape_index(a->land);
    h = fnv1a(h, &idx, sizeof idx);
    h = fnv1a(h, a->land->title, strlen(a->land->title)); /* typed formulas share idx -1 */
    h = fnv1a(h, &fb_w, sizeof fb_w);
    h = fnv1a(h, &fb_h, sizeof fb_h);
    h = fnv1a(h, a->view, sizeof a->view);
    h = fnv1a(h, &a->cam, sizeof a->cam);
    h = fnv1a(h, &a->z_scale, sizeof a->z_scale);
    h = fnv1a(h, &a->heights_id, sizeof a->heights_id);
    h = fnv1a(h, &a->annotate, sizeof a->annotate);
    h = fnv1a(h, &a->contour, sizeof a->contour);
    h = fnv1a(h, &a->theme, sizeof a->theme);
    h = fnv1a(h, &a->ui_scale, sizeof a->ui_scale);
    h = fnv1a(h, &a->korean, sizeof a->korean);
    h = fnv1a(h, &a->loss_panel, sizeof a->loss_panel);
    h = fnv1a(h, &a->has_scene, sizeof a->has_scene);
    h = fnv1a(h, &a->tour_index, sizeof a->tour_index);
    h = fnv1a(h, &a->scene_id, sizeof a->scene_id); /* another scene, or one reloaded */
    return h ? h : 1; /* 0 means "no layer" to the renderer */
}

void app_draw(const app *a, renderer *r, int fb_w, int fb_h)
{
    layout lay;
    th = theme_get(a->theme);
    render_set_stroke(r, th->stroke);
    app_layout(a, fb_w, fb_h, &lay);
    const float s = lay.scale;
    render_begin(r, fb_w, fb_h, BG);
    if (render_layer_begin(r, static_key(a, fb_w, fb_h))) {
        draw_static(a, r, &lay);
        render_layer_end(r);
    }
    draw_cloud(a, r, &lay);
    if (a->land->dim == 1)
        draw_runners_1d(a, r, &lay);
    else if (a->contour)
        draw_runners_contour(a, r, &lay);
    else
        draw_runners_3d(a, r, &lay);
    draw_cloud_panel(a, r, &lay);
    draw_hud(a, r, &lay);
    draw_loss_panel(a, r, &lay);
    const runner *rn = &a->sim.runners[a->selected];
    if (rn->status == RUNNER_DIVERGED || rn->status == RUNNER_STOPPED ||
        rn->status == RUNNER_UNDEFINED) {
        /* running off downhill is the lesson of a function with no minimum
         * that way (x^2 - y^2 along y); growing steps call for a lower lr */
        const bool downhill = rn->status == RUNNER_DIVERGED && rn->downhill;
        const rgba banner = downhill ? YELLOW : RED;
        const char *msg = rn->status == RUNNER_STOPPED
                              ? "stopped: the Hessian is singular (press R to reset)"
                          : rn->status == RUNNER_UNDEFINED
                              ? "undefined: f has no value or gradient here (press R to reset)"
                          : downhill
                              ? "diverged downhill: f has no minimum that way (R resets)"
                              : "diverged: the steps grew (press R to reset, Down to lower lr)";
        const float tw = fminf(render_text_width(r, msg, 30 * s), lay.plot_w - 60 * s);
        const float cx = lay.plot_x + lay.plot_w / 2, by = lay.plot_y + lay.plot_h - 90 * s;
        /* the panel color behind, the warning color as a frame and in the
         * words: readable on every theme */
        const float x0 = cx - tw / 2 - 20 * s, x1 = cx + tw / 2 + 20 * s;
        render_rect(r, x0, by, x1 - x0, 56 * s, rgba_alpha(PANEL, 0.96f));
        const float frame[10] = {x0, by, x1, by, x1, by + 56 * s, x0, by + 56 * s, x0, by};
        render_polyline(r, frame, 5, 4 * s, banner);
        draw_text_fit(r, msg, cx, by + 12 * s, 30 * s, fmaxf(11.0f, 16 * s), lay.plot_w - 60 * s,
                      TEXT_CENTER, banner);
    }
    /* a file's path stays out of a recording's frames */
    if (a->message[0] && !SDL_TICKS_PASSED(SDL_GetTicks(), a->message_until) &&
        !(a->message_kind == MESSAGE_FILE && a->exp.recording)) {
        const bool error = a->message_kind == MESSAGE_ERROR;
        const float max_w = lay.fb_w - 60 * s;
        const float tw = fminf(render_text_width(r, a->message, 26 * s), max_w);
        /* centred under the plot, moved in where a long line would leave the window */
        const float cx = fminf(fmaxf(lay.plot_x + lay.plot_w / 2, tw / 2 + 26 * s),
                               lay.fb_w - tw / 2 - 26 * s);
        /* above a scene's caption, so the caption stays readable */
        const float my = lay.caption_w > 0 ? lay.caption_y - 56 * s : lay.fb_h - 56 * s;
        render_rect(r, cx - tw / 2 - 16 * s, my - 8 * s, tw + 32 * s, 46 * s,
                    rgba_alpha(PANEL, 0.97f));
        if (error) {
            const float x0 = cx - tw / 2 - 16 * s, x1 = cx + tw / 2 + 16 * s;
            const float box[10] = {x0, my - 8 * s, x1, my - 8 * s, x1, my + 38 * s, x0, my + 38 * s,
                                   x0, my - 8 * s};
            render_polyline(r, box, 5, 3 * s, RED);
        }
        draw_text_fit(r, a->message, cx, my, 26 * s, fmaxf(10.0f, 14 * s), max_w, TEXT_CENTER,
                      error ? RED : YELLOW);
    }
    if (a->explain)
        draw_explain(a, r, &lay);
    draw_formula_line(a, r, &lay);
    draw_keycast(a, r, &lay);
    if (a->help_visible)
        draw_help(a, r, &lay);
    render_end(r);
}
