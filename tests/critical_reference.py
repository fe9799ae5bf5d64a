#!/usr/bin/python3
"""Independent reference for tests/test_critical.c: the critical points of
every built-in landscape, found without optiviz's code.

Derivatives come from sympy (not from src/core/landscape.c's hand-written
closed forms); 1D roots of f' from a 4000-interval sign scan refined with
mpmath.findroot at 40 digits; 2D roots from Newton's method (numpy) on a
120 x 120 grid of seeds, deduplicated, then polished in mpmath at 40 digits.
Eigenvalues by numpy.linalg.eigvalsh. Prints each point, its value, f'' or
the eigenvalues, and the boundary values used to call extrema global.

Usage: /usr/bin/python3 tests/critical_reference.py [NAME ...]
(needs Debian's python3-sympy, python3-mpmath, python3-numpy; not run by
meson test).
"""
import sys

import mpmath as mp
import numpy as np
import sympy as sp

mp.mp.dps = 40
x, y = sp.symbols("x y")
R = sp.Rational


def well(cx, cy, d):
    return d * sp.exp(-((x - cx) ** 2 + (y - cy) ** 2))


ONE_D = {
    "empirical-risk": (x * sp.cos(sp.pi * x) + R(1, 5) * sp.cos(5 * sp.pi * x), 0.5, 1.5),
    "risk": (x * sp.cos(sp.pi * x), -1, 2),
    "cubic": (x ** 3, -2, 2),
    "tanh": (sp.tanh(x), -2, 5),
    "quadratic": (x ** 2, -10, 10),
    "cosh": (sp.cosh(x / 2), -12, 12),
    "nonconvex": (x * sp.cos(R(15, 100) * sp.pi * x), -15, 15),
}
TWO_D = {
    "saddle": (x ** 2 - y ** 2, (-1, 1, -1, 1)),
    "elliptic": (x ** 2 + 2 * y ** 2, (-5.5, 1, -3, 1)),
    "ill-conditioned": (R(1, 10) * x ** 2 + 2 * y ** 2, (-5.5, 1, -3, 1)),
    "monkey-saddle": (x ** 3 - 3 * x * y ** 2, (-1, 1, -1, 1)),
    "rosenbrock": ((1 - x) ** 2 + 100 * (y - x ** 2) ** 2, (-2, 2, -1, 3)),
    "himmelblau": ((x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7) ** 2, (-5, 5, -5, 5)),
    "beale": ((R(3, 2) - x + x * y) ** 2 + (R(9, 4) - x + x * y ** 2) ** 2
              + (R(21, 8) - x + x * y ** 3) ** 2, (-4.5, 4.5, -4.5, 4.5)),
    "six-hump-camel": ((4 - R(21, 10) * x ** 2 + x ** 4 / 3) * x ** 2 + x * y
                       + (-4 + 4 * y ** 2) * y ** 2, (-2, 2, -1, 1)),
    "two-basin": (R(1, 10) * (x ** 2 + y ** 2) - well(R(6, 5), R(3, 5), 2)
                  - well(R(-7, 5), R(-1, 2), 1), (-3, 3, -3, 3)),
}


def one_d(name, f, a, b):
    fp = sp.lambdify(x, sp.diff(f, x), "mpmath")
    fpp = sp.lambdify(x, sp.diff(f, x, 2), "mpmath")
    fv = sp.lambdify(x, f, "mpmath")
    n = 4000
    xs = [mp.mpf(a) + (mp.mpf(b) - a) * i / n for i in range(n + 1)]
    ds = [fp(t) for t in xs]
    roots = []
    for i in range(n):
        if ds[i] == 0:
            roots.append(xs[i])
        elif ds[i] * ds[i + 1] < 0:
            roots.append(mp.findroot(fp, (xs[i], xs[i + 1]), solver="anderson"))
        elif 0 < i and abs(ds[i]) <= abs(ds[i - 1]) and abs(ds[i]) <= abs(ds[i + 1]) \
                and abs(ds[i]) < mp.mpf(10) ** -6:
            roots.append(mp.findroot(fp, xs[i]))  # f' touches zero (x^3)
    print(f"{name} [{a}, {b}] f(a)={mp.nstr(fv(mp.mpf(a)), 12)} f(b)={mp.nstr(fv(mp.mpf(b)), 12)}")
    for r in roots:
        print(f"  x={mp.nstr(r, 17)} f={mp.nstr(fv(r), 17)} f''={mp.nstr(fpp(r), 12)}")


def two_d(name, f, box):
    a, b, c, d = box
    grad = [sp.diff(f, v) for v in (x, y)]
    hess = sp.hessian(f, (x, y))
    g_np, h_np = sp.lambdify((x, y), grad, "numpy"), sp.lambdify((x, y), hess, "numpy")
    g_mp, h_mp = sp.lambdify((x, y), grad, "mpmath"), sp.lambdify((x, y), hess, "mpmath")
    f_mp = sp.lambdify((x, y), f, "mpmath")
    found = []
    for sx in np.linspace(a, b, 120):
        for sy in np.linspace(c, d, 120):
            p = np.array([sx, sy])
            for _ in range(200):
                try:
                    step = np.linalg.solve(np.array(h_np(*p), float), -np.array(g_np(*p), float))
                except np.linalg.LinAlgError:
                    break
                p = p + step
                if not np.all(np.isfinite(p)) or np.abs(p).max() > 1e3:
                    break
                if np.linalg.norm(step) < 1e-13:
                    if a - 1e-9 <= p[0] <= b + 1e-9 and c - 1e-9 <= p[1] <= d + 1e-9 and \
                            not any(np.linalg.norm(p - q) < 1e-6 for q in found):
                        found.append(p)
                    break
    pts = []
    for p in found:
        q = mp.matrix([p[0], p[1]])
        for _ in range(100):
            g = mp.matrix(g_mp(q[0], q[1]))
            if mp.norm(g) == 0:
                break
            try:
                q = q + mp.lu_solve(mp.matrix(h_mp(q[0], q[1])), -g)
            except ZeroDivisionError:
                break
        pts.append(q)
    pts.sort(key=lambda q: (float(q[0]), float(q[1])))
    print(f"{name} [{a}, {b}]x[{c}, {d}]")
    for q in pts:
        ev = np.linalg.eigvalsh(np.array(h_np(float(q[0]), float(q[1])), float))
        print(f"  ({mp.nstr(q[0], 12)}, {mp.nstr(q[1], 12)}) f={mp.nstr(f_mp(q[0], q[1]), 12)} "
              f"eig={ev[0]:.10g} {ev[1]:.10g}")
    # f's extremes on the edge, sampled, to tell global from local extrema
    t = np.linspace(0, 1, 2001)
    fn = sp.lambdify((x, y), f, "numpy")
    edge = np.concatenate([fn(a + (b - a) * t, c + 0 * t), fn(a + (b - a) * t, d + 0 * t),
                           fn(a + 0 * t, c + (d - c) * t), fn(b + 0 * t, c + (d - c) * t)])
    print(f"  edge: min {edge.min():.10g} max {edge.max():.10g}")


names = sys.argv[1:] or list(ONE_D) + list(TWO_D)
for nm in names:
    if nm in ONE_D:
        one_d(nm, *ONE_D[nm])
    else:
        two_d(nm, *TWO_D[nm])
