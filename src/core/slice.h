/*
 * slice.h: a 2D landscape cut along one axis through a point, the curve
 * f(x, y0) or f(x0, y), and what its second derivative there says: d2l
 * 12.1's reading of x^2 - y^2 as a minimum along x and a maximum along y.
 */
#ifndef OPTIVIZ_CORE_SLICE_H
#define OPTIVIZ_CORE_SLICE_H

#include "core/landscape.h"

/* n samples (>= 2) of the slice of l (2D) through `through` along axis (0:
 * x varies, 1: y varies) across the domain: t[i] the varying coordinate,
 * f[i] the value there. Returns the slice's second derivative at the point
 * (the Hessian's diagonal entry for the axis): > 0 a minimum along it, < 0
 * a maximum. */
double landscape_slice(const landscape *l, const double *through, int axis, int n, double *t,
                       double *f);

#endif
