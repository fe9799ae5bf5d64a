/*
 * gl.c: fills the gl_api function table. Pointers come back from the loader
 * as void * and are copied bytewise into the typed members (ISO C has no
 * conversion between object and function pointers). Owns nothing else.
 */
#include "gl.h"

#include <stdio.h>
#include <string.h>

_Static_assert(sizeof(void *) == sizeof(void (*)(void)),
               "function pointers must be the size of void *");

static bool load_one(render_proc_loader load, const char *name, void *slot, size_t size,
                     char *err, size_t errlen)
{
    void *p = load(name);
    if (!p) {
        snprintf(err, errlen, "OpenGL function %s is missing (need OpenGL 3.3 core)", name);
        return false;
    }
    memcpy(slot, &p, size);
    return true;
}

bool gl_load(gl_api *gl, render_proc_loader load, char *err, size_t errlen)
{
    memset(gl, 0, sizeof *gl);
#define GL_LOAD_ONE(type, name)                                                  \
    if (!load_one(load, "gl" #name, (void *)&gl->name, sizeof gl->name, err, errlen)) \
        return false;
    GL_FUNCTIONS(GL_LOAD_ONE)
#undef GL_LOAD_ONE

    const char *version = (const char *)gl->GetString(GL_VERSION);
    int major = 0, minor = 0;
#ifdef __EMSCRIPTEN__
    /* WebGL2 reports "OpenGL ES 3.0 (WebGL 2.0 ...)": the ES 3.0 feature set
     * the shaders' common subset of GLSL 3.30 and GLSL ES 3.00 was made for. */
    if (!version || sscanf(version, "OpenGL ES %d.%d", &major, &minor) != 2 || major < 3) {
        snprintf(err, errlen, "WebGL2 (OpenGL ES 3.0) needed, the browser offers \"%s\"",
                 version ? version : "(none)");
        return false;
    }
#else
    if (!version || sscanf(version, "%d.%d", &major, &minor) != 2 ||
        major * 10 + minor < 33) {
        snprintf(err, errlen, "OpenGL 3.3 core needed, the context offers \"%s\"",
                 version ? version : "(none)");
        return false;
    }
#endif
    bool clip_control = major * 10 + minor >= 45;
    GLint n = 0;
    gl->GetIntegerv(GL_NUM_EXTENSIONS, &n);
    for (GLint i = 0; i < n && !clip_control; i++) {
        const char *ext = (const char *)gl->GetStringi(GL_EXTENSIONS, (GLuint)i);
        clip_control = ext && strcmp(ext, "GL_ARB_clip_control") == 0;
    }
    void *p = clip_control ? load("glClipControl") : NULL;
    memcpy(&gl->ClipControl, &p, sizeof gl->ClipControl);
    return true;
}
