/*
 * assess.c: a runner's situation from its distance to the critical points
 * and the size of its gradient, with a little memory (the minimum it
 * settled at) so that leaving a local minimum's basin counts as an escape.
 */
#include "core/assess.h"
#include "core/nls.h"

#include <math.h>

void assess_reset(assess_state *st)
{
    *st = (assess_state){.settled = -1, .arriving = -1, .escaped_step = -1, .at = -1};
}

const char *situation_name(situation s)
{
    switch (s) {
    case SITUATION_MOVING:
        return N_("moving");
    case SITUATION_GLOBAL_MIN:
        return N_("at a global minimum");
    case SITUATION_LOCAL_MIN:
        return N_("at a local minimum");
    case SITUATION_SADDLE:
        return N_("lingering near a saddle point");
    case SITUATION_PLATEAU:
        return N_("stalled on a plateau");
    case SITUATION_VALLEY:
        return N_("in a narrow valley");
    case SITUATION_MAXIMUM:
        return N_("at a maximum");
    case SITUATION_ESCAPED:
        return N_("escaped a local minimum");
    }
    return "?";
}

static double distance_at(const landscape *l, const double *x, const critical_point *p)
{
    const double dx = x[0] - p->x;
    const double dy = l->dim > 1 ? x[1] - p->y : 0.0;
    return hypot(dx, dy);
}

static double distance(const runner *r, const critical_point *p)
{
    return distance_at(r->land, r->x, p);
}

static double side_of(const landscape *l)
{
    double side = l->hi[0] - l->lo[0];
    if (l->dim > 1)
        side = fmax(side, l->hi[1] - l->lo[1]);
    return side;
}

/* Relative gradient size and the Hessian eigenvalues' magnitudes, sorted
 * (lo <= hi), relative to f_range / D^2. */
static void shape_at(const landscape *l, double f_range, const landscape_point *p, double *g_rel,
                     double *c_lo, double *c_hi)
{
    const double side = side_of(l);
    const double range = f_range > 0 ? f_range : 1.0;
    const double g = l->dim > 1 ? hypot(p->g[0], p->g[1]) : fabs(p->g[0]);
    *g_rel = g * side / range;
    double a = fabs(p->h[0][0]), b = a;
    if (l->dim > 1) {
        double lam[2], vec[2][2];
        critical_eigen2(p->h[0][0], p->h[0][1], p->h[1][1], lam, vec);
        a = fabs(lam[0]);
        b = fabs(lam[1]);
    }
    const double k = side * side / range;
    *c_lo = fmin(a, b) * k;
    *c_hi = fmax(a, b) * k;
}

bool assess_plateau(const landscape *l, const critical_set *cs, double f_range, const double *x)
{
    landscape_point p;
    landscape_eval(l, x, &p);
    double g_rel, c_lo, c_hi;
    shape_at(l, f_range, &p, &g_rel, &c_lo, &c_hi);
    if (!(g_rel < ASSESS_PLATEAU && c_hi < ASSESS_PLATEAU_CURV))
        return false;
    const double side = side_of(l);
    for (int i = 0; cs && i < cs->count; i++)
        if (distance_at(l, x, &cs->points[i]) / side <= ASSESS_LEFT)
            return false;
    return true;
}

const char *assess_status(runner_status status, situation sit, bool paused, status_tone *tone)
{
    const bool conv = status == RUNNER_CONVERGED;
    *tone = TONE_PLAIN;
    switch (status) {
    case RUNNER_DIVERGED:
    case RUNNER_STOPPED:
    case RUNNER_UNDEFINED:
        *tone = TONE_BAD;
        return runner_status_name(status);
    case RUNNER_OUT_OF_VIEW:
        *tone = TONE_CAUTION;
        return paused ? N_("paused, out of view") : runner_status_name(status);
    case RUNNER_RUNNING:
    case RUNNER_CONVERGED:
        break;
    }
    switch (sit) {
    case SITUATION_GLOBAL_MIN:
        *tone = TONE_GOOD;
        return conv ? N_("converged: global minimum") : N_("at a global minimum");
    case SITUATION_LOCAL_MIN:
        *tone = TONE_CAUTION;
        return conv ? N_("converged: local minimum") : N_("at a local minimum");
    case SITUATION_MAXIMUM:
        *tone = TONE_BAD;
        return conv ? N_("converged: maximum") : N_("at a maximum");
    case SITUATION_SADDLE:
        *tone = TONE_CAUTION;
        return conv ? N_("converged: saddle point") : N_("near a saddle point");
    case SITUATION_PLATEAU:
        *tone = TONE_CAUTION;
        return N_("plateau: tiny gradient");
    case SITUATION_VALLEY:
        *tone = TONE_CAUTION;
        return N_("narrow valley: ill-conditioned");
    case SITUATION_ESCAPED:
        *tone = TONE_ALERT;
        return N_("escaped a local minimum!");
    case SITUATION_MOVING:
        break;
    }
    if (conv) {
        /* settled where no classified point explains it: say so plainly */
        *tone = TONE_CAUTION;
        return N_("converged");
    }
    return paused ? N_("paused") : runner_status_name(status);
}

situation assess_runner(assess_state *st, const runner *r, const critical_set *cs,
                        double f_range)
{
    const landscape *l = r->land;
    const double side = side_of(l);
    double g_rel, c_lo, c_hi;
    shape_at(l, f_range, &r->at, &g_rel, &c_lo, &c_hi);
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
    } else if (p && d_rel < ASSESS_NEAR && g_rel < ASSESS_SMALL_GRAD &&
               (p->kind == CRITICAL_LOCAL_MAX || p->kind == CRITICAL_GLOBAL_MAX)) {
        st->now = SITUATION_MAXIMUM;
        st->at = nearest;
    } else if (p && d_rel < ASSESS_SADDLE_NEAR &&
               (p->kind == CRITICAL_SADDLE || p->kind == CRITICAL_DEGENERATE)) {
        /* near a saddle the gradient is small anyway: it grows with the
         * distance, |g| ~ |lambda| d */
        st->now = SITUATION_SADDLE;
        st->at = nearest;
    } else if (g_rel < ASSESS_PLATEAU && d_rel > ASSESS_LEFT) {
        /* small gradient far from critical points: flat (plateau, the same
         * test as assess_plateau) or steep across (a valley) */
        if (c_hi < ASSESS_PLATEAU_CURV)
            st->now = SITUATION_PLATEAU;
        else if (c_hi > ASSESS_VALLEY_RATIO * c_lo)
            st->now = SITUATION_VALLEY;
    } else if (st->escaped_step >= 0 && r->step - st->escaped_step < ASSESS_ESCAPE_SHOW) {
        st->now = SITUATION_ESCAPED;
    }
    return st->now;
}
