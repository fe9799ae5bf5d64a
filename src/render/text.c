/*
 * text.c: UTF-8 text through SDL2_ttf. One TTF_Font per integer pixel size
 * (opened on first use, at most TEXT_MAX_FONTS, oldest closed first). Each
 * (size, codepoint) glyph is rendered once with TTF_RenderGlyph32_Blended,
 * cropped to its ink, and packed on shelves into a single R8 atlas texture;
 * a hash table maps the pair to its atlas rectangle and metrics. Text is
 * drawn as glyph primitives on prim_batch (shaders/glyph.frag), at whole
 * pixels, sampled texel for texel (texelFetch), so it is as crisp as
 * SDL_ttf's own output. When the atlas fills up, pending draws are flushed
 * and the atlas starts over. A codepoint the main font lacks (Hangul in
 * DejaVu Sans) comes from the fallback font when one is given (a Korean
 * font), so a caption mixing scripts draws in one call; the fallback font
 * (4 MB for NanumGothic) is opened at the first such glyph, so English-only
 * text never loads it. Kerning is asked of SDL_ttf once per (size, font,
 * pair) and kept in a hash table, so a steady frame's text touches neither
 * SDL_ttf nor the font files.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_internal.h"

#define TEXT_MIN_SIZE 4
#define TEXT_MAX_SIZE 500 /* must fit in the 11 key bits above the codepoint */

bool text_init(renderer *r, const char *font_path, const char *fallback_path, char *err,
               size_t errlen)
{
    text_cache *t = &r->text;
    const gl_api *gl = &r->gl;
    if (TTF_Init() != 0) {
        snprintf(err, errlen, "SDL_ttf: %s", TTF_GetError());
        return false;
    }
    t->ttf_ready = true;

    /* Open the font once now, so a bad path fails here with a clear line. */
    TTF_Font *probe = TTF_OpenFont(font_path, 16);
    if (!probe) {
        snprintf(err, errlen, "cannot open font %s: %s", font_path, TTF_GetError());
        return false;
    }
    t->fonts[0] = (text_font){.size = 16, .font = probe};
    t->nfonts = 1;

    size_t len = strlen(font_path);
    t->font_path = malloc(len + 1);
    t->glyphs = calloc(TEXT_GLYPH_SLOTS, sizeof *t->glyphs);
    t->kerns = calloc(TEXT_KERN_SLOTS, sizeof *t->kerns);
    if (!t->font_path || !t->glyphs || !t->kerns) {
        snprintf(err, errlen, "text: out of memory");
        return false;
    }
    memcpy(t->font_path, font_path, len + 1);
    if (fallback_path && fallback_path[0]) { /* opened at the first glyph it draws */
        t->fallback_path = malloc(strlen(fallback_path) + 1);
        if (t->fallback_path)
            memcpy(t->fallback_path, fallback_path, strlen(fallback_path) + 1);
    }

    gl->GenTextures(1, &t->atlas);
    gl->BindTexture(GL_TEXTURE_2D, t->atlas);
    gl->TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    gl->TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    gl->TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    gl->TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    gl->TexImage2D(GL_TEXTURE_2D, 0, GL_R8, TEXT_ATLAS_SIZE, TEXT_ATLAS_SIZE, 0, GL_RED,
                   GL_UNSIGNED_BYTE, NULL);
    return true;
}

void text_destroy(renderer *r)
{
    text_cache *t = &r->text;
    if (r->gl_ready && t->atlas)
        r->gl.DeleteTextures(1, &t->atlas);
    for (int i = 0; i < t->nfonts; i++) {
        TTF_CloseFont(t->fonts[i].font);
        if (t->fonts[i].fallback)
            TTF_CloseFont(t->fonts[i].fallback);
    }
    if (t->ttf_ready)
        TTF_Quit();
    free(t->font_path);
    free(t->fallback_path);
    free(t->glyphs);
    free(t->kerns);
    free(t->staging);
    memset(t, 0, sizeof *t);
}

/* Next codepoint of a UTF-8 string; malformed input yields U+FFFD. */
static uint32_t utf8_next(const unsigned char **s)
{
    const unsigned char *p = *s;
    uint32_t c = p[0];
    int extra;
    uint32_t min;
    if (c < 0x80) {
        *s = p + 1;
        return c;
    } else if ((c & 0xE0) == 0xC0) {
        extra = 1, c &= 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        extra = 2, c &= 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        extra = 3, c &= 0x07, min = 0x10000;
    } else {
        *s = p + 1;
        return 0xFFFD;
    }
    for (int i = 1; i <= extra; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *s = p + i;
            return 0xFFFD;
        }
        c = (c << 6) | (p[i] & 0x3F);
    }
    *s = p + 1 + extra;
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0xFFFD;
    return c;
}

static text_font *font_get(text_cache *t, int size)
{
    for (int i = 0; i < t->nfonts; i++) {
        if (t->fonts[i].size == size)
            return &t->fonts[i];
    }
    TTF_Font *f = TTF_OpenFont(t->font_path, size);
    if (!f)
        return NULL;
    int slot = t->nfonts;
    if (slot == TEXT_MAX_FONTS) {
        slot = t->next_evict;
        t->next_evict = (t->next_evict + 1) % TEXT_MAX_FONTS;
        TTF_CloseFont(t->fonts[slot].font);
        if (t->fonts[slot].fallback)
            TTF_CloseFont(t->fonts[slot].fallback);
    } else {
        t->nfonts++;
    }
    t->fonts[slot] = (text_font){.size = size, .font = f};
    return &t->fonts[slot];
}

/* The font that draws cp at this size: the main one, or the fallback
 * when only the fallback has the glyph (opened here on first need; when it
 * will not open, the main font's box stands in, with no second try). */
static TTF_Font *font_for(text_cache *t, text_font *tf, uint32_t cp)
{
    if (!t->fallback_path || t->fallback_failed || cp > 0xFFFF ||
        TTF_GlyphIsProvided32(tf->font, cp))
        return tf->font;
    if (!tf->fallback) {
        tf->fallback = TTF_OpenFont(t->fallback_path, tf->size);
        t->fallback_failed = !tf->fallback;
    }
    return tf->fallback && TTF_GlyphIsProvided32(tf->fallback, cp) ? tf->fallback : tf->font;
}

/* Kerning in pixels between prev and cp at tf's size in its main font or
 * its fallback (both drew their glyphs already), from the table or asked
 * of SDL_ttf once. */
static int kern_get(text_cache *t, text_font *tf, bool fallback, uint32_t prev, uint32_t cp)
{
    const uint64_t key = (1ull << 63) | ((uint64_t)tf->size << 43) | ((uint64_t)fallback << 42) |
                         ((uint64_t)prev << 21) | cp;
    uint32_t h = (uint32_t)((key * 0x9E3779B97F4A7C15ull) >> 40) & (TEXT_KERN_SLOTS - 1);
    while (t->kerns[h].key != 0 && t->kerns[h].key != key)
        h = (h + 1) & (TEXT_KERN_SLOTS - 1);
    if (t->kerns[h].key == key)
        return t->kerns[h].dx;
    if (fallback && !tf->fallback && !t->fallback_failed) /* its size was closed and reopened */
        tf->fallback = TTF_OpenFont(t->fallback_path, tf->size);
    TTF_Font *font = fallback ? tf->fallback : tf->font;
    const int dx = font ? TTF_GetFontKerningSizeGlyphs32(font, prev, cp) : 0;
    if (t->nkerns >= TEXT_KERN_SLOTS * 3 / 4) {
        memset(t->kerns, 0, TEXT_KERN_SLOTS * sizeof *t->kerns);
        t->nkerns = 0;
        h = (uint32_t)((key * 0x9E3779B97F4A7C15ull) >> 40) & (TEXT_KERN_SLOTS - 1);
    }
    t->kerns[h] = (text_kern){.key = key, .dx = (int16_t)dx};
    t->nkerns++;
    return dx;
}

static void atlas_reset(renderer *r)
{
    text_cache *t = &r->text;
    batch_flush(r); /* pending glyphs still point at the old atlas content */
    memset(t->glyphs, 0, TEXT_GLYPH_SLOTS * sizeof *t->glyphs);
    t->nglyphs = 0;
    t->shelf_x = t->shelf_y = t->shelf_h = 0;
}

/* Finds a w x h place in the atlas (1 px gutter); false when full. */
static bool atlas_place(text_cache *t, int w, int h, int *x, int *y)
{
    if (w + 1 > TEXT_ATLAS_SIZE || h + 1 > TEXT_ATLAS_SIZE)
        return false;
    if (t->shelf_x + w + 1 > TEXT_ATLAS_SIZE) {
        t->shelf_y += t->shelf_h + 1;
        t->shelf_x = 0;
        t->shelf_h = 0;
    }
    if (t->shelf_y + h + 1 > TEXT_ATLAS_SIZE)
        return false;
    *x = t->shelf_x;
    *y = t->shelf_y;
    t->shelf_x += w + 1;
    if (h > t->shelf_h)
        t->shelf_h = h;
    return true;
}

/* Renders one glyph with SDL_ttf, crops it, and uploads it to the atlas.
 * Returns false if the atlas is full (the glyph is left unfilled). */
static bool glyph_build(renderer *r, TTF_Font *font, uint32_t cp, text_glyph *g)
{
    text_cache *t = &r->text;
    int minx = 0, maxx = 0, miny = 0, maxy = 0, adv = 0;
    if (TTF_GlyphMetrics32(font, cp, &minx, &maxx, &miny, &maxy, &adv) != 0)
        adv = 0;
    g->advance = (int16_t)adv;
    g->w = g->h = 0;

    SDL_Color white = {255, 255, 255, 255};
    SDL_Surface *s = TTF_RenderGlyph32_Blended(font, cp, white);
    if (!s)
        return true; /* blank glyph: advance only */
    bool ok = true;
    if (SDL_MUSTLOCK(s))
        SDL_LockSurface(s);
    /* Crop to the ink (alpha > 0). */
    int x0 = s->w, y0 = s->h, x1 = -1, y1 = -1;
    const SDL_PixelFormat *fmt = s->format;
    for (int y = 0; y < s->h; y++) {
        const uint8_t *row = (const uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch;
        for (int x = 0; x < s->w; x++) {
            uint32_t px;
            memcpy(&px, row + 4 * x, 4);
            if ((px & fmt->Amask) != 0) {
                x0 = x < x0 ? x : x0;
                x1 = x > x1 ? x : x1;
                y0 = y < y0 ? y : y0;
                y1 = y > y1 ? y : y1;
            }
        }
    }
    if (x1 >= x0 && fmt->BytesPerPixel == 4) {
        int w = x1 - x0 + 1, h = y1 - y0 + 1, ax, ay;
        if (!atlas_place(t, w, h, &ax, &ay)) {
            ok = false;
            goto cleanup;
        }
        if (!t->staging)
            t->staging = malloc((size_t)TEXT_ATLAS_SIZE * TEXT_ATLAS_SIZE);
        if (!t->staging)
            goto cleanup;
        for (int y = 0; y < h; y++) {
            const uint8_t *row = (const uint8_t *)s->pixels + (size_t)(y0 + y) * (size_t)s->pitch;
            for (int x = 0; x < w; x++) {
                uint32_t px;
                memcpy(&px, row + 4 * (x0 + x), 4);
                t->staging[(size_t)y * (size_t)w + (size_t)x] =
                    (uint8_t)((px & fmt->Amask) >> fmt->Ashift);
            }
        }
        const gl_api *gl = &r->gl;
        gl->BindTexture(GL_TEXTURE_2D, t->atlas);
        gl->PixelStorei(GL_UNPACK_ALIGNMENT, 1);
        gl->TexSubImage2D(GL_TEXTURE_2D, 0, ax, ay, w, h, GL_RED, GL_UNSIGNED_BYTE, t->staging);
        /* SDL_ttf puts the pen origin at x = -minx when a glyph reaches left
         * of it, else at 0; the surface's top is the line's top. */
        int pen_x = minx < 0 ? -minx : 0;
        g->ax = (int16_t)ax;
        g->ay = (int16_t)ay;
        g->w = (int16_t)w;
        g->h = (int16_t)h;
        g->ox = (int16_t)(x0 - pen_x);
        g->oy = (int16_t)y0;
    }

cleanup:
    if (SDL_MUSTLOCK(s))
        SDL_UnlockSurface(s);
    SDL_FreeSurface(s);
    return ok;
}

/* The cached glyph for (tf's size, cp), building it on first use from the
 * font that has it. Returns a copy (a later atlas reset clears the table). */
static text_glyph glyph_get(renderer *r, text_font *tf, uint32_t cp)
{
    text_cache *t = &r->text;
    const int size = tf->size;
    uint32_t key = ((uint32_t)size << 21) | cp;
    for (int attempt = 0; attempt < 2; attempt++) {
        uint32_t h = (key * 2654435761u) & (TEXT_GLYPH_SLOTS - 1);
        while (t->glyphs[h].key != 0 && t->glyphs[h].key != key)
            h = (h + 1) & (TEXT_GLYPH_SLOTS - 1);
        if (t->glyphs[h].key == key)
            return t->glyphs[h];
        if (t->nglyphs >= TEXT_GLYPH_SLOTS * 3 / 4) {
            atlas_reset(r);
            continue;
        }
        TTF_Font *font = font_for(t, tf, cp);
        text_glyph g = {.key = key, .fallback = font != tf->font};
        if (!glyph_build(r, font, cp, &g)) {
            atlas_reset(r);
            continue;
        }
        t->glyphs[h] = g;
        t->nglyphs++;
        return g;
    }
    return (text_glyph){.key = key}; /* too big for the atlas: nothing drawn */
}

static int size_of(float size_px)
{
    if (!(size_px >= TEXT_MIN_SIZE))
        return TEXT_MIN_SIZE;
    if (size_px > TEXT_MAX_SIZE)
        return TEXT_MAX_SIZE;
    return (int)lroundf(size_px);
}

/* Lays out utf8 at (pen x, top); draws when draw is set. Returns the width. */
static float layout(renderer *r, const char *utf8, float size_px, bool draw, float x, float y,
                    const uint8_t col[4])
{
    if (!utf8)
        return 0.0f;
    int size = size_of(size_px);
    text_font *tf = font_get(&r->text, size);
    if (!tf)
        return 0.0f;
    const unsigned char *s = (const unsigned char *)utf8;
    int pen = 0;
    uint32_t prev = 0;
    bool prev_fallback = false;
    while (*s) {
        uint32_t cp = utf8_next(&s);
        text_glyph g = glyph_get(r, tf, cp);
        if (prev && g.fallback == prev_fallback) /* no kerning across fonts */
            pen += kern_get(&r->text, tf, g.fallback, prev, cp);
        prev = cp;
        prev_fallback = g.fallback;
        if (draw && g.w > 0) {
            prim_instance *it = batch_push(r, BATCH_2D);
            if (!it)
                break;
            it->geom[0] = x + (float)(pen + g.ox);
            it->geom[1] = y + (float)g.oy;
            it->geom[2] = it->geom[0] + (float)g.w;
            it->geom[3] = it->geom[1] + (float)g.h;
            it->extra[0] = (float)g.ax; /* atlas texels */
            it->extra[1] = (float)g.ay;
            it->extra[2] = (float)(g.ax + g.w);
            it->extra[3] = (float)(g.ay + g.h);
            it->param[3] = PRIM_GLYPH;
            memcpy(it->color, col, 4);
        }
        pen += g.advance;
    }
    return (float)pen;
}

void render_set_text_min(renderer *r, float px)
{
    r->text_min_px = px > 0.0f && isfinite(px) ? px : 0.0f;
}

float render_text(renderer *r, const char *utf8, float x, float y, float size_px,
                  text_align align, rgba color)
{
    if (!r || !utf8 || !isfinite(x) || !isfinite(y))
        return 0.0f;
    size_px = fmaxf(size_px, r->text_min_px);
    float w = layout(r, utf8, size_px, false, 0.0f, 0.0f, NULL);
    if (align == TEXT_CENTER)
        x -= 0.5f * w;
    else if (align == TEXT_RIGHT)
        x -= w;
    uint8_t col[4];
    color_to_u8(col, color);
    layout(r, utf8, size_px, true, roundf(x), roundf(y), col);
    if (r->text_fn)
        r->text_fn(r->text_user, utf8, x, y, w, 1.2f * size_px);
    return w;
}

void render_observe_text(renderer *r, render_text_fn fn, void *user)
{
    r->text_fn = fn;
    r->text_user = user;
}

float render_text_width(renderer *r, const char *utf8, float size_px)
{
    if (!r || !utf8)
        return 0.0f;
    size_px = fmaxf(size_px, r->text_min_px);
    return layout(r, utf8, size_px, false, 0.0f, 0.0f, NULL);
}
