/*
 * bench.c: `optiviz bench`, the figures a user feels, each as key=value
 * lines on standard output:
 *   frames  N frames headless (no vsync, glFinish per frame) of a view:
 *           median and 95th percentile of wall time, and the mean CPU time
 *           a frame cost (every thread: llvmpipe rasterizes on its own);
 *           then peak resident memory, and the
 *           resident memory of a bare GL window of the same size (SDL +
 *           Mesa + the context and its buffers, nothing of ours), so the
 *           difference is what optiviz adds;
 *   startup process start to the first frame presented, the median of N
 *           fresh processes: this program starts itself again with the
 *           start time in OPTIVIZ_BENCH_T0 (CLOCK_MONOTONIC, read just
 *           before posix_spawn), and the child opens the window as
 *           `optiviz` would, runs one app_frame and reports when its swap
 *           returned (and the CPU time it used by then, every thread:
 *           the figure to trust on a loaded machine); warm (Mesa's shader
 *           cache filled by one unmeasured run first) or --cold (each child
 *           with an empty cache dir); each run is followed by a bare one
 *           (the same window and GL context presenting an empty frame: the
 *           floor SDL and Mesa set);
 *   idle    CPU time (getrusage: every thread, Mesa's too) of the window's
 *           own loop (loop.c) with the simulation paused, as a % of one
 *           core over SECONDS of wall time.
 * startup and idle use a real window when there is a display (DISPLAY or
 * WAYLAND_DISPLAY, and SDL_VIDEODRIVER not offscreen), else the offscreen
 * driver; the lines say which.
 */
#define _XOPEN_SOURCE 700 /* nftw */
#include "app/app.h"
#include "app/commands.h"
#include "app/loop.h"

#include <errno.h>
#include <ftw.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define BENCH_T0_ENV "OPTIVIZ_BENCH_T0"
#define BENCH_BARE_ENV "OPTIVIZ_BENCH_BARE"
#define BENCH_DEFAULT_RUNS 11

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* CPU time of this process so far (every thread, user and system). */
static double cpu_ms(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

/* Whether SDL can open a real window here. */
static bool display_available(void)
{
    const char *drv = getenv("SDL_VIDEODRIVER");
    if (drv && (strcmp(drv, "offscreen") == 0 || strcmp(drv, "dummy") == 0))
        return false;
    const char *x = getenv("DISPLAY"), *w = getenv("WAYLAND_DISPLAY");
    return (x && x[0]) || (w && w[0]);
}

static const char *window_kind(bool window)
{
    const char *drv = SDL_GetCurrentVideoDriver();
    return window && drv ? drv : "offscreen";
}

static double median(double *v, long n)
{
    qsort(v, (size_t)n, sizeof *v, app_cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* VmRSS of this process in kB (0 when /proc cannot tell). */
static long rss_now_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return 0;
    char line[256];
    long kb = 0;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "VmRSS: %ld kB", &kb) == 1)
            break;
    fclose(f);
    return kb;
}

/* Resident memory of a bare GL window of w x h: SDL, Mesa, the context and
 * two swaps' worth of its buffers, nothing of optiviz's. */
static long rss_bare_gl_kb(int w, int h)
{
    app_window win;
    char err[512];
    const window_params wp = {.title = "optiviz", .width = w, .height = h, .headless = true};
    if (!window_create(&win, &wp, err, sizeof err))
        return 0;
    window_swap(&win);
    window_swap(&win);
    const long kb = rss_now_kb();
    window_destroy(&win);
    return kb;
}

static int bench_frames(const cli_options *o)
{
    const int w = o->width > 0 ? o->width : 1920, h = o->height > 0 ? o->height : 1080;
    const long bare_kb = rss_bare_gl_kb(w, h);
    app *a = command_app_create(o, false, 1920, 1080);
    if (!a)
        return 1;
    const long frames = o->frames > 0 ? o->frames : 300;
    double *ms = malloc((size_t)frames * sizeof *ms);
    if (!ms) {
        command_app_free(a);
        return 1;
    }
    int fw, fh;
    window_drawable_size(&a->win, &fw, &fh);
    const double cpu0 = cpu_ms();
    for (long i = 0; i < frames; i++) {
        const double t0 = now_ms();
        sim_step(&a->sim);
        app_cloud_steps(a, 1);
        app_draw(a, a->ren, fw, fh);
        render_finish(a->ren);
        window_swap(&a->win);
        ms[i] = now_ms() - t0;
    }
    const double cpu = (cpu_ms() - cpu0) / (double)frames;
    qsort(ms, (size_t)frames, sizeof *ms, app_cmp_double);
    long p95i = (long)((double)frames * 0.95);
    if (p95i >= frames)
        p95i = frames - 1;
    const char *view = a->view.kind == VIEW_CURVE     ? "curve"
                       : a->view.kind == VIEW_CONTOUR ? "contour"
                                                      : "surface";
    printf("frames=%ld median_ms=%.3f p95_ms=%.3f cpu_ms=%.3f view=%s size=%dx%d particles=%d "
           "renderer=%s\n",
           frames, ms[frames / 2], ms[p95i], cpu, view, fw, fh, a->cloud.n, renderer_name(a->ren));
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("rss_peak_kb=%ld rss_bare_gl_kb=%ld rss_ours_kb=%ld\n", ru.ru_maxrss, bare_kb,
           ru.ru_maxrss - bare_kb);
    free(ms);
    command_app_free(a);
    return 0;
}

/* The child of --startup: opens the window, draws and presents one frame,
 * prints the milliseconds from t0 to app_create's end and to after the
 * swap. The bare child (BENCH_BARE_ENV) opens the same window with its GL
 * context and presents an empty frame: SDL and Mesa, nothing of ours. */
static int startup_child(const cli_options *o, double t0)
{
    const bool window = display_available();
    if (getenv(BENCH_BARE_ENV)) {
        app_window win;
        char err[512];
        const window_params wp = {.title = "optiviz", .width = o->width > 0 ? o->width : 1280,
                                  .height = o->height > 0 ? o->height : 720, .headless = !window};
        if (!window_create(&win, &wp, err, sizeof err)) {
            fprintf(stderr, "optiviz: %s\n", err);
            return 1;
        }
        const double created = now_ms();
        window_swap(&win);
        const double presented = now_ms();
        printf("%.3f %.3f %.3f %s\n", created - t0, presented - t0, cpu_ms(), window_kind(window));
        window_destroy(&win);
        SDL_Quit();
        return 0;
    }
    app *a = command_app_create(o, window, 0, 0);
    if (!a)
        return 1;
    const double created = now_ms();
    app_frame(a, 0.0);
    const double presented = now_ms();
    printf("%.3f %.3f %.3f %s\n", created - t0, presented - t0, cpu_ms(), window_kind(window));
    command_app_free(a);
    return 0;
}

/* Starts this program again (bare: the bare child) with t0 in the
 * environment and reads the child's line: milliseconds to app_create's end,
 * to the first frame presented, and the CPU time used by then. False (with
 * a line on stderr) when it did not work. */
static bool startup_run(const cli_options *o, bool bare, double *created, double *presented,
                        double *cpu, char *kind, size_t kind_len)
{
    int fd[2];
    if (pipe(fd) != 0) {
        fprintf(stderr, "optiviz: bench --startup: pipe: %s\n", strerror(errno));
        return false;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fd[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&fa, fd[0]);
    posix_spawn_file_actions_addclose(&fa, fd[1]);
    char t0[64];
    snprintf(t0, sizeof t0, "%.6f", now_ms());
    setenv(BENCH_T0_ENV, t0, 1);
    if (bare)
        setenv(BENCH_BARE_ENV, "1", 1);
    pid_t pid;
    const int rc = posix_spawn(&pid, "/proc/self/exe", &fa, NULL, o->argv, environ);
    unsetenv(BENCH_T0_ENV);
    unsetenv(BENCH_BARE_ENV);
    posix_spawn_file_actions_destroy(&fa);
    close(fd[1]);
    if (rc != 0) {
        close(fd[0]);
        fprintf(stderr, "optiviz: bench --startup: cannot start myself: %s\n", strerror(rc));
        return false;
    }
    char buf[256];
    size_t len = 0;
    ssize_t got;
    while (len + 1 < sizeof buf && (got = read(fd[0], buf + len, sizeof buf - 1 - len)) > 0)
        len += (size_t)got;
    buf[len] = '\0';
    close(fd[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    char fmt[32];
    snprintf(fmt, sizeof fmt, "%%lf %%lf %%lf %%%zus", kind_len - 1);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
        sscanf(buf, fmt, created, presented, cpu, kind) != 4) {
        fprintf(stderr, "optiviz: bench --startup: the child failed (status %d)\n", status);
        return false;
    }
    return true;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(path);
}

static int bench_startup(const cli_options *o)
{
    const long runs = o->runs > 0 ? o->runs : BENCH_DEFAULT_RUNS;
    double *created = malloc((size_t)runs * sizeof *created);
    double *presented = malloc((size_t)runs * sizeof *presented);
    double *cpu = malloc((size_t)runs * sizeof *cpu);
    double *bare = malloc((size_t)runs * 2 * sizeof *bare); /* presented, then cpu */
    const char *cache_env = getenv("MESA_SHADER_CACHE_DIR");
    char *cache_saved = cache_env ? strdup(cache_env) : NULL;
    char kind[32] = "?";
    int code = 1;
    if (!created || !presented || !cpu || !bare || (cache_env && !cache_saved))
        goto done;
    double c, p, u;
    if (!o->cold && !startup_run(o, false, &c, &p, &u, kind, sizeof kind)) /* fills the cache */
        goto done;
    for (long i = 0; i < runs; i++) {
        char dir[] = "/tmp/optiviz-shader-cache-XXXXXX";
        if (o->cold) {
            if (!mkdtemp(dir)) {
                fprintf(stderr, "optiviz: bench --startup --cold: %s: %s\n", dir, strerror(errno));
                goto done;
            }
            setenv("MESA_SHADER_CACHE_DIR", dir, 1);
        }
        bool ok = startup_run(o, false, &created[i], &presented[i], &cpu[i], kind, sizeof kind);
        ok = ok && startup_run(o, true, &c, &bare[i], &bare[runs + i], kind, sizeof kind);
        if (o->cold) {
            nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
            if (cache_saved)
                setenv("MESA_SHADER_CACHE_DIR", cache_saved, 1);
            else
                unsetenv("MESA_SHADER_CACHE_DIR");
        }
        if (!ok)
            goto done;
    }
    const double med = median(presented, runs), lo = presented[0], hi = presented[runs - 1];
    printf("startup_ms=%.1f startup_min_ms=%.1f startup_max_ms=%.1f create_ms=%.1f "
           "startup_cpu_ms=%.1f runs=%ld cache=%s window=%s\n",
           med, lo, hi, median(created, runs), median(cpu, runs), runs, o->cold ? "cold" : "warm",
           kind);
    printf("bare_window_ms=%.1f bare_window_cpu_ms=%.1f\n", median(bare, runs),
           median(bare + runs, runs));
    code = 0;
done:
    free(created);
    free(presented);
    free(cpu);
    free(bare);
    free(cache_saved);
    return code;
}

static int bench_idle(const cli_options *o)
{
    const bool window = display_available();
    app *a = command_app_create(o, window, 0, 0);
    if (!a)
        return 1;
    a->sim.paused = true;
    app_loop(a, 0.5); /* the first frames, the window's own events */
    const long drawn = a->frames_drawn;
    struct rusage r0, r1;
    getrusage(RUSAGE_SELF, &r0);
    const double w0 = now_ms();
    app_loop(a, o->idle);
    const double wall = now_ms() - w0;
    getrusage(RUSAGE_SELF, &r1);
    const double cpu = (double)(r1.ru_utime.tv_sec - r0.ru_utime.tv_sec) * 1e3 +
                       (double)(r1.ru_utime.tv_usec - r0.ru_utime.tv_usec) / 1e3 +
                       (double)(r1.ru_stime.tv_sec - r0.ru_stime.tv_sec) * 1e3 +
                       (double)(r1.ru_stime.tv_usec - r0.ru_stime.tv_usec) / 1e3;
    printf("idle_cpu_pct=%.2f idle_seconds=%.1f frames_drawn=%ld window=%s\n", 100.0 * cpu / wall,
           wall / 1e3, a->frames_drawn - drawn, window_kind(window));
    command_app_free(a);
    return 0;
}

int command_bench(const cli_options *o)
{
    const char *t0 = getenv(BENCH_T0_ENV);
    if (o->startup && t0 && t0[0])
        return startup_child(o, strtod(t0, NULL));
    if (o->startup)
        return bench_startup(o);
    if (o->idle > 0.0)
        return bench_idle(o);
    return bench_frames(o);
}
