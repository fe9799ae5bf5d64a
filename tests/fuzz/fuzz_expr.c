/*
 * fuzz_expr.c: libFuzzer target for the formula parser and its
 * forward-mode AD (core/expr.c, core/expr_ad.c, core/custom.c). The input
 * is a formula; a refused one must give a column inside the text and a
 * caret display that fits; an accepted one is evaluated (value, gradient,
 * Hessian) at points from ordinary to overflowing, made into a landscape
 * on a domain, and its critical points found on a coarse grid. The input
 * is also read as a domain and a number (landscape_parse_*). Built with
 * clang -fsanitize=fuzzer,address,undefined,float-cast-overflow, so any
 * out-of-bounds access, undefined behaviour or float-to-integer overflow
 * aborts.
 */
#include "core/critical.h"
#include "core/custom.h"
#include "core/expr.h"
#include "core/landscape.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 2 * EXPR_MAX_TEXT)
        return 0;
    char text[2 * EXPR_MAX_TEXT + 1];
    memcpy(text, data, size);
    text[size] = '\0';

    double lo[2], hi[2], v;
    int count;
    char why[400];
    (void)landscape_parse_domain(text, lo, hi, &count, why, sizeof why);
    (void)landscape_parse_number(text, &v);
    (void)landscape_parse_whole(text, 0, 9007199254740992.0, &v);

    expr_error err;
    expr *e = expr_parse(text, 0, &err);
    if (!e) {
        const size_t len = strlen(text);
        if (err.column < 1 || (size_t)err.column > len + 1)
            abort(); /* the column must point into the text (or one past it) */
        char caret[4 * EXPR_MAX_TEXT + 8];
        expr_error_caret(text, &err, caret, sizeof caret);
        return 0;
    }
    static const double pts[][2] = {{0, 0},     {1, -1},     {0.5, 2},     {-3, 1e-3},
                                    {1e3, -1e3}, {360, 475},  {-745, 710},  {1e-300, -1e-300},
                                    {1e308, 1}, {-0.0, 0.0}};
    for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++) {
        landscape_point p;
        expr_eval(e, pts[i], &p);
    }
    const int dim = expr_dim(e);
    expr_free(e);

    /* as a landscape on a small domain, with its critical points */
    landscape_custom c;
    const double dlo[2] = {-2.0, -1.5}, dhi[2] = {2.0, 1.0};
    if (landscape_custom_init(&c, text, dim, dlo, dhi, &err)) {
        const critical_params cp = {.intervals = 200, .seeds = 4};
        critical_set s;
        if (critical_find(&s, &c.land, &cp))
            critical_free(&s);
        landscape_custom_free(&c);
    }
    return 0;
}
