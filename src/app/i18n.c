/*
 * i18n.c: the catalog lookup behind _() on glibc's libintl. The catalogs
 * are OPTIVIZ_LOCALEDIR's, else an installed copy's beside the binary
 * (bindir/../share/locale), else the build tree's, else the install
 * prefix's. Only
 * LC_MESSAGES is set from the environment (never LC_ALL or LC_NUMERIC, so
 * printf keeps the '.' decimal point); the language itself is chosen with
 * the LANGUAGE variable, which glibc consults whenever LC_MESSAGES is not
 * "C" ("C.UTF-8" is used when the system's is). After LANGUAGE changes,
 * textdomain() tells libintl to drop the translations it has cached, so a
 * switch takes effect at the next lookup. Catalogs are read as UTF-8
 * whatever the locale's character set (bind_textdomain_codeset).
 */
#include "app/i18n.h"

#include "app/paths.h"

#include "optiviz_config.h"

#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DOMAIN "optiviz"
#define MAX_LANGS 32

static struct {
    bool bound;
    char dir[4096]; /* the catalogs' directory */
    int n_langs;
    char langs[MAX_LANGS][I18N_CODE_MAX]; /* [0] is "en" */
    int current;                          /* index into langs */
} g;

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The languages: "en" and OPTIVIZ_LANGUAGES (po/LINGUAS, space separated). */
static void list_languages(void)
{
    g.n_langs = 0;
    snprintf(g.langs[g.n_langs++], I18N_CODE_MAX, "en");
    const char *s = OPTIVIZ_LANGUAGES;
    while (*s && g.n_langs < MAX_LANGS) {
        while (*s == ' ')
            s++;
        const size_t n = strcspn(s, " ");
        if (n > 0 && n < I18N_CODE_MAX)
            snprintf(g.langs[g.n_langs++], I18N_CODE_MAX, "%.*s", (int)n, s);
        s += n;
    }
}

void i18n_init(void)
{
    if (g.n_langs == 0)
        list_languages();
    static char beside[4096];
    const char *dir = getenv("OPTIVIZ_LOCALEDIR");
    if (!dir || !dir[0])
        dir = paths_beside_binary(OPTIVIZ_LOCALE_REL_DIR, beside, sizeof beside);
    if (!dir)
        dir = is_dir(OPTIVIZ_BUILD_LOCALEDIR) ? OPTIVIZ_BUILD_LOCALEDIR : OPTIVIZ_LOCALEDIR;
    const char *msgs = setlocale(LC_MESSAGES, "");
    if (!msgs || strcmp(msgs, "C") == 0 || strcmp(msgs, "POSIX") == 0)
        setlocale(LC_MESSAGES, "C.UTF-8"); /* LANGUAGE is ignored under "C" */
    snprintf(g.dir, sizeof g.dir, "%s", dir);
    g.bound = bindtextdomain(DOMAIN, dir) != NULL &&
              bind_textdomain_codeset(DOMAIN, "UTF-8") != NULL;
    g.current = 0;
}

/* The index in g.langs of the language tag names, or -1. */
static int match_index(const char *tag)
{
    if (!tag || !tag[0])
        return -1;
    if (g.n_langs == 0)
        list_languages();
    /* the tag up to its encoding or modifier; '-' as in BCP 47 means '_' */
    char want[I18N_CODE_MAX];
    size_t n = 0;
    for (; tag[n] && tag[n] != '.' && tag[n] != '@' && n + 1 < sizeof want; n++)
        want[n] = tag[n] == '-' ? '_' : tag[n];
    want[n] = '\0';
    for (int i = 0; i < g.n_langs; i++) /* "zh_CN" exactly */
        if (strcmp(want, g.langs[i]) == 0)
            return i;
    const size_t base = strcspn(want, "_");
    for (int i = 0; i < g.n_langs; i++) /* "ko_KR" -> "ko" */
        if (strlen(g.langs[i]) == base && strncmp(want, g.langs[i], base) == 0)
            return i;
    return -1;
}

const char *i18n_localedir(void)
{
    return g.dir;
}

const char *i18n_match(const char *tag)
{
    const int i = match_index(tag);
    return i < 0 ? NULL : g.langs[i];
}

const char *i18n_from_environment(void)
{
    const char *language = getenv("LANGUAGE");
    const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    const char *locale = NULL;
    for (size_t i = 0; i < sizeof vars / sizeof vars[0] && !locale; i++) {
        const char *v = getenv(vars[i]);
        if (v && v[0])
            locale = v;
    }
    if (!locale || strcmp(locale, "C") == 0 || strcmp(locale, "POSIX") == 0)
        return "en"; /* as gettext does: the C locale ignores LANGUAGE */
    if (language && language[0]) { /* "ko:en" - the first one known */
        char item[64];
        for (const char *s = language; *s;) {
            const size_t n = strcspn(s, ":");
            snprintf(item, sizeof item, "%.*s", (int)(n < sizeof item ? n : sizeof item - 1), s);
            const char *m = i18n_match(item);
            if (m)
                return m;
            s += n + (s[n] == ':');
        }
    }
    const char *m = i18n_match(locale);
    return m ? m : "en";
}

bool i18n_set(const char *code)
{
    if (g.n_langs == 0)
        list_languages();
    const int i = match_index(code);
    if (i < 0)
        return false;
    g.current = i;
    setenv("LANGUAGE", g.langs[i], 1);
    textdomain(DOMAIN); /* drops libintl's cached lookups */
    return true;
}

const char *i18n_lang(void)
{
    return g.n_langs ? g.langs[g.current] : "en";
}

int i18n_languages(const char **out, int max)
{
    if (g.n_langs == 0)
        list_languages();
    int n = 0;
    for (; n < g.n_langs && n < max; n++)
        out[n] = g.langs[n];
    return n;
}

const char *i18n_next(void)
{
    if (g.n_langs == 0)
        list_languages();
    return g.langs[(g.current + 1) % g.n_langs];
}

const char *i18n_text(const char *msgid)
{
    if (g.current == 0 || !g.bound || !msgid || !msgid[0])
        return msgid; /* English is the source language */
    return dgettext(DOMAIN, msgid);
}

const char *i18n_ntext(const char *singular, const char *plural, unsigned long n)
{
    if (g.current == 0 || !g.bound)
        return n == 1 ? singular : plural;
    return dngettext(DOMAIN, singular, plural, n);
}

const char *i18n_ptext(const char *ctx, const char *msgid)
{
    if (g.current == 0 || !g.bound)
        return msgid;
    /* gettext's msgctxt: the lookup key is "ctx\004msgid" */
    char key[512];
    const int n = snprintf(key, sizeof key, "%s\004%s", ctx, msgid);
    if (n < 0 || (size_t)n >= sizeof key)
        return msgid;
    const char *t = dgettext(DOMAIN, key);
    return t == key ? msgid : t;
}
