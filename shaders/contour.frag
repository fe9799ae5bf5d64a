// contour.frag: filled contour plot of a height field with isolines
// (viridis.glsl comes first). u_cells holds, per grid cell (i, j), its four
// corner heights z00 z10 z01 z11 in one RGBA32F texel, so one texelFetch
// (exact, no filtering: GLSL ES 3.00 cannot filter float textures) gives
// the bilinear interpolant and its gradient. The height picks the viridis
// color; the isoline distance is |z - nearest level| / |grad z| with the
// gradient in height per pixel (exact for the bilinear field, so lines are
// 2 u_iso.z px wide everywhere, with a 1 px antialiasing ramp). Where levels
// crowd (closer than 3 line widths apart) the lines fade out, gone at 1.5,
// instead of filling the area. The output is opaque (drawn without blending).
precision highp float;

in vec2 v_q; // grid position, sample units

uniform highp sampler2D u_cells;
uniform vec2 u_last;    // nx - 1, ny - 1
uniform vec2 u_px;      // sample units per pixel along x and y
uniform vec2 u_map;     // z_lo, 1 / (z_hi - z_lo)
uniform vec4 u_iso;     // step, 1 / step, half line width px (0: no isolines), 1 / (3 half)
uniform vec4 u_line;    // isoline color, straight rgb and alpha

out vec4 o_color;

void main()
{
    vec2 q = clamp(v_q, vec2(0.0), u_last);
    vec2 cell = min(floor(q), u_last - 1.0);
    vec2 f = q - cell;
    vec4 z = texelFetch(u_cells, ivec2(cell), 0);
    vec2 row = mix(z.xz, z.yw, f.x); // along x at the cell's bottom and top
    float h = mix(row.x, row.y, f.y);
    vec3 col = viridis((h - u_map.x) * u_map.y);
    if (u_iso.z > 0.0) {
        vec2 g = vec2(mix(z.y - z.x, z.w - z.z, f.y), row.y - row.x) * u_px;
        float inv_g = inversesqrt(max(dot(g, g), 1e-30)); // pixels per height unit
        float d = abs(h - floor(h * u_iso.y + 0.5) * u_iso.x) * inv_g;
        float cov = clamp(u_iso.z + 0.5 - d, 0.0, 1.0);
        cov *= clamp(u_iso.x * inv_g * u_iso.w - 1.0, 0.0, 1.0);
        col = mix(col, u_line.rgb, cov * u_line.a);
    }
    o_color = vec4(col, 1.0);
}
