/*
 * custom.c: a landscape from a typed formula: parses it (core/expr.c),
 * fills the landscape's fields (domain, title "f(x) = ...", a start off
 * the centre, lr 0.1) and keeps the strings it points at.
 */
#include "core/custom.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

bool landscape_custom_init(landscape_custom *c, const char *text, int dim, const double *lo,
                           const double *hi, expr_error *err)
{
    memset(c, 0, sizeof *c);
    expr *e = expr_parse(text, dim, err);
    if (!e)
        return false;
    const int d = expr_dim(e);
    landscape *l = &c->land;
    for (int k = 0; k < d; k++) {
        l->lo[k] = lo ? lo[k] : -2.0;
        l->hi[k] = hi ? hi[k] : 2.0;
        if (!(isfinite(l->lo[k]) && isfinite(l->hi[k]) && l->lo[k] < l->hi[k] &&
              isfinite(l->hi[k] - l->lo[k]))) {
            err->column = 0;
            snprintf(err->message, sizeof err->message,
                     "domain [%g, %g] needs finite ends with the first below the second",
                     l->lo[k], l->hi[k]);
            expr_free(e);
            memset(c, 0, sizeof *c);
            return false;
        }
    }
    c->e = e;
    snprintf(c->text, sizeof c->text, "%s", text);
    snprintf(c->title, sizeof c->title, "%s = %s", d == 1 ? "f(x)" : "f(x, y)", text);
    snprintf(c->description, sizeof c->description, "your function: %s", text);
    l->name = "expr";
    l->dim = d;
    l->lesson = "Your function";
    l->title = c->title;
    l->formula = c->text;
    l->symbol = "f";
    l->description = c->description;
    l->start[0] = l->lo[0] + 0.8 * (l->hi[0] - l->lo[0]);
    if (d == 2)
        l->start[1] = l->lo[1] + 0.55 * (l->hi[1] - l->lo[1]);
    l->lr = 0.1;
    l->expr = e;
    return true;
}

void landscape_custom_free(landscape_custom *c)
{
    expr_free(c->e);
    memset(c, 0, sizeof *c);
}
