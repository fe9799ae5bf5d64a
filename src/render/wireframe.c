/*
 * wireframe.c: the see-through wireframe of a height field (the 3D view of
 * 2D landscapes, like matplotlib's plot_wireframe). The mesh is a triangle
 * grid uploaded once per (content id, nx, ny) into one of WIRE_SLOTS cached
 * slots (least recently used is replaced); each vertex carries its grid
 * indices (i, j) and raw height, and domain, z scale and view_proj are
 * uniforms, so rotating or rescaling uploads nothing. shaders/wire.frag
 * draws the lines i = const and j = const at a fixed pixel width and
 * discards the rest. Where neighbouring lines would be closer than
 * WIRE_MIN_SPACING_PX on screen (on average), only every k-th line is
 * drawn, like matplotlib's rstride/cstride, k dividing n - 1 when a small
 * divisor exists; the last line is always drawn. A one-cell skirt (heights extrapolated linearly)
 * surrounds the grid so border lines keep their full width. The surface
 * writes depth where lines are, for 3D polylines and markers drawn after it.
 */
#include <math.h>
#include <stdlib.h>

#include "render_internal.h"
#include "shader.h"

/* Least average screen distance between drawn grid lines, pixels. */
#define WIRE_MIN_SPACING_PX 5.0f

bool wire_init(renderer *r, char *err, size_t errlen)
{
    const gl_api *gl = &r->gl;
    wireframe *w = &r->wire;
    w->program = shader_build(gl, "wire.vert", "wire.frag", err, errlen);
    if (!w->program)
        return false;
    w->u_view_proj = gl->GetUniformLocation(w->program, "u_view_proj");
    w->u_grid = gl->GetUniformLocation(w->program, "u_grid");
    w->u_z_scale = gl->GetUniformLocation(w->program, "u_z_scale");
    w->u_last = gl->GetUniformLocation(w->program, "u_last");
    w->u_stride = gl->GetUniformLocation(w->program, "u_stride");
    w->u_half = gl->GetUniformLocation(w->program, "u_half");
    w->u_color = gl->GetUniformLocation(w->program, "u_color");
    return true;
}

static void mesh_release(const gl_api *gl, wire_mesh *m)
{
    if (m->vao)
        gl->DeleteVertexArrays(1, &m->vao);
    if (m->vbo)
        gl->DeleteBuffers(1, &m->vbo);
    if (m->ibo)
        gl->DeleteBuffers(1, &m->ibo);
    *m = (wire_mesh){0};
}

void wire_destroy(renderer *r)
{
    wireframe *w = &r->wire;
    if (r->gl_ready) {
        for (int i = 0; i < WIRE_SLOTS; i++)
            mesh_release(&r->gl, &w->meshes[i]);
        if (w->program)
            r->gl.DeleteProgram(w->program);
    }
    *w = (wireframe){0};
}

/* Height at grid index (i, j), extrapolated linearly one step past each
 * border; non-finite samples count as 0. */
static float height_at(const float *h, int nx, int ny, int i, int j)
{
    if (i < 0)
        return 2.0f * height_at(h, nx, ny, 0, j) - height_at(h, nx, ny, 1, j);
    if (i >= nx)
        return 2.0f * height_at(h, nx, ny, nx - 1, j) - height_at(h, nx, ny, nx - 2, j);
    if (j < 0)
        return 2.0f * height_at(h, nx, ny, i, 0) - height_at(h, nx, ny, i, 1);
    if (j >= ny)
        return 2.0f * height_at(h, nx, ny, i, ny - 1) - height_at(h, nx, ny, i, ny - 2);
    float v = h[(size_t)j * (size_t)nx + (size_t)i];
    return isfinite(v) ? v : 0.0f;
}

/* Uploads heights into m (vertices of the skirted (nx+2) x (ny+2) grid, and
 * indices when the size changed). */
static bool mesh_upload(const gl_api *gl, wire_mesh *m, const float *heights, int nx, int ny)
{
    bool ok = false;
    int vx = nx + 2, vy = ny + 2;
    size_t nverts = (size_t)vx * (size_t)vy;
    size_t nidx = (size_t)(vx - 1) * (size_t)(vy - 1) * 6;
    float *verts = malloc(nverts * 3 * sizeof *verts);
    GLuint *idx = NULL;
    if (!verts)
        goto cleanup;
    for (int j = -1; j <= ny; j++) {
        for (int i = -1; i <= nx; i++) {
            float *v = verts + 3 * ((size_t)(j + 1) * (size_t)vx + (size_t)(i + 1));
            v[0] = (float)i;
            v[1] = (float)j;
            v[2] = height_at(heights, nx, ny, i, j);
        }
    }
    bool new_size = !m->vao || m->nx != nx || m->ny != ny;
    if (new_size) {
        idx = malloc(nidx * sizeof *idx);
        if (!idx)
            goto cleanup;
        size_t k = 0;
        for (int j = 0; j + 1 < vy; j++) {
            for (int i = 0; i + 1 < vx; i++) {
                GLuint a = (GLuint)(j * vx + i), b = a + 1;
                GLuint c = a + (GLuint)vx, d = c + 1;
                idx[k++] = a, idx[k++] = b, idx[k++] = d;
                idx[k++] = a, idx[k++] = d, idx[k++] = c;
            }
        }
    }
    if (!m->vao) {
        gl->GenVertexArrays(1, &m->vao);
        gl->GenBuffers(1, &m->vbo);
        gl->GenBuffers(1, &m->ibo);
    }
    gl->BindVertexArray(m->vao);
    gl->BindBuffer(GL_ARRAY_BUFFER, m->vbo);
    gl->BufferData(GL_ARRAY_BUFFER, (GLsizeiptr)(nverts * 3 * sizeof *verts), verts,
                   GL_STATIC_DRAW);
    gl->EnableVertexAttribArray(0);
    gl->VertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, 3 * sizeof(float), NULL);
    if (new_size) {
        gl->BindBuffer(GL_ELEMENT_ARRAY_BUFFER, m->ibo);
        gl->BufferData(GL_ELEMENT_ARRAY_BUFFER, (GLsizeiptr)(nidx * sizeof *idx), idx,
                       GL_STATIC_DRAW);
    }
    gl->BindVertexArray(0);
    m->nx = nx;
    m->ny = ny;
    m->index_count = (GLsizei)nidx;
    ok = true;

cleanup:
    free(verts);
    free(idx);
    return ok;
}

/* The cached mesh for (content_id, nx, ny), uploading into the least
 * recently used slot on a miss. NULL when out of memory. */
static wire_mesh *mesh_get(renderer *r, const float *heights, int nx, int ny,
                           unsigned content_id)
{
    wireframe *w = &r->wire;
    w->clock++;
    wire_mesh *victim = &w->meshes[0];
    for (int i = 0; i < WIRE_SLOTS; i++) {
        wire_mesh *m = &w->meshes[i];
        if (m->used && m->content_id == content_id && m->nx == nx && m->ny == ny) {
            m->last_use = w->clock;
            return m;
        }
        if (!m->used || (victim->used && m->last_use < victim->last_use))
            victim = m;
    }
    victim->used = false;
    if (!mesh_upload(&r->gl, victim, heights, nx, ny))
        return NULL;
    victim->used = true;
    victim->content_id = content_id;
    victim->last_use = w->clock;
    return victim;
}

/* Average screen distance, pixels, between consecutive samples along the
 * middle row (along_i) or the middle column; 0 if nothing is in front. */
static float cell_pixels(const renderer *r, const float *heights, int nx, int ny, float x0,
                         float dx, float y0, float dy, float z_scale, const float m[16],
                         bool along_i)
{
    int count = along_i ? nx : ny;
    float sum = 0.0f, prev[2] = {0.0f, 0.0f};
    int steps = 0;
    bool have_prev = false;
    for (int k = 0; k < count; k++) {
        int i = along_i ? k : nx / 2, j = along_i ? ny / 2 : k;
        float p[3] = {x0 + dx * (float)i, y0 + dy * (float)j,
                      height_at(heights, nx, ny, i, j) * z_scale};
        float c[4];
        for (int e = 0; e < 4; e++)
            c[e] = m[e] * p[0] + m[4 + e] * p[1] + m[8 + e] * p[2] + m[12 + e];
        if (!(c[3] > 1e-6f) || !isfinite(c[0]) || !isfinite(c[1])) {
            have_prev = false;
            continue;
        }
        float s[2] = {c[0] / c[3] * 0.5f * (float)r->fb_w, c[1] / c[3] * 0.5f * (float)r->fb_h};
        if (have_prev) {
            sum += hypotf(s[0] - prev[0], s[1] - prev[1]);
            steps++;
        }
        prev[0] = s[0], prev[1] = s[1];
        have_prev = true;
    }
    return steps ? sum / (float)steps : 0.0f;
}

/* Line stride for cells of cell_px pixels over n samples: the smallest k
 * giving WIRE_MIN_SPACING_PX, rounded up to a divisor of n - 1 if one is
 * within 1.5 k. */
static int line_stride(float cell_px, int n)
{
    if (!(cell_px > 0.0f) || cell_px >= WIRE_MIN_SPACING_PX)
        return 1;
    int k = (int)ceilf(WIRE_MIN_SPACING_PX / cell_px);
    if (k >= n - 1)
        return n - 1;
    for (int d = k; d <= k + k / 2; d++) {
        if ((n - 1) % d == 0)
            return d;
    }
    return k;
}

void render_wireframe(renderer *r, const float *heights, int nx, int ny, float x0, float x1,
                      float y0, float y1, float z_scale, unsigned content_id,
                      const float view_proj[16], float line_px, rgba color)
{
    if (!r || !heights || !view_proj || nx < 2 || ny < 2 || !(line_px > 0.0f))
        return;
    if ((size_t)(nx + 2) * (size_t)(ny + 2) > 0x7fffffffu / 8)
        return;
    batch_flush(r); /* keep call order */
    wire_mesh *m = mesh_get(r, heights, nx, ny, content_id);
    if (!m)
        return;
    const gl_api *gl = &r->gl;
    wireframe *w = &r->wire;
    gl->UseProgram(w->program);
    gl->UniformMatrix4fv(w->u_view_proj, 1, GL_FALSE, view_proj);
    gl->Uniform1f(w->u_z_scale, z_scale);
    gl->Uniform2f(w->u_last, (float)(nx - 1), (float)(ny - 1));
    float dx = (x1 - x0) / (float)(nx - 1), dy = (y1 - y0) / (float)(ny - 1);
    int si = line_stride(cell_pixels(r, heights, nx, ny, x0, dx, y0, dy, z_scale, view_proj, true),
                         nx);
    int sj = line_stride(cell_pixels(r, heights, nx, ny, x0, dx, y0, dy, z_scale, view_proj, false),
                         ny);
    gl->Uniform4f(w->u_grid, x0, y0, dx, dy);
    gl->Uniform2f(w->u_stride, (float)si, (float)sj);
    gl->Uniform1f(w->u_half, 0.5f * line_px);
    float a = color.a;
    gl->Uniform4f(w->u_color, color.r * a, color.g * a, color.b * a, a);
    const char *ex = getenv("WX");
    int wx = ex ? atoi(ex) : 0;
    if (!(wx & 1)) gl->Enable(GL_DEPTH_TEST);
    gl->DepthFunc(GL_LEQUAL);
    gl->DepthMask((wx & 2) ? GL_FALSE : GL_TRUE);
    if (wx & 4) gl->Disable(GL_BLEND);
    gl->BindVertexArray(m->vao);
    gl->DrawElements(GL_TRIANGLES, m->index_count, GL_UNSIGNED_INT, NULL);
    gl->BindVertexArray(0);
    gl->DepthMask(GL_FALSE);
    gl->Disable(GL_DEPTH_TEST);
    gl->Enable(GL_BLEND);
}
