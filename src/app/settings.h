/*
 * settings.h: the UI settings optiviz remembers between sessions, kept in
 * $XDG_CONFIG_HOME/optiviz/settings.ini (else ~/.config/optiviz/settings.ini)
 * as "key = value" lines read with libinih. Unknown keys are ignored, a bad
 * value falls back to its default, and no error is ever fatal: every call
 * returns a message the app can show.
 */
#ifndef OPTIVIZ_APP_SETTINGS_H
#define OPTIVIZ_APP_SETTINGS_H

#include "app/theme.h"

#include <stdbool.h>
#include <stddef.h>


#define SETTINGS_UI_SCALE_MIN 0.5
#define SETTINGS_UI_SCALE_MAX 3.0

typedef struct settings {
    theme_kind theme; /* app/theme.h */
    double ui_scale; /* 0.5..3; 0: from the display's DPI (the default) */
    char language[16]; /* "en", "ko" (app/i18n.h); "": the system locale's */
} settings;

/* The defaults: dark theme, ui_scale 0, language "". */
settings settings_defaults(void);
/* The settings file's path (see above). False with a message in err when
 * there is no home directory to put it in. */
bool settings_path(char *out, size_t n, char *err, size_t errlen);
/* Reads path (NULL: settings_path) into s. A missing file gives the
 * defaults and true with msg "". An unreadable file, a syntax error or a
 * bad value gives false with one line in msg naming the file and key; s
 * then holds the defaults for whatever could not be read. */
bool settings_load(settings *s, const char *path, char *msg, size_t n);
/* Writes s to path (NULL: settings_path), making its directory, through a
 * temporary file in the same directory renamed over the old one, so the
 * file is whole or untouched. False with one line in msg on an error. */
bool settings_save(const settings *s, const char *path, char *msg, size_t n);

#endif
