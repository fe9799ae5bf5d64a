/*
 * textline.h: a one-line text editor for typed formulas (E): printable
 * ASCII text with a cursor, and a history recalled with Up and Down. Pure
 * data and string operations; the app maps SDL events onto these calls.
 */
#ifndef OPTIVIZ_APP_TEXTLINE_H
#define OPTIVIZ_APP_TEXTLINE_H

#include <stdbool.h>

#define TEXTLINE_MAX 513    /* bytes including the terminator */
#define TEXTLINE_HISTORY 16 /* entries kept, the oldest dropped */

typedef enum textline_move {
    TEXTLINE_LEFT,
    TEXTLINE_RIGHT,
    TEXTLINE_HOME,
    TEXTLINE_END,
    TEXTLINE_BACKSPACE, /* deletes before the cursor */
    TEXTLINE_DELETE,    /* deletes at the cursor */
} textline_move;

typedef struct textline {
    char text[TEXTLINE_MAX];
    int len;    /* strlen(text) */
    int cursor; /* 0..len: insertion point, a byte index */
    char history[TEXTLINE_HISTORY][TEXTLINE_MAX];
    int n_history; /* entries, oldest first */
    int recall;    /* history entry shown, n_history: the line being typed */
    char draft[TEXTLINE_MAX]; /* the line being typed while browsing history */
} textline;

/* Replaces the text (cut to TEXTLINE_MAX - 1 bytes; non-printable bytes
 * dropped) and puts the cursor at its end; history browsing restarts. */
void textline_set(textline *t, const char *text);
/* Inserts the printable ASCII characters of utf8 at the cursor (anything
 * else is dropped). Returns false when some did not fit. */
bool textline_insert(textline *t, const char *utf8);
/* Moves the cursor or deletes one character. */
void textline_edit(textline *t, textline_move m);
/* Up (older, dir < 0) or Down (newer, dir > 0) through the history; past
 * the newest entry the draft comes back. */
void textline_recall(textline *t, int dir);
/* Adds the current text to the history (not when empty or equal to the
 * newest entry). */
void textline_remember(textline *t);

#endif
