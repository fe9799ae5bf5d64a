/*
 * loop.c: the desktop's driver loop. Frames come back to back while
 * something moves (paced by vsync, or to about 60 a second without); after
 * a frame that changed nothing the loop waits in SDL_WaitEventTimeout for
 * the next event or for app_wait_ms, whichever comes first.
 */
#include "app/loop.h"

void app_loop(app *a, double seconds)
{
    const bool vsync = SDL_GL_GetSwapInterval() != 0;
    const platform *pf = a->plat;
    const double start = pf->clock();
    double last = start;
    for (;;) {
        const double t0 = pf->clock();
        if (seconds > 0.0 && t0 - start >= seconds)
            break;
        const long drawn = a->frames_drawn;
        if (!app_frame(a, t0 - last))
            break;
        last = t0;
        const double t1 = pf->clock();
        if (a->frames_drawn != drawn) {
            const double ms = (t1 - t0) * 1000.0;
            if (!vsync && ms < 16.0)
                SDL_Delay((Uint32)(16.0 - ms));
            continue;
        }
        double wait = (double)app_wait_ms(a);
        if (seconds > 0.0 && (seconds - (t1 - start)) * 1000.0 < wait)
            wait = (seconds - (t1 - start)) * 1000.0;
        /* NULL: the event stays queued for the next app_frame */
        SDL_WaitEventTimeout(NULL, wait >= 1.0 ? (int)wait : 1);
    }
}
