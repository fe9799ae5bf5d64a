/*
 * platform_web.c: the browser's platform services (platform_web.h). The
 * settings file and exported files live in emscripten's in-memory file
 * system; the page's side (web_lib.js) moves them to localStorage and to
 * the browser's downloads, so settings.c and export.c work unchanged.
 */
#include "web/platform_web.h"

#include <emscripten.h>

/* The page's side (web_lib.js): copy settings.ini from localStorage into
 * the file system (before reading) and back (after writing); download a
 * file and remove it. */
extern void web_settings_restore(const char *path);
extern void web_settings_store(const char *path);
extern void web_download(const char *path);

static double web_clock(void)
{
    return emscripten_get_now() / 1000.0;
}

static bool web_settings_load(settings *s, char *msg, size_t n)
{
    char path[512];
    if (!settings_path(path, sizeof path, msg, n)) {
        *s = settings_defaults();
        return false;
    }
    web_settings_restore(path);
    return settings_load(s, path, msg, n);
}

static bool web_settings_save(const settings *s, char *msg, size_t n)
{
    char path[512];
    if (!settings_path(path, sizeof path, msg, n) || !settings_save(s, path, msg, n))
        return false;
    web_settings_store(path);
    return true;
}

static void web_file_saved(const char *path)
{
    web_download(path);
}

const platform *platform_web(void)
{
    static const platform web = {
        .clock = web_clock,
        .settings_load = web_settings_load,
        .settings_save = web_settings_save,
        .file_saved = web_file_saved,
    };
    return &web;
}
