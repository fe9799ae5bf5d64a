/*
 * window.h: the SDL window and its OpenGL 3.3 core context. Headless runs
 * (shot, bench, tests) use SDL's offscreen video driver (EGL), chosen before
 * SDL_Init unless SDL_VIDEODRIVER is already set.
 */
#ifndef OPTIVIZ_APP_WINDOW_H
#define OPTIVIZ_APP_WINDOW_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct window_params {
    const char *title;
    int width, height;  /* window size in screen coordinates */
    bool headless;      /* offscreen driver, hidden window */
    bool fullscreen;    /* desktop fullscreen */
    bool vsync;
} window_params;

typedef struct app_window {
    SDL_Window *sdl;
    SDL_GLContext gl;
    bool sdl_started;
    int windowed_w, windowed_h; /* the size before fullscreen, restored after it */
} app_window;

/* Initialises SDL video, opens the window and makes a GL 3.3 core context
 * current. On failure returns false with one line in err (everything
 * acquired so far is released). */
bool window_create(app_window *w, const window_params *p, char *err, size_t errlen);
void window_destroy(app_window *w);
/* Framebuffer size in pixels (larger than the window on HiDPI displays). */
void window_drawable_size(const app_window *w, int *fb_w, int *fb_h);
/* Window size in screen coordinates (mouse events use these). */
void window_size(const app_window *w, int *win_w, int *win_h);
void window_swap(app_window *w);
/* Switches between a window and desktop fullscreen (F11). Returns false
 * with SDL's reason in err when the system refuses. */
bool window_set_fullscreen(app_window *w, bool on, char *err, size_t errlen);
/* A UI scale for the display the window is on, from its DPI: 1 at 96 dpi
 * on a 1080-line display, larger where pixels are physically small (the
 * layout already grows with the window's height, so the height is divided
 * out); clamped to [0.75, 2]. 1 when the DPI is unknown (offscreen). */
float window_dpi_scale(const app_window *w);
/* GL loader for the renderer (SDL_GL_GetProcAddress). */
void *window_gl_proc(const char *name);

#endif
