/*
 * commands_text.c: `optiviz list`, `optiviz trace` and `optiviz critical`,
 * the subcommands that need no window. trace steps the same runner the
 * window draws (core/sim.c); critical prints core/critical.c's points; list
 * ends with the bundled scenes (app/scene.c) in tour order.
 */
#include "app/commands.h"
#include "app/scene.h"

#include "app/export.h"
#include "app/fileio.h"
#include "app/progress.h"
#include "core/critical.h"
#include "core/sim.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One "scene NAME TITLE" line per bundled scene; a scene that does not
 * load is reported on stderr and makes the exit code 1. */
static int list_scenes(FILE *out)
{
    scene_entry *tour = calloc(SCENE_TOUR_MAX, sizeof *tour);
    scene *s = malloc(sizeof *s);
    int code = 0;
    if (!tour || !s) {
        fprintf(stderr, "optiviz: out of memory\n");
        code = 1;
        goto cleanup;
    }
    const int n = scene_tour(tour, SCENE_TOUR_MAX);
    for (int i = 0; i < n; i++) {
        char err[512];
        if (scene_load(s, tour[i].path, err, sizeof err)) {
            char name[2 * SCENE_NAME_MAX], title[2 * SCENE_TITLE_MAX];
            fileio_escape(name, sizeof name, tour[i].name, false);
            fileio_escape(title, sizeof title, s->title, false);
            fprintf(out, "scene %s %s\n", name, title);
        } else {
            fprintf(stderr, "optiviz: %s\n", err);
            code = 1;
        }
    }
cleanup:
    free(tour);
    free(s);
    return code;
}

int command_list(FILE *out)
{
    for (int i = 0; i < landscape_count(); i++) {
        const landscape *l = landscape_at(i);
        if (l->dim == 1)
            fprintf(out, "function %s 1 [%g,%g] %s\n", l->name, l->lo[0], l->hi[0],
                    l->description);
        else
            fprintf(out, "function %s 2 [%g,%g]x[%g,%g] %s\n", l->name, l->lo[0], l->hi[0],
                    l->lo[1], l->hi[1], l->description);
    }
    for (int k = 0; k < OPTIM_KIND_COUNT; k++) {
        char defaults[256];
        optim_defaults_line((optim_kind)k, defaults, sizeof defaults);
        fprintf(out, "optimizer %s %s%s\n", optim_kind_name((optim_kind)k), defaults,
                k == OPTIM_SGD ? " (alias: gd)" : "");
    }
    return list_scenes(out);
}

int command_trace(const cli_options *o, FILE *out, FILE *err)
{
    runner *r = calloc(1, sizeof *r);
    if (!r) {
        fprintf(err, "optiviz: out of memory\n");
        return 1;
    }
    char msg[256];
    const run_config rc = cli_run_config(o);
    const runner_params p = run_config_runner(&rc, o->land, o->start, 0);
    if (!runner_init(r, &p, msg, sizeof msg)) {
        fprintf(err, "optiviz: %s\n", msg);
        free(r);
        return 2;
    }
    export_trace_header(out, o->land->dim);
    /* progress on a terminal when the CSV goes elsewhere (a file, a pipe) */
    progress pr;
    progress_begin(&pr, "trace", o->steps, o->steps >= 100000 && !isatty(fileno(out)));
    bool write_failed = false;
    for (long s = 0; s <= o->steps; s++) {
        if (ferror(out)) { /* a full disk or a closed pipe: stop now, not after N steps */
            write_failed = true;
            break;
        }
        progress_update(&pr, s);
        if (!export_trace_row(out, o->land->dim, s, r->x, &r->at)) {
            if (r->status == RUNNER_UNDEFINED && o->land->dim == 2)
                fprintf(err, "optiviz: trace stopped at step %ld: f is undefined at (%.17g, "
                             "%.17g) (its value or gradient is not finite there)\n",
                        s, r->x[0], r->x[1]);
            else if (r->status == RUNNER_UNDEFINED)
                fprintf(err, "optiviz: trace stopped at step %ld: f is undefined at x = %.17g "
                             "(its value or gradient is not finite there)\n", s, r->x[0]);
            else
                fprintf(err, "optiviz: trace stopped at step %ld: the iterate or its value is "
                             "not finite (diverged)\n", s);
            break;
        }
        if (s < o->steps) {
            runner_step(r);
            if (r->status == RUNNER_STOPPED) {
                fprintf(err, "optiviz: trace stopped after step %ld: %s\n", s, r->note);
                break;
            }
        }
    }
    progress_end(&pr);
    free(r);
    if (fflush(out) != 0 || ferror(out) || write_failed) {
        fprintf(err, "optiviz: could not write the trace to standard output (%s); stopped\n",
                strerror(errno ? errno : EIO));
        return 1;
    }
    return 0;
}

int command_critical(const cli_options *o, FILE *out, FILE *err)
{
    const landscape *l = o->land;
    critical_params p = {0};
    if (o->has_domain) {
        /* keep the grids as fine, relative to the landscape, as on its own
         * domain: more intervals and seeds for a wider box */
        double grow = 1.0;
        for (int k = 0; k < l->dim; k++) {
            p.lo[k] = o->domain_lo[k];
            p.hi[k] = o->domain_hi[k];
            grow = fmax(grow, (p.hi[k] - p.lo[k]) / (l->hi[k] - l->lo[k]));
        }
        p.intervals = (int)fmin(2e6, 20000.0 * grow);
        p.seeds = (int)fmin(400.0, 40.0 * grow);
    }
    critical_set s;
    if (!critical_find(&s, l, &p)) {
        fprintf(err, "optiviz: critical: cannot search the domain of '%s' (out of memory)\n",
                l->name);
        return 1;
    }
    const bool two = l->dim == 2;
    fputs(two ? "x,y,f,lambda1,lambda2,kind\n" : "x,f,d2f,kind\n", out);
    if (s.constant) {
        /* no rows: a row per grid node would list 20 001 points */
        const double mid[2] = {0.5 * (l->lo[0] + l->hi[0]), 0.5 * (l->lo[1] + l->hi[1])};
        landscape_point at;
        landscape_eval(l, mid, &at);
        fprintf(err, "optiviz: critical: f is constant (%.17g) on the domain: every point is "
                     "critical (a flat landscape; no point is listed)\n", at.f);
    }
    for (int k = 0; k < s.n_flat && !s.constant; k++)
        fprintf(err, "optiviz: critical: f' is 0 on all of [%.17g, %.17g]: every point there "
                     "is critical (a flat stretch; its points are not listed)\n",
                s.flat_lo[k], s.flat_hi[k]);
    for (int i = 0; i < s.count; i++) {
        const critical_point *c = &s.points[i];
        char h[2][32]; /* NaN printed as "nan", never "-nan" */
        const double hv[2] = {two ? c->lambda1 : c->d2f, c->lambda2};
        for (int k = 0; k < 2; k++)
            snprintf(h[k], sizeof h[k], isnan(hv[k]) ? "nan" : "%.17g", hv[k]);
        if (two)
            fprintf(out, "%.17g,%.17g,%.17g,%s,%s,%s\n", c->x, c->y, c->f, h[0], h[1],
                    critical_kind_name(c->kind));
        else
            fprintf(out, "%.17g,%.17g,%s,%s\n", c->x, c->f, h[0], critical_kind_name(c->kind));
        char where[80];
        if (two)
            snprintf(where, sizeof where, "(%.17g, %.17g)", c->x, c->y);
        else
            snprintf(where, sizeof where, "x = %.17g", c->x);
        if (c->kind == CRITICAL_UNDEFINED)
            fprintf(err, "optiviz: critical: the Hessian is undefined at %s (not finite): the "
                         "second-derivative test cannot classify it\n", where);
    }
    critical_free(&s);
    return 0;
}
