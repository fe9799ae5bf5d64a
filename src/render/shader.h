/*
 * shader.h: builds GL programs from the GLSL files embedded at build time
 * (the .vert and .frag files in shaders/, see shaders/embed.py). The #version line is
 * prepended here: "#version 330 core" on desktop, "#version 300 es" for a
 * future web build.
 */
#ifndef OPTIVIZ_RENDER_SHADER_H
#define OPTIVIZ_RENDER_SHADER_H

#include <stddef.h>

#include "gl.h"

/* Compiles and links vert_name + frag_name (file names in shaders/, e.g.
 * "prim.vert"). Returns the program, or 0 with the file name and the
 * driver's log in err. */
GLuint shader_build(const gl_api *gl, const char *vert_name, const char *frag_name, char *err,
                    size_t errlen);
/* The same, with the embedded file frag_lib (e.g. "viridis.glsl": shared
 * GLSL functions) put in front of frag_name's source; NULL: none. */
GLuint shader_build_lib(const gl_api *gl, const char *vert_name, const char *frag_name,
                        const char *frag_lib, char *err, size_t errlen);

#endif
