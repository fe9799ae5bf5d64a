/*
 * loop.h: the window's driver loop (the desktop front end's; a browser
 * build calls app_frame per animation frame instead).
 */
#ifndef OPTIVIZ_APP_LOOP_H
#define OPTIVIZ_APP_LOOP_H

#include "app/app.h"

/* Runs app_frame until the user quits or, when seconds > 0, that much
 * wall time has passed. A frame that drew is paced by vsync (or, without
 * vsync, to about 60 per second); after a frame that drew nothing the loop
 * sleeps in SDL_WaitEventTimeout until an event or app_wait_ms, so a window
 * where nothing changes costs next to no CPU. */
void app_loop(app *a, double seconds);

#endif
