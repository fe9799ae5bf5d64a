/*
 * test_render_views.c: the filled views of a height field, headless (SDL
 * offscreen driver, EGL, Mesa llvmpipe), on the saddle f = x^2 - y^2 over
 * [-1, 1]^2 (101 x 101), colored from z_lo = -1 to z_hi = 1:
 *   render_contour: viridis colors where f is -1, -0.5, 0, 0.5, 1 (checked
 *   against matplotlib's own table, not the shader's), j running bottom to
 *   top and i left to right (an asymmetric field), isolines (step 0.5, 2 px)
 *   exactly where |f - level| / |grad f| (in pixels) says and nowhere else,
 *   2 px wide across;
 *   render_surface + render_wireframe: the surface fills its region with
 *   viridis at the right heights, a 3D trail just above it is drawn and
 *   one under it is hidden;
 *   and the whole scene drawn into the static layer (render_layer_begin,
 *   recorded and copied) is byte-identical to drawing it directly.
 * Exit 0 pass, 1 fail, 77 skip (renderer is not llvmpipe, or no GL at all).
 * With a directory argument, also writes views_fill.png, views_lines.png and
 * views_surface.png there (SDL2_image).
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

#define W 800
#define H 480

#include "check.h"
#include "gl_setup.h"

enum { N = 101, NO = 21 };
static float saddle[N * N]; /* x^2 - y^2 */
static float tilt[NO * NO]; /* (x + 2 y) / 3: tells top from bottom, left from right */

/* The contour rectangles (x, y, w, h, pixels) and the surface's box. */
static const float SADDLE_RECT[4] = {20, 40, 360, 360};
static const float TILT_RECT[4] = {400, 40, 120, 120};
static const float SURF_BOX[4] = {530, 20, 260, 440};

static const rgba white = {1, 1, 1, 1}, orange = {1.0f, 0.55f, 0.0f, 1};
static const rgba red = {1, 0, 0, 1}, wire_c = {0.1f, 0.1f, 0.12f, 1};

/* matplotlib's viridis (lib/matplotlib/_cm_listed.py), rows 0, 16, ...,
 * 240 and 255 of its 256: exact at those rows, within 6/255 between. */
static const float MPL_VIRIDIS[17][3] = {
    {0.267004f, 0.004874f, 0.329415f}, {0.282327f, 0.094955f, 0.417331f},
    {0.278826f, 0.175490f, 0.483397f}, {0.258965f, 0.251537f, 0.524736f},
    {0.229739f, 0.322361f, 0.545706f}, {0.199430f, 0.387607f, 0.554642f},
    {0.172719f, 0.448791f, 0.557885f}, {0.149039f, 0.508051f, 0.557250f},
    {0.127568f, 0.566949f, 0.550556f}, {0.120638f, 0.625828f, 0.533488f},
    {0.157851f, 0.683765f, 0.501686f}, {0.246070f, 0.738910f, 0.452024f},
    {0.369214f, 0.788888f, 0.382914f}, {0.515992f, 0.831158f, 0.294279f},
    {0.678489f, 0.863742f, 0.189503f}, {0.845561f, 0.887322f, 0.099702f},
    {0.993248f, 0.906157f, 0.143936f},
};

/* matplotlib's viridis at t in [0, 1], RGB 0..255. */
static void ref_viridis(double t, double out[3])
{
    double row = (t < 0 ? 0 : t > 1 ? 1 : t) * 255.0;
    int k = row >= 240.0 ? 15 : (int)(row / 16.0);
    double lo = 16.0 * k, hi = k == 15 ? 255.0 : lo + 16.0;
    double f = (row - lo) / (hi - lo);
    for (int c = 0; c < 3; c++)
        out[c] = 255.0 * (MPL_VIRIDIS[k][c] + f * (MPL_VIRIDIS[k + 1][c] - MPL_VIRIDIS[k][c]));
}

static const uint8_t *px(const uint8_t *img, int x, int y)
{
    return img + ((size_t)y * W + (size_t)x) * 4;
}

/* Largest channel difference between pixel p and color c (0..255). */
static double color_err(const uint8_t *p, const double c[3])
{
    double e = 0;
    for (int k = 0; k < 3; k++)
        e = fmax(e, fabs(p[k] - c[k]));
    return e;
}

/* Distance (max channel) from p to the nearest viridis color. */
static double viridis_dist(const uint8_t *p)
{
    double best = 1e9;
    for (int i = 0; i <= 255; i++) {
        double c[3];
        ref_viridis(i / 255.0, c);
        best = fmin(best, color_err(p, c));
    }
    return best;
}

/* The pixel containing the grid point (gx, gy) of [-1, 1]^2 in rect. */
static void rect_pixel(const float rect[4], double gx, double gy, int *x, int *y)
{
    *x = (int)floor(rect[0] + (gx + 1) / 2 * rect[2]);
    *y = (int)floor(rect[1] + (1 - gy) / 2 * rect[3]);
}

/* World point of the rect at the center of pixel (x, y). */
static void pixel_grid(const float rect[4], int x, int y, double *gx, double *gy)
{
    *gx = ((x + 0.5) - rect[0]) / rect[2] * 2 - 1;
    *gy = 1 - ((y + 0.5) - rect[1]) / rect[3] * 2;
}

/* Window pixel of world point p under vp. */
static void project(const float vp[16], const float p[3], int *x, int *y)
{
    float c[4];
    for (int k = 0; k < 4; k++)
        c[k] = vp[k] * p[0] + vp[4 + k] * p[1] + vp[8 + k] * p[2] + vp[12 + k];
    *x = (int)floor((c[0] / c[3] * 0.5f + 0.5f) * W);
    *y = (int)floor((0.5f - c[1] / c[3] * 0.5f) * H);
}

static bool save_png(const uint8_t *img, const char *dir, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormatFrom((void *)img, W, H, 32, W * 4,
                                                        SDL_PIXELFORMAT_ABGR8888);
    bool ok = s && IMG_SavePNG(s, path) == 0;
    if (!ok)
        fprintf(stderr, "warning: cannot write %s: %s\n", path, IMG_GetError());
    SDL_FreeSurface(s);
    return ok;
}

typedef struct scene {
    bool contour;    /* the two contour plots */
    bool lines;      /* their isolines (step 0.5, 2 px, white) */
    bool surface;    /* the saddle's surface */
    bool wire;       /* the wireframe over it */
    float opacity;   /* of the surface */
    bool trails;     /* 3D trails above and under the surface (the moving part) */
} scene;

static void surface_view(float vp[16])
{
    saddle_view(vp, W, H, SURF_BOX[0], SURF_BOX[1], SURF_BOX[2], SURF_BOX[3]);
}

static void draw_static(renderer *r, const scene *s)
{
    if (s->contour) {
        const float *q = SADDLE_RECT;
        render_contour(r, saddle, N, N, 1, q[0], q[1], q[2], q[3], -1, 1, 0.5f,
                       s->lines ? 2.0f : 0.0f, white);
        q = TILT_RECT;
        render_contour(r, tilt, NO, NO, 2, q[0], q[1], q[2], q[3], -1, 1, 0.25f,
                       s->lines ? 1.5f : 0.0f, white);
    }
    float vp[16];
    surface_view(vp);
    if (s->surface)
        render_surface(r, saddle, N, N, -1, 1, -1, 1, 1, 1, vp, -1, 1, s->opacity);
    if (s->wire)
        render_wireframe(r, saddle, N, N, -1, 1, -1, 1, 1, 1, vp, 1.0f, wire_c);
}

/* Trails along y = 0: orange 0.05 above the surface, red 0.3 under it
 * for x in [-0.8, 0.3], where the sheet lies between it and the camera
 * (further along +x it can be seen from the side, under the sheet's edge). */
static void draw_moving(renderer *r, const scene *s)
{
    if (!s->trails)
        return;
    float vp[16];
    surface_view(vp);
    float above[3 * 41], under[3 * 41];
    for (int k = 0; k <= 40; k++) {
        float x = -1 + 2.0f * k / 40, xu = -0.8f + 1.1f * k / 40;
        above[3 * k] = x;
        under[3 * k] = xu;
        above[3 * k + 1] = under[3 * k + 1] = 0;
        above[3 * k + 2] = x * x + 0.05f;
        under[3 * k + 2] = xu * xu - 0.3f;
    }
    render_polyline3d(r, above, 41, vp, 3.0f, orange);
    render_polyline3d(r, under, 41, vp, 3.0f, red);
}

static void read_frame(renderer *r, uint8_t *out)
{
    if (!render_read_pixels(r, out, W, H)) {
        fprintf(stderr, "FAIL: render_read_pixels\n");
        exit(1);
    }
}

/* One frame: static part through the layer under key (0: directly), then
 * the moving part. Returns what render_layer_begin said. */
static bool frame(renderer *r, const scene *s, uint64_t key, uint8_t *out)
{
    /* Leave other color and depth behind, so nothing passes on a leftover. */
    float vp[16];
    surface_view(vp);
    render_begin(r, W, H, (rgba){0.5f, 0, 0.5f, 1});
    render_rect(r, 0, 0, W, H, (rgba){0, 0.4f, 0, 1});
    render_surface(r, saddle, N, N, -1, 1, -1, 1, -1, 1, vp, 1, -1, 1);
    render_end(r);
    render_begin(r, W, H, (rgba){20 / 255.0f, 22 / 255.0f, 28 / 255.0f, 1});
    bool drawn = render_layer_begin(r, key);
    if (drawn) {
        draw_static(r, s);
        render_layer_end(r);
    }
    draw_moving(r, s);
    render_end(r);
    read_frame(r, out);
    return drawn;
}

static void check_fill(const uint8_t *img)
{
    /* Where f = x^2 - y^2 is 0, +-0.5, +-1 (t = 0.5, 0.75 / 0.25, 1 / 0). */
    static const struct {
        double x, y, f;
    } pts[] = {
        {0, 0, 0},           {0.70710678, 0, 0.5}, {-0.70710678, 0, 0.5},
        {0, 0.70710678, -0.5}, {0, -0.70710678, -0.5}, {0.999, 0, 1},
        {-0.999, 0, 1},      {0, 0.999, -1},       {0, -0.999, -1},
    };
    for (size_t k = 0; k < sizeof pts / sizeof pts[0]; k++) {
        int x, y;
        rect_pixel(SADDLE_RECT, pts[k].x, pts[k].y, &x, &y);
        double gx, gy, want[3];
        pixel_grid(SADDLE_RECT, x, y, &gx, &gy);
        ref_viridis((gx * gx - gy * gy + 1) / 2, want);
        const uint8_t *p = px(img, x, y);
        CHECK(color_err(p, want) <= 4.0,
              "contour at (%.2f, %.2f), f %.2f, pixel (%d, %d): %d %d %d, want %.0f %.0f %.0f",
              pts[k].x, pts[k].y, pts[k].f, x, y, p[0], p[1], p[2], want[0], want[1], want[2]);
    }
    /* Every pixel of the rect is viridis of f at its center (bilinear
     * interpolation of x^2 - y^2 on a 0.02 grid is off by <= 1e-4). */
    int bad = 0;
    double worst = 0;
    for (int y = (int)SADDLE_RECT[1]; y < (int)(SADDLE_RECT[1] + SADDLE_RECT[3]); y++)
        for (int x = (int)SADDLE_RECT[0]; x < (int)(SADDLE_RECT[0] + SADDLE_RECT[2]); x++) {
            double gx, gy, want[3];
            pixel_grid(SADDLE_RECT, x, y, &gx, &gy);
            ref_viridis((gx * gx - gy * gy + 1) / 2, want);
            double e = color_err(px(img, x, y), want);
            worst = fmax(worst, e);
            bad += e > 7.0; /* 2 from the shader's table, 6 from ref_viridis's */
        }
    CHECK(bad == 0, "%d contour pixels off viridis(f) by > 7 (worst %.1f)", bad, worst);
    printf("contour fill: worst channel error vs matplotlib %.1f / 255\n", worst);
    /* Outside the rect: background. */
    CHECK(px(img, (int)SADDLE_RECT[0] - 1, 200)[0] == 20 &&
              px(img, (int)(SADDLE_RECT[0] + SADDLE_RECT[2]), 200)[0] == 20 &&
              px(img, 200, (int)SADDLE_RECT[1] - 1)[0] == 20 &&
              px(img, 200, (int)(SADDLE_RECT[1] + SADDLE_RECT[3]))[0] == 20,
          "contour spills out of its rectangle");

    /* Orientation: (x + 2y) / 3 is 1 top right, -1 bottom left, 1/3 top
     * left, -1/3 bottom right (j from the bottom, i from the left). */
    const float *t = TILT_RECT;
    int x0 = (int)t[0] + 1, x1 = (int)(t[0] + t[2]) - 2;
    int y0 = (int)t[1] + 1, y1 = (int)(t[1] + t[3]) - 2;
    const uint8_t *tr = px(img, x1, y0), *bl = px(img, x0, y1);
    const uint8_t *tl = px(img, x0, y0), *br = px(img, x1, y1);
    CHECK(tr[0] > 220 && tr[1] > 200 && tr[2] < 80, "tilt top right not yellow: %d %d %d", tr[0],
          tr[1], tr[2]);
    CHECK(bl[0] < 90 && bl[1] < 30 && bl[2] > 60, "tilt bottom left not purple: %d %d %d", bl[0],
          bl[1], bl[2]);
    double want_tl[3], want_br[3];
    ref_viridis(2.0 / 3.0, want_tl);
    ref_viridis(1.0 / 3.0, want_br);
    CHECK(color_err(tl, want_tl) < 12 && color_err(br, want_br) < 12,
          "tilt top left %d %d %d (want ~%.0f %.0f %.0f), bottom right %d %d %d (want ~%.0f %.0f "
          "%.0f)",
          tl[0], tl[1], tl[2], want_tl[0], want_tl[1], want_tl[2], br[0], br[1], br[2], want_br[0],
          want_br[1], want_br[2]);
    /* And for the saddle, purple at both top and bottom (y = +-0.9). */
    int x, yt, yb;
    rect_pixel(SADDLE_RECT, 0, 0.9, &x, &yt);
    rect_pixel(SADDLE_RECT, 0, -0.9, &x, &yb);
    CHECK(px(img, x, yt)[1] < 60 && px(img, x, yb)[1] < 60, "saddle not purple at y = +-0.9");
}

/* Pixels of the isoline frame against the fill frame: a pixel changes only
 * within 1.5 px (+ rounding) of a level and is white within 0.3 px. */
static void check_lines(const uint8_t *lines, const uint8_t *fill)
{
    const double step = 0.5, half = 1.0;
    const double upp = 2.0 / SADDLE_RECT[2]; /* world units per pixel */
    int stray = 0, missing = 0, on = 0;
    for (int y = (int)SADDLE_RECT[1]; y < (int)(SADDLE_RECT[1] + SADDLE_RECT[3]); y++)
        for (int x = (int)SADDLE_RECT[0]; x < (int)(SADDLE_RECT[0] + SADDLE_RECT[2]); x++) {
            double gx, gy;
            pixel_grid(SADDLE_RECT, x, y, &gx, &gy);
            double f = gx * gx - gy * gy;
            double g = 2 * hypot(gx, gy) * upp; /* |grad f|, height per pixel */
            double d = fabs(f - step * floor(f / step + 0.5)) / fmax(g, 1e-12);
            const uint8_t *p = px(lines, x, y), *q = px(fill, x, y);
            bool changed = memcmp(p, q, 3) != 0;
            if (changed && d > half + 0.5 + 0.05)
                stray++;
            if (d < half - 0.7) {
                on++;
                if (!(p[0] >= 250 && p[1] >= 250 && p[2] >= 250))
                    missing++;
            }
        }
    CHECK(on > 1000, "too few isoline pixels expected: %d", on);
    CHECK(stray == 0, "%d pixels changed away from the isolines", stray);
    CHECK(missing == 0, "%d pixels on an isoline are not white", missing);

    /* Across the level f = 0.5 at y = 0 (x = sqrt 0.5), |grad f| runs along
     * x: the coverage summed along the row is the width, 2 px. */
    int cx, cy;
    rect_pixel(SADDLE_RECT, sqrt(0.5), 0, &cx, &cy);
    double width = 0;
    for (int x = cx - 5; x <= cx + 5; x++) {
        const uint8_t *p = px(lines, x, cy), *q = px(fill, x, cy);
        width += (p[1] - q[1]) / (255.0 - q[1]);
    }
    CHECK(fabs(width - 2.0) < 0.15, "isoline f = 0.5 is %.2f px wide across, want 2", width);
    CHECK(px(lines, cx, cy)[0] >= 250, "no white at the level 0.5 on y = 0: %d %d %d",
          px(lines, cx, cy)[0], px(lines, cx, cy)[1], px(lines, cx, cy)[2]);
    printf("isoline f = 0.5: %.3f px wide (want 2)\n", width);
}

static void check_surface(const uint8_t *surf, const uint8_t *full, const uint8_t *bare)
{
    float vp[16];
    surface_view(vp);
    /* Surface only: viridis of f at projected points. */
    static const float pts[][2] = {{0.5f, 0.5f}, {0.75f, 0.25f}, {-0.5f, -0.5f},
                                   {0.25f, -0.75f}, {0.6f, -0.2f}, {-0.3f, 0.1f}};
    for (size_t k = 0; k < sizeof pts / sizeof pts[0]; k++) {
        float w[3] = {pts[k][0], pts[k][1], pts[k][0] * pts[k][0] - pts[k][1] * pts[k][1]};
        int x, y;
        project(vp, w, &x, &y);
        double want[3];
        ref_viridis((w[2] + 1) / 2, want);
        const uint8_t *p = px(surf, x, y);
        CHECK(color_err(p, want) <= 8.0,
              "surface at (%.2f, %.2f), f %.3f, pixel (%d, %d): %d %d %d, want %.0f %.0f %.0f",
              (double)w[0], (double)w[1], (double)w[2], x, y, p[0], p[1], p[2], want[0], want[1],
              want[2]);
    }
    /* The box: the surface covers a good part of it, all in viridis. */
    int filled = 0, off = 0;
    for (int y = (int)SURF_BOX[1]; y < (int)(SURF_BOX[1] + SURF_BOX[3]); y++)
        for (int x = (int)SURF_BOX[0]; x < (int)(SURF_BOX[0] + SURF_BOX[2]); x++) {
            const uint8_t *p = px(surf, x, y);
            if (p[0] == 20 && p[1] == 22 && p[2] == 28)
                continue;
            filled++;
            /* edge pixels are partly covered (blended with the background) */
            off += viridis_dist(p) > 8.0 && viridis_dist(px(surf, x - 1, y)) <= 8.0 &&
                   viridis_dist(px(surf, x + 1, y)) <= 8.0;
        }
    CHECK(filled > 20000, "surface fills only %d pixels", filled);
    CHECK(off == 0, "%d surface pixels (inside) are not viridis", off);

    /* With the wireframe and trails: the orange one above shows, the red
     * one under the surface does not. */
    int orange_px = 0, red_px = 0, dark = 0;
    for (int y = (int)SURF_BOX[1]; y < (int)(SURF_BOX[1] + SURF_BOX[3]); y++)
        for (int x = (int)SURF_BOX[0]; x < (int)(SURF_BOX[0] + SURF_BOX[2]); x++) {
            const uint8_t *p = px(full, x, y);
            orange_px += p[0] > 230 && p[1] > 110 && p[1] < 170 && p[2] < 40;
            red_px += p[0] > 150 && p[1] < 80 && p[2] < 80;
            dark += p[0] < 40 && p[1] < 40 && p[2] < 45 && !(p[0] == 20 && p[1] == 22);
        }
    CHECK(orange_px > 150, "trail above the surface: %d orange pixels", orange_px);
    CHECK(red_px == 0, "trail under the surface shows: %d red pixels", red_px);
    int bare_red = 0;
    for (int y = (int)SURF_BOX[1]; y < (int)(SURF_BOX[1] + SURF_BOX[3]); y++)
        for (int x = (int)SURF_BOX[0]; x < (int)(SURF_BOX[0] + SURF_BOX[2]); x++) {
            const uint8_t *p = px(bare, x, y);
            bare_red += p[0] > 150 && p[1] < 80 && p[2] < 80;
        }
    CHECK(bare_red > 150, "the trail under the surface, drawn alone: %d red pixels", bare_red);
    CHECK(dark > 2000, "wireframe over the surface: %d dark pixels", dark);
}

/* Bytes that differ between two frames. */
static size_t count_diff(const uint8_t *a, const uint8_t *b)
{
    size_t d = 0;
    for (size_t i = 0; i < (size_t)W * H * 4; i++)
        d += a[i] != b[i];
    return d;
}

int main(int argc, char **argv)
{
    int rc = 77;
    uint8_t *fill = NULL, *lines = NULL, *surf = NULL, *full = NULL, *img = NULL;
    test_gl gl;
    const int opened = test_gl_open(&gl, "test_render_views", W, H);
    if (opened != 0)
        return opened;
    renderer *r = gl.r;
    fill_saddle(saddle, N);
    for (int j = 0; j < NO; j++)
        for (int i = 0; i < NO; i++) {
            float x = -1 + 2.0f * i / (NO - 1), y = -1 + 2.0f * j / (NO - 1);
            tilt[j * NO + i] = (x + 2 * y) / 3;
        }
    size_t bytes = (size_t)W * H * 4;
    fill = malloc(bytes);
    lines = malloc(bytes);
    surf = malloc(bytes);
    full = malloc(bytes);
    img = malloc(bytes);
    if (!fill || !lines || !surf || !full || !img) {
        fprintf(stderr, "FAIL: out of memory\n");
        rc = 1;
        goto cleanup;
    }

    const scene s_fill = {.contour = true};
    const scene s_lines = {.contour = true, .lines = true};
    const scene s_surf = {.surface = true, .opacity = 1};
    const scene s_full = {.contour = true, .lines = true, .surface = true, .wire = true,
                          .opacity = 1, .trails = true};
    const scene s_bare = {.trails = true};
    frame(r, &s_fill, 0, fill);
    frame(r, &s_lines, 0, lines);
    frame(r, &s_surf, 0, surf);
    frame(r, &s_full, 0, full);
    frame(r, &s_bare, 0, img);
    if (argc > 1) {
        save_png(fill, argv[1], "views_fill.png");
        save_png(lines, argv[1], "views_lines.png");
        save_png(full, argv[1], "views_surface.png");
    }
    check_fill(fill);
    check_lines(lines, fill);
    check_surface(surf, full, img);

    /* The static layer: drawn, recorded, then copied, byte-identical to direct
     * drawing, also with a see-through surface. */
    static const scene layered[] = {
        {.contour = true, .lines = true, .surface = true, .wire = true, .opacity = 1,
         .trails = true},
        {.contour = true, .lines = true, .surface = true, .wire = true, .opacity = 0.6f,
         .trails = true},
    };
    for (int k = 0; k < 2; k++) {
        const scene *s = &layered[k];
        uint64_t key = 100 + (uint64_t)k;
        frame(r, s, 0, full);
        CHECK(frame(r, s, key, img), "scene %d: a new key must draw", k);
        CHECK(frame(r, s, key, img), "scene %d: a key seen twice must record", k);
        size_t d = count_diff(img, full);
        CHECK(d == 0, "scene %d: recorded layer differs from direct drawing in %zu bytes", k, d);
        CHECK(!frame(r, s, key, img), "scene %d: the same key must copy", k);
        d = count_diff(img, full);
        CHECK(d == 0, "scene %d: copied layer differs from direct drawing in %zu bytes", k, d);
    }

    rc = failures ? 1 : 0;
    if (!failures)
        printf("PASS (%s)\n", renderer_name(r));

cleanup:
    free(fill);
    free(lines);
    free(surf);
    free(full);
    free(img);
    test_gl_close(&gl);
    return rc;
}
