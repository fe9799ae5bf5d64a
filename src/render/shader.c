/*
 * shader.c: program building. Looks a file up in the embedded table, puts
 * the #version line (and, for a fragment shader that asks, a library file
 * such as viridis.glsl) in front, compiles, links, and turns any failure
 * into one line naming the file, with the driver's log folded onto that line.
 */
#include "shader.h"

#include <stdio.h>
#include <string.h>

#include "shaders_embedded.h"

#ifdef __EMSCRIPTEN__
/* GLSL ES wants a default float precision in fragment shaders. */
#define SHADER_VERSION_LINE "#version 300 es\nprecision highp float;\nprecision highp int;\n"
#else
#define SHADER_VERSION_LINE "#version 330 core\n"
#endif

static const char *embedded_source(const char *name)
{
    for (int i = 0; i < EMBEDDED_SHADER_COUNT; i++) {
        if (strcmp(embedded_shaders[i].name, name) == 0)
            return embedded_shaders[i].source;
    }
    return NULL;
}

/* Writes "what name: log" into err, with the log's newlines turned into
 * "; " so the message stays one line. */
static void format_log(char *err, size_t errlen, const char *what, const char *name,
                       const char *log)
{
    int n = snprintf(err, errlen, "%s %s: ", what, name);
    if (n < 0 || (size_t)n >= errlen)
        return;
    size_t pos = (size_t)n;
    for (const char *s = log; *s && pos + 3 < errlen; s++) {
        if (*s == '\n') {
            if (s[1] != '\0') {
                err[pos++] = ';';
                err[pos++] = ' ';
            }
        } else if (*s != '\r') {
            err[pos++] = *s;
        }
    }
    err[pos] = '\0';
}

/* Compiles the embedded file name, preceded by the embedded file lib when
 * lib is not NULL (shared functions; GLSL has no #include). */
static GLuint compile(const gl_api *gl, GLenum type, const char *name, const char *lib,
                      char *err, size_t errlen)
{
    const char *body = embedded_source(name);
    const char *lib_body = lib ? embedded_source(lib) : "";
    if (!body || !lib_body) {
        snprintf(err, errlen, "shader %s is not embedded in this build", body ? lib : name);
        return 0;
    }
    GLuint sh = gl->CreateShader(type);
    if (!sh) {
        snprintf(err, errlen, "shader %s: glCreateShader failed", name);
        return 0;
    }
    /* "#line 1" after a library keeps the driver's line numbers the file's. */
    const char *parts[4] = {SHADER_VERSION_LINE, lib_body, lib ? "\n#line 1\n" : "", body};
    gl->ShaderSource(sh, 4, parts, NULL);
    gl->CompileShader(sh);
    GLint ok = GL_FALSE;
    gl->GetShaderiv(sh, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[1024] = "(no log)";
        gl->GetShaderInfoLog(sh, (GLsizei)sizeof log, NULL, log);
        format_log(err, errlen, "cannot compile shader", name, log);
        gl->DeleteShader(sh);
        return 0;
    }
    return sh;
}

GLuint shader_build(const gl_api *gl, const char *vert_name, const char *frag_name, char *err,
                    size_t errlen)
{
    return shader_build_lib(gl, vert_name, frag_name, NULL, err, errlen);
}

GLuint shader_build_lib(const gl_api *gl, const char *vert_name, const char *frag_name,
                        const char *frag_lib, char *err, size_t errlen)
{
    GLuint prog = 0;
    GLuint vs = compile(gl, GL_VERTEX_SHADER, vert_name, NULL, err, errlen);
    GLuint fs = vs ? compile(gl, GL_FRAGMENT_SHADER, frag_name, frag_lib, err, errlen) : 0;
    if (!vs || !fs)
        goto cleanup;

    prog = gl->CreateProgram();
    gl->AttachShader(prog, vs);
    gl->AttachShader(prog, fs);
    gl->LinkProgram(prog);
    GLint ok = GL_FALSE;
    gl->GetProgramiv(prog, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[1024] = "(no log)";
        gl->GetProgramInfoLog(prog, (GLsizei)sizeof log, NULL, log);
        char both[256];
        snprintf(both, sizeof both, "%s + %s", vert_name, frag_name);
        format_log(err, errlen, "cannot link shaders", both, log);
        gl->DeleteProgram(prog);
        prog = 0;
    }

cleanup:
    if (vs)
        gl->DeleteShader(vs);
    if (fs)
        gl->DeleteShader(fs);
    return prog;
}
