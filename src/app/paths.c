/*
 * paths.c: the XDG directories optiviz writes to, from the environment and
 * user-dirs.dirs (the file xdg-user-dirs maintains), and mkdir -p.
 */
#include "app/paths.h"
#include "app/i18n.h"

#include "app/fileio.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Copies s into out; false with a message when it does not fit. */
static bool copy_path(char *out, size_t n, const char *s, char *err, size_t errlen)
{
    if (snprintf(out, n, "%s", s) >= (int)n) {
        snprintf(err, errlen, _("path too long: '%.64s...'"), s);
        return false;
    }
    return true;
}

bool paths_home(char *out, size_t n, char *err, size_t errlen)
{
    const char *home = getenv("HOME");
    if (!home || home[0] != '/') {
        const struct passwd *pw = getpwuid(getuid());
        home = pw ? pw->pw_dir : NULL;
    }
    if (!home || home[0] != '/') {
        snprintf(err, errlen, _("cannot find the home directory (HOME is not set)"));
        return false;
    }
    return copy_path(out, n, home, err, errlen);
}

bool paths_config_home(char *out, size_t n, char *err, size_t errlen)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    if (xdg && xdg[0] == '/')
        return copy_path(out, n, xdg, err, errlen);
    char home[4096];
    if (!paths_home(home, sizeof home, err, errlen))
        return false;
    if (snprintf(out, n, "%s/.config", home) >= (int)n) {
        snprintf(err, errlen, _("path too long: '%.64s...'"), home);
        return false;
    }
    return true;
}

/* The value of a user-dirs.dirs line XDG_PICTURES_DIR="$HOME/Pictures" with
 * $HOME expanded, into out; false when the file has no usable line. */
static bool pictures_from_user_dirs(const char *file, const char *home, char *out, size_t n)
{
    char why[4400];
    FILE *fp = fileio_open_read(file, FILEIO_SETTINGS_MAX, "user-dirs.dirs", why, sizeof why);
    if (!fp)
        return false; /* missing or not a small regular file: the default */
    char line[4096];
    bool found = false;
    while (!found && fgets(line, sizeof line, fp)) {
        const char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        static const char key[] = "XDG_PICTURES_DIR=\"";
        if (strncmp(p, key, sizeof key - 1) != 0)
            continue;
        p += sizeof key - 1;
        const char *end = strchr(p, '"');
        if (!end)
            continue;
        const int len = (int)(end - p);
        int w;
        if (strncmp(p, "$HOME", 5) == 0 && (len == 5 || p[5] == '/'))
            w = snprintf(out, n, "%s%.*s", home, len - 5, p + 5);
        else if (p[0] == '/')
            w = snprintf(out, n, "%.*s", len, p);
        else
            continue; /* relative paths are invalid in this file */
        found = w > 0 && w < (int)n;
    }
    fclose(fp);
    return found;
}

bool paths_pictures(char *out, size_t n, char *err, size_t errlen)
{
    const char *env = getenv("XDG_PICTURES_DIR");
    if (env && env[0] == '/')
        return copy_path(out, n, env, err, errlen);
    char home[4096], config[4096], file[4200];
    if (!paths_home(home, sizeof home, err, errlen) ||
        !paths_config_home(config, sizeof config, err, errlen))
        return false;
    snprintf(file, sizeof file, "%s/user-dirs.dirs", config);
    if (pictures_from_user_dirs(file, home, out, n))
        return true;
    if (snprintf(out, n, "%s/Pictures", home) >= (int)n) {
        snprintf(err, errlen, _("path too long: '%.64s...'"), home);
        return false;
    }
    return true;
}

/* mkdir that accepts an existing directory. */
static bool make_one(const char *dir, char *err, size_t errlen)
{
    if (mkdir(dir, 0755) == 0)
        return true;
    const int e = errno;
    struct stat st;
    if (e == EEXIST && stat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return true;
        snprintf(err, errlen, _("cannot create directory '%s': %s"), dir, strerror(ENOTDIR));
        return false;
    }
    snprintf(err, errlen, _("cannot create directory '%s': %s"), dir, strerror(e));
    return false;
}

bool paths_mkdir_p(const char *dir, char *err, size_t errlen)
{
    char buf[4096];
    if (dir[0] == '\0') {
        snprintf(err, errlen, _("cannot create a directory with an empty name"));
        return false;
    }
    if (!copy_path(buf, sizeof buf, dir, err, errlen))
        return false;
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        const bool ok = make_one(buf, err, errlen);
        *p = '/';
        if (!ok) {
            /* name the directory asked for, and the part that failed */
            char inner[1024];
            snprintf(inner, sizeof inner, "%s", err);
            snprintf(err, errlen, _("%s (making '%s')"), inner, dir);
            return false;
        }
    }
    return make_one(buf, err, errlen);
}

const char *paths_beside_binary(const char *rel, char *out, size_t n)
{
    if (!rel[0] || n < 2)
        return NULL;
    const ssize_t len = readlink("/proc/self/exe", out, n - 1);
    if (len <= 0)
        return NULL;
    out[len] = '\0';
    char *slash = strrchr(out, '/');
    if (!slash)
        return NULL;
    const size_t used = (size_t)(slash - out) + 1;
    const int w = snprintf(slash + 1, n - used, "%s", rel);
    struct stat st;
    if (w < 0 || (size_t)w >= n - used || stat(out, &st) != 0 || !S_ISDIR(st.st_mode))
        return NULL;
    return out;
}
