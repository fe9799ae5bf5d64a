/*
 * points.c: many small discs of one color in one draw call (a particle
 * cloud of up to 10 000 particles). Each disc is one GL point whose square
 * (gl_PointSize) shaders/points.frag cuts to an antialiased disc: one
 * vertex per disc, where the quads of prim_batch take four vertices of 80
 * bytes, so 10 000 discs cost 120 KB of upload and almost no vertex work
 * on llvmpipe. Points go to the GPU through a streaming VBO (orphaned per
 * draw); a draw flushes prim_batch first so call order is kept.
 */
#include <math.h>
#include <string.h>

#include "render_internal.h"
#include "shader.h"

bool points_init(renderer *r, char *err, size_t errlen)
{
    const gl_api *gl = &r->gl;
    points *p = &r->points;
    p->program = shader_build(gl, "points.vert", "points.frag", err, errlen);
    if (!p->program)
        return false;
    p->u_mat = gl->GetUniformLocation(p->program, "u_mat");
    p->u_size = gl->GetUniformLocation(p->program, "u_size");
    p->u_radius = gl->GetUniformLocation(p->program, "u_radius");
    p->u_color = gl->GetUniformLocation(p->program, "u_color");
    gl->GenVertexArrays(1, &p->vao);
    gl->GenBuffers(1, &p->vbo);
    gl->BindVertexArray(p->vao);
    gl->BindBuffer(GL_ARRAY_BUFFER, p->vbo);
    gl->EnableVertexAttribArray(0);
    gl->BindVertexArray(0);
    return true;
}

void points_destroy(renderer *r)
{
    points *p = &r->points;
    if (r->gl_ready) {
        if (p->vbo)
            r->gl.DeleteBuffers(1, &p->vbo);
        if (p->vao)
            r->gl.DeleteVertexArrays(1, &p->vao);
        if (p->program)
            r->gl.DeleteProgram(p->program);
    }
    *p = (points){0};
}

/* n points of comps (2 or 3) floats each, mapped by mat, as discs. */
static void points_draw(renderer *r, const float *pts, int comps, int n, const float mat[16],
                        float radius, rgba color)
{
    points *p = &r->points;
    if (n <= 0 || !pts || !(radius > 0.0f) || !p->program)
        return;
    batch_flush(r);
    render_color_ready(r);
    const gl_api *gl = &r->gl;
    const float size = 2.0f * radius + 2.0f;
    gl->UseProgram(p->program);
    gl->UniformMatrix4fv(p->u_mat, 1, GL_FALSE, mat);
    gl->Uniform1f(p->u_size, size);
    gl->Uniform1f(p->u_radius, radius);
    const float a = color.a >= 0.0f ? (color.a <= 1.0f ? color.a : 1.0f) : 0.0f;
    gl->Uniform4f(p->u_color, color.r * a, color.g * a, color.b * a, a);
    gl->BindVertexArray(p->vao);
    gl->BindBuffer(GL_ARRAY_BUFFER, p->vbo);
    gl->BufferData(GL_ARRAY_BUFFER, (GLsizeiptr)((size_t)n * (size_t)comps * sizeof(float)), pts,
                   GL_STREAM_DRAW);
    gl->VertexAttribPointer(0, comps, GL_FLOAT, GL_FALSE, (GLsizei)(comps * sizeof(float)), NULL);
    gl->Disable(GL_DEPTH_TEST);
    gl->Enable(GL_PROGRAM_POINT_SIZE);
    gl->DrawArrays(GL_POINTS, 0, n);
    gl->Disable(GL_PROGRAM_POINT_SIZE);
    gl->BindVertexArray(0);
}

void render_points(renderer *r, const float *xy, int n, float radius, rgba color)
{
    /* pixels (origin top-left, y down) to clip space, column-major */
    const float w = (float)r->fb_w, h = (float)r->fb_h;
    const float mat[16] = {2.0f / w, 0, 0, 0, 0, -2.0f / h, 0, 0, 0, 0, 1, 0, -1, 1, 0, 1};
    points_draw(r, xy, 2, n, mat, radius, color);
}

void render_points3d(renderer *r, const float *xyz, int n, const float view_proj[16],
                     float radius, rgba color)
{
    points_draw(r, xyz, 3, n, view_proj, radius, color);
}
