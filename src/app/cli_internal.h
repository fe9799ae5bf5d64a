/*
 * cli_internal.h: what cli.c (reading the options), cli_values.c (one
 * value of each kind) and cli_check.c (the checks across them) share.
 */
#ifndef OPTIVIZ_APP_CLI_INTERNAL_H
#define OPTIVIZ_APP_CLI_INTERNAL_H

#include "app/cli.h"

/* Every option of cli.c's table; bit id of cli_options.given is set when
 * the option was given. */
typedef enum opt_id {
    OPT_FUNCTION,
    OPT_OPTIMIZER,
    OPT_NOISE,
    OPT_NOISE_DECAY,
    OPT_SCHEDULE,
    OPT_FACTOR,
    OPT_FLOOR,
    OPT_GAMMA,
    OPT_MILESTONES,
    OPT_WARMUP,
    OPT_FINAL_LR,
    OPT_MAX_STEPS,
    OPT_VIEW,
    OPT_START,
    OPT_SEED,
    OPT_STEPS,
    OPT_SIZE,
    OPT_FULLSCREEN,
    OPT_OUT,
    OPT_FRAMES,
    OPT_DOMAIN,
    OPT_EXPR,
    OPT_SCENE,
    OPT_OUTPUT_DIR,
    OPT_PARTICLES,
    OPT_STARTUP,
    OPT_COLD,
    OPT_RUNS,
    OPT_IDLE,
    OPT_LANG,
    OPT_FORCE,
} opt_id;
#define OPT_ID_COUNT (OPT_FORCE + 1) /* the last id + 1: keep it the last */

/* Values, each read by landscape_parse_number (the one number parser):
 * false with one line "OPT: 'VALUE' is not ..." in err (cli_values.c). */
bool cli_parse_double(const char *opt, const char *s, double *out, char *err, size_t n);
/* A whole number in [lo, hi] (at most 2^53). */
bool cli_parse_long(const char *opt, const char *s, long long lo, long long hi, long long *out,
                    char *err, size_t n);
/* "WxH", each 64..16384. */
bool cli_parse_size(const char *s, int *w, int *h, char *err, size_t n);
/* "X" or "X,Y" into start; count gets the number of coordinates. */
bool cli_parse_start(const char *s, double *start, int *count, char *err, size_t n);
/* "A,B,.." ascending steps into sched's milestones. */
bool cli_parse_milestones(const char *s, schedule *sched, char *err, size_t n);
/* NULL (a bare flag), 1, true, 0 or false into 1.0 or 0.0. */
bool cli_parse_bool(const char *opt, const char *v, double *out, char *err, size_t n);

/* Checks what needs several options, once all are read: a --scene or
 * --expr, what the subcommand requires, the start point (start_count
 * coordinates given), the hyperparameters against the optimizer. False with
 * one line in err. */
bool cli_check_required(cli_options *o, int start_count, char *err, size_t n);

#endif
