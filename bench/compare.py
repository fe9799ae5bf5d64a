#!/usr/bin/python3
"""Runs `optiviz bench` and bench/peer_matplotlib.py alternately, three
rounds each, and prints a table: each figure for both and the ratio
(matplotlib / optiviz, so larger is better for optiviz). Each figure is the
median over the rounds of each run's own median. Called by scripts/bench.

Startup and idle are measured in a real window when there is a display, or
under xvfb-run when it is installed, else in SDL's offscreen driver (the
table says which). The machine's load average is printed before and after:
on a shared machine, read the CPU-time rows (startup CPU) before wall time.
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PEER = os.path.join(HERE, "peer_matplotlib.py")


def parse(text):
    """key=value pairs of every line of text into one dict of strings."""
    out = {}
    for line in text.splitlines():
        for tok in line.split():
            if "=" in tok:
                k, v = tok.split("=", 1)
                out.setdefault(k, v)
    return out


def run(cmd, env=None):
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        sys.exit(f"scripts/bench: {' '.join(cmd)} failed ({p.returncode}):\n{p.stderr}")
    return parse(p.stdout)


def window_prefix():
    """How to reach a window: nothing with a display, xvfb-run without."""
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return []
    if shutil.which("xvfb-run"):
        return ["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24"]
    return []


def peer_startup(view, size, runs):
    """Medians over runs fresh matplotlib processes: spawn to first frame
    drawn, and the CPU time used by then."""
    ms, cpu = [], []
    for _ in range(runs):
        env = dict(os.environ)
        env["OPTIVIZ_BENCH_T0"] = "%.6f" % (time.clock_gettime(time.CLOCK_MONOTONIC) * 1e3)
        r = run(["/usr/bin/python3", PEER, "--startup", "--view", view, "--size", size], env)
        ms.append(float(r["startup_child_ms"]))
        cpu.append(float(r["startup_cpu_ms"]))
    return statistics.median(ms), statistics.median(cpu)


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}"


def load():
    return "%.1f %.1f %.1f" % os.getloadavg()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--optiviz", default="build/optiviz")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--size", default="1920x1080")
    a = ap.parse_args()
    ov = [a.optiviz]
    size = ["--size", a.size]
    env = dict(os.environ)
    env.setdefault("LIBGL_ALWAYS_SOFTWARE", "1")
    os.environ.update(env)
    win = window_prefix()
    print(f"# {time.strftime('%Y-%m-%d %H:%M %Z')}; {machine()}")
    print(f"# load average before: {load()}")

    rows = {}  # name -> (optiviz values, matplotlib values, unit)

    def add(name, unit, ours=None, peer=None):
        o, p, _ = rows.setdefault(name, ([], [], unit))
        if ours is not None:
            o.append(ours)
        if peer is not None:
            p.append(peer)

    renderer = window = "?"
    for rnd in range(a.rounds):
        print(f"# round {rnd + 1}/{a.rounds}", file=sys.stderr, flush=True)
        r = run(ov + ["bench", "--frames", "300"] + size)
        renderer = r.get("renderer", "?")
        add("curve frame", "ms", float(r["median_ms"]))
        add("  curve, CPU time", "ms", float(r["cpu_ms"]))
        add("peak RSS, curve", "MB", float(r["rss_peak_kb"]) / 1024)
        add("  of it SDL+Mesa (bare GL window)", "MB", float(r["rss_bare_gl_kb"]) / 1024)
        add("  of it optiviz", "MB", float(r["rss_ours_kb"]) / 1024)
        p = run(["/usr/bin/python3", PEER, "--view", "curve", "--frames", "30"] + size)
        add("curve frame", "ms", peer=float(p["median_ms"]))
        add("  curve, CPU time", "ms", peer=float(p["cpu_ms"]))
        add("peak RSS, curve", "MB", peer=float(p["rss_peak_kb"]) / 1024)
        r = run(ov + ["bench", "--function", "saddle", "--frames", "200"] + size)
        add("saddle 101x101 frame", "ms", float(r["median_ms"]))
        add("  saddle, CPU time", "ms", float(r["cpu_ms"]))
        p = run(["/usr/bin/python3", PEER, "--view", "saddle", "--frames", "10"] + size)
        add("saddle 101x101 frame", "ms", peer=float(p["median_ms"]))
        add("  saddle, CPU time", "ms", peer=float(p["cpu_ms"]))
        r = run(ov + ["bench", "--function", "saddle", "--view", "contour", "--frames", "200"]
                + size)
        add("contour frame", "ms", float(r["median_ms"]))
        r = run(ov + ["bench", "--particles", "10000", "--frames", "200"] + size)
        add("10 000-particle cloud, 1D", "ms", float(r["median_ms"]))
        r = run(ov + ["bench", "--function", "himmelblau", "--particles", "10000", "--frames",
                      "100"] + size)
        add("10 000-particle cloud, 2D", "ms", float(r["median_ms"]))
        r = run(win + ov + ["bench", "--startup", "--runs", "5"])
        window = r.get("window", "?")
        add("startup to first frame (warm)", "ms", float(r["startup_ms"]))
        add("  startup, CPU time", "ms", float(r["startup_cpu_ms"]))
        add("  bare SDL+GL window", "ms", float(r["bare_window_ms"]))
        add("  bare SDL+GL window, CPU time", "ms", float(r["bare_window_cpu_ms"]))
        wall, cpu = peer_startup("curve", a.size, 5)
        add("startup to first frame (warm)", "ms", peer=wall)
        add("  startup, CPU time", "ms", peer=cpu)
    r = run(win + ov + ["bench", "--startup", "--cold", "--runs", "5"])
    add("startup to first frame (cold cache)", "ms", float(r["startup_ms"]))
    add("  cold, CPU time", "ms", float(r["startup_cpu_ms"]))
    r = run(win + ov + ["bench", "--idle", "10"])
    add("idle, paused window", "% core", float(r["idle_cpu_pct"]))
    print(f"# load average after: {load()}")
    print(f"# optiviz: {renderer}, {a.size} frames; startup and idle: {window} window "
          f"(default size); matplotlib {mpl_version()} (Agg)")
    print()
    print(f"| figure | optiviz | matplotlib | ratio |")
    print(f"|---|---:|---:|---:|")
    for name, (o, p, unit) in rows.items():
        om = statistics.median(o) if o else None
        pm = statistics.median(p) if p else None
        ratio = f"{pm / om:.1f}x" if om and pm else ""
        fmt = (lambda v: f"{v:.2f} {unit}") if unit == "% core" else (lambda v: f"{v:.1f} {unit}")
        print(f"| {name} | {fmt(om) if om is not None else ''} | "
              f"{fmt(pm) if pm is not None else ''} | {ratio} |")
    return 0


def mpl_version():
    p = subprocess.run(["/usr/bin/python3", "-c", "import matplotlib; print(matplotlib.__version__)"],
                       capture_output=True, text=True)
    return p.stdout.strip() or "?"


if __name__ == "__main__":
    sys.exit(main())
