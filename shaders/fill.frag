// fill.frag: an opaque rectangle (kind 5), drawn with blending off. It
// replaces a scissored glClear for large panels: Mesa turns that into a
// quad of its own, and a shader this plain lets llvmpipe take its cheapest
// path.
precision highp float;

flat in vec4 v_color;

out vec4 o_color;

void main()
{
    o_color = vec4(v_color.rgb, 1.0);
}
