/*
 * draw_internal.h: what draw.c shares with the files that draw one panel
 * each (draw_panels.c). All of them read the app's state and never change
 * it.
 */
#ifndef OPTIVIZ_APP_DRAW_INTERNAL_H
#define OPTIVIZ_APP_DRAW_INTERNAL_H

#include "app/app.h"
#include "app/theme.h"

/* What every drawing function takes: the state drawn (read only), the
 * renderer, the theme, the layout and the time of the frame. No drawing
 * file keeps a theme, a buffer or a clock of its own. */
typedef struct draw_ctx {
    const app *a;
    renderer *r;
    const theme *th;
    const layout *lay;
    uint32_t now_ms; /* the app's clock (app_now_ms): messages, the key-cast */
} draw_ctx;

/* Color names over the theme of the frame being drawn: a function using
 * them has `const theme *th = dc->th` (or a th parameter) in scope. */
#define BG (th->bg)
#define PANEL (th->panel)
#define AXIS (th->axis)
#define GRID (th->grid)
#define TEXT (th->text)
#define DIM (th->dim)
#define BLUE (th->landscape)   /* the lesson's landscape */
#define ORANGE (th->companion) /* companion (risk) */
#define GREEN (th->mark)       /* marked points */
#define YELLOW (th->accent)
#define RED (th->bad)

/* Draws utf8 at (x, y) (top of the line) in size_px, shrunk down to min_px
 * and then cut with an ellipsis so it fits max_w pixels (<= 0: no limit). */
void draw_text_fit(renderer *r, const char *utf8, float x, float y, float size_px, float min_px,
                   float max_w, text_align align, rgba color);
/* Draws utf8 wrapped at spaces onto lines of at most max_w pixels, line_h
 * apart from y down, at size_px (never shrunk; a single word wider than
 * max_w is cut by draw_text_fit). Returns the lines used; with draw false
 * only counts them. */
int draw_text_wrap(renderer *r, const char *utf8, float x, float y, float size_px, float max_w,
                   float line_h, text_align align, rgba color, bool draw);

/* Label placement without overlaps (draw_util.c): boxes already taken
 * (labels placed, a legend), and a label tried at candidate spots around
 * its point, inside the plot; it is dropped when none is free. Callers
 * place the most important labels first. */
#define LABELS_MAX 64
typedef struct label_placer {
    int n;
    float box[LABELS_MAX][4]; /* x, y, w, h */
} label_placer;
void labels_reserve(label_placer *p, float x, float y, float w, float h);
/* True when the box (x, y, w, h) overlaps no taken box. */
bool labels_free(const label_placer *p, float x, float y, float w, float h);
/* The 1D view's labels laid out once for everything that draws there
 * (draw_curve.c): the legend's box reserved, then each marked point's
 * label, stacked under its point or moved to a free spot (box[i] = x, y, w,
 * h; w = 0 when left out). Returns the number of marks. */
int marks_layout_1d(const draw_ctx *dc, label_placer *pl, float box[][4]);
/* A w x h label for the point (px, py): true with its top-left in (*x, *y)
 * and the box taken; false when every spot overlaps a taken box or leaves
 * lay's plot. */
bool labels_place(label_placer *p, const layout *lay, float px, float py, float w, float h,
                  float *x, float *y);

/* Shared helpers (draw_util.c): a tick label with as few decimals as the
 * tick step needs; an arrow from (x0, y0) to (x1, y1) of width w; the index
 * of the first trail point drawn (the last trail_len of the runner's). */
void fmt_tick(char *out, size_t n, double v, double step);
void draw_arrow(renderer *r, float x0, float y0, float x1, float y1, float w, rgba c);
int trail_first(const app *a, const runner *rn);

/* The views, each in its file: the static part (axes, landscape, marks;
 * drawn into the renderer's static layer) and the moving part (runners).
 * draw_axes_1d: the x/y axes of the curve and contour views. */
void draw_axes_1d(const draw_ctx *dc);
void draw_view_1d(const draw_ctx *dc);
void draw_runners_1d(const draw_ctx *dc);
void draw_view_3d(const draw_ctx *dc);
void draw_runners_3d(const draw_ctx *dc);
/* Shift+C (2D): the two slices f(x, y0) and f(x0, y) through the critical
 * point nearest the selected runner (its iterate when there is none), as
 * curves in the plot's top corners, each with what its curvature says
 * (a minimum along x, a maximum along y: d2l 12.1's saddle). */
void draw_slices(const draw_ctx *dc);
void draw_view_contour(const draw_ctx *dc);
void draw_runners_contour(const draw_ctx *dc);

/* The key-cast overlay: the last keys pressed, newest at the bottom, each
 * fading out APP_KEYCAST_MS after it was pressed. */
void draw_keycast(const draw_ctx *dc);

/* The loss-over-steps panel (J): each runner's value at its iterates
 * against the step (log10(f - f*) with Shift+J); with a companion (lesson
 * 1) the selected runner's training loss and risk, with the step of lowest
 * risk marked for early stopping. */
void draw_loss_panel(const draw_ctx *dc);

/* The formula line (E): the formula and its domain being typed, the
 * cursor, and a refused formula's message with a caret under its column. */
void draw_formula_line(const draw_ctx *dc);

/* A scene's caption under the plot (up to three lines, wrapped at spaces,
 * shrunk if it still does not fit) and its annotations: a ring at each
 * point of the landscape with its text, in the current language. */
void draw_scene_caption(const draw_ctx *dc);
void draw_scene_annotations(const draw_ctx *dc);

/* The particles (under the runners) and the basin histogram panel (over
 * them) (draw_cloud.c); nothing without a cloud. */
void draw_cloud(const draw_ctx *dc);
void draw_cloud_panel(const draw_ctx *dc);

/* The HUD column, the worked example (T) and the help overlay (H):
 * draw_hud.c. */
void draw_hud(const draw_ctx *dc);
void draw_explain(const draw_ctx *dc);
void draw_help(const draw_ctx *dc);

#endif
