/*
 * render_internal.h: struct renderer and what the files of src/render/ share
 * (private; src/app sees only renderer.h). The subsystems, each one struct:
 *   prim_batch  (renderer.c)  stream of 2D primitives (one quad each): segments,
 *                             discs, rects, glyphs, triangles; one streaming
 *                             VBO, one draw call per flush, flushed when the
 *                             mode (2D / depth-tested 3D) or the clip changes
 *                             and at render_end, so draws keep call order;
 *   text_cache  (text.c)      SDL2_ttf fonts per pixel size + one R8 glyph atlas;
 *   wireframe   (wireframe.c) height-field meshes cached by content id, drawn
 *                             as a wireframe or as a filled surface;
 *   contour     (contour.c)   filled contour plots: height fields cached by
 *                             content id as float textures;
 *   lines.c                   polylines (2D, 3D) and 3D discs built on prim_batch;
 *   render_layer (layer.c)    the retained static layer: an RGBA8 + depth
 *                             framebuffer object copied into later frames;
 *   points      (points.c)    many one-color discs as GL points, one draw call.
 */
#ifndef OPTIVIZ_RENDER_INTERNAL_H
#define OPTIVIZ_RENDER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL_ttf.h>

#include "gl.h"
#include "renderer.h"

/* ---- prim_batch ---------------------------------------------------------- */

/* Primitive kinds, as read by shaders/prim.vert and prim.frag (param[3]). */
enum prim_kind {
    PRIM_SEGMENT = 0,
    PRIM_DISC = 1,
    PRIM_RECT = 2,
    PRIM_GLYPH = 3,
    PRIM_TRIANGLE = 4,
    PRIM_FILL = 5, /* opaque rect, blending off (fill.frag) */
};

/* One primitive; with its corner (prim_vertex) it is one vertex of
 * shaders/prim.vert. */
typedef struct prim_instance {
    float geom[4];     /* p0.xy, p1.xy (pixels) */
    float extra[4];    /* kind-specific: cut normals, atlas uv, third vertex, outline */
    float param[4];    /* half width or radius, depth at p0, depth at p1, kind */
    uint8_t color[4];  /* straight RGBA8 */
    uint8_t color2[4]; /* outline, straight RGBA8 */
} prim_instance;

typedef enum batch_mode {
    BATCH_2D = 0, /* no depth test */
    BATCH_3D = 1, /* depth-tested against the wireframe, no depth writes */
} batch_mode;

/* One vertex of a primitive's quad: the primitive plus which corner. */
typedef struct prim_vertex {
    prim_instance prim;
    uint8_t corner[4]; /* x, y in {0, 1}; 2 bytes of padding */
} prim_vertex;

typedef struct prim_batch {
    GLuint program;       /* prim.vert + prim.frag: every kind but glyphs */
    GLuint glyph_program; /* prim.vert + glyph.frag */
    GLuint fill_program;  /* prim.vert + fill.frag */
    GLuint vao;
    GLuint vertex_vbo;
    GLuint index_ibo;
    GLint u_fb;
    GLint u_frag_y;
    GLint u_fb_glyph;
    GLint u_fb_fill;
    GLint u_atlas;
    prim_instance *items;
    int count;
    int cap;
    prim_vertex *verts; /* 4 per item, filled at flush */
    int index_quads;    /* quads the index buffer covers */
    batch_mode mode;
} prim_batch;

/* Appends a zeroed primitive in mode (flushing first if the mode changes).
 * Returns NULL when out of memory. */
prim_instance *batch_push(renderer *r, batch_mode mode);
/* Draws and empties the pending primitives. */
void batch_flush(renderer *r);
/* Does render_begin's clear of the color buffer if it is still pending
 * (it waits for the first draw, so a frame that starts with a copy of the
 * static layer never pays for it); call before anything draws. */
void render_color_ready(renderer *r);
/* Clears the depth buffer if this frame has not yet (2D-only frames never
 * pay for it), with the pending color clear if any; call before the frame's
 * first depth-tested draw. */
void render_depth_ready(renderer *r);
/* Straight [0, 1] color to RGBA8 (clamped; NaN becomes 0). */
void color_to_u8(uint8_t out[4], rgba c);
/* A scratch array of at least n floats owned by r (valid until the next call). */
float *render_scratch(renderer *r, size_t n);
/* Programs a frame may never need (3D, contour, points) are built on first
 * use: render_build_once runs build the first time (*state 0) and says
 * whether it worked then or before; a build that failed printed its one
 * line on stderr, and that part of the picture stays undrawn. */
typedef enum build_state { BUILD_UNTRIED = 0, BUILD_OK = 1, BUILD_FAILED = -1 } build_state;
bool render_build_once(renderer *r, build_state *state,
                       bool (*build)(renderer *r, char *err, size_t errlen));

/* ---- text_cache ---------------------------------------------------------- */

#define TEXT_ATLAS_SIZE 1024
#define TEXT_MAX_FONTS 16
#define TEXT_GLYPH_SLOTS 4096 /* open-addressing table, power of two */

typedef struct text_glyph {
    uint32_t key;     /* size << 21 | codepoint; 0 marks an empty slot */
    int16_t ax, ay;   /* atlas position of the bitmap */
    int16_t w, h;     /* bitmap size (0 for blank glyphs) */
    int16_t ox, oy;   /* bitmap offset from (pen x, line top) */
    int16_t advance;  /* pixels */
    uint8_t fallback; /* 1: drawn from the fallback font */
} text_glyph;

#define TEXT_KERN_SLOTS 8192 /* open-addressing table, power of two */

/* The kerning of one pair at one size in one font, asked of SDL_ttf once. */
typedef struct text_kern {
    uint64_t key;     /* 1 << 63 | size << 43 | fallback << 42 | prev << 21 | cp; 0: empty */
    int16_t dx;       /* pixels */
} text_kern;

typedef struct text_font {
    int size;
    TTF_Font *font;
    TTF_Font *fallback; /* the fallback font at this size, opened on first need */
} text_font;

typedef struct text_cache {
    char *font_path;
    char *fallback_path; /* glyphs the main font lacks (Korean), or NULL; opened at
                            the first such glyph (never for text the main font covers) */
    bool fallback_failed; /* it would not open: such glyphs show as the main font's box */
    bool ttf_ready;
    text_font fonts[TEXT_MAX_FONTS];
    int nfonts;
    int next_evict;
    text_glyph *glyphs;
    int nglyphs;
    text_kern *kerns;    /* TEXT_KERN_SLOTS; emptied when 3/4 full */
    int nkerns;
    GLuint atlas;
    int shelf_x, shelf_y, shelf_h;
    uint8_t *staging; /* TEXT_ATLAS_SIZE^2 bytes at most, reused for uploads */
} text_cache;

bool text_init(renderer *r, const char *font_path, const char *fallback_path, char *err,
               size_t errlen);
void text_destroy(renderer *r);

/* ---- wireframe ----------------------------------------------------------- */

#define WIRE_SLOTS 4
#define WIRE_LODS 4 /* meshes through every 1st, 2nd, 4th, 8th sample */

typedef struct wire_mesh {
    bool used;
    unsigned content_id;
    int nx, ny;
    GLuint vao, vbo;
    GLuint ibo[WIRE_LODS];
    GLsizei index_count[WIRE_LODS]; /* 0: level not available */
    float deviation[WIRE_LODS];     /* max |height - coarse mesh| over the samples */
    unsigned last_use;
} wire_mesh;

typedef struct wireframe {
    GLuint program;
    GLint u_view_proj, u_grid, u_z_scale, u_last, u_stride, u_half, u_color;
    GLuint surface_program; /* wire.vert + surface.frag (render_surface) */
    GLint s_view_proj, s_grid, s_z_scale, s_last, s_map, s_opacity;
    build_state built;      /* both programs, on the first 3D draw */
    wire_mesh meshes[WIRE_SLOTS];
    unsigned clock;
} wireframe;

void wire_destroy(renderer *r);

/* ---- contour ------------------------------------------------------------- */

#define CONTOUR_SLOTS 4

/* One uploaded height field: per cell (i, j) < (nx - 1, ny - 1), one RGBA32F
 * texel holding its corner heights z(i,j) z(i+1,j) z(i,j+1) z(i+1,j+1). */
typedef struct contour_field {
    bool used;
    unsigned content_id;
    int nx, ny;
    GLuint tex;
    unsigned last_use;
} contour_field;

typedef struct contour {
    GLuint program; /* contour.vert + contour.frag */
    GLuint vao;     /* empty: the rectangle's corners come from gl_VertexID */
    GLint u_fb, u_rect, u_last, u_px, u_map, u_iso, u_line;
    GLint max_size; /* GL_MAX_TEXTURE_SIZE */
    build_state built; /* on the first contour plot */
    contour_field fields[CONTOUR_SLOTS];
    unsigned clock;
} contour;

void contour_destroy(renderer *r);

/* ---- render_layer -------------------------------------------------------- */

/* How the kept layer reaches the frame, chosen once per layer framebuffer. */
typedef enum layer_copy {
    LAYER_COPY_UNTRIED = 0,
    LAYER_COPY_BLIT = 1, /* glBlitFramebuffer of color and depth */
    LAYER_COPY_DRAW = 2, /* copy.frag: color and gl_FragDepth from textures */
    LAYER_COPY_NONE = 3, /* neither works: the layer is off (as with key 0) */
} layer_copy;

typedef struct render_layer {
    GLuint fbo;
    GLuint color_tex;      /* RGBA8, stored as BGRA */
    GLuint depth_tex;      /* the frame's depth format, e.g. DEPTH_COMPONENT24 */
    int w, h;
    GLuint frame_fbo;      /* the frame's framebuffer (SDL's, usually 0) */
    uint64_t key;          /* of the kept content; 0: nothing kept */
    uint64_t pending_key;  /* of the content being recorded */
    uint64_t seen_key;     /* of the last frame that drew its static part directly */
    int seen_w, seen_h;    /* that frame's size */
    float seen_bg[4];      /* and background */
    GLbitfield depth_bits; /* blit mask of the depth (and stencil) buffer */
    float bg[4];           /* clear color the kept content was drawn on */
    bool depth_valid;      /* the kept depth was cleared and drawn into */
    bool recording;        /* between render_layer_begin and _end, drawing */
    bool flip;             /* stored top row first, as the window is (Mesa) */
    layer_copy copy;
    GLuint copy_program;   /* copy.vert + copy.frag, built on first need */
    GLuint copy_vao;       /* empty; core profile draws need one bound */
    GLint u_flip;          /* copy.frag: layer rows run opposite to the frame's */
    bool copy_failed;      /* copy_program did not build */
} render_layer;

/* Ends a recording left open (render_begin and render_end call it). */
void layer_finish(renderer *r);
void layer_destroy(renderer *r);

/* ---- points (points.c) --------------------------------------------------- */

/* Discs of one color drawn as GL points (render_points, render_points3d);
 * discs in one cell of a radius / 2 grid are merged first (a hash table). */
typedef struct points {
    GLuint program; /* points.vert + points.frag */
    GLuint vao, vbo;
    GLint u_mat, u_size, u_radius, u_color;
    build_state built; /* on the first points drawn */
    int cap;          /* points the arrays below hold */
    float *verts;     /* merged: x, y (pixels), opacity */
    uint32_t *keys;   /* its cell: 2 per merged point */
    int *stack;       /* points merged into each */
    int *table;       /* 2 * cap slots (a power of two): merged index, -1 empty */
    int table_size;
} points;

void points_destroy(renderer *r);

/* ---- the renderer -------------------------------------------------------- */

struct renderer {
    gl_api gl;
    bool gl_ready;
    float text_min_px; /* no text smaller (render_set_text_min); 0: none */
    char name[160];
    int fb_w, fb_h;
    bool clip_on;
    bool depth_cleared; /* this frame */
    bool clear_pending; /* render_begin's color clear, done at the first draw */
    float clear_color[4]; /* premultiplied */
    int clip[4]; /* scissor box in GL pixels (x, y, w, h; y from the bottom,
                  * from the top when y_down) */
    bool y_down; /* drawing into a layer stored top row first (layer.c) */
    float stroke; /* factor on every polyline width (render_set_stroke) */
    prim_batch batch;
    text_cache text;
    wireframe wire;
    contour contour;
    render_layer layer;
    float *scratch;
    size_t scratch_cap;
    points points;
    render_text_fn text_fn; /* render_observe_text */
    void *text_user;
};

#endif
