/*
 * cli.c: strict parsing of optiviz's command line: the option table (which
 * command takes which option), the usage text and the parse loop. Values
 * are read by cli_values.c (every number by landscape_parse_number, the
 * one parser of options, domains and files); the checks across options are
 * cli_check.c's. Each subcommand takes only its own options; --opt VALUE
 * and --opt=VALUE both work; messages escape control characters.
 */
#include "app/cli.h"
#include "app/cli_internal.h"
#include "app/fileio.h"

#include "app/i18n.h"
#include "core/cloud.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    OK_RUN = 1 << CLI_RUN,
    OK_TRACE = 1 << CLI_TRACE,
    OK_SHOT = 1 << CLI_SHOT,
    OK_BENCH = 1 << CLI_BENCH,
    OK_CRITICAL = 1 << CLI_CRITICAL,
};


typedef struct opt_spec {
    const char *name;
    opt_id id;
    bool takes_value;
    int allowed; /* mask of commands */
} opt_spec;

static const opt_spec specs[] = {
    {"--function", OPT_FUNCTION, true, OK_RUN | OK_TRACE | OK_SHOT | OK_BENCH | OK_CRITICAL},
    {"--optimizer", OPT_OPTIMIZER, true, OK_RUN | OK_TRACE | OK_SHOT},
    {"--noise", OPT_NOISE, true, OK_RUN | OK_TRACE | OK_SHOT | OK_BENCH},
    {"--noise-decay", OPT_NOISE_DECAY, true, OK_RUN | OK_TRACE},
    {"--schedule", OPT_SCHEDULE, true, OK_RUN | OK_TRACE},
    {"--factor", OPT_FACTOR, true, OK_RUN | OK_TRACE},
    {"--floor", OPT_FLOOR, true, OK_RUN | OK_TRACE},
    {"--gamma", OPT_GAMMA, true, OK_RUN | OK_TRACE},
    {"--milestones", OPT_MILESTONES, true, OK_RUN | OK_TRACE},
    {"--warmup", OPT_WARMUP, true, OK_RUN | OK_TRACE},
    {"--final-lr", OPT_FINAL_LR, true, OK_RUN | OK_TRACE},
    {"--max-steps", OPT_MAX_STEPS, true, OK_RUN | OK_TRACE},
    {"--view", OPT_VIEW, true, OK_RUN | OK_SHOT | OK_BENCH},
    {"--start", OPT_START, true, OK_RUN | OK_TRACE},
    {"--seed", OPT_SEED, true, OK_RUN | OK_TRACE | OK_SHOT},
    {"--steps", OPT_STEPS, true, OK_TRACE | OK_SHOT},
    {"--size", OPT_SIZE, true, OK_RUN | OK_SHOT | OK_BENCH},
    {"--fullscreen", OPT_FULLSCREEN, false, OK_RUN},
    {"--out", OPT_OUT, true, OK_SHOT},
    {"--force", OPT_FORCE, false, OK_SHOT},
    {"--frames", OPT_FRAMES, true, OK_BENCH},
    {"--domain", OPT_DOMAIN, true, OK_RUN | OK_TRACE | OK_SHOT | OK_BENCH | OK_CRITICAL},
    {"--expr", OPT_EXPR, true, OK_RUN | OK_TRACE | OK_SHOT | OK_BENCH | OK_CRITICAL},
    {"--domain", OPT_DOMAIN, true, OK_CRITICAL},
    {"--scene", OPT_SCENE, true, OK_RUN | OK_SHOT},
    {"--output-dir", OPT_OUTPUT_DIR, true, OK_RUN | OK_SHOT},
    {"--particles", OPT_PARTICLES, true, OK_RUN | OK_SHOT | OK_BENCH},
    {"--startup", OPT_STARTUP, false, OK_BENCH},
    {"--cold", OPT_COLD, false, OK_BENCH},
    {"--runs", OPT_RUNS, true, OK_BENCH},
    {"--idle", OPT_IDLE, true, OK_BENCH},
    {"--lang", OPT_LANG, true, OK_RUN | OK_SHOT},
};

static const char *const command_names[] = {
    [CLI_RUN] = "window", [CLI_LIST] = "list", [CLI_TRACE] = "trace",
    [CLI_SHOT] = "shot",   [CLI_BENCH] = "bench", [CLI_CRITICAL] = "critical",
};

const char *cli_usage(void)
{
    return "usage:\n"
           "  optiviz [--function NAME] [--optimizer NAME[,NAME..]] [hyperparameters]\n"
           "          [--noise F] [--noise-decay R] [schedule] [--start X[,Y]] [--seed N]\n"
           "          [--size WxH] [--fullscreen] [--view surface|contour] [--output-dir DIR]\n"
           "          [--particles N] [--lang en|ko]\n"
           "                interactive window (keys: press H)\n"
           "  optiviz list  functions, optimizers and scenes, one a line\n"
           "  optiviz trace --function NAME --optimizer NAME [hyperparameters] --start X[,Y]\n"
           "                --steps N [--noise F] [--noise-decay R] [schedule] [--seed N]\n"
           "                the run as CSV on standard output\n"
           "  optiviz shot  --function NAME [--optimizer A,B..] [--steps N] [--size WxH]\n"
           "                [--view surface|contour] [--scene NAME|FILE] [--noise F] [--seed N]\n"
           "                [--particles N] [--lang en|ko] --out FILE.png [--force]\n"
           "                | --output-dir DIR\n"
           "                one frame rendered headless to a PNG; an existing FILE.png is\n"
           "                replaced only with --force (written whole, then renamed)\n"
           "  optiviz bench [--function NAME] [--view surface|contour] [--frames N]\n"
           "                [--size WxH] [--particles N] [--noise F]\n"
           "                headless frame timing and peak memory, key=value lines\n"
           "  optiviz bench --startup [--runs N] [--cold]   process start to first frame\n"
           "  optiviz bench --idle SECONDS   CPU of a window where nothing changes\n"
           "  --particles N: a cloud of N (1..10000) particles from random starts\n"
           "  --lang en|ko: the window's language (else the settings file's, else the\n"
           "                system locale's, e.g. LANG=ko_KR.UTF-8; L switches it live)\n"
           "  optiviz critical --function NAME [--domain A:B[,C:D]]\n"
           "                critical points in the domain as CSV with their kind\n"
           "                (global-min, local-min, global-max, local-max, saddle, degenerate,\n"
           "                undefined: f'' not finite there)\n"
           "  --expr FORMULA [--domain A:B[,C:D]] instead of --function NAME: your own\n"
           "                function of x (and y), e.g. --expr \"x*cos(pi*x)\"; domain\n"
           "                [-2,2] per coordinate unless --domain is given\n"
           "  optiviz --help | --version\n"
           "Scenes: --scene NAME|FILE (window, shot) opens a lesson scene: a bundled one by\n"
           "  name (optiviz list) or an .ini file (README: Scene files)\n"
           "Hyperparameters (torch.optim names; which apply: optiviz list):\n"
           "  --lr --momentum --dampening --nesterov --weight-decay --alpha --centered --eps\n"
           "  --beta1 --beta2 --amsgrad --rho --lr-decay --initial-accumulator\n"
           "  anneal: --t0 --cooling --proposal\n"
           "Schedules: --schedule constant|factor|multistep|cosine|sqrt with --factor --floor\n"
           "  (factor), --milestones A,B,.. --gamma (multistep), --warmup --final-lr\n"
           "  --max-steps (cosine)\n"
           "Files:\n"
           "  exports (screenshots, CSV trajectories, recordings) go to --output-dir DIR,\n"
           "  else $XDG_PICTURES_DIR/optiviz, else ~/Pictures/optiviz; never overwritten\n"
           "  settings: $XDG_CONFIG_HOME/optiviz/settings.ini (else ~/.config/optiviz/)\n"
           "Functions and optimizers: optiviz list. Keys in the window: press H.\n"
           "Manual: man optiviz (after meson install), or man -l assets/optiviz.1 in the source "
           "tree.\n";
}

/* A hyperparameter flag (--lr, --beta1, ...) names a field of optim_params:
 * the flag is the field's name with '-' for '_'. */
static int find_field(const char *name, size_t len)
{
    int count;
    const optim_field *f = optim_fields(&count);
    if (len < 3 || strncmp(name, "--", 2) != 0)
        return -1;
    for (int i = 0; i < count; i++) {
        const char *fn = f[i].name;
        if (strlen(fn) != len - 2)
            continue;
        bool same = true;
        for (size_t k = 0; k < len - 2 && same; k++)
            same = (fn[k] == '_' ? '-' : fn[k]) == name[2 + k];
        if (same)
            return i;
    }
    return -1;
}

static const opt_spec *find_spec(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
        if (strlen(specs[i].name) == len && strncmp(specs[i].name, name, len) == 0)
            return &specs[i];
    return NULL;
}

static bool apply_option(cli_options *o, const opt_spec *sp, const char *v, int *start_count,
                         char *err, size_t n)
{
    long long ll = 0;
    if (sp->id >= OPT_SCHEDULE && sp->id <= OPT_MAX_STEPS)
        o->run.has_sched = true; /* --schedule and its parameters */
    switch (sp->id) {
    case OPT_FUNCTION:
        o->land = landscape_find(v);
        if (!o->land) {
            snprintf(err, n, "--function: unknown function '%s' (see: optiviz list)", v);
            return false;
        }
        return true;
    case OPT_OPTIMIZER: {
        /* one name, or (window, shot) a comma list of up to 8 racing runners */
        char buf[256];
        snprintf(buf, sizeof buf, "%s", v);
        o->n_kinds = 0;
        char *save = NULL;
        for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
            if (o->n_kinds == 8) {
                snprintf(err, n, "--optimizer: at most 8 optimizers race at once");
                return false;
            }
            if (!optim_kind_find(t, &o->kinds[o->n_kinds])) {
                snprintf(err, n, "--optimizer: unknown optimizer '%s' (see: optiviz list)", t);
                return false;
            }
            o->n_kinds++;
        }
        if (o->n_kinds == 0) {
            snprintf(err, n, "--optimizer: empty name");
            return false;
        }
        if (o->n_kinds > 1 && o->command == CLI_TRACE) {
            snprintf(err, n, "--optimizer: trace follows one optimizer, got '%s'", v);
            return false;
        }
        o->run.kind = o->kinds[0];
        o->run.has_kind = true;
        return true;
    }
    case OPT_NOISE:
        o->run.has_noise = true;
        if (!cli_parse_double(sp->name, v, &o->run.noise, err, n))
            return false;
        if (o->run.noise < 0.0) {
            snprintf(err, n, "--noise: %s must be >= 0", v);
            return false;
        }
        return true;
    case OPT_NOISE_DECAY:
        o->run.has_noise_decay = true;
        if (!cli_parse_double(sp->name, v, &o->run.noise_decay, err, n))
            return false;
        if (!(o->run.noise_decay > 0.0 && o->run.noise_decay <= 1.0)) {
            snprintf(err, n, "--noise-decay: %s must be in (0, 1]", v);
            return false;
        }
        return true;
    case OPT_SCHEDULE:
        if (!schedule_kind_find(v, &o->run.sched.kind)) {
            snprintf(err, n, "--schedule: unknown schedule '%s' (constant, factor, multistep, "
                             "cosine, sqrt)", v);
            return false;
        }
        return true;
    case OPT_FACTOR:
        /* schedule.c reads 0 as "the default 0.99": a given 0 is refused
         * here, never replaced silently */
        if (!cli_parse_double(sp->name, v, &o->run.sched.factor, err, n))
            return false;
        if (!(o->run.sched.factor > 0.0 && o->run.sched.factor <= 1.0)) {
            snprintf(err, n, "--factor: %s must be in (0, 1] (the lr is multiplied by it each "
                             "step)", v);
            return false;
        }
        return true;
    case OPT_FLOOR:
        return cli_parse_double(sp->name, v, &o->run.sched.floor, err, n);
    case OPT_GAMMA:
        /* 0 would read as "the default 0.5" (schedule.c): refused instead */
        if (!cli_parse_double(sp->name, v, &o->run.sched.gamma, err, n))
            return false;
        if (!(o->run.sched.gamma > 0.0)) {
            snprintf(err, n, "--gamma: %s must be > 0 (the lr is multiplied by it at each "
                             "milestone)", v);
            return false;
        }
        return true;
    case OPT_FINAL_LR:
        return cli_parse_double(sp->name, v, &o->run.sched.final_lr, err, n);
    case OPT_WARMUP:
        if (!cli_parse_long(sp->name, v, 0, 100000000, &ll, err, n))
            return false;
        o->run.sched.warmup = (long)ll;
        return true;
    case OPT_MAX_STEPS:
        if (!cli_parse_long(sp->name, v, 1, 100000000, &ll, err, n))
            return false;
        o->run.sched.max_steps = (long)ll;
        return true;
    case OPT_MILESTONES:
        return cli_parse_milestones(v, &o->run.sched, err, n);
    case OPT_VIEW:
        if (strcmp(v, "contour") == 0)
            o->contour = true;
        else if (strcmp(v, "surface") == 0)
            o->contour = false;
        else {
            snprintf(err, n, "--view: unknown view '%s' (surface or contour)", v);
            return false;
        }
        return true;
    case OPT_START:
        o->has_start = true;
        return cli_parse_start(v, o->start, start_count, err, n);
    case OPT_SEED:
        o->run.has_seed = true;
        if (!cli_parse_long(sp->name, v, 0, 9007199254740992LL, &ll, err, n)) /* 2^53, as scenes */
            return false;
        o->run.seed = (uint64_t)ll;
        return true;
    case OPT_STEPS:
        if (!cli_parse_long(sp->name, v, 0, 100000000, &ll, err, n))
            return false;
        o->steps = (long)ll;
        o->has_steps = true;
        return true;
    case OPT_FRAMES:
        if (!cli_parse_long(sp->name, v, 1, 1000000, &ll, err, n))
            return false;
        o->frames = (long)ll;
        return true;
    case OPT_SIZE:
        return cli_parse_size(v, &o->width, &o->height, err, n);
    case OPT_FULLSCREEN:
        o->fullscreen = true;
        return true;
    case OPT_FORCE:
        o->force = true;
        return true;
    case OPT_DOMAIN:
        o->has_domain = true;
        o->domain_arg = v;
        return cli_parse_domain(v, o->domain_lo, o->domain_hi, &o->domain_count, err, n);
    case OPT_EXPR:
        o->expr_text = v;
        return true;
    case OPT_SCENE:
        o->has_scene = true;
        if (!scene_resolve(v, o->scene_path, sizeof o->scene_path, err, n)) {
            char why[512];
            snprintf(why, sizeof why, "%s", err);
            snprintf(err, n, "--scene: %s", why);
            return false;
        }
        return true;
    case OPT_PARTICLES:
        if (!cli_parse_long(sp->name, v, CLOUD_MIN, CLOUD_MAX, &ll, err, n))
            return false;
        o->particles = (int)ll;
        return true;
    case OPT_LANG:
        o->lang = i18n_match(v);
        if (!o->lang) {
            const char *codes[16];
            const int count = i18n_languages(codes, 16);
            char known[128] = "";
            for (int i = 0; i < count; i++)
                snprintf(known + strlen(known), sizeof known - strlen(known), "%s%s",
                         i ? ", " : "", codes[i]);
            snprintf(err, n, "--lang: unknown language '%s' (%s)", v, known);
            return false;
        }
        return true;
    case OPT_OUT:
        if (v[0] == '\0') {
            snprintf(err, n, "--out: empty file name");
            return false;
        }
        o->out = v;
        return true;
    case OPT_STARTUP:
    case OPT_COLD:
        *(sp->id == OPT_STARTUP ? &o->startup : &o->cold) = true;
        return true;
    case OPT_RUNS:
        if (!cli_parse_long(sp->name, v, 1, 1000, &ll, err, n))
            return false;
        o->runs = (long)ll;
        return true;
    case OPT_IDLE:
        if (!cli_parse_double(sp->name, v, &o->idle, err, n))
            return false;
        if (!(o->idle >= 0.1 && o->idle <= 3600.0))
            snprintf(err, n, "--idle: %s seconds is outside 0.1..3600", v);
        return o->idle >= 0.1 && o->idle <= 3600.0;
    case OPT_OUTPUT_DIR:
        if (v[0] == '\0') {
            snprintf(err, n, "--output-dir: empty directory name");
            return false;
        }
        o->output_dir = v;
        return true;
    }
    return true;
}

static bool parse_command(int argc, char **argv, int *first, cli_options *o, char *err,
                          size_t n)
{
    *first = 1;
    o->command = CLI_RUN;
    if (argc < 2)
        return true;
    const char *a = argv[1];
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0 || strcmp(a, "help") == 0) {
        o->command = CLI_HELP;
        *first = 2;
    } else if (strcmp(a, "--version") == 0) {
        o->command = CLI_VERSION;
        *first = 2;
    } else if (a[0] != '-') {
        *first = 2;
        if (strcmp(a, "list") == 0)
            o->command = CLI_LIST;
        else if (strcmp(a, "trace") == 0)
            o->command = CLI_TRACE;
        else if (strcmp(a, "shot") == 0)
            o->command = CLI_SHOT;
        else if (strcmp(a, "bench") == 0)
            o->command = CLI_BENCH;
        else if (strcmp(a, "critical") == 0)
            o->command = CLI_CRITICAL;
        else {
            snprintf(err, n, "unknown command '%s' (commands: list, trace, shot, bench, critical; "
                             "see optiviz --help)", a);
            return false;
        }
    }
    return true;
}

static bool parse_all(int argc, char **argv, cli_options *o, char *err, size_t n);

bool cli_parse(int argc, char **argv, cli_options *o, char *err, size_t n)
{
    if (parse_all(argc, argv, o, err, n))
        return true;
    /* arguments and files are echoed in messages: control characters are
     * escaped, so none reaches the terminal raw (a refused formula's two
     * lines keep their line break) */
    char *raw = malloc(n);
    if (raw) {
        memcpy(raw, err, n);
        raw[n - 1] = '\0';
        fileio_escape(err, n, raw, o->expr_caret);
        free(raw);
    }
    return false;
}

static bool parse_all(int argc, char **argv, cli_options *o, char *err, size_t n)
{
    memset(o, 0, sizeof *o);
    o->argc = argc;
    o->argv = argv;
    o->run.kind = OPTIM_SGD;
    int i = 1;
    if (!parse_command(argc, argv, &i, o, err, n))
        return false;
    if (o->command == CLI_HELP || o->command == CLI_VERSION || o->command == CLI_LIST) {
        if (i < argc) {
            snprintf(err, n, "%s: unexpected argument '%s'",
                     o->command == CLI_LIST ? "list" : argv[1], argv[i]);
            return false;
        }
        return true;
    }
    int start_count = 0;
    /* where each option was first given (0: not yet): one given twice is
     * refused, as a scene file refuses a key given twice */
    int first_opt[OPT_ID_COUNT] = {0}, first_field[32] = {0};
    for (; i < argc; i++) {
        const int at = i; /* this option's argument number */
        const char *arg = argv[i];
        const char *eq = strchr(arg, '=');
        const size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
        const int field = find_field(arg, len);
        if (field >= 0 && o->command != CLI_RUN && o->command != CLI_TRACE) {
            snprintf(err, n, "%s: option %.*s does not apply here (see optiviz --help)",
                     command_names[o->command], (int)len, arg);
            return false;
        }
        if (field >= 0) {
            int count;
            const optim_field *f = &optim_fields(&count)[field];
            const char *v = eq ? eq + 1 : NULL;
            double value = 0.0;
            if (f->type == FIELD_BOOL) {
                if (!cli_parse_bool(arg, v, &value, err, n))
                    return false;
            } else {
                if (!v) {
                    if (i + 1 >= argc) {
                        snprintf(err, n, "%.*s needs a value", (int)len, arg);
                        return false;
                    }
                    v = argv[++i];
                }
                char opt[64];
                snprintf(opt, sizeof opt, "%.*s", (int)len, arg);
                if (!cli_parse_double(opt, v, &value, err, n))
                    return false;
            }
            if (field < 32 && first_field[field]) {
                snprintf(err, n, "%.*s given twice (first as argument %d): give it once",
                         (int)len, arg, first_field[field]);
                return false;
            }
            if (field < 32)
                first_field[field] = at;
            optim_field_set(&o->run.optim, f, value);
            o->run.optim_given |= 1u << field;
            continue;
        }
        const opt_spec *sp = find_spec(arg, len);
        if (!sp) {
            snprintf(err, n, "%s: unknown option '%.*s' (see optiviz --help)",
                     command_names[o->command], (int)len, arg);
            return false;
        }
        if (!(sp->allowed & (1 << o->command))) {
            snprintf(err, n, "%s: option %s does not apply here (see optiviz --help)",
                     command_names[o->command], sp->name);
            return false;
        }
        if (first_opt[sp->id]) {
            snprintf(err, n, "%s given twice (first as argument %d): give it once", sp->name,
                     first_opt[sp->id]);
            return false;
        }
        first_opt[sp->id] = at;
        const char *v = NULL;
        if (sp->takes_value) {
            if (eq)
                v = eq + 1;
            else if (i + 1 < argc)
                v = argv[++i];
            else {
                snprintf(err, n, "%s needs a value", sp->name);
                return false;
            }
        } else if (eq) {
            snprintf(err, n, "%s takes no value", sp->name);
            return false;
        }
        if (!apply_option(o, sp, v, &start_count, err, n))
            return false;
        o->given |= 1ull << sp->id;
    }
    if (!cli_check_required(o, start_count, err, n)) {
        cli_free(o);
        return false;
    }
    return true;
}

void cli_free(cli_options *o)
{
    if (o->land == &o->custom.land)
        o->land = NULL;
    landscape_custom_free(&o->custom);
}
