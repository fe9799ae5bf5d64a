// points.vert: one GL point per disc (render_points, render_points3d).
// a_pos is a pixel (x, y), mapped to clip space by u_mat (the
// framebuffer's pixel-to-clip transform; world points are projected on the
// CPU); a_alpha is the disc's opacity (points.c merges crowded discs into
// one with the opacity of their stack). The point's
// square is the disc's diameter plus 1 px, so points.frag can antialias
// the edge.
precision highp float;

layout(location = 0) in vec4 a_pos;
layout(location = 1) in float a_alpha;

uniform mat4 u_mat;
uniform float u_size; // square side in pixels: 2 radius + 1

flat out float v_alpha;

void main()
{
    gl_Position = u_mat * a_pos;
    gl_PointSize = u_size;
    v_alpha = a_alpha;
}
