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
    if (a->ui.n_keys == APP_KEYCAST_N) {
        memmove(&a->ui.keys[0], &a->ui.keys[1], sizeof a->ui.keys[0] * (APP_KEYCAST_N - 1));
        a->ui.n_keys--;
    }
    snprintf(a->ui.keys[a->ui.n_keys].text, sizeof a->ui.keys[0].text, "%s", line);
    a->ui.keys[a->ui.n_keys].at = app_now_ms(a);
    a->ui.n_keys++;
}

/* Start point under the pointer, clamped to the domain; false when the
 * pointer is off the 3D surface. */
static bool start_from_pointer(app *a, const layout *lay, double *start)
{
    return view_pick(&a->view, a->lesson.land, lay, a->ui.mouse_x, a->ui.mouse_y, start);
}

static void pointer_to_fb(app *a, float wx, float wy)
{
    int ww, wh;
    window_size(&a->win, &ww, &wh);
    a->ui.mouse_x = wx * (float)a->fb_w / (float)(ww > 0 ? ww : 1);
    a->ui.mouse_y = wy * (float)a->fb_h / (float)(wh > 0 ? wh : 1);
}

static void drag_start_move(app *a)
{
    layout lay;
    app_layout(a, a->fb_w, a->fb_h, &lay);
    double start[2], safe[2];
    if (start_from_pointer(a, &lay, start) && app_defined_start(a, start, safe))
        sim_reset(&a->sim, safe); /* never into a start where f is undefined */
}

void app_handle_event(app *a, const SDL_Event *e)
{
    input_event ev;
    if (input_translate(e, a->ui.formula_open ? INPUT_MODE_LINE : INPUT_MODE_WINDOW, &ev))
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
        a->ui.quit = true;
        break;
    case INPUT_ACTION:
        if (a->ui.keycast && ev->cast[0])
            keycast_push(a, ev->cast);
        app_apply(a, ev->act);
        break;
    case INPUT_TEXT:
        app_formula_text(a, ev->text);
        break;
    case INPUT_POINTER_DOWN:
        pointer_to_fb(a, ev->x, ev->y);
        if (ev->button == INPUT_BUTTON_LEFT && view_in_plot(&lay, a->ui.mouse_x, a->ui.mouse_y)) {
            double probe[2];
            if (!start_from_pointer(a, &lay, probe)) {
                app_message(a, 2500, "%s", _("press on the surface to move the start point"));
                break;
            }
            a->ui.drag = DRAG_START;
            a->ui.drag_was_paused = a->sim.paused;
            a->sim.paused = true;
            drag_start_move(a);
        } else if (ev->button == INPUT_BUTTON_RIGHT && a->view.kind == VIEW_SURFACE) {
            a->ui.drag = DRAG_ROTATE;
        }
        break;
    case INPUT_POINTER_MOVE: {
        const float px = a->ui.mouse_x, py = a->ui.mouse_y;
        pointer_to_fb(a, ev->x, ev->y);
        if (a->ui.drag == DRAG_START) {
            drag_start_move(a);
        } else if (a->ui.drag == DRAG_ROTATE) {
            a->view.cam.yaw += 0.008 * (a->ui.mouse_x - px) / lay.scale;
            a->view.cam.pitch += 0.008 * (a->ui.mouse_y - py) / lay.scale;
            camera_clamp(&a->view.cam);
        }
        break;
    }
    case INPUT_POINTER_UP:
        pointer_to_fb(a, ev->x, ev->y);
        if (a->ui.drag == DRAG_START && ev->button == INPUT_BUTTON_LEFT) {
            drag_start_move(a);
            a->sim.paused = a->ui.drag_was_paused;
            a->sim.accumulator = 0.0;
            a->ui.drag = DRAG_NONE;
        } else if (a->ui.drag == DRAG_ROTATE && ev->button == INPUT_BUTTON_RIGHT) {
            a->ui.drag = DRAG_NONE;
        }
        break;
    case INPUT_WHEEL: {
        pointer_to_fb(a, ev->x, ev->y);
        const bool inside = view_in_plot(&lay, a->ui.mouse_x, a->ui.mouse_y);
        view_zoom(&a->view, a->lesson.land, &lay, pow(1.15, ev->wheel),
                  inside ? a->ui.mouse_x : lay.plot_x + lay.plot_w / 2,
                  inside ? a->ui.mouse_y : lay.plot_y + lay.plot_h / 2);
        break;
    }
    }
}
