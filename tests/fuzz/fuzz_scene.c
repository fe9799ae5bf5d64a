/*
 * fuzz_scene.c: libFuzzer target for the scene loader (app/scene.c through
 * libinih, app/fileio.c's escaping): the input is a scene file fed from
 * memory (fmemopen) to scene_load_stream. A refused file must leave one
 * terminated line with no raw control character; an accepted one must
 * satisfy what scene.h promises (title, 1..8 runners, starts and
 * annotations inside the domain), and its formula, when it has one, is
 * parsed and evaluated. Seeds: the bundled scenes (assets/scenes).
 */
#include "app/scene.h"
#include "core/expr.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool inside(const scene *s, const double *x)
{
    for (int k = 0; k < s->dim; k++)
        if (!(x[k] >= s->lo[k] && x[k] <= s->hi[k]))
            return false;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || size > 64 * 1024)
        return 0;
    FILE *fp = fmemopen((void *)(uintptr_t)data, size, "r");
    if (!fp)
        return 0;
    static scene s;
    char err[512];
    memset(err, 0x55, sizeof err);
    const bool ok = scene_load_stream(&s, fp, "fuzz.ini", err, sizeof err);
    fclose(fp);
    if (!ok) {
        if (!memchr(err, '\0', sizeof err))
            abort(); /* the message is terminated */
        for (const unsigned char *p = (const unsigned char *)err; *p; p++)
            if (*p < 0x20 || *p == 0x7f)
                abort(); /* one line, control characters escaped */
        return 0;
    }
    if (!s.title[0] || s.n_runners < 1 || s.n_runners > SCENE_MAX_RUNNERS ||
        (s.dim != 1 && s.dim != 2))
        abort();
    for (int k = 0; k < s.dim; k++)
        if (!(s.lo[k] < s.hi[k]))
            abort();
    for (int i = 0; i < s.n_runners; i++)
        if (s.runners[i].has_start && !inside(&s, s.runners[i].start))
            abort();
    for (int i = 0; i < s.n_annotations; i++)
        if (!inside(&s, s.annotations[i].at))
            abort();
    if (!s.land) {
        expr_error e;
        expr *x = expr_parse(s.expr, s.dim, &e);
        if (x) {
            const double mid[2] = {0.5 * (s.lo[0] + s.hi[0]), 0.5 * (s.lo[1] + s.hi[1])};
            landscape_point p;
            expr_eval(x, mid, &p);
            expr_free(x);
        }
    }
    return 0;
}
