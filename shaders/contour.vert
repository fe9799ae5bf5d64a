// contour.vert: the contour plot's rectangle (no vertex attributes; a
// 4-vertex triangle strip, gl_VertexID = corner bits x | y << 1). Pixels as
// in prim.vert (origin top-left, y down); v_q is the grid position in
// sample units, i = 0 .. nx - 1 left to right, j = 0 .. ny - 1 bottom to top.
precision highp float;

uniform vec2 u_fb;     // framebuffer size, pixels
uniform vec4 u_rect;   // x, y, w, h, pixels
uniform vec2 u_last;   // nx - 1, ny - 1

out vec2 v_q;

void main()
{
    vec2 c = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1));
    vec2 p = u_rect.xy + c * u_rect.zw;
    v_q = vec2(c.x, 1.0 - c.y) * u_last;
    gl_Position = vec4(p.x / u_fb.x * 2.0 - 1.0, 1.0 - p.y / u_fb.y * 2.0, 0.0, 1.0);
}
