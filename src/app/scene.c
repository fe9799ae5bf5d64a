/*
 * scene.c: the keys of lesson scene files (scene.h). libinih splits the
 * file into sections and key = value pairs through scene_read.c's line
 * reader, which stops the parse at the first problem. The handler here
 * checks each key as it comes into a scratch scene, every number through
 * landscape_parse_number with its range; what depends on several keys
 * (dimension, the optimizer's hyperparameters, start inside the domain) is
 * checked once the file is read. Only a fully valid scene is copied to the
 * caller's struct. Finding scene files on disk is scene_tour.c's.
 */
#include "app/scene_internal.h"

#include "app/fileio.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Records the first problem as "path:line: [section] key: why" (line 0:
 * no line; key NULL: no key). */
void scene_fail(parse_ctx *c, int line, const char *section, const char *key,
                 const char *fmt, ...)
{
    if (c->failed)
        return;
    c->failed = true;
    char why[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    char where[64] = "";
    if (line > 0)
        snprintf(where, sizeof where, ":%d", line);
    char what[96] = "";
    if (section && key)
        snprintf(what, sizeof what, " [%s] %s:", section, key);
    else if (section)
        snprintf(what, sizeof what, " [%s]:", section);
    char msg[1200];
    snprintf(msg, sizeof msg, "%s%s:%s %s", c->path, where, what, why);
    fileio_escape(c->err, c->errlen, msg, false); /* values from the file, shown safely */
}

static bool number(parse_ctx *c, const char *key, const char *v, double *out)
{
    if (landscape_parse_number(v, out))
        return true;
    scene_fail(c, c->line, c->sect_name, key, "'%s' is not a number", v);
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
    scene_fail(c, c->line, c->sect_name, key, "%s is out of range %s%g, %g]", v, lo_open ? "(" : "[",
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
    scene_fail(c, c->line, c->sect_name, key, "'%s' is not true or false", v);
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
    scene_fail(c, c->line, c->sect_name, key, "'%s' is not a point X or X,Y", v);
    return false;
}

/* "A:B" or "A:B,C:D" with A < B and C < D (core/landscape.c parses). */
static bool domain(parse_ctx *c, const char *key, const char *v, double *lo, double *hi,
                   int *count)
{
    char why[400];
    if (landscape_parse_domain(v, lo, hi, count, why, sizeof why))
        return true;
    scene_fail(c, c->line, c->sect_name, key, "%s", why);
    return false;
}

static bool text(parse_ctx *c, const char *key, const char *v, char *dst, size_t n)
{
    if (strlen(v) >= n) {
        scene_fail(c, c->line, c->sect_name, key, "text longer than %zu bytes", n - 1);
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
        scene_fail(c, c->line, c->sect_name, key, "'%s' is not a color #rrggbb", v);
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
                scene_fail(c, c->line, c->sect_name, k, "empty title");
        }
    } else if (strcmp(k, "steps_per_second") == 0)
        s->has_steps_per_second = number_in(c, k, v, 0, 1000, true, &s->steps_per_second);
    else if (strcmp(k, "seed") == 0) {
        /* a whole number 0..2^53 (exact as a double); the cast only after
         * the check (1e30 or "abc" never reach it) */
        double d = 0.0;
        s->has_seed = number_in(c, k, v, 0, 9007199254740992.0, false, &d);
        if (s->has_seed && d != floor(d)) {
            scene_fail(c, c->line, c->sect_name, k, "'%s' is not a whole number", v);
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
    else
        scene_fail(c, c->line, c->sect_name, k, "unknown key (keys: title title.ko caption "
             "caption.ko steps_per_second seed noise noise_decay loss_panel annotate)");
}

static void key_landscape(parse_ctx *c, const char *k, const char *v)
{
    scene *s = c->s;
    if (strcmp(k, "function") == 0 || strcmp(k, "expr") == 0) {
        if (c->function_line || s->expr_line) {
            scene_fail(c, c->line, c->sect_name, k, "give one of function= and expr=, not both");
            return;
        }
        if (k[0] == 'f') {
            s->land = landscape_find(v);
            c->function_line = c->line;
            if (!s->land)
                scene_fail(c, c->line, c->sect_name, k, "unknown function '%s' (see: optiviz list)", v);
        } else if (v[0] == '\0') {
            scene_fail(c, c->line, c->sect_name, k, "empty formula");
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
            scene_fail(c, c->line, c->sect_name, k, "unknown view '%s' (curve, surface, contour)", v);
    } else {
        scene_fail(c, c->line, c->sect_name, k, "unknown key (keys: function expr domain view)");
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
            scene_fail(c, c->line, c->sect_name, k, "unknown optimizer '%s' (see: optiviz list)", v);
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
        scene_fail(c, c->line, c->sect_name, k, "unknown key (keys: optimizer start color noise "
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
        scene_fail(c, c->line, c->sect_name, k, "unknown key (keys: at text text.ko)");
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
        scene_fail(c, c->line, c->sect_name, k, "unknown key (keys: yaw pitch distance)");
}

/* inih's handler: one key = value (or a continuation line of a value). */
int scene_on_key(void *user, const char *section, const char *name, const char *value)
{
    parse_ctx *c = user;
    (void)section; /* the reader tracks the section (c->sect) */
    if (c->failed)
        return 1;
    if (c->continuation) {
        size_t n = 0;
        char *dst = text_slot(c, name, &n);
        if (!dst) {
            scene_fail(c, c->line, c->sect_name, name, "an indented line continues the value of "
                 "'%s'; only text (title, caption, text) continues over lines", name);
            return 1;
        }
        if (strlen(dst) + 1 + strlen(value) >= n) {
            scene_fail(c, c->line, c->sect_name, name, "text longer than %zu bytes", n - 1);
            return 1;
        }
        if (dst[0])
            strcat(dst, " ");
        strcat(dst, value);
        return 1;
    }
    if (c->sect == SECT_NONE) {
        scene_fail(c, c->line, NULL, NULL, "%s: key outside a section (start with [scene])", name);
        return 1;
    }
    for (int i = 0; i < c->n_seen; i++) {
        if (strcmp(c->seen[i].section, c->sect_name) == 0 && strcmp(c->seen[i].key, name) == 0) {
            scene_fail(c, c->line, c->sect_name, name, "given twice (first on line %d)",
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

/* Checks a runner's hyperparameters once its optimizer is known: each given
 * field must be used by the optimizer, and the set must pass optim_init's
 * rules. A rule broken by one field alone is reported on its line; a rule
 * about several fields (nesterov needs momentum) on the last one given. */
static void finish_runner(parse_ctx *c, int i)
{
    scene_runner *r = &c->s->runners[i];
    char sect[24];
    snprintf(sect, sizeof sect, "runner %d", i + 1);
    int count;
    const optim_field *f = optim_fields(&count);
    r->optim = optim_defaults(r->kind);
    int last = -1;
    for (int k = 0; k < count && k < MAX_FIELDS; k++) {
        if (!c->field_line[i][k])
            continue;
        if (!optim_uses(r->kind, &f[k])) {
            char uses[256];
            optim_defaults_line(r->kind, uses, sizeof uses);
            scene_fail(c, c->field_line[i][k], sect, f[k].name,
                 "optimizer '%s' does not use it (it takes: %s)", optim_kind_name(r->kind), uses);
            return;
        }
        optim_field_set(&r->optim, &f[k], optim_field_get(&c->runner_vals[i], &f[k]));
        r->optim_given |= 1u << k;
        if (last < 0 || c->field_line[i][k] > c->field_line[i][last])
            last = k;
    }
    optim o;
    char why[256];
    if (optim_init(&o, r->kind, &r->optim, c->s->dim, why, sizeof why))
        return;
    for (int k = 0; k < count && k < MAX_FIELDS; k++) {
        if (!c->field_line[i][k])
            continue;
        optim_params one = optim_defaults(r->kind);
        optim_field_set(&one, &f[k], optim_field_get(&r->optim, &f[k]));
        if (!optim_init(&o, r->kind, &one, c->s->dim, why, sizeof why)) {
            scene_fail(c, c->field_line[i][k], sect, f[k].name, "%s", why);
            return;
        }
    }
    optim_init(&o, r->kind, &r->optim, c->s->dim, why, sizeof why);
    if (last >= 0)
        scene_fail(c, c->field_line[i][last], sect, f[last].name, "%s", why);
    else
        scene_fail(c, r->line, sect, NULL, "%s", why);
}

static bool in_domain(const scene *s, const double *x)
{
    for (int k = 0; k < s->dim; k++)
        if (!(x[k] >= s->lo[k] && x[k] <= s->hi[k]))
            return false;
    return true;
}

static void domain_text(const scene *s, char *buf, size_t n)
{
    if (s->dim == 1)
        snprintf(buf, n, "[%g, %g]", s->lo[0], s->hi[0]);
    else
        snprintf(buf, n, "[%g, %g]x[%g, %g]", s->lo[0], s->hi[0], s->lo[1], s->hi[1]);
}

/* The checks that need the whole file, in the order a reader would fix
 * them: title, landscape and dimension, view, runners, annotations. */
void scene_finish(parse_ctx *c)
{
    scene *s = c->s;
    if (!c->has_title) {
        scene_fail(c, 0, "scene", "title", "missing (every scene needs a [scene] title)");
        return;
    }
    if (!s->land && !s->expr_line) {
        scene_fail(c, 0, "landscape", "function", "missing (a [landscape] section with function= "
             "NAME or expr= FORMULA is required)");
        return;
    }
    if (s->land) {
        s->dim = s->land->dim;
        if (s->has_domain && c->domain_count != s->dim) {
            scene_fail(c, c->domain_line, "landscape", "domain", "'%s' is %dD and needs %s",
                 s->land->name, s->dim, s->dim == 1 ? "A:B" : "A:B,C:D");
            return;
        }
        if (!s->has_domain)
            for (int k = 0; k < 2; k++)
                s->lo[k] = s->land->lo[k], s->hi[k] = s->land->hi[k];
    } else {
        if (!s->has_domain) {
            scene_fail(c, s->expr_line, "landscape", "expr", "a formula needs domain= (A:B for x, "
                 "A:B,C:D for x and y)");
            return;
        }
        s->dim = c->domain_count;
    }
    if (s->has_view && (s->view == SCENE_VIEW_CURVE) != (s->dim == 1)) {
        scene_fail(c, c->view_line, "landscape", "view", "'%s' is for %s landscapes; this one is %dD",
             scene_view_name(s->view), s->dim == 1 ? "2D" : "1D", s->dim);
        return;
    }
    if (c->seen_camera && s->dim != 2) {
        scene_fail(c, c->camera_line, "camera", NULL, "the camera is for 2D landscapes; this one is 1D");
        return;
    }
    char dom[128];
    domain_text(s, dom, sizeof dom);
    for (int i = 0; i < SCENE_MAX_RUNNERS && !c->failed; i++) {
        if (!c->runner_used[i])
            continue;
        scene_runner *r = &s->runners[i];
        char sect[24];
        snprintf(sect, sizeof sect, "runner %d", i + 1);
        if (r->has_start && c->start_count[i] != s->dim) {
            scene_fail(c, c->start_line[i], sect, "start", "the landscape is %dD and needs %s",
                 s->dim, s->dim == 1 ? "X" : "X,Y");
            return;
        }
        if (r->has_start && !in_domain(s, r->start)) {
            char at[96];
            if (s->dim == 1)
                snprintf(at, sizeof at, "%g", r->start[0]);
            else
                snprintf(at, sizeof at, "(%g, %g)", r->start[0], r->start[1]);
            scene_fail(c, c->start_line[i], sect, "start", "%s is outside the domain %s", at, dom);
            return;
        }
        finish_runner(c, i);
    }
    for (int i = 0; i < SCENE_MAX_ANNOTATIONS && !c->failed; i++) {
        if (!c->annot_used[i])
            continue;
        char sect[24];
        snprintf(sect, sizeof sect, "annotation %d", i + 1);
        const int line = s->annotations[i].line;
        if (!c->at_line[i])
            scene_fail(c, line, sect, "at", "missing (where the label points)");
        else if (c->at_count[i] != s->dim)
            scene_fail(c, c->at_line[i], sect, "at", "the landscape is %dD and needs %s", s->dim,
                 s->dim == 1 ? "X" : "X,Y");
        else if (!in_domain(s, s->annotations[i].at))
            scene_fail(c, c->at_line[i], sect, "at", "outside the domain %s", dom);
        else if (!c->has_text[i] || !s->annotations[i].text[0])
            scene_fail(c, line, sect, "text", "missing");
    }
}

/* Packs runners and annotations (indexed by N - 1 while parsing) in order
 * of N; adds the implicit gradient-descent runner when none was given. */
void scene_compact(parse_ctx *c)
{
    scene *s = c->s;
    s->n_runners = 0;
    for (int i = 0; i < SCENE_MAX_RUNNERS; i++)
        if (c->runner_used[i])
            s->runners[s->n_runners++] = s->runners[i];
    if (s->n_runners == 0) {
        scene_runner *r = &s->runners[0];
        memset(r, 0, sizeof *r);
        r->index = 1;
        r->kind = OPTIM_SGD;
        r->optim = optim_defaults(OPTIM_SGD);
        if (s->land)
            r->optim.lr = s->land->lr;
        s->n_runners = 1;
    }
    s->n_annotations = 0;
    for (int i = 0; i < SCENE_MAX_ANNOTATIONS; i++)
        if (c->annot_used[i])
            s->annotations[s->n_annotations++] = s->annotations[i];
}

const char *scene_view_name(scene_view v)
{
    switch (v) {
    case SCENE_VIEW_CURVE: return "curve";
    case SCENE_VIEW_SURFACE: return "surface";
    case SCENE_VIEW_CONTOUR: return "contour";
    case SCENE_VIEW_DEFAULT: break;
    }
    return "";
}
