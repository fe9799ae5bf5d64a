/*
 * input.h: the one boundary where SDL keyboard events become optiviz
 * actions. The binding table (key, modifiers, action, help text) is the only
 * place keys are named; the help overlay prints that same table.
 * Mouse gestures (drag the start point, rotate, zoom) are handled by the
 * app, since they carry positions, not just an action.
 */
#ifndef OPTIVIZ_APP_INPUT_H
#define OPTIVIZ_APP_INPUT_H

#include <SDL.h>
#include <stdbool.h>

typedef enum action {
    ACTION_NONE = 0,
    ACTION_LESSON_1,
    ACTION_LESSON_2,
    ACTION_LESSON_3,
    ACTION_LESSON_4,
    ACTION_LESSON_5,
    ACTION_LESSON_NEXT,
    ACTION_LESSON_PREV,
    ACTION_LR_UP,
    ACTION_LR_DOWN,
    ACTION_NOISE_TOGGLE,
    ACTION_NOISE_DOWN,
    ACTION_NOISE_UP,
    ACTION_PAUSE,
    ACTION_STEP,
    ACTION_RESET,
    ACTION_SPEED_DOWN,
    ACTION_SPEED_UP,
    ACTION_HELP,
    ACTION_QUIT,
    ACTION_ROTATE_LEFT,
    ACTION_ROTATE_RIGHT,
    ACTION_ROTATE_UP,
    ACTION_ROTATE_DOWN,
    ACTION_ZOOM_IN,
    ACTION_ZOOM_OUT,
    ACTION_OPTIM_CYCLE,
    ACTION_RUNNER_ADD,
    ACTION_RUNNER_REMOVE,
    ACTION_RUNNER_SELECT,
    ACTION_FIELD_PREV,
    ACTION_FIELD_NEXT,
    ACTION_FIELD_DEC,
    ACTION_FIELD_INC,
    ACTION_ARROWS,
    ACTION_EXPLAIN,
    ACTION_SCHEDULE_CYCLE,
    ACTION_ANNOTATE,
    ACTION_VIEW_TOGGLE,
    ACTION_FULLSCREEN,
    ACTION_UI_LARGER,
    ACTION_UI_SMALLER,
    ACTION_THEME,
    ACTION_KEYCAST,
    ACTION_RUN_TO_END,
    ACTION_TRAIL_SHORTER,
    ACTION_TRAIL_LONGER,
    ACTION_LOSS_PANEL,
    ACTION_LOSS_LOG,
    ACTION_FORMULA,
    ACTION_SCENE_NEXT,
    ACTION_SCENE_PREV,
    ACTION_SCENE_RELOAD,
    ACTION_LANGUAGE,
    ACTION_EXPORT_PNG,
    ACTION_EXPORT_CSV,
    ACTION_RECORD,
    ACTION_CLOUD_TOGGLE,
    ACTION_UI_RESET,
    ACTION_COUNT,
} action;

/* Modifier requirement of a binding. */
typedef enum binding_mod {
    MOD_NONE = 0,  /* no Shift, Ctrl or Alt held */
    MOD_SHIFT = 1, /* Shift held */
    MOD_ANY = 2,   /* modifiers ignored */
    MOD_CTRL = 3,  /* Ctrl held */
} binding_mod;

typedef struct binding {
    SDL_Keycode key;
    binding_mod mod;
    action act;
    const char *keys; /* how the help overlay names the key(s) */
    const char *help; /* what it does */
} binding;

/* The binding table and its length. Rows with a NULL help text share the
 * line of the row before them in the help overlay. */
const binding *input_bindings(int *count);
/* The action bound to a key event (SDL_KEYDOWN), or ACTION_NONE. */
action input_translate_key(const SDL_KeyboardEvent *key);
/* What the key-cast overlay shows for a key event bound to an action: the
 * key as pressed (with Ctrl/Shift) and the help text of its row, e.g.
 * "Up: learning rate × 1.25 / ÷ 1.25". False when the key is unbound. */
bool input_describe(const SDL_KeyboardEvent *key, char *out, size_t len);

#endif
