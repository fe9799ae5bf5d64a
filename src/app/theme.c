/*
 * theme.c: the three palettes. Dark keeps the look the lessons were tuned
 * on; light uses darker shades of the Okabe-Ito hues (yellow and white
 * vanish on white paper); high-contrast uses pure black and the brightest
 * members, with strokes 1.5 times as wide for projectors that blur thin
 * lines. Two rules hold in every theme (tests/test_theme.c): every color
 * text is drawn in has a WCAG contrast of at least 4.5:1 on the background,
 * the panel and the highlighted row; and no runner color is within CIELAB
 * distance 25 of the curve, companion, mark, accent, text (the start ring)
 * or error color, so a runner never vanishes into what it runs on. Eight
 * runners need more hues than Okabe-Ito's eight minus those six: the rest
 * come from Paul Tol's "bright" and "vibrant" schemes.
 */
#include "app/theme.h"

#include "core/nls.h"

#include <math.h>
#include <string.h>

#define C(r, g, b) {(r) / 255.0f, (g) / 255.0f, (b) / 255.0f, 1.0f}
#define CA(r, g, b, a) {(r) / 255.0f, (g) / 255.0f, (b) / 255.0f, (a)}

static const theme THEMES[THEME_COUNT] = {
    [THEME_DARK] = {
        .name = N_("dark"),
        .bg = C(18, 20, 26), .panel = C(30, 33, 42), .panel_hi = C(44, 48, 60),
        .axis = C(200, 204, 212), .grid = C(44, 48, 58), .text = C(236, 238, 242),
        .dim = C(160, 166, 178),
        .landscape = C(86, 180, 233), .companion = C(230, 159, 0), .mark = C(30, 185, 135),
        .accent = C(240, 228, 66), .bad = C(255, 120, 100), .wire = CA(236, 238, 242, 0.45f),
        .runners = {C(213, 94, 0), C(204, 121, 167), C(34, 136, 51), C(150, 100, 255),
                    C(120, 200, 200), C(0, 119, 187), C(100, 100, 100), C(255, 180, 120)},
        .stroke = 1.0f,
    },
    [THEME_LIGHT] = {
        .name = N_("light"),
        .bg = C(250, 250, 247), .panel = C(234, 235, 238), .panel_hi = C(220, 224, 232),
        .axis = C(50, 52, 60), .grid = C(218, 220, 226), .text = C(16, 18, 24),
        .dim = C(72, 76, 88),
        .landscape = C(0, 90, 150), .companion = C(140, 80, 0), .mark = C(0, 110, 80),
        .accent = C(105, 40, 150), .bad = C(175, 30, 10), .wire = CA(16, 18, 24, 0.40f),
        .runners = {C(213, 94, 0), C(150, 100, 255), C(34, 136, 51), C(150, 60, 100),
                    C(90, 60, 20), C(120, 120, 120), C(238, 51, 119), C(200, 80, 200)},
        .stroke = 1.0f,
    },
    [THEME_HIGH_CONTRAST] = {
        .name = N_("high-contrast"),
        .bg = C(0, 0, 0), .panel = C(16, 16, 16), .panel_hi = C(45, 45, 45),
        .axis = C(255, 255, 255), .grid = C(70, 70, 70), .text = C(255, 255, 255),
        .dim = C(210, 210, 210),
        .landscape = C(86, 180, 233), .companion = C(230, 159, 0), .mark = C(0, 200, 140),
        .accent = C(255, 240, 60), .bad = C(255, 130, 110), .wire = CA(255, 255, 255, 0.6f),
        .runners = {C(255, 110, 20), C(230, 140, 190), C(34, 136, 51), C(150, 100, 255),
                    C(0, 114, 178), C(204, 187, 68), C(120, 200, 200), C(170, 110, 60)},
        .stroke = 1.5f,
    },
};

const theme *theme_get(theme_kind kind)
{
    if ((int)kind < 0 || kind >= THEME_COUNT)
        kind = THEME_DARK;
    return &THEMES[kind];
}

bool theme_parse(const char *name, theme_kind *out)
{
    for (int k = 0; k < THEME_COUNT; k++) {
        if (name && strcmp(name, THEMES[k].name) == 0) {
            *out = (theme_kind)k;
            return true;
        }
    }
    return false;
}

/* sRGB component to linear light (IEC 61966-2-1). */
static double linear(float c)
{
    return c <= 0.04045f ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(rgba c)
{
    return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

double theme_contrast(rgba a, rgba b)
{
    const double la = luminance(a), lb = luminance(b);
    return (fmax(la, lb) + 0.05) / (fmin(la, lb) + 0.05);
}

static double lab_f(double t)
{
    return t > 0.008856 ? cbrt(t) : 7.787 * t + 16.0 / 116.0;
}

static void to_lab(rgba c, double lab[3])
{
    const double r = linear(c.r), g = linear(c.g), b = linear(c.b);
    const double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    const double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    const double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    lab[0] = 116.0 * lab_f(y) - 16.0;
    lab[1] = 500.0 * (lab_f(x) - lab_f(y));
    lab[2] = 200.0 * (lab_f(y) - lab_f(z));
}

double theme_distance(rgba a, rgba b)
{
    double p[3], q[3];
    to_lab(a, p);
    to_lab(b, q);
    return sqrt((p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) * (p[1] - q[1]) +
                (p[2] - q[2]) * (p[2] - q[2]));
}
