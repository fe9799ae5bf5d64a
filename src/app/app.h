/*
 * app.h: the interactive program's state and its frame function. One frame:
 * SDL events -> binding table -> actions -> the simulation advances by whole
 * fixed steps -> app_draw reads the state -> present. app_frame is called by
 * a driver loop (main.c), so a web build can call it once per animation
 * frame instead.
 */
#ifndef OPTIVIZ_APP_APP_H
#define OPTIVIZ_APP_APP_H

#include "app/cli.h"
#include "app/export.h"
#include "app/i18n.h"
#include "app/input.h"
#include "app/platform.h"
#include "app/scene.h"
#include "app/settings.h"
#include "app/textline.h"
#include "app/view.h"
#include "app/theme.h"
#include "app/window.h"
#include "core/assess.h"
#include "core/camera.h"
#include "core/cloud.h"
#include "core/critical.h"
#include "core/custom.h"
#include "core/run_config.h"
#include "core/sim.h"
#include "render/renderer.h"

#include <stdbool.h>
#include <stdint.h>

#define APP_MAX_MARKS LANDSCAPE_MAX_MARKS
#define APP_LR_FACTOR 1.25
#define APP_NOISE_FACTOR 1.25
#define APP_DEFAULT_NOISE 0.5
#define APP_DEFAULT_STEPS_PER_SECOND 8.0
#define APP_SPEED_MIN 0.5     /* steps per second */
#define APP_SPEED_MAX 1000.0
#define APP_KEYCAST_N 5       /* keys the key-cast overlay shows */
#define APP_KEYCAST_MS 4000   /* how long each stays */
#define APP_TRAIL_MIN 8       /* trail points drawn, adjustable with { and } */
#define APP_RUN_LIMIT 100000  /* End: steps at most, at once */
/* Particle steps one frame may take (a 10 000-particle cloud: 10 steps a
 * frame), and one End may take; typed formulas cost about 5 times more. */
#define APP_CLOUD_FRAME_BUDGET 100000
#define APP_CLOUD_END_BUDGET 20000000


typedef enum drag_mode {
    DRAG_NONE = 0,
    DRAG_START,  /* left button: moving the start point */
    DRAG_ROTATE, /* right button: orbiting the 3D view */
} drag_mode;

typedef struct app_mark {
    const char *label;
    const landscape *on; /* the function the point belongs to */
    double x, f;         /* critical point and its value */
} app_mark;

/* One runner's optimizer and hyperparameters (the sim is rebuilt from
 * these when the lesson changes). */
typedef struct runner_cfg {
    optim_kind kind;
    optim_params optim;
    bool has_noise;  /* a scene's per-runner noise (0: this runner never has any) */
    double noise;
    bool has_color;  /* a scene's color for this runner */
    rgba color;
} runner_cfg;

typedef struct app_params {
    const cli_options *cli; /* initial lesson and settings; NULL: defaults */
    bool headless;          /* offscreen driver, no vsync (shot, bench, tests) */
    int width, height;      /* 0: 1280 x 720 */
    bool fullscreen;
    bool open_tour;         /* no lesson given: open the tour's first scene */
    const platform *platform; /* services of the front end; NULL: platform_desktop() */
} app_params;

/* The lesson shown: its landscape (catalog, a scene's, or typed), what is
 * marked on it, its critical points (lesson.c). */
typedef struct app_lesson {
    const landscape *land;      /* the lesson's landscape */
    const landscape *companion; /* drawn beside it (risk in lesson 1) */
    int n_marks;
    app_mark marks[APP_MAX_MARKS];
    critical_set crit;          /* the lesson's critical points (core/critical.h) */
    landscape_custom custom[2]; /* typed formulas: the one shown, and the next */
    int custom_cur;             /* index of the one shown */
    landscape scene_land;       /* a catalog landscape on a scene's own domain */
} app_lesson;

/* The runners' settings, from which the sim and the cloud are built
 * (runs.c: app_run_config): per runner, and shared by all. */
typedef struct app_runs {
    int n_runners;              /* 1..SIM_MAX_RUNNERS, all racing from one start */
    runner_cfg cfg[SIM_MAX_RUNNERS];
    int selected;               /* runner the HUD, panel and keys act on */
    int panel_field;            /* index into the selected runner's used fields */
    schedule sched;             /* learning-rate schedule of every runner */
    bool keep_given;            /* the first lesson keeps the command line's hyperparameters */
    run_layer user;             /* what the command line gave (laid over lesson and scene) */
    bool noise_on;
    double noise_sigma;         /* standard deviation when on */
    uint64_t seed;
    double noise_decay;         /* noise at step t is sigma * decay^t; 0: none */
    assess_state assess[SIM_MAX_RUNNERS]; /* each runner's situation */
    int cloud_n;                /* the cloud's size when launched (--particles; 0: default) */
    int cloud_runner;           /* the runner whose optimizer it took */
} app_runs;

/* What the user sees and handles besides the lesson: overlays, panels,
 * the pointer, messages, display settings, the formula line. */
typedef struct app_ui {
    bool show_arrows;           /* G: gradient and update arrows */
    bool explain;               /* T: step-by-step worked example */
    bool help_visible;
    bool quit;
    bool annotate;              /* K: labels of minima, saddles, plateaus */
    bool slices;                /* Shift+C: 2D slices through the nearest critical point */
    bool exact;                 /* a scene's: the exact minimum and the distance to it */
    drag_mode drag;
    bool drag_was_paused;
    float mouse_x, mouse_y;     /* last pointer position, framebuffer pixels */
    char message[512];          /* transient line at the bottom (UTF-8: 3 bytes a Hangul) */
    uint32_t message_until;     /* app_now_ms */
    int message_kind;           /* message_kind of the message */
    theme_kind theme;           /* B cycles dark / light / high-contrast */
    float ui_scale;             /* Ctrl+Plus / Minus; default from the display's DPI */
    bool ui_scale_chosen;       /* Ctrl+Plus / Minus set it; false: it follows the display
                                   (Ctrl+0), saved as 0 so another display gets its own */
    bool fullscreen;            /* F11 */
    bool keycast;               /* F9: the last keys pressed, for the audience */
    int n_keys;                 /* entries in keys, newest last */
    struct {
        char text[128];         /* "Up  learning rate × 1.25" */
        uint32_t at;            /* app_now_ms when pressed */
    } keys[APP_KEYCAST_N];
    int trail_len;              /* trail points drawn (APP_TRAIL_MIN..RUNNER_TRAIL_MAX) */
    bool loss_panel;            /* J: loss over steps */
    bool loss_log;              /* Shift+J: its y axis as log10(f - f*) */
    char lang[16];              /* L: the window's language ("en", "ko"; app/i18n.h) */
    char lang_setting[16];      /* the settings file's language ("": the system's) */
    bool formula_open;          /* E: the formula line takes the keyboard */
    int formula_field;          /* 0: the formula, 1: its domain (Tab switches) */
    textline formula;           /* what is typed, with the history */
    textline domain;            /* "a:b" or "a:b,c:d"; empty: [-2, 2] per variable */
    char domain_opened[128];    /* the domain as the line opened with it */
    char formula_error[600];    /* why Enter was refused, or "" (UTF-8: 3 bytes a Hangul) */
    int formula_error_col;      /* 1-based column in the formula; 0: none */
} app_ui;

/* The scene shown and the bundled tour (app_scene.c). */
typedef struct app_scenes {
    bool has_scene;             /* a scene is shown: its title, caption, annotations */
    scene scene;                /* that scene */
    unsigned scene_id;          /* changes with every scene shown (the static layer's key) */
    int tour_index;             /* its place in the bundled tour, or -1 */
    int tour_last;              /* the tour's scene shown last (PageDown resumes there) */
    int n_tour;                 /* bundled scenes found (0 until first needed) */
    scene_entry tour[SCENE_TOUR_MAX];
} app_scenes;

/* Files written for the teacher (app_export.c). */
typedef struct app_export {
    exporter exp;               /* P, X, V: files in --output-dir or Pictures */
    bool want_png;              /* P: save the next drawn frame */
    double record_clock;        /* seconds since the last recorded frame */
    uint8_t *pixels;            /* frame read back for export */
    size_t pixels_cap;
} app_export;

typedef struct app {
    app_window win;
    renderer *ren;
    const platform *plat;       /* the front end's services (platform.h) */
    double clock;               /* seconds of frame time: the sum of app_frame's dt */
    int fb_w, fb_h;
    bool headless;              /* shot, bench, tests: no settings file */
    app_lesson lesson;
    app_runs runs;
    sim sim;                    /* the runners racing (core/sim.h), built from runs */
    cloud cloud;                /* M: the particle cloud (cloud.n == 0: none) */
    view view;                  /* curve, surface or contour: fit, mapping, camera (view.h) */
    app_ui ui;
    app_scenes scenes;
    app_export export;
    struct {                    /* what the last drawn frame showed of what changes
                                   without an event (app_needs_redraw) */
        bool valid;
        uint64_t motion;        /* runners' and the cloud's steps and states */
        uint32_t message_until;
        bool message_shown;
        int keys_shown;
    } drawn;
    long frames_drawn;          /* frames app_frame drew (the others changed nothing) */
} app;

/* Opens the window (or the offscreen surface), the renderer and the first
 * lesson (cli's --function etc., else lesson 1). Returns false with one line
 * in err. */
bool app_create(app *a, const app_params *p, char *err, size_t errlen);
void app_destroy(app *a);

/* One frame, dt seconds after the last (the caller's clock; tests pass
 * any): the app's clock advances by dt, then events, actions, the
 * simulation's whole steps (dt capped at 0.25 s: a stall does not jump),
 * then drawing, export and present only when an event came or
 * app_needs_redraw says the picture changed. Returns false once the user
 * quits. A front end calls it from its loop (desktop, loop.c) or once per
 * animation frame (browser). */
bool app_frame(app *a, double dt);
/* Whether a frame drawn now would differ from the last one drawn: never
 * drawn yet, runners or the cloud stepped, a message or key-cast entry
 * appeared or ended, a key-cast entry is fading, a PNG or recording wants
 * the frame. Events are the caller's to add (app_frame counts any). */
bool app_needs_redraw(const app *a);
/* Milliseconds until something on screen changes by itself (the next
 * simulation step, a message ending, a key-cast entry starting to fade or
 * ending): 0 when a frame is due now, at most APP_WAIT_MAX_MS. The desktop
 * loop sleeps in SDL_WaitEventTimeout that long after a frame that drew
 * nothing. */
uint32_t app_wait_ms(const app *a);
/* Remembers what the frame just drawn showed (app_frame, after drawing). */
void app_redraw_done(app *a);
#define APP_WAIT_MAX_MS 250 /* also how often a background export job is polled */
/* The app's clock in milliseconds (messages and the key-cast time out on
 * it; drawing reads it instead of a wall clock). */
uint32_t app_now_ms(const app *a);
/* Handles one SDL event: input_translate makes it the program's own event
 * (keys through the binding table, text, pointer), then app_input. */
void app_handle_event(app *a, const SDL_Event *e);
/* Handles one of the program's events (events.c): actions, text for the
 * formula line, pointer presses, drags and the wheel. A front end without
 * SDL events can call it directly. */
void app_input(app *a, const input_event *ev);
/* Applies one action. */
void app_apply(app *a, action act);
/* Judges every runner's situation (at a minimum, near a saddle, on a
 * plateau, escaped) after the steps of a frame. */
void app_assess(app *a);
/* Switches to lesson (catalog index) with its default start and lr. */
void app_set_lesson(app *a, int index);
/* The lesson as designed, for landscape l (about to be shown): one
 * runner with the lesson's optimizer (landscape.optimizer: Newton's method
 * runs Newton) and torch's defaults (fitted when the landscape is set),
 * noise off, a constant learning rate, the default pace, running, a 2D
 * landscape on its surface (not the contour map of a scene before). Lesson
 * keys, Tab and Shift+R call it before app_set_lesson, so nothing from the
 * lesson before carries over. */
void app_lesson_design(app *a, const landscape *l);
/* Whether the loss panel plots log10(f - f*): Shift+J is on and the
 * lesson's critical points give f* (critical_lowest_min); a landscape
 * without a lowest minimum (x^2 - y^2, x^3) keeps f. */
bool app_loss_log(const app *a);
/* want (a start point) if f is defined there, else the nearest point of
 * the domain where it is, with a message saying so and what to do; false
 * (and a message) when f is defined nowhere on the grid. */
bool app_defined_start(app *a, const double *want, double *out);
/* Shows landscape l (catalog or typed; it must outlive its use) with its
 * lesson's start and lr fitted to each runner. */
void app_set_landscape(app *a, const landscape *l);
/* Shows a typed formula on a domain ("a:b", "a:b,c:d", or "" / NULL for
 * [-2, 2] per variable). On a refused formula or domain nothing changes
 * and false comes back with the reason in err and the 1-based column in
 * the formula (0 when the domain is at fault). app_formula.c. */
bool app_set_formula(app *a, const char *text, const char *domain, char *err, size_t errlen,
                     int *column);
/* Same with the domain given as count (0: [-2, 2] per variable) ranges. */
bool app_set_formula_box(app *a, const char *text, int count, const double *lo, const double *hi,
                         char *err, size_t errlen, int *column);
/* The run runner i (0..n_runners-1) follows now, what the sim and the
 * particle cloud are built from: its optimizer and hyperparameters, its
 * scene's noise or else the shared sigma when noise is on, the noise decay,
 * the schedule and the seed (runner i draws with seed + i). */
run_config app_run_config(const app *a, int i);
/* Changes one runner and no other (runs.c): A adds one (the next optimizer,
 * from the shared start), Delete removes the selected one, and a new
 * optimizer restarts runner i alone; the rest of a comparison keeps its
 * runs. */
void app_runner_add(app *a);
void app_runner_remove(app *a);
void app_runner_restart(app *a, int i);
/* Lays the command line's settings (a->runs.user) over the lesson's or the
 * scene's: noise decay, schedule and seed, and with hyper the
 * hyperparameters of the first runner (lesson.c). */
void app_apply_user(app *a, bool hyper);
/* Starts every runner again from start (NULL: the lesson's) with its
 * current settings. */
void app_rebuild(app *a, const double *start);
/* Scenes (app_scene.c). app_load_scene loads a scene file and shows it;
 * on any problem (the file, a formula in it) nothing changes and false
 * comes back with one line in err naming file, line and key. app_tour_step
 * moves dir (+1 / -1) through the bundled tour (PageDown / PageUp);
 * app_scene_reload reads the current scene's file again (F5). */
bool app_load_scene(app *a, const char *path, char *err, size_t errlen);
void app_tour_step(app *a, int dir);
void app_scene_reload(app *a);
/* Leaves the scene shown: its caption, annotations, per-runner noise and
 * colors go (lessons 1-5, Tab and typed formulas call it). */
void app_scene_leave(app *a);
/* The scene's caption in the current language ("" when none). */
const char *app_scene_caption(const app *a);

/* The formula line (E): opens it with the current formula; while open,
 * the keyboard goes to it (INPUT_MODE_LINE): app_formula_text inserts typed
 * text, app_formula_action does a line key's action (Enter applies, Esc
 * cancels, Tab switches to the domain, Up/Down recall history, editing). */
void app_formula_open(app *a);
void app_formula_text(app *a, const char *utf8);
void app_formula_action(app *a, action act);
/* The fields (optim_fields() indices) the selected runner's optimizer uses;
 * returns their count. */
int app_panel_fields(const app *a, int *out, int max);
/* Display color of runner i in the current theme (Okabe-Ito palette). */
rgba app_runner_color(const app *a, int i);
/* Shows a transient message for ms milliseconds. */
void app_message(app *a, uint32_t ms, const char *fmt, ...);
/* The same with a kind: an error (red, framed) or a file's path (not drawn
 * into a recording's frames). */
typedef enum message_kind {
    MESSAGE_INFO = 0,
    MESSAGE_ERROR,
    MESSAGE_FILE,
} message_kind;
void app_message_kind(app *a, message_kind kind, uint32_t ms, const char *fmt, ...);

/* qsort comparator of doubles, ascending (the view's range, bench's median). */
int app_cmp_double(const void *x, const void *y);

/* Steps one frame may take while a particle cloud is on (0: no cap). */
int app_cloud_step_cap(const app *a);

/* Exports (app_export.c): P, X and V; then, after each drawn frame, the
 * pending PNG, the recording's frame and the background encoder's news. */
void app_export_action(app *a, action act);
void app_export_frame(app *a, double dt);
/* The settings file: theme and UI scale read at start (not headless) and
 * written when B or Ctrl+Plus/Minus change them. */
void app_settings_load(app *a);
/* The settings to remember now: the theme, and ui_scale as chosen, or 0
 * ("follow the display") when it follows the display. */
settings app_settings_now(const app *a);
void app_settings_save(app *a);
/* Makes code (a language of app/i18n.h: "en", "ko") the window's language:
 * every word drawn from the next frame on; false when optiviz has no such
 * language. app_export.c, next to the settings that remember it. */
bool app_set_language(app *a, const char *code);

/* Draws the current state into the renderer for an fb_w x fb_h framebuffer
 * (draw.c). Reads the state, never changes it. */
void app_draw(const app *a, renderer *r, int fb_w, int fb_h);
/* The recording's mark on screen (a red dot, "REC" and the video's length
 * so far), drawn after the frame was taken for the video, so it is not in
 * it. */
void draw_rec_mark(const app *a, renderer *r, int fb_w, int fb_h);

/* The app's layout for an fb_w x fb_h framebuffer: layout_compute with its
 * UI scale, and the plot shortened to make room for the loss panel below
 * it when that is on. */
void app_layout(const app *a, int fb_w, int fb_h, layout *out);


/* The particle cloud (app_cloud.c). Launch: n particles (0: cloud_n or
 * CLOUD_DEFAULT) from uniform random starts with the selected runner's
 * optimizer, hyperparameters, the schedule and the current noise. */
void app_cloud_launch(app *a, int n);
void app_cloud_remove(app *a);
/* M: launches the cloud, or removes it. */
void app_cloud_toggle(app *a);
/* Launches it again with the current settings when there is one (after an
 * optimizer or hyperparameter change). */
void app_cloud_relaunch(app *a);
/* steps cloud steps (the sim's steps of the frame). */
void app_cloud_steps(app *a, int steps);
/* Takes over the current noise and its runner's learning rate. */
void app_cloud_sync(app *a);
/* Back to its starts (R). */
void app_cloud_reset(app *a);

#endif
