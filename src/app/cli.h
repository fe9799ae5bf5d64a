/*
 * cli.h: the command line of DESIGN.md parsed into one options struct.
 * Every bad value is reported as one line naming it; the caller exits 2.
 */
#ifndef OPTIVIZ_APP_CLI_H
#define OPTIVIZ_APP_CLI_H

#include "core/landscape.h"
#include "core/optim.h"
#include "core/schedule.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum cli_command {
    CLI_RUN = 0, /* interactive window */
    CLI_LIST,
    CLI_TRACE,
    CLI_SHOT,
    CLI_BENCH,
    CLI_CRITICAL,
    CLI_HELP,
    CLI_VERSION,
} cli_command;

typedef struct cli_options {
    cli_command command;
    const landscape *land; /* NULL: not given */
    optim_kind kind;       /* the first runner's optimizer */
    int n_kinds;           /* --optimizer A,B,C (window and shot): runners racing */
    optim_kind kinds[8];
    optim_params optim;    /* the optimizer's defaults with the given flags applied */
    unsigned optim_given;  /* bit i: field i of optim_fields() was given */
    bool has_lr;
    double noise;
    double noise_decay;    /* 0: none */
    schedule sched;
    uint64_t seed;
    bool has_start;
    double start[2];
    bool has_steps;
    long steps;
    int width, height; /* 0: default */
    bool fullscreen;
    bool contour;          /* --view contour (2D landscapes) */
    const char *out;
    long frames;
    bool has_domain;        /* critical --domain a:b[,c:d] */
    const char *domain_arg; /* as given, for messages */
    int domain_count;       /* ranges given (checked against the dimension) */
    double domain_lo[2], domain_hi[2];
    int particles;          /* --particles N (window, shot, bench): a cloud; 0: none */
} cli_options;

/* Parses argv (argv[0] is the program). Returns false with one line in err
 * naming the bad argument. Checks the start point against the landscape's
 * dimension and domain, steps >= 0, sizes, the optimizer's rules, and a
 * --domain's ranges (a < b, one per dimension). */
bool cli_parse(int argc, char **argv, cli_options *o, char *err, size_t errlen);

/* The usage text printed by --help. */
const char *cli_usage(void);

#endif
