/*
 * sim.c: runners (iterate, exact gradient, noise, trail, status) and the
 * fixed-rate stepping of a sim. One code path serves the window and
 * `optiviz trace`, so what is drawn is what trace prints.
 */
#include "core/sim.h"

#include "core/nls.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *runner_status_name(runner_status s)
{
    switch (s) {
    case RUNNER_RUNNING:
        return N_("running");
    case RUNNER_CONVERGED:
        return N_("converged");
    case RUNNER_OUT_OF_VIEW:
        return N_("out of view");
    case RUNNER_DIVERGED:
        return N_("diverged");
    case RUNNER_STOPPED:
        return N_("stopped");
    case RUNNER_UNDEFINED:
        return N_("undefined");
    }
    return "?";
}

static void trail_push(runner *r)
{
    int slot;
    if (r->trail_len < RUNNER_TRAIL_MAX) {
        slot = (r->trail_head + r->trail_len) % RUNNER_TRAIL_MAX;
        r->trail_len++;
    } else {
        slot = r->trail_head;
        r->trail_head = (r->trail_head + 1) % RUNNER_TRAIL_MAX;
    }
    r->trail[slot][0] = r->x[0];
    r->trail[slot][1] = r->x[1];
}

void runner_trail_point(const runner *r, int i, double *out)
{
    const int slot = (r->trail_head + i) % RUNNER_TRAIL_MAX;
    out[0] = r->trail[slot][0];
    out[1] = r->trail[slot][1];
}

static runner_status classify(const runner *r)
{
    const landscape *l = r->land;
    const int dim = l->dim;
    bool inside = true;
    for (int k = 0; k < dim; k++) {
        const double w = l->hi[k] - l->lo[k];
        if (!isfinite(r->x[k]) || r->x[k] < l->lo[k] - RUNNER_DIVERGED_WIDTHS * w ||
            r->x[k] > l->hi[k] + RUNNER_DIVERGED_WIDTHS * w)
            return RUNNER_DIVERGED;
        inside = inside && r->x[k] >= l->lo[k] && r->x[k] <= l->hi[k];
    }
    /* a finite iterate near the domain where f or its gradient is not
     * finite: f is undefined there, the run did not run off */
    bool finite = isfinite(r->at.f);
    for (int k = 0; k < dim; k++)
        finite = finite && isfinite(r->at.g[k]);
    if (!finite)
        return RUNNER_UNDEFINED;
    if (!inside)
        return RUNNER_OUT_OF_VIEW;
    double gmax = 0.0, smax = 0.0;
    for (int k = 0; k < dim; k++) {
        gmax = fmax(gmax, fabs(r->at.g[k]));
        smax = fmax(smax, fabs(r->last_step[k]));
    }
    if (r->step > 0 && r->noise == 0.0 && r->opt.kind != OPTIM_ANNEAL &&
        gmax < RUNNER_CONVERGED_GRAD && smax < RUNNER_CONVERGED_STEP)
        return RUNNER_CONVERGED;
    return RUNNER_RUNNING;
}

void runner_wake(runner *r)
{
    if (r->status == RUNNER_CONVERGED || r->status == RUNNER_STOPPED)
        r->status = classify(r);
}

/* Keeps the lowest value of r->watch over the run: every step is seen here,
 * not a thinned history. */
static void watch_update(runner *r)
{
    if (!r->watch)
        return;
    landscape_point v;
    landscape_eval(r->watch, r->x, &v);
    if (isfinite(v.f) && !(v.f >= r->watch_best)) {
        r->watch_best = v.f;
        r->watch_best_step = r->step;
    }
}

bool runner_init(runner *r, const runner_params *p, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    if (!p->land) {
        snprintf(err, errlen, "no landscape given");
        return false;
    }
    if (!(isfinite(p->noise) && p->noise >= 0.0)) {
        snprintf(err, errlen, "noise must be a finite number >= 0, got %g", p->noise);
        return false;
    }
    r->land = p->land;
    if (!optim_init(&r->opt, p->kind, &p->optim, p->land->dim, err, errlen))
        return false;
    if (!(p->noise_decay >= 0.0 && p->noise_decay <= 1.0)) {
        snprintf(err, errlen, "noise decay must be in [0, 1] (0: no decay), got %g",
                 p->noise_decay);
        return false;
    }
    r->noise = p->noise;
    r->noise_decay = p->noise_decay > 0.0 ? p->noise_decay : 1.0;
    r->sched = p->sched;
    if (!schedule_check(&r->sched, err, errlen))
        return false;
    r->seed = p->seed;
    r->watch = p->land->companion ? landscape_find(p->land->companion) : NULL;
    const double *start = p->start ? p->start : p->land->start;
    for (int k = 0; k < p->land->dim; k++)
        r->start[k] = start[k];
    runner_reset(r, NULL);
    return true;
}

void runner_reset(runner *r, const double *start)
{
    const int dim = r->land->dim;
    if (start)
        for (int k = 0; k < dim; k++)
            r->start[k] = start[k];
    r->x[0] = r->start[0];
    r->x[1] = dim > 1 ? r->start[1] : 0.0;
    r->last_step[0] = r->last_step[1] = 0.0;
    r->step = 0;
    r->note = NULL;
    r->downhill = false;
    r->lr_now = schedule_lr(&r->sched, r->opt.p.lr, 0);
    r->g_seen[0] = r->g_seen[1] = 0.0;
    optim_reset(&r->opt);
    rng_seed(&r->rng, r->seed);
    r->trail_len = 0;
    r->trail_head = 0;
    r->hist_len = 0;
    r->hist_head = 0;
    trail_push(r);
    landscape_eval(r->land, r->x, &r->at);
    r->status = classify(r);
    r->watch_best_step = 0;
    r->watch_best = NAN;
    watch_update(r);
}

optim_result sim_noisy_step(const landscape *l, optim *o, rng *r, double noise,
                            double noise_decay, const schedule *sched, long step, double *x,
                            landscape_point *at, double g_seen[2], double *lr_out)
{
    const int dim = l->dim;
    double g[2] = {0.0, 0.0};
    for (int k = 0; k < dim; k++)
        g[k] = at->g[k];
    if (noise > 0.0 && o->kind != OPTIM_ANNEAL) {
        const double sigma = noise * pow(noise_decay, (double)step);
        for (int k = 0; k < dim; k++)
            g[k] += sigma * rng_normal(r);
    }
    if (g_seen) {
        g_seen[0] = g[0];
        g_seen[1] = g[1];
    }
    const double lr = sched ? schedule_lr(sched, o->p.lr, step) : o->p.lr;
    if (lr_out)
        *lr_out = lr;
    const optim_result res = optim_step(o, x, g, lr, at, l, r);
    if (res != OPTIM_SINGULAR)
        landscape_eval(l, x, at);
    return res;
}

static void snapshot_save(const runner *r, runner_snapshot *h)
{
    *h = (runner_snapshot){
        .opt = r->opt, .opt_prev = r->opt_prev, .rng = r->rng,
        .x = {r->x[0], r->x[1]}, .last_step = {r->last_step[0], r->last_step[1]},
        .x_prev = {r->x_prev[0], r->x_prev[1]}, .g_seen = {r->g_seen[0], r->g_seen[1]},
        .at = r->at, .step = r->step, .lr_now = r->lr_now, .status = (int)r->status,
        .downhill = r->downhill, .note = r->note, .watch_best_step = r->watch_best_step,
        .watch_best = r->watch_best,
    };
}

static void snapshot_load(runner *r, const runner_snapshot *h)
{
    r->opt = h->opt;
    r->opt_prev = h->opt_prev;
    r->rng = h->rng;
    for (int k = 0; k < 2; k++) {
        r->x[k] = h->x[k];
        r->last_step[k] = h->last_step[k];
        r->x_prev[k] = h->x_prev[k];
        r->g_seen[k] = h->g_seen[k];
    }
    r->at = h->at;
    r->step = h->step;
    r->lr_now = h->lr_now;
    r->status = (runner_status)h->status;
    r->downhill = h->downhill;
    r->note = h->note;
    r->watch_best_step = h->watch_best_step;
    r->watch_best = h->watch_best;
}

bool runner_step_back(runner *r)
{
    if (r->hist_len <= 0)
        return false;
    r->hist_head = (r->hist_head + RUNNER_HISTORY - 1) % RUNNER_HISTORY;
    r->hist_len--;
    snapshot_load(r, &r->hist[r->hist_head]);
    if (r->trail_len > 1)
        r->trail_len--; /* the newest point; a trail that wrapped keeps one fewer */
    return true;
}

void runner_step(runner *r)
{
    snapshot_save(r, &r->hist[r->hist_head]);
    r->hist_head = (r->hist_head + 1) % RUNNER_HISTORY;
    if (r->hist_len < RUNNER_HISTORY)
        r->hist_len++;
    const int dim = r->land->dim;
    double before[2] = {r->x[0], r->x[1]};
    r->x_prev[0] = r->x[0];
    r->x_prev[1] = r->x[1];
    r->opt_prev = r->opt;
    const double f_before = r->at.f;
    const optim_result res = sim_noisy_step(r->land, &r->opt, &r->rng, r->noise, r->noise_decay,
                                            &r->sched, r->step, r->x, &r->at, r->g_seen,
                                            &r->lr_now);
    if (res == OPTIM_SINGULAR) {
        /* no step taken: nothing to take back */
        r->hist_head = (r->hist_head + RUNNER_HISTORY - 1) % RUNNER_HISTORY;
        r->hist_len--;
        snapshot_load(r, &r->hist[r->hist_head]);
        r->status = RUNNER_STOPPED;
        r->note = N_("Hessian is singular: Newton's step H⁻¹∇f is undefined");
        return;
    }
    r->note = res == OPTIM_NOT_DESCENT ? N_("Hessian not positive definite: Newton heads for "
                                            "the critical point, which may be a maximum or saddle")
                                       : NULL;
    for (int k = 0; k < dim; k++)
        r->last_step[k] = r->x[k] - before[k];
    r->step++;
    r->downhill = r->at.f < f_before;
    trail_push(r);
    r->status = classify(r);
    watch_update(r);
}

bool sim_init(sim *s, const runner_params *params, int n, double steps_per_second, char *err,
              size_t errlen)
{
    memset(s, 0, sizeof *s);
    if (n < 1 || n > SIM_MAX_RUNNERS) {
        snprintf(err, errlen, "a view holds 1 to %d runners, got %d", SIM_MAX_RUNNERS, n);
        return false;
    }
    if (!(isfinite(steps_per_second) && steps_per_second > 0.0)) {
        snprintf(err, errlen, "steps per second must be > 0, got %g", steps_per_second);
        return false;
    }
    for (int i = 0; i < n; i++)
        if (!runner_init(&s->runners[i], &params[i], err, errlen))
            return false;
    s->n_runners = n;
    s->steps_per_second = steps_per_second;
    return true;
}

static bool runner_going(const runner *r)
{
    return r->status == RUNNER_RUNNING || r->status == RUNNER_OUT_OF_VIEW;
}

void sim_step(sim *s)
{
    uint8_t mask = 0;
    for (int i = 0; i < s->n_runners; i++)
        if (runner_going(&s->runners[i])) {
            const long before = s->runners[i].step;
            runner_step(&s->runners[i]);
            if (s->runners[i].step != before)
                mask |= (uint8_t)(1u << i);
        }
    s->stepped[s->hist_head] = mask;
    s->hist_head = (s->hist_head + 1) % RUNNER_HISTORY;
    if (s->hist_len < RUNNER_HISTORY)
        s->hist_len++;
}

bool sim_add_runner(sim *s, const runner_params *p, char *err, size_t errlen)
{
    if (s->n_runners >= SIM_MAX_RUNNERS) {
        snprintf(err, errlen, "a view holds at most %d runners", SIM_MAX_RUNNERS);
        return false;
    }
    if (!runner_init(&s->runners[s->n_runners], p, err, errlen))
        return false;
    s->n_runners++;
    s->hist_len = s->hist_head = 0;
    return true;
}

bool sim_replace_runner(sim *s, int i, const runner_params *p, char *err, size_t errlen)
{
    if (i < 0 || i >= s->n_runners) {
        snprintf(err, errlen, "no runner %d", i + 1);
        return false;
    }
    /* set up aside first, so a refusal changes nothing */
    runner *fresh = malloc(sizeof *fresh);
    if (!fresh) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    const bool ok = runner_init(fresh, p, err, errlen);
    if (ok)
        s->runners[i] = *fresh;
    free(fresh);
    if (ok)
        s->hist_len = s->hist_head = 0;
    return ok;
}

bool sim_remove_runner(sim *s, int i)
{
    if (i < 0 || i >= s->n_runners || s->n_runners <= 1)
        return false;
    for (int k = i; k + 1 < s->n_runners; k++)
        s->runners[k] = s->runners[k + 1];
    s->n_runners--;
    s->hist_len = s->hist_head = 0;
    return true;
}

bool sim_step_back(sim *s)
{
    if (s->hist_len <= 0)
        return false;
    s->hist_head = (s->hist_head + RUNNER_HISTORY - 1) % RUNNER_HISTORY;
    s->hist_len--;
    const uint8_t mask = s->stepped[s->hist_head];
    for (int i = 0; i < s->n_runners; i++)
        if (mask & (1u << i))
            runner_step_back(&s->runners[i]);
    return true;
}

int sim_advance(sim *s, double dt)
{
    if (s->paused || !(dt > 0.0))
        return 0;
    s->accumulator += dt * s->steps_per_second;
    int taken = 0;
    const int cap = s->max_per_advance > 0 && s->max_per_advance < SIM_MAX_STEPS_PER_ADVANCE
                        ? s->max_per_advance
                        : SIM_MAX_STEPS_PER_ADVANCE;
    while (s->accumulator >= 1.0 && taken < cap) {
        s->accumulator -= 1.0;
        sim_step(s);
        taken++;
    }
    if (s->accumulator >= 1.0)
        s->accumulator = fmod(s->accumulator, 1.0);
    return taken;
}

void sim_reset(sim *s, const double *start)
{
    s->accumulator = 0.0;
    s->hist_len = 0;
    s->hist_head = 0;
    for (int i = 0; i < s->n_runners; i++)
        runner_reset(&s->runners[i], start);
}
