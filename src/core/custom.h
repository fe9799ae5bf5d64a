/*
 * custom.h: a landscape made from a typed formula (core/expr.h). The owner
 * holds the landscape, the parsed formula and copies of the strings the
 * landscape points at (text, title, description), so it lives as long as
 * its caller keeps it; it must not be copied by value (the landscape points
 * into it).
 */
#ifndef OPTIVIZ_CORE_CUSTOM_H
#define OPTIVIZ_CORE_CUSTOM_H

#include "core/expr.h"
#include "core/landscape.h"

#include <stdbool.h>

typedef struct landscape_custom {
    landscape land; /* name "expr", lesson "Your function", land.expr = e */
    expr *e;        /* NULL when not set up */
    char text[EXPR_MAX_TEXT + 1];
    char title[3 * EXPR_MAX_TEXT + 16]; /* pretty: x², ·, −, π take more bytes */
    char description[EXPR_MAX_TEXT + 32];
} landscape_custom;

/* Parses text (dim 1, 2, or 0 to infer) and sets up c as a landscape on
 * [lo[k], hi[k]] per coordinate (lo, hi: NULL for [-2, 2]; they need
 * expr_dim entries with finite lo < hi). The start is off the domain's
 * centre (0.8 of the way along x; 0.55 along y), where a symmetric formula
 * would sit on a critical point; lr 0.1; no companion, no marks. Returns
 * false with err filled on a refused formula (err->column 0: the domain is
 * invalid); c is then zeroed and needs no landscape_custom_free. */
bool landscape_custom_init(landscape_custom *c, const char *text, int dim, const double *lo,
                           const double *hi, expr_error *err);
/* Frees the formula; c is zeroed. Safe on a zeroed or freed c. */
void landscape_custom_free(landscape_custom *c);

#endif
