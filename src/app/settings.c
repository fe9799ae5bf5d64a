/*
 * settings.c: settings.ini read with libinih (a regular file of at most
 * 64 KB, read whole and checked for old-Mac line ends, then ini_parse_string
 * with a handler that takes known keys from any section and ignores the
 * rest) and written like every file optiviz writes (fileio_replace: a
 * temporary file in the same directory, fsync, rename; links kept).
 */
#include "app/settings.h"

#include "app/fileio.h"
#include "app/i18n.h"
#include "app/paths.h"
#include "core/landscape.h"

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
    if (!st->bad) {
        char raw[8400];
        snprintf(raw, sizeof raw, _("%s: %s = '%s' is not %s; using the default"), st->path, key,
                 value, want);
        fileio_escape(st->msg, st->n, raw, false); /* the file's text, shown safely */
    }
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
        double v = 0.0;
        if (!landscape_parse_number(value, &v) ||
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
    char why[4400];
    FILE *fp = fileio_open_read(path, FILEIO_SETTINGS_MAX, "settings", why, sizeof why);
    if (!fp) {
        if (errno == ENOENT)
            return true;
        snprintf(msg, n, _("cannot read settings: %s; using the default settings"), why);
        return false;
    }
    /* the whole file (at most FILEIO_SETTINGS_MAX bytes), checked for
     * old-Mac line ends before libinih reads it */
    char *text = malloc(FILEIO_SETTINGS_MAX + 1);
    if (!text) {
        fclose(fp);
        snprintf(msg, n, "cannot read settings: out of memory; using the default settings");
        return false;
    }
    const size_t len = fread(text, 1, FILEIO_SETTINGS_MAX, fp);
    const bool read_error = ferror(fp) != 0;
    fclose(fp);
    text[len] = '\0';
    char shown[4400];
    fileio_escape(shown, sizeof shown, path, false);
    const char *cr = memchr(text, '\r', len);
    if (read_error || memchr(text, '\0', len) || (cr && cr[1] != '\n')) {
        snprintf(msg, n, "%s: %s; using the default settings", shown,
                 read_error ? "cannot read it"
                 : cr && cr[1] != '\n' ? "the lines end in CR alone (old Mac line ends)"
                                       : "a NUL byte: not a text file");
        free(text);
        return false;
    }
    load_state st = {.s = s, .path = shown, .msg = msg, .n = n};
    const int rc = ini_parse_string(text, on_entry, &st);
    free(text);
    if (rc != 0 && !st.bad) {
        if (rc > 0)
            snprintf(msg, n, _("%s: line %d is not 'key = value'; the rest is ignored"), shown, rc);
        else
            snprintf(msg, n, _("cannot read '%s'; using the default settings"), shown);
        return false;
    }
    return !st.bad;
}

bool settings_save(const settings *s, const char *path, char *msg, size_t n)
{
    char def[4096], dir[4096];
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
    char text[640];
    const int len = snprintf(text, sizeof text,
                             "# optiviz settings, written by optiviz (edit while it is closed)\n"
                             "[ui]\n"
                             "# dark, light or high-contrast\n"
                             "theme = %s\n"
                             "# 0.5 .. 3; 0: from the display's DPI\n"
                             "ui_scale = %.2f\n"
                             "# en, ko; empty: the system locale's (L switches it)\n"
                             "language = %s\n",
                             theme_get(s->theme)->name, s->ui_scale, s->language);
    /* the same replace as every file optiviz writes: a temporary file next
     * to it (through a symbolic link: next to its target), synced, renamed */
    fileio_replace r;
    if (!fileio_replace_begin(&r, path, true, msg, n))
        return false;
    for (int done = 0; done < len;) {
        const ssize_t w = write(r.fd, text + done, (size_t)(len - done));
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            char shown[4400];
            fileio_escape(shown, sizeof shown, path, false);
            snprintf(msg, n, _("cannot write '%s': %s"), shown, strerror(w < 0 ? errno : EIO));
            fileio_replace_abort(&r);
            return false;
        }
        done += (int)w;
    }
    return fileio_replace_commit(&r, msg, n);
}
