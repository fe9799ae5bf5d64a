/*
 * platform_desktop.c: the desktop's platform services (platform.h): SDL's
 * performance counter as the clock, the settings file under
 * $XDG_CONFIG_HOME, and exported files left in their folder.
 */
#include "app/platform.h"

#include <SDL.h>

static double desktop_clock(void)
{
    return (double)SDL_GetPerformanceCounter() / (double)SDL_GetPerformanceFrequency();
}

static bool desktop_settings_load(settings *s, char *msg, size_t n)
{
    return settings_load(s, NULL, msg, n);
}

static bool desktop_settings_save(const settings *s, char *msg, size_t n)
{
    return settings_save(s, NULL, msg, n);
}

static void desktop_file_saved(const char *path)
{
    (void)path; /* already in the user's export folder */
}

const platform *platform_desktop(void)
{
    static const platform desktop = {
        .clock = desktop_clock,
        .settings_load = desktop_settings_load,
        .settings_save = desktop_settings_save,
        .file_saved = desktop_file_saved,
    };
    return &desktop;
}
