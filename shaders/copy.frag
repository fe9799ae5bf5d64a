// copy.frag: copies the retained static layer (src/render/layer.c) into the
// frame texel for texel: color as stored (RGBA8 reads back exactly), depth
// through gl_FragDepth (ignored when depth testing is off). u_flip_rows is
// 0, or the height when the layer's rows run opposite to the frame's.
precision highp float;

uniform sampler2D u_color;
uniform highp sampler2D u_depth;
uniform int u_flip_rows;

out vec4 o_color;

void main()
{
    ivec2 p = ivec2(gl_FragCoord.xy);
    if (u_flip_rows > 0)
        p.y = u_flip_rows - 1 - p.y;
    o_color = texelFetch(u_color, p, 0);
    gl_FragDepth = texelFetch(u_depth, p, 0).r;
}
