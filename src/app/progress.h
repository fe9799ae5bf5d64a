/*
 * progress.h: a one-line progress report for long headless work (`shot`
 * with many steps, a long `trace`), drawn on standard error only when it is
 * a terminal, at most twice a second, with the time left estimated from
 * the rate so far. Off a terminal (scripts, tests) it prints nothing.
 */
#ifndef OPTIVIZ_APP_PROGRESS_H
#define OPTIVIZ_APP_PROGRESS_H

#include <stdbool.h>

typedef struct progress {
    bool on;          /* stderr is a terminal and the work is long enough */
    const char *what; /* "shot", "trace" */
    long total;       /* units of work (steps) */
    double t0;        /* start, seconds (monotonic) */
    double last;      /* last report, seconds */
    bool shown;       /* a line is on screen (end clears it) */
} progress;

/* Starts a report of total units for what; on only when stderr is a
 * terminal and also_when is true (e.g. stdout is not that terminal). */
void progress_begin(progress *p, const char *what, long total, bool also_when);
/* done units finished of total: redraws the line when 0.5 s passed. */
void progress_update(progress *p, long done);
/* Clears the line. */
void progress_end(progress *p);

#endif
