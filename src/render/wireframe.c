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
 * surrounds the grid so border lines keep their full width.
 * Software GL pays about a microsecond per triangle, so the mesh is also
 * kept at coarser levels (through every 2nd, 4th, 8th sample, with the grid
 * lines still placed by (i, j), which interpolates exactly), and each frame
 * draws the coarsest level whose largest height error projects to at most
 * WIRE_MAX_DEVIATION_PX on screen: smooth landscapes cost a few thousand
 * triangles, rough ones or close-ups fall back to every sample. The surface
 * writes depth where lines are, for 3D polylines and markers drawn after it.
 * render_surface fills the same mesh (same cache, same level of detail, same
 * vertex shader, so a wireframe drawn over it lies exactly on it), colored by
 * height through viridis in shaders/surface.frag, writing depth everywhere.
 */
#include <math.h>
#include <stdlib.h>

#include "render_internal.h"
#include "shader.h"

/* Least average screen distance between drawn grid lines, pixels. */
#define WIRE_MIN_SPACING_PX 5.0f
/* How far, in pixels, a coarser mesh may move the surface off the samples. */
#define WIRE_MAX_DEVIATION_PX 0.5f

/* The wireframe and surface programs (render_build_once). */
static bool wire_build(renderer *r, char *err, size_t errlen)
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
    w->surface_program =
        shader_build_lib(gl, "wire.vert", "surface.frag", "viridis.glsl", err, errlen);
    if (!w->surface_program)
        return false;
    w->s_view_proj = gl->GetUniformLocation(w->surface_program, "u_view_proj");
    w->s_grid = gl->GetUniformLocation(w->surface_program, "u_grid");
    w->s_z_scale = gl->GetUniformLocation(w->surface_program, "u_z_scale");
    w->s_last = gl->GetUniformLocation(w->surface_program, "u_last");
    w->s_map = gl->GetUniformLocation(w->surface_program, "u_map");
    w->s_opacity = gl->GetUniformLocation(w->surface_program, "u_opacity");
    return true;
}

static void mesh_release(const gl_api *gl, wire_mesh *m)
{
    if (m->vao)
        gl->DeleteVertexArrays(1, &m->vao);
    if (m->vbo)
        gl->DeleteBuffers(1, &m->vbo);
    if (m->ibo[0])
        gl->DeleteBuffers(WIRE_LODS, m->ibo);
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
        if (w->surface_program)
            r->gl.DeleteProgram(w->surface_program);
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

/* Sample indices of the coarse mesh of level lod along an axis of n
 * samples: the skirt -1, then 0, f, 2f, ... and always n - 1, then the skirt
 * n (f = 2^lod). Returns the count written to out (room for n + 2). */
static int lod_nodes(int n, int lod, int *out)
{
    int f = 1 << lod, k = 0;
    out[k++] = -1;
    for (int i = 0; i < n - 1; i += f)
        out[k++] = i;
    out[k++] = n - 1;
    out[k++] = n;
    return k;
}

/* Largest |height - mesh| at the samples for the coarse mesh on nodes
 * (xi, yj); each cell is split along its a-d diagonal like the indices. */
static float lod_deviation(const float *h, int nx, int ny, const int *xi, int kx, const int *yj,
                           int ky)
{
    float dev = 0.0f;
    for (int b = 1; b + 2 < ky; b++) {
        int j0 = yj[b], j1 = yj[b + 1];
        for (int a = 1; a + 2 < kx; a++) {
            int i0 = xi[a], i1 = xi[a + 1];
            float ha = height_at(h, nx, ny, i0, j0), hb = height_at(h, nx, ny, i1, j0);
            float hc = height_at(h, nx, ny, i0, j1), hd = height_at(h, nx, ny, i1, j1);
            for (int j = j0; j <= j1; j++) {
                float v = (float)(j - j0) / (float)(j1 - j0);
                for (int i = i0; i <= i1; i++) {
                    float u = (float)(i - i0) / (float)(i1 - i0);
                    float lin = u >= v ? ha + u * (hb - ha) + v * (hd - hb)
                                       : ha + v * (hc - ha) + u * (hd - hc);
                    float e = fabsf(height_at(h, nx, ny, i, j) - lin);
                    dev = e > dev ? e : dev;
                }
            }
        }
    }
    return dev;
}

/* Uploads heights into m: the vertices of the skirted (nx+2) x (ny+2) grid,
 * the deviation of each level of detail, and (when the size changed) one
 * index buffer per level. */
static bool mesh_upload(const gl_api *gl, wire_mesh *m, const float *heights, int nx, int ny)
{
    bool ok = false;
    int vx = nx + 2, vy = ny + 2;
    size_t nverts = (size_t)vx * (size_t)vy;
    size_t max_idx = (size_t)(vx - 1) * (size_t)(vy - 1) * 6;
    float *verts = malloc(nverts * 3 * sizeof *verts);
    GLuint *idx = malloc(max_idx * sizeof *idx);
    int *xi = malloc((size_t)(vx + vy) * sizeof *xi);
    if (!verts || !idx || !xi)
        goto cleanup;
    int *yj = xi + vx;
    for (int j = -1; j <= ny; j++) {
        for (int i = -1; i <= nx; i++) {
            float *v = verts + 3 * ((size_t)(j + 1) * (size_t)vx + (size_t)(i + 1));
            v[0] = (float)i;
            v[1] = (float)j;
            v[2] = height_at(heights, nx, ny, i, j);
        }
    }
    bool new_size = !m->vao || m->nx != nx || m->ny != ny;
    if (!m->vao) {
        gl->GenVertexArrays(1, &m->vao);
        gl->GenBuffers(1, &m->vbo);
        gl->GenBuffers(WIRE_LODS, m->ibo);
    }
    gl->BindVertexArray(m->vao);
    gl->BindBuffer(GL_ARRAY_BUFFER, m->vbo);
    gl->BufferData(GL_ARRAY_BUFFER, (GLsizeiptr)(nverts * 3 * sizeof *verts), verts,
                   GL_STATIC_DRAW);
    gl->EnableVertexAttribArray(0);
    gl->VertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, 3 * sizeof(float), NULL);
    for (int lod = 0; lod < WIRE_LODS; lod++) {
        if (lod > 0 && ((1 << lod) >= nx - 1 || (1 << lod) >= ny - 1)) {
            m->index_count[lod] = 0;
            continue;
        }
        int kx = lod_nodes(nx, lod, xi), ky = lod_nodes(ny, lod, yj);
        m->deviation[lod] = lod > 0 ? lod_deviation(heights, nx, ny, xi, kx, yj, ky) : 0.0f;
        if (!new_size)
            continue;
        size_t k = 0;
        for (int b = 0; b + 1 < ky; b++) {
            for (int a = 0; a + 1 < kx; a++) {
                GLuint va = (GLuint)((yj[b] + 1) * vx + xi[a] + 1);
                GLuint vb = (GLuint)((yj[b] + 1) * vx + xi[a + 1] + 1);
                GLuint vc = (GLuint)((yj[b + 1] + 1) * vx + xi[a] + 1);
                GLuint vd = (GLuint)((yj[b + 1] + 1) * vx + xi[a + 1] + 1);
                idx[k++] = va, idx[k++] = vb, idx[k++] = vd;
                idx[k++] = va, idx[k++] = vd, idx[k++] = vc;
            }
        }
        gl->BindBuffer(GL_ELEMENT_ARRAY_BUFFER, m->ibo[lod]);
        gl->BufferData(GL_ELEMENT_ARRAY_BUFFER, (GLsizeiptr)(k * sizeof *idx), idx,
                       GL_STATIC_DRAW);
        m->index_count[lod] = (GLsizei)k;
    }
    gl->BindVertexArray(0);
    m->nx = nx;
    m->ny = ny;
    ok = true;

cleanup:
    free(verts);
    free(idx);
    free(xi);
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

/* Pixels on screen per unit of raw height at the middle of the grid. */
static float height_pixels(const renderer *r, const float *heights, int nx, int ny, float x0,
                           float dx, float y0, float dy, float z_scale, const float m[16])
{
    float p[2][2];
    for (int k = 0; k < 2; k++) {
        float h = height_at(heights, nx, ny, nx / 2, ny / 2) + (float)k;
        float w[3] = {x0 + dx * (float)(nx / 2), y0 + dy * (float)(ny / 2), h * z_scale};
        float c[4];
        for (int e = 0; e < 4; e++)
            c[e] = m[e] * w[0] + m[4 + e] * w[1] + m[8 + e] * w[2] + m[12 + e];
        if (!(c[3] > 1e-6f))
            return INFINITY;
        p[k][0] = c[0] / c[3] * 0.5f * (float)r->fb_w;
        p[k][1] = c[1] / c[3] * 0.5f * (float)r->fb_h;
    }
    return hypotf(p[1][0] - p[0][0], p[1][1] - p[0][1]);
}

/* The coarsest level of detail of m whose shape stays within
 * WIRE_MAX_DEVIATION_PX on screen (0: every sample). */
static int mesh_lod(const renderer *r, const wire_mesh *m, const float *heights, int nx, int ny,
                    float x0, float dx, float y0, float dy, float z_scale, const float vp[16])
{
    float hpx = height_pixels(r, heights, nx, ny, x0, dx, y0, dy, z_scale, vp);
    for (int k = WIRE_LODS - 1; k > 0; k--) {
        if (m->index_count[k] > 0 && m->deviation[k] * hpx <= WIRE_MAX_DEVIATION_PX)
            return k;
    }
    return 0;
}

/* Draws level lod of m with the bound program, depth-tested (GL_LEQUAL)
 * and writing depth. */
static void mesh_draw(renderer *r, const wire_mesh *m, int lod)
{
    const gl_api *gl = &r->gl;
    gl->Enable(GL_DEPTH_TEST);
    gl->DepthFunc(GL_LEQUAL);
    gl->DepthMask(GL_TRUE);
    gl->BindVertexArray(m->vao);
    gl->BindBuffer(GL_ELEMENT_ARRAY_BUFFER, m->ibo[lod]);
    gl->DrawElements(GL_TRIANGLES, m->index_count[lod], GL_UNSIGNED_INT, NULL);
    gl->BindVertexArray(0);
    gl->DepthMask(GL_FALSE);
    gl->Disable(GL_DEPTH_TEST);
}

/* What a height-field draw needs before its program: checks the
 * arguments, flushes the batch (call order), gets the cached mesh, the grid
 * spacing and the level of detail, and readies the depth buffer. NULL when
 * there is nothing to draw. */
static wire_mesh *mesh_prepare(renderer *r, const float *heights, int nx, int ny, float x0,
                               float x1, float y0, float y1, float z_scale, unsigned content_id,
                               const float view_proj[16], float *dx, float *dy, int *lod)
{
    if (!r || !heights || !view_proj || nx < 2 || ny < 2 ||
        !render_build_once(r, &r->wire.built, wire_build))
        return NULL;
    if ((size_t)(nx + 2) * (size_t)(ny + 2) > 0x7fffffffu / 8)
        return NULL;
    batch_flush(r); /* keep call order */
    wire_mesh *m = mesh_get(r, heights, nx, ny, content_id);
    if (!m)
        return NULL;
    *dx = (x1 - x0) / (float)(nx - 1);
    *dy = (y1 - y0) / (float)(ny - 1);
    *lod = mesh_lod(r, m, heights, nx, ny, x0, *dx, y0, *dy, z_scale, view_proj);
    render_depth_ready(r);
    return m;
}

void render_wireframe(renderer *r, const float *heights, int nx, int ny, float x0, float x1,
                      float y0, float y1, float z_scale, unsigned content_id,
                      const float view_proj[16], float line_px, rgba color)
{
    if (!(line_px > 0.0f))
        return;
    float dx, dy;
    int lod;
    wire_mesh *m = mesh_prepare(r, heights, nx, ny, x0, x1, y0, y1, z_scale, content_id,
                                view_proj, &dx, &dy, &lod);
    if (!m)
        return;
    const gl_api *gl = &r->gl;
    wireframe *w = &r->wire;
    int si = line_stride(cell_pixels(r, heights, nx, ny, x0, dx, y0, dy, z_scale, view_proj, true),
                         nx);
    int sj = line_stride(cell_pixels(r, heights, nx, ny, x0, dx, y0, dy, z_scale, view_proj, false),
                         ny);
    gl->UseProgram(w->program);
    gl->UniformMatrix4fv(w->u_view_proj, 1, GL_FALSE, view_proj);
    gl->Uniform1f(w->u_z_scale, z_scale);
    gl->Uniform2f(w->u_last, (float)(nx - 1), (float)(ny - 1));
    gl->Uniform4f(w->u_grid, x0, y0, dx, dy);
    gl->Uniform2f(w->u_stride, (float)si, (float)sj);
    gl->Uniform1f(w->u_half, 0.5f * line_px);
    float a = color.a;
    gl->Uniform4f(w->u_color, color.r * a, color.g * a, color.b * a, a);
    mesh_draw(r, m, lod);
}

void render_surface(renderer *r, const float *heights, int nx, int ny, float x0, float x1,
                    float y0, float y1, float z_scale, unsigned content_id,
                    const float view_proj[16], float z_lo, float z_hi, float opacity)
{
    if (!(opacity > 0.0f))
        return;
    float dx, dy;
    int lod;
    wire_mesh *m = mesh_prepare(r, heights, nx, ny, x0, x1, y0, y1, z_scale, content_id,
                                view_proj, &dx, &dy, &lod);
    if (!m)
        return;
    const gl_api *gl = &r->gl;
    wireframe *w = &r->wire;
    float range = z_hi - z_lo;
    gl->UseProgram(w->surface_program);
    gl->UniformMatrix4fv(w->s_view_proj, 1, GL_FALSE, view_proj);
    gl->Uniform1f(w->s_z_scale, z_scale);
    gl->Uniform2f(w->s_last, (float)(nx - 1), (float)(ny - 1));
    gl->Uniform4f(w->s_grid, x0, y0, dx, dy);
    gl->Uniform2f(w->s_map, z_lo, range != 0.0f && isfinite(range) ? 1.0f / range : 0.0f);
    gl->Uniform1f(w->s_opacity, opacity < 1.0f ? opacity : 1.0f);
    mesh_draw(r, m, lod);
}
