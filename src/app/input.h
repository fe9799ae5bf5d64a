/*
 * input.h: the one boundary where SDL events become the program's own
 * events (input_translate): keys through the binding table into actions,
 * text typed into the formula line, pointer presses, moves and the wheel
 * (touch would map to the same pointer events). The binding table (key,
 * modifiers, action, help text, key-cast text, mode) is the only place keys
 * are named: the help overlay, the key-cast overlay, and README's and the
 * manual page's key tables (a test compares them) all follow it.
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
    ACTION_STEP_BACK,
    ACTION_LESSON_RESET,
    ACTION_SLICES,
    /* the formula line's keys (INPUT_MODE_LINE) */
    ACTION_LINE_APPLY,
    ACTION_LINE_CANCEL,
    ACTION_LINE_SWITCH,
    ACTION_LINE_LEFT,
    ACTION_LINE_RIGHT,
    ACTION_LINE_HOME,
    ACTION_LINE_END,
    ACTION_LINE_BACKSPACE,
    ACTION_LINE_DELETE,
    ACTION_LINE_CLEAR,
    ACTION_LINE_RECALL_PREV,
    ACTION_LINE_RECALL_NEXT,
    ACTION_COUNT,
} action;

/* Modifier requirement of a binding. */
typedef enum binding_mod {
    MOD_NONE = 0,  /* no Shift, Ctrl or Alt held */
    MOD_SHIFT = 1, /* Shift held */
    MOD_ANY = 2,   /* modifiers ignored */
    MOD_CTRL = 3,  /* Ctrl held */
} binding_mod;

/* Where the keyboard goes: the window's keys, or the formula line's while
 * it is open (letters then arrive as text). */
typedef enum input_mode {
    INPUT_MODE_WINDOW = 0,
    INPUT_MODE_LINE,
} input_mode;

typedef struct binding {
    SDL_Keycode key;
    binding_mod mod;
    action act;
    const char *keys; /* how the help overlay names the key(s) */
    const char *help; /* what it does */
    const char *cast; /* the key-cast's words for this row when they are not help's (one half
                         of a shared line); NULL: help's */
    input_mode mode;
} binding;

/* The program's own events, what input_translate makes of SDL's. */
typedef enum input_kind {
    INPUT_NONE = 0,
    INPUT_QUIT,         /* the window is closed */
    INPUT_ACTION,       /* a bound key: act */
    INPUT_TEXT,         /* text typed (UTF-8) */
    INPUT_POINTER_DOWN, /* a button pressed at (x, y) */
    INPUT_POINTER_MOVE, /* the pointer moved to (x, y) */
    INPUT_POINTER_UP,   /* a button released at (x, y) */
    INPUT_WHEEL,        /* wheel steps at the pointer (x, y) */
} input_kind;

#define INPUT_BUTTON_LEFT 1
#define INPUT_BUTTON_RIGHT 3

typedef struct input_event {
    input_kind kind;
    action act;    /* INPUT_ACTION */
    char cast[128]; /* INPUT_ACTION: the key-cast's line ("Up: learning rate × 1.25"); "" for a
                      repeat or a formula-line key */
    int button;    /* pointer events: INPUT_BUTTON_LEFT or INPUT_BUTTON_RIGHT (0: other) */
    float x, y;    /* pointer events: position in window coordinates */
    float wheel;   /* INPUT_WHEEL: steps, > 0 away from the user */
    char text[32]; /* INPUT_TEXT */
} input_event;

/* The binding table and its length. Rows with a NULL help text share the
 * line of the row before them in the help overlay. */
const binding *input_bindings(int *count);
/* The action bound to a key event (SDL_KEYDOWN) in mode, or ACTION_NONE. */
action input_translate_key(const SDL_KeyboardEvent *key, input_mode mode);
/* Translates one SDL event into out, keys as in mode. False when the
 * event means nothing to the program (out->kind is then INPUT_NONE). */
bool input_translate(const SDL_Event *e, input_mode mode, input_event *out);
/* What the key-cast overlay shows for a key event bound to an action: the
 * key as pressed (with Ctrl/Shift) and the help text of its row, e.g.
 * "Up: learning rate × 1.25 / ÷ 1.25". False when the key is unbound. */
bool input_describe(const SDL_KeyboardEvent *key, char *out, size_t len);

#endif
