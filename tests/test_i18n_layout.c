/*
 * test_i18n_layout.c: every word the window draws, checked where it is
 * drawn (render_observe_text gives each string with its measured box), in
 * English and in Korean at 1280x720 and 1920x1080, for lessons 1-5, every
 * bundled scene, and the panels (help, loss panel, step by step, particle
 * cloud, formula line, a divergence banner):
 *   - no text outside the window, and none cut with an ellipsis;
 *   - no two texts overlapping (the help overlay is checked on its own,
 *     since it covers what is under it);
 *   - in Korean, no English word left: what remains once formulas,
 *     numbers and names (optimizers, hyperparameters, keys, functions) are
 *     taken out is Hangul.
 * With OPTIVIZ_LAYOUT_PNG=DIR each checked frame is also saved there as
 * LANG-WxH-STATE.png, to look at. Skipped (77) when the renderer is not
 * llvmpipe.
 */
#include "app/app.h"
#include "app/i18n.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_headless.h"
#include "check.h"

#define MAX_TEXTS 600

typedef struct text_box {
    char s[200];
    float x, y, w, h;
} text_box;

typedef struct text_log {
    int n;
    text_box t[MAX_TEXTS];
} text_log;

static void on_text(void *user, const char *utf8, float x, float y, float w, float h)
{
    text_log *log = user;
    /* the help overlay covers the frame: what it covers is not compared */
    if (strcmp(utf8, _("Keys and mouse")) == 0 ||
        strncmp(utf8, _("Your function in x (or x and y): Enter shows it · Esc cancels · Tab: domain "
                        "· Up/Down: earlier ones · Ctrl+U: clear"), 12) == 0)
        log->n = 0; /* the formula line's panel too */
    if (log->n >= MAX_TEXTS || !utf8[0])
        return;
    text_box *b = &log->t[log->n++];
    snprintf(b->s, sizeof b->s, "%s", utf8);
    b->x = x;
    b->y = y;
    b->w = w;
    b->h = h;
}

/* Names that stay as they are in every language. */
static const char *const names[] = {
    /* optimizers, schedules and their hyperparameters (torch.optim's names) */
    "sgd", "gd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam", "amsgrad",
    "anneal", "newton", "lr", "dampening", "weight", "decay", "alpha", "centered", "eps", "beta1",
    "beta2", "rho", "initial", "accumulator", "cooling", "proposal", "constant", "factor",
    "multistep", "cosine", "warmup", "exponential", "step", "Adagrad", "RMSProp", "Adam",
    /* keys */
    "Shift", "Ctrl", "Tab", "Enter", "Esc", "Right", "Left", "Up", "Down", "PageUp", "PageDown",
    "Space", "Delete", "End", "Plus", "Minus", "Backspace", "Home",
    /* math and files */
    "cos", "sin", "tan", "tanh", "exp", "log", "log10", "sqrt", "abs", "diag", "sigmoid", "relu",
    "softplus", "min", "max", "pow", "sinh", "cosh", "PNG", "MP4", "GIF", "CSV", "English",
};

static bool is_name(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i]) == n && strncmp(names[i], w, n) == 0)
            return true;
    return false;
}

/* The first English word (3+ ASCII letters, not a name) in s, or NULL. */
static const char *english_word(const char *s, char *out, size_t cap)
{
    for (const char *p = s; *p;) {
        if (!isalpha((unsigned char)*p)) {
            p++;
            continue;
        }
        const char *q = p;
        while (isalnum((unsigned char)*q) || *q == '_')
            q++;
        const size_t n = (size_t)(q - p);
        const bool fkey = p[0] == 'F' && n <= 3 && isdigit((unsigned char)p[1]); /* F11 */
        if (n >= 3 && !is_name(p, n) && !fkey) {
            snprintf(out, cap, "%.*s", (int)n, p);
            return out;
        }
        p = q;
    }
    return NULL;
}

/* Saves the frame drawn last as DIR/LANG-WxH-WHAT.png (OPTIVIZ_LAYOUT_PNG). */
static void save_png(app *a, int w, int h, const char *what)
{
    const char *dir = getenv("OPTIVIZ_LAYOUT_PNG");
    if (!dir || !dir[0])
        return;
    uint8_t *buf = malloc((size_t)w * h * 4);
    char path[512], err[256];
    snprintf(path, sizeof path, "%s/%s-%dx%d-%s.png", dir, i18n_lang(), w, h, what);
    for (char *c = path + strlen(dir) + 1; *c; c++)
        *c = *c == ' ' || *c == ',' ? '_' : *c;
    if (buf && render_read_pixels(a->ren, buf, w, h) && !export_png_write(path, true, buf, w, h, err, sizeof err))
        fprintf(stderr, "%s\n", err);
    free(buf);
}

/* False when s ends inside a UTF-8 sequence or has a stray byte (a
 * message cut by a buffer too small for its translation). */
static bool utf8_whole(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        const int n = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 : (*p >> 3) == 30 ? 4 : 0;
        if (n == 0)
            return false;
        for (int k = 1; k < n; k++)
            if ((p[k] & 0xC0) != 0x80)
                return false;
        p += n;
    }
    return true;
}

static void check_frame(app *a, text_log *log, int w, int h, const char *what)
{
    log->n = 0;
    a->ui.message[0] = '\0'; /* toasts are checked by their own strings */
    app_draw(a, a->ren, w, h);
    save_png(a, w, h, what);
    const bool ko = strcmp(i18n_lang(), "ko") == 0;
    int shown = 0;
    for (int i = 0; i < log->n; i++) {
        const text_box *b = &log->t[i];
        CHECK(b->x >= -1 && b->y >= -1 && b->x + b->w <= w + 1 && b->y + b->h <= h + 1,
              "%s %dx%d [%s]: '%s' at (%.0f, %.0f) size %.0fx%.0f leaves the window", what, w, h,
              i18n_lang(), b->s, b->x, b->y, b->w, b->h);
        CHECK(!strstr(b->s, "…") && utf8_whole(b->s), "%s %dx%d [%s]: '%s' is cut off", what, w, h,
              i18n_lang(), b->s);
        char word[64];
        if (ko && english_word(b->s, word, sizeof word) && shown++ < 8)
            CHECK(false, "%s %dx%d [ko]: '%s' has the English word '%s'", what, w, h, b->s, word);
        for (int j = 0; j < i; j++) {
            const text_box *c = &log->t[j];
            /* the text's ink sits in the middle of its line box: compare
             * boxes shrunk by a fifth of the height */
            const float ix = fminf(b->x + b->w, c->x + c->w) - fmaxf(b->x, c->x);
            const float iy = fminf(b->y + b->h * 0.8f, c->y + c->h * 0.8f) -
                             fmaxf(b->y + b->h * 0.2f, c->y + c->h * 0.2f);
            CHECK(!(ix > 2 && iy > 2), "%s %dx%d [%s]: '%s' overlaps '%s'", what, w, h,
                  i18n_lang(), b->s, c->s);
        }
    }
}

static void run_states(app *a, text_log *log, int w, int h)
{
    char what[160];
    for (int i = 0; i < 5; i++) {
        app_set_lesson(a, i);
        for (int k = 0; k < 30; k++)
            sim_step(&a->sim);
        app_assess(a);
        snprintf(what, sizeof what, "lesson %d", i + 1);
        check_frame(a, log, w, h, what);
    }
    scene_entry tour[SCENE_TOUR_MAX];
    const int n = scene_tour(tour, SCENE_TOUR_MAX);
    CHECK(n >= 10, "%d bundled scenes", n);
    for (int i = 0; i < n; i++) {
        if (!test_scene_show(a, &tour[i], 20))
            continue;
        app_assess(a);
        snprintf(what, sizeof what, "scene %s", tour[i].name);
        check_frame(a, log, w, h, what);
    }
    app_scene_leave(a);
    /* the panels, on lesson 2 */
    app_set_lesson(a, 1);
    for (int k = 0; k < 30; k++)
        sim_step(&a->sim);
    app_apply(a, ACTION_HELP);
    check_frame(a, log, w, h, "help");
    app_apply(a, ACTION_HELP);
    app_apply(a, ACTION_EXPLAIN);
    app_apply(a, ACTION_STEP);
    check_frame(a, log, w, h, "step by step");
    app_apply(a, ACTION_EXPLAIN);
    app_apply(a, ACTION_LOSS_PANEL);
    check_frame(a, log, w, h, "loss panel");
    app_apply(a, ACTION_LOSS_LOG);
    check_frame(a, log, w, h, "loss panel, log scale");
    app_apply(a, ACTION_LOSS_PANEL);
    app_set_lesson(a, 0);
    app_apply(a, ACTION_LOSS_PANEL);
    for (int k = 0; k < 30; k++)
        sim_step(&a->sim);
    check_frame(a, log, w, h, "loss panel, lesson 1");
    app_apply(a, ACTION_LOSS_PANEL);
    app_cloud_launch(a, 300);
    for (int k = 0; k < 40; k++)
        app_cloud_steps(a, 1);
    check_frame(a, log, w, h, "particle cloud");
    app_cloud_remove(a);
    app_apply(a, ACTION_FORMULA);
    check_frame(a, log, w, h, "formula line");
    int col = 0; /* a refused formula: y in a formula on one range */
    CHECK(!app_set_formula(a, "x + y", "-1:1", a->ui.formula_error, sizeof a->ui.formula_error, &col),
          "x + y on -1:1 refused");
    a->ui.formula_error_col = col;
    check_frame(a, log, w, h, "formula error");
    a->ui.formula_error[0] = '\0';
    app_apply(a, ACTION_FORMULA);
    a->ui.formula_open = false;
    /* the gradient and update arrows (G) of two runners early in lesson 1,
     * their labels among the minima's; then lesson 2's with the cloud panel
     * (tryout 3) */
    app_set_lesson(a, 0);
    app_apply(a, ACTION_RUNNER_ADD);
    for (int k = 0; k < 3; k++)
        sim_step(&a->sim);
    app_apply(a, ACTION_ARROWS);
    check_frame(a, log, w, h, "arrows, lesson 1");
    app_set_lesson(a, 1);
    app_cloud_launch(a, 300);
    for (int k = 0; k < 3; k++) {
        sim_step(&a->sim);
        app_cloud_steps(a, 1);
    }
    check_frame(a, log, w, h, "arrows and cloud, lesson 2");
    app_cloud_remove(a);
    app_apply(a, ACTION_ARROWS);
    /* the surface seen from above and turned, and from low at the corner
     * where the x and f axes meet: tick labels left out rather than piled
     * up (tryout 9) */
    static const double cams[3][2] = {{0.3, 1.45}, {-1.2, 1.3}, {-0.65, 0.05}};
    for (int c = 0; c < 3; c++) {
        app_lesson_design(a, landscape_at(3)); /* on its surface */
        app_set_lesson(a, 3);
        a->view.cam.yaw = cams[c][0];
        a->view.cam.pitch = cams[c][1];
        snprintf(what, sizeof what, "surface yaw %.2f pitch %.2f", cams[c][0], cams[c][1]);
        check_frame(a, log, w, h, what);
    }
    /* a divergence banner: on x^3 from x = -0.5 the run goes off downhill */
    app_set_lesson(a, 2);
    const double start[2] = {-0.5, 0.0};
    sim_reset(&a->sim, start);
    for (int k = 0; k < 5000 && a->sim.runners[0].status != RUNNER_DIVERGED; k++)
        sim_step(&a->sim);
    CHECK(a->sim.runners[0].status == RUNNER_DIVERGED, "x^3 from -0.5 diverges");
    app_assess(a);
    check_frame(a, log, w, h, "banner");
}

int main(void)
{
    static const int sizes[2][2] = {{1280, 720}, {1920, 1080}};
    static text_log log;
    for (int s = 0; s < 2; s++) {
        const int w = sizes[s][0], h = sizes[s][1];
        int code;
        app *a = test_app_open(w, h, &code);
        if (!a)
            return code;
        render_observe_text(a->ren, on_text, &log);
        for (int l = 0; l < 2; l++) {
            CHECK(app_set_language(a, l ? "ko" : "en"), "language %s", l ? "ko" : "en");
            run_states(a, &log, w, h);
        }
        test_app_close(a);
    }
    SDL_Quit();
    return check_report("layout");
}
