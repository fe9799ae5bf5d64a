/*
 * gl.h: the GL 3.3 core function table, loaded at run time through the
 * caller's render_proc_loader (SDL_GL_GetProcAddress). No GLEW, no glad:
 * the Khronos glcorearb.h header provides the types and PFN typedefs only.
 * Only files in src/render/ include this header. The table lives inside
 * struct renderer; code calls it as gl->Clear(...).
 */
#ifndef OPTIVIZ_RENDER_GL_H
#define OPTIVIZ_RENDER_GL_H

#include <stdbool.h>
#include <stddef.h>

#include <GL/glcorearb.h>

#include "renderer.h"

/* OpenGL ES (WebGL2) clears depth with a float, desktop GL 3.3 with a
 * double; gl_clear_depth_one calls whichever the table holds. */
#ifdef __EMSCRIPTEN__
#define GL_CLEAR_DEPTH(X) X(PFNGLCLEARDEPTHFPROC, ClearDepthf)
#else
#define GL_CLEAR_DEPTH(X) X(PFNGLCLEARDEPTHPROC, ClearDepth)
#endif

/* X(type, name): every entry point optiviz uses, without the "gl" prefix. */
#define GL_FUNCTIONS(X)                                             \
    X(PFNGLGETSTRINGPROC, GetString)                                \
    X(PFNGLGETSTRINGIPROC, GetStringi)                              \
    X(PFNGLGETERRORPROC, GetError)                                  \
    X(PFNGLGETINTEGERVPROC, GetIntegerv)                            \
    X(PFNGLCLEARPROC, Clear)                                        \
    X(PFNGLCLEARCOLORPROC, ClearColor)                              \
    GL_CLEAR_DEPTH(X)                                               \
    X(PFNGLVIEWPORTPROC, Viewport)                                  \
    X(PFNGLSCISSORPROC, Scissor)                                    \
    X(PFNGLENABLEPROC, Enable)                                      \
    X(PFNGLDISABLEPROC, Disable)                                    \
    X(PFNGLBLENDFUNCPROC, BlendFunc)                                \
    X(PFNGLDEPTHFUNCPROC, DepthFunc)                                \
    X(PFNGLDEPTHMASKPROC, DepthMask)                                \
    X(PFNGLPIXELSTOREIPROC, PixelStorei)                            \
    X(PFNGLREADPIXELSPROC, ReadPixels)                              \
    X(PFNGLFINISHPROC, Finish)                                      \
    X(PFNGLCREATESHADERPROC, CreateShader)                          \
    X(PFNGLSHADERSOURCEPROC, ShaderSource)                          \
    X(PFNGLCOMPILESHADERPROC, CompileShader)                        \
    X(PFNGLGETSHADERIVPROC, GetShaderiv)                            \
    X(PFNGLGETSHADERINFOLOGPROC, GetShaderInfoLog)                  \
    X(PFNGLDELETESHADERPROC, DeleteShader)                          \
    X(PFNGLCREATEPROGRAMPROC, CreateProgram)                        \
    X(PFNGLATTACHSHADERPROC, AttachShader)                          \
    X(PFNGLLINKPROGRAMPROC, LinkProgram)                            \
    X(PFNGLGETPROGRAMIVPROC, GetProgramiv)                          \
    X(PFNGLGETPROGRAMINFOLOGPROC, GetProgramInfoLog)                \
    X(PFNGLDELETEPROGRAMPROC, DeleteProgram)                        \
    X(PFNGLUSEPROGRAMPROC, UseProgram)                              \
    X(PFNGLGETUNIFORMLOCATIONPROC, GetUniformLocation)              \
    X(PFNGLUNIFORM1IPROC, Uniform1i)                                \
    X(PFNGLUNIFORM1FPROC, Uniform1f)                                \
    X(PFNGLUNIFORM2FPROC, Uniform2f)                                \
    X(PFNGLUNIFORM3FPROC, Uniform3f)                                \
    X(PFNGLUNIFORM4FPROC, Uniform4f)                                \
    X(PFNGLUNIFORMMATRIX4FVPROC, UniformMatrix4fv)                  \
    X(PFNGLGENBUFFERSPROC, GenBuffers)                              \
    X(PFNGLDELETEBUFFERSPROC, DeleteBuffers)                        \
    X(PFNGLBINDBUFFERPROC, BindBuffer)                              \
    X(PFNGLBUFFERDATAPROC, BufferData)                              \
    X(PFNGLGENVERTEXARRAYSPROC, GenVertexArrays)                    \
    X(PFNGLDELETEVERTEXARRAYSPROC, DeleteVertexArrays)              \
    X(PFNGLBINDVERTEXARRAYPROC, BindVertexArray)                    \
    X(PFNGLENABLEVERTEXATTRIBARRAYPROC, EnableVertexAttribArray)    \
    X(PFNGLVERTEXATTRIBPOINTERPROC, VertexAttribPointer)            \
    X(PFNGLVERTEXATTRIBDIVISORPROC, VertexAttribDivisor)            \
    X(PFNGLDRAWARRAYSINSTANCEDPROC, DrawArraysInstanced)            \
    X(PFNGLDRAWELEMENTSPROC, DrawElements)                          \
    X(PFNGLGENTEXTURESPROC, GenTextures)                            \
    X(PFNGLDELETETEXTURESPROC, DeleteTextures)                      \
    X(PFNGLBINDTEXTUREPROC, BindTexture)                            \
    X(PFNGLACTIVETEXTUREPROC, ActiveTexture)                        \
    X(PFNGLTEXIMAGE2DPROC, TexImage2D)                              \
    X(PFNGLTEXSUBIMAGE2DPROC, TexSubImage2D)                        \
    X(PFNGLTEXPARAMETERIPROC, TexParameteri)                        \
    X(PFNGLDRAWARRAYSPROC, DrawArrays)                              \
    X(PFNGLGENFRAMEBUFFERSPROC, GenFramebuffers)                    \
    X(PFNGLDELETEFRAMEBUFFERSPROC, DeleteFramebuffers)              \
    X(PFNGLBINDFRAMEBUFFERPROC, BindFramebuffer)                    \
    X(PFNGLFRAMEBUFFERTEXTURE2DPROC, FramebufferTexture2D)          \
    X(PFNGLCHECKFRAMEBUFFERSTATUSPROC, CheckFramebufferStatus)      \
    X(PFNGLBLITFRAMEBUFFERPROC, BlitFramebuffer)                    \
    X(PFNGLGETFRAMEBUFFERATTACHMENTPARAMETERIVPROC, GetFramebufferAttachmentParameteriv)

typedef struct gl_api {
#define GL_API_MEMBER(type, name) type name;
    GL_FUNCTIONS(GL_API_MEMBER)
#undef GL_API_MEMBER
    /* Optional (OpenGL 4.5 or ARB_clip_control); NULL where the context
     * lacks it. */
    PFNGLCLIPCONTROLPROC ClipControl;
} gl_api;

/* Resolves every entry point of GL_FUNCTIONS with load and checks that the
 * context is GL 3.3 or newer, then the optional ones the context offers.
 * On failure writes the missing function or the version found into err and
 * returns false. */
bool gl_load(gl_api *gl, render_proc_loader load, char *err, size_t errlen);

/* Sets the depth clear value to 1 (the far plane). */
static inline void gl_clear_depth_one(const gl_api *gl)
{
#ifdef __EMSCRIPTEN__
    gl->ClearDepthf(1.0f);
#else
    gl->ClearDepth(1.0);
#endif
}

#endif
