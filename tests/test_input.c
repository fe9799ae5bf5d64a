/*
 * test_input.c: scripted SDL events (SDL_PushEvent) drive the real loop
 * (app_frame) in a headless window: switch landscape, change the learning
 * rate, toggle noise, pause and step, drag the start point (1D and 3D by
 * ray picking), rotate and zoom, the particle cloud (M), help, quit.
 */
#include "app/app.h"
#include "app/draw_internal.h"
#include "app/format.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "near.h"

#include <SDL_image.h>
#include <dirent.h>
#include <unistd.h>

static app *a;

/* Frame time the tests drive app_frame with (no wall clock). */
#define FRAME_DT (1.0 / 60.0)

static void key(SDL_Keycode k, Uint16 mod)
{
    SDL_Event e = {0};
    e.type = SDL_KEYDOWN;
    e.key.state = SDL_PRESSED;
    e.key.keysym.sym = k;
    e.key.keysym.mod = mod;
    e.key.windowID = SDL_GetWindowID(a->win.sdl);
    assert_int_equal(SDL_PushEvent(&e), 1);
}

static void mouse_button(Uint32 type, Uint8 button, int x, int y)
{
    SDL_Event e = {0};
    e.type = type;
    e.button.button = button;
    e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
    e.button.x = x;
    e.button.y = y;
    e.button.windowID = SDL_GetWindowID(a->win.sdl);
    assert_int_equal(SDL_PushEvent(&e), 1);
}

static void mouse_motion(int x, int y, int dx, int dy)
{
    SDL_Event e = {0};
    e.type = SDL_MOUSEMOTION;
    e.motion.x = x;
    e.motion.y = y;
    e.motion.xrel = dx;
    e.motion.yrel = dy;
    e.motion.windowID = SDL_GetWindowID(a->win.sdl);
    assert_int_equal(SDL_PushEvent(&e), 1);
}

static void text(const char *utf8)
{
    SDL_Event e = {0};
    e.type = SDL_TEXTINPUT;
    snprintf(e.text.text, sizeof e.text.text, "%s", utf8);
    e.text.windowID = SDL_GetWindowID(a->win.sdl);
    assert_int_equal(SDL_PushEvent(&e), 1);
}

/* E, clear the line, type formula, Enter. */
static void type_formula(const char *formula)
{
    key(SDLK_e, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    key(SDLK_END, KMOD_NONE);
    for (int i = 0; i < 80; i++)
        key(SDLK_BACKSPACE, KMOD_NONE);
    text(formula);
    key(SDLK_RETURN, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
}

static int setup(void **state)
{
    (void)state;
    a = calloc(1, sizeof *a);
    char err[512];
    const app_params p = {.headless = true, .width = 1280, .height = 720};
    if (!app_create(a, &p, err, sizeof err)) {
        fprintf(stderr, "cannot create the app: %s\n", err);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    app_destroy(a);
    free(a);
    SDL_Quit();
    return 0;
}

static void test_keys_switch_landscape(void **state)
{
    (void)state;
    assert_string_equal(a->lesson.land->name, "empirical-risk"); /* lesson 1 opens */
    key(SDLK_4, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_string_equal(a->lesson.land->name, "saddle");
    key(SDLK_TAB, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_string_equal(a->lesson.land->name, "tanh");
    key(SDLK_TAB, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_string_equal(a->lesson.land->name, "quadratic"); /* past the five lessons */
    key(SDLK_TAB, KMOD_LSHIFT);
    assert_true(app_frame(a, FRAME_DT));
    assert_string_equal(a->lesson.land->name, "tanh");
    key(SDLK_1, KMOD_NONE);
    key(SDLK_TAB, KMOD_LSHIFT);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(landscape_index(a->lesson.land), landscape_count() - 1); /* wraps around */
    key(SDLK_TAB, KMOD_NONE);
    key(SDLK_5, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_true(a->sim.runners[0].start[0] == 4.0); /* tanh lesson starts at x = 4 */
    key(SDLK_2, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_string_equal(a->lesson.land->name, "risk");
    assert_true(a->sim.runners[0].start[0] < -0.27385); /* left of the local minimum */
}

static void test_lr_noise_pause_step_reset(void **state)
{
    (void)state;
    key(SDLK_1, KMOD_NONE);
    key(SDLK_SPACE, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_true(a->sim.paused);
    const double lr = a->runs.cfg[a->runs.selected].optim.lr;
    key(SDLK_UP, KMOD_NONE);
    key(SDLK_UP, KMOD_NONE);
    key(SDLK_DOWN, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_float_equal(a->runs.cfg[a->runs.selected].optim.lr, lr * 1.25, 1e-15);
    assert_float_equal(a->sim.runners[0].opt.p.lr, lr * 1.25, 1e-15);
    key(SDLK_n, KMOD_NONE);
    key(SDLK_RIGHTBRACKET, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_true(a->runs.noise_on);
    assert_float_equal(a->runs.noise_sigma, APP_DEFAULT_NOISE * 1.25, 1e-15);
    assert_float_equal(a->sim.runners[0].noise, APP_DEFAULT_NOISE * 1.25, 1e-15);
    key(SDLK_n, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_false(a->runs.noise_on);
    assert_true(a->sim.runners[0].noise == 0.0);
    const long step = a->sim.runners[0].step;
    key(SDLK_RIGHT, KMOD_NONE);
    key(SDLK_s, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->sim.runners[0].step, step + 2);
    key(SDLK_r, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->sim.runners[0].step, 0);
    assert_true(a->sim.runners[0].x[0] == 1.2);
    key(SDLK_PERIOD, KMOD_LSHIFT); /* '>' */
    assert_true(app_frame(a, FRAME_DT));
    assert_float_equal(a->sim.steps_per_second, 16.0, 0);
    key(SDLK_COMMA, KMOD_LSHIFT); /* '<' */
    key(SDLK_COMMA, KMOD_LSHIFT);
    assert_true(app_frame(a, FRAME_DT));
    assert_float_equal(a->sim.steps_per_second, 4.0, 0);
    key(SDLK_h, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_true(a->ui.help_visible);
    key(SDLK_ESCAPE, KMOD_NONE); /* Esc first closes the help */
    assert_true(app_frame(a, FRAME_DT));
    assert_false(a->ui.help_visible);
}

static void test_drag_start_1d(void **state)
{
    (void)state;
    key(SDLK_1, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    layout lay;
    app_layout(a, a->fb_w, a->fb_h, &lay);
    int ww, wh;
    window_size(&a->win, &ww, &wh);
    const float sx = (float)ww / (float)a->fb_w;
    /* drag from x = 1.2 to x = 0.8 in window coordinates */
    const int y = (int)((lay.plot_y + lay.plot_h / 2) * sx);
    const int x0 = (int)(view_x_to_px(&a->view, &lay, 1.2) * sx);
    const int x1 = (int)(view_x_to_px(&a->view, &lay, 0.8) * sx);
    mouse_button(SDL_MOUSEBUTTONDOWN, SDL_BUTTON_LEFT, x0, y);
    mouse_motion((x0 + x1) / 2, y, (x1 - x0) / 2, 0);
    mouse_motion(x1, y, (x1 - x0) / 2, 0);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->ui.drag, DRAG_START);
    const double expect = view_px_to_x(&a->view, &lay, (float)x1 / sx);
    assert_float_equal(a->sim.runners[0].start[0], expect, 1e-9);
    assert_float_equal(a->sim.runners[0].start[0], 0.8, 0.01);
    mouse_button(SDL_MOUSEBUTTONUP, SDL_BUTTON_LEFT, x1, y);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->ui.drag, DRAG_NONE);
    assert_true(a->sim.runners[0].x[0] == a->sim.runners[0].start[0] ||
                a->sim.runners[0].step > 0);
    /* a drag past the domain's end clamps the start to the domain */
    const int far = (int)((lay.plot_x + lay.plot_w - 2) * sx);
    mouse_button(SDL_MOUSEBUTTONDOWN, SDL_BUTTON_LEFT, far, y);
    mouse_button(SDL_MOUSEBUTTONUP, SDL_BUTTON_LEFT, far, y);
    assert_true(app_frame(a, FRAME_DT));
    assert_true(a->sim.runners[0].start[0] <= 1.5);
}

static void test_3d_rotate_pick_zoom(void **state)
{
    (void)state;
    key(SDLK_4, KMOD_NONE);
    if (!a->sim.paused)
        key(SDLK_SPACE, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_true(a->sim.paused);
    const double yaw = a->view.cam.yaw, pitch = a->view.cam.pitch;
    layout lay;
    app_layout(a, a->fb_w, a->fb_h, &lay);
    int ww, wh;
    window_size(&a->win, &ww, &wh);
    const float sx = (float)ww / (float)a->fb_w;
    const int cx = (int)((lay.plot_x + lay.plot_w / 2) * sx);
    const int cy = (int)((lay.plot_y + lay.plot_h / 2) * sx);
    mouse_button(SDL_MOUSEBUTTONDOWN, SDL_BUTTON_RIGHT, cx, cy);
    mouse_motion(cx + 100, cy + 20, 100, 20);
    mouse_button(SDL_MOUSEBUTTONUP, SDL_BUTTON_RIGHT, cx + 100, cy + 20);
    assert_true(app_frame(a, FRAME_DT));
    assert_true(a->view.cam.yaw > yaw);
    assert_true(a->view.cam.pitch > pitch);
    const double yaw2 = a->view.cam.yaw;
    key(SDLK_LEFT, KMOD_LSHIFT);
    assert_true(app_frame(a, FRAME_DT));
    assert_float_equal(a->view.cam.yaw, yaw2 - 0.1, 1e-12);
    /* left press at the viewport's center picks a point on the surface: the
     * start moves there, and the picked point lies on the camera ray */
    mouse_button(SDL_MOUSEBUTTONDOWN, SDL_BUTTON_LEFT, cx, cy);
    mouse_button(SDL_MOUSEBUTTONUP, SDL_BUTTON_LEFT, cx, cy);
    assert_true(app_frame(a, FRAME_DT));
    const runner *r = &a->sim.runners[0];
    assert_int_equal(r->step, 0);
    assert_true(landscape_in_domain(a->lesson.land, r->start));
    double o[3], d[3];
    const double ndc_x = 2.0 * ((double)cx / sx - lay.plot_x) / lay.plot_w - 1.0;
    const double ndc_y = 1.0 - 2.0 * ((double)cy / sx - lay.plot_y) / lay.plot_h;
    camera_ray(&a->view.cam, lay.plot_w / lay.plot_h, ndc_x, ndc_y, o, d);
    const double t = (r->start[0] - o[0]) / d[0];
    landscape_point p;
    landscape_eval(a->lesson.land, r->start, &p);
    assert_float_equal(o[1] + t * d[1], r->start[1], 1e-6);
    assert_float_equal(o[2] + t * d[2], a->view.z_scale * p.f, 1e-6);
    const double dist = a->view.cam.distance;
    SDL_Event e = {0};
    e.type = SDL_MOUSEWHEEL;
    e.wheel.y = 1;
    e.wheel.preciseY = 1.0f;
    SDL_PushEvent(&e);
    assert_true(app_frame(a, FRAME_DT));
    assert_true(a->view.cam.distance < dist);
}

static void test_contour_view_and_drag(void **state)
{
    (void)state;
    key(SDLK_TAB, KMOD_NONE); /* some 1D landscape first: C only says why not */
    key(SDLK_1, KMOD_NONE);
    key(SDLK_c, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->view.kind, VIEW_CURVE); /* C changed nothing */
    assert_false(a->view.contour);
    key(SDLK_4, KMOD_NONE);
    key(SDLK_c, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->view.kind, VIEW_CONTOUR);
    layout lay;
    app_layout(a, a->fb_w, a->fb_h, &lay);
    int ww, wh;
    window_size(&a->win, &ww, &wh);
    const float sx = (float)ww / (float)a->fb_w;
    const int x = (int)(view_x_to_px(&a->view, &lay, -0.5) * sx), y = (int)(view_y_to_px(&a->view, &lay, 0.25) * sx);
    mouse_button(SDL_MOUSEBUTTONDOWN, SDL_BUTTON_LEFT, x, y);
    mouse_button(SDL_MOUSEBUTTONUP, SDL_BUTTON_LEFT, x, y);
    assert_true(app_frame(a, FRAME_DT));
    assert_float_equal(a->sim.runners[0].start[0], -0.5, 0.01);
    assert_float_equal(a->sim.runners[0].start[1], 0.25, 0.01);
    key(SDLK_c, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->view.kind, VIEW_SURFACE);
}

static void test_wheel_zooms_1d_and_quit(void **state)
{
    (void)state;
    key(SDLK_3, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    const double w = a->view.box[1] - a->view.box[0];
    SDL_Event e = {0};
    e.type = SDL_MOUSEWHEEL;
    e.wheel.y = 2;
    e.wheel.preciseY = 2.0f;
    SDL_PushEvent(&e);
    assert_true(app_frame(a, FRAME_DT));
    assert_float_equal(a->view.box[1] - a->view.box[0], w / (1.15 * 1.15), 1e-9);
    key(SDLK_q, KMOD_NONE);
    assert_false(app_frame(a, FRAME_DT));
}

static void test_race_runners_panel(void **state)
{
    (void)state;
    key(SDLK_2, KMOD_NONE);
    if (!a->sim.paused)
        key(SDLK_SPACE, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->runs.n_runners, 1);
    key(SDLK_a, KMOD_NONE); /* + adagrad */
    key(SDLK_a, KMOD_NONE); /* + rmsprop */
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->sim.n_runners, 3);
    assert_int_equal(a->sim.runners[1].opt.kind, OPTIM_ADAGRAD);
    assert_int_equal(a->sim.runners[2].opt.kind, OPTIM_RMSPROP);
    assert_int_equal(a->runs.selected, 2);
    for (int i = 0; i < 3; i++) /* all race from the same start */
        assert_true(a->sim.runners[i].x[0] == a->sim.runners[0].start[0]);
    key(SDLK_o, KMOD_NONE); /* the selected runner: rmsprop -> adadelta */
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->sim.runners[2].opt.kind, OPTIM_ADADELTA);
    key(SDLK_w, KMOD_NONE); /* select runner 0 (sgd) */
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->runs.selected, 0);
    /* panel: fields of sgd are lr momentum dampening nesterov weight_decay;
     * Ctrl+Down selects momentum, Ctrl+Right raises it from 0 */
    key(SDLK_DOWN, KMOD_LCTRL);
    key(SDLK_RIGHT, KMOD_LCTRL);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->runs.panel_field, 1);
    assert_true(a->sim.runners[0].opt.p.momentum > 0.0);
    const double m = a->sim.runners[0].opt.p.momentum;
    key(SDLK_RIGHT, KMOD_LCTRL); /* 1 - m shrinks by 1.25 */
    assert_true(app_frame(a, FRAME_DT));
    assert_float_equal(1.0 - a->sim.runners[0].opt.p.momentum, (1.0 - m) / 1.25, 1e-12);
    /* Ctrl+Down twice more: nesterov, a flag that flips */
    key(SDLK_DOWN, KMOD_LCTRL);
    key(SDLK_DOWN, KMOD_LCTRL);
    key(SDLK_RIGHT, KMOD_LCTRL);
    assert_true(app_frame(a, FRAME_DT));
    assert_true(a->sim.runners[0].opt.p.nesterov);
    /* stepping moves every runner */
    key(SDLK_RIGHT, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    for (int i = 0; i < 3; i++)
        assert_int_equal(a->sim.runners[i].step, 1);
    key(SDLK_g, KMOD_NONE);
    key(SDLK_t, KMOD_NONE);
    key(SDLK_d, KMOD_NONE);
    assert_true(a->ui.annotate);
    key(SDLK_k, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_false(a->ui.annotate);
    assert_true(a->ui.show_arrows && a->ui.explain && a->sim.paused);
    assert_int_equal(a->runs.sched.kind, SCHEDULE_FACTOR);
    assert_int_equal(a->sim.runners[1].sched.kind, SCHEDULE_FACTOR);
    /* Delete removes the selected runner; the last one stays */
    key(SDLK_DELETE, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->sim.n_runners, 2);
    assert_int_equal(a->sim.runners[0].opt.kind, OPTIM_ADAGRAD);
    key(SDLK_DELETE, KMOD_NONE);
    key(SDLK_DELETE, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->sim.n_runners, 1);
    assert_int_equal(a->sim.runners[0].opt.kind, OPTIM_ADADELTA);
    key(SDLK_g, KMOD_NONE);
    key(SDLK_t, KMOD_NONE);
    for (int i = 0; i < SCHEDULE_KIND_COUNT - 1; i++)
        key(SDLK_d, KMOD_NONE);
    for (int i = OPTIM_ADADELTA; i < OPTIM_KIND_COUNT; i++) /* adadelta ... anneal, sgd */
        key(SDLK_o, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->runs.sched.kind, SCHEDULE_CONSTANT);
    assert_int_equal(a->sim.runners[0].opt.kind, OPTIM_SGD); /* back round to sgd */
}

/* Display keys: B cycles the themes, Ctrl+Plus/Minus scale the layout,
 * F9 records keys for the key-cast overlay, { } halve / double the trail,
 * J splits the plot for the loss panel, < > keep 0.5..1000 steps/s, End
 * runs to convergence. */
static void test_display_pacing_keys(void **state)
{
    (void)state;
    key(SDLK_1, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->ui.theme, THEME_DARK);
    key(SDLK_b, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->ui.theme, THEME_LIGHT);
    key(SDLK_b, KMOD_NONE);
    key(SDLK_b, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->ui.theme, THEME_DARK);

    layout before, after;
    app_layout(a, a->fb_w, a->fb_h, &before);
    key(SDLK_EQUALS, KMOD_LCTRL);
    key(SDLK_EQUALS, KMOD_LCTRL);
    assert_true(app_frame(a, FRAME_DT));
    assert_float_equal(a->ui.ui_scale, 1.2f, 1e-6);
    app_layout(a, a->fb_w, a->fb_h, &after);
    assert_float_equal(after.scale, before.scale * 1.2f, 1e-5);
    for (int i = 0; i < 40; i++)
        key(SDLK_MINUS, KMOD_LCTRL);
    assert_true(app_frame(a, FRAME_DT));
    assert_float_equal(a->ui.ui_scale, APP_UI_SCALE_MIN, 1e-6);
    for (int i = 0; i < 5; i++)
        key(SDLK_EQUALS, KMOD_LCTRL);
    assert_true(app_frame(a, FRAME_DT));
    assert_float_equal(a->ui.ui_scale, 1.0f, 1e-6);
    assert_true(a->view.box[1] - a->view.box[0] > 0.99); /* Ctrl+= did not zoom the plot */

    key(SDLK_F9, KMOD_NONE);
    key(SDLK_UP, KMOD_NONE);
    key(SDLK_n, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_true(a->ui.keycast);
    assert_int_equal(a->ui.n_keys, 2); /* F9 itself came before the overlay was on */
    assert_string_equal(a->ui.keys[0].text, "Up: learning rate × 1.25");
    assert_string_equal(a->ui.keys[1].text, "N: gradient noise on / off");
    for (int i = 0; i < APP_KEYCAST_N + 4; i++) /* N pressed 10 times in all */
        key(SDLK_n, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->ui.n_keys, APP_KEYCAST_N);
    key(SDLK_F9, KMOD_NONE);
    key(SDLK_DOWN, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_false(a->ui.keycast);
    assert_false(a->runs.noise_on); /* toggled an even number of times */

    assert_int_equal(a->ui.trail_len, RUNNER_TRAIL_MAX);
    key(SDLK_LEFTBRACKET, KMOD_LSHIFT);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->ui.trail_len, RUNNER_TRAIL_MAX / 2);
    for (int i = 0; i < 20; i++)
        key(SDLK_LEFTBRACKET, KMOD_LSHIFT);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->ui.trail_len, APP_TRAIL_MIN);
    for (int i = 0; i < 20; i++)
        key(SDLK_RIGHTBRACKET, KMOD_LSHIFT);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->ui.trail_len, RUNNER_TRAIL_MAX);

    key(SDLK_j, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    app_layout(a, a->fb_w, a->fb_h, &after);
    assert_true(a->ui.loss_panel);
    assert_true(after.loss_w > 0 && after.loss_h > 0);
    assert_true(after.plot_h < before.plot_h);
    assert_true(after.loss_y >= after.plot_y + after.plot_h);
    key(SDLK_j, KMOD_LSHIFT);
    assert_true(app_frame(a, FRAME_DT));
    assert_true(a->ui.loss_log);
    key(SDLK_j, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_false(a->ui.loss_panel);

    for (int i = 0; i < 20; i++)
        key(SDLK_PERIOD, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_float_equal(a->sim.steps_per_second, APP_SPEED_MAX, 0);
    for (int i = 0; i < 20; i++)
        key(SDLK_COMMA, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_float_equal(a->sim.steps_per_second, APP_SPEED_MIN, 0);
    for (int i = 0; i < 4; i++) /* back to 8 steps/s for the tests after */
        key(SDLK_PERIOD, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_float_equal(a->sim.steps_per_second, APP_DEFAULT_STEPS_PER_SECOND, 0);

    /* End: lesson 1's gradient descent from 1.2 (lr 0.01) converges to
     * the empirical risk's minimum 1.01698 and pauses there */
    key(SDLK_r, KMOD_NONE);
    key(SDLK_END, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    const runner *rn = &a->sim.runners[0];
    assert_int_equal(rn->status, RUNNER_CONVERGED);
    assert_true(a->sim.paused);
    assert_float_equal(rn->x[0], 1.0169830, 1e-6);
    assert_true(rn->step > 10 && rn->step < APP_RUN_LIMIT);
}

/* The formula line: E opens it with the lesson's formula; a typed formula
 * replaces the landscape (exact values); a refused one keeps the old
 * landscape, names the column and leaves the line open; Esc closes; a 2D
 * formula gets [-2, 2]^2; log(x) run past 0 stops as undefined. */
static void test_formula_line(void **state)
{
    (void)state;
    key(SDLK_1, KMOD_NONE);
    key(SDLK_e, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_true(a->ui.formula_open);
    assert_string_equal(a->ui.formula.text, "x*cos(pi*x) + 0.2*cos(5*pi*x)");
    assert_string_equal(a->ui.domain.text, "0.5:1.5");
    key(SDLK_q, KMOD_NONE); /* typing, not quitting */
    key(SDLK_ESCAPE, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_false(a->ui.formula_open);
    assert_string_equal(a->lesson.land->name, "empirical-risk");

    type_formula("x^4 - 2*x^2");
    assert_false(a->ui.formula_open);
    assert_non_null(a->lesson.land->expr);
    assert_string_equal(a->lesson.land->title, "f(x) = x⁴ − 2·x²");
    assert_float_equal(a->lesson.land->lo[0], 0.5, 0); /* the domain as it was */
    const double x = 1.25;
    landscape_point p;
    landscape_eval(a->lesson.land, &x, &p);
    assert_float_equal(p.f, pow(1.25, 4) - 2 * 1.5625, 1e-15);
    assert_float_equal(p.g[0], 4 * pow(1.25, 3) - 4 * 1.25, 1e-14);
    assert_float_equal(p.h[0][0], 12 * 1.5625 - 4, 1e-14);
    const landscape *shown = a->lesson.land;

    type_formula("x*sinn(x)");
    assert_true(a->ui.formula_open);
    assert_int_equal(a->ui.formula_error_col, 3);
    assert_non_null(strstr(a->ui.formula_error, "sinn"));
    assert_ptr_equal(a->lesson.land, shown); /* nothing changed */
    key(SDLK_ESCAPE, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_false(a->ui.formula_open);

    type_formula("x^2 - y^2");
    assert_int_equal(a->lesson.land->dim, 2);
    assert_float_equal(a->lesson.land->lo[0], -2, 0);
    assert_float_equal(a->lesson.land->hi[1], 2, 0);
    const double q[2] = {1.0, 0.5};
    landscape_eval(a->lesson.land, q, &p);
    assert_float_equal(p.f, 0.75, 0);
    assert_float_equal(p.g[1], -1.0, 0);
    assert_float_equal(p.h[1][1], -2.0, 0);

    /* the history: Up brings back the formula before */
    key(SDLK_e, KMOD_NONE);
    key(SDLK_UP, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_string_equal(a->ui.formula.text, "x^2 - y^2");
    key(SDLK_UP, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_string_equal(a->ui.formula.text, "x^4 - 2*x^2");
    key(SDLK_ESCAPE, KMOD_NONE);

    type_formula("log(x)");
    assert_int_equal(a->lesson.land->dim, 1);
    key(SDLK_END, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->sim.runners[0].status, RUNNER_UNDEFINED);
    key(SDLK_1, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_string_equal(a->lesson.land->name, "empirical-risk");
}

/* The formula line shows a domain that Enter reads back exactly: a narrow
 * one (1.0000001:1.0000002, "1:1" with %g) or one with 17 digits
 * (issue 13). */
static void test_formula_domain_roundtrip(void **state)
{
    (void)state;
    static const char *const domains[] = {"1.0000001:1.0000002", "0.1:0.30000000000000004",
                                          "-1e-300:3.14159265358979"};
    for (size_t i = 0; i < sizeof domains / sizeof domains[0]; i++) {
        key(SDLK_e, KMOD_NONE);
        assert_true(app_frame(a, FRAME_DT));
        textline_set(&a->ui.formula, "x^2");
        textline_set(&a->ui.domain, domains[i]);
        key(SDLK_RETURN, KMOD_NONE);
        assert_true(app_frame(a, FRAME_DT));
        assert_false(a->ui.formula_open);
        const double lo = a->lesson.land->lo[0], hi = a->lesson.land->hi[0];
        /* open again and press Enter on the unchanged line */
        key(SDLK_e, KMOD_NONE);
        key(SDLK_RETURN, KMOD_NONE);
        assert_true(app_frame(a, FRAME_DT));
        if (a->ui.formula_open)
            fail_msg("%s: Enter on the line as shown ('%s') was refused: %s", domains[i],
                     a->ui.domain.text, a->ui.formula_error);
        assert_true(a->lesson.land->lo[0] == lo && a->lesson.land->hi[0] == hi);
    }
    key(SDLK_e, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_string_equal(a->ui.domain.text, "-1e-300:3.14159265358979");
    key(SDLK_ESCAPE, KMOD_NONE);
    key(SDLK_1, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
}

static void test_cloud_keys(void **state)
{
    (void)state;
    key(SDLK_2, KMOD_NONE); /* risk on [-1, 2] */
    key(SDLK_m, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->cloud.n, CLOUD_DEFAULT);
    assert_int_equal(a->cloud.n_minima, 2);
    /* a frame's steps are capped so a large cloud slows the pace, not the frame */
    assert_int_equal(a->sim.max_per_advance, APP_CLOUD_FRAME_BUDGET / CLOUD_DEFAULT);
    assert_int_equal(a->cloud.p[0].opt.kind, a->runs.cfg[a->runs.selected].kind);
    /* paused, the step key steps the cloud with the runners; R resets it */
    if (!a->sim.paused)
        key(SDLK_SPACE, KMOD_NONE);
    key(SDLK_s, KMOD_NONE);
    key(SDLK_s, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->cloud.step, 2);
    key(SDLK_r, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->cloud.step, 0);
    assert_int_equal(a->sim.runners[0].step, 0);
    /* running, it advances with the sim's steps */
    key(SDLK_SPACE, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_false(a->sim.paused);
    assert_true(app_frame(a, 0.4)); /* 0.4 s: steps due at the sim's pace */
    assert_true(a->cloud.step > 0);
    assert_int_equal(a->cloud.step, a->sim.runners[0].step);
    key(SDLK_SPACE, KMOD_NONE);
    /* N, ] and Up reach the cloud */
    key(SDLK_n, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_float_equal(a->cloud.noise, a->runs.noise_sigma, 0);
    key(SDLK_n, KMOD_NONE);
    key(SDLK_UP, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_true(a->cloud.noise == 0.0);
    assert_float_equal(a->cloud.p[17].opt.p.lr, a->runs.cfg[a->runs.selected].optim.lr, 0);
    /* M again removes it; a new lesson removes it too */
    key(SDLK_m, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->cloud.n, 0);
    key(SDLK_m, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->cloud.n, CLOUD_DEFAULT);
    key(SDLK_1, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->cloud.n, 0);
    assert_null(a->cloud.p);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* The tour: PageDown opens scene 1 (its runner, lr, start and loss panel),
 * PageDown / PageUp move, L switches the caption to Korean, F5 reloads an
 * edited file, a broken file changes nothing and says where, 1 leaves. */
static void test_scene_keys(void **state)
{
    (void)state;
    key(SDLK_1, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_false(a->scenes.has_scene);
    key(SDLK_PAGEDOWN, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_true(a->scenes.has_scene);
    assert_int_equal(a->scenes.tour_index, 0);
    assert_string_equal(a->lesson.land->name, "empirical-risk");
    assert_true(a->ui.loss_panel);
    assert_float_equal(a->runs.cfg[0].optim.lr, 0.01, 0);
    assert_float_equal(a->sim.runners[0].start[0], 1.2, 0);
    key(SDLK_PAGEDOWN, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->scenes.tour_index, 1);
    assert_string_equal(a->lesson.land->name, "risk");
    assert_int_equal(a->sim.n_runners, 2);
    assert_float_equal(a->sim.runners[1].start[0], 0.5, 0);
    key(SDLK_PAGEUP, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->scenes.tour_index, 0);
    key(SDLK_l, KMOD_NONE); /* every word in Korean, live */
    assert_true(app_frame(a, FRAME_DT));
    assert_ptr_equal(app_scene_caption(a), a->scenes.scene.caption_ko);
    assert_true(a->scenes.scene.caption_ko[0] != '\0');
    assert_string_equal(a->ui.lang, "ko");
    assert_string_equal(_("saddle point"), "안장점");
    assert_string_equal(a->ui.message, "한국어");
    key(SDLK_l, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_ptr_equal(app_scene_caption(a), a->scenes.scene.caption);
    assert_string_equal(a->ui.lang, "en");
    assert_string_equal(_("saddle point"), "saddle point");
    assert_string_equal(a->ui.message, "English");

    char dir[] = "/tmp/optiviz-scene-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/mine.ini", dir);
    const char *fmt = "[scene]\ntitle = Mine\ncaption = x squared.\n[landscape]\n"
                      "function = quadratic\n[runner 1]\noptimizer = sgd\nlr = %s\n"
                      "start = 2\n";
    char text[512];
    snprintf(text, sizeof text, fmt, "0.3");
    write_file(path, text);
    char err[600];
    assert_true(app_load_scene(a, path, err, sizeof err));
    assert_int_equal(a->scenes.tour_index, -1);
    assert_float_equal(a->runs.cfg[0].optim.lr, 0.3, 0);
    assert_float_equal(a->sim.runners[0].start[0], 2.0, 0);
    snprintf(text, sizeof text, fmt, "0.7");
    write_file(path, text);
    key(SDLK_F5, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_float_equal(a->runs.cfg[0].optim.lr, 0.7, 0);
    snprintf(text, sizeof text, fmt, "0.x");
    write_file(path, text);
    key(SDLK_F5, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_float_equal(a->runs.cfg[0].optim.lr, 0.7, 0); /* nothing changed */
    assert_true(a->scenes.has_scene);
    assert_non_null(strstr(a->ui.message, "mine.ini:8: [runner 1] lr"));
    key(SDLK_1, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_false(a->scenes.has_scene);
    remove(path);
    rmdir(dir);
}

/* Points the app's exports at a fresh directory made from templ (mkdtemp)
 * and opens lesson 1. */
static void export_to(char *templ)
{
    assert_non_null(mkdtemp(templ));
    export_destroy(&a->export.exp);
    export_init(&a->export.exp, templ);
    key(SDLK_1, KMOD_NONE);
}

/* P saves the drawn frame at the framebuffer's size, X one CSV per runner
 * in trace's format, into the output directory. */
static void test_export_keys(void **state)
{
    (void)state;
    static char dir[] = "/tmp/optiviz-export-XXXXXX";
    export_to(dir);
    key(SDLK_a, KMOD_NONE); /* two runners */
    key(SDLK_p, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_non_null(strstr(a->export.exp.last_path, dir));
    SDL_Surface *img = IMG_Load(a->export.exp.last_path);
    assert_non_null(img);
    assert_int_equal(img->w, a->fb_w);
    assert_int_equal(img->h, a->fb_h);
    SDL_FreeSurface(img);
    remove(a->export.exp.last_path);
    key(SDLK_x, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    int csv = 0;
    DIR *d = opendir(dir);
    assert_non_null(d);
    for (struct dirent *e; (e = readdir(d));) {
        if (!strstr(e->d_name, ".csv"))
            continue;
        char p[512], line[256];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        FILE *f = fopen(p, "r");
        assert_non_null(f);
        assert_non_null(fgets(line, sizeof line, f));
        assert_string_equal(line, "step,x,f,df\n");
        fclose(f);
        remove(p);
        csv++;
    }
    closedir(d);
    assert_int_equal(csv, 2);
    rmdir(dir);
    key(SDLK_DELETE, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    export_destroy(&a->export.exp);
    export_init(&a->export.exp, NULL);
}

/* 19. V records at the pace on screen: 5 s of frames drawn every 0.1 s
 * make 5 s of video at 30 fps (150 frames, each drawn frame standing for
 * three), and the REC mark shown on screen is not in the frames. */
static void test_record_pace(void **state)
{
    (void)state;
    static char dir[] = "/tmp/optiviz-rec-XXXXXX";
    export_to(dir);
    assert_true(app_frame(a, FRAME_DT));
    key(SDLK_v, KMOD_NONE);
    assert_true(app_frame(a, 0.0)); /* recording starts: its first frame at once */
    for (int i = 0; i < 50; i++)
        assert_true(app_frame(a, 0.1));
    assert_true(a->export.exp.frames >= 150 && a->export.exp.frames <= 151);
    static char rec[EXPORT_PATH_MAX];
    memcpy(rec, a->export.exp.rec_dir, sizeof rec);
    key(SDLK_v, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    for (int i = 0; i < 600 && export_poll(&a->export.exp) == EXPORT_JOB_RUNNING; i++)
        SDL_Delay(50);
    /* the REC mark's dot, where draw_rec_mark puts it: red on screen, not
     * in the video's last frame */
    layout lay;
    app_layout(a, a->fb_w, a->fb_h, &lay);
    static char path[EXPORT_PATH_MAX + 32];
    snprintf(path, sizeof path, "%.*s/frame-%06d.png", (int)(sizeof rec - 1), rec, 140);
    SDL_Surface *img = IMG_Load(path);
    if (img) { /* ffmpeg may have encoded and removed the frames */
        SDL_Surface *rgba = SDL_ConvertSurfaceFormat(img, SDL_PIXELFORMAT_ABGR8888, 0);
        assert_non_null(rgba);
        const uint8_t *row = (const uint8_t *)rgba->pixels;
        bool red = false;
        for (int y = (int)(10 * lay.scale); y < (int)(50 * lay.scale); y++)
            for (int x = (int)(lay.side_x - 300 * lay.scale); x < (int)lay.side_x; x++) {
                const uint8_t *p = row + (size_t)y * (size_t)rgba->pitch + (size_t)x * 4;
                red = red || (p[0] > 230 && p[1] > 100 && p[1] < 140 && p[2] > 80 && p[2] < 120);
            }
        assert_false(red);
        SDL_FreeSurface(rgba);
        SDL_FreeSurface(img);
    }
    export_destroy(&a->export.exp);
    export_init(&a->export.exp, NULL);
}

/* Runs frames until runner 0 settles (or n frames pass). */
static void run_until_settled(int n)
{
    for (int i = 0; i < n && a->sim.runners[0].status == RUNNER_RUNNING; i++)
        assert_true(app_frame(a, 0.25));
}

/* The lesson does what the teacher means (issue: items 1, 2, 4, 5, 6, 21).
 * A change wakes a settled runner from where it is; lesson keys and Tab
 * give the lesson as designed, Shift+R resets it; only the changed runner
 * restarts; a start is never where f is undefined; Left takes a step back
 * exactly and Right replays it. */
static void test_lesson_behaviour(void **state)
{
    (void)state;
    /* 1. lesson 2 settles in the local minimum; N makes it move on from there */
    key(SDLK_2, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    run_until_settled(400);
    runner *r = &a->sim.runners[0];
    assert_int_equal(r->status, RUNNER_CONVERGED);
    const double settled = r->x[0];
    const long at = r->step;
    assert_near(settled, -0.27385, 1e-4);
    key(SDLK_n, KMOD_NONE);
    for (int i = 0; i < 8; i++)
        assert_true(app_frame(a, 0.25));
    assert_true(r->step > at);             /* it steps again, from where it was */
    assert_true(r->x[0] != settled);
    assert_int_not_equal(r->status, RUNNER_CONVERGED);
    /* 2. O four times (Adam), then 3: the x^3 lesson as designed, gd at 8/s */
    for (int i = 0; i < 4; i++)
        key(SDLK_o, KMOD_NONE);
    key(SDLK_GREATER, KMOD_NONE); /* a faster pace too */
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->sim.runners[0].opt.kind, OPTIM_ADAM);
    key(SDLK_3, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_string_equal(a->lesson.land->name, "cubic");
    assert_int_equal(a->sim.n_runners, 1);
    assert_int_equal(a->sim.runners[0].opt.kind, OPTIM_SGD);
    assert_near(a->sim.runners[0].opt.p.lr, 0.05, 0);
    assert_near(a->sim.steps_per_second, APP_DEFAULT_STEPS_PER_SECOND, 0);
    assert_false(a->runs.noise_on);
    assert_near(a->sim.runners[0].start[0], 1.5, 0);
    /* after the tour's last scene (2 steps/s) a lesson runs at 8 again */
    for (int i = 0; i < 10; i++)
        key(SDLK_PAGEDOWN, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_near(a->sim.steps_per_second, 2.0, 0);
    key(SDLK_3, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_near(a->sim.steps_per_second, APP_DEFAULT_STEPS_PER_SECOND, 0);
    /* 21. Tab to "Newton's method" (cosh): it runs Newton */
    while (strcmp(a->lesson.land->name, "cosh") != 0) {
        key(SDLK_TAB, KMOD_NONE);
        assert_true(app_frame(a, FRAME_DT));
    }
    assert_int_equal(a->sim.runners[0].opt.kind, OPTIM_NEWTON);
    run_until_settled(40);
    assert_int_equal(a->sim.runners[0].status, RUNNER_CONVERGED);
    assert_near(a->sim.runners[0].x[0], 0.0, 1e-6);
    /* Shift+R: the lesson as designed after changes */
    key(SDLK_a, KMOD_NONE);
    key(SDLK_n, KMOD_NONE);
    key(SDLK_LESS, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->sim.n_runners, 2);
    key(SDLK_r, KMOD_LSHIFT);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->sim.n_runners, 1);
    assert_int_equal(a->sim.runners[0].opt.kind, OPTIM_NEWTON);
    assert_false(a->runs.noise_on);
    assert_near(a->sim.steps_per_second, APP_DEFAULT_STEPS_PER_SECOND, 0);
    assert_true(a->sim.runners[0].step <= 1);
    /* 4. only the changed runner restarts: A, run, then O and Delete */
    key(SDLK_2, KMOD_NONE);
    key(SDLK_a, KMOD_NONE);
    key(SDLK_a, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    key(SDLK_SPACE, KMOD_NONE);
    for (int i = 0; i < 20; i++)
        key(SDLK_RIGHT, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    const long s0 = a->sim.runners[0].step, s1 = a->sim.runners[1].step;
    assert_true(s0 >= 20 && s1 >= 1);
    const double x0 = a->sim.runners[0].x[0];
    key(SDLK_o, KMOD_NONE); /* runner 3 (selected) changes optimizer */
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->sim.runners[2].step, 0);
    assert_int_equal(a->sim.runners[0].step, s0);
    assert_int_equal(a->sim.runners[1].step, s1);
    assert_true(a->sim.runners[0].x[0] == x0);
    key(SDLK_DELETE, KMOD_NONE); /* runner 3 goes; 1 and 2 keep their runs */
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->sim.n_runners, 2);
    assert_int_equal(a->sim.runners[0].step, s0);
    assert_int_equal(a->sim.runners[1].step, s1);
    /* 6. Left takes a step back exactly; Right replays the same step */
    key(SDLK_r, KMOD_LSHIFT);
    assert_true(app_frame(a, FRAME_DT));
    key(SDLK_n, KMOD_NONE); /* with noise: the replay draws the same noise */
    key(SDLK_SPACE, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    double xs[8];
    for (int i = 0; i < 8; i++) {
        key(SDLK_RIGHT, KMOD_NONE);
        assert_true(app_frame(a, FRAME_DT));
        xs[i] = a->sim.runners[0].x[0];
    }
    const long last = a->sim.runners[0].step;
    key(SDLK_LEFT, KMOD_NONE);
    key(SDLK_LEFT, KMOD_NONE);
    key(SDLK_LEFT, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->sim.runners[0].step, last - 3);
    assert_true(a->sim.runners[0].x[0] == xs[4]);
    assert_true(a->sim.paused);
    key(SDLK_RIGHT, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_true(a->sim.runners[0].x[0] == xs[5]); /* bit for bit */
    /* 5. a start where f is undefined: sqrt(x) - x/2 on -1:6, start dropped
     * at -0.5 goes to the nearest point where f is defined, and R keeps it */
    key(SDLK_e, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    key(SDLK_END, KMOD_NONE);
    for (int i = 0; i < 80; i++)
        key(SDLK_BACKSPACE, KMOD_NONE);
    text("sqrt(x) - x/2");
    key(SDLK_TAB, KMOD_NONE);
    key(SDLK_END, KMOD_NONE);
    for (int i = 0; i < 40; i++)
        key(SDLK_BACKSPACE, KMOD_NONE);
    text("-1:6");
    key(SDLK_RETURN, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_string_equal(a->lesson.land->name, "expr");
    layout lay;
    app_layout(a, a->fb_w, a->fb_h, &lay);
    int ww, wh;
    window_size(&a->win, &ww, &wh);
    const float sx = (float)ww / (float)a->fb_w;
    const int y = (int)((lay.plot_y + lay.plot_h / 2) * sx);
    const int xb = (int)(view_x_to_px(&a->view, &lay, -0.5) * sx);
    mouse_button(SDL_MOUSEBUTTONDOWN, SDL_BUTTON_LEFT, xb, y);
    mouse_button(SDL_MOUSEBUTTONUP, SDL_BUTTON_LEFT, xb, y);
    assert_true(app_frame(a, FRAME_DT));
    const double st = a->sim.runners[0].start[0];
    assert_true(st > 0.0 && st < 0.01);
    assert_non_null(strstr(a->ui.message, "undefined"));
    key(SDLK_r, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_true(a->sim.runners[0].x[0] == st);
    assert_int_not_equal(a->sim.runners[0].status, RUNNER_UNDEFINED);
    /* 23. Ctrl+0 means "follow the display": saved as 0, not this display's value */
    key(SDLK_EQUALS, KMOD_LCTRL);
    assert_true(app_frame(a, FRAME_DT));
    assert_near(app_settings_now(a).ui_scale, a->ui.ui_scale, 0);
    assert_true(app_settings_now(a).ui_scale > 1.0);
    key(SDLK_0, KMOD_LCTRL);
    assert_true(app_frame(a, FRAME_DT));
    assert_near(app_settings_now(a).ui_scale, 0.0, 0);
}

/* 22. F11 twice comes back to the window's own size (without a window
 * manager nobody else restores it), and the layout with it. */
static void test_fullscreen_round_trip(void **state)
{
    (void)state;
    int w0, h0, w1, h1, w2, h2;
    window_size(&a->win, &w0, &h0);
    key(SDLK_F11, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    window_size(&a->win, &w1, &h1);
    key(SDLK_F11, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    window_size(&a->win, &w2, &h2);
    assert_false(a->ui.fullscreen);
    assert_int_equal(w2, w0);
    assert_int_equal(h2, h0);
    assert_int_equal(a->win.windowed_w, w0);
    printf("F11: %dx%d -> %dx%d -> %dx%d\n", w0, h0, w1, h1, w2, h2);
}

/* 15. Labels never overlap: a dozen labels for points crowded together
 * (Himmelblau's critical points seen from afar) are placed apart, inside
 * the plot, or left out; none covers another or a reserved box. */
static void test_labels_apart(void **state)
{
    (void)state;
    layout lay;
    layout_compute(1280, 720, 1.0f, &lay);
    label_placer pl = {0};
    const float cx = lay.plot_x + lay.plot_w / 2, cy = lay.plot_y + lay.plot_h / 2;
    labels_reserve(&pl, lay.plot_x, lay.plot_y, 300, 80); /* a legend */
    float box[12][4];
    int placed = 0;
    for (int i = 0; i < 12; i++) {
        const float px = cx + (float)(i % 4) * 30 - 45, py = cy + (float)(i / 4) * 25 - 25;
        float x, y;
        if (labels_place(&pl, &lay, px, py, 230, 30, &x, &y)) {
            box[placed][0] = x;
            box[placed][1] = y;
            box[placed][2] = 230;
            box[placed][3] = 30;
            placed++;
        }
    }
    printf("labels: %d of 12 placed apart\n", placed);
    assert_true(placed >= 5);
    for (int i = 0; i < placed; i++) {
        assert_true(box[i][0] >= lay.plot_x && box[i][0] + box[i][2] <= lay.plot_x + lay.plot_w);
        assert_true(box[i][1] >= lay.plot_y && box[i][1] + box[i][3] <= lay.plot_y + lay.plot_h);
        assert_false(box[i][0] < lay.plot_x + 300 && box[i][1] < lay.plot_y + 80); /* legend */
        for (int j = 0; j < i; j++)
            assert_true(box[i][0] + box[i][2] <= box[j][0] || box[j][0] + box[j][2] <= box[i][0] ||
                        box[i][1] + box[i][3] <= box[j][1] || box[j][1] + box[j][3] <= box[i][1]);
    }
}

/* The window draws only when the picture changes: a paused lesson with
 * nothing on screen that times out draws no frame and may sleep the
 * longest wait; a key, a step of a running lesson and a message's end each
 * draw one. Time passes on the app's clock (dt), never by sleeping. */
static void test_redraw_only_on_change(void **state)
{
    (void)state;
    key(SDLK_1, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    if (!a->sim.paused)
        key(SDLK_SPACE, KMOD_NONE);
    a->ui.keycast = false;
    a->ui.message[0] = '\0';
    assert_true(app_frame(a, FRAME_DT));
    assert_true(a->sim.paused);
    long drawn = a->frames_drawn;
    for (int i = 0; i < 5; i++)
        assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->frames_drawn, drawn);
    assert_false(app_needs_redraw(a));
    assert_int_equal(app_wait_ms(a), APP_WAIT_MAX_MS);

    key(SDLK_b, KMOD_NONE); /* a theme change: one frame */
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->frames_drawn, drawn + 1);
    key(SDLK_b, KMOD_NONE);
    key(SDLK_b, KMOD_NONE); /* back to the first theme */
    assert_true(app_frame(a, FRAME_DT));

    /* running at 8 steps a second: the wait ends at the next step */
    key(SDLK_SPACE, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_false(a->sim.paused);
    drawn = a->frames_drawn;
    const uint32_t wait = app_wait_ms(a);
    assert_true(wait > 0 && wait <= 126);
    const long steps = a->sim.runners[0].step;
    assert_true(app_frame(a, (wait + 1) / 1000.0));
    assert_true(a->sim.runners[0].step > steps);
    assert_int_equal(a->frames_drawn, drawn + 1);
    key(SDLK_SPACE, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));

    /* a message draws when it appears and when it ends, not between */
    app_message(a, 60, "hello");
    assert_true(app_wait_ms(a) == 0);
    assert_true(app_frame(a, FRAME_DT));
    drawn = a->frames_drawn;
    assert_true(app_wait_ms(a) > 0 && app_wait_ms(a) <= 61);
    assert_true(app_frame(a, 0.02));
    assert_int_equal(a->frames_drawn, drawn);
    assert_true(app_frame(a, 0.05));
    assert_int_equal(a->frames_drawn, drawn + 1);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->frames_drawn, drawn + 1);
}

/* Tryout findings 1 and 6: after the tour's scene 11 (a contour map at 2
 * steps/s) and scene 1 (4 steps/s), a lesson key gives the lesson's own view
 * (the surface) and pace (8 steps/s). */
static void test_lesson_key_after_tour(void **state)
{
    (void)state;
    key(SDLK_1, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    for (int i = 0; i < 10; i++)
        key(SDLK_PAGEDOWN, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_int_equal(a->scenes.tour_index, 10);
    assert_int_equal(a->view.kind, VIEW_CONTOUR);
    key(SDLK_4, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_string_equal(a->lesson.land->name, "saddle");
    assert_int_equal(a->view.kind, VIEW_SURFACE);
    assert_float_equal(a->sim.steps_per_second, APP_DEFAULT_STEPS_PER_SECOND, 0);
    key(SDLK_PAGEDOWN, KMOD_NONE); /* the tour again, from its first scene */
    assert_true(app_frame(a, FRAME_DT));
    key(SDLK_1, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
    assert_float_equal(a->sim.steps_per_second, APP_DEFAULT_STEPS_PER_SECOND, 0);
}

/* Tryout finding 2: x^2 - y^2 and x^3 have no lowest minimum (f falls
 * without bound): Shift+J gives no log scale and says why, instead of
 * taking the lowest value seen for f*. */
static void test_log_scale_needs_a_minimum(void **state)
{
    (void)state;
    a->ui.loss_log = false; /* an earlier test leaves it on */
    const SDL_Keycode lessons[2] = {SDLK_4, SDLK_3};
    for (int k = 0; k < 2; k++) {
        key(lessons[k], KMOD_NONE);
        key(SDLK_j, KMOD_NONE);
        key(SDLK_j, KMOD_LSHIFT);
        assert_true(app_frame(a, FRAME_DT));
        assert_true(a->ui.loss_panel);
        assert_false(a->ui.loss_log);
        assert_non_null(strstr(a->ui.message, "no lowest minimum"));
        key(SDLK_j, KMOD_NONE);
        assert_true(app_frame(a, FRAME_DT));
    }
    key(SDLK_1, KMOD_NONE); /* risk has one: log scale on */
    key(SDLK_j, KMOD_LSHIFT);
    assert_true(app_frame(a, FRAME_DT));
    assert_true(a->ui.loss_log);
    key(SDLK_4, KMOD_NONE); /* on, then a lesson without: the panel stays linear */
    assert_true(app_frame(a, FRAME_DT));
    assert_false(app_loss_log(a));
    key(SDLK_j, KMOD_LSHIFT);
    key(SDLK_j, KMOD_NONE);
    assert_true(app_frame(a, FRAME_DT));
}

/* Collects the texts a frame draws (render_observe_text). */
typedef struct drawn_texts {
    int n;
    char s[8][160];
    float right, bottom; /* the farthest any text reaches */
    const char *want;    /* a text looked for (NULL: none) */
    bool found;
    float box[4];        /* the last one found: x, y, w, h */
    float min_y;         /* found only at or below this height */
} drawn_texts;

static void on_drawn_text(void *user, const char *utf8, float x, float y, float w, float h)
{
    drawn_texts *d = user;
    if (d->n < 8)
        snprintf(d->s[d->n], sizeof d->s[0], "%s", utf8);
    d->n++;
    if (d->want && strcmp(utf8, d->want) == 0 && y >= d->min_y) {
        d->found = true;
        d->box[0] = x;
        d->box[1] = y;
        d->box[2] = w;
        d->box[3] = h;
    }
    d->right = fmaxf(d->right, x + w);
    d->bottom = fmaxf(d->bottom, y + h);
}

/* Tryout finding 5: a window smaller than the layout fits (200x150, which
 * a window manager ignoring the minimum size allows) shows one notice with
 * the minimum, inside the window, instead of the HUD drawn over the plot. */
static void test_window_too_small(void **state)
{
    (void)state;
    drawn_texts d = {0};
    render_observe_text(a->ren, on_drawn_text, &d);
    app_draw(a, a->ren, 200, 150);
    render_observe_text(a->ren, NULL, NULL);
    assert_true(d.n >= 1 && d.n <= 3); /* one notice, wrapped */
    char all[512] = "";
    for (int i = 0; i < d.n && i < 8; i++) {
        strncat(all, d.s[i], sizeof all - strlen(all) - 2);
        strcat(all, " ");
    }
    assert_non_null(strstr(all, "make the window larger"));
    assert_non_null(strstr(all, "640×360"));
    assert_true(d.right <= 200 && d.bottom <= 150);
    d = (drawn_texts){0};
    render_observe_text(a->ren, on_drawn_text, &d);
    app_draw(a, a->ren, LAYOUT_MIN_W, LAYOUT_MIN_H); /* the minimum: the whole frame */
    render_observe_text(a->ren, NULL, NULL);
    assert_true(d.n > 20);
}

/* Tryout finding 8: the contour map's colour scale starts at the known
 * lowest minimum (0 on the ill-conditioned bowl, which the grid's samples
 * miss by 6.25e-05): its note reads log10 f, not log10(f − 6.25e−05). */
static void test_scale_from_known_minimum(void **state)
{
    (void)state;
    app_set_landscape(a, landscape_find("ill-conditioned"));
    view_set_contour(&a->view, a->lesson.land, true);
    assert_float_equal(a->view.heights_lo, 0.0, 0);
    assert_true(a->view.lv.log);
    drawn_texts d = {.want = "log scale: log10 f, a line every half decade"};
    render_observe_text(a->ren, on_drawn_text, &d);
    app_draw(a, a->ren, 1280, 720);
    render_observe_text(a->ren, NULL, NULL);
    assert_true(d.found);
    app_set_landscape(a, landscape_find("saddle")); /* no minimum: the samples' lowest */
    assert_float_equal(a->view.heights_lo, -1.0, 1e-6);
    view_set_contour(&a->view, a->lesson.land, false);
}

/* Tryout finding 14: the loss panel's axis labels give the highest and
 * lowest f plotted (lesson 2 from its start: f at step 0 and at the last
 * step), not the frame's padded ends. */
static void test_loss_axis_labels_are_data(void **state)
{
    (void)state;
    app_lesson_design(a, landscape_at(1));
    app_set_lesson(a, 1);
    a->ui.loss_panel = true;
    a->ui.loss_log = false;
    for (int k = 0; k < 5; k++)
        sim_step(&a->sim);
    const runner *rn = &a->sim.runners[0];
    landscape_point p0;
    landscape_eval(a->lesson.land, rn->start, &p0);
    char hi[48], lo[48];
    format_sig(hi, sizeof hi, p0.f, 3);
    format_sig(lo, sizeof lo, rn->at.f, 3);
    assert_true(p0.f > rn->at.f);
    drawn_texts d = {.want = hi};
    render_observe_text(a->ren, on_drawn_text, &d);
    app_draw(a, a->ren, 1280, 720);
    assert_true(d.found);
    d = (drawn_texts){.want = lo};
    app_draw(a, a->ren, 1280, 720);
    render_observe_text(a->ren, NULL, NULL);
    assert_true(d.found);
    a->ui.loss_panel = false;
}

/* Tryout finding 11: a toast (L's language name) sits beside the x axis's
 * name under a curve, not on it. */
static void test_toast_beside_axis_name(void **state)
{
    (void)state;
    app_lesson_design(a, landscape_at(0));
    app_set_lesson(a, 0);
    app_message(a, 3000, "%s", "English");
    layout lay;
    app_layout(a, 1280, 720, &lay);
    /* the axis name, under the plot (the HUD has an "x" row too) */
    drawn_texts dx = {.want = "x", .min_y = lay.plot_y + lay.plot_h}, dm = {.want = "English"};
    render_observe_text(a->ren, on_drawn_text, &dx);
    app_draw(a, a->ren, 1280, 720);
    render_observe_text(a->ren, on_drawn_text, &dm);
    app_draw(a, a->ren, 1280, 720);
    render_observe_text(a->ren, NULL, NULL);
    assert_true(dx.found && dm.found);
    const float *x = dx.box, *m = dm.box;
    const bool apart = x[0] + x[2] <= m[0] || m[0] + m[2] <= x[0] || x[1] + x[3] <= m[1] ||
                       m[1] + m[3] <= x[1];
    assert_true(apart);
    a->ui.message[0] = '\0';
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys_switch_landscape),
        cmocka_unit_test(test_lr_noise_pause_step_reset),
        cmocka_unit_test(test_drag_start_1d),
        cmocka_unit_test(test_3d_rotate_pick_zoom),
        cmocka_unit_test(test_race_runners_panel),
        cmocka_unit_test(test_contour_view_and_drag),
        cmocka_unit_test(test_display_pacing_keys),
        cmocka_unit_test(test_formula_line),
        cmocka_unit_test(test_formula_domain_roundtrip),
        cmocka_unit_test(test_scene_keys),
        cmocka_unit_test(test_export_keys),
        cmocka_unit_test(test_lesson_behaviour),
        cmocka_unit_test(test_record_pace),
        cmocka_unit_test(test_fullscreen_round_trip),
        cmocka_unit_test(test_labels_apart),
        cmocka_unit_test(test_cloud_keys),
        cmocka_unit_test(test_redraw_only_on_change),
        cmocka_unit_test(test_lesson_key_after_tour),
        cmocka_unit_test(test_log_scale_needs_a_minimum),
        cmocka_unit_test(test_window_too_small),
        cmocka_unit_test(test_scale_from_known_minimum),
        cmocka_unit_test(test_loss_axis_labels_are_data),
        cmocka_unit_test(test_toast_beside_axis_name),
        cmocka_unit_test(test_wheel_zooms_1d_and_quit),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
