/*
 * export.h: what a teacher takes away from a lesson. PNG screenshots, each
 * runner's trajectory as the CSV of `optiviz trace`, and recordings (a
 * numbered PNG sequence written by a thread, which ffmpeg, when installed,
 * turns into an MP4 and a GIF in the background). Everything goes to one output directory:
 * --output-dir, else $XDG_PICTURES_DIR/optiviz (environment or
 * user-dirs.dirs), else ~/Pictures/optiviz, created on first use. New files
 * never overwrite old ones (O_EXCL, with -2, -3... when a name is taken).
 *
 * Every call leaves a one-line message in the exporter for the app to show:
 * "saved /path/x.png", "recording to DIR", "ffmpeg: made X.mp4 and X.gif",
 * or the error naming the path and the reason.
 */
#ifndef OPTIVIZ_APP_EXPORT_H
#define OPTIVIZ_APP_EXPORT_H

#include "app/fileio.h"
#include "core/landscape.h"
#include "core/sim.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#define EXPORT_PATH_MAX 4096

typedef enum export_job {
    EXPORT_JOB_NONE = 0, /* nothing in the background, or its end already reported */
    EXPORT_JOB_RUNNING,  /* frames still being written, or ffmpeg encoding */
    EXPORT_JOB_DONE,     /* the recording is complete (reported once) */
    EXPORT_JOB_FAILED,   /* writing or encoding failed (reported once) */
} export_job;

struct export_writer; /* the thread writing a recording's PNGs (export.c) */

typedef struct exporter {
    const char *dir_option;         /* --output-dir, or NULL */
    char dir[EXPORT_PATH_MAX];      /* resolved output directory ("" until used) */
    char last_path[EXPORT_PATH_MAX]; /* the last file or directory written */
    char message[2 * EXPORT_PATH_MAX]; /* one line for the app to show */
    bool recording;                 /* accepting frames */
    double fps;                     /* frame rate of the recording's video */
    long frames;                    /* frames taken into the recording */
    int rec_w, rec_h;               /* its frame size (the first frame's) */
    char rec_dir[EXPORT_PATH_MAX];  /* the recording's subdirectory */
    struct export_writer *writer;   /* while frames are being written, else NULL */
    pid_t ffmpeg;                   /* the background encoder, 0: none */
    char video[EXPORT_PATH_MAX];    /* its outputs without extension */
} exporter;

/* An exporter writing to output_dir (NULL: the XDG default; the string must
 * outlive the exporter). Touches no file until the first export. */
void export_init(exporter *e, const char *output_dir);
/* Ends a recording without encoding it (waits for its last frames to be
 * written) and forgets a running ffmpeg: it finishes its videos on its own. */
void export_destroy(exporter *e);

/* The output directory: option if not NULL, else $XDG_PICTURES_DIR/optiviz,
 * else the XDG_PICTURES_DIR of $XDG_CONFIG_HOME/user-dirs.dirs (or
 * ~/.config/user-dirs.dirs) + /optiviz, else ~/Pictures/optiviz. Creates it
 * with its parents. False with one line in err (naming the directory and
 * strerror) when it cannot be made. */
bool export_dir_resolve(const char *option, char *out, size_t n, char *err, size_t errlen);

/* Creates a new file dir/PREFIX-YYYYMMDD-HHMMSS[-N]SUFFIX (local time) with
 * O_EXCL, trying -2, -3, ... while a name is taken; suffix includes the
 * extension (".png"). Returns the open descriptor (path in out), or -1 with
 * one line in err. */
int export_create_unique(const char *dir, const char *prefix, const char *suffix, char *out,
                         size_t n, char *err, size_t errlen);

/* Encodes rows x h RGBA8 pixels (top row first, 4*w bytes a row: what
 * render_read_pixels gives) as PNG (SDL2_image) to the open descriptor fd
 * and closes it. Every write is checked (a full disk, a short write, a
 * failing close); on failure a regular file at path is removed and err
 * holds "cannot write 'path': reason". path is for messages and removal. */
bool export_png_write_fd(int fd, const char *path, const uint8_t *rgba, int w, int h, char *err,
                         size_t errlen);
/* Same to path (`shot --out`) through a temporary file renamed over it on
 * success (app/fileio.h): an existing path is refused unless force, a
 * device or directory always; on failure path is left as it was. */
bool export_png_write(const char *path, bool force, const uint8_t *rgba, int w, int h,
                      char *err, size_t errlen);
/* The second half of export_png_write for a replace already begun (shot
 * begins it before its work, so an unwritable --out fails at once):
 * writes the PNG to r's temporary file and renames it; false with one line
 * in err, the temporary file removed. */
bool export_png_commit(fileio_replace *r, const uint8_t *rgba, int w, int h, char *err,
                       size_t errlen);

/* A screenshot: rgba (w x h, as above) saved as a new optiviz-*.png in the
 * output directory; e->last_path is the file. Message "saved PATH" or the
 * error. */
bool export_png(exporter *e, const uint8_t *rgba, int w, int h);

/* `optiviz trace`'s CSV: the header for a dim-dimensional landscape
 * ("step,x,f,df" or "step,x,y,f,dfdx,dfdy"). */
void export_trace_header(FILE *out, int dim);
/* One row: step, the iterate x (dim coordinates), the value and exact
 * gradient at it, every number with %.17g. Writes nothing and returns false
 * when a number is not finite (trace ends there). */
bool export_trace_row(FILE *out, int dim, long step, const double *x, const landscape_point *at);
/* A runner's trail as trace CSV on out: the points kept in its ring (the
 * last RUNNER_TRAIL_MAX iterates) with their true step numbers, each
 * evaluated with landscape_eval; ends at a non-finite row. False when out
 * reports a write error. */
bool export_runner_csv(FILE *out, const runner *r);
/* One new CSV per runner of s in the output directory,
 * optiviz-STAMP-runnerI-OPTIMIZER.csv (I from 1). Message "saved N CSV
 * files in DIR" or the error; a file that failed is removed. */
bool export_csv(exporter *e, const sim *s);

/* Starts a recording in a new subdirectory optiviz-STAMP-rec of the output
 * directory, with a thread that writes its frames; fps (0: 30) is the frame
 * rate of its video (call export_record_frame at that rate). Message
 * "recording to DIR". False when a recording is still going or finishing,
 * or on an error. */
bool export_record_start(exporter *e, double fps);
/* Takes one frame (rgba w x h as above, copied) to be written as
 * frame-NNNNNN.png (from 000001) by the writer thread. Returns at once
 * unless 4 frames are already waiting (then it waits for the writer). Every
 * frame must have the first one's size (a video cannot change it). False
 * when not recording, or on an error: the recording then stops and the
 * message says why. */
bool export_record_frame(exporter *e, const uint8_t *rgba, int w, int h);
/* The same as n (>= 1) consecutive frames: the image is written once and
 * linked for the rest, so a slow frame on screen lasts as long in the video
 * without n times the work. */
bool export_record_frames(exporter *e, const uint8_t *rgba, int w, int h, int n);
/* Ends the recording without waiting: the writer finishes the frames taken,
 * then export_poll starts ffmpeg, when it is on PATH, in the background to
 * make DIR.mp4 (H.264, yuv420p, even dimensions) and DIR.gif (palettegen +
 * paletteuse, 15 frames a second, at most 960 wide) next to the frames'
 * directory, its log in the frames' directory as ffmpeg.log. Without ffmpeg
 * the message says the PNGs are kept and where. */
bool export_record_stop(exporter *e);
/* Advances the background work without blocking: joins the finished writer
 * and starts ffmpeg, reaps ffmpeg (waitpid WNOHANG). Returns RUNNING while a
 * stopped recording's frames are being written or ffmpeg encodes, DONE or
 * FAILED once at the end with the message set ("ffmpeg: made X.mp4 and
 * X.gif", the PNGs kept, or the error), NONE otherwise (also while
 * recording). Call it once a frame. */
export_job export_poll(exporter *e);

#endif
