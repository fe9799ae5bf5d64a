/*
 * format.c: screen number formatting shared by the HUD and the worked
 * examples.
 */
#include "app/format.h"

#include <stdio.h>
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
