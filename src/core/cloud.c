/*
 * cloud.c: the particle cloud of cloud.h. Particles step through
 * sim_noisy_step (the runner's own step); minima and 1D basin intervals come
 * from critical_find once at the start; counts are recomputed after every
 * step by cloud_classify, O(N * minima).
 */
#include "core/cloud.h"

#include "core/critical.h"
#include "core/sim.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Particle i's stream: the seed moved by a multiple of the golden-ratio
 * constant (rng_seed's splitmix64 decorrelates neighbouring seeds), so no
 * particle shares the stream of the starts or of another particle. */
static uint64_t particle_seed(uint64_t seed, int i)
{
    return seed + 0x9E3779B97F4A7C15ULL * (uint64_t)(i + 1);
}

static int cmp_minimum_f(const void *x, const void *y)
{
    const critical_point *a = x, *b = y;
    return (a->f > b->f) - (a->f < b->f);
}

static int cmp_minimum_xy(const void *x, const void *y)
{
    const cloud_minimum *a = x, *b = y;
    if (a->x != b->x)
        return (a->x > b->x) - (a->x < b->x);
    return (a->y > b->y) - (a->y < b->y);
}

/* Minima of critical_find (the lowest CLOUD_MAX_MINIMA), and in 1D each
 * one's basin between the nearest maxima around it. */
static bool find_minima(cloud *c, char *err, size_t errlen)
{
    const landscape *l = c->land;
    critical_set set;
    if (!critical_find(&set, l, NULL)) {
        snprintf(err, errlen, "cannot find the critical points of '%s'", l->name);
        return false;
    }
    critical_point *mins = malloc((size_t)(set.count > 0 ? set.count : 1) * sizeof *mins);
    if (!mins) {
        critical_free(&set);
        snprintf(err, errlen, "out of memory");
        return false;
    }
    int nm = 0;
    for (int i = 0; i < set.count; i++)
        if (set.points[i].kind == CRITICAL_GLOBAL_MIN || set.points[i].kind == CRITICAL_LOCAL_MIN)
            mins[nm++] = set.points[i];
    qsort(mins, (size_t)nm, sizeof *mins, cmp_minimum_f);
    c->n_minima = nm < CLOUD_MAX_MINIMA ? nm : CLOUD_MAX_MINIMA;
    for (int i = 0; i < c->n_minima; i++) {
        const critical_point *m = &mins[i];
        cloud_minimum *cm = &c->minima[i];
        *cm = (cloud_minimum){.x = m->x, .y = m->y, .f = m->f,
                              .global = m->kind == CRITICAL_GLOBAL_MIN,
                              .lo = l->lo[0], .hi = l->hi[0]};
        if (l->dim != 1)
            continue;
        for (int k = 0; k < set.count; k++) {
            const critical_point *q = &set.points[k];
            if (q->kind != CRITICAL_GLOBAL_MAX && q->kind != CRITICAL_LOCAL_MAX)
                continue;
            if (q->x < m->x && q->x > cm->lo)
                cm->lo = q->x;
            if (q->x > m->x && q->x < cm->hi)
                cm->hi = q->x;
        }
    }
    qsort(c->minima, (size_t)c->n_minima, sizeof c->minima[0], cmp_minimum_xy);
    free(mins);
    critical_free(&set);
    return true;
}

/* f's range over a 64 x 64 grid of the domain (the 2D gradient scale). */
static double domain_f_range(const landscape *l)
{
    double lo = INFINITY, hi = -INFINITY;
    const int n = 64;
    for (int j = 0; j < (l->dim == 2 ? n : 1); j++)
        for (int i = 0; i < n; i++) {
            const double x[2] = {l->lo[0] + (l->hi[0] - l->lo[0]) * i / (n - 1),
                                 l->dim == 2 ? l->lo[1] + (l->hi[1] - l->lo[1]) * j / (n - 1)
                                             : 0.0};
            landscape_point p;
            landscape_eval(l, x, &p);
            if (isfinite(p.f)) {
                lo = fmin(lo, p.f);
                hi = fmax(hi, p.f);
            }
        }
    return hi > lo ? hi - lo : 1.0;
}

static void recount(cloud *c)
{
    for (int m = 0; m < c->n_minima; m++)
        c->minima[m].count = 0;
    c->moving = c->left = 0;
    for (int i = 0; i < c->n; i++) {
        const int b = cloud_classify(c, i);
        if (b >= 0)
            c->minima[b].count++;
        else if (b == CLOUD_MOVING)
            c->moving++;
        else
            c->left++;
    }
}

bool cloud_init(cloud *c, const cloud_params *p, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    if (!p->land) {
        snprintf(err, errlen, "no landscape given");
        return false;
    }
    const int n = p->n == 0 ? CLOUD_DEFAULT : p->n;
    if (n < CLOUD_MIN || n > CLOUD_MAX) {
        snprintf(err, errlen, "a cloud holds %d to %d particles, got %d", CLOUD_MIN, CLOUD_MAX,
                 p->n);
        return false;
    }
    if (!(isfinite(p->noise) && p->noise >= 0.0)) {
        snprintf(err, errlen, "noise must be a finite number >= 0, got %g", p->noise);
        return false;
    }
    if (!(p->noise_decay >= 0.0 && p->noise_decay <= 1.0)) {
        snprintf(err, errlen, "noise decay must be in [0, 1] (0: no decay), got %g",
                 p->noise_decay);
        return false;
    }
    optim proto;
    if (!optim_init(&proto, p->kind, &p->optim, p->land->dim, err, errlen))
        return false;
    schedule sched = p->sched;
    if (!schedule_check(&sched, err, errlen))
        return false;
    c->land = p->land;
    if (!find_minima(c, err, errlen)) {
        memset(c, 0, sizeof *c);
        return false;
    }
    c->p = calloc((size_t)n, sizeof *c->p);
    if (!c->p) {
        memset(c, 0, sizeof *c);
        snprintf(err, errlen, "out of memory for %d particles", n);
        return false;
    }
    c->n = n;
    c->noise = p->noise;
    c->noise_decay = p->noise_decay > 0.0 ? p->noise_decay : 1.0;
    c->sched = sched;
    c->seed = p->seed;
    const landscape *l = p->land;
    c->diag = l->dim == 2 ? hypot(l->hi[0] - l->lo[0], l->hi[1] - l->lo[1]) : l->hi[0] - l->lo[0];
    c->f_range = domain_f_range(l);
    rng starts;
    rng_seed(&starts, p->seed);
    for (int i = 0; i < n; i++) {
        cloud_particle *q = &c->p[i];
        for (int k = 0; k < l->dim; k++)
            q->start[k] = l->lo[k] + (l->hi[k] - l->lo[k]) * rng_uniform(&starts);
        q->opt = proto;
    }
    cloud_reset(c);
    return true;
}

void cloud_free(cloud *c)
{
    free(c->p);
    memset(c, 0, sizeof *c);
}

void cloud_reset(cloud *c)
{
    c->step = 0;
    for (int i = 0; i < c->n; i++) {
        cloud_particle *q = &c->p[i];
        q->x[0] = q->start[0];
        q->x[1] = c->land->dim == 2 ? q->start[1] : 0.0;
        optim_reset(&q->opt);
        rng_seed(&q->rng, particle_seed(c->seed, i));
        q->stopped = false;
        landscape_eval(c->land, q->x, &q->at);
    }
    recount(c);
}

/* Finite, and not farther than RUNNER_DIVERGED_WIDTHS outside the domain
 * (as a runner that has not diverged). */
static bool particle_going(const landscape *l, const cloud_particle *q)
{
    if (!isfinite(q->at.f))
        return false;
    for (int k = 0; k < l->dim; k++) {
        const double w = l->hi[k] - l->lo[k];
        if (!isfinite(q->x[k]) || !isfinite(q->at.g[k]) ||
            q->x[k] < l->lo[k] - RUNNER_DIVERGED_WIDTHS * w ||
            q->x[k] > l->hi[k] + RUNNER_DIVERGED_WIDTHS * w)
            return false;
    }
    return true;
}

void cloud_step(cloud *c)
{
    const landscape *l = c->land;
    for (int i = 0; i < c->n; i++) {
        cloud_particle *q = &c->p[i];
        if (q->stopped)
            continue;
        const optim_result res = sim_noisy_step(l, &q->opt, &q->rng, c->noise, c->noise_decay,
                                                &c->sched, c->step, q->x, &q->at, NULL, NULL);
        if (res == OPTIM_SINGULAR || !particle_going(l, q))
            q->stopped = true;
    }
    c->step++;
    recount(c);
}

int cloud_classify(const cloud *c, int i)
{
    const landscape *l = c->land;
    const cloud_particle *q = &c->p[i];
    for (int k = 0; k < l->dim; k++)
        if (!isfinite(q->x[k]))
            return CLOUD_LEFT;
    if (!isfinite(q->at.f) || !landscape_in_domain(l, q->x))
        return CLOUD_LEFT;
    if (l->dim == 1) {
        for (int m = 0; m < c->n_minima; m++)
            if (q->x[0] >= c->minima[m].lo && q->x[0] <= c->minima[m].hi)
                return m;
        return CLOUD_MOVING;
    }
    int best = -1;
    double best_d = INFINITY;
    for (int m = 0; m < c->n_minima; m++) {
        const double d = hypot(q->x[0] - c->minima[m].x, q->x[1] - c->minima[m].y);
        if (d < best_d) {
            best_d = d;
            best = m;
        }
    }
    const double sigma = c->noise * pow(c->noise_decay, (double)c->step);
    const double g_tol = CLOUD_GRAD_TOL * c->f_range / c->diag + 2.0 * sigma;
    if (best >= 0 && best_d <= CLOUD_RADIUS * c->diag && hypot(q->at.g[0], q->at.g[1]) < g_tol)
        return best;
    return CLOUD_MOVING;
}

double cloud_global_fraction(const cloud *c)
{
    if (c->n <= 0)
        return 0.0;
    int at_global = 0;
    for (int m = 0; m < c->n_minima; m++)
        if (c->minima[m].global)
            at_global += c->minima[m].count;
    return (double)at_global / c->n;
}
