/*
 * events.c: the window's input. input_translate (input.c) turns each SDL
 * event into the program's own; app_input does it: actions (with the
 * key-cast), text and line keys for the formula line while it is open,
 * pointer presses, drags and the wheel into start-point moves, camera
 * orbits and zooms.
 */
#include "app/app.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Remembers a key's line for the key-cast overlay (newest last, the
 * oldest dropped when full). */
static void keycast_push(app *a, const char *line)
{
    if (a->n_keys == APP_KEYCAST_N) {
        memmove(&a->keys[0], &a->keys[1], sizeof a->keys[0] * (APP_KEYCAST_N - 1));
        a->n_keys--;
    }
    snprintf(a->keys[a->n_keys].text, sizeof a->keys[0].text, "%s", line);
    a->keys[a->n_keys].at = app_now_ms(a);
    a->n_keys++;
}

/* Start point under the pointer, clamped to the domain; false when the
 * pointer is off the 3D surface. */
static bool start_from_pointer(app *a, const layout *lay, double *start)
{
    return view_pick(&a->view, a->land, lay, a->mouse_x, a->mouse_y, start);
}

static void pointer_to_fb(app *a, float wx, float wy)
{
    int ww, wh;
    window_size(&a->win, &ww, &wh);
    a->mouse_x = wx * (float)a->fb_w / (float)(ww > 0 ? ww : 1);
    a->mouse_y = wy * (float)a->fb_h / (float)(wh > 0 ? wh : 1);
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
    input_event ev;
    if (input_translate(e, a->formula_open ? INPUT_MODE_LINE : INPUT_MODE_WINDOW, &ev))
        app_input(a, &ev);
}

void app_input(app *a, const input_event *ev)
{
    layout lay;
    app_layout(a, a->fb_w, a->fb_h, &lay);
    switch (ev->kind) {
    case INPUT_NONE:
        break;
    case INPUT_QUIT:
        a->quit = true;
        break;
    case INPUT_ACTION:
        if (a->keycast && ev->cast[0])
            keycast_push(a, ev->cast);
        app_apply(a, ev->act);
        break;
    case INPUT_TEXT:
        app_formula_text(a, ev->text);
        break;
    case INPUT_POINTER_DOWN:
        pointer_to_fb(a, ev->x, ev->y);
        if (ev->button == INPUT_BUTTON_LEFT && view_in_plot(&lay, a->mouse_x, a->mouse_y)) {
            double probe[2];
            if (!start_from_pointer(a, &lay, probe)) {
                app_message(a, 2500, "press on the surface to move the start point");
                break;
            }
            a->drag = DRAG_START;
            a->drag_was_paused = a->sim.paused;
            a->sim.paused = true;
            drag_start_move(a);
        } else if (ev->button == INPUT_BUTTON_RIGHT && a->view.kind == VIEW_SURFACE) {
            a->drag = DRAG_ROTATE;
        }
        break;
    case INPUT_POINTER_MOVE: {
        const float px = a->mouse_x, py = a->mouse_y;
        pointer_to_fb(a, ev->x, ev->y);
        if (a->drag == DRAG_START) {
            drag_start_move(a);
        } else if (a->drag == DRAG_ROTATE) {
            a->view.cam.yaw += 0.008 * (a->mouse_x - px) / lay.scale;
            a->view.cam.pitch += 0.008 * (a->mouse_y - py) / lay.scale;
            camera_clamp(&a->view.cam);
        }
        break;
    }
    case INPUT_POINTER_UP:
        pointer_to_fb(a, ev->x, ev->y);
        if (a->drag == DRAG_START && ev->button == INPUT_BUTTON_LEFT) {
            drag_start_move(a);
            a->sim.paused = a->drag_was_paused;
            a->sim.accumulator = 0.0;
            a->drag = DRAG_NONE;
        } else if (a->drag == DRAG_ROTATE && ev->button == INPUT_BUTTON_RIGHT) {
            a->drag = DRAG_NONE;
        }
        break;
    case INPUT_WHEEL: {
        pointer_to_fb(a, ev->x, ev->y);
        const bool inside = view_in_plot(&lay, a->mouse_x, a->mouse_y);
        view_zoom(&a->view, a->land, &lay, pow(1.15, ev->wheel),
                  inside ? a->mouse_x : lay.plot_x + lay.plot_w / 2,
                  inside ? a->mouse_y : lay.plot_y + lay.plot_h / 2);
        break;
    }
    }
}
