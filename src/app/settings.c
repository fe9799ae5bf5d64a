/*
 * settings.c: settings.ini read with libinih (ini_parse and a handler that
 * takes known keys from any section and ignores the rest) and written
 * atomically (mkstemp in the same directory, fsync, rename).
 */
#include "app/settings.h"

#include "app/i18n.h"
#include "app/paths.h"

#include <ini.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


settings settings_defaults(void)
{
    return (settings){.theme = THEME_DARK, .ui_scale = 0.0};
}


bool settings_path(char *out, size_t n, char *err, size_t errlen)
{
    char config[4096];
    if (!paths_config_home(config, sizeof config, err, errlen))
        return false;
    if (snprintf(out, n, "%s/optiviz/settings.ini", config) >= (int)n) {
        snprintf(err, errlen, _("settings path too long"));
        return false;
    }
    return true;
}

typedef struct load_state {
    settings *s;
    const char *path;
    char *msg;
    size_t n;
    bool bad;
} load_state;

/* Keeps the first problem found for the message. */
static void complain(load_state *st, const char *key, const char *value, const char *want)
{
    if (!st->bad)
        snprintf(st->msg, st->n, _("%s: %s = '%s' is not %s; using the default"), st->path, key,
                 value, want);
    st->bad = true;
}

static int on_entry(void *user, const char *section, const char *name, const char *value)
{
    (void)section;
    load_state *st = user;
    if (strcmp(name, "theme") == 0) {
        if (!theme_parse(value, &st->s->theme)) {
            st->s->theme = THEME_DARK;
            complain(st, name, value, _("dark, light or high-contrast"));
        }
    } else if (strcmp(name, "language") == 0) {
        const char *code = value[0] ? i18n_match(value) : "";
        if (!code) {
            st->s->language[0] = '\0';
            complain(st, name, value, _("a language optiviz has (en, ko) or empty"));
        } else {
            snprintf(st->s->language, sizeof st->s->language, "%s", code);
        }
    } else if (strcmp(name, "ui_scale") == 0) {
        char *end = NULL;
        const double v = strtod(value, &end);
        if (end == value || *end != '\0' || !isfinite(v) ||
            (v != 0.0 && (v < SETTINGS_UI_SCALE_MIN || v > SETTINGS_UI_SCALE_MAX))) {
            st->s->ui_scale = 0.0;
            complain(st, name, value, _("0 (from the display) or a number in 0.5..3"));
        } else {
            st->s->ui_scale = v;
        }
    }
    return 1; /* unknown keys are ignored */
}

bool settings_load(settings *s, const char *path, char *msg, size_t n)
{
    char def[4096];
    *s = settings_defaults();
    msg[0] = '\0';
    if (!path) {
        if (!settings_path(def, sizeof def, msg, n))
            return false;
        path = def;
    }
    FILE *fp = fopen(path, "r");
    if (!fp) {
        if (errno == ENOENT)
            return true;
        snprintf(msg, n, _("cannot read '%s': %s; using the default settings"), path,
                 strerror(errno));
        return false;
    }
    load_state st = {.s = s, .path = path, .msg = msg, .n = n};
    const int rc = ini_parse_file(fp, on_entry, &st);
    fclose(fp);
    if (rc != 0 && !st.bad) {
        if (rc > 0)
            snprintf(msg, n, _("%s: line %d is not 'key = value'; the rest is ignored"), path, rc);
        else
            snprintf(msg, n, _("cannot read '%s'; using the default settings"), path);
        return false;
    }
    return !st.bad;
}

bool settings_save(const settings *s, const char *path, char *msg, size_t n)
{
    char def[4096], dir[4096], tmp[4200];
    msg[0] = '\0';
    if (!path) {
        if (!settings_path(def, sizeof def, msg, n))
            return false;
        path = def;
    }
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash && slash != dir) {
        *slash = '\0';
        if (!paths_mkdir_p(dir, msg, n))
            return false;
    }
    if (snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= (int)sizeof tmp) {
        snprintf(msg, n, _("settings path too long"));
        return false;
    }
    const int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(msg, n, _("cannot write '%s': %s"), path, strerror(errno));
        return false;
    }
    FILE *fp = fdopen(fd, "w");
    if (!fp) {
        snprintf(msg, n, _("cannot write '%s': %s"), path, strerror(errno));
        close(fd);
        unlink(tmp);
        return false;
    }
    fprintf(fp,
            "# optiviz settings, written by optiviz (edit while it is closed)\n"
            "[ui]\n"
            "# dark, light or high-contrast\n"
            "theme = %s\n"
            "# 0.5 .. 3; 0: from the display's DPI\n"
            "ui_scale = %.2f\n"
            "# en, ko; empty: the system locale's (L switches it)\n"
            "language = %s\n",
            theme_get(s->theme)->name, s->ui_scale, s->language);
    int e = 0;
    if (fflush(fp) != 0 || ferror(fp) || fsync(fd) != 0)
        e = errno ? errno : EIO;
    if (fclose(fp) != 0 && e == 0)
        e = errno;
    if (e == 0 && rename(tmp, path) != 0)
        e = errno;
    if (e != 0) {
        unlink(tmp);
        snprintf(msg, n, _("cannot write '%s': %s"), path, strerror(e));
        return false;
    }
    return true;
}
