/*
 * gl_setup.h: a hidden SDL window with a GL 3.3 core context and a
 * renderer, for the render-layer tests (offscreen driver, llvmpipe).
 */
#ifndef OPTIVIZ_TESTS_GL_SETUP_H
#define OPTIVIZ_TESTS_GL_SETUP_H

#include "optiviz_config.h"
#include "render/renderer.h"

#include <SDL.h>
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

#endif
