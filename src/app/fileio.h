/*
 * fileio.h: how optiviz touches the user's files. Every file it reads (a
 * scene, settings.ini, user-dirs.dirs) must be a regular file no larger
 * than a cap, so /dev/zero, a FIFO or a directory gets a message instead of
 * a hang. Every file it writes under a name the user chose goes to a
 * temporary file in the same directory, renamed over the name only when
 * the write succeeded; an existing file is replaced only when asked
 * (--force), so a failed or mistaken write never loses what was there.
 * Text from arguments or files is escaped before it reaches a terminal.
 */
#ifndef OPTIVIZ_APP_FILEIO_H
#define OPTIVIZ_APP_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define FILEIO_SCENE_MAX (1L << 20)    /* bytes: a scene file is a few KB */
#define FILEIO_SETTINGS_MAX (64L << 10) /* bytes: settings.ini, user-dirs.dirs */

/* Opens path for reading when it is a regular file of at most max bytes
 * (opened without blocking, so a FIFO cannot hang the open). Returns NULL
 * with one line in err ("PATH: not a regular file (a directory); ...",
 * "PATH: 2000000 bytes, more than the 1048576 a scene file may have",
 * "PATH: No such file or directory"; what names the kind); errno is ENOENT when the file
 * does not exist, so callers can treat a missing file as "use defaults". */
FILE *fileio_open_read(const char *path, long max, const char *what, char *err, size_t n);

/* The file path names after following symbolic links (at most 16, a
 * relative target taken from the link's directory) into out; path itself
 * when it is no link or does not exist. False for a loop or a name too
 * long. Replacing a file through a link keeps the link. */
bool fileio_follow_links(const char *path, char *out, size_t n);

/* A file being written in place of path: a temporary file next to it. */
typedef struct fileio_replace {
    int fd;                  /* the temporary file, -1 when none */
    char path[4096];         /* the final name */
    char tmp[4200];          /* the temporary file's name */
} fileio_replace;

/* Starts writing path: refuses when path exists and force is false
 * ("'PATH' exists; add --force to replace it"), or when it exists and is
 * not a regular file (a device, a directory: never replaced); else creates
 * a temporary file in the directory of the file path names (symbolic links
 * followed, so they are kept), mode 0644, so an unwritable place fails
 * here, before any work. False with one line in err. */
bool fileio_replace_begin(fileio_replace *r, const char *path, bool force, char *err,
                          size_t n);
/* Flushes the temporary file to disk and renames it to the final name.
 * The descriptor must already be closed by the writer (r->fd = -1) or is
 * closed here. False with one line in err; the temporary file is removed. */
bool fileio_replace_commit(fileio_replace *r, char *err, size_t n);
/* Removes the temporary file (closing it if still open); path untouched. */
void fileio_replace_abort(fileio_replace *r);

/* Copies s into out (n bytes, always terminated) with every control
 * character shown as an escape: \r and \t as such, other C0 characters,
 * DEL and bytes that are not UTF-8 as \xHH (ESC is \x1b), the C1 range
 * U+0080..U+009F as \uHHHH. keep_newline passes '\n' and '\t' through
 * (a message of two lines whose caret lines up under tabs). Korean and other UTF-8
 * text is kept. */
void fileio_escape(char *out, size_t n, const char *s, bool keep_newline);

#endif
