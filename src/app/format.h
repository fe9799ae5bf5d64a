/*
 * format.h: numbers as the screen shows them, with a true minus sign
 * (U+2212, the width of a plus sign, so columns of numbers line up).
 */
#ifndef OPTIVIZ_APP_FORMAT_H
#define OPTIVIZ_APP_FORMAT_H

#include <stddef.h>

/* Copies ascii into out (n bytes, always terminated), each '-' as U+2212. */
void format_minus(char *out, size_t n, const char *ascii);
/* v with printf's "%.*g" and the given significant digits, true minus. */
void format_sig(char *out, size_t n, double v, int digits);

/* v for the HUD: fixed with 6 decimals in [1e-3, 1e5) or 0, else
 * scientific with 4; NaN, +inf, -inf spelled out; a true minus sign. */
void format_num(char *out, size_t n, double v);

/* v in ASCII with the fewest significant digits (6 to 17, "%.*g") that
 * read back as exactly v: what an editable field shows, so Enter gives the
 * same number (0.5 stays "0.5"; 1.0000001 is not rounded to "1"). */
void format_roundtrip(char *out, size_t n, double v);

#endif
