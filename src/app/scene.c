/*
 * scene.c: loading lesson scene files (scene.h) and finding the bundled tour.
 *
 * libinih splits the file into sections and key = value pairs; this file
 * feeds it through its own line reader, which counts lines (for messages),
 * checks section headers and lines inih would refuse, and stops the parse
 * at the first problem. The handler checks each key as it comes into a
 * scratch scene; what depends on several keys (dimension, the optimizer's
 * hyperparameters, start inside the domain) is checked once the file is
 * read. Only a fully valid scene is copied to the caller's struct. A file
 * must be a regular file of at most FILEIO_SCENE_MAX bytes (fileio.c);
 * CR-only line ends and NUL bytes are named with their line; every number
 * goes through landscape_parse_number with its range. Finding scene files
 * on disk (the tour, names) is scene_tour.c's.
 */
#include "app/scene.h"
#include "app/scene_internal.h"

#include "app/fileio.h"

#include <ini.h>

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool number(parse_ctx *c, const char *key, const char *v, double *out)
{
    if (landscape_parse_number(v, out))
        return true;
    fail(c, c->line, c->sect_name, key, "'%s' is not a number", v);
    return false;
}

/* A number in [lo, hi] (lo excluded when lo_open). */
static bool number_in(parse_ctx *c, const char *key, const char *v, double lo, double hi,
                      bool lo_open, double *out)
{
    if (!number(c, key, v, out))
        return false;
    if ((lo_open ? *out > lo : *out >= lo) && *out <= hi)
        return true;
    fail(c, c->line, c->sect_name, key, "%s is out of range %s%g, %g]", v, lo_open ? "(" : "[",
         lo, hi);
    return false;
}

static bool boolean(parse_ctx *c, const char *key, const char *v, bool *out)
{
    if (strcmp(v, "true") == 0 || strcmp(v, "1") == 0) {
        *out = true;
        return true;
    }
    if (strcmp(v, "false") == 0 || strcmp(v, "0") == 0) {
        *out = false;
        return true;
    }
    fail(c, c->line, c->sect_name, key, "'%s' is not true or false", v);
    return false;
}

/* "X" or "X,Y"; count gets the number of coordinates. */
static bool point(parse_ctx *c, const char *key, const char *v, double *xy, int *count)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", v);
    char *comma = strchr(buf, ',');
    *count = comma ? 2 : 1;
    if (comma)
        *comma = '\0';
    if (strlen(v) < sizeof buf && landscape_parse_number(buf, &xy[0]) &&
        (!comma || (!strchr(comma + 1, ',') && landscape_parse_number(comma + 1, &xy[1]))))
        return true;
    fail(c, c->line, c->sect_name, key, "'%s' is not a point X or X,Y", v);
    return false;
}

/* "A:B" or "A:B,C:D" with A < B and C < D (core/landscape.c parses). */
static bool domain(parse_ctx *c, const char *key, const char *v, double *lo, double *hi,
                   int *count)
{
    char why[400];
    if (landscape_parse_domain(v, lo, hi, count, why, sizeof why))
        return true;
    fail(c, c->line, c->sect_name, key, "%s", why);
    return false;
}

static bool text(parse_ctx *c, const char *key, const char *v, char *dst, size_t n)
{
    if (strlen(v) >= n) {
        fail(c, c->line, c->sect_name, key, "text longer than %zu bytes", n - 1);
        return false;
    }
    memcpy(dst, v, strlen(v) + 1);
    return true;
}

static bool color(parse_ctx *c, const char *key, const char *v, uint8_t rgb[3])
{
    bool ok = strlen(v) == 7 && v[0] == '#';
    for (int i = 1; ok && i < 7; i++)
        ok = isxdigit((unsigned char)v[i]) != 0;
    if (!ok) {
        fail(c, c->line, c->sect_name, key, "'%s' is not a color #rrggbb", v);
        return false;
    }
    for (int i = 0; i < 3; i++) {
        char hex[3] = {v[1 + 2 * i], v[2 + 2 * i], '\0'};
        rgb[i] = (uint8_t)strtol(hex, NULL, 16);
    }
    return true;
}

static int field_index(const char *name)
{
    int count;
    const optim_field *f = optim_fields(&count);
    for (int i = 0; i < count && i < MAX_FIELDS; i++)
        if (strcmp(f[i].name, name) == 0)
            return i;
    return -1;
}

/* Text keys may continue over indented lines (the value is joined with a
 * space). Returns the buffer and its size for a text key of the section. */
static char *text_slot(parse_ctx *c, const char *key, size_t *n)
{
    scene *s = c->s;
    char *dst = NULL;
    if (c->sect == SECT_SCENE) {
        if (strcmp(key, "title") == 0)
            dst = s->title, *n = sizeof s->title;
        else if (strcmp(key, "title.ko") == 0)
            dst = s->title_ko, *n = sizeof s->title_ko;
        else if (strcmp(key, "caption") == 0)
            dst = s->caption, *n = sizeof s->caption;
        else if (strcmp(key, "caption.ko") == 0)
            dst = s->caption_ko, *n = sizeof s->caption_ko;
    } else if (c->sect == SECT_ANNOTATION) {
        scene_annotation *a = &s->annotations[c->sect_slot];
        if (strcmp(key, "text") == 0)
            dst = a->text, *n = sizeof a->text;
        else if (strcmp(key, "text.ko") == 0)
            dst = a->text_ko, *n = sizeof a->text_ko;
    }
    return dst;
}

static void key_scene(parse_ctx *c, const char *k, const char *v)
{
    scene *s = c->s;
    size_t n = 0;
    char *dst = text_slot(c, k, &n);
    if (dst) {
        if (text(c, k, v, dst, n) && strcmp(k, "title") == 0) {
            c->has_title = v[0] != '\0';
            if (!c->has_title)
                fail(c, c->line, c->sect_name, k, "empty title");
        }
    } else if (strcmp(k, "steps_per_second") == 0)
        s->has_steps_per_second = number_in(c, k, v, 0, 1000, true, &s->steps_per_second);
    else if (strcmp(k, "seed") == 0) {
        /* a whole number 0..2^53 (exact as a double); the cast only after
         * the check (1e30 or "abc" never reach it) */
        double d = 0.0;
        s->has_seed = number_in(c, k, v, 0, 9007199254740992.0, false, &d);
        if (s->has_seed && d != floor(d)) {
            fail(c, c->line, c->sect_name, k, "'%s' is not a whole number", v);
            s->has_seed = false;
        }
        s->seed = s->has_seed ? (uint64_t)d : 0;
    } else if (strcmp(k, "noise") == 0)
        s->has_noise = number_in(c, k, v, 0, 1e6, false, &s->noise);
    else if (strcmp(k, "noise_decay") == 0)
        s->has_noise_decay = number_in(c, k, v, 0, 1, true, &s->noise_decay);
    else if (strcmp(k, "loss_panel") == 0)
        s->has_loss_panel = boolean(c, k, v, &s->loss_panel);
    else if (strcmp(k, "annotate") == 0)
        s->has_annotate = boolean(c, k, v, &s->annotate);
    else if (strcmp(k, "exact") == 0)
        s->has_exact = boolean(c, k, v, &s->exact);
    else
        fail(c, c->line, c->sect_name, k, "unknown key (keys: title title.ko caption "
             "caption.ko steps_per_second seed noise noise_decay loss_panel annotate exact)");
}

static void key_landscape(parse_ctx *c, const char *k, const char *v)
{
    scene *s = c->s;
    if (strcmp(k, "function") == 0 || strcmp(k, "expr") == 0) {
        if (c->function_line || s->expr_line) {
            fail(c, c->line, c->sect_name, k, "give one of function= and expr=, not both");
            return;
        }
        if (k[0] == 'f') {
            s->land = landscape_find(v);
            c->function_line = c->line;
            if (!s->land)
                fail(c, c->line, c->sect_name, k, "unknown function '%s' (see: optiviz list)", v);
        } else if (v[0] == '\0') {
            fail(c, c->line, c->sect_name, k, "empty formula");
        } else if (text(c, k, v, s->expr, sizeof s->expr)) {
            s->expr_line = c->line;
        }
    } else if (strcmp(k, "domain") == 0) {
        s->has_domain = domain(c, k, v, s->lo, s->hi, &c->domain_count);
        c->domain_line = c->line;
    } else if (strcmp(k, "view") == 0) {
        s->has_view = true;
        c->view_line = c->line;
        if (strcmp(v, "curve") == 0)
            s->view = SCENE_VIEW_CURVE;
        else if (strcmp(v, "surface") == 0)
            s->view = SCENE_VIEW_SURFACE;
        else if (strcmp(v, "contour") == 0)
            s->view = SCENE_VIEW_CONTOUR;
        else
            fail(c, c->line, c->sect_name, k, "unknown view '%s' (curve, surface, contour)", v);
    } else {
        fail(c, c->line, c->sect_name, k, "unknown key (keys: function expr domain view)");
    }
}

static void key_runner(parse_ctx *c, const char *k, const char *v)
{
    const int i = c->sect_slot;
    scene_runner *r = &c->s->runners[i];
    const int f = field_index(k);
    if (strcmp(k, "optimizer") == 0) {
        r->has_kind = optim_kind_find(v, &r->kind);
        if (!r->has_kind)
            fail(c, c->line, c->sect_name, k, "unknown optimizer '%s' (see: optiviz list)", v);
    } else if (strcmp(k, "start") == 0) {
        r->has_start = point(c, k, v, r->start, &c->start_count[i]);
        c->start_line[i] = c->line;
    } else if (strcmp(k, "noise") == 0) {
        r->has_noise = number_in(c, k, v, 0, 1e6, false, &r->noise);
    } else if (strcmp(k, "color") == 0) {
        r->has_color = color(c, k, v, r->color);
    } else if (f >= 0) {
        int count;
        const optim_field *fd = &optim_fields(&count)[f];
        double d = 0.0;
        bool b = false;
        if (fd->type == FIELD_BOOL ? boolean(c, k, v, &b) : number(c, k, v, &d)) {
            optim_field_set(&c->runner_vals[i], fd, fd->type == FIELD_BOOL ? (double)b : d);
            c->field_line[i][f] = c->line;
        }
    } else {
        fail(c, c->line, c->sect_name, k, "unknown key (keys: optimizer start color noise "
             "and the hyperparameters of optiviz list, e.g. lr momentum beta1)");
    }
}

static void key_annotation(parse_ctx *c, const char *k, const char *v)
{
    const int i = c->sect_slot;
    scene_annotation *a = &c->s->annotations[i];
    size_t n = 0;
    char *dst = text_slot(c, k, &n);
    if (dst) {
        if (text(c, k, v, dst, n) && strcmp(k, "text") == 0)
            c->has_text[i] = true;
    } else if (strcmp(k, "at") == 0) {
        if (point(c, k, v, a->at, &c->at_count[i]))
            c->at_line[i] = c->line;
    } else {
        fail(c, c->line, c->sect_name, k, "unknown key (keys: at text text.ko)");
    }
}

static void key_camera(parse_ctx *c, const char *k, const char *v)
{
    scene *s = c->s;
    if (strcmp(k, "yaw") == 0)
        s->has_yaw = number_in(c, k, v, -1e3, 1e3, false, &s->yaw);
    else if (strcmp(k, "pitch") == 0)
        s->has_pitch = number_in(c, k, v, -1.5, 1.5, false, &s->pitch);
    else if (strcmp(k, "distance") == 0)
        s->has_distance = number_in(c, k, v, 0.5, 100, false, &s->distance);
    else
        fail(c, c->line, c->sect_name, k, "unknown key (keys: yaw pitch distance)");
}

/* inih's handler: one key = value (or a continuation line of a value). */
static int on_key(void *user, const char *section, const char *name, const char *value)
{
    parse_ctx *c = user;
    (void)section; /* the reader tracks the section (c->sect) */
    if (c->failed)
        return 1;
    if (c->continuation) {
        size_t n = 0;
        char *dst = text_slot(c, name, &n);
        if (!dst) {
            fail(c, c->line, c->sect_name, name, "an indented line continues the value of "
                 "'%s'; only text (title, caption, text) continues over lines", name);
            return 1;
        }
        if (strlen(dst) + 1 + strlen(value) >= n) {
            fail(c, c->line, c->sect_name, name, "text longer than %zu bytes", n - 1);
            return 1;
        }
        if (dst[0])
            strcat(dst, " ");
        strcat(dst, value);
        return 1;
    }
    if (c->sect == SECT_NONE) {
        fail(c, c->line, NULL, NULL, "%s: key outside a section (start with [scene])", name);
        return 1;
    }
    for (int i = 0; i < c->n_seen; i++) {
        if (strcmp(c->seen[i].section, c->sect_name) == 0 && strcmp(c->seen[i].key, name) == 0) {
            fail(c, c->line, c->sect_name, name, "given twice (first on line %d)",
                 c->seen[i].line);
            return 1;
        }
    }
    if (c->n_seen < MAX_SEEN) {
        seen_key *k = &c->seen[c->n_seen++];
        snprintf(k->section, sizeof k->section, "%s", c->sect_name);
        snprintf(k->key, sizeof k->key, "%s", name);
        k->line = c->line;
    }
    switch (c->sect) {
    case SECT_SCENE: key_scene(c, name, value); break;
    case SECT_LANDSCAPE: key_landscape(c, name, value); break;
    case SECT_RUNNER: key_runner(c, name, value); break;
    case SECT_ANNOTATION: key_annotation(c, name, value); break;
    case SECT_CAMERA: key_camera(c, name, value); break;
    case SECT_NONE: break;
    }
    return 1;
}

/* A section header "[name]": which section, and its number for runners and
 * annotations. Each section appears once. */
static void on_section(parse_ctx *c, const char *name)
{
    snprintf(c->sect_name, sizeof c->sect_name, "%s", name);
    c->last_key[0] = '\0';
    bool *once = NULL;
    int max = 0;
    c->sect = SECT_NONE;
    if (strcmp(name, "scene") == 0)
        c->sect = SECT_SCENE, once = &c->seen_scene;
    else if (strcmp(name, "landscape") == 0)
        c->sect = SECT_LANDSCAPE, once = &c->seen_landscape;
    else if (strcmp(name, "camera") == 0)
        c->sect = SECT_CAMERA, once = &c->seen_camera, c->camera_line = c->line;
    else if (strncmp(name, "runner", 6) == 0 && (name[6] == ' ' || name[6] == '\0'))
        c->sect = SECT_RUNNER, max = SCENE_MAX_RUNNERS;
    else if (strncmp(name, "annotation", 10) == 0 && (name[10] == ' ' || name[10] == '\0'))
        c->sect = SECT_ANNOTATION, max = SCENE_MAX_ANNOTATIONS;
    if (c->sect == SECT_NONE) {
        fail(c, c->line, name, NULL, "unknown section (sections: scene, landscape, runner N, "
             "annotation N, camera)");
        return;
    }
    if (max > 0) {
        const char *num = strchr(name, ' ');
        const char *what = c->sect == SECT_RUNNER ? "runner" : "annotation";
        char *end = NULL;
        const long n = num ? strtol(num + 1, &end, 10) : 0;
        if (!num || end == num + 1 || *end != '\0' || n < 1 || n > max) {
            fail(c, c->line, name, NULL, "a %s needs a number 1..%d, e.g. [%s 1]", what, max,
                 what);
            return;
        }
        snprintf(c->sect_name, sizeof c->sect_name, "%s %ld", what, n);
        c->sect_slot = (int)n - 1;
        bool *used = c->sect == SECT_RUNNER ? &c->runner_used[n - 1] : &c->annot_used[n - 1];
        if (*used) {
            fail(c, c->line, c->sect_name, NULL, "section given twice");
            return;
        }
        *used = true;
        if (c->sect == SECT_RUNNER) {
            c->s->runners[n - 1].index = (int)n;
            c->s->runners[n - 1].line = c->line;
        } else {
            c->s->annotations[n - 1].index = (int)n;
            c->s->annotations[n - 1].line = c->line;
        }
        return;
    }
    if (*once)
        fail(c, c->line, name, NULL, "section given twice");
    *once = true;
}

/* inih's line reader: reads one line, counts it, checks what inih would
 * refuse or misread (too long for its buffer, no '=' on a key line, an
 * unclosed section header) and handles section headers. Returns NULL at
 * the end of the file or after the first problem, which ends the parse. */
static char *read_line(char *str, int num, void *stream)
{
    parse_ctx *c = stream;
    if (c->failed)
        return NULL;
    size_t len = 0;
    int ch = 0;
    bool any = false, too_long = false;
    bool cr_only = false;
    while ((ch = fgetc(c->fp)) != EOF) {
        any = true;
        if (++c->bytes > FILEIO_SCENE_MAX) {
            fail(c, c->line + 1, NULL, NULL, "more than %ld bytes; not a scene file",
                 (long)FILEIO_SCENE_MAX);
            return NULL;
        }
        if (ch == '\r') { /* CRLF is fine; a CR alone ends lines on old Macs */
            const int next = fgetc(c->fp);
            if (next != EOF)
                ungetc(next, c->fp);
            cr_only = next != '\n';
        }
        if (cr_only || ch == '\0')
            break;
        if (len + 1 < sizeof c->raw)
            c->raw[len++] = (char)ch;
        else
            too_long = true;
        if (ch == '\n')
            break;
    }
    if (!any)
        return NULL;
    c->raw[len] = '\0';
    c->line++;
    if (cr_only) {
        fail(c, c->line, NULL, NULL, "the lines end in CR alone (old Mac line ends); save the "
             "file with LF or CRLF line ends");
        return NULL;
    }
    if (ch == '\0') {
        fail(c, c->line, NULL, NULL, "a NUL byte: not a text file");
        return NULL;
    }
    memcpy(str, c->raw, len < (size_t)num ? len + 1 : (size_t)num);
    str[num - 1] = '\0';
    char *p = c->raw;
    if (c->line == 1 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
        (unsigned char)p[2] == 0xBF)
        p += 3;
    const bool indented = isspace((unsigned char)*p) != 0;
    while (isspace((unsigned char)*p))
        p++;
    char *e = p + strlen(p);
    while (e > p && isspace((unsigned char)e[-1]))
        *--e = '\0';
    /* the key of this line, for messages */
    c->continuation = false;
    char key[40] = "";
    const size_t klen = strcspn(p, "=:");
    if (p[klen] && !(indented && c->last_key[0]) && p[0] != '[')
        snprintf(key, sizeof key, "%.*s", (int)(klen < sizeof key - 1 ? klen : sizeof key - 1), p);
    for (char *k = key + strlen(key); k > key && isspace((unsigned char)k[-1]);)
        *--k = '\0';
    if (indented && c->last_key[0])
        snprintf(key, sizeof key, "%s", c->last_key);
    if (too_long || len + 1 > (size_t)num) {
        fail(c, c->line, c->sect == SECT_NONE ? NULL : c->sect_name, key[0] ? key : NULL,
             "line longer than %d bytes; continue a long text on indented lines", num - 2);
        return NULL;
    }
    if (*p == '\0' || *p == ';' || *p == '#') {
        /* blank or comment */
    } else if (indented && c->last_key[0]) {
        c->continuation = true;
    } else if (*p == '[') {
        char *close = strchr(p, ']');
        if (!close) {
            fail(c, c->line, NULL, NULL, "'%s': a section header needs a closing ']'", p);
            return NULL;
        }
        *close = '\0';
        char *name = p + 1;
        while (isspace((unsigned char)*name))
            name++;
        for (char *q = close; q > name && isspace((unsigned char)q[-1]);)
            *--q = '\0';
        on_section(c, name);
    } else if (!p[klen] || klen == 0) {
        fail(c, c->line, c->sect == SECT_NONE ? NULL : c->sect_name, NULL,
             "'%s' is not KEY = VALUE", p);
    } else {
        snprintf(c->last_key, sizeof c->last_key, "%s", key);
    }
    return c->failed ? NULL : str;
}

bool scene_load(scene *out, const char *path, char *err, size_t errlen)
{
    char shown[SCENE_PATH_MAX];
    fileio_escape(shown, sizeof shown, path, false);
    if (strlen(path) >= SCENE_PATH_MAX) {
        snprintf(err, errlen, "%.64s...: path too long", shown);
        return false;
    }
    char why[SCENE_PATH_MAX + 200];
    FILE *fp = fileio_open_read(path, FILEIO_SCENE_MAX, "scene", why, sizeof why);
    if (!fp) {
        snprintf(err, errlen, "%s", why);
        return false;
    }
    const bool ok = scene_load_stream(out, fp, path, err, errlen);
    fclose(fp);
    return ok;
}

bool scene_load_stream(scene *out, FILE *fp, const char *path, char *err, size_t errlen)
{
    parse_ctx *c = calloc(1, sizeof *c);
    scene *s = calloc(1, sizeof *s);
    bool ok = false;
    if (!c || !s) {
        snprintf(err, errlen, "%s: out of memory", path);
        goto cleanup;
    }
    c->path = path; /* messages are escaped whole (scene_vfail) */
    c->s = s;
    c->err = err;
    c->errlen = errlen;
    c->fp = fp;
    const int bad = ini_parse_stream(read_line, c, on_key, c);
    if (!c->failed && ferror(c->fp))
        fail(c, 0, NULL, NULL, "cannot read: %s", strerror(errno));
    if (!c->failed && bad != 0)
        fail(c, bad > 0 ? bad : 0, NULL, NULL, "not a valid INI line");
    if (!c->failed)
        scene_finish(c);
    if (c->failed)
        goto cleanup;
    scene_compact(c);
    snprintf(s->path, sizeof s->path, "%s", path);
    *out = *s;
    ok = true;
cleanup:
    free(c);
    free(s);
    return ok;
}
