/*
 * draw_util.c: drawing helpers shared by draw.c and the panels drawn from
 * their own files (draw_panels.c): text that must fit a width.
 */
#include "app/draw_internal.h"

#include <math.h>
#include <string.h>

/* Text that must fit in max_w pixels: shrinks down to min_px, then cuts the
 * end with an ellipsis. */
void draw_text_fit(renderer *r, const char *utf8, float x, float y, float size_px,
                     float min_px, float max_w, text_align align, rgba color)
{
    float size = size_px;
    float w = render_text_width(r, utf8, size);
    /* shrink (glyph widths do not scale exactly with the size, so step) */
    while (max_w > 0 && w > max_w && size > min_px) {
        size = fmaxf(min_px, fminf(size * 0.95f, size * max_w / w));
        w = render_text_width(r, utf8, size);
    }
    if (w <= max_w || max_w <= 0) {
        render_text(r, utf8, x, y, size, align, color);
        return;
    }
    char buf[256];
    size_t n = strlen(utf8) < sizeof buf - 4 ? strlen(utf8) : sizeof buf - 4;
    memcpy(buf, utf8, n);
    for (;;) {
        while (n > 0 && ((unsigned char)buf[n - 1] & 0xC0) == 0x80)
            n--; /* never cut inside a UTF-8 sequence */
        if (n > 0)
            n--;
        memcpy(buf + n, "…", sizeof "…");
        if (n == 0 || render_text_width(r, buf, size) <= max_w)
            break;
    }
    render_text(r, buf, x, y, size, align, color);
}

