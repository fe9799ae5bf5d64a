/*
 * optim.h: optimizers that step an iterate given its gradient, with the
 * update rules and hyperparameter names of torch.optim, in double precision.
 *
 * An optimizer works on up to two coordinates. Its state (the momentum
 * buffer) lives in struct optim; optim_reset clears it for a new run.
 */
#ifndef OPTIVIZ_CORE_OPTIM_H
#define OPTIVIZ_CORE_OPTIM_H

#include <stdbool.h>
#include <stddef.h>

typedef enum optim_kind {
    OPTIM_SGD = 0,
    OPTIM_KIND_COUNT,
} optim_kind;

/* Hyperparameters, named as in torch.optim. Zero means torch's default,
 * except lr, whose zero means optiviz's default 0.1 (torch requires one). */
typedef struct optim_params {
    double lr;           /* learning rate, > 0 */
    double momentum;     /* >= 0 */
    double dampening;    /* >= 0 */
    double weight_decay; /* >= 0, L2 penalty added to the gradient */
    bool nesterov;       /* needs momentum > 0 and dampening == 0 */
} optim_params;

typedef struct optim {
    optim_kind kind;
    optim_params p;
    int dim;
    bool has_buf;   /* the momentum buffer is set after the first step */
    double buf[2];  /* momentum buffer b */
    long steps;     /* steps taken since the last reset */
} optim;

/* Name in the catalog ("sgd"; "gd" is accepted as an alias), and lookup.
 * optim_kind_find returns false for an unknown name. */
const char *optim_kind_name(optim_kind kind);
bool optim_kind_find(const char *name, optim_kind *out);
/* One line of defaults for `optiviz list`, e.g. "lr=0.1 momentum=0 ...". */
const char *optim_kind_defaults(optim_kind kind);

/* Validates the hyperparameters and sets up o for a dim-coordinate iterate
 * (1 or 2). On bad values returns false and writes one line into err. */
bool optim_init(optim *o, optim_kind kind, const optim_params *p, int dim, char *err,
                size_t errlen);
/* Clears the optimizer's state (momentum buffer, step count). */
void optim_reset(optim *o);

/* One step x <- update(x, g), torch.optim.SGD's rule (torch.optim docs):
 *   g <- g + weight_decay * x
 *   if momentum != 0:  b <- g on the first step, else b <- momentum*b + (1 - dampening)*g
 *                      g <- g + momentum*b if nesterov, else g <- b
 *   x <- x - lr * g
 * x and g hold o->dim coordinates. */
void optim_step(optim *o, double *x, const double *g);

#endif
