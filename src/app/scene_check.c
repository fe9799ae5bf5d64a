/*
 * scene_check.c: a scene file's checks once it is read (scene.c reads it),
 * and how a problem is reported (scene_vfail: path:line: [section] key):
 * what depends on several keys (the dimension, each runner's optimizer and
 * its hyperparameters, starts and annotations inside the domain), and the
 * runners and annotations packed in the order given.
 */
#include "app/scene_internal.h"

#include "app/fileio.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void scene_vfail(parse_ctx *c, int line, const char *section, const char *key, const char *fmt,
                 va_list ap)
{
    if (c->failed)
        return;
    c->failed = true;
    char why[512];
    vsnprintf(why, sizeof why, fmt, ap);
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
            fail(c, c->field_line[i][k], sect, f[k].name,
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
            fail(c, c->field_line[i][k], sect, f[k].name, "%s", why);
            return;
        }
    }
    optim_init(&o, r->kind, &r->optim, c->s->dim, why, sizeof why);
    if (last >= 0)
        fail(c, c->field_line[i][last], sect, f[last].name, "%s", why);
    else
        fail(c, r->line, sect, NULL, "%s", why);
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
        fail(c, 0, "scene", "title", "missing (every scene needs a [scene] title)");
        return;
    }
    if (!s->land && !s->expr_line) {
        fail(c, 0, "landscape", "function", "missing (a [landscape] section with function= "
             "NAME or expr= FORMULA is required)");
        return;
    }
    if (s->land) {
        s->dim = s->land->dim;
        if (s->has_domain && c->domain_count != s->dim) {
            fail(c, c->domain_line, "landscape", "domain", "'%s' is %dD and needs %s",
                 s->land->name, s->dim, s->dim == 1 ? "A:B" : "A:B,C:D");
            return;
        }
        if (!s->has_domain)
            for (int k = 0; k < 2; k++)
                s->lo[k] = s->land->lo[k], s->hi[k] = s->land->hi[k];
    } else {
        if (!s->has_domain) {
            fail(c, s->expr_line, "landscape", "expr", "a formula needs domain= (A:B for x, "
                 "A:B,C:D for x and y)");
            return;
        }
        s->dim = c->domain_count;
    }
    if (s->has_view && (s->view == SCENE_VIEW_CURVE) != (s->dim == 1)) {
        fail(c, c->view_line, "landscape", "view", "'%s' is for %s landscapes; this one is %dD",
             scene_view_name(s->view), s->dim == 1 ? "2D" : "1D", s->dim);
        return;
    }
    if (c->seen_camera && s->dim != 2) {
        fail(c, c->camera_line, "camera", NULL, "the camera is for 2D landscapes; this one is 1D");
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
            fail(c, c->start_line[i], sect, "start", "the landscape is %dD and needs %s",
                 s->dim, s->dim == 1 ? "X" : "X,Y");
            return;
        }
        if (r->has_start && !in_domain(s, r->start)) {
            char at[96];
            if (s->dim == 1)
                snprintf(at, sizeof at, "%g", r->start[0]);
            else
                snprintf(at, sizeof at, "(%g, %g)", r->start[0], r->start[1]);
            fail(c, c->start_line[i], sect, "start", "%s is outside the domain %s", at, dom);
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
            fail(c, line, sect, "at", "missing (where the label points)");
        else if (c->at_count[i] != s->dim)
            fail(c, c->at_line[i], sect, "at", "the landscape is %dD and needs %s", s->dim,
                 s->dim == 1 ? "X" : "X,Y");
        else if (!in_domain(s, s->annotations[i].at))
            fail(c, c->at_line[i], sect, "at", "outside the domain %s", dom);
        else if (!c->has_text[i] || !s->annotations[i].text[0])
            fail(c, line, sect, "text", "missing");
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
