/*
 * commands_text.c: `optiviz list`, `optiviz trace` and `optiviz critical`,
 * the subcommands that need no window. trace steps the same runner the
 * window draws (core/sim.c); critical prints core/critical.c's points; list
 * ends with the bundled scenes (app/scene.c) in tour order.
 */
#include "app/commands.h"
#include "app/scene.h"

#include "app/export.h"
#include "core/critical.h"
#include "core/sim.h"

#include <math.h>
#include <stdlib.h>

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
            fprintf(out, "scene %s %s\n", tour[i].name, s->title);
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
    for (long s = 0; s <= o->steps; s++) {
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
    free(r);
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(err, "optiviz: could not write the trace to standard output\n");
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
    for (int i = 0; i < s.count; i++) {
        const critical_point *c = &s.points[i];
        if (two)
            fprintf(out, "%.17g,%.17g,%.17g,%.17g,%.17g,%s\n", c->x, c->y, c->f, c->lambda1,
                    c->lambda2, critical_kind_name(c->kind));
        else
            fprintf(out, "%.17g,%.17g,%.17g,%s\n", c->x, c->f, c->d2f,
                    critical_kind_name(c->kind));
    }
    critical_free(&s);
    return 0;
}
