/*
 * layer.c: the retained static layer. The part of a frame that does not
 * change (axes, curves, labels, panels, the wireframe) is drawn once into a
 * framebuffer object of the frame's size, an RGBA8 color texture plus a
 * depth texture of the frame's depth format, and kept under the caller's
 * key; later frames with the same key, size and background copy it in and
 * draw only what moves. A key earns a layer when a second frame in a row
 * shows it: the first frame draws straight into the window, so a program's
 * first frame (and every frame of a view that changes each frame, as while
 * rotating) costs no layer textures, no copy and no blit probe. It is drawn on the same cleared background, in the
 * same order, by the same rasterizer as it would be in the frame, so the
 * result is bit-identical to drawing it directly. That takes one care on
 * Mesa: the window's framebuffer is stored top row first, and rasterizes
 * with a flipped viewport and the matching edge rule, while a framebuffer
 * object is stored bottom row first; drawing the layer with
 * glClipControl(GL_UPPER_LEFT) gives it the window's viewport transform and
 * edge rule, so both hold the same bytes in the same rows (scissor boxes
 * and prim.frag's use of gl_FragCoord follow r->y_down). Without
 * glClipControl (before GL 4.5 and ARB_clip_control) the layer is stored
 * unflipped, and pixels on exact triangle edges may differ from the window.
 *
 * The copy is glBlitFramebuffer of color and depth (flipped vertically in
 * GL's terms when the layer is stored top row first, which is no flip in
 * memory). Mesa makes a blit between equal (or alpha-to-X) formats a plain
 * memcpy, ~0.7 ms per 8 MB buffer at 1080p, and anything else a shader
 * pass, ~4 ms on llvmpipe; so the color texture is BGRA like the window
 * and the depth texture takes the frame's depth format (bits, stencil,
 * type), which a blit of depth needs anyway. A 1-pixel blit checks once
 * that the driver accepts it; if not, the copy is a full-screen triangle through
 * shaders/copy.frag (color, and depth via gl_FragDepth), and if that cannot
 * be built either, the layer is off and every frame draws everything.
 * The copy overwrites the whole frame, so render_begin's (deferred) clear
 * is dropped; the frame's depth counts as cleared when the layer drew 3D
 * content, else it stays to be cleared lazily (render_depth_ready).
 */
#include <string.h>

#include "render_internal.h"
#include "shader.h"

/* The format of the frame's depth buffer, which the layer's must equal. */
typedef struct depth_format {
    GLenum internal; /* 0: the framebuffer has no depth buffer */
    GLenum format, type;
    GLenum attachment;
    GLbitfield blit_bits; /* depth, with stencil when the format has it */
} depth_format;

static void layer_release(renderer *r)
{
    render_layer *l = &r->layer;
    const gl_api *gl = &r->gl;
    if (l->fbo)
        gl->DeleteFramebuffers(1, &l->fbo);
    if (l->color_tex)
        gl->DeleteTextures(1, &l->color_tex);
    if (l->depth_tex)
        gl->DeleteTextures(1, &l->depth_tex);
    l->fbo = l->color_tex = l->depth_tex = 0;
    l->w = l->h = 0;
    l->key = 0;
}

void layer_destroy(renderer *r)
{
    render_layer *l = &r->layer;
    if (r->gl_ready) {
        layer_release(r);
        if (l->copy_program)
            r->gl.DeleteProgram(l->copy_program);
        if (l->copy_vao)
            r->gl.DeleteVertexArrays(1, &l->copy_vao);
    }
    memset(l, 0, sizeof *l);
}

/* Reads the depth format of the frame's framebuffer (bound to
 * GL_DRAW_FRAMEBUFFER): a blit of depth needs the same on both sides, and
 * is a plain copy only then. */
static depth_format frame_depth_format(renderer *r)
{
    const gl_api *gl = &r->gl;
    const bool is_default = r->layer.frame_fbo == 0;
    const GLenum depth_att = is_default ? GL_DEPTH : GL_DEPTH_ATTACHMENT;
    const GLenum stencil_att = is_default ? GL_STENCIL : GL_STENCIL_ATTACHMENT;
    GLint type = GL_NONE, bits = 0, comp = GL_UNSIGNED_NORMALIZED, stype = GL_NONE, sbits = 0;
    depth_format f = {0};
    gl->GetFramebufferAttachmentParameteriv(GL_DRAW_FRAMEBUFFER, depth_att,
                                            GL_FRAMEBUFFER_ATTACHMENT_OBJECT_TYPE, &type);
    if (type == GL_NONE) {
        while (gl->GetError() != GL_NO_ERROR) {
        }
        return f;
    }
    gl->GetFramebufferAttachmentParameteriv(GL_DRAW_FRAMEBUFFER, depth_att,
                                            GL_FRAMEBUFFER_ATTACHMENT_DEPTH_SIZE, &bits);
    gl->GetFramebufferAttachmentParameteriv(GL_DRAW_FRAMEBUFFER, depth_att,
                                            GL_FRAMEBUFFER_ATTACHMENT_COMPONENT_TYPE, &comp);
    gl->GetFramebufferAttachmentParameteriv(GL_DRAW_FRAMEBUFFER, stencil_att,
                                            GL_FRAMEBUFFER_ATTACHMENT_OBJECT_TYPE, &stype);
    if (stype != GL_NONE)
        gl->GetFramebufferAttachmentParameteriv(GL_DRAW_FRAMEBUFFER, stencil_att,
                                                GL_FRAMEBUFFER_ATTACHMENT_STENCIL_SIZE, &sbits);
    while (gl->GetError() != GL_NO_ERROR) {
    }
    const bool stencil = sbits > 0, is_float = comp == GL_FLOAT;
    f.format = GL_DEPTH_COMPONENT;
    f.type = is_float ? GL_FLOAT : GL_UNSIGNED_INT;
    f.attachment = GL_DEPTH_ATTACHMENT;
    f.blit_bits = GL_DEPTH_BUFFER_BIT;
    if (stencil) {
        f.internal = is_float ? GL_DEPTH32F_STENCIL8 : GL_DEPTH24_STENCIL8;
        f.format = GL_DEPTH_STENCIL;
        f.type = is_float ? GL_FLOAT_32_UNSIGNED_INT_24_8_REV : GL_UNSIGNED_INT_24_8;
        f.attachment = GL_DEPTH_STENCIL_ATTACHMENT;
        f.blit_bits |= GL_STENCIL_BUFFER_BIT;
    } else if (is_float) {
        f.internal = GL_DEPTH_COMPONENT32F;
    } else if (bits > 0 && bits <= 16) {
        f.internal = GL_DEPTH_COMPONENT16;
    } else if (bits > 24) {
        f.internal = GL_DEPTH_COMPONENT32;
    } else {
        f.internal = GL_DEPTH_COMPONENT24;
    }
    return f;
}

static GLuint texture_new(const gl_api *gl, GLenum internal, int w, int h, GLenum format,
                          GLenum type)
{
    GLuint t = 0;
    gl->GenTextures(1, &t);
    gl->BindTexture(GL_TEXTURE_2D, t);
    gl->TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    gl->TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    gl->TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    gl->TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    gl->TexImage2D(GL_TEXTURE_2D, 0, (GLint)internal, w, h, 0, format, type, NULL);
    return t;
}

/* Builds copy.vert + copy.frag on first need; false if it does not build. */
static bool copy_program_ready(renderer *r)
{
    render_layer *l = &r->layer;
    if (l->copy_program)
        return true;
    if (l->copy_failed)
        return false;
    const gl_api *gl = &r->gl;
    char err[256];
    l->copy_program = shader_build(gl, "copy.vert", "copy.frag", err, sizeof err);
    if (!l->copy_program) {
        l->copy_failed = true;
        return false;
    }
    gl->UseProgram(l->copy_program);
    gl->Uniform1i(gl->GetUniformLocation(l->copy_program, "u_color"), 0);
    gl->Uniform1i(gl->GetUniformLocation(l->copy_program, "u_depth"), 1);
    l->u_flip = gl->GetUniformLocation(l->copy_program, "u_flip_rows");
    gl->GenVertexArrays(1, &l->copy_vao);
    return true;
}

/* Picks how the layer is copied: a 1-pixel blit of color and depth from
 * the layer tells whether the driver takes the formats (the frame's
 * content there does not matter yet: it is cleared or overwritten later). */
static void layer_choose_copy(renderer *r, GLbitfield depth_bits)
{
    render_layer *l = &r->layer;
    const gl_api *gl = &r->gl;
    while (gl->GetError() != GL_NO_ERROR) {
    }
    gl->BindFramebuffer(GL_READ_FRAMEBUFFER, l->fbo);
    gl->BindFramebuffer(GL_DRAW_FRAMEBUFFER, l->frame_fbo);
    gl->DepthMask(GL_TRUE);
    /* oriented as layer_copy_to_frame's copy: the same path in the driver
     * (unflipped in memory, a plain copy on Mesa, where the other way round
     * would make llvmpipe compile its blit shaders for nothing) */
    gl->BlitFramebuffer(0, 0, 1, 1, 0, l->flip ? 1 : 0, 1, l->flip ? 0 : 1,
                        GL_COLOR_BUFFER_BIT | depth_bits, GL_NEAREST);
    gl->DepthMask(GL_FALSE);
    bool blit_ok = gl->GetError() == GL_NO_ERROR;
    gl->BindFramebuffer(GL_FRAMEBUFFER, l->frame_fbo);
    if (blit_ok)
        l->copy = LAYER_COPY_BLIT;
    else if (copy_program_ready(r))
        l->copy = LAYER_COPY_DRAW;
    else
        l->copy = LAYER_COPY_NONE;
}

/* Makes the layer framebuffer match the frame's size (recreated on a
 * change, which drops the kept content). False if it cannot be made. */
static bool layer_ready(renderer *r)
{
    render_layer *l = &r->layer;
    if (l->fbo && l->w == r->fb_w && l->h == r->fb_h)
        return true;
    layer_release(r);
    const gl_api *gl = &r->gl;
    const depth_format df = frame_depth_format(r);
    /* Unsized GL_RGBA with BGRA bytes: Mesa then stores B8G8R8A8, the byte
     * order of window framebuffers (B8G8R8X8 on llvmpipe), and a blit
     * between the two is a memcpy; from the R8G8B8A8 that GL_RGBA8 gets
     * it is a shader pass (about 4 ms at 1080p on llvmpipe). */
    l->color_tex = texture_new(gl, GL_RGBA, r->fb_w, r->fb_h, GL_BGRA, GL_UNSIGNED_BYTE);
    if (df.internal)
        l->depth_tex = texture_new(gl, df.internal, r->fb_w, r->fb_h, df.format, df.type);
    gl->BindTexture(GL_TEXTURE_2D, 0);
    gl->GenFramebuffers(1, &l->fbo);
    gl->BindFramebuffer(GL_FRAMEBUFFER, l->fbo);
    gl->FramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, l->color_tex, 0);
    if (l->depth_tex)
        gl->FramebufferTexture2D(GL_FRAMEBUFFER, df.attachment, GL_TEXTURE_2D, l->depth_tex, 0);
    bool ok = gl->CheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
    if (!ok)
        l->copy = LAYER_COPY_NONE; /* the driver will not render to it: stop trying */
    if (ok) {
        /* Defined content everywhere (stencil is copied along, never used). */
        gl->Disable(GL_SCISSOR_TEST);
        gl->DepthMask(GL_TRUE);
        gl->ClearColor(0, 0, 0, 0);
        gl->ClearDepth(1.0);
        gl->Clear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
        gl->DepthMask(GL_FALSE);
        if (r->clip_on)
            gl->Enable(GL_SCISSOR_TEST);
    }
    gl->BindFramebuffer(GL_FRAMEBUFFER, l->frame_fbo);
    if (!ok) {
        layer_release(r);
        return false;
    }
    l->w = r->fb_w;
    l->h = r->fb_h;
    l->flip = l->frame_fbo == 0 && gl->ClipControl;
    l->depth_bits = df.internal ? df.blit_bits : 0;
    if (l->copy == LAYER_COPY_UNTRIED)
        layer_choose_copy(r, df.internal ? df.blit_bits : 0);
    if (l->copy == LAYER_COPY_NONE) {
        layer_release(r);
        return false;
    }
    return true;
}

/* Copies the kept layer over the whole frame (bound as GL_FRAMEBUFFER). */
static void layer_copy_to_frame(renderer *r)
{
    render_layer *l = &r->layer;
    const gl_api *gl = &r->gl;
    const bool depth = l->depth_valid && l->depth_tex;
    if (r->clip_on)
        gl->Disable(GL_SCISSOR_TEST);
    if (l->copy == LAYER_COPY_BLIT) {
        gl->BindFramebuffer(GL_READ_FRAMEBUFFER, l->fbo);
        gl->DepthMask(GL_TRUE);
        gl->BlitFramebuffer(0, 0, l->w, l->h, 0, l->flip ? l->h : 0, l->w, l->flip ? 0 : l->h,
                            GL_COLOR_BUFFER_BIT | (depth ? l->depth_bits : 0), GL_NEAREST);
        gl->DepthMask(GL_FALSE);
        gl->BindFramebuffer(GL_READ_FRAMEBUFFER, l->frame_fbo);
    } else {
        gl->Disable(GL_BLEND);
        if (depth) {
            gl->Enable(GL_DEPTH_TEST);
            gl->DepthFunc(GL_ALWAYS);
            gl->DepthMask(GL_TRUE);
        } else {
            gl->Disable(GL_DEPTH_TEST);
        }
        gl->UseProgram(l->copy_program);
        gl->Uniform1i(l->u_flip, l->flip ? l->h : 0);
        gl->ActiveTexture(GL_TEXTURE1);
        gl->BindTexture(GL_TEXTURE_2D, l->depth_tex);
        gl->ActiveTexture(GL_TEXTURE0);
        gl->BindTexture(GL_TEXTURE_2D, l->color_tex);
        gl->BindVertexArray(l->copy_vao);
        gl->DrawArrays(GL_TRIANGLES, 0, 3);
        gl->BindVertexArray(0);
        /* Unbound, so drawing into the layer never samples it. */
        gl->ActiveTexture(GL_TEXTURE1);
        gl->BindTexture(GL_TEXTURE_2D, 0);
        gl->ActiveTexture(GL_TEXTURE0);
        gl->DepthMask(GL_FALSE);
        gl->DepthFunc(GL_LEQUAL);
        gl->Disable(GL_DEPTH_TEST);
        gl->Enable(GL_BLEND);
    }
    if (r->clip_on)
        gl->Enable(GL_SCISSOR_TEST);
    r->clear_pending = false; /* every pixel was written */
    r->depth_cleared = depth;
}

bool render_layer_begin(renderer *r, uint64_t key)
{
    if (!r)
        return true;
    render_layer *l = &r->layer;
    layer_finish(r);
    if (key == 0 || l->copy == LAYER_COPY_NONE || r->text_fn)
        return true; /* observed text (render_observe_text) is drawn every frame */
    batch_flush(r); /* anything drawn before goes to the frame */
    const gl_api *gl = &r->gl;
    GLint bound = 0;
    gl->GetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &bound);
    if ((GLuint)bound != l->frame_fbo) {
        /* Another frame framebuffer (not SDL's 0): formats may differ. */
        layer_release(r);
        l->frame_fbo = (GLuint)bound;
        l->copy = LAYER_COPY_UNTRIED;
    }
    if (l->key == key && l->w == r->fb_w && l->h == r->fb_h &&
        memcmp(l->bg, r->clear_color, sizeof l->bg) == 0) {
        layer_copy_to_frame(r);
        return false;
    }
    if (l->seen_key != key || l->seen_w != r->fb_w || l->seen_h != r->fb_h ||
        memcmp(l->seen_bg, r->clear_color, sizeof l->seen_bg) != 0) {
        /* first sighting: straight into the frame */
        l->seen_key = key;
        l->seen_w = r->fb_w;
        l->seen_h = r->fb_h;
        memcpy(l->seen_bg, r->clear_color, sizeof l->seen_bg);
        return true;
    }
    if (!layer_ready(r))
        return true;
    /* Record: the layer starts as the frame would, cleared to the
     * background, depth not yet cleared. */
    l->key = 0;
    l->pending_key = key;
    memcpy(l->bg, r->clear_color, sizeof l->bg);
    gl->BindFramebuffer(GL_FRAMEBUFFER, l->fbo);
    if (l->flip)
        gl->ClipControl(GL_UPPER_LEFT, GL_NEGATIVE_ONE_TO_ONE);
    r->y_down = l->flip;
    r->clear_pending = true;
    r->depth_cleared = false;
    l->recording = true;
    return true;
}

void render_layer_end(renderer *r)
{
    if (!r)
        return;
    layer_finish(r);
    render_clip(r, 0, 0, 0, 0);
}

void layer_finish(renderer *r)
{
    render_layer *l = &r->layer;
    if (!l->recording)
        return;
    batch_flush(r);
    render_color_ready(r); /* an empty layer is still the background */
    l->recording = false;
    l->depth_valid = r->depth_cleared;
    l->key = l->pending_key;
    if (l->flip)
        r->gl.ClipControl(GL_LOWER_LEFT, GL_NEGATIVE_ONE_TO_ONE);
    r->y_down = false;
    r->gl.BindFramebuffer(GL_FRAMEBUFFER, l->frame_fbo);
    layer_copy_to_frame(r);
}
