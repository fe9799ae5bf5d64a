// points.vert: one GL point per particle (render_points, render_points3d).
// a_pos is a pixel (x, y) or a world (x, y, z) point, mapped to clip space
// by u_mat (pixels: the framebuffer's pixel-to-clip transform; world: the
// view-projection). The point's square is the disc's diameter plus 2 px, so
// points.frag can antialias the edge.
precision highp float;

layout(location = 0) in vec4 a_pos;

uniform mat4 u_mat;
uniform float u_size; // square side in pixels: 2 radius + 2

void main()
{
    gl_Position = u_mat * a_pos;
    gl_PointSize = u_size;
}
