/*
 * theme.c: the three palettes. Dark keeps the look the lessons were tuned
 * on; light swaps to the dark members of Okabe-Ito (yellow and white vanish
 * on white paper); high-contrast uses pure black and the brightest members,
 * with strokes 1.5 times as wide for projectors that blur thin lines.
 */
#include "app/theme.h"

#include "core/nls.h"

#include <string.h>

#define C(r, g, b) {(r) / 255.0f, (g) / 255.0f, (b) / 255.0f, 1.0f}
#define CA(r, g, b, a) {(r) / 255.0f, (g) / 255.0f, (b) / 255.0f, (a)}

static const theme THEMES[THEME_COUNT] = {
    [THEME_DARK] = {
        .name = N_("dark"),
        .bg = C(18, 20, 26), .panel = C(30, 33, 42), .panel_hi = C(48, 52, 66),
        .axis = C(200, 204, 212), .grid = C(44, 48, 58), .text = C(236, 238, 242),
        .dim = C(150, 156, 168),
        .landscape = C(86, 180, 233), .companion = C(230, 159, 0), .mark = C(0, 158, 115),
        .accent = C(240, 228, 66), .bad = C(255, 110, 90), .wire = CA(236, 238, 242, 0.45f),
        .runners = {C(213, 94, 0), C(204, 121, 167), C(240, 228, 66), C(0, 158, 115),
                    C(86, 180, 233), C(230, 159, 0), C(0, 114, 178), C(245, 245, 245)},
        .stroke = 1.0f,
    },
    [THEME_LIGHT] = {
        .name = N_("light"),
        .bg = C(250, 250, 247), .panel = C(234, 235, 238), .panel_hi = C(210, 214, 224),
        .axis = C(50, 52, 60), .grid = C(218, 220, 226), .text = C(16, 18, 24),
        .dim = C(88, 92, 104),
        .landscape = C(0, 114, 178), .companion = C(230, 159, 0), .mark = C(0, 158, 115),
        .accent = C(160, 90, 0), .bad = C(200, 40, 20), .wire = CA(16, 18, 24, 0.40f),
        .runners = {C(213, 94, 0), C(204, 121, 167), C(0, 114, 178), C(0, 158, 115),
                    C(86, 180, 233), C(230, 159, 0), C(120, 120, 120), C(16, 18, 24)},
        .stroke = 1.0f,
    },
    [THEME_HIGH_CONTRAST] = {
        .name = N_("high-contrast"),
        .bg = C(0, 0, 0), .panel = C(16, 16, 16), .panel_hi = C(60, 60, 60),
        .axis = C(255, 255, 255), .grid = C(70, 70, 70), .text = C(255, 255, 255),
        .dim = C(210, 210, 210),
        .landscape = C(86, 180, 233), .companion = C(230, 159, 0), .mark = C(0, 200, 140),
        .accent = C(255, 240, 60), .bad = C(255, 90, 60), .wire = CA(255, 255, 255, 0.6f),
        .runners = {C(255, 110, 20), C(230, 140, 190), C(255, 240, 60), C(0, 200, 140),
                    C(86, 180, 233), C(230, 159, 0), C(60, 150, 255), C(255, 255, 255)},
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
