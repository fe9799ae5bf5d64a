/*
 * assess.h: what a runner's situation means, in the words of d2l 12.1:
 * settled at a global or a local minimum, lingering near a saddle point,
 * stalled on a plateau (a tiny gradient with no critical point nearby: the
 * vanishing gradient of tanh), or escaped (it had settled in a local
 * minimum's basin and left it, which noise can do). Judged against the
 * landscape's critical points (core/critical.h) after each frame's steps.
 */
#ifndef OPTIVIZ_CORE_ASSESS_H
#define OPTIVIZ_CORE_ASSESS_H

#include "core/critical.h"
#include "core/sim.h"

#include <stdbool.h>

typedef enum situation {
    SITUATION_MOVING = 0, /* nothing to say */
    SITUATION_GLOBAL_MIN, /* at a global minimum (within NEAR of it, gradient small) */
    SITUATION_LOCAL_MIN,  /* at a local minimum that is not global */
    SITUATION_SADDLE,     /* within SADDLE_NEAR of a saddle point or a degenerate one */
    SITUATION_PLATEAU,    /* tiny gradient and tiny curvature, no critical point nearby
                             (assess_plateau) */
    SITUATION_VALLEY,     /* tiny gradient, no critical point nearby, but steep across:
                             a narrow valley (ill-conditioning, not a plateau) */
    SITUATION_MAXIMUM,    /* at a local or global maximum (Newton can settle there) */
    SITUATION_ESCAPED,    /* left a local minimum it had settled at (shown briefly) */
} situation;

/* How a status reads: the HUD gives each tone its theme color. */
typedef enum status_tone {
    TONE_PLAIN = 0, /* running, paused */
    TONE_GOOD,      /* at (converged to) a global minimum */
    TONE_CAUTION,   /* a local minimum, a saddle, a plateau, a valley, out of view */
    TONE_ALERT,     /* escaped (news, not a fault) */
    TONE_BAD,       /* a maximum, diverged, stopped, undefined */
} status_tone;

/* Distances are fractions of the domain's larger side D. */
#define ASSESS_NEAR 0.02         /* "at" a critical point: within 0.02 D */
#define ASSESS_SADDLE_NEAR 0.06  /* "near" a saddle: within 0.06 D */
#define ASSESS_LEFT 0.12         /* left a minimum: farther than 0.12 D */
#define ASSESS_SETTLE_STEPS 20   /* steps within LEFT of a local minimum before it counts
                                    as settled there */
#define ASSESS_ESCAPE_SHOW 40    /* steps the "escaped" situation stays */
/* A gradient is small when |g| D / (f's range) is below this; a plateau
 * when below PLATEAU (tanh at x = 4: 0.0047) and the curvature is small too:
 * every Hessian eigenvalue |lambda| D^2 / (f's range) below PLATEAU_CURV
 * (tanh at 4: 0.07; Rosenbrock's valley floor across it: above 1, a
 * valley). A valley when the eigenvalues' ratio exceeds VALLEY_RATIO. */
#define ASSESS_SMALL_GRAD 0.05
#define ASSESS_PLATEAU 0.01
#define ASSESS_PLATEAU_CURV 0.5
#define ASSESS_VALLEY_RATIO 20.0

typedef struct assess_state {
    int settled;            /* index of the local minimum settled at, or -1 */
    int arriving;           /* index of the local minimum it is at, not yet settled, or -1 */
    long since;             /* step when it arrived there */
    long escaped_step;      /* step of the last escape, or -1 */
    int escapes;            /* how many times it escaped */
    situation now;
    int at;                 /* index of the critical point of `now`, or -1 */
} assess_state;

/* Starts a fresh assessment (a new run). */
void assess_reset(assess_state *st);

/* Judges runner r against the critical points cs of its landscape; f_range
 * is the landscape's value range over its domain (> 0). Updates st (the
 * settled minimum, escapes) and returns st->now. */
situation assess_runner(assess_state *st, const runner *r, const critical_set *cs,
                        double f_range);

/* Short phrase for the HUD, e.g. "at a local minimum". */
const char *situation_name(situation s);

/* True when x (l->dim coordinates) is on a plateau: the one definition the
 * status and the shaded "vanishing gradient" band share. Relative gradient
 * |g| D / f_range below ASSESS_PLATEAU, every relative curvature below
 * ASSESS_PLATEAU_CURV, and farther than ASSESS_LEFT D from every critical
 * point of cs (NULL: none). */
bool assess_plateau(const landscape *l, const critical_set *cs, double f_range, const double *x);

/* The runner's status as the HUD words it, from its run status and its
 * situation, with the tone to color it: e.g. "converged: global minimum"
 * (good), "converged: local maximum" (bad: Newton heading for a maximum is
 * not success), "narrow valley: ill-conditioned" (caution). paused: the sim
 * is paused. */
const char *assess_status(runner_status status, situation sit, bool paused, status_tone *tone);

#endif
