/*
 * input.c: the binding table. Keys are matched by keycode (layout-aware);
 * '<' and '>' also match ',' and '.' with or without Shift, where they live
 * on a US keyboard.
 */
#include "app/input.h"

#include "app/i18n.h"

#include <stdio.h>

static const binding bindings[] = {
    {SDLK_1, MOD_NONE, ACTION_LESSON_1, "1", N_("risk vs empirical risk, on [0.5, 1.5]")},
    {SDLK_2, MOD_NONE, ACTION_LESSON_2, "2", N_("risk: local vs global minimum, on [−1, 2]")},
    {SDLK_3, MOD_NONE, ACTION_LESSON_3, "3", N_("x³: saddle point in 1D")},
    {SDLK_4, MOD_NONE, ACTION_LESSON_4, "4", N_("x² − y²: saddle point in 2D (3D view)")},
    {SDLK_5, MOD_NONE, ACTION_LESSON_5, "5", N_("tanh: vanishing gradient on a plateau")},
    {SDLK_TAB, MOD_NONE, ACTION_LESSON_NEXT, "Tab / Shift+Tab", N_("next / previous landscape")},
    {SDLK_TAB, MOD_SHIFT, ACTION_LESSON_PREV, NULL, NULL},
    {SDLK_UP, MOD_NONE, ACTION_LR_UP, "Up / Down", N_("learning rate × 1.25 / ÷ 1.25")},
    {SDLK_DOWN, MOD_NONE, ACTION_LR_DOWN, NULL, NULL},
    {SDLK_n, MOD_NONE, ACTION_NOISE_TOGGLE, "N", N_("gradient noise on / off")},
    {SDLK_LEFTBRACKET, MOD_NONE, ACTION_NOISE_DOWN, "[ / ]", N_("noise σ ÷ 1.25 / × 1.25")},
    {SDLK_RIGHTBRACKET, MOD_NONE, ACTION_NOISE_UP, NULL, NULL},
    {SDLK_SPACE, MOD_ANY, ACTION_PAUSE, "Space", N_("pause / resume")},
    {SDLK_RIGHT, MOD_NONE, ACTION_STEP, N_("Right or S"), N_("one step (pauses first)")},
    {SDLK_s, MOD_NONE, ACTION_STEP, NULL, NULL},
    {SDLK_r, MOD_NONE, ACTION_RESET, "R", N_("reset to the start point")},
    {SDLK_LESS, MOD_ANY, ACTION_SPEED_DOWN, "< / >", N_("steps per second ÷ 2 / × 2")},
    {SDLK_GREATER, MOD_ANY, ACTION_SPEED_UP, NULL, NULL},
    {SDLK_COMMA, MOD_ANY, ACTION_SPEED_DOWN, NULL, NULL},
    {SDLK_PERIOD, MOD_ANY, ACTION_SPEED_UP, NULL, NULL},
    {SDLK_LEFT, MOD_SHIFT, ACTION_ROTATE_LEFT, N_("Shift+arrows"), N_("rotate the 3D view")},
    {SDLK_RIGHT, MOD_SHIFT, ACTION_ROTATE_RIGHT, NULL, NULL},
    {SDLK_UP, MOD_SHIFT, ACTION_ROTATE_UP, NULL, NULL},
    {SDLK_DOWN, MOD_SHIFT, ACTION_ROTATE_DOWN, NULL, NULL},
    {SDLK_EQUALS, MOD_CTRL, ACTION_UI_LARGER, "Ctrl+Plus / Minus", N_("larger / smaller text and lines")},
    {SDLK_PLUS, MOD_CTRL, ACTION_UI_LARGER, NULL, NULL},
    {SDLK_KP_PLUS, MOD_CTRL, ACTION_UI_LARGER, NULL, NULL},
    {SDLK_MINUS, MOD_CTRL, ACTION_UI_SMALLER, NULL, NULL},
    {SDLK_0, MOD_CTRL, ACTION_UI_RESET, "Ctrl+0", N_("text and lines at the display's default size")},
    {SDLK_KP_MINUS, MOD_CTRL, ACTION_UI_SMALLER, NULL, NULL},
    {SDLK_EQUALS, MOD_ANY, ACTION_ZOOM_IN, "+ / −", N_("zoom in / out (also the mouse wheel)")},
    {SDLK_KP_PLUS, MOD_ANY, ACTION_ZOOM_IN, NULL, NULL},
    {SDLK_MINUS, MOD_ANY, ACTION_ZOOM_OUT, NULL, NULL},
    {SDLK_KP_MINUS, MOD_ANY, ACTION_ZOOM_OUT, NULL, NULL},
    {SDLK_o, MOD_NONE, ACTION_OPTIM_CYCLE, "O", N_("next optimizer for the selected runner")},
    {SDLK_a, MOD_NONE, ACTION_RUNNER_ADD, "A", N_("add a runner (next optimizer, same start)")},
    {SDLK_DELETE, MOD_ANY, ACTION_RUNNER_REMOVE, "Delete", N_("remove the selected runner")},
    {SDLK_w, MOD_NONE, ACTION_RUNNER_SELECT, "W", N_("select the next runner")},
    {SDLK_UP, MOD_CTRL, ACTION_FIELD_PREV, "Ctrl+Up / Down", N_("select a hyperparameter")},
    {SDLK_DOWN, MOD_CTRL, ACTION_FIELD_NEXT, NULL, NULL},
    {SDLK_LEFT, MOD_CTRL, ACTION_FIELD_DEC, "Ctrl+Left / Right", N_("change it (÷ / × 1.25, flip)")},
    {SDLK_RIGHT, MOD_CTRL, ACTION_FIELD_INC, NULL, NULL},
    {SDLK_d, MOD_NONE, ACTION_SCHEDULE_CYCLE, "D", N_("next learning-rate schedule")},
    {SDLK_g, MOD_NONE, ACTION_ARROWS, "G", N_("gradient and update arrows")},
    {SDLK_k, MOD_NONE, ACTION_ANNOTATE, "K", N_("labels: minima, saddle points, plateaus")},
    {SDLK_c, MOD_NONE, ACTION_VIEW_TOGGLE, "C", N_("2D: surface or contour map")},
    {SDLK_t, MOD_NONE, ACTION_EXPLAIN, "T", N_("step by step: the update with its numbers")},
    {SDLK_END, MOD_ANY, ACTION_RUN_TO_END, "End", N_("run to convergence at once (≤ 100 000 steps)")},
    {SDLK_LEFTBRACKET, MOD_SHIFT, ACTION_TRAIL_SHORTER, "{ / }", N_("shorter / longer trails")},
    {SDLK_RIGHTBRACKET, MOD_SHIFT, ACTION_TRAIL_LONGER, NULL, NULL},
    {SDLK_j, MOD_NONE, ACTION_LOSS_PANEL, "J / Shift+J", N_("loss over steps / its log scale")},
    {SDLK_j, MOD_SHIFT, ACTION_LOSS_LOG, NULL, NULL},
    {SDLK_e, MOD_NONE, ACTION_FORMULA, "E", N_("type your own function")},
    {SDLK_PAGEDOWN, MOD_ANY, ACTION_SCENE_NEXT, "PageDown / PageUp", N_("next / previous scene of the tour")},
    {SDLK_PAGEUP, MOD_ANY, ACTION_SCENE_PREV, NULL, NULL},
    {SDLK_F5, MOD_ANY, ACTION_SCENE_RELOAD, "F5", N_("reload the scene file")},
    {SDLK_l, MOD_NONE, ACTION_LANGUAGE, "L", N_("language: English / 한국어 (every word)")},
    {SDLK_p, MOD_NONE, ACTION_EXPORT_PNG, "P", N_("save a PNG of the window")},
    {SDLK_x, MOD_NONE, ACTION_EXPORT_CSV, "X", N_("save each runner's trajectory as CSV")},
    {SDLK_v, MOD_NONE, ACTION_RECORD, "V", N_("record a video: start / stop (PNGs, MP4, GIF)")},
    {SDLK_b, MOD_NONE, ACTION_THEME, "B", N_("theme: dark / light / high contrast")},
    {SDLK_F9, MOD_ANY, ACTION_KEYCAST, "F9", N_("show the keys pressed (key-cast)")},
    {SDLK_F11, MOD_ANY, ACTION_FULLSCREEN, "F11", N_("fullscreen")},
    {SDLK_m, MOD_NONE, ACTION_CLOUD_TOGGLE, "M", N_("particle cloud: where many runs settle")},
    {SDLK_h, MOD_NONE, ACTION_HELP, N_("H or F1"), N_("this help")},
    {SDLK_F1, MOD_ANY, ACTION_HELP, NULL, NULL},
    {SDLK_ESCAPE, MOD_ANY, ACTION_QUIT, N_("Esc or Q"), N_("quit")},
    {SDLK_q, MOD_NONE, ACTION_QUIT, NULL, NULL},
};

const binding *input_bindings(int *count)
{
    *count = (int)(sizeof bindings / sizeof bindings[0]);
    return bindings;
}

/* Index of the binding row a key event matches, or -1. */
static int binding_row(const SDL_KeyboardEvent *key)
{
    const SDL_Keymod m = (SDL_Keymod)key->keysym.mod;
    const bool shift = (m & KMOD_SHIFT) != 0;
    const bool ctrl = (m & KMOD_CTRL) != 0;
    const bool other = (m & (KMOD_CTRL | KMOD_ALT | KMOD_GUI)) != 0;
    for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++) {
        const binding *b = &bindings[i];
        if (b->key != key->keysym.sym)
            continue;
        if (b->mod == MOD_ANY || (b->mod == MOD_NONE && !shift && !other) ||
            (b->mod == MOD_SHIFT && shift && !other) || (b->mod == MOD_CTRL && ctrl))
            return (int)i;
    }
    return -1;
}

action input_translate_key(const SDL_KeyboardEvent *key)
{
    const int row = binding_row(key);
    return row < 0 ? ACTION_NONE : bindings[row].act;
}

/* What each half of a shared help line does, for the key-cast overlay
 * (the help overlay shows both halves on one line). */
static const struct {
    action act;
    const char *text;
} cast_texts[] = {
    {ACTION_LESSON_NEXT, N_("next landscape")},
    {ACTION_LESSON_PREV, N_("previous landscape")},
    {ACTION_LR_UP, N_("learning rate × 1.25")},
    {ACTION_LR_DOWN, N_("learning rate ÷ 1.25")},
    {ACTION_NOISE_DOWN, N_("noise σ ÷ 1.25")},
    {ACTION_NOISE_UP, N_("noise σ × 1.25")},
    {ACTION_SPEED_DOWN, N_("steps per second ÷ 2")},
    {ACTION_SPEED_UP, N_("steps per second × 2")},
    {ACTION_ROTATE_LEFT, N_("rotate left")},
    {ACTION_ROTATE_RIGHT, N_("rotate right")},
    {ACTION_ROTATE_UP, N_("tilt up")},
    {ACTION_ROTATE_DOWN, N_("tilt down")},
    {ACTION_ZOOM_IN, N_("zoom in")},
    {ACTION_ZOOM_OUT, N_("zoom out")},
    {ACTION_UI_LARGER, N_("larger text and lines")},
    {ACTION_UI_SMALLER, N_("smaller text and lines")},
    {ACTION_FIELD_PREV, N_("previous hyperparameter")},
    {ACTION_FIELD_NEXT, N_("next hyperparameter")},
    {ACTION_FIELD_DEC, N_("hyperparameter down")},
    {ACTION_FIELD_INC, N_("hyperparameter up")},
    {ACTION_TRAIL_SHORTER, N_("shorter trails")},
    {ACTION_TRAIL_LONGER, N_("longer trails")},
    {ACTION_LOSS_PANEL, N_("loss over steps")},
    {ACTION_LOSS_LOG, N_("loss panel: log scale")},
    {ACTION_SCENE_NEXT, N_("next scene")},
    {ACTION_SCENE_PREV, N_("previous scene")},
    {ACTION_PAUSE, N_("pause / resume")},
};

/* The key as the audience knows it: "+" and "−" rather than "=" and "-",
 * Shift only where it is not part of the symbol. */
static void key_name(const SDL_KeyboardEvent *key, char *out, size_t len)
{
    const SDL_Keycode k = key->keysym.sym;
    const SDL_Keymod m = (SDL_Keymod)key->keysym.mod;
    const char *name = SDL_GetKeyName(k);
    bool symbol = false;
    switch (k) {
    case SDLK_EQUALS:
    case SDLK_PLUS:
    case SDLK_KP_PLUS:
        name = "+";
        symbol = true;
        break;
    case SDLK_MINUS:
    case SDLK_KP_MINUS:
        name = "−";
        symbol = true;
        break;
    case SDLK_LEFTBRACKET:
        name = (m & KMOD_SHIFT) ? "{" : "[";
        symbol = true;
        break;
    case SDLK_RIGHTBRACKET:
        name = (m & KMOD_SHIFT) ? "}" : "]";
        symbol = true;
        break;
    case SDLK_COMMA:
    case SDLK_LESS:
        name = "<";
        symbol = true;
        break;
    case SDLK_PERIOD:
    case SDLK_GREATER:
        name = ">";
        symbol = true;
        break;
    default:
        break;
    }
    snprintf(out, len, "%s%s%s", (m & KMOD_CTRL) ? "Ctrl+" : "",
             (m & KMOD_SHIFT) && !symbol ? "Shift+" : "", name && name[0] ? name : "?");
}

bool input_describe(const SDL_KeyboardEvent *key, char *out, size_t len)
{
    int row = binding_row(key);
    if (row < 0)
        return false;
    const action act = bindings[row].act;
    char name[48];
    key_name(key, name, sizeof name);
    for (size_t i = 0; i < sizeof cast_texts / sizeof cast_texts[0]; i++) {
        if (cast_texts[i].act == act) {
            snprintf(out, len, "%s: %s", name, _(cast_texts[i].text));
            return true;
        }
    }
    while (row > 0 && !bindings[row].help)
        row--; /* rows sharing a line take its text */
    snprintf(out, len, "%s: %s", name, _(bindings[row].help));
    return true;
}
