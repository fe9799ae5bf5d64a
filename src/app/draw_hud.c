/*
 * draw_hud.c: the HUD column (each runner's legend and status, the selected
 * runner's numbers, its hyperparameter panel and the second-derivative
 * test), the worked example (T) and the help overlay generated from the
 * binding table. Reads the app's state, never changes it.
 */
#include "app/draw_internal.h"
#include "app/explain.h"
#include "app/format.h"
#include "core/critical.h"

#include <math.h>
#include <stdio.h>
#include <string.h>


/* Three significant digits, without an exponent from 1000 to 1e6 ("5000",
 * not "5e+03"). */
static void fmt_sig3(char *out, size_t n, double v)
{
    char buf[48];
    const double a = fabs(v);
    if (a >= 1000.0 && a < 1e6)
        snprintf(buf, sizeof buf, "%.0f", v);
    else
        snprintf(buf, sizeof buf, "%.3g", v);
    format_minus(out, n, buf);
}

static void hud_row(renderer *r, const theme *th, const layout *lay, float *y, const char *key,
                    const char *value, rgba vc)
{
    const float s = lay->scale, font = 26.0f * s;
    render_text(r, key, lay->side_x + 24 * s, *y, font, TEXT_LEFT, DIM);
    /* a value too long for its column wraps onto more lines (never shrinks) */
    const int lines = draw_text_wrap(r, value, lay->side_x + 170 * s, *y, font,
                                     lay->side_w - 180 * s, font * 1.2f, TEXT_LEFT, vc, true);
    *y += font * 1.32f + (float)(lines > 1 ? lines - 1 : 0) * font * 1.2f;
}

static const char *status_text(const draw_ctx *dc, int which, rgba *color)
{
    const app *a = dc->a;
    const theme *th = dc->th;
    const runner *rn = &a->sim.runners[which];
    if (a->ui.drag == DRAG_START) {
        *color = TEXT;
        return _("placing start");
    }
    status_tone tone;
    const char *word = assess_status(rn->status, a->runs.assess[which].now, a->sim.paused, &tone);
    const rgba by_tone[] = {[TONE_PLAIN] = TEXT, [TONE_GOOD] = GREEN, [TONE_CAUTION] = ORANGE,
                            [TONE_ALERT] = YELLOW, [TONE_BAD] = RED};
    *color = by_tone[tone];
    return _(word);
}

/* The runners, one line each: color, optimizer and hyperparameters,
 * status; the selected one marked. */
static void draw_legend(const draw_ctx *dc, float *y)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    const theme *th = dc->th;
    const float s = lay->scale, font = 22.0f * s;
    for (int i = 0; i < a->sim.n_runners; i++) {
        const runner *rn = &a->sim.runners[i];
        const float ly = *y + font * 0.6f;
        char label[96];
        optim_label(rn->opt.kind, &rn->opt.p, label, sizeof label);
        rgba sc;
        const char *st = status_text(dc, i, &sc);
        const float st_w = render_text_width(r, st, font);
        const float full = lay->side_w - 70 * s;
        /* the status beside the label, or under it when both do not fit */
        const bool two_rows = render_text_width(r, label, font) + 16 * s + st_w > full;
        const float sy = two_rows ? *y + font * 1.3f : *y;
        if (i == a->runs.selected && a->runs.n_runners > 1)
            render_rect(r, lay->side_x + 8 * s, *y - 4 * s, lay->side_w - 16 * s,
                        font * (two_rows ? 2.75f : 1.45f), th->panel_hi);
        render_disc(r, lay->side_x + 30 * s, ly, 9 * s, app_runner_color(a, i), 2 * s, TEXT);
        render_text(r, st, lay->side_x + lay->side_w - 16 * s, sy, font, TEXT_RIGHT, sc);
        draw_text_fit(r, label, lay->side_x + 50 * s, *y, font, fmaxf(11.0f, 16 * s),
                      two_rows ? full : full - st_w - 16 * s, TEXT_LEFT, TEXT);
        *y += font * (two_rows ? 2.8f : 1.5f);
    }
}

/* A hyperparameter's name as shown ("weight decay"). */
static void field_name(const optim_field *f, char *name, size_t n)
{
    snprintf(name, n, "%s", f->name);
    for (char *c = name; *c; c++)
        *c = *c == '_' ? ' ' : *c;
}

/* Two columns of hyperparameters when every name fits its half, else one
 * (a long name is never shrunk or cut: "initial accumulator"). */
static int panel_columns(const draw_ctx *dc, const int *idx, int n)
{
    const float s = dc->lay->scale, font = 22.0f * s;
    const float col_w = (dc->lay->side_w - 40 * s) / 2;
    int count;
    const optim_field *f = optim_fields(&count);
    for (int i = 0; i < n; i++) {
        char name[48];
        field_name(&f[idx[i]], name, sizeof name);
        if (render_text_width(dc->r, name, font) > col_w * 0.55f)
            return 1;
    }
    return 2;
}

/* The selected runner's hyperparameters; the field Ctrl+arrows change is
 * highlighted. */
static void draw_panel(const draw_ctx *dc, float *y)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    const theme *th = dc->th;
    const float s = lay->scale, font = 22.0f * s;
    int idx[32], count;
    const int n = app_panel_fields(a, idx, 32);
    const optim_field *f = optim_fields(&count);
    const runner *rn = &a->sim.runners[a->runs.selected];
    const int cols = panel_columns(dc, idx, n);
    const float col_w = (lay->side_w - 40 * s) / (float)cols;
    for (int i = 0; i < n; i++) {
        const float x = lay->side_x + 24 * s + (float)(i % cols) * col_w;
        const float yy = *y + (float)(i / cols) * font * 1.4f;
        const bool sel = i == a->runs.panel_field % n;
        if (sel)
            render_rect(r, x - 6 * s, yy - 3 * s, col_w - 6 * s, font * 1.35f,
                        rgba_alpha(YELLOW, 0.22f));
        char v[64];
        const double val = optim_field_get(&rn->opt.p, &f[idx[i]]);
        if (f[idx[i]].type == FIELD_BOOL)
            snprintf(v, sizeof v, "%s", val != 0.0 ? C_("switch", "on") : C_("switch", "off"));
        else
            snprintf(v, sizeof v, "%.3g", val);
        char name[48];
        field_name(&f[idx[i]], name, sizeof name);
        const float name_w = cols == 2 ? col_w * 0.55f : col_w * 0.6f;
        draw_text_fit(r, name, x, yy, font, font, name_w, TEXT_LEFT, sel ? YELLOW : DIM);
        render_text(r, v, x + name_w + col_w * 0.03f, yy, font, TEXT_LEFT, sel ? YELLOW : TEXT);
    }
    *y += (float)((n + cols - 1) / cols) * font * 1.4f;
}

/* The minimum known exactly (the global minimum among the critical points,
 * found in closed form or polished to machine precision) and the
 * iterate's distance to it, which the numerical method only shrinks. */
static void draw_exact(const draw_ctx *dc, float *y)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    const theme *th = dc->th;
    const runner *rn = &a->sim.runners[a->runs.selected];
    const critical_point *best = NULL;
    double d = INFINITY;
    for (int i = 0; i < a->lesson.crit.count; i++) {
        const critical_point *q = &a->lesson.crit.points[i];
        const double e = hypot(q->x - rn->x[0], a->lesson.land->dim > 1 ? q->y - rn->x[1] : 0.0);
        if (q->kind == CRITICAL_GLOBAL_MIN && e < d) {
            d = e;
            best = q;
        }
    }
    if (!best)
        return;
    char v[112], n1[48], n2[48];
    format_num(n1, sizeof n1, best->x);
    if (a->lesson.land->dim > 1) {
        format_num(n2, sizeof n2, best->y);
        snprintf(v, sizeof v, "(%s, %s)", n1, n2);
    } else {
        snprintf(v, sizeof v, "%s", n1);
    }
    hud_row(r, th, lay, y, _("x* exact"), v, GREEN);
    format_num(v, sizeof v, d);
    hud_row(r, th, lay, y, "|x − x*|", v, YELLOW);
}

/* The second-derivative test at the selected runner's iterate: f'' (1D)
 * or the Hessian and its eigenvalues (2D), and the verdict at a critical
 * point: at a minimum, near a saddle, or converged (d2l 12.1.3). */
static void draw_hessian(const draw_ctx *dc, float *y)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    const theme *th = dc->th;
    const runner *rn = &a->sim.runners[a->runs.selected];
    if (!isfinite(rn->at.f))
        return;
    char v[160], n1[32], n2[32], n3[32];
    double lam[2];
    if (a->lesson.land->dim == 1) {
        lam[0] = lam[1] = rn->at.h[0][0];
        format_num(v, sizeof v, lam[0]);
        char key[32];
        snprintf(key, sizeof key, "%s″(x)", a->lesson.land->symbol);
        hud_row(r, th, lay, y, key, v, TEXT);
    } else {
        critical_eigen2(rn->at.h[0][0], rn->at.h[0][1], rn->at.h[1][1], lam, NULL);
        format_sig(n1, sizeof n1, rn->at.h[0][0], 4);
        format_sig(n2, sizeof n2, rn->at.h[0][1], 4);
        format_sig(n3, sizeof n3, rn->at.h[1][1], 4);
        snprintf(v, sizeof v, "[%s %s; %s %s]", n1, n2, n2, n3);
        hud_row(r, th, lay, y, _("Hessian"), v, TEXT);
        format_sig(n1, sizeof n1, lam[0], 4);
        format_sig(n2, sizeof n2, lam[1], 4);
        snprintf(v, sizeof v, "%s, %s", n1, n2);
        hud_row(r, th, lay, y, "λ₁, λ₂", v, TEXT);
    }
    const situation sit = a->runs.assess[a->runs.selected].now;
    if (sit != SITUATION_GLOBAL_MIN && sit != SITUATION_LOCAL_MIN && sit != SITUATION_SADDLE &&
        rn->status != RUNNER_CONVERGED)
        return; /* the test speaks of critical points (zero gradient) only */
    /* judged at the critical point the runner is at or near (its exact
     * eigenvalues), not at the iterate: near x^3's 0, f'' > 0 at the
     * iterate says nothing about the point */
    const critical_point *cp = NULL;
    double best = INFINITY;
    for (int i = 0; i < a->lesson.crit.count; i++) {
        const critical_point *q = &a->lesson.crit.points[i];
        const double d = hypot(q->x - rn->x[0], a->lesson.land->dim > 1 ? q->y - rn->x[1] : 0.0);
        if (d < best) {
            best = d;
            cp = q;
        }
    }
    char where[96] = "";
    if (cp) {
        lam[0] = cp->lambda1;
        lam[1] = cp->lambda2;
        if (best > 1e-6 * (a->lesson.land->hi[0] - a->lesson.land->lo[0])) {
            format_sig(n1, sizeof n1, cp->x, 4);
            format_sig(n2, sizeof n2, cp->y, 4);
            if (a->lesson.land->dim == 1)
                snprintf(where, sizeof where, _(" at x = %s"), n1);
            else
                snprintf(where, sizeof where, _(" at (%s, %s)"), n1, n2);
        }
    }
    const double scale = fmax(fabs(lam[0]), fabs(lam[1]));
    const double tol = 1e-6 * fmax(scale, 1e-300);
    char verdict[160];
    rgba c = TEXT;
    if ((cp && cp->kind == CRITICAL_UNDEFINED) || !isfinite(lam[0]) || !isfinite(lam[1])) {
        /* no verdict is read from NaN (relu(x)^1.5 at 0) */
        if (a->lesson.land->dim > 1)
            snprintf(verdict, sizeof verdict, _("no verdict%s (the Hessian is undefined)"), where);
        else
            snprintf(verdict, sizeof verdict, _("no verdict%s (f″ is undefined)"), where);
        c = ORANGE;
    } else if ((cp && cp->kind == CRITICAL_DEGENERATE) || fabs(lam[0]) <= tol ||
               fabs(lam[1]) <= tol || scale == 0.0) {
        if (a->lesson.land->dim > 1)
            snprintf(verdict, sizeof verdict, _("inconclusive%s (a λ = 0)"), where);
        else
            snprintf(verdict, sizeof verdict, _("inconclusive%s (f″ = 0)"), where);
        c = ORANGE;
    } else if (lam[0] > 0) {
        if (a->lesson.land->dim > 1)
            snprintf(verdict, sizeof verdict, _("minimum%s (all λ > 0)"), where);
        else
            snprintf(verdict, sizeof verdict, _("minimum%s (f″ > 0)"), where);
        c = GREEN;
    } else if (lam[1] < 0) {
        if (a->lesson.land->dim > 1)
            snprintf(verdict, sizeof verdict, _("maximum%s (all λ < 0)"), where);
        else
            snprintf(verdict, sizeof verdict, _("maximum%s (f″ < 0)"), where);
        c = RED;
    } else {
        snprintf(verdict, sizeof verdict, _("saddle%s (λ of both signs)"), where);
        c = ORANGE;
    }
    hud_row(r, th, lay, y, _("test"), verdict, c);
    if (!(cp && a->lesson.land->dim == 2 && a->ui.explain))
        return;
    /* step by step (T): the eigenvalues worked out, det(H − λI) = 0 at the
     * critical point with its numbers */
    const double at_cp[2] = {cp->x, cp->y};
    landscape_point hp;
    landscape_eval(a->lesson.land, at_cp, &hp);
    char lines[EXPLAIN_MAX_LINES][EXPLAIN_LINE];
    const int n = explain_eigen(hp.h[0][0], hp.h[0][1], hp.h[1][0], hp.h[1][1], lines);
    const float s = lay->scale, font = 22.0f * s;
    for (int i = 0; i < n; i++) {
        draw_text_fit(r, lines[i], lay->side_x + 24 * s, *y, font, fmaxf(10.0f, 16 * s),
                      lay->side_w - 36 * s, TEXT_LEFT, i + 1 == n ? c : TEXT);
        *y += font * 1.35f;
    }
}

void draw_hud(const draw_ctx *dc)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    const theme *th = dc->th;
    const float s = lay->scale;
    const runner *rn = &a->sim.runners[a->runs.selected];
    /* the hint wraps (never shrinks or loses its end) */
    /* no-break spaces within an item, so it wraps between items */
    const char *hint = _("H:\u00a0help · A:\u00a0add\u00a0runner · O:\u00a0optimizer · "
                         "T:\u00a0step\u00a0by\u00a0step");
    const float hint_w = lay->side_w - 36 * s, hint_lh = 26 * s;
    const int hint_lines = draw_text_wrap(r, hint, 0, 0, 20 * s, hint_w, hint_lh, TEXT_LEFT, DIM,
                                          false);
    const float hint_y = lay->side_h - 18 * s - (float)hint_lines * hint_lh;
    draw_text_wrap(r, hint, lay->side_x + 24 * s, hint_y, 20 * s, hint_w, hint_lh, TEXT_LEFT, DIM,
                   true);
    float y = 20 * s;
    draw_legend(dc, &y);
    y += 8 * s;
    char v[96], w[96];
    snprintf(v, sizeof v, "%ld", rn->step);
    hud_row(r, th, lay, &y, _("step"), v, TEXT);
    const bool two = a->lesson.land->dim == 2;
    format_num(v, sizeof v, rn->x[0]);
    hud_row(r, th, lay, &y, "x", v, TEXT);
    if (two) {
        format_num(v, sizeof v, rn->x[1]);
        hud_row(r, th, lay, &y, "y", v, TEXT);
    }
    if (a->ui.exact) /* analytical vs numerical: the exact answer beside the iterate */
        draw_exact(dc, &y);
    const char *fs = a->lesson.land->symbol;
    char key[32];
    format_num(v, sizeof v, rn->at.f);
    snprintf(key, sizeof key, two ? "%s(x, y)" : "%s(x)", fs);
    hud_row(r, th, lay, &y, key, v, TEXT);
    format_num(v, sizeof v, rn->at.g[0]);
    snprintf(key, sizeof key, two ? "∂%s/∂x" : "%s′(x)", fs);
    hud_row(r, th, lay, &y, key, v, TEXT);
    if (two) {
        format_num(v, sizeof v, rn->at.g[1]);
        snprintf(key, sizeof key, "∂%s/∂y", fs);
        hud_row(r, th, lay, &y, key, v, TEXT);
    }
    if (rn->opt.kind != OPTIM_ANNEAL) {
        fmt_sig3(v, sizeof v, rn->opt.p.lr);
        if (a->runs.sched.kind != SCHEDULE_CONSTANT && rn->step > 0)
            snprintf(v + strlen(v), sizeof v - strlen(v), _(" (now %.3g, %s)"), rn->lr_now,
                     schedule_kind_name(a->runs.sched.kind));
        else if (a->runs.sched.kind != SCHEDULE_CONSTANT)
            snprintf(v + strlen(v), sizeof v - strlen(v), " (%s)",
                     schedule_kind_name(a->runs.sched.kind));
        hud_row(r, th, lay, &y, _("lr η"), v, YELLOW);
    } else {
        snprintf(v, sizeof v, "%.3g", rn->opt.temperature);
        hud_row(r, th, lay, &y, _("temp. T"), v, YELLOW);
    }
    if (a->runs.cfg[a->runs.selected].has_noise) { /* a scene gave this runner its own noise */
        fmt_sig3(w, sizeof w, a->runs.cfg[a->runs.selected].noise);
        snprintf(w + strlen(w), sizeof w - strlen(w), "%s", _(" (this runner's)"));
        hud_row(r, th, lay, &y, _("noise σ"), w,
                a->runs.cfg[a->runs.selected].noise > 0 ? YELLOW : DIM);
    } else if (a->runs.noise_on) {
        fmt_sig3(w, sizeof w, a->runs.noise_sigma);
        snprintf(w + strlen(w), sizeof w - strlen(w), "%s", _(" (on)"));
        hud_row(r, th, lay, &y, _("noise σ"), w, YELLOW);
    } else {
        char sig[32];
        fmt_sig3(sig, sizeof sig, a->runs.noise_sigma);
        snprintf(w, sizeof w, _("off (σ %s)"), sig);
        hud_row(r, th, lay, &y, _("noise σ"), w, DIM);
    }
    const int cap = app_cloud_step_cap(a);
    if (cap > 0 && a->sim.steps_per_second > 60.0 * cap) /* the cloud holds the pace back */
        snprintf(v, sizeof v, _("%g (cloud: ≤ %d a frame)"), a->sim.steps_per_second, cap);
    else
        snprintf(v, sizeof v, "%g", a->sim.steps_per_second);
    hud_row(r, th, lay, &y, _("steps/s"), v, TEXT);
    rgba sc;
    const char *status = status_text(dc, a->runs.selected, &sc);
    hud_row(r, th, lay, &y, _("status"), status, sc);
    if (a->runs.assess[a->runs.selected].escapes > 0) {
        snprintf(v, sizeof v, "%d", a->runs.assess[a->runs.selected].escapes);
        hud_row(r, th, lay, &y, _("escapes"), v, YELLOW);
    }
    draw_hessian(dc, &y);
    /* Newton's note is about the step just taken; show it while the
     * Hessian here is still not positive definite */
    double lam_here[2] = {rn->at.h[0][0], rn->at.h[0][0]};
    if (a->lesson.land->dim > 1)
        critical_eigen2(rn->at.h[0][0], rn->at.h[0][1], rn->at.h[1][1], lam_here, NULL);
    const bool note_holds = rn->status == RUNNER_STOPPED || !(lam_here[0] > 0.0);
    if (rn->note && note_holds && y + 60 * s < hint_y) {
        draw_text_fit(r, _(rn->note), lay->side_x + 24 * s, y, 20 * s, fmaxf(10.0f, 13 * s),
                 lay->side_w - 30 * s, TEXT_LEFT, ORANGE);
        y += 30 * s;
    }
    /* the selected runner's hyperparameters, when the window leaves room */
    int idx[32];
    const int n_fields = app_panel_fields(a, idx, 32);
    const int cols = panel_columns(dc, idx, n_fields);
    const float panel_h = 40 * s + (float)((n_fields + cols - 1) / cols) * 22 * s * 1.4f;
    if (y + 16 * s + panel_h < hint_y) {
        y += 16 * s;
        draw_text_fit(r, _("hyperparameters (Ctrl+arrows)"), lay->side_x + 24 * s, y, 20 * s,
                 fmaxf(10.0f, 13 * s), lay->side_w - 30 * s, TEXT_LEFT, DIM);
        y += 30 * s;
        draw_panel(dc, &y);
    }
    /* what the markers mean */
    y += 14 * s;
    if (y + 80 * s > hint_y)
        return;
    const float kx = lay->side_x + 40 * s, tx = lay->side_x + 70 * s, f = 20 * s;
    render_disc(r, kx, y + f * 0.6f, 10 * s, rgba_alpha(BG, 0.0f), 3 * s, TEXT);
    render_text(r, _("start (drag to move)"), tx, y, f, TEXT_LEFT, DIM);
    y += f * 1.6f;
    render_disc(r, kx, y + f * 0.6f, 4.5f * s, app_runner_color(a, a->runs.selected), 0, BG);
    render_text(r, _("one dot per step: the trail"), tx, y, f, TEXT_LEFT, DIM);
}

/* Step-by-step mode: the last step of the selected runner written out,
 * in a box beside its iterate (1D) or at the top of the view (3D). */
void draw_explain(const draw_ctx *dc)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    const theme *th = dc->th;
    const float s = lay->scale, font = 24.0f * s;
    const runner *rn = &a->sim.runners[a->runs.selected];
    char lines[EXPLAIN_MAX_LINES][EXPLAIN_LINE];
    const int n = explain_step(rn, lines);
    float w = 0;
    for (int i = 0; i < n; i++)
        w = fmaxf(w, render_text_width(r, lines[i], font));
    w = fminf(w, lay->plot_w - 40 * s);
    const float h = (float)n * font * 1.4f + 50 * s;
    float x = lay->plot_x + 20 * s, y = lay->plot_y + 20 * s;
    if (a->lesson.land->dim == 1 && isfinite(rn->at.f)) {
        const float px = view_x_to_px(&a->view, lay, rn->x[0]),
                    py = view_y_to_px(&a->view, lay, rn->at.f);
        x = px + 40 * s + w + 40 * s < lay->plot_x + lay->plot_w ? px + 40 * s
                                                                 : px - 40 * s - w - 24 * s;
        y = py - h - 30 * s > lay->plot_y ? py - h - 30 * s : py + 40 * s;
        x = fmaxf(lay->plot_x + 8 * s, fminf(x, lay->plot_x + lay->plot_w - w - 32 * s));
        y = fmaxf(lay->plot_y + 8 * s, fminf(y, lay->plot_y + lay->plot_h - h - 8 * s));
    }
    render_rect(r, x, y, w + 28 * s, h, rgba_alpha(PANEL, 0.94f));
    render_rect(r, x, y, 6 * s, h, app_runner_color(a, a->runs.selected));
    char title[96];
    snprintf(title, sizeof title, _("step %ld of %s (T: leave, Right: next step)"), rn->step,
             optim_kind_name(rn->opt.kind));
    draw_text_fit(r, title, x + 16 * s, y + 10 * s, 20 * s, fmaxf(10.0f, 13 * s), w, TEXT_LEFT,
                  DIM);
    for (int i = 0; i < n; i++)
        draw_text_fit(r, lines[i], x + 16 * s, y + 42 * s + (float)i * font * 1.4f, font,
                 fmaxf(10.0f, 14 * s), w, TEXT_LEFT, TEXT);
}

/* The help overlay's rows laid out for cols columns at font size font: each
 * row's column and top (ys, cs; up to 256 rows) and the tallest column's
 * height. key_w: the keys' column width. */
static float help_layout(const draw_ctx *dc, const binding *b, int n, int cols, float font,
                         float col_w, float key_w, float *ys, int *cs)
{
    renderer *r = dc->r;
    const float s = dc->lay->scale, lh = font * 1.2f, row_gap = font * 0.25f;
    float rh[256], total = 0;
    int k = 0;
    for (int i = 0; i < n && k < 256; i++) {
        if (!b[i].help)
            continue;
        const int kl = draw_text_wrap(r, _(b[i].keys), 0, 0, font, key_w - font * 0.5f, lh,
                                      TEXT_LEFT, dc->th->text, false);
        const int hl = draw_text_wrap(r, _(b[i].help), 0, 0, font, col_w - key_w - 10 * s, lh,
                                      TEXT_LEFT, dc->th->dim, false);
        rh[k] = (float)(kl > hl ? kl : hl) * lh + row_gap;
        total += rh[k++];
    }
    /* columns filled in turn to an even share of the total height */
    const float share = total / (float)cols;
    float col_h[3] = {0, 0, 0};
    int c = 0;
    for (int j = 0; j < k; j++) {
        if (c + 1 < cols && col_h[c] > 0 && col_h[c] + rh[j] / 2 > share)
            c++;
        cs[j] = c;
        ys[j] = col_h[c];
        col_h[c] += rh[j];
    }
    return fmaxf(col_h[0], fmaxf(col_h[1], col_h[2]));
}

void draw_help(const draw_ctx *dc)
{
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    const theme *th = dc->th;
    const float s = lay->scale;
    int n;
    const binding *b = input_bindings(&n);
    /* the largest text (24 px a scale unit, at least the room's minimum) in
     * two columns, else three, that fits the window's height; keys and help
     * wrap, never cut */
    const float min_px = LAYOUT_TEXT_MIN * s, w = lay->fb_w - 40 * s, gap = 20 * s;
    float ys[256], font = 24.0f * s, col_w = 0, key_w = 0, body = 0;
    int cs[256], cols = 2;
    for (cols = 2; cols <= 3; cols++) {
        for (font = 24.0f * s; font >= min_px * 0.999f; font *= 0.93f) {
            col_w = (w - 60 * s - (float)(cols - 1) * gap) / (float)cols;
            key_w = 0;
            for (int i = 0; i < n; i++)
                if (b[i].help)
                    key_w = fmaxf(key_w, render_text_width(r, _(b[i].keys), font));
            key_w = fminf(key_w + font * 0.8f, col_w * 0.45f);
            body = help_layout(dc, b, n, cols, font, col_w, key_w, ys, cs);
            if (font * 2.9f + body + font * 2.4f <= lay->fb_h - 20 * s)
                break;
        }
        if (font >= min_px * 0.999f)
            break;
    }
    if (cols > 3) { /* nothing fits: three columns at the minimum, top-aligned */
        cols = 3;
        font = min_px;
        col_w = (w - 60 * s - 2 * gap) / 3;
        key_w = col_w * 0.45f;
        body = help_layout(dc, b, n, cols, font, col_w, key_w, ys, cs);
    }
    const float top = font * 2.9f, lh = font * 1.2f;
    const float h = top + body + font * 2.4f;
    const float x = (lay->fb_w - w) / 2, y = fmaxf((lay->fb_h - h) / 2, 10 * s);
    render_rect(r, 0, 0, lay->fb_w, lay->fb_h, rgba_alpha(BG, 0.6f));
    render_rect(r, x, y, w, h, rgba_alpha(PANEL, 0.97f));
    render_text(r, _("Keys and mouse"), x + 30 * s, y + font, font * 1.2f, TEXT_LEFT, YELLOW);
    for (int i = 0, k = 0; i < n && k < 256; i++) {
        if (!b[i].help)
            continue;
        const float cx = x + 30 * s + (float)cs[k] * (col_w + gap);
        const float ty = y + top + ys[k];
        draw_text_wrap(r, _(b[i].keys), cx, ty, font, key_w - font * 0.5f, lh, TEXT_LEFT, TEXT,
                       true);
        draw_text_wrap(r, _(b[i].help), cx + key_w, ty, font, col_w - key_w - 10 * s, lh,
                       TEXT_LEFT, DIM, true);
        k++;
    }
    draw_text_wrap(r, _("Mouse: left-drag moves the start · right-drag rotates 3D · wheel zooms"),
                   x + 30 * s, y + top + body + font * 0.3f, font, w - 40 * s, lh, TEXT_LEFT,
                   TEXT, true);
}
