/*
 * commands_gfx.c: `optiviz shot` (one frame rendered headless to a PNG with
 * SDL2_image) and `optiviz bench` (frame timing headless, glFinish per
 * frame, no vsync). Both draw through app_draw, so they show exactly what
 * the window shows.
 */
#include "app/app.h"
#include "app/commands.h"

#include <SDL_image.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Writes the surface as PNG (SDL2_image) and checks that every byte reached
 * the file: a full disk or a file that takes no writes is an error too.
 * Prints one line and returns false on failure. */
static bool save_png(SDL_Surface *surf, const char *path)
{
    FILE *fp = fopen(path, "wb");
    if (!fp) {
        fprintf(stderr, "optiviz: --out: cannot write '%s': %s\n", path, strerror(errno));
        return false;
    }
    SDL_RWops *rw = SDL_RWFromFP(fp, SDL_FALSE);
    const bool encoded = rw && IMG_SavePNG_RW(surf, rw, 0) == 0;
    if (rw)
        SDL_RWclose(rw);
    const bool flushed = fflush(fp) == 0 && !ferror(fp);
    const int saved_errno = errno;
    const bool closed = fclose(fp) == 0;
    if (!encoded) {
        fprintf(stderr, "optiviz: --out: cannot write '%s': %s\n", path, SDL_GetError());
        return false;
    }
    if (!flushed || !closed) {
        fprintf(stderr, "optiviz: --out: cannot write '%s': %s\n", path,
                strerror(flushed ? errno : saved_errno));
        return false;
    }
    return true;
}

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
    SDL_Surface *surf = NULL;
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
    surf = SDL_CreateRGBSurfaceWithFormatFrom(pixels, w, h, 32, w * 4, SDL_PIXELFORMAT_ABGR8888);
    if (!surf) {
        fprintf(stderr, "optiviz: %s\n", SDL_GetError());
        goto done;
    }
    if (!save_png(surf, o->out))
        code = 2;
    else
        code = 0;
done:
    if (surf)
        SDL_FreeSurface(surf);
    free(pixels);
    app_destroy(a);
    free(a);
    SDL_Quit();
    return code;
}

static int cmp_double(const void *x, const void *y)
{
    const double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
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
    const double freq = (double)SDL_GetPerformanceFrequency();
    for (long i = 0; i < frames; i++) {
        const uint64_t t0 = SDL_GetPerformanceCounter();
        sim_step(&a->sim);
        app_cloud_steps(a, 1);
        app_draw(a, a->ren, w, h);
        render_finish(a->ren);
        window_swap(&a->win);
        ms[i] = (double)(SDL_GetPerformanceCounter() - t0) * 1000.0 / freq;
    }
    qsort(ms, (size_t)frames, sizeof *ms, cmp_double);
    const double median = ms[frames / 2];
    long p95i = (long)((double)frames * 0.95);
    if (p95i >= frames)
        p95i = frames - 1;
    printf("frames=%ld median_ms=%.3f p95_ms=%.3f renderer=%s\n", frames, median, ms[p95i],
           renderer_name(a->ren));
    free(ms);
    app_destroy(a);
    free(a);
    SDL_Quit();
    return 0;
}
