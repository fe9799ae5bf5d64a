/*
 * paths.h: where optiviz keeps its files on disk. The XDG base directories
 * (config home, pictures directory) resolved from the environment, and
 * directory creation with parents. Used by export.c and settings.c.
 */
#ifndef OPTIVIZ_APP_PATHS_H
#define OPTIVIZ_APP_PATHS_H

#include <stdbool.h>
#include <stddef.h>

/* The user's home: $HOME, else the password database. False with a message
 * in err when neither gives an absolute path. */
bool paths_home(char *out, size_t n, char *err, size_t errlen);
/* $XDG_CONFIG_HOME when it is an absolute path, else HOME/.config. */
bool paths_config_home(char *out, size_t n, char *err, size_t errlen);
/* The pictures directory: $XDG_PICTURES_DIR, else the XDG_PICTURES_DIR line
 * of CONFIG_HOME/user-dirs.dirs ("$HOME/..." or an absolute path), else
 * HOME/Pictures. */
bool paths_pictures(char *out, size_t n, char *err, size_t errlen);
/* Creates dir and its missing parents (mode 0755). An existing directory is
 * fine; an existing file that is not a directory, or a failing mkdir, gives
 * false with "cannot create directory 'P': strerror" in err. */
bool paths_mkdir_p(const char *dir, char *err, size_t errlen);
/* A directory of an installed copy beside the running binary: <dir of
 * /proc/self/exe>/rel ("../share/optiviz/scenes"), written to out, so an
 * install under any prefix or DESTDIR finds its own files. NULL when rel is
 * empty, the path is unknown or too long, or no such directory exists (the
 * binary runs from the build tree). */
const char *paths_beside_binary(const char *rel, char *out, size_t n);

#endif
