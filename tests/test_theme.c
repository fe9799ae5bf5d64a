/*
 * test_theme.c: the colors a class reads. In every theme every color text
 * is drawn in (text, dim, accent, mark, companion, bad, landscape: HUD
 * rows, status words in their tone, labels of points and curves) has a WCAG
 * 2 contrast of at least 4.5:1 (AA) on the background, the panel and the
 * highlighted row; no runner color is within CIELAB distance 25 of the
 * curve, companion, mark, accent, text (start ring) or error colors, and
 * the runners differ from each other by at least 20. The formulas are
 * checked on known values first (black on white 21:1, #777 on white
 * 4.48:1, CIELAB of pure red L 53.24 a 80.09 b 67.20).
 */
#include "app/theme.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#define RGB(r, g, b) ((rgba){(r) / 255.0f, (g) / 255.0f, (b) / 255.0f, 1.0f})

static void test_formulas(void **state)
{
    (void)state;
    assert_float_equal(theme_contrast(RGB(0, 0, 0), RGB(255, 255, 255)), 21.0, 1e-9);
    assert_float_equal(theme_contrast(RGB(255, 255, 255), RGB(0, 0, 0)), 21.0, 1e-9);
    /* #777777 on white: the classic just-fails-AA gray, 4.478 */
    assert_float_equal(theme_contrast(RGB(0x77, 0x77, 0x77), RGB(255, 255, 255)), 4.478, 0.001);
    /* pure red against black in CIELAB: L* 53.24, a* 80.09, b* 67.20 */
    assert_float_equal(theme_distance(RGB(255, 0, 0), RGB(0, 0, 0)),
                       sqrt(53.24 * 53.24 + 80.09 * 80.09 + 67.20 * 67.20), 0.2);
    assert_float_equal(theme_distance(RGB(10, 20, 30), RGB(10, 20, 30)), 0.0, 0);
}

static void test_text_contrast(void **state)
{
    (void)state;
    for (int k = 0; k < THEME_COUNT; k++) {
        const theme *t = theme_get((theme_kind)k);
        const struct {
            const char *name;
            rgba c;
        } fg[] = {{"text", t->text},     {"dim", t->dim},   {"accent", t->accent},
                  {"mark", t->mark},     {"companion", t->companion},
                  {"bad", t->bad},       {"landscape", t->landscape}};
        const struct {
            const char *name;
            rgba c;
        } bg[] = {{"bg", t->bg}, {"panel", t->panel}, {"panel_hi", t->panel_hi}};
        for (size_t i = 0; i < sizeof fg / sizeof fg[0]; i++)
            for (size_t j = 0; j < sizeof bg / sizeof bg[0]; j++) {
                const double c = theme_contrast(fg[i].c, bg[j].c);
                if (c < 4.5)
                    fail_msg("%s: %s on %s has contrast %.2f:1 < 4.5:1", t->name, fg[i].name,
                             bg[j].name, c);
            }
    }
}

static void test_runner_colors_stand_out(void **state)
{
    (void)state;
    for (int k = 0; k < THEME_COUNT; k++) {
        const theme *t = theme_get((theme_kind)k);
        const struct {
            const char *name;
            rgba c;
        } role[] = {{"curve", t->landscape}, {"companion", t->companion}, {"mark", t->mark},
                    {"accent", t->accent},   {"start ring", t->text},     {"bad", t->bad}};
        for (int i = 0; i < THEME_RUNNER_COLORS; i++) {
            for (size_t j = 0; j < sizeof role / sizeof role[0]; j++) {
                const double d = theme_distance(t->runners[i], role[j].c);
                if (d < 25.0)
                    fail_msg("%s: runner %d is %.1f from the %s color", t->name, i + 1, d,
                             role[j].name);
            }
            for (int m = i + 1; m < THEME_RUNNER_COLORS; m++) {
                const double d = theme_distance(t->runners[i], t->runners[m]);
                if (d < 20.0)
                    fail_msg("%s: runners %d and %d are %.1f apart", t->name, i + 1, m + 1, d);
            }
            /* a marker on the plot's background: WCAG's 3:1 for graphics */
            if (theme_contrast(t->runners[i], t->bg) < 3.0)
                fail_msg("%s: runner %d has contrast %.2f on the background", t->name, i + 1,
                         theme_contrast(t->runners[i], t->bg));
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formulas),
        cmocka_unit_test(test_text_contrast),
        cmocka_unit_test(test_runner_colors_stand_out),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
