/*
 * layout.c: the screen regions (layout.h): plot, HUD column, the loss panel
 * under the plot and a scene's caption, from the framebuffer size and the
 * UI scale.
 */
#include "app/app.h"

#include <math.h>

void layout_compute(int fb_w, int fb_h, float ui_scale, layout *out)
{
    const float w = (float)(fb_w > 1 ? fb_w : 1), h = (float)(fb_h > 1 ? fb_h : 1);
    float s = fminf(h / 1000.0f, w / 1400.0f);
    s = fmaxf(0.5f, fminf(s, 4.0f));
    if (ui_scale >= APP_UI_SCALE_MIN && ui_scale <= APP_UI_SCALE_MAX)
        s *= ui_scale;
    /* no larger than the HUD column's rows fit the height (Ctrl+Plus on a
     * small window) */
    s = fmaxf(0.4f, fminf(s, h / 700.0f));
    out->scale = s;
    out->fb_w = w;
    out->fb_h = h;
    const float side_w = floorf(fmaxf(fminf(520.0f * s, w * 0.36f), 180.0f));
    out->side_w = side_w;
    out->side_x = w - side_w;
    out->side_y = 0;
    out->side_h = h;
    out->plot_x = 110.0f * s;
    out->plot_y = 120.0f * s;
    out->plot_w = fmaxf(out->side_x - out->plot_x - 40.0f * s, 20.0f);
    out->plot_h = fmaxf(h - out->plot_y - 110.0f * s, 20.0f);
}

static void layout_regions(const app *a, int fb_w, int fb_h, layout *out);

void app_layout(const app *a, int fb_w, int fb_h, layout *out)
{
    layout_regions(a, fb_w, fb_h, out);
    view_letterbox(&a->view, out); /* a contour map keeps equal scales */
}

/* The window's regions: plot, HUD column, caption, loss panel. */
static void layout_regions(const app *a, int fb_w, int fb_h, layout *out)
{
    layout_compute(fb_w, fb_h, a->ui.ui_scale, out);
    out->loss_x = out->loss_y = out->loss_w = out->loss_h = 0.0f;
    out->caption_x = out->caption_y = out->caption_w = out->caption_h = 0.0f;
    const float s = out->scale;
    if (app_scene_caption(a)[0]) { /* three lines under the plot's x axis */
        out->caption_h = floorf(3.0f * 26.0f * s * 1.3f + 16.0f * s);
        out->plot_h -= out->caption_h;
        out->caption_x = out->plot_x - 80.0f * s;
        out->caption_w = out->plot_w + 80.0f * s;
        out->caption_y = out->fb_h - out->caption_h - 8.0f * s;
    }
    if (!a->ui.loss_panel)
        return;
    const float h = floorf(out->plot_h * 0.36f);
    out->plot_h -= h + 70.0f * s; /* the plot's x-axis labels stay above the panel */
    out->loss_x = out->plot_x - 80.0f * s;
    out->loss_w = out->plot_w + 80.0f * s;
    out->loss_y = out->plot_y + out->plot_h + 70.0f * s;
    out->loss_h = h + 50.0f * s; /* and the bottom margin the x-axis labels no longer need */
}
