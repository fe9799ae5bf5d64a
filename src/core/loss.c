/*
 * loss.c: the loss-over-steps series (thinned trail samples, log gap with
 * breaks instead of a made-up floor).
 */
#include "core/loss.h"

#include <math.h>

void loss_sample(loss_series *c, const runner *rn, const landscape *l)
{
    const int n = rn->trail_len;
    const long first_step = rn->step - (n - 1);
    const int m = n < LOSS_MAX_POINTS ? n : LOSS_MAX_POINTS;
    c->n = 0;
    c->zero_step = c->below_step = -1;
    for (int k = 0; k < m; k++) {
        const int i = m == 1 ? n - 1 : (int)((long)k * (n - 1) / (m - 1));
        double p[2];
        runner_trail_point(rn, i, p);
        landscape_point v;
        landscape_eval(l, p, &v);
        c->step[c->n] = (double)(first_step + i);
        c->y[c->n] = v.f;
        c->n++;
    }
}

void loss_log_gap(loss_series *c, double fstar)
{
    c->zero_step = c->below_step = -1;
    for (int i = 0; i < c->n; i++) {
        const double gap = c->y[i] - fstar;
        if (gap > 0.0) {
            c->y[i] = log10(gap);
            continue;
        }
        if (gap == 0.0 && c->zero_step < 0)
            c->zero_step = (long)c->step[i];
        if (gap < 0.0 && c->below_step < 0)
            c->below_step = (long)c->step[i];
        c->y[i] = NAN;
    }
}
