/*
 * renderer.h: the only door to the GPU. Everything optiviz draws goes through
 * these calls; every gl* call lives in src/render/. Knows nothing of SDL events.
 *
 * Coordinates: 2D calls take framebuffer pixels, origin top-left, y down.
 * 3D calls take world coordinates and a column-major 4x4 view-projection
 * matrix (OpenGL convention, clip space), plus the same pixel widths.
 * Calls between render_begin and render_end are batched; render_end flushes.
 * Lines are triangles (never glLineWidth), so widths are exact on every
 * GL 3.3 core driver. Colors are straight (non-premultiplied) RGBA in [0, 1].
 */
#ifndef OPTIVIZ_RENDER_RENDERER_H
#define OPTIVIZ_RENDER_RENDERER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct rgba {
    float r, g, b, a;
} rgba;

typedef enum text_align {
    TEXT_LEFT = 0,
    TEXT_CENTER = 1,
    TEXT_RIGHT = 2,
} text_align;

/* Resolves a GL entry point by name (SDL_GL_GetProcAddress fits). */
typedef void *(*render_proc_loader)(const char *name);

typedef struct renderer_params {
    render_proc_loader load; /* required */
    const char *font_path;   /* TTF file (DejaVu Sans); required */
    const char *fallback_font_path; /* glyphs the first lacks (a Korean font); optional:
                                     * missing or unreadable, those glyphs show as boxes */
} renderer_params;

typedef struct renderer renderer;

/* Needs a current GL 3.3 core context. Loads GL, compiles the shaders of
 * 2D shapes and text (the 3D, contour and points programs are built on
 * their first draw: a build failing then prints one line on stderr and
 * leaves that part undrawn), readies the font. On failure returns NULL and writes one line
 * (driver log or file name included) into err. */
renderer *renderer_create(const renderer_params *p, char *err, size_t errlen);
void renderer_free(renderer *r);

/* GL_RENDERER string, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)". */
const char *renderer_name(const renderer *r);

/* Starts a frame on a framebuffer of fb_w x fb_h pixels, cleared to bg. */
void render_begin(renderer *r, int fb_w, int fb_h, rgba bg);
/* Flushes all batched geometry. Does not swap. */
void render_end(renderer *r);
/* Continues a frame after render_end without clearing it: what follows
 * draws over it (an overlay kept out of a frame already read back, such as
 * a recording's REC mark); end it with render_end. */
void render_resume(renderer *r);
/* Flushes and waits until the GPU has finished all submitted work
 * (glFinish), so a benchmark can time whole frames. */
void render_finish(renderer *r);

/* Multiplies the width of every following polyline (2D and 3D) by factor
 * (> 0; anything else resets it to 1): thicker strokes for projectors. */
void render_set_stroke(renderer *r, float factor);

/* Restricts following draws to a pixel rectangle (x, y, w, h; top-left
 * origin); w <= 0 clears the clip. */
void render_clip(renderer *r, float x, float y, float w, float h);

/* Open polyline through n points (xy pairs, pixels), width in pixels,
 * round joins and caps, antialiased edges. n < 2 draws nothing. */
void render_polyline(renderer *r, const float *xy, int n, float width, rgba color);
/* Filled axis-aligned rectangle. */
void render_rect(renderer *r, float x, float y, float w, float h, rgba color);
/* Filled disc of radius px with an outline of width outline_px (0: none). */
void render_disc(renderer *r, float cx, float cy, float radius, rgba fill,
                 float outline_px, rgba outline);
/* Filled triangle (pixels), for arrow heads and shaded regions. Edges are
 * not antialiased, so triangles sharing an edge tile without seams. */
void render_triangle(renderer *r, const float xy[6], rgba color);

/* UTF-8 text with its top at y (pixels), aligned
 * horizontally at x per align. size_px is the font's pixel height (em).
 * Returns the advance width in pixels. */
float render_text(renderer *r, const char *utf8, float x, float y, float size_px,
                  text_align align, rgba color);
/* Width in pixels the text would take, without drawing. */
float render_text_width(renderer *r, const char *utf8, float size_px);
/* The smallest text size (pixels) render_text and render_text_width use: a
 * smaller size asks for this one (the room's minimum, from the layout);
 * 0: none. */
void render_set_text_min(renderer *r, float px);
/* Reports every text render_text draws to fn (layout tests): the string and
 * its box in pixels, (x, y) its top-left corner, w its advance width, h
 * 1.2 times size_px (the line the app lays out). NULL stops it. While fn is
 * set the static layer is off, so every frame draws (and reports) all its
 * text. */
typedef void (*render_text_fn)(void *user, const char *utf8, float x, float y, float w, float h);
void render_observe_text(renderer *r, render_text_fn fn, void *user);

/* 3D polyline (xyz triples, world units) projected with view_proj
 * (column-major 4x4); width in pixels, depth-tested against the surface. */
void render_polyline3d(renderer *r, const float *xyz, int n, const float view_proj[16],
                       float width, rgba color);
/* Disc drawn at a projected world point (screen-facing), radius in pixels.
 * Drawn over the surface (no depth test), so a marker is never hidden;
 * nothing is drawn when the point is behind the camera. */
void render_disc3d(renderer *r, const float xyz[3], const float view_proj[16], float radius,
                   rgba fill, float outline_px, rgba outline);

/* n filled discs of one color and radius (pixels) at xy (n pixel pairs),
 * antialiased, in one draw call (GL points, points.c): the cheap way to
 * draw a particle cloud. Discs whose centers fall in one cell of a grid of
 * radius / 2 pixels are drawn once, at the first one's center, with the
 * opacity of their stack, 1 - (1 - a)^k (what k blended discs at one spot
 * give): a crowd costs the pixels of a few discs, at most ~radius / 4 px
 * off on average. Drawn in call order with the other 2D shapes;
 * non-finite points and discs whose center is off the framebuffer are not
 * drawn. */
void render_points(renderer *r, const float *xy, int n, float radius, rgba color);
/* The same at n world points (xyz triples) projected with view_proj
 * (column-major 4x4) on the CPU, over the surface (no depth test), like
 * render_disc3d; points behind the camera or outside the clip volume are
 * not drawn. */
void render_points3d(renderer *r, const float *xyz, int n, const float view_proj[16],
                     float radius, rgba color);

/* Wireframe of a height field z = heights[j*nx + i] over the world rectangle
 * [x0, x1] x [y0, y1] (i along x, j along y), nx, ny >= 2. Grid lines are
 * drawn by the fragment shader along the sample rows and columns, line_px
 * wide on screen; the surface between the lines is see-through. Where rows
 * would land closer than ~5 px apart on screen, only every k-th row (and
 * column) is drawn, plus the last, like matplotlib's rstride/cstride. z is
 * scaled by z_scale. The mesh is uploaded once and reused while heights' content
 * id (any value the caller changes when the data changes) stays the same. */
void render_wireframe(renderer *r, const float *heights, int nx, int ny, float x0, float x1,
                      float y0, float y1, float z_scale, unsigned content_id,
                      const float view_proj[16], float line_px, rgba color);
/* Filled height field z = z_scale * heights[j*nx + i] over [x0, x1] x
 * [y0, y1] (the same mesh, cache, content id and level of detail as
 * render_wireframe), colored per pixel by its height through viridis (a
 * perceptually uniform colormap, van der Walt & Smith 2015, matplotlib's
 * default; within 2/255 of matplotlib's table) from z_lo (dark purple) to
 * z_hi (yellow), in heights' units before z_scale, clamped outside. Alpha
 * blended with opacity (clamped to 1; <= 0 draws nothing), depth-tested and
 * writing depth even where see-through, so a render_wireframe drawn right
 * after it with the same arguments lies exactly on it, and 3D polylines
 * drawn later are hidden behind it. */
void render_surface(renderer *r, const float *heights, int nx, int ny, float x0, float x1,
                    float y0, float y1, float z_scale, unsigned content_id,
                    const float view_proj[16], float z_lo, float z_hi, float opacity);

/* Filled contour plot of a height field heights[j*nx + i] (nx, ny >= 2),
 * sampled on a regular grid spanning the pixel rectangle (x, y, w, h):
 * sample (0, 0) at its bottom-left corner, (nx-1, ny-1) at its top-right,
 * i from left to right, j from BOTTOM to top (as a plot's y axis). The field
 * is interpolated bilinearly between samples and colored by viridis (see
 * render_surface) from z_lo (dark purple) to z_hi (yellow), clamped
 * outside; isolines at every multiple of step (height units) are line_px
 * wide on screen in line_color (its alpha blends it over the fill), computed
 * per pixel from the interpolant's exact gradient (distance to the level
 * over the gradient's length, so the width is constant), with a 1 px
 * antialiasing ramp; where levels crowd closer than 3 line widths the lines
 * fade out. step <= 0 or line_px <= 0: no isolines. The plot is opaque
 * (replaces what is under it); its edges are not antialiased. Non-finite
 * samples count as 0. The field is uploaded once per content id (with nx,
 * ny) as a float texture and reused, as in render_wireframe; nothing is
 * drawn when nx - 1 or ny - 1 exceeds GL_MAX_TEXTURE_SIZE. */
void render_contour(renderer *r, const float *heights, int nx, int ny, unsigned content_id,
                    float x, float y, float w, float h, float z_lo, float z_hi, float step,
                    float line_px, rgba line_color);

/* Retained static layer. Call right after render_begin. When key equals the
 * key of the layer kept from an earlier frame (and the framebuffer size and
 * the background are the same), the kept color and depth are copied into
 * this frame and false is returned: skip the static draws. Otherwise returns
 * true: draw the static content, then call render_layer_end. The first
 * frame with a key (size, background) draws it straight into the frame;
 * when the next frame has the same, everything between here and
 * render_layer_end goes into the layer (in call order, including
 * render_clip, 3D lines, render_wireframe, render_surface and
 * render_contour), which render_layer_end keeps under key and copies into
 * this frame; the frames after that copy it. key 0 disables
 * the layer: returns true, draws go straight to the frame. The frame comes
 * out bit-identical to drawing the static content directly (on Mesa with
 * glClipControl, GL 4.5, when the frame is the whole window; elsewhere
 * pixels on exact triangle edges may differ). The copy replaces
 * render_begin's clear (a frame that copies pays for no clear).
 * One layer is kept; a new key or size replaces it. On a driver that can
 * copy neither by glBlitFramebuffer nor by a shader, the layer stays off
 * (every call returns true and draws go to the frame). */
bool render_layer_begin(renderer *r, uint64_t key);
/* Ends the static draws (see render_layer_begin). Whatever the key, leaves
 * no clip set, as the frame is after render_begin, so what follows draws
 * the same whether the static draws ran or were copied. */
void render_layer_end(renderer *r);

/* Reads the framebuffer (after render_end) as tightly packed RGBA8 rows,
 * top row first, into out (fb_w * fb_h * 4 bytes). */
bool render_read_pixels(renderer *r, uint8_t *out, int fb_w, int fb_h);

#endif
