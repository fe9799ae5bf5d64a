/*
 * draw_util.c: drawing helpers shared by draw.c and the panels drawn from
 * their own files (draw_panels.c): text that must fit a width.
 */
#include "app/draw_internal.h"
#include "app/format.h"

#include <math.h>
#include <stdio.h>
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

int draw_text_wrap(renderer *r, const char *utf8, float x, float y, float size_px, float max_w,
                   float line_h, text_align align, rgba color, bool draw)
{
    char line[512] = "", word[256];
    int lines = 0;
    const char *p = utf8;
    while (*p) {
        while (*p == ' ')
            p++;
        size_t n = 0;
        while (p[n] && p[n] != ' ' && n + 1 < sizeof word)
            n++;
        if (n == 0)
            break;
        memcpy(word, p, n);
        word[n] = '\0';
        p += n;
        char next[512];
        if (snprintf(next, sizeof next, "%s%s%s", line, line[0] ? " " : "", word) < 0)
            break;
        if (line[0] && render_text_width(r, next, size_px) > max_w) {
            if (draw)
                draw_text_fit(r, line, x, y + (float)lines * line_h, size_px, size_px, max_w,
                              align, color);
            lines++;
            snprintf(line, sizeof line, "%s", word);
        } else {
            memcpy(line, next, sizeof line);
        }
    }
    if (line[0]) {
        if (draw)
            draw_text_fit(r, line, x, y + (float)lines * line_h, size_px, size_px, max_w, align,
                          color);
        lines++;
    }
    return lines;
}

void labels_reserve(label_placer *p, float x, float y, float w, float h)
{
    if (p->n >= LABELS_MAX)
        return;
    p->box[p->n][0] = x;
    p->box[p->n][1] = y;
    p->box[p->n][2] = w;
    p->box[p->n][3] = h;
    p->n++;
}

bool labels_free(const label_placer *p, float x, float y, float w, float h)
{
    const float g = 2.0f;
    for (int i = 0; i < p->n; i++)
        if (!(x + w + g <= p->box[i][0] || p->box[i][0] + p->box[i][2] + g <= x ||
              y + h + g <= p->box[i][1] || p->box[i][1] + p->box[i][3] + g <= y))
            return false;
    return true;
}

bool labels_place(label_placer *p, const layout *lay, float px, float py, float w, float h,
                  float *x, float *y)
{
    const float d = 36 * lay->scale, g = 4 * lay->scale;
    /* right-below first (the figures' habit), then the other corners, then
     * straight below and above, farther out second */
    const float cand[][2] = {{d, d},  {d, -d - h},  {-d - w, d},  {-d - w, -d - h},
                             {-w / 2, d},  {-w / 2, -d - h},  {2 * d, 2 * d},
                             {-2 * d - w, 2 * d},  {2 * d, -2 * d - h},  {-2 * d - w, -2 * d - h}};
    for (size_t c = 0; c < sizeof cand / sizeof cand[0]; c++) {
        const float bx = px + cand[c][0], by = py + cand[c][1];
        if (bx < lay->plot_x || by < lay->plot_y || bx + w > lay->plot_x + lay->plot_w ||
            by + h > lay->plot_y + lay->plot_h)
            continue;
        bool free = true;
        for (int i = 0; free && i < p->n; i++)
            free = bx + w + g <= p->box[i][0] || p->box[i][0] + p->box[i][2] + g <= bx ||
                   by + h + g <= p->box[i][1] || p->box[i][1] + p->box[i][3] + g <= by;
        if (free) {
            *x = bx;
            *y = by;
            labels_reserve(p, bx, by, w, h);
            return true;
        }
    }
    return false;
}

/* Tick label with as few decimals as the tick step needs. */
void fmt_tick(char *out, size_t n, double v, double step)
{
    int dec = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
    if (fabs(step * pow(10, dec) - round(step * pow(10, dec))) > 1e-6)
        dec++;
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", dec, v);
    format_minus(out, n, buf);
}

void draw_arrow(renderer *r, float x0, float y0, float x1, float y1, float w, rgba c)
{
    const float dx = x1 - x0, dy = y1 - y0;
    const float len = sqrtf(dx * dx + dy * dy);
    if (len < 1e-3f)
        return;
    const float ux = dx / len, uy = dy / len, head = 4.0f * w;
    const float bx = x1 - ux * head, by = y1 - uy * head;
    const float line[4] = {x0, y0, bx, by};
    render_polyline(r, line, 2, w, c);
    const float tri[6] = {x1, y1, bx - uy * head * 0.6f, by + ux * head * 0.6f,
                          bx + uy * head * 0.6f, by - ux * head * 0.6f};
    render_triangle(r, tri, c);
}

/* First trail point drawn: the trail is shortened to a->ui.trail_len points
 * ({ and }), the newest kept. */
int trail_first(const app *a, const runner *rn)
{
    /* with a particle cloud the cloud is the picture: the last 20 steps only */
    const int keep = a->cloud.n > 0 && a->ui.trail_len > 20 ? 20 : a->ui.trail_len;
    return rn->trail_len > keep ? rn->trail_len - keep : 0;
}
