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
    vec2 qx = dFdx(q);
    vec2 qy = dFdy(q);
    vec2 inv_g = inversesqrt(max(qx * qx + qy * qy, vec2(1e-12)));  // pixels per index
    vec2 nearest = clamp(floor(q / u_stride + 0.5) * u_stride, vec2(0.0), u_last);
    vec2 dpx = min(abs(q - nearest), abs(q - u_last)) * inv_g;
    vec2 over = max(max(-q, q - u_last), vec2(0.0)) * inv_g;
    vec2 c = clamp(u_half + 0.5 - dpx, 0.0, 1.0) * clamp(u_half + 0.5 - over.yx, 0.0, 1.0);
    float ci = c.x;
    float cj = c.y;
    float cov = max(ci, cj);
    if (cov <= 0.0)
        discard;
    o_color = u_color * cov;
}
