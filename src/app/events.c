/*
 * events.c: the input boundary of the window. SDL events become the
 * program's own: keys through the binding table (input.c) into actions,
 * text and keys to the formula line while it is open, mouse presses, drags
 * and the wheel into start-point moves, camera orbits and zooms.
 */
#include "app/app.h"

#include <math.h>
#include <string.h>

/* Remembers a key for the key-cast overlay (newest last, the oldest
 * dropped when full). */
static void keycast_push(app *a, const SDL_KeyboardEvent *key)
{
    if (a->n_keys == APP_KEYCAST_N) {
        memmove(&a->keys[0], &a->keys[1], sizeof a->keys[0] * (APP_KEYCAST_N - 1));
        a->n_keys--;
    }
    if (input_describe(key, a->keys[a->n_keys].text, sizeof a->keys[0].text)) {
        a->keys[a->n_keys].at = app_now_ms(a);
        a->n_keys++;
    }
}

/* Start point under the pointer, clamped to the domain; false when the
 * pointer is off the 3D surface. */
static bool start_from_pointer(app *a, const layout *lay, double *start)
{
    return view_pick(&a->view, a->land, lay, a->mouse_x, a->mouse_y, start);
}

static void pointer_to_fb(app *a, int wx, int wy)
{
    int ww, wh;
    window_size(&a->win, &ww, &wh);
    a->mouse_x = (float)wx * (float)a->fb_w / (float)(ww > 0 ? ww : 1);
    a->mouse_y = (float)wy * (float)a->fb_h / (float)(wh > 0 ? wh : 1);
}

static void drag_start_move(app *a)
{
    layout lay;
    app_layout(a, a->fb_w, a->fb_h, &lay);
    double start[2];
    if (start_from_pointer(a, &lay, start))
        sim_reset(&a->sim, start);
}

void app_handle_event(app *a, const SDL_Event *e)
{
    if (app_formula_event(a, e))
        return;
    layout lay;
    app_layout(a, a->fb_w, a->fb_h, &lay);
    switch (e->type) {
    case SDL_QUIT:
        a->quit = true;
        break;
    case SDL_KEYDOWN: {
        const action act = input_translate_key(&e->key);
        if (a->keycast && act != ACTION_NONE && !e->key.repeat)
            keycast_push(a, &e->key);
        app_apply(a, act);
        break;
    }
    case SDL_MOUSEBUTTONDOWN:
        pointer_to_fb(a, e->button.x, e->button.y);
        if (e->button.button == SDL_BUTTON_LEFT && view_in_plot(&lay, a->mouse_x, a->mouse_y)) {
            double probe[2];
            if (!start_from_pointer(a, &lay, probe)) {
                app_message(a, 2500, "press on the surface to move the start point");
                break;
            }
            a->drag = DRAG_START;
            a->drag_was_paused = a->sim.paused;
            a->sim.paused = true;
            drag_start_move(a);
        } else if (e->button.button == SDL_BUTTON_RIGHT && a->view.kind == VIEW_SURFACE) {
            a->drag = DRAG_ROTATE;
        }
        break;
    case SDL_MOUSEMOTION: {
        const float px = a->mouse_x, py = a->mouse_y;
        pointer_to_fb(a, e->motion.x, e->motion.y);
        if (a->drag == DRAG_START) {
            drag_start_move(a);
        } else if (a->drag == DRAG_ROTATE) {
            a->view.cam.yaw += 0.008 * (a->mouse_x - px) / lay.scale;
            a->view.cam.pitch += 0.008 * (a->mouse_y - py) / lay.scale;
            camera_clamp(&a->view.cam);
        }
        break;
    }
    case SDL_MOUSEBUTTONUP:
        pointer_to_fb(a, e->button.x, e->button.y);
        if (a->drag == DRAG_START && e->button.button == SDL_BUTTON_LEFT) {
            drag_start_move(a);
            a->sim.paused = a->drag_was_paused;
            a->sim.accumulator = 0.0;
            a->drag = DRAG_NONE;
        } else if (a->drag == DRAG_ROTATE && e->button.button == SDL_BUTTON_RIGHT) {
            a->drag = DRAG_NONE;
        }
        break;
    case SDL_MOUSEWHEEL: {
        const float y = e->wheel.preciseY != 0.0f ? e->wheel.preciseY : (float)e->wheel.y;
        if (y != 0.0f) {
            int mx, my;
            SDL_GetMouseState(&mx, &my);
            pointer_to_fb(a, mx, my);
            const bool inside = view_in_plot(&lay, a->mouse_x, a->mouse_y);
            view_zoom(&a->view, a->land, &lay, pow(1.15, y), inside ? a->mouse_x : lay.plot_x + lay.plot_w / 2,
                 inside ? a->mouse_y : lay.plot_y + lay.plot_h / 2);
        }
        break;
    }
    default:
        break;
    }
}
