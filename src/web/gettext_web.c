/*
 * gettext_web.c: the catalog lookup of the browser build. src/app/i18n.c
 * calls libintl (bindtextdomain, textdomain, dgettext, dngettext); the
 * browser's libc (emscripten's musl) has those, but its reader maps the .mo
 * file with mmap and reads out of bounds under emscripten 3.1.6. These
 * definitions take their place at link time: the whole .mo file is read
 * into memory once per language and its sorted table searched. The
 * language is LANGUAGE's first entry (i18n_set sets it, and calls
 * textdomain to drop what was loaded). One text domain, UTF-8 only.
 * Plural forms: the Germanic rule (n != 1) over the forms the catalog has,
 * which covers English and the one form of Korean.
 * File format: the GNU gettext manual, "The Format of GNU MO Files".
 */
#include <libintl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The loaded catalog (one: optiviz has one text domain). */
typedef struct mo_catalog {
    char dir[512];      /* bindtextdomain's directory */
    char domain[64];
    char lang[32];      /* the language loaded ("" none yet) */
    uint8_t *data;      /* the .mo file; NULL: none for lang */
    size_t size;
    uint32_t n;         /* strings */
    uint32_t orig, trans; /* offsets of the two tables */
    int swap;           /* file in the other byte order */
} mo_catalog;

static mo_catalog cat;

static uint32_t word(uint32_t off)
{
    if (off + 4 > cat.size)
        return 0;
    uint32_t w;
    memcpy(&w, cat.data + off, 4);
    return cat.swap ? __builtin_bswap32(w) : w;
}

/* Reads the catalog of LANGUAGE's first entry when that changed. */
static void load(void)
{
    const char *env = getenv("LANGUAGE");
    char lang[32] = "";
    if (env)
        snprintf(lang, sizeof lang, "%.*s", (int)strcspn(env, ":"), env);
    if (cat.data && strcmp(lang, cat.lang) == 0)
        return;
    free(cat.data);
    cat.data = NULL;
    snprintf(cat.lang, sizeof cat.lang, "%s", lang);
    if (!lang[0] || !cat.dir[0])
        return;
    char path[700];
    snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/%s.mo", cat.dir, lang, cat.domain);
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    uint8_t *buf = NULL;
    long size = -1;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 28 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)size)) && fread(buf, 1, (size_t)size, f) != (size_t)size) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (!buf)
        return;
    cat.data = buf;
    cat.size = (size_t)size;
    uint32_t magic;
    memcpy(&magic, buf, 4);
    cat.swap = magic == 0xde120495u;
    if (magic != 0x950412deu && !cat.swap) {
        free(cat.data);
        cat.data = NULL;
        return;
    }
    cat.n = word(8);
    cat.orig = word(12);
    cat.trans = word(16);
}

/* The translation of key (the NUL-separated forms, and their total length
 * in *len), or NULL. */
static const char *lookup(const char *key, uint32_t *len)
{
    load();
    if (!cat.data)
        return NULL;
    uint32_t lo = 0, hi = cat.n;
    while (lo < hi) {
        const uint32_t mid = lo + (hi - lo) / 2;
        const uint32_t l = word(cat.orig + 8 * mid), o = word(cat.orig + 8 * mid + 4);
        if (o + l >= cat.size)
            return NULL;
        const int c = strcmp(key, (const char *)cat.data + o);
        if (c == 0) {
            *len = word(cat.trans + 8 * mid);
            const uint32_t t = word(cat.trans + 8 * mid + 4);
            return t + *len < cat.size ? (const char *)cat.data + t : NULL;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

char *bindtextdomain(const char *domain, const char *dir)
{
    if (dir) {
        snprintf(cat.dir, sizeof cat.dir, "%s", dir);
        snprintf(cat.domain, sizeof cat.domain, "%s", domain);
        cat.lang[0] = '\0';
        free(cat.data);
        cat.data = NULL;
    }
    return cat.dir;
}

char *bind_textdomain_codeset(const char *domain, const char *codeset)
{
    (void)domain;
    (void)codeset;
    return (char *)"UTF-8";
}

char *textdomain(const char *domain)
{
    (void)domain;
    cat.lang[0] = '\0'; /* load() reads LANGUAGE again */
    free(cat.data);
    cat.data = NULL;
    return cat.domain;
}

char *dgettext(const char *domain, const char *msgid)
{
    (void)domain;
    uint32_t len;
    const char *t = lookup(msgid, &len);
    return (char *)(t && t[0] ? t : msgid);
}

char *dngettext(const char *domain, const char *singular, const char *plural,
                unsigned long n)
{
    (void)domain;
    uint32_t len;
    const char *t = lookup(singular, &len);
    if (!t || !t[0])
        return (char *)(n == 1 ? singular : plural);
    /* the form n != 1 when the catalog has a second one */
    const char *second = memchr(t, '\0', len);
    return (char *)(n != 1 && second && second + 1 < t + len ? second + 1 : t);
}
