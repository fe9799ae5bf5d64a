/*
 * message.c: the transient line at the bottom of the window (info, error or
 * a saved file), shown until its time on the app's clock runs out.
 */
#include "app/app.h"

#include <stdarg.h>
#include <stdio.h>

static void message_set(app *a, message_kind kind, uint32_t ms, const char *fmt, va_list ap)
{
    vsnprintf(a->ui.message, sizeof a->ui.message, fmt, ap);
    a->ui.message_until = app_now_ms(a) + ms;
    a->ui.message_kind = kind;
}

void app_message(app *a, uint32_t ms, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    message_set(a, MESSAGE_INFO, ms, fmt, ap);
    va_end(ap);
}

void app_message_kind(app *a, message_kind kind, uint32_t ms, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    message_set(a, kind, ms, fmt, ap);
    va_end(ap);
}

uint32_t app_now_ms(const app *a)
{
    return (uint32_t)(a->clock * 1000.0);
}
