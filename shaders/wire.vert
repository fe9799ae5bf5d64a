// wire.vert: height-field mesh for the wireframe. a_ijh = (i, j, height):
// grid indices (the outer ring is a skirt at -1 and n, so border lines keep
// their full width) and the raw height; world = (x0 + i dx, y0 + j dy, h z).
// Shared by the wireframe and the filled surface (surface.frag), so both put
// every vertex at the same depth (gl_Position is invariant, so no
// optimization may compute it differently in the two programs) and a
// wireframe drawn over the surface passes the depth test (GL_LEQUAL) exactly
// on it. v_h (the raw height) is used by the surface only.
precision highp float;

invariant gl_Position;

layout(location = 0) in vec3 a_ijh;

uniform mat4 u_view_proj;
uniform vec4 u_grid;    // x0, y0, dx, dy
uniform float u_z_scale;

out vec2 v_ij;
out float v_h;

void main()
{
    v_ij = a_ijh.xy;
    v_h = a_ijh.z;
    vec3 world = vec3(u_grid.xy + a_ijh.xy * u_grid.zw, a_ijh.z * u_z_scale);
    gl_Position = u_view_proj * vec4(world, 1.0);
}
