// glyph.frag: text. Coverage is the glyph's atlas texel (whole-pixel
// placement, so texel for texel: texelFetch, no filtering), times the
// color, premultiplied (blend ONE, ONE_MINUS_SRC_ALPHA). Glyph runs of a
// batch use this program, the other primitives prim.frag: a shader that
// holds only what its pixels need is much cheaper on a software
// rasterizer, which executes every branch of an ubershader.
precision highp float;

flat in vec4 v_color;
in vec2 v_uv; // atlas texel coordinates

uniform sampler2D u_atlas;

out vec4 o_color;

void main()
{
    float cov = texelFetch(u_atlas, ivec2(v_uv), 0).r;
    if (cov <= 0.0)
        discard;
    o_color = vec4(v_color.rgb * v_color.a, v_color.a) * cov;
}
