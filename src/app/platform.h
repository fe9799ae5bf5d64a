/*
 * platform.h: the few services a front end provides to the program, behind
 * one small interface: a clock, the settings store, and handing a saved
 * file to the user. The desktop front end (main.c) uses platform_desktop();
 * a browser front end supplies its own (local storage, downloads) and calls
 * app_frame(app, dt) once per animation frame with the same program.
 */
#ifndef OPTIVIZ_APP_PLATFORM_H
#define OPTIVIZ_APP_PLATFORM_H

#include "app/settings.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct platform {
    /* Monotonic time in seconds (any origin): the driver loop's dt. */
    double (*clock)(void);
    /* The settings store. load: false with one line in msg when what was
     * stored could not be read (s then holds defaults where it failed);
     * save: false with one line in msg. */
    bool (*settings_load)(settings *s, char *msg, size_t n);
    bool (*settings_save)(const settings *s, char *msg, size_t n);
    /* A file the program finished writing at path (PNG, CSV, video) is the
     * user's now: the desktop leaves it where it is; a browser offers it
     * as a download. */
    void (*file_saved)(const char *path);
} platform;

/* The desktop's: SDL's performance counter, the XDG settings file
 * (settings.h), files left in the export folder. */
const platform *platform_desktop(void);

#endif
