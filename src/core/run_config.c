/*
 * run_config.c: the run configuration and its layers (run_config.h). The
 * consumers' parameter structs (runner_params, cloud_params) are filled
 * here and only here, so the settings cannot drift between them.
 */
#include "core/run_config.h"

#include <math.h>

run_config run_config_defaults(optim_kind kind)
{
    return (run_config){.kind = kind, .optim = optim_defaults(kind)};
}

void run_config_apply(run_config *c, const run_layer *l)
{
    if (l->has_kind && l->kind != c->kind) {
        c->kind = l->kind;
        c->optim = optim_defaults(l->kind);
    }
    int count;
    const optim_field *f = optim_fields(&count);
    for (int k = 0; k < count; k++)
        if (l->optim_given & (1u << k))
            optim_field_set(&c->optim, &f[k], optim_field_get(&l->optim, &f[k]));
    if (l->has_noise)
        c->noise = l->noise;
    if (l->has_noise_decay)
        c->noise_decay = l->noise_decay;
    if (l->has_sched)
        c->sched = l->sched;
    if (l->has_seed)
        c->seed = l->seed;
}

runner_params run_config_runner(const run_config *c, const landscape *land, const double *start,
                                uint64_t seed_offset)
{
    return (runner_params){
        .land = land,
        .kind = c->kind,
        .optim = c->optim,
        .noise = c->noise,
        .noise_decay = c->noise_decay,
        .sched = c->sched,
        .seed = c->seed + seed_offset,
        .start = start,
    };
}

cloud_params run_config_cloud(const run_config *c, const landscape *land, int n)
{
    return (cloud_params){
        .land = land,
        .n = n,
        .kind = c->kind,
        .optim = c->optim,
        .noise = c->noise,
        .noise_decay = c->noise_decay,
        .sched = c->sched,
        .seed = c->seed,
    };
}

void run_config_fit(optim_kind kind, optim_params *p, const landscape *l)
{
    switch (optim_lesson_lr_rule(kind)) {
    case OPTIM_LR_LESSON:
        p->lr = l->lr;
        break;
    case OPTIM_LR_DOMAIN:
        p->lr = 0.05 * (l->hi[0] - l->lo[0]);
        break;
    case OPTIM_LR_ONE:
        p->lr = 1.0;
        break;
    }
    if (kind == OPTIM_RMSPROP) {
        p->alpha = 0.9;
        p->lr *= sqrt(1.0 - p->alpha);
    }
    if (kind == OPTIM_ANNEAL)
        p->proposal = (l->hi[0] - l->lo[0]) / 6.0;
}
