/*
 * test_render_layer.c: the retained static layer (render_layer_begin/end)
 * gives the same pixels as drawing everything, headless (SDL offscreen
 * driver, EGL, Mesa llvmpipe). Each frame is a static part (curves, text,
 * discs, a panel, a clip, a saddle wireframe with a 3D trail) and a moving
 * part (3D polylines in front of and behind the surface, a marker, text)
 * drawn over it. Every frame drawn with a key (recorded or copied) is
 * compared byte for byte with the same calls drawn with key 0; a new key,
 * framebuffer size or background must re-record, the same ones must copy.
 * Exit 0 pass, 1 fail, 77 skip (renderer is not llvmpipe, or no GL at all).
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "optiviz_config.h"
#include "render/renderer.h"

#define W 640
#define H 480

#include "check.h"
#include "gl_setup.h"

/* out = a * b, column-major 4x4. */

enum { N = 101 };
static float heights[N * N];

typedef struct scene {
    int w, h;
    rgba bg;
    int variant; /* shifts the static content */
    bool wire;   /* static part has the wireframe (else it is 2D only) */
    float t;     /* where the moving part is */
} scene;

static const rgba white = {1, 1, 1, 1}, red = {1, 0, 0, 1}, green = {0, 0.85f, 0.2f, 1};
static const rgba wire_c = {0.35f, 0.6f, 1.0f, 1}, orange = {1.0f, 0.55f, 0.0f, 1};
static const rgba sky = {0.34f, 0.71f, 0.91f, 0.8f}, panel = {0.1f, 0.11f, 0.14f, 1};

/* The scene's wireframe box and view. */
static void scene_view(const scene *s, float vp[16])
{
    saddle_view(vp, (float)s->w, (float)s->h, s->w * 0.55f, s->h * 0.2f, s->w * 0.43f,
                s->h * 0.75f);
}

static void draw_static(renderer *r, const scene *s)
{
    const float dx = 7.0f * (float)s->variant;
    float curve[2 * 64];
    for (int k = 0; k < 64; k++) {
        float x = 20 + dx + k * (s->w * 0.45f / 63);
        curve[2 * k] = x;
        curve[2 * k + 1] = s->h * 0.5f + 60 * sinf(x * 0.03f);
    }
    /* A 256 x 256 opaque panel (a fill), clipped text, then the curves. */
    render_rect(r, 10, 10, 256, 256, panel);
    render_clip(r, 20, 20, 200, 40);
    render_text(r, "clipped label: f(x) = x·cos(πx)", 24 + dx, 24, 22, TEXT_LEFT, white);
    render_clip(r, 0, 0, 0, 0);
    render_polyline(r, curve, 64, 3.0f, sky);
    render_polyline(r, (const float[4]){20, s->h - 40.0f, s->w * 0.5f, s->h - 40.0f}, 2, 2.0f,
                    white);
    render_disc(r, 100 + dx, 330, 14, green, 2, white);
    render_text(r, "x", s->w * 0.25f, s->h - 34.0f, 18, TEXT_CENTER, white);
    if (s->wire) {
        float vp[16];
        scene_view(s, vp);
        render_wireframe(r, heights, N, N, -1, 1, -1, 1, 1, 7, vp, 1.0f, wire_c);
        float axis[6] = {-1, -1, 0, 1, -1, 0};
        render_polyline3d(r, axis, 2, vp, 2.0f, white);
    }
    /* Ends with a clip set: render_layer_end must leave none, whatever the path. */
    render_clip(r, 0, 0, s->w * 0.5f, s->h * 0.5f);
}

static void draw_moving(renderer *r, const scene *s)
{
    float vp[16];
    scene_view(s, vp);
    float front[3 * 41], behind[3 * 41];
    for (int k = 0; k <= 40; k++) {
        float x = -1 + 2.0f * k / 40, y = 0.6f * sinf(s->t + x);
        float z = x * x - y * y;
        front[3 * k] = behind[3 * k] = x;
        front[3 * k + 1] = behind[3 * k + 1] = y;
        front[3 * k + 2] = z + 0.05f;
        behind[3 * k + 2] = z - 0.3f;
    }
    render_polyline3d(r, front, 41, vp, 3.0f, orange);
    render_polyline3d(r, behind, 41, vp, 3.0f, red);
    const float m[3] = {front[60], front[61], front[62]};
    render_disc3d(r, m, vp, 6, orange, 1.5f, white);
    render_disc(r, 60 + 30 * s->t, 200, 9, red, 0, red);
    char num[32];
    snprintf(num, sizeof num, "loss %.4f", (double)s->t);
    render_text(r, num, 30, s->h - 80.0f, 20, TEXT_LEFT, white);
}

/* Leaves other depth and color in the window than any scene's, so that a
 * frame which failed to copy the layer's depth cannot pass on a leftover. */
static void scrub(renderer *r, const scene *s)
{
    float vp[16];
    scene_view(s, vp);
    render_begin(r, s->w, s->h, (rgba){0.5f, 0, 0.5f, 1});
    render_wireframe(r, heights, N, N, -1, 1, -1, 1, -1, 8, vp, 9.0f, white);
    render_end(r);
}

/* One frame of the scene with key; returns what render_layer_begin said
 * (true: the static part was drawn) and reads the frame into out. */
static bool frame(renderer *r, const scene *s, uint64_t key, uint8_t *out)
{
    scrub(r, s);
    render_begin(r, s->w, s->h, s->bg);
    bool drawn = render_layer_begin(r, key);
    if (drawn) {
        draw_static(r, s);
        render_layer_end(r);
    }
    draw_moving(r, s);
    render_end(r);
    if (!render_read_pixels(r, out, s->w, s->h)) {
        fprintf(stderr, "FAIL: render_read_pixels\n");
        exit(1);
    }
    return drawn;
}

/* Draws s with key, expects render_layer_begin to say want_drawn, and
 * compares the frame with the same scene drawn without the layer. */
static void check_frame(renderer *r, const scene *s, uint64_t key, bool want_drawn,
                        const char *what, uint8_t *img, uint8_t *ref)
{
    bool drawn = frame(r, s, key, img);
    CHECK(drawn == want_drawn, "%s: render_layer_begin returned %d, want %d", what, drawn,
          want_drawn);
    CHECK(frame(r, s, 0, ref), "%s: key 0 must draw the static part", what);
    size_t n = (size_t)s->w * (size_t)s->h * 4;
    size_t diff = 0, first = n;
    for (size_t i = 0; i < n; i++) {
        if (img[i] != ref[i]) {
            diff++;
            if (first == n)
                first = i;
        }
    }
    CHECK(diff == 0, "%s: %zu bytes differ from drawing without the layer (first at pixel %zu)",
          what, diff, first / 4);
}

/* Bytes that differ between two frames of w x h. */
static size_t count_diff(const uint8_t *a, const uint8_t *b, int w, int h)
{
    size_t d = 0;
    for (size_t i = 0; i < (size_t)w * (size_t)h * 4; i++)
        d += a[i] != b[i];
    return d;
}

int main(void)
{
    int rc = 77;
    uint8_t *img = NULL, *ref = NULL, *keep = NULL;
    test_gl gl;
    const int opened = test_gl_open(&gl, "test_render_layer", W, H);
    if (opened != 0)
        return opened;
    renderer *r = gl.r;
    fill_saddle(heights, N);
    img = malloc((size_t)W * H * 4);
    ref = malloc((size_t)W * H * 4);
    keep = malloc((size_t)W * H * 4);
    if (!img || !ref || !keep) {
        fprintf(stderr, "FAIL: out of memory\n");
        rc = 1;
        goto cleanup;
    }

    const rgba bg = {20 / 255.0f, 22 / 255.0f, 28 / 255.0f, 1};
    scene s = {.w = W, .h = H, .bg = bg, .wire = true, .t = 0.0f};

    /* Key 0, then a key three times (drawn straight, recorded, copied):
     * four equal frames. */
    bool drawn = frame(r, &s, 0, ref);
    CHECK(drawn, "key 0 must draw the static part");
    memcpy(keep, ref, (size_t)W * H * 4);
    CHECK(frame(r, &s, 11, img), "a new key must draw");
    CHECK(memcmp(img, keep, (size_t)W * H * 4) == 0, "first frame of a key differs from key 0");
    CHECK(frame(r, &s, 11, img), "a key seen twice must record");
    CHECK(memcmp(img, keep, (size_t)W * H * 4) == 0, "recorded frame differs from key 0");
    CHECK(!frame(r, &s, 11, img), "the same key must copy");
    CHECK(memcmp(img, keep, (size_t)W * H * 4) == 0, "copied frame differs from key 0");

    /* The moving part over a copied layer, depth-tested against the kept
     * wireframe: the trail behind the surface is hidden where lines are. */
    for (int k = 1; k <= 3; k++) {
        s.t = 0.4f * (float)k;
        check_frame(r, &s, 11, false, "moving part over the copy", img, ref);
    }
    CHECK(count_diff(img, keep, W, H) > 100, "the moving part did not move");

    /* A new key draws, re-records (here with shifted content), then copies. */
    s.variant = 1;
    check_frame(r, &s, 12, true, "new key", img, ref);
    check_frame(r, &s, 12, true, "new key, recorded", img, ref);
    check_frame(r, &s, 12, false, "new key, third frame", img, ref);
    CHECK(count_diff(img, keep, W, H) > 100, "the new key's content did not change the frame");

    /* Another framebuffer size re-records, and copies at that size. A frame
     * smaller than the window is not bit-identical on Mesa (the window's
     * viewport flip is taken about the window's height, the layer's about
     * its own; the app always draws the whole window), so here the copy is
     * compared with the recorded frame, and both with key 0 loosely. */
    scene small = s;
    small.w = 320;
    small.h = 240;
    CHECK(frame(r, &small, 12, keep), "smaller framebuffer must draw");
    CHECK(frame(r, &small, 12, img), "smaller framebuffer, second frame must record");
    CHECK(!frame(r, &small, 12, keep), "smaller framebuffer, third frame must copy");
    CHECK(count_diff(img, keep, small.w, small.h) == 0, "smaller framebuffer: copy differs");
    frame(r, &small, 0, ref);
    CHECK(count_diff(img, ref, small.w, small.h) < 400, "smaller framebuffer: %zu bytes differ",
          count_diff(img, ref, small.w, small.h));
    check_frame(r, &s, 12, true, "size back", img, ref);
    check_frame(r, &s, 12, true, "size back, recorded", img, ref);
    check_frame(r, &s, 12, false, "size back, third frame", img, ref);

    /* Another background re-records. */
    s.bg = (rgba){0.2f, 0.1f, 0.1f, 1};
    check_frame(r, &s, 12, true, "new background", img, ref);
    check_frame(r, &s, 12, true, "new background, recorded", img, ref);
    check_frame(r, &s, 12, false, "new background, third frame", img, ref);

    /* A 2D-only layer: the frame's depth is cleared lazily for the 3D
     * moving part after the copy. */
    s.wire = false;
    s.bg = bg;
    check_frame(r, &s, 13, true, "2D layer", img, ref);
    check_frame(r, &s, 13, true, "2D layer, recorded", img, ref);
    check_frame(r, &s, 13, false, "2D layer, third frame", img, ref);

    /* An empty layer is the background. */
    for (int k = 0; k < 2; k++) { /* drawn straight, then recorded */
        render_begin(r, W, H, bg);
        CHECK(render_layer_begin(r, 14), "empty layer must draw, then record");
        render_layer_end(r);
        render_end(r);
    }
    render_begin(r, W, H, bg);
    CHECK(!render_layer_begin(r, 14), "empty layer must copy");
    render_end(r);
    CHECK(render_read_pixels(r, img, W, H), "read empty");
    CHECK(img[0] == 20 && img[1] == 22 && img[2] == 28 &&
              memcmp(img, img + (size_t)(W * H / 2) * 4, 4) == 0,
          "empty layer is not the background: %d %d %d", img[0], img[1], img[2]);

    rc = failures ? 1 : 0;
    if (!failures)
        printf("PASS (%s)\n", renderer_name(r));

cleanup:
    free(img);
    free(ref);
    free(keep);
    test_gl_close(&gl);
    return rc;
}
