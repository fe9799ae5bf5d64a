/*
 * draw_cloud.c: the particle cloud on screen (reads the app's state, never
 * changes it). The particles: semi-transparent discs in the color of the
 * runner whose optimizer the cloud took, on the curve (x, f(x)) in 1D, on
 * the surface or the contour map in 2D, all in one render_points call. The
 * histogram panel: one bar per minimum ("x = 1.090 global"), then "moving"
 * and "left", each with its count, under a large headline "at global
 * minimum: 37.4 % of 2000" meant to be read from the back of a lecture
 * hall. The panel takes the plot corner that hides the least of the curve
 * and none of the minima.
 */
#include "app/draw_internal.h"
#include "app/format.h"

#include "app/theme.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOCAL BLUE  /* other minima (the global one: GREEN, as draw.c marks minima) */
#define MOVING YELLOW
#define LEFT RED

/* Particle positions in framebuffer pixels (1D curve, contour map) into
 * xy; returns how many (those in the view). */
static int particles_px(const app *a, const layout *lay, float *xy)
{
    const cloud *c = &a->cloud;
    int k = 0;
    for (int i = 0; i < c->n; i++) {
        const cloud_particle *q = &c->p[i];
        const double y = a->view.kind == VIEW_CURVE ? q->at.f : q->x[1];
        if (!isfinite(q->x[0]) || !isfinite(y))
            continue;
        if (q->x[0] < a->view.box[0] || q->x[0] > a->view.box[1] || y < a->view.box[2] ||
            y > a->view.box[3])
            continue;
        xy[2 * k] = view_x_to_px(&a->view, lay, q->x[0]);
        xy[2 * k + 1] = view_y_to_px(&a->view, lay, y);
        k++;
    }
    return k;
}

void draw_cloud(const draw_ctx *dc)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    const theme *th = dc->th;
    const cloud *c = &a->cloud;
    if (c->n <= 0)
        return;
    const float s = lay->scale;
    /* the text color, see-through: a grey haze on dark themes, distinct from
     * the curve and from every runner's trail */
    rgba col = TEXT;
    col.a = c->n > 2000 ? 0.25f : 0.4f;
    /* smaller discs for a large cloud: less clutter, fewer pixels to shade */
    const float radius = (c->n > 2000 ? 4.0f : 5.0f) * s;
    /* positions handed to the renderer: a scratch for this frame only */
    float *scratch = malloc(sizeof *scratch * 3 * (size_t)c->n);
    if (!scratch)
        return;
    render_clip(r, lay->plot_x, lay->plot_y, lay->plot_w, lay->plot_h);
    if (a->view.kind != VIEW_SURFACE) {
        render_points(r, scratch, particles_px(a, lay, scratch), radius, col);
    } else {
        /* on the surface, lifted as the trails are; only over the domain */
        float *xyz = scratch;
        const landscape *l = a->lesson.land;
        const double lift = 0.01 * fmax(l->hi[0] - l->lo[0], l->hi[1] - l->lo[1]);
        int k = 0;
        for (int i = 0; i < c->n; i++) {
            const cloud_particle *q = &c->p[i];
            if (!isfinite(q->at.f) || !landscape_in_domain(l, q->x))
                continue;
            xyz[3 * k] = (float)q->x[0];
            xyz[3 * k + 1] = (float)q->x[1];
            xyz[3 * k + 2] = (float)(a->view.z_scale * q->at.f + lift);
            k++;
        }
        float vp[16];
        view3d_matrix(&a->view, lay, vp);
        render_points3d(r, xyz, k, vp, radius, col);
    }
    render_clip(r, 0, 0, 0, 0);
    free(scratch);
}

/* Where a point of the landscape is on screen; false when it is not. */
static bool to_screen(const app *a, const layout *lay, double x, double y, double f, float *px,
                      float *py)
{
    return view_to_px(&a->view, lay, x, y, f, 0.0, px, py);
}

static bool inside(float x, float y, float rx, float ry, float rw, float rh)
{
    return x >= rx && x <= rx + rw && y >= ry && y <= ry + rh;
}

/* How much the panel at (x, y, w, h) would hide: curve samples (1D), a
 * large penalty per minimum (and its label below it), the legend of a
 * companion curve (top-left), points of the 3D surface. */
static float corner_cost(const app *a, const layout *lay, float x, float y, float w, float h,
                         bool top_left)
{
    const float s = lay->scale, m = 12.0f * s;
    float cost = 0.0f;
    if (a->view.kind == VIEW_CURVE) {
        for (int i = 0; i <= 400; i++) {
            const double t = a->view.box[0] + (a->view.box[1] - a->view.box[0]) * i / 400.0;
            landscape_point p;
            landscape_eval(a->lesson.land, &t, &p);
            float px, py;
            if (to_screen(a, lay, t, 0, p.f, &px, &py) && inside(px, py, x - m, y - m, w + 2 * m,
                                                                  h + 2 * m))
                cost += 1.0f;
        }
        if (a->lesson.companion && top_left)
            cost += 1000.0f;
    } else if (a->view.kind == VIEW_SURFACE) {
        /* the surface: a 16 x 16 grid of its points */
        const landscape *l = a->lesson.land;
        for (int j = 0; j < 16; j++)
            for (int i = 0; i < 16; i++) {
                const double q[2] = {l->lo[0] + (l->hi[0] - l->lo[0]) * i / 15.0,
                                     l->lo[1] + (l->hi[1] - l->lo[1]) * j / 15.0};
                landscape_point p;
                landscape_eval(l, q, &p);
                float px, py;
                if (to_screen(a, lay, q[0], q[1], p.f, &px, &py) && inside(px, py, x, y, w, h))
                    cost += 1.0f;
            }
    }
    for (int i = 0; i < a->cloud.n_minima; i++) {
        const cloud_minimum *mn = &a->cloud.minima[i];
        float px, py;
        if (!to_screen(a, lay, mn->x, mn->y, mn->f, &px, &py))
            continue;
        /* the minimum and, in 1D, its label up to ~130 px below it */
        if (inside(px, py, x - 3 * m, y - 3 * m, w + 6 * m, h + 6 * m) ||
            (a->view.kind == VIEW_CURVE && inside(px, py + 130.0f * s, x - 3 * m, y - 3 * m,
                                                  w + 6 * m,
                                         h + 6 * m)))
            cost += 10000.0f;
    }
    return cost;
}

/* The label of minimum i: "x = −0.274" (1D) or "(1.14, 0.57)" (2D). */
static void minimum_label(const app *a, const cloud_minimum *mn, char *out, size_t n)
{
    char ascii[64];
    if (a->lesson.land->dim == 1)
        snprintf(ascii, sizeof ascii, "x = %.3f", mn->x);
    else
        snprintf(ascii, sizeof ascii, "(%.2f, %.2f)", mn->x, mn->y);
    format_minus(out, n, ascii);
}

void draw_cloud_panel(const draw_ctx *dc)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    const theme *th = dc->th;
    const cloud *c = &a->cloud;
    if (c->n <= 0)
        return;
    const float s = lay->scale;
    const float head_px = 36.0f * s, row_px = 24.0f * s, row_h = 32.0f * s, pad = 14.0f * s;
    /* the headline */
    int at_global = 0;
    bool has_global = false;
    for (int i = 0; i < c->n_minima; i++)
        if (c->minima[i].global) {
            at_global += c->minima[i].count;
            has_global = true;
        }
    char pct[32], tail[48];
    snprintf(pct, sizeof pct, "%.1f %%", 100.0 * cloud_global_fraction(c));
    snprintf(tail, sizeof tail, _n(" of %d", " of %d", c->n), c->n);
    const char *lead = has_global ? _("in the global minimum's basin: ")
                                  : _("no global minimum in the domain");
    /* "in the global minimum's basin:" over "63.0 % of 1000": two lines,
     * so the panel stays narrow */
    const float lead_px = has_global ? row_px : head_px;
    const float head_w = fmaxf(render_text_width(r, lead, lead_px),
                               has_global ? render_text_width(r, pct, head_px) +
                                                render_text_width(r, tail, head_px)
                                          : 0.0f);
    const float head_h = has_global ? lead_px * 1.3f + head_px * 1.25f : head_px * 1.25f;
    /* rows: the minima, moving, left */
    enum { MAX_ROWS = CLOUD_MAX_MINIMA + 2 };
    char labels[MAX_ROWS][64];
    const char *kinds[MAX_ROWS];
    int counts[MAX_ROWS];
    rgba colors[MAX_ROWS];
    int rows = 0;
    for (int i = 0; i < c->n_minima; i++) {
        minimum_label(a, &c->minima[i], labels[rows], sizeof labels[rows]);
        kinds[rows] = c->minima[i].global ? C_("minimum", "global") : C_("minimum", "local");
        counts[rows] = c->minima[i].count;
        colors[rows] = c->minima[i].global ? GREEN : LOCAL;
        rows++;
    }
    snprintf(labels[rows], sizeof labels[rows], "%s", _("moving"));
    kinds[rows] = "";
    counts[rows] = c->moving;
    colors[rows] = MOVING;
    rows++;
    snprintf(labels[rows], sizeof labels[rows], "%s", C_("the domain", "left"));
    kinds[rows] = "";
    counts[rows] = c->left;
    colors[rows] = LEFT;
    rows++;
    float label_w = 0.0f;
    const float kind_w = fmaxf(render_text_width(r, C_("minimum", "global"), row_px),
                               render_text_width(r, C_("minimum", "local"), row_px));
    for (int i = 0; i < rows; i++)
        label_w = fmaxf(label_w, render_text_width(r, labels[i], row_px));
    char count_max[16];
    snprintf(count_max, sizeof count_max, "%d", c->n);
    const float count_w = render_text_width(r, count_max, row_px);
    const float bar_min = 160.0f * s;
    float w = fmaxf(head_w, label_w + kind_w + bar_min + count_w + 4 * pad) + 2 * pad;
    w = fminf(w, lay->plot_w - 24.0f * s);
    const float h = pad + head_h + 8.0f * s + rows * row_h + pad;
    /* the corner that hides the least */
    const float m = 12.0f * s;
    const float xs[2] = {lay->plot_x + m, lay->plot_x + lay->plot_w - m - w};
    const float ys[2] = {lay->plot_y + m, lay->plot_y + lay->plot_h - m - h};
    /* the 1D marks' labels where draw_curve.c puts them: not to be covered */
    label_placer marks = {0};
    float mbox[APP_MAX_MARKS][4];
    const int n_marks = a->view.kind == VIEW_CURVE && a->ui.annotate
                            ? marks_layout_1d(dc, &marks, mbox)
                            : 0;
    float best = INFINITY, px = xs[1], py = ys[0];
    const int order[4][2] = {{1, 0}, {0, 0}, {1, 1}, {0, 1}}; /* TR, TL, BR, BL on ties */
    for (int k = 0; k < 4; k++) {
        const int ix = order[k][0], iy = order[k][1];
        float cost = corner_cost(a, lay, xs[ix], ys[iy], w, h, iy == 0 && ix == 0);
        for (int k2 = 0; k2 < n_marks; k2++)
            if (mbox[k2][2] > 0 &&
                !(xs[ix] + w <= mbox[k2][0] || mbox[k2][0] + mbox[k2][2] <= xs[ix] ||
                  ys[iy] + h <= mbox[k2][1] || mbox[k2][1] + mbox[k2][3] <= ys[iy]))
                cost += 10000.0f;
        if (cost < best) {
            best = cost;
            px = xs[ix];
            py = ys[iy];
        }
    }
    /* opaque and on whole pixels: the renderer's cheap fill, not a blended
     * shape (a translucent panel this large costs ~1 ms on llvmpipe) */
    px = floorf(px);
    py = floorf(py);
    render_rect(r, px, py, ceilf(w), ceilf(h), BG);
    float y = py + pad;
    float x = px + pad;
    render_text(r, lead, x, y, lead_px, TEXT_LEFT, TEXT);
    if (has_global) {
        const float y2 = y + lead_px * 1.3f;
        x += render_text(r, pct, x, y2, head_px, TEXT_LEFT, GREEN);
        render_text(r, tail, x, y2, head_px, TEXT_LEFT, TEXT);
    }
    y += head_h + 8.0f * s;
    const float bar_x = px + pad + label_w + pad + kind_w + pad;
    const float bar_w = px + w - pad - count_w - pad - bar_x;
    for (int i = 0; i < rows; i++) {
        const float ty = y + (row_h - row_px * 1.2f) / 2;
        render_text(r, labels[i], px + pad, ty, row_px, TEXT_LEFT, TEXT);
        render_text(r, kinds[i], px + pad + label_w + pad, ty, row_px, TEXT_LEFT, colors[i]);
        render_rect(r, bar_x, y + 6 * s, bar_w, row_h - 12 * s, rgba_alpha(DIM, 0.15f));
        const float fill = bar_w * (float)counts[i] / (float)c->n;
        if (counts[i] > 0)
            render_rect(r, bar_x, y + 6 * s, fmaxf(fill, 2.0f * s), row_h - 12 * s, colors[i]);
        char num[16];
        snprintf(num, sizeof num, "%d", counts[i]);
        render_text(r, num, px + w - pad, ty, row_px, TEXT_RIGHT, TEXT);
        y += row_h;
    }
}
