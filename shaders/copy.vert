// copy.vert: one triangle covering the framebuffer (no vertex attributes;
// vertex 0, 1, 2 land at (-1, -1), (3, -1), (-1, 3) in clip space), for
// copy.frag.
precision highp float;

void main()
{
    vec2 p = vec2(float((gl_VertexID & 1) << 2), float((gl_VertexID & 2) << 1)) - 1.0;
    gl_Position = vec4(p, 0.0, 1.0);
}
