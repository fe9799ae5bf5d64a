/*
 * assess.c: a runner's situation from its distance to the critical points
 * and the size of its gradient, with a little memory (the minimum it
 * settled at) so that leaving a local minimum's basin counts as an escape.
 */
#include "core/assess.h"

#include <math.h>

void assess_reset(assess_state *st)
{
    *st = (assess_state){.settled = -1, .arriving = -1, .escaped_step = -1, .at = -1};
}

const char *situation_name(situation s)
{
    switch (s) {
    case SITUATION_MOVING:
        return "moving";
    case SITUATION_GLOBAL_MIN:
        return "at a global minimum";
    case SITUATION_LOCAL_MIN:
        return "at a local minimum";
    case SITUATION_SADDLE:
        return "lingering near a saddle point";
    case SITUATION_PLATEAU:
        return "stalled on a plateau";
    case SITUATION_ESCAPED:
        return "escaped a local minimum";
    }
    return "?";
}

static double distance(const runner *r, const critical_point *p)
{
    const double dx = r->x[0] - p->x;
    const double dy = r->land->dim > 1 ? r->x[1] - p->y : 0.0;
    return hypot(dx, dy);
}

situation assess_runner(assess_state *st, const runner *r, const critical_set *cs,
                        double f_range)
{
    const landscape *l = r->land;
    double side = l->hi[0] - l->lo[0];
    if (l->dim > 1)
        side = fmax(side, l->hi[1] - l->lo[1]);
    const double slope = f_range > 0 ? f_range / side : 1.0;
    double g = fabs(r->at.g[0]);
    if (l->dim > 1)
        g = hypot(r->at.g[0], r->at.g[1]);
    const double g_rel = g / slope;
    int nearest = -1;
    double best = INFINITY;
    for (int i = 0; cs && i < cs->count; i++) {
        const double d = distance(r, &cs->points[i]);
        if (d < best) {
            best = d;
            nearest = i;
        }
    }
    const critical_point *p = nearest >= 0 ? &cs->points[nearest] : NULL;
    const double d_rel = p ? best / side : INFINITY;

    /* settling and escapes use the nearest minimum, whatever the gradient
     * (noise keeps the iterate jittering around a minimum it sits in):
     * within ASSESS_LEFT of a local minimum for ASSESS_SETTLE_STEPS steps
     * is settled there; then being nearer another minimum and farther than
     * ASSESS_LEFT from it is an escape */
    int near_min = -1;
    double near_min_d = INFINITY;
    for (int i = 0; cs && i < cs->count; i++) {
        const critical_kind k = cs->points[i].kind;
        if (k != CRITICAL_LOCAL_MIN && k != CRITICAL_GLOBAL_MIN)
            continue;
        const double d = distance(r, &cs->points[i]);
        if (d < near_min_d) {
            near_min_d = d;
            near_min = i;
        }
    }
    if (st->settled >= 0 && (!cs || st->settled >= cs->count))
        st->settled = -1; /* a stale index (another landscape's points) */
    if (st->settled >= 0 && near_min != st->settled &&
        distance(r, &cs->points[st->settled]) / side > ASSESS_LEFT) {
        st->settled = -1;
        st->escapes++;
        st->escaped_step = r->step;
    }
    if (near_min >= 0 && near_min_d / side < ASSESS_LEFT &&
        cs->points[near_min].kind == CRITICAL_LOCAL_MIN && st->settled != near_min) {
        if (st->arriving != near_min) {
            st->arriving = near_min;
            st->since = r->step;
        } else if (r->step - st->since >= ASSESS_SETTLE_STEPS) {
            st->settled = near_min;
            st->arriving = -1;
        }
    } else if (st->settled != near_min) {
        st->arriving = -1;
    }
    st->at = -1;
    st->now = SITUATION_MOVING;
    if (p && d_rel < ASSESS_NEAR && g_rel < ASSESS_SMALL_GRAD &&
        (p->kind == CRITICAL_LOCAL_MIN || p->kind == CRITICAL_GLOBAL_MIN)) {
        st->now = p->kind == CRITICAL_GLOBAL_MIN ? SITUATION_GLOBAL_MIN : SITUATION_LOCAL_MIN;
        st->at = nearest;
    } else if (p && d_rel < ASSESS_SADDLE_NEAR &&
               (p->kind == CRITICAL_SADDLE || p->kind == CRITICAL_DEGENERATE)) {
        /* near a saddle the gradient is small anyway: it grows with the
         * distance, |g| ~ |lambda| d */
        st->now = SITUATION_SADDLE;
        st->at = nearest;
    } else if (g_rel < ASSESS_PLATEAU && d_rel > ASSESS_LEFT) {
        st->now = SITUATION_PLATEAU;
    } else if (st->escaped_step >= 0 && r->step - st->escaped_step < ASSESS_ESCAPE_SHOW) {
        st->now = SITUATION_ESCAPED;
    }
    return st->now;
}
