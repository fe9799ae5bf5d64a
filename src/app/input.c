/*
 * input.c: the binding table. Keys are matched by keycode (layout-aware);
 * '<' and '>' also match ',' and '.' with or without Shift, where they live
 * on a US keyboard.
 */
#include "app/input.h"

#include "app/i18n.h"

#include <stdio.h>
#include <string.h>

/* The modes of a row: the window's keys, the formula line's. */
#define WIN INPUT_MODE_WINDOW
#define LINE INPUT_MODE_LINE

static const binding bindings[] = {
    {SDLK_1, MOD_NONE, ACTION_LESSON_1, "1", N_("risk vs empirical risk, on [0.5, 1.5]"), NULL,
     WIN},
    {SDLK_2, MOD_NONE, ACTION_LESSON_2, "2", N_("risk: local vs global minimum, on [−1, 2]"), NULL,
     WIN},
    {SDLK_3, MOD_NONE, ACTION_LESSON_3, "3", N_("x³: saddle point in 1D"), NULL, WIN},
    {SDLK_4, MOD_NONE, ACTION_LESSON_4, "4", N_("x² − y²: saddle point in 2D (3D view)"), NULL,
     WIN},
    {SDLK_5, MOD_NONE, ACTION_LESSON_5, "5", N_("tanh: vanishing gradient on a plateau"), NULL,
     WIN},
    {SDLK_TAB, MOD_NONE, ACTION_LESSON_NEXT, "Tab / Shift+Tab", N_("next / previous landscape"),
     N_("next landscape"), WIN},
    {SDLK_TAB, MOD_SHIFT, ACTION_LESSON_PREV, NULL, NULL, N_("previous landscape"), WIN},
    {SDLK_UP, MOD_NONE, ACTION_LR_UP, "Up / Down", N_("learning rate × 1.25 / ÷ 1.25"),
     N_("learning rate × 1.25"), WIN},
    {SDLK_DOWN, MOD_NONE, ACTION_LR_DOWN, NULL, NULL, N_("learning rate ÷ 1.25"), WIN},
    {SDLK_n, MOD_NONE, ACTION_NOISE_TOGGLE, "N", N_("gradient noise on / off"), NULL, WIN},
    {SDLK_LEFTBRACKET, MOD_NONE, ACTION_NOISE_DOWN, "[ / ]", N_("noise σ ÷ 1.25 / × 1.25"),
     N_("noise σ ÷ 1.25"), WIN},
    {SDLK_RIGHTBRACKET, MOD_NONE, ACTION_NOISE_UP, NULL, NULL, N_("noise σ × 1.25"), WIN},
    {SDLK_SPACE, MOD_ANY, ACTION_PAUSE, "Space", N_("pause / resume"), N_("pause / resume"), WIN},
    {SDLK_RIGHT, MOD_NONE, ACTION_STEP, N_("Right or S"), N_("one step (pauses first)"), NULL, WIN},
    {SDLK_s, MOD_NONE, ACTION_STEP, NULL, NULL, NULL, WIN},
    {SDLK_LEFT, MOD_NONE, ACTION_STEP_BACK, "Left", N_("one step back, exactly (Right replays it)"),
     N_("one step back"), WIN},
    {SDLK_r, MOD_NONE, ACTION_RESET, "R", N_("reset to the start point"), NULL, WIN},
    {SDLK_r, MOD_SHIFT, ACTION_LESSON_RESET, "Shift+R",
     N_("the lesson as designed (runners, lr, noise, pace, start)"), N_("lesson reset"), WIN},
    {SDLK_LESS, MOD_ANY, ACTION_SPEED_DOWN, "< / >", N_("steps per second ÷ 2 / × 2"),
     N_("steps per second ÷ 2"), WIN},
    {SDLK_GREATER, MOD_ANY, ACTION_SPEED_UP, NULL, NULL, N_("steps per second × 2"), WIN},
    {SDLK_COMMA, MOD_ANY, ACTION_SPEED_DOWN, NULL, NULL, N_("steps per second ÷ 2"), WIN},
    {SDLK_PERIOD, MOD_ANY, ACTION_SPEED_UP, NULL, NULL, N_("steps per second × 2"), WIN},
    {SDLK_LEFT, MOD_SHIFT, ACTION_ROTATE_LEFT, N_("Shift+arrows"), N_("rotate the 3D view"),
     N_("rotate left"), WIN},
    {SDLK_RIGHT, MOD_SHIFT, ACTION_ROTATE_RIGHT, NULL, NULL, N_("rotate right"), WIN},
    {SDLK_UP, MOD_SHIFT, ACTION_ROTATE_UP, NULL, NULL, N_("tilt up"), WIN},
    {SDLK_DOWN, MOD_SHIFT, ACTION_ROTATE_DOWN, NULL, NULL, N_("tilt down"), WIN},
    {SDLK_EQUALS, MOD_CTRL, ACTION_UI_LARGER, "Ctrl+Plus / Minus",
     N_("larger / smaller text and lines"), N_("larger text and lines"), WIN},
    {SDLK_PLUS, MOD_CTRL, ACTION_UI_LARGER, NULL, NULL, N_("larger text and lines"), WIN},
    {SDLK_KP_PLUS, MOD_CTRL, ACTION_UI_LARGER, NULL, NULL, N_("larger text and lines"), WIN},
    {SDLK_MINUS, MOD_CTRL, ACTION_UI_SMALLER, NULL, NULL, N_("smaller text and lines"), WIN},
    {SDLK_0, MOD_CTRL, ACTION_UI_RESET, "Ctrl+0",
     N_("text and lines at the display's default size"), NULL, WIN},
    {SDLK_KP_MINUS, MOD_CTRL, ACTION_UI_SMALLER, NULL, NULL, N_("smaller text and lines"), WIN},
    {SDLK_EQUALS, MOD_ANY, ACTION_ZOOM_IN, "+ / −", N_("zoom in / out (also the mouse wheel)"),
     N_("zoom in"), WIN},
    {SDLK_KP_PLUS, MOD_ANY, ACTION_ZOOM_IN, NULL, NULL, N_("zoom in"), WIN},
    {SDLK_MINUS, MOD_ANY, ACTION_ZOOM_OUT, NULL, NULL, N_("zoom out"), WIN},
    {SDLK_KP_MINUS, MOD_ANY, ACTION_ZOOM_OUT, NULL, NULL, N_("zoom out"), WIN},
    {SDLK_o, MOD_NONE, ACTION_OPTIM_CYCLE, "O", N_("next optimizer for the selected runner"), NULL,
     WIN},
    {SDLK_a, MOD_NONE, ACTION_RUNNER_ADD, "A", N_("add a runner (next optimizer, same start)"),
     NULL, WIN},
    {SDLK_DELETE, MOD_ANY, ACTION_RUNNER_REMOVE, "Delete", N_("remove the selected runner"), NULL,
     WIN},
    {SDLK_w, MOD_NONE, ACTION_RUNNER_SELECT, "W", N_("select the next runner"), NULL, WIN},
    {SDLK_UP, MOD_CTRL, ACTION_FIELD_PREV, "Ctrl+Up / Down", N_("select a hyperparameter"),
     N_("previous hyperparameter"), WIN},
    {SDLK_DOWN, MOD_CTRL, ACTION_FIELD_NEXT, NULL, NULL, N_("next hyperparameter"), WIN},
    {SDLK_LEFT, MOD_CTRL, ACTION_FIELD_DEC, "Ctrl+Left / Right", N_("change it (÷ / × 1.25, flip)"),
     N_("hyperparameter down"), WIN},
    {SDLK_RIGHT, MOD_CTRL, ACTION_FIELD_INC, NULL, NULL, N_("hyperparameter up"), WIN},
    {SDLK_d, MOD_NONE, ACTION_SCHEDULE_CYCLE, "D", N_("next learning-rate schedule"), NULL, WIN},
    {SDLK_g, MOD_NONE, ACTION_ARROWS, "G", N_("gradient and update arrows"), NULL, WIN},
    {SDLK_k, MOD_NONE, ACTION_ANNOTATE, "K", N_("labels: minima, saddle points, plateaus"), NULL,
     WIN},
    {SDLK_c, MOD_NONE, ACTION_VIEW_TOGGLE, "C", N_("2D: surface or contour map"), NULL, WIN},
    {SDLK_c, MOD_SHIFT, ACTION_SLICES, "Shift+C",
     N_("2D: slices f(x, y₀) and f(x₀, y) through the nearest critical point"), N_("slices"), WIN},
    {SDLK_t, MOD_NONE, ACTION_EXPLAIN, "T", N_("step by step: the update with its numbers"), NULL,
     WIN},
    {SDLK_END, MOD_ANY, ACTION_RUN_TO_END, "End",
     N_("run to convergence at once (≤ 100 000 steps)"), NULL, WIN},
    {SDLK_LEFTBRACKET, MOD_SHIFT, ACTION_TRAIL_SHORTER, "{ / }", N_("shorter / longer trails"),
     N_("shorter trails"), WIN},
    {SDLK_RIGHTBRACKET, MOD_SHIFT, ACTION_TRAIL_LONGER, NULL, NULL, N_("longer trails"), WIN},
    {SDLK_j, MOD_NONE, ACTION_LOSS_PANEL, "J / Shift+J", N_("loss over steps / its log scale"),
     N_("loss over steps"), WIN},
    {SDLK_j, MOD_SHIFT, ACTION_LOSS_LOG, NULL, NULL, N_("loss panel: log scale"), WIN},
    {SDLK_e, MOD_NONE, ACTION_FORMULA, "E", N_("type your own function"), NULL, WIN},
    {SDLK_PAGEDOWN, MOD_ANY, ACTION_SCENE_NEXT, "PageDown / PageUp",
     N_("next / previous scene of the tour"), N_("next scene"), WIN},
    {SDLK_PAGEUP, MOD_ANY, ACTION_SCENE_PREV, NULL, NULL, N_("previous scene"), WIN},
    {SDLK_F5, MOD_ANY, ACTION_SCENE_RELOAD, "F5", N_("reload the scene file"), NULL, WIN},
    {SDLK_l, MOD_NONE, ACTION_LANGUAGE, "L", N_("language: English / 한국어 (every word)"), NULL,
     WIN},
    {SDLK_p, MOD_NONE, ACTION_EXPORT_PNG, "P", N_("save a PNG of the window"), NULL, WIN},
    {SDLK_x, MOD_NONE, ACTION_EXPORT_CSV, "X", N_("save each runner's trajectory as CSV"), NULL,
     WIN},
    {SDLK_v, MOD_NONE, ACTION_RECORD, "V", N_("record a video: start / stop (PNGs, MP4, GIF)"),
     NULL, WIN},
    {SDLK_b, MOD_NONE, ACTION_THEME, "B", N_("theme: dark / light / high contrast"), NULL, WIN},
    {SDLK_F9, MOD_ANY, ACTION_KEYCAST, "F9", N_("show the keys pressed (key-cast)"), NULL, WIN},
    {SDLK_F11, MOD_ANY, ACTION_FULLSCREEN, "F11", N_("fullscreen"), NULL, WIN},
    {SDLK_m, MOD_NONE, ACTION_CLOUD_TOGGLE, "M", N_("particle cloud: where many runs settle"), NULL,
     WIN},
    {SDLK_h, MOD_NONE, ACTION_HELP, N_("H or F1"), N_("this help"), NULL, WIN},
    {SDLK_F1, MOD_ANY, ACTION_HELP, NULL, NULL, NULL, WIN},
    {SDLK_ESCAPE, MOD_ANY, ACTION_QUIT, N_("Esc or Q"), N_("quit"), NULL, WIN},
    {SDLK_q, MOD_NONE, ACTION_QUIT, NULL, NULL, NULL, WIN},
    /* the formula line (E), while it is open */
    {SDLK_RETURN, MOD_ANY, ACTION_LINE_APPLY, "Enter", N_("formula line: show the function"), NULL,
     LINE},
    {SDLK_KP_ENTER, MOD_ANY, ACTION_LINE_APPLY, NULL, NULL, NULL, LINE},
    {SDLK_ESCAPE, MOD_ANY, ACTION_LINE_CANCEL, "Esc", N_("formula line: cancel"), NULL, LINE},
    {SDLK_TAB, MOD_ANY, ACTION_LINE_SWITCH, "Tab", N_("formula line: formula / domain"), NULL,
     LINE},
    {SDLK_UP, MOD_ANY, ACTION_LINE_RECALL_PREV, "Up / Down", N_("formula line: earlier formulas"),
     NULL, LINE},
    {SDLK_DOWN, MOD_ANY, ACTION_LINE_RECALL_NEXT, NULL, NULL, NULL, LINE},
    {SDLK_BACKSPACE, MOD_CTRL, ACTION_LINE_CLEAR, "Ctrl+Backspace / U / A",
     N_("formula line: clear the field"), NULL, LINE},
    {SDLK_u, MOD_CTRL, ACTION_LINE_CLEAR, NULL, NULL, NULL, LINE},
    {SDLK_a, MOD_CTRL, ACTION_LINE_CLEAR, NULL, NULL, NULL, LINE},
    {SDLK_BACKSPACE, MOD_ANY, ACTION_LINE_BACKSPACE, "Backspace / Delete",
     N_("formula line: delete before / after the cursor"), NULL, LINE},
    {SDLK_DELETE, MOD_ANY, ACTION_LINE_DELETE, NULL, NULL, NULL, LINE},
    {SDLK_LEFT, MOD_ANY, ACTION_LINE_LEFT, "Left / Right, Home / End",
     N_("formula line: move the cursor"), NULL, LINE},
    {SDLK_RIGHT, MOD_ANY, ACTION_LINE_RIGHT, NULL, NULL, NULL, LINE},
    {SDLK_HOME, MOD_ANY, ACTION_LINE_HOME, NULL, NULL, NULL, LINE},
    {SDLK_END, MOD_ANY, ACTION_LINE_END, NULL, NULL, NULL, LINE},
};

const binding *input_bindings(int *count)
{
    *count = (int)(sizeof bindings / sizeof bindings[0]);
    return bindings;
}

/* Index of the binding row of mode a key event matches, or -1. */
static int binding_row(const SDL_KeyboardEvent *key, input_mode mode)
{
    const SDL_Keymod m = (SDL_Keymod)key->keysym.mod;
    const bool shift = (m & KMOD_SHIFT) != 0;
    const bool ctrl = (m & KMOD_CTRL) != 0;
    const bool other = (m & (KMOD_CTRL | KMOD_ALT | KMOD_GUI)) != 0;
    for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++) {
        const binding *b = &bindings[i];
        if (b->key != key->keysym.sym || b->mode != mode)
            continue;
        if (b->mod == MOD_ANY || (b->mod == MOD_NONE && !shift && !other) ||
            (b->mod == MOD_SHIFT && shift && !other) || (b->mod == MOD_CTRL && ctrl))
            return (int)i;
    }
    return -1;
}

action input_translate_key(const SDL_KeyboardEvent *key, input_mode mode)
{
    const int row = binding_row(key, mode);
    return row < 0 ? ACTION_NONE : bindings[row].act;
}

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
    int row = binding_row(key, INPUT_MODE_WINDOW);
    if (row < 0)
        return false;
    char name[48];
    key_name(key, name, sizeof name);
    if (bindings[row].cast) {
        snprintf(out, len, "%s: %s", name, _(bindings[row].cast));
        return true;
    }
    while (row > 0 && !bindings[row].help)
        row--; /* rows sharing a line take its text */
    snprintf(out, len, "%s: %s", name, _(bindings[row].help));
    return true;
}

bool input_translate(const SDL_Event *e, input_mode mode, input_event *out)
{
    memset(out, 0, sizeof *out);
    switch (e->type) {
    case SDL_QUIT:
        out->kind = INPUT_QUIT;
        break;
    case SDL_KEYDOWN:
        out->act = input_translate_key(&e->key, mode);
        if (out->act == ACTION_NONE)
            break;
        out->kind = INPUT_ACTION;
        if (mode == INPUT_MODE_WINDOW && !e->key.repeat)
            input_describe(&e->key, out->cast, sizeof out->cast);
        break;
    case SDL_TEXTINPUT:
        out->kind = INPUT_TEXT;
        snprintf(out->text, sizeof out->text, "%s", e->text.text);
        break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        out->kind = e->type == SDL_MOUSEBUTTONDOWN ? INPUT_POINTER_DOWN : INPUT_POINTER_UP;
        out->button = e->button.button == SDL_BUTTON_LEFT    ? INPUT_BUTTON_LEFT
                      : e->button.button == SDL_BUTTON_RIGHT ? INPUT_BUTTON_RIGHT
                                                             : 0;
        out->x = (float)e->button.x;
        out->y = (float)e->button.y;
        break;
    case SDL_MOUSEMOTION:
        out->kind = INPUT_POINTER_MOVE;
        out->x = (float)e->motion.x;
        out->y = (float)e->motion.y;
        break;
    case SDL_MOUSEWHEEL: {
        out->wheel = e->wheel.preciseY != 0.0f ? e->wheel.preciseY : (float)e->wheel.y;
        if (out->wheel == 0.0f)
            break;
        int mx, my;
        SDL_GetMouseState(&mx, &my);
        out->kind = INPUT_WHEEL;
        out->x = (float)mx;
        out->y = (float)my;
        break;
    }
    default:
        break;
    }
    return out->kind != INPUT_NONE;
}
