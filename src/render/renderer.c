/*
 * renderer.c: the renderer's life cycle (create, free), the frame (begin,
 * end, clip, read back) and prim_batch, the stream every 2D shape goes
 * through. A shape is one 4-vertex quad whose vertices all carry the
 * shape's parameters; its exact geometry is evaluated per pixel by
 * shaders/prim.frag. Shapes collect in a CPU array and go to the GPU in one
 * glBufferData (orphaning the streaming VBO) and one glDrawElements per
 * run (not instanced: llvmpipe runs its vertex pipeline once per
 * instance). A flush draws runs of consecutive primitives of one program:
 * glyph.frag for glyphs, fill.frag (blending off) for opaque panels,
 * prim.frag for the rest; llvmpipe executes every branch of a shader, so
 * small programs are far cheaper per pixel. Flushes happen only when the
 * depth mode or the clip changes, before a wireframe, and at render_end, so
 * draws appear in call order at a cost of a few draw calls per frame.
 * Blending is premultiplied alpha: ONE, ONE_MINUS_SRC_ALPHA.
 * Clears are lazy: render_begin's color clear waits for the first draw (a
 * frame that starts with a copy of the static layer, layer.c, skips it)
 * and the depth clear for the first depth-tested draw.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_internal.h"
#include "shader.h"

void color_to_u8(uint8_t out[4], rgba c)
{
    const float v[4] = {c.r, c.g, c.b, c.a};
    for (int i = 0; i < 4; i++) {
        float x = v[i] >= 0.0f ? (v[i] <= 1.0f ? v[i] : 1.0f) : 0.0f; /* NaN -> 0 */
        out[i] = (uint8_t)(x * 255.0f + 0.5f);
    }
}

float *render_scratch(renderer *r, size_t n)
{
    if (n > r->scratch_cap) {
        size_t cap = r->scratch_cap ? r->scratch_cap : 1024;
        while (cap < n)
            cap *= 2;
        float *p = realloc(r->scratch, cap * sizeof *p);
        if (!p)
            return NULL;
        r->scratch = p;
        r->scratch_cap = cap;
    }
    return r->scratch;
}

bool render_build_once(renderer *r, build_state *state,
                       bool (*build)(renderer *r, char *err, size_t errlen))
{
    if (*state == BUILD_UNTRIED) {
        char err[1024];
        *state = build(r, err, sizeof err) ? BUILD_OK : BUILD_FAILED;
        if (*state == BUILD_FAILED)
            fprintf(stderr, "optiviz: %s\n", err);
    }
    return *state == BUILD_OK;
}

/* ---- prim_batch ---------------------------------------------------------- */

static bool batch_init(renderer *r, char *err, size_t errlen)
{
    const gl_api *gl = &r->gl;
    prim_batch *b = &r->batch;
    b->program = shader_build(gl, "prim.vert", "prim.frag", err, errlen);
    if (!b->program)
        return false;
    b->glyph_program = shader_build(gl, "prim.vert", "glyph.frag", err, errlen);
    if (!b->glyph_program)
        return false;
    b->fill_program = shader_build(gl, "prim.vert", "fill.frag", err, errlen);
    if (!b->fill_program)
        return false;
    b->u_fb = gl->GetUniformLocation(b->program, "u_fb");
    b->u_frag_y = gl->GetUniformLocation(b->program, "u_frag_y");
    b->u_fb_fill = gl->GetUniformLocation(b->fill_program, "u_fb");
    b->u_fb_glyph = gl->GetUniformLocation(b->glyph_program, "u_fb");
    b->u_atlas = gl->GetUniformLocation(b->glyph_program, "u_atlas");
    gl->UseProgram(b->glyph_program);
    gl->Uniform1i(b->u_atlas, 0);

    gl->GenVertexArrays(1, &b->vao);
    gl->GenBuffers(1, &b->vertex_vbo);
    gl->GenBuffers(1, &b->index_ibo);
    gl->BindVertexArray(b->vao);
    gl->BindBuffer(GL_ARRAY_BUFFER, b->vertex_vbo);
    gl->BindBuffer(GL_ELEMENT_ARRAY_BUFFER, b->index_ibo);
    const GLsizei stride = (GLsizei)sizeof(prim_vertex);
    const struct {
        GLuint loc;
        GLint n;
        GLenum type;
        GLboolean norm;
        size_t off;
    } attrs[] = {
        {0, 2, GL_UNSIGNED_BYTE, GL_FALSE, offsetof(prim_vertex, corner)},
        {1, 4, GL_FLOAT, GL_FALSE, offsetof(prim_vertex, prim.geom)},
        {2, 4, GL_FLOAT, GL_FALSE, offsetof(prim_vertex, prim.extra)},
        {3, 4, GL_FLOAT, GL_FALSE, offsetof(prim_vertex, prim.param)},
        {4, 4, GL_UNSIGNED_BYTE, GL_TRUE, offsetof(prim_vertex, prim.color)},
        {5, 4, GL_UNSIGNED_BYTE, GL_TRUE, offsetof(prim_vertex, prim.color2)},
    };
    for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++) {
        gl->EnableVertexAttribArray(attrs[i].loc);
        gl->VertexAttribPointer(attrs[i].loc, attrs[i].n, attrs[i].type, attrs[i].norm, stride,
                                (const void *)attrs[i].off);
    }
    gl->BindVertexArray(0);
    return true;
}

static void batch_destroy(renderer *r)
{
    prim_batch *b = &r->batch;
    if (r->gl_ready) {
        const gl_api *gl = &r->gl;
        if (b->program)
            gl->DeleteProgram(b->program);
        if (b->glyph_program)
            gl->DeleteProgram(b->glyph_program);
        if (b->fill_program)
            gl->DeleteProgram(b->fill_program);
        if (b->vao)
            gl->DeleteVertexArrays(1, &b->vao);
        if (b->vertex_vbo)
            gl->DeleteBuffers(1, &b->vertex_vbo);
        if (b->index_ibo)
            gl->DeleteBuffers(1, &b->index_ibo);
    }
    free(b->items);
    free(b->verts);
    memset(b, 0, sizeof *b);
}

prim_instance *batch_push(renderer *r, batch_mode mode)
{
    prim_batch *b = &r->batch;
    if (b->count > 0 && b->mode != mode)
        batch_flush(r);
    b->mode = mode;
    if (b->count == b->cap) {
        int cap = b->cap ? b->cap * 2 : 1024;
        prim_instance *p = realloc(b->items, (size_t)cap * sizeof *p);
        if (!p)
            return NULL;
        b->items = p;
        prim_vertex *v = realloc(b->verts, (size_t)cap * 4 * sizeof *v);
        if (!v)
            return NULL;
        b->verts = v;
        b->cap = cap;
    }
    prim_instance *it = &b->items[b->count++];
    memset(it, 0, sizeof *it);
    return it;
}

/* Points the index buffer (bound in the VAO) at n quads of 4 vertices,
 * two triangles each, in the corner order (0,0) (1,0) (0,1) (1,1). */
static bool batch_indices(renderer *r, int n)
{
    prim_batch *b = &r->batch;
    if (n <= b->index_quads)
        return true;
    int quads = b->cap > n ? b->cap : n;
    GLuint *idx = malloc((size_t)quads * 6 * sizeof *idx);
    if (!idx)
        return false;
    for (int q = 0; q < quads; q++) {
        GLuint v = (GLuint)q * 4u;
        GLuint *o = idx + (size_t)q * 6;
        o[0] = v, o[1] = v + 1, o[2] = v + 2;
        o[3] = v + 2, o[4] = v + 1, o[5] = v + 3;
    }
    r->gl.BufferData(GL_ELEMENT_ARRAY_BUFFER, (GLsizeiptr)((size_t)quads * 6 * sizeof *idx), idx,
                     GL_STATIC_DRAW);
    free(idx);
    b->index_quads = quads;
    return true;
}

/* The program that draws primitives of this kind. */
static GLuint batch_program(const prim_batch *b, float kind)
{
    if (kind == (float)PRIM_GLYPH)
        return b->glyph_program;
    if (kind == (float)PRIM_FILL)
        return b->fill_program;
    return b->program;
}

/* Primitives go to the GPU as plain indexed quads (each vertex carries its
 * primitive) rather than as instances: llvmpipe runs its whole vertex
 * pipeline once per instance (that cost ~20% of a 2D frame). */
void batch_flush(renderer *r)
{
    prim_batch *b = &r->batch;
    if (b->count == 0)
        return;
    const gl_api *gl = &r->gl;
    gl->UseProgram(b->glyph_program);
    gl->Uniform2f(b->u_fb_glyph, (float)r->fb_w, (float)r->fb_h);
    gl->UseProgram(b->fill_program);
    gl->Uniform2f(b->u_fb_fill, (float)r->fb_w, (float)r->fb_h);
    gl->UseProgram(b->program);
    gl->Uniform2f(b->u_fb, (float)r->fb_w, (float)r->fb_h);
    if (r->y_down)
        gl->Uniform2f(b->u_frag_y, 0.0f, 1.0f);
    else
        gl->Uniform2f(b->u_frag_y, (float)r->fb_h, -1.0f);
    if (b->mode == BATCH_3D)
        render_depth_ready(r);
    else
        render_color_ready(r);
    GLuint current = b->program;
    gl->ActiveTexture(GL_TEXTURE0);
    gl->BindTexture(GL_TEXTURE_2D, r->text.atlas);
    if (b->mode == BATCH_3D) {
        gl->Enable(GL_DEPTH_TEST);
        gl->DepthFunc(GL_LEQUAL);
    } else {
        gl->Disable(GL_DEPTH_TEST);
    }
    gl->DepthMask(GL_FALSE);
    gl->BindVertexArray(b->vao);
    if (batch_indices(r, b->count)) {
        for (int i = 0; i < b->count; i++) {
            prim_vertex *v = b->verts + (size_t)i * 4;
            for (int c = 0; c < 4; c++) {
                v[c].prim = b->items[i];
                v[c].corner[0] = (uint8_t)(c & 1);
                v[c].corner[1] = (uint8_t)(c >> 1);
                v[c].corner[2] = v[c].corner[3] = 0;
            }
        }
        gl->BindBuffer(GL_ARRAY_BUFFER, b->vertex_vbo);
        gl->BufferData(GL_ARRAY_BUFFER, (GLsizeiptr)((size_t)b->count * 4 * sizeof(prim_vertex)),
                       b->verts, GL_STREAM_DRAW);
        /* Runs of glyphs, of fills and of other shapes, in call order. */
        for (int start = 0; start < b->count;) {
            GLuint program = batch_program(b, b->items[start].param[3]);
            int end = start + 1;
            while (end < b->count && batch_program(b, b->items[end].param[3]) == program)
                end++;
            if (program != current) {
                if (program == b->fill_program)
                    gl->Disable(GL_BLEND);
                else if (current == b->fill_program)
                    gl->Enable(GL_BLEND);
                gl->UseProgram(program);
                current = program;
            }
            gl->DrawElements(GL_TRIANGLES, (GLsizei)(end - start) * 6, GL_UNSIGNED_INT,
                             (const void *)((size_t)start * 6 * sizeof(GLuint)));
            start = end;
        }
    }
    if (current == b->fill_program)
        gl->Enable(GL_BLEND);
    gl->BindVertexArray(0);
    b->count = 0;
}

/* ---- life cycle ---------------------------------------------------------- */

renderer *renderer_create(const renderer_params *p, char *err, size_t errlen)
{
    char spare[1];
    if (!err || errlen == 0) {
        err = spare;
        errlen = sizeof spare;
    }
    err[0] = '\0';
    if (!p || !p->load || !p->font_path) {
        snprintf(err, errlen, "renderer_create: params need a GL loader and a font path");
        return NULL;
    }
    renderer *r = calloc(1, sizeof *r);
    if (!r) {
        snprintf(err, errlen, "renderer_create: out of memory");
        return NULL;
    }
    if (!gl_load(&r->gl, p->load, err, errlen))
        goto fail;
    r->gl_ready = true;
    const char *name = (const char *)r->gl.GetString(GL_RENDERER);
    snprintf(r->name, sizeof r->name, "%s", name ? name : "unknown");
    r->fb_w = r->fb_h = 1;
    r->stroke = 1.0f;

    if (!batch_init(r, err, errlen))
        goto fail;
    if (!text_init(r, p->font_path, p->fallback_font_path, err, errlen))
        goto fail;
    return r; /* the 3D, contour and points programs: on first use */

fail:
    renderer_free(r);
    return NULL;
}

void renderer_free(renderer *r)
{
    if (!r)
        return;
    layer_destroy(r);
    points_destroy(r);
    contour_destroy(r);
    wire_destroy(r);
    text_destroy(r);
    batch_destroy(r);
    free(r->scratch);
    free(r);
}

const char *renderer_name(const renderer *r)
{
    return r ? r->name : "";
}

/* ---- the frame ----------------------------------------------------------- */

/* The state every frame starts drawing in: 2D batch, whole viewport, no
 * clip, blending, no depth. */
static void frame_state(renderer *r)
{
    const gl_api *gl = &r->gl;
    r->batch.count = 0;
    r->batch.mode = BATCH_2D;
    gl->Viewport(0, 0, r->fb_w, r->fb_h);
    gl->Disable(GL_SCISSOR_TEST);
    r->clip_on = false;
    gl->Disable(GL_CULL_FACE);
    gl->Disable(GL_DEPTH_TEST);
    gl->DepthMask(GL_FALSE);
    gl->Enable(GL_BLEND);
    gl->BlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
}

void render_begin(renderer *r, int fb_w, int fb_h, rgba bg)
{
    layer_finish(r);
    r->fb_w = fb_w > 0 ? fb_w : 1;
    r->fb_h = fb_h > 0 ? fb_h : 1;
    frame_state(r);
    r->clear_color[0] = bg.r * bg.a;
    r->clear_color[1] = bg.g * bg.a;
    r->clear_color[2] = bg.b * bg.a;
    r->clear_color[3] = bg.a;
    r->clear_pending = true;
    r->depth_cleared = false;
}

void render_resume(renderer *r)
{
    frame_state(r);
    r->clear_pending = false; /* keep what is there */
}

/* The pending clears of the whole framebuffer (never clipped), in one
 * glClear. */
static void frame_clear(renderer *r, bool depth)
{
    GLbitfield bits = 0;
    if (r->clear_pending)
        bits |= GL_COLOR_BUFFER_BIT;
    if (depth && !r->depth_cleared)
        bits |= GL_DEPTH_BUFFER_BIT;
    if (!bits)
        return;
    const gl_api *gl = &r->gl;
    if (r->clip_on)
        gl->Disable(GL_SCISSOR_TEST);
    if (bits & GL_COLOR_BUFFER_BIT)
        gl->ClearColor(r->clear_color[0], r->clear_color[1], r->clear_color[2],
                       r->clear_color[3]);
    if (bits & GL_DEPTH_BUFFER_BIT) {
        gl->DepthMask(GL_TRUE);
        gl_clear_depth_one(gl);
    }
    gl->Clear(bits);
    gl->DepthMask(GL_FALSE);
    if (r->clip_on)
        gl->Enable(GL_SCISSOR_TEST);
    r->clear_pending = false;
    if (depth)
        r->depth_cleared = true;
}

void render_color_ready(renderer *r)
{
    frame_clear(r, false);
}

void render_depth_ready(renderer *r)
{
    frame_clear(r, true);
}

void render_end(renderer *r)
{
    layer_finish(r);
    batch_flush(r);
    render_color_ready(r);
}

void render_finish(renderer *r)
{
    render_end(r);
#ifdef __EMSCRIPTEN__
    /* WebGL's finish() returns before the GPU process is done; reading a
     * pixel back waits for it. */
    uint8_t px[4];
    r->gl.ReadPixels(0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, px);
#else
    r->gl.Finish();
#endif
}

void render_clip(renderer *r, float x, float y, float w, float h)
{
    batch_flush(r);
    const gl_api *gl = &r->gl;
    if (w <= 0.0f || h <= 0.0f) {
        gl->Disable(GL_SCISSOR_TEST);
        r->clip_on = false;
        return;
    }
    int x0 = (int)floorf(x), y0 = (int)floorf(y);
    int x1 = (int)ceilf(x + w), y1 = (int)ceilf(y + h);
    gl->Enable(GL_SCISSOR_TEST);
    r->clip_on = true;
    r->clip[0] = x0;
    r->clip[1] = r->y_down ? y0 : r->fb_h - y1;
    r->clip[2] = x1 - x0;
    r->clip[3] = y1 - y0;
    gl->Scissor(r->clip[0], r->clip[1], r->clip[2], r->clip[3]);
}

/* An opaque, pixel-aligned, large rectangle is a glClear when it covers
 * the whole framebuffer, else a PRIM_FILL (fill.frag, blending off): on a
 * software rasterizer either is far cheaper than the primitive shader (a
 * HUD panel at 1080p costs ~3 ms through it), and a fill is also cheaper
 * than a scissored glClear, which Mesa draws as a quad of its own. */
static bool rect_as_fill(renderer *r, float x, float y, float w, float h, rgba color)
{
    if (color.a < 1.0f || w * h < 65536.0f || x != floorf(x) || y != floorf(y) ||
        w != floorf(w) || h != floorf(h))
        return false;
    if (!r->clip_on && x <= 0.0f && y <= 0.0f && x + w >= (float)r->fb_w &&
        y + h >= (float)r->fb_h) {
        batch_flush(r);
        r->clear_pending = false; /* this clear replaces it */
        const gl_api *gl = &r->gl;
        gl->ClearColor(color.r, color.g, color.b, 1.0f);
        gl->Clear(GL_COLOR_BUFFER_BIT);
        return true;
    }
    prim_instance *it = batch_push(r, BATCH_2D);
    if (!it)
        return true;
    it->geom[0] = x;
    it->geom[1] = y;
    it->geom[2] = x + w;
    it->geom[3] = y + h;
    it->param[3] = PRIM_FILL;
    color_to_u8(it->color, color);
    return true;
}

bool render_read_pixels(renderer *r, uint8_t *out, int fb_w, int fb_h)
{
    if (!r || !out || fb_w <= 0 || fb_h <= 0)
        return false;
    batch_flush(r);
    render_color_ready(r);
    const gl_api *gl = &r->gl;
    size_t row = (size_t)fb_w * 4;
    uint8_t *tmp = malloc(row);
    if (!tmp)
        return false;
    for (int i = 0; i < 16 && gl->GetError() != GL_NO_ERROR; i++) {
    }
    gl->PixelStorei(GL_PACK_ALIGNMENT, 1);
    gl->ReadPixels(0, 0, fb_w, fb_h, GL_RGBA, GL_UNSIGNED_BYTE, out);
    bool ok = gl->GetError() == GL_NO_ERROR;
    for (int y = 0; y < fb_h / 2; y++) {
        uint8_t *a = out + (size_t)y * row;
        uint8_t *b = out + (size_t)(fb_h - 1 - y) * row;
        memcpy(tmp, a, row);
        memcpy(a, b, row);
        memcpy(b, tmp, row);
    }
    free(tmp);
    return ok;
}

/* ---- shapes -------------------------------------------------------------- */

void render_set_stroke(renderer *r, float factor)
{
    if (r)
        r->stroke = (factor > 0.0f && isfinite(factor)) ? factor : 1.0f;
}

void render_rect(renderer *r, float x, float y, float w, float h, rgba color)
{
    if (!(w > 0.0f) || !(h > 0.0f))
        return;
    if (rect_as_fill(r, x, y, w, h, color))
        return;
    prim_instance *it = batch_push(r, BATCH_2D);
    if (!it)
        return;
    it->geom[0] = x;
    it->geom[1] = y;
    it->geom[2] = x + w;
    it->geom[3] = y + h;
    it->param[3] = PRIM_RECT;
    color_to_u8(it->color, color);
}

void render_disc(renderer *r, float cx, float cy, float radius, rgba fill, float outline_px,
                 rgba outline)
{
    if (!(radius > 0.0f) || !isfinite(cx) || !isfinite(cy))
        return;
    prim_instance *it = batch_push(r, BATCH_2D);
    if (!it)
        return;
    it->geom[0] = cx;
    it->geom[1] = cy;
    it->extra[0] = outline_px > 0.0f ? outline_px : 0.0f;
    it->param[0] = radius;
    it->param[3] = PRIM_DISC;
    color_to_u8(it->color, fill);
    color_to_u8(it->color2, outline);
}

void render_triangle(renderer *r, const float xy[6], rgba color)
{
    for (int i = 0; i < 6; i++) {
        if (!isfinite(xy[i]))
            return;
    }
    prim_instance *it = batch_push(r, BATCH_2D);
    if (!it)
        return;
    memcpy(it->geom, xy, 4 * sizeof(float));
    it->extra[0] = xy[4];
    it->extra[1] = xy[5];
    it->param[3] = PRIM_TRIANGLE;
    color_to_u8(it->color, color);
}
