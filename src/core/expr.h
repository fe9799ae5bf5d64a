/*
 * expr.h: formulas typed by a teacher, e.g. "x*cos(pi*x)" or "x^2 - y^2",
 * parsed once into a tree and evaluated with forward-mode automatic
 * differentiation to second order: the exact value, gradient and Hessian
 * (no finite differences), the same numbers as a built-in landscape that
 * spells the same formula.
 *
 * Grammar (precedence low to high): + - ; * / ; unary - + ; ^ (right
 * associative, binds tighter than unary minus: -x^2 = -(x^2)) ; atoms:
 * numbers (1, 2.5, .5, 1e-3), pi, e, x, y, ( expr ), and calls
 * sin cos tan exp log sqrt abs tanh sinh cosh sigmoid relu softplus (one
 * argument), min max pow (two). Whitespace is ignored.
 */
#ifndef OPTIVIZ_CORE_EXPR_H
#define OPTIVIZ_CORE_EXPR_H

#include "core/landscape.h"

#include <stdbool.h>
#include <stddef.h>

#define EXPR_MAX_TEXT 512  /* longest formula accepted, bytes */
#define EXPR_MAX_DEPTH 64  /* deepest nesting accepted */

typedef struct expr expr;

/* Where and why a formula was refused. column is 1-based (the byte where
 * the problem starts; one past the end for a missing operand at the end). */
typedef struct expr_error {
    int column;
    char message[160]; /* e.g. "unknown name 'sinn'" */
    const char *format; /* message's format, marked N_() for the catalog: its
                         * conversions are all %s, filled from args (the
                         * window prints it translated); NULL when none */
    char args[2][48];
} expr_error;

/* Parses text. dim 1 allows only x, dim 2 allows x and y, dim 0 infers
 * (2 when y appears, else 1). Returns NULL and fills err on a refused
 * formula (unknown name, unbalanced parenthesis, missing operand, trailing
 * junk, too deep, too long, empty, a function given the wrong number of
 * arguments); then 1 <= err->column <= strlen(text) + 1. err may be NULL.
 * Free the result with expr_free (NULL is fine). */
expr *expr_parse(const char *text, int dim, expr_error *err);
void expr_free(expr *e);

/* 1 or 2: the variables the formula is in. */
int expr_dim(const expr *e);

/* Value, gradient and Hessian at x (expr_dim coordinates), by second-order
 * forward-mode AD. Where the formula is undefined (log of a negative,
 * division by zero, sqrt of a negative) the results are NaN or infinite,
 * which the simulation reports as its own status. */
void expr_eval(const expr *e, const double *x, landscape_point *out);

/* Writes "text\n   ^" style two-line display of an error into buf: the
 * formula (line breaks shown as spaces), then a caret under err->column
 * (tabs in the formula copied, so it lines up). Cut to fit len bytes. */
void expr_error_caret(const char *text, const expr_error *err, char *buf, size_t len);

#endif
