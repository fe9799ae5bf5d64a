/*
 * platform_web.h: the browser's platform services (app/platform.h).
 */
#ifndef OPTIVIZ_WEB_PLATFORM_WEB_H
#define OPTIVIZ_WEB_PLATFORM_WEB_H

#include "app/platform.h"

/* The browser's: performance.now() as the clock; settings.ini kept in the
 * page's localStorage (copied to and from the in-memory file system around
 * settings.c's own reading and writing); a saved file handed to the
 * browser's download and removed from the in-memory file system. */
const platform *platform_web(void);

#endif
