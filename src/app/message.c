/*
 * message.c: the transient line at the bottom of the window (info or
 * error), shown until its time runs out.
 */
#include "app/app.h"

#include <stdarg.h>
#include <stdio.h>

void app_message(app *a, uint32_t ms, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->ui.message, sizeof a->ui.message, fmt, ap);
    va_end(ap);
    a->ui.message_until = app_now_ms(a) + ms;
    a->ui.message_kind = MESSAGE_INFO;
}

void app_message_kind(app *a, message_kind kind, uint32_t ms, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->ui.message, sizeof a->ui.message, fmt, ap);
    va_end(ap);
    a->ui.message_until = app_now_ms(a) + ms;
    a->ui.message_kind = kind;
}

uint32_t app_now_ms(const app *a)
{
    return (uint32_t)(a->clock * 1000.0);
}
