/*
 * cli_check.c: the command line's checks across options, once every option
 * is read (cli.c): the start point against the landscape's dimension and
 * domain, a --scene (loaded and checked) or an --expr (parsed), what each
 * subcommand requires, and the optimizer's rules for the hyperparameters
 * given; and the run configuration the flags describe.
 */
#include "app/cli.h"
#include "app/cli_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool check_start(cli_options *o, int count, char *err, size_t n)
{
    const landscape *l = o->land;
    if (count != l->dim) {
        snprintf(err, n, "--start: '%s' is %dD and needs %d coordinate%s, got %d", l->name,
                 l->dim, l->dim, l->dim == 1 ? "" : "s", count);
        return false;
    }
    if (!landscape_in_domain(l, o->start)) {
        if (l->dim == 1)
            snprintf(err, n, "--start: %.17g is outside the domain [%g, %g] of '%s'", o->start[0],
                     l->lo[0], l->hi[0], l->name);
        else
            snprintf(err, n,
                     "--start: (%.17g, %.17g) is outside the domain [%g, %g]x[%g, %g] of '%s'",
                     o->start[0], o->start[1], l->lo[0], l->hi[0], l->lo[1], l->hi[1], l->name);
        return false;
    }
    return true;
}

/* --expr: parses the formula into o->custom on --domain (or [-2, 2] per
 * coordinate); one range makes it 1D, two 2D. A refused formula gives the
 * message, the formula and a caret line. */
static bool build_expr(cli_options *o, char *err, size_t n)
{
    if (o->land) {
        snprintf(err, n, "--expr and --function cannot be used together (give one function)");
        return false;
    }
    expr_error e;
    const int dim = o->has_domain ? o->domain_count : 0;
    if (!landscape_custom_init(&o->custom, o->expr_text, dim, o->has_domain ? o->domain_lo : NULL,
                               o->has_domain ? o->domain_hi : NULL, &e)) {
        char caret[2 * EXPR_MAX_TEXT + 8];
        expr_error_caret(o->expr_text, &e, caret, sizeof caret);
        o->expr_caret = e.column > 0;
        if (e.column > 0)
            snprintf(err, n, "--expr: %s at column %d\n%s", e.message, e.column, caret);
        else
            snprintf(err, n, "--expr: %s", e.message);
        return false;
    }
    o->land = &o->custom.land;
    return true;
}

/* --scene: loads the file (a bad one is refused with its file:line:key
 * message); a scene sets the landscape, so --function cannot come with it. */
static bool check_scene(cli_options *o, char *err, size_t n)
{
    if (o->land || o->expr_text) {
        snprintf(err, n, "--scene cannot be given with --function or --expr (the scene sets "
                         "the landscape)");
        return false;
    }
    /* the scene's runners are its own: an --optimizer list would be
     * dropped, so it is refused (noise, seed, schedule and hyperparameters
     * given are laid over the scene) */
    if (o->given & (1ull << OPT_OPTIMIZER)) {
        snprintf(err, n, "--optimizer cannot be given with --scene: the scene file sets its "
                         "runners' optimizers (edit the file, or use --function)");
        return false;
    }
    scene *s = malloc(sizeof *s);
    if (!s) {
        snprintf(err, n, "--scene: out of memory");
        return false;
    }
    bool ok = scene_load(s, o->scene_path, err, n); /* the app loads it again */
    if (ok && !s->land) { /* a formula: read it now, so a bad one is bad input (exit 2) */
        expr_error e;
        expr *probe = expr_parse(s->expr, s->dim, &e);
        if (!probe) {
            snprintf(err, n, "%s:%d: [landscape] expr: column %d: %s", s->path, s->expr_line,
                     e.column, e.message);
            ok = false;
        }
        expr_free(probe);
    }
    free(s);
    return ok;
}

bool cli_check_required(cli_options *o, int start_count, char *err, size_t n)
{
    if ((o->cold || o->runs) && !o->startup) {
        snprintf(err, n, "bench: %s goes with --startup", o->cold ? "--cold" : "--runs");
        return false;
    }
    if (o->startup && o->idle > 0.0) {
        snprintf(err, n, "bench: --startup and --idle are separate runs (give one)");
        return false;
    }
    if (o->has_scene && !check_scene(o, err, n))
        return false;
    if (o->expr_text && !build_expr(o, err, n))
        return false;
    if (!o->expr_text && o->has_domain && o->command != CLI_CRITICAL) {
        snprintf(err, n, "--domain: with --function it applies to critical only (with --expr "
                         "it sets the formula's domain)");
        return false;
    }
    if (o->command == CLI_TRACE) {
        const char *missing = !o->land ? "--function (or --expr)" : !o->has_start ? "--start"
                              : !o->has_steps ? "--steps" : NULL;
        if (missing) {
            snprintf(err, n, "trace: %s is required", missing);
            return false;
        }
    }
    if (o->command == CLI_SHOT) {
        if (!o->land && !o->has_scene) {
            snprintf(err, n, "shot: --function, --expr or --scene is required");
            return false;
        }
        if (!o->out && !o->output_dir) {
            snprintf(err, n, "shot: --out FILE.png or --output-dir DIR is required");
            return false;
        }
    }
    if (o->command == CLI_CRITICAL) {
        if (!o->land) {
            snprintf(err, n, "critical: --function (or --expr) is required");
            return false;
        }
        if (o->has_domain && o->domain_count != o->land->dim) {
            snprintf(err, n, "--domain: '%s' has %d range%s but '%s' is %dD and needs %d (%s)",
                     o->domain_arg, o->domain_count, o->domain_count == 1 ? "" : "s",
                     o->land->name, o->land->dim, o->land->dim,
                     o->land->dim == 1 ? "A:B" : "A:B,C:D");
            return false;
        }
    }
    if (o->has_domain && o->land) {
        /* the search grids (20000 intervals, Newton seeds) are sized for
         * domains near the landscape's own; far wider ones would miss points
         * silently, so they are refused */
        for (int k = 0; k < o->land->dim; k++) {
            const double own = o->land->hi[k] - o->land->lo[k];
            if (o->domain_hi[k] - o->domain_lo[k] > 100.0 * own) {
                snprintf(err, n, "--domain: range %g:%g is more than 100 times the width of "
                                 "'%s''s own domain [%g, %g]; the search grid would miss points",
                         o->domain_lo[k], o->domain_hi[k], o->land->name, o->land->lo[k],
                         o->land->hi[k]);
                return false;
            }
        }
    }
    if (o->has_start) {
        if (!o->land) {
            snprintf(err, n, "--start needs --function or --expr (the start is checked against "
                             "its domain)");
            return false;
        }
        if (!check_start(o, start_count, err, n))
            return false;
    }
    /* the optimizer's defaults, then the hyperparameters given */
    const optim_params given = o->run.optim;
    o->run.optim = optim_defaults(o->run.kind);
    int count;
    const optim_field *f = optim_fields(&count);
    for (int i = 0; i < count; i++) {
        if (!(o->run.optim_given & (1u << i)))
            continue;
        if (!optim_uses(o->run.kind, &f[i])) {
            char uses[256];
            optim_defaults_line(o->run.kind, uses, sizeof uses);
            snprintf(err, n, "--%s does not apply to optimizer '%s' (it takes: %s)", f[i].name,
                     optim_kind_name(o->run.kind), uses);
            for (char *c = err + 2; *c && *c != ' '; c++)
                *c = *c == '_' ? '-' : *c;
            return false;
        }
        optim_field_set(&o->run.optim, &f[i], optim_field_get(&given, &f[i]));
    }
    o->has_lr = (o->run.optim_given & 1u) != 0;
    if (o->has_lr && !(o->run.optim.lr > 0.0)) {
        snprintf(err, n, "--lr: %g must be > 0", o->run.optim.lr);
        return false;
    }
    schedule sched = o->run.sched;
    if (!schedule_check(&sched, err, n))
        return false;
    optim check;
    char why[256];
    if (!optim_init(&check, o->run.kind, &o->run.optim, o->land ? o->land->dim : 1, why,
                    sizeof why)) {
        snprintf(err, n, "optimizer '%s': %s", optim_kind_name(o->run.kind), why);
        return false;
    }
    return true;
}

run_config cli_run_config(const cli_options *o)
{
    run_config c = run_config_defaults(o->run.kind);
    run_config_apply(&c, &o->run);
    return c;
}
