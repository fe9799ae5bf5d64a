/*
 * textline.c: the one-line editor behind the formula input (textline.h).
 */
#include "app/textline.h"

#include <string.h>

static bool printable(char c)
{
    return c >= 0x20 && c < 0x7f;
}

void textline_set(textline *t, const char *text)
{
    int n = 0;
    for (const char *p = text; p && *p && n < TEXTLINE_MAX - 1; p++)
        if (printable(*p))
            t->text[n++] = *p;
    t->text[n] = '\0';
    t->len = t->cursor = n;
    t->recall = t->n_history;
}

bool textline_insert(textline *t, const char *utf8)
{
    bool all = true;
    for (const char *p = utf8; p && *p; p++) {
        if (!printable(*p))
            continue;
        if (t->len >= TEXTLINE_MAX - 1) {
            all = false;
            break;
        }
        memmove(t->text + t->cursor + 1, t->text + t->cursor, (size_t)(t->len - t->cursor) + 1);
        t->text[t->cursor++] = *p;
        t->len++;
    }
    return all;
}

void textline_edit(textline *t, textline_move m)
{
    switch (m) {
    case TEXTLINE_LEFT:
        t->cursor = t->cursor > 0 ? t->cursor - 1 : 0;
        break;
    case TEXTLINE_RIGHT:
        t->cursor = t->cursor < t->len ? t->cursor + 1 : t->len;
        break;
    case TEXTLINE_HOME:
        t->cursor = 0;
        break;
    case TEXTLINE_END:
        t->cursor = t->len;
        break;
    case TEXTLINE_BACKSPACE:
        if (t->cursor > 0) {
            memmove(t->text + t->cursor - 1, t->text + t->cursor, (size_t)(t->len - t->cursor) + 1);
            t->cursor--;
            t->len--;
        }
        break;
    case TEXTLINE_DELETE:
        if (t->cursor < t->len) {
            memmove(t->text + t->cursor, t->text + t->cursor + 1, (size_t)(t->len - t->cursor));
            t->len--;
        }
        break;
    }
}

void textline_recall(textline *t, int dir)
{
    const int to = t->recall + (dir < 0 ? -1 : 1);
    if (to < 0 || to > t->n_history || t->n_history == 0)
        return;
    if (t->recall == t->n_history)
        memcpy(t->draft, t->text, (size_t)t->len + 1);
    const int keep = t->n_history;
    textline_set(t, to == keep ? t->draft : t->history[to]);
    t->recall = to;
}

void textline_remember(textline *t)
{
    if (t->len == 0 ||
        (t->n_history > 0 && strcmp(t->history[t->n_history - 1], t->text) == 0)) {
        t->recall = t->n_history;
        return;
    }
    if (t->n_history == TEXTLINE_HISTORY) {
        memmove(t->history[0], t->history[1], sizeof t->history[0] * (TEXTLINE_HISTORY - 1));
        t->n_history--;
    }
    memcpy(t->history[t->n_history++], t->text, (size_t)t->len + 1);
    t->recall = t->n_history;
}
