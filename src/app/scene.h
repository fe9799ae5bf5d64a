/*
 * scene.h: lesson scenes, INI files that describe a lesson without C: the
 * landscape, its view and domain, up to eight runners with their optimizer,
 * hyperparameters and start, annotations, the camera, and a caption in
 * English and Korean. The format is documented in README.md ("Scene files").
 *
 * scene_load parses one file with libinih into a plain struct (fixed-size
 * arrays; the only pointer is into the static landscape catalog) and checks
 * every key; the first problem is one line "FILE:LINE: [SECTION] KEY: why".
 * The bundled tour lives in assets/scenes as NN-name.ini, in tour order.
 */
#ifndef OPTIVIZ_APP_SCENE_H
#define OPTIVIZ_APP_SCENE_H

#include "core/landscape.h"
#include "core/optim.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define SCENE_MAX_RUNNERS 8
#define SCENE_MAX_ANNOTATIONS 8
#define SCENE_TITLE_MAX 160    /* bytes with the terminator (UTF-8) */
#define SCENE_TEXT_MAX 1024    /* caption, annotation text */
#define SCENE_EXPR_MAX 513     /* EXPR_MAX_TEXT + 1 */
#define SCENE_PATH_MAX 1024
#define SCENE_NAME_MAX 64
#define SCENE_TOUR_MAX 64      /* bundled scenes listed at most */

typedef enum scene_view {
    SCENE_VIEW_DEFAULT = 0, /* view= not given: the app's choice */
    SCENE_VIEW_CURVE,       /* 1D */
    SCENE_VIEW_SURFACE,     /* 2D */
    SCENE_VIEW_CONTOUR,     /* 2D */
} scene_view;

/* One [runner N] section. */
typedef struct scene_runner {
    int index;             /* N, 1..SCENE_MAX_RUNNERS */
    int line;              /* line of its [runner N] header (0: the implicit runner) */
    optim_kind kind;       /* OPTIM_SGD when optimizer= is not given */
    bool has_kind;
    optim_params optim;    /* kind's defaults (optim_defaults) with the given fields set;
                              the implicit runner has the landscape's lesson lr */
    unsigned optim_given;  /* bit i: field i of optim_fields() was given */
    bool has_start;
    double start[2];       /* scene dim coordinates */
    bool has_noise;        /* noise= here overrides the scene's noise for this runner */
    double noise;
    bool has_color;
    uint8_t color[3];      /* #rrggbb */
} scene_runner;

/* One [annotation N] section: a label at a point of the landscape. */
typedef struct scene_annotation {
    int index;             /* N, 1..SCENE_MAX_ANNOTATIONS */
    int line;
    double at[2];          /* scene dim coordinates (required) */
    char text[SCENE_TEXT_MAX];    /* required */
    char text_ko[SCENE_TEXT_MAX]; /* "" when not given */
} scene_annotation;

typedef struct scene {
    char path[SCENE_PATH_MAX];    /* the file it was loaded from */
    /* [scene] */
    char title[SCENE_TITLE_MAX];  /* required */
    char title_ko[SCENE_TITLE_MAX];
    char caption[SCENE_TEXT_MAX];
    char caption_ko[SCENE_TEXT_MAX]; /* each "" when not given */
    bool has_steps_per_second, has_seed, has_noise, has_noise_decay;
    bool has_loss_panel, has_annotate, has_exact;
    double steps_per_second;      /* (0, 1000] */
    uint64_t seed;
    double noise;                 /* gradient noise sigma, >= 0 (0: off) */
    double noise_decay;           /* (0, 1] */
    bool loss_panel;              /* show the loss-over-steps panel */
    bool annotate;                /* labels of minima, saddles, plateaus (key K) */
    bool exact;                   /* the HUD shows the minimum known exactly (closed form or
                                     critical points) and the iterate's distance to it */
    /* [landscape]: function= or expr= (exactly one) */
    const landscape *land;        /* function=, or NULL for expr= */
    char expr[SCENE_EXPR_MAX];    /* expr= as written ("" with function=); not parsed here */
    int expr_line;                /* its line, for messages about the formula; 0 if none */
    int dim;                      /* 1 or 2: the function's, or the domain's for expr= */
    bool has_domain;              /* domain= given (required with expr=) */
    double lo[2], hi[2];          /* the domain: domain=, else the function's own */
    bool has_view;
    scene_view view;
    /* [runner N], sorted by N; at least one (none given: one gradient-descent
     * runner with the lesson's lr and start, n_runners = 1, line 0) */
    int n_runners;
    scene_runner runners[SCENE_MAX_RUNNERS];
    /* [annotation N], sorted by N */
    int n_annotations;
    scene_annotation annotations[SCENE_MAX_ANNOTATIONS];
    /* [camera] */
    bool has_yaw, has_pitch, has_distance;
    double yaw, pitch;            /* radians; pitch in [-1.5, 1.5] */
    double distance;              /* [0.5, 100] */
} scene;

/* Loads and checks the scene file at path into *out. On any problem
 * (missing or unreadable file, syntax, unknown section or key, malformed or
 * out-of-range value, unknown landscape or optimizer, a hyperparameter the
 * optimizer does not use, wrong dimension, start outside the domain)
 * returns false with one line in err, "path:line: [section] key: why" (no
 * line when the problem is a missing file or section), and *out is left
 * untouched. */
bool scene_load(scene *out, const char *path, char *err, size_t errlen);
/* The same from an open stream (the fuzz target feeds it memory); path is
 * for messages. A file must be a regular file of at most FILEIO_SCENE_MAX
 * bytes (app/fileio.h): scene_load refuses others before reading; here
 * reading stops at that many bytes. Lines ending in CR alone and NUL
 * bytes are refused with their line. */
bool scene_load_stream(scene *out, FILE *fp, const char *path, char *err, size_t errlen);

/* The directory of the bundled scenes: $OPTIVIZ_SCENES if set, else the
 * installed copy beside the running binary (bindir/../datadir/optiviz/scenes,
 * which holds under any prefix or DESTDIR), else the source tree's
 * assets/scenes when it exists, else the configured datadir/optiviz/scenes. */
const char *scene_dir(void);

/* One bundled scene: NAME is the file name without its "NN-" prefix and
 * ".ini" ("01-risk.ini" is "risk"). */
typedef struct scene_entry {
    char name[SCENE_NAME_MAX];
    char path[SCENE_PATH_MAX];
} scene_entry;

/* The bundled scenes (*.ini in scene_dir()) in tour order, i.e. sorted by
 * file name; at most max. Returns the count (0 when the directory is
 * missing). */
int scene_tour(scene_entry *out, int max);

/* Resolves NAME|FILE: an argument with a '/' or ending in ".ini" is a file
 * path, copied as is; otherwise the bundled scene of that name (or of that
 * file name without ".ini", e.g. "03-cubic"). Returns false with one line
 * in err when no bundled scene has the name. */
bool scene_resolve(const char *arg, char *path, size_t n, char *err, size_t errlen);

/* The name of a view, "curve", "surface", "contour" ("" for the default). */
const char *scene_view_name(scene_view v);

#endif
