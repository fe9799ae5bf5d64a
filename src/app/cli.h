/*
 * cli.h: the command line of DESIGN.md parsed into one options struct.
 * Every bad value is reported as one line naming it; the caller exits 2.
 */
#ifndef OPTIVIZ_APP_CLI_H
#define OPTIVIZ_APP_CLI_H

#include "core/custom.h"
#include "app/scene.h"
#include "core/landscape.h"
#include "core/optim.h"
#include "core/run_config.h"
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
    run_layer run;         /* what the run flags give: --optimizer (the first runner's),
                              hyperparameters (run.optim holds the optimizer's defaults with
                              them applied), --noise, --noise-decay, schedule, --seed */
    int n_kinds;           /* --optimizer A,B,C (window and shot): runners racing */
    optim_kind kinds[8];
    bool has_lr;
    bool has_start;
    double start[2];
    bool has_steps;
    long steps;
    int width, height; /* 0: default */
    bool fullscreen;
    bool contour;          /* --view contour (2D landscapes) */
    const char *out;
    bool force;             /* --force (shot): --out may replace an existing file */
    const char *output_dir; /* --output-dir (window, shot); NULL: the XDG default */
    long frames;
    bool has_domain;        /* critical --domain a:b[,c:d] */
    const char *domain_arg; /* as given, for messages */
    int domain_count;       /* ranges given (checked against the dimension) */
    double domain_lo[2], domain_hi[2];
    const char *expr_text;   /* --expr FORMULA as given, or NULL */
    landscape_custom custom; /* the formula's landscape (land points at custom.land) */
    bool has_scene;         /* --scene NAME|FILE (window, shot): checked by scene_load */
    char scene_path[SCENE_PATH_MAX]; /* the resolved file */
    int particles;          /* --particles N (window, shot, bench): a cloud; 0: none */
    bool startup;           /* bench --startup: time to the first frame of fresh processes */
    bool cold;              /* bench --startup --cold: each with an empty shader cache */
    long runs;              /* bench --runs N: processes --startup starts; 0: default */
    double idle;            /* bench --idle SECONDS: CPU of a window where nothing changes */
    int argc;               /* the command line as given (bench --startup starts it again) */
    char **argv;
    const char *lang;       /* --lang (window, shot): a language code of app/i18n.h, or NULL */
    bool expr_caret;        /* the error is a refused formula's two lines */
    unsigned long long given; /* bit id: the option of cli.c's table with that id given */
} cli_options;

/* Parses argv (argv[0] is the program). Returns false with one line in err
 * naming the bad argument (a refused --expr: that line, then the formula and
 * a caret under the column), control characters escaped (fileio_escape).
 * Checks the start point against the landscape's dimension and domain, steps >= 0, sizes, the optimizer's rules, and a
 * --domain's ranges (a < b, one per dimension), and loads a --scene (its
 * landscape becomes land; --function or --expr with it is refused). On
 * success o may own a parsed formula: release it with cli_free. */
bool cli_parse(int argc, char **argv, cli_options *o, char *err, size_t errlen);

/* The run the flags describe: the optimizer's torch defaults with the run
 * flags laid over them (what `trace` follows). */
run_config cli_run_config(const cli_options *o);

/* Frees what cli_parse allocated (the --expr formula); o->land is then NULL
 * if it pointed at it. Safe to call twice. */
void cli_free(cli_options *o);

/* Parses a domain "A:B" or "A:B,C:D" (--domain, the formula line, scene
 * files) into lo/hi (2 entries each); count gets the number of ranges.
 * Each range needs finite A < B with a finite width. Returns false with one
 * line starting "--domain: " in err. */
bool cli_parse_domain(const char *s, double *lo, double *hi, int *count, char *err, size_t n);

/* The usage text printed by --help. */
const char *cli_usage(void);

#endif
