/*
 * optim.c: torch.optim update rules in double precision, Newton's method
 * and simulated annealing. The torch rules follow the single-tensor code
 * paths of torch 1.13 operation for operation, and each is checked step by
 * step against trajectories computed with torch.optim (tests/gen_reference.py,
 * the CSV files in tests/reference/).
 */
#include "core/optim.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const kind_names[OPTIM_KIND_COUNT] = {
    [OPTIM_SGD] = "sgd",         [OPTIM_ADAGRAD] = "adagrad", [OPTIM_RMSPROP] = "rmsprop",
    [OPTIM_ADADELTA] = "adadelta", [OPTIM_ADAM] = "adam",     [OPTIM_NEWTON] = "newton",
    [OPTIM_ANNEAL] = "anneal",   [OPTIM_ADAMW] = "adamw",
};

#define FIELD(n, t) {#n, t, offsetof(optim_params, n), false}
#define RATE(n) {#n, FIELD_DOUBLE, offsetof(optim_params, n), true}

static const optim_field fields[] = {
    FIELD(lr, FIELD_DOUBLE),        RATE(momentum),
    RATE(dampening),                FIELD(nesterov, FIELD_BOOL),
    FIELD(weight_decay, FIELD_DOUBLE), RATE(alpha),
    FIELD(centered, FIELD_BOOL),    FIELD(eps, FIELD_DOUBLE),
    RATE(beta1),                    RATE(beta2),
    FIELD(amsgrad, FIELD_BOOL),     RATE(rho),
    FIELD(lr_decay, FIELD_DOUBLE),  FIELD(initial_accumulator, FIELD_DOUBLE),
    FIELD(t0, FIELD_DOUBLE),        RATE(cooling),
    FIELD(proposal, FIELD_DOUBLE),
};

enum { FIELD_COUNT = (int)(sizeof fields / sizeof fields[0]) };

/* Which fields each kind uses, by name. */
static const char *const kind_fields[OPTIM_KIND_COUNT] = {
    [OPTIM_SGD] = " lr momentum dampening nesterov weight_decay ",
    [OPTIM_ADAGRAD] = " lr lr_decay weight_decay initial_accumulator eps ",
    [OPTIM_RMSPROP] = " lr alpha eps weight_decay momentum centered ",
    [OPTIM_ADADELTA] = " lr rho eps weight_decay ",
    [OPTIM_ADAM] = " lr beta1 beta2 eps weight_decay amsgrad ",
    [OPTIM_NEWTON] = " lr ",
    [OPTIM_ANNEAL] = " t0 cooling proposal ",
    [OPTIM_ADAMW] = " lr beta1 beta2 eps weight_decay amsgrad ",
};

/* How a lesson picks each kind's learning rate (run_config_fit): adaptive
 * methods move about lr per step, so theirs is a share of the domain;
 * Newton takes full steps; Adadelta keeps torch's 1. */
static const optim_lesson_lr kind_lesson_lr[OPTIM_KIND_COUNT] = {
    [OPTIM_SGD] = OPTIM_LR_LESSON,     [OPTIM_ADAGRAD] = OPTIM_LR_DOMAIN,
    [OPTIM_RMSPROP] = OPTIM_LR_DOMAIN, [OPTIM_ADADELTA] = OPTIM_LR_ONE,
    [OPTIM_ADAM] = OPTIM_LR_DOMAIN,    [OPTIM_NEWTON] = OPTIM_LR_ONE,
    [OPTIM_ANNEAL] = OPTIM_LR_LESSON,  [OPTIM_ADAMW] = OPTIM_LR_DOMAIN,
};

/* Kinds whose weight decay shrinks x directly instead of adding to g. */
static const bool kind_decoupled_decay[OPTIM_KIND_COUNT] = {[OPTIM_ADAMW] = true};

optim_lesson_lr optim_lesson_lr_rule(optim_kind kind)
{
    return (kind >= 0 && kind < OPTIM_KIND_COUNT) ? kind_lesson_lr[kind] : OPTIM_LR_LESSON;
}

bool optim_decoupled_decay(optim_kind kind)
{
    return kind >= 0 && kind < OPTIM_KIND_COUNT && kind_decoupled_decay[kind];
}

const optim_field *optim_fields(int *count)
{
    *count = FIELD_COUNT;
    return fields;
}

bool optim_uses(optim_kind kind, const optim_field *f)
{
    if (kind < 0 || kind >= OPTIM_KIND_COUNT)
        return false;
    char pat[64];
    snprintf(pat, sizeof pat, " %s ", f->name);
    return strstr(kind_fields[kind], pat) != NULL;
}

double optim_field_get(const optim_params *p, const optim_field *f)
{
    const char *base = (const char *)p + f->offset;
    if (f->type == FIELD_BOOL)
        return *(const bool *)(const void *)base ? 1.0 : 0.0;
    return *(const double *)(const void *)base;
}

void optim_field_set(optim_params *p, const optim_field *f, double v)
{
    char *base = (char *)p + f->offset;
    if (f->type == FIELD_BOOL)
        *(bool *)(void *)base = v != 0.0;
    else
        *(double *)(void *)base = v;
}

const char *optim_kind_name(optim_kind kind)
{
    return (kind >= 0 && kind < OPTIM_KIND_COUNT) ? kind_names[kind] : "?";
}

bool optim_kind_find(const char *name, optim_kind *out)
{
    if (!name)
        return false;
    if (strcmp(name, "gd") == 0) {
        *out = OPTIM_SGD;
        return true;
    }
    for (int k = 0; k < OPTIM_KIND_COUNT; k++) {
        if (strcmp(name, kind_names[k]) == 0) {
            *out = (optim_kind)k;
            return true;
        }
    }
    return false;
}

optim_params optim_defaults(optim_kind kind)
{
    switch (kind) {
    case OPTIM_SGD:
        return (optim_params){.lr = 0.1};
    case OPTIM_ADAGRAD:
        return (optim_params){.lr = 1e-2, .eps = 1e-10};
    case OPTIM_RMSPROP:
        return (optim_params){.lr = 1e-2, .alpha = 0.99, .eps = 1e-8};
    case OPTIM_ADADELTA:
        return (optim_params){.lr = 1.0, .rho = 0.9, .eps = 1e-6};
    case OPTIM_ADAM:
        return (optim_params){.lr = 1e-3, .beta1 = 0.9, .beta2 = 0.999, .eps = 1e-8};
    case OPTIM_ADAMW:
        return (optim_params){.lr = 1e-3, .beta1 = 0.9, .beta2 = 0.999, .eps = 1e-8,
                              .weight_decay = 1e-2};
    case OPTIM_NEWTON:
        return (optim_params){.lr = 1.0};
    case OPTIM_ANNEAL:
        return (optim_params){.t0 = 1.0, .cooling = 0.997, .proposal = 0.5};
    case OPTIM_KIND_COUNT:
        break;
    }
    return (optim_params){.lr = 0.1};
}

void optim_label(optim_kind kind, const optim_params *p, char *out, size_t n)
{
    size_t used;
    switch (kind) {
    case OPTIM_SGD:
        if (p->momentum > 0)
            snprintf(out, n, "%s η=%.3g m=%.3g", p->nesterov ? "nesterov" : "momentum", p->lr,
                     p->momentum);
        else
            snprintf(out, n, "gd η=%.3g", p->lr);
        break;
    case OPTIM_RMSPROP:
        snprintf(out, n, "rmsprop η=%.3g α=%.3g%s", p->lr, p->alpha, p->centered ? " c" : "");
        break;
    case OPTIM_ADADELTA:
        snprintf(out, n, "adadelta η=%.3g ρ=%.3g", p->lr, p->rho);
        break;
    case OPTIM_ADAM:
    case OPTIM_ADAMW:
        snprintf(out, n, "%s%s η=%.3g β=%.3g,%.3g", p->amsgrad ? "amsgrad" : "adam",
                 kind == OPTIM_ADAMW ? "w" : "", p->lr, p->beta1, p->beta2);
        break;
    case OPTIM_ANNEAL:
        snprintf(out, n, "anneal T₀=%.3g c=%.4g", p->t0, p->cooling);
        break;
    case OPTIM_ADAGRAD:
    case OPTIM_NEWTON:
    case OPTIM_KIND_COUNT:
        snprintf(out, n, "%s η=%.3g", optim_kind_name(kind), p->lr);
        break;
    }
    used = strlen(out);
    if (p->weight_decay != 0.0 && used < n)
        snprintf(out + used, n - used, " wd=%.3g", p->weight_decay);
}

void optim_defaults_line(optim_kind kind, char *out, size_t n)
{
    const optim_params d = optim_defaults(kind);
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < FIELD_COUNT && used < n; i++) {
        if (!optim_uses(kind, &fields[i]))
            continue;
        const int w = snprintf(out + used, n - used, "%s%s=%g", used ? " " : "", fields[i].name,
                               optim_field_get(&d, &fields[i]));
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

static bool check_range(const char *what, double v, double lo, double hi, bool lo_open,
                        char *err, size_t errlen)
{
    const bool ok = isfinite(v) && (lo_open ? v > lo : v >= lo) && v <= hi;
    if (!ok)
        snprintf(err, errlen, "%s must be in %s%g, %g], got %g", what, lo_open ? "(" : "[", lo,
                 hi, v);
    return ok;
}

static bool validate(const optim *o, char *err, size_t errlen)
{
    const optim_params *p = &o->p;
    const double big = 1e300;
    switch (o->kind) {
    case OPTIM_SGD:
        if (p->nesterov && (p->momentum <= 0.0 || p->dampening != 0.0)) {
            snprintf(err, errlen, "nesterov needs momentum > 0 and dampening 0 "
                                  "(as torch.optim.SGD)");
            return false;
        }
        return check_range("lr", p->lr, 0, big, true, err, errlen) &&
               check_range("momentum", p->momentum, 0, big, false, err, errlen) &&
               check_range("dampening", p->dampening, 0, big, false, err, errlen) &&
               check_range("weight-decay", p->weight_decay, 0, big, false, err, errlen);
    case OPTIM_ADAGRAD:
        return check_range("lr", p->lr, 0, big, true, err, errlen) &&
               check_range("lr-decay", p->lr_decay, 0, big, false, err, errlen) &&
               check_range("weight-decay", p->weight_decay, 0, big, false, err, errlen) &&
               check_range("initial-accumulator", p->initial_accumulator, 0, big, false, err,
                           errlen) &&
               check_range("eps", p->eps, 0, big, false, err, errlen);
    case OPTIM_RMSPROP:
        return check_range("lr", p->lr, 0, big, true, err, errlen) &&
               check_range("alpha", p->alpha, 0, 1, false, err, errlen) &&
               check_range("eps", p->eps, 0, big, false, err, errlen) &&
               check_range("weight-decay", p->weight_decay, 0, big, false, err, errlen) &&
               check_range("momentum", p->momentum, 0, big, false, err, errlen);
    case OPTIM_ADADELTA:
        return check_range("lr", p->lr, 0, big, true, err, errlen) &&
               check_range("rho", p->rho, 0, 1, false, err, errlen) &&
               check_range("eps", p->eps, 0, big, false, err, errlen) &&
               check_range("weight-decay", p->weight_decay, 0, big, false, err, errlen);
    case OPTIM_ADAM:
    case OPTIM_ADAMW:
        if (!(p->beta1 >= 0.0 && p->beta1 < 1.0) || !(p->beta2 >= 0.0 && p->beta2 < 1.0)) {
            snprintf(err, errlen, "beta1 and beta2 must be in [0, 1), got %g and %g", p->beta1,
                     p->beta2);
            return false;
        }
        return check_range("lr", p->lr, 0, big, true, err, errlen) &&
               check_range("eps", p->eps, 0, big, false, err, errlen) &&
               check_range("weight-decay", p->weight_decay, 0, big, false, err, errlen);
    case OPTIM_NEWTON:
        return check_range("lr", p->lr, 0, big, true, err, errlen);
    case OPTIM_ANNEAL:
        return check_range("t0", p->t0, 0, big, true, err, errlen) &&
               check_range("cooling", p->cooling, 0, 1, true, err, errlen) &&
               check_range("proposal", p->proposal, 0, big, true, err, errlen);
    case OPTIM_KIND_COUNT:
        break;
    }
    snprintf(err, errlen, "unknown optimizer");
    return false;
}

bool optim_init(optim *o, optim_kind kind, const optim_params *p, int dim, char *err,
                size_t errlen)
{
    memset(o, 0, sizeof *o);
    if (kind < 0 || kind >= OPTIM_KIND_COUNT) {
        snprintf(err, errlen, "unknown optimizer");
        return false;
    }
    if (dim < 1 || dim > 2) {
        snprintf(err, errlen, "optimizer dimension must be 1 or 2, got %d", dim);
        return false;
    }
    o->kind = kind;
    o->dim = dim;
    o->p = *p;
    if (o->p.lr == 0.0 && kind != OPTIM_ANNEAL)
        o->p.lr = optim_defaults(kind).lr;
    if (!validate(o, err, errlen))
        return false;
    optim_reset(o);
    return true;
}

void optim_reset(optim *o)
{
    const optim_kind kind = o->kind;
    const optim_params p = o->p;
    const int dim = o->dim;
    memset(o, 0, sizeof *o);
    o->kind = kind;
    o->p = p;
    o->dim = dim;
    for (int k = 0; k < 2; k++)
        o->sum[k] = p.initial_accumulator;
    o->temperature = p.t0;
}

static void step_sgd(optim *o, double *x, const double *g_in, double lr)
{
    const optim_params *p = &o->p;
    double d[2] = {0.0, 0.0};
    for (int k = 0; k < o->dim; k++) {
        d[k] = g_in[k];
        if (p->weight_decay != 0.0)
            d[k] = d[k] + p->weight_decay * x[k];
    }
    if (p->momentum != 0.0) {
        for (int k = 0; k < o->dim; k++) {
            if (!o->has_buf)
                o->buf[k] = d[k];
            else
                o->buf[k] = p->momentum * o->buf[k] + (1.0 - p->dampening) * d[k];
            d[k] = p->nesterov ? d[k] + p->momentum * o->buf[k] : o->buf[k];
        }
        o->has_buf = true;
    }
    for (int k = 0; k < o->dim; k++)
        x[k] = x[k] - lr * d[k];
}

static void step_adagrad(optim *o, double *x, const double *g_in, double lr)
{
    const optim_params *p = &o->p;
    const double t = (double)(o->steps + 1);
    const double clr = lr / (1.0 + (t - 1.0) * p->lr_decay);
    for (int k = 0; k < o->dim; k++) {
        double g = g_in[k];
        if (p->weight_decay != 0.0)
            g = g + p->weight_decay * x[k];
        o->sum[k] = o->sum[k] + g * g;
        const double std = sqrt(o->sum[k]) + p->eps;
        x[k] = x[k] + ((-clr) * g) / std; /* addcdiv: value * t1 / t2 */
    }
}

static void step_rmsprop(optim *o, double *x, const double *g_in, double lr)
{
    const optim_params *p = &o->p;
    for (int k = 0; k < o->dim; k++) {
        double g = g_in[k];
        if (p->weight_decay != 0.0)
            g = g + p->weight_decay * x[k];
        o->sq_avg[k] = o->sq_avg[k] * p->alpha + ((1.0 - p->alpha) * g) * g;
        double avg;
        if (p->centered) {
            o->g_avg[k] = o->g_avg[k] * p->alpha + (1.0 - p->alpha) * g;
            avg = sqrt(o->sq_avg[k] + (-1.0) * (o->g_avg[k] * o->g_avg[k]));
        } else {
            avg = sqrt(o->sq_avg[k]);
        }
        avg = avg + p->eps;
        if (p->momentum > 0.0) {
            o->buf[k] = o->buf[k] * p->momentum + (1.0 * g) / avg;
            x[k] = x[k] + (-lr) * o->buf[k];
        } else {
            x[k] = x[k] + ((-lr) * g) / avg;
        }
    }
}

static void step_adadelta(optim *o, double *x, const double *g_in, double lr)
{
    const optim_params *p = &o->p;
    for (int k = 0; k < o->dim; k++) {
        double g = g_in[k];
        if (p->weight_decay != 0.0)
            g = g + p->weight_decay * x[k];
        o->sq_avg[k] = o->sq_avg[k] * p->rho + ((1.0 - p->rho) * g) * g;
        const double std = sqrt(o->sq_avg[k] + p->eps);
        const double delta = sqrt(o->acc_delta[k] + p->eps) / std * g;
        o->acc_delta[k] = o->acc_delta[k] * p->rho + ((1.0 - p->rho) * delta) * delta;
        x[k] = x[k] + (-lr) * delta;
    }
}

/* Adam and AdamW (torch 1.13 single-tensor paths: AdamW first shrinks x by
 * 1 - lr wd, then both update the moments the same way). */
static void step_adam(optim *o, double *x, const double *g_in, double lr)
{
    const optim_params *p = &o->p;
    const double t = (double)(o->steps + 1);
    const double bc1 = 1.0 - pow(p->beta1, t);
    const double bc2 = 1.0 - pow(p->beta2, t);
    const double step_size = lr / bc1;
    const double bc2_sqrt = sqrt(bc2);
    for (int k = 0; k < o->dim; k++) {
        double g = g_in[k];
        if (o->kind == OPTIM_ADAMW)
            x[k] = x[k] * (1.0 - lr * p->weight_decay); /* decoupled, before the moments */
        else if (p->weight_decay != 0.0)
            g = g + p->weight_decay * x[k];
        o->m[k] = o->m[k] * p->beta1 + (1.0 - p->beta1) * g;
        o->v[k] = o->v[k] * p->beta2 + ((1.0 - p->beta2) * g) * g;
        double denom;
        if (p->amsgrad) {
            o->v_max[k] = fmax(o->v_max[k], o->v[k]);
            denom = sqrt(o->v_max[k]) / bc2_sqrt + p->eps;
        } else {
            denom = sqrt(o->v[k]) / bc2_sqrt + p->eps;
        }
        x[k] = x[k] + ((-step_size) * o->m[k]) / denom;
    }
}

static optim_result step_newton(optim *o, double *x, const double *g, double lr,
                                const landscape_point *at)
{
    if (o->dim == 1) {
        const double h = at->h[0][0];
        if (h == 0.0 || !isfinite(h))
            return OPTIM_SINGULAR;
        x[0] = x[0] - lr * (g[0] / h);
        return h > 0.0 ? OPTIM_OK : OPTIM_NOT_DESCENT;
    }
    const double a = at->h[0][0], b = at->h[0][1], c = at->h[1][0], d = at->h[1][1];
    const double det = a * d - b * c;
    if (det == 0.0 || !isfinite(det))
        return OPTIM_SINGULAR;
    /* H^-1 g by Cramer's rule */
    const double s0 = (d * g[0] - b * g[1]) / det;
    const double s1 = (a * g[1] - c * g[0]) / det;
    x[0] = x[0] - lr * s0;
    x[1] = x[1] - lr * s1;
    return (a > 0.0 && det > 0.0) ? OPTIM_OK : OPTIM_NOT_DESCENT;
}

static void step_anneal(optim *o, double *x, const landscape *l, rng *r)
{
    const optim_params *p = &o->p;
    o->temperature = p->t0 * pow(p->cooling, (double)o->steps);
    double cand[2] = {x[0], o->dim > 1 ? x[1] : 0.0};
    for (int k = 0; k < o->dim; k++)
        cand[k] = x[k] + p->proposal * rng_normal(r);
    const double u = rng_uniform(r); /* drawn every step, so runs stay in step */
    o->proposal_x[0] = cand[0];
    o->proposal_x[1] = cand[1];
    o->accept_p = 0.0;
    o->last_accepted = false;
    if (!landscape_in_domain(l, cand))
        return;
    landscape_point now, next;
    landscape_eval(l, x, &now);
    landscape_eval(l, cand, &next);
    const double delta = next.f - now.f;
    o->accept_p = delta <= 0.0 ? 1.0 : exp(-delta / o->temperature);
    if (delta <= 0.0 || u < o->accept_p) {
        for (int k = 0; k < o->dim; k++)
            x[k] = cand[k];
        o->last_accepted = true;
    }
}

optim_result optim_step(optim *o, double *x, const double *g, double lr,
                        const landscape_point *at, const landscape *l, rng *r)
{
    optim_result res = OPTIM_OK;
    switch (o->kind) {
    case OPTIM_SGD:
        step_sgd(o, x, g, lr);
        break;
    case OPTIM_ADAGRAD:
        step_adagrad(o, x, g, lr);
        break;
    case OPTIM_RMSPROP:
        step_rmsprop(o, x, g, lr);
        break;
    case OPTIM_ADADELTA:
        step_adadelta(o, x, g, lr);
        break;
    case OPTIM_ADAM:
    case OPTIM_ADAMW:
        step_adam(o, x, g, lr);
        break;
    case OPTIM_NEWTON:
        res = step_newton(o, x, g, lr, at);
        break;
    case OPTIM_ANNEAL:
        step_anneal(o, x, l, r);
        break;
    case OPTIM_KIND_COUNT:
        break;
    }
    if (res == OPTIM_SINGULAR)
        return res;
    o->steps++;
    return res;
}
