/*
 * app_export.c: what the app writes to disk. P saves the frame as a PNG at
 * the framebuffer's full resolution, X each runner's trajectory as CSV in
 * `trace`'s format, V starts and stops a recording (numbered PNGs at 30
 * frames a second, then an MP4 and a GIF when ffmpeg is installed); all
 * through export.c, which names the files and reports each outcome in one
 * line that the app shows. The theme, UI scale and language persist in the settings
 * file (settings.c), read at start and written when they change; headless
 * runs (shot, bench, tests) neither read nor write it.
 */
#include "app/app.h"

#include <stdio.h>
#include <stdlib.h>

#define RECORD_FPS 30.0

/* The framebuffer read back into a->export.pixels (grown as needed); false with
 * a message when that fails. */
static bool read_frame(app *a)
{
    const size_t need = (size_t)a->fb_w * (size_t)a->fb_h * 4;
    if (need > a->export.pixels_cap) {
        uint8_t *p = realloc(a->export.pixels, need);
        if (!p) {
            app_message(a, 4000, _("export: out of memory for a %dx%d frame"), a->fb_w, a->fb_h);
            return false;
        }
        a->export.pixels = p;
        a->export.pixels_cap = need;
    }
    if (!render_read_pixels(a->ren, a->export.pixels, a->fb_w, a->fb_h)) {
        app_message(a, 4000, "%s", _("export: could not read the frame back"));
        return false;
    }
    return true;
}

void app_export_action(app *a, action act)
{
    switch (act) {
    case ACTION_EXPORT_PNG:
        a->export.want_png = true; /* after the next frame is drawn */
        break;
    case ACTION_EXPORT_CSV: {
        const bool ok = export_csv(&a->export.exp, &a->sim);
        if (ok)
            a->plat->file_saved(a->export.exp.last_path);
        app_message_kind(a, ok ? MESSAGE_FILE : MESSAGE_ERROR, ok ? 6000 : 10000, "%s",
                         a->export.exp.message);
        break;
    }
    case ACTION_RECORD: {
        bool ok = true;
        if (a->export.exp.recording)
            ok = export_record_stop(&a->export.exp);
        else if ((ok = export_record_start(&a->export.exp, RECORD_FPS)))
            a->export.record_clock = 1.0 / RECORD_FPS; /* the first frame at once */
        app_message_kind(a, ok ? MESSAGE_FILE : MESSAGE_ERROR, ok ? 6000 : 10000, "%s",
                         a->export.exp.message);
        break;
    }
    default:
        break;
    }
}

void app_export_frame(app *a, double dt)
{
    if (a->export.want_png) {
        a->export.want_png = false;
        if (read_frame(a)) {
            const bool ok = export_png(&a->export.exp, a->export.pixels, a->fb_w, a->fb_h);
            if (ok)
                a->plat->file_saved(a->export.exp.last_path);
            app_message_kind(a, ok ? MESSAGE_FILE : MESSAGE_ERROR, ok ? 6000 : 10000, "%s",
                             a->export.exp.message);
        }
    }
    if (a->export.exp.recording) {
        /* at the pace on screen: a frame drawn every 1/10 s stands for three
         * video frames at 30 fps, so the video lasts as long as the lesson did
         * (the frame is repeated; at most a second's worth after a stall) */
        a->export.record_clock += dt;
        int due = (int)floor(a->export.record_clock * RECORD_FPS);
        a->export.record_clock -= due / RECORD_FPS;
        if (due > (int)RECORD_FPS)
            due = (int)RECORD_FPS;
        if (due > 0 && read_frame(a) &&
            !export_record_frames(&a->export.exp, a->export.pixels, a->fb_w, a->fb_h, due))
            app_message_kind(a, MESSAGE_ERROR, 10000, "%s", a->export.exp.message);
    }
    const export_job job = export_poll(&a->export.exp);
    if (job == EXPORT_JOB_DONE)
        a->plat->file_saved(a->export.exp.last_path);
    if (job == EXPORT_JOB_DONE || job == EXPORT_JOB_FAILED)
        app_message_kind(a, job == EXPORT_JOB_DONE ? MESSAGE_FILE : MESSAGE_ERROR, 10000, "%s",
                         a->export.exp.message);
}

void app_settings_load(app *a)
{
    settings s;
    char msg[512];
    if (!a->plat->settings_load(&s, msg, sizeof msg))
        app_message_kind(a, MESSAGE_ERROR, 8000, "%s", msg);
    a->ui.theme = s.theme;
    snprintf(a->ui.lang_setting, sizeof a->ui.lang_setting, "%s", s.language);
    if (s.language[0] && !a->ui.lang[0])
        app_set_language(a, s.language); /* --lang, when given, was set first */
    a->ui.ui_scale_chosen = s.ui_scale >= APP_UI_SCALE_MIN && s.ui_scale <= APP_UI_SCALE_MAX;
    if (a->ui.ui_scale_chosen)
        a->ui.ui_scale = (float)s.ui_scale;
}

bool app_set_language(app *a, const char *code)
{
    if (!i18n_set(code))
        return false;
    snprintf(a->ui.lang, sizeof a->ui.lang, "%s", i18n_lang());
    return true;
}

settings app_settings_now(const app *a)
{
    settings s = {.theme = a->ui.theme, .ui_scale = a->ui.ui_scale_chosen ? a->ui.ui_scale : 0.0};
    snprintf(s.language, sizeof s.language, "%s", a->ui.lang_setting);
    return s;
}

void app_settings_save(app *a)
{
    if (a->headless)
        return;
    const settings s = app_settings_now(a);
    char msg[512];
    if (!a->plat->settings_save(&s, msg, sizeof msg))
        app_message_kind(a, MESSAGE_ERROR, 8000, "%s", msg);
}
