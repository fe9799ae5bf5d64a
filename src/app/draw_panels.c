/*
 * draw_panels.c: panels drawn over the plot, each from the app's state
 * (read only): the loss-over-steps panel (J) and the key-cast overlay (F9).
 *
 * The loss panel plots f at each iterate the runner's trail still holds
 * (the last RUNNER_TRAIL_MAX steps) against the step, decimated to the
 * panel's pixel width. In lesson 1 it plots training loss (empirical risk)
 * and risk at the same iterates: the source material's point that
 * minimizing the first is not minimizing the second (d2l 12.1.1); the step
 * of lowest risk is where early stopping would end training.
 */
#include "app/draw_internal.h"
#include "app/format.h"
#include "app/theme.h"
#include "core/loss.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One curve of the panel and its color. */
typedef struct loss_curve {
    loss_series ser;
    rgba color;
} loss_curve;

/* The panel with curves, room for SIM_MAX_RUNNERS + 1 samplings. */
static void loss_panel(const draw_ctx *dc, loss_curve *curves)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    const theme *t = dc->th;
    const float s = lay->scale;
    const float w = lay->loss_w, h = lay->loss_h, x = lay->loss_x, y = lay->loss_y;
    render_rect(r, x, y, w, h, t->panel);

    int nc = 0;
    const bool two_risks = a->lesson.companion != NULL;
    const runner *sel = &a->sim.runners[a->runs.selected];
    if (two_risks) {
        curves[nc].color = t->landscape;
        loss_sample(&curves[nc++].ser, sel, a->lesson.land);
        curves[nc].color = t->companion;
        loss_sample(&curves[nc++].ser, sel, a->lesson.companion);
    } else {
        for (int i = 0; i < a->sim.n_runners; i++) {
            curves[nc].color = app_runner_color(a, i);
            loss_sample(&curves[nc++].ser, &a->sim.runners[i], a->lesson.land);
        }
    }

    /* the y quantity: f, or log10(f - f*) with f* each curve's own lowest
     * minimum (lesson 1's risk: its marked minimum); a landscape without
     * one (x^2 - y^2) keeps f, never a value seen taken for f* */
    const bool log_y = app_loss_log(a);
    const double fstar = critical_lowest_min(&a->lesson.crit);
    double fstar2 = NAN;
    if (two_risks && log_y) {
        for (int m = 0; m < a->lesson.land->n_marks; m++) {
            const landscape_mark *mk = &a->lesson.land->marks[m];
            double xm, p2[2];
            if (mk->of_function && strcmp(mk->of_function, a->lesson.companion->name) == 0 &&
                landscape_critical_1d(a->lesson.companion, mk->seed, &xm)) {
                landscape_point v;
                p2[0] = xm;
                landscape_eval(a->lesson.companion, p2, &v);
                fstar2 = v.f;
            }
        }
    }
    long zero_step = -1, below_step = -1;
    double s0 = INFINITY, s1 = -INFINITY, v0 = INFINITY, v1 = -INFINITY;
    for (int c = 0; c < nc; c++) {
        loss_series *ser = &curves[c].ser;
        if (log_y) { /* a gap of 0 or below has no log: a break, said below */
            loss_log_gap(ser, two_risks && c == 1 ? fstar2 : fstar);
            if (ser->zero_step >= 0 && (zero_step < 0 || ser->zero_step < zero_step))
                zero_step = ser->zero_step;
            if (ser->below_step >= 0 && (below_step < 0 || ser->below_step < below_step))
                below_step = ser->below_step;
        }
        for (int i = 0; i < ser->n; i++) {
            const double v = ser->y[i];
            if (!isfinite(v))
                continue;
            s0 = fmin(s0, ser->step[i]);
            s1 = fmax(s1, ser->step[i]);
            v0 = fmin(v0, v);
            v1 = fmax(v1, v);
        }
    }

    const float fs = fmaxf(11.0f, 20 * s), pad = 12 * s;
    const char *title = two_risks ? (log_y ? _("loss over steps: log10(f − f*), "
                                                       "training loss and risk")
                                                    : _("loss over steps: training loss and risk"))
                        : log_y ? _("loss over steps: log10(f − f*)")
                                         : _("loss over steps: f at each iterate");
    draw_text_fit(r, title, x + pad, y + 8 * s, fs, 10.0f, w - 2 * pad, TEXT_LEFT, t->text);
    const float gx = x + pad + 100 * s, gy = y + 8 * s + fs * 1.6f;
    /* under the graph: a row of step numbers, then the legend's row */
    const float gw = x + w - pad - gx, gh = y + h - gy - fs * 3.0f;
    if (!(s1 >= s0) || !(v1 >= v0) || gw < 20 || gh < 20) {
        draw_text_fit(r, _("no steps yet"), x + pad, gy, fs, 10.0f, w - 2 * pad, TEXT_LEFT, t->dim);
        return;
    }
    if (s1 - s0 < 1)
        s1 = s0 + 1;
    const double dlo = v0, dhi = v1; /* the data's own bounds, which the labels give */
    if (v1 - v0 < 1e-12 * fmax(1.0, fabs(v1))) {
        v0 -= 0.5;
        v1 += 0.5;
    }
    const double vpad = 0.06 * (v1 - v0);
    const bool nonneg = v0 >= 0.0; /* a loss that cannot go below 0 keeps its 0 */
    v0 -= vpad;
    v1 += vpad;
    if (nonneg && v0 < 0.0)
        v0 = 0.0;
#define PX(st) (gx + (float)(((st) - s0) / (s1 - s0)) * gw)
#define PY(v) (gy + gh - (float)(((v) - v0) / (v1 - v0)) * gh)
    /* axes and labels */
    const float box[10] = {gx, gy, gx, gy + gh, gx + gw, gy + gh};
    render_polyline(r, box, 3, 1.5f * s, t->axis);
    char num[48], lab[192];
    /* the highest and lowest value plotted, each at its own height with a
     * tick (the frame's padded ends are not data) */
    const double ends[2] = {dhi, dlo};
    for (int k = 0; k < (dhi > dlo ? 2 : 1); k++) {
        const float ty = PY(ends[k]);
        const float tick[4] = {gx - 5 * s, ty, gx, ty};
        render_polyline(r, tick, 2, 1.5f * s, t->axis);
        format_sig(num, sizeof num, ends[k], 3);
        render_text(r, num, gx - 8 * s, ty - fs * 0.6f, fs, TEXT_RIGHT, t->text);
    }
    snprintf(lab, sizeof lab, "%.0f", s0);
    render_text(r, lab, gx, gy + gh + 4 * s, fs, TEXT_CENTER, t->text);
    snprintf(lab, sizeof lab, _("step %.0f"), s1);
    render_text(r, lab, gx + gw, gy + gh + 4 * s, fs, TEXT_RIGHT, t->text);

    /* the curves, the selected runner's last so it is on top */
    float pts[2 * LOSS_MAX_POINTS];
    render_clip(r, gx, gy - 2 * s, gw + 2 * s, gh + 4 * s);
    for (int c = nc - 1; c >= 0; c--) {
        const loss_series *ser = &curves[c].ser;
        for (int i = 0; i < ser->n; i++) {
            pts[2 * i] = PX(ser->step[i]);
            pts[2 * i + 1] = isfinite(ser->y[i]) ? PY(ser->y[i]) : NAN;
        }
        render_polyline(r, pts, ser->n, 3.0f * s, curves[c].color);
    }
    render_clip(r, 0, 0, 0, 0);

    /* legend and the early-stopping mark */
    const float ly = y + h - fs * 1.5f;
    if (two_risks) {
        render_rect(r, x + pad, ly + fs * 0.35f, 22 * s, 4 * s, t->landscape);
        float lx = x + pad + 28 * s;
        lx += render_text(r, _("training loss (empirical risk)"), lx, ly, fs * 0.9f, TEXT_LEFT,
                          t->text) + 3 * fs * 0.3f;
        render_rect(r, lx, ly + fs * 0.35f, 22 * s, 4 * s, t->companion);
        render_text(r, _("risk"), lx + 28 * s, ly, fs * 0.9f, TEXT_LEFT, t->text);
        /* the lowest risk of the whole run, tracked step by step (core/sim) */
        if (sel->watch && sel->watch_best_step < sel->step) {
            const double bs = (double)sel->watch_best_step;
            double bv = sel->watch_best;
            if (log_y)
                bv = bv - fstar2 > 0.0 ? log10(bv - fstar2) : NAN;
            const bool shown = bs >= s0 && bs <= s1;
            const float bx = shown ? PX(bs) : gx;
            if (shown) {
                for (float yy = gy; yy < gy + gh; yy += 10 * s) {
                    const float dash[4] = {bx, yy, bx, fminf(yy + 5 * s, gy + gh)};
                    render_polyline(r, dash, 2, 2.0f * s, t->accent);
                }
                if (isfinite(bv) && bv >= v0 && bv <= v1)
                    render_disc(r, bx, PY(bv), 7 * s, t->accent, 0, t->bg);
            }
            /* with noise the lowest value so far is what early stopping
             * would watch (on validation data); without, the run's lowest */
            if (sel->noise > 0.0)
                snprintf(lab, sizeof lab,
                         _("lowest risk so far: step %ld (early stopping watches this on "
                           "validation data)"),
                         sel->watch_best_step);
            else
                snprintf(lab, sizeof lab,
                         shown ? _("stop here (early stopping): lowest risk at step %ld")
                               : _("stop here (early stopping): lowest risk at step %ld, before the "
                                   "steps shown"),
                         sel->watch_best_step);
            const bool right = bx < gx + gw * 0.5f;
            draw_text_fit(r, lab, right ? bx + 10 * s : bx - 10 * s, gy + 4 * s, fs * 0.9f, 10.0f,
                          right ? gx + gw - bx - 12 * s : bx - gx - 12 * s,
                          right ? TEXT_LEFT : TEXT_RIGHT, t->accent);
            /* the regions around the moment to stop (d2l 12.1's training
             * figure): before it the model still underfits, after it the
             * training loss falls while the risk rises: overfitting */
            if (shown && sel->noise == 0.0) {
                const char *under = _("← underfitting");
                const char *over = _("overfitting →");
                const float ry = gy + gh - fs * 1.3f;
                if (bx - gx > render_text_width(r, under, fs * 0.9f) + 20 * s)
                    render_text(r, under, bx - 10 * s, ry, fs * 0.9f, TEXT_RIGHT, t->text);
                if (gx + gw - bx > render_text_width(r, over, fs * 0.9f) + 20 * s)
                    render_text(r, over, bx + 10 * s, ry, fs * 0.9f, TEXT_LEFT, t->text);
            }
        }
    } else if (log_y) {
        format_sig(num, sizeof num, fstar, 6);
        if (zero_step >= 0)
            snprintf(lab, sizeof lab,
                     _("f = f* = %s exactly at step %ld: log 0 = −∞, the line breaks   "
                       "Shift+J: linear"),
                     num, zero_step);
        else if (below_step >= 0)
            snprintf(lab, sizeof lab,
                     _("f below f* = %s (found numerically) at step %ld: the line breaks   "
                       "Shift+J: linear"),
                     num, below_step);
        else
            snprintf(lab, sizeof lab, _("f* = %s (lowest minimum)   Shift+J: linear"), num);
        draw_text_fit(r, lab, x + pad, ly, fs * 0.9f, 10.0f, w - 2 * pad, TEXT_LEFT, t->dim);
    } else if (a->ui.loss_log) { /* on, but this landscape has no f* */
        draw_text_fit(r, _("no lowest minimum here: no log scale   Shift+J: off"), x + pad, ly,
                      fs * 0.9f, 10.0f, w - 2 * pad, TEXT_LEFT, t->dim);
    } else {
        draw_text_fit(r, _("each runner in its color   Shift+J: log scale"), x + pad, ly, fs * 0.9f,
                      10.0f, w - 2 * pad, TEXT_LEFT, t->dim);
    }
#undef PX
#undef PY
}

void draw_loss_panel(const draw_ctx *dc)
{
    const app *a = dc->a;
    const layout *lay = dc->lay;
    if (!a->ui.loss_panel || lay->loss_w <= 0.0f)
        return;
    /* the samplings: a scratch of ~600 KB for this frame only */
    loss_curve *curves = malloc(sizeof *curves * (SIM_MAX_RUNNERS + 1));
    if (!curves)
        return;
    loss_panel(dc, curves);
    free(curves);
}

void draw_keycast(const draw_ctx *dc)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    if (!a->ui.keycast)
        return;
    const theme *t = dc->th;
    const float s = lay->scale, fs = fmaxf(12.0f, 26 * s);
    const uint32_t now = dc->now_ms;
    float y = lay->plot_y + lay->plot_h - 14 * s;
    for (int i = a->ui.n_keys - 1; i >= 0; i--) {
        const uint32_t age = now - a->ui.keys[i].at;
        if (age >= APP_KEYCAST_MS)
            continue;
        const float fade = age + 1000 > APP_KEYCAST_MS ? (APP_KEYCAST_MS - age) / 1000.0f : 1.0f;
        const float tw = fminf(render_text_width(r, a->ui.keys[i].text, fs), lay->plot_w - 40 * s);
        y -= fs * 1.7f;
        render_rect(r, lay->plot_x + 12 * s, y, tw + 28 * s, fs * 1.45f,
                    rgba_alpha(t->panel_hi, 0.92f * fade));
        draw_text_fit(r, a->ui.keys[i].text, lay->plot_x + 26 * s, y + fs * 0.2f, fs, 10.0f,
                      lay->plot_w - 40 * s, TEXT_LEFT, rgba_alpha(t->text, fade));
    }
}

/* Width in pixels of the first n bytes of text at size px. */
static float prefix_width(renderer *r, const char *text, int n, float px)
{
    char buf[TEXTLINE_MAX];
    n = n < 0 ? 0 : n >= TEXTLINE_MAX ? TEXTLINE_MAX - 1 : n;
    memcpy(buf, text, (size_t)n);
    buf[n] = '\0';
    return render_text_width(r, buf, px);
}

/* One editable field: a box, the text scrolled so the cursor shows, the
 * cursor when focused. Returns the x of the text's first byte (for the
 * caret under an error column). */
static float draw_field(renderer *r, const textline *t, bool focused, float x, float y, float w,
                        float h, float fs, const theme *th, int *first_out)
{
    const float pad = fs * 0.4f;
    render_rect(r, x, y, w, h, th->bg);
    const float frame[10] = {x, y, x + w, y, x + w, y + h, x, y + h, x, y};
    render_polyline(r, frame, 5, focused ? 3.0f : 1.5f, focused ? th->accent : th->dim);
    int first = 0;
    while (first < t->cursor &&
           prefix_width(r, t->text + first, t->cursor - first, fs) > w - 3 * pad)
        first++;
    render_clip(r, x + 2, y, w - 4, h);
    const float tx = x + pad;
    render_text(r, t->text + first, tx, y + (h - fs * 1.2f) / 2, fs, TEXT_LEFT, th->text);
    if (focused) {
        const float cx = tx + prefix_width(r, t->text + first, t->cursor - first, fs);
        render_rect(r, cx, y + h * 0.15f, fmaxf(2.0f, fs * 0.08f), h * 0.7f, th->accent);
    }
    render_clip(r, 0, 0, 0, 0);
    *first_out = first;
    return tx;
}

void draw_formula_line(const draw_ctx *dc)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    if (!a->ui.formula_open)
        return;
    const theme *th = dc->th;
    const float s = lay->scale, fs = fmaxf(14.0f, 30 * s), small = fmaxf(11.0f, 20 * s);
    const float pad = 16 * s, w = lay->plot_w - 20 * s, x = lay->plot_x + 10 * s;
    const bool err = a->ui.formula_error[0] != '\0';
    const float field_h = fs * 1.6f;
    const float h = pad + small * 1.5f + field_h + (err ? fs * 3.2f : 0) + pad;
    const float y = lay->plot_y + 10 * s;
    render_rect(r, x, y, w, h, rgba_alpha(th->panel, 0.97f));
    const float frame[10] = {x, y, x + w, y, x + w, y + h, x, y + h, x, y};
    render_polyline(r, frame, 5, 2.0f * s, th->dim);
    draw_text_fit(r,
                  _("Your function in x (or x and y): Enter shows it · Esc cancels · Tab: domain "
                    "· Up/Down: earlier ones · Ctrl+U: clear"),
                  x + pad, y + pad, small, 10.0f, w - 2 * pad, TEXT_LEFT, th->dim);
    const float fy = y + pad + small * 1.5f;
    const float lw = render_text(r, "f =", x + pad, fy + (field_h - fs * 1.2f) / 2, fs, TEXT_LEFT,
                                 th->text);
    /* TRANSLATORS: between the formula and its domain: "f = x^2 on -2:2" */
    const char *on = C_("domain", "on");
    const float on_w = render_text_width(r, on, fs);
    const float dom_w = fmaxf(w * 0.24f, 140 * s);
    const float fx = x + pad + lw + fs * 0.4f;
    const float fw = w - 2 * pad - lw - fs * 0.4f - dom_w - on_w - fs * 0.8f;
    int first_f, first_d;
    const float tx = draw_field(r, &a->ui.formula, a->ui.formula_field == 0, fx, fy, fw, field_h,
                                fs, th,
                                &first_f);
    render_text(r, on, fx + fw + fs * 0.4f, fy + (field_h - fs * 1.2f) / 2, fs, TEXT_LEFT,
                th->text);
    draw_field(r, &a->ui.domain, a->ui.formula_field == 1, x + w - pad - dom_w, fy, dom_w, field_h,
               fs,
               th, &first_d);
    if (!err)
        return;
    const float ey = fy + field_h;
    const int col = a->ui.formula_error_col;
    if (col > 0 && col - 1 >= first_f) {
        const float cx = tx + prefix_width(r, a->ui.formula.text + first_f, col - 1 - first_f, fs);
        if (cx < fx + fw)
            render_text(r, "^", cx, ey - fs * 0.1f, fs, TEXT_LEFT, th->bad);
    }
    char msg[640];
    if (col > 0)
        snprintf(msg, sizeof msg, _("column %d: %s"), col, a->ui.formula_error);
    else
        snprintf(msg, sizeof msg, "%s", a->ui.formula_error);
    /* two lines at most, broken at a space */
    const float efs = fs * 0.8f, avail = w - 2 * pad;
    size_t cut = strlen(msg);
    if (render_text_width(r, msg, efs) > avail) {
        for (size_t i = strlen(msg); i > 0; i--) {
            if (msg[i] != ' ')
                continue;
            msg[i] = '\0';
            const bool fits = render_text_width(r, msg, efs) <= avail;
            msg[i] = ' ';
            if (fits) {
                cut = i;
                break;
            }
        }
    }
    char line1[640];
    snprintf(line1, sizeof line1, "%.*s", (int)cut, msg);
    draw_text_fit(r, line1, x + pad, ey + fs * 1.0f, efs, 10.0f, avail, TEXT_LEFT, th->bad);
    if (cut < strlen(msg))
        draw_text_fit(r, msg + cut + 1, x + pad, ey + fs * 1.0f + efs * 1.3f, efs, 10.0f, avail,
                      TEXT_LEFT, th->bad);
}

/* Breaks text into at most max_lines lines of at most w pixels at size px
 * (at spaces); returns the number of lines, or max_lines + 1 when it does
 * not fit. starts[i] / lens[i] give each line's bytes. */
static int wrap_lines(renderer *r, const char *text, float px, float w, int max_lines,
                      int *starts, int *lens)
{
    const int n = (int)strlen(text);
    int pos = 0, lines = 0;
    char buf[SCENE_TEXT_MAX];
    while (pos < n) {
        while (pos < n && text[pos] == ' ')
            pos++;
        if (pos >= n)
            break;
        if (lines == max_lines)
            return max_lines + 1;
        int best = -1;
        for (int end = pos + 1; end <= n; end++) {
            if (end < n && text[end] != ' ')
                continue;
            const int len = end - pos < SCENE_TEXT_MAX - 1 ? end - pos : SCENE_TEXT_MAX - 1;
            memcpy(buf, text + pos, (size_t)len);
            buf[len] = '\0';
            if (render_text_width(r, buf, px) > w)
                break;
            best = end;
        }
        if (best < 0) { /* one word wider than the line: it gets the line alone */
            best = pos;
            while (best < n && text[best] != ' ')
                best++;
        }
        starts[lines] = pos;
        lens[lines] = best - pos;
        lines++;
        pos = best;
    }
    return lines;
}

void draw_scene_caption(const draw_ctx *dc)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    const char *caption = app_scene_caption(a);
    if (!caption[0] || lay->caption_w <= 0.0f)
        return;
    const theme *th = dc->th;
    const float s = lay->scale;
    const float x = lay->caption_x, w = lay->caption_w;
    float y = lay->caption_y, h = lay->caption_h;
    /* three lines in the band; smaller type down to the room's minimum,
     * then more lines, the band growing up over the plot: no line dropped */
    enum { MAX_LINES = 8 };
    int starts[MAX_LINES], lens[MAX_LINES], lines = MAX_LINES;
    float px = 26 * s;
    const float min_px = LAYOUT_TEXT_MIN * s;
    while ((lines = wrap_lines(r, caption, px, w - 40 * s, 3, starts, lens)) > 3 && px > min_px)
        px = fmaxf(min_px, px * 0.92f);
    if (lines > 3)
        lines = wrap_lines(r, caption, px, w - 40 * s, MAX_LINES, starts, lens);
    if (lines > MAX_LINES)
        lines = MAX_LINES;
    const float need = (float)lines * px * 1.3f + 16 * s;
    if (need > h) {
        y -= need - h;
        h = need;
    }
    render_rect(r, x, y, w, h, th->panel);
    render_rect(r, x, y, 6 * s, h, th->accent);
    const float top = y + (h - (float)lines * px * 1.3f) / 2;
    char buf[SCENE_TEXT_MAX];
    for (int i = 0; i < lines; i++) {
        snprintf(buf, sizeof buf, "%.*s", lens[i], caption + starts[i]);
        draw_text_fit(r, buf, x + 24 * s, top + (float)i * px * 1.3f, px, 10.0f, w - 40 * s,
                      TEXT_LEFT, th->text);
    }
}

void draw_scene_annotations(const draw_ctx *dc)
{
    const app *a = dc->a;
    renderer *r = dc->r;
    const layout *lay = dc->lay;
    if (!a->scenes.has_scene)
        return;
    const theme *th = dc->th;
    const float s = lay->scale, fs = fmaxf(11.0f, 22 * s);
    /* clear of the legend and the marks' labels (1D) and of each other */
    label_placer pl = {0};
    if (a->view.kind == VIEW_CURVE && a->ui.annotate) {
        float box[APP_MAX_MARKS][4];
        marks_layout_1d(dc, &pl, box);
    } else if (a->view.kind == VIEW_CURVE) {
        float box[APP_MAX_MARKS][4];
        label_placer legend_only = {0};
        marks_layout_1d(dc, &legend_only, box);
        if (legend_only.n > 0 && a->lesson.companion)
            labels_reserve(&pl, legend_only.box[0][0], legend_only.box[0][1],
                           legend_only.box[0][2], legend_only.box[0][3]);
    }
    for (int i = 0; i < a->scenes.scene.n_annotations; i++) {
        const scene_annotation *an = &a->scenes.scene.annotations[i];
        landscape_point v;
        landscape_eval(a->lesson.land, an->at, &v);
        float px, py;
        if (!view_to_px(&a->view, lay, an->at[0], an->at[1], v.f, 0.0, &px, &py))
            continue;
        if (px < lay->plot_x || px > lay->plot_x + lay->plot_w || py < lay->plot_y ||
            py > lay->plot_y + lay->plot_h)
            continue;
        const char *text = strcmp(a->ui.lang, "ko") == 0 && an->text_ko[0] ? an->text_ko : an->text;
        const float tw = fminf(render_text_width(r, text, fs), lay->plot_w * 0.6f);
        /* labels pinned along the plot's top, a row each, with a leader line
         * down to the point; starting at the point and running right, moved
         * left only where it would leave the plot, and down a row while it
         * would cover the legend, a mark's label or another annotation */
        float tx = px - 12 * s;
        tx = fmaxf(lay->plot_x + 4 * s, fminf(tx, lay->plot_x + lay->plot_w - tw - 12 * s));
        float ly = lay->plot_y + 12 * s + (float)i * fs * 1.7f;
        while (!labels_free(&pl, tx - 8 * s, ly - 4 * s, tw + 16 * s, fs * 1.4f) &&
               ly + fs * 3.0f < py)
            ly += fs * 1.7f;
        if (labels_free(&pl, tx - 8 * s, ly - 4 * s, tw + 16 * s, fs * 1.4f)) {
            labels_reserve(&pl, tx - 8 * s, ly - 4 * s, tw + 16 * s, fs * 1.4f);
        } else { /* no row above the point is free: a free spot around it, or none */
            float bx, by;
            render_disc(r, px, py, 9 * s, rgba_alpha(th->bg, 0.0f), 3 * s, th->accent);
            if (!labels_place(&pl, lay, px, py, tw + 16 * s, fs * 1.4f, &bx, &by))
                continue;
            tx = bx + 8 * s;
            ly = by + 4 * s;
        }
        const float line[4] = {px, ly + fs * 1.3f, px, py - 10 * s};
        if (py - 10 * s > ly + fs * 1.3f)
            render_polyline(r, line, 2, 2.0f * s, th->accent);
        render_disc(r, px, py, 9 * s, rgba_alpha(th->bg, 0.0f), 3 * s, th->accent);
        render_rect(r, tx - 8 * s, ly - 4 * s, tw + 16 * s, fs * 1.4f, rgba_alpha(th->panel, 0.9f));
        draw_text_fit(r, text, tx, ly, fs, 10.0f, lay->plot_w * 0.6f, TEXT_LEFT, th->accent);
    }
}

void draw_rec_mark(const app *a, renderer *r, int fb_w, int fb_h)
{
    const theme *t = theme_get(a->ui.theme);
    layout lay;
    app_layout(a, fb_w, fb_h, &lay);
    const float s = lay.scale, fs = 26 * s;
    const long secs = a->export.exp.fps > 0 ? (long)(a->export.exp.frames / a->export.exp.fps) : 0;
    char text[32];
    snprintf(text, sizeof text, "REC %ld:%02ld", secs / 60, secs % 60);
    const float w = render_text_width(r, text, fs) + 44 * s;
    const float x = lay.side_x - w - 12 * s, y = 10 * s;
    render_rect(r, x, y, w, fs * 1.5f, rgba_alpha(t->panel, 0.92f));
    render_disc(r, x + 18 * s, y + fs * 0.75f, 9 * s, t->bad, 0, t->bad);
    render_text(r, text, x + 34 * s, y + fs * 0.2f, fs, TEXT_LEFT, t->bad);
}
