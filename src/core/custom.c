/*
 * custom.c: a landscape from a typed formula: parses it (core/expr.c),
 * fills the landscape's fields (domain, title "f(x) = ...", a start off
 * the centre, lr 0.1) and keeps the strings it points at.
 */
#include "core/custom.h"

#include "core/nls.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* The formula as a title: x^2 as x², * as ·, - as −, pi as π (UTF-8);
 * everything else as typed. Cut to fit n bytes. */
static void pretty(const char *text, char *out, size_t n)
{
    static const char *const super[10] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    size_t k = 0;
    for (const char *p = text; *p && k + 4 < n;) {
        const char *piece = NULL;
        char one[2] = {*p, '\0'};
        if (p[0] == '^' && p[1] >= '0' && p[1] <= '9' && !(p[2] >= '0' && p[2] <= '9') &&
            p[2] != '.') {
            piece = super[p[1] - '0'];
            p += 2;
        } else if (p[0] == 'p' && p[1] == 'i' && !isalnum((unsigned char)p[2]) &&
                   (p == text || !isalnum((unsigned char)p[-1]))) {
            piece = "π";
            p += 2;
        } else if (*p == '*') {
            piece = "·";
            p++;
        } else if (*p == '-') {
            piece = "−";
            p++;
        } else {
            piece = one;
            p++;
        }
        const size_t len = strlen(piece);
        if (k + len >= n)
            break;
        memcpy(out + k, piece, len);
        k += len;
    }
    out[k] = '\0';
}

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
    char shown[sizeof c->title - 16];
    pretty(text, shown, sizeof shown);
    snprintf(c->title, sizeof c->title, "%s = %s", d == 1 ? "f(x)" : "f(x, y)", shown);
    snprintf(c->description, sizeof c->description, "your function: %s", text);
    l->name = "expr";
    l->dim = d;
    l->lesson = N_("Your function");
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
