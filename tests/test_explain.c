/*
 * test_explain.c: the step-by-step text computes what was applied. For
 * every optimizer and flag combination (momentum, dampening, Nesterov,
 * weight decay, centered, AMSGrad, lr decay, a schedule, noise; 1D and 2D),
 * each line "symbol ← formula = numbers = value" is read back: the
 * numbers, put into the formula as printed (a calculator: core/expr), give
 * the value printed, and the update line gives the iterate the runner
 * applied. The tolerance is the printed numbers' own rounding (each literal
 * moved by half a unit of its last significant digit), nothing looser.
 * One case is checked against torch.optim's numbers
 * (tests/reference/rmsprop_centered-quadratic.csv).
 */
#include "app/explain.h"
#include "core/expr.h"
#include "core/sim.h"

#include <ctype.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static sim s;

/* Replaces every occurrence of from by to in buf (size n). */
static void replace_all(char *buf, size_t n, const char *from, const char *to)
{
    char out[2048];
    size_t j = 0;
    const size_t fl = strlen(from), tl = strlen(to);
    for (const char *p = buf; *p && j + tl + 1 < sizeof out;) {
        if (strncmp(p, from, fl) == 0) {
            memcpy(out + j, to, tl);
            j += tl;
            p += fl;
        } else {
            out[j++] = *p++;
        }
    }
    out[j] = '\0';
    if (snprintf(buf, n, "%s", out) < 0)
        buf[0] = '\0';
}

/* Keeps coordinate k of every pair "(a, b)" (a '(' not after a letter or
 * digit, with a comma at its own depth), as "(a)" or "(b)". */
static void pick_component(const char *in, int k, char *out, size_t n)
{
    size_t j = 0;
    for (size_t i = 0; in[i] && j + 2 < n;) {
        const bool call = i > 0 && (isalnum((unsigned char)in[i - 1]) || in[i - 1] == '_');
        if (in[i] == '(' && !call) {
            /* find the matching ')' and a comma at depth 1 */
            int depth = 0;
            size_t comma = 0, end = 0;
            for (size_t q = i; in[q]; q++) {
                if (in[q] == '(')
                    depth++;
                else if (in[q] == ')' && --depth == 0) {
                    end = q;
                    break;
                } else if (in[q] == ',' && depth == 1 && !comma)
                    comma = q;
            }
            if (end && comma) {
                char part[512];
                const size_t a = k == 0 ? i + 1 : comma + 1, b = k == 0 ? comma : end;
                snprintf(part, sizeof part, "%.*s", (int)(b - a), in + a);
                char sub[512];
                pick_component(part, k, sub, sizeof sub);
                j += (size_t)snprintf(out + j, n - j, "(%s)", sub);
                i = end + 1;
                continue;
            }
        }
        out[j++] = in[i++];
    }
    out[j] = '\0';
}

/* Screen notation to the calculator's: · − √ ² and spaces. */
static void to_ascii(char *buf, size_t n)
{
    replace_all(buf, n, "·", "*");
    replace_all(buf, n, "−", "-");
    replace_all(buf, n, "√", "sqrt");
    replace_all(buf, n, "²", "^2");
}

/* Evaluates a constant formula; false when it is not one (symbols). */
static bool eval_const(const char *text, double *out)
{
    if (strchr(text, 'x') || strchr(text, 'y'))
        return false;
    expr_error err;
    expr *e = expr_parse(text, 1, &err);
    if (!e)
        return false;
    const double x0 = 0.0;
    landscape_point pt;
    expr_eval(e, &x0, &pt);
    expr_free(e);
    *out = pt.f;
    return true;
}

/* Half a unit in the last significant digit a literal carries, at least
 * its 4th (the explanation prints 4 significant digits). */
static double half_unit(const char *lit, double v)
{
    int sig = 0;
    bool started = false;
    for (const char *p = lit; *p && *p != 'e' && *p != 'E'; p++) {
        if (isdigit((unsigned char)*p)) {
            started = started || *p != '0';
            sig += started;
        }
    }
    if (sig < 4)
        sig = 4;
    if (v == 0.0)
        return 0.0;
    return 0.5 * pow(10.0, floor(log10(fabs(v))) - (sig - 1));
}

/* Value of a constant formula and the change its printed rounding can make:
 * each literal moved by its half unit, changes added. */
static bool eval_with_tolerance(const char *text, double *value, double *tol)
{
    if (!eval_const(text, value))
        return false;
    *tol = 0.0;
    for (size_t i = 0; text[i];) {
        const bool lead = i == 0 || !(isalnum((unsigned char)text[i - 1]) || text[i - 1] == '.');
        if (lead && (isdigit((unsigned char)text[i]) || text[i] == '.')) {
            char *end;
            const double v = strtod(text + i, &end);
            const size_t len = (size_t)(end - (text + i));
            char lit[64], moved[1024];
            snprintf(lit, sizeof lit, "%.*s", (int)len, text + i);
            snprintf(moved, sizeof moved, "%.*s(%.17g)%s", (int)i, text,
                     v + half_unit(lit, v), text + i + len);
            double w;
            if (eval_const(moved, &w))
                *tol += fabs(w - *value);
            i += len;
        } else {
            i++;
        }
    }
    *tol = 2.0 * *tol + 1e-12 * fabs(*value);
    return true;
}

/* Checks the explanation of r's last step; returns the number of lines
 * whose numbers were checked. Every group of numeric parts of a line must
 * agree, and the last "x ←" line must give r->x. */
static int check_explanation(const runner *r, const char *what)
{
    char lines[EXPLAIN_MAX_LINES][EXPLAIN_LINE];
    const int n = explain_step(r, lines);
    if (!(n > 0 && n < EXPLAIN_MAX_LINES))
    {
        for (int i = 0; i < n; i++)
            fprintf(stderr, "%s\n", lines[i]);
        fail_msg("%s: %d lines", what, n);
    }
    /* join continuation lines ("= ..." continues the line above) */
    char logical[EXPLAIN_MAX_LINES][1024];
    int m = 0;
    for (int i = 0; i < n; i++) {
        if (strncmp(lines[i], "= ", 2) == 0 && m > 0) {
            const size_t used = strlen(logical[m - 1]);
            snprintf(logical[m - 1] + used, sizeof logical[0] - used, " %s", lines[i]);
        } else {
            if (snprintf(logical[m++], sizeof logical[0], "%s", lines[i]) < 0)
                return 0;
        }
    }
    int checked = 0;
    bool saw_update = false;
    for (int i = 0; i < m; i++) {
        const bool update = strncmp(logical[i], "x ←", 4) == 0 || strstr(logical[i], ": x ←");
        for (int k = 0; k < r->land->dim; k++) {
            char comp[1024];
            pick_component(logical[i], k, comp, sizeof comp);
            to_ascii(comp, sizeof comp);
            /* split at " = " */
            double vals[8], tols[8];
            int nv = 0;
            char *p = comp;
            while (p && nv < 8) {
                char *eq = strstr(p, " = ");
                if (eq)
                    *eq = '\0';
                if (eval_with_tolerance(p, &vals[nv], &tols[nv]))
                    nv++;
                p = eq ? eq + 3 : NULL;
            }
            for (int a = 1; a < nv; a++) {
                if (fabs(vals[a] - vals[0]) > tols[a] + tols[0])
                    fail_msg("%s: line \"%s\" coordinate %d: %.10g vs %.10g (tolerance %.3g)",
                             what, logical[i], k, vals[0], vals[a], tols[a] + tols[0]);
            }
            if (update) {
                if (nv < (r->opt.kind == OPTIM_ANNEAL ? 1 : 2))
                    fail_msg("%s: update line \"%s\" has %d numbers (read as \"%s\")", what,
                             logical[i], nv, comp);
                for (int a = 0; a < nv; a++)
                    if (fabs(vals[a] - r->x[k]) > tols[a])
                        fail_msg("%s: update \"%s\" coordinate %d gives %.10g, applied %.10g "
                                 "(tolerance %.3g)",
                                 what, logical[i], k, vals[a], r->x[k], tols[a]);
            }
            checked += nv >= 2;
        }
        saw_update = saw_update || update;
    }
    if (!saw_update)
        fail_msg("%s: no update line", what);
    return checked;
}

typedef struct combo {
    const char *name;
    optim_kind kind;
    optim_params p;
} combo;

static void run_combo(const combo *c, const char *land, const double *start, double noise,
                      schedule sched)
{
    optim_params op = optim_defaults(c->kind);
    /* overrides: fields the combo sets (lr always set) */
    op.lr = c->p.lr;
    op.momentum = c->p.momentum;
    op.dampening = c->p.dampening;
    op.nesterov = c->p.nesterov;
    op.weight_decay = c->p.weight_decay;
    op.centered = c->p.centered;
    op.amsgrad = c->p.amsgrad;
    op.lr_decay = c->p.lr_decay;
    if (c->p.alpha)
        op.alpha = c->p.alpha;
    if (c->p.initial_accumulator)
        op.initial_accumulator = c->p.initial_accumulator;
    const runner_params rp = {.land = landscape_find(land), .kind = c->kind, .optim = op,
                              .noise = noise, .sched = sched, .seed = 3, .start = start};
    char err[256];
    if (!sim_init(&s, &rp, 1, 8.0, err, sizeof err))
        fail_msg("%s: %s", c->name, err);
    runner *r = &s.runners[0];
    int checked = 0;
    for (int i = 0; i < 12; i++) {
        runner_step(r);
        if (r->status == RUNNER_DIVERGED || r->status == RUNNER_UNDEFINED)
            break;
        char what[160];
        snprintf(what, sizeof what, "%s on %s step %ld", c->name, land, r->step);
        checked += check_explanation(r, what);
    }
    if (checked < 12)
        fail_msg("%s on %s: %d lines checked", c->name, land, checked);
}

static const combo combos[] = {
    {"gd", OPTIM_SGD, {.lr = 0.1}},
    {"sgd momentum", OPTIM_SGD, {.lr = 0.05, .momentum = 0.9}},
    {"sgd dampening", OPTIM_SGD, {.lr = 0.05, .momentum = 0.8, .dampening = 0.3}},
    {"sgd nesterov", OPTIM_SGD, {.lr = 0.05, .momentum = 0.9, .nesterov = true}},
    {"sgd weight decay", OPTIM_SGD, {.lr = 0.05, .momentum = 0.5, .weight_decay = 0.1}},
    {"adagrad", OPTIM_ADAGRAD, {.lr = 0.5}},
    {"adagrad decay", OPTIM_ADAGRAD, {.lr = 0.5, .lr_decay = 0.1, .initial_accumulator = 0.5}},
    {"adagrad wd", OPTIM_ADAGRAD, {.lr = 0.5, .weight_decay = 0.2}},
    {"rmsprop", OPTIM_RMSPROP, {.lr = 0.05}},
    {"rmsprop centered", OPTIM_RMSPROP, {.lr = 0.5, .centered = true}},
    {"rmsprop momentum", OPTIM_RMSPROP, {.lr = 0.01, .momentum = 0.9}},
    {"rmsprop centered momentum wd", OPTIM_RMSPROP,
     {.lr = 0.01, .momentum = 0.5, .centered = true, .weight_decay = 0.1, .alpha = 0.9}},
    {"adadelta", OPTIM_ADADELTA, {.lr = 1.0}},
    {"adadelta wd", OPTIM_ADADELTA, {.lr = 2.0, .weight_decay = 0.1}},
    {"adam", OPTIM_ADAM, {.lr = 0.3}},
    {"adam amsgrad", OPTIM_ADAM, {.lr = 0.3, .amsgrad = true}},
    {"adam wd", OPTIM_ADAM, {.lr = 0.3, .weight_decay = 0.05}},
    {"adamw", OPTIM_ADAMW, {.lr = 0.3, .weight_decay = 0.05}},
    {"adamw amsgrad", OPTIM_ADAMW, {.lr = 0.3, .weight_decay = 0.1, .amsgrad = true}},
    {"newton", OPTIM_NEWTON, {.lr = 1.0}},
    {"damped newton", OPTIM_NEWTON, {.lr = 0.5}},
};
enum { N_COMBOS = (int)(sizeof combos / sizeof combos[0]) };

static void test_every_optimizer_1d(void **state)
{
    (void)state;
    const double start = 2.3;
    for (int i = 0; i < N_COMBOS; i++)
        run_combo(&combos[i], combos[i].kind == OPTIM_NEWTON ? "cosh" : "nonconvex", &start, 0.0,
                  (schedule){0});
}

static void test_every_optimizer_2d(void **state)
{
    (void)state;
    const double start[2] = {-1.5, 1.0};
    for (int i = 0; i < N_COMBOS; i++)
        run_combo(&combos[i], combos[i].kind == OPTIM_NEWTON ? "himmelblau" : "two-basin", start,
                  0.0, (schedule){0});
}

static void test_noise_and_schedules(void **state)
{
    (void)state;
    const double start = 2.3, start2[2] = {-4.0, -2.0};
    schedule sq = {.kind = SCHEDULE_SQRT}, fac = {.kind = SCHEDULE_FACTOR, .factor = 0.8};
    char err[128];
    assert_true(schedule_check(&sq, err, sizeof err) && schedule_check(&fac, err, sizeof err));
    for (int i = 0; i < N_COMBOS; i++) {
        if (combos[i].kind == OPTIM_NEWTON)
            continue;
        run_combo(&combos[i], "nonconvex", &start, 0.7, sq);
        run_combo(&combos[i], "elliptic", start2, 0.5, fac);
    }
}

static void test_anneal(void **state)
{
    (void)state;
    const combo c = {"anneal", OPTIM_ANNEAL, {.lr = 0}};
    const double start = 2.3, start2[2] = {-1.0, 0.5};
    run_combo(&c, "risk", &start, 0.0, (schedule){0});
    run_combo(&c, "two-basin", start2, 0.0, (schedule){0});
}

/* The case: centered RMSProp on x^2; torch.optim.RMSprop(lr=0.3,
 * alpha=0.9, centered=True) from 6 gives 5.000000002777778 then
 * 4.305019101978572 (tests/reference/rmsprop_centered-quadratic.csv). */
static void test_centered_rmsprop_against_torch(void **state)
{
    (void)state;
    const double start = 6.0;
    optim_params op = optim_defaults(OPTIM_RMSPROP);
    op.lr = 0.3;
    op.alpha = 0.9;
    op.centered = true;
    const runner_params rp = {.land = landscape_find("quadratic"), .kind = OPTIM_RMSPROP,
                              .optim = op, .start = &start};
    char err[256];
    assert_true(sim_init(&s, &rp, 1, 8.0, err, sizeof err));
    runner *r = &s.runners[0];
    const double torch[2] = {5.000000002777778, 4.305019101978572};
    for (int i = 0; i < 2; i++) {
        runner_step(r);
        assert_float_equal(r->x[0], torch[i], 1e-12);
        check_explanation(r, "centered rmsprop");
        /* the centered denominator is the one written */
        char lines[EXPLAIN_MAX_LINES][EXPLAIN_LINE];
        const int n = explain_step(r, lines);
        bool centered = false;
        for (int j = 0; j < n; j++)
            centered = centered || strstr(lines[j], "d = √(s − ḡ²) + ε") != NULL;
        assert_true(centered);
    }
}

/* Substitutes value v for every λ in text (ASCII after to_ascii). */
static void put_lambda(const char *in, double v, char *out, size_t n)
{
    char val[40];
    snprintf(val, sizeof val, "(%.17g)", v);
    snprintf(out, n, "%s", in);
    replace_all(out, n, "λ", val);
    replace_all(out, n, ")(", ")*("); /* a product written as on paper */
    to_ascii(out, n);
}

/* det(H − λI) = 0 worked out: the printed eigenvalues are the roots of the
 * printed characteristic polynomial, and the ± formula gives them. */
static void check_eigen(const double h[2][2], const char *want_roots, const char *want_verdict)
{
    char lines[EXPLAIN_MAX_LINES][EXPLAIN_LINE];
    const int n = explain_eigen(h[0][0], h[0][1], h[1][0], h[1][1], lines);
    assert_int_equal(n, 4);
    const char *roots = strrchr(lines[2], '=');
    assert_non_null(roots);
    if (want_roots)
        assert_string_equal(roots, want_roots);
    assert_string_equal(lines[3], want_verdict);
    /* the two roots as printed */
    char r_ascii[128];
    snprintf(r_ascii, sizeof r_ascii, "%s", roots + 2);
    to_ascii(r_ascii, sizeof r_ascii);
    double lam[2];
    char *comma = strchr(r_ascii, ',');
    assert_non_null(comma);
    *comma = '\0';
    assert_true(eval_const(r_ascii, &lam[0]) && eval_const(comma + 1, &lam[1]));
    /* each makes the product form and the quadratic vanish (to the printed
     * rounding: relative to the size of the terms) */
    for (int k = 0; k < 2; k++)
        for (int ln = 0; ln < 2; ln++) {
            char body[EXPLAIN_LINE], expr_text[1024];
            memcpy(body, lines[ln], sizeof body);
            /* "det(H − λI) = PRODUCT = 0" or "QUADRATIC = 0" */
            char *lhs = ln == 0 ? strstr(body, " = ") + 3 : body;
            *strstr(lhs, " = ") = '\0';
            put_lambda(lhs, lam[k], expr_text, sizeof expr_text);
            double v;
            assert_true(eval_const(expr_text, &v));
            const double scale = fabs(h[0][0] * h[1][1]) + fabs(h[0][1] * h[1][0]) + lam[k] * lam[k];
            if (fabs(v) > 2e-3 * scale)
                fail_msg("λ = %g in \"%s\" gives %g", lam[k], lhs, v);
        }
    /* the ± formula, evaluated both ways, gives the printed roots */
    char pm[EXPLAIN_LINE];
    memcpy(pm, strstr(lines[2], " = ") + 3, strlen(strstr(lines[2], " = ") + 3) + 1);
    *strstr(pm, " = ") = '\0';
    for (int k = 0; k < 2; k++) {
        char one[1024];
        snprintf(one, sizeof one, "%s", pm);
        replace_all(one, sizeof one, "±", k == 0 ? "+" : "−");
        to_ascii(one, sizeof one);
        double v, tol;
        assert_true(eval_with_tolerance(one, &v, &tol));
        if (fabs(v - lam[k]) > tol + 5e-4 * fabs(lam[k]))
            fail_msg("\"%s\" gives %.9g, printed %.9g (tolerance %.3g)", one, v, lam[k],
                     tol + 5e-4 * fabs(lam[k]));
    }
}

static void test_eigen_worked_out(void **state)
{
    (void)state;
    /* x^2 - y^2 at the origin: the example */
    const double saddle[2][2] = {{2, 0}, {0, -2}};
    char lines[EXPLAIN_MAX_LINES][EXPLAIN_LINE];
    explain_eigen(2, 0, 0, -2, lines);
    assert_string_equal(lines[0], "det(H − λI) = (2 − λ)(−2 − λ) − 0·0 = 0");
    check_eigen(saddle, "= 2, −2", "one positive, one negative: a saddle point");
    /* Rosenbrock at its minimum (1, 1): [[802, −400], [−400, 200]],
     * λ = 501 ± √(301² + 400²) = 1001.6, 0.3994 */
    const double rosen[2][2] = {{802, -400}, {-400, 200}};
    check_eigen(rosen, "= 1002, 0.3994", "both positive: a minimum");
    const double top[2][2] = {{-3, 1}, {1, -2}};
    check_eigen(top, NULL, "both negative: a maximum");
    const double flat[2][2] = {{0, 0}, {0, 0}};
    check_eigen(flat, "= 0, 0", "a zero eigenvalue: the test is inconclusive");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_optimizer_1d),
        cmocka_unit_test(test_every_optimizer_2d),
        cmocka_unit_test(test_noise_and_schedules),
        cmocka_unit_test(test_anneal),
        cmocka_unit_test(test_centered_rmsprop_against_torch),
        cmocka_unit_test(test_eigen_worked_out),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
