/*
 * scene_internal.h: what the scene reader (scene.c: lines, sections, keys)
 * and its checks once the file is read (scene_check.c) share: the parse
 * context and the one way to report a problem.
 */
#ifndef OPTIVIZ_APP_SCENE_INTERNAL_H
#define OPTIVIZ_APP_SCENE_INTERNAL_H

#include "app/scene.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#define MAX_FIELDS 32
#define MAX_SEEN 256

typedef enum sect_kind {
    SECT_NONE = 0,
    SECT_SCENE,
    SECT_LANDSCAPE,
    SECT_RUNNER,
    SECT_ANNOTATION,
    SECT_CAMERA,
} sect_kind;

typedef struct seen_key {
    char section[24];
    char key[40];
    int line;
} seen_key;

typedef struct parse_ctx {
    FILE *fp;
    const char *path;
    scene *s;                 /* scratch: runners and annotations indexed by N - 1 */
    int line;                 /* current line, 1-based */
    char raw[4096];           /* the current line as read */
    bool continuation;        /* the current line continues the previous key's value */
    char last_key[40];        /* the key a continuation line continues ("" after a header) */
    sect_kind sect;
    int sect_slot;            /* N - 1 for runners and annotations */
    char sect_name[24];       /* "runner 2", for messages */
    bool seen_scene, seen_landscape, seen_camera;
    bool runner_used[SCENE_MAX_RUNNERS];
    optim_params runner_vals[SCENE_MAX_RUNNERS];   /* the fields as given */
    int field_line[SCENE_MAX_RUNNERS][MAX_FIELDS]; /* 0: not given */
    int start_line[SCENE_MAX_RUNNERS], start_count[SCENE_MAX_RUNNERS];
    bool annot_used[SCENE_MAX_ANNOTATIONS];
    int at_line[SCENE_MAX_ANNOTATIONS], at_count[SCENE_MAX_ANNOTATIONS];
    bool has_text[SCENE_MAX_ANNOTATIONS];
    int function_line, domain_line, domain_count, view_line, camera_line;
    bool has_title;
    int n_seen;
    seen_key seen[MAX_SEEN];
    long bytes;               /* read so far (capped at FILEIO_SCENE_MAX) */
    bool failed;
    char *err;
    size_t errlen;
} parse_ctx;

/* Records the first problem as "path:line: [section] key: why" (line 0:
 * no line; key NULL: no key); later ones are dropped. */
void scene_vfail(parse_ctx *c, int line, const char *section, const char *key, const char *fmt,
                 va_list ap);
static inline void fail(parse_ctx *c, int line, const char *section, const char *key,
                        const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    scene_vfail(c, line, section, key, fmt, ap);
    va_end(ap);
}

/* Once the file is read: the checks across keys (dimension, each runner's
 * optimizer and hyperparameters, starts and annotations inside the
 * domain), then the runners and annotations given packed in order. */
void scene_finish(parse_ctx *c);
void scene_compact(parse_ctx *c);

#endif
