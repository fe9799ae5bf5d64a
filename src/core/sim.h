/*
 * sim.h: the simulation optiviz shows. A runner is one optimizer walking one
 * landscape from a start point: its iterate, the exact value and gradient
 * there, its trail and its status. A sim holds the runners of a view and
 * advances them by whole fixed steps at a steps-per-second rate that does not
 * depend on the frame rate (the app calls sim_advance once per frame).
 *
 * The gradient the optimizer sees may carry noise: N(0, noise^2) added to
 * each component (the minibatch-noise model of d2l 12.4), drawn from the
 * runner's seeded generator, so a run is reproducible.
 */
#ifndef OPTIVIZ_CORE_SIM_H
#define OPTIVIZ_CORE_SIM_H

#include "core/landscape.h"
#include "core/optim.h"
#include "core/rng.h"
#include "core/schedule.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RUNNER_TRAIL_MAX 4096 /* trail points kept (a ring) */
#define SIM_MAX_RUNNERS 8
#define SIM_MAX_STEPS_PER_ADVANCE 2000 /* bounds one frame's work */

/* Gradient-norm and step-length thresholds of "converged". */
#define RUNNER_CONVERGED_GRAD 1e-6
#define RUNNER_CONVERGED_STEP 1e-9
/* An iterate farther than this many domain widths outside the domain, or
 * not finite, has diverged; a non-finite value or gradient at an iterate
 * nearer than that means f is undefined there (log of a negative, 1/0). */
#define RUNNER_DIVERGED_WIDTHS 10.0

typedef enum runner_status {
    RUNNER_RUNNING = 0,
    RUNNER_CONVERGED,   /* gradient and last step below the thresholds */
    RUNNER_OUT_OF_VIEW, /* outside the domain, still finite and near */
    RUNNER_DIVERGED,    /* far outside, or the iterate not finite: stops */
    RUNNER_STOPPED,     /* the optimizer cannot step (Newton: singular Hessian) */
    RUNNER_UNDEFINED,   /* f is not defined at the iterate (value or gradient NaN, or
                           infinite at a finite iterate near the domain): stops */
} runner_status;

/* Short lowercase word for the status, e.g. "converged". */
const char *runner_status_name(runner_status s);

#define RUNNER_HISTORY 256 /* steps a runner can take back (a ring) */

/* What one step changes in a runner, kept so the step can be taken back
 * exactly: the optimizer's state, the noise generator, the iterate and
 * everything judged from it. */
typedef struct runner_snapshot {
    optim opt, opt_prev;
    rng rng;
    double x[2], last_step[2], x_prev[2], g_seen[2];
    landscape_point at;
    long step;
    double lr_now;
    int status; /* runner_status */
    bool downhill;
    const char *note;
    long watch_best_step;
    double watch_best;
} runner_snapshot;

typedef struct runner_params {
    const landscape *land; /* required */
    optim_kind kind;
    optim_params optim;
    double noise;        /* gradient noise standard deviation, >= 0 */
    double noise_decay;  /* noise at step t is noise * noise_decay^t; 0 means 1 */
    schedule sched;      /* learning-rate schedule (zero: constant) */
    uint64_t seed;
    const double *start; /* land->dim coordinates; NULL: the lesson's start */
} runner_params;

typedef struct runner {
    const landscape *land;
    optim opt;
    rng rng;
    uint64_t seed;
    double noise;
    double noise_decay;
    schedule sched;
    double start[2];
    double x[2];           /* current iterate */
    double last_step[2];   /* x_t - x_{t-1} */
    landscape_point at;    /* exact value, gradient, Hessian at x */
    long step;             /* steps taken since the start */
    double lr_now;         /* learning rate of the last step (after the schedule) */
    double g_seen[2];      /* gradient the optimizer saw in the last step (with noise) */
    double x_prev[2];      /* iterate before the last step */
    optim opt_prev;        /* optimizer state before the last step (for explanations) */
    runner_status status;
    bool downhill;         /* the last step lowered f (a run off downhill is an escape,
                              not a step size that is too large) */
    const char *note;      /* why, when the optimizer has something to say, or NULL */
    const landscape *watch; /* land->companion (the risk beside lesson 1's training
                               loss), or NULL: its lowest value over the whole run is
                               tracked as the run goes (the early-stopping mark) */
    long watch_best_step;  /* step of the lowest watch value so far (0: the start) */
    double watch_best;     /* that value */
    int trail_len;         /* points in the trail ring, <= RUNNER_TRAIL_MAX */
    int trail_head;        /* index of the oldest point */
    double trail[RUNNER_TRAIL_MAX][2];
    int hist_len;          /* steps that can be taken back, <= RUNNER_HISTORY */
    int hist_head;         /* slot the next snapshot goes to */
    runner_snapshot hist[RUNNER_HISTORY];
} runner;

/* Sets up a runner at its start. Returns false with one line in err when the
 * optimizer's hyperparameters or the noise are invalid. */
bool runner_init(runner *r, const runner_params *p, char *err, size_t errlen);
/* Starts a new run from start (NULL: the runner's current start): the
 * optimizer's state, the trail and the noise generator are reset. */
void runner_reset(runner *r, const double *start);
/* One optimizer step: the gradient at x plus noise goes to optim_step with
 * the schedule's learning rate, the new iterate is evaluated exactly and the
 * status updated. Steps even when the status is not RUNNING (the caller
 * decides whether to stop), except that a Newton step on a singular Hessian
 * does not move and sets RUNNER_STOPPED. */
void runner_step(runner *r);
/* Takes the last step back: the iterate, the optimizer's state, the noise
 * generator, the status and the trail return to what they were before it,
 * so the next runner_step repeats the same step exactly. Up to
 * RUNNER_HISTORY steps back; false when there is none left (a reset clears
 * the history). */
bool runner_step_back(runner *r);
/* After a change that matters to a settled run (noise on, learning rate,
 * noise sigma, a hyperparameter, the schedule): a converged or stopped
 * runner is judged again where it is, so it moves on when the change lets
 * it (noise makes it RUNNING; a smaller lr at a minimum leaves it
 * converged). Diverged and undefined runs stay stopped. */
void runner_wake(runner *r);
/* Trail point i (0 = oldest) into out (dim coordinates). */
void runner_trail_point(const runner *r, int i, double *out);

/* The noisy-gradient step shared by runners and cloud particles (cloud.h),
 * so a particle steps exactly as a runner with the same settings would:
 * the optimizer sees at->g plus N(0, sigma^2) per coordinate, sigma =
 * noise * noise_decay^step (d2l 12.4's minibatch noise; none for anneal,
 * whose proposals are its randomness), drawn from r; the learning rate is
 * the schedule's for step (sched NULL: constant). x moves by optim_step and
 * at is re-evaluated there, except on OPTIM_SINGULAR (x and at unchanged).
 * noise_decay is the factor itself (1: no decay). g_seen and lr_out (may be
 * NULL) get the gradient seen and the learning rate used. */
optim_result sim_noisy_step(const landscape *l, optim *o, rng *r, double noise,
                            double noise_decay, const schedule *sched, long step, double *x,
                            landscape_point *at, double g_seen[2], double *lr_out);

typedef struct sim {
    int n_runners;
    runner runners[SIM_MAX_RUNNERS];
    bool paused;
    double steps_per_second; /* > 0 */
    double accumulator;      /* fractional steps carried between frames */
    int max_per_advance;     /* steps one sim_advance takes at most (0: the default
                                SIM_MAX_STEPS_PER_ADVANCE); the rest is dropped */
    int hist_len, hist_head; /* sim steps that can be taken back (a ring) */
    uint8_t stepped[RUNNER_HISTORY]; /* per sim step, bit i: runner i stepped */
} sim;

/* A sim with one runner per params entry (1..SIM_MAX_RUNNERS). */
bool sim_init(sim *s, const runner_params *params, int n, double steps_per_second, char *err,
              size_t errlen);
/* Advances by dt seconds of wall time: takes the whole steps due (at most
 * max_per_advance or SIM_MAX_STEPS_PER_ADVANCE; the rest is dropped, so a stall never makes a
 * burst). Runners that diverged or converged do not step. Returns the
 * number of steps taken. Nothing happens while paused. */
int sim_advance(sim *s, double dt);
/* One step of every runner still going, paused or not. */
void sim_step(sim *s);
/* Changes one runner and no other (A, Delete, O: the rest of a comparison
 * keeps its state): sim_add_runner appends a runner of p at its start,
 * sim_replace_runner starts runner i again as p, sim_remove_runner drops
 * runner i (the later ones move down). The sim's step-back history is
 * cleared (runners' own histories stay). False with one line in err on bad
 * parameters or count; the sim is then unchanged. */
bool sim_add_runner(sim *s, const runner_params *p, char *err, size_t errlen);
bool sim_replace_runner(sim *s, int i, const runner_params *p, char *err, size_t errlen);
bool sim_remove_runner(sim *s, int i);
/* Takes the last sim step back: every runner that stepped in it steps
 * back (runner_step_back). False when there is none left. */
bool sim_step_back(sim *s);
/* Restarts every runner from start (NULL: each runner's own start). */
void sim_reset(sim *s, const double *start);

#endif
