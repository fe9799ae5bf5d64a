/*
 * progress.c: the progress line of progress.h, "\r"-redrawn on stderr.
 */
#include "app/progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void progress_begin(progress *p, const char *what, long total, bool also_when)
{
    p->on = also_when && total > 0 && isatty(STDERR_FILENO);
    p->what = what;
    p->total = total;
    p->t0 = p->last = now();
    p->shown = false;
}

/* Seconds as "42 s", "12 min", "3 h 5 min", or "days". */
static void span(char *out, size_t n, double s)
{
    if (!(s < 86400.0 * 3))
        snprintf(out, n, "days");
    else if (s < 90.0)
        snprintf(out, n, "%.0f s", s);
    else if (s < 5400.0)
        snprintf(out, n, "%.0f min", s / 60.0);
    else
        snprintf(out, n, "%.0f h %.0f min", (double)(long)(s / 3600.0),
                 (s - 3600.0 * (double)(long)(s / 3600.0)) / 60.0);
}

void progress_update(progress *p, long done)
{
    if (!p->on)
        return;
    const double t = now();
    if (t - p->last < 0.5)
        return;
    p->last = t;
    const double frac = (double)done / (double)p->total;
    char left[32] = "?";
    if (done > 0)
        span(left, sizeof left, (t - p->t0) * (1.0 - frac) / frac);
    fprintf(stderr, "\roptiviz %s: %ld of %ld steps (%.1f%%), about %s left (Ctrl+C stops) ",
            p->what, done, p->total, 100.0 * frac, left);
    fflush(stderr);
    p->shown = true;
}

void progress_end(progress *p)
{
    if (p->shown)
        fprintf(stderr, "\r\033[K");
    p->shown = false;
}
