/*
 * optim.h: optimizers that step an iterate, with the update rules and
 * hyperparameter names of torch.optim (SGD, Adagrad, RMSprop, Adadelta,
 * Adam, AdamW) in double precision, plus Newton's method (d2l 12.3.3) and
 * simulated annealing (Metropolis acceptance, geometric cooling).
 *
 * An optimizer works on up to two coordinates. Its state (momentum buffer,
 * accumulators, moments, temperature) lives in struct optim; optim_reset
 * clears it for a new run. Hyperparameters come from optim_defaults(kind)
 * (torch's defaults), overridden by the caller: a plain zero cannot mean
 * "default" here because zero is a meaningful momentum, beta1 or eps.
 */
#ifndef OPTIVIZ_CORE_OPTIM_H
#define OPTIVIZ_CORE_OPTIM_H

#include "core/landscape.h"
#include "core/rng.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum optim_kind {
    OPTIM_SGD = 0,
    OPTIM_ADAGRAD,
    OPTIM_RMSPROP,
    OPTIM_ADADELTA,
    OPTIM_ADAM,
    OPTIM_NEWTON,
    OPTIM_ANNEAL,
    OPTIM_ADAMW,
    OPTIM_KIND_COUNT,
} optim_kind;

/* Hyperparameters, named as in torch.optim (and DESIGN.md's flags). */
typedef struct optim_params {
    double lr;                  /* learning rate, > 0 */
    double momentum;            /* sgd, rmsprop: >= 0 */
    double dampening;           /* sgd: >= 0 */
    bool nesterov;              /* sgd: needs momentum > 0 and dampening == 0 */
    double weight_decay;        /* L2 penalty added to the gradient, >= 0 */
    double alpha;               /* rmsprop smoothing constant, in [0, 1] */
    bool centered;              /* rmsprop: normalize by the gradient's variance */
    double eps;                 /* added to the denominator, >= 0 */
    double beta1, beta2;        /* adam moment decays, in [0, 1) */
    bool amsgrad;               /* adam: max of the raw second moments */
    double rho;                 /* adadelta decay, in [0, 1] */
    double lr_decay;            /* adagrad: lr / (1 + (t - 1) lr_decay), >= 0 */
    double initial_accumulator; /* adagrad: the sum's start value, >= 0 */
    double t0;                  /* anneal: initial temperature, > 0 */
    double cooling;             /* anneal: T_t = t0 * cooling^t, in (0, 1] */
    double proposal;            /* anneal: proposal standard deviation, > 0 */
} optim_params;

/* How a lesson picks an optimizer's learning rate (run_config_fit). */
typedef enum optim_lesson_lr {
    OPTIM_LR_LESSON = 0, /* the lesson's own (gradient descent) */
    OPTIM_LR_DOMAIN,     /* 5% of the domain's width (adaptive methods move about lr a step) */
    OPTIM_LR_ONE,        /* 1 (Newton's full step, Adadelta's torch default) */
} optim_lesson_lr;

/* One hyperparameter, for command lines, files and panels. */
typedef enum optim_field_type {
    FIELD_DOUBLE,
    FIELD_BOOL,
} optim_field_type;

typedef struct optim_field {
    const char *name; /* with underscores, e.g. "weight_decay" (flags use '-') */
    optim_field_type type;
    size_t offset;    /* into optim_params */
    bool rate;        /* a decay rate in [0, 1] (momentum, alpha, beta1...): panels
                         change 1 - v rather than v */
} optim_field;

/* The table of all hyperparameter fields and its length. */
const optim_field *optim_fields(int *count);
/* True when kind uses the field (e.g. beta1 for adam, not for sgd). */
bool optim_uses(optim_kind kind, const optim_field *f);
/* A field's value as a double (bools as 0/1), and setting it. */
double optim_field_get(const optim_params *p, const optim_field *f);
void optim_field_set(optim_params *p, const optim_field *f, double v);

typedef struct optim {
    optim_kind kind;
    optim_params p;
    int dim;
    long steps;        /* steps taken since the last reset */
    bool has_buf;      /* sgd: the momentum buffer is set after the first step */
    double buf[2];     /* sgd, rmsprop: momentum buffer */
    double sum[2];     /* adagrad: sum of squared gradients */
    double sq_avg[2];  /* rmsprop, adadelta: running average of g^2 */
    double g_avg[2];   /* rmsprop centered: running average of g */
    double acc_delta[2]; /* adadelta: running average of squared updates */
    double m[2], v[2]; /* adam: first and second moments */
    double v_max[2];   /* adam amsgrad: max of v */
    double temperature; /* anneal: temperature of the last step */
    double proposal_x[2]; /* anneal: the last proposal */
    double accept_p;   /* anneal: its acceptance probability (0 outside the domain) */
    bool last_accepted; /* anneal: whether it was accepted */
} optim;

/* Outcome of one step. */
typedef enum optim_result {
    OPTIM_OK = 0,
    OPTIM_NOT_DESCENT,  /* newton: Hessian not positive definite; stepped anyway */
    OPTIM_SINGULAR,     /* newton: Hessian singular; did not step */
} optim_result;

/* Name in the catalog ("sgd" ...; "gd" is accepted as an alias of sgd). */
const char *optim_kind_name(optim_kind kind);
bool optim_kind_find(const char *name, optim_kind *out);
/* How a lesson picks kind's learning rate. */
optim_lesson_lr optim_lesson_lr_rule(optim_kind kind);
/* True when kind's weight decay is decoupled (x shrinks by lr * wd * x
 * before the step) rather than added to the gradient. */
bool optim_decoupled_decay(optim_kind kind);
/* torch's defaults for kind (sgd: lr 0.1, torch has none; newton: lr 1;
 * anneal: t0 1, cooling 0.997, proposal 0.5). */
optim_params optim_defaults(optim_kind kind);
/* A short label of an optimizer and its main hyperparameters for the HUD,
 * e.g. "gd η=0.1", "nesterov η=0.1 m=0.9", "adam η=0.01 β=0.9,0.999", with
 * " wd=..." when weight decay is on. */
void optim_label(optim_kind kind, const optim_params *p, char *out, size_t n);
/* "lr=0.1 momentum=0 ..." for `optiviz list`: the fields kind uses, with
 * their defaults, written into out. */
void optim_defaults_line(optim_kind kind, char *out, size_t n);

/* Validates the hyperparameters and sets up o for a dim-coordinate iterate
 * (1 or 2). On bad values returns false and writes one line into err. */
bool optim_init(optim *o, optim_kind kind, const optim_params *p, int dim, char *err,
                size_t errlen);
/* Clears the optimizer's state. */
void optim_reset(optim *o);

/* One step from x (o->dim coordinates), with lr the learning rate of this
 * step (a schedule may change it). g is the gradient the optimizer sees
 * (exact, or with noise); for newton, at is the exact evaluation at x (its
 * Hessian is used); for anneal, l and r give the function and the random
 * draws (its proposals ignore g). x is updated in place.
 *
 * Rules (torch.optim docs and source, torch 1.13; d2l 12.3.3 for Newton):
 *   sgd:      g += wd x; b = g (first step) or m b + (1 - dampening) g;
 *             g = g + m b (nesterov) or b; x -= lr g
 *   adagrad:  g += wd x; s += g^2; x -= lr / (1 + (t-1) lr_decay) * g / (sqrt(s) + eps)
 *   rmsprop:  g += wd x; v = alpha v + (1 - alpha) g^2; centered: a = alpha a + (1-alpha) g,
 *             d = sqrt(v - a^2) + eps, else d = sqrt(v) + eps; momentum: b = m b + g / d,
 *             x -= lr b, else x -= lr g / d
 *   adadelta: g += wd x; v = rho v + (1 - rho) g^2; u = sqrt(acc + eps) / sqrt(v + eps) g;
 *             acc = rho acc + (1 - rho) u^2; x -= lr u
 *   adam:     g += wd x; m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; amsgrad: vmax = max(vmax, v);
 *             x -= lr / (1 - b1^t) * m / (sqrt(v or vmax) / sqrt(1 - b2^t) + eps)
 *   adamw:    x *= 1 - lr wd (decoupled weight decay, Loshchilov & Hutter 2019), then adam's
 *             update without the wd term; torch's default wd 0.01
 *   newton:   x -= lr H^-1 g (OPTIM_SINGULAR when det H = 0 and no step)
 *   anneal:   x' = x + N(0, proposal^2) per coordinate, rejected outside the domain,
 *             accepted with probability min(1, exp(-(f(x') - f(x)) / T)), T = t0 cooling^t */
optim_result optim_step(optim *o, double *x, const double *g, double lr,
                        const landscape_point *at, const landscape *l, rng *r);

#endif
