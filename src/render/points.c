/*
 * points.c: many small discs of one color in one draw call (a particle
 * cloud of up to 10 000 particles). Each disc is one GL point whose square
 * (gl_PointSize) shaders/points.frag cuts to an antialiased disc: one
 * vertex per disc, where the quads of prim_batch take four vertices of 80
 * bytes. On a software rasterizer the cost is the fragments, and a cloud
 * piles thousands of discs onto a few pixels around a minimum, all binned
 * to the same tiles; so discs whose centers fall in the same cell of a
 * grid of radius / 2 pixels are merged first (a hash table), into one disc
 * at the first one's center with the opacity of their stack, 1 - (1 - a)^k,
 * which is what k discs of opacity a blended over one another give. The
 * picture moves by at most a quarter of the radius on average where discs
 * crowd, and a pixel is shaded by at most ~16 discs. World points
 * (render_points3d) are projected on the CPU first (no depth test is used,
 * so only their pixel matters). Points go to the GPU through a streaming
 * VBO (orphaned per draw); a draw flushes prim_batch first so call order
 * is kept.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render_internal.h"
#include "shader.h"

/* The points program and its buffers (render_build_once). */
static bool points_build(renderer *r, char *err, size_t errlen)
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
    gl->EnableVertexAttribArray(1);
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
    free(p->verts);
    free(p->keys);
    free(p->stack);
    free(p->table);
    *p = (points){0};
}

/* Room for n points (and a table of at least 2n slots). */
static bool points_reserve(points *p, int n)
{
    if (n <= p->cap)
        return true;
    int cap = p->cap ? p->cap : 1024;
    while (cap < n)
        cap *= 2;
    float *v = realloc(p->verts, (size_t)cap * 3 * sizeof *v);
    if (v)
        p->verts = v;
    uint32_t *k = realloc(p->keys, (size_t)cap * 2 * sizeof *k);
    if (k)
        p->keys = k;
    int *s = realloc(p->stack, (size_t)cap * sizeof *s);
    if (s)
        p->stack = s;
    int *t = realloc(p->table, (size_t)cap * 2 * sizeof *t);
    if (t)
        p->table = t;
    if (!v || !k || !s || !t)
        return false;
    p->cap = cap;
    p->table_size = 2 * cap;
    return true;
}

/* Merges the points of xy (n pixel pairs) that share a cell of side cell
 * pixels into p->verts (x, y, opacity each); returns the merged count. */
static int points_merge(points *p, const float *xy, int n, float cell, float alpha)
{
    for (int i = 0; i < p->table_size; i++)
        p->table[i] = -1;
    const uint32_t mask = (uint32_t)p->table_size - 1u;
    const float inv = 1.0f / cell;
    int m = 0;
    for (int i = 0; i < n; i++) {
        const float *q = xy + 2 * (size_t)i;
        if (!isfinite(q[0]) || !isfinite(q[1]) || fabsf(q[0]) > 1e7f || fabsf(q[1]) > 1e7f)
            continue;
        const uint32_t key[2] = {(uint32_t)(int32_t)floorf(q[0] * inv),
                                 (uint32_t)(int32_t)floorf(q[1] * inv)};
        uint32_t h = key[0] * 0x9E3779B1u ^ key[1] * 0x85EBCA77u;
        h ^= h >> 15;
        uint32_t slot = h & mask;
        for (;;) {
            const int at = p->table[slot];
            if (at < 0) {
                p->table[slot] = m;
                p->keys[2 * (size_t)m] = key[0];
                p->keys[2 * (size_t)m + 1] = key[1];
                p->verts[3 * (size_t)m] = q[0];
                p->verts[3 * (size_t)m + 1] = q[1];
                p->stack[m] = 1;
                m++;
                break;
            }
            if (p->keys[2 * (size_t)at] == key[0] && p->keys[2 * (size_t)at + 1] == key[1]) {
                p->stack[at]++;
                break;
            }
            slot = (slot + 1) & mask;
        }
    }
    for (int i = 0; i < m; i++)
        p->verts[3 * (size_t)i + 2] =
            p->stack[i] == 1 ? alpha : 1.0f - powf(1.0f - alpha, (float)p->stack[i]);
    return m;
}

/* n discs at pixel points xy. */
static void points_draw(renderer *r, const float *xy, int n, float radius, rgba color)
{
    points *p = &r->points;
    if (n <= 0 || !xy || !(radius > 0.0f) ||
        !render_build_once(r, &p->built, points_build) || !points_reserve(p, n))
        return;
    const float a = color.a >= 0.0f ? (color.a <= 1.0f ? color.a : 1.0f) : 0.0f;
    const int m = points_merge(p, xy, n, fmaxf(radius * 0.5f, 0.125f), a);
    if (m == 0)
        return;
    batch_flush(r);
    render_color_ready(r);
    const gl_api *gl = &r->gl;
    const float w = (float)r->fb_w, h = (float)r->fb_h;
    /* pixels (origin top-left, y down) to clip space, column-major */
    const float mat[16] = {2.0f / w, 0, 0, 0, 0, -2.0f / h, 0, 0, 0, 0, 1, 0, -1, 1, 0, 1};
    const float size = 2.0f * radius + 1.0f; /* the ramp ends 0.5 px outside */
    gl->UseProgram(p->program);
    gl->UniformMatrix4fv(p->u_mat, 1, GL_FALSE, mat);
    gl->Uniform1f(p->u_size, size);
    gl->Uniform1f(p->u_radius, radius);
    gl->Uniform3f(p->u_color, color.r, color.g, color.b);
    gl->BindVertexArray(p->vao);
    gl->BindBuffer(GL_ARRAY_BUFFER, p->vbo);
    const GLsizei stride = (GLsizei)(3 * sizeof(float));
    gl->BufferData(GL_ARRAY_BUFFER, (GLsizeiptr)((size_t)m * 3 * sizeof(float)), p->verts,
                   GL_STREAM_DRAW);
    gl->VertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, NULL);
    gl->VertexAttribPointer(1, 1, GL_FLOAT, GL_FALSE, stride, (const void *)(2 * sizeof(float)));
    gl->Disable(GL_DEPTH_TEST);
    gl->Enable(GL_PROGRAM_POINT_SIZE);
    gl->DrawArrays(GL_POINTS, 0, m);
    gl->Disable(GL_PROGRAM_POINT_SIZE);
    gl->BindVertexArray(0);
}

void render_points(renderer *r, const float *xy, int n, float radius, rgba color)
{
    points_draw(r, xy, n, radius, color);
}

void render_points3d(renderer *r, const float *xyz, int n, const float view_proj[16],
                     float radius, rgba color)
{
    float *xy = n > 0 ? render_scratch(r, 2 * (size_t)n) : NULL;
    if (!xy)
        return;
    const float *m = view_proj;
    const float w = (float)r->fb_w, h = (float)r->fb_h;
    int k = 0;
    for (int i = 0; i < n; i++) {
        const float x = xyz[3 * i], y = xyz[3 * i + 1], z = xyz[3 * i + 2];
        const float cx = m[0] * x + m[4] * y + m[8] * z + m[12];
        const float cy = m[1] * x + m[5] * y + m[9] * z + m[13];
        const float cz = m[2] * x + m[6] * y + m[10] * z + m[14];
        const float cw = m[3] * x + m[7] * y + m[11] * z + m[15];
        if (!(cw > 0.0f) || fabsf(cx) > cw || fabsf(cy) > cw || fabsf(cz) > cw)
            continue; /* behind the camera or outside the clip volume */
        xy[2 * k] = (cx / cw + 1.0f) * 0.5f * w;
        xy[2 * k + 1] = (1.0f - cy / cw) * 0.5f * h;
        k++;
    }
    points_draw(r, xy, k, radius, color);
}
