// viridis.glsl: the viridis colormap (van der Walt & Smith 2015,
// matplotlib's default), for the fragment shaders that color by height;
// shader.c puts it between the #version line and the shader that uses it.
// Two quintics in x = t - 0.55 sharing their constant and linear terms (so
// the curve is C1 where they meet), least-squares fits to matplotlib's
// 256-entry table (lib/matplotlib/_cm_listed.py, _viridis_data at
// t = k / 255): off it by at most 1.15 / 255 per channel. Cheaper than a
// table on llvmpipe (15 multiply-adds and 12 selects, no indexed loads,
// which gather per pixel) and closer than one polynomial (degree 6: 4.3 / 255).
precision highp float;

const vec3 VIRIDIS_C0 = vec3(0.11955301, 0.61193377, 0.54107726);
const vec3 VIRIDIS_C1 = vec3(-0.14670487, 0.95995581, -0.26836334);
const vec3 VIRIDIS_A2 = vec3(1.08652770, 0.43808793, -1.89046335);
const vec3 VIRIDIS_A3 = vec3(1.17324469, 2.20497238, -8.10963519);
const vec3 VIRIDIS_A4 = vec3(1.23832111, 2.59211683, -18.88477755);
const vec3 VIRIDIS_A5 = vec3(3.62496486, 1.64880961, -11.71297392);
const vec3 VIRIDIS_B2 = vec3(9.61010198, -0.53424092, -5.46879420);
const vec3 VIRIDIS_B3 = vec3(-18.45920261, 2.64370366, 36.47150013);
const vec3 VIRIDIS_B4 = vec3(26.91361901, -13.84789913, -144.16751184);
const vec3 VIRIDIS_B5 = vec3(-23.19910508, 16.11912060, 185.32488121);

// Color at t in [0, 1] (clamped): dark purple at 0, yellow at 1.
vec3 viridis(float t)
{
    float x = clamp(t, 0.0, 1.0) - 0.55;
    bool lo = x < 0.0;
    vec3 c5 = lo ? VIRIDIS_A5 : VIRIDIS_B5;
    vec3 c4 = lo ? VIRIDIS_A4 : VIRIDIS_B4;
    vec3 c3 = lo ? VIRIDIS_A3 : VIRIDIS_B3;
    vec3 c2 = lo ? VIRIDIS_A2 : VIRIDIS_B2;
    return VIRIDIS_C0 + x * (VIRIDIS_C1 + x * (c2 + x * (c3 + x * (c4 + x * c5))));
}
