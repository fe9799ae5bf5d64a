/*
 * export.c: screenshots, trajectory CSVs and recordings written to the
 * output directory (export.h). Files are created with O_EXCL so nothing is
 * overwritten; every write, flush and close is checked and a file that
 * failed is removed. Recordings are PNG sequences written by one thread
 * from a small queue of copied frames (a 1080p PNG takes ~0.1 s to encode:
 * too long for the frame loop); ffmpeg, started through /bin/sh with
 * posix_spawn, encodes them in the background while export_poll reaps it
 * without blocking.
 */
#include "app/export.h"
#include "app/i18n.h"

#include "app/fileio.h"
#include "app/paths.h"
#include "core/optim.h"

#include <SDL_image.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static void say(exporter *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
}

void export_init(exporter *e, const char *output_dir)
{
    memset(e, 0, sizeof *e);
    e->dir_option = output_dir;
}

bool export_dir_resolve(const char *option, char *out, size_t n, char *err, size_t errlen)
{
    if (option) {
        if (snprintf(out, n, "%s", option) >= (int)n) {
            snprintf(err, errlen, _("output directory name too long"));
            return false;
        }
    } else {
        char pictures[EXPORT_PATH_MAX];
        if (!paths_pictures(pictures, sizeof pictures, err, errlen))
            return false;
        if (snprintf(out, n, "%s/optiviz", pictures) >= (int)n) {
            snprintf(err, errlen, _("output directory name too long"));
            return false;
        }
    }
    return paths_mkdir_p(out, err, errlen);
}

/* Resolves (and makes) the output directory into e->dir; the message says
 * why not on failure. */
static bool ensure_dir(exporter *e)
{
    char err[EXPORT_PATH_MAX + 256];
    if (!export_dir_resolve(e->dir_option, e->dir, sizeof e->dir, err, sizeof err)) {
        say(e, "%s", err);
        e->dir[0] = '\0';
        return false;
    }
    return true;
}

static void stamp_now(char *out, size_t n)
{
    const time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(out, n, "%Y%m%d-%H%M%S", &tm);
}

/* dir/PREFIX-STAMP[-N]SUFFIX created exclusively: a file (returns its
 * descriptor) or, with directory, a directory (returns 0). -1 on error. */
static int create_unique_at(const char *dir, const char *prefix, const char *stamp,
                            const char *suffix, bool directory, char *out, size_t n, char *err,
                            size_t errlen)
{
    for (int k = 1; k < 10000; k++) {
        char num[16] = "";
        if (k > 1)
            snprintf(num, sizeof num, "-%d", k);
        if (snprintf(out, n, "%s/%s-%s%s%s", dir, prefix, stamp, num, suffix) >= (int)n) {
            snprintf(err, errlen, _("cannot create a file in '%s': name too long"), dir);
            return -1;
        }
        const int fd = directory ? mkdir(out, 0755)
                                 : open(out, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd >= 0)
            return fd;
        if (errno != EEXIST) {
            snprintf(err, errlen, _("cannot create '%s': %s"), out, strerror(errno));
            return -1;
        }
    }
    snprintf(err, errlen, _("cannot create a new file in '%s': every name is taken"), dir);
    return -1;
}

int export_create_unique(const char *dir, const char *prefix, const char *suffix, char *out,
                         size_t n, char *err, size_t errlen)
{
    char stamp[32];
    stamp_now(stamp, sizeof stamp);
    return create_unique_at(dir, prefix, stamp, suffix, false, out, n, err, errlen);
}

/* Flushes and closes fp; on any failure removes path if it is a regular
 * file and puts "cannot write 'path': reason" in err. encoded false means
 * the encoder already failed with reason why (NULL: errno). */
static bool finish_file(FILE *fp, const char *path, bool encoded, const char *why, char *err,
                        size_t errlen)
{
    int e = 0;
    if (fflush(fp) != 0 || ferror(fp))
        e = errno ? errno : EIO;
    struct stat st;
    const bool regular = fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode);
    if (fclose(fp) != 0 && e == 0)
        e = errno;
    if (encoded && e == 0)
        return true;
    snprintf(err, errlen, _("cannot write '%s': %s"), path,
             e != 0 ? strerror(e) : why ? why : _("write failed"));
    if (regular)
        unlink(path);
    return false;
}

bool export_png_write_fd(int fd, const char *path, const uint8_t *rgba, int w, int h, char *err,
                         size_t errlen)
{
    FILE *fp = fdopen(fd, "wb");
    if (!fp) {
        snprintf(err, errlen, _("cannot write '%s': %s"), path, strerror(errno));
        struct stat st;
        if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
            unlink(path);
        close(fd);
        return false;
    }
    if (!rgba || w <= 0 || h <= 0 || w > 16384 || h > 16384) {
        char why[64];
        snprintf(why, sizeof why, _("no image (%dx%d)"), w, h);
        errno = 0;
        return finish_file(fp, path, false, why, err, errlen);
    }
    /* SDL only reads the pixels: the cast drops const for its signature */
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormatFrom((void *)(uintptr_t)rgba, w, h, 32,
                                                           w * 4, SDL_PIXELFORMAT_RGBA32);
    SDL_RWops *rw = surf ? SDL_RWFromFP(fp, SDL_FALSE) : NULL;
    errno = 0;
    const bool encoded = rw && IMG_SavePNG_RW(surf, rw, 0) == 0;
    char why[256];
    snprintf(why, sizeof why, "%s", SDL_GetError());
    const int write_errno = errno;
    if (rw)
        SDL_RWclose(rw);
    if (surf)
        SDL_FreeSurface(surf);
    /* a failed write inside the encoder left errno (ENOSPC, ...) */
    errno = encoded ? 0 : write_errno;
    if (!encoded && write_errno != 0)
        snprintf(why, sizeof why, "%s", strerror(write_errno));
    return finish_file(fp, path, encoded, why, err, errlen);
}

bool export_png_write(const char *path, bool force, const uint8_t *rgba, int w, int h,
                      char *err, size_t errlen)
{
    fileio_replace r;
    if (!fileio_replace_begin(&r, path, force, err, errlen))
        return false;
    return export_png_commit(&r, rgba, w, h, err, errlen);
}

bool export_png_commit(fileio_replace *r, const uint8_t *rgba, int w, int h, char *err,
                       size_t errlen)
{
    const int fd = r->fd;
    r->fd = -1; /* export_png_write_fd closes it (and removes the file on failure) */
    if (!export_png_write_fd(fd, r->tmp, rgba, w, h, err, errlen)) {
        /* name the user's file, not the temporary one, in the message
         * (in any language: the temporary name is replaced where it is) */
        char msg[2 * EXPORT_PATH_MAX + 256];
        const char *at = strstr(err, r->tmp);
        if (at)
            snprintf(msg, sizeof msg, "%.*s%s%s", (int)(at - err), err, r->path,
                     at + strlen(r->tmp));
        else
            snprintf(msg, sizeof msg, "%s", err);
        snprintf(err, errlen, _("%s (the file is left as it was)"), msg);
        fileio_replace_abort(r);
        return false;
    }
    return fileio_replace_commit(r, err, errlen);
}

bool export_png(exporter *e, const uint8_t *rgba, int w, int h)
{
    if (!ensure_dir(e))
        return false;
    char err[EXPORT_PATH_MAX + 256];
    const int fd = export_create_unique(e->dir, "optiviz", ".png", e->last_path,
                                        sizeof e->last_path, err, sizeof err);
    if (fd < 0 || !export_png_write_fd(fd, e->last_path, rgba, w, h, err, sizeof err)) {
        say(e, "%s", err);
        return false;
    }
    say(e, _("saved %s"), e->last_path);
    return true;
}

void export_trace_header(FILE *out, int dim)
{
    fputs(dim == 2 ? "step,x,y,f,dfdx,dfdy\n" : "step,x,f,df\n", out);
}

bool export_trace_row(FILE *out, int dim, long step, const double *x, const landscape_point *at)
{
    bool finite = isfinite(at->f);
    for (int k = 0; k < dim; k++)
        finite = finite && isfinite(x[k]) && isfinite(at->g[k]);
    if (!finite)
        return false;
    if (dim == 2)
        fprintf(out, "%ld,%.17g,%.17g,%.17g,%.17g,%.17g\n", step, x[0], x[1], at->f, at->g[0],
                at->g[1]);
    else
        fprintf(out, "%ld,%.17g,%.17g,%.17g\n", step, x[0], at->f, at->g[0]);
    return true;
}

bool export_runner_csv(FILE *out, const runner *r)
{
    const int dim = r->land->dim;
    export_trace_header(out, dim);
    for (int i = 0; i < r->trail_len; i++) {
        double x[2] = {0.0, 0.0};
        runner_trail_point(r, i, x);
        landscape_point at;
        landscape_eval(r->land, x, &at);
        const long step = r->step - (long)(r->trail_len - 1 - i);
        if (!export_trace_row(out, dim, step, x, &at))
            break;
    }
    return !ferror(out);
}

bool export_csv(exporter *e, const sim *s)
{
    if (!ensure_dir(e))
        return false;
    char stamp[32], err[EXPORT_PATH_MAX + 256];
    stamp_now(stamp, sizeof stamp);
    for (int i = 0; i < s->n_runners; i++) {
        const runner *r = &s->runners[i];
        char suffix[96];
        snprintf(suffix, sizeof suffix, "-runner%d-%s.csv", i + 1, optim_kind_name(r->opt.kind));
        const int fd = create_unique_at(e->dir, "optiviz", stamp, suffix, false, e->last_path,
                                        sizeof e->last_path, err, sizeof err);
        if (fd < 0) {
            say(e, "%s", err);
            return false;
        }
        FILE *fp = fdopen(fd, "w");
        if (!fp) {
            say(e, _("cannot write '%s': %s"), e->last_path, strerror(errno));
            close(fd);
            unlink(e->last_path);
            return false;
        }
        errno = 0;
        const bool written = export_runner_csv(fp, r);
        if (!finish_file(fp, e->last_path, written, NULL, err, sizeof err)) {
            say(e, "%s", err);
            return false;
        }
    }
    say(e,
        _n("saved %d CSV file in %s (optiviz-%s-runner*.csv)",
           "saved %d CSV files in %s (optiviz-%s-runner*.csv)", s->n_runners),
        s->n_runners, e->dir, stamp);
    return true;
}

#define WRITER_QUEUE 4

/* The recording's writer thread and the frames waiting for it. */
struct export_writer {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t changed; /* a frame queued or written, or finishing asked */
    uint8_t *px[WRITER_QUEUE];
    long index[WRITER_QUEUE];
    int repeat[WRITER_QUEUE]; /* video frames the image stands for (hard links after the first) */
    int w, h; /* every frame's size (export_record_frame checks it) */
    int head, count;
    bool finish;   /* no more frames: end when the queue is empty */
    bool finished; /* the thread is done */
    bool failed;   /* a write failed: the frames after it are dropped */
    bool aborted;  /* the recording ended on the caller's error (queued frames kept) */
    long written;
    char dir[EXPORT_PATH_MAX];
    char err[EXPORT_PATH_MAX + 256];
};

static void *writer_main(void *arg)
{
    struct export_writer *wr = arg;
    pthread_mutex_lock(&wr->lock);
    for (;;) {
        while (wr->count == 0 && !wr->finish)
            pthread_cond_wait(&wr->changed, &wr->lock);
        if (wr->count == 0)
            break;
        uint8_t *px = wr->px[wr->head];
        const long index = wr->index[wr->head];
        const int repeat = wr->repeat[wr->head];
        const int w = wr->w, h = wr->h;
        const bool failed = wr->failed;
        pthread_mutex_unlock(&wr->lock);
        char path[EXPORT_PATH_MAX + 32], err[EXPORT_PATH_MAX + 256] = "";
        bool ok = true;
        if (!failed) { /* after a failure the rest is dropped */
            snprintf(path, sizeof path, "%s/frame-%06ld.png", wr->dir, index);
            const int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
            if (fd < 0)
                snprintf(err, sizeof err, _("cannot write '%s': %s"), path, strerror(errno));
            ok = fd >= 0 && export_png_write_fd(fd, path, px, w, h, err, sizeof err);
            /* the same image for the next frames: links, not writes */
            for (int k = 1; ok && k < repeat; k++) {
                char again[EXPORT_PATH_MAX + 32];
                snprintf(again, sizeof again, "%s/frame-%06ld.png", wr->dir, index + k);
                if (link(path, again) != 0) {
                    const int fd2 = open(again, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
                    if (fd2 < 0)
                        snprintf(err, sizeof err, "cannot write '%s': %s", again,
                                 strerror(errno));
                    ok = fd2 >= 0 && export_png_write_fd(fd2, again, px, w, h, err, sizeof err);
                }
            }
        }
        free(px);
        pthread_mutex_lock(&wr->lock);
        if (!failed && ok)
            wr->written += repeat;
        if (!ok) {
            wr->failed = true;
            snprintf(wr->err, sizeof wr->err, "%s", err);
        }
        wr->head = (wr->head + 1) % WRITER_QUEUE;
        wr->count--;
        pthread_cond_broadcast(&wr->changed);
    }
    wr->finished = true;
    pthread_mutex_unlock(&wr->lock);
    SDL_TLSCleanup(); /* SDL's error string of this thread (not an SDL thread) */
    return NULL;
}

/* Asks the writer to end after the frames queued. */
static void writer_finish(struct export_writer *wr)
{
    pthread_mutex_lock(&wr->lock);
    wr->finish = true;
    pthread_cond_broadcast(&wr->changed);
    pthread_mutex_unlock(&wr->lock);
}

/* Joins the writer (which must be finishing) and frees it. */
static void writer_join(exporter *e)
{
    struct export_writer *wr = e->writer;
    pthread_join(wr->thread, NULL);
    pthread_mutex_destroy(&wr->lock);
    pthread_cond_destroy(&wr->changed);
    free(wr);
    e->writer = NULL;
}

void export_destroy(exporter *e)
{
    e->recording = false;
    if (e->writer) {
        writer_finish(e->writer);
        writer_join(e);
    }
    e->ffmpeg = 0;
}

bool export_record_start(exporter *e, double fps)
{
    if (e->recording || e->writer) {
        say(e, _("still recording to %s"), e->rec_dir);
        return false;
    }
    if (!ensure_dir(e))
        return false;
    char stamp[32], err[EXPORT_PATH_MAX + 256];
    stamp_now(stamp, sizeof stamp);
    if (create_unique_at(e->dir, "optiviz", stamp, "-rec", true, e->rec_dir, sizeof e->rec_dir,
                         err, sizeof err) < 0) {
        say(e, "%s", err);
        return false;
    }
    struct export_writer *wr = calloc(1, sizeof *wr);
    if (!wr) {
        rmdir(e->rec_dir);
        say(e, _("cannot record: out of memory"));
        return false;
    }
    snprintf(wr->dir, sizeof wr->dir, "%s", e->rec_dir);
    pthread_mutex_init(&wr->lock, NULL);
    pthread_cond_init(&wr->changed, NULL);
    const int rc = pthread_create(&wr->thread, NULL, writer_main, wr);
    if (rc != 0) {
        pthread_mutex_destroy(&wr->lock);
        pthread_cond_destroy(&wr->changed);
        free(wr);
        rmdir(e->rec_dir);
        say(e, _("cannot record: cannot start a thread (%s)"), strerror(rc));
        return false;
    }
    e->writer = wr;
    e->recording = true;
    e->frames = 0;
    e->fps = fps > 0.0 ? fps : 30.0;
    snprintf(e->last_path, sizeof e->last_path, "%s", e->rec_dir);
    say(e, _("recording to %s"), e->rec_dir);
    return true;
}

/* Ends the recording after an error; the writer drops what is queued. */
static bool record_fail(exporter *e, const char *why)
{
    e->recording = false;
    say(e, _("recording stopped: %s (frames so far kept in %s)"), why, e->rec_dir);
    pthread_mutex_lock(&e->writer->lock);
    if (!e->writer->failed)
        snprintf(e->writer->err, sizeof e->writer->err, "%s", why);
    e->writer->aborted = true;
    pthread_mutex_unlock(&e->writer->lock);
    writer_finish(e->writer);
    return false;
}

bool export_record_frame(exporter *e, const uint8_t *rgba, int w, int h)
{
    return export_record_frames(e, rgba, w, h, 1);
}

bool export_record_frames(exporter *e, const uint8_t *rgba, int w, int h, int n)
{
    if (!e->recording)
        return false;
    if (n < 1)
        n = 1;
    char why[EXPORT_PATH_MAX + 256];
    if (!rgba || w <= 0 || h <= 0 || w > 16384 || h > 16384) {
        snprintf(why, sizeof why, _("no image (%dx%d)"), w, h);
        return record_fail(e, why);
    }
    if (e->frames > 0 && (w != e->rec_w || h != e->rec_h)) {
        snprintf(why, sizeof why, _("the frame size changed from %dx%d to %dx%d"), e->rec_w,
                 e->rec_h, w, h);
        return record_fail(e, why);
    }
    const size_t bytes = (size_t)w * (size_t)h * 4;
    uint8_t *copy = malloc(bytes);
    if (!copy)
        return record_fail(e, _("out of memory"));
    memcpy(copy, rgba, bytes);
    struct export_writer *wr = e->writer;
    pthread_mutex_lock(&wr->lock);
    while (wr->count == WRITER_QUEUE && !wr->failed)
        pthread_cond_wait(&wr->changed, &wr->lock);
    if (wr->failed) {
        snprintf(why, sizeof why, "%s", wr->err);
        pthread_mutex_unlock(&wr->lock);
        free(copy);
        return record_fail(e, why);
    }
    const int slot = (wr->head + wr->count) % WRITER_QUEUE;
    wr->px[slot] = copy;
    wr->index[slot] = e->frames + 1;
    wr->repeat[slot] = n;
    e->frames += n;
    wr->w = w;
    wr->h = h;
    wr->count++;
    pthread_cond_broadcast(&wr->changed);
    pthread_mutex_unlock(&wr->lock);
    e->rec_w = w;
    e->rec_h = h;
    return true;
}

/* The path of an executable named name in $PATH, or false. */
static bool on_path(const char *name)
{
    const char *path = getenv("PATH");
    if (!path)
        return false;
    while (*path) {
        const char *colon = strchr(path, ':');
        const size_t len = colon ? (size_t)(colon - path) : strlen(path);
        char file[EXPORT_PATH_MAX];
        if (len > 0 && snprintf(file, sizeof file, "%.*s/%s", (int)len, path, name) <
                           (int)sizeof file && access(file, X_OK) == 0)
            return true;
        path += len + (colon ? 1 : 0);
    }
    return false;
}

/* Run by /bin/sh with $1 = frames' directory, $2 = output path without
 * extension, $3 = frame rate. Three passes: the MP4 (even dimensions for
 * yuv420p), a palette, the GIF with it (15 frames a second, at most 960
 * pixels wide, for slides). -n: never overwrite. */
static const char encode_script[] =
    "cd \"$1\" || exit 1\n"
    "exec >ffmpeg.log 2>&1 </dev/null\n"
    "ff='ffmpeg -nostdin -hide_banner -loglevel error -n'\n"
    "$ff -framerate \"$3\" -i frame-%06d.png"
    " -vf 'scale=trunc(iw/2)*2:trunc(ih/2)*2,format=yuv420p'"
    " -c:v libx264 -pix_fmt yuv420p -movflags +faststart \"$2.mp4\" &&\n"
    "$ff -framerate \"$3\" -i frame-%06d.png"
    " -vf \"fps=15,scale='min(960,iw)':-2:flags=lanczos,palettegen\" palette.png &&\n"
    "$ff -framerate \"$3\" -i frame-%06d.png -i palette.png"
    " -lavfi \"fps=15,scale='min(960,iw)':-2:flags=lanczos[v];[v][1:v]paletteuse\" \"$2.gif\"\n";

bool export_record_stop(exporter *e)
{
    if (!e->recording) {
        say(e, _("not recording"));
        return false;
    }
    e->recording = false;
    writer_finish(e->writer);
    say(e,
        _n("recording stopped: %ld frame, writing the last of them to %s",
           "recording stopped: %ld frames, writing the last of them to %s", e->frames),
        e->frames,
        e->rec_dir);
    return true;
}

/* After the writer's end: starts ffmpeg on the frames when it is on PATH. */
static export_job encode_start(exporter *e)
{
    if (e->frames == 0) {
        rmdir(e->rec_dir);
        say(e, _("recording stopped: no frames"));
        return EXPORT_JOB_DONE;
    }
    if (e->ffmpeg > 0 || !on_path("ffmpeg")) {
        say(e, _("recording stopped: %ld PNG frames kept in %s (%s)"), e->frames, e->rec_dir,
            e->ffmpeg > 0 ? _("ffmpeg is still busy with the last recording")
                          : _("install ffmpeg to make an MP4 and a GIF"));
        return EXPORT_JOB_DONE;
    }
    snprintf(e->video, sizeof e->video, "%s", e->rec_dir);
    char fps[32];
    snprintf(fps, sizeof fps, "%g", e->fps);
    char *argv[] = {"sh", "-c", (char *)encode_script, "sh", e->rec_dir, e->video, fps, NULL};
    pid_t pid;
    const int rc = posix_spawn(&pid, "/bin/sh", NULL, NULL, argv, environ);
    if (rc != 0) {
        say(e, _("cannot start ffmpeg (%s); %ld PNG frames kept in %s"), strerror(rc), e->frames,
            e->rec_dir);
        return EXPORT_JOB_FAILED;
    }
    e->ffmpeg = pid;
    say(e, _("ffmpeg is making %s.mp4 and %s.gif from %ld frames"), e->video, e->video, e->frames);
    return EXPORT_JOB_RUNNING;
}

/* True when path is a regular file with content. */
static bool nonempty(const char *dir, const char *ext)
{
    char path[EXPORT_PATH_MAX + 8];
    snprintf(path, sizeof path, "%s%s", dir, ext);
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
}

export_job export_poll(exporter *e)
{
    if (e->writer && !e->recording) {
        struct export_writer *wr = e->writer;
        pthread_mutex_lock(&wr->lock);
        const bool finished = wr->finished, failed = wr->failed || wr->aborted;
        const long written = wr->written;
        char err[sizeof wr->err];
        snprintf(err, sizeof err, "%s", wr->err);
        pthread_mutex_unlock(&wr->lock);
        if (!finished)
            return EXPORT_JOB_RUNNING;
        writer_join(e);
        if (failed) {
            say(e, _("recording stopped: %s (%ld frames kept in %s)"), err, written, e->rec_dir);
            return EXPORT_JOB_FAILED;
        }
        return encode_start(e);
    }
    if (e->ffmpeg <= 0)
        return EXPORT_JOB_NONE;
    int status = 0;
    const pid_t got = waitpid(e->ffmpeg, &status, WNOHANG);
    if (got == 0)
        return EXPORT_JOB_RUNNING;
    e->ffmpeg = 0;
    if (got < 0) {
        say(e, _("ffmpeg: lost track of it (%s); the PNGs are kept in %s"), strerror(errno),
            e->rec_dir);
        return EXPORT_JOB_FAILED;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && nonempty(e->video, ".mp4") &&
        nonempty(e->video, ".gif")) {
        say(e, _("ffmpeg: made %s.mp4 and %s.gif"), e->video, e->video);
        return EXPORT_JOB_DONE;
    }
    say(e, _("ffmpeg failed (%s %d, see %s/ffmpeg.log); the PNGs are kept in %s"),
        WIFEXITED(status) ? _("exit") : _("signal"),
        WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status), e->rec_dir, e->rec_dir);
    return EXPORT_JOB_FAILED;
}
