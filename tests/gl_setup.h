/*
 * gl_setup.h: a hidden SDL window with a GL 3.3 core context and a
 * renderer, for the render-layer tests (offscreen driver, llvmpipe).
 */
#ifndef OPTIVIZ_TESTS_GL_SETUP_H
#define OPTIVIZ_TESTS_GL_SETUP_H

#include "optiviz_config.h"
#include "render/renderer.h"

#include <SDL.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct test_gl {
    SDL_Window *win;
    SDL_GLContext ctx;
    renderer *r;
} test_gl;

static void test_gl_close(test_gl *t)
{
    renderer_free(t->r);
    if (t->ctx)
        SDL_GL_DeleteContext(t->ctx);
    if (t->win)
        SDL_DestroyWindow(t->win);
    SDL_Quit();
    memset(t, 0, sizeof *t);
}

/* Opens a w x h hidden window and a renderer. Returns 0 when ready, 77
 * (meson's "skipped") without GL 3.3 or when the renderer is not
 * llvmpipe, whose pixels the tests know, and 1 on a failure of ours. */
static int test_gl_open(test_gl *t, const char *title, int w, int h)
{
    memset(t, 0, sizeof *t);
    setenv("SDL_VIDEODRIVER", "offscreen", 0);
    setenv("LIBGL_ALWAYS_SOFTWARE", "1", 0);
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        printf("SKIP: SDL_Init: %s\n", SDL_GetError());
        return 77;
    }
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 24);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    t->win = SDL_CreateWindow(title, 0, 0, w, h, SDL_WINDOW_OPENGL | SDL_WINDOW_HIDDEN);
    t->ctx = t->win ? SDL_GL_CreateContext(t->win) : NULL;
    if (!t->ctx) {
        printf("SKIP: no GL 3.3 core context: %s\n", SDL_GetError());
        test_gl_close(t);
        return 77;
    }
    char err[512];
    t->r = renderer_create(&(renderer_params){.load = SDL_GL_GetProcAddress,
                                              .font_path = OPTIVIZ_FONT_PATH},
                           err, sizeof err);
    if (!t->r) {
        fprintf(stderr, "FAIL: renderer_create: %s\n", err);
        test_gl_close(t);
        return 1;
    }
    if (!strstr(renderer_name(t->r), "llvmpipe")) {
        printf("SKIP: renderer is \"%s\", not llvmpipe\n", renderer_name(t->r));
        test_gl_close(t);
        return 77;
    }
    return 0;
}

/* heights[j*n + i] = x^2 - y^2 on an n x n grid over [-1, 1]^2. */
static void fill_saddle(float *heights, int n)
{
    for (int j = 0; j < n; j++)
        for (int i = 0; i < n; i++) {
            const float x = -1 + 2.0f * i / (n - 1), y = -1 + 2.0f * j / (n - 1);
            heights[j * n + i] = x * x - y * y;
        }
}

/* Column-major 4x4 product out = a * b. */
static void mat_mul(const float a[16], const float b[16], float out[16])
{
    float t[16];
    for (int c = 0; c < 4; c++)
        for (int r = 0; r < 4; r++) {
            float s = 0.0f;
            for (int k = 0; k < 4; k++)
                s += a[k * 4 + r] * b[c * 4 + k];
            t[c * 4 + r] = s;
        }
    memcpy(out, t, sizeof t);
}

/* Perspective camera looking at the origin from eye, z up, drawn into the
 * pixel box (bx, by, bw, bh) of a fb_w x fb_h framebuffer. */
static void saddle_view(float out[16], float fb_w, float fb_h, float bx, float by, float bw,
                        float bh)
{
    const float eye[3] = {3.6f, -4.6f, 3.3f};
    float f[3] = {-eye[0], -eye[1], -eye[2]};
    float fl = sqrtf(f[0] * f[0] + f[1] * f[1] + f[2] * f[2]);
    for (int i = 0; i < 3; i++)
        f[i] /= fl;
    const float up[3] = {0, 0, 1};
    float s[3] = {f[1] * up[2] - f[2] * up[1], f[2] * up[0] - f[0] * up[2],
                  f[0] * up[1] - f[1] * up[0]};
    float sl = sqrtf(s[0] * s[0] + s[1] * s[1] + s[2] * s[2]);
    for (int i = 0; i < 3; i++)
        s[i] /= sl;
    float u[3] = {s[1] * f[2] - s[2] * f[1], s[2] * f[0] - s[0] * f[2], s[0] * f[1] - s[1] * f[0]};
    float view[16] = {s[0], u[0], -f[0], 0, s[1], u[1], -f[1], 0, s[2], u[2], -f[2], 0,
                      -(s[0] * eye[0] + s[1] * eye[1] + s[2] * eye[2]),
                      -(u[0] * eye[0] + u[1] * eye[1] + u[2] * eye[2]),
                      (f[0] * eye[0] + f[1] * eye[1] + f[2] * eye[2]), 1};
    float fovy = 0.62f, n = 0.1f, fa = 50.0f, aspect = bw / bh;
    float t = 1.0f / tanf(fovy / 2);
    float proj[16] = {t / aspect, 0, 0, 0, 0, t, 0, 0, 0, 0, (fa + n) / (n - fa), -1,
                      0, 0, 2 * fa * n / (n - fa), 0};
    float sx = bw / fb_w, sy = bh / fb_h;
    float tx = (bx + bw / 2) / fb_w * 2 - 1, ty = 1 - (by + bh / 2) / fb_h * 2;
    float box[16] = {sx, 0, 0, 0, 0, sy, 0, 0, 0, 0, 1, 0, tx, ty, 0, 1};
    float pv[16];
    mat_mul(proj, view, pv);
    mat_mul(box, pv, out);
}

#endif
