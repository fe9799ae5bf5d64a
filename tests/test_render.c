/*
 * test_render.c: what the window must show, read back from the framebuffer
 * (offscreen, llvmpipe; skipped with 77 on another renderer): curve pixels
 * where each curve is, the iterate's marker where the runner is, curves at
 * least 3 px wide, HUD text in the HUD column, the 3D wireframe in its
 * viewport, and bit-identical frames run to run.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "app/app.h"
#include "optiviz_config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <limits.h>
#include <unistd.h>

#define W 1920
#define H 1080

#include "app_headless.h"
#include "check.h"

static const uint8_t *px(const uint8_t *buf, int x, int y)
{
    return buf + ((size_t)y * W + (size_t)x) * 4;
}

/* Okabe-Ito sky blue (86, 180, 233), orange (230, 159, 0), vermillion (213, 94, 0). */
static bool near_color(const uint8_t *p, int r, int g, int b, int tol)
{
    return abs(p[0] - r) <= tol && abs(p[1] - g) <= tol && abs(p[2] - b) <= tol;
}

/* Searches a small square around (x, y) for a pixel of the color. */
static bool color_near(const uint8_t *buf, int x, int y, int rad, int r, int g, int b)
{
    for (int dy = -rad; dy <= rad; dy++)
        for (int dx = -rad; dx <= rad; dx++) {
            const int xx = x + dx, yy = y + dy;
            if (xx >= 0 && yy >= 0 && xx < W && yy < H && near_color(px(buf, xx, yy), r, g, b, 30))
                return true;
        }
    return false;
}

/* Longest vertical run of the color in column x around y. */
static int run_height(const uint8_t *buf, int x, int y, int r, int g, int b)
{
    int best = 0, cur = 0;
    for (int yy = y - 20; yy <= y + 20; yy++) {
        if (yy >= 0 && yy < H && near_color(px(buf, x, yy), r, g, b, 40))
            best = ++cur > best ? cur : best;
        else
            cur = 0;
    }
    return best;
}

static void render(app *a, uint8_t *buf)
{
    app_draw(a, a->ren, W, H);
    if (!render_read_pixels(a->ren, buf, W, H)) {
        fprintf(stderr, "cannot read pixels\n");
        exit(1);
    }
}

static void check_lesson1(app *a, uint8_t *buf)
{
    app_set_lesson(a, 0);
    for (int i = 0; i < 3; i++)
        sim_step(&a->sim);
    render(a, buf);
    layout lay;
    layout_compute(W, H, 1.0f, &lay);
    /* both curves where they are: at x = 0.6 and x = 1.4 */
    const double xs[] = {0.6, 0.75, 1.4};
    for (int i = 0; i < 3; i++) {
        landscape_point g, f;
        landscape_eval(a->lesson.land, &xs[i], &g);
        landscape_eval(a->lesson.companion, &xs[i], &f);
        const int cx = (int)lroundf(view_x_to_px(&a->view, &lay, xs[i]));
        const int gy = (int)lroundf(view_y_to_px(&a->view, &lay, g.f));
        const int fy = (int)lroundf(view_y_to_px(&a->view, &lay, f.f));
        CHECK(color_near(buf, cx, gy, 2, 86, 180, 233), "empirical risk curve missing at x=%g", xs[i]);
        CHECK(color_near(buf, cx, fy, 2, 230, 159, 0), "risk curve missing at x=%g", xs[i]);
        if (abs(gy - fy) > 12) {
            const int hgt = run_height(buf, cx, gy, 86, 180, 233);
            CHECK(hgt >= 3, "curve only %d px thick at x=%g", hgt, xs[i]);
        }
    }
    /* the iterate's marker (vermillion disc) centered on the runner */
    const runner *r = &a->sim.runners[0];
    const int mx = (int)lroundf(view_x_to_px(&a->view, &lay, r->x[0]));
    const int my = (int)lroundf(view_y_to_px(&a->view, &lay, r->at.f));
    CHECK(near_color(px(buf, mx, my), 213, 94, 0, 20), "no iterate marker at (%d, %d)", mx, my);
    CHECK(near_color(px(buf, mx + 9, my), 213, 94, 0, 20), "iterate marker smaller than 9 px");
    /* HUD column: light text pixels in its upper part, none in an empty band */
    int bright = 0;
    for (int y = 0; y < H / 2; y++)
        for (int x = (int)lay.side_x; x < W; x++)
            bright += px(buf, x, y)[0] > 200 && px(buf, x, y)[1] > 200 && px(buf, x, y)[2] > 200;
    CHECK(bright > 2000, "HUD text missing (%d bright pixels)", bright);
}

static void check_saddle(app *a, uint8_t *buf)
{
    app_set_lesson(a, 3);
    render(a, buf);
    layout lay;
    layout_compute(W, H, 1.0f, &lay);
    int wire = 0;
    for (int y = (int)lay.plot_y; y < (int)(lay.plot_y + lay.plot_h); y += 2)
        for (int x = (int)lay.plot_x; x < (int)(lay.plot_x + lay.plot_w); x += 2) {
            const uint8_t *p = px(buf, x, y);
            wire += p[2] > 90 && p[2] > p[0] + 30; /* bluish wireframe over the dark bg */
        }
    CHECK(wire > 5000, "wireframe too sparse (%d samples)", wire);
    /* the iterate on the surface, where the camera projects it */
    float vp[16];
    view3d_matrix(&a->view, &lay, vp);
    const runner *r = &a->sim.runners[0];
    const double span = 2.0;
    const double p3[3] = {r->x[0], r->x[1], a->view.z_scale * r->at.f + 0.01 * span};
    double ndc[2];
    CHECK(camera_project(vp, p3, ndc), "iterate behind the camera");
    const int mx = (int)lroundf((float)(ndc[0] + 1) * 0.5f * W);
    const int my = (int)lroundf((float)(1 - ndc[1]) * 0.5f * H);
    CHECK(color_near(buf, mx, my, 2, 213, 94, 0), "no 3D iterate marker at (%d, %d)", mx, my);
}

/* Contour view (C) of Himmelblau: viridis from purple at the minima to
 * yellow at the highest corner, and the runner's marker on top. */
static void check_contour(app *a, uint8_t *buf)
{
    app_set_lesson(a, landscape_index(landscape_find("himmelblau")));
    view_set_contour(&a->view, a->lesson.land, true);
    render(a, buf);
    layout lay;
    app_layout(a, W, H, &lay); /* letterboxed: equal scales on x and y */
    CHECK(fabsf(lay.plot_w - lay.plot_h) < 1.0f, "Himmelblau's square domain drawn %.1f x %.1f px",
          lay.plot_w, lay.plot_h);
    const float ux = view_x_to_px(&a->view, &lay, 1.0) - view_x_to_px(&a->view, &lay, 0.0);
    const float uy = view_y_to_px(&a->view, &lay, 0.0) - view_y_to_px(&a->view, &lay, 1.0);
    CHECK(fabsf(ux - uy) < 0.01f, "unequal scales: %.3f px per unit across, %.3f up", ux, uy);
    /* near the global minimum (3, 2) but off its label and the runner: f ~ 0 */
    const int mx = (int)lroundf(view_x_to_px(&a->view, &lay, 3.0)) - 30;
    const int my = (int)lroundf(view_y_to_px(&a->view, &lay, 2.0)) + 12;
    const uint8_t *p = px(buf, mx, my);
    CHECK(p[0] < 110 && p[1] < 60 && p[2] > 60, "minimum not purple: %d %d %d", p[0], p[1], p[2]);
    /* the corner (5, 5), the highest value on the grid: yellow */
    const int cx = (int)lroundf(view_x_to_px(&a->view, &lay, 4.97));
    const int cy = (int)lroundf(view_y_to_px(&a->view, &lay, 4.97));
    p = px(buf, cx, cy);
    CHECK(p[0] > 180 && p[1] > 180 && p[2] < 120, "corner not yellow: %d %d %d", p[0], p[1], p[2]);
    /* the start ring at (0, 0) */
    const int sx = (int)lroundf(view_x_to_px(&a->view, &lay, 0.0)) + 11;
    const int sy = (int)lroundf(view_y_to_px(&a->view, &lay, 0.0));
    CHECK(color_near(buf, sx, sy, 2, 236, 238, 242), "no start ring at (0, 0)");
    view_set_contour(&a->view, a->lesson.land, false);
}

/* Each theme paints its own background and draws the curve in its own
 * landscape color; the loss panel (J) sits below the plot with both loss
 * curves and the early-stopping mark; the key-cast overlay shows a key. */
static void check_themes_and_panels(app *a, uint8_t *buf)
{
    app_set_lesson(a, 0);
    for (int k = 0; k < THEME_COUNT; k++) {
        a->ui.theme = (theme_kind)k;
        const theme *t = theme_get(a->ui.theme);
        render(a, buf);
        const uint8_t *corner = px(buf, 4, 4);
        CHECK(near_color(corner, (int)lroundf(t->bg.r * 255), (int)lroundf(t->bg.g * 255),
                         (int)lroundf(t->bg.b * 255), 1),
              "theme %s: background %d %d %d", t->name, corner[0], corner[1], corner[2]);
        layout lay;
        app_layout(a, W, H, &lay);
        const double x = 0.8;
        landscape_point v;
        landscape_eval(a->lesson.land, &x, &v);
        const int cx = (int)lroundf(view_x_to_px(&a->view, &lay, x));
        const int cy = (int)lroundf(view_y_to_px(&a->view, &lay, v.f));
        CHECK(color_near(buf, cx, cy, 3, (int)lroundf(t->landscape.r * 255),
                         (int)lroundf(t->landscape.g * 255), (int)lroundf(t->landscape.b * 255)),
              "theme %s: no landscape curve at (%d, %d)", t->name, cx, cy);
    }
    a->ui.theme = THEME_DARK;
    /* lesson 1 from 1.2 for 30 steps: risk is lowest near step 5, then rises */
    sim_reset(&a->sim, NULL);
    for (int i = 0; i < 30; i++)
        sim_step(&a->sim);
    a->ui.loss_panel = true;
    render(a, buf);
    layout lay;
    app_layout(a, W, H, &lay);
    CHECK(lay.loss_w > 0 && lay.loss_y > lay.plot_y + lay.plot_h, "loss panel not below the plot");
    int blue = 0, orange = 0, yellow = 0;
    for (int y = (int)lay.loss_y; y < (int)(lay.loss_y + lay.loss_h); y++)
        for (int x = (int)lay.loss_x; x < (int)(lay.loss_x + lay.loss_w); x++) {
            const uint8_t *p = px(buf, x, y);
            blue += near_color(p, 86, 180, 233, 30);
            orange += near_color(p, 230, 159, 0, 30);
            yellow += near_color(p, 240, 228, 66, 30);
        }
    CHECK(blue > 300 && orange > 300, "loss curves missing (%d blue, %d orange px)", blue, orange);
    CHECK(yellow > 100, "early-stopping mark missing (%d px)", yellow);
    a->ui.loss_panel = false;
    a->ui.keycast = true;
    a->ui.n_keys = 1;
    snprintf(a->ui.keys[0].text, sizeof a->ui.keys[0].text, "N: gradient noise on / off");
    a->ui.keys[0].at = app_now_ms(a);
    render(a, buf);
    app_layout(a, W, H, &lay);
    int bright = 0;
    for (int y = (int)(lay.plot_y + lay.plot_h - 80); y < (int)(lay.plot_y + lay.plot_h); y++)
        for (int x = (int)lay.plot_x + 20; x < (int)lay.plot_x + 300; x++)
            bright += px(buf, x, y)[0] > 200 && px(buf, x, y)[1] > 200;
    CHECK(bright > 200, "key-cast text missing (%d bright px)", bright);
    a->ui.keycast = false;
    a->ui.n_keys = 0;
}

/* Whether this process has the file at path open (the Korean font is
 * opened only when Korean text is drawn). */
static bool file_open(const char *path)
{
    char want[PATH_MAX], link[PATH_MAX], got[PATH_MAX];
    if (!realpath(path, want))
        return false;
    DIR *d = opendir("/proc/self/fd");
    bool found = false;
    for (struct dirent *e; d && !found && (e = readdir(d));) {
        snprintf(link, sizeof link, "/proc/self/fd/%s", e->d_name);
        const ssize_t n = readlink(link, got, sizeof got - 1);
        if (n > 0) {
            got[n] = '\0';
            found = strcmp(got, want) == 0;
        }
    }
    if (d)
        closedir(d);
    return found;
}

/* Every bundled scene renders: its heading, its caption band under the
 * plot (English, then Korean, which draws different glyphs), and in 1D
 * each runner's marker in its color where the runner is. */
static void check_scenes(app *a, uint8_t *buf)
{
    scene_entry tour[SCENE_TOUR_MAX];
    const int n = scene_tour(tour, SCENE_TOUR_MAX);
    CHECK(n == 11, "the bundled tour has %d scenes, expected 11", n);
    uint8_t *english = malloc((size_t)W * H * 4);
    for (int i = 0; i < n; i++) {
        if (!test_scene_show(a, &tour[i], 20))
            continue;
        app_set_language(a, "en");
        render(a, buf);
        layout lay;
        app_layout(a, W, H, &lay);
        CHECK(lay.caption_w > 0, "scene %s: no caption band", tour[i].name);
        int text = 0;
        for (int y = (int)lay.caption_y; y < (int)(lay.caption_y + lay.caption_h); y++)
            for (int x = (int)lay.caption_x; x < (int)(lay.caption_x + lay.caption_w); x++)
                text += px(buf, x, y)[0] > 200 && px(buf, x, y)[1] > 200 && px(buf, x, y)[2] > 200;
        CHECK(text > 1500, "scene %s: caption text missing (%d px)", tour[i].name, text);
        int head = 0;
        for (int y = 0; y < (int)lay.plot_y - 10; y++)
            for (int x = (int)lay.plot_x; x < (int)lay.side_x; x++)
                head += px(buf, x, y)[0] > 120;
        CHECK(head > 800, "scene %s: heading missing (%d px)", tour[i].name, head);
        if (a->lesson.land->dim == 1) {
            for (int w = 0; w < a->sim.n_runners; w++) {
                const runner *rn = &a->sim.runners[w];
                if (rn->x[0] < a->view.box[0] || rn->x[0] > a->view.box[1] || rn->at.f < a->view.box[2] ||
                    rn->at.f > a->view.box[3])
                    continue; /* out of view: drawn as an arrow at the edge */
                const rgba c = app_runner_color(a, w);
                const int mx = (int)lroundf(view_x_to_px(&a->view, &lay, rn->x[0]));
                const int my = (int)lroundf(view_y_to_px(&a->view, &lay, rn->at.f));
                CHECK(color_near(buf, mx, my, 3, (int)lroundf(c.r * 255), (int)lroundf(c.g * 255),
                                 (int)lroundf(c.b * 255)),
                      "scene %s: runner %d not drawn at (%d, %d)", tour[i].name, w, mx, my);
            }
        }
        memcpy(english, buf, (size_t)W * H * 4);
        const bool has_ko_font = OPTIVIZ_FONT_KO_PATH[0] && access(OPTIVIZ_FONT_KO_PATH, R_OK) == 0;
        if (i == 0 && has_ko_font)
            CHECK(!file_open(OPTIVIZ_FONT_KO_PATH), "the Korean font was opened before any "
                                                    "Korean text was drawn");
        app_set_language(a, "ko");
        render(a, buf);
        if (i == 0 && has_ko_font)
            CHECK(file_open(OPTIVIZ_FONT_KO_PATH), "Korean text drawn, the Korean font not open");
        size_t differ = 0;
        for (int y = (int)lay.caption_y; y < (int)(lay.caption_y + lay.caption_h); y++)
            differ += memcmp(px(english, (int)lay.caption_x, y), px(buf, (int)lay.caption_x, y),
                             (size_t)lay.caption_w * 4) != 0;
        CHECK(differ > 20, "scene %s: the Korean caption looks like the English one",
              tour[i].name);
        app_set_language(a, "en");
    }
    free(english);
    app_scene_leave(a);
}

/* The back row's minimum: at 1920x1080 no text is drawn smaller than 20 px
 * (LAYOUT_TEXT_MIN times the layout's scale 1.08): a 12 px request is
 * measured, and drawn, at the minimum. */
static void check_text_minimum(app *a)
{
    app_draw(a, a->ren, 1920, 1080);
    layout lay;
    app_layout(a, 1920, 1080, &lay);
    const float min = LAYOUT_TEXT_MIN * lay.scale;
    CHECK(fabsf(min - 19.98f) < 0.01f, "minimum text %.2f px at 1920x1080, want 19.98", min);
    const float small = render_text_width(a->ren, "learning rate", 12.0f);
    const float at_min = render_text_width(a->ren, "learning rate", min);
    CHECK(fabsf(small - at_min) < 0.5f, "a 12 px text is %.1f px wide, the minimum's %.1f",
          small, at_min);
    CHECK(render_text_width(a->ren, "learning rate", 30.0f) > at_min * 1.3f,
          "larger text is not larger");
}

int main(void)
{
    int code;
    app *a = test_app_open(W, H, &code);
    if (!a)
        return code;
    if (a->fb_w != W || a->fb_h != H) {
        fprintf(stderr, "framebuffer is %dx%d, expected %dx%d\n", a->fb_w, a->fb_h, W, H);
        return 1;
    }
    uint8_t *buf = malloc((size_t)W * H * 4), *again = malloc((size_t)W * H * 4);
    check_lesson1(a, buf);
    check_themes_and_panels(a, buf);
    check_contour(a, buf);
    check_text_minimum(a);
    check_saddle(a, buf);
    check_scenes(a, buf);
    app_set_lesson(a, 3); /* the saddle again, for the run-to-run check */
    render(a, buf);
    /* bit-identical run to run */
    render(a, again);
    CHECK(memcmp(buf, again, (size_t)W * H * 4) == 0, "two renders of one state differ");
    free(buf);
    free(again);
    test_app_close(a);
    SDL_Quit();
    return check_report("render");
}
