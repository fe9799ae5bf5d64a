/*
 * cli_values.c: one command-line value of each kind (number, whole number,
 * size, point, domain, milestones, boolean), every number read by
 * landscape_parse_number, the parser of domains and scene files too.
 */
#include "app/cli_internal.h"
#include "app/layout.h"

#include <stdio.h>
#include <string.h>

/* Every number of the command line goes through landscape_parse_number,
 * the parser of scene files and domains too. */
bool cli_parse_double(const char *opt, const char *s, double *out, char *err, size_t n)
{
    if (landscape_parse_number(s, out))
        return true;
    snprintf(err, n, "%s: '%s' is not a finite number", opt, s);
    return false;
}

bool cli_parse_long(const char *opt, const char *s, long long lo, long long hi,
                       long long *out, char *err, size_t n)
{
    double v = 0.0;
    switch (landscape_parse_whole(s, (double)lo, (double)hi, &v)) {
    case 0:
        *out = (long long)v;
        return true;
    case 3:
        snprintf(err, n, "%s: %s is out of range [%lld, %lld]", opt, s, lo, hi);
        return false;
    default:
        snprintf(err, n, "%s: '%s' is not a whole number", opt, s);
        return false;
    }
}

/* "WxH" with whole numbers from LAYOUT_MIN_W x LAYOUT_MIN_H (the smallest
 * window the layout fits) to 16384. */
bool cli_parse_size(const char *s, int *w, int *h, char *err, size_t n)
{
    char buf[64];
    const char *x = strpbrk(s, "xX");
    double a = 0.0, b = 0.0;
    if (!x || strlen(s) >= sizeof buf || (size_t)(x - s) >= sizeof buf) {
        snprintf(err, n, "--size: '%s' is not WIDTHxHEIGHT (e.g. 1920x1080)", s);
        return false;
    }
    snprintf(buf, sizeof buf, "%.*s", (int)(x - s), s);
    const int ra = landscape_parse_whole(buf, LAYOUT_MIN_W, 16384, &a);
    const int rb = landscape_parse_whole(x + 1, LAYOUT_MIN_H, 16384, &b);
    if (ra == 1 || ra == 2 || rb == 1 || rb == 2) {
        snprintf(err, n, "--size: '%s' is not WIDTHxHEIGHT (e.g. 1920x1080)", s);
        return false;
    }
    if (ra == 3 || rb == 3) {
        snprintf(err, n,
                 "--size: %s is outside %dx%d (the smallest the layout fits) .. 16384x16384", s,
                 LAYOUT_MIN_W, LAYOUT_MIN_H);
        return false;
    }
    *w = (int)a;
    *h = (int)b;
    return true;
}

/* Parses "X" or "X,Y" into start; count gets the number of coordinates. */
bool cli_parse_start(const char *s, double *start, int *count, char *err, size_t n)
{
    char buf[256];
    if (strlen(s) >= sizeof buf) {
        snprintf(err, n, "--start: value too long");
        return false;
    }
    strcpy(buf, s);
    char *comma = strchr(buf, ',');
    *count = 1;
    if (comma) {
        *comma = '\0';
        *count = 2;
        if (strchr(comma + 1, ',')) {
            snprintf(err, n, "--start: '%s' has more than two coordinates", s);
            return false;
        }
        if (!cli_parse_double("--start", comma + 1, &start[1], err, n))
            return false;
    }
    return cli_parse_double("--start", buf, &start[0], err, n);
}

bool cli_parse_domain(const char *s, double *lo, double *hi, int *count, char *err, size_t n)
{
    char why[400];
    if (!landscape_parse_domain(s, lo, hi, count, why, sizeof why)) {
        snprintf(err, n, "--domain: %s", why);
        return false;
    }
    return true;
}

bool cli_parse_milestones(const char *s, schedule *sched, char *err, size_t n)
{
    sched->n_milestones = 0;
    const char *p = s;
    while (*p) {
        const char *comma = strchr(p, ',');
        const size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char item[64];
        double v = 0.0;
        if (len >= sizeof item ||
            (snprintf(item, sizeof item, "%.*s", (int)len, p),
             landscape_parse_whole(item, 0, 100000000, &v) != 0)) {
            snprintf(err, n, "--milestones: '%s' is not a list of steps like 15,30", s);
            return false;
        }
        if (sched->n_milestones == SCHEDULE_MAX_MILESTONES) {
            snprintf(err, n, "--milestones: at most %d milestones", SCHEDULE_MAX_MILESTONES);
            return false;
        }
        sched->milestones[sched->n_milestones++] = (long)v;
        p = comma ? comma + 1 : p + len;
    }
    if (sched->n_milestones == 0) {
        snprintf(err, n, "--milestones: empty list");
        return false;
    }
    return true;
}

bool cli_parse_bool(const char *opt, const char *v, double *out, char *err, size_t n)
{
    if (!v || strcmp(v, "1") == 0 || strcmp(v, "true") == 0) {
        *out = 1.0;
        return true;
    }
    if (strcmp(v, "0") == 0 || strcmp(v, "false") == 0) {
        *out = 0.0;
        return true;
    }
    snprintf(err, n, "%s: '%s' is not 0, 1, true or false", opt, v);
    return false;
}
