/*
 * commands_gfx.c: `optiviz shot` (one frame rendered headless to a PNG,
 * --out FILE or a new file in --output-dir, written by export.c), drawn
 * through app_draw, so it shows exactly what the window shows (`optiviz
 * bench`: bench.c).
 */
#include "app/app.h"
#include "app/commands.h"
#include "app/export.h"

#include <stdio.h>
#include <stdlib.h>

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
        fprintf(stderr, "optiviz: %s\n", err);
        free(a);
        return NULL;
    }
    return a;
}

int command_shot(const cli_options *o)
{
    app *a = command_app_create(o, false, 1920, 1080);
    if (!a)
        return 1;
    int code = 1;
    uint8_t *pixels = NULL;
    for (long i = 0; i < o->steps; i++) {
        sim_step(&a->sim);
        app_assess(a);
        app_cloud_steps(a, 1);
    }
    int w, h;
    window_drawable_size(&a->win, &w, &h);
    app_draw(a, a->ren, w, h);
    pixels = malloc((size_t)w * (size_t)h * 4);
    if (!pixels || !render_read_pixels(a->ren, pixels, w, h)) {
        fprintf(stderr, "optiviz: cannot read back the rendered frame\n");
        goto done;
    }
    if (o->out) {
        char msg[EXPORT_PATH_MAX + 256];
        code = export_png_write(o->out, pixels, w, h, msg, sizeof msg) ? 0 : 2;
        if (code != 0)
            fprintf(stderr, "optiviz: --out: %s\n", msg);
    } else {
        exporter ex;
        export_init(&ex, o->output_dir);
        code = export_png(&ex, pixels, w, h) ? 0 : 2;
        if (code == 0)
            printf("%s\n", ex.last_path);
        else
            fprintf(stderr, "optiviz: --output-dir: %s\n", ex.message);
        export_destroy(&ex);
    }
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
