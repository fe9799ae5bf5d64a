/*
 * contour.c: filled contour plots of height fields (the top view of 2D
 * landscapes, like matplotlib's contourf + contour with the viridis map).
 * The field goes to the GPU once per (content id, nx, ny), into one of
 * CONTOUR_SLOTS cached slots (least recently used is replaced), as an
 * RGBA32F texture with one texel per grid cell holding the cell's four
 * corner heights; the plot is then one rectangle whose fragment shader
 * (shaders/contour.frag) interpolates the field bilinearly from a single
 * texelFetch, colors it by viridis and draws isolines of constant pixel
 * width from the interpolant's exact gradient. No geometry depends on the
 * data, so a plot costs the same whatever its number of isolines.
 */
#include <math.h>
#include <stdlib.h>

#include "render_internal.h"
#include "shader.h"

/* The contour program (render_build_once). */
static bool contour_build(renderer *r, char *err, size_t errlen)
{
    const gl_api *gl = &r->gl;
    contour *c = &r->contour;
    c->program = shader_build_lib(gl, "contour.vert", "contour.frag", "viridis.glsl", err, errlen);
    if (!c->program)
        return false;
    c->u_fb = gl->GetUniformLocation(c->program, "u_fb");
    c->u_rect = gl->GetUniformLocation(c->program, "u_rect");
    c->u_last = gl->GetUniformLocation(c->program, "u_last");
    c->u_px = gl->GetUniformLocation(c->program, "u_px");
    c->u_map = gl->GetUniformLocation(c->program, "u_map");
    c->u_iso = gl->GetUniformLocation(c->program, "u_iso");
    c->u_line = gl->GetUniformLocation(c->program, "u_line");
    gl->UseProgram(c->program);
    gl->Uniform1i(gl->GetUniformLocation(c->program, "u_cells"), 0);
    gl->GenVertexArrays(1, &c->vao);
    gl->GetIntegerv(GL_MAX_TEXTURE_SIZE, &c->max_size);
    return true;
}

void contour_destroy(renderer *r)
{
    contour *c = &r->contour;
    if (r->gl_ready) {
        for (int i = 0; i < CONTOUR_SLOTS; i++) {
            if (c->fields[i].tex)
                r->gl.DeleteTextures(1, &c->fields[i].tex);
        }
        if (c->vao)
            r->gl.DeleteVertexArrays(1, &c->vao);
        if (c->program)
            r->gl.DeleteProgram(c->program);
    }
    *c = (contour){0};
}

/* Height at (i, j); non-finite samples count as 0 (as in the wireframe). */
static float sample(const float *h, int nx, int i, int j)
{
    float v = h[(size_t)j * (size_t)nx + (size_t)i];
    return isfinite(v) ? v : 0.0f;
}

/* Uploads heights into f's texture (created on first use). */
static bool field_upload(const gl_api *gl, contour_field *f, const float *heights, int nx, int ny)
{
    int cw = nx - 1, ch = ny - 1;
    float *cells = malloc((size_t)cw * (size_t)ch * 4 * sizeof *cells);
    if (!cells)
        return false;
    for (int j = 0; j < ch; j++) {
        for (int i = 0; i < cw; i++) {
            float *t = cells + 4 * ((size_t)j * (size_t)cw + (size_t)i);
            t[0] = sample(heights, nx, i, j);
            t[1] = sample(heights, nx, i + 1, j);
            t[2] = sample(heights, nx, i, j + 1);
            t[3] = sample(heights, nx, i + 1, j + 1);
        }
    }
    if (!f->tex)
        gl->GenTextures(1, &f->tex);
    gl->ActiveTexture(GL_TEXTURE0);
    gl->BindTexture(GL_TEXTURE_2D, f->tex);
    /* texelFetch ignores filtering, but the texture must be complete. */
    gl->TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    gl->TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    gl->TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    gl->TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    gl->PixelStorei(GL_UNPACK_ALIGNMENT, 4);
    gl->TexImage2D(GL_TEXTURE_2D, 0, GL_RGBA32F, cw, ch, 0, GL_RGBA, GL_FLOAT, cells);
    free(cells);
    f->nx = nx;
    f->ny = ny;
    return true;
}

/* The cached field for (content_id, nx, ny), uploading into the least
 * recently used slot on a miss. NULL when out of memory. */
static contour_field *field_get(renderer *r, const float *heights, int nx, int ny,
                                unsigned content_id)
{
    contour *c = &r->contour;
    c->clock++;
    contour_field *victim = &c->fields[0];
    for (int i = 0; i < CONTOUR_SLOTS; i++) {
        contour_field *f = &c->fields[i];
        if (f->used && f->content_id == content_id && f->nx == nx && f->ny == ny) {
            f->last_use = c->clock;
            return f;
        }
        if (!f->used || (victim->used && f->last_use < victim->last_use))
            victim = f;
    }
    victim->used = false;
    if (!field_upload(&r->gl, victim, heights, nx, ny))
        return NULL;
    victim->used = true;
    victim->content_id = content_id;
    victim->last_use = c->clock;
    return victim;
}

void render_contour(renderer *r, const float *heights, int nx, int ny, unsigned content_id,
                    float x, float y, float w, float h, float z_lo, float z_hi, float step,
                    float line_px, rgba line_color)
{
    if (!r || !heights || nx < 2 || ny < 2 || !(w > 0.0f) || !(h > 0.0f) || !isfinite(x) ||
        !isfinite(y) || !isfinite(w) || !isfinite(h) ||
        !render_build_once(r, &r->contour.built, contour_build))
        return;
    contour *c = &r->contour;
    if (nx - 1 > c->max_size || ny - 1 > c->max_size)
        return;
    batch_flush(r); /* keep call order */
    render_color_ready(r);
    contour_field *f = field_get(r, heights, nx, ny, content_id);
    if (!f)
        return;
    const gl_api *gl = &r->gl;
    float range = z_hi - z_lo;
    bool lines = step > 0.0f && isfinite(step) && line_px > 0.0f && line_color.a > 0.0f;
    gl->UseProgram(c->program);
    gl->Uniform2f(c->u_fb, (float)r->fb_w, (float)r->fb_h);
    gl->Uniform4f(c->u_rect, x, y, w, h);
    gl->Uniform2f(c->u_last, (float)(nx - 1), (float)(ny - 1));
    gl->Uniform2f(c->u_px, (float)(nx - 1) / w, (float)(ny - 1) / h);
    gl->Uniform2f(c->u_map, z_lo, range != 0.0f && isfinite(range) ? 1.0f / range : 0.0f);
    if (lines)
        gl->Uniform4f(c->u_iso, step, 1.0f / step, 0.5f * line_px, 1.0f / (1.5f * line_px));
    else
        gl->Uniform4f(c->u_iso, 1.0f, 1.0f, 0.0f, 0.0f);
    float a = line_color.a < 1.0f ? line_color.a : 1.0f;
    gl->Uniform4f(c->u_line, line_color.r, line_color.g, line_color.b, a);
    gl->ActiveTexture(GL_TEXTURE0);
    gl->BindTexture(GL_TEXTURE_2D, f->tex);
    gl->Disable(GL_DEPTH_TEST);
    gl->Disable(GL_BLEND); /* opaque */
    gl->BindVertexArray(c->vao);
    gl->DrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    gl->BindVertexArray(0);
    gl->Enable(GL_BLEND);
}
