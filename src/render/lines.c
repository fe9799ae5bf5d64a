/*
 * lines.c: thick polylines, 2D and 3D, as chains of capsule primitives on
 * prim_batch (shaders/prim.frag computes each capsule's distance field).
 * At a joint the two segments split the plane along the bisector of their
 * directions: each keeps only its own side, so the union has round joins,
 * exact 1 px antialiasing, and no pixel is blended twice (translucent lines
 * stay even). The split is skipped at hairpin turns where a short segment
 * could not cover its side; the caps then simply overlap.
 * 3D input is projected on the CPU with view_proj (clipped at the near
 * plane) into pixels plus window depth, and drawn in the depth-tested mode.
 * 3D discs (runner markers) are projected the same way but drawn on top,
 * without depth test, so a marker is never lost behind the surface.
 */
#include <math.h>
#include <string.h>

#include "render_internal.h"

/* Window-depth bias that pulls 3D lines and markers in front of the
 * surface they lie on (applied in NDC: 2 * 2e-5). */
#define DEPTH_BIAS_NDC 4e-5f
/* Largest distance, pixels, of a dropped polyline vertex from the line
 * that replaces it. */
#define SIMPLIFY_TOL_PX 0.1f

/* Cut normal at joint j between segments a->j and j->b, or (0, 0) where
 * the joint is left uncut (see file comment). */
static void joint_normal(const float *a, const float *j, const float *b, float hw, float out[2])
{
    out[0] = out[1] = 0.0f;
    float d0x = j[0] - a[0], d0y = j[1] - a[1];
    float d1x = b[0] - j[0], d1y = b[1] - j[1];
    float l0 = sqrtf(d0x * d0x + d0y * d0y), l1 = sqrtf(d1x * d1x + d1y * d1y);
    if (!(l0 > 0.0f) || !(l1 > 0.0f))
        return;
    d0x /= l0, d0y /= l0, d1x /= l1, d1y /= l1;
    float dot = d0x * d1x + d0y * d1y;
    float cross = fabsf(d0x * d1y - d0y * d1x);
    /* Each side of the bisector must lie within reach of its own segment:
     * min length >= (hw + 1) tan(turn / 2) = (hw + 1) |cross| / (1 + dot). */
    float lmin = l0 < l1 ? l0 : l1;
    if (dot < -0.9f || lmin * (1.0f + dot) < (hw + 1.0f) * cross)
        return;
    float tx = d0x + d1x, ty = d0y + d1y;
    float tl = sqrtf(tx * tx + ty * ty);
    out[0] = tx / tl;
    out[1] = ty / tl;
}

/* Simplifies a run of n (x, y, depth) points in place so that every
 * dropped point lies within SIMPLIFY_TOL_PX of the line that replaces it
 * (a cone intersection walk, O(n)); returns the new count. A 2000-point
 * curve keeps a few hundred vertices, and software GL pays per triangle. */
static int simplify_run(float *p, int n)
{
    if (n <= 2)
        return n;
    const float tol = SIMPLIFY_TOL_PX;
    int out = 1, a = 0, last = 0;
    bool have = false;
    float rx = 0.0f, ry = 0.0f, lo = 0.0f, hi = 0.0f;
    for (int k = 1; k < n; k++) {
        float dx = p[3 * k] - p[3 * a], dy = p[3 * k + 1] - p[3 * a + 1];
        float d = sqrtf(dx * dx + dy * dy);
        if (d <= tol) {
            last = k;
            continue;
        }
        float half = asinf(tol / d);
        if (!have) {
            rx = dx / d, ry = dy / d;
            lo = -half, hi = half;
            have = true;
            last = k;
            continue;
        }
        float ang = atan2f(rx * dy - ry * dx, rx * dx + ry * dy);
        if (ang < lo || ang > hi) {
            memmove(p + 3 * out++, p + 3 * last, 3 * sizeof *p);
            a = last;
            have = false;
            k = last; /* continue from the point after the new anchor */
            continue;
        }
        lo = fmaxf(lo, ang - half);
        hi = fminf(hi, ang + half);
        last = k;
    }
    memmove(p + 3 * out++, p + 3 * (n - 1), 3 * sizeof *p);
    return out;
}

/* Draws one run of n points (x, y, depth triples) as joined capsules. */
static void emit_run(renderer *r, float *pts, int n, float hw, const uint8_t col[4],
                     batch_mode mode)
{
    if (n <= 0)
        return;
    n = simplify_run(pts, n);
    if (n == 1) {
        prim_instance *it = batch_push(r, mode);
        if (!it)
            return;
        it->geom[0] = it->geom[2] = pts[0];
        it->geom[1] = it->geom[3] = pts[1];
        it->param[0] = hw;
        it->param[1] = it->param[2] = pts[2];
        it->param[3] = PRIM_SEGMENT;
        memcpy(it->color, col, 4);
        return;
    }
    float cut_in[2] = {0.0f, 0.0f};
    for (int i = 0; i + 1 < n; i++) {
        const float *a = pts + 3 * i, *b = a + 3;
        float cut_out[2] = {0.0f, 0.0f};
        if (i + 2 < n)
            joint_normal(a, b, b + 3, hw, cut_out);
        prim_instance *it = batch_push(r, mode);
        if (!it)
            return;
        it->geom[0] = a[0];
        it->geom[1] = a[1];
        it->geom[2] = b[0];
        it->geom[3] = b[1];
        it->extra[0] = cut_in[0];
        it->extra[1] = cut_in[1];
        it->extra[2] = cut_out[0];
        it->extra[3] = cut_out[1];
        it->param[0] = hw;
        it->param[1] = a[2];
        it->param[2] = b[2];
        it->param[3] = PRIM_SEGMENT;
        memcpy(it->color, col, 4);
        cut_in[0] = cut_out[0];
        cut_in[1] = cut_out[1];
    }
}

/* Appends (x, y, depth) to the run in pts unless it repeats the last point. */
static void run_append(float *pts, int *m, float x, float y, float z)
{
    if (*m > 0) {
        const float *last = pts + 3 * (*m - 1);
        float dx = x - last[0], dy = y - last[1];
        if (dx * dx + dy * dy < 1e-8f)
            return;
    }
    float *p = pts + 3 * (*m)++;
    p[0] = x;
    p[1] = y;
    p[2] = z;
}

void render_polyline(renderer *r, const float *xy, int n, float width, rgba color)
{
    if (!r || !xy || n < 2 || !(width > 0.0f))
        return;
    float *pts = render_scratch(r, 3 * (size_t)n);
    if (!pts)
        return;
    uint8_t col[4];
    color_to_u8(col, color);
    float hw = 0.5f * width * r->stroke;
    int m = 0, raw = 0; /* points in the run, before and after dropping repeats */
    for (int i = 0; i < n; i++) {
        float x = xy[2 * i], y = xy[2 * i + 1];
        if (!isfinite(x) || !isfinite(y)) {
            if (raw >= 2)
                emit_run(r, pts, m, hw, col, BATCH_2D);
            m = raw = 0;
            continue;
        }
        run_append(pts, &m, x, y, 0.0f);
        raw++;
    }
    if (raw >= 2)
        emit_run(r, pts, m, hw, col, BATCH_2D);
}

/* Clip-space position of world point p under column-major m. */
static void project(const float m[16], const float p[3], float c[4])
{
    for (int k = 0; k < 4; k++)
        c[k] = m[k] * p[0] + m[4 + k] * p[1] + m[8 + k] * p[2] + m[12 + k];
}

/* Signed distance to the near plane in clip space (>= 0: in front). */
static float near_side(const float c[4])
{
    return c[2] + c[3];
}

static bool clip_ok(const float c[4])
{
    return isfinite(c[0]) && isfinite(c[1]) && isfinite(c[2]) && isfinite(c[3]) &&
           near_side(c) >= 0.0f && c[3] > 1e-9f;
}

/* Clip-space point to (pixel x, pixel y, biased window depth). */
static void to_window(const renderer *r, const float c[4], float out[3])
{
    float iw = 1.0f / c[3];
    out[0] = (c[0] * iw * 0.5f + 0.5f) * (float)r->fb_w;
    out[1] = (0.5f - c[1] * iw * 0.5f) * (float)r->fb_h;
    float z = c[2] * iw - DEPTH_BIAS_NDC;
    out[2] = z * 0.5f + 0.5f;
}

static void run_append_clip(const renderer *r, float *pts, int *m, const float c[4])
{
    float w[3];
    to_window(r, c, w);
    run_append(pts, m, w[0], w[1], w[2]);
}

void render_polyline3d(renderer *r, const float *xyz, int n, const float view_proj[16],
                       float width, rgba color)
{
    if (!r || !xyz || !view_proj || n < 2 || !(width > 0.0f))
        return;
    /* Near-plane clipping adds at most one point per segment. */
    float *pts = render_scratch(r, 6 * (size_t)n);
    if (!pts)
        return;
    uint8_t col[4];
    color_to_u8(col, color);
    float hw = 0.5f * width * r->stroke;
    int m = 0;
    float prev[4];
    bool prev_in = false, prev_finite = false;
    for (int i = 0; i < n; i++) {
        float c[4];
        project(view_proj, xyz + 3 * i, c);
        bool finite = isfinite(c[0]) && isfinite(c[1]) && isfinite(c[2]) && isfinite(c[3]);
        bool in = finite && clip_ok(c);
        if (i > 0 && prev_finite && finite && in != prev_in) {
            /* The segment crosses the near plane: cut it there. */
            float sa = near_side(prev), sb = near_side(c);
            float t = sa / (sa - sb);
            float q[4];
            for (int k = 0; k < 4; k++)
                q[k] = prev[k] + t * (c[k] - prev[k]);
            if (q[3] > 1e-9f)
                run_append_clip(r, pts, &m, q);
        }
        if (in) {
            run_append_clip(r, pts, &m, c);
        } else if (m > 0) {
            emit_run(r, pts, m, hw, col, BATCH_3D);
            m = 0;
        }
        memcpy(prev, c, sizeof prev);
        prev_in = in;
        prev_finite = finite;
    }
    if (m > 0)
        emit_run(r, pts, m, hw, col, BATCH_3D);
}

void render_disc3d(renderer *r, const float xyz[3], const float view_proj[16], float radius,
                   rgba fill, float outline_px, rgba outline)
{
    if (!r || !xyz || !view_proj || !(radius > 0.0f))
        return;
    float c[4], w[3];
    project(view_proj, xyz, c);
    if (!clip_ok(c))
        return;
    to_window(r, c, w);
    prim_instance *it = batch_push(r, BATCH_2D);
    if (!it)
        return;
    it->geom[0] = w[0];
    it->geom[1] = w[1];
    it->extra[0] = outline_px > 0.0f ? outline_px : 0.0f;
    it->param[0] = radius;
    it->param[1] = it->param[2] = w[2];
    it->param[3] = PRIM_DISC;
    color_to_u8(it->color, fill);
    color_to_u8(it->color2, outline);
}
