/*
 * loop.c: the window's driver loop. Frames come back to back while
 * something moves; when a frame changed nothing the loop waits for the next
 * event or for app_wait_ms, whichever is first.
 */
#include "app/loop.h"

void app_loop(app *a, double seconds)
{
    const bool vsync = SDL_GL_GetSwapInterval() != 0;
    const uint64_t freq = SDL_GetPerformanceFrequency();
    const uint64_t start = SDL_GetPerformanceCounter();
    const uint64_t span = seconds > 0.0 ? (uint64_t)(seconds * (double)freq) : 0;
    for (;;) {
        const uint64_t t0 = SDL_GetPerformanceCounter();
        if (span && t0 - start >= span)
            break;
        const long drawn = a->frames_drawn;
        if (!app_frame(a))
            break;
        const uint64_t t1 = SDL_GetPerformanceCounter();
        if (a->frames_drawn != drawn) {
            /* without vsync (no vsync on this display) frames are capped
             * at about 60 per second */
            const double ms = (double)(t1 - t0) * 1000.0 / (double)freq;
            if (!vsync && ms < 16.0)
                SDL_Delay((Uint32)(16.0 - ms));
            continue;
        }
        uint32_t wait = app_wait_ms(a);
        if (span) {
            const double left_ms = (double)(span - (t1 - start)) * 1000.0 / (double)freq;
            if (left_ms < (double)wait)
                wait = left_ms > 1.0 ? (uint32_t)left_ms : 1;
        }
        /* NULL: the event stays queued for the next app_frame */
        SDL_WaitEventTimeout(NULL, wait > 0 ? (int)wait : 1);
    }
}
