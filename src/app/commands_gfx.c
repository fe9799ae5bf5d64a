/*
 * commands_gfx.c: `optiviz shot` (one frame rendered headless to a PNG,
 * --out FILE, replaced only with --force, or a new file in --output-dir,
 * either opened before the work starts; written by export.c), drawn
 * through app_draw, so it shows exactly what the window shows (`optiviz
 * bench`: bench.c).
 */
#include "app/app.h"
#include "app/commands.h"
#include "app/export.h"

#include "app/fileio.h"
#include "app/progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* "optiviz: PREFIXmsg" on stderr, control characters escaped. */
static void print_error(const char *prefix, const char *msg)
{
    char shown[EXPORT_PATH_MAX + 512];
    fileio_escape(shown, sizeof shown, msg, false);
    fprintf(stderr, "optiviz: %s%s\n", prefix, shown);
}

app *command_app_create(const cli_options *o, bool window, int def_w, int def_h)
{
    app *a = calloc(1, sizeof *a);
    if (!a) {
        fprintf(stderr, "optiviz: out of memory\n");
        return NULL;
    }
    char err[512];
    const app_params p = {
        .cli = o,
        .headless = !window,
        .width = o->width > 0 ? o->width : def_w,
        .height = o->height > 0 ? o->height : def_h,
        .open_tour = window && !o->land && !o->has_scene,
    };
    if (!app_create(a, &p, err, sizeof err)) {
        print_error("", err);
        free(a);
        return NULL;
    }
    return a;
}

/* Where shot's PNG goes, opened before any work so an unwritable output
 * fails at once: --out through a temporary file (fileio_replace), or a new
 * file in --output-dir. False with the message printed. */
typedef struct shot_target {
    fileio_replace out;           /* --out */
    int fd;                       /* --output-dir: the new file, -1: none */
    char path[EXPORT_PATH_MAX];   /* its name */
} shot_target;

static bool shot_open(const cli_options *o, shot_target *t)
{
    char msg[EXPORT_PATH_MAX + 256];
    t->fd = -1;
    t->out.fd = -1;
    t->out.tmp[0] = '\0';
    if (o->out) {
        if (fileio_replace_begin(&t->out, o->out, o->force, msg, sizeof msg))
            return true;
        print_error("--out: ", msg);
        return false;
    }
    char dir[EXPORT_PATH_MAX];
    if (export_dir_resolve(o->output_dir, dir, sizeof dir, msg, sizeof msg)) {
        t->fd = export_create_unique(dir, "optiviz", ".png", t->path, sizeof t->path, msg,
                                     sizeof msg);
        if (t->fd >= 0)
            return true;
    }
    print_error("--output-dir: ", msg);
    return false;
}

/* Writes the frame to the target (exit code 0) or reports why (2). */
static int shot_write(const cli_options *o, shot_target *t, const uint8_t *px, int w, int h)
{
    char msg[EXPORT_PATH_MAX + 256];
    if (o->out) {
        if (export_png_commit(&t->out, px, w, h, msg, sizeof msg))
            return 0;
        print_error("--out: ", msg);
        return 2;
    }
    const int fd = t->fd;
    t->fd = -1;
    if (!export_png_write_fd(fd, t->path, px, w, h, msg, sizeof msg)) {
        print_error("--output-dir: ", msg);
        return 2;
    }
    printf("%s\n", t->path);
    return 0;
}

/* Removes what shot_open made when the shot failed before writing. */
static void shot_abandon(const cli_options *o, shot_target *t)
{
    if (o->out) {
        fileio_replace_abort(&t->out);
    } else if (t->fd >= 0) {
        close(t->fd);
        unlink(t->path);
        t->fd = -1;
    }
}

int command_shot(const cli_options *o)
{
    shot_target t;
    if (!shot_open(o, &t))
        return 2;
    app *a = command_app_create(o, false, 1920, 1080);
    if (!a) {
        shot_abandon(o, &t);
        return 1;
    }
    int code = 1;
    uint8_t *pixels = NULL;
    progress pr;
    progress_begin(&pr, "shot", o->steps, o->steps >= 1000);
    for (long i = 0; i < o->steps; i++) {
        sim_step(&a->sim);
        app_assess(a);
        app_cloud_steps(a, 1);
        progress_update(&pr, i + 1);
    }
    progress_end(&pr);
    int w, h;
    window_drawable_size(&a->win, &w, &h);
    app_draw(a, a->ren, w, h);
    pixels = malloc((size_t)w * (size_t)h * 4);
    if (!pixels || !render_read_pixels(a->ren, pixels, w, h)) {
        fprintf(stderr, "optiviz: cannot read back the rendered frame\n");
        shot_abandon(o, &t);
        goto done;
    }
    code = shot_write(o, &t, pixels, w, h);
done:
    free(pixels);
    command_app_free(a);
    return code;
}

void command_app_free(app *a)
{
    app_destroy(a);
    free(a);
    SDL_Quit();
}
