/*
 * test_i18n_unit.c: src/app/i18n.c on the build's Korean catalog: language
 * tags, the choice from the environment (LANGUAGE, LC_ALL, LC_MESSAGES,
 * LANG), switching back and forth live, plural forms and contexts, and
 * numbers printed the same in every language ("1.5", never "1,5").
 */
#include "app/i18n.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static void clear_env(void)
{
    unsetenv("LANGUAGE");
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    unsetenv("LANG");
}

static void test_match(void **state)
{
    (void)state;
    assert_string_equal(i18n_match("ko"), "ko");
    assert_string_equal(i18n_match("ko_KR.UTF-8"), "ko");
    assert_string_equal(i18n_match("ko-KR"), "ko");
    assert_string_equal(i18n_match("en_US.UTF-8"), "en");
    assert_string_equal(i18n_match("en"), "en");
    assert_null(i18n_match("xx"));
    assert_null(i18n_match(""));
    assert_null(i18n_match(NULL));
    const char *codes[8];
    const int n = i18n_languages(codes, 8);
    assert_true(n >= 2);
    assert_string_equal(codes[0], "en");
}

static void test_environment(void **state)
{
    (void)state;
    clear_env();
    assert_string_equal(i18n_from_environment(), "en");
    setenv("LANG", "ko_KR.UTF-8", 1);
    assert_string_equal(i18n_from_environment(), "ko"); /* LANG=ko_KR.UTF-8 starts Korean */
    setenv("LC_ALL", "C", 1);
    assert_string_equal(i18n_from_environment(), "en"); /* LC_ALL wins, and C means English */
    clear_env();
    setenv("LANG", "de_DE.UTF-8", 1);
    assert_string_equal(i18n_from_environment(), "en"); /* no German catalog */
    setenv("LANGUAGE", "fr:ko:en", 1);
    assert_string_equal(i18n_from_environment(), "ko"); /* the first known of LANGUAGE */
    setenv("LC_MESSAGES", "ko_KR.UTF-8", 1);
    unsetenv("LANGUAGE");
    assert_string_equal(i18n_from_environment(), "ko");
    clear_env();
}

static void test_switch(void **state)
{
    (void)state;
    i18n_init();
    assert_string_equal(i18n_lang(), "en");
    assert_string_equal(_("saddle point"), "saddle point");
    assert_true(i18n_set("ko"));
    assert_string_equal(i18n_lang(), "ko");
    assert_string_equal(_("saddle point"), "안장점");
    assert_string_equal(_("local minimum"), "국소 최솟값");
    assert_string_equal(_("Hessian"), "헤시안 행렬");
    assert_string_equal(C_("switch", "on"), "켬");
    assert_string_equal(C_("domain", "on"), "정의역");
    assert_string_equal(_("not a message of the catalog"), "not a message of the catalog");
    char buf[128];
    snprintf(buf, sizeof buf, _n("at most %d runner", "at most %d runners", 8), 8);
    assert_string_equal(buf, "러너는 최대 8개입니다");
    /* reordered arguments (%2$s) in the translation */
    snprintf(buf, sizeof buf, _("step %ld of %s (T: leave, Right: next step)"), 12L, "adam");
    assert_string_equal(buf, "adam의 12단계 (T: 나가기, Right: 다음 단계)");
    assert_string_equal(i18n_next(), "en");
    assert_false(i18n_set("xx"));
    assert_string_equal(i18n_lang(), "ko"); /* unchanged */
    assert_true(i18n_set("en"));
    assert_string_equal(_("saddle point"), "saddle point");
    snprintf(buf, sizeof buf, _n("at most %d runner", "at most %d runners", 1), 1);
    assert_string_equal(buf, "at most 1 runner");
    assert_true(i18n_set("ko_KR.UTF-8"));
    assert_string_equal(_("saddle point"), "안장점"); /* and back, live */
    i18n_set("en");
}

static void test_numbers(void **state)
{
    (void)state;
    /* the environment names a locale for every category (de_DE's decimal
     * point is a comma where it is installed; C.UTF-8 is always there):
     * only LC_MESSAGES may follow it, LC_NUMERIC stays "C" */
    setenv("LC_ALL", setlocale(LC_ALL, "de_DE.UTF-8") ? "de_DE.UTF-8" : "C.UTF-8", 1);
    setlocale(LC_ALL, "C");
    i18n_init();
    assert_string_not_equal(setlocale(LC_MESSAGES, NULL), "C");
    assert_true(i18n_set("ko"));
    char buf[32];
    snprintf(buf, sizeof buf, "%.1f %g", 1.5, 0.25);
    assert_string_equal(buf, "1.5 0.25");
    assert_string_equal(localeconv()->decimal_point, ".");
    assert_string_equal(setlocale(LC_NUMERIC, NULL), "C");
    assert_true(i18n_set("en"));
    snprintf(buf, sizeof buf, "%.1f", 1.5);
    assert_string_equal(buf, "1.5");
    clear_env();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_match),
        cmocka_unit_test(test_environment),
        cmocka_unit_test(test_switch),
        cmocka_unit_test(test_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
