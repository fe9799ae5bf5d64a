#!/usr/bin/env python3
"""CLI tests of optiviz: run the binary, parse its CSV, compare numbers.

Usage: test_cli.py OPTIVIZ_BINARY REFERENCE_DIR
Standard library only (no torch, no numpy). Checks `list`, `trace` against
closed forms and the committed torch.optim references, seeded noise,
early stop on non-finite values, iterates leaving the domain, `shot` PNG
output, `critical` (risk, empirical risk, saddle, cubic, tanh, Himmelblau,
--domain), the bundled scenes in `list` and `--scene`, exit code 2 with
one stderr line for every kind of bad input, --expr formulas against
the built-ins they spell, and that the manual page and README name every
key of src/app/input.c's binding table.
"""
import math
import os
import re
import struct
import subprocess
import time
import signal
import sys
import tempfile
import zlib

BIN = sys.argv[1]
REF = sys.argv[2]
failures = []


def run(*args, env_extra=None):
    env = dict(os.environ)
    env.setdefault("SDL_VIDEODRIVER", "offscreen")
    if env_extra:
        env.update(env_extra)
    p = subprocess.run([BIN, *args], capture_output=True, text=True, env=env, timeout=120)
    return p.returncode, p.stdout, p.stderr


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg)


def csv_rows(text):
    lines = text.strip().split("\n")
    return lines[0].split(","), [[float(v) for v in ln.split(",")] for ln in lines[1:]]


def close(a, b, rel=1e-12, abs_=1e-300):
    return abs(a - b) <= max(rel * abs(b), abs_)


def test_list():
    code, out, err = run("list")
    check(code == 0 and err == "", "list exits 0 silently")
    lines = out.strip().split("\n")
    funcs = {ln.split()[1]: ln.split() for ln in lines if ln.startswith("function ")}
    for name, dim, dom in [("risk", "1", "[-1,2]"), ("empirical-risk", "1", "[0.5,1.5]"),
                           ("cubic", "1", "[-2,2]"), ("tanh", "1", "[-2,5]"),
                           ("saddle", "2", "[-1,1]x[-1,1]")]:
        check(name in funcs, f"list has function {name}")
        if name in funcs:
            check(funcs[name][2] == dim and funcs[name][3] == dom,
                  f"list {name}: dim {funcs[name][2]} domain {funcs[name][3]}")
            check(len(funcs[name]) > 4, f"list {name} has a description")
    check(any(ln.startswith("optimizer sgd ") for ln in lines), "list has optimizer sgd")
    check(any(ln.startswith("optimizer adamw lr=0.001 weight_decay=0.01 ") for ln in lines),
          "list has optimizer adamw with torch's weight decay 0.01")
    check("gd" in out, "list mentions the gd alias")


def test_trace_closed_form():
    code, out, err = run("trace", "--function", "risk", "--optimizer", "sgd", "--lr", "0.05",
                         "--start", "-0.9", "--steps", "40")
    check(code == 0, f"trace risk exit {code}: {err}")
    head, rows = csv_rows(out)
    check(head == ["step", "x", "f", "df"], f"1D header {head}")
    check(len(rows) == 41, f"41 rows, got {len(rows)}")
    check(rows[0][0] == 0 and rows[0][1] == -0.9, "row 0 is the start")
    for i, (s, x, f, df) in enumerate(rows):
        check(s == i, "step numbers count up")
        check(close(f, x * math.cos(math.pi * x)), f"f at step {i}")
        check(close(df, math.cos(math.pi * x) - math.pi * x * math.sin(math.pi * x), 1e-12, 1e-15),
              f"df at step {i}")
        if i + 1 < len(rows):
            check(rows[i + 1][1] == x - 0.05 * df, f"gd update at step {i} is exact")
    # GD from the left settles in the local minimum x ~ -0.27385, not the global one
    code, out, _ = run("trace", "--function", "risk", "--optimizer", "gd", "--lr", "0.05",
                       "--start", "-0.9", "--steps", "400")
    _, rows = csv_rows(out)
    check(abs(rows[-1][1] - (-0.27385)) < 1e-4, f"stops in the local minimum: {rows[-1][1]}")


def test_trace_matches_torch():
    """Every committed torch.optim reference file, replayed through `trace`
    with each header key as its flag (weight_decay -> --weight-decay)."""
    n = 0
    for name in sorted(os.listdir(REF)):
        if not name.endswith(".csv"):
            continue
        with open(os.path.join(REF, name)) as fh:
            lines = fh.read().strip().split("\n")
        kv = dict(tok.split("=", 1) for tok in lines[0][2:].split())
        args = ["trace"]
        for k, v in kv.items():
            if k == "steps":
                continue
            flag = "--" + k.replace("_", "-")
            if k in ("nesterov", "centered", "amsgrad"):
                if v == "1":
                    args.append(flag)
                continue
            args += [flag, v]
        args += ["--steps", str(len(lines) - 3)]
        code, out, err = run(*args)
        check(code == 0, f"{name}: exit {code} {err}")
        head, rows = csv_rows(out)
        ref = [[float(v) for v in ln.split(",")] for ln in lines[2:]]
        check(len(rows) == len(ref), f"{name}: {len(rows)} rows vs {len(ref)}")
        dim = len(lines[1].split(",")) - 1
        check(len(head) == (4 if dim == 1 else 6), f"{name}: trace header {head}")
        for a, b in zip(rows, ref):
            for k in range(dim):
                check(close(a[1 + k], b[1 + k], 1e-10, 1e-14),
                      f"{name} step {int(b[0])}: {a[1 + k]!r} vs torch {b[1 + k]!r}")
        n += 1
    check(n >= 60, f"compared {n} torch reference files")


def test_trace_2d_leaves_domain():
    code, out, err = run("trace", "--function", "saddle", "--optimizer", "sgd", "--lr", "0.1",
                         "--start", "0.8,0.01", "--steps", "40")
    check(code == 0, f"saddle trace exit {code}: {err}")
    head, rows = csv_rows(out)
    check(head == ["step", "x", "y", "f", "dfdx", "dfdy"], f"2D header {head}")
    check(len(rows) == 41, "all 41 rows even though y leaves [-1, 1]")
    check(rows[-1][2] > 1.0, "the iterate left the domain along y")
    for s, x, y, f, gx, gy in rows:
        check(close(f, x * x - y * y, 1e-12, 1e-15) and gx == 2 * x and gy == -2 * y,
              f"2D values at step {int(s)}")


def test_noise_seeded():
    base = ["trace", "--function", "risk", "--optimizer", "sgd", "--lr", "0.05", "--start",
            "-0.27", "--steps", "50", "--noise", "0.8"]
    a = run(*base, "--seed", "1")[1]
    b = run(*base, "--seed", "1")[1]
    c = run(*base, "--seed", "2")[1]
    check(a == b, "same seed, same trace")
    check(a != c, "different seed, different trace")
    _, rows = csv_rows(a)
    # the gradient column stays exact (noise only reaches the optimizer)
    x = rows[10][1]
    check(close(rows[10][3], math.cos(math.pi * x) - math.pi * x * math.sin(math.pi * x),
                1e-12, 1e-15), "df column is the exact gradient under noise")
    # the step differs from plain GD by lr * noise
    plain = rows[0][1] - 0.05 * rows[0][3]
    check(rows[1][1] != plain, "noise changes the step")


def test_non_finite_stops_early():
    code, out, err = run("trace", "--function", "cubic", "--optimizer", "sgd", "--lr", "0.3",
                         "--start", "-1", "--steps", "50")
    check(code == 0, f"non-finite trace exits 0, got {code}")
    _, rows = csv_rows(out)
    check(5 < len(rows) < 51, f"stops early ({len(rows)} rows)")
    check(all(math.isfinite(v) for r in rows for v in r), "only finite rows printed")
    check(len(err.strip().split("\n")) == 1 and "not finite" in err, f"one stderr line: {err!r}")


def png_size(path):
    with open(path, "rb") as fh:
        data = fh.read()
    check(data[:8] == b"\x89PNG\r\n\x1a\n", "PNG signature")
    w, h = struct.unpack(">II", data[16:24])
    return w, h, data


def test_shot():
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "risk.png")
        code, _, err = run("shot", "--function", "empirical-risk", "--steps", "10", "--size",
                           "800x450", "--out", out)
        check(code == 0, f"shot exit {code}: {err}")
        if code == 0:
            w, h, data = png_size(out)
            check((w, h) == (800, 450), f"shot size {w}x{h}")
            out2 = os.path.join(d, "again.png")
            run("shot", "--function", "empirical-risk", "--steps", "10", "--size", "800x450",
                "--out", out2)
            with open(out2, "rb") as fh:
                check(fh.read() == data, "shot is bit-identical run to run")


def kv(text):
    """key=value pairs of every line of text."""
    return dict(tok.split("=", 1) for ln in text.splitlines() for tok in ln.split() if "=" in tok)


def test_bench():
    """bench's lines carry their keys (no time is asserted); a paused window
    left alone draws no frame; --startup times fresh processes."""
    code, out, err = run("bench", "--frames", "3", "--size", "640x360", "--function", "saddle",
                         "--view", "contour")
    r = kv(out)
    check(code == 0 and r.get("frames") == "3" and r.get("view") == "contour"
          and r.get("size") == "640x360", f"bench frames: exit {code} {out!r} {err!r}")
    check(all(k in r for k in ("median_ms", "p95_ms", "cpu_ms", "rss_peak_kb", "rss_bare_gl_kb",
                               "rss_ours_kb")), f"bench frames keys: {sorted(r)}")
    code, out, err = run("bench", "--idle", "0.5", "--size", "640x360")
    r = kv(out)
    check(code == 0 and "idle_cpu_pct" in r, f"bench --idle: exit {code} {out!r} {err!r}")
    check(r.get("frames_drawn") == "0", f"a paused window left alone drew frames: {out!r}")
    code, out, err = run("bench", "--startup", "--runs", "1", "--size", "640x360")
    r = kv(out)
    check(code == 0 and r.get("runs") == "1" and r.get("cache") == "warm"
          and float(r.get("startup_ms", "0")) > 0 and float(r.get("bare_window_ms", "0")) > 0,
          f"bench --startup: exit {code} {out!r} {err!r}")


def critical_rows(*args):
    code, out, err = run("critical", *args)
    check(code == 0 and err == "", f"critical {args}: exit {code} {err!r}")
    lines = out.strip().split("\n")
    rows = [ln.split(",") for ln in lines[1:]]
    return lines[0].split(","), [[float(v) for v in r[:-1]] + [r[-1]] for r in rows]


def test_lang():
    """--lang en|ko (window and shot), else the system locale (LANG): shot of
    a scene in Korean differs from English, equals LANG=ko_KR.UTF-8's, and an
    unknown language is exit 2 naming it and the known ones."""
    with tempfile.TemporaryDirectory() as d:
        shots = {}
        for name, args, env in [("en", ["--lang", "en"], {"LANG": "ko_KR.UTF-8"}),
                                ("ko", ["--lang", "ko"], {"LANG": "C"}),
                                ("env", [], {"LANG": "ko_KR.UTF-8", "LANGUAGE": "", "LC_ALL": "",
                                             "LC_MESSAGES": ""}),
                                ("c", [], {"LANG": "C", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""})]:
            out = os.path.join(d, name + ".png")
            code, _, err = run("shot", "--scene", "risk", "--size", "640x360", "--out", out, *args,
                               env_extra=env)
            check(code == 0, f"shot --lang {name}: exit {code}: {err}")
            with open(out, "rb") as fh:
                shots[name] = fh.read()
        check(shots["en"] != shots["ko"], "shot --lang ko differs from --lang en")
        check(shots["env"] == shots["ko"], "LANG=ko_KR.UTF-8 shoots in Korean")
        check(shots["c"] == shots["en"], "LANG=C shoots in English")
    for bad in ["xx", "", "korean"]:
        code, _, err = run("shot", "--function", "risk", "--out", "x.png", "--lang", bad)
        lines = [ln for ln in err.split("\n") if ln.strip()]
        check(code == 2 and len(lines) == 1 and "--lang" in err and "en, ko" in err,
              f"--lang {bad!r}: exit {code} {err!r}")


def test_particles():
    """--particles N: 1..10000 (window, shot, bench), else exit 2 naming it;
    shot launches the cloud and steps it: the frame differs from one without."""
    for bad in ["0", "10001", "-5", "2k", ""]:
        for cmd in (["shot", "--function", "risk", "--out", "x.png"], ["--function", "risk"]):
            code, _, err = run(*cmd, "--particles", bad)
            lines = [ln for ln in err.split("\n") if ln.strip()]
            check(code == 2, f"--particles {bad!r} {cmd[0]}: exit {code}, expected 2")
            check(len(lines) == 1 and "--particles" in err,
                  f"--particles {bad!r}: one line naming it: {err!r}")
    code, _, err = run("trace", "--function", "risk", "--start", "0", "--steps", "1",
                       "--particles", "10")
    check(code == 2 and "--particles" in err, f"trace --particles: exit {code} {err!r}")
    with tempfile.TemporaryDirectory() as d:
        plain, cloud = os.path.join(d, "plain.png"), os.path.join(d, "cloud.png")
        args = ["shot", "--function", "risk", "--steps", "50", "--size", "960x540"]
        code0, _, err0 = run(*args, "--out", plain)
        code, _, err = run(*args, "--particles", "2000", "--noise", "2.5", "--seed", "3",
                           "--out", cloud)
        check(code0 == 0 and code == 0, f"shot --particles 2000: exit {code}: {err}")
        if code == 0 and code0 == 0:
            w, h, data = png_size(cloud)
            check((w, h) == (960, 540), f"shot --particles size {w}x{h}")
            with open(plain, "rb") as fh:
                check(fh.read() != data, "the cloud changes the frame")
            again = os.path.join(d, "again.png")
            run(*args, "--particles", "2000", "--noise", "2.5", "--seed", "3", "--out", again)
            with open(again, "rb") as fh:
                check(fh.read() == data, "a cloud shot is bit-identical run to run")


def test_critical():
    # risk on [-1, 2] (d2l 12.1): local min, local max (f(2) = 2 is higher), global min
    head, rows = critical_rows("--function", "risk")
    check(head == ["x", "f", "d2f", "kind"], f"critical 1D header {head}")
    want = [(-0.2738527, "local-min"), (0.2738527, "local-max"), (1.0904082, "global-min")]
    check(len(rows) == len(want), f"risk: {len(rows)} critical points, expected 3")
    pi = math.pi
    for (x, f, d2f, kind), (wx, wkind) in zip(rows, want):
        check(abs(x - wx) < 1e-7 and kind == wkind, f"risk: {x} {kind} vs {wx} {wkind}")
        check(close(f, x * math.cos(pi * x)), f"risk: f at {x}")
        check(abs(math.cos(pi * x) - pi * x * math.sin(pi * x)) < 1e-14, f"risk: f'({x}) = 0")
        check(close(d2f, -2 * pi * math.sin(pi * x) - pi * pi * x * math.cos(pi * x), 1e-12),
              f"risk: f'' at {x}")
    # on a wider box the edge f(3) = -3 is lower: every extremum is local
    _, rows = critical_rows("--function", "risk", "--domain=-3:3")
    check(len(rows) == 6 and all(r[3].startswith("local-") for r in rows),
          f"risk on [-3, 3]: {rows}")
    check(all(rows[i][0] < rows[i + 1][0] for i in range(len(rows) - 1)), "sorted by x")
    # empirical risk on [0.5, 1.5]: minima 0.651637, 1.016983 (global), 1.320802, maxima between
    _, rows = critical_rows("--function", "empirical-risk")
    kinds = [(round(r[0], 6), r[3]) for r in rows]
    check([k for _, k in kinds] == ["local-min", "local-max", "global-min", "local-max",
                                    "local-min"], f"empirical-risk kinds {kinds}")
    check([x for x, k in kinds if k.endswith("min")] == [0.651637, 1.016983, 1.320802],
          f"empirical-risk minima {kinds}")
    # saddle: (0, 0) with Hessian eigenvalues -2, 2
    head, rows = critical_rows("--function", "saddle")
    check(head == ["x", "y", "f", "lambda1", "lambda2", "kind"], f"critical 2D header {head}")
    check(rows == [[0.0, 0.0, 0.0, -2.0, 2.0, "saddle"]], f"saddle rows {rows}")
    # x^3: the test is inconclusive at 0; tanh: no critical point
    _, rows = critical_rows("--function", "cubic")
    check(rows == [[0.0, 0.0, 0.0, "degenerate"]], f"cubic rows {rows}")
    code, out, _ = run("critical", "--function", "tanh")
    check(code == 0 and out == "x,f,d2f,kind\n", f"tanh: header only, got {out!r}")
    # Himmelblau: four global minima, one local maximum, four saddles
    _, rows = critical_rows("--function", "himmelblau")
    kinds = sorted(r[5] for r in rows)
    check(kinds == ["global-min"] * 4 + ["local-max"] + ["saddle"] * 4, f"himmelblau {kinds}")
    for x, y, f, l1, l2, kind in rows:
        gx = 4 * x * (x * x + y - 11) + 2 * (x + y * y - 7)
        gy = 2 * (x * x + y - 11) + 4 * y * (x + y * y - 7)
        check(abs(gx) < 1e-9 and abs(gy) < 1e-9 and l1 <= l2, f"himmelblau ({x}, {y}) gradient")
    # --domain for a 2D landscape, the numbers printed exactly (%.17g)
    _, rows = critical_rows("--function", "himmelblau", "--domain", "0:5,0:5")
    check(len(rows) == 3 and rows[1][:2] == [3.0, 2.0] and rows[1][5] == "global-min",
          f"himmelblau on [0, 5]^2: {rows}")


BAD = [
    # below the smallest window the layout fits: refused, the minimum named (tryout 5)
    (["shot", "--scene", "saddle", "--size", "200x150", "--out", "/tmp/x.png"],
     "outside 640x360 (the smallest the layout fits)"),
    (["--size", "639x360"], "640x360"),
    # an option given twice is refused by name, as a scene file's key (tryout 12)
    (["trace", "--function", "quadratic", "--lr", "0.1", "--lr", "0.2", "--start", "1",
      "--steps", "1"], "--lr given twice (first as argument 4)"),
    (["--lr=0.1", "--function", "risk", "--lr", "0.2"], "--lr given twice (first as argument 1)"),
    (["shot", "--function", "saddle", "--size", "700x400", "--size", "800x450", "--out",
      "/tmp/x.png"], "--size given twice"),
    (["--function", "risk", "--function", "tanh"], "--function given twice"),
    (["critical", "--function", "tanh", "--domain", "-1e20:1e20"], "wider than 1e12"),
    (["critical", "--function", "tanh", "--domain", "-1e5:1e5"], "100 times"),
    (["trace", "--expr", "x", "--domain", "5:5.000000000000001", "--start", "5", "--steps", "1"],
     "narrower"),
    (["--function", "nope"], "nope"),
    (["trace", "--function", "nope", "--start", "1", "--steps", "3"], "nope"),
    (["trace", "--function", "risk", "--optimizer", "adamx", "--start", "1", "--steps", "3"], "adamx"),
    (["trace", "--function", "risk", "--lr", "abc", "--start", "1", "--steps", "3"], "abc"),
    (["trace", "--function", "risk", "--lr", "1e999", "--start", "1", "--steps", "3"], "1e999"),
    (["trace", "--function", "risk", "--lr", "0.1x", "--start", "1", "--steps", "3"], "0.1x"),
    (["trace", "--function", "risk", "--lr", "-1", "--start", "1", "--steps", "3"], "--lr"),
    (["trace", "--function", "risk", "--start", "1,2", "--steps", "3"], "--start"),
    (["trace", "--function", "saddle", "--start", "0.5", "--steps", "3"], "--start"),
    (["trace", "--function", "risk", "--start", "5", "--steps", "3"], "outside"),
    (["trace", "--function", "saddle", "--start", "0,1.5", "--steps", "3"], "outside"),
    (["trace", "--function", "risk", "--start", "nan", "--steps", "3"], "nan"),
    (["trace", "--function", "risk", "--start", "1", "--steps", "-1"], "--steps"),
    (["trace", "--function", "risk", "--start", "1", "--steps", "2.5"], "2.5"),
    (["trace", "--function", "risk", "--start", "1"], "--steps"),
    (["trace", "--function", "risk", "--steps", "3"], "--start"),
    (["trace", "--function", "risk", "--start", "1", "--steps", "3", "--bogus", "1"], "--bogus"),
    (["trace", "--function", "risk", "--start", "1", "--steps", "3", "--nesterov"], "nesterov"),
    (["trace", "--function", "risk", "--start", "1", "--steps", "3", "--noise", "-2"], "--noise"),
    (["trace", "--function", "risk", "--start", "1", "--steps", "3", "--seed", "x"], "x"),
    (["trace", "--function", "risk", "--start", "1", "--steps"], "--steps"),
    (["shot", "--function", "risk", "--out", "/nonexistent-dir/x.png"], "nonexistent"),
    (["shot", "--function", "risk"], "--out"),
    (["shot", "--function", "risk", "--size", "big", "--out", "x.png"], "big"),
    (["bench", "--frames", "0"], "--frames"),
    (["bench", "--idle", "0"], "--idle"),
    (["bench", "--cold"], "--cold"),
    (["bench", "--runs", "0"], "--runs"),
    (["bench", "--runs", "3"], "--runs"),
    (["bench", "--startup", "--idle", "1"], "--idle"),
    (["shot", "--function", "risk", "--startup", "--out", "x.png"], "--startup"),
    (["frobnicate"], "frobnicate"),
    (["list", "extra"], "extra"),
    (["critical", "--function", "risk", "--domain", "2:1"], "2:1"),
    (["critical", "--function", "risk", "--domain", "1:1"], "1:1"),
    (["critical", "--function", "risk", "--domain", "a:1"], "a:1"),
    (["critical", "--function", "risk", "--domain", "0:1x"], "0:1x"),
    (["critical", "--function", "risk", "--domain", "1:2:3"], "1:2:3"),
    (["critical", "--function", "risk", "--domain", "0,1"], "0,1"),
    (["critical", "--function", "risk", "--domain", "-1:nan"], "nan"),
    (["critical", "--function", "risk", "--domain", "-1e308:1e308"], "1e308"),
    (["critical", "--function", "risk", "--domain", "-1:1,0:1"], "-1:1,0:1"),
    (["critical", "--function", "saddle", "--domain", "-1:1"], "-1:1"),
    (["critical", "--function", "saddle", "--domain", "-1:1,"], "-1:1,"),
    (["critical", "--function", "risk", "--domain"], "--domain"),
    (["critical", "--domain", "0:1"], "--function"),
    (["critical", "--function", "nope"], "nope"),
    (["critical", "--function", "risk", "--lr", "0.1"], "--lr"),
    (["critical", "--function", "risk", "--start", "0"], "--start"),
    (["trace", "--function", "risk", "--start", "1", "--steps", "3", "--domain", "-1:1"], "--domain"),
    (["shot", "--function", "risk", "--domain", "-1:1", "--out", "x.png"], "--domain"),
    (["--function", "risk", "--domain", "-1:1"], "--domain"),
    (["--output-dir", ""], "--output-dir"),
    (["--output-dir="], "--output-dir"),
    (["shot", "--function", "risk", "--output-dir", ""], "--output-dir"),
    (["trace", "--function", "risk", "--start", "0", "--steps", "1", "--output-dir", "d"],
     "--output-dir"),
    (["--output-dir"], "--output-dir"),
]


SCENES = ["risk", "local-min", "analytic", "cubic", "saddle", "tanh", "noise", "anneal",
          "learning-rate", "momentum", "adaptive"]


def test_scene_formula_and_signal():
    """A scene whose formula cannot be read is bad input (exit 2, file:line);
    a long headless shot ends on SIGTERM like any command-line program."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "broken.ini")
        with open(path, "w") as f:
            f.write("[scene]\ntitle = t\n[landscape]\nexpr = log(x\ndomain = 0.1:2\n")
        code, out, err = run("shot", "--scene", path, "--out", os.path.join(d, "x.png"))
        check(code == 2 and "broken.ini:4: [landscape] expr: column 4" in err
              and len(err.strip().split("\n")) == 1, f"broken scene formula: {code} {err!r}")
    env = dict(os.environ)
    env.setdefault("SDL_VIDEODRIVER", "offscreen")
    with tempfile.TemporaryDirectory() as d:
        p = subprocess.Popen([BIN, "shot", "--function", "risk", "--particles", "10000",
                              "--steps", "100000000", "--out", os.path.join(d, "x.png")],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.0)  # let it get into its stepping loop
        p.send_signal(signal.SIGTERM)
        try:
            rc = p.wait(timeout=60)
        except subprocess.TimeoutExpired:
            p.kill()
            rc = None
        check(rc == -signal.SIGTERM, f"shot ends on SIGTERM (return code {rc})")


def test_scenes():
    code, out, err = run("list")
    lines = [ln.split(" ", 2) for ln in out.split("\n") if ln.startswith("scene ")]
    check([ln[1] for ln in lines] == SCENES, f"list scenes in tour order: {lines}")
    check(all(len(ln) == 3 and ln[2] for ln in lines), "each scene line has a title")
    check(dict((ln[1], ln[2]) for ln in lines).get("risk") == "Risk vs empirical risk",
          "scene risk's title")
    with tempfile.TemporaryDirectory() as d:
        bad = os.path.join(d, "bad.ini")
        with open(bad, "w") as f:
            f.write("[scene]\ntitle = t\n[landscape]\nfunction = risk\n[runner 1]\nlr = 0.x\n")
        png = os.path.join(d, "s.png")
        for args, needle in [
                (["--scene", bad], f"{bad}:6: [runner 1] lr: '0.x' is not a number"),
                (["shot", "--scene", bad, "--out", png], f"{bad}:6: [runner 1] lr:"),
                (["--scene", os.path.join(d, "none.ini")], "none.ini: No such file or directory"),
                (["--scene", "nope"], "'nope'"),
                (["--scene", "risk", "--function", "risk"], "--function"),
                (["--function", "risk", "--scene", "risk"], "--function"),
                (["trace", "--scene", "risk", "--start", "1", "--steps", "1"], "--scene")]:
            code, out, err = run(*args)
            lines = [ln for ln in err.split("\n") if ln.strip()]
            check(code == 2 and len(lines) == 1 and needle in err,
                  f"{args}: exit {code}, stderr {err!r}, expected 2 and {needle!r}")
        code, out, err = run("shot", "--scene", "saddle", "--size", "640x360", "--out", png)
        check(code == 0 and png_size(png)[:2] == (640, 360), f"shot --scene saddle: {code} {err}")


def test_bad_input():
    for args, needle in BAD:
        code, out, err = run(*args)
        lines = [ln for ln in err.split("\n") if ln.strip()]
        check(code == 2, f"{args}: exit {code}, expected 2 ({err.strip()})")
        check(len(lines) == 1, f"{args}: {len(lines)} stderr lines: {err!r}")
        check(needle in err, f"{args}: stderr names {needle!r}: {err.strip()}")


def max_diffs(rows_a, rows_b):
    """Largest |a - b| / max(1, |b|) and largest plain relative difference."""
    scaled = rel = 0.0
    for ra, rb in zip(rows_a, rows_b):
        for a, b in zip(ra, rb):
            if a != b:
                scaled = max(scaled, abs(a - b) / max(1.0, abs(b)))
                rel = max(rel, abs(a - b) / max(abs(b), 1e-300))
    return scaled, rel


def test_expr():
    """--expr: typed formulas against the built-ins they spell, errors with a
    caret, critical points, a shot, and a run into an undefined point."""
    pairs = [(["--expr", "x*cos(pi*x)", "--domain", "-1:2", "--start", "-0.9"],
              ["--function", "risk", "--start", "-0.9"], 1e-12),
             (["--expr", "x^2 - y^2", "--domain", "-1:1,-1:1", "--start", "0.8,0.01"],
              ["--function", "saddle", "--start", "0.8,0.01"], 0.0)]
    for expr_args, fn_args, tol in pairs:
        code_e, out_e, err_e = run("trace", *expr_args, "--steps", "50")
        code_f, out_f, err_f = run("trace", *fn_args, "--steps", "50")
        check(code_e == 0 and code_f == 0, f"trace {expr_args}: exit {code_e} {err_e!r}")
        head_e, rows_e = csv_rows(out_e)
        head_f, rows_f = csv_rows(out_f)
        check(head_e == head_f and len(rows_e) == len(rows_f) == 51,
              f"{expr_args}: same header and 51 rows ({len(rows_e)}, {len(rows_f)})")
        # the gradient near a minimum is a difference of O(1) terms: its last
        # bits differ when the formula's terms are multiplied in another order,
        # so differences are measured against max(1, |value|)
        worst, rel = max_diffs(rows_e, rows_f)
        print(f"     {expr_args[1]!r} vs {fn_args[1]}: max difference {worst:.3g} of max(1, |v|),"
              f" max relative difference {rel:.3g}"
              f" ({'identical' if out_e == out_f else 'not identical'})")
        check(worst <= tol, f"{expr_args[1]!r} vs {fn_args[1]}: max difference {worst}")
    # a refused formula: exit 2, the message with its column, the formula, a caret under it
    for formula, column, needle in [("x*", 3, "missing operand"), ("*x", 1, "missing operand"),
                                    ("(x+1", 1, "unclosed '('"), ("x)", 2, "unmatched ')'"),
                                    ("x 2", 3, "write x*2"), ("2x", 2, "write 2*x"), ("sinn(x)", 1, "unknown name"),
                                    ("x + y", 5, "unknown name 'y'"), ("max(x)", 1, "2 arguments"),
                                    ("", 1, "empty")]:
        dom = ["--domain", "-1:1"] if "y" in formula else []
        code, out, err = run("trace", "--expr", formula, *dom, "--start", "0", "--steps", "1")
        lines = err.rstrip("\n").split("\n")
        check(code == 2 and out == "", f"--expr {formula!r}: exit {code}")
        check(len(lines) == 3 and lines[0].startswith("optiviz: --expr: ")
              and lines[0].endswith(f" at column {column}") and needle in lines[0],
              f"--expr {formula!r}: message {err!r}")
        if len(lines) == 3:
            check(lines[1] == formula and lines[2] == " " * (column - 1) + "^",
                  f"--expr {formula!r}: caret display {lines[1:]!r}")
    for args, needle in [(["trace", "--expr", "x", "--function", "risk", "--start", "0",
                           "--steps", "1"], "--function"),
                         (["trace", "--function", "risk", "--domain", "-1:1", "--start", "0",
                           "--steps", "1"], "--domain"),
                         (["trace", "--expr", "x^2", "--start", "3", "--steps", "1"], "[-2, 2]"),
                         (["trace", "--expr", "x^2", "--domain", "1:0", "--start", "0",
                           "--steps", "1"], "--domain")]:
        code, _, err = run(*args)
        check(code == 2 and len(err.strip().split("\n")) == 1 and needle in err,
              f"{args}: exit {code}, one line naming {needle!r}: {err!r}")
    head, rows = critical_rows("--expr", "x^3 - 3*x", "--domain", "-3:3")
    got = [(round(r[0], 12), r[-1]) for r in rows]
    check(got == [(-1.0, "local-max"), (1.0, "local-min")], f"critical x^3 - 3x: {got}")
    head, rows = critical_rows("--expr", "x^2 - y^2")
    check(len(rows) == 1 and rows[0][-1] == "saddle" and rows[0][3:5] == [-2.0, 2.0],
          f"critical x^2 - y^2: {rows}")
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "expr.png")
        code, _, err = run("shot", "--expr", "sin(3*x)*y", "--steps", "5", "--size", "640x360",
                           "--out", out)
        check(code == 0, f"shot --expr exit {code}: {err}")
        if code == 0:
            w, h, _ = png_size(out)
            check((w, h) == (640, 360), f"shot --expr size {w}x{h}")
    # log(x) from 0.5 with lr 1 steps to -1.5, where log is undefined
    code, out, err = run("trace", "--expr", "log(x)", "--start", "0.5", "--lr", "1",
                         "--steps", "10")
    _, rows = csv_rows(out)
    check(code == 0 and len(rows) == 1 and rows[0][1:] == [0.5, math.log(0.5), 2.0],
          f"log(x) trace: exit {code}, rows {rows}")
    check(len(err.strip().split("\n")) == 1 and "undefined at x = -1.5" in err,
          f"log(x) trace ends with the undefined message: {err!r}")

def test_help():
    code, out, err = run("--help")
    check(code == 0 and err == "", f"--help exits 0 silently ({code}, {err!r})")
    # every option of cli.c's table and every subcommand is in the usage
    src = open(os.path.join(REF, "..", "..", "src", "app", "cli.c")).read()
    opts = re.findall(r'\{"(--[a-z0-9-]+)", OPT_', src)
    check(len(opts) >= 20 and "--output-dir" in opts, f"options found in cli.c: {opts}")
    hyper = ["--lr", "--momentum", "--dampening", "--nesterov", "--weight-decay", "--alpha",
             "--centered", "--eps", "--beta1", "--beta2", "--amsgrad", "--rho", "--lr-decay",
             "--initial-accumulator", "--t0", "--cooling", "--proposal", "--version"]
    for o in opts + hyper:
        check(re.search(re.escape(o) + r"(?![a-z-])", out), f"--help lists {o}")
    for c in ["list", "trace", "shot", "bench", "critical"]:
        check(f"optiviz {c}" in out, f"--help lists the subcommand {c}")
    check("XDG_PICTURES_DIR" in out and "settings.ini" in out,
          "--help says where exports and settings go")


def test_shot_output_dir():
    with tempfile.TemporaryDirectory() as d:
        target = os.path.join(d, "a", "b")
        paths = []
        for _ in range(2):
            code, out, err = run("shot", "--function", "risk", "--size", "640x360",
                                 "--output-dir", target)
            check(code == 0, f"shot --output-dir exit {code}: {err}")
            paths.append(out.strip())
        check(len(set(paths)) == 2 and all(p.startswith(target + "/optiviz-") and
                                           p.endswith(".png") for p in paths),
              f"two shots, two new files in the directory: {paths}")
        check(sorted(os.listdir(target)) == sorted(os.path.basename(p) for p in paths),
              f"only those files: {os.listdir(target)}")
        for p in paths:
            if os.path.exists(p):
                check(png_size(p)[:2] == (640, 360), f"{p} is 640x360")
        plain = os.path.join(d, "plain")
        open(plain, "w").close()
        code, out, err = run("shot", "--function", "risk", "--size", "640x360",
                             "--output-dir", os.path.join(plain, "sub"))
        check(code == 2 and "plain" in err and len(err.strip().split("\n")) == 1,
              f"output dir under a file: exit {code}, {err!r}")


def key_tokens(text):
    """The key names in a key column: 'Tab / Shift+Tab' -> Tab, Shift+Tab;
    '1–5' -> 1..5; '−' is '-'. Separators: spaces, '/', ',', 'or'."""
    out = set()
    for tok in re.split(r"[\s/,]+", text.replace("−", "-")):
        m = re.fullmatch(r"(\d)[–-](\d)", tok)
        if m:
            out.update(str(i) for i in range(int(m[1]), int(m[2]) + 1))
        elif tok and tok != "or":
            out.add(tok)
    return out


def test_keys_documented():
    """Every key name of the binding table's help column (src/app/input.c)
    is a key named in the manual page's KEYS section and README's keys table."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(REF)))
    with open(os.path.join(root, "src", "app", "input.c"), encoding="utf-8") as f:
        src = f.read()
    rows = re.findall(r'\{\s*SDLK_\w+\s*,\s*MOD_\w+\s*,\s*ACTION_\w+\s*,\s*(?:N_\()?'
                      r'(NULL|"(?:[^"\\]|\\.)*")', src)
    check(len(rows) == len(re.findall(r"\{\s*SDLK_", src)), "every binding row parsed")
    table = set()
    for r in rows:
        if r != "NULL":
            table |= key_tokens(r[1:-1])
    check(len(table) >= 40, f"{len(table)} key names in the binding table")

    with open(os.path.join(root, "assets", "optiviz.1"), encoding="utf-8") as f:
        man = f.read()
    keys = re.search(r"^\.SH KEYS\n(.*?)^\.SH ", man, re.S | re.M)
    tags = set()
    check(keys is not None, "the manual page has a KEYS section")
    if keys:
        lines = keys[1].split("\n")
        for prev, line in zip(lines, lines[1:]):
            if prev.startswith((".TP", ".TQ")):
                line = re.sub(r"\\f[BRIP]|\\[&%]", "", line).replace("\\-", "-")
                tags |= key_tokens(re.sub(r"^\.[A-Z]+\s*", "", line).replace('"', " "))
    check(table <= tags, f"the man page's KEYS names every key of the table (missing: {sorted(table - tags)})")

    with open(os.path.join(root, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    block = re.search(r"^\| key \| does \|\n\|[-|]+\|\n((?:\|.*\n)+)", readme, re.M)
    cells = set()
    check(block is not None, "README has the keys table")
    if block:
        for line in block[1].splitlines():
            cells |= key_tokens(line.split("|")[1])
    check(table <= cells, f"README's keys table names every key of the table (missing: {sorted(table - cells)})")


for t in [test_list, test_trace_closed_form, test_trace_matches_torch, test_trace_2d_leaves_domain,
          test_noise_seeded, test_non_finite_stops_early, test_shot, test_lang, test_particles, test_critical,
          test_bad_input, test_scenes, test_scene_formula_and_signal, test_expr, test_help, test_shot_output_dir,
          test_keys_documented, test_bench]:
    before = len(failures)
    t()
    print(("ok  " if len(failures) == before else "FAIL"), t.__name__)
sys.exit(1 if failures else 0)
