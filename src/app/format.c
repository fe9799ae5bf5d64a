/*
 * format.c: screen number formatting shared by the HUD and the worked
 * examples.
 */
#include "app/format.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void format_minus(char *out, size_t n, const char *ascii)
{
    size_t j = 0;
    for (size_t i = 0; ascii[i] && j + 4 < n; i++) {
        if (ascii[i] == '-') {
            memcpy(out + j, "\xe2\x88\x92", 3);
            j += 3;
        } else {
            out[j++] = ascii[i];
        }
    }
    if (n > 0)
        out[j < n ? j : n - 1] = '\0';
}

void format_sig(char *out, size_t n, double v, int digits)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.*g", digits, v);
    format_minus(out, n, buf);
}

/* Formats v for the HUD: fixed with 6 decimals in [1e-3, 1e5), else
 * scientific with 4; a true minus sign. */
void format_num(char *out, size_t n, double v)
{
    char buf[64];
    if (isnan(v))
        snprintf(buf, sizeof buf, "NaN");
    else if (isinf(v))
        snprintf(buf, sizeof buf, "%sinf", v > 0 ? "+" : "-");
    else if (v == 0.0 || (fabs(v) >= 1e-3 && fabs(v) < 1e5))
        snprintf(buf, sizeof buf, "%.6f", v);
    else
        snprintf(buf, sizeof buf, "%.4e", v);
    format_minus(out, n, buf);
}

void format_roundtrip(char *out, size_t n, double v)
{
    for (int digits = 6; digits <= 17; digits++) {
        snprintf(out, n, "%.*g", digits, v);
        if (strtod(out, NULL) == v)
            return;
    }
}
