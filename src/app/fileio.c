/*
 * fileio.c: regular-file reads with a size cap, replace-by-rename writes
 * and terminal-safe text (fileio.h). POSIX open/fstat/mkstemp/rename; no
 * SDL, so the scene parser and its fuzz target link it alone.
 */
#include "app/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *kind_of(mode_t m)
{
    return S_ISDIR(m)    ? "a directory"
           : S_ISCHR(m)  ? "a character device"
           : S_ISBLK(m)  ? "a block device"
           : S_ISFIFO(m) ? "a pipe"
           : S_ISSOCK(m) ? "a socket"
                         : "not a plain file";
}

FILE *fileio_open_read(const char *path, long max, const char *what, char *err, size_t n)
{
    char shown[600];
    fileio_escape(shown, sizeof shown, path, false);
    const int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        const int e = errno;
        snprintf(err, n, "%s: %s", shown, strerror(e));
        errno = e;
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, n, "%s: not a regular file (%s); a %s file is needed", shown,
                 kind_of(st.st_mode), what);
        close(fd);
        errno = EINVAL;
        return NULL;
    }
    if (st.st_size > max) {
        snprintf(err, n, "%s: %lld bytes, more than the %ld a %s file may have", shown,
                 (long long)st.st_size, max, what);
        close(fd);
        errno = EFBIG;
        return NULL;
    }
    const int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    FILE *fp = fdopen(fd, "r");
    if (!fp) {
        snprintf(err, n, "%s: %s", shown, strerror(errno));
        close(fd);
    }
    return fp;
}

bool fileio_follow_links(const char *path, char *out, size_t n)
{
    if (snprintf(out, n, "%s", path) >= (int)n)
        return false;
    for (int hop = 0; hop < 16; hop++) {
        struct stat st;
        if (lstat(out, &st) != 0 || !S_ISLNK(st.st_mode))
            return true; /* not a link (or not there): the name itself */
        char target[4096];
        const ssize_t len = readlink(out, target, sizeof target - 1);
        if (len < 0)
            return false;
        target[len] = '\0';
        char next[4096];
        const char *slash = strrchr(out, '/');
        int w;
        if (target[0] == '/' || !slash) /* absolute, or relative to the current directory */
            w = snprintf(next, sizeof next, "%s", target);
        else
            w = snprintf(next, sizeof next, "%.*s/%s", (int)(slash - out), out, target);
        if (w < 0 || (size_t)w >= sizeof next || (size_t)w >= n)
            return false;
        memcpy(out, next, (size_t)w + 1);
    }
    return false; /* a loop of links */
}

bool fileio_replace_begin(fileio_replace *r, const char *path, bool force, char *err, size_t n)
{
    char shown[600];
    fileio_escape(shown, sizeof shown, path, false);
    r->fd = -1;
    r->tmp[0] = '\0';
    /* through symbolic links: the file they name is replaced, the links kept */
    if (path[0] == '\0' || !fileio_follow_links(path, r->path, sizeof r->path)) {
        snprintf(err, n, "'%s': not a usable file name", shown);
        return false;
    }
    path = r->path;
    struct stat st;
    if (stat(path, &st) == 0) {
        if (!S_ISREG(st.st_mode)) {
            snprintf(err, n, "'%s' is %s, not a file optiviz may replace", shown,
                     kind_of(st.st_mode));
            return false;
        }
        if (!force) {
            snprintf(err, n, "'%s' exists; add --force to replace it", shown);
            return false;
        }
    }
    /* the temporary file: ".NAME.XXXXXX" in the same directory, so the
     * rename stays on one file system */
    const char *slash = strrchr(path, '/');
    const int dirlen = slash ? (int)(slash - path) + 1 : 0;
    if (snprintf(r->tmp, sizeof r->tmp, "%.*s.%s.XXXXXX", dirlen, path,
                 slash ? slash + 1 : path) >= (int)sizeof r->tmp) {
        snprintf(err, n, "'%s': name too long", shown);
        r->tmp[0] = '\0';
        return false;
    }
    r->fd = mkstemp(r->tmp);
    if (r->fd < 0) {
        snprintf(err, n, "cannot write '%s': %s", shown, strerror(errno));
        r->tmp[0] = '\0';
        return false;
    }
    fchmod(r->fd, 0644);
    return true;
}

bool fileio_replace_commit(fileio_replace *r, char *err, size_t n)
{
    char shown[600];
    fileio_escape(shown, sizeof shown, r->path, false);
    int e = 0;
    if (r->fd >= 0) {
        if (fsync(r->fd) != 0)
            e = errno;
        if (close(r->fd) != 0 && e == 0)
            e = errno;
        r->fd = -1;
    } else {
        /* closed by the writer: sync through a fresh descriptor */
        const int fd = open(r->tmp, O_RDONLY | O_CLOEXEC);
        if (fd < 0 || fsync(fd) != 0)
            e = errno;
        if (fd >= 0)
            close(fd);
    }
    if (e == 0 && rename(r->tmp, r->path) != 0)
        e = errno;
    if (e != 0) {
        snprintf(err, n, "cannot write '%s': %s", shown, strerror(e));
        unlink(r->tmp);
        r->tmp[0] = '\0';
        return false;
    }
    r->tmp[0] = '\0';
    return true;
}

void fileio_replace_abort(fileio_replace *r)
{
    if (r->fd >= 0)
        close(r->fd);
    r->fd = -1;
    if (r->tmp[0])
        unlink(r->tmp);
    r->tmp[0] = '\0';
}

/* Appends s to out at *j when it fits whole (n - 1 bytes of text at most);
 * else marks out full (*full), so no sequence is ever cut. */
static void put(char *out, size_t n, size_t *j, const char *s, size_t len, bool *full)
{
    if (*j + len < n) {
        memcpy(out + *j, s, len);
        *j += len;
    } else {
        *full = true;
    }
}

/* The length of the UTF-8 sequence at p (2..4), or 0 when it is not one. */
static size_t utf8_len(const unsigned char *p)
{
    size_t len = p[0] >= 0xC2 && p[0] <= 0xDF   ? 2
                 : p[0] >= 0xE0 && p[0] <= 0xEF ? 3
                 : p[0] >= 0xF0 && p[0] <= 0xF4 ? 4
                                                : 0;
    for (size_t k = 1; k < len; k++)
        if ((p[k] & 0xC0) != 0x80)
            return 0;
    return len;
}

void fileio_escape(char *out, size_t n, const char *s, bool keep_newline)
{
    if (n == 0)
        return;
    size_t j = 0;
    bool full = false;
    const unsigned char *p = (const unsigned char *)s;
    while (*p && !full) {
        char esc[16];
        const unsigned char c = *p;
        if ((c == '\n' || c == '\t') && keep_newline) {
            put(out, n, &j, (const char *)p, 1, &full);
            p++;
        } else if (c < 0x20 || c == 0x7F) {
            if (c == '\r')
                snprintf(esc, sizeof esc, "\\r");
            else if (c == '\t')
                snprintf(esc, sizeof esc, "\\t");
            else
                snprintf(esc, sizeof esc, "\\x%02x", c);
            put(out, n, &j, esc, strlen(esc), &full);
            p++;
        } else if (c < 0x80) {
            put(out, n, &j, (const char *)p, 1, &full);
            p++;
        } else {
            const size_t len = utf8_len(p);
            if (len == 0) {
                snprintf(esc, sizeof esc, "\\x%02x", c);
                put(out, n, &j, esc, strlen(esc), &full);
                p++;
            } else if (len == 2 && c == 0xC2 && p[1] <= 0x9F) { /* C1 control */
                snprintf(esc, sizeof esc, "\\u%04x", p[1]);
                put(out, n, &j, esc, strlen(esc), &full);
                p += 2;
            } else {
                put(out, n, &j, (const char *)p, len, &full);
                p += len;
            }
        }
    }
    out[j] = '\0';
}
