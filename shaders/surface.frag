// surface.frag: the filled height field under the wireframe (wire.vert
// draws the mesh; viridis.glsl comes first). Colored by the interpolated
// raw height through viridis, premultiplied by the opacity (blend ONE,
// ONE_MINUS_SRC_ALPHA). The mesh's one-cell skirt (outside 0 .. n - 1,
// there for the wireframe's border lines) is discarded.
precision highp float;

in vec2 v_ij;
in float v_h;

uniform vec2 u_last;    // nx - 1, ny - 1
uniform vec2 u_map;     // z_lo, 1 / (z_hi - z_lo)
uniform float u_opacity;

out vec4 o_color;

void main()
{
    if (any(lessThan(v_ij, vec2(0.0))) || any(greaterThan(v_ij, u_last)))
        discard;
    o_color = vec4(viridis((v_h - u_map.x) * u_map.y) * u_opacity, u_opacity);
}
