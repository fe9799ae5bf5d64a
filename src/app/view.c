/*
 * view.c: the view kinds (view.h). Fitting a view to a landscape, the
 * mapping between landscape coordinates and framebuffer pixels for each
 * kind, picking the point under the pointer (a ray onto the surface in 3D)
 * and zooming. The rest of the program asks here instead of branching on
 * the landscape's dimension.
 */
#include "app/view.h"

#include <math.h>
#include <stdlib.h>

int app_cmp_double(const void *x, const void *y)
{
    const double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

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

/* The curve view: the domain and the value range of the lesson's curves
 * over it, with room below for the labels of the marked points. */
static void fit_curve(view *v, const landscape *l, const landscape *companion,
                      const double *mark_f, int n_marks)
{
    double vals[2 * 1001];
    int n = 0;
    for (int i = 0; i <= 1000; i++) {
        const double x = l->lo[0] + (l->hi[0] - l->lo[0]) * i / 1000.0;
        landscape_point p;
        landscape_eval(l, &x, &p);
        vals[n++] = p.f;
        if (companion) {
            landscape_eval(companion, &x, &p);
            vals[n++] = p.f;
        }
    }
    double lo = -1.0, hi = 1.0;
    if (!value_range(vals, n, &lo, &hi)) {
        lo = -1.0; /* undefined everywhere: an empty plot with sane axes */
        hi = 1.0;
    }
    const double span = hi - lo > 1e-12 ? hi - lo : 1.0;
    v->f_range = span;
    const double pad_x = 0.02 * (l->hi[0] - l->lo[0]);
    v->box[0] = l->lo[0] - pad_x;
    v->box[1] = l->hi[0] + pad_x;
    /* room below for the labels of marked points that sit low */
    bool low_mark = false;
    for (int i = 0; i < n_marks; i++)
        low_mark = low_mark || mark_f[i] < lo + 0.35 * span;
    v->box[2] = lo - (low_mark ? 0.30 : 0.08) * span;
    v->box[3] = hi + 0.10 * span;
}

/* The 2D views: heights on the grid, the box, z scale and camera. */
static void fit_surface(view *v, const landscape *l, const double *mark_f, int n_marks)
{
    double lo = INFINITY, hi = -INFINITY;
    for (int j = 0; j < APP_GRID_N; j++)
        for (int i = 0; i < APP_GRID_N; i++) {
            const double x[2] = {l->lo[0] + (l->hi[0] - l->lo[0]) * i / (APP_GRID_N - 1),
                                 l->lo[1] + (l->hi[1] - l->lo[1]) * j / (APP_GRID_N - 1)};
            landscape_point p;
            landscape_eval(l, x, &p);
            v->heights[j * APP_GRID_N + i] = (float)p.f;
        }
    double *vals = malloc(sizeof *vals * APP_GRID_N * APP_GRID_N);
    for (int k = 0; vals && k < APP_GRID_N * APP_GRID_N; k++)
        vals[k] = v->heights[k];
    if (!vals || !value_range(vals, APP_GRID_N * APP_GRID_N, &lo, &hi)) {
        lo = -1.0;
        hi = 1.0;
    }
    free(vals);
    for (int k = 0; k < n_marks; k++)
        if (isfinite(mark_f[k]) && mark_f[k] < lo && mark_f[k] > lo - (hi - lo))
            lo = mark_f[k]; /* a marked value just below the samples */
    /* poles and values far out are drawn at the edge of the range */
    for (int k = 0; k < APP_GRID_N * APP_GRID_N; k++) {
        const float h = v->heights[k];
        v->heights[k] = isnan(h) ? (float)hi : fminf((float)hi, fmaxf((float)lo, h));
    }
    const double side = fmax(l->hi[0] - l->lo[0], l->hi[1] - l->lo[1]);
    v->box[0] = l->lo[0];
    v->box[1] = l->hi[0];
    v->box[2] = l->lo[1];
    v->box[3] = l->hi[1];
    v->z_scale = hi - lo > 1e-12 ? side / (hi - lo) : 1.0;
    v->f_range = hi - lo > 1e-12 ? hi - lo : 1.0;
    v->heights_id++;
    v->heights_lo = (float)lo;
    v->heights_hi = (float)hi;
    levels_choose(v->heights, APP_GRID_N * APP_GRID_N, lo, hi, &v->lv);
    for (int k = 0; k < APP_GRID_N * APP_GRID_N; k++)
        v->mapped[k] = (float)levels_map(&v->lv, v->heights[k]);
    v->cam = (camera){
        .yaw = -0.65,
        .pitch = 0.42,
        .distance = 2.5 * side,
        .target = {0.5 * (l->lo[0] + l->hi[0]), 0.5 * (l->lo[1] + l->hi[1]),
                   v->z_scale * (0.6 * lo + 0.4 * hi)},
        .fov_y = 0.70,
    };
}

void view_fit(view *v, const landscape *l, const landscape *companion, const double *mark_f,
              int n_marks)
{
    if (l->dim == 1) {
        v->kind = VIEW_CURVE;
        fit_curve(v, l, companion, mark_f, n_marks);
    } else {
        v->kind = v->contour ? VIEW_CONTOUR : VIEW_SURFACE;
        fit_surface(v, l, mark_f, n_marks);
    }
}

void view_set_contour(view *v, const landscape *l, bool on)
{
    v->contour = on;
    if (v->kind == VIEW_CURVE)
        return;
    v->kind = on ? VIEW_CONTOUR : VIEW_SURFACE;
    v->box[0] = l->lo[0];
    v->box[1] = l->hi[0];
    v->box[2] = l->lo[1];
    v->box[3] = l->hi[1];
}

void view_letterbox(const view *v, layout *lay)
{
    if (v->kind != VIEW_CONTOUR)
        return;
    const double bw = v->box[1] - v->box[0], bh = v->box[3] - v->box[2];
    if (!(bw > 0 && bh > 0) || !(lay->plot_w > 0 && lay->plot_h > 0))
        return;
    const double k = fmin(lay->plot_w / bw, lay->plot_h / bh); /* pixels per unit */
    const float w = (float)(bw * k), h = (float)(bh * k);
    lay->plot_x += (lay->plot_w - w) / 2;
    lay->plot_y += (lay->plot_h - h) / 2;
    lay->plot_w = w;
    lay->plot_h = h;
}

float view_x_to_px(const view *v, const layout *lay, double x)
{
    return lay->plot_x + (float)((x - v->box[0]) / (v->box[1] - v->box[0])) * lay->plot_w;
}

float view_y_to_px(const view *v, const layout *lay, double y)
{
    return lay->plot_y + lay->plot_h -
           (float)((y - v->box[2]) / (v->box[3] - v->box[2])) * lay->plot_h;
}

double view_px_to_y(const view *v, const layout *lay, float py)
{
    return v->box[2] + (double)(lay->plot_y + lay->plot_h - py) / lay->plot_h *
                           (v->box[3] - v->box[2]);
}

double view_px_to_x(const view *v, const layout *lay, float px)
{
    return v->box[0] + (double)(px - lay->plot_x) / lay->plot_w * (v->box[1] - v->box[0]);
}

void view3d_matrix(const view *v, const layout *lay, float out[16])
{
    float vp[16];
    camera_view_proj(&v->cam, lay->plot_w / lay->plot_h, vp);
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

bool view_world_to_px(const float vp[16], const layout *lay, const double p[3], float *px,
                      float *py)
{
    double ndc[2];
    const bool ok = camera_project(vp, p, ndc);
    *px = (float)(ndc[0] + 1.0) * 0.5f * lay->fb_w;
    *py = (float)(1.0 - ndc[1]) * 0.5f * lay->fb_h;
    return ok;
}

bool view_to_px(const view *v, const layout *lay, double x, double y, double f, double lift,
                float *px, float *py)
{
    if (v->kind != VIEW_SURFACE) {
        *px = view_x_to_px(v, lay, x);
        *py = view_y_to_px(v, lay, v->kind == VIEW_CURVE ? f : y);
        return isfinite(*px) && isfinite(*py);
    }
    float vp[16];
    view3d_matrix(v, lay, vp);
    const double p[3] = {x, y, v->z_scale * f + lift};
    return view_world_to_px(vp, lay, p, px, py);
}

bool view_pick(const view *v, const landscape *l, const layout *lay, float px, float py,
               double *start)
{
    if (v->kind == VIEW_CURVE) {
        const double x = view_px_to_x(v, lay, px);
        start[0] = fmin(l->hi[0], fmax(l->lo[0], x));
        return true;
    }
    if (v->kind == VIEW_CONTOUR) {
        start[0] = fmin(l->hi[0], fmax(l->lo[0], view_px_to_x(v, lay, px)));
        start[1] = fmin(l->hi[1], fmax(l->lo[1], view_px_to_y(v, lay, py)));
        return true;
    }
    const double aspect = lay->plot_w / lay->plot_h;
    const double ndc_x = 2.0 * (px - lay->plot_x) / lay->plot_w - 1.0;
    const double ndc_y = 1.0 - 2.0 * (py - lay->plot_y) / lay->plot_h;
    double o[3], d[3];
    camera_ray(&v->cam, aspect, ndc_x, ndc_y, o, d);
    return camera_pick_surface(l, v->z_scale, o, d, start);
}

void view_zoom(view *v, const landscape *l, const layout *lay, double factor, float px, float py)
{
    if (v->kind == VIEW_SURFACE) {
        v->cam.distance /= factor;
        camera_clamp(&v->cam);
        return;
    }
    const double cx = view_px_to_x(v, lay, px);
    const double cy = v->box[2] + (double)(lay->plot_y + lay->plot_h - py) / lay->plot_h *
                                      (v->box[3] - v->box[2]);
    const double w = (v->box[1] - v->box[0]) / factor, h = (v->box[3] - v->box[2]) / factor;
    /* from a thousandth of the domain to ten times it: beyond, the
     * landscape is a dot or a blur */
    const double own = l->hi[0] - l->lo[0];
    if (w < 1e-3 * own || w > 10.0 * own)
        return;
    const double fx = (cx - v->box[0]) / (v->box[1] - v->box[0]);
    const double fy = (cy - v->box[2]) / (v->box[3] - v->box[2]);
    v->box[0] = cx - fx * w;
    v->box[1] = v->box[0] + w;
    v->box[2] = cy - fy * h;
    v->box[3] = v->box[2] + h;
}

bool view_in_plot(const layout *lay, float x, float y)
{
    return x >= lay->plot_x && x <= lay->plot_x + lay->plot_w && y >= lay->plot_y &&
           y <= lay->plot_y + lay->plot_h;
}
