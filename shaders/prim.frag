// prim.frag: coverage of one primitive at this pixel, from its exact
// geometry (signed distance, 1 px antialiasing ramp), times its color;
// output is premultiplied alpha (blend ONE, ONE_MINUS_SRC_ALPHA).
// Segments of a polyline own the pixels on their side of the bisector at
// each joint (v_extra: cut normals, zero = round cap), so joins are round
// and no pixel is blended twice. gl_FragCoord is used instead of an
// interpolated position so that neighbours decide the cut identically;
// u_frag_y turns it into pixels from the top (u_fb.y - y on the window,
// y itself in the static layer, which is stored top row first).
// Glyphs are drawn by glyph.frag; kinds 3 and up (triangles) keep cov 1.
precision highp float;

flat in vec4 v_geom;
flat in vec4 v_extra;
flat in vec4 v_param;
flat in vec4 v_color;
flat in vec4 v_color2;

uniform vec2 u_fb;
uniform vec2 u_frag_y; // pixel y from the top = u_frag_y.x + u_frag_y.y * gl_FragCoord.y

out vec4 o_color;

vec4 premul(vec4 c)
{
    return vec4(c.rgb * c.a, c.a);
}

float side(vec2 p, vec2 joint, vec2 n)
{
    return dot(p - joint, n);
}

void main()
{
    vec2 p = vec2(gl_FragCoord.x, u_frag_y.x + u_frag_y.y * gl_FragCoord.y);
    float kind = v_param.w;
    vec4 col = premul(v_color);
    float cov = 1.0;
    if (kind < 0.5) {
        vec2 a = v_geom.xy;
        vec2 b = v_geom.zw;
        vec2 ba = b - a;
        vec2 pa = p - a;
        float l2 = dot(ba, ba);
        float h = l2 > 0.0 ? clamp(dot(pa, ba) / l2, 0.0, 1.0) : 0.0;
        float d = length(pa - ba * h) - v_param.x;
        cov = clamp(0.5 - d, 0.0, 1.0);
        vec2 n0 = v_extra.xy;
        vec2 n1 = v_extra.zw;
        if (dot(n0, n0) > 0.0 && side(p, a, n0) < 0.0)
            cov = 0.0;
        if (dot(n1, n1) > 0.0 && side(p, b, n1) >= 0.0)
            cov = 0.0;
    } else if (kind < 1.5) {
        float dist = length(p - v_geom.xy);
        float r = v_param.x;
        float ow = v_extra.x;
        cov = clamp(r - dist + 0.5, 0.0, 1.0);
        if (ow > 0.0)
            col = mix(col, premul(v_color2), clamp(dist - (r - ow) + 0.5, 0.0, 1.0));
    } else if (kind < 2.5) {
        vec2 c = clamp(min(p - v_geom.xy, v_geom.zw - p) + 0.5, 0.0, 1.0);
        cov = c.x * c.y;
    }
    if (cov <= 0.0)
        discard;
    o_color = col * cov;
}
