/*
 * test_render_points.c: render_points and render_points3d (src/render/
 * points.c) read back from a 400x300 frame headless (offscreen, llvmpipe;
 * exit 77 elsewhere): a disc of the given radius and color at each point
 * and nothing between them, semi-transparent discs blend over what is
 * under them, call order with the other shapes is kept, 10 000 points land
 * where they are, coincident discs stack their opacity, and a world
 * point maps through the matrix.
 * Exit 0 pass, 1 fail, 77 skip.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "optiviz_config.h"
#include "render/renderer.h"

#define W 400
#define H 300

#include "check.h"
#include "gl_setup.h"

static const uint8_t *px(const uint8_t *img, int x, int y)
{
    return img + ((size_t)y * W + (size_t)x) * 4;
}

static bool rgb_near(const uint8_t *p, int r, int g, int b, int tol)
{
    return abs(p[0] - r) <= tol && abs(p[1] - g) <= tol && abs(p[2] - b) <= tol;
}

int main(void)
{
    (void)fill_saddle; /* gl_setup.h's helpers for the 3D tests */
    (void)saddle_view;
    test_gl t;
    const int rc = test_gl_open(&t, "test_render_points", W, H);
    if (rc != 0)
        return rc;
    uint8_t *img = malloc((size_t)W * H * 4);
    const rgba bg = {0, 0, 0, 1};

    /* three opaque red discs of radius 5, one half-transparent green one
     * over a blue rect drawn before it, a yellow rect drawn after the
     * red points over the third one */
    render_begin(t.r, W, H, bg);
    render_rect(t.r, 250, 40, 60, 60, (rgba){0, 0, 1, 1});
    const float xy[6] = {50.5f, 60.5f, 150.5f, 200.5f, 330.5f, 250.5f};
    render_points(t.r, xy, 3, 5.0f, (rgba){1, 0, 0, 1});
    const float g[2] = {280.5f, 70.5f};
    render_points(t.r, g, 1, 8.0f, (rgba){0, 1, 0, 0.5f});
    render_rect(t.r, 320, 240, 30, 30, (rgba){1, 1, 0, 1});
    render_end(t.r);
    CHECK(render_read_pixels(t.r, img, W, H), "read pixels");
    for (int i = 0; i < 2; i++) {
        const int cx = (int)xy[2 * i], cy = (int)xy[2 * i + 1];
        CHECK(rgb_near(px(img, cx, cy), 255, 0, 0, 2), "disc %d center red", i);
        CHECK(rgb_near(px(img, cx + 4, cy), 255, 0, 0, 2), "disc %d red 4 px right", i);
        CHECK(rgb_near(px(img, cx, cy - 4), 255, 0, 0, 2), "disc %d red 4 px up", i);
        CHECK(rgb_near(px(img, cx + 7, cy), 0, 0, 0, 2), "disc %d black 7 px right", i);
        CHECK(rgb_near(px(img, cx + 4, cy + 4), 0, 0, 0, 40), "disc %d corner outside", i);
    }
    /* nothing between the discs */
    int ink = 0;
    for (int x = 60; x < 140; x++)
        ink += !rgb_near(px(img, x, 130), 0, 0, 0, 2);
    CHECK(ink == 0, "ink between discs: %d px", ink);
    /* half green over blue: (0, 128, 128) */
    CHECK(rgb_near(px(img, 280, 70), 0, 128, 128, 3), "blended green over blue: %d %d %d",
          px(img, 280, 70)[0], px(img, 280, 70)[1], px(img, 280, 70)[2]);
    /* the yellow rect drawn after the points covers the third disc */
    CHECK(rgb_near(px(img, 330, 250), 255, 255, 0, 2), "call order: rect over points");

    /* three coincident half-transparent discs look like three blended
     * ones: 1 - 0.5^3 = 0.875 of red (223); a lone one: 0.5 (128) */
    const float stack[8] = {100.5f, 100.5f, 100.5f, 100.5f, 100.5f, 100.5f, 200.5f, 100.5f};
    render_begin(t.r, W, H, bg);
    render_points(t.r, stack, 4, 6.0f, (rgba){1, 0, 0, 0.5f});
    render_end(t.r);
    CHECK(render_read_pixels(t.r, img, W, H), "read pixels");
    CHECK(rgb_near(px(img, 100, 100), 223, 0, 0, 2), "stack of 3: %d", px(img, 100, 100)[0]);
    CHECK(rgb_near(px(img, 200, 100), 128, 0, 0, 2), "lone disc: %d", px(img, 200, 100)[0]);

    /* 10 000 points on a 100 x 100 lattice, radius 1: every lattice site
     * inked, the gaps between them not */
    static float many[2 * 10000];
    for (int j = 0; j < 100; j++)
        for (int i = 0; i < 100; i++) {
            many[2 * (j * 100 + i)] = 20.5f + 3.0f * i;
            many[2 * (j * 100 + i) + 1] = 0.5f + 3.0f * j;
        }
    render_begin(t.r, W, H, bg);
    render_points(t.r, many, 10000, 1.0f, (rgba){1, 1, 1, 1});
    render_end(t.r);
    CHECK(render_read_pixels(t.r, img, W, H), "read pixels");
    int hit = 0, gap_ink = 0;
    for (int j = 0; j < 100; j++)
        for (int i = 0; i < 100; i++) {
            const int x = 20 + 3 * i, y = 3 * j;
            hit += px(img, x, y)[0] > 200;
            if (y + 1 < H && x + 1 < W)
                gap_ink += px(img, x + 1, y + 1)[0] > 60;
        }
    CHECK(hit == 10000, "lattice sites inked: %d of 10000", hit);
    CHECK(gap_ink == 0, "ink between lattice sites: %d", gap_ink);

    /* a world point through a matrix: scale 0.5 and shift x by +0.5 (clip
     * space), so world (0, 0, 0) lands at pixel (300, 150) */
    const float m[16] = {0.5f, 0, 0, 0, 0, 0.5f, 0, 0, 0, 0, 0.5f, 0, 0.5f, 0, 0, 1};
    const float w3[6] = {0, 0, 0, -1.2f, 0.8f, 0}; /* the second: x = -0.1 -> px 180, y -> 90 */
    render_begin(t.r, W, H, bg);
    render_points3d(t.r, w3, 2, m, 4.0f, (rgba){0, 1, 1, 1});
    render_end(t.r);
    CHECK(render_read_pixels(t.r, img, W, H), "read pixels");
    CHECK(rgb_near(px(img, 300, 150), 0, 255, 255, 2), "3D point at (300, 150)");
    CHECK(rgb_near(px(img, 180, 90), 0, 255, 255, 2), "3D point at (180, 90)");
    CHECK(rgb_near(px(img, 240, 120), 0, 0, 0, 2), "nothing between the 3D points");

    free(img);
    test_gl_close(&t);
    if (failures)
        fprintf(stderr, "%d check(s) failed\n", failures);
    else
        printf("ok: render_points, render_points3d\n");
    return failures ? 1 : 0;
}
