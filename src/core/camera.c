/*
 * camera.c: orbit camera matrices (a right-handed look-at and an OpenGL
 * perspective projection, as in gluLookAt / gluPerspective), ray picking on
 * a height field, and nice axis ticks (the 1-2-5 rule, Heckbert, "Nice
 * numbers for graph labels", Graphics Gems, 1990).
 */
#include "core/camera.h"

#include <math.h>

static const double NEAR_PLANE = 0.05, FAR_PLANE = 200.0;

void camera_clamp(camera *c)
{
    c->pitch = fmin(1.5, fmax(-1.5, c->pitch));
    c->distance = fmin(100.0, fmax(0.5, c->distance));
}

void camera_eye(const camera *c, double eye[3])
{
    const double cp = cos(c->pitch);
    eye[0] = c->target[0] - c->distance * cp * sin(c->yaw);
    eye[1] = c->target[1] - c->distance * cp * cos(c->yaw);
    eye[2] = c->target[2] + c->distance * sin(c->pitch);
}

static void normalize(double v[3])
{
    const double n = sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    if (n > 0)
        for (int i = 0; i < 3; i++)
            v[i] /= n;
}

static void cross(const double a[3], const double b[3], double out[3])
{
    out[0] = a[1] * b[2] - a[2] * b[1];
    out[1] = a[2] * b[0] - a[0] * b[2];
    out[2] = a[0] * b[1] - a[1] * b[0];
}

/* Camera basis: forward f, right r, up u (unit vectors). */
static void basis(const camera *c, double f[3], double r[3], double u[3])
{
    double eye[3];
    camera_eye(c, eye);
    for (int i = 0; i < 3; i++)
        f[i] = c->target[i] - eye[i];
    normalize(f);
    const double world_up[3] = {0, 0, 1};
    cross(f, world_up, r);
    normalize(r);
    cross(r, f, u);
}

/* Vertical field of view for an aspect ratio: below aspect 1 the vertical
 * angle widens so the horizontal one never shrinks under fov_y (a tall,
 * narrow window still shows the whole surface). */
static double fov_for(const camera *c, double aspect)
{
    if (aspect >= 1.0 || !(aspect > 0.0))
        return c->fov_y;
    return 2.0 * atan(tan(c->fov_y / 2.0) / aspect);
}

void camera_view_proj(const camera *c, double aspect, float out[16])
{
    double f[3], r[3], u[3], eye[3];
    basis(c, f, r, u);
    camera_eye(c, eye);
    /* view matrix rows: r, u, -f; translation -R*eye (column-major) */
    double view[16] = {
        r[0], u[0], -f[0], 0,
        r[1], u[1], -f[1], 0,
        r[2], u[2], -f[2], 0,
        -(r[0] * eye[0] + r[1] * eye[1] + r[2] * eye[2]),
        -(u[0] * eye[0] + u[1] * eye[1] + u[2] * eye[2]),
        (f[0] * eye[0] + f[1] * eye[1] + f[2] * eye[2]),
        1,
    };
    const double t = 1.0 / tan(fov_for(c, aspect) / 2.0);
    double proj[16] = {0};
    proj[0] = t / aspect;
    proj[5] = t;
    proj[10] = (FAR_PLANE + NEAR_PLANE) / (NEAR_PLANE - FAR_PLANE);
    proj[11] = -1.0;
    proj[14] = 2.0 * FAR_PLANE * NEAR_PLANE / (NEAR_PLANE - FAR_PLANE);
    for (int col = 0; col < 4; col++)
        for (int row = 0; row < 4; row++) {
            double s = 0;
            for (int k = 0; k < 4; k++)
                s += proj[k * 4 + row] * view[col * 4 + k];
            out[col * 4 + row] = (float)s;
        }
}

void camera_ray(const camera *c, double aspect, double ndc_x, double ndc_y, double origin[3],
                double dir[3])
{
    double f[3], r[3], u[3];
    basis(c, f, r, u);
    camera_eye(c, origin);
    const double t = tan(fov_for(c, aspect) / 2.0);
    for (int i = 0; i < 3; i++)
        dir[i] = f[i] + ndc_x * t * aspect * r[i] + ndc_y * t * u[i];
    normalize(dir);
}

bool camera_project(const float m[16], const double p[3], double ndc[2])
{
    const double x = m[0] * p[0] + m[4] * p[1] + m[8] * p[2] + m[12];
    const double y = m[1] * p[0] + m[5] * p[1] + m[9] * p[2] + m[13];
    const double w = m[3] * p[0] + m[7] * p[1] + m[11] * p[2] + m[15];
    if (!(w > 1e-9))
        return false;
    ndc[0] = x / w;
    ndc[1] = y / w;
    return true;
}

/* Height of the ray above the surface at parameter t (NAN outside domain). */
static double gap(const landscape *l, double z_scale, const double o[3], const double d[3],
                  double t)
{
    const double p[2] = {o[0] + t * d[0], o[1] + t * d[1]};
    if (!landscape_in_domain(l, p))
        return NAN;
    landscape_point v;
    landscape_eval(l, p, &v);
    return o[2] + t * d[2] - z_scale * v.f;
}

bool camera_pick_surface(const landscape *l, double z_scale, const double origin[3],
                         const double dir[3], double xy[2])
{
    const int steps = 2000;
    const double span = fmax(l->hi[0] - l->lo[0], l->hi[1] - l->lo[1]);
    const double t_max = sqrt(origin[0] * origin[0] + origin[1] * origin[1] +
                              origin[2] * origin[2]) + 4.0 * span;
    double t_prev = 0.0, g_prev = NAN;
    for (int i = 1; i <= steps; i++) {
        const double t = t_max * i / steps;
        const double g = gap(l, z_scale, origin, dir, t);
        /* the ray crosses the surface from above or, seen from below, from under it */
        if (isfinite(g) && isfinite(g_prev) && ((g_prev > 0.0) != (g > 0.0))) {
            const bool above = g_prev > 0.0;
            double a = t_prev, b = t;
            for (int k = 0; k < 60; k++) {
                const double mid = 0.5 * (a + b);
                const double gm = gap(l, z_scale, origin, dir, mid);
                if (isfinite(gm) && (gm > 0.0) == above)
                    a = mid;
                else
                    b = mid;
            }
            xy[0] = origin[0] + b * dir[0];
            xy[1] = origin[1] + b * dir[1];
            return true;
        }
        t_prev = t;
        g_prev = g;
    }
    return false;
}

int axis_ticks(double lo, double hi, int max_ticks, double *out, double *step)
{
    if (!(hi > lo) || max_ticks < 2) {
        *step = 0;
        return 0;
    }
    const double raw = (hi - lo) / (max_ticks - 1);
    const double mag = pow(10.0, floor(log10(raw)));
    const double steps[] = {1, 2, 2.5, 5, 10};
    double s = 10 * mag;
    for (int i = 0; i < 5; i++) {
        if (steps[i] * mag >= raw) {
            s = steps[i] * mag;
            break;
        }
    }
    int n = 0;
    const double first = ceil(lo / s - 1e-9) * s;
    for (double v = first; v <= hi + 1e-9 * s && n < max_ticks; v = first + n * s) {
        out[n++] = fabs(v) < 1e-12 * s ? 0.0 : v;
    }
    *step = s;
    return n;
}
