/*
 * test_render_smoke.c: draws one 640x480 frame headless (SDL offscreen
 * driver, EGL, Mesa llvmpipe) through the public renderer API and checks
 * the pixels: a 4 px red line is 4 rows thick, the disc is green, the text
 * puts white ink inside its box and none right of it, the saddle wireframe
 * leaves ink in its region but stays see-through, and a 3D trail lies on it.
 * Exit 0 pass, 1 fail, 77 skip (renderer is not llvmpipe, or no GL at all).
 * With a file argument, also writes the frame there as PNG (SDL2_image).
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>

#include "optiviz_config.h"
#include "render/renderer.h"

#define W 640
#define H 480

#include "check.h"
#include "gl_setup.h"

static const uint8_t *px(const uint8_t *img, int x, int y)
{
    return img + ((size_t)y * W + (size_t)x) * 4;
}

static bool is_red(const uint8_t *p)
{
    return p[0] > 200 && p[1] < 80 && p[2] < 80;
}

static bool is_whiteish(const uint8_t *p)
{
    return p[0] > 150 && p[1] > 150 && p[2] > 150;
}

static bool differs(const uint8_t *p, const uint8_t bg[3])
{
    return abs(p[0] - bg[0]) + abs(p[1] - bg[1]) + abs(p[2] - bg[2]) > 24;
}

/* out = a * b, column-major 4x4. */

static bool save_png(const uint8_t *img, const char *path)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormatFrom((void *)img, W, H, 32, W * 4,
                                                        SDL_PIXELFORMAT_ABGR8888);
    if (!s)
        return false;
    bool ok = IMG_SavePNG(s, path) == 0;
    SDL_FreeSurface(s);
    return ok;
}

int main(int argc, char **argv)
{
    int rc = 77;
    uint8_t *img = NULL;
    test_gl gl;
    const int opened = test_gl_open(&gl, "test_render_smoke", W, H);
    if (opened != 0)
        return opened;
    renderer *r = gl.r;

    const uint8_t bg[3] = {20, 22, 28};
    const rgba bgc = {bg[0] / 255.0f, bg[1] / 255.0f, bg[2] / 255.0f, 1};
    const rgba red = {1, 0, 0, 1}, green = {0, 0.85f, 0.2f, 1}, white = {1, 1, 1, 1};
    const rgba wire = {0.35f, 0.6f, 1.0f, 1}, orange = {1.0f, 0.55f, 0.0f, 1};

    /* Saddle z = x^2 - y^2 on [-1, 1]^2, 101 x 101, in the box right of the disc. */
    enum { N = 101 };
    static float heights[N * N];
    fill_saddle(heights, N);
    const float box[4] = {360, 120, 275, 350};
    float vp[16];
    saddle_view(vp, W, H, box[0], box[1], box[2], box[3]);
    float trail[3 * 41];
    for (int k = 0; k <= 40; k++) {
        float x = -1 + 2.0f * k / 40;
        trail[3 * k] = x, trail[3 * k + 1] = 0, trail[3 * k + 2] = x * x;
    }

    render_begin(r, W, H, bgc);
    render_wireframe(r, heights, N, N, -1, 1, -1, 1, 1, 1, vp, 1.0f, wire);
    render_polyline3d(r, trail, 41, vp, 3.0f, orange);
    render_disc3d(r, (const float[3]){0, 0, 0}, vp, 6, orange, 1.5f, white);
    render_polyline(r, (const float[4]){50, 100, 590, 100}, 2, 4.0f, red);
    render_disc(r, 320, 300, 20, green, 0, green);
    const char *label = "f(x) = x·cos(πx)";
    float tw = render_text(r, label, 20, 400, 28, TEXT_LEFT, white);
    render_end(r);

    img = malloc((size_t)W * H * 4);
    if (!img || !render_read_pixels(r, img, W, H)) {
        fprintf(stderr, "FAIL: render_read_pixels\n");
        rc = 1;
        goto cleanup;
    }
    if (argc > 1 && !save_png(img, argv[1]))
        fprintf(stderr, "warning: cannot write %s: %s\n", argv[1], IMG_GetError());

    /* The line: red at its center, 4 +- 1 rows thick, nothing red beside it. */
    CHECK(is_red(px(img, 320, 100)), "(320,100) is not red: %d %d %d", px(img, 320, 100)[0],
          px(img, 320, 100)[1], px(img, 320, 100)[2]);
    CHECK(!is_red(px(img, 320, 97)) && !is_red(px(img, 320, 103)), "line bleeds past 98..101");
    int rows = 0;
    for (int y = 0; y < H; y++)
        rows += is_red(px(img, 320, y));
    CHECK(rows >= 3 && rows <= 5, "red rows in column 320: %d, want 4 +- 1", rows);
    CHECK(is_red(px(img, 52, 100)) && !is_red(px(img, 46, 100)) && !is_red(px(img, 594, 100)),
          "line ends (round caps of radius 2) are off");

    /* The disc. */
    const uint8_t *c = px(img, 320, 300);
    CHECK(c[1] > 180 && c[0] < 60 && c[2] < 100, "disc center not green: %d %d %d", c[0], c[1],
          c[2]);
    CHECK(!differs(px(img, 320, 323), bg), "disc larger than radius 20");

    /* The text: width plausible, white ink inside its box, none to its right. */
    CHECK(tw > 150 && tw < 260, "text width %.1f out of range", tw);
    int ink = 0, stray = 0;
    for (int y = 398; y < 440; y++) {
        for (int x = 18; x < 20 + (int)tw + 2; x++)
            ink += is_whiteish(px(img, x, y));
        for (int x = 20 + (int)tw + 4; x < 350; x++)
            stray += is_whiteish(px(img, x, y));
    }
    CHECK(ink > 300, "too little text ink: %d", ink);
    CHECK(stray == 0, "white pixels right of the text: %d", stray);
    int above = 0;
    for (int y = 380; y < 396; y++)
        for (int x = 18; x < 240; x++)
            above += is_whiteish(px(img, x, y));
    CHECK(above == 0, "text ink above its top: %d", above);

    /* The wireframe: ink in its box, but see-through (mostly background). */
    int wire_px = 0, trail_px = 0, total = 0;
    for (int y = (int)box[1]; y < (int)(box[1] + box[3]); y++)
        for (int x = (int)box[0]; x < (int)(box[0] + box[2]); x++) {
            const uint8_t *p = px(img, x, y);
            total++;
            wire_px += differs(p, bg);
            trail_px += p[0] > 200 && p[1] > 90 && p[1] < 180 && p[2] < 60;
        }
    CHECK(wire_px > total / 20, "wireframe too faint: %d of %d pixels", wire_px, total);
    CHECK(wire_px < total * 3 / 4, "wireframe not see-through: %d of %d pixels", wire_px, total);
    CHECK(trail_px > 100, "3D trail missing: %d orange pixels", trail_px);
    int outside = 0;
    for (int y = 0; y < H; y++)
        for (int x = 360 + 275 + 2; x < W; x++)
            outside += differs(px(img, x, y), bg);
    CHECK(outside == 0, "ink right of the wireframe box: %d", outside);

    rc = failures ? 1 : 0;
    if (!failures)
        printf("PASS (%s)\n", renderer_name(r));

cleanup:
    free(img);
    IMG_Quit();
    test_gl_close(&gl);
    return rc;
}
