#!/usr/bin/python3
"""The peer of `optiviz bench`: the tool the source material (d2l.ai 12.1)
draws its figures with, matplotlib (Debian's python3-matplotlib, Agg, no
window), animating the same views at the same size, one frame per step of
gradient descent: each frame moves the iterate and its trail and redraws the
whole figure (canvas.draw(), what FuncAnimation does without blitting).

  curve   lesson 1 of optiviz: f(x) = x cos(pi x) and g(x) = f(x) + 0.2 cos(5 pi x)
          on [0.5, 1.5] (d2l's annotate figure), 400 samples, the iterate of
          GD on g (lr 0.1 from 0.6) with its trail
  saddle  f(x, y) = x^2 - y^2 on a 101 x 101 grid over [-1, 1]^2, drawn as
          d2l draws it (plot_wireframe, rstride = cstride = 10), with the
          iterate of GD from (0.8, 0.01) and its trail

Prints key=value lines as optiviz bench does:
  frames=N median_ms=.. p95_ms=.. cpu_ms=.. view=curve|saddle size=WxH
  (cpu_ms: the process's CPU time per frame)
  rss_peak_kb=..
With --startup (and OPTIVIZ_BENCH_T0, CLOCK_MONOTONIC milliseconds at the
spawn, set by the caller) it draws the view's first frame and prints
`startup_child_ms=.. startup_cpu_ms=..`: process start (interpreter,
imports, figure) to the first frame drawn, and the CPU time used by then.

Run with /usr/bin/python3 (the interpreter Debian's matplotlib is for).
"""
import argparse
import math
import os
import resource
import sys
import time


def now_ms():
    return time.clock_gettime(time.CLOCK_MONOTONIC) * 1e3


def gd_path(grad, x0, lr, steps):
    """Iterates of plain gradient descent (a list of points)."""
    pts = [tuple(x0)]
    x = list(x0)
    for _ in range(steps):
        g = grad(x)
        x = [xi - lr * gi for xi, gi in zip(x, g)]
        pts.append(tuple(x))
    return pts


def build(view, width, height):
    """The figure and a function that shows step k (moves iterate and trail)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    fig = plt.figure(figsize=(width / 100, height / 100), dpi=100)
    if view == "curve":
        f = lambda x: x * np.cos(np.pi * x)
        g = lambda x: f(x) + 0.2 * np.cos(5 * np.pi * x)
        dg = lambda x: [math.cos(math.pi * x[0]) - math.pi * x[0] * math.sin(math.pi * x[0])
                        - math.pi * math.sin(5 * math.pi * x[0])]
        ax = fig.add_subplot(1, 1, 1)
        xs = np.linspace(0.5, 1.5, 400)
        ax.plot(xs, f(xs), label="risk f(x)")
        ax.plot(xs, g(xs), label="empirical risk g(x)")
        ax.annotate("min of\nempirical risk", (1.0, -1.2), (0.5, -1.1),
                    arrowprops=dict(arrowstyle="->"))
        ax.annotate("min of risk", (1.1, -1.05), (0.95, -0.5), arrowprops=dict(arrowstyle="->"))
        ax.set_xlabel("x")
        ax.set_ylabel("risk")
        ax.legend()
        path = gd_path(dg, [0.6], 0.1, 1000)
        trail, = ax.plot([], [], "o-", ms=4, color="tab:orange")
        point, = ax.plot([], [], "o", ms=12, color="tab:red")

        def show(k):
            p = path[: k % len(path) + 1][-20:]
            xs_ = np.array([q[0] for q in p])
            trail.set_data(xs_, g(xs_))
            point.set_data(xs_[-1:], g(xs_[-1:]))
    else:
        ax = fig.add_subplot(1, 1, 1, projection="3d")
        xs = np.linspace(-1.0, 1.0, 101)
        x, y = np.meshgrid(xs, xs)
        z = x ** 2 - y ** 2
        ax.plot_wireframe(x, y, z, rstride=10, cstride=10)
        ax.plot([0], [0], [0], "rx")
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        path = gd_path(lambda p: [2 * p[0], -2 * p[1]], [0.8, 0.01], 0.1, 1000)
        trail, = ax.plot([], [], [], "o-", ms=4, color="tab:orange")
        point, = ax.plot([], [], [], "o", ms=12, color="tab:red")

        def show(k):
            p = path[: k % 30 + 1][-20:]  # restart before the run leaves the box
            px = np.array([q[0] for q in p])
            py = np.array([q[1] for q in p])
            trail.set_data_3d(px, py, px ** 2 - py ** 2)
            point.set_data_3d(px[-1:], py[-1:], px[-1:] ** 2 - py[-1:] ** 2)
    return fig, show


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--view", choices=["curve", "saddle"], default="curve")
    ap.add_argument("--frames", type=int, default=30)
    ap.add_argument("--size", default="1920x1080")
    ap.add_argument("--startup", action="store_true")
    a = ap.parse_args()
    width, height = (int(v) for v in a.size.split("x"))
    if a.startup:
        t0 = float(os.environ["OPTIVIZ_BENCH_T0"])
        fig, show = build(a.view, width, height)
        show(0)
        fig.canvas.draw()
        print(f"startup_child_ms={now_ms() - t0:.3f} startup_cpu_ms={time.process_time() * 1e3:.3f}")
        return 0
    fig, show = build(a.view, width, height)
    show(0)
    fig.canvas.draw()  # the first frame (fonts, layout) is not a steady one
    ms = []
    cpu0 = time.process_time()
    for k in range(1, a.frames + 1):
        t0 = now_ms()
        show(k)
        fig.canvas.draw()
        ms.append(now_ms() - t0)
    cpu = (time.process_time() - cpu0) * 1e3 / a.frames
    ms.sort()
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    print(f"frames={len(ms)} median_ms={ms[len(ms) // 2]:.3f} p95_ms={p95:.3f} cpu_ms={cpu:.3f} "
          f"view={a.view} size={width}x{height}")
    print(f"rss_peak_kb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
