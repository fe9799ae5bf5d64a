/*
 * main_web.c: optiviz's browser front end (emscripten, WebGL2). The page
 * (src/web/page.js) turns the URL's parameters into the command line's
 * options (?scene=noise -> --scene noise), so they are read and refused by
 * the same cli_parse as on the desktop; a refused one is printed on stderr,
 * which the page shows, and the page opens the tour as without it. One
 * parameter belongs to the page only: --bench N.
 *
 * Each animation frame calls app_frame(app, dt), as the desktop's loop
 * does, over the browser's platform services (platform_web.c: the clock,
 * settings in localStorage, saved files as downloads). V records the
 * canvas with the browser's MediaRecorder instead of PNG files and ffmpeg.
 */
#include "app/app.h"
#include "app/cli.h"
#include "app/commands.h"
#include "app/i18n.h"
#include "web/platform_web.h"

#include <emscripten.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WEB_MAX_ARGS 64

/* The page's side (web_lib.js). */
extern int web_record_toggle(void);
extern void web_ready(void);
extern void web_renderer_name(char *buf, int len);

/* The page's own option, taken out of argv before cli_parse sees it. */
typedef struct web_options {
    long bench; /* --bench N: N timed frames first; 0: none */
} web_options;

/* Removes "--bench N" from argv (in place; returns the new argc) into w. A
 * bad value: false with the CLI's style of message in err. */
static bool web_take_options(int *argc, char **argv, web_options *w, char *err, size_t errlen)
{
    int out = 1;
    for (int i = 1; i < *argc; i++) {
        if (strcmp(argv[i], "--bench") != 0) {
            argv[out++] = argv[i];
            continue;
        }
        const char *v = i + 1 < *argc ? argv[++i] : "";
        char *end = NULL;
        errno = 0;
        const long n = strtol(v, &end, 10);
        if (!v[0] || *end || errno || n < 1 || n > 100000) {
            snprintf(err, errlen, "--bench: '%s' is not a number of frames in 1..100000", v);
            return false;
        }
        w->bench = n;
    }
    *argc = out;
    return true;
}

/* The page's own arguments: the ones it adds to every command line
 * (--size of the window, --output-dir /out), which come first. */
static int web_base_args(int argc, char **argv)
{
    int n = 1;
    while (n < argc && strcmp(argv[n], "--") != 0)
        n++;
    return n;
}

/* Times frames frames as `optiviz bench` does and prints its line on
 * stdout (prefixed "bench "), which the page shows in the console. */
static void web_bench(app *a, long frames)
{
    char name[256];
    web_renderer_name(name, (int)sizeof name);
    printf("bench ");
    bench_measure(a, frames, name, stdout);
    fflush(stdout);
}

/* V: the browser records the canvas (WebM) instead of PNG files. The event
 * filter takes the key before the binding table sees it; the formula line
 * keeps its letters. */
static int web_filter(void *data, SDL_Event *e)
{
    app *a = data;
    if (e->type == SDL_KEYDOWN && e->key.keysym.sym == SDLK_v && !e->key.repeat &&
        !(e->key.keysym.mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI | KMOD_SHIFT)) &&
        !a->ui.formula_open) {
        const int state = web_record_toggle();
        if (state < 0)
            app_message_kind(a, MESSAGE_ERROR, 4000, "%s", _("this browser cannot record the canvas"));
        else
            app_message(a, 3000, "%s",
                        state ? _("recording (V stops; the WebM is downloaded)")
                              : _("recording stopped: WebM downloaded"));
        return 0;
    }
    return 1;
}

/* A key from the page's on-screen strip (a tablet has no keyboard): a press
 * and a release of SDL keycode key with modifiers mod, into the event queue. */
EMSCRIPTEN_KEEPALIVE void web_key(int key, int mod)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.state = SDL_PRESSED;
    e.key.keysym.sym = key;
    e.key.keysym.scancode = SDL_GetScancodeFromKey(key);
    e.key.keysym.mod = (Uint16)mod;
    SDL_PushEvent(&e);
    e.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    SDL_PushEvent(&e);
}

/* The page's app (web_state reads it; one app per page). */
static app *web_app;

static const char *tf(bool b)
{
    return b ? "true" : "false";
}

/* The state a test or the page asks about, as one JSON object: landscape,
 * tour scene, language (and the HUD's "step" in it), pause, noise, and runner 0's learning rate, start,
 * iterate and step count. The string lives until the next call. */
EMSCRIPTEN_KEEPALIVE const char *web_state(void)
{
    static char json[1024];
    const app *a = web_app;
    if (!a)
        return "{}";
    const runner *r = &a->sim.runners[0];
    snprintf(json, sizeof json,
             "{\"function\":\"%s\",\"tour_index\":%d,\"lang\":\"%s\",\"step_label\":\"%s\","
             "\"paused\":%s,"
             "\"noise_on\":%s,\"noise\":%.17g,\"lr\":%.17g,\"runners\":%d,"
             "\"start\":[%.17g,%.17g],\"x\":[%.17g,%.17g],\"step\":%ld,\"help\":%s,"
             "\"theme\":%d,\"ui_scale\":%.17g,\"loss_panel\":%s,\"explain\":%s,"
             "\"cloud\":%d,\"formula_open\":%s,\"fb\":[%d,%d],"
             "\"view\":[%.17g,%.17g,%.17g,%.17g],\"yaw\":%.17g,\"pitch\":%.17g,"
             "\"distance\":%.17g}",
             a->lesson.land ? a->lesson.land->name : "", a->scenes.tour_index, a->ui.lang,
             _("step"),
             tf(a->sim.paused), tf(a->runs.noise_on), a->runs.noise_sigma,
             a->runs.cfg[0].optim.lr, a->runs.n_runners, r->start[0], r->start[1], r->x[0],
             r->x[1], r->step, tf(a->ui.help_visible), (int)a->ui.theme,
             (double)a->ui.ui_scale, tf(a->ui.loss_panel), tf(a->ui.explain), a->cloud.n,
             tf(a->ui.formula_open), a->fb_w, a->fb_h, a->view.box[0], a->view.box[1],
             a->view.box[2], a->view.box[3], a->view.cam.yaw, a->view.cam.pitch,
             a->view.cam.distance);
    return json;
}

/* What `optiviz shot --steps N` draws, for the page's tests: every runner
 * back at its start, steps steps, then one frame drawn and read back.
 * Returns w * h RGBA pixels, top row first (valid until the next call), or
 * NULL when the frame cannot be read. */
EMSCRIPTEN_KEEPALIVE uint8_t *web_shot(int steps)
{
    static uint8_t *pixels;
    app *a = web_app;
    if (!a)
        return NULL;
    sim_reset(&a->sim, NULL);
    app_cloud_reset(a);
    for (int i = 0; i < steps; i++) {
        sim_step(&a->sim);
        app_assess(a);
        app_cloud_steps(a, 1);
    }
    app_assess(a);
    int w, h;
    window_drawable_size(&a->win, &w, &h);
    app_draw(a, a->ren, w, h);
    free(pixels);
    pixels = malloc((size_t)w * (size_t)h * 4);
    if (pixels && !render_read_pixels(a->ren, pixels, w, h)) {
        free(pixels);
        pixels = NULL;
    }
    return pixels;
}

/* The main loop's state: the app and the clock of the last frame. */
typedef struct web_loop {
    app *a;
    double last;
} web_loop;

static void web_frame(void *data)
{
    web_loop *loop = data;
    const double now = loop->a->plat->clock();
    if (!app_frame(loop->a, now - loop->last)) {
        /* Esc or Q: a page is closed with its tab; say so and go on. */
        loop->a->ui.quit = false;
        app_message(loop->a, 3000, "%s", _("close the browser tab to quit"));
    }
    loop->last = now;
}

int main(int argc, char **argv)
{
    static char *args[WEB_MAX_ARGS];
    /* Before cli_parse, which finds --scene there: the packed data
     * (scripts/web) and the page's folders. */
    setenv("OPTIVIZ_SCENES", "/data/scenes", 1);
    setenv("OPTIVIZ_FONT", "/data/fonts/DejaVuSans.ttf", 1);
    setenv("OPTIVIZ_FONT_KO", "/data/fonts/NanumGothic.ttf", 1);
    setenv("OPTIVIZ_LOCALEDIR", "/data/locale", 1);
    setenv("XDG_CONFIG_HOME", "/config", 1);
    setenv("HOME", "/home/web_user", 1);
    if (argc > WEB_MAX_ARGS)
        argc = WEB_MAX_ARGS;
    for (int i = 0; i < argc; i++)
        args[i] = argv[i];
    web_options w = {0};
    cli_options o;
    char err[2048];
    bool ok = web_take_options(&argc, args, &w, err, sizeof err);
    /* "--" separates the page's arguments from the URL's; cli_parse sees
     * one list */
    const int base = web_base_args(argc, args);
    for (int i = base; i + 1 < argc; i++)
        args[i] = args[i + 1];
    if (base < argc)
        argc--;
    if (ok)
        ok = cli_parse(argc, args, &o, err, sizeof err);
    if (ok && o.command != CLI_RUN) {
        snprintf(err, sizeof err, "the page opens the window; headless commands run on the "
                                  "desktop");
        ok = false;
    }
    if (!ok) {
        fprintf(stderr, "optiviz: %s\n", err);
        w = (web_options){0};
        if (!cli_parse(base < argc ? base : argc, args, &o, err, sizeof err)) {
            fprintf(stderr, "optiviz: %s\n", err);
            return 2;
        }
    }
    app *a = calloc(1, sizeof *a);
    if (!a)
        return 1;
    const app_params p = {
        .cli = &o,
        .width = o.width,
        .height = o.height,
        .open_tour = !o.land && !o.has_scene,
        .platform = platform_web(),
    };
    if (!app_create(a, &p, err, sizeof err)) {
        fprintf(stderr, "optiviz: %s\n", err);
        free(a);
        return 1;
    }
    web_app = a;
    SDL_SetEventFilter(web_filter, a);
    if (w.bench > 0)
        web_bench(a, w.bench);
    web_ready();
    static web_loop loop;
    loop = (web_loop){.a = a, .last = a->plat->clock()};
    emscripten_set_main_loop_arg(web_frame, &loop, 0, 1);
    return 0;
}
