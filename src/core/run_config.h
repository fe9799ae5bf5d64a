/*
 * run_config.h: what one run is, in one struct: the optimizer and its
 * hyperparameters, the gradient noise and its decay, the learning-rate
 * schedule and the seed. Every consumer takes it whole (a runner of the
 * sim, a particle cloud, `trace`, `shot`, the window), so a flag honoured by
 * one is honoured by all.
 *
 * Settings come in layers: the lesson's defaults first, then a scene file,
 * then what the user gave (command line, keys). A run_layer holds what one
 * source gave, with a flag per setting; run_config_apply lays it over a
 * config. Zero is a valid layer that changes nothing.
 */
#ifndef OPTIVIZ_CORE_RUN_CONFIG_H
#define OPTIVIZ_CORE_RUN_CONFIG_H

#include "core/cloud.h"
#include "core/optim.h"
#include "core/schedule.h"
#include "core/sim.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct run_config {
    optim_kind kind;
    optim_params optim;  /* all fields set (optim_defaults(kind) and what was given) */
    double noise;        /* gradient noise sigma, >= 0 (0: none) */
    double noise_decay;  /* sigma at step t is noise * noise_decay^t; 0: no decay */
    schedule sched;      /* learning-rate schedule (zero: constant) */
    uint64_t seed;       /* every random draw of the run */
} run_config;

/* What one source (lesson, scene, command line) gives; the rest it leaves. */
typedef struct run_layer {
    bool has_kind;
    optim_kind kind;
    unsigned optim_given; /* bit i: field i of optim_fields() is given in optim */
    optim_params optim;
    bool has_noise, has_noise_decay, has_sched, has_seed;
    double noise;
    double noise_decay;
    schedule sched;
    uint64_t seed;
} run_layer;

/* torch's defaults for kind, no noise, constant learning rate, seed 0. */
run_config run_config_defaults(optim_kind kind);
/* The lesson's defaults: fits kind's hyperparameters p (the rest kept) to
 * landscape l. The learning rate: the lesson's own for gradient descent,
 * 5% of the domain's width for the adaptive methods (they move about lr a
 * step), 1 for Newton and Adadelta; RMSProp takes d2l's alpha 0.9 and an lr
 * whose first step (lr / sqrt(1 - alpha), torch has no bias correction) is
 * 5% of the domain; annealing a proposal of a sixth of the domain. */
void run_config_fit(optim_kind kind, optim_params *p, const landscape *l);
/* Lays l over c: a new optimizer kind first resets the hyperparameters to
 * its torch defaults, then every given field replaces c's. */
void run_config_apply(run_config *c, const run_layer *l);
/* A runner of c on land from start (NULL: the lesson's); seed_offset is
 * added to the seed (racing runners each draw their own noise). */
runner_params run_config_runner(const run_config *c, const landscape *land, const double *start,
                                uint64_t seed_offset);
/* A cloud of n particles (0: CLOUD_DEFAULT) of c on land. */
cloud_params run_config_cloud(const run_config *c, const landscape *land, int n);

#endif
