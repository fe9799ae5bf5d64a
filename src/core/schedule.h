/*
 * schedule.h: learning-rate schedules of d2l 12.11 ("Learning Rate
 * Scheduling"): the learning rate used for step t (t = 0 for the first step)
 * as a function of the base learning rate.
 */
#ifndef OPTIVIZ_CORE_SCHEDULE_H
#define OPTIVIZ_CORE_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>

#define SCHEDULE_MAX_MILESTONES 8

typedef enum schedule_kind {
    SCHEDULE_CONSTANT = 0,
    SCHEDULE_FACTOR,    /* max(floor, lr * factor^t)            (d2l FactorScheduler) */
    SCHEDULE_MULTISTEP, /* lr * gamma^(milestones <= t)         (torch MultiStepLR) */
    SCHEDULE_COSINE,    /* linear warmup, then cosine to final   (d2l CosineScheduler) */
    SCHEDULE_SQRT,      /* lr * (t + 1)^(-1/2)                  (d2l SquareRootScheduler) */
    SCHEDULE_KIND_COUNT,
} schedule_kind;

typedef struct schedule {
    schedule_kind kind;
    double factor;     /* factor: per-step multiplier, in (0, 1]; 0 means 0.99 */
    double floor;      /* factor: lower bound of the lr, >= 0 */
    double gamma;      /* multistep: multiplier at each milestone; 0 means 0.5 */
    int n_milestones;
    long milestones[SCHEDULE_MAX_MILESTONES]; /* multistep: ascending steps */
    long warmup;       /* cosine: warmup steps, >= 0 */
    double final_lr;   /* cosine: lr after max_steps, >= 0 */
    long max_steps;    /* cosine: step where the cosine ends; 0 means 100 */
} schedule;

/* Name ("constant", "factor", "multistep", "cosine", "sqrt") and lookup. */
const char *schedule_kind_name(schedule_kind kind);
bool schedule_kind_find(const char *name, schedule_kind *out);

/* Fills zero fields with defaults and checks the values; false with one
 * line in err when a value is out of range. */
bool schedule_check(schedule *s, char *err, size_t errlen);

/* Learning rate for step t (>= 0) from base_lr. Formulas (d2l 12.11):
 *   factor:    max(floor, base * factor^t)
 *   multistep: base * gamma^k, k = number of milestones <= t
 *   cosine:    t < warmup: base * t / warmup (from 0);
 *              t <= max_steps: final + (base - final)(1 + cos(pi (t - warmup) / (max_steps - warmup))) / 2;
 *              later: final
 *   sqrt:      base / sqrt(t + 1) */
double schedule_lr(const schedule *s, double base_lr, long t);

#endif
