/*
 * optim.c: torch.optim update rules in double precision. Each rule is
 * checked step by step against trajectories computed with torch.optim
 * (tests/gen_reference.py, tests/reference/ CSV files).
 */
#include "core/optim.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const kind_names[OPTIM_KIND_COUNT] = {
    [OPTIM_SGD] = "sgd",
};

static const char *const kind_defaults[OPTIM_KIND_COUNT] = {
    [OPTIM_SGD] = "lr=0.1 momentum=0 dampening=0 nesterov=0 weight_decay=0 "
                  "(alias gd; torch.optim.SGD)",
};

const char *optim_kind_name(optim_kind kind)
{
    return (kind >= 0 && kind < OPTIM_KIND_COUNT) ? kind_names[kind] : "?";
}

const char *optim_kind_defaults(optim_kind kind)
{
    return (kind >= 0 && kind < OPTIM_KIND_COUNT) ? kind_defaults[kind] : "";
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

static bool check_nonneg(const char *what, double v, char *err, size_t errlen)
{
    if (isfinite(v) && v >= 0.0)
        return true;
    snprintf(err, errlen, "%s must be a finite number >= 0, got %g", what, v);
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
    if (o->p.lr == 0.0)
        o->p.lr = 0.1;
    if (!(isfinite(o->p.lr) && o->p.lr > 0.0)) {
        snprintf(err, errlen, "lr must be a finite number > 0, got %g", o->p.lr);
        return false;
    }
    if (!check_nonneg("momentum", o->p.momentum, err, errlen) ||
        !check_nonneg("dampening", o->p.dampening, err, errlen) ||
        !check_nonneg("weight-decay", o->p.weight_decay, err, errlen))
        return false;
    if (o->p.nesterov && (o->p.momentum <= 0.0 || o->p.dampening != 0.0)) {
        snprintf(err, errlen, "nesterov needs momentum > 0 and dampening 0 "
                              "(as torch.optim.SGD)");
        return false;
    }
    return true;
}

void optim_reset(optim *o)
{
    o->has_buf = false;
    o->buf[0] = o->buf[1] = 0.0;
    o->steps = 0;
}

static void step_sgd(optim *o, double *x, const double *g_in)
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
        x[k] = x[k] - p->lr * d[k];
}

void optim_step(optim *o, double *x, const double *g)
{
    switch (o->kind) {
    case OPTIM_SGD:
    case OPTIM_KIND_COUNT:
        step_sgd(o, x, g);
        break;
    }
    o->steps++;
}
