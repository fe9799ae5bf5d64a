/*
 * app_headless.h: the real app on an offscreen w x h surface for the render
 * tests, whose pixels are llvmpipe's.
 */
#ifndef OPTIVIZ_TESTS_APP_HEADLESS_H
#define OPTIVIZ_TESTS_APP_HEADLESS_H

#include "app/app.h"
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A headless app of w x h, or NULL with *code the test's exit status: 1
 * when it cannot be made, 77 (meson's "skipped") when the renderer is not
 * llvmpipe. Free it with app_destroy and free. */
static inline app *test_app_open(int w, int h, int *code)
{
    app *a = calloc(1, sizeof *a);
    char err[512];
    const app_params p = {.headless = true, .width = w, .height = h};
    *code = 1;
    if (!a || !app_create(a, &p, err, sizeof err)) {
        fprintf(stderr, "cannot create the app: %s\n", a ? err : "out of memory");
        free(a);
        return NULL;
    }
    if (!strstr(renderer_name(a->ren), "llvmpipe")) {
        fprintf(stderr, "skipped: renderer is '%s', not llvmpipe\n", renderer_name(a->ren));
        app_destroy(a);
        free(a);
        *code = 77;
        return NULL;
    }
    *code = 0;
    return a;
}

/* Shows the bundled scene e and takes steps steps of its runners; a scene
 * that does not load is a failed check (false). */
static inline bool test_scene_show(app *a, const scene_entry *e, int steps)
{
    char err[600];
    if (!app_load_scene(a, e->path, err, sizeof err)) {
        CHECK(false, "scene %s: %s", e->name, err);
        return false;
    }
    for (int k = 0; k < steps; k++)
        sim_step(&a->sim);
    return true;
}

/* Frees what test_app_open made. */
static inline void test_app_close(app *a)
{
    app_destroy(a);
    free(a);
}

#endif
