#!/usr/bin/env python3
"""CLI tests of optiviz: run the binary, parse its CSV, compare numbers.

Usage: test_cli.py OPTIVIZ_BINARY REFERENCE_DIR
Standard library only (no torch, no numpy). Checks `list`, `trace` against
closed forms and the committed torch.optim references, seeded noise,
early stop on non-finite values, iterates leaving the domain, `shot` PNG
output, `critical` (risk, empirical risk, saddle, cubic, tanh, Himmelblau,
--domain), and exit code 2 with one stderr line for every kind of bad input.
"""
import math
import os
import struct
import subprocess
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


def critical_rows(*args):
    code, out, err = run("critical", *args)
    check(code == 0 and err == "", f"critical {args}: exit {code} {err!r}")
    lines = out.strip().split("\n")
    rows = [ln.split(",") for ln in lines[1:]]
    return lines[0].split(","), [[float(v) for v in r[:-1]] + [r[-1]] for r in rows]


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
    (["critical", "--function", "tanh", "--domain", "-1e20:1e20"], "100 times"),
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
]


def test_bad_input():
    for args, needle in BAD:
        code, out, err = run(*args)
        lines = [ln for ln in err.split("\n") if ln.strip()]
        check(code == 2, f"{args}: exit {code}, expected 2 ({err.strip()})")
        check(len(lines) == 1, f"{args}: {len(lines)} stderr lines: {err!r}")
        check(needle in err, f"{args}: stderr names {needle!r}: {err.strip()}")


for t in [test_list, test_trace_closed_form, test_trace_matches_torch, test_trace_2d_leaves_domain,
          test_noise_seeded, test_non_finite_stops_early, test_shot, test_particles, test_critical,
          test_bad_input]:
    before = len(failures)
    t()
    print(("ok  " if len(failures) == before else "FAIL"), t.__name__)
sys.exit(1 if failures else 0)
