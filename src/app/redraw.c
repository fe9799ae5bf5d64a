/*
 * redraw.c: whether the picture changes. app_frame draws only after an
 * event or when app_needs_redraw finds that something drawn changed since
 * the last drawn frame (app_redraw_done remembers what that frame showed);
 * app_wait_ms tells the desktop loop how long nothing will change by
 * itself, so a window where nothing moves sleeps instead of redrawing.
 * What changes without an event: the runners' and the cloud's steps, a
 * message or key-cast entry appearing, fading or ending (on the app's
 * clock), a PNG or recording that reads the frame back.
 */
#include "app/app.h"

#include <math.h>

/* Steps and states of every runner and of the cloud: unchanged while
 * nothing moves (finished runners do not step; a paused sim takes none). */
static uint64_t motion_signature(const app *a)
{
    uint64_t h = (uint64_t)a->sim.n_runners;
    for (int i = 0; i < a->sim.n_runners; i++) {
        const runner *r = &a->sim.runners[i];
        h = h * 1000003u + (uint64_t)r->step;
        h = h * 31u + (uint64_t)r->status;
    }
    h = h * 1000003u + (uint64_t)a->cloud.step;
    return h * 31u + (uint64_t)a->cloud.n;
}

static bool message_shown(const app *a, uint32_t now)
{
    return a->ui.message[0] && !SDL_TICKS_PASSED(now, a->ui.message_until);
}

/* Key-cast entries on screen at now; *fading set when one of them is in
 * draw_keycast's last second, *next_ms to when the next one starts to fade
 * (at most APP_WAIT_MAX_MS). */
static int keys_shown(const app *a, uint32_t now, bool *fading, uint32_t *next_ms)
{
    int n = 0;
    *fading = false;
    *next_ms = APP_WAIT_MAX_MS;
    for (int i = 0; a->ui.keycast && i < a->ui.n_keys; i++) {
        const uint32_t age = now - a->ui.keys[i].at;
        if (age >= APP_KEYCAST_MS)
            continue;
        n++;
        if (age + 1000 > APP_KEYCAST_MS)
            *fading = true;
        else if (APP_KEYCAST_MS - 1000 - age < *next_ms)
            *next_ms = APP_KEYCAST_MS - 1000 - age;
    }
    return n;
}

bool app_needs_redraw(const app *a)
{
    const uint32_t now = app_now_ms(a);
    bool fading;
    uint32_t next;
    const int keys = keys_shown(a, now, &fading, &next);
    return !a->drawn.valid || a->export.want_png || a->export.exp.recording || fading ||
           a->drawn.motion != motion_signature(a) ||
           a->drawn.message_until != a->ui.message_until ||
           a->drawn.message_shown != message_shown(a, now) || a->drawn.keys_shown != keys;
}

void app_redraw_done(app *a)
{
    const uint32_t now = app_now_ms(a);
    bool fading;
    uint32_t next;
    a->drawn.valid = true;
    a->drawn.motion = motion_signature(a);
    a->drawn.message_until = a->ui.message_until;
    a->drawn.message_shown = message_shown(a, now);
    a->drawn.keys_shown = keys_shown(a, now, &fading, &next);
    a->frames_drawn++;
}

uint32_t app_wait_ms(const app *a)
{
    if (app_needs_redraw(a))
        return 0;
    const uint32_t now = app_now_ms(a);
    bool fading;
    uint32_t wait;
    keys_shown(a, now, &fading, &wait);
    if (message_shown(a, now) && a->ui.message_until - now + 1 < wait)
        wait = a->ui.message_until - now + 1;
    bool going = a->cloud.n > 0;
    for (int i = 0; i < a->sim.n_runners; i++)
        going = going || a->sim.runners[i].status == RUNNER_RUNNING ||
                a->sim.runners[i].status == RUNNER_OUT_OF_VIEW;
    if (going && !a->sim.paused && a->ui.drag == DRAG_NONE) {
        /* the next whole step is due when the accumulator reaches 1 */
        const double ms = (1.0 - a->sim.accumulator) / a->sim.steps_per_second * 1000.0;
        if (ms < (double)wait)
            wait = ms > 0.0 ? (uint32_t)ceil(ms) : 0;
    }
    return wait;
}
