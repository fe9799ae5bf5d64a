/*
 * test_export.c: the classroom exports (app/export.c) and the settings file
 * (app/settings.c), headless: output-directory resolution from XDG variables
 * and user-dirs.dirs, PNGs read back with IMG_Load, names that never
 * overwrite, write errors (ENOTDIR, ENOSPC on /dev/full, a file-size limit
 * for a short write) leaving no partial file, runner CSVs byte-identical to
 * `optiviz trace`, recordings (numbered frames; MP4 and GIF when ffmpeg is
 * installed) and a settings round trip with bad values and unknown keys.
 */
#define _XOPEN_SOURCE 700 /* nftw */

#include "app/commands.h"
#include "app/export.h"
#include "app/settings.h"

#include <SDL_image.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

static char root[256]; /* a fresh temporary directory per test */

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static int setup(void **state)
{
    (void)state;
    snprintf(root, sizeof root, "/tmp/optiviz-test-export-XXXXXX");
    if (!mkdtemp(root))
        return -1;
    unsetenv("XDG_PICTURES_DIR");
    unsetenv("XDG_CONFIG_HOME");
    char home[300];
    snprintf(home, sizeof home, "%s/home", root);
    mkdir(home, 0755);
    setenv("HOME", home, 1);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return nftw(root, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* root/rel into out. */
static const char *at(char *out, size_t n, const char *rel)
{
    snprintf(out, n, "%s/%s", root, rel);
    return out;
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void write_text(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

/* The first 255 bytes of path as text (a static buffer). */
static const char *read_text(const char *path)
{
    static char buf[256];
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    const size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

/* Entries of dir other than . and .. */
static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static void test_dir_resolution(void **state)
{
    (void)state;
    char out[EXPORT_PATH_MAX], err[512], want[512], tmp[512];

    /* nothing set: ~/Pictures/optiviz, created */
    assert_true(export_dir_resolve(NULL, out, sizeof out, err, sizeof err));
    assert_string_equal(out, at(want, sizeof want, "home/Pictures/optiviz"));
    assert_true(is_dir(out));

    /* ~/.config/user-dirs.dirs, $HOME expanded */
    mkdir(at(tmp, sizeof tmp, "home/.config"), 0755);
    write_text(at(tmp, sizeof tmp, "home/.config/user-dirs.dirs"),
               "# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR=\"$HOME/Desktop\"\n"
               "XDG_PICTURES_DIR=\"$HOME/Bilder\"\n");
    assert_true(export_dir_resolve(NULL, out, sizeof out, err, sizeof err));
    assert_string_equal(out, at(want, sizeof want, "home/Bilder/optiviz"));
    assert_true(is_dir(out));

    /* $XDG_CONFIG_HOME/user-dirs.dirs wins over ~/.config, absolute path */
    mkdir(at(tmp, sizeof tmp, "cfg"), 0755);
    setenv("XDG_CONFIG_HOME", tmp, 1);
    char line[600];
    snprintf(line, sizeof line, "XDG_PICTURES_DIR=\"%s/abs/pics\"\n", root);
    write_text(at(tmp, sizeof tmp, "cfg/user-dirs.dirs"), line);
    assert_true(export_dir_resolve(NULL, out, sizeof out, err, sizeof err));
    assert_string_equal(out, at(want, sizeof want, "abs/pics/optiviz"));
    assert_true(is_dir(out));

    /* the environment wins over the file */
    setenv("XDG_PICTURES_DIR", at(tmp, sizeof tmp, "envpics"), 1);
    assert_true(export_dir_resolve(NULL, out, sizeof out, err, sizeof err));
    assert_string_equal(out, at(want, sizeof want, "envpics/optiviz"));
    assert_true(is_dir(out));

    /* --output-dir wins over everything, with its parents made */
    assert_true(export_dir_resolve(at(tmp, sizeof tmp, "given/a/b"), out, sizeof out, err,
                                   sizeof err));
    assert_string_equal(out, tmp);
    assert_true(is_dir(out));

    /* a directory under a regular file cannot be made: ENOTDIR, named */
    write_text(at(tmp, sizeof tmp, "plain"), "x");
    assert_false(export_dir_resolve(at(tmp, sizeof tmp, "plain/sub"), out, sizeof out, err,
                                    sizeof err));
    assert_non_null(strstr(err, tmp));
    assert_non_null(strstr(err, strerror(ENOTDIR)));
}

/* A w x h RGBA image whose pixels say where they are. */
static uint8_t *pattern(int w, int h)
{
    uint8_t *p = malloc((size_t)w * (size_t)h * 4);
    assert_non_null(p);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint8_t *q = p + ((size_t)y * (size_t)w + (size_t)x) * 4;
            q[0] = (uint8_t)(x * 5);
            q[1] = (uint8_t)(y * 7);
            q[2] = (uint8_t)((x * 31 + y * 17) ^ 0x5a);
            q[3] = 255;
        }
    return p;
}

/* Loads path and checks its size and a few pixels against pattern(). */
static void check_png(const char *path, int w, int h)
{
    SDL_Surface *raw = IMG_Load(path);
    assert_non_null(raw);
    SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(raw);
    assert_non_null(s);
    assert_int_equal(s->w, w);
    assert_int_equal(s->h, h);
    const int pts[][2] = {{0, 0}, {w - 1, 0}, {0, h - 1}, {w - 1, h - 1}, {w / 2, h / 3}};
    for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++) {
        const int x = pts[i][0], y = pts[i][1];
        const uint8_t *q = (const uint8_t *)s->pixels + y * s->pitch + x * 4;
        assert_int_equal(q[0], (uint8_t)(x * 5));
        assert_int_equal(q[1], (uint8_t)(y * 7));
        assert_int_equal(q[2], (uint8_t)((x * 31 + y * 17) ^ 0x5a));
        assert_int_equal(q[3], 255);
    }
    SDL_FreeSurface(s);
}

static void test_png_saved_never_overwritten(void **state)
{
    (void)state;
    char dir[512], first[EXPORT_PATH_MAX];
    exporter e;
    export_init(&e, at(dir, sizeof dir, "out"));
    uint8_t *img = pattern(37, 23);
    assert_true(export_png(&e, img, 37, 23));
    snprintf(first, sizeof first, "%s", e.last_path);
    assert_true(strncmp(first, dir, strlen(dir)) == 0);
    assert_non_null(strstr(first, "/optiviz-"));
    char want[EXPORT_PATH_MAX + 16];
    snprintf(want, sizeof want, "saved %s", first);
    assert_string_equal(e.message, want);
    check_png(first, 37, 23);

    assert_true(export_png(&e, img, 37, 23));
    assert_string_not_equal(e.last_path, first);
    check_png(e.last_path, 37, 23);
    check_png(first, 37, 23);
    assert_int_equal(count_entries(dir), 2);
    free(img);
    export_destroy(&e);
}

static void test_png_write_errors(void **state)
{
    (void)state;
    char err[EXPORT_PATH_MAX + 256], path[512];
    uint8_t *img = pattern(64, 64);

    /* ENOSPC: /dev/full takes no bytes; the encoder's failed write is
     * reported with its reason */
    const int full = open("/dev/full", O_WRONLY | O_CLOEXEC);
    assert_true(full >= 0);
    assert_false(export_png_write_fd(full, "/dev/full", img, 64, 64, err, sizeof err));
    assert_non_null(strstr(err, "'/dev/full'"));
    assert_non_null(strstr(err, strerror(ENOSPC)));
    struct stat st;
    assert_int_equal(stat("/dev/full", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    /* a device or a directory given as the file is never replaced, even
     * with force (a rename would swap out the device node) */
    assert_false(export_png_write("/dev/full", true, img, 64, 64, err, sizeof err));
    assert_string_equal(err, "'/dev/full' is a character device, not a file optiviz may "
                             "replace");
    assert_int_equal(stat("/dev/full", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    assert_false(export_png_write(root, true, img, 64, 64, err, sizeof err));
    assert_non_null(strstr(err, "is a directory, not a file optiviz may replace"));
    /* a file that got no image is not left behind (nor its temporary) */
    assert_false(export_png_write(at(path, sizeof path, "empty.png"), false, img, 0, 64, err,
                                  sizeof err));
    assert_non_null(strstr(err, "no image (0x64)"));
    assert_int_equal(access(path, F_OK), -1);
    assert_int_equal(count_entries(root), 1); /* home/ only */

    /* ENOTDIR: a path under a regular file */
    write_text(at(path, sizeof path, "plain"), "x");
    assert_false(export_png_write(at(path, sizeof path, "plain/x.png"), false, img, 64, 64, err,
                                  sizeof err));
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, strerror(ENOTDIR)));

    /* the exporter names the directory it could not make */
    exporter e;
    export_init(&e, at(path, sizeof path, "plain/out"));
    assert_false(export_png(&e, img, 64, 64));
    assert_non_null(strstr(e.message, path));
    assert_non_null(strstr(e.message, strerror(ENOTDIR)));

    /* a short write (the file-size limit stops it after 200 bytes): an
     * error, and no partial file left in the directory */
    export_init(&e, at(path, sizeof path, "limited"));
    assert_true(export_dir_resolve(e.dir_option, e.dir, sizeof e.dir, err, sizeof err));
    struct rlimit old, small = {.rlim_cur = 200, .rlim_max = RLIM_INFINITY};
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    small.rlim_max = old.rlim_max;
    void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    const bool ok = export_png(&e, img, 64, 64);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
    signal(SIGXFSZ, prev);
    assert_false(ok);
    assert_non_null(strstr(e.message, path));
    assert_non_null(strstr(e.message, strerror(EFBIG)));
    assert_int_equal(count_entries(path), 0);
    free(img);
}

/* `shot --out FILE` (issue 13): an existing file is kept unless force; with
 * force it is replaced whole through a temporary file, and a failed write
 * leaves the old file as it was (the temporary removed). */
static void test_png_replace(void **state)
{
    (void)state;
    char err[EXPORT_PATH_MAX + 256], path[512], dir[512];
    uint8_t *img = pattern(64, 48);
    assert_int_equal(mkdir(at(dir, sizeof dir, "out"), 0755), 0);
    write_text(at(path, sizeof path, "out/keep.png"), "precious");
    assert_false(export_png_write(path, false, img, 64, 48, err, sizeof err));
    char want[600];
    snprintf(want, sizeof want, "'%s' exists; add --force to replace it", path);
    assert_string_equal(err, want);
    assert_string_equal(read_text(path), "precious");

    /* force, but the write fails (no image; then a 200-byte file-size
     * limit): the old file stays, no temporary is left */
    assert_false(export_png_write(path, true, img, 0, 48, err, sizeof err));
    assert_non_null(strstr(err, "(the file is left as it was)"));
    assert_string_equal(read_text(path), "precious");
    assert_int_equal(count_entries(dir), 1);
    struct rlimit old, small = {.rlim_cur = 200, .rlim_max = RLIM_INFINITY};
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    small.rlim_max = old.rlim_max;
    void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    const bool ok = export_png_write(path, true, img, 64, 48, err, sizeof err);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
    signal(SIGXFSZ, prev);
    assert_false(ok);
    assert_non_null(strstr(err, strerror(EFBIG)));
    assert_string_equal(read_text(path), "precious");
    assert_int_equal(count_entries(dir), 1);

    /* force and a good write: the PNG, mode 0644, nothing else */
    assert_true(export_png_write(path, true, img, 64, 48, err, sizeof err));
    check_png(path, 64, 48);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);
    assert_int_equal(count_entries(dir), 1);
    /* through a symbolic link: the file it names is replaced, the link kept */
    char link[512];
    assert_int_equal(symlink("keep.png", at(link, sizeof link, "out/link.png")), 0);
    assert_false(export_png_write(link, false, img, 64, 48, err, sizeof err));
    uint8_t *img32 = pattern(32, 24);
    assert_true(export_png_write(link, true, img32, 32, 24, err, sizeof err));
    free(img32);
    struct stat lst;
    assert_int_equal(lstat(link, &lst), 0);
    assert_true(S_ISLNK(lst.st_mode));
    check_png(path, 32, 24);
    assert_int_equal(count_entries(dir), 2);
    /* a new name needs no force */
    assert_true(export_png_write(at(path, sizeof path, "out/new.png"), false, img, 64, 48, err,
                                 sizeof err));
    check_png(path, 64, 48);
    assert_int_equal(count_entries(dir), 3);
    free(img);
}

/* The text of `optiviz trace` for these settings. */
static char *trace_text(const landscape *l, optim_kind kind, const optim_params *op,
                        const double *start, long steps, double noise)
{
    cli_options o = {
        .command = CLI_TRACE, .land = l,
        .run = {.has_kind = true, .kind = kind, .optim_given = ~0u, .optim = *op,
                .has_noise = true, .noise = noise, .has_seed = true, .seed = 42},
        .has_start = true, .start = {start[0], start[1]}, .has_steps = true,
        .steps = steps,
    };
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    assert_int_equal(command_trace(&o, out, stderr), 0);
    fclose(out);
    return buf;
}

static runner rn; /* large (its trail): off the stack */

/* A runner stepped steps times with the same settings, its CSV as text. */
static char *runner_text(const landscape *l, optim_kind kind, const optim_params *op,
                         const double *start, long steps, double noise)
{
    const runner_params p = {.land = l, .kind = kind, .optim = *op, .noise = noise, .seed = 42,
                             .start = start};
    char err[256];
    assert_true(runner_init(&rn, &p, err, sizeof err));
    for (long i = 0; i < steps; i++)
        runner_step(&rn);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    assert_true(export_runner_csv(out, &rn));
    fclose(out);
    return buf;
}

static void test_csv_equals_trace(void **state)
{
    (void)state;
    /* 1D with seeded gradient noise, and 2D with Adam: fewer steps than the
     * trail holds, so every row is there */
    optim_params sgd = optim_defaults(OPTIM_SGD);
    sgd.lr = 0.05;
    sgd.momentum = 0.5;
    const double s1[2] = {-0.9, 0.0};
    char *a = trace_text(landscape_find("risk"), OPTIM_SGD, &sgd, s1, 60, 0.3);
    char *b = runner_text(landscape_find("risk"), OPTIM_SGD, &sgd, s1, 60, 0.3);
    assert_non_null(strstr(a, "\n60,"));
    assert_string_equal(a, b);
    free(a);
    free(b);

    optim_params adam = optim_defaults(OPTIM_ADAM);
    adam.lr = 0.05;
    const double s2[2] = {0.8, 0.01};
    a = trace_text(landscape_find("saddle"), OPTIM_ADAM, &adam, s2, 40, 0.0);
    b = runner_text(landscape_find("saddle"), OPTIM_ADAM, &adam, s2, 40, 0.0);
    assert_true(strncmp(a, "step,x,y,f,dfdx,dfdy\n0,0.80000000000000004,0.01,", 48) == 0);
    assert_string_equal(a, b);
    free(a);
    free(b);
}

static void test_csv_after_trail_wraps(void **state)
{
    (void)state;
    /* more steps than the ring holds: the last RUNNER_TRAIL_MAX rows of the
     * trace, with their true step numbers */
    optim_params sgd = optim_defaults(OPTIM_SGD);
    sgd.lr = 0.001;
    const double s1[2] = {4.0, 0.0};
    const long steps = RUNNER_TRAIL_MAX + 10;
    char *a = trace_text(landscape_find("tanh"), OPTIM_SGD, &sgd, s1, steps, 0.0);
    char *b = runner_text(landscape_find("tanh"), OPTIM_SGD, &sgd, s1, steps, 0.0);
    const char *header = "step,x,f,df\n";
    assert_true(strncmp(b, header, strlen(header)) == 0);
    char first[32];
    snprintf(first, sizeof first, "\n%ld,", steps - RUNNER_TRAIL_MAX + 1);
    const char *tail = strstr(a, first);
    assert_non_null(tail);
    assert_string_equal(b + strlen(header), tail + 1);
    int rows = 0;
    for (const char *c = b; *c; c++)
        rows += *c == '\n';
    assert_int_equal(rows, RUNNER_TRAIL_MAX + 1);
    free(a);
    free(b);
}

static sim sm; /* large: off the stack */

static void test_csv_files_per_runner(void **state)
{
    (void)state;
    const landscape *l = landscape_find("saddle");
    const double start[2] = {0.5, 0.1};
    const runner_params p[2] = {
        {.land = l, .kind = OPTIM_SGD, .optim = optim_defaults(OPTIM_SGD), .start = start},
        {.land = l, .kind = OPTIM_ADAM, .optim = optim_defaults(OPTIM_ADAM), .start = start},
    };
    char err[256];
    assert_true(sim_init(&sm, p, 2, 8.0, err, sizeof err));
    for (int i = 0; i < 12; i++)
        sim_step(&sm);
    char dir[512];
    exporter e;
    export_init(&e, at(dir, sizeof dir, "csv"));
    assert_true(export_csv(&e, &sm));
    assert_non_null(strstr(e.message, "saved 2 CSV files in "));
    assert_int_equal(count_entries(dir), 2);
    DIR *d = opendir(dir);
    assert_non_null(d);
    int seen = 0;
    for (struct dirent *de; (de = readdir(d));) {
        const char *suffix[2] = {"-runner1-sgd.csv", "-runner2-adam.csv"};
        for (int i = 0; i < 2; i++) {
            const char *s = strstr(de->d_name, suffix[i]);
            if (!s || strlen(s) != strlen(suffix[i]))
                continue;
            seen |= 1 << i;
            char path[1024], want[8192] = "", got[8192] = "";
            snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
            FILE *fp = fopen(path, "r");
            assert_non_null(fp);
            got[fread(got, 1, sizeof got - 1, fp)] = '\0';
            fclose(fp);
            FILE *mem = fmemopen(want, sizeof want - 1, "w");
            assert_true(export_runner_csv(mem, &sm.runners[i]));
            fclose(mem);
            assert_string_equal(got, want);
            assert_non_null(strstr(got, "\n12,"));
        }
    }
    closedir(d);
    assert_int_equal(seen, 3);
    export_destroy(&e);
}

/* Polls until the background work of a recording ends; its last state. */
static export_job poll_to_end(exporter *e)
{
    export_job j = EXPORT_JOB_RUNNING;
    for (int i = 0; i < 1200 && j == EXPORT_JOB_RUNNING; i++) {
        const struct timespec ts = {0, 50 * 1000 * 1000};
        j = export_poll(e);
        if (j == EXPORT_JOB_RUNNING)
            nanosleep(&ts, NULL);
    }
    return j;
}

static void test_recording(void **state)
{
    (void)state;
    char dir[512], path[EXPORT_PATH_MAX + 64];
    exporter e;
    export_init(&e, at(dir, sizeof dir, "rec"));
    uint8_t *img = pattern(65, 49); /* odd: the MP4 needs a scale to even */
    assert_true(export_record_start(&e, 10.0));
    assert_true(e.recording);
    assert_non_null(strstr(e.message, "recording to "));
    assert_non_null(strstr(e.message, e.rec_dir));
    assert_false(export_record_start(&e, 10.0)); /* one at a time */
    for (int i = 0; i < 12; i++)
        assert_true(export_record_frame(&e, img, 65, 49));
    assert_int_equal(e.frames, 12);

    const bool have_ffmpeg = system("command -v ffmpeg >/dev/null 2>&1") == 0;
    assert_true(export_record_stop(&e));
    assert_false(e.recording);
    assert_false(export_record_frame(&e, img, 65, 49)); /* stopped */
    const export_job j = poll_to_end(&e);
    /* every frame written, in order */
    snprintf(path, sizeof path, "%s/frame-000001.png", e.rec_dir);
    check_png(path, 65, 49);
    snprintf(path, sizeof path, "%s/frame-000012.png", e.rec_dir);
    check_png(path, 65, 49);
    snprintf(path, sizeof path, "%s/frame-000013.png", e.rec_dir);
    assert_int_equal(access(path, F_OK), -1);
    if (!have_ffmpeg) {
        print_message("SKIP: ffmpeg is not on PATH: MP4/GIF encoding not tested\n");
        assert_int_equal(j, EXPORT_JOB_DONE);
        assert_non_null(strstr(e.message, "PNG frames kept in"));
    } else {
        if (j != EXPORT_JOB_DONE)
            print_message("ffmpeg: %s\n", e.message);
        assert_int_equal(j, EXPORT_JOB_DONE);
        char want[3 * EXPORT_PATH_MAX];
        snprintf(want, sizeof want, "ffmpeg: made %s.mp4 and %s.gif", e.rec_dir, e.rec_dir);
        assert_string_equal(e.message, want);
        const char *ext[2] = {".mp4", ".gif"};
        for (int i = 0; i < 2; i++) {
            snprintf(path, sizeof path, "%s%s", e.rec_dir, ext[i]);
            struct stat st;
            assert_int_equal(stat(path, &st), 0);
            assert_true(st.st_size > 100);
        }
        snprintf(path, sizeof path, "%s.gif", e.rec_dir);
        SDL_Surface *gif = IMG_Load(path);
        assert_non_null(gif);
        assert_int_equal(gif->w, 65); /* the GIF keeps the size (under 960) */
        SDL_FreeSurface(gif);
    }
    assert_int_equal(export_poll(&e), EXPORT_JOB_NONE); /* reported once */

    /* without ffmpeg on PATH the PNGs are kept and the message says where */
    const char *old_path = getenv("PATH");
    char *saved = old_path ? strdup(old_path) : NULL;
    setenv("PATH", at(path, sizeof path, "nothing-here"), 1);
    assert_true(export_record_start(&e, 0.0));
    assert_true(export_record_frame(&e, img, 65, 49));
    assert_true(export_record_stop(&e));
    assert_int_equal(poll_to_end(&e), EXPORT_JOB_DONE);
    if (saved)
        setenv("PATH", saved, 1);
    free(saved);
    char want[2 * EXPORT_PATH_MAX];
    snprintf(want, sizeof want, "recording stopped: 1 PNG frames kept in %s (install ffmpeg "
                                "to make an MP4 and a GIF)", e.rec_dir);
    assert_string_equal(e.message, want);
    assert_int_equal(export_poll(&e), EXPORT_JOB_NONE);

    /* a frame of another size ends a recording: a video keeps one size */
    assert_true(export_record_start(&e, 0.0));
    assert_true(export_record_frame(&e, img, 65, 49));
    assert_false(export_record_frame(&e, img, 64, 49));
    assert_false(e.recording);
    assert_non_null(strstr(e.message, "from 65x49 to 64x49"));
    assert_int_equal(poll_to_end(&e), EXPORT_JOB_FAILED);
    assert_non_null(strstr(e.message, "from 65x49 to 64x49"));
    assert_int_equal(count_entries(e.rec_dir), 1);

    /* a frame that cannot be written (the directory is gone) fails the
     * recording, reported by the next frame or by poll */
    assert_true(export_record_start(&e, 0.0));
    assert_int_equal(rmdir(e.rec_dir), 0);
    assert_true(export_record_frame(&e, img, 65, 49));
    assert_int_equal(export_poll(&e), EXPORT_JOB_NONE); /* recording: nothing to report */
    assert_true(export_record_stop(&e));
    assert_int_equal(poll_to_end(&e), EXPORT_JOB_FAILED);
    assert_non_null(strstr(e.message, e.rec_dir));
    assert_non_null(strstr(e.message, strerror(ENOENT)));

    /* no frames: the empty directory is removed */
    assert_true(export_record_start(&e, 0.0));
    assert_true(export_record_stop(&e));
    assert_int_equal(poll_to_end(&e), EXPORT_JOB_DONE);
    assert_string_equal(e.message, "recording stopped: no frames");
    assert_int_equal(access(e.rec_dir, F_OK), -1);
    free(img);
    export_destroy(&e);
}

static void test_settings(void **state)
{
    (void)state;
    char path[512], msg[1024], want[512];
    settings s;

    /* default path under XDG_CONFIG_HOME; missing file: defaults, no message */
    setenv("XDG_CONFIG_HOME", at(path, sizeof path, "conf"), 1);
    assert_true(settings_path(path, sizeof path, msg, sizeof msg));
    assert_string_equal(path, at(want, sizeof want, "conf/optiviz/settings.ini"));
    s.theme = THEME_LIGHT;
    s.ui_scale = 2.0;
    assert_true(settings_load(&s, NULL, msg, sizeof msg));
    assert_string_equal(msg, "");
    assert_int_equal(s.theme, THEME_DARK);
    assert_true(s.ui_scale == 0.0);

    /* round trip through the default path (its directory is made) */
    const settings light = {.theme = THEME_LIGHT, .ui_scale = 1.5};
    assert_true(settings_save(&light, NULL, msg, sizeof msg));
    assert_int_equal(count_entries(at(want, sizeof want, "conf/optiviz")), 1); /* no temp */
    assert_true(settings_load(&s, NULL, msg, sizeof msg));
    assert_int_equal(s.theme, THEME_LIGHT);
    assert_true(s.ui_scale == 1.5);
    const settings hc = {.theme = THEME_HIGH_CONTRAST, .ui_scale = 0.0};
    assert_true(settings_save(&hc, path, msg, sizeof msg));
    assert_true(settings_load(&s, path, msg, sizeof msg));
    assert_int_equal(s.theme, THEME_HIGH_CONTRAST);
    assert_true(s.ui_scale == 0.0);

    /* the language: saved, read back, empty for the system's, refused when unknown */
    const settings ko = {.theme = THEME_DARK, .language = "ko"};
    assert_true(settings_save(&ko, path, msg, sizeof msg));
    assert_true(settings_load(&s, path, msg, sizeof msg));
    assert_string_equal(s.language, "ko");
    assert_true(settings_save(&hc, path, msg, sizeof msg));
    assert_true(settings_load(&s, path, msg, sizeof msg));
    assert_string_equal(s.language, "");
    write_text(path, "theme = light\nlanguage = ko_KR.UTF-8\n");
    assert_true(settings_load(&s, path, msg, sizeof msg));
    assert_string_equal(s.language, "ko");
    write_text(path, "theme = light\nlanguage = klingon\n");
    assert_false(settings_load(&s, path, msg, sizeof msg));
    assert_non_null(strstr(msg, "language = 'klingon'"));
    assert_string_equal(s.language, "");
    assert_int_equal(s.theme, THEME_LIGHT);

    /* unknown keys and sections are ignored */
    write_text(path, "[ui]\nfuture_key = 7\ntheme = light\n[other]\nzoom = 3\nui_scale = 2.5\n");
    assert_true(settings_load(&s, path, msg, sizeof msg));
    assert_int_equal(s.theme, THEME_LIGHT);
    assert_true(s.ui_scale == 2.5);

    /* bad values fall back to the defaults, with a message naming them */
    const char *bad[] = {"theme = purple\nui_scale = 1.25\n", "theme = light\nui_scale = 9\n",
                         "theme = light\nui_scale = 0.2\n", "theme = light\nui_scale = big\n",
                         "theme = light\nui_scale = nan\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        write_text(path, bad[i]);
        assert_false(settings_load(&s, path, msg, sizeof msg));
        assert_non_null(strstr(msg, path));
        if (i == 0) {
            assert_non_null(strstr(msg, "theme = 'purple'"));
            assert_int_equal(s.theme, THEME_DARK);
            assert_true(s.ui_scale == 1.25);
        } else {
            assert_non_null(strstr(msg, "ui_scale"));
            assert_int_equal(s.theme, THEME_LIGHT);
            assert_true(s.ui_scale == 0.0);
        }
    }

    /* settings that are not a small regular file: defaults and a message,
     * never a hang (issue 13) */
    assert_false(settings_load(&s, "/dev/zero", msg, sizeof msg));
    assert_string_equal(msg, "cannot read settings: /dev/zero: not a regular file (a character "
                             "device); a settings file is needed; using the default settings");
    assert_int_equal(s.theme, THEME_DARK);
    FILE *big = fopen(path, "w");
    assert_non_null(big);
    for (int i = 0; i < 70000; i++)
        fputc('#', big);
    fclose(big);
    assert_false(settings_load(&s, path, msg, sizeof msg));
    assert_non_null(strstr(msg, "70000 bytes, more than the 65536 a settings file may have"));
    /* old-Mac line ends: said so, defaults kept */
    write_text(path, "theme = light\rui_scale = 2\r");
    assert_false(settings_load(&s, path, msg, sizeof msg));
    assert_non_null(strstr(msg, "the lines end in CR alone (old Mac line ends); using the "
                                "default settings"));
    assert_int_equal(s.theme, THEME_DARK);
    write_text(path, "theme = light\r\nui_scale = 2\r\n"); /* CRLF is fine */
    assert_true(settings_load(&s, path, msg, sizeof msg));
    assert_int_equal(s.theme, THEME_LIGHT);
    assert_true(s.ui_scale == 2.0);
    /* a control character in a value is shown escaped */
    write_text(path, "theme = \x1b[2J\n");
    assert_false(settings_load(&s, path, msg, sizeof msg));
    assert_non_null(strstr(msg, "theme = '\\x1b[2J' is not dark"));
    assert_null(strchr(msg, 0x1b));

    /* settings.ini as a symbolic link (a dotfiles repository): saved into
     * the file it names, the link kept */
    char real[512], link[512];
    write_text(at(real, sizeof real, "dotfiles.ini"), "theme = dark\n");
    assert_int_equal(symlink(real, at(link, sizeof link, "linked.ini")), 0);
    assert_true(settings_save(&light, link, msg, sizeof msg));
    struct stat lst;
    assert_int_equal(lstat(link, &lst), 0);
    assert_true(S_ISLNK(lst.st_mode));
    assert_true(settings_load(&s, real, msg, sizeof msg));
    assert_int_equal(s.theme, THEME_LIGHT);

    /* a save that cannot happen: a message, and nothing left behind */
    char file[512];
    write_text(at(file, sizeof file, "plain"), "x");
    assert_false(settings_save(&light, at(path, sizeof path, "plain/settings.ini"), msg,
                               sizeof msg));
    assert_non_null(strstr(msg, file));
    assert_non_null(strstr(msg, strerror(ENOTDIR)));
    assert_false(settings_save(&light, at(path, sizeof path, "conf/optiviz/settings.ini/x"),
                               msg, sizeof msg));
    assert_non_null(strstr(msg, strerror(ENOTDIR)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_dir_resolution, setup, teardown),
        cmocka_unit_test_setup_teardown(test_png_saved_never_overwritten, setup, teardown),
        cmocka_unit_test_setup_teardown(test_png_write_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_png_replace, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_equals_trace, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_after_trail_wraps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_files_per_runner, setup, teardown),
        cmocka_unit_test_setup_teardown(test_recording, setup, teardown),
        cmocka_unit_test_setup_teardown(test_settings, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
