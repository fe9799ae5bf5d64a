// prim.vert: one quad per 2D primitive (every vertex carries the primitive;
// a_corner says which corner it is). Kinds (a_param.w):
// 0 segment (capsule of half width a_param.x from a_geom.xy to a_geom.zw),
// 1 disc (center a_geom.xy, radius a_param.x), 2 rect (a_geom = x0 y0 x1 y1),
// 3 glyph (screen rect a_geom, atlas texel rect a_extra), 4 triangle (a_geom.xy,
// a_geom.zw, a_extra.xy). Positions are framebuffer pixels, origin top-left,
// y down; a_param.yz is the window depth at the two ends (3D batches only).
// 5 opaque fill (rect a_geom, exact, drawn by fill.frag without blending).
// Quads are padded by 1 px so the fragment shader can antialias the edge.
precision highp float;

layout(location = 0) in vec2 a_corner;
layout(location = 1) in vec4 a_geom;
layout(location = 2) in vec4 a_extra;
layout(location = 3) in vec4 a_param;
layout(location = 4) in vec4 a_color;
layout(location = 5) in vec4 a_color2;

uniform vec2 u_fb;

flat out vec4 v_geom;
flat out vec4 v_extra;
flat out vec4 v_param;
flat out vec4 v_color;
flat out vec4 v_color2;
out vec2 v_uv;

void main()
{
    float kind = a_param.w;
    vec2 p0 = a_geom.xy;
    vec2 p1 = a_geom.zw;
    vec2 pos;
    float depth = a_param.y;
    v_uv = vec2(0.0);
    if (kind < 0.5) {
        vec2 d = p1 - p0;
        float len = length(d);
        vec2 t = len > 1e-6 ? d / len : vec2(1.0, 0.0);
        vec2 n = vec2(-t.y, t.x);
        float ext = a_param.x + 1.0;
        float u = mix(-ext, len + ext, a_corner.x);
        pos = p0 + t * u + n * mix(-ext, ext, a_corner.y);
        if (len > 1e-6)
            depth = clamp(mix(a_param.y, a_param.z, u / len), 0.0, 1.0);
    } else if (kind < 1.5) {
        float rr = a_param.x + 1.0;
        pos = p0 + mix(vec2(-rr), vec2(rr), a_corner);
    } else if (kind < 2.5) {
        pos = mix(p0 - 1.0, p1 + 1.0, a_corner);
    } else if (kind < 3.5 || kind > 4.5) {
        pos = mix(p0, p1, a_corner);
        v_uv = mix(a_extra.xy, a_extra.zw, a_corner);
    } else {
        float k = a_corner.x + 2.0 * a_corner.y;
        pos = k < 0.5 ? p0 : (k < 1.5 ? p1 : a_extra.xy);
    }
    v_geom = a_geom;
    v_extra = a_extra;
    v_param = a_param;
    v_color = a_color;
    v_color2 = a_color2;
    gl_Position = vec4(pos.x / u_fb.x * 2.0 - 1.0, 1.0 - pos.y / u_fb.y * 2.0,
                       depth * 2.0 - 1.0, 1.0);
}
