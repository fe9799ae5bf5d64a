/*
 * camera.h: the orbit camera of the 3D surface view and ray picking on a
 * surface z = z_scale * f(x, y). Pure math (no GL): the app turns mouse
 * positions into rays here, the renderer gets the matrix.
 *
 * World coordinates: x and y are the landscape's, z = z_scale * f(x, y).
 * The camera orbits target at distance, yaw about +z (radians, 0 looks
 * along +y), pitch above the xy-plane (radians, in [-1.5, 1.5]).
 */
#ifndef OPTIVIZ_CORE_CAMERA_H
#define OPTIVIZ_CORE_CAMERA_H

#include "core/landscape.h"

#include <stdbool.h>

typedef struct camera {
    double yaw, pitch; /* radians */
    double distance;   /* world units from target, > 0 */
    double target[3];
    double fov_y;      /* vertical field of view, radians (widened for aspect < 1) */
} camera;

/* Clamps pitch to [-1.5, 1.5] and distance to [0.5, 100]. */
void camera_clamp(camera *c);
/* Eye position in world coordinates. */
void camera_eye(const camera *c, double eye[3]);
/* Column-major 4x4 projection * view for an aspect ratio width/height. */
void camera_view_proj(const camera *c, double aspect, float out[16]);
/* Ray through a point given in normalized device coordinates (x, y in
 * [-1, 1], y up): origin is the eye, dir a unit vector. */
void camera_ray(const camera *c, double aspect, double ndc_x, double ndc_y, double origin[3],
                double dir[3]);
/* Projects a world point to normalized device coordinates; false when it is
 * behind the camera. */
bool camera_project(const float view_proj[16], const double p[3], double ndc[2]);

/* First intersection of the ray with the surface z = z_scale * f(x, y) over
 * l's domain (a 2D landscape), seen from above or from below: marches the
 * ray through the domain's box and refines the sign change of
 * z_ray - z_surface by bisection. Writes the hit's
 * (x, y); returns false when the ray misses the surface. */
bool camera_pick_surface(const landscape *l, double z_scale, const double origin[3],
                         const double dir[3], double xy[2]);

/* Axis ticks: "nice" values (1, 2, 5 x 10^k) in [lo, hi], at most max_ticks
 * of them (max_ticks >= 2). Returns the count written to out (<= max_ticks)
 * and the step in *step. */
int axis_ticks(double lo, double hi, int max_ticks, double *out, double *step);

#endif
