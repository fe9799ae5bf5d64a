/*
 * scene_read.c: reading a scene file. scene_load opens only a regular file
 * of at most FILEIO_SCENE_MAX bytes; libinih parses the stream through this
 * file's line reader, which counts lines (for messages), refuses what inih
 * would misread (a line too long for its buffer, no '=' on a key line, an
 * unclosed section header, CR-only line ends, NUL bytes) and handles
 * section headers; scene.c checks each key and then the whole file.
 */
#include "app/scene_internal.h"

#include "app/fileio.h"

#include <ini.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A section header "[name]": which section, and its number for runners and
 * annotations. Each section appears once. */
static void on_section(parse_ctx *c, const char *name)
{
    snprintf(c->sect_name, sizeof c->sect_name, "%s", name);
    c->last_key[0] = '\0';
    bool *once = NULL;
    int max = 0;
    c->sect = SECT_NONE;
    if (strcmp(name, "scene") == 0)
        c->sect = SECT_SCENE, once = &c->seen_scene;
    else if (strcmp(name, "landscape") == 0)
        c->sect = SECT_LANDSCAPE, once = &c->seen_landscape;
    else if (strcmp(name, "camera") == 0)
        c->sect = SECT_CAMERA, once = &c->seen_camera, c->camera_line = c->line;
    else if (strncmp(name, "runner", 6) == 0 && (name[6] == ' ' || name[6] == '\0'))
        c->sect = SECT_RUNNER, max = SCENE_MAX_RUNNERS;
    else if (strncmp(name, "annotation", 10) == 0 && (name[10] == ' ' || name[10] == '\0'))
        c->sect = SECT_ANNOTATION, max = SCENE_MAX_ANNOTATIONS;
    if (c->sect == SECT_NONE) {
        scene_fail(c, c->line, name, NULL, "unknown section (sections: scene, landscape, runner N, "
             "annotation N, camera)");
        return;
    }
    if (max > 0) {
        const char *num = strchr(name, ' ');
        const char *what = c->sect == SECT_RUNNER ? "runner" : "annotation";
        char *end = NULL;
        const long n = num ? strtol(num + 1, &end, 10) : 0;
        if (!num || end == num + 1 || *end != '\0' || n < 1 || n > max) {
            scene_fail(c, c->line, name, NULL, "a %s needs a number 1..%d, e.g. [%s 1]", what, max,
                 what);
            return;
        }
        snprintf(c->sect_name, sizeof c->sect_name, "%s %ld", what, n);
        c->sect_slot = (int)n - 1;
        bool *used = c->sect == SECT_RUNNER ? &c->runner_used[n - 1] : &c->annot_used[n - 1];
        if (*used) {
            scene_fail(c, c->line, c->sect_name, NULL, "section given twice");
            return;
        }
        *used = true;
        if (c->sect == SECT_RUNNER) {
            c->s->runners[n - 1].index = (int)n;
            c->s->runners[n - 1].line = c->line;
        } else {
            c->s->annotations[n - 1].index = (int)n;
            c->s->annotations[n - 1].line = c->line;
        }
        return;
    }
    if (*once)
        scene_fail(c, c->line, name, NULL, "section given twice");
    *once = true;
}

/* inih's line reader: reads one line, counts it, checks what inih would
 * refuse or misread (too long for its buffer, no '=' on a key line, an
 * unclosed section header) and handles section headers. Returns NULL at
 * the end of the file or after the first problem, which ends the parse. */
static char *read_line(char *str, int num, void *stream)
{
    parse_ctx *c = stream;
    if (c->failed)
        return NULL;
    size_t len = 0;
    int ch = 0;
    bool any = false, too_long = false;
    bool cr_only = false;
    while ((ch = fgetc(c->fp)) != EOF) {
        any = true;
        if (++c->bytes > FILEIO_SCENE_MAX) {
            scene_fail(c, c->line + 1, NULL, NULL, "more than %ld bytes; not a scene file",
                 (long)FILEIO_SCENE_MAX);
            return NULL;
        }
        if (ch == '\r') { /* CRLF is fine; a CR alone ends lines on old Macs */
            const int next = fgetc(c->fp);
            if (next != EOF)
                ungetc(next, c->fp);
            cr_only = next != '\n';
        }
        if (cr_only || ch == '\0')
            break;
        if (len + 1 < sizeof c->raw)
            c->raw[len++] = (char)ch;
        else
            too_long = true;
        if (ch == '\n')
            break;
    }
    if (!any)
        return NULL;
    c->raw[len] = '\0';
    c->line++;
    if (cr_only) {
        scene_fail(c, c->line, NULL, NULL, "the lines end in CR alone (old Mac line ends); save the "
             "file with LF or CRLF line ends");
        return NULL;
    }
    if (ch == '\0') {
        scene_fail(c, c->line, NULL, NULL, "a NUL byte: not a text file");
        return NULL;
    }
    memcpy(str, c->raw, len < (size_t)num ? len + 1 : (size_t)num);
    str[num - 1] = '\0';
    char *p = c->raw;
    if (c->line == 1 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
        (unsigned char)p[2] == 0xBF)
        p += 3;
    const bool indented = isspace((unsigned char)*p) != 0;
    while (isspace((unsigned char)*p))
        p++;
    char *e = p + strlen(p);
    while (e > p && isspace((unsigned char)e[-1]))
        *--e = '\0';
    /* the key of this line, for messages */
    c->continuation = false;
    char key[40] = "";
    const size_t klen = strcspn(p, "=:");
    if (p[klen] && !(indented && c->last_key[0]) && p[0] != '[')
        snprintf(key, sizeof key, "%.*s", (int)(klen < sizeof key - 1 ? klen : sizeof key - 1), p);
    for (char *k = key + strlen(key); k > key && isspace((unsigned char)k[-1]);)
        *--k = '\0';
    if (indented && c->last_key[0])
        snprintf(key, sizeof key, "%s", c->last_key);
    if (too_long || len + 1 > (size_t)num) {
        scene_fail(c, c->line, c->sect == SECT_NONE ? NULL : c->sect_name, key[0] ? key : NULL,
             "line longer than %d bytes; continue a long text on indented lines", num - 2);
        return NULL;
    }
    if (*p == '\0' || *p == ';' || *p == '#') {
        /* blank or comment */
    } else if (indented && c->last_key[0]) {
        c->continuation = true;
    } else if (*p == '[') {
        char *close = strchr(p, ']');
        if (!close) {
            scene_fail(c, c->line, NULL, NULL, "'%s': a section header needs a closing ']'", p);
            return NULL;
        }
        *close = '\0';
        char *name = p + 1;
        while (isspace((unsigned char)*name))
            name++;
        for (char *q = close; q > name && isspace((unsigned char)q[-1]);)
            *--q = '\0';
        on_section(c, name);
    } else if (!p[klen] || klen == 0) {
        scene_fail(c, c->line, c->sect == SECT_NONE ? NULL : c->sect_name, NULL,
             "'%s' is not KEY = VALUE", p);
    } else {
        snprintf(c->last_key, sizeof c->last_key, "%s", key);
    }
    return c->failed ? NULL : str;
}

bool scene_load(scene *out, const char *path, char *err, size_t errlen)
{
    char shown[SCENE_PATH_MAX];
    fileio_escape(shown, sizeof shown, path, false);
    if (strlen(path) >= SCENE_PATH_MAX) {
        snprintf(err, errlen, "%.64s...: path too long", shown);
        return false;
    }
    char why[SCENE_PATH_MAX + 200];
    FILE *fp = fileio_open_read(path, FILEIO_SCENE_MAX, "scene", why, sizeof why);
    if (!fp) {
        snprintf(err, errlen, "%s", why);
        return false;
    }
    const bool ok = scene_load_stream(out, fp, path, err, errlen);
    fclose(fp);
    return ok;
}

bool scene_load_stream(scene *out, FILE *fp, const char *path, char *err, size_t errlen)
{
    parse_ctx *c = calloc(1, sizeof *c);
    scene *s = calloc(1, sizeof *s);
    bool ok = false;
    if (!c || !s) {
        snprintf(err, errlen, "%s: out of memory", path);
        goto cleanup;
    }
    fileio_escape(c->shown_path, sizeof c->shown_path, path, false);
    c->path = c->shown_path;
    c->s = s;
    c->err = err;
    c->errlen = errlen;
    c->fp = fp;
    const int bad = ini_parse_stream(read_line, c, scene_on_key, c);
    if (!c->failed && ferror(c->fp))
        scene_fail(c, 0, NULL, NULL, "cannot read: %s", strerror(errno));
    if (!c->failed && bad != 0)
        scene_fail(c, bad > 0 ? bad : 0, NULL, NULL, "not a valid INI line");
    if (!c->failed)
        scene_finish(c);
    if (c->failed)
        goto cleanup;
    scene_compact(c);
    snprintf(s->path, sizeof s->path, "%s", path);
    *out = *s;
    ok = true;
cleanup:
    free(c);
    free(s);
    return ok;
}
