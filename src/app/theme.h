/*
 * theme.h: the display themes a teacher picks for the room: dark (the
 * default, for screens), light (for bright rooms and printouts) and
 * high-contrast (washed-out projectors: pure black, saturated lines, thicker
 * strokes). The role colors are Okabe-Ito hues ("Color Universal Design",
 * 2008), distinguishable with the common color-vision deficiencies, in the
 * shades that contrast with the theme's background; see theme.c for the
 * contrast and distinctness rules every theme meets.
 */
#ifndef OPTIVIZ_APP_THEME_H
#define OPTIVIZ_APP_THEME_H

#include "render/renderer.h"

#include <stdbool.h>

#define THEME_RUNNER_COLORS 8

typedef enum theme_kind {
    THEME_DARK = 0,
    THEME_LIGHT,
    THEME_HIGH_CONTRAST,
    THEME_COUNT,
} theme_kind;

typedef struct theme {
    const char *name;   /* "dark", "light", "high-contrast" */
    rgba bg, panel, panel_hi; /* window, HUD column, highlighted row */
    rgba axis, grid, text, dim;
    rgba landscape;     /* the lesson's curve */
    rgba companion;     /* the curve drawn with it (risk in lesson 1) */
    rgba mark;          /* marked points (minima) */
    rgba accent;        /* messages, the selected hyperparameter */
    rgba bad;           /* negative eigenvalues, errors */
    rgba wire;          /* 3D wireframe lines (alpha included) */
    rgba runners[THEME_RUNNER_COLORS];
    float stroke;       /* line-width factor: 1, or more for projectors */
} theme;

/* c with its alpha replaced by a (0 transparent .. 1 opaque). */
static inline rgba rgba_alpha(rgba c, float a)
{
    c.a = a;
    return c;
}

/* The theme of kind (clamped to a valid one). */
const theme *theme_get(theme_kind kind);
/* Kind named name ("dark", "light", "high-contrast"); false when unknown. */
bool theme_parse(const char *name, theme_kind *out);

/* WCAG 2.x contrast ratio of two opaque colors, (L1 + 0.05) / (L2 + 0.05)
 * with L the relative luminance of the sRGB color; 1 .. 21. */
double theme_contrast(rgba a, rgba b);
/* CIE76 distance of two colors in CIELAB (D65): about 2.3 is just
 * noticeable, 25 clearly different at a glance. */
double theme_distance(rgba a, rgba b);

#endif
