// points.frag: a filled disc of radius u_radius (pixels) in the point's
// square, from gl_PointCoord's distance to its center, with a 1 px
// antialiasing ramp; one color for all, the opacity per disc; output
// premultiplied, as prim.frag.
precision highp float;

uniform float u_size;
uniform float u_radius;
uniform vec3 u_color;

flat in float v_alpha;

out vec4 o_color;

void main()
{
    float d = length(gl_PointCoord - vec2(0.5)) * u_size;
    float cov = clamp(u_radius - d + 0.5, 0.0, 1.0) * v_alpha;
    if (cov <= 0.0)
        discard;
    o_color = vec4(u_color * cov, cov);
}
