// wire.frag: grid lines of the height field, computed per pixel. Lines
// sit at every u_stride-th index of i (and j) plus the last one; the
// distance to the nearest line, in index units, is divided by that index's
// screen-space gradient length, giving pixels, so lines are u_half * 2 px
// wide at any depth or slant, with a 1 px antialiasing ramp. Lines end
// square at the grid border. Everything else is discarded (see-through).
precision highp float;

in vec2 v_ij;

uniform vec2 u_last;    // nx - 1, ny - 1
uniform vec2 u_stride;  // draw every u_stride-th line along i, j (>= 1)
uniform float u_half;   // half the line width, pixels
uniform vec4 u_color;   // premultiplied

out vec4 o_color;

void main()
{
    vec2 q = v_ij;
    vec2 g = vec2(length(vec2(dFdx(q.x), dFdy(q.x))),
                  length(vec2(dFdx(q.y), dFdy(q.y))));
    g = max(g, vec2(1e-6));
    vec2 nearest = clamp(floor(q / u_stride + 0.5) * u_stride, vec2(0.0), u_last);
    vec2 dpx = min(abs(q - nearest), abs(q - u_last)) / g;
    vec2 over = max(max(-q, q - u_last), vec2(0.0)) / g;
    float ci = clamp(u_half + 0.5 - dpx.x, 0.0, 1.0) * clamp(u_half + 0.5 - over.y, 0.0, 1.0);
    float cj = clamp(u_half + 0.5 - dpx.y, 0.0, 1.0) * clamp(u_half + 0.5 - over.x, 0.0, 1.0);
    float cov = max(ci, cj);
    if (cov <= 0.0)
        discard;
    o_color = u_color * cov;
}
