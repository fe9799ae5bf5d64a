/*
 * landscape_parse.c: the one number parser of optiviz (landscape.h):
 * decimal, finite numbers filling their text but for spaces; whole numbers
 * and domains "A:B[,C:D]" built on it. Every option, the formula line's
 * domain, scene and settings files read their numbers here.
 */
#include "core/landscape.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool landscape_parse_number(const char *s, double *out)
{
    /* decimal only: strtod would also read hexadecimal ("0x10", "0x1p3"),
     * which no option or file means */
    const char *p = s;
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '+' || *p == '-')
        p++;
    if (*p == '0' && (p[1] == 'x' || p[1] == 'X'))
        return false;
    char *end = NULL;
    errno = 0;
    const double v = strtod(s, &end);
    while (end && isspace((unsigned char)*end))
        end++;
    if (s[0] == '\0' || end == s || *end != '\0' ||
        (errno == ERANGE && fabs(v) == HUGE_VAL) || !isfinite(v))
        return false;
    *out = v;
    return true;
}

int landscape_parse_whole(const char *s, double lo, double hi, double *out)
{
    double v;
    if (!landscape_parse_number(s, &v))
        return 1;
    if (v != floor(v))
        return 2;
    if (v < lo || v > hi)
        return 3;
    *out = v;
    return 0;
}

bool landscape_parse_domain(const char *s, double *lo, double *hi, int *count, char *why,
                            size_t n)
{
    char buf[256];
    *count = 0;
    if (strlen(s) >= sizeof buf) {
        snprintf(why, n, "value too long");
        return false;
    }
    memcpy(buf, s, strlen(s) + 1);
    char *range = buf;
    for (;;) {
        char *comma = strchr(range, ',');
        if (comma)
            *comma = '\0';
        char *colon = strchr(range, ':');
        if (*count == 2 || !colon || strchr(colon + 1, ':')) {
            snprintf(why, n, "'%s' is not A:B or A:B,C:D (e.g. -1:2 or -5:5,-5:5)", s);
            return false;
        }
        *colon = '\0';
        double a, b;
        if (!landscape_parse_number(range, &a) || !landscape_parse_number(colon + 1, &b)) {
            snprintf(why, n, "'%s' has a range whose ends are not both finite numbers", s);
            return false;
        }
        if (!(a < b)) {
            snprintf(why, n, "'%s' has a range %.17g:%.17g whose start is not below its end", s,
                     a, b);
            return false;
        }
        if (!isfinite(b - a) || b - a > 1e12) {
            snprintf(why, n, "'%s' has a range wider than 1e12, too wide to plot or search", s);
            return false;
        }
        if (b - a < 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)))) {
            snprintf(why, n, "'%s' has a range narrower than its numbers can resolve (a width "
                             "of at least 1e-9 of its ends is needed)", s);
            return false;
        }
        lo[*count] = a;
        hi[*count] = b;
        (*count)++;
        if (!comma)
            return true;
        range = comma + 1;
    }
}
