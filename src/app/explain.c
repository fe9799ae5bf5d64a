/*
 * explain.c: one step of each optimizer written out with its numbers, from
 * the runner's state before the step (opt_prev, x_prev) and after it. The
 * formulas are those of core/optim.h, operation for operation, so the
 * numbers shown, put into the formula shown, give the iterate applied
 * (tests/test_explain.c evaluates every line). For 2D iterates each
 * quantity is a pair "(a, b)" and the operations are per coordinate.
 *
 * A line reads "symbol ← formula = formula with numbers = value"; a long
 * one continues on the next line, which starts with "= ".
 */
#include "app/explain.h"
#include "app/format.h"
#include "app/i18n.h"
#include "core/critical.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Lines longer than this (bytes) continue at their " = " on the next line. */
#define EXPLAIN_WRAP 80

typedef struct text {
    char (*lines)[EXPLAIN_LINE];
    int n;
} text;

/* A number with 4 significant digits and a true minus sign; negative
 * numbers in parentheses when paren is set (they stand in a formula). */
/* snprintf whose truncation is harmless (a long line is cut on screen). */
#define PRINT(out, n, ...) ((void)(snprintf((out), (n), __VA_ARGS__) < 0 && ((out)[0] = '\0')))

static void num(char *out, size_t n, double v, bool paren)
{
    char a[48];
    format_sig(a, sizeof a, v, 4);
    if (paren && v < 0)
        PRINT(out, n, "(%s)", a);
    else
        PRINT(out, n, "%s", a);
}

/* A hyperparameter: printed exactly enough (%g), true minus sign. */
static void hp(char *out, size_t n, double v)
{
    format_sig(out, n, v, 6);
}

/* v (dim values) as "a" or "(a, b)"; paren: a negative 1D value in
 * parentheses (pairs are always in parentheses). */
static void vec(char *out, size_t n, const double *v, int dim, bool paren)
{
    if (dim == 1) {
        num(out, n, v[0], paren);
        return;
    }
    char a[48], b[48];
    num(a, sizeof a, v[0], false);
    num(b, sizeof b, v[1], false);
    PRINT(out, n, "(%s, %s)", a, b);
}

static void put(text *t, const char *s)
{
    if (t->n >= EXPLAIN_MAX_LINES)
        return;
    PRINT(t->lines[t->n], EXPLAIN_LINE, "%s", s);
    t->n++;
}

/* Adds one logical line, continued at " = " boundaries past EXPLAIN_WRAP. */
static void line(text *t, const char *fmt, ...)
{
    char buf[EXPLAIN_LINE * 3];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (strlen(buf) <= EXPLAIN_WRAP) {
        put(t, buf);
        return;
    }
    /* split into the parts between " = " and pack them onto lines */
    char cur[EXPLAIN_LINE * 3] = "";
    char *p = buf;
    bool first = true;
    while (p) {
        char *eq = strstr(p, " = ");
        if (eq)
            *eq = '\0';
        char part[EXPLAIN_LINE * 3];
        PRINT(part, sizeof part, "%s%s", first ? "" : "= ", p);
        if (cur[0] && strlen(cur) + 1 + strlen(part) > EXPLAIN_WRAP) {
            put(t, cur);
            PRINT(cur, sizeof cur, "%s", part);
        } else if (cur[0]) {
            const size_t used = strlen(cur);
            PRINT(cur + used, sizeof cur - used, " %s", part);
        } else {
            PRINT(cur, sizeof cur, "%s", part);
        }
        first = false;
        p = eq ? eq + 3 : NULL;
    }
    if (cur[0])
        put(t, cur);
}

/* The worked example's strings of one step, 1D or 2D. */
typedef struct nums {
    int dim;
    char x0[96], x1[96], g[96], lr[48];
} nums;

static void explain_sgd(text *t, const nums *s, const runner *r, const double *g)
{
    const optim *b = &r->opt_prev, *o = &r->opt;
    const optim_params *p = &o->p;
    char v0[96], v1[96], mu[32], damp[32], gs[96];
    vec(gs, sizeof gs, g, s->dim, true);
    if (p->momentum == 0.0) {
        line(t, "x ← x − η·g = %s − %s·%s = %s", s->x0, s->lr, gs, s->x1);
        return;
    }
    vec(v0, sizeof v0, b->buf, s->dim, true);
    vec(v1, sizeof v1, o->buf, s->dim, true);
    hp(mu, sizeof mu, p->momentum);
    hp(damp, sizeof damp, 1.0 - p->dampening);
    if (!b->has_buf)
        line(t, _("first step: v ← g = %s"), v1);
    else if (p->dampening != 0.0)
        line(t, "v ← μ·v + (1 − τ)·g = %s·%s + %s·%s = %s", mu, v0, damp, gs, v1);
    else
        line(t, "v ← μ·v + g = %s·%s + %s = %s", mu, v0, gs, v1);
    if (p->nesterov)
        line(t, "x ← x − η·(g + μ·v) = %s − %s·(%s + %s·%s) = %s", s->x0, s->lr, gs, mu, v1,
             s->x1);
    else
        line(t, "x ← x − η·v = %s − %s·%s = %s", s->x0, s->lr, v1, s->x1);
}

/* √ of a value string: "√4" for a plain number, "√(a, b)" / "√(−…)" kept. */
static void root(char *out, size_t n, const char *v)
{
    if (v[0] == '(')
        PRINT(out, n, "√%s", v);
    else
        PRINT(out, n, "√(%s)", v);
}

static void explain_adagrad(text *t, const nums *s, const runner *r, const double *g)
{
    const optim *b = &r->opt_prev, *o = &r->opt;
    const optim_params *p = &o->p;
    char s0[96], s1[96], gs[96], eps[32], lr[48];
    vec(gs, sizeof gs, g, s->dim, true);
    vec(s0, sizeof s0, b->sum, s->dim, true);
    vec(s1, sizeof s1, o->sum, s->dim, true);
    hp(eps, sizeof eps, p->eps);
    line(t, "s ← s + g² = %s + %s² = %s", s0, gs, s1);
    PRINT(lr, sizeof lr, "%s", s->lr);
    if (p->lr_decay != 0.0) {
        char d[32];
        hp(d, sizeof d, p->lr_decay);
        const double clr = r->lr_now / (1.0 + (double)(o->steps - 1) * p->lr_decay);
        num(lr, sizeof lr, clr, true);
        line(t, _("η ← η/(1 + (t − 1)·decay) = %s/(1 + %ld·%s) = %s"), s->lr, o->steps - 1, d, lr);
    }
    char rs[112];
    root(rs, sizeof rs, s1);
    line(t, "x ← x − η·g/(√s + ε) = %s − %s·%s/(%s + %s) = %s", s->x0, lr, gs, rs, eps, s->x1);
}

static void explain_rmsprop(text *t, const nums *s, const runner *r, const double *g)
{
    const optim *b = &r->opt_prev, *o = &r->opt;
    const optim_params *p = &o->p;
    char s0[96], s1[96], gs[96], al[32], al1[32], eps[32], d[96], rs[112];
    vec(gs, sizeof gs, g, s->dim, true);
    vec(s0, sizeof s0, b->sq_avg, s->dim, true);
    vec(s1, sizeof s1, o->sq_avg, s->dim, true);
    hp(al, sizeof al, p->alpha);
    hp(al1, sizeof al1, 1.0 - p->alpha);
    hp(eps, sizeof eps, p->eps);
    line(t, "s ← α·s + (1 − α)·g² = %s·%s + %s·%s² = %s", al, s0, al1, gs, s1);
    double dv[2];
    for (int k = 0; k < s->dim; k++) {
        const double var = p->centered ? o->sq_avg[k] - o->g_avg[k] * o->g_avg[k] : o->sq_avg[k];
        dv[k] = sqrt(var) + p->eps;
    }
    vec(d, sizeof d, dv, s->dim, true);
    if (p->centered) {
        char a0[96], a1[96];
        vec(a0, sizeof a0, b->g_avg, s->dim, true);
        vec(a1, sizeof a1, o->g_avg, s->dim, true);
        line(t, "ḡ ← α·ḡ + (1 − α)·g = %s·%s + %s·%s = %s", al, a0, al1, gs, a1);
        line(t, "d = √(s − ḡ²) + ε = √(%s − %s²) + %s = %s", s1, a1, eps, d);
    } else {
        root(rs, sizeof rs, s1);
        line(t, "d = √s + ε = %s + %s = %s", rs, eps, d);
    }
    if (p->momentum > 0.0) {
        char v0[96], v1[96], mu[32];
        vec(v0, sizeof v0, b->buf, s->dim, true);
        vec(v1, sizeof v1, o->buf, s->dim, true);
        hp(mu, sizeof mu, p->momentum);
        line(t, "v ← μ·v + g/d = %s·%s + %s/%s = %s", mu, v0, gs, d, v1);
        line(t, "x ← x − η·v = %s − %s·%s = %s", s->x0, s->lr, v1, s->x1);
    } else {
        line(t, "x ← x − η·g/d = %s − %s·%s/%s = %s", s->x0, s->lr, gs, d, s->x1);
    }
}

static void explain_adadelta(text *t, const nums *s, const runner *r, const double *g)
{
    const optim *b = &r->opt_prev, *o = &r->opt;
    const optim_params *p = &o->p;
    char s0[96], s1[96], a0[96], a1[96], gs[96], rho[32], rho1[32], eps[32], dl[96];
    vec(gs, sizeof gs, g, s->dim, true);
    vec(s0, sizeof s0, b->sq_avg, s->dim, true);
    vec(s1, sizeof s1, o->sq_avg, s->dim, true);
    vec(a0, sizeof a0, b->acc_delta, s->dim, true);
    vec(a1, sizeof a1, o->acc_delta, s->dim, true);
    hp(rho, sizeof rho, p->rho);
    hp(rho1, sizeof rho1, 1.0 - p->rho);
    hp(eps, sizeof eps, p->eps);
    double dv[2];
    for (int k = 0; k < s->dim; k++)
        dv[k] = sqrt(b->acc_delta[k] + p->eps) / sqrt(o->sq_avg[k] + p->eps) * g[k];
    vec(dl, sizeof dl, dv, s->dim, true);
    line(t, "s ← ρ·s + (1 − ρ)·g² = %s·%s + %s·%s² = %s", rho, s0, rho1, gs, s1);
    line(t, "Δ = √(a + ε)/√(s + ε)·g = √(%s + %s)/√(%s + %s)·%s = %s", a0, eps, s1, eps, gs, dl);
    line(t, "a ← ρ·a + (1 − ρ)·Δ² = %s·%s + %s·%s² = %s", rho, a0, rho1, dl, a1);
    line(t, "x ← x − η·Δ = %s − %s·%s = %s", s->x0, s->lr, dl, s->x1);
}

static void explain_adam(text *t, const nums *s, const runner *r, const double *g)
{
    const optim *b = &r->opt_prev, *o = &r->opt;
    const optim_params *p = &o->p;
    char m0[96], m1[96], v0[96], v1[96], gs[96], b1[32], b1c[32], b2[32], b2c[32], eps[32];
    char bc1[48], bc2[48], mh[96], vh[96];
    vec(gs, sizeof gs, g, s->dim, true);
    vec(m0, sizeof m0, b->m, s->dim, true);
    vec(m1, sizeof m1, o->m, s->dim, true);
    vec(v0, sizeof v0, b->v, s->dim, true);
    vec(v1, sizeof v1, o->v, s->dim, true);
    hp(b1, sizeof b1, p->beta1);
    hp(b1c, sizeof b1c, 1.0 - p->beta1);
    hp(b2, sizeof b2, p->beta2);
    hp(b2c, sizeof b2c, 1.0 - p->beta2);
    hp(eps, sizeof eps, p->eps);
    const double t1 = (double)o->steps;
    const double c1 = 1.0 - pow(p->beta1, t1), c2 = 1.0 - pow(p->beta2, t1);
    num(bc1, sizeof bc1, c1, true);
    num(bc2, sizeof bc2, c2, true);
    line(t, "m ← β₁·m + (1 − β₁)·g = %s·%s + %s·%s = %s", b1, m0, b1c, gs, m1);
    line(t, "v ← β₂·v + (1 − β₂)·g² = %s·%s + %s·%s² = %s", b2, v0, b2c, gs, v1);
    const double *vv = o->v;
    const char *vs = v1;
    char vm0[96], vm1[96];
    if (p->amsgrad) {
        vec(vm0, sizeof vm0, b->v_max, s->dim, false);
        vec(vm1, sizeof vm1, o->v_max, s->dim, true);
        line(t, "vmax ← max(vmax, v) = max(%s, %s) = %s", vm0, v1, vm1);
        vv = o->v_max;
        vs = vm1;
    }
    double mhv[2], vhv[2];
    for (int k = 0; k < s->dim; k++) {
        mhv[k] = o->m[k] / c1;
        vhv[k] = vv[k] / c2;
    }
    vec(mh, sizeof mh, mhv, s->dim, true);
    vec(vh, sizeof vh, vhv, s->dim, true);
    line(t, "m̂ = m/(1 − β₁^%ld) = %s/%s = %s", o->steps, m1, bc1, mh);
    line(t, "v̂ = v/(1 − β₂^%ld) = %s/%s = %s", o->steps, vs, bc2, vh);
    char rv[112];
    root(rv, sizeof rv, vh);
    line(t, "x ← x − η·m̂/(√v̂ + ε) = %s − %s·%s/(%s + %s) = %s", s->x0, s->lr, mh, rv, eps,
         s->x1);
}

static void explain_newton(text *t, const nums *s, const runner *r)
{
    landscape_point at;
    landscape_eval(r->land, r->x_prev, &at);
    char gs[96];
    vec(gs, sizeof gs, at.g, s->dim, true);
    if (s->dim == 1) {
        char h[48];
        num(h, sizeof h, at.h[0][0], true);
        line(t, "x ← x − η·f′(x)/f″(x) = %s − %s·%s/%s = %s", s->x0, s->lr, gs, h, s->x1);
    } else {
        const double a = at.h[0][0], bb = at.h[0][1], c = at.h[1][0], d = at.h[1][1];
        const double det = a * d - bb * c;
        char ha[48], hb[48], hc[48], hd[48], dt[48], g0[48], g1[48], st[96];
        num(ha, sizeof ha, a, true);
        num(hb, sizeof hb, bb, true);
        num(hc, sizeof hc, c, true);
        num(hd, sizeof hd, d, true);
        num(dt, sizeof dt, det, true);
        num(g0, sizeof g0, at.g[0], true);
        num(g1, sizeof g1, at.g[1], true);
        const double sv[2] = {(d * at.g[0] - bb * at.g[1]) / det, (a * at.g[1] - c * at.g[0]) / det};
        vec(st, sizeof st, sv, 2, true);
        line(t, "H = [%s %s; %s %s],  ∇f = %s", ha, hb, hc, hd, gs);
        line(t, "det H = %s·%s − %s·%s = %s", ha, hd, hb, hc, dt);
        line(t, "s = H⁻¹∇f = ((%s·%s − %s·%s)/%s, (%s·%s − %s·%s)/%s) = %s", hd, g0, hb, g1, dt,
             ha, g1, hc, g0, dt, st);
        line(t, "x ← x − η·s = %s − %s·%s = %s", s->x0, s->lr, st, s->x1);
    }
    if (r->note)
        put(t, _(r->note));
}

static void explain_anneal(text *t, const nums *s, const runner *r)
{
    const optim *o = &r->opt;
    const optim_params *p = &o->p;
    char prop[96], draw[96], temp[48], t0[32], cool[32], pa[48];
    double dv[2];
    for (int k = 0; k < s->dim; k++)
        dv[k] = o->proposal_x[k] - r->x_prev[k];
    vec(prop, sizeof prop, o->proposal_x, s->dim, true);
    vec(draw, sizeof draw, dv, s->dim, true);
    num(temp, sizeof temp, o->temperature, true);
    num(pa, sizeof pa, o->accept_p, false);
    hp(t0, sizeof t0, p->t0);
    hp(cool, sizeof cool, p->cooling);
    line(t, "x′ ← x + N(0, %g²) = %s + %s = %s", p->proposal, s->x0, draw, prop);
    line(t, "T = T₀·c^%ld = %s·%s^%ld = %s", o->steps - 1, t0, cool, o->steps - 1, temp);
    if (!landscape_in_domain(r->land, o->proposal_x)) {
        put(t, _("x′ is outside the domain: rejected"));
        line(t, "x ← x = %s", s->x1);
        return;
    }
    landscape_point a, c;
    landscape_eval(r->land, r->x_prev, &a);
    landscape_eval(r->land, o->proposal_x, &c);
    char fa[48], fc[48];
    num(fa, sizeof fa, a.f, true);
    num(fc, sizeof fc, c.f, true);
    line(t, "p = min(1, e^(−(f(x′) − f(x))/T)) = min(1, e^(−(%s − %s)/%s)) = %s", fc, fa, temp,
         pa);
    if (o->last_accepted)
        line(t, _("accepted: x ← x′ = %s"), s->x1);
    else
        line(t, _("rejected (a uniform draw ≥ p): x ← x = %s"), s->x1);
}

int explain_step(const runner *r, char lines[EXPLAIN_MAX_LINES][EXPLAIN_LINE])
{
    text t = {lines, 0};
    if (r->step == 0) {
        put(&t, _("at the start: press Right or S to take a step"));
        return t.n;
    }
    nums s = {.dim = r->land->dim};
    const optim *o = &r->opt;
    const optim_params *p = &o->p;
    vec(s.x0, sizeof s.x0, r->x_prev, s.dim, true);
    vec(s.x1, sizeof s.x1, r->x, s.dim, false);
    num(s.lr, sizeof s.lr, r->lr_now, true);
    /* the gradient the optimizer worked with: seen (with noise), then
     * weight decay added (core/optim.c adds it inside the step) */
    double g[2] = {r->g_seen[0], s.dim > 1 ? r->g_seen[1] : 0.0};
    if (o->kind != OPTIM_ANNEAL && o->kind != OPTIM_NEWTON) {
        vec(s.g, sizeof s.g, g, s.dim, false);
        if (r->noise > 0) {
            landscape_point at;
            landscape_eval(r->land, r->x_prev, &at);
            double nz[2];
            for (int k = 0; k < s.dim; k++)
                nz[k] = g[k] - at.g[k];
            char gf[96], ns[96];
            vec(gf, sizeof gf, at.g, s.dim, false);
            vec(ns, sizeof ns, nz, s.dim, true);
            line(&t, _("g = ∇f(x) + noise = %s + %s = %s"), gf, ns, s.g);
        } else {
            line(&t, "g = ∇f(x) = %s", s.g);
        }
        if (p->weight_decay != 0.0 && optim_decoupled_decay(o->kind)) {
            /* AdamW: x shrinks before the moments, g stays as seen */
            char wd[32], xd[96];
            hp(wd, sizeof wd, p->weight_decay);
            double xv[2];
            for (int k = 0; k < s.dim; k++)
                xv[k] = r->x_prev[k] * (1.0 - r->lr_now * p->weight_decay);
            vec(xd, sizeof xd, xv, s.dim, true);
            line(&t, _("decoupled weight decay shrinks x first: x·(1 − η·λ) = %s·(1 − %s·%s) = %s"),
                 s.x0, s.lr, wd, xd);
            PRINT(s.x0, sizeof s.x0, "%s", xd);
        } else if (p->weight_decay != 0.0) {
            char wd[32], xs[96], g1[96];
            hp(wd, sizeof wd, p->weight_decay);
            for (int k = 0; k < s.dim; k++)
                g[k] = g[k] + p->weight_decay * r->x_prev[k];
            vec(xs, sizeof xs, r->x_prev, s.dim, true);
            vec(g1, sizeof g1, g, s.dim, false);
            char gp[96];
            vec(gp, sizeof gp, r->g_seen, s.dim, true);
            line(&t, _("weight decay: g ← g + λ·x = %s + %s·%s = %s"), gp, wd, xs, g1);
        }
    }
    switch (o->kind) {
    case OPTIM_SGD:
        explain_sgd(&t, &s, r, g);
        break;
    case OPTIM_ADAGRAD:
        explain_adagrad(&t, &s, r, g);
        break;
    case OPTIM_RMSPROP:
        explain_rmsprop(&t, &s, r, g);
        break;
    case OPTIM_ADADELTA:
        explain_adadelta(&t, &s, r, g);
        break;
    default: /* another kind that keeps Adam's moments (AdamW) */
    case OPTIM_ADAM:
        explain_adam(&t, &s, r, g);
        break;
    case OPTIM_NEWTON:
        explain_newton(&t, &s, r);
        break;
    case OPTIM_ANNEAL:
        explain_anneal(&t, &s, r);
        break;
    case OPTIM_KIND_COUNT:
        break;
    }
    return t.n;
}

int explain_eigen(double a, double b, double c, double d,
                  char lines[EXPLAIN_MAX_LINES][EXPLAIN_LINE])
{
    text t = {lines, 0};
    const double tr = a + d, det = a * d - b * c;
    char sa[48], sb[48], sc[48], sd[48], st[48], sdet[48], l1[48], l2[48], disc[48];
    num(sa, sizeof sa, a, false);
    num(sb, sizeof sb, b, true);
    num(sc, sizeof sc, c, true);
    num(sd, sizeof sd, d, false);
    num(st, sizeof st, tr, true);
    num(sdet, sizeof sdet, det, true);
    line(&t, "det(H − λI) = (%s − λ)(%s − λ) − %s·%s = 0", sa, sd, sb, sc);
    line(&t, "λ² − %s·λ + %s = 0", st, sdet);
    const double q = tr * tr - 4.0 * det;
    num(disc, sizeof disc, q, true);
    if (q < 0) { /* a symmetric H never gets here; a rounding guard */
        line(&t, _("(%s)² − 4·%s = %s < 0: no real eigenvalues"), st, sdet, disc);
        return t.n;
    }
    double lam[2], vec[2][2];
    critical_eigen2(a, b, d, lam, vec);
    num(l1, sizeof l1, lam[1], false);
    num(l2, sizeof l2, lam[0], false);
    line(&t, "λ = (%s ± √(%s² − 4·%s))/2 = %s, %s", st, st, sdet, l1, l2);
    const char *verdict = lam[0] > 0 && lam[1] > 0   ? _("both positive: a minimum")
                          : lam[0] < 0 && lam[1] < 0 ? _("both negative: a maximum")
                          : lam[0] * lam[1] < 0      ? _("one positive, one negative: a saddle point")
                                                     : _("a zero eigenvalue: the test is inconclusive");
    put(&t, verdict);
    return t.n;
}
