/*
 * view.h: how the landscape is shown, as one named kind: a curve (1D), a
 * surface seen through the orbit camera, or a contour map (2D). This
 * module owns everything that depends on the kind: fitting the view to a
 * landscape, the mapping between the landscape's coordinates and
 * framebuffer pixels (and the 3D projection), picking a point under the
 * pointer, and zooming. Drawing and input ask it; nothing else branches on
 * the dimension to decide how to map a point.
 */
#ifndef OPTIVIZ_APP_VIEW_H
#define OPTIVIZ_APP_VIEW_H

#include "app/layout.h"
#include "core/camera.h"
#include "core/landscape.h"
#include "core/levels.h"

#include <stdbool.h>

#define APP_GRID_N 101 /* samples per side of the 3D wireframe, as d2l's figure */

typedef enum view_kind {
    VIEW_CURVE = 0, /* 1D: x across, f up */
    VIEW_SURFACE,   /* 2D: a wireframe surface, z = z_scale * f, orbit camera */
    VIEW_CONTOUR,   /* 2D: a contour map, x across, y up */
} view_kind;

typedef struct view {
    view_kind kind;
    bool contour;       /* 2D landscapes shown as contour maps (C, --view, scenes) */
    double box[4];      /* x0, x1 and (curve) f0, f1 or (2D) y0, y1 in landscape units */
    camera cam;         /* the surface's camera */
    double z_scale;     /* surface: world z = z_scale * f */
    double f_range;     /* f's range over the domain (> 0) */
    float heights[APP_GRID_N * APP_GRID_N]; /* 2D: f on the grid, clamped to its range */
    unsigned heights_id; /* changes when heights change */
    float heights_lo, heights_hi; /* their range */
    levels lv;          /* 2D: the contour map's levels (even, or log-spaced: levels.h) */
    float mapped[APP_GRID_N * APP_GRID_N]; /* 2D: heights as the contour map plots them */
} view;

/* Fits v to l: the kind from l's dimension (and v->contour), the box to the
 * domain and (curve) the value range of l and companion (may be NULL) with
 * room below for marked points whose values mark_f (n_marks of them) sit
 * low; (2D) the height grid, z scale and camera, the value range down to
 * the lowest of mark_f (a known minimum the grid's samples miss). */
void view_fit(view *v, const landscape *l, const landscape *companion, const double *mark_f,
              int n_marks);
/* Shows 2D landscapes as a contour map (on) or a surface (off), the box
 * back on l's domain; a curve view stays a curve and keeps the wish for the
 * next 2D landscape. */
void view_set_contour(view *v, const landscape *l, bool on);

/* The contour map keeps equal scales on both axes (a circle stays a
 * circle): lay's plot rectangle shrinks, centred, to the box's aspect
 * ratio (letterboxed). Other kinds leave lay as it is. app_layout calls
 * it, so drawing, picking and zooming share the one mapping. */
void view_letterbox(const view *v, layout *lay);

/* Mapping of the curve and contour views between landscape coordinates
 * (x across; f or y up) and framebuffer pixels of lay's plot. */
float view_x_to_px(const view *v, const layout *lay, double x);
float view_y_to_px(const view *v, const layout *lay, double y);
double view_px_to_x(const view *v, const layout *lay, float px);
double view_px_to_y(const view *v, const layout *lay, float py);
/* Surface view: the camera's projection * view, followed by the viewport
 * transform that maps the plot rectangle onto the framebuffer's clip space
 * (the renderer draws into the whole framebuffer). Column-major. */
void view3d_matrix(const view *v, const layout *lay, float out[16]);
/* Where the world point p (x, y, z; surface view) lands in framebuffer
 * pixels under the matrix vp of view3d_matrix; false behind the camera. */
bool view_world_to_px(const float vp[16], const layout *lay, const double p[3], float *px,
                      float *py);
/* Where the landscape point (x, y) with value f is on screen, in
 * framebuffer pixels, for every kind (curve: (x, f); contour: (x, y);
 * surface: projected at z = z_scale * f + lift). False when it is not
 * (behind the camera, not finite). */
bool view_to_px(const view *v, const layout *lay, double x, double y, double f, double lift,
                float *px, float *py);

/* The landscape point under the pointer (px, py), clamped to l's domain,
 * into start (l->dim coordinates); false when the pointer is off the
 * surface. */
bool view_pick(const view *v, const landscape *l, const layout *lay, float px, float py,
               double *start);
/* Zooms by factor (> 1: in) about the pixel (px, py): the surface moves its
 * camera closer; curve and contour views shrink their box, kept between a
 * thousandth and ten times l's domain. */
void view_zoom(view *v, const landscape *l, const layout *lay, double factor, float px, float py);
/* True when (x, y) lies in lay's plot rectangle. */
bool view_in_plot(const layout *lay, float x, float y);

#endif
