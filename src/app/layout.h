/*
 * layout.h: screen regions in framebuffer pixels (plot, HUD column, loss
 * panel, caption), computed from the framebuffer size and the UI scale.
 */
#ifndef OPTIVIZ_APP_LAYOUT_H
#define OPTIVIZ_APP_LAYOUT_H

#define APP_UI_SCALE_MIN 0.5
#define APP_UI_SCALE_MAX 3.0

/* Screen regions in framebuffer pixels, recomputed from the framebuffer size
 * every frame (resizing and HiDPI keep working). */
/* The smallest text, in layout units (times layout.scale): 20 px at
 * 1920x1080, where the scale is 1.08. */
#define LAYOUT_TEXT_MIN 18.5f
/* The smallest window (pixels) the layout fits: plot, HUD column, caption
 * and footer apart (at 200x150 the plot vanished under the HUD). The
 * window's minimum size; shot, bench and --size refuse a smaller one. */
#define LAYOUT_MIN_W 640
#define LAYOUT_MIN_H 360

typedef struct layout {
    float scale;                          /* 1.0 at 1080 px high */
    float fb_w, fb_h;
    float plot_x, plot_y, plot_w, plot_h; /* axes box (1D) or 3D viewport */
    float side_x, side_y, side_w, side_h; /* HUD column */
    float loss_x, loss_y, loss_w, loss_h; /* loss-over-steps panel (J); w = 0: off */
    float caption_x, caption_y, caption_w, caption_h; /* a scene's caption; w = 0: none */
} layout;

/* Layout of a framebuffer of fb_w x fb_h pixels; ui_scale (Ctrl+Plus /
 * Minus, APP_UI_SCALE_MIN..MAX) multiplies every size. */
void layout_compute(int fb_w, int fb_h, float ui_scale, layout *out);

#endif
