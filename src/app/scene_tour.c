/*
 * scene_tour.c: where the bundled scenes are and in which order. The tour
 * is the *.ini files of one directory sorted by file name ("01-risk.ini"
 * first); a scene's name drops the "NN-" prefix and ".ini". Loading a file
 * is scene.c's.
 */
#include "app/scene.h"

#include "app/paths.h"

#include "optiviz_config.h"

#include <ctype.h>
#include <stdbool.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *scene_dir(void)
{
    const char *env = getenv("OPTIVIZ_SCENES");
    if (env && env[0])
        return env;
    static char path[4096]; /* the installed copy beside the binary, first */
    const char *beside = paths_beside_binary(OPTIVIZ_SCENE_REL_DIR, path, sizeof path);
    if (beside)
        return beside;
    if (is_dir(OPTIVIZ_SCENE_DIR))
        return OPTIVIZ_SCENE_DIR;
    return OPTIVIZ_SCENE_INSTALL_DIR;
}

static int entry_cmp(const void *a, const void *b)
{
    const char *pa = strrchr(((const scene_entry *)a)->path, '/');
    const char *pb = strrchr(((const scene_entry *)b)->path, '/');
    return strcmp(pa ? pa : "", pb ? pb : "");
}

int scene_tour(scene_entry *out, int max)
{
    const char *dir = scene_dir();
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < max) {
        const char *f = e->d_name;
        const size_t len = strlen(f);
        if (f[0] == '.' || len <= 4 || strcmp(f + len - 4, ".ini") != 0)
            continue;
        const char *name = f;
        while (isdigit((unsigned char)*name))
            name++;
        name = (name > f && *name == '-') ? name + 1 : f;
        const size_t nlen = len - 4 - (size_t)(name - f);
        if (nlen == 0 || nlen >= SCENE_NAME_MAX ||
            strlen(dir) + 1 + len >= SCENE_PATH_MAX)
            continue;
        snprintf(out[n].name, sizeof out[n].name, "%.*s", (int)nlen, name);
        snprintf(out[n].path, sizeof out[n].path, "%s/%s", dir, f);
        n++;
    }
    closedir(d);
    qsort(out, (size_t)n, sizeof *out, entry_cmp);
    return n;
}

bool scene_resolve(const char *arg, char *path, size_t n, char *err, size_t errlen)
{
    const size_t len = strlen(arg);
    if (strchr(arg, '/') || (len >= 4 && strcmp(arg + len - 4, ".ini") == 0)) {
        if (len >= n) {
            snprintf(err, errlen, "'%s': path too long", arg);
            return false;
        }
        memcpy(path, arg, len + 1);
        return true;
    }
    scene_entry *tour = calloc(SCENE_TOUR_MAX, sizeof *tour);
    if (!tour) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    const int count = scene_tour(tour, SCENE_TOUR_MAX);
    bool found = false;
    for (int i = 0; i < count && !found; i++) {
        const char *file = strrchr(tour[i].path, '/') + 1;
        const size_t flen = strlen(file) - 4;
        if (strcmp(tour[i].name, arg) == 0 || (flen == len && strncmp(file, arg, len) == 0)) {
            found = strlen(tour[i].path) < n;
            if (found)
                memcpy(path, tour[i].path, strlen(tour[i].path) + 1);
        }
    }
    if (!found)
        snprintf(err, errlen, "no scene named '%s' in %s (scenes: optiviz list; a file needs "
                 "a '/' or .ini)", arg, scene_dir());
    free(tour);
    return found;
}
