/*
 * test_textline.c: the formula line's editor: insertion at the cursor,
 * cursor moves, deletion at both sides, the length limit, non-printable
 * input dropped, and history recall with the draft kept.
 */
#include "app/textline.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

static void test_edit(void **state)
{
    (void)state;
    static textline t;
    memset(&t, 0, sizeof t);
    textline_set(&t, "x*cos(x)");
    assert_int_equal(t.cursor, 8);
    textline_edit(&t, TEXTLINE_HOME);
    for (int i = 0; i < 6; i++)
        textline_edit(&t, TEXTLINE_RIGHT);
    assert_true(textline_insert(&t, "pi*"));
    assert_string_equal(t.text, "x*cos(pi*x)");
    assert_int_equal(t.cursor, 9);
    textline_edit(&t, TEXTLINE_BACKSPACE);
    assert_string_equal(t.text, "x*cos(pix)");
    textline_edit(&t, TEXTLINE_DELETE);
    assert_string_equal(t.text, "x*cos(pi)");
    textline_edit(&t, TEXTLINE_END);
    textline_edit(&t, TEXTLINE_DELETE); /* nothing at the end */
    textline_edit(&t, TEXTLINE_RIGHT);
    assert_int_equal(t.cursor, t.len);
    textline_edit(&t, TEXTLINE_HOME);
    textline_edit(&t, TEXTLINE_BACKSPACE); /* nothing before the start */
    textline_edit(&t, TEXTLINE_LEFT);
    assert_int_equal(t.cursor, 0);
    assert_string_equal(t.text, "x*cos(pi)");
    assert_true(textline_insert(&t, "\t\xc3\xa9-")); /* tab and é dropped */
    assert_string_equal(t.text, "-x*cos(pi)");
    assert_int_equal((int)strlen(t.text), t.len);
}

static void test_limit(void **state)
{
    (void)state;
    static textline t;
    memset(&t, 0, sizeof t);
    char big[TEXTLINE_MAX + 20];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    textline_set(&t, big);
    assert_int_equal(t.len, TEXTLINE_MAX - 1);
    assert_false(textline_insert(&t, "y"));
    assert_int_equal(t.len, TEXTLINE_MAX - 1);
    assert_int_equal((int)strlen(t.text), TEXTLINE_MAX - 1);
}

static void test_history(void **state)
{
    (void)state;
    static textline t;
    memset(&t, 0, sizeof t);
    textline_recall(&t, -1); /* empty history: nothing happens */
    assert_string_equal(t.text, "");
    textline_set(&t, "x^2");
    textline_remember(&t);
    textline_remember(&t); /* the same twice is kept once */
    textline_set(&t, "x^4 - x^2");
    textline_remember(&t);
    assert_int_equal(t.n_history, 2);
    textline_set(&t, "tanh(");
    textline_recall(&t, -1);
    assert_string_equal(t.text, "x^4 - x^2");
    textline_recall(&t, -1);
    assert_string_equal(t.text, "x^2");
    textline_recall(&t, -1); /* at the oldest: stays */
    assert_string_equal(t.text, "x^2");
    textline_recall(&t, +1);
    textline_recall(&t, +1);
    assert_string_equal(t.text, "tanh("); /* the draft comes back */
    for (int i = 0; i < TEXTLINE_HISTORY + 5; i++) {
        char f[32];
        snprintf(f, sizeof f, "x^%d", i);
        textline_set(&t, f);
        textline_remember(&t);
    }
    assert_int_equal(t.n_history, TEXTLINE_HISTORY);
    assert_string_equal(t.history[0], "x^5");
    assert_string_equal(t.history[TEXTLINE_HISTORY - 1], "x^20");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_edit),
        cmocka_unit_test(test_limit),
        cmocka_unit_test(test_history),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
