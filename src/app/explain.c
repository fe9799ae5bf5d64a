/*
 * explain.c: one step of each optimizer written out with its numbers, from
 * the runner's state before the step (opt_prev, x_prev) and after it. The
 * formulas are those of core/optim.h; for 2D iterates each quantity is a
 * pair "(a, b)".
 */
#include "app/explain.h"
#include "app/format.h"
#include "app/i18n.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* True when kind uses the hyperparameter called name. */
static bool uses_field(optim_kind kind, const char *name)
{
    int count;
    const optim_field *f = optim_fields(&count);
    for (int i = 0; i < count; i++)
        if (strcmp(f[i].name, name) == 0)
            return optim_uses(kind, &f[i]);
    return false;
}

/* A number with 4 significant digits and a true minus sign. */
static void num(char *out, size_t n, double v)
{
    format_sig(out, n, v, 4);
}

/* v (dim values) as "a" or "(a, b)". */
static void vec(char *out, size_t n, const double *v, int dim)
{
    char a[32], b[32];
    num(a, sizeof a, v[0]);
    if (dim == 1) {
        snprintf(out, n, "%s", a);
        return;
    }
    num(b, sizeof b, v[1]);
    snprintf(out, n, "(%s, %s)", a, b);
}

typedef struct text {
    char (*lines)[EXPLAIN_LINE];
    int n;
} text;

static void line(text *t, const char *fmt, ...)
{
    if (t->n >= EXPLAIN_MAX_LINES)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(t->lines[t->n], EXPLAIN_LINE, fmt, ap);
    va_end(ap);
    t->n++;
}

int explain_step(const runner *r, char lines[EXPLAIN_MAX_LINES][EXPLAIN_LINE])
{
    text t = {lines, 0};
    if (r->step == 0) {
        line(&t, "%s", _("at the start: press Right or S to take a step"));
        return t.n;
    }
    const int dim = r->land->dim;
    const optim *b = &r->opt_prev, *o = &r->opt;
    const optim_params *p = &o->p;
    char g[96], x0[96], x1[96], lr[48], s0[96], s1[96];
    vec(g, sizeof g, r->g_seen, dim);
    vec(x0, sizeof x0, r->x_prev, dim);
    vec(x1, sizeof x1, r->x, dim);
    num(lr, sizeof lr, r->lr_now);
    if (o->kind != OPTIM_ANNEAL && o->kind != OPTIM_NEWTON)
        line(&t, "g = ∇f(x)%s = %s", r->noise > 0 ? _(" + noise") : "", g);
    if (p->weight_decay != 0.0 && optim_decoupled_decay(o->kind))
        line(&t, _("x ← x − η·%g·x  (decoupled weight decay)"), p->weight_decay);
    else if (p->weight_decay != 0.0 && o->kind != OPTIM_ANNEAL && o->kind != OPTIM_NEWTON)
        line(&t, _("g ← g + %g·x  (weight decay)"), p->weight_decay);
    switch (o->kind) {
    case OPTIM_SGD:
        if (p->momentum != 0.0) {
            vec(s0, sizeof s0, b->buf, dim);
            vec(s1, sizeof s1, o->buf, dim);
            if (!b->has_buf)
                line(&t, _("v ← g = %s  (first step)"), s1);
            else if (p->dampening != 0.0)
                line(&t, "v ← %g·v + %g·g = %g·%s + … = %s", p->momentum, 1.0 - p->dampening,
                     p->momentum, s0, s1);
            else
                line(&t, "v ← %g·v + g = %g·%s + %s = %s", p->momentum, p->momentum, s0, g, s1);
            if (p->nesterov)
                line(&t, "x ← x − η·(g + %g·v),  η = %s", p->momentum, lr);
            else
                line(&t, "x ← x − η·v,  η = %s", lr);
            line(&t, "x = %s → %s", x0, x1);
        } else {
            line(&t, "x ← x − η·g = %s − %s·%s = %s", x0, lr, g, x1);
        }
        break;
    case OPTIM_ADAGRAD:
        vec(s1, sizeof s1, o->sum, dim);
        line(&t, "s ← s + g² = %s", s1);
        line(&t, "x ← x − η·g / (√s + ε),  η = %s%s", lr, p->lr_decay ? _(" (decayed)") : "");
        line(&t, "x = %s → %s", x0, x1);
        break;
    case OPTIM_RMSPROP:
        vec(s1, sizeof s1, o->sq_avg, dim);
        line(&t, "s ← %g·s + %g·g² = %s", p->alpha, 1.0 - p->alpha, s1);
        if (p->centered) {
            vec(s0, sizeof s0, o->g_avg, dim);
            line(&t, "ḡ ← %g·ḡ + %g·g = %s;  d = √(s − ḡ²) + ε", p->alpha, 1.0 - p->alpha, s0);
        }
        if (p->momentum > 0.0) {
            vec(s0, sizeof s0, o->buf, dim);
            line(&t, "v ← %g·v + g / d = %s;  x ← x − η·v,  η = %s", p->momentum, s0, lr);
        } else {
            line(&t, "x ← x − η·g / (√s + ε),  η = %s", lr);
        }
        line(&t, "x = %s → %s", x0, x1);
        break;
    case OPTIM_ADADELTA:
        vec(s1, sizeof s1, o->sq_avg, dim);
        line(&t, "s ← %g·s + %g·g² = %s", p->rho, 1.0 - p->rho, s1);
        line(&t, "Δ = √(a + ε) / √(s + ε) · g;  a ← %g·a + %g·Δ²", p->rho, 1.0 - p->rho);
        line(&t, "x ← x − η·Δ,  η = %s:  x = %s → %s", lr, x0, x1);
        break;
    default: /* another kind: Adam's worked example when it keeps Adam's moments */
    case OPTIM_ADAM:
        if (!uses_field(o->kind, "beta1")) {
            line(&t, _("x ← %s step,  η = %s:  x = %s → %s"), optim_kind_name(o->kind), lr, x0, x1);
            break;
        }
        vec(s0, sizeof s0, o->m, dim);
        vec(s1, sizeof s1, o->v, dim);
        line(&t, "m ← %g·m + %g·g = %s", p->beta1, 1.0 - p->beta1, s0);
        line(&t, "v ← %g·v + %g·g² = %s", p->beta2, 1.0 - p->beta2, s1);
        line(&t, "x ← x − η·m̂ / (√v̂ + ε),  m̂ = m/(1−%g^%ld), v̂ = v/(1−%g^%ld)", p->beta1,
             o->steps, p->beta2, o->steps);
        line(&t, "η = %s:  x = %s → %s", lr, x0, x1);
        break;
    case OPTIM_NEWTON:
        if (dim == 1) {
            line(&t, "x ← x − η·f′(x) / f″(x),  η = %s", lr);
        } else {
            line(&t, "x ← x − η·H⁻¹∇f(x),  η = %s", lr);
        }
        line(&t, "∇f = %s", g);
        line(&t, "x = %s → %s", x0, x1);
        if (r->note)
            line(&t, "%s", _(r->note));
        break;
    case OPTIM_ANNEAL: {
        char prop[96], pa[48], temp[48];
        vec(prop, sizeof prop, o->proposal_x, dim);
        num(pa, sizeof pa, o->accept_p);
        num(temp, sizeof temp, o->temperature);
        line(&t, _("proposal x′ = x + N(0, %g²) = %s"), p->proposal, prop);
        line(&t, "T = %g·%g^%ld = %s", p->t0, p->cooling, o->steps - 1, temp);
        line(&t, _("accept with min(1, e^(−Δf/T)) = %s: %s"), pa,
             o->last_accepted ? _("accepted") : _("rejected"));
        line(&t, "x = %s → %s", x0, x1);
        break;
    }
    case OPTIM_KIND_COUNT:
        break;
    }
    return t.n;
}
