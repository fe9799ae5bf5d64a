#!/usr/bin/python3
"""High-precision reference for the derivatives of typed formulas where
double arithmetic is at its edges (tests/test_edges.c): intermediates that
overflow or underflow while the result is moderate (log(exp(x)) at 360,
sqrt(exp(x)) at 475), powers with a zero base, and points where a second
derivative does not exist (written "nan": optiviz must call it undefined,
never a finite number).

Derivatives come from sympy (symbolic, not optiviz's forward-mode AD),
evaluated with mpmath at 60 digits and rounded once to a double.

Usage: /usr/bin/python3 tests/edge_reference.py > tests/reference_edges/derivatives.csv
(needs Debian's python3-sympy and python3-mpmath; not run by meson test).
"""
import mpmath as mp
import sympy as sp

mp.mp.dps = 60
x, y = sp.symbols("x y", real=True)

# formula (optiviz syntax), the same in sympy, point, entries known undefined
CASES = [
    ("log(exp(x))", sp.log(sp.exp(x)), (360,), ()),
    ("log(exp(x)) - x^2/800", sp.log(sp.exp(x)) - x**2 / 800, (400,), ()),
    ("log(exp(-x))", sp.log(sp.exp(-x)), (360,), ()),
    ("sqrt(exp(x))", sp.sqrt(sp.exp(x)), (475,), ()),
    ("exp(x)^0.5", sp.exp(x) ** sp.Rational(1, 2), (475,), ()),
    ("exp(x)^1.5", sp.exp(x) ** sp.Rational(3, 2), (300,), ()),
    ("exp(-x)^0.5", sp.exp(-x) ** sp.Rational(1, 2), (700,), ()),
    ("1/exp(x)", 1 / sp.exp(x), (360,), ()),
    ("log(cosh(x))", sp.log(sp.cosh(x)), (400,), ()),
    ("log(1 + exp(x))", sp.log(1 + sp.exp(x)), (300,), ()),
    ("log(x)", sp.log(x), (sp.Rational(1, 10**150),), ()),
    ("sqrt(x)", sp.sqrt(x), (sp.Rational(1, 10**200),), ()),
    ("log(exp(x) + exp(y))", sp.log(sp.exp(x) + sp.exp(y)), (350, 349), ()),
    ("sqrt(exp(x)*exp(y))", sp.sqrt(sp.exp(x) * sp.exp(y)), (240, 230), ()),
    ("0^x", None, (2,), ()),
    ("0^x", None, (sp.Rational(1, 2),), ()),
    ("x^y", None, (0, 2), ()),
    ("x^y", None, (0, 3), ()),
    ("2^x", 2**x, (-3,), ()),
    ("relu(x)^1.5 + 0.01*x^2", None, (0,), ("fxx",)),
    ("x^1.5", x ** sp.Rational(3, 2), (0,), ("fxx",)),
    ("x^2", x**2, (0,), ()),
    ("x^3", x**3, (0,), ()),
    ("x^2.5", x ** sp.Rational(5, 2), (0,), ()),
    # found by comparing random formulas with these references: f' or f''
    # of one factor under- or overflows while the derivative is moderate
    ("x^3", x**3, (sp.Rational(1, 10**200),), ()),
    ("((exp(x))^-1)^-0.5", (1 / sp.exp(x)) ** sp.Rational(-1, 2), (700,), ()),
    ("exp(x)^-0.5", sp.exp(x) ** sp.Rational(-1, 2), (700,), ()),
    ("sigmoid(x)", 1 / (1 + sp.exp(-x)), (400,), ()),
    ("softplus(x)", sp.log(1 + sp.exp(x)), (400,), ()),
    ("sigmoid(softplus(x))", 1 / (1 + sp.exp(-sp.log(1 + sp.exp(x)))), (400,), ()),
]


def value(e, sym, pt):
    """e at pt to 60 digits; nan where it is not a finite real (zoo)."""
    v = sp.N(e.subs(dict(zip(sym, pt))), 60)
    return mp.mpf(v) if v.is_real and v.is_finite else mp.nan


def zero_base(formula, pt):
    """0^x, x^y at x = 0 (exponent >= 0): the limits, as torch's pow."""
    if formula == "0^x":
        return [0, 0, 0, 0, 0, 0]  # f, fx, fy, fxx, fxy, fyy: 0^b = 0 for b > 0
    b = mp.mpf(pt[1])  # x^y at (0, b), b > 1: d/dx = b 0^(b-1), d2/dx2 = b(b-1) 0^(b-2)
    fxx = b * (b - 1) if b == 2 else 0
    return [0, 0, 0, fxx, 0, 0]


def main():
    print("formula;x;y;f;fx;fy;fxx;fxy;fyy")
    for formula, e, pt, undefined in CASES:
        dim = len(pt)
        sym = (x, y)[:dim]
        if formula in ("0^x", "x^y"):
            vals = zero_base(formula, pt)
        elif formula.startswith("relu"):
            vals = [0, 0, 0, mp.nan, 0, 0]  # f''(0): 0 from the left, +inf from the right
        else:
            d = [e] + [sp.diff(e, s) for s in sym]
            vals = [value(d[0], sym, pt)]
            vals += [value(d[1], sym, pt), value(d[2], sym, pt) if dim == 2 else 0]
            h = [sp.diff(e, x, x), sp.diff(e, x, y) if dim == 2 else None,
                 sp.diff(e, y, y) if dim == 2 else None]
            vals += [value(h[0], sym, pt), value(h[1], sym, pt) if dim == 2 else 0,
                     value(h[2], sym, pt) if dim == 2 else 0]
        names = ["f", "fx", "fy", "fxx", "fxy", "fyy"]
        out = []
        for n, v in zip(names, vals):
            out.append("nan" if n in undefined else repr(float(v)))
        xs = [repr(float(sp.N(p, 60))) for p in pt] + (["0"] if dim == 1 else [])
        print(";".join([formula] + xs + out))


main()
