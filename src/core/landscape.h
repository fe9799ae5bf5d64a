/*
 * landscape.h: the catalog of objective functions optiviz teaches with.
 *
 * Each landscape gives its value, exact gradient and exact Hessian in closed
 * form (no finite differences), its domain (which frames the view and bounds
 * the start point; iterates may leave it), a default lesson (start point and
 * learning rate) and the points worth marking. Sources: d2l.ai 12.1
 * "Optimization and Deep Learning" (risk, empirical risk, x^3, x^2 - y^2,
 * tanh), d2l 12.3/12.6 (quadratic, cosh, nonconvex, elliptic,
 * ill-conditioned), the classic test functions (monkey saddle, Rosenbrock,
 * Himmelblau, Beale, six-hump camel) and two-basin, optiviz's own surface
 * for the noise lesson in 2D. Lessons 1-5 (keys 1-5) are the first five.
 */
#ifndef OPTIVIZ_CORE_LANDSCAPE_H
#define OPTIVIZ_CORE_LANDSCAPE_H

#include <stdbool.h>
#include <stddef.h>

#define LANDSCAPE_MAX_MARKS 4

struct expr; /* a typed formula, core/expr.h */

/* Value, gradient and Hessian at one point. For 1D landscapes only g[0] and
 * h[0][0] are set; the rest are zero. The Hessian is symmetric. */
typedef struct landscape_point {
    double f;
    double g[2];
    double h[2][2];
} landscape_point;

/* A point worth labelling (a minimum the lesson is about). Its coordinates
 * come from landscape_mark_locate, polished by Newton's method on f'. */
typedef struct landscape_mark {
    const char *label;       /* e.g. "min of empirical risk" */
    const char *of_function; /* landscape whose point it is (NULL: this one) */
    double seed;             /* 1D: starting guess for Newton on f' */
} landscape_mark;

typedef struct landscape {
    const char *name;        /* catalog name, e.g. "empirical-risk" */
    int dim;                 /* 1 or 2 */
    double lo[2], hi[2];     /* domain [lo, hi] per coordinate */
    const char *lesson;      /* the lesson it teaches, UTF-8 heading */
    const char *title;       /* formula, UTF-8, e.g. "f(x) = x·cos(πx)" */
    const char *formula;     /* the same in expr.h's syntax, ASCII: "x*cos(pi*x)"
                              * (what E opens with; tests check they agree) */
    const char *symbol;      /* the function's letter in the title: "f" or "g" */
    const char *description; /* one line, ASCII */
    double start[2];         /* default start of the lesson */
    double lr;               /* default learning rate of the lesson */
    const char *optimizer;   /* the lesson's optimizer by name (optim_kind_find), or NULL:
                              * gradient descent ("newton" for Newton's method) */
    double noise;            /* the lesson's gradient-noise sigma for N (0: the app's
                              * default): large enough to matter against f's gradients */
    const char *companion;   /* another landscape drawn with it, or NULL */
    int n_marks;
    landscape_mark marks[LANDSCAPE_MAX_MARKS];
    void (*eval)(const double *x, landscape_point *out);
    const struct expr *expr; /* a typed formula evaluated instead of eval, or NULL */
} landscape;

/* Number of landscapes in the catalog, and the i-th (0 <= i < count). */
int landscape_count(void);
const landscape *landscape_at(int i);
/* Catalog lookup by name; NULL when unknown. */
const landscape *landscape_find(const char *name);
/* Index of l in the catalog, or -1. */
int landscape_index(const landscape *l);

/* Evaluates value, gradient and Hessian at x (l->dim coordinates): the
 * closed form of a catalog landscape, or expr_eval of a typed formula. */
void landscape_eval(const landscape *l, const double *x, landscape_point *out);

/* True when x (l->dim coordinates) lies in the closed domain. */
bool landscape_in_domain(const landscape *l, const double *x);

/* True when f and its gradient are finite at x: a run can start there
 * (a run at a point where they are not has RUNNER_UNDEFINED status). */
bool landscape_defined_at(const landscape *l, const double *x);

/* The point of the domain nearest x where f is defined (landscape_defined_at),
 * searched on a grid of 2000 cells along each side in 1D, 400 in 2D, and
 * nudged one cell inward so it is not on the edge of where f is defined
 * (sqrt(x) at 0 has an infinite gradient). x itself when it is defined.
 * False when no grid point is defined (out untouched). */
bool landscape_nearest_defined(const landscape *l, const double *x, double *out);

/* Locates a 1D critical point by Newton's method on f' from seed (at most
 * 50 iterations, |step| < 1e-15 relative stops it). Returns false when f''
 * vanishes or the iteration does not settle. */
bool landscape_critical_1d(const landscape *l, double seed, double *x_out);

/* One finite decimal number filling s but for spaces around it ("0.1",
 * " 2e-3 ", "-4"; an underflow to a tiny value is a number; an overflow,
 * inf, nan, hexadecimal and trailing junk are not). The one number parser
 * of optiviz: every option, the formula line's domain, scene and settings
 * files. */
bool landscape_parse_number(const char *s, double *out);
/* A whole number in [lo, hi] (|lo|, |hi| <= 2^53, so exact) by
 * landscape_parse_number ("1e3" is 1000). Returns 0 with *out set, 1 when
 * s is not a number, 2 when it is not whole, 3 when it is out of range. */
int landscape_parse_whole(const char *s, double lo, double hi, double *out);

/* Parses a domain "A:B" (1D) or "A:B,C:D" (2D) into lo/hi (2 entries
 * each); count gets the number of ranges. Each range needs finite A < B
 * with a finite width. Returns false with the reason in why (no prefix,
 * e.g. "'1:0' has a range 1:0 whose start is not below its end"). Shared by
 * --domain, the formula line and scene files. */
bool landscape_parse_domain(const char *s, double *lo, double *hi, int *count, char *why,
                            size_t n);

#endif
