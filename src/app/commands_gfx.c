/*
 * commands_gfx.c: `optiviz shot` (one frame rendered headless to a PNG,
 * --out FILE or a new file in --output-dir, written by export.c) and
 * `optiviz bench` (frame timing headless, glFinish per frame, no vsync). Both draw through app_draw, so they show exactly what
 * the window shows.
 */
#include "app/app.h"
#include "app/commands.h"
#include "app/export.h"

#include <stdio.h>
#include <stdlib.h>

static app *headless_app(const cli_options *o, int def_w, int def_h)
{
    app *a = calloc(1, sizeof *a);
    if (!a) {
        fprintf(stderr, "optiviz: out of memory\n");
        return NULL;
    }
    char err[512];
    const app_params p = {
        .cli = o,
        .headless = true,
        .width = o->width > 0 ? o->width : def_w,
        .height = o->height > 0 ? o->height : def_h,
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
    app *a = headless_app(o, 1920, 1080);
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
    app_destroy(a);
    free(a);
    SDL_Quit();
    return code;
}

double bench_frame(app *a, int w, int h)
{
    const double freq = (double)SDL_GetPerformanceFrequency();
    const uint64_t t0 = SDL_GetPerformanceCounter();
    sim_step(&a->sim);
    app_cloud_steps(a, 1);
    app_draw(a, a->ren, w, h);
    render_finish(a->ren);
    window_swap(&a->win);
    return (double)(SDL_GetPerformanceCounter() - t0) * 1000.0 / freq;
}

void bench_report(FILE *out, double *ms, long frames, const char *renderer)
{
    qsort(ms, (size_t)frames, sizeof *ms, app_cmp_double);
    const double median = ms[frames / 2];
    long p95i = (long)((double)frames * 0.95);
    if (p95i >= frames)
        p95i = frames - 1;
    fprintf(out, "frames=%ld median_ms=%.3f p95_ms=%.3f renderer=%s\n", frames, median, ms[p95i],
            renderer);
}

int command_bench(const cli_options *o)
{
    app *a = headless_app(o, 1920, 1080);
    if (!a)
        return 1;
    const long frames = o->frames > 0 ? o->frames : 300;
    double *ms = malloc((size_t)frames * sizeof *ms);
    if (!ms) {
        app_destroy(a);
        free(a);
        return 1;
    }
    int w, h;
    window_drawable_size(&a->win, &w, &h);
    for (long i = 0; i < frames; i++)
        ms[i] = bench_frame(a, w, h);
    bench_report(stdout, ms, frames, renderer_name(a->ren));
    free(ms);
    app_destroy(a);
    free(a);
    SDL_Quit();
    return 0;
}
