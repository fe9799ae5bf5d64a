/*
 * i18n.h: the window's language. Every user-visible string of the window
 * goes through _() (or _n() where a count decides the form, C_() where the
 * same English word needs two translations); N_() marks a string in a table
 * for the catalog without translating it there (it is translated where it
 * is drawn). English is the source language: its strings are the msgids of
 * the gettext catalogs in po/ (po/optiviz.pot, po/LANG.po).
 *
 * The catalog lookup lives in i18n.c alone (glibc's libintl on the
 * desktop), so a front end without libintl swaps that one file. Switching
 * the language never touches LC_NUMERIC: numbers print as "1.5" in every
 * language.
 */
#ifndef OPTIVIZ_APP_I18N_H
#define OPTIVIZ_APP_I18N_H

#include "core/nls.h" /* N_() */

#include <stdbool.h>
#include <stddef.h>

#define I18N_CODE_MAX 16

/* Lets the compiler check printf arguments against a translated format. */
#if defined(__GNUC__)
#define I18N_FORMAT_ARG(i) __attribute__((format_arg(i)))
#else
#define I18N_FORMAT_ARG(i)
#endif /* "ko", "zh_CN", "pt_BR"... with room to spare */

/* Binds the catalog: the directory holding LANG/LC_MESSAGES/optiviz.mo is
 * OPTIVIZ_LOCALEDIR when set, else an installed copy's beside the binary,
 * else the build tree's po/ (an uninstalled optiviz), else the install
 * prefix's locale directory. Call once at start;
 * safe to call again. The language is English until i18n_set. */
void i18n_init(void);

/* The directory i18n_init bound the catalogs to ("" before it). */
const char *i18n_localedir(void);

/* Makes code ("en", "ko", any language of i18n_languages) the language of
 * _(); false (language unchanged) for a code optiviz has no catalog for. */
bool i18n_set(const char *code);

/* The current language's code ("en" at start). */
const char *i18n_lang(void);

/* The languages optiviz speaks, English first, then po/LINGUAS's order:
 * out[i] points at static strings; returns the count (<= max). */
int i18n_languages(const char **out, int max);

/* The code of a known language that a language tag names ("ko",
 * "ko_KR.UTF-8", "ko-KR" -> "ko"; "en_US" -> "en"), or NULL. */
const char *i18n_match(const char *tag);

/* The language the system asks for: the first of LANGUAGE's entries,
 * LC_ALL, LC_MESSAGES and LANG that names a known language ("en" when none
 * does, or when the first set one is "C" or "POSIX"). */
const char *i18n_from_environment(void);

/* The next language after the current one (L), wrapping to English. */
const char *i18n_next(void);

/* msgid in the current language (msgid itself in English or when the
 * catalog lacks it). The result stays valid for the program's life. */
const char *i18n_text(const char *msgid) I18N_FORMAT_ARG(1);
/* The singular or plural form for count n (the language's plural rule). */
const char *i18n_ntext(const char *singular, const char *plural, unsigned long n)
    I18N_FORMAT_ARG(1) I18N_FORMAT_ARG(2);
/* msgid as used in context ctx (a word that is translated differently in
 * two places, e.g. "left" a domain vs "left" a direction). */
const char *i18n_ptext(const char *ctx, const char *msgid) I18N_FORMAT_ARG(2);

#define _(s) i18n_text(s)
#define _n(s, p, n) i18n_ntext((s), (p), (unsigned long)(n))
#define C_(ctx, s) i18n_ptext((ctx), (s))

#endif
