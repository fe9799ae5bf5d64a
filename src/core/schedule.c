/*
 * schedule.c: learning-rate schedules (d2l 12.11). Pure functions of the
 * step; the runner asks for the lr of each step.
 */
#include "core/schedule.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const double PI = 3.14159265358979323846;

static const char *const names[SCHEDULE_KIND_COUNT] = {
    [SCHEDULE_CONSTANT] = "constant", [SCHEDULE_FACTOR] = "factor",
    [SCHEDULE_MULTISTEP] = "multistep", [SCHEDULE_COSINE] = "cosine", [SCHEDULE_SQRT] = "sqrt",
};

const char *schedule_kind_name(schedule_kind kind)
{
    return (kind >= 0 && kind < SCHEDULE_KIND_COUNT) ? names[kind] : "?";
}

bool schedule_kind_find(const char *name, schedule_kind *out)
{
    for (int k = 0; name && k < SCHEDULE_KIND_COUNT; k++) {
        if (strcmp(name, names[k]) == 0) {
            *out = (schedule_kind)k;
            return true;
        }
    }
    return false;
}

bool schedule_check(schedule *s, char *err, size_t errlen)
{
    if (s->factor == 0.0)
        s->factor = 0.99;
    if (s->gamma == 0.0)
        s->gamma = 0.5;
    if (s->max_steps == 0)
        s->max_steps = 100;
    if (!(s->factor > 0.0 && s->factor <= 1.0)) {
        snprintf(err, errlen, "schedule factor must be in (0, 1], got %g", s->factor);
        return false;
    }
    if (!(s->floor >= 0.0 && isfinite(s->floor)) || !(s->final_lr >= 0.0 && isfinite(s->final_lr))) {
        snprintf(err, errlen, "schedule floor and final lr must be >= 0");
        return false;
    }
    if (!(s->gamma > 0.0 && isfinite(s->gamma))) {
        snprintf(err, errlen, "schedule gamma must be > 0, got %g", s->gamma);
        return false;
    }
    if (s->warmup < 0 || s->max_steps < 1 || s->warmup >= s->max_steps) {
        snprintf(err, errlen, "schedule needs 0 <= warmup < max steps, got %ld and %ld", s->warmup,
                 s->max_steps);
        return false;
    }
    for (int i = 1; i < s->n_milestones; i++) {
        if (s->milestones[i] <= s->milestones[i - 1]) {
            snprintf(err, errlen, "schedule milestones must be increasing");
            return false;
        }
    }
    return true;
}

double schedule_lr(const schedule *s, double base, long t)
{
    switch (s->kind) {
    case SCHEDULE_CONSTANT:
    case SCHEDULE_KIND_COUNT:
        return base;
    case SCHEDULE_FACTOR:
        return fmax(s->floor, base * pow(s->factor, (double)t));
    case SCHEDULE_MULTISTEP: {
        int k = 0;
        for (int i = 0; i < s->n_milestones; i++)
            k += s->milestones[i] <= t;
        return base * pow(s->gamma, (double)k);
    }
    case SCHEDULE_COSINE:
        if (t < s->warmup)
            return base * (double)t / (double)s->warmup;
        if (t <= s->max_steps)
            return s->final_lr + (base - s->final_lr) *
                                     (1.0 + cos(PI * (double)(t - s->warmup) /
                                                (double)(s->max_steps - s->warmup))) / 2.0;
        return s->final_lr;
    case SCHEDULE_SQRT:
        return base / sqrt((double)t + 1.0);
    }
    return base;
}
