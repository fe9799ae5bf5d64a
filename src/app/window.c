/*
 * window.c: SDL video init, the window, the GL 3.3 core context, and the
 * swap. The only file that creates or destroys SDL windows.
 */
#include "app/window.h"
#include "app/i18n.h"
#include "app/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool window_create(app_window *w, const window_params *p, char *err, size_t errlen)
{
    memset(w, 0, sizeof *w);
    if (p->headless && !getenv("SDL_VIDEODRIVER"))
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    SDL_SetHint(SDL_HINT_VIDEO_HIGHDPI_DISABLED, "0");
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
        snprintf(err, errlen, _("cannot start SDL video: %s"), SDL_GetError());
        return false;
    }
    w->sdl_started = true;
    const char *driver = SDL_GetCurrentVideoDriver();
    if (!p->headless && driver &&
        (strcmp(driver, "offscreen") == 0 || strcmp(driver, "dummy") == 0)) {
        /* SDL falls back to an invisible driver when there is no display */
        snprintf(err, errlen,
                 "no display to open a window on (no X11 or Wayland display found, so SDL "
                 "fell back to its '%s' driver); set DISPLAY or WAYLAND_DISPLAY, or render "
                 "headless with 'optiviz shot'",
                 driver);
        goto fail;
    }
#ifdef __EMSCRIPTEN__
    /* The browser: OpenGL ES 3.0, which SDL's EGL asks WebGL2 for. */
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
#else
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
#endif
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 24);
    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI;
    if (p->headless)
        flags |= SDL_WINDOW_HIDDEN;
    else
        flags |= SDL_WINDOW_RESIZABLE;
    if (p->fullscreen)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    w->sdl = SDL_CreateWindow(p->title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, p->width,
                              p->height, flags);
    if (!w->sdl) {
        snprintf(err, errlen, _("cannot open a window: %s"), SDL_GetError());
        goto fail;
    }
    if (!p->headless)
        SDL_SetWindowMinimumSize(w->sdl, LAYOUT_MIN_W, LAYOUT_MIN_H);
    w->gl = SDL_GL_CreateContext(w->sdl);
    if (!w->gl) {
        snprintf(err, errlen, _("cannot create an OpenGL 3.3 core context: %s"), SDL_GetError());
        goto fail;
    }
    if (SDL_GL_MakeCurrent(w->sdl, w->gl) != 0) {
        snprintf(err, errlen, _("cannot make the OpenGL context current: %s"), SDL_GetError());
        goto fail;
    }
    SDL_GL_SetSwapInterval(p->vsync ? 1 : 0);
    return true;
fail:
    window_destroy(w);
    return false;
}

void window_destroy(app_window *w)
{
    if (w->gl)
        SDL_GL_DeleteContext(w->gl);
    if (w->sdl)
        SDL_DestroyWindow(w->sdl);
    if (w->sdl_started)
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
    memset(w, 0, sizeof *w);
}

void window_drawable_size(const app_window *w, int *fb_w, int *fb_h)
{
    SDL_GL_GetDrawableSize(w->sdl, fb_w, fb_h);
}

void window_size(const app_window *w, int *win_w, int *win_h)
{
    SDL_GetWindowSize(w->sdl, win_w, win_h);
}

void window_swap(app_window *w)
{
    SDL_GL_SwapWindow(w->sdl);
}

void *window_gl_proc(const char *name)
{
    return SDL_GL_GetProcAddress(name);
}

bool window_set_fullscreen(app_window *w, bool on, char *err, size_t errlen)
{
    if (w->sdl && on)
        SDL_GetWindowSize(w->sdl, &w->windowed_w, &w->windowed_h);
    if (!w->sdl || SDL_SetWindowFullscreen(w->sdl, on ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0) != 0) {
        snprintf(err, errlen, _("fullscreen: %s"), w->sdl ? SDL_GetError() : "no window");
        return false;
    }
    /* back to the size it had, said outright: without a window manager
     * nobody else restores it, and SDL would keep the fullscreen size */
    if (!on && w->windowed_w > 0 && w->windowed_h > 0)
        SDL_SetWindowSize(w->sdl, w->windowed_w, w->windowed_h);
    return true;
}

float window_dpi_scale(const app_window *w)
{
#ifdef __EMSCRIPTEN__
    /* In the browser the "display" SDL reports is the page: its height is
     * the window's, and devicePixelRatio already sizes the framebuffer, which
     * the layout scales with; a further DPI factor would enlarge twice. */
    (void)w;
    return 1.0f;
#else
    float ddpi = 0.0f;
    SDL_Rect bounds;
    const int display = w->sdl ? SDL_GetWindowDisplayIndex(w->sdl) : -1;
    if (display < 0 || SDL_GetDisplayDPI(display, &ddpi, NULL, NULL) != 0 || !(ddpi > 0.0f) ||
        SDL_GetDisplayBounds(display, &bounds) != 0 || bounds.h <= 0)
        return 1.0f;
    const float s = (ddpi / 96.0f) / ((float)bounds.h / 1080.0f);
    return s < 0.75f ? 0.75f : s > 2.0f ? 2.0f : s;
#endif
}
