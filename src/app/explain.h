/*
 * explain.h: the worked example of step-by-step mode (key T): the update
 * rule of the runner's last step written out with its numbers, e.g.
 * "v ← μ·v + g = 0.9·(−1.2) + 0.53 = −0.55": the numbers shown, put into the
 * formula shown, give the value applied. Reads a runner, writes text.
 */
#ifndef OPTIVIZ_APP_EXPLAIN_H
#define OPTIVIZ_APP_EXPLAIN_H

#include "core/sim.h"

#include <stddef.h>

#define EXPLAIN_MAX_LINES 20
#define EXPLAIN_LINE 200

/* Writes up to EXPLAIN_MAX_LINES lines (UTF-8) describing r's last step
 * (r->step > 0) in the optimizer's own symbols; returns the line count. */
int explain_step(const runner *r, char lines[EXPLAIN_MAX_LINES][EXPLAIN_LINE]);

/* The eigenvalue computation of a 2x2 Hessian [[a, b], [c, d]] written out with its
 * numbers (d2l 12.1's second-derivative test in 2D): det(H − λI) = 0 as a
 * product, the quadratic in λ, the two roots (larger first) and the
 * verdict, e.g. for x² − y²: "(2 − λ)(−2 − λ) − 0·0 = 0", "λ = ... = 2, −2",
 * "one positive, one negative: a saddle point". Returns the line count. */
int explain_eigen(double a, double b, double c, double d,
                  char lines[EXPLAIN_MAX_LINES][EXPLAIN_LINE]);

#endif
